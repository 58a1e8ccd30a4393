"""Pins, fourth round: villages of the Wadi Barada valley that a Hama namesake used to take
("Kfeir al-Zeit" is not Kafr Zita), and an air base written as a "military airport"."""
from __future__ import annotations

from tests.conftest import resolved
from tests.test_geocoding_general_press import assert_near


def test_wadi_barada_villages_are_pinned_in_the_valley(full_index):
    found = resolved(full_index, "Deir Qanoun and Kfeir al-Zeit came under regime control, north-west of "
                                 "Damascus, in Syria.")
    assert_near(found["Deir Qanoun"], 33.604, 36.136, 3)
    assert_near(found["Kfeir al-Zeit"], 33.612, 36.141, 3)


def test_a_military_airport_named_after_its_town_is_the_air_base(full_index):
    found = resolved(full_index, "The Hashd stormed Tal Afar military airport, west of Mosul, in Iraq.")
    assert_near(found["Tal Afar military airport"], 36.284, 42.405, 3)
