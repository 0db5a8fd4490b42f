"""Changing shortcuts, the keymap's rules, the palette's matching and focus behaviour, with real keys."""
from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QWidget

from viewer.ui.actions import COMMANDS, KEYMAP, Keymap, default_sequences, parse_overrides, readme_table
from viewer.ui.palette import ChoiceModel, Choice, fuzzy_score

from .test_keyboard import focused, press, type_text

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def portable(sequences) -> list[str]:
    return [s.toString(QKeySequence.SequenceFormat.PortableText) for s in sequences]


def test_change_a_shortcut_in_the_dialog_refusing_conflicts(qtbot, window, settings):
    from viewer.ui.main_window import MainWindow

    window.activateWindow()
    window.reading_pane.setFocus()
    focused(qtbot, window.reading_pane)
    press(qtbot, Qt.Key.Key_F1)
    dialog = window.dialog("shortcuts")
    focused(qtbot, dialog.search)
    type_text(qtbot, "zoom in")
    assert dialog.current_name() == "zoom_in"
    before = portable(window.actions_by_name["zoom_in"].shortcuts())

    # A key another command owns is refused, with a sentence naming that command.
    press(qtbot, Qt.Key.Key_Return)
    focused(qtbot, dialog.recorder)
    press(qtbot, Qt.Key.Key_O, CTRL)
    qtbot.waitUntil(lambda: not dialog.recorder_row.isVisible())
    assert "already used by “Open”" in dialog.message.text()
    assert portable(window.actions_by_name["zoom_in"].shortcuts()) == before
    assert settings.get("shortcuts/overrides") == {}

    # A free key is taken; only that change is stored.
    press(qtbot, Qt.Key.Key_Return)
    focused(qtbot, dialog.recorder)
    press(qtbot, Qt.Key.Key_Z, CTRL | SHIFT)
    qtbot.waitUntil(lambda: not dialog.recorder_row.isVisible())
    assert portable(window.actions_by_name["zoom_in"].shortcuts()) == ["Ctrl+Shift+Z"]
    assert dialog.keys_shown("zoom_in").endswith("(changed)")
    assert settings.get("shortcuts/overrides") == {"zoom_in": ["Ctrl+Shift+Z"]}

    # Esc while recording cancels, and leaves the dialog open.
    press(qtbot, Qt.Key.Key_Return)
    focused(qtbot, dialog.recorder)
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.recorder_row.isVisible())
    assert dialog.isVisible() and portable(window.actions_by_name["zoom_in"].shortcuts()) == ["Ctrl+Shift+Z"]
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())

    # The new key works, and a new window (same settings) has it too.
    focused(qtbot, window.reading_pane)
    size = window.reading_pane.font().pointSizeF()
    press(qtbot, Qt.Key.Key_Z, CTRL | SHIFT)
    assert window.reading_pane.font().pointSizeF() == size + 1
    second = MainWindow(window.service, settings)
    qtbot.addWidget(second)
    assert portable(second.actions_by_name["zoom_in"].shortcuts()) == ["Ctrl+Shift+Z"]

    # Reset to default removes the override.
    window.help.show_shortcuts()
    dialog = window.dialog("shortcuts")
    dialog.select("zoom_in")
    dialog.reset_button.click()
    assert portable(window.actions_by_name["zoom_in"].shortcuts()) == before
    assert settings.get("shortcuts/overrides") == {}
    dialog.close()


def test_keymap_ignores_bad_and_clashing_overrides():
    raw = {"zoom_in": ["Ctrl+Shift+Z"], "nonsense": ["Ctrl+J"], "zoom_out": "Ctrl+M", "find": [3],
           "about": ["Ctrl+O"]}  # Ctrl+O is Open's
    keymap = Keymap(raw)
    assert keymap.overrides == {"zoom_in": ["Ctrl+Shift+Z"]}
    assert Keymap({"about": []}).overrides == {"about": []}  # an empty list means "no key", on purpose
    assert Keymap("not a dict").overrides == {}
    assert parse_overrides(None) == {}
    # Setting the defaults back stores nothing.
    assert keymap.set_keys("zoom_in", default_sequences(COMMANDS["zoom_in"])) is None
    assert "zoom_in" not in keymap.overrides
    # Swapping keys between commands survives a reload: Open moves away, About takes Ctrl+O.
    swapped = Keymap({"open": ["Ctrl+Shift+9"], "about": ["Ctrl+O"]})
    assert swapped.overrides == {"open": ["Ctrl+Shift+9"], "about": ["Ctrl+O"]}
    # Plain navigation keys stay with the widgets.
    assert "moving around" in keymap.set_keys("about", [QKeySequence("Down")])
    assert "single key combination" in keymap.set_keys("about", [QKeySequence("Ctrl+X, Ctrl+Y")])


def test_default_keys_never_clash():
    owner: dict[str, str] = {}
    for command in KEYMAP:
        for key in portable(default_sequences(command)):
            assert key not in owner, f"{key} is used by {owner.get(key)} and {command.name}"
            owner[key] = command.name


def test_fuzzy_matching_prefers_word_starts():
    assert fuzzy_score("zin", "Zoom In") is not None
    assert fuzzy_score("xyz", "Zoom In") is None
    model = ChoiceModel([Choice("Zoom Out", "Ctrl+-", "zoom_out"), Choice("Zoom In", "Ctrl++", "zoom_in"),
                         Choice("Find Next", "F3", "find_next")])
    model.set_query("zi")
    assert model.choice(0).key == "zoom_in"
    model.set_query("f3")  # the keys match too
    assert model.choice(0).key == "find_next"
    model.set_query("qqq")
    assert model.rowCount() == 0
    # A match in the name beats a better-looking one in the help text.
    model = ChoiceModel([Choice("Find Next", "F3", "find_next", "Go to the next match"),
                         Choice("Switch Theme", "Ctrl+Shift+L", "cycle_theme", "Light, dark or system")])
    model.set_query("thm")
    assert model.choice(0).key == "cycle_theme"


def test_single_letter_keys_do_not_fire_in_fields(qtbot, analysed_window):
    window = analysed_window
    pane = window.reading_pane
    window.activateWindow()
    pane.select_span(0, 0)
    window.find_bar.open_bar()
    focused(qtbot, window.find_bar.field)
    type_text(qtbot, "np[e]")
    assert window.find_bar.field.text() == "np[e]"
    assert pane.key_point_span() is None
    window.find_bar.close_bar()
    # Only the find bar's own matching may have moved the selection; no mention was stepped to.
    assert "np[e]".startswith(pane.textCursor().selectedText().lower())
    window.key_point_panel.setFocus()
    focused(qtbot, window.key_point_panel)
    marked = pane.key_point_span()  # focusing the list makes its first point current
    press(qtbot, "]")  # not a command here: the list's own type-ahead
    press(qtbot, "]")
    assert pane.key_point_span() == marked


def test_tab_visits_every_pane_and_comes_back(qtbot, analysed_window):
    window = analysed_window
    window.activateWindow()
    window.reading_pane.setFocus()
    focused(qtbot, window.reading_pane)
    seen: list[QWidget] = []
    for _ in range(12):
        press(qtbot, Qt.Key.Key_Tab)
        widget = QApplication.focusWidget()
        seen.append(widget)
        if widget is window.reading_pane:
            break
    assert seen[-1] is window.reading_pane, "Tab never came back to the text: a focus trap"
    assert window.entity_panel.filter in seen and window.entity_panel.tree in seen and window.key_point_panel in seen
    assert seen.index(window.entity_panel.filter) < seen.index(window.entity_panel.tree) < seen.index(
        window.key_point_panel)
    for _ in range(len(seen)):
        press(qtbot, Qt.Key.Key_Tab, SHIFT)
    assert QApplication.focusWidget() is window.reading_pane


def test_focusable_widgets_have_accessible_names(analysed_window):
    window = analysed_window
    window.find_bar.open_bar()
    unnamed = [w.objectName() or type(w).__name__ for w in window.findChildren(QWidget)
               if w.isVisible() and w.focusPolicy() != Qt.FocusPolicy.NoFocus and not w.accessibleName()
               and w.isWindow() is False and type(w).__name__ not in ("QScrollBar", "QMenuBar", "QHeaderView",
                                                                       "QDockWidget", "QAbstractButton")
               and not type(w).__name__.startswith("QDockWidget")]
    assert unnamed == []


def test_the_status_line_names_the_type_under_the_cursor(qtbot, analysed_window):
    window = analysed_window
    mention = next(m for m in window.analysis.mentions if m.label == "GPE")
    window.reading_pane.select_span(mention.start, mention.end)
    assert window.cursor_entity.text() == f"{mention.text} — Places (GPE)"


def test_readme_shortcuts_table_is_generated_from_the_keymap():
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    assert readme_table() in readme, "run scripts/update_readme_shortcuts.py"
    for command in KEYMAP:
        assert f"| {command.title} |" in readme


def test_a_tooltip_names_the_type_of_the_entity_under_the_mouse(qtbot, analysed_window):
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QToolTip

    window = analysed_window
    pane = window.reading_pane
    mention = next(m for m in window.analysis.mentions if m.label == "PERSON")
    cursor = pane.textCursor()
    cursor.setPosition(mention.start + 1)
    point = pane.cursorRect(cursor).center()
    position = pane.viewport().mapTo(pane, point)
    event = QHelpEvent(QEvent.Type.ToolTip, position, pane.mapToGlobal(position))
    QApplication.sendEvent(pane, event)
    qtbot.waitUntil(QToolTip.isVisible, timeout=3000)
    assert QToolTip.text() == f"{mention.text} — People (PERSON)"
    QToolTip.hideText()


def test_layout_zoom_and_theme_come_back_in_a_new_window(qtbot, window, settings):
    from viewer.ui.main_window import MainWindow

    window.view.zoom_by(2)
    window.view.cycle_theme()  # dark: the system's is light here
    window.view.toggle_sidebar()  # hidden
    window.entity_panel.splitter.setSizes([300, 60])
    sizes = window.entity_panel.splitter.sizes()
    window.close()
    second = MainWindow(window.service, settings)
    qtbot.addWidget(second)
    second.show()
    assert second.reading_pane.zoom() == 2
    assert second.theme.theme == "dark"
    assert not second.view.sidebar_visible()
    second.view.toggle_sidebar()
    qtbot.waitUntil(lambda: sum(second.entity_panel.splitter.sizes()) > 100)
    restored = second.entity_panel.splitter.sizes()
    # The dock may come back a few pixels taller or shorter; the split between the two parts is kept.
    assert abs(restored[0] / sum(restored) - sizes[0] / sum(sizes)) < 0.03
    second.theme.apply("system")
    second.close()


def test_menu_mnemonics_are_unique_within_each_menu():
    from viewer.ui.actions import MENUS

    for menu in MENUS:
        letters: dict[str, str] = {}
        for command in (c for c in KEYMAP if c.menu == menu):
            text = command.text.replace("&&", "")
            assert "&" in text, f"{command.name} has no Alt-letter in its menu text"
            letter = text[text.index("&") + 1].lower()
            assert letter not in letters, f"Alt+{letter} in {menu}: {letters.get(letter)} and {command.name}"
            letters[letter] = command.name


def test_recent_list_names_files_pages_and_missing_files(tmp_path):
    from viewer.ui.file_commands import recent_choice

    present = tmp_path / "story.txt"
    present.write_text("x", encoding="utf-8")
    assert (recent_choice(str(present)).text, recent_choice(str(present)).detail) == ("story.txt", str(tmp_path))
    assert recent_choice(str(tmp_path / "gone.txt")).detail.endswith("(no longer there)")
    page = recent_choice("https://example.org/news/1")
    assert page.text == "https://example.org/news/1" and page.key == "https://example.org/news/1"
    titled = recent_choice(str(present), "Harbour reopens after the storm")
    assert (titled.text, titled.detail, titled.key) == ("Harbour reopens after the storm", str(present), str(present))
    titled_page = recent_choice("https://example.org/news/1", "Rail strike called off")
    assert (titled_page.text, titled_page.detail) == ("Rail strike called off", "https://example.org/news/1")


def test_open_recent_lists_titles_and_the_dialogs_start_in_the_last_folder(qtbot, analysed_window, sample_path):
    window = analysed_window
    window.actions_by_name["recent"].trigger()
    chooser = window.dialog("recent")
    qtbot.waitUntil(chooser.isVisible)
    shown = [chooser.model.index(row, 0).data() for row in range(chooser.model.rowCount())]
    assert shown[0] == window.article.title != sample_path.name
    chooser.close()
    window.actions_by_name["open"].trigger()
    dialog = window.dialog("open")
    assert Path(dialog.directory().absolutePath()) == sample_path.parent
    dialog.close()
    window.actions_by_name["export"].trigger()
    qtbot.waitUntil(lambda: window.files.export_dialog is not None)
    assert Path(window.files.export_dialog.path_edit.text()).parent == sample_path.parent
    window.files.export_dialog.close()


def test_choice_model_passes_the_model_tester(qtmodeltester):
    model = ChoiceModel([Choice(c.title, "", c.name, c.help) for c in KEYMAP])
    qtmodeltester.check(model)
    model.set_query("zoom")
    qtmodeltester.check(model)
    assert 0 < model.rowCount() < len(KEYMAP)


def test_the_shortcuts_dialog_shows_every_description_whole(qtbot, window):
    window.help.show_shortcuts()
    dialog = window.dialog("shortcuts")
    qtbot.waitUntil(dialog.isVisible)
    table = dialog.table
    metrics = table.fontMetrics()
    for row in range(table.model().rowCount()):
        index = table.model().index(row, 3)
        rect = table.visualRect(index)
        text = index.data()
        # Either it fits on its line or it wraps onto more: never cut short with "...".
        assert metrics.horizontalAdvance(text) <= rect.width() or rect.height() >= 2 * metrics.lineSpacing(), text
    dialog.close()


def test_the_text_size_is_said_without_a_stray_space(window):
    window.view.zoom_by(1)
    assert re.fullmatch(r"Text size \d+%", window.statusBar().currentMessage())
    window.view.zoom_by(None)
