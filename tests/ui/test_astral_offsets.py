"""Offsets in the core are Python string offsets; Qt's document positions count UTF-16 units.

They differ after every character outside the Basic Multilingual Plane (most
emoji, flags, some CJK, mathematical letters). The window shows articles with
such characters before their entities: every highlight, selection, key-point
mark, link, find result and caret lookup must still land on exactly the words
the core means. Expected document positions are worked out here from the UTF-16
encoding itself, not with the code under test.
"""
from __future__ import annotations

from hypothesis import given, strategies as st
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QHelpEvent, QTextCursor
from PySide6.QtWidgets import QApplication, QToolTip

from viewer.core.groups import group_of
from viewer.ui.offsets import TextOffsets

from tests.ui.test_key_points import item_option

ARTICLE = ("Talks 😀\n\n"
           "😀😀 Pakistan's industries minister met Japan's ambassador 🇵🇰 in Islamabad on Monday.\n")

# Markdown, so the article also has a headline and a link after astral characters.
MARKDOWN = ("# Trade talks 😀 in Islamabad\n\n"
            "😀😀 Pakistan's industries minister met [Japan's ambassador 🇵🇰](https://example.org/japan) "
            "in Islamabad on Monday, officials said.\n\n"
            "The 𝐌𝐚𝐭𝐡 team 🚀 from Toyota will visit Karachi in March, 𠀀 the minister told Reuters.\n\n"
            "Shares of Toyota 📈 rose 3 percent in Tokyo after the news 🎉, while the Karachi index fell.\n")


def utf16(text: str, offset: int) -> int:
    """The QTextDocument position of text[offset]."""
    return len(text[:offset].encode("utf-16-le")) // 2


def document_span(document, start: int, end: int) -> str:
    cursor = QTextCursor(document)
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    return cursor.selectedText()


def open_article(qtbot, window, path, text: str):
    path.write_text(text, encoding="utf-8")
    with qtbot.waitSignal(window.analysis_shown, timeout=120_000):
        assert window.open_source(path)
    qtbot.waitUntil(lambda: window.reading_pane.highlights_pending() == 0, timeout=10_000)
    return window.analysis


def visible_mentions(window):
    hidden = window.entity_panel.model.hidden_groups()
    return [m for m in sorted(window.analysis.mentions, key=lambda m: m.start)
            if group_of(m.label).name not in hidden]


# -- the mapping itself --
@given(st.text(alphabet=st.sampled_from("ab \n\u00e9\u4e2d😀🇵𝐌\U00020000"), max_size=40))
def test_offsets_match_the_utf16_encoding(text):
    offsets = TextOffsets(text)
    assert offsets.identity == (len(text.encode("utf-16-le")) // 2 == len(text))
    for offset in range(len(text) + 1):
        position = utf16(text, offset)
        assert offsets.to_document(offset) == position
        assert offsets.to_text(position) == offset
    for offset, char in enumerate(text):
        if ord(char) > 0xFFFF:  # the second half of a surrogate pair belongs to the same character
            assert offsets.to_text(utf16(text, offset) + 1) == offset


@given(st.lists(st.sampled_from(["ab", " ", "\n", "😀", "x" * 9000, "é"]), max_size=12),
       st.sampled_from([2, 3, 7]))
def test_the_documents_own_breaks_in_long_runs_are_counted_too(parts, every):
    """A run of more than UNBROKEN_RUN characters is shown in blocks; every offset still maps exactly."""
    import viewer.ui.offsets as offsets_module

    text = "".join(parts)
    breaks = offsets_module.display_breaks(text)
    shown = offsets_module.with_breaks(text, breaks)
    assert shown.replace("\n", "") == text.replace("\n", "") and shown.count("\n") == text.count("\n") + len(breaks)
    offsets = TextOffsets(text, breaks)
    for offset in range(0, len(text) + 1, every):
        position = utf16(shown, offset + sum(1 for b in breaks if b <= offset))
        assert offsets.to_document(offset) == position
        assert offsets.to_text(position) == offset
    for start in breaks:  # a span ending at a break ends before the document's newline
        assert offsets.end_to_document(start) == offsets.to_document(start) - 1


def test_long_runs_are_cut_into_blocks_and_highlights_are_cut_with_them():
    from viewer.ui.highlighting import block_starts, group_by_block
    from viewer.ui.offsets import BREAK_EVERY, display_breaks

    text = "Intro line\n" + "q" * (3 * BREAK_EVERY)
    breaks = display_breaks(text)
    assert breaks == [11 + BREAK_EVERY, 11 + 2 * BREAK_EVERY]
    starts = block_starts(text, breaks)
    assert starts == [0, 11, *breaks]
    across, at_end = (breaks[0] - 5, breaks[0] + 5, "People"), (breaks[1] - 4, breaks[1], "Places")
    grouped = group_by_block([across, at_end], starts, frozenset(breaks))
    assert grouped == {1: [(BREAK_EVERY - 5, 5, "People")], 2: [(0, 5, "People"), (BREAK_EVERY - 4, 4, "Places")]}


def test_a_text_without_astral_characters_is_mapped_as_it_is():
    offsets = TextOffsets("Zürich – 東京 ­and ascii")
    assert offsets.identity
    assert offsets.span_to_document(3, 9) == (3, 9) and offsets.span_to_text(3, 9) == (3, 9)


# -- the window --
def test_mentions_after_emoji_are_selected_exactly(qtbot, window, tmp_path):
    open_article(qtbot, window, tmp_path / "emoji.txt", ARTICLE)
    mentions = window.analysis.mentions
    assert any(m.text == "Islamabad" for m in mentions)
    for mention in mentions:
        window.reading_pane.select_span(mention.start, mention.end)
        assert window.reading_pane.textCursor().selectedText() == mention.text
        assert window.reading_pane.selection_span() == (mention.start, mention.end)


def test_highlights_headline_links_and_key_points_cover_exactly_their_text(qtbot, window, tmp_path):
    analysis = open_article(qtbot, window, tmp_path / "emoji.md", MARKDOWN)
    text = analysis.text
    pane = window.reading_pane
    document = pane.document()
    mentions = visible_mentions(window)
    assert sum(1 for m in mentions if any(ord(c) > 0xFFFF for c in text[:m.start])) >= 5

    # Highlights: what each block layout's format ranges cover, read back through the document.
    shown = []
    block = document.begin()
    while block.isValid():
        for format_range in block.layout().formats():
            start = block.position() + format_range.start
            shown.append((start, document_span(document, start, start + format_range.length)))
        block = block.next()
    assert sorted(shown) == [(utf16(text, m.start), m.text) for m in mentions]
    assert pane.highlighted_spans() == sorted((m.start, m.end, group_of(m.label).name) for m in mentions)

    # The headline is bold up to its last character and no further.
    end = utf16(text, text.index("\n"))
    cursor = QTextCursor(document)
    cursor.setPosition(end)  # the format of the character before: the headline's last
    assert cursor.charFormat().fontWeight() >= 600
    cursor.setPosition(end + 3)
    assert cursor.charFormat().fontWeight() < 600

    # The link is an anchor on exactly its words.
    link = window.article.links[0]
    assert text[link.start:link.end] == "Japan's ambassador 🇵🇰"
    cursor.setPosition(utf16(text, link.start))
    assert not cursor.charFormat().isAnchor()
    cursor.setPosition(utf16(text, link.start) + 1)
    assert cursor.charFormat().anchorHref() == link.url
    cursor.setPosition(utf16(text, link.end))
    assert cursor.charFormat().anchorHref() == link.url
    cursor.setPosition(utf16(text, link.end) + 1)
    assert not cursor.charFormat().isAnchor()

    # Choosing a key point marks exactly its sentence; the list colours exactly its entities.
    view = window.key_point_panel
    for row, point in enumerate(analysis.key_points):
        window.navigation.go_to_key_point(point)
        flash = pane.extraSelections()
        assert len(flash) == 1 and flash[0].cursor.selectedText() == point.text
        assert pane.key_point_span() == (point.start, point.end)
        assert pane.cursor_offset() == point.start
        index = view.model().index(row, 0)
        item = view.delegate.document(item_option(view, index), index)
        coloured = []
        block = item.begin()
        while block.isValid():
            for fragment in block_fragments(block):
                if fragment.charFormat().background().style() != Qt.BrushStyle.NoBrush:
                    coloured.append(fragment.text())
            block = block.next()
        inside = [m.text for m in mentions if point.start <= m.start and m.end <= point.end]
        assert coloured == inside


def block_fragments(block):
    iterator = block.begin()
    while not iterator.atEnd():
        yield iterator.fragment()
        iterator += 1


def test_keys_and_find_work_on_text_offsets_after_emoji(qtbot, window, tmp_path):
    analysis = open_article(qtbot, window, tmp_path / "emoji.md", MARKDOWN)
    text = analysis.text
    pane = window.reading_pane
    mentions = visible_mentions(window)
    pane.setFocus()
    pane.moveCursor(QTextCursor.MoveOperation.Start)

    # n walks every highlighted mention in order, selecting exactly its words; p walks back.
    for mention in mentions:
        qtbot.keyClick(pane, Qt.Key.Key_N)
        assert pane.textCursor().selectedText() == mention.text
        assert pane.textCursor().selectionStart() == utf16(text, mention.start)
    for mention in reversed(mentions[:-1]):
        qtbot.keyClick(pane, Qt.Key.Key_P)
        assert pane.textCursor().selectedText() == mention.text

    # e shows the entity of the mention under the caret (placed inside it, after the emoji).
    for mention in mentions[-3:]:
        cursor = pane.textCursor()
        cursor.setPosition(utf16(text, mention.start) + 1)
        pane.setTextCursor(cursor)
        assert window.cursor_entity.text().startswith(mention.text + " — ")
        qtbot.keyClick(pane, Qt.Key.Key_E)
        assert window.entity_panel.current_entity().id == mention.entity

    # The tooltip names the mention under the mouse.
    mention = mentions[-1]
    cursor = pane.textCursor()
    cursor.setPosition(utf16(text, mention.start) + 1)
    position = pane.viewport().mapTo(pane, pane.cursorRect(cursor).center())
    QApplication.sendEvent(pane, QHelpEvent(QEvent.Type.ToolTip, position, pane.mapToGlobal(position)))
    qtbot.waitUntil(QToolTip.isVisible, timeout=3000)
    assert QToolTip.text().startswith(mention.text + " — ")
    QToolTip.hideText()

    # The find bar's matches are text offsets too and select exactly the word.
    qtbot.keyClick(pane, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    pane.moveCursor(QTextCursor.MoveOperation.Start)
    qtbot.keyClicks(window.find_bar.field, "karachi")
    first = text.index("Karachi")
    second = text.index("Karachi", first + 1)
    assert window.find_bar.matches() == [(first, first + 7), (second, second + 7)]
    assert pane.textCursor().selectedText() == "Karachi"
    assert pane.selection_span() == (first, first + 7)
    qtbot.keyClick(window.find_bar.field, Qt.Key.Key_Return)
    assert pane.selection_span() == (second, second + 7)
    assert pane.textCursor().selectedText() == "Karachi"
    assert window.find_bar.current_match() == 1
