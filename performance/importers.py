"""Import results, targets and commentary from a spreadsheet: one row per indicator and period end.

The header decides what is imported: an absent column leaves that field alone and an empty cell means
unknown. A result is written when the file has result columns and the row fills one of them (or the
result exists already); likewise a target, so a file of next year's targets creates no empty results.
"""

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone

from indicators.models import Indicator
from indicators.spreadsheets import (
    CREATE,
    UNCHANGED,
    UPDATE,
    ImportPlan,
    PlannedRow,
    RowError,
    SpreadsheetRejected,
    changes_between,
    parse_choice,
    parse_date,
    parse_decimal,
    parse_text,
    read_sheet,
    require_columns,
)

from . import services
from .models import Result, Target, target_errors
from .validation import computed_actual, result_errors

REQUIRED = ("indicator_code", "period_end")
COLUMNS = (*REQUIRED, "actual", "target", "floor", "lower_threshold", "upper_threshold", "numerator", "denominator",
           "commentary", "actions", "risks", "forecast", "data_status")
NUMBERS = ("actual", "numerator", "denominator", "forecast", *services.TARGET_FIELDS)
FIGURES = ("actual", "numerator", "denominator")
EXAMPLE = ["CS01", "2020-09-30", "86.5", "85", "80", "", "", "", "",
           "More calls answered since the new telephony system went live in July.", "", "", "87", "provisional"]
CHANGE_REASON = "Spreadsheet import"


@dataclass
class _Write:
    indicator: Indicator
    period_end: date
    result: dict | None  # the values to save; None leaves the result alone
    target: dict | None


class ResultsPlan(ImportPlan):
    def __init__(self, rows: list[PlannedRow], writes: list[_Write], user):
        super().__init__(rows)
        self.writes = writes
        self.user = user  # None from the command line

    @transaction.atomic
    def apply(self) -> None:
        for write in self.writes:
            if write.result is not None:
                services.save_result(write.indicator, write.period_end, self.user, change_reason=CHANGE_REASON,
                                     **write.result)
            if write.target is not None:
                services.save_target(write.indicator, write.period_end, self.user, change_reason=CHANGE_REASON,
                                     **write.target)


def _value(column: str, cell):
    if column == "period_end":
        return parse_date(cell)
    if column in NUMBERS:
        return parse_decimal(cell)
    if column == "data_status":
        return parse_choice(cell, Result.DataStatus.choices, default=Result.DataStatus.PROVISIONAL)
    return parse_text(cell)


def _changes(record, values: dict):
    return changes_between({name: getattr(record, name) for name in values}, values)


def plan_results(source, user=None) -> ResultsPlan:
    """Check a results spreadsheet and work out what importing it would do; raise SpreadsheetRejected with
    every problem found if any row cannot be imported."""
    header, rows = read_sheet(source)
    require_columns(header, REQUIRED)
    result_columns = [name for name in services.RESULT_FIELDS if name in header]
    target_columns = [name for name in services.TARGET_FIELDS if name in header]
    codes = {parse_text(cells["indicator_code"]) for _, cells in rows}
    indicators = {indicator.code: indicator for indicator in Indicator.objects.filter(code__in=codes)}

    errors, parsed, first_row = [], [], {}
    for number, cells in rows:
        problems, values = [], {}
        code = parse_text(cells["indicator_code"])
        if code not in indicators:
            problems.append(("indicator_code", f'No indicator has the code "{code}".' if code else
                             "Give the indicator's code."))
        for column in ("period_end", *result_columns, *target_columns):
            try:
                values[column] = _value(column, cells[column])
            except ValueError as problem:
                problems.append((column, str(problem)))
        period_end = values.pop("period_end", None)
        if cells["period_end"] is None:
            problems.append(("period_end", "Give the end date of the period, as YYYY-MM-DD."))
        elif period_end and code in indicators:
            if (code, period_end) in first_row:
                problems.append(("period_end", f"{code} for the period ending {period_end} is also in row "
                                               f"{first_row[code, period_end]}."))
            first_row.setdefault((code, period_end), number)
        errors += [RowError(number, column, message) for column, message in problems]
        if not problems:
            parsed.append((number, indicators[code], period_end, cells, values))

    indicator_ids = {indicator.pk for _, indicator, *_ in parsed}
    period_ends = {period_end for _, _, period_end, *_ in parsed}
    results = {(r.indicator_id, r.period_end): r
               for r in Result.objects.filter(indicator_id__in=indicator_ids, period_end__in=period_ends)}
    targets = {(t.indicator_id, t.period_end): t
               for t in Target.objects.filter(indicator_id__in=indicator_ids, period_end__in=period_ends)}
    today = timezone.localdate()
    planned, writes = [], []
    for number, indicator, period_end, cells, values in parsed:
        result, target = results.get((indicator.pk, period_end)), targets.get((indicator.pk, period_end))
        result_values = (None if _is_exported_target_row(cells, result_columns)
                         else _section(values, result_columns, cells, result))
        target_values = _section(values, target_columns, cells, target)
        problems = {}
        if result_values is not None:
            result = result or Result(indicator=indicator, period_end=period_end)
            figures = {name: result_values.get(name, getattr(result, name)) for name in FIGURES}
            computed = computed_actual(indicator.unit, figures["numerator"], figures["denominator"])
            if computed is not None:
                figures["actual"] = result_values["actual"] = computed
            problems |= result_errors(unit=indicator.unit, period_end=period_end, today=today, **figures)
        if target_values is not None:
            target = target or Target(indicator=indicator, period_end=period_end)
            figures = {name: target_values.get(name, getattr(target, name)) for name in services.TARGET_FIELDS}
            problems |= target_errors(indicator.polarity, *figures.values())
        errors += [RowError(number, column, message) for column, message in problems.items()]
        if errors:
            continue  # only plan while the file is still importable
        result_changes = _changes(result, result_values) if result_values is not None else []
        target_changes = _changes(target, target_values) if target_values is not None else []
        new_result = result_values is not None and result.pk is None
        new_target = target_values is not None and target.pk is None
        created = new_result if result_values is not None else new_target  # a new result, or a new target alone
        action = CREATE if created else UPDATE if result_changes or target_changes else UNCHANGED
        planned.append(PlannedRow(number, f"{indicator.code} {indicator.period(period_end)}", action,
                                  result_changes + target_changes))
        if action != UNCHANGED:
            writes.append(_Write(indicator, period_end, result_values if new_result or result_changes else None,
                                 target_values if new_target or target_changes else None))
    if errors:
        raise SpreadsheetRejected(errors)
    return ResultsPlan(planned, writes, user)


def _section(values: dict, columns: list[str], cells: dict, existing) -> dict | None:
    """The values of the result (or target) columns, or None when the row leaves it alone."""
    if columns and (existing is not None or any(cells[name] is not None for name in columns)):
        return {name: values[name] for name in columns}
    return None


def _is_exported_target_row(cells: dict, result_columns: list[str]) -> bool:
    """An export's row for a target set ahead of its result: no state and no result figures. Importing it
    again sets the target and never wipes a result entered since the export was taken."""
    return "state" in cells and cells["state"] is None and all(cells[name] is None for name in result_columns)
