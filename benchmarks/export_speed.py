"""How long each export format takes, for the sample and a long article.

    QT_QPA_PLATFORM=offscreen python benchmarks/export_speed.py [WORDS]

Analyses the sample and a generated article of WORDS words (default 20,000)
once, then times each export several times and prints the medians. The
baseline is the JSON export (json.dumps of the analysis), measured in the same
run, so the ratios say what the HTML, Markdown and PDF layouts add.
"""
from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.longtext import write_long_article  # noqa: E402


def median_seconds(function, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    words = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    from PySide6.QtWidgets import QApplication

    from viewer.core.export import to_html, to_json, to_markdown
    from viewer.core.groups import default_hidden_groups
    from viewer.core.loaders import load
    from viewer.core.language_model import load_model
    from viewer.core.pipeline import analyze
    from viewer.paths import default_article
    from viewer.ui.exporting import pdf_bytes

    app = QApplication.instance() or QApplication([])  # QTextDocument needs fonts
    nlp = load_model()
    hidden = default_hidden_groups()
    with tempfile.TemporaryDirectory() as folder:
        articles = [("sample", default_article()), (f"{words:,} words", write_long_article(Path(folder), words))]
        print(f"{'article':>14} {'format':>8} {'median ms':>10} {'x json':>7} {'size':>10}")
        for name, path in articles:
            analysis = analyze(load(path), nlp)
            repeats = 7 if name == "sample" else 3
            results = {
                "json": (lambda analysis=analysis: to_json(analysis)),
                "md": (lambda analysis=analysis: to_markdown(analysis, hidden)),
                "html": (lambda analysis=analysis: to_html(analysis, hidden)),
                "pdf": (lambda analysis=analysis: pdf_bytes(analysis, hidden, page_size="A4")),
            }
            baseline = median_seconds(results["json"], repeats)
            for fmt, function in results.items():
                seconds = baseline if fmt == "json" else median_seconds(function, repeats)
                size = len(function())
                print(f"{name:>14} {fmt:>8} {seconds * 1000:10.1f} {seconds / baseline:7.1f} {size:10,}")
    del app


if __name__ == "__main__":
    main()
