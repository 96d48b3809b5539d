import time
from datetime import date

from django.core.management.base import BaseCommand, CommandError

from indicators.models import Indicator
from performance.dashboards import latest_approved_quarter
from performance.models import CabinetPaper
from performance.paper import services


class Command(BaseCommand):
    help = ("Time the Cabinet paper for the loaded council (run load_demo first): printed afresh, "
            "then again with nothing changed.")

    def add_arguments(self, parser):
        parser.add_argument("--quarter-end", type=date.fromisoformat, help="Default: the latest approved quarter")

    def handle(self, quarter_end, **options):
        quarter_end = quarter_end or latest_approved_quarter()
        if quarter_end is None:
            raise CommandError("No approved results: run `python manage.py load_demo` first.")
        kpis = Indicator.objects.filter(status="active", kind="kpi").count()
        activities = Indicator.objects.filter(status="active", kind="activity").count()
        self.stdout.write(f"Council: {kpis} KPIs and {activities} activity indicators, quarter ending {quarter_end}.")
        report = services.report_for(quarter_end)
        for label, reuse in (("printed afresh", False), ("nothing changed (cached)", True)):
            paper = CabinetPaper.objects.create(report=report)
            started = time.perf_counter()
            paper = services.generate(paper.pk, reuse=reuse)
            elapsed = time.perf_counter() - started
            if paper.status != CabinetPaper.Status.READY:
                raise CommandError(paper.error)
            self.stdout.write(f"{label}: {elapsed:.1f} s, {paper.pages} pages")
