"""A web page saved by Safari (File > Save As, "Web Archive": .webarchive).

The file is a binary property list: the page's HTML is the data of its main
resource (WebMainResource), with the address it came from and its encoding;
the pictures and styles are subresources. The standard library's plistlib
reads it, and the page goes to the HTML loader as if it were a saved .html.
As with a page saved as one file by other browsers (mhtml.py), the pictures
are named by their web addresses and not taken from the archive.
"""
from __future__ import annotations

from ..errors import ArticleError

MAGIC = b"bplist00"  # the first bytes of a binary property list


def article_from_webarchive(data: bytes, source: str, name: str):
    """The article of the page a Safari web archive holds."""
    import plistlib

    from .html import article_from_html, decode_html

    try:
        archive = plistlib.loads(data)
    except Exception:  # plistlib raises several kinds of error for a damaged file
        raise ArticleError(f"“{name}” is not a web archive that can be read.") from None
    main = archive.get("WebMainResource") if isinstance(archive, dict) else None
    if not isinstance(main, dict):
        raise ArticleError(f"“{name}” is a property list, not a saved web page.")
    body = main.get("WebResourceData")
    if not isinstance(body, bytes) or not body.strip():
        raise ArticleError(f"“{name}” is a web archive whose page is empty.")
    url = main.get("WebResourceURL")
    url = url if isinstance(url, str) and url.startswith(("http://", "https://")) else ""
    charset = main.get("WebResourceTextEncodingName")
    html = decode_html(body, name, charset if isinstance(charset, str) else None)
    return article_from_html(html, source, name, url=url)
