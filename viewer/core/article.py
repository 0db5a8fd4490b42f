"""The article as the app sees it: its text, metadata and its blocks (what each stretch of text is).

Every loader produces an Article. Offsets everywhere else in the app (mentions,
key points, highlights, blocks, links, images) are Python string offsets into
Article.text. Blocks are separated in the text by a blank line ("\\n\\n"), the
layout the reading pane and the analysis both rely on; a block holds no line
break, except a preformatted one, which keeps its lines as they were.

A block has two descriptions. Its kind says how it is laid out (a heading, a
list item, a quotation...), as the page or file gave it; its role says what it
is in a news story (the headline, the time line, the standfirst, body text or
boilerplate such as a byline), which the analysis uses to decide what to read
for names and key points. A list item's text never holds its bullet or number:
its kind, depth and ordering say what it is, and the reader draws the marker.

Images are not in the text: each stands at an offset (the start of the block it
comes before, or the end of the text), with its address, alt text and caption.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import Enum


class Role(str, Enum):
    """What a block is in the story, so the analysis can treat each as what it is."""

    HEADLINE = "headline"
    TIMELINE = "timeline"  # "Mon 06th September 2021 | 03:48 PM"
    STANDFIRST = "standfirst"  # the summary under the headline
    BODY = "body"
    BOILERPLATE = "boilerplate"  # bylines, captions, "Read more" lines


class BlockKind(str, Enum):
    """How a block is laid out: the structure of the page or file it came from."""

    TITLE = "title"
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list_item"
    QUOTE = "quote"
    CAPTION = "caption"
    PREFORMATTED = "preformatted"
    TABLE_ROW = "table_row"  # one row of a table, its cells separated by CELL_SEPARATOR


CELL_SEPARATOR = " | "  # between the cells of a TABLE_ROW block


@dataclass(frozen=True)
class Block:
    """text[start:end] is one block: a paragraph, a heading, a list item..."""

    start: int
    end: int
    role: Role = Role.BODY
    kind: BlockKind = BlockKind.PARAGRAPH
    # List items: 0 for a top-level list, 1 for a list inside it... Headings: 0 for the article's
    # main sub-headings, 1 for those under them... (loaders pass the level, h2 -> 2; see build.py).
    depth: int = 0
    ordered: bool = False  # list items: in a numbered list


@dataclass(frozen=True)
class Link:
    """A link in the article: text[start:end] points at url (opened only when the user activates it)."""

    start: int
    end: int
    url: str


@dataclass(frozen=True)
class Image:
    """A picture of the article, shown before text[offset:] (a block's start, or the end of the text).

    src is an absolute address: a file: URL for a picture saved beside a page or
    a Markdown file, an http(s) URL for one on the web (fetched only when the
    reader allows it).
    """

    offset: int
    src: str
    alt: str = ""
    caption: str = ""


@dataclass(frozen=True)
class Article:
    source: str
    text: str
    title: str = ""
    date: str = ""  # ISO 8601 (YYYY-MM-DD) when known
    site: str = ""
    author: str = ""
    blocks: tuple[Block, ...] = field(default=())
    notice: str = ""  # a one-sentence warning to show with the article (e.g. not English)
    links: tuple[Link, ...] = field(default=())
    images: tuple[Image, ...] = field(default=())
    description: str = ""  # the page's own summary of the story (its meta description), when it has one

    def block_text(self, block: Block) -> str:
        return self.text[block.start:block.end]

    @property
    def body_start(self) -> int:
        """Offset where the story itself begins (after headline and time line)."""
        for block in self.blocks:
            if block.role in (Role.BODY, Role.STANDFIRST):
                return block.start
        return 0

    def headline(self) -> Block | None:
        """The block that is the story's headline, if the text carries one."""
        return next((block for block in self.blocks if block.role == Role.HEADLINE), None)


WORDS_PER_MINUTE = 230  # silent reading of non-fiction in English (Brysbaert 2019: 238)


def reading_minutes(text: str) -> int:
    """Minutes an average reader needs for text: at least 1 for any text, 0 for none."""
    if not text.strip():
        return 0
    # Beyond two million characters an estimate from the length (six characters a word) is
    # enough, and spares splitting megabytes on the GUI thread.
    words = len(text.split()) if len(text) < 2_000_000 else len(text) // 6
    return max(1, round(words / WORDS_PER_MINUTE))


def split_paragraphs(text: str) -> list[tuple[int, int]]:
    """Spans of the non-blank lines of text; each line is one paragraph.

    Loaders join wrapped lines before this, so a line is a paragraph.
    """
    spans = []
    position = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            start = position + (len(line) - len(line.lstrip()))
            spans.append((start, start + len(stripped)))
        position += len(line) + 1
    return spans


def table_cells(text: str, block: Block) -> list[tuple[int, int]]:
    """The (start, end) of each cell of a table row's block (BlockKind.TABLE_ROW)."""
    cells, start = [], block.start
    while True:
        separator = text.find(CELL_SEPARATOR, start, block.end)
        if separator == -1:
            cells.append((start, block.end))
            return cells
        cells.append((start, separator))
        start = separator + len(CELL_SEPARATOR)


def tables(blocks: Sequence[Block]) -> list[range]:
    """The tables among blocks: each run of two or more TABLE_ROW blocks, as a range of their indexes."""
    runs: list[range] = []
    start = None
    for index, block in enumerate([*blocks, None]):
        is_row = block is not None and block.kind == BlockKind.TABLE_ROW
        if is_row and start is None:
            start = index
        elif not is_row and start is not None:
            if index - start >= 2:
                runs.append(range(start, index))
            start = None
    return runs


def is_number(cell: str) -> bool:
    """A table cell that holds a figure: "2019", "48%", "-1.62", "$3,200" (digits and no letters)."""
    return any(c.isdigit() for c in cell) and not any(c.isalpha() for c in cell)


def heads_columns(cells: Sequence[str]) -> bool:
    """Whether a table's first row, of these cells, names its columns: none of them is a figure."""
    return not any(is_number(cell) for cell in cells)
