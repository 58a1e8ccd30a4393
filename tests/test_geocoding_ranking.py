"""Ranking rules a reader of the map would notice: a bare city name is the city, not its
province; a name the text calls a neighbourhood is not pinned on a far-away village."""
from __future__ import annotations

import pytest

from geocoding.index import DEFAULT_CURATED, load_index
from geocoding.resolve import Resolver
from extraction.sentences import split_sentences
from extraction.toponyms import find_toponyms
from tests.conftest import GAZETTEER, THEATRE_FILES


@pytest.fixture(scope="module")
def full_index(tmp_path_factory):
    """cities500 with the Iraq and Syria files: city and governorate rows side by side."""
    if not GAZETTEER.is_dir():
        pytest.skip("../shared/gazetteer is not here (CI and dev machines have it)")
    return load_index(THEATRE_FILES, DEFAULT_CURATED, tmp_path_factory.mktemp("full-index"), include_registered=False)


def resolutions(index, body: str) -> dict:
    mentions = find_toponyms(body, split_sentences(body), index)
    Resolver(index).resolve(body, mentions)
    return {m.text: m.resolution for m in mentions}


def test_a_bare_city_name_is_the_city_not_its_governorate(full_index):
    found = resolutions(full_index, "Government forces pushed east from Homs towards Palmyra on Monday.")
    assert found["Homs"].place is not None and found["Homs"].place.kind == "city"


def test_a_neighbourhood_far_from_the_story_is_not_pinned_on_a_namesake(theatre_index):
    found = resolutions(theatre_index, "Syrian troops in Deir ez-Zor retook the al-Hamidiya neighbourhood on Friday.")
    hamidiya = found["al-Hamidiya"]
    assert hamidiya.place is None or hamidiya.place.kind in ("neighbourhood", "landmark"), hamidiya
