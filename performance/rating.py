"""Stored ratings: applies the rules in `performance.rules` to results in bulk.

Ratings are computed when something changes (a result, a target, an indicator's polarity or
method) and nightly, never while a page is being read. `recompute` loads what it needs in a few
queries, rates in memory and writes only the rows whose rating changed.
"""

import threading
from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from indicators.models import Indicator

from . import rules
from .models import Result, Target
from .periods import Period

RATING_FIELDS = ("rag", "no_floor", "direction", "activity_status", "expected_lower", "expected_upper",
                 "expected_range_derived", "trend_slope", "trend_p_value", "trend_points", "rating_explanation")


@lru_cache(maxsize=8192)
def _window_ends(period: Period, n: int) -> tuple:
    """End dates of the last n periods up to this one, oldest first."""
    return tuple(p.end for p in period.last(n))


@lru_cache(maxsize=8192)
def _same_period_ends(period: Period, years: int) -> tuple:
    """End dates of the same period in each of the previous `years` years, oldest first."""
    return tuple(period.same_period_years_ago(k).end for k in range(years, 0, -1))


def _rate_series(indicator: dict, series: list[dict], targets: dict) -> Iterable[tuple[dict, dict]]:
    """Yield (result row, rating) for each result of one indicator, oldest first."""
    polarity, places = indicator["polarity"], indicator["decimal_places"]
    method = indicator["dot_method"] or settings.RATING_DOT_METHOD
    window = settings.RATING_TREND_WINDOW
    actual_at = {row["period_end"]: row["actual"] for row in series}
    for row in series:
        period = Period(indicator["frequency"], row["period_end"])
        target = targets.get((indicator["id"], row["period_end"]), {})
        rating = dict.fromkeys(RATING_FIELDS)
        rating.update(no_floor=False, expected_range_derived=False, rating_explanation="")
        explanation = []
        if indicator["kind"] == Indicator.Kind.KPI:
            rag = rules.rate_kpi(row["actual"], target.get("target"), target.get("floor"), polarity, places)
            rating.update(rag=rag.rag.value, no_floor=rag.no_floor,
                          activity_status=rules.ActivityStatus.NOT_APPLICABLE.value)
            if rag.no_floor:
                explanation.append("Target missed and no floor standard is set, so rated Amber.")
            if method == rules.DotMethod.TREND:
                values = [actual_at.get(end) for end in _window_ends(period, window)]
                trend = rules.direction_trend(values, polarity, window=window,
                                              min_points=settings.RATING_TREND_MIN_POINTS,
                                              alpha=settings.RATING_TREND_ALPHA)
                rating.update(direction=trend.direction.value, trend_slope=trend.slope,
                              trend_p_value=trend.p_value, trend_points=trend.points)
                explanation.append(rules.explain_trend(trend, polarity, alpha=settings.RATING_TREND_ALPHA,
                                                       window=window, min_points=settings.RATING_TREND_MIN_POINTS))
            else:
                previous = actual_at.get(_window_ends(period, 2)[0])
                direction = rules.direction_previous(row["actual"], previous, polarity, places)
                rating["direction"] = direction.value
                explanation.append(rules.explain_previous(row["actual"], previous, direction, places))
        else:
            history = [actual_at.get(end) for end in _same_period_ends(period, settings.RATING_ACTIVITY_HISTORY_YEARS)]
            status, expected = rules.rate_activity(
                row["actual"], target.get("lower_threshold"), target.get("upper_threshold"), history, places,
                min_years=settings.RATING_ACTIVITY_HISTORY_YEARS,
                sd_multiplier=settings.RATING_ACTIVITY_SD_MULTIPLIER)
            rating.update(rag=rules.Rag.NOT_APPLICABLE.value, direction=rules.Direction.NOT_AVAILABLE.value,
                          activity_status=status.value)
            if expected is None:
                explanation.append("No thresholds entered and too little history to derive an expected range.")
            else:
                rating.update(expected_lower=expected.lower, expected_upper=expected.upper,
                              expected_range_derived=expected.derived)
                explanation.append(f"Expected range from {expected.method}.")
        rating["rating_explanation"] = " ".join(explanation)
        yield row, rating


def _same(stored, computed) -> bool:
    if isinstance(stored, float) or isinstance(computed, float):
        return stored is not None and computed is not None and abs(stored - computed) <= 1e-12 * max(1, abs(stored))
    return stored == computed


def recompute(indicator_ids: Iterable[int] | None = None) -> int:
    """Recompute the stored ratings of these indicators' results (all indicators when None).

    Returns the number of results whose rating changed. Running it again changes nothing. The
    indicators are locked while they are rated, so two workers never write ratings from different
    versions of the data in the wrong order.
    """
    indicators = Indicator.objects.all()
    if indicator_ids is not None:
        indicators = indicators.filter(pk__in=list(indicator_ids))
    with transaction.atomic():
        # Lock only the indicator rows (not their directorates, and without blocking new results that point
        # at them), always in the same order, so two recomputes queue rather than deadlock.
        locked = indicators.order_by("pk").select_for_update(no_key=True, of=("self",))
        by_id = {i["id"]: i for i in locked.values(
            "id", "kind", "polarity", "decimal_places", "frequency", "dot_method")}
        if not by_id:
            return 0
        scope = {} if indicator_ids is None else {"indicator_id__in": list(by_id)}
        targets = {(t["indicator_id"], t["period_end"]): t for t in Target.objects.filter(**scope).values(
            "indicator_id", "period_end", "target", "floor", "lower_threshold", "upper_threshold")}
        series = defaultdict(list)
        for row in Result.objects.filter(**scope).order_by("indicator_id", "period_end").values(
                "id", "indicator_id", "period_end", "actual", *RATING_FIELDS):
            series[row["indicator_id"]].append(row)
        changed = []
        for indicator_id, rows in series.items():
            for row, rating in _rate_series(by_id[indicator_id], rows, targets):
                if not all(_same(row[field], rating[field]) for field in RATING_FIELDS):
                    changed.append((row["id"], rating))
        _write(changed)
    return len(changed)


def _write(changed: list[tuple[int, dict]]) -> None:
    """One parameterised UPDATE run for every changed row (much faster than bulk_update's CASE)."""
    if not changed:
        return
    table = connection.ops.quote_name(Result._meta.db_table)
    fields = [*RATING_FIELDS, "rated_at"]
    columns = ", ".join(f"{connection.ops.quote_name(Result._meta.get_field(f).column)} = %s" for f in fields)
    now = timezone.now()
    # Only the decimal fields need the database's own form; text, numbers, booleans and None pass as they are.
    decimals = {f: Result._meta.get_field(f) for f in RATING_FIELDS
                if Result._meta.get_field(f).get_internal_type() == "DecimalField"}
    params = [
        [*(decimals[f].get_db_prep_save(rating[f], connection) if f in decimals else rating[f]
           for f in RATING_FIELDS), now, result_id]
        for result_id, rating in changed
    ]
    with connection.cursor() as cursor:
        cursor.executemany(f"UPDATE {table} SET {columns} WHERE id = %s", params)


def recompute_all() -> int:
    return recompute(None)


# Changes schedule a recompute of the indicators they touch, once the transaction commits.
_pending = threading.local()


def schedule_recompute(indicator_id: int) -> None:
    ids = getattr(_pending, "ids", None)
    if ids is None:
        ids = _pending.ids = set()
    ids.add(indicator_id)
    # robust: the change is already saved; a failed recompute is logged and the nightly run repairs it.
    transaction.on_commit(_send_pending, robust=True)


def _send_pending() -> None:
    from .tasks import recompute_ratings

    ids = getattr(_pending, "ids", set())
    if ids:
        _pending.ids = set()
        recompute_ratings.delay(sorted(ids))
