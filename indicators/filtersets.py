import django_filters
from django import forms
from django.db.models import Q

from performance.dashboards import in_report

from .models import Directorate, Indicator
from .roles import can_enter_results, editable_indicator_filter


class IndicatorFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label="Search")
    directorate = django_filters.ModelChoiceFilter(queryset=Directorate.objects.all(), empty_label="All directorates")
    kind = django_filters.ChoiceFilter(choices=Indicator.Kind.choices, empty_label="All kinds")
    frequency = django_filters.ChoiceFilter(choices=Indicator._meta.get_field("frequency").choices,
                                            empty_label="All frequencies")
    status = django_filters.ChoiceFilter(choices=Indicator.Status.choices, empty_label="Any status")
    rag = django_filters.ChoiceFilter(field_name="as_at_rag", label="RAG", empty_label="Any rating", choices=[
        ("GREEN", "Green"), ("AMBER", "Amber"), ("RED", "Red"), ("NO_DATA", "No data")], method="filter_rag")
    direction = django_filters.ChoiceFilter(field_name="as_at_direction", label="Direction of travel",
                                            empty_label="Any direction", choices=[
                                                ("IMPROVING", "↑ Improving"), ("STABLE", "↔ Stable"),
                                                ("WORSENING", "↓ Worsening")])
    report = django_filters.BooleanFilter(method="filter_report", label="Only indicators in the quarter's report",
                                          widget=forms.CheckboxInput)
    mine = django_filters.BooleanFilter(method="filter_mine", label="Only indicators I report on",
                                        widget=forms.CheckboxInput)

    class Meta:
        model = Indicator
        fields = ["q", "directorate", "kind", "rag", "direction", "frequency", "status", "report", "mine"]

    def __init__(self, *args, request=None, quarter=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        self.quarter = quarter
        if quarter is None:
            del self.filters["report"]
        if request is None or not can_enter_results(request.user):
            del self.filters["mine"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(code__icontains=value) | Q(title__icontains=value) | Q(short_title__icontains=value))

    def filter_rag(self, queryset, name, value):
        if value == "NO_DATA":  # no approved result yet counts as no data too
            return queryset.filter(Q(as_at_rag="NO_DATA") | Q(as_at_rag__isnull=True), kind=Indicator.Kind.KPI)
        return queryset.filter(as_at_rag=value)

    def filter_report(self, queryset, name, value):
        return queryset.filter(in_report(self.quarter.end)) if value else queryset

    def filter_mine(self, queryset, name, value):
        if value and self.request is not None:
            return queryset.filter(editable_indicator_filter(self.request.user)).distinct()
        return queryset
