"""A table's rows laid out in columns, by formatting alone.

The document holds the article's text exactly (docs/ARCHITECTURE.md), and a
table row is one line of it, its cells joined by CELL_SEPARATOR (" | "). So a
table is not a QTextTable here: each separator's first space is given the word
spacing that takes the rule after it to its column's edge, the same in every
row, and the rule is drawn faint. The cells then line up as columns, and every
offset, highlight, selection and copy (which still gives " | ") stays as it was.
A table's first row, when it names the columns (no cell is a figure), is bold.

Widths are measured with the pane's font, so the pane calls update() again when
the font, the zoom, the palette or the column's width changes; the document is
touched only when what it shows changes. A table too wide for the text column
is tried in smaller type (SCALES); one wider than that is left as lines that
wrap, as before: cells pushed apart would wrap worse. So are tables past the
first MAX_ROWS rows or MAX_CELLS cells of the article's tables, and tables with a
cell of more than MAX_CELL_CHARS characters.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtGui import QColor, QFont, QFontMetricsF, QTextCharFormat, QTextCursor, QTextDocument

from ..core.article import heads_columns, table_cells, tables

if TYPE_CHECKING:
    from ..core.article import Block
    from .offsets import TextOffsets

COLUMN_GAP_EMS = 0.35  # space on each side of the rule between two columns, in widths of "M"
# The type sizes a table is tried in, largest first: a table too wide for the column in the text's
# size may fit in smaller type, as printed tables are set.
SCALES = (1.0, 0.85, 0.75)
RULE_ALPHA = 80  # of 255: the rule between two cells, faint beside the text
# Rows laid out in all, on the GUI thread: 250 rows add about 20 ms to showing the text and to a
# zoom step (benchmarks/tables.py), so 300 hold the window well under the 50 ms it may stall.
# Tables past them (a data dump, not an article's table) stay lines.
MAX_ROWS = 300
MAX_CELLS = 3000  # and cells: a table of two rows may have thousands of columns
MAX_CELL_CHARS = 300  # a cell this long would make its column wider than any text column

Row = list[tuple[str, int, int]]  # each cell's text and its start and end in the document


class TableColumns:
    """The tables of the text shown, and what of their layout is in the document now."""

    def __init__(self, document: QTextDocument, blocks: Sequence[Block], offsets: TextOffsets) -> None:
        self._document = document
        self._tables: list[tuple[list[Row], bool]] = []  # the rows of each table, and whether its first heads it
        rows_taken = cells_taken = 0
        for run in tables(blocks):
            if rows_taken + len(run) > MAX_ROWS:
                break  # (the rest stay lines)
            rows = [_cells(document, offsets, blocks[index]) for index in run]
            if any(row is None for row in rows):
                continue  # a row cut by display breaks: left as lines
            cells = sum(len(row) for row in rows)
            longest = max(len(text) for row in rows for text, _start, _end in row)
            if cells_taken + cells > MAX_CELLS or longest > MAX_CELL_CHARS:
                continue  # too many cells to measure, or a paragraph in a cell: no column would hold it
            self._tables.append((rows, heads_columns([text for text, _start, _end in rows[0]])))
            rows_taken, cells_taken = rows_taken + len(run), cells_taken + cells
        self._measured: dict[tuple[str, float], _Measure] = {}  # by font and scale
        self._shown: tuple | None = None

    def __bool__(self) -> bool:
        return bool(self._tables)

    def aligned(self) -> int:
        """How many tables are shown in columns now."""
        return sum(scale is not None for scale in self._shown[2]) if self._shown else 0

    def update(self, font: QFont, width: float, text: QColor) -> None:
        """Show the tables in columns for this font and colour, in smaller type if that makes them fit
        in width, else as lines."""
        if not self._tables:
            return
        scales = tuple(next((scale for scale in SCALES if self._measure(font, scale)[index].need <= width), None)
                       for index in range(len(self._tables)))
        shown = (font.key(), text.rgba(), scales)
        if shown == self._shown:
            return
        rule = QColor(text)
        rule.setAlpha(RULE_ALPHA)
        cursor = QTextCursor(self._document)
        cursor.beginEditBlock()
        try:
            for index, ((rows, heading), scale) in enumerate(zip(self._tables, scales, strict=True)):
                measure = self._measure(font, scale or 1.0)[index]
                size = _size(font.pointSizeF() * (scale or 1.0))
                bold = _size(size.fontPointSize())
                bold.setFontWeight(QFont.Weight.Bold)
                for number, (row, row_widths) in enumerate(zip(rows, measure.widths, strict=True)):
                    _format(cursor, row[0][1], row[-1][2], size)
                    if heading and number == 0:  # the cells' words, not the rules and spaces between them
                        for _cell, start, end in row:
                            _format(cursor, start, end, bold)
                    for column, ((_cell, _start, separator), cell_width) in enumerate(
                            zip(row[:-1], row_widths, strict=False)):  # separator: where the " | " after it starts
                        lead = measure.columns[column] - cell_width + measure.gap if scale else 0.0
                        _format(cursor, separator, separator + 1, _spacing(lead))
                        _format(cursor, separator + 1, separator + 2, _foreground(rule))
                        _format(cursor, separator + 2, separator + 3, _spacing(measure.gap if scale else 0.0))
        finally:
            cursor.endEditBlock()
        self._shown = shown

    def _measure(self, font: QFont, scale: float) -> list[_Measure]:
        """Each table's cell and column widths in this font at this scale, and the width it needs."""
        key = (font.key(), scale)
        if key in self._measured:
            return self._measured[key]
        sized = QFont(font)
        sized.setPointSizeF(font.pointSizeF() * scale)
        bold_font = QFont(sized)
        bold_font.setWeight(QFont.Weight.Bold)
        regular, bold = QFontMetricsF(sized), QFontMetricsF(bold_font)
        gap = COLUMN_GAP_EMS * regular.horizontalAdvance("M")
        # A column takes its widest cell, then the space, the spacing, the rule, the space and the gap.
        stride = 2 * regular.horizontalAdvance(" ") + regular.horizontalAdvance("|") + 2 * gap
        measures = []
        for rows, heading in self._tables:
            widths = [[(bold if heading and number == 0 else regular).horizontalAdvance(text)
                       for text, _start, _end in row] for number, row in enumerate(rows)]
            columns = [max(row[column] for row in widths if column < len(row))
                       for column in range(max(len(row) for row in widths))]
            measures.append(_Measure(widths, columns, gap, sum(columns) + (len(columns) - 1) * stride))
        self._measured[key] = measures
        return measures


class _Measure(NamedTuple):
    widths: list[list[float]]  # of each cell of each row
    columns: list[float]  # of each column: its widest cell
    gap: float  # on each side of a rule
    need: float  # the table's width in columns


def _cells(document: QTextDocument, offsets: TextOffsets, block: Block) -> Row | None:
    """Each cell's text and document span, for a row the document holds as one block of its own."""
    start, end = offsets.span_to_document(block.start, block.end)
    found = document.findBlock(start)
    if not found.isValid() or found.position() != start or found.position() + found.length() - 1 != end:
        return None
    row = found.text()  # the article's text[block.start:block.end], which table_cells reads from 0
    return [(row[cell_start:cell_end], *offsets.span_to_document(block.start + cell_start, block.start + cell_end))
            for cell_start, cell_end in table_cells(row, dataclasses.replace(block, start=0, end=len(row)))]


def _format(cursor: QTextCursor, start: int, end: int, char_format: QTextCharFormat) -> None:
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    cursor.mergeCharFormat(char_format)


def _size(points: float) -> QTextCharFormat:
    char_format = QTextCharFormat()
    char_format.setFontPointSize(points)
    return char_format


def _spacing(pixels: float) -> QTextCharFormat:
    char_format = QTextCharFormat()
    char_format.setFontWordSpacing(pixels)
    return char_format


def _foreground(colour: QColor) -> QTextCharFormat:
    char_format = QTextCharFormat()
    char_format.setForeground(colour)
    return char_format


