"""Readers turn files into Articles, one record at a time, naming every failure."""
from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from .article import Article
from .decode import decode
from .errors import ReadError
from .feed import read_feed
from .html import parse_html_article
from .structured import read_csv, read_json, read_jsonl
from .text import parse_text_article

log = logging.getLogger("frontline.readers")
DEFAULT_MAX_FILE_BYTES = int(float(os.environ.get("FRONTLINE_MAX_FILE_MB", "10")) * 1024 * 1024)
TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
SUFFIXES = TEXT_SUFFIXES | {".json", ".jsonl", ".ndjson", ".csv", ".html", ".htm", ".xml", ".rss", ".atom"}


@dataclass(frozen=True)
class ReadResult:
    source_file: str  # the path as given, '#N' for the Nth record of a multi-record file
    article: Article | None
    error: str | None = None


def iter_files(paths: Iterable[str | Path]) -> Iterator[tuple[Path, str]]:
    """Files under the given paths (folders recursively, sorted, hidden ones skipped),
    each with the name the user will see."""
    for given in paths:
        path = Path(given)
        if path.is_dir():
            for file in sorted(p for p in path.rglob("*") if p.is_file()):
                if not any(part.startswith(".") for part in file.relative_to(path).parts):
                    yield file, str(file)
        else:
            yield path, str(given)


def read_path(path: Path, name: str, max_bytes: int = DEFAULT_MAX_FILE_BYTES) -> Iterator[ReadResult]:
    """Every article in one file; a file that fails as a whole gives one failed result."""
    try:
        yield from _read(path, name, max_bytes)
    except ReadError as exc:
        yield ReadResult(name, None, str(exc))
    except OSError as exc:
        yield ReadResult(name, None, f"cannot open: {exc.strerror or exc}")
    except Exception as exc:  # a parser library's own bug: name the file, keep the batch going
        log.exception("unexpected error reading %s", name)
        yield ReadResult(name, None, f"could not be read: {type(exc).__name__}: {exc}")


def _read(path: Path, name: str, max_bytes: int) -> Iterator[ReadResult]:
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise ReadError(f"unsupported file type '{suffix}' (read: {', '.join(sorted(s for s in SUFFIXES if s))})")
    size = path.stat().st_size
    if size > max_bytes:
        raise ReadError(
            f"file is {size / 2**20:.1f} MB, over the {max_bytes / 2**20:.3g} MB limit "
            "(raise it with --max-file-mb or FRONTLINE_MAX_FILE_MB)"
        )
    data = path.read_bytes()
    if suffix in {".xml", ".rss", ".atom"}:
        if not data.strip():
            raise ReadError("empty file")
        records = read_feed(data, name)
    else:
        text = decode(data)
        if suffix in TEXT_SUFFIXES:
            yield ReadResult(name, parse_text_article(text, name))
            return
        if suffix in {".html", ".htm"}:
            yield ReadResult(name, parse_html_article(text, name))
            return
        reader = {".json": read_json, ".jsonl": read_jsonl, ".ndjson": read_jsonl, ".csv": read_csv}[suffix]
        records = reader(text, name)
    count = 0
    for count, (record_name, outcome) in enumerate(records, start=1):
        if isinstance(outcome, ReadError):
            yield ReadResult(record_name, None, str(outcome))
        else:
            yield ReadResult(record_name, outcome)
    if count == 0:
        raise ReadError("no records in the file")


__all__ = ["Article", "ReadError", "ReadResult", "iter_files", "read_path"]
