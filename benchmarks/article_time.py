#!/usr/bin/env python3
"""How long one typical article (about 800 words) takes to analyse once the model is loaded.

  python benchmarks/article_time.py [--runs 5] [FILE_OR_FOLDER ...]

The model (with the entity steps' gazetteers) is loaded and one article analysed
first, untimed. Then every article of 500 to 1,200 words is analysed --runs times,
end to end as the app does it (load the file, analyze()), interleaved; the line
printed last is the median time per article scaled to 800 words, and the median
of the articles' own times (the issue asks for under 0.5 s).

Default files: the modern news articles in ../shared/eval/data/news if present, else data/.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT = ROOT.parent / "shared" / "eval" / "data" / "news"


def files_from(arguments: list[str]) -> list[Path]:
    paths = [Path(a) for a in arguments] or [DEFAULT if DEFAULT.is_dir() else ROOT / "data"]
    out: list[Path] = []
    for path in paths:
        out.extend(sorted(p for p in path.glob("*.txt") if p.name != "GUIDE.md") if path.is_dir() else [path])
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="*")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    from viewer.core.language_model import load_model, model_label
    from viewer.core.loaders import load
    from viewer.core.pipeline import analyze

    files = files_from(args.paths)
    articles = [(path, len(load(path).text.split())) for path in files]
    chosen = [(path, words) for path, words in articles if 500 <= words <= 1200] or articles
    nlp = load_model()
    analyze(load(chosen[0][0]), nlp)  # warm: first-call caches of spaCy and the entity steps
    times: dict[Path, list[float]] = {path: [] for path, _ in chosen}
    for _ in range(args.runs):
        for path, _words in chosen:
            started = time.perf_counter()
            analyze(load(path), nlp)
            times[path].append(time.perf_counter() - started)
    per_article = [statistics.median(times[path]) for path, _ in chosen]
    per_800 = [statistics.median(times[path]) * 800 / words for path, words in chosen]
    print(f"{len(chosen)} articles of {min(w for _, w in chosen)}-{max(w for _, w in chosen)} words, "
          f"model {model_label(nlp)}, median of {args.runs} runs each")
    print(f"median per article: {statistics.median(per_article):.3f} s; "
          f"slowest: {max(per_article):.3f} s")
    print(f"article time scaled to 800 words: median {statistics.median(per_800):.3f} s")


if __name__ == "__main__":
    main()
