"""Opt-in online geocoding (Nominatim through geopy), asked only for names the offline layers
do not know. Rate limited (at least 1 s between calls by default, as Nominatim's policy asks),
with a timeout and bounded retries. A failure is logged and cached as a temporary miss, so the
next run tries again; the offline answers never depend on it."""
from __future__ import annotations

import logging
import os
from typing import Sequence

from geopy.adapters import RequestsAdapter
from geopy.exc import GeopyError
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders import Nominatim

from geocoding.cache import MISSING, GeocodeCache, place_from_json, place_to_json
from geocoding.names import name_key
from geocoding.records import Place

log = logging.getLogger(__name__)

PROVIDER = "nominatim"
USER_AGENT_ENV = "FRONTLINE_USER_AGENT"
_KINDS = {"city": "city", "town": "town", "village": "village", "hamlet": "village",
          "suburb": "neighbourhood", "neighbourhood": "neighbourhood", "quarter": "neighbourhood",
          "country": "country", "state": "region", "administrative": "region"}


class OnlineGeocoder:
    def __init__(self, cache: GeocodeCache, user_agent: str | None = None,
                 domain: str = "nominatim.openstreetmap.org", scheme: str = "https",
                 timeout: float = 5.0, min_delay_seconds: float = 1.0, max_retries: int = 2,
                 error_wait_seconds: float = 2.0) -> None:
        agent = user_agent or os.environ.get(USER_AGENT_ENV, "")
        if not agent:
            raise ValueError(f"online geocoding needs a user agent: set {USER_AGENT_ENV} or pass user_agent")
        self.cache = cache
        self.nominatim = Nominatim(user_agent=agent, domain=domain, scheme=scheme, timeout=timeout,
                                   adapter_factory=_adapter_without_own_retries)
        self._geocode = RateLimiter(
            self.nominatim.geocode, min_delay_seconds=min_delay_seconds, max_retries=max_retries,
            error_wait_seconds=error_wait_seconds, swallow_exceptions=False,
        )

    def lookup(self, name: str, countries: Sequence[str]) -> Place | None:
        key, bias = name_key(name), ",".join(sorted(c.upper() for c in countries))
        cached = self.cache.get(key, bias, PROVIDER)
        if cached is not MISSING:
            return place_from_json(cached) if cached else None
        try:
            location = self._geocode(name, exactly_one=True,
                                     country_codes=[c.lower() for c in countries] or None)
        except GeopyError as exc:
            log.warning("online geocoding of %r failed, offline answer kept: %s", name, exc)
            self.cache.put(key, bias, PROVIDER, None, temporary=True)
            return None
        place = None if location is None else _place(name, location.raw, location.latitude, location.longitude)
        self.cache.put(key, bias, PROVIDER, place_to_json(place) if place else None)
        return place


def _adapter_without_own_retries(proxies, ssl_context) -> RequestsAdapter:
    """Retries are the RateLimiter's alone, so their number is the one configured here."""
    return RequestsAdapter(proxies=proxies, ssl_context=ssl_context, max_retries=0)


def _place(name: str, raw: dict, lat: float, lon: float) -> Place:
    ref = f"nominatim:{raw.get('osm_type', 'place')}/{raw.get('osm_id', raw.get('place_id', name_key(name)))}"
    kind = _KINDS.get(raw.get("addresstype") or raw.get("type") or "", "town")
    return Place(ref=ref, name=str(raw.get("name") or name), lat=float(lat), lon=float(lon), kind=kind)
