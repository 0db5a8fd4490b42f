"""Every way an article comes into the window: Open location, the clipboard, drag and drop, File > Open.

All of them end in one place, Opener.open(source): a small local file is read
at once (so an error shows immediately), while a web address, a PDF or a big
file is read by the background LoadService with "Loading…" in the status bar.
Either way the window gets an Article or one sentence, and on failure the
article already shown stays.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QMimeData, QObject, QUrl, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QInputDialog, QLineEdit, QWidget

from ..core.errors import ArticleError
from ..core.loaders import FORMATS, is_url, load, location_from_text
from .loader import LoadService

SYNC_LIMIT = 2 * 1024 * 1024  # local text files up to this size are read at once: it takes milliseconds


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


class Opener(QObject):
    """Opens articles for a window; emits the Article, or one sentence if it could not be opened."""

    article_ready = Signal(object)  # Article
    failed = Signal(str)  # one sentence
    status = Signal(str)  # progress to show in the status bar

    def __init__(self, window: QWidget, loader: LoadService | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.loader = loader or LoadService(self)
        self.loader.loaded.connect(self._loaded)
        self.loader.failed.connect(self._failed)
        window.setAcceptDrops(True)
        window.installEventFilter(self)

    # -- the one way in --
    def open(self, source: str | Path) -> bool:
        """Open source; False if it failed at once (the sentence was emitted), True if shown or on its way."""
        source = str(source)
        if is_url(source) or self._read_in_background(source):
            self.loader.load(source)
            self.status.emit(f"Loading {source}…")
            return True
        self.loader.cancel()  # a newer choice replaces a download still in flight
        try:
            article = load(source)
        except ArticleError as error:
            self.failed.emit(str(error))
            return False
        self.article_ready.emit(article)
        return True

    def open_pasted(self, text: str) -> None:
        self.loader.load(text, pasted=True)
        self.status.emit("Loading the pasted text…")

    @staticmethod
    def _read_in_background(source: str) -> bool:
        path = Path(source)
        try:
            return path.is_file() and (path.suffix.lower() == ".pdf" or path.stat().st_size > SYNC_LIMIT)
        except OSError:
            return False  # the loader says what is wrong, at once

    def _loaded(self, _source: str, article: object) -> None:
        self.article_ready.emit(article)

    def _failed(self, _source: str, message: str) -> None:
        self.failed.emit(message)

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
            self.open_pasted(mime.text())
        else:
            self.failed.emit("The clipboard has no text or web address in it.")

    # -- drag and drop onto the window --
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            if source_from_mime(event.mimeData()):
                event.acceptProposedAction()
                return True
        elif kind == QEvent.Type.Drop:
            source = source_from_mime(event.mimeData())
            if source:
                event.acceptProposedAction()
                self.open(source)
                return True
        return super().eventFilter(watched, event)

    def shutdown(self) -> None:
        self.loader.shutdown()
