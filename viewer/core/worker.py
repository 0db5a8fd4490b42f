"""The analysis worker: a process that loads the language model once and analyses what its parent sends.

core/pool.py starts it (`python -c "...from viewer.core.worker import main; main()"`)
and talks to it over its standard input and output in frames: an 8-byte length,
then a pickled tuple whose first item says what it is (the names below). Plain
data only crosses: Articles, source strings, offsets and labels, and the result
in packs (PackedAnalysis) that the parent can unpickle in small steps, so no
single unpickling holds the window's interpreter for long.

The worker

- lowers its own priority first, if its parent has not already (nice on POSIX; the
  parent starts it below normal on Windows) and offers itself to the kernel's
  out-of-memory killer before the window (Linux), then loads the model and says
  READY (or MODEL_FAILED and ends);
- runs one task at a time on its main thread (ANALYSE an article or a source,
  MODEL over a range of an article's blocks, FINISH: the document steps on the
  joined model output), answering each with exactly one of RESULT, SPLIT, ERROR
  or CANCELLED, with PROGRESS reports before it, and then, if asked, puts the
  analysis in the on-disk cache;
- reads its input on a second thread, so a CANCEL stops the task at once: that
  thread interrupts the main thread (as Ctrl+C would), whose handler raises only
  while the cancelled task is still running and never in the middle of a frame;
- ends as soon as its input ends: when the parent closes it, exits, crashes or
  is killed, the operating system closes the pipe, so no worker outlives the
  app (docs/ARCHITECTURE.md, "Threads and processes").
"""
from __future__ import annotations

import _thread
import dataclasses
import os
import pickle
import queue
import signal
import struct
import sys
import threading
import time
import traceback
from collections.abc import Generator, Iterable, Iterator
from typing import Any, BinaryIO

from .spawn import worker_niceness

# Parent -> worker
ANALYSE = "analyse"  # (ANALYSE, task, Article | source str, split_chars, report_seconds, store)
MODEL = "model"  # (MODEL, task, job, Article | None, first block, end block, report_seconds)
FINISH = "finish"  # (FINISH, task, job, Article | None, packed model output, seconds already spent, store)
# store: None, or (cache folder, its size limit): the worker also puts the analysis in that
# AnalysisCache (core/cache.py), after it has sent the result.
CANCEL = "cancel"  # (CANCEL, task)
# Worker -> parent
READY = "ready"  # (READY, model label, time.time() when the model had loaded)
MODEL_FAILED = "model-failed"  # (MODEL_FAILED, one sentence): the worker ends after it
PROGRESS = "progress"  # (PROGRESS, task, fraction of the task done, raw mentions found since the last report)
RESULT = "result"  # (RESULT, task, PackedAnalysis for ANALYSE and FINISH, packed ModelOutput for MODEL)
SPLIT = "split"  # (SPLIT, task, Article): a source read for ANALYSE is long; the parent shares it out
ERROR = "error"  # (ERROR, task, "article" | "model" | "bug", one sentence, traceback text)
CANCELLED = "cancelled"  # (CANCELLED, task)

_HEADER = struct.Struct("<Q")
STORE_SECONDS = 10.0  # at most this long for a cache write to end when the parent has gone
ROWS_PER_PACK = 1000  # items per separately pickled pack: each unpickles in a millisecond or two


def write_message(stream: BinaryIO, message: tuple) -> None:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_HEADER.pack(len(data)))
    stream.write(data)
    stream.flush()


def read_message(stream: BinaryIO) -> tuple | None:
    """The next message, or None when the stream has ended (also in the middle of a frame)."""
    header = stream.read(_HEADER.size)
    if len(header) < _HEADER.size:
        return None
    (size,) = _HEADER.unpack(header)
    data = stream.read(size)
    if len(data) < size:
        return None
    return pickle.loads(data)


# -- the wire form of results -------------------------------------------------------------------

def pack(items: Iterable[Any]) -> list[bytes]:
    """Items pickled in packs of ROWS_PER_PACK, to be read back one pack at a time by unpack()."""
    items = list(items)
    return [pickle.dumps(items[i:i + ROWS_PER_PACK], protocol=pickle.HIGHEST_PROTOCOL)
            for i in range(0, len(items), ROWS_PER_PACK)]


def unpack(packs: Iterable[bytes]) -> Iterator[Any]:
    for data in packs:
        yield from pickle.loads(data)


class PackedAnalysis:
    """An Analysis in packs of a thousand or so mentions, entities... as it crosses the pipe.

    Unpacking it takes tens of milliseconds for a long article, all of it holding
    the interpreter's lock; steps() does it a pack at a time, so a window can
    spread it over turns of its event loop (a thread doing it would make the
    GUI thread wait whenever the system deschedules that thread).
    """

    def __init__(self, analysis: Any, with_article: bool = True) -> None:
        self.article = analysis.article if with_article else None
        self.sentences = pack(analysis.sentences)
        self.mentions = pack(analysis.mentions)
        self.entities = pack(analysis.entities)
        self.key_points = pack(analysis.key_points)
        self.model = analysis.model
        self.seconds = analysis.seconds

    def steps(self, article: Any = None) -> Generator[None, None, Any]:
        """Unpack a pack per step; the generator's return value is the Analysis.

        article: the Article, when it was not sent back (the parent had it already).
        """
        from .analysis import Analysis

        parts: dict[str, list] = {}
        for name in ("sentences", "mentions", "entities", "key_points"):
            items = parts[name] = []
            for data in getattr(self, name):
                items.extend(pickle.loads(data))
                yield
        return Analysis(article=self.article if self.article is not None else article,
                        sentences=tuple(parts["sentences"]), mentions=tuple(parts["mentions"]),
                        entities=tuple(parts["entities"]), key_points=tuple(parts["key_points"]),
                        model=self.model, seconds=self.seconds)

    def unpack(self, article: Any = None) -> Any:
        """The Analysis, in one go."""
        steps = self.steps(article)
        while True:
            try:
                next(steps)
            except StopIteration as done:
                return done.value


def output_to_wire(output) -> tuple:
    return pack(output.sentences), pack(output.mentions)


def joined_outputs(wires: list[tuple]) -> tuple:
    """The packed outputs of consecutive block ranges, as one (no unpickling: packs are concatenated)."""
    return [pack for wire in wires for pack in wire[0]], [pack for wire in wires for pack in wire[1]]


def output_from_wire(wire: tuple):
    from .pipeline import ModelOutput

    sentences, mentions = wire
    return ModelOutput(list(unpack(sentences)), list(unpack(mentions)))


# -- the worker process ------------------------------------------------------------------------

class _Stop(BaseException):
    """The running task was cancelled (a BaseException, so no library's `except Exception` swallows it)."""


class _Worker:
    def __init__(self, out: BinaryIO) -> None:
        self.out = out
        self.inbox: queue.SimpleQueue = queue.SimpleQueue()
        # Read and written under the GIL by both threads; the order of the reads and writes in
        # cancel() and _attempt() makes sure one of them sees a cancellation (see _attempt).
        self.current: int | None = None
        self.cancelled: set[int] = set()
        self.sending = False
        self.deferred = False
        self.article: tuple = (None, None, None, None)  # job, Article, its NewsLayout, its model text
        self.finished: Any = None  # the Analysis the running task made, if any
        self.storing = threading.Lock()  # held while an analysis is put in the cache

    # -- the control thread --
    def listen(self, stream: BinaryIO) -> None:
        try:
            while (message := read_message(stream)) is not None:
                if message[0] == CANCEL:
                    self.cancel(message[1])
                else:
                    self.inbox.put(message)
        except BaseException:  # a broken pipe or a garbled frame: the parent is gone or confused
            pass
        # The parent closed our input, exited or died: nothing more will be asked, and nobody reads.
        # An analysis being written to the cache is finished first (it is what the next launch reads).
        self.storing.acquire(timeout=STORE_SECONDS)
        os._exit(0)

    def cancel(self, task: int) -> None:
        self.cancelled.add(task)
        if self.current == task:
            _thread.interrupt_main(signal.SIGINT)

    # -- the main thread --
    def interrupted(self, _signum, _frame) -> None:
        """SIGINT handler (also a real Ctrl+C in the terminal, which is ignored: the parent decides)."""
        if self.current is not None and self.current in self.cancelled:
            if self.sending:
                self.deferred = True  # never leave half a frame in the pipe
            else:
                raise _Stop()

    def send(self, *message: Any) -> None:
        self.sending = True
        try:
            write_message(self.out, message)
        finally:
            self.sending = False
        if self.deferred:
            self.deferred = False
            if self.current is not None and self.current in self.cancelled:
                raise _Stop()

    def run(self) -> int:
        from . import language_model
        from .errors import ModelError

        try:
            nlp = language_model.load_model()
            from . import pipeline  # noqa: F401  (imported now, not during the first article)
        except ModelError as error:
            self.send(MODEL_FAILED, str(error))
            return 0
        except Exception as error:  # a broken install must become a message, not a silent death
            self.send(MODEL_FAILED, f"The language model could not be loaded ({type(error).__name__}: "
                                    f"{_first_line(error)}); reinstall the app with "
                                    f"“pip install --force-reinstall .” in its folder.")
            return 0
        label = language_model.model_label(nlp)
        self.send(READY, label, language_model.loaded_at() or time.time())
        while True:
            reply, store = self._attempt(nlp, label, self.inbox.get())
            if store is not None:
                with self.storing:  # taken before the reply goes: close() cannot slip in between
                    self.send(*reply)
                    _store(*store)
            else:
                self.send(*reply)

    def _attempt(self, nlp: Any, label: str, message: tuple) -> tuple[tuple, tuple | None]:
        """Run one task; every outcome, a cancellation included, becomes exactly one reply.

        Also returns what to put in the cache once the reply is sent: (folder, limit, analysis) or None.
        """
        from .errors import ArticleError, ModelError

        task = message[1]
        self.deferred = False
        self.finished = None
        try:
            try:
                # current is set before the cancelled set is read, and cancel() adds to the set before
                # it reads current: a CANCEL that arrives now is seen by one of the two.
                self.current = task
                if task in self.cancelled:
                    raise _Stop()
                reply = self._perform(nlp, label, message)
            finally:
                self.current = None  # from here on the handler never raises
        except _Stop:
            reply = (CANCELLED, task)
        except ArticleError as error:
            reply = (ERROR, task, "article", str(error), "")
        except ModelError as error:
            reply = (ERROR, task, "model", str(error), "")
        except Exception as error:  # a bug: the parent logs the traceback and offers Retry
            reply = (ERROR, task, "bug", f"{type(error).__name__}: {_first_line(error)}" if str(error)
                     else type(error).__name__, traceback.format_exc())
        self.cancelled.discard(task)
        store = message[-1] if message[0] in (ANALYSE, FINISH) else None
        if reply[0] != RESULT or store is None or self.finished is None:
            return reply, None
        return reply, (*store, self.finished)

    def _perform(self, nlp: Any, label: str, message: tuple) -> tuple:
        from .news_layout import read_layout
        from .pipeline import finish, run_model

        kind, task = message[0], message[1]

        def progress(fraction: float, fresh: list) -> None:
            self.send(PROGRESS, task, fraction, fresh)

        if kind == ANALYSE:
            _, _, subject, split_chars, report_seconds, _store = message
            started = time.perf_counter()
            if isinstance(subject, str):
                from .loaders import load

                article = dataclasses.replace(load(subject), source=subject)
                if split_chars and len(article.text) >= split_chars:
                    return SPLIT, task, article
            else:
                article = subject
            layout = read_layout(article)
            output = run_model(nlp, article, progress, layout=layout, report_seconds=report_seconds)
            self.finished = finish(article, output, label, started, layout)
            # The parent has an Article it sent; a source's Article it has not seen.
            return RESULT, task, PackedAnalysis(self.finished, with_article=isinstance(subject, str))
        if kind == MODEL:
            _, _, job, article, first, end, report_seconds = message
            article, layout, recased = self._article(job, article, recased=True)
            output = run_model(nlp, article, progress, layout=layout, blocks=range(first, end), recased=recased,
                               report_seconds=report_seconds)
            return RESULT, task, output_to_wire(output)
        if kind == FINISH:
            _, _, job, article, wire, spent, _store = message
            article, layout, _ = self._article(job, article, recased=False)
            self.finished = finish(article, output_from_wire(wire), label, time.perf_counter() - spent, layout)
            return RESULT, task, PackedAnalysis(self.finished, with_article=False)
        raise ValueError(f"unknown task {kind!r}")

    def _article(self, job: int, article: Any, recased: bool) -> tuple[Any, Any, str | None]:
        """The job's article (sent with the job's first task to this worker), its layout and, if asked,
        its model text: each worked out once per article in this worker."""
        from .ner_case import model_text
        from .news_layout import read_layout

        if article is not None:
            self.article = (job, article, read_layout(article), None)
        known_job, known, layout, text = self.article
        if known_job != job:
            raise ValueError(f"no article for job {job}")
        if recased and text is None:
            text = model_text(known, layout)
            self.article = (job, known, layout, text)
        return known, layout, text


def _store(folder: str, max_bytes: int, analysis: Any) -> None:
    """Put the analysis in the cache: here, not in the window, whose GUI thread would share the
    interpreter with the encoding of a long article's entry."""
    from .cache import AnalysisCache

    try:
        AnalysisCache(folder, max_bytes).put(analysis)
    except Exception:  # a cache that cannot be written costs a later re-analysis, nothing more
        traceback.print_exc()


def _first_line(error: BaseException) -> str:
    lines = str(error).strip().splitlines()
    return (lines[0] if lines else type(error).__name__)[:200]


def _lower_priority(nice: int) -> None:
    """Below the window: it gets the CPU first when both want it. The OOM killer picks the worker first.

    The window may have lowered it already, as soon as it started it (spawn.below_the_window):
    the niceness is set, relative to the window's, not added a second time.
    """
    if nice and hasattr(os, "setpriority"):
        try:
            target = worker_niceness(os.getpriority(os.PRIO_PROCESS, os.getppid()), nice)
            if os.getpriority(os.PRIO_PROCESS, 0) < target:
                os.setpriority(os.PRIO_PROCESS, 0, target)
        except OSError:
            pass
    if sys.platform.startswith("linux"):
        try:
            with open("/proc/self/oom_score_adj", "w", encoding="ascii") as adj:
                adj.write("500")
        except OSError:
            pass


def _protocol_streams() -> tuple[BinaryIO, BinaryIO]:
    """The pipes to the parent, moved off fds 0 and 1: a library that prints cannot garble a frame."""
    incoming = os.fdopen(os.dup(0), "rb")
    outgoing = os.fdopen(os.dup(1), "wb")
    with open(os.devnull, "rb") as null:
        os.dup2(null.fileno(), 0)
    os.dup2(2, 1)  # what anything prints goes where the parent's errors go
    sys.stdout = sys.stderr
    return incoming, outgoing


def _one_blas_thread() -> None:
    """Keep numpy's BLAS (which runs the model's matrix products, core/language_model.py) on one thread.

    The model's products are small, so a second BLAS thread costs more in handing
    work over than it saves (7.3 s against 8.1 s for 100k words in one process),
    and the pool already gives each core a worker of its own. Set before numpy is
    imported, which reads it once; a value the user set is kept.
    """
    for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "VECLIB_MAXIMUM_THREADS"):
        os.environ.setdefault(name, "1")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    nice = int(argv[argv.index("--nice") + 1]) if "--nice" in argv else 0
    _lower_priority(nice)
    _one_blas_thread()
    incoming, outgoing = _protocol_streams()
    worker = _Worker(outgoing)
    signal.signal(signal.SIGINT, worker.interrupted)
    threading.Thread(target=worker.listen, args=(incoming,), name="control", daemon=True).start()
    try:
        return worker.run()
    except (BrokenPipeError, _Stop):
        return 0


if __name__ == "__main__":
    sys.exit(main())
