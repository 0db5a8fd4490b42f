"""viewer/crash.py: the exception hooks and the dialogs that keep the app running."""
from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from viewer import crash, logs

ROOT = Path(__file__).resolve().parent.parent


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "config"),
               ARTICLE_VIEWER_LOG_DIR=str(tmp_path / "log"))
    env.update(extra)
    return env


def _raise_in_slot(message: str) -> None:
    raise ValueError(message)


@pytest.mark.qt_no_exception_capture
def test_exception_in_a_slot_is_logged_and_shown_and_the_app_goes_on(qtbot, crash_hooks):
    from PySide6.QtCore import QTimer

    QTimer.singleShot(0, lambda: _raise_in_slot("a broken slot"))
    qtbot.waitUntil(lambda: crash.open_dialog() is not None, timeout=5000)
    box = crash.open_dialog()
    assert "ValueError: a broken slot" in box.text() and str(logs.log_path()) in box.text()
    assert "carried on" in box.text() and "Traceback" in box.detailedText()
    log = logs.log_path().read_text(encoding="utf-8")
    assert "Traceback" in log and "a broken slot" in log and "_raise_in_slot" in log
    # The event loop still runs: a later timer fires, and a second error joins the open dialog.
    fired = []
    QTimer.singleShot(0, lambda: fired.append(True))
    QTimer.singleShot(0, lambda: _raise_in_slot("a second one"))
    qtbot.waitUntil(lambda: bool(fired) and "1 more" in box.informativeText(), timeout=5000)
    assert crash.open_dialog() is box
    assert "a second one" in logs.log_path().read_text(encoding="utf-8")


@pytest.mark.qt_no_exception_capture
def test_exception_in_a_thread_reaches_a_dialog_on_the_gui_thread(qtbot, crash_hooks):
    def work() -> None:
        raise RuntimeError("worker thread failed")

    thread = threading.Thread(target=work, name="loader")
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: crash.open_dialog() is not None, timeout=5000)
    assert "RuntimeError: worker thread failed" in crash.open_dialog().text()
    assert "in loader" in logs.log_path().read_text(encoding="utf-8")


def test_bad_argument_is_one_sentence_and_logged(tmp_path):
    done = subprocess.run([sys.executable, "main.py", "--no-such-option"], cwd=ROOT, env=_env(tmp_path),
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert "--no-such-option" in done.stderr and "Traceback" not in done.stderr
    assert "--no-such-option" in (tmp_path / "log" / "article-viewer.log").read_text(encoding="utf-8")


def test_qt_that_cannot_start_leaves_its_reason_in_the_log(tmp_path):
    env = _env(tmp_path, QT_QPA_PLATFORM="no-such-platform", DISPLAY="", WAYLAND_DISPLAY="")
    done = subprocess.run([sys.executable, "main.py"], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=60)
    assert done.returncode != 0  # Qt aborts; it must not look like a clean exit
    log = (tmp_path / "log" / "article-viewer.log").read_text(encoding="utf-8")
    assert "Qt fatal error" in log and "platform plugin" in log


def test_start_up_failure_shows_a_dialog_and_exits_non_zero(qtbot, qapp, monkeypatch, capsys):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from viewer import app

    def broken(_args):
        raise OSError("disk on fire")

    monkeypatch.setattr(app, "_run", broken)
    monkeypatch.setattr(crash, "dialogs_visible", lambda: True)
    seen = []

    def close_dialog() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append(box.text())
            box.accept()
        else:
            QTimer.singleShot(50, close_dialog)

    QTimer.singleShot(50, close_dialog)
    try:
        assert app.main([]) == 1
    finally:
        crash.uninstall()
    assert seen and "could not start (OSError: disk on fire)" in seen[0] and str(logs.log_path()) in seen[0]
    assert "disk on fire" in capsys.readouterr().err
