"""Stored ratings follow every change, after the transaction commits, without per-row work."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command

from performance import services
from performance.models import Result
from performance.periods import Period
from performance.rating import recompute, recompute_all
from tests.factories import IndicatorFactory, ResultFactory, TargetFactory

pytestmark = pytest.mark.django_db
QUARTERS = [p.end for p in Period.quarter(2020, 2).last(6)]


@pytest.fixture
def rising_kpi(kpi, performance_officer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        for end, actual in zip(QUARTERS, ["80", "81", "82", "83", "84", "84.96"], strict=True):
            services.save_target(kpi, end, performance_officer, target=Decimal("85"), floor=Decimal("80"))
            services.save_result(kpi, end, performance_officer, actual=Decimal(actual))
    return kpi


def ratings(indicator):
    return list(Result.objects.filter(indicator=indicator).order_by("period_end").values_list("rag", "direction"))


def test_saving_results_rates_them_after_commit(rising_kpi):
    latest = Result.objects.get(indicator=rising_kpi, period_end=QUARTERS[-1])
    assert latest.rag == "GREEN"  # 84.96 is shown as 85.0%, and 85.0 meets the target
    assert latest.direction == "IMPROVING"
    assert latest.trend_points == 6 and latest.trend_p_value < 0.05
    assert "slope +0.994 per period" in latest.rating_explanation


def test_changing_a_target_re_rates(rising_kpi, performance_officer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.save_target(rising_kpi, QUARTERS[-1], performance_officer, target=Decimal("90"),
                             floor=Decimal("86"))
    assert Result.objects.get(indicator=rising_kpi, period_end=QUARTERS[-1]).rag == "RED"


def test_flipping_polarity_re_rates(rising_kpi, django_capture_on_commit_callbacks):
    assert ratings(rising_kpi)[0][0] == "AMBER"  # 80 against a target of 85, higher is better
    with django_capture_on_commit_callbacks(execute=True):
        rising_kpi.polarity = "lower"
        rising_kpi.save()
    # When lower is better, 80 beats the target of 85, and a rising line is worsening.
    assert ratings(rising_kpi)[0][0] == "GREEN"
    assert ratings(rising_kpi)[-1] == ("GREEN", "WORSENING")


def test_a_revised_result_changes_the_next_periods_direction(kpi, performance_officer,
                                                               django_capture_on_commit_callbacks):
    kpi.dot_method = "previous"
    kpi.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.save_result(kpi, QUARTERS[0], performance_officer, actual=Decimal("50"))
        services.save_result(kpi, QUARTERS[1], performance_officer, actual=Decimal("60"))
    assert ratings(kpi)[1][1] == "IMPROVING"
    with django_capture_on_commit_callbacks(execute=True):
        services.save_result(kpi, QUARTERS[0], performance_officer, actual=Decimal("70"))
    assert ratings(kpi)[1][1] == "WORSENING"


def test_recompute_is_idempotent_and_bulk(directorate, django_assert_max_num_queries):
    for n in range(30):
        indicator = IndicatorFactory(code=f"B{n:02d}", directorate=directorate)
        for end in QUARTERS:
            TargetFactory(indicator=indicator, period_end=end)
            ResultFactory(indicator=indicator, period_end=end, actual=Decimal(70 + n % 20))
    with django_assert_max_num_queries(8):
        assert recompute_all() == 180
    with django_assert_max_num_queries(6):
        assert recompute_all() == 0


def test_activity_status_with_entered_and_derived_thresholds(directorate):
    entered = IndicatorFactory(code="ACT1", kind="activity", directorate=directorate, unit="number", decimal_places=0)
    TargetFactory(indicator=entered, period_end=QUARTERS[-1], target=None, floor=None,
                  lower_threshold=Decimal("100"), upper_threshold=Decimal("140"))
    ResultFactory(indicator=entered, period_end=QUARTERS[-1], actual=Decimal("150"))
    derived = IndicatorFactory(code="ACT2", kind="activity", directorate=directorate, unit="number", decimal_places=0)
    q2 = Period.quarter(2020, 2)
    for years, value in ((3, 100), (2, 110), (1, 120)):
        ResultFactory(indicator=derived, period_end=q2.same_period_years_ago(years).end, actual=Decimal(value))
    ResultFactory(indicator=derived, period_end=q2.end, actual=Decimal("125"))
    young = IndicatorFactory(code="ACT3", kind="activity", directorate=directorate, unit="number")
    ResultFactory(indicator=young, period_end=q2.end, actual=Decimal("5"))
    recompute_all()
    above = Result.objects.get(indicator=entered)
    assert (above.activity_status, above.rag, above.expected_range_derived) == ("ABOVE", "NOT_APPLICABLE", False)
    within = Result.objects.get(indicator=derived, period_end=q2.end)
    assert within.activity_status == "WITHIN" and within.expected_range_derived
    assert (within.expected_lower, within.expected_upper) == (Decimal("90"), Decimal("130"))
    assert Result.objects.get(indicator=young).activity_status == "NOT_AVAILABLE"


def test_recompute_command(rising_kpi):
    Result.objects.update(rag="NO_DATA")
    call_command("recompute_ratings")
    assert ratings(rising_kpi)[-1][0] == "GREEN"


def test_recompute_only_touches_the_indicators_asked_for(rising_kpi, others_kpi):
    ResultFactory(indicator=others_kpi, period_end=QUARTERS[-1], actual=Decimal("1"), rag="GREEN")
    assert recompute([rising_kpi.pk]) == 0
    assert Result.objects.get(indicator=others_kpi).rag == "GREEN"


def test_no_floor_is_flagged(kpi, performance_officer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.save_target(kpi, date(2020, 9, 30), performance_officer, target=Decimal("85"))
        services.save_result(kpi, date(2020, 9, 30), performance_officer, actual=Decimal("40"))
    result = Result.objects.get()
    assert (result.rag, result.no_floor) == ("AMBER", True)
    assert "no floor standard" in result.rating_explanation
