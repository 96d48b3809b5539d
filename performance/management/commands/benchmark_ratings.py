import random
import time
from decimal import Decimal

from django.core.management.base import BaseCommand
from django.db import transaction

from indicators.models import Directorate, Indicator
from performance.models import Result, Target
from performance.periods import Period
from performance.rating import recompute


class Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "Time a full ratings recompute of a synthetic county-sized data set (rolled back afterwards)."

    def add_arguments(self, parser):
        parser.add_argument("--results", type=int, default=20000)
        parser.add_argument("--periods", type=int, default=40, help="Quarters per indicator")

    def handle(self, results, periods, **options):
        try:
            with transaction.atomic():
                self.run(results, periods)
                raise Rollback
        except Rollback:
            self.stdout.write("Synthetic data rolled back.")

    def run(self, total, periods):
        rng = random.Random(20261122)
        directorate = Directorate.objects.create(name="Benchmark directorate", slug="benchmark-directorate")
        count = max(1, total // periods)
        indicators = Indicator.objects.bulk_create([
            Indicator(code=f"BENCH{n:05d}", title=f"Benchmark indicator {n}", directorate=directorate,
                      kind=Indicator.Kind.ACTIVITY if n % 5 == 0 else Indicator.Kind.KPI,
                      polarity=rng.choice(["higher", "lower"]), unit="percentage", decimal_places=1,
                      dot_method="previous" if n % 4 == 0 else "")
            for n in range(count)])
        ends = [p.end for p in Period.quarter(2020, 2).last(periods)]
        rows, targets = [], []
        for indicator in indicators:
            level = rng.uniform(20, 80)
            for end in ends:
                level = min(100, max(0, level + rng.gauss(0.3, 2)))
                rows.append(Result(indicator=indicator, period_end=end, actual=Decimal(f"{level:.1f}")))
                targets.append(Target(indicator=indicator, period_end=end, target=Decimal("60"),
                                      floor=Decimal("50"), lower_threshold=None, upper_threshold=None))
        Result.objects.bulk_create(rows, batch_size=2000)
        Target.objects.bulk_create(targets, batch_size=2000)
        self.stdout.write(f"{len(rows)} results for {len(indicators)} indicators over {periods} quarters.")
        ids = [i.pk for i in indicators]
        for label in ("first recompute (every rating written)", "second recompute (nothing changed)"):
            started = time.perf_counter()
            changed = recompute(ids)
            elapsed = time.perf_counter() - started
            self.stdout.write(f"{label}: {elapsed:.2f} s, {changed} results re-rated")
