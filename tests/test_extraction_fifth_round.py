"""Dates in stories that look back, and losers named after a list: anniversary features print
"June 10" for last year's June 10, narrative copy carries a named day into the next sentence's
"the next day", and "freed X and nearby villages from IS" names who lost X. Every sentence here
is written for this test, in the styles of several outlets."""
from __future__ import annotations

from datetime import datetime

import pytest

from extraction.dates import looks_back_a_year
from tests.test_extraction_claims import summary
from tests.test_extraction_unseen_wording import dated


@pytest.mark.parametrize("body, published, expected", [
    # a magazine feature, headline cue carried into the body
    ("One year on, the survivors still gather at the gate. Mosul fell to the Islamic State group on June 10.",
     datetime(2015, 6, 14), ("captured", "ISIS", "Mosul", "2014-06-10")),
    # a wire retrospective that names its month "last year"
    ("She has not heard from her brother since June last year. Islamic State fighters seized Tikrit on June 11.",
     datetime(2015, 6, 20), ("captured", "ISIS", "Tikrit", "2014-06-11")),
    # an anniversary piece with a month and no day
    ("On the anniversary of the offensive, residents recall how the militants overran Baiji in June.",
     datetime(2015, 6, 25), ("captured", "ISIS", "Baiji", "2014-06")),
])
def test_an_anniversary_piece_dates_its_month_a_year_back(body, published, expected):
    assert expected in dated(body, "IQ", published)


@pytest.mark.parametrize("body, published, expected", [
    # ordinary wire copy: "last year" about something else does not move this month's days
    ("Islamic State fighters seized Tikrit on June 11. The group took Fallujah last year.",
     datetime(2015, 6, 20), ("captured", "ISIS", "Tikrit", "2015-06-11")),
    # a feature looking back still keeps earlier months in the year of print
    ("A year on, Tikrit is quiet. Iraqi forces retook Tikrit in March.",
     datetime(2015, 6, 12), ("captured", "Iraqi government", "Tikrit", "2015-03")),
])
def test_other_dates_keep_the_year_of_print(body, published, expected):
    assert expected in dated(body, "IQ", published)


def test_the_look_back_needs_a_cue_and_a_publication_date():
    assert looks_back_a_year("A year after the fall of Mosul, the city is quiet.", datetime(2015, 6, 10))
    assert looks_back_a_year("Umm Ali last saw him in June last year.", datetime(2015, 6, 12))
    assert not looks_back_a_year("Umm Ali last saw him in March last year.", datetime(2015, 6, 12))
    assert not looks_back_a_year("A year on, the city is quiet.", None)


@pytest.mark.parametrize("body, published, expected", [
    # feature narrative: the day is named a sentence earlier
    ("Mosul fell to the Islamic State group on June 10, 2014. Tikrit was overrun the next day.",
     datetime(2015, 6, 12), ("captured", "ISIS", "Tikrit", "2014-06-11")),
    # a look back at one day: "later the same day" is that day, not the day of print
    ("Islamic State fighters seized Mosul on June 10, 2014. Baiji was overrun later the same day.",
     datetime(2015, 1, 5), ("captured", "ISIS", "Baiji", "2014-06-10")),
    # wire copy with a weekday
    ("Syrian troops entered Palmyra on Thursday. Islamic State militants shelled Palmyra the following day.",
     datetime(2016, 3, 27), ("attacked", "ISIS", "Palmyra", "2016-03-25")),
])
def test_the_next_or_same_day_follows_the_day_an_earlier_sentence_named(body, published, expected):
    theatre = "SY" if "Palmyra" in body else "IQ"
    assert expected in dated(body, theatre, published)


def test_a_day_only_said_on_does_not_anchor_the_next_day():
    """"said on Monday" dates the statement, not the events told after it."""
    found = dated("The army said on Monday it had retaken Baiji. The militants shelled Baiji the next day.",
                  "IQ", datetime(2015, 6, 17))
    assert ("attacked", "ISIS", "Baiji", "2015-06-16") not in found


@pytest.mark.parametrize("body, theatre, expected", [
    # Iraqi Kurdish outlet
    ("Peshmerga forces freed the town of Makhmour and a dozen surrounding villages from Islamic State (IS) militants on Saturday.",
     "IQ", ("lost", "ISIS", "Makhmour")),
    # wire copy
    ("Iraqi troops retook Baiji and nearby villages from Islamic State fighters on Friday.",
     "IQ", ("lost", "ISIS", "Baiji")),
    # Syrian Kurdish outlet
    ("YPG fighters liberated Kobani and its surroundings from ISIS gangs on Monday.",
     "SY", ("lost", "ISIS", "Kobani")),
])
def test_the_side_after_from_loses_a_place_listed_with_its_villages(body, theatre, expected):
    assert expected in summary(body, theatre)


def test_a_from_after_another_verb_names_no_loser():
    """"retook Baiji and sent reinforcements from Peshmerga lines": "from" belongs to the second verb."""
    claims = summary("Iraqi troops retook Baiji and sent reinforcements from Peshmerga lines.", "IQ")
    assert ("lost", "Kurdish forces", "Baiji") not in claims


@pytest.mark.parametrize("body, theatre, expected", [
    # Iranian-style outlet
    ("On Thursday, Iraqi fighter jets pounded Daesh positions near Baiji, killing dozens of the militants.",
     "IQ", ("attacked", "Iraqi government", "Baiji")),
    # opposition outlet
    ("Syrian helicopters dropped barrel bombs on Palmyra overnight.", "SY", ("attacked", "Syrian government", "Palmyra")),
    # Syrian Kurdish outlet
    ("Turkish fighter jets struck Kobani at dawn.", "SY", ("attacked", "Turkey-backed rebels", "Kobani")),
    # wire copy
    ("Russian helicopters attacked Palmyra on Monday.", "SY", ("attacked", "Syrian government", "Palmyra")),
])
def test_aircraft_named_by_type_strike_for_their_side(body, theatre, expected):
    assert expected in summary(body, theatre)
