"""The record every reader produces: one article, whatever file it came from."""
from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime

from .dates import date_in_url

_SPACE = re.compile(r"\s+")


def normalise_text(text: str) -> str:
    """Canonical form used for the article id: the same story saved twice gets one id."""
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip().casefold()


def article_id(title: str, body: str) -> str:
    digest = hashlib.sha256(normalise_text(title + "\n" + body).encode("utf-8"))
    return digest.hexdigest()[:16]


@dataclass(frozen=True)
class Article:
    title: str
    body: str
    published: datetime | None = None
    published_text: str = ""
    url: str = ""
    source: str = ""
    source_file: str = ""
    id: str = field(default="")

    def __post_init__(self) -> None:
        if not self.id:
            object.__setattr__(self, "id", article_id(self.title, self.body))
        if self.published is None and (day := date_in_url(self.url)) is not None:
            # no printed date, but the outlet put the day in the link: relative dates
            # ("on Tuesday") need an anchor, and the link's day is the best one left
            object.__setattr__(self, "published", day)
