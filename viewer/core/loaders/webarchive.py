"""A web page saved by Safari (File > Save As, "Web Archive": .webarchive).

The file is a binary property list: the page's HTML is the data of its main
resource (WebMainResource), with the address it came from and its encoding;
the pictures and styles are subresources. The standard library's plistlib
reads it, and the page goes to the HTML loader as if it were a saved .html.
As with a page saved as one file by other browsers (mhtml.py), the pictures
the archive holds are read from it (its subresources, by their addresses).
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
    from .mhtml import pictures_in_archive

    return pictures_in_archive(article_from_html(html, source, name, url=url), set(_subresources(archive)))


def subresources(data: bytes) -> dict[str, bytes]:
    """The pictures of the web archive data, by the address each was saved from ({} if it is none)."""
    import plistlib

    try:
        archive = plistlib.loads(data)
    except Exception:  # plistlib raises several kinds of error for a damaged file
        return {}
    return _subresources(archive) if isinstance(archive, dict) else {}


def _subresources(archive: dict) -> dict[str, bytes]:
    pictures = {}
    for resource in archive.get("WebSubresources") or ():
        if not isinstance(resource, dict):
            continue
        address, data = resource.get("WebResourceURL"), resource.get("WebResourceData")
        kind = resource.get("WebResourceMIMEType")
        if isinstance(address, str) and isinstance(data, bytes) and isinstance(kind, str) and kind.startswith("image/"):
            pictures[address] = data
    return pictures
