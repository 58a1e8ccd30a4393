"""The store on a real PostgreSQL server: a throwaway cluster (initdb + pg_ctl) for the session,
a fresh database per test, and the command line run against a postgresql:// URL exactly as a
user would run it against a SQLite file."""
from __future__ import annotations

import glob
import json
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from pathlib import Path

import pytest

from cli import main
from store.db import connect
from tests.test_ingest_safety import write_corpus
from tests.test_serving_gunicorn import GUNICORN, free_port, gunicorn, stop

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


# The dashboard on a PostgreSQL store: the same answers as on a SQLite file holding the same
# articles. One pristine copy of the demo corpus per engine for the module; tests that change
# the store work on a clone of it (CREATE DATABASE ... TEMPLATE).

UNKNOWN_VILLAGE = ("Troops take Zarqawiya\n21 Oct 2016\n\nIraqi troops captured the village of Zarqawiya on "
                   "Thursday, officers said.\n")
VIEWS = ("", "?asof=2014-08-15", "?asof=2015-06-01&side=ISIS", "?claim=captured,entered&minconf=0.5",
         "?from=2014-06-01&to=2014-12-31", "?q=mosul")


@pytest.fixture(scope="module")
def demo_stores(pg_server, tmp_path_factory) -> tuple[Path, str, str]:
    """(SQLite file, pristine server database never opened by an app, the server's URL) of the
    demo corpus plus one article naming a village no gazetteer knows, ingested through the real
    pipeline."""
    from ingest.run import ingest_paths

    work = tmp_path_factory.mktemp("pg-dash")
    (work / "unknown").mkdir()
    (work / "unknown" / "zarqawiya.txt").write_text(UNKNOWN_VILLAGE, encoding="utf-8")
    sqlite_db, template = work / "demo.sqlite", new_database(pg_server)
    for db in (sqlite_db, template):
        summary = ingest_paths([DEMO, work / "unknown"], db)
        assert summary.read >= 40 and not summary.failed, summary.lines()
    return sqlite_db, template.rsplit("/", 1)[1], pg_server


def clone(stores) -> str:
    """A new server database holding the module's demo store."""
    _, template, server = stores
    name = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server + "postgres", autocommit=True) as admin:
        # this process keeps the connections it closed for reuse; a template must have none
        admin.execute("SELECT pg_terminate_backend(pid, 10000) FROM pg_stat_activity WHERE datname = %s", (template,))
        admin.execute(f"CREATE DATABASE {name} TEMPLATE {template}")
    return server + name


@pytest.fixture(scope="module")
def dashboards(demo_stores):
    """Test clients of the real app on the SQLite file and on a clone on the server."""
    from app import create_app

    sqlite_db = demo_stores[0]
    return create_app(sqlite_db).server.test_client(), create_app(clone(demo_stores)).server.test_client()


def answer(client, path: str):
    response = client.get(path)
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()


@pytest.mark.parametrize("query", VIEWS)
def test_the_map_answers_the_same_from_postgresql_as_from_sqlite(dashboards, query):
    on_sqlite, on_postgres = (answer(client, "/api/places" + query) for client in dashboards)
    assert on_sqlite and on_postgres == on_sqlite
    if query in ("", "?asof=2014-08-15"):
        assert len(on_sqlite) > 10 and {p["state"] for p in on_sqlite} & {"held", "contested"}


def test_a_places_claims_and_the_unresolved_list_are_the_same_on_both(dashboards, demo_stores):
    from analysis.unresolved import unresolved_names

    places = answer(dashboards[0], "/api/places")
    busiest = max(places, key=lambda p: (p["n_claims"], p["place_ref"]))["place_ref"]
    on_sqlite, on_postgres = (answer(client, f"/api/claims?place={busiest}") for client in dashboards)
    assert len(on_sqlite) >= 3 and on_postgres == on_sqlite

    sqlite_db, template, server = demo_stores
    lists = []
    for db in (sqlite_db, server + template):
        conn = connect(db, readonly=True)
        try:
            lists.append(unresolved_names(conn))
        finally:
            conn.close()
    assert lists[0] and lists[1] == lists[0]


def test_the_dashboards_download_is_the_same_on_both(demo_stores):
    from analysis.service import DashboardData
    from analysis.view import View
    from components.export import claims_csv

    downloads = [claims_csv(DashboardData(db).view_claims(View())) for db in (demo_stores[0], clone(demo_stores))]
    assert downloads[0].count("\n") > 50 and downloads[1] == downloads[0]


def test_a_correction_on_postgresql_is_stored_and_the_map_shows_it(demo_stores, monkeypatch):
    import analysis.frame
    from analysis.service import DashboardData
    from analysis.unresolved import correct, unresolved_names, user_place
    from analysis.view import View
    from geocoding.names import name_key

    monkeypatch.setattr(analysis.frame, "RECHECK_SECONDS", 0.0)
    url = clone(demo_stores)
    data = DashboardData(url)  # the dashboard, running before the fix
    assert not [p for p in data.place_records(View()) if p["name"] == "Zarqawiya"]
    conn = data.source.connection()
    try:
        assert "Zarqawiya" in [n.name for n in unresolved_names(conn)]
        place = user_place("Zarqawiya", 36.31, 43.37)
        assert correct(conn, "Zarqawiya", place) == {"mentions": 1, "claims": 1}
        assert "Zarqawiya" not in [n.name for n in unresolved_names(conn)]
    finally:
        conn.close()
    with psycopg.connect(url) as check:
        assert check.execute("SELECT name_key, place_ref FROM corrections").fetchall() == [
            (name_key("Zarqawiya"), place.ref)]
    shown = [p for p in data.place_records(View()) if p["place_ref"] == place.ref]
    assert [(p["name"], p["side"], p["n_claims"]) for p in shown] == [("Zarqawiya", "Iraqi government", 1)]


def test_the_dashboard_notices_an_upload_made_by_another_worker(demo_stores, monkeypatch):
    import analysis.frame
    from analysis.ingest_jobs import IngestJobs
    from app import create_app

    monkeypatch.setattr(analysis.frame, "RECHECK_SECONDS", 0.0)
    url = clone(demo_stores)
    client = create_app(url).server.test_client()
    before = answer(client, "/api/places?q=bartella")
    article = b"Troops enter Bartella\n20 Oct 2016\n\nIraqi troops entered Bartella on Thursday, officers said.\n"
    other_worker = IngestJobs(url)  # its own jobs, not wired to this app's frame
    job = other_worker.start([("bartella.txt", article)])
    deadline = time.time() + 60
    while job.state == "running" and time.time() < deadline:
        time.sleep(0.1)
        job = IngestJobs(url).status(job.id)
    assert job.state == "done" and "added 1 articles" in job.message, job
    after = answer(client, "/api/places?q=bartella&asof=2016-10-21")
    assert sum(p["n_claims"] for p in after) > sum(p["n_claims"] for p in before)


def test_the_page_draws_markers_from_a_postgresql_store(demo_stores, browser):
    from tests.conftest import serve

    url, server = serve(clone(demo_stores))
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    try:
        page.goto(url + "/")
        page.wait_for_function("() => { const g = document.querySelector('#map .js-plotly-plot');"
                               " return g && g.data && g.data.length && g.data[0].ids; }", timeout=20000)
        drawn = page.evaluate("() => document.querySelector('#map .js-plotly-plot').data"
                              ".reduce((n, t) => n + (t.ids || []).length, 0)")
        with urllib.request.urlopen(url + "/api/places", timeout=20) as response:
            assert drawn == len(json.loads(response.read())) > 10
    finally:
        page.close()
        server.shutdown()


def test_gunicorn_serves_a_postgresql_store_as_it_serves_the_sqlite_file(demo_stores, dashboards):
    if not GUNICORN.exists():
        pytest.skip(f"gunicorn is not installed next to {sys.executable}")
    port = free_port()
    proc = gunicorn(clone(demo_stores), port, {})
    try:
        deadline, places = time.monotonic() + 90, None
        while places is None and time.monotonic() < deadline and proc.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/places?asof=2014-08-15", timeout=10) as r:
                    places = json.loads(r.read())
            except OSError:
                time.sleep(0.3)
        assert places is not None, stop(proc)[-2000:]
    finally:
        stop(proc)
    assert places == answer(dashboards[0], "/api/places?asof=2014-08-15")


def test_serve_and_gunicorn_refuse_a_server_database_without_a_store(pg_url):
    result = app("serve", "--db", pg_url, "--port", "1")
    name = pg_url.rsplit("/", 1)[1]
    assert result.returncode == 2 and name in result.stderr and "Traceback" not in result.stderr
    if GUNICORN.exists():
        proc = gunicorn(pg_url, free_port(), {})
        try:
            proc.wait(timeout=90)
        finally:
            out = stop(proc)
        assert proc.returncode != 0 and f"{name}: the database holds no Frontline store" in out


def test_the_map_stays_up_and_recovers_when_the_server_drops_its_connections(demo_stores, monkeypatch):
    import analysis.frame
    from analysis.service import DashboardData
    from analysis.unresolved import correct, user_place
    from analysis.view import View

    monkeypatch.setattr(analysis.frame, "RECHECK_SECONDS", 0.0)
    url = clone(demo_stores)
    data = DashboardData(url)
    before = data.place_records(View())
    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url, autocommit=True) as admin:  # what a server restart does to the dashboard
        admin.execute("SELECT pg_terminate_backend(pid, 10000) FROM pg_stat_activity"
                      " WHERE datname = %s AND pid <> pg_backend_pid()", (name,))
    assert data.place_records(View()) == before
    conn = connect(url)
    try:
        place = user_place("Zarqawiya", 36.31, 43.37)
        correct(conn, "Zarqawiya", place)
    finally:
        conn.close()
    assert place.ref in [p["place_ref"] for p in data.place_records(View())]


def test_requests_reuse_a_few_connections_and_survive_their_loss(dashboards):
    """A panel click or API call reuses a connection of an earlier request (opening one costs
    more than the query), keeps their number bounded, and does not fail on one the server closed."""
    from store.postgres import IDLE_PER_DATABASE

    client = dashboards[1]
    url = client.application.config["frontline_data"].db_path
    place = answer(dashboards[0], "/api/places")[0]["place_ref"]
    expected = answer(dashboards[0], f"/api/claims?place={place}")
    sessions = "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()"
    name = url.rsplit("/", 1)[1]
    for _ in range(3):
        for _ in range(10):
            assert answer(client, f"/api/claims?place={place}") == expected
        with psycopg.connect(url, autocommit=True) as admin:
            assert 1 <= admin.execute(sessions, (name,)).fetchone()[0] <= 1 + IDLE_PER_DATABASE  # kept, and few
            admin.execute("SELECT pg_terminate_backend(pid, 10000) FROM pg_stat_activity"
                          " WHERE datname = %s AND pid <> pg_backend_pid()", (name,))
