"""Articles added from the browser: checked against size and type limits, written to a
private temporary folder, and ingested in a background thread whose progress the page polls.
Progress lives in the store (table ingest_jobs), so with several gunicorn workers the poll can
reach any of them."""
from __future__ import annotations

import base64
import binascii
import json
import re
import tempfile
import threading
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from store.db import connect, is_server_url, now_iso

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_FILES = 50
MAX_PASTE_CHARS = 1_000_000
ALLOWED_SUFFIXES = (".txt", ".html", ".htm", ".json", ".jsonl", ".csv", ".xml", ".rss", ".atom")
_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


class UploadRejected(ValueError):
    """A message the user should read as is."""


@dataclass
class Job:
    id: str
    total: int = 0
    done: int = 0
    state: str = "running"  # running | done | failed
    message: str = ""
    failed: list[tuple[str, str]] = field(default_factory=list)


def decode_upload(name: str, contents: str) -> bytes:
    """dcc.Upload gives 'data:<type>;base64,<data>'; enforce the type and size limits."""
    if not name.lower().endswith(ALLOWED_SUFFIXES):
        raise UploadRejected(f"{name}: only {', '.join(ALLOWED_SUFFIXES)} files can be added")
    try:
        raw = base64.b64decode(contents.split(",", 1)[1], validate=True)
    except (IndexError, binascii.Error):
        raise UploadRejected(f"{name}: the upload could not be read") from None
    if len(raw) > MAX_FILE_BYTES:
        raise UploadRejected(f"{name}: {len(raw) / 1e6:.1f} MB is over the {MAX_FILE_BYTES // (1024 * 1024)} MB limit")
    return raw


class IngestJobs:
    def __init__(self, db: str | Path, on_done=None):
        self.db = db if is_server_url(db) else Path(db)  # a SQLite file or a server URL
        self.on_done = on_done

    def start(self, files: list[tuple[str, bytes]]) -> Job:
        if not files:
            raise UploadRejected("nothing to add")
        if len(files) > MAX_FILES:
            raise UploadRejected(f"at most {MAX_FILES} files at a time")
        folder = Path(tempfile.mkdtemp(prefix="frontline-upload-"))
        for i, (name, raw) in enumerate(files):
            (folder / f"{i:03d}-{_SAFE_NAME.sub('_', Path(name).name)[:80]}").write_bytes(raw)
        job = Job(uuid.uuid4().hex[:12], total=len(files))
        self._save(job)
        threading.Thread(target=self._run, args=(job, folder), daemon=True).start()
        return job

    def status(self, job_id: str) -> Job | None:
        conn = connect(self.db)
        try:
            row = conn.execute("SELECT id, total, done, state, message, failed FROM ingest_jobs WHERE id = ?",
                               (job_id,)).fetchone()
        finally:
            conn.close()
        if row is None:
            return None
        return Job(row["id"], row["total"], row["done"], row["state"], row["message"],
                   [tuple(pair) for pair in json.loads(row["failed"])])

    def _save(self, job: Job) -> None:
        conn = connect(self.db)
        try:
            conn.execute(
                "INSERT INTO ingest_jobs (id, total, done, state, message, failed, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET total = excluded.total, "
                "done = excluded.done, state = excluded.state, message = excluded.message, "
                "failed = excluded.failed, updated_at = excluded.updated_at",
                (job.id, job.total, job.done, job.state, job.message, json.dumps(job.failed), now_iso()),
            )
        finally:
            conn.close()

    def _run(self, job: Job, folder: Path) -> None:
        def progress(done: int, total: int) -> None:
            job.done, job.total = done, total
            self._save(job)

        try:
            from ingest.run import ingest_paths

            summary = ingest_paths([folder], self.db, progress=progress)
            job.failed = list(summary.failed)
            job.message = (f"added {summary.read} articles ({summary.duplicate} already stored, "
                           f"{len(summary.failed)} failed): {summary.claims} claims, {summary.mentions} place mentions")
            job.state = "done"
        except Exception as exc:  # the page must say what went wrong rather than spin forever
            job.state, job.message = "failed", f"ingest failed: {exc}"
        finally:
            job.done = job.total
            self._save(job)
            for path in folder.iterdir():
                path.unlink(missing_ok=True)
            folder.rmdir()
            if self.on_done:
                self.on_done()
