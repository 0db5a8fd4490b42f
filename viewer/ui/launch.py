"""Opening files at start-up and from other launches, and what waits for the window's first paint.

- open_sources(): several files at once (a file manager's selection, %F):
  the first is shown and the others follow it in Back / Forward.
- open_in_window(): what a second launch (single instance) or a macOS
  QFileOpenEvent asked for, opened in the running window, which is raised.
- FileOpenFilter: the QApplication event filter that turns a QFileOpenEvent
  (a file double-clicked in the Finder, or dropped on the Dock icon) into that.
- start_after_first_paint(): once the article's text is on screen, everything
  the first paint does without (the analysis pool, the commands, the sidebar's
  panels, the cache lookup, the collector, listening for later launches).
"""
from __future__ import annotations

import gc
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer

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


def collect_without_start_up_objects() -> None:
    """Switch the garbage collector back on, leaving what the start-up built out of its full passes.

    The modules, Qt types and the window's widgets and actions (some 52,000
    objects) live as long as the app. Each full collection walked them all on
    the GUI thread: 17-23 ms, twice while a 100,000-word analysis arrived, on
    top of that turn's own work; frozen, the same collections take about 4 ms
    (benchmarks/long_articles.py, "longest GUI stall"). The start-up leaves about
    200 objects in garbage cycles, which freezing keeps: a few kilobytes.
    """
    gc.freeze()
    gc.enable()


def start_after_first_paint(window, then: Callable[[], object] | None = None, fallback_ms: int = 1000) -> None:
    """Start the analysis once the article text is on screen (or after fallback_ms at most).

    Then the analysis pool takes on the worker process app.py started at launch
    (AnalysisService.preload_model; it has been loading the model meanwhile), the window gets its
    icon, its commands and sidebar panels are built (MainWindow(defer=True)), the garbage
    collector, which app.py switches off for the start-up, goes back on without the start-up's
    objects, and the session's held analysis request (the cache lookup, whose thread would take
    the GIL from the first paint) is released (ArticleSession.hold()). Then then() runs: whatever
    else the app leaves until the text is on screen (app.py: listening for later launches).
    All of it runs once, whichever of the paint and the fallback comes first, in five turns of the
    event loop rather than one: together they take 85-125 ms here (the icon's turn builds PySide's Qt
    namespace, which the first paint did without: qt_values), and the window can repaint between them.
    """
    def adopt_worker() -> None:
        # First: the analysis pool adopts the worker started at launch (or starts one where it could
        # not be), which has been loading the model on another core meanwhile.
        window.service.preload_model()

    def show_icon() -> None:
        window.show_app_icon()

    def build_commands() -> None:
        window.ensure_commands()  # the keys work from here on, a few frames after the window appears

    def build_panels() -> None:
        window.ensure_panels()  # into docks already laid out: nothing moves

    def settle() -> None:
        collect_without_start_up_objects()
        window.session.release()
        if then is not None:
            then()

    turns = [adopt_worker, show_icon, build_commands, build_panels, settle]

    def next_turn() -> None:
        turns.pop(0)()
        if turns:
            QTimer.singleShot(0, window, next_turn)  # (with the window as context: not if it has gone)

    done = []

    def after_paint() -> None:
        if not done:
            done.append(True)
            next_turn()

    _FirstPaint(window, after_paint)
    QTimer.singleShot(fallback_ms, after_paint)
