"""Make every failure reach the user: an unhandled-exception hook, a dialog, and Qt's own fatal messages.

Started by double-click there is no terminal, so a traceback on stderr is lost
and an app that dies at start-up looks as if it never launched. This module:

- replaces ``sys.excepthook`` and ``threading.excepthook`` so an unhandled
  exception is written to the log (viewer/logs.py) with its traceback and shown
  in a dialog of one sentence naming the log, while the app carries on
  (PySide6 hands exceptions raised in slots and event handlers to
  ``sys.excepthook`` and then returns to the event loop);
- routes Qt's own messages to the log, so a fatal one ("could not load the Qt
  platform plugin"), after which Qt aborts the process, is recorded and shown
  through a desktop notifier when one is installed;
- writes native crash tracebacks (faulthandler) next to the log, and where every
  thread is when asked (dump_threads: SIGUSR1, so a window that stopped answering
  can be asked without a debugger).

The module imports Qt only when there is a dialog to show.
"""
from __future__ import annotations

import faulthandler
import os
import re
import signal
import sys
import threading
import traceback
from types import TracebackType
from collections.abc import Callable

from . import APP_NAME
from .logs import (LOG_MAX_BYTES, LOG_NAME, fault_path, flush_log, log_dir, log_path, logger, setup_logging,
                   write_stderr)

MAX_DIALOGS = 5  # after this many in one session, errors go to the log only

_state: dict = {"installed": False, "previous_hooks": None, "dialogs": 0, "open_dialog": None, "pending": 0,
                "bridge": None, "fault_file": None, "qt_handler": None, "previous_qt_handler": None}


# -- the hooks -----------------------------------------------------------------------------------

def install() -> None:
    """Install the log, the exception hooks and faulthandler; safe to call more than once."""
    setup_logging()
    if _state["installed"]:
        return
    _state["installed"] = True
    _state["previous_hooks"] = (sys.excepthook, threading.excepthook)
    sys.excepthook = _excepthook
    threading.excepthook = _thread_excepthook
    _enable_faulthandler()


def uninstall() -> None:
    """Put back the hooks install() replaced (for tests)."""
    if _state["previous_hooks"] is not None:
        sys.excepthook, threading.excepthook = _state["previous_hooks"]
        _state["previous_hooks"] = None
    if _state["fault_file"] is not None:
        faulthandler.disable()
        _state["fault_file"].close()
        _state["fault_file"] = None
    if _state["previous_qt_handler"] is not None or _state["qt_handler"] is not None:
        from PySide6.QtCore import qInstallMessageHandler

        qInstallMessageHandler(_state["previous_qt_handler"])
        _state["qt_handler"] = _state["previous_qt_handler"] = None
    _state["installed"] = False
    _state["dialogs"] = _state["pending"] = 0
    _state["open_dialog"] = None


def _enable_faulthandler() -> None:
    try:
        path = fault_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists() and path.stat().st_size > LOG_MAX_BYTES:
            path.unlink()
        # Kept open for the life of the process: faulthandler writes to the raw descriptor on a crash.
        _state["fault_file"] = open(path, "a", encoding="utf-8")  # noqa: SIM115
        faulthandler.enable(file=_state["fault_file"])
    except (OSError, RuntimeError, ValueError):
        pass  # no log folder: Python still prints a fatal error to stderr
    catch_dump_requests()


def catch_dump_requests() -> None:
    """Give SIGUSR1 a Python handler that does nothing, from the main thread (elsewhere: nothing).

    `kill -USR1 PID` asks where each thread is; ui/quit_on_signals.py's thread
    answers it once the window is up, and sees it only because a Python handler
    makes the C-level one write it to the wake-up socket. Until then it must not
    end the app, which is what it does by default. Not faulthandler.register: its
    dump from inside the signal handler crashed the app (heap corruption) in 1 of
    120 test runs.
    """
    if hasattr(signal, "SIGUSR1") and threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGUSR1, _ignore_signal)


def _ignore_signal(_number: int, _frame) -> None:
    pass


def dump_threads() -> bool:
    """Write where each thread is to the native crash log; False if there is no such log.

    Call it from Python (not from a signal handler): holding the interpreter, the
    other threads' stacks cannot change while they are read.
    """
    fault_file = _state["fault_file"]
    if fault_file is None:
        return False
    try:
        fault_file.write(f"\n{APP_NAME}: where each thread is, as asked (SIGUSR1)\n")
        fault_file.flush()
        faulthandler.dump_traceback(file=fault_file, all_threads=True)
        fault_file.flush()
    except (OSError, ValueError):
        return False
    return True


def _excepthook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    report(exc, tb)


def _thread_excepthook(args: threading.ExceptHookArgs) -> None:
    if args.exc_type is SystemExit:
        return
    thread = args.thread.name if args.thread is not None else "a background thread"
    report(args.exc_value, args.exc_traceback, where=thread)


def report(exc: BaseException | None, tb: TracebackType | None = None, where: str = "") -> str:
    """Log an unexpected exception, print it, show the one-sentence dialog; return that sentence.

    Never raises: a failure while reporting falls back to stderr.
    """
    try:
        tb = tb if tb is not None else getattr(exc, "__traceback__", None)
        details = "".join(traceback.format_exception(type(exc), exc, tb)) if exc is not None else ""
        logger.error("Unhandled exception%s:\n%s", f" in {where}" if where else "", details.rstrip())
        flush_log()
        sentence = describe(exc)
        # The traceback is in the log; stderr gets the same one sentence the dialog shows.
        write_stderr(f"article-viewer: {sentence}")
        show_dialog(sentence, details)
        return sentence
    except Exception:  # the last line of defence must not raise itself
        try:
            traceback.print_exception(type(exc), exc, tb)
        except Exception:
            pass
        return ""


def describe(exc: BaseException | None) -> str:
    """One sentence for the dialog: what happened, that the app goes on, and where the log is."""
    what = f"{type(exc).__name__}: {exc}" if exc is not None and str(exc) else type(exc).__name__
    if len(what) > 160:
        what = what[:157] + "…"
    return (f"{APP_NAME} ran into an unexpected problem ({what}) and has carried on; "
            f"the details are in {log_path()}.")


def startup_failed(message: str, exc: BaseException | None = None, usage: bool = False) -> None:
    """Report an error that stops the app before its window: log, stderr and, if seen by no one, a dialog.

    `usage` marks a bad command line: in a terminal the message on stderr is
    enough; with no terminal (a launcher or a file manager) it also becomes a
    dialog. Any other start-up failure always gets a dialog when a display is
    there, because the window the user asked for will not appear.
    """
    try:
        if exc is not None:
            details = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
            logger.error("Start-up failed: %s\n%s", message, details.rstrip())
        else:
            details = ""
            logger.error("Start-up failed: %s", message)
        flush_log()
        write_stderr(f"article-viewer: {message}")
        if usage and has_terminal():
            return
        sentence = message if exc is None and usage else f"{message} The details are in {log_path()}."
        if not show_blocking_dialog(sentence, details):
            notify_desktop(sentence)
    except Exception:
        traceback.print_exc()


def has_terminal() -> bool:
    """True when someone can read stderr (started from a shell, not from a launcher)."""
    stream = sys.__stderr__
    try:
        return stream is not None and stream.isatty()
    except (ValueError, OSError):
        return False


def display_available() -> bool:
    """True when a dialog would be seen: a real display, not the offscreen or minimal platform.

    Checked before QApplication is made, because Qt aborts the process when it
    cannot reach a display.
    """
    platform = os.environ.get("QT_QPA_PLATFORM", "").split(":")[0].strip().lower()
    if platform in ("offscreen", "minimal", "vnc"):
        return False
    if platform or sys.platform in ("win32", "darwin"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


# -- dialogs -------------------------------------------------------------------------------------

# Tests replace this to see dialogs on the offscreen platform.
dialogs_visible: Callable[[], bool] = display_available


def show_dialog(sentence: str, details: str = "") -> bool:
    """Show the error without blocking (the app keeps running); from any thread. True if shown."""
    try:
        from PySide6.QtCore import QThread
        from PySide6.QtWidgets import QApplication
    except ImportError:
        return False
    app = QApplication.instance()
    if app is None or not isinstance(app, QApplication) or not dialogs_visible():
        return False
    if QThread.currentThread() is not app.thread():
        bridge = _state["bridge"]
        if bridge is None:
            return False
        bridge.requested.emit(sentence, details)  # queued to the GUI thread
        return True
    return _open_dialog(sentence, details)


def _open_dialog(sentence: str, details: str) -> bool:
    from PySide6.QtWidgets import QMessageBox

    box = _state["open_dialog"]
    if box is not None and box.isVisible():
        # One dialog at a time: a failing paint or timer must not bury the window in dialogs.
        _state["pending"] += 1
        box.setInformativeText(f"{_state['pending']} more problem(s) since then are in the log too.")
        return True
    if _state["dialogs"] >= MAX_DIALOGS:
        return False
    _state["dialogs"] += 1
    _state["pending"] = 0
    box = _message_box(QMessageBox.Icon.Warning, sentence, details)
    box.open()  # not exec(): the event loop, and the app, go on
    _state["open_dialog"] = box
    return True


def show_blocking_dialog(sentence: str, details: str = "") -> bool:
    """Show a start-up error and wait for OK, making a QApplication if needed. True if shown."""
    if not dialogs_visible():
        return False
    try:
        from PySide6.QtWidgets import QApplication, QMessageBox
    except ImportError:
        return False
    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else LOG_NAME])
    box = _message_box(QMessageBox.Icon.Critical, sentence, details)
    _state["open_dialog"] = box
    box.exec()
    _state["open_dialog"] = None
    return bool(app)


def _message_box(icon, sentence: str, details: str):
    from PySide6.QtCore import Qt, QUrl
    from PySide6.QtGui import QDesktopServices
    from PySide6.QtWidgets import QApplication, QMessageBox

    parent = QApplication.activeWindow()
    box = QMessageBox(icon, APP_NAME, sentence, QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("errorDialog")
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
    if details:
        box.setDetailedText(details)
    folder = box.addButton("Open log folder", QMessageBox.ButtonRole.ActionRole)
    folder.clicked.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(log_dir()))))
    box.setDefaultButton(QMessageBox.StandardButton.Ok)
    return box


def open_dialog():
    """The error dialog on screen, or None (for tests)."""
    box = _state["open_dialog"]
    return box if box is not None and box.isVisible() else None


def install_qt() -> None:
    """Once a QApplication exists: let other threads' errors reach a dialog on the GUI thread."""
    from PySide6.QtCore import QObject, Signal

    if _state["bridge"] is not None:
        return

    class _Bridge(QObject):
        requested = Signal(str, str)

    bridge = _Bridge()
    bridge.requested.connect(_open_dialog)
    _state["bridge"] = bridge


def install_qt_message_handler() -> None:
    """Log Qt's warnings, and on a fatal one (after which Qt aborts) tell the user another way.

    Call before QApplication is made: that is when "could not load the Qt
    platform plugin" happens. The handler passes every message on to the one it
    replaces, so Qt's own output (and pytest-qt's capture) are unchanged.
    """
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    if _state["qt_handler"] is not None:
        return

    def handler(kind, context, message) -> None:
        try:
            if kind == QtMsgType.QtFatalMsg:
                logger.critical("Qt fatal error: %s", message)
                sentence = _fatal_sentence(message)
                logger.critical("%s", sentence)
                flush_log()
                write_stderr(f"article-viewer: {sentence}")
                notify_desktop(sentence)
            elif kind in (QtMsgType.QtCriticalMsg, QtMsgType.QtWarningMsg):
                logger.warning("Qt: %s", message)
        except Exception:
            pass
        previous = _state["previous_qt_handler"]
        if previous is not None:
            previous(kind, context, message)
        else:
            write_stderr(message)

    _state["qt_handler"] = handler
    _state["previous_qt_handler"] = qInstallMessageHandler(handler)


def _fatal_sentence(message: str) -> str:
    """What to tell the user about a fatal Qt message: what is missing and how to install it, when known."""
    if "platform plugin" in message:
        from .platform_check import diagnose

        diagnosis = diagnose()
        if diagnosis:
            return diagnosis
    # Qt's own text advises reinstalling the app, which never helps; its first sentence says what failed.
    first = re.split(r"(?<=[.!?])\s", " ".join(message.split()), maxsplit=1)[0]
    return f"{APP_NAME} could not start: {first} The details are in {log_path()}."


def notify_desktop(sentence: str) -> bool:
    """Tell the user through the desktop's notifier when Qt cannot: notify-send, zenity, kdialog, xmessage."""
    if not display_available() or os.environ.get("QT_QPA_PLATFORM", "").startswith("offscreen"):
        return False
    import shutil
    import subprocess
    for command in (["notify-send", "--app-name", APP_NAME, "-u", "critical", APP_NAME, sentence],
                    ["zenity", "--error", "--title", APP_NAME, "--text", sentence],
                    ["kdialog", "--title", APP_NAME, "--error", sentence],
                    ["xmessage", "-center", sentence]):
        if shutil.which(command[0]):
            try:
                subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                 stderr=subprocess.DEVNULL, start_new_session=True)
                return True
            except OSError:
                continue
    return False


# -- helpers -------------------------------------------------------------------------------------
