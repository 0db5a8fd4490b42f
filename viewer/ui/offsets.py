"""Converting the core's text offsets to Qt document positions and back.

The core (and the JSON contract) counts offsets in Python code points, while a
QTextDocument counts UTF-16 code units: every character outside the Basic
Multilingual Plane (most emoji, flags, some CJK, mathematical letters) takes two
positions in the document and one in the text. TextOffsets is built once per
text shown and converts in O(log n) from a sorted table of where those
characters are; a text without any (nearly every article) converts for free.
"""
from __future__ import annotations

import bisect
import re

_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")


class TextOffsets:
    """Offsets into one text <-> positions in a QTextDocument (or layout) holding exactly that text."""

    __slots__ = ("_astral", "_astral_positions", "identity")

    def __init__(self, text: str = "") -> None:
        # str.isascii is O(1) in CPython; the search runs in C and only for non-ASCII text.
        if text.isascii() or _ASTRAL.search(text) is None:
            astral: list[int] = []
        else:
            astral = [match.start() for match in _ASTRAL.finditer(text)]
        self._astral = astral  # text offsets of the astral characters, ascending
        # ...and their document positions: each one before it added a unit.
        self._astral_positions = [offset + before for before, offset in enumerate(astral)]
        self.identity = not astral  # offsets and positions are the same numbers

    def to_document(self, offset: int) -> int:
        """The document position of text offset `offset`."""
        if self.identity:
            return offset
        return offset + bisect.bisect_left(self._astral, offset)

    def to_text(self, position: int) -> int:
        """The text offset of document position `position`.

        A position inside a surrogate pair (Qt never puts the caret there, but a
        layout could report one) gives the offset of that character.
        """
        if self.identity:
            return position
        return position - bisect.bisect_left(self._astral_positions, position)

    def span_to_document(self, start: int, end: int) -> tuple[int, int]:
        if self.identity:
            return start, end
        return self.to_document(start), self.to_document(end)

    def span_to_text(self, start: int, end: int) -> tuple[int, int]:
        if self.identity:
            return start, end
        return self.to_text(start), self.to_text(end)

    def __repr__(self) -> str:
        return f"TextOffsets(astral={len(self._astral)})"
