"""The extraction pipeline on whole articles: real toponym finder, resolver and claims."""
from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from bench.accuracy import read_article, score_article, seed_checks
from extraction.pipeline import STAGES, StageTimes, extract, theatre_of
from geocoding.index import DEFAULT_CURATED, load_index
from geocoding.resolve import Resolver
from readers.article import Article

SEED = Path(__file__).resolve().parents[1] / ".." / "shared" / "seed"
PUBLISHED = datetime(2016, 11, 1, 15, 47)


@pytest.fixture(scope="session")
def curated_index(tmp_path_factory):
    """The repo's own curated places only: small, self-contained, built in a blink."""
    cache = tmp_path_factory.mktemp("gazetteer-curated")
    return load_index((), DEFAULT_CURATED, cache, with_cities500=False, include_registered=False)


def run(index, body: str, title: str = "Report", published=PUBLISHED, times=None):
    article = Article(title=title, body=body, published=published)
    return extract(article, index, Resolver(index), times=times)


def test_claims_are_placed_on_resolved_places(curated_index):
    result = run(curated_index, "Iraqi troops entered Gogjali on Tuesday and were 2 km from Bartella.")
    claims = {(c.claim_type, c.side, c.place.ref if c.place else None) for c in result.claims}
    assert claims == {("entered", "Iraqi government", "curated:gogjali"),
                      ("advancing", "Iraqi government", "curated:bartella")}
    assert {m.text for m in result.mentions} >= {"Gogjali", "Bartella"}


def test_vague_area_is_a_place_of_its_own_near_its_anchor(curated_index):
    (claim,) = run(curated_index, "Peshmerga fighters liberated three villages east of Bashiqa on Monday.").claims
    assert claim.place_text == "three villages east of Bashiqa"
    assert claim.place.geo_precision == 2 and claim.place.anchor_ref == "curated:bashiqa"
    assert claim.place.lon > claim.mention.place.lon  # east of the anchor
    assert (claim.side, claim.date.value) == ("Kurdish forces", "2016-10-31")


def test_the_headline_is_not_read_for_claims(curated_index):
    result = run(curated_index, "Residents returned home.", title="Iraqi forces retake Bartella")
    assert result.claims == [] and result.mentions == []


def test_without_publication_date_relative_dates_stay_unknown(curated_index):
    result = run(curated_index, "Iraqi troops entered Gogjali on Tuesday.", published=None)
    assert [c.date for c in result.claims] == [None]
    assert result.warnings


def test_stage_times_are_counted_per_article(curated_index):
    times = StageTimes()
    for _ in range(3):
        run(curated_index, "Iraqi troops entered Gogjali.", times=times)
    assert times.articles == 3
    assert set(times.seconds) == set(STAGES) and all(s > 0 for s in times.seconds.values())
    assert "articles/s" in times.report()


def test_theatre_is_the_country_most_places_are_in(curated_index):
    result = run(curated_index, "Troops entered Gogjali and Bartella.")
    assert theatre_of(result.mentions) == "IQ"
    assert theatre_of(result.mentions, ["sy"]) == "SY"


@pytest.mark.skipif(not SEED.is_dir(), reason="../shared/seed is not here (CI and dev machines have it)")
def test_seed_article_meets_the_acceptance_checks(theatre_index):  # noqa: F811
    article = read_article(SEED / "000_348ad8083cd88763.txt")
    gold = json.loads((SEED / "000_348ad8083cd88763.gold.json").read_text(encoding="utf-8"))
    result = extract(article, theatre_index, Resolver(theatre_index))
    checks = seed_checks(score_article("seed", gold, result), gold)
    assert all(ok for _, ok in checks), checks
