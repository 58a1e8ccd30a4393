"""Claims from sentences: type, side, place, date, claimant, hedges, vague areas.
Mentions are built from a small place table, as the toponym finder and resolver would give them."""
from __future__ import annotations

import re
from datetime import datetime

import pytest

from extraction.claims import extract_claims
from extraction.records import Mention
from extraction.sentences import split_sentences
from geocoding.records import Place, Resolution

PUBLISHED = datetime(2016, 11, 1, 15, 47)  # a Tuesday
PLACES = {
    "Mosul": ("city", "IQ"), "Gogjali": ("neighbourhood", "IQ"), "Karama": ("neighbourhood", "IQ"),
    "Asyla": ("village", "IQ"), "Qaraqosh": ("town", "IQ"), "Bartella": ("town", "IQ"),
    "Hawija": ("town", "IQ"), "Rutba": ("town", "IQ"), "Anah": ("town", "IQ"), "Rawa": ("town", "IQ"),
    "Tal Afar": ("city", "IQ"), "Iraq": ("country", "IQ"), "Anbar": ("region", "IQ"),
    "Palmyra": ("town", "SY"), "Raqqa": ("city", "SY"),
    "Baiji": ("city", "IQ"), "Tabqa": ("city", "SY"), "Deir ez-Zor": ("city", "SY"), "Sharqat": ("town", "IQ"),
    "al-Bab": ("town", "SY"), "Aleppo": ("city", "SY"), "Afrin": ("town", "SY"), "Manbij": ("city", "SY"),
    "Jarabulus": ("town", "SY"), "Ramadi": ("city", "IQ"), "al-Dour": ("town", "IQ"), "Kirkuk": ("city", "IQ"),
    "Qabasin": ("town", "SY"), "Fallujah": ("city", "IQ"),
    "Sinjar": ("city", "IQ"), "Harasta": ("city", "SY"), "Douma": ("city", "SY"), "Kobani": ("city", "SY"),
    "Ithriya": ("village", "SY"), "Baghdad": ("city", "IQ"),
    "Tal Abyad": ("town", "SY"), "al-Qaim": ("town", "IQ"), "Latamenah": ("town", "SY"), "Kafr Zita": ("town", "SY"),
    "Khan Shaykhun": ("town", "SY"), "Hama": ("city", "SY"), "Homs": ("city", "SY"), "Rajo": ("town", "SY"),
    "Bashiqa": ("town", "IQ"), "Dabiq": ("village", "SY"), "Bulbul": ("village", "SY"), "Makhmour": ("town", "IQ"),
    "K1": ("landmark", "IQ"), "Baba Gurgur": ("landmark", "IQ"), "Tikrit": ("city", "IQ"), "Tal Tamr": ("town", "SY"), "Baghuz": ("village", "SY"), "Kafr Nabudah": ("town", "SY"), "al-Habit": ("town", "SY"),
    "Qamishli": ("city", "SY"), "Idlib": ("city", "SY"), "Saraqib": ("town", "SY"), "Salahuddin": ("region", "IQ"),
    "Amerli": ("town", "IQ"), "Mount Sinjar": ("landmark", "IQ"), "Heet": ("town", "IQ"), "Hasakah": ("city", "SY"),
    "Qayyarah": ("town", "IQ"),
}


def mentions_in(body: str, sentences) -> list[Mention]:
    found = []
    for name, (kind, country) in PLACES.items():
        for match in re.finditer(rf"\b{re.escape(name)}\b", body, re.IGNORECASE):
            index = max(i for i, (s, _) in enumerate(sentences) if s <= match.start())
            place = Place(f"test:{name.lower()}", name, 36.0, 43.0, kind=kind, country=country)
            found.append(Mention(match.start(), match.end(), match.group(), index, Resolution(place, 0.9)))
    return sorted(found, key=lambda m: m.start)


def claims_of(body: str, theatre: str = "IQ", published=PUBLISHED):
    sentences = split_sentences(body)
    return extract_claims(body, sentences, mentions_in(body, sentences), published, theatre=theatre)


def summary(body: str, theatre: str = "IQ") -> set[tuple[str, str, str]]:
    return {(c.claim_type, c.side, c.place_text) for c in claims_of(body, theatre)}


@pytest.mark.parametrize("body, expected", [
    ("Iraqi forces retook the village of Qaraqosh on Monday.", ("captured", "Iraqi government", "Qaraqosh")),
    ("Qaraqosh was recaptured by Iraqi troops.", ("captured", "Iraqi government", "Qaraqosh")),
    ("The town of Tal Afar fell to Islamic State in June 2014.", ("captured", "ISIS", "Tal Afar")),
    ("Bartella was purged of Daesh, the Defense Ministry said.", ("captured", "Iraqi government", "Bartella")),
    ("Troops stormed Bartella at dawn.", ("entered", "Iraqi government", "Bartella")),
    ("Peshmerga fighters are closing in on Bartella.", ("advancing", "Kurdish forces", "Bartella")),
    ("Mosul is still held by ISIS.", ("holds", "ISIS", "Mosul")),
    ("Militants shelled Qaraqosh overnight.", ("attacked", "ISIS", "Qaraqosh")),
    ("ISIS militants withdrew from Hawija.", ("lost", "ISIS", "Hawija")),
    ("Iraqi troops have encircled Tal Afar.", ("besieged", "Iraqi government", "Tal Afar")),
    ("The army retook Palmyra from Islamic State.", ("captured", "Syrian government", "Palmyra")),
])
def test_claim_types_and_sides(body, expected):
    theatre = "SY" if "Palmyra" in body else "IQ"
    assert expected in summary(body, theatre)


def test_one_sentence_several_claims():
    body = ("According to the commander of the special forces, troops entered the Gogjali neighborhood inside "
            "Mosul's city limits and by noon were only 800 meters from the more built-up Karama district.")
    claims = claims_of(body)
    assert {(c.claim_type, c.place_text) for c in claims} == {("entered", "Gogjali"), ("advancing", "Karama")}
    assert all(c.claimed_by == "the commander of the special forces" for c in claims)
    assert all(c.side == "Iraqi government" and c.date.value == "2016-11-01" for c in claims)


def test_several_places_in_a_list_each_get_the_claim():
    assert summary("Iraqi troops captured Rutba, Anah and Rawa in western Anbar.") == {
        ("captured", "Iraqi government", "Rutba"), ("captured", "Iraqi government", "Anah"),
        ("captured", "Iraqi government", "Rawa")}


def test_vague_area_keeps_the_phrase_and_is_anchored_on_the_named_place():
    (claim,) = claims_of("Iraq's Badr Organization said seven villages located to the west of Mosul were purged of ISIS on Tuesday.")
    assert claim.place_text == "seven villages located to the west of Mosul"
    assert (claim.claim_type, claim.side) == ("captured", "Iraqi government")
    assert claim.mention.text == "Mosul" and claim.geo_precision == 2
    assert claim.place.anchor_ref == "test:mosul" and "west" in claim.place.relation
    assert claim.claimed_by == "Iraq's Badr Organization"


def test_place_that_only_says_where_another_is_gets_no_claim():
    body = "On Monday, Iraqi forces thwarted a Daesh car bomb attack on the Asyla village west of Mosul."
    assert summary(body) == {("holds", "Iraqi government", "Asyla"), ("attacked", "ISIS", "Asyla")}
    assert {c.date.value for c in claims_of(body)} == {"2016-10-31"}


@pytest.mark.parametrize("body, expected", [
    ("Iraqi forces failed to retake Hawija.", {("advancing", "Iraqi government", "Hawija")}),
    ("Iraqi forces tried to enter Hawija but were pushed back.", {("advancing", "Iraqi government", "Hawija")}),
    ("Iraqi forces launched an offensive to retake Hawija.", {("advancing", "Iraqi government", "Hawija")}),
    ("The Islamic State group denied that it had lost control of Tal Afar.", set()),
    ("The army will try to enter Hawija next week.", set()),
    ("The loss of Mosul would be a major defeat for the terrorists.", set()),
    ("Iraqi forces did not enter Hawija.", set()),
])
def test_negation_and_hedging(body, expected):
    assert summary(body) == expected


def test_sentences_without_a_territorial_statement_make_no_claim():
    assert claims_of("27 Daesh terrorists were killed in Mosul. Residents of Qaraqosh returned home.") == []


def test_background_keeps_its_own_date_and_the_city_refers_back():
    body = ("Iraqi Prime Minister Haider al-Abadi announced the start of the operations to liberate Mosul on "
            "October 16. The city fell to ISIS in June 2014.")
    claims = {(c.claim_type, c.side, c.mention.text, c.date.value) for c in claims_of(body)}
    assert claims == {("advancing", "Iraqi government", "Mosul", "2016-10-16"), ("captured", "ISIS", "Mosul", "2014-06")}


def test_evidence_offsets_point_into_the_body():
    body = "Headline words here\n\nIraqi forces retook Qaraqosh. Militants shelled Bartella on Monday."
    for claim in claims_of(body):
        assert body[claim.evidence_start:claim.evidence_end] == claim.evidence
        assert claim.mention.text in claim.evidence
        assert 0 < claim.confidence <= 1


def test_countries_and_datelines_are_not_claimed():
    assert claims_of("The advance into Iraq's second largest city marks the start of the operation.") == []
    assert summary("MOSUL, Iraq (AP) — Troops entered Bartella on Monday.") == {("entered", "Iraqi government", "Bartella")}


def test_all_capitals_text_still_gives_the_claim():
    assert summary("IRAQI FORCES RETOOK QARAQOSH ON TUESDAY.") == {("captured", "Iraqi government", "QARAQOSH")}


def test_the_town_refers_back_to_the_story_place():
    body = "Iraqi forces retook Qaraqosh on Monday after a week of fighting near Mosul. Troops entered the town centre at dawn."
    claims = claims_of(body)
    (entered,) = [c for c in claims if c.claim_type == "entered"]
    assert entered.mention.text == "Qaraqosh" and entered.place_text == "the town centre"
    assert entered.geo_precision == 2 and entered.date.value == "2016-10-31"  # the story's day


def test_present_state_takes_the_report_day_and_past_events_the_story_day():
    body = "Iraqi forces retook Bartella on Monday. ISIS still holds Hawija. Troops entered Qaraqosh."
    dates = {c.place_text: c.date.value for c in claims_of(body)}
    assert dates == {"Bartella": "2016-10-31", "Hawija": "2016-11-01", "Qaraqosh": "2016-10-31"}


@pytest.mark.parametrize("body, expected", [
    ("Peshmerga fighters drove Islamic State out of Bartella.",
     {("captured", "Kurdish forces", "Bartella"), ("lost", "ISIS", "Bartella")}),
    ("The government lost Anah to the militants in January.",
     {("lost", "Iraqi government", "Anah"), ("captured", "ISIS", "Anah")}),
    ("A Kurdish official said his forces withdrew from Qaraqosh.", {("lost", "Kurdish forces", "Qaraqosh")}),
    ("Iraqi forces retook Rutba, a town near the border, and Rawa.",
     {("captured", "Iraqi government", "Rutba"), ("captured", "Iraqi government", "Rawa")}),
    ("ISIS still controls Mosul, including Karama and Gogjali.",
     {("holds", "ISIS", "Mosul"), ("holds", "ISIS", "Karama"), ("holds", "ISIS", "Gogjali")}),
    ("They visited Qaraqosh, which troops took in July.", {("captured", "Iraqi government", "Qaraqosh")}),
    ("The Hashd were preparing on Sunday to attack Hawija.", {("advancing", "Iraqi government", "Hawija")}),
    ("Thousands of civilians fled Mosul, Iraqi officials said.", set()),
    ("Residents fled to Bartella as troops approached.", set()),
])
def test_common_press_constructions(body, expected):
    assert summary(body) == expected


@pytest.mark.parametrize("body, place, value", [
    ("Peshmerga forces recaptured Bartella on Friday, 15 months after the group overran it.", "Bartella", "2016-10-28"),
    ("Abadi declared victory in Mosul on Monday, three years after the militants overran the city.", "Mosul", "2016-10-31"),
    ("Officers said on Thursday that troops controlled Qaraqosh.", "Qaraqosh", "2016-10-27"),
    ("Officers said the troops had entered Gogjali and would resume the advance on Friday.", "Gogjali", "2016-11-01"),
])
def test_the_date_belongs_to_the_clause_it_is_in(body, place, value):
    dates = {c.date.value for c in claims_of(body) if c.mention.text == place and c.side == "Iraqi government"
             or c.mention.text == place and c.side == "Kurdish forces"}
    assert dates == {value}


def test_a_lead_date_dates_the_clause_it_opens():
    body = "Abadi declared victory in Mosul on Monday, three years after the militants overran the city."
    dates = {(c.side, c.date.value) for c in claims_of(body)}
    assert ("ISIS", "2013") in dates


@pytest.mark.parametrize("sentence, speaker", [
    ("BEIRUT/AMMAN (Meridian Wire) - U.S.-backed militias said on Tuesday they had taken Raqqa.", "U.S.-backed militias"),
    ("MOSUL, Iraq (Tigris Wire) \u2014 The army said it entered Gogjali.", "The army"),
])
def test_a_dateline_is_not_part_of_who_is_speaking(sentence, speaker):
    from extraction.claimants import find_claimant

    who, span = find_claimant(sentence)
    assert who == speaker and sentence[span[0]:span[1]].startswith(speaker)
