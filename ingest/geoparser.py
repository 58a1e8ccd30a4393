"""Everything an ingest needs loaded once: the gazetteer index, the resolver with its cache
and the user's corrections, the actor lexicon; `extract()` runs the pipeline on one article."""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from extraction.actors import ActorLexicon, load_actor_lexicon
from extraction.pipeline import StageTimes, extract
from extraction.records import Extraction
from geocoding.candidates import rank_candidates
from geocoding.index import GazetteerIndex, load_index
from geocoding.resolve import Resolver
from readers.article import Article

CACHE_FLUSH_EVERY = 200  # articles; the geocode cache is a cache, so a kill loses only some counts


@dataclass
class Geoparser:
    index: GazetteerIndex
    resolver: Resolver
    lexicon: ActorLexicon
    countries: tuple[str, ...] = ()
    times: StageTimes = field(default_factory=StageTimes)
    _since_flush: int = 0

    @classmethod
    def load(cls, conn: sqlite3.Connection | None, *, gazetteers: Sequence[str | Path] = (),
             countries: Sequence[str] = (), online: bool = False) -> "Geoparser":
        index = load_index(gazetteers)
        resolver = Resolver(index, conn, countries=countries)
        if online:
            from geocoding.online import OnlineGeocoder

            resolver.online = OnlineGeocoder(resolver.cache)
        return cls(index, resolver, load_actor_lexicon(), tuple(c.upper() for c in countries))

    def extract(self, article: Article) -> Extraction:
        return extract(article, self.index, self.resolver, self.countries, self.lexicon, self.times)

    def commit(self, force: bool = False) -> None:
        """Write the geocode cache now and then, in a transaction of its own."""
        self._since_flush += 1
        conn = self.resolver.cache.conn
        if conn is None or (not force and self._since_flush < CACHE_FLUSH_EVERY):
            return
        self._since_flush = 0
        conn.execute("BEGIN IMMEDIATE")
        try:
            self.resolver.cache.flush()
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise


def rank_names(name: str, *, countries: Sequence[str] = (), near: str | None = None,
               gazetteers: Sequence[str | Path] = (), limit: int = 5) -> list[dict]:
    """Ranked gazetteer candidates for `python app.py geocode NAME`."""
    return rank_candidates(load_index(gazetteers), name, countries, near, limit)
