"""Candidate places for a name, scored with whatever evidence is at hand (theatre countries,
places near it, a containing place, the kind the text calls it). Shared by the resolver, the
offline geocoder and the `geocode` command, so all three rank the same way."""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Sequence

from rapidfuzz import fuzz, process

from geocoding.index import GazetteerIndex, distance_km
from geocoding.names import name_key
from geocoding.records import Candidate, Place

# Transliteration variants already meet on one key; fuzzy matching only catches typos in longer
# names. Short names are never fuzzy: "Asyla" is not "Asila" (a different village) nor "Ayla".
FUZZY_MIN_LENGTH = 7
FUZZY_CUTOFF = 85.0
# Same consonants, and at most about one vowel written differently in a six-letter key.
VOWEL_VARIANT_CUTOFF = 80.0
MAX_CANDIDATES = 40
UNIQUE_BONUS = 0.8
WORLD_CITY_POPULATION = 500_000
WORLD_CITY_BONUS = 1.5
PROVINCE_CITY_POPULATION = 50_000
PROVINCE_PENALTY = 1.5
ALIAS_ONLY_PENALTY = 2.0
NEIGHBOURHOOD_REACH_KM = 30.0
STRICT_OUTSIDE_PENALTY = 3.0
CURATED_TIE = 0.5
BEARING_SLACK = 67.5
NEAR_KM = 10.0
_TRUST = (1.0, 0.3, 0.0)  # by source rank: curated/corrections, added files, cities500
_KIND_PRIOR = {"country": 1.0, "region": 0.3, "city": 0.3, "town": 0.1, "village": 0.0,
               "neighbourhood": 0.0, "landmark": 0.0}
_CITY_LIKE = ("city", "town", "village", "neighbourhood", "landmark")
_SETTLEMENTS = ("town", "village")


def candidate_ids(index: GazetteerIndex, name: str, fuzzy: bool = True) -> list[tuple[int, float]]:
    """(place id, match quality 0..1): exact key matches; else theatre places spelled with the
    same consonants and nearly the same letters ("Kweires" for "Kuweires"); else close spellings
    of the key. A name that has exact matches gets no others: "Baghdad" is not "Baghdadi"."""
    key = name_key(name)
    exact = index.ids_for_key(key)
    if exact:
        return [(i, 1.0) for i in exact]
    if not fuzzy:
        return []
    found = vowel_variant_ids(index, key)
    if found or len(key) < FUZZY_MIN_LENGTH:
        return found
    pool = index.keys_starting_with(key[0])
    found = process.extract(key, pool, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, limit=5)
    return [(i, score / 100.0) for other, score, _ in found for i in index.ids_for_key(other)]


def vowel_variant_ids(index: GazetteerIndex, key: str) -> list[tuple[int, float]]:
    """Theatre places whose key has the consonants of `key` and a close spelling."""
    found = []
    for other in index.keys_sharing_skeleton(key):
        score = fuzz.ratio(key, other)
        if score >= VOWEL_VARIANT_CUTOFF:
            found += [(i, score / 100.0) for i in index.ids_for_key(other)]
    return found


@dataclass
class Evidence:
    """What the text around a mention says about where it is."""

    countries: frozenset[str] = frozenset()  # theatre: countries the article is about
    near: Sequence[Place] = ()  # places already resolved in the same article
    kind_hint: str = ""  # "neighbourhood", "village", ... from the word around the name
    container: Place | None = None  # "X in Y", "X, Y", "the X district of Y": Y
    container_km: float = 0.0  # extra distance allowed from the container ("12 km west of Y")
    container_strict: bool = False  # "in Y" (strict) rather than "X, Y" (may be a list)
    container_bearing: float | None = None  # "west of Y": 270, degrees clockwise from north


@dataclass
class Scored:
    id: int
    score: float
    why: list[str] = field(default_factory=list)


def _nearest_km(place_lat: float, place_lon: float, places: Sequence[Place]) -> float:
    return min((distance_km(place_lat, place_lon, p.lat, p.lon) for p in places), default=math.inf)


def score_candidate(index: GazetteerIndex, i: int, match: float, ev: Evidence) -> Scored:
    kind, country = index.kinds[i], index.countries[i]
    why = [f"match {match:.2f}"]
    score = 2.0 * match + _TRUST[index.rank[i]] + _KIND_PRIOR.get(kind, 0.0)
    pop = index.population[i]
    if pop:
        score += 0.25 * math.log10(pop + 1)
        why.append(f"population {pop}")
    if index.rank[i] == 0:
        why.append("curated")
    if ev.countries:
        if country in ev.countries:
            score += 1.5
            why.append(f"in theatre {country}")
        else:
            score -= 1.0
    if ev.kind_hint:
        if ev.kind_hint == kind:
            score += 1.0
            why.append(f"text calls it a {kind}")
        elif ev.kind_hint in _SETTLEMENTS and kind in _SETTLEMENTS:  # the press and GeoNames draw that line apart
            score += 0.5
            why.append(f"text calls it a {ev.kind_hint}, close to a {kind}")
        elif ev.kind_hint in _CITY_LIKE and kind in ("country", "region"):
            score -= 1.0
        elif ev.kind_hint == "region" and kind in _CITY_LIKE:
            score -= 1.0
            why.append("the text calls it a province")
    lat, lon = index.lat[i], index.lon[i]
    near = [p for p in ev.near if p.ref != index.refs[i] and p.kind != "country"]
    if near:
        d = _nearest_km(lat, lon, near)
        bonus = 1.5 if d <= 30 else 1.0 if d <= 100 else 0.4 if d <= 300 else 0.0
        if bonus:
            score += bonus
            why.append(f"{d:.0f} km from a place in the article")
    around = [*near, *filter(None, [ev.container])]
    if kind == "neighbourhood" and _nearest_km(lat, lon, around) > NEIGHBOURHOOD_REACH_KM:
        score -= 2.0
        why.append("neighbourhood with no city of it in the article")
    elif (ev.kind_hint == "neighbourhood" and kind not in ("neighbourhood", "landmark") and around
          and _nearest_km(lat, lon, around) > NEIGHBOURHOOD_REACH_KM):
        score -= 2.0
        why.append("the text calls it a neighbourhood, and this is far from the article's places")
    if ev.container is not None:
        score += _container_bonus(index, i, ev, why)
    return Scored(i, score, why)


def _container_bonus(index: GazetteerIndex, i: int, ev: Evidence, why: list[str]) -> float:
    box = ev.container
    assert box is not None
    if box.kind == "country":
        inside = index.countries[i] == box.country
    else:
        reach = (250 if box.kind == "region" else 30) + ev.container_km
        lat, lon = index.lat[i], index.lon[i]
        inside = distance_km(lat, lon, box.lat, box.lon) <= reach and (
            ev.container_bearing is None or _towards(box, lat, lon, ev.container_bearing))
    if inside:
        why.append(f"in {box.name}")
        return 2.0
    if not ev.container_strict:
        return 0.0
    why.append(f"not in {box.name}")
    # "the Sufiya district in eastern Ramadi" is no district elsewhere, and "Khazir, west of Erbil"
    # no village 75 km from Erbil
    return -STRICT_OUTSIDE_PENALTY if ev.kind_hint == "neighbourhood" or ev.container_km else -1.0


def _towards(box: Place, lat: float, lon: float, bearing: float) -> bool:
    """Does the point lie roughly (within BEARING_SLACK degrees) in that direction from the box?
    Points within NEAR_KM of it lie in every direction."""
    dy, dx = lat - box.lat, (lon - box.lon) * math.cos(math.radians(box.lat))
    if math.hypot(dx, dy) * 111.0 <= NEAR_KM:
        return True
    off = abs((math.degrees(math.atan2(dx, dy)) - bearing + 180.0) % 360.0 - 180.0)
    return off <= BEARING_SLACK


def rank(index: GazetteerIndex, found: Sequence[tuple[int, float]], ev: Evidence, key: str = "") -> list[Scored]:
    """Best first; at most MAX_CANDIDATES, pre-cut by the context-free score so long lists stay cheap.
    `key` is the name key looked up, when known: it tells a place's own name from an alternate one."""
    if len(found) > MAX_CANDIDATES:
        plain = Evidence(countries=ev.countries)
        found = sorted(found, key=lambda f: -score_candidate(index, f[0], f[1], plain).score)[:MAX_CANDIDATES]
    scored = [score_candidate(index, i, m, ev) for i, m in found]
    if len(scored) == 1:
        scored[0].score += UNIQUE_BONUS
        scored[0].why.append("the only place of that name")
    elif scored:
        demoted = _favour_curated_over_alias_namesakes(index, scored, found, key) if key else set()
        if ev.kind_hint != "region":  # "Homs province" is no world city
            _favour_world_city(index, [s for s in scored if s.id not in demoted])
            _favour_city_over_its_province(index, scored)
    scored.sort(key=lambda s: -s.score)
    _favour_curated_in_a_near_tie(index, scored)
    return scored


def _favour_curated_in_a_near_tie(index: GazetteerIndex, scored: list[Scored]) -> None:
    """A curated place scoring within CURATED_TIE of an uncurated best is the one meant: the team
    added it because the press names it ("Salah ad-Din" the governorate, not the resort town)."""
    if len(scored) < 2 or index.rank[scored[0].id] == 0:
        return
    top = scored[0]
    for n, s in enumerate(scored[1:], 1):
        if top.score - s.score >= CURATED_TIE:
            return
        if index.rank[s.id] == 0:
            s.score = top.score + 0.01
            s.why.append("curated, in a near tie")
            scored.insert(0, scored.pop(n))
            return


def _favour_curated_over_alias_namesakes(index: GazetteerIndex, scored: list[Scored],
                                         found: Sequence[tuple[int, float]], key: str) -> set[int]:
    """A curated place that has the name beats a gazetteer place that has it only as an alternate
    name: big GeoNames cities carry wrong ones ("Daquq" on Duhok, "Adra" on Daraa). Returns the
    ids demoted, which are no world city for this name either."""
    exact = [s for s, (_, match) in zip(scored, found) if match == 1.0]
    # a curated province carries its city's bare name for "X province"; that is no reason to doubt the city
    if not any(index.rank[s.id] == 0 and index.kinds[s.id] not in ("region", "country") for s in exact):
        return set()
    demoted = set()
    for s in exact:
        if index.rank[s.id] != 0 and name_key(index.names[s.id]) != key:
            s.score -= ALIAS_ONLY_PENALTY
            s.why.append("has the name only as an alternate name, and a curated place has it")
            demoted.add(s.id)
    return demoted


def _favour_city_over_its_province(index: GazetteerIndex, scored: list[Scored]) -> None:
    """A bare "Homs" or "Kirkuk" is the city; the governorate of that name needs "province"."""
    cities = {index.countries[s.id] for s in scored
              if index.kinds[s.id] in ("city", "town") and index.population[s.id] >= PROVINCE_CITY_POPULATION}
    for s in scored:
        if index.kinds[s.id] == "region" and index.countries[s.id] in cities:
            s.score -= PROVINCE_PENALTY
            s.why.append("a province, and a city has this name")


def _favour_world_city(index: GazetteerIndex, scored: list[Scored]) -> None:
    """A bare "London" or "Paris" means the world city, whatever the theatre, when no namesake
    comes near it in size."""
    if len(scored) < 2:
        return
    by_pop = sorted(scored, key=lambda s: -index.population[s.id])
    top, runner = index.population[by_pop[0].id], index.population[by_pop[1].id]
    if top >= WORLD_CITY_POPULATION and top >= 20 * runner:
        by_pop[0].score += WORLD_CITY_BONUS
        by_pop[0].why.append("world city")


def as_candidate(index: GazetteerIndex, s: Scored) -> Candidate:
    return Candidate(index.place(s.id), round(s.score, 3), "; ".join(s.why))


def rank_candidates(index: GazetteerIndex, name: str, countries: Sequence[str] = (),
                    near: str | None = None, limit: int = 10) -> list[dict]:
    """Ranked candidates as JSON-able dicts, for `app.py geocode NAME [--country] [--near]`."""
    near_places: list[Place] = []
    if near:
        near_ranked = rank(index, candidate_ids(index, near), Evidence(countries=frozenset(countries)))
        near_places = [index.place(near_ranked[0].id)] if near_ranked else []
    ev = Evidence(countries=frozenset(c.upper() for c in countries), near=near_places)
    out = []
    for s in rank(index, candidate_ids(index, name), ev, name_key(name))[:limit]:
        place = index.place(s.id)
        out.append({
            "ref": place.ref, "name": place.name, "lat": place.lat, "lon": place.lon,
            "kind": place.kind, "country": place.country, "admin1": place.admin1,
            "population": place.population, "score": round(s.score, 3), "why": "; ".join(s.why),
        })
    return out
