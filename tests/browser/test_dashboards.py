"""The dashboards in a real browser: what a councillor and an officer see, charts drawn, accessibility.

The demo council is seed 004 (Kent CC, 2020/21 Q2): 35 KPIs, 21 Green, 11 Amber, 3 Red. The three
Red KPIs are CYPE03 (EHCPs issued within 20 weeks), PH01 (NHS Health Checks) and PH03 (sexual
health screening). Screenshots go to test-artifacts/screenshots/ for people to look at.
"""

import re
from datetime import date
from decimal import Decimal

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from performance.models import Result
from performance.rating import recompute_all
from tests.factories import DirectorateFactory, IndicatorFactory, ResultFactory, TargetFactory

from .conftest import DESKTOP, PERSONA_PASSWORD, PHONE, login, screenshot, wait_for_charts

pytestmark = pytest.mark.browser

CYPE = "Children, Young People and Education"
EHCP_KPI = "Percentage of Education, Health Care Plans (EHCPs) issued within 20 weeks – rolling 12 months"
CS01_KPI = "Percentage of callers to Contact Point who rated the advisor who dealt with their call as good"
RED_KPIS = {"CYPE03", "PH01", "PH03"}
SERIOUS = {"serious", "critical"}
Q2_END = date(2020, 9, 30)


def expect_charts_drawn(page, count: int) -> None:
    """Every chart container has been drawn by Plotly into an SVG."""
    wait_for_charts(page)
    charts = page.locator(".chart-canvas")
    expect(charts).to_have_count(count)
    for chart in charts.all():
        expect(chart).to_have_attribute("data-drawn", "true")
        expect(chart.locator("svg.main-svg").first).to_be_visible()


def listed_codes(page) -> set[str]:
    """The indicator codes in the first column of the indicators table."""
    return {code.strip() for code in page.locator("table tbody tr td:first-child").all_inner_texts()}


def main_content(page):
    return page.get_by_role("main")


def test_a_member_reads_the_overview_a_directorate_an_indicator_and_filters_the_list(page, live_server,
                                                                                       demo_council):
    login(page, live_server, "member", demo_council["member"])

    # The council overview, for the latest quarter with approved results.
    assert page.url == f"{live_server.url}/"
    expect(page.get_by_role("heading", level=1)).to_have_text("Council overview – 2020/21 Q2")
    summary = page.get_by_role("table", name="Executive summary")
    total = summary.locator("tfoot tr")
    expect(total.get_by_role("rowheader")).to_have_text("Total")
    green, amber, red = (total.get_by_role("cell").nth(i) for i in range(3))
    expect(green).to_have_text(re.compile(r"^21\b"))
    expect(amber).to_have_text(re.compile(r"^11\b"))
    expect(red).to_have_text(re.compile(r"^3\b"))
    expect(page.get_by_text("21 of the 35 rated indicators are Green")).to_be_visible()
    expect_charts_drawn(page, 2)
    screenshot(page, "overview")

    page.set_viewport_size(PHONE)
    page.reload()
    expect_charts_drawn(page, 2)
    screenshot(page, "overview-phone")
    page.set_viewport_size(DESKTOP)
    page.reload()
    wait_for_charts(page)

    # A directorate, from its row of the executive summary.
    summary.get_by_role("link", name=CYPE, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"{CYPE} – 2020/21 Q2")
    kpis = page.get_by_role("table", name="Key performance indicators")
    expect(kpis.get_by_role("row")).to_have_count(1 + 14)  # header and CYPE's 14 current KPIs
    expect(page.get_by_role("table", name="Activity indicators")).to_be_visible()
    screenshot(page, "directorate")

    # One of its KPIs: the latest position, the chart, and nothing a member could edit.
    kpis.get_by_role("link", name=EHCP_KPI).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(EHCP_KPI)
    expect(page.get_by_role("heading", name="Latest position: 2020/21 Q2")).to_be_visible()
    expect(page.locator(".headline .rag")).to_have_text("Red")
    expect_charts_drawn(page, 1)
    expect(page.get_by_role("link", name="Enter results")).to_have_count(0)
    expect(page.get_by_role("button", name=re.compile("save|submit|approve", re.I))).to_have_count(0)
    screenshot(page, "indicator-kpi")

    # The indicators list: only the Red KPIs, then a text search.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Indicators").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Indicators – 2020/21 Q2")
    filters = page.get_by_role("form", name="Filter indicators")
    filters.get_by_label("RAG").select_option(label="Red")
    filters.get_by_role("button", name="Apply filters").click()
    rows = page.locator("table tbody tr")
    expect(rows).to_have_count(3)
    assert listed_codes(page) == RED_KPIS
    for row in rows.all():
        expect(row.locator(".rag")).to_have_text("Red")
    screenshot(page, "indicators-red")

    filters.get_by_label("RAG").select_option(label="Any rating")
    filters.get_by_label("Search").fill("complaints")
    filters.get_by_role("button", name="Apply filters").click()
    expect(rows).to_have_count(2)
    assert listed_codes(page) == {"CS03", "CS-A02"}
    for title in page.locator("table tbody tr td:nth-child(2)").all_inner_texts():
        assert "complaints" in title.lower()
    screenshot(page, "indicators-search")


def test_an_officer_may_enter_results_for_their_own_indicators_only(page, live_server, demo_council):
    login(page, live_server, "officer", demo_council["officer"])

    page.goto(f"{live_server.url}/directorates/customer-services/")
    page.get_by_role("table", name="Key performance indicators").get_by_role("link", name=CS01_KPI).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("(CS01)")
    expect(page.get_by_role("navigation", name="Breadcrumb")).to_contain_text("Customer Services")
    expect(main_content(page).get_by_role("link", name="Enter results", exact=True)).to_be_visible()
    screenshot(page, "indicator-officer-own")

    page.goto(f"{live_server.url}/indicators/CYPE03/")
    expect(page.get_by_role("heading", level=1)).to_contain_text(EHCP_KPI)
    expect(main_content(page).get_by_role("link", name="Enter results")).to_have_count(0)


def serious_violations(page) -> list[str]:
    """axe-core's serious and critical violations on the page, one line per rule with the elements."""
    violations = Axe().run(page).response["violations"]
    return [f"{v['id']} ({v['impact']}): {v['help']} – " + "; ".join(" ".join(n["target"]) for n in v["nodes"])
            for v in violations if v["impact"] in SERIOUS]


def test_no_serious_accessibility_problems_on_the_main_pages(page, live_server, demo_council):
    problems = {}

    def check(name: str, path: str, charts: bool = False, screenshot_as: str = "") -> None:
        response = page.goto(f"{live_server.url}{path}")
        if not response.ok:
            problems[name] = [f"HTTP {response.status} for {path}"]
            return
        if charts:
            wait_for_charts(page)  # check the page as drawn, Plotly's markup included
        if screenshot_as:  # pages the journey tests do not already photograph
            screenshot(page, screenshot_as)
        found = serious_violations(page)
        if found:
            problems[name] = found

    check("sign-in page", "/accounts/login/", screenshot_as="sign-in")
    login(page, live_server, "officer", demo_council["officer"])
    check("council overview", "/", charts=True)
    check("directorate page", "/directorates/children-young-people-education/")
    check("KPI page", "/indicators/CS01/", charts=True)
    check("activity indicator page", "/indicators/CS-A01/", charts=True, screenshot_as="indicator-activity")
    check("indicators list", "/indicators/")
    check("quarter entry page", "/entry/", screenshot_as="quarter-entry")
    check("alerts page", "/alerts/")
    login(page, live_server, "performance", demo_council["performance"])
    check("approvals page", "/approvals/")
    check("import page", "/import/", screenshot_as="import")
    check("yearly target page", "/targets/CS01/yearly/")
    check("Cabinet papers list", "/papers/")
    check("Cabinet paper for a quarter", "/papers/2020-09-30/", screenshot_as="paper-quarter")
    check("Cabinet paper as a web page", "/papers/2020-09-30/preview/", charts=True, screenshot_as="paper-html")

    report = "\n".join(f"{name}:\n  " + "\n  ".join(found) for name, found in problems.items())
    assert not problems, f"Serious or critical accessibility problems:\n{report}"


def test_the_first_tab_reaches_the_skip_link_which_moves_focus_to_the_main_content(page, live_server, member):
    kpi = IndicatorFactory(code="CS01", title="Percentage of phone calls answered",
                           directorate=DirectorateFactory(name="Customer Services", slug="customer-services"))
    TargetFactory(indicator=kpi, period_end=Q2_END, target=Decimal("85"), floor=Decimal("80"))
    ResultFactory(indicator=kpi, period_end=Q2_END, actual=Decimal("86"), state=Result.State.APPROVED)
    recompute_all()
    login(page, live_server, "member", PERSONA_PASSWORD)
    wait_for_charts(page)

    skip_link = page.get_by_role("link", name="Skip to main content")
    expect(skip_link).not_to_be_in_viewport()  # out of sight until focused

    page.keyboard.press("Tab")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_in_viewport()

    page.keyboard.press("Enter")
    expect(page.get_by_role("main")).to_be_focused()
    assert page.url.endswith("#main")


def test_with_no_data_at_all_the_overview_explains_how_to_start(page, live_server, performance_officer):
    login(page, live_server, "perf", PERSONA_PASSWORD)

    expect(page.get_by_role("heading", level=1)).to_have_text("Council overview")
    expect(page.get_by_role("heading", name="No approved results yet")).to_be_visible()
    expect(page.get_by_role("link", name="importing a spreadsheet")).to_be_visible()  # the performance team's way
    expect(page.locator(".chart-canvas")).to_have_count(0)
    screenshot(page, "overview-empty")
