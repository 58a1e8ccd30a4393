"""Writing claims, mentions and places as JSON Lines, CSV or GeoJSON (RFC 7946)."""
from __future__ import annotations

import csv
import json
import sqlite3
from typing import Iterable, TextIO

from .read import CLAIM_FIELDS, MENTION_FIELDS, PLACE_FIELDS, claim_rows, mention_rows, place_rows

WHAT = {
    "claims": (CLAIM_FIELDS, claim_rows),
    "mentions": (MENTION_FIELDS, mention_rows),
    "places": (PLACE_FIELDS, place_rows),
}
FORMATS = ("jsonl", "csv", "geojson")


def export(conn: sqlite3.Connection, what: str, fmt: str, out: TextIO) -> int:
    fields, rows_of = WHAT[what]
    rows = ({k: row.get(k) for k in fields} for row in rows_of(conn))
    return write_rows(rows, fields, fmt, out)


def write_rows(rows: Iterable[dict], fields: Iterable[str], fmt: str, out: TextIO) -> int:
    """Rows in one of FORMATS; GeoJSON keeps only rows with coordinates. Returns rows written."""
    fields = list(fields)
    count = 0
    if fmt == "jsonl":
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            count += 1
    elif fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=fields, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow(row)
            count += 1
    elif fmt == "geojson":
        out.write('{"type": "FeatureCollection", "features": [')
        for row in rows:
            if row.get("lat") is None or row.get("lon") is None:
                continue
            feature = {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [round(row["lon"], 6), round(row["lat"], 6)]},
                "properties": {k: v for k, v in row.items() if k not in ("lat", "lon")},
            }
            out.write(("," if count else "") + "\n" + json.dumps(feature, ensure_ascii=False))
            count += 1
        out.write("\n]}\n")
    else:
        raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
    return count
