"""Constructions found when the rules met a second set of articles written in other house
styles: agents after a time phrase, coalitions of two sides, live-blog speakers, weapons as
subjects, people (not places) taken. Each case is a sentence and the claim a reader takes
from it, or one a reader would not."""
from __future__ import annotations

import pytest

from tests.test_extraction_claims import summary


@pytest.mark.parametrize("body, theatre, expected", [
    # the agent of a passive after a time phrase
    ("Qaraqosh was retaken on Monday by Iraqi troops.", "IQ", ("captured", "Iraqi government", "Qaraqosh")),
    ("Mosul was seized in June 2014 by Islamic State fighters.", "IQ", ("captured", "ISIS", "Mosul")),
    # two sides named as agents: each took part
    ("Sinjar was retaken on Friday by Kurdish Peshmerga and Iraqi troops.", "IQ", ("captured", "Kurdish forces", "Sinjar")),
    ("Sinjar was retaken on Friday by Kurdish Peshmerga and Iraqi troops.", "IQ", ("captured", "Iraqi government", "Sinjar")),
    # state-media and evacuation phrasing
    ("Army units captured Douma on Saturday. Harasta was restored to state control on Sunday.", "SY",
     ("captured", "Syrian government", "Harasta")),
    ("Rebel fighters were bussed out of Harasta on Thursday.", "SY", ("lost", "Syrian rebels", "Harasta")),
    # the weapon is the subject
    ("Barrel bombs fell on Douma on Sunday night.", "SY", ("attacked", "Syrian government", "Douma")),
    # live-blog speaker before a colon
    ("11:15 - Prime Minister Haider al-Abadi: Rawa has been completely liberated.", "IQ", ("captured", "Iraqi government", "Rawa")),
    # "our forces" inside a quote are the speaker's side, whatever the lexicon says of them
    ("\"Our forces have liberated Sinjar,\" a Peshmerga commander said.", "IQ", ("captured", "Kurdish forces", "Sinjar")),
    # a speaker who "wrote"
    ("\"Our fighters are still defending Kobani,\" SDF spokesman Mustafa Bali wrote.", "SY", ("holds", "SDF", "Kobani")),
    # the backer named with the rebels decides their side
    ("Syrian rebels backed by Turkish tanks captured al-Bab on Sunday.", "SY", ("captured", "Turkey-backed rebels", "al-Bab")),
    ("Turkish-backed Syrian opposition fighters entered Afrin on Sunday.", "SY", ("entered", "Turkey-backed rebels", "Afrin")),
    # the side whose positions are struck holds the place they are in
    ("Russian jets carried out airstrikes on ISIS positions in Palmyra on Sunday.", "SY", ("holds", "ISIS", "Palmyra")),
    # "both towns" stands for the two named before
    ("Turkish troops shelled Manbij and Jarabulus on Wednesday. The SDF captured both towns from Islamic State in 2016.", "SY",
     ("captured", "SDF", "Manbij")),
    ("Turkish troops shelled Manbij and Jarabulus on Wednesday. The SDF captured both towns from Islamic State in 2016.", "SY",
     ("captured", "SDF", "Jarabulus")),
    # the side a place is taken from lost it
    ("Iraqi forces retook Hawija from Islamic State on Thursday.", "IQ", ("lost", "ISIS", "Hawija")),
    # actor phrases of the wider press
    ("Sunni tribesmen retook Rawa on Monday.", "IQ", ("captured", "Iraqi government", "Rawa")),
    ("Russian military police entered Douma on Thursday.", "SY", ("entered", "Syrian government", "Douma")),
    ("U.S. warplanes struck Raqqa on Sunday.", "SY", ("attacked", "SDF", "Raqqa")),
])
def test_general_press_constructions(body, theatre, expected):
    assert expected in summary(body, theatre)


@pytest.mark.parametrize("body, theatre, unexpected", [
    # soldiers taken prisoner: the town they fled toward was not captured
    ("Army soldiers retreated toward Palmyra after the assault and dozens were captured by Islamic State.", "SY",
     ("captured", "ISIS", "Palmyra")),
    # the place of the speakers after a comma is not what the strikes hit
    ("Kurdish Peshmerga retook Sinjar after two days of fighting backed by air strikes, officials in Baghdad said.", "IQ",
     ("attacked", "Kurdish forces", "Baghdad")),
])
def test_general_press_misreadings_are_avoided(body, theatre, unexpected):
    assert unexpected not in summary(body, theatre)

