"""A web page saved as one file (MHTML: Chrome's and Edge's "Webpage, Single File", .mhtml or .mht).

The file is a MIME message (multipart/related): the page's HTML is one part,
usually quoted-printable, and its pictures, styles and frames are the others,
each named by the address it came from (Content-Location). The standard
library's email parser reads it; the page part goes to the HTML loader with its
charset and address, as if it were a saved .html.

The article's pictures that the archive holds are read from it, offline, like
those saved beside a page: each Image.src is the archive's file: URL with the
picture's own address as its fragment, and read_picture() finds it there when
the reading pane asks (loaders/images.read_local_image). Pictures the archive
does not hold keep their web addresses (View > Load Images fetches them).
Safari's web archives (webarchive.py) work the same way.
"""
from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from ..errors import ArticleError

if TYPE_CHECKING:  # the email package is imported with the first such page, not on the way to the first paint
    from email.message import EmailMessage

    from ..article import Article

ARCHIVE_SUFFIXES = (".mhtml", ".mht", ".webarchive")  # files whose pictures are read from inside them

# The first bytes of an MHTML file: MIME headers ("From: <Saved by Blink>", "MIME-Version: 1.0"...) and,
# within them, a multipart/related type. Checked on the head only.
HEAD_BYTES = 4096


def looks_like_mhtml(data: bytes) -> bool:
    """Whether data starts as a saved MHTML page: a MIME header block declaring multipart/related."""
    head = data[:HEAD_BYTES].lstrip(b"\xef\xbb\xbf \t\r\n")
    first_line = head.split(b"\n", 1)[0]
    if b":" not in first_line or first_line[:1].isspace():
        return False  # not a header line
    headers = head.split(b"\r\n\r\n", 1)[0].split(b"\n\n", 1)[0].lower()
    return b"content-type: multipart/related" in headers or b"content-type:multipart/related" in headers


def article_from_mhtml(data: bytes, source: str, name: str) -> Article:
    """The article of the page an MHTML file holds."""
    import email
    import email.policy

    from .html import article_from_html, decode_html

    try:
        message = email.message_from_bytes(data, policy=email.policy.default)
    except Exception:  # the parser is lenient; this is a file it cannot read at all
        raise ArticleError(f"“{name}” is not a saved web page that can be read.") from None
    page = _page_part(message)
    if page is None:
        raise ArticleError(f"“{name}” is a saved web page archive with no page in it.")
    body = page.get_payload(decode=True) or b""
    if not body.strip():
        raise ArticleError(f"“{name}” is a saved web page archive whose page is empty.")
    url = str(page.get("Content-Location") or message.get("Snapshot-Content-Location") or "")
    html = decode_html(body, name, page.get_content_charset())
    article = article_from_html(html, source, name, url=url if url.startswith(("http://", "https://")) else "")
    return pictures_in_archive(article, {address for address, _part in _picture_parts(message)})


def pictures_in_archive(article: Article, held: set[str]) -> Article:
    """The article with each picture the archive (its source file) holds pointing into the archive."""
    if not held or not article.images or "://" in article.source or not Path(article.source).is_file():
        return article
    archive = Path(article.source).resolve().as_uri()
    images = tuple(dataclasses.replace(image, src=f"{archive}#{quote(image.src, safe='')}")
                   if image.src in held else image for image in article.images)
    return dataclasses.replace(article, images=images)


def read_picture(path: Path, address: str, max_bytes: int) -> bytes:
    """The bytes of the picture saved from address in the archive at path (MHTML or a Safari web
    archive), or ArticleError."""
    found = _archive_pictures(path).get(address)
    if found is None:
        raise ArticleError(f"The picture “{address}” is not in “{path.name}”.")
    if len(found) > max_bytes:
        raise ArticleError(f"The picture “{address}” is larger than the limit for a picture.")
    return found


# The pictures of the archive read last, by (path, size, modification time): the pane asks for an
# article's pictures one by one, and each would otherwise parse the whole archive again.
_last_read: tuple[tuple[str, int, int], dict[str, bytes]] | None = None


def _archive_pictures(path: Path) -> dict[str, bytes]:
    global _last_read
    from .files import MAX_PDF_BYTES, read_bytes
    from .webarchive import MAGIC, subresources

    try:
        info = path.stat()
        key = (str(path), info.st_size, info.st_mtime_ns)
    except OSError:
        key = None
    last = _last_read
    if key is not None and last is not None and last[0] == key:
        return last[1]
    data = read_bytes(path, MAX_PDF_BYTES)
    if data.startswith(MAGIC):
        pictures = subresources(data)
    else:
        import email
        import email.policy

        pictures = _pictures(email.message_from_bytes(data, policy=email.policy.default))
    if key is not None:
        _last_read = (key, pictures)
    return pictures


def _pictures(message: EmailMessage) -> dict[str, bytes]:
    """The archive's pictures by the address each was saved from."""
    return {address: part.get_payload(decode=True) or b"" for address, part in _picture_parts(message)}


def _picture_parts(message: EmailMessage) -> list[tuple[str, EmailMessage]]:
    parts = []
    for part in message.walk():
        address = str(part.get("Content-Location") or "")
        if address and not part.is_multipart() and part.get_content_maintype() == "image":
            parts.append((address, part))
    return parts


def _page_part(message: EmailMessage) -> EmailMessage | None:
    """The part holding the page: the multipart's root (its start, else its first part) if it is HTML,
    else the first HTML part."""
    if not message.is_multipart():
        return message if message.get_content_type() == "text/html" else None
    parts = [part for part in message.walk() if not part.is_multipart()]
    start = message.get_param("start")
    if start:
        for part in parts:
            if str(part.get("Content-ID", "")).strip() == str(start).strip():
                if part.get_content_type() == "text/html":
                    return part
    return next((part for part in parts if part.get_content_type() == "text/html"), None)
