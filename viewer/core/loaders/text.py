"""Plain text: detecting its encoding, unwrapping its lines, and recognising its layout.

The sample's layout (a "date YYYY-MM-DD SOURCE" line, the headline, the time
line, the standfirst, the body) is recognised and its metadata goes to the
header; any other text opens with its first line as the title when that line
reads as one (looks_like_title), and with no title of its own otherwise. Lines
starting with a bullet ("•", "-", "*"...) or a number ("1.", "2)") are list
items when two or more follow each other (numbers counting up): each is a
block of its own, and its marker leaves the text (the reader draws it). PDFs
and pasted text come through here too once they are text.
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
# A list item's marker: a bullet, or a number of one to three digits with "." or ")".
LIST_MARKER = re.compile(r"(?:([•◦▪▫‣●○■□∙*–-])|(\d{1,3})[.)])[ \t\u00a0]+(?=\S)")
_SENTENCE_END = re.compile(r"[.!?:;…][\"'”’)\]]*$")
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
# Single-byte encodings that mean "Western European": when the detector finds one of
# these as likely as its first choice, Windows-1252 is the one people's files are in.
_WESTERN = {"cp1252", "latin_1", "iso8859_15", "windows-1252", "iso-8859-1"}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
TITLE_MAX_CHARS = 200  # a headline is a line, not a paragraph
TITLE_MAX_WORDS = 30
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
    """Decode bytes of text, detecting the encoding (BOM, UTF-16 by its zeros, UTF-8, then charset-normalizer).

    Bytes that are not text (random data, an unknown binary format) are refused
    with the binary sentence before any encoding is guessed: a detector finds
    *some* encoding in which any bytes decode, and random bytes came out as an
    "article" of Roman numerals.
    """
    binary = f"“{name}” is a binary file, not text."
    encoding = bom_encoding(data)
    if encoding:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            if _mostly_invalid(data, encoding):
                raise ArticleError(binary) from None
            raise ArticleError(f"“{name}” says it is {encoding.upper().replace('-SIG', '')} text "
                               "but is not valid in that encoding.") from None
        if _too_many_controls(text):
            raise ArticleError(binary)
        return text
    wide = _utf16_without_bom(data)
    if wide is not None:
        return wide
    if looks_binary(data):
        raise ArticleError(binary)
    seven_bit = _iso2022(data)
    if seven_bit is not None:
        return seven_bit
    try:
        return data.decode("utf-8")  # strict UTF-8 rarely succeeds by accident, so success is detection
    except UnicodeDecodeError:
        pass
    text = _detect(data)
    if text is None:
        raise ArticleError(f"“{name}” could not be decoded: it is not text in any encoding the viewer recognises.")
    if _too_many_controls(text):
        raise ArticleError(binary)
    return text


# Control bytes that text in any supported single- or multi-byte encoding may hold: tab, the line
# and page breaks, ESC (ISO-2022 escape sequences) and SUB (the old DOS end-of-file mark).
_TEXT_CONTROLS = frozenset(b"\t\n\x0b\x0c\r\x1a\x1b")
_BINARY_CONTROLS = bytes(byte for byte in range(32) if byte not in _TEXT_CONTROLS) + b"\x7f"
BINARY_SAMPLE = 65536


# The escape sequences that switch an ISO-2022 text into its double-byte set.
_ISO2022 = ((b"\x1b$B", "iso2022_jp"), (b"\x1b$@", "iso2022_jp"), (b"\x1b$(D", "iso2022_jp_2"),
            (b"\x1b$)C", "iso2022_kr"), (b"\x1b$A", "iso2022_jp_2"))


def _iso2022(data: bytes) -> str | None:
    """Japanese or Korean mail-style text: 7-bit bytes with escapes, which would pass for ASCII."""
    if b"\x1b$" not in data[:BINARY_SAMPLE]:
        return None
    for escape, encoding in _ISO2022:
        if escape in data[:BINARY_SAMPLE]:
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                continue
    return None


def looks_binary(data: bytes) -> bool:
    """Bytes that no text encoding without a BOM explains: a NUL near the start, or control bytes in
    more than 1 % of the first 64 KB (random bytes have about 11 %, text next to none)."""
    if b"\x00" in data[:4096]:  # NULs further on are stray bytes in text, dropped later
        return True
    sample = data[:BINARY_SAMPLE]
    controls = len(sample) - len(sample.translate(None, _BINARY_CONTROLS))
    return controls > max(8, len(sample) // 100)


def _too_many_controls(text: str) -> bool:
    sample = text[:20000]
    return len(_CONTROL.findall(sample)) > max(8, len(sample) // 100)


def _mostly_invalid(data: bytes, encoding: str) -> bool:
    """Bytes behind a BOM that are invalid in its encoding far too often to be a damaged text file."""
    sample = data[:BINARY_SAMPLE]
    decoded = sample.decode(encoding, errors="replace")
    return decoded.count("\ufffd") > max(8, len(decoded) // 1000)


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
    # Chinese or Japanese has zero bytes only at its spaces, digits and ASCII punctuation: fewer,
    # but still all on one side. Random bytes have them on both sides alike.
    if zeros < 4 or other > zeros // 20:
        return None
    try:
        text = data.decode("utf-16-le" if odd >= even else "utf-16-be")
    except UnicodeDecodeError:
        return None
    # Bytes that are not UTF-16 still decode into something, but into private-use and unassigned
    # characters (about a tenth of all code units) that text never has.
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
        # Blank lines separate paragraphs, so single line breaks are wrapping (but a list's
        # items, each on its own line, stay apart).
        paragraphs = [" ".join(piece) for block in blocks for piece in _split_list_lines(block)]
    else:
        paragraphs = blocks[0] if blocks else []
    return "\n\n".join(re.sub(r"[ \t\u00a0]+", " ", p) for p in paragraphs)


def _split_list_lines(lines: list[str]) -> list[list[str]]:
    """A paragraph's lines, cut before each list item's line when it holds a list (else one piece)."""
    runs = list_runs([LIST_MARKER.match(line) for line in lines]) if len(lines) > 1 else []
    if not runs:
        return [lines]
    items = {index for run in runs for index in run}
    pieces: list[list[str]] = []
    in_item = False
    for index, line in enumerate(lines):
        if not pieces or index in items:
            pieces.append([line])
            in_item = index in items
        elif in_item and line[:1].isupper() and _SENTENCE_END.search(pieces[-1][-1]):
            pieces.append([line])  # the text after the list
            in_item = False
        else:
            pieces[-1].append(line)  # a list item (or the text before it) wrapped onto the next line
    return pieces


def list_runs(markers: list[re.Match | None]) -> list[list[int]]:
    """Indices of the list items among paragraphs (or lines), given each one's LIST_MARKER match.

    An item is one of two or more in a row with the same bullet, or numbered
    one more than the one before it (a lone "1." or "-" line is just text).
    """
    runs: list[list[int]] = []
    current: list[int] = []
    for index, match in enumerate(markers):
        previous = markers[index - 1] if index and current else None
        if match is not None and previous is not None and _continues_list(previous, match):
            current.append(index)
            continue
        if len(current) >= 2:
            runs.append(current)
        current = [index] if match is not None else []
    if len(current) >= 2:
        runs.append(current)
    return runs


def _continues_list(previous: re.Match, match: re.Match) -> bool:
    if previous.group(1) is not None:
        return match.group(1) == previous.group(1)
    return match.group(2) is not None and int(match.group(2)) == int(previous.group(2)) + 1


def article_from_text(text: str, source: str, headings: frozenset[int] = frozenset()) -> Article:
    """Recognise the layout of normalised text: metadata line, headline, time line, standfirst, body, lists.

    headings: indices of paragraphs known to be headings (the PDF loader knows them by their type size).
    """
    date = site = ""
    first_line, _, rest = text.partition("\n")
    meta = _META_LINE.match(first_line)
    if meta and rest.strip():
        date, site = meta.group(1), meta.group(2)
        text = rest.strip("\n")
        headings = frozenset(index - 1 for index in headings if index)
    spans = split_paragraphs(text)
    markers = [LIST_MARKER.match(text, start, end) for start, end in spans]
    items = {index: markers[index] for run in list_runs(markers) for index in run}
    if items:  # the markers leave the text: the list items' kind says what they were
        pieces, moved, position = [], [], 0
        for index, (start, end) in enumerate(spans):
            if index in items:
                start = items[index].end()
            pieces.append(text[start:end])
            moved.append((position, position + end - start))
            position += end - start + 2
        text, spans = "\n\n".join(pieces), moved
    paragraphs = _assign_roles(text, spans, items.keys())
    paragraphs = [_with_kind(block, index, items, headings) for index, block in enumerate(paragraphs)]
    headline = paragraphs[0] if paragraphs and paragraphs[0].role == Role.HEADLINE else None
    title = shorten_title(text[headline.start:headline.end]) if headline else ""
    return Article(source=source, text=text, title=title, date=date, site=site,
                   blocks=tuple(paragraphs))


def _with_kind(block: Block, index: int, items: dict[int, re.Match], headings: frozenset[int]) -> Block:
    if index in items:
        return Block(block.start, block.end, Role.BODY, BlockKind.LIST_ITEM, 0, items[index].group(2) is not None)
    if index in headings and block.kind != BlockKind.TITLE and block.role == Role.BODY:
        return Block(block.start, block.end, Role.BODY, BlockKind.HEADING)
    return block


def shorten_title(title: str) -> str:
    if len(title) > 300:
        title = title[:297].rsplit(" ", 1)[0] + "…"
    return title


def _looks_like_timeline(paragraph: str) -> bool:
    return len(paragraph) <= 80 and bool(_TIMELINE.match(paragraph)) and len(_TIME_WORD.findall(paragraph)) >= 2


def looks_like_title(line: str) -> bool:
    """A first line that reads as a headline: short, and not a sentence ending in a full stop.

    A line in capitals is a headline even with a full stop (wire copy). Anything
    else (a pasted lede, a first paragraph) is body text, and the article has no
    title of its own.
    """
    line = line.strip()
    if not line or len(line) > TITLE_MAX_CHARS or len(line.split()) > TITLE_MAX_WORDS:
        return False
    letters = [ch for ch in line if ch.isalpha()]
    if letters and sum(ch.isupper() for ch in letters) >= 0.8 * len(letters):
        return True
    return not line.endswith((".", ":", ";", ","))


def _assign_roles(text: str, spans: list[tuple[int, int]], list_items=()) -> list[Block]:
    paragraphs: list[Block] = []
    for index, (start, end) in enumerate(spans):
        chunk = text[start:end]
        role = Role.BODY
        if index in list_items:
            pass
        elif index == 0 and len(spans) > 1 and looks_like_title(chunk):
            role = Role.HEADLINE
        elif index <= 2 and _looks_like_timeline(chunk):
            role = Role.TIMELINE
        elif (index <= 3 and paragraphs and paragraphs[0].role == Role.HEADLINE
              and _same_words(chunk, text[spans[0][0]:spans[0][1]])):
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
