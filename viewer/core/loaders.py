"""Turn a file (and later a URL) into an Article, or raise ArticleError with one clear sentence.

Plain text is the first format: the sample's layout (a "date YYYY-MM-DD SOURCE"
line, the headline, the time line, the standfirst, the body) is recognised and
its metadata goes to the header; any other text opens with its first line as
the title. User files are only ever opened for reading.
"""
from __future__ import annotations

import codecs
import os
import re
import stat
from pathlib import Path

from .article import Article, Paragraph, Role, split_paragraphs
from .errors import ArticleError

MAX_BYTES = 20 * 1024 * 1024  # 20 MB: larger than any article, small enough to stay responsive

_META_LINE = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\s+(\S.*?)\s*$", re.IGNORECASE)
# "Mon 06th September 2021 | 03:48 PM", "Updated 12:30 GMT, 3 May 2020", "2021-09-06 15:48"
_TIMELINE = re.compile(
    r"^(?=.{4,80}$)(?=.*\d)(?:[\w.,:|/\- ]*)(?:\b\d{1,2}:\d{2}\b|\b(?:19|20)\d{2}\b)[\w.,:|/\- ]*$"
)
_TIME_WORD = re.compile(
    r"\b(?:mon|tue|wed|thu|fri|sat|sun|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|am|pm|gmt|utc|updated|published)\w*\b"
    r"|\b\d{1,2}:\d{2}\b|\b\d{4}-\d{2}-\d{2}\b",
    re.IGNORECASE,
)


def load(source: str | Path) -> Article:
    """Open the article at source, whatever its kind."""
    path = Path(source)
    return load_text_file(path)


def read_bytes(path: Path, limit: int = MAX_BYTES) -> bytes:
    """The file's bytes, read-only, with every failure turned into one sentence.

    The size is checked on the open file before anything is read, so a huge
    file fails at once; pipes and devices are refused rather than waited on.
    """
    name = path.name or str(path)
    try:
        if path.is_dir():
            raise ArticleError(f"“{name}” is a folder, not an article file.")
        # O_NONBLOCK: opening a named pipe with no writer would otherwise wait forever.
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
        descriptor = os.open(path, flags)
        with open(descriptor, "rb") as handle:
            info = os.fstat(descriptor)
            if stat.S_ISDIR(info.st_mode):
                raise ArticleError(f"“{name}” is a folder, not an article file.")
            if not stat.S_ISREG(info.st_mode):
                raise ArticleError(f"“{name}” is not a regular file (it is a pipe, socket or device).")
            if info.st_size > limit:
                raise _too_large(name, limit)
            data = handle.read(limit + 1)
    except ArticleError:
        raise
    except FileNotFoundError:
        raise ArticleError(f"There is no file “{path}”.") from None
    except PermissionError:
        raise ArticleError(f"You do not have permission to read “{name}”.") from None
    except IsADirectoryError:
        raise ArticleError(f"“{name}” is a folder, not an article file.") from None
    except ValueError:  # a NUL character in the name
        shown = name.replace("\0", "\\0")
        raise ArticleError(f"“{shown}” is not a valid file name.") from None
    except OSError as error:
        raise ArticleError(f"“{name}” could not be read: {error.strerror or error}.") from None
    if len(data) > limit:  # the file grew while it was read
        raise _too_large(name, limit)
    if not data.strip():
        raise ArticleError(f"“{name}” is empty.")
    return data


def _too_large(name: str, limit: int) -> ArticleError:
    return ArticleError(f"“{name}” is larger than the {limit // (1024 * 1024)} MB limit for an article.")


def decode_text(data: bytes, name: str) -> str:
    """Decode bytes of text, detecting the encoding rather than assuming one."""
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                raise ArticleError(f"“{name}” is not valid {encoding.upper()} text.") from None
    wide = _utf16_without_bom(data)
    if wide is not None:
        return wide
    if b"\x00" in data[:4096]:
        raise ArticleError(f"“{name}” is a binary file, not text.")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - a dependency, but stay usable without it
        return data.decode("cp1252", errors="replace")
    best = from_bytes(data).best()
    if best is None:
        raise ArticleError(f"“{name}” is not text in any encoding the viewer recognises.")
    return str(best)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text saved without a byte-order mark, recognised by where its zero bytes fall.

    Text in Latin, Cyrillic, Greek, Arabic... scripts has a zero high byte for
    every space, digit and ASCII punctuation mark, all on one side of each pair.
    """
    sample = data[:4096]
    if len(data) % 2 or len(sample) < 4:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    zeros, other = (odd, even) if odd >= even else (even, odd)
    if zeros < len(sample) // 20 or other > zeros // 20:
        return None
    try:
        text = data.decode("utf-16-le" if odd >= even else "utf-16-be")
    except UnicodeDecodeError:
        return None
    printable = sum(1 for ch in text[:2048] if ch.isprintable() or ch in "\n\r\t")
    return text if printable >= 0.95 * min(len(text), 2048) else None


def normalise_text(raw: str) -> str:
    """Unify line ends, drop control characters and unwrap hard-wrapped paragraphs."""
    text = raw.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    text = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", "", text)
    lines = [line.rstrip() for line in text.split("\n")]
    blocks: list[list[str]] = [[]]
    for line in lines:
        if line.strip():
            blocks[-1].append(line.strip())
        elif blocks[-1]:
            blocks.append([])
    blocks = [block for block in blocks if block]
    has_blank_separators = len(blocks) > 1
    if has_blank_separators:
        # Blank lines separate paragraphs, so single line breaks are wrapping.
        paragraphs = [" ".join(block) for block in blocks]
    else:
        paragraphs = blocks[0] if blocks else []
    return "\n\n".join(re.sub(r"[ \t]+", " ", p) for p in paragraphs)


def load_text_file(path: Path) -> Article:
    data = read_bytes(path)
    name = path.name
    text = normalise_text(decode_text(data, name))
    if not text.strip():
        raise ArticleError(f"“{name}” has no text in it.")
    return article_from_text(text, source=str(path))


def article_from_text(text: str, source: str) -> Article:
    """Recognise the layout of plain text: metadata line, headline, time line, standfirst, body."""
    date = site = ""
    first_line, _, rest = text.partition("\n")
    meta = _META_LINE.match(first_line)
    if meta and rest.strip():
        date, site = meta.group(1), meta.group(2)
        text = rest.strip("\n")
    spans = split_paragraphs(text)
    paragraphs = _assign_roles(text, spans)
    title = text[spans[0][0]:spans[0][1]] if spans else ""
    if len(title) > 300:
        title = title[:297].rsplit(" ", 1)[0] + "…"
    return Article(source=source, text=text, title=title, date=date, site=site,
                   paragraphs=tuple(paragraphs))


def _looks_like_timeline(paragraph: str) -> bool:
    return len(paragraph) <= 80 and bool(_TIMELINE.match(paragraph)) and len(_TIME_WORD.findall(paragraph)) >= 2


def _assign_roles(text: str, spans: list[tuple[int, int]]) -> list[Paragraph]:
    paragraphs: list[Paragraph] = []
    for index, (start, end) in enumerate(spans):
        chunk = text[start:end]
        role = Role.BODY
        if index == 0 and len(spans) > 1:
            role = Role.HEADLINE
        elif index <= 2 and _looks_like_timeline(chunk):
            role = Role.TIMELINE
        elif index <= 3 and paragraphs and _same_words(chunk, text[spans[0][0]:spans[0][1]]):
            role = Role.HEADLINE  # the headline printed again, as feeds often do
        paragraphs.append(Paragraph(start, end, role))
    # A standfirst is a lone sentence right after the headline block that the
    # body then repeats or expands; news feeds often print it twice.
    head = 0
    while head < len(paragraphs) and paragraphs[head].role in (Role.HEADLINE, Role.TIMELINE):
        head += 1
    if head and len(paragraphs) > head + 1:
        candidate = paragraphs[head]
        following = text[paragraphs[head + 1].start:paragraphs[head + 1].end]
        first = text[candidate.start:candidate.end]
        if first.rstrip(".")[:60].lower() in following.lower():
            paragraphs[head] = Paragraph(candidate.start, candidate.end, Role.STANDFIRST)
    return paragraphs


def _same_words(a: str, b: str) -> bool:
    return re.findall(r"\w+", a.casefold()) == re.findall(r"\w+", b.casefold())
