from django.contrib import admin
from django.core.exceptions import PermissionDenied

from indicators.admin import HistoryAdmin
from indicators.roles import editable_indicators, is_performance_team

from . import services
from .models import CabinetPaper, DirectorateNarrative, ExceptionAlert, QuarterReport, Result, Target


class OwnIndicatorsAdminMixin:
    """Officers see and change only the indicators they are accountable for (or their division's)."""

    def get_queryset(self, request):
        queryset = super().get_queryset(request).select_related("indicator", "indicator__directorate")
        if is_performance_team(request.user):
            return queryset
        return queryset.filter(indicator__in=editable_indicators(request.user))

    def has_view_history_or_change_history_permission(self, request, obj=None):
        """Earlier versions include drafts: only for those who may edit the indicator."""
        if obj is not None and not is_performance_team(request.user) and not editable_indicators(
                request.user).filter(pk=obj.indicator_id).exists():
            return False
        return super().has_view_history_or_change_history_permission(request, obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "indicator" and not is_performance_team(request.user):
            kwargs["queryset"] = editable_indicators(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Target)
class TargetAdmin(OwnIndicatorsAdminMixin, HistoryAdmin):
    list_display = ("indicator", "period_end", "target", "floor", "lower_threshold", "upper_threshold")
    list_filter = ("indicator__directorate", "indicator__kind", "indicator__frequency", "indicator__status",
                   "period_end")
    search_fields = ("indicator__code", "indicator__title")
    date_hierarchy = "period_end"
    autocomplete_fields = ("indicator",)
    readonly_fields = ("set_by",)

    def save_model(self, request, obj, form, change):
        obj.set_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(Result)
class ResultAdmin(OwnIndicatorsAdminMixin, HistoryAdmin):
    list_display = ("indicator", "period_end", "actual", "rag", "rag_override", "direction", "activity_status",
                    "state", "data_status")
    list_filter = ("indicator__directorate", "indicator__kind", "indicator__frequency", "indicator__status", "state",
                   "data_status", "rag", "direction", "period_end")
    search_fields = ("indicator__code", "indicator__title", "commentary")
    date_hierarchy = "period_end"
    autocomplete_fields = ("indicator",)
    actions = ["submit_selected", "approve_selected"]
    readonly_fields = ("rag", "no_floor", "direction", "activity_status", "expected_lower", "expected_upper",
                       "expected_range_derived", "trend_slope", "trend_p_value", "trend_points",
                       "rating_explanation", "rated_at", "state", "submitted_by", "submitted_at", "approved_by",
                       "approved_at", "entered_by", "entered_at")
    fieldsets = (
        (None, {"fields": ("indicator", "period_end", "actual", "numerator", "denominator", "forecast",
                           "data_status")}),
        ("Narrative", {"fields": ("commentary", "actions", "risks")}),
        ("Rating", {"fields": ("rag", "no_floor", "rag_override", "rag_override_reason", "direction",
                               "activity_status", "expected_lower", "expected_upper", "expected_range_derived",
                               "trend_slope", "trend_p_value", "trend_points", "rating_explanation", "rated_at")}),
        ("Workflow", {"fields": ("state", "submitted_by", "submitted_at", "approved_by", "approved_at",
                                 "entered_by", "entered_at")}),
    )

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not is_performance_team(request.user):
            fields += ["rag_override", "rag_override_reason"]
        if obj is not None:
            fields += ["indicator", "period_end"]
        return fields

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        if obj is not None and obj.state == Result.State.APPROVED and not is_performance_team(request.user):
            return False
        return allowed

    def save_model(self, request, obj, form, change):
        if not change:
            obj.entered_by = request.user
        if not editable_indicators(request.user).filter(pk=obj.indicator_id).exists():
            raise PermissionDenied
        super().save_model(request, obj, form, change)

    @admin.action(description="Submit selected results for approval")
    def submit_selected(self, request, queryset):
        services.submit_results(request.user, list(queryset))

    @admin.action(description="Approve selected results")
    def approve_selected(self, request, queryset):
        services.approve_results(request.user, list(queryset))


class DirectorateNarrativeInline(admin.StackedInline):
    model = DirectorateNarrative
    extra = 0


@admin.register(QuarterReport)
class QuarterReportAdmin(admin.ModelAdmin):
    list_display = ("quarter_end", "subject", "meeting_date", "classification", "updated_by", "updated_at")
    list_select_related = ("updated_by",)
    date_hierarchy = "quarter_end"
    search_fields = ("subject", "summary")
    inlines = [DirectorateNarrativeInline]


@admin.register(CabinetPaper)
class CabinetPaperAdmin(admin.ModelAdmin):
    """Papers are produced and published from their own pages; here they can only be looked at."""

    list_display = ("report", "status", "pages", "generated_by", "generated_at", "published_by", "published_at")
    list_filter = ("status", "report__quarter_end")
    list_select_related = ("report", "generated_by", "published_by")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ExceptionAlert)
class ExceptionAlertAdmin(admin.ModelAdmin):
    list_display = ("indicator", "kind", "period_end", "recipient", "status", "sent_at")
    list_filter = ("kind", "status", "indicator__directorate")
    search_fields = ("indicator__code", "recipient")
    list_select_related = ("indicator",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
