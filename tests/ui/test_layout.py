"""The window's layout survives odd articles and damaged saved layouts: no squeezed sidebar, nothing off-screen."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt

from tests.pages import news_page
from viewer.ui.main_window import SIDEBAR_MIN_WIDTH, MainWindow

LONG_URL = "https://news.example.com/" + "/".join(f"section-{i:03d}-of-a-very-long-address" for i in range(12))


@pytest.fixture(params=["txt", "html"])
def long_title_file(request, tmp_path):
    """A text whose first line is a long address, and a page whose title is one."""
    assert len(LONG_URL) > 400
    if request.param == "txt":
        path = tmp_path / "link.txt"
        path.write_text(f"{LONG_URL}\n\nThe council met on Monday to discuss the new bridge across the river.",
                        encoding="utf-8")
    else:
        path = tmp_path / "link.html"
        path.write_text(news_page(title=LONG_URL), encoding="utf-8")
    return path


def screen_area(window) -> QRect:
    return window.screen().availableGeometry()


def fits(window) -> bool:
    return screen_area(window).contains(window.frameGeometry())


def test_a_400_character_first_line_neither_squeezes_the_sidebar_nor_grows_the_window(
        qtbot, window, settings, long_title_file):
    width_before = window.entity_dock.width()
    with qtbot.waitSignal(window.article_shown):
        assert window.open_source(long_title_file)
    qtbot.wait(100)  # let the layout settle
    if long_title_file.suffix == ".html":
        title = window.article.title
        assert title.startswith(LONG_URL[:250]) and window.header.title.text() == title  # the title in full...
        shown = window.header.title.shown_text()
        assert shown.count("\n") <= 2 and shown.endswith("…")  # ...shown in three lines at most, the rest elided
        assert window.header.title.toolTip() == title
    else:
        assert window.header.title.text() == "link.txt"  # an address is no headline
    assert fits(window)
    assert window.entity_dock.width() >= min(width_before, 300)

    # What was saved comes back as it was: the broken layout of old is never saved.
    window.close()
    second = MainWindow(window.service, settings)
    qtbot.addWidget(second)
    second.show()
    qtbot.wait(100)
    assert fits(second) and second.entity_dock.width() >= min(width_before, 300)
    second.close()


def test_a_saved_window_larger_than_the_screen_or_off_it_is_repaired(qtbot, window, settings):
    area = screen_area(window)
    window.showNormal()
    window.setGeometry(area.right() + 3000, area.bottom() + 2000, area.width() * 3, area.height() * 2)
    window.resizeDocks([window.entity_dock], [40], Qt.Orientation.Horizontal)  # squeezed, as the old bug left it
    window.close()  # saves geometry and state
    second = MainWindow(window.service, settings)
    qtbot.addWidget(second)
    second.show()
    qtbot.wait(100)
    assert fits(second)
    assert second.width() <= area.width() and second.height() <= area.height()
    assert second.entity_dock.width() >= SIDEBAR_MIN_WIDTH
    second.close()


def test_a_degenerate_saved_size_opens_at_the_default(qtbot, window, settings):
    window.showNormal()
    window.setMinimumSize(1, 1)
    window.resize(30, 20)
    window.close()
    second = MainWindow(window.service, settings)
    qtbot.addWidget(second)
    second.show()
    assert second.width() >= 640 and second.height() >= 400 and fits(second)
    second.close()


def test_the_header_starts_where_the_column_does_and_does_not_repeat_the_headline(qtbot, analysed_window):
    window = analysed_window
    pane = window.reading_pane
    qtbot.wait(50)
    left, _right = pane.column_edges()
    column_x = pane.viewport().mapTo(window, pane.viewport().rect().topLeft()).x() + left
    meta_x = window.header.meta.mapTo(window, window.header.meta.rect().topLeft()).x()
    assert abs(meta_x - column_x) <= 2 and column_x > 100  # centred column, and the date line above it
    assert window.article.blocks[0].role.value == "headline"
    assert not window.header.title.isVisible()  # the text itself opens with the headline, set large
