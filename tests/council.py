"""A small council with eight approved quarters, built fast with bulk inserts."""

from decimal import Decimal

from indicators.models import Indicator
from performance.models import Result, Target
from performance.periods import Period
from performance.rating import recompute_all
from tests.factories import DirectorateFactory

QUARTERS = Period.quarter(2020, 2).last(8)


def build_council(count: int, officer=None):
    """`count` KPIs over three directorates, eight approved quarters each, plus a few activity indicators."""
    directorates = [DirectorateFactory(name=f"Directorate {n}", slug=f"directorate-{n}") for n in range(3)]
    indicators = Indicator.objects.bulk_create([
        Indicator(code=f"K{n:04d}", title=f"KPI number {n}", directorate=directorates[n % 3], unit="percentage",
                  decimal_places=1, polarity="higher", accountable_officer=officer if n == 0 else None,
                  kind="activity" if n % 10 == 5 else "kpi")
        for n in range(count)])
    results, targets = [], []
    for n, indicator in enumerate(indicators):
        for q, period in enumerate(QUARTERS):
            actual = Decimal(60 + (n % 3) * 12 + q)  # 60s are red, 70s amber, 80s green against 85/70
            results.append(Result(indicator=indicator, period_end=period.end, actual=actual, state="approved"))
            targets.append(Target(indicator=indicator, period_end=period.end, target=Decimal("85"),
                                  floor=Decimal("70"), lower_threshold=Decimal("50"), upper_threshold=Decimal("80")))
    Result.objects.bulk_create(results)
    Target.objects.bulk_create(targets)
    recompute_all()
    return directorates, indicators
