from django.db import models

from indicators.models import Indicator


class ExceptionAlert(models.Model):
    """One exception sent (or being sent) to one recipient: the log that makes alerts exactly-once.

    The unique key (recipient, indicator, kind, period) means a re-run, a retried task or a
    second worker can never create a second alert for the same exception.
    """

    class Kind(models.TextChoices):
        NEWLY_RED = "newly_red", "Newly red"
        REPEATEDLY_AMBER = "repeatedly_amber", "Repeatedly amber"
        OUTSIDE_RANGE = "outside_range", "Activity outside its expected range"
        MISSING = "missing", "Result missing"

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting to be sent"
        SENDING = "sending", "Being sent"
        SENT = "sent", "Sent"

    recipient = models.EmailField()
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="alerts")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    period_end = models.DateField()
    summary = models.CharField(max_length=300, help_text="The exception with its figures")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    claim = models.CharField(max_length=32, blank=True, help_text="Which run is sending it")
    claimed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "indicator"]
        constraints = [models.UniqueConstraint(fields=["recipient", "indicator", "kind", "period_end"],
                                               name="one_alert_per_exception_and_recipient")]
        indexes = [models.Index(fields=["recipient", "status"])]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.indicator.code} {self.period_end} to {self.recipient}"
