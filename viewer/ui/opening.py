"""The ways an article comes into the window besides File > Open: Open location, the clipboard, drag and drop.

All of them end in the session (ArticleSession.open, or open_pasted for text),
which reads a small local file at once and anything else in the background;
on failure the article already shown stays and the window says why.
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QMimeData, QObject, QUrl, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QInputDialog, QLineEdit, QWidget

from ..core.loaders import FORMATS, is_url, location_from_text
from .session import ArticleSession


def file_filters() -> str:
    """The Open dialog's filters, from the loaders' own table of formats."""
    every = " ".join(f"*{ext}" for _name, exts, _kind in FORMATS for ext in exts)
    filters = [f"Articles ({every})"]
    filters += [f"{name} ({' '.join('*' + ext for ext in exts)})" for name, exts, _kind in FORMATS]
    filters.append("All files (*)")
    return ";;".join(filters)


def source_from_mime(mime: QMimeData) -> str | None:
    """The first openable thing in dropped or copied data: a local file or an http(s) address."""
    if mime.hasUrls():
        for url in mime.urls():
            if url.isLocalFile():
                return url.toLocalFile()
            if url.scheme() in ("http", "https"):
                return url.toString()
    if mime.hasText():
        text = mime.text().strip()
        if is_url(text):
            return text
        if text.lower().startswith("file:") and len(text.split()) == 1:
            return QUrl(text).toLocalFile() or None
    return None


class DropTarget(QObject):
    """Lets widget take drops: read(mime) says what a drop holds (nothing: it is refused), receive(it) takes it."""

    def __init__(self, widget: QWidget, read: Callable[[QMimeData], Any], receive: Callable[[Any], object]) -> None:
        super().__init__(widget)
        self.read, self.receive = read, receive
        widget.setAcceptDrops(True)
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            if self.read(event.mimeData()):
                event.acceptProposedAction()
                return True
        elif kind == QEvent.Type.Drop:
            found = self.read(event.mimeData())
            if found:
                event.acceptProposedAction()
                self.receive(found)
                return True
        return super().eventFilter(watched, event)


class Opener(QObject):
    """Opens what the user gives the window (an address, the clipboard, a drop) through the session."""

    failed = Signal(str)  # one sentence, for what fails before the session is asked (an empty clipboard)

    def __init__(self, window: QWidget, session: ArticleSession) -> None:
        super().__init__(window)
        self.window = window
        self.session = session
        DropTarget(window, source_from_mime, self.open)

    def open(self, source: str | Path) -> bool:
        return self.session.open(source)

    # -- commands --
    def location_dialog(self) -> QInputDialog:
        """The Open location dialog, offering an address from the clipboard if there is one."""
        dialog = QInputDialog(self.window)
        dialog.setObjectName("openLocationDialog")
        dialog.setWindowTitle("Open location")
        dialog.setLabelText("Web address (or file path) of the article:")
        dialog.setInputMode(QInputDialog.InputMode.TextInput)
        dialog.setTextEchoMode(QLineEdit.EchoMode.Normal)
        dialog.setOkButtonText("Open")
        dialog.resize(560, dialog.sizeHint().height())
        clipboard = QGuiApplication.clipboard().text().strip()
        if is_url(clipboard):
            dialog.setTextValue(clipboard)
        return dialog

    def open_typed(self, text: str) -> None:
        """Open what the user typed in Open location ("example.com/story" gets https://)."""
        if text.strip():
            self.open(location_from_text(text))

    def open_clipboard(self) -> None:
        mime = QGuiApplication.clipboard().mimeData()
        source = source_from_mime(mime) if mime is not None else None
        if source:
            self.open(source)
        elif mime is not None and mime.hasText() and mime.text().strip():
            self.session.open_pasted(mime.text())
        else:
            self.failed.emit("The clipboard has no text or web address in it.")
