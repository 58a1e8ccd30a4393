"""Sides, states and their colours, defined once for the map, legend, timeline and panel.

The palette follows Paul Tol's colour-blind-safe schemes; a stale holder is drawn in a pale
tint of its side so the hue still says who, while the paleness says "old news"."""
from __future__ import annotations

SIDES = (
    "Iraqi government",
    "ISIS",
    "Kurdish forces",
    "SDF",
    "Syrian government",
    "Syrian rebels",
    "Turkey-backed rebels",
)
SIDE_COLOURS = {
    "Iraqi government": "#0077BB",
    "ISIS": "#222222",
    "Kurdish forces": "#EE7733",
    "SDF": "#DDAA33",
    "Syrian government": "#CC3311",
    "Syrian rebels": "#009988",
    "Turkey-backed rebels": "#66CCEE",
}
OTHER_SIDE_COLOURS = ("#997700", "#6699CC", "#44AA99", "#882255", "#999933")
CONTESTED_COLOUR = "#EE3377"
UNKNOWN_COLOUR = "#AAAAAA"
UNKNOWN_SIDE_LABEL = "unknown side"

STATES = ("held", "contested", "stale", "unknown")


def side_colour(side: str) -> str:
    """Known sides keep their colour; a side from another war's lexicon gets a stable extra one."""
    if side in SIDE_COLOURS:
        return SIDE_COLOURS[side]
    if not side:
        return UNKNOWN_COLOUR
    return OTHER_SIDE_COLOURS[sum(map(ord, side)) % len(OTHER_SIDE_COLOURS)]


def pale(colour: str, amount: float = 0.6) -> str:
    """Blend a hex colour toward white."""
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    mix = [round(c + (255 - c) * amount) for c in (r, g, b)]
    return "#" + "".join(f"{c:02X}" for c in mix)


def state_colour(state: str, side: str | None) -> str:
    """The marker colour for a place's state at a date."""
    if state == "contested":
        return CONTESTED_COLOUR
    if state == "unknown" or not side:
        return UNKNOWN_COLOUR
    colour = side_colour(side)
    return pale(colour) if state == "stale" else colour
