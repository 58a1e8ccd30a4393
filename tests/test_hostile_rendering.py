"""Nothing runs from content, checked at the HTTP level: what the server sends for a hostile
article is text in components that render text, links only with http(s) schemes, and no URL
path or upload name reaches a file outside the folders meant for it."""
from __future__ import annotations

import base64
import json
import time
import uuid
from pathlib import Path

import pytest

from analysis.frame import to_day
from analysis.ingest_jobs import IngestJobs
from app import create_app
from bench.synthetic import HOSTILE_BODY, HOSTILE_TITLE
from security import protect

HOSTILE_PLACE = "geonames:170017"
# components that would run or embed what they are given
EXECUTING_TYPES = {"Script", "Iframe", "ObjectEl", "Embed", "Markdown", "Frame", "Frameset", "Base", "Link", "Meta"}


@pytest.fixture(scope="module")
def client(scenario_db):
    app = create_app(scenario_db)
    protect(app, {})
    return app.server.test_client()


def components(node):
    """Every Dash component in a serialised layout tree."""
    if isinstance(node, list):
        for child in node:
            yield from components(child)
    elif isinstance(node, dict) and "type" in node and "props" in node:
        yield node
        for value in node["props"].values():
            yield from components(value)


def strings(node):
    if isinstance(node, str):
        yield node
    elif isinstance(node, list):
        for child in node:
            yield from strings(child)
    elif isinstance(node, dict):
        for value in node.get("props", {}).values() if "props" in node else node.values():
            yield from strings(value)


def run_callback(client, output: str, values: dict[str, object]) -> dict:
    """POST one callback the way the browser does, with inputs and state taken from `values`."""
    deps = {d["output"]: d for d in client.get("/_dash-dependencies").get_json()}[output]
    item = lambda i: {**i, "value": values.get(f"{i['id']}.{i['property']}")}  # noqa: E731
    body = {"output": output, "outputs": {"id": output.split(".")[0], "property": output.split(".")[1]},
            "inputs": [item(i) for i in deps["inputs"]], "state": [item(i) for i in deps["state"]],
            "changedPropIds": [f"{deps['inputs'][0]['id']}.{deps['inputs'][0]['property']}"]}
    response = client.post("/_dash-update-component", json=body)
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    return response.get_json()["response"]


def test_the_source_panel_sends_hostile_text_as_text_and_no_script_link(client):
    answer = run_callback(client, "source-panel.children", {
        "selected-place.data": HOSTILE_PLACE, "asof.value": to_day("2017-12-31"),
        "claim-filter.value": None, "side-filter.value": None, "min-confidence.value": 0,
    })
    panel = answer["source-panel"]["children"]
    found = list(components(panel))
    assert found, "the panel is empty"
    assert not {c["type"] for c in found} & EXECUTING_TYPES
    for component in found:
        props = component["props"]
        assert "dangerously_allow_html" not in props
        assert not any(name.lower().startswith("on") for name in props), props
        if "href" in props and props["href"] is not None:
            assert props["href"].lower().startswith(("http://", "https://")), props["href"]
    texts = list(strings(panel))
    assert HOSTILE_TITLE in texts  # the whole headline, as one plain string
    assert any("<svg onload=alert(1)>" in t for t in texts)


def test_the_api_sends_hostile_text_as_json_never_as_html(client):
    response = client.get(f"/api/claims?place={HOSTILE_PLACE}")
    assert response.mimetype == "application/json"
    hostile = [c for c in response.get_json() if c["article_title"] == HOSTILE_TITLE]
    assert hostile and hostile[0]["evidence"] == HOSTILE_BODY
    assert response.headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("path", [
    "/assets/../app.py", "/assets/%2e%2e/app.py", "/assets/..%2fapp.py", "/assets/%2e%2e%2fstore%2fdb.py",
    "/_dash-component-suites/dash/../../app.py", "/_dash-component-suites/dash/..%2f..%2f..%2fapp.py",
    "/_dash-component-suites/dash/deps/..%2f..%2f__init__.py", "/assets//etc/passwd", "/assets/%2fetc%2fpasswd",
])
def test_no_url_path_reads_a_file_outside_the_served_folders(client, path):
    response = client.get(path)
    body = response.get_data()
    assert b"def create_app" not in body and b"root:x:0:0" not in body and b"import sqlite3" not in body


def test_an_upload_name_cannot_place_a_file_outside_its_folder(tmp_path, scenario_db):
    marker = f"escape-{uuid.uuid4().hex}.txt"
    names = [f"../../../../{marker}", f"/tmp/{marker}", f"..\\..\\{marker}", f"%2e%2e/{marker}"]
    article = b"Troops enter Bartella\n2016-10-20\n\nIraqi forces entered Bartella on Thursday.\n"
    db = tmp_path / "upload.sqlite"
    jobs = IngestJobs(db)
    job = jobs.start([(name, article) for name in names])
    deadline = time.monotonic() + 120
    while jobs.status(job.id).state == "running" and time.monotonic() < deadline:
        time.sleep(0.2)
    assert jobs.status(job.id).state == "done", jobs.status(job.id).message
    for root in (Path("/"), Path("/tmp"), tmp_path, tmp_path.parent, Path.cwd()):
        assert not (root / marker).exists()
    assert not list(Path("/tmp").glob(f"*{marker}*"))


def test_the_upload_callback_refuses_a_file_over_the_limit_with_the_limit_named(client):
    from analysis.ingest_jobs import MAX_FILE_BYTES

    content = "data:text/plain;base64," + base64.b64encode(b"x" * (MAX_FILE_BYTES + 10)).decode()
    deps = [d for d in client.get("/_dash-dependencies").get_json() if "ingest-job.data" in d["output"]][0]
    outputs = [{"id": part.rsplit(".", 1)[0], "property": part.rsplit(".", 1)[1]}
               for part in deps["output"].strip(".").split("...")]
    values = {"upload.contents": [content], "upload.filename": ["big.txt"]}
    body = {"output": deps["output"], "outputs": outputs, "changedPropIds": ["upload.contents"],
            "inputs": [{**i, "value": values.get(f"{i['id']}.{i['property']}")} for i in deps["inputs"]],
            "state": [{**i, "value": values.get(f"{i['id']}.{i['property']}")} for i in deps["state"]]}
    response = client.post("/_dash-update-component", data=json.dumps(body), content_type="application/json")
    assert response.status_code == 200
    message = response.get_json()["response"]["ingest-message"]["children"]
    assert f"over the {MAX_FILE_BYTES // 2**20} MB limit" in message
