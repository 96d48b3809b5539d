"""Exception alerts: one digest per recipient per run, never the same exception twice."""

import os
import socket
import time
from datetime import date, timedelta
from decimal import Decimal
from smtplib import SMTPServerDisconnected
from unittest import mock

import pytest
from celery.exceptions import Retry
from django.core import mail
from django.utils import timezone

from performance import alerts
from performance.models import ExceptionAlert
from performance.rating import recompute_all
from performance.tasks import send_exception_alerts
from tests.factories import IndicatorFactory, ResultFactory, TargetFactory

Q1, Q2 = date(2020, 6, 30), date(2020, 9, 30)
TODAY = date(2020, 10, 5)  # before Q2's results are overdue
TEAM = "performance-team@council.example"


@pytest.fixture
def exceptions(db, kpi, others_kpi, directorate, officer):
    """CS01 newly red, CS02 repeatedly amber, an activity indicator above its range."""
    for indicator, (previous, current) in ((kpi, ("82", "70")), (others_kpi, ("82", "83"))):
        for end, actual in ((Q1, previous), (Q2, current)):
            TargetFactory(indicator=indicator, period_end=end, target=Decimal("85"), floor=Decimal("80"))
            ResultFactory(indicator=indicator, period_end=end, actual=Decimal(actual), state="approved")
    calls = IndicatorFactory(code="ACT1", title="Calls to Contact Point", kind="activity", unit="number",
                             directorate=directorate, accountable_officer=officer, decimal_places=0)
    TargetFactory(indicator=calls, period_end=Q2, target=None, floor=None, lower_threshold=100,
                  upper_threshold=140)
    ResultFactory(indicator=calls, period_end=Q2, actual=Decimal("150"), state="approved")
    recompute_all()


def test_finds_newly_red_repeatedly_amber_and_outside_range(exceptions):
    found = {(f.indicator.code, f.kind) for f in alerts.find_exceptions(TODAY)}
    assert found == {("CS01", "newly_red"), ("CS02", "repeatedly_amber"), ("ACT1", "outside_range")}


def test_each_recipient_gets_one_digest_with_figures_and_links(exceptions, officer, other_officer):
    assert alerts.run(TODAY) == 3
    by_recipient = {m.to[0]: m for m in mail.outbox}
    assert set(by_recipient) == {officer.email, other_officer.email, TEAM}
    team = by_recipient[TEAM]
    assert "3 performance exceptions" in team.subject
    assert "CS01" in team.body and "actual 70.0%, target 85.0%, floor 80.0%" in team.body
    assert "http://127.0.0.1:8000/indicators/CS01/" in team.body
    html, mime = team.alternatives[0]
    assert mime == "text/html" and 'href="http://127.0.0.1:8000/indicators/ACT1/"' in html
    assert "CS02" not in by_recipient[officer.email].body


def test_running_twice_sends_nothing_new(exceptions):
    alerts.run(TODAY)
    alerts.run(TODAY)
    send_exception_alerts.delay(TODAY.isoformat())
    assert len(mail.outbox) == 3
    assert ExceptionAlert.objects.count() == 6  # three exceptions, each to its officer and the team
    assert set(ExceptionAlert.objects.values_list("status", flat=True)) == {"sent"}


def test_a_new_exception_later_is_sent_alone(exceptions, kpi, officer):
    alerts.run(TODAY)
    mail.outbox.clear()
    late = IndicatorFactory(code="CS09", directorate=kpi.directorate, accountable_officer=officer)
    TargetFactory(indicator=late, period_end=Q2, target=Decimal("85"), floor=Decimal("80"))
    ResultFactory(indicator=late, period_end=Q2, actual=Decimal("10"), state="approved")
    recompute_all()
    alerts.run(TODAY)
    assert sorted(m.to[0] for m in mail.outbox) == sorted([officer.email, TEAM])
    assert all("CS09" in m.body and "CS01" not in m.body for m in mail.outbox)


def test_smtp_failure_is_retried_and_sends_once(exceptions):
    real_send = mail.EmailMultiAlternatives.send
    calls = {"n": 0}

    def flaky_send(message, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 1:
            raise SMTPServerDisconnected("Connection unexpectedly closed")
        return real_send(message, *args, **kwargs)

    with mock.patch.object(mail.EmailMultiAlternatives, "send", flaky_send):
        with pytest.raises(Retry):  # the task asks Celery to run it again later, with backoff
            send_exception_alerts.apply(args=[TODAY.isoformat()])
        assert not ExceptionAlert.objects.filter(status="sending").exists()  # the failed claim was released
        send_exception_alerts.apply(args=[TODAY.isoformat()])  # the retry
        send_exception_alerts.apply(args=[TODAY.isoformat()])  # a duplicate delivery of the same task
    assert calls["n"] == 4  # the failed attempt, then one e-mail to each of the three recipients
    assert len(mail.outbox) == 3
    assert len({m.to[0] for m in mail.outbox}) == 3


def test_a_second_worker_finds_nothing_to_claim_until_the_first_is_presumed_dead(exceptions):
    alerts.record_exceptions(alerts.find_exceptions(TODAY))
    ExceptionAlert.objects.update(status="sending", claim="other-worker", claimed_at=timezone.now())
    assert alerts.send_pending() == 0  # another worker is sending them right now
    assert mail.outbox == []
    ExceptionAlert.objects.update(claimed_at=timezone.now() - timedelta(hours=1))  # that worker died
    assert alerts.send_pending() == 3
    assert alerts.send_pending() == 0
    assert len(mail.outbox) == 3


def test_missing_result_after_working_days(db, kpi):
    ResultFactory(indicator=kpi, period_end=Q1, actual=Decimal("90"), state="approved")
    # Q2 ended Wed 30 Sep 2020; 15 working days later is Wed 21 Oct 2020.
    assert not [f for f in alerts.find_exceptions(date(2020, 10, 20)) if f.kind == "missing"]
    missing = [f for f in alerts.find_exceptions(date(2020, 10, 21)) if f.kind == "missing"]
    assert [(f.indicator.code, f.period_end) for f in missing] == [("CS01", Q2)]


def test_missing_skips_bank_holidays(db, kpi, settings):
    settings.ALERT_MISSING_AFTER_WORKING_DAYS = 3
    ResultFactory(indicator=kpi, period_end=date(2026, 9, 30), actual=Decimal("90"), state="approved")
    # Q3 ends Thu 31 Dec 2026; 1 Jan is a bank holiday, so three working days run to Wed 6 Jan 2027.
    assert not [f for f in alerts.find_exceptions(date(2027, 1, 5)) if f.kind == "missing"]
    assert [f for f in alerts.find_exceptions(date(2027, 1, 6)) if f.kind == "missing"]


def test_officers_see_alerts_for_their_indicators(client, exceptions, officer, django_assert_max_num_queries):
    alerts.run(TODAY)
    client.force_login(officer)
    with django_assert_max_num_queries(10):
        page = client.get("/alerts/").content.decode()
    assert "CS01" in page and "ACT1" in page and "CS02" not in page


def test_members_see_no_alerts_page_rows(client, exceptions, member):
    alerts.run(TODAY)
    client.force_login(member)
    assert "CS01" not in client.get("/alerts/").content.decode()


def worker_broker() -> str:
    """CELERY_BROKER_URL when set (CI); else the local Redis if one answers; else Kombu's in-memory broker."""
    if os.environ.get("CELERY_BROKER_URL"):
        return os.environ["CELERY_BROKER_URL"]
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        return "memory://"
    return "redis://127.0.0.1:6379/15"


@pytest.mark.redis
def test_worker_on_a_real_broker_sends_once(transactional_db, kpi, officer, settings):
    """A Celery worker thread consuming from the broker (Redis in CI) runs the job twice: one e-mail each."""
    from celery.contrib.testing.worker import start_worker

    from config.celery import app

    for end, actual in ((Q1, "82"), (Q2, "70")):
        TargetFactory(indicator=kpi, period_end=end, target=Decimal("85"), floor=Decimal("80"))
        ResultFactory(indicator=kpi, period_end=end, actual=Decimal(actual), state="approved")
    recompute_all()
    broker = worker_broker()
    app.conf.update(broker_url=broker, task_always_eager=False, result_backend=None)
    app._pool = None  # forget connections made with the in-process configuration
    app.amqp._producer_pool = None
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
            send_exception_alerts.delay(TODAY.isoformat())
            send_exception_alerts.delay(TODAY.isoformat())
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline and (
                    ExceptionAlert.objects.exclude(status="sent").exists() or not ExceptionAlert.objects.exists()):
                time.sleep(0.2)
            time.sleep(1)  # let the second job finish too
    finally:
        app.conf.update(task_always_eager=True, broker_url=settings.CELERY_BROKER_URL)
        app._pool = None
        app.amqp._producer_pool = None
    assert sorted(m.to[0] for m in mail.outbox) == sorted([officer.email, TEAM])


def test_a_submitted_result_is_not_missing(db, kpi):
    ResultFactory(indicator=kpi, period_end=Q2, actual=Decimal("90"), state="submitted")
    assert not [f for f in alerts.find_exceptions(date(2020, 10, 21)) if f.kind == "missing"]


def test_finding_exceptions_runs_a_fixed_number_of_queries(exceptions, django_assert_max_num_queries):
    with django_assert_max_num_queries(5):
        alerts.find_exceptions(TODAY)
