"""The member dashboards: what each page shows, who may see what, and a fixed number of queries."""


import pytest
from django.urls import reverse

from indicators.models import Indicator
from performance.dashboards import snapshot
from performance.models import Result
from performance.periods import Period
from tests.council import QUARTERS, build_council

pytestmark = pytest.mark.django_db
Q2 = Period.quarter(2020, 2)


@pytest.fixture
def council(officer):
    return build_council(12, officer)


def test_overview_counts_per_directorate_and_total(client, member, council):
    client.force_login(member)
    response = client.get(reverse("home"))
    total = response.context["total"]
    kpis = Result.objects.filter(period_end=Q2.end, indicator__kind="kpi")
    assert total.rated == kpis.count()
    for rag in ("GREEN", "AMBER", "RED"):
        assert total.rag[rag] == kpis.filter(rag=rag).count()
    page = response.content.decode()
    assert "Council overview – 2020/21 Q2" in page
    assert 'data-figure="rag-by-directorate-data"' in page and 'data-figure="rag-mix-data"' in page
    assert "/static/plotly/plotly.min.js" in page  # served by the app, not a CDN


def test_every_count_links_to_the_indicators_behind_it(client, member, council):
    directorates, _ = council
    client.force_login(member)
    summary = client.get(reverse("home")).context["summaries"][0]
    listed = client.get(summary.links["GREEN"]).context["table"].data.data
    assert {i.code for i in listed} == set(Result.objects.filter(
        period_end=Q2.end, rag="GREEN", indicator__directorate=directorates[0]).values_list("indicator__code",
                                                                                             flat=True))
    assert len(listed) == summary.rag["GREEN"]


def test_as_at_uses_each_indicators_latest_result_on_or_before_the_quarter(client, member, council):
    _, indicators = council
    Result.objects.filter(indicator=indicators[0], period_end=Q2.end).delete()
    client.force_login(member)
    rows = client.get(reverse("indicators:directorate", args=["directorate-0"])).context["kpis"]
    row = next(r for r in rows if r.indicator == indicators[0])
    assert row.current.period_end == Q2.previous().end


def test_choosing_an_earlier_quarter(client, member, council):
    client.force_login(member)
    response = client.get(reverse("home"), {"quarter": "2019-12-31"})
    assert response.context["quarter"] == Period.quarter(2019, 3)
    assert "Council overview – 2019/20 Q3" in response.content.decode()


def test_exceptions_list_red_repeated_amber_and_activity_outside_range(client, member, council):
    client.force_login(member)
    exceptions = client.get(reverse("home")).context["exceptions"]
    kinds = {row.exception for row in exceptions}
    assert "Red" in kinds and "Repeatedly amber" in kinds and "Above expected range" in kinds


def test_directorate_page(client, member, council):
    client.force_login(member)
    response = client.get(reverse("indicators:directorate", args=["directorate-0"]))
    page = response.content.decode()
    assert "Cllr Jane Smith" in page and "Alex Jones" in page
    assert "KPI summary" in page and "Activity indicators" in page
    assert '<svg class="sparkline"' in page
    assert "Enter results" not in page  # members never see edit controls


def test_officer_sees_entry_link_only_for_own_indicators(client, officer, council):
    _, indicators = council
    client.force_login(officer)
    own = client.get(reverse("indicators:detail", args=[indicators[0].code])).content.decode()
    other = client.get(reverse("indicators:detail", args=[indicators[3].code])).content.decode()
    assert 'class="button" href="/entry/"' in own  # the nav bar's link is there for every officer anyway
    assert 'class="button" href="/entry/"' not in other


def test_indicator_page(client, member, council):
    _, indicators = council
    client.force_login(member)
    page = client.get(reverse("indicators:detail", args=[indicators[0].code])).content.decode()
    assert "Higher is better" in page
    assert "Current: <strong>67.0%</strong>" in page and "Target: <strong>85.0%</strong>" in page
    assert "Regression over the last 6 periods" in page
    assert "This indicator has not been subject to discussion by PAT at this time." in page
    assert 'data-figure="indicator-chart-data"' in page


def test_members_see_only_approved_results(client, member, officer, council):
    _, indicators = council
    Result.objects.filter(indicator=indicators[0], period_end=Q2.end).update(state="draft")
    client.force_login(member)
    assert client.get(reverse("indicators:detail", args=[indicators[0].code])).context["current"].period_end == \
        Q2.previous().end
    client.force_login(officer)
    assert client.get(reverse("indicators:detail", args=[indicators[0].code])).context["current"].period_end == \
        Q2.end


def test_indicator_list_filters_and_exports(client, member, council):
    client.force_login(member)
    url = reverse("indicators:list")
    red = client.get(url, {"rag": "RED", "quarter": Q2.end.isoformat()}).context["table"].data.data
    assert red and all(i.as_at_rag == "RED" for i in red)
    found = client.get(url, {"q": "number 7"}).context["table"].data.data
    assert [i.code for i in found] == ["K0007"]
    export = client.get(url, {"_export": "csv", "rag": "RED"})
    assert export["Content-Type"].startswith("text/csv") and b"RED" in export.content
    assert client.get(url, {"_export": "xlsx"}).status_code == 200


def test_anonymous_users_are_redirected_to_sign_in(client, council):
    for url in (reverse("home"), reverse("indicators:list"), reverse("indicators:directorate", args=["directorate-0"]),
                reverse("indicators:detail", args=["K0000"])):
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_empty_install_says_what_to_do_next(client, performance_officer, settings):
    client.force_login(performance_officer)
    page = client.get(reverse("home")).content.decode()
    assert "No approved results yet" in page and "make demo" not in page  # never on a live system
    settings.DEBUG = True
    assert "make demo" in client.get(reverse("home")).content.decode()
    assert client.get(reverse("indicators:list")).status_code == 200


def test_unknown_directorate_or_indicator_is_a_404(client, member, council):
    client.force_login(member)
    assert client.get(reverse("indicators:directorate", args=["nowhere"])).status_code == 404
    assert client.get(reverse("indicators:detail", args=["NOPE"])).status_code == 404
    assert client.get(reverse("home"), {"quarter": "not-a-date"}).status_code == 200


@pytest.mark.parametrize("count", [10, 300])
def test_pages_run_a_fixed_number_of_queries(client, member, count, django_assert_max_num_queries):
    build_council(count)
    client.force_login(member)
    pages = {reverse("home"): 12, reverse("indicators:directorate", args=["directorate-1"]): 12,
             reverse("indicators:detail", args=["K0001"]): 14, reverse("indicators:list"): 10,
             f"{reverse('indicators:list')}?rag=AMBER&direction=STABLE": 10}
    for url, limit in pages.items():
        with django_assert_max_num_queries(limit):
            assert client.get(url).status_code == 200, url


def test_counts_and_their_links_agree_when_indicators_have_been_replaced(client, member, council):
    """A replaced indicator counts in the quarters it reported in, not after; the links list the same ones."""
    _, indicators = council
    old = indicators[1]
    Indicator.objects.filter(pk=old.pk).update(status="replaced", replaced_by=indicators[0])
    Result.objects.filter(indicator=old, period_end__gt=QUARTERS[3].end).delete()
    client.force_login(member)
    for quarter, counted in ((Q2, False), (QUARTERS[3], True)):
        response = client.get(reverse("home"), {"quarter": quarter.end.isoformat()})
        total = response.context["total"]
        for key in ("GREEN", "AMBER", "RED"):
            listed = client.get(total.links[key]).context["table"].data.data
            assert len(listed) == total.rag[key], (quarter, key)
        in_report = old in {row.indicator for row in snapshot(quarter.end)}
        assert in_report is counted
        assert sum(response.context["mix"][-1][1].values()) == total.rated


def test_officer_filter_lists_only_their_indicators(client, officer, council):
    client.force_login(officer)
    mine = client.get(reverse("indicators:list"), {"mine": "on"}).context["table"].data.data
    assert [i.code for i in mine] == ["K0000"]


def test_out_of_range_quarters_fall_back_to_the_latest(client, member, council):
    client.force_login(member)
    for value in ("0001-03-31", "9999-12-31"):
        assert client.get(reverse("home"), {"quarter": value}).context["quarter"] == Q2
        assert client.get(reverse("indicators:list"), {"quarter": value}).status_code == 200
