"""Tables in columns: what lining a table's cells up costs the GUI thread, against the same text left as lines.

For each size, a Markdown article with one table of that many rows (five
columns) is shown in a ReadingPane (show_text, then show_structure, which lays
the table out in columns), and again with the tables left as lines (the pane
told the text has none). Prints the median milliseconds of show_structure and
of a zoom step (which measures and lays the tables out again) over the runs,
and the difference: the time the columns add.

    python benchmarks/tables.py [--runs 5] [--rows 50 250 1000]
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from viewer.ui.qt_import import import_pyside  # noqa: E402

import_pyside()
from PySide6.QtWidgets import QApplication  # noqa: E402

from viewer.core.article import BlockKind  # noqa: E402
from viewer.core.loaders import load  # noqa: E402
from viewer.ui import reading_pane  # noqa: E402
from viewer.ui.tables import MAX_ROWS  # noqa: E402


def article_with_table(rows: int, folder: Path):
    lines = ["# Standings", "", "The table below gives every player's points after the last round.", "",
             "| Rank | Player | Club | Points | Wins |", "|---|---|---|---|---|"]
    lines += [f"| {i + 1} | Player number {i + 1} | Harbour Club {i % 20} | {5000 - 7 * i} | {i % 9} |"
              for i in range(rows)]
    lines += ["", "The next round is on Saturday."]
    path = folder / f"table{rows}.md"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return load(path)


def one_run(app: QApplication, article, columns: bool) -> tuple[float, float]:
    """Milliseconds of show_structure and of one zoom step, with the table in columns or as lines."""
    finder = reading_pane.article_tables
    if not columns:
        reading_pane.article_tables = lambda blocks: []
    try:
        pane = reading_pane.ReadingPane()
        pane.resize(1000, 800)
        pane.show()
        app.processEvents()
        pane.show_text(article.text)
        started = time.perf_counter()
        pane.show_structure(article.blocks)
        structure = time.perf_counter() - started
        started = time.perf_counter()
        pane.set_zoom(2)
        zoom = time.perf_counter() - started
        if columns:  # the heading row and the rows, up to MAX_ROWS, in columns; a longer table as lines
            rows = sum(block.kind == BlockKind.TABLE_ROW for block in article.blocks)
            assert pane.aligned_tables() == (1 if rows <= MAX_ROWS else 0)
        pane.close()
        pane.deleteLater()
        app.processEvents()
    finally:
        reading_pane.article_tables = finder
    return structure * 1000, zoom * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--rows", type=int, nargs="+", default=[50, 250, 1000])
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(["tables-benchmark"])
    with tempfile.TemporaryDirectory(prefix="tables-bench-") as folder:
        for rows in args.rows:
            article = article_with_table(rows, Path(folder))
            one_run(app, article, True)  # warm: the module, the fonts
            timed = {True: [], False: []}
            for _ in range(args.runs):
                for columns in (True, False):
                    timed[columns].append(one_run(app, article, columns))
            (layout, zoom), (plain_layout, plain_zoom) = (
                [statistics.median(t[i] for t in timed[columns]) for i in (0, 1)] for columns in (True, False))
            print(f"{rows} rows: show_structure {layout:.1f} ms in columns, {plain_layout:.1f} ms as lines "
                  f"(+{layout - plain_layout:.1f}); zoom step {zoom:.1f} ms against {plain_zoom:.1f} ms "
                  f"(+{zoom - plain_zoom:.1f})", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
