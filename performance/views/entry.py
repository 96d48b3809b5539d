from datetime import date, timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Max, Min, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views import View
from django.views.generic import DetailView

from indicators.models import Indicator
from indicators.roles import can_enter_results, editable_indicators

from .. import services
from ..forms import PeriodChoiceForm, ResultEntryForm
from ..history import history_rows
from ..models import Result, Target
from ..periods import FinancialYear, Period, latest_quarter_end


def quarter_ends_between(first: date, last: date) -> list[date]:
    """Quarter ends from the quarter containing `first` up to `last`, newest first."""
    ends, year = [], FinancialYear.of(last)
    while year.end >= first:
        ends += [d for d in year.quarter_ends() if d <= last and d >= FinancialYear.of(first).start]
        year = year.previous()
    return sorted(ends, reverse=True)


class QuarterEntryView(View):
    """All the indicators an officer reports on, for one period, on one form saved in one go."""

    template_name = "performance/quarter_entry.html"

    def dispatch(self, request, *args, **kwargs):
        if not can_enter_results(request.user):
            raise PermissionDenied("Only officers, directors and the performance team enter results.")
        return super().dispatch(request, *args, **kwargs)

    def period_end(self, request) -> date:
        """The chosen quarter; by default the one after the latest this user has reported."""
        latest_end = latest_quarter_end(timezone.localdate())
        reported = Result.objects.filter(indicator__in=editable_indicators(request.user)).aggregate(
            first=Min("period_end"), last=Max("period_end"))
        default = latest_end
        if reported["last"] and reported["last"] < latest_end:
            default = Period("quarterly", latest_quarter_end(reported["last"])).next().end
        first = min(reported["first"] or latest_end, latest_end - timedelta(days=730))
        choices = [(d.isoformat(), Period("quarterly", d).label) for d in quarter_ends_between(first, latest_end)]
        # A save names its period in the form itself, so it never lands in a quarter the page did not show.
        data = request.POST if request.method == "POST" else request.GET
        self.period_form = PeriodChoiceForm(data if "period" in data else None, period_choices=choices,
                                            initial={"period": default.isoformat()})
        if self.period_form.is_valid() and self.period_form.cleaned_data["period"].isoformat() in dict(choices):
            return self.period_form.cleaned_data["period"]
        return default

    def build_forms(self, request, period_end, data=None):
        indicators = [
            i for i in editable_indicators(request.user).filter(status=Indicator.Status.ACTIVE)
            .select_related("directorate").order_by("directorate__display_order", "display_order", "code")
            if i.reports_on(period_end)
        ]
        previous_ends = {i.pk: i.period(period_end).previous().end for i in indicators}
        results = Result.objects.filter(indicator__in=indicators).filter(
            Q(period_end=period_end) | Q(period_end__in=set(previous_ends.values())))
        by_key = {(r.indicator_id, r.period_end): r for r in results}
        targets = {t.indicator_id: t for t in Target.objects.filter(indicator__in=indicators, period_end=period_end)}
        rows = []
        for indicator in indicators:
            current = by_key.get((indicator.pk, period_end))
            rows.append({
                "indicator": indicator,
                "previous": by_key.get((indicator.pk, previous_ends[indicator.pk])),
                "target": targets.get(indicator.pk),
                "form": ResultEntryForm(data, indicator=indicator, period_end=period_end, result=current),
            })
        return rows

    def get(self, request):
        period_end = self.period_end(request)
        return self.render(request, period_end, self.build_forms(request, period_end))

    def post(self, request):
        period_end = self.period_end(request)
        if not self.period_form.is_bound or not self.period_form.is_valid():
            messages.error(request, "Nothing was saved: the form did not say which period it was for. Try again.")
            return redirect(request.path)
        rows = self.build_forms(request, period_end, data=request.POST)
        forms = [row["form"] for row in rows]
        changed = [f for f in forms if f.has_changed() and not f.locked]
        if all(f.is_valid() for f in changed):
            values = {f.indicator: dict(f.cleaned_data) for f in changed}
            saved = services.save_quarter_entry(request.user, period_end, values)
            if "submit" in request.POST:
                services.submit_results(request.user, Result.objects.filter(
                    indicator__in=[row["indicator"] for row in rows], period_end=period_end
                ).select_related("indicator"))
                messages.success(request, f"Saved {len(saved)} result(s) and submitted the quarter for approval.")
            else:
                messages.success(request, f"Saved {len(saved)} result(s) for {Period('quarterly', period_end)}.")
            return redirect(f"{request.path}?period={period_end.isoformat()}")
        messages.error(request, "Nothing was saved: correct the rows marked below.")
        return self.render(request, period_end, rows, status=400)

    def render(self, request, period_end, rows, status=200):
        context = {"rows": rows, "period_form": self.period_form, "period_end": period_end,
                   "any_open": any(not row["form"].locked for row in rows),
                   "period_label": Period("quarterly", period_end).label, "title": "Enter results"}
        return render(request, self.template_name, context, status=status)


class ResultHistoryView(DetailView):
    """Every change to one result: who, when, old and new value."""

    template_name = "performance/result_history.html"

    def get_queryset(self):
        """Readers who cannot edit an indicator see the history of approved results only, and no drafts."""
        results = Result.objects.select_related("indicator", "indicator__directorate")
        return results.filter(Q(indicator__in=editable_indicators(self.request.user)) | Q(state=Result.State.APPROVED))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        result = self.object
        can_edit = editable_indicators(self.request.user).filter(pk=result.indicator_id).exists()
        versions = result.history if can_edit else result.history.filter(state=Result.State.APPROVED)
        target_history = Target.history.filter(indicator_id=result.indicator_id, period_end=result.period_end)
        context.update(
            indicator=result.indicator,
            rows=history_rows(versions.select_related("history_user")),
            target_rows=history_rows(target_history.select_related("history_user")),
        )
        return context


class RatingOverrideView(View):
    """The performance team overrides (or restores) a result's RAG rating, giving the reason."""

    def post(self, request, pk):
        result = get_object_or_404(Result.objects.select_related("indicator"), pk=pk)
        try:
            services.override_rating(request.user, result, request.POST.get("rag_override", ""),
                                     request.POST.get("rag_override_reason", ""))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"Rating for {result.indicator.code} {result.period.label} saved.")
        return redirect(f"{result.indicator.get_absolute_url()}?quarter={latest_quarter_end(result.period_end)}")
