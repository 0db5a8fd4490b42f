"""From the model's raw entity spans to the entities a reader sees.

Every step works on the whole document, because a statistical tagger decides
each occurrence alone and news gives it many chances to be wrong:

1. repair span edges: whitespace, punctuation, possessives, scores glued to a
   name ("Somerset 83"), and spans run across separators ("Cricket - Sri Lanka",
   "UrduPoint / Pakistan Point News - 6th Sep");
2. drop what cannot be a name (no capital letter at all) and add what the layout
   says: the place of a dateline ("ISLAMABAD, Sep 6 (...) :");
3. complete names the model cut short ("Ministry of Industries" + "and
   Production") and cut nationalities the model ran on ("Japanese Automobiles");
4. one type per name: every mention of a name votes, weighted by how sure the
   layout lets us be, and a surname takes the type of the full name it belongs to;
5. a name tagged once is tagged at every occurrence;
6. mentions of one thing form one entity, named by its fullest form, ranked by
   salience (mentions, headline and lede, spread).
"""
from __future__ import annotations

import bisect
import math
import re
from collections import Counter, defaultdict

from .analysis import Entity, Mention
from .article import Article, Role
from .groups import group_of

RawMention = tuple[int, int, str]
Span = list  # [start, end, label, weight]

# Types whose surface string identifies the thing; numbers and dates do not.
NAME_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE"}
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
SURNAME_WEIGHT = 1.5
ORG_SHORT_ANY = False  # True (any ORG name's first word) measured 0.775 against 0.779
_TOKEN = re.compile(r"\S+")
_WORD_START = re.compile(r"(?<!\w)\w+")
_FIRST_WORD = re.compile(r"\w+")
# A token that is a score, a rank or a statistic, never part of a name: "83", "4-28", "1=", "108-3", ".600".
_NUMERIC = re.compile(r"^(?:[\d.,:=/+\-–()%]+|\d+(?:st|nd|rd|th))$")
# Separators a name does not contain: a spaced dash or slash, a comma, brackets, a line break.
_SEPARATOR = re.compile(
    r"\s+[-–—/|]\s+|\s*,\s+|\s*[()\[\]]\s*|\s*\n\s*|\s+:\s*|\s+(?:v|vs\.?)\s+"
    r"|\s+[\d.,:=/+\-–]*\d[\d.,:=/+\-–]*\s+")  # "Haitai 2 Samsung 0": a score between two names
_INITIAL_NAME = re.compile(r"^(?:[A-Z]\.\s?){1,2}(?:[a-z]{1,3}\s?)?[A-Z][a-z'’A-Z-]+$")
# Words that introduce a person: "Ambassador of Japan to Pakistan, Kuinori MATSUDA",
# "Federal Minister for Industries and Production, Makhdum Khusro Bakhtyar", "Mr Smith".
_TITLE_WORDS = (
    r"Mr|Mrs|Ms|Dr|Prof|Professor|Sir|Dame|Lady|President|Minister|Premier|Ambassador|Envoy|Secretary|"
    r"Chairman|Chairwoman|Chairperson|Chancellor|Governor|Senator|Sen|Rep|Mayor|Judge|Justice|General|Gen|"
    r"Colonel|Col|Captain|Capt|Coach|Chief|Director|Spokesman|Spokeswoman|King|Queen|Prince|Princess|Pope|"
    r"Bishop|Rev|Sheikh|minister|president|ambassador|envoy|chairman|coach|striker|midfielder|defender|"
    r"goalkeeper|captain|leader|director|secretary|governor|spokesman|spokeswoman|chief executive|analyst|"
    r"manager|economist|trader|dealer|official|champion|seed|winner|player|rider|driver"
)
_TITLES = re.compile(
    r"\b(?:" + _TITLE_WORDS + r")\b\.?"
    r"(?:\s+(?:of|for|to|at)\s+(?:the\s+)?[A-Z][\w’'-]*(?:(?:\s+(?:and|&|of))?\s+[A-Z][\w’'-]*)*)*"
    r"(?:\s*,)?\s+(?:[A-Z][a-z]+\s+)?$"
)
_PERSON_VERB = re.compile(r"^\s*(?:,\s*(?:who|\d+)|said|says|told|added)\b")
_MONTHS = re.compile(
    r"^(?:\d{1,2}(?:st|nd|rd|th)?\s+)?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
    r"(?:\s+\d{1,2}(?:st|nd|rd|th)?)?(?:,?\s+\d{4})?$")
# "ISLAMABAD, Sep 6 (...)", "LONDON 1996-08-30", "NEW YORK (Reuters) -": a place in capitals opening a paragraph.
_DATELINE = re.compile(
    r"([A-Z][A-Z.'’-]+(?:\s[A-Z][A-Z.'’-]+){0,3})(?=\s*(?:,\s*[A-Z][a-z]{2}|,\s*\d|\s+\d{4}-\d{2}-\d{2}|"
    r"\s+\d{1,2}/\d{1,2}|\s*\(|\s+[-–—]\s))")
_ORG_TAIL = re.compile(r"\s(?:and|&)\s((?:[A-Z][\w’'-]*)(?:\s(?:[A-Z][\w’'-]*))*)")


def resolve(article: Article, raw: list[RawMention],
            sentences: list[tuple[int, int]]) -> tuple[list[Mention], list[Entity]]:
    text = article.text
    caps = _caps_paragraphs(article)
    spans: list[Span] = []
    for start, end, label in raw:
        for piece in _repair(text, start, end, label):
            weight = 0.5 if _inside(piece[0], caps) else 1.0
            spans.append([piece[0], piece[1], piece[2], weight])
    lowered = _lowercase_words(text, caps)
    mid_capitals = _capitalised_mid_sentence(text)
    spans = [s for s in spans if _plausible(text, s, lowered, mid_capitals, _inside(s[0], caps))
             and not _kicker(text, s, caps)]
    spans = _add_datelines(article, spans)
    _complete_orgs(text, spans)
    _trim_nationalities(text, spans)
    _trim_sentence_openers(text, spans, lowered)
    spans = _without_overlaps(spans)
    spans = _propagate(text, spans, lowered)
    _person_cues(text, spans)
    _teams(text, spans)
    _companies(text, spans)
    spans = _vote(text, spans)
    _extend_people(text, spans, lowered)
    return _cluster(article, [(s, e, label) for s, e, label, _ in spans], lowered)


# --- 1. span edges ---

def _tidy(text: str, start: int, end: int, label: str) -> tuple[int, int] | None:
    """Trim whitespace, punctuation and a possessive from a span's edges."""
    while start < end and not text[start].isalnum() and text[start] not in "$£€¥#":
        start += 1
    while end > start and text[end - 1] in " \t\n.,;:!?\"'“”‘’()[]-–—=":
        end -= 1
    match = _POSSESSIVE.search(text, start, end)
    if label in NAME_LABELS and text.startswith("the ", start) and end - start > 4:
        start += 4  # "the Court of Appeals": the article is not part of the name
    if label in NAME_LABELS and match and match.start() > start:
        end = match.start()
        while end > start and text[end - 1].isspace():
            end -= 1
    if end <= start:
        return None
    return start, end


def _repair(text: str, start: int, end: int, label: str) -> list[tuple[int, int, str]]:
    edges = _tidy(text, start, end, label)
    if edges is None:
        return []
    start, end = edges
    if label not in NAME_LABELS:
        return [(start, end, label)]
    out = []
    position = start
    for match in list(_SEPARATOR.finditer(text, start, end)) + [None]:
        piece_end = match.start() if match else end
        out.extend(_trim_numbers(text, position, piece_end, label))
        if match:
            position = match.end()
    return out


def _trim_numbers(text: str, start: int, end: int, label: str) -> list[tuple[int, int, str]]:
    edges = _tidy(text, start, end, label)
    if edges is not None and _MONTHS.match(text[edges[0]:edges[1]]):
        return [(edges[0], edges[1], "DATE")]  # "6th Sep" cut out of a dateline's source
    tokens = [(m.start(), m.end()) for m in _TOKEN.finditer(text, start, end)]
    while tokens and _NUMERIC.match(text[tokens[0][0]:tokens[0][1]]):
        tokens.pop(0)
    # Names end in a capitalised word or a number: "Interfax news agency", "St Johnstone v".
    while tokens and (_NUMERIC.match(text[tokens[-1][0]:tokens[-1][1]])
                      or (len(tokens) > 1 and re.fullmatch(r"[a-z]+\.?", text[tokens[-1][0]:tokens[-1][1]]))):
        tokens.pop()
    if not tokens:
        return []
    edges = _tidy(text, tokens[0][0], tokens[-1][1], label)
    if edges is None:
        return []
    surface = text[edges[0]:edges[1]]
    if _MONTHS.match(surface):
        return [(edges[0], edges[1], "DATE")]
    return [(edges[0], edges[1], label)]


# --- 2. what cannot be a name, and what the layout says ---

def _caps_paragraphs(article: Article) -> list[tuple[int, int]]:
    out = []
    for paragraph in article.blocks:
        chunk = article.text[paragraph.start:paragraph.end]
        letters = [c for c in chunk if c.isalpha()]
        if letters and sum(c.isupper() for c in letters) >= 0.75 * len(letters):
            out.append((paragraph.start, paragraph.end))
    return out


def _inside(offset: int, ranges: list[tuple[int, int]]) -> bool:
    """Whether offset falls in one of ranges (sorted, not overlapping)."""
    index = bisect.bisect_right(ranges, (offset, float("inf"))) - 1
    return index >= 0 and ranges[index][0] <= offset < ranges[index][1]


def _lowercase_words(text: str, caps: list[tuple[int, int]]) -> set[str]:
    """Words the article writes in lower case: a capitalised one of these is not a name on its own."""
    words = set(re.findall(r"\b[a-z][a-z'’-]+\b", text))
    return words


def _plausible(text: str, span: Span, lowered: set[str], mid_capitals: set[str], in_caps: bool) -> bool:
    start, end, label, _ = span
    if label not in NAME_LABELS:
        return True
    surface = text[start:end]
    if not any(c.isupper() for c in surface):
        return False  # "senate", "national news agency": names are written with capitals
    words = surface.split()
    # In running text an all-caps word is an acronym; in an all-caps line it may be any word ("CRICKET").
    if len(words) == 1 and surface.casefold() in lowered and (in_caps or not surface.isupper()):
        # A single common word ("Extras", "Stadium") unless it is tagged as a name elsewhere mid-sentence.
        return label in ("NORP", "GPE") or surface in mid_capitals
    return True


def _kicker(text: str, span: Span, caps: list[tuple[int, int]]) -> bool:
    """"CRICKET - LEICESTERSHIRE TAKE OVER": the topic label opening an all-caps headline is no name."""
    start, end = span[0], span[1]
    if not _inside(start, caps) or " " in text[start:end]:
        return False
    line_start = text.rfind("\n", 0, start) + 1
    return start == line_start and re.match(r"\s+[-–—:]\s", text[end:end + 4]) is not None


def _capitalised_mid_sentence(text: str) -> set[str]:
    """Capitalised words that follow a lower-case word or a comma: there the capital is the word's own."""
    return set(re.findall(r"(?<=[a-z,;] )[A-Z][a-z'’-]+\b", text))


def _add_datelines(article: Article, spans: list[Span]) -> list[Span]:
    """The capitalised place opening a dateline is a place, whatever the model said about it."""
    text = article.text
    for paragraph in article.blocks:
        if paragraph.role not in (Role.BODY, Role.STANDFIRST):
            continue
        match = _DATELINE.match(text, paragraph.start, paragraph.end)
        if not match or len(match.group(1)) < 3:
            continue
        start, end = match.span(1)
        rest = text[end:paragraph.end]
        if not re.match(r"\s*[,(]|\s+\d|\s+[-–—]\s", rest):
            continue
        spans = [s for s in spans if s[1] <= start or s[0] >= end]
        spans.append([start, end, "GPE", 3.0])
    spans.sort()
    return spans


def _dateline_credits(article: Article) -> list[tuple[int, int]]:
    """The bracketed source after a dateline place: "ISLAMABAD, Sep 6 (UrduPoint / ... 2021 ) :"."""
    text = article.text
    out = []
    for paragraph in article.blocks:
        match = _DATELINE.match(text, paragraph.start, paragraph.end)
        if not match:
            continue
        bracket = re.compile(r"[^()\n]{0,30}?\(([^()\n]{1,100})\)").match(text, match.end(1), paragraph.end)
        if bracket:
            out.append(bracket.span(1))
    return out


# --- 3. names cut short or run on ---

def _complete_orgs(text: str, spans: list[Span]) -> None:
    """"Ministry of Industries" followed by "and Production": the capitalised tail belongs to the name."""
    starts = {s[0] for s in spans}
    for span in spans:
        start, end, label, _ = span
        if label not in ("ORG", "FAC") or not re.search(r"\s(?:of|for)\s", text[start:end]):
            continue
        match = _ORG_TAIL.match(text, end)
        if not match or match.start(1) in starts:
            continue
        span[1] = match.end(1)


def _trim_nationalities(text: str, spans: list[Span]) -> None:
    """"Japanese Automobiles": a nationality tagged alone elsewhere is not the start of a longer name."""
    alone = {text[s:e] for s, e, label, _ in spans if label == "NORP" and " " not in text[s:e]}
    for span in spans:
        start, end, label, _ = span
        surface = text[start:end]
        if label == "NORP" and " " in surface and surface.split()[0] in alone:
            span[1] = start + len(surface.split()[0])


def _trim_sentence_openers(text: str, spans: list[Span], lowered: set[str]) -> None:
    """"Later Okafor": a common word capitalised only because it opens the sentence is not part of a name."""
    known = {_norm(text[s:e]) for s, e, label, _ in spans if label in NAME_LABELS}
    known |= {_norm(text[s:e]).split()[-1] for s, e, label, _ in spans
              if label == "PERSON" and " " in text[s:e].strip()}
    for span in spans:
        if span[2] not in NAME_LABELS:
            continue
        surface = text[span[0]:span[1]]
        first, _, rest = surface.partition(" ")
        if rest and first.casefold() in lowered and first[:1].isupper() and _norm(rest) in known:
            span[0] += len(first) + 1
            while span[0] < span[1] and text[span[0]].isspace():
                span[0] += 1


def _person_cues(text: str, spans: list[Span]) -> None:
    """"J. Ratcliffe", "Ambassador ..., Kuinori Matsuda": the form or a title says it is a person."""
    for span in spans:
        start, end, label, weight = span
        if label not in ("PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "PRODUCT", "WORK_OF_ART"):
            continue
        surface = text[start:end]
        if _INITIAL_NAME.match(surface):
            span[2], span[3] = "PERSON", max(weight, 2.0)
            continue
        before = text[max(0, start - 80):start]
        if label != "PERSON" and surface[:1].isupper() and " " in surface.strip() and _TITLES.search(before):
            span[2], span[3] = "PERSON", max(weight, 3.0)


def _without_overlaps(spans: list[Span]) -> list[Span]:
    """Where repaired spans now overlap, keep the surer one (then the longer)."""
    kept: list[Span] = []
    end = max((s[1] for s in spans), default=0)
    taken = bytearray(end + 1)
    for span in sorted(spans, key=lambda s: (-s[3], -(s[1] - s[0]), s[0])):
        if taken.find(1, span[0], span[1]) == -1:
            kept.append(span)
            taken[span[0]:span[1]] = b"\x01" * (span[1] - span[0])
    kept.sort()
    return kept


_SCORE_AFTER = re.compile(r"\s+\d{1,3}(?:-\d{1,3})?(?:\s|$|,)")
_LINE_NUMBERS = re.compile(r"(?<![\w.])\d+(?:[-.]\d+)?(?![\w.])")


# Legal forms and words that end company and institution names in English-language news.
_ORG_ENDING = re.compile(
    r"\s(?:Inc|Corp|Corporation|Co|Cos|Ltd|Limited|LLC|LLP|Plc|PLC|plc|SpA|AG|SA|NV|BV|GmbH|Bhd|Tbk)\.?$")


def _companies(text: str, spans: list[Span]) -> None:
    """"Magna International Inc", "Warsaw Newsroom": a name ending in a legal form or body is an organisation."""
    for span in spans:
        start, end, label, weight = span
        if label in ("PERSON", "GPE", "LOC", "NORP", "FAC", "PRODUCT") and _ORG_ENDING.search(text, start, end):
            span[2], span[3] = "ORG", max(weight, 2.0)


def _teams(text: str, spans: list[Span]) -> None:
    """"Leicestershire 22 Somerset 11": a place followed by a score in a results line is a team."""
    for span in spans:
        start, end, label, weight = span
        if label not in ("GPE", "LOC"):
            continue
        if not _SCORE_AFTER.match(text, end):
            continue
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", end)
        line = text[line_start:line_end if line_end >= 0 else len(text)]
        if len(_LINE_NUMBERS.findall(line)) >= 2:
            span[2], span[3] = "ORG", max(weight, 1.0)


# --- 4. one type per name ---

def _norm(surface: str) -> str:
    return " ".join(surface.casefold().split())


def _vote(text: str, spans: list[Span]) -> list[Span]:
    """Each name takes the type most of its mentions were given; a surname takes its full name's type."""
    votes: dict[str, Counter] = defaultdict(Counter)
    for start, end, label, weight in spans:
        if label in NAME_LABELS:
            votes[_norm(text[start:end])][label] += weight
    majority = {key: counts.most_common(1)[0][0] for key, counts in votes.items()}
    # Surnames of people named in full ("Jeff Tarango" ... "Tarango").
    surnames: Counter = Counter()
    for key, label in majority.items():
        words = key.split()
        if label == "PERSON" and len(words) >= 2:
            # Either end: "Jeff Tarango" ... "Tarango", and family name first, "Wang Donghai" ... "Wang".
            for word in {words[0], words[-1]}:
                if not word.endswith("."):
                    surnames[word] += 1
    # Short names of organisations named in full ("Magna International Inc" ... "Magna").
    short_names: Counter = Counter()
    for key, label in majority.items():
        words = key.split()
        if label == "ORG" and len(words) >= 2 and (ORG_SHORT_ANY or _ORG_ENDING.search(" " + words[-1].title())):
            short_names[words[0]] += 1
    for start, end, label, _weight in spans:
        if label in NAME_LABELS:
            key = _norm(text[start:end])
            if " " not in key and key in short_names and key not in surnames and majority.get(key) != "ORG":
                votes[key]["ORG"] += SURNAME_WEIGHT * short_names[key] + 0.5
            if " " not in key and key in surnames and majority.get(key) != "PERSON":
                votes[key]["PERSON"] += SURNAME_WEIGHT * surnames[key] + 0.5
    majority = {key: counts.most_common(1)[0][0] for key, counts in votes.items()}
    for span in spans:
        if span[2] in NAME_LABELS:
            span[2] = majority.get(_norm(text[span[0]:span[1]]), span[2])
    return spans


def _extend_people(text: str, spans: list[Span], lowered: set[str]) -> None:
    """", Makhdum Khusro Bakhtyar": an untagged capitalised word between a comma and a name is part of it."""
    ends = {s[1] for s in spans}
    for span in spans:
        if span[2] != "PERSON":
            continue
        window = text[max(0, span[0] - 30):span[0]]
        match = re.search(r",\s+([A-Z][a-z]+)\s+$", window)
        if not match:
            continue
        word = match.group(1)
        start = span[0] - (len(window) - match.start(1))
        if word.casefold() in lowered or re.fullmatch(_TITLE_WORDS, word) or start + len(word) in ends:
            continue
        span[0] = start


# --- 5. a name tagged once is tagged everywhere ---

def _propagate(text: str, spans: list[Span], lowered: set[str] = frozenset()) -> list[Span]:
    """Tag the untagged occurrences of every name (also when written in capitals)."""
    labels: dict[str, str] = {}
    for span in spans:
        if span[2] in NAME_LABELS:
            labels.setdefault(text[span[0]:span[1]], span[2])
    taken = bytearray(len(text) + 1)
    for span in spans:
        taken[span[0]:span[1]] = b"\x01" * (span[1] - span[0])
    names: dict[str, str] = {}
    for surface, label in labels.items():
        if len(surface) < 2 or not any(ch.isupper() for ch in surface):
            continue
        if " " not in surface and surface.casefold() in lowered and not surface.isupper():
            continue  # a capitalised common word: only where the model saw a name
        names.setdefault(surface, label)
        names.setdefault(surface.upper(), label)
    # The surname of a person named in full stands for that person later on.
    for surface, label in labels.items():
        words = surface.split()
        if label == "PERSON" and len(words) >= 2:
            last = words[-1]
            if len(last) >= 3 and last[0].isupper() and not last.endswith(".") and last.casefold() not in lowered:
                names.setdefault(last, label)
    ranked = sorted(names.items(), key=lambda item: -len(item[0]))
    added = []
    for surface, label, start in _occurrences(text, ranked):
        end = start + len(surface)
        if taken.find(1, start, end) == -1:
            # A copy is no evidence of its type: it takes the vote of the tagged ones.
            added.append([start, end, label, 0.01])
            taken[start:end] = b"\x01" * (end - start)
    spans = [list(span) for span in spans] + added
    spans.sort()
    return spans


def _occurrences(text: str, names: list[tuple[str, str]]) -> list[tuple[str, str, int]]:
    """Whole-word occurrences of each name, in the order of names, then of position.

    One scan of the text's words instead of one regex pass per name keeps long texts linear.
    """
    by_first_word: dict[str, list[int]] = defaultdict(list)
    odd: list[int] = []  # names not starting with a word character: searched one by one
    for rank, (surface, _label) in enumerate(names):
        first = _FIRST_WORD.match(surface)
        if first:
            by_first_word[first.group(0)].append(rank)
        else:
            odd.append(rank)
    found: list[tuple[int, int]] = []
    for word in _WORD_START.finditer(text):
        for rank in by_first_word.get(word.group(0), ()):
            surface = names[rank][0]
            end = word.start() + len(surface)
            if text.startswith(surface, word.start()) and not (end < len(text) and _is_word_char(text[end])):
                found.append((rank, word.start()))
    for rank in odd:
        pattern = r"(?<!\w)" + re.escape(names[rank][0]) + r"(?!\w)"
        found.extend((rank, match.start()) for match in re.finditer(pattern, text))
    found.sort()
    return [(names[rank][0], names[rank][1], start) for rank, start in found]


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


# --- 6. entities and salience ---

def _key(surface: str) -> str:
    return " ".join(re.findall(r"\w+", surface.casefold()))


def _cluster(article: Article, spans: list[RawMention],
             lowered_words: set[str] = frozenset()) -> tuple[list[Mention], list[Entity]]:
    text = article.text
    # One cluster per (group, normalised name); a person's shorter name joins
    # the longest name it is the end or start of.
    clusters: dict[tuple[str, str], list[int]] = {}
    order: list[tuple[str, str]] = []
    person_names: list[str] = sorted(
        {_key(text[s:e]) for s, e, label in spans if label == "PERSON"}, key=len, reverse=True)
    heads = _person_heads(person_names)
    # An organisation's first word alone is its short name: "Altria Group" ... "Altria".
    org_heads: dict[str, str] = {}
    for name in sorted({_key(text[s:e]) for s, e, label in spans if label == "ORG"}, key=len, reverse=True):
        words = name.split()
        if len(words) >= 2 and words[0] not in lowered_words:
            org_heads.setdefault(words[0], name)
    for index, (start, end, label) in enumerate(spans):
        key = _key(text[start:end]) or text[start:end]
        if label == "PERSON":
            key = _person_head(key, heads)
        elif label == "ORG" and " " not in key:
            key = org_heads.get(key, key)
        cluster_key = (group_of(label).name if label in NAME_LABELS else label, key)
        if cluster_key not in clusters:
            clusters[cluster_key] = []
            order.append(cluster_key)
        clusters[cluster_key].append(index)

    length = max(len(text), 1)
    lede_end = _lede_end(article)
    credits = _dateline_credits(article)
    headline = [(p.start, p.end) for p in article.blocks if p.role == Role.HEADLINE]
    scored = []
    for cluster_key in order:
        members = clusters[cluster_key]
        labels = Counter(spans[i][2] for i in members)
        label = labels.most_common(1)[0][0]
        forms = Counter(text[spans[i][0]:spans[i][1]] for i in members)
        name = max(forms, key=lambda form: (len(form.split()), not form.isupper(), forms[form], len(form)))
        starts = sorted(spans[i][0] for i in members)
        first, last = starts[0], starts[-1]
        count = len(members)
        in_headline = any(_inside(s, headline) for s in starts)
        in_lede = sum(1 for s in starts if s < lede_end)
        salience = (math.log1p(count) + 1.0 * in_headline + 0.5 * min(in_lede, 3)
                    + 0.5 * (1 - first / length) + 0.5 * (last - first) / length)
        salience *= _TYPE_WEIGHT.get(label, 0.8 if label in NAME_LABELS else 0.6)
        if all(_inside(s, credits) for s in starts):
            salience *= 0.3  # only named as the wire service in a dateline: "(UrduPoint / ... News)"
        if name.isupper() and label in NAME_LABELS and label != "ORG" and len(name) > 3:
            # Only ever written in capitals (a dateline's "ISLAMABAD"): show it as a name is spelled.
            name = " ".join(_title_word(word) for word in name.split(" "))
        scored.append((salience, cluster_key, name, label, members))
    top = max((s for s, *_ in scored), default=1.0) or 1.0
    scored.sort(key=lambda item: (-item[0], item[2].casefold()))
    entities: list[Entity] = []
    entity_of_span: dict[int, int] = {}
    for entity_id, (salience, _sort_key, name, label, members) in enumerate(scored):
        entities.append(Entity(entity_id, name, label, group_of(label).name, round(salience / top, 3), len(members)))
        for i in members:
            entity_of_span[i] = entity_id
    mentions = [Mention(s, e, entities[entity_of_span[i]].label, text[s:e], entity_of_span[i])
                for i, (s, e, _label) in enumerate(spans)]
    return mentions, entities


# How much a mention of each type counts towards importance: a reader looks for
# the people, organisations and places first, nationalities and dates after them.
_TYPE_WEIGHT = {"PERSON": 1.0, "ORG": 1.0, "GPE": 0.9, "LOC": 0.9, "FAC": 0.85, "NORP": 0.7,
                "CARDINAL": 0.3, "ORDINAL": 0.3}


def _title_word(word: str) -> str:
    return word[:1] + word[1:].lower() if len(word[1:].lower()) == len(word[1:]) else word


def _person_heads(person_names: list[str]) -> dict[str, str]:
    """Each word-for-word start or end of a longer person name -> the longest such name.

    person_names is longest first, so the first name to claim a part is the one
    a linear search would find; building this once keeps clustering linear.
    """
    heads: dict[str, str] = {}
    for name in person_names:
        words = name.split()
        for size in range(1, len(words)):
            heads.setdefault(" ".join(words[:size]), name)
            heads.setdefault(" ".join(words[-size:]), name)
    return heads


def _person_head(key: str, heads: dict[str, str]) -> str:
    """The longest person name that this name is part of, word for word."""
    return heads.get(" ".join(key.split()), key) if key.split() else key


def _lede_end(article: Article) -> int:
    """End of the headline and first body paragraph: mentions before it weigh more."""
    seen_body = 0
    for paragraph in article.blocks:
        if paragraph.role in (Role.BODY, Role.STANDFIRST):
            seen_body += 1
            if seen_body >= 2:
                return paragraph.end
    return len(article.text)
