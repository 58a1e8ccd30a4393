"""Geocoding figures: index build, size and load time; cold and warm lookup latency; resolution
accuracy on the seed gold, the demo gold and the development-set gold within the acceptance
tolerances.

    python bench/geocode.py [--gazetteer FILE ...] [--queries N] [--devset FOLDER ...] [--verbose]

Defaults: cities500 + ../shared/gazetteer IQ and SY files + data/curated_places.tsv. The index
is built into a fresh temporary cache dir, so the build time is a true cold build.
"""
from __future__ import annotations

import argparse
import json
import random
import re
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from geopy.distance import geodesic  # noqa: E402

from extraction.sentences import split_sentences  # noqa: E402
from extraction.toponyms import find_toponyms  # noqa: E402
from geocoding.cache import GeocodeCache  # noqa: E402
from geocoding.index import DEFAULT_CURATED, load_index  # noqa: E402
from geocoding.names import name_key  # noqa: E402
from geocoding.offline import OfflineGeocoder  # noqa: E402
from geocoding.resolve import Resolver  # noqa: E402

SHARED = REPO / ".." / "shared"
THEATRE_FILES = [SHARED / "gazetteer" / f for f in (
    "IQ.wof-geonames.txt", "IQ.wof-extra.txt", "SY.wof-geonames.txt", "SY.wof-extra.txt")]
TOLERANCE_KM = {"neighbourhood": 5, "village": 5, "landmark": 5, "town": 25, "city": 25, "region": 100}
# The seed gold names its places without coordinates; these are the known ones.
SEED_POINTS = {"Mosul": (36.34, 43.13, "city", ""), "Iraq": (None, None, "country", "IQ"),
               "Gogjali": (36.3580, 43.2470, "neighbourhood", ""),
               "Karama": (36.3510, 43.2220, "neighbourhood", "")}


def percentiles(samples: list[float]) -> str:
    ordered = sorted(samples)
    p50 = ordered[len(ordered) // 2]
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    return f"p50 {p50 * 1e6:.1f} us, p99 {p99 * 1e6:.1f} us"


def bench_index(files: list[Path]) -> tuple[object, Path]:
    cache_dir = Path(tempfile.mkdtemp(prefix="frontline-bench-"))
    started = time.perf_counter()
    index = load_index(files, DEFAULT_CURATED, cache_dir, include_registered=False)
    build = time.perf_counter() - started
    pickle_file = next(cache_dir.glob("gazetteer-*.pickle"))
    started = time.perf_counter()
    index = load_index(files, DEFAULT_CURATED, cache_dir, include_registered=False)
    load = time.perf_counter() - started
    malformed = sum(r.malformed for r in index.reports)
    print(f"index: {len(index):,} places, {len(index.by_key):,} name keys, "
          f"{len(index.automaton):,} spotting names, {malformed} malformed rows skipped")
    print(f"build: {build:.1f} s   size on disk: {pickle_file.stat().st_size / 1e6:.1f} MB   load: {load:.2f} s")
    return index, cache_dir


def bench_lookups(index, n: int) -> None:
    rng = random.Random(7)
    names = [index.names[rng.randrange(len(index))] for _ in range(n)]
    names += [f"Nowhere{i}abad" for i in range(n // 10)]  # misses, which run the fuzzy search
    geocoder = OfflineGeocoder(index, GeocodeCache(None))
    cold = []
    for name in names:
        started = time.perf_counter()
        geocoder.geocode(name)
        cold.append(time.perf_counter() - started)
    warm = []
    for name in names:
        started = time.perf_counter()
        geocoder.geocode(name)
        warm.append(time.perf_counter() - started)
    started = time.perf_counter()
    rounds = 5
    for _ in range(rounds):
        for name in names:
            geocoder.geocode(name)
    rate = rounds * len(names) / (time.perf_counter() - started)
    print(f"cold lookups ({len(names)} distinct, {n // 10} misses): {percentiles(cold)}")
    print(f"warm (cached) lookups: {percentiles(warm)}, {rate:,.0f} lookups/s")


def gold_sets(corpus: str | Path) -> list[tuple[str, Path, list[dict]]]:
    """(name, article file, toponyms with known points): the seed and the demo gold for
    corpus "demo", else the gold of that folder (articles/ and gold/ inside)."""
    out = []
    if corpus != "demo":
        return _corpus_gold(Path(corpus))
    seed = SHARED / "seed"
    for gold_file in sorted(seed.glob("*.gold.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        tops = [{"text": t["text"], "lat": SEED_POINTS[t["text"]][0], "lon": SEED_POINTS[t["text"]][1],
                 "kind": SEED_POINTS[t["text"]][2], "country": SEED_POINTS[t["text"]][3]}
                for t in gold["toponyms"] if t["text"] in SEED_POINTS]
        out.append((gold_file.stem, gold_file.with_name(gold_file.name.replace(".gold.json", ".txt")), tops))
    return out + _corpus_gold(REPO / "data" / "demo")


def _corpus_gold(folder: Path) -> list[tuple[str, Path, list[dict]]]:
    out = []
    for gold_file in sorted((folder / "gold").glob("*.gold.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        tops = [t for t in gold.get("toponyms", []) if t.get("lat") is not None or t.get("kind") == "country"]
        out.append((gold_file.stem, folder / "articles" / gold_file.name.replace(".gold.json", ".txt"), tops))
    return out


def correct(place, gold: dict) -> bool:
    if place is None:
        return False
    if gold["kind"] == "country":  # a country's point is a matter of taste; its identity is not
        expected = gold.get("country") or ("IQ" if "iraq" in gold.get("ref", "") else "SY" if "syria" in gold.get("ref", "") else "")
        if expected:
            return place.country == expected
        return place.kind == "country" and name_key(place.name) in {name_key(gold["text"]), name_key(gold.get("referent", ""))}
    limit = TOLERANCE_KM.get(gold["kind"], 25)
    return geodesic((place.lat, place.lon), (gold["lat"], gold["lon"])).km <= limit


def _within_longer_name(text: str, by_text: dict):
    """A gold "Ghazlani" spotted as "Ghazlani camp" is scored on that mention's place."""
    pattern = re.compile(rf"\b{re.escape(text)}\b")
    return next((res for surface, res in by_text.items() if pattern.search(surface)), None)


def bench_accuracy(index, verbose: bool, corpus: str | Path = "demo") -> None:
    resolver = Resolver(index)
    articles = [(name, article.read_text(encoding="utf-8"), toponyms)
                for name, article, toponyms in gold_sets(corpus) if article.exists()]
    timings = []
    for _ in range(2):  # the first pass fills the caches; the second is an ingest's steady state
        started = time.perf_counter()
        results = []
        for _name, body, _toponyms in articles:
            mentions = find_toponyms(body, split_sentences(body), index)
            resolver.resolve(body, mentions)
            results.append({m.text: m.resolution for m in mentions})
        timings.append((time.perf_counter() - started) / max(len(articles), 1) * 1000)
    total = right = unspotted = 0
    for (name, _body, toponyms), by_text in zip(articles, results):
        for gold in toponyms:
            total += 1
            res = by_text.get(gold["text"]) or _within_longer_name(gold["text"], by_text)
            if res is None:
                unspotted += 1
            ok = res is not None and correct(res.place, gold)
            right += ok
            if verbose and not ok:
                got = "not spotted" if res is None else (res.place.ref if res.place else f"unresolved: {res.reason}")
                print(f"  MISS {name}: {gold['text']!r} ({gold['kind']}) -> {got}")
    print(f"resolution within tolerance ({corpus}): {right}/{total} = {right / max(total, 1):.1%} "
          f"({unspotted} not spotted) over {len(articles)} gold articles")
    print(f"spot + resolve: {timings[0]:.2f} ms/article first pass, {timings[1]:.2f} ms/article warm")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gazetteer", action="append", type=Path, default=None)
    parser.add_argument("--queries", type=int, default=20000)
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("--devset", action="append", type=Path, default=None,
                        help="score this folder (articles/ and gold/) instead of data/devset; repeatable, "
                             "e.g. one folder per batch")
    args = parser.parse_args()
    files = args.gazetteer if args.gazetteer is not None else [f for f in THEATRE_FILES if f.exists()]
    index, _ = bench_index(files)
    bench_lookups(index, args.queries)
    bench_accuracy(index, args.verbose)  # seed + demo gold
    for folder in args.devset or [REPO / "data" / "devset"]:  # written by another hand, after the rules
        bench_accuracy(index, args.verbose, folder)


if __name__ == "__main__":
    main()
