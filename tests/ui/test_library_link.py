"""The library in the main window: articles stored as they are read, the library view opened by its key and
its articles shown from the library without the model, the entity page from the sidebar, the reading place kept
there, and the setting that turns it all off. Real SQLite files in each test's temporary folder."""
from __future__ import annotations

import subprocess
import sys
import textwrap

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from viewer.core.library import Library
from viewer.ui.library_link import library_source

TIMEOUT = 120_000
CTRL = Qt.KeyboardModifier.ControlModifier
ROOT = __import__("pathlib").Path(__file__).resolve().parents[2]


def open_and_wait(qtbot, window, source) -> None:
    with qtbot.waitSignal(window.analysis_shown, timeout=TIMEOUT):
        assert window.open_source(source)


def stored_analysis(qtbot, window):
    """The library's entry of the article shown, once its analysis is in."""
    link = window.library_link
    qtbot.waitUntil(lambda: link._shown is not None and link._shown.id is not None, timeout=10_000)
    library = link.library()
    article_id = link._shown.id
    qtbot.waitUntil(lambda: library.summary(article_id).analysed, timeout=10_000)
    return library.entry(article_id)


def focus(qtbot, widget) -> None:
    widget.activateWindow()
    widget.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget, timeout=3000)


def test_an_opened_article_goes_into_the_library_with_its_analysis(qtbot, window, sample_path, library_folder):
    assert not (library_folder / "library.sqlite3").exists()  # nothing before an article is shown
    open_and_wait(qtbot, window, sample_path)
    entry = stored_analysis(qtbot, window)
    assert window.library_link.library().path.parent == library_folder
    shown = window.session.result.analysis
    assert entry.article.text == window.article.text and entry.article.source == str(sample_path)
    assert entry.analysis.mentions == shown.mentions and entry.analysis.entities == shown.entities
    assert entry.last_read is not None
    open_and_wait(qtbot, window, sample_path)  # the same article again: still one
    qtbot.waitUntil(lambda: window.library_link._shown.id == entry.id)
    assert window.library_link.library().count() == 1


def test_with_the_setting_off_nothing_is_stored(qtbot, settings, library_folder, sample_path, tmp_path_factory):
    from viewer.core.cache import AnalysisCache
    from viewer.ui.analysis_service import AnalysisService
    from viewer.ui.main_window import MainWindow

    settings.set("library/keep", False)
    service = AnalysisService(cache=AnalysisCache(tmp_path_factory.mktemp("cache")))
    window = MainWindow(service, settings)
    qtbot.addWidget(window)
    window.show()
    try:
        open_and_wait(qtbot, window, sample_path)
        pane = window.reading_pane
        pane.select_span(*window.analysis.sentences[2])
        focus(qtbot, pane)
        qtbot.keyClick(pane, Qt.Key.Key_H)
        assert "library, which is turned off" in window.statusBar().currentMessage()
        assert "turned off" in window.highlights_panel.hint.text()
        # The place in the article is kept by the settings, as without a library.
        pane.scroll_to_offset(len(window.article.text) // 2)
        window.positions.keep()
        assert settings.get("reading/positions").get(str(sample_path), 0) > 0
    finally:
        window.close()
        service.shutdown()
    assert not (library_folder / "library.sqlite3").exists()


def test_the_settings_say_where_the_library_is_and_turn_it_off_and_on(qtbot, window, sample_path,
                                                                      library_folder):
    open_and_wait(qtbot, window, sample_path)
    stored_analysis(qtbot, window)
    window.actions_by_name["library_settings"].trigger()
    dialog = window.dialog("library_settings")
    assert str(library_folder / "library.sqlite3") in dialog.where.text()
    assert "1 article" in dialog.size.text() and ("KB" in dialog.size.text() or "MB" in dialog.size.text())
    assert dialog.keep.isChecked()
    qtbot.waitUntil(dialog.keep.hasFocus, timeout=3000)
    qtbot.keyClick(dialog.keep, Qt.Key.Key_Space)  # off
    assert not window.settings.get("library/keep") and window.positions.keeper is None
    other = library_folder.parent / "other.txt"
    other.write_text("Toyota opened a factory in Karachi last week.\n", encoding="utf-8")
    open_and_wait(qtbot, window, other)
    qtbot.keyClick(dialog.keep, Qt.Key.Key_Space)  # on again: the article shown goes in
    qtbot.waitUntil(lambda: window.library_link.library().count() == 2, timeout=10_000)
    dialog.close()


def test_the_library_view_opens_by_its_key_and_enter_shows_an_article_from_it_without_the_model(
        qtbot, filled_library, window, corpus_analyses):
    started = []
    window.service.started.connect(lambda: started.append(True))
    berlin = next(a for a in corpus_analyses if "Berlin" in a.title)
    article_id = filled_library.find(berlin.article)
    place = berlin.text.index("The United Nations")
    filled_library.set_position(article_id, place)

    focus(qtbot, window.reading_pane)
    qtbot.keyClick(window.reading_pane, Qt.Key.Key_B, CTRL)
    view = window.library_link.library_view()
    assert view is not None and view.isVisible()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view.search, timeout=3000)
    qtbot.keyClicks(view.search, "libya")
    with qtbot.waitSignal(window.analysis_shown, timeout=10_000):
        qtbot.keyClick(view.search, Qt.Key.Key_Return)  # the first (and only) match
    assert window.article.text == berlin.text
    assert window.analysis.mentions == berlin.mentions  # the stored analysis, as a cache hit shows one
    assert started == []  # the model was never asked
    assert window.session.history.sources[-1] == library_source(article_id)
    assert window.reading_pane.cursor_offset() == place  # where the reader was (all of it fits in view)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.reading_pane, timeout=3000)  # to read it
    assert window.highlights_panel.highlights() == []

    # Back to it after another article: again from the library, again without the model.
    toyota = next(a for a in corpus_analyses if "Toyota" in a.title)
    window.library_link.open_entry(filled_library.entry(filled_library.find(toyota.article)))
    qtbot.waitUntil(lambda: window.article.text == toyota.text)
    with qtbot.waitSignal(window.analysis_shown, timeout=10_000):
        window.actions_by_name["back"].trigger()
    assert window.article.text == berlin.text and started == []
    assert window.session.history.can_go(1)


def test_opening_from_the_library_needs_neither_the_model_nor_the_file(corpus_analyses, tmp_path):
    """In a process of its own: spaCy is never imported, and the article's file may be gone."""
    import dataclasses

    with Library(tmp_path / "library") as library:
        for analysis in corpus_analyses:  # stored from files that are no longer there
            gone = dataclasses.replace(analysis.article, source=str(tmp_path / "gone" / "article.txt"))
            library.add_analysis(dataclasses.replace(analysis, article=gone))
    script = textwrap.dedent(f"""
        import os, sys
        sys.path.insert(0, {str(ROOT)!r})
        from viewer.ui.qt_import import import_pyside
        import_pyside()
        from PySide6.QtCore import QSettings
        from PySide6.QtWidgets import QApplication
        app = QApplication([])
        from viewer.ui.main_window import MainWindow
        from viewer.ui.settings import Settings
        window = MainWindow(settings=Settings(QSettings({str(tmp_path / "s.ini")!r}, QSettings.Format.IniFormat)))
        window.show()
        view = window.library_link.show_library()
        view.model.wait()
        app.processEvents()
        shown = []
        window.analysis_shown.connect(shown.append)
        view.open_current(first_if_none=True)
        app.processEvents()
        print(len(shown), len(shown[0].entities) if shown else 0, "spacy" in sys.modules, "thinc" in sys.modules)
        window.close()
    """)
    env = dict(__import__("os").environ, QT_QPA_PLATFORM="offscreen", ARTICLE_VIEWER_LIBRARY=str(tmp_path / "library"))
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    count, entities, spacy, thinc = done.stdout.split()
    assert count == "1" and int(entities) > 0 and spacy == "False" and thinc == "False"


def test_the_entity_page_opens_from_the_sidebars_context_menu(qtbot, filled_library, window, corpus_files):
    merkel_file = next(path for path in corpus_files if path.name == "merkel-berlin.txt")
    open_and_wait(qtbot, window, merkel_file)
    panel = window.entity_panel
    merkel = next(e for e in window.analysis.entities if "Merkel" in e.name)
    panel.select_entity(merkel.id)
    action = window.actions_by_name["entity_page"]
    assert action in panel.context_menu().actions() and action.isEnabled()
    action.trigger()
    view = window.library_link.library_view()
    assert view.isVisible() and view.pages.currentIndex() == 1
    assert view.entity.names[0] == merkel.name and view.entity.group == merkel.group
    assert set(view.entity.names) >= {m.text for m in window.analysis.mentions_of(merkel.id)}
    # Every corpus article that names Merkel, whichever of its names it used.
    from viewer.ui.library_models import SummaryRole

    model = view.entity_articles_model
    titles = {model.index(row, 0).data(SummaryRole).title for row in range(model.rowCount())}
    assert any("Toulouse" in title for title in titles) and any("Libya" in title for title in titles)


def test_the_place_in_an_article_is_kept_in_the_library(qtbot, window, sample_path, tmp_path, settings):
    body = sample_path.read_text(encoding="utf-8").split("\n", 1)[1]
    long = tmp_path / "long.txt"
    long.write_text("A long story\n\n" + "\n\n".join([body] * 6), encoding="utf-8")
    open_and_wait(qtbot, window, long)
    entry = stored_analysis(qtbot, window)
    pane = window.reading_pane
    pane.scroll_to_offset(len(window.article.text) // 2)
    place = pane.top_offset()
    open_and_wait(qtbot, window, sample_path)
    library = window.library_link.library()
    qtbot.waitUntil(lambda: library.entry(entry.id).position == place, timeout=10_000)
    open_and_wait(qtbot, window, long)
    qtbot.waitUntil(lambda: pane.top_offset() == place, timeout=10_000)
    assert str(long) not in settings.get("reading/positions")  # one keeper: the library


def test_a_copy_whose_text_differs_in_form_shows_the_stored_text_its_highlights_belong_to(qtbot, window, tmp_path):
    first = tmp_path / "first.txt"
    first.write_text("Toyota opened its first factory in Karachi.\n\nThe plant will employ 2,000 people.\n",
                     encoding="utf-8")
    open_and_wait(qtbot, window, first)
    entry = stored_analysis(qtbot, window)
    start = entry.article.text.index("Karachi")
    window.library_link.add_highlight(start, start + len("Karachi"))
    qtbot.waitUntil(lambda: len(window.library_link.highlights()) == 1)
    # The same article (the library's identity evens out Unicode forms) with a ligature: one character less
    # before the highlight, so its offsets would be wrong in this copy's text.
    copy = tmp_path / "copy.txt"
    copy.write_text("Toyota opened its \ufb01rst factory in Karachi.\n\nThe plant will employ 2,000 people.\n",
                    encoding="utf-8")
    window.open_source(copy)
    qtbot.waitUntil(lambda: window.session.stored is not None and window.session.stored.id == entry.id,
                    timeout=10_000)
    assert window.article.text == entry.article.text
    highlight = window.library_link.highlights()[0]
    assert window.article.text[highlight.start:highlight.end] == highlight.quote == "Karachi"
    qtbot.waitUntil(lambda: window.reading_pane.marked_spans() == [(highlight.start, highlight.end)])


def test_an_article_is_stored_once_shown_and_a_highlight_made_at_once_still_finds_it(qtbot, window, tmp_path):
    """The article waits a moment after it is shown before it is stored (the window lays it out first), yet a
    highlight made at once, or another article opened at once, stores it first: nothing is lost."""
    first, second = tmp_path / "first.txt", tmp_path / "second.txt"
    first.write_text("Harbour news\n\nThe ferry to the island was late again on Monday morning.\n", encoding="utf-8")
    second.write_text("Council news\n\nThe council met on Tuesday to talk about the new bridge.\n", encoding="utf-8")
    link = window.library_link
    with qtbot.waitSignal(window.session.article_shown, timeout=TIMEOUT):
        assert window.open_source(first)
    assert link._article_store.waiting is link._shown and link._shown.id is None  # not stored yet: the window first
    assert link.add_highlight(4, 20, "late again")
    shown_first = link._shown
    with qtbot.waitSignal(window.session.article_shown, timeout=TIMEOUT):
        assert window.open_source(second)
    qtbot.waitUntil(lambda: shown_first.id is not None and link._shown.id is not None, timeout=10_000)
    library = link.library()
    qtbot.waitUntil(lambda: len(library.highlights(shown_first.id)) == 1, timeout=10_000)
    assert library.highlights(shown_first.id)[0].note == "late again"
    assert {library.entry(shown_first.id).article.source, library.entry(link._shown.id).article.source} == {
        str(first), str(second)}
