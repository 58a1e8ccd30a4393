"""Claims in families of wording a blind batch showed the rules missing: whose hands hold a place,
a relative clause with its own verb, a fall told without its winner, lists whose items carry
their own day, a dateline town called "this town", asides that only say where a place is or who
ordered an operation, and statements that are only expected. Every sentence is written for this
test, in the manner of wire copy, state media, think-tank reports and features."""
from __future__ import annotations

from datetime import datetime

import pytest

from tests.test_extraction_claims import claims_of, summary
from tests.test_extraction_unseen_wording import dated as dated_on

PUBLISHED = datetime(2016, 11, 20)  # a Sunday


def dated(body: str, theatre: str = "IQ") -> set[tuple[str, str, str, str | None]]:
    return dated_on(body, theatre, PUBLISHED)


@pytest.mark.parametrize("body, theatre, expected", [
    ("Ramadi, further down the river, has been in militant hands since October.", "IQ", ("holds", "ISIS", "Ramadi")),
    ("Mosul remained in government hands throughout the summer.", "IQ", ("holds", "Iraqi government", "Mosul")),
    ("Idlib is still in rebel hands, activists said.", "SY", ("holds", "Syrian rebels", "Idlib")),
    ("By Friday Aleppo was back in regime hands.", "SY", ("holds", "Syrian government", "Aleppo")),
    ("State television insisted that Aleppo remained in the hands of the armed forces.", "SY",
     ("holds", "Syrian government", "Aleppo")),
])
def test_whose_hands_hold_a_place(body, theatre, expected):
    assert expected in summary(body, theatre)


def test_a_statement_after_a_speech_verb_is_not_the_object_of_the_verb_before():
    body = ('State television said the army was "confronting terrorists that infiltrated from Turkish territory" '
            "and insisted that Aleppo remained in the hands of the armed forces.")
    assert not any(kind == "entered" for kind, _, _ in summary(body, "SY"))


@pytest.mark.parametrize("body, expected", [
    ("In the west, Islamic State militants still control Mosul, which they seized on June 10, and they continue to "
     "shell the villages around it.", ("captured", "ISIS", "Mosul", "2016-06-10")),
    ("Iraqi troops now hold Tikrit, which they recaptured in March.", ("captured", "Iraqi government", "Tikrit", "2016-03")),
])
def test_a_relative_clause_with_they_belongs_to_the_main_subject(body, expected):
    assert expected in dated(body)


@pytest.mark.parametrize("body, theatre, expected", [
    ("Regime forces seized Idlib on May 8 and the fortress town of Aleppo the following day.", "SY",
     {("captured", "Syrian government", "Idlib", "2016-05-08"), ("captured", "Syrian government", "Aleppo", "2016-05-09")}),
    ("Iraqi forces retook Tikrit in March 2015 and Baiji in October.", "IQ",
     {("captured", "Iraqi government", "Tikrit", "2015-03"), ("captured", "Iraqi government", "Baiji", "2015-10")}),
])
def test_a_later_item_of_a_list_keeps_its_own_date(body, theatre, expected):
    assert expected <= dated(body, theatre)


def test_days_after_an_unnamed_event_count_back_from_the_day_named_before():
    body = "Peshmerga forces recaptured Bashiqa on Friday, three days after Islamic State militants overran it."
    claims = dated(body)
    assert ("captured", "Kurdish forces", "Bashiqa", "2016-11-18") in claims
    assert ("captured", "ISIS", "Bashiqa", "2016-11-15") in claims


def test_weeks_after_an_unnamed_event_give_only_the_month():
    body = "Opposition factions regained control of Khan Shaykhun on Tuesday, two weeks after regime forces captured it."
    assert ("captured", "Syrian government", "Khan Shaykhun", "2016-11") in dated(body, "SY")


def test_a_fall_told_without_its_winner_goes_to_the_side_just_named():
    body = ("Rebel fighters stormed Idlib on Friday. "
            "The town fell on Sunday evening after two days of street fighting, the commanders said.")
    assert ("captured", "Syrian rebels", "Idlib", "2016-11-20") in dated(body, "SY")


def test_falling_bombs_are_not_a_fall():
    assert not any(kind == "captured" for kind, _, _ in summary("Barrel bombs fell on Sunday on Daraya.", "SY"))


def test_this_town_in_a_dateline_story_is_the_dateline_town():
    body = ("TIKRIT, Iraq — Iraqi government forces and Shiite paramilitary units took control of this mixed "
            "Sunni and Shiite town on Monday.")
    assert ("captured", "Iraqi government", "TIKRIT", "2016-11-14") in dated(body)


def test_a_distance_and_a_road_only_say_where_the_town_is():
    body = ("Iraqi artillery shelled Tikrit on Sunday. The town, 80 km south of Kirkuk on the road to Baghdad, "
            "was entered by federal police on Monday.")
    claims = summary(body)
    assert ("entered", "Iraqi government", "Tikrit") in claims
    assert not any(place in ("Baghdad", "Kirkuk") for _, _, place in claims)


def test_a_place_inside_a_which_aside_is_not_the_subject():
    body = ("Troops retook Baiji from Samarra. Tikrit, the provincial capital, which lies between the two cities, "
            "is still held by the militants.")
    claims = summary(body)
    assert ("holds", "ISIS", "Tikrit") in claims
    assert not any(place in ("Samarra", "Baiji") and kind == "holds" for kind, _, place in claims)


def test_who_ordered_an_operation_is_not_who_carried_it_out():
    body = "Iraqi forces, in an operation ordered by Prime Minister Haider al-Abadi, moved into Kirkuk and seized the K1 base."
    actors = {c.actor_text for c in claims_of(body)}
    assert actors == {"Iraqi forces"}


def test_allies_joined_by_together_with_keep_the_first_side():
    body = "YPG and YPJ fighters, together with the Army of Revolutionaries (Jaysh al-Thuwar), entered Manbij on Monday."
    assert {side for _, side, _ in summary(body, "SY")} == {"SDF"}


@pytest.mark.parametrize("body, theatre, expected", [
    ("ISF relieved the garrison of the Baiji refinery on November 18.", "IQ", ("advancing", "Iraqi government", "Baiji")),
    ("Kurdish fighters linked up with the besieged defenders of Kobani at dawn.", "SY", ("advancing", "SDF", "Kobani")),
    ("The SDF announced the operation on Tuesday, with the stated aim of driving IS out of Raqqa.", "SY",
     ("advancing", "SDF", "Raqqa")),
    ("Army units took control of several hills north of Palmyra, paving the way for entering the town.", "SY",
     ("advancing", "Syrian government", "Palmyra")),
])
def test_reaching_a_garrison_or_aiming_at_a_town_is_an_advance(body, theatre, expected):
    claims = summary(body, theatre)
    assert expected in claims
    assert ("entered", expected[1], expected[2]) not in claims and ("captured", expected[1], expected[2]) not in claims


def test_a_cover_used_to_retake_a_town_is_a_capture_but_an_attempt_is_not():
    assert ("captured", "Iraqi government", "Tikrit") in summary(
        "American jets struck militants near the dam, and Iraqi troops used the cover to retake Tikrit.")
    assert ("captured", "Iraqi government", "Tikrit") not in summary("Iraqi troops tried to retake Tikrit.")


def test_what_a_side_is_likely_to_do_is_not_a_claim():
    assert summary("ISIS is likely to answer with spectacular attacks in Baghdad and Diyala.") == set()


def test_by_midday_is_a_time_not_the_agent_and_a_reported_past_keeps_the_story_day():
    body = ("BAGHDAD — The northern town of Baiji was retaken on Friday by Iraqi troops, the Defense Ministry said. "
            "The town center and the government buildings were said to have been cleared by midday.")
    second = [c for c in claims_of(body, "IQ", PUBLISHED) if c.evidence.startswith("The town center")]
    assert [(c.claim_type, c.side, c.date.value) for c in second] == [("captured", "Iraqi government", "2016-11-18")]


def test_strikes_carried_out_are_dated_by_the_story_day():
    body = ("Rebel fighters stormed Idlib on Friday. "
            "Regime warplanes carried out dozens of strikes on Idlib and Saraqib, civil defence teams said.")
    assert ("attacked", "Syrian government", "Saraqib", "2016-11-18") in dated(body, "SY")


@pytest.mark.parametrize("body, expected", [
    ("The factions had also captured a hill to the east of Saraqib, a spokesman said.", "Syrian rebels"),
    ("Fighters of the Islamic Front stormed Idlib on Friday.", "Syrian rebels"),
])
def test_opposition_factions_are_rebels(body, expected):
    assert {side for _, side, _ in summary(body, "SY")} == {expected}
