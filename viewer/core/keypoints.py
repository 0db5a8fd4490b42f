"""Choose an article's key points: the sentences a careful editor would pick.

Candidates are the whole sentences of the body's running text (the model's
sentence spans, mended where it splits inside a quotation or misses a full
stop): paragraphs and list items (less their bullet), never a heading, caption,
table row, quotation or code block, nor a block the loader marked as around the
story (headline, time line, byline, credit). Sentences that are about the page
rather than the news are left out too, by their shape: datelines (cut off the
sentence they open), credits, "Read more" lines, prompts to the reader ("Sign
up...", "Follow us on..."), instructions ("Get it on Amazon for $39"), a digest
introducing itself ("This is the tech news you need to know today."), tags
the page ran together ("tech news,gadgets"), a short note under a label
("Comets: Host the Rovers on Friday.") and a paragraph's line that stops short
of a full stop (a caption's "... – pictures", a teaser).
Each is scored by what is known to work for news:

- centrality: TextRank over the graph of content-word cosine similarity, so
  sentences that share the article's vocabulary with many others rank high;
- topic words: the mean in-article frequency of its content words (SumBasic);
- the salience of the entities it mentions, and its overlap with the title;
- a position prior, a preference for full-length sentences, a
  discount for direct quotations, which colour a story more than they state it,
  and a small one for a sentence that opens by pointing back ("It was...", "These
  delays...", "But he..."), which says little read alone, as a key point is.

The lede (the first candidate) states the news: it is taken first when the
article earns six or more points, or when the page's own summary of the story
(a web page's description) says what it says. The best are then taken one at
a time, each discounted by its similarity to
those already taken (maximal marginal relevance), so a point is never repeated,
as when a feed prints the standfirst again as the first sentence. In wire copy
and press releases, written one sentence per paragraph, each paragraph is an
item of news, so there a sentence also gains for naming things no chosen point
has named yet. The number of points grows with the article's length, from 3 to
7, and points are returned in article order.

The weights were measured against the human extracts of BBC news (shared/eval);
benchmarks/keypoints.md lists each method tried and its figure.
"""
from __future__ import annotations

import bisect
import functools
import math
import re
from collections import Counter
from dataclasses import dataclass

import numpy as np

from . import nonarticle
from .analysis import Entity, KeyPoint, Mention
from .article import Article, BlockKind, Role
from .boilerplate import dateline_end, is_boilerplate
from .english import FUNCTION_WORDS

MIN_POINTS, MAX_POINTS = 3, 7

_WORD = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")
_STOP = FUNCTION_WORDS
# Sentence openers a model may miss: a full stop after a word or figure, then a capital.
_MISSED_BREAK = re.compile(r"(?<=[a-z0-9%)\]])[.!?][\"'”’)]*\s+(?=[\"'“‘(]?[A-Z])")
# Abbreviations after which a full stop does not end a sentence.
_ABBREVIATION = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|Sen|Rep|Gov|Gen|Lt|Col|Capt|Sgt|Rev|St|Jr|Sr|No|Nos|Vol|pp|Fig|vs|etc|"
    r"Inc|Ltd|Corp|Co|Bros|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|approx|est|i\.e|e\.g)"
    r"|\b[A-Z]|\.[A-Za-z])[.]$")
_TERMINAL = re.compile(r"[.!?…][\"'”’)\]]*$|[\"'”’]$")
_OPENING_QUOTE = re.compile(r"^[\"“‘']|^[-–—]\s")
# A sentence that opens by pointing back at the one before ("It was the third...", "These delays...",
# "But he said...") means little on its own, as a key point is read.
_LEANS_BACK = re.compile(r"(?:It|It's|It’s|Its|This|These|Those|That|They|Their|He|She|His|Her|Such|But|And|Also|"
                         r"However|Still|Yet|Instead|Meanwhile|Of course)\b")

# Weights of the features, each scaled to 0..1 within the article. Measured on
# the BBC extracts (see the closing note of issue 4 for each one's effect).
WEIGHTS = {
    "centrality": 1.0,
    "topic": 1.0,
    "entities": 0.2,
    "title": 0.15,
    "position": 0.1,
    "length": 0.35,
    "quote": 1.0,
    "standalone": 0.1,
}
REDUNDANCY = 0.3  # weight of similarity to points already chosen
COVERAGE = 1.5  # weight of new names in one-sentence-paragraph (wire) copy
DUPLICATE = 0.6  # at or above this similarity a sentence repeats a chosen one
REPEAT_WINDOW = 8  # sentences back in which a repeat is looked for
# A story's lede (its first sentence) states the news. From this many points on it is always
# one of them; with fewer it must earn its place, unless the page's own summary of the story
# says the same (cosine of their content words at least LEDE_SUMMARY). Measured: forcing it
# into every BBC item costs in-extract precision 0.886 -> 0.854, as the human extracts of
# short items leave a quarter of the ledes out; from 6 points on it costs 0.003, and the
# lede is then kept on 0.76 of the web pages (shared/eval/web.py) against 0.55 without.
LEDE_ALWAYS_FROM = 6
LEDE_SUMMARY = 0.5


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    paragraph: int  # index of its paragraph among the article's paragraphs


def words(text: str) -> list[str]:
    """Content words, lower-cased and lightly stemmed, for similarity and topic scores."""
    return [_stem(w) for w in _WORD.findall(text.lower().replace("’", "'")) if w not in _STOP]


_KEEP_S = frozenset("news series species means economics politics physics gas bus lens always perhaps towards".split())


@functools.lru_cache(maxsize=65536)  # an article's vocabulary is small; stemming it once per word is enough
def _stem(word: str) -> str:
    if word in _KEEP_S:
        return word
    if word.endswith("'s"):
        word = word[:-2]
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def point_count(word_count: int, paragraphs: int) -> int:
    """How many key points an article deserves: 3 for a short item, up to 7 for a long one.

    About one more for every 250 words and every four paragraphs of body text.
    """
    if word_count <= 0:
        return 0
    return max(MIN_POINTS, min(MAX_POINTS, int(1.5 + word_count / 250 + paragraphs / 4)))


def sentence_spans(article: Article, sentences: list[tuple[int, int]]) -> list[tuple[int, int, int]]:
    """(start, end, paragraph index) of each sentence, mended where the model split badly.

    Pieces that start in lower case or follow a piece with no closing punctuation
    are joined to the sentence they continue ("... will require..." / "but this
    extension ..."); a full stop the model missed ("... £250m. Turnover rose ...")
    splits a sentence. Sentences never cross a paragraph.
    """
    text = article.text
    out: list[tuple[int, int, int]] = []
    ordered = sorted(sentences)
    inside_names = _stops_inside_names(text)
    cursor = 0
    for index, paragraph in enumerate(article.blocks):
        pieces: list[list[int]] = []
        while cursor < len(ordered) and ordered[cursor][0] < paragraph.end:
            start, end = ordered[cursor]
            cursor += 1
            start, end = max(start, paragraph.start), min(end, paragraph.end)
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            if start >= end:
                continue
            if pieces and _continues(text, pieces[-1], start, inside_names):
                pieces[-1][1] = end
            else:
                pieces.append([start, end])
        for start, end in pieces:
            for piece_start, piece_end in _split_missed(text, start, end):
                out.append((piece_start, piece_end, index))
    return out


# A capitalised word with a full stop, then the next capitalised word: "the ID. Rover said", "ID. Rover".
# Words of at most 40 characters: an unbounded run would make the search quadratic on a line with no spaces.
_STOP_THEN_WORD = re.compile(r"(?<![\w-])([A-Z][\w-]{0,39}\.)[ \t]+([A-Z][\w-]{0,39})(?![\w-])")
_WORD_WITH_STOP = re.compile(r"(?<![\w-])[A-Z][\w-]{0,39}\.$")
_CAPITALISED_WORD = re.compile(r"[A-Z][\w-]{0,39}(?![\w-])")


def _stops_inside_names(text: str) -> frozenset[tuple[str, str]]:
    """The pairs ("ID.", "Rover") a text writes more than once, the second not a function word.

    A full stop inside a name ("the Velo ID. Rover", "ID. Rover sales") reads as a sentence end to the model;
    the words around a real sentence end do not recur (none did in 1,600 dev and BBC texts, but
    abbreviations and initials such as "St. Louis", which end no sentence either).
    """
    pairs = Counter((match.group(1), match.group(2)) for match in _STOP_THEN_WORD.finditer(text))
    return frozenset(pair for pair, count in pairs.items() if count > 1 and pair[1].lower() not in _STOP)


def _continues(text: str, previous: list[int], start: int, inside_names: frozenset[tuple[str, str]]) -> bool:
    """Does the piece at start continue the sentence in previous rather than begin a new one?"""
    head = text[start:start + 2]
    tail = text[previous[0]:previous[1]]
    if head[:1].islower() or head[:1] in ",;:)]}%":
        return True
    if inside_names:
        before = _WORD_WITH_STOP.search(tail, max(0, len(tail) - 41))
        after = _CAPITALISED_WORD.match(text, start)
        if before is not None and after is not None and (before.group(0), after.group(0)) in inside_names:
            return True
    if not _TERMINAL.search(tail):
        return True  # the previous piece never ended
    return bool(_ABBREVIATION.search(tail)) and not tail.endswith(("..", "…"))


def _split_missed(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans = []
    for match in _MISSED_BREAK.finditer(text, start, end):
        stop = match.start() + len(match.group(0).rstrip())
        if _ABBREVIATION.search(text[start:match.start() + 1]):
            continue
        if len(text[start:stop].split()) >= 3 and len(text[match.end():end].split()) >= 3:
            spans.append((start, stop))
            start = match.end()
    spans.append((start, end))
    return spans


# Blocks whose sentences may be key points: running text and list items, never a heading,
# caption, table row, code or quotation (an embedded post or a pull quote is not the story's own statement).
_POINT_KINDS = frozenset({BlockKind.PARAGRAPH, BlockKind.LIST_ITEM})
_LIST_MARKER = re.compile(r"(?:[•·▪‣◦*–-]|\d{1,3}[.)])\s+")
# A dateline in the case of a name rather than capitals, at the start of the story:
# "Hong Kong (CNN Business)A muddled view...", "Washington, DC, United States: Getting to...".
_PLACE = r"[A-Z][\w.'’-]*(?: (?:[A-Z][\w.'’-]*|de|del|do|da|al|el|upon|on)){0,3}"
_TITLE_CASE_DATELINE = re.compile(
    rf"{_PLACE}(?:, {_PLACE}){{0,2}}(?:,? \([A-Z][\w.&' ]{{1,30}}\)\s*[-–—:]?\s*|\s*(?::|\s[-–—])\s+)"
    r"(?=[\"'“‘A-Z0-9])")


def candidates(article: Article, sentences: list[tuple[int, int]]) -> list[Candidate]:
    """Sentences that may be key points: in the body's running text, whole clauses, not page furniture.

    Furniture is recognised by the block a sentence is in (a heading, caption,
    table row, quotation, byline...) and by its shape: a credit, a prompt to
    the reader ("Sign up...", "Follow us on..."), an instruction, a "Read more" line.
    """
    text = article.text
    blocks = article.blocks
    out = []
    for start, end, paragraph in sentence_spans(article, sentences):
        block = blocks[paragraph]
        if block.role not in (Role.BODY, Role.STANDFIRST) or block.kind not in _POINT_KINDS:
            continue
        if block.kind == BlockKind.LIST_ITEM and start == block.start:
            marker = _LIST_MARKER.match(text, start, end)
            if marker:
                start = marker.end()
        start = dateline_end(text, start, end)
        if start == block.start and block.start == _first_body_start(article):
            dateline = _TITLE_CASE_DATELINE.match(text, start, end)
            if dateline and len(text[start:dateline.end()].split()) <= 7:
                start = dateline.end()
        sentence = text[start:end]
        if not _is_clause(sentence) or is_boilerplate(sentence) or _is_furniture(sentence):
            continue
        if block.kind == BlockKind.PARAGRAPH and not _TERMINAL.search(sentence.rstrip()):
            continue  # a paragraph's line that stops short of a full stop: a label, a caption or a teaser
        out.append(Candidate(start, end, paragraph))
    return out


def _first_body_start(article: Article) -> int:
    """Where the story's running text begins: the first body paragraph, which a dateline may open."""
    for block in article.blocks:
        if block.role in (Role.BODY, Role.STANDFIRST) and block.kind in _POINT_KINDS:
            return block.start
    return -1


# A short note under a label of a word or two: "Comets: Host the Rovers on Friday." (a game report's notes),
# "Price: $40 at most shops." Not a sentence of the story.
_LABELLED_NOTE = re.compile(r"[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*)?:\s")
# A comma run into the next word: a list of tags or keywords the page joined by machine
# ("things in tech,10 things SAI"), never an editor's prose ("1,000" has figures on both sides).
_GLUED_COMMA = re.compile(r"[a-z],[A-Za-z0-9]")


def _is_furniture(sentence: str) -> bool:
    """A sentence that is about the page rather than the news: a prompt, an instruction, a credit, a digest
    introducing itself or a list of tags."""
    return (nonarticle.is_reader_prompt(sentence) or nonarticle.is_imperative(sentence)
            or nonarticle.is_digest_intro(sentence) or bool(_GLUED_COMMA.search(sentence))
            or (len(sentence.split()) <= 12 and bool(_LABELLED_NOTE.match(sentence)))
            or nonarticle.is_credit(sentence) or nonarticle.is_photo_credit(sentence))


def _is_clause(sentence: str) -> bool:
    """A sentence long enough to state something, not a fragment, list entry or heading."""
    tokens = sentence.split()
    if len(tokens) < 6 or sum(1 for w in _WORD.findall(sentence.lower()) if w not in _STOP) < 3:
        return False
    letters = sum(map(str.isalpha, sentence))
    if not letters or sum(map(str.islower, sentence)) < 0.6 * letters:
        return False  # shouting or a run of names: a heading, not a sentence
    capitalised = sum(1 for t in tokens if t[:1].isupper())
    if not _TERMINAL.search(sentence) and capitalised > 0.6 * len(tokens):
        return False  # a Title Case subheading
    return True


def _scale(values: np.ndarray) -> np.ndarray:
    """Values mapped onto 0..1 within the article (all equal gives all zero)."""
    low, high = float(values.min()), float(values.max())
    return (values - low) / (high - low) if high > low else np.zeros_like(values)


def _vectors(bags: list[Counter]) -> list[dict[str, float]]:
    """Unit vectors of the sentences' content words, each word counted once.

    Plain word sets measured better than TF-IDF weights for both centrality and
    redundancy (BBC extracts: precision 0.886 against 0.880): in a single article
    the words that recur are the topic, and IDF would discount exactly those.
    """
    vectors = []
    for bag in bags:
        weight = 1.0 / math.sqrt(len(bag)) if bag else 0.0
        vectors.append({w: weight for w in bag})
    return vectors


class _SimilarityGraph:
    """The cosine-similarity graph of the sentences, never built as an n x n matrix.

    Similarity is the dot product of unit word vectors, so the matrix is X Xᵀ
    (zero diagonal) for the sparse sentence-by-word matrix X. Every product with
    it, and so TextRank's power iteration, costs O(words in the article) instead
    of O(sentences²): a 100,000-word article has ~4,000 sentences, whose full
    matrix would take minutes in Python. The results are those of the dense matrix.
    """

    def __init__(self, vectors: list[dict[str, float]]) -> None:
        self.n = len(vectors)
        vocabulary: dict[str, int] = {}
        rows, cols, values = [], [], []
        for i, vector in enumerate(vectors):
            for word, value in vector.items():
                rows.append(i)
                cols.append(vocabulary.setdefault(word, len(vocabulary)))
                values.append(value)
        self.rows = np.asarray(rows, dtype=np.int64)
        self.cols = np.asarray(cols, dtype=np.int64)
        self.values = np.asarray(values, dtype=np.float64)
        self.size = len(vocabulary)
        # X Xᵀ has each row's squared norm on its diagonal; the graph has no self-loops.
        self.diagonal = np.bincount(self.rows, weights=self.values * self.values, minlength=self.n)

    def times(self, weights: np.ndarray) -> np.ndarray:
        """(X Xᵀ - diag) · weights."""
        per_word = np.bincount(self.cols, weights=self.values * weights[self.rows], minlength=self.size)
        product = np.bincount(self.rows, weights=self.values * per_word[self.cols], minlength=self.n)
        return product - self.diagonal * weights

    def row(self, i: int) -> list[float]:
        """Similarity of sentence i to every sentence (0 to itself)."""
        unit = np.zeros(self.n)
        unit[i] = 1.0
        return self.times(unit).tolist()

    def textrank(self, iterations: int = 30, damping: float = 0.85) -> list[float]:
        n = self.n
        out_weight = self.times(np.ones(n))
        # A sentence sharing no word with any other has out-weight 0 (up to rounding): as in "sum(row) or 1".
        out_weight[np.abs(out_weight) < 1e-12] = 1.0
        rank = np.full(n, 1.0 / n)
        for _ in range(iterations):
            rank = (1 - damping) / n + damping * self.times(rank / out_weight)
        return rank.tolist()


def features(article: Article, spans: list[Candidate], mentions: list[Mention], entities: list[Entity],
             bags: list[Counter], graph: _SimilarityGraph) -> dict[str, np.ndarray]:
    """Each feature of each candidate, scaled to 0..1 within the article."""
    text = article.text
    n = len(spans)
    counts = Counter(w for bag in bags for w in bag.elements())
    total = sum(counts.values()) or 1
    # SumBasic: the mean in-article probability of the sentence's content words.
    topic = np.array([sum(counts[w] for w in bag.elements()) / total / max(sum(bag.values()), 1)
                      for bag in bags])
    salience = {e.id: e.salience for e in entities}
    ordered = sorted(mentions, key=lambda m: m.start)
    starts = [m.start for m in ordered]
    entity_score = np.zeros(n)
    for i, span in enumerate(spans):
        first, last = bisect.bisect_left(starts, span.start), bisect.bisect_left(starts, span.end)
        entity_score[i] = sum(salience.get(e, 0.0) for e in {m.entity for m in ordered[first:last]})
    title_words = set(words(article.title))
    title = np.array([len(title_words & set(bag)) / len(title_words) if title_words else 0.0 for bag in bags])
    # The lede states the news; later sentences matter a little less each.
    position = 1.0 / np.sqrt(1.0 + np.arange(n))
    length = np.array([min(len(text[s.start:s.end].split()), 40) for s in spans], dtype=float)
    quote = np.array([0.0 if _OPENING_QUOTE.match(text[s.start:s.end]) else 1.0 for s in spans])
    standalone = np.array([0.0 if _LEANS_BACK.match(text[s.start:s.end]) else 1.0 for s in spans])
    return {
        "centrality": _scale(np.asarray(graph.textrank(iterations=50))),
        "topic": _scale(topic),
        "entities": _scale(entity_score),
        "title": _scale(title),
        "position": _scale(position),
        "length": _scale(length),
        "quote": quote,
        "standalone": standalone,
    }


# A capitalised word that does not open the sentence: part of a name.
_NAME = re.compile(r"(?<=[\s(\"'“‘/-])[A-Z][A-Za-z0-9&'’-]*")


# Where a sentence turns to saying who said it: '..., said Jane Doe, an economist at ...'.
_ATTRIBUTION = re.compile(r"[,\"”’]\s*(?:he |she |they |it |the \w+ )?(?:said|says|told|added|adds|according to|"
                          r"explained|noted|warned|wrote)\b")


def names(sentence: str) -> frozenset[str]:
    """The capitalised words of a sentence (bar its first word): the people, bodies, places and
    things it names, including those the entity model missed ("Mobile Device Manufacturing Policy").

    A direct quotation names nothing new for this purpose, and neither does the
    attribution after a statement: who said it is not what happened.
    """
    if _OPENING_QUOTE.match(sentence):
        return frozenset()
    cut = _ATTRIBUTION.search(sentence)
    if cut:
        sentence = sentence[:cut.start()]
    found = {m.group(0).lower().replace("’", "'") for m in _NAME.finditer(sentence, 1)}
    return frozenset(_stem(w) for w in found if w not in _STOP and len(w) > 1)


def select(article: Article, sentences: list[tuple[int, int]], mentions: list[Mention],
           entities: list[Entity], weights: dict[str, float] | None = None) -> list[KeyPoint]:
    """The article's key points in article order, each with its score (0..1)."""
    text = article.text
    spans = candidates(article, sentences)
    if not spans:
        return []
    weights = weights or WEIGHTS
    bags = [Counter(words(text[s.start:s.end])) for s in spans]
    spans, bags = _unique(spans, bags)
    graph = _SimilarityGraph(_vectors(bags))
    values = features(article, spans, mentions, entities, bags, graph)
    total_weight = sum(weights.values()) or 1.0
    scores = sum(weights.get(name, 0.0) * value for name, value in values.items()) / total_weight
    paragraphs = len({s.paragraph for s in spans})
    body_words = sum(len(text[s.start:s.end].split()) for s in spans)
    k = min(point_count(body_words, paragraphs), len(spans))
    # Wire copy and press releases give each item its own one-sentence paragraph;
    # there the points should cover the different things named, not restate the
    # most central one. Articles of longer paragraphs develop a theme, and centrality leads.
    per_paragraph = len(spans) / paragraphs
    coverage = COVERAGE * min(1.0, max(0.0, 2.0 - per_paragraph))
    sentence_names = [names(text[s.start:s.end]) for s in spans] if coverage else []
    lede = 0 if k >= LEDE_ALWAYS_FROM or _summary_repeats(article, bags[0]) else None
    chosen = _diverse(scores, graph, bags, k, sentence_names, coverage, first=lede)
    return [KeyPoint(spans[i].start, spans[i].end, text[spans[i].start:spans[i].end], round(float(scores[i]), 3))
            for i in sorted(chosen)]


def _unique(spans: list[Candidate], bags: list[Counter]) -> tuple[list[Candidate], list[Counter]]:
    """Drop sentences that repeat a recent one (a standfirst printed again), so none votes twice.

    Repeats are looked for among the last few sentences kept, which is where feeds
    repeat themselves, so long texts stay linear.
    """
    keep: list[int] = []
    for i, bag in enumerate(bags):
        if not any(_repeats(bag, bags[j]) for j in keep[-REPEAT_WINDOW:]):
            keep.append(i)
    return [spans[i] for i in keep], [bags[i] for i in keep]


def _summary_repeats(article: Article, bag: Counter) -> bool:
    """Does the page's own summary of the story (its description) say what this sentence says?"""
    summary = set(words(article.description))
    if not summary or not bag:
        return False
    return len(summary & set(bag)) / math.sqrt(len(summary) * len(bag)) >= LEDE_SUMMARY


def _diverse(scores: np.ndarray, graph: _SimilarityGraph, bags: list[Counter], k: int,
             sentence_names: list[frozenset[str]], coverage: float, first: int | None = None) -> list[int]:
    """Maximal marginal relevance: the best sentences, each unlike those already chosen.

    With first, that sentence (the lede) is taken first, whatever its score.

    With coverage > 0 a sentence also gains for each name (up to four) that no
    chosen sentence has named yet.
    """
    chosen: list[int] = []
    redundancy = np.zeros(len(scores))  # similarity to the most similar chosen sentence
    blocked = np.zeros(len(scores), dtype=bool)
    covered: set[str] = set()
    while len(chosen) < k:
        value = scores - REDUNDANCY * redundancy
        if first is not None and not chosen:
            value = np.where(np.arange(len(scores)) == first, 1e9, -np.inf)
        if coverage:
            value = value + coverage * np.array([min(len(n - covered), 4) / 4 for n in sentence_names])
        value = np.where(blocked, -np.inf, value)
        best = int(np.argmax(value))
        if not np.isfinite(value[best]):
            break
        chosen.append(best)
        blocked[best] = True
        if coverage:
            covered |= sentence_names[best]
        redundancy = np.maximum(redundancy, np.asarray(graph.row(best)))
        blocked |= redundancy >= DUPLICATE
        for i in np.flatnonzero(~blocked):
            if _repeats(bags[i], bags[best]):
                blocked[i] = True
    return chosen


def _repeats(a: Counter, b: Counter) -> bool:
    """Most of one sentence's content words are in the other: the same statement twice."""
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    if not small:
        return True
    return sum(1 for w in small if w in large) >= 0.8 * len(small)
