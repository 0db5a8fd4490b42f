"""Analysis in worker processes: the language model runs beside the program that asks, never inside it.

An AnalysisPool keeps up to `processes` worker processes (core/worker.py), each
of which loads the model once and then analyses one task at a time. Two ways in:

- analyse_many(subjects, ordered=False): many articles (Article objects or
  sources, which the workers read), results as they come (or in input order),
  as Outcome objects; the command line and bulk imports use it. Leaving the
  loop early cancels what is left.
- submit(subject, on_progress, on_done, on_error) -> Job and cancel(job): one
  article at a time, with progress, for the window (ui/analysis_service.py).
  Callbacks run on the pool's event thread, one at a time, in order.

The pool grows when the work waiting would pay for another model's start
(GROW_CHARS of text waiting per worker already running); a short article never
starts a second process, and a worker beyond the first ends after IDLE_SECONDS
with nothing to do. An article of SPLIT_CHARS or more is analysed in
chunks of its blocks, shared by the workers (each runs the model over its
chunks; one worker then runs the document steps on the joined output), so a
long article uses every core.

A worker that dies (killed, crashed, out of memory) fails only the job it was
running, with AnalysisStopped, and a new one takes its place. A worker whose
model cannot load ends with a ModelError for the jobs waiting; the next job
starts a new one, which tries again. Closing the pool (or the end of this
process, however it ends) ends the workers: each one stops when its input
pipe closes.

The window's first worker is started at launch (core/spawn.py) and adopted
with adopt(). Processes, not threads, because the model holds the interpreter's
lock while it works: in a thread it stalls the window and uses one core. A plain subprocess
speaking framed pickles over its standard input and output, not
multiprocessing: it starts in about a quarter of the time of a `spawn`
process (which imports the parent's main module again) and needs no
`if __name__ == "__main__"` guard in whoever uses it.
"""
from __future__ import annotations

import itertools
import logging
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from . import worker as wire
from .errors import ArticleError, ModelError
from .spawn import WORKER_MODULE, WORKER_NICE, StartedWorker, below_the_window, worker_command

if TYPE_CHECKING:
    from .analysis import Analysis
    from .article import Article
    from .cache import AnalysisCache

_log = logging.getLogger("viewer.analysis")

# How long an article must be (characters) to be shared out in chunks of its blocks. With two workers
# ready, 5,000 words (32,000 characters) gained nothing measurable and 10,000 words (64,000) gained
# 1.35x (benchmarks/split_threshold.py, a shared 2-core machine at load 2).
SPLIT_CHARS = 60_000
CHUNK_CHARS = 40_000  # the size of a chunk; the last ones finish close together
MAX_CHUNKS = 32
# Text waiting (characters) per running worker that pays for starting one more. A model takes about
# 1.3 s to load on a core of its own (more on a busy machine); in the same run a second worker
# started for the article broke even at 40,000 words and lost below (split_threshold.py), but the
# command line's 300 news files (600,000 characters) ran 1.9x faster on two (cli_throughput.py).
GROW_CHARS = 120_000
IDLE_SECONDS = 60.0  # a worker beyond the first that has had nothing to do this long ends
UNKNOWN_SOURCE_CHARS = 20_000  # a web address's text, guessed before it is read
MAX_IN_FLIGHT = 1000  # subjects analyse_many() hands to the pool ahead of their results, at most
REPORT_SECONDS = 0.2  # progress (and provisional highlights) at most this often per worker
# Workers that die one after another with no task finished in between are replaced at once this many
# times; after that only when work arrives (a worker that dies at every start must not loop).
MAX_RESPAWNS = 3
CLOSE_SECONDS = 5.0  # how long close() waits for a worker to end (a cache write to finish) before killing it

_STARTING, _READY, _CLOSING, _DEAD = "starting", "ready", "closing", "dead"


class AnalysisFailed(Exception):
    """The analysis raised an exception in its worker (a bug); `details` is the worker's traceback."""

    def __init__(self, message: str, details: str = "") -> None:
        super().__init__(message)
        self.details = details


class AnalysisStopped(Exception):
    """The worker process analysing the article ended before it finished (killed, crashed, out of memory)."""


def default_processes() -> int:
    """The CPUs this process may use (at most 4: each worker holds a model in memory)."""
    try:
        count = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        count = os.cpu_count() or 1
    return max(1, min(count, 4))


@dataclass(frozen=True)
class Outcome:
    """What analyse_many() yields for each subject: the analysis, or the error that stopped it."""

    index: int  # the subject's position in the input
    subject: Any  # the Article or source given
    analysis: Analysis | None = None
    error: Exception | None = None  # ArticleError (could not be read), AnalysisFailed or AnalysisStopped

    @property
    def source(self) -> str:
        return self.subject if isinstance(self.subject, str) else self.subject.source


@dataclass(eq=False)
class _Task:
    id: int
    job: Job
    kind: str
    chars: int  # the text it covers, for the growth rule and progress
    blocks: tuple[int, int] | None = None  # MODEL: the block range
    wire: Any = None  # MODEL: its output; FINISH: the joined output
    fraction: float = 0.0
    worker: _WorkerProcess | None = None


@dataclass(eq=False)
class Job:
    """One article asked for by submit(); the handle cancel() takes."""

    id: int
    subject: Any
    on_progress: Callable[[float, list], object] | None
    on_done: Callable[[Analysis], object] | None
    on_error: Callable[[Exception], object] | None
    article: Article | None = None
    tasks: list[_Task] = field(default_factory=list)
    unpack: bool = True  # on_done is given the Analysis (else the PackedAnalysis, to unpack in steps)
    store: tuple[str, int] | None = None  # the worker puts the analysis in this cache (folder, size limit)
    state: str = "waiting"  # waiting, running, done, failed, cancelled
    started: float = field(default_factory=time.monotonic)
    chars: int = 0

    def finished(self) -> bool:
        return self.state in ("done", "failed", "cancelled")


class _WorkerProcess:
    """One worker process, its pipes and the two threads that write to and read from them."""

    def __init__(self, pool: AnalysisPool, number: int, started: StartedWorker | None = None) -> None:
        self.pool = pool
        self.number = number
        self.state = _STARTING
        self.task: _Task | None = None
        self.article_job: int | None = None  # the job whose article this worker has been sent
        self.label = ""
        self.loaded_at: float | None = None
        self.exit_status: int | None = None
        if started is not None:
            self.process: subprocess.Popen | _SpawnedProcess = _SpawnedProcess(started)
        else:
            flags = 0
            if sys.platform == "win32":
                flags = subprocess.CREATE_NO_WINDOW | (subprocess.BELOW_NORMAL_PRIORITY_CLASS if pool.nice else 0)
            self.process = subprocess.Popen(worker_command(pool.worker_module, pool.nice), stdin=subprocess.PIPE,
                                            stdout=subprocess.PIPE, creationflags=flags, env=pool.environment())
            below_the_window(self.process.pid, pool.nice)
        self.pid = self.process.pid
        self.started = self.idle_since = time.monotonic()
        _log.info("Analysis worker %s started", self.pid)
        self._outbox: queue.SimpleQueue = queue.SimpleQueue()
        threading.Thread(target=self._write, name=f"analysis-{number}-in", daemon=True).start()
        threading.Thread(target=self._read, name=f"analysis-{number}-out", daemon=True).start()

    def send(self, message: tuple) -> None:
        self._outbox.put(message)

    def close_input(self) -> None:
        """Ask the worker to end: its input ends once what was sent before is written."""
        self._outbox.put(None)

    def _write(self) -> None:
        stream = self.process.stdin
        try:
            while (message := self._outbox.get()) is not None:
                wire.write_message(stream, message)
        except (OSError, ValueError):  # the worker has gone; its reader reports it
            pass
        finally:
            try:
                stream.close()
            except OSError:
                pass

    def _read(self) -> None:
        stream = self.process.stdout
        try:
            while (message := wire.read_message(stream)) is not None:
                self.pool._received(self, message)
        except Exception:  # a garbled frame is a dead worker too
            _log.exception("Reading from analysis worker %s failed", self.pid)
        try:
            self.exit_status = self.process.wait(CLOSE_SECONDS)
        except subprocess.TimeoutExpired:  # it closed its output but lives on: it is no use any more
            self.process.kill()
            self.exit_status = self.process.wait()
        stream.close()
        self.pool._ended(self)


class _SpawnedProcess:
    """What the pool uses of subprocess.Popen, for a worker started at launch (spawn.start_at_launch)."""

    def __init__(self, started: StartedWorker) -> None:
        self.pid = started.pid
        self.stdin = os.fdopen(started.to_worker, "wb")
        self.stdout = os.fdopen(started.from_worker, "rb")
        self.returncode: int | None = None
        self._lock = threading.Lock()

    def poll(self) -> int | None:
        with self._lock:
            if self.returncode is None:
                try:
                    pid, status = os.waitpid(self.pid, os.WNOHANG)
                except ChildProcessError:  # reaped already: its status is lost
                    pid, status = self.pid, 0
                if pid:
                    self.returncode = os.waitstatus_to_exitcode(status)
            return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        deadline = None if timeout is None else time.monotonic() + timeout
        while (code := self.poll()) is None:
            if deadline is not None and time.monotonic() >= deadline:
                raise subprocess.TimeoutExpired(str(self.pid), timeout)
            time.sleep(0.01)
        return code

    def kill(self) -> None:
        if self.poll() is None:
            try:
                os.kill(self.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass


class AnalysisPool:
    """Worker processes that analyse articles; see the module's docstring."""

    def __init__(self, processes: int | None = None, *, nice: int | None = None,
                 worker_module: str = WORKER_MODULE, split_chars: int | None = None,
                 on_model: Callable[..., object] | None = None) -> None:
        self.processes = processes if processes is not None else default_processes()
        self.nice = WORKER_NICE if nice is None else nice
        self.worker_module = worker_module
        self.split_chars = SPLIT_CHARS if split_chars is None else split_chars
        # on_model("loading") / ("ready", label) / ("failed", message), on the event thread.
        self.on_model = on_model
        self.report_seconds: float | None = None  # None: REPORT_SECONDS as it is when a task is sent
        self.extra_environment: dict[str, str] = {}
        self.model_label = ""
        self.model_loaded_at: float | None = None  # time.time() at which the first worker's model had loaded
        self._lock = threading.Lock()
        self._workers: list[_WorkerProcess] = []
        self._waiting: deque[_Task] = deque()
        self._ids = itertools.count(1)
        self._numbers = itertools.count(1)  # workers, in the order they were started
        self._deaths = 0  # workers that died in a row without finishing a task in between
        self._closed = False
        self._ready_announced = False
        self._events: queue.SimpleQueue = queue.SimpleQueue()
        self._event_thread: threading.Thread | None = None
        self._idle_timer: threading.Timer | None = None

    # -- the pool's life --
    def start(self, count: int = 1) -> None:
        """Start workers now, up to count running, so the first job need not wait for a model to load."""
        with self._lock:
            while not self._closed and len(self._live()) < min(count, self.processes):
                self._spawn()

    def adopt(self, started: StartedWorker) -> None:
        """Take on a worker started at launch (spawn.start_at_launch) as this pool's first."""
        with self._lock:
            if self._closed or len(self._live()) >= self.processes:
                os.close(started.to_worker)  # its input ends: it ends
                os.close(started.from_worker)
                return
            if not self._live():
                self._ready_announced = False
                self._event(self.on_model, "loading")
            self._workers.append(_WorkerProcess(self, next(self._numbers), started))

    def close(self, timeout: float = CLOSE_SECONDS) -> None:
        """Cancel everything, end the workers (killing any that do not end within timeout) and reap them."""
        with self._lock:
            self._closed = True
            if self._idle_timer is not None:
                self._idle_timer.cancel()
            workers = list(self._workers)
            for task in list(self._waiting):
                task.job.state = "cancelled"
            self._waiting.clear()
            for worker in workers:
                if worker.task is not None:
                    worker.task.job.state = "cancelled"
                worker.state = _CLOSING
                worker.close_input()
        deadline = time.monotonic() + timeout
        for worker in workers:
            try:
                worker.process.wait(max(0.0, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                worker.process.kill()
                worker.process.wait()
        self._events.put(None)

    def __enter__(self) -> AnalysisPool:
        return self

    def __exit__(self, *_exc) -> None:
        self.close()

    def pids(self) -> list[int]:
        """The worker processes' ids (for tests and benchmarks)."""
        with self._lock:
            return [worker.pid for worker in self._workers if worker.state != _DEAD]

    def ready(self) -> bool:
        """Whether a worker has its model loaded."""
        with self._lock:
            return any(worker.state == _READY for worker in self._workers)

    def busy(self) -> bool:
        """Whether a worker is running a task (a cancelled one too, until it has stopped)."""
        with self._lock:
            return any(worker.task is not None for worker in self._workers)

    def environment(self) -> dict[str, str]:
        return dict(os.environ, **self.extra_environment)

    # -- one article at a time --
    def submit(self, subject: Article | str, on_progress: Callable[[float, list], object] | None = None,
               on_done: Callable[[Analysis], object] | None = None,
               on_error: Callable[[Exception], object] | None = None, unpack: bool = True,
               cache: AnalysisCache | None = None) -> Job:
        """Analyse subject (an Article, or a file or web address the worker reads).

        on_progress(fraction, raw mentions found since the last report), then
        on_done(Analysis) or on_error(error): ArticleError, ModelError,
        AnalysisFailed or AnalysisStopped. All run on the pool's event thread.
        unpack=False: on_done gets the worker.PackedAnalysis instead, for the
        caller to unpack in steps where it suits it (the window: on its GUI
        thread, between events). cache: the worker puts the analysis in it,
        after sending it.
        """
        with self._lock:
            if self._closed:
                raise RuntimeError("the analysis pool is closed")
            store = (str(cache.folder), cache.max_bytes) if cache is not None else None
            job = Job(next(self._ids), subject, on_progress, on_done, on_error, unpack=unpack, store=store)
            if isinstance(subject, str):
                job.chars = _source_chars(subject)
                self._queue(job, [_Task(next(self._ids), job, wire.ANALYSE, job.chars)])
            else:
                self._plan(job, subject)
            self._dispatch()
        return job

    def cancel(self, job: Job) -> bool:
        """Stop the job: its tasks are dropped or interrupted, nothing more of it is called back.
        True if it was still waiting or running."""
        with self._lock:
            if job.finished():
                return False
            job.state = "cancelled"
            self._drop(job)
            self._dispatch()
            return True

    # -- many articles --
    def analyse_many(self, subjects: Iterable[Article | str], ordered: bool = False) -> Iterator[Outcome]:
        """Analyse every subject; yield an Outcome for each as it is done (in input order if ordered).

        Raises ModelError if no model can be loaded. Subjects are handed to the
        pool a few at a time (enough to keep every worker busy and to show the
        pool how much work there is), so subjects may be a long lazy iterable.
        Closing the generator (leaving the loop) cancels the rest.
        """
        outcomes: queue.SimpleQueue = queue.SimpleQueue()
        pending = iter(enumerate(subjects))
        running: dict[int, Job] = {}
        held: dict[int, Outcome] = {}
        next_index = 0
        exhausted = False
        try:
            while True:
                while not exhausted and len(running) < MAX_IN_FLIGHT and (
                        len(running) < 4 * self.processes
                        or sum(job.chars for job in running.values()) < GROW_CHARS * self.processes):
                    try:
                        index, subject = next(pending)
                    except StopIteration:
                        exhausted = True
                        break
                    running[index] = self.submit(
                        subject, on_done=lambda analysis, i=index, s=subject: outcomes.put(Outcome(i, s, analysis)),
                        on_error=lambda error, i=index, s=subject: outcomes.put(Outcome(i, s, error=error)))
                if not running:
                    break
                outcome = outcomes.get()
                del running[outcome.index]
                if isinstance(outcome.error, ModelError):
                    raise outcome.error
                if not ordered:
                    yield outcome
                    continue
                held[outcome.index] = outcome
                while next_index in held:
                    yield held.pop(next_index)
                    next_index += 1
            for index in sorted(held):  # only with ordered, and only if an index was skipped: never
                yield held.pop(index)
        finally:
            for job in running.values():
                self.cancel(job)

    # -- planning and dispatching (with the lock held) --
    def _plan(self, job: Job, article: Article) -> None:
        job.article = article
        job.chars = len(article.text)
        blocks = article.blocks
        if job.chars < self.split_chars or len(blocks) < 2:
            self._queue(job, [_Task(next(self._ids), job, wire.ANALYSE, job.chars)])
            return
        count = max(2, min(MAX_CHUNKS, len(blocks), round(job.chars / CHUNK_CHARS)))
        target = job.chars / count
        tasks, first = [], 0
        for index, block in enumerate(blocks[:-1]):
            if len(tasks) < count - 1 and block.end - blocks[first].start >= target:
                tasks.append(self._chunk(job, first, index + 1))
                first = index + 1
        tasks.append(self._chunk(job, first, len(blocks)))
        self._queue(job, tasks, front=isinstance(job.subject, str))

    def _chunk(self, job: Job, first: int, end: int) -> _Task:
        blocks = job.article.blocks
        chars = blocks[end - 1].end - blocks[first].start
        return _Task(next(self._ids), job, wire.MODEL, chars, blocks=(first, end))

    def _queue(self, job: Job, tasks: list[_Task], front: bool = False) -> None:
        job.tasks.extend(tasks)
        if front:
            self._waiting.extendleft(reversed(tasks))
        else:
            self._waiting.extend(tasks)

    def _live(self) -> list[_WorkerProcess]:
        return [worker for worker in self._workers if worker.state in (_STARTING, _READY)]

    def _spawn(self) -> None:
        if not any(worker.state == _READY for worker in self._workers):
            self._ready_announced = False
            if not self._live():
                self._event(self.on_model, "loading")
        try:
            self._workers.append(_WorkerProcess(self, next(self._numbers)))
        except OSError as error:  # no process could be made (out of memory, too many processes)
            _log.error("Could not start an analysis worker: %s", error)
            self._model_failed(f"The analysis process could not be started ({error.strerror or error}); "
                               f"closing other programs may help.")

    def _dispatch(self) -> None:
        if self._closed:
            return
        live = self._live()
        if self._waiting and not live:
            self._spawn()
            live = self._live()
        for worker in live:
            if not self._waiting:
                break
            if worker.state == _READY and worker.task is None:
                self._assign(worker, self._waiting.popleft())
        waiting = sum(task.chars for task in self._waiting)
        while self._waiting and len(live) < self.processes and waiting >= GROW_CHARS * len(live):
            self._spawn()
            if len(self._live()) == len(live):  # it could not be started
                break
            live = self._live()
        if len(live) > 1 and self._idle_timer is None and any(w.task is None for w in live):
            # An extra worker idle for IDLE_SECONDS ends: a second model's memory only while it is of use.
            self._idle_timer = threading.Timer(IDLE_SECONDS, self._retire_idle)
            self._idle_timer.daemon = True
            self._idle_timer.start()

    def _retire_idle(self) -> None:
        with self._lock:
            self._idle_timer = None
            if self._closed:
                return
            now = time.monotonic()
            live = self._live()
            for worker in sorted(live, key=lambda w: w.number, reverse=True):  # the first one stays
                if len(self._live()) <= 1:
                    break
                if worker.task is None and (worker.state == _READY and now - worker.idle_since >= IDLE_SECONDS):
                    _log.info("Analysis worker %s idle for %.0f s: ending it", worker.pid, now - worker.idle_since)
                    worker.state = _CLOSING
                    worker.close_input()
            self._dispatch()  # arms the timer again if an extra worker is still there

    def _assign(self, worker: _WorkerProcess, task: _Task) -> None:
        job = task.job
        worker.task, task.worker = task, worker
        job.state = "running"
        every = REPORT_SECONDS if self.report_seconds is None else self.report_seconds
        if task.kind == wire.ANALYSE:
            split = self.split_chars if isinstance(job.subject, str) else 0
            worker.send((wire.ANALYSE, task.id, job.subject, split, every, job.store))
            return
        article = None if worker.article_job == job.id else job.article
        worker.article_job = job.id
        if task.kind == wire.MODEL:
            worker.send((wire.MODEL, task.id, job.id, article, task.blocks[0], task.blocks[1], every))
        else:
            worker.send((wire.FINISH, task.id, job.id, article, task.wire, time.monotonic() - job.started,
                         job.store))

    def _drop(self, job: Job) -> None:
        """Forget the job's waiting tasks and interrupt its running ones."""
        for task in job.tasks:
            if task in self._waiting:
                self._waiting.remove(task)
            elif task.worker is not None and task.worker.task is task and task.worker.state == _READY:
                task.worker.send((wire.CANCEL, task.id))

    def _fail(self, job: Job, error: Exception) -> None:
        if job.finished():
            return
        job.state = "failed"
        self._drop(job)
        self._event(job.on_error, error)

    # -- what the workers say (on their reader threads) --
    def _received(self, worker: _WorkerProcess, message: tuple) -> None:
        kind = message[0]
        with self._lock:
            if kind == wire.READY:
                worker.state = _READY if worker.state == _STARTING else worker.state
                worker.idle_since = time.monotonic()
                worker.label, worker.loaded_at = message[1], message[2]
                _log.info("Analysis worker %s ready: %s loaded in %.1f s", worker.pid, worker.label,
                          time.monotonic() - worker.started)
                self.model_label = worker.label
                if self.model_loaded_at is None:
                    self.model_loaded_at = worker.loaded_at
                if not self._ready_announced:
                    self._ready_announced = True
                    self._event(self.on_model, "ready", worker.label)
            elif kind == wire.MODEL_FAILED:
                worker.state = _CLOSING  # it ends by itself
                self._model_failed(message[1])
            elif kind == wire.PROGRESS:
                task = worker.task
                if task is not None and task.id == message[1] and task.job.state == "running":
                    task.fraction = message[2]
                    job = task.job
                    fraction = sum(t.fraction * t.chars for t in job.tasks if t.kind != wire.FINISH) / (
                        sum(t.chars for t in job.tasks if t.kind != wire.FINISH) or 1)
                    self._event(job.on_progress, fraction, message[3])
            else:
                task = worker.task
                if task is None or task.id != message[1]:
                    _log.error("Analysis worker %s answered task %s, not %s", worker.pid, message[1],
                               task.id if task else None)
                    return
                worker.task = None
                worker.idle_since = time.monotonic()
                task.worker = None
                if kind == wire.RESULT:
                    self._deaths = 0
                self._answered(task, kind, message)
            self._dispatch()

    def _answered(self, task: _Task, kind: str, message: tuple) -> None:
        job = task.job
        if job.finished() or kind == wire.CANCELLED:
            return
        if kind == wire.ERROR:
            _, _, what, text, details = message
            error = (ArticleError(text) if what == "article" else ModelError(text) if what == "model"
                     else AnalysisFailed(text, details))
            self._fail(job, error)
        elif kind == wire.SPLIT:
            job.tasks.remove(task)
            self._plan(job, message[2])
        elif task.kind == wire.MODEL:
            task.wire, task.fraction = message[2], 1.0
            chunks = [t for t in job.tasks if t.kind == wire.MODEL]
            if all(t.wire is not None for t in chunks):
                joined = wire.joined_outputs([t.wire for t in chunks])
                for t in chunks:
                    t.wire = None
                finish = _Task(next(self._ids), job, wire.FINISH, 0, wire=joined)
                self._queue(job, [finish], front=True)
        else:
            job.state = "done"
            packed = message[2]
            if packed.article is None:  # not sent back: the job's own
                packed.article = job.article
            self._event(_deliver_analysis, job, packed)

    def _model_failed(self, message: str) -> None:
        if self._live():  # another worker may still load it
            return
        for task in list(self._waiting):
            self._fail(task.job, ModelError(message))
        self._waiting.clear()
        self._event(self.on_model, "failed", message)

    def _ended(self, worker: _WorkerProcess) -> None:
        with self._lock:
            was = worker.state
            worker.state = _DEAD
            self._workers.remove(worker)
            if was in (_CLOSING, _DEAD) or self._closed:
                _log.info("Analysis worker %s ended (%s)", worker.pid, _exit_reason(worker.exit_status))
                self._dispatch()
                return
            reason = _exit_reason(worker.exit_status)
            if was == _STARTING:
                _log.error("Analysis worker %s ended before its model loaded (%s)", worker.pid, reason)
                self._model_failed(f"The language model's process ended before the model was loaded ({reason}); "
                                   f"the log may say why.")
            else:
                _log.error("Analysis worker %s ended unexpectedly (%s)", worker.pid, reason)
                task = worker.task
                worker.task = None
                if task is not None:
                    task.worker = None
                    self._fail(task.job, AnalysisStopped(
                        f"The analysis stopped because its process ended unexpectedly ({reason})"))
                self._deaths += 1
                if self._deaths <= MAX_RESPAWNS:
                    self._spawn()  # its successor loads the model now, not when the next article asks
            self._dispatch()

    # -- the event thread --
    def _event(self, callback: Callable | None, *args: Any) -> None:
        if callback is None:
            return
        self._events.put((callback, args))
        if self._event_thread is None:
            self._event_thread = threading.Thread(target=self._deliver, name="analysis-events", daemon=True)
            self._event_thread.start()

    def _deliver(self) -> None:
        while (item := self._events.get()) is not None:
            callback, args = item
            try:
                callback(*args)
            except Exception:  # a listener's bug must not stop the others' events
                _log.exception("An analysis pool listener failed")


def _deliver_analysis(job: Job, packed: wire.PackedAnalysis) -> None:
    if job.on_done is not None:
        job.on_done(packed.unpack() if job.unpack else packed)


def _source_chars(source: str) -> int:
    try:
        return os.path.getsize(source)
    except OSError:
        return UNKNOWN_SOURCE_CHARS


def _exit_reason(status: int | None) -> str:
    if status is None:
        return "no exit status"
    if status < 0:
        try:
            return f"killed by {signal.Signals(-status).name}"
        except ValueError:
            return f"killed by signal {-status}"
    return f"exit status {status}"


def analyse_many(subjects: Iterable[Article | str], processes: int | None = None,
                 ordered: bool = False) -> Iterator[Outcome]:
    """Analyse every subject in a pool of its own (closed at the end); see AnalysisPool.analyse_many."""
    with AnalysisPool(processes) as pool:
        yield from pool.analyse_many(subjects, ordered)
