"""Armed actors as the press names them, mapped to sides through an editable lexicon.

The lexicon is data (data/actors.tsv) so that a user following another war adds lines rather
than code. Words whose side depends on the war ("the army", "government forces") carry a
theatre: the reading for the article's country wins. Words with several readings in one war
("the rebels", "militants", "Free Syrian Army") take the side the story itself names most among
those readings: "the rebels" of a Euphrates Shield story are the Turkish-backed ones.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import ahocorasick

DEFAULT_LEXICON = Path(__file__).resolve().parent.parent / "data" / "actors.tsv"
KINDS = ("force", "air", "claimant")


@dataclass(frozen=True)
class ActorEntry:
    side: str
    theatres: frozenset[str] = frozenset()
    kind: str = "force"


@dataclass(frozen=True)
class ActorMatch:
    """An actor found in a text; offsets are into the text searched."""

    start: int
    end: int
    text: str
    side: str
    kind: str


# Lower-cases ASCII letters and makes separators uniform without changing the text's length,
# so offsets found in the folded copy are offsets into the original.
_FOLD = {**{c: c + 32 for c in range(65, 91)}, ord("-"): " ", ord("\n"): " ", ord("\t"): " ",
         ord("\r"): " ", 0x2019: "'", 0x2010: " ", 0x2011: " "}


def _fold(text: str) -> str:
    return text.translate(_FOLD)


def _key(phrase: str) -> str:
    return " ".join(_fold(phrase.strip()).split())


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


class ActorLexicon:
    """Finds actors in text; longest phrase wins where several start at one place.
    Phrases written in capitals ("IS", "SDF") must appear in capitals."""

    def __init__(self, rows: list[tuple[str, ActorEntry]]):
        self._entries: dict[str, list[ActorEntry]] = {}
        self._automaton = ahocorasick.Automaton()
        self._theatres = frozenset(t for _, entry in rows for t in entry.theatres)
        for pattern, entry in rows:
            key = _key(pattern)
            self._entries.setdefault(key, []).append(entry)
            exact = pattern.strip() if pattern.isupper() and len(pattern.replace(" ", "")) <= 5 else ""
            self._automaton.add_word(key, (len(key), key, exact))
        if rows:
            self._automaton.make_automaton()

    @classmethod
    def from_file(cls, path: str | Path = DEFAULT_LEXICON) -> "ActorLexicon":
        rows: list[tuple[str, ActorEntry]] = []
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            cells = [c.strip() for c in line.split("\t")] + ["", "", ""]
            pattern, side, theatres, kind = cells[:4]
            if not pattern or not side:
                continue
            entry = ActorEntry(
                side=side,
                theatres=frozenset(t.strip().upper() for t in theatres.split(",") if t.strip()),
                kind=kind if kind in KINDS else "force",
            )
            rows.append((pattern, entry))
        return cls(rows)

    def find(self, text: str, theatre: str = "") -> list[ActorMatch]:
        """Actors in `text`, read for the war in `theatre`, in text order. A theatre no line
        names (a stray geocode abroad) is read as unknown: the story decides."""
        if not self._entries or not text:
            return []
        theatre = theatre if theatre in self._theatres else ""
        hits = []
        for last, (length, key, exact) in self._automaton.iter(_fold(text)):
            start, end = last + 1 - length, last + 1
            if start > 0 and (_is_word_char(text[start - 1]) or text[start - 1] in "'\u2019"):
                continue
            if end < len(text) and _is_word_char(text[end]):
                continue
            if exact and text[start:end] != exact:
                continue
            hits.append((start, -length, key))
        found: list[tuple[ActorMatch, tuple[str, ...]]] = []
        for start, negative_length, key in _longest_first(hits):
            readings = self._readings(self._entries[key], theatre)
            if not readings:
                continue
            entry, sides = readings[0], tuple(dict.fromkeys(r.side for r in readings))
            end = start - negative_length
            previous, previous_sides = found[-1] if found else (None, ())
            if previous and text[previous.end:start] == " " and set(previous_sides) & set(sides):
                # "ISIS militants", "Daesh terrorists": one actor named twice; the named one decides
                shared = tuple(side for side in previous_sides if side in sides)
                merged = shared if len(previous_sides) > 1 and len(sides) > 1 else (shared[0],)
                found[-1] = (ActorMatch(previous.start, end, text[previous.start:end], merged[0], previous.kind), merged)
            else:
                found.append((ActorMatch(start, end, text[start:end], entry.side, entry.kind), sides))
        return _settle(found)

    @staticmethod
    def _readings(entries: list[ActorEntry], theatre: str) -> list[ActorEntry]:
        """The readings for this theatre; else those valid anywhere; else, with no theatre
        known, all of them. The first listed is the default."""
        here = [e for e in entries if theatre and theatre in e.theatres]
        anywhere = [e for e in entries if not e.theatres]
        return here or anywhere or ([] if theatre else list(entries))


def _longest_first(hits: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Of overlapping phrases the longest, in text order: "the Army of Conquest" is the rebel
    coalition, not "the army"; "Kurdish security forces" are not "security forces"."""
    chosen: list[tuple[int, int, str]] = []
    group: list[tuple[int, int, str]] = []
    group_end = -1
    for hit in sorted(hits) + [(1 << 62, -1, "")]:
        if hit[0] >= group_end and group:
            if len(group) == 1:
                chosen += group
            else:
                kept: list[tuple[int, int, str]] = []
                for candidate in sorted(group, key=lambda h: (h[1], h[0])):  # longest first
                    start, end = candidate[0], candidate[0] - candidate[1]
                    if all(end <= s or start >= s - n for s, n, _ in kept):
                        kept.append(candidate)
                chosen += sorted(kept)
            group = []
        group.append(hit)
        group_end = max(group_end, hit[0] - hit[1])
    return chosen


def _settle(found: list[tuple[ActorMatch, tuple[str, ...]]]) -> list[ActorMatch]:
    """Gives each actor with several readings the one the text names most often by a phrase
    with a single reading; on a tie the one named last before it; else its first reading."""
    tally: dict[str, int] = {}
    for actor, sides in found:
        if len(sides) == 1:
            tally[actor.side] = tally.get(actor.side, 0) + 1
    settled: list[ActorMatch] = []
    last_named: dict[str, int] = {}
    for actor, sides in found:
        if len(sides) > 1:
            best = max(sides, key=lambda side: (tally.get(side, 0), last_named.get(side, -1), -sides.index(side)))
            actor = ActorMatch(actor.start, actor.end, actor.text, best, actor.kind)
        else:
            last_named[actor.side] = actor.start
        settled.append(actor)
    return settled


@lru_cache(maxsize=8)
def load_actor_lexicon(path: str | Path = DEFAULT_LEXICON) -> ActorLexicon:
    return ActorLexicon.from_file(path)
