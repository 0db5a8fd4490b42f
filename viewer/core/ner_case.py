"""Give the language model text in the case it was trained on, without moving a single offset.

News is full of text in the wrong case for a statistical tagger: ALL-CAPS
headlines and sports tables, ALL-CAPS datelines ("ISLAMABAD, Sep 6 ...") and
surnames ("Kuinori MATSUDA"), and Title Case headlines in which every word looks
like a name. The model sees word shapes, so it misses names written in capitals
and invents names in title-cased headlines.

`model_text` rewrites such words before the model runs, character for character
(the result has exactly the same length, so every offset the model reports is an
offset into the original text). Each word takes the case the article itself uses
for it elsewhere ("LEICESTERSHIRE" -> "Leicestershire" if the body says so,
"Invites" -> "invites"). A word the article never writes otherwise becomes lower
case in an all-caps headline (most of its words are ordinary ones; measured
better than Title case) but Title case in an all-caps table row, where words are
names; a lone all-caps word in running text is a name from six letters on
("MATSUDA") and an acronym below that ("JICA", "NASA said ..."), except in the
place of a dateline ("ISLAMABAD, Sep 6 ...", "NEW YORK (AP) -"), which is a name
whatever its length. news_layout says which lines are in capitals or Title Case
and where the datelines are.

Two rewrites are not of case: a rank glued to a name by a dash ("7 - Jane Roe")
is blanked, and the cells of a table row reach the model with a semicolon
between them instead of " | ", so that no entity runs from one cell into the next.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict

from .article import CELL_SEPARATOR, Article, BlockKind
from .english import FUNCTION_WORDS
from .news_layout import NewsLayout, read_layout

_WORD = re.compile(r"[^\W\d_]+(?:['’.-][^\W\d_]+)*")
# An all-caps word inside a normal line is taken for a name, not an acronym, from this length on.
CAPS_NAME_MIN = 6
_NUMBER = re.compile(r"(?<![\w.])[\d.,:-]*\d(?![\w])")


def _is_table_row(line: str) -> bool:
    """A results or standings row ("CHICAGO 45 30 .600 2"): a few words among numbers, nearly all names."""
    return len(_NUMBER.findall(line)) >= 2 and len(_WORD.findall(line)) <= 4


def _lower(text: str) -> str:
    # str.lower() may lengthen a few characters (e.g. "İ"); keep those as they are.
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def _title(word: str) -> str:
    return word[:1] + _lower(word[1:])


class CaseModel:
    """How the article writes each word where its case carries information.

    Only words not at the start of a sentence are counted, since a capital
    there says nothing; all-caps and title-case lines are not counted either.
    """

    def __init__(self, text: str, ignore: list[tuple[int, int]]):
        self.forms: dict[str, Counter] = defaultdict(Counter)
        self.openers: dict[str, Counter] = defaultdict(Counter)  # forms seen only opening a sentence
        spans = sorted(ignore)
        position = 0
        for start, end in spans + [(len(text), len(text))]:
            self._count(text[position:start])
            position = max(position, end)

    def _count(self, chunk: str) -> None:
        for match in _WORD.finditer(chunk):
            word = match.group()
            i = match.start() - 1
            while i >= 0 and chunk[i] in " \t\"'“‘(":
                i -= 1
            if i < 0 or chunk[i] in ".!?:\n":
                self.openers[word.casefold()][word] += 1  # the capital may not be the word's own
                continue
            self.forms[word.casefold()][word] += 1

    def usual_form(self, word: str) -> str | None:
        """The article's most frequent way of writing word; all-caps only if it never writes it otherwise."""
        forms = self.forms.get(word.casefold()) or self.openers.get(word.casefold())
        if not forms:
            return None
        ranked = sorted(forms.items(), key=lambda item: (item[0].isupper() and len(item[0]) > 1, -item[1]))
        form = ranked[0][0]
        if len(form) != len(word):
            return None
        return form


def _recase_line(line: str, case: CaseModel, all_caps: bool) -> str:
    # A word the article never writes otherwise: in a headline most words are ordinary
    # ones, so lower case; in a table row they are names, so Title case.
    unknown = _title if all_caps and _is_table_row(line) else _lower
    out = []
    position = 0
    for index, match in enumerate(_WORD.finditer(line)):
        word = match.group()
        out.append(line[position:match.start()])
        position = match.end()
        if not all_caps and not word[:1].isupper():
            out.append(word)
            continue
        known = case.usual_form(word)
        if known is not None and not (known.isupper() and len(known) > 1):
            new = known
        elif word.casefold() in FUNCTION_WORDS:
            new = _lower(word)
        elif all_caps:
            if known is not None and len(word) < CAPS_NAME_MIN:
                new = known  # an acronym the article also writes in capitals
            elif len(word) <= 2:
                new = word
            else:
                new = unknown(word)
        else:
            new = word
        if index == 0 and new[:1].islower():
            new = new[:1].upper() + new[1:] if len(new[:1].upper()) == 1 else new
        out.append(new)
    out.append(line[position:])
    result = "".join(out)
    return result if len(result) == len(line) else line


_CAPS_WORD = re.compile(r"\b[A-Z][A-Z'’-]*[A-Z]\b")


def _recase_caps_words(line: str, case: CaseModel, place: tuple[int, int] | None) -> str:
    """All-caps words in a normal line: names ("MATSUDA", a dateline's "ISLAMABAD") get their usual case.

    place is where the line's dateline place is, relative to the line, if it opens with one.
    """
    def fix(match: re.Match) -> str:
        word = match.group()
        known = case.usual_form(word)
        if known is not None and not known.isupper():
            return known
        in_place = place is not None and place[0] <= match.start() < place[1]
        if len(word) >= CAPS_NAME_MIN or (in_place and len(word) >= 3):
            return _title(word)
        return word
    result = _CAPS_WORD.sub(fix, line)
    return result if len(result) == len(line) else line


def model_text(article: Article, layout: NewsLayout | None = None) -> str:
    """The article's text, same length, with case repaired where the model would be misled."""
    text = article.text
    layout = layout or read_layout(article)
    places = {start: (start, end) for start, end in
              (d.place for d in layout.datelines if d.place is not None)}
    odd = sorted(layout.caps_blocks + layout.title_case_headlines)
    kinds: list[tuple[int, int, str]] = []
    caps = set(layout.caps_blocks)
    titles = set(layout.title_case_headlines)
    for paragraph in article.blocks or ():
        span = (paragraph.start, paragraph.end)
        if span in caps:
            kinds.append((paragraph.start, paragraph.end, "caps"))
        elif span in titles:
            kinds.append((paragraph.start, paragraph.end, "title"))
        elif paragraph.start in places or _CAPS_WORD.search(text, paragraph.start, paragraph.end):
            kinds.append((paragraph.start, paragraph.end, "words"))
    if not kinds:
        return _cells_apart(_unrank(text), article)
    case = CaseModel(text, odd)
    pieces = []
    position = 0
    for start, end, kind in kinds:
        pieces.append(text[position:start])
        chunk = text[start:end]
        if kind == "caps":
            pieces.append(_recase_line(chunk, case, all_caps=True))
        elif kind == "title":
            pieces.append(_recase_line(chunk, case, all_caps=False))
        else:
            place = places.get(start)
            pieces.append(_recase_caps_words(chunk, case, (place[0] - start, place[1] - start) if place else None))
        position = end
    pieces.append(text[position:])
    result = _cells_apart(_unrank("".join(pieces)), article)
    assert len(result) == len(text)
    return result


# "1 - Pete Sampras ( U.S. ) beat 7 - Chris Walker": a seed or rank number glued to a
# name by a dash makes the model miss the name or swallow it into a number.
_RANK = re.compile(r"(?<![^\s(,;])\d{1,3}\s+[-–]\s+(?=[A-Z][a-z])")


def _unrank(text: str) -> str:
    return _RANK.sub(lambda match: " " * len(match.group()), text)


# A table row reaches the model as one line, its cells joined by CELL_SEPARATOR, and the model
# runs a name into the number in the next cell ("3 | Jane Roe" taken for one quantity) or two
# headings into one name. A semicolon, same length, makes each cell a clause of its own: on the
# tables of the development pages no entity the model found crossed one.
_CELL_BREAK = " ; "
assert len(_CELL_BREAK) == len(CELL_SEPARATOR)


def _cells_apart(text: str, article: Article) -> str:
    rows = [block for block in article.blocks or () if block.kind == BlockKind.TABLE_ROW]
    if not rows:
        return text
    pieces, position = [], 0
    for row in rows:
        pieces.append(text[position:row.start])
        pieces.append(text[row.start:row.end].replace(CELL_SEPARATOR, _CELL_BREAK))
        position = row.end
    pieces.append(text[position:])
    return "".join(pieces)
