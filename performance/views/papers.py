"""The Cabinet paper: fill in the quarter's covering report, generate, follow progress, publish, download."""

from datetime import date

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views import View
from django.views.generic import DetailView, TemplateView

from indicators.models import Directorate
from indicators.roles import is_performance_team

from ..dashboards import quarters_with_data
from ..models import CabinetPaper, QuarterReport
from ..paper import content, services
from ..paper import render as paper_render
from ..paper.forms import QuarterReportForm, narrative_formset
from ..periods import Period


def quarter_from_url(value: str) -> Period:
    try:
        quarter = Period("quarterly", date.fromisoformat(value))
    except ValueError as error:
        raise Http404("Not a date") from error
    if not quarter.is_standard:
        raise Http404("Not a quarter end")
    return quarter


def visible_papers(user):
    papers = CabinetPaper.objects.select_related("report", "generated_by", "published_by")
    return papers if is_performance_team(user) else papers.filter(published_at__isnull=False)


class PaperListView(TemplateView):
    """Every quarter's papers with who generated and published them, and when."""

    template_name = "paper/list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        papers = list(visible_papers(self.request.user))
        by_quarter: dict[date, list] = {}
        for paper in papers:
            by_quarter.setdefault(paper.report.quarter_end, []).append(paper)
        quarters = [q.end for q in quarters_with_data(8)] if is_performance_team(self.request.user) else []
        for end in quarters:
            by_quarter.setdefault(end, [])
        context.update(title="Cabinet papers", quarters=[
            (Period("quarterly", end), by_quarter[end]) for end in sorted(by_quarter, reverse=True)])
        return context


class QuarterPaperView(View):
    """The performance team's page for one quarter: covering report, narratives, generate."""

    template_name = "paper/quarter.html"

    def dispatch(self, request, *args, **kwargs):
        if not is_performance_team(request.user):
            raise PermissionDenied("Only the performance team prepares the Cabinet paper.")
        self.quarter = quarter_from_url(kwargs["quarter_end"])
        return super().dispatch(request, *args, **kwargs)

    def forms(self, report, data=None):
        return (QuarterReportForm(data, instance=report, prefix="report"),
                narrative_formset(report, Directorate.objects.all(), data))

    def get(self, request, quarter_end):
        """Reading the page writes nothing: the quarter's report is saved on the first "Save"."""
        report = (QuarterReport.objects.filter(quarter_end=self.quarter.end).first()
                  or QuarterReport(quarter_end=self.quarter.end))
        form, narratives = self.forms(report)
        return self.render(request, report, form, narratives)

    def post(self, request, quarter_end):
        report = services.report_for(self.quarter.end)
        form, narratives = self.forms(report, request.POST)
        if not (form.is_valid() and narratives.is_valid()):
            messages.error(request, "Nothing was saved: correct the fields marked below.")
            return self.render(request, report, form, narratives, status=400)
        with transaction.atomic():
            report = form.save(commit=False)
            report.updated_by = request.user
            report.save()
            narratives.save()
        if "generate" in request.POST:
            paper = services.request_paper(report, request.user)
            return redirect(paper)
        messages.success(request, "The covering report and narratives are saved.")
        return redirect(report)

    def render(self, request, report, form, narratives, status=200):
        return render(request, self.template_name, {
            "report": report, "form": form, "narratives": narratives, "quarter": self.quarter,
            "papers": report.papers.select_related("generated_by", "published_by") if report.pk else [],
            "title": f"Cabinet paper for {self.quarter.label}"}, status=status)


class PaperPreviewView(View):
    """The paper as accessible HTML in the browser, with live figures (what the next PDF will show)."""

    def get(self, request, quarter_end):
        if not is_performance_team(request.user):
            raise PermissionDenied
        report = get_object_or_404(QuarterReport, quarter_end=quarter_from_url(quarter_end).end)
        return HttpResponse(paper_render.render_html(content.build(report), for_print=False))


class PaperDetailView(DetailView):
    template_name = "paper/detail.html"
    context_object_name = "paper"

    def get_queryset(self):
        return visible_papers(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(title=str(self.object), revisions=services.revisions_since_publication(self.object))
        return context


class PaperStatusView(View):
    """Progress for the paper page to poll while the task runs."""

    def get(self, request, pk):
        paper = get_object_or_404(visible_papers(request.user), pk=pk)
        return JsonResponse({"status": paper.status, "progress": paper.progress, "message": paper.progress_message,
                             "error": paper.error, "done": paper.status in ("ready", "failed")})


class PaperDownloadView(View):
    def get(self, request, pk):
        paper = get_object_or_404(visible_papers(request.user), pk=pk, status=CabinetPaper.Status.READY)
        name = f"quarterly-performance-report-{paper.report.quarter.label.replace('/', '-').replace(' ', '-')}.pdf"
        return FileResponse(paper.pdf.open("rb"), as_attachment=True, filename=name, content_type="application/pdf")


class PaperPublishView(View):
    def post(self, request, pk):
        paper = get_object_or_404(CabinetPaper, pk=pk)
        try:
            services.publish(paper, request.user)
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(request, "Published. This paper and its figures are now frozen.")
        return redirect(paper)
