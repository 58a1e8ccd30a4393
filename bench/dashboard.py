"""Dashboard benchmark: a synthetic store of 1,000,000 claims over 20,000 places and 200,000
articles, served by the real app on loopback and driven by headless Chromium.

Reports: store build time, app start (frame load), first page load (wall time until markers
are drawn, and bytes served), server time and bytes per as-of move (p50, p95: the sum over the
callbacks one move triggers), and the server process RSS.

    python bench/dashboard.py                 # builds bench/out/dashboard-1m.sqlite once
    python bench/dashboard.py --db other.sqlite --moves 60
"""
from __future__ import annotations

import argparse
import resource
import statistics
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from flask import g, request  # noqa: E402

from bench.synthetic import random_store  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


class RequestLog:
    """Server-side time and bytes of every request, from Flask hooks."""

    def __init__(self, server):
        self.rows: list[tuple[str, float, int]] = []
        self.lock = threading.Lock()

        @server.before_request
        def _start():
            g.bench_started = time.perf_counter()

        @server.after_request
        def _finish(response):
            size = 0 if response.direct_passthrough else len(response.get_data())
            name = request.path
            if request.is_json and "update-component" in request.path:
                name += " " + str((request.get_json(silent=True) or {}).get("output", ""))[:60]
            with self.lock:
                self.rows.append((name, time.perf_counter() - g.bench_started, size))
            return response

    def take(self) -> list[tuple[str, float, int]]:
        with self.lock:
            rows, self.rows = self.rows, []
        return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=Path(__file__).resolve().parent / "out" / "dashboard-1m.sqlite")
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--places", type=int, default=20_000)
    parser.add_argument("--articles", type=int, default=200_000)
    parser.add_argument("--moves", type=int, default=40)
    args = parser.parse_args()

    if not args.db.exists():
        args.db.parent.mkdir(parents=True, exist_ok=True)
        built = random_store(args.db, n_places=args.places, n_articles=args.articles, n_claims=args.claims)
        print(f"store built: {built}")
    from werkzeug.serving import make_server

    from app import create_app

    started = time.perf_counter()
    app = create_app(args.db)
    log = RequestLog(app.server)
    frame = app.server.config["frontline_data"].frame()
    print(f"app start (frame load): {time.perf_counter() - started:.1f} s for {len(frame.claims):,} claims, "
          f"{len(frame.places):,} places")
    server = make_server("127.0.0.1", 0, app.server, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}/"

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
        print(f"first page load: {load_s:.2f} s until markers drawn; {sum(r[2] for r in rows) / 1e6:.2f} MB served "
              f"in {len(rows)} requests (of which callbacks {sum(r[2] for r in rows if 'update-component' in r[0]) / 1e6:.2f} MB)")

        handle = page.locator("#asof [role=slider]").first
        handle.focus()
        page.keyboard.press("Home")
        page.wait_for_timeout(3000)
        log.take()
        times, sizes, by_callback = [], [], {}
        for _ in range(args.moves):
            before = page.evaluate("() => document.querySelector('#map .js-plotly-plot').layout.meta.asof")
            page.keyboard.press("PageUp")
            page.wait_for_function("(b) => document.querySelector('#map .js-plotly-plot').layout.meta.asof !== b",
                                   arg=before, timeout=60_000)
            page.wait_for_timeout(250)
            rows = [r for r in log.take() if "update-component" in r[0]]
            times.append(sum(r[1] for r in rows) * 1000)
            for name, seconds, _size in rows:
                by_callback.setdefault(name.split(" ", 1)[-1], []).append(seconds * 1000)
            sizes.append(sum(r[2] for r in rows) / 1000)
        browser.close()
    print(f"as-of moves: {len(times)}; server time per move p50 {percentile(times, .5):.1f} ms, "
          f"p95 {percentile(times, .95):.1f} ms (targets: p95 <= 150 ms)")
    print(f"bytes per move: p50 {percentile(sizes, .5):.0f} KB, p95 {percentile(sizes, .95):.0f} KB, "
          f"max {max(sizes):.0f} KB (target <= 500 KB); mean {statistics.mean(sizes):.0f} KB")
    for name, values in sorted(by_callback.items()):
        print(f"  callback {name}: p50 {percentile(values, .5):.1f} ms, p95 {percentile(values, .95):.1f} ms")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"server process RSS: {rss_mb():.0f} MB now, {peak:.0f} MB peak (target <= 2048 MB)")
    server.shutdown()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
