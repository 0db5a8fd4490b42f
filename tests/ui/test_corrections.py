"""The reader corrects an entity in the window; the app remembers it for every article, and it can be undone."""
from __future__ import annotations

from PySide6.QtCore import Qt

from viewer.core.corrections import CorrectionStore


def entity_named(analysis, name: str):
    return next(e for e in analysis.entities if e.name == name)


def groups_of(window, name: str) -> set[str]:
    return {e.group for e in window.analysis.entities if e.name == name}


def test_change_the_type_of_an_entity_then_undo_it(qtbot, analysed_window, tmp_path):
    window = analysed_window
    panel = window.entity_panel
    assert groups_of(window, "JICA") == {"Organisations"}
    panel.select_entity(entity_named(window.analysis, "JICA").id)
    menu = panel.context_menu()
    assert "Change Entity &Type…" in [action.text() for action in menu.actions()]
    window.actions_by_name["change_entity_type"].trigger()
    chooser = window.dialog("change_type")
    qtbot.waitUntil(chooser.isVisible)
    qtbot.keyClicks(chooser.field, "people")
    with qtbot.waitSignal(window.analysis_shown, timeout=10_000):
        qtbot.keyClick(chooser.field, Qt.Key.Key_Return)
    assert groups_of(window, "JICA") == {"People"}
    assert any(m.text == "JICA" and m.label == "PERSON" for m in window.analysis.mentions)
    assert [c.describe() for c in CorrectionStore().list()] == ["JICA: People (PERSON)"]

    # Remembered for the next article that names it, analysed afresh.
    other = tmp_path / "other.txt"
    other.write_text("Aid agency\n\nJICA will fund a new port in Karachi, officials said on Tuesday.", encoding="utf-8")
    with qtbot.waitSignal(window.analysis_shown, timeout=120_000):
        window.open_source(other)
    assert groups_of(window, "JICA") == {"People"}

    # Undone from the list, at once.
    window.actions_by_name["corrections"].trigger()
    dialog = window.dialog("corrections")
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.list.count() == 1 and dialog.list.item(0).text() == "JICA: People (PERSON)"
    with qtbot.waitSignal(window.analysis_shown, timeout=10_000):
        dialog.undo_button.click()
    assert dialog.list.count() == 0 and dialog.empty.isVisibleTo(dialog)
    dialog.close()
    assert groups_of(window, "JICA") == {"Organisations"}
    assert CorrectionStore().list() == []


def test_not_an_entity_takes_the_name_out_of_the_sidebar_and_the_text(qtbot, analysed_window):
    window = analysed_window
    window.entity_panel.select_entity(entity_named(window.analysis, "UrduPoint").id)
    with qtbot.waitSignal(window.analysis_shown, timeout=10_000):
        window.actions_by_name["not_an_entity"].trigger()
    assert not groups_of(window, "UrduPoint")
    assert not any(m.text == "UrduPoint" for m in window.analysis.mentions)
    window.reading_pane._highlighter.flush()
    assert not any(window.analysis.text[s:e] == "UrduPoint" for s, e, _ in window.reading_pane.highlighted_spans())
    assert CorrectionStore().undo("UrduPoint") is not None


def test_a_correction_needs_a_chosen_entity(qtbot, analysed_window):
    window = analysed_window
    assert not window.actions_by_name["not_an_entity"].isEnabled()
    assert not window.actions_by_name["change_entity_type"].isEnabled()
    window.entity_panel.select_entity(entity_named(window.analysis, "Japan").id)
    assert window.actions_by_name["not_an_entity"].isEnabled()
    assert CorrectionStore().list() == []
