#!/usr/bin/env python3
"""Command-line throughput on real news: `python -m viewer analyze --json` against plain spaCy, one run.

    python benchmarks/cli_throughput.py [--words 100000] [--runs 1] [--folders business] [CHECKOUT ...]

It takes BBC News articles (../shared/eval/data/bbc, the folders given, files in
name order) until they hold --words words, and times, from process start to
exit, with model loads included on both sides:

- plain: a Python process that imports spaCy, loads the same model with its
  default pipeline (spacy.load, nothing excluded) and runs nlp.pipe over the
  files' texts, one process;
- each CHECKOUT (default: this one): `python -m viewer analyze --json FILES`,
  its output written to a file and checked (one JSON line per input, no error).

The runs are interleaved so the machine's load hits all alike; medians are
printed with each checkout's speed-up over plain (plain seconds / its seconds),
and the CPU time each used (all its processes): on a machine whose other
load leaves this run one core, the speed-up cannot pass the CPU times' ratio,
whatever the number of processes.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BBC = ROOT.parent / "shared" / "eval" / "data" / "bbc" / "News Articles"

PLAIN = r"""
import sys
import spacy
location, listing = sys.argv[1], sys.argv[2]
files = open(listing, encoding="utf-8").read().split("\n")
nlp = spacy.load(location)
texts = (open(path, encoding="utf-8", errors="replace").read() for path in files)
entities = sum(len(doc.ents) for doc in nlp.pipe(texts))
print(entities)
"""


def news_files(folders: list[str], words: int) -> tuple[list[Path], int]:
    chosen, count = [], 0
    for folder in folders:
        for path in sorted((BBC / folder).glob("*.txt")):
            if count >= words:
                return chosen, count
            chosen.append(path)
            count += len(path.read_text(encoding="utf-8", errors="replace").split())
    return chosen, count


def model_location() -> str:
    sys.path.insert(0, str(ROOT))
    from viewer.core.language_model import available_models

    return available_models()[0].location


def timed(command: list[str], cwd: Path, out: Path) -> tuple[float, float]:
    """Wall seconds, and CPU seconds of the process and every process it started (and waited for)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    with out.open("w", encoding="utf-8") as stream:
        done = subprocess.run(command, cwd=cwd, stdout=stream, stderr=subprocess.PIPE, text=True, timeout=3600)
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command[:4])}... exited {done.returncode}: {done.stderr[-800:]}")
    return seconds, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def check_output(out: Path, files: list[Path]) -> None:
    lines = out.read_text(encoding="utf-8").splitlines()
    sources = [json.loads(line)["source"] for line in lines]
    if sources != [str(path) for path in files]:
        raise SystemExit(f"{out}: {len(lines)} lines, not one result per input in input order")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("checkouts", nargs="*", type=Path, default=[ROOT])
    parser.add_argument("--words", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--folders", default="business", help="comma-separated BBC folders, in order")
    args = parser.parse_args()
    files, words = news_files(args.folders.split(","), args.words)
    location = model_location()
    print(f"{len(files)} BBC files ({args.folders}), {words:,} words, model {location}", flush=True)
    times: dict[str, list[float]] = {"plain": []}
    cpu: dict[str, list[float]] = {"plain": []}
    with tempfile.TemporaryDirectory(prefix="cli-throughput-") as temp:
        folder = Path(temp)
        listing = folder / "files.txt"
        listing.write_text("\n".join(str(path) for path in files), encoding="utf-8")
        programs = {"plain": ([sys.executable, "-c", PLAIN, location, str(listing)], ROOT)}
        for checkout in args.checkouts:
            programs[str(checkout)] = ([sys.executable, "-m", "viewer", "analyze", "--json",
                                        *map(str, files)], checkout.resolve())
            times[str(checkout)] = []
            cpu[str(checkout)] = []
        for index in range(args.runs):
            order = list(programs.items())
            if index % 2:
                order.reverse()
            for name, (command, cwd) in order:
                out = folder / "out.jsonl"
                wall, used = timed(command, cwd, out)
                times[name].append(wall)
                cpu[name].append(used)
                if name != "plain":
                    check_output(out, files)
                print(f"run {index + 1} {name}: {wall:.1f} s, CPU {used:.1f} s, load {os.getloadavg()[0]:.1f}",
                      flush=True)
    plain = statistics.median(times["plain"])
    plain_cpu = statistics.median(cpu["plain"])
    print(f"plain spaCy nlp.pipe, default pipeline, one process: {plain:.1f} s ({words / plain:,.0f} words/s), "
          f"CPU {plain_cpu:.1f} s")
    for name, values in times.items():
        if name == "plain":
            continue
        median = statistics.median(values)
        print(f"{name}: python -m viewer analyze --json: {median:.1f} s ({words / median:,.0f} words/s), "
              f"CPU {statistics.median(cpu[name]):.1f} s, speed-up {plain / median:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
