"""The store on a PostgreSQL server, behind the few sqlite3.Connection methods the store code
uses (execute, executemany, in_transaction, close), so writer, reader and geocode cache run
their SQL unchanged: `?` placeholders, explicit BEGIN/COMMIT, rows read by index or by name."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Iterable, Sequence

import psycopg
from psycopg.pq import TransactionStatus

from store.db import StoreUnavailable

# SQLite lets one writer in at a time. Every explicit transaction of ours writes, so each takes
# this advisory lock (held until COMMIT) and two ingests never deadlock on each other's keys.
_WRITE_LOCK = "SELECT pg_advisory_xact_lock(7301984)"
_QUESTION_MARK = re.compile(r"\?")


class Row(tuple):
    """A result row read like sqlite3.Row: by position, by column name, and by dict(row)."""

    _names: tuple[str, ...] = ()
    _index: dict[str, int] = {}

    def keys(self) -> tuple[str, ...]:
        return self._names

    def __getitem__(self, key):
        if isinstance(key, str):
            key = self._index[key]
        return tuple.__getitem__(self, key)


@lru_cache(maxsize=256)
def _row_class(names: tuple[str, ...]) -> type[Row]:
    return type("Row", (Row,), {"_names": names, "_index": {n: i for i, n in enumerate(names)}})


def _row_factory(cursor: psycopg.Cursor) -> type[Row]:
    return _row_class(tuple(col.name for col in cursor.description or ()))


def postgres_schema(schema: str) -> str:
    """The shared schema with every text column compared byte-wise, as SQLite compares it, so
    ORDER BY and range filters give the same answers whatever the server's locale."""
    return re.sub(r"\bTEXT\b", 'TEXT COLLATE "C"', schema)


@lru_cache(maxsize=512)
def _to_postgres(sql: str) -> tuple[str, bool]:
    """`?` placeholders as psycopg's `%s` (a literal `%` doubled), and whether the statement opens
    a transaction (BEGIN [IMMEDIATE]), which then takes the write lock. Our SQL has no `?` in a
    literal."""
    if sql.strip().upper() in ("BEGIN", "BEGIN IMMEDIATE"):
        return "BEGIN", True
    return _QUESTION_MARK.sub("%s", sql.replace("%", "%%")), False


class PostgresConnection:
    """Autocommit, like our SQLite connections (isolation_level=None): a statement outside an
    explicit BEGIN ... COMMIT is its own transaction."""

    def __init__(self, url: str, *, readonly: bool = False) -> None:
        options = "-c default_transaction_read_only=on" if readonly else None
        kwargs = {"options": options} if options else {}
        try:
            self.raw = psycopg.connect(url, autocommit=True, row_factory=_row_factory, **kwargs)
        except psycopg.OperationalError as exc:
            raise StoreUnavailable(f"cannot open the PostgreSQL store: {exc}".strip()) from exc

    @property
    def in_transaction(self) -> bool:
        return self.raw.info.transaction_status != TransactionStatus.IDLE

    def execute(self, sql: str, params: Sequence[Any] = ()) -> psycopg.Cursor:
        statement, takes_write_lock = _to_postgres(sql)
        cursor = self.raw.execute(statement, tuple(params))
        if takes_write_lock:
            self.raw.execute(_WRITE_LOCK)
        return cursor

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> psycopg.Cursor:
        cursor = self.raw.cursor()
        rows = list(rows)
        if rows:
            cursor.executemany(_to_postgres(sql)[0], rows)
        return cursor

    def run_script(self, script: str) -> None:
        """The schema, once, under the write lock: concurrent CREATE ... IF NOT EXISTS can
        otherwise both try to create the same table."""
        with self.raw.transaction():
            self.raw.execute(_WRITE_LOCK)
            self.raw.execute(script)

    def close(self) -> None:
        self.raw.close()
