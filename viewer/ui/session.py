"""The article session: which article the window shows, its analysis, and Back / Forward.

ArticleSession is the window's state without the window: it opens sources
(a small local file at once, so an error shows immediately; a web address, a
PDF or a big file in the background), keeps the history of what was opened,
asks the analysis service for each article's analysis and drops any result
that is no longer for the article shown. The window listens to its signals and
shows; tests drive it with no widget at all.

Before the window's first paint the app holds the analysis (hold()): the text is
shown, and the cache lookup and the model wait until release(), so nothing
competes with the first paint.

An article kept elsewhere with its analysis (the library) is shown with
show_stored() as a cache hit is: no file read, no model. Such an article's
history entry is a source with a store's prefix ("library:12"); Back and
Forward read it again from the store registered under that prefix (add_store()).
"""
from __future__ import annotations

import logging
from dataclasses import replace
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from ..core.errors import ArticleError
from ..core.loaders import DEFAULT_TIMEOUT, PASTED_SOURCE, is_url, load, load_pasted
from .background import BackgroundLane

if TYPE_CHECKING:
    from ..core.corrections import CorrectionStore
    from ..core.analysis import Analysis
    from ..core.article import Article
    from .analysis_service import AnalysisResult, AnalysisService

SYNC_LIMIT = 2 * 1024 * 1024  # local text files up to this size are read at once: it takes milliseconds
LOAD = "load"  # the key under which a newer load supersedes an older one


class History:
    """The sources opened in one window, for Back and Forward, as a browser keeps them."""

    def __init__(self) -> None:
        self.sources: list[str] = []
        self.index = -1
        self.following: list[str] = []  # to go after the one being opened (several files at once)

    def record(self, source: str) -> None:
        """source was opened by the user: it is now the last entry (whatever was ahead is dropped)."""
        del self.sources[self.index + 1:]
        if not self.sources or self.sources[-1] != source:
            self.sources.append(source)
        self.index = len(self.sources) - 1

    def add_following(self) -> None:
        """Put the sources waiting to follow right after the current one, as Forward entries."""
        if self.following:
            self.sources[self.index + 1:] = self.following
            self.following = []

    def target(self, step: int) -> str | None:
        index = self.index + step
        return self.sources[index] if 0 <= index < len(self.sources) else None

    def can_go(self, step: int) -> bool:
        return self.target(step) is not None


class ArticleSession(QObject):
    """Opens articles, keeps Back / Forward and the analysis of the article shown."""

    article_shown = Signal(object)  # the Article now shown (its text, before the analysis)
    article_closed = Signal()
    load_failed = Signal(str)  # one sentence; the article shown stays
    analysis_started = Signal()  # the model is at work on the article shown
    analysis_progress = Signal(float, object)  # fraction done, raw mentions found since the last report
    analysis_ready = Signal(object)  # AnalysisResult for the article shown
    analysis_failed = Signal(str)  # one sentence; the text stays, Retry is offered
    status = Signal(str)  # what is going on, for the status bar
    history_changed = Signal()

    def __init__(self, service: AnalysisService, parent: QObject | None = None,
                 load_timeout: float = DEFAULT_TIMEOUT) -> None:
        super().__init__(parent)
        self.service = service
        self.load_timeout = load_timeout
        self.article: Article | None = None
        self.analysis: Analysis | None = None  # as shown: with the reader's corrections
        self._result: AnalysisResult | None = None  # as the service gave it: without them
        # What a store gave for the article shown (show_stored), None for one read from its source.
        self.stored: Any = None
        self._stores: dict[str, Callable[[str], Any]] = {}
        self._corrections: CorrectionStore | None = None
        self.history = History()
        self._record_next = True  # whether the article being opened goes into the history
        self._held = False
        self._loads = BackgroundLane(self, threads=2, name="loading")  # a new request need not wait for a slow site
        service.model_loading.connect(lambda: self.status.emit("Loading language model…"))
        service.model_ready.connect(self._model_ready)
        service.model_failed.connect(self.status)
        service.started.connect(self._analysis_started)
        service.progress.connect(self._progress)
        service.finished.connect(self._finished)
        service.failed.connect(self.analysis_failed)

    # -- opening --
    @property
    def corrections(self) -> CorrectionStore:
        """The reader's entity corrections, read when an analysis is first shown (not before the first paint)."""
        if self._corrections is None:
            from ..core.corrections import CorrectionStore

            self._corrections = CorrectionStore()
        return self._corrections

    def open(self, source: str | Path, record: bool = True) -> bool:
        """Open a file or web address; False if it failed at once (load_failed said why).

        Web addresses, PDFs and big files load in the background and arrive as
        article_shown (or load_failed); the article shown stays until then.
        record: add it to Back / Forward.
        """
        source = str(source)
        self._record_next = record
        self.history.following = []
        store = self._store_of(source)
        if store is not None:
            self._loads.run(lambda _job: store(source), success=lambda entry: self._opened_stored(source, entry),
                            failure=self._failed, key=LOAD)
            return True
        if is_url(source) or _read_in_background(source):
            self._load_in_background(lambda _job: load(source, timeout=self.load_timeout), f"Loading {source}…")
            return True
        self._loads.cancel(LOAD)  # a newer choice replaces a download still in flight
        try:
            article = load(source)
        except ArticleError as error:
            self._failed(error)
            return False
        self._opened(article)
        return True

    def open_many(self, sources: list[str]) -> bool:
        """Open the first of several sources (a file manager's selection); the others follow it in
        Back / Forward, so Forward shows each in turn. False if the first failed at once.

        They join the history once the first has opened or failed: at once for a
        file read here, when it arrives for one loaded in the background.
        """
        opened = self.open(sources[0])
        self.history.following = [str(source) for source in sources[1:]]
        if not self.is_loading():
            self._add_following()
        return opened

    def open_pasted(self, text: str) -> None:
        self._record_next = True
        self._load_in_background(lambda _job: load_pasted(text, timeout=self.load_timeout),
                                 "Loading the pasted text…")

    def is_loading(self) -> bool:
        return self._loads.is_busy(LOAD)

    def _load_in_background(self, op, message: str) -> None:
        self._loads.run(op, success=self._opened, failure=self._failed, key=LOAD)
        self.status.emit(message)

    def _opened(self, article: Article) -> None:
        self._show(article)
        if article.source != PASTED_SOURCE and self._record_next:
            self.history.record(article.source)
        self._add_following()

    # -- articles kept in a store (the library) --
    def add_store(self, prefix: str, read: Callable[[str], Any]) -> None:
        """Sources starting with prefix are read by read(source) (off the GUI thread) instead of a loader.

        read returns an object with .article and .analysis (the analysis may be
        None), or raises ArticleError.
        """
        self._stores[prefix] = read

    def _store_of(self, source: str) -> Callable[[str], Any] | None:
        return next((read for prefix, read in self._stores.items() if source.startswith(prefix)), None)

    def show_stored(self, source: str, entry: Any, record: bool = True) -> None:
        """Show entry.article with entry.analysis as a cache hit is shown (no file, no model); without an
        analysis it is analysed. source is how to come back to it (a store's prefix and key)."""
        self._loads.cancel(LOAD)
        self._record_next = record
        self.history.following = []
        self._opened_stored(source, entry)

    def _opened_stored(self, source: str, entry: Any) -> None:
        self._show(entry.article, entry.analysis, stored=entry)
        if self._record_next:
            self.history.record(source)
        self._add_following()

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, ArticleError):
            message = str(error)
        else:  # a loader bug must become a message, never a dead window
            logging.getLogger("viewer").error("Opening an article failed", exc_info=error)
            message = f"The article could not be opened ({type(error).__name__}: {error})."
        self._add_following()
        self.load_failed.emit(message)

    def _add_following(self) -> None:
        self.history.add_following()
        self.history_changed.emit()

    # -- Back / Forward --
    def go(self, step: int) -> bool:
        """Open the article step places back (-1) or forward (+1) in the history; False if there is none."""
        source = self.history.target(step)
        if source is None:
            self.status.emit("No earlier article." if step < 0 else "No later article.")
            return False
        if self.open(source, record=False):
            self.history.index += step
        self.history_changed.emit()
        return True

    # -- the article shown --
    def _show(self, article: Article, analysis: Analysis | None = None, stored: Any = None) -> None:
        self.article = article
        self.analysis = None
        self._result = None
        self.stored = stored
        if analysis is not None:
            self.service.cancel()  # whatever the service was doing is for the article replaced
        self.article_shown.emit(article)
        if analysis is not None:
            from .analysis_service import AnalysisResult

            self._result = AnalysisResult(analysis, from_cache=True, block_spans=None)
            self._show_result(self._result)
        elif not self._held:
            self.service.analyse(article)

    @property
    def result(self) -> AnalysisResult | None:
        """The analysis shown as the service (or a store) gave it, before the reader's corrections."""
        return self._result

    def close(self) -> None:
        """Show no article, ready for the next one."""
        self.service.cancel()
        self._loads.cancel(LOAD)
        self.article = None
        self.analysis = None
        self._result = None
        self.stored = None
        self.article_closed.emit()

    def retry(self) -> None:
        """Analyse the article shown again with the model (after a failure, or a change of model).

        Any result already shown stays until the new one replaces it.
        """
        if self.article is not None:
            self.service.analyse(self.article, use_cache=False)

    def hold(self) -> None:
        """Show opened articles' text only, until release(): nothing else before the first paint."""
        self._held = True

    def release(self) -> None:
        """Ask for the analysis of the article shown while held (the cache first)."""
        if not self._held:
            return
        self._held = False
        if self.article is not None and self.analysis is None:
            self.service.analyse(self.article)

    def shutdown(self) -> None:
        self._loads.shutdown()

    # -- from the analysis service --
    def _model_ready(self, label: str) -> None:
        # Find the corrections' folder while the window waits for its first result, not in the turn that
        # shows it: the store and platformdirs take ~10 ms to import, a fifth of the longest stall allowed.
        _ = self.corrections.path
        if self.article is not None and self.analysis is None:
            self.status.emit(f"Analysing with {label}…")

    def _analysis_started(self) -> None:
        if self.article is not None:
            self.analysis_started.emit()
            self.status.emit("Analysing…")

    def _progress(self, fraction: float, fresh: object) -> None:
        if self.analysis is None:
            self.analysis_progress.emit(fraction, fresh)

    def _finished(self, result: AnalysisResult) -> None:
        if self.article is None or result.analysis.text != self.article.text:
            return  # a result for an article no longer shown
        self._result = result
        self._show_result(result)

    def _show_result(self, result: AnalysisResult) -> None:
        """Show result with the reader's corrections (read afresh: another window may have made some)."""
        corrected = self.corrections.apply(result.analysis)
        if corrected is not result.analysis:
            # The grouping worked out off the GUI thread was for the uncorrected mentions.
            result = replace(result, analysis=corrected, block_spans=None)
        self.analysis = corrected
        self.analysis_ready.emit(result)

    def corrections_changed(self) -> None:
        """The reader corrected an entity (or undid a correction): show the analysis anew with them."""
        if self._result is not None and self.article is not None and self.analysis is not None:
            self._show_result(self._result)


def _read_in_background(source: str) -> bool:
    path = Path(source)
    try:
        return path.is_file() and (path.suffix.lower() == ".pdf" or path.stat().st_size > SYNC_LIMIT)
    except OSError:
        return False  # the loader says what is wrong, at once

