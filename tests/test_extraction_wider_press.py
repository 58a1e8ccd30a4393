"""Claims as readers take them from the wider press (Reuters, AP, AFP, BBC, Al Jazeera, Rudaw,
Kurdistan24, SANA, Anadolu, ISW): sides that only the story can settle, "the town" and "those
towns" pointing back to the right place, more trigger phrases, flights beside a capture, and
what a date of speech or a week says about when things happened."""
from __future__ import annotations

from datetime import datetime

import pytest

from extraction.actors import load_actor_lexicon
from extraction.dates import resolve_event_dates
from tests.test_extraction_claims import claims_of, summary

EUPHRATES_SHIELD = ("ANKARA (AA) - Turkish troops and allied fighters pressed on with Operation Euphrates Shield on "
                    "Wednesday. Free Syrian Army fighters took Bulbul on Sunday, the Turkish military said.")


@pytest.mark.parametrize("body, theatre, expected", [
    # the Free Syrian Army of a Turkish operation is the Turkish-backed side ...
    (EUPHRATES_SHIELD, "SY", ("captured", "Turkey-backed rebels", "Bulbul")),
    # ... and "the rebels" of a story about Turkish-backed rebels are those rebels
    ("Turkish-backed rebels entered Dabiq on Sunday. The rebels then advanced on al-Bab.", "SY",
     ("advancing", "Turkey-backed rebels", "al-Bab")),
    # state media's "terrorists" are the rebels of a Ghouta story, not ISIS
    ("DAMASCUS (SANA) - Jaish al-Islam and Faylaq al-Rahman fighters shelled Damascus again. "
     "The terrorists withdrew from Harasta on Thursday under a deal.", "SY", ("lost", "Syrian rebels", "Harasta")),
    # with no theatre known, "the army" is the one of the sides the story names
    ("Syrian rebels and Hezbollah fought near Homs for weeks. The army retook Palmyra on Sunday.", "",
     ("captured", "Syrian government", "Palmyra")),
    # Kurdish forces in Syria are the SDF
    ("Turkish-backed fighters took control of Tal Abyad on Sunday after Kurdish forces pulled out of the border town.", "SY",
     ("lost", "SDF", "Tal Abyad")),
    # the object of a verb of fighting is not the subject of the next verb
    ("Turkish troops and the FSA have neutralised YPG/PKK terrorists and taken control of Rajo, the Turkish military said.", "SY",
     ("captured", "Turkey-backed rebels", "Rajo")),
])
def test_the_story_settles_which_side_a_word_means(body, theatre, expected):
    assert expected in summary(body, theatre)


def test_the_free_syrian_army_without_turkey_in_the_story_is_the_syrian_opposition():
    assert summary("Free Syrian Army fighters captured Khan Shaykhun from government troops.", "SY") >= {
        ("captured", "Syrian rebels", "Khan Shaykhun")}


def test_militants_of_an_islamic_state_story_stay_isis():
    body = "Islamic State fighters attacked Hama on Monday. The militants withdrew from Homs on Tuesday."
    assert ("lost", "ISIS", "Homs") in summary(body, "SY")


@pytest.mark.parametrize("body, theatre, expected", [
    # an adjective before "town"
    ("Turkish-backed fighters took control of Tal Abyad on Sunday after Kurdish forces pulled out of the border town.", "SY",
     ("lost", "SDF", "Tal Abyad")),
    # a description after a comma is the place it describes, not a reference back
    ("Troops retook Hawija. Al-Qaim, the border town on the Euphrates, was retaken on Friday by the army.", "IQ",
     ("captured", "Iraqi government", "Al-Qaim")),
    # "those towns": the list named last
    ("Rebels pulled out of Khan Shaykhun, leaving the pocket of Latamenah, Kafr Zita and Hama cut off. "
     "Those towns are now besieged by government forces.", "SY", ("besieged", "Syrian government", "Kafr Zita")),
    # "the city's eastern districts": a part of the city named before
    ("Islamic State's defences collapsed in Mosul on Monday as Iraqi troops pushed into the city's eastern districts.", "IQ",
     ("entered", "Iraqi government", "Mosul's eastern districts")),
])
def test_the_town_points_back_to_the_right_place(body, theatre, expected):
    assert expected in summary(body, theatre)


def test_the_ends_of_a_road_are_not_the_town_that_is_encircled():
    body = ("Peshmerga fighters massed outside Sinjar on Wednesday. On Thursday the Peshmerga first cut the main road "
            "linking Raqqa with Mosul and then encircled the town from three sides.")
    found = summary(body)
    assert ("besieged", "Kurdish forces", "Sinjar") in found
    assert not {c for c in found if c[2] in ("Raqqa", "Mosul")}


@pytest.mark.parametrize("body, theatre, expected", [
    ("Tal Abyad was handed over to Turkish-backed rebels on Sunday.", "SY", ("captured", "Turkey-backed rebels", "Tal Abyad")),
    ("The SDF handed over Manbij to the Syrian army.", "SY", ("captured", "Syrian government", "Manbij")),
    ("Raqqa remains in the hands of Islamic State.", "SY", ("holds", "ISIS", "Raqqa")),
    ("The liberation of Fallujah was announced by Prime Minister Haider al-Abadi on Friday.", "IQ",
     ("captured", "Iraqi government", "Fallujah")),
    ("Syrian army troops are now within 3 km of Deir ez-Zor.", "SY", ("advancing", "Syrian government", "Deir ez-Zor")),
    ("Government troops were forced to withdraw from Palmyra on Sunday, the Observatory said.", "SY",
     ("lost", "Syrian government", "Palmyra")),
    ("Kurdistan24 - Peshmerga forces have retaken control of Makhmour after heavy clashes with ISIS militants.", "IQ",
     ("captured", "Kurdish forces", "Makhmour")),
    ("Peshmerga fighters withdrew without a fight, allowing federal police to advance on the K1 base and Baba Gurgur, "
     "which were seized by the afternoon.", "IQ", ("captured", "Iraqi government", "Baba Gurgur")),
    # a flight beside a capture: the side that fled lost the place
    ("Islamic State militants took full control of Palmyra on Wednesday after Assad's forces and allied militias fled "
     "toward Homs.", "SY", ("lost", "Syrian government", "Palmyra")),
    ("Palmyra was overrun by Islamic State in May after Syrian troops abandoned their positions.", "SY",
     ("lost", "Syrian government", "Palmyra")),
])
def test_more_trigger_phrases(body, theatre, expected):
    assert expected in summary(body, theatre)


def test_a_flight_that_was_denied_is_no_loss():
    body = "Islamic State militants took Palmyra on Wednesday, but officials denied that Assad's forces fled."
    assert ("lost", "Syrian government", "Palmyra") not in summary(body, "SY")


def test_a_claim_dated_only_by_when_it_was_announced_takes_that_day():
    # published Tuesday 1 November 2016
    (claim, _) = claims_of("Rudaw - The Peshmerga have liberated Bashiqa from ISIS, the Kurdistan Region Security "
                           "Council announced on Sunday.")
    assert (claim.claim_type, claim.side, claim.date.value) == ("captured", "Kurdish forces", "2016-10-30")


def test_a_week_is_not_printed_as_the_day_it_starts():
    (claim,) = claims_of("Troops encircled Tal Afar last week.")
    assert (claim.date.value, claim.date.precision) == ("2016-10", "week")
    assert (claim.date.start, claim.date.end) == ("2016-10-24", "2016-10-30")
    # a week across two months prints the month holding most of it: 28 November to 4 December
    (expression,) = resolve_event_dates("Clashes went on last week.", datetime(2016, 12, 6))
    assert (expression.date.value, expression.date.start, expression.date.end) == ("2016-12", "2016-11-28", "2016-12-04")


def test_a_theatre_the_lexicon_does_not_know_leaves_the_story_to_decide():
    lexicon = load_actor_lexicon()
    found = lexicon.find("Syrian army units pressed on. Army units liberated the village.", "KZ")
    assert [a.side for a in found] == ["Syrian government", "Syrian government"]


@pytest.mark.parametrize("body, theatre, expected", [
    # the loser after "from" and the winner after "by" in one passive
    ("Tikrit was recaptured from Islamic State by Iraqi forces and Shiite militias on April 1, 2015.", "IQ",
     ("captured", "Iraqi government", "Tikrit")),
    ("Tikrit was recaptured from Islamic State by Iraqi forces and Shiite militias on April 1, 2015.", "IQ",
     ("lost", "ISIS", "Tikrit")),
    # an expulsion told in the passive names its winner after "by"
    ("Daesh was pushed out of Manbij last August by the SDF.", "SY", ("captured", "SDF", "Manbij")),
    ("Iraqi forces have now taken back all of eastern Mosul, the Joint Operations Command announced.", "IQ",
     ("captured", "Iraqi government", "eastern Mosul")),
    # a quotation that goes on in the next sentence keeps its speaker: "we" are the speaker's side
    ("\"Daesh fighters withdrew from Dabiq toward al-Bab,\" said Ahmed Othman, a commander of the Sultan Murad brigade. "
     "\"We entered the village in the morning and there was nobody left to fight.\"", "SY",
     ("entered", "Turkey-backed rebels", "Dabiq")),
])
def test_passives_and_quotations(body, theatre, expected):
    assert expected in summary(body, theatre)


def test_since_a_named_day_starts_on_that_day():
    # published Tuesday 1 November 2016
    (claim,) = claims_of("Iraqi troops have been shelling Hawija since Saturday.")
    assert (claim.claim_type, claim.date.value, claim.date.precision) == ("attacked", "2016-10-29", "day")
    assert claim.date.end == "2016-11-01"


def test_in_may_is_a_month_not_a_modal():
    body = "Palmyra was overrun by Islamic State in May after Syrian troops abandoned their positions."
    assert ("captured", "ISIS", "Palmyra") in summary(body, "SY")


def test_a_bare_both_stands_for_the_two_places_just_named():
    body = ("Troops are now advancing on Rawa and on Anah to the west of it, officers said. "
            "Both are still held by the militants.")
    assert {("holds", "ISIS", "Rawa"), ("holds", "ISIS", "Anah")} <= summary(body)


def test_it_in_a_subordinate_clause_is_the_main_clause_subject():
    body = "ISIS attacked Iraqi troops near the airport when it overran Mosul on June 10, 2014."
    claims = {(c.claim_type, c.side, c.place_text, c.date.value) for c in claims_of(body)}
    assert ("captured", "ISIS", "Mosul", "2014-06-10") in claims


@pytest.mark.parametrize("body, expected", [
    # Kurdish outlet: an attack "by" its side "on" the place, repelled by the speaker's side
    ("In a statement, the YPG said its fighters had repelled an attack by Turkish-backed factions on the village of Tal Tamr.",
     {("holds", "SDF", "Tal Tamr"), ("attacked", "Turkey-backed rebels", "Tal Tamr")}),
    # Anadolu: "its troops and allied fighters" are the speaking military's own, however far from the verb
    ("The Turkish military said Saturday that its troops and allied Syrian fighters had captured the village of Rajo.",
     {("captured", "Turkey-backed rebels", "Rajo")}),
    # AP: a backed force named by its backer
    ("U.S.-backed Syrian fighters have fully captured the northern Syrian town of Manbij from the Islamic State group.",
     {("captured", "SDF", "Manbij"), ("lost", "ISIS", "Manbij")}),
])
def test_speakers_and_backers_decide_the_side(body, expected):
    assert expected <= summary(body, "SY")


def test_the_previous_day_counts_back_from_the_day_named_before_it():
    # published Tuesday 1 November 2016: "on Sunday" is 30 October
    (claim,) = claims_of("On Sunday, Iraqi officials said troops had taken Bartella the previous day.")
    assert (claim.claim_type, claim.date.value) == ("captured", "2016-10-29")


def test_the_city_is_never_the_dateline_nor_a_place_named_in_passing():
    body = ("BAGHDAD (Reuters) - Syrian forces recaptured Palmyra from Islamic State on Thursday, less than three "
            "months after the jihadists overran the desert city. Palmyra lies in Homs province.")
    assert ("captured", "ISIS", "Palmyra") in summary(body, "SY")
    story = ("Turkish troops shelled Manbij on Monday. Manbij has been held by the SDF since 2016. Turkish-backed rebels "
             "massed north of Manbij near Jarabulus and are preparing to move on the town.")
    assert ("advancing", "Turkey-backed rebels", "Manbij") in summary(story, "SY")


def test_they_in_the_next_sentence_are_the_side_that_acted_not_the_one_acted_on():
    # published Tuesday 1 November 2016
    body = ("CTS columns advanced from Bartella, which they cleared of militants early on Monday. "
            "By nightfall they had pushed into Qaraqosh.")
    claims = {(c.claim_type, c.side, c.place_text, c.date.value if c.date else None) for c in claims_of(body)}
    assert ("entered", "Iraqi government", "Qaraqosh", "2016-10-31") in claims
    assert not any(side == "ISIS" for _, side, _, _ in claims)


def test_a_passive_capture_is_credited_to_the_side_that_acted_before_not_the_one_it_acted_on():
    body = ("Syrian government forces have captured a strategic town in Idlib province from rebel fighters. "
            "Khan Shaykhun was seized on Tuesday after weeks of fighting.")
    assert ("captured", "Syrian government", "Khan Shaykhun") in summary(body, "SY")
    assert ("captured", "Syrian rebels", "Khan Shaykhun") not in summary(body, "SY")


def test_it_is_the_object_and_the_place_after_it_starts_the_next_clause():
    # published Tuesday 1 November 2016
    body = "Kafr Nabudah changed hands several times in May before the army secured it, and al-Habit fell to the army on August 11."
    claims = {(c.claim_type, c.side, c.place_text, c.date.value) for c in claims_of(body, "SY")}
    assert {("captured", "Syrian government", "Kafr Nabudah", "2016-05"),
            ("captured", "Syrian government", "al-Habit", "2016-08-11")} <= claims


def test_a_riverside_enclave_can_be_a_village():
    body = "The SDF said on Saturday it had captured Baghuz. The SDF had besieged the riverside enclave for weeks."
    assert ("besieged", "SDF", "Baghuz") in summary(body, "SY")
