"""Loading articles off the GUI thread, so a slow web site or a big PDF never freezes the window.

Plain data goes in (a file path, an address or pasted text) and plain data
comes back (an Article, or one sentence) through queued signals; the core does
the work and nothing here touches a widget. Only the newest request counts: a
result for a request the user has since replaced is dropped.
"""
from __future__ import annotations

import traceback

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from ..core.errors import ArticleError
from ..core.loaders import DEFAULT_TIMEOUT, load, load_pasted


class _Relay(QObject):
    """Lives in the GUI thread; signals emitted from pool threads reach it queued."""

    done = Signal(int, object)  # request id, Article
    failed = Signal(int, str)  # request id, one sentence


class _LoadJob(QRunnable):
    def __init__(self, relay: _Relay, request_id: int, source: str, pasted: bool, timeout: float) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._relay = relay
        self._request_id = request_id
        self._source = source
        self._pasted = pasted
        self._timeout = timeout

    def run(self) -> None:
        try:
            if self._pasted:
                article = load_pasted(self._source, timeout=self._timeout)
            else:
                article = load(self._source, timeout=self._timeout)
        except ArticleError as error:
            self._emit(self._relay.failed, str(error))
        except Exception as error:  # a loader bug must become a message, never a dead window
            traceback.print_exc()
            self._emit(self._relay.failed, f"The article could not be opened ({type(error).__name__}: {error}).")
        else:
            self._emit(self._relay.done, article)

    def _emit(self, signal, payload: object) -> None:
        try:
            signal.emit(self._request_id, payload)
        except RuntimeError:  # the window closed while we worked: nobody is waiting any more
            pass


class LoadService(QObject):
    """Loads one article at a time in the background; the window talks only to this."""

    loaded = Signal(str, object)  # the source as asked, the Article
    failed = Signal(str, str)  # the source as asked, one sentence

    def __init__(self, parent: QObject | None = None, timeout: float = DEFAULT_TIMEOUT) -> None:
        super().__init__(parent)
        self.timeout = timeout
        self._pool = QThreadPool(self)
        # Two threads: a new request need not wait for a slow site the user has given up on.
        self._pool.setMaxThreadCount(2)
        self._relay = _Relay(self)
        self._relay.done.connect(self._on_done)
        self._relay.failed.connect(self._on_failed)
        self._request = 0
        self._sources: dict[int, str] = {}

    def load(self, source: str, pasted: bool = False) -> int:
        """Start loading source (a path or address, or pasted text if pasted); returns the request id."""
        self._request += 1
        self._sources = {self._request: "Clipboard" if pasted else source}
        self._pool.start(_LoadJob(self._relay, self._request, source, pasted, self.timeout))
        return self._request

    def is_busy(self) -> bool:
        return bool(self._sources)

    def cancel(self) -> None:
        """Forget the request in flight; its result, when it comes, is dropped."""
        self._request += 1
        self._sources = {}

    def _on_done(self, request_id: int, article: object) -> None:
        source = self._sources.pop(request_id, None)
        if source is not None:
            self.loaded.emit(source, article)

    def _on_failed(self, request_id: int, message: str) -> None:
        source = self._sources.pop(request_id, None)
        if source is not None:
            self.failed.emit(source, message)

    def shutdown(self, wait_ms: int = 3000) -> None:
        """Drop pending work and wait briefly for running downloads (their own timeout bounds them)."""
        self.cancel()
        self._pool.clear()
        self._pool.waitForDone(wait_ms)
