"""The ingest: files -> articles -> extraction -> store, one article per transaction.
A bad file is named with its reason and the batch goes on; a stored article is never re-done."""
from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Sequence

from readers import DEFAULT_MAX_FILE_BYTES, iter_files, read_path
from store.db import connect
from extraction.records import Extraction
from readers.article import Article
from store.writer import article_exists, record_failure, save_articles

from .geoparser import Geoparser

log = logging.getLogger("frontline.ingest")
Progress = Callable[[int, int], None]


@dataclass
class IngestSummary:
    read: int = 0  # articles newly stored
    duplicate: int = 0  # articles already in the store
    failed: list[tuple[str, str]] = field(default_factory=list)  # (file or record, reason)
    mentions: int = 0
    resolved: int = 0
    claims: int = 0
    seconds: float = 0.0
    setup_seconds: float = 0.0  # loading (or, the first time, building) the gazetteer index

    @property
    def share_resolved(self) -> float:
        return self.resolved / self.mentions if self.mentions else 0.0

    def lines(self) -> list[str]:
        working = self.seconds - self.setup_seconds
        rate = (self.read + self.duplicate) / working if working > 0 else 0.0
        out = [
            f"articles read: {self.read}  duplicate: {self.duplicate}  failed: {len(self.failed)}",
            f"mentions: {self.mentions}  resolved: {self.share_resolved:.0%}  claims: {self.claims}",
            f"time: {self.seconds:.1f} s ({self.setup_seconds:.1f} s loading the gazetteer, "
            f"then {rate:.0f} articles/s)",
        ]
        out += [f"FAILED {name}: {reason}" for name, reason in self.failed]
        return out


def ingest_paths(
    paths: Iterable[str | Path],
    db: str | Path,
    *,
    gazetteers: Sequence[str | Path] = (),
    countries: Sequence[str] = (),
    online: bool = False,
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
    progress: Progress | None = None,
    geoparser: Geoparser | None = None,
) -> IngestSummary:
    started = time.perf_counter()
    summary = IngestSummary()
    files = list(iter_files(paths))
    conn = connect(db)
    try:
        parser = geoparser or Geoparser.load(conn, gazetteers=gazetteers, countries=countries, online=online)
        summary.setup_seconds = time.perf_counter() - started
        batch = _Batch(conn, parser, summary)
        for done, (path, name) in enumerate(files, start=1):
            _ingest_file(conn, parser, batch, path, name, max_file_bytes)
            if progress:
                progress(done, len(files))
        batch.write()
        parser.commit(force=True)
    finally:
        conn.close()
    summary.seconds = time.perf_counter() - started
    return summary


class _Batch:
    """Extracted articles waiting to be stored, written a few dozen per transaction."""

    SIZE = 64

    def __init__(self, conn, parser: Geoparser, summary: IngestSummary) -> None:
        self.conn, self.parser, self.summary = conn, parser, summary
        self.items: list[tuple[Article, Extraction]] = []

    def add(self, article: Article, extraction: Extraction) -> None:
        self.items.append((article, extraction))
        if len(self.items) >= self.SIZE:
            self.write()

    def write(self) -> None:
        if not self.items:
            return
        with self.parser.times.stage("store"):
            stored = save_articles(self.conn, self.items)
        for (_, extraction), new in zip(self.items, stored):
            if not new:
                self.summary.duplicate += 1
                continue
            self.parser.commit()
            self.summary.read += 1
            self.summary.mentions += len(extraction.mentions)
            self.summary.resolved += sum(1 for m in extraction.mentions if m.place)
            self.summary.claims += len(extraction.claims)
        self.items = []


def _ingest_file(conn, parser: Geoparser, batch: _Batch, path: Path, name: str, max_bytes: int) -> None:
    summary = batch.summary
    with parser.times.stage("read"):
        results = list(read_path(path, name, max_bytes))
    for result in results:
        if result.article is None:
            _fail(conn, summary, result.source_file, result.error or "unreadable")
            continue
        article = result.article
        if article_exists(conn, article.id):
            summary.duplicate += 1
            continue
        try:
            extraction = parser.extract(article)
        except Exception as exc:  # one article's bug must not stop the batch
            log.exception("extraction failed for %s", result.source_file)
            _fail(conn, summary, result.source_file, f"extraction error: {type(exc).__name__}: {exc}")
            continue
        batch.add(article, extraction)


def _fail(conn, summary: IngestSummary, name: str, reason: str) -> None:
    summary.failed.append((name, reason))
    record_failure(conn, name, reason)
