"""RSS and Atom files: one article per item, through feedparser."""
from __future__ import annotations

from typing import Iterator

import feedparser

from .article import Article
from .dates import parse_published
from .errors import ReadError
from .html import html_to_text
from .structured import Record


def read_feed(data: bytes, path: str) -> Iterator[Record]:
    try:
        feed = feedparser.parse(data)
    except (ValueError, OverflowError, RecursionError, AssertionError) as exc:
        raise ReadError(f"unreadable feed: {type(exc).__name__}: {exc}") from None
    if not feed.entries:
        reason = getattr(feed, "bozo_exception", None)
        raise ReadError(f"no feed items found{f': {reason}' if reason else ''}")
    outlet = feed.feed.get("title", "")
    for number, entry in enumerate(feed.entries, start=1):
        name = f"{path}#{number}"
        content = entry.get("content") or []
        body = html_to_text(content[0].get("value", "") if content else entry.get("summary", "")).strip()
        if not body:
            yield name, ReadError("feed item has no text")
            continue
        printed = entry.get("published") or entry.get("updated") or ""
        yield name, Article(
            title=html_to_text(entry.get("title", "")).strip(), body=body,
            published=parse_published(printed) if printed else None, published_text=printed,
            url=entry.get("link", ""), source=outlet, source_file=name,
        )
