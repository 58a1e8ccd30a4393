"""Typed records that extraction hands to geocoding and the store."""
from __future__ import annotations

from dataclasses import dataclass, field

from geocoding.records import Place, Resolution

CLAIM_TYPES = ("captured", "entered", "advancing", "holds", "attacked", "lost", "besieged")
DATE_PRECISIONS = ("day", "week", "month", "year")


@dataclass(frozen=True)
class EventDate:
    """`value` is YYYY-MM-DD, YYYY-MM or YYYY according to precision; start/end are ISO days."""

    value: str
    precision: str  # day | week | month | year
    start: str
    end: str


@dataclass
class Mention:
    """A toponym in an article body. Offsets are into `Article.body`."""

    start: int
    end: int
    text: str
    sentence: int  # index of the sentence in the body
    resolution: Resolution | None = None
    relation: str = ""  # "west of", ... when the mention is the anchor of a vague area

    @property
    def place(self) -> Place | None:
        return self.resolution.place if self.resolution else None


@dataclass
class Claim:
    place_text: str  # the place as written ("Gogjali", "seven villages west of Mosul")
    actor_text: str
    side: str  # normalised side, or "" when unknown
    claim_type: str  # one of CLAIM_TYPES
    date: EventDate | None
    evidence: str
    evidence_start: int
    evidence_end: int
    confidence: float
    claimed_by: str = ""
    mention: Mention | None = None  # the anchor mention (the place itself, or the anchor of a vague area)
    place: Place | None = None  # resolved place (for vague areas: the derived area place, geo_precision 2)

    @property
    def geo_precision(self) -> int:
        return self.place.geo_precision if self.place else 1


@dataclass
class Extraction:
    mentions: list[Mention] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
