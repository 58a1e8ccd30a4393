"""Saved web pages: title, date and main text through trafilatura."""
from __future__ import annotations

import trafilatura
from lxml import etree, html as lxml_html
from trafilatura.settings import use_config

from .article import Article
from .dates import parse_published
from .errors import ReadError

MAX_TREE_SIZE = 200_000  # elements; a page bigger than this is refused rather than parsed
_CONFIG = use_config()
_CONFIG.set("DEFAULT", "MAX_TREE_SIZE", str(MAX_TREE_SIZE))


def parse_html_article(text: str, source_file: str) -> Article:
    try:
        tree = lxml_html.document_fromstring(text)
    except (etree.ParserError, ValueError) as exc:
        raise ReadError(f"unreadable HTML: {exc}") from None
    elements = sum(1 for _ in tree.iter())
    if elements > MAX_TREE_SIZE:
        raise ReadError(f"page has {elements:,} elements, over the {MAX_TREE_SIZE:,} element limit")
    try:
        doc = trafilatura.bare_extraction(
            tree, with_metadata=True, include_comments=False, include_tables=False, config=_CONFIG,
        )
    except (ValueError, AssertionError, etree.ParserError, RecursionError) as exc:
        raise ReadError(f"unreadable HTML: {type(exc).__name__}: {exc}") from None
    if doc is None or not (doc.text or "").strip():
        raise ReadError("no article text found in the HTML page")
    title = (doc.title or "").strip()
    body = doc.text.strip()
    first, _, rest = body.partition("\n")
    if title and first.strip() == title and rest.strip():
        body = rest.strip()  # trafilatura keeps the <h1>; the headline is already the title
    published = parse_published(doc.date) if doc.date else None
    return Article(
        title=title, body=body, published=published, published_text=doc.date or "",
        url=doc.url or "", source=doc.sitename or doc.hostname or "", source_file=source_file,
    )


def html_to_text(fragment: str) -> str:
    """Text of a small HTML fragment (a feed item's summary), tags dropped."""
    if "<" not in fragment:
        return fragment
    try:
        return lxml_html.fromstring(fragment).text_content()
    except (etree.ParserError, ValueError):
        return fragment
