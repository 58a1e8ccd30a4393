"""The columns the map needs, loaded once from the store into memory.

Every as-of move is answered from these arrays, never from SQL, so a move costs
milliseconds even at a million claims. The frame reloads itself when the store changes."""
from __future__ import annotations

import logging
import sqlite3
import threading
import time
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pandas as pd

from store.db import CHANGE_KEY, connect, fetch_table, is_server_url

log = logging.getLogger("frontline.dashboard")
EPOCH = date(1970, 1, 1)
RECHECK_SECONDS = 2.0
NO_DAY = np.iinfo(np.int64).min

# Plain SQL both engines run; day numbers are computed in pandas (SQLite's julianday has no
# PostgreSQL twin). ORDER BY c.id makes same-day ties fall the same way on both: SQLite walks
# the primary key's index for it at no extra cost.
_CLAIMS_SQL = """
SELECT c.place_ref, c.side, c.claim_type,
       COALESCE(c.date_start, substr(a.published, 1, 10)) AS start_iso, c.date_end AS end_iso,
       c.article_id, a.source AS outlet, c.confidence, c.geo_precision
FROM claims c JOIN articles a ON a.id = c.article_id
WHERE c.place_ref IS NOT NULL
  AND COALESCE(c.date_start, a.published) IS NOT NULL
ORDER BY c.id
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


def _read(conn: sqlite3.Connection, sql: str) -> pd.DataFrame:
    columns, rows = fetch_table(conn, sql)
    return pd.DataFrame.from_records(rows, columns=columns)


def _day_numbers(isos: pd.Series) -> np.ndarray:
    """Days since 1970-01-01 of ISO dates (first ten characters), NO_DAY where there is no valid
    date. Converts each distinct date once: a million claims carry a few thousand dates."""
    codes, uniques = pd.factorize(isos)
    days = np.array([_valid_day(iso) for iso in uniques], dtype=np.int64)
    return np.append(days, NO_DAY)[codes]  # code -1 (missing) picks the appended NO_DAY


def _valid_day(iso: str) -> int:
    try:
        return to_day(iso)
    except ValueError:
        return NO_DAY


def load_frame(conn: sqlite3.Connection) -> ClaimFrame:
    places = _read(conn, _PLACES_SQL)
    raw = _read(conn, _CLAIMS_SQL)
    raw["day_start"] = _day_numbers(raw["start_iso"])
    raw["day_end"] = _day_numbers(raw["end_iso"].fillna(raw["start_iso"]))
    dated = (raw["day_start"] != NO_DAY) & (raw["day_end"] != NO_DAY)
    if not dated.all():
        raw = raw[dated].reset_index(drop=True)
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
    articles or corrections, checked at most every RECHECK_SECONDS. On SQLite the check is
    PRAGMA data_version (free) and, when that moved, a cheap signature; on a server it is the
    writers' change token alone (store.db.mark_changed), one small query."""

    def __init__(self, db: str | Path):
        self.db = db if is_server_url(db) else Path(db)
        self._on_server = is_server_url(db)
        self._lock = threading.Lock()
        self._conn = connect(self.db)
        self._frame: ClaimFrame | None = None
        self._data_version = None
        self._signature = None
        self._checked_at = 0.0
        self.generation = 0

    def _read_signature(self) -> tuple:
        if self._on_server:
            return tuple(self._conn.execute("SELECT value FROM meta WHERE key = ?", (CHANGE_KEY,)).fetchall())
        row = self._conn.execute(
            "SELECT (SELECT MAX(rowid) FROM articles), (SELECT MAX(rowid) FROM claims),"
            " (SELECT COUNT(*) FROM corrections), (SELECT value FROM meta WHERE key = ?)", (CHANGE_KEY,)
        ).fetchone()
        return tuple(row)

    def _unchanged_since_last_check(self) -> bool:
        """SQLite only: whether no other connection has committed since the last check."""
        if self._on_server:
            return False
        version = self._conn.execute("PRAGMA data_version").fetchone()[0]
        unchanged = version == self._data_version
        self._data_version = version
        return unchanged

    def invalidate(self) -> None:
        with self._lock:
            self._signature = None
            self._checked_at = 0.0

    def get(self) -> ClaimFrame:
        with self._lock:
            try:
                return self._current()
            except Exception:
                self._reopen()
                if self._frame is None:
                    raise
                log.warning("could not check the store for changes; showing what was loaded", exc_info=True)
                return self._frame

    def _reopen(self) -> None:
        """A new connection after a failed check, so a lost one (a database server restarted)
        is replaced on the next check; kept as is while the store cannot be reached."""
        try:
            fresh = connect(self.db)
        except Exception:
            return
        self._conn.close()
        self._conn = fresh

    def _current(self) -> ClaimFrame:
        now = time.monotonic()
        if self._frame is not None and now - self._checked_at < RECHECK_SECONDS:
            return self._frame
        self._checked_at = now
        if self._unchanged_since_last_check() and self._frame is not None and self._signature is not None:
            return self._frame
        signature = self._read_signature()
        if self._frame is None or signature != self._signature:
            self._frame = load_frame(self._conn)
            self._signature = signature
            self.generation += 1
        return self._frame

    def connection(self) -> sqlite3.Connection:
        """A connection for one request's SQL, its own (SQLite connections are not shared across
        threads; a server's come from the idle ones this process closed, see store.postgres)."""
        return connect(self.db)
