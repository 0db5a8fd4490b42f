#!/usr/bin/env python3
"""Entity throughput end to end against plain spaCy: the same model, the same files, one run.

  python benchmarks/ner_throughput.py [--runs 5] [FILE_OR_FOLDER ...]

"plain" is what ../shared/eval/baseline.py does: spacy.load(model) with its
whole pipeline and nlp(text) per file. "viewer" is the app's path: load the
file, repair case, run the trimmed pipeline paragraph by paragraph, resolve
entities, rank key points. Model loading is left out of both. Each side runs
--runs times, interleaved so machine load hits both alike; the medians in words
per second and their ratio (viewer / plain; the issue asks for >= 0.8) are printed.

Default files: the BBC business articles in ../shared/eval/data if present, else data/.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT = ROOT.parent / "shared" / "eval" / "data" / "bbc" / "News Articles" / "business"


def files_from(arguments: list[str]) -> list[Path]:
    paths = [Path(a) for a in arguments] or [DEFAULT if DEFAULT.is_dir() else ROOT / "data"]
    out: list[Path] = []
    for path in paths:
        out.extend(sorted(path.glob("*.txt")) if path.is_dir() else [path])
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="*")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--limit", type=int, default=80, help="use only the first N files (0: all)")
    args = parser.parse_args()

    import spacy

    from viewer.core.loaders import load
    from viewer.core.language_model import available_models, load_model
    from viewer.core.pipeline import analyze

    files = files_from(args.paths)
    if args.limit:
        files = files[: args.limit]
    texts = [f.read_text(encoding="utf-8", errors="replace") for f in files]
    words = sum(len(t.split()) for t in texts)
    nlp = load_model()
    location = available_models()[0].location
    plain = spacy.load(location)

    def run_plain() -> float:
        started = time.perf_counter()
        for path in files:
            plain(path.read_text(encoding="utf-8", errors="replace"))
        return time.perf_counter() - started

    def run_viewer() -> float:
        started = time.perf_counter()
        for path in files:
            analyze(load(path), nlp)
        return time.perf_counter() - started

    run_plain(), run_viewer()  # warm caches on both sides
    plain_times, viewer_times = [], []
    for _ in range(args.runs):
        plain_times.append(run_plain())
        viewer_times.append(run_viewer())
    plain_wps = words / statistics.median(plain_times)
    viewer_wps = words / statistics.median(viewer_times)
    print(f"{len(files)} files, {words} words, model {location}, median of {args.runs} runs")
    print(f"plain spaCy nlp(text), full pipeline: {plain_wps:8.0f} words/s")
    print(f"viewer analyze() end to end:          {viewer_wps:8.0f} words/s")
    print(f"ratio viewer / plain: {viewer_wps / plain_wps:.2f}")


if __name__ == "__main__":
    main()
