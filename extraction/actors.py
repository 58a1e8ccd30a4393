"""Armed actors as the press names them, mapped to sides through an editable lexicon.

The lexicon is data (data/actors.tsv) so that a user following another war adds lines rather
than code. Words whose side depends on the war ("the army", "government forces") carry a
theatre: the reading for the article's country wins.
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
        """Actors in `text`, read for the war in `theatre`, in text order."""
        if not self._entries or not text:
            return []
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
        hits.sort()
        found, covered = [], 0
        for start, negative_length, key in hits:
            if start < covered:
                continue
            entry = self._pick(self._entries[key], theatre)
            if entry is None:
                continue
            end = start - negative_length
            previous = found[-1] if found else None
            if previous and previous.side == entry.side and text[previous.end:start] == " ":
                # "ISIS militants", "Daesh terrorists": one actor named twice
                found[-1] = ActorMatch(previous.start, end, text[previous.start:end], entry.side, entry.kind)
            else:
                found.append(ActorMatch(start, end, text[start:end], entry.side, entry.kind))
            covered = end
        return found

    @staticmethod
    def _pick(entries: list[ActorEntry], theatre: str) -> ActorEntry | None:
        """The reading for this theatre; else one valid anywhere; else, with no theatre known,
        the first reading listed."""
        for entry in entries:
            if theatre and theatre in entry.theatres:
                return entry
        for entry in entries:
            if not entry.theatres:
                return entry
        if not theatre and entries:
            return entries[0]
        return None


@lru_cache(maxsize=8)
def load_actor_lexicon(path: str | Path = DEFAULT_LEXICON) -> ActorLexicon:
    return ActorLexicon.from_file(path)
