"""Load test of a team deployment: N simulated users against gunicorn on loopback, each
looping "move the as-of date / change a filter / open a place panel" through the same HTTP
requests the browser makes, with a think time between actions. Bounded in time and request
count, stops by itself, refuses any address but loopback.

Prints p50/p95/p99 latency per request kind, the error count and requests per second.

    python bench/load.py                      # demo data + 100,000 synthetic claims, 50 users, 60 s
    python bench/load.py --users 10 --seconds 20 --workers 2 --threads 4
    python bench/load.py --url http://127.0.0.1:8050   # an already running deployment
"""
from __future__ import annotations

import argparse
import ipaddress
import os
import random
import resource
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlsplit

import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

OUT = ROOT / "bench" / "out"
ACTIONS = ("move_asof", "change_filter", "open_place")
STORE_POLL_SECONDS = 10  # app.STORE_POLL_MS
# longer than any think time: gunicorn's default (2 s) closes idle connections just as a client
# reuses them, which shows up as connection errors that no browser behind a proxy would see
KEEP_ALIVE_SECONDS = 30


def loopback_only(url: str) -> str:
    host = urlsplit(url).hostname or ""
    try:
        ok = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        ok = False
    if not ok:
        raise SystemExit(f"refusing {url}: the load test only targets loopback (127.0.0.0/8, ::1, localhost)")
    return url.rstrip("/")


# ---- the database and the server ---------------------------------------------------------------

def load_database(claims: int, places: int, articles: int) -> Path:
    """The demo corpus plus a synthetic store of `claims` claims, built once under bench/out."""
    from bench.synthetic import random_store
    from ingest.demo import ensure_demo_db

    OUT.mkdir(parents=True, exist_ok=True)
    target = OUT / f"load-demo-plus-{claims}.sqlite"
    if target.exists():
        return target
    demo = OUT / "load-demo.sqlite"
    ensure_demo_db(demo)
    partial = target.with_name(target.name + ".building")
    shutil.copyfile(demo, partial)
    print("adding", random_store(partial, n_places=places, n_articles=articles, n_claims=claims), flush=True)
    os.replace(partial, target)
    return target


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_gunicorn(db: Path, workers: int, threads: int) -> tuple[subprocess.Popen, str]:
    port = free_port()
    command = [str(Path(sys.executable).with_name("gunicorn")), "--workers", str(workers), "--threads", str(threads),
               "--bind", f"127.0.0.1:{port}", "--keep-alive", str(KEEP_ALIVE_SECONDS), "--chdir", str(ROOT), "--log-level", "warning", "wsgi:server"]
    env = {**os.environ, "FRONTLINE_DB": str(db)}
    env.pop("FRONTLINE_AUTH", None)
    env.pop("FRONTLINE_AUTH_FILE", None)
    proc = subprocess.Popen(command, env=env, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"gunicorn exited with {proc.returncode}")
        try:
            if requests.get(url + "/api/places", timeout=5).ok:
                return proc, url
        except requests.RequestException:
            pass
        time.sleep(0.5)
    stop(proc)
    raise SystemExit("gunicorn did not answer within 120 s")


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def server_rss_mb(proc: subprocess.Popen) -> float:
    """Resident memory of gunicorn and its workers together."""
    total = 0
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            text = status.read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in text.splitlines() if ":" in line)
        if int(fields.get("Pid", "0")) == proc.pid or int(fields.get("PPid", "0")) == proc.pid:
            total += int(fields.get("VmRSS", "0 kB").split()[0])
    return total / 1024


# ---- what the browser does ---------------------------------------------------------------------

class Recorder:
    """Latency and outcome of every request, by kind, from all users."""

    def __init__(self, max_requests: int) -> None:
        self.max_requests = max_requests
        self.times: dict[str, list[float]] = defaultdict(list)
        self.errors: dict[str, list[str]] = defaultdict(list)
        self.lock = threading.Lock()
        self.count = 0

    def full(self) -> bool:
        return self.count >= self.max_requests

    def add(self, kind: str, seconds: float, error: str | None) -> None:
        with self.lock:
            self.count += 1
            self.times[kind].append(seconds)
            if error:
                self.errors[kind].append(error)


def _parse_outputs(output: str) -> list[tuple[str, str]]:
    parts = output[2:-2].split("...") if output.startswith("..") else [output]
    return [tuple(part.rsplit(".", 1)) for part in parts]


def _walk_layout(node, props: dict) -> None:
    if isinstance(node, list):
        for child in node:
            _walk_layout(child, props)
    elif isinstance(node, dict) and "props" in node:
        own = node["props"]
        if isinstance(own.get("id"), str):
            for name, value in own.items():
                if name != "children" or not isinstance(value, (dict, list)):
                    props[(own["id"], name)] = value
        for value in own.values():
            if isinstance(value, (dict, list)):
                _walk_layout(value, props)


class SimulatedUser:
    """A minimal Dash renderer: holds the page's props, and when one changes fires the server
    callbacks that take it as input, in dependency order, feeding their outputs onwards."""

    def __init__(self, url: str, recorder: Recorder, rng: random.Random) -> None:
        self.url, self.recorder, self.rng = url, recorder, rng
        self.http = requests.Session()
        self.props: dict[tuple[str, str], object] = {}
        self.callbacks: list[dict] = []
        self.places: list[str] = []

    def request(self, kind: str, method: str, path: str, **kwargs):
        started = time.perf_counter()
        error, response = None, None
        try:
            response = self.http.request(method, self.url + path, timeout=30, **kwargs)
            if response.status_code >= 400:
                error = f"HTTP {response.status_code}"
        except requests.RequestException as exc:
            error = type(exc).__name__
        self.recorder.add(kind, time.perf_counter() - started, error)
        return None if error else response

    def open_page(self) -> bool:
        if self.request("GET /", "GET", "/") is None:
            return False
        layout = self.request("GET /_dash-layout", "GET", "/_dash-layout")
        deps = self.request("GET /_dash-dependencies", "GET", "/_dash-dependencies")
        if layout is None or deps is None:
            return False
        _walk_layout(layout.json(), self.props)
        self.callbacks = [
            {**d, "outputs_list": _parse_outputs(d["output"])} for d in deps.json()
            if not d.get("clientside_function")
            and not any(i["id"].startswith("{") for i in d["inputs"] + d["state"])
        ]
        self.fire([cb for cb in self.callbacks if not cb.get("prevent_initial_call")])
        places = self.request("GET /api/places", "GET", "/api/places")
        self.places = [p["place_ref"] for p in places.json()] if places is not None else []
        return True

    def fire(self, pending: list[dict]) -> None:
        while pending:
            produced = {o for cb in pending for o in cb["outputs_list"]}
            ready = [cb for cb in pending if not any((i["id"], i["property"]) in produced
                                                     and (i["id"], i["property"]) not in cb["outputs_list"]
                                                     for i in cb["inputs"])] or pending[:1]
            cb = ready[0]
            pending.remove(cb)
            for key in self.call(cb):
                pending += [other for other in self.callbacks if other not in pending and other is not cb
                            and any((i["id"], i["property"]) == key for i in other["inputs"])]

    def call(self, cb: dict) -> list[tuple[str, str]]:
        def value_list(items):
            return [{"id": i["id"], "property": i["property"], "value": self.props.get((i["id"], i["property"]))}
                    for i in items]

        outputs = [{"id": i, "property": p} for i, p in cb["outputs_list"]]
        body = {"output": cb["output"], "outputs": outputs if cb["output"].startswith("..") else outputs[0],
                "inputs": value_list(cb["inputs"]), "state": value_list(cb["state"]),
                "changedPropIds": [f"{i['id']}.{i['property']}" for i in cb["inputs"]]}
        kind = "callback " + ",".join(i for i, _ in cb["outputs_list"])
        response = self.request(kind, "POST", "/_dash-update-component", json=body)
        if response is None or response.status_code == 204:
            return []
        changed = []
        for component, values in response.json().get("response", {}).items():
            for prop, value in values.items():
                key = (component, prop.split("@", 1)[0])
                if isinstance(value, dict) and "__dash_patch_update" in value:
                    continue  # a Patch: the browser merges it; the next full figure replaces it anyway
                if self.props.get(key) != value:
                    self.props[key] = value
                    changed.append(key)
        return changed

    def set(self, component: str, prop: str, value) -> None:
        self.props[(component, prop)] = value
        self.fire([cb for cb in self.callbacks if any((i["id"], i["property"]) == (component, prop)
                                                      for i in cb["inputs"])])

    def move_asof(self) -> None:
        low, high = self.props.get(("asof", "min"), 0), self.props.get(("asof", "max"), 0)
        self.set("asof", "value", self.rng.randint(int(low), int(high)))

    def change_filter(self) -> None:
        which = self.rng.choice(("side-filter", "claim-filter", "min-confidence"))
        if which == "min-confidence":
            self.set(which, "value", self.rng.choice((0, 0.5, 0.8)))
            return
        options = self.props.get(("all-sides", "data")) if which == "side-filter" else \
            [o["value"] if isinstance(o, dict) else o for o in self.props.get((which, "options"), [])]
        options = list(options or [])
        if options:
            self.set(which, "value", self.rng.sample(options, self.rng.randint(1, len(options))))

    def open_place(self) -> None:
        base = self.props.get(("map-base", "data")) or {}
        traces = [(n, t) for n, t in enumerate(base.get("traces", [])) if t.get("refs")]
        if traces:
            curve, trace = self.rng.choice(traces)
            point = self.rng.randrange(len(trace["refs"]))
            self.set("map", "clickData", {"points": [{"curveNumber": curve, "pointNumber": point}]})
        if self.places:
            place = self.rng.choice(self.places)
            self.request("GET /api/claims", "GET", "/api/claims", params={"place": place})

    def run(self, start: float, until: float, think: tuple[float, float]) -> None:
        time.sleep(max(0.0, start - time.monotonic()))
        if not self.open_page():
            return
        polled = time.monotonic()
        while time.monotonic() < until and not self.recorder.full():
            if time.monotonic() - polled >= STORE_POLL_SECONDS:  # the page's dcc.Interval
                polled = time.monotonic()
                self.set("store-poll", "n_intervals", (self.props.get(("store-poll", "n_intervals")) or 0) + 1)
            time.sleep(self.rng.uniform(*think))
            if time.monotonic() >= until:
                break
            getattr(self, self.rng.choice(ACTIONS))()
            if self.rng.random() < 0.2:
                self.request("GET /api/places", "GET", "/api/places",
                             params={"asof": self.rng.choice(("2015-06-01", "2016-11-01", "2017-07-10"))})


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def report(recorder: Recorder, seconds: float, users: int) -> int:
    print(f"\n{users} users, {seconds:.1f} s, {recorder.count} requests, {recorder.count / seconds:.1f} requests/s")
    print(f"{'request kind':<58} {'n':>6} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>7}")
    every: list[float] = []
    for kind in sorted(recorder.times):
        times = recorder.times[kind]
        every += times
        print(f"{kind[:58]:<58} {len(times):>6} {1000 * percentile(times, .5):>8.0f} {1000 * percentile(times, .95):>8.0f}"
              f" {1000 * percentile(times, .99):>8.0f} {len(recorder.errors[kind]):>7}")
    errors = sum(len(e) for e in recorder.errors.values())
    if every:
        print(f"{'all':<58} {len(every):>6} {1000 * percentile(every, .5):>8.0f} {1000 * percentile(every, .95):>8.0f}"
              f" {1000 * percentile(every, .99):>8.0f} {errors:>7}")
    for kind, errs in recorder.errors.items():
        if errs:
            print(f"  {kind}: {sorted(set(errs))[:5]}")
    return errors


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="target a running deployment (loopback only) instead of starting gunicorn")
    parser.add_argument("--db", type=Path, help="database to serve (default: demo + synthetic claims, built once)")
    parser.add_argument("--claims", type=int, default=100_000, help="synthetic claims added to the demo data")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--max-requests", type=int, default=200_000, help="stop after this many requests")
    parser.add_argument("--think", type=float, nargs=2, default=(0.5, 2.0), metavar=("MIN", "MAX"),
                        help="seconds a user waits between actions (uniform)")
    parser.add_argument("--ramp", type=float, default=10, help="users arrive evenly over this many seconds")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    proc = None
    if args.url:
        url = loopback_only(args.url)
    else:
        db = args.db or load_database(args.claims, places=max(1000, args.claims // 20), articles=max(1000, args.claims // 5))
        print(f"serving {db} with gunicorn --workers {args.workers} --threads {args.threads}", flush=True)
        proc, url = start_gunicorn(db, args.workers, args.threads)
    try:
        recorder = Recorder(args.max_requests)
        started = time.monotonic()
        until = started + args.seconds
        users = [SimulatedUser(url, recorder, random.Random(args.seed * 1000 + n)) for n in range(args.users)]
        arrivals = [started + args.ramp * n / max(1, args.users) for n in range(args.users)]
        threads = [threading.Thread(target=u.run, args=(at, until, tuple(args.think)), daemon=True)
                   for u, at in zip(users, arrivals)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=max(0.0, until - time.monotonic()) + 60)
        elapsed = time.monotonic() - started
        rss = server_rss_mb(proc) if proc else None
        errors = report(recorder, elapsed, args.users)
        client_cpu = resource.getrusage(resource.RUSAGE_SELF)
        print(f"load client CPU: {client_cpu.ru_utime + client_cpu.ru_stime:.1f} s over {elapsed:.0f} s "
              f"(it shares the machine's {os.cpu_count()} cores with the server)")
        if rss is not None:
            print(f"server RSS (master + workers): {rss:.0f} MB")
    finally:
        if proc:
            stop(proc)
    return 1 if errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
