"""Claims from the ways other outlets write: state media, Kurdish and opposition outlets, wire
copy with relative clauses and pronouns, think-tank bullets. Each case is a sentence a reader
would turn into the claim asserted."""
from __future__ import annotations

from datetime import datetime

import pytest

from tests.test_extraction_claims import claims_of, summary


@pytest.mark.parametrize("body, theatre, expected", [
    # state-media phrasing
    ("Army units restored security and stability to Palmyra on Sunday.", "SY", ("captured", "Syrian government", "Palmyra")),
    ("The city of Fallujah had been under the control of the terrorist gangs since January 2014.", "IQ",
     ("holds", "ISIS", "Fallujah")),
    ("The army tightened the noose on the terrorists in Palmyra.", "SY", ("besieged", "Syrian government", "Palmyra")),
    # a siege broken from outside
    ("Army units broke the siege imposed by ISIS terrorists on Deir ez-Zor on Tuesday.", "SY",
     ("advancing", "Syrian government", "Deir ez-Zor")),
    ("Army units broke the siege imposed by ISIS terrorists on Deir ez-Zor on Tuesday.", "SY", ("besieged", "ISIS", "Deir ez-Zor")),
    # "pushed into" is an entry, not an expulsion
    ("Counter-terrorism units pushed into Hawija from the north on Thursday.", "IQ", ("entered", "Iraqi government", "Hawija")),
    # pronouns and relative clauses
    ("Baiji has changed hands since Islamic State fighters overran it in June 2014.", "IQ", ("captured", "ISIS", "Baiji")),
    ("Government forces hold al-Dour, which was retaken earlier this month.", "IQ", ("captured", "Iraqi government", "al-Dour")),
    ("ISIS executed dozens of tribal fighters after taking Ramadi.", "IQ", ("captured", "ISIS", "Ramadi")),
    # the place inside the subject
    ("The last Islamic State fighters in Tabqa surrendered on Wednesday.", "SY", ("lost", "ISIS", "Tabqa")),
    # "in X hands" over a list
    ("The next target is the road to Sharqat and Mosul, both still in Islamic State hands.", "IQ", ("holds", "ISIS", "Sharqat")),
    ("The next target is the road to Sharqat and Mosul, both still in Islamic State hands.", "IQ", ("holds", "ISIS", "Mosul")),
    # a defence told after the attack
    ("ISIS militants attacked Rawa on Saturday, but tribal fighters repelled the attack.", "IQ", ("holds", "Iraqi government", "Rawa")),
    # coordinated subjects: the head of the coordination acts
    ("Turkish troops and their Syrian rebel allies entered Afrin on Sunday.", "SY", ("entered", "Turkey-backed rebels", "Afrin")),
    # an expulsion told by the winner
    ("ISIS militants had been driven from Qabasin, the Turkish military said.", "SY", ("captured", "Turkey-backed rebels", "Qabasin")),
    ("ISIS militants had been driven from Qabasin, the Turkish military said.", "SY", ("lost", "ISIS", "Qabasin")),
    # a pronoun subject stands for the actor of the sentence before
    ("Islamic State overran Mosul in 2014. It lost Raqqa in October 2017.", "SY", ("lost", "ISIS", "Raqqa")),
    # an accusation ends where a new statement begins
    ("The Kurdish officials accused Baghdad of an attack on Kirkuk and said Kurdish forces had shelled Hawija.", "IQ",
     ("attacked", "Kurdish forces", "Hawija")),
    # Kurdish and opposition outlets
    ("YPG/YPJ fighters liberated Raqqa on Tuesday.", "SY", ("captured", "SDF", "Raqqa")),
    ("Regime militias and Iranian-backed militias stormed Aleppo on Saturday.", "SY", ("entered", "Syrian government", "Aleppo")),
    ("Turkish artillery pounded ISIS targets around Jarabulus.", "SY", ("attacked", "Turkey-backed rebels", "Jarabulus")),
])
def test_press_styles(body, theatre, expected):
    assert expected in summary(body, theatre)


@pytest.mark.parametrize("body, theatre, unexpected", [
    # fleeing toward a town is not advancing on it
    ("Islamic State fighters left Manbij on Friday, heading north toward Jarabulus.", "SY", ("advancing", "ISIS", "Jarabulus")),
    # "ISIS targets" are hit, they do not strike
    ("Turkish artillery pounded ISIS targets around Jarabulus.", "SY", ("attacked", "ISIS", "Jarabulus")),
    # the accuser does not attack
    ("The Kurdish officials accused Baghdad of launching an attack on Kirkuk.", "IQ", ("attacked", "Kurdish forces", "Kirkuk")),
    # an appositive stronghold is the place before the comma, not the province after it
    ("Rebels captured al-Bab, the last Islamic State stronghold in Aleppo province.", "SY", ("holds", "ISIS", "Aleppo")),
    # the coordinated ally is not a second actor
    ("Turkish troops and their Syrian rebel allies entered Afrin on Sunday.", "SY", ("entered", "Syrian rebels", "Afrin")),
    # surrendering to someone somewhere is not losing that place
    ("Hundreds of militants surrendered to Kurdish security forces north of Hawija.", "IQ", ("lost", "ISIS", "north of Hawija")),
])
def test_press_style_misreadings_are_avoided(body, theatre, unexpected):
    assert unexpected not in summary(body, theatre)


def test_a_retreat_is_a_loss():
    assert ("lost", "ISIS", "Manbij") in summary("Islamic State fighters left Manbij on Friday, heading north toward Jarabulus.", "SY")


def test_background_dates_of_pronoun_and_perfect_clauses():
    claims = claims_of("Baiji has changed hands since Islamic State fighters overran it in June 2014.")
    assert {c.date.value for c in claims if c.claim_type == "captured"} == {"2014-06"}
    held = claims_of("The city of Fallujah had been under the control of the terrorist gangs since January 2014.")
    assert [c.date.value for c in held if c.claim_type == "holds"] == ["2014-01"]


def test_a_later_sentence_does_not_credit_the_side_that_fled():
    body = ("Most of the jihadists reportedly fled Jarabulus on Wednesday. "
            "Jarabulus was completely cleared, the Turkish military said.")
    found = summary(body, "SY")
    assert ("captured", "ISIS", "Jarabulus") not in found
    assert ("captured", "Turkey-backed rebels", "Jarabulus") in found


def test_march_last_year_is_last_years_march():
    claims = claims_of("The army had first recaptured Palmyra in March last year.", "SY", published=datetime(2017, 3, 2))
    assert [c.date.value for c in claims] == ["2016-03"]
