"""Periods as the council names them: financial year April–March, "2020/21 Q2" ends 30 Sep 2020."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from performance.periods import FinancialYear, Frequency, Period, latest_quarter_end, month_end


@pytest.mark.parametrize(
    ("frequency", "end", "label"),
    [
        ("quarterly", date(2020, 9, 30), "2020/21 Q2"),
        ("quarterly", date(2020, 6, 30), "2020/21 Q1"),
        ("quarterly", date(2020, 12, 31), "2020/21 Q3"),
        ("quarterly", date(2021, 3, 31), "2020/21 Q4"),
        ("quarterly", date(2000, 3, 31), "1999/00 Q4"),
        ("monthly", date(2020, 9, 30), "Sep 2020"),
        ("annual", date(2021, 3, 31), "2020/21"),
        ("termly", date(2020, 4, 30), "2019/20 Spring term"),
        ("termly", date(2019, 12, 31), "2019/20 Autumn term"),
        ("termly", date(2020, 8, 31), "2019/20 Summer term"),
        ("annual", date(2021, 1, 31), "Year to 31 Jan 2021"),  # academic-year-to-date figure for January
        ("termly", date(2021, 4, 16), "Term to 16 Apr 2021"),  # a school term ending mid-April
    ],
)
def test_labels(frequency, end, label):
    assert Period(frequency, end).label == label


def test_quarter_constructor_and_financial_year():
    q2 = Period.quarter(2020, 2)
    assert q2 == Period(Frequency.QUARTERLY, date(2020, 9, 30))
    assert q2.start == date(2020, 7, 1)
    assert q2.financial_year == FinancialYear(2020)
    assert q2.financial_year.label == "2020/21"
    assert date(2021, 3, 31) in q2.financial_year and date(2021, 4, 1) not in q2.financial_year


def test_previous_and_last_n():
    q1 = Period.quarter(2020, 1)
    assert q1.previous() == Period.quarter(2019, 4)
    assert q1.next() == Period.quarter(2020, 2)
    assert [p.label for p in q1.last(3)] == ["2019/20 Q3", "2019/20 Q4", "2020/21 Q1"]
    assert Period("monthly", date(2020, 3, 31)).previous().end == date(2020, 2, 29)
    assert Period("annual", date(2021, 3, 31)).previous().label == "2019/20"


def test_odd_end_dates_keep_their_day():
    january = Period("annual", date(2021, 1, 31))
    assert january.previous().end == date(2020, 1, 31)
    assert not january.is_standard
    term = Period("termly", date(2021, 4, 16))
    assert term.previous().end == date(2020, 12, 16)


def test_financial_year_periods():
    fy = FinancialYear(2020)
    assert [p.label for p in fy.periods("quarterly")] == ["2020/21 Q1", "2020/21 Q2", "2020/21 Q3", "2020/21 Q4"]
    assert len(fy.periods("monthly")) == 12
    assert fy.periods("monthly")[0].end == date(2020, 4, 30)
    assert fy.periods("annual") == [Period("annual", date(2021, 3, 31))]
    assert FinancialYear.of(date(2021, 3, 31)) == fy and FinancialYear.of(date(2021, 4, 1)) == FinancialYear(2021)


def test_latest_quarter_end():
    assert latest_quarter_end(date(2026, 11, 22)) == date(2026, 9, 30)
    assert latest_quarter_end(date(2026, 9, 30)) == date(2026, 9, 30)
    assert latest_quarter_end(date(2026, 1, 5)) == date(2025, 12, 31)


@given(st.integers(min_value=1990, max_value=2100), st.integers(min_value=1, max_value=12),
       st.sampled_from(list(Frequency)))
def test_previous_then_next_comes_back_for_month_end_periods(year, month, frequency):
    period = Period(frequency, month_end(year, month))
    assert period.previous() < period < period.next()
    assert period.previous().next() == period
    assert period.last(4)[-1] == period and len(set(period.last(4))) == 4


@given(st.integers(min_value=1990, max_value=2100), st.integers(min_value=1, max_value=4))
def test_every_quarter_is_in_its_own_financial_year(year, q):
    period = Period.quarter(year, q)
    assert period.financial_year == FinancialYear(year)
    assert period.quarter_number == q
    assert period.label == f"{year}/{(year + 1) % 100:02d} Q{q}"


@pytest.mark.django_db
@pytest.mark.parametrize(("frequency", "basis", "day", "latest"), [
    ("quarterly", "financial", date(2020, 11, 5), date(2020, 9, 30)),
    ("monthly", "financial", date(2020, 11, 5), date(2020, 10, 31)),
    ("annual", "financial", date(2020, 11, 5), date(2020, 3, 31)),
    ("annual", "academic", date(2020, 11, 5), date(2020, 8, 31)),
    ("annual", "calendar", date(2020, 11, 5), date(2019, 12, 31)),
    ("termly", "academic", date(2020, 11, 5), date(2020, 8, 31)),
])
def test_an_indicators_latest_period_follows_its_kind_of_year(frequency, basis, day, latest):
    from tests.factories import IndicatorFactory

    indicator = IndicatorFactory(frequency=frequency, year_basis=basis)
    assert indicator.latest_period(day).end == latest
    assert indicator.reports_on(latest)


@pytest.mark.django_db
@pytest.mark.parametrize(("frequency", "basis", "ends"), [
    ("quarterly", "financial", [date(2020, 6, 30), date(2020, 9, 30), date(2020, 12, 31), date(2021, 3, 31)]),
    ("annual", "financial", [date(2021, 3, 31)]),
    ("annual", "academic", [date(2021, 8, 31)]),
    ("annual", "calendar", [date(2020, 12, 31)]),
    ("termly", "academic", [date(2020, 12, 31), date(2021, 4, 30), date(2021, 8, 31)]),
])
def test_a_yearly_target_covers_the_periods_of_the_indicators_own_year(frequency, basis, ends):
    from tests.factories import IndicatorFactory

    indicator = IndicatorFactory(frequency=frequency, year_basis=basis)
    assert [p.end for p in indicator.periods_in_year(2020)] == ends
