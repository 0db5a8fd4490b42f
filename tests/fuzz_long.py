"""The long fuzz run, by hand: many thousands of generated files per loader, counting every outcome.

    python tests/fuzz_long.py [--per-kind 10000] [--analyse-every 4] [--seed 1]

It draws files from the same strategies as tests/core/test_properties.py (text
in many encodings and raw bytes, HTML, Markdown, mangled PDFs, unknown kinds),
writes each to disk, loads it, checks the article's invariants and, for every
Nth article, runs the real analysis and checks its invariants too. Unlike the
CI tests it does not stop at the first failure: it counts, per kind, inputs
tried, loaded, refused with one sentence, crashes (any other exception or a
broken invariant), hangs (over HANG_SECONDS, stopped by SIGALRM) and files
modified (bytes or mtime changed), and prints one summary table. The exit
status is 1 if any crash, hang or modification was seen.

Run once by hand (seed 1, --analyse-every 20, 566 s on the shared 2-core machine):
10,000 inputs each for html, markdown, pdf, text and other (unknown or misnamed
files), 50,000 in all; 23,990 loaded, 26,010 refused with one sentence, 1,197
analysed; crashes 0, hangs 0, files modified 0; slowest single load 3.5 s (HTML).
Most generated HTML is refused as having no article (9,781 of 10,000): the
strategy exercises the parsers' failure paths far more than extraction.
"""
from __future__ import annotations

import argparse
import os
import signal
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hypothesis import HealthCheck, Phase, given, seed, settings  # noqa: E402

from tests.core.strategies import FILE_KINDS  # noqa: E402
from tests.core.test_properties import check_analysis, check_article  # noqa: E402
from viewer.core.errors import ArticleError  # noqa: E402
from viewer.core.loaders import load  # noqa: E402

HANG_SECONDS = 10
STAMP = 1_000_000_000_000_000_000  # a modification time no load could produce by accident


class Hang(Exception):
    pass


def _alarm(_signum, _frame):
    raise Hang()


def fuzz_kind(kind: str, count: int, analyse_every: int, nlp, folder: Path, run_seed: int) -> Counter:
    counts: Counter = Counter()
    failures: list[str] = []

    @seed(run_seed)
    @settings(max_examples=count, database=None, deadline=None, derandomize=False, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(item=FILE_KINDS[kind])
    def one(item) -> None:
        suffix, content = item
        path = folder / f"fuzz-{kind}{suffix}"
        path.write_bytes(content)
        os.utime(path, ns=(STAMP, STAMP))
        counts["tried"] += 1
        started = time.monotonic()
        signal.alarm(HANG_SECONDS)
        try:
            try:
                article = load(path)
            except ArticleError as error:
                message = str(error)
                if not message.strip() or "\n" in message:
                    raise AssertionError(f"not one sentence: {message!r}") from None
                counts["refused"] += 1
            else:
                check_article(article)
                counts["loaded"] += 1
                if analyse_every and counts["loaded"] % analyse_every == 0:
                    from viewer.core.pipeline import analyze

                    try:
                        check_analysis(analyze(article, nlp), article)
                        counts["analysed"] += 1
                    except ArticleError:
                        counts["analysis refused"] += 1
        except Hang:
            counts["hangs"] += 1
            failures.append(f"hang over {HANG_SECONDS} s: {content[:200]!r}")
        except Exception:
            counts["crashes"] += 1
            failures.append(f"{traceback.format_exc(limit=3)}\ninput: {suffix} {content[:300]!r}")
        finally:
            signal.alarm(0)
            counts["slowest_ms"] = max(counts["slowest_ms"], int((time.monotonic() - started) * 1000))
        if path.read_bytes() != content or path.stat().st_mtime_ns != STAMP:
            counts["modified"] += 1
            failures.append(f"modified: {path}")

    one()
    for failure in failures[:5]:
        print(f"--- {kind}: {failure}", file=sys.stderr)
    return counts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--per-kind", type=int, default=10_000, help="inputs per loader kind (default 10,000)")
    parser.add_argument("--analyse-every", type=int, default=4,
                        help="run the full analysis on every Nth loaded article (0: never)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--kinds", nargs="*", default=sorted(FILE_KINDS))
    args = parser.parse_args()
    signal.signal(signal.SIGALRM, _alarm)
    nlp = None
    if args.analyse_every:
        from viewer.core.language_model import load_model

        nlp = load_model()
    columns = ["tried", "loaded", "refused", "analysed", "crashes", "hangs", "modified", "slowest_ms"]
    print(f"{'kind':10}" + "".join(f"{c:>12}" for c in columns), flush=True)
    totals: Counter = Counter()
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="article-viewer-fuzz-") as folder:
        for kind in args.kinds:
            counts = fuzz_kind(kind, args.per_kind, args.analyse_every, nlp, Path(folder), args.seed)
            print(f"{kind:10}" + "".join(f"{counts[c]:>12}" for c in columns), flush=True)
            for column in columns:
                totals[column] = max(totals[column], counts[column]) if column == "slowest_ms" \
                    else totals[column] + counts[column]
    print(f"{'total':10}" + "".join(f"{totals[c]:>12}" for c in columns))
    print(f"{time.monotonic() - started:.0f} s; hang bound {HANG_SECONDS} s; seed {args.seed}")
    return 1 if totals["crashes"] or totals["hangs"] or totals["modified"] else 0


if __name__ == "__main__":
    sys.exit(main())
