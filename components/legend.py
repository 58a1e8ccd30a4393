"""The map legend: side colours, and what contested / stale / vague / no-evidence look like."""
from __future__ import annotations

from dash import html

from analysis.control import CONTESTED_WINDOW_DAYS, STALE_AFTER_DAYS
from analysis.sides import CONTESTED_COLOUR, UNKNOWN_COLOUR, pale, side_colour
from components.map import NO_EVIDENCE_COLOUR


def _item(colour: str, text: str, extra: str = "") -> html.Li:
    return html.Li([html.Span(className="swatch " + extra, style={"backgroundColor": colour}), text])


def legend(sides: list[str]) -> html.Div:
    items = [_item(side_colour(s), f"held by {s}") for s in sides if s]
    items += [
        _item(CONTESTED_COLOUR, f"contested (rival claims or attacks within {CONTESTED_WINDOW_DAYS} days)"),
        _item(pale(side_colour("Iraqi government")), f"pale tint: latest evidence older than {STALE_AFTER_DAYS} days"),
        _item(UNKNOWN_COLOUR, "holder unknown (attacks only, or lost)"),
        _item(NO_EVIDENCE_COLOUR, "no claim yet by this date"),
        _item("#888888", "large faint circle: approximate area (e.g. 'west of Mosul')", "vague"),
        html.Li("Marker size: number of sources."),
    ]
    return html.Div(className="legend", children=[html.H4("Legend"), html.Ul(items)])
