"""Odd text never crashes extraction and every offset it returns is valid: empty bodies, no
sentence end, a megabyte of text, all capitals, Arabic, HTML entities, random junk."""
from __future__ import annotations

import html
import time
from datetime import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extraction.dates import resolve_event_dates
from extraction.pipeline import extract
from extraction.records import CLAIM_TYPES, DATE_PRECISIONS
from extraction.sentences import split_sentences
from geocoding.index import DEFAULT_CURATED, load_index
from geocoding.resolve import Resolver
from readers.article import Article

WORDS = [
    "Iraqi", "forces", "troops", "retook", "entered", "the", "village", "of", "Gogjali", "Bartella",
    "Mosul", "west", "east", "km", "from", "Daesh", "ISIS", "IS", "fell", "to", "was", "were",
    "recaptured", "by", "purged", "on", "Tuesday", "yesterday", "June", "2014", "two", "weeks", "ago",
    "since", "said", "according", "failed", "tried", "denied", "that", "seven", "villages", "in",
    "eastern", "center", "the city", "Lt.", "Gen.", "U.S.", "a.m.", "\"", "'s", ",", ".", "—", "\n",
    "\n\n", "(Reuters)", "-", "&amp;", "&#8217;", "الموصل", "داعش", "قوات", "<b>", "?", "!",
]
SENTENCE_TEXT = st.one_of(st.text(max_size=400), st.lists(st.sampled_from(WORDS), max_size=80).map(" ".join))
PUBLISHED = st.one_of(st.none(), st.datetimes())


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    return load_index((), DEFAULT_CURATED, tmp_path_factory.mktemp("gazetteer"), with_cities500=False,
                      include_registered=False)


def check_extraction(article: Article, result) -> None:
    body = article.body
    for mention in result.mentions:
        assert 0 <= mention.start < mention.end <= len(body)
        assert body[mention.start:mention.end] == mention.text
    for claim in result.claims:
        assert claim.claim_type in CLAIM_TYPES
        assert 0 <= claim.evidence_start < claim.evidence_end <= len(body)
        assert body[claim.evidence_start:claim.evidence_end] == claim.evidence
        assert 0 < claim.confidence <= 1
        assert claim.side
        if claim.date is not None:
            assert claim.date.precision in DATE_PRECISIONS and claim.date.start <= claim.date.end


@given(SENTENCE_TEXT)
def test_sentence_spans_are_ordered_trimmed_and_inside_the_text(text):
    spans = split_sentences(text)
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end <= len(text)
        assert not text[start].isspace() and not text[end - 1].isspace()
        previous_end = end


@given(SENTENCE_TEXT, PUBLISHED)
def test_dates_have_valid_offsets_and_spans(text, published):
    for found in resolve_event_dates(text, published):
        assert text[found.start:found.end] == found.text
        assert found.date.precision in DATE_PRECISIONS
        assert found.date.start <= found.date.end


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(SENTENCE_TEXT, PUBLISHED)
def test_pipeline_never_crashes_on_odd_text(index, text, published):
    article = Article(title="t", body=text, published=published)
    check_extraction(article, extract(article, index, Resolver(index)))


@pytest.mark.parametrize("body", [
    "",
    "Iraqi troops entered Gogjali and kept going with no full stop at all",
    "IRAQI FORCES RETOOK BARTELLA ON TUESDAY. THE CITY FELL TO ISIS IN JUNE 2014.",
    "قالت قوات الأمن العراقية إنها استعادت السيطرة على برطلة يوم الثلاثاء.",
    html.escape("Iraqi forces &amp; Peshmerga retook Bartella &#8217;s centre <b>today</b>.") + " &nbsp;&#x27;",
])
def test_odd_bodies_give_sensible_output(index, body):
    article = Article(title="t", body=body, published=datetime(2016, 11, 1))
    result = extract(article, index, Resolver(index))
    check_extraction(article, result)


def test_a_megabyte_article_is_handled_in_reasonable_time(index):
    paragraph = ("Iraqi troops entered Gogjali on Tuesday and were 800 meters from Bartella, officers said. "
                 "Residents fled as shelling continued ") * 5
    body = (paragraph + "\n\n") * (1_000_000 // (len(paragraph) + 2))
    article = Article(title="t", body=body, published=datetime(2016, 11, 1))
    started = time.perf_counter()
    result = extract(article, index, Resolver(index))
    assert time.perf_counter() - started < 60
    assert len(result.claims) > 1000
    check_extraction(article, result)
