"""Vague areas described relative to a named place ("west of Mosul", "eastern Mosul",
"the center of Mosul", "12 km north of Qayyarah") as places of their own (geo_precision 2).

The point is moved away from the anchor by a distance suited to the anchor's size, so the area
never sits on the anchor's own marker and the map shows it on the right side of the place.
"""
from __future__ import annotations

import re
from dataclasses import replace

from geopy.distance import distance

from geocoding.records import Place

_BEARINGS = {
    "north": 0, "northeast": 45, "east": 90, "southeast": 135, "south": 180, "southwest": 225,
    "west": 270, "northwest": 315,
}
# km from the anchor for an area outside it ("west of X") and inside it ("eastern X").
_OUTSIDE_KM = {"country": 250.0, "region": 50.0, "city": 12.0, "town": 5.0, "village": 2.5,
               "neighbourhood": 1.5, "landmark": 1.5, "area": 5.0}
_INSIDE_KM = {"country": 200.0, "region": 40.0, "city": 4.0, "town": 1.2, "village": 0.4,
              "neighbourhood": 0.4, "landmark": 0.3, "area": 2.0}
_CENTRE_KM = 0.3  # a centre is the anchor itself, nudged so the two markers stay apart
_NEAR_BEARING = 45  # "near X" has no direction: one fixed bearing keeps it reproducible

_DISTANCE = re.compile(r"(\d+(?:\.\d+)?)\s*(km|kilometers?|kilometres?|miles?|mi)\b")
_DIRECTION = re.compile(r"\b(north|south)?[\s-]?(east|west)?(?:ern)?\b")


def _direction(text: str) -> str:
    """'north-western', 'South East', 'west' -> 'northwest', 'southeast', 'west' ('' if none)."""
    for match in _DIRECTION.finditer(text):
        if match.group(1) or match.group(2):
            return (match.group(1) or "") + (match.group(2) or "")
    return ""


def relation_slug(relation: str) -> str:
    """A stable short form of the relation for refs: 'west-of', 'eastern', '12km-north-of'."""
    text = relation.lower().replace("centre", "center")
    km = _DISTANCE.search(text)
    direction = _direction(text)
    if km:
        value = float(km.group(1)) * (1.609 if km.group(2).startswith("mi") else 1.0)
        return f"{value:g}km-{direction or 'near'}-of"
    if "center" in text or "central" in text or "downtown" in text:
        return "center-of"
    if direction and re.search(r"ern\b|\bpart\b", text):
        return f"{direction}ern"
    if direction:
        return f"{direction}-of"
    return "near"


def area_place(anchor: Place, relation: str) -> Place:
    """The area `relation` of `anchor` (e.g. relation "west of", "eastern", "center of",
    "12 km north of", "outskirts of") as a place with its own ref, anchored on `anchor`."""
    slug = relation_slug(relation)
    base = anchor.kind if anchor.kind in _OUTSIDE_KM else "town"
    if slug == "center-of":
        km, bearing = _CENTRE_KM, 0.0
    elif slug.endswith("ern"):
        km, bearing = _INSIDE_KM[base], _BEARINGS[slug[:-3]]
    elif "km-" in slug:
        value, rest = slug.split("km-", 1)
        direction = rest[: -len("-of")]
        km, bearing = float(value), _BEARINGS.get(direction, _NEAR_BEARING)
    elif slug == "near":
        km, bearing = _OUTSIDE_KM[base] * 0.6, _NEAR_BEARING
    else:
        km, bearing = _OUTSIDE_KM[base], _BEARINGS[slug[: -len("-of")]]
    point = distance(kilometers=max(km, 0.1)).destination((anchor.lat, anchor.lon), bearing)
    return replace(
        anchor,
        ref=f"area:{slug}:{anchor.ref}",
        name=f"{_label(slug)} {anchor.name}",
        lat=round(point.latitude, 6), lon=round(point.longitude, 6),
        kind="area", population=0, geo_precision=2, anchor_ref=anchor.ref, relation=_label(slug),
    )


def _label(slug: str) -> str:
    if slug == "center-of":
        return "center of"
    if "km-" in slug:
        value, rest = slug.split("km-", 1)
        return f"{value} km {rest.replace('-', ' ')}"
    return slug.replace("-", " ")
