"""The read-only JSON API that scripts use, on the dashboard's own server."""
from __future__ import annotations

import pytest

from app import create_app
from store.read import CLAIM_FIELDS

PLACE_KEYS = {"place_ref", "name", "lat", "lon", "side", "state", "last_claim_date", "n_claims", "n_sources"}


@pytest.fixture(scope="module")
def client(scenario_db):
    return create_app(scenario_db).server.test_client()


def places(client, query: str = "") -> dict[str, dict]:
    response = client.get("/api/places" + query)
    assert response.status_code == 200
    return {p["place_ref"]: p for p in response.get_json()}


def test_places_have_the_documented_fields(client):
    listed = places(client, "?asof=2017-01-01")
    assert listed and all(set(p) == PLACE_KEYS for p in listed.values())
    assert {p["state"] for p in listed.values()} <= {"held", "contested", "stale", "unknown"}


def test_asof_moves_the_holder_across_a_capture(client):
    assert places(client, "?asof=2017-07-09")["geonames:99072"]["side"] == "Iraqi government"
    assert places(client, "?asof=2015-06-01")["geonames:99072"]["side"] == "ISIS"
    before = places(client, "?asof=2015-11-12")["geonames:95446"]
    after = places(client, "?asof=2015-11-13")["geonames:95446"]
    assert (before["side"], after["side"]) == ("ISIS", "Kurdish forces")
    assert after["last_claim_date"] == "2015-11-13" and after["n_claims"] == 2


def test_date_range_and_filters_limit_what_counts(client):
    whole = places(client, "?asof=2018-01-01")
    narrow = places(client, "?asof=2018-01-01&from=2017-01-01&to=2017-12-31")
    assert sum(p["n_claims"] for p in narrow.values()) < sum(p["n_claims"] for p in whole.values())
    assert "geonames:95446" not in narrow  # Sinjar has no 2017 claims
    only_captures = places(client, "?asof=2018-01-01&claim=captured&side=SDF")
    assert list(only_captures) == ["geonames:163915"]


def test_nonsense_parameters_are_ignored_not_errors(client):
    assert places(client, "?asof=not-a-date&from=2016-13-45&minconf=x")


def test_claims_of_a_place_in_the_export_contract(client):
    response = client.get("/api/claims?place=geonames:99072&from=2016-01-01&to=2016-12-31")
    rows = response.get_json()
    assert [r["claim"] for r in rows] == ["advancing", "entered"]
    assert all(list(r) == sorted(CLAIM_FIELDS) or set(r) == set(CLAIM_FIELDS) for r in rows)


def test_claims_without_a_place_is_a_clear_400(client):
    response = client.get("/api/claims")
    assert response.status_code == 400 and "place" in response.get_json()["error"]


def test_minimum_confidence_and_place_search_narrow_the_places(client):
    assert places(client, "?asof=2018-01-01&minconf=0.95") == {}
    assert list(places(client, "?asof=2018-01-01&q=raqq")) == ["geonames:163915"]
