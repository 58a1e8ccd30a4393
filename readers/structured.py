"""JSON, JSON Lines and CSV exports: one article per record, fields
title, published, url, source, body (or text)."""
from __future__ import annotations

import csv
import html
import io
import json
from datetime import datetime, timezone
from typing import Any, Iterator

from .article import Article
from .dates import parse_published
from .errors import ReadError

Record = tuple[str, "Article | ReadError"]  # (source_file with #N, article or the reason it failed)
MAX_FIELD = 5_000_000  # characters; guards csv's field size too


def article_from_record(record: Any, source_file: str) -> Article:
    if not isinstance(record, dict):
        raise ReadError(f"record is a {type(record).__name__}, not an object with title and body")
    body = record.get("body", record.get("text"))
    if not isinstance(body, str) or not body.strip():
        raise ReadError("record has no 'body' (or 'text') field with text")
    title = record.get("title") or ""
    if not isinstance(title, str):
        title = str(title)
    published, printed = _published(record.get("published", record.get("date")))
    return Article(
        title=html.unescape(title.strip()), body=html.unescape(body.strip()),
        published=published, published_text=printed,
        url=str(record.get("url") or ""), source=str(record.get("source") or ""),
        source_file=source_file,
    )


def _published(value: Any) -> tuple[datetime | None, str]:
    if value is None or value == "":
        return None, ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        try:
            return datetime.fromtimestamp(value, tz=timezone.utc).replace(tzinfo=None), str(value)
        except (OverflowError, OSError, ValueError):
            return None, str(value)
    text = str(value)
    return parse_published(text), text


def read_json(text: str, path: str) -> Iterator[Record]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ReadError(f"malformed JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from None
    except RecursionError:
        raise ReadError("malformed JSON: nested too deeply") from None
    if isinstance(data, dict) and isinstance(data.get("articles"), list):
        data = data["articles"]
    if isinstance(data, dict):
        yield from _records([data], path, single=True)
    elif isinstance(data, list):
        yield from _records(data, path)
    else:
        raise ReadError("JSON holds neither an article object nor a list of them")


def read_jsonl(text: str, path: str) -> Iterator[Record]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        name = f"{path}#{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield name, ReadError(f"malformed JSON line: {exc.msg}")
            continue
        except RecursionError:
            yield name, ReadError("malformed JSON line: nested too deeply")
            continue
        yield name, _article_or_error(record, name)


def read_csv(text: str, path: str) -> Iterator[Record]:
    csv.field_size_limit(MAX_FIELD)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    if not reader.fieldnames or not ({"body", "text"} & {f.strip().lower() for f in reader.fieldnames}):
        raise ReadError("CSV has no 'body' or 'text' column in its header row")
    number = 0
    try:
        for number, row in enumerate(reader, start=1):
            record = {(k or "").strip().lower(): v for k, v in row.items()}
            name = f"{path}#{number}"
            yield name, _article_or_error(record, name)
    except csv.Error as exc:
        yield f"{path}#{number + 1}", ReadError(f"malformed CSV: {exc}")


def _records(records: list, path: str, single: bool = False) -> Iterator[Record]:
    for number, record in enumerate(records, start=1):
        name = path if single else f"{path}#{number}"
        yield name, _article_or_error(record, name)


def _article_or_error(record: Any, name: str) -> "Article | ReadError":
    try:
        return article_from_record(record, name)
    except ReadError as exc:
        return exc
