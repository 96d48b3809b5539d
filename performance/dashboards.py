"""What the dashboards and the Cabinet paper show for a quarter, read from stored ratings.

"As at" rule: for each indicator, the latest approved result whose period ends on or before the
quarter end. Everything here runs a fixed number of queries whatever the number of indicators.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Case, Exists, F, Max, OuterRef, Q, Subquery, When

from indicators.models import Directorate, Indicator

from .models import Result, Target
from .periods import Period, latest_quarter_end
from .rules import ActivityStatus, Direction, Rag, repeatedly_amber

RAGS = [Rag.GREEN, Rag.AMBER, Rag.RED]
DIRECTIONS = [Direction.IMPROVING, Direction.STABLE, Direction.WORSENING]
RAG_WORDS = {Rag.GREEN: "Green", Rag.AMBER: "Amber", Rag.RED: "Red", Rag.NO_DATA: "No data",
             Rag.NOT_APPLICABLE: "Not rated"}
ACTIVITY_WORDS = {ActivityStatus.WITHIN: "Within expected range", ActivityStatus.ABOVE: "Above expected range",
                  ActivityStatus.BELOW: "Below expected range", ActivityStatus.NOT_AVAILABLE: "No range available",
                  ActivityStatus.NOT_APPLICABLE: "Not applicable"}

SHOWN_RAG = Case(When(~Q(rag_override=""), then=F("rag_override")), default=F("rag"))


def approved_results():
    return Result.objects.filter(state=Result.State.APPROVED)


def latest_approved_quarter() -> date | None:
    latest = approved_results().aggregate(last=Max("period_end"))["last"]
    return latest_quarter_end(latest) if latest else None


def quarters_with_data(limit: int = 16) -> list[Period]:
    """Quarter ends from the latest with approved data backwards, newest first."""
    latest = latest_approved_quarter()
    if latest is None:
        return []
    return Period("quarterly", latest).last(limit)[::-1]


def in_report(quarter_end: date) -> Q:
    """The indicators a quarter's report covers: those active now, and any that reported in that quarter
    (so an indicator since replaced still counts in the quarters it was reported)."""
    reported = approved_results().filter(indicator=OuterRef("pk"), period_end__gt=_quarter_start(quarter_end),
                                         period_end__lte=quarter_end)
    return Q(status=Indicator.Status.ACTIVE) | Exists(reported)


def _quarter_start(quarter_end: date) -> date:
    return Period("quarterly", quarter_end).previous().end


def as_at(quarter_end: date):
    """Approved results that are each indicator's latest on or before the quarter end."""
    latest_end = (approved_results().filter(indicator=OuterRef("indicator"), period_end__lte=quarter_end)
                  .order_by("-period_end").values("period_end")[:1])
    return approved_results().filter(period_end__lte=quarter_end, period_end=Subquery(latest_end))


def annotate_as_at(indicators, quarter_end: date):
    """Indicators with the as-at result's rating, actual and period end as attributes (for lists and filters)."""
    latest = (approved_results().filter(indicator=OuterRef("pk"), period_end__lte=quarter_end)
              .annotate(shown=SHOWN_RAG).order_by("-period_end"))
    return indicators.annotate(
        as_at_rag=Subquery(latest.values("shown")[:1]),
        as_at_direction=Subquery(latest.values("direction")[:1]),
        as_at_activity=Subquery(latest.values("activity_status")[:1]),
        as_at_actual=Subquery(latest.values("actual")[:1]),
        as_at_period_end=Subquery(latest.values("period_end")[:1]),
    )


@dataclass
class Row:
    """One indicator as at the quarter: its current result, previous result and target in force."""

    indicator: Indicator
    current: Result | None
    previous: Result | None
    target: Target | None
    history: list[Result] = field(default_factory=list)

    @property
    def rag(self) -> str:
        if self.indicator.kind == Indicator.Kind.ACTIVITY:
            return Rag.NOT_APPLICABLE
        return self.current.rag_shown if self.current else Rag.NO_DATA

    @property
    def direction(self) -> str:
        return self.current.direction if self.current else Direction.NOT_AVAILABLE

    @property
    def activity_status(self) -> str:
        return self.current.activity_status if self.current else ActivityStatus.NOT_AVAILABLE

    @property
    def repeatedly_amber(self) -> bool:
        return self.previous is not None and repeatedly_amber(self.rag, self.previous.rag_shown)

    @property
    def exception(self) -> str | None:
        if self.rag == Rag.RED:
            return "Red"
        if self.repeatedly_amber:
            return "Repeatedly amber"
        if self.activity_status in (ActivityStatus.ABOVE, ActivityStatus.BELOW):
            return ACTIVITY_WORDS[self.activity_status]
        return None


def snapshot(quarter_end: date, indicators=None, history: int = 0) -> list[Row]:
    """The indicators in the quarter's report (of those given) as at the quarter end; `history` recent results."""
    indicators = Indicator.objects.all() if indicators is None else indicators
    indicators = list(indicators.filter(in_report(quarter_end))
                      .select_related("directorate", "division", "accountable_officer"))
    ids = [i.pk for i in indicators]
    window_start = Period("quarterly", quarter_end).last(max(history, 2) + 4)[0].end
    recent = (approved_results().filter(indicator_id__in=ids, period_end__lte=quarter_end,
                                        period_end__gte=window_start).order_by("indicator_id", "period_end"))
    by_indicator: dict[int, list[Result]] = {}
    for result in recent:
        by_indicator.setdefault(result.indicator_id, []).append(result)
    for result in as_at(quarter_end).filter(indicator_id__in=ids, period_end__lt=window_start):
        by_indicator.setdefault(result.indicator_id, []).append(result)  # an older latest, e.g. annual data
    current_ends = {rs[-1].period_end for rs in by_indicator.values()}
    targets = {(t.indicator_id, t.period_end): t
               for t in Target.objects.filter(indicator_id__in=ids, period_end__in=current_ends)}
    rows = []
    for indicator in indicators:
        results = sorted(by_indicator.get(indicator.pk, []), key=lambda r: r.period_end)
        for result in results:
            result.indicator = indicator
        current = results[-1] if results else None
        previous = None
        if current is not None and len(results) > 1 and results[-2].period_end == current.period.previous().end:
            previous = results[-2]
        rows.append(Row(indicator, current, previous,
                        targets.get((indicator.pk, current.period_end)) if current else None,
                        results[-history:] if history else []))
    return rows


@dataclass
class Summary:
    """Counts of G/A/R and ↑ ↔ ↓ for a group of KPIs, as in the executive summary table."""

    label: str
    directorate: Directorate | None
    rag: Counter
    direction: Counter

    @property
    def rated(self) -> int:
        return sum(self.rag[r] for r in RAGS)

    @property
    def with_direction(self) -> int:
        return sum(self.direction[d] for d in DIRECTIONS)

    def rag_cells(self):
        return [(r, self.rag[r], _percent(self.rag[r], self.rated)) for r in RAGS]

    def direction_cells(self):
        return [(d, self.direction[d], _percent(self.direction[d], self.with_direction)) for d in DIRECTIONS]


def _percent(count: int, total: int) -> int | None:
    return round(100 * count / total) if total else None


def summarise(rows: list[Row], directorates: list[Directorate]) -> tuple[list[Summary], Summary]:
    """Per directorate and in total, over KPIs only."""
    kpis = [r for r in rows if r.indicator.kind == Indicator.Kind.KPI]
    per = []
    for directorate in directorates:
        mine = [r for r in kpis if r.indicator.directorate_id == directorate.pk]
        per.append(Summary(directorate.name, directorate, Counter(r.rag for r in mine),
                           Counter(r.direction for r in mine)))
    total = Summary("Total", None, Counter(r.rag for r in kpis), Counter(r.direction for r in kpis))
    return per, total


def rag_mix_over_time(quarter_end: date, quarters: int = 8) -> list[tuple[Period, Counter]]:
    """The G/A/R counts of each of the last `quarters` quarters' reports (one query; same scope as `snapshot`)."""
    periods = Period("quarterly", quarter_end).last(quarters)
    rows = (approved_results().filter(indicator__kind=Indicator.Kind.KPI, period_end__lte=quarter_end)
            .annotate(shown=SHOWN_RAG).order_by("indicator_id", "period_end")
            .values_list("indicator_id", "indicator__status", "period_end", "shown"))
    series: dict[int, list[tuple[date, str]]] = {}
    active = set()
    for indicator_id, status, end, shown in rows:
        series.setdefault(indicator_id, []).append((end, shown))
        if status == Indicator.Status.ACTIVE:
            active.add(indicator_id)
    mix = []
    for period in periods:
        counts = Counter()
        for indicator_id, results in series.items():
            latest = [(end, shown) for end, shown in results if end <= period.end]
            if latest and (indicator_id in active or latest[-1][0] > _quarter_start(period.end)):
                counts[latest[-1][1]] += 1
        mix.append((period, counts))
    return mix
