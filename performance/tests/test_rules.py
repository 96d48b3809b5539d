"""Tests for the rating rules (performance/rules.py).

Each table reads as: the result, the target and floor standard, which way is better, and the
rating we expect. The "property" tests at the end let Hypothesis try thousands of made-up
results to check rules that must always hold (e.g. RED always means the floor was missed).
No Django needed.
"""

import math
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.stats import linregress

from performance.rules import (
    ActivityStatus,
    Direction,
    Polarity,
    Rag,
    RagResult,
    Range,
    achieves,
    activity_status,
    at_precision,
    derive_range,
    direction_previous,
    direction_trend,
    explain_previous,
    explain_trend,
    rate_activity,
    rate_kpi,
    repeatedly_amber,
)

HIGHER, LOWER = Polarity.HIGHER, Polarity.LOWER
PROPERTY = settings(deadline=None, max_examples=300)


def close(a: float, b: float, tol: float = 1e-9) -> bool:
    """Equal to within tol, relative for large numbers and absolute for small ones."""
    return abs(a - b) <= tol * max(1.0, abs(a), abs(b))


# =============================================================================================
# Display precision: compare numbers as members see them
# =============================================================================================


@pytest.mark.parametrize(
    "value, dp, shown",
    [
        pytest.param(84.96, 1, Decimal("85.0"), id="84.96 at 1dp shows 85.0"),
        pytest.param(84.94, 1, Decimal("84.9"), id="84.94 at 1dp shows 84.9"),
        pytest.param(Decimal("2.5"), 0, Decimal("3"), id="halves round up: 2.5 -> 3"),
        pytest.param(-2.5, 0, Decimal("-3"), id="negative halves round away from zero"),
        pytest.param(0.1, None, Decimal("0.1"), id="float 0.1 stays 0.1 without precision"),
        pytest.param(7, 2, Decimal("7.00"), id="whole number at 2dp"),
    ],
)
def test_at_precision(value, dp, shown):
    assert at_precision(value, dp) == shown
    assert str(at_precision(value, dp)) == str(shown)


# =============================================================================================
# RAG rating for KPIs
# =============================================================================================

# fmt: off
RAG_CASES = [
    # actual, target, floor, polarity, dp, expected rating, flagged no floor
    pytest.param(90, 85, 80, HIGHER, None, Rag.GREEN, False, id="higher: above target is GREEN"),
    pytest.param(85, 85, 80, HIGHER, None, Rag.GREEN, False, id="higher: equal to target is GREEN"),
    pytest.param(82, 85, 80, HIGHER, None, Rag.AMBER, False, id="higher: between floor and target is AMBER"),
    pytest.param(80, 85, 80, HIGHER, None, Rag.AMBER, False, id="higher: equal to floor is AMBER"),
    pytest.param(79, 85, 80, HIGHER, None, Rag.RED, False, id="higher: below floor is RED"),
    pytest.param(79, 85, None, HIGHER, None, Rag.AMBER, True, id="higher: missed, no floor: AMBER, flagged"),
    pytest.param(10, 12, 15, LOWER, None, Rag.GREEN, False, id="lower: under target is GREEN"),
    pytest.param(12, 12, 15, LOWER, None, Rag.GREEN, False, id="lower: equal to target is GREEN"),
    pytest.param(14, 12, 15, LOWER, None, Rag.AMBER, False, id="lower: between target and floor is AMBER"),
    pytest.param(15, 12, 15, LOWER, None, Rag.AMBER, False, id="lower: equal to floor is AMBER"),
    pytest.param(16, 12, 15, LOWER, None, Rag.RED, False, id="lower: worse than floor is RED"),
    pytest.param(16, 12, None, LOWER, None, Rag.AMBER, True, id="lower: missed, no floor: AMBER, flagged"),
    pytest.param(None, 85, 80, HIGHER, None, Rag.NO_DATA, False, id="no result is NO_DATA, never a colour"),
    pytest.param(None, None, None, HIGHER, None, Rag.NO_DATA, False, id="no result and no target is NO_DATA"),
    pytest.param(90, None, 80, HIGHER, None, Rag.NOT_APPLICABLE, False, id="no target is NOT_APPLICABLE"),
    pytest.param(84.96, 85, 80, HIGHER, 1, Rag.GREEN, False, id="84.96 at 1dp shows 85.0: GREEN"),
    pytest.param(84.94, 85, 80, HIGHER, 1, Rag.AMBER, False, id="84.94 at 1dp shows 84.9: AMBER"),
    pytest.param(84.999, 85, 80, HIGHER, None, Rag.AMBER, False, id="no precision: 84.999 misses 85"),
    pytest.param(79.96, 85, 80, HIGHER, 1, Rag.AMBER, False, id="79.96 at 1dp shows 80.0: meets floor"),
    pytest.param(12.04, 12, 15, LOWER, 1, Rag.GREEN, False, id="lower: 12.04 at 1dp shows 12.0: GREEN"),
    pytest.param(Decimal("85.0"), 85, 80, HIGHER, None, Rag.GREEN, False, id="Decimal and int mix"),
    pytest.param(-5, -3, -10, HIGHER, None, Rag.AMBER, False, id="negative numbers (e.g. budget variance)"),
    pytest.param("90", 85, 80, "higher", None, Rag.GREEN, False, id="polarity given as text"),
]
# fmt: on


@pytest.mark.parametrize("actual, target, floor, polarity, dp, rag, no_floor", RAG_CASES)
def test_rate_kpi(actual, target, floor, polarity, dp, rag, no_floor):
    assert rate_kpi(actual, target, floor, polarity, dp) == RagResult(rag, no_floor)


@pytest.mark.parametrize(
    "actual, threshold, polarity, dp, expected",
    [
        pytest.param(85, 85, HIGHER, None, True, id="equal counts as achieved (higher)"),
        pytest.param(85, 85, LOWER, None, True, id="equal counts as achieved (lower)"),
        pytest.param(84.95, 85, HIGHER, 1, True, id="84.95 rounds half up to 85.0"),
        pytest.param(85.05, 85, LOWER, 1, False, id="lower: 85.05 shows 85.1, misses 85"),
    ],
)
def test_achieves(actual, threshold, polarity, dp, expected):
    assert achieves(actual, threshold, polarity, dp) is expected


def test_nan_is_refused():
    with pytest.raises(ValueError):
        rate_kpi(float("nan"), 85, 80, HIGHER)


# =============================================================================================
# Direction of travel: compared with the previous period
# =============================================================================================


@pytest.mark.parametrize(
    "actual, previous, polarity, dp, expected",
    [
        pytest.param(85, 82, HIGHER, None, Direction.IMPROVING, id="higher: went up is IMPROVING"),
        pytest.param(80, 82, HIGHER, None, Direction.WORSENING, id="higher: went down is WORSENING"),
        pytest.param(10, 12, LOWER, None, Direction.IMPROVING, id="lower: went down is IMPROVING"),
        pytest.param(14, 12, LOWER, None, Direction.WORSENING, id="lower: went up is WORSENING"),
        pytest.param(82, 82, HIGHER, None, Direction.STABLE, id="same result is STABLE"),
        pytest.param(82.04, 81.96, HIGHER, 1, Direction.STABLE, id="both show 82.0 at 1dp: STABLE"),
        pytest.param(82.04, 81.96, HIGHER, None, Direction.IMPROVING, id="no precision: 82.04 beats 81.96"),
        pytest.param(None, 82, HIGHER, None, Direction.NOT_AVAILABLE, id="no result this period"),
        pytest.param(85, None, HIGHER, None, Direction.NOT_AVAILABLE, id="no result last period"),
    ],
)
def test_direction_previous(actual, previous, polarity, dp, expected):
    assert direction_previous(actual, previous, polarity, dp) == expected


# =============================================================================================
# Direction of travel: trend over the last 6 periods (linear regression)
# =============================================================================================

RISING = [70, 72, 75, 77, 80, 83]
NOISY_FLAT = [80, 82, 79, 81, 80, 81]


@pytest.mark.parametrize(
    "values, polarity, expected",
    [
        pytest.param(RISING, HIGHER, Direction.IMPROVING, id="rising, higher is better: IMPROVING"),
        pytest.param(RISING, LOWER, Direction.WORSENING, id="rising, lower is better: WORSENING"),
        pytest.param(RISING[::-1], LOWER, Direction.IMPROVING, id="falling, lower is better: IMPROVING"),
        pytest.param(NOISY_FLAT, HIGHER, Direction.STABLE, id="noisy but flat: STABLE"),
        pytest.param([50, 50, 50, 50, 50, 50], HIGHER, Direction.STABLE, id="all the same: STABLE"),
        pytest.param([None, None, None, 80, 81, 82], HIGHER, Direction.NOT_AVAILABLE, id="only 3 results"),
        pytest.param([70, 72, 75, 77, 80, None], HIGHER, Direction.NOT_AVAILABLE, id="no result this period"),
        pytest.param([], HIGHER, Direction.NOT_AVAILABLE, id="no history at all"),
    ],
)
def test_direction_trend_examples(values, polarity, expected):
    assert direction_trend(values, polarity).direction == expected


def test_trend_noisy_flat_is_not_significant():
    result = direction_trend(NOISY_FLAT, HIGHER)
    assert result.p_value > 0.05
    assert result.points == 6


def test_trend_uses_only_the_last_six_periods():
    # The very old 500 is outside the window, so the last six (1..6) are a perfect straight line.
    result = direction_trend([500, 1, 2, 3, 4, 5, 6], HIGHER)
    assert result.slope == pytest.approx(1.0)
    assert result.intercept == pytest.approx(1.0)
    assert result.p_value == 0.0
    assert result.points == 6
    assert result.direction == Direction.IMPROVING


def test_trend_all_equal_has_zero_slope_and_p_of_one():
    result = direction_trend([7, 7, 7, 7], LOWER)
    assert (result.slope, result.p_value, result.direction) == (0.0, 1.0, Direction.STABLE)


def test_trend_too_few_points_reports_the_count():
    result = direction_trend([None, 1, None, 2, None, 3], HIGHER)
    assert result.direction == Direction.NOT_AVAILABLE
    assert (result.slope, result.p_value, result.points) == (None, None, 3)


def test_trend_gap_keeps_its_place_in_time():
    # Periods 0, 1, 3, 4, 5 have results; period 2 is missing. x must be 0,1,3,4,5, not 0..4.
    values = [10, 12, None, 15, 19, 20]
    result = direction_trend(values, HIGHER)
    expected = linregress([0, 1, 3, 4, 5], [10, 12, 15, 19, 20])
    assert result.points == 5
    assert close(result.slope, expected.slope)
    assert close(result.p_value, expected.pvalue)
    assert close(result.intercept, expected.intercept)


def test_trend_window_and_min_points_are_settings():
    values = [1, 2, 3, 4, 5, 6, 7, 8]
    assert direction_trend(values, HIGHER, window=8).points == 8
    assert direction_trend([None, 2, 3, 4], HIGHER, min_points=3).direction == Direction.IMPROVING


# =============================================================================================
# Activity indicators: within, above or below the expected range
# =============================================================================================


@pytest.mark.parametrize(
    "actual, lower, upper, dp, expected",
    [
        pytest.param(100, 90, 130, None, ActivityStatus.WITHIN, id="inside the range"),
        pytest.param(90, 90, 130, None, ActivityStatus.WITHIN, id="equal to lower threshold is WITHIN"),
        pytest.param(130, 90, 130, None, ActivityStatus.WITHIN, id="equal to upper threshold is WITHIN"),
        pytest.param(89.9, 90, 130, None, ActivityStatus.BELOW, id="under the lower threshold"),
        pytest.param(130.1, 90, 130, None, ActivityStatus.ABOVE, id="over the upper threshold"),
        pytest.param(130.04, 90, 130, 1, ActivityStatus.WITHIN, id="130.04 shows 130.0 at 1dp: WITHIN"),
        pytest.param(1000, 90, None, None, ActivityStatus.WITHIN, id="no upper threshold: open above"),
        pytest.param(-5, None, 130, None, ActivityStatus.WITHIN, id="no lower threshold: open below"),
        pytest.param(100, None, None, None, ActivityStatus.NOT_AVAILABLE, id="no thresholds at all"),
        pytest.param(None, 90, 130, None, ActivityStatus.NOT_AVAILABLE, id="no result"),
    ],
)
def test_activity_status(actual, lower, upper, dp, expected):
    assert activity_status(actual, lower, upper, dp) == expected


@pytest.mark.parametrize(
    "history, lower, upper",
    [
        # mean 110; deviations -10, 0, 10; sample SD = sqrt(200 / 2) = 10; range 110 ± 20.
        pytest.param([100, 110, 120], "90", "130", id="100,110,120: mean 110, SD 10 -> 90 to 130"),
        pytest.param([5, 100, 110, 120], "90", "130", id="only the most recent 3 years are used"),
        # mean 20, SD 10: lower bound exactly 0.
        pytest.param([10, 20, 30], "0", "40", id="10,20,30: 0 to 40"),
        # mean 15, SD sqrt(175) = 13.228757; 15 - 26.457513 < 0 so the lower bound is held at 0.
        pytest.param([5, 10, 30], "0", "41.457513", id="counts never go below 0"),
        # Negative history (e.g. a variance) is not held at 0: mean -20, SD 10.
        pytest.param([-10, -20, -30], "-40", "0", id="negative history keeps negative bounds"),
        pytest.param([50, 50, 50], "50", "50", id="no variation: range is the single value"),
    ],
)
def test_derive_range(history, lower, upper):
    rng = derive_range(history)
    assert (rng.lower, rng.upper, rng.derived) == (Decimal(lower), Decimal(upper), True)
    assert rng.lower.as_tuple().exponent == -6  # rounded to 6 decimal places
    assert "mean ± 2 SD" in rng.method


@pytest.mark.parametrize(
    "history",
    [pytest.param([], id="no history"), pytest.param([100, 110], id="only two years")],
)
def test_derive_range_needs_three_years(history):
    assert derive_range(history) is None


def test_derive_range_settings():
    rng = derive_range([100, 110], min_years=2, sd_multiplier=1)
    assert (rng.lower, rng.upper) == (Decimal("97.928932"), Decimal("112.071068"))  # 105 ± 7.0710678


# fmt: off
@pytest.mark.parametrize(
    "actual, lower, upper, history, expected_status, expected_range",
    [
        pytest.param(95, 90, 130, [], ActivityStatus.WITHIN,
                     Range(Decimal(90), Decimal(130), False, "entered thresholds"),
                     id="entered thresholds used"),
        pytest.param(200, None, 150, [100, 110, 120], ActivityStatus.ABOVE,
                     Range(None, Decimal(150), False, "entered thresholds"),
                     id="one entered threshold beats history"),
        pytest.param(135, None, None, [100, 110, 120], ActivityStatus.ABOVE,
                     Range(Decimal("90.000000"), Decimal("130.000000"), True,
                           "same period in the previous 3 years, mean ± 2 SD"),
                     id="derived from same quarter in past years"),
        pytest.param(100, None, None, [100, 110], ActivityStatus.NOT_AVAILABLE, None,
                     id="too little history: NOT_AVAILABLE"),
    ],
)
# fmt: on
def test_rate_activity(actual, lower, upper, history, expected_status, expected_range):
    assert rate_activity(actual, lower, upper, history) == (expected_status, expected_range)


# =============================================================================================
# Repeatedly Amber (flag for the Performance Assurance Team)
# =============================================================================================


@pytest.mark.parametrize(
    "current, previous, expected",
    [
        pytest.param(Rag.AMBER, Rag.AMBER, True, id="amber twice running"),
        pytest.param("AMBER", "AMBER", True, id="stored as text"),
        pytest.param(Rag.AMBER, Rag.GREEN, False, id="amber after green"),
        pytest.param(Rag.GREEN, Rag.AMBER, False, id="green after amber"),
        pytest.param(Rag.AMBER, Rag.RED, False, id="amber after red"),
        pytest.param(Rag.AMBER, None, False, id="no previous rating"),
        pytest.param(None, Rag.AMBER, False, id="no current rating"),
        pytest.param(Rag.NO_DATA, Rag.NO_DATA, False, id="no data twice"),
    ],
)
def test_repeatedly_amber(current, previous, expected):
    assert repeatedly_amber(current, previous) is expected


# =============================================================================================
# Explanations shown to members
# =============================================================================================


def test_explain_trend_improving():
    text = explain_trend(direction_trend(RISING, HIGHER), HIGHER)
    assert text.startswith("Regression over the last 6 periods (6 results): ")
    assert "slope +2.60 per period, p < 0.001" in text
    assert text.endswith("(< 0.05): improving.")


def test_explain_trend_stable():
    result = direction_trend(NOISY_FLAT, HIGHER)
    text = explain_trend(result, HIGHER)
    assert f"p = {result.p_value:.3g}" in text
    assert text.endswith("(not below 0.05): stable or no clear trend.")


def test_explain_trend_not_enough_data():
    result = direction_trend([None, None, None, 80, 81, 82], HIGHER)
    assert explain_trend(result, HIGHER) == "Not enough data for a trend (3 of 4 points needed)."


def test_explain_previous():
    text = explain_previous(85, 82, Direction.IMPROVING, decimal_places=1)
    assert text == "Compared with the previous period (82.0 → 85.0): improving."
    assert "not available" in explain_previous(85, None, Direction.NOT_AVAILABLE)


# =============================================================================================
# Properties: rules that must hold for any numbers
# =============================================================================================

amounts = st.one_of(
    st.decimals(min_value=-100_000, max_value=100_000, places=3, allow_nan=False, allow_infinity=False),
    st.integers(min_value=-100_000, max_value=100_000),
    st.floats(min_value=-100_000, max_value=100_000, allow_nan=False, allow_infinity=False),
)
polarities = st.sampled_from([HIGHER, LOWER])
precisions = st.sampled_from([None, 0, 1, 2])
trend_floats = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False)
FLIP = {HIGHER: LOWER, LOWER: HIGHER}
OPPOSITE = {Direction.IMPROVING: Direction.WORSENING, Direction.WORSENING: Direction.IMPROVING,
            Direction.STABLE: Direction.STABLE}


@PROPERTY
@given(amounts, amounts, st.none() | amounts, polarities, precisions)
def test_negating_numbers_and_flipping_polarity_keeps_the_rating(actual, target, floor, polarity, dp):
    negated_floor = None if floor is None else -floor
    assert rate_kpi(actual, target, floor, polarity, dp) == rate_kpi(
        -actual, -target, negated_floor, FLIP[polarity], dp
    )


@PROPERTY
@given(amounts, amounts, st.none() | amounts, polarities, precisions)
def test_green_exactly_when_target_achieved(actual, target, floor, polarity, dp):
    is_green = rate_kpi(actual, target, floor, polarity, dp).rag == Rag.GREEN
    assert is_green == achieves(actual, target, polarity, dp)


@PROPERTY
@given(amounts, amounts, amounts, polarities, precisions)
def test_red_means_floor_missed(actual, target, floor, polarity, dp):
    result = rate_kpi(actual, target, floor, polarity, dp)
    if result.rag == Rag.RED:
        assert not achieves(actual, floor, polarity, dp)
    assert result.rag in {Rag.GREEN, Rag.AMBER, Rag.RED}


@PROPERTY
@given(amounts, amounts, polarities, precisions)
def test_swapping_this_and_previous_period_reverses_direction(actual, previous, polarity, dp):
    forward = direction_previous(actual, previous, polarity, dp)
    assert direction_previous(previous, actual, polarity, dp) == OPPOSITE[forward]


@PROPERTY
@given(st.lists(trend_floats, min_size=4, max_size=6))
def test_trend_matches_scipy_linregress(values):
    result = direction_trend(values, HIGHER)
    expected = linregress(range(len(values)), values)
    if math.isnan(expected.pvalue):  # a flat line: linregress has no p-value; we say slope 0, p 1
        assert (result.slope, result.p_value, result.direction) == (0.0, 1.0, Direction.STABLE)
        return
    assert close(result.slope, expected.slope)
    assert close(result.intercept, expected.intercept)
    assert close(result.p_value, expected.pvalue)
    assert result.points == len(values)


@PROPERTY
@given(st.lists(st.none() | trend_floats, min_size=3, max_size=5), trend_floats)
def test_trend_with_gaps_matches_linregress_on_the_periods_with_results(earlier, latest):
    values = [*earlier, latest]
    x = [i for i, v in enumerate(values) if v is not None]
    y = [v for v in values if v is not None]
    result = direction_trend(values, HIGHER)
    if len(y) < 4:
        assert (result.direction, result.points) == (Direction.NOT_AVAILABLE, len(y))
        return
    expected = linregress(x, y)
    assert close(result.slope, expected.slope)
    assert close(result.p_value, 1.0 if math.isnan(expected.pvalue) else expected.pvalue)


@PROPERTY
@given(st.lists(st.integers(-10_000, 10_000), min_size=4, max_size=8), st.integers(-1_000_000, 1_000_000),
       polarities)
def test_adding_a_constant_does_not_change_the_trend(values, constant, polarity):
    before = direction_trend(values, polarity)
    after = direction_trend([v + constant for v in values], polarity)
    assert after.direction == before.direction
    assert close(after.slope, before.slope)
    assert close(after.p_value, before.p_value, tol=1e-6)


@PROPERTY
@given(st.lists(st.none() | trend_floats, min_size=1, max_size=8))
def test_trend_reverses_when_polarity_flips(values):
    assert direction_trend(values, LOWER).direction == OPPOSITE.get(
        direction_trend(values, HIGHER).direction, Direction.NOT_AVAILABLE
    )
