"""The unresolved places list: names the geocoder could not place, how often, in which words,
and two ways to fix each one: pick a gazetteer candidate, or click the map."""
from __future__ import annotations

from dash import dcc, html

from analysis.unresolved import UnresolvedName


def unresolved_section() -> html.Details:
    return html.Details(className="section", children=[
        html.Summary(html.Span(id="unresolved-title", children="Unresolved places")),
        html.Div(id="unresolved-message", className="message ok"),
        html.Div(id="placing-banner", className="message"),
        html.Div(id="unresolved"),
        html.Button("Refresh and rank gazetteer candidates", id="unresolved-refresh", className="small"),
    ])


def unresolved_list(names: list[UnresolvedName], ranked: dict[str, list[dict]]) -> list:
    if not names:
        return [html.P("Every place mention is resolved.", className="hint")]
    items = []
    for entry in names:
        options = [{"label": f"{c['name']} ({c.get('country', '') or c['ref']}) {c.get('why', '')}"[:90], "value": c["ref"]}
                   for c in ranked.get(entry.name, []) + entry.candidates]
        seen, unique = set(), []
        for o in options:
            if o["value"] not in seen:
                seen.add(o["value"])
                unique.append(o)
        items.append(html.Div(className="unresolved-item", children=[
            html.Strong(entry.name), f" — {entry.count} mention{'s' if entry.count != 1 else ''}",
            html.Ul([html.Li("…" + e + "…", className="excerpt") for e in entry.excerpts]),
            dcc.Dropdown(id={"type": "fix-choice", "name": entry.name}, options=unique,
                         placeholder="pick a gazetteer candidate" if unique else "no candidate: place it on the map"),
            html.Button("Use this place", id={"type": "fix-apply", "name": entry.name}, className="small"),
            html.Button("Place on map", id={"type": "fix-pick", "name": entry.name}, className="small"),
        ]))
    return items
