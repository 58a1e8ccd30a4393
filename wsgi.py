"""The WSGI entry point for a shared deployment:

    .venv/bin/gunicorn --workers 2 --threads 4 --keep-alive 30 --bind 127.0.0.1:8050 wsgi:server

One worker per core (the work is CPU-bound Python), a few threads each; the README's "Deploying for a team" says why.

FRONTLINE_DB names the database (a SQLite file or a postgresql:// URL); unset, the bundled demo database is built on first start.
Basic auth and safe headers come from security.protect (FRONTLINE_AUTH_FILE / FRONTLINE_AUTH).
"""
from __future__ import annotations

import fcntl
import os
from pathlib import Path

from app import create_app
from security import protect
from store.db import DEFAULT_DB, is_server_url, shown, store_exists

DB_ENV = "FRONTLINE_DB"


def database_path(env=os.environ) -> str | Path:
    """The database to serve: a SQLite file's Path, or a postgresql:// URL as given. Only the
    demo default is built on the fly: a missing database the user named is a typo to report,
    not something to fill with demo articles."""
    named = env.get(DB_ENV) or ""
    if is_server_url(named):
        if not store_exists(named):  # an unreachable server raises StoreUnavailable with the reason
            raise FileNotFoundError(f"{DB_ENV}={shown(named)}: the database holds no Frontline store; build it with: "
                                    f"python app.py ingest FOLDER --db {shown(named)}")
        return named
    db = Path(named or DEFAULT_DB)
    if db.resolve() == DEFAULT_DB.resolve():
        # gunicorn starts its workers together: one builds the demo, the others wait for it
        with open(db.with_name(db.name + ".lock"), "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            from ingest.demo import ensure_demo_db

            ensure_demo_db(db)
    elif not db.is_file():
        # an exception (not SystemExit) makes gunicorn stop with "Worker failed to boot" instead of respawning
        raise FileNotFoundError(f"{DB_ENV}={db}: no such database; build it with: python app.py ingest FOLDER --db {db}")
    return db


def build_server():
    app = create_app(database_path())
    protect(app)
    app.server.config["frontline_data"].frame()  # load the claims now, not on the first user's request
    return app.server


server = build_server()
