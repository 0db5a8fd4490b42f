"""The reader's own highlights and notes in the window, made and handled with the keyboard: h on a selection,
Shift+H for a note, the Highlights pane (Enter, F2, Delete), the plain reading view, File > Export, and the
highlights coming back when the article is opened again from its file or from the library."""
from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QTextCursor
from PySide6.QtWidgets import QApplication

from viewer.ui.reading_pane import USER_HIGHLIGHT_BAR, USER_HIGHLIGHT_COLOURS

TIMEOUT = 120_000
SHIFT = Qt.KeyboardModifier.ShiftModifier
CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier


def focus(qtbot, widget) -> None:
    widget.window().activateWindow()
    widget.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget, timeout=3000)


def select_by_keys(qtbot, pane, start: int, length: int) -> None:
    """Put the caret at start and select length characters with Shift+Right, as a keyboard user does."""
    cursor = pane.textCursor()
    cursor.setPosition(pane.offsets.to_document(start))
    pane.setTextCursor(cursor)
    for _ in range(length):
        qtbot.keyClick(pane, Qt.Key.Key_Right, SHIFT)


def highlight_sentence(qtbot, window, number: int):
    """Select sentence `number` with the keyboard and press h; the Highlight made."""
    pane = window.reading_pane
    start, end = window.analysis.sentences[number]
    focus(qtbot, pane)
    select_by_keys(qtbot, pane, start, end - start)
    count = len(window.library_link.highlights())
    qtbot.keyClick(pane, Qt.Key.Key_H)
    qtbot.waitUntil(lambda: len(window.library_link.highlights()) == count + 1, timeout=10_000)
    made = next(h for h in window.library_link.highlights() if h.start == start)
    assert (made.start, made.end) == window.analysis.sentences[number]  # trailing spaces left out
    return made


def colour_at(pane, offset: int) -> QColor:
    """The background of the character at offset: the colour most of its cell is painted in (not its ink)."""
    from collections import Counter

    cursor = QTextCursor(pane.document())
    cursor.setPosition(pane.offsets.to_document(offset))
    left = pane.cursorRect(cursor)
    cursor.setPosition(pane.offsets.to_document(offset + 1))
    right = pane.cursorRect(cursor)
    image = pane.viewport().grab().toImage()
    colours = Counter(image.pixelColor(QPoint(x, y)).name() for x in range(left.left() + 1, right.left())
                      for y in range(left.top() + 1, left.bottom()))
    return QColor(colours.most_common(1)[0][0])


def drawn(qtbot, pane) -> None:
    qtbot.waitUntil(lambda: pane.highlights_pending() == 0, timeout=10_000)
    QApplication.processEvents()


def test_a_highlight_is_made_with_h_drawn_under_the_entities_and_listed(qtbot, analysed_window):
    window = analysed_window
    pane = window.reading_pane
    analysis = window.analysis
    # A sentence with an entity in it, and a word of its own outside any entity.
    number = next(n for n, (s, e) in enumerate(analysis.sentences)
                  if any(s < m.start and m.end < e for m in analysis.mentions) and e - s < 400 and n > 1)
    made = highlight_sentence(qtbot, window, number)
    assert made.quote == analysis.text[made.start:made.end]
    assert not pane.textCursor().hasSelection()  # the selection goes, so the highlight shows
    drawn(qtbot, pane)
    assert pane.marked_spans() == [(made.start, made.end)]
    pane.scroll_to_offset(made.start)
    drawn(qtbot, pane)
    cursor = QTextCursor(pane.document())
    cursor.setPosition(pane.offsets.to_document(made.end))
    pane.setTextCursor(cursor)  # the caret out of the way of the pixels looked at
    mention = next(m for m in analysis.mentions if made.start < m.start and m.end < made.end)
    plain_word = next(offset for offset in range(made.start + 1, made.end)
                      if pane.mention_at(offset) is None and not analysis.text[offset].isspace()
                      and not analysis.text[offset - 1].isspace() and pane.mention_at(offset - 1) is None)
    assert colour_at(pane, plain_word) == QColor(USER_HIGHLIGHT_COLOURS[False])
    from viewer.core.groups import group_of

    entity_colour = QColor(group_of(mention.label).light)
    assert colour_at(pane, mention.start + 1) == entity_colour  # the entity keeps its own colour inside
    bars = pane.user_highlight_bars()
    assert len(bars) == 1 and not bars[0][1]  # one bar in the right margin, no note yet
    image = pane.viewport().grab().toImage()
    assert image.pixelColor(bars[0][0].center()) == QColor(USER_HIGHLIGHT_BAR[False])
    assert bars[0][0].left() > pane.column_edges()[1]

    panel = window.highlights_panel
    assert [h.id for h in panel.highlights()] == [made.id]
    from viewer.ui.view_commands import in_front

    assert in_front(window.highlight_dock) and not in_front(window.key_point_dock)  # its tab came to the front
    assert "1 highlight" in panel.hint.text()

    # Plain reading view: the entities go, the highlight stays.
    window.actions_by_name["plain_view"].trigger()
    drawn(qtbot, pane)
    assert pane.highlighted_spans() == [] and pane.marked_spans() == [(made.start, made.end)]
    assert colour_at(pane, mention.start + 1) == QColor(USER_HIGHLIGHT_COLOURS[False])
    window.actions_by_name["plain_view"].trigger()
    drawn(qtbot, pane)
    assert pane.highlighted_spans()


def test_nothing_selected_says_how_and_a_note_is_written_with_shift_h(qtbot, analysed_window):
    window = analysed_window
    pane = window.reading_pane
    focus(qtbot, pane)
    qtbot.keyClick(pane, Qt.Key.Key_H)
    assert window.statusBar().currentMessage().startswith("Select some text first")
    made = highlight_sentence(qtbot, window, 3)
    cursor = pane.textCursor()
    cursor.setPosition(pane.offsets.to_document(made.start + 5))
    pane.setTextCursor(cursor)
    qtbot.keyClick(pane, Qt.Key.Key_H, SHIFT)
    dialog = window.dialog("note")
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.isAncestorOf(QApplication.focusWidget()), timeout=3000)
    editor = QApplication.focusWidget()
    qtbot.keyClicks(editor, "Check the ministry's figures")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # a new line in the note, not the end of it
    qtbot.keyClicks(editor, "before quoting.")
    qtbot.keyClick(editor, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: window.library_link.highlights()[0].note != "", timeout=10_000)
    assert window.library_link.highlights()[0].note == "Check the ministry's figures\nbefore quoting."
    assert pane.user_highlight_bars()[0][1]  # the margin shows it has a note
    # Shift+H again shows the note to change; emptied, it is removed.
    focus(qtbot, pane)
    qtbot.keyClick(pane, Qt.Key.Key_H, SHIFT)
    dialog = window.dialog("note")
    assert dialog.textValue() == "Check the ministry's figures\nbefore quoting."
    dialog.setTextValue("")
    dialog.accept()
    qtbot.waitUntil(lambda: window.library_link.highlights()[0].note == "", timeout=10_000)
    # Outside any highlight, Shift+H says what to do.
    cursor.setPosition(pane.offsets.to_document(made.end + 2))
    pane.setTextCursor(cursor)
    focus(qtbot, pane)
    qtbot.keyClick(pane, Qt.Key.Key_H, SHIFT)
    assert "Put the text cursor in one of your highlights" in window.statusBar().currentMessage()


def test_shift_h_just_after_h_writes_the_note_of_the_highlight_just_made(qtbot, analysed_window):
    window = analysed_window
    pane = window.reading_pane
    made = highlight_sentence(qtbot, window, 2)
    assert not pane.textCursor().hasSelection()
    qtbot.keyClick(pane, Qt.Key.Key_H, SHIFT)
    dialog = window.dialog("note")
    assert dialog is not None and dialog.isVisible()
    dialog.setTextValue("Ask for the source.")
    dialog.accept()
    qtbot.waitUntil(lambda: window.library_link.highlights()[0].note == "Ask for the source.", timeout=10_000)
    assert window.library_link.highlights()[0].id == made.id


def test_the_highlights_pane_goes_to_notes_and_removes_with_the_keyboard(qtbot, analysed_window):
    window = analysed_window
    pane = window.reading_pane
    first = highlight_sentence(qtbot, window, 2)
    second = highlight_sentence(qtbot, window, 4)
    panel = window.highlights_panel
    focus(qtbot, pane)
    qtbot.keyClick(pane, Qt.Key.Key_4, ALT)  # Go > Focus the Highlights
    qtbot.waitUntil(lambda: QApplication.focusWidget() is panel.list, timeout=3000)
    assert panel.current_highlight().id == second.id  # the one made last
    qtbot.keyClick(panel.list, Qt.Key.Key_Up)
    assert pane.selection_span() == (first.start, first.end)  # choosing one goes to it in the text
    qtbot.keyClick(panel.list, Qt.Key.Key_Down)
    assert pane.selection_span() == (second.start, second.end)
    qtbot.keyClick(panel.list, Qt.Key.Key_Up)
    pane.select_span(0, 1)
    qtbot.keyClick(panel.list, Qt.Key.Key_Return)  # Enter goes there again
    assert pane.selection_span() == (first.start, first.end)
    assert QApplication.focusWidget() is panel.list  # the reader stays in the list
    qtbot.keyClick(panel.list, Qt.Key.Key_F2)
    dialog = window.dialog("note")
    assert dialog.isVisible()
    dialog.setTextValue("The lede.")
    dialog.accept()
    qtbot.waitUntil(lambda: window.library_link.highlights()[0].note == "The lede.", timeout=10_000)
    focus(qtbot, panel.list)
    qtbot.keyClick(panel.list, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: [h.id for h in window.library_link.highlights()] == [second.id], timeout=10_000)
    assert [h.id for h in panel.highlights()] == [second.id]
    drawn(qtbot, pane)
    assert pane.marked_spans() == [(second.start, second.end)]
    library = window.library_link.library()
    assert [h.id for h in library.highlights(second.article)] == [second.id]


def test_highlights_are_exported_and_come_back_when_the_article_is_opened_again(qtbot, analysed_window, tmp_path,
                                                                                 sample_path):
    window = analysed_window
    made = highlight_sentence(qtbot, window, 3)
    window.library_link.edit_note(made, "Worth a follow-up.")
    qtbot.waitUntil(lambda: window.library_link.highlights()[0].note == "Worth a follow-up.", timeout=10_000)
    quote = " ".join(made.quote.split())
    for fmt in ("md", "html"):
        window.actions_by_name["export"].trigger()
        dialog = window.files.export_dialog
        dialog.set_format(fmt)
        target = tmp_path / f"out.{fmt}"
        dialog.path_edit.setText(str(target))
        with qtbot.waitSignal(dialog.exported):
            dialog.accept()
        written = target.read_text(encoding="utf-8")
        if fmt == "md":
            assert "## Highlights" in written and "\n> " in written and "\nWorth a follow-up.\n" in written
            block = written.split("## Highlights", 1)[1]
            assert block.index("> ") < block.index("Worth a follow")  # the note under its quote
        else:
            assert '<section class="highlights"' in written and "<blockquote>" in written
            assert '<p class="highlight-note">Worth a follow-up.</p>' in written
        assert quote.split()[0] in written.split("Highlights", 1)[1]

    window.actions_by_name["close_article"].trigger()
    assert window.reading_pane.user_highlights() == [] and window.highlights_panel.highlights() == []
    with qtbot.waitSignal(window.analysis_shown, timeout=TIMEOUT):
        window.open_source(sample_path)  # from its file again
    qtbot.waitUntil(lambda: [h.id for h in window.library_link.highlights()] == [made.id], timeout=10_000)
    assert window.highlights_panel.highlights()[0].note == "Worth a follow-up."
    # ...and from the library view, where a search finds the article by the note's words.
    view = window.library_link.show_library()
    view.search.setText("follow-up")
    view.apply_filters()
    view.model.wait()
    qtbot.waitUntil(lambda: view.model.rowCount() == 1 and not view.model.pending, timeout=10_000)
    window.actions_by_name["close_article"].trigger()
    view.open_current(first_if_none=True)
    qtbot.waitUntil(lambda: window.session.stored is not None, timeout=10_000)
    assert [h.id for h in window.library_link.highlights()] == [made.id]
    drawn(qtbot, window.reading_pane)
    assert window.reading_pane.marked_spans() == [(made.start, made.end)]
