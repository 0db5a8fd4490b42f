"""How an analysis worker process is started: its command line, and the window's first one, at launch.

The window's first worker is started before anything else (viewer/app.py),
with os.posix_spawn and two pipes: nothing is imported for it (not even
subprocess), it costs the launch about a millisecond, and it imports spaCy and
loads the model on another core, at a lower priority, while the window builds
and paints itself. The analysis pool (core/pool.py) adopts it after the first
paint. Started after the first paint instead, the first highlights of a cold
launch came 1.28 times the bare floor's time (benchmarks/startup.py); see
docs/ARCHITECTURE.md, "Threads and processes".
"""
from __future__ import annotations

import os
import sys

WORKER_MODULE = "viewer.core.worker"
# The workers' niceness on POSIX (Windows: below normal priority): the window first.
WORKER_NICE = int(os.environ.get("ARTICLE_VIEWER_WORKER_NICE", "10"))


def worker_command(module: str = WORKER_MODULE, nice: int = WORKER_NICE) -> list[str]:
    """The command line of a worker process running module's main()."""
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))  # holds `viewer`
    code = f"import sys; sys.path[0] = {root!r}; from {module} import main; sys.exit(main())"
    return [sys.executable, "-c", code, "--nice", str(nice)]


class StartedWorker:
    """A worker process started at launch, and our ends of its pipes, for the pool to adopt."""

    def __init__(self, pid: int, to_worker: int, from_worker: int) -> None:
        self.pid = pid
        self.to_worker = to_worker  # file descriptor: the worker's standard input
        self.from_worker = from_worker  # file descriptor: the worker's standard output


def start_at_launch() -> StartedWorker | None:
    """Start the first worker now, if this system has posix_spawn (else the pool starts it later)."""
    if not hasattr(os, "posix_spawn") or not sys.executable:
        return None
    worker_in, to_worker = os.pipe()
    from_worker, worker_out = os.pipe()
    try:
        pid = os.posix_spawn(sys.executable, worker_command(), os.environ,
                             file_actions=[(os.POSIX_SPAWN_DUP2, worker_in, 0),
                                           (os.POSIX_SPAWN_DUP2, worker_out, 1)])
    except OSError:
        os.close(to_worker)
        os.close(from_worker)
        return None
    finally:
        os.close(worker_in)
        os.close(worker_out)
    below_the_window(pid)
    return StartedWorker(pid, to_worker, from_worker)


def below_the_window(pid: int, nice: int = WORKER_NICE) -> None:
    """Give the worker pid its lower priority now, from the window's side (POSIX; nothing elsewhere).

    The worker lowers its own priority too, but only once its Python has
    started and imported its modules: 30-60 ms in which, with a CPU hog on the
    other core, it delayed the window's first paint by about 15 %
    (benchmarks/startup_ab.py; docs/ARCHITECTURE.md, "Threads and processes").
    """
    if nice and hasattr(os, "setpriority"):
        try:
            os.setpriority(os.PRIO_PROCESS, pid, worker_niceness(os.getpriority(os.PRIO_PROCESS, 0), nice))
        except OSError:  # it has gone already, or the system says no: it lowers its own
            pass


def worker_niceness(window_niceness: int, nice: int = WORKER_NICE) -> int:
    """A worker's niceness: nice steps below its window's, within POSIX's highest, 19."""
    return min(19, window_niceness + nice)
