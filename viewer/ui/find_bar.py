"""The find bar under the reading pane: incremental search with a match count.

Ctrl+F opens it with the focus in its field; typing selects the first match at
or after the cursor; Enter / Shift+Enter (and F3 / Shift+F3 anywhere in the
window) go to the next / previous match, wrapping round; Esc closes it and
gives the focus back to the text. Matching ignores case. While the bar is
open, every match in view is outlined in the text (ReadingPane.set_find_spans).
"""
from __future__ import annotations

import bisect

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from .reading_pane import ReadingPane
from .wording import counted


class FindBar(QWidget):
    """Search field, match count, previous/next and close, acting on a ReadingPane."""

    closed = Signal()

    def __init__(self, pane: ReadingPane, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findBar")
        self.setAccessibleName("Find in the article")
        self.pane = pane
        self.field = QLineEdit(self)
        self.field.setObjectName("findField")
        self.field.setPlaceholderText("Find in the article")
        self.field.setClearButtonEnabled(True)
        self.field.setAccessibleName("Find")
        self.field.setAccessibleDescription("Enter: next match; Shift+Enter: previous match; Esc: close.")
        self.count = QLabel(self)
        self.count.setObjectName("findCount")
        self.count.setAccessibleName("Matches")
        self.count.setMinimumWidth(110)
        self.previous_button = self._button("Previous", "Previous match (Shift+F3)", "findPrevious")
        self.next_button = self._button("Next", "Next match (F3)", "findNext")
        self.close_button = self._button("Close", "Close the find bar (Esc)", "findClose")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(24, 4, 12, 4)
        layout.addWidget(QLabel("Find:", self))
        layout.addWidget(self.field, 1)
        layout.addWidget(self.count)
        layout.addWidget(self.previous_button)
        layout.addWidget(self.next_button)
        layout.addWidget(self.close_button)
        self.previous_button.clicked.connect(lambda: self.find(backwards=True))
        self.next_button.clicked.connect(lambda: self.find())
        self.close_button.clicked.connect(self.close_bar)
        self.field.textChanged.connect(self._typed)
        self.field.installEventFilter(self)
        self._matches: list[tuple[int, int]] = []
        self._starts: list[int] = []
        self._matches_for: tuple[str, int] | None = None
        self.hide()

    def _button(self, text: str, tip: str, name: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setAutoDefault(False)
        button.setToolTip(tip)
        button.setAccessibleName(tip)
        button.setObjectName(name)
        button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        return button

    # -- opening and closing --
    def open_bar(self) -> None:
        selected = self.pane.textCursor().selectedText()
        if selected and "\u2029" not in selected and len(selected) < 80:
            self.field.setText(selected)  # what the user marked is most likely what they want
        self.show()
        self._show_count()  # the count and the outlines of the query already in the field
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()

    def close_bar(self) -> None:
        self.hide()
        self.pane.setFocus(Qt.FocusReason.OtherFocusReason)
        self.closed.emit()

    def hideEvent(self, event) -> None:
        if not event.spontaneous():  # the bar closed (Esc, Close, the article closed), not the window minimised
            self.pane.set_find_spans([])
        super().hideEvent(event)

    # -- searching --
    def query(self) -> str:
        return self.field.text()

    def matches(self) -> list[tuple[int, int]]:
        """Every match as (start, end) text offsets, like the core's spans."""
        query = self.query()
        key = (query, self.pane.document().revision())
        if key != self._matches_for:
            self._matches = []
            if query:
                document = self.pane.document()
                to_text = self.pane.offsets.span_to_text  # matches are text offsets, as select_span takes
                cursor = document.find(query, 0)
                while not cursor.isNull():
                    self._matches.append(to_text(cursor.selectionStart(), cursor.selectionEnd()))
                    cursor = document.find(query, cursor.selectionEnd())
            self._starts = [start for start, _ in self._matches]
            self._matches_for = key
        return self._matches

    def current_match(self) -> int | None:
        """The index of the match selected in the pane, if one is."""
        span = self.pane.selection_span()
        index = bisect.bisect_left(self._starts, span[0])
        if index < len(self._matches) and self._matches[index] == span:
            return index
        return None

    def find(self, backwards: bool = False) -> bool:
        """Select the next (or previous) match after the cursor, wrapping round; False if none."""
        matches = self.matches()
        if not matches:
            self._show_count()
            return False
        position = self.pane.selection_span()[0]
        if backwards:
            index = bisect.bisect_left(self._starts, position) - 1
        else:
            index = bisect.bisect_right(self._starts, position)
        index %= len(matches)
        self.pane.select_span(*matches[index])
        self._show_count()
        return True

    def _typed(self, _text: str) -> None:
        matches = self.matches()
        if matches:
            # Typing refines the match at the cursor rather than jumping ahead.
            position = self.pane.selection_span()[0]
            index = bisect.bisect_left(self._starts, position) % len(matches)
            self.pane.select_span(*matches[index])
        self._show_count()

    def _show_count(self) -> None:
        matches = self.matches()
        if not self.query():
            self.count.setText("")
        elif not matches:
            self.count.setText("No matches")
        else:
            current = self.current_match()
            position = f"{current + 1} of " if current is not None else ""
            self.count.setText(f"{position}{counted(len(matches), 'match', 'matches')}")
        self.count.setAccessibleDescription(self.count.text())
        self.pane.set_find_spans(matches if self.isVisible() else [])

    def eventFilter(self, watched, event) -> bool:
        if watched is self.field and isinstance(event, QKeyEvent) and event.type() == QKeyEvent.Type.KeyPress:
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.find(backwards=bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier))
                return True
            if event.key() == Qt.Key.Key_Escape:
                self.close_bar()
                return True
        return super().eventFilter(watched, event)
