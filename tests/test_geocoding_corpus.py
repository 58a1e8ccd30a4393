"""An article that names no country is read in the light of the corpus it comes with:
a folder of Syria stories places a bare "Palmyra" in Syria, not in Colombia."""
from __future__ import annotations

from geocoding.index import load_index
from geocoding.resolve import CORPUS_MIN_MENTIONS, Resolver
from extraction.sentences import split_sentences
from extraction.toponyms import find_toponyms
from ingest.run import ingest_paths
from store.db import connect

SYRIA_STORY = ("Government troops shelled Aleppo and Homs on Monday while the army moved on Hama, "
               "and fighters left Idlib for Damascus.")
BARE = "Troops reached Palmyra on Sunday after a two-week push through the desert."


def palmyra(resolver: Resolver):
    mentions = find_toponyms(BARE, split_sentences(BARE), resolver.index)
    resolver.resolve(BARE, mentions)
    return next(m for m in mentions if m.text == "Palmyra").resolution


def test_a_bare_name_takes_the_country_the_corpus_is_about():
    resolver = Resolver(load_index())
    for _ in range(CORPUS_MIN_MENTIONS // 5 + 1):
        mentions = find_toponyms(SYRIA_STORY, split_sentences(SYRIA_STORY), resolver.index)
        resolver.resolve(SYRIA_STORY, mentions)
    place = palmyra(resolver).place
    assert place is not None and place.country == "SY"


def test_the_corpus_is_read_from_the_store_so_a_rerun_sees_the_same(tmp_path):
    folder = tmp_path / "syria"
    folder.mkdir()
    for i in range(6):
        (folder / f"{i}.txt").write_text(f"Report {i}\n2016-03-0{i + 1}\n\n{SYRIA_STORY} Story {i}.\n", encoding="utf-8")
    db = tmp_path / "f.sqlite"
    assert ingest_paths([folder], db).read == 6
    conn = connect(db)
    try:
        resolver = Resolver(load_index(), conn)
        assert resolver.corpus["SY"] >= CORPUS_MIN_MENTIONS
        assert palmyra(resolver).place.country == "SY"
    finally:
        conn.close()
