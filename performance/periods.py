"""Reporting periods in the council's terms.

A period is identified by its frequency and its end date. The financial year runs April to
March: "2020/21 Q2" is the quarter ending 30 September 2020. Non-standard end dates (an
academic-year-to-date figure for January, a school term ending in April) are ordinary
periods too; they simply get a plainer label.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class Frequency(StrEnum):
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    TERMLY = "termly"
    ANNUAL = "annual"


MONTHS_IN_PERIOD = {Frequency.MONTHLY: 1, Frequency.QUARTERLY: 3, Frequency.TERMLY: 4, Frequency.ANNUAL: 12}
NON_STANDARD_NOUN = {Frequency.MONTHLY: "Month", Frequency.QUARTERLY: "Quarter", Frequency.TERMLY: "Term",
                     Frequency.ANNUAL: "Year"}
TERM_NAMES = {12: "Autumn", 4: "Spring", 8: "Summer"}  # month a term nominally ends in → its name


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def is_month_end(d: date) -> bool:
    return d.day == calendar.monthrange(d.year, d.month)[1]


def add_months(d: date, months: int) -> date:
    """Shift by whole months; a month-end stays a month-end (30 Jun − 3 months = 31 Mar)."""
    index = d.year * 12 + (d.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    last = calendar.monthrange(year, month)[1]
    day = last if is_month_end(d) else min(d.day, last)
    return date(year, month, day)


@dataclass(frozen=True, order=True)
class FinancialYear:
    """April to March. FinancialYear(2020) is 2020/21."""

    start_year: int

    @classmethod
    def of(cls, d: date) -> FinancialYear:
        return cls(d.year if d.month >= 4 else d.year - 1)

    @property
    def start(self) -> date:
        return date(self.start_year, 4, 1)

    @property
    def end(self) -> date:
        return date(self.start_year + 1, 3, 31)

    @property
    def label(self) -> str:
        return f"{self.start_year}/{(self.start_year + 1) % 100:02d}"

    def __str__(self) -> str:
        return self.label

    def __contains__(self, d: date) -> bool:
        return self.start <= d <= self.end

    def quarter_ends(self) -> list[date]:
        return [month_end(self.start_year, 6), month_end(self.start_year, 9),
                month_end(self.start_year, 12), month_end(self.start_year + 1, 3)]

    def periods(self, frequency: Frequency | str) -> list[Period]:
        """The standard periods of this financial year for a frequency, in order."""
        frequency = Frequency(frequency)
        if frequency is Frequency.ANNUAL:
            return [Period(frequency, self.end)]
        if frequency is Frequency.TERMLY:
            return [Period(frequency, month_end(self.start_year, 8)),
                    Period(frequency, month_end(self.start_year, 12)),
                    Period(frequency, month_end(self.start_year + 1, 4))]
        step = MONTHS_IN_PERIOD[frequency]
        return [Period(frequency, add_months(month_end(self.start_year, 3), step * i))
                for i in range(1, 12 // step + 1)]

    def previous(self) -> FinancialYear:
        return FinancialYear(self.start_year - 1)


@dataclass(frozen=True, order=True)
class Period:
    frequency: Frequency
    end: date

    def __post_init__(self):
        object.__setattr__(self, "frequency", Frequency(self.frequency))

    @classmethod
    def quarter(cls, fy_start_year: int, q: int) -> Period:
        """Period.quarter(2020, 2) is 2020/21 Q2, ending 30 Sep 2020."""
        if q not in (1, 2, 3, 4):
            raise ValueError("A financial-year quarter is 1, 2, 3 or 4")
        return cls(Frequency.QUARTERLY, FinancialYear(fy_start_year).quarter_ends()[q - 1])

    @property
    def months(self) -> int:
        return MONTHS_IN_PERIOD[self.frequency]

    @property
    def financial_year(self) -> FinancialYear:
        return FinancialYear.of(self.end)

    @property
    def is_standard(self) -> bool:
        if not is_month_end(self.end):
            return False
        if self.frequency is Frequency.QUARTERLY:
            return self.end.month in (3, 6, 9, 12)
        if self.frequency is Frequency.ANNUAL:
            return self.end.month == 3
        if self.frequency is Frequency.TERMLY:
            return self.end.month in TERM_NAMES
        return True

    @property
    def quarter_number(self) -> int | None:
        """1–4 within the financial year for a standard quarter, else None."""
        if self.frequency is Frequency.QUARTERLY and self.is_standard:
            return (self.end.month - 4) % 12 // 3 + 1
        return None

    @property
    def start(self) -> date:
        return date.fromordinal(add_months(self.end, -self.months).toordinal() + 1)

    @property
    def label(self) -> str:
        """The council's label: "2020/21 Q2", "Sep 2020", "2020/21", "2019/20 Spring term"."""
        if self.is_standard:
            if self.frequency is Frequency.QUARTERLY:
                return f"{self.financial_year.label} Q{self.quarter_number}"
            if self.frequency is Frequency.ANNUAL:
                return self.financial_year.label
            if self.frequency is Frequency.TERMLY:
                academic_start = self.end.year if self.end.month >= 9 else self.end.year - 1
                return f"{academic_start}/{(academic_start + 1) % 100:02d} {TERM_NAMES[self.end.month]} term"
            return self.end.strftime("%b %Y")
        return f"{NON_STANDARD_NOUN[self.frequency]} to {self.end.day} {self.end.strftime('%b %Y')}"

    @property
    def short_label(self) -> str:
        """As in the reports' trend tables and chart axes: "Sep 20"."""
        return self.end.strftime("%b %y")

    def __str__(self) -> str:
        return self.label

    def previous(self) -> Period:
        return Period(self.frequency, add_months(self.end, -self.months))

    def next(self) -> Period:
        return Period(self.frequency, add_months(self.end, self.months))

    def last(self, n: int) -> list[Period]:
        """The last n periods up to and including this one, oldest first."""
        periods = [self]
        while len(periods) < n:
            periods.append(periods[-1].previous())
        return periods[::-1]

    def same_period_years_ago(self, years: int) -> Period:
        return Period(self.frequency, add_months(self.end, -12 * years))


def latest_quarter_end(today: date) -> date:
    """The end of the most recent quarter that has finished on or before today."""
    candidates = FinancialYear.of(today).quarter_ends() + FinancialYear.of(today).previous().quarter_ends()
    return max(d for d in candidates if d <= today)
