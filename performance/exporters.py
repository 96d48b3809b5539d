"""Export results, with their targets and ratings, to CSV or XLSX: one row per result, and one per target
set for a period with no result yet (e.g. next year's targets), so nothing is lost on the way round.

The file imports back unchanged (``import_results``): the rating columns are ignored on import.
"""

from datetime import date

from indicators.spreadsheets import write_sheet

from .models import Result, Target
from .services import TARGET_FIELDS

COLUMNS = ("indicator_code", "indicator_title", "period_end", "actual", *TARGET_FIELDS, "numerator", "denominator",
           "commentary", "actions", "risks", "forecast", "data_status", "state", "rag", "rag_override", "direction",
           "activity_status")
RESULT_COLUMNS = COLUMNS[COLUMNS.index("numerator"):]  # read straight from the Result


def export_rows(directorate: str | None = None, period_from: date | None = None, period_to: date | None = None):
    """The rows of the export, optionally for one directorate (by slug) and a range of period ends."""
    filters = {"indicator__directorate__slug": directorate, "period_end__gte": period_from,
               "period_end__lte": period_to}
    filters = {name: value for name, value in filters.items() if value is not None}
    targets = {(target.indicator_id, target.period_end): target
               for target in Target.objects.filter(**filters).select_related("indicator", "indicator__directorate")}
    results = {(result.indicator_id, result.period_end): result
               for result in Result.objects.filter(**filters).select_related("indicator", "indicator__directorate")}
    for key in sorted(targets.keys() | results.keys(), key=lambda key: _order(results.get(key) or targets[key])):
        result, target = results.get(key), targets.get(key)
        indicator = (result or target).indicator
        yield [indicator.code, indicator.title, key[1], result.actual if result else None,
               *(getattr(target, name) if target else None for name in TARGET_FIELDS),
               *(getattr(result, name) if result else None for name in RESULT_COLUMNS)]


def _order(row):
    directorate = row.indicator.directorate
    return directorate.display_order, directorate.name, row.indicator.code, row.period_end


def export_results(fmt: str = "csv", **filters) -> bytes:
    return write_sheet(list(COLUMNS), export_rows(**filters), fmt)
