"""Assembling an Article from structured pieces (HTML and Markdown): blocks, their kinds and roles, and links.

Extractors write text piece by piece; whitespace is collapsed as it is written
so that link offsets stay exact, and paragraphs are joined with a blank line,
the layout the reading pane and every offset in the app assume.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from urllib.parse import urljoin, urlsplit

from ..article import Article, Block, BlockKind, Link, Role
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

    def prepend(self, prefix: str) -> None:
        """Put prefix and a space before the text written so far (a list item's bullet); links move with it."""
        shift = len(prefix) + 1
        self._chunks[:0] = [prefix, " "]
        self._length += shift
        self.links = [(start + shift, end + shift, url) for start, end, url in self.links]

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

    def add(self, paragraph: ParagraphWriter | str, role: Role = Role.BODY, kind: BlockKind = BlockKind.PARAGRAPH,
            depth: int = 0, ordered: bool = False) -> None:
        if isinstance(paragraph, str):
            writer = ParagraphWriter()
            writer.write(paragraph)
            paragraph = writer
        text = paragraph.text()
        if text.strip():
            self._parts.append(_Part(text, Block(0, len(text), role, kind, depth, ordered), list(paragraph.links)))

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
        return Article(source=source, text=text, title=shorten_title(title), date=date, site=site,
                       author=author, blocks=tuple(blocks), links=tuple(links), description=description)
