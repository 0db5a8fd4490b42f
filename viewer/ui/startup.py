"""Start-up helpers for the window: opening files from other launches and the OS, and timing the start.

- open_sources(): several files at once (a file manager's selection, %F):
  the first is shown and the others follow it in Back / Forward.
- open_in_window(): what a second launch (single instance) or a macOS
  QFileOpenEvent asked for, opened in the running window, which is raised.
- FileOpenFilter: the QApplication event filter that turns a QFileOpenEvent
  (a file double-clicked in the Finder, or dropped on the Dock icon) into that.
- close_on_signals(): Ctrl+C in the terminal (SIGINT) and SIGTERM (a logout,
  `kill`) close the window as Quit does, so its settings are kept and the
  single-instance socket is removed.
- StartupProbe: with ARTICLE_VIEWER_BENCHMARK set, prints when the article
  text was first painted, when the model finished loading and when the
  entities were painted, in seconds from process start, then quits.
  benchmarks/startup.py reads these lines.
"""
from __future__ import annotations

import gc
import os
import signal
import sys
import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

from .. import crash
from ..core import model as model_module

# Modules that must not be on the path to the first paint: the model and the analysis load on
# the worker thread, dialogs and export/print support on first use (import them inside the method).
HEAVY_MODULES = ("spacy", "thinc", "numpy", "torch", "viewer.core.pipeline", "viewer.core.entities",
                 "viewer.core.keypoints", "viewer.core.export", "viewer.ui.exporting", "PySide6.QtPrintSupport",
                 "PySide6.QtSvg", "viewer.ui.palette", "viewer.ui.shortcuts_dialog", "viewer.ui.panels",
                 "viewer.ui.models", "sqlite3", "viewer.core.library", "viewer.ui.library_window",
                 "viewer.ui.library_models")
if sys.platform != "win32":  # Windows asks for a running app at every launch: it has no socket file to look at
    HEAVY_MODULES += ("PySide6.QtNetwork",)  # unless a socket file says an app may be running (single_instance)
MANY_FILES = "Showing the first of {n} articles; Go > Forward shows the next."


def open_sources(window, sources: list[str]) -> bool:
    """Open the first source in window, the others next in Forward, and say so if there are others."""
    opened = window.open_sources(sources)
    if len(sources) > 1:
        window.statusBar().showMessage(MANY_FILES.format(n=len(sources)))
    return opened


def open_in_window(window, sources: list[str]) -> None:
    """Open the sources (if any) in window and bring the window to the front."""
    if sources:
        open_sources(window, sources)
    if window.isMinimized():
        window.showNormal()
    window.show()
    window.raise_()
    window.activateWindow()


class FileOpenFilter(QObject):
    """Installed on the QApplication: a QFileOpenEvent opens its file (or URL) in the window."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FileOpen:
            source = event.file() or event.url().toString()
            if source:
                open_in_window(self.window, [source])
            return True
        return False


def close_on_signals(window, signals: tuple[int, ...] = (signal.SIGINT, signal.SIGTERM)) -> None:
    """Close window (as its Quit command does) when the process gets one of signals.

    Python runs a signal handler only when it next runs Python code, which can
    be never while Qt waits for events: the C-level handler also writes to a
    socket (signal.set_wakeup_fd) that a QSocketNotifier watches, and reading
    it runs the Python handler. Call after the first paint: socket is not
    imported before it.
    """
    _SignalWakeup(window)

    def handler(number: int, _frame) -> None:
        crash.logger.info("Closing the window on %s", signal.Signals(number).name)
        QTimer.singleShot(0, window.close)

    for number in signals:
        signal.signal(number, handler)


class _SignalWakeup(QObject):
    """The socket pair signal.set_wakeup_fd writes to, and the notifier that wakes Python to read it."""

    def __init__(self, parent: QObject) -> None:
        import socket

        from PySide6.QtCore import QSocketNotifier

        super().__init__(parent)
        self.reader, self.writer = socket.socketpair()
        self.reader.setblocking(False)
        self.writer.setblocking(False)
        signal.set_wakeup_fd(self.writer.fileno(), warn_on_full_buffer=False)
        self.notifier = QSocketNotifier(self.reader.fileno(), QSocketNotifier.Type.Read, self)
        self.notifier.activated.connect(self._drain)

    def _drain(self, *_args) -> None:
        try:
            while self.reader.recv(512):
                pass
        except (BlockingIOError, InterruptedError):
            pass


class _FirstPaint(QObject):
    def __init__(self, window, callback) -> None:
        super().__init__(window)
        self.pane = window.reading_pane
        self.callback = callback
        self.pane.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self.pane.document().isEmpty():
            self.pane.viewport().removeEventFilter(self)
            QTimer.singleShot(0, self.callback)
        return False


def start_after_first_paint(window, service, then: Callable[[], object] | None = None,
                            fallback_ms: int = 1000) -> None:
    """Start the analysis thread once the article text is on screen (or after fallback_ms at most).

    spaCy's import on the worker thread would otherwise take the GIL from the
    GUI thread while it builds and paints the window. The garbage collector,
    which app.py switches off for the start-up, goes back on at the same time,
    the window's commands and sidebar panels are built (MainWindow(defer=True))
    and its held cache lookup / analysis request is released
    (window.hold_analysis()). Then then() runs: whatever else the app leaves
    until the text is on screen (app.py: listening for later launches).
    All of it runs once, whichever of the paint and the fallback comes first.
    """
    done = []

    def after_paint() -> None:
        if done:
            return
        done.append(True)
        gc.enable()
        window.ensure_commands()  # the keys work from here on, a frame after the window appears
        window.ensure_panels()  # into docks already laid out: nothing moves
        window.release_analysis()
        service.start()
        if then is not None:
            then()

    _FirstPaint(window, after_paint)
    QTimer.singleShot(fallback_ms, after_paint)


def process_start_time() -> float:
    """The time.time() at which this process started.

    ARTICLE_VIEWER_T0 (set by the benchmark just before it starts the process)
    is exact; otherwise Linux's /proc/self/stat gives it to 10 ms.
    """
    given = os.environ.get("ARTICLE_VIEWER_T0", "")
    try:
        return float(given)
    except ValueError:
        pass
    try:
        with open("/proc/self/stat", encoding="ascii") as stream:
            fields = stream.read().rsplit(")", 1)[1].split()
        started_ticks = int(fields[19])  # field 22 of the whole line: start time after boot
        since_boot = time.clock_gettime(time.CLOCK_BOOTTIME)
        return time.time() - (since_boot - started_ticks / os.sysconf("SC_CLK_TCK"))
    except (OSError, IndexError, ValueError, AttributeError):
        return time.time()


class StartupProbe(QObject):
    """Timestamps of the start-up milestones, printed as `startup NAME SECONDS` on stderr."""

    def __init__(self, window, service, quit_when_done: bool = True) -> None:
        super().__init__(window)
        self.t0 = process_start_time()
        self.window = window
        self.pane = window.reading_pane
        self.quit_when_done = quit_when_done
        self.times: dict[str, float] = {}
        self._analysis_shown = False
        window.analysis_shown.connect(self._on_analysis_shown)
        window.analysis_failed.connect(self._on_failed)
        self.pane.viewport().installEventFilter(self)

    @classmethod
    def from_env(cls, window, service) -> StartupProbe | None:
        if not os.environ.get("ARTICLE_VIEWER_BENCHMARK"):
            return None
        return cls(window, service)

    def _mark(self, name: str, when: float | None = None) -> None:
        self.times[name] = (when if when is not None else time.time()) - self.t0
        print(f"startup {name} {self.times[name]:.4f}", file=sys.stderr, flush=True)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.Paint or self.pane.document().isEmpty():
            return False
        # Paint now, then take the time, so the figure includes the painting itself.
        self.pane.viewportEvent(event)
        if "first-paint" not in self.times:
            self._mark("first-paint")
            heavy = sorted(name for name in HEAVY_MODULES if name in sys.modules)
            print(f"startup heavy-modules-at-first-paint {','.join(heavy) or 'none'}", file=sys.stderr, flush=True)
            if self._analysis_shown:  # from the analysis cache, before the first paint: paint the entities too
                self.pane.viewport().update()
        elif self._analysis_shown and "entities-painted" not in self.times:
            self._mark("entities-painted")
            loaded = model_module.loaded_at()
            if loaded is not None:
                self._mark("model-loaded", loaded)
            self._done()
        return True

    def _on_analysis_shown(self, _analysis) -> None:
        self._analysis_shown = True
        self.pane.viewport().update()

    def _on_failed(self, message: str) -> None:
        print(f"startup failed {message}", file=sys.stderr, flush=True)
        self._done()

    def _done(self) -> None:
        if self.quit_when_done:
            QTimer.singleShot(0, QApplication.instance().quit)
