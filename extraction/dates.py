"""Event dates in a sentence, resolved against the publication date.

News copy dates events relative to the day it is printed ("on Tuesday", "yesterday", "two
weeks ago") and keeps background in its own time ("the city fell in June 2014"). Keeping the
event date apart from the report date is what lets the map answer "who held it on day D".
Everything here is regular expressions: this runs on every sentence of every article.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from extraction.records import EventDate
from extraction.wordscan import WordScanner

_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12,
    "dec": 12,
}
_WEEKDAYS = {name: i for i, name in enumerate(calendar.day_name)}
_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a few": 3, "few": 3,
    "several": 3, "a couple of": 2, "couple of": 2,
}

# Month and weekday names are matched case-sensitively: "may" and "march" are also verbs.
_MONTH = r"(?-i:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
_WEEKDAY = r"(?-i:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_YEAR = r"(?:19[5-9]\d|20[0-4]\d)"
_ORDINALS = {word: n for n, word in enumerate((
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth "
    "fifteenth sixteenth seventeenth eighteenth nineteenth twentieth").split(), start=1)}
_ORDINALS |= {f"{tens}-{word}": base + n for tens, base in (("twenty", 20), ("thirty", 30))
              for word, n in _ORDINALS.items() if n < 10 and base + n <= 31}
_ORDINALS |= {"thirtieth": 30}
_DAY = r"(?:(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?|(?:the\s)?(?:" + "|".join(sorted(_ORDINALS, key=len, reverse=True)) + r"))"
_COUNT = r"\d{1,3}|a couple of|couple of|a few|few|several|an|a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
_PART = r"(?:early|mid|late|the end of|end of|the beginning of|beginning of|the start of|start of)[- ]"

# One pattern per form; tried only at words that can begin it (see extraction/wordscan.py).
_DATE_FORMS = [
    rf"(?P<iso>{_YEAR})-(?P<iso_m>[01]\d)-(?P<iso_d>[0-3]\d)",
    rf"between\s(?P<b1_m>{_MONTH})\s(?P<b1_d>{_DAY})\sand\s(?:(?P<b2_m>{_MONTH})\s)?(?P<b2_d>{_DAY})\b(?:,?\s(?P<b_y>{_YEAR})\b)?",
    rf"(?P<md_m>{_MONTH})\s(?P<md_d>{_DAY})\b(?:,?\s(?P<md_y>{_YEAR})\b)?",
    rf"(?P<dm_d>{_DAY})\s(?:of\s)?(?P<dm_m>{_MONTH})(?:,?\s(?P<dm_y>{_YEAR})\b)?",
    rf"(?:{_PART})?(?P<m_m>{_MONTH})(?:,?\s(?P<m_y>{_YEAR})|\s(?:of\s)?(?P<m_last>last\syear))?\b",
    rf"(?:(?:in|since|during|by|until|of|from|through|throughout|before|after|early|late|mid-?)\s(?:{_PART})?)(?P<y>{_YEAR})\b(?!\s?(?:km|kilomet|fighters|people|troops|militants|soldiers))",
    rf"(?:(?:on|last|this|early|late)\s)?(?P<wd>{_WEEKDAY})(?:\s(?:morning|afternoon|evening|night))?",
    r"(?P<today>today|tonight|this\s(?:morning|afternoon|evening))",
    r"(?P<yesterday>the\sday\sbefore\syesterday|yesterday|last\snight)",
    r"(?P<previous_day>the\s(?:previous|preceding)\s(?:day|night)|the\sday\sbefore|a\sday\searlier)",
    r"(?P<next_day>the\s(?:following|next)\s(?:day|morning|night|evening)|a\sday\slater)",
    r"(?:(?:later|earlier)\s(?:on\s)?)?(?P<same_day>the\ssame\s(?:day|morning|night|evening))",
    rf"(?:(?:about|some|around|nearly|almost|more\sthan|over|just|only)\s)?(?P<n>{_COUNT})\s(?P<ago_unit>day|week|month|year)s?\sago",
    rf"(?:(?:about|some|around|nearly|almost|more\sthan|over|just|only)\s)?(?P<n_after>{_COUNT})\s(?P<after_unit>day|week|month|year)s?(?=\safter\b)",
    r"(?P<rel>earlier\sthis|later\sthis|this|last|past|previous)\s(?P<rel_unit>week|month|year|weekend)",
    rf"(?:the|last)\s(?:(?:early|late)\s)?(?P<season>summer|spring|autumn|fall|winter)\b(?:\sof\s(?P<season_y>{_YEAR})\b)?",
]
_SEASON_STARTS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}
# "two days after Thursday": counted from that day; "four days after launching the battle":
# from an unknown day, so no date at all
_AFTER_ANCHOR = re.compile(r"(?i)\s+after\s+(?:the\s+)?")
_AFTER_GERUND = re.compile(r"(?i)\s+after\s+\w+ing\b")
_DATE_SCANNER = WordScanner(_DATE_FORMS, flags="(?i)")
_GROUPS = tuple(re.compile("|".join(_DATE_FORMS)).groupindex)
_APPROXIMATE = re.compile(r"(?i)(?:about|some|around|nearly|almost|more\s+than|over)\s")
_SINCE_BEFORE = re.compile(r"(?i)\bsince\b[^,;.]{0,70}$")
# A piece looking back a year ("A year on", "one year after", "the anniversary") dates the bare
# "June 10" of its own month a year before print; so does one naming its month "last year".
_LOOKS_BACK = re.compile(r"(?i)\b(?:a|one)\syear\s(?:on|ago|after|since)\b|\banniversary\b")

# Past perfect and "since" mark background: the sentence is not about the report day.
_BACKGROUND = re.compile(
    r"(?i)\b(?:had\s(?:been\s|already\s)?\w+(?:ed|en|wn|ld|ok|ht|un)\b|since\b|years?\sago|"
    r"back\sin\b|previously|formerly|for\s(?:years|months|decades))"
)

# "By nightfall they had pushed into Kokjali": done by the end of the day the story tells
_BY_THEN = re.compile(r"(?i)\W*by\s+(?:the\s+)?(?:nightfall|midday|noon|dawn|dusk|evening|morning|afternoon|sunset|the\s+end\s+of\s+the\s+day)\b")
_SPEECH_BEFORE = re.compile(r"(?i)\b(?:said|says|announced|claimed|reported|told\s+\w+|statement)\s+(?:late\s+|early\s+)?$")
_REPORTED = re.compile(r"(?i)\b(?:said|says|saying|claimed|claims|claiming|announced|reported|added|stated|confirmed|told)\b")


@dataclass(frozen=True)
class DateExpression:
    """A date as written in a sentence (offsets into that sentence) and what it means."""

    start: int
    end: int
    text: str
    date: EventDate
    since: bool = False  # "since June 2014": a state from then up to the report
    leads: bool = False  # "three years after the militants overran it": dates the clause it opens
    of_speech: bool = False  # "said on Sunday": when it was said, not when it happened


def looks_back_a_year(body: str, published: datetime | None) -> bool:
    """True for a story about events a year before it was printed (anniversary features)."""
    if published is None:
        return False
    month = calendar.month_name[published.month]
    return bool(_LOOKS_BACK.search(body)) or f"{month} last year" in body or f"{month} a year ago" in body


def resolve_event_dates(
    sentence: str, published: datetime | None, looking_back: bool = False,
    earlier_day: EventDate | None = None,
) -> list[DateExpression]:
    """Every date expression in `sentence` that can be resolved, in order of appearance;
    `looking_back` (see looks_back_a_year) moves the print month's yearless dates a year back;
    `earlier_day`, the last day an earlier sentence named, is what "the next day" and "the same
    day" count from."""
    pub = published.date() if published else None
    found: list[DateExpression] = []
    for _, match in _DATE_SCANNER.scan(sentence):
        try:
            event = _resolve(match, pub, looking_back)
            days = [d.date for d in found if d.date.precision == "day"]
            if match.groupdict().get("previous_day") and days:
                # "said on Tuesday that it took the town the previous day": the day before that day
                event = day_date(date.fromisoformat(days[-1].start) - timedelta(days=1))
            if match.groupdict().get("m_m") and not (match.group("m_y") or match.group("m_last")):
                # "in March 2015 and Baiji in October": the year the sentence named before
                event = _in_year_named(event, found)
            if match.groupdict().get("next_day") or match.groupdict().get("same_day"):
                # "seized X on May 8 and Y the following day" (or "later the same day"): counted
                # from the day named last, in this sentence or, "Mosul fell on June 10. Tikrit
                # was overrun the next day.", an earlier one
                days = days or ([earlier_day] if earlier_day and earlier_day.precision == "day" else [])
                step = timedelta(days=1 if match.groupdict().get("next_day") else 0)
                event = day_date(date.fromisoformat(days[-1].start) + step) if days else None
        except (OverflowError, ValueError):
            continue  # a date before year 1 or after 9999: no such day
        if event is None:
            continue
        if match.groupdict().get("after_unit"):
            if _AFTER_GERUND.match(sentence, match.end()):
                continue
            anchor = _anchored_after(sentence, match, pub)
            if anchor is not None:
                found.append(DateExpression(match.start(), match.end(), match.group(), anchor))
                continue
            back = _counted_back(match, found)
            if back is not None:
                found.append(DateExpression(match.start(), match.end(), match.group(), back, leads=True))
                continue
        since = bool(pub and _SINCE_BEFORE.search(sentence, 0, match.start()))
        if since:
            event = _since(event, pub)
        of_speech = bool(_SPEECH_BEFORE.search(sentence, max(0, match.start() - 20), match.start()))
        leads = bool(match.groupdict().get("after_unit"))
        found.append(DateExpression(match.start(), match.end(), match.group(), event,
                                    since=since, leads=leads, of_speech=of_speech))
    return found


def is_background(sentence: str) -> bool:
    """True when the sentence talks about an earlier time than the report (past perfect, since).
    "X said troops had entered" is reported speech, not background."""
    match = _BACKGROUND.search(sentence)
    if match is None:
        return False
    if match.group().lower().startswith("had") and (_REPORTED.search(sentence, 0, match.start()) or _BY_THEN.match(sentence)):
        return False
    return True


def event_date_for(
    dates: list[DateExpression], position: int, sentence: str, published: datetime | None,
    story_date: EventDate | None = None,
) -> EventDate | None:
    """The date of a statement at `position` in `sentence`: the closest date expression that
    dates an event; else, unless the sentence is background, the day the story is about
    (`story_date`, set by an earlier sentence) or the publication day."""
    events = [d for d in dates if not d.of_speech]
    if events:
        # a date adverbial usually follows its verb: "were pushing ... on Sunday"
        after = [d for d in events if d.start >= position and "," not in sentence[position:d.start]]
        return min(after or events, key=lambda d: _distance(d, position)).date
    if published is None or is_background(sentence):
        return None
    spoken = [d for d in dates if d.of_speech and d.date.precision == "day"]
    if spoken and not story_date:
        # "the Peshmerga have liberated Bashiqa, the council announced on Monday": done by then
        return spoken[-1].date
    return story_date or day_date(published.date())


def story_date_from(dates: list[DateExpression], published: datetime | None) -> EventDate | None:
    """A day in the week before publication that later sentences without a date refer to."""
    if published is None or published.year < 2:
        return None
    first = (published - timedelta(days=7)).date().isoformat()
    last = published.date().isoformat()
    days = [d.date for d in dates if d.date.precision == "day" and not d.of_speech and not d.leads and first <= d.date.value <= last]
    return days[-1] if days else None


def day_date(day: date) -> EventDate:
    iso = day.isoformat()
    return EventDate(iso, "day", iso, iso)


def _distance(expression: DateExpression, position: int) -> int:
    if expression.start <= position < expression.end:
        return 0
    return min(abs(expression.start - position), abs(expression.end - position))


def _resolve(match: re.Match, pub: date | None, looking_back: bool = False) -> EventDate | None:
    g = dict.fromkeys(_GROUPS, None) | match.groupdict()
    if g["season"]:
        if g["season_y"]:
            return year_date(int(g["season_y"]))
        if pub is None:
            return None
        return year_date(pub.year if _SEASON_STARTS[g["season"].lower()] <= pub.month else pub.year - 1)
    if g["iso"]:
        return _safe_day(int(g["iso"]), int(g["iso_m"]), int(g["iso_d"]))
    if g["b1_m"]:
        return _between(g, pub)
    if g["md_m"] or g["dm_m"]:
        month = _month(g["md_m"] or g["dm_m"])
        day = _day_number(g["md_d"] or g["dm_d"])
        year = g["md_y"] or g["dm_y"]
        if year:
            return _safe_day(int(year), month, day)
        if pub is None:
            return None
        candidate = _safe_day(pub.year, month, day)
        if candidate and (candidate.start > pub.isoformat() or (looking_back and month == pub.month)):
            candidate = _safe_day(pub.year - 1, month, day)
        return candidate
    if g["m_m"]:
        month = _month(g["m_m"])
        if g["m_y"]:
            return month_date(int(g["m_y"]), month)
        if g["m_last"] and pub is not None:
            return month_date(pub.year - 1, month)
        if pub is None:
            return None
        return month_date(pub.year if month < pub.month or (month == pub.month and not looking_back) else pub.year - 1, month)
    if g["y"]:
        return year_date(int(g["y"]))
    if pub is None:
        return None
    if g["wd"]:
        back = (pub.weekday() - _WEEKDAYS[g["wd"]]) % 7
        if match.group().lower().startswith("last ") and back == 0:
            back = 7
        return day_date(pub - timedelta(days=back))
    if g["today"]:
        return day_date(pub)
    if g["previous_day"]:
        return day_date(pub - timedelta(days=1))
    if g["yesterday"]:
        return day_date(pub - timedelta(days=2 if g["yesterday"].lower().startswith("the day") else 1))
    if g["ago_unit"]:
        return _ago(_count(g["n"]), g["ago_unit"].lower(), pub)
    if g["after_unit"]:
        return _ago(_count(g["n_after"]), g["after_unit"].lower(), pub)
    if g["rel_unit"]:
        return _relative_period(g["rel"].lower(), g["rel_unit"].lower(), pub)
    return None


def _anchored_after(sentence: str, match: re.Match, pub: date | None) -> EventDate | None:
    """"two days after Thursday's attack": the named day moved on by the count."""
    gap = _AFTER_ANCHOR.match(sentence, match.end())
    if gap is None:
        return None
    following = _DATE_SCANNER.scan(sentence[gap.end():])
    if not following or following[0][1].start() != 0:
        return None
    anchor = _resolve(following[0][1], pub)
    if anchor is None or anchor.precision != "day":
        return None
    count, unit = _count(match.group("n_after")), match.group("after_unit").lower()
    if unit not in ("day", "week") or count > 500:
        return None
    return day_date(date.fromisoformat(anchor.start) + timedelta(days=count * (7 if unit == "week" else 1)))


def _in_year_named(event: EventDate | None, found: list[DateExpression]) -> EventDate | None:
    named = [d.date for d in found if d.date.precision in ("day", "month") and not d.since]
    if event is None or not named:
        return event
    year, month = int(named[-1].start[:4]), int(event.start[5:7])
    return month_date(year, month) if month >= int(named[-1].start[5:7]) else event


def _counted_back(match: re.Match, found: list[DateExpression]) -> EventDate | None:
    """"retook the town on Sunday, three days after the militants overran it": the clause the
    count opens happened that many days before the day named earlier in the sentence."""
    days = [d.date for d in found if d.date.precision == "day" and not d.of_speech]
    count, unit = _count(match.group("n_after")), match.group("after_unit").lower()
    if not days or unit not in ("day", "week") or count > 60:
        return None
    day = date.fromisoformat(days[-1].start) - timedelta(days=count * (7 if unit == "week" else 1))
    # "more than a week after", "about ten days after", "two weeks after": only the month is known
    return month_date(day.year, day.month) if unit == "week" or _APPROXIMATE.match(match.group()) else day_date(day)


def _between(g: dict, pub: date | None) -> EventDate | None:
    """"between June 8 and June 11": the span, as the month it lies in (or the first day's
    month when it straddles two), with its true start and end."""
    first_month = _month(g["b1_m"])
    last_month = _month(g["b2_m"]) if g["b2_m"] else first_month
    year = int(g["b_y"]) if g["b_y"] else (pub.year if pub else None)
    if year is None:
        return None
    if pub is not None and not g["b_y"] and (year, first_month) > (pub.year, pub.month):
        year -= 1
    first = _safe_day(year, first_month, _day_number(g["b1_d"]))
    last = _safe_day(year + (last_month < first_month), last_month, _day_number(g["b2_d"]))
    if first is None or last is None or last.start < first.start:
        return first
    month = month_date(year, first_month)
    return EventDate(month.value, "month", first.start, last.end)


def _day_number(text: str) -> int:
    """"4th", "the fourth" -> 4."""
    digits = re.match(r"\d+", text)
    return int(digits.group()) if digits else _ORDINALS[text.lower().removeprefix("the ").strip()]


def _count(text: str) -> int:
    return _NUMBERS.get(text.lower()) or int(text)


def _month(text: str) -> int:
    return _MONTHS[text.rstrip(".").lower()]


def _safe_day(year: int, month: int, day: int) -> EventDate | None:
    try:
        return day_date(date(year, month, day))
    except ValueError:
        return None


def week_date(day: date) -> EventDate:
    """The Monday-to-Sunday week holding `day`. Its printed value is the month holding most of
    the week (its Thursday): a Monday printed as YYYY-MM-DD would read as a day the text never
    named, and the contract has no week form. Start and end keep the week itself."""
    monday = day - timedelta(days=day.weekday())
    thursday = monday + timedelta(days=3)
    return EventDate(f"{thursday.year:04d}-{thursday.month:02d}", "week", monday.isoformat(),
                     (monday + timedelta(days=6)).isoformat())


def month_date(year: int, month: int) -> EventDate:
    last = calendar.monthrange(year, month)[1]
    return EventDate(f"{year:04d}-{month:02d}", "month", f"{year:04d}-{month:02d}-01", f"{year:04d}-{month:02d}-{last:02d}")


def year_date(year: int) -> EventDate:
    return EventDate(f"{year:04d}", "year", f"{year:04d}-01-01", f"{year:04d}-12-31")


def _months_back(pub: date, n: int) -> tuple[int, int]:
    index = pub.year * 12 + pub.month - 1 - n
    return index // 12, index % 12 + 1


def _ago(n: int, unit: str, pub: date) -> EventDate | None:
    if n > 500:
        return None
    if unit == "day":
        return day_date(pub - timedelta(days=n))
    if unit == "week":
        return week_date(pub - timedelta(weeks=n))
    if unit == "month":
        return month_date(*_months_back(pub, n))
    return year_date(pub.year - n) if pub.year - n > 0 else None


def _relative_period(rel: str, unit: str, pub: date) -> EventDate:
    previous = rel in ("last", "past", "previous")
    if unit in ("week", "weekend"):
        return week_date(pub - timedelta(weeks=1) if previous else pub)
    if unit == "month":
        return month_date(*_months_back(pub, 1 if previous else 0))
    return year_date(pub.year - 1 if previous else pub.year)


def _since(event: EventDate, pub: date) -> EventDate:
    """"since X": the state holds from X to the report. A named day keeps its day ("shelling
    since Wednesday" began on Wednesday); a week, which has no printed form of its own, is
    read as its month."""
    if event.precision == "week":
        start = date.fromisoformat(event.start)
        event = month_date(start.year, start.month)
        return EventDate(event.value, "month", start.isoformat(), pub.isoformat())
    return EventDate(event.value, event.precision, event.start, pub.isoformat())
