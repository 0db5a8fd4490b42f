"""Markdown files: the text without its markup, its structure kept, the first heading as the title.

markdown-it-py parses the file (CommonMark plus tables) and its tokens give the
blocks their kinds: headings (with their level), list items (with their depth
and whether the list is numbered; the marker itself is not text), quotations,
code blocks (lines kept) and table rows (cells joined by " | ", as the HTML
loader joins them). Links keep
their place in the text; raw HTML is dropped. Images are kept beside the text
(Article.images), their address resolved against the file's folder or the
address it came from; a paragraph that is wholly emphasised right after an
image is that image's caption, as Markdown writers usually set one. A YAML
front-matter block gives the title, date and author when it has them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..article import CELL_SEPARATOR, Article, BlockKind, Role
from ..errors import ArticleError
from .build import ArticleBuilder, ParagraphWriter, safe_link
from .images import image_base, resolve_image

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_FIELD = re.compile(r"^(title|date|author|site|source)\s*:\s*(.+?)\s*$", re.IGNORECASE | re.MULTILINE)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def article_from_markdown(text: str, source: str, name: str) -> Article:
    from markdown_it import MarkdownIt

    meta: dict[str, str] = {}
    front = _FRONT_MATTER.match(text)
    if front:
        for key, value in _FIELD.findall(front.group(1)):
            meta[key.lower()] = value.strip().strip("'\"")
        text = text[front.end():]
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    walker = _Walker(image_base(source))
    walker.walk(tokens)
    builder = walker.builder
    if builder.total_chars() == 0:
        raise ArticleError(f"“{name}” has no text in it, only Markdown markup.")
    title = meta.get("title") or walker.first_heading
    if meta.get("title"):
        builder.ensure_headline(meta["title"])
    date = meta.get("date", "")
    date_match = _ISO_DATE.search(date)
    return builder.build(source=source, title=title, date=date_match.group(0) if date_match else "",
                         site=meta.get("site", "") or meta.get("source", ""), author=meta.get("author", ""))


@dataclass
class _Item:
    """A list item being read: its first paragraphs make one block, until a list inside it begins."""

    writer: ParagraphWriter | None = None
    done: bool = False  # its block is added (a nested list began); later paragraphs are plain ones


@dataclass
class _Inline:
    """What one inline token run held besides text: its images, and whether it was all emphasis."""

    images: list[tuple[str, str, str]] = field(default_factory=list)  # (src, alt, title)
    all_emphasis: bool = False


class _Walker:
    """Turns markdown-it's block tokens into the builder's blocks, kinds and images."""

    def __init__(self, base: str) -> None:
        self.builder = ArticleBuilder()
        self.base = base
        self.first_heading = ""
        self.writer: ParagraphWriter | None = None
        self.heading_level = 0
        self.lists: list[bool] = []  # ordered?, innermost last
        self.items: list[_Item] = []
        self.quotes = 0
        self.cells = 0
        self.in_row = False
        self.inline = _Inline()
        self.waiting_images: list[tuple[str, str, str]] = []  # an image paragraph's, until the next block

    def walk(self, tokens) -> None:
        for token in tokens:
            handler = getattr(self, "_" + token.type, None)
            if handler is not None:
                handler(token)
        self._place_images()

    # -- blocks --
    def _heading_open(self, token) -> None:
        self.writer, self.inline = ParagraphWriter(), _Inline()
        self.heading_level = int(token.tag[1:]) if token.tag[1:].isdigit() else 2

    def _heading_close(self, _token) -> None:
        writer, self.writer = self.writer, None
        if writer is None or not writer.text().strip():
            return
        self._place_images()
        if not self.first_heading:
            self.first_heading = writer.text()
            if len(self.builder) == 0:
                self.builder.add(writer, Role.HEADLINE, BlockKind.TITLE)
                return
        self.builder.add(writer, Role.BODY, BlockKind.HEADING, depth=self.heading_level)

    def _paragraph_open(self, _token) -> None:
        if self.in_row:
            return  # a paragraph inside a table cell joins its row
        item = self.items[-1] if self.items else None
        if item is not None and not item.done and item.writer is not None:
            self.writer = item.writer  # a second paragraph of the same item joins it
            self.writer.space()
        else:
            self.writer = ParagraphWriter()
        self.inline = _Inline()

    def _paragraph_close(self, _token) -> None:
        if self.in_row or self.writer is None:
            return
        writer, self.writer = self.writer, None
        item = self.items[-1] if self.items else None
        if item is not None and not item.done:
            item.writer = writer  # added when the item ends (or a list inside it begins)
            self._images_of_block(writer)
            return
        if not writer.text().strip():
            if self.inline.images:  # an image on its own: it stands before whatever comes next
                self._place_images()
                self.waiting_images = list(self.inline.images)
            return
        if self.waiting_images and self.inline.all_emphasis:
            caption = writer.text()
            self._place_images(caption)
            self.builder.add(writer, Role.BOILERPLATE, BlockKind.CAPTION)
            return
        self._images_of_block(writer)
        self.builder.add(writer, Role.BODY, BlockKind.QUOTE if self.quotes else BlockKind.PARAGRAPH)

    def _images_of_block(self, writer: ParagraphWriter) -> None:
        """Images waiting, then those inside this paragraph's text, stand before its block."""
        self._place_images()
        self.waiting_images = list(self.inline.images)
        self.inline.images = []
        if not writer.text().strip():
            return
        self._place_images()

    def _bullet_list_open(self, _token) -> None:
        self._end_item_block()
        self.lists.append(False)

    def _ordered_list_open(self, _token) -> None:
        self._end_item_block()
        self.lists.append(True)

    def _bullet_list_close(self, _token) -> None:
        if self.lists:
            self.lists.pop()

    _ordered_list_close = _bullet_list_close

    def _list_item_open(self, _token) -> None:
        self.items.append(_Item())

    def _list_item_close(self, _token) -> None:
        self._end_item_block()
        if self.items:
            self.items.pop()

    def _end_item_block(self) -> None:
        """The open list item's text becomes its block (before a list inside it, or at its end)."""
        if not self.items or self.items[-1].done:
            return
        item = self.items[-1]
        item.done = True
        if item.writer is not None and item.writer.text().strip():
            depth = max(0, len(self.lists) - 1)
            ordered = self.lists[-1] if self.lists else False
            self.builder.add(item.writer, Role.BODY, BlockKind.LIST_ITEM, depth=depth, ordered=ordered)

    def _blockquote_open(self, _token) -> None:
        self.quotes += 1

    def _blockquote_close(self, _token) -> None:
        self.quotes = max(0, self.quotes - 1)

    def _fence(self, token) -> None:
        self._place_images()
        self.builder.add_preformatted(token.content)

    _code_block = _fence

    # -- tables: one block per row --
    def _tr_open(self, _token) -> None:
        self.writer, self.cells, self.in_row = ParagraphWriter(), 0, True
        self.inline = _Inline()

    def _th_open(self, _token) -> None:
        if self.cells and self.writer is not None:
            self.writer.write(CELL_SEPARATOR)
        self.cells += 1

    _td_open = _th_open

    def _tr_close(self, _token) -> None:
        if self.writer is not None:
            self._place_images()
            self.builder.add(self.writer, Role.BODY, BlockKind.TABLE_ROW)
        self.writer, self.cells, self.in_row = None, 0, False

    # -- text --
    def _inline(self, token) -> None:
        if self.writer is not None:
            _write_inline(token.children or [], self.writer, self.inline, self.base)

    def _place_images(self, caption: str = "") -> None:
        for src, alt, title in self.waiting_images:
            self.builder.add_image(src, alt, title or caption)
        self.waiting_images = []


def _write_inline(children, writer: ParagraphWriter, found: _Inline, base: str) -> None:
    link: str | None = None
    link_text: list[str] = []
    kinds = [child.type for child in children if child.type not in ("softbreak", "hardbreak")]
    found.all_emphasis = (len(kinds) >= 3 and kinds[0] in ("em_open", "strong_open")
                          and kinds[-1] == kinds[0].replace("_open", "_close")
                          and kinds.count(kinds[0]) == 1)
    for child in children:
        kind = child.type
        if kind == "link_open":
            link, link_text = safe_link(child.attrGet("href") or "") or "", []
        elif kind == "link_close":
            writer.write("".join(link_text), link or None)
            link = None
        elif kind in ("text", "code_inline"):
            if link is not None:
                link_text.append(child.content)
            else:
                writer.write(child.content)
        elif kind in ("softbreak", "hardbreak"):
            if link is not None:
                link_text.append(" ")
            else:
                writer.space()
        elif kind == "image":
            src = resolve_image(child.attrGet("src") or "", base)
            if src:
                found.images.append((src, child.content or "", child.attrGet("title") or ""))
        # raw HTML and emphasis markers carry no article text
