"""What a reader types into a search field, made into an FTS5 query that never fails.

A query that is valid FTS5 (words, "phrases", OR, NOT, NEAR, prefix*) is used
as it is. Anything else (unbalanced quotes or brackets, a stray operator,
punctuation, a column name that does not exist) is searched as words instead:
each whitespace-separated piece becomes a quoted phrase, so "covid-19" finds
the two words side by side and `(AND"` finds nothing rather than raising.
search_queries() gives the candidates in that order; the store tries the next
one when SQLite rejects a query.

Snippets come back from SQLite with MARK_START and MARK_END around the words
that matched; split_marks() turns them into plain text and spans.
"""
from __future__ import annotations

import re

MARK_START = "\x02"
MARK_END = "\x03"
ELLIPSIS = "…"
_WORD = re.compile(r"\w", re.UNICODE)
_MARKS = re.compile(f"{MARK_START}(.*?){MARK_END}", re.DOTALL)
_SPACES = re.compile(r"\s+")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def as_words(query: str, prefix_last: bool = False) -> str:
    """query as an FTS5 query of quoted phrases, one per whitespace-separated piece with a word in it.

    prefix_last makes the last piece a prefix ("minis" finds "minister"), for
    results while the reader is still typing. '' when there is no word at all.
    """
    pieces = [_CONTROL.sub(" ", piece) for piece in query.split() if _WORD.search(piece)]
    phrases = ['"' + piece.replace('"', '""') + '"' for piece in pieces]
    if phrases and prefix_last and query[-1:].isalnum():
        phrases[-1] += "*"
    return " ".join(phrases)


def search_queries(query: str, prefix_last: bool = False) -> list[str]:
    """The FTS5 queries to try for what the reader typed, best first; [] when there is nothing to search."""
    query = query.strip()
    if not _WORD.search(query):
        return []
    words = as_words(query, prefix_last)
    candidates = []
    if prefix_last and query[-1:].isalnum():
        # While typing, the last word is a prefix: "elect" already shows "election".
        candidates.append(query + "*")
    candidates.append(query)
    candidates.append(words)
    unique = []
    for candidate in candidates:
        if candidate and candidate not in unique:
            unique.append(candidate)
    return unique


def split_marks(snippet: str) -> tuple[str, list[tuple[int, int]]]:
    """A snippet's plain text on one line (paragraph breaks become spaces) and the spans of its matched words."""
    plain: list[str] = []
    spans: list[tuple[int, int]] = []
    length = 0
    position = 0

    def add(piece: str) -> None:
        nonlocal length
        piece = _SPACES.sub(" ", piece.replace(MARK_START, "").replace(MARK_END, ""))
        if piece.startswith(" ") and plain and plain[-1].endswith(" "):
            piece = piece[1:]
        plain.append(piece)
        length += len(piece)

    for match in _MARKS.finditer(snippet):
        add(snippet[position:match.start()])
        start = length
        add(match.group(1))
        spans.append((start, length))
        position = match.end()
    add(snippet[position:])
    return "".join(plain), spans
