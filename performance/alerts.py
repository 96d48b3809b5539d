"""Exception alerts: find what needs attention and e-mail each recipient one digest, exactly once.

Exceptions (on approved data, per indicator's latest period):
- newly RED: RED now, not RED the period before;
- repeatedly AMBER: AMBER now and the period before;
- activity outside its expected range;
- missing: no result for a period that ended more than ALERT_MISSING_AFTER_WORKING_DAYS working
  days ago (England and Wales bank holidays excluded).
"""

import uuid
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Max, Q
from django.template.loader import render_to_string
from django.utils import timezone

from indicators.formatting import format_value
from indicators.models import Indicator

from .models import ExceptionAlert, Result, Target
from .periods import Period
from .rules import ActivityStatus, Rag, repeatedly_amber
from .workdays import add_working_days

CLAIM_TIMEOUT = timedelta(minutes=15)  # far longer than sending one digest takes


@dataclass(frozen=True)
class Finding:
    indicator: Indicator
    kind: str
    period_end: date
    summary: str


def _latest_due_period(indicator: Indicator, today: date, delay: int) -> Period:
    """The indicator's latest period whose result was due (`delay` working days after its end)."""
    period = indicator.latest_period(today)
    while add_working_days(period.end, delay) > today:
        period = indicator.latest_period(period.end - timedelta(days=1))
    return period


def find_exceptions(today: date | None = None) -> list[Finding]:
    today = today or timezone.localdate()
    delay = settings.ALERT_MISSING_AFTER_WORKING_DAYS
    indicators = list(Indicator.objects.filter(status=Indicator.Status.ACTIVE).select_related("accountable_officer"))
    approved = Result.objects.filter(state=Result.State.APPROVED, period_end__lte=today,
                                     indicator__status=Indicator.Status.ACTIVE)
    latest_by_indicator: dict[int, list[Result]] = {}
    for result in approved.order_by("indicator_id", "-period_end").only(
            "id", "indicator_id", "period_end", "actual", "rag", "rag_override", "activity_status",
            "expected_lower", "expected_upper"):
        kept = latest_by_indicator.setdefault(result.indicator_id, [])
        if len(kept) < 2:
            kept.append(result)
    # Missing means nobody has entered it: a draft or submitted result counts as entered.
    last_entered = dict(Result.objects.filter(actual__isnull=False, period_end__lte=today).values("indicator_id")
                        .annotate(last=Max("period_end")).values_list("indicator_id", "last"))
    targets = {(t.indicator_id, t.period_end): t for t in Target.objects.filter(
        indicator_id__in=latest_by_indicator, period_end__in={r[0].period_end for r in latest_by_indicator.values()})}
    found = []
    for indicator in indicators:
        recent = latest_by_indicator.get(indicator.pk, [])
        for result in recent:
            result.indicator = indicator
        due = _latest_due_period(indicator, today, delay)
        if last_entered.get(indicator.pk, date.min) < due.end:
            found.append(Finding(indicator, ExceptionAlert.Kind.MISSING, due.end,
                                    f"No result for {due.label}: it was due {delay} working days after "
                                    f"{due.end:%d %b %Y}."))
        if not recent:
            continue
        current = recent[0]
        previous = recent[1] if len(recent) > 1 and recent[1].period_end == current.period.previous().end else None
        shown = current.rag_shown
        figures = _figures(indicator, current, targets.get((indicator.pk, current.period_end)))
        if shown == Rag.RED and (previous is None or previous.rag_shown != Rag.RED):
            found.append(Finding(indicator, ExceptionAlert.Kind.NEWLY_RED, current.period_end,
                                    f"Red in {current.period.label}: {figures}"))
        if previous is not None and repeatedly_amber(shown, previous.rag_shown):
            found.append(Finding(indicator, ExceptionAlert.Kind.REPEATEDLY_AMBER, current.period_end,
                                    f"Amber in {previous.period.label} and {current.period.label}: {figures}"))
        if current.activity_status in (ActivityStatus.ABOVE, ActivityStatus.BELOW):
            word = current.activity_status.lower()
            found.append(Finding(indicator, ExceptionAlert.Kind.OUTSIDE_RANGE, current.period_end,
                                    f"{word.capitalize()} its expected range in {current.period.label}: {figures}"))
    return found


def _figures(indicator: Indicator, result: Result, target: Target | None) -> str:
    def fmt(value):
        return format_value(value, indicator.unit, indicator.decimal_places)

    if indicator.kind == Indicator.Kind.ACTIVITY:
        return (f"actual {fmt(result.actual)}, expected {fmt(result.expected_lower)} "
                f"to {fmt(result.expected_upper)}")
    return (f"actual {fmt(result.actual)}, target {fmt(target.target if target else None)}, "
            f"floor {fmt(target.floor if target else None)}")


def record_exceptions(exceptions: list[Finding]) -> int:
    """Log each exception once per recipient; a conflict on the unique key means it is already logged."""
    rows = []
    for exception in exceptions:
        recipients = {settings.PERFORMANCE_TEAM_EMAIL}
        officer = exception.indicator.accountable_officer
        if officer is not None and officer.email:
            recipients.add(officer.email)
        rows += [ExceptionAlert(recipient=r, indicator=exception.indicator, kind=exception.kind,
                                period_end=exception.period_end, summary=exception.summary[:300])
                 for r in sorted(recipients)]
    ExceptionAlert.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)


def send_pending() -> int:
    """Send each recipient one digest of their pending alerts. Returns the number of e-mails sent.

    Alerts are claimed with a conditional UPDATE (status pending → sending, stamped with this run's
    token), so a second worker running at the same time finds nothing left to claim. If sending
    fails the claim is released and the error propagates, so the task retries later. A claim left
    behind by a worker that died is taken over once it is CLAIM_TIMEOUT old.
    """
    sent = 0
    claimable = Q(status=ExceptionAlert.Status.PENDING) | Q(
        status=ExceptionAlert.Status.SENDING, claimed_at__lt=timezone.now() - CLAIM_TIMEOUT)
    recipients = ExceptionAlert.objects.filter(claimable).values_list("recipient", flat=True).distinct()
    for recipient in list(recipients):
        token = uuid.uuid4().hex
        claimed = ExceptionAlert.objects.filter(claimable, recipient=recipient).update(
            status=ExceptionAlert.Status.SENDING, claim=token, claimed_at=timezone.now())
        if not claimed:
            continue
        alerts = list(ExceptionAlert.objects.filter(claim=token).select_related("indicator")
                      .order_by("indicator__directorate__display_order", "indicator__code", "kind"))
        try:
            _digest(recipient, alerts).send()
        except Exception:
            ExceptionAlert.objects.filter(claim=token).update(status=ExceptionAlert.Status.PENDING, claim="")
            raise
        ExceptionAlert.objects.filter(claim=token).update(status=ExceptionAlert.Status.SENT, sent_at=timezone.now())
        sent += 1
    return sent


def _digest(recipient: str, alerts: list[ExceptionAlert]) -> EmailMultiAlternatives:
    context = {"alerts": alerts, "site_url": settings.SITE_URL.rstrip("/"), "count": len(alerts)}
    subject = render_to_string("emails/exception_digest_subject.txt", context).strip()
    message = EmailMultiAlternatives(subject, render_to_string("emails/exception_digest_body.txt", context),
                                     settings.DEFAULT_FROM_EMAIL, [recipient])
    message.attach_alternative(render_to_string("emails/exception_digest_body.html", context), "text/html")
    return message


def run(today: date | None = None) -> int:
    with transaction.atomic():
        record_exceptions(find_exceptions(today))
    return send_pending()
