"""Spreadsheet import in the browser, for the performance team: upload, preview what will change, confirm.

The uploaded file waits under VAR_DIR/imports/ until it is confirmed; the confirmation checks it again,
because the data may have changed in between, and then deletes it.
"""

import time
import uuid
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views import View

from indicators import importers as catalogue
from indicators.roles import is_performance_team
from indicators.spreadsheets import CONTENT_TYPES, FORMATS, SpreadsheetRejected, write_sheet

from . import importers as results

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
KEEP_UPLOADS_SECONDS = 24 * 60 * 60
SESSION_KEY = "spreadsheet_imports"
KINDS = {"results": "Results, targets and commentary", "indicators": "Indicator catalogue"}
TEMPLATES = {"results": (results.COLUMNS, results.EXAMPLE), "indicators": (catalogue.COLUMNS, catalogue.EXAMPLE)}


class UploadForm(forms.Form):
    kind = forms.ChoiceField(label="What the file holds", choices=KINDS.items(), initial="results",
                             widget=forms.RadioSelect)
    file = forms.FileField(label="Spreadsheet file", help_text="CSV (UTF-8) or Excel workbook (.xlsx), up to 5 MB.",
                           widget=forms.FileInput(attrs={"accept": ".csv,.xlsx", "aria-describedby": "file-hint"}))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if Path(upload.name).suffix.lower() not in (".csv", ".xlsx"):
            raise forms.ValidationError("Choose a .csv or .xlsx file. In Excel, use Save As to make one.")
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(f"The file is {upload.size / 1024 / 1024:.1f} MB; the most allowed is 5 MB. "
                                        "Split it into smaller files.")
        return upload


def upload_dir() -> Path:
    return Path(settings.VAR_DIR) / "imports"


def plan_import(kind: str, path: Path, user):
    return results.plan_results(path, user) if kind == "results" else catalogue.plan_catalogue(path)


def render_upload(request, form, errors=(), filename="", status=200):
    return render(request, "performance/import_upload.html", {
        "form": form, "errors": errors, "filename": filename, "title": "Import a spreadsheet",
        "templates": [(kind, label, FORMATS) for kind, label in KINDS.items()],
    }, status=status)


class PerformanceTeamOnly(View):
    def dispatch(self, request, *args, **kwargs):
        if not is_performance_team(request.user):
            raise PermissionDenied("Only the performance team imports spreadsheets.")
        return super().dispatch(request, *args, **kwargs)


class ImportView(PerformanceTeamOnly):
    def get(self, request):
        return render_upload(request, UploadForm())

    def post(self, request):
        form = UploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return render_upload(request, form, status=400)
        kind, upload = form.cleaned_data["kind"], form.cleaned_data["file"]
        path = self.store(upload)
        try:
            plan = plan_import(kind, path, request.user)
        except SpreadsheetRejected as rejected:
            path.unlink()
            return render_upload(request, form, errors=rejected.errors, filename=upload.name, status=400)
        if plan.changing_rows:
            request.session.setdefault(SESSION_KEY, {})[path.stem] = {"kind": kind, "name": upload.name,
                                                                        "suffix": path.suffix}
            request.session.modified = True
        else:
            path.unlink()
        return render(request, "performance/import_preview.html", {
            "plan": plan, "token": path.stem, "filename": upload.name, "kind_label": KINDS[kind],
            "title": "Check the import",
        })

    @staticmethod
    def store(upload) -> Path:
        """Keep the upload until it is confirmed; clear out uploads that were never confirmed."""
        folder = upload_dir()
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.iterdir():
            if old.stat().st_mtime < time.time() - KEEP_UPLOADS_SECONDS:
                old.unlink(missing_ok=True)
        path = folder / f"{uuid.uuid4().hex}{Path(upload.name).suffix.lower()}"
        with path.open("wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
        return path


class ImportConfirmView(PerformanceTeamOnly):
    def post(self, request):
        uploads = request.session.get(SESSION_KEY, {})
        upload = uploads.pop(request.POST.get("token", ""), None)
        request.session.modified = True
        path = upload and upload_dir() / f"{request.POST['token']}{upload['suffix']}"
        if upload is None or not path.exists():
            messages.error(request, "That upload has already been imported or has expired. Upload the file again.")
            return redirect("performance:import")
        try:
            plan = plan_import(upload["kind"], path, request.user)
            plan.apply()
        except SpreadsheetRejected as rejected:
            return render_upload(request, UploadForm(initial={"kind": upload["kind"]}), errors=rejected.errors,
                                 filename=upload["name"], status=400)
        finally:
            path.unlink(missing_ok=True)
        messages.success(request, f"Imported {upload['name']}: {plan.summary()}.")
        return redirect("performance:import")


class ImportTemplateView(PerformanceTeamOnly):
    def get(self, request, kind, fmt):
        if kind not in TEMPLATES or fmt not in FORMATS:
            raise Http404("There is no such template.")
        columns, example = TEMPLATES[kind]
        response = HttpResponse(write_sheet(list(columns), [example], fmt), content_type=CONTENT_TYPES[fmt])
        response["Content-Disposition"] = f'attachment; filename="{kind}-template.{fmt}"'
        return response
