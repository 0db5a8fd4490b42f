"""The analysis service: the on-disk cache, and the language model in worker processes.

The window's session asks for an article's analysis with analyse(article) and
hears back through signals: progress (with the raw mentions found so far, for
provisional highlights), finished (an AnalysisResult) or failed (one sentence).
The service owns the cache: it looks the article up on a thread of its own
(a hit never waits for the model) and, on a miss, has the analysis pool
(core/pool.py) analyse it in a worker process, at a lower priority than the
window, which also stores the result in the cache. Only the latest request counts: a newer
analyse() or cancel() drops whatever an earlier one would still have delivered,
and stops its worker at once.

Plain data goes in (an Article) and plain data comes back; nothing here
touches a widget. spaCy, thinc, numpy and the model are never imported in the
window's process: they live in the workers, which start after the window's
first paint (preload_model()) and are replaced if one dies.
"""
from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable, Generator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal

from ..core.errors import ArticleError, ModelError
from .background import BackgroundLane

if TYPE_CHECKING:
    from ..core.analysis import Analysis
    from ..core.article import Article
    from ..core.cache import AnalysisCache
    from ..core.pool import AnalysisPool, Job
    from ..core.spawn import StartedWorker
    from ..core.worker import PackedAnalysis

_log = logging.getLogger("viewer.analysis")  # written to the app's log file (viewer/logs.py)

REQUEST = "analysis"  # the key under which a newer cache lookup supersedes an older one
WINDOW_PROCESSES = 2  # one model process, and a second while a long article is shared out
SLICE_SECONDS = 0.006  # GUI-thread work per turn of the event loop when a result arrives
STEP_ITEMS = 1000  # mentions grouped per step
RECENT_RESULTS = 3  # the workers' latest results, kept for Back and Forward


@dataclass(frozen=True)
class AnalysisResult:
    """What the window needs to show an analysis: the analysis itself, prepared for the reading pane."""

    analysis: Analysis
    from_cache: bool
    # The mentions as highlight spans grouped by text block (highlighting.group_by_block),
    # worked out off the GUI thread; None when the window has to work them out (after corrections).
    block_spans: dict | None


class _Slices(QObject):
    """Runs a generator on the GUI thread a few milliseconds per turn of the event loop.

    For the Python work a finished analysis still needs in the window (unpacking it,
    grouping its highlights by block): done here, between events, it never makes
    the GUI thread wait for the interpreter's lock held by a thread that the
    system has descheduled.
    """

    def __init__(self, parent: QObject, steps: Generator, done: Callable[[Any], object],
                 failed: Callable[[BaseException], object]) -> None:
        super().__init__(parent)
        self._steps, self._done, self._failed = steps, done, failed
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._turn)
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        self.deleteLater()

    def _turn(self) -> None:
        deadline = time.perf_counter() + SLICE_SECONDS
        try:
            while time.perf_counter() < deadline:
                next(self._steps)
        except StopIteration as end:
            self.stop()
            self._done(end.value)
        except Exception as error:  # a bug must reach the reader as a message, not end the event loop
            self.stop()
            self._failed(error)


class _Relay(QObject):
    """Lives in the GUI thread; the pool's event thread emits, the GUI thread receives (queued)."""

    event = Signal(str, object, object)  # what, the job (None for the model's events), payload


class AnalysisService(QObject):
    """Looks up, analyses and stores articles in the background; the session talks only to this."""

    model_loading = Signal()
    model_ready = Signal(str)  # the model's name and version
    model_failed = Signal(str)  # one sentence that says how to fix it
    started = Signal()  # the cache had nothing: the model is at work on the latest request
    progress = Signal(float, object)  # fraction done, raw mentions found since the last report
    finished = Signal(object)  # AnalysisResult of the latest request
    failed = Signal(str)  # one sentence; the text stays readable
    cancelled = Signal()  # an analysis under way was stopped by a newer request

    def __init__(self, parent: QObject | None = None, cache: AnalysisCache | None = None,
                 pool: AnalysisPool | None = None) -> None:
        super().__init__(parent)
        self._cache = cache
        self._cache_made = threading.Lock()
        self._lookups = BackgroundLane(self, threads=1, name="cache")
        self._relay = _Relay(self)
        self._relay.event.connect(self._on_event)
        self._pool = pool
        if pool is not None:
            pool.on_model = self._model_event
        self._job: Job | None = None
        self._article: Article | None = None
        self._unpacking: _Slices | None = None
        self._recent: tuple[AnalysisResult, ...] = ()  # the last results the workers sent, newest last
        self._started: StartedWorker | None = None  # started at launch, adopted by the pool in preload_model()
        self._closed = False

    @property
    def pool(self) -> AnalysisPool:
        """The worker processes, made on first use (subprocess is not imported before the first paint)."""
        if self._pool is None:
            from ..core.pool import AnalysisPool

            self._pool = AnalysisPool(WINDOW_PROCESSES, on_model=self._model_event)
        return self._pool

    # -- requests --
    def analyse(self, article: Article, use_cache: bool = True) -> None:
        """Show article's analysis: from the cache if it holds one (and use_cache), else from the model."""
        self.cancel()
        if not use_cache:
            self._start_analysis(article)
            return
        self._lookups.run(lambda _job: self._look_up(article),
                          success=lambda result: self._looked_up(article, result),
                          failure=lambda _error: self._start_analysis(article), key=REQUEST)

    def cancel(self) -> None:
        """Drop the current request: nothing more of it is delivered, and its worker stops at once."""
        self._lookups.cancel(REQUEST)
        if self._unpacking is not None:
            self._unpacking.stop()
            self._unpacking = None
        job, self._job = self._job, None
        if job is not None and self._pool is not None and self._pool.cancel(job):
            self.cancelled.emit()

    def take_worker(self, started: StartedWorker | None) -> None:
        """A worker process started at launch (viewer/app.py): the pool adopts it in preload_model()."""
        self._started = started

    def preload_model(self) -> None:
        """Start a worker process now (or adopt the one started at launch), so the first analysis need
        not wait for the model to load."""
        if self._closed:
            return
        started, self._started = self._started, None
        if started is not None:
            self.pool.adopt(started)
        self.pool.start()

    def model_loaded_at(self) -> float | None:
        """When (time.time()) a worker first had the model loaded, or None; for benchmarks/startup.py."""
        return self._pool.model_loaded_at if self._pool is not None else None

    def shutdown(self) -> None:
        """Stop the background work and end the worker processes; called when the window closes."""
        self._closed = True
        self.cancel()
        self._lookups.shutdown()
        if self._started is not None:  # never adopted: its input ends, so it ends
            os.close(self._started.to_worker)
            os.close(self._started.from_worker)
            self._started = None
        if self._pool is not None:
            self._pool.close()

    @property
    def cache(self) -> AnalysisCache:
        """The analysis cache, made on first use: its module and the model's name are not needed before the
        first paint, and the first lookup is after it."""
        with self._cache_made:
            if self._cache is None:
                from ..core.cache import AnalysisCache

                self._cache = AnalysisCache()
            return self._cache

    # -- the cache lane --
    def _look_up(self, article: Article) -> AnalysisResult | None:
        for result in reversed(self._recent):
            # The worker writes the cache after sending the result: Back straight after it must not miss.
            if result.analysis.article == article:
                return replace(result, from_cache=True)
        from ..core import language_model

        analysis = self.cache.get(article, language_model.expected_label())
        return _prepared(analysis, from_cache=True) if analysis is not None else None

    def _looked_up(self, article: Article, result: AnalysisResult | None) -> None:
        if result is None:
            self._start_analysis(article)
        else:
            self.finished.emit(result)

    # -- the worker processes --
    def _start_analysis(self, article: Article) -> None:
        if self._closed:
            return
        self.started.emit()
        self._article = article
        job_box: list[Job] = []

        def relay(what: str, payload: Any) -> None:
            # On the pool's event thread; the job is known by then (submit returns before any event).
            self._emit(what, job_box[0] if job_box else None, payload)

        job = self.pool.submit(article, on_progress=lambda fraction, fresh: relay("progress", (fraction, fresh)),
                               on_done=lambda packed: relay("done", packed),
                               on_error=lambda error: relay("error", error), unpack=False, cache=self.cache)
        job_box.append(job)
        self._job = job

    def _model_event(self, what: str, detail: str = "") -> None:
        self._emit(what, None, detail)

    def _emit(self, what: str, job: Job | None, payload: object) -> None:
        try:
            self._relay.event.emit(what, job, payload)
        except RuntimeError:  # the service has been deleted (the window closed): nobody is listening
            pass

    def _on_event(self, what: str, job: Job | None, payload: Any) -> None:
        if job is None:
            if what == "loading":
                self.model_loading.emit()
            elif what == "ready":
                self.model_ready.emit(payload)
            elif what == "failed":
                self.model_failed.emit(payload)
            return
        if job is not self._job:
            return  # superseded: nothing of an older request reaches the window
        if what == "progress":
            self.progress.emit(*payload)
            return
        self._job = None
        if what == "done":
            article = self._article
            self._unpacking = _Slices(self, _result_steps(payload), self._unpacked,
                                      lambda error: self._analysis_failed(article, error))
        else:
            self._analysis_failed(self._article, payload)

    def _unpacked(self, result: AnalysisResult) -> None:
        self._unpacking = None
        # Replaced whole, never changed in place: the cache lane reads it.
        self._recent = (*self._recent, result)[-RECENT_RESULTS:]
        self.finished.emit(result)  # the worker puts it in the cache

    def _analysis_failed(self, article: Article | None, error: BaseException) -> None:
        from ..core.pool import AnalysisFailed, AnalysisStopped
        from ..logs import log_path

        source = article.source if article is not None else "an article"
        if isinstance(error, (ModelError, ArticleError)):
            # The model's own message says how to fix it; a generic one here would hide that.
            self.failed.emit(str(error))
        elif isinstance(error, AnalysisStopped):
            _log.error("Analysis of %s: %s", source, error)
            self.failed.emit(f"{str(error).rstrip('.')}; the text is still shown, and Retry analyses it again.")
        else:
            # A bug, not bad input: the traceback goes to the log, the reader gets Retry.
            details = getattr(error, "details", "")
            if details:
                _log.error("The analysis of %s failed in its worker process:\n%s", source, details.rstrip())
            else:
                _log.error("The analysis of %s failed", source, exc_info=error)
            message = str(error) if isinstance(error, AnalysisFailed) else f"{type(error).__name__}: {error}"
            self.failed.emit(f"The analysis failed unexpectedly ({message[:240]}); the text is still shown "
                             f"and the details are in {log_path()}.")


def _prepared(analysis: Analysis, from_cache: bool) -> AnalysisResult:
    """The result with the reading pane's grouping worked out (called off the GUI thread)."""
    steps = _grouped_steps(analysis)
    while True:
        try:
            next(steps)
        except StopIteration as done:
            return AnalysisResult(analysis, from_cache, done.value)


def _result_steps(packed: PackedAnalysis) -> Generator[None, None, AnalysisResult]:
    """A worker's result unpacked and prepared for the reading pane, a small step at a time."""
    analysis = yield from packed.steps()
    grouped = yield from _grouped_steps(analysis)
    return AnalysisResult(analysis, False, grouped)


def _grouped_steps(analysis: Analysis) -> Generator[None, None, dict]:
    """The mentions as highlight spans grouped by text block, as group_by_block(spans_of(...)) gives them."""
    from .highlighting import block_starts, group_by_block, spans_of
    from .offsets import display_breaks

    mentions = analysis.mentions
    spans: list = []
    for first in range(0, len(mentions), STEP_ITEMS):
        spans.extend(spans_of(mentions[first:first + STEP_ITEMS]))
        yield
    spans.sort()  # each step's spans came sorted: one merge pass
    yield
    breaks = display_breaks(analysis.text)  # as the reading pane will cut the text into blocks
    starts = block_starts(analysis.text, breaks)
    inserted = frozenset(breaks)
    yield
    grouped: dict[int, list] = {}
    for first in range(0, len(spans), STEP_ITEMS):
        for block, pieces in group_by_block(spans[first:first + STEP_ITEMS], starts, inserted).items():
            grouped.setdefault(block, []).extend(pieces)
        yield
    return grouped
