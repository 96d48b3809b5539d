from django.contrib import admin
from django.core.exceptions import PermissionDenied
from simple_history.admin import SimpleHistoryAdmin

from .models import ComparatorSeries, ComparatorValue, Directorate, Division, Indicator


class HistoryAdmin(SimpleHistoryAdmin):
    """Shows every earlier version; restoring one is refused, because a restored copy would skip the
    checks and the approval workflow that edits go through. Change the record itself instead."""

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            raise PermissionDenied("Earlier versions can be read here, not restored.")
        return super().history_form_view(request, object_id, version_id, extra_context)


class DivisionInline(admin.TabularInline):
    model = Division
    extra = 0
    filter_horizontal = ("officers",)


@admin.register(Directorate)
class DirectorateAdmin(HistoryAdmin):
    list_display = ("name", "cabinet_member", "corporate_director", "display_order")
    search_fields = ("name", "cabinet_member", "corporate_director")
    prepopulated_fields = {"slug": ("name",)}
    filter_horizontal = ("directors",)
    inlines = [DivisionInline]


@admin.register(Division)
class DivisionAdmin(admin.ModelAdmin):
    list_display = ("name", "directorate")
    list_select_related = ("directorate",)
    list_filter = ("directorate",)
    search_fields = ("name",)
    filter_horizontal = ("officers",)


class ComparatorSeriesInline(admin.TabularInline):
    model = ComparatorSeries
    extra = 0
    show_change_link = True


@admin.register(Indicator)
class IndicatorAdmin(HistoryAdmin):
    list_display = ("code", "title", "kind", "directorate", "polarity", "unit", "frequency", "status",
                    "accountable_officer")
    list_filter = ("directorate", "kind", "frequency", "status", "polarity", "unit")
    search_fields = ("code", "title", "short_title")
    list_select_related = ("directorate", "accountable_officer")
    autocomplete_fields = ("replaced_by",)
    raw_id_fields = ("accountable_officer",)
    inlines = [ComparatorSeriesInline]
    fieldsets = (
        (None, {"fields": ("code", "title", "short_title", "kind", "status", "replaced_by")}),
        ("Ownership", {"fields": ("directorate", "division", "accountable_officer", "director",
                                  "strategic_priority", "ambition")}),
        ("Measurement", {"fields": ("polarity", "unit", "unit_label", "decimal_places", "frequency", "year_basis",
                                    "reporting_basis", "dot_method", "display_order")}),
        ("Data notes", {"fields": ("data_source", "definition", "notes")}),
    )


class ComparatorValueInline(admin.TabularInline):
    model = ComparatorValue
    extra = 1


@admin.register(ComparatorSeries)
class ComparatorSeriesAdmin(admin.ModelAdmin):
    list_display = ("name", "indicator")
    list_filter = ("name", "indicator__directorate")
    search_fields = ("name", "indicator__code", "indicator__title")
    list_select_related = ("indicator",)
    inlines = [ComparatorValueInline]


@admin.register(ComparatorValue)
class ComparatorValueAdmin(HistoryAdmin):
    list_display = ("series", "period_end", "value")
    list_filter = ("series__name",)
    search_fields = ("series__indicator__code",)
    list_select_related = ("series", "series__indicator")
