"""Quick choosers: the command palette (Ctrl+Shift+P) and the recent-articles list (Ctrl+Shift+O).

Both are one small dialog: a search field over a list, filtered as you type
with a fuzzy match (the letters of the query in order, preferring word starts
and runs), Up/Down to move, Enter to choose, Esc to close. The focus stays in
the field the whole time, so typing never gets lost.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent, QPainter, QPalette
from PySide6.QtWidgets import (QDialog, QLabel, QLineEdit, QListView, QStyle, QStyledItemDelegate,
                               QStyleOptionViewItem, QVBoxLayout, QWidget)


def fuzzy_score(query: str, text: str) -> float | None:
    """How well query matches text: None if its letters are not all in text in order, else higher is better."""
    query = "".join(query.casefold().split())
    if not query:
        return 0.0
    haystack = text.casefold()
    # Prefer letters at word starts ("thm" -> Switch *Th*e*m*e), falling back to the earliest letters.
    positions = _match(query, haystack, word_starts=True) or _match(query, haystack, word_starts=False)
    if positions is None:
        return None
    score = 0.0
    previous = -2
    for found in positions:
        score += 1.0
        if found == previous + 1:
            score += 2.0  # a run of letters
        if found == 0 or not haystack[found - 1].isalnum():
            score += 3.0
        score -= 0.01 * (found - previous - 1)  # gaps cost a little
        previous = found
    if haystack.startswith(query):
        score += 5.0
    return score


def _match(query: str, haystack: str, word_starts: bool) -> list[int] | None:
    positions = []
    position = 0
    for i, char in enumerate(query):
        found = -1
        if word_starts and (i == 0 or positions[-1] + 1 >= len(haystack) or haystack[positions[-1] + 1] != char):
            # Jump to the next word starting with char, unless the run simply continues.
            index = position
            while True:
                index = haystack.find(char, index)
                if index < 0 or index == 0 or not haystack[index - 1].isalnum():
                    break
                index += 1
            found = index
        if found < 0:
            found = haystack.find(char, position)
        if found < 0:
            return None
        positions.append(found)
        position = found + 1
    return positions


@dataclass(frozen=True)
class Choice:
    text: str  # what is shown and matched first
    detail: str  # shown on the right (keys, a folder...), matched too
    key: str  # what is handed back when chosen
    extra: str = ""  # matched with a lower weight (help text)


class ChoiceModel(QAbstractListModel):
    """The choices matching the current query, best first."""

    DetailRole = Qt.ItemDataRole.UserRole + 1
    KeyRole = Qt.ItemDataRole.UserRole + 2

    def __init__(self, choices: Sequence[Choice], parent=None) -> None:
        super().__init__(parent)
        self._all = list(choices)
        self._shown = list(choices)

    def set_query(self, query: str) -> None:
        self.beginResetModel()
        if not query.strip():
            self._shown = list(self._all)
        else:
            scored = []
            for order, choice in enumerate(self._all):
                best = fuzzy_score(query, choice.text)
                if best is not None:
                    best += 1000.0  # a match in the name always ranks above one in the keys or help
                else:
                    for other in (choice.detail, choice.extra):
                        score = fuzzy_score(query, other) if other else None
                        if score is not None and (best is None or score > best):
                            best = score
                if best is not None:
                    scored.append((-best, order, choice))
            self._shown = [choice for _, _, choice in sorted(scored, key=lambda item: item[:2])]
        self.endResetModel()

    def choice(self, row: int) -> Choice:
        return self._shown[row]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._shown)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._shown):
            return None
        choice = self._shown[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return choice.text
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{choice.text}, {choice.detail}" if choice.detail else choice.text
        if role == Qt.ItemDataRole.ToolTipRole:
            return choice.extra or choice.detail or None
        if role == self.DetailRole:
            return choice.detail
        if role == self.KeyRole:
            return choice.key
        return None


class ChoiceDelegate(QStyledItemDelegate):
    """The choice on the left and its detail (keys, folder) right-aligned."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        super().paint(painter, option, index)
        detail = index.data(ChoiceModel.DetailRole)
        if not detail:
            return
        painter.save()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.setPen(option.palette.color(role))
        rect = option.rect.adjusted(0, 0, -8, 0)
        detail = option.fontMetrics.elidedText(detail, Qt.TextElideMode.ElideMiddle, rect.width() // 2)
        painter.drawText(rect, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), detail)
        painter.restore()


class QuickChooser(QDialog):
    """A search field over a list of choices; emits chosen(key) and closes on Enter."""

    chosen = Signal(str)

    def __init__(self, parent: QWidget | None, title: str, choices: Sequence[Choice], placeholder: str,
                 empty_text: str = "Nothing matches.") -> None:
        super().__init__(parent)
        self.setObjectName("quickChooser")
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.setModal(True)
        self.resize(560, 380)
        self.field = QLineEdit(self)
        self.field.setObjectName("chooserField")
        self.field.setPlaceholderText(placeholder)
        self.field.setAccessibleName(f"{title}: search")
        self.field.setAccessibleDescription("Type to narrow the list; Up and Down choose, Enter runs, Esc closes.")
        self.model = ChoiceModel(choices, self)
        self.list = QListView(self)
        self.list.setObjectName("chooserList")
        self.list.setAccessibleName(title)
        self.list.setModel(self.model)
        self.list.setItemDelegate(ChoiceDelegate(self.list))
        self.list.setUniformItemSizes(True)
        self.list.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        # The list is only pointed at: Tab never strands the focus in it, typing stays in the field.
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.list.clicked.connect(lambda index: self._choose(index.row()))
        self.empty = QLabel(empty_text, self)
        self.empty.setObjectName("chooserEmpty")
        self.empty.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.field)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty)
        self.field.textChanged.connect(self._filter)
        self.field.installEventFilter(self)
        self._filter("")

    def current_choice(self) -> Choice | None:
        index = self.list.currentIndex()
        return self.model.choice(index.row()) if index.isValid() else None

    def _filter(self, text: str) -> None:
        self.model.set_query(text)
        has_rows = self.model.rowCount() > 0
        self.empty.setVisible(not has_rows)
        if has_rows:
            self.list.setCurrentIndex(self.model.index(0, 0))

    def _move(self, delta: int) -> None:
        rows = self.model.rowCount()
        if rows:
            row = (self.list.currentIndex().row() + delta) % rows
            self.list.setCurrentIndex(self.model.index(row, 0))

    def _choose(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            key = self.model.choice(row).key
            self.accept()
            self.chosen.emit(key)

    def eventFilter(self, watched, event) -> bool:
        if watched is self.field and isinstance(event, QKeyEvent) and event.type() == QKeyEvent.Type.KeyPress:
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                self._move(1 if key == Qt.Key.Key_Down else -1)
                return True
            if key in (Qt.Key.Key_PageDown, Qt.Key.Key_PageUp):
                self._move(8 if key == Qt.Key.Key_PageDown else -8)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._choose(self.list.currentIndex().row())
                return True
        return super().eventFilter(watched, event)


def command_palette(parent: QWidget, choices: Sequence[Choice], run: Callable[[str], object]) -> QuickChooser:
    dialog = QuickChooser(parent, "Command palette", choices, "Type a command name")
    dialog.setObjectName("commandPalette")
    dialog.chosen.connect(run)
    return dialog
