from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from performance.models import CabinetPaper
from performance.paper import services
from performance.periods import Period


class Command(BaseCommand):
    help = "Produce the Quarterly Performance Report for Cabinet as a PDF."

    def add_arguments(self, parser):
        parser.add_argument("--quarter-end", required=True, type=date.fromisoformat, help="YYYY-MM-DD")
        parser.add_argument("--output", required=True, type=Path, help="Where to write the PDF")
        parser.add_argument("--no-cache", action="store_true", help="Print afresh even if nothing changed")

    def handle(self, quarter_end, output, no_cache, **options):
        if not Period("quarterly", quarter_end).is_standard:
            raise CommandError(f"{quarter_end} is not a quarter end (30 Jun, 30 Sep, 31 Dec or 31 Mar).")
        paper = CabinetPaper.objects.create(report=services.report_for(quarter_end))
        paper = services.generate(paper.pk, reuse=not no_cache)
        if paper.status != CabinetPaper.Status.READY:
            raise CommandError(f"The paper could not be produced: {paper.error}")
        output.parent.mkdir(parents=True, exist_ok=True)
        with paper.pdf.open("rb") as pdf:
            output.write_bytes(pdf.read())
        self.stdout.write(f"Wrote {output} ({paper.pages} pages) in {paper.seconds:.1f} s.")
