"""The analysis pool with real worker processes: results, order, cancelling, a killed worker, a dead parent."""
from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from viewer.core.errors import ArticleError
from viewer.core.loaders import load
from viewer.core.pool import AnalysisPool, AnalysisStopped
from viewer.core.spawn import WORKER_NICE, start_at_launch

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT = 120

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc and sends POSIX signals")


def process_state(pid: int) -> str | None:
    """The process's state letter from /proc (R, S, Z...), or None if there is no such process."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0]
    except OSError:
        return None


def cpu_seconds(pid: int) -> float:
    with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def wait_until(condition, timeout: float = TIMEOUT) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


@pytest.fixture(scope="module")
def long_path(tmp_path_factory, sample_path) -> Path:
    """About 20,000 words: many seconds of analysis for one worker."""
    body = load(sample_path).text.split("\n\n")[3:]
    path = tmp_path_factory.mktemp("long") / "long.txt"
    path.write_text("A long report\n\n" + "\n\n".join(f"Part {i}. {p}" for i in range(60) for p in body),
                    encoding="utf-8")
    return path


def test_many_articles_come_back_in_input_order_with_errors_in_place(sample_path, tmp_path, sample_analysis):
    other = tmp_path / "other.txt"
    other.write_text("Trade talks\n\nAngela Merkel met Emmanuel Macron in Paris on Monday.", encoding="utf-8")
    missing = tmp_path / "missing.txt"
    subjects = [str(sample_path), str(missing), load(other), str(other)]
    with AnalysisPool(2) as pool:
        outcomes = list(pool.analyse_many(subjects, ordered=True))
    assert [outcome.index for outcome in outcomes] == [0, 1, 2, 3]
    assert [outcome.source for outcome in outcomes] == [str(sample_path), str(missing), str(other), str(other)]
    assert isinstance(outcomes[1].error, ArticleError) and "missing.txt" in str(outcomes[1].error)
    first = outcomes[0].analysis
    # The same analysis as in this process, through the wire and back.
    assert (first.mentions, first.entities, first.key_points, first.sentences) == (
        sample_analysis.mentions, sample_analysis.entities, sample_analysis.key_points, sample_analysis.sentences)
    assert outcomes[2].analysis.mentions == outcomes[3].analysis.mentions
    assert {"Angela Merkel", "Paris"} <= {entity.name for entity in outcomes[3].analysis.entities}


def test_a_long_article_is_shared_out_and_joined_as_one_analysis(long_path, nlp, monkeypatch):
    from viewer.core import pool as pool_module
    from viewer.core.article import Article
    from viewer.core.pipeline import analyze

    monkeypatch.setattr(pool_module, "IDLE_SECONDS", 0.5)

    whole = load(long_path)
    blocks = whole.blocks[:40]
    article = Article(whole.source, whole.text[:blocks[-1].end], whole.title, blocks=blocks)
    fractions: queue.SimpleQueue = queue.SimpleQueue()
    results: queue.SimpleQueue = queue.SimpleQueue()
    with AnalysisPool(2, split_chars=len(article.text) // 2) as pool:
        pool.start(2)
        job = pool.submit(article, on_progress=lambda fraction, _fresh: fractions.put(fraction),
                          on_done=results.put, on_error=results.put)
        assert len([task for task in job.tasks if task.kind == "model"]) >= 2
        shared = results.get(timeout=600)
        assert len(pool.pids()) == 2
        wait_until(lambda: len(pool.pids()) == 1, 30)  # the second ends once idle, the first one stays
    assert shared.mentions == analyze(article, nlp).mentions  # chunks joined exactly as one pass
    seen = []
    while not fractions.empty():
        seen.append(fractions.get())
    assert seen == sorted(seen) and seen[-1] == pytest.approx(1.0)


@linux_only
def test_cancelling_stops_the_worker_at_once_and_it_takes_the_next_article(long_path, sample_path):
    progress: queue.SimpleQueue = queue.SimpleQueue()
    answers: list = []
    with AnalysisPool(1) as pool:
        pool.report_seconds = 0.0
        job = pool.submit(load(long_path), on_progress=lambda fraction, _fresh: progress.put(fraction),
                          on_done=answers.append, on_error=answers.append)
        progress.get(timeout=TIMEOUT)  # the model is at work on it
        [pid] = pool.pids()
        assert pool.cancel(job)
        wait_until(lambda: not pool.busy(), 30)  # the worker has said it stopped
        reached = [progress.get() for _ in range(progress.qsize())]
        assert not reached or max(reached) < 0.5  # it stopped, it did not run on to the end
        used = cpu_seconds(pid)
        time.sleep(0.5)
        assert cpu_seconds(pid) - used < 0.1  # the CPU is free: the worker waits for work
        assert process_state(pid) == "S"
        done: queue.SimpleQueue = queue.SimpleQueue()
        pool.submit(str(sample_path), on_done=done.put, on_error=done.put)
        assert done.get(timeout=TIMEOUT).entities
        assert pool.pids() == [pid] and answers == []  # the same worker; nothing of the cancelled job came


@linux_only
def test_a_killed_worker_fails_only_its_job_and_a_new_one_takes_its_place(long_path, sample_path):
    progress: queue.SimpleQueue = queue.SimpleQueue()
    errors: queue.SimpleQueue = queue.SimpleQueue()
    with AnalysisPool(1) as pool:
        pool.submit(str(long_path), on_progress=lambda fraction, _fresh: progress.put(fraction), on_error=errors.put)
        progress.get(timeout=TIMEOUT)
        [pid] = pool.pids()
        os.kill(pid, signal.SIGKILL)
        error = errors.get(timeout=30)
        assert isinstance(error, AnalysisStopped) and "killed by SIGKILL" in str(error)
        assert process_state(pid) is None  # reaped: no zombie
        wait_until(lambda: pool.pids() and pool.pids() != [pid], 30)  # its successor is starting
        done: queue.SimpleQueue = queue.SimpleQueue()
        pool.submit(str(sample_path), on_done=done.put, on_error=done.put)
        assert done.get(timeout=TIMEOUT).entities
        successors = pool.pids()
    assert all(process_state(successor) is None for successor in successors)  # close() ends and reaps them


PARENT = """
import sys, time
sys.path[0] = {root!r}
from viewer.core.pool import AnalysisPool
pool = AnalysisPool(1)
busy = []
pool.submit({path!r}, on_progress=lambda *_: busy or (busy.append(1), print("busy", flush=True)))
while not pool.pids():
    time.sleep(0.01)
print(pool.pids()[0], flush=True)
time.sleep(600)
"""


@linux_only
def test_a_worker_ends_when_its_parent_is_killed(long_path):
    """The parent killed mid-analysis: its worker notices (its input pipe closes) and ends.
    tests/test_app.py does the same to the window, with Quit, SIGTERM, SIGKILL and a crash."""
    signal_number = signal.SIGKILL
    parent = subprocess.Popen([sys.executable, "-c", PARENT.format(root=str(ROOT), path=str(long_path))],
                              stdout=subprocess.PIPE, text=True)
    try:
        worker = int(parent.stdout.readline())
        assert parent.stdout.readline().strip() == "busy"
        assert process_state(worker) in ("R", "S")
        parent.send_signal(signal_number)
        assert parent.wait(30) == -signal_number
        # Orphaned, it is reaped by whoever adopts it; either way it no longer runs.
        wait_until(lambda: process_state(worker) in (None, "Z"), 30)
    finally:
        parent.kill()
        parent.wait()


def niceness(pid: int) -> int:
    return os.getpriority(os.PRIO_PROCESS, pid)


def thread_count(pid: int) -> int:
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        return int(next(line for line in status if line.startswith("Threads:")).split()[1])


@linux_only
def test_workers_run_below_the_window_from_their_start_and_only_so_far_below():
    """A worker is WORKER_NICE steps below its parent from the moment it is started (not only once its
    Python has started, as before: it took CPU from the window's first paint on a busy machine), and
    its own step down, once it runs, does not take it further."""
    assert WORKER_NICE > 0
    below = min(19, niceness(0) + WORKER_NICE)
    started = start_at_launch()
    assert started is not None
    assert niceness(started.pid) == below  # before the worker has run any code of its own
    with AnalysisPool(2) as pool:
        pool.adopt(started)
        pool.start(2)  # the second, as the pool starts workers later (subprocess)
        launched, later = pool.pids()
        assert launched == started.pid
        assert niceness(later) == below
        # A worker starts its control thread just after its own step down: from then on, it has run.
        wait_until(lambda: thread_count(launched) > 1 and thread_count(later) > 1)
        assert niceness(launched) == niceness(later) == below
    with AnalysisPool(1, nice=0) as pool:  # the command line's: its workers at the caller's priority
        pool.start()
        [worker] = pool.pids()
        wait_until(lambda: thread_count(worker) > 1)
        assert niceness(worker) == niceness(0)


@linux_only
def test_a_worker_runs_the_model_on_its_own_thread_only(sample_path):
    """No BLAS thread pool beside the model: its matrix products are too small to gain from a second
    thread, and the pool already gives each core a worker of its own."""
    with AnalysisPool(1) as pool:
        pool.start()
        [worker] = pool.pids()
        [outcome] = pool.analyse_many([str(sample_path)])
        assert outcome.analysis is not None and outcome.analysis.mentions
        assert thread_count(worker) == 2  # the main thread, which ran the model, and the control thread
