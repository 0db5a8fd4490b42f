"""The library's targets, measured in one run on this machine.

    python benchmarks/library.py [--runs 3] [--articles 400] [--size 2000] [--keep FOLDER]
                                 [--skip-import | --import-only]

1. Import speed: `python -m viewer library import FILES` (worker processes, storage included) against
   `python -m viewer analyze --json FILES > /dev/null` in one process (pinned to one CPU, so its analysis
   pool runs one worker) over the same BBC dev articles
   (../shared/eval/data/bbc), in alternating order, each into a fresh library; medians of --runs.
   Target: the import at least 1.6 times faster.
2. A library of --size articles: the whole BBC set and the saved web pages (../shared/eval/data/web,
   gunzipped) are imported (the first --articles are already in: the import resumes), then
   generated articles fill it up: a stored article with a paragraph of words drawn from the others
   added (so each is a new text), a date and a site of its own.
   - search: median time of Library.search (first page of 50, snippets included) and search_count
     over a set of queries (common and rare words, two words, a phrase, a prefix while typing,
     filters), each run 5 times, warm. Target: under 50 ms.
   - the library window's model: time from set_query() to the first page shown, for the same queries,
     on the GUI thread of an offscreen QApplication. Target: under 50 ms.
   - opening: a fresh process that has not loaded spaCy opens the library and reads the stored article
     with the longest text (Library.entry: text, structure, analysis, highlights). Target: under 0.3 s.
   - size: the library's file (after a checkpoint). Target: under 100 MB.
--keep FOLDER keeps that library (for screenshots); it is made in a temporary folder otherwise.
"""
from __future__ import annotations

import argparse
import gzip
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
EVAL = ROOT.parent / "shared" / "eval" / "data"
BBC = EVAL / "bbc" / "News Articles"
WEB = EVAL / "web"

QUERIES = [
    ("common word", "government", {}),
    ("rare word", "Yukos", {}),
    ("two words", "oil prices", {}),
    ("phrase", '"chief executive"', {}),
    ("or", "music OR film", {}),
    ("typing a prefix", "elect", {"prefix_last": True}),
    ("typing one letter", "m", {"prefix_last": True}),
    ("unbalanced quote", 'market "share', {}),
    ("with an entity filter", "profits", {"entity": "US"}),
    ("with a date filter", "shares", {"dates": ("2005-01-01", "2005-03-31")}),
]


def bbc_files(count: int | None) -> list[Path]:
    """count BBC articles taken in turn from each category (all of them when count is None)."""
    categories = [sorted((BBC / name).glob("*.txt")) for name in ("business", "entertainment", "tech")]
    files = []
    for index in range(max(len(c) for c in categories)):
        for category in categories:
            if index < len(category):
                files.append(category[index])
    return files if count is None else files[:count]


def one_cpu() -> None:
    """Pin the process (and the worker it starts) to one CPU: `analyze` runs its analysis pool with as many
    workers as it may use CPUs, so this is how it analyses in one process, the baseline the target names."""
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})


def timed(command: list[str], env: dict[str, str], alone: bool = False) -> tuple[float, float, list[float]]:
    """Wall seconds, CPU seconds of the process itself, and CPU seconds of each import worker.

    alone: run it on one CPU (one_cpu).
    """
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, env=dict(env, ARTICLE_VIEWER_BENCHMARK="1"),
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                          preexec_fn=one_cpu if alone else None)
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{command[:5]} failed ({done.returncode}): {done.stderr[-2000:]}")
    workers = [float(value) for line in done.stderr.splitlines() if line.startswith("library-workers-cpu")
               for value in line.split()[1:]]
    own = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return seconds, own, workers


def measure_import(files: list[Path], runs: int, scratch: Path, workers: int | None) -> Path:
    env = dict(os.environ, ARTICLE_VIEWER_CACHE_DIR=str(scratch / "cache"))
    env.pop("ARTICLE_VIEWER_MODEL", None)
    analyze = [sys.executable, "-m", "viewer", "analyze", "--json", *map(str, files)]
    baseline, imports, estimates = [], [], []
    folder = scratch / "none"
    for run in range(runs):
        folder = scratch / f"import-{run}"
        shutil.rmtree(folder, ignore_errors=True)
        shutil.rmtree(scratch / "cache", ignore_errors=True)
        library = [sys.executable, "-m", "viewer", "library", "import", *map(str, files)]
        if workers:
            library += ["--workers", str(workers)]
        first, second = (analyze, library) if run % 2 == 0 else (library, analyze)
        cpu = {}
        for command in (first, second):
            seconds, own, worker_cpu = timed(command, dict(env, ARTICLE_VIEWER_LIBRARY=str(folder)),
                                             alone=command is analyze)
            (baseline if command is analyze else imports).append(seconds)
            cpu[command is analyze] = (own, worker_cpu)
        # What the same work takes on the two cores alone: the single process's CPU time against the import's
        # busiest worker, or its processes' CPU time shared by two cores if that is more. (The machine is
        # shared, and the kernel's autogroup scheduling gives one session's processes together one share of
        # it, however many there are: under load, wall times say little about using both cores.)
        (analyze_cpu, _), (import_cpu, worker_cpu) = cpu[True], cpu[False]
        estimate = (analyze_cpu / max(max(worker_cpu), (import_cpu + sum(worker_cpu)) / 2) if worker_cpu
                    else float("nan"))
        estimates.append(estimate)
        print(f"  run {run + 1}: analyze --json {baseline[-1]:.1f} s, library import {imports[-1]:.1f} s "
              f"(x{baseline[-1] / imports[-1]:.2f}); CPU: analyze {analyze_cpu:.1f} s, import parent "
              f"{import_cpu:.1f} s, workers {', '.join(f'{w:.1f}' for w in worker_cpu)} s (x{estimate:.2f} with a "
              f"core each) [load {os.getloadavg()[0]:.1f}]", flush=True)
    ratio = statistics.median(baseline) / statistics.median(imports)
    print(f"import: {len(files)} files, analyze --json median {statistics.median(baseline):.1f} s, library import "
          f"median {statistics.median(imports):.1f} s: {ratio:.2f}x faster (target >= 1.6); with a core per "
          f"process (CPU times) {statistics.median(estimates):.2f}x [load {os.getloadavg()[0]:.1f}]")
    return folder


def fill_library(folder: Path, size: int, scratch: Path) -> None:
    from viewer.core.library import Library
    from viewer.core.library.importing import import_sources

    web = scratch / "web"
    web.mkdir(exist_ok=True)
    for page in sorted(WEB.glob("*.html.gz")):
        (web / page.name[:-3]).write_bytes(gzip.decompress(page.read_bytes()))
    library = Library(folder)
    started = time.perf_counter()
    report = import_sources(library, [*map(str, bbc_files(None)), str(web)])
    print(f"filled: imported {report.stored} more articles ({report.already} already in, {len(report.failed)} "
          f"unreadable) in {report.seconds:.0f} s", flush=True)
    generate(library, size, random.Random(20))
    library.close()
    print(f"filled: {size} articles in {time.perf_counter() - started:.0f} s", flush=True)


def generate(library, size: int, chance: random.Random) -> None:
    """Stored articles, each with a paragraph of words from the others added, until the library has size."""
    import dataclasses

    from viewer.core.article import Block

    ids = [s.id for s in library.summaries(limit=10**6)]
    vocabulary = sorted({word for article_id in ids[:300] for word in library.entry(article_id).article.text.split()
                         if word.isalpha()})
    sites = ["bbc.co.uk", "reuters.com", "apnews.com", "theguardian.com", "ft.com", "dawn.com", "nikkei.com"]
    number = 0
    while library.count() < size:
        number += 1
        entry = library.entry(chance.choice(ids))
        if entry.analysis is None:
            continue
        words = " ".join(chance.choice(vocabulary) for _ in range(chance.randint(30, 90)))
        extra = f"Background {number}: {words}."
        text = entry.article.text + "\n\n" + extra
        start = len(entry.article.text) + 2
        day = f"20{chance.choice(('04', '05'))}-{chance.randint(1, 12):02}-{chance.randint(1, 28):02}"
        article = dataclasses.replace(entry.article, text=text, source=f"generated:{number}",
                                      title=f"{entry.article.title} ({number})", date=day,
                                      site=chance.choice(sites),
                                      blocks=(*entry.article.blocks, Block(start, len(text))))
        library.add_analysis(dataclasses.replace(entry.analysis, article=article))


def query_arguments(library, options: dict):
    from viewer.core.library import EntityQuery, Filters

    filters = None
    if "entity" in options:
        filters = Filters(entity=EntityQuery.of(options["entity"]))
    if "dates" in options:
        filters = Filters(date_from=options["dates"][0], date_to=options["dates"][1])
    return filters, options.get("prefix_last", False)


def measure_search(folder: Path) -> None:
    from viewer.core.library import Library

    library = Library(folder)
    print(f"library: {library.count()} articles, {library.size_bytes() / 1e6:.1f} MB")
    all_times = []
    for name, query, options in QUERIES:
        filters, prefix_last = query_arguments(library, options)
        times = []
        for _ in range(5):
            started = time.perf_counter()
            hits = library.search(query, filters, limit=50, prefix_last=prefix_last)
            total = library.search_count(query, filters, prefix_last=prefix_last)
            times.append(time.perf_counter() - started)
        all_times += times
        print(f"  search {name:<22} {query!r:<22} {total:>5} hits, first page {len(hits):>2}: "
              f"median {statistics.median(times) * 1000:6.1f} ms")
    print(f"search: median {statistics.median(all_times) * 1000:.1f} ms, slowest {max(all_times) * 1000:.1f} ms "
          f"over {len(all_times)} searches (target < 50 ms)")
    library.close()


def measure_window_search(folder: Path) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from viewer.core.library import Library
    from viewer.ui.library_models import ArticleListModel

    app = QApplication.instance() or QApplication([])
    library = Library(folder)
    model = ArticleListModel(library)
    times = []
    for _name, query, options in QUERIES:
        filters, prefix_last = query_arguments(library, options)
        for _ in range(5):
            started = time.perf_counter()
            model.set_query(query, filters, typing=prefix_last, wait=True)
            if model.rowCount():
                model.data(model.index(0, 0))
            times.append(time.perf_counter() - started)
            app.processEvents()
    print(f"window search: median {statistics.median(times) * 1000:.1f} ms, slowest {max(times) * 1000:.1f} ms "
          f"over {len(times)} searches, set_query to the first page in the model (target < 50 ms)")
    model.close()
    library.close()


OPEN = r"""
import sys, time
started = time.perf_counter()
from viewer.core.library import Library
library = Library(sys.argv[1])
opened = time.perf_counter()
article_id = library._connection().execute("SELECT id FROM articles ORDER BY length(text) DESC LIMIT 1").fetchone()[0]
chosen = time.perf_counter()
entry = library.entry(article_id)
done = time.perf_counter()
assert entry.analysis is not None and "spacy" not in sys.modules
print(f"{done - started - (chosen - opened):.4f} {done - chosen:.4f} {len(entry.article.text)} "
      f"{len(entry.analysis.mentions)}")
"""


def measure_open(folder: Path) -> None:
    results = []
    for _ in range(7):
        done = subprocess.run([sys.executable, "-c", OPEN, str(folder)], cwd=ROOT, capture_output=True, text=True,
                              check=True)
        results.append(done.stdout.split())
    whole = statistics.median(float(r[0]) for r in results)
    entry = statistics.median(float(r[1]) for r in results)
    print(f"open: the longest stored article ({results[0][2]} characters, {results[0][3]} mentions): "
          f"Library.entry median {entry * 1000:.1f} ms; with importing the library and opening its file "
          f"{whole * 1000:.1f} ms; spaCy not loaded (target < 0.3 s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--articles", type=int, default=400)
    parser.add_argument("--size", type=int, default=2000)
    parser.add_argument("--workers", type=int)
    parser.add_argument("--keep", type=Path, help="build the big library in this folder and keep it")
    parser.add_argument("--skip-import", action="store_true", help="only the big library's figures (reuses --keep)")
    parser.add_argument("--import-only", action="store_true", help="only the import speed")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="library-benchmark-") as temporary:
        scratch = Path(temporary)
        big = args.keep or scratch / "big"
        if not args.skip_import:
            print(f"machine: {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}", flush=True)
            imported = measure_import(bbc_files(args.articles), args.runs, scratch, args.workers)
            if args.import_only:
                return
            shutil.rmtree(big, ignore_errors=True)
            shutil.copytree(imported, big)
        if not (big / "library.sqlite3").exists() or not args.skip_import:
            fill_library(big, args.size, scratch)
        measure_search(big)
        measure_window_search(big)
        measure_open(big)
        from viewer.core.library import Library

        with Library(big) as library:
            library._connection().execute("PRAGMA wal_checkpoint(TRUNCATE)")
            print(f"size: {library.count()} articles in {library.size_bytes() / 1e6:.1f} MB (target < 100 MB)")


if __name__ == "__main__":
    main()
