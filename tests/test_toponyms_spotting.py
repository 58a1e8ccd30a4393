"""Toponym spotting: the seed article gives exactly its gold places, and nothing that only
looks like one."""
from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extraction.sentences import split_sentences
from extraction.toponyms import find_toponyms
from geocoding.names import fold, spot_text
from tests.conftest import SHARED

SEED_DIR = SHARED / "seed"


def spot(index, body: str):
    return find_toponyms(body, split_sentences(body), index)


def test_seed_article_gives_exactly_its_gold_toponyms(theatre_index):
    if not SEED_DIR.is_dir():
        pytest.skip("../shared/seed is not here")
    gold = json.loads(next(SEED_DIR.glob("*.gold.json")).read_text(encoding="utf-8"))
    body = next(SEED_DIR.glob("*.txt")).read_text(encoding="utf-8")
    mentions = spot(theatre_index, body)
    assert {m.text for m in mentions} == {t["text"] for t in gold["toponyms"]}
    assert all(body[m.start:m.end] == m.text for m in mentions)


def test_people_organisations_and_demonyms_are_not_places(theatre_index):
    body = ("Iraqi Prime Minister Haider al-Abadi met Major General Sami al-Aridi in Baghdad on Tuesday. "
            "Abu Tareq al-Hayali of Jund al-Khilafah was killed, the Badr Organization said, "
            "according to Press TV and the Associated Press. Kurdish and Syrian fighters held Sinjar "
            "in June. The spokesman Ahmed Assadi said the Popular Mobilization Units took Tal Afar.")
    assert [m.text for m in spot(theatre_index, body)] == ["Baghdad", "Sinjar", "Tal Afar"]


def test_names_the_gazetteer_lacks_come_from_how_the_text_introduces_them(theatre_index):
    body = ("Troops cleared the Qubba village and the village of Zarqaa Saghira, then entered "
            "Hay al-Mithaq and the al-Bakr district in Mosul.")
    texts = [m.text for m in spot(theatre_index, body)]
    assert {"Qubba", "Zarqaa Saghira", "al-Mithaq", "al-Bakr", "Mosul"} <= set(texts)


def test_offsets_and_sentences_stay_true_with_diacritics_and_odd_apostrophes(theatre_index):
    body = "Fighting in Ḩammām al ‘Alīl.\nThen Tall ‘Afar fell. Later Ba’shiqah too."
    mentions = spot(theatre_index, body)
    assert [(m.text, m.sentence) for m in mentions] == [
        ("Ḩammām al ‘Alīl", 0), ("Tall ‘Afar", 1), ("Ba’shiqah", 2)]
    assert all(body[m.start:m.end] == m.text for m in mentions)


def test_longest_name_wins_and_lowercase_words_are_not_names(theatre_index):
    body = "Forces reached Mosul airport, then the old city of mosul and Qayyarah West."
    texts = [m.text for m in spot(theatre_index, body)]
    assert "Mosul airport" in texts and "Qayyarah West" in texts
    assert "mosul" not in texts and "Mosul" not in texts


def test_generic_words_of_an_alias_stay_out_of_the_mention(theatre_index):
    body = "Troops stormed the Ghazlani camp, west of Mosul, and later entered Anbar province."
    assert [m.text for m in spot(theatre_index, body)] == ["Ghazlani", "Mosul", "Anbar"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(list("abAB sSlL-'’ʿ.,İıßẞŞḨāÉ\n") + ["Mosul", "Tal Afar", "al-", "Ḩammām"]),
                max_size=40).map("".join))
def test_offsets_are_true_for_any_text(theatre_index, body):
    assert len(fold(body)) == len(body) and len(spot_text(body)) == len(body) + 2
    for m in spot(theatre_index, body):
        assert body[m.start:m.end] == m.text
        assert m.text[:1].isupper() or m.text.startswith(("al-", "el-"))
