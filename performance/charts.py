"""Plotly figures shared by the dashboards and the Cabinet paper (drawn by plotly.js in the browser)."""

import json

import plotly.graph_objects as go

from indicators.formatting import format_value
from indicators.models import Indicator

from .dashboards import RAG_WORDS, RAGS
from .rules import Rag

COLOURS = {Rag.GREEN: "#00703c", Rag.AMBER: "#f4a300", Rag.RED: "#b00020"}
PATTERNS = {Rag.GREEN: "", Rag.AMBER: "/", Rag.RED: "x"}  # never colour alone
FONT = {"family": "Arial, Helvetica, sans-serif", "size": 13, "color": "#0b0c0c"}


def _layout(**extra) -> dict:
    return {"font": FONT, "margin": {"l": 50, "r": 20, "t": 30, "b": 50}, "plot_bgcolor": "#ffffff",
            "paper_bgcolor": "#ffffff", "legend": {"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0,
                                                   "traceorder": "normal"},
            "xaxis": {"automargin": True}, "yaxis": {"automargin": True}, **extra}


def as_json(figure: go.Figure) -> dict:
    """A plain dict for the template's json_script (which escapes it safely)."""
    return json.loads(figure.to_json())


def rag_by_directorate(summaries) -> go.Figure:
    names = [s.label for s in summaries]
    figure = go.Figure([
        go.Bar(name=RAG_WORDS[rag], y=names, x=[s.rag[rag] for s in summaries], orientation="h",
               marker={"color": COLOURS[rag], "pattern": {"shape": PATTERNS[rag]}},
               text=[s.rag[rag] or "" for s in summaries], textposition="inside", insidetextanchor="middle")
        for rag in RAGS])
    figure.update_layout(**_layout(barmode="stack", height=70 + 45 * max(1, len(names)),
                                   xaxis={"title": {"text": "Number of KPIs"}, "automargin": True},
                                   yaxis={"autorange": "reversed", "automargin": True}))
    return figure


def rag_mix(mix) -> go.Figure:
    labels = [period.label for period, _ in mix]
    figure = go.Figure([
        go.Bar(name=RAG_WORDS[rag], x=labels, y=[counts[rag] for _, counts in mix],
               marker={"color": COLOURS[rag], "pattern": {"shape": PATTERNS[rag]}},
               text=[counts[rag] or "" for _, counts in mix], textposition="inside", textangle=0)
        for rag in RAGS])
    figure.update_layout(**_layout(barmode="stack", height=340, uniformtext={"minsize": 11, "mode": "hide"},
                                   xaxis={"automargin": True, "tickangle": -30},
                                   yaxis={"title": {"text": "Number of KPIs"}, "automargin": True}))
    return figure


def indicator_chart(indicator: Indicator, results, targets: dict, comparators=(), height: int = 360) -> go.Figure:
    """Actual against target and floor over the periods given (activity: the expected range as a band)."""
    periods = [r.period for r in results]
    x = [p.short_label for p in periods]

    def values(getter):
        return [None if (v := getter(r)) is None else float(v) for r in results]

    def hover(value):
        return format_value(value, indicator.unit, indicator.decimal_places)

    traces = []
    if indicator.kind == Indicator.Kind.ACTIVITY:
        lower = values(lambda r: r.expected_lower)
        upper = values(lambda r: r.expected_upper)
        traces += [
            go.Scatter(x=x, y=lower, name="Lower threshold", mode="lines", line={"color": "#505a5f", "dash": "dot"}),
            go.Scatter(x=x, y=upper, name="Upper threshold", mode="lines", line={"color": "#505a5f", "dash": "dot"},
                       fill="tonexty", fillcolor="rgba(29,61,107,0.10)"),
        ]
    else:
        target = values(lambda r: getattr(targets.get(r.period_end), "target", None))
        floor = values(lambda r: getattr(targets.get(r.period_end), "floor", None))
        traces += [
            go.Scatter(x=x, y=target, name="Target", mode="lines",
                       line={"color": "#00703c", "dash": "dash", "shape": "hv"},
                       hovertext=[hover(v) for v in target], hoverinfo="name+text"),
            go.Scatter(x=x, y=floor, name="Floor standard", mode="lines",
                       line={"color": "#b00020", "dash": "dot", "shape": "hv"},
                       hovertext=[hover(v) for v in floor], hoverinfo="name+text"),
        ]
    by_end = {r.period_end: i for i, r in enumerate(results)}
    for series in comparators:
        points = [None] * len(results)
        for value in series.values.all():
            if value.period_end in by_end:
                points[by_end[value.period_end]] = float(value.value)
        traces.append(go.Scatter(x=x, y=points, name=series.name, mode="lines+markers", connectgaps=True,
                                 line={"color": "#6f72af", "dash": "longdash"}, marker={"symbol": "diamond"}))
    actual = values(lambda r: r.actual)
    traces.append(go.Scatter(x=x, y=actual, name="Actual", mode="lines+markers+text",
                             line={"color": "#1d3d6b", "width": 3}, marker={"size": 8},
                             text=[hover(v) if v is not None else "" for v in actual], textposition="top center",
                             cliponaxis=False,
                             hovertext=[hover(v) for v in actual], hoverinfo="name+x+text"))
    figure = go.Figure(traces)
    figure.update_layout(**_layout(height=height, xaxis={"type": "category"},
                                   margin={"l": 55, "r": 20, "t": 36, "b": 40},
                                   yaxis={"title": {"text": indicator.get_unit_display()}, "automargin": True}))
    return figure


def sparkline_svg(values, width: int = 90, height: int = 24) -> str:
    """A small trend line for tables (decorative: the table cells carry the figures)."""
    points = [(i, float(v)) for i, v in enumerate(values) if v is not None]
    if len(points) < 2:
        return ""
    low, high = min(v for _, v in points), max(v for _, v in points)
    span, last = (high - low) or 1.0, len(values) - 1 or 1
    coords = " ".join(f"{2 + i * (width - 4) / last:.1f},{height - 2 - (v - low) * (height - 4) / span:.1f}"
                      for i, v in points)
    return (f'<svg class="sparkline" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
            f'aria-hidden="true" focusable="false"><polyline fill="none" stroke="#1d3d6b" stroke-width="2" '
            f'points="{coords}"/></svg>')
