"""Name normalisation shared by the gazetteer index, the geocoders and the toponym spotter.

Two forms exist because they serve different jobs:
- `fold(text)` keeps the length of the text (one character in, one out) so that matches found in
  a folded article body carry offsets that are true in the original body;
- `name_key(name)` is the lookup key: it also drops Arabic articles and generic words and merges
  common transliteration variants, so "Ba'shiqah", "Bashiqa" and "Bashiqah" meet on one key.
"""
from __future__ import annotations

import re
import unicodedata

APOSTROPHES = "'`´‘’ʿʾʼʻ′"
DASHES = "-‐‑‒–—"
ARTICLES = frozenset({"al", "el", "an", "as", "ash", "ad", "ar", "at", "az", "ul", "il"})
_GENERIC_WORDS = frozenset({"hay", "qaryat", "qariyat", "qarya", "nahiyat", "hayy"})
# A key shorter than this is no name on its own ("Rai"); with its article it is ("al-Rai").
MIN_BARE_KEY = 3
_TELL_WORDS = {"tall": "tal", "tel": "tal", "tell": "tal", "til": "tal"}


def _fold_char(ch: str) -> str:
    if ch in APOSTROPHES:
        return "'"
    if ch in DASHES:
        return " "
    base = unicodedata.normalize("NFD", ch)[0].lower()
    if len(base) == 1 and base.isascii():
        return base
    lower = ch.lower()
    return lower if len(lower) == 1 else ch


def _build_fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    ranges = [(0, 0x250), (0x1E00, 0x1F00), (0x2010, 0x2030), (0x2BB, 0x2C0), (0x2032, 0x2033)]
    for lo, hi in ranges:
        for code in range(lo, hi):
            ch = chr(code)
            folded = _fold_char(ch)
            if folded != ch:
                table[code] = folded
    return table


_FOLD_TABLE = _build_fold_table()


def fold(text: str) -> str:
    """Lower case, no diacritics, one apostrophe, dashes as spaces; same length as `text`."""
    return text.translate(_FOLD_TABLE)


_POSSESSIVE = re.compile(r"'s\b")
_NOT_WORD = re.compile(r"[^\w']")


def spot_text(text: str) -> str:
    """The folded text padded with a space at both ends, every non-word character (and a
    possessive 's) a space: a name padded the same way then only matches whole words.
    Index i of the result is index i - 1 of `text`."""
    return " " + _NOT_WORD.sub(" ", _POSSESSIVE.sub("  ", fold(text))) + " "


_NOT_LETTER = re.compile(r"[^a-z0-9 ]+")
_DOUBLE = re.compile(r"(.)\1+")
_ONE_LETTER = str.maketrans({"q": "k", "g": "k", "o": "u", "e": "i"})


def _transliterate(key: str) -> str:
    """Merge spellings of one Arabic/Kurdish sound: q/k/g/kh/gh, o/u/ou/oo, e/i/ee, ay/ai/ei,
    ch/sh, ph/f, doubled letters, and a final -ah/-eh/-ih as -a. Plain str methods: the build runs it a
    million times."""
    key = key.replace("ck", "k").replace("ch", "sh").replace("ph", "f").translate(_ONE_LETTER)
    key = key.replace("kh", "k").replace("ca", "ka").replace("cu", "ku")
    key = key.replace("ay", "i").replace("ai", "i")  # Bayji / Baiji / Beiji, Zubayr / Zubeir
    if _DOUBLE.search(key):
        key = _DOUBLE.sub(r"\1", key)
    if key.endswith(("ah", "ih")):
        key = key[:-2] + "a"
    return key


def folded_words(folded: str) -> list[str]:
    """The words of a folded name, apostrophes removed."""
    return _NOT_LETTER.sub(" ", folded.replace("'", "")).split()


def name_key(name: str) -> str:
    """Lookup key: articles and generic prefixes dropped, words joined, transliteration merged;
    a name left too short without its article keeps it, as "al"."""
    return key_of_folded(fold(name))


def key_of_folded(folded: str) -> str:
    """`name_key` of a name already passed through `fold`."""
    tokens = folded_words(folded)
    while len(tokens) > 1 and tokens[0] in _GENERIC_WORDS:
        tokens = tokens[1:]
    named = [_TELL_WORDS.get(t, t) for t in tokens if t not in ARTICLES] or tokens
    key = _transliterate("".join(named))
    if len(key) < MIN_BARE_KEY and len(named) < len(tokens):
        return "al" + key  # "al-Rai", "ar-Ra'i": too short alone, kept whole with one article
    return key


# Vowels left in a key after `_transliterate` (o, e, ee and ou are already u and i).
_KEY_VOWELS = str.maketrans("", "", "aiu")
# Keys shorter than this have too few consonants for their skeleton to say which place is meant.
SKELETON_MIN_KEY = 6


def skeleton(key: str) -> str:
    """The consonants of a name key: spellings that differ only in where a vowel is written or
    how long it is ("Kweires" / "Kuweires", "Mastouma" / "Masṭūmah") share it. Only a hint: two
    keys with one skeleton are matched when their spelling is also close (see candidates)."""
    return key.translate(_KEY_VOWELS) if len(key) >= SKELETON_MIN_KEY else ""


def is_latin_name(name: str) -> bool:
    """True when the name folds to plain ASCII letters (the only names worth scanning for)."""
    return is_latin_folded(fold(name))


def is_latin_folded(folded: str) -> bool:
    return folded.isascii() and any(ch.isalpha() for ch in folded)


_CODE = re.compile(r"^[A-Z0-9]{2,4}$")


def is_junk_name(name: str) -> bool:
    """Codes like "OSM" or "ORBM" and names too short to identify anything."""
    stripped = name.strip()
    return len(stripped) < 3 or bool(_CODE.match(stripped))
