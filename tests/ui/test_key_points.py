"""The key-point list and its links to the text: full wrapped points, entity colours, the mark, the flash, copying."""
from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QGuiApplication, QKeySequence, QTextCursor
from PySide6.QtWidgets import QStyleOptionViewItem

from viewer.core.groups import contrast_ratio, group_named, group_of
from viewer.ui.models import HighlightsRole
from viewer.ui.reading_pane import KEY_POINT_BAR
from viewer.ui.theme import DARK


def item_option(view, index) -> QStyleOptionViewItem:
    option = QStyleOptionViewItem()
    option.initFrom(view.viewport())
    option.rect = view.visualRect(index)
    option.font = view.font()
    return option


def test_each_point_is_shown_in_full_and_wrapped(analysed_window):
    window = analysed_window
    view = window.key_point_panel
    window.key_point_dock.setMinimumWidth(260)
    view.doItemsLayout()
    line = view.fontMetrics().lineSpacing()
    for row, point in enumerate(window.analysis.key_points):
        index = view.model().index(row, 0)
        document = view.delegate.document(item_option(view, index), index)
        assert document.toPlainText() == point.text
        rect = view.visualRect(index)
        assert rect.height() >= document.size().height()  # nothing cut off at the bottom
        assert document.size().width() <= rect.width()  # nor at the side
    longest = max(range(len(window.analysis.key_points)), key=lambda r: len(window.analysis.key_points[r].text))
    assert view.visualRect(view.model().index(longest, 0)).height() > 2 * line  # wrapped over several lines


def test_entities_inside_points_are_coloured_as_in_the_text(analysed_window):
    window = analysed_window
    view = window.key_point_panel
    checked = 0
    for row in range(view.model().rowCount()):
        index = view.model().index(row, 0)
        document = view.delegate.document(item_option(view, index), index)
        for start, end, group in index.data(HighlightsRole):
            if group in window.entity_panel.model.hidden_groups():
                continue
            cursor = QTextCursor(document)
            cursor.setPosition(start + 1)
            assert cursor.charFormat().background().color() == QColor(group_named(group).light)
            assert document.toPlainText()[start:end] in window.analysis.text
            checked += 1
    assert checked >= 3
    point = window.analysis.key_points[0]
    inside = [m for m in window.analysis.mentions if point.start <= m.start and m.end <= point.end]
    assert [(s + point.start, e + point.start, g) for s, e, g in view.model().index(0, 0).data(HighlightsRole)] == [
        (m.start, m.end, group_of(m.label).name) for m in inside]


def test_choosing_a_point_scrolls_to_it_flashes_it_and_keeps_it_marked(qtbot, analysed_window):
    window = analysed_window
    window.resize(900, 420)
    pane = window.reading_pane
    view = window.key_point_panel
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    last = view.model().rowCount() - 1
    for _ in range(last + 1):
        qtbot.keyClick(view, Qt.Key.Key_Down)
    point = window.analysis.key_points[last]
    assert pane.key_point_span() == (point.start, point.end)
    cursor = QTextCursor(pane.document())
    cursor.setPosition(point.start)
    assert pane.viewport().rect().contains(pane.cursorRect(cursor).center())  # scrolled into view
    assert pane.verticalScrollBar().value() > 0
    assert pane.extraSelections(), "the sentence flashes"
    qtbot.waitUntil(lambda: not pane.extraSelections(), timeout=3000)  # ... briefly
    assert pane.key_point_span() == (point.start, point.end)  # and stays marked

    bar = pane.key_point_bar()
    start_rect = pane.cursorRect(cursor)
    cursor.setPosition(point.end)
    end_rect = pane.cursorRect(cursor)
    assert bar.top() <= start_rect.top() and bar.bottom() >= end_rect.bottom() - 1
    assert bar.right() < pane.document().documentMargin()  # in the margin, beside the text
    image = pane.viewport().grab().toImage()
    assert image.pixelColor(bar.center()) == QColor(KEY_POINT_BAR[False])

    # The entities inside the marked sentence keep their own colours.
    hidden = window.entity_panel.model.hidden_groups()
    seen = 0
    for mention in window.analysis.mentions:
        if not (point.start <= mention.start < point.end) or group_of(mention.label).name in hidden:
            continue
        cursor.setPosition(mention.start)
        left = pane.cursorRect(cursor)
        cursor.setPosition(mention.end)
        right = pane.cursorRect(cursor)
        if right.top() != left.top() or not pane.viewport().rect().contains(left.center()):
            continue  # wraps over a line end or is off screen
        colour = QColor(group_of(mention.label).light)
        row = left.top() + 2
        assert any(image.pixelColor(QPoint(x, row)) == colour for x in range(left.left(), right.left())), mention
        seen += 1
    assert seen >= 1


def test_copy_key_points_puts_a_bulleted_list_on_the_clipboard(qtbot, analysed_window):
    window = analysed_window
    action = window.actions_by_name["copy_key_points"]
    assert action.isEnabled()
    assert QKeySequence("Ctrl+Shift+K") in action.shortcuts()
    QGuiApplication.clipboard().clear()
    window.activateWindow()
    window.reading_pane.setFocus()
    qtbot.waitUntil(window.reading_pane.hasFocus)
    qtbot.keyClick(window.reading_pane, Qt.Key.Key_K,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: bool(QGuiApplication.clipboard().text()))
    lines = QGuiApplication.clipboard().text().splitlines()
    analysis = window.analysis
    assert lines[0] == analysis.title
    assert "UrduPoint.com" in lines[1] and lines[2] == f"Source: {analysis.source}"
    assert lines[4:] == [f"• {p.text}" for p in analysis.key_points]


def test_the_margin_bar_stands_out_in_both_themes():
    assert contrast_ratio(KEY_POINT_BAR[False], "#ffffff") >= 3.0
    assert contrast_ratio(KEY_POINT_BAR[True], DARK["base"]) >= 3.0


def test_copy_key_points_waits_for_the_analysis(window):
    assert not window.actions_by_name["copy_key_points"].isEnabled()


def test_a_point_is_made_into_a_document_once_for_sizing_and_painting(analysed_window, qtbot):
    """A list sizes every item to lay itself out and then paints the ones in view: both use one document
    per point and width, until what it shows changes (a group hidden, another palette)."""
    window = analysed_window
    view = window.key_point_panel
    made, asked = [], []
    document, shown_document = view.delegate.document, view.delegate.shown_document
    view.delegate.document = lambda option, index: (made.append((index.row(), option.rect.width())),
                                                    document(option, index))[1]
    view.delegate.shown_document = lambda option, index: (asked.append(index.row()),
                                                          shown_document(option, index))[1]
    view.delegate._documents.clear()
    view.scheduleDelayedItemsLayout()
    view.viewport().repaint()
    view.doItemsLayout()
    view.viewport().repaint()
    assert {row for row, _ in made} == set(range(len(window.analysis.key_points)))
    assert len(made) == len(set(made)) < len(asked)  # sized and painted, each made once
    group = group_of(window.analysis.mentions[0].label).name
    before = len(made)
    view.set_hidden_groups(frozenset({group}))
    view.viewport().repaint()
    assert len(made) > before  # the documents with that group coloured are not reused
    index = view.model().index(made[-1][0], 0)
    shown = view.delegate.shown_document(item_option(view, index), index)
    fresh = document(item_option(view, index), index)
    assert shown.toHtml() == fresh.toHtml()  # what is drawn is what the point looks like now
