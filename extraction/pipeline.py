"""One article in, its mentions and claims out: sentences -> toponyms -> resolution -> claims.

Only the body is read for places and claims: the headline has no offsets into the body and
restates what the body says. Each stage is timed into a `StageTimes` so the benchmark can show
where the time of an ingest goes.
"""
from __future__ import annotations

import time
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Iterator, Sequence

from extraction.actors import ActorLexicon, load_actor_lexicon
from extraction.claims import extract_claims
from extraction.records import Extraction, Mention
from extraction.sentences import split_sentences
from extraction.toponyms import find_toponyms
from geocoding.index import GazetteerIndex
from geocoding.resolve import Resolver
from readers.article import Article

STAGES = ("sentences", "toponyms", "geocoding", "claims")


@dataclass
class StageTimes:
    """Seconds spent per stage, summed over the articles extracted with it."""

    seconds: dict[str, float] = field(default_factory=lambda: dict.fromkeys(STAGES, 0.0))
    articles: int = 0

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - started

    def report(self) -> str:
        total = sum(self.seconds.values()) or 1e-12
        lines = [f"{'stage':<10} {'total s':>9} {'ms/article':>11} {'share':>6}"]
        for name, seconds in self.seconds.items():
            per = 1000 * seconds / max(self.articles, 1)
            lines.append(f"{name:<10} {seconds:>9.3f} {per:>11.3f} {seconds / total:>6.1%}")
        lines.append(f"{'all':<10} {total:>9.3f} {1000 * total / max(self.articles, 1):>11.3f}"
                     f"  -> {self.articles / total:.0f} articles/s")
        return "\n".join(lines)


def extract(
    article: Article,
    index: GazetteerIndex,
    resolver: Resolver,
    countries: Sequence[str] = (),
    lexicon: ActorLexicon | None = None,
    times: StageTimes | None = None,
) -> Extraction:
    """Mentions (resolved where possible) and claims of one article."""
    times = times if times is not None else StageTimes()
    times.articles += 1
    body = article.body or ""
    with times.stage("sentences"):
        sentences = split_sentences(body)
    with times.stage("toponyms"):
        mentions = find_toponyms(body, sentences, index)
    with times.stage("geocoding"):
        resolver.resolve(body, mentions, countries)
    with times.stage("claims"):
        claims = extract_claims(
            body, sentences, mentions, article.published, lexicon or load_actor_lexicon(),
            theatre_of(mentions, countries),
        )
    warnings = [] if article.published else ["no publication date: relative dates left unresolved"]
    return Extraction(mentions=mentions, claims=claims, warnings=warnings)


def theatre_of(mentions: list[Mention], countries: Sequence[str] = ()) -> str:
    """The country the article is about: the one given, else the most placed-in one.
    It decides whose "army" the text means."""
    if countries:
        return countries[0].upper()
    tally = Counter(m.place.country for m in mentions if m.place is not None and m.place.country)
    return tally.most_common(1)[0][0] if tally else ""
