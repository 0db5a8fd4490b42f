"""The analysis service: the on-disk cache and the language model, off the GUI thread.

The window's session asks for an article's analysis with analyse(article) and
hears back through signals: progress (with the raw mentions found so far, for
provisional highlights), finished (an AnalysisResult) or failed (one sentence).
The service owns the cache: it looks the article up on a thread of its own
(a hit never waits for the model) and, on a miss, has the model analyse it on
the analysis thread, which runs at a lower priority than the GUI thread, then
stores the result. Only the latest request counts: a newer analyse() or
cancel() drops whatever an earlier one would still have delivered.

Plain data goes in (an Article) and plain data comes back; nothing here
touches a widget. spaCy, numpy and the analysis modules are imported on the
analysis thread when the first analysis starts, never on the GUI thread.
"""
from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from ..core import language_model
from ..core.cache import AnalysisCache
from ..core.errors import ArticleError, ModelError
from .background import BackgroundLane, Job

if TYPE_CHECKING:
    from ..core.analysis import Analysis
    from ..core.article import Article

_log = logging.getLogger("viewer.analysis")  # written to the app's log file (viewer/logs.py)

# The analysis thread's niceness (Linux): when the machine is busy, the GUI thread gets the CPU
# first, so the window keeps up with input and painting while a long article is analysed.
WORKER_NICE = int(os.environ.get("ARTICLE_VIEWER_WORKER_NICE", "10"))
REQUEST = "analysis"  # the key under which a newer request supersedes an older one


@dataclass(frozen=True)
class AnalysisResult:
    """What the window needs to show an analysis: the analysis itself, prepared for the reading pane."""

    analysis: Analysis
    from_cache: bool
    # The mentions as highlight spans grouped by text block (highlighting.group_by_block),
    # worked out off the GUI thread; None when the window has to work them out (after corrections).
    block_spans: dict | None


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

    def __init__(self, parent: QObject | None = None, cache: AnalysisCache | None = None) -> None:
        super().__init__(parent)
        self.cache = cache if cache is not None else AnalysisCache()
        self._lookups = BackgroundLane(self, threads=1, name="cache")
        self._analyses = BackgroundLane(self, threads=1, nice=WORKER_NICE, name="analysis")
        self._model_error = ""

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
        """Drop the current request: nothing more of it is delivered, and its analysis stops at the next batch."""
        if self._analyses.is_busy(REQUEST):
            self.cancelled.emit()
        self._lookups.cancel(REQUEST)
        self._analyses.cancel(REQUEST)

    def preload_model(self) -> None:
        """Load the language model now (on the analysis thread), so the first analysis need not wait for it."""
        self._analyses.run(lambda job: self._load_model(job), progress=self._model_progress)

    def shutdown(self) -> None:
        """Stop the background work; called when the window closes."""
        self.cancel()
        self._lookups.shutdown()
        self._analyses.shutdown(5000)

    # -- the cache lane --
    def _look_up(self, article: Article) -> AnalysisResult | None:
        analysis = self.cache.get(article, language_model.expected_label())
        return _prepared(analysis, from_cache=True) if analysis is not None else None

    def _looked_up(self, article: Article, result: AnalysisResult | None) -> None:
        if result is None:
            self._start_analysis(article)
        else:
            self.finished.emit(result)

    def _store(self, analysis: Analysis) -> None:
        self._lookups.run(lambda _job: self.cache.put(analysis))

    # -- the analysis lane --
    def _start_analysis(self, article: Article) -> None:
        self.started.emit()
        self._analyses.run(lambda job: self._analyse(job, article), success=self._analysed,
                           failure=lambda error: self._analysis_failed(article, error),
                           progress=self._analysis_progress, key=REQUEST)

    def _load_model(self, job: Job):
        if language_model.is_loaded():
            return language_model.load_model()
        job.report("loading", "")
        try:
            nlp = language_model.load_model()
        except ModelError as error:
            _log.warning("No language model: %s", error)
            self._model_error = str(error)
        except Exception as error:  # a broken install must become a message, not a crash
            _log.exception("The language model could not be loaded")
            self._model_error = (f"The language model could not be loaded ({type(error).__name__}: {error}); "
                                 f"reinstall the app with “pip install --force-reinstall .” in its folder.")
        else:
            job.report("ready", language_model.model_label(nlp))
            return nlp
        job.report("failed", self._model_error)
        raise ModelError(self._model_error)

    def _analyse(self, job: Job, article: Article) -> AnalysisResult:
        nlp = self._load_model(job)
        from ..core.pipeline import analyze

        analysis = analyze(article, nlp, on_progress=lambda fraction, fresh: job.report("progress", fraction, fresh),
                           is_cancelled=job.cancelled)
        return _prepared(analysis, from_cache=False)

    def _model_progress(self, what: str, *details) -> None:
        if what == "loading":
            self.model_loading.emit()
        elif what == "ready":
            self.model_ready.emit(details[0])
        elif what == "failed":
            self.model_failed.emit(details[0])

    def _analysis_progress(self, what: str, *details) -> None:
        if what == "progress":
            self.progress.emit(*details)
        else:
            self._model_progress(what, *details)

    def _analysed(self, result: AnalysisResult) -> None:
        self.finished.emit(result)
        self._store(result.analysis)

    def _analysis_failed(self, article: Article, error: BaseException) -> None:
        if isinstance(error, (ModelError, ArticleError)):
            # The model's own message says how to fix it; a generic one here would hide that.
            self.failed.emit(str(error))
            return
        # A bug, not bad input: the traceback goes to the log, the reader gets Retry.
        _log.error("The analysis of %s failed", article.source, exc_info=error)
        from ..logs import log_path

        detail = str(error).splitlines()[0][:200] if str(error) else ""
        self.failed.emit(f"The analysis failed unexpectedly ({type(error).__name__}"
                         f"{': ' + detail if detail else ''}); the text is still shown "
                         f"and the details are in {log_path()}.")


def _prepared(analysis: Analysis, from_cache: bool) -> AnalysisResult:
    """The result with the reading pane's grouping worked out (called off the GUI thread)."""
    from .highlighting import block_starts, group_by_block, spans_of
    from .offsets import display_breaks

    breaks = display_breaks(analysis.text)  # as the reading pane will cut the text into blocks
    grouped = group_by_block(spans_of(analysis.mentions), block_starts(analysis.text, breaks), frozenset(breaks))
    return AnalysisResult(analysis, from_cache, grouped)
