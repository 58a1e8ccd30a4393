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
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
# A date inside a longer line: "November 1, 2016 / 3:47 PM / a year ago", "Updated 0347 GMT
# (1147 HKT) November 1, 2016", "First Published: November 1, 2016 15:47 IST".
_DATE_INSIDE = re.compile(
    rf"\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+(?:19|20)\d\d\b"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+(?:19|20)\d\d\b"
    r"|\b(?:19|20)\d\d[-/.]\d{1,2}[-/.]\d{1,2}\b"
    r"|\b\d{1,2}[-/.]\d{1,2}[-/.](?:19|20)\d\d\b",
    re.I,
)
# What may stand beside such a date on a date line, and nothing else: labels, times, zones,
# weekdays, "a year ago". A body sentence that mentions a date has other words too.
_DATE_LINE_NOISE = re.compile(
    r"\b(?:published|first|last|updated?|posted|modified|date[d]?|on|at|by|am|pm|a\.m|p\.m|ago|an?|one|"
    r"\d+|years?|months?|weeks?|days?|hours?|minutes?|mins?|gmt|utc|[a-z]{0,2}[sd]t|hkt|ast|idt|eet|eest|cet|cest|"
    r"mon|tue|wed|thu|fri|sat|sun)[a-z]*\b|[^a-z]+",
    re.I,
)
_URL_DATE = re.compile(r"[/_-]((?:19|20)\d\d)[/-]?(0[1-9]|1[0-2])[/-]?(0[1-9]|[12]\d|3[01])(?=[/_.-]|$)")


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
    parsed = _dateparser(cleaned)
    if parsed is None and (inside := _DATE_INSIDE.search(text)):
        rest = text[: inside.start()] + " " + text[inside.end():]
        if not _DATE_LINE_NOISE.sub("", rest).strip():
            parsed = _dateparser(_ORDINAL.sub(r"\1", inside.group(0)))
    return _to_naive_utc(parsed) if parsed else None


def _dateparser(text: str) -> datetime | None:
    try:
        return dateparser.parse(text, languages=["en"], settings=_SETTINGS)
    except (ValueError, OverflowError, TypeError):
        return None


def date_in_url(url: str) -> datetime | None:
    """The day many outlets put in their article URLs (/2016/11/01/, /20161101/, -2016-11-01-)."""
    m = _URL_DATE.search(url or "")
    if not m:
        return None
    try:
        return datetime(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None
