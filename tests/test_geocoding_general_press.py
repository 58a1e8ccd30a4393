"""Places of the wars in Iraq and Syria as the press at large names them, beyond Mosul: city
districts, multi-word names, bases and dams, transliteration variants, short names such as
al-Rai, and curated places that big GeoNames cities used to steal through a wrong alternate name."""
from __future__ import annotations

import pytest
from geopy.distance import geodesic

from geocoding.names import name_key
from tests.conftest import resolved


def assert_near(resolution, lat: float, lon: float, km: float) -> None:
    assert resolution.place is not None, resolution.reason
    distance = geodesic((resolution.place.lat, resolution.place.lon), (lat, lon)).km
    assert distance <= km, f"{resolution.place.name} is {distance:.0f} km away"


@pytest.mark.parametrize("body, name, lat, lon", [
    ("Kurdish forces withdrew from Daquq, south of Kirkuk, on Monday.", "Daquq", 35.14, 44.45),
    ("Syrian troops retook Adra, north-east of Damascus, the army said.", "Adra", 33.60, 36.51),
    ("Kurdish-led fighters drove Islamic State out of Kobani in Syria.", "Kobani", 36.89, 38.35),
])
def test_a_curated_place_beats_a_big_city_that_has_its_name_as_an_alternate(full_index, body, name, lat, lon):
    assert_near(resolved(full_index, body)[name], lat, lon, 10)


def test_al_rai_is_found_but_a_bare_rai_is_no_place(full_index):
    found = resolved(full_index, "Turkish-backed rebels entered al-Rai, near the Turkish border, in Syria.")
    assert_near(found["al-Rai"], 36.61, 37.44, 10)
    assert name_key("al-Rai") == name_key("ar-Ra'i")
    assert "Rai" not in resolved(full_index, "Rai told reporters in Syria that the talks had failed.")


@pytest.mark.parametrize("name, lat, lon", [
    ("Daraa al-Balad", 32.61, 36.10), ("Deir ez-Zor", 35.34, 40.14), ("Deir al-Zour", 35.34, 40.14),
    ("Dayr az Zawr", 35.34, 40.14), ("Ras al-Ain", 36.85, 40.07), ("Abu Kamal", 34.45, 40.92),
    ("Albu Kamal", 34.45, 40.92), ("Al Bukamal", 34.45, 40.92), ("Tal Abyad", 36.70, 38.95),
    ("Jisr al-Shughur", 35.81, 36.32), ("Maarat al-Numan", 35.65, 36.68), ("Maarat al-Nu'man", 35.65, 36.68),
    ("Ma'arrat an-Nu'man", 35.65, 36.68), ("Tal Rifaat", 36.47, 37.10),
])
def test_a_multi_word_name_is_spotted_whole_and_placed(full_index, name, lat, lon):
    found = resolved(full_index, f"Rebels in Syria said on Monday that they had entered {name} after heavy clashes.")
    assert name in found, sorted(found)
    assert_near(found[name], lat, lon, 25)


def test_a_person_or_group_after_or_around_a_place_name_is_no_place(full_index):
    body = ("Prime Minister Haider al-Abadi visited Baiji on Monday. In al-Bab, Bashar al-Assad's troops "
            "shelled Ahrar al-Sham positions, and Hayat Tahrir al-Sham fighters left Idlib.")
    found = resolved(full_index, body)
    assert {"Baiji", "al-Bab", "Idlib"} <= set(found)
    assert not [name for name in found if any(w in name for w in ("Abadi", "Assad", "Sham", "Ahrar", "In "))]


def test_wire_copy_titles_outlets_and_groups_are_no_places(full_index):
    body = ("U.S. Secretary of State John Kerry said on Monday that Abu Bakr al-Baghdadi was alive. "
            "A commander told Al Jazeera and Al Arabiya that Ansar al-Sharia fighters had left Raqqa, "
            "and the Red Crescent said its convoy reached Deir ez-Zor.")
    assert set(resolved(full_index, body)) == {"Raqqa", "Deir ez-Zor"}


@pytest.mark.parametrize("body, name, lat, lon", [
    ("Government troops seized Masaken Hanano and Jabal Badro in eastern Aleppo.", "Masaken Hanano", 36.222, 37.185),
    ("Kurdish YPG fighters in Sheikh Maqsoud shelled the Castello road north of Aleppo.", "Sheikh Maqsoud", 36.233, 37.158),
    ("Fighting raged in Bustan al-Qasr and Salaheddine, in Aleppo, on Friday.", "Salaheddine", 36.183, 37.128),
    ("SDF fighters entered al-Mishlab, on the eastern edge of Raqqa.", "al-Mishlab", 35.95, 39.04),
    ("The siege of al-Joura in Deir ez-Zor was broken, SANA said.", "al-Joura", 35.345, 40.11),
    ("Iraqi troops cleared al-Hoz and the government complex in Ramadi.", "al-Hoz", 33.42, 43.30),
    ("Federal police advanced into the Jolan district of Fallujah on Sunday.", "Jolan", 33.357, 43.773),
    ("Rebels in Jobar, on the eastern edge of Damascus, repelled an attack.", "Jobar", 33.53, 36.335),
])
def test_a_city_district_lands_in_its_city(full_index, body, name, lat, lon):
    assert_near(resolved(full_index, body)[name], lat, lon, 5)


@pytest.mark.parametrize("body, name, lat, lon, km", [
    ("SDF fighters took the Tabqa Dam on the Euphrates in Syria.", "Tabqa Dam", 35.87, 38.57, 5),
    ("Islamic State overran the Tabqa airbase in Syria's Raqqa province.", "Tabqa airbase", 35.75, 38.57, 5),
    ("The army broke the siege of the Kuweires air base east of Aleppo.", "Kuweires air base", 36.19, 37.58, 5),
    ("Peshmerga forces retook the Mosul Dam from Islamic State.", "Mosul Dam", 36.63, 42.82, 5),
    ("US advisers at Ain al-Asad in Anbar province came under rocket fire.", "Ain al-Asad", 33.80, 42.43, 5),
    ("Syrian troops pushed into eastern Ghouta outside Damascus.", "Ghouta", 33.55, 36.40, 100),
    ("Islamic State fighters were pushed back along the Euphrates valley in Syria.", "Euphrates valley", 34.8, 40.6, 100),
])
def test_bases_dams_and_regions_are_places(full_index, body, name, lat, lon, km):
    assert_near(resolved(full_index, body)[name], lat, lon, km)


@pytest.mark.parametrize("spellings", [
    ("Kobani", "Kobane", "Ain al-Arab"), ("Hasakah", "Hasaka", "al-Hasakah"), ("Qamishli", "Kamishli"),
    ("Manbij", "Menbij"), ("Deir ez-Zor", "Deir al-Zour", "Dayr az Zawr"), ("Tabqa", "al-Tabqa"),
])
def test_transliteration_variants_meet_on_one_place(full_index, spellings):
    refs = set()
    for spelling in spellings:
        found = resolved(full_index, f"Fighting was reported in {spelling}, in northern Syria, on Friday.")
        assert found[spelling].place is not None, (spelling, found[spelling].reason)
        refs.add(found[spelling].place.ref)
    assert len(refs) == 1, refs


@pytest.mark.parametrize("body, name, lat, lon", [
    ("Pro-regime forces still hold western Aleppo City, including the Hamdaniyah district.", "Hamdaniyah", 36.18, 37.125),
    ("Iraqi forces entered Hamdaniyah, east of Mosul, on Monday.", "Hamdaniyah", 36.27, 43.38),
    ("Pro-regime forces still hold western Aleppo City.", "Aleppo City", 36.20, 37.16),
    ("The fighters freed the town of Silûk, 25 km south-east of Tal Abyad.", "Silûk", 36.596, 39.13),
    ("Army units broke the siege on Kweires military airport east of Aleppo.", "Kweires military airport", 36.187, 37.583),
    ("Government forces hold the al-Mastouma military base south of Idlib.", "al-Mastouma", 35.876, 36.632),
])
def test_the_article_theatre_and_the_press_spelling_place_the_name(full_index, body, name, lat, lon):
    assert_near(resolved(full_index, body)[name], lat, lon, 10)
