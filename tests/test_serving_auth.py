"""A shared dashboard asks for a password when one is configured, lets nobody in with a
malformed or wrong one, and always sends headers that keep article text inert in a browser."""
from __future__ import annotations

import base64
import hashlib

import pytest

from app import create_app
from security import AuthConfigError, protect, users_from_env

USERS = {"ana": "s3cret:with:colons", "bo": "pässwörd"}


def basic(user: str, password: str) -> dict[str, str]:
    token = base64.b64encode(f"{user}:{password}".encode("utf-8")).decode("ascii")
    return {"Authorization": f"Basic {token}"}


@pytest.fixture(scope="module")
def guarded(scenario_db):
    app = create_app(scenario_db)
    protect(app, dict(USERS))
    return app.server.test_client()


@pytest.fixture(scope="module")
def open_app(scenario_db):
    app = create_app(scenario_db)
    protect(app, {})
    return app


@pytest.mark.parametrize("path", ["/", "/_dash-layout", "/_dash-dependencies", "/api/places",
                                  "/api/claims?place=geonames:99072", "/assets/frontline.css"])
def test_every_route_asks_for_a_password(guarded, path):
    response = guarded.get(path)
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith("Basic ")
    assert b"Mosul" not in response.data


def test_a_callback_without_a_password_is_refused(guarded):
    response = guarded.post("/_dash-update-component", json={"output": "view-query.data", "inputs": [], "state": []})
    assert response.status_code == 401


@pytest.mark.parametrize("user", sorted(USERS))
def test_the_right_password_opens_the_dashboard_and_the_api(guarded, user):
    assert guarded.get("/", headers=basic(user, USERS[user])).status_code == 200
    places = guarded.get("/api/places", headers=basic(user, USERS[user]))
    assert places.status_code == 200
    assert any(p["name"] == "Mosul" for p in places.get_json())


@pytest.mark.parametrize("header", [
    basic("ana", "wrong")["Authorization"],
    basic("nobody", "s3cret:with:colons")["Authorization"],
    basic("ana", "")["Authorization"],
    "Bearer abc",
    "Basic",
    "Basic !!!not-base64!!!",
    "Basic " + base64.b64encode(b"no-colon-here").decode(),
    "Basic " + base64.b64encode(b"\xff\xfe:\xff").decode(),
    "basic " + base64.b64encode("ana:S3CRET:WITH:COLONS".encode()).decode(),
])
def test_wrong_or_malformed_credentials_get_401_not_a_crash(guarded, header):
    assert guarded.get("/api/places", headers={"Authorization": header}).status_code == 401


def test_an_open_dashboard_still_sends_safe_headers(open_app):
    response = open_app.server.test_client().get("/")
    assert response.status_code == 200
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "no-referrer"
    policy = dict(part.strip().split(" ", 1) for part in response.headers["Content-Security-Policy"].split(";"))
    assert policy["frame-ancestors"] == "'none'"
    assert policy["object-src"] == "'none'"
    assert "'unsafe-inline'" not in policy["script-src"] and "'unsafe-eval'" not in policy["script-src"]
    # the one inline script Dash writes into the page is allowed by its hash, nothing else is
    page = response.get_data(as_text=True)
    inline = page.split('<script id="_dash-renderer" type="application/javascript">', 1)[1].split("</script>", 1)[0]
    digest = base64.b64encode(hashlib.sha256(inline.encode("utf-8")).digest()).decode()
    assert f"'sha256-{digest}'" in policy["script-src"]


def test_json_answers_are_not_sniffed_as_html(open_app):
    response = open_app.server.test_client().get("/api/claims?place=<script>alert(1)</script>")
    assert response.mimetype == "application/json"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_credentials_come_from_the_auth_file_first(tmp_path):
    file = tmp_path / "users"
    file.write_text("# team\nana:one:two\n\nbo:three\n", encoding="utf-8")
    env = {"FRONTLINE_AUTH_FILE": str(file), "FRONTLINE_AUTH": "eve:ignored"}
    assert users_from_env(env) == {"ana": "one:two", "bo": "three"}
    assert users_from_env({"FRONTLINE_AUTH": "ana:1, bo:2"}) == {"ana": "1", "bo": "2"}
    assert users_from_env({}) == {}


@pytest.mark.parametrize("content, message", [(None, "cannot read"), ("", "no user:password"),
                                              ("just-a-name\n", "expected user:password")])
def test_broken_auth_configuration_refuses_to_start_open(tmp_path, monkeypatch, scenario_db, content, message):
    file = tmp_path / "users"
    if content is not None:
        file.write_text(content, encoding="utf-8")
    with pytest.raises(AuthConfigError, match=message):
        users_from_env({"FRONTLINE_AUTH_FILE": str(file)})
    monkeypatch.setenv("FRONTLINE_AUTH_FILE", str(file))
    with pytest.raises(AuthConfigError):
        protect(create_app(scenario_db))


def test_protecting_twice_checks_the_password_once_and_keeps_it(scenario_db):
    app = create_app(scenario_db)
    protect(app, dict(USERS))
    protect(app, {"eve": "other"})
    client = app.server.test_client()
    assert client.get("/api/places", headers=basic("ana", USERS["ana"])).status_code == 200
    assert client.get("/api/places", headers=basic("eve", "other")).status_code == 401
