"""The store on a PostgreSQL server, behind the few sqlite3.Connection methods the store code
uses (execute, executemany, in_transaction, close), so writer, reader, geocode cache and
dashboard run their SQL unchanged: `?` placeholders, explicit BEGIN/COMMIT, rows read by index
or by name. A closed connection is kept for the process's next one to the same database."""
from __future__ import annotations

import os
import re
import select
import threading
from functools import lru_cache
from typing import Any, Iterable, Sequence

import psycopg
from psycopg.pq import TransactionStatus
from psycopg.rows import tuple_row

from store.db import StoreUnavailable

# SQLite lets one writer in at a time. Every explicit transaction of ours writes, so each takes
# this advisory lock (held until COMMIT) and two ingests never deadlock on each other's keys.
_WRITE_LOCK = "SELECT pg_advisory_xact_lock(7301984)"
_QUESTION_MARK = re.compile(r"\?")
# Connections closed by this process wait here for the next request to the same database:
# opening one costs about 10 ms over loopback, more than most requests' SQL.
IDLE_PER_DATABASE = 4
_idle: dict[tuple[str, bool], list[psycopg.Connection]] = {}
_idle_lock = threading.Lock()
# A forked child (gunicorn --preload) must not use its parent's sessions, nor close them (that
# would end them for the parent too): it keeps them here, untouched.
_inherited: list[dict] = []


def _forget_idle_in_child() -> None:
    global _idle, _idle_lock
    _inherited.append(_idle)
    _idle, _idle_lock = {}, threading.Lock()


os.register_at_fork(after_in_child=_forget_idle_in_child)


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
        self._key = (url, readonly)
        self.raw = _take_idle(self._key) or _open(url, readonly)

    @property
    def in_transaction(self) -> bool:
        return self.raw.info.transaction_status != TransactionStatus.IDLE

    def execute(self, sql: str, params: Sequence[Any] = ()) -> psycopg.Cursor:
        statement, takes_write_lock = _to_postgres(sql)
        cursor = self.raw.execute(statement, tuple(params))
        if takes_write_lock:
            self.raw.execute(_WRITE_LOCK)
        return cursor

    def execute_plain(self, sql: str, params: Sequence[Any] = ()) -> psycopg.Cursor:
        """As execute, with rows as plain tuples (see store.db.fetch_table)."""
        cursor = self.raw.cursor(row_factory=tuple_row)
        return cursor.execute(_to_postgres(sql)[0], tuple(params))

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
        """Hands a clean connection (no transaction open, not broken) to the next request of this
        process; this handle is done with it either way."""
        raw, self.raw = self.raw, None
        if raw is None:
            return
        if not raw.broken and not raw.closed and raw.info.transaction_status == TransactionStatus.IDLE:
            with _idle_lock:
                idle = _idle.setdefault(self._key, [])
                if len(idle) < IDLE_PER_DATABASE:
                    idle.append(raw)
                    return
        raw.close()


def _open(url: str, readonly: bool) -> psycopg.Connection:
    options = "-c default_transaction_read_only=on" if readonly else None
    kwargs = {"options": options} if options else {}
    try:
        return psycopg.connect(url, autocommit=True, row_factory=_row_factory, **kwargs)
    except psycopg.OperationalError as exc:
        raise StoreUnavailable(f"cannot open the PostgreSQL store: {exc}".strip()) from exc


def _take_idle(key: tuple[str, bool]) -> psycopg.Connection | None:
    """An idle connection to the same database, skipping any the server has spoken on since:
    an idle session only hears from the server when it is being closed (a restart, an admin's
    pg_terminate_backend), and using it would fail the request."""
    while True:
        with _idle_lock:
            idle = _idle.get(key)
            if not idle:
                return None
            raw = idle.pop()
        if not select.select([raw.fileno()], [], [], 0)[0]:
            return raw
        raw.close()
