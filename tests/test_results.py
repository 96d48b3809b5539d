"""Entering results: validation, numerator/denominator, who may edit, and the history of every value."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from performance import services
from performance.models import Result, Target
from performance.periods import FinancialYear
from tests.factories import IndicatorFactory, ResultFactory

Q2 = date(2020, 9, 30)
pytestmark = pytest.mark.django_db


def test_percentage_is_computed_from_numerator_and_denominator(kpi, officer):
    result, _ = services.save_result(kpi, Q2, officer, numerator=Decimal("661"), denominator=Decimal("2109"))
    assert result.actual == Decimal("31.341868")


def test_rate_per_10000_is_computed(directorate, performance_officer):
    rate = IndicatorFactory(code="CIC1", directorate=directorate, unit="rate_per_10000", polarity="lower")
    result, _ = services.save_result(rate, Q2, performance_officer, numerator=Decimal("1199"),
                                     denominator=Decimal("340600"))
    assert result.actual == Decimal("35.202584")


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"actual": Decimal("101")}, "actual", "between 0 and 100"),
        ({"actual": Decimal("-1")}, "actual", "cannot be negative"),
        ({"numerator": Decimal("12"), "denominator": Decimal("10")}, "numerator", "cannot be greater"),
        ({"numerator": Decimal("1"), "denominator": Decimal("0")}, "denominator", "cannot be zero"),
        ({"numerator": Decimal("5")}, "denominator", "denominator is missing"),
    ],
    ids=["percentage over 100", "negative count", "numerator above denominator", "zero denominator",
         "numerator without denominator"],
)
def test_bad_figures_are_rejected_with_a_clear_message_and_nothing_saved(kpi, officer, values, field, message):
    with pytest.raises(ValidationError) as error:
        services.save_result(kpi, Q2, officer, **values)
    assert message in " ".join(error.value.message_dict[field])
    assert not Result.objects.exists()


def test_no_results_for_future_periods(kpi, officer):
    next_quarter = timezone.localdate() + timedelta(days=100)
    with pytest.raises(ValidationError) as error:
        services.save_result(kpi, next_quarter, officer, actual=Decimal("50"))
    assert "future" in error.value.message_dict["period_end"][0]


def test_officer_cannot_edit_another_officers_indicator(others_kpi, officer):
    with pytest.raises(PermissionDenied):
        services.save_result(others_kpi, Q2, officer, actual=Decimal("50"))
    assert not Result.objects.exists()


def test_division_officers_may_edit_their_service_areas_indicators(division, other_officer, officer):
    indicator = IndicatorFactory(code="DIV1", directorate=division.directorate, division=division,
                                 accountable_officer=other_officer)
    division.officers.add(officer)
    result, _ = services.save_result(indicator, Q2, officer, actual=Decimal("70"))
    assert result.actual == Decimal("70")


def test_members_cannot_enter_results(kpi, member):
    with pytest.raises(PermissionDenied):
        services.save_result(kpi, Q2, member, actual=Decimal("50"))


def test_approved_results_are_revised_only_by_the_performance_team(kpi, officer, performance_officer):
    result, _ = services.save_result(kpi, Q2, officer, actual=Decimal("80"))
    services.submit_results(officer, [result])
    services.approve_results(performance_officer, [result])
    result.refresh_from_db()
    assert result.state == Result.State.APPROVED and result.approved_by == performance_officer
    with pytest.raises(PermissionDenied):
        services.save_result(kpi, Q2, officer, actual=Decimal("81"))
    services.save_result(kpi, Q2, performance_officer, actual=Decimal("81"))
    assert Result.objects.get().actual == Decimal("81")


def test_officer_cannot_approve(kpi, officer):
    result, _ = services.save_result(kpi, Q2, officer, actual=Decimal("80"))
    services.submit_results(officer, [result])
    with pytest.raises(PermissionDenied):
        services.approve_results(officer, [result])


def test_director_approves_own_directorate(kpi, officer, director):
    result, _ = services.save_result(kpi, Q2, officer, actual=Decimal("80"))
    services.submit_results(officer, [result])
    services.approve_results(director, [result])
    assert Result.objects.get().state == Result.State.APPROVED


def test_every_change_is_recorded_with_who_when_old_and_new(kpi, officer, performance_officer):
    services.save_result(kpi, Q2, officer, actual=Decimal("80"))
    services.save_result(kpi, Q2, performance_officer, actual=Decimal("82.5"))
    newest, oldest = Result.objects.get().history.order_by("-history_date", "-history_id")[:2]
    delta = newest.diff_against(oldest)
    change = next(c for c in delta.changes if c.field == "actual")
    assert (change.old, change.new) == (Decimal("80"), Decimal("82.5"))
    assert newest.history_user == performance_officer and oldest.history_user == officer


def test_saving_unchanged_values_writes_no_history(kpi, officer):
    services.save_result(kpi, Q2, officer, actual=Decimal("80"))
    _, changed = services.save_result(kpi, Q2, officer, actual=Decimal("80.000"))
    assert not changed
    assert Result.history.count() == 1


def test_history_page_shows_old_and_new_values(client, kpi, officer):
    services.save_result(kpi, Q2, officer, actual=Decimal("80"))
    services.save_result(kpi, Q2, officer, actual=Decimal("82.5"), commentary="Improved after recruitment")
    client.force_login(officer)
    response = client.get(reverse("performance:result-history", args=[Result.objects.get().pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "80" in page and "82.5" in page and "Olive Officer" in page and "Improved after recruitment" in page


def test_yearly_target_is_applied_to_each_quarter(kpi, performance_officer):
    services.set_annual_target(kpi, 2020, performance_officer, target=Decimal("85"),
                               floor=Decimal("80"))
    assert list(Target.objects.order_by("period_end").values_list("period_end", "target")) == [
        (date(2020, 6, 30), Decimal("85")), (date(2020, 9, 30), Decimal("85")),
        (date(2020, 12, 31), Decimal("85")), (date(2021, 3, 31), Decimal("85"))]


def test_quarter_by_quarter_trajectory(kpi, performance_officer):
    for end, value in zip(FinancialYear(2020).quarter_ends(), ["80", "82", "84", "86"], strict=True):
        services.save_target(kpi, end, performance_officer, target=Decimal(value))
    assert [t.target for t in Target.objects.order_by("period_end")] == [80, 82, 84, 86]


def test_floor_cannot_be_better_than_target(kpi, performance_officer):
    with pytest.raises(ValidationError) as error:
        services.save_target(kpi, Q2, performance_officer, target=Decimal("85"), floor=Decimal("90"))
    assert "floor standard" in error.value.message_dict["floor"][0]


def test_override_needs_a_reason_and_keeps_the_computed_rating(kpi, performance_officer, officer):
    result = ResultFactory(indicator=kpi, period_end=Q2, actual=Decimal("70"), rag="RED")
    with pytest.raises(ValidationError):
        services.override_rating(performance_officer, result, "AMBER", "  ")
    with pytest.raises(PermissionDenied):
        services.override_rating(officer, result, "AMBER", "Data error at source")
    services.override_rating(performance_officer, result, "AMBER", "Data error at source")
    result.refresh_from_db()
    assert (result.rag, result.rag_override, result.rag_shown) == ("RED", "AMBER", "AMBER")
    assert result.history.first().rag_override_reason == "Data error at source"


def test_performance_team_sets_a_yearly_target_in_the_browser(client, kpi, performance_officer, officer):
    url = reverse("performance:annual-target", args=[kpi.code])
    client.force_login(officer)
    assert client.get(url).status_code == 403
    client.force_login(performance_officer)
    bad = client.post(url, {"year": "2020", "target": "85", "floor": "90"})
    assert bad.status_code == 400 and "floor standard" in bad.content.decode() and not Target.objects.exists()
    response = client.post(url, {"year": "2020", "target": "85", "floor": "80"})
    assert response.status_code == 302
    assert Target.objects.filter(indicator=kpi, target=85, floor=80).count() == 4


def test_members_never_see_draft_figures_in_the_history(client, kpi, officer, member, performance_officer):
    result, _ = services.save_result(kpi, Q2, officer, actual=Decimal("12.345"))
    client.force_login(member)
    assert client.get(reverse("performance:result-history", args=[result.pk])).status_code == 404
    assert "12.345" not in client.get(reverse("indicators:detail", args=[kpi.code])).content.decode()
    result, _ = services.save_result(kpi, Q2, officer, actual=Decimal("12.5"))  # corrected before submitting
    services.submit_results(officer, [result])
    services.approve_results(performance_officer, [result])
    services.save_result(kpi, Q2, performance_officer, actual=Decimal("13.5"))  # a revision after approval
    page = client.get(reverse("performance:result-history", args=[result.pk])).content.decode()
    assert "12.5</span> → <span class=\"diff-new\">13.5" in page and "12.345" not in page
    client.force_login(officer)
    assert "12.345" in client.get(reverse("performance:result-history", args=[result.pk])).content.decode()


def test_performance_team_overrides_a_rating_from_the_indicator_page(client, kpi, performance_officer, member):
    result = ResultFactory(indicator=kpi, period_end=Q2, actual=Decimal("70"), rag="RED", state="approved")
    url = reverse("performance:rating-override", args=[result.pk])
    client.force_login(member)
    assert client.post(url, {"rag_override": "AMBER", "rag_override_reason": "x"}).status_code == 403
    client.force_login(performance_officer)
    assert f'action="{url}"' in client.get(reverse("indicators:detail", args=[kpi.code])).content.decode()
    client.post(url, {"rag_override": "AMBER", "rag_override_reason": ""})
    assert Result.objects.get().rag_override == ""  # no reason, no override
    client.post(url, {"rag_override": "AMBER", "rag_override_reason": "Source data corrected after the deadline"})
    page = client.get(reverse("indicators:detail", args=[kpi.code])).content.decode()
    assert "rated this amber (computed: red)" in page and "Source data corrected" in page


def test_officers_in_the_admin_see_and_change_only_their_own_results(client, kpi, others_kpi, officer):
    officer.is_staff = True
    officer.save()
    own = ResultFactory(indicator=kpi, period_end=Q2, actual=Decimal("80"))
    other = ResultFactory(indicator=others_kpi, period_end=Q2, actual=Decimal("81"))
    client.force_login(officer)
    listing = client.get(reverse("admin:performance_result_changelist")).content.decode()
    assert f"/admin/performance/result/{own.pk}/change/" in listing
    assert f"/admin/performance/result/{other.pk}/change/" not in listing
    assert client.get(reverse("admin:performance_result_change", args=[other.pk])).status_code == 302  # not found
    assert client.get(reverse("admin:performance_result_change", args=[own.pk])).status_code == 200


def test_the_admin_history_never_leaks_drafts_or_restores_old_versions(client, kpi, others_kpi, officer,
                                                                        performance_officer):
    officer.is_staff = True
    officer.save()
    mine, _ = services.save_result(kpi, Q2, officer, actual=Decimal("50"))
    services.save_result(kpi, Q2, officer, actual=Decimal("60"))
    services.submit_results(officer, [mine])
    services.approve_results(performance_officer, [mine])
    theirs, _ = services.save_result(others_kpi, Q2, performance_officer, actual=Decimal("42"))
    client.force_login(officer)
    assert client.get(reverse("admin:performance_result_history", args=[theirs.pk])).status_code == 403
    first = mine.history.order_by("history_date").first()
    url = reverse("admin:performance_result_simple_history", args=[mine.pk, first.history_id])
    assert client.get(url).status_code == 200  # reading an earlier version of one's own result is fine
    assert client.post(url, {"actual": "50", "data_status": "provisional"}).status_code == 403
    assert Result.objects.get(pk=mine.pk).state == Result.State.APPROVED
