"""Sign-off: the performance team (or the directorate's director) approves submitted results."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.views.generic import TemplateView

from indicators.roles import DIRECTOR, has_role, is_performance_team

from .. import services
from ..models import Result, Target


def approvable_results(user):
    results = Result.objects.filter(state=Result.State.SUBMITTED).select_related(
        "indicator", "indicator__directorate", "entered_by", "submitted_by")
    if is_performance_team(user):
        return results
    return results.filter(indicator__directorate__directors=user)


class ApprovalListView(TemplateView):
    """Results waiting for sign-off, with their target, ready to approve in one go."""

    template_name = "performance/approvals.html"

    def dispatch(self, request, *args, **kwargs):
        if not (is_performance_team(request.user) or has_role(request.user, DIRECTOR)):
            raise PermissionDenied("Only the performance team and directors approve results.")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        results = list(approvable_results(self.request.user).order_by(
            "indicator__directorate__display_order", "period_end", "indicator__code"))
        targets = {(t.indicator_id, t.period_end): t for t in Target.objects.filter(
            indicator_id__in={r.indicator_id for r in results}, period_end__in={r.period_end for r in results})}
        for result in results:
            result.target_in_force = targets.get((result.indicator_id, result.period_end))
        context.update(results=results, title="Results to approve")
        return context

    def post(self, request):
        ids = [value for value in request.POST.getlist("result") if value.isdigit()]
        chosen = approvable_results(request.user).filter(pk__in=ids)
        if not chosen:
            messages.error(request, "Choose at least one result to approve.")
            return redirect("performance:approvals")
        count = len(chosen)
        services.approve_results(request.user, list(chosen))
        messages.success(request, f"Approved {count} result(s). Exception alerts go out for them now.")
        return redirect("performance:approvals")
