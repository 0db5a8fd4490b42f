"""The library window, driven from the keyboard: search as you type, filters, opening, entity pages, paging."""
from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication

from viewer.core.library import EntityQuery
from viewer.ui.library_models import (ArticleListModel, CoEntityModel, EntityArticlesModel, EntityMentionsModel,
                                      SnippetRole)
from viewer.ui.library_window import LibraryWindow

ENTER = Qt.Key.Key_Return


@pytest.fixture
def library_window(qtbot, filled_library):
    window = LibraryWindow(filled_library)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: not window.model.pending)
    yield window
    window.close()


def settle(qtbot, window) -> None:
    """Let the typing pause pass and the query's answer come back from the worker thread."""
    qtbot.wait(window._typing_timer.interval() + 10)
    qtbot.waitUntil(lambda: not window._typing_timer.isActive() and not window.model.pending, timeout=10_000)


def titles(window) -> list[str]:
    return [window.model.summary(row).title for row in range(window.model.rowCount())]


def focused() -> str:
    widget = QApplication.focusWidget()
    return widget.objectName() if widget is not None else ""


def test_the_models_pass_qt_model_checks(qtbot, qtmodeltester, filled_library):
    model = ArticleListModel(filled_library)
    model.set_query("", wait=True)
    qtmodeltester.check(model)
    model.set_query("Merkel", wait=True)
    qtmodeltester.check(model)
    assert model.rowCount() == 2 and model.data(model.index(0, 0), SnippetRole) is not None
    model.close()
    query = EntityQuery.of("Merkel")
    for entity_model in (EntityArticlesModel(), EntityMentionsModel()):
        entity_model.show(filled_library, query)
        qtmodeltester.check(entity_model)
        assert entity_model.rowCount() > 0
    co = CoEntityModel()
    co.load(filled_library, query)
    co.wait()
    qtbot.waitUntil(lambda: not co.pending)
    qtmodeltester.check(co)
    assert co.rowCount() > 0
    co.close()


def test_every_article_is_listed_with_its_site_date_and_names(library_window, filled_library, corpus_analyses):
    model = library_window.model
    assert model.rowCount() == len(corpus_analyses) and library_window.status.text().startswith("6 articles")
    rows = {model.data(model.index(r, 0)): [model.data(model.index(r, c)) for c in range(1, 4)]
            for r in range(model.rowCount())}
    for analysis in corpus_analyses:
        summary = filled_library.summary(filled_library.find(analysis.article))
        assert rows[analysis.title] == [analysis.article.site, analysis.article.date, str(summary.entity_count)]


def test_typing_searches_and_enter_opens_the_stored_analysis(qtbot, library_window, corpus_analyses):
    opened = []
    library_window.open_requested.connect(opened.append)
    library_window.activateWindow()
    qtbot.keyClick(library_window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert focused() == "librarySearch"
    qtbot.keyClicks(library_window.search, "Merk")  # a prefix while typing
    settle(qtbot, library_window)
    assert sorted(titles(library_window)) == ["Merkel and Macron meet in Toulouse",
                                              "Merkel hosts Libya conference in Berlin"]
    assert "2 articles match “Merk”" in library_window.status.text()
    qtbot.keyClicks(library_window.search, "el Berlin")
    settle(qtbot, library_window)
    assert titles(library_window) == ["Merkel hosts Libya conference in Berlin"]
    qtbot.keyClick(library_window.search, Qt.Key.Key_Down)
    assert focused() == "libraryTable" and library_window.table.currentIndex().row() == 0
    assert library_window.table.selectionModel().isRowSelected(0)
    qtbot.keyClick(library_window.table, ENTER)
    [entry] = opened
    expected = next(a for a in corpus_analyses if a.title == "Merkel hosts Libya conference in Berlin")
    assert entry.analysis.to_dict() == expected.to_dict() and entry.article == expected.article
    assert library_window.library.summary(entry.id).last_read is not None


def test_enter_in_the_search_field_opens_the_best_match(qtbot, library_window):
    opened = []
    library_window.open_requested.connect(opened.append)
    library_window.search.setFocus()
    qtbot.keyClicks(library_window.search, "Toyota")
    qtbot.keyClick(library_window.search, ENTER)
    assert [entry.article.title for entry in opened] == ["Toyota raises its profit forecast"]


def test_escape_clears_the_search_and_up_goes_back_to_it(qtbot, library_window, corpus_analyses):
    library_window.search.setFocus()
    qtbot.keyClicks(library_window.search, "Dhaka")
    settle(qtbot, library_window)
    assert 0 < library_window.model.rowCount() < len(corpus_analyses)
    qtbot.keyClick(library_window.search, Qt.Key.Key_Down)
    qtbot.keyClick(library_window.table, Qt.Key.Key_Up)
    assert focused() == "librarySearch"
    qtbot.keyClick(library_window.search, Qt.Key.Key_Escape)
    settle(qtbot, library_window)
    assert library_window.search.text() == "" and library_window.model.rowCount() == len(corpus_analyses)


@pytest.mark.parametrize("query", ['"unbalanced', "(((", "AND", "a:b", "-", "*", "Merkel)"])
def test_any_text_typed_is_searched_without_an_error(qtbot, library_window, query):
    library_window.search.setFocus()
    qtbot.keyClicks(library_window.search, query)
    settle(qtbot, library_window)
    assert "match" in library_window.status.text() or "No article" in library_window.status.text()


def test_filters_by_site_and_dates_from_the_keyboard(qtbot, library_window):
    window = library_window
    qtbot.keyClick(window, Qt.Key.Key_I, Qt.KeyboardModifier.AltModifier)  # S&ite
    assert focused() == "librarySite"
    index = window.site.findData("reuters.com")
    while window.site.currentIndex() != index:
        qtbot.keyClick(window.site, Qt.Key.Key_Down)
    settle(qtbot, window)
    assert {window.model.summary(r).site for r in range(window.model.rowCount())} == {"reuters.com"}
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)  # &From
    assert focused() == "libraryFrom"
    window.date_from.setDate(QDate(2020, 1, 1))
    qtbot.keyClick(window.date_from, ENTER)  # Enter (or leaving the field) applies it
    settle(qtbot, window)
    assert titles(window) == ["Merkel hosts Libya conference in Berlin"]
    assert window.status.text() == "1 article match the filters"


def test_the_entity_filter_and_its_page(qtbot, library_window, filled_library):
    window = library_window
    opened = []
    window.open_requested.connect(opened.append)
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert focused() == "libraryEntity"
    qtbot.keyClicks(window.entity_field, "merk")
    popup = window.entity_completer.popup()
    assert popup.isVisible() and window.entity_names.stringList()[0] == "Merkel"  # names completed as typed
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, ENTER)  # choosing a name applies it
    assert not popup.isVisible() and window.entity_field.text() == "Merkel"
    # The offscreen platform does not give the activation back to the window when a popup closes.
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    settle(qtbot, window)
    assert sorted(titles(window)) == ["Merkel and Macron meet in Toulouse", "Merkel hosts Libya conference in Berlin"]
    window.entity_field.setText("merkel")
    qtbot.keyClick(window.entity_field, ENTER)  # Enter in the field applies what it says
    settle(qtbot, window)
    assert len(titles(window)) == 2

    qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)  # Entity &Page
    qtbot.waitUntil(lambda: window.pages.currentIndex() == 1)  # a button's mnemonic clicks it a moment later
    assert window.entity_title.text() == "merkel"
    assert "named in 2 articles" in window.entity_summary.text() and "Angela Merkel (2)" in window.entity_summary.text()
    assert window.entity_articles_model.rowCount() == 2 and focused() == "entityArticles"
    mentions = filled_library.entity_mentions(EntityQuery.of("merkel"))
    assert window.entity_mentions_model.rowCount() == len(mentions) == 6
    assert [month for month, count in window.timeline.months if count] == ["2019-10", "2020-01"]
    assert len(window.timeline.months) == 4  # the months between count too

    # Enter on an article opens it; on a mention, opens it at the mention.
    qtbot.keyClick(window.entity_articles, ENTER)
    assert opened[-1].article.title == window.entity_articles_model.item(0).summary.title
    qtbot.keyClick(window, Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)  # &Mentions
    assert focused() == "entityMentions"
    qtbot.keyClick(window.entity_mentions, Qt.Key.Key_Down)
    qtbot.keyClick(window.entity_mentions, ENTER)
    mention = window.entity_mentions_model.item(window.entity_mentions.currentIndex().row())
    assert opened[-1].id == mention.article and opened[-1].position == mention.start
    assert opened[-1].article.text[mention.start:mention.end] in ("Merkel", "Angela Merkel")

    # Another entity's page from "Mentioned with", then back, then back to the list.
    qtbot.waitUntil(lambda: not window.co_entities_model.pending)
    assert window.co_entities_model.rowCount() > 0
    qtbot.keyClick(window, Qt.Key.Key_W, Qt.KeyboardModifier.AltModifier)
    assert focused() == "coEntities"
    qtbot.keyClick(window.co_entities, Qt.Key.Key_Down)
    other = window.co_entities_model.item(window.co_entities.currentIndex().row())
    qtbot.keyClick(window.co_entities, ENTER)
    assert window.entity_title.text() == other.name and window.entity.group == other.group
    qtbot.keyClick(window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.entity_title.text() == "merkel"
    qtbot.keyClick(window.entity_articles, Qt.Key.Key_Escape)
    assert window.pages.currentIndex() == 0


def test_the_page_of_an_entity_from_an_article_sidebar(library_window, corpus_analyses):
    """What the main window does for an entity of the article shown: its canonical name and its aliases."""
    analysis = corpus_analyses[0]
    # The agency is named in full with "(JICA)" after it: one entity, "JICA" among its aliases.
    entity = next(e for e in analysis.entities if any(m.entity == e.id and m.text == "JICA" for m in analysis.mentions))
    assert entity.name == "Japan International Cooperation Agency"
    aliases = tuple(sorted({m.text for m in analysis.mentions if m.entity == entity.id}))
    shown = []
    library_window.entity_shown.connect(shown.append)
    library_window.show_entity(EntityQuery((entity.name, *aliases), entity.group))
    assert shown and library_window.entity_articles_model.rowCount() >= 1
    assert library_window.entity_type.currentData() == entity.group


def test_an_unknown_entity_and_a_removed_article_are_said_not_raised(qtbot, library_window, filled_library):
    library_window.show_entity(EntityQuery.of("Nobody Atall"))
    assert library_window.entity_summary.text() == "No article in the library names “Nobody Atall”."
    assert library_window.entity_articles_model.rowCount() == 0
    library_window.show_list()
    article_id = library_window.model.summary(0).id
    filled_library.remove(article_id)
    library_window.table.setFocus()
    qtbot.keyClick(library_window.table, ENTER)
    assert library_window.status.text() == f"There is no article {article_id} in the library."


@pytest.fixture
def big_library(library, corpus_analyses):
    """250 articles made from the corpus, each with a line of its own (no model needed)."""
    for number in range(250):
        analysis = corpus_analyses[number % len(corpus_analyses)]
        article = dataclasses.replace(analysis.article, text=analysis.text + f"\n\nCopy {number}.",
                                      source=f"generated-{number}")
        library.add_analysis(dataclasses.replace(analysis, article=article))
    return library


def test_the_list_is_fetched_a_page_at_a_time_as_it_scrolls(qtbot, big_library):
    window = LibraryWindow(big_library)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: not window.model.pending)
    model = window.model
    # A page of 50 (the view may ask for one more while it lays the first out), not all 250.
    assert model.total == 250 and model.rowCount() in (50, 100) and model.canFetchMore()
    window.table.setFocus()
    for _ in range(3):
        qtbot.keyClick(window.table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
        qtbot.wait(20)
    qtbot.waitUntil(lambda: model.rowCount() == 250)
    assert not model.canFetchMore()
    assert len({model.summary(row).id for row in range(250)}) == 250
    # A search is paged the same way.
    window.search.setFocus()
    qtbot.keyClicks(window.search, "Copy")
    settle(qtbot, window)
    # A page of 50 (the view may ask for one more while it lays the first out), not all 250.
    assert model.total == 250 and model.rowCount() in (50, 100)
    window.close()


def test_an_old_answer_never_replaces_a_newer_one(qtbot, big_library):
    model = ArticleListModel(big_library)
    finished = []
    model.query_finished.connect(lambda: finished.append(model.text))
    for text in ("Copy", "Tokyo", "Dhaka", "Merkel Toulouse"):
        model.set_query(text)
    qtbot.waitUntil(lambda: finished == ["Merkel Toulouse"], timeout=10_000)
    assert {model.summary(row).title for row in range(model.rowCount())} == {"Merkel and Macron meet in Toulouse"}
    model.close()
