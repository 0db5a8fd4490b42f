"""The article's blocks laid out as a reader expects: sub-headings, bullets and numbers, quotations, captions.

The document holds exactly the article's text (docs/ARCHITECTURE.md), so
structure is formatting only: block and character formats, and Qt's lists,
whose bullets and numbers are drawn by the layout and are not characters of
the document. Every offset, highlight and selection stays where it was.

Blocks are separated in the text by an empty line; those empty QTextBlocks
are made the space between blocks: a little for paragraphs, almost none
between the items of a list or the rows of a table (their cells are separated
by " | " in the text), more above a sub-heading than below it. All
heights are proportions of the type, so zooming keeps the proportions.
A quotation is indented, with a rule in its margin that the reading pane draws
(quote_rules); an image's place is kept free above its block (ImageShelf).
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtGui import QFont, QTextBlockFormat, QTextCharFormat, QTextCursor, QTextDocument, QTextFormat

from .offsets import TextOffsets

if TYPE_CHECKING:
    from ..core.article import Block

_PROPORTIONAL = QTextBlockFormat.LineHeightTypes.ProportionalHeight.value
# Height of the empty line between two blocks, in % of a line of type, by the kinds around it.
GAP = 70
GAPS = {("list_item", "list_item"): 25, ("table_row", "table_row"): 25, ("title", None): 90,
        (None, "heading"): 150, ("heading", None): 45, (None, "caption"): 35, ("caption", None): 90}
# Font size steps of QTextCharFormat's FontSizeAdjustment (Qt's HTML sizes: 1 = 1.2x, 2 = 1.5x, -1 = 0.83x).
TITLE_SIZE, HEADING_SIZES, CAPTION_SIZE = 2, (1, 0), -1
HEADING_LINE_HEIGHT = 110  # % of the face's line height: about 1.25 em, as Firefox Reader View sets its h1


def gap(before: str | None, after: str | None) -> int:
    for key in ((before, after), (before, None), (None, after)):
        if key in GAPS:
            return GAPS[key]
    return GAP


class Structure:
    """What the pane needs to know of the structure it laid out: where the quotations are."""

    def __init__(self) -> None:
        self.quotes: list[tuple[int, int]] = []  # first and last document block numbers of each quotation


def apply_structure(document: QTextDocument, blocks: Sequence[Block], offsets: TextOffsets,
                    line_spacing: int, side_margins: tuple[float, float] | None = None) -> Structure:
    """Format the document's blocks by the article's block kinds, and set the column's side margins if
    given, in one edit: Qt lays the text out again once, at its end."""
    structure = Structure()
    cursor = QTextCursor(document)
    cursor.beginEditBlock()
    try:
        if side_margins is not None:
            root = document.rootFrame()
            frame_format = root.frameFormat()
            frame_format.setLeftMargin(side_margins[0])
            frame_format.setRightMargin(side_margins[1])
            root.setFrameFormat(frame_format)
        spacing = QTextBlockFormat()
        spacing.setLineHeight(line_spacing, _PROPORTIONAL)
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.mergeBlockFormat(spacing)
        lists: dict[int, tuple[bool, object]] = {}  # depth -> (ordered, QTextList) of the list being continued
        previous_kind: str | None = None
        previous_end = 0
        for block in blocks:
            first = document.findBlock(offsets.to_document(block.start))
            if not first.isValid():
                break
            kind = block.kind.value
            _separate(cursor, document, previous_end, first.position(), previous_kind, kind)
            if kind != "list_item":
                lists.clear()
            last = _format_block(cursor, document, block, kind, first, offsets, lists, structure)
            previous_kind, previous_end = kind, last.position() + last.length()
    finally:
        cursor.endEditBlock()
    return structure


def _separate(cursor: QTextCursor, document: QTextDocument, start: int, end: int, before: str | None,
              after: str) -> None:
    """Make the empty lines between two blocks the space the kinds around them want."""
    if before is None:
        return
    height = gap(before, after)
    separator = document.findBlock(start)
    while separator.isValid() and separator.position() < end:
        cursor.setPosition(separator.position())
        block_format = QTextBlockFormat()
        block_format.setLineHeight(height, _PROPORTIONAL)
        cursor.mergeBlockFormat(block_format)
        separator = separator.next()


def _format_block(cursor: QTextCursor, document: QTextDocument, block: Block, kind: str, first, offsets,
                  lists: dict, structure: Structure):
    """Give one article block its kind's formats; returns its last document block."""
    end = offsets.to_document(block.end)
    last = document.findBlock(max(first.position(), end - 1))
    char_format = _char_format(kind, block.depth)
    if char_format is not None:
        cursor.setPosition(first.position())
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        cursor.mergeCharFormat(char_format)
    if kind == "list_item":
        _add_to_list(cursor, first, block, lists)
    elif kind in ("quote", "preformatted"):
        block_format = QTextBlockFormat()
        block_format.setIndent(1)
        cursor.setPosition(first.position())
        cursor.setPosition(last.position(), QTextCursor.MoveMode.KeepAnchor)
        cursor.mergeBlockFormat(block_format)
        if kind == "quote":
            structure.quotes.append((first.blockNumber(), last.blockNumber()))
    elif kind in ("title", "heading"):
        block_format = QTextBlockFormat()
        block_format.setHeadingLevel(1 if kind == "title" else min(6, 2 + block.depth))
        block_format.setLineHeight(HEADING_LINE_HEIGHT, _PROPORTIONAL)  # large type wants its lines closer
        cursor.setPosition(first.position())
        cursor.mergeBlockFormat(block_format)
    return last


def _char_format(kind: str, depth: int) -> QTextCharFormat | None:
    if kind not in ("title", "heading", "caption", "preformatted"):
        return None
    char_format = QTextCharFormat()
    if kind in ("title", "heading"):
        char_format.setFontWeight(QFont.Weight.Bold)
        size = TITLE_SIZE if kind == "title" else HEADING_SIZES[min(depth, len(HEADING_SIZES) - 1)]
        # Relative to the pane's font, so zooming scales headings with the text.
        char_format.setProperty(QTextFormat.Property.FontSizeAdjustment, size)
    elif kind == "caption":
        char_format.setFontItalic(True)
        char_format.setProperty(QTextFormat.Property.FontSizeAdjustment, CAPTION_SIZE)
    else:
        from PySide6.QtGui import QFontDatabase  # with the first code block, not before the first paint

        fixed = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        char_format.setFontFamilies([fixed.family(), "monospace"])
        char_format.setFontFixedPitch(True)
    return char_format


def _add_to_list(cursor: QTextCursor, first, block: Block, lists: dict) -> None:
    """Put the item in its list: the one at its depth if that continues, else a new one."""
    for depth in [depth for depth in lists if depth > block.depth]:
        del lists[depth]  # a deeper list has ended: the next one at that depth numbers afresh
    current = lists.get(block.depth)
    if current is not None and current[0] == block.ordered:
        current[1].add(first)
        return
    from PySide6.QtGui import QTextListFormat  # with the first list (its enums cost ~2 ms to build)

    bullets = (QTextListFormat.Style.ListDisc, QTextListFormat.Style.ListCircle, QTextListFormat.Style.ListSquare)
    list_format = QTextListFormat()
    list_format.setIndent(block.depth + 1)
    list_format.setStyle(QTextListFormat.Style.ListDecimal if block.ordered
                         else bullets[min(block.depth, len(bullets) - 1)])
    cursor.setPosition(first.position())
    lists[block.depth] = (block.ordered, cursor.createList(list_format))
