"""Start-up A/B: the first paint of two checkouts of the app, launched interleaved with the bare window.

For a change to the start-up path, measure it against the commit before it in
the same run, so the machine's load affects both alike:

    git worktree add /tmp/before HEAD~1
    python benchmarks/startup_ab.py --runs 21 /tmp/before .

Each round launches every checkout's main.py and the bare PySide6 window of
startup.py (order reversed every other round), takes the time to the first
paint of the article text from the same probe as startup.py, and kills the
process there (the model load that follows is not measured). Every launch gets
fresh settings, cache, log and single-instance name, as in startup.py. Prints
the median per program and its ratio to the bare window's median, for the
wall-clock time and for the CPU time the process used until it was killed
(steadier than the clock on a shared machine; it includes the few
milliseconds between the paint and the kill, alike for every program).
"""
from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from startup import BARE, SAMPLE, launch_env


def first_paint(command: list[str], cwd: Path, pycache: str) -> tuple[float, float]:
    """Seconds from process start to the first paint of the text, and the CPU seconds the process used."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with tempfile.TemporaryDirectory(prefix="startup-ab-") as scratch:
        env = launch_env(scratch, "offscreen", pycache)
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                   text=True)
        try:
            for line in process.stderr:
                if line.startswith("startup first-paint "):
                    wall = float(line.split()[2])
                    break
            else:
                raise SystemExit(f"{' '.join(command)} exited ({process.wait()}) without painting the text")
        finally:
            process.kill()
            process.wait()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("checkouts", nargs="+", type=Path, help="source trees of the app (each has main.py)")
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--article", type=Path, default=SAMPLE)
    args = parser.parse_args()
    programs = {str(root): ([sys.executable, str(root.resolve() / "main.py"), str(args.article)], root)
                for root in args.checkouts}
    programs["bare"] = ([sys.executable, "-c", BARE, str(args.article)], Path.cwd())
    # A killed app's worker may still be writing bytecode here as the folder goes: not an error of the run.
    with tempfile.TemporaryDirectory(prefix="startup-ab-pycache-", ignore_cleanup_errors=True) as pycache:
        for command, cwd in programs.values():  # untimed: writes the bytecode, warms the file cache
            first_paint(command, cwd, pycache)
        times: dict[str, list[tuple[float, float]]] = {name: [] for name in programs}
        for index in range(args.runs):
            order = list(programs.items())
            if index % 2:
                order.reverse()
            for name, (command, cwd) in order:
                times[name].append(first_paint(command, cwd, pycache))
    bare = statistics.median(wall for wall, _cpu in times["bare"])
    bare_cpu = statistics.median(cpu for _wall, cpu in times["bare"])
    for name, values in times.items():
        median = statistics.median(wall for wall, _cpu in values)
        cpu = statistics.median(cpu for _wall, cpu in values)
        print(f"{name}: first paint {median * 1000:.1f} ms median of {args.runs}, ratio {median / bare:.3f}; "
              f"CPU {cpu * 1000:.1f} ms, ratio {cpu / bare_cpu:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
