"""Typed records at the seam between the gazetteer, the resolver and the store."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Place:
    """A point the map can show. `ref` is the stable key: `geonames:99072`,
    `curated:gogjali`, `user:...`, `nominatim:...`, or for a vague area
    `area:west-of:geonames:99072`."""

    ref: str
    name: str
    lat: float
    lon: float
    kind: str = "town"  # country, region, city, town, village, neighbourhood, landmark, area
    country: str = ""  # ISO 3166-1 alpha-2
    admin1: str = ""
    population: int = 0
    geo_precision: int = 1  # 1 the place itself, 2 near/part of anchor, 3 region/centroid
    anchor_ref: str = ""  # for geo_precision 2: the named place it is relative to
    relation: str = ""  # for geo_precision 2: "west of", "eastern part of", "centre of", ...


@dataclass(frozen=True)
class Candidate:
    place: Place
    score: float
    why: str = ""


@dataclass(frozen=True)
class Resolution:
    """What the resolver says about one mention: a place with a confidence, or none and why."""

    place: Place | None
    confidence: float = 0.0
    method: str = ""  # curated, correction, gazetteer-exact, gazetteer-fuzzy, context, online, cache...
    reason: str = ""  # for place=None: why it is unresolved
    candidates: tuple[Candidate, ...] = field(default_factory=tuple)  # runner-ups, best first
