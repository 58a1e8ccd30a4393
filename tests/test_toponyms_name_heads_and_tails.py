"""Spotting, fourth round: names the gazetteer lacks but whose first word marks a place ("Deir X",
"Albu X", "Zawiyat X"), a capitalised "Province" that is still the bare province, an article-joined
name opening a sentence, a field named after no place, and words that only look like places."""
from __future__ import annotations

from extraction.sentences import split_sentences
from extraction.toponyms import find_toponyms


def spot(index, body: str) -> list[str]:
    return [m.text for m in find_toponyms(body, split_sentences(body), index)]


def test_a_name_headed_by_a_place_word_is_a_place_even_unknown(theatre_index):
    found = spot(theatre_index, "Deir Hafer and Kfar Zeitoun changed hands overnight. Tribesmen held "
                                "Zawiyat Albu Fahd while the army cleared Albu Dayyeh road junction.")
    assert {"Deir Hafer", "Kfar Zeitoun", "Zawiyat Albu Fahd", "Albu Dayyeh"} <= set(found)


def test_a_tribe_named_albu_is_no_place(theatre_index):
    found = spot(theatre_index, "Fighters of the Albu Fahd tribe and the Albu Nimr clan joined the army.")
    assert not [name for name in found if name.startswith("Albu")]


def test_a_capitalised_province_is_the_bare_province(theatre_index):
    found = spot(theatre_index, "Buses left for Idlib Province on Sunday, and the army moved into "
                                "Salahuddin Province.")
    assert {"Idlib", "Salahuddin"} <= set(found)
    assert not [name for name in found if "Province" in name]


def test_an_article_joined_name_opening_a_sentence_is_spotted(theatre_index):
    found = spot(theatre_index, "The army retook Tikrit in March. Al-Alam, on the far bank, fell first.")
    assert "Al-Alam" in found


def test_a_field_named_after_no_place_is_the_field(theatre_index):
    found = spot(theatre_index, "The SDF seized the Conoco gas field, and the army retook the Jabsa oil field.")
    assert {"Conoco gas field", "Jabsa"} <= set(found)
    assert "Conoco" not in found


def test_a_prison_named_after_its_city_is_spotted_whole(theatre_index):
    found = spot(theatre_index, "Troops reached the gates of Aleppo Central Prison on Thursday.")
    assert "Aleppo Central Prison" in found


def test_pronouns_periods_and_rivers_are_not_places(theatre_index):
    found = spot(theatre_index, "She lives in the Roman-era town of Busra al-Sham. Mhardeh lies on the Orontes.")
    assert {"Busra al-Sham", "Mhardeh"} <= set(found)
    assert not {"She", "Roman", "Orontes"} & set(found)
