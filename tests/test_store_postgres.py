"""The store on a real PostgreSQL server: a throwaway cluster (initdb + pg_ctl) for the session,
a fresh database per test, and the command line run against a postgresql:// URL exactly as a
user would run it against a SQLite file."""
from __future__ import annotations

import glob
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import pytest

from cli import main
from tests.test_ingest_safety import write_corpus

psycopg = pytest.importorskip("psycopg", reason="psycopg is not installed (pip install -r requirements.txt)")

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "data" / "demo" / "articles"
USER = "frontline"
TABLES = ("articles", "places", "mentions", "claims", "failures")


def _postgres_bin() -> Path | None:
    """The folder holding initdb and pg_ctl: on PATH, or Debian's versioned folder."""
    found = shutil.which("initdb")
    if found and shutil.which("pg_ctl"):
        return Path(found).resolve().parent
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(versions[-1]).parent if versions else None


def _as_server_user() -> list[str]:
    """initdb refuses to run as root: run the cluster as the `postgres` system user then."""
    if os.geteuid() != 0:
        return []
    try:
        pwd.getpwnam("postgres")
    except KeyError:
        pytest.skip("running as root and there is no `postgres` user to run the server as")
    return ["runuser", "-u", "postgres", "--"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _initdb(runner: list[str], bin_dir: Path, data: Path) -> None:
    """A cluster whose default collation is English (ICU), as on many real servers, so the tests
    show that our ordering does not depend on it; plain libc C.UTF-8 where ICU is missing."""
    initdb = [*runner, str(bin_dir / "initdb"), "-D", str(data), "-U", USER, "--auth=trust", "-E", "UTF8",
              "--locale=C.UTF-8", "--no-sync"]
    english = subprocess.run([*initdb, "--locale-provider=icu", "--icu-locale=en-US"],
                             capture_output=True, timeout=120)
    if english.returncode != 0:
        shutil.rmtree(data, ignore_errors=True)
        subprocess.run(initdb, check=True, capture_output=True, timeout=120)


@pytest.fixture(scope="session")
def pg_server():
    """postgresql://frontline@127.0.0.1:PORT/ of a cluster started for this session, then
    stopped and deleted."""
    bin_dir = _postgres_bin()
    if bin_dir is None:
        pytest.skip("PostgreSQL server binaries (initdb, pg_ctl) not found; tests/run.sh installs them")
    runner = _as_server_user()
    work = Path(tempfile.mkdtemp(prefix="frontline-pg-"))
    if runner:
        shutil.chown(work, user="postgres")
    data, log, port = work / "data", work / "log", _free_port()
    try:
        _initdb(runner, bin_dir, data)
        options = f"-c listen_addresses=127.0.0.1 -p {port} -k {work} -c fsync=off"
        started = subprocess.run([*runner, str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(log), "-w",
                                  "-o", options, "start"], capture_output=True, text=True, timeout=120)
        assert started.returncode == 0, started.stdout + (log.read_text() if log.exists() else "")
        yield f"postgresql://{USER}@127.0.0.1:{port}/"
    finally:
        subprocess.run([*runner, str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"],
                       capture_output=True, timeout=120)
        shutil.rmtree(work, ignore_errors=True)


def new_database(server: str) -> str:
    name = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server + "postgres", autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    return server + name


@pytest.fixture
def pg_url(pg_server) -> str:
    """A new, empty database on the session's server."""
    return new_database(pg_server)


def app(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "app.py", *map(str, args)], cwd=ROOT, capture_output=True,
                          text=True, timeout=300)


def ingest(db, *paths) -> subprocess.CompletedProcess:
    result = app("ingest", *paths, "--db", db, "--quiet")
    assert result.returncode == 0, result.stderr
    return result


def export(db, what: str, fmt: str = "jsonl") -> str:
    """`app.py export` run in this process (the ingest ran in its own), into a file."""
    out = Path(tempfile.mkdtemp(prefix="frontline-export-")) / f"{what}.{fmt}"
    try:
        assert main(["export", "--db", str(db), "--what", what, "--format", fmt, "-o", str(out)]) == 0
        return out.read_text(encoding="utf-8")
    finally:
        shutil.rmtree(out.parent)


def table_rows(url: str) -> dict[str, list[tuple]]:
    with psycopg.connect(url) as conn:
        return {t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in TABLES}


def demo_subset(folder: Path, names: list[str]) -> Path:
    folder.mkdir(parents=True)
    for name in names:
        shutil.copy(DEMO / name, folder / name)
    return folder


def test_demo_corpus_exports_the_same_from_postgresql_as_from_sqlite(pg_url, tmp_path):
    sqlite_db = tmp_path / "demo.sqlite"
    on_sqlite, on_postgres = ingest(sqlite_db, DEMO), ingest(pg_url, DEMO)
    assert on_postgres.stdout.splitlines()[:2] == on_sqlite.stdout.splitlines()[:2]
    for what in ("claims", "mentions", "places"):
        from_sqlite, from_postgres = export(sqlite_db, what), export(pg_url, what)
        assert from_sqlite.count("\n") > 50, what
        assert from_postgres == from_sqlite, what
    assert export(pg_url, "claims", "geojson") == export(sqlite_db, "claims", "geojson")


def test_reingest_on_postgresql_reports_every_article_duplicate_and_changes_nothing(pg_url):
    first = ingest(pg_url, DEMO)
    count = len(list(DEMO.glob("*.txt")))
    assert f"articles read: {count}  duplicate: 0  failed: 0" in first.stdout
    before = table_rows(pg_url)
    second = ingest(pg_url, DEMO)
    assert f"articles read: 0  duplicate: {count}  failed: 0" in second.stdout
    assert table_rows(pg_url) == before


def test_a_malformed_file_is_reported_and_the_rest_ingested(pg_url, tmp_path):
    names = sorted(p.name for p in DEMO.glob("*.txt"))[:3]
    folder = demo_subset(tmp_path / "mixed", names)
    (folder / "broken.json").write_text('{"title": "x", "body": ', encoding="utf-8")
    result = ingest(pg_url, folder)
    assert "articles read: 3  duplicate: 0  failed: 1" in result.stdout
    assert any(line.startswith("FAILED") and "broken.json" in line and "malformed JSON" in line
               for line in result.stdout.splitlines()), result.stdout
    listed = app("failures", "--db", pg_url)
    assert listed.returncode == 0 and "broken.json" in listed.stdout and "malformed JSON" in listed.stdout
    assert export(pg_url, "claims").count("\n") > 0


def test_two_ingests_at_once_store_every_article_once(pg_url, tmp_path):
    names = sorted(p.name for p in DEMO.glob("*.txt"))
    a = demo_subset(tmp_path / "a", names[: len(names) * 2 // 3])
    b = demo_subset(tmp_path / "b", names[len(names) // 3:])  # a third in common
    procs = [
        subprocess.Popen([sys.executable, "app.py", "ingest", str(folder), "--db", pg_url, "--quiet"],
                         cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for folder in (a, b)
    ]
    outputs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outputs
    read = [int(out.split("articles read: ")[1].split()[0]) for out, _ in outputs]
    assert sum(read) == len(names), outputs
    rows = table_rows(pg_url)
    titles = [row[3] for row in rows["articles"]]
    assert len(titles) == len(names) == len(set(titles))
    claims = export(pg_url, "claims").splitlines()
    assert claims and len(claims) == len(set(claims))


def test_kill_9_midway_then_rerun_equals_one_uninterrupted_run(pg_server, tmp_path):
    corpus = write_corpus(tmp_path / "in", 400)
    clean, killed = new_database(pg_server), new_database(pg_server)
    ingest(clean, corpus)
    proc = subprocess.Popen([sys.executable, "app.py", "ingest", str(corpus), "--db", killed, "--quiet"],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    stored, deadline = 0, time.time() + 120
    with psycopg.connect(killed, autocommit=True) as watch:
        while time.time() < deadline and proc.poll() is None and stored < 20:
            if watch.execute("SELECT to_regclass('articles') IS NOT NULL").fetchone()[0]:
                stored = watch.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
            time.sleep(0.02)
        if proc.poll() is not None:
            pytest.fail("the ingest finished before it could be killed; make the corpus larger")
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        partial = watch.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        assert 0 < partial < 400, "the kill must land midway"
    ingest(killed, corpus)
    for what in ("claims", "mentions", "places"):
        assert export(killed, what) == export(clean, what), what


def test_export_names_a_database_that_does_not_exist(pg_server):
    result = app("export", "--db", pg_server + "no_such_db", "--what", "claims", "--format", "csv")
    assert result.returncode == 2
    assert "no_such_db" in result.stderr and "Traceback" not in result.stderr
