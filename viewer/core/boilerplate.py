"""Recognise the parts of a news page that are not the story: datelines, bylines, captions, "Read more" lines.

Key points must never be one of these, and a dateline ("ISLAMABAD, Sep 6 (...) :",
"LONDON (Reuters) -", read by news_layout) is cut off the sentence it opens. The
patterns describe the conventions of news writing in general (wire-service
credits, caption credits, newsletter prompts), not any one site.
"""
from __future__ import annotations

import re

from .news_layout import dateline_at
from .nonarticle import CREDIT_MARK

_BOILERPLATE_START = re.compile(
    r"(?:read more|read also|also read|see also|more on this|related(?: articles?| stories| coverage)?\s*:|"
    r"recommended\s*:|watch\s*:|listen\s*:|advertisement\b|sponsored\b|click here|tap here|"
    r"subscribe (?:to|now|here)|sign up (?:for|to|here|now)|follow (?:us|@)|like us on|share this|share on|"
    r"download (?:the|our) app|continue reading|copyright\s*(?:©|\(c\)|\d{4})|©|\(c\) \d{4}|"
    r"all rights reserved|this (?:article|story) "
    r"(?:was|has been|first|originally)|(?:photo|picture|image|video|graphic)s?(?: credit)?\s*(?::|by\b)|"
    r"file photo|(?:image|media|photo)? ?caption\s*:|credit\s*:|reporting by|writing by|editing by|"
    r"additional reporting|"
    r"compiled by|(?:written|posted|published|updated|contributed) by)",
    re.IGNORECASE,
)
# "By John Smith", "By Jane Doe, BBC News": a name right after "By" (case matters here,
# so "By contrast, ..." is a sentence).
_BY_NAME = re.compile(r"By [A-Z][\w.'-]+(?: (?:[A-Z][\w.'-]+|de|la|le|du|da|di|del|der|den|van|von|al|el|bin|ibn)){1,5}"
                      r"\s*(?:$|[,|/–—-]|and [A-Z])")
# "... in London on May 3, 2020. REUTERS/Toby Melville", "(AFP/Getty Images)", "Photo: AP".
# The first kind needs a "/", "(" or ":" (nonarticle.CREDIT_MARK), so it is searched only where one is: few
# sentences have one, and the case-blind search costs (39 ms for 100k words, against 8 now with both kinds).
_MARKED_CAPTION_CREDIT = re.compile(
    r"\b(?:REUTERS|AFP|AP|EPA|Getty Images|Xinhua|Bloomberg|PA|Shutterstock|Alamy)\s*/\s*\w"
    r"|\((?:Photo|Picture|Image)\b[^)]*\)|\bPhoto(?:graph)?:\s",
    re.IGNORECASE,
)
_CAPTION_CREDIT = re.compile(r"\bGetty Images\b\s*$|\bFile Photo\b", re.IGNORECASE)
_URL_OR_MAIL = re.compile(r"https?://|www\.|\S+@\S+\.\w+")  # each needs a "://", a "www." or an "@"
# Lines made only of a name and a role: "John Smith | Staff Writer", "By Jane Doe, BBC News".
_BYLINE = re.compile(r"^(?:by\s+)?[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,3}\s*(?:[|,/–—-]\s*[\w .'-]{0,40})?$")


def dateline_end(text: str, start: int, end: int) -> int:
    """Where the sentence text[start:end] really begins once a dateline or credit opening it is cut off."""
    dateline = dateline_at(text, start, end)
    return dateline.story_start if dateline is not None else start


def _is_caption_credit(text: str) -> bool:
    return ((CREDIT_MARK.search(text) is not None and _MARKED_CAPTION_CREDIT.search(text) is not None)
            or _CAPTION_CREDIT.search(text) is not None)


def is_boilerplate(sentence: str) -> bool:
    """True for bylines, captions, credits and "Read more"-style prompts."""
    stripped = sentence.strip().lstrip("•·*-–— ").strip()
    if not stripped:
        return True
    if _BOILERPLATE_START.match(stripped) or _BY_NAME.match(stripped) or _is_caption_credit(stripped):
        return True
    if ("@" in stripped or "www." in stripped or "://" in stripped) and _URL_OR_MAIL.search(stripped) \
            and len(stripped.split()) < 15:
        return True
    words = stripped.split()
    # A short line with no sentence punctuation that is all names: a byline.
    if len(words) <= 8 and not re.search(r"[.!?]$", stripped) and _BYLINE.match(stripped):
        return True
    return False
