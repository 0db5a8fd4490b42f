"""The entity sidebar's extras: the mentions-in-context list and "Search the web for this entity"."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QGuiApplication

from viewer.ui.actions import COMMANDS
from viewer.ui.models import ContextRole, MentionModel


def entity_named(analysis, name):
    return next(e for e in analysis.entities if e.name == name)


def test_mention_model_passes_modeltester(qtmodeltester, sample_analysis):
    model = MentionModel()
    entity = max(sample_analysis.entities, key=lambda e: e.count)
    model.set_entity(sample_analysis, entity)
    qtmodeltester.check(model)
    assert model.rowCount() == entity.count
    for row in range(model.rowCount()):
        before, surface, after = model.index(row, 0).data(ContextRole)
        mention = model.mention(row)
        assert surface == mention.text
        # The context is the mention's own sentence, read straight from the text.
        assert sample_analysis.text[mention.start - len(before.lstrip("…")):mention.start] == before.lstrip("…")
    model.set_entity(sample_analysis, None)
    assert model.rowCount() == 0


def test_choosing_an_entity_lists_its_mentions_and_each_is_a_jump_target(qtbot, analysed_window):
    window = analysed_window
    panel = window.entity_panel
    entity = entity_named(window.analysis, "Makhdum Khusro Bakhtyar")
    panel.select_entity(entity.id)
    view = panel.mention_list
    assert view.model().rowCount() == entity.count >= 4
    assert "Makhdum Khusro Bakhtyar" in panel.mention_title.text()
    mentions = window.analysis.mentions_of(entity.id)
    target = mentions[2]
    index = view.model().index(2, 0)
    view.scrollTo(index)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center())
    cursor = window.reading_pane.textCursor()
    assert (cursor.selectionStart(), cursor.selectionEnd()) == (target.start, target.end)
    assert "mention 3 of" in window.statusBar().currentMessage()


def test_enter_in_the_tree_moves_the_mentions_list_along(qtbot, analysed_window):
    window = analysed_window
    panel = window.entity_panel
    entity = entity_named(window.analysis, "Japanese")
    panel.select_entity(entity.id)
    panel.tree.setFocus()
    qtbot.waitUntil(panel.tree.hasFocus)
    assert panel.mention_list.currentIndex().row() == 0
    qtbot.keyClick(panel.tree, Qt.Key.Key_Return)
    assert panel.mention_list.currentIndex().row() == 1
    qtbot.keyClick(panel.tree, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert panel.mention_list.currentIndex().row() == 0
    assert panel.tree.hasFocus()  # following along never steals the keyboard


def test_search_the_web_opens_only_on_request_with_the_entity_name(qtbot, analysed_window):
    window = analysed_window
    panel = window.entity_panel
    opened: list[QUrl] = []
    panel.open_url = opened.append
    action = window.actions_by_name["search_web"]
    assert not action.isEnabled()  # nothing chosen yet
    panel.select_entity(entity_named(window.analysis, "Ministry of Industries and Production").id)
    assert opened == []  # choosing an entity sends nothing anywhere
    menu = panel.context_menu()
    assert [a.text() for a in menu.actions()] == [COMMANDS[name].text for name in
                                                  ("search_web", "change_entity_type", "not_an_entity")]
    assert action.isEnabled()
    menu.actions()[0].trigger()
    assert [url.toString() for url in opened] == [
        "https://duckduckgo.com/?q=Ministry+of+Industries+and+Production"]


def test_double_click_steps_to_the_next_mention(qtbot, analysed_window):
    window = analysed_window
    panel = window.entity_panel
    entity = entity_named(window.analysis, "Pakistan")
    starts = [m.start for m in window.analysis.mentions_of(entity.id)]
    panel.select_entity(entity.id)
    assert window.reading_pane.textCursor().selectionStart() == starts[0]
    rect = panel.tree.visualRect(panel.tree.currentIndex())
    # A real double-click: press and release, then the double-click press.
    qtbot.mouseClick(panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.reading_pane.textCursor().selectionStart() == starts[1]
    assert panel.mention_list.currentIndex().row() == 1


def test_filter_keeps_matching_entities_and_their_groups(qtbot, analysed_window):
    panel = analysed_window.entity_panel
    qtbot.keyClicks(panel.filter, "japan")
    proxy = panel.proxy
    shown = {proxy.index(r, 0, proxy.index(g, 0)).data()
             for g in range(proxy.rowCount()) for r in range(proxy.rowCount(proxy.index(g, 0)))}
    assert shown == {"Japan", "Japanese"}
    assert {proxy.index(g, 0).data() for g in range(proxy.rowCount())} == {"Places", "Nationalities & groups"}
    panel.filter.clear()
    assert proxy.rowCount() == panel.model.rowCount()


def test_space_on_a_group_row_toggles_its_highlighting(qtbot, analysed_window):
    window = analysed_window
    panel = window.entity_panel
    row = panel.model.group_names().index("People")
    panel.tree.setCurrentIndex(panel.proxy.mapFromSource(panel.model.index(row, 0)))
    panel.tree.setFocus()
    qtbot.waitUntil(panel.tree.hasFocus)
    qtbot.keyClick(panel.tree, Qt.Key.Key_Space)
    assert "People" in panel.model.hidden_groups()
    qtbot.keyClick(panel.tree, Qt.Key.Key_Space)
    assert "People" not in panel.model.hidden_groups()


@pytest.mark.qt_log_ignore("does not support QPlatformServices::openUrl")
def test_search_the_web_with_no_browser_says_so_and_leaves_the_address(qtbot, analysed_window):
    """The offscreen platform, like a system without xdg-open, has no browser: the real call fails."""
    window = analysed_window
    panel = window.entity_panel
    panel.select_entity(entity_named(window.analysis, "Ministry of Industries and Production").id)
    window.actions_by_name["search_web"].trigger()
    assert "No web browser could be started" in window.message_bar.text()
    address = "https://duckduckgo.com/?q=Ministry+of+Industries+and+Production"
    assert address in window.message_bar.text()
    assert QGuiApplication.clipboard().text() == address


def test_the_status_line_follows_the_pane_and_the_key_point_chosen(qtbot, analysed_window):
    window = analysed_window
    panel = window.entity_panel
    window.navigation.focus_entities()
    panel.select_entity(entity_named(window.analysis, "Japan").id)
    assert "mention 1 of" in window.statusBar().currentMessage()
    window.actions_by_name["focus_key_points"].trigger()
    assert "mention" not in window.statusBar().currentMessage()  # not left behind, stale
    view = window.key_point_panel
    view.setCurrentIndex(view.model().index(1, 0))
    assert window.statusBar().currentMessage() == f"Key point 2 of {len(window.analysis.key_points)}"


def test_filtering_counts_only_the_entities_that_match(qtbot, analysed_window):
    window = analysed_window
    panel = window.entity_panel
    proxy = panel.proxy
    qtbot.keyClicks(panel.filter, "pak")
    places = next(proxy.index(row, 0) for row in range(proxy.rowCount())
                  if proxy.index(row, 0).data() == "Places")
    matching = [e for e in window.analysis.entities if e.group == "Places" and "pak" in e.name.lower()]
    every = [e for e in window.analysis.entities if e.group == "Places"]
    assert len(matching) < len(every)
    assert proxy.index(places.row(), 1).data() == str(sum(e.count for e in matching))
    assert places.data(Qt.ItemDataRole.ToolTipRole).startswith(f"Places: {len(matching)} of {len(every)}")
