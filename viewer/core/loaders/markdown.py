"""Markdown files: the text without its markup, paragraphs kept, the first heading as the title.

markdown-it-py parses the file (CommonMark plus tables); links keep their
place in the text, images and raw HTML are dropped. A YAML front-matter block
gives the title, date and author when it has them.
"""
from __future__ import annotations

import re

from ..article import Article, BlockKind, Role
from ..errors import ArticleError
from .build import ArticleBuilder, ParagraphWriter, safe_link

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
    builder = ArticleBuilder()
    heading = ""
    writer: ParagraphWriter | None = None
    role = Role.BODY
    in_item = False
    cells = 0
    for token in tokens:
        kind = token.type
        if kind in ("paragraph_open", "heading_open"):
            if writer is None:  # a paragraph inside a table cell or list item joins its row/item
                writer = ParagraphWriter()
                role = Role.BODY
                if in_item:
                    writer.write("• ")
                    in_item = False
            if kind == "heading_open" and not heading:
                role = Role.HEADLINE if len(builder) == 0 else Role.BODY
        elif kind in ("paragraph_close", "heading_close"):
            if writer is not None and cells == 0:
                if kind == "heading_close" and not heading:
                    heading = writer.text()
                builder.add(writer, role, BlockKind.TITLE if role == Role.HEADLINE else BlockKind.PARAGRAPH)
                writer = None
        elif kind == "list_item_open":
            in_item = True
        elif kind == "tr_open":
            writer, role, cells = ParagraphWriter(), Role.BODY, 0
        elif kind in ("th_open", "td_open"):
            if cells and writer is not None:
                writer.write(" | ")
            cells += 1
        elif kind == "tr_close":
            if writer is not None:
                builder.add(writer)
            writer, cells = None, 0
        elif kind == "inline" and writer is not None:
            _inline(token.children or [], writer)
        elif kind in ("fence", "code_block"):
            builder.add(token.content)
    if builder.total_chars() == 0:
        raise ArticleError(f"“{name}” has no text in it, only Markdown markup.")
    title = meta.get("title") or heading
    if meta.get("title"):
        builder.ensure_headline(meta["title"])
    date = meta.get("date", "")
    date_match = _ISO_DATE.search(date)
    return builder.build(source=source, title=title, date=date_match.group(0) if date_match else "",
                         site=meta.get("site", "") or meta.get("source", ""), author=meta.get("author", ""))


def _inline(children, writer: ParagraphWriter) -> None:
    link: str | None = None
    link_text: list[str] = []
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
        # images, raw HTML and emphasis markers carry no article text
