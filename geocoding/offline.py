"""geopy's Geocoder interface over the offline gazetteer index: no network, ever."""
from __future__ import annotations

from functools import lru_cache
from typing import Sequence

from geopy.geocoders.base import Geocoder
from geopy.location import Location

from geocoding.cache import MISSING, GeocodeCache
from geocoding.candidates import rank_candidates
from geocoding.index import GazetteerIndex
from geocoding.names import name_key

PROVIDER = "offline"


def _location(candidate: dict) -> Location:
    address = ", ".join(x for x in (candidate["name"], candidate["admin1"], candidate["country"]) if x)
    return Location(address, (candidate["lat"], candidate["lon"]), candidate)


class OfflineGeocoder(Geocoder):
    """`geocode()` answers from the gazetteer index; with a `GeocodeCache` every answer, "not
    found" included, is remembered (call `cache.flush()` to persist)."""

    def __init__(self, index: GazetteerIndex, cache: GeocodeCache | None = None) -> None:
        super().__init__(timeout=1)
        self.index = index
        self.cache = cache or GeocodeCache(None)
        self._key = lru_cache(maxsize=100_000)(name_key)

    def geocode(self, query: str, exactly_one: bool = True, country_codes: Sequence[str] | str | None = None,
                near: str | None = None, limit: int | None = None, **_ignored) -> Location | list[Location] | None:
        """`raw` of each Location carries ref, kind, population, country, admin1, score and why."""
        if isinstance(country_codes, str):
            country_codes = [country_codes]
        countries = tuple(sorted(c.upper() for c in country_codes or ()))
        bias = ",".join(countries) + (f"|near:{self._key(near)}" if near else "")
        key = self._key(query)
        answer = self.cache.get(key, bias, PROVIDER)
        if answer is MISSING:
            answer = rank_candidates(self.index, query, countries, near) or None
            self.cache.put(key, bias, PROVIDER, answer)
        if not answer:
            return None
        if exactly_one:
            return _location(answer[0])
        return [_location(c) for c in answer[: limit or len(answer)]]

    def reverse(self, query, *, exactly_one=True, timeout=None):  # noqa: D401 - geopy signature
        raise NotImplementedError("the offline geocoder does not reverse-geocode")
