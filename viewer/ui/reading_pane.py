"""The reading pane: the article's text with its entities highlighted.

The document holds exactly Analysis.text (paragraphs are separated by a blank
line). Spans from the core are text offsets (code points) and the document
counts UTF-16 units, so they part after any character outside the Basic
Multilingual Plane (an emoji): the pane's methods take and give text offsets
and convert at the document's edge with offsets.TextOffsets, built once per
text (and free when the text has no such character). Highlights are applied by highlighting.MentionFormatter in
slices of the event loop, so even a 100,000-word article never freezes the
window: provisional ones while the analysis runs, then the final mentions. The
current key point is marked by a bar in the left margin beside its lines, so
the entity colours inside it stay visible; when a point is chosen its sentence also flashes briefly (an
extra selection), which never touches the text itself. The reader's own
highlights (set_user_highlights) are a marker colour under the entity colours,
shown in the plain reading view too, with a bar in the right margin beside
their lines (a dot on it when the highlight has a note).

The article's structure (headings, lists, quotations, captions) is formatting
on that same text (structure.py), set in a centred column of readable width in
the chosen typeface and line spacing (typography.py); its pictures are painted
in space kept free between blocks (article_images.py, loaded with the first
article that has any). The plain reading view turns every highlight off.
"""
from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QRect, QTimer, Signal
from PySide6.QtGui import (QColor, QFont, QPainter, QPalette, QPen, QTextBlockFormat,
                           QTextCharFormat, QTextCursor, QTextFormat, QTextOption)
from PySide6.QtWidgets import QTextBrowser, QTextEdit, QToolTip, QWidget

from ..core.article import tables as article_tables
from ..core.groups import GROUPS, LINK_ON_DARK, LINK_ON_LIGHT, TEXT_ON_DARK, TEXT_ON_LIGHT, group_of
from .highlighting import MARK, MentionFormatter, raw_spans, spans_of
from . import qt_values
from .offsets import TextOffsets, display_breaks, with_breaks
from .structure import Structure, apply_structure
from .theme import FOCUS
from .typography import Typography, body_font, side_margins

if TYPE_CHECKING:  # the dataclasses come with the analysis, after the first paint
    from PySide6.QtCore import QUrl

    from ..core.analysis import Mention
    from ..core.article import Block, Image
    from .article_images import ImageShelf
    from .tables import TableColumns

_UNBROKEN_RUN = re.compile(r"\S{10000}")  # no real word is this long; a pasted blob or a minified line is

# The current key point's background (resting, flashing) per theme; text on it is
# TEXT_ON_LIGHT / TEXT_ON_DARK, and a test checks the contrast of every pair.
KEY_POINT_COLOURS = {False: ("#fff6cc", "#ffb300"), True: ("#3a3a1a", "#ffb300")}
# Once the flash is over the point stays marked by a bar in the left margin, which
# leaves the entity colours inside the sentence as they are (3:1 against the page).
KEY_POINT_BAR = {False: "#a86f00", True: "#ffc94d"}
# The reader's own highlights: a marker colour no entity group uses (text on it is TEXT_ON_LIGHT /
# TEXT_ON_DARK, AA like the groups'), and a bar in the right margin in a deeper shade (3:1 on the page).
USER_HIGHLIGHT_COLOURS = {False: "#d7f58c", True: "#4a5a00"}
USER_HIGHLIGHT_BAR = {False: "#5c8a00", True: "#a8e05c"}
ZOOM_RANGE = (-6, 20)  # font steps of one point around the normal size
# A block longer than this is no prose anyone reads (a pasted blob, a minified line): it is shown as it
# is, across the pane, because laying it out a second time for a column or a line spacing takes seconds.
RAW_BLOCK_CHARS = 100_000
INDENT_EMS = 1.5  # a list's or a quotation's indent, in ems of the body text (Firefox Reader View: 30 px at 20 px)

_UNDERLINES = {
    "solid": QTextCharFormat.UnderlineStyle.SingleUnderline,
    "dash": QTextCharFormat.UnderlineStyle.DashUnderline,
    "dot": QTextCharFormat.UnderlineStyle.DotLine,
    "wave": QTextCharFormat.UnderlineStyle.WaveUnderline,
    "dashdot": QTextCharFormat.UnderlineStyle.DashDotLine,
    "double": QTextCharFormat.UnderlineStyle.DashDotDotLine,
    "none": QTextCharFormat.UnderlineStyle.NoUnderline,
}


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


def group_formats(dark: bool, on_links: bool = False) -> dict[str, QTextCharFormat]:
    """One character format per display group: a background plus its own underline.

    on_links: the formats for a highlight over a link, in a link's colour, so the
    link stays recognisable while the group keeps its background and underline.
    """
    formats = {}
    if on_links:
        text = LINK_ON_DARK if dark else LINK_ON_LIGHT
    else:
        text = TEXT_ON_DARK if dark else TEXT_ON_LIGHT
    for group in GROUPS:
        fmt = QTextCharFormat()
        fmt.setBackground(QColor(group.dark if dark else group.light))
        fmt.setForeground(QColor(text))
        fmt.setUnderlineStyle(_UNDERLINES[group.underline])
        fmt.setFontOverline(group.overline)
        fmt.setUnderlineColor(QColor(text if on_links else (TEXT_ON_DARK if dark else "#333333")))
        formats[group.name] = fmt
    mark = QTextCharFormat()
    mark.setBackground(QColor(USER_HIGHLIGHT_COLOURS[dark]))
    mark.setForeground(QColor(text))
    formats[MARK] = mark
    return formats


def describe_mention(mention: Mention) -> str:
    """“Pakistan — Places (GPE)”: the words for a status line or tooltip."""
    return f"{mention.text} — {group_of(mention.label).name} ({mention.label})"


class ReadingPane(QTextBrowser):
    """Read-only text with a keyboard caret, entity highlights and a key-point mark."""

    cursor_entity_changed = Signal(object)  # the Mention under the caret, or None
    highlights_done = Signal()  # every queued highlight is now in the document
    column_changed = Signal()  # the text column moved or changed width (column_edges)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("readingPane")
        self.setAccessibleName("Article text")
        self.setAccessibleDescription("The article with its named entities highlighted by type.")
        # Links never navigate the pane: the window hands an activated link to the system browser.
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setAcceptDrops(False)  # dropped files and addresses go to the window, which opens them
        self.viewport().setAcceptDrops(False)
        # A visible caret lets keyboard users move, select and copy.
        # (As ints through their properties: naming Qt's enums costs 14 ms before the first paint, qt_values.)
        qt_values.set_enum_property(self, "textInteractionFlags", qt_values.TEXT_SELECTABLE_BY_KEYBOARD
                                    | qt_values.TEXT_SELECTABLE_BY_MOUSE | qt_values.LINKS_ACCESSIBLE_BY_KEYBOARD
                                    | qt_values.LINKS_ACCESSIBLE_BY_MOUSE)
        qt_values.set_enum_property(self, "focusPolicy", qt_values.STRONG_FOCUS)
        self.setTabChangesFocus(True)  # Tab leaves the pane: there is nothing to type here
        self.document().setDocumentMargin(24)
        font = QFont(self.font())
        font.setPointSizeF(max(font.pointSizeF(), 11.0) + 1)
        self._typography = Typography()
        self._base_point_size = font.pointSizeF()
        self._zoom = 0
        self.setFont(body_font(font, self._typography.font, self._base_point_size))
        self._blocks: tuple[Block, ...] = ()
        self._structure = Structure()
        self._side_margins = (0.0, 0.0)
        self._raw = False  # the text shown has a block of RAW_BLOCK_CHARS or more: no column, no structure
        self._showing = False  # between expect_blocks and show_structure: the column waits for the structure
        self._images: ImageShelf | None = None  # made for the first article with pictures
        self._tables: TableColumns | None = None  # the tables of the text shown, if it has any
        self._mentions: list[Mention] = []
        self._starts: list[int] = []
        self.offsets = TextOffsets()  # text offsets <-> document positions of the text shown
        self._highlighter = MentionFormatter(self.document(), self._group_formats, self.visible_blocks, self)
        self._highlighter.finished.connect(self.highlights_done)
        self._key_point: tuple[int, int] | None = None
        self._find_spans: list[tuple[int, int]] = []
        self._find_starts: list[int] = []
        self._user_highlights: list = []  # the reader's Highlights (start, end, note...), in text order
        self._user_starts: list[int] = []
        self._flash_left = 0
        self._flash_timer = QTimer(self)
        self._flash_timer.setInterval(120)
        self._flash_timer.timeout.connect(self._flash_step)
        self.cursorPositionChanged.connect(self._emit_cursor_entity)
        self._apply_zoom()  # the face, its size and the indents that go with it

    def _group_formats(self) -> tuple[dict[str, QTextCharFormat], dict[str, QTextCharFormat]]:
        """The highlights' formats for the pane's palette: plain, and over a link."""
        dark = is_dark(self.palette())
        return group_formats(dark), group_formats(dark, on_links=True)

    # -- content --
    def show_text(self, text: str, headline: tuple[int, int] | None = None) -> None:
        self._mentions, self._starts = [], []
        self._find_spans, self._find_starts = [], []
        self._user_highlights, self._user_starts = [], []
        self._key_point = None
        self.setExtraSelections([])
        # setPlainText types with the caret's current format, which after an article is the
        # bold, enlarged headline's: reset it, or the next article would be all headline.
        self.moveCursor(QTextCursor.MoveOperation.Start)
        self.setCurrentCharFormat(QTextCharFormat())
        # Qt looks for a word boundary across the whole of an unbroken run on every line it
        # breaks, which is quadratic: one 5 MB line without spaces froze the window for many
        # minutes. Text with such a run is let wrap anywhere (linear); other text keeps words whole.
        # The old text goes first: a new wrap mode lays out again whatever the document holds,
        # and the old text may be such a run (going Back from it froze the window for minutes).
        self.document().clear()
        self._tables = None
        breaks = display_breaks(text)  # a very long run is shown in blocks Qt can lay out a few at a time
        self.setWordWrapMode(QTextOption.WrapMode.WrapAnywhere if _UNBROKEN_RUN.search(text)
                             else QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.setPlainText(with_breaks(text, breaks))
        self.offsets = TextOffsets(text, breaks)
        self._highlighter.reset(text, self.offsets)
        if headline is not None:
            headline = self.offsets.span_to_document(*headline)
            cursor = QTextCursor(self.document())
            cursor.setPosition(headline[0])
            block_format = QTextBlockFormat()
            block_format.setHeadingLevel(1)
            cursor.mergeBlockFormat(block_format)
            cursor.setPosition(headline[1], QTextCursor.MoveMode.KeepAnchor)
            char_format = QTextCharFormat()
            char_format.setFontWeight(QFont.Weight.Bold)
            # Relative to the pane's font (x1.5), so zooming scales the headline too.
            char_format.setProperty(QTextFormat.Property.FontSizeAdjustment, 2)
            cursor.mergeCharFormat(char_format)
        self.moveCursor(QTextCursor.MoveOperation.Start)

    def highlighting_idle(self) -> bool:
        """Whether every queued highlight is in the document (highlights_done says when it becomes so)."""
        return self._highlighter.is_idle()

    def set_mentions(self, mentions: list[Mention] | tuple[Mention, ...], grouped: dict | None = None) -> None:
        """The final mentions: highlights change only where they differ from the provisional ones."""
        self._mentions = sorted(mentions, key=lambda m: m.start)
        self._starts = [m.start for m in self._mentions]
        if grouped is not None:
            self._highlighter.set_grouped(grouped)
        else:
            self._highlighter.set_spans(spans_of(self._mentions))

    def add_provisional_mentions(self, raw: list[tuple[int, int, str]]) -> None:
        """Highlight the model's raw (start, end, label) spans while the analysis goes on."""
        self._highlighter.add_spans(raw_spans(raw))

    def highlights_pending(self) -> int:
        """Blocks still waiting for their highlights (0 when all are shown)."""
        return self._highlighter.pending()

    def highlighted_spans(self) -> list[tuple[int, int, str]]:
        """(start, end, group) of every highlight now in the document."""
        return self._highlighter.applied_spans()

    def visible_blocks(self) -> tuple[int, int]:
        """Numbers of the first and last text blocks in view."""
        top = self.cursorForPosition(QPoint(0, 0)).block()
        # Blocks are at least a line high: enough to cover the view without a second hit test.
        lines = self.viewport().height() // max(1, self.fontMetrics().lineSpacing()) + 1
        return top.blockNumber(), top.blockNumber() + lines

    def set_hidden_groups(self, hidden: frozenset[str]) -> None:
        self._highlighter.set_hidden_groups(hidden)

    def set_plain(self, plain: bool) -> None:
        """The plain reading view: every highlight off (True) or back as the groups say (False)."""
        self._highlighter.set_plain(plain)

    def is_plain(self) -> bool:
        return self._highlighter.is_plain()

    # -- structure, typography and pictures --
    def expect_blocks(self, blocks: tuple[Block, ...] | list[Block]) -> None:
        """Before show_text: the blocks of the text to come. A text with a huge block gets no column, so the
        scroll bar that appears while it is laid out does not make the pane lay it out again (seconds)."""
        self._raw = any(block.end - block.start >= RAW_BLOCK_CHARS for block in blocks)
        self._showing = True

    def show_structure(self, blocks: tuple[Block, ...] | list[Block]) -> None:
        """Lay the text shown out by its blocks' kinds (call after show_text with the same article)."""
        self._blocks = tuple(blocks)
        self.expect_blocks(self._blocks)
        self._showing = False
        if self._raw:
            self._structure = Structure()
            margin = self.document().documentMargin()
            self._side_margins = (margin, margin)
            self.column_changed.emit()
            return
        # A new text has a new root frame: its margins are set with the formats, in the same layout pass.
        self._side_margins = side_margins(self.viewport().width(), self.font(), self._typography.column_chars)
        self._structure = apply_structure(self.document(), self._blocks, self.offsets, self._typography.line_spacing,
                                          self._side_margins)
        if article_tables(self._blocks):
            from .tables import TableColumns  # only articles with tables need it

            self._tables = TableColumns(self.document(), self._blocks, self.offsets)
            self._align_tables()
        self.column_changed.emit()

    def _align_tables(self) -> None:
        """Line the tables' cells up in columns for the font, colours and column width now."""
        if self._tables is not None:
            self._tables.update(self.font(), self.column_width(), self.palette().color(QPalette.ColorRole.Text))

    def aligned_tables(self) -> int:
        """How many of the text's tables are shown in columns (the others as lines: too wide)."""
        return self._tables.aligned() if self._tables is not None else 0

    def set_images(self, images: tuple[Image, ...] | list[Image], load_from_web: bool = False) -> None:
        """Show the article's pictures in their places (call after show_structure); web ones only if allowed."""
        if not images and self._images is None:
            return
        if self._images is None:
            from .article_images import ImageShelf  # only articles with pictures need it

            self._images = ImageShelf(self)
        self._images.show(tuple(images), load_from_web)

    def set_load_images(self, allowed: bool) -> None:
        """Whether pictures on the web may be fetched: turning it on loads those of the article shown."""
        if self._images is not None:
            self._images.allow_web(allowed)

    def image_shelf(self) -> ImageShelf | None:
        return self._images

    def blocks(self) -> tuple[Block, ...]:
        return self._blocks

    def text_between(self, start: int, end: int) -> str:
        """The article's text[start:end] as the document holds it (within one block: no display breaks)."""
        cursor = QTextCursor(self.document())
        start, end = self.offsets.span_to_document(start, end)
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        return cursor.selectedText()

    def typography(self) -> Typography:
        return self._typography

    def set_typography(self, typography: Typography) -> None:
        """Another typeface, line spacing or column width, applied to the text shown."""
        old, self._typography = self._typography, typography
        if typography.font != old.font:
            self._apply_zoom()
        if typography.line_spacing != old.line_spacing and self._blocks and not self._raw:
            self._structure = apply_structure(self.document(), self._blocks, self.offsets, typography.line_spacing)
        self._update_column()
        self._align_tables()

    def _update_column(self) -> None:
        """Centre a column of the chosen width: the root frame's side margins (the text itself is untouched)."""
        if not hasattr(self, "_side_margins") or self._raw or self._showing or self.document().isEmpty():
            return  # (an empty document gets its margins with its structure: show_structure)
        margins = side_margins(self.viewport().width(), self.font(), self._typography.column_chars)
        if all(abs(a - b) < 0.5 for a, b in zip(margins, self._side_margins, strict=True)):
            return
        self._side_margins = margins
        root = self.document().rootFrame()
        frame_format = root.frameFormat()
        frame_format.setLeftMargin(margins[0])
        frame_format.setRightMargin(margins[1])
        root.setFrameFormat(frame_format)
        if self._images is not None:
            self._images.relayout()
        self._align_tables()
        self.column_changed.emit()

    def column_edges(self) -> tuple[int, int]:
        """The left and right edges of the text column, in viewport coordinates."""
        left = int(self._side_margins[0]) - self.horizontalScrollBar().value()
        return left, left + int(self.column_width())

    def column_width(self) -> float:
        return max(1.0, self.document().textWidth() - self._side_margins[0] - self._side_margins[1])

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._update_column()

    # -- the reading position --
    def top_offset(self) -> int:
        """The text offset at the top of the view: where the reader is."""
        return self.offsets.to_text(self.cursorForPosition(QPoint(self.column_edges()[0] + 1, 1)).position())

    def scroll_to_offset(self, offset: int) -> None:
        """Show text offset `offset` at the top of the view, with the caret there."""
        offset = max(0, min(offset, self.offsets.to_text(self.document().characterCount() - 1)))
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.offsets.to_document(offset))
        self.setTextCursor(cursor)
        bar = self.verticalScrollBar()
        bar.setValue(bar.value() + self.cursorRect(cursor).top())  # its line at the very top, as top_offset reads

    def reading_fraction(self) -> float:
        """How far through the article the view is: 0 at the top, 1 with its end in view."""
        bar = self.verticalScrollBar()
        return 1.0 if bar.maximum() <= 0 else bar.value() / bar.maximum()

    # -- zoom --
    def set_zoom(self, steps: int) -> int:
        """Show the text `steps` points larger (or smaller) than normal; returns the steps applied."""
        self._zoom = max(ZOOM_RANGE[0], min(ZOOM_RANGE[1], int(steps)))
        self._apply_zoom()
        return self._zoom

    def _apply_zoom(self) -> None:
        font = body_font(self.font(), self._typography.font, self._base_point_size + self._zoom)
        if font != self.font():
            self.setFont(font)
        # Indents are in pixels: keep them an em and a half of the type, whatever its size (from the
        # point size and the screen's resolution, which needs no font to be looked up before the first paint).
        self.document().setIndentWidth(font.pointSizeF() * self.logicalDpiY() / 72 * INDENT_EMS)
        self._update_column()
        self._align_tables()

    def zoom(self) -> int:
        return self._zoom

    def zoom_percent(self) -> int:
        return round(100 * (self._base_point_size + self._zoom) / self._base_point_size)

    def event(self, event) -> bool:
        if event.type() == event.Type.ToolTip:
            # Names the type of the entity under the mouse, so colour is never the only cue.
            point = self.viewport().mapFrom(self, event.pos())
            picture = self._images.describe_at(point) if self._images is not None else ""
            if picture:
                QToolTip.showText(event.globalPos(), picture, self)
                return True
            offset = self.offsets.to_text(self.cursorForPosition(point).position())
            mention = self.mention_at(offset)
            highlight = self.user_highlight_at(offset)
            tips = [describe_mention(mention)] if mention is not None else []
            if highlight is not None:
                tips.append(f"Your note: {highlight.note}" if highlight.note else "Your highlight")
            if tips:
                QToolTip.showText(event.globalPos(), "\n".join(tips), self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)

    def set_links(self, links) -> None:
        """Mark the article's links (Link spans) as anchors; the text itself is unchanged."""
        link_colour = self.palette().color(QPalette.ColorRole.Link)
        for link in links:
            start, end = self.offsets.span_to_document(link.start, link.end)
            cursor = QTextCursor(self.document())
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            char_format = QTextCharFormat()
            char_format.setAnchor(True)
            char_format.setAnchorHref(link.url)
            char_format.setToolTip(link.url)
            char_format.setForeground(link_colour)
            char_format.setFontUnderline(True)
            cursor.mergeCharFormat(char_format)
        self._highlighter.set_links([(link.start, link.end) for link in links])

    def loadResource(self, kind: int, url: QUrl) -> object:
        """Refuse every resource but the app's own: the pane never fetches images, styles or fonts."""
        if url.scheme() == "qrc":
            return super().loadResource(kind, url)
        return None

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() in (event.Type.FontChange, event.Type.StyleChange) and hasattr(self, "_zoom"):
            # A new application style sheet (a theme switch) re-resolves fonts and would undo the zoom.
            if abs(self.font().pointSizeF() - (self._base_point_size + self._zoom)) > 0.01 \
                    or self.font().families() != body_font(self.font(), self._typography.font, 1).families():
                self._apply_zoom()
        if event.type() == event.Type.PaletteChange and hasattr(self, "_highlighter"):
            self._highlighter.formats_changed()
            self._refresh_key_point()
            self._align_tables()

    # -- navigation --
    def select_span(self, start: int, end: int) -> None:
        """Select text[start:end] (text offsets) and scroll it into view."""
        start, end = self.offsets.span_to_document(start, end)
        cursor = self.textCursor()
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self._centre_cursor()

    def mark_key_point(self, start: int, end: int, flash: bool = True) -> None:
        """Mark a key point's sentence (text offsets), scroll to it and flash it briefly."""
        self._key_point = (start, end)
        cursor = self.textCursor()
        cursor.setPosition(self.offsets.to_document(start))
        self.setTextCursor(cursor)
        self._centre_cursor()
        self._flash_left = 6 if flash else 0
        self._refresh_key_point()
        if flash:
            self._flash_timer.start()

    def key_point_span(self) -> tuple[int, int] | None:
        return self._key_point

    def mention_at(self, offset: int) -> Mention | None:
        """The mention covering text offset `offset` (not a document position: see cursor_offset)."""
        index = bisect.bisect_right(self._starts, offset) - 1
        if index >= 0 and self._mentions[index].start <= offset < self._mentions[index].end:
            return self._mentions[index]
        return None

    def cursor_offset(self) -> int:
        """The caret's text offset."""
        return self.offsets.to_text(self.textCursor().position())

    def selection_span(self) -> tuple[int, int]:
        """The selection (or the caret, if nothing is selected) as text offsets (start, end)."""
        cursor = self.textCursor()
        return self.offsets.span_to_text(cursor.selectionStart(), cursor.selectionEnd())

    def _centre_cursor(self) -> None:
        self.ensureCursorVisible()
        rect = self.cursorRect()
        bar = self.verticalScrollBar()
        bar.setValue(bar.value() + rect.center().y() - self.viewport().height() // 2)

    def _emit_cursor_entity(self) -> None:
        self.cursor_entity_changed.emit(self.mention_at(self.selection_span()[0]))

    def _flash_step(self) -> None:
        self._flash_left -= 1
        if self._flash_left <= 0:
            self._flash_timer.stop()
        self._refresh_key_point()

    def _refresh_key_point(self) -> None:
        """Show the flash (if one is running) and repaint the margin bar."""
        if self._key_point is None or self._flash_left <= 0:
            self.setExtraSelections([])
        else:
            dark = is_dark(self.palette())
            strong = self._flash_left % 2 == 1
            selection = QTextEdit.ExtraSelection()
            if strong:
                selection.format.setForeground(QColor(TEXT_ON_LIGHT))  # the flash colour is light in both themes
            start, end = self.offsets.span_to_document(*self._key_point)
            cursor = QTextCursor(self.document())
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            selection.cursor = cursor
            selection.format.setBackground(QColor(KEY_POINT_COLOURS[dark][1 if strong else 0]))
            self.setExtraSelections([selection])
        self.viewport().update()

    def key_point_bar(self) -> QRect | None:
        """Where the current key point's margin bar is drawn, in viewport coordinates."""
        if self._key_point is None:
            return None
        start, end = self.offsets.span_to_document(*self._key_point)
        cursor = QTextCursor(self.document())
        cursor.setPosition(start)
        top = self.cursorRect(cursor).top()
        cursor.setPosition(end)
        bottom = self.cursorRect(cursor).bottom()
        left = self.column_edges()[0]
        return QRect(max(2, left - 14), top, 4, bottom - top + 1)

    # -- the reader's own highlights --
    def set_user_highlights(self, highlights) -> None:
        """The reader's highlights of the text shown (objects with start, end and note, in text offsets)."""
        self._user_highlights = sorted(highlights, key=lambda h: (h.start, h.end))
        self._user_starts = [h.start for h in self._user_highlights]
        self._highlighter.set_marks((h.start, h.end) for h in self._user_highlights)
        self.viewport().update()

    def user_highlights(self) -> list:
        return list(self._user_highlights)

    def user_highlight_at(self, offset: int):
        """The reader's highlight covering text offset `offset` (the innermost, if they nest), or None."""
        index = bisect.bisect_right(self._user_starts, offset) - 1
        covering = [h for h in self._user_highlights[:index + 1] if h.start <= offset < h.end]
        return covering[-1] if covering else None

    def marked_spans(self) -> list[tuple[int, int]]:
        """(start, end) of the reader's highlights now drawn in the document, cut at the ends of blocks."""
        return self._highlighter.applied_marks()

    def user_highlight_bars(self) -> list[tuple[QRect, bool]]:
        """The margin bars of the reader's highlights in view (viewport coordinates), each with has-a-note."""
        if not self._user_highlights:
            return []
        view = self.viewport().rect()
        last = self.offsets.to_text(self.cursorForPosition(view.bottomRight()).position())
        right = self.column_edges()[1]
        cursor = QTextCursor(self.document())
        bars = []
        for highlight in self._user_highlights[:bisect.bisect_right(self._user_starts, last)]:
            start, end = self.offsets.span_to_document(highlight.start, highlight.end)
            cursor.setPosition(end)
            bottom = self.cursorRect(cursor).bottom()
            if bottom < view.top():
                continue
            cursor.setPosition(start)
            top = self.cursorRect(cursor).top()
            bars.append((QRect(right + 10, top, 4, bottom - top + 1), bool(highlight.note)))
        return bars

    # -- the find bar's matches --
    def set_find_spans(self, spans: list[tuple[int, int]]) -> None:
        """Outline these text spans (the find bar's matches, in order); [] removes the outlines.

        An outline in the focus colour shows where every match is without
        covering the entity colours; the current match is also selected.
        """
        self._find_spans = list(spans)
        self._find_starts = [start for start, _ in self._find_spans]
        self.viewport().update()

    def find_outlines(self) -> list[QRect]:
        """The outlines of the matches in view, in viewport coordinates (two for a match that wraps)."""
        if not self._find_spans:
            return []
        view = self.viewport().rect()
        first = self.offsets.to_text(self.cursorForPosition(view.topLeft()).position())
        last = self.offsets.to_text(self.cursorForPosition(view.bottomRight()).position())
        low = max(0, bisect.bisect_left(self._find_starts, first) - 1)  # one that starts above may reach in
        high = bisect.bisect_right(self._find_starts, last)
        left, right = self.column_edges()
        cursor = QTextCursor(self.document())
        outlines = []
        for start, end in self._find_spans[low:high]:
            begin, finish = self.offsets.span_to_document(start, end)
            cursor.setPosition(begin)
            head = self.cursorRect(cursor)
            cursor.setPosition(finish)
            tail = self.cursorRect(cursor)
            if head.top() == tail.top():
                outlines.append(QRect(head.left() - 1, head.top(), tail.left() - head.left() + 2, head.height()))
            else:
                outlines.append(QRect(head.left() - 1, head.top(), right - head.left(), head.height()))
                outlines.append(QRect(left - 1, tail.top(), tail.left() - left + 2, tail.height()))
        return [outline for outline in outlines if outline.intersects(view)]

    def quote_rules(self) -> list[QRect]:
        """The rules drawn beside the quotations in view, in viewport coordinates."""
        if not self._structure.quotes:
            return []
        document = self.document()
        layout = document.documentLayout()
        scroll = self.verticalScrollBar().value()
        view = self.viewport().rect()
        left = self.column_edges()[0]
        rules = []
        for first, last in self._structure.quotes:
            top = layout.blockBoundingRect(document.findBlockByNumber(first)).top() - scroll
            bottom = layout.blockBoundingRect(document.findBlockByNumber(last)).bottom() - scroll
            rule = QRect(left + 1, int(top), 2, int(bottom - top))
            if rule.intersects(view):
                rules.append(rule)
        return rules

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        rules = self.quote_rules()
        if rules or self._images is not None:
            painter = QPainter(self.viewport())
            for rule in rules:  # in the text's colour, as Firefox Reader View draws a quotation's border
                painter.fillRect(rule, self.palette().color(QPalette.ColorRole.Text))
            if self._images is not None:
                self._images.paint(painter, event.rect())
            painter.end()
        bar = self.key_point_bar()
        outlines = [outline for outline in self.find_outlines() if outline.intersects(event.rect())]
        marks = [(rect, noted) for rect, noted in self.user_highlight_bars()
                 if rect.adjusted(0, 0, 12, 0).intersects(event.rect())]  # with the note's dot beside it
        if (bar is None or not bar.intersects(event.rect())) and not outlines and not marks:
            return
        dark = is_dark(self.palette())
        painter = QPainter(self.viewport())
        if bar is not None:
            painter.fillRect(bar, QColor(KEY_POINT_BAR[dark]))
        if marks:
            colour = QColor(USER_HIGHLIGHT_BAR[dark])
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            for rect, noted in marks:
                painter.fillRect(rect, colour)
                if noted:  # a dot beside the bar's top: this highlight has a note (its tooltip shows it)
                    from PySide6.QtCore import Qt  # not before the first paint (qt_values)

                    painter.setPen(Qt.PenStyle.NoPen)
                    painter.setBrush(colour)
                    painter.drawEllipse(QRect(rect.right() + 3, rect.top() + 2, 7, 7))
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.setPen(QPen(QColor(FOCUS["dark" if dark else "light"][0]), 1))
        for outline in outlines:
            painter.drawRect(outline.adjusted(0, 0, -1, -1))  # a 1-pixel line just inside the rectangle
        painter.end()
