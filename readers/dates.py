"""Publication dates as outlets print them ("Tue Nov 1, 2016 15:47:24", "16.06.2017",
"Published: 17 Nov 2016 - 03:34 pm" ...), read into naive UTC datetimes."""
from __future__ import annotations

import re
from datetime import datetime, timezone
from functools import lru_cache

import dateparser

_SETTINGS = {
    "DATE_ORDER": "DMY",
    "PREFER_DAY_OF_MONTH": "first",
    "RETURN_AS_TIMEZONE_AWARE": False,
    "REQUIRE_PARTS": ["day", "month", "year"],
    "PREFER_DATES_FROM": "past",
}
_LABEL = re.compile(
    r"^\s*(published|updated|posted|last updated|date|dated)(\s+(on|at))?\s*[:\-–—]?\s*", re.I
)
_YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b|\b\d{1,2}[./-]\d{1,2}[./-]\d{2}\b")
_24H_WITH_AMPM = re.compile(r"\b(1[3-9]|2[0-3])(:\d\d(?::\d\d)?)\s*[ap]\.?m\.?", re.I)
_ORDINAL = re.compile(r"\b(\d{1,2})(st|nd|rd|th)\b", re.I)
MAX_DATE_LINE = 80


def _to_naive_utc(value: datetime) -> datetime:
    if value.tzinfo is not None:
        value = value.astimezone(timezone.utc).replace(tzinfo=None)
    return value


@lru_cache(maxsize=4096)
def parse_published(text: str) -> datetime | None:
    """A printed publication date, or None when the text is not one."""
    text = (text or "").strip()
    if not text or len(text) > MAX_DATE_LINE or not _YEAR.search(text):
        return None
    try:
        return _to_naive_utc(datetime.fromisoformat(text.replace("Z", "+00:00")))
    except ValueError:
        pass
    cleaned = _LABEL.sub("", text)
    cleaned = _24H_WITH_AMPM.sub(r"\1\2", cleaned)  # "19:58 PM" is a 24-hour time with a stray PM
    cleaned = _ORDINAL.sub(r"\1", cleaned)
    cleaned = cleaned.replace(" - ", " ").replace("|", " ")
    try:
        parsed = dateparser.parse(cleaned, languages=["en"], settings=_SETTINGS)
    except (ValueError, OverflowError, TypeError):
        return None
    return _to_naive_utc(parsed) if parsed else None
