"""Plain-text articles: headline, then a printed date, an optional URL, then the body."""
from __future__ import annotations

import re

from .article import Article
from .dates import parse_published
from .errors import ReadError

_URL = re.compile(r"^\s*(?:URL:\s*)?(https?://\S+)\s*$", re.I)
_SOURCE = re.compile(r"^\s*(?:source|outlet):\s*(.+?)\s*$", re.I)
_HEADER_LINES = 5  # how many non-blank lines after the headline may hold date / URL / source / byline
# "By Maher Chmaytelli", "By Reuters Staff", "Reporting by ...": skipped, so a date line after
# the byline is still read as the date.
_BYLINE = re.compile(r"^\s*(?:(?i:reporting|written|story)\s+)?(?i:by)\s+[A-Z][\w.'\u2019-]*(?:[ ,]+(?:and\s+)?[A-Z][\w.'\u2019-]*){0,7}\s*$")


def parse_text_article(text: str, source_file: str) -> Article:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    idx = 0
    while idx < len(lines) and not lines[idx].strip():
        idx += 1
    if idx == len(lines):
        raise ReadError("no text")
    published, published_text, url, source = None, "", "", ""
    if (date := parse_published(lines[idx])) is not None:  # some outlets print the date above the headline
        published, published_text = date, lines[idx].strip()
        idx += 1
        while idx < len(lines) and not lines[idx].strip():
            idx += 1
        if idx == len(lines):
            raise ReadError("no headline or body after the date line")
    title = lines[idx].strip()
    idx += 1
    seen = 0
    while idx < len(lines) and seen < _HEADER_LINES:
        line = lines[idx]
        if not line.strip():
            idx += 1
            continue
        if published is None and (date := parse_published(line)) is not None:
            published, published_text = date, line.strip()
        elif not url and (m := _URL.match(line)):
            url = m.group(1)
        elif not source and (m := _SOURCE.match(line)):
            source = m.group(1)
        elif _BYLINE.match(line):
            pass
        else:
            break
        seen += 1
        idx += 1
    body = "\n".join(lines[idx:]).strip("\n")
    if not body.strip():
        raise ReadError("no body text after the headline")
    return Article(
        title=title, body=body, published=published, published_text=published_text,
        url=url, source=source or _host(url), source_file=source_file,
    )


def _host(url: str) -> str:
    m = re.match(r"https?://(?:www\.)?([^/:]+)", url or "")
    return m.group(1) if m else ""
