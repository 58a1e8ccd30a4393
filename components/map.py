"""The map: a base payload (where the markers are; sent when the filters change) and a
states payload (who holds what; sent on every as-of move, a few compact integer arrays).
The browser joins them in assets/frontline.js, so an as-of move never resends coordinates."""
from __future__ import annotations

import base64
import hashlib
import json
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd
from dash import dcc

from analysis.service import ViewStates
from analysis.sides import STATES, UNKNOWN_COLOUR, state_colour
from components.text import plot_text

BASEMAP_DIR = Path(__file__).resolve().parents[1] / "data" / "basemap"
NO_EVIDENCE_COLOUR = "#DDDDDD"
TILE_STYLES = {
    "white-bg": "Offline (borders and rivers)",
    "open-street-map": "OpenStreetMap tiles (online)",
    "carto-positron": "Carto light tiles (online)",
    "carto-darkmatter": "Carto dark tiles (online)",
}
MAP_CONFIG = {
    "displaylogo": False,
    "showSendToCloud": False,
    "showEditInChartStudio": False,
    "modeBarButtonsToRemove": ["sendDataToCloud", "toImage", "select2d", "lasso2d"],
    "scrollZoom": True,
}


@lru_cache(maxsize=1)
def basemap_layers() -> tuple[dict, ...]:
    """Sea, land, river, coast and border layers from the bundled extracts (data/basemap/)."""
    def load(name: str) -> dict:
        return json.loads((BASEMAP_DIR / f"{name}.geojson").read_text(encoding="utf-8"))

    sea = {"type": "Feature", "properties": {}, "geometry": {"type": "Polygon", "coordinates": [
        [[-180, -85], [180, -85], [180, 85], [-180, 85], [-180, -85]]]}}
    return (
        {"source": sea, "type": "fill", "color": "#DCE8F0", "below": "traces"},
        {"source": load("land"), "type": "fill", "color": "#F6F4EE", "below": "traces"},
        {"source": load("rivers"), "type": "line", "color": "#7AAAD0", "line": {"width": 1.4}, "below": "traces"},
        {"source": load("coast"), "type": "line", "color": "#9DB4C4", "line": {"width": 1}, "below": "traces"},
        {"source": load("borders"), "type": "line", "color": "#8A8A8A", "line": {"width": 1.2, "dash": [2, 1]}, "below": "traces"},
    )


@lru_cache(maxsize=1)
def reference_towns() -> list[list]:
    """[label, lat, lon, population, country] of the towns the map names for orientation
    (built by tools/build_towns.py from GeoNames); the markers carry no names of their own."""
    return json.loads((BASEMAP_DIR / "towns.json").read_text(encoding="utf-8"))


def map_graph() -> dcc.Graph:
    return dcc.Graph(id="map", config=MAP_CONFIG, style={"height": "100%"}, clear_on_unhover=True,
                     figure={"data": [], "layout": {"map": {"style": "white-bg"}}})


def view_key(vs: ViewStates) -> str:
    """Both payloads carry it; the browser joins only payloads made for the same markers
    (stable across worker processes: it depends on the data and the filters only)."""
    digest = hashlib.sha1(repr(vs.view.filters()).encode("utf-8")).hexdigest()[:12]
    return f"{len(vs.frame.claims)}-{len(vs.states.place)}-{digest}"


def _trace_split(vs: ViewStates) -> list[np.ndarray]:
    precision = vs.frame.places["geo_precision"].to_numpy()[vs.states.place]
    return [np.flatnonzero(precision <= 1), np.flatnonzero(precision > 1)]


def base_payload(vs: ViewStates, key: str) -> dict:
    places = vs.frame.places.iloc[vs.states.place]
    traces = []
    for name, rows in zip(("places", "areas"), _trace_split(vs)):
        p = places.iloc[rows]
        label = [plot_text(n) for n in p["name"]]
        if name == "areas":
            label = [f"{t} (approximate area)" for t in label]
        traces.append({"name": name, "lat": p["lat"].round(5).tolist(), "lon": p["lon"].round(5).tolist(),
                       "text": label, "refs": p["ref"].tolist()})
    center, zoom = framing(places["lat"].to_numpy(), places["lon"].to_numpy())
    return {"key": key, "traces": traces, "center": center, "zoom": zoom}


def framing(lat: np.ndarray, lon: np.ndarray) -> tuple[dict, float]:
    """Centre and zoom that show the bulk of the places (10th-90th percentile box)."""
    if not len(lat):
        return {"lat": 34.5, "lon": 41.0}, 4.5
    lat_lo, lat_hi = np.percentile(lat, [10, 90])
    lon_lo, lon_hi = np.percentile(lon, [10, 90])
    span = max(lat_hi - lat_lo, (lon_hi - lon_lo) * 0.8, 0.05)
    zoom = float(np.clip(np.log2(360 / span) - 1.0, 3, 11))
    return {"lat": float((lat_lo + lat_hi) / 2), "lon": float((lon_lo + lon_hi) / 2)}, round(zoom, 2)


def state_label(state: str, holder: str | None, n_claims: int) -> str:
    if n_claims == 0:
        return "no claim yet by this date"
    if state == "held":
        return f"held by {holder}"
    if state == "stale":
        return f"held by {holder} (old evidence)"
    if state == "contested":
        return f"contested (last control claim: {holder})"
    return "holder unknown"


def marker_colour(state: str, holder: str | None, n_claims: int) -> str:
    return NO_EVIDENCE_COLOUR if n_claims == 0 else state_colour(state, holder)


def packed(values: np.ndarray) -> dict:
    """Non-negative integers as little-endian uint16 (or uint32) bytes in base64: about two
    bytes a marker on the wire and far cheaper to encode than a JSON list."""
    wide = len(values) and int(values.max()) > 0xFFFF
    raw = values.astype("<u4" if wide else "<u2").tobytes()
    return {"t": "u32" if wide else "u16", "b": base64.b64encode(raw).decode("ascii")}


def states_payload(vs: ViewStates, key: str) -> dict:
    """Per trace: c = index into labels/colours, d = last evidence day, n = sources."""
    s = vs.states
    state_idx = pd.Categorical(s.state, categories=STATES).codes.astype(np.int64)
    holder_idx, holder_names = pd.factorize(s.holder, use_na_sentinel=True)
    n_holders = len(holder_names) + 1
    combos = (state_idx * n_holders + holder_idx + 1) * 2 + (s.n_claims > 0)
    table, codes = np.unique(combos, return_inverse=True)
    labels, colours = [], []
    for combo in table.tolist():
        rest, has = divmod(combo, 2)
        state_i, holder_i = divmod(rest, n_holders)
        state, holder = STATES[state_i], (holder_names[holder_i - 1] if holder_i else None)
        labels.append(plot_text(state_label(state, holder, has)))
        colours.append(marker_colour(state, holder, has))
    # d: days since the corpus start + 1, 0 = no claim yet
    days = np.where(s.last_day >= 0, s.last_day - vs.frame.first_day + 1, 0)
    traces = [{"c": packed(codes[rows]), "d": packed(days[rows]), "n": packed(s.n_sources[rows])}
              for rows in _trace_split(vs)]
    return {"key": key, "asof": vs.view.asof, "first_day": vs.frame.first_day, "labels": labels,
            "colours": colours or [UNKNOWN_COLOUR], "traces": traces}
