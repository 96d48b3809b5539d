"""Import the indicator catalogue from a spreadsheet: one row per indicator, matched on its code.

Columns absent from the header leave those fields alone; an empty cell clears the field (or, for a
field that cannot be blank, gives its default). Unknown directorates and service areas are created.
"""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.text import slugify

from .models import Directorate, Division, Indicator
from .spreadsheets import (
    CREATE,
    UNCHANGED,
    UPDATE,
    ImportPlan,
    PlannedRow,
    RowError,
    SpreadsheetRejected,
    changes_between,
    parse_choice,
    parse_decimal,
    parse_text,
    read_sheet,
    require_columns,
)

REQUIRED = ("code", "title", "directorate", "kind", "polarity", "unit", "frequency")
OPTIONAL = ("short_title", "division", "accountable_officer", "director", "strategic_priority", "ambition",
            "unit_label", "decimal_places", "year_basis", "reporting_basis", "data_source", "definition", "notes",
            "status", "replaced_by", "dot_method", "display_order")
COLUMNS = REQUIRED + OPTIONAL
CHOICE_COLUMNS = ("kind", "polarity", "unit", "frequency", "year_basis", "reporting_basis", "status", "dot_method")
MAX_LENGTHS = {"directorate": Directorate._meta.get_field("name").max_length,
               "division": Division._meta.get_field("name").max_length,
               **{name: Indicator._meta.get_field(name).max_length
                  for name in ("code", "title", "short_title", "director", "strategic_priority", "ambition",
                               "unit_label", "data_source")}}
WHOLE_NUMBERS = {"decimal_places": (0, 6), "display_order": (0, 32767)}
EXAMPLE = ["CS01", "Percentage of phone calls to the contact centre answered", "Strategic and Corporate Services",
           "kpi", "higher", "percentage", "quarterly", "Calls answered", "Customer Services", "",
           "Alex Jones", "Bold Steps: putting the citizen in control", "", "", "1", "financial", "period",
           "Telephony system", "Calls answered / calls received", "", "active", "", "previous", "1"]
CHANGE_REASON = "Catalogue import"


class CataloguePlan(ImportPlan):
    def __init__(self, rows: list[PlannedRow], writes: list[dict]):
        super().__init__(rows)
        self.writes = writes  # the values of each indicator to create or update

    @transaction.atomic
    def apply(self) -> None:
        directorates = list(Directorate.objects.all())
        forward_references = []
        for values in self.writes:
            indicator = Indicator.objects.filter(code=values["code"]).first() or Indicator(code=values["code"])
            for name, value in values.items():
                if name == "directorate":
                    found = find_directorate(value, directorates)
                    if found is None:
                        found = Directorate.objects.create(name=value, slug=slugify(value))
                        directorates.append(found)
                    value = found
                elif name == "division":
                    value = _division(indicator.directorate, value) if value else None
                elif name == "replaced_by":
                    code, value = value, Indicator.objects.filter(code=value).first() if value else None
                    if code and value is None:  # replaced by an indicator further down the file
                        forward_references.append((indicator, code))
                setattr(indicator, name, value)
            indicator._change_reason = CHANGE_REASON
            indicator.save()
        for indicator, code in forward_references:
            indicator.replaced_by = Indicator.objects.get(code=code)
            indicator._change_reason = CHANGE_REASON
            indicator.save(update_fields=["replaced_by"])


def find_directorate(name: str, directorates: list[Directorate]) -> Directorate | None:
    """A directorate by its name, in any case and punctuation, or by its slug."""
    return next((d for d in directorates if slugify(name) in (d.slug, slugify(d.name))), None)


def _division(directorate: Directorate, name: str) -> Division:
    return (Division.objects.filter(directorate=directorate, name__iexact=name).first()
            or Division.objects.create(directorate=directorate, name=name))


class _Catalogue:
    """What the rows are checked against, loaded with a handful of queries."""

    def __init__(self, rows):
        codes = {parse_text(cells.get("code")) for _, cells in rows}
        references = {parse_text(cells.get("replaced_by")) for _, cells in rows} - {""}
        self.indicators = {i.code: i for i in Indicator.objects.filter(code__in=codes).select_related(
            "directorate", "division", "accountable_officer", "replaced_by")}
        self.known_codes = codes | set(Indicator.objects.filter(code__in=references).values_list("code", flat=True))
        self.directorates = list(Directorate.objects.all())
        self.divisions = {(d.directorate_id, d.name.lower()): d.name for d in Division.objects.all()}
        officers = {parse_text(cells.get("accountable_officer")).lower() for _, cells in rows} - {""}
        self.users = list(get_user_model().objects.annotate(login=Lower("username"), mail=Lower("email"))
                          .filter(Q(login__in=officers) | Q(mail__in=officers)))

    def user(self, text: str):
        matches = [u for u in self.users if text.lower() in (u.login, u.mail)]
        if len(matches) != 1:
            raise ValueError(f'No user has the username or e-mail "{text}".' if not matches else
                             f'"{text}" matches more than one user; give the username.')
        return matches[0]


def current_values(indicator: Indicator) -> dict:
    """An indicator's catalogue fields as the spreadsheet gives them."""
    values = {name: getattr(indicator, name) for name in COLUMNS}
    values.update(directorate=indicator.directorate.name,
                  division=indicator.division.name if indicator.division else "",
                  replaced_by=indicator.replaced_by.code if indicator.replaced_by else "")
    return values


def _row_values(cells: dict, catalogue: _Catalogue) -> tuple[dict, list[tuple[str, str]]]:
    """The values of one row, and its problems as (column, message)."""
    values, problems = {}, []
    for name in COLUMNS:
        if name in cells:
            try:
                values[name] = _value(name, cells[name], catalogue)
            except ValueError as problem:
                problems.append((name, str(problem)))
    if "directorate" in values:
        known = find_directorate(values["directorate"], catalogue.directorates)
        if known is None and not slugify(values["directorate"]):
            problems.append(("directorate", "A directorate name needs letters or digits."))
        values["directorate"] = known.name if known else values["directorate"]
        if values.get("division") and known:
            values["division"] = catalogue.divisions.get((known.pk, values["division"].lower()), values["division"])
    return values, problems


def _value(name: str, cell, catalogue: _Catalogue):
    model_field = Indicator._meta.get_field(name)
    default = "" if name in REQUIRED else model_field.get_default()
    if name in CHOICE_COLUMNS:
        value = parse_choice(cell, model_field.choices, default=default)
    elif name in WHOLE_NUMBERS:
        value = _whole_number(cell, *WHOLE_NUMBERS[name], default)
    elif name == "accountable_officer":
        value = cell and catalogue.user(parse_text(cell))
    else:
        value = parse_text(cell)
        if MAX_LENGTHS.get(name) and len(value) > MAX_LENGTHS[name]:
            raise ValueError(f"This is {len(value)} characters long; the most allowed is {MAX_LENGTHS[name]}.")
        if name == "code" and "/" in value:
            raise ValueError(f'"{value}" contains "/"; a code is letters, digits and simple punctuation.')
    if name in REQUIRED and value == "":
        raise ValueError("This cell must be filled in.")
    return value


def _whole_number(value, low: int, high: int, default):
    number = parse_decimal(value)
    if number is None:
        return default
    if number != number.to_integral_value() or not low <= number <= high:
        raise ValueError(f'"{value}" is not a whole number from {low} to {high}.')
    return int(number)


def plan_catalogue(source) -> CataloguePlan:
    """Check a catalogue spreadsheet and work out what importing it would do; raise SpreadsheetRejected if it
    has any problem."""
    header, rows = read_sheet(source)
    require_columns(header, REQUIRED)
    catalogue = _Catalogue(rows)
    errors, planned, writes, first_row = [], [], [], {}
    for number, cells in rows:
        values, problems = _row_values(cells, catalogue)
        code = values.get("code")
        if code in first_row:
            problems.append(("code", f'"{code}" also appears in row {first_row[code]}.'))
        elif code:
            first_row[code] = number
        existing = catalogue.indicators.get(code)
        problems += _consistency_problems(values, existing, catalogue)
        errors += [RowError(number, column, message) for column, message in problems]
        if errors:
            continue  # only plan while the file is still importable
        changes = changes_between(current_values(existing), values) if existing else _new_values(values)
        action = CREATE if existing is None else UPDATE if changes else UNCHANGED
        planned.append(PlannedRow(number, code, action, changes))
        if action != UNCHANGED:
            writes.append(values)
    if errors:
        raise SpreadsheetRejected(errors)
    return CataloguePlan(planned, writes)


def _consistency_problems(values: dict, existing: Indicator | None, catalogue: _Catalogue) -> list[tuple[str, str]]:
    replaced_by = values.get("replaced_by", existing.replaced_by.code if existing and existing.replaced_by else "")
    status = values.get("status", existing.status if existing else Indicator.Status.ACTIVE)
    if "replaced_by" in values and replaced_by and replaced_by == values.get("code"):
        return [("replaced_by", "An indicator cannot replace itself.")]
    if "replaced_by" in values and replaced_by and replaced_by not in catalogue.known_codes:
        return [("replaced_by", f'No indicator has the code "{replaced_by}", in this file or already.')]
    if status == Indicator.Status.REPLACED and not replaced_by:
        return [("replaced_by", "The status is replaced: give the code of the indicator that replaces this one.")]
    if (existing and existing.division and "division" not in values
            and values.get("directorate", existing.directorate.name) != existing.directorate.name):
        return [("directorate", f'The service area "{existing.division.name}" belongs to '
                                f"{existing.directorate.name}; add a division column to move the indicator.")]
    return []


def _new_values(values: dict):
    return changes_between({}, {name: value for name, value in values.items() if value not in ("", None)})
