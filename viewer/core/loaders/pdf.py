"""PDF files: the text layer, rebuilt into paragraphs.

pypdf gives lines; a PDF has no paragraphs, only text placed on pages. Lines
are rejoined into paragraphs using the vertical gaps pypdf's layout mode keeps
(blank lines), or, for multi-column pages, plain reading order and line
lengths; words hyphenated at a line end are rejoined; page numbers and running
headers repeated on every page are dropped. A PDF with no text layer is a scan.

The type size of each line (pypdf's text visitor) gives the structure a PDF has
no tags for: a change of size ends a paragraph, and a short paragraph set
clearly larger than the body text is a heading. The visit reads a page a second
time, so only pages with a line that could be a heading are visited. A line starting with a bullet
starts a paragraph of its own; text.py makes runs of them list items.
"""
from __future__ import annotations

import io
import math
import re
from collections import Counter

from ..article import Article
from ..errors import ArticleError
from .text import CONTROL_CHARS, LIST_MARKER, article_from_text, quiet_library_logs, shorten_title

_PAGE_NUMBER = re.compile(r"^(?:[-–—]\s*)?(?:page\s+)?\d{1,4}(?:\s*(?:/|of)\s*\d{1,4})?(?:\s*[-–—])?$", re.IGNORECASE)
_GUTTER = re.compile(r"\S {4,}\S")
_SENTENCE_END = re.compile(r"[.!?:;…][\"'”’)\]]*$")
_HYPHENATED = re.compile(r"(\w+)-$")
_WORD_START = re.compile(r"^([a-zà-ÿ]\w*)")
# Typographic ligatures fonts put in PDFs ("ﬁ" for "fi"): search, copy and the model need the letters.
_LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
                            "\ufb05": "st", "\ufb06": "st", "\u00ad": ""})
_BULLET = re.compile(r"[•◦▪▫‣●○■□∙*–-][ \u00a0]+\S")
HEADING_SCALE = 1.15  # a heading's type is at least this much larger than the body's
SIZE_CHANGE = 1.1  # consecutive lines whose sizes differ by more than this are different blocks
MAX_HEADING_CHARS = 150
_JUNK_TITLES = re.compile(r"^(untitled|microsoft word|document\d*|.*\.(docx?|odt|pages|pdf|txt|indd))", re.IGNORECASE)


def article_from_pdf(data: bytes, source: str, name: str) -> Article:
    from pypdf import PdfReader

    quiet_library_logs()
    from pypdf.errors import FileNotDecryptedError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise ArticleError(f"“{name}” is protected by a password, so its text cannot be read.")
        pages = [_page_lines(page) for page in reader.pages]
        sizes: dict[str, float] = {}
        typical = _typical_length([line for page in pages for line in page if line])
        for page, lines in zip(reader.pages, _drop_running_lines(pages), strict=True):
            if _may_hold_headings(lines, typical):  # the visit costs as much as the text itself
                sizes.update(_line_sizes(page))
    except ArticleError:
        raise
    except FileNotDecryptedError:
        raise ArticleError(f"“{name}” is protected by a password, so its text cannot be read.") from None
    except Exception as error:  # noqa: BLE001
        # pypdf raises many kinds on damaged or hostile files (loops, bad streams...); for the user it is one thing.
        raise ArticleError(f"“{name}” is not a readable PDF ({type(error).__name__}).") from None
    if not any(line.strip() for page in pages for line in page):
        raise ArticleError(f"“{name}” seems to be a scanned PDF: it has no text layer, "
                           "so there is no text to read (run it through OCR first).")
    paragraphs = _paragraphs(pages, sizes)
    text = "\n\n".join(paragraphs.texts)
    if not text.strip():
        raise ArticleError(f"“{name}” seems to be a scanned PDF: it has no text layer, "
                           "so there is no text to read (run it through OCR first).")
    article = article_from_text(text, source=source, headings=paragraphs.headings(sizes))
    meta = _metadata(reader)
    return Article(source=article.source, text=article.text, blocks=article.blocks,
                   title=meta.get("title") or article.title, date=article.date,
                   site=article.site, author=meta.get("author", ""))


def _page_lines(page) -> list[str]:
    """The page's lines, from layout mode (keeps gaps as blank lines) unless it has several columns."""
    try:
        layout = page.extract_text(extraction_mode="layout")
    except Exception:  # layout mode is newer and stricter; plain mode still reads most files
        layout = ""
    layout = CONTROL_CHARS.sub("", layout.translate(_LIGATURES).replace("\t", " "))
    lines = [line.rstrip() for line in layout.split("\n")]
    text_lines = [line for line in lines if line.strip()]
    columns = sum(1 for line in text_lines if _GUTTER.search(line.strip()))
    if text_lines and columns < max(3, len(text_lines) // 5):
        return [" ".join(line.split()) for line in lines]
    plain = CONTROL_CHARS.sub("", (page.extract_text() or "").translate(_LIGATURES))
    return [" ".join(line.split()) for line in plain.replace("\t", " ").split("\n")]


def _line_sizes(page) -> dict[str, float]:
    """The type size of each line of the page, keyed by its text without spaces (see _size_key)."""
    fragments: dict[int, list[tuple[str, float]]] = {}

    def visit(text, cm, tm, _font, font_size) -> None:
        if not text or not text.strip() or not font_size:
            return
        # The text matrix times the page's: its vertical scale times the font size is the type's size.
        c, d = tm[2] * cm[0] + tm[3] * cm[2], tm[2] * cm[1] + tm[3] * cm[3]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        fragments.setdefault(round(y), []).append((text, abs(font_size) * math.hypot(c, d)))

    try:
        page.extract_text(visitor_text=visit)
    except Exception:  # sizes only refine the layout; a page pypdf cannot visit keeps its text
        return {}
    sizes = {}
    for pieces in fragments.values():
        key = _size_key("".join(text for text, _size in pieces))
        if key:
            sizes[key] = max(size for _text, size in pieces)
    return sizes


def _may_hold_headings(lines: list[str], typical: float) -> bool:
    """Whether a page has a line that could be a heading: short, with letters, not the end of a sentence.

    Pages of running text (every line full, or ending a sentence) are not visited for type sizes.
    """
    for line in lines:
        if line and len(line) <= 0.7 * typical and not _SENTENCE_END.search(line) \
                and not line.endswith((",", "-", "–")) and any(ch.isalpha() for ch in line):
            return True
    return False


def _size_key(line: str) -> str:
    return "".join(line.split())


class _Paragraphs:
    """The rebuilt paragraphs' texts, and the lines each came from (to tell headings by their size)."""

    def __init__(self, lines: list[list[str]], texts: list[str]) -> None:
        self.lines = lines
        self.texts = texts

    def headings(self, sizes: dict[str, float]) -> frozenset[int]:
        """Indices of the short paragraphs set clearly larger than the body text."""
        if not sizes:
            return frozenset()
        weight: Counter = Counter()
        paragraph_sizes = []
        for lines, text in zip(self.lines, self.texts, strict=True):
            size = max((sizes.get(_size_key(line), 0.0) for line in lines), default=0.0)
            paragraph_sizes.append(size)
            weight[round(size, 1)] += len(text)
        body = weight.most_common(1)[0][0] if weight else 0.0
        if not body:
            return frozenset()
        return frozenset(index for index, (size, text) in enumerate(zip(paragraph_sizes, self.texts, strict=True))
                         if size >= body * HEADING_SCALE and len(text) <= MAX_HEADING_CHARS
                         and not LIST_MARKER.match(text))


def rebuild_paragraphs(pages: list[list[str]]) -> str:
    """Join the pages' lines into paragraphs separated by blank lines."""
    return "\n\n".join(_paragraphs(pages).texts)


def _paragraphs(pages: list[list[str]], sizes: dict[str, float] | None = None) -> _Paragraphs:
    pages = [_trim_blank_edges(page) for page in _drop_running_lines(pages)]
    all_lines = [line for page in pages for line in page if line]
    words = Counter(w.lower() for line in all_lines for w in re.findall(r"[\w-]+", line))
    has_gaps = any(not line for page in pages for line in page)
    typical = _typical_length(all_lines)
    sizes = sizes or {}
    paragraphs: list[list[str]] = [[]]
    for page in pages:
        for line in page:
            if not line:
                if paragraphs[-1] and has_gaps:
                    paragraphs.append([])
                continue
            current = paragraphs[-1]
            if current and (_starts_item(current[-1], line) or _size_changes(current[-1], line, sizes)
                            or not has_gaps and _ends_paragraph(current[-1], line, typical)):
                paragraphs.append([line])
            else:
                current.append(line)
        # A page break ends a paragraph only where the sentence ended.
        if paragraphs[-1] and _SENTENCE_END.search(paragraphs[-1][-1]) and \
                len(paragraphs[-1][-1]) < typical * 0.85:
            paragraphs.append([])
    kept = [lines for lines in paragraphs if lines]
    return _Paragraphs(kept, [_join_lines(lines, words) for lines in kept])


def _starts_item(line: str, following: str) -> bool:
    """Does the following line start a list item? A bullet does; a number does after a sentence or an item."""
    if _BULLET.match(following):
        return True
    marker = LIST_MARKER.match(following)
    return marker is not None and marker.group(2) is not None and \
        (_SENTENCE_END.search(line) is not None or LIST_MARKER.match(line) is not None)


def _size_changes(line: str, following: str, sizes: dict[str, float]) -> bool:
    first, second = sizes.get(_size_key(line)), sizes.get(_size_key(following))
    return bool(first and second) and max(first, second) > min(first, second) * SIZE_CHANGE


def _trim_blank_edges(page: list[str]) -> list[str]:
    start, end = 0, len(page)
    while start < end and not page[start]:
        start += 1
    while end > start and not page[end - 1]:
        end -= 1
    return page[start:end]


def _typical_length(lines: list[str]) -> float:
    lengths = sorted(len(line) for line in lines)
    if not lengths:
        return 0.0
    return float(lengths[int(len(lengths) * 0.8)]) if len(lengths) > 4 else float(max(lengths))


def _ends_paragraph(line: str, following: str, typical: float) -> bool:
    """With no vertical gaps to go by: a short line ending a sentence, or a short title-like line."""
    if _SENTENCE_END.search(line) and len(line) < typical * 0.85:
        return True
    starts_anew = following[:1].isupper() or following[:1].isdigit() or following[:1] in "\"“‘'"
    return len(line) < typical * 0.6 and starts_anew and not line.endswith((",", "-", ";", "–"))


def _join_lines(lines: list[str], words: Counter) -> str:
    text = lines[0]
    for line in lines[1:]:
        hyphen = _HYPHENATED.search(text)
        start = _WORD_START.match(line)
        if hyphen and start:
            left, right = hyphen.group(1), start.group(1)
            joined = (left + right).lower()
            # Keep the hyphen of a real compound ("battery-powered") that the text spells with one elsewhere.
            if words.get(f"{left}-{right}".lower(), 0) > 0 and words.get(joined, 0) == 0:
                text = f"{text}{line}"
            else:
                text = f"{text[:-1]}{line}"
        else:
            text = f"{text} {line}"
    return text


def _drop_running_lines(pages: list[list[str]]) -> list[list[str]]:
    """Drop page numbers, headers or footers repeated on every page, and lines printed on both sides of a page break."""
    def content(page: list[str]) -> list[str]:
        return [line for line in page if line]

    repeated: set[str] = set()
    if len(pages) >= 2:
        needed = len(pages) if len(pages) < 4 else len(pages) * 0.6
        for edge in (lambda lines: lines[:2], lambda lines: lines[-2:]):  # the top, then the bottom
            counts = Counter(_digits_blind(line) for page in pages for line in set(edge(content(page))))
            repeated |= {line for line, count in counts.items() if count >= needed}
    cleaned: list[list[str]] = []
    for page in pages:
        lines = content(page)
        edges = set(lines[:2] + lines[-2:])
        kept = [line for line in page
                if not (line in edges and (_PAGE_NUMBER.match(line) or _digits_blind(line) in repeated))]
        if cleaned:
            previous = [line for line in cleaned[-1] if line]
            first = next((index for index, line in enumerate(kept) if line), None)
            # Some writers draw the line cut by a page break on both pages.
            if previous and first is not None and kept[first] == previous[-1]:
                del kept[first]
        cleaned.append(kept)
    return cleaned


def _digits_blind(line: str) -> str:
    return re.sub(r"\d+", "#", line)


def _metadata(reader) -> dict[str, str]:
    try:
        info = reader.metadata or {}
        title = " ".join(str(info.get("/Title", "") or "").split())
        author = " ".join(str(info.get("/Author", "") or "").split())
    except Exception:  # broken metadata must not stop the text from opening
        return {}
    meta = {}
    if title and not _JUNK_TITLES.match(title):
        meta["title"] = shorten_title(title)
    if author:
        meta["author"] = author
    return meta
