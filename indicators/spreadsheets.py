"""Spreadsheets in and out: CSV (UTF-8) and Excel (.xlsx) read into rows, figures and dates read from
cells, and rows written back out. Shared by the catalogue and results imports and the results export.

Import plans live here too: an import first works out, row by row, what it would create or change
(the preview), and only writes when asked to (``apply``).
"""

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import NamedTuple
from zipfile import BadZipFile

from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils.exceptions import InvalidFileException

from performance.validation import STORED_PLACES

FORMATS = ("csv", "xlsx")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
LARGEST = Decimal(10) ** 14  # figures are stored with 20 digits, 6 of them after the point
THOUSANDS = re.compile(r"[+-]?\d{1,3}(,\d{3})+(\.\d+)?")
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class RowError:
    """One problem in a spreadsheet, where the person fixing it will look: row 1 is the header."""

    row: int
    column: str
    message: str

    def __str__(self):
        where = f'Row {self.row}, column "{self.column}"' if self.column else f"Row {self.row}"
        return f"{where}: {self.message}"


class SpreadsheetRejected(Exception):
    """The file cannot be imported; ``errors`` lists every problem found."""

    def __init__(self, errors: list[RowError]):
        self.errors = sorted(errors, key=lambda error: error.row)
        super().__init__("\n".join(str(error) for error in self.errors))


class Sheet(NamedTuple):
    header: list[str]  # lower-cased, stripped column names
    rows: list[tuple[int, dict]]  # (spreadsheet row number, {column: cell}); empty cells are None


# ---------------------------------------------------------------------------------------------
# Reading
# ---------------------------------------------------------------------------------------------


def read_sheet(source: Path | str | bytes | io.IOBase) -> Sheet:
    """The first sheet of an XLSX workbook, or a CSV file, from a path, bytes or an open binary file."""
    if isinstance(source, bytes):
        data = source
    elif isinstance(source, Path | str):
        data = Path(source).read_bytes()
    else:
        data = source.read()
    table = _xlsx_table(data) if data[:4] == b"PK\x03\x04" else _csv_table(data)
    header = [str(name).strip().lower() if name is not None else "" for name in (table[0] if table else [])]
    repeated = sorted({name for name in header if name and header.count(name) > 1})
    if repeated:
        raise SpreadsheetRejected([RowError(1, name, "This column appears more than once.") for name in repeated])
    rows = []
    for number, values in enumerate(table[1:], start=2):
        values = list(values) + [None] * (len(header) - len(values))
        cells = {name: _cell(value) for name, value in zip(header, values, strict=False) if name}
        if any(value is not None for value in cells.values()):
            rows.append((number, cells))
    return Sheet(header, rows)


def require_columns(header: list[str], required: tuple[str, ...]) -> None:
    missing = [name for name in required if name not in header]
    if missing:
        raise SpreadsheetRejected([RowError(1, "", (
            f"The header row has no {', '.join(missing)} column{'s' if len(missing) > 1 else ''}. "
            f"Required columns: {', '.join(required)}."
        ))])


def _csv_table(data: bytes) -> list[list]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SpreadsheetRejected([RowError(1, "", (
            "The file is neither an Excel workbook (.xlsx) nor UTF-8 text. "
            'In Excel, save it as "CSV UTF-8 (Comma delimited)" or as an Excel workbook.'
        ))]) from None
    return list(csv.reader(io.StringIO(text, newline="")))


def _xlsx_table(data: bytes) -> list[list]:
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (BadZipFile, InvalidFileException, KeyError, ValueError):
        raise SpreadsheetRejected([RowError(1, "", "The file could not be read as an Excel workbook (.xlsx).")]) \
            from None
    try:
        return [[_xlsx_value(cell) for cell in row] for row in book.worksheets[0].iter_rows()]
    finally:
        book.close()


def _xlsx_value(cell):
    """Excel stores "85%" as 0.85 shown as a percentage: read it as the 85 the officer typed."""
    value = cell.value
    if isinstance(value, int | float) and not isinstance(value, bool) and "%" in (cell.number_format or ""):
        return Decimal(str(value)) * 100
    return value


def _cell(value):
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


def parse_decimal(value) -> Decimal | None:
    """A figure from a cell: 1366, 85.5, "1,366", "85%", " 12.5 ". None when the cell is empty."""
    if value is None or value == "":
        return None
    if isinstance(value, bool | date):
        raise ValueError(f'"{value}" is not a number.')
    if isinstance(value, int | float | Decimal):
        number = Decimal(str(value))
    else:
        text = str(value).strip().removesuffix("%").strip()
        if "," in text and not THOUSANDS.fullmatch(text):
            raise ValueError(f'"{value}" is not a number; commas may only separate thousands, as in 1,366.')
        try:
            number = Decimal(text.replace(",", ""))
        except InvalidOperation:
            raise ValueError(f'"{value}" is not a number.') from None
    if not number.is_finite():
        raise ValueError(f'"{value}" is not a number.')
    if abs(number) >= LARGEST:
        raise ValueError(f'"{value}" is too large.')
    return number.quantize(STORED_PLACES) if number.as_tuple().exponent < -6 else number


def parse_date(value) -> date | None:
    """A date from a cell: an Excel date or YYYY-MM-DD text. None when the cell is empty."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    try:
        if ISO_DATE.fullmatch(text):
            return date.fromisoformat(text)
    except ValueError:
        pass
    raise ValueError(f'"{value}" is not a date; use YYYY-MM-DD.')


def parse_text(value) -> str:
    """A cell as text, "" when empty (a code typed as 101 in Excel arrives as a number)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return cell_text(value).strip()


def parse_choice(value, choices: list[tuple[str, str]], default: str = "") -> str:
    """A choice by its value or its label, in any case. Empty gives the default."""
    text = parse_text(value).lower()
    if not text:
        return default
    for choice, label in choices:
        if text in (choice.lower(), str(label).lower()):
            return choice
    raise ValueError(f'"{value}" is not one of: {", ".join(choice for choice, _ in choices)}.')


# ---------------------------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------------------------


def plain_number(value: Decimal) -> str:
    """85.000000 → "85", 1E+2 → "100": no exponent, no trailing zeros."""
    text = f"{value.normalize():f}"
    return "0" if text == "-0" else text


def cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return plain_number(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def write_sheet(header: list[str], rows, fmt: str) -> bytes:
    """Rows of values (Decimal, date, text or None) as CSV (UTF-8 with a BOM, so Excel reads "£") or XLSX."""
    if fmt == "xlsx":
        return _write_xlsx(header, rows)
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows([cell_text(value) for value in row] for row in rows)
    return out.getvalue().encode("utf-8-sig")


def _write_xlsx(header: list[str], rows) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    heading = []
    for name in header:
        cell = WriteOnlyCell(sheet, name)
        cell.font = bold
        heading.append(cell)
    sheet.append(heading)
    for row in rows:
        sheet.append([_xlsx_cell(sheet, value) for value in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _xlsx_cell(sheet, value):
    cell = WriteOnlyCell(sheet, Decimal(plain_number(value)) if isinstance(value, Decimal) else value)
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"  # commentary that starts with "=" is text, not a formula
    return cell


# ---------------------------------------------------------------------------------------------
# Import plans
# ---------------------------------------------------------------------------------------------

CREATE, UPDATE, UNCHANGED = "create", "update", "unchanged"
DONE = {CREATE: "created", UPDATE: "updated", UNCHANGED: "unchanged"}


class Change(NamedTuple):
    column: str
    old: str
    new: str


@dataclass
class PlannedRow:
    row: int
    label: str  # what the row is about: "CS01" or "CS01 2020/21 Q2"
    action: str  # CREATE, UPDATE or UNCHANGED
    changes: list[Change] = field(default_factory=list)


def shown(value) -> str:
    """A value as the preview shows it: "–" for empty."""
    if hasattr(value, "get_username"):
        return value.get_username()
    return cell_text(value) or "–"


def changes_between(old: dict, new: dict) -> list[Change]:
    return [Change(column, shown(old.get(column)), shown(value))
            for column, value in new.items() if old.get(column) != value]


class ImportPlan:
    """What an import will do, row by row. Subclasses write it with ``apply()``."""

    def __init__(self, rows: list[PlannedRow]):
        self.rows = rows

    @property
    def counts(self) -> dict[str, int]:
        return {action: sum(row.action == action for row in self.rows) for action in DONE}

    @property
    def changing_rows(self) -> list[PlannedRow]:
        return [row for row in self.rows if row.action != UNCHANGED]

    def summary(self) -> str:
        """ "12 created, 3 updated, 40 unchanged" """
        return ", ".join(f"{count} {DONE[action]}" for action, count in self.counts.items())

    def apply(self) -> None:
        raise NotImplementedError
