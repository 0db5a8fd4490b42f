"""Assembling an Article from structured pieces (HTML and Markdown): blocks, their kinds and roles, links, images.

Extractors write text piece by piece; whitespace is collapsed as it is written
so that link offsets stay exact, and paragraphs are joined with a blank line,
the layout the reading pane and every offset in the app assume. Preformatted
text keeps its lines. A heading is added with its level as its depth (h2 -> 2);
build() turns the levels the article uses into depths from 0 (its main
sub-headings), so an article whose sections start at h3 reads like one starting
at h2. An image is added where it stands, before the block added next.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from urllib.parse import urljoin, urlsplit

from ..article import Article, Block, BlockKind, Image, Link, Role
from .text import CONTROL_CHARS, INVISIBLE_CHARS, same_words, shorten_title

_SPACE = re.compile(r"\s+")
LINK_SCHEMES = ("http", "https", "mailto")


def safe_link(url: str, base: str = "") -> str | None:
    """An absolute http(s)/mailto URL the user may open, or None (javascript:, relative with no base...)."""
    url = (url or "").strip()
    if not url or url.startswith("#"):
        return None
    if base:
        url = urljoin(base, url)
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in LINK_SCHEMES:
        return None
    if parts.scheme.lower() != "mailto" and not parts.netloc:
        return None
    return url


class ParagraphWriter:
    """One paragraph's text, written in pieces, with whitespace collapsed and link spans kept."""

    def __init__(self) -> None:
        self._chunks: list[str] = []
        self._length = 0
        self._pending_space = False
        self.links: list[tuple[int, int, str]] = []

    @classmethod
    def of(cls, text: str) -> ParagraphWriter:
        """A paragraph of plain text, with no links."""
        writer = cls()
        writer.write(text)
        return writer

    def write(self, text: str | None, url: str | None = None) -> None:
        """Append text; runs of whitespace become one space; if url is given the words become a link."""
        if not text:
            return
        text = INVISIBLE_CHARS.sub("", CONTROL_CHARS.sub(" ", text))
        if not text:
            return
        if text[0].isspace():
            self._pending_space = self._length > 0
        words = text.split()
        if not words:
            return
        start = None
        for index, word in enumerate(words):
            if index:
                self._pending_space = True
            self._emit_space_if_pending()
            if start is None:
                start = self._length
            self._chunks.append(word)
            self._length += len(word)
        self._pending_space = text[-1].isspace()
        if url:
            self.links.append((start, self._length, url))

    def space(self) -> None:
        self._pending_space = self._length > 0

    def _emit_space_if_pending(self) -> None:
        if self._pending_space and self._length:
            self._chunks.append(" ")
            self._length += 1
        self._pending_space = False

    def text(self) -> str:
        return "".join(self._chunks)

    def __len__(self) -> int:
        return self._length


@dataclass
class _Part:
    text: str
    block: Block  # offsets relative to the part; made absolute by build()
    links: list[tuple[int, int, str]]


class ArticleBuilder:
    """Collects blocks in reading order and makes the Article with exact offsets."""

    def __init__(self) -> None:
        self._parts: list[_Part] = []
        self._images: list[tuple[int, Image]] = []  # (index of the part it comes before, image)

    def add(self, paragraph: ParagraphWriter | str, role: Role = Role.BODY, kind: BlockKind = BlockKind.PARAGRAPH,
            depth: int = 0, ordered: bool = False) -> None:
        if isinstance(paragraph, str):
            paragraph = ParagraphWriter.of(paragraph)
        text = paragraph.text()
        if text.strip():
            self._parts.append(_Part(text, Block(0, len(text), role, kind, depth, ordered), list(paragraph.links)))

    def add_preformatted(self, text: str, role: Role = Role.BODY) -> None:
        """A block of code or verse: its lines kept, trailing spaces and blank edges dropped."""
        lines = [line.rstrip() for line in CONTROL_CHARS.sub(" ", text.expandtabs(4)).split("\n")]
        while lines and not lines[0].strip():
            lines.pop(0)
        while lines and not lines[-1].strip():
            lines.pop()
        if lines:
            text = "\n".join(lines)
            self._parts.append(_Part(text, Block(0, len(text), role, BlockKind.PREFORMATTED), []))

    def add_image(self, src: str, alt: str = "", caption: str = "") -> None:
        """An image at this point of the article: before the block added next (or at the end)."""
        self._images.append((len(self._parts), Image(0, src, _SPACE.sub(" ", alt).strip(),
                                                     _SPACE.sub(" ", caption).strip())))

    def first_text(self) -> str:
        return self._parts[0].text if self._parts else ""

    def ensure_headline(self, title: str) -> None:
        """Make the title the first block, as the headline, unless the text already starts with it."""
        title = _SPACE.sub(" ", title or "").strip()
        if not title or any(part.block.role == Role.HEADLINE for part in self._parts[:4]):
            return
        if self._parts and same_words(self._parts[0].text, title):
            first = self._parts[0]
            first.block = replace(first.block, role=Role.HEADLINE, kind=BlockKind.TITLE)
        else:
            self._parts.insert(0, _Part(title, Block(0, len(title), Role.HEADLINE, BlockKind.TITLE), []))
            self._images = [(index + 1, image) for index, image in self._images]

    def __len__(self) -> int:
        return len(self._parts)

    def total_chars(self) -> int:
        return sum(len(part.text) for part in self._parts)

    def build(self, source: str, title: str = "", date: str = "", site: str = "", author: str = "",
              description: str = "") -> Article:
        pieces: list[str] = []
        blocks: list[Block] = []
        links: list[Link] = []
        position = 0
        for index, part in enumerate(self._parts):
            if index:
                pieces.append("\n\n")
                position += 2
            blocks.append(replace(part.block, start=position, end=position + len(part.text)))
            links.extend(Link(position + start, position + end, url) for start, end, url in part.links)
            pieces.append(part.text)
            position += len(part.text)
        text = "".join(pieces)
        if not title and blocks:
            title = text[blocks[0].start:blocks[0].end]
        images = tuple(replace(image, offset=blocks[index].start if index < len(blocks) else len(text))
                       for index, image in self._images)
        return Article(source=source, text=text, title=shorten_title(title), date=date, site=site,
                       author=author, blocks=tuple(_heading_depths(blocks)), links=tuple(links), images=images,
                       description=description)


def _heading_depths(blocks: list[Block]) -> list[Block]:
    """Headings' levels (their depth as added) made into depths from 0: the levels used, in order."""
    levels = sorted({block.depth for block in blocks if block.kind == BlockKind.HEADING})
    if not levels or levels == list(range(len(levels))):
        return blocks
    rank = {level: index for index, level in enumerate(levels)}
    return [replace(block, depth=rank[block.depth]) if block.kind == BlockKind.HEADING else block
            for block in blocks]
