"""Resolution in context: each toponym mention of an article becomes a place with a confidence,
or stays unresolved with a reason. Evidence, most trusted first: the user's corrections; then the
gazetteer candidates scored with the article's theatre countries, places already placed in the
same article, "X in Y" / "X, Y" / "the X district of Y" / "N km west of Y", and the word the text
uses for the place (neighbourhood, village, city...). Unknown is preferred to a wild guess."""
from __future__ import annotations

import re
import sqlite3
from collections import Counter
from typing import Protocol, Sequence

from geocoding.cache import MISSING, GeocodeCache
from geocoding.candidates import Evidence, Scored, as_candidate, candidate_ids, rank
from geocoding.corrections import load_corrections
from geocoding.index import GazetteerIndex, distance_km
from geocoding.names import name_key
from geocoding.records import Place, Resolution
from extraction.records import Mention

PROVIDER = "gazetteer"  # cache rows: context-free candidate lists [[ref, match], ...]
MIN_SCORE = 3.0  # below this the best candidate is a guess, not an answer
AMBIGUOUS_GAP = 0.5  # two far-apart candidates closer than this in score: say so, do not pick
AMBIGUOUS_KM = 50.0
THEATRE_CITY_POPULATION = 100_000
RUNNERS_UP = 4
# An article that names no country takes the countries of the corpus so far: a country holding
# CORPUS_SHARE of the confidently placed mentions, once CORPUS_MIN_MENTIONS are in.
CORPUS_SHARE = 0.2
CORPUS_MIN_MENTIONS = 20
CORPUS_MIN_CONFIDENCE = 0.6
PLAIN_MEMO_SIZE = 50_000
BEARING_KM = 60.0
FEW_KM = 10.0
BEARINGS = {"north": 0.0, "northeast": 45.0, "east": 90.0, "southeast": 135.0, "south": 180.0,
            "southwest": 225.0, "west": 270.0, "northwest": 315.0}
# Words a mention may carry after the name of the place it is at or named after ("Aleppo City",
# "Menagh military airport"): read as that place when the gazetteer lacks the whole name.
_NAME_WORDS_AFTER = re.compile(r" (?:City|(?:military )?(?:airport|air base|airbase|airfield))$", re.I)

_HINT_AFTER = re.compile(
    r"\s+(neighbou?rhoods?|district|quarter|area|village|town|city|province|governorate|region|countryside)\b", re.I)
_HINT_BEFORE = re.compile(
    r"\b(?:(village|town|city|district|neighbou?rhood|province|governorate|region) of(?: the)?|(Hay))\s+$", re.I)
_HINT_KIND = {"neighborhood": "neighbourhood", "neighbourhood": "neighbourhood", "neighborhoods": "neighbourhood",
              "neighbourhoods": "neighbourhood", "district": "neighbourhood", "quarter": "neighbourhood",
              "area": "neighbourhood", "hay": "neighbourhood", "village": "village", "town": "town",
              "city": "city", "province": "region", "governorate": "region", "region": "region",
              "countryside": "region"}
_CONTAINER_GAP = re.compile(
    r"^(?:'s)?(?:\s+(?:neighbou?rhood|district|quarter|area|village|town|city|camp|base))?"
    r"(?P<sep>\s*,\s*(?:in\s+)?|\s+(?:in|of|near|outside|inside|within)\s+)"
    r"(?:(?:about\s+|some\s+|nearly\s+|just\s+)?(?:(?P<km>\d+(?:\.\d+)?)|(?P<few>a\s+few))\s*(?:km|kilometers|kilometres)\s+)?"
    r"(?:(?:to the\s+)?(?P<bearing>(?:north|south)?-?(?:east|west)?)\s+of\s+)?"
    r"(?:the\s+)?(?:(?:north|south|east|west)(?:ern)?\s+)?"
    r"(?:(?:city|province|governorate|town|district|outskirts|center|centre)\s+of\s+)?$",
    re.I,
)


class OnlineLookup(Protocol):
    def lookup(self, name: str, countries: Sequence[str]) -> Place | None: ...


class Resolver:
    """One per ingest run. `resolve()` is called once per article by the extraction pipeline."""

    def __init__(self, index: GazetteerIndex, conn: sqlite3.Connection | None = None,
                 cache: GeocodeCache | None = None, online: OnlineLookup | None = None,
                 countries: Sequence[str] = ()) -> None:
        self.index = index
        self.cache = cache if cache is not None else GeocodeCache(conn, index.fingerprint)
        self.corrections = load_corrections(conn) if conn is not None else {}
        self.online = online
        self.countries = frozenset(c.upper() for c in countries)
        # Seeded from the store, so an article sees the same corpus whether or not the run that
        # stored the articles before it was interrupted.
        self.corpus = corpus_countries(conn, CORPUS_MIN_CONFIDENCE) if conn is not None else Counter()
        self._plain: dict[tuple[str, frozenset[str]], list[Scored]] = {}

    def reload_corrections(self, conn: sqlite3.Connection) -> None:
        self.corrections = load_corrections(conn)

    def flush(self) -> int:
        """Persist the cache rows of the articles resolved so far (see GeocodeCache.flush)."""
        return self.cache.flush()

    def found(self, key: str) -> list[tuple[int, float]]:
        """Gazetteer candidates of a name key, through the geocode cache (misses included)."""
        cached = self.cache.get(key, "", PROVIDER)
        if cached is MISSING:
            found = candidate_ids(self.index, key)
            self.cache.put(key, "", PROVIDER, [[self.index.refs[i], m] for i, m in found] or None)
            return found
        ids = ((self.index.id_of(ref), m) for ref, m in cached or ())
        return [(i, m) for i, m in ids if i is not None]

    def resolve(self, body: str, mentions: list[Mention], countries: Sequence[str] = ()) -> None:
        """Set `mention.resolution` on every mention of one article."""
        keys = [self._key(m.text) for m in mentions]
        found = {key: self.found(key) for key in dict.fromkeys(keys)}
        theatre = self._theatre(found, self.countries | {c.upper() for c in countries}) or self._corpus_theatre()
        anchors: dict[str, Place] = {}
        for key, ids in found.items():
            ranked = self._ranked_without_context(key, ids, theatre)
            if _is_anchor(self.index, ranked):
                anchors[key] = self.index.place(ranked[0].id)
        same_evidence: dict[tuple, Resolution] = {}  # repeated mentions ("Mosul" x 10) cost once
        for n, (m, key) in enumerate(zip(mentions, keys)):
            container, km, strict, bearing = self._container(body, mentions, n, anchors)
            hint = _kind_hint(body, m.start, m.end)
            signature = (key, hint, container.ref if container else "", km, strict, bearing)
            if signature not in same_evidence:
                same_evidence[signature] = self._resolve_one(
                    m.text, key, found[key], theatre, anchors, hint, container, km, strict, bearing)
            m.resolution = same_evidence[signature]
        self.corpus.update(m.place.country for m in mentions if _counts_for_corpus(m))

    def _key(self, text: str) -> str:
        """The name key of a mention; "Aleppo City", when the gazetteer lacks it, is Aleppo's."""
        key = name_key(text)
        if not self.index.ids_for_key(key) and (words := _NAME_WORDS_AFTER.search(text)):
            return name_key(text[:words.start()])
        return key

    def _corpus_theatre(self) -> frozenset[str]:
        total = sum(self.corpus.values())
        if total < CORPUS_MIN_MENTIONS:
            return frozenset()
        return frozenset(c for c, n in self.corpus.items() if n >= CORPUS_SHARE * total)

    def _ranked_without_context(self, key: str, ids: list[tuple[int, float]],
                                countries: frozenset[str]) -> list[Scored]:
        """Ranking with the theatre alone; the same for every article with that theatre."""
        memo_key = (key, countries)
        ranked = self._plain.get(memo_key)
        if ranked is None:
            if len(self._plain) >= PLAIN_MEMO_SIZE:
                self._plain.clear()
            ranked = self._plain[memo_key] = rank(self.index, ids, Evidence(countries=countries), key)
        return ranked

    def _theatre(self, found: dict[str, list[tuple[int, float]]], given: frozenset[str]) -> frozenset[str]:
        """Countries the article is about: the ones given, the ones it names, the countries of big
        cities it names by their own name ("Mosul"; not "Karama", an alias of Calama, Chile) unless
        a namesake lies in a country named otherwise ("Riyadh" next to Hawija), and the country of
        any name found in one country only, or curated in one country only ("Ain Issa", not Inisa in
        Nigeria); abroad, only when it is the place's own name ("Sufiya" is no reason to read Sofia)."""
        named: set[str] = set(given)
        cities: dict[str, set[str]] = {}  # a big city's country -> countries of its namesakes
        for key, ids in found.items():
            exact = [(i, m) for i, m in ids if m == 1.0]
            if not exact:
                continue
            curated = {self.index.countries[i] for i, _ in exact if self.index.rank[i] == 0}
            if curated:  # the team's own entry says where this name is; a namesake city abroad does not
                named.update(curated if len(curated) == 1 else ())
                continue
            best = self._ranked_without_context(key, exact, frozenset())[0].id
            kind = self.index.kinds[best]
            where = {self.index.countries[i] for i, _ in exact}
            if len(where) == 1:
                if where <= self.index.theatre or any(name_key(self.index.names[i]) == key for i, _ in exact):
                    named.update(where)
            elif kind == "country":
                named.add(self.index.countries[best])
            elif (kind == "city" and self.index.population[best] >= THEATRE_CITY_POPULATION
                  and name_key(self.index.names[best]) == key):
                country = self.index.countries[best]
                cities.setdefault(country, set()).update(where - {country})
        named.update(country for country, namesakes in cities.items() if not namesakes & named)
        named.discard("")
        return frozenset(named)

    def _resolve_one(self, text: str, key: str, found: list[tuple[int, float]],
                     theatre: frozenset[str], anchors: dict[str, Place], hint: str,
                     container: Place | None, km: float, strict: bool, bearing: float | None) -> Resolution:
        correction = self._correction(key, theatre)
        if correction is not None:
            return Resolution(correction, 1.0, "correction")
        if not found:
            return self._online_or_unknown(text, theatre)
        ev = Evidence(
            countries=theatre, near=[place for other, place in anchors.items() if other != key],
            kind_hint=hint, container=container, container_km=km, container_strict=strict,
            container_bearing=bearing,
        )
        ranked = rank(self.index, found, ev, key)
        best = ranked[0]
        runners = tuple(as_candidate(self.index, s) for s in ranked[1:1 + RUNNERS_UP])
        place = self.index.place(best.id)
        if best.score < MIN_SCORE:
            return Resolution(None, 0.0, "", f"weak evidence: best guess {place.name} ({place.country}) "
                              f"scored {best.score:.2f}", (as_candidate(self.index, best), *runners))
        rival = _far_rival(self.index, ranked)
        if rival is not None:
            other = self.index.place(rival.id)
            return Resolution(None, 0.0, "", f"ambiguous: {place.name} ({place.country}) or "
                              f"{other.name} ({other.country})", (as_candidate(self.index, best), *runners))
        second = ranked[1].score if len(ranked) > 1 else best.score - 3.0
        match = dict(found).get(best.id, 1.0)
        confidence = max(0.3, min(0.99, (0.55 + 0.12 * (best.score - second) + 0.03 * (best.score - MIN_SCORE)) * match))
        method = "curated" if self.index.rank[best.id] == 0 else (
            "gazetteer-exact" if match == 1.0 else "gazetteer-fuzzy")
        return Resolution(place, round(confidence, 3), method, "", runners)

    def _correction(self, key: str, theatre: frozenset[str]) -> Place | None:
        for country in sorted(theatre):
            place = self.corrections.get((key, country))
            if place is not None:
                return place
        return self.corrections.get((key, ""))

    def _online_or_unknown(self, text: str, theatre: frozenset[str]) -> Resolution:
        if self.online is not None:
            place = self.online.lookup(text, sorted(theatre))
            if place is not None:
                return Resolution(place, 0.5, "online")
            return Resolution(None, 0.0, "", "not in the gazetteer, and the online geocoder found nothing")
        return Resolution(None, 0.0, "", "not in the gazetteer")

    def _container(self, body: str, mentions: list[Mention], n: int,
                   anchors: dict[str, Place]) -> tuple[Place | None, float, bool, float | None]:
        """The place this mention is said to be in/near, from the text up to the next mention: the
        place, the distance allowed beyond it, whether the text is sure (not a list) and the
        bearing from it in degrees, when given."""
        nothing = None, 0.0, False, None
        if n + 1 >= len(mentions):
            return nothing
        nxt = mentions[n + 1]
        gap = body[mentions[n].end:nxt.start]
        if len(gap) > 60:
            return nothing
        match = _CONTAINER_GAP.match(gap)
        if match is None:
            return nothing
        place = anchors.get(name_key(nxt.text))
        bearing = match.group("bearing") or ""
        # "a few km" or a bare bearing ("Tal Afar, west of Mosul") allow a drive out of town
        km = float(match.group("km") or 0.0) or (FEW_KM if match.group("few") else BEARING_KM if bearing else 0.0)
        return place, km, "," not in match.group("sep") or km > 0, BEARINGS.get(bearing.replace("-", ""))


def _counts_for_corpus(m: Mention) -> bool:
    return (m.place is not None and bool(m.place.country) and m.place.kind != "country"
            and m.resolution.confidence >= CORPUS_MIN_CONFIDENCE)


def corpus_countries(conn: sqlite3.Connection, min_confidence: float) -> Counter:
    """Countries of the mentions already stored, counted as `_counts_for_corpus` counts them."""
    rows = conn.execute(
        "SELECT p.country, COUNT(*) FROM mentions m JOIN places p ON p.ref = m.place_ref "
        "WHERE m.confidence >= ? AND p.kind <> 'country' AND p.country <> '' GROUP BY p.country",
        (min_confidence,),
    )
    return Counter({country: n for country, n in rows})


def _kind_hint(body: str, start: int, end: int) -> str:
    after = _HINT_AFTER.match(body, end, min(len(body), end + 20))
    if after:
        return _HINT_KIND[after.group(1).lower()]
    before = _HINT_BEFORE.search(body[max(0, start - 30):start])
    if before:
        return _HINT_KIND[(before.group(1) or before.group(2)).lower()]
    return ""


def _is_anchor(index: GazetteerIndex, ranked: list[Scored]) -> bool:
    """Places clear enough on their own to serve as context for the others."""
    if not ranked or ranked[0].score < MIN_SCORE:
        return False
    best = ranked[0]
    return len(ranked) == 1 or best.score - ranked[1].score >= 1.0 or _far_rival(index, ranked) is None


def _far_rival(index: GazetteerIndex, ranked: list[Scored]) -> Scored | None:
    """A far-away candidate scoring about as well as the best; an uncurated namesake scoring
    below a curated best is none ("Ras al-Ain" the town, not the village of that name)."""
    best = ranked[0]
    for other in ranked[1:]:
        if best.score - other.score >= AMBIGUOUS_GAP:
            return None
        if index.rank[best.id] == 0 and index.rank[other.id] != 0:
            continue
        if distance_km(index.lat[best.id], index.lon[best.id], index.lat[other.id], index.lon[other.id]) > AMBIGUOUS_KM:
            return other
    return None
