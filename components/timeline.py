"""Claims per day or week, stacked by side; drag across it to set the date range."""
from __future__ import annotations

import pandas as pd
from dash import dcc, html

from analysis.sides import side_colour
from components.text import plot_text

TIMELINE_CONFIG = {"displaylogo": False, "showSendToCloud": False, "displayModeBar": False}


def timeline_block() -> html.Div:
    return html.Div(className="timeline-block", children=[
        html.Div(className="timeline-head", children=[
            html.Span("Claims over time (drag to set the date range, double-click to clear)"),
            dcc.RadioItems(id="timeline-step", options=[{"label": "per day", "value": "day"},
                                                         {"label": "per week", "value": "week"}],
                           value="week", inline=True),
        ]),
        dcc.Graph(id="timeline", config=TIMELINE_CONFIG, style={"height": "170px"}),
    ])


def asof_line(asof: str) -> dict:
    return {"type": "line", "xref": "x", "yref": "paper", "x0": asof, "x1": asof, "y0": 0, "y1": 1,
            "line": {"color": "#EE3377", "width": 2}}


def timeline_figure(counts: pd.DataFrame, asof: str, weekly: bool) -> dict:
    """A plain figure dict: building graph objects validated every bar and cost more than the
    counting itself."""
    bars = []
    for side, rows in counts.groupby("side", sort=True):
        label = plot_text(side)
        bars.append({"type": "bar", "x": rows["bucket"].dt.strftime("%Y-%m-%d").tolist(), "y": rows["n"].tolist(),
                     "name": label, "marker": {"color": side_colour(side if side != "unknown side" else "")},
                     "hovertemplate": "%{x|%Y-%m-%d}: %{y} claims<extra>" + label + "</extra>"})
    total = int(counts["n"].sum()) if len(counts) else 0
    return {"data": bars, "layout": {
        "barmode": "stack", "bargap": 0.05, "margin": {"l": 40, "r": 10, "t": 22, "b": 24}, "height": 170,
        "title": {"text": f"{total} claims counted ({'per week' if weekly else 'per day'})", "font": {"size": 12}, "x": 0.01},
        "showlegend": False, "plot_bgcolor": "white", "dragmode": "zoom", "uirevision": "timeline",
        "xaxis": {"type": "date", "showgrid": False}, "yaxis": {"fixedrange": True, "gridcolor": "#eee"},
        "shapes": [asof_line(asof)], "meta": {"total": total},
    }}


def with_asof_line(figure: dict, asof: str) -> dict:
    """The same figure with the as-of line moved (the cached figure itself is left alone)."""
    return {"data": figure["data"], "layout": {**figure["layout"], "shapes": [asof_line(asof)]}}
