"""Sentence spans for news copy.

Wire text breaks naive splitters in predictable places: ranks and titles ("Lt. Gen."),
initialisms ("U.S.", "a.m."), month abbreviations ("Dec. 5"), quotes that close after the
full stop, and headlines or datelines with no full stop at all. Spans (not strings) are
returned so every later stage can keep offsets into the original body.
"""
from __future__ import annotations

import re

# Words that take a full stop without ending a sentence (compared case-insensitively).
_ABBREVIATIONS = frozenset(
    """
    lt gen maj col brig sgt capt cpl pvt adm cmdr cdr lieut gov sen rep rev hon pres
    mr mrs ms dr prof st no nos jr sr inc co corp ltd bros dept univ vs approx est fig
    jan feb apr jun jul aug sep sept oct nov dec mt ft
    """.split()
)
# Words that very often open a sentence: after an initialism ("U.S.", "a.m.") they signal
# that the initialism also closed the sentence.
_SENTENCE_OPENERS = frozenset(
    """
    the a an he she it they we i but and in on at this that these those there his her their
    its our meanwhile however earlier later also some many most one two three several
    according after before while when if as since during last on yesterday today
    """.split()
)

# A run of terminal punctuation, any closing quotes/brackets, then whitespace.
_BOUNDARY = re.compile(r"[.!?\u061f\u3002]+[\"'\u201d\u2019)\]]*(?=\s)|\n[ \t\r\f\v]*\n\s*|\n")
_WORD_BEFORE = re.compile(r"([A-Za-z]+(?:\.[A-Za-z]+)*)\.*$")
_NEXT_WORD = re.compile(r"\s*[\"'\u201c\u2018(\[]?(\w+)")
_INITIALISM = re.compile(r"(?:[A-Za-z]\.){2,}$")

# Sentences longer than this are cut at a space: later stages run regexes per sentence and
# must stay fast even on a megabyte of text with no full stop.
MAX_SENTENCE_CHARS = 2000


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Character spans `(start, end)` of the sentences in `text`, whitespace trimmed, in order."""
    if not text:
        return []
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        if match.group().startswith("\n"):
            if not _line_break_ends_sentence(text, start, match):
                continue
            end = match.start()
        else:
            end = match.end()
            if not _stop_ends_sentence(text, start, match):
                continue
        _add_span(text, start, end, spans)
        start = match.end()
    _add_span(text, start, len(text), spans)
    return spans


def _line_break_ends_sentence(text: str, start: int, match: re.Match) -> bool:
    """Blank lines always end a sentence; a single newline ends a headline or dateline line
    but not a hard-wrapped line in mid-sentence."""
    if match.group().count("\n") > 1:
        return True
    following = text[match.end():match.end() + 1]
    if following.islower():
        return False
    line = text[start:match.start()].rstrip()
    if not line:
        return True
    last = line[-1]
    # A wrapped line stops on a comma, a hyphen or a lower-case word, and is long.
    wrapped = (last in ",-;:" or last.islower()) and len(line) - line.rfind("\n") > 60
    return not wrapped


def _stop_ends_sentence(text: str, start: int, match: re.Match) -> bool:
    following = text[match.end():match.end() + 40]
    first = following.lstrip()[:1]
    if not first or first.islower() or first in ",;:":
        return False
    punct = match.group()
    if not punct.startswith("."):
        return True
    if punct.rstrip("\"'\u201d\u2019)]") != ".":
        return True  # "..." or ".)" style endings: trust them
    before = _WORD_BEFORE.search(text, max(start, match.start() - 30), match.start() + 1)
    if not before:
        return True
    word = before.group(1)
    if _INITIALISM.search(word + "."):
        nxt = _NEXT_WORD.match(following)
        return bool(nxt) and nxt.group(1).lower() in _SENTENCE_OPENERS
    if word.lower() in _ABBREVIATIONS:
        return False
    if len(word) == 1 and word.isupper():
        return False  # a middle initial: "George W. Bush"
    return True


def _add_span(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    while end - start > MAX_SENTENCE_CHARS:
        cut = text.rfind(" ", start + MAX_SENTENCE_CHARS // 2, start + MAX_SENTENCE_CHARS)
        cut = cut if cut > start else start + MAX_SENTENCE_CHARS
        spans.append((start, cut))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        spans.append((start, end))
