"""Property tests: whatever bytes or text come in, the loaders and the analysis keep their promises.

For every generated input the functions either return or raise ArticleError,
every offset lies inside the text, mentions never overlap, each key point is a
span of the text, and the user's file is left exactly as it was. Runs with the
real spaCy model. CI uses the fixed-seed "ci" profile (tests/conftest.py);
HYPOTHESIS_PROFILE=long turns this file into the long fuzz run.
"""
from __future__ import annotations

import json
import math
import os
import re

import pytest
from hypothesis import Phase, given, settings
from hypothesis import strategies as st

from viewer.core.analysis import Analysis
from viewer.core.article import Article
from viewer.core.errors import ArticleError
from viewer.core.groups import group_of
from viewer.core.loaders import article_from_text, load
from viewer.core.pipeline import analyze

from .strategies import FILE_KINDS, any_text, article_file, huge_line, news_like_text

LABELS = {"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE",
          "DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"}
# Characters a loader must never hand to the reading pane: C0/C1 controls other than tab and newline.
_FORBIDDEN = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def budget(ci_examples: int, **overrides):
    """At most ci_examples in CI; the loaded profile's count otherwise (10,000 in the long run)."""
    in_ci = os.environ.get("HYPOTHESIS_PROFILE", "ci") == "ci"
    return settings(max_examples=ci_examples if in_ci else settings.default.max_examples, **overrides)


def check_article(article: Article) -> None:
    text = article.text
    assert isinstance(text, str) and isinstance(article.title, str)
    assert not _FORBIDDEN.search(text), "control characters reached the text"
    assert "\r" not in text
    previous_end = 0
    for paragraph in article.blocks:
        assert previous_end <= paragraph.start < paragraph.end <= len(text), paragraph
        previous_end = paragraph.end


def check_analysis(analysis: Analysis, article: Article) -> None:
    text = analysis.text
    assert text == article.text
    previous_end = 0
    for mention in analysis.mentions:  # in text order
        assert 0 <= mention.start < mention.end <= len(text), mention
        assert mention.start >= previous_end, f"mentions overlap at {mention}"
        previous_end = mention.end
        assert text[mention.start:mention.end] == mention.text
        assert mention.label in LABELS
        assert 0 <= mention.entity < len(analysis.entities)
        assert analysis.entities[mention.entity].label == mention.label
    for index, entity in enumerate(analysis.entities):
        assert entity.id == index
        assert entity.count == len(analysis.mentions_of(entity.id)) > 0
        assert entity.group == group_of(entity.label).name
        assert math.isfinite(entity.salience) and 0.0 <= entity.salience <= 1.0
    previous_end = 0
    for point in analysis.key_points:
        assert 0 <= point.start < point.end <= len(text), point
        assert point.start >= previous_end, "key points overlap or are out of order"
        previous_end = point.end
        assert text[point.start:point.end] == point.text
        assert math.isfinite(point.score)
    # The JSON contract holds too: no NaN, and it survives a round trip.
    encoded = json.dumps(analysis.to_dict(), allow_nan=False, ensure_ascii=False)
    assert Analysis.from_dict(json.loads(encoded)).mentions == analysis.mentions


def analyse_or_refuse(nlp, article: Article) -> Analysis | None:
    try:
        analysis = analyze(article, nlp)
    except ArticleError as error:
        assert str(error).strip() and "\n" not in str(error)
        return None
    check_analysis(analysis, article)
    return analysis


@pytest.fixture(scope="module")
def fuzz_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("fuzz")


@pytest.mark.parametrize("kind", sorted(FILE_KINDS))
@budget(40)
@given(data=st.data(), name=st.sampled_from(["article", "news story", "ß-ünïcødé", "x" * 120, ".hidden"]))
def test_loading_any_file_returns_an_article_or_one_clear_sentence(fuzz_dir, kind, data, name):
    suffix, content = data.draw(FILE_KINDS[kind], label=kind)
    path = fuzz_dir / f"{name}{suffix}"
    path.write_bytes(content)
    os.utime(path, ns=(1_000_000_000_000_000_000, 1_000_000_000_000_000_000))
    try:
        article = load(path)
    except ArticleError as error:
        message = str(error)
        assert message.strip() and "\n" not in message and "Traceback" not in message
        assert len(message) < 400
    else:
        check_article(article)
    # Opened read-only: not a byte or a timestamp changed.
    assert path.read_bytes() == content
    assert path.stat().st_mtime_ns == 1_000_000_000_000_000_000


@budget(60)
@given(item=article_file)
def test_any_loaded_file_analyses_cleanly(fuzz_dir, nlp, item):
    suffix, data = item
    path = fuzz_dir / f"analysed{suffix}"
    path.write_bytes(data)
    try:
        article = load(path)
    except ArticleError:
        return
    analyse_or_refuse(nlp, article)


@budget(120)
@given(text=any_text)
def test_analysis_of_arbitrary_text_keeps_its_promises(nlp, text):
    """Raw text straight into the analysis, without the loader's clean-up: controls, bidi, emoji and all."""
    analyse_or_refuse(nlp, article_from_text(text, source="fuzz"))


@budget(80)
@given(text=news_like_text(max_parts=200))
def test_analysis_of_entity_rich_text_keeps_its_promises(nlp, text):
    analysis = analyse_or_refuse(nlp, article_from_text(text, source="fuzz"))
    assert analysis is not None


# Shrinking a 40 kB line takes minutes, so a failure here is reported unshrunk.
@budget(4, deadline=60_000, phases=[Phase.explicit, Phase.generate])
@given(line=huge_line())
def test_huge_single_lines_are_analysed_in_pieces(nlp, line):
    analyse_or_refuse(nlp, article_from_text(line, source="fuzz"))


@budget(60)
@given(seed=st.integers(0, 2**32 - 1), size=st.integers(512, 64 * 1024), without_nul=st.booleans())
def test_random_bytes_of_any_seed_are_a_binary_file(fuzz_dir, seed, size, without_nul):
    """Random bytes are never read as text, whatever the seed (with or without NUL bytes)."""
    import random

    data = random.Random(seed).randbytes(size)
    if without_nul:
        data = data.replace(b"\x00", b"")
    path = fuzz_dir / "noise.txt"
    path.write_bytes(data)
    with pytest.raises(ArticleError) as caught:
        load(path)
    assert str(caught.value) == "“noise.txt” is a binary file, not text."

