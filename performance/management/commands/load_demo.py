"""`python manage.py load_demo`: the demo council built from the seed reports (run by `make demo`).

Idempotent: running it again leaves the same data and writes nothing new. The demo accounts it
prints have fixed passwords and are for demonstrations only: never run this on a live system.
"""

from django.core.management.base import BaseCommand

from performance.demo import build
from performance.demo.build import DOT_SYMBOL


class Command(BaseCommand):
    help = ("Load a realistic demo council (directorates, KPIs and activity indicators from the 2016/17 and "
            "2020/21 Q2 reports, three years of quarterly results, targets, comparators and one demo account "
            "per role). Safe to run again.")

    def handle(self, *args, **options):
        report = build.load()
        self.stdout.write(self.style.SUCCESS(f"Demo council loaded in {report.seconds:.1f} s."))
        for label, counts in (("Created", report.created), ("Updated", report.updated)):
            if counts:
                self.stdout.write(f"{label}: " + ", ".join(f"{n} {model}" for model, n in sorted(counts.items())))
        if not report.created and not report.updated:
            self.stdout.write("Nothing to change: the demo data was already loaded.")
        self.stdout.write(f"Ratings recomputed: {report.ratings_changed} results changed.")
        self._summary(report.check)
        self._credentials(report.credentials)

    def _summary(self, check):
        total = check["counts"].get("TOTAL", {})
        self.stdout.write(
            "2020/21 Q2 KPIs: {GREEN} Green, {AMBER} Amber, {RED} Red; {up} {u}, {flat} {f}, {down} {d} "
            "(seed 004: 21 Green, 11 Amber, 3 Red; 5 ↑, 22 ↔, 8 ↓).".format(
                **{k: total.get(k, 0) for k in ("GREEN", "AMBER", "RED", "up", "flat", "down")},
                u=DOT_SYMBOL["up"], f=DOT_SYMBOL["flat"], d=DOT_SYMBOL["down"]))
        for mismatch in check["mismatches"]:
            self.stdout.write(self.style.WARNING(f"  differs from seed 004: {mismatch}"))

    def _credentials(self, credentials):
        headers = ("Role", "Username", "Password", "Name")
        widths = [max(len(headers[i]), *(len(row[i]) for row in credentials)) for i in range(4)]
        line = "  ".join(f"{{:<{w}}}" for w in widths)
        self.stdout.write("")
        self.stdout.write(self.style.MIGRATE_HEADING("Demo accounts (demo only: never load the demo on a live "
                                                     "system)"))
        self.stdout.write(line.format(*headers).rstrip())
        self.stdout.write(line.format(*("-" * w for w in widths)))
        for row in credentials:
            self.stdout.write(line.format(*row).rstrip())
