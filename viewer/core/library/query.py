"""What a reader types into a search field, made into an FTS5 query that never fails, and the snippets shown.

A query that is valid FTS5 (words, "phrases", OR, NOT, NEAR, prefix*) is used
as it is. Anything else (unbalanced quotes or brackets, a stray operator,
punctuation, a column name that does not exist) is searched as words instead:
each whitespace-separated piece becomes a quoted phrase, so "covid-19" finds
the two words side by side and `(AND"` finds nothing rather than raising.
search_queries() gives the candidates in that order; the store tries the next
one when SQLite rejects a query.

Snippets are cut here rather than by SQLite's snippet(): for a prefix query
("th*" while "the" is being typed) snippet() reads the positions of every word
that starts with it in each row, several milliseconds a row. snippet() finds
the words of the query in a text the way the index's tokenizer (unicode61,
diacritics removed, case folded) sees them, and returns the stretch with the
most of them and where they are.
"""
from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from dataclasses import dataclass

ELLIPSIS = "…"
MIN_PREFIX = 3  # while typing, a last word this long counts as a prefix (shorter ones match most of a library)
SNIPPET_CHARS = 160  # about two lines of a list
CONTEXT_CHARS = 30  # shown before the first matched word
MAX_MARKS = 2_000
SCAN_CHARS = 200_000  # a snippet is looked for in the first this many characters of a text
_WORD = re.compile(r"\w", re.UNICODE)
_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)
_SPACES = re.compile(r"\s+")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
# The terms of an FTS5 query: "a phrase"* or a bareword*, with what follows it (a ':' makes it a column name).
_TERM = re.compile(r'"((?:[^"]|"")*)"(\*?)|([^\s"()*:^{}+\-]+)(\*?)(\s*:)?')
_OPERATORS = {"AND", "OR", "NOT", "NEAR"}


def as_words(query: str, prefix_last: bool = False) -> str:
    """query as an FTS5 query of quoted phrases, one per whitespace-separated piece with a word in it.

    prefix_last makes the last piece a prefix ("minis" finds "minister"), for
    results while the reader is still typing. '' when there is no word at all.
    """
    pieces = [_CONTROL.sub(" ", piece) for piece in query.split() if _WORD.search(piece)]
    phrases = ['"' + piece.replace('"', '""') + '"' for piece in pieces]
    if phrases and prefix_last and _typing_a_word(query):
        phrases[-1] += "*"
    return " ".join(phrases)


def _typing_a_word(query: str) -> bool:
    """Whether the query ends in a word long enough to be searched as a prefix."""
    match = re.search(r"[^\W_]+$", query)
    return match is not None and len(match.group()) >= MIN_PREFIX


def search_queries(query: str, prefix_last: bool = False) -> list[str]:
    """The FTS5 queries to try for what the reader typed, best first; [] when there is nothing to search."""
    query = query.strip()
    if not _WORD.search(query):
        return []
    candidates = []
    if prefix_last and _typing_a_word(query):
        # While typing, the last word is a prefix: "elect" already shows "election".
        candidates.append(query + "*")
    candidates.append(query)
    candidates.append(as_words(query, prefix_last))
    unique = []
    for candidate in candidates:
        if candidate and candidate not in unique:
            unique.append(candidate)
    return unique


def fold(word: str) -> str:
    """A word as the index keeps it: case folded, diacritics removed."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@dataclass(frozen=True)
class Terms:
    """The words of a query (and the prefixes among them), folded as the index folds them."""

    words: frozenset[str]
    prefixes: tuple[str, ...]

    def __bool__(self) -> bool:
        return bool(self.words or self.prefixes)

    @functools.cached_property
    def pattern(self) -> re.Pattern[str] | None:
        """A regular expression that finds these words in a text as the index does: any case, any accents."""
        alternatives = [_accented(word) for word in sorted(self.words, key=len, reverse=True)]
        alternatives += [_accented(prefix) + r"[^\W_]*" for prefix in self.prefixes]
        if not alternatives:
            return None
        return re.compile(r"(?<![^\W_])(?:" + "|".join(alternatives) + r")(?![^\W_])", re.IGNORECASE)


@functools.lru_cache(maxsize=1)
def _accented_letters() -> dict[str, str]:
    """Each ASCII letter and the accented Latin letters the index folds to it: {"e": "eèéêë..."}."""
    letters: dict[str, list[str]] = {}
    for code in range(0xC0, 0x250):
        char = chr(code)
        base = fold(char)
        if len(base) == 1 and base.isascii() and base.isalpha() and base != char:
            letters.setdefault(base, []).append(char)
    return {base: base + "".join(chars) for base, chars in letters.items()}


def _accented(word: str) -> str:
    """word as a pattern where each letter may carry an accent (the search is case-insensitive too)."""
    letters = _accented_letters()
    return "".join(f"[{letters[char]}]" if char in letters else re.escape(char) for char in word)


def query_terms(query: str) -> Terms:
    """The words an FTS5 query looks for (operators and column names left out)."""
    words: set[str] = set()
    prefixes: list[str] = []
    for match in _TERM.finditer(query):
        phrase, phrase_star, bare, bare_star, column = match.groups()
        if column:
            continue
        if bare is not None and bare in _OPERATORS:
            continue
        text = phrase.replace('""', '"') if phrase is not None else bare
        tokens = [fold(token) for token in _TOKEN.findall(text)]
        if not tokens:
            continue
        if phrase_star or bare_star:
            prefixes.append(tokens.pop())
        words.update(tokens)
    return Terms(frozenset(words), tuple(dict.fromkeys(prefixes)))


def snippet(text: str, terms: Terms, width: int = SNIPPET_CHARS) -> tuple[str, list[tuple[int, int]]]:
    """About width characters of text holding the most different query words, on one line, with the spans
    of the words that matched; the start of the text (no spans) when none is in it."""
    scan = text[:SCAN_CHARS]
    if not scan.strip():
        return "", []
    found: list[tuple[int, int, str]] = []
    if terms.pattern is not None:
        for match in terms.pattern.finditer(scan):
            found.append((match.start(), match.end(), fold(match.group())))
            if len(found) >= MAX_MARKS:
                break
    start = keep_end = 0
    if found:
        starts = [begin for begin, _end, _word in found]
        best = (-1, -1)
        chosen = 0
        windows = []
        for index, (begin, _end, _word) in enumerate(found):
            window = [m for m in found[index:bisect.bisect_left(starts, begin + width, lo=index)]
                      if m[1] <= begin + width]
            windows.append(window)
            score = (len({word for _b, _e, word in window}), len(window))
            if score > best:
                best, chosen = score, index
        window = windows[chosen]
        keep_end = window[-1][1]
        # A little context before the first match, as long as the last one stays in.
        start = max(0, found[chosen][0] - CONTEXT_CHARS, window[-1][1] - width)
        if start:  # from the start of a word
            space = _SPACES.search(scan, start, found[chosen][0])
            start = space.end() if space else start
    end = min(len(scan), start + width)
    if end < len(scan):  # to the end of a word
        spaces = [space.start() for space in _SPACES.finditer(scan, start, end)]
        end = spaces[-1] if spaces and spaces[-1] >= keep_end else end
    prefix = ELLIPSIS if start > 0 else ""
    suffix = ELLIPSIS if end < len(text) else ""
    # One line: runs of spaces and line breaks become one space, and the spans follow.
    pieces: list[str] = [prefix]
    spans: list[tuple[int, int]] = []
    length = len(prefix)
    position = start
    while position < end and scan[position].isspace():
        position += 1
    for begin, stop, _word in found:
        if begin < position or stop > end:
            continue
        gap = _SPACES.sub(" ", scan[position:begin])
        pieces.append(gap)
        length += len(gap)
        spans.append((length, length + stop - begin))
        pieces.append(scan[begin:stop])
        length += stop - begin
        position = stop
    pieces.append(_SPACES.sub(" ", scan[position:end]).rstrip())
    pieces.append(suffix)
    return "".join(pieces), spans
