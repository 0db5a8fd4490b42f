"""Assembling an Article from structured pieces (HTML and Markdown): paragraphs, roles and links.

Extractors write text piece by piece; whitespace is collapsed as it is written
so that link offsets stay exact, and paragraphs are joined with a blank line,
the layout the reading pane and every offset in the app assume.
"""
from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

from ..article import Article, Link, Paragraph, Role
from .text import CONTROL_CHARS, same_words, shorten_title

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
        text = CONTROL_CHARS.sub(" ", text)
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


class ArticleBuilder:
    """Collects paragraphs in reading order and makes the Article with exact offsets."""

    def __init__(self) -> None:
        self._parts: list[tuple[str, Role, list[tuple[int, int, str]]]] = []

    def add(self, paragraph: ParagraphWriter | str, role: Role = Role.BODY) -> None:
        if isinstance(paragraph, str):
            writer = ParagraphWriter()
            writer.write(paragraph)
            paragraph = writer
        text = paragraph.text()
        if text.strip():
            self._parts.append((text, role, list(paragraph.links)))

    def first_text(self) -> str:
        return self._parts[0][0] if self._parts else ""

    def ensure_headline(self, title: str) -> None:
        """Make the title the first paragraph, as a headline, unless the text already starts with it."""
        title = _SPACE.sub(" ", title or "").strip()
        if not title:
            return
        if self._parts and same_words(self._parts[0][0], title):
            text, _role, links = self._parts[0]
            self._parts[0] = (text, Role.HEADLINE, links)
        else:
            self._parts.insert(0, (title, Role.HEADLINE, []))

    def __len__(self) -> int:
        return len(self._parts)

    def total_chars(self) -> int:
        return sum(len(text) for text, _role, _links in self._parts)

    def build(self, source: str, title: str = "", date: str = "", site: str = "", author: str = "") -> Article:
        pieces: list[str] = []
        paragraphs: list[Paragraph] = []
        links: list[Link] = []
        position = 0
        for index, (text, role, part_links) in enumerate(self._parts):
            if index:
                pieces.append("\n\n")
                position += 2
            paragraphs.append(Paragraph(position, position + len(text), role))
            links.extend(Link(position + start, position + end, url) for start, end, url in part_links)
            pieces.append(text)
            position += len(text)
        text = "".join(pieces)
        if not title and paragraphs:
            title = text[paragraphs[0].start:paragraphs[0].end]
        return Article(source=source, text=text, title=shorten_title(title), date=date, site=site,
                       author=author, paragraphs=tuple(paragraphs), links=tuple(links))
