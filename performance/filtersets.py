import django_filters

from indicators.models import Directorate

from .models import ExceptionAlert


class ExceptionAlertFilterSet(django_filters.FilterSet):
    indicator = django_filters.CharFilter(field_name="indicator__code", lookup_expr="iexact", label="Indicator code")
    directorate = django_filters.ModelChoiceFilter(field_name="indicator__directorate",
                                                   queryset=Directorate.objects.all(), empty_label="All directorates")
    kind = django_filters.ChoiceFilter(choices=ExceptionAlert.Kind.choices, empty_label="All exceptions")
    status = django_filters.ChoiceFilter(choices=ExceptionAlert.Status.choices, empty_label="Any status")

    class Meta:
        model = ExceptionAlert
        fields = ["indicator", "directorate", "kind", "status"]
