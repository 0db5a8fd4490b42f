"""The layout conventions of news copy, read once per article for every step that needs them.

A news story is not only sentences. It opens with a headline (sometimes in
ALL CAPS, sometimes in Title Case, as its section headings may be), its first paragraph may open with a
dateline ("ISLAMABAD, Sep 6 (UrduPoint / ... 2021 ) :", "LONDON (Reuters) -",
"NEW YORK, May 3 (AP) —", "LONDON 1996-08-30") or a credit ("(CNN) —"), and wire
copy prints headlines and results tables in capitals. Each of these changes how
the text must be read:

- ner_case gives words in all-caps and title-case lines, and the capitals of a
  dateline's place, the case the article uses for them before the model reads them;
- entities counts a mention in an all-caps line as weaker evidence, makes a
  dateline's place a place, and does not rank a news agency named only in a
  credit as a subject of the story;
- boilerplate cuts a dateline or credit off the sentence it opens, so a key point
  starts where the story does.

`read_layout(article)` marks these once per article; `dateline_at()` is the one
dateline grammar, also used on single sentences. The patterns describe the
conventions of news writing in general, not any one site.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from .article import Article, BlockKind, Role

# A block counts as written in capitals when at least this share of its letters are capitals
# (and it has at least MIN_CAPS_LETTERS letters: "UK" alone says nothing about the line).
CAPS_SHARE = 0.75
MIN_CAPS_LETTERS = 4

_WORD = re.compile(r"[^\W\d_]+(?:['’.-][^\W\d_]+)*")

# The place of a dateline: up to four words in capitals opening a paragraph or sentence.
_PLACE = re.compile(r"[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3}")
# What may follow the place and shows it is one: a date or region after a comma ("ISLAMABAD, Sep 6",
# "ROCHESTER , N.H.", "SIOUX FALLS, S.D.", "AUSTIN, TX"), a date ("LONDON 1996-08-30", "PARIS 8/30"),
# a credit in brackets or a dash.
_PLACE_EVIDENCE = re.compile(
    r"\s*,\s*[A-Z][a-z]{2}|\s*,\s*[A-Z][a-z]?\.(?:\s?[A-Z][a-z]?\.)*|\s*,\s*[A-Z]{2}\b|\s*,\s*\d"
    r"|\s+\d{4}-\d{2}-\d{2}|\s+\d{1,2}/\d{1,2}|\s*\(|\s+[-–—]\s")
# The whole opening the story's first sentence comes after: the place, an optional date or region,
# an optional credit in brackets, then a colon or a dash before a new sentence.
_OPENING = re.compile(
    r"(?:\s*,\s*[^:()\n]{1,30}?)?"  # ", Sep 6" / ", Pakistan"
    r"\s*(?:\([^()\n]{1,80}\))?"  # "(Reuters)"
    r"\s*(?::|--?|–|—)\s*"
    r"(?=[\"'“‘(]?[A-Z0-9])"  # the story goes on with a new sentence
)
# The source in brackets after a dateline's place: "(UrduPoint / Pakistan Point News - 6th Sep, 2021 )".
_CREDIT_AFTER_PLACE = re.compile(r"[^()\n]{0,30}?\(([^()\n]{1,100})\)")
# A credit opening the story with no place: "(CNN) —", "(Reuters) -".
_CREDIT_LEAD = re.compile(r"\(([A-Z][\w.&' ]{1,30})\)\s*(?::|--?|–|—)?\s*(?=[\"'“‘A-Z0-9])")


@dataclass(frozen=True)
class Dateline:
    """Where a story says where it was filed and who filed it: text[start:story_start] is the whole opening."""

    start: int
    place: tuple[int, int] | None  # "ISLAMABAD"; None for a bare credit such as "(CNN) —"
    credit: tuple[int, int] | None  # the source inside the brackets, "Reuters"
    story_start: int  # where the story's own sentence begins (start if nothing marks it)


def dateline_at(text: str, start: int, end: int) -> Dateline | None:
    """The dateline or credit opening text[start:end], if there is one.

    The place counts when the layout shows it is one (a date, a region, a credit
    or a dash follows it); the story starts after the opening only when a colon
    or dash ends it and a new sentence follows.
    """
    story_start = start
    place = credit = None
    lead = _CREDIT_LEAD.match(text, start, end)
    if lead and lead.end() < end:
        credit = lead.span(1)
        story_start = lead.end()
    match = _PLACE.match(text, story_start, end)
    if match:
        if _PLACE_EVIDENCE.match(text, match.end(), end):
            if match.end() - match.start() >= 3:
                place = match.span()
            bracket = _CREDIT_AFTER_PLACE.match(text, match.end(), end)
            if bracket and credit is None:
                credit = bracket.span(1)
        opening = _OPENING.match(text, match.end(), end)
        if opening and opening.end() < end:
            story_start = opening.end()
    if place is None and credit is None and story_start == start:
        return None
    return Dateline(start, place, credit, story_start)


@dataclass(frozen=True)
class NewsLayout:
    """What the layout of one article says about how to read its text (offsets into article.text)."""

    caps_blocks: tuple[tuple[int, int], ...]  # blocks written in capitals, in order
    title_case_headlines: tuple[tuple[int, int], ...]  # headlines and section headings with Every Long Word Capitalised
    datelines: tuple[Dateline, ...]  # one per block that opens with one, in order
    story_datelines: tuple[Dateline, ...]  # those opening the headline-less body (story text)

    def in_caps(self, offset: int) -> bool:
        """Whether offset falls in a block written in capitals."""
        return _inside(offset, self.caps_blocks)

    def credits(self) -> list[tuple[int, int]]:
        """The sources credited in datelines: "Reuters" in "LONDON (Reuters) -"."""
        return [d.credit for d in self.datelines if d.credit is not None]

    def dateline_places(self) -> list[tuple[int, int]]:
        """The places of the datelines that open story paragraphs."""
        return [d.place for d in self.story_datelines if d.place is not None]


def read_layout(article: Article) -> NewsLayout:
    """Mark the article's all-caps blocks, title-case headlines, datelines and credits."""
    text = article.text
    caps, titles, datelines, story = [], [], [], []
    for block in article.blocks:
        chunk = text[block.start:block.end]
        if is_caps_line(chunk):
            caps.append((block.start, block.end))
        elif (block.role == Role.HEADLINE or block.kind == BlockKind.HEADING) and is_title_case_line(chunk):
            # a section heading in Title Case ("What Does Velora Offer?") misleads the model as a headline does
            titles.append((block.start, block.end))
        dateline = dateline_at(text, block.start, block.end)
        if dateline is not None:
            datelines.append(dateline)
            if block.role in (Role.BODY, Role.STANDFIRST):
                story.append(dateline)
    return NewsLayout(tuple(caps), tuple(titles), tuple(datelines), tuple(story))


def is_caps_line(line: str) -> bool:
    """A line written in capitals: a wire headline, a results table, a kicker."""
    letters = [c for c in line if c.isalpha()]
    if len(letters) < MIN_CAPS_LETTERS:
        return False
    return sum(c.isupper() for c in letters) >= CAPS_SHARE * len(letters)


def is_title_case_line(line: str) -> bool:
    """A headline in Title Case: most words of four letters or more start with a capital."""
    words = [w for w in _WORD.findall(line) if len(w) >= 4]
    if len(words) < 3:
        return False
    upper = sum(1 for w in words if w[0].isupper() and not w.isupper())
    return upper >= 0.8 * len(words)


def _inside(offset: int, ranges: tuple[tuple[int, int], ...] | list[tuple[int, int]]) -> bool:
    index = bisect.bisect_right(ranges, (offset, float("inf"))) - 1
    return index >= 0 and ranges[index][0] <= offset < ranges[index][1]
