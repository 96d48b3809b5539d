"""Writes to targets and results. Each runs in one transaction; views, imports and tasks call these."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from indicators.models import Indicator
from indicators.roles import can_edit_indicator, editable_indicators, is_performance_team

from .models import Result, Target, target_errors
from .rules import Rag
from .tasks import send_exception_alerts

RESULT_FIELDS = ("actual", "numerator", "denominator", "commentary", "actions", "risks", "forecast", "data_status")
TARGET_FIELDS = ("target", "floor", "lower_threshold", "upper_threshold")


def _check_can_edit(user, indicator):
    if user is not None and not can_edit_indicator(user, indicator):
        raise PermissionDenied(f"You are not accountable for {indicator.code}.")


def _check_can_revise(user, result):
    if result.state == Result.State.APPROVED and user is not None and not is_performance_team(user):
        raise PermissionDenied(
            f"{result.indicator.code} {result.period} is approved; ask the performance team to revise it.")


@transaction.atomic
def save_result(indicator: Indicator, period_end: date, user, change_reason: str = "",
                **values) -> tuple[Result, bool]:
    """Create or update the result for an indicator and period. Returns (result, changed).

    The change reason (e.g. "Spreadsheet import") is kept in the history with who and when.
    """
    _check_can_edit(user, indicator)
    result = Result.objects.filter(indicator=indicator, period_end=period_end).first()
    created = result is None
    if created:
        result = Result(indicator=indicator, period_end=period_end, entered_by=user)
    else:
        _check_can_revise(user, result)
    changed = created
    for field in RESULT_FIELDS:
        if field in values and getattr(result, field) != values[field]:
            setattr(result, field, values[field])
            changed = True
    result.indicator = indicator
    result.full_clean(validate_unique=False, validate_constraints=False)
    if changed:
        result._history_user = user
        result._change_reason = change_reason
        result.save()
    return result, changed


@transaction.atomic
def save_target(indicator: Indicator, period_end: date, user, change_reason: str = "",
                **values) -> tuple[Target, bool]:
    target = Target.objects.filter(indicator=indicator, period_end=period_end).first()
    created = target is None
    if created:
        target = Target(indicator=indicator, period_end=period_end)
    changed = created
    for field in TARGET_FIELDS:
        if field in values and getattr(target, field) != values[field]:
            setattr(target, field, values[field])
            changed = True
    errors = target_errors(indicator.polarity, target.target, target.floor,
                           target.lower_threshold, target.upper_threshold)
    if errors:
        raise ValidationError(errors)
    if changed:
        target.set_by = user
        target._history_user = user
        target._change_reason = change_reason
        target.save()
    return target, changed


@transaction.atomic
def set_annual_target(indicator: Indicator, start_year: int, user, *,
                      target: Decimal | None = None, floor: Decimal | None = None,
                      lower_threshold: Decimal | None = None, upper_threshold: Decimal | None = None) -> list[Target]:
    """Enter a yearly target once and apply it to every period of the indicator's year (financial, academic
    or calendar, as the indicator is reported) starting in `start_year`."""
    values = {"target": target, "floor": floor, "lower_threshold": lower_threshold,
              "upper_threshold": upper_threshold}
    return [save_target(indicator, period.end, user, **values)[0] for period in indicator.periods_in_year(start_year)]


@transaction.atomic
def save_quarter_entry(user, period_end: date, rows: dict[Indicator, dict]) -> list[Result]:
    """Save every row of the quarter entry form, or none of them."""
    saved = []
    for indicator, values in rows.items():
        result, changed = save_result(indicator, period_end, user, **values)
        if changed:
            saved.append(result)
    return saved


def _transition(user, results, to_state, by_field, at_field):
    now = timezone.now()
    editable = set(editable_indicators(user).values_list("pk", flat=True))
    for result in results:
        if result.indicator_id not in editable:
            raise PermissionDenied(f"You are not accountable for {result.indicator.code}.")
        result.state = to_state
        setattr(result, by_field, user)
        setattr(result, at_field, now)
        result._history_user = user
        result.save(update_fields=["state", by_field, at_field, "updated_at"])


@transaction.atomic
def submit_results(user, results) -> None:
    """Draft → submitted: the officer says the figures are ready for checking."""
    drafts = [r for r in results if r.state == Result.State.DRAFT and r.actual is not None]
    _transition(user, drafts, Result.State.SUBMITTED, "submitted_by", "submitted_at")


@transaction.atomic
def approve_results(user, results) -> None:
    """Submitted → approved, by the performance team or the directorate's director."""
    pending = [r for r in results if r.state == Result.State.SUBMITTED]
    led = set(user.directorates_led.values_list("pk", flat=True))
    if not is_performance_team(user) and any(r.indicator.directorate_id not in led for r in pending):
        raise PermissionDenied("Only the performance team or the directorate's director can approve results.")
    _transition(user, pending, Result.State.APPROVED, "approved_by", "approved_at")
    if pending:
        transaction.on_commit(send_exception_alerts.delay)


@transaction.atomic
def override_rating(user, result: Result, rag: str, reason: str) -> Result:
    """The performance team overrides a RAG rating; the computed rating stays beside it."""
    if not is_performance_team(user):
        raise PermissionDenied("Only the performance team can override a rating.")
    if not result.indicator.is_kpi:
        raise ValidationError({"rag_override": "Activity indicators have no RAG rating to override."})
    if rag and rag not in {Rag.GREEN, Rag.AMBER, Rag.RED}:
        raise ValidationError({"rag_override": "An override is GREEN, AMBER or RED."})
    if rag and not reason.strip():
        raise ValidationError({"rag_override_reason": "Give the reason for overriding the rating."})
    result.rag_override = rag
    result.rag_override_reason = reason.strip() if rag else ""
    result._change_reason = f"Rating override: {rag or 'removed'}"
    result._history_user = user
    result.save(update_fields=["rag_override", "rag_override_reason", "updated_at"])
    return result
