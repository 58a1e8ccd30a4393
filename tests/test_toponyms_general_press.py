"""Spotting as wire copy writes names: a district owned by its city ("Tikrit's Qadisiya district"),
names the gazetteer knows only in part ("Maarat al-Numan"), and the people, groups and operations
whose names hold place-like words."""
from __future__ import annotations

from extraction.sentences import split_sentences
from extraction.toponyms import find_toponyms


def spot(index, body: str) -> list[str]:
    return [m.text for m in find_toponyms(body, split_sentences(body), index)]


def test_a_district_named_with_its_city_is_the_district_and_the_city(theatre_index):
    body = ("Iraqi troops entered Tikrit's Qadisiya district on Tuesday. "
            "Clashes broke out in Hasaka's Ghuwayran district overnight.")
    found = spot(theatre_index, body)
    assert {"Tikrit", "Qadisiya", "Hasaka", "Ghuwayran"} <= set(found)
    assert not [name for name in found if "'s" in name]


def test_a_name_known_only_in_part_is_spotted_whole(theatre_index):
    body = "Rebels shelled Daraa al-Balad. Air strikes hit Maarat al-Numan and Tal Rifaat on Monday."
    found = spot(theatre_index, body)
    assert {"Daraa al-Balad", "Maarat al-Numan", "Tal Rifaat"} <= set(found)
    assert not {"al-Balad", "al-Numan", "Tal", "Maarat"} & set(found)


def test_people_groups_and_operations_are_not_places(theatre_index):
    body = ("Prime Minister Haider al-Abadi flew to Baiji. In al-Bab, Bashar al-Assad's troops shelled "
            "Ahrar al-Sham positions. Hayat Tahrir al-Sham left Idlib. Turkish-backed rebels took Azaz "
            "in the Euphrates Shield area, and Operation Olive Branch reached Afrin.")
    found = spot(theatre_index, body)
    assert {"Baiji", "al-Bab", "Idlib", "Azaz", "Afrin"} <= set(found)
    assert not [name for name in found
                if any(word in name for word in ("Abadi", "Assad", "Sham", "In ", "Shield", "Branch", "Olive"))]


def test_names_the_blind_batch_wrote_are_spotted_whole(theatre_index):
    body = ("Officials said Jurf al-Sakhar would be renamed Jurf al-Nasr. Babil's governor was there. "
            "Regime forces seized the Bani Zaid district in northern Aleppo City. Jets bombarded the nearby "
            "villages of al-Hamdan and al-Sukkariyah. Villages in the Ghab plain and the Cizîrê canton lay open.")
    found = spot(theatre_index, body)
    assert {"Jurf al-Nasr", "Babil", "Bani Zaid", "Aleppo City", "al-Hamdan", "al-Sukkariyah", "Ghab",
            "Cizîrê"} <= set(found)
    assert not {"Bani", "Aleppo", "Ghab plain", "Cizîrê canton"} & set(found)


def test_a_person_named_after_a_cue_word_is_still_no_place(theatre_index):
    assert "Kobani" not in spot(theatre_index, "The spokesman named Kobani as the next target. A man named Mosul spoke.")
