#!/usr/bin/env python3
"""When does a second analysis process pay? The thresholds of viewer/core/pool.py, measured.

    python benchmarks/split_threshold.py [--rounds 3] [--sizes 2000,5000,10000,20000,40000]

For articles of each size (words; benchmarks/longtext.py), the time from
submitting the article to a pool until its analysis comes back:

- one: one worker, its model loaded beforehand;
- two warm: two workers, both models loaded beforehand, the article split in
  chunks (SPLIT_CHARS lowered to 1): what SPLIT_CHARS decides;
- two cold: one worker loaded, the second started when the article arrives
  (GROW_CHARS lowered to 0) and taking chunks once its model has loaded: what
  GROW_CHARS decides.

Rounds are interleaved; medians are printed with the speed-up over "one".
The machine's other load makes the cold case pessimistic: the second model's
start then takes CPU from the first worker.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from longtext import write_long_article  # noqa: E402


def analysed_in(pool, article) -> float:
    done = threading.Event()
    failures = []
    started = time.perf_counter()
    pool.submit(article, on_done=lambda _analysis: done.set(), on_error=lambda error: (failures.append(error),
                                                                                        done.set()))
    done.wait()
    if failures:
        raise SystemExit(f"analysis failed: {failures[0]}")
    return time.perf_counter() - started


def ready(pool, count: int) -> None:
    pool.start(count)
    while sum(1 for worker in pool._workers if worker.state == "ready") < count:
        time.sleep(0.02)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--sizes", default="2000,5000,10000,20000,40000")
    args = parser.parse_args()
    from viewer.core import pool as pool_module
    from viewer.core.loaders import load

    sizes = [int(size) for size in args.sizes.split(",")]
    times: dict[tuple[int, str], list[float]] = {}
    with tempfile.TemporaryDirectory(prefix="split-threshold-") as temp:
        articles = {words: load(write_long_article(Path(temp), words)) for words in sizes}
        with pool_module.AnalysisPool(1) as one, pool_module.AnalysisPool(2, split_chars=1) as two:
            ready(one, 1)
            ready(two, 2)
            for index in range(args.rounds):
                for words, article in articles.items():
                    chars = len(article.text)
                    times.setdefault((words, "one"), []).append(analysed_in(one, article))
                    times.setdefault((words, "two warm"), []).append(analysed_in(two, article))
                    with pool_module.AnalysisPool(2, split_chars=1) as cold:
                        ready(cold, 1)
                        grow = pool_module.GROW_CHARS
                        pool_module.GROW_CHARS = 0
                        try:
                            times.setdefault((words, "two cold"), []).append(analysed_in(cold, article))
                        finally:
                            pool_module.GROW_CHARS = grow
                    print(f"round {index + 1}, {words:,} words ({chars:,} characters): "
                          + ", ".join(f"{mode} {times[(words, mode)][-1]:.2f} s"
                                      for mode in ("one", "two warm", "two cold")), flush=True)
    print()
    print("| words | characters | one worker | two, warm | speed-up | two, second cold | speed-up |")
    print("|---|---|---|---|---|---|---|")
    for words, article in articles.items():
        one, warm, cold = (statistics.median(times[(words, mode)]) for mode in ("one", "two warm", "two cold"))
        print(f"| {words:,} | {len(article.text):,} | {one:.2f} s | {warm:.2f} s | {one / warm:.2f} | "
              f"{cold:.2f} s | {one / cold:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
