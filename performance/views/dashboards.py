"""Member dashboards: council overview, directorate and indicator pages, for a chosen quarter."""

from datetime import date

from django.conf import settings
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.http import urlencode
from django.views.generic import TemplateView

from indicators.models import Directorate, Indicator
from indicators.roles import editable_indicators

from .. import charts
from ..dashboards import (
    ACTIVITY_WORDS,
    approved_results,
    quarters_with_data,
    rag_mix_over_time,
    snapshot,
    summarise,
)
from ..history import history_rows
from ..models import Result, Target
from ..periods import Period


class QuarterMixin:
    """Reads ?quarter=YYYY-MM-DD; defaults to the latest quarter with approved data."""

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.quarters = quarters_with_data()
        self.quarter = self.quarters[0] if self.quarters else None
        requested = request.GET.get("quarter", "")
        try:
            chosen = Period("quarterly", date.fromisoformat(requested))
        except ValueError:
            chosen = None
        if chosen is not None and chosen.is_standard and 1990 <= chosen.end.year <= 2100:
            self.quarter = chosen

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(quarter=self.quarter, quarters=self.quarters, activity_words=ACTIVITY_WORDS)
        return context

    def list_url(self, **filters) -> str:
        return f"{reverse('indicators:list')}?{urlencode({'quarter': self.quarter.end.isoformat(), **filters})}"


class OverviewView(QuarterMixin, TemplateView):
    template_name = "dashboards/overview.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.quarter is None:
            return {**context, "demo_hint": settings.DEBUG}  # never suggest demo data on a live system
        rows = snapshot(self.quarter.end)
        directorates = list(Directorate.objects.all())
        per_directorate, total = summarise(rows, directorates)
        for summary in [*per_directorate, total]:
            scope = {"directorate": summary.directorate.pk} if summary.directorate else {}
            summary.links = {key: self.list_url(kind="kpi", report="on", **scope, **{field: key})
                             for field, keys in (("rag", ["GREEN", "AMBER", "RED"]),
                                                 ("direction", ["IMPROVING", "STABLE", "WORSENING"]))
                             for key in keys}
        mix = rag_mix_over_time(self.quarter.end)
        context.update(
            summaries=per_directorate, total=total, mix=mix,
            exceptions=[row for row in rows if row.exception],
            rag_chart=charts.as_json(charts.rag_by_directorate(per_directorate)),
            mix_chart=charts.as_json(charts.rag_mix(mix)),
            title=f"Council overview – {self.quarter.label}",
        )
        return context


class DirectorateView(QuarterMixin, TemplateView):
    template_name = "dashboards/directorate.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        directorate = get_object_or_404(Directorate, slug=self.kwargs["slug"])
        context.update(directorate=directorate, title=directorate.name)
        if self.quarter is None:
            return context
        rows = snapshot(self.quarter.end, Indicator.objects.filter(directorate=directorate), history=8)
        editable = set(editable_indicators(self.request.user).filter(directorate=directorate)
                       .values_list("pk", flat=True))
        for row in rows:
            row.sparkline = charts.sparkline_svg([r.actual for r in row.history])
            row.can_edit = row.indicator.pk in editable
        _, summary = summarise(rows, [])
        context.update(kpis=[r for r in rows if r.indicator.is_kpi],
                       activities=[r for r in rows if not r.indicator.is_kpi], summary=summary)
        return context


class IndicatorView(QuarterMixin, TemplateView):
    template_name = "dashboards/indicator.html"

    @staticmethod
    def visible_history(history, can_edit: bool):
        """Readers who cannot edit the indicator see only approved versions of its figures, never drafts."""
        return history if can_edit else history.filter(state=Result.State.APPROVED)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        indicator = get_object_or_404(
            Indicator.objects.select_related("directorate", "division", "accountable_officer", "replaced_by"),
            code=self.kwargs["code"])
        can_edit = editable_indicators(self.request.user).filter(pk=indicator.pk).exists()
        results = Result.objects.filter(indicator=indicator) if can_edit else approved_results().filter(
            indicator=indicator)
        results = list(results.order_by("period_end"))
        targets = {t.period_end: t for t in Target.objects.filter(indicator=indicator)}
        for result in results:
            result.indicator, result.target_in_force = indicator, targets.get(result.period_end)
        comparators = list(indicator.comparators.prefetch_related("values"))
        shown = [r for r in results if self.quarter is None or r.period_end <= self.quarter.end]
        current = shown[-1] if shown else None
        previous = shown[-2] if len(shown) > 1 and shown[-2].period_end == current.period.previous().end else None
        context.update(
            indicator=indicator, can_edit=can_edit, results=results[::-1], current=current, previous=previous,
            current_target=targets.get(current.period_end) if current else None,
            comparators=comparators, title=indicator.title,
            override_choices=[("GREEN", "Green"), ("AMBER", "Amber"), ("RED", "Red")],
            chart=charts.as_json(charts.indicator_chart(indicator, shown, targets, comparators)) if shown else None,
            history=history_rows(self.visible_history(Result.history.filter(indicator_id=indicator.pk), can_edit)
                                 .select_related("history_user"))[:50] if results else [],
            catalogue_history=history_rows(indicator.history.select_related("history_user"))[:20],
        )
        return context
