"""Targets, results and the ratings stored with them."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from indicators.models import VALUE, Indicator

from ..periods import Period
from ..rules import ActivityStatus, Direction, Rag
from ..validation import computed_actual, result_errors


def _choices(enum):
    return [(member.value, member.value.replace("_", " ").capitalize()) for member in enum]


class Target(models.Model):
    """The target and floor standard in force for an indicator in a period.

    For activity indicators, the lower and upper thresholds of the expected range.
    """

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    period_end = models.DateField()
    target = models.DecimalField(**VALUE)
    floor = models.DecimalField("floor standard", **VALUE)
    lower_threshold = models.DecimalField(**VALUE)
    upper_threshold = models.DecimalField(**VALUE)
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="+")
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator", "period_end"]
        constraints = [models.UniqueConstraint(fields=["indicator", "period_end"], name="unique_target_period")]

    def __str__(self):
        return f"{self.indicator.code} {self.period}"

    @property
    def period(self) -> Period:
        return self.indicator.period(self.period_end)

    def clean(self):
        errors = target_errors(self.indicator.polarity, self.target, self.floor,
                               self.lower_threshold, self.upper_threshold) if self.indicator_id else {}
        if errors:
            raise ValidationError(errors)


def target_errors(polarity, target, floor, lower, upper) -> dict[str, str]:
    errors = {}
    if target is not None and floor is not None:
        if polarity == Indicator.Polarity.HIGHER and floor > target:
            errors["floor"] = (f"Higher is better, so the floor standard ({floor}) "
                               f"cannot be above the target ({target}).")
        if polarity == Indicator.Polarity.LOWER and floor < target:
            errors["floor"] = f"Lower is better, so the floor standard ({floor}) cannot be below the target ({target})."
    if lower is not None and upper is not None and lower > upper:
        errors["lower_threshold"] = f"The lower threshold ({lower}) is above the upper threshold ({upper})."
    return errors


class Result(models.Model):
    class DataStatus(models.TextChoices):
        PROVISIONAL = "provisional", "Provisional (management information)"
        FINAL = "final", "Final"

    class State(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Submitted"
        APPROVED = "approved", "Approved"

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="results")
    period_end = models.DateField()
    actual = models.DecimalField(**VALUE)
    numerator = models.DecimalField(**VALUE)
    denominator = models.DecimalField(**VALUE)
    commentary = models.TextField(blank=True)
    actions = models.TextField("what actions are we taking", blank=True)
    risks = models.TextField(blank=True)
    forecast = models.DecimalField("year-end forecast", **VALUE)
    data_status = models.CharField(max_length=12, choices=DataStatus.choices, default=DataStatus.PROVISIONAL)
    state = models.CharField(max_length=10, choices=State.choices, default=State.DRAFT)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+")
    submitted_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+")
    approved_at = models.DateTimeField(null=True, blank=True)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    entered_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    # Stored ratings: computed by performance.rating after each change, never on page views.
    rag = models.CharField("RAG (computed)", max_length=16, choices=_choices(Rag), default=Rag.NO_DATA)
    no_floor = models.BooleanField(default=False, help_text="Target missed and no floor standard set")
    rag_override = models.CharField(max_length=16, choices=_choices(Rag), blank=True)
    rag_override_reason = models.TextField(blank=True)
    direction = models.CharField(max_length=16, choices=_choices(Direction), default=Direction.NOT_AVAILABLE)
    activity_status = models.CharField(max_length=16, choices=_choices(ActivityStatus),
                                       default=ActivityStatus.NOT_APPLICABLE)
    expected_lower = models.DecimalField(**VALUE)
    expected_upper = models.DecimalField(**VALUE)
    expected_range_derived = models.BooleanField(default=False)
    trend_slope = models.FloatField(null=True, blank=True)
    trend_p_value = models.FloatField(null=True, blank=True)
    trend_points = models.PositiveSmallIntegerField(null=True, blank=True)
    rating_explanation = models.TextField(blank=True)
    rated_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator", "period_end"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "period_end"], name="unique_result_period"),
            models.CheckConstraint(
                condition=models.Q(rag_override="", rag_override_reason="")
                | (~models.Q(rag_override="") & ~models.Q(rag_override_reason="")),
                name="rating_override_has_reason",
            ),
        ]
        indexes = [models.Index(fields=["period_end", "indicator"])]

    def __str__(self):
        return f"{self.indicator.code} {self.period}"

    def get_absolute_url(self):
        return reverse("performance:result-history", args=[self.pk])

    @property
    def period(self) -> Period:
        return self.indicator.period(self.period_end)

    @property
    def rag_shown(self) -> str:
        """The rating readers see: the performance team's override where there is one."""
        return self.rag_override or self.rag

    def fill_computed_actual(self):
        value = computed_actual(self.indicator.unit, self.numerator, self.denominator)
        if value is not None:
            self.actual = value

    def clean(self):
        if not self.indicator_id or not self.period_end:
            return
        self.fill_computed_actual()
        errors = result_errors(unit=self.indicator.unit, period_end=self.period_end,
                               today=timezone.localdate(), actual=self.actual,
                               numerator=self.numerator, denominator=self.denominator)
        if self.rag_override and not self.rag_override_reason.strip():
            errors["rag_override_reason"] = "Give the reason for overriding the rating."
        if errors:
            raise ValidationError(errors)
