"""Ingest throughput: the whole pipeline (read, sentences, toponyms, geocoding, claims, store)
on N articles made from the demo corpus (each copy's headline numbered so every one is new),
with a warm geocode cache. Prints articles/s and the time per stage. The store is a new SQLite
file in the work folder, or the database --db names (a PostgreSQL URL or a file; it must hold no
articles yet, or the corpus would count as duplicates). The work folder is deleted at the end
unless it is --keep's.

    python bench/ingest.py [--articles 10000] [--keep DIR] [--db postgresql://user@host/dbname]
"""
from __future__ import annotations

import argparse
import random
import shutil
import signal
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cli import db_target  # noqa: E402
from ingest.demo import DEMO_ARTICLES  # noqa: E402
from ingest.geoparser import Geoparser  # noqa: E402
from ingest.run import ingest_paths  # noqa: E402
from store.db import connect, shown, store_exists  # noqa: E402


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


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--keep", type=Path, help="work in this folder instead of a temporary one, and keep it")
    ap.add_argument("--db", type=db_target, help="store into this empty database instead of a new SQLite file")
    args = ap.parse_args()
    if args.db is not None and holds_articles(args.db):
        print(f"{shown(args.db)} already holds articles; give an empty database", file=sys.stderr)
        return 2
    work = args.keep or Path(tempfile.mkdtemp(prefix="frontline-bench-"))
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # `timeout` or kill still clean up
    try:
        run(work, args.articles, args.db or fresh_file(work / "bench.sqlite"))
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


def holds_articles(db: str | Path) -> bool:
    if not store_exists(db):
        return False
    conn = connect(db, readonly=True)
    try:
        return conn.execute("SELECT 1 FROM articles LIMIT 1").fetchone() is not None
    finally:
        conn.close()


def fresh_file(db: Path) -> Path:
    for old in (db, Path(f"{db}-wal"), Path(f"{db}-shm")):
        old.unlink(missing_ok=True)
    return db


def run(work: Path, count: int, db: str | Path) -> None:
    corpus, warmup = work / "corpus", work / "warmup"
    t = time.perf_counter()
    make_corpus(corpus, count)
    make_corpus(warmup, 200, seed=99)
    print(f"corpus: {count} articles in {corpus} ({time.perf_counter() - t:.1f} s to write); store {shown(db)}")

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
    raise SystemExit(main())
