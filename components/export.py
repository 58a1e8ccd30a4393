"""Download the current view: its claims as CSV (export contract columns) or as GeoJSON
points (one feature per claim, the contract fields as properties) for QGIS and friends."""
from __future__ import annotations

import csv
import io
import json

from store.read import CLAIM_FIELDS


def claims_csv(rows: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CLAIM_FIELDS, extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def claims_geojson(rows: list[dict]) -> str:
    features = [
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [r["lon"], r["lat"]]},
         "properties": {k: r[k] for k in CLAIM_FIELDS if k not in ("lat", "lon")}}
        for r in rows if r.get("lat") is not None
    ]
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False)
