"""A label that fits its text to the width it is given instead of asking for the width of its longest word.

QLabel's word wrap breaks only between words: a title that is one 400-character
address asks for 3,000 pixels, squeezing the sidebar and growing the window past
the screen. FittedLabel never asks for width; it breaks its text at the width it
gets (between words where it can, anywhere where a word is longer than a line)
and, given max_lines, elides the last line, with the whole text in its tooltip.
"""
from __future__ import annotations

import unicodedata

from PySide6.QtCore import QSize
from PySide6.QtGui import QFontMetrics, QTextLayout, QTextOption
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

ELLIPSIS = "\u2026"
_JOINERS = "\u200d\ufe0e\ufe0f"  # zero-width joiner and the variation selectors: part of the character before


def fit_lines(text: str, metrics: QFontMetrics, font, width: int, max_lines: int | None) -> list[str]:
    """text broken into lines of at most width pixels; past max_lines the last line is elided with "…"."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        layout = QTextLayout(paragraph, font)
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        layout.setTextOption(option)
        layout.beginLayout()
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(width)
            start = line.textStart()
            if max_lines is not None and len(lines) == max_lines - 1:
                lines.append(elide_right(paragraph[start:], metrics, width))
                layout.endLayout()
                return lines
            lines.append(paragraph[start:start + line.textLength()].rstrip())
        layout.endLayout()
    return lines


def elide_right(text: str, metrics: QFontMetrics, width: int) -> str:
    """text, or as much of its start as fits in width pixels followed by "…".

    What QFontMetrics.elidedText(text, Qt.TextElideMode.ElideRight, width) gives,
    without naming the Qt namespace: a label is first fitted to the small width
    it has before the window is laid out, so this runs before the first paint,
    where building that namespace would cost 14 ms (qt_values). A cut never
    parts a letter from the accents or joiners that follow it.
    """
    if metrics.horizontalAdvance(text) <= width:
        return text
    low, high = 0, len(text)  # text[:low] + "…" fits; text[:high + 1] + "…" does not
    while low < high:
        middle = (low + high + 1) // 2
        if metrics.horizontalAdvance(text[:middle] + ELLIPSIS) <= width:
            low = middle
        else:
            high = middle - 1
    while 0 < low < len(text) and (unicodedata.combining(text[low]) or text[low] in _JOINERS
                                   or text[low - 1] == "\u200d"):
        low -= 1
    return text[:low] + ELLIPSIS if low or metrics.horizontalAdvance(ELLIPSIS) <= width else ""


class FittedLabel(QLabel):
    """Shows its text broken to the width the layout gives it; text() is the whole text."""

    def __init__(self, parent: QWidget | None = None, max_lines: int | None = None) -> None:
        super().__init__(parent)
        self._full = ""
        self._max_lines = max_lines
        # The lines last fitted, by (text, width, font): a layout asks the height for the same width
        # many times and every change event refits, about twenty fits before the window first paints.
        self._fitted: tuple[tuple[str, int, str], list[str]] | None = None
        # Ignored: the layout gives the width; the height follows from it (hasHeightForWidth).
        policy = QSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def setText(self, text: str) -> None:  # noqa: N802 - Qt's name, so callers need not know the difference
        self._full = text or ""
        self._refit()

    def text(self) -> str:
        return self._full

    def shown_text(self) -> str:
        """What is on screen: the text broken into lines, perhaps elided."""
        return super().text()

    def minimumSizeHint(self) -> QSize:
        return QSize(0, super().minimumSizeHint().height())

    def sizeHint(self) -> QSize:
        return QSize(0, super().sizeHint().height())

    def heightForWidth(self, width: int) -> int:
        margins = self.contentsMargins()
        lines = self._lines(width - margins.left() - margins.right())
        return len(lines) * self.fontMetrics().lineSpacing() + margins.top() + margins.bottom()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._refit()

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if hasattr(self, "_fitted"):  # Qt sends some before __init__ has finished
            self._refit()  # a new font breaks the lines elsewhere

    def _lines(self, width: int) -> list[str]:
        if not self._full:
            return []
        font = self.font()
        key = (self._full, max(width, 16), font.key())
        if self._fitted is None or self._fitted[0] != key:
            self._fitted = key, fit_lines(self._full, self.fontMetrics(), font, key[1], self._max_lines)
        return self._fitted[1]

    def _refit(self) -> None:
        shown = "\n".join(self._lines(self.contentsRect().width()))
        if shown != super().text():
            super().setText(shown)
            self.updateGeometry()
        self.setToolTip(self._full if shown.replace("\n", " ") != self._full else "")
