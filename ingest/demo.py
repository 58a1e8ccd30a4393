"""The bundled demo: the default database is built from data/demo/articles on first run
and rebuilt whenever the corpus, the curated places or the actor lexicon change."""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

from store.db import DEFAULT_DB, connect, get_meta, set_meta

from .run import IngestSummary, ingest_paths

DATA = Path(__file__).resolve().parent.parent / "data"
DEMO_ARTICLES = DATA / "demo" / "articles"
DEMO_INPUTS = (DEMO_ARTICLES, DATA / "curated_places.tsv", DATA / "actors.tsv")


def demo_fingerprint() -> str:
    digest = hashlib.sha256()
    for item in DEMO_INPUTS:
        files = sorted(item.rglob("*")) if item.is_dir() else [item]
        for file in files:
            if file.is_file():
                digest.update(file.name.encode())
                digest.update(file.read_bytes())
    return digest.hexdigest()[:16]


def ensure_demo_db(db: Path = DEFAULT_DB, say=print) -> IngestSummary | None:
    """Build (or rebuild) the demo database when it is missing or out of date."""
    fingerprint = demo_fingerprint()
    if db.exists():
        conn = connect(db)
        try:
            if get_meta(conn, "demo_fingerprint") == fingerprint:
                return None
        finally:
            conn.close()
    say(f"Building the demo database {db} from {DEMO_ARTICLES} ...")
    partial = db.with_name(db.name + ".building")
    for stale in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm")):
        stale.unlink(missing_ok=True)
    summary = ingest_paths([DEMO_ARTICLES], partial)
    conn = connect(partial)
    set_meta(conn, "demo_fingerprint", fingerprint)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    for old in (Path(f"{db}-wal"), Path(f"{db}-shm")):
        old.unlink(missing_ok=True)
    os.replace(partial, db)
    for line in summary.lines():
        say(line)
    return summary
