"""The left column (filters) and the time bar (as-of slider, play button), with the stable
ids tests and permalinks rely on: asof, date-range, side-filter, claim-filter."""
from __future__ import annotations

from datetime import date

from dash import dcc, html

from analysis.frame import from_day, to_day
from extraction.records import CLAIM_TYPES
from analysis.sides import side_colour

PLAY_INTERVAL_MS = 900
PLAY_STEPS = 120  # a full play-through of the corpus takes this many ticks


def month_marks(first_day: int, last_day: int) -> dict[int, dict]:
    """A tick at every month start; a label at every January (or every quarter for short spans)."""
    start = date.fromisoformat(from_day(first_day))
    year, month = start.year, start.month
    months = []
    while True:
        day = to_day(f"{year:04d}-{month:02d}-01")
        if day > last_day:
            break
        if day >= first_day:
            months.append((day, year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    labelled = {1} if len(months) > 30 else {1, 4, 7, 10}
    return {d: {"label": (str(y) if m == 1 else date(y, m, 1).strftime("%b")) if m in labelled else "\u2009"}
            for d, y, m in months}


def side_option(side: str) -> dict:
    swatch = html.Span(className="swatch", style={"backgroundColor": side_colour(side)})
    return {"label": html.Span([swatch, side or "unknown side"]), "value": side}


def filter_column(sides: list[str], outlets: list[str], first: str, last: str) -> html.Div:
    return html.Div(className="filters", children=[
        html.Label("Date range (claims that count)", htmlFor="date-range"),
        dcc.DatePickerRange(id="date-range", min_date_allowed=first, max_date_allowed=last,
                            start_date=None, end_date=None, display_format="YYYY-MM-DD",
                            clearable=True, start_date_placeholder_text="from", end_date_placeholder_text="to"),
        html.Label("Sides"),
        dcc.Checklist(id="side-filter", options=[side_option(s) for s in sides], value=sides, className="checklist"),
        html.Label("Claim types"),
        dcc.Checklist(id="claim-filter", options=[{"label": t, "value": t} for t in CLAIM_TYPES],
                      value=list(CLAIM_TYPES), className="checklist"),
        html.Label("Outlets"),
        dcc.Dropdown(id="outlet-filter", options=[{"label": o or "(none)", "value": o} for o in outlets], multi=True,
                     placeholder="all outlets"),
        html.Label("Place search", htmlFor="place-search"),
        dcc.Input(id="place-search", type="search", debounce=True, placeholder="name or place ref", className="search"),
        html.Label("Minimum confidence"),
        dcc.Slider(id="min-confidence", min=0, max=1, step=0.05, value=0,
                   marks={0: "0", 0.5: "0.5", 1: "1"}, tooltip={"placement": "bottom"}),
    ])


def time_bar(first_day: int, last_day: int) -> html.Div:
    return html.Div(className="timebar", children=[
        html.Button("▶ Play", id="play", n_clicks=0, className="play", title="Step through time"),
        html.Div(className="asof-wrap", children=[
            dcc.Slider(id="asof", min=first_day, max=last_day, step=1, value=last_day,
                       marks=month_marks(first_day, last_day), updatemode="mouseup", included=False,
                       allow_direct_input=False),
        ]),
        html.Div(id="asof-label", className="asof-label"),
        dcc.Interval(id="play-timer", interval=PLAY_INTERVAL_MS, disabled=True),
    ])
