"""The gazetteer index: every place from the inputs in compact columns, a dict from name key to
places, and an Aho-Corasick automaton of folded names for spotting toponyms in text.

Built once from the inputs and pickled under a cache dir, keyed by a fingerprint of the inputs,
so that the dashboard and every ingest load it in about a second instead of rebuilding it.
"""
from __future__ import annotations

import gc
import hashlib
import json
import logging
import math
import os
import pickle
import sys
import time
from array import array
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

import ahocorasick

from geocoding.names import (
    ARTICLES, MIN_BARE_KEY, fold, is_junk_name, is_latin_folded, is_latin_name, key_of_folded, name_key, skeleton,
    spot_text,
)
from geocoding.records import Place
from geocoding.sources import (
    CITIES500, COUNTRIES, RANK_CURATED, RANK_FILE, SourcePlace, SourceReport, read_cities500, read_countries,
    read_curated, read_geonames_file,
)

log = logging.getLogger(__name__)

INDEX_VERSION = "16"  # bump when the index layout or the name normalisation changes
REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CACHE_DIR = REPO_ROOT / "data" / "cache"
DEFAULT_CURATED = REPO_ROOT / "data" / "curated_places.tsv"
# Outside the theatre countries only places this big are worth spotting in running text.
SPOT_MIN_POPULATION = 50_000
# A country is a theatre when a gazetteer file covers it or it holds this share of the curated
# rows: one curated row abroad (a UK city) must not make every hamlet of that country spottable.
CURATED_THEATRE_SHARE = 0.05


def kind_for(feature: str, population: int) -> str:
    """Kind from a GeoNames feature class.code and population ("" feature = populated place)."""
    cls, _, code = feature.partition(".")
    if code.startswith("PCL"):
        return "country"
    if cls == "A":
        return "region"
    if code == "PPLX":
        return "neighbourhood"
    if cls in ("S", "L", "T", "H", "V", "R", "U"):
        return "landmark"
    if code == "PPLC" or population >= 100_000:
        return "city"
    if population >= 10_000 or code.startswith("PPLA"):
        return "town"
    return "village"


@dataclass
class InputFile:
    path: str
    size: int
    mtime: float

    @classmethod
    def of(cls, path: Path) -> "InputFile":
        stat = path.stat()
        return cls(str(path.resolve()), stat.st_size, stat.st_mtime)


def fingerprint(inputs: Sequence[InputFile]) -> str:
    text = json.dumps([INDEX_VERSION] + [[i.path, i.size, i.mtime] for i in inputs])
    return hashlib.sha256(text.encode()).hexdigest()[:20]


@dataclass
class GazetteerIndex:
    refs: list[str]
    names: list[str]
    lat: array
    lon: array
    kinds: list[str]
    countries: list[str]
    admin1: list[str]
    population: array
    rank: array  # source trust, lower is better (see geocoding.sources)
    by_key: dict[str, int | tuple[int, ...]]  # a bare int for the many one-place keys: loads faster
    by_skeleton: dict[str, str | tuple[str, ...]]  # names.skeleton -> keys of theatre places
    automaton: ahocorasick.Automaton  # padded folded name (see names.spot_text) -> its length
    fingerprint: str = ""
    reports: list[SourceReport] = field(default_factory=list)
    theatre: frozenset[str] = frozenset()  # see theatre_countries
    _by_ref: dict[str, int] | None = field(default=None, repr=False)
    _by_first_letter: dict[str, list[str]] | None = field(default=None, repr=False)

    def __getstate__(self) -> dict:
        """Derived lookups are rebuilt on demand rather than stored."""
        return {**self.__dict__, "_by_ref": None, "_by_first_letter": None}

    def __len__(self) -> int:
        return len(self.refs)

    def place(self, i: int) -> Place:
        return Place(
            ref=self.refs[i], name=self.names[i], lat=self.lat[i], lon=self.lon[i],
            kind=self.kinds[i], country=self.countries[i], admin1=self.admin1[i],
            population=self.population[i], geo_precision=3 if self.kinds[i] in ("country", "region") else 1,
        )

    def id_of(self, ref: str) -> int | None:
        if self._by_ref is None:
            self._by_ref = {r: i for i, r in enumerate(self.refs)}
        return self._by_ref.get(ref)

    def place_by_ref(self, ref: str) -> Place | None:
        i = self.id_of(ref)
        return None if i is None else self.place(i)

    def ids_for_key(self, key: str) -> tuple[int, ...]:
        ids = self.by_key.get(key, ())
        return (ids,) if isinstance(ids, int) else ids

    def lookup(self, name: str) -> tuple[int, ...]:
        """Places whose name or alternate name has the same key as `name`."""
        return self.ids_for_key(name_key(name))

    def is_spottable(self, i: int) -> bool:
        """Worth finding in running text: curated, in a theatre country, or a big place anywhere."""
        return self.rank[i] == RANK_CURATED or self.countries[i] in self.theatre \
            or self.population[i] >= SPOT_MIN_POPULATION

    def keys_sharing_skeleton(self, key: str) -> tuple[str, ...]:
        """Keys of theatre places spelled with the same consonants as `key` (itself excluded)."""
        keys = self.by_skeleton.get(skeleton(key), ())
        keys = (keys,) if isinstance(keys, str) else keys
        return tuple(k for k in keys if k != key)

    def keys_starting_with(self, letter: str) -> list[str]:
        """The fuzzy search space for a key: keys with the same first letter."""
        if self._by_first_letter is None:
            groups: dict[str, list[str]] = {}
            for key in self.by_key:
                groups.setdefault(key[0], []).append(key)
            self._by_first_letter = groups
        return self._by_first_letter.get(letter, [])


# ---- building ---------------------------------------------------------------------------------

def _merge(into: SourcePlace, other: SourcePlace) -> None:
    """`into` is at least as trusted as `other`; keep its point, pool names and facts."""
    into.names |= other.names
    if not is_latin_name(into.name) and is_latin_name(other.name):
        into.name = other.name
    into.population = max(into.population, other.population)
    into.country = into.country or other.country
    into.admin1 = into.admin1 or other.admin1
    into.feature = into.feature or other.feature


def _add(places: dict[str, SourcePlace], place: SourcePlace) -> None:
    old = places.get(place.ref)
    if old is None:
        places[place.ref] = place
    elif place.rank <= old.rank:
        _merge(place, old)
        places[place.ref] = place
    else:
        _merge(old, place)


def _collect(files: Sequence[Path], curated: Path | None, with_cities500: bool,
             reports: list[SourceReport]) -> list[SourcePlace]:
    places: dict[str, SourcePlace] = {}
    if with_cities500:
        report = SourceReport(str(CITIES500))
        reports.append(report)
        capitals: dict[tuple[str, str], SourcePlace] = {}
        for place in read_cities500(report):
            _add(places, place)
            for key in ((place.country, name_key(place.name)), (place.country, "")):
                if place.population >= getattr(capitals.get(key), "population", -1):
                    capitals[key] = place
        report = SourceReport(str(COUNTRIES))
        reports.append(report)
        for place in read_countries(capitals, report):
            _add(places, place)
    for path in files:
        report = SourceReport(str(path))
        reports.append(report)
        for place in read_geonames_file(path, report):
            _add(places, place)
    if curated is not None:
        report = SourceReport(str(curated))
        reports.append(report)
        for place in read_curated(curated, report):
            replaced = places.pop(place.same_as, None) if place.same_as else None
            if replaced is not None:
                _merge(place, replaced)
            _add(places, place)
    for report in reports:
        report.warn_if_malformed()
    return list(places.values())


def _spot_forms(name: str) -> Iterable[str]:
    """Padded forms to look for in `spot_text` of an article: the name, and the name without
    a leading Arabic article."""
    padded = spot_text(name)
    yield padded
    head, _, rest = padded[1:].partition(" ")
    if head in ARTICLES and len(rest) >= 5:
        yield " " + rest


def theatre_countries(collected: Sequence[SourcePlace]) -> frozenset[str]:
    """Countries whose every place is worth spotting: those of the gazetteer files added, and
    those holding CURATED_THEATRE_SHARE of the curated rows."""
    from_files = {p.country for p in collected if p.rank == RANK_FILE and p.country}
    curated = Counter(p.country for p in collected if p.rank == RANK_CURATED and p.country)
    total = sum(curated.values())
    return frozenset(from_files | {c for c, n in curated.items() if n >= CURATED_THEATRE_SHARE * total})


def build_index(files: Sequence[Path] = (), curated: Path | None = DEFAULT_CURATED,
                with_cities500: bool = True) -> GazetteerIndex:
    reports: list[SourceReport] = []
    collected = _collect([Path(f) for f in files], curated, with_cities500, reports)
    n = len(collected)
    idx = GazetteerIndex(
        refs=[""] * n, names=[""] * n, lat=array("d", bytes(8 * n)), lon=array("d", bytes(8 * n)),
        kinds=[""] * n, countries=[""] * n, admin1=[""] * n, population=array("q", bytes(8 * n)),
        rank=array("b", bytes(n)), by_key={}, by_skeleton={}, automaton=ahocorasick.Automaton(),
        reports=reports,
    )
    keyed: dict[str, list[int]] = {}
    skeletons: dict[str, set[str]] = {}
    theatre = idx.theatre = theatre_countries(collected)
    for i, p in enumerate(collected):
        name = p.name if is_latin_name(p.name) else min(
            (a for a in p.names if is_latin_name(a) and not is_junk_name(a)),
            key=lambda a: (not a[0].isupper(), len(a)), default=p.name)
        idx.refs[i], idx.names[i], idx.lat[i], idx.lon[i] = p.ref, name, p.lat, p.lon
        kind = p.kind or kind_for(p.feature, p.population)
        idx.kinds[i] = sys.intern(kind)
        idx.countries[i], idx.admin1[i] = sys.intern(p.country), sys.intern(p.admin1)
        idx.population[i], idx.rank[i] = p.population, p.rank
        in_theatre = p.rank == RANK_CURATED or p.country in theatre
        spot = in_theatre or p.population >= SPOT_MIN_POPULATION
        for alias in p.names:
            folded = fold(alias)
            if not is_latin_folded(folded) or is_junk_name(alias):
                continue
            if p.rank > RANK_CURATED and alias == folded:
                continue  # all lower case: a romanised spelling ("lun dun" on Renton, WA), not a name
            key = key_of_folded(folded)
            if len(key) < MIN_BARE_KEY:
                continue
            ids = keyed.setdefault(key, [])
            if not ids or ids[-1] != i:
                ids.append(i)
            if in_theatre and (consonants := skeleton(key)):
                skeletons.setdefault(consonants, set()).add(key)
            if spot:
                for form in _spot_forms(alias):
                    if not idx.automaton.exists(form):
                        idx.automaton.add_word(form, len(form))
    idx.by_key = {k: v[0] if len(v) == 1 else tuple(v) for k, v in keyed.items()}
    idx.by_skeleton = {k: next(iter(v)) if len(v) == 1 else tuple(sorted(v)) for k, v in skeletons.items()}
    idx.automaton.make_automaton()
    return idx


# ---- persistence ------------------------------------------------------------------------------

def input_files(files: Sequence[Path], curated: Path | None, with_cities500: bool) -> list[InputFile]:
    paths = ([CITIES500, COUNTRIES] if with_cities500 else []) + list(files)
    paths += [curated] if curated is not None else []
    return [InputFile.of(Path(p)) for p in paths]


def load_index(files: Sequence[Path | str] = (), curated: Path | None = DEFAULT_CURATED,
               cache_dir: Path = DEFAULT_CACHE_DIR, with_cities500: bool = True,
               include_registered: bool = True) -> GazetteerIndex:
    """The index for these inputs: loaded from `cache_dir` when a build for the same inputs is
    there, else built and saved. Registered files (`add_gazetteer_file`) are included by default."""
    cache_dir = Path(cache_dir)
    paths = [Path(f) for f in files]
    if include_registered:
        paths += [p for p in registered_gazetteers(cache_dir) if p not in paths]
    if curated is not None and not Path(curated).exists():
        log.warning("curated places file %s is missing; continuing without it", curated)
        curated = None
    fp = fingerprint(input_files(paths, curated, with_cities500))
    target = cache_dir / f"gazetteer-{fp}.pickle"
    if target.exists():
        try:
            return _read_index(target)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError) as exc:
            log.warning("rebuilding unreadable index %s: %s", target, exc)
    started = time.perf_counter()
    idx = build_index(paths, curated, with_cities500)
    idx.fingerprint = fp
    log.info("built gazetteer index of %d places in %.1f s", len(idx), time.perf_counter() - started)
    save_index(idx, target)
    return idx


def _read_index(path: Path) -> GazetteerIndex:
    """Unpickle with the cyclic GC paused: it would otherwise scan the million new objects
    again and again while they are created (about a third of the load time)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        with open(path, "rb") as handle:
            return pickle.load(handle)
    finally:
        if enabled:
            gc.enable()


def save_index(idx: GazetteerIndex, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    for old in target.parent.glob("gazetteer-*.pickle"):
        if old != target:
            old.unlink(missing_ok=True)
    # One partial file per process: two processes building at once must not write into one file.
    partial = target.with_suffix(f".{os.getpid()}.partial")
    with open(partial, "wb") as handle:
        pickle.dump(idx, handle, protocol=pickle.HIGHEST_PROTOCOL)
    partial.replace(target)


REGISTRY_NAME = "gazetteers.json"


def registered_gazetteers(cache_dir: Path = DEFAULT_CACHE_DIR) -> list[Path]:
    registry = Path(cache_dir) / REGISTRY_NAME
    if not registry.exists():
        return []
    return [Path(p) for p in json.loads(registry.read_text(encoding="utf-8"))]


def add_gazetteer_file(path: Path | str, cache_dir: Path = DEFAULT_CACHE_DIR) -> list[Path]:
    """Remember a GeoNames-format file so that every later index includes it (`gazetteer add`)."""
    path = Path(path).resolve()
    if not path.is_file():
        raise FileNotFoundError(path)
    known = registered_gazetteers(cache_dir)
    if path not in known:
        known.append(path)
        registry = Path(cache_dir) / REGISTRY_NAME
        registry.parent.mkdir(parents=True, exist_ok=True)
        registry.write_text(json.dumps([str(p) for p in known], indent=1), encoding="utf-8")
    return known


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance; a fast haversine for ranking (geopy's geodesic is used for output)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(h)))
