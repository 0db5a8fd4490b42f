"""The window with the real model: panes, analysis, and navigation from the panels."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from viewer.core.analysis import Entity


def test_window_shows_the_three_panes(analysed_window):
    window = analysed_window
    assert window.reading_pane.isVisible()
    assert window.entity_dock.isVisible() and window.key_point_dock.isVisible()
    assert window.header.title.text().startswith("Khusro Bakhtyar Invites")
    assert "2021-09-06" in window.header.meta.text() and "UrduPoint.com" in window.header.meta.text()
    assert window.reading_pane.toPlainText() == window.analysis.text


def test_analysis_fills_the_sidebar(analysed_window):
    model = analysed_window.entity_panel.model
    groups = model.group_names()
    assert "People" in groups and "Places" in groups
    total = sum(model.rowCount(model.index(row, 0)) for row in range(model.rowCount()))
    assert total == len([e for e in analysed_window.analysis.entities])
    assert analysed_window.key_point_panel.model().rowCount() == len(analysed_window.analysis.key_points)


def test_choosing_an_entity_selects_its_first_mention(qtbot, analysed_window):
    window = analysed_window
    panel = window.entity_panel
    index = panel.proxy.mapFromSource(panel.model.index_of_entity(
        next(e.id for e in window.analysis.entities if e.name == "Japan")))
    panel.tree.setCurrentIndex(index)
    cursor = window.reading_pane.textCursor()
    first = window.analysis.mentions_of(index.data(Qt.ItemDataRole.UserRole + 1).id)[0]
    assert (cursor.selectionStart(), cursor.selectionEnd()) == (first.start, first.end)
    assert cursor.selectedText() == "Japan"


def test_enter_steps_through_mentions(qtbot, analysed_window):
    window = analysed_window
    entity: Entity = max(window.analysis.entities, key=lambda e: e.count)
    window.entity_panel.select_entity(entity.id)
    window.entity_panel.tree.setFocus()
    qtbot.waitUntil(window.entity_panel.tree.hasFocus)
    starts = [m.start for m in window.analysis.mentions_of(entity.id)]
    assert window.reading_pane.textCursor().selectionStart() == starts[0]
    qtbot.keyClick(window.entity_panel.tree, Qt.Key.Key_Return)
    assert window.reading_pane.textCursor().selectionStart() == starts[1]
    qtbot.keyClick(window.entity_panel.tree, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert window.reading_pane.textCursor().selectionStart() == starts[0]


def test_choosing_a_key_point_marks_its_sentence(analysed_window):
    window = analysed_window
    view = window.key_point_panel
    view.setCurrentIndex(view.model().index(1, 0))
    point = window.analysis.key_points[1]
    assert window.reading_pane.key_point_span() == (point.start, point.end)
    assert window.reading_pane.textCursor().position() == point.start
    selection = window.reading_pane.extraSelections()[0]
    marked = selection.cursor
    assert (marked.selectionStart(), marked.selectionEnd()) == (point.start, point.end)


def test_unreadable_file_keeps_the_article_and_says_why(analysed_window, tmp_path):
    window = analysed_window
    text_before = window.reading_pane.toPlainText()
    assert not window.open_source(tmp_path / "nope.txt")
    assert window.reading_pane.toPlainText() == text_before
    assert window.message_bar.isVisible() and "nope.txt" in window.message_bar.text()


def test_group_checkbox_hides_highlights(analysed_window):
    window = analysed_window
    model = window.entity_panel.model
    row = model.group_names().index("Places")
    model.toggle_group(row)
    assert "Places" in model.hidden_groups()
    assert "Places" in window.settings.get("view/hidden_groups")


def test_deferred_sidebar_lays_out_the_same_and_takes_an_early_result(qtbot, settings, tmp_path, sample_path,
                                                                       sample_analysis):
    """app.py builds the panels after the first paint: nothing on screen may move when they arrive,
    and a result shown before they exist (here a cache hit) must still fill them."""
    from viewer.core.cache import AnalysisCache
    from viewer.ui.analysis_service import AnalysisService
    from viewer.ui.main_window import MainWindow

    cache = AnalysisCache(tmp_path / "cache")
    cache.put(sample_analysis)
    service = AnalysisService(cache=cache)
    window = MainWindow(service, settings, defer=True)
    qtbot.addWidget(window)
    window.session.hold()
    window.show()
    assert window.open_source(sample_path)
    qtbot.waitUntil(lambda: not window.reading_pane.document().isEmpty())
    qtbot.wait(50)
    assert not window.panels_built()
    assert window.findChild(QWidget, "findBar") is None  # hidden until Ctrl+F: made with the panels
    assert window.entity_dock.isVisible() and window.key_point_dock.isVisible()
    before = [w.geometry() for w in (window.reading_pane, window.entity_dock, window.key_point_dock)]

    with qtbot.waitSignal(window.analysis_shown, timeout=10_000):
        window.session.release()  # the cache hit is shown, building the panels on the way
    assert window.panels_built() and window.analysis is not None
    assert window.findChild(QWidget, "findBar") is window.find_bar and window.find_bar.isHidden()
    assert window.entity_dock.widget() is window.entity_panel
    model = window.entity_panel.model
    assert sum(model.rowCount(model.index(row, 0)) for row in range(model.rowCount())) == len(window.analysis.entities)
    assert window.key_point_panel.model().rowCount() == len(window.analysis.key_points)
    qtbot.wait(50)
    after = [w.geometry() for w in (window.reading_pane, window.entity_dock, window.key_point_dock)]
    assert after == before
    window.close()
    service.shutdown()


def test_deferred_commands_arrive_in_place_and_in_step_with_the_window(qtbot, settings, tmp_path, sample_path):
    """app.py makes the actions after the first paint: the menu bar is already laid out with its menus,
    and the actions, made late, match what happened before (an article shown, nothing to go back to)."""
    from PySide6.QtGui import QKeySequence

    from viewer.ui.actions import KEYMAP, MENUS
    from viewer.ui.analysis_service import AnalysisService
    from viewer.ui.main_window import MainWindow

    service = AnalysisService()
    window = MainWindow(service, settings, defer=True)
    qtbot.addWidget(window)
    window.session.hold()
    window.show()
    assert window.open_source(sample_path)
    qtbot.waitUntil(lambda: not window.reading_pane.document().isEmpty())
    assert [action.text() for action in window.menuBar().actions()] == [f"&{title}" for title in MENUS]
    assert not window.actions_by_name and not any(menu.actions() for menu in window.menus.values())
    before = (window.menuBar().geometry(), window.reading_pane.geometry())

    window.ensure_commands()
    assert set(window.actions_by_name) == {command.name for command in KEYMAP}
    assert all(window.menus[command.menu].actions() for command in KEYMAP)
    assert QKeySequence("Ctrl+O") in window.actions_by_name["open"].shortcuts()
    assert not window.actions_by_name["back"].isEnabled()  # one article opened: nothing to go back to
    assert not window.actions_by_name["export"].isEnabled()  # no analysis yet
    assert window.actions_by_name["retry_analysis"].isEnabled()  # an article is shown
    assert window.actions_by_name["toggle_sidebar"].isChecked() == window.view.sidebar_visible()
    qtbot.wait(50)
    assert (window.menuBar().geometry(), window.reading_pane.geometry()) == before
    file_menu = window.menus["File"].actions()
    window.ensure_commands()  # a second call changes nothing
    assert window.menus["File"].actions() == file_menu
    window.close()
    service.shutdown()


def test_the_menus_are_laid_out_as_the_menu_layout_says(window):
    from viewer.ui.actions import KEYMAP, MENU_LAYOUT, SEPARATOR

    listed = [name for names in MENU_LAYOUT.values() for name in names if name is not SEPARATOR]
    assert sorted(listed) == sorted(command.name for command in KEYMAP)  # each command once, in one menu
    for title, names in MENU_LAYOUT.items():
        shown = [None if action.isSeparator() else action.objectName().removeprefix("action_")
                 for action in window.menus[title].actions()]
        assert shown == list(names), title
