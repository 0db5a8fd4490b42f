"""Start-up pieces in the window: macOS file-open events, raising the window, the deferred analysis thread."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication

from viewer.ui.launch import FileOpenFilter, open_in_window
from viewer.ui.startup_probe import process_start_time


# The offscreen platform cannot raise a window; a real one can.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support raise")


def test_a_file_open_event_opens_the_file(qtbot, qapp, window, tmp_path):
    article = tmp_path / "finder.txt"
    article.write_text("Opened from the Finder\n\nAngela Merkel visited Paris on Tuesday.\n", encoding="utf-8")
    opener = FileOpenFilter(window)
    qapp.installEventFilter(opener)
    try:
        QApplication.postEvent(qapp, QFileOpenEvent(QUrl.fromLocalFile(str(article))))
        qtbot.waitUntil(lambda: window.article is not None and window.article.source == str(article))
    finally:
        qapp.removeEventFilter(opener)
    assert "Opened from the Finder" in window.reading_pane.toPlainText()


def test_a_handed_over_file_restores_a_minimised_window(qtbot, window, sample_path):
    window.showMinimized()
    qtbot.waitUntil(window.isMinimized)
    open_in_window(window, [str(sample_path), "/another/file.txt"])
    qtbot.waitUntil(lambda: not window.isMinimized())
    assert window.article.source == str(sample_path)
    assert window.statusBar().currentMessage() == "Showing the first of 2 articles; Go > Forward shows the next."
    assert window.actions_by_name["forward"].isEnabled()


def _article(folder, name: str, sentence: str):
    path = folder / f"{name}.txt"
    path.write_text(f"{name}\n\n{sentence}\n", encoding="utf-8")
    return str(path)


def test_several_files_open_the_first_and_the_others_follow_in_forward(qtbot, window, tmp_path):
    """A file manager's selection of three articles (%F): Forward walks through them, Back returns."""
    sources = [_article(tmp_path, name, f"The {name} report was published on Monday.")
               for name in ("Harbour", "Railway", "Airport")]
    assert open_in_window(window, sources) is None
    assert window.article.source == sources[0]
    shown = [window.article.source]
    for _ in sources[1:]:
        window.actions_by_name["forward"].trigger()
        shown.append(window.article.source)
    assert shown == sources
    assert not window.actions_by_name["forward"].isEnabled()
    window.actions_by_name["back"].trigger()
    assert window.article.source == sources[1]
    window.open_source(sources[0])  # a new article drops what was ahead of the current one, as in a browser
    assert not window.actions_by_name["forward"].isEnabled()


def test_when_the_first_of_several_fails_the_others_are_still_ahead(qtbot, window, tmp_path):
    second = _article(tmp_path, "Railway", "The railway reopened on Tuesday.")
    assert not window.open_sources([str(tmp_path / "missing.txt"), second])
    assert "missing.txt" in window.message_bar.text()
    window.actions_by_name["forward"].trigger()
    assert window.article.source == second


def test_process_start_time_is_in_the_past(monkeypatch):
    import time

    monkeypatch.delenv("ARTICLE_VIEWER_T0", raising=False)
    started = process_start_time()
    assert time.time() - 600 < started <= time.time()


def test_a_second_article_is_not_drawn_in_the_first_ones_headline_format(qtbot, window, sample_path, tmp_path):
    from PySide6.QtGui import QFont, QTextCursor

    article = tmp_path / "second.txt"
    article.write_text("Second headline\n\nAn ordinary paragraph of body text.\n", encoding="utf-8")
    assert window.open_source(sample_path)
    open_in_window(window, [str(article)])
    text = window.reading_pane.toPlainText()
    cursor = QTextCursor(window.reading_pane.document())
    cursor.setPosition(text.index("ordinary") + 1)
    assert cursor.charFormat().fontWeight() != QFont.Weight.Bold
