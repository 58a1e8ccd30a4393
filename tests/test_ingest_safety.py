"""Ingest promises: re-running changes nothing, a kill -9 loses nothing, two ingests
at once store every article once, and bad files are named while good ones go in."""
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PLACES = ["Mosul", "Bartella", "Qaraqosh", "Bashiqa", "Hammam al-Alil", "Tal Afar", "Qayyarah", "Gogjali"]
VERBS = ["recaptured", "entered", "shelled", "were advancing toward", "besieged"]
TABLES = {
    "articles": "SELECT id, source_file, url, title, published, published_text, source, body FROM articles",
    "places": "SELECT * FROM places",
    "mentions": "SELECT * FROM mentions",
    "claims": "SELECT * FROM claims",
}


def write_corpus(folder: Path, count: int, start: int = 0) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(start, start + count):
        place, verb = PLACES[i % len(PLACES)], VERBS[i % len(VERBS)]
        day = 1 + i % 28
        (folder / f"{i:04d}.txt").write_text(
            f"Report {i}: fighting near {place}\n{day} Nov 2016\n\n"
            f"MOSUL, Iraq (Tigris Wire) - Iraqi troops {verb} {place} on Tuesday, a commander said. "
            f"Residents of {place} described heavy clashes in report number {i}.\n",
            encoding="utf-8",
        )
    return folder


def run_ingest(db: Path, *paths: Path, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "app.py", "ingest", *map(str, paths), "--db", str(db), "--quiet"],
        cwd=ROOT, capture_output=True, text=True, timeout=600, **kw,
    )


def snapshot(db: Path) -> dict[str, list]:
    conn = sqlite3.connect(db)
    try:
        return {name: sorted(conn.execute(sql).fetchall(), key=repr) for name, sql in TABLES.items()}
    finally:
        conn.close()


def test_reingesting_a_folder_reports_duplicates_and_changes_nothing(tmp_path):
    corpus = write_corpus(tmp_path / "in", 12)
    db = tmp_path / "f.sqlite"
    first = run_ingest(db, corpus)
    assert first.returncode == 0, first.stderr
    assert "articles read: 12  duplicate: 0" in first.stdout
    before = snapshot(db)
    second = run_ingest(db, corpus)
    assert second.returncode == 0, second.stderr
    assert "articles read: 0  duplicate: 12" in second.stdout
    assert snapshot(db) == before


def test_kill_9_midway_then_rerun_equals_one_uninterrupted_run(tmp_path):
    corpus = write_corpus(tmp_path / "in", 400)
    clean_db, killed_db = tmp_path / "clean.sqlite", tmp_path / "killed.sqlite"
    assert run_ingest(clean_db, corpus).returncode == 0
    proc = subprocess.Popen(
        [sys.executable, "app.py", "ingest", str(corpus), "--db", str(killed_db), "--quiet"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    stored = 0
    deadline = time.time() + 300
    while time.time() < deadline and proc.poll() is None:
        if killed_db.exists():
            try:
                conn = sqlite3.connect(killed_db, timeout=1)
                stored = conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
                conn.close()
            except sqlite3.OperationalError:
                stored = 0
        if stored >= 20:
            break
        time.sleep(0.02)
    if proc.poll() is not None:
        pytest.fail("the ingest finished before it could be killed; make the corpus larger")
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    partial = snapshot(killed_db)["articles"]
    assert 0 < len(partial) < 400, "the kill must land midway"
    rerun = run_ingest(killed_db, corpus)
    assert rerun.returncode == 0, rerun.stderr
    assert snapshot(killed_db) == snapshot(clean_db)


def test_two_ingests_at_once_store_every_article_once(tmp_path):
    a = write_corpus(tmp_path / "a", 80, start=0)
    b = write_corpus(tmp_path / "b", 80, start=40)  # 40 articles in common
    db = tmp_path / "shared.sqlite"
    procs = [
        subprocess.Popen([sys.executable, "app.py", "ingest", str(folder), "--db", str(db), "--quiet"],
                         cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for folder in (a, b)
    ]
    outputs = [p.communicate(timeout=600) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outputs
    conn = sqlite3.connect(db)
    titles = [row[0] for row in conn.execute("SELECT title FROM articles")]
    claim_ids = [row[0] for row in conn.execute("SELECT id FROM claims")]
    conn.close()
    assert len(titles) == 120 and len(set(titles)) == 120
    assert len(claim_ids) == len(set(claim_ids))


def test_bad_files_are_named_and_good_ones_ingested(tmp_path):
    folder = write_corpus(tmp_path / "mixed", 3)
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "broken.json").write_text('{"title": "x", "body": ', encoding="utf-8")
    (folder / "huge.txt").write_text("Huge\n1 Nov 2016\n\n" + "Troops advanced. " * 1_300_000, encoding="utf-8")
    (folder / "cp1252.txt").write_bytes(
        "Peshmerga enter Ba\u2019shiqah\n7 Nov 2016\n\nKurdish Peshmerga fighters entered Bashiqa \u2013 officers said.\n"
        .encode("cp1252"))
    db = tmp_path / "f.sqlite"
    result = run_ingest(db, folder)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "articles read: 4" in out  # three good ones and the Windows-1252 one
    for name, reason in (("binary.txt", "binary"), ("empty.txt", "empty file"), ("broken.json", "malformed JSON"),
                         ("huge.txt", "MB limit")):
        line = next(l for l in out.splitlines() if l.startswith("FAILED") and name in l)
        assert reason in line, line
    conn = sqlite3.connect(db)
    titles = {row[0] for row in conn.execute("SELECT title FROM articles")}
    failures = {Path(row[0]).name for row in conn.execute("SELECT source_file FROM failures")}
    conn.close()
    assert "Peshmerga enter Ba\u2019shiqah" in titles
    assert failures == {"binary.txt", "empty.txt", "broken.json", "huge.txt"}
    bigger = subprocess.run(
        [sys.executable, "app.py", "ingest", str(folder / "huge.txt"), "--db", str(db), "--quiet", "--max-file-mb", "30"],
        cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert "articles read: 1" in bigger.stdout, bigger.stdout + bigger.stderr
