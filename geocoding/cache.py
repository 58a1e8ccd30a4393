"""The persistent geocode cache (store table `geocode_cache`) with an in-memory dict in front.

Every lookup (normalised query, bias, provider) is remembered with its answer, "not found"
included (answer NULL). `hits` counts lookups the cache answered, `misses` lookups that had to
ask the provider. Writes are buffered and written by `flush()`: inside the caller's open
transaction when there is one (the ingest commits per article), else in a transaction of its own.
Rows answered from the gazetteer index are dropped when the index changes.
"""
from __future__ import annotations

import json
import sqlite3
from dataclasses import asdict
from typing import Any

from geocoding.records import Place
from store.db import now_iso

MISSING = object()  # `get` result when the cache does not know the query
# Providers whose answers come from the gazetteer index: "offline" (the geocoder's ranked answers)
# and "gazetteer" (the resolver's context-free candidate lists).
INDEX_PROVIDERS = ("offline", "gazetteer")
_META_KEY = "geocode_cache_index"


def place_to_json(place: Place) -> dict:
    return asdict(place)


def place_from_json(data: dict) -> Place:
    return Place(**data)


class GeocodeCache:
    def __init__(self, conn: sqlite3.Connection | None, index_fingerprint: str = "") -> None:
        self.conn = conn
        self._memory: dict[tuple[str, str, str], Any] = {}
        self._temporary: set[tuple[str, str, str]] = set()
        self._dirty: dict[tuple[str, str, str], list[int]] = {}  # key -> [new answer?, hits, misses]
        if conn is not None and index_fingerprint:
            self._forget_offline_answers_of_other_index(index_fingerprint)

    def _forget_offline_answers_of_other_index(self, fingerprint: str) -> None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (_META_KEY,)).fetchone()
        if row is not None and row[0] == fingerprint:
            return
        self.conn.execute("DELETE FROM geocode_cache WHERE provider IN (?, ?)", INDEX_PROVIDERS)
        self.conn.execute(
            "INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (_META_KEY, fingerprint),
        )

    def get(self, query: str, bias: str, provider: str) -> Any:
        """The cached answer (None = known not found), or MISSING. Temporary failures are MISSING
        to a new process (retry later) but remembered by this one so it does not hammer a provider."""
        key = (query, bias, provider)
        answer = self._memory.get(key, MISSING)
        if answer is MISSING and self.conn is not None:
            answer = self._load(key)
        if answer is not MISSING:
            self._count(key, hit=True)
        return answer

    def _load(self, key: tuple[str, str, str]) -> Any:
        row = self.conn.execute(
            "SELECT answer, temporary FROM geocode_cache WHERE query = ? AND bias = ? AND provider = ?", key
        ).fetchone()
        if row is None or row[1]:
            return MISSING
        answer = None if row[0] is None else json.loads(row[0])
        self._memory[key] = answer
        return answer

    def put(self, query: str, bias: str, provider: str, answer: Any, temporary: bool = False) -> None:
        key = (query, bias, provider)
        self._memory[key] = answer
        if temporary:
            self._temporary.add(key)
        else:
            self._temporary.discard(key)
        self._count(key, hit=False)
        self._dirty[key][0] = 1

    def _count(self, key: tuple[str, str, str], hit: bool) -> None:
        entry = self._dirty.get(key)
        if entry is None:
            entry = self._dirty[key] = [0, 0, 0]
        entry[1 if hit else 2] += 1

    def flush(self) -> int:
        """Write buffered answers and counts; returns how many rows were touched."""
        if self.conn is None or not self._dirty:
            self._dirty.clear()
            return 0
        stamp = now_iso()
        answered, counted = [], []
        for key, (new, hits, misses) in self._dirty.items():
            if new:
                answer = self._memory[key]
                text = None if answer is None else json.dumps(answer, separators=(",", ":"))
                answered.append((*key, text, int(key in self._temporary), hits, misses, stamp))
            else:
                counted.append((hits, misses, stamp, *key))
        own = not self.conn.in_transaction
        if own:
            self.conn.execute("BEGIN")
        try:
            self.conn.executemany(
                "INSERT INTO geocode_cache(query, bias, provider, answer, temporary, hits, misses, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(query, bias, provider) DO UPDATE SET"
                " answer = excluded.answer, temporary = excluded.temporary,"
                " hits = geocode_cache.hits + excluded.hits, misses = geocode_cache.misses + excluded.misses,"
                " updated_at = excluded.updated_at",
                answered,
            )
            self.conn.executemany(
                "UPDATE geocode_cache SET hits = hits + ?, misses = misses + ?, updated_at = ?"
                " WHERE query = ? AND bias = ? AND provider = ?",
                counted,
            )
            if own:
                self.conn.execute("COMMIT")
        except BaseException:
            if own:
                self.conn.execute("ROLLBACK")
            raise
        touched = len(self._dirty)
        self._dirty.clear()
        return touched
