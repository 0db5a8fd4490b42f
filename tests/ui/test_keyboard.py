"""Reading a whole article with the keyboard only, and every command's key, with real key events.

Key events go to whichever widget has the focus, as they do for a user, so a
wrong focus makes the step fail rather than pass by accident.
"""
from __future__ import annotations

import bisect

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit

from viewer.core.groups import group_of
from viewer.ui.actions import COMMANDS, KEYMAP, display_keys
from viewer.ui.commands import command_handlers

ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def press(qtbot, key, modifiers=Qt.KeyboardModifier.NoModifier):
    """One key click on the focused widget, like a real keyboard."""
    target = QApplication.focusWidget()
    assert target is not None, "nothing has the keyboard focus"
    qtbot.keyClick(target, key, modifiers)


def type_text(qtbot, text: str) -> None:
    target = QApplication.focusWidget()
    assert target is not None
    qtbot.keyClicks(target, text)


def focused(qtbot, widget) -> None:
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget, timeout=3000)


def selection(pane) -> tuple[int, int]:
    cursor = pane.textCursor()
    return cursor.selectionStart(), cursor.selectionEnd()


def open_by_keys(qtbot, window, path) -> None:
    """Ctrl+O, type the file's path into the file dialog, Enter; wait for its analysis."""
    press(qtbot, Qt.Key.Key_O, CTRL)
    dialog = window.dialog("open")
    assert isinstance(dialog, QFileDialog)
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QLineEdit), timeout=3000)
    field = QApplication.focusWidget()
    type_text(qtbot, str(path))
    popup = field.completer().popup() if field.completer() else None
    if popup is not None and popup.isVisible():
        qtbot.keyClick(popup, Qt.Key.Key_Escape)  # the path is typed in full; no completion wanted
        qtbot.waitUntil(lambda: not popup.isVisible())
    with qtbot.waitSignal(window.analysis_shown, timeout=120_000):
        qtbot.keyClick(field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())


def test_read_a_whole_article_with_the_keyboard(qtbot, window, sample_path, tmp_path):
    pane = window.reading_pane
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    pane.setFocus()
    focused(qtbot, pane)

    # Open the sample through the file dialog.
    open_by_keys(qtbot, window, sample_path)
    analysis = window.analysis
    assert pane.toPlainText() == analysis.text
    assert window.header.title.text().startswith("Khusro Bakhtyar Invites")
    focused(qtbot, pane)

    # Move around the text.
    press(qtbot, Qt.Key.Key_Home, CTRL)
    assert pane.textCursor().position() == 0
    press(qtbot, Qt.Key.Key_Down)
    below = pane.textCursor().position()
    assert below > 0
    press(qtbot, Qt.Key.Key_PageDown)
    assert pane.textCursor().position() > below
    while pane.textCursor().block().length() <= 1:  # on the empty line between two blocks: on to the text
        press(qtbot, Qt.Key.Key_Down)
    # Home, then End: after End at a line wrapped after a hyphen, the caret is also at the next line's start.
    press(qtbot, Qt.Key.Key_Home)
    line_start = pane.textCursor().position()
    assert line_start > below
    press(qtbot, Qt.Key.Key_End)
    assert pane.textCursor().position() > line_start
    press(qtbot, Qt.Key.Key_End, CTRL)
    assert pane.textCursor().position() == len(analysis.text)
    press(qtbot, Qt.Key.Key_Home, CTRL)
    bar = pane.verticalScrollBar()
    top = bar.value()
    assert bar.maximum() > top
    press(qtbot, Qt.Key.Key_Space)  # Space pages down, Shift+Space back up
    paged = bar.value()
    assert paged > top
    press(qtbot, Qt.Key.Key_Space, SHIFT)
    assert bar.value() < paged

    # n / p (and j / k) step through every highlighted mention in reading order.
    hidden = window.entity_panel.model.hidden_groups()
    visible = [m for m in analysis.mentions if group_of(m.label).name not in hidden]
    assert len(visible) >= 3
    press(qtbot, "n")
    first = bisect.bisect_right([m.start for m in visible], 0)  # the first mention after the caret
    assert selection(pane) == (visible[first].start, visible[first].end)
    press(qtbot, "n")
    assert selection(pane) == (visible[first + 1].start, visible[first + 1].end)
    assert window.cursor_entity.text().startswith(visible[first + 1].text)
    press(qtbot, "j")
    assert selection(pane) == (visible[first + 2].start, visible[first + 2].end)
    press(qtbot, "k")
    press(qtbot, "p")
    assert selection(pane) == (visible[first].start, visible[first].end)

    # ] and [ go through the key points in text order and mark each one.
    points = sorted(analysis.key_points, key=lambda k: k.start)
    press(qtbot, Qt.Key.Key_Home, CTRL)
    press(qtbot, "]")
    assert pane.key_point_span() == (points[0].start, points[0].end)
    assert pane.textCursor().position() == points[0].start
    press(qtbot, "]")
    assert pane.key_point_span() == (points[1].start, points[1].end)
    assert window.key_point_panel.currentIndex().row() == list(analysis.key_points).index(points[1])
    press(qtbot, "[")
    assert pane.key_point_span() == (points[0].start, points[0].end)
    assert QApplication.focusWidget() is pane  # the keys never moved the focus

    # e shows the entity under the cursor in the sidebar, without moving the cursor.
    most = max(analysis.entities, key=lambda e: e.count)
    mentions = analysis.mentions_of(most.id)
    pane.select_span(mentions[-1].start, mentions[-1].end)
    press(qtbot, "e")
    assert window.entity_panel.current_entity().id == most.id
    assert selection(pane) == (mentions[-1].start, mentions[-1].end)
    assert QApplication.focusWidget() is pane

    # The sidebar: Enter / Shift+Enter step through the chosen entity's mentions.
    press(qtbot, Qt.Key.Key_2, ALT)
    focused(qtbot, window.entity_panel.tree)
    press(qtbot, Qt.Key.Key_Return)
    assert selection(pane) == (mentions[0].start, mentions[0].end)  # wrapped round from the last
    press(qtbot, Qt.Key.Key_Return)
    assert selection(pane) == (mentions[1].start, mentions[1].end)
    press(qtbot, Qt.Key.Key_Return, SHIFT)
    assert selection(pane) == (mentions[0].start, mentions[0].end)

    # Space switches the group's highlighting; Left / Right collapse and expand the group.
    group = most.group
    press(qtbot, Qt.Key.Key_Space)
    assert group in window.entity_panel.model.hidden_groups()
    press(qtbot, Qt.Key.Key_Space)
    assert group not in window.entity_panel.model.hidden_groups()
    tree = window.entity_panel.tree
    press(qtbot, Qt.Key.Key_Left)  # folds the entity's group and moves to it
    group_index = tree.currentIndex()
    assert group_index.data() == group and not tree.isExpanded(group_index)
    press(qtbot, Qt.Key.Key_Right)
    assert tree.isExpanded(group_index)
    press(qtbot, Qt.Key.Key_Left)
    assert not tree.isExpanded(group_index) and tree.currentIndex() == group_index
    press(qtbot, Qt.Key.Key_Right)
    assert tree.isExpanded(group_index)

    # Typing in the list filters it (the single-letter commands do not fire here).
    before = selection(pane)
    type_text(qtbot, "japan")
    field = window.entity_panel.filter
    focused(qtbot, field)
    assert field.text() == "japan"
    assert selection(pane) == before  # "j", "p" and "n" were typed, not run as commands
    proxy = window.entity_panel.proxy
    names = [proxy.index(c, 0, proxy.index(g, 0)).data()
             for g in range(proxy.rowCount()) for c in range(proxy.rowCount(proxy.index(g, 0)))]
    assert names and all("japan" in name.casefold() for name in names)
    press(qtbot, Qt.Key.Key_Down)
    focused(qtbot, tree)
    press(qtbot, Qt.Key.Key_Return)
    assert "japan" in pane.textCursor().selectedText().casefold()
    field.setFocus()
    focused(qtbot, field)
    press(qtbot, Qt.Key.Key_A, CTRL)
    press(qtbot, Qt.Key.Key_Backspace)
    assert field.text() == ""

    # F6 / Shift+F6 cycle the panes; Alt+3 and Alt+1 go straight to one.
    press(qtbot, Qt.Key.Key_1, ALT)
    focused(qtbot, pane)
    press(qtbot, Qt.Key.Key_F6)
    focused(qtbot, window.entity_panel.tree)
    press(qtbot, Qt.Key.Key_F6)
    focused(qtbot, window.key_point_panel)
    press(qtbot, Qt.Key.Key_F6)
    focused(qtbot, pane)
    press(qtbot, Qt.Key.Key_F6, SHIFT)
    focused(qtbot, window.key_point_panel)
    press(qtbot, Qt.Key.Key_Down)
    assert pane.key_point_span() is not None
    press(qtbot, Qt.Key.Key_1, ALT)
    focused(qtbot, pane)

    # Find a word: the count is shown, Enter / F3 go on, Shift+Enter / Shift+F3 go back, Esc closes.
    word = "automobile"
    starts = [i for i in range(len(analysis.text)) if analysis.text.lower().startswith(word, i)]
    assert len(starts) >= 3
    press(qtbot, Qt.Key.Key_Home, CTRL)
    press(qtbot, Qt.Key.Key_F, CTRL)
    focused(qtbot, window.find_bar.field)
    assert window.find_bar.isVisible()
    type_text(qtbot, word)
    assert selection(pane) == (starts[0], starts[0] + len(word))
    assert window.find_bar.count.text() == f"1 of {len(starts)} matches"
    press(qtbot, Qt.Key.Key_Return)
    assert selection(pane)[0] == starts[1]
    press(qtbot, Qt.Key.Key_F3)
    assert selection(pane)[0] == starts[2]
    assert window.find_bar.count.text() == f"3 of {len(starts)} matches"
    press(qtbot, Qt.Key.Key_F3, SHIFT)
    assert selection(pane)[0] == starts[1]
    press(qtbot, Qt.Key.Key_Return, SHIFT)
    assert selection(pane)[0] == starts[0]
    press(qtbot, Qt.Key.Key_Escape)
    assert not window.find_bar.isVisible()
    focused(qtbot, pane)
    assert selection(pane)[0] == starts[0]

    # Zoom in, out and back.
    size = pane.font().pointSizeF()
    press(qtbot, Qt.Key.Key_Plus, CTRL)
    assert pane.font().pointSizeF() == size + 1
    press(qtbot, Qt.Key.Key_Minus, CTRL)
    press(qtbot, Qt.Key.Key_Minus, CTRL)
    assert pane.font().pointSizeF() == size - 1
    assert window.settings.get("view/zoom") == -1
    press(qtbot, Qt.Key.Key_0, CTRL)
    assert pane.font().pointSizeF() == size

    # Themes: from the system's (light here) first to the one that looks different, dark, then light,
    # then sepia, then back to following the system; the zoom survives the switches.
    press(qtbot, Qt.Key.Key_Plus, CTRL)
    assert window.theme.theme == "system" and not window.theme.is_dark()
    press(qtbot, Qt.Key.Key_L, CTRL | SHIFT)
    assert window.theme.theme == "dark" and window.theme.is_dark()
    assert pane.palette().color(pane.palette().ColorRole.Base).lightness() < 128
    assert "#8ab4f8" in QApplication.instance().styleSheet()  # the dark theme's focus frame
    press(qtbot, Qt.Key.Key_L, CTRL | SHIFT)
    assert window.theme.theme == "light" and not window.theme.is_dark()
    press(qtbot, Qt.Key.Key_L, CTRL | SHIFT)
    assert window.theme.theme == "sepia" and not window.theme.is_dark()
    assert pane.palette().color(pane.palette().ColorRole.Base).name() == "#f4ecd8"
    press(qtbot, Qt.Key.Key_L, CTRL | SHIFT)
    assert window.theme.theme == "system"
    assert window.settings.get("view/theme") == "system"
    assert pane.font().pointSizeF() == size + 1
    press(qtbot, Qt.Key.Key_0, CTRL)

    # Hide and show the sidebar; the focus stays in the text.
    press(qtbot, Qt.Key.Key_Backslash, CTRL)
    assert not window.entity_dock.isVisible() and not window.key_point_dock.isVisible()
    press(qtbot, Qt.Key.Key_Backslash, CTRL)
    assert window.entity_dock.isVisible() and window.key_point_dock.isVisible()
    focused(qtbot, pane)

    # The shortcuts dialog (F1, and ? in the text): searchable, closed with Esc.
    press(qtbot, Qt.Key.Key_F1)
    dialog = window.dialog("shortcuts")
    qtbot.waitUntil(dialog.isVisible)
    focused(qtbot, dialog.search)
    type_text(qtbot, "zoom")
    assert set(dialog.visible_names()) == {"zoom_in", "zoom_out", "zoom_reset"}
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    focused(qtbot, pane)
    press(qtbot, "?")
    dialog = window.dialog("shortcuts")
    qtbot.waitUntil(dialog.isVisible)
    focused(qtbot, dialog.search)
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    focused(qtbot, pane)

    # The command palette finds a command by a fuzzy name, shows its keys and runs it.
    press(qtbot, Qt.Key.Key_P, CTRL | SHIFT)
    palette = window.dialog("palette")
    qtbot.waitUntil(palette.isVisible)
    focused(qtbot, palette.field)
    type_text(qtbot, "sidebr")
    choice = palette.current_choice()
    assert choice.key == "toggle_sidebar" and choice.detail == display_keys(
        window.actions_by_name["toggle_sidebar"].shortcuts())
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not window.entity_dock.isVisible())
    focused(qtbot, pane)
    press(qtbot, Qt.Key.Key_K, CTRL)
    palette = window.dialog("palette")
    qtbot.waitUntil(palette.isVisible)
    focused(qtbot, palette.field)
    type_text(qtbot, "sidebar")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(window.entity_dock.isVisible)

    # A second article, then Back and Forward between the two.
    other = tmp_path / "second.txt"
    other.write_text("Angela Merkel met Emmanuel Macron in Paris on Tuesday.\n\n"
                     "They spoke about the European Union.\n", encoding="utf-8")
    focused(qtbot, pane)
    open_by_keys(qtbot, window, other)
    assert "Merkel" in pane.toPlainText()
    with qtbot.waitSignal(window.analysis_shown, timeout=120_000):
        press(qtbot, Qt.Key.Key_Left, ALT)
    assert pane.toPlainText() == analysis.text
    with qtbot.waitSignal(window.analysis_shown, timeout=120_000):
        press(qtbot, Qt.Key.Key_Right, ALT)
    assert "Merkel" in pane.toPlainText()

    # Close the article, then reopen the sample from the recent list.
    focused(qtbot, pane)
    press(qtbot, Qt.Key.Key_W, CTRL)
    assert pane.toPlainText() == "" and window.article is None
    assert window.entity_panel.model.rowCount() == 0 and window.header.title.text() == "No article"
    focused(qtbot, pane)
    press(qtbot, Qt.Key.Key_O, CTRL | SHIFT)
    recent = window.dialog("recent")
    qtbot.waitUntil(recent.isVisible)
    focused(qtbot, recent.field)
    assert recent.current_choice().key == str(other)  # the most recent first
    type_text(qtbot, sample_path.name[:6])
    assert recent.current_choice().key == str(sample_path)
    with qtbot.waitSignal(window.analysis_shown, timeout=120_000):
        press(qtbot, Qt.Key.Key_Return)
    assert pane.toPlainText() == analysis.text

    # Quit.
    focused(qtbot, pane)
    press(qtbot, Qt.Key.Key_Q, CTRL)
    qtbot.waitUntil(lambda: not window.isVisible())


def _combination(sequence: QKeySequence):
    combination = sequence[0]
    return combination.key(), combination.keyboardModifiers()


def test_every_command_has_a_working_key_and_is_in_the_help(qtbot, analysed_window, tmp_path):
    window = analysed_window
    pane = window.reading_pane
    assert set(command_handlers(window)) == set(COMMANDS)
    window.help.show_shortcuts()
    dialog = window.dialog("shortcuts")
    help_keys = {name: dialog.keys_shown(name) for name in COMMANDS}
    dialog.close()
    sample = window.article.source
    other = tmp_path / "other.txt"
    other.write_text("Angela Merkel met Emmanuel Macron in Paris.\n", encoding="utf-8")

    def open_and_wait(source) -> None:
        with qtbot.waitSignal(window.analysis_shown, timeout=120_000):
            window.open_source(source)

    open_and_wait(other)
    open_and_wait(sample)  # Back and Forward now have somewhere to go
    searched = []
    window.entity_panel.open_url = searched.append  # no browser in tests
    for command in sorted(KEYMAP, key=lambda c: c.name == "quit"):  # Quit closes the window: last
        action = window.actions_by_name[command.name]
        keys = action.shortcuts()
        assert keys, f"{command.name} has no key"
        assert help_keys[command.name] == display_keys(keys), command.name
        for sequence in keys:
            if command.name == "back" and not action.isEnabled():
                open_and_wait(sample)
            if command.name == "forward" and not action.isEnabled():
                with qtbot.waitSignal(window.analysis_shown, timeout=120_000):
                    window.session.go(-1)
            if window.article is None:
                open_and_wait(sample)
            if window.entity_panel.current_entity() is None:  # for the commands acting on the chosen entity
                window.entity_panel.select_entity(window.analysis.entities[0].id)
            window.activateWindow()
            pane.setFocus()
            focused(qtbot, pane)
            key, modifiers = _combination(sequence)
            with qtbot.waitSignal(action.triggered, timeout=2000, raising=False) as blocker:
                press(qtbot, key, modifiers)
            assert blocker.signal_triggered, f"{sequence.toString()} did not run {command.name}"
            # Close whatever the command opened, so the next key reaches the window.
            for opened in QApplication.topLevelWidgets():
                if opened is not window and opened.isVisible():
                    opened.close()
            if window.isFullScreen():
                window.showNormal()
            if command.name in ("back", "forward"):
                qtbot.waitUntil(lambda: window.analysis is not None, timeout=120_000)
    assert not window.isVisible()  # Quit worked
    assert searched  # Search the web ran, for the chosen entity


def test_every_match_in_view_is_outlined_while_the_find_bar_is_open(qtbot, window, sample_path):
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QColor, QTextCursor

    from viewer.ui.theme import FOCUS

    window.open_source(sample_path)
    pane = window.reading_pane
    window.find_bar.open_bar()
    qtbot.keyClicks(window.find_bar.field, "japanese")
    matches = window.find_bar.matches()
    assert len(matches) >= 3

    def in_view(span) -> bool:
        cursor = QTextCursor(pane.document())
        cursor.setPosition(pane.offsets.span_to_document(*span)[0])
        return pane.cursorRect(cursor).intersects(pane.viewport().rect())

    outlines = pane.find_outlines()
    assert len(outlines) == sum(in_view(span) for span in matches) >= 2
    image = pane.viewport().grab().toImage()
    focus = QColor(FOCUS["light"][0])
    current = pane.cursorRect(pane.textCursor())
    outline = next(o for o in outlines if not o.intersects(QRect(current.left() - 200, current.top(), 400, 1)))
    edge = [image.pixelColor(x, outline.top()) for x in range(outline.left() + 2, outline.right() - 1)]
    assert edge and all(colour == focus for colour in edge)  # drawn along the whole top edge

    qtbot.keyClick(window.find_bar.field, Qt.Key.Key_Escape)
    assert pane.find_outlines() == []
    window.find_bar.open_bar()  # the query is still there: so are its outlines
    assert len(pane.find_outlines()) == len(outlines)
