"""Import into the library from the window: files dropped on the library view or chosen with File > Import into
Library…, a progress bar, Cancel (which keeps what is stored), and a second import that goes on from there.
Real worker processes analyse the files with the real model; a real SQLite file holds them."""
from __future__ import annotations

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

TIMEOUT = 240_000  # each import starts worker processes that load the language model


def drop(widget, paths) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path)) for path in paths])
    for kind in (QDropEvent.Type.DragEnter, QDropEvent.Type.Drop):
        event = (QDropEvent(QPointF(20, 20), Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton,
                            Qt.KeyboardModifier.NoModifier, kind))
        QApplication.sendEvent(widget, event)
        assert event.isAccepted(), kind


def test_import_from_the_window_shows_progress_cancels_and_carries_on(qtbot, window, corpus_files, tmp_path):
    link = window.library_link
    folder = corpus_files[0].parent

    # Two files chosen with File > Import into Library… > Files…
    window.actions_by_name["import_library"].trigger()
    choice = window.dialog("import_choice")
    assert isinstance(choice, QMessageBox) and choice.isVisible()
    files_button = next(b for b in choice.buttons() if b.text() == "F&iles…")
    files_button.click()
    chooser = window.dialog("import")
    assert isinstance(chooser, QFileDialog) and chooser.fileMode() == QFileDialog.FileMode.ExistingFiles
    first_two = [str(path) for path in corpus_files[:2]]
    chooser.filesSelected.emit(first_two)
    view = link.library_view()  # the import runs, shown in the library view
    assert view is not None and view.isVisible()
    bar = link.importer.bar
    assert bar.isVisible() and bar.cancel_button.isEnabled()
    progress = []
    link.importer.progressed.connect(lambda done, total: progress.append((done, total)))
    with qtbot.waitSignal(link.importer.finished, timeout=TIMEOUT) as finished:
        pass
    assert progress and progress[-1] == (2, 2) and bar.progress.value() == bar.progress.maximum()
    assert finished.args[0].startswith("Import done: 2 new articles stored")
    library = link.library()
    assert library.count() == 2
    qtbot.waitUntil(lambda: view.model.rowCount() == 2 and not view.model.pending, timeout=10_000)

    # The whole folder dropped on the library view, cancelled at once: what is in stays, nothing is half-stored.
    with qtbot.waitSignal(link.importer.finished, timeout=TIMEOUT) as finished:
        drop(view, [folder])
        assert link.importer.is_running()
        qtbot.mouseClick(bar.cancel_button, Qt.MouseButton.LeftButton)
    assert finished.args[0].startswith("Import cancelled") and "import again to go on" in finished.args[0]
    report = link.importer.last_report
    assert report.cancelled and report.found == len(corpus_files) and report.already == 2
    stored = library.count()
    assert 2 <= stored < len(corpus_files)
    assert library.integrity_problems() == []

    # Again: the rest goes in, what was in is skipped without being read.
    with qtbot.waitSignal(link.importer.finished, timeout=TIMEOUT) as finished:
        link.import_paths([str(folder)])
    report = link.importer.last_report
    assert not report.cancelled and report.stored == len(corpus_files) - stored
    assert report.already == stored and library.count() == len(corpus_files)
    qtbot.waitUntil(lambda: view.model.rowCount() == len(corpus_files) and not view.model.pending, timeout=10_000)


def test_a_drop_of_nothing_to_import_says_so(qtbot, window, tmp_path):
    empty = tmp_path / "nothing here"
    empty.mkdir()
    (empty / "notes.odt").write_bytes(b"not an article")
    view = window.library_link.show_library()
    drop(view, [empty])
    importer = window.library_link.importer
    qtbot.waitUntil(lambda: not importer.is_running(), timeout=60_000)
    assert importer.bar.label.text() == "There was no article to import there (text, web page, Markdown or PDF files)."
    assert window.library_link.library().count() == 0
