from django.db.models import CharField, DateField, DecimalField, Value
from django.views.generic import TemplateView
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin
from django_tables2.export import ExportMixin

from performance.dashboards import annotate_as_at
from performance.views.dashboards import QuarterMixin

from .filtersets import IndicatorFilterSet
from .models import Indicator
from .roles import editable_indicators
from .tables import IndicatorTable


class MyIndicatorsView(TemplateView):
    template_name = "indicators/mine.html"
    extra_context = {"title": "My indicators"}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["my_indicators"] = (
            editable_indicators(user).select_related("directorate").order_by("directorate__display_order", "code")
        )
        return context


class ObjectListView(ExportMixin, SingleTableMixin, FilterView):
    """A declarative list page: queryset + filterset + table, exportable to CSV and XLSX."""

    template_name = "object_list.html"
    paginate_by = 25
    export_formats = ("csv", "xlsx")

    def get_table_kwargs(self):
        columns = self.request.GET.get("columns")
        return {"columns": columns.split(",") if columns else None}


class IndicatorListView(QuarterMixin, ObjectListView):
    """Every indicator with its rating as at the chosen quarter, filterable and exportable."""

    filterset_class = IndicatorFilterSet
    table_class = IndicatorTable
    template_name = "indicators/indicator_list.html"
    export_name = "indicators"
    extra_context = {"title": "Indicators"}

    def get_filterset_kwargs(self, filterset_class):
        return {**super().get_filterset_kwargs(filterset_class), "quarter": self.quarter}

    def get_queryset(self):
        indicators = Indicator.objects.select_related("directorate", "division", "accountable_officer")
        if self.quarter is None:
            return indicators.annotate(as_at_rag=Value(None, CharField()), as_at_direction=Value(None, CharField()),
                                       as_at_actual=Value(None, DecimalField()),
                                       as_at_period_end=Value(None, DateField()))
        return annotate_as_at(indicators, self.quarter.end)
