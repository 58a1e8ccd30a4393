"""The view a user is looking at, as one record that the URL, the controls, the map, the
JSON API and the exports all read, so that a permalink reproduces exactly what was seen."""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from urllib.parse import parse_qs, urlencode

from analysis.control import Filters
from analysis.frame import to_day

_LIST_SEP = ","


@dataclass(frozen=True)
class View:
    asof: str | None = None  # ISO day; None = end of the corpus
    date_from: str | None = None
    date_to: str | None = None
    sides: tuple[str, ...] | None = None  # None = all
    claim_types: tuple[str, ...] | None = None
    outlets: tuple[str, ...] | None = None
    min_confidence: float = 0.0
    place_query: str = ""
    place: str | None = None  # the place_ref whose panel is open

    def filters(self) -> Filters:
        return Filters(
            day_from=to_day(self.date_from) if self.date_from else None,
            day_to=to_day(self.date_to) if self.date_to else None,
            sides=self.sides, claim_types=self.claim_types, outlets=self.outlets,
            min_confidence=self.min_confidence, place_query=self.place_query,
        )

    def to_query(self) -> str:
        pairs = [("asof", self.asof), ("from", self.date_from), ("to", self.date_to)]
        pairs += [(key, _LIST_SEP.join(v)) for key, v in
                  (("side", self.sides), ("claim", self.claim_types), ("outlet", self.outlets)) if v is not None]
        if self.min_confidence:
            pairs.append(("minconf", f"{self.min_confidence:g}"))
        pairs += [("q", self.place_query), ("place", self.place)]
        return urlencode([(k, v) for k, v in pairs if v not in (None, "")])


def _iso_day(text: str | None) -> str | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        return None


def _listed(text: str | None) -> tuple[str, ...] | None:
    if text is None:
        return None
    return tuple(v for v in text.split(_LIST_SEP) if v)


def view_from_query(query: str | dict) -> View:
    """Read ?asof=&from=&to=&side=&claim=&outlet=&minconf=&q=&place=; bad values are ignored."""
    if isinstance(query, str):
        params = {k: v[-1] for k, v in parse_qs(query.lstrip("?"), keep_blank_values=True).items()}
    else:
        params = dict(query)
    try:
        min_conf = min(max(float(params.get("minconf") or 0), 0.0), 1.0)
    except ValueError:
        min_conf = 0.0
    return View(
        asof=_iso_day(params.get("asof")), date_from=_iso_day(params.get("from")), date_to=_iso_day(params.get("to")),
        sides=_listed(params.get("side")), claim_types=_listed(params.get("claim")), outlets=_listed(params.get("outlet")),
        min_confidence=min_conf, place_query=(params.get("q") or "")[:200], place=params.get("place") or None,
    )


def with_asof(view: View, last_day: str) -> View:
    """A view with no as-of day looks at the end of the corpus."""
    return view if view.asof else replace(view, asof=last_day)
