"""Hedges that change what a trigger claims: negation and modality drop it ("did not enter",
"could fall"), an attempt turns a capture into an advance ("tried to storm").
"""
from __future__ import annotations

import re

from extraction.claim_rules import Trigger

_ATTEMPT = re.compile(
    r"(?i)\b(?:fail(?:ed|s|ing)?|tr(?:ied|ying|y|ies)|attempt(?:ed|ing|s)?|sought|seek(?:s|ing)?|bid|aim(?:ed|ing|s)?|plan(?:ned|ning|s)?|"
    r"prepar(?:ed|ing|es)|poised|set|expected|vow(?:ed|ing|s)?|hop(?:ed|ing|es)|want(?:ed|s)?|intend(?:ed|s)?|order(?:ed|s)?|efforts?|"
    r"ready|determined|going|operations?|offensive|campaign|push|drive|battle|fight|struggl\w+)\b(?:\s+[\w-]+){0,3}?\s+to\s*$|\bto\s*$|"
    # "with the stated aim of driving IS out of", "paving the way for entering the town"
    r"\b(?:aim|goal|objective|intention|purpose|hope)\s+of\s*$|\bpav(?:ed|ing|es|e)\s+the\s+way\s+(?:for|to)\s+(?:the\s+|an?\s+)?$"
)
_SINCE_START = re.compile(r"(?i)\b(?:after|since|before)\s+(?:the\s+)?(?:start|beginning|launch)\s+of\s+(?:the\s+|an?\s+)?$")
# "forced to withdraw", "only to lose it", "allowing Iraqi forces to take": it happened
_SUCCESS = re.compile(r"(?i)\b(?:(?:managed|succeeded|able|forced|compelled|obliged|only)|(?:used|using|exploited|seized)\s+(?:the\s+|this\s+|that\s+)?(?:[\w-]+\s+){0,2}?(?:cover|chance|opportunity|lull|confusion|momentum)|(?:allow\w*|enabl\w*|leaving)(?:\s+[\w'-]+){1,4}?)\s+to\s*$")
_MODAL = re.compile(r"(?i)\b(?:would|could|might|(?-i:may)|will|shall|can|should|must|if|unless|whether|threaten\w*|(?:un)?likely\s+to)\b[^,;.:]{0,50}$")
_NEGATION = re.compile(r"(?i)(?:\b(?:not|never|no\s+longer|yet\s+to|denied|deny|denies|refuted|rejected\s+claims?)\b|n't\b)[^.;]{0,40}$")


def hedge_window_blocks(text: str, position: int) -> bool:
    """Does negation or modality before `position` take back what follows ("did not", "could")?"""
    window = text[max(0, position - 50):position]
    return bool(_NEGATION.search(window) or _MODAL.search(window) or _SINCE_START.search(window))


def hedge(text: str, trigger: Trigger, claim_type: str) -> tuple[str, float] | None:
    """(claim type, confidence factor) after negation, modality and attempts; None = drop."""
    window = text[max(0, trigger.start - 50):trigger.start]
    if hedge_window_blocks(text, trigger.start):
        return None
    if _ATTEMPT.search(window) and not _SUCCESS.search(window):
        if claim_type in ("captured", "entered"):
            return "advancing", 0.7
        if claim_type == "besieged":
            return "advancing", 0.6
        if claim_type == "attacked":
            return "advancing", 0.6  # "preparing to attack X": moving on it
        if claim_type == "lost":
            return None
        return claim_type, 0.8
    return claim_type, 1.0
