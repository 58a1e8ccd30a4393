"""User corrections: "this name means that place". Stored in the store table `corrections`,
applied first by the resolver on every later ingest, and re-applied to what is already stored
so the dashboard shows the fix at once."""
from __future__ import annotations

import json
import sqlite3

from geocoding.names import name_key
from geocoding.records import Place
from geocoding.vague import area_place
from store.db import now_iso
from store.writer import place_row

CORRECTION_CONFIDENCE = 1.0


def add_correction(conn: sqlite3.Connection, name: str, place: Place, country: str = "") -> None:
    """Remember that `name` (in articles about `country`, '' = everywhere) means `place`."""
    conn.execute(
        "INSERT INTO corrections(name_key, country, place_ref, name, lat, lon, kind, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(name_key, country) DO UPDATE SET"
        " place_ref = excluded.place_ref, name = excluded.name, lat = excluded.lat,"
        " lon = excluded.lon, kind = excluded.kind, created_at = excluded.created_at",
        (name_key(name), country.upper(), place.ref, place.name, place.lat, place.lon, place.kind,
         now_iso()),
    )


def load_corrections(conn: sqlite3.Connection) -> dict[tuple[str, str], Place]:
    """(name key, country or '') -> place."""
    rows = conn.execute("SELECT name_key, country, place_ref, name, lat, lon, kind FROM corrections")
    return {
        (r[0], r[1]): Place(ref=r[2], name=r[3], lat=r[4], lon=r[5], kind=r[6], country=r[1])
        for r in rows
    }


def upsert_place(conn: sqlite3.Connection, place: Place) -> None:
    conn.execute(
        "INSERT INTO places(ref, name, lat, lon, kind, country, admin1, population, geo_precision,"
        " anchor_ref, relation) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(ref) DO UPDATE SET"
        " name = excluded.name, lat = excluded.lat, lon = excluded.lon, kind = excluded.kind,"
        " country = excluded.country, admin1 = excluded.admin1, population = excluded.population,"
        " geo_precision = excluded.geo_precision, anchor_ref = excluded.anchor_ref,"
        " relation = excluded.relation",
        place_row(place),
    )


def apply_correction(conn: sqlite3.Connection, name: str, place: Place) -> dict[str, int]:
    """Point every stored mention of `name` (same name key) and the claims anchored on them at
    `place`; claims on a vague area ("west of X") get the same area around the new place."""
    key = name_key(name)
    own = not conn.in_transaction
    if own:
        conn.execute("BEGIN")
    try:
        upsert_place(conn, place)
        mention_ids = [r[0] for r in conn.execute("SELECT id, surface FROM mentions") if name_key(r[1]) == key]
        conn.executemany(
            "UPDATE mentions SET place_ref = ?, confidence = ?, method = 'correction', reason = '',"
            " candidates = ? WHERE id = ?",
            [(place.ref, CORRECTION_CONFIDENCE, json.dumps([]), m) for m in mention_ids],
        )
        claims = 0
        for mention_id in mention_ids:
            for claim_id, old_ref in conn.execute(
                "SELECT c.id, c.place_ref FROM claims c WHERE c.mention_id = ?", (mention_id,)
            ).fetchall():
                claims += 1
                relation = _area_relation(conn, old_ref)
                target = area_place(place, relation) if relation else place
                if target is not place:
                    upsert_place(conn, target)
                conn.execute("UPDATE claims SET place_ref = ? WHERE id = ?", (target.ref, claim_id))
        if own:
            conn.execute("COMMIT")
    except BaseException:
        if own:
            conn.execute("ROLLBACK")
        raise
    return {"mentions": len(mention_ids), "claims": claims}


def _area_relation(conn: sqlite3.Connection, ref: str | None) -> str:
    if not ref:
        return ""
    row = conn.execute("SELECT relation, geo_precision FROM places WHERE ref = ?", (ref,)).fetchone()
    return row[0] if row is not None and row[1] == 2 else ""
