"""Dashboard benchmark: a synthetic store of 1,000,000 claims over 20,000 places and 200,000
articles, served by the real app (its own process, on loopback) and driven by headless Chromium.

Reports: app start (frame load), first page load (wall time until markers are drawn, bytes
served), server time and bytes per as-of move (p50, p95: the sum over the callbacks one move
triggers, measured inside the server), the same server work timed without a browser competing
for the CPU, and the server process RSS (now and peak).

    python bench/dashboard.py                 # builds bench/out/dashboard-1m.sqlite once
    python bench/dashboard.py --db other.sqlite --moves 60
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.synthetic import random_store  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]
MOVE_DAYS = 10  # PageUp on the slider


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def serve(db: Path, log_path: Path) -> None:
    """The server process: the real app, plus Flask hooks that log each request's server time
    and bytes to `log_path` (path<TAB>ms<TAB>bytes<TAB>callback outputs)."""
    from flask import g, request
    from werkzeug.serving import make_server

    from app import create_app

    started = time.perf_counter()
    app = create_app(db)
    frame = app.server.config["frontline_data"].frame()
    sink = open(log_path, "a", buffering=1, encoding="utf-8")
    lock = threading.Lock()

    @app.server.before_request
    def _start():
        g.bench_started = time.perf_counter()

    @app.server.after_request
    def _finish(response):
        size = 0 if response.direct_passthrough else len(response.get_data())
        outputs = str((request.get_json(silent=True) or {}).get("output", ""))[:60] if request.is_json else ""
        with lock:
            sink.write(f"{request.path}\t{(time.perf_counter() - g.bench_started) * 1000:.2f}\t{size}\t{outputs}\n")
        return response

    server = make_server("127.0.0.1", 0, app.server, threaded=True)
    print(f"READY {server.server_port} {time.perf_counter() - started:.1f} {len(frame.claims)} {len(frame.places)}",
          flush=True)
    server.serve_forever()


class RequestLog:
    """Reads what the server process logged since the last call."""

    def __init__(self, path: Path):
        self.path = path
        self.offset = 0

    def take(self) -> list[tuple[str, float, int, str]]:
        with open(self.path, encoding="utf-8") as handle:
            handle.seek(self.offset)
            text = handle.read()
            self.offset = handle.tell()
        rows = []
        for line in text.splitlines():
            path, ms, size, outputs = (line.split("\t") + [""])[:4]
            rows.append((path, float(ms) / 1000, int(size), outputs))
        return rows


def proc_memory_mb(pid: int, field: str) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


def browser_moves(url: str, log: RequestLog, moves: int) -> tuple[float, list[float], list[float], dict]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        t0 = time.perf_counter()
        page.goto(url)
        page.wait_for_function("() => { const g = document.querySelector('#map .js-plotly-plot');"
                               " return g && g.data && g.data.length && g.data[0].ids; }", timeout=180_000)
        load_s = time.perf_counter() - t0
        page.wait_for_timeout(1500)
        rows = log.take()
        print(f"first page load: {load_s:.2f} s until markers drawn; {sum(r[2] for r in rows) / 1e6:.2f} MB served in "
              f"{len(rows)} requests (callbacks {sum(r[2] for r in rows if 'update-component' in r[0]) / 1e6:.2f} MB)")
        page.locator("#asof [role=slider]").first.focus()
        page.keyboard.press("Home")
        page.wait_for_timeout(3000)
        log.take()
        times, sizes, by_callback = [], [], {}
        for _ in range(moves):
            before = page.evaluate("() => document.querySelector('#map .js-plotly-plot').layout.meta.asof")
            page.keyboard.press("PageUp")
            page.wait_for_function("(b) => document.querySelector('#map .js-plotly-plot').layout.meta.asof !== b",
                                   arg=before, timeout=60_000)
            page.wait_for_timeout(250)
            rows = [r for r in log.take() if "update-component" in r[0]]
            times.append(sum(r[1] for r in rows) * 1000)
            sizes.append(sum(r[2] for r in rows) / 1000)
            for _path, seconds, _size, outputs in rows:
                by_callback.setdefault(outputs, []).append(seconds * 1000)
        browser.close()
    return load_s, times, sizes, by_callback


def quiet_moves(db: Path, moves: int) -> list[float]:
    """The map-states work of one move (states, payload, JSON), with no browser running."""
    import plotly.io

    from analysis.frame import from_day
    from analysis.service import DashboardData
    from analysis.view import View
    from components.map import states_payload, view_key

    data = DashboardData(db)
    frame = data.frame()
    data.states(View())
    out = []
    for i in range(moves):
        t0 = time.perf_counter()
        vs = data.states(View(asof=from_day(frame.first_day + i * MOVE_DAYS)))
        plotly.io.json.to_json_plotly(states_payload(vs, view_key(vs)))
        out.append((time.perf_counter() - t0) * 1000)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=Path(__file__).resolve().parent / "out" / "dashboard-1m.sqlite")
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--places", type=int, default=20_000)
    parser.add_argument("--articles", type=int, default=200_000)
    parser.add_argument("--moves", type=int, default=40)
    parser.add_argument("--serve", nargs=2, metavar=("DB", "LOG"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(Path(args.serve[0]), Path(args.serve[1]))
        return 0

    if not args.db.exists():
        args.db.parent.mkdir(parents=True, exist_ok=True)
        print(f"store built: {random_store(args.db, n_places=args.places, n_articles=args.articles, n_claims=args.claims)}")
    log_path = args.db.with_suffix(".requests.log")
    log_path.write_text("")
    proc = subprocess.Popen([sys.executable, __file__, "--serve", str(args.db), str(log_path)],
                            stdout=subprocess.PIPE, text=True)
    try:
        ready = proc.stdout.readline().split()
        if not ready or ready[0] != "READY":
            print("the server did not start")
            return 1
        port, start_s, n_claims, n_places = int(ready[1]), float(ready[2]), int(ready[3]), int(ready[4])
        print(f"app start (frame load): {start_s:.1f} s for {n_claims:,} claims, {n_places:,} places")
        _, times, sizes, by_callback = browser_moves(f"http://127.0.0.1:{port}/", RequestLog(log_path), args.moves)
        print(f"as-of moves in the browser: {len(times)}; server time per move p50 {percentile(times, .5):.1f} ms, "
              f"p95 {percentile(times, .95):.1f} ms (target p95 <= 150 ms)")
        for name, values in sorted(by_callback.items()):
            print(f"  callback {name}: p50 {percentile(values, .5):.1f} ms, p95 {percentile(values, .95):.1f} ms")
        print(f"bytes per move: p50 {percentile(sizes, .5):.0f} KB, p95 {percentile(sizes, .95):.0f} KB, "
              f"max {max(sizes):.0f} KB, mean {statistics.mean(sizes):.0f} KB (target <= 500 KB)")
        print(f"server process RSS: {proc_memory_mb(proc.pid, 'VmRSS'):.0f} MB now, "
              f"{proc_memory_mb(proc.pid, 'VmHWM'):.0f} MB peak (target <= 2048 MB)")
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    quiet = quiet_moves(args.db, args.moves)
    print(f"map-states work per move with no browser running: p50 {percentile(quiet, .5):.1f} ms, "
          f"p95 {percentile(quiet, .95):.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
