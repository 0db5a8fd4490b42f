"""Help > Keyboard Shortcuts: every command and its keys, searchable, and changeable.

The rows are generated from KEYMAP (and WIDGET_KEYS for keys the widgets
handle themselves), so the dialog cannot drift from what the keys really do.
Choosing a command and pressing Enter (or "Change Keys…") records a new key
combination; one already used by another command is refused with a sentence
saying which. Only the user's changes are stored (Keymap.overrides).
"""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QKeyCombination, QModelIndex, QRect, QSize, QSortFilterProxyModel, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QDialogButtonBox, QHBoxLayout, QHeaderView, QKeySequenceEdit,
                               QLabel, QLineEdit, QPushButton, QStyledItemDelegate, QStyleOptionViewItem, QTreeView,
                               QVBoxLayout, QWidget)

from .actions import COMMANDS, KEYMAP, WIDGET_KEYS, Keymap, display_keys

NameRole = Qt.ItemDataRole.UserRole + 1  # the command name of a row (None for widget keys)


class WrappingDelegate(QStyledItemDelegate):
    """Rows as tall as their text wrapped to its column (QTreeView's own word wrap never grows a row)."""

    PADDING = 6

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        size = super().sizeHint(option, index)
        view = option.widget
        width = view.header().sectionSize(index.column()) - self.PADDING if view is not None else 0
        if width <= 0:
            return size
        bounds = option.fontMetrics.boundingRect(QRect(0, 0, width, 1 << 20), Qt.TextFlag.TextWordWrap,
                                                 str(index.data() or ""))
        return QSize(size.width(), max(size.height(), bounds.height() + self.PADDING // 2))


class ShortcutsDialog(QDialog):
    """The searchable list of commands and keys, with a key recorder for changing them."""

    def __init__(self, parent: QWidget | None, keymap: Keymap, on_change: Callable[[str], None]) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle("Keyboard Shortcuts")
        self.setAccessibleName("Keyboard shortcuts")
        self.setAccessibleDescription("Every command and its keys. Type to search; Enter changes the chosen "
                                      "command's keys.")
        self.resize(960, 600)
        self.keymap = keymap
        self._on_change = on_change
        self._editing: str | None = None

        self.search = QLineEdit(self)
        self.search.setObjectName("shortcutsSearch")
        self.search.setPlaceholderText("Search commands and keys")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search shortcuts")

        self.model = QStandardItemModel(0, 4, self)
        self.model.setHorizontalHeaderLabels(["Command", "Keys", "Where", "What it does"])
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)  # every column
        self.table = QTreeView(self)
        self.table.setObjectName("shortcutsTable")
        self.table.setAccessibleName("Commands and their keys")
        self.table.setRootIsDecorated(False)
        # A long description wraps onto a second line rather than being cut with "...".
        self.table.setWordWrap(True)
        self.table.setUniformRowHeights(False)
        self.table.setItemDelegateForColumn(3, WrappingDelegate(self.table))
        self.table.setAllColumnsShowFocus(True)
        self.table.setAlternatingRowColors(True)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setModel(self.proxy)
        header = self.table.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(0, 230)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        header.sectionResized.connect(lambda *_: self.table.scheduleDelayedItemsLayout())  # heights follow widths

        self.recorder_label = QLabel(self)
        self.recorder = QKeySequenceEdit(self)
        self.recorder.setObjectName("shortcutRecorder")
        self.recorder.setAccessibleName("New keys")
        self.recorder.setAccessibleDescription("Press the new key combination; Esc cancels.")
        self.recorder.setMaximumSequenceLength(1)
        self.recorder.setFinishingKeyCombinations([QKeyCombination(Qt.Key.Key_Escape)])
        self.recorder.editingFinished.connect(self._recorded)
        self.recorder_row = QWidget(self)
        row = QHBoxLayout(self.recorder_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.recorder_label)
        row.addWidget(self.recorder, 1)
        self.recorder_row.hide()

        self.message = QLabel(self)
        self.message.setObjectName("shortcutsMessage")
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Message")

        self.change_button = QPushButton("&Change Keys…", self)
        self.change_button.setObjectName("changeKeys")
        self.remove_button = QPushButton("&No Key", self)
        self.remove_button.setObjectName("removeKeys")
        self.reset_button = QPushButton("&Reset to Default", self)
        self.reset_button.setObjectName("resetKeys")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.addButton(self.change_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.remove_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.reset_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        for button in (self.change_button, self.remove_button, self.reset_button):
            button.setAutoDefault(False)
        self.change_button.clicked.connect(self.start_recording)
        self.remove_button.clicked.connect(self._remove_keys)
        self.reset_button.clicked.connect(self._reset_keys)

        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.recorder_row)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

        self.search.textChanged.connect(self._filter)
        self.search.installEventFilter(self)
        self.table.installEventFilter(self)
        self.table.selectionModel().currentChanged.connect(lambda *_: self._update_buttons())
        self._fill()
        self.table.setCurrentIndex(self.proxy.index(0, 0))
        self.search.setFocus()

    # -- rows --
    def _fill(self) -> None:
        self.model.removeRows(0, self.model.rowCount())
        for command in KEYMAP:
            items = [QStandardItem(command.title), QStandardItem(self._keys_text(command.name)),
                     QStandardItem(f"{command.menu} menu"), QStandardItem(command.help)]
            items[0].setData(command.name, NameRole)
            items[3].setToolTip(command.help)
            self.model.appendRow(items)
        for where, keys, what in WIDGET_KEYS:
            items = [QStandardItem(what), QStandardItem(keys), QStandardItem(where),
                     QStandardItem("Built in; cannot be changed")]
            items[0].setToolTip(what)
            self.model.appendRow(items)

    def _keys_text(self, name: str) -> str:
        text = display_keys(self.keymap.sequences(name)) or "—"
        return text if self.keymap.is_default(name) else f"{text} (changed)"

    def row_of(self, name: str) -> int:
        for row in range(self.model.rowCount()):
            if self.model.item(row, 0).data(NameRole) == name:
                return row
        return -1

    def visible_names(self) -> list[str]:
        names = []
        for row in range(self.proxy.rowCount()):
            name = self.proxy.index(row, 0).data(NameRole)
            if name:
                names.append(name)
        return names

    def keys_shown(self, name: str) -> str:
        return self.model.item(self.row_of(name), 1).text()

    def current_name(self) -> str | None:
        return self.proxy.index(self.table.currentIndex().row(), 0).data(NameRole)

    def select(self, name: str) -> None:
        index = self.proxy.mapFromSource(self.model.index(self.row_of(name), 0))
        self.table.setCurrentIndex(index)

    def _filter(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())
        if self.proxy.rowCount():
            self.table.setCurrentIndex(self.proxy.index(0, 0))
        self._update_buttons()

    def _update_buttons(self) -> None:
        name = self.current_name()
        self.change_button.setEnabled(name is not None)
        self.remove_button.setEnabled(name is not None)
        self.reset_button.setEnabled(name is not None and not self.keymap.is_default(name))

    # -- changing keys --
    def start_recording(self) -> None:
        name = self.current_name()
        if name is None:
            self.message.setText("Built-in keys cannot be changed; choose a command.")
            return
        self._editing = name
        self.recorder_label.setText(f"New keys for “{COMMANDS[name].title}”:")
        self.recorder.clear()
        self.recorder_row.show()
        self.message.setText("Press the new key combination, or Esc to cancel.")
        self.recorder.setFocus(Qt.FocusReason.OtherFocusReason)

    def set_keys(self, name: str, sequences: list[QKeySequence]) -> bool:
        """Give name new keys; on a conflict show why and change nothing."""
        problem = self.keymap.set_keys(name, sequences)
        if problem:
            self.message.setText(problem)
            return False
        self._applied(name)
        return True

    def _applied(self, name: str) -> None:
        self.model.item(self.row_of(name), 1).setText(self._keys_text(name))
        keys = display_keys(self.keymap.sequences(name)) or "no key"
        self.message.setText(f"“{COMMANDS[name].title}” now has {keys}.")
        self._update_buttons()
        self._on_change(name)

    def _recorded(self) -> None:
        name, self._editing = self._editing, None
        sequence = self.recorder.keySequence()
        self.recorder_row.hide()
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        if name is None:
            return
        if sequence.isEmpty():
            self.message.setText("Unchanged.")
            return
        self.set_keys(name, [sequence])

    def _remove_keys(self) -> None:
        name = self.current_name()
        if name is not None:
            self.set_keys(name, [])

    def _reset_keys(self) -> None:
        name = self.current_name()
        if name is None:
            return
        problem = self.keymap.reset(name)
        if problem:
            self.message.setText(problem)
        else:
            self._applied(name)

    def eventFilter(self, watched, event) -> bool:
        if isinstance(event, QKeyEvent) and event.type() == QKeyEvent.Type.KeyPress:
            key = event.key()
            if watched is self.search and key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                self.table.setFocus(Qt.FocusReason.OtherFocusReason)  # onto the highlighted row
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and watched in (self.search, self.table):
                self.start_recording()
                return True
            if watched is self.table and event.text() and event.text().isprintable() and not (
                    event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)):
                # Typing in the list searches, like typing in the field.
                self.search.setFocus(Qt.FocusReason.OtherFocusReason)
                self.search.insert(event.text())
                return True
        return super().eventFilter(watched, event)
