"""Importing into the library from the window: File > Import into Library…, or files dropped on the library view.

LibraryImport runs the library's own import (viewer.core.library.importing:
folders searched recursively, what is already in skipped without being read,
the rest analysed on every core in worker processes, each article stored as it
comes) on a BackgroundLane of its own, so the window never waits for it. Its
bar in the library view's status line shows a progress bar, what was just
done and a Cancel button; cancelling stops the workers within a moment and
keeps everything stored so far, so importing the same files again carries on
where it stopped. The end is said in one sentence.
"""
from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QMessageBox, QProgressBar, QPushButton, QWidget

from .background import BackgroundLane, Job
from .wording import counted

if TYPE_CHECKING:
    from ..core.library.importing import ImportReport
    from .main_window import MainWindow

IMPORT = "import"  # the lane's key: one import at a time


def choose_and_import(window: MainWindow) -> None:
    """Ask for a folder or for files (the reader chooses which), then import them into the library."""
    box = QMessageBox(QMessageBox.Icon.Question, "Import into Library",
                      "Import every article in a folder (and the folders inside it), or files you choose?",
                      QMessageBox.StandardButton.Cancel, window)
    box.setObjectName("importChoice")
    folder = box.addButton("&Folder…", QMessageBox.ButtonRole.AcceptRole)
    files = box.addButton("F&iles…", QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(folder)
    start = window.settings.get("files/last_folder") or str(Path.home())

    def chosen(_result: int) -> None:
        button = box.clickedButton()
        if button is folder:
            dialog = QFileDialog(window, "Import a folder into the library", start)
            dialog.setFileMode(QFileDialog.FileMode.Directory)
            dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
        elif button is files:
            from .opening import file_filters

            dialog = QFileDialog(window, "Import files into the library", start, file_filters())
            dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
        else:
            return
        dialog.setObjectName("importDialog")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
        dialog.filesSelected.connect(lambda paths: window.library_link.import_paths(list(paths)))
        window.dialogs.keep("import", dialog)
        dialog.open()

    box.finished.connect(chosen)
    window.dialogs.keep("import_choice", box)
    box.open()


def _local_paths(mime) -> list[str]:
    return [url.toLocalFile() for url in mime.urls() if url.isLocalFile()] if mime.hasUrls() else []


def accept_drops(view: QWidget, receive: Callable[[list[str]], object]) -> None:
    from .opening import DropTarget

    DropTarget(view, _local_paths, receive)


class ImportBar(QWidget):
    """A progress bar, what the import is at, and Cancel: in the library view's status line while importing."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importBar")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel(self)
        self.label.setObjectName("importLabel")
        self.progress = QProgressBar(self)
        self.progress.setObjectName("importProgress")
        self.progress.setAccessibleName("Import progress")
        self.progress.setMaximumWidth(220)
        self.cancel_button = QPushButton("&Cancel Import", self)
        self.cancel_button.setObjectName("importCancel")
        layout.addWidget(self.label, 1)
        layout.addWidget(self.progress)
        layout.addWidget(self.cancel_button)


class LibraryImport(QObject):
    """One import at a time into the library in folder, off the GUI thread, cancellable."""

    progressed = Signal(int, int)  # done, total
    finished = Signal(str)  # one sentence: what was imported, skipped, failed; or why it stopped

    def __init__(self, folder: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.folder = folder
        self._lane = BackgroundLane(self, threads=1, name="import")
        self._stop = threading.Event()
        self.bar = ImportBar()
        self.bar.hide()
        self.bar.cancel_button.clicked.connect(self.cancel)
        self.last_report: ImportReport | None = None
        self._view = None

    def attach(self, view) -> None:
        """Show the bar in the status line of view (the library view)."""
        self._view = view
        status = view.statusBar()
        status.addPermanentWidget(self.bar, 1)
        status.setVisible(self.bar.isVisibleTo(view) or not self.bar.isHidden())

    def is_running(self) -> bool:
        return self._lane.is_busy(IMPORT)

    def start(self, paths: list[str]) -> bool:
        """Import paths (files and folders); False, said in the bar, if an import is under way already."""
        if self.is_running():
            self._say("An import is under way; cancel it first, or wait for it to end.")
            return False
        self._stop.clear()
        self.bar.progress.setRange(0, 0)  # busy until the files are counted
        self.bar.label.setText(f"Looking through {counted(len(paths), 'file or folder', 'files and folders')}…")
        self.bar.cancel_button.setEnabled(True)
        self._show_bar()
        self._lane.run(lambda job: self._import(job, paths), success=self._done, failure=self._failed,
                       progress=self._progress, key=IMPORT)
        return True

    def cancel(self) -> None:
        if self.is_running():
            self._stop.set()
            self.bar.cancel_button.setEnabled(False)
            self.bar.label.setText("Cancelling: what is stored stays…")

    def shutdown(self) -> None:
        self._stop.set()
        self._lane.shutdown(10_000)

    # -- on the import's thread --
    def _import(self, job: Job, paths: list[str]) -> ImportReport:
        from contextlib import closing

        from ..core.library import Library
        from ..core.library.importing import import_sources

        def progress(done: int, total: int, outcome) -> None:
            job.report(done, total, Path(outcome.source).name if outcome is not None else "")

        # A library of its own: its connection lives and ends with this thread's work.
        with closing(Library(self.folder)) as library:
            return import_sources(library, paths, on_progress=progress, cancelled=self._stop.is_set)

    # -- back on the GUI thread --
    def _progress(self, done: int, total: int, name: str) -> None:
        bar = self.bar.progress
        bar.setRange(0, max(total, 1))
        bar.setValue(done)
        if not self._stop.is_set():
            self.bar.label.setText(f"Importing: {done} of {total}" + (f" ({name})" if name else ""))
        self.progressed.emit(done, total)

    def _done(self, report: ImportReport) -> None:
        self.last_report = report
        parts = [f"{counted(report.stored, 'new article')} stored"]
        if report.already:
            parts.append(f"{report.already} already in the library")
        if report.failed:
            source, why = report.failed[0]
            parts.append(f"{len(report.failed)} could not be read (“{Path(source).name}”: {why.rstrip('.')})")
        sentence = ", ".join(parts)
        if report.cancelled:
            message = f"Import cancelled after {report.done} of {report.found}: {sentence}; import again to go on."
        elif report.found == 0:
            message = "There was no article to import there (text, web page, Markdown or PDF files)."
        else:
            message = f"Import done: {sentence}."
        self._say(message)
        self.finished.emit(message)

    def _failed(self, error: BaseException) -> None:
        from ..core.errors import ModelError
        from ..core.library import LibraryError

        if isinstance(error, (ModelError, LibraryError)):
            message = f"The import stopped: {error}"
        else:
            import logging

            logging.getLogger("viewer").error("The import failed", exc_info=error)
            message = f"The import stopped unexpectedly ({type(error).__name__}: {error}); what was stored stays."
        self._say(message)
        self.finished.emit(message)

    def _say(self, message: str) -> None:
        self.bar.progress.setRange(0, 1)
        self.bar.progress.setValue(1)
        self.bar.label.setText(message)
        self.bar.label.setToolTip(message)
        self.bar.cancel_button.setEnabled(False)
        self._show_bar()

    def _show_bar(self) -> None:
        self.bar.show()
        if self._view is not None:
            self._view.statusBar().show()
