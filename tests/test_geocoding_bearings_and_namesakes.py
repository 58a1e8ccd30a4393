"""Pins, third round: a bearing from a named place ("Khazir, west of Erbil") must point the right
way, a district said to be in a city is no namesake abroad, an alternate name of a foreign city
does not make its country the article's theatre, a world city does not take the name of a theatre
village named next to its neighbours, an air base is placed at its town, and a curated place wins
a near tie with an uncurated namesake."""
from __future__ import annotations

import pytest
from geopy.distance import geodesic

from tests.conftest import resolved


def km_from(resolution, lat: float, lon: float) -> float:
    assert resolution.place is not None, resolution.reason
    return geodesic((resolution.place.lat, resolution.place.lon), (lat, lon)).km


@pytest.mark.parametrize("body, name, lat, lon, km", [
    ("ISIS still holds Tal Afar, west of Mosul, and Hawija.", "Tal Afar", 36.38, 42.45, 10),
    ("Troops reached Qayyarah, 60 km south of Mosul, on Monday.", "Qayyarah", 35.80, 43.29, 15),
    ("Shells hit Peshmerga lines near Khazir, west of Erbil, in Iraq.", "Khazir", 36.30, 43.62, 10),
])
def test_a_bearing_from_a_named_place_places_the_name(full_index, body, name, lat, lon, km):
    assert km_from(resolved(full_index, body)[name], lat, lon) <= km


def test_a_namesake_on_the_wrong_side_of_the_bearing_is_not_taken(full_index):
    # the villages called Khadir (Khāzir, Qādir) lie 50-75 km south of Erbil, none west of it
    west = resolved(full_index, "Air strikes hit artillery near Khadir, west of Erbil, in Iraq.")["Khadir"]
    south = resolved(full_index, "Air strikes hit artillery near Khadir, south of Erbil, in Iraq.")["Khadir"]
    assert west.place is None
    assert km_from(south, 36.19, 44.01) <= 90 and south.place.lat < 36.0


def test_a_district_in_a_city_is_no_namesake_abroad(full_index):
    found = resolved(full_index, "ISIS holds the Varna district in eastern Ramadi, Iraqi officers said.")
    assert found["Varna"].place is None or found["Varna"].place.country == "IQ"


def test_an_alternate_name_of_a_foreign_city_does_not_make_its_country_the_theatre(full_index):
    found = resolved(full_index, "ISIS controls the Sufiya district of Ramadi, and clashes went on in Sufiya.")
    assert all(r.place is not None and r.place.country == "IQ" for r in found.values())


def test_a_world_city_does_not_take_a_village_named_with_its_neighbours(full_index):
    found = resolved(full_index, "Iraqi jets struck terrorist headquarters in Hawija and Riyadh on Tuesday.")
    assert found["Riyadh"].place is not None and found["Riyadh"].place.country == "IQ"
    found = resolved(full_index, "The Saudi foreign minister flew from Riyadh to Paris.")
    assert found["Riyadh"].place is not None and found["Riyadh"].place.country == "SA"


def test_a_village_the_curated_list_calls_a_town_is_still_chosen(full_index):
    found = resolved(full_index, "Troops entered the village of Siniya, west of Baiji, in Iraq.")
    assert km_from(found["Siniya"], 34.928, 43.404) <= 5


def test_an_air_base_named_after_its_town_is_placed_at_the_town(full_index):
    found = resolved(full_index, "SDF fighters took Menagh military airport, north of Tal Rifaat, in Syria.")
    assert km_from(found["Menagh military airport"], 36.52, 37.05) <= 5


def test_x_countryside_is_the_province(full_index):
    found = resolved(full_index, "LATAKIA COUNTRYSIDE — Rebels took Kessab, on the Turkish border.")
    assert found["LATAKIA"].place is not None and found["LATAKIA"].place.kind == "region"


def test_a_curated_governorate_wins_a_near_tie_but_does_not_take_its_city(full_index):
    found = resolved(full_index, "Salah ad-Din: troops cleared villages near Tikrit. Erbil and Baghdad reported calm.")
    assert found["Salah ad-Din"].place is not None and found["Salah ad-Din"].place.kind == "region"
    found = resolved(full_index, "Fighters pulled back toward Deir al-Zor and al-Sukhnah, monitors in Syria said.")
    assert km_from(found["Deir al-Zor"], 35.336, 40.141) <= 10
