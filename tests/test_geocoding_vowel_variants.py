"""Names the press writes with other vowels than the gazetteer ("Kweires" for "Kuweires"), and the
countries whose every place is worth spotting."""
from __future__ import annotations

import pytest

from extraction.sentences import split_sentences
from extraction.toponyms import find_toponyms
from geocoding.candidates import candidate_ids
from geocoding.index import build_index, theatre_countries
from geocoding.sources import RANK_CITIES, RANK_CURATED, RANK_FILE, SourcePlace

HEADER = "ref\tname\talternate_names\tkind\tcountry\tadmin1\tparent\tlatitude\tlongitude\tsource\n"
ROWS = [
    ("curated:kuweires", "Kuweires air base", "Kuweires,Kuweires air base", "landmark", "SY", "36.187", "37.583"),
    ("curated:baghdad", "Baghdad", "Baghdad", "city", "IQ", "33.34", "44.40"),
    ("curated:baghdadi", "Khan al-Baghdadi", "Khan al-Baghdadi,al-Baghdadi,Baghdadi", "town", "IQ", "33.86", "42.54"),
    ("curated:mastumah", "Al Mastumah", "Al Mastumah", "village", "SY", "35.876", "36.632"),
]


@pytest.fixture(scope="module")
def small_index(tmp_path_factory):
    path = tmp_path_factory.mktemp("variants") / "curated.tsv"
    lines = [f"{ref}\t{name}\t{alts}\t{kind}\t{cc}\t\t\t{lat}\t{lon}\tthe test\n"
             for ref, name, alts, kind, cc, lat, lon in ROWS]
    path.write_text(HEADER + "".join(lines), encoding="utf-8")
    return build_index([], curated=path, with_cities500=False)


def refs(index, name: str) -> list[str]:
    return [index.refs[i] for i, _ in candidate_ids(index, name)]


def spot(index, body: str) -> list[str]:
    return [m.text for m in find_toponyms(body, split_sentences(body), index)]


def test_a_name_written_with_other_vowels_finds_the_place(small_index):
    assert refs(small_index, "Kweires") == ["curated:kuweires"]
    assert refs(small_index, "al-Mastouma") == ["curated:mastumah"]
    (_, match), = candidate_ids(small_index, "Kweires")
    assert match < 1.0  # weaker than the spelling itself


def test_a_name_with_an_exact_match_takes_no_vowel_variant(small_index):
    assert refs(small_index, "Baghdad") == ["curated:baghdad"]


def test_short_or_different_names_are_not_vowel_variants(small_index):
    assert refs(small_index, "Kris") == []
    assert refs(small_index, "Kawarish") == []


def test_a_vowel_variant_is_spotted_only_where_the_text_says_it_is_a_place(small_index):
    body = ("Army units broke the siege on Kweires military airport on Tuesday. "
            "Loyalists fled towards the al-Mastouma camp.")
    assert spot(small_index, body) == ["Kweires", "al-Mastouma"]
    assert spot(small_index, "Officials praised Kweires for his courage.") == []


def place(country: str, rank: int) -> SourcePlace:
    return SourcePlace(ref=f"x:{country}{rank}", name="X", lat=0.0, lon=0.0, rank=rank, country=country)


def test_one_curated_row_abroad_does_not_make_its_country_a_theatre():
    collected = [place("SY", RANK_CURATED)] * 30 + [place("GB", RANK_CURATED)] + [place("FR", RANK_CITIES)]
    assert theatre_countries(collected) == {"SY"}
    assert theatre_countries(collected + [place("TR", RANK_FILE)]) == {"SY", "TR"}


def test_small_places_of_a_country_with_one_curated_row_are_not_spotted(tmp_path):
    path = tmp_path / "curated.tsv"
    rows = [f"curated:sy{n}\tPlace{n}\tPlace{n}\tvillage\tSY\t\t\t35.0\t38.0\tthe test\n" for n in range(30)]
    rows.append("curated:london\tLondon\tLondon\tcity\tGB\t\t\t51.5\t-0.12\tthe test\n")
    path.write_text(HEADER + "".join(rows), encoding="utf-8")
    index = build_index([], curated=path, with_cities500=True)
    body = "The City was quiet, and London too. Troops entered Place3."
    # "The City" is an alternate name of the City of London (8,000 people): no place to spot
    assert spot(index, body) == ["London", "Place3"]
