"""Choose an article's key points: the sentences a careful editor would pick.

Sentences are scored by centrality in the sentence-similarity graph (TextRank),
position (news puts the main facts first), the salience of the entities they
mention and overlap with the title; near-duplicates are then dropped (MMR).
Headlines, time lines, datelines and boilerplate are never chosen.
"""
from __future__ import annotations

import bisect
import math
import re
from collections import Counter

import numpy as np

from .analysis import Entity, KeyPoint, Mention
from .article import Article, Role

_WORD = re.compile(r"[a-z0-9']+")
_STOP = set("""a an the and or but if of to in on at by for with from as is are was were be been being
it its this that these those he she they we you i his her their our your him them us said says say
has have had will would could should may might can not no than then there here which who whom whose
what when where why how also about over after before into up out more most such other some any all""".split())
# "ISLAMABAD, Sep 6 (UrduPoint / Pakistan Point News - 6th Sep, 2021 ) :" and "LONDON (Reuters) -"
_DATELINE = re.compile(r"^[A-Z][A-Z .'-]{2,40}(?:,[^:()\n]{0,30})?\s*(?:\([^)]{0,80}\))?\s*(?::|-|–|—)\s*")
_BOILERPLATE = re.compile(
    r"^(?:read more|related|advertisement|photo|image|caption|copyright|©|click here|subscribe|"
    r"follow us|share this|sign up|by [A-Z][a-z]+ [A-Z][a-z]+$)", re.IGNORECASE)


def words(text: str) -> list[str]:
    return [w for w in _WORD.findall(text.lower()) if w not in _STOP]


def point_count(sentence_count: int) -> int:
    """3 points for a short item, up to 7 for a long one."""
    return max(3, min(7, round(2 + sentence_count / 8))) if sentence_count else 0


def candidates(article: Article, sentences: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sentences that may be key points: in the body, whole clauses, not boilerplate."""
    text = article.text
    allowed = [(p.start, p.end) for p in article.paragraphs if p.role in (Role.BODY, Role.STANDFIRST)]
    out = []
    for start, end in sentences:
        if not any(a <= start and end <= b for a, b in allowed):
            continue
        dateline = _DATELINE.match(text, start, end)
        if dateline and dateline.end() < end:
            start = dateline.end()
        while start < end and text[start].isspace():
            start += 1
        sentence = text[start:end]
        if len(words(sentence)) < 4 or len(sentence.split()) < 6 or _BOILERPLATE.match(sentence):
            continue
        out.append((start, end))
    return out


def select(article: Article, sentences: list[tuple[int, int]], mentions: list[Mention],
           entities: list[Entity]) -> list[KeyPoint]:
    text = article.text
    spans = candidates(article, sentences)
    if not spans:
        return []
    bags = [Counter(words(text[s:e])) for s, e in spans]
    n = len(spans)
    df = Counter(w for bag in bags for w in bag)
    vectors = []
    for bag in bags:
        vector = {w: tf * math.log((1 + n) / (1 + df[w])) + 0.0 for w, tf in bag.items()}
        norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
        vectors.append({w: v / norm for w, v in vector.items()})

    graph = _SimilarityGraph(vectors)
    rank = graph.textrank()
    top_rank = max(rank) or 1.0

    title_words = set(words(article.title))
    salience = {e.id: e.salience for e in entities}
    by_start = sorted(mentions, key=lambda m: m.start)
    mention_starts = [m.start for m in by_start]
    scores = []
    for i, (start, end) in enumerate(spans):
        first, last = bisect.bisect_left(mention_starts, start), bisect.bisect_left(mention_starts, end)
        ent_score = sum(salience.get(m.entity, 0) for m in by_start[first:last])
        overlap = len(title_words & set(bags[i])) / (len(title_words) or 1)
        position = 1.0 / (1.0 + i / 2)
        scores.append(0.35 * rank[i] / top_rank + 0.35 * position + 0.15 * min(ent_score, 2) / 2 + 0.15 * overlap)

    k = min(point_count(n), n)
    chosen: list[int] = []
    similar_to_chosen: list[list[float]] = []  # one row of the similarity matrix per chosen sentence
    while len(chosen) < k:
        best, best_value = None, -1e9
        for i in range(n):
            if i in chosen:
                continue
            redundancy = max((row[i] for row in similar_to_chosen), default=0.0)
            value = 0.7 * scores[i] - 0.3 * redundancy
            if redundancy > 0.6:
                value -= 1.0
            if value > best_value:
                best, best_value = i, value
        if best is None:
            break
        chosen.append(best)
        similar_to_chosen.append(graph.row(best))
    return [KeyPoint(spans[i][0], spans[i][1], text[spans[i][0]:spans[i][1]], round(scores[i], 3))
            for i in sorted(chosen)]


class _SimilarityGraph:
    """The cosine-similarity graph of the sentences, never built as an n x n matrix.

    Similarity is the dot product of unit TF-IDF vectors, so the matrix is X Xᵀ
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
