from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, TemplateView
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin
from django_tables2.export import ExportMixin

from performance.models import Result, Target

from .filtersets import IndicatorFilterSet
from .models import Indicator
from .roles import can_edit_indicator, editable_indicators
from .tables import IndicatorTable


class HomeView(TemplateView):
    template_name = "home.html"

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


class IndicatorListView(ObjectListView):
    queryset = Indicator.objects.select_related("directorate", "division", "accountable_officer")
    filterset_class = IndicatorFilterSet
    table_class = IndicatorTable
    export_name = "indicators"
    extra_context = {"title": "Indicators"}


class IndicatorDetailView(DetailView):
    model = Indicator
    slug_field = "code"
    slug_url_kwarg = "code"
    template_name = "indicators/indicator_detail.html"

    def get_object(self, queryset=None):
        return get_object_or_404(
            Indicator.objects.select_related("directorate", "division", "accountable_officer", "replaced_by"),
            code=self.kwargs["code"],
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        indicator = self.object
        targets = {t.period_end: t for t in Target.objects.filter(indicator=indicator)}
        results = list(Result.objects.filter(indicator=indicator).order_by("-period_end"))
        for result in results:
            result.target_in_force = targets.get(result.period_end)
        context.update(
            results=results,
            can_edit=can_edit_indicator(self.request.user, indicator),
            comparators=indicator.comparators.prefetch_related("values"),
        )
        return context
