"""Credit and caption checks: looking for a credit's marks first answers exactly as the full patterns do.

is_photo_credit and is_boilerplate search their slow case-blind patterns only
where a "/", "(", ":" or "©" is, and an agency's name at the end only in the
text's last characters; is_credit looks for "contributed" only where "contr"
is. The patterns written out whole here are the reference.
"""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from viewer.core import boilerplate
from viewer.core.boilerplate import is_boilerplate
from viewer.core.nonarticle import is_credit, is_photo_credit

PHOTO_CREDIT_IN_FULL = re.compile(
    r"\b(?:REUTERS|AFP|AP|EPA|Getty Images|Xinhua|Bloomberg|PA|Shutterstock|Alamy|Reuters)\s*/\s*\w"
    r"|\((?:Photo|Picture|Image|Credit)s?\b[^)]*\)"
    r"|\b(?:Photo|Picture|Image)s?\s*(?:credit)?\s*:\s*\S"
    r"|[a-z][.!?](?:Reuters|AFP|AP|Getty Images|EPA|Bloomberg|Xinhua|Shutterstock)\s*$"
    r"|(?:^|\s)(?:©|\(c\))\s*\w",
    re.IGNORECASE)
CAPTION_CREDIT_IN_FULL = re.compile(
    r"\b(?:REUTERS|AFP|AP|EPA|Getty Images|Xinhua|Bloomberg|PA|Shutterstock|Alamy)\s*/\s*\w"
    r"|\((?:Photo|Picture|Image)\b[^)]*\)|\bGetty Images\b\s*$|\bFile Photo\b|\bPhoto(?:graph)?:\s",
    re.IGNORECASE)
CREDIT_IN_FULL = re.compile(
    r"^[(\[]?\s*(?:(?:additional )?reporting by|writing by|editing by|edited by|compiled by|produced by|"
    r"source\s*:|sources\s*:|with (?:reporting|additional reporting) (?:by|from)|"
    r"(?:photos?|pictures?|images?|video)\s*(?::|by\b|courtesy))"
    r"|\b(?:contributed (?:to )?this (?:report|story|article)|contributed reporting)\W*$",
    re.IGNORECASE)
URL_OR_MAIL = re.compile(r"https?://|www\.|\S+@\S+\.\w+")

PIECES = ["Reuters", "REUTERS", "AFP", "Getty Images", "getty images", "Shutterstock", "Photo", "photos",
          "Picture", "Image", "Credit", "credit", "Photograph", "File Photo", "FILE PHOTO", "©", "(c)", "(C)",
          "/", "(", ")", ":", ".", "!", "?", " ", " ", "  ", "\n", "a", "y", "Jane Roe", "the market fell",
          "www.", "https://", "@", "mail", ".com", "ſ", "ı", "K",
          # whole shapes, which joined pieces rarely make
          "y.Getty Images", "d.Reuters", "n!AFP", "Photo: J", "Photos credit:J", "Photograph: ", "(Photo by J)",
          "AFP/Jane", "© Jane", "(c) 2021", "contributed this report", "CONTRİBUTED reporting",
          "contrıbuted this story", "contributed",
          "reporting by", "(Edited by", "Sources :"]
texts = st.lists(st.sampled_from(PIECES), max_size=14).map("".join)


def photo_credit_in_full(text: str) -> bool:
    return bool(PHOTO_CREDIT_IN_FULL.search(text.strip())) and len(text.split()) <= 60


@settings(max_examples=400)
@given(texts)
def test_a_credit_is_found_as_the_full_pattern_finds_it(text):
    stripped = text.strip()
    assert is_credit(text) == (bool(CREDIT_IN_FULL.search(stripped)) and len(stripped.split()) <= 40)


@settings(max_examples=400)
@given(texts)
def test_a_photo_credit_is_found_as_the_full_pattern_finds_it(text):
    assert is_photo_credit(text) == photo_credit_in_full(text)


def boilerplate_in_full(sentence: str) -> bool:
    """is_boilerplate as it was written before the marks were looked for first."""
    stripped = sentence.strip().lstrip("•·*-–— ").strip()
    if not stripped:
        return True
    if (boilerplate._BOILERPLATE_START.match(stripped) or boilerplate._BY_NAME.match(stripped)
            or CAPTION_CREDIT_IN_FULL.search(stripped)):
        return True
    if URL_OR_MAIL.search(stripped) and len(stripped.split()) < 15:
        return True
    return (len(stripped.split()) <= 8 and not re.search(r"[.!?]$", stripped)
            and bool(boilerplate._BYLINE.match(stripped)))


@settings(max_examples=400)
@given(texts)
def test_a_caption_credit_or_an_address_is_found_as_the_full_patterns_find_them(text):
    assert is_boilerplate(text) == boilerplate_in_full(text)


def test_the_shapes_are_still_credits():
    assert is_photo_credit("Crowds gather in the square. REUTERS/Jane Roe")
    assert is_photo_credit("Crowds gathered in the square on Monday.Reuters")
    assert is_photo_credit("(Photo: Jane Roe)")
    assert is_boilerplate("Crowds gather in the square. FILE PHOTO")
    assert is_boilerplate("Write to jane@example.com")
    assert not is_photo_credit("The market fell: shares in Velora lost 4%.")
    assert not is_boilerplate("The market fell as shares in Velora lost 4% on Monday.")
