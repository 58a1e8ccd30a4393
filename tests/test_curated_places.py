"""The curated places: the file stays well formed, its cited points are the cited records' points,
and the press's spellings of towns that cities500 lacks reach the right place through the real
index (cities500 + curated, as a user without ../shared has it)."""
from __future__ import annotations

from pathlib import Path

import pytest
from geopy.distance import geodesic

from geocoding.candidates import rank_candidates
from geocoding.index import DEFAULT_CURATED, load_index
from tools.check_curated import citation_of, read_rows, shape_problems, source_problems

GAZETTEER = Path(__file__).resolve().parents[1] / ".." / "shared" / "gazetteer"
needs_shared = pytest.mark.skipif(not GAZETTEER.is_dir(), reason="../shared/gazetteer is not here (CI and dev machines have it)")


@pytest.fixture(scope="module")
def user_index(tmp_path_factory):
    """What a user's clone builds: cities500 and the curated file, no added gazetteer."""
    return load_index((), DEFAULT_CURATED, tmp_path_factory.mktemp("curated-index"), include_registered=False)


def test_curated_file_is_well_formed():
    header, rows = read_rows(DEFAULT_CURATED)
    assert shape_problems(header, rows) == []
    assert len(rows) >= 150


def test_checker_names_each_broken_row(tmp_path):
    header, rows = read_rows(DEFAULT_CURATED)
    karmah = next(r for r in rows if r[0] == "curated:karmah")
    broken = [
        karmah,
        list(karmah),  # same ref twice
        ["curated:Bad Ref", *karmah[1:]],
        [*karmah[:3], "hamlet", *karmah[4:]],
        [*karmah[:7], "31.95", "35.93", karmah[9]],  # Amman, not Iraq
        karmah[:9],
        ["curated:karmah-twin", *karmah[1:]],  # a second row replacing the same GeoNames record
    ]
    text = "\n".join("\t".join(r) for r in [header, *broken]) + "\n"
    path = tmp_path / "curated.tsv"
    path.write_text(text, encoding="utf-8")
    problems = "\n".join(shape_problems(*read_rows(path)))
    assert "line 3: ref curated:karmah is used twice" in problems
    assert "'curated:Bad Ref' is not curated:lowercase-ascii-slug" in problems
    assert "kind 'hamlet'" in problems
    assert "lies outside IQ" in problems
    assert "line 7: 9 columns" in problems
    assert "line 8: curated:karmah-twin cites GeoNames" in problems and "one place, two rows" in problems


@needs_shared
def test_cited_points_are_the_points_of_the_cited_records():
    _, rows = read_rows(DEFAULT_CURATED)
    cited = [r for r in rows if citation_of(r[9])]
    assert len(cited) >= 90
    assert source_problems(rows, GAZETTEER) == []
    karmah = next(r for r in cited if r[0] == "curated:karmah")
    moved = [*karmah[:7], "33.5", *karmah[8:]]
    assert source_problems([moved], GAZETTEER) == [
        "curated:karmah: (33.5, 43.93056) is not the cited point (33.40583, 43.93056)"]


@pytest.mark.parametrize("name, country, lat, lon", [
    ("Shirqat", "IQ", 35.48604, 43.2408),
    ("al-Shirqat", "IQ", 35.48604, 43.2408),
    ("Garma", "IQ", 33.40583, 43.93056),
    ("Saqlawiya", "IQ", 33.39639, 43.68333),
    ("Amiriyat al-Fallujah", "IQ", 33.17184, 43.86031),
    ("Jurf al-Sakhar", "IQ", 32.8736, 44.19388),
    ("Amerli", "IQ", 34.72707, 44.58783),
    ("Jalawla", "IQ", 34.27392, 45.16908),
    ("Saadiya", "IQ", 34.18749, 45.11746),
    ("Kubaisa", "IQ", 33.59252, 42.6161),
    ("Karamles", "IQ", 36.30275, 43.41369),
    ("Baghouz", "SY", 34.43221, 40.99226),
    ("Quriyah", "SY", 34.95629, 40.54139),
    ("Latamneh", "SY", 35.32149, 36.62292),
    ("Salman Pak", "IQ", 33.10199, 44.58346),
    ("Khanasor", "IQ", 36.47777, 41.61138),
    ("Tell Brak", "SY", 36.64869, 41.08281),
    ("Salahuddin", "IQ", 34.555683, 43.622417),
])
def test_press_spelling_resolves_to_the_sourced_place(user_index, name, country, lat, lon):
    top = rank_candidates(user_index, name, countries=[country], limit=1)
    assert top, f"{name} is not in the index"
    assert geodesic((top[0]["lat"], top[0]["lon"]), (lat, lon)).km <= 5, top[0]


@pytest.mark.parametrize("press, gazetteer", [
    ("Serekaniye", "Ras al-Ain"),
    ("Qamishlo", "Qamishli"),
    ("Bosra", "Busra al-Sham"),
])
def test_added_spelling_meets_the_cities500_place(user_index, press, gazetteer):
    """A row that only adds spellings merges with the place cities500 has, not a twin beside it."""
    by_press = rank_candidates(user_index, press, countries=["SY"], limit=1)[0]
    by_gazetteer = rank_candidates(user_index, gazetteer, countries=["SY"], limit=1)[0]
    assert by_press["ref"] == by_gazetteer["ref"]
    assert len([i for i in user_index.lookup(gazetteer) if user_index.countries[i] == "SY"]) == 1


@pytest.mark.parametrize("province, city, country", [
    ("Raqqa province", "Raqqa", "SY"),
    ("Deir ez-Zor province", "Deir ez-Zor", "SY"),
    ("Kirkuk province", "Kirkuk", "IQ"),
])
def test_province_is_the_governorate_and_the_bare_name_stays_the_city(user_index, province, city, country):
    region = rank_candidates(user_index, province, countries=[country], limit=1)[0]
    town = rank_candidates(user_index, city, countries=[country], limit=1)[0]
    assert region["kind"] == "region" and town["kind"] == "city"
    assert region["ref"] != town["ref"]
