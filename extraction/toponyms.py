"""Toponym spotting: where an article names places.

Gazetteer names are found with the index's Aho-Corasick automaton over a folded, padded copy
of the body (same length plus one space each end, so offsets stay true and matches are whole
words); names the gazetteer lacks are found by the way news
copy introduces places ("the Asyla village", "the village of X", "Hay X"). Person names,
organisations, demonyms, months and common words that happen to be place names are dropped.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from pathlib import Path

from extraction.actors import load_actor_lexicon
from extraction.records import Mention
from geocoding.index import GazetteerIndex
from geocoding.candidates import vowel_variant_ids
from geocoding.names import fold, name_key, spot_text

STOPWORDS_FILE = Path(__file__).resolve().parent.parent / "data" / "toponym_stopwords.txt"

# A title or role before a name makes the words after it a person ("Major General Sami al-Aridi").
_TITLES = frozenset("""
general gen maj major brigadier brig colonel col lt lieutenant captain capt sergeant sgt
minister president prime sheikh shaikh imam mr mrs ms dr king prince emir ayatollah mullah
abu umm spokesman commander governor mayor chief deputy leader sayyid mufti cleric
""".split())
# Given names: a capitalised run that starts with one is a person, not a place.
_GIVEN_NAMES = frozenset("""
ahmed ahmad mohammed mohammad muhammad mohamed ali hassan hasan hussein husain haider hayder
sami abdul abd abdel abdullah abdallah omar umar khalid khaled mahmoud mustafa ibrahim bashar
nouri nuri masoud masud tareq tariq yousef yusuf saad qasim qassem hadi falih raed ayad karim
salah jabbar yahya nawfal atheel osama usama ammar hamid jamal adnan fadhil laith muqtada walid
ziad haidar jalal barzani talib saleh salih fuad kamal majid rasul hashim faisal nasser naser
""".split())
# Words that make a capitalised run an organisation ("Badr Organization", "Press TV").
_ORG_WORDS = frozenset("""
organization organisation units unit forces force army ministry brigade brigades council party
front committee command service services agency tv press news times post company group state
movement network radio channel mobilization mobilisation guard guards corps division battalion
regiment police university institute foundation bank airways airlines office department wire government
jund jaish liwa kataib saraya harakat ansar jabhat hizb asaib ahrar hayat faylaq
""".split())
_PARTICLES = frozenset({"al", "el", "bin", "ibn", "bint", "abu"})
_LOWER_CUES = re.compile(
    r"\b(?:spokes(?:man|woman|person)|commander|leader|chief|official|minister|general|colonel|officer|"
    r"cleric|sheikh|governor|mayor|militant|fighter|named|emir|head|prophet|reporter|correspondent|"
    r"journalist|envoy|photographer|activist|doctor|analyst|professor|researcher|director|secretary|hero|poet|"
    r"ambassador|president|resident)\s+(?:of\s+\S+\s+)?$", re.I)
# "told Kurdistan Lens": a run of capitalised words someone is told something by is an outlet
# (a lone name after "told" may be a place: "told Mosul residents").
_TOLD = re.compile(r"\btold\s+$")

_NAME = r"(?:(?:al|el|an|ash|as|ad|ar)-)?[A-Z][\w'’]+(?:[ -](?:(?:al|el)-)?[A-Z][\w'’]+)?"
# How news copy introduces a place the gazetteer may lack; one alternation, so one pass.
_PATTERNS = re.compile("|".join((
    rf"\bthe ({_NAME}) (?:neighbou?rhood|district|quarter|village|area)s?\b",
    rf"\b(?:village|town|district|neighbou?rhood)s? of ({_NAME})",
    rf"\b({_NAME}) village\b",
    rf"\bHay ({_NAME})",
    rf"\b(?:on|of) ({_NAME}) (?:hill|mount|mountain|heights)\b",
    r"\b((?:al|el)-[A-Z][\w'’]+) (?:district|neighbou?rhood|quarter)\b",
    r"\b((?:Observatory|Hill|Point|Tower|Checkpoint|Height) \d{1,4})\b",  # "Observatory 45", "Hill 512"
)))
# "the Jabsa oil field" names Jabsa; "the Conoco gas field", named after no place, is the field.
_FIELD = re.compile(rf"\bthe ({_NAME}) (?:oil|gas) ?fields?\b")
# A word that heads Levantine and Iraqi place names, before a capitalised name, is a place the
# gazetteer may lack ("Deir Qanoun", "Zawiyat Albu Nimr", "Souq Wadi Barada", "Albu Shjal").
_HEADED_NAME = re.compile(  # the lookahead on the first letter halves the time of a pass
    r"\b(?=[ABDJKMQRSTZ])(?:(?:Deir|Dayr|Tal|Tall|Tel|Tell|Kafr|Kfar|Ain|Ayn|Ras|Jisr|Beit|Bayt|Bir|Maarat|Qasr"
    rf"|Zawiyat|Souq|Suq|Jabal|Jebel) {_NAME}|Albu [A-Z][\w'’]+)\b(?!['’]s)")
# "the Albu Nimr tribe": a name before these words is a tribe, though villages carry it too.
_TRIBE_AFTER = re.compile(r" (?:tribes?|clans?|tribesmen)\b")
# "Hasaka's Ghuwayran district": apart from _PATTERNS, which it would slow down several times over.
_OWNED_DISTRICT = re.compile(rf"['’]s ({_NAME}) (?:neighbou?rhood|district|quarter)s?\b")
# Where the verb or preposition before a capitalised name makes it a place ("captured Baghuz",
# "clashes in al-Shaar"); an actor, person or organisation there is dropped later.
_CUED = re.compile(
    rf"\b(?:captured|recaptured|retook|seized|liberated|entered|stormed|besieged|encircled|overran|reached|"
    rf"(?:pushed|advanced|moved|broke|swept)\s+into|(?:retreated|withdrew|fled|pulled\s+back|headed|marched|advanced|pushed)"
    rf"\s+(?:towards?|to)|(?:hills?|heights|ridges?|slopes)\s+(?:above|overlooking))\s+({_NAME})\b"
    rf"|\b(?:in|into|at|near|around|inside|toward|towards|on)\s+((?:al|el|ash|as|ad|ar|at|az)-[A-Z][\w'’]+(?: [A-Z][\w'’]+)?)"
)
_URL_CHARACTERS = ("-", "/")  # a cue word inside a URL ("/kessab-liberated") is none
# "Khazir, west of Erbil", "Hbeit, a few kilometres east of Kafr Nabudah": a name set off by a
# bearing from another place is a place. Found from the comma, which is quicker than trying every
# capitalised word.
_BEARING_AFTER_COMMA = re.compile(
    r",\s+(?:about\s+|some\s+|nearly\s+|just\s+)?(?:(?:\d+|a\s+few)\s+(?:km|kilometres|kilometers|miles)\s+)?"
    r"(?:to\s+the\s+)?(?:north|south|east|west)(?:-?(?:east|west))?\s+of\s")
_NAME_BEFORE = re.compile(rf"(?<![\w'’-])({_NAME})$")
# "the neighbourhoods of al-Hamidiya and al-Sheikh Yassin", "Qabasin, Bizaah and ...": further
# items of a list whose first item is a place.
_LIST_NEXT = re.compile(rf"(?:,\s+(?:and\s+)?|\s+and\s+|\s+or\s+)({_NAME})(?=[\s.,;:)]|$)")
# A run of up to three capitalised words: checked against the gazetteer's spelling-merged keys
# when the automaton, which knows only the spellings listed, found nothing there ("Deir Ezzor").
_CAPITALISED_RUN = re.compile(r"(?<![\w'’-])(?:(?:al|el|ash|as|ad|ar)-)?[A-Z][\w'’]+(?:[ -](?:(?:al|el|ez|ad|as|ash|ar)-)?[A-Z][\w'’]+){0,2}")
# "TIKRIT, Iraq (Meridian Wire) -": the outlet in brackets before a dateline dash.
_OUTLET = re.compile(r"\(([^()]{1,40})\)\s*(?:--|[-\u2014\u2013])\s")
_ARTICLE_PREFIXES = ("al-", "el-")
# Generic words some aliases carry ("Ghazlani camp", "Anbar province"): the mention is the name.
_GENERIC_TAILS = (" military camp", " camp", " base", " province", " governorate", " district",
                  " neighbourhood", " neighborhood", " quarter", " area", " region", " plain", " canton")
# Tails that stay generic when capitalised in mixed case ("Idlib Province" is Idlib, as the gold writes it).
_ALWAYS_GENERIC_TAILS = (" province", " governorate")
_WORD = re.compile(r"[\w'’-]+")
# Words that finish a longer name the gazetteer lacks, after a name it has: an article-joined word
# ("Daraa al-Balad", "Maarat al-Numan"), or any capitalised word after a generic head ("Tal Rifaat").
_JOINED_WORD = re.compile(r" (?:al|el|an|ar|as|ash|ad|az|ez|es|ed|at|en|ul)-[A-Z][\w'’]*")
_NEXT_WORD = re.compile(r" [A-Z][\w'’]+")
_ARTICLE_JOINED = re.compile(r"(?:al|el|an|ar|as|ash|ad|az|ez)-[A-Z]")
_PREVIOUS_WORD = re.compile(r"(?<![\w'’-])([A-Z][\w'’]+) $")
# Capitalised words before an "al-X" name that do not start a longer name ("In al-Bab").
_NOT_NAME_STARTS = frozenset("""
in at on from near to of by for and or but the a an as into inside outside around toward towards
across between since after before during while when where with without against under over through
east west north south eastern western northern southern central upper lower greater old new also
then both all its their his her our this that these those
""".split())
_NAME_HEADS = frozenset("""
tal tall tel tell jabal jebel jabel ain ayn deir dayr ras wadi khan kafr kfar beit bayt bir jisr
maarat marat maaret qasr qalaat qalat qara
""".split())


@lru_cache(maxsize=4)
def load_stopwords(path: Path = STOPWORDS_FILE) -> frozenset[str]:
    if not path.exists():
        return frozenset()
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return frozenset(fold(line) for line in lines if line and not line.startswith("#"))


def _gazetteer_spans(body: str, index: GazetteerIndex) -> list[tuple[int, int]]:
    spans = []
    for last, length in index.automaton.iter(spot_text(body)):
        start, end = last - length + 1, last - 1  # padded text is one character ahead of body
        if not _starts_like_a_name(body, start):
            continue
        if body[max(0, start - 3):start].lower() in _ARTICLE_PREFIXES and (start == 3 or not body[start - 4].isalnum()):
            start -= 3  # "al-Bakr", "Al-Alam" as written, though the gazetteer knows it as "Bakr"
        spans.append((start, end))
    return spans


def _with_rest_of_name(body: str, folded: str, span: tuple[int, int]) -> tuple[int, int]:
    """The span grown over the words that start or finish the name; a person's or a group's
    name is not grown ("Haider al-Abadi", "Abu Bakr al-Baghdadi", "Ansar al-Sharia")."""
    start, end = span
    head = folded[start:end].removeprefix("al ").removeprefix("el ")
    first = head.split(" ", 1)[0]
    if first in _GIVEN_NAMES or first in _TITLES or first in _ORG_WORDS:
        return span  # "Abu Bakr" of "Abu Bakr al-Baghdadi", "Ansar" of "Ansar al-Sharia"
    if _ARTICLE_JOINED.match(body, start) and (before := _PREVIOUS_WORD.search(body, max(0, start - 30), start)):
        word = folded[before.start(1):before.end(1)]
        if not any(word in words for words in (_NOT_NAME_STARTS, _GIVEN_NAMES, _TITLES, _ORG_WORDS, load_stopwords())):
            start = before.start(1)  # "Maarat al-Numan", though the gazetteer knows only "Numan"
    if head in _NAME_HEADS and (match := _NEXT_WORD.match(body, end)):
        end = match.end()
    for _ in range(2):
        match = _JOINED_WORD.match(body, end)
        if match is None:
            break
        end = match.end()
    return start, end


def _without_generic_tail(body: str, span: tuple[int, int], index: GazetteerIndex) -> tuple[int, int]:
    """"Anbar province" and "ANBAR PROVINCE" name Anbar; a capitalised tail in mixed case is part
    of the name ("Kurdistan Region"), except a province's or governorate's."""
    start, end = span
    text = body[start:end]
    folded = fold(text)
    for tail in _GENERIC_TAILS:
        if folded.endswith(tail) and (text.isupper() or text[-len(tail) + 1].islower()
                                      or tail in _ALWAYS_GENERIC_TAILS):
            head_end = end - len(tail)
            head_ids = set(index.lookup(body[start:head_end]))
            if head_ids and (tail in _ALWAYS_GENERIC_TAILS or head_ids & set(index.lookup(body[start:end]))):
                return start, head_end
    return span


# "Aleppo City" and "Aleppo Central Prison", capitalised, are one name; so is an air base or airport
# named after its town ("Menagh military airport"), as the gold writes them. The geocoder reads either
# as the named place when the gazetteer lacks the whole name; a prison it lacks stays unresolved.
_NAME_WORDS_AFTER = re.compile(
    r" (?:City\b|(?:Central )?Prison\b|(?:[Mm]ilitary )?(?:[Aa]irport|[Aa]ir [Bb]ase|[Aa]irbase|[Aa]irfield)\b)")


def _with_name_words_after(body: str, span: tuple[int, int]) -> tuple[int, int]:
    match = _NAME_WORDS_AFTER.match(body, span[1])
    return (span[0], match.end()) if match else span


def _starts_like_a_name(body: str, start: int) -> bool:
    if body[start].isupper():
        return True
    return body[start:start + 3] in _ARTICLE_PREFIXES and body[start + 3:start + 4].isupper()


def _longest_first(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Non-overlapping spans, the longer one winning where two overlap."""
    if not spans:
        return []
    covered = bytearray(max(end for _, end in spans) + 1)
    chosen: list[tuple[int, int]] = []
    for start, end in sorted(set(spans), key=lambda s: (s[0] - s[1], s[0])):
        if covered.find(1, start, end) != -1:
            continue
        covered[start:end] = b"\x01" * (end - start)
        chosen.append((start, end))
    chosen.sort()
    return chosen


_WORD_BEFORE = re.compile(r"([\w'’-]+) $")
_WORD_AFTER = re.compile(r" ([\w'’-]+)")


def _in_run(word: str) -> bool:
    return word[0].isupper() or word.lower().split("-")[0] in _PARTICLES


def _capitalised_run(body: str, start: int, end: int) -> tuple[list[str], int]:
    """Words of the capitalised run around [start, end), and how many come before the span."""
    before: list[str] = []
    pos = start
    while (m := _WORD_BEFORE.search(body, max(0, pos - 40), pos)) and _in_run(m.group(1)):
        before.insert(0, m.group(1))
        pos = m.start()
    after: list[str] = []
    pos = end
    while (m := _WORD_AFTER.match(body, pos, pos + 40)) and _in_run(m.group(1)):
        after.append(m.group(1))
        pos = m.end()
    return before + [body[start:end]] + after, len(before)


def _is_person_or_org(body: str, start: int, end: int) -> bool:
    words, n_before = _capitalised_run(body, start, end)
    if len(words) == 1:
        return bool(_LOWER_CUES.search(body[max(0, start - 40):start]))
    tokens = [fold(w).replace("'", " ").split() for w in words]
    folded, heads = [t[-1] for t in tokens], [t[0] for t in tokens]
    prefix = heads[:n_before]
    if any(w in _TITLES for w in prefix) or any(w in _GIVEN_NAMES for w in prefix):
        return True
    if (heads[n_before] in _GIVEN_NAMES or heads[n_before] in _TITLES) and n_before + 1 < len(words):
        return True
    others = folded[:n_before] + folded[n_before + 1:]
    single_word = [] if len(tokens[n_before]) > 1 else tokens[n_before]  # "Jund" of "Jund al-Khilafah"
    if any(w in _ORG_WORDS for w in others + single_word):
        return True
    run_start = start - sum(len(w) + 1 for w in words[:n_before])
    before = body[max(0, run_start - 40):run_start]
    return bool(_LOWER_CUES.search(before) or _TOLD.search(before))


def _opens_with_given_name(folded: str, start: int, end: int) -> bool:
    """A name found by its context alone that opens with a given name is a person
    ("Bashar al-Assad" listed after a place)."""
    words = folded[start:end].replace("-", " ").split()
    return len(words) > 1 and words[0] in _GIVEN_NAMES


_POSSESSIVE_INSIDE = re.compile(r"['’]s ")


def _after_possessive(body: str, span: tuple[int, int]) -> tuple[int, int]:
    """"Tikrit's Qadisiya" names Qadisiya; the owner is a place of its own, found on its own."""
    start, end = span
    inside = None
    for inside in _POSSESSIVE_INSIDE.finditer(body, start, end):
        pass
    return (inside.end(), end) if inside is not None else span


def _pattern_spans(body: str, index: GazetteerIndex) -> list[tuple[int, int]]:
    spans = [_after_possessive(body, match.span(match.lastindex)) for match in _PATTERNS.finditer(body)]
    return spans + [match.span(1) for match in _OWNED_DISTRICT.finditer(body)] + _field_spans(body, index)


def _field_spans(body: str, index: GazetteerIndex) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    if "field" not in body:
        return spans  # a quick test spares most articles the pass
    for match in _FIELD.finditer(body):
        named_after_a_place = any(map(index.is_spottable, index.lookup(match.group(1))))
        spans.append(match.span(1) if named_after_a_place else (match.start(1), match.end()))
    return spans


def _cued_spans(body: str) -> list[tuple[int, int]]:
    cued = [_after_possessive(body, match.span(match.lastindex)) for match in _CUED.finditer(body)
            if body[match.start() - 1:match.start()] not in _URL_CHARACTERS]
    return cued + _bearing_spans(body) + [match.span() for match in _HEADED_NAME.finditer(body)]


def _bearing_spans(body: str) -> list[tuple[int, int]]:
    spans = []
    for bearing in _BEARING_AFTER_COMMA.finditer(body):
        name = _NAME_BEFORE.search(body, max(0, bearing.start() - 50), bearing.start())
        if name is None:
            continue
        start, end = name.span(1)
        first = _WORD.match(body, start)
        if first is not None and first.end() < end and fold(first.group()) in _NOT_NAME_STARTS:
            start = first.end() + 1  # "In Hbeit, east of ..."
        spans.append((start, end))
    return spans


def _list_items_after(body: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Names listed right after a found place, each item continuing the list."""
    items = []
    for _, end in spans:
        while (match := _LIST_NEXT.match(body, end)) is not None:
            items.append(match.span(1))
            end = match.end(1)
    return items


class _ActorSpans:
    """Where the body names armed actors, found once and only if a cued name needs checking:
    "captured Islamic State fighters", "in al-Nusra territory" name actors, not places."""

    def __init__(self, body: str):
        self._body = body
        self._covered: bytearray | None = None

    def covers(self, start: int) -> bool:
        if self._covered is None:
            self._covered = bytearray(len(self._body) + 1)
            for actor in load_actor_lexicon().find(self._body):
                self._covered[actor.start:actor.end] = b"\x01" * (actor.end - actor.start)
        return bool(self._covered[start])


# Capitalised runs already looked up, per index: names repeat across articles of one war.
_KNOWN_RUNS: dict[tuple[int, str], int] = {}
_SPELLING_KNOWN, _VOWELS_DIFFER, _UNKNOWN = 2, 1, 0
# What makes a name the gazetteer knows only with other vowels a place ("on Kweires military
# airport", "the al-Mastouma camp"): a preposition of place before it, an Arabic article, or a
# word for a kind of place after it.
_PLACE_PREPOSITION = re.compile(r"(?:in|at|near|on|from|to|into|inside|outside|around|towards?|of|via)\s+$")
_PLACE_WORD_AFTER = re.compile(
    r"\s+(?:military\s+)?(?:camp|base|air\s*base|airport|district|neighbou?rhood|quarter|village|town|city|"
    r"area|plain|mountain|dam|crossing|province|governorate)\b", re.I)


def _run_knowledge(index: GazetteerIndex, run: str) -> int:
    key = (id(index), run)
    known = _KNOWN_RUNS.get(key)
    if known is None:
        if len(_KNOWN_RUNS) >= 65536:
            _KNOWN_RUNS.clear()
        name = name_key(run)
        known = _KNOWN_RUNS[key] = (_SPELLING_KNOWN if any(map(index.is_spottable, index.ids_for_key(name)))
                                    else _VOWELS_DIFFER if vowel_variant_ids(index, name) else _UNKNOWN)
    return known


def _said_as_a_place(body: str, start: int, end: int) -> bool:
    return (_ARTICLE_JOINED.match(body, start) is not None or _PLACE_WORD_AFTER.match(body, end) is not None
            or _PLACE_PREPOSITION.search(body, max(0, start - 12), start) is not None)


def _variant_spans(body: str, sentences: list[tuple[int, int]], index: GazetteerIndex,
                   covered: bytearray) -> list[tuple[int, int]]:
    """Capitalised runs whose spelling the gazetteer knows only in another transliteration, or,
    said as a place, only with other vowels. A lone word opening a sentence or a quote, or
    written like an acronym ("IEDs"), is skipped."""
    sentence_starts = {start for start, _ in sentences}
    spans = []
    for match in _CAPITALISED_RUN.finditer(body):
        start, end = match.span()
        if covered.find(1, start, end) != -1:
            continue
        word = match.group()
        # "Al-Alam, across the river": an article-joined name opening a sentence is still a name
        article_joined = word[:3].lower() in _ARTICLE_PREFIXES
        if " " not in word and not article_joined and (start in sentence_starts or body[start - 1:start] in _OPENERS
                                                       or sum(c.isupper() for c in word) > 1):
            continue
        known = _run_knowledge(index, word)
        if known == _SPELLING_KNOWN or (known == _VOWELS_DIFFER and _said_as_a_place(body, start, end)):
            spans.append((start, end))
    return spans


_OPENERS = frozenset("\"“‘'(")


def _outlet_spans(body: str) -> list[tuple[int, int]]:
    return [match.span(1) for match in _OUTLET.finditer(body, 0, 400)]


# "Turkey-backed rebels", "US-led coalition", "Iran-aligned militias": the name qualifies an actor.
_COMPOUND_ADJECTIVE = re.compile(r"-(?:backed|led|allied|aligned|funded|sponsored|supported|trained|armed)\b")
_WORDS_BEFORE = re.compile(r"(?:[\w'’-]+ ){1,3}$")


def _ends_a_stop_phrase(folded: str, start: int, stop: frozenset[str]) -> bool:
    """Is the name the last word of a stop phrase ("the Great Zab", a river; "Patriotic Union of
    Kurdistan", a party)? Up to three words before it are tried."""
    name = _WORD.match(folded, start)
    if name is None or name.group() not in _last_words_of_phrases(stop):
        return False
    match = _WORDS_BEFORE.search(folded, max(0, start - 40), start)
    if match is None:
        return False
    words = match.group().split()
    return any(" ".join(words[k:] + [name.group()]) in stop for k in range(len(words)))


@lru_cache(maxsize=4)
def _last_words_of_phrases(stop: frozenset[str]) -> frozenset[str]:
    return frozenset(phrase.rsplit(" ", 1)[1] for phrase in stop if " " in phrase)


def _has_stopword(body: str, folded: str, start: int, end: int, stop: frozenset[str]) -> bool:
    return folded[start:end] in stop or any(fold(w) in stop for w in _WORD.findall(body[start:end]))


def _marked(length: int, spans: list[tuple[int, int]]) -> bytearray:
    marks = bytearray(length + 1)
    for start, end in spans:
        marks[start:end] = b"\x01" * (end - start)
    return marks


def _crosses(marks: bytearray, start: int, end: int) -> bool:
    """Does a marked span run across either end of [start, end)?"""
    return bool(start and marks[start - 1] and marks[start]) or bool(marks[end - 1] and marks[end])


def find_toponyms(body: str, sentences: list[tuple[int, int]], index: GazetteerIndex) -> list[Mention]:
    """Toponym mentions in `body`, in text order, with their sentence index."""
    stop = load_stopwords()
    folded = fold(body)
    actors = _ActorSpans(body)

    def is_plain_name(start: int, end: int) -> bool:
        """Not a stop word, a person, an organisation, an armed actor or a tribe."""
        return not (_has_stopword(body, folded, start, end, stop) or _ends_a_stop_phrase(folded, start, stop)
                    or _is_person_or_org(body, start, end) or _opens_with_given_name(folded, start, end)
                    or actors.covers(start) or _TRIBE_AFTER.match(body, end) is not None)

    named = _longest_first(_gazetteer_spans(body, index))
    grown = [_with_rest_of_name(body, folded, s) for s in named]
    named = _longest_first([g if g == s or not actors.covers(g[0]) else s for s, g in zip(named, grown)])
    gazetteer = [_with_name_words_after(body, _without_generic_tail(body, s, index)) for s in named]
    found = [s for s in gazetteer if folded[s[0]:s[1]] not in stop and not _is_person_or_org(body, *s)
             and not _ends_a_stop_phrase(folded, s[0], stop) and not _COMPOUND_ADJECTIVE.match(body, s[1])
             and not _TRIBE_AFTER.match(body, s[1])]
    in_gazetteer_span = _marked(len(body), gazetteer)
    introduced = [s for s in _pattern_spans(body, index)
                  if in_gazetteer_span.find(1, *s) == -1 and not _has_stopword(body, folded, *s, stop)]
    found += introduced
    in_introduced_span = _marked(len(body), introduced)
    for start, end in (_without_generic_tail(body, s, index) for s in _cued_spans(body)):
        # a cued name may contain a shorter gazetteer name ("Jabal Badro" over "Jabal"), not cut one
        if in_introduced_span.find(1, start, end) == -1 and not _crosses(in_gazetteer_span, start, end) \
                and is_plain_name(start, end):
            found.append((start, end))
    found = _longest_first(found)
    found += [s for s in _variant_spans(body, sentences, index, _marked(len(body), found)) if is_plain_name(*s)]
    found = _longest_first(found)
    found += [s for s in _list_items_after(body, found) if in_gazetteer_span.find(1, *s) == -1 and is_plain_name(*s)]
    outlets = _outlet_spans(body)
    found = [s for s in _longest_first(found) if not any(o[0] <= s[0] < o[1] for o in outlets)]
    starts = [s for s, _ in sentences]
    return [
        Mention(start=s, end=e, text=body[s:e], sentence=max(0, bisect_right(starts, s) - 1))
        for s, e in found
    ]
