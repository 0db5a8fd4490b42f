"""Long articles in the window: sliced highlighting, progressive results, cancelling, the cache."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QColor

from viewer.core import pool
from viewer.core.analysis import Mention
from viewer.core.cache import AnalysisCache
from viewer.core.groups import group_of
from viewer.core.loaders import load
from viewer.ui.reading_pane import ReadingPane

ROOT = Path(__file__).resolve().parents[2]


def long_text(sample_path, copies: int) -> str:
    """The sample's body repeated, each copy numbered so no two paragraphs are the same."""
    body = [p for p in load(sample_path).text.split("\n\n")[3:]]
    paragraphs = [f"Part {i}. {paragraph}" for i in range(copies) for paragraph in body]
    return "A long report\n\n" + "\n\n".join(paragraphs)


def capitalised_mentions(text: str) -> list[Mention]:
    """Stand-in mentions, no model needed: capitalised words, a type chosen by length."""
    labels = ("PERSON", "ORG", "GPE", "NORP", "DATE")
    return [Mention(m.start(), m.end(), labels[len(m.group()) % len(labels)], m.group(), 0)
            for m in re.finditer(r"\b[A-Z][a-z]+\b", text)]


def formats_in_document(pane: ReadingPane) -> set[tuple[int, int, str]]:
    """(start, end, background colour) of every highlight actually set on the document's blocks."""
    found = set()
    block = pane.document().firstBlock()
    while block.isValid():
        for format_range in block.layout().formats():
            start = block.position() + format_range.start
            found.add((start, start + format_range.length, format_range.format.background().color().name()))
        block = block.next()
    return found


def expected(mentions, hidden=frozenset()) -> set[tuple[int, int, str]]:
    return {(m.start, m.end, QColor(group_of(m.label).light).name()) for m in mentions
            if group_of(m.label).name not in hidden}


@pytest.fixture
def pane(qtbot):
    widget = ReadingPane()
    widget.resize(700, 500)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_highlights_are_applied_in_slices_and_all_arrive(qtbot, pane, sample_path):
    text = long_text(sample_path, 60)
    pane.show_text(text)
    mentions = capitalised_mentions(text)
    assert len(mentions) > 2500
    formatter = pane._highlighter
    pane.set_mentions(mentions)
    assert pane.highlights_pending() > 0 and formats_in_document(pane) == set()  # nothing done synchronously
    with qtbot.waitSignal(pane.highlights_done, timeout=30_000):
        pass
    assert formatter.slices >= 2  # spread over turns of the event loop
    assert formats_in_document(pane) == expected(mentions)
    assert pane.highlights_pending() == 0


def test_a_slice_that_has_run_starts_no_run_it_has_no_time_for(qtbot, pane, sample_path):
    """However the layout costs come out, one turn of the event loop lays out one run at most once a
    run costs more than a slice: input and painting get their turn between runs."""
    text = long_text(sample_path, 20)
    pane.show_text(text)
    mentions = capitalised_mentions(text)
    formatter = pane._highlighter
    formatter._walk_seconds = 1.0  # Qt's walk over the blocks after a run: far more than a slice
    formatter._learn = lambda *_: None  # and it stays so
    runs = []
    apply = formatter._apply
    formatter._apply = lambda run: (runs.append(run[0]), apply(run))
    pane.set_mentions(mentions)
    with qtbot.waitSignal(pane.highlights_done, timeout=60_000):
        pass
    assert len(runs) > 10
    assert formatter.slices >= len(runs)
    assert formats_in_document(pane) == expected(mentions)


def test_hiding_a_group_reformats_only_its_blocks(qtbot, pane, sample_path):
    text = long_text(sample_path, 5)
    pane.show_text(text)
    mentions = [m for m in capitalised_mentions(text) if m.label != "PERSON" or "Part" not in m.text]
    pane.set_mentions(mentions)
    with qtbot.waitSignal(pane.highlights_done, timeout=30_000):
        pass
    hidden = frozenset({group_of("ORG").name})
    pane.set_hidden_groups(hidden)
    with qtbot.waitSignal(pane.highlights_done, timeout=30_000):
        pass
    assert formats_in_document(pane) == expected(mentions, hidden)
    pane.set_hidden_groups(frozenset())
    with qtbot.waitSignal(pane.highlights_done, timeout=30_000):
        pass
    assert formats_in_document(pane) == expected(mentions)


def test_final_mentions_reformat_only_the_blocks_that_changed(qtbot, pane, sample_path):
    text = long_text(sample_path, 10)
    pane.show_text(text)
    mentions = capitalised_mentions(text)
    pane.add_provisional_mentions([(m.start, m.end, m.label) for m in mentions])
    with qtbot.waitSignal(pane.highlights_done, timeout=30_000):
        pass
    formatter = pane._highlighter
    before = formatter.blocks_formatted
    changed = mentions[:3] + [Mention(m.start, m.end, "MONEY", m.text, 0) for m in mentions[3:6]] + mentions[6:]
    pane.set_mentions(changed)
    with qtbot.waitSignal(pane.highlights_done, timeout=30_000):
        pass
    assert formats_in_document(pane) == expected(changed)
    assert 1 <= formatter.blocks_formatted - before <= 3


def test_a_new_text_drops_the_old_highlights(qtbot, pane, sample_path):
    text = long_text(sample_path, 3)
    pane.show_text(text)
    pane.set_mentions(capitalised_mentions(text))
    pane.show_text("Plain words only.\n\nNothing else.")
    qtbot.wait(50)
    assert formats_in_document(pane) == set() and pane.highlights_pending() == 0


@pytest.fixture
def report_every_batch(monkeypatch):
    """The worker processes report progress after every batch of paragraphs (the pool sends them this)."""
    monkeypatch.setattr(pool, "REPORT_SECONDS", 0.0)


def test_highlights_appear_while_the_analysis_runs(qtbot, window, sample_path, tmp_path, report_every_batch):
    path = tmp_path / "long.txt"
    path.write_text(long_text(sample_path, 4), encoding="utf-8")
    reports, provisional_at_finish = [], []
    window.service.progress.connect(lambda fraction, fresh: reports.append((fraction, len(fresh))))
    # What the pane was asked to highlight before the final result replaced it (applied in slices since).
    window.analysis_shown.connect(lambda _a: provisional_at_finish.append(
        sum(len(pieces) for pieces in window.reading_pane._highlighter._wanted.values())))
    with qtbot.waitSignal(window.analysis_shown, timeout=120_000):
        assert window.open_source(path)
        qtbot.waitUntil(window.progress.isVisible)  # once the cache has said it has nothing
    fractions = [fraction for fraction, _ in reports]
    assert len(reports) >= 3 and fractions == sorted(fractions) and fractions[-1] == pytest.approx(1.0)
    assert sum(count for _, count in reports) > 0
    assert provisional_at_finish[0] == sum(count for _, count in reports)  # every provisional span went to the pane
    assert not window.progress.isVisible()
    qtbot.waitUntil(lambda: window.reading_pane.highlights_pending() == 0, timeout=30_000)
    visible = {(m.start, m.end) for m in window.analysis.mentions
               if group_of(m.label).name not in window.entity_panel.model.hidden_groups()}
    assert {(s, e) for s, e, _ in window.reading_pane.highlighted_spans()} == visible


def test_opening_another_article_cancels_the_running_analysis(qtbot, window, sample_path, tmp_path,
                                                              report_every_batch):
    path = tmp_path / "long.txt"
    path.write_text(long_text(sample_path, 30), encoding="utf-8")
    shown = []
    window.analysis_shown.connect(lambda analysis: shown.append(analysis.source))
    with qtbot.waitSignal(window.service.progress, timeout=120_000):
        assert window.open_source(path)
    with qtbot.waitSignals([window.service.cancelled, window.analysis_shown], timeout=120_000):
        assert window.open_source(sample_path)
    qtbot.wait(200)
    assert shown == [str(sample_path)]
    assert window.analysis.text == load(sample_path).text


def test_reopening_an_analysed_article_uses_the_cache(qtbot, window, sample_path, tmp_path):
    other = tmp_path / "other.txt"
    other.write_text("Another article\n\nAngela Merkel visited Paris on Monday.", encoding="utf-8")
    with qtbot.waitSignal(window.analysis_shown, timeout=120_000):
        window.open_source(sample_path)
    first = window.analysis
    qtbot.waitUntil(lambda: len(window.service.cache.entries()) == 1, timeout=10_000)
    with qtbot.waitSignal(window.analysis_shown, timeout=120_000):
        window.open_source(other)
    started = []
    window.service.started.connect(lambda: started.append(True))
    with qtbot.waitSignal(window.analysis_shown, timeout=1_000):
        window.open_source(sample_path)
    assert not started  # the model was never asked
    assert (window.analysis.mentions, window.analysis.entities) == (first.mentions, first.entities)
    assert "from the cache" in window.statusBar().currentMessage()
    assert window.entity_panel.model.rowCount() > 0


def test_a_cache_hit_shows_entities_without_loading_the_model(sample_path, sample_analysis, tmp_path):
    cache = AnalysisCache(tmp_path / "cache")
    assert cache.put(sample_analysis)
    script = f"""
import sys
from PySide6.QtWidgets import QApplication
from PySide6.QtCore import QSettings
app = QApplication([])
from viewer.core import language_model as model
from viewer.core.cache import AnalysisCache
from viewer.ui.analysis_service import AnalysisService
from viewer.ui.main_window import MainWindow
from viewer.ui.settings import Settings
service = AnalysisService(cache=AnalysisCache({str(tmp_path / 'cache')!r}))
window = MainWindow(service, Settings(QSettings({str(tmp_path / 's.conf')!r}, QSettings.Format.IniFormat)))
window.analysis_shown.connect(lambda _analysis: app.quit())
window.open_source({str(sample_path)!r})
app.exec()
print(window.analysis is not None, window.entity_panel.model.rowCount() > 0, model.is_loaded(),
      "spacy" in sys.modules)
service.shutdown()
"""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr[-800:]
    assert done.stdout.split() == ["True", "True", "False", "False"]
