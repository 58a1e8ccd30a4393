"""Trigger phrases of territorial claims: which words say that a side took, entered, advanced
on, holds, attacked, lost or besieged a place, and where the place and the actor sit relative
to them (the rule's shape). Kept apart from the reading of sentences so the rules can grow
without touching how claims are assembled.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from extraction.wordscan import WordScanner

# --- triggers ---------------------------------------------------------------------------
# Shapes: "active" actor before, place after; "passive" place before, agent after "by" (or a
# loser after "of"/"from"); "fell" place before, winner after; "nominal" place after, actor
# before or after "by"; "compound" actor glued before ("ISIS-held"), place after; "defended"
# defender before, attacker between, place after; "either" place after if it follows closely,
# else before; "positions" actor glued before ("ISIS positions in"), place after; "owned" place
# as the possessor just before ("Mosul's liberation"), actor after "by"/"to" as for "nominal".
AUX = r"(?:was|were|is|are|been|being|be|get|got)\s+(?:(?:\w+ly|fully|completely|now|also|finally|all|reportedly|since|recently|just)\s+)*[\"\u201c]?"
COUNT = r"(?:\d[\d,.]*|a\s+few|several|one|two|three|four|five|six|seven|eight|nine|ten|a)"
UNIT = r"(?:km|kilomet(?:er|re)s?|miles?|meters|metres|m|yards)"

RULES: list[tuple[str, str, str]] = [
    # "X attacked P, but Y repelled the attack": the defender holds the place named before
    ("holds", "repelled",
     r"(?:repel\w*|repuls\w*|thwart\w*|foil\w*|fought\s+off|beat\s+back)\s+(?:the|this|that|an?|their|its)\s+(?:[\w-]+\s+)?"
     r"(?:attacks?|assaults?|offensive|advance|incursion|attempts?)\b(?!\s+(?:on|against|in)\b|\s+by\s+[^.;,]{2,50}?\s+(?:on|against|in)\b)"),
    # defended: the defender holds, the attacker attacked
    ("holds", "defended",
     r"(?:repel\w*|repuls\w*|thwart\w*|foil\w*|fend\w*\s+off|fought\s+off|beat\s+back|beaten\s+back|push\w*\s+back|halt\w*|stopp\w+|prevent\w*)\s+"
     r"(?P<mid>[^.;]{0,80}?)\b(?:attacks?|assaults?|offensive|advance|incursion|attempts?)(?P<by>\s+by\s+[^.;,]{2,50}?)?\s+(?:on|against|in|to\s+(?:storm|enter|retake|take|capture))\b"),
    # a siege broken from outside: the breakers reached the place, the besiegers had surrounded it
    ("advancing", "siege_broken",
     r"(?:br(?:oke|oken|eak|eaks|eaking)|lift(?:ed|ing|s)?|end(?:ed|ing|s)?)\s+(?:on\s+\w+\s+)?the\s+(?:[\w-]+\s+){0,2}?siege\s+"
     r"(?:(?:imposed|laid)\s+(?:by\s+(?P<siege_by>[^.;]{2,40}?)\s+)?)?(?:on|of|around|to)\b"),
    # "relieved the garrison of X", "linked up with the besieged troops in X": the siege is broken
    ("advancing", "siege_broken",
     r"(?:reliev(?:ed|ing|es|e)|link(?:ed|ing|s)?\s+up\s+with)\s+(?:the\s+)?(?:besieged\s+|beleaguered\s+|encircled\s+|trapped\s+)?"
     r"(?:garrison|defenders|troops|forces|soldiers|holdouts)\s+(?:of|in|at|inside)\b"),
    # advancing: intent to take
    ("advancing", "active",
     r"(?:offensives?|operations?|campaign|battle|fight|push|drive|war|assault)\s+(?:for|to)\s+(?:the\s+)?(?:full\s+)?(?:liberat\w+|retak\w+|re-take|recaptur\w+|captur\w+|free|freeing|clear|take|seize|reclaim\w*|liberation|recapture|capture|control)(?:\s+(?:of|control\s+of))?"),
    ("advancing", "active",
     r"launch\w*\s+(?:an?\s+|the\s+|their\s+|its\s+|a\s+new\s+|a\s+major\s+)?(?:[\w-]+\s+){0,2}?(?:offensive|assault|operation|campaign|push|drive|counter-?offensive)s?\s+(?:on|to|against|toward|towards|in|for|into|aimed\s+at|targeting)"),
    ("advancing", "active",
     r"(?:advanc\w*|mov(?:ed|ing|es|e)|push(?:ed|ing|es)?|march\w*|head\w*|press\w*|clos(?:ed|ing)\s+in)\s+(?:on\s+)?(?:(?:units|troops|forces|reinforcements|columns|fighters)\s+)?(?:(?:north|south|east|west)\w*\s+)?(?:further\s+|deeper\s+|closer\s+)?(?:on|toward|towards|to|in\s+the\s+direction\s+of|closer\s+to|near|for)\b|"
     r"mass(?:ed|ing)\s+(?:(?:on\s+\w+\s+)|(?:\w+\s+){0,2})?(?:near|outside|around|on\s+the\s+outskirts\s+of)|within\s+(?:reach|sight|striking\s+distance|range)\s+of"),
    ("advancing", "active",
     r"clos(?:ed|ing|e)\s+in\s+on|(?:made|make|making|makes)\s+(?:\w+\s+)?(?:gains|advances|progress)\s+(?:in|on|toward|towards|near|around)|(?:gained|gaining|gains?)\s+ground\s+(?:in|on|toward|towards|near|around)|clos(?:ed|ing)\s+(?:the\s+)?(?:noose|net|ring)\s+(?:on|around)|converg\w*\s+on|approach(?:ed|ing|es)|"
     r"reach\w*\s+(?:the\s+)?(?:outskirts|edges?|gates|fringes|entrances?|perimeter|doorstep)\s+of|reach(?:ed|ing)|at\s+the\s+gates\s+of|"
     r"on\s+the\s+(?:outskirts|edges?|doorstep|fringes)\s+of|(?:offensive|assault|advance|push|drive|operations?)\s+(?:on|against|toward|towards|near)|"
     r"pursu(?:ed|ing|es|e)\s+(?:[\w'-]+\s+){0,4}?(?:toward|towards|to|into)|"
     rf"(?:positioned|stationed|deployed|massed|now)\s+(?:about\s+|some\s+|around\s+|just\s+|only\s+)?{COUNT}\s*(?:-|\s)?{UNIT}\s+"
     r"(?:(?:north|south|east|west)(?:-?(?:east|west))?\s+of|from|outside|short\s+of)"),
    ("advancing", "active",
     rf"{COUNT}\s*(?:-|\s)?{UNIT}\s+(?:\(\s*[^)]{{0,20}}\)\s+)?(?:away\s+)?(?:from|short\s+of|outside|of\s+(?:the\s+)?(?:centre|center|edge)\s+of)|"
     rf"within\s+(?:about\s+|some\s+|around\s+|just\s+|only\s+|a\s+few\s+)?(?:{COUNT}\s*(?:-|\s)?)?{UNIT}\s+of"),
    # passive and state forms (before their active twins so the longer reading wins)
    ("captured", "fell",
     r"(?:fell|fallen|falls|fall)\s+(?:(?:back\s+)?(?:in)?to|into\s+the\s+hands\s+of|under\s+the\s+control\s+of|under)(?!\s+(?:the\s+)?(?:ground|pressure))"),
    # "The town fell on Sunday evening", "Kessab fell after two days of fighting": a fall told
    # without its winner, who is the side the story has just named
    ("captured", "fell",
     r"(?:fell|had\s+fallen|has\s+fallen)(?=\s+(?:(?:on\s+|late\s+|early\s+)?(?:Sunday|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday)|overnight|"
     r"yesterday|last\s+night|within\s+hours|(?:shortly\s+)?after\s+(?:[\w-]+\s+){0,3}(?:days?|weeks?|hours?|months?)\s+of\s+"
     r"(?:heavy\s+|fierce\s+|street\s+)?(?:fighting|clashes|siege|battles?|combat)))"),
    # "was handed over to the army", "came under the control of the SDF": the side named after wins
    ("captured", "fell",
     AUX + r"(?:handed|turned)\s+(?:back\s+)?over\s+to|c(?:ame|omes|ome)\s+under\s+(?:the\s+)?(?:full\s+|complete\s+)?control\s+of"),
    ("lost", "active",
     AUX + r"(?:expelled|driven|pushed|forced|kicked|ousted|chased|flushed|routed|bussed|bused|evacuated|withdrawn)\s+(?:back\s+)?(?:out\s+)?(?:of|from)"),
    ("holds", "passive",
     r"(?:still\s+|remain\w*\s+|was\s+|were\s+|is\s+|are\s+|being\s+|been\s+|firmly\s+)*(?:held|controlled|occupied|dominated|run|governed)\s+by|"
     r"under\s+(?:the\s+)?(?:full\s+|complete\s+|firm\s+)?control\s+of|in\s+the\s+hands\s+of|under\s+(?P<actor_mid>[\w'\s-]{2,40}?)\s+control"),
    ("holds", "passive", r"(?:still\s+|remain\w*\s+)?in\s+(?!the\s+hands\b)(?P<actor_mid>[\w'\s-]{2,30}?)\s+hands\b"),
    ("besieged", "passive", AUX + r"(?:besieged|encircled|surrounded|cut\s+off|sealed\s+off)|under\s+siege"),
    ("entered", "passive", AUX + r"(?:entered|stormed|breached|penetrated|infiltrated)"),
    ("attacked", "passive", AUX + r"(?:attacked|shelled|bombed|bombarded|struck|hit|targeted|raided|pounded)|came\s+under\s+(?:heavy\s+)?(?:attack|fire|shelling|bombardment|mortar\s+fire|rocket\s+fire)"),
    ("captured", "passive",
     AUX + r"(?:declared\s+)?(?:liberated|retaken|re-taken|recaptured|captured|seized|freed|cleared|taken(?:\s+back|\s+over)?|overrun|conquered|secured|won\s+back|purged|cleansed|rid|emptied)"),
    ("captured", "passive", r"declared\s+(?:fully\s+|completely\s+)?(?:liberated|free|retaken|cleared|recaptured)"),
    # "Idlib is free", "the town is now free of Daesh"
    ("captured", "passive", r"(?:is|are|was|were)\s+(?:now\s+|completely\s+|totally\s+|finally\s+)?free\b(?!\s+(?:to|for|from)\b)(?:\s+of)?"),
    ("captured", "passive", AUX + r"(?:restored|returned)\s+to\s+(?:state|government|regime|army|federal)\s+control"),
    ("captured", "declared",
     r"declar(?:ed|es|ing)\s+(?:that\s+)?(?P<declared>[^.;,]{2,60}?)\s+(?:was\s+|is\s+|had\s+been\s+|has\s+been\s+)?"
     r"(?:fully\s+|completely\s+|totally\s+)?(?:liberated|free|freed|retaken|recaptured|cleared)"),
    ("captured", "passive", r"(?:liberated|retaken|recaptured|captured|seized|freed|cleared|overrun)\s+(?=by\b)"),
    # "Qayyarah, retaken on August 25, has become ...": a participle between commas
    ("captured", "passive", r"(?:liberated|retaken|recaptured|captured|seized|freed|overrun)(?=\s+(?:on|in|last|early|late)\s[^,;.]{1,30},)"),
    ("captured", "passive", r"(?:purged|cleansed|cleared|freed|emptied|rid)\s+(?:completely\s+|fully\s+|entirely\s+)?of"),
    ("holds", "either", r"(?:last\s+)?(?:major\s+|remaining\s+|main\s+|key\s+|urban\s+)*(?:strongholds?|bastions?|holdouts?|de\s+facto\s+capital)\s+(?:of|in)?"),
    # "strikes on ISIS positions in al-Qaryatain": the side named before its positions holds the place
    ("holds", "positions", r"(?:positions?|targets?|hideouts?|defen[cs]es|lines)\s+(?:in|inside|around|near|at)\b"),
    # nominalisations
    ("captured", "nominal", r"(?:liberation|recapture|capture|seizure|takeover|conquest|retaking|clearing|clearance|fall)\s+of"),
    # "Fallujah's liberation", "Ramadi's fall to ISIS": the owner is the place; the scanner starts
    # words after an apostrophe, so the rule begins at the "s" of the possessive
    ("captured", "owned", r"s\s+(?:final\s+|full\s+|complete\s+)?(?:liberation|recapture|capture|seizure|retaking|fall)\b(?!\s+of\b)"),
    ("besieged", "nominal", r"(?:siege|encirclement|blockade)\s+(?:of|on)"),
    ("attacked", "nominal", r"(?:bombardment|bombing|shelling|pounding)\s+of"),
    ("lost", "nominal", r"loss\s+of"),
    ("entered", "nominal", r"(?:entry|incursion|advance|push)\s+into"),
    # active verbs
    ("captured", "active",
     r"(?:took|taken|take|takes|taking|seized|gained|regained|wrested|assumed|imposed|established|restored|retook|retaken|retaking|secured|reasserted|reimposed)\s+(?:back\s+)?(?:full\s+|complete\s+|total\s+)?control\s+(?:of|over)|"
     r"restor(?:ed|ing|es|e)\s+(?:security|stability|order|calm)(?:\s+and\s+(?:security|stability|order|calm))?\s+(?:to|in)|"
     r"(?:gave|given|giv(?:es|ing)|hand(?:ed|s|ing)?)(?=\s+(?!up\b|over\b)[^.;,]{2,40}?\s+back\s+to\b)|"
     r"(?:took|taken|take|takes|taking)\s+(?:over|back)|won\s+back|win\s+back|sw(?:ept|eeping)\s+into|secur(?:ed|ing)|"
     r"(?:re)?(?:took|taken|taking)(?!\s+(?:part|refuge|shelter|place|cover|hold|up|time|revenge|positions?|away|off|out|back|over|control|charge|aim|prisoners?|hostages?|hundreds|dozens|thousands|men|people|him|them|it)\b)|"
     r"liberat(?:ed|es|e|ing)|regain(?:ed|ing|s)?|reclaim(?:ed|ing|s)?|sw(?:ept|eeping)\s+through|mopp(?:ed|ing)\s+up\s+(?:[\w-]+\s+){0,6}?(?:in|around|inside)|re-?took|re-?take[sn]?|re-?taking|recaptur(?:ed|es|e|ing)|captur(?:ed|es|e|ing)|seiz(?:ed|es|e|ing)|"
     r"fre(?:ed|es|eing)|to\s+free|clear(?:ed|ing)|overr(?:an|un|uns|unning)|conquer(?:ed|s|ing)?|occup(?:ied|ies|ying)|purg(?:ed|ing)|"
     r"(?:raised|hoisted|planted)\s+(?:the\s+|their\s+|its\s+)?(?:[\w-]+\s+)?flags?\s+(?:over|in|above|on)|"
     r"declared\s+(?:final\s+|full\s+)?victory\s+(?:over\s+[^.;,]{2,40}?\s+)?in"),
    ("captured", "active", r"(?:expell(?:ed|ing)|dr(?:ove|iven|iving)|pushed|kick(?:ed|ing)|oust(?:ed|ing)|chas(?:ed|ing)|flush(?:ed|ing)|routed|dislodg(?:ed|ing|es)|evict(?:ed|ing|s))\s+(?!(?:in|into|on|onward|toward|towards|to|further|deeper|ahead|forward)\b)(?P<loser_mid>[^.;]{0,40}?)\s*(?:out\s+of|from)"),
    ("entered", "active",
     r"enter(?:ed|s|ing)?|storm(?:ed|s|ing)|br(?:oke|oken|eak|eaks|eaking)\s+into|push(?:ed|es|ing)?\s+(?:deep(?:er)?\s+|further\s+)?into|"
     r"mov(?:ed|e|es|ing)\s+into|roll(?:ed|ing)\s+into|pour(?:ed|ing)\s+into|advanc(?:ed|ing|es)\s+(?:deep(?:er)?\s+)?into|"
     r"(?:made|making|fought|fighting|forced|forcing|battled|battling|pushed|pushing|cut|cutting|blasted|smashed)\s+(?:their|its|his|a)\s+way\s+into|"
     r"(?:slipped|slipping|sneaked|crept|filtered)\s+(?:back\s+)?into|penetrat(?:ed|ing)|breach(?:ed|ing)|infiltrat(?:ed|ing)|"
     r"(?:gained|established|secured)\s+a\s+foothold\s+in|arriv(?:ed|ing|e|es)\s+in|deploy(?:ed|ing|s)?\s+(?:\w+\s+)?(?:in|into|inside)\b"),
    ("holds", "active",
     r"(?:still\s+)?(?:hold|holds|holding|held|control|controls|controlling|controlled|defend|defends|defended|defending|retain(?:s|ed)?|"
     r"maintain(?:s|ed)?\s+control\s+(?:of|over)|holed\s+up\s+in|entrenched\s+in|dug\s+in\s+(?:in|at)|block(?:ed|ing|s)?\s+off|fortif(?:ied|y|ying)|"
     r"h(?:olding|eld|olds?)\s+out\s+in)\b"),
    ("besieged", "active",
     r"besieg(?:ed|ing|es|e)|encircl(?:ed|ing|es|e)|surround(?:ed|s)|(?:laid|lay|lays|laying|imposed|imposing|tightened|tightening)\s+(?:a\s+|the\s+|their\s+)?siege\s+(?:to|on|of|around)|"
     r"cut(?:s|ting)?\s+off|seal(?:ed|ing|s)?\s+off|completed\s+the\s+encirclement\s+of|"
     r"tighten(?:ed|ing|s)?\s+(?:the\s+|their\s+|its\s+)?(?:noose|siege|grip|encirclement|cordon)\s+(?:on|around)|"
     r"cut(?:s|ting)?(?=\s+(?:the\s+)?[\w' -]{2,40}?\s+off\b)"),
    ("lost", "active",
     r"redeploy(?:ed|ing|s)?[\"\u201d]?\s+(?:\w+\s+)?to\s+(?:new\s+|other\s+|defensive\s+)?positions\s+(?:around|outside|near|in\s+the\s+vicinity\s+of|on\s+the\s+outskirts\s+of)|"
     r"(?:are|is|were|was|have\s+been|had\s+been)\s+gone\s+from|withdr(?:ew|awn|awing|aws|aw)\s+from|retreat(?:ed|ing|s)?\s+from|pull(?:ed|ing|s)?\s+(?:back\s+|out\s+)?(?:out\s+of|from)|"
     r"hand(?:ed|ing|s)?\s+over|abandon(?:ed|ing|s)?|fled(?!\s+(?:to|toward|towards|into|for|across|north|south|east|west))|fle(?:e|es|eing)\s+from|los(?:t|es|ing|e)\s+(?:control\s+(?:of|over)\s+)?|evacuat(?:ed|ing)|gave\s+up|ceded|surrendered(?!\s+to\b)|"
     r"left(?=\s+(?-i:[A-Z])|\s+the\s+(?:city|town|village|area|district|enclave))"),
    ("attacked", "active",
     r"(?:air\s*-?\s*strikes?|air\s+raids?|strikes?|sorties|bombings?|bombardments?|shelling|shells|mortars?|rockets?|missiles?|artillery\s+fire|"
     r"attacks?|assaults?|car\s+bomb(?:ing)?s?(?:\s+attacks?)?|suicide\s+(?:car\s+)?bomb(?:ing|ings|ers?|s)?(?:\s+attacks?)?|IEDs?|"
     r"clashes|fighting|battles?|skirmishes|raids?|ambush(?:es)?|counter-?attacks?)\s+"
     r"(?:(?:broke\s+out|erupted|raged|continued|intensified|took\s+place|were\s+reported)\s+(?:on\s+\w+\s+)?)?(?:on|in|at|against|near|around|targeting|inside|across|over|in\s+and\s+around)"),
    # "barrel bombs fell on al-Shaar": what fell is the weapon, the place is hit
    ("attacked", "active", r"(?:fell|rained|landed|crashed)\s+(?:down\s+)?(?:on|in|onto)\b|(?:took|take|taking|takes|exacted)\s+(?:their\s+|its\s+)?revenge\s+on"),
    ("attacked", "active",
     r"shell(?:ed|ing|s)|bomb(?:ed|ing|s)|bombard(?:ed|ing|s)?|pound(?:ed|ing|s)|struck|strik(?:e|es|ing)|hit|target(?:ed|ing)|attack(?:ed|ing|s)?|raid(?:ed|ing)|ambush(?:ed|ing)|stormed|"
     r"bl(?:ew|own|owing)\s+up|destroy(?:ed|ing|s)?|detonat(?:ed|ing)\s+(?:\w+\s+){0,2}?(?:in|inside|at)"),
]
# At one start the rule listed first wins: passive and specific rules come before their
# active twins above.
_SCANNER = WordScanner([pattern for _, _, pattern in RULES], flags="(?i)")
# "ISIS-held Mosul": the actor is glued to the participle.
_COMPOUND = re.compile(r"(?i)(?<=\w)-(?:held|controlled|occupied|dominated|run)\b")
AIR_TRIGGER = re.compile(r"(?i)air|bomb|warplane|jet")

@dataclass
class Trigger:
    start: int
    end: int
    claim_type: str
    shape: str
    match: re.Match


def find_triggers(text: str) -> list[Trigger]:
    """Non-overlapping triggers in text order; at one start the longest wins."""
    found = [Trigger(m.start(), m.end(), "holds", "compound", m) for m in _COMPOUND.finditer(text)]
    for n, match in _SCANNER.scan(text):
        claim_type, shape, _ = RULES[n]
        found.append(Trigger(match.start(), match.end(), claim_type, shape, match))
    found.sort(key=lambda t: (t.start, t.start - t.end))
    kept: list[Trigger] = []
    for trigger in found:
        if not kept or trigger.start >= kept[-1].end:
            kept.append(trigger)
    return kept
