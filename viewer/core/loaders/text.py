"""Plain text: detecting its encoding, unwrapping its lines, and recognising its layout.

The sample's layout (a "date YYYY-MM-DD SOURCE" line, the headline, the time
line, the standfirst, the body) is recognised and its metadata goes to the
header; any other text opens with its first paragraph as the title. PDFs and
pasted text come through here too once they are text.
"""
from __future__ import annotations

import codecs
import re

from ..article import Article, Block, BlockKind, Role, split_paragraphs
from ..errors import ArticleError

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
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
# Single-byte encodings that mean "Western European": when the detector finds one of
# these as likely as its first choice, Windows-1252 is the one people's files are in.
_WESTERN = {"cp1252", "latin_1", "iso8859_15", "windows-1252", "iso-8859-1"}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")  # all but tab and newline: never article text
# Invisible characters that only hint at line breaks or joins: the soft hyphen, the
# zero-width space, the word joiner and invisible operators, a byte-order mark inside
# the text. Left in, they split words for find, search and the model ("soft\u00adware").
# Zero-width (non-)joiners stay: they change how Indic, Arabic and Persian script and emoji look.
INVISIBLE_CHARS = re.compile("[\u00ad\u200b\u2060-\u2064\ufeff]")


def quiet_library_logs() -> None:
    """Keep the parsers' own diagnostics about broken input off the user's terminal; we say it in one sentence."""
    import logging

    for name in ("trafilatura", "htmldate", "courlan", "justext", "pypdf"):
        logging.getLogger(name).setLevel(logging.CRITICAL)


def bom_encoding(data: bytes) -> str | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    return None


def decode_text(data: bytes, name: str) -> str:
    """Decode bytes of text, detecting the encoding (BOM, UTF-8, then charset-normalizer)."""
    encoding = bom_encoding(data)
    if encoding:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            raise ArticleError(f"“{name}” says it is {encoding.upper().replace('-SIG', '')} text "
                               "but is not valid in that encoding.") from None
    wide = _utf16_without_bom(data)
    if wide is not None:
        return wide
    if b"\x00" in data[:4096]:  # NULs further on are stray bytes in text, dropped later
        raise ArticleError(f"“{name}” is a binary file, not text.")
    try:
        return data.decode("utf-8")  # strict UTF-8 rarely succeeds by accident, so success is detection
    except UnicodeDecodeError:
        pass
    text = _detect(data)
    if text is None:
        raise ArticleError(f"“{name}” could not be decoded: it is not text in any encoding the viewer recognises.")
    if len(_CONTROL.findall(text[:20000])) > max(8, len(text[:20000]) // 100):
        raise ArticleError(f"“{name}” is a binary file, not text.")
    return text


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


def _detect(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    if not matches:
        return None
    best = matches[0]
    for match in matches:
        if match.chaos <= best.chaos + 0.02 and _WESTERN.intersection(match.could_be_from_charset):
            for encoding in ("cp1252", "latin-1"):
                try:
                    return data.decode(encoding)
                except UnicodeDecodeError:
                    continue
    return str(best)


def normalise_text(raw: str) -> str:
    """Unify line ends, drop control characters and unwrap hard-wrapped paragraphs."""
    text = raw.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = INVISIBLE_CHARS.sub("", _CONTROL.sub("", text))
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
    return "\n\n".join(re.sub(r"[ \t\u00a0]+", " ", p) for p in paragraphs)


def article_from_text(text: str, source: str) -> Article:
    """Recognise the layout of normalised text: metadata line, headline, time line, standfirst, body."""
    date = site = ""
    first_line, _, rest = text.partition("\n")
    meta = _META_LINE.match(first_line)
    if meta and rest.strip():
        date, site = meta.group(1), meta.group(2)
        text = rest.strip("\n")
    spans = split_paragraphs(text)
    paragraphs = _assign_roles(text, spans)
    title = shorten_title(text[spans[0][0]:spans[0][1]]) if spans else ""
    return Article(source=source, text=text, title=title, date=date, site=site,
                   blocks=tuple(paragraphs))


def shorten_title(title: str) -> str:
    if len(title) > 300:
        title = title[:297].rsplit(" ", 1)[0] + "…"
    return title


def _looks_like_timeline(paragraph: str) -> bool:
    return len(paragraph) <= 80 and bool(_TIMELINE.match(paragraph)) and len(_TIME_WORD.findall(paragraph)) >= 2


def _assign_roles(text: str, spans: list[tuple[int, int]]) -> list[Block]:
    paragraphs: list[Block] = []
    for index, (start, end) in enumerate(spans):
        chunk = text[start:end]
        role = Role.BODY
        if index == 0 and len(spans) > 1:
            role = Role.HEADLINE
        elif index <= 2 and _looks_like_timeline(chunk):
            role = Role.TIMELINE
        elif index <= 3 and paragraphs and _same_words(chunk, text[spans[0][0]:spans[0][1]]):
            role = Role.HEADLINE  # the headline printed again, as feeds often do
        kind = BlockKind.TITLE if role == Role.HEADLINE and index == 0 else BlockKind.PARAGRAPH
        paragraphs.append(Block(start, end, role, kind))
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
            paragraphs[head] = Block(candidate.start, candidate.end, Role.STANDFIRST)
    return paragraphs


def same_words(a: str, b: str) -> bool:
    return re.findall(r"\w+", a.casefold()) == re.findall(r"\w+", b.casefold())


_same_words = same_words
