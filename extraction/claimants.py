"""Who a sentence says is speaking: "according to the Defense Ministry", "..., the army said",
"Officials said that ...". A claim keeps its claimant so a reader can weigh who says so.
"""
from __future__ import annotations

import re

_SPEECH = r"(?:said|says|claimed|claims|announced|announces|reported|reports|stated|states|confirmed|added|noted|t(?:old|ells)\s+[\w\s.'-]{2,40}?|insisted|denied|warned|explained|wrote|writes|tweeted)"
_CLAIMANT_LEAD = re.compile(r"(?i)^\W*according\s+to\s+(?P<who>[^,]{3,120}?)\s*,")
_CLAIMANT_TRAIL = re.compile(
    rf"(?i)(?:,|[,.?!][\"\u201d])\s*(?:according\s+to\s+(?P<who1>[^,\"\u201c\u201d]{{3,120}}?)|(?P<who2>[^,\"\u201c\u201d]{{2,100}}?)\s+{_SPEECH}|{_SPEECH}\s+(?P<who3>[^,\"\u201c\u201d.]{{3,100}}?(?:,\s+(?:a|an|the)\s+[^,\"\u201c\u201d.]{{3,80}}?)?))"
    r"(?:\s+(?:on|late|early|in|last|by)\s+\w+(?:\s+\w+)?)?(?:,\s+(?:adding|after|as|while|but|citing|saying)\b[^\"\u201c\u201d]*)?\s*[.!?\"\u201d]*$"
)
_CLAIMANT_SUBJECT = re.compile(
    rf"(?i)^\W*(?:(?:meanwhile|however|earlier|later|also|and|but|separately|on\s+\w+|in\s+[\w\s]+?),\s+)?(?P<who>[^,\"\u201c\u201d]{{2,120}}?)(?:,[^,\"\u201c\u201d]{{1,60}},)?\s+{_SPEECH}\b(?:\s+that)?"
)
# live-blog and headline style: "11:15 - Prime Minister Haider al-Abadi: Rawa has been liberated"
_CLAIMANT_COLON = re.compile(r"^\W*(?:\d{1,2}[:.]\d{2}\W+)?(?!(?i:update|breaking|exclusive|watch|live|analysis|opinion|video|photos?|read\s+more)\b)(?P<who>[A-Z][^,:;\"\u201c\u201d\d]{2,80}?):\s+(?=\S)")
_PRONOUN = re.compile(r"(?i)^(?:he|she|they|it|the\s+(?:official|spokesman|source|commander|statement))$")
_VERBISH = re.compile(r"(?i)\b(?:said|says|was|were|is|are|has|have|had|and\s+\w+ed)\b")
# "BEIRUT/AMMAN (Meridian Wire) -" or "MOSUL, Iraq —" opening the story is not part of the speaker
_DATELINE = re.compile(r"^[A-Z][A-Z/'. -]+(?:,\s*[A-Z][\w .]+)?\s*(?:\([^)]{1,60}\))?\s*[-\u2013\u2014]+\s*")


def find_claimant(text: str, previous: str = "") -> tuple[str, tuple[int, int] | None]:
    """Who the sentence says is speaking, and where that phrase is in the sentence; "he added"
    is read as the speaker of the `previous` sentence."""
    dateline = _DATELINE.match(text)
    skip = dateline.end() if dateline else 0
    for regex, groups in ((_CLAIMANT_LEAD, ("who",)), (_CLAIMANT_COLON, ("who",)), (_CLAIMANT_TRAIL, ("who1", "who2", "who3")), (_CLAIMANT_SUBJECT, ("who",))):
        match = regex.search(text[skip:])
        if not match:
            continue
        for group in groups:
            who = match.group(group)
            if who and not _VERBISH.search(who):
                who = who.strip()
                if _PRONOUN.match(who) and previous:
                    who = find_claimant(previous)[0] or who
                return who, (skip + match.start(), skip + match.end())
    return "", None
