"""The on-disk analysis cache: keys, round trip, damaged entries, size bound, atomic writes."""
from __future__ import annotations

import gzip
import os
import time
from dataclasses import replace

import pytest

from viewer.core import cache as cache_module
from viewer.core.cache import AnalysisCache, cache_key, default_folder
from viewer.core.loaders import load


@pytest.fixture
def article(sample_path):
    return load(sample_path)


@pytest.fixture
def cache(tmp_path):
    return AnalysisCache(tmp_path / "analyses")


def same(a, b) -> bool:
    return (a.mentions, a.entities, a.key_points, a.model, a.text) == (b.mentions, b.entities, b.key_points,
                                                                        b.model, b.text)


def test_an_analysis_comes_back_as_it_went_in(cache, article, sample_analysis):
    assert cache.get(article, sample_analysis.model) is None
    assert cache.put(sample_analysis)
    back = cache.get(article, sample_analysis.model)
    assert back is not None and same(back, sample_analysis)
    assert back.source == article.source and back.title == article.title
    # The text is not stored: it comes back from the article the key was made from.
    stored = gzip.decompress(cache.entries()[0].read_bytes()).decode()
    assert article.text[200:400] not in stored


def test_the_key_covers_text_structure_model_and_analysis_version(article, monkeypatch):
    base = cache_key(article, "en_core_web_sm 3.8.0")
    assert cache_key(article, "en_core_web_md 3.8.0") != base
    assert cache_key(replace(article, text=article.text + " "), "en_core_web_sm 3.8.0") != base
    assert cache_key(replace(article, title="Another title"), "en_core_web_sm 3.8.0") != base
    assert cache_key(replace(article, blocks=article.blocks[1:]), "en_core_web_sm 3.8.0") != base
    monkeypatch.setattr(cache_module, "ANALYSIS_VERSION", cache_module.ANALYSIS_VERSION + 1)
    assert cache_key(article, "en_core_web_sm 3.8.0") != base


def test_another_model_or_text_misses(cache, article, sample_analysis):
    cache.put(sample_analysis)
    assert cache.get(article, "en_core_web_lg 3.8.0") is None
    assert cache.get(replace(article, text=article.text.replace("Japan", "Korea")), sample_analysis.model) is None
    assert cache.get(article, None) is None


@pytest.mark.parametrize("damage", [b"", b"not gzip at all", gzip.compress(b"{not json"),
                                    gzip.compress(b'{"format": 1, "key": "someone else"}'),
                                    gzip.compress(b"[1, 2, 3]")])
def test_a_damaged_entry_is_ignored_and_rewritten(cache, article, sample_analysis, damage):
    cache.put(sample_analysis)
    path = cache.entries()[0]
    path.write_bytes(damage)
    assert cache.get(article, sample_analysis.model) is None
    assert cache.put(sample_analysis)
    assert same(cache.get(article, sample_analysis.model), sample_analysis)


def test_an_entry_with_offsets_outside_the_text_is_ignored(cache, article, sample_analysis):
    cache.put(sample_analysis)
    shorter = replace(article, text=article.text[:100])
    path = cache.entries()[0]
    os.replace(path, cache.path_for(cache_key(shorter, sample_analysis.model)))
    assert cache.get(shorter, sample_analysis.model) is None


def test_the_folder_stays_under_its_size_limit_dropping_the_least_recently_used(tmp_path, article,
                                                                                sample_analysis):
    cache = AnalysisCache(tmp_path / "analyses")
    versions = [replace(article, text=article.text + " " * i) for i in range(4)]
    for version in versions:
        cache.put(replace(sample_analysis, article=version))
    entry_size = max(path.stat().st_size for path in cache.entries())
    cache.max_bytes = entry_size * 3
    # Touch the oldest so it is the most recently used; the second oldest must go instead.
    old = time.time() - 100
    for age, version in enumerate(versions):
        os.utime(cache.path_for(cache_key(version, sample_analysis.model)), (old + age, old + age))
    assert cache.get(versions[0], sample_analysis.model) is not None
    extra = replace(article, text=article.text + " extra")
    cache.put(replace(sample_analysis, article=extra))
    assert cache.size() <= cache.max_bytes
    assert cache.get(versions[0], sample_analysis.model) is not None
    assert cache.get(extra, sample_analysis.model) is not None
    assert cache.get(versions[1], sample_analysis.model) is None


def test_writes_are_atomic_and_an_unwritable_folder_is_not_an_error(tmp_path, article, sample_analysis):
    cache = AnalysisCache(tmp_path / "analyses")
    cache.put(sample_analysis)
    assert [p.name for p in (tmp_path / "analyses").iterdir() if p.name.endswith(".tmp")] == []
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("x")
    assert AnalysisCache(blocked / "analyses").put(sample_analysis) is False
    assert AnalysisCache(blocked / "analyses").get(article, sample_analysis.model) is None


def test_the_folder_comes_from_the_environment_in_tests(tmp_path, monkeypatch):
    assert default_folder().name == "cache" and default_folder().parent.name.startswith("article-viewer-test-")
    monkeypatch.setenv("ARTICLE_VIEWER_CACHE_DIR", str(tmp_path))
    assert default_folder() == tmp_path
    monkeypatch.delenv("ARTICLE_VIEWER_CACHE_DIR")
    assert default_folder().name == "analyses" and "article-viewer" in str(default_folder())


def test_the_expected_model_label_needs_no_model(sample_analysis):
    import subprocess
    import sys

    code = ("import sys; from viewer.core.language_model import expected_label; "
            "print(expected_label()); print('spacy' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                          cwd=os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
    label, spacy_imported = done.stdout.split("\n")[:2]
    assert label == sample_analysis.model
    assert spacy_imported == "False"
