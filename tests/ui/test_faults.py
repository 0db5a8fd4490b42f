"""Faults inside the app: the analysis or the model fails, and the reader keeps the text and a way out."""
from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from viewer import crash, logs
from viewer.ui.reading_pane import ReadingPane

ARTICLE = ("Ministers meet in Tokyo\n\n"
           "Pakistan's industries minister met Japan's ambassador in Islamabad on Monday to discuss trade. "
           "The two countries agreed that Japanese companies would invest in Pakistani factories next year.\n")


@pytest.fixture
def article_path(tmp_path):
    path = tmp_path / "fault.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def log_text() -> str:
    """What the app's log file holds (the file viewer.crash attached to the "viewer" logger)."""
    logs.setup_logging()
    files = [Path(h.baseFilename) for h in logs.logger.handlers if hasattr(h, "baseFilename")]
    return "".join(f.read_text(encoding="utf-8") for f in files if f.exists())


def assert_text_readable(window) -> None:
    assert window.reading_pane.isVisible()
    assert window.reading_pane.toPlainText() == window.article.text
    assert "Japan's ambassador" in window.reading_pane.toPlainText()


@pytest.fixture
def faulty_window(qtbot, settings, tmp_path_factory, monkeypatch):
    """A window whose analysis workers run tests/fault_worker.py; make(fault) sets the fault and opens it."""
    from viewer.core.cache import AnalysisCache
    from viewer.core.pool import AnalysisPool
    from viewer.ui.analysis_service import AnalysisService
    from viewer.ui.main_window import MainWindow

    made = []

    def make(fault: str):
        monkeypatch.setenv("ARTICLE_VIEWER_TEST_FAULT", fault)
        pool = AnalysisPool(1, worker_module="tests.fault_worker")
        service = AnalysisService(cache=AnalysisCache(tmp_path_factory.mktemp("cache")), pool=pool)
        window = MainWindow(service, settings)
        qtbot.addWidget(window)
        window.show()
        made.append((window, service))
        return window

    yield make
    for window, service in made:
        window.close()
        service.shutdown()


def test_an_exception_in_the_analysis_offers_retry_and_keeps_the_text(qtbot, faulty_window, article_path):
    """Fault injection at a component boundary: the key-point step raises once in the worker, as a bug would."""
    window = faulty_window("keypoints-once")
    logs.setup_logging()
    with qtbot.waitSignal(window.analysis_failed, timeout=120_000) as failed:
        assert window.open_source(article_path)
    message = failed.args[0]
    assert "RuntimeError" in message and "injected fault" in message and "\n" not in message
    bar = window.message_bar
    assert bar.isVisible() and bar.text() == message
    retry = window.actions_by_name["retry_analysis"]
    assert bar.action() is retry and retry.isEnabled()
    assert bar.button.isVisible() and bar.button.focusPolicy() != Qt.FocusPolicy.NoFocus
    assert not window.progress.isVisible()
    assert_text_readable(window)
    log = log_text()  # the worker's traceback, written to the window's log
    assert "Traceback" in log and "injected fault" in log and "fails_once" in log
    assert str(logs.log_path()) in message

    workers = window.service.pool.pids()
    with qtbot.waitSignal(window.analysis_shown, timeout=120_000):
        qtbot.mouseClick(bar.button, Qt.MouseButton.LeftButton)
    assert window.service.pool.pids() == workers  # a bug in one analysis does not cost the worker
    assert not bar.isVisible()
    assert any(e.name == "Japan" for e in window.analysis.entities)
    assert window.reading_pane.toPlainText() == window.analysis.text


def test_a_broken_model_says_how_to_fix_it_and_retry_works_once_fixed(faulty_window, qtbot, article_path,
                                                                       monkeypatch, tmp_path):
    """ARTICLE_VIEWER_MODEL points at a broken folder and no other model is installed."""
    broken = tmp_path / "broken-model"
    broken.mkdir()
    (broken / "config.cfg").write_text("[nlp\nnot a config", encoding="utf-8")
    monkeypatch.setenv("ARTICLE_VIEWER_MODEL", str(broken))
    window = faulty_window("no-installed-models")
    with qtbot.waitSignal(window.analysis_failed, timeout=120_000) as failed:
        assert window.open_source(article_path)
    message = failed.args[0]
    assert "ARTICLE_VIEWER_MODEL" in message and str(broken) in message and "unset it" in message
    assert window.message_bar.text() == message  # not replaced by a vaguer one
    assert_text_readable(window)
    assert window.message_bar.action() is window.actions_by_name["retry_analysis"]
    qtbot.waitUntil(lambda: not window.service.pool.pids(), timeout=10_000)  # that worker has ended

    # The user follows the message and unsets the variable; the installed model is found and loaded
    # for real, by a new worker process (the window's own process never loads one).
    monkeypatch.delenv("ARTICLE_VIEWER_MODEL")
    monkeypatch.setenv("ARTICLE_VIEWER_TEST_FAULT", "")
    with qtbot.waitSignal(window.analysis_shown, timeout=120_000):
        window.actions_by_name["retry_analysis"].trigger()
    assert not window.message_bar.isVisible()
    assert window.analysis.entities


@pytest.mark.qt_no_exception_capture
def test_an_unhandled_exception_in_the_window_goes_to_a_dialog_and_the_log_and_the_window_goes_on(
        qtbot, crash_hooks, analysed_window, monkeypatch, article_path):
    """A bug in a slot of the real window (choosing a key point) must not take the window down."""
    window = analysed_window
    working_mark = ReadingPane.mark_key_point

    def broken_mark(self, start, end, flash=True):
        raise ZeroDivisionError("bug while marking a key point")

    monkeypatch.setattr(ReadingPane, "mark_key_point", broken_mark)
    view = window.key_point_panel
    view.setFocus()
    view.setCurrentIndex(view.model().index(1, 0))  # a real selection change, through the real signal
    qtbot.waitUntil(lambda: crash.open_dialog() is not None, timeout=5000)
    box = crash.open_dialog()
    assert "ZeroDivisionError: bug while marking a key point" in box.text()
    assert "carried on" in box.text() and str(logs.log_path()) in box.text()
    log = log_text()
    assert "bug while marking a key point" in log and "broken_mark" in log and "Traceback" in log

    # The window goes on: the dialog closes, keys still work, another article still opens and is analysed.
    box.close()
    monkeypatch.setattr(ReadingPane, "mark_key_point", working_mark)  # the bug is "fixed"
    assert window.isVisible()
    view.setCurrentIndex(view.model().index(0, 0))
    point = window.analysis.key_points[0]
    assert window.reading_pane.key_point_span() == (point.start, point.end)
    with qtbot.waitSignal(window.analysis_shown, timeout=120_000):
        assert window.open_source(article_path)
    assert any(e.name == "Japan" for e in window.analysis.entities)


@pytest.mark.slow
def test_a_5_mb_line_without_spaces_never_freezes_the_window(qtbot, analysed_window, tmp_path):
    """Opened, shown, analysed and highlighted, then left with Back, the window never stalls for long.

    Before the reading pane let such text wrap anywhere, Qt's line breaking was
    quadratic on it and the window froze for many minutes; before it cleared the
    old text first, going Back from it did the same. What is measured is the GUI
    thread's own CPU time between two turns of the event loop, which a busy
    machine does not inflate as it does the time on the clock.
    """
    import random
    import time

    from PySide6.QtCore import QTimer

    window = analysed_window
    sample = window.article.source
    path = tmp_path / "blob.txt"
    rng = random.Random(5)
    path.write_text("".join(rng.choice("0123456789abcdefghijklmnopqrstuvwxyz") for _ in range(5 * 1024 * 1024)),
                    encoding="utf-8")
    stalls: list[float] = []
    last = [time.thread_time()]

    def tick() -> None:
        now = time.thread_time()
        stalls.append(now - last[0])
        last[0] = now

    timer = QTimer()
    timer.timeout.connect(tick)
    timer.start(20)
    with qtbot.waitSignal(window.analysis_shown, timeout=150_000):
        window.open_source(path)
    assert window.reading_pane.toPlainText().replace("\n", "") == path.read_text(encoding="utf-8")
    # The highlights go on after the analysis is shown; what they cost belongs to the opening, not to Back.
    qtbot.waitUntil(window.reading_pane.highlighting_idle, timeout=60_000)
    qtbot.wait(100)
    assert max(stalls) < 2, f"the window's own work held it for {max(stalls):.1f} s"
    for command, source in (("back", sample), ("forward", str(path)), ("back", sample)):
        stalls.clear()
        with qtbot.waitSignal(window.article_shown, timeout=60_000):
            window.actions_by_name[command].trigger()
        qtbot.wait(300)
        assert window.article.source == source
        assert max(stalls) < 1, f"{command} held the window for {max(stalls):.1f} s of its own work"
    timer.stop()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="sends SIGKILL to the worker")
def test_a_killed_analysis_process_costs_only_that_analysis(qtbot, window, sample_path, tmp_path, article_path):
    """SIGKILL of the worker mid-analysis: the window lives and says so, Retry works, the next article too."""
    body = sample_path.read_text(encoding="utf-8").split("\n", 1)[1]
    long = tmp_path / "long.txt"
    long.write_text("A long story\n\n" + "\n\n".join([body] * 12), encoding="utf-8")
    with qtbot.waitSignal(window.service.progress, timeout=120_000):
        assert window.open_source(long)
    [worker] = window.service.pool.pids()
    with qtbot.waitSignal(window.analysis_failed, timeout=30_000) as failed:
        os.kill(worker, signal.SIGKILL)
    message = failed.args[0]
    assert message.startswith("The analysis stopped") and "killed by SIGKILL" in message and "Retry" in message
    assert "\n" not in message and window.message_bar.text() == message
    assert window.message_bar.action() is window.actions_by_name["retry_analysis"]
    assert window.isVisible() and not window.progress.isVisible()
    assert window.reading_pane.toPlainText() == window.article.text and window.article.source == str(long)

    with qtbot.waitSignal(window.analysis_shown, timeout=120_000):
        qtbot.mouseClick(window.message_bar.button, Qt.MouseButton.LeftButton)
    assert window.analysis.text == window.article.text and window.analysis.entities
    assert worker not in window.service.pool.pids()  # a new process did it
    with qtbot.waitSignal(window.analysis_shown, timeout=120_000):
        assert window.open_source(article_path)
    assert any(e.name == "Japan" for e in window.analysis.entities)
