"""Build the offline basemap layers in data/basemap/ from Natural Earth (public domain) as
packaged in the npm package world-atlas (TopoJSON). Run once; the outputs are committed.

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python tools/build_basemap.py package/countries-50m.json

Writes land.geojson (country polygons near the theatre), borders.geojson (land borders) and
coast.geojson (coastlines), each cut to THEATRE_BBOX with coordinates rounded to 3 decimals."""
from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

THEATRE_BBOX = (24.0, 24.0, 62.0, 45.0)  # lon_min, lat_min, lon_max, lat_max
OUT = Path(__file__).resolve().parents[1] / "data" / "basemap"


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """TopoJSON arcs are delta-encoded integers scaled by the topology transform."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((round(x * sx + tx, 3), round(y * sy + ty, 3)))
        arcs.append(points)
    return arcs


def ring(arcs: list, indexes: list[int]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def inside(point: tuple[float, float], margin: float = 0.0) -> bool:
    x0, y0, x1, y1 = THEATRE_BBOX
    return x0 - margin <= point[0] <= x1 + margin and y0 - margin <= point[1] <= y1 + margin


def runs_inside(points: list[tuple[float, float]]) -> list[list[tuple[float, float]]]:
    """Split a line into the pieces that fall inside the (slightly widened) theatre box."""
    runs, current = [], []
    for p in points:
        if inside(p, margin=2.0):
            current.append(p)
        elif current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    return [r for r in runs if len(r) > 1]


def polygons_of(geometry: dict) -> list[list[list[int]]]:
    if geometry.get("type") == "Polygon":
        return [geometry["arcs"]]
    if geometry.get("type") == "MultiPolygon":
        return geometry["arcs"]
    return []


def main(path: str) -> None:
    topology = json.loads(Path(path).read_text())
    arcs = decode_arcs(topology)
    countries = topology["objects"]["countries"]["geometries"]
    usage: Counter[int] = Counter()
    land = []
    for country in countries:
        polygons = [[ring(arcs, r) for r in polygon] for polygon in polygons_of(country)]
        for polygon in polygons_of(country):
            for r in polygon:
                usage.update(i if i >= 0 else ~i for i in r)
        near = [p for p in polygons if any(inside(pt) for pt in p[0])]
        if near:
            land.append({"type": "Feature", "properties": {"name": country["properties"]["name"], "id": country.get("id", "")},
                         "geometry": {"type": "MultiPolygon", "coordinates": near}})
    borders = [run for i, n in usage.items() if n > 1 for run in runs_inside(arcs[i])]
    coast = [run for i, n in usage.items() if n == 1 for run in runs_inside(arcs[i])]
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "land.geojson").write_text(json.dumps({"type": "FeatureCollection", "features": land}, separators=(",", ":")))
    for name, lines in (("borders", borders), ("coast", coast)):
        feature = {"type": "Feature", "properties": {}, "geometry": {"type": "MultiLineString", "coordinates": lines}}
        (OUT / f"{name}.geojson").write_text(json.dumps({"type": "FeatureCollection", "features": [feature]}, separators=(",", ":")))
    print({"countries": len(land), "borders": len(borders), "coast": len(coast)})


if __name__ == "__main__":
    main(sys.argv[1])
