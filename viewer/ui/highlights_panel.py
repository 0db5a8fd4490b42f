"""The highlights pane: the reader's own highlights of the article shown, each quote with its note under it.

Choosing one (the arrow keys, Enter, a click) goes to it in the text; F2 writes
its note; Delete removes it; the context menu offers the same. The highlights
live in the library (library_link.py keeps them and says when they change);
this pane lists them and passes on what the reader asked for. When there are
none, a line says how to make one (or that the library is off).
"""
from __future__ import annotations

from html import escape

from PySide6.QtCore import QEvent, QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (QAbstractItemView, QLabel, QListView, QMenu, QStyleOptionViewItem, QVBoxLayout,
                               QWidget)

from .models import HighlightModel, UserHighlightRole
from .reading_pane import USER_HIGHLIGHT_COLOURS, is_dark
from .rich_text_delegate import RichTextDelegate
from ..core.groups import TEXT_ON_DARK, TEXT_ON_LIGHT

HOW_TO = "Select text and press h to keep it as your highlight; Shift+H writes a note on it."


class HighlightDelegate(RichTextDelegate):
    """A highlight's quote in the marker colour of the text, wrapped, its note in italics under it."""

    MARGIN = 6

    def document(self, option: QStyleOptionViewItem, index: QModelIndex) -> QTextDocument:
        highlight = index.data(UserHighlightRole)
        document = self._new_document(option)
        dark = is_dark(option.palette)
        quote = escape(" ".join(highlight.quote.split()))
        note = "<br>".join(escape(line) for line in highlight.note.splitlines() if line.strip())
        html = (f'<span style="background-color:{USER_HIGHLIGHT_COLOURS[dark]}; '
                f'color:{TEXT_ON_DARK if dark else TEXT_ON_LIGHT}">{quote}</span>')
        if note:
            html += f'<p style="margin-top:4px"><i>{note}</i></p>'
        document.setHtml(html)
        document.setTextWidth(max(option.rect.width(), 120) - 2 * self.MARGIN)
        return document


class HighlightsPanel(QWidget):
    """The list of the reader's highlights, in text order."""

    highlight_chosen = Signal(object)  # Highlight: go to it in the text
    note_requested = Signal(object)  # Highlight: write its note
    remove_requested = Signal(object)  # Highlight: remove it

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("highlightsPanel")
        self.model = HighlightModel(self)
        self.list = QListView(self)
        self.list.setObjectName("highlightList")
        self.list.setAccessibleName("Your highlights")
        self.list.setAccessibleDescription("Your highlights of the article in text order; Enter goes to one, "
                                           "F2 writes its note, Delete removes it.")
        self.list.setModel(self.model)
        self.list.setItemDelegate(HighlightDelegate(self.list))
        self.list.setWordWrap(True)
        self.list.setUniformItemSizes(False)
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setAlternatingRowColors(True)
        self.list.selectionModel().currentChanged.connect(lambda current, _previous: self._choose(current))
        self.list.activated.connect(self._choose)
        self.list.installEventFilter(self)
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.customContextMenuRequested.connect(self._show_context_menu)
        self.hint = QLabel(HOW_TO, self)
        self.hint.setObjectName("highlightsHint")
        self.hint.setWordWrap(True)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.hint)
        layout.addWidget(self.list, 1)
        self._quiet = False
        self.set_highlights(())

    def set_highlights(self, highlights, message: str = HOW_TO) -> None:
        """Show these highlights; message is said when there are none."""
        current = self.current_highlight()
        self._quiet = True  # a new list is not the reader choosing a highlight
        try:
            self.model.set_highlights(highlights)
            row = self.model.row_of(current.id) if current is not None else -1
            if row >= 0:
                self.list.setCurrentIndex(self.model.index(row, 0))
        finally:
            self._quiet = False
        count = self.model.rowCount()
        self.hint.setText(message if not count else f"{count} highlight{'s' if count != 1 else ''}: Enter goes "
                                                    "to one, F2 writes its note, Delete removes it.")

    def highlights(self) -> list:
        return self.model.highlights()

    def current_highlight(self):
        index = self.list.currentIndex()
        return index.data(UserHighlightRole) if index.isValid() else None

    def select(self, highlight_id: int) -> None:
        """Make the highlight current without sending the reader anywhere."""
        row = self.model.row_of(highlight_id)
        if row >= 0:
            self._quiet = True
            try:
                self.list.setCurrentIndex(self.model.index(row, 0))
                self.list.scrollTo(self.list.currentIndex())
            finally:
                self._quiet = False

    def focus_list(self) -> None:
        self.list.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if not self.list.currentIndex().isValid() and self.model.rowCount():
            self.list.setCurrentIndex(self.model.index(0, 0))

    def _choose(self, index: QModelIndex) -> None:
        if index.isValid() and not self._quiet:
            self.highlight_chosen.emit(index.data(UserHighlightRole))

    def eventFilter(self, watched, event) -> bool:
        if watched is self.list and event.type() == QEvent.Type.KeyPress and not (
                event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier):
            highlight = self.current_highlight()
            key = event.key()
            if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and highlight is not None:
                self.remove_requested.emit(highlight)
                return True
            if key == Qt.Key.Key_F2 and highlight is not None:
                self.note_requested.emit(highlight)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and highlight is not None:
                self.highlight_chosen.emit(highlight)
                return True
        return super().eventFilter(watched, event)

    def context_menu(self) -> QMenu:
        menu = QMenu(self)
        menu.setObjectName("highlightContextMenu")
        highlight = self.current_highlight()
        for text, signal in (("&Go to Highlight", self.highlight_chosen), ("&Note…\tF2", self.note_requested),
                             ("&Remove\tDelete", self.remove_requested)):
            action = menu.addAction(text)
            action.triggered.connect(lambda _checked=False, signal=signal: signal.emit(highlight))
        return menu

    def _show_context_menu(self, position: QPoint) -> None:
        index = self.list.indexAt(position)
        if index.isValid():
            self._quiet = True
            try:
                self.list.setCurrentIndex(index)
            finally:
                self._quiet = False
        elif self.list.currentIndex().isValid():  # from the keyboard (Menu key): at the current row
            position = self.list.visualRect(self.list.currentIndex()).center()
        if self.current_highlight() is not None:
            self.context_menu().exec(self.list.viewport().mapToGlobal(position))
