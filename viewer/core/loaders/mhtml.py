"""A web page saved as one file (MHTML: Chrome's and Edge's "Webpage, Single File", .mhtml or .mht).

The file is a MIME message (multipart/related): the page's HTML is one part,
usually quoted-printable, and its pictures, styles and frames are the others,
each named by the address it came from (Content-Location). The standard
library's email parser reads it; the page part goes to the HTML loader with its
charset and address, as if it were a saved .html. The pictures are not taken
from the archive: they are named by their web addresses, as those of a page
saved without its folder are (View > Load Images fetches them).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import ArticleError

if TYPE_CHECKING:  # the email package is imported with the first such page, not on the way to the first paint
    from email.message import EmailMessage

    from ..article import Article

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
    return article_from_html(html, source, name, url=url if url.startswith(("http://", "https://")) else "")


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
