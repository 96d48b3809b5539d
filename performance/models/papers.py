"""The quarterly Cabinet paper: what the performance team writes for a quarter, and each generated PDF."""

from django.conf import settings
from django.db import models
from django.urls import reverse

from indicators.models import Directorate

from ..periods import Period


class QuarterReport(models.Model):
    """The covering report and narratives the performance team fills in for one quarter."""

    quarter_end = models.DateField(unique=True)
    report_from = models.CharField("from", max_length=300, blank=True,
                                   help_text="Cabinet member and corporate director presenting the report")
    report_to = models.CharField("to", max_length=200, default="Cabinet")
    meeting_date = models.DateField(null=True, blank=True)
    subject = models.CharField(max_length=300, blank=True)
    classification = models.CharField(max_length=100, default="Unrestricted")
    summary = models.TextField(blank=True)
    recommendation = models.TextField(blank=True)
    contact_details = models.TextField(blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-quarter_end"]

    def __str__(self):
        return f"Quarterly Performance Report {self.quarter.label}"

    def get_absolute_url(self):
        return reverse("performance:paper-quarter", args=[self.quarter_end.isoformat()])

    @property
    def quarter(self) -> Period:
        return Period("quarterly", self.quarter_end)

    def default_subject(self) -> str:
        return f"Quarterly Performance Report, Quarter {self.quarter.quarter_number}, {self.quarter.financial_year}"

    def default_recommendation(self) -> str:
        return f"Cabinet is asked to NOTE the Quarter {self.quarter.quarter_number} Performance Report."


class DirectorateNarrative(models.Model):
    report = models.ForeignKey(QuarterReport, on_delete=models.CASCADE, related_name="narratives")
    directorate = models.ForeignKey(Directorate, on_delete=models.CASCADE, related_name="+")
    summary = models.TextField("executive summary paragraph", blank=True)
    narrative = models.TextField("directorate section narrative", blank=True)

    class Meta:
        ordering = ["directorate__display_order"]
        constraints = [models.UniqueConstraint(fields=["report", "directorate"], name="one_narrative_per_directorate")]

    def __str__(self):
        return f"{self.directorate} – {self.report}"


class CabinetPaper(models.Model):
    """One generated paper. Once published it never changes: its PDF and the values it used are kept."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        GENERATING = "generating", "Generating"
        READY = "ready", "Ready"
        FAILED = "failed", "Failed"

    report = models.ForeignKey(QuarterReport, on_delete=models.PROTECT, related_name="papers")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    progress_message = models.CharField(max_length=200, blank=True)
    error = models.TextField(blank=True)
    figures_hash = models.CharField(max_length=64, blank=True, db_index=True,
                                    help_text="Hash of everything the paper shows; an unchanged paper is reused")
    pdf = models.FileField(upload_to="papers/", blank=True)
    pages = models.PositiveSmallIntegerField(null=True, blank=True)
    values = models.JSONField(default=dict, blank=True, help_text="The figures the paper used, frozen")
    generated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+")
    requested_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    generated_at = models.DateTimeField(null=True, blank=True)
    seconds = models.FloatField(null=True, blank=True, help_text="Time taken to generate")
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+")
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at"]
        constraints = [models.UniqueConstraint(fields=["report"], condition=models.Q(published_at__isnull=False),
                                               name="one_published_paper_per_quarter")]

    def __str__(self):
        return f"{self.report} (#{self.pk})"

    def get_absolute_url(self):
        return reverse("performance:paper", args=[self.pk])

    @property
    def is_published(self) -> bool:
        return self.published_at is not None
