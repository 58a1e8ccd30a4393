"""Permalinks and exports: a link reproduces the view; downloads hold what the view shows."""
from __future__ import annotations

import csv
import io
import json

from analysis.service import DashboardData
from analysis.view import View, view_from_query
from components.export import claims_csv, claims_geojson
from store.read import CLAIM_FIELDS


def test_a_view_survives_the_round_trip_through_its_url():
    view = View(asof="2016-11-01", date_from="2016-01-01", date_to="2016-12-31", sides=("ISIS", "SDF"),
                claim_types=("captured",), outlets=("AP",), min_confidence=0.5, place_query="mos",
                place="geonames:99072")
    assert view_from_query("?" + view.to_query()) == view


def test_bad_url_values_fall_back_to_defaults():
    view = view_from_query("asof=yesterday&from=2016-02-30&minconf=lots&side=")
    assert (view.asof, view.date_from, view.min_confidence, view.sides) == (None, None, 0.0, ())


def test_csv_and_geojson_exports_hold_the_claims_of_the_view(scenario_db):
    data = DashboardData(scenario_db)
    rows = data.view_claims(View(asof="2016-12-31", date_from="2016-01-01", sides=("Iraqi government",)))
    assert rows and {r["side"] for r in rows} == {"Iraqi government"}
    assert all("2016-01-01" <= r["date"] <= "2016-12-31" for r in rows)
    table = list(csv.DictReader(io.StringIO(claims_csv(rows))))
    assert tuple(table[0]) == CLAIM_FIELDS and len(table) == len(rows)
    features = json.loads(claims_geojson(rows))["features"]
    assert len(features) == len(rows)
    assert features[0]["geometry"]["coordinates"] == [rows[0]["lon"], rows[0]["lat"]]


def test_the_panel_lists_claims_oldest_first_within_the_range(scenario_db):
    data = DashboardData(scenario_db)
    claims = data.place_claims("geonames:99072", View(date_from="2015-01-01"))
    assert [c["date"] for c in claims] == sorted(c["date"] for c in claims)
    assert claims[0]["date"] == "2015-03-02"


def test_the_dashboard_sees_claims_written_by_another_process(tmp_path, scenario_db, monkeypatch):
    import shutil

    import analysis.frame
    from bench.synthetic import SynthClaim, write_claims
    from store.db import connect

    monkeypatch.setattr(analysis.frame, "RECHECK_SECONDS", 0.0)
    db = tmp_path / "copy.sqlite"
    shutil.copy(scenario_db, db)
    data = DashboardData(db)
    before = {p["place_ref"]: p for p in data.place_records(View(asof="2018-06-01"))}
    assert before["geonames:163915"]["side"] == "SDF"
    conn = connect(db)
    write_claims(conn, [SynthClaim("late", "s000000000000000", "geonames:163915", "Raqqa", "Daesh", "ISIS",
                                   "captured", "2018-05-01", "ISIS retook Raqqa.", 0.9)])
    conn.close()
    after = {p["place_ref"]: p for p in data.place_records(View(asof="2018-06-01"))}
    assert after["geonames:163915"]["side"] == "ISIS"
