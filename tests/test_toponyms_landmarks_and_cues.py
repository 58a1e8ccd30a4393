"""Spotting, third round: named landmarks (air bases named after their town, oil fields, numbered
hilltops), places known only from the words around them (a bearing from another place, a retreat
towards them), and place names inside longer names that are no place we map (rivers, parties,
outlets, "Turkey-backed")."""
from __future__ import annotations

from extraction.sentences import split_sentences
from extraction.toponyms import find_toponyms
from geocoding.index import DEFAULT_CURATED


def spot(index, body: str) -> list[str]:
    return [m.text for m in find_toponyms(body, split_sentences(body), index)]


def test_an_air_base_named_after_its_town_is_spotted_whole(full_index):
    found = spot(full_index, "Kurdish fighters took Menagh military airport. Shells fell on Menagh airport "
                             "and on the Abu al-Duhur air base in Syria.")
    assert {"Menagh military airport", "Menagh airport", "Abu al-Duhur air base"} <= set(found)
    assert "Menagh" not in found


def test_an_oil_field_and_a_numbered_hilltop_are_named_by_their_name(full_index):
    found = spot(full_index, "Government troops retook the Zarqan oil field and the Hayyan gas field near Palmyra. "
                             "Rebels stormed the hilltop known as Observatory 45, then Hill 1154.")
    assert {"Zarqan", "Hayyan", "Observatory 45", "Hill 1154", "Palmyra"} <= set(found)
    assert not [name for name in found if "field" in name]


def test_a_name_set_off_by_a_bearing_or_a_retreat_is_a_place(full_index):
    body = ("Air strikes hit positions near Zarnuqa, west of Erbil, on Friday. In Qurnabad, a few kilometres "
            "east of Kafr Nabudah, the factions dug in. The militia retreated towards Sawwanat, a commander said, "
            "and the rebels are now on the hills overlooking Dirbashiya.")
    found = spot(full_index, body)
    assert {"Zarnuqa", "Qurnabad", "Sawwanat", "Dirbashiya"} <= set(found)
    assert "In Qurnabad" not in found


def test_a_cue_word_inside_a_url_makes_no_place():
    from geocoding.index import build_index

    index = build_index(curated=DEFAULT_CURATED, with_cities500=False)
    body = ("https://coast-voice.invalid/2014/03/24/kessab-liberated\n\n"
            "LATAKIA COUNTRYSIDE — Rebels took full control of Kessab on Sunday.")
    found = spot(index, body)
    assert "LATAKIA COUNTRYSIDE" not in found
    assert "LATAKIA" in found


def test_rivers_parties_outlets_and_backers_are_not_places(full_index):
    body = ("Peshmerga retook Gwer, on the Great Zab, and a village on the Little Zab. A spokesman of the "
            "Patriotic Union of Kurdistan said the Kurdistan Regional Government agreed, an officer told "
            "Kurdistan Lens. Turkey-backed rebels and the US-led coalition struck Syria.")
    found = spot(full_index, body)
    assert {"Gwer", "Syria"} <= set(found)
    assert not {"Zab", "Kurdistan", "Turkey", "US", "United States"} & set(found)


def test_the_zab_junction_and_iraqi_kurdistan_are_still_places(full_index):
    found = spot(full_index, "Troops cleared the area up to the Zab junction and the village of al-Zab. "
                             "ISIS lines ran to Iraqi Kurdistan's frontier. ERBIL, Kurdistan Region – Talks began. "
                             "The governor told Mosul residents to stay at home.")
    assert {"Zab", "al-Zab", "Kurdistan", "Kurdistan Region", "Mosul"} <= set(found)


def test_a_canton_dateline_names_its_town_and_europe_is_a_place(full_index):
    found = spot(full_index, "AFRIN CANTON – Fighters entered Tal Rifaat. Many families have since left for Europe.")
    assert {"AFRIN", "Tal Rifaat", "Europe"} <= set(found)
    assert not [name for name in found if "CANTON" in name.upper()]
