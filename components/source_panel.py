"""The source panel: what a marker stands for, and every claim behind its colour, each with
the headline, outlet, date, link and the evidence sentence (place and actor highlighted).
Everything here is React children, so hostile article text shows as text."""
from __future__ import annotations

from dash import html

from analysis.service import event_day
from analysis.sides import side_colour
from components.text import safe_href

EMPTY_HINT = "Click a marker to see the claims and sources behind it."


def highlighted(sentence: str, marks: list[tuple[str, str]]) -> list:
    """Split the sentence into text and <mark> pieces for each (phrase, css class), first hit each."""
    spans: list[tuple[int, int, str]] = []
    lower = sentence.lower()
    for phrase, cls in marks:
        if not phrase:
            continue
        at = lower.find(phrase.lower())
        if at >= 0 and all(at >= e or at + len(phrase) <= s for s, e, _ in spans):
            spans.append((at, at + len(phrase), cls))
    pieces, pos = [], 0
    for start, end, cls in sorted(spans):
        pieces.append(sentence[pos:start])
        pieces.append(html.Mark(sentence[start:end], className=cls))
        pos = end
    pieces.append(sentence[pos:])
    return [p for p in pieces if p != ""]


def claim_item(claim: dict, counted: bool) -> html.Li:
    href = safe_href(claim.get("article_url"))
    title = claim.get("article_title") or "(untitled)"
    headline = html.A(title, href=href, target="_blank", rel="noopener noreferrer") if href else html.Span(title)
    published = (claim.get("published") or "")[:10] or "date unknown"
    date_text = (f"{claim['date']} ({claim.get('date_precision') or '?'})" if claim.get("date")
                 else f"undated (article of {published})")
    side = claim.get("side") or ""
    meta = [html.Span(side or "unknown side", className="side-name"), " · ",
            html.Span(claim.get("claim") or "", className="claim-type"), " · ", html.Span(date_text)]
    if claim.get("geo_precision", 1) and int(claim.get("geo_precision") or 1) > 1:
        meta += [" · ", html.Span("approximate place", className="vague-tag")]
    return html.Li(
        className="claim" + ("" if counted else " not-counted"),
        style={"borderLeftColor": side_colour(side)},
        children=[
            html.Div(meta, className="claim-meta"),
            html.Blockquote(highlighted(claim.get("evidence") or "", [(claim.get("place_text") or "", "place"),
                                                                       (claim.get("actor_text") or "", "actor")]),
                            className="evidence"),
            html.Div([headline, html.Span(f" — {claim.get('outlet') or 'unknown outlet'}, {published}", className="source")],
                     className="headline"),
            html.Div("dated after the chosen day: not yet counted", className="later") if not counted else None,
        ],
    )


def render_panel(place: dict | None, claims: list[dict], asof: str, explanation: str) -> list:
    if place is None:
        return [html.P(EMPTY_HINT, className="hint")]
    coords = f"{place['lat']:.4f}, {place['lon']:.4f}"
    facts = [
        html.Dt("Kind"), html.Dd(place.get("kind") or "?"),
        html.Dt("Coordinates"), html.Dd(coords),
        html.Dt("Gazetteer"), html.Dd(place.get("ref") or ""),
    ]
    if int(place.get("geo_precision") or 1) > 1:
        facts += [html.Dt("Approximate"), html.Dd(f"{place.get('relation') or 'near'} {place.get('anchor_ref') or ''}")]
    items = [claim_item(c, counted=event_day(c) <= asof) for c in claims]
    return [
        html.H3(place["name"], className="place-name"),
        html.Dl(facts, className="facts"),
        html.P(explanation, className="explanation"),
        html.H4(f"Control history ({len(claims)} claims in view)"),
        html.Ol(items, className="claims") if items else html.P("No claims in the current view.", className="hint"),
    ]
