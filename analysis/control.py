"""Who holds each place at a date, derived from the claims that count in a view.

Rules (DESIGN.md "Control state at a date"):
- a claim counts when its date span overlaps [day_from, day_to] and it passes the filters;
  of those, only claims dated on or before the as-of day are evidence at that day;
- the latest control-bearing claim (captured / entered / holds by X) names X the holder;
  a latest `lost` by Y leaves the holder unknown (it does not make Y the holder);
- `contested` when, within CONTESTED_WINDOW_DAYS before the as-of day, another side claims
  control over the same span, or another side attacked / advanced on / besieged the place on
  or after the holder's latest control claim, or the holder has only `entered` it; and, for as
  long as no newer control claim settles it, when the latest control claim came within
  DISPUTE_DAYS of another side's control claim (a counter-claim: "IS said it drove the troops
  back out", a day after the army said it entered);
- `stale` when the latest evidence is more than STALE_AFTER_DAYS old;
- `unknown` when no control-bearing claim names a holder.
Pure numpy over a ClaimFrame so that an as-of move is a few binary searches."""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from analysis.frame import ClaimFrame

CONTROL_TYPES = ("captured", "entered", "holds", "lost")
PRESSURE_TYPES = ("attacked", "advancing", "besieged")
CONTESTED_WINDOW_DAYS = 30
DISPUTE_DAYS = 7
STALE_AFTER_DAYS = 180

# Same-day control claims of one side are read in this order, so "entered and took full
# control" on one day ends on the capture.
_SAME_DAY_RANK = {"entered": 0, "lost": 1, "holds": 2, "captured": 3}
_DAY_SHIFT = 1 << 20  # keeps day keys positive for dates before 1970
_KEY = np.int64(1 << 22)


@dataclass(frozen=True)
class Filters:
    """What the user narrowed the view to. None means "all"."""

    day_from: int | None = None
    day_to: int | None = None
    sides: tuple[str, ...] | None = None
    claim_types: tuple[str, ...] | None = None
    outlets: tuple[str, ...] | None = None
    min_confidence: float = 0.0
    place_query: str = ""


@dataclass(frozen=True)
class PlaceStates:
    """One row per place that has counted claims in the view (even if none by the as-of day)."""

    place: np.ndarray  # place codes into ClaimFrame.places
    holder: np.ndarray  # object: side name or None
    state: np.ndarray  # object: held | contested | stale | unknown
    last_day: np.ndarray  # int: day of the latest evidence by as-of, -1 when none yet
    n_claims: np.ndarray
    n_sources: np.ndarray  # distinct articles
    why: dict[str, np.ndarray] = field(default_factory=dict)  # flags behind `contested`/`stale`


def counted_mask(frame: ClaimFrame, filters: Filters) -> np.ndarray:
    c = frame.claims
    mask = np.ones(len(c), dtype=bool)
    if filters.day_from is not None:
        mask &= c["day_end"].to_numpy() >= filters.day_from
    if filters.day_to is not None:
        mask &= c["day_start"].to_numpy() <= filters.day_to
    for column, allowed in (("side", filters.sides), ("claim_type", filters.claim_types), ("outlet", filters.outlets)):
        if allowed is not None:
            mask &= c[column].isin(allowed).to_numpy()
    if filters.min_confidence > 0:
        mask &= c["confidence"].to_numpy() >= filters.min_confidence
    if filters.place_query.strip():
        names = frame.places["name"].str.contains(filters.place_query.strip(), case=False, regex=False)
        refs = frame.places["ref"].str.fullmatch(filters.place_query.strip())
        mask &= (names | refs).to_numpy()[c["place"].to_numpy()]
    return mask


class ControlIndex:
    """The counted claims of one filter set, arranged so any as-of day is answered quickly.
    Build once per filter set (cache it); call `at(day)` per slider move."""

    def __init__(self, frame: ClaimFrame, filters: Filters):
        self.frame = frame
        self.filters = filters
        sub = frame.claims[counted_mask(frame, filters)]
        sides = sub["side"].astype(str).to_numpy()
        self.side_names, side_codes = np.unique(sides, return_inverse=True)
        side_codes = side_codes.astype(np.int32)
        blank = np.flatnonzero(self.side_names == "")
        if len(blank):
            side_codes[side_codes == blank[0]] = -1
        types = sub["claim_type"].astype(str).to_numpy()
        place = sub["place"].to_numpy().astype(np.int64)
        day = sub["day_start"].to_numpy().astype(np.int64)
        self.places = np.unique(place)
        self.n = len(self.places)

        # Every counted claim: totals, last evidence day and distinct sources by as-of.
        self._key = place * _KEY + day + _DAY_SHIFT
        self._day = day
        self._starts = np.searchsorted(place, self.places, "left")
        article = sub["article"].to_numpy().astype(np.int64)
        _, first = np.unique(place * np.int64(1 << 31) + article, return_index=True)
        first_flag = np.zeros(len(sub) + 1, dtype=np.int64)
        first_flag[first + 1] = 1
        self._sources_before = np.cumsum(first_flag)

        # Control-bearing claims with a side, in reading order.
        ctrl = np.isin(types, CONTROL_TYPES) & (side_codes >= 0)
        rank = np.vectorize(_SAME_DAY_RANK.get, otypes=[np.int64])(types[ctrl]) if ctrl.any() else np.zeros(0, np.int64)
        order = np.lexsort((rank, day[ctrl], place[ctrl]))
        self._c_place = place[ctrl][order]
        self._c_day = day[ctrl][order]
        self._c_end = sub["day_end"].to_numpy().astype(np.int64)[ctrl][order]
        self._c_side = side_codes[ctrl][order]
        self._c_lost = (types[ctrl][order] == "lost")
        self._c_entered = (types[ctrl][order] == "entered")
        self._c_key = self._c_place * _KEY + self._c_day + _DAY_SHIFT
        self._c_disputed = _counter_claims(self._c_place, self._c_side, self._c_day, self._c_lost)
        self._c_starts = np.searchsorted(self._c_place, self.places, "left")

        # The same control claims, and pressure claims by a named side, ordered by day, so the
        # contested window is one slice instead of a scan.
        by_day = np.argsort(self._c_day, kind="stable")
        self._w_day = self._c_day[by_day]
        self._w_end = self._c_end[by_day]
        self._w_side = self._c_side[by_day]
        self._w_lost = self._c_lost[by_day]
        self._w_pos = np.searchsorted(self.places, self._c_place[by_day])
        pres = np.isin(types, PRESSURE_TYPES) & (side_codes >= 0)
        by_day = np.argsort(day[pres], kind="stable")
        self._p_day = day[pres][by_day]
        self._p_side = side_codes[pres][by_day]
        self._p_pos = np.searchsorted(self.places, place[pres][by_day])

    def at(self, asof: int) -> PlaceStates:
        cut = self.places * _KEY + asof + _DAY_SHIFT
        ends = np.searchsorted(self._key, cut, "right")
        n_claims = ends - self._starts
        any_claim = n_claims > 0
        last_day = np.where(any_claim, self._day[np.maximum(ends - 1, 0)] if len(self._day) else -1, -1)
        n_sources = self._sources_before[ends] - self._sources_before[self._starts]

        c_ends = np.searchsorted(self._c_key, cut, "right")
        has_ctrl = c_ends > self._c_starts
        latest = np.maximum(c_ends - 1, 0)
        if len(self._c_side):
            holder_code = np.where(has_ctrl & ~self._c_lost[latest], self._c_side[latest], -1)
            holder_day = np.where(has_ctrl, self._c_day[latest], np.iinfo(np.int64).max)
            entered_only = has_ctrl & self._c_entered[latest]
        else:
            holder_code = np.full(self.n, -1)
            holder_day = np.full(self.n, np.iinfo(np.int64).max)
            entered_only = np.zeros(self.n, dtype=bool)
        held = holder_code >= 0
        window_start = asof - CONTESTED_WINDOW_DAYS

        lo, hi = np.searchsorted(self._w_day, window_start, "left"), np.searchsorted(self._w_day, asof, "right")
        pos = self._w_pos[lo:hi]
        rival = ~self._w_lost[lo:hi] & held[pos] & (self._w_side[lo:hi] != holder_code[pos])
        rival &= self._w_end[lo:hi] >= holder_day[pos]
        disagreement = np.zeros(self.n, dtype=bool)
        disagreement[pos[rival]] = True

        lo, hi = np.searchsorted(self._p_day, window_start, "left"), np.searchsorted(self._p_day, asof, "right")
        p_pos = self._p_pos[lo:hi]
        pressed = held[p_pos] & (self._p_side[lo:hi] != holder_code[p_pos]) & (self._p_day[lo:hi] >= holder_day[p_pos])
        pressure = np.zeros(self.n, dtype=bool)
        pressure[p_pos[pressed]] = True

        if len(self._c_side):
            disagreement |= held & has_ctrl & self._c_disputed[latest]
        entered_only &= held
        contested = held & (disagreement | pressure | entered_only)
        stale = held & ~contested & (asof - last_day > STALE_AFTER_DAYS)
        state = np.full(self.n, "unknown", dtype=object)
        state[held] = "held"
        state[stale] = "stale"
        state[contested] = "contested"
        names = np.append(self.side_names, None).astype(object)
        holder = names[np.where(held, holder_code, len(self.side_names))]
        return PlaceStates(
            place=self.places, holder=holder, state=state, last_day=last_day,
            n_claims=n_claims, n_sources=n_sources,
            why={"disagreement": disagreement, "pressure": pressure & held, "entered_only": entered_only, "stale": stale},
        )


def _counter_claims(place: np.ndarray, side: np.ndarray, day: np.ndarray, lost: np.ndarray) -> np.ndarray:
    """For control claims in (place, day) order: whether another side's control claim (not a
    `lost`) on the same place came at most DISPUTE_DAYS before it. Among the claims that name a
    holder, the last claim of the previous run of same-side claims is the nearest such claim."""
    disputed = np.zeros(len(side), dtype=bool)
    naming = np.flatnonzero(~lost)
    if not len(naming):
        return disputed
    p, s, d = place[naming], side[naming], day[naming]
    change = np.ones(len(naming), dtype=bool)
    change[1:] = (p[1:] != p[:-1]) | (s[1:] != s[:-1])
    run_start = np.maximum.accumulate(np.where(change, np.arange(len(naming)), 0))
    prev = np.maximum(run_start - 1, 0)
    disputed[naming] = (run_start > 0) & (p[prev] == p) & (d - d[prev] <= DISPUTE_DAYS)
    return disputed


def explain(states: PlaceStates, place_code: int) -> str:
    """One sentence that says why a place has its colour, in terms of the listed claims."""
    hit = np.flatnonzero(states.place == place_code)
    if not len(hit):
        return "No claims about this place count in the current view."
    i = hit[0]
    holder, state = states.holder[i], states.state[i]
    if states.n_claims[i] == 0:
        return "No claim about this place is dated on or before the chosen day."
    if state == "unknown":
        return "No claim says who controls it (only attacks, advances, sieges, or a side that lost it)."
    reasons = []
    if states.why["entered_only"][i]:
        reasons.append(f"{holder} has entered it but no later claim says it took control")
    if states.why["disagreement"][i]:
        reasons.append("another side is also said to control it, and no later claim settles it")
    if states.why["pressure"][i]:
        reasons.append(f"within {CONTESTED_WINDOW_DAYS} days another side attacked, advanced on or besieged it")
    if state == "contested":
        return f"Contested: latest control claim names {holder}, but " + "; ".join(reasons) + "."
    if state == "stale":
        return f"Held by {holder} according to evidence older than {STALE_AFTER_DAYS} days."
    return f"Held by {holder}: the latest control claim names it."
