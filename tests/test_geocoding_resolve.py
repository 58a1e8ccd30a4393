"""Resolution in context, as a reader of the map would notice it."""
from __future__ import annotations


import pytest
from geopy.distance import geodesic

from geocoding.vague import area_place
from tests.conftest import SHARED, resolved

SEED = SHARED / "seed" / "000_348ad8083cd88763.txt"
MOSUL = (36.34, 43.13)


def test_seed_toponyms_land_where_they_are(theatre_index):
    if not SEED.exists():
        pytest.skip("../shared/seed is not here")
    res = resolved(theatre_index, SEED.read_text(encoding="utf-8"))
    assert geodesic(MOSUL, (res["Mosul"].place.lat, res["Mosul"].place.lon)).km < 25
    assert res["Iraq"].place.kind == "country" and res["Iraq"].place.country == "IQ"
    assert res["Gogjali"].place.ref == "curated:gogjali"
    assert res["Karama"].place.ref == "curated:karama"
    assert res["Asyla"].place is None and res["Asyla"].reason


def test_karama_is_the_mosul_district_only_in_a_mosul_story(theatre_index):
    mosul = ("Iraqi troops entered the Karama district of eastern Mosul on Friday after taking "
             "Gogjali.")
    anbar = ("Iraqi troops entered Karama on Friday, a village near Ramadi in Anbar province, "
             "officials in Fallujah said.")
    assert resolved(theatre_index, mosul)["Karama"].place.ref == "curated:karama"
    other = resolved(theatre_index, anbar)["Karama"]
    assert other.place is None or other.place.ref != "curated:karama"


def test_runner_up_candidates_and_confidence_are_reported(theatre_index):
    res = resolved(theatre_index, "Fighting was reported in Karama, in east Mosul, Iraq.")["Karama"]
    assert 0.5 < res.confidence <= 1.0
    assert res.candidates and all(c.place.ref != res.place.ref for c in res.candidates)


@pytest.mark.parametrize("relation, bearing_check, km_range", [
    ("west of", lambda d_lat, d_lon: d_lon < 0, (8, 16)),
    ("eastern", lambda d_lat, d_lon: d_lon > 0, (1, 6)),
    ("12 km north of", lambda d_lat, d_lon: d_lat > 0, (11.9, 12.1)),
    ("south of", lambda d_lat, d_lon: d_lat < 0, (8, 16)),
    ("the center of", lambda d_lat, d_lon: True, (0.01, 1)),
])
def test_vague_areas_sit_beside_their_anchor(relation, bearing_check, km_range):
    from geocoding.records import Place
    mosul = Place("geonames:99072", "Mosul", 36.335, 43.11889, "city", "IQ")
    area = area_place(mosul, relation)
    km = geodesic((mosul.lat, mosul.lon), (area.lat, area.lon)).km
    assert km_range[0] <= km <= km_range[1]
    assert bearing_check(area.lat - mosul.lat, area.lon - mosul.lon)
    assert area.geo_precision == 2 and area.anchor_ref == mosul.ref
    assert area.ref.startswith("area:") and area.ref.endswith(":geonames:99072")


def test_a_town_gets_a_smaller_offset_than_a_city():
    from geocoding.records import Place
    city = Place("c", "City", 36.0, 43.0, "city")
    town = Place("t", "Town", 36.0, 43.0, "town")
    far = lambda p: geodesic((36.0, 43.0), (area_place(p, "west of").lat, area_place(p, "west of").lon)).km
    assert far(town) < far(city)


@pytest.mark.parametrize("body, expected", [
    ("Troops retook Karama near Qayyarah on Monday.", "geonames:6804359"),  # the village by Qayyarah
    ("Troops retook Karama in Mosul on Monday.", "curated:karama"),
    ("Troops retook Karama in Iraq on Monday.", None),  # five Iraqi villages of that name: unknown
])
def test_the_place_named_beside_decides_between_namesakes(theatre_index, body, expected):
    res = resolved(theatre_index, body)["Karama"]
    assert (res.place.ref if res.place else None) == expected
    if expected is None:
        assert "ambiguous" in res.reason and len(res.candidates) >= 2
