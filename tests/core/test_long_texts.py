"""The document-level steps scale to long texts without changing their results."""
from __future__ import annotations

import random

import numpy as np

from viewer.core import entities, keypoints


def dense_textrank(vectors, iterations=30):
    """TextRank as first written: the full similarity matrix, pure Python."""
    n = len(vectors)
    sim = [[sum(v * b.get(w, 0.0) for w, v in a.items()) if i != j else 0.0 for j, b in enumerate(vectors)]
           for i, a in enumerate(vectors)]
    out_weight = [sum(row) or 1.0 for row in sim]
    rank = [1.0 / n] * n
    for _ in range(iterations):
        rank = [0.15 / n + 0.85 * sum(sim[j][i] / out_weight[j] * rank[j] for j in range(n)) for i in range(n)]
    return sim, rank


def test_sparse_similarity_graph_equals_the_dense_matrix():
    rng = random.Random(4)
    vocabulary = [f"w{i}" for i in range(40)]
    vectors = []
    for _ in range(60):
        vector = {w: rng.random() for w in rng.sample(vocabulary, rng.randint(1, 8))}
        norm = sum(v * v for v in vector.values()) ** 0.5
        vectors.append({w: v / norm for w, v in vector.items()})
    vectors.append({"alone": 1.0})  # shares no word: out-weight 0 must not blow up
    sim, rank = dense_textrank(vectors)
    graph = keypoints._SimilarityGraph(vectors)
    assert np.allclose(graph.textrank(), rank, atol=1e-12)
    for i in (0, 7, len(vectors) - 1):
        assert np.allclose(graph.row(i), sim[i], atol=1e-12)


def test_a_name_tagged_once_is_tagged_at_every_whole_word_occurrence():
    text = "Acme Steel said Acme profits rose. Acmes and AcmeSteel are not it, but (Acme Steel) is. Acme Steel!"
    first = text.index("Acme Steel")
    spans = entities._propagate(text, [entities.TypedSpan(first, first + len("Acme Steel"), "ORG", 1.0),
                                       entities.TypedSpan(16, 20, "ORG", 1.0)])
    surfaces = [(text[s.start:s.end], s.label) for s in spans]
    assert surfaces == [("Acme Steel", "ORG"), ("Acme", "ORG"), ("Acme Steel", "ORG"), ("Acme Steel", "ORG")]
    starts = [s.start for s in spans]
    assert starts == sorted(starts) and starts[2] == text.index("(Acme Steel)") + 1


def test_a_short_person_name_joins_the_longest_name_it_starts_or_ends():
    names = sorted(["makhdum khusro bakhtyar", "khusro bakhtyar", "kuinori matsuda"], key=len, reverse=True)
    heads = entities._person_heads(names)
    assert entities._person_head("bakhtyar", heads) == "makhdum khusro bakhtyar"
    assert entities._person_head("khusro bakhtyar", heads) == "makhdum khusro bakhtyar"
    assert entities._person_head("kuinori", heads) == "kuinori matsuda"
    assert entities._person_head("matsuda kuinori", heads) == "matsuda kuinori"
