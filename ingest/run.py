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
from store.writer import article_exists, record_failure, save_article

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

    @property
    def share_resolved(self) -> float:
        return self.resolved / self.mentions if self.mentions else 0.0

    def lines(self) -> list[str]:
        rate = (self.read + self.duplicate) / self.seconds if self.seconds else 0.0
        out = [
            f"articles read: {self.read}  duplicate: {self.duplicate}  failed: {len(self.failed)}",
            f"mentions: {self.mentions}  resolved: {self.share_resolved:.0%}  claims: {self.claims}",
            f"time: {self.seconds:.1f} s ({rate:.0f} articles/s)",
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
        for done, (path, name) in enumerate(files, start=1):
            _ingest_file(conn, parser, path, name, max_file_bytes, summary)
            if progress:
                progress(done, len(files))
        parser.commit(conn, force=True)
    finally:
        conn.close()
    summary.seconds = time.perf_counter() - started
    return summary


def _ingest_file(conn, parser: Geoparser, path: Path, name: str, max_bytes: int, summary: IngestSummary) -> None:
    for result in read_path(path, name, max_bytes):
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
        if save_article(conn, article, extraction):
            parser.commit(conn)
            summary.read += 1
            summary.mentions += len(extraction.mentions)
            summary.resolved += sum(1 for m in extraction.mentions if m.place)
            summary.claims += len(extraction.claims)
        else:
            summary.duplicate += 1


def _fail(conn, summary: IngestSummary, name: str, reason: str) -> None:
    summary.failed.append((name, reason))
    record_failure(conn, name, reason)
