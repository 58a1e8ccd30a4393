"""Armed actors as the press names them, mapped to sides through an editable lexicon.

The lexicon is data (data/actors.tsv) so that a user following another war adds lines rather
than code. Words whose side depends on the war ("the army", "government forces") carry a
theatre: the reading for the article's country wins.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

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


def _key(phrase: str) -> str:
    return re.sub(r"[\s\-]+", " ", phrase.replace("\u2019", "'")).strip().casefold()


def _pattern_regex(pattern: str) -> str:
    words = [re.escape(w) for w in re.split(r"[\s\-]+", pattern.strip()) if w]
    body = r"[\s\-]+".join(words).replace("'", "['\u2019]")
    if pattern.isupper() and len(pattern.replace(" ", "")) <= 5:
        body = f"(?-i:{body})"
    return body


class ActorLexicon:
    """Finds actors in text; longest phrase wins where several start at one place."""

    def __init__(self, rows: list[tuple[str, ActorEntry]]):
        self._entries: dict[str, list[ActorEntry]] = {}
        for pattern, entry in rows:
            self._entries.setdefault(_key(pattern), []).append(entry)
        patterns = sorted({p for p, _ in rows}, key=len, reverse=True)
        alternation = "|".join(_pattern_regex(p) for p in patterns) or r"(?!x)x"
        self._regex = re.compile(rf"(?i)(?<![\w'])(?:{alternation})(?![\w])")

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

    def find(self, text: str, theatre: str = "", start: int = 0, end: int | None = None) -> list[ActorMatch]:
        """Actors in `text[start:end]` (offsets into `text`), read for the war in `theatre`."""
        found = []
        end = len(text) if end is None else end
        for match in self._regex.finditer(text, start, end):
            entry = self._pick(self._entries.get(_key(match.group()), []), theatre)
            if entry is not None:
                found.append(ActorMatch(match.start(), match.end(), match.group(), entry.side, entry.kind))
        return found

    def side_of(self, phrase: str, theatre: str = "") -> str:
        entry = self._pick(self._entries.get(_key(phrase), []), theatre)
        return entry.side if entry else ""

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
