"""One helper for work off the GUI thread: loading articles, looking them up in the cache, analysing them.

A BackgroundLane runs operations on threads of its own. Each run() gives

- op: a plain function of a Job, run off the GUI thread; it never touches a
  widget or a QTextDocument, and it may call job.report(...) with progress and
  check job.cancelled() between steps;
- success(result), failure(error) and progress(*payload): called on the GUI
  thread with what op returned, the exception it raised, or what it reported.

Operations started under the same key supersede each other: starting one
cancels the one before it, whose results, failures and progress never reach the
GUI thread. This is the app's one implementation of "only the latest request
counts" (docs/ARCHITECTURE.md, "Threads and processes"), shaped like Anki's
QueryOp.
"""
from __future__ import annotations

import itertools
import os
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class Job:
    """One run of an operation: what the operation uses to report progress and to notice it is no longer wanted."""

    _ids = itertools.count(1)

    def __init__(self, relay: _Relay, key: str) -> None:
        self.id = next(Job._ids)
        self.key = key
        self._relay = relay
        self._cancelled = False  # set on the GUI thread, read by the operation: a bool is atomic under the GIL

    def cancelled(self) -> bool:
        return self._cancelled

    def cancel(self) -> None:
        self._cancelled = True

    def report(self, *payload: Any) -> None:
        """Send progress to the GUI thread (dropped there if the job has been superseded meanwhile)."""
        if not self._cancelled:
            _emit(self._relay.progress, self.id, payload)


class _Relay(QObject):
    """Lives in the GUI thread; signals emitted on the lane's threads reach it queued."""

    done = Signal(int, object)  # job id, result
    failed = Signal(int, object)  # job id, exception
    progress = Signal(int, object)  # job id, payload tuple


def _emit(signal, job_id: int, payload: object) -> None:
    try:
        signal.emit(job_id, payload)
    except RuntimeError:  # the lane's owner has been deleted (the window closed): nobody is waiting
        pass


@dataclass
class _Callbacks:
    job: Job
    success: Callable[[Any], object] | None
    failure: Callable[[BaseException], object] | None
    progress: Callable[..., object] | None


class _Task(QRunnable):
    def __init__(self, lane: BackgroundLane, job: Job, op: Callable[[Job], Any]) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._relay = lane.relay
        self._nice = lane.nice
        self._job = job
        self._op = op

    def run(self) -> None:
        if self._nice:
            _lower_priority(self._nice)
        job = self._job
        if job.cancelled():  # superseded while it waited: the lane has forgotten it already
            return
        try:
            result = self._op(job)
        except BaseException as error:  # every failure goes back to the GUI thread, never into Qt's thread
            _emit(self._relay.failed, job.id, error)
        else:
            _emit(self._relay.done, job.id, result)


_niced_threads: set[int] = set()


def _lower_priority(nice: int) -> None:
    """Run this thread at a lower CPU priority (Linux threads have their own niceness): the GUI thread first."""
    if not sys.platform.startswith("linux"):
        return
    thread = threading.get_native_id()
    if thread in _niced_threads:
        return
    _niced_threads.add(thread)
    try:
        os.setpriority(os.PRIO_PROCESS, thread, nice)
    except (AttributeError, OSError):  # not permitted here: run at normal priority
        pass


class BackgroundLane(QObject):
    """Runs operations off the GUI thread on up to `threads` threads, the latest of each key winning."""

    def __init__(self, parent: QObject | None = None, threads: int = 1, nice: int = 0, name: str = "",
                 persistent: bool = False) -> None:
        """persistent: the threads stay while idle (Qt ends them after 30 s), for work that keeps state per
        thread, such as the library's database connection (one per thread)."""
        super().__init__(parent)
        self.setObjectName(name)
        self.nice = nice
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(threads)
        if persistent:
            self._pool.setExpiryTimeout(-1)
        self.relay = _Relay(self)
        self.relay.done.connect(self._done)
        self.relay.failed.connect(self._failed)
        self.relay.progress.connect(self._progress)
        self._pending: dict[int, _Callbacks] = {}
        self._latest: dict[str, Job] = {}

    def run(self, op: Callable[[Job], Any], success: Callable[[Any], object] | None = None,
            failure: Callable[[BaseException], object] | None = None, progress: Callable[..., object] | None = None,
            key: str = "") -> Job:
        """Start op; with a key, any earlier job of that key is cancelled and forgotten."""
        job = Job(self.relay, key)
        if key:
            self.cancel(key)
            self._latest[key] = job
        self._pending[job.id] = _Callbacks(job, success, failure, progress)
        self._pool.start(_Task(self, job, op))
        return job

    def cancel(self, key: str) -> None:
        """Cancel the job of this key, if one is running or waiting: nothing of it reaches the GUI thread."""
        job = self._latest.pop(key, None)
        if job is not None:
            job.cancel()
            self._pending.pop(job.id, None)

    def is_busy(self, key: str) -> bool:
        """Whether a job of this key has been started and has not finished yet."""
        return key in self._latest

    def shutdown(self, wait_ms: int = 3000) -> None:
        """Cancel the keyed jobs, call nothing back any more, and wait a little for the work under way.

        Jobs without a key (such as writing a result to the cache) are left to
        finish within wait_ms: they are what must not be lost when the window closes.
        """
        for key in list(self._latest):
            self.cancel(key)
        self._pending.clear()
        self._pool.waitForDone(wait_ms)

    def _finish(self, job_id: int) -> _Callbacks | None:
        callbacks = self._pending.pop(job_id, None)
        if callbacks is None or callbacks.job.cancelled():
            return None
        if callbacks.job.key and self._latest.get(callbacks.job.key) is callbacks.job:
            del self._latest[callbacks.job.key]
        return callbacks

    def _done(self, job_id: int, result: object) -> None:
        callbacks = self._finish(job_id)
        if callbacks is not None and callbacks.success is not None:
            callbacks.success(result)

    def _failed(self, job_id: int, error: object) -> None:
        callbacks = self._finish(job_id)
        if callbacks is not None and callbacks.failure is not None:
            callbacks.failure(error)

    def _progress(self, job_id: int, payload: object) -> None:
        callbacks = self._pending.get(job_id)
        if callbacks is not None and not callbacks.job.cancelled() and callbacks.progress is not None:
            callbacks.progress(*payload)
