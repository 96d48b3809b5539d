from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from indicators.importers import plan_catalogue
from indicators.spreadsheets import SpreadsheetRejected


class Command(BaseCommand):
    help = ("Import the indicator catalogue from a CSV or Excel (.xlsx) file, matching indicators on their code. "
            "Any problem rejects the whole file and nothing is written.")

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="The .csv or .xlsx file")
        parser.add_argument("--dry-run", action="store_true", help="Check the file and say what would change")

    def plan(self, path):
        return plan_catalogue(path)

    def handle(self, *, path, dry_run, verbosity, **options):
        try:
            plan = self.plan(path)
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}.") from None
        except SpreadsheetRejected as rejected:
            for error in rejected.errors:
                self.stderr.write(str(error))
            raise CommandError(f"{len(rejected.errors)} problem(s) in {path}; nothing has been imported.") from None
        if verbosity > 1:
            for row in plan.changing_rows:
                changes = "; ".join(f"{c.column}: {c.old} → {c.new}" for c in row.changes)
                self.stdout.write(f"Row {row.row} {row.label}: {row.action} ({changes})")
        if dry_run:
            self.stdout.write(f"Dry run, nothing written. Importing would give: {plan.summary()}.")
            return
        plan.apply()
        self.stdout.write(self.style.SUCCESS(f"{plan.summary()}."))
