from indicators.roles import editable_indicators, is_performance_team
from indicators.views import ObjectListView

from ..filtersets import ExceptionAlertFilterSet
from ..models import ExceptionAlert
from ..tables import ExceptionAlertTable


class ExceptionAlertListView(ObjectListView):
    """The alerts sent for the indicators a user reports on (all of them for the performance team)."""

    filterset_class = ExceptionAlertFilterSet
    table_class = ExceptionAlertTable
    export_name = "exception-alerts"
    extra_context = {"title": "Exception alerts sent"}

    def get_queryset(self):
        alerts = ExceptionAlert.objects.select_related("indicator")
        if is_performance_team(self.request.user):
            return alerts
        return alerts.filter(indicator__in=editable_indicators(self.request.user))
