"""Turn a file, a web address or pasted text into an Article, or raise ArticleError with one sentence.

`load(source)` is the one way in for every kind of article: plain text in any
common encoding, saved web pages, Markdown, PDF and http(s) addresses; what a
file is comes from its extension and, when they disagree, its first bytes.
`load_pasted(text)` opens what the user pasted: an address is fetched, other
text is the article. Every article is checked for being English, and gets a
notice if it is not. User files are only ever opened for reading.

The modules: files (reading, limits, sniffing), text (encodings, plain-text
layout), html, mhtml and webarchive (a page saved as one file), markdown, pdf,
url (fetching), language, build (assembling). The html, markdown and pdf modules are imported
when a file of their kind is first read (and url's network stack on the first fetch): the app imports this
package on the way to its first paint, and opening a .txt needs none of them.
"""
from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..article import Article
from ..errors import ArticleError
from .files import MAX_BYTES, MAX_PDF_BYTES, binary_kind, display_name, read_bytes, sniff
from .language import language_notice
from .mhtml import looks_like_mhtml
from .webarchive import MAGIC as WEBARCHIVE_MAGIC
from .text import article_from_text, decode_text, normalise_text
from .url import DEFAULT_TIMEOUT, fetch, is_url

__all__ = [
    "ArticleError", "DEFAULT_TIMEOUT", "FORMATS", "MAX_BYTES", "MAX_PDF_BYTES", "MAX_PASTED_CHARS",
    "PASTED_SOURCE", "article_from_text", "decode_text", "is_url", "kind_of", "load", "load_pasted", "load_text_file",
    "location_from_text",
    "normalise_text", "read_bytes",
]

# (name shown in the Open dialog, extensions, loader kind): one table for the dialog and the dispatcher.
FORMATS: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("Text files", (".txt", ".text"), "text"),
    ("Web pages", (".html", ".htm", ".xhtml", ".shtml"), "html"),
    ("Web pages saved as one file", (".mhtml", ".mht"), "mhtml"),
    ("Safari web archives", (".webarchive",), "webarchive"),
    ("Markdown", (".md", ".markdown", ".mdown", ".mkd"), "markdown"),
    ("PDF documents", (".pdf",), "pdf"),
)
_KIND_BY_EXTENSION = {ext: kind for _name, exts, kind in FORMATS for ext in exts}
_OTHER_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
MAX_PASTED_CHARS = 5_000_000  # pasted text is held in memory twice by the clipboard; this is plenty


PASTED_SOURCE = "Clipboard"  # the source of pasted text, which cannot be opened again from anywhere

def kind_of(path: Path) -> str:
    """"text", "html", "mhtml", "webarchive", "markdown" or "pdf" from the file name; unknown extensions are
    read as text."""
    return _KIND_BY_EXTENSION.get(path.suffix.lower(), "text")


def load(source: str | Path, *, timeout: float = DEFAULT_TIMEOUT, max_bytes: int | None = None) -> Article:
    """Open the article at source (a file path, a file: URL or an http(s) address), whatever its kind."""
    if isinstance(source, str) and is_url(source):
        article = _load_url(source.strip(), timeout, max_bytes or MAX_BYTES)
    elif isinstance(source, str) and _OTHER_SCHEME.match(source.strip()) and not source.lower().startswith("file:"):
        raise ArticleError(f"“{source.strip()}” is not a web address the viewer can open "
                           "(it must start with http:// or https://).")
    else:
        article = _load_file(_as_path(source), max_bytes)
    return _with_language_notice(article)


def load_pasted(text: str, *, timeout: float = DEFAULT_TIMEOUT) -> Article:
    """Open what the user pasted: a web address or a file: URL is loaded, any other text is the article."""
    stripped = (text or "").strip()
    if not stripped:
        raise ArticleError("The clipboard has no text or web address in it.")
    if len(stripped) > MAX_PASTED_CHARS:
        raise ArticleError(f"The pasted text is longer than the {MAX_PASTED_CHARS:,} character limit for an article.")
    single = len(stripped.split()) == 1
    if single and (is_url(stripped) or stripped.lower().startswith("file:")):
        return load(stripped, timeout=timeout)
    normalised = normalise_text(stripped)
    if not normalised.strip():
        raise ArticleError("The clipboard has no text or web address in it.")
    return _with_language_notice(article_from_text(normalised, source=PASTED_SOURCE))


def load_text_file(path: Path) -> Article:
    """A plain-text file, whatever its extension (kept for callers of the first version)."""
    return _with_language_notice(_from_bytes(read_bytes(path), "text", str(path), display_name(path)))


def _as_path(source: str | Path) -> Path:
    if isinstance(source, str) and source.lower().startswith("file:"):
        parts = urlsplit(source)
        if parts.netloc not in ("", "localhost"):
            raise ArticleError(f"“{source}” is on another computer; the viewer opens local files and web addresses.")
        return Path(unquote(parts.path))
    return Path(source)


def _load_file(path: Path, max_bytes: int | None) -> Article:
    kind = kind_of(path)
    # A PDF or a page saved as one file carries its pictures and fonts: more bytes for the same text.
    data = read_bytes(path, max_bytes or (MAX_PDF_BYTES if kind in ("pdf", "mhtml", "webarchive") else MAX_BYTES))
    return _from_bytes(data, kind, str(path), display_name(path))


def _from_bytes(data: bytes, kind: str, source: str, name: str, charset: str | None = None,
                url: str = "") -> Article:
    # What the first bytes say comes before the name: a page saved as one file may be named .html or
    # .txt, or have no extension, and a .mht may hold plain HTML.
    sniffed = sniff(data)
    if data.startswith(WEBARCHIVE_MAGIC):
        kind = "webarchive"
    elif sniffed == "pdf":
        kind = "pdf"
    elif kind in ("pdf", "webarchive"):
        what = "a PDF file" if kind == "pdf" else "a Safari web archive"
        raise ArticleError(f"“{name}” is not {what}, although its name says so.")
    elif what := binary_kind(data):
        raise ArticleError(f"“{name}” is {what}, not an article.")
    elif looks_like_mhtml(data):
        kind = "mhtml"
    elif sniffed == "html" and kind in ("text", "sniff", "mhtml"):
        kind = "html"
    elif kind == "mhtml":
        kind = "text"
    if kind in ("mhtml", "webarchive"):
        if len(data) > MAX_PDF_BYTES:
            raise ArticleError(f"“{name}” is larger than the {MAX_PDF_BYTES // (1024 * 1024)} MB limit "
                               f"for a saved web page.")
        if kind == "webarchive":
            from .webarchive import article_from_webarchive

            return article_from_webarchive(data, source, name)
        from .mhtml import article_from_mhtml

        return article_from_mhtml(data, source, name)
    if kind != "pdf" and len(data) > MAX_BYTES:
        raise ArticleError(f"“{name}” is larger than the {MAX_BYTES // (1024 * 1024)} MB limit for an article.")
    if kind == "pdf":
        from .pdf import article_from_pdf

        return article_from_pdf(data, source, name)
    if kind == "html":
        from .html import article_from_html, decode_html

        return article_from_html(decode_html(data, name, charset), source, name, url=url)
    text = decode_text(data, name)
    if kind == "markdown":
        from .markdown import article_from_markdown

        return article_from_markdown(text.replace("\r\n", "\n").replace("\r", "\n"), source, name)
    normalised = normalise_text(text)
    if not normalised.strip():
        raise ArticleError(f"“{name}” has no text in it.")
    return article_from_text(normalised, source=source)


def _load_url(url: str, timeout: float, max_bytes: int) -> Article:
    fetched = fetch(url, timeout=timeout, max_bytes=max_bytes)
    kind = "text" if fetched.kind == "sniff" else fetched.kind
    name = fetched.url
    return _from_bytes(fetched.data, kind, url, name, charset=fetched.charset, url=fetched.url)


def _with_language_notice(article: Article) -> Article:
    notice = language_notice(article.text)
    if not notice or article.notice:
        return article
    return dataclasses.replace(article, notice=notice)


def location_from_text(text: str) -> str:
    """What the user typed as a location, made loadable: "example.com/story" becomes "https://example.com/story"."""
    text = (text or "").strip()
    if not text or is_url(text) or text.lower().startswith("file:"):
        return text
    path = Path(text).expanduser()
    if path.exists() or text.startswith(("/", "~", ".")) or "\\" in text:
        return str(path)
    host = text.split("/", 1)[0]
    if " " not in text and "." in host and not host.startswith(".") and "://" not in text:
        return f"https://{text}"
    return text
