"""Read-side queries shared by the exporter, the JSON API and the source panel,
so every consumer sees claims in the one export contract. Every ORDER BY is total and says
where NULLs go, so SQLite and PostgreSQL give the same rows in the same order."""
from __future__ import annotations

import sqlite3
from typing import Iterator

CLAIM_FIELDS = (
    "claim_id", "article_id", "source_file", "article_title", "article_url", "published",
    "place_text", "place_name", "place_ref", "lat", "lon", "geo_precision", "actor_text", "side",
    "claim", "date", "date_precision", "claimed_by", "evidence", "evidence_start", "evidence_end",
    "confidence",
)
MENTION_FIELDS = (
    "mention_id", "article_id", "source_file", "text", "start", "end", "sentence", "place_name",
    "place_ref", "kind", "lat", "lon", "confidence", "resolved",
)
PLACE_FIELDS = (
    "place_ref", "name", "lat", "lon", "kind", "country", "admin1", "population", "geo_precision",
    "anchor_ref", "relation", "n_mentions", "n_claims",
)

_CLAIMS_SQL = """
SELECT c.id AS claim_id, c.article_id, a.source_file, a.title AS article_title,
       a.url AS article_url, a.published, c.place_text, p.name AS place_name, c.place_ref,
       p.lat, p.lon, c.geo_precision, c.actor_text, c.side, c.claim_type AS claim,
       c.date_value AS date, c.date_precision, c.claimed_by, c.evidence, c.evidence_start,
       c.evidence_end, c.confidence, a.source AS outlet
FROM claims c JOIN articles a ON a.id = c.article_id LEFT JOIN places p ON p.ref = c.place_ref
"""


def claim_rows(
    conn: sqlite3.Connection,
    place_ref: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    resolved_only: bool = False,
) -> Iterator[dict]:
    """Claims in the export contract (plus `outlet`), oldest event first.
    A claim is within [date_from, date_to] when its date span overlaps it."""
    where, args = [], []
    if place_ref is not None:
        where.append("c.place_ref = ?")
        args.append(place_ref)
    if resolved_only:
        where.append("c.place_ref IS NOT NULL")
    if date_from:
        where.append("(c.date_end IS NULL OR c.date_end >= ?)")
        args.append(date_from)
    if date_to:
        where.append("(c.date_start IS NULL OR c.date_start <= ?)")
        args.append(date_to)
    sql = _CLAIMS_SQL + (" WHERE " + " AND ".join(where) if where else "")
    sql += " ORDER BY c.date_start NULLS FIRST, a.published NULLS FIRST, c.evidence_start, c.id"
    for row in conn.execute(sql, args):
        yield dict(row)


def mention_rows(conn: sqlite3.Connection, unresolved_only: bool = False) -> Iterator[dict]:
    sql = """
    SELECT m.id AS mention_id, m.article_id, a.source_file, m.surface AS text, m.start_char AS start,
           m.end_char AS "end", m.sentence, p.name AS place_name, m.place_ref, p.kind, p.lat, p.lon,
           m.confidence, (m.place_ref IS NOT NULL) AS resolved, m.reason
    FROM mentions m JOIN articles a ON a.id = m.article_id LEFT JOIN places p ON p.ref = m.place_ref
    """
    if unresolved_only:
        sql += " WHERE m.place_ref IS NULL"
    sql += " ORDER BY a.source_file, m.start_char, m.id"
    for row in conn.execute(sql):
        out = dict(row)
        out["resolved"] = bool(out["resolved"])
        yield out


def place_rows(conn: sqlite3.Connection) -> Iterator[dict]:
    sql = """
    SELECT p.ref AS place_ref, p.name, p.lat, p.lon, p.kind, p.country, p.admin1, p.population,
           p.geo_precision, p.anchor_ref, p.relation,
           (SELECT COUNT(*) FROM mentions m WHERE m.place_ref = p.ref) AS n_mentions,
           (SELECT COUNT(*) FROM claims c WHERE c.place_ref = p.ref) AS n_claims
    FROM places p ORDER BY p.name, p.ref
    """
    for row in conn.execute(sql):
        yield dict(row)


def counts(conn: sqlite3.Connection) -> dict[str, int]:
    tables = ("articles", "places", "mentions", "claims", "geocode_cache", "corrections", "failures")
    return {t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in tables}
