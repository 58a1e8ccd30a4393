"""The offline basemap's rivers: a valid, small GeoJSON file, drawn as a layer of the map, with
the Tigris running between Mosul's two banks (the story's geography)."""
from __future__ import annotations

import csv
import json
import math
from pathlib import Path

import pytest

from components.map import BASEMAP_DIR, basemap_layers
from tests.conftest import serve

RIVERS = BASEMAP_DIR / "rivers.geojson"
THEATRE_BOX = (34.0, 29.0, 50.0, 38.5)  # lon_min, lat_min, lon_max, lat_max
MAJOR_RIVERS = {"Tigris", "Euphrates", "Great Zab", "Little Zab", "Khabur", "Diyala"}
MOSUL_PLACES = Path(__file__).resolve().parents[1] / ".." / "shared" / "gazetteer" / "mosul_places.tsv"
OLD_CITY = (43.1268, 36.3427)  # al-Nuri mosque, right (west) bank
NABI_YUNUS = (43.1594, 36.3481)  # left (east) bank


def rivers() -> dict[str, list[list[list[float]]]]:
    collection = json.loads(RIVERS.read_text(encoding="utf-8"))
    assert collection["type"] == "FeatureCollection"
    return {f["properties"]["name"]: f["geometry"]["coordinates"] for f in collection["features"]}


def tigris_crossings(lat: float, near_lon: float) -> list[float]:
    """Longitudes where the Tigris crosses a parallel, within 0.2 degrees of near_lon."""
    found = []
    for run in rivers()["Tigris"]:
        for (x0, y0), (x1, y1) in zip(run[:-1], run[1:]):
            if y0 != y1 and (y0 - lat) * (y1 - lat) <= 0:
                x = x0 + (x1 - x0) * (lat - y0) / (y1 - y0)
                if abs(x - near_lon) < 0.2:
                    found.append(x)
    return found


def test_rivers_file_is_small_valid_geojson_inside_the_theatre():
    assert RIVERS.stat().st_size < 300_000
    collection = json.loads(RIVERS.read_text(encoding="utf-8"))
    x0, y0, x1, y1 = THEATRE_BOX
    for feature in collection["features"]:
        assert feature["type"] == "Feature" and feature["geometry"]["type"] == "MultiLineString"
        for line in feature["geometry"]["coordinates"]:
            assert len(line) >= 2
            assert all(len(p) == 2 and x0 <= p[0] <= x1 and y0 <= p[1] <= y1 for p in line)
    assert MAJOR_RIVERS <= set(rivers())


def km_to_segment(point: tuple[float, float], a: list[float], b: list[float]) -> float:
    """Flat-earth distance from a (lon, lat) point to a line segment: fine at city scale."""
    squeeze = math.cos(math.radians(point[1]))
    ax, ay = (a[0] - point[0]) * squeeze, a[1] - point[1]
    dx, dy = (b[0] - a[0]) * squeeze, b[1] - a[1]
    t = max(0.0, min(1.0, -(ax * dx + ay * dy) / (dx * dx + dy * dy))) if dx or dy else 0.0
    return math.hypot(ax + t * dx, ay + t * dy) * 111.2


def test_the_tigris_runs_through_mosul_between_its_banks():
    mosul_centre = (43.135, 36.34)
    assert min(km_to_segment(mosul_centre, a, b) for run in rivers()["Tigris"] for a, b in zip(run[:-1], run[1:])) < 1.0
    for lon, lat in (OLD_CITY, NABI_YUNUS):
        crossing = tigris_crossings(lat, lon)
        assert len(crossing) == 1
        assert OLD_CITY[0] < crossing[0] < NABI_YUNUS[0]


def test_mosul_neighbourhoods_fall_on_their_own_bank():
    if not MOSUL_PLACES.exists():
        pytest.skip(f"shared gazetteer not found at {MOSUL_PLACES}")
    checked = 0
    for row in csv.DictReader(MOSUL_PLACES.open(encoding="utf-8"), delimiter="\t"):
        bank = {"east Mosul": "east", "west Mosul": "west"}.get(row["parent"])
        if bank is None:
            continue
        lon, lat = float(row["longitude"]), float(row["latitude"])
        crossing = tigris_crossings(lat, lon)
        assert len(crossing) == 1, row["name"]
        assert (lon > crossing[0]) == (bank == "east"), f"{row['name']} is on the {bank} bank"
        checked += 1
    assert checked >= 10


def test_rivers_are_a_line_layer_under_the_markers_and_the_borders():
    layers = basemap_layers()
    names = [{f["properties"].get("name") for f in layer["source"].get("features", [])} for layer in layers]
    river_at = next(i for i, layer in enumerate(layers) if layer["type"] == "line" and "Tigris" in names[i])
    borders_at = next(i for i, layer in enumerate(layers) if layer.get("line", {}).get("dash"))
    assert layers[river_at]["below"] == "traces"
    assert river_at < borders_at  # a border that follows a river stays visible


def test_the_drawn_map_carries_the_rivers_layer(browser, scenario_db):
    url, server = serve(scenario_db)
    page = browser.new_page()
    try:
        page.goto(url + "/")
        page.wait_for_function("() => { const g = document.querySelector('#map .js-plotly-plot');"
                               " return g && g.layout && g.layout.map && g.layout.map.layers; }", timeout=20000)
        names = page.evaluate("() => document.querySelector('#map .js-plotly-plot').layout.map.layers"
                              ".filter(l => l.type === 'line')"
                              ".flatMap(l => (l.source.features || []).map(f => f.properties.name))")
    finally:
        page.close()
        server.shutdown()
    assert MAJOR_RIVERS <= set(names)
