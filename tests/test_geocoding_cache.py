"""The geocode cache and user corrections persist in the store and survive a restart."""
from __future__ import annotations

import json

from extraction.sentences import split_sentences
from extraction.toponyms import find_toponyms
from geocoding.cache import GeocodeCache
from geocoding.corrections import add_correction, apply_correction
from geocoding.offline import OfflineGeocoder
from geocoding.records import Place
from geocoding.resolve import Resolver
from geocoding.vague import area_place
from store.db import connect


def test_answers_and_misses_persist_with_counts(theatre_index, tmp_path):
    conn = connect(tmp_path / "store.sqlite")
    cache = GeocodeCache(conn, theatre_index.fingerprint)
    geocoder = OfflineGeocoder(theatre_index, cache)
    for _ in range(3):
        geocoder.geocode("Gogjali", country_codes=["IQ"])
    assert geocoder.geocode("Nowhereabad") is None
    cache.flush()
    rows = {r["query"]: r for r in conn.execute("SELECT * FROM geocode_cache WHERE provider = 'offline'")}
    gogjali = next(r for q, r in rows.items() if r["bias"] == "IQ")
    assert (gogjali["hits"], gogjali["misses"]) == (2, 1)
    assert json.loads(gogjali["answer"])[0]["ref"] == "curated:gogjali"
    assert any(r["answer"] is None for r in rows.values())  # "not found" is remembered too

    restarted = OfflineGeocoder(theatre_index, GeocodeCache(conn, theatre_index.fingerprint))
    assert restarted.geocode("Kokjali", country_codes=["IQ"]).raw["ref"] == "curated:gogjali"
    restarted.cache.flush()
    assert conn.execute("SELECT hits FROM geocode_cache WHERE query = ? AND bias = 'IQ'",
                        (gogjali["query"],)).fetchone()[0] == 3


def test_a_new_gazetteer_forgets_offline_answers(theatre_index, tmp_path):
    conn = connect(tmp_path / "store.sqlite")
    cache = GeocodeCache(conn, theatre_index.fingerprint)
    OfflineGeocoder(theatre_index, cache).geocode("Nowhereabad")
    cache.flush()
    GeocodeCache(conn, "another-index")
    assert conn.execute("SELECT COUNT(*) FROM geocode_cache").fetchone()[0] == 0


def _store_article(conn, body: str, mentions) -> None:
    conn.execute("INSERT INTO articles(id, source_file, title, body, ingested_at) VALUES ('a1', 'f.txt', 't', ?, 'now')", (body,))
    for m in mentions:
        place = m.place
        if place is not None:
            conn.execute("INSERT OR IGNORE INTO places(ref, name, lat, lon, kind) VALUES (?, ?, ?, ?, ?)",
                         (place.ref, place.name, place.lat, place.lon, place.kind))
        conn.execute("INSERT INTO mentions(id, article_id, start_char, end_char, surface, sentence, place_ref)"
                     " VALUES (?, 'a1', ?, ?, ?, ?, ?)", (f"a1:{m.start}", m.start, m.end, m.text, m.sentence,
                                                          place.ref if place else None))


def test_a_correction_sticks_for_later_ingests_and_fixes_what_is_stored(theatre_index, tmp_path):
    conn = connect(tmp_path / "store.sqlite")
    body = "Clashes were reported in the Asyla village west of Mosul, Iraq."
    mentions = find_toponyms(body, split_sentences(body), theatre_index)
    Resolver(theatre_index, conn).resolve(body, mentions)
    asyla = next(m for m in mentions if m.text == "Asyla")
    assert asyla.place is None
    _store_article(conn, body, mentions)
    mosul = next(m for m in mentions if m.text == "Mosul").place
    west = area_place(mosul, "west of")
    conn.execute("INSERT INTO places(ref, name, lat, lon, kind, geo_precision, anchor_ref, relation)"
                 " VALUES (?, ?, ?, ?, 'area', 2, ?, ?)", (west.ref, west.name, west.lat, west.lon, west.anchor_ref, west.relation))
    conn.execute("INSERT INTO claims(id, article_id, mention_id, place_ref, place_text, claim_type, evidence,"
                 " evidence_start, evidence_end, geo_precision) VALUES ('c1', 'a1', ?, NULL, 'Asyla', 'attacked', ?, 0, 10, 1)",
                 (f"a1:{asyla.start}", body))

    fixed = Place("user:asyla", "Asyla", 36.30, 42.95, "village", "IQ")
    add_correction(conn, "Asyla", fixed)
    counts = apply_correction(conn, "Asyla", fixed)
    assert counts == {"mentions": 1, "claims": 1}
    assert conn.execute("SELECT place_ref, method FROM mentions WHERE surface = 'Asyla'").fetchone()[:] == ("user:asyla", "correction")
    assert conn.execute("SELECT place_ref FROM claims WHERE id = 'c1'").fetchone()[0] == "user:asyla"
    assert conn.execute("SELECT lat FROM places WHERE ref = 'user:asyla'").fetchone()[0] == 36.30

    mosul_mention = next(m for m in mentions if m.text == "Mosul")
    conn.execute("INSERT INTO claims(id, article_id, mention_id, place_ref, place_text, claim_type, evidence,"
                 " evidence_start, evidence_end, geo_precision) VALUES ('c2', 'a1', ?, ?, 'west of Mosul',"
                 " 'captured', ?, 0, 10, 2)", (f"a1:{mosul_mention.start}", west.ref, body))
    moved = Place("user:mosul", "Mosul", 36.30, 43.20, "city", "IQ")
    apply_correction(conn, "Mosul", moved)
    area_ref = conn.execute("SELECT place_ref FROM claims WHERE id = 'c2'").fetchone()[0]
    assert area_ref == "area:west-of:user:mosul"  # the vague area follows its corrected anchor
    assert conn.execute("SELECT lon FROM places WHERE ref = ?", (area_ref,)).fetchone()[0] < 43.20

    later = find_toponyms(body, split_sentences(body), theatre_index)
    Resolver(theatre_index, conn).resolve(body, later)
    again = next(m for m in later if m.text == "Asyla").resolution
    assert again.place.ref == "user:asyla" and again.method == "correction"
