from indicators.management.commands.import_indicators import Command as ImportCommand
from performance.importers import plan_results


class Command(ImportCommand):
    help = ("Import results, targets and commentary from a CSV or Excel (.xlsx) file, matching on indicator code "
            "and period end. Any problem rejects the whole file and nothing is written.")

    def plan(self, path):
        return plan_results(path)
