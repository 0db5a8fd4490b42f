"""Where the reader is in the article: a thin progress line above the text, and the place kept per article.

ReadingProgress follows the reading pane's scroll bar and draws how much of
the article is behind the reader as a line three pixels high, in the theme's
highlight colour. ReadingPositions remembers, per article, the text offset at
the top of the view, so the article opens again where the reader left it.

Where the place is kept has one owner at a time. With the library on, the
library keeps it (a keeper: library_link.LibraryLink), and the place of an
article arrives once the library has found the article (settle()). With the
library off, the settings keep it, per file or address, for the last few
hundred articles; the library reads a place kept there once, when it has none.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, QTimer
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

from .qt_values import NO_FOCUS, set_enum_property

if TYPE_CHECKING:
    from .reading_pane import ReadingPane
    from .settings import Settings

HEIGHT = 3
MAX_POSITIONS = 300
SAVE_DELAY_MS = 800  # after scrolling stops; the position is also kept when the article changes or the app quits


class ReadingProgress(QWidget):
    """A line across the top of the text, as long as the share of the article already read."""

    def __init__(self, pane: ReadingPane, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("readingProgress")
        self.setAccessibleName("Reading progress")
        set_enum_property(self, "focusPolicy", NO_FOCUS)  # an int: see qt_values
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFixedHeight(HEIGHT)
        # Qt fills the background itself: nothing read yet (every first paint) needs no painter,
        # whose type, with QBrush's and QGradient's, PySide builds on first use (2 ms).
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.Base)
        self.pane = pane
        self._fraction = 0.0
        bar = pane.verticalScrollBar()
        bar.valueChanged.connect(self.update_fraction)
        bar.rangeChanged.connect(self.update_fraction)

    def sizeHint(self) -> QSize:
        return QSize(100, HEIGHT)

    def fraction(self) -> float:
        return self._fraction

    def update_fraction(self, *_args) -> None:
        fraction = self.pane.reading_fraction() if not self.pane.document().isEmpty() else 0.0
        if abs(fraction - self._fraction) < 0.001:
            return
        self._fraction = fraction
        percent = round(100 * fraction)
        self.setToolTip(f"{percent} % read")
        self.setAccessibleDescription(f"{percent} % of the article read")
        self.update()

    def paintEvent(self, _event) -> None:
        width = round(self.width() * self._fraction)
        if width:
            painter = QPainter(self)
            painter.fillRect(0, 0, width, self.height(), self.palette().color(QPalette.ColorRole.Highlight))
            painter.end()


class ReadingPositions:
    """The place the reader left each article at (a text offset), kept in the settings."""

    def __init__(self, settings: Settings, pane: ReadingPane) -> None:
        self.settings = settings
        self.pane = pane
        self.source: str | None = None  # the article shown, if its place is worth keeping
        # keeper(offset) keeps the place of the article shown instead of the settings (the library).
        self.keeper: Callable[[int], object] | None = None
        self._timer = QTimer(pane)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_DELAY_MS)
        self._timer.timeout.connect(self.keep)
        pane.verticalScrollBar().valueChanged.connect(lambda _value: self._timer.start())

    def position_of(self, source: str) -> int:
        value = self.settings.get("reading/positions").get(source, 0)
        return value if isinstance(value, int) and value > 0 else 0

    def keep(self) -> None:
        """Remember where the reader is in the article shown."""
        self._timer.stop()
        if self.source is None:
            return
        if self.keeper is not None:
            self.keeper(self.pane.top_offset())
            return
        positions = self.settings.get("reading/positions")
        positions.pop(self.source, None)
        offset = self.pane.top_offset()
        if offset > 0:
            positions[self.source] = offset  # the most recent last, so the oldest are the first dropped
        while len(positions) > MAX_POSITIONS:
            del positions[next(iter(positions))]
        self.settings.set("reading/positions", positions)

    def leave(self) -> None:
        """The article shown is about to be replaced or closed: keep its place."""
        self.keep()
        self.source = None

    def arrive(self, source: str | None) -> None:
        """An article is shown (source None: one whose place is not kept): take it to where it was left.

        With a keeper, nothing is kept until the keeper says where the article was left (settle()).
        """
        if self.keeper is not None:
            self.source = None
            return
        self.source = source
        offset = self.position_of(source) if source is not None else 0
        if offset:
            self.pane.scroll_to_offset(offset)

    def settle(self, key: str, offset: int) -> None:
        """The keeper found where the article shown was left: go there, unless the reader has moved since."""
        untouched = self.pane.verticalScrollBar().value() == 0 and self.pane.textCursor().position() == 0
        self.source = key
        if offset > 0 and untouched:
            self.pane.scroll_to_offset(offset)

    def forget(self, source: str) -> int:
        """Take the place kept in the settings for source out of them (the library keeps it now); 0 if none."""
        positions = self.settings.get("reading/positions")
        offset = positions.pop(source, 0)
        if offset:
            self.settings.set("reading/positions", positions)
        return offset if isinstance(offset, int) and offset > 0 else 0
