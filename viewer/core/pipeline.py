"""Analyse an article: run the language model over its paragraphs, then the document-level steps.

The model runs paragraph by paragraph through nlp.pipe, so long articles are
processed in batches that can report progress and be cancelled. Only plain
spans leave this module: no spaCy Doc is kept once its paragraph is read.
Entity resolution, salience and key points then run once, on the whole article.

analyze() does both. The analysis pool (core/pool.py) splits them for a long
article: run_model() over a range of its blocks in each worker process, then
finish() once on the joined ModelOutput.
"""
from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from . import entities as entity_layer
from . import keypoints as keypoint_layer
from .analysis import Analysis, Sentence
from .article import Article, Block
from .language_model import model_label
from .ner_case import model_text
from .news_layout import NewsLayout, read_layout

# spaCy refuses texts over nlp.max_length (1,000,000 characters) and slows on
# very long ones; longer paragraphs are cut at a sentence end or a space.
PIECE_CHARS = 20_000
# Paragraphs per model batch: 32 runs as fast as 64 here and keeps a worker's memory for a long
# article at the model's own (the matrices of 64 paragraphs at a time added up to 40 MiB).
BATCH_SIZE = 32
REPORT_SECONDS = 0.2  # progress (and provisional highlights) at most this often

RawMention = entity_layer.RawMention  # start, end, OntoNotes label
ProgressCallback = Callable[[float, list[RawMention]], None]


class Cancelled(Exception):
    """The analysis was cancelled because another article was opened."""


@dataclass
class ModelOutput:
    """What the model said about the article, as absolute offsets into its text."""

    sentences: list[Sentence]
    mentions: list[RawMention]


def pieces(article: Article, blocks: range | None = None) -> Iterator[tuple[int, str, Block]]:
    """(offset, text, paragraph) for each piece of each paragraph (of those in blocks, by index), in order."""
    chosen = article.blocks if blocks is None else article.blocks[blocks.start:blocks.stop]
    for paragraph in chosen:
        start = paragraph.start
        while start < paragraph.end:
            end = min(paragraph.end, start + PIECE_CHARS)
            if end < paragraph.end:
                window = article.text[start:end]
                cut = max(window.rfind(". "), window.rfind(" "))
                if cut > PIECE_CHARS // 2:
                    end = start + cut + 1
            yield start, article.text[start:end], paragraph
            start = end


def run_model(nlp: Any, article: Article, on_progress: ProgressCallback | None = None,
              is_cancelled: Callable[[], bool] | None = None, layout: NewsLayout | None = None,
              blocks: range | None = None, recased: str | None = None,
              report_seconds: float | None = None) -> ModelOutput:
    """Sentences and raw entity spans for the whole article, or for the blocks in `blocks` (by index).

    recased: model_text(article, layout), if the caller has it already (a
    worker given several ranges of one article works it out once). Progress is
    reported at most every report_seconds (default REPORT_SECONDS), as the
    fraction done of the text asked for.
    """
    chunks = list(pieces(article, blocks))
    total = sum(len(text) for _, text, _ in chunks) or 1
    done = 0
    output = ModelOutput([], [])
    every = REPORT_SECONDS if report_seconds is None else report_seconds
    # The model reads a copy of the text with its case repaired; offsets are the same.
    if recased is None:
        recased = model_text(article, layout)
    texts = (recased[offset:offset + len(text)] for offset, text, _ in chunks)
    fresh: list[RawMention] = []
    last_report = time.monotonic()
    for (offset, text, _block), doc in zip(chunks, nlp.pipe(texts, batch_size=BATCH_SIZE), strict=True):
        if is_cancelled is not None and is_cancelled():
            raise Cancelled()
        for sent in doc.sents:
            output.sentences.append((offset + sent.start_char, offset + sent.end_char))
        for ent in doc.ents:
            mention = (offset + ent.start_char, offset + ent.end_char, ent.label_)
            output.mentions.append(mention)
            fresh.append(mention)
        done += len(text)
        if on_progress is not None and (time.monotonic() - last_report >= every or done >= total):
            on_progress(done / total, fresh)
            fresh = []
            last_report = time.monotonic()
    return output


def analyze(article: Article, nlp: Any, on_progress: ProgressCallback | None = None,
            is_cancelled: Callable[[], bool] | None = None) -> Analysis:
    """The full analysis of one article with a loaded spaCy pipeline."""
    started = time.perf_counter()
    layout = read_layout(article)
    output = run_model(nlp, article, on_progress, is_cancelled, layout)
    return finish(article, output, model_label(nlp), started, layout)


def finish(article: Article, output: ModelOutput, model: str, started: float | None = None,
           layout: NewsLayout | None = None) -> Analysis:
    """The document-level steps on the model's output for the whole article: entities, then key points.

    started: the time.perf_counter() at which the analysis began (Analysis.seconds counts from it).
    layout: read_layout(article), if the caller has it already.
    """
    if started is None:
        started = time.perf_counter()
    mentions, entities = entity_layer.resolve(article, output.mentions, output.sentences,
                                              layout if layout is not None else read_layout(article))
    key_points = keypoint_layer.select(article, output.sentences, mentions, entities)
    return Analysis(
        article=article,
        sentences=tuple(output.sentences),
        mentions=tuple(mentions),
        entities=tuple(entities),
        key_points=tuple(key_points),
        model=model,
        seconds=time.perf_counter() - started,
    )


