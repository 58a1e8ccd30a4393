"""Places named the way other outlets write them: lists after a plural place noun, names right
after a verb of capture, spellings the gazetteer knows only in another transliteration, and
outlet names in datelines that happen to be places somewhere."""
from __future__ import annotations

from extraction.sentences import split_sentences
from extraction.toponyms import find_toponyms


def spot(index, body: str) -> list[str]:
    return [m.text for m in find_toponyms(body, split_sentences(body), index)]


def test_every_item_of_a_listed_set_of_places(theatre_index):
    body = "The federal police cleared the neighbourhoods of al-Shuhada and Nazzal in the south of the city."
    assert {"al-Shuhada", "Nazzal"} <= set(spot(theatre_index, body))


def test_a_name_right_after_a_verb_of_capture_is_a_place_but_an_actor_is_not(theatre_index):
    body = "Turkish-backed forces captured Jandairis on March 8. Troops captured Islamic State fighters near the river."
    found = spot(theatre_index, body)
    assert "Jandairis" in found
    assert not any("Islamic" in name for name in found)


def test_a_spelling_known_only_by_its_transliteration(theatre_index):
    body = "Army units broke the siege imposed on Deir Ezzor city on Tuesday."
    assert "Deir Ezzor" in spot(theatre_index, body)


def test_outlet_names_in_a_dateline_are_not_places(theatre_index):
    body = "TIKRIT, Iraq (Meridian Wire) - Iraqi forces entered Tikrit on Tuesday."
    found = spot(theatre_index, body)
    assert "Meridian" not in found
    assert "Tikrit" in found


def test_sentence_openers_and_acronyms_are_not_read_as_spellings_of_places(theatre_index):
    body = "\"They will not pass,\" he said. IEDs struck the convoy near Mosul. Only one road was open."
    assert spot(theatre_index, body) == ["Mosul"]


def test_names_after_a_push_into_and_on_a_hill(theatre_index):
    body = ("Regime forces pushed into Jabal Badro and al-Haidariya on Sunday. "
            "YPG fighters cleared the last positions on Mishtenur hill.")
    found = set(spot(theatre_index, body))
    assert {"Jabal Badro", "al-Haidariya"} <= found
    assert found & {"Mishtenur", "Mishtenur hill"}  # the curated file knows the hill by both


def test_words_of_operation_and_group_names_are_not_places(theatre_index):
    body = ("Turkey launched Operation Peace Spring against Ras al-Ain on Wednesday. "
            "Hayat Tahrir al-Sham fighters pulled out of Khan Shaykhun.")
    found = {name.lower() for name in spot(theatre_index, body)}
    assert "spring" not in found and "tahrir" not in found
