"""Readable change history from django-simple-history records."""

from decimal import Decimal

from django.utils.formats import localize


def _display(record, field_name):
    value = getattr(record, field_name)
    field = record.instance_type._meta.get_field(field_name)
    if field.choices:
        return dict(field.flatchoices).get(value, value)
    if isinstance(value, Decimal):
        return f"{value.normalize():,f}"
    return "–" if value in (None, "") else localize(value)


IGNORED = ("updated_at", "entered_at", "rated_at", "entered_by", "submitted_by", "approved_by", "set_by",
           "accountable_officer", "directorate", "division", "replaced_by", "indicator")


def history_rows(history, ignore=IGNORED):
    """One row per saved version, newest first, listing each changed field with old and new value.

    Versions of different objects (e.g. each period's result) are compared only with their own.
    """
    records = list(history.order_by("history_date", "history_id"))
    rows = []
    latest_version = {}
    for record in records:
        previous = latest_version.get(record.id)
        changes = []
        if previous is not None:
            delta = record.diff_against(previous, excluded_fields=list(ignore))
            for change in delta.changes:
                field = record.instance_type._meta.get_field(change.field)
                changes.append({
                    "field": field.verbose_name,
                    "old": _display(previous, change.field),
                    "new": _display(record, change.field),
                })
        rows.append({"record": record, "who": record.history_user, "when": record.history_date,
                     "period_end": getattr(record, "period_end", None),
                     "kind": record.get_history_type_display(), "changes": changes,
                     "reason": record.history_change_reason})
        latest_version[record.id] = record
    return rows[::-1]
