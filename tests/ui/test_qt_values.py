"""What the first paint does without the Qt namespace: the ints it sets, the docks it restores, the elision it does."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QLabel, QTabBar

from viewer.ui import qt_values
from viewer.ui.fitted_label import ELLIPSIS, elide_right


@pytest.mark.parametrize(("value", "qt"), [
    (qt_values.TEXT_SELECTABLE_BY_MOUSE, Qt.TextInteractionFlag.TextSelectableByMouse),
    (qt_values.TEXT_SELECTABLE_BY_KEYBOARD, Qt.TextInteractionFlag.TextSelectableByKeyboard),
    (qt_values.LINKS_ACCESSIBLE_BY_MOUSE, Qt.TextInteractionFlag.LinksAccessibleByMouse),
    (qt_values.LINKS_ACCESSIBLE_BY_KEYBOARD, Qt.TextInteractionFlag.LinksAccessibleByKeyboard),
    (qt_values.NO_FOCUS, Qt.FocusPolicy.NoFocus),
    (qt_values.STRONG_FOCUS, Qt.FocusPolicy.StrongFocus),
    (qt_values.TOOL_BUTTON_TEXT_ONLY, Qt.ToolButtonStyle.ToolButtonTextOnly),
])
def test_each_value_is_qts_own(value, qt):
    assert value == qt.value


def test_an_int_set_through_a_property_reaches_the_widget_and_a_wrong_name_is_refused(qtbot):
    label = QLabel("x")
    qtbot.addWidget(label)
    qt_values.set_enum_property(label, "textInteractionFlags",
                                qt_values.TEXT_SELECTABLE_BY_MOUSE | qt_values.LINKS_ACCESSIBLE_BY_KEYBOARD)
    qt_values.set_enum_property(label, "focusPolicy", qt_values.STRONG_FOCUS)
    assert label.textInteractionFlags() == (Qt.TextInteractionFlag.TextSelectableByMouse
                                            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
    assert label.focusPolicy() == Qt.FocusPolicy.StrongFocus
    with pytest.raises(AttributeError, match="textInteractionFlag"):
        qt_values.set_enum_property(label, "textInteractionFlag", 1)  # a typo would otherwise pass unseen


def test_the_window_sets_what_it_meant_to(window):
    pane = window.reading_pane
    assert pane.textInteractionFlags() == (Qt.TextInteractionFlag.TextSelectableByKeyboard
                                           | Qt.TextInteractionFlag.TextSelectableByMouse
                                           | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
                                           | Qt.TextInteractionFlag.LinksAccessibleByMouse)
    assert pane.focusPolicy() == Qt.FocusPolicy.StrongFocus
    assert window.reading_progress.focusPolicy() == Qt.FocusPolicy.NoFocus
    assert window.header.title.textInteractionFlags() == Qt.TextInteractionFlag.TextSelectableByMouse
    assert window.message_bar.button.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonTextOnly


def _dock_layout(window) -> list:
    tabs = [bar.tabText(bar.currentIndex()) for bar in window.findChildren(QTabBar) if bar.isVisible()]
    return [(dock.objectName(), window.dockWidgetArea(dock), dock.geometry(), dock.isVisible())
            for dock in (window.entity_dock, window.key_point_dock, window.highlight_dock)] + [tabs]


def test_the_stored_dock_layout_is_the_one_lay_out_docks_makes(qtbot, settings, monkeypatch):
    """DEFAULT_DOCK_STATE is restored instead of calling lay_out_docks() (whose enums cost the first paint
    14 ms): the two must give the same window. If this fails, paste the state it gives into main_window.py."""
    from viewer.ui import main_window
    from viewer.ui.analysis_service import AnalysisService

    service = AnalysisService()
    restored = main_window.MainWindow(service, settings, defer=True)
    qtbot.addWidget(restored)
    monkeypatch.setattr(main_window, "DEFAULT_DOCK_STATE", b"")  # nothing to restore: lay_out_docks()
    laid_out = main_window.MainWindow(service, settings, defer=True)
    qtbot.addWidget(laid_out)
    fresh_state = bytes(laid_out.saveState().toBase64())
    for window in (restored, laid_out):
        window.resize(1100, 760)
        window.show()
        qtbot.waitExposed(window)
    qtbot.wait(50)
    assert _dock_layout(restored) == _dock_layout(laid_out), f"DEFAULT_DOCK_STATE is now {fresh_state!r}"
    assert restored.dockWidgetArea(restored.entity_dock) == Qt.DockWidgetArea.RightDockWidgetArea
    assert restored.tabifiedDockWidgets(restored.key_point_dock) == [restored.highlight_dock]
    assert _dock_layout(restored)[-1] == ["Key points"]  # in front; highlights a tab behind it
    for window in (restored, laid_out):
        window.close()
    service.shutdown()


def test_a_state_this_qt_cannot_read_falls_back_to_laying_out_the_docks(qtbot, settings, monkeypatch):
    from viewer.ui import main_window
    from viewer.ui.analysis_service import AnalysisService

    monkeypatch.setattr(main_window, "DEFAULT_DOCK_STATE", bytes(QByteArray(b"not a state").toBase64()))
    service = AnalysisService()
    window = main_window.MainWindow(service, settings, defer=True)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.dockWidgetArea(window.entity_dock) == Qt.DockWidgetArea.RightDockWidgetArea
    assert window.entity_dock.geometry().bottom() < window.key_point_dock.geometry().top()  # split, one above
    assert window.tabifiedDockWidgets(window.key_point_dock) == [window.highlight_dock]
    window.close()
    service.shutdown()


TEXTS = ["The quick brown fox jumps over the lazy dog and keeps running far away",
         "https://www.example.com/some/very/long/path/to/an/article-with-a-long-slug.html",
         "Ça a été décidé à Zürich, São Paulo e Kraków", "short"]


@pytest.mark.parametrize("text", TEXTS)
def test_elide_right_fits_the_width_and_keeps_as_much_as_qt_does(qapp, text):
    metrics = QFontMetrics(QFont())
    for width in range(0, metrics.horizontalAdvance(text) + 20, 9):
        ours = elide_right(text, metrics, width)
        qts = metrics.elidedText(text, Qt.TextElideMode.ElideRight, width)
        if metrics.horizontalAdvance(text) <= width:
            assert ours == text
            continue
        assert metrics.horizontalAdvance(ours) <= width
        assert ours == "" or (ours.endswith(ELLIPSIS) and text.startswith(ours[:-1]))
        # Qt may keep a character less (it rounds the advances up); never more than ours.
        assert 0 <= len(ours) - len(qts) <= 1, (width, ours, qts)


def test_elide_right_never_parts_a_letter_from_its_accent(qapp):
    metrics = QFontMetrics(QFont())
    text = "e\u0301" * 40  # "é" written as e and a combining accent
    for width in range(0, metrics.horizontalAdvance(text), 5):
        ours = elide_right(text, metrics, width)
        kept = ours[:-1] if ours.endswith(ELLIPSIS) else ours
        assert len(kept) % 2 == 0, (width, ours)


def _highlight_backgrounds(pane) -> set[str]:
    document, colours = pane.document(), set()
    block = document.begin()
    while block.isValid():
        colours.update(r.format.background().color().name() for r in block.layout().formats())
        block = block.next()
    return colours


def test_highlight_formats_come_with_the_first_highlight_and_again_with_a_new_theme(qtbot, analysed_window):
    """The formats are made when first needed (not with the window, before its first paint), and a theme
    switch still recolours every highlight."""
    from viewer.core.groups import GROUPS

    pane = analysed_window.reading_pane
    qtbot.waitUntil(pane.highlighting_idle, timeout=10_000)
    light = {group.light.lower() for group in GROUPS}
    dark = {group.dark.lower() for group in GROUPS}
    shown = _highlight_backgrounds(pane)
    assert shown & light and not shown & dark
    analysed_window.theme.apply("dark")
    try:
        qtbot.waitUntil(lambda: pane.highlighting_idle() and bool(_highlight_backgrounds(pane) & dark),
                        timeout=10_000)
        assert not _highlight_backgrounds(pane) & light
    finally:
        analysed_window.theme.apply("system")
