"""Rating rules for performance indicators: RAG, direction of travel and activity ranges.

Plain Python (no Django) so the rules can be read, tested and reused on their own.

* RAG: GREEN when the target is achieved (equal counts as achieved), AMBER when the target is
  missed but the floor standard is achieved, RED when the floor standard is not achieved.
  A missed target with no floor standard set is AMBER and flagged "no floor". No data is never a colour.
* Direction of travel: against the previous period, or a linear regression trend over the last
  N periods where only a statistically clear slope counts as improving or worsening.
* Activity indicators: within, above or below an expected range, entered or derived from the
  same period in previous years.

Every comparison is read in the indicator's polarity (higher is better / lower is better) and,
where the indicator has a number of decimal places, at the precision members see in the report.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from scipy.special import stdtr

Number = Decimal | float | int


class Polarity(StrEnum):
    HIGHER = "higher"  # higher is better
    LOWER = "lower"  # lower is better


class Rag(StrEnum):
    GREEN = "GREEN"
    AMBER = "AMBER"
    RED = "RED"
    NO_DATA = "NO_DATA"
    NOT_APPLICABLE = "NOT_APPLICABLE"


class Direction(StrEnum):
    IMPROVING = "IMPROVING"
    STABLE = "STABLE"
    WORSENING = "WORSENING"
    NOT_AVAILABLE = "NOT_AVAILABLE"


class ActivityStatus(StrEnum):
    WITHIN = "WITHIN"
    ABOVE = "ABOVE"
    BELOW = "BELOW"
    NOT_APPLICABLE = "NOT_APPLICABLE"
    NOT_AVAILABLE = "NOT_AVAILABLE"


class DotMethod(StrEnum):
    PREVIOUS = "previous"
    TREND = "trend"


# Display precision and "achieving" a threshold


def _dec(value: Number) -> Decimal:
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, float):
        result = Decimal(str(value))  # 0.1 stays 0.1, not 0.1000000000000000055...
    else:
        result = Decimal(value)
    if not result.is_finite():
        raise ValueError(f"not a finite number: {value!r}")
    return result


def at_precision(value: Number, decimal_places: int | None) -> Decimal:
    """The value as a member reads it in the report: rounded half-up (0.05 -> 0.1) to the
    indicator's decimal places; unchanged when the indicator has no set precision."""
    value = _dec(value)
    if decimal_places is None:
        return value
    return value.quantize(Decimal(1).scaleb(-decimal_places), rounding=ROUND_HALF_UP)


def achieves(
    actual: Number,
    threshold: Number,
    polarity: Polarity | str,
    decimal_places: int | None = None,
) -> bool:
    """True when the actual meets the threshold (target or floor standard) in the indicator's
    polarity. Equal counts as achieved. Compared as shown, at the indicator's decimal places."""
    a, t = at_precision(actual, decimal_places), at_precision(threshold, decimal_places)
    return a >= t if Polarity(polarity) is Polarity.HIGHER else a <= t


def _better(a: Decimal, b: Decimal, polarity: Polarity | str) -> bool:
    return a > b if Polarity(polarity) is Polarity.HIGHER else a < b


# RAG rating for KPIs


@dataclass(frozen=True)
class RagResult:
    rag: Rag
    no_floor: bool  # target missed and no floor standard set: rated AMBER and flagged


def rate_kpi(
    actual: Number | None,
    target: Number | None,
    floor: Number | None,
    polarity: Polarity | str,
    decimal_places: int | None = None,
) -> RagResult:
    """RAG rating of a KPI result against its target and floor standard.

    No result -> NO_DATA; no target -> NOT_APPLICABLE; target achieved -> GREEN; target missed
    but floor standard achieved -> AMBER; floor standard not achieved -> RED; target missed with
    no floor standard -> AMBER, flagged ``no_floor``."""
    if actual is None:
        return RagResult(Rag.NO_DATA, False)
    if target is None:
        return RagResult(Rag.NOT_APPLICABLE, False)
    if achieves(actual, target, polarity, decimal_places):
        return RagResult(Rag.GREEN, False)
    if floor is None:
        return RagResult(Rag.AMBER, True)
    if achieves(actual, floor, polarity, decimal_places):
        return RagResult(Rag.AMBER, False)
    return RagResult(Rag.RED, False)


def repeatedly_amber(current: Rag | str | None, previous: Rag | str | None) -> bool:
    """True when the indicator is AMBER in this period and in the period before."""
    return all(r is not None and str(r).upper() == Rag.AMBER for r in (current, previous))


# Direction of travel


def direction_previous(
    actual: Number | None,
    previous_actual: Number | None,
    polarity: Polarity | str,
    decimal_places: int | None = None,
) -> Direction:
    """Direction of travel against the previous period: unchanged as shown -> STABLE,
    better in the indicator's polarity -> IMPROVING, worse -> WORSENING."""
    if actual is None or previous_actual is None:
        return Direction.NOT_AVAILABLE
    a, p = at_precision(actual, decimal_places), at_precision(previous_actual, decimal_places)
    if a == p:
        return Direction.STABLE
    return Direction.IMPROVING if _better(a, p, polarity) else Direction.WORSENING


@dataclass(frozen=True)
class TrendResult:
    direction: Direction
    slope: float | None  # change per period
    p_value: float | None  # two-sided test that the slope is zero
    points: int  # number of results used
    intercept: float | None = None


def direction_trend(
    values: Sequence[Number | None],
    polarity: Polarity | str,
    *,
    window: int = 6,
    min_points: int = 4,
    alpha: float = 0.05,
) -> TrendResult:
    """Direction of travel from a linear regression over the last ``window`` periods.

    ``values`` are the period results, oldest first, the last being the period rated. A missing
    result inside the window is left out but keeps its place in time (x is the period's position
    in the window). Only a statistically clear slope (p < alpha, two-sided t-test, n - 2 degrees
    of freedom) counts as IMPROVING or WORSENING; otherwise STABLE ("stable or no clear trend").
    Gives the same slope and p-value as ``scipy.stats.linregress``."""
    recent = list(values)[-window:]
    pairs = [(float(i), float(v)) for i, v in enumerate(recent) if v is not None]
    if not recent or recent[-1] is None or len(pairs) < max(min_points, 3):
        return TrendResult(Direction.NOT_AVAILABLE, None, None, len(pairs))
    if not all(math.isfinite(v) for _, v in pairs):
        raise ValueError("trend values must be finite numbers")
    n, df = len(pairs), len(pairs) - 2
    # The arithmetic of scipy.stats.linregress in plain floats (fast for a handful of points).
    x_mean = sum(x for x, _ in pairs) / n
    y_mean = sum(y for _, y in pairs) / n
    sxx = sum((x - x_mean) ** 2 for x, _ in pairs) / n
    syy = sum((y - y_mean) ** 2 for _, y in pairs) / n
    sxy = sum((x - x_mean) * (y - y_mean) for x, y in pairs) / n
    slope = sxy / sxx
    intercept = y_mean - slope * x_mean
    r = 0.0
    if sxx != 0 and syy != 0:
        r = max(-1.0, min(1.0, sxy / math.sqrt(sxx * syy)))
    if slope != 0 and 1.0 - abs(r) <= 1e-12:
        p_value = 0.0  # a perfect straight line (to floating-point precision)
    else:
        t_stat = r * math.sqrt(df / ((1.0 - r + 1e-20) * (1.0 + r + 1e-20)))
        p_value = min(1.0, float(2 * stdtr(df, -abs(t_stat))))
    if p_value >= alpha or slope == 0:
        direction = Direction.STABLE
    else:
        up_is_good = Polarity(polarity) is Polarity.HIGHER
        direction = Direction.IMPROVING if (slope > 0) == up_is_good else Direction.WORSENING
    return TrendResult(direction, slope, p_value, n, intercept)


# Activity indicators: expected range


@dataclass(frozen=True)
class Range:
    lower: Decimal | None
    upper: Decimal | None
    derived: bool  # True when worked out from past results rather than entered
    method: str  # short explanation for the report key


def derive_range(
    history_same_period: Sequence[Number], *, min_years: int = 3, sd_multiplier: Number = 2
) -> Range | None:
    """Expected range "based on past trends": mean ± sd_multiplier sample standard deviations of
    the same period (e.g. the same quarter) in the most recent ``min_years`` years. History is
    oldest first. Too little history -> None. The lower bound is not below 0 for counts."""
    history = [_dec(v) for v in history_same_period if v is not None]
    if len(history) < max(min_years, 2):
        return None
    recent = history[-min_years:]
    n = len(recent)
    mean = sum(recent) / n
    sd = (sum((v - mean) ** 2 for v in recent) / (n - 1)).sqrt()
    k = _dec(sd_multiplier)
    six_dp = Decimal("0.000001")
    lower = (mean - k * sd).quantize(six_dp, rounding=ROUND_HALF_UP)
    upper = (mean + k * sd).quantize(six_dp, rounding=ROUND_HALF_UP)
    if lower < 0 and all(v >= 0 for v in recent):
        lower = Decimal("0.000000")
    return Range(lower, upper, True, f"same period in the previous {n} years, mean ± {k} SD")


def activity_status(
    actual: Number | None, lower: Number | None, upper: Number | None, decimal_places: int | None = None
) -> ActivityStatus:
    """Within, above or below the expected range, compared as shown. Equal to a threshold is
    WITHIN; a missing threshold leaves that side open; no thresholds at all -> NOT_AVAILABLE."""
    if actual is None or (lower is None and upper is None):
        return ActivityStatus.NOT_AVAILABLE
    a = at_precision(actual, decimal_places)
    if lower is not None and a < at_precision(lower, decimal_places):
        return ActivityStatus.BELOW
    if upper is not None and a > at_precision(upper, decimal_places):
        return ActivityStatus.ABOVE
    return ActivityStatus.WITHIN


def rate_activity(
    actual: Number | None,
    lower: Number | None,
    upper: Number | None,
    history_same_period: Sequence[Number],
    decimal_places: int | None = None,
    *,
    min_years: int = 3,
    sd_multiplier: Number = 2,
) -> tuple[ActivityStatus, Range | None]:
    """Status of an activity indicator: entered thresholds when there are any, otherwise a range
    derived from the same period in previous years; with neither -> NOT_AVAILABLE."""
    if lower is not None or upper is not None:
        rng = Range(
            None if lower is None else _dec(lower),
            None if upper is None else _dec(upper),
            False,
            "entered thresholds",
        )
    else:
        rng = derive_range(history_same_period, min_years=min_years, sd_multiplier=sd_multiplier)
        if rng is None:
            return ActivityStatus.NOT_AVAILABLE, None
    return activity_status(actual, rng.lower, rng.upper, decimal_places), rng


# Explanations for the report

_VERDICT = {
    Direction.IMPROVING: "improving",
    Direction.WORSENING: "worsening",
    Direction.STABLE: "stable or no clear trend",
    Direction.NOT_AVAILABLE: "not available",
}


def _sig3(x: float, sign: bool = False) -> str:
    """Three significant figures without scientific notation: 0.0123, 1.23, 1,230."""
    if x == 0:
        return "0"
    places = max(0, 2 - math.floor(math.log10(abs(x))))
    return f"{x:{'+' if sign else ''},.{places}f}"


def explain_trend(
    result: TrendResult, polarity: Polarity | str, alpha: float = 0.05, window: int = 6, min_points: int = 4
) -> str:
    """One sentence for members saying how the trend was worked out and what it shows."""
    if result.slope is None or result.p_value is None:
        if result.points >= min_points:
            return "No result for this period, so no trend is shown."
        return f"Not enough data for a trend ({result.points} of {min_points} points needed)."
    p = result.p_value
    p_text = "p < 0.001" if p < 0.001 else f"p = {_sig3(p)}"
    test = f"< {alpha:g}" if p < alpha else f"not below {alpha:g}"
    return (
        f"Regression over the last {window} periods ({result.points} results): "
        f"slope {_sig3(result.slope, sign=True)} per period, {p_text} ({test}): "
        f"{_VERDICT[result.direction]}."
    )


def explain_previous(
    actual: Number | None,
    previous_actual: Number | None,
    direction: Direction | str,
    decimal_places: int | None = None,
) -> str:
    """One sentence comparing the result with the previous period's."""
    if actual is None or previous_actual is None:
        return "No result to compare with the previous period: direction of travel not available."
    words = {**_VERDICT, Direction.STABLE: "unchanged"}
    a, p = at_precision(actual, decimal_places), at_precision(previous_actual, decimal_places)
    return f"Compared with the previous period ({p} → {a}): {words[Direction(direction)]}."
