"""The indicator catalogue and the organisation that owns it."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from performance.periods import Frequency, Period, add_months, is_month_end, month_end

VALUE = {"max_digits": 20, "decimal_places": 6, "null": True, "blank": True}


class Directorate(models.Model):
    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    cabinet_member = models.CharField(max_length=200, blank=True, help_text="Cabinet member(s), comma separated")
    corporate_director = models.CharField(max_length=200, blank=True)
    directors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="directorates_led",
        help_text="Users who sign off this directorate's data and narrative",
    )
    display_order = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords(m2m_fields=[])

    class Meta:
        ordering = ["display_order", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("indicators:directorate", args=[self.slug])


class Division(models.Model):
    """A service area within a directorate."""

    directorate = models.ForeignKey(Directorate, on_delete=models.PROTECT, related_name="divisions")
    name = models.CharField(max_length=120)
    officers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="divisions",
        help_text="Officers of this service area may enter results for all its indicators",
    )

    class Meta:
        ordering = ["directorate__display_order", "name"]
        constraints = [models.UniqueConstraint(fields=["directorate", "name"], name="unique_division_name")]

    def __str__(self):
        return self.name


class Indicator(models.Model):
    class Kind(models.TextChoices):
        KPI = "kpi", "Key performance indicator"
        ACTIVITY = "activity", "Activity indicator"

    class Polarity(models.TextChoices):
        HIGHER = "higher", "Higher is better"
        LOWER = "lower", "Lower is better"

    class Unit(models.TextChoices):
        NUMBER = "number", "Number"
        PERCENTAGE = "percentage", "Percentage"
        RATE_PER_10000 = "rate_per_10000", "Rate per 10,000"
        DAYS = "days", "Days"
        CURRENCY = "currency", "Currency (£)"
        OTHER = "other", "Other"

    class YearBasis(models.TextChoices):
        FINANCIAL = "financial", "Financial year (April–March)"
        ACADEMIC = "academic", "Academic year (September–August)"
        CALENDAR = "calendar", "Calendar year"

    class ReportingBasis(models.TextChoices):
        SNAPSHOT = "snapshot", "Snapshot at period end"
        PERIOD = "period", "Value for the period"
        ROLLING_12 = "rolling_12", "Rolling 12 months"
        FINANCIAL_YTD = "financial_ytd", "Financial year to date"
        ACADEMIC_YTD = "academic_ytd", "Academic year to date"
        MONTH_END_AVERAGE = "month_end_average", "Average of the month-ends in the quarter"

    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        SUSPENDED = "suspended", "Suspended"
        EMBARGOED = "embargoed", "Data embargoed"
        REPLACED = "replaced", "Replaced by another indicator"

    class DotMethod(models.TextChoices):
        PREVIOUS = "previous", "Compared with the previous period"
        TREND = "trend", "Trend (regression over recent periods)"

    code = models.CharField(max_length=30, unique=True, help_text="Stable reference, e.g. CS01")
    title = models.CharField(max_length=300)
    short_title = models.CharField(max_length=120, blank=True)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.KPI)
    directorate = models.ForeignKey(Directorate, on_delete=models.PROTECT, related_name="indicators")
    division = models.ForeignKey(
        Division, on_delete=models.SET_NULL, null=True, blank=True, related_name="indicators",
        help_text="Service area",
    )
    accountable_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="accountable_indicators",
    )
    director = models.CharField(max_length=200, blank=True)
    strategic_priority = models.CharField(max_length=300, blank=True)
    ambition = models.CharField(max_length=300, blank=True)
    polarity = models.CharField(max_length=10, choices=Polarity.choices, default=Polarity.HIGHER)
    unit = models.CharField(max_length=20, choices=Unit.choices, default=Unit.NUMBER)
    unit_label = models.CharField(max_length=80, blank=True, help_text='e.g. "kg per household", "tonnes"')
    decimal_places = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(6)],
        help_text="Precision shown to readers; ratings compare at this precision. Blank: as entered.",
    )
    frequency = models.CharField(max_length=10, choices=[(f.value, f.value.capitalize()) for f in Frequency],
                                 default=Frequency.QUARTERLY.value)
    year_basis = models.CharField(max_length=10, choices=YearBasis.choices, default=YearBasis.FINANCIAL)
    reporting_basis = models.CharField(max_length=20, choices=ReportingBasis.choices, blank=True)
    data_source = models.CharField(max_length=300, blank=True)
    definition = models.TextField(blank=True, help_text="How it is calculated, e.g. numerator / denominator")
    notes = models.TextField(blank=True, help_text="Data notes shown with the indicator")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    replaced_by = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="replaces")
    dot_method = models.CharField(
        "direction-of-travel method", max_length=10, choices=DotMethod.choices, blank=True,
        help_text="Blank: the council's default method",
    )
    display_order = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["directorate__display_order", "directorate__name", "display_order", "code"]
        indexes = [models.Index(fields=["directorate", "kind"])]

    def __str__(self):
        return f"{self.code} {self.short_title or self.title}"

    def get_absolute_url(self):
        return reverse("indicators:detail", args=[self.code])

    @property
    def effective_dot_method(self) -> str:
        return self.dot_method or settings.RATING_DOT_METHOD

    @property
    def is_kpi(self) -> bool:
        return self.kind == self.Kind.KPI

    def period(self, end) -> Period:
        return Period(self.frequency, end)

    def reports_on(self, end) -> bool:
        """Whether a period of this indicator ends on this date (an annual one at the end of its kind of year)."""
        if self.frequency == Frequency.ANNUAL:
            return is_month_end(end) and end.month == YEAR_END_MONTH.get(self.year_basis, 3)
        return self.period(end).is_standard

    def year_label(self, start_year: int) -> str:
        """The indicator's kind of year: "2020/21" (financial), "2020/21 academic year", "2020" (calendar)."""
        if self.year_basis == self.YearBasis.CALENDAR:
            return str(start_year)
        suffix = " academic year" if self.year_basis == self.YearBasis.ACADEMIC else ""
        return f"{start_year}/{(start_year + 1) % 100:02d}{suffix}"

    def periods_in_year(self, start_year: int) -> list[Period]:
        """The indicator's periods ending within its kind of year that starts in `start_year`."""
        first = month_end(start_year, YEAR_START_MONTH.get(self.year_basis, 4))
        return [self.period(end) for end in (add_months(first, n) for n in range(12)) if self.reports_on(end)]

    def latest_period(self, day) -> Period:
        """The indicator's latest period ending on or before the day."""
        end = month_end(day.year, day.month)
        while end > day or not self.reports_on(end):
            end = add_months(end, -1)
        return self.period(end)

    def clean(self):
        errors = {}
        if self.status == self.Status.REPLACED and not self.replaced_by_id:
            errors["replaced_by"] = "Say which indicator replaces this one."
        if self.replaced_by_id and self.replaced_by_id == self.pk:
            errors["replaced_by"] = "An indicator cannot replace itself."
        if self.division_id and self.directorate_id and self.division.directorate_id != self.directorate_id:
            errors["division"] = "This service area belongs to another directorate."
        if errors:
            raise ValidationError(errors)


YEAR_END_MONTH = {Indicator.YearBasis.FINANCIAL: 3, Indicator.YearBasis.ACADEMIC: 8, Indicator.YearBasis.CALENDAR: 12}
YEAR_START_MONTH = {basis: end % 12 + 1 for basis, end in YEAR_END_MONTH.items()}


class ComparatorSeries(models.Model):
    """A benchmark shown beside an indicator, e.g. national or statistical neighbour average."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="comparators")
    name = models.CharField(max_length=120)

    class Meta:
        verbose_name_plural = "comparator series"
        ordering = ["indicator", "name"]
        constraints = [models.UniqueConstraint(fields=["indicator", "name"], name="unique_comparator_name")]

    def __str__(self):
        return f"{self.name} ({self.indicator.code})"


class ComparatorValue(models.Model):
    series = models.ForeignKey(ComparatorSeries, on_delete=models.CASCADE, related_name="values")
    period_end = models.DateField()
    value = models.DecimalField(max_digits=20, decimal_places=6)
    history = HistoricalRecords()

    class Meta:
        ordering = ["series", "period_end"]
        constraints = [models.UniqueConstraint(fields=["series", "period_end"], name="unique_comparator_period")]

    def __str__(self):
        return f"{self.series.name} {self.period_end}: {self.value}"
