"""An article's pictures: where they stand in its text, their address, alt text and caption.

Nothing is fetched here: this only finds and describes the pictures. A saved
page's pictures are looked up in the page itself (trafilatura keeps the text
but not its figures' captions): the <img> elements inside the part of the page
that holds the article's text, each placed before the block of text that
follows it on the page, with its <figure>'s caption. Relative addresses are
resolved against the address the page came from, or for a file against its
folder, so a "Web page, complete" save points at the pictures saved beside it.

fetch_image() is what the reading pane calls, on a worker thread, for a picture
on the web when the reader has allowed it: same time and size limits and
redirect rules as an article, and only a picture's content types are accepted.
"""
from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from urllib.parse import quote, urljoin, urlsplit

from ..article import Article, Image
from ..errors import ArticleError
from .files import MB
from .mhtml import ARCHIVE_SUFFIXES

_SCHEMES = ("http", "https", "file")
_SPACE = re.compile(r"\s+")
# Elements of a page that hold text blocks the article may have kept, and elements never part of it.
_BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "figcaption", "pre", "td", "th", "dd",
           "dt", "caption"}
_OUTSIDE = {"nav", "aside", "footer", "form", "script", "style", "template", "button", "select"}
_KEY_CHARS = 40  # a block is recognised on the page by its first words
MIN_KEY_CHARS = 12  # shorter blocks ("Share", "1") are too common to tell where they are
MIN_SIDE = 48  # pixels: smaller pictures are icons, avatars and tracking pixels
# A picture's address names its format (ad servers' "avw.php?zoneid=" do not), and a site's furniture
# says what it is in its name, class or id (as Readability's unlikely candidates do).
_PICTURE_FILE = re.compile(r"\.(?:avif|bmp|gif|jpe?g|png|webp|svg)(?:$|[?#&/])", re.IGNORECASE)
_FURNITURE = re.compile(r"logo|icon|avatar|sprite|badge|spinner|pixel|placeholder|blank\.gif|spacer", re.IGNORECASE)
MAX_IMAGES = 100
MAX_IMAGE_BYTES = 15 * MB
IMAGE_TYPES = ("image/jpeg", "image/png", "image/gif", "image/webp", "image/bmp", "image/svg+xml", "image/avif")


def image_base(source: str, url: str = "") -> str:
    """What an article's relative image addresses are resolved against: its URL, or its file's folder."""
    for candidate in (url, source):
        if candidate and urlsplit(candidate).scheme.lower() in ("http", "https"):
            return candidate
    if source and "://" not in source and source != "Clipboard":
        try:
            return Path(source).resolve().parent.as_uri() + "/"
        except (OSError, ValueError):
            return ""
    return ""


def resolve_image(src: str, base: str) -> str | None:
    """The absolute http(s) or file: address of an image reference, or None (data:, scripts, no base...)."""
    src = _SPACE.sub(" ", src or "").strip()
    if not src or src.lower().startswith(("data:", "javascript:", "blob:", "about:", "cid:")):
        return None
    if src.startswith("//"):
        src = "https:" + src
    # Saved pages name their folder with spaces and non-ASCII letters; the address needs them escaped.
    src = quote(src, safe="/:%#?&=@+,;~!$'()*[]")
    address = urljoin(base, src) if base else src
    try:
        parts = urlsplit(address)
    except ValueError:
        return None
    if parts.scheme.lower() not in _SCHEMES:
        return None
    if parts.scheme.lower() == "file":
        return address if parts.netloc in ("", "localhost") and parts.path else None
    return address if parts.netloc else None


def with_page_images(article: Article, html: str, url: str = "", root=None) -> Article:
    """The article with the pictures its page shows among its text (Article.images).

    root is the page already parsed by parse_page, when the caller has it (None: parsed here if needed).
    """
    images = page_images(article, html, image_base(article.source, url), root)
    return dataclasses.replace(article, images=images) if images else article


def parse_page(html: str):
    """The page as an lxml.html tree, or None when lxml cannot read it."""
    try:
        import lxml.html

        return lxml.html.document_fromstring(html)
    except Exception:  # lxml raises several kinds on hostile markup
        return None


def page_images(article: Article, html: str, base: str, root=None) -> tuple[Image, ...]:
    if "<img" not in html and "<IMG" not in html:
        return ()
    root = parse_page(html) if root is None else root
    if root is None:
        return ()  # unreadable markup: the article has no pictures
    keys: dict[str, int] = {}
    for index, block in enumerate(article.blocks):
        key = _key(article.text[block.start:block.end])
        if len(key) >= MIN_KEY_CHARS:
            keys.setdefault(key, index)
    if not keys:
        return ()
    # The page in reading order: the blocks the article kept, and the pictures between them.
    events: list[tuple[object, int | None]] = []
    for element in _elements(root):
        if element.tag == "img":
            events.append((element, None))
        elif element.tag in _BLOCKS:
            index = keys.get(_key(element.text_content()))
            if index is not None:
                events.append((element, index))
    matched = [element for element, index in events if index is not None]
    if not matched:
        return ()
    container = _container(matched)
    last_parent = matched[-1].getparent()
    site = _page_address(root) if base.startswith("file:") else ""
    images: list[Image] = []
    seen: set[str] = set()
    after_text = False
    for position, (element, index) in enumerate(events):
        if index is not None:
            after_text = element is matched[-1] or after_text
            continue
        if not _inside(element, container) or _too_small(element) or _furniture(element):
            continue
        if after_text and not _inside(element, last_parent):
            continue  # after the article's last words: related stories, promotions, the site's footer
        src = _resolve_on_page(_source_of(element), base, site)
        if src is None or src in seen:
            continue
        seen.add(src)
        following = next((i for _e, i in events[position + 1:] if i is not None), None)
        offset = article.blocks[following].start if following is not None else len(article.text)
        images.append(Image(offset, src, image_words(element.get("alt", "")),
                            _caption(element) or image_words(element.get("title", ""))))
        if len(images) >= MAX_IMAGES:
            break
    # Offsets follow the page's order; a picture the page places out of the text's order keeps its place.
    return tuple(sorted(images, key=lambda image: image.offset))


def _resolve_on_page(src: str, base: str, site: str) -> str | None:
    """The picture's address; on a saved page, one not saved beside it is the site's (when the page says which)."""
    from urllib.parse import unquote

    address = resolve_image(src, base)
    if address is None or not _PICTURE_FILE.search(address):
        return None
    if not address.startswith("file:") or Path(unquote(urlsplit(address).path)).is_file():
        return address
    return resolve_image(src, site) if site else None


def _page_address(root) -> str:
    """Where a saved page was on the web, as it says itself (canonical link, og:url), or ""."""
    for element in root.iter("link", "meta"):
        if element.tag == "link" and "canonical" in (element.get("rel") or "").lower():
            address = element.get("href") or ""
        elif element.tag == "meta" and (element.get("property") or "").lower() == "og:url":
            address = element.get("content") or ""
        else:
            continue
        if urlsplit(address).scheme.lower() in ("http", "https"):
            return address
    return ""


def _furniture(element) -> bool:
    described = " ".join((element.get("class") or "", element.get("id") or "", _source_of(element).rsplit("/", 1)[-1]))
    return bool(_FURNITURE.search(described))


def _elements(root):
    """The page's elements in document order, without the subtrees that are never the article."""
    stack = [root]
    while stack:
        element = stack.pop()
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in _OUTSIDE:
            continue
        if tag:
            yield element
        stack.extend(reversed([child for child in element if isinstance(child.tag, str)]))


def _key(text: str) -> str:
    text = _SPACE.sub(" ", text or "").strip().casefold()
    return text.lstrip("•·-–*0123456789.) ")[:_KEY_CHARS]


def _container(matched: list) -> object:
    """The deepest element holding nearly all the page's elements that the article kept."""
    counts: dict[object, int] = {}
    depth: dict[object, int] = {}
    for element in matched:
        ancestors = list(element.iterancestors())
        for level, ancestor in enumerate(reversed(ancestors)):
            counts[ancestor] = counts.get(ancestor, 0) + 1
            depth[ancestor] = level
    needed = max(1, int(0.8 * len(matched)))
    candidates = [element for element, count in counts.items() if count >= needed]
    return max(candidates, key=lambda element: depth[element]) if candidates else None


def _inside(element, container) -> bool:
    return container is None or any(ancestor is container for ancestor in element.iterancestors())


def _too_small(element) -> bool:
    for side in ("width", "height"):
        value = (element.get(side) or "").strip().lower().removesuffix("px")
        if value.isdigit() and int(value) < MIN_SIDE:
            return True
    return False


def _source_of(element) -> str:
    """The picture's own address: lazy-loading attributes first (src is then a placeholder)."""
    for attribute in ("data-src", "data-lazy-src", "data-original", "src"):
        value = (element.get(attribute) or "").strip()
        if value and not value.lower().startswith("data:"):
            return value
    srcset = (element.get("srcset") or element.get("data-srcset") or "").strip()
    return srcset.split(",")[0].split()[0] if srcset else ""


def _caption(element) -> str:
    for ancestor in element.iterancestors():
        if ancestor.tag == "figure":
            captions = ancestor.findall(".//figcaption")
            return _clean(captions[0].text_content()) if captions else ""
        if ancestor.tag in _BLOCKS or ancestor.tag in ("article", "main", "body"):
            return ""
    return ""


def _clean(text: str) -> str:
    return _SPACE.sub(" ", text or "").strip()


# A file's name or a URL slug, which publishing tools put where a picture's words belong:
# one unbroken run with an underscore, two hyphens or a picture's file extension.
_FILE_NAME = re.compile(r"\S*(_|-\S*-|\.(jpe?g|png|gif|webp|avif|svg|bmp|tiff?)$)\S*", re.IGNORECASE)


def image_words(text: str) -> str:
    """A picture's alt text or title as words for the reader: "" when it is only a file name or a slug
    ("IMG_2953", "milano-design-week-2018-01"), which says nothing a reader can use."""
    words = _clean(text)
    return "" if _FILE_NAME.fullmatch(words) else words


def fetch_image(url: str, timeout: float = 20.0, max_bytes: int = MAX_IMAGE_BYTES) -> bytes:
    """The bytes of a picture on the web, or ArticleError with one sentence (never anything but a picture)."""
    from .url import fetch

    return fetch(url, timeout=timeout, max_bytes=max_bytes, kinds=dict.fromkeys(IMAGE_TYPES, "a picture")).data


def read_local_image(url: str, max_bytes: int = MAX_IMAGE_BYTES) -> bytes:
    """The bytes of a picture saved on this computer (a file: address), or ArticleError."""
    from urllib.parse import unquote

    from .files import read_bytes

    parts = urlsplit(url)
    if parts.scheme.lower() != "file":
        raise ArticleError(f"“{url}” is not a file on this computer.")
    path = Path(unquote(parts.path))
    if parts.fragment and path.suffix.lower() in ARCHIVE_SUFFIXES:  # a picture inside a saved page's archive
        from .mhtml import read_picture

        return read_picture(path, unquote(parts.fragment), max_bytes)
    return read_bytes(path, max_bytes)
