"""The quarter entry page: every indicator an officer owns, for one period, saved in one go."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from performance.models import Result
from tests.factories import IndicatorFactory, ResultFactory, TargetFactory

Q1, Q2 = date(2020, 6, 30), date(2020, 9, 30)
URL = reverse("performance:quarter-entry")
pytestmark = pytest.mark.django_db


@pytest.fixture
def three_kpis(kpi, directorate, officer):
    second = IndicatorFactory(code="CS03", title="Average call time in seconds", directorate=directorate,
                              accountable_officer=officer, unit="number", decimal_places=0, polarity="lower")
    third = IndicatorFactory(code="CS04", title="Children in care per 10,000", directorate=directorate,
                             accountable_officer=officer, unit="rate_per_10000", decimal_places=1)
    for indicator in (kpi, second, third):
        ResultFactory(indicator=indicator, period_end=Q1, actual=Decimal("77.7"))
        TargetFactory(indicator=indicator, period_end=Q2, target=Decimal("85"), floor=Decimal("80"))
    return [kpi, second, third]


def test_page_lists_own_indicators_with_previous_actual_and_target(client, officer, three_kpis, others_kpi):
    client.force_login(officer)
    page = client.get(URL, {"period": Q2.isoformat()}).content.decode()
    assert "Enter results for 2020/21 Q2" in page
    for indicator in three_kpis:
        assert indicator.title in page
    assert others_kpi.title not in page
    assert "77.7" in page and "85.0%" in page


def test_an_indicator_without_target_or_previous_result_shows_dashes(client, officer, kpi):
    client.force_login(officer)
    response = client.get(URL, {"period": Q2.isoformat()})
    assert response.status_code == 200
    assert "Previous: <strong>–</strong>" in response.content.decode()


def test_defaults_to_the_quarter_after_the_latest_reported(client, officer, three_kpis):
    client.force_login(officer)
    assert "Enter results for 2020/21 Q2" in client.get(URL).content.decode()


def test_saving_the_quarter_writes_every_row(client, officer, three_kpis):
    client.force_login(officer)
    data = {"CS01-actual": "86.5", "CS01-data_status": "provisional", "CS01-commentary": "Above target",
            "CS03-actual": "320", "CS03-data_status": "provisional",
            "CS04-numerator": "1199", "CS04-denominator": "340600", "CS04-data_status": "provisional"}
    response = client.post(URL, {"period": Q2.isoformat()} | data)
    assert response.status_code == 302
    saved = {r.indicator.code: r for r in Result.objects.filter(period_end=Q2).select_related("indicator")}
    assert saved["CS01"].actual == Decimal("86.5") and saved["CS01"].commentary == "Above target"
    assert saved["CS03"].actual == Decimal("320")
    assert saved["CS04"].actual == Decimal("35.202584")
    assert saved["CS01"].entered_by == officer


def test_one_bad_row_saves_nothing_and_names_the_row(client, officer, three_kpis):
    client.force_login(officer)
    data = {"CS01-actual": "86.5", "CS01-data_status": "provisional",
            "CS03-actual": "-4", "CS03-data_status": "provisional"}
    response = client.post(URL, {"period": Q2.isoformat()} | data)
    page = response.content.decode()
    assert response.status_code == 400
    assert "Nothing was saved" in page and "cannot be negative" in page
    assert not Result.objects.filter(period_end=Q2).exists()


def test_save_and_submit_moves_results_to_submitted(client, officer, three_kpis):
    client.force_login(officer)
    client.post(URL, {"period": Q2.isoformat()} |
                {"CS01-actual": "86.5", "CS01-data_status": "provisional", "submit": "1"})
    assert Result.objects.get(period_end=Q2).state == Result.State.SUBMITTED


def test_members_cannot_open_the_entry_page(client, member):
    client.force_login(member)
    assert client.get(URL).status_code == 403


def test_anonymous_users_are_sent_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302 and reverse("login") in response.url


@pytest.mark.parametrize("count", [3, 60])
def test_query_count_does_not_grow_with_indicators(client, officer, directorate, count,
                                                   django_assert_max_num_queries):
    for n in range(count):
        indicator = IndicatorFactory(code=f"Q{n:03d}", directorate=directorate, accountable_officer=officer)
        ResultFactory(indicator=indicator, period_end=Q1)
        TargetFactory(indicator=indicator, period_end=Q2)
    client.force_login(officer)
    with django_assert_max_num_queries(12):
        assert client.get(URL, {"period": Q2.isoformat()}).status_code == 200


def test_submitted_results_are_approved_by_the_director_in_the_browser(client, officer, director, member, three_kpis,
                                                                       django_capture_on_commit_callbacks,
                                                                       django_assert_max_num_queries):
    client.force_login(officer)
    client.post(URL, {"period": Q2.isoformat()} | {"CS01-actual": "86.5", "CS03-actual": "300", "submit": "1",
                                                   "CS01-data_status": "provisional",
                                                   "CS03-data_status": "provisional"})
    approvals = reverse("performance:approvals")
    assert client.get(approvals).status_code == 403  # officers submit; they do not sign off
    client.force_login(member)
    assert client.get(approvals).status_code == 403
    client.force_login(director)
    with django_assert_max_num_queries(10):
        page = client.get(approvals).content.decode()
    assert "CS01" in page and "CS03" in page
    cs01 = Result.objects.get(indicator__code="CS01", period_end=Q2)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(approvals, {"result": [cs01.pk]})
    states = dict(Result.objects.filter(period_end=Q2).values_list("indicator__code", "state"))
    assert states == {"CS01": "approved", "CS03": "submitted"}
    assert Result.objects.get(pk=cs01.pk).approved_by == director


def test_a_save_goes_to_the_period_the_form_showed(client, officer, three_kpis):
    """Opened for Q2 (the default), saved after a colleague's Q2 save moved the default on: still Q2."""
    client.force_login(officer)
    client.post(URL, {"period": Q2.isoformat(), "CS01-actual": "86.5", "CS01-data_status": "provisional"})
    client.post(URL, {"period": Q2.isoformat(), "CS01-actual": "86.5", "CS01-data_status": "provisional",
                      "CS03-actual": "300", "CS03-data_status": "provisional"})
    assert set(Result.objects.filter(period_end=Q2).values_list("indicator__code", flat=True)) == {"CS01", "CS03"}


def test_a_save_that_does_not_name_its_period_saves_nothing(client, officer, three_kpis):
    client.force_login(officer)
    response = client.post(URL, {"CS01-actual": "86.5", "CS01-data_status": "provisional"})
    assert response.status_code == 302 and not Result.objects.filter(period_end=Q2).exists()
