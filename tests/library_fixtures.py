"""Library fixtures: the test corpus on disk, its analyses (made once per session), and libraries in temp folders."""
from __future__ import annotations

import pytest

from tests.library_corpus import write_corpus


@pytest.fixture(scope="session")
def corpus_files(tmp_path_factory):
    return write_corpus(tmp_path_factory.mktemp("corpus"))


@pytest.fixture(scope="session")
def corpus_analyses(nlp, corpus_files):
    """The analysis of each corpus file, as the window or an import makes it."""
    from viewer.core.loaders import load
    from viewer.core.pipeline import analyze

    return [analyze(load(str(path)), nlp) for path in corpus_files]


@pytest.fixture
def library(tmp_path, monkeypatch):
    """An empty library in its own folder, which is also the one the command line uses."""
    from viewer.core.library import Library

    folder = tmp_path / "library"
    monkeypatch.setenv("ARTICLE_VIEWER_LIBRARY", str(folder))
    opened = Library(folder)
    yield opened
    opened.close()


@pytest.fixture
def filled_library(library, corpus_analyses):
    for analysis in corpus_analyses:
        library.add_analysis(analysis)
    return library
