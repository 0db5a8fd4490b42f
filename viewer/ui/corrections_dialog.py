"""Your Corrections…: every entity correction the reader made, newest first, and Undo."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QLabel, QListWidget, QListWidgetItem, QPushButton,
                               QVBoxLayout, QWidget)

from ..core.corrections import CorrectionStore


class CorrectionsDialog(QDialog):
    """Every correction the reader made, newest first; Undo takes the chosen one back."""

    changed = Signal()

    def __init__(self, parent: QWidget | None, store: CorrectionStore) -> None:
        super().__init__(parent)
        self.setObjectName("correctionsDialog")
        self.setWindowTitle("Your Corrections")
        self.setAccessibleName("Your corrections")
        self.setModal(True)
        self.resize(520, 360)
        self.store = store
        self.intro = QLabel("Your corrections apply to every article you open, and to the command line.", self)
        self.intro.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.setObjectName("correctionsList")
        self.list.setAccessibleName("Corrections")
        self.empty = QLabel("You have not corrected any entity yet. Choose one in the sidebar and use its "
                            "context menu: Change Entity Type… or Not an Entity.", self)
        self.empty.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.undo_button = QPushButton("&Undo", self)
        self.undo_button.setObjectName("undoCorrection")
        self.undo_button.clicked.connect(self.undo_chosen)
        buttons.addButton(self.undo_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.intro, self.list, self.empty, buttons):
            layout.addWidget(widget)
        self.refresh()

    def refresh(self) -> None:
        self.list.clear()
        for correction in sorted(self.store.list(), key=lambda c: c.made, reverse=True):
            item = QListWidgetItem(correction.describe())
            item.setData(Qt.ItemDataRole.UserRole, correction.name)
            self.list.addItem(item)
        has_any = self.list.count() > 0
        self.list.setVisible(has_any)
        self.empty.setVisible(not has_any)
        self.undo_button.setEnabled(has_any)
        if has_any:
            self.list.setCurrentRow(0)
            self.list.setFocus()

    def undo_chosen(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        self.store.undo(item.data(Qt.ItemDataRole.UserRole))
        self.refresh()
        self.changed.emit()
