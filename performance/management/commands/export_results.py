from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from indicators.models import Directorate
from indicators.spreadsheets import FORMATS
from performance.exporters import export_results


class Command(BaseCommand):
    help = "Export results with their targets and ratings to CSV or Excel (.xlsx); the file imports back unchanged."

    def add_arguments(self, parser):
        parser.add_argument("--format", dest="fmt", choices=FORMATS,
                            help="Default: from the output file's extension, else csv")
        parser.add_argument("--output", type=Path, help="File to write (default: CSV to standard output)")
        parser.add_argument("--directorate", help="Only this directorate (its slug)")
        parser.add_argument("--from", dest="period_from", type=date.fromisoformat, help="First period end, YYYY-MM-DD")
        parser.add_argument("--to", dest="period_to", type=date.fromisoformat, help="Last period end, YYYY-MM-DD")

    def handle(self, *, fmt, output, directorate, period_from, period_to, **options):
        fmt = fmt or ("xlsx" if output and output.suffix.lower() == ".xlsx" else "csv")
        if fmt == "xlsx" and output is None:
            raise CommandError("An Excel export needs --output PATH.")
        if directorate and not Directorate.objects.filter(slug=directorate).exists():
            raise CommandError(f'No directorate has the slug "{directorate}".')
        data = export_results(fmt, directorate=directorate, period_from=period_from, period_to=period_to)
        if output is None:
            self.stdout.write(data.decode("utf-8-sig"), ending="")
        else:
            output.write_bytes(data)
            self.stdout.write(f"Wrote {output}.")
