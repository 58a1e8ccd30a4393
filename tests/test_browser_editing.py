"""Changing the store from the browser: fixing an unresolved place, adding articles."""
from __future__ import annotations

import shutil
import sqlite3

import pytest

from tests.conftest import serve

pytestmark = pytest.mark.timeout(180)

NEW_ARTICLE = ("Peshmerga retake Bashiqa\n\nMarch 3, 2018\n\n"
               "Kurdish Peshmerga forces recaptured Bashiqa from ISIS on Saturday, a commander said.\n")


@pytest.fixture
def editable(tmp_path, scenario_db, browser):
    """A private copy of the scenario store, its own server, and a page on it."""
    db = tmp_path / "frontline.sqlite"
    shutil.copy(scenario_db, db)
    url, server = serve(db)
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.goto(url + "/")
    page.wait_for_function("() => { const g = document.querySelector('#map .js-plotly-plot'); return g && g.data && g.data.length; }")
    yield page, db
    context.close()
    server.shutdown()


def open_section(page, title: str) -> None:
    page.locator("summary", has_text=title).click()


def test_picking_a_candidate_fixes_an_unresolved_place_and_stores_the_fix(editable):
    page, db = editable
    open_section(page, "Unresolved places")
    item = page.locator(".unresolved-item", has_text="Asyla")
    assert "1 mention" in item.inner_text() and "Asyla village" in item.inner_text()
    item.locator(".dash-dropdown").click()
    page.get_by_role("option", name="Mosul").first.click()
    item.get_by_role("button", name="Use this place").click()
    page.wait_for_function("() => document.querySelector('#unresolved-message').textContent.includes('is now Mosul')")
    page.wait_for_function("() => !document.querySelector('#unresolved').textContent.includes('Asyla')")
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT place_ref FROM corrections").fetchall() == [("geonames:99072",)]
        assert conn.execute("SELECT COUNT(*) FROM mentions WHERE place_ref IS NULL").fetchone()[0] == 0


def test_clicking_the_map_places_an_unresolved_name_there(editable):
    page, db = editable
    open_section(page, "Unresolved places")
    page.locator(".unresolved-item", has_text="Asyla").get_by_role("button", name="Place on map").click()
    page.wait_for_function("() => document.querySelector('#placing-banner').textContent.includes('Click on the map')")
    box = page.locator("#map").bounding_box()
    page.mouse.click(box["x"] + 15, box["y"] + box["height"] - 15)  # a corner, away from the markers
    page.wait_for_function("() => document.querySelector('#unresolved-message').textContent.includes(\"'Asyla' is now Asyla\")")
    with sqlite3.connect(db) as conn:
        ref, lat, lon = conn.execute("SELECT place_ref, lat, lon FROM corrections").fetchone()
    assert ref.startswith("user:") and -90 < lat < 90 and -180 < lon < 180


def test_an_uploaded_article_is_ingested_and_appears_on_the_map(editable, tmp_path):
    pytest.importorskip("ingest.geoparser", reason="the ingest pipeline is not importable yet")
    page, db = editable
    before = page.inner_text("#view-counts")
    article = tmp_path / "bashiqa.txt"
    article.write_text(NEW_ARTICLE, encoding="utf-8")
    open_section(page, "Add articles")
    page.set_input_files("#upload input[type=file]", str(article))
    page.wait_for_function("() => document.querySelector('#ingest-message').textContent.includes('added 1 articles')",
                           timeout=120_000)
    page.wait_for_function("(b) => document.querySelector('#view-counts').textContent !== b", arg=before)
    page.wait_for_function("() => document.querySelector('#map .js-plotly-plot').data[0].ids.includes('curated:bashiqa')")


def test_files_of_the_wrong_type_are_refused_with_a_clear_message(editable, tmp_path):
    page, _ = editable
    bad = tmp_path / "tool.exe"
    bad.write_bytes(b"MZ\x90\x00")
    open_section(page, "Add articles")
    page.set_input_files("#upload input[type=file]", str(bad))
    page.wait_for_function("() => document.querySelector('#ingest-message').textContent.includes('tool.exe: only')")
