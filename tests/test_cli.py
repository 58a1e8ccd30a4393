"""The command line end to end: ingest the seed article, export what it holds, ask the geocoder."""
import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from geopy.distance import geodesic

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "seed" / "000_348ad8083cd88763.txt"
needs_seed = pytest.mark.skipif(not SEED.exists(), reason="../shared/seed is not beside this checkout")


def app(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "app.py", *args], cwd=ROOT, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def seed_db(tmp_path_factory):
    if not SEED.exists():
        pytest.skip("../shared/seed is not beside this checkout")
    db = tmp_path_factory.mktemp("seed") / "seed.sqlite"
    result = app("ingest", str(SEED), "--db", str(db), "--quiet")
    assert result.returncode == 0, result.stderr
    assert "articles read: 1" in result.stdout
    return db


def export(db: Path, what: str, fmt: str) -> str:
    result = app("export", "--db", str(db), "--what", what, "--format", fmt)
    assert result.returncode == 0, result.stderr
    return result.stdout


@needs_seed
def test_seed_claims_match_the_gold(seed_db):
    gold = json.loads(SEED.with_suffix(".gold.json").read_text(encoding="utf-8"))
    claims = [json.loads(line) for line in export(seed_db, "claims", "jsonl").splitlines()]
    found = {(c["place_name"] or c["place_text"], c["side"], c["claim"], c["date"]) for c in claims}
    firm = [g for g in gold["claims"] if not g.get("vague")]
    matched = [g for g in firm if any(
        g["place"].lower() in (place or "").lower() and side == g["side"] and claim == g["claim"] and date == g["date"]
        for place, side, claim, date in found)]
    assert len(matched) >= 8, f"matched {len(matched)} of {len(firm)}: {sorted(found)}"
    vague = [c for c in claims if c["geo_precision"] == 2 and "villages" in c["place_text"]]
    assert len(vague) >= 2 and all(c["place_ref"].endswith("geonames:99072") for c in vague)


@needs_seed
def test_seed_toponyms_and_mosul_pin(seed_db):
    mentions = [json.loads(line) for line in export(seed_db, "mentions", "jsonl").splitlines()]
    surfaces = {m["text"] for m in mentions}
    assert {"Mosul", "Iraq", "Gogjali", "Karama", "Asyla"} <= surfaces
    mosul = next(m for m in mentions if m["text"] == "Mosul")
    assert geodesic((mosul["lat"], mosul["lon"]), (36.34, 43.13)).km < 10


@needs_seed
def test_exports_share_one_contract_in_every_format(seed_db):
    lines = export(seed_db, "claims", "jsonl").splitlines()
    rows = list(csv.DictReader(io.StringIO(export(seed_db, "claims", "csv"))))
    geo = json.loads(export(seed_db, "claims", "geojson"))
    first = json.loads(lines[0])
    assert list(first) == list(rows[0]) and len(rows) == len(lines)
    assert geo["type"] == "FeatureCollection"
    resolved = [json.loads(line) for line in lines if json.loads(line)["lat"] is not None]
    assert len(geo["features"]) == len(resolved)
    lon, lat = geo["features"][0]["geometry"]["coordinates"]
    assert -180 <= lon <= 180 and -90 <= lat <= 90 and "evidence" in geo["features"][0]["properties"]
    places = json.loads(export(seed_db, "places", "geojson"))
    assert any(f["properties"]["name"] == "Mosul" for f in places["features"])


def test_geocode_command_ranks_variants_to_one_place():
    refs = set()
    for spelling in ("Bashiqa", "Ba'shiqah", "Bashiqah"):
        result = app("geocode", spelling, "--country", "IQ")
        assert result.returncode == 0, result.stderr
        ranked = json.loads(result.stdout)
        assert ranked[0]["score"] >= ranked[-1]["score"] and "why" in ranked[0]
        refs.add(ranked[0]["ref"])
    assert len(refs) == 1


def test_export_of_a_missing_database_says_so(tmp_path):
    result = app("export", "--db", str(tmp_path / "none.sqlite"), "--what", "claims", "--format", "csv")
    assert result.returncode == 2 and "no database" in result.stderr


def test_failures_are_listed_and_retried_after_a_fix(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    bad = folder / "late.json"
    bad.write_text('{"title": "Troops enter Bartella", "body": ', encoding="utf-8")
    db = tmp_path / "f.sqlite"
    first = app("ingest", str(folder), "--db", str(db), "--quiet")
    assert first.returncode == 1 and "malformed JSON" in first.stdout  # nothing was read
    listed = app("failures", "--db", str(db))
    assert "late.json" in listed.stdout and "malformed JSON" in listed.stdout
    bad.write_text('{"title": "Troops enter Bartella", "published": "2016-10-20", '
                   '"body": "Iraqi troops entered Bartella on Thursday."}', encoding="utf-8")
    retried = app("ingest", "--retry-failed", "--db", str(db), "--quiet")
    assert "articles read: 1" in retried.stdout, retried.stdout + retried.stderr
    assert "late.json" not in app("failures", "--db", str(db)).stdout
