"""An analysis as compact rows, and JSON written a slice of rows at a time: the cache's and the library's format.

The text is not in the rows: a stored analysis is read back against its
article's text (mention and key-point texts are sliced out of it), and every
offset is checked against that text, so rows that do not fit it raise
ValueError instead of showing wrong highlights.
"""
from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .analysis import Analysis
    from .article import Article


def analysis_rows(analysis: Analysis) -> dict[str, Any]:
    """What the analysis adds to its article, as rows.

    Mentions are [start, end, label, entity] rows: a long article has tens of
    thousands, and dataclasses.asdict() on them takes about a second.
    """
    labels = sorted({m.label for m in analysis.mentions})
    label_index = {label: index for index, label in enumerate(labels)}
    return {
        "text_length": len(analysis.text),
        "model": analysis.model,
        "seconds": round(analysis.seconds, 3),
        "labels": labels,
        "mentions": [[m.start, m.end, label_index[m.label], m.entity] for m in analysis.mentions],
        "entities": [[e.id, e.name, e.label, e.group, e.salience, e.count] for e in analysis.entities],
        "key_points": [[k.start, k.end, k.score] for k in analysis.key_points],
        "sentences": [list(sentence) for sentence in analysis.sentences],
    }


def analysis_from_rows(rows: dict[str, Any], article: Article) -> Analysis:
    """The Analysis the rows describe for article; ValueError if they do not fit its text."""
    from .analysis import Analysis, Entity, KeyPoint, Mention  # on the first read, not at start-up

    text = article.text
    length = len(text)
    if rows.get("text_length") != length:
        raise ValueError("the analysis is of another text")
    labels = rows["labels"]
    entities = tuple(Entity(int(id_), str(name), str(label), str(group), float(salience), int(count))
                     for id_, name, label, group, salience, count in rows["entities"])
    mentions = []
    for start, end, label, entity in rows["mentions"]:
        if not (0 <= start < end <= length and 0 <= entity < len(entities)):
            raise ValueError("mention out of range")
        mentions.append(Mention(start, end, labels[label], text[start:end], entity))
    key_points = []
    for start, end, score in rows["key_points"]:
        if not 0 <= start < end <= length:
            raise ValueError("key point out of range")
        key_points.append(KeyPoint(start, end, text[start:end], float(score)))
    sentences = []
    for start, end in rows["sentences"]:
        if not 0 <= start <= end <= length:
            raise ValueError("sentence out of range")
        sentences.append((start, end))
    return Analysis(article=article, sentences=tuple(sentences), mentions=tuple(mentions), entities=entities,
                    key_points=tuple(key_points), model=str(rows["model"]), seconds=float(rows["seconds"]))


def dumps_in_pieces(entry: dict[str, Any], rows_per_call: int = 1000) -> str:
    """json.dumps(entry) in compact form, its long lists encoded rows_per_call rows per call.

    json.dumps keeps the interpreter's lock for the whole of one call: over
    16,000 rows, tens of milliseconds in which a window whose thread writes the
    rows would not get a turn. Between calls the lock can change hands.
    """
    parts = []
    for name, value in entry.items():
        if isinstance(value, list) and len(value) > rows_per_call:
            chunks = (json.dumps(value[i:i + rows_per_call], ensure_ascii=False, separators=(",", ":"))[1:-1]
                      for i in range(0, len(value), rows_per_call))
            encoded = "[" + ",".join(chunk for chunk in chunks if chunk) + "]"
        else:
            encoded = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
        parts.append(json.dumps(name) + ":" + encoded)
    return "{" + ",".join(parts) + "}"
