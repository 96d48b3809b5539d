from django import forms
from django.utils import timezone

from indicators.models import Indicator

from .models import Result, target_errors
from .validation import computed_actual, result_errors

FIGURE = {"required": False, "max_digits": 20, "decimal_places": 6,
          "widget": forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"})}


class PeriodChoiceForm(forms.Form):
    period = forms.DateField(label="Period ending", widget=forms.Select)

    def __init__(self, *args, period_choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["period"].widget.choices = period_choices


class ResultEntryForm(forms.Form):
    """One indicator's row on the quarter entry page."""

    actual = forms.DecimalField(**FIGURE)
    numerator = forms.DecimalField(**FIGURE)
    denominator = forms.DecimalField(**FIGURE)
    forecast = forms.DecimalField(label="Year-end forecast", **FIGURE)
    data_status = forms.ChoiceField(choices=Result.DataStatus.choices, initial=Result.DataStatus.PROVISIONAL)
    commentary = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))
    actions = forms.CharField(label="What actions are we taking", required=False,
                              widget=forms.Textarea(attrs={"rows": 3}))
    risks = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, indicator: Indicator, period_end, result: Result | None = None, **kwargs):
        self.indicator = indicator
        self.period_end = period_end
        self.result = result
        if result is not None:
            kwargs["initial"] = {name: getattr(result, name) for name in self.base_fields}
        super().__init__(*args, prefix=indicator.code, **kwargs)
        if indicator.unit not in ("percentage", "rate_per_10000"):
            del self.fields["numerator"], self.fields["denominator"]
        self.locked = result is not None and result.state == Result.State.APPROVED

    def has_changed(self):
        """A row with no result yet counts only once something is typed into it."""
        if self.result is None:
            typed = [name for name in self.fields if name != "data_status"]
            return any(str(self.data.get(self.add_prefix(name), "")).strip() for name in typed)
        return super().has_changed()

    def figure_fields(self):
        return [self[name] for name in ("actual", "numerator", "denominator", "forecast", "data_status")
                if name in self.fields]

    def narrative_fields(self):
        return [self["commentary"], self["actions"], self["risks"]]

    def clean(self):
        data = super().clean()
        numerator, denominator = data.get("numerator"), data.get("denominator")
        computed = computed_actual(self.indicator.unit, numerator, denominator)
        if computed is not None:
            data["actual"] = computed
        for field, message in result_errors(unit=self.indicator.unit, period_end=self.period_end,
                                            today=timezone.localdate(), actual=data.get("actual"),
                                            numerator=numerator, denominator=denominator).items():
            self.add_error(field if field in self.fields else None, message)
        return data


class AnnualTargetForm(forms.Form):
    """A yearly target entered once and applied to every period of the financial year."""

    year = forms.TypedChoiceField(coerce=int)
    target = forms.DecimalField(**FIGURE)
    floor = forms.DecimalField(label="Floor standard", **FIGURE)
    lower_threshold = forms.DecimalField(**FIGURE)
    upper_threshold = forms.DecimalField(**FIGURE)

    def __init__(self, *args, indicator: Indicator, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicator = indicator
        self.fields["year"].choices = years
        unused = ("lower_threshold", "upper_threshold") if indicator.is_kpi else ("target", "floor")
        for name in unused:
            del self.fields[name]

    def clean(self):
        data = super().clean()
        for field, message in target_errors(self.indicator.polarity, data.get("target"), data.get("floor"),
                                            data.get("lower_threshold"), data.get("upper_threshold")).items():
            self.add_error(field, message)
        return data
