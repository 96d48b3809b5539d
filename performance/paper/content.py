"""Everything the Cabinet paper shows for a quarter, built from the same figures as the dashboards."""

from dataclasses import dataclass, field

from django.conf import settings

from indicators.formatting import format_value
from indicators.models import Directorate

from .. import charts
from ..dashboards import ACTIVITY_WORDS, Row, Summary, snapshot, summarise
from ..models import QuarterReport, Target
from ..periods import Period

CHART_PERIODS = 8  # the recent periods each KPI chart shows


@dataclass
class Section:
    directorate: Directorate
    summary: Summary
    kpis: list[Row]
    activities: list[Row]
    summary_text: str = ""
    narrative: str = ""
    charts: dict = field(default_factory=dict)


METHOD_TEXT = {
    "trend": lambda: (f"regression analysis over the last {settings.RATING_TREND_WINDOW} periods shown in the graphs "
                      f"(a statistically clear trend at the {100 * (1 - settings.RATING_TREND_ALPHA):g}% level; "
                      f"at least {settings.RATING_TREND_MIN_POINTS} results)"),
    "previous": lambda: "the movement from the previous period",
}


def dot_method_text(rows: list[Row]) -> str:
    """The configured direction-of-travel method, and any KPIs in the report that use the other one."""
    default = settings.RATING_DOT_METHOD
    other = "previous" if default == "trend" else "trend"
    exceptions = [r.indicator for r in rows if r.indicator.is_kpi and r.indicator.effective_dot_method == other]
    text = METHOD_TEXT[default]()
    if exceptions:
        codes = ", ".join(i.code for i in exceptions)
        text += f"; for {codes} it is based on {METHOD_TEXT[other]()}"
    return text


def range_method_text() -> str:
    return (f"the same quarter in the previous {settings.RATING_ACTIVITY_HISTORY_YEARS} years, mean ± "
            f"{settings.RATING_ACTIVITY_SD_MULTIPLIER:g} standard deviations")


def _value(row: Row) -> dict:
    indicator = row.indicator

    def fmt(value):
        return format_value(value, indicator.unit, indicator.decimal_places)

    current, target = row.current, row.target
    return {
        "period_end": current.period_end.isoformat() if current else None,
        "actual": fmt(current.actual) if current else None,
        "target": fmt(target.target) if target else None,
        "floor": fmt(target.floor) if target else None,
        "previous": fmt(row.previous.actual) if row.previous else None,
        "rag": row.rag, "direction": row.direction, "activity_status": row.activity_status,
        "chart": [[r.period_end.isoformat(), fmt(r.actual)] for r in row.history],
    }


def build(report: QuarterReport) -> dict:
    """The paper's context: covering report, summary, sections, charts, and the values it shows (to freeze)."""
    quarter = Period("quarterly", report.quarter_end)
    rows = snapshot(report.quarter_end, history=CHART_PERIODS)
    directorates = list(Directorate.objects.all())
    per_directorate, total = summarise(rows, directorates)
    narratives = {n.directorate_id: n for n in report.narratives.all()}
    targets_by_indicator = _targets_for_charts(rows)
    sections = []
    for directorate, summary in zip(directorates, per_directorate, strict=True):
        mine = [r for r in rows if r.indicator.directorate_id == directorate.pk]
        if not mine:
            continue
        narrative = narratives.get(directorate.pk)
        section = Section(directorate, summary, [r for r in mine if r.indicator.is_kpi],
                          [r for r in mine if not r.indicator.is_kpi],
                          narrative.summary if narrative else "", narrative.narrative if narrative else "")
        for row in mine:
            if row.history:
                figure = charts.indicator_chart(row.indicator, row.history,
                                                targets_by_indicator.get(row.indicator.pk, {}), height=260)
                section.charts[row.indicator.code] = charts.as_json(figure)
        sections.append(section)
    values = {row.indicator.code: _value(row) for row in rows}
    covering = {
        "from": report.report_from or "; ".join(
            f"{d.cabinet_member} ({d.name})" for d in directorates if d.cabinet_member),
        "to": report.report_to, "meeting_date": report.meeting_date.isoformat() if report.meeting_date else "",
        "subject": report.subject or report.default_subject(), "classification": report.classification,
        "summary": report.summary, "recommendation": report.recommendation or report.default_recommendation(),
        "contact": report.contact_details,
    }
    return {
        "report": report, "quarter": quarter, "covering": covering, "summaries": per_directorate, "total": total,
        "sections": sections, "dot_method_text": dot_method_text(rows), "range_method_text": range_method_text(),
        "values": values,
        "council_name": settings.COUNCIL_NAME, "activity_words": ACTIVITY_WORDS,
    }


def _targets_for_charts(rows: list[Row]) -> dict:
    """Targets for every period each chart shows, in one query."""
    ids = [r.indicator.pk for r in rows if r.history]
    ends = {h.period_end for r in rows for h in r.history}
    by_indicator: dict[int, dict] = {}
    for target in Target.objects.filter(indicator_id__in=ids, period_end__in=ends):
        by_indicator.setdefault(target.indicator_id, {})[target.period_end] = target
    return by_indicator


def revisions_since(paper_values: dict, current_values: dict) -> list[dict]:
    """Figures the published paper used that have since been revised."""
    changes = []
    for code, used in sorted(paper_values.items()):
        now = current_values.get(code)
        if now is None:
            continue
        if now.get("period_end") == used.get("period_end"):
            for key in ("actual", "target", "floor", "previous", "rag", "direction", "activity_status"):
                if now.get(key) != used.get(key):
                    changes.append({"code": code, "what": key.replace("_", " "), "period_end": used["period_end"],
                                    "published": used.get(key), "now": now.get(key)})
        current_chart = dict(now.get("chart", []))
        for period_end, published in used.get("chart", []):
            if period_end != used.get("period_end") and current_chart.get(period_end, published) != published:
                changes.append({"code": code, "what": "actual (chart)", "period_end": period_end,
                                "published": published, "now": current_chart[period_end]})
    return changes
