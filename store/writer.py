"""Writing one article with everything extracted from it, in one transaction,
so an interrupted ingest never leaves half an article behind."""
from __future__ import annotations

import hashlib
import json
import sqlite3
from typing import Sequence

from extraction.records import Claim, Extraction, Mention
from geocoding.records import Place
from readers.article import Article
from store.db import mark_changed, now_iso

_UPSERT_PLACE = """
INSERT INTO places (ref, name, lat, lon, kind, country, admin1, population, geo_precision, anchor_ref, relation)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT(ref) DO NOTHING
"""
_INSERT_ARTICLE = """
INSERT INTO articles (id, source_file, url, title, published, published_text, source, body, ingested_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT(id) DO NOTHING
"""
_INSERT_MENTION = """
INSERT INTO mentions (id, article_id, start_char, end_char, surface, sentence, place_ref, confidence,
                      method, reason, candidates)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
"""
_INSERT_CLAIM = """
INSERT INTO claims (id, article_id, mention_id, place_ref, place_text, actor_text, side, claim_type,
                    date_value, date_precision, date_start, date_end, geo_precision, claimed_by,
                    evidence, evidence_start, evidence_end, confidence)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT(id) DO NOTHING
"""


def article_exists(conn: sqlite3.Connection, article_id: str) -> bool:
    return conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is not None


def place_row(place: Place) -> tuple:
    return (
        place.ref, place.name, place.lat, place.lon, place.kind, place.country, place.admin1,
        place.population, place.geo_precision, place.anchor_ref, place.relation,
    )


def mention_id(article_id: str, mention: Mention) -> str:
    return f"{article_id}:{mention.start}"


def claim_id(article_id: str, claim: Claim) -> str:
    key = "|".join(
        (article_id, str(claim.evidence_start), claim.place_text, claim.side, claim.claim_type,
         str(claim.mention.start if claim.mention else ""))
    )
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def save_articles(conn: sqlite3.Connection, items: Sequence[tuple[Article, Extraction]]) -> list[bool]:
    """Store whole articles with their mentions and claims in one transaction; for each,
    False when it was already stored. A kill mid-way leaves none of them half written.
    The new articles' rows go in one executemany per table: one round trip each on a server."""
    stored = []
    rows = _Rows()
    conn.execute("BEGIN IMMEDIATE")
    try:
        stamp = now_iso()
        for article, extraction in items:
            inserted = conn.execute(
                _INSERT_ARTICLE,
                (article.id, article.source_file, article.url, article.title,
                 article.published.isoformat() if article.published else None,
                 article.published_text, article.source, article.body, stamp),
            ).rowcount
            if inserted:
                rows.add(article, extraction)
            stored.append(bool(inserted))
        rows.write(conn)
        if any(stored):
            mark_changed(conn)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return stored


class _Rows:
    """Rows of the newly stored articles of one transaction, gathered per table."""

    def __init__(self) -> None:
        self.places: dict[str, Place] = {}
        self.mentions: list[tuple] = []
        self.claims: list[tuple] = []
        self.sources: list[tuple[str]] = []

    def add(self, article: Article, extraction: Extraction) -> None:
        aid = article.id
        self.places.update({m.place.ref: m.place for m in extraction.mentions if m.place})
        self.places.update({c.place.ref: c.place for c in extraction.claims if c.place})
        self.mentions += [_mention_row(aid, m) for m in extraction.mentions]
        self.claims += [_claim_row(aid, c) for c in extraction.claims]
        self.sources.append((article.source_file,))

    def write(self, conn: sqlite3.Connection) -> None:
        if self.places:
            conn.executemany(_UPSERT_PLACE, [place_row(p) for p in self.places.values()])
        if self.mentions:
            conn.executemany(_INSERT_MENTION, self.mentions)
        if self.claims:
            conn.executemany(_INSERT_CLAIM, self.claims)
        if self.sources:
            conn.executemany("DELETE FROM failures WHERE source_file = ?", self.sources)


def _mention_row(aid: str, m: Mention) -> tuple:
    res = m.resolution
    candidates = [
        {"ref": c.place.ref, "name": c.place.name, "score": round(c.score, 3), "why": c.why}
        for c in (res.candidates if res else ())
    ]
    return (
        mention_id(aid, m), aid, m.start, m.end, m.text, m.sentence, m.place.ref if m.place else None,
        res.confidence if res else 0.0, res.method if res else "", res.reason if res else "",
        json.dumps(candidates, ensure_ascii=False),
    )


def _claim_row(aid: str, c: Claim) -> tuple:
    d = c.date
    return (
        claim_id(aid, c), aid, mention_id(aid, c.mention) if c.mention else None,
        c.place.ref if c.place else None, c.place_text, c.actor_text, c.side, c.claim_type,
        d.value if d else None, d.precision if d else None, d.start if d else None, d.end if d else None,
        c.geo_precision, c.claimed_by, c.evidence, c.evidence_start, c.evidence_end, c.confidence,
    )


def record_failure(conn: sqlite3.Connection, source_file: str, reason: str) -> None:
    conn.execute(
        "INSERT INTO failures (source_file, reason, failed_at) VALUES (?, ?, ?) "
        "ON CONFLICT(source_file) DO UPDATE SET reason = excluded.reason, failed_at = excluded.failed_at",
        (source_file, reason, now_iso()),
    )
