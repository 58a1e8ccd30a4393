"""Hostile text guards. Article text, titles, URLs and place names reach the browser only as
text: React escapes children for us, but plotly labels read a little HTML, so anything put in a
plotly string is entity-escaped here, and only http(s) URLs ever become links."""
from __future__ import annotations

from urllib.parse import urlsplit


def plot_text(text: str | None) -> str:
    """Safe for plotly hover/labels: `<a href=...>` in a place name is shown, not obeyed."""
    return (text or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def safe_href(url: str | None) -> str | None:
    """The URL if it is a plain web link, else None (javascript:, data:, file: never link)."""
    url = (url or "").strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme.lower() in ("http", "https") and parts.netloc else None
