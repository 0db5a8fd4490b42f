"""The reading pane as a reader: every kind of block laid out as such with its highlights exact (astral
characters in each), the plain reading view, typography and themes remembered, a column of readable width
at any zoom, a saved page's pictures and a web page's (fetched only when allowed), reading time and place.

Expected document positions are worked out from the UTF-16 encoding itself, not with the code under test.
"""
from __future__ import annotations

from PySide6.QtGui import QTextCursor, QTextFormat, QTextListFormat
from PySide6.QtWidgets import QApplication

from tests import structured
from viewer.core.article import BlockKind, reading_minutes
from viewer.core.groups import group_of
from viewer.ui.reading_pane import ZOOM_RANGE
from viewer.ui.typography import MIN_SIDE_MARGIN, Typography

# Every kind of block, each with names the model tags and characters outside the Basic Multilingual Plane.
ASTRAL = """# Talks 😀 in Islamabad with Toyota

😀😀 Pakistan's industries minister met Japan's ambassador 🇵🇰 in Islamabad on Monday, officials said.

![A harbour crane](crane.png)

*Toyota 🚗 executives in Karachi on Tuesday.*

## Plans 🚀 for Karachi and Lahore

The 𝐌𝐚𝐭𝐡 team 🚀 from Toyota will visit Karachi in March, 𠀀 the minister told Reuters.

- Shares of Toyota 📈 rose in Tokyo after the news.
  - Honda 🏍️ shares fell in Osaka on Friday.
- The Karachi 📉 index fell by two percent.

1. Pakistan 🇵🇰 will cut tariffs in June.
2. Japan 🗾 will open a plant in Lahore.

> "We welcome Toyota 🎉 to Pakistan," said Imran Khan in Islamabad.

| Maker 🏭 | City |
|---|---|
| Toyota 🚗 | Nagoya |

```
Sony 🎮 sold 3 units in Berlin
```

The talks 🤝 will resume in Tokyo next month, the Foreign Office said.
"""


def utf16(text: str, offset: int) -> int:
    return len(text[:offset].encode("utf-16-le")) // 2


def open_and_wait(qtbot, window, source) -> None:
    with qtbot.waitSignal(window.analysis_shown, timeout=120_000):
        assert window.open_source(source)
    qtbot.waitUntil(lambda: window.reading_pane.highlights_pending() == 0, timeout=10_000)


def layout_highlights(pane) -> list[tuple[int, str]]:
    """(document position, text) of every format range in the block layouts, read back through the document."""
    document = pane.document()
    shown = []
    block = document.begin()
    while block.isValid():
        for format_range in block.layout().formats():
            start = block.position() + format_range.start
            cursor = QTextCursor(document)
            cursor.setPosition(start)
            cursor.setPosition(start + format_range.length, QTextCursor.MoveMode.KeepAnchor)
            shown.append((start, cursor.selectedText()))
        block = block.next()
    return sorted(shown)


def visible_mentions(window):
    hidden = window.entity_panel.model.hidden_groups()
    return [m for m in sorted(window.analysis.mentions, key=lambda m: m.start) if group_of(m.label).name not in hidden]


def test_every_kind_is_laid_out_as_such_with_exact_highlights(qtbot, window, tmp_path):
    path = tmp_path / "talks.md"
    path.write_text(ASTRAL, encoding="utf-8")
    open_and_wait(qtbot, window, path)
    pane, article = window.reading_pane, window.article
    text = article.text
    document = pane.document()
    assert pane.toPlainText() == text  # structure is formatting only: not a character more or less
    assert {block.kind for block in article.blocks} == set(BlockKind)

    numbers = []
    for block in article.blocks:
        first = document.findBlock(utf16(text, block.start))
        assert first.position() == utf16(text, block.start)
        cursor = QTextCursor(first)
        cursor.movePosition(QTextCursor.MoveOperation.NextCharacter)
        char_format = cursor.charFormat()
        size = char_format.intProperty(QTextFormat.Property.FontSizeAdjustment)
        listed = first.textList()
        assert (listed is not None) == (block.kind == BlockKind.LIST_ITEM), block
        if block.kind == BlockKind.LIST_ITEM:
            style = listed.format().style()
            if block.ordered:
                assert style == QTextListFormat.Style.ListDecimal
                numbers.append(listed.itemNumber(first) + 1)
            else:
                bullets = (QTextListFormat.Style.ListDisc, QTextListFormat.Style.ListCircle)
                assert style == bullets[min(block.depth, 1)]
            assert listed.format().indent() == block.depth + 1
        elif block.kind in (BlockKind.TITLE, BlockKind.HEADING):
            assert char_format.fontWeight() >= 600 and size == (2 if block.kind == BlockKind.TITLE else 1)
        elif block.kind == BlockKind.CAPTION:
            assert char_format.fontItalic() and size == -1
        elif block.kind == BlockKind.PREFORMATTED:
            assert char_format.fontFixedPitch()
        elif block.kind == BlockKind.QUOTE:
            assert first.blockFormat().indent() == 1
        elif block.kind == BlockKind.TABLE_ROW:  # the first row names the columns ("Maker | City"): bold
            assert (char_format.fontWeight() >= 600) == (block is next(b for b in article.blocks
                                                                       if b.kind == BlockKind.TABLE_ROW))
        else:
            assert char_format.fontWeight() < 600 and size == 0 and first.blockFormat().indent() == 0
    assert numbers == [1, 2]

    # The highlights cover exactly the mentions' words, in every kind of block.
    mentions = visible_mentions(window)
    assert layout_highlights(pane) == [(utf16(text, m.start), m.text) for m in mentions]
    highlighted_kinds = {next(b.kind for b in article.blocks if b.start <= m.start < b.end) for m in mentions}
    assert highlighted_kinds == set(BlockKind)
    for mention in mentions:
        pane.select_span(mention.start, mention.end)
        assert pane.textCursor().selectedText() == mention.text
        assert pane.selection_span() == (mention.start, mention.end)
    # The quotation's rule is drawn beside it once it is in view.
    quote = next(b for b in article.blocks if b.kind == BlockKind.QUOTE)
    pane.scroll_to_offset(quote.start)
    assert pane.quote_rules()


STANDINGS = """# Harbour League standings

Harbour City Rovers stayed top after a draw on Saturday, and Oakvale lost again at home.

| Team | Played | Points |
|---|---|---|
| Harbour City Rovers | 12 | 30 |
| Oakvale | 12 | 7 |
| Port Lenning Athletic 🏆 | 11 | 24 |

The next round is played on Saturday.
"""


def rule_columns(pane, text: str) -> list[list[int]]:
    """The x of each cell rule ("|") of each table row, where the pane shows it."""
    document, rows = pane.document(), []
    for block in (b for b in pane.blocks() if b.kind == BlockKind.TABLE_ROW):
        row = text[block.start:block.end]
        xs = []
        for at in (i for i, c in enumerate(row) if c == "|"):
            cursor = QTextCursor(document)
            cursor.setPosition(utf16(text, block.start + at))
            xs.append(pane.cursorRect(cursor).left())
        rows.append(xs)
    return rows


def test_a_tables_cells_line_up_in_columns_and_its_text_is_untouched(qtbot, window, tmp_path):
    path = tmp_path / "standings.md"
    path.write_text(STANDINGS, encoding="utf-8")
    open_and_wait(qtbot, window, path)
    pane, text = window.reading_pane, window.article.text
    assert pane.toPlainText() == text and " | " in text  # formatting only: a copy still gives the cells' rules
    assert pane.aligned_tables() == 1
    rows = rule_columns(pane, text)
    assert len(rows) == 4 and all(row == rows[0] for row in rows), rows  # every row's rules at the same x
    assert rows[0][0] < rows[0][1]
    pane.set_zoom(4)  # larger type: measured again, still in line, further apart
    wider = rule_columns(pane, text)
    assert all(row == wider[0] for row in wider) and wider[0][1] - wider[0][0] > rows[0][1] - rows[0][0]
    pane.set_zoom(0)

    # A table too wide for the column even in smaller type stays lines, its rules where its words end.
    wide = "# Wide\n\nA table follows.\n\n" + "\n".join(
        ["| " + " | ".join(f"Heading number {n} of many" for n in range(9)) + " |", "|---" * 9 + "|"]
        + ["| " + " | ".join(f"{r} cell of row {r} with words" for _ in range(9)) + " |" for r in range(3)]) + "\n"
    path = tmp_path / "wide.md"
    path.write_text(wide, encoding="utf-8")
    open_and_wait(qtbot, window, path)
    assert window.reading_pane.aligned_tables() == 0


def test_the_plain_reading_view_takes_every_highlight_off_and_back(qtbot, window, tmp_path):
    path = tmp_path / "talks.md"
    path.write_text(ASTRAL, encoding="utf-8")
    open_and_wait(qtbot, window, path)
    pane = window.reading_pane
    hidden = window.entity_panel.model.hidden_groups()
    highlighted = pane.highlighted_spans()
    assert highlighted

    window.actions_by_name["plain_view"].trigger()
    qtbot.waitUntil(lambda: pane.highlights_pending() == 0)
    assert pane.highlighted_spans() == [] and layout_highlights(pane) == []
    assert window.actions_by_name["plain_view"].isChecked() and window.settings.get("view/plain")
    assert window.entity_panel.model.hidden_groups() == hidden  # the groups' choices are untouched

    # The sidebar still works: choosing an entity selects its first mention in the text.
    entity = next(e for e in window.analysis.entities if e.name == "Toyota")
    window.entity_panel.select_entity(entity.id)
    first = window.analysis.mentions_of(entity.id)[0]
    qtbot.waitUntil(lambda: pane.selection_span() == (first.start, first.end))
    assert pane.textCursor().selectedText() == "Toyota"

    window.actions_by_name["plain_view"].trigger()
    qtbot.waitUntil(lambda: pane.highlights_pending() == 0)
    assert pane.highlighted_spans() == highlighted
    assert not window.settings.get("view/plain")


def test_typography_theme_and_views_are_remembered(qtbot, window, settings, sample_path):
    from viewer.ui.main_window import MainWindow

    open_and_wait(qtbot, window, sample_path)
    actions = window.actions_by_name
    assert window.reading_pane.typography() == Typography("sans", 140, "normal")  # the defaults
    assert not settings.get("view/load_images")  # pictures from the web: off unless the reader turns them on
    actions["serif_font"].trigger()
    assert window.statusBar().currentMessage() == "Serif, line spacing 1.4, normal margins"
    actions["line_spacing"].trigger()
    actions["margins"].trigger()
    while window.theme.theme != "sepia":
        actions["cycle_theme"].trigger()
    actions["plain_view"].trigger()
    actions["load_images"].trigger()
    chosen = window.reading_pane.typography()
    assert chosen == Typography("serif", 160, "wide")
    window.close()

    second = MainWindow(window.service, settings)
    qtbot.addWidget(second)
    second.ensure_commands()
    pane = second.reading_pane
    assert pane.typography() == chosen
    assert pane.font().families()[0] in ("serif", "Georgia")
    assert second.theme.theme == "sepia"
    assert pane.palette().color(pane.palette().ColorRole.Base).name() == "#f4ecd8"
    assert pane.is_plain()
    for name in ("serif_font", "plain_view", "load_images"):
        assert second.actions_by_name[name].isChecked(), name
    second.theme.apply("system")
    second.close()


def test_stored_typography_that_is_not_a_choice_falls_back(settings):
    settings.set("view/font", "comic")
    settings.set("view/line_spacing", 999)
    settings.set("view/margins", "huge")
    assert Typography.valid(settings.get("view/font"), settings.get("view/line_spacing"),
                            settings.get("view/margins")) == Typography()


def longest_line(pane, block_number: int) -> int:
    layout = pane.document().findBlockByNumber(block_number).layout()
    return max(layout.lineAt(index).textLength() for index in range(layout.lineCount()))


def test_the_column_holds_at_most_about_seventy_characters_at_any_zoom(qtbot, window, tmp_path):
    paragraph = " ".join(structured.LEDE.replace(" 🌊", "") for _ in range(6))
    path = tmp_path / "long.txt"
    path.write_text(f"A headline for the test\n\n{paragraph}\n", encoding="utf-8")
    window.view.toggle_sidebar()
    window.resize(1900, 900)
    open_and_wait(qtbot, window, path)
    pane = window.reading_pane
    for margins, most in (("normal", 70), ("narrow", 76), ("wide", 62)):
        pane.set_typography(Typography("sans", 140, margins))
        for steps in range(ZOOM_RANGE[0], ZOOM_RANGE[1] + 1, 2):
            pane.set_zoom(steps)
            QApplication.processEvents()
            lines = longest_line(pane, 2)
            left, right = pane.column_edges()
            if pane.column_width() < pane.viewport().width() - 2 * MIN_SIDE_MARGIN - 2:
                assert lines <= most, (margins, steps, lines)
                assert abs(left - (pane.viewport().width() - right)) <= 2  # centred
            else:  # the type is too large for the column: the pane's width, less a margin each side
                assert left >= MIN_SIDE_MARGIN - 1
    pane.set_zoom(0)
    window.view.toggle_sidebar()


def test_a_saved_pages_picture_is_shown_at_its_place(qtbot, window, tmp_path):
    page = structured.save_complete(tmp_path)
    open_and_wait(qtbot, window, page)
    pane = window.reading_pane
    shelf = pane.image_shelf()
    (picture,) = shelf.pictures
    qtbot.waitUntil(lambda: picture.state == "shown", timeout=10_000)
    # Scaled to the column, keeping its shape; its block keeps the room for it above its text.
    assert picture.size.width() <= pane.column_width() + 1
    assert abs(picture.size.width() / picture.size.height() - 800 / 450) < 0.02
    block = pane.document().findBlock(pane.offsets.to_document(picture.image.offset))
    assert block.blockFormat().topMargin() >= picture.height
    pane.scroll_to_offset(0)
    QApplication.processEvents()
    shot = pane.viewport().grab().toImage()
    centre = picture.rect.center()
    assert shot.pixelColor(centre).name() == "#3a7ca5"  # the PNG's colour, painted where the picture is
    assert picture.rect.left() >= pane.column_edges()[0] - 1 and picture.rect.right() <= pane.column_edges()[1] + 1
    # Its caption is painted under it (the page's text does not hold it), its alt text is its tooltip.
    assert picture.caption == structured.CAPTION
    assert shelf.describe_at(centre) == structured.ALT
    assert pane.toPlainText() == window.article.text


def test_a_web_pages_pictures_are_fetched_only_when_allowed(qtbot, window, local_server):
    image_path = "/news/" + structured.IMAGE_FILE.replace(" ", "%20")
    local_server.page(image_path, structured.png(400, 225), "image/png")
    url = local_server.page("/news/tidal.html", structured.saved_page())
    with qtbot.waitSignal(window.article_shown, timeout=30_000):
        window.open_source(url)
    shelf = window.reading_pane.image_shelf()
    (picture,) = shelf.pictures
    assert picture.state == "blocked"  # a quiet frame with its words stands in its place
    qtbot.wait(300)
    assert local_server.paths() == ["/news/tidal.html"]  # the page only

    window.actions_by_name["load_images"].trigger()
    qtbot.waitUntil(lambda: picture.state == "shown", timeout=20_000)
    assert local_server.paths() == ["/news/tidal.html", image_path]
    assert picture.picture.size().width() == 400


def test_a_frame_standing_in_for_a_picture_holds_all_its_words(qtbot, window, local_server):
    """A long alt text is not cut off: the frame is as high as its words need, and the text makes room for it."""
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QFontMetrics

    from viewer.ui.article_images import FRAME_FLAGS, FRAME_PADDING, PLACEHOLDER_LINES

    long_alt = "; ".join([structured.ALT] * 6)
    page = structured.saved_page().replace(f'alt="{structured.ALT}"', f'alt="{long_alt}"')
    url = local_server.page("/news/long-alt.html", page)
    with qtbot.waitSignal(window.article_shown, timeout=30_000):
        window.open_source(url)
    pane = window.reading_pane
    (picture,) = pane.image_shelf().pictures
    assert picture.state == "blocked" and picture.words() == long_alt
    across, down = FRAME_PADDING
    inside = QRect(0, 0, picture.size.width() - 2 * across, picture.size.height() - 2 * down)
    drawn = QFontMetrics(pane.image_shelf().caption_font()).boundingRect(inside, FRAME_FLAGS, picture.frame_text())
    assert drawn.height() <= inside.height()  # every line of its words inside the frame
    assert picture.size.height() > PLACEHOLDER_LINES * QFontMetrics(pane.font()).lineSpacing()  # it grew for them
    block = pane.document().findBlock(pane.offsets.to_document(picture.image.offset))
    assert block.blockFormat().topMargin() >= picture.height  # and the text below it moved down as much


def test_reading_time_progress_and_place_are_kept_per_article(qtbot, window, settings, tmp_path, sample_path):
    from viewer.ui.main_window import MainWindow

    paragraphs = [f"Paragraph {n}. " + structured.CLOSING for n in range(60)]
    text = "A long read for the test\n\n" + "\n\n".join(paragraphs) + "\n"
    path = tmp_path / "long.txt"
    path.write_text(text, encoding="utf-8")
    open_and_wait(qtbot, window, path)
    pane = window.reading_pane
    minutes = reading_minutes(window.article.text)
    assert minutes >= 6 and f"{minutes} min read" in window.header.meta.text()
    assert window.reading_progress.fraction() == 0.0

    target = window.article.text.index("Paragraph 30.")
    pane.scroll_to_offset(target)
    QApplication.processEvents()
    assert 0.3 < window.reading_progress.fraction() < 0.7
    assert window.reading_progress.fraction() == pane.reading_fraction()
    place = pane.top_offset()
    assert abs(place - target) < 200

    open_and_wait(qtbot, window, sample_path)  # another article, which opens at its top
    assert pane.top_offset() == 0
    open_and_wait(qtbot, window, path)
    # The library says where the article was left a moment after it is shown (it is read off the GUI thread).
    qtbot.waitUntil(lambda: pane.top_offset() == place, timeout=5000)  # back where the reader left it
    pane.verticalScrollBar().setValue(pane.verticalScrollBar().maximum())
    QApplication.processEvents()
    assert window.reading_progress.fraction() == 1.0
    end_place = pane.top_offset()
    window.close()

    second = MainWindow(window.service, settings)
    qtbot.addWidget(second)
    second.show()
    open_and_wait(qtbot, second, path)
    qtbot.waitUntil(lambda: second.reading_pane.top_offset() == end_place, timeout=5000)  # and after a restart
    second.close()


def test_the_pdf_export_keeps_lists_and_the_picture(qtbot, tmp_path):
    from PySide6.QtGui import QTextDocument

    from viewer.core.analysis import Analysis
    from viewer.core.loaders import load
    from viewer.ui.exporting import print_document

    structured.save_complete(tmp_path)
    path = tmp_path / "story.md"
    path.write_text(structured.markdown(), encoding="utf-8")
    document = print_document(Analysis(article=load(path)))
    items, block = [], document.begin()
    while block.isValid():
        if block.textList() is not None:
            items.append((block.text(), block.textList().format().style()))
        block = block.next()
    assert [text for text, _style in items] == structured.BULLETS + structured.STEPS
    assert {style for _text, style in items[3:]} == {QTextListFormat.Style.ListDecimal}
    assert "<img" in document.toHtml()
    assert isinstance(document, QTextDocument)
