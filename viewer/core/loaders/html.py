"""Saved web pages and downloaded HTML: the article itself, without menus, ads, comments and footers.

trafilatura finds the main content and the metadata (title, date, author,
site); its XML tree is walked here so that paragraphs stay paragraphs and links
keep their place in the text. Nothing on the page is ever run or fetched:
scripts, images, style sheets and fonts are dropped with the rest of the markup.
"""
from __future__ import annotations

import re

from ..article import Article, Role
from ..errors import ArticleError
from .build import ArticleBuilder, ParagraphWriter, safe_link
from .images import with_page_images
from .text import bom_encoding, decode_text, quiet_library_logs

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
# trafilatura's output elements that hold other blocks rather than text of their own
_CONTAINERS = {"list", "table", "div", "body", "main", "doc"}
_SKIPPED = {"graphic", "fw", "note", "comments"}
MIN_ARTICLE_CHARS = 80  # less than a sentence or two is not an article but leftovers of the page chrome


def decode_html(data: bytes, name: str, charset: str | None = None) -> str:
    """The page's characters: its BOM, then the server's charset, then its <meta charset>, then detection."""
    if not bom_encoding(data):
        declared = [charset] if charset else []
        meta = _META_CHARSET.search(data[:8192])
        if meta:
            declared.append(meta.group(1).decode("ascii", "replace"))
        for encoding in declared:
            try:
                return data.decode(_web_encoding(encoding))
            except (LookupError, UnicodeDecodeError):
                continue
    return decode_text(data, name)


def _web_encoding(label: str) -> str:
    # The web platform treats these labels as Windows-1252 (WHATWG Encoding standard).
    label = label.strip().lower()
    return "cp1252" if label in ("iso-8859-1", "latin1", "latin-1", "us-ascii", "ascii") else label


def article_from_html(html: str, source: str, name: str, url: str = "") -> Article:
    """Extract the main article of a page; url (where it came from) resolves its relative links."""
    import trafilatura

    quiet_library_logs()
    try:
        document = trafilatura.bare_extraction(
            html, url=url or None, with_metadata=True, include_links=True, include_comments=False,
            include_tables=True, include_images=False, include_formatting=False, output_format="python",
        )
    except Exception as error:  # trafilatura and lxml raise many kinds on broken markup
        raise ArticleError(f"“{name}” could not be read as a web page ({type(error).__name__}).") from None
    body = getattr(document, "body", None) if document is not None else None
    base = url or (getattr(document, "url", "") or "")
    builder = ArticleBuilder()
    if body is not None:
        _walk(body, builder, base)
    if builder.total_chars() < MIN_ARTICLE_CHARS:
        raise ArticleError(f"“{name}” has no article in it that the viewer could find "
                           "(only menus, links or scripts).")
    title = _clean(getattr(document, "title", "") or "")
    builder.ensure_headline(title)
    article = builder.build(
        source=source,
        title=title,
        date=_clean(getattr(document, "date", "") or ""),
        site=_clean(getattr(document, "sitename", "") or getattr(document, "hostname", "") or ""),
        author=_clean(getattr(document, "author", "") or ""),
    )
    return with_page_images(article, html, url)  # the pictures among its text (images.py)


def _clean(value: str) -> str:
    return " ".join(str(value).split())


def _walk(element, builder: ArticleBuilder, base: str) -> None:
    for child in element:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag in _SKIPPED or not tag:
            continue
        if tag in _CONTAINERS or (tag in ("quote", "item") and _has_blocks(child)):
            _walk(child, builder, base)
        elif tag == "row":
            writer = ParagraphWriter()
            for index, cell in enumerate(child):
                if index:
                    writer.write(" | ")
                _inline(cell, writer, base)
            builder.add(writer)
        else:
            writer = ParagraphWriter()
            if tag == "item":
                writer.write("• ")
            _inline(child, writer, base)
            builder.add(writer, Role.BODY)


def _has_blocks(element) -> bool:
    return any(isinstance(child.tag, str) and child.tag in ("p", "list", "quote", "head", "table")
               for child in element)


def _inline(element, writer: ParagraphWriter, base: str) -> None:
    writer.write(element.text)
    for child in element:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag == "ref":
            writer.write("".join(child.itertext()), safe_link(child.get("target", ""), base))
        elif tag == "lb":
            writer.space()
        elif tag in _SKIPPED or not tag:
            pass
        else:
            if tag in ("p", "item", "head", "row", "cell", "list"):
                writer.space()
            _inline(child, writer, base)
        writer.write(child.tail)
