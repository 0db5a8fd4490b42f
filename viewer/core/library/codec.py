"""How an article and its analysis are turned into library rows and back, and the keys that match them.

- text_key(): the article's identity. Two articles are the same when their text
  is the same after Unicode normalisation (NFKC) and with every run of
  whitespace made one space, whatever file, format or address they came from.
- name_key(): how an entity name is matched across articles (case, accents of
  compatibility forms, curly quotes and spacing do not count).
- encode_article()/decode_article() and encode_analysis()/decode_analysis():
  the compact, compressed rows the library keeps for an article's structure
  and its analysis. Offsets are Python string offsets into the stored text, so
  mention and key-point texts are not stored twice; they are sliced back out.
"""
from __future__ import annotations

import hashlib
import json
import re
import unicodedata
import zlib
from typing import Any

from ..analysis import Analysis
from ..article import Article, Block, BlockKind, Link, Role
from ..rows import analysis_from_rows, analysis_rows, dumps_in_pieces

ANALYSIS_FORMAT = 1
_SPACE = re.compile(r"\s+")
_SURROGATE = re.compile("[\ud800-\udfff]")
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"})


def storable(text: str) -> str:
    """text with lone surrogates (which UTF-8 cannot hold) replaced one for one, so offsets stay valid."""
    return _SURROGATE.sub("\ufffd", text) if not text.isascii() else text


# The window stores articles on a thread of its own. Python's regular expressions and NFKC keep the
# interpreter's lock for the whole of one call, so a long article's text (600,000 characters: 25 ms)
# would hold the window still; it is keyed in pieces of about this many characters, and the lock can
# change hands between them (the rows are written likewise: rows.dumps_in_pieces).
PIECE = 16_384


def text_key(text: str) -> bytes:
    """The identity of an article's text: a SHA-256 of its normalised form."""
    digest = hashlib.sha256()
    pending_space = False  # a whitespace run at the end of the text is stripped, so it is written lazily
    started = False
    for piece in _pieces(storable(text)):
        normalised = _SPACE.sub(" ", unicodedata.normalize("NFKC", piece))
        if not started:
            normalised = normalised.lstrip(" ")
        if not normalised:
            continue
        if pending_space and not normalised.startswith(" "):
            digest.update(b" ")
        pending_space = normalised.endswith(" ")
        if pending_space:
            normalised = normalised[:-1]
        if normalised:
            started = True
            digest.update(normalised.encode("utf-8"))
    return digest.digest()


def _pieces(text: str) -> list[str]:
    """text cut into pieces of about PIECE characters, each cut just before a whitespace character.

    NFKC never joins a character across whitespace, and a whitespace run starts a
    piece rather than spanning two, so normalising piece by piece gives the whole's
    normal form. Without whitespace near a cut, the piece runs on to the next one.
    """
    pieces, start = [], 0
    while len(text) - start > PIECE:
        cut = _next_space(text, start + PIECE)
        if cut < 0:
            break
        pieces.append(text[start:cut])
        start = cut
    pieces.append(text[start:])
    return pieces


def _next_space(text: str, position: int) -> int:
    match = _SPACE.search(text, position, position + PIECE)
    return match.start() if match else -1


def name_key(name: str) -> str:
    """How an entity name is compared across articles: "The  U.S." and "U.S." match, "US" does not."""
    folded = unicodedata.normalize("NFKC", name).translate(_QUOTES).casefold()
    key = _SPACE.sub(" ", folded).strip(" .,;:'\"()[]")
    return key[4:] if key.startswith("the ") and len(key) > 4 else key


def _pack(data: dict[str, Any]) -> bytes:
    return zlib.compress(dumps_in_pieces(data).encode("utf-8"), 6)


def _unpack(blob: bytes) -> dict[str, Any]:
    data = json.loads(zlib.decompress(blob))
    if not isinstance(data, dict):
        raise ValueError("not a library row")
    return data


def encode_article(article: Article) -> bytes:
    """The article's structure (blocks, links, notice); its text and metadata have columns of their own."""
    return _pack({
        "blocks": [[b.start, b.end, b.role.value, b.kind.value, b.depth, int(b.ordered)] for b in article.blocks],
        "links": [[link.start, link.end, link.url] for link in article.links],
        "notice": article.notice,
    })


def decode_article(blob: bytes, *, source: str, text: str, title: str, date: str, site: str,
                   author: str) -> Article:
    data = _unpack(blob)
    length = len(text)
    blocks = []
    for start, end, role, kind, depth, ordered in data["blocks"]:
        if not 0 <= start <= end <= length:
            raise ValueError("block out of range")
        blocks.append(Block(start, end, Role(role), BlockKind(kind), int(depth), bool(ordered)))
    links = []
    for start, end, url in data["links"]:
        if not 0 <= start <= end <= length:
            raise ValueError("link out of range")
        links.append(Link(start, end, url))
    return Article(source=source, text=text, title=title, date=date, site=site, author=author,
                   blocks=tuple(blocks), notice=str(data.get("notice", "")), links=tuple(links))


def encode_analysis(analysis: Analysis) -> bytes:
    """What the analysis adds to the article, as rows (the cache's rows: core/rows.py)."""
    return _pack({"format": ANALYSIS_FORMAT, **analysis_rows(analysis)})


def decode_analysis(blob: bytes, article: Article) -> Analysis:
    """The Analysis stored for article; ValueError if the row does not fit the article's text."""
    data = _unpack(blob)
    if data.get("format") != ANALYSIS_FORMAT:
        raise ValueError("unknown analysis format")
    return analysis_from_rows(data, article)
