"""Converting the core's text offsets to Qt document positions and back.

The core (and the JSON contract) counts offsets in Python code points, while a
QTextDocument counts UTF-16 code units: every character outside the Basic
Multilingual Plane (most emoji, flags, some CJK, mathematical letters) takes two
positions in the document and one in the text.

The document may also hold line breaks the text does not have: a run of
characters without a space longer than UNBROKEN_RUN (a pasted blob, a minified
line, 5 MB of base64) is shown cut into blocks of BREAK_EVERY characters
(display_breaks), because Qt lays out one block at a time, all of it at once:
one 5 MB block held the window for 4 s, the same text in blocks appears in
0.04 s and is laid out in the background.

TextOffsets is built once per text shown and converts in O(log n) from sorted
tables of where those characters and breaks are; a text without any (nearly
every article) converts for free.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")
UNBROKEN_RUN = 10_000  # no real word is this long
BREAK_EVERY = 4096
_RUN = re.compile(rf"\S{{{UNBROKEN_RUN},}}")


def display_breaks(text: str) -> list[int]:
    """Text offsets before which the document shows a line break of its own (in very long unbroken runs)."""
    breaks: list[int] = []
    for match in _RUN.finditer(text):
        breaks.extend(range(match.start() + BREAK_EVERY, match.end(), BREAK_EVERY))
    return breaks


def with_breaks(text: str, breaks: Sequence[int]) -> str:
    """The text as the document holds it: a newline before each of the breaks."""
    if not breaks:
        return text
    bounds = [0, *breaks, len(text)]
    return "\n".join(text[start:end] for start, end in zip(bounds, bounds[1:], strict=False))


class TextOffsets:
    """Offsets into one text <-> positions in a QTextDocument (or layout) holding that text (and its breaks)."""

    __slots__ = ("_astral", "_astral_positions", "breaks", "_break_positions", "identity")

    def __init__(self, text: str = "", breaks: Sequence[int] = ()) -> None:
        # str.isascii is O(1) in CPython; the search runs in C and only for non-ASCII text.
        if text.isascii() or _ASTRAL.search(text) is None:
            astral: list[int] = []
        else:
            astral = [match.start() for match in _ASTRAL.finditer(text)]
        self._astral = astral  # text offsets of the astral characters, ascending
        # ...and their positions in a document without breaks: each one before it added a unit.
        self._astral_positions = [offset + before for before, offset in enumerate(astral)]
        self.breaks = list(breaks)  # text offsets before which the document has a line break of its own
        self._break_positions = [offset + bisect.bisect_left(astral, offset) + before
                                 for before, offset in enumerate(self.breaks)]  # those line breaks' positions
        self.identity = not astral and not self.breaks  # offsets and positions are the same numbers

    def to_document(self, offset: int) -> int:
        """The document position of text offset `offset`."""
        if self.identity:
            return offset
        return offset + bisect.bisect_left(self._astral, offset) + bisect.bisect_right(self.breaks, offset)

    def end_to_document(self, offset: int) -> int:
        """The document position where a span ending at text offset `offset` ends (before a break there)."""
        if self.identity:
            return offset
        return offset + bisect.bisect_left(self._astral, offset) + bisect.bisect_left(self.breaks, offset)

    def to_text(self, position: int) -> int:
        """The text offset of document position `position`.

        A position inside a surrogate pair (Qt never puts the caret there, but a
        layout could report one) gives the offset of that character; a position
        on a break of the document's own gives the offset of the character after it.
        """
        if self.identity:
            return position
        position -= bisect.bisect_left(self._break_positions, position)
        return position - bisect.bisect_left(self._astral_positions, position)

    def span_to_document(self, start: int, end: int) -> tuple[int, int]:
        if self.identity:
            return start, end
        return self.to_document(start), self.end_to_document(end)

    def span_to_text(self, start: int, end: int) -> tuple[int, int]:
        if self.identity:
            return start, end
        return self.to_text(start), self.to_text(end)

    def __repr__(self) -> str:
        return f"TextOffsets(astral={len(self._astral)}, breaks={len(self.breaks)})"
