"""Names the geocoder could not place, grouped for the user to fix, and the fix itself
(stored as a correction, applied to what is stored now, and used by every later ingest)."""
from __future__ import annotations

import json
import logging
import sqlite3
import threading
from dataclasses import dataclass, field

from geocoding.corrections import add_correction, apply_correction
from geocoding.names import name_key
from geocoding.records import Place
from store.db import mark_changed

log = logging.getLogger("frontline.dashboard")
EXCERPT_CHARS = 90
MAX_EXCERPTS = 3


# The excerpt starts EXCERPT_CHARS before the name, clamped to the text's first character with
# CASE (a two-argument max() is GREATEST on PostgreSQL). Ordered so both engines pick the same
# excerpts and surface forms.
_UNRESOLVED_SQL = f"""
SELECT m.surface, m.start_char, m.end_char, m.candidates,
       substr(a.body, CASE WHEN m.start_char > {EXCERPT_CHARS} THEN m.start_char - {EXCERPT_CHARS} ELSE 1 END,
              {2 * EXCERPT_CHARS + 40})
FROM mentions m JOIN articles a ON a.id = m.article_id
WHERE m.place_ref IS NULL
ORDER BY a.source_file, m.start_char, m.id
"""


@dataclass
class UnresolvedName:
    name: str  # the surface form seen most often
    count: int
    excerpts: list[str] = field(default_factory=list)
    candidates: list[dict] = field(default_factory=list)  # {ref, name, score, why}, best first


def unresolved_names(conn: sqlite3.Connection, limit: int = 50) -> list[UnresolvedName]:
    rows = conn.execute(_UNRESOLVED_SQL).fetchall()
    groups: dict[str, UnresolvedName] = {}
    for surface, _start, _end, candidates, excerpt in rows:
        group = groups.setdefault(name_key(surface) or surface, UnresolvedName(surface, 0))
        group.count += 1
        if len(group.excerpts) < MAX_EXCERPTS:
            group.excerpts.append(" ".join((excerpt or "").split()))
        if not group.candidates:
            try:
                group.candidates = [c for c in json.loads(candidates or "[]") if isinstance(c, dict) and c.get("ref")]
            except ValueError:
                group.candidates = []
    return sorted(groups.values(), key=lambda g: (-g.count, g.name))[:limit]


def user_place(name: str, lat: float, lon: float) -> Place:
    """A place the user put on the map by clicking."""
    return Place(ref=f"user:{name_key(name).replace(' ', '-')}:{lat:.4f},{lon:.4f}", name=name, lat=lat, lon=lon, kind="village")


def correct(conn: sqlite3.Connection, name: str, place: Place) -> dict[str, int]:
    """Store the correction and re-point stored mentions and claims; the dashboard reloads."""
    add_correction(conn, name, place)
    changed = apply_correction(conn, name, place)
    mark_changed(conn)
    return changed


class GazetteerForCandidates:
    """The geocoder's gazetteer index, loaded once in the background the first time the
    unresolved list is shown (loading takes a second or more)."""

    def __init__(self):
        self._index = None
        self._lock = threading.Lock()
        self._loading = False

    def get(self, wait: bool = False):
        with self._lock:
            if self._index is None and not self._loading:
                self._loading = True
                threading.Thread(target=self._load, daemon=True).start()
        if wait:
            for _ in range(600):
                if self._index is not None or not self._loading:
                    break
                threading.Event().wait(0.1)
        return self._index

    def _load(self) -> None:
        try:
            from geocoding.index import load_index

            self._index = load_index()
        except Exception:  # no index means no ranked candidates; the stored runner-ups still show
            log.exception("could not load the gazetteer index for candidates")
        finally:
            self._loading = False

    def candidates(self, name: str, load: bool) -> list[dict]:
        """Ranked gazetteer candidates; with load=False only if the index is already in memory."""
        index = self.get(wait=True) if load else self._index
        if index is None:
            return []
        from geocoding.candidates import rank_candidates

        return rank_candidates(index, name, limit=8)

    def place(self, ref: str, conn: sqlite3.Connection) -> Place | None:
        row = conn.execute("SELECT ref, name, lat, lon, kind, country FROM places WHERE ref = ?", (ref,)).fetchone()
        if row is not None:
            return Place(ref=row[0], name=row[1], lat=row[2], lon=row[3], kind=row[4], country=row[5])
        index = self.get(wait=True)
        return index.place_by_ref(ref) if index is not None else None
