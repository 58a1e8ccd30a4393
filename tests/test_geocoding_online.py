"""Offline by default; an online provider that fails leaves the offline answer and a sound cache."""
from __future__ import annotations

import http.server
import socket
import threading
import time

import pytest

from geocoding.cache import GeocodeCache
from geocoding.offline import OfflineGeocoder
from geocoding.online import OnlineGeocoder
from geocoding.resolve import Resolver
from extraction.sentences import split_sentences
from extraction.toponyms import find_toponyms
from store.db import connect

STORY = ("Iraqi forces entered Gogjali on the eastern edge of Mosul, Iraq, and reached the Zzyzxville "
         "village by noon.")


def _is_loopback(address) -> bool:
    host = address[0] if isinstance(address, tuple) else str(address)
    return host in ("localhost", "::1") or host.startswith("127.")


@pytest.fixture
def no_outgoing(monkeypatch):
    """Any connection attempt to a non-loopback address is recorded and refused."""
    attempts = []
    real_connect = socket.socket.connect

    def guarded(sock, address):
        if sock.family in (socket.AF_INET, socket.AF_INET6) and not _is_loopback(address):
            attempts.append(address)
            raise OSError("network disabled in this test")
        return real_connect(sock, address)

    real_create = socket.create_connection

    def guarded_create(address, *args, **kwargs):
        if not _is_loopback(address):
            attempts.append(address)
            raise OSError("network disabled in this test")
        return real_create(address, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", guarded)
    monkeypatch.setattr(socket, "create_connection", guarded_create)
    return attempts


def test_offline_geocoding_and_resolution_touch_no_network(theatre_index, tmp_path, no_outgoing):
    conn = connect(tmp_path / "store.sqlite")
    cache = GeocodeCache(conn, theatre_index.fingerprint)
    geocoder = OfflineGeocoder(theatre_index, cache)
    assert geocoder.geocode("Mosul", country_codes=["IQ"]) is not None
    assert geocoder.geocode("Zzyzxville") is None
    mentions = find_toponyms(STORY, split_sentences(STORY), theatre_index)
    Resolver(theatre_index, conn, cache).resolve(STORY, mentions)
    cache.flush()
    assert {m.text for m in mentions if m.place} >= {"Gogjali", "Mosul", "Iraq"}
    assert no_outgoing == []


class _FaultyProvider(http.server.BaseHTTPRequestHandler):
    """Answers in turn with a stall, HTTP 429 and HTTP 500, forever."""

    faults = ("stall", 429, 500)
    calls: list[str] = []

    def do_GET(self):  # noqa: N802 (http.server's name)
        fault = self.faults[len(self.calls) % len(self.faults)]
        self.calls.append(str(fault))
        if fault == "stall":
            time.sleep(0.6)
            fault = 500
        self.send_response(fault)
        self.send_header("Content-Type", "application/json")
        if fault == 429:
            self.send_header("Retry-After", "0")
        self.end_headers()
        self.wfile.write(b'{"error": "fault"}')

    def log_message(self, *args):
        pass


@pytest.fixture
def faulty_provider():
    _FaultyProvider.calls = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _FaultyProvider)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"127.0.0.1:{server.server_address[1]}", _FaultyProvider.calls
    server.shutdown()
    server.server_close()


def test_provider_faults_end_with_the_offline_answer_and_a_sound_cache(theatre_index, tmp_path, faulty_provider):
    domain, calls = faulty_provider
    conn = connect(tmp_path / "store.sqlite")
    cache = GeocodeCache(conn, theatre_index.fingerprint)
    online = OnlineGeocoder(cache, user_agent="frontline-tests", domain=domain, scheme="http",
                            timeout=0.3, min_delay_seconds=0.01, max_retries=2, error_wait_seconds=0.01)
    mentions = find_toponyms(STORY, split_sentences(STORY), theatre_index)
    Resolver(theatre_index, conn, cache, online=online).resolve(STORY, mentions)
    cache.flush()
    by_text = {m.text: m.resolution for m in mentions}
    assert by_text["Gogjali"].place.ref == "curated:gogjali"  # offline answer, untouched
    assert by_text["Zzyzxville"].place is None and "online" in by_text["Zzyzxville"].reason
    assert len(calls) == 3  # one try and two bounded retries, then it gives up
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    rows = conn.execute("SELECT answer, temporary FROM geocode_cache WHERE provider = 'nominatim'").fetchall()
    assert [tuple(r) for r in rows] == [(None, 1)]
    assert conn.execute("SELECT COUNT(*) FROM geocode_cache WHERE provider = 'gazetteer' AND answer IS NOT NULL").fetchone()[0] >= 3
    # a later run retries the temporary miss instead of trusting it
    again = GeocodeCache(conn, theatre_index.fingerprint)
    OnlineGeocoder(again, user_agent="frontline-tests", domain=domain, scheme="http", timeout=0.3,
                   min_delay_seconds=0.01, max_retries=0).lookup("Zzyzxville", ["IQ"])
    assert len(calls) == 4


def test_online_needs_a_user_agent(monkeypatch):
    monkeypatch.delenv("FRONTLINE_USER_AGENT", raising=False)
    with pytest.raises(ValueError, match="user agent"):
        OnlineGeocoder(GeocodeCache(None))
