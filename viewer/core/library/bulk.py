"""Analyse many articles on every core: the one place the bulk import asks for analyses.

analyse_many() reads and analyses sources in worker processes and yields an
Outcome for each as it finishes (in any order). Each worker loads the language
model once and runs the full viewer.core.pipeline.analyze, the same analysis
the window and `analyze --json` give. A shared analysis process pool for the
whole app can replace this function without the import noticing.

Workers are started with the forkserver method (spawn where there is none):
never a fork of a process that has threads. They ignore Ctrl+C (the parent
decides what a cancel means and terminates them), and each watches its parent:
if the parent dies, even by SIGKILL, the worker exits instead of running on.
Before analysing, a worker checks the library for the article's text, so an
article already stored (under another name, say) costs a read, not an analysis.
"""
from __future__ import annotations

import multiprocessing
import os
import signal
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..analysis import Analysis


@dataclass(frozen=True)
class Outcome:
    """What became of one source: an analysis, an article already in the library, or an error."""

    source: str
    analysis: Analysis | None = None
    known_id: int | None = None  # the same text is already analysed in the library, under this id
    error: str = ""  # one sentence for the reader
    fatal: bool = False  # no language model: nothing else can be analysed either


def worker_count(jobs: int, requested: int | None = None) -> int:
    """How many workers: as many as cores this process may use (or requested), never more than jobs."""
    if requested is not None:
        cores = max(1, requested)
    else:
        try:
            cores = len(os.sched_getaffinity(0))
        except (AttributeError, OSError):
            cores = os.cpu_count() or 1
    return max(1, min(cores, jobs))


def pool_context() -> multiprocessing.context.BaseContext:
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def analyse_many(sources: Iterable[str], library_path: str | Path | None = None,
                 workers: int | None = None) -> Iterator[Outcome]:
    """Load and analyse each source in worker processes; yield their Outcomes as they finish.

    library_path, when given, is checked for each article's text before it is
    analysed. Closing the iterator early (or an exception in the caller while
    it is open, such as KeyboardInterrupt) terminates the workers at once.
    """
    pending = list(sources)
    if not pending:
        return
    count = worker_count(len(pending), workers)
    context = pool_context()
    pool = context.Pool(count, initializer=_start_worker, initargs=(str(library_path or ""),))
    finished = False
    try:
        yield from pool.imap_unordered(_analyse_one, pending, chunksize=1)
        finished = True
        if os.environ.get("ARTICLE_VIEWER_BENCHMARK"):
            _report_worker_cpu()
    finally:
        if finished:
            pool.close()
        else:
            pool.terminate()
        pool.join()


def _report_worker_cpu() -> None:
    """For benchmarks/library.py: the CPU seconds each worker used, on stderr (Linux only)."""
    import sys

    seconds = []
    for child in multiprocessing.active_children():
        try:
            with open(f"/proc/{child.pid}/stat", encoding="ascii") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        seconds.append((int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK"))
    sys.stderr.write(f"library-workers-cpu {' '.join(f'{s:.2f}' for s in seconds)}\n")


# -- in the worker processes --
_library_path = ""
_connection: sqlite3.Connection | None = None


def _start_worker(library_path: str) -> None:
    global _library_path
    _library_path = library_path
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    parent = multiprocessing.parent_process()
    if parent is not None:
        threading.Thread(target=_exit_with_parent, args=(parent.sentinel,), name="parent-watch",
                         daemon=True).start()


def _exit_with_parent(sentinel: int) -> None:
    """Wait until the parent process is gone (its end of the pipe closes), then leave at once."""
    from multiprocessing.connection import wait

    wait([sentinel])
    os._exit(1)


def _analysed_id(text_key: bytes) -> int | None:
    """The id of the analysed article with this text in the library, read without writing anything."""
    global _connection
    if not _library_path:
        return None
    try:
        if _connection is None:
            _connection = sqlite3.connect(f"{Path(_library_path).resolve().as_uri()}?mode=ro", uri=True, timeout=10.0)
        row = _connection.execute("SELECT id FROM articles WHERE text_key = ? AND analysis IS NOT NULL",
                                  (text_key,)).fetchone()
    except sqlite3.Error:
        return None  # the check only saves time; the parent stores the article correctly either way
    return int(row[0]) if row else None


def _analyse_one(source: str) -> Outcome:
    import dataclasses

    from ..errors import ArticleError, ModelError
    from ..loaders import load
    from ..language_model import load_model
    from ..pipeline import analyze
    from .codec import text_key

    try:
        article = dataclasses.replace(load(source), source=source)
        known = _analysed_id(text_key(article.text))
        if known is not None:
            return Outcome(source, known_id=known)
        return Outcome(source, analysis=analyze(article, load_model()))
    except ModelError as error:
        return Outcome(source, error=str(error), fatal=True)
    except ArticleError as error:
        return Outcome(source, error=str(error))
    except Exception as error:  # one bad file must not stop an import of thousands
        return Outcome(source, error=f"it could not be analysed ({type(error).__name__}: {error}).")
