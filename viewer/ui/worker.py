"""The background analysis service: loads the model and analyses articles off the GUI thread.

Plain data goes in (an Article) and plain data comes back (an Analysis) through
queued signals; nothing here touches a widget. One analysis runs at a time, and
a request superseded by a newer one is cancelled between batches so its result
never reaches the window.
"""
from __future__ import annotations

import logging
import os
import sys
import threading

from PySide6.QtCore import QObject, QThread, Signal, Slot

from ..core.article import Article
from ..core.cache import AnalysisCache
from ..core.errors import ArticleError, ModelError
from ..core import language_model

_log = logging.getLogger("viewer.analysis")  # written to the app's log file by viewer.crash

# viewer.core.pipeline (and numpy, spaCy behind it) is imported on the worker thread when the
# first analysis starts, not here: this module is on the path to the window's first paint.

# The analysis thread's niceness (Linux): when the machine is busy, the GUI thread gets the CPU
# first, so the window keeps up with input and painting while a long article is analysed.
WORKER_NICE = int(os.environ.get("ARTICLE_VIEWER_WORKER_NICE", "10"))


class _Worker(QObject):
    model_loading = Signal()
    model_ready = Signal(str)
    model_failed = Signal(str)
    progress = Signal(int, float, object)  # request id, fraction done, new raw mentions
    finished = Signal(int, object)  # request id, Analysis
    failed = Signal(int, str)  # request id, one sentence
    cancelled = Signal(int)  # request id: stopped part-way because another article was opened

    def __init__(self) -> None:
        super().__init__()
        self.latest_request = 0  # written by the GUI thread; an int read is atomic under the GIL
        self.model_error = ""  # why the model last failed to load: it says how to fix it

    @Slot()
    def lower_priority(self) -> None:
        """Run this (the analysis) thread at a lower CPU priority than the GUI thread."""
        if sys.platform.startswith("linux") and WORKER_NICE > 0:
            try:
                os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), WORKER_NICE)
            except (AttributeError, OSError):  # not permitted here: run at normal priority
                pass

    @Slot()
    def load_model(self) -> object | None:
        if language_model.is_loaded():
            return language_model.load_model()
        self.model_loading.emit()
        try:
            nlp = language_model.load_model()
        except ModelError as error:
            _log.warning("No language model: %s", error)
            self.model_error = str(error)
            self.model_failed.emit(self.model_error)
            return None
        except Exception as error:  # a broken install must become a message, not a crash
            _log.exception("The language model could not be loaded")
            self.model_error = (f"The language model could not be loaded ({type(error).__name__}: {error}); "
                                f"reinstall the app with “pip install --force-reinstall .” in its folder.")
            self.model_failed.emit(self.model_error)
            return None
        self.model_ready.emit(language_model.model_label(nlp))
        return nlp

    @Slot(int, object, object)
    def analyse(self, request_id: int, article: Article, cache: AnalysisCache | None) -> None:
        if request_id != self.latest_request:
            return  # superseded while it waited in the queue
        nlp = self.load_model()
        if nlp is None:
            # The model's own message says how to fix it; a generic one here would hide that.
            self.failed.emit(request_id, self.model_error)
            return
        from ..core.pipeline import Cancelled, analyze

        try:
            result = analyze(
                article, nlp,
                on_progress=lambda fraction, fresh: self.progress.emit(request_id, fraction, fresh),
                is_cancelled=lambda: request_id != self.latest_request,
            )
        except Cancelled:
            self.cancelled.emit(request_id)
            return
        except ArticleError as error:
            self.failed.emit(request_id, str(error))
            return
        except Exception as error:
            # A bug, not bad input: the traceback goes to the log (viewer.crash), the reader gets Retry.
            _log.exception("The analysis of %s failed", article.source)
            from ..crash import log_path

            detail = str(error).splitlines()[0][:200] if str(error) else ""
            self.failed.emit(request_id, f"The analysis failed unexpectedly ({type(error).__name__}"
                                         f"{': ' + detail if detail else ''}); the text is still shown "
                                         f"and the details are in {log_path()}.")
            return
        self.finished.emit(request_id, result)

    @Slot(object, object)
    def store(self, cache: AnalysisCache, analysis: object) -> None:
        cache.put(analysis)


class AnalysisService(QObject):
    """Owns the worker thread; the window talks only to this."""

    model_loading = Signal()
    model_ready = Signal(str)
    model_failed = Signal(str)
    progress = Signal(float, object)  # for the current request only
    finished = Signal(object)  # Analysis of the current request
    failed = Signal(str)
    cancelled = Signal(int)  # id of a request stopped part-way by a newer one

    _load_requested = Signal()
    _analyse_requested = Signal(int, object, object)
    _store_requested = Signal(object, object)

    def __init__(self, parent: QObject | None = None, start: bool = True) -> None:
        super().__init__(parent)
        self._thread = QThread()
        self._thread.setObjectName("analysis")
        self._worker = _Worker()
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.lower_priority)
        self._load_requested.connect(self._worker.load_model)
        self._analyse_requested.connect(self._worker.analyse)
        self._store_requested.connect(self._worker.store)
        self._worker.model_loading.connect(self.model_loading)
        self._worker.model_ready.connect(self.model_ready)
        self._worker.model_failed.connect(self.model_failed)
        self._worker.progress.connect(self._on_progress)
        self._worker.finished.connect(self._on_finished)
        self._worker.failed.connect(self._on_failed)
        self._worker.cancelled.connect(self.cancelled)
        self._request = 0
        if start:
            self._thread.start()

    def start(self) -> None:
        """Start the worker thread if AnalysisService(start=False) held it back.

        Requests made before wait in the thread's queue. The app starts it after
        the window's first paint: importing spaCy on another thread competes with
        the GUI thread for the GIL and would delay the article's text.
        """
        if not self._thread.isRunning():
            self._thread.start()

    def preload_model(self) -> None:
        """Start loading the language model now, so it is ready when it is needed."""
        self._load_requested.emit()

    def analyse(self, article: Article, cache: AnalysisCache | None = None) -> int:
        """Queue an analysis (stored in cache when done); any earlier one still running is cancelled."""
        self._request += 1
        self._worker.latest_request = self._request
        self._analyse_requested.emit(self._request, article, cache)
        return self._request

    def store(self, cache: AnalysisCache, analysis: object) -> None:
        """Write an analysis to the cache on the worker thread (after any analysis queued before)."""
        self._store_requested.emit(cache, analysis)

    def cancel(self) -> None:
        self._request += 1
        self._worker.latest_request = self._request

    def _on_progress(self, request_id: int, fraction: float, fresh: object) -> None:
        if request_id == self._request:
            self.progress.emit(fraction, fresh)

    def _on_finished(self, request_id: int, result: object) -> None:
        if request_id == self._request:
            self.finished.emit(result)

    def _on_failed(self, request_id: int, message: str) -> None:
        if request_id == self._request:
            self.failed.emit(message)

    def shutdown(self) -> None:
        """Stop the worker thread; called when the window closes."""
        self.cancel()
        self._thread.quit()
        self._thread.wait(5000)
