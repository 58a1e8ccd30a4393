"""Shared fixtures: dashboard stores (a scripted story, and the demo corpus through the real
ingest), a live dashboard server on loopback, and a headless Chromium."""
from __future__ import annotations

import json
import os
import shutil
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT / ".." / "shared"  # beside the checkout on CI and developer machines, not on a user's clone
GAZETTEER = SHARED / "gazetteer"
THEATRE_FILES = [GAZETTEER / f for f in ("IQ.wof-geonames.txt", "IQ.wof-extra.txt",
                                         "SY.wof-geonames.txt", "SY.wof-extra.txt")]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]
HOSTILE_ARTICLE = {
    "title": "<script>alert(1)</script> Mosul <img src=x onerror=alert(1)>",
    "url": "javascript:alert(1)",
    "published": "2016-02-01",
    "source": "<b>Evil</b> Outlet",
    "body": ("Iraqi forces still hold Mosul <svg onload=alert(1)> after <script>alert(1)</script> clashes "
             "<img src=x onerror=alert(1)>, officials said."),
}


@pytest.fixture(scope="session")
def scenario_db(tmp_path_factory) -> Path:
    from bench.synthetic import scenario_store

    return scenario_store(tmp_path_factory.mktemp("scenario") / "frontline.sqlite")


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory) -> Path:
    """data/demo/articles plus one hostile article, ingested through ingest.run.ingest_paths."""
    from ingest.run import ingest_paths

    articles = ROOT / "data" / "demo" / "articles"
    work = tmp_path_factory.mktemp("demo")
    hostile = work / "hostile"
    hostile.mkdir()
    (hostile / "hostile.json").write_text(json.dumps(HOSTILE_ARTICLE), encoding="utf-8")
    db = work / "frontline.sqlite"
    summary = ingest_paths([articles, hostile], db)
    assert summary.read >= 40 and summary.claims > 0 and not summary.failed, summary.lines()
    return db


@pytest.fixture(scope="session", params=["scenario", "demo"])
def dashboard_db(request) -> Path:
    return request.getfixturevalue(f"{request.param}_db")


def serve(db: Path) -> tuple[str, object]:
    """The real dashboard on 127.0.0.1 and a free port, in a daemon thread."""
    from werkzeug.serving import make_server

    from app import create_app

    server = make_server("127.0.0.1", 0, create_app(db).server, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_port}", server


@pytest.fixture(scope="session")
def live_url(dashboard_db):
    url, server = serve(dashboard_db)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists() or shutil.which(str(CHROMIUM)) is None:
        missing = "Chromium is not installed at /usr/bin/chromium (apt-get install -y chromium)"
        if os.environ.get("CI"):
            pytest.fail(missing + ": CI must run the browser tests")
        pytest.skip(missing)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, live_url):
    """A fresh page that records every request it makes (page.requests_made)."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    pg = context.new_page()
    pg.requests_made = []
    pg.dialogs = []
    pg.on("request", lambda r: pg.requests_made.append(r.url))
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    yield pg
    context.close()


@pytest.fixture(scope="session")
def theatre_index(tmp_path_factory):
    """Iraq and Syria files plus the curated places, without cities500 (fast to build)."""
    if not GAZETTEER.is_dir():
        pytest.skip("../shared/gazetteer is not here (CI and dev machines have it)")
    from geocoding.index import DEFAULT_CURATED, load_index

    cache = tmp_path_factory.getbasetemp() / "gazetteer-theatre"
    return load_index(THEATRE_FILES, DEFAULT_CURATED, cache, with_cities500=False, include_registered=False)


@pytest.fixture(scope="session")
def full_index(tmp_path_factory):
    """cities500 with the Iraq and Syria files and the curated places: what a user runs."""
    if not GAZETTEER.is_dir():
        pytest.skip("../shared/gazetteer is not here (CI and dev machines have it)")
    from geocoding.index import DEFAULT_CURATED, load_index

    cache = tmp_path_factory.getbasetemp() / "gazetteer-full"
    return load_index(THEATRE_FILES, DEFAULT_CURATED, cache, include_registered=False)


def resolved(index, body: str, **resolver_options) -> dict:
    """Each toponym's text -> its resolution, as the ingest would find and place them."""
    from extraction.sentences import split_sentences
    from extraction.toponyms import find_toponyms
    from geocoding.resolve import Resolver

    mentions = find_toponyms(body, split_sentences(body), index)
    Resolver(index, **resolver_options).resolve(body, mentions)
    return {m.text: m.resolution for m in mentions}
