from django import forms

from ..models import DirectorateNarrative, QuarterReport


class QuarterReportForm(forms.ModelForm):
    class Meta:
        model = QuarterReport
        fields = ["report_from", "report_to", "meeting_date", "subject", "classification", "summary",
                  "recommendation", "contact_details"]
        widgets = {"meeting_date": forms.DateInput(attrs={"type": "date"}),
                   "summary": forms.Textarea(attrs={"rows": 4}), "recommendation": forms.Textarea(attrs={"rows": 2}),
                   "contact_details": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"subject": "Blank: “Quarterly Performance Report, Quarter N, YYYY/YY”",
                      "recommendation": "Blank: “Cabinet is asked to NOTE the Quarter N Performance Report.”",
                      "report_from": "Blank: the cabinet members of every directorate"}


def narrative_formset(report: QuarterReport, directorates, data=None):
    """One narrative form per directorate: those already written, then blank ones saved only if filled in."""
    existing = report.narratives.select_related("directorate") if report.pk else DirectorateNarrative.objects.none()
    written = {n.directorate_id for n in existing}
    missing = [d for d in directorates if d.pk not in written]
    formset_class = forms.inlineformset_factory(
        QuarterReport, DirectorateNarrative, fields=["directorate", "summary", "narrative"], extra=len(missing),
        can_delete=False, widgets={"directorate": forms.HiddenInput, "summary": forms.Textarea(attrs={"rows": 3}),
                                   "narrative": forms.Textarea(attrs={"rows": 6})})
    formset = formset_class(data, instance=report, prefix="narratives", queryset=existing,
                            initial=[{"directorate": d.pk} for d in missing])
    for form, directorate in zip(formset.extra_forms, missing, strict=True):
        form.instance.directorate = directorate
    return formset
