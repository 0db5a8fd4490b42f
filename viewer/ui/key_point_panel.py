"""The key-points panel: the article's key sentences in reading order, each shown in full.

Each point is drawn as a small rich-text document, wrapped, with its entities in
the same colours and underlines as the text; choosing one goes to its sentence.
"""
from __future__ import annotations

from collections.abc import Hashable
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtGui import QTextCursor, QTextDocument
from PySide6.QtWidgets import QStyleOptionViewItem, QWidget

from .models import HighlightsRole, KeyPointModel
from .offsets import TextOffsets
from .reading_pane import group_formats, is_dark
from .rich_text_delegate import RichTextDelegate, RichTextList

if TYPE_CHECKING:  # the dataclasses come with the analysis, after the first paint
    from ..core.analysis import KeyPoint

class KeyPointDelegate(RichTextDelegate):
    """Draws each key point in full, wrapped to the view's width, its entities coloured as in the text."""

    MARGIN = 6

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._hidden: frozenset[str] = frozenset()

    def set_hidden_groups(self, hidden: frozenset[str]) -> None:
        self._hidden = frozenset(hidden)

    def document_key(self, index: QModelIndex) -> Hashable:
        return index.data(), repr(index.data(HighlightsRole)), self._hidden  # Qt may hand tuples back as lists

    def document(self, option: QStyleOptionViewItem, index: QModelIndex) -> QTextDocument:
        """The point as a text document: its words, entity formats, wrapped at the item's width."""
        document = self._new_document(option)
        text = index.data() or ""
        document.setPlainText(text)
        formats = group_formats(is_dark(option.palette))
        cursor = QTextCursor(document)
        # The ranges are text offsets within the point; the document counts UTF-16 units.
        offsets = TextOffsets(text)
        for start, end, group in index.data(HighlightsRole) or ():
            if group in self._hidden:
                continue
            start, end = offsets.span_to_document(start, end)
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            cursor.mergeCharFormat(formats[group])
        document.setTextWidth(max(option.rect.width(), 120) - 2 * self.MARGIN)
        return document


class KeyPointPanel(RichTextList):
    """The key points in article order, each shown in full."""

    point_chosen = Signal(object)  # KeyPoint

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, "keyPointList", "Key points",
                         "The article's key sentences in reading order; choose one to go to it.")
        self.key_points = KeyPointModel(self)
        self.setModel(self.key_points)
        self.delegate = KeyPointDelegate(self)
        self.setItemDelegate(self.delegate)
        self.selectionModel().currentChanged.connect(self._current_changed)
        self.activated.connect(lambda index: self._emit(index))

    def set_analysis(self, analysis) -> None:
        self.key_points.set_analysis(analysis)

    def set_hidden_groups(self, hidden: frozenset[str]) -> None:
        """Leave uncoloured the entity groups the reader switched off, as the text does."""
        self.delegate.set_hidden_groups(hidden)
        self.scheduleDelayedItemsLayout()
        self.viewport().update()

    def points(self) -> list[KeyPoint]:
        return self.key_points.points()

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._emit(current)

    def _emit(self, index: QModelIndex) -> None:
        if index.isValid():
            point: KeyPoint = self.key_points.point(index.row())
            self.point_chosen.emit(point)
