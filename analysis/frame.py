"""The columns the map needs, loaded once from the store into memory.

Every as-of move is answered from these arrays, never from SQL, so a move costs
milliseconds even at a million claims. The frame reloads itself when the store changes."""
from __future__ import annotations

import sqlite3
import threading
import time
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pandas as pd

from store.db import connect

EPOCH = date(1970, 1, 1)
RECHECK_SECONDS = 2.0

_CLAIMS_SQL = """
SELECT c.place_ref, c.side, c.claim_type,
       CAST(julianday(COALESCE(c.date_start, substr(a.published, 1, 10))) - 2440587.5 AS INTEGER) AS day_start,
       CAST(julianday(COALESCE(c.date_end, c.date_start, substr(a.published, 1, 10))) - 2440587.5 AS INTEGER) AS day_end,
       c.article_id, a.source AS outlet, c.confidence, c.geo_precision
FROM claims c JOIN articles a ON a.id = c.article_id
WHERE c.place_ref IS NOT NULL
  AND COALESCE(c.date_start, a.published) IS NOT NULL
"""
_PLACES_SQL = """
SELECT ref, name, lat, lon, kind, country, admin1, geo_precision, anchor_ref, relation
FROM places WHERE ref IN (SELECT DISTINCT place_ref FROM claims WHERE place_ref IS NOT NULL)
ORDER BY ref
"""


def to_day(iso: str) -> int:
    return (date.fromisoformat(iso[:10]) - EPOCH).days


def from_day(day: int) -> str:
    return (EPOCH + timedelta(days=int(day))).isoformat()


@dataclass(frozen=True)
class ClaimFrame:
    """`claims` is sorted by (place, day_start); `place` indexes rows of `places`."""

    claims: pd.DataFrame  # place:int32 side:category claim_type:category day_start/day_end:int32
    #                       article:int32 outlet:category confidence:float32 geo_precision:int8
    places: pd.DataFrame  # ref name lat lon kind country admin1 geo_precision anchor_ref relation
    first_day: int
    last_day: int

    @property
    def empty(self) -> bool:
        return self.claims.empty


def load_frame(conn: sqlite3.Connection) -> ClaimFrame:
    places = pd.read_sql_query(_PLACES_SQL, conn)
    raw = pd.read_sql_query(_CLAIMS_SQL, conn)
    place_codes = pd.Categorical(raw["place_ref"], categories=places["ref"]).codes
    claims = pd.DataFrame(
        {
            "place": place_codes.astype(np.int32),
            "side": raw["side"].fillna("").astype("category"),
            "claim_type": raw["claim_type"].astype("category"),
            "day_start": raw["day_start"].astype(np.int32),
            "day_end": np.maximum(raw["day_end"], raw["day_start"]).astype(np.int32),
            "article": pd.factorize(raw["article_id"])[0].astype(np.int32),
            "outlet": raw["outlet"].fillna("").astype("category"),
            "confidence": raw["confidence"].astype(np.float32),
            "geo_precision": raw["geo_precision"].astype(np.int8),
        }
    )
    claims = claims[claims["place"] >= 0]
    order = np.lexsort((claims["day_start"].to_numpy(), claims["place"].to_numpy()))
    claims = claims.iloc[order].reset_index(drop=True)
    if claims.empty:
        today = (date.today() - EPOCH).days
        return ClaimFrame(claims, places, today, today)
    return ClaimFrame(claims, places, int(claims["day_start"].min()), int(claims["day_end"].max()))


class FrameSource:
    """Hands out the current frame, reloading it when another process has written claims,
    articles or corrections. The check is PRAGMA data_version (free) plus a cheap signature,
    done at most every RECHECK_SECONDS."""

    def __init__(self, db_path: str | Path):
        self.db_path = Path(db_path)
        self._lock = threading.Lock()
        self._conn = connect(self.db_path)
        self._frame: ClaimFrame | None = None
        self._data_version = None
        self._signature = None
        self._checked_at = 0.0
        self.generation = 0

    def _read_signature(self) -> tuple:
        row = self._conn.execute(
            "SELECT (SELECT MAX(rowid) FROM articles), (SELECT MAX(rowid) FROM claims),"
            " (SELECT COUNT(*) FROM corrections), (SELECT value FROM meta WHERE key = 'claims_changed_at')"
        ).fetchone()
        return tuple(row)

    def invalidate(self) -> None:
        with self._lock:
            self._signature = None
            self._checked_at = 0.0

    def get(self) -> ClaimFrame:
        with self._lock:
            now = time.monotonic()
            if self._frame is not None and now - self._checked_at < RECHECK_SECONDS:
                return self._frame
            self._checked_at = now
            version = self._conn.execute("PRAGMA data_version").fetchone()[0]
            if self._frame is not None and version == self._data_version and self._signature is not None:
                return self._frame
            self._data_version = version
            signature = self._read_signature()
            if self._frame is None or signature != self._signature:
                self._frame = load_frame(self._conn)
                self._signature = signature
                self.generation += 1
            return self._frame

    def connection(self) -> sqlite3.Connection:
        """A fresh connection for one request's SQL (SQLite connections are not shared across threads)."""
        return connect(self.db_path)
