"""Answers for the dashboard and the JSON API from one place, so the map, the API, the panel
and the exports can never disagree about a view."""
from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.control import ControlIndex, Filters, PlaceStates, counted_mask
from analysis.frame import ClaimFrame, FrameSource, from_day, to_day
from analysis.view import View, with_asof
from store.read import claim_rows

INDEX_CACHE_SIZE = 8


@dataclass(frozen=True)
class ViewStates:
    frame: ClaimFrame
    view: View  # with the as-of day filled in
    states: PlaceStates


class DashboardData:
    def __init__(self, db_path: str | Path):
        self.source = FrameSource(db_path)
        self.db_path = self.source.db  # a SQLite file's Path, or a server URL as given
        self._indexes: OrderedDict[tuple, ControlIndex] = OrderedDict()
        self._per_filters: OrderedDict[tuple, object] = OrderedDict()
        self._lock = threading.Lock()

    def frame(self) -> ClaimFrame:
        return self.source.get()

    def index(self, filters: Filters) -> ControlIndex:
        frame = self.frame()
        key = (self.source.generation, filters)
        with self._lock:
            if key in self._indexes:
                self._indexes.move_to_end(key)
                return self._indexes[key]
        built = ControlIndex(frame, filters)
        with self._lock:
            self._indexes[key] = built
            while len(self._indexes) > INDEX_CACHE_SIZE:
                self._indexes.popitem(last=False)
        return built

    def states(self, view: View) -> ViewStates:
        frame = self.frame()
        view = with_asof(view, from_day(frame.last_day))
        return ViewStates(frame, view, self.index(view.filters()).at(to_day(view.asof)))

    def per_filters(self, name: str, view: View, build):
        """`build(view_states)` for answers that depend on the filters but not on the as-of day
        (the marker positions, the timeline), computed once per filter set and data generation.
        The answer is shared between requests: treat it as read-only."""
        self.frame()  # reloads (and bumps the generation) when the store changed
        key = (name, self.source.generation, view.filters())
        with self._lock:
            if key in self._per_filters:
                self._per_filters.move_to_end(key)
                return self._per_filters[key]
        built = build(self.states(view))
        with self._lock:
            self._per_filters[key] = built
            while len(self._per_filters) > 4 * INDEX_CACHE_SIZE:
                self._per_filters.popitem(last=False)
        return built

    def place_records(self, view: View) -> list[dict]:
        """/api/places: one object per place counted in the view."""
        vs = self.states(view)
        places = vs.frame.places.iloc[vs.states.place]
        s = vs.states
        last = np.asarray(s.last_day)
        dates = np.where(last >= 0, (np.datetime64("1970-01-01") + last.astype("timedelta64[D]")).astype(str), None)
        return [
            {"place_ref": ref, "name": name, "lat": lat, "lon": lon, "side": holder, "state": state,
             "last_claim_date": day, "n_claims": n, "n_sources": ns}
            for ref, name, lat, lon, holder, state, day, n, ns in zip(
                places["ref"].tolist(), places["name"].tolist(), places["lat"].astype(float).tolist(),
                places["lon"].astype(float).tolist(), list(s.holder), list(s.state), dates.tolist(),
                np.asarray(s.n_claims).tolist(), np.asarray(s.n_sources).tolist())
        ]

    def place_code(self, ref: str) -> int | None:
        hit = np.flatnonzero(self.frame().places["ref"].to_numpy() == ref)
        return int(hit[0]) if len(hit) else None

    def timeline(self, view: View, weekly: bool) -> pd.DataFrame:
        """Counted claims per day (or week starting Monday) and side: columns bucket, side, n.
        The same for every as-of move: callers keep it per filter set (see per_filters)."""
        frame = self.frame()
        c = frame.claims[counted_mask(frame, view.filters())]
        day = c["day_start"].to_numpy()
        if weekly:
            day = day - (day + 3) % 7  # 1970-01-01 was a Thursday
        counts = pd.DataFrame({"bucket": day, "side": c["side"].astype(str).replace("", "unknown side")})
        out = counts.groupby(["bucket", "side"], observed=True).size().rename("n").reset_index()
        out["bucket"] = pd.to_datetime(out["bucket"], unit="D")
        return out

    def place_claims(self, place_ref: str, view: View) -> list[dict]:
        """The place's claims in the export contract, limited by the view's range and filters."""
        f = view.filters()
        conn = self.source.connection()
        try:
            rows = list(claim_rows(conn, place_ref=place_ref, date_from=view.date_from, date_to=view.date_to))
        finally:
            conn.close()
        rows = [r for r in rows if _passes(r, f)]
        return sorted(rows, key=event_day)

    def view_claims(self, view: View) -> list[dict]:
        """Every claim counted in the view (for CSV / GeoJSON export), in the export contract."""
        f = view.filters()
        vs = self.states(view)
        keep = set(vs.frame.places["ref"].iloc[vs.states.place])
        conn = self.source.connection()
        try:
            rows = claim_rows(conn, date_from=view.date_from, date_to=view.date_to, resolved_only=True)
            return [r for r in rows if r["place_ref"] in keep and _passes(r, f) and event_day(r) <= vs.view.asof]
        finally:
            conn.close()


def event_day(row: dict) -> str:
    """The claim's event date, or the article's date when the text gave none (as the map does)."""
    return row["date"] or (row["published"] or "")[:10]


def _passes(row: dict, f: Filters) -> bool:
    return (
        (f.sides is None or (row["side"] or "") in f.sides)
        and (f.claim_types is None or row["claim"] in f.claim_types)
        and (f.outlets is None or (row.get("outlet") or "") in f.outlets)
        and (row["confidence"] or 0) >= f.min_confidence
    )
