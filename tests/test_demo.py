"""`manage.py load_demo`: the demo council built from the seed reports.

Seed 004 is Kent CC's Quarterly Performance Report for 2020/21 Q2 (35 KPIs: 21 Green, 11 Amber,
3 Red; 5 ↑, 22 ↔, 8 ↓); seed 001 the 2016/17 Q2 report. The demo is loaded once for this module,
inside a transaction that is rolled back at the end, so other tests never see it.
"""

import io
import re
from collections import Counter
from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from indicators import roles
from indicators.models import ComparatorSeries, ComparatorValue, Directorate, Division, Indicator
from performance.demo import build, catalogue
from performance.models import Result, Target
from performance.periods import Period

LATEST = date(2020, 9, 30)
TWELVE_QUARTERS = [p.end for p in Period.quarter(2020, 2).last(12)]  # 2017/18 Q3 .. 2020/21 Q2
# Hashing demo passwords with the production hasher takes ~0.5 s each; the logic is the same.


def fast_hasher():
    return override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])


@pytest.fixture(scope="module")
def demo_output(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), fast_hasher(), transaction.atomic():
        out = io.StringIO()
        call_command("load_demo", stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


@pytest.fixture
def demo(demo_output, db):
    return demo_output


def credentials(output: str) -> dict[str, tuple[str, str]]:
    """Role -> (username, password) from the table the command prints."""
    rows = {}
    for line in output.splitlines():
        match = re.match(r"(\S.*?)\s{2,}(\S+)\s{2,}(demo-\S+)\s{2,}", line)
        if match:
            rows[match[1]] = (match[2], match[3])
    return rows


def result(code: str, period_end: date = LATEST) -> Result:
    return Result.objects.get(indicator__code=code, period_end=period_end)


def current_kpis():
    return Indicator.objects.filter(kind=Indicator.Kind.KPI, status=Indicator.Status.ACTIVE)


def test_six_directorates_with_cabinet_members_and_corporate_directors_of_seed_004(demo):
    assert list(Directorate.objects.values_list("name", flat=True)) == [
        "Customer Services", "Economic Development & Communities", "Environment and Transport",
        "Children, Young People and Education", "Adult Social Care", "Public Health"]
    cs = Directorate.objects.get(name="Customer Services")
    assert (cs.cabinet_member, cs.corporate_director) == ("Shellina Prendergast", "Amanda Beer")
    cype = Directorate.objects.get(name="Children, Young People and Education")
    assert (cype.cabinet_member, cype.corporate_director) == ("Richard Long, Sue Chandler", "Matt Dunkley")
    assert Division.objects.filter(directorate=cype).count() >= 4


def test_the_35_kpis_of_seed_004_with_codes_polarity_and_units(demo):
    kpis = current_kpis()
    assert kpis.count() == 35
    by_prefix = Counter(re.match(r"[A-Z]+", code)[0] for code in kpis.values_list("code", flat=True))
    assert by_prefix == {"CS": 3, "EDC": 2, "ET": 6, "CYPE": 14, "ASC": 5, "PH": 5}
    repeat_referrals = Indicator.objects.get(code="CYPE09")
    assert "repeat referrals within 12 months" in repeat_referrals.title
    assert repeat_referrals.polarity == Indicator.Polarity.LOWER
    adoption = Indicator.objects.get(code="CYPE11")
    assert (adoption.polarity, adoption.unit, adoption.reporting_basis) == ("lower", "days", "rolling_12")
    emissions = Indicator.objects.get(code="ET06")
    assert (emissions.polarity, emissions.unit_label) == ("lower", "tonnes CO2e")
    assert all(k.accountable_officer_id and k.division_id and k.short_title for k in kpis)


def test_2016_17_kpis_no_longer_reported_are_replaced_or_suspended(demo):
    retired = Indicator.objects.exclude(status=Indicator.Status.ACTIVE)
    assert retired.count() >= 15
    assert set(retired.values_list("status", flat=True)) == {"replaced", "suspended"}
    for indicator in retired.filter(status="replaced"):
        assert indicator.replaced_by is not None and indicator.replaced_by.status == "active"
    assert Indicator.objects.get(code="CYPE19").replaced_by.code == "CYPE07"  # seed 004: "has been replaced"
    # Seed 001 values kept in their quarter: Current 2,514 Target 2,821 Previous 2,634
    assert result("ASC07", date(2016, 9, 30)).actual == 2514
    assert result("ASC07", date(2016, 6, 30)).actual == 2634
    last = Result.objects.filter(indicator__code="CYPE19").latest("period_end")
    assert last.period_end == date(2020, 6, 30) and "replaced by CYPE07" in last.commentary


def test_twelve_quarters_of_results_with_targets_for_the_2020_21_kpis(demo):
    assert list(Result.objects.filter(indicator__code="CYPE09").values_list("period_end", flat=True)) \
        == TWELVE_QUARTERS
    embargoed = {date(2019, 12, 31), date(2020, 3, 31)}  # seed 004: PH02 data for Dec 19 and Mar 20 embargoed
    for kpi in current_kpis():
        ends = set(kpi.results.values_list("period_end", flat=True))
        expected = set(TWELVE_QUARTERS) - (embargoed if kpi.code == "PH02" else set())
        assert expected <= ends, kpi.code
        target = Target.objects.get(indicator=kpi, period_end=LATEST)
        assert target.target is not None and target.floor is not None, kpi.code
    # Targets are set for the whole financial year, floors on the right side of the target.
    assert Target.objects.filter(indicator__code="CS03", period_end=date(2021, 3, 31), target=85).exists()
    assert Target.objects.get(indicator__code="CYPE09", period_end=LATEST).floor \
        > Target.objects.get(indicator__code="CYPE09", period_end=LATEST).target


def test_real_values_from_the_seeds_in_their_quarter(demo):
    assert result("CS03").actual == 84  # seed 004: 84% of complaints responded to within 20 working days
    assert Target.objects.get(indicator__code="CS03", period_end=LATEST).target == 85
    ehcp = result("CYPE03")  # 661 out of 2,109 EHCPs within 20 weeks
    assert (ehcp.numerator, ehcp.denominator) == (661, 2109) and round(ehcp.actual) == 31
    assert result("CYPE08").actual == Decimal("93.0") and result("CYPE08", date(2020, 6, 30)).actual == Decimal("89.9")
    assert result("CYPE14").actual == Decimal("60.4")
    assert result("CYPE11").actual == 310 and result("CYPE11", date(2020, 6, 30)).actual == 336
    assert result("CYPE07").actual == Decimal("15.1")
    assert result("CYPE06").actual == Decimal("93.9")
    # Seed 001: "Current: 96.7% Target: 95% Previous: 96.3%"
    assert result("CS02", date(2016, 9, 30)).actual == Decimal("96.7")
    assert result("CS02", date(2016, 6, 30)).actual == Decimal("96.3")
    assert Target.objects.get(indicator__code="CS02", period_end=date(2016, 9, 30)).target == 95


def test_results_are_approved_with_commentary_and_data_status(demo):
    performance = get_user_model().objects.get(username="performance")
    results = Result.objects.all()
    assert not results.exclude(state=Result.State.APPROVED).exists()
    assert not results.exclude(approved_by=performance).exists()
    assert not results.filter(approved_at__isnull=True).exists()
    assert not results.filter(period_end__lt=date(2020, 4, 1)).exclude(data_status="final").exists()
    assert not results.filter(period_end__gte=date(2020, 4, 1)).exclude(data_status="provisional").exists()
    latest = results.filter(period_end=LATEST, indicator__kind="kpi")
    assert not latest.filter(commentary="").exists()
    assert latest.exclude(actions="").count() >= 5 and latest.exclude(risks="").exists()
    assert "remains below the 85% target" in result("CS03").commentary
    assert Result.history.filter(id=result("CS03").pk).count() == 1  # created with its first history record


def test_activity_indicators_with_thresholds_and_one_quarter_outside(demo):
    activity = Indicator.objects.filter(kind=Indicator.Kind.ACTIVITY)
    assert 8 <= activity.count() <= 10
    with_thresholds = activity.filter(targets__lower_threshold__isnull=False,
                                      targets__upper_threshold__isnull=False).distinct()
    assert activity.count() - with_thresholds.count() == 2  # these derive a range from history
    calls = result("CS-A01", date(2020, 6, 30))  # seed 004: 105 thousand calls in the lockdown quarter
    assert calls.actual == 105 and calls.activity_status == "BELOW" and not calls.expected_range_derived
    assert result("CS-A01").activity_status == "WITHIN"
    derived = result("CYPE-A07")
    assert derived.expected_range_derived and derived.expected_lower is not None


def test_comparators_for_childrens_indicators(demo):
    national = ComparatorSeries.objects.filter(name="National average")
    assert national.count() >= 3
    assert national.filter(indicator__directorate__name="Children, Young People and Education").count() \
        == national.count()
    assert ComparatorSeries.objects.filter(name="Statistical neighbour average").exists()
    # Seed 004: England rate of child protection plans 43.7 per 10,000 (latest published at Sep 2020)
    assert ComparatorValue.objects.get(series__indicator__code="CYPE-A05", series__name="National average",
                                       period_end=LATEST).value == Decimal("43.7")


def test_one_demo_user_per_role_logs_in_with_the_printed_password(demo, client):
    printed = credentials(demo)
    assert set(printed) == {*roles.ROLES, "Superuser"}
    assert "demo only" in demo
    user_model = get_user_model()
    for role in roles.ROLES:
        username, password = printed[role]
        user = user_model.objects.get(username=username)
        assert list(user.groups.values_list("name", flat=True)) == [role]
        assert client.login(username=username, password=password), role
        client.logout()
    username, password = printed["Superuser"]
    assert username == "admin" and client.login(username=username, password=password)
    assert user_model.objects.get(username="admin").is_superuser
    assert password == build.demo_password("admin") == "demo-admin-2026"
    assert {u.username for u in user_model.objects.filter(is_staff=True)} >= {"admin", "performance", "officer"}


def test_officer_owns_customer_services_and_director_leads_cype(demo):
    user_model = get_user_model()
    officer = user_model.objects.get(username="officer")
    cs = Indicator.objects.filter(directorate__name="Customer Services")
    assert cs.exists() and not cs.exclude(accountable_officer=officer).exists()
    assert officer.divisions.count() == 1
    assert officer.divisions.get().directorate.name == "Customer Services"
    assert roles.can_edit_indicator(officer, Indicator.objects.get(code="CS03"))
    assert not roles.can_edit_indicator(officer, Indicator.objects.get(code="CYPE03"))
    director = user_model.objects.get(username="director")
    assert list(director.directorates_led.values_list("name", flat=True)) == ["Children, Young People and Education"]
    others = Indicator.objects.exclude(directorate__name="Customer Services")
    assert not others.filter(accountable_officer=officer).exists()
    assert all(i.accountable_officer.groups.filter(name=roles.OFFICER).exists() for i in others)


def test_running_it_twice_changes_nothing(demo):
    user_model = get_user_model()
    models = [Directorate, Division, Indicator, Target, Result, ComparatorSeries, ComparatorValue, user_model]
    histories = [Directorate.history, Indicator.history, Target.history, Result.history, ComparatorValue.history]

    def snapshot():
        return ([m.objects.count() for m in models], [h.count() for h in histories],
                list(Result.objects.order_by("pk").values_list("actual", "rag", "direction", "commentary")))

    before = snapshot()
    out = io.StringIO()
    with fast_hasher():
        call_command("load_demo", stdout=out)
    assert snapshot() == before
    assert "Nothing to change" in out.getvalue()
    assert "Ratings recomputed: 0 results changed" in out.getvalue()


def test_generated_values_are_repeatable():
    spec = next(s for s in catalogue.INDICATORS if s.code == "CYPE09")
    assert build.generate(spec) == build.generate(spec)


# ---------------------------------------------------------------------------------------------
# Needs performance/rating.py (recompute_all), which load_demo calls at the end: the stored
# 2020/21 Q2 ratings must match seed 004's executive summary.
# ---------------------------------------------------------------------------------------------


def test_2020_21_q2_rag_and_direction_of_travel_match_seed_004(demo):
    pytest.importorskip("performance.rating")
    latest = Result.objects.filter(period_end=LATEST, indicator__in=current_kpis())
    assert latest.count() == 35
    assert Counter(latest.values_list("rag", flat=True)) == {"GREEN": 21, "AMBER": 11, "RED": 3}
    assert Counter(latest.values_list("direction", flat=True)) == {"IMPROVING": 5, "STABLE": 22, "WORSENING": 8}
    check = build.published_check()
    assert check["mismatches"] == []
    for directorate, expected in catalogue.SEED_004_SUMMARY.items():
        counts = check["counts"][directorate]
        assert {k: counts.get(k, 0) for k in expected} == expected, directorate
    assert "21 Green, 11 Amber, 3 Red; 5 ↑, 22 ↔, 8 ↓" in demo
