"""Ingest throughput: the whole pipeline (read, sentences, toponyms, geocoding, claims, store)
on N articles made from the demo corpus (each copy's headline numbered so every one is new),
with a warm geocode cache. Prints articles/s and the time per stage.

    python bench/ingest.py [--articles 10000] [--keep DIR]
"""
from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ingest.demo import DEMO_ARTICLES  # noqa: E402
from ingest.geoparser import Geoparser  # noqa: E402
from ingest.run import ingest_paths  # noqa: E402
from store.db import connect  # noqa: E402


def make_corpus(folder: Path, count: int, seed: int = 7) -> None:
    """Copies of the demo articles, headlines numbered and paragraphs reshuffled."""
    rng = random.Random(seed)
    sources = [p.read_text(encoding="utf-8") for p in sorted(DEMO_ARTICLES.glob("*.txt"))]
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        head, _, rest = sources[i % len(sources)].partition("\n")
        header, _, body = rest.partition("\n\n")
        paragraphs = body.split("\n\n")
        rng.shuffle(paragraphs)
        (folder / f"{i:06d}.txt").write_text(f"{head} ({i})\n{header}\n\n" + "\n\n".join(paragraphs), encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--keep", type=Path, help="work in this folder instead of a temporary one")
    args = ap.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="frontline-bench-"))
    corpus, warmup, db = work / "corpus", work / "warmup", work / "bench.sqlite"
    for old in (db, Path(f"{db}-wal"), Path(f"{db}-shm")):
        old.unlink(missing_ok=True)
    t = time.perf_counter()
    make_corpus(corpus, args.articles)
    make_corpus(warmup, 200, seed=99)
    print(f"corpus: {args.articles} articles in {corpus} ({time.perf_counter() - t:.1f} s to write)")

    t = time.perf_counter()
    conn = connect(db)
    parser = Geoparser.load(conn)
    print(f"load index + lexicon: {time.perf_counter() - t:.2f} s")
    ingest_paths([warmup], db, geoparser=parser)  # warms the geocode cache
    parser.times = type(parser.times)()

    summary = ingest_paths([corpus], db, geoparser=parser)
    conn.close()
    print(f"articles stored: {summary.read}, failed: {len(summary.failed)}, mentions: {summary.mentions}, "
          f"claims: {summary.claims}")
    print(f"wall time: {summary.seconds:.1f} s -> {summary.read / summary.seconds:.0f} articles/s "
          "(whole pipeline, one process, warm geocode cache)")
    print(parser.times.report())


if __name__ == "__main__":
    main()
