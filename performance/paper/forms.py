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


NarrativeFormSet = forms.inlineformset_factory(
    QuarterReport, DirectorateNarrative, fields=["directorate", "summary", "narrative"], extra=0, can_delete=False,
    widgets={"directorate": forms.HiddenInput, "summary": forms.Textarea(attrs={"rows": 3}),
             "narrative": forms.Textarea(attrs={"rows": 6})})
