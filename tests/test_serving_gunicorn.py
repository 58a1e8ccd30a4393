"""The documented production command works: gunicorn with several workers serves wsgi:server on
a loopback port, asks for the team's password, and refuses to start on a database that is not
there instead of serving an empty dashboard."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

ROOT = Path(__file__).resolve().parents[1]
GUNICORN = Path(sys.executable).with_name("gunicorn")
AUTH = ("ana", "correct horse")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def gunicorn(db: Path, port: int, extra_env: dict[str, str]) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FRONTLINE_AUTH")}
    env.update({"FRONTLINE_DB": str(db), **extra_env})
    return subprocess.Popen(
        [str(GUNICORN), "--workers", "2", "--threads", "2", "--bind", f"127.0.0.1:{port}", "wsgi:server"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)


def stop(proc: subprocess.Popen) -> str:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
    try:
        out, _ = proc.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        out, _ = proc.communicate()
    return out


@pytest.fixture(scope="module")
def deployment(scenario_db, tmp_path_factory):
    if not GUNICORN.exists():
        pytest.skip(f"gunicorn is not installed next to {sys.executable}")
    users = tmp_path_factory.mktemp("auth") / "users"
    users.write_text(f"{AUTH[0]}:{AUTH[1]}\n", encoding="utf-8")
    port = free_port()
    proc = gunicorn(scenario_db, port, {"FRONTLINE_AUTH_FILE": str(users)})
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            requests.get(url + "/api/places", timeout=5)
            break
        except requests.ConnectionError:
            time.sleep(0.3)
    else:
        pytest.fail(f"gunicorn did not come up: {stop(proc)[-2000:]}")
    yield url
    stop(proc)


def test_the_page_and_the_api_answer_behind_the_password(deployment):
    page = requests.get(deployment + "/", auth=AUTH, timeout=30)
    assert page.status_code == 200 and "_dash-config" in page.text
    assert page.headers["Content-Security-Policy"].startswith("default-src 'self'")
    places = requests.get(deployment + "/api/places", auth=AUTH, timeout=30)
    assert places.status_code == 200
    assert {"Mosul", "Raqqa"} <= {p["name"] for p in places.json()}


def test_without_the_password_every_worker_says_401(deployment):
    answers = {requests.get(deployment + path, timeout=30).status_code
               for path in ["/", "/api/places", "/_dash-layout"] * 4}
    assert answers == {401}


def test_a_missing_database_stops_the_server_with_the_reason(tmp_path):
    if not GUNICORN.exists():
        pytest.skip(f"gunicorn is not installed next to {sys.executable}")
    proc = gunicorn(tmp_path / "typo.sqlite", free_port(), {})
    try:
        proc.wait(timeout=90)
    finally:
        out = stop(proc)
    assert proc.returncode != 0
    assert "typo.sqlite: no such database" in out
    assert not (tmp_path / "typo.sqlite").exists()
