"""Territorial claims from sentences: who took, entered, advanced on, holds, attacked, lost or
besieged which place, when, and who says so.

Rules, not a model: each claim has to be explainable from its evidence sentence, and a user
must be able to see why a marker has its colour. A rule is a trigger phrase with a shape that
says where its place and its actor sit relative to it (object after an active verb, subject
before a passive one, agent after "by", loser after "purged of"). Sentences without a named
place (or "the city", "it" or "there" referring back to one) are never searched, which keeps
this stage cheap. The trigger phrases are in `claim_rules`, negation and modality in `hedges`; this module reads
a sentence's places, actors, claimant and dates around them.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime
from functools import lru_cache

from extraction.actors import ActorLexicon, ActorMatch, load_actor_lexicon
from extraction.claimants import find_claimant
from extraction.claim_rules import AIR_TRIGGER, COUNT, UNIT, Trigger, find_triggers
from extraction.dates import DateExpression, event_date_for, looks_back_a_year, resolve_event_dates, story_date_from
from extraction.hedges import hedge, hedge_window_blocks
from extraction.records import Claim, EventDate, Mention
from geocoding.records import Place
from geocoding.vague import area_place

# --- places -----------------------------------------------------------------------------
_DIRECTIONS = r"(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)"
_AREA_NOUN = r"(?:villages?|towns?|hamlets?|areas?|districts?|neighbou?rhoods?|quarters?|suburbs?|settlements?|regions?|positions?|parts?|sections?|localities|locations?|sites?|hills?|farms?|oil\s+fields?|territor(?:y|ies))"
_RELATION_BEFORE = re.compile(
    r"(?i)\b(?P<relation>"
    rf"(?:{COUNT}\s*(?:-|\s)?(?:km|kilomet(?:er|re)s?|miles?)\s+(?:\(\s*[^)]{{0,20}}\)\s+)?)?(?:to\s+the\s+|on\s+the\s+)?{_DIRECTIONS}\s+of"
    rf"|(?:in\s+)?(?:the\s+)?(?:{_DIRECTIONS}ern|central)(?:\s+(?:part|parts|side|outskirts|edge|end|half|districts|neighbou?rhoods|sector|bank)\s+of)?"
    r"|(?:the\s+)?(?:outer|inner)\s+(?:part|parts|edge|districts)\s+of|(?:north|south|east|west)"
    r"|(?:the\s+(?:[a-z-]+\s+){0,2}?)?(?:cent(?:er|re)|heart|downtown)\s+of"
    r"|(?:the\s+)?(?:outskirts|edges?|fringes|vicinity|environs)\s+of"
    rf"|(?:in\s+)?the\s+{_DIRECTIONS}\s+of|(?:the\s+)?(?:left|right)\s+(?:side|bank)\s+of"
    r"|near|outside|close\s+to|around|in"
    r")\s+(?:the\s+(?:city|town|village|district)\s+of\s+)?$"
)
# Cheap test on the last word before a place: can a relation ("west of", "eastern") end here?
_RELATION_TAIL = re.compile(r"(?i)(?:\bof|ern|\bcentral|\bnear|\boutside|\bto|\baround|\bin|\bnorth|\bsouth|\beast|\bwest)\s+$")
_AREA_HEAD = re.compile(
    rf"(?i)(?:\b(?:a|an|the|some|several|many|dozens\s+of|scores\s+of|a\s+number\s+of|{COUNT}|\d+|other|more)\s+)"
    rf"(?:[\w-]+\s+){{0,2}}?{_AREA_NOUN}(?:\s+(?:on|in|along|across)\s+the\s+[\w-]+)?(?:\s+(?:located|situated|lying))?\s*(?:,\s*)?$"
)
_OUTSKIRTS = re.compile(r"(?i)(?:the\s+)?(?:outskirts|edges?|fringes)\b")
_WEAK_RELATION = re.compile(r"(?i)^(?:near|outside|close\s+to|around|in)\b")
_PLACE_NOUN = r"(?:village|town|city|district|neighbou?rhood|area|region|province|governorate|sub-?district|subdistrict|quarter|suburb|camp|base|air\s*base|airport|military|industrial|mosque|bridge|dam|compound|plain|valley|mountain|river|oil\s+field|field)"
# What may lie between a place and a bigger place that only says where it is:
# "Asyla village west of Mosul", "Qayyarah, 60 km south of Mosul", "Ghazlani camp on the edge of Mosul".
_QUALIFIER_GAP = re.compile(
    rf"(?i)^(?:\s+{_PLACE_NOUN}){{0,2}}(?:\s*,\s*|\s+)(?:(?:in|of|near|outside|inside|on|at|just|about|some|around|the|to|"
    rf"{COUNT}\s*(?:-|\s)?{UNIT}|\(\s*[^)]{{0,20}}\)|{_DIRECTIONS}(?:ern)?|central|edges?|outskirts|side|bank|part|end|heart|cent(?:er|re)|"
    rf"province|city|town|district|governorate|region)\s+)+$"
)
_LIST_GAP = re.compile(
    r"(?i)^(?:,[^,;.]{1,40}(?=,))?\s*(?:,\s*(?:and\s+|as\s+well\s+as\s+|including\s+)?|\s+and\s+|\s+as\s+well\s+as\s+|\s+including\s+|\s*&\s*|\s+or\s+)"
    r"(?:(?:on|toward|towards|to|into|in)\s+)?"
    r"(?:the\s+(?:[a-z-]+\s+){0,2}?)?(?:(?:villages?|towns?|districts?|neighbou?rhoods?|areas?|city)\s+of\s+)?$"
)
# "the town", "the besieged city", "the riverside enclave"; not "the next town" nor "the old city"
_COREFERENCE = re.compile(
    r"(?i)\b(?:the|this|that)\s+"
    r"(?:(?!(?:old|new|capital|provincial|next|nearby|neighbou?ring|other|adjacent|surrounding|city|town|village|district|area|mountain)\b)"
    r"(?-i:[A-Za-z][a-z]+(?:['\u2019-][a-z]+)*)\s+){0,2}?(?P<noun>city|town|village|district|neighbou?rhood|provincial\s+capital|enclave|"
    r"camp|base|air\s*base|airport|airfield|mosque|university|bridge|dam|compound|complex|cent(?:re|er)|area|pocket|mountain)\b"
    r"(?P<centre>\s+cent(?:re|er)\b)?(?!\s+(?:of|limits|council|hall|walls|grounds\s+of|'s))"
)
# "both towns", "the two cities": the last two places of that kind named before.
_PAIR_COREFERENCE = re.compile(
    r"(?i)\b(?:both|the\s+two)\s+(?P<noun>towns|cities|villages)\b(?!\s+of\b)|^\W*(?P<noun_bare>Both)(?=\s+(?:are|were|remain\w*|have|had)\b)")
# "those towns", "these villages", "the three towns": the places of that kind named together last.
_LIST_COREFERENCE = re.compile(r"(?i)\b(?:those|these|the\s+(?:three|four|five|six|seven|eight|nine|ten|\d+))\s+(?P<noun>towns|cities|villages|areas|districts|neighbou?rhoods)\b(?!\s+of\b)")
_PLURAL_NOUNS = ("towns", "cities", "villages", "areas", "districts", "neighbourhoods", "neighborhoods", "both")
# Kinds a noun can refer back to, the best fit first.
_COREF_KINDS = {
    "city": ("city", "town"), "capital": ("city", "town"), "town": ("town", "city", "village"),
    "village": ("village", "town"), "district": ("neighbourhood", "town", "city"), "neighborhood": ("neighbourhood",),
    "neighbourhood": ("neighbourhood",), "enclave": ("town", "city", "village", "neighbourhood", "region"),
    "centre": ("city", "town"), "center": ("city", "town"),
    "area": ("town", "village", "neighbourhood", "city", "region"), "pocket": ("town", "region", "village", "neighbourhood", "city"),
}
_LANDMARK_KINDS = ("landmark",)
_POSSESSIVE = re.compile(r"['\u2019]s?\b")
# "Raqqa's old city", "Mosul's eastern districts": a part of the place, not another thing it owns.
_POSSESSIVE_AREA = re.compile(
    rf"(?i)['\u2019]s\s+(?P<part>old\s+(?:city|town)|(?:{_DIRECTIONS}ern|central)\s+(?:districts?|neighbou?rhoods?|parts?|side|outskirts|suburbs?|quarters?|sectors?|bank)|"
    r"outskirts|suburbs|(?:city\s+)?cent(?:er|re)|downtown|old\s+quarter|air\s*port|air\s*base|airfield|"
    r"(?:main\s+|central\s+|largest\s+)?(?:hospital|square|market|prison|refinery|citadel|castle|stadium|"
    r"government\s+(?:complex|building|headquarters)))\b"
)
# Facilities named by their town ("Afrin's main hospital"): the claim is about the town itself.
# "Fallujah's liberation": the possessive names the place the event happened to
_BACK_TO = re.compile(r"(?i)\s*back\s+to\s+(?:the\s+)?")
# "freed Zumar and a dozen surrounding villages from IS": the side after "from" lost them all
_FROM_LOSER = re.compile(
    r"(?i)(?:\s+and\s+(?:(?:a\s+dozen|dozens\s+of|several|some|the|its|their|\d+|nearby|surrounding|"
    r"neighbou?ring|adjacent|other)\s+){1,3}(?:villages|towns|areas|hills|farms|positions|districts|"
    r"neighbou?rhoods|surroundings|outskirts|countryside|environs)\b(?:\s*\([^()]{1,30}\))?)?"
    r"\s*from\s+(?:the\s+)?"
)
_OWNED_EVENT = re.compile(r"(?i)['\u2019]s\s+(?:final\s+|full\s+|complete\s+)?(?:liberation|recapture|capture|seizure|retaking|fall)\b(?!\s+of\b)")
_FACILITY = re.compile(r"(?i)hospital|square|market|prison|refinery|citadel|castle|stadium|government")
# "MOSUL, Iraq (AP) --", "LATAKIA COUNTRYSIDE --": where the story was filed, not a place it makes a claim about.
_DATELINE = re.compile(r"(?:\s+(?-i:[A-Z]{2,}))*(?:\s*,\s*[\w .'-]{1,30}?)?\s*(?:\([^)]{1,40}\))?\s*(?:--|[-\u2014\u2013:])\s")

_MODIFIER_AFTER = re.compile(r"(?i)-(?:held|controlled|occupied|linked|affiliated|run|allied|backed|inspired|loyal)\b")
_ALLY_BEFORE = re.compile(r"(?i)\b(?:backed|supported|aided|assisted|helped)\s+by\s+(?:the\s+)?$")
_AGENT = re.compile(r"\bby\b")
# "cleared by midday": a time, not an agent
_BY_TIME = re.compile(r"(?i)\s*by\s+(?:the\s+)?(?:nightfall|midday|noon|dawn|dusk|evening|morning|afternoon|sunset|end\s+of|then|now|early|late|mid)")
# "was retaken on Monday by X", "seized in June 2014 by X": a time phrase may sit before the agent
_TIMED_AGENT = re.compile(r"(?i)\s+(?:(?:on|in|at|early|late|last|this|overnight|during|within)\b[^,;.()]{0,25}?\s+)?by\b")
_PAST = re.compile(r"(?i)(?:ed|took|fell|broke|broken|swept|overran|overrun|won|fled|withdrew|lost|struck|hit|drove|driven|taken|retaken|seized|held)\b")
# "carried out dozens of strikes on", "launched an assault on": the noun's verb is a simple past
_PAST_LIGHT_VERB = re.compile(r"(?i)\b(?:carried\s+out|launched|conducted|staged|mounted|waged)\s+(?:[\w-]+\s+){0,3}$")
_REPORTED_PAST = re.compile(r"(?i)\b(?:was|were)\s+(?:said|reported|believed|thought)\s+to\s+have\s+$")
_PRESENT = re.compile(r"(?i)^(?:is|are|am|has|have|holds?|controls?|still)$")
_PERFECT_BEFORE = re.compile(r"(?i)\b(?:has|have|is|are|now|still)\s+(?:\w+\s+)?$")
_APPOSITION = re.compile(r"(?i)^an?\s")  # "al-Shura, a town north of Qayyarah"
_SUBORDINATE = re.compile(r"(?i)\b(?:after|before|since|following|having|which|who|whom|where)\b")
_MODAL_WORD = re.compile(r"(?i)\b(?:would|will|could|might|(?-i:may)|shall|plans?|planned|expect(?:s|ed)?)\b")
_PREPOSITIONS = r"from|against|on|with|at|to|into|toward|towards|than|over|for"
_PREPOSITION_BEFORE = re.compile(rf"(?i)\b(?:{_PREPOSITIONS})\s+(?:the\s+)?$")
_OWN_FORCES = re.compile(r"(?i)\b(?:(?:his|her|its|their|our)\s+(?:own\s+)?(?:forces|troops|fighters|men|units|soldiers)|we)\b")
_QUOTE = re.compile(r"[\"\u201c\u201d]")
_OPENS_QUOTE = re.compile(r"\s*[\"\u201c]")
_FOUGHT = (
    r"\b(?:neutrali[sz]ed|killed|kill|killing|eliminated|eliminating|battled|battling|fought|fighting|defeated|routed|"
    r"engaged|pursued|pursuing|ambushed|repelled|repulsed|confronted|confronting|clashed\s+with|clashing\s+with)\s+"
    r"(?:the\s+)?(?:(?:remaining|last|dozens\s+of|scores\s+of|hundreds\s+of|\d+|several|many)\s+)?$")
_FOUGHT_BEFORE = re.compile("(?i)" + _FOUGHT)
# what stands before an actor that is acted on rather than acting
_OBJECT_BEFORE = re.compile(rf"(?i)\b(?:{_PREPOSITIONS}|of|by)\s+(?:the\s+)?$|" + _FOUGHT)
_MOVED_DISTANCE = re.compile(r"(?i)\b(?:advanc|mov|push|withdr|retreat|pull|drove|driven)\w*\s+(?:back\s+)?(?:about\s+|some\s+|nearly\s+|almost\s+|around\s+)?$")
_DETERMINER_GAP = re.compile(r"(?i)\s*(?:the\s+)?")
_ACTOR_AS_MODIFIER = re.compile(r"(?i)\s+(?:positions?|targets?|hideouts?|bases?|fighters?|militants?|strongholds?|lines?|defences|defenses)\b")
_RELATIVE = re.compile(r"(?i)^(?:\s+[\w-]+){0,3}?\s*,?\s*(?:which|that|where|whom)\s+[^,;.]{0,50}$")
# "Suleiman Bek, a largely Sunni town 15 km to the north that the militants seized": the
# appositive's noun is the place again
_APPOSITIVE_RELATIVE = re.compile(rf"(?i)^\s*,\s*(?:an?|the)\s+[^,;.]{{0,60}}?\b{_PLACE_NOUN}\b[^,;.]{{0,30}}?\s+(?:which|that)\s+[^,;.]{{0,50}}$")
# "in the northern countryside of Hama": a place that only says where the one before it lies
_LOCATION_OF = re.compile(r"(?i)\b(?:countryside|province|governorate|desert|region)\s+of\s+$")
_LOSER = re.compile(r"\b(?:of|from)\b")
# "ISIS positions", "ISIS targets": the actor names a thing that is hit, it does not act.
_NAMES_A_THING = re.compile(r"(?i)\s+(?:positions?|targets?|hideouts?|bases?|strongholds?|lines|defen[cs]es|headquarters|buildings?|offices?|complex|compound|institutions)\b")
_CONJUNCTION = re.compile(r"(?i),?\s+(?:and|together\s+with|alongside|along\s+with)\s+(?:their\s+|its\s+|the\s+|allied\s+)?(?:[\w'-]+\s+){0,2}?")
_APPOSITIVE_HEAD = re.compile(r"(?i),\s+(?:the|its|their|a|an)\s+(?:[\w'-]+\s+){0,4}$")
_IT = re.compile(r"(?i)\s*it\b")
# "it" and "there" standing for a place: not a subject ("it said", "there were"), not "it is"
_PLACE_PRONOUN = re.compile(
    r"(?i)(?<![\w'\u2019])(?:it|there)\b(?!['\u2019]|\s+(?:is|are|was|were|has|have|had|will|would|may|might|could|should|can|"
    r"said|says|added|claimed|remains?|remained|seems?|appears?|also|still|now|then|and|as|to)\b)")
_SETTLEMENT_KINDS = ("city", "town", "village", "neighbourhood", "landmark")
# "infiltrated from Turkey and insisted that Kessab remained": a new statement, not the object
_SPEECH_VERB = re.compile(r"(?i)\b(?:said|says|insisted|insists|added|claimed|claims|denied|stated|announced|reported)\b")
_SAID = re.compile(r"(?i)\b(?:said|says|added)\b")
# "It lost ...", "By Tuesday they had reached ...": a pronoun opening the sentence's clause
_PRONOUN_SUBJECT = re.compile(
    r"(?i)^\W*(?:(?:on|by|in|at|late|early|later|then|and|but|since)\b[^,;]{0,30}?,?\s+)?(?:it|they)\s+"
    r"(?:had\s+|have\s+|has\s+|were\s+|was\s+|are\s+|is\s+)?(?:\w+ly\s+|also\s+|then\s+|now\s+)?$")
_CLAUSE_PRONOUN = re.compile(r"(?i)\b(?:when|after|as|because|while|before|until|once|and|but|then|which|that)\s+(?:it|they)\s+(?:had\s+|have\s+|has\s+|was\s+|were\s+)?(?:\w+ly\s+)?$")
# "Sinjar, which they seized", "the base, where": the relative clause's object is the place before
_RELATIVE_PRONOUN_GAP = re.compile(r"(?i)^(?:\s*,\s*(?:near|close\s+to|about|some|on|in|north|south|east|west|an?|the)\b[^,;.]{0,40})?\s*,?\s*(?:where\b|(?:which|that)\s+(?:it|they)\s+(?:had\s+|have\s+|has\s+)?(?:\w+ly\s+)?$)")
_RELATIVE_PRONOUN_BEFORE = re.compile(r"(?i)\b(?:which|that)\s+(?:(?:it|they)\s+)?$")
_GERUND_CLAUSE = re.compile(r"(?i)\b(?:after|before|while|since|by|upon|on)\s+\w+ing\b")
_PAST_PERFECT_BEFORE = re.compile(r"(?i)\bhad\s+(?:been\s+)?(?:\w+\s+)?$")
_ACCUSES = re.compile(r"(?i)\baccus\w+\s+(?:[\w'-]+\s+){1,4}?of\b")
_FLED_AFTER = re.compile(r"(?i)\s+(?:\w+ly\s+)?(?:fled|withdrew|retreated|pulled\s+out|surrendered|were\s+driven|abandoned|ran\s+(?:away|off|towards?))\b")
# a side's flight with no place of its own: "Assad's forces and allied militias fled toward Homs"
_FLIGHT = re.compile(
    r"(?i)(?:\s+and\s+(?:its\s+|their\s+)?(?:allied\s+)?[\w-]+)?\s+(?:had\s+|have\s+|has\s+)?(?:\w+ly\s+)?"
    r"(?:fled|withdrew|retreated|pulled\s+(?:out|back)|collapsed|abandoned\s+(?:their|its)\s+(?:positions|posts|bases))\b"
    r"(?!\s+(?:from|out\s+of)\b)")
_BUT = re.compile(r"(?i)\bbut\b|;")
_ROUTE = re.compile(r"(?i)\b(?:road|highway|motorway|route|supply\s+lines?|corridor)\s+(?:\w+\s+)?(?:linking|connecting|between|from|to)\b")
_ROUTE_AFTER = re.compile(r"(?i)(?:[\s-]+[\w'-]+){0,3}?[\s-]+(?:road|highway|motorway)\b")
_AGENT_GAP = re.compile(r"(?i)\s+(?:(?:on|in|at|early|late|last|this|overnight|during)\b[^,;.()]{0,25}?\s+)?by\s+(?:the\s+)?")
_LOSER_THEN_AGENT = re.compile(
    r"(?i)\s+(?:from|of)\s+(?P<loser>[^,;.()]{2,40}?)\s+(?:(?:on|in|at|early|late|last|this|overnight|during)\b[^,;.()]{0,25}?\s+)?by\b")
_IN_GAP = re.compile(r"(?i)\s+(?:in|inside|at|from)\s+(?:the\s+)?")
_PASSIVE_START = re.compile(r"(?i)(?:was|were|is|are|been|being|be|get|got)\b")
# "dozens were captured", "two fighters were taken": people taken prisoner, not a place taken
_PEOPLE_SUBJECT = re.compile(r"(?i)\b(?:dozens|hundreds|scores|thousands|\d+|others|soldiers|fighters|militants|civilians|men|members|officers|prisoners)\s+$")
# "air strikes, officials in Baghdad said": after a comma a new noun phrase owns the place
_NEW_PHRASE = re.compile(r"(?i),\s+(?!(?:the|a|an|and|on|in|at|as|after|including|then|also|now)\b)[a-z][\w-]*\s+(?:in|of|from)\s+$")
# "the recapture of X by Y", "the liberation of X was announced by Y": Y is the winner
_NOMINAL_AGENT = re.compile(
    r"(?i)\s*(?:(?:was|were|has\s+been|had\s+been|is)\s+(?:\w+ly\s+)?(?:announced|declared|confirmed|completed|proclaimed)"
    r"(?:\s+(?:on|late|early|in|last)\s+\w+)?\s+)?(?:by|to)\s+(?:the\s+)?$")
# a force named by no side word: "the heroic forces", "units advancing from the canton"
_GENERIC_FORCE = re.compile(r"(?i)\b(?:the\s+|our\s+|these\s+|those\s+)?(?:(?!says\b|said\b|say\b)[a-z]+\s+)?(?:forces|fighters|units|columns)\b")
_CLOSED_RELATIVE = re.compile(r"[^,;.]{0,40}?,\s*(?:which|who|where|whose)\b[^,;.]{0,80},\s*")
_OWNS_TRIGGER = re.compile(r"['\u2019]s?\s+(?:[\w-]+\s+)?")
_NAMED_MODIFIER = re.compile(r"\s(?-i:[A-Z])")
# "retook Tikrit in the spring of 2015 and Baiji that October": a list with a date in between
_TIMED_LIST_GAP = re.compile(r"(?i)\s+(?:in|on|during|by|at|late|early)\s+[^,;.]{1,30}?\s+and\s+(?:(?:the\s+)?(?:[\w-]+\s+)?(?:town|city|village)\s+of\s+)?")
_SIEGE_OVER = re.compile(r"(?i)\s+(?:is|was|has\s+been|had\s+been)\s+(?:\w+ly\s+|now\s+|finally\s+)?(?:broken|lifted|over|ended|broke)\b")
_APPOSITION_GAP = re.compile(r"(?i)\s*,\s*(?:(?:about|some|around|roughly|nearly|just|only)\s+)?")
# "80 km south of Kirkuk on the road to Baghdad": the road's end only says where the place is
_ROAD_TO = re.compile(r"(?i)\b(?:road|highway|motorway|route|way)\s+(?:to|from|towards?)\s+(?:the\s+)?$")
# "Tikrit, which lies between the two cities, is still held": the aside's places are not the subject
_ASIDE_BEFORE = re.compile(r"(?i),\s*(?:which|who|where)\b[^,;.]{1,80},\s*(?:\w+\s+){0,3}$")
_ASIDE = re.compile(
    r"(?i),\s+(?:in|with|under|backed|supported|led|aided|assisted|accompanied|helped|escorted|according|including|along|alongside)\b"
    r"[^,;.\"\u201c\u201d]{3,90},")
_THIS_TOWN = re.compile(r"\b[Tt]his\s+(?:[a-z]+\s+){0,2}?(?:(?-i:[A-Z])[a-z]+,?\s+(?:and\s+)?){0,4}(?:town|city|village)\b")
_DATE_GAP = re.compile(r"(?i)[\s,]*(?:(?:in|on|at|by|during)\s+)?")
_BARE_FALL = re.compile(r"(?i)(?:fell|fallen)$")  # "the town fell on Sunday": no winner named after
_SUBJECT_WINDOW = 80  # chars a place may sit before a passive trigger
_OBJECT_WINDOW = 45  # chars an object may sit after an active verb


@dataclass
class Target:
    """Something a claim can be about: a named place, an area relative to one, or "the city"
    standing for a place named earlier. Offsets are into the sentence."""

    start: int
    end: int
    place_text: str
    mention: Mention
    relation: str = ""
    coreferent: bool = False
    pronoun: bool = False  # "it" or "there"


@dataclass
class _Context:
    """What earlier sentences leave behind for later ones."""

    recent: list[Mention]
    named: dict[str, int] = field(default_factory=dict)  # how often the story named each place, claims counting again
    last_actor: ActorMatch | None = None
    last_subject: ActorMatch | None = None  # who "they" in the next sentence most likely are
    story_date: EventDate | None = None
    losing_sides: frozenset[str] = frozenset()  # sides the last sentence says lost a place
    looking_back: bool = False  # an anniversary piece: its month's bare dates are last year's
    last_day: EventDate | None = None  # the last day a sentence named, for "the next day" or "the same day"


def extract_claims(
    body: str,
    sentences: list[tuple[int, int]],
    mentions: list[Mention],
    published: datetime | None,
    lexicon: ActorLexicon | None = None,
    theatre: str = "",
) -> list[Claim]:
    """Claims in `body` in sentence order; `mentions` are the article's resolved toponyms."""
    lexicon = lexicon or load_actor_lexicon()
    starts = [s for s, _ in sentences]
    by_sentence: dict[int, list[Mention]] = {}
    for mention in sorted(mentions, key=lambda m: m.start):
        index = bisect.bisect_right(starts, mention.start) - 1
        if index >= 0 and mention.end <= sentences[index][1]:
            by_sentence.setdefault(index, []).append(mention)
    actors_by_sentence: dict[int, list[ActorMatch]] = {}
    for actor in lexicon.find(body, theatre):
        index = bisect.bisect_right(starts, actor.start) - 1
        if index >= 0:
            actors_by_sentence.setdefault(index, []).append(actor)

    claims: list[Claim] = []
    context = _Context(recent=[], looking_back=looks_back_a_year(body, published))
    for index, (start, end) in enumerate(sentences):
        text = body[start:end]
        actors = [_shift(a, -start) for a in actors_by_sentence.get(index, [])]
        sentence_mentions = by_sentence.get(index, [])
        targets = _targets(text, start, sentence_mentions, context.recent, context.named)
        triggers = find_triggers(text) if targets else []
        triggers = [t for t in triggers if not any(tg.start <= t.start < tg.end for tg in targets)]
        if triggers:
            previous = body[sentences[index - 1][0]:sentences[index - 1][1]] if index else ""
            neighbours = [_shift(a, -start) for i in (index - 1, index + 1) for a in actors_by_sentence.get(i, [])]
            found = _sentence_claims(
                text, start, targets, triggers, actors, previous, published, lexicon, theatre,
                context, neighbours,
            )
            claims.extend(found)
            # a place the story makes claims about is its subject more than one named in passing
            _count(context.named, {_place_key(c.mention) for c in found if c.mention is not None})
        named = [m for m in sentence_mentions if not _is_possessive(body, m.end)
                 and not _is_dateline(text, m.start - start, m.end - start)]
        _count(context.named, map(_place_key, named))
        context.recent = (context.recent + named)[-12:]
        forces = [a for a in actors if a.kind == "force" and (not triggers or a.side not in context.losing_sides)
                  and not _FLED_AFTER.match(text, a.end)]
        if forces:
            acting = [a for a in forces if not _OBJECT_BEFORE.search(text, max(0, a.start - 30), a.start)]
            context.last_actor = acting[-1] if acting else forces[-1]
            context.last_subject = acting[0] if acting else None
    return claims


def _shift(actor: ActorMatch, by: int) -> ActorMatch:
    return ActorMatch(actor.start + by, actor.end + by, actor.text, actor.side, actor.kind)


def _in_span(actor: ActorMatch, span: tuple[int, int] | None) -> bool:
    return span is not None and span[0] <= actor.start < span[1]


def _is_dateline(text: str, start: int, end: int) -> bool:
    return not text[:start].strip() and bool(_DATELINE.match(text, end))


def _is_possessive(text: str, end: int) -> bool:
    return bool(_POSSESSIVE.match(text, end, end + 2))


# --- targets ----------------------------------------------------------------------------
def _targets(text: str, offset: int, mentions: list[Mention], recent: list[Mention], named: dict[str, int] | None = None) -> list[Target]:
    """Places a sentence names or refers to; "the town" is weighed by how often the whole story
    (`named`) names each candidate, so a live blog's subject beats a province named last."""
    targets: list[Target] = []
    for mention in mentions:
        start, end = mention.start - offset, mention.end - offset
        if _is_country(mention) or _is_dateline(text, start, end):
            continue
        if _is_possessive(text, end):
            part = _POSSESSIVE_AREA.match(text, end)
            if part:
                relation = _possessive_relation(part.group("part"))
                targets.append(Target(start, part.end(), text[start:part.end()], mention, relation))
            elif _OWNED_EVENT.match(text, end):
                targets.append(_vague_or_named(text, start, end, mention, targets[-1].end if targets else 0))
            continue
        if targets and not targets[-1].coreferent and _qualifies(mention, text[targets[-1].end:start]):
            continue  # "Asyla village west of Mosul": Mosul only says where Asyla is
        targets.append(_vague_or_named(text, start, end, mention, targets[-1].end if targets else 0))
    for match in _COREFERENCE.finditer(text):
        if any(t.start < match.end() and match.start() < t.end for t in targets):
            continue
        if _NAMED_MODIFIER.search(match.group()) and match.group("noun").lower() not in ("town", "city", "village"):
            continue  # "the Cemetery area" is a name; "this Tigris town", "the Turkmen town" refer back
        earlier = [m for m in mentions if m.start - offset < match.start() and not _is_possessive(text, m.end - offset)
                   and not _is_dateline(text, m.start - offset, m.end - offset)]
        part = _POSSESSIVE_AREA.match(text, match.end()) if _is_possessive(text, match.end()) else None
        if _is_possessive(text, match.end()) and part is None:
            continue  # "the city's governor": not the city itself
        if any(not t.coreferent and (not t.relation or _WEAK_RELATION.match(t.relation)) and re.fullmatch(r"\s*,\s*", text[match.end():t.start]) for t in targets):
            continue  # "captured the provincial capital, Idlib": the name that follows says which
        described = [t for t in targets if not t.coreferent and re.fullmatch(r"\s*,\s*", text[t.end:match.start()])]
        if described:
            # "al-Qaim, the border town on the Euphrates, was retaken": the place it describes
            referent = described[0].mention
        else:
            earlier = [m for m in earlier if not _on_route(text, m.start - offset, m.end - offset)]
            latest = match.group().lower().startswith("that")  # "That town": the one just named
            story = dict(named) if named is not None else _count({}, map(_place_key, recent))
            referent = (_referent(match.group("noun"), earlier, _count(dict(story), map(_place_key, earlier)), latest)
                        or _referent(match.group("noun"), recent, story, latest))
        if referent is None:
            continue
        if part is not None:
            # "the city's eastern districts": a part of the place named before
            targets.append(Target(match.start(), part.end(), referent.text + text[match.end():part.end()], referent,
                                  _possessive_relation(part.group("part")), True))
        elif match.group("centre") or match.group("noun").lower().startswith("cent"):
            targets.append(Target(match.start(), match.end(), match.group(), referent, "center of", True))
        else:
            target = _vague_or_named(text, match.start(), match.end(), referent, 0, coreferent=True)
            if not (target.relation and any(_APPOSITION_GAP.fullmatch(text, t.end, target.start) for t in targets)):
                targets.append(target)  # "Solagh and Kulat, east of the town": it only says where they are
    home = next((m for m in mentions if _is_dateline(text, m.start - offset, m.end - offset)), None)
    here = _THIS_TOWN.search(text) if home is not None else None
    if here and not any(t.start < here.end() and here.start() < t.end for t in targets):
        # "TUZ KHURMATU, Iraq - forces took control of this mixed Kurdish, Turkmen and Arab town":
        # the town the story is filed from
        targets.append(Target(here.start(), here.end(), home.text, home, "", True))
    lowered = text.lower()
    if any(noun in lowered for noun in _PLURAL_NOUNS):  # a cheap test before two slow searches
        targets += _plural_targets(text, offset, mentions, recent)
    if "it" in lowered or "there" in lowered:
        targets += _pronoun_targets(text, recent, sorted(targets, key=lambda t: t.start))
    targets.sort(key=lambda t: t.start)
    # "the small town in Salahuddin province": the province only says where the town is
    # "The town, 80 km south of Kirkuk, was entered": the distance only says where the town is
    return [t for n, t in enumerate(targets) if not (
        n and targets[n - 1].coreferent and not t.coreferent and (
            _qualifies(t.mention, text[targets[n - 1].end:t.start])
            or t.relation and _APPOSITION_GAP.fullmatch(text, targets[n - 1].end, t.start)))]


def _plural_targets(text: str, offset: int, mentions: list[Mention], recent: list[Mention]) -> list[Target]:
    """"both towns": the last two named; "those villages": the last list of them."""
    targets: list[Target] = []
    for regex, pick in ((_PAIR_COREFERENCE, _pair), (_LIST_COREFERENCE, _last_list)):
        for match in regex.finditer(text):
            earlier = recent + [m for m in mentions if m.start - offset < match.start()]
            for referent in pick(match.group("noun") or "places", earlier):
                targets.append(Target(match.start(), match.end(), referent.text, referent, "", True))
    return targets


def _pronoun_targets(text: str, recent: list[Mention], taken: list[Target]) -> list[Target]:
    """"The militants overran it", "striking their gatherings there": the settlement named or
    referred to last (the targets `taken` earlier in the sentence count)."""
    targets: list[Target] = []
    for match in _PLACE_PRONOUN.finditer(text):
        if any(t.start <= match.start() < t.end for t in taken):
            continue
        earlier = recent + [t.mention for t in taken if t.end <= match.start()
                            and not _LOCATION_OF.search(text, max(0, t.start - 30), t.start)]
        referent = next((m for m in reversed(earlier) if m.place is not None and m.place.kind in _SETTLEMENT_KINDS), None)
        if referent is not None:
            targets.append(Target(match.start(), match.end(), referent.text, referent, "", True, True))
    return targets


def _pair(noun: str, candidates: list[Mention]) -> list[Mention]:
    """The last two distinct towns or cities named (any places below a region for a bare
    "Both are still held"), or none when fewer were."""
    kinds = ("town", "city", "village") if noun != "places" else ("town", "city", "village", "neighbourhood", "landmark")
    pair: list[Mention] = []
    for mention in reversed(candidates):
        place = mention.place
        if place is not None and place.kind in kinds and all(_place_key(m) != _place_key(mention) for m in pair):
            pair.insert(0, mention)
            if len(pair) == 2:
                return pair
    return []


_LIST_SEPARATOR = 7  # at most ", and " between two items of one list


def _on_route(text: str, start: int, end: int) -> bool:
    """"the road linking Raqqa with Mosul", "the Palmyra-Deir Ezzor road": a road's ends, not
    a place the sentence goes on to call "the town"."""
    return bool(_ROUTE_AFTER.match(text, end) or _ROUTE.search(text, max(0, start - 60), start))


def _last_list(noun: str, candidates: list[Mention]) -> list[Mention]:
    """The last list of places of the noun's kind ("Latamenah, Kafr Zita and Morek"); a place
    the gazetteer lacks may be one of them."""
    kinds = _COREF_KINDS.get(noun.lower().rstrip("s").replace("citie", "city"), _COREF_KINDS["town"])
    fitting = [m for m in sorted(candidates, key=lambda m: m.start) if m.place is None or m.place.kind in kinds]
    if len(fitting) < 2:
        return []
    chosen = [fitting[-1]]
    for mention in reversed(fitting[:-1]):
        if mention.sentence != chosen[0].sentence or chosen[0].start - mention.end > _LIST_SEPARATOR:
            break
        if all(_place_key(m) != _place_key(mention) for m in chosen):
            chosen.insert(0, mention)
    return chosen if len(chosen) > 1 else []


def _possessive_relation(part: str) -> str:
    """"old city" -> "center of", "eastern districts" -> "eastern districts", "airport" -> "near"."""
    lowered = part.lower()
    if _FACILITY.search(lowered):
        return ""
    if any(word in lowered for word in ("old", "cent", "down")):
        return "center of"
    if any(word in lowered for word in ("air", "outskirts", "suburbs")):
        return "near"
    return part


def _qualifies(mention: Mention, gap: str) -> bool:
    """Does `mention`, after `gap`, only say where the place before it is? A comma alone joins
    list items ("A, B and C") unless what follows is a bigger unit ("Qaraqosh, Nineveh")."""
    if _QUALIFIER_GAP.match(gap) and not _LIST_GAP.match(gap):
        return True
    place = mention.place
    return re.fullmatch(r"\s*,\s*", gap) is not None and place is not None and place.kind in ("country", "region")


def _is_country(mention: Mention) -> bool:
    place = mention.place
    return place is not None and place.kind == "country"


def _vague_or_named(text: str, start: int, end: int, mention: Mention, floor: int, coreferent: bool = False) -> Target:
    window_start = max(floor, start - 70)
    relation = _RELATION_TAIL.search(text, max(window_start, start - 12), start) and _RELATION_BEFORE.search(text, window_start, start)
    if relation:
        head = _AREA_HEAD.search(text, max(floor, relation.start() - 60), relation.start())
        weak = _WEAK_RELATION.match(relation.group("relation"))
        if head and not weak and "," in head.group() and _COREFERENCE.match(text, head.start()):
            head = None  # "The town, 80 km south of Kirkuk,": a place referred to, then where it is
        if head or not weak:
            phrase_start = head.start() if head else relation.start()
            relation_text = relation.group("relation").strip()
            return Target(phrase_start, end, text[phrase_start:end], mention, relation_text, coreferent)
    named = text[start:end] if not coreferent else mention.text
    return Target(start, end, named, mention, "", coreferent)


def _count(counts: dict[str, int], keys: Iterable[str]) -> dict[str, int]:
    """Adds one naming per key (in place) and returns `counts`."""
    for key in keys:
        counts[key] = counts.get(key, 0) + 1
    return counts


def _referent(noun: str, candidates: list[Mention], counts: dict[str, int], latest: bool = False) -> Mention | None:
    """The place "the town" stands for: among `candidates` of a fitting kind, the most often
    named by the story (`counts`: its subject, not a capital named in passing), a village or
    neighbourhood for "the village" or "the neighbourhood" counting as one more naming, then the
    best-fitting kind, then the latest. "That town" is the latest."""
    kinds = _COREF_KINDS.get(noun.split()[-1].lower(), _LANDMARK_KINDS)
    best, best_score = None, None
    for order, mention in enumerate(candidates):
        place = mention.place
        if place is None or place.kind not in kinds:
            continue
        exact = place.kind == kinds[0] and place.kind not in ("city", "town")  # the press mixes those two
        score = (order,) if latest else (counts.get(_place_key(mention), 0) + exact, -kinds.index(place.kind), order)
        if best_score is None or score > best_score:
            best, best_score = mention, score
    return best


# --- claims -----------------------------------------------------------------------------
def _sentence_claims(
    text: str, offset: int, targets: list[Target], triggers: list[Trigger], actors: list[ActorMatch],
    previous: str, published: datetime | None, lexicon: ActorLexicon, theatre: str,
    context: _Context, neighbours: list[ActorMatch],
) -> list[Claim]:
    claimant, claimant_span = find_claimant(text, previous)
    if claimant_span and any(claimant_span[0] <= t.start < claimant_span[1] for t in triggers):
        claimant, claimant_span = "", None  # "ISIS seized Mosul and declared ...": not a speaker
    if not claimant and _OPENS_QUOTE.match(text):
        # '"Daesh withdrew," said a commander. "We entered the village at dawn."': the same speaker
        claimant = find_claimant(previous)[0]
    dates = resolve_event_dates(text, published, context.looking_back, context.last_day)
    named_days = [d.date for d in dates if d.date.precision == "day" and not d.of_speech]
    context.last_day = named_days[-1] if named_days else context.last_day
    story_date = context.story_date
    context.story_date = story_date_from(dates, published) or story_date
    claimant_actors = [a for a in actors if _in_span(a, claimant_span)]
    claimant_actor = claimant_actors[0] if claimant_actors else _claimant_as_actor(claimant, lexicon, theatre)
    spoken = [a for a in actors if not _in_span(a, claimant_span)]
    modifiers = [a for a in spoken if _is_modifier(text, a)]
    free_actors = [a for a in spoken if a not in modifiers]
    # "liberated from Islamic State": the object of a preposition is not a subject
    # nor is the object of a verb of fighting: "neutralised YPG/PKK terrorists and took Rajo"
    objects = [a for a in free_actors if _PREPOSITION_BEFORE.search(text, max(0, a.start - 12), a.start)
               or _FOUGHT_BEFORE.search(text, max(0, a.start - 30), a.start)]
    claims: list[Claim] = []
    seen: set[tuple[str, str, str]] = set()
    undated: dict[tuple[str, str, str], int] = {}  # claims dated only by the sentence or story
    losing: set[str] = set()
    for number, trigger in enumerate(triggers):
        # a modifier inside the object ("encircled rebel-held Aleppo") does not end the clause
        limit = next((t.start for t in triggers[number + 1:] if t.shape not in ("compound", "positions")), len(text))
        floor = triggers[number - 1].end if number else 0
        for claim_type, places, actor, confidence in _read_trigger(
            text, trigger, targets, free_actors, objects, modifiers, floor, limit, claimant_actor, context, neighbours
        ):
            if actor is None or confidence <= 0:
                continue
            hedged = hedge(text, trigger, claim_type)
            if hedged is None:
                continue
            if hedged[0] == "lost" and places:
                losing.add(actor.side)
            elif hedged[0] == "advancing" and actor.side in losing:
                continue  # "left Manbij ... heading toward Jarabulus": a retreat, not an advance
            date = _event_date(text, triggers, number, dates, published, story_date, claim_type)
            own_date = _has_own_date(triggers, number, dates, len(text))
            for order, target in enumerate(places):
                claim_type, factor = hedged
                if claim_type == "entered" and _OUTSKIRTS.match(target.relation):
                    claim_type = "advancing"  # entering the outskirts is reaching the edge
                key = (_place_key(target.mention), actor.side, claim_type)
                if key in seen:
                    if own_date and key in undated:
                        # "clearing operations in Baiji, which the ISF recaptured on November 14":
                        # the clause that dates the deed dates the claim
                        index = undated.pop(key)
                        claims[index] = replace(claims[index], date=date)
                    continue
                seen.add(key)
                if not own_date and not order:
                    undated[key] = len(claims)
                claims.append(Claim(
                    place_text=target.place_text,
                    actor_text=actor.text,
                    side=actor.side,
                    claim_type=claim_type,
                    date=(order and _date_after(text, target, dates)) or date,
                    evidence=text,
                    evidence_start=offset,
                    evidence_end=offset + len(text),
                    confidence=round(confidence * factor * (0.9 if target.coreferent else 1.0), 2),
                    claimed_by=claimant,
                    mention=target.mention,
                    place=_claim_place(target),
                ))
    context.losing_sides = frozenset(losing)
    claims += _flights(text, claims, free_actors, seen)
    # "seized the last rebel-held district", "cleared X, still held by the militants": the
    # holding is the state before the capture
    captured = {(_place_key(c.mention), c.side) for c in claims if c.claim_type == "captured"}
    return [c for c in claims if not (c.claim_type == "holds" and any(
        key == _place_key(c.mention) and side != c.side for key, side in captured))]


def _flights(text: str, claims: list[Claim], actors: list[ActorMatch], seen: set[tuple[str, str, str]]) -> list[Claim]:
    """"ISIS took Palmyra after Assad's forces fled toward Homs", "Ramadi was captured after
    Iraqi troops abandoned their positions": a side that fled, named beside a capture of one
    place by another side, lost that place."""
    lost: list[Claim] = []
    for actor in actors:
        if not _FLIGHT.match(text, actor.end) or hedge_window_blocks(text, actor.start):
            continue
        for claim in claims:
            key = (_place_key(claim.mention), actor.side, "lost")
            if claim.claim_type == "captured" and claim.side != actor.side and key not in seen:
                seen.add(key)
                lost.append(replace(claim, actor_text=actor.text, side=actor.side, claim_type="lost",
                                    confidence=round(claim.confidence * 0.8, 2)))
    return lost


def _event_date(
    text: str, triggers: list[Trigger], number: int, dates: list[DateExpression],
    published: datetime | None, story_date: EventDate | None, claim_type: str,
) -> EventDate | None:
    """The date of one trigger: a date in its own clause; else one shared by the sentence,
    unless it sits in a later subordinate clause ("entered X after clearing villages over the
    past week"). "Held since 2014" is a state that still holds on the report day."""
    trigger = triggers[number]
    following = triggers[number + 1] if number + 1 < len(triggers) else None
    low = triggers[number - 1].end if number else 0
    high = following.start if following else len(text)
    # "would resume the advance on Tuesday": a date after a modal is not this event's;
    # "three years after the militants overran it" dates only the clause it opens
    dates = [d for d in dates if not (d.start > trigger.end and _MODAL_WORD.search(text, trigger.end, d.start))
             and (not d.leads or low <= d.start <= trigger.start)]
    own = [d for d in dates if low <= d.start < high]
    aside = _CLOSED_RELATIVE.match(text, trigger.end)
    if not own and aside:
        # "seized Rutba, which lies near the border, in June 2014": the date after the aside
        own = [d for d in dates if aside.end() <= d.start <= aside.end() + 4]
    clause = text  # what may make the sentence background: its clauses up to this trigger's
    if not own:
        subordinate = following is not None and _SUBORDINATE.search(text, trigger.end, following.start)
        own = [d for d in dates if not (subordinate and d.start >= following.start)]
        if subordinate:
            # "prepares to move on Fallujah, which has been held since 2014": the "since" is the relative clause's
            clause = text[:subordinate.start()]
    if claim_type == "holds" and not any(not d.of_speech for d in own):
        # "officers said on Thursday that they controlled the camp": the state as of that day
        spoken = [d.date for d in own if d.of_speech]
        if spoken:
            return spoken[-1]
    # only a simple past without its own date refers back to the day the story is about;
    # "are advancing", "still holds", "has lost" are true on the report day
    story = story_date if _is_simple_past(text, trigger) else None
    date = event_date_for(own, trigger.start, clause, published, story)
    if claim_type == "holds" and published is not None and any(d.since and d.date == date for d in own) \
            and not _PAST_PERFECT_BEFORE.search(text, max(0, trigger.start - 12), trigger.start):
        return event_date_for([], trigger.start, "", published, None)
    return date


def _has_own_date(triggers: list[Trigger], number: int, dates: list[DateExpression], end: int) -> bool:
    low = triggers[number - 1].end if number else 0
    high = triggers[number + 1].start if number + 1 < len(triggers) else end
    return any(low <= d.start < high for d in dates)


def _date_after(text: str, target: Target, dates: list[DateExpression]) -> EventDate | None:
    """"seized Mosul on June 10 and Tikrit the following day": a later item of a list dated
    by the words right after it."""
    return next((d.date for d in dates if target.end <= d.start <= target.end + 8
                 and _DATE_GAP.fullmatch(text, target.end, d.start)), None)


def _is_simple_past(text: str, trigger: Trigger) -> bool:
    words = trigger.match.group().split()
    before = text[max(0, trigger.start - 12):trigger.start]
    if _REPORTED_PAST.search(text, max(0, trigger.start - 30), trigger.start):
        return True  # "were said to have been cleared": a past event, reported
    if _PRESENT.search(" ".join(words[:1])) or _PERFECT_BEFORE.search(before):
        return False
    return bool(_PAST.search(trigger.match.group()) or _PAST_LIGHT_VERB.search(text, max(0, trigger.start - 45), trigger.start))


def _place_key(mention: Mention) -> str:
    return mention.place.ref if mention.place else mention.text.casefold()


def _claim_place(target: Target) -> Place | None:
    anchor = target.mention.place
    if anchor is None or not target.relation:
        return anchor
    return _area(anchor, target.relation)


@lru_cache(maxsize=4096)
def _area(anchor: Place, relation: str) -> Place:
    return area_place(anchor, relation)


def _claimant_as_actor(claimant: str, lexicon: ActorLexicon, theatre: str) -> ActorMatch | None:
    found = lexicon.find(claimant, theatre) if claimant else []
    return found[0] if found else None


def _is_modifier(text: str, actor: ActorMatch) -> bool:
    """"ISIS-held", "Daesh-linked", "backed by Hezbollah": the actor describes something else."""
    return bool(_MODIFIER_AFTER.match(text, actor.end) or _ALLY_BEFORE.search(text, max(0, actor.start - 25), actor.start))


def _read_trigger(
    text: str, trigger: Trigger, targets: list[Target], actors: list[ActorMatch], objects: list[ActorMatch],
    modifiers: list[ActorMatch], floor: int, limit: int, claimant_actor: ActorMatch | None,
    context: _Context, neighbours: list[ActorMatch],
) -> list[tuple[str, list[Target], ActorMatch | None, float]]:
    """(claim type, places, actor, confidence) readings of one trigger. `floor`/`limit` are the
    ends of the neighbouring triggers: the clause this one can reach."""
    shape, ctype = trigger.shape, trigger.claim_type
    # "the regime's largest base": an owner is not the subject of a later verb (but "the
    # group's capture of Sinjar" is its own deed, and what the regime owns it loses)
    before = [a for a in actors if a.end <= trigger.start and a not in objects and not _NAMES_A_THING.match(text, a.end)
              and not (shape == "active" and _is_possessive(text, a.end) and not _OWNS_TRIGGER.fullmatch(text, a.end, trigger.start))]
    before = _outside_asides(text, before, trigger.start)
    in_clause = [a for a in before if a.start >= floor]
    subject = _first_conjunct(text, in_clause or before)
    if subject is None and context.last_subject is not None and _PRONOUN_SUBJECT.match(text[floor:trigger.start]):
        subject = context.last_subject  # "It lost its Syrian capital": the subject of the sentence before
    elif _CLAUSE_PRONOUN.search(text, max(floor, trigger.start - 30), trigger.start) and (in_clause or subject is None):
        # "ISIS seized the airport when it overran Mosul": "it" is the main clause's subject
        main = [a for a in before if a.start < trigger.start - 30]
        subject = main[0] if main else context.last_actor
    if in_clause and _GERUND_CLAUSE.search(text, max(0, trigger.start - 12), trigger.end):
        subject = in_clause[0]  # "ISIS executed tribal fighters after taking the city": ISIS took it
    if subject is None and context.last_actor is not None:
        generic = _last_match(_GENERIC_FORCE, text, max(floor, trigger.start - 60), trigger.start)
        if generic and not _OBJECT_BEFORE.search(text, max(0, generic.start() - 30), generic.start()):
            # "the fighters freed the town", "the units reached the airport": the force named last
            subject = ActorMatch(generic.start(), generic.end(), generic.group(), context.last_actor.side, "force")
    own = _OWN_FORCES.search(text, max(floor, trigger.start - 60), trigger.start)
    # a speaker the lexicon does not know ("a tribal fighter") fights with the side named last
    speaker = claimant_actor or (context.last_actor if own and _QUOTE.search(text) else None)
    if own and speaker is not None and (subject is None or subject.end < own.start()
                                        or own.start() <= subject.start < own.end()):
        # "his forces withdrew", "'our forces liberated it,' the SDF said": the speaker's own side
        subject = ActorMatch(own.start(), own.end(), own.group().strip(), speaker.side, "force")
    accusation = _ACCUSES.search(text, max(0, trigger.start - 80), trigger.start)
    if accusation and _SAID.search(text, accusation.end(), trigger.start):
        accusation = None  # "accused X of ... and said Kurdish forces had destroyed": a new statement
    if accusation:
        # "the council accused Baghdad of launching an attack": the accused acts, not the accuser
        accused = [a for a in actors if accusation.start() < a.start < accusation.end()]
        subject = accused[0] if accused else None
    if shape == "repelled":
        return [("holds", _places_before(text, targets, trigger.start, floor), subject or claimant_actor, 0.6)]
    if shape == "siege_broken":
        places = _places_after(text, targets, trigger.end, limit)
        readings = [("advancing", places, subject or claimant_actor, 0.7)]
        if trigger.match.groupdict().get("siege_by"):
            by_start, by_end = trigger.match.span("siege_by")
            besiegers = [a for a in actors if by_start <= a.start < by_end]
            readings += [("besieged", places, besiegers[0], 0.7)] if besiegers else []
        return readings
    if shape == "defended":
        places = _places_after(text, targets, trigger.end, limit)
        # the attacker sits before "attack" ("repelled an ISIS attack on") or after "by"
        spans = [trigger.match.span(group) for group in ("mid", "by") if trigger.match.group(group)]
        attackers = [a for a in actors if any(start <= a.start < end for start, end in spans)]
        defender = subject or claimant_actor
        readings = [("holds", places, defender, 0.6)]
        if attackers:
            readings.append(("attacked", places, attackers[0], 0.75))
        return readings
    if shape == "declared":
        inside = [t for t in targets if trigger.match.start("declared") <= t.start < trigger.match.end("declared")]
        return [(ctype, inside, subject or claimant_actor, 0.75)]
    if shape in ("passive", "fell"):
        if ctype == "captured" and _PEOPLE_SUBJECT.search(text, max(0, trigger.start - 20), trigger.start):
            return []
        places = _places_before(text, targets, trigger.start, floor)
        after = [a for a in actors if trigger.end <= a.start <= trigger.end + 40 and a.start < limit]
        mid = trigger.match.groupdict().get("actor_mid")
        if mid:
            inner = [a for a in actors if trigger.match.start("actor_mid") <= a.start < trigger.match.end("actor_mid")]
            own_side = claimant_actor if re.match(r"(?i)(?:our|their|its)\b", mid) else None
            return [(ctype, places, inner[0] if inner else own_side, 0.8)]
        if shape == "fell":
            if not after and _BARE_FALL.search(trigger.match.group()):
                return [(ctype, places, _implied(None, claimant_actor, context), 0.6)]
            return [(ctype, places, after[0] if after else None, 0.8)]
        # "held by X", "under the control of X": X holds; "recaptured by X": X took it;
        # "purged of X", "retaken from X": X lost it and the other side took it
        phrase = (trigger.match.group() + text[trigger.end:trigger.end + 8]).lower()
        both = _LOSER_THEN_AGENT.match(text, trigger.end)
        if both:
            # "recaptured from Islamic State by Iraqi forces": one side took it, the other lost it
            losers = [a for a in actors if both.start("loser") <= a.start < both.end("loser")]
            agents = _coordinated_sides(text, [a for a in after if a.start >= both.end()])
            return [(ctype, places, agent, 0.8) for agent in agents] + [("lost", places, loser, 0.7) for loser in losers[:1]]
        # "Government forces hold al-Dour, which was retaken this month": the holder retook it;
        # "... to advance on the K1 base, which was seized by the afternoon": so did the advancer
        relative = subject is not None and _RELATIVE_PRONOUN_BEFORE.search(text, max(0, trigger.start - 14), trigger.start)
        by_agent = (_AGENT.search(phrase) or _TIMED_AGENT.match(text, trigger.end)) and not _BY_TIME.match(text, trigger.end)
        if ctype == "holds" or by_agent:
            agents = [(ctype, places, agent, 0.8) for agent in _coordinated_sides(text, after)]
            if agents or not relative or ctype == "holds":
                return agents or [(ctype, places, None, 0.8)]
            return [(ctype, places, subject, 0.6)]
        # the subject of a passive is what it happened to: "ISIS fighters in Mosul are surrounded"
        if relative and not after:
            return [(ctype, places, subject, 0.6)]
        # "has been shelled daily, but the factions still hold it": the holders are not the attackers
        later = [a for a in actors if a.start >= trigger.end and a.kind == "force" and not _BUT.search(text, trigger.end, a.start)]
        if ctype == "attacked" and subject is None and later:
            # "had been shelled daily since the militants surrounded it": the attacker named after
            return [(ctype, places, later[0], 0.5)]
        loser = after[0] if after and _LOSER.search(phrase) else subject
        return [(ctype, places, _implied(loser, claimant_actor, context, later), 0.6)]
    if shape == "positions":
        owners = [a for a in actors + modifiers if a.end + 1 == trigger.start]
        return [(ctype, _places_after(text, targets, trigger.end, limit, gap=20), owners[0] if owners else None, 0.6)]
    if shape == "compound":
        # "opposition-held Khan Tuman": the press's adjective describes, it does not claim
        # (the gold convention); the trigger only keeps "held" from being read as a verb
        return []
    if shape == "either":
        # "al-Bab, the last Islamic State stronghold in Aleppo province": the place before the comma
        head = _APPOSITIVE_HEAD.search(text, max(0, trigger.start - 60), trigger.start)
        places = [t for t in targets if head and t.end == head.start()]
        places = places or _places_after(text, targets, trigger.end, limit, gap=20) or _places_before(text, targets, trigger.start, floor)
        near = [a for a in actors if trigger.start - 40 <= a.end <= trigger.start]
        return [(ctype, places, near[-1] if near else None, 0.6)]
    places = _places_after(text, targets, trigger.end, limit, gap=_OBJECT_WINDOW)
    if places and (_ROUTE.search(text, trigger.end, places[0].start) or _IT.match(text, trigger.end)):
        # "cut the road linking Raqqa with Mosul": neither town is the object; "the army secured
        # it, and al-Habit fell": "it" is, and the place after it belongs to the next clause
        places = []
    direct_objects = [a for a in actors if _is_direct_object(text, trigger, a)]
    if direct_objects:
        # "moving toward the security forces": the object is an actor, not a place; but
        # "tightened the noose on the terrorists in the city" says where they are
        places = [t for t in places if _IN_GAP.fullmatch(text, direct_objects[0].end, t.start)][:1]
    if not places and ctype == "attacked":
        places = _where_the_target_is(text, targets, trigger, actors, limit)
    if not places and shape == "active":
        places = _antecedent(text, targets, trigger.start, actors) or _pronoun_object(text, targets, trigger)
    if not places and ctype == "lost" and subject is not None:
        places = _subject_location(text, targets, subject, trigger)
    if ctype == "advancing" and _MOVED_DISTANCE.search(text, max(0, trigger.start - 30), trigger.start):
        return []  # "advanced about a kilometre from X" says where they started
    if shape == "nominal" and places and ctype == "besieged" and _SIEGE_OVER.match(text, places[-1].end):
        return []  # "the siege of Shingal is broken": what is over is not claimed by the sentence
    if shape == "owned":
        # "Fallujah's liberation": the possessor right before the apostrophe
        places = [t for t in targets if t.end + 1 == trigger.start and text[t.end] in "'\u2019" and not t.pronoun]
    if shape in ("nominal", "owned"):
        # "the recapture of X by Y", "the fall of X to Y"; a fall with no winner names no side.
        after = max(places[-1].end, trigger.end) if places else trigger.end
        agent = [a for a in actors if places and after <= a.start <= after + 45
                 and _NOMINAL_AGENT.match(text[after:a.start])]
        if agent:
            return [(ctype, places, agent[0], 0.7)]
        if "fall" in trigger.match.group().lower():
            return []
        return [(ctype, places, subject or claimant_actor, 0.6)]
    if ctype == "captured" and trigger.match.groupdict().get("loser_mid") is not None:
        start = trigger.match.start("loser_mid")
        losers = [a for a in actors if start <= a.start < trigger.match.end("loser_mid")]
        readings = [(ctype, places, subject or claimant_actor, 0.75)]
        return readings + ([("lost", places, losers[0], 0.7)] if losers else [])
    actor = subject
    if actor is None and ctype == "attacked" and AIR_TRIGGER.search(trigger.match.group()):
        # "killed in an airstrike": the aircraft are usually named a sentence away
        air = [a for a in neighbours if a.kind == "air"]
        actor = air[0] if air else None
    if ctype not in ("lost", "besieged") and not accusation:
        actor = actor or claimant_actor  # a speaker does not announce its own losses, nor acts it accuses others of
    readings = [(ctype, places, actor, 0.8 if subject else 0.6)]
    if ctype == "lost" and places and _PASSIVE_START.match(trigger.match.group()):
        # "Daesh was pushed out of Manbij last August by the SDF": the agent took it
        first = next((a for a in actors if places[-1].end < a.start and _AGENT_GAP.fullmatch(text, places[-1].end, a.start)), None)
        # "driven out ... by Kurdish units and government troops": each side named took it
        agents = [a for a in _coordinated_sides(text, [a for a in actors if first and a.start >= first.start])
                  if actor is None or a.side != actor.side]
        if agents:
            return readings + [("captured", places, agent, 0.7) for agent in agents]
    if ctype == "lost" and places and claimant_actor is not None and _PASSIVE_START.match(trigger.match.group()) \
            and (actor is None or actor.side != claimant_actor.side):
        # "militants had been driven from Qabasin, the Turkish military said": the speaker's side took it
        readings.append(("captured", places, claimant_actor, 0.6))
    if ctype == "captured" and places:
        # "the Kurds handed Kirkuk back to the army": the side it goes back to gains it
        recipient = next((a for a in actors if places[-1].end <= a.start <= places[-1].end + 20
                          and _BACK_TO.fullmatch(text, places[-1].end, a.start)), None)
        if recipient is not None:
            lost = [("lost", places, actor, 0.7)] if actor is not None and actor.side != recipient.side else []
            return [(ctype, places, recipient, 0.7)] + lost
        # "captured both towns from Islamic State": the side named after "from" lost them
        loser = [a for a in actors if places[-1].end <= a.start <= places[-1].end + 70
                 and _FROM_LOSER.fullmatch(text, places[-1].end, a.start)]
        if loser and (actor is None or loser[0].side != actor.side):
            readings.append(("lost", places, loser[0], 0.7))
    if ctype == "lost" and places:
        # "lost Falluja to ISIS": the winner is named after the place
        winner = [a for a in actors if places[-1].end <= a.start <= places[-1].end + 12
                  and re.match(r"\s*to\s+(?:the\s+)?$", text[places[-1].end:a.start])]
        if winner:
            readings.append(("captured", places, winner[0], 0.7))
    return readings


def _outside_asides(text: str, actors: list[ActorMatch], end: int) -> list[ActorMatch]:
    """"Iraqi forces, in an operation ordered by Prime Minister al-Abadi, moved into Kirkuk": an
    actor inside a comma aside after another actor is not the subject."""
    if len(actors) < 2:
        return actors
    kept = actors
    for aside in _ASIDE.finditer(text, actors[0].end, end):
        if any(a.end <= aside.start() for a in kept):
            kept = [a for a in kept if not aside.start() < a.start < aside.end()]
    return kept


def _last_match(regex: re.Pattern, text: str, start: int, end: int) -> re.Match | None:
    found = None
    for found in regex.finditer(text, start, end):
        pass
    return found


def _first_conjunct(text: str, candidates: list[ActorMatch]) -> ActorMatch | None:
    """The subject among actors before a verb: the last one, or the head of a coordination
    ("Turkish troops and their Syrian rebel allies entered")."""
    if not candidates:
        return None
    subject = candidates[-1]
    for earlier in reversed(candidates[:-1]):
        if not _CONJUNCTION.fullmatch(text, earlier.end, subject.start):
            break
        subject = earlier
    return subject


def _coordinated_sides(text: str, agents: list[ActorMatch]) -> list[ActorMatch]:
    """"retaken by Kurdish Peshmerga and Iraqi troops": the first agent and each one joined to
    it by "and" that fights for another side; allies of one side count once."""
    if not agents:
        return []
    chosen, last = [agents[0]], agents[0]
    for agent in agents[1:]:
        if not _CONJUNCTION.fullmatch(text, last.end, agent.start):
            break
        if all(agent.side != earlier.side for earlier in chosen):
            chosen.append(agent)
        last = agent
    return chosen


def _pronoun_object(text: str, targets: list[Target], trigger: Trigger) -> list[Target]:
    """"Baiji ... since Islamic State fighters overran it": "it" is the place named before."""
    it = _IT.match(text, trigger.end)
    if not it:
        return []
    earlier = [t for t in targets if t.end <= trigger.start and ";" not in text[t.end:trigger.start]]
    if len(earlier) > 1 and _LOCATION_OF.search(text, max(0, earlier[-1].start - 30), earlier[-1].start):
        earlier.pop()  # "Kafr Nabudah in the countryside of Hama ... seized it": not the province
    return earlier[-1:] or [t for t in targets if t.start == it.end() - 2]  # else "it" read back


def _where_the_target_is(text: str, targets: list[Target], trigger: Trigger, actors: list[ActorMatch],
                         limit: int) -> list[Target]:
    """"sorties on the dens and gatherings of ISIS terrorists in Deir Hafer": the side hit is
    named in the object, and the place after it is where they were hit."""
    for actor in actors:
        if trigger.end < actor.start <= trigger.end + _OBJECT_WINDOW and not re.search(r"[.;,]", text[trigger.end:actor.start]):
            located = [t for t in targets if _IN_GAP.fullmatch(text, actor.end, t.start)]
            if located:
                return _places_after(text, targets, located[0].start, limit, gap=0)
    return []


def _subject_location(text: str, targets: list[Target], subject: ActorMatch, trigger: Trigger) -> list[Target]:
    """"The last Islamic State fighters in Tabqa surrendered": the place is inside the subject."""
    for target in targets:
        if subject.end <= target.start and target.end <= trigger.start and _IN_GAP.fullmatch(text, subject.end, target.start) \
                and len(text[target.end:trigger.start]) <= 25 and "," not in text[target.end:trigger.start]:
            return [target]
    return []


def _is_direct_object(text: str, trigger: Trigger, actor: ActorMatch) -> bool:
    return (0 <= actor.start - trigger.end <= 5 and _DETERMINER_GAP.fullmatch(text, trigger.end, actor.start) is not None
            and not _ACTOR_AS_MODIFIER.match(text, actor.end))


def _antecedent(text: str, targets: list[Target], position: int, actors: list[ActorMatch]) -> list[Target]:
    """"Qayyarah West air base, which troops took in July": the object is the place before."""
    for target in reversed(targets):
        if target.end <= position:
            gap = text[target.end:position]
            if (_RELATIVE.match(gap) or _APPOSITIVE_RELATIVE.match(gap)) and any(target.end <= a.start < position for a in actors) or _RELATIVE_PRONOUN_GAP.match(gap):
                return [target]
            return []
    return []


def _implied(loser: ActorMatch | None, claimant_actor: ActorMatch | None, context: _Context,
             later: list[ActorMatch] = ()) -> ActorMatch | None:
    """The side that gained a place the text only says was lost ("purged of ISIS"): the
    speaker's, the last acting, or one the rest of the sentence names ("Zumar was freed from
    IS ..., and Rabia was taken by Peshmerga")."""
    for candidate in (claimant_actor, context.last_actor, *later):
        if candidate is not None and (loser is None or candidate.side != loser.side):
            return candidate
    return None


def _places_after(text: str, targets: list[Target], position: int, limit: int, gap: int = 60) -> list[Target]:
    """The object of a trigger, with any list continuing it ("A, B and C")."""
    chosen: list[Target] = []
    for target in targets:
        if target.end <= position or target.pronoun and target.start - position > 1 and text[target.start:target.end].lower() == "it":
            continue  # "it" is an object only right after its verb
        if not chosen:
            between = text[position:max(position, target.start)]
            if target.start - position > gap or target.start >= limit or re.search(r"[.;]", between) or _SUBORDINATE.search(between) or _SPEECH_VERB.search(between) \
                    or _NEW_PHRASE.search(between):
                return []
            chosen.append(target)
        elif target.start == chosen[-1].start or (_LIST_GAP.match(text[chosen[-1].end:target.start]) and not _APPOSITION.match(target.place_text)) \
                or _TIMED_LIST_GAP.fullmatch(text, chosen[-1].end, target.start):
            chosen.append(target)
        else:
            break
    return chosen


def _places_before(text: str, targets: list[Target], position: int, floor: int) -> list[Target]:
    """The subject of a passive trigger: the nearest place before it in the same clause."""
    aside = _ASIDE_BEFORE.search(text, max(0, position - 120), position)
    for number in range(len(targets) - 1, -1, -1):
        target = targets[number]
        if target.pronoun or _ROAD_TO.search(text, max(0, target.start - 25), target.start) \
                or (aside and aside.start() <= target.start):
            continue
        if target.end <= position and position - target.end <= _SUBJECT_WINDOW and target.start >= max(0, floor - 80):
            if re.search(r"[;]", text[target.end:position]):
                return []
            chosen = [target]
            # "Sharqat and Mosul, both still in Islamic State hands": the whole list
            while number > 0 and (targets[number - 1].start == chosen[0].start or _LIST_GAP.match(text[targets[number - 1].end:chosen[0].start])):
                number -= 1
                chosen.insert(0, targets[number])
            return chosen
    return []
