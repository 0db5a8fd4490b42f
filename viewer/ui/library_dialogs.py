"""The library's dialogs in the main window: Library Settings… and the note of a highlight.

Made on first use (Library > Library Settings…, Note on Highlight…), never before the first paint.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices, QKeySequence, QShortcut
from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QInputDialog, QLabel, QPushButton, QVBoxLayout

from .wording import counted

if TYPE_CHECKING:
    from ..core.library import Highlight
    from .main_window import MainWindow


def note_dialog(window: MainWindow, highlight: Highlight) -> QInputDialog:
    """A window-modal dialog asking for the note of highlight, its note so far filled in."""
    dialog = QInputDialog(window)
    dialog.setObjectName("noteDialog")
    dialog.setWindowTitle("Note on your highlight")
    quote = " ".join(highlight.quote.split())
    shown = quote if len(quote) <= 160 else quote[:157].rstrip() + "…"
    dialog.setLabelText(f"“{shown}”\n\nYour note (Ctrl+Enter saves it; an empty note is removed):")
    dialog.setOption(QInputDialog.InputDialogOption.UsePlainTextEditForTextInput, True)
    dialog.setTextValue(highlight.note)
    dialog.resize(520, 300)
    for keys in ("Ctrl+Return", "Ctrl+Enter"):
        QShortcut(QKeySequence(keys), dialog, dialog.accept)
    return dialog


class LibrarySettingsDialog(QDialog):
    """Where the library is and how big; whether every article opened goes into it."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setObjectName("librarySettings")
        self.setWindowTitle("Library settings")
        self.main = window
        link = window.library_link
        folder = link.folder()
        self.where = QLabel(self)
        self.where.setObjectName("libraryWhere")
        self.where.setWordWrap(True)
        self.where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.size = QLabel(self)
        self.size.setObjectName("librarySize")
        self.keep = QCheckBox("&Keep every article I open in the library, with its analysis", self)
        self.keep.setObjectName("libraryKeep")
        self.keep.setChecked(link.keeping)
        self.keep.setToolTip("When off, nothing is stored: no articles, no reading places, no highlights")
        self.keep.toggled.connect(self._keep_toggled)
        note = QLabel("Your highlights and notes are kept in the library too. ARTICLE_VIEWER_LIBRARY=FOLDER "
                      "puts the library in another folder.", self)
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.open_folder = QPushButton("&Open Folder", self)
        self.open_folder.setObjectName("libraryOpenFolder")
        buttons.addButton(self.open_folder, QDialogButtonBox.ButtonRole.ActionRole)
        self.open_folder.clicked.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.folder))))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.where, self.size, self.keep, note):
            layout.addWidget(widget)
        layout.addWidget(buttons)
        self.folder = folder
        self.resize(560, self.sizeHint().height())
        self.refresh()
        self.keep.setFocus()

    def refresh(self) -> None:
        """Say where the library is and how much it holds (read now: an import may be adding to it)."""
        from ..core.library import LibraryError
        from ..core.library.store import FILE_NAME

        path = self.folder / FILE_NAME
        self.where.setText(f"Your library is the file “{path}”, on this computer only.")
        if not path.exists():
            self.size.setText("It is empty: nothing has been stored yet.")
            return
        try:
            library = self.main.library_link.library()
            articles, size = library.count(), library.size_bytes()
        except LibraryError as error:
            self.size.setText(str(error))
            return
        self.size.setText(f"It holds {counted(articles, 'article')} and takes {human_size(size)} on disk.")

    def _keep_toggled(self, keep: bool) -> None:
        self.main.library_link.set_keeping(keep)
        self.main.show_status("Every article you open goes into the library" if keep
                                else "The library is off: nothing more is stored")
        QTimer.singleShot(0, self.refresh)


def human_size(size: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size} {unit}" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{size:.1f} GB"
