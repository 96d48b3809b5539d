import django_tables2 as tables

from indicators.tables import BaseTable

from .models import ExceptionAlert


class ExceptionAlertTable(BaseTable):
    indicator = tables.Column(linkify=True)
    period_end = tables.DateColumn(format="j M Y", verbose_name="Period ending")
    sent_at = tables.DateTimeColumn(format="j M Y H:i", verbose_name="Sent")

    class Meta:
        model = ExceptionAlert
        fields = ("indicator", "kind", "period_end", "summary", "recipient", "status", "created_at", "sent_at")
        default_columns = ("indicator", "kind", "period_end", "summary", "recipient", "status", "sent_at")
        empty_text = "No alerts have been sent for these indicators."
