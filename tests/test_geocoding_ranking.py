"""Ranking rules a reader of the map would notice: a bare city name is the city, not its
province; a name the text calls a neighbourhood is not pinned on a far-away village."""
from __future__ import annotations

from tests.conftest import resolved


def test_a_bare_city_name_is_the_city_not_its_governorate(full_index):
    found = resolved(full_index, "Government forces pushed east from Homs towards Palmyra on Monday.")
    assert found["Homs"].place is not None and found["Homs"].place.kind == "city"


def test_a_neighbourhood_far_from_the_story_is_not_pinned_on_a_namesake(theatre_index):
    found = resolved(theatre_index, "Syrian troops in Deir ez-Zor retook the al-Hamidiya neighbourhood on Friday.")
    hamidiya = found["al-Hamidiya"]
    assert hamidiya.place is None or hamidiya.place.kind in ("neighbourhood", "landmark"), hamidiya
