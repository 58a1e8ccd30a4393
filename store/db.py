"""Opening the store: one SQLite file, WAL so the dashboard reads while an ingest writes;
or, given a postgresql:// URL, a database on a PostgreSQL server through store.postgres."""
from __future__ import annotations

import re
import sqlite3
import time
import uuid
from datetime import datetime, timezone
from pathlib import Path

SCHEMA = (Path(__file__).with_name("schema.sql")).read_text(encoding="utf-8")
DEFAULT_DB = Path(__file__).resolve().parent.parent / "data" / "frontline.sqlite"
# The `meta` key every writer of articles, claims or corrections sets to a new token, so a
# dashboard on any engine notices the change (SQLite's PRAGMA data_version has no portable twin).
CHANGE_KEY = "changed"
# Files (and server URLs) this process has already given the schema and WAL mode (both persist),
# so the per-request connections of the dashboard do not run the schema script every time.
_READY: set[Path | str] = set()


class StoreUnavailable(Exception):
    """The database server could not be reached or refused us; the message says why."""


def now_iso() -> str:
    """The store's timestamps: UTC, to the second, no offset."""
    return datetime.now(timezone.utc).replace(tzinfo=None).isoformat(timespec="seconds")


def is_server_url(target: str | Path) -> bool:
    return isinstance(target, str) and target.startswith(("postgresql://", "postgres://"))


def shown(target: str | Path) -> str:
    """The store as named in messages: a server URL without its password."""
    return re.sub(r"(://[^/:@]*:)[^/@]*@", r"\1***@", str(target))


def connect(path: str | Path = DEFAULT_DB, *, readonly: bool = False) -> sqlite3.Connection:
    """A SQLite file (a Path, or a str that is not a URL) or a postgresql://user@host:port/dbname
    URL; the server's connection offers the same execute/executemany/in_transaction/close."""
    if is_server_url(path):
        return _connect_server(str(path), readonly)
    path = Path(path)
    if readonly:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30, check_same_thread=False)
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        key = path.resolve()
        existed = path.exists()
        conn = sqlite3.connect(path, timeout=60, isolation_level=None, check_same_thread=False)
        conn.execute("PRAGMA synchronous=NORMAL")
        if key not in _READY or not existed:
            _prepare(conn)
            _READY.add(key)
    conn.execute("PRAGMA busy_timeout=60000")
    conn.row_factory = sqlite3.Row
    return conn


def _connect_server(url: str, readonly: bool):
    from store.postgres import PostgresConnection, postgres_schema

    conn = PostgresConnection(url, readonly=readonly)
    if not readonly and url not in _READY:
        conn.run_script(postgres_schema(SCHEMA))
        _READY.add(url)
    return conn


def store_exists(target: str | Path) -> bool:
    """Whether `target` already holds a store (a server store is asked for its tables)."""
    if not is_server_url(target):
        return Path(target).exists()
    conn = connect(target, readonly=True)
    try:
        return conn.execute("SELECT to_regclass('articles') IS NOT NULL").fetchone()[0]
    finally:
        conn.close()


def _prepare(conn: sqlite3.Connection, patience_s: float = 60.0) -> None:
    """WAL mode and the schema, retried: SQLite answers 'database is locked' at once, without its
    busy handler, when two processes open a new file together and both try to switch it to WAL."""
    deadline = time.monotonic() + patience_s
    while True:
        try:
            if conn.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
                conn.execute("PRAGMA journal_mode=WAL")
            conn.executescript(SCHEMA)
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def get_meta(conn: sqlite3.Connection, key: str) -> str | None:
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return row[0] if row else None


def set_meta(conn: sqlite3.Connection, key: str, value: str) -> None:
    conn.execute(
        "INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (key, value),
    )


def mark_changed(conn: sqlite3.Connection) -> None:
    """Tell the dashboards reading this store that what the map shows changed; call it inside
    the writer's transaction so they never see the token before the rows."""
    set_meta(conn, CHANGE_KEY, uuid.uuid4().hex)


def fetch_table(conn: sqlite3.Connection, sql: str) -> tuple[list[str], list[tuple]]:
    """Column names and rows as plain tuples: the bulk read behind the dashboard's frame, which
    at a million rows should not pay for a row object per row."""
    if isinstance(conn, sqlite3.Connection):
        cursor = conn.cursor()
        cursor.row_factory = None
        cursor.execute(sql)
    else:
        cursor = conn.execute_plain(sql)
    return [column[0] for column in cursor.description], cursor.fetchall()
