"""The library survives processes killed at any moment: a writer SIGKILLed mid-write, an import cancelled with
Ctrl+C, killed, then resumed. After each: PRAGMA integrity_check (and the full text indexes' own check) passes,
and every stored article is whole: its analysis and all its index rows, or nothing of it.
"""
from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.library_corpus import ARTICLES
from viewer.core.library import Library

ROOT = Path(__file__).resolve().parent.parent

# Stores the analyses of a JSON file again and again (each with a different last paragraph, so each is a
# new article), with highlights, reading positions and removals among them, until it is killed.
WRITER = r"""
import dataclasses, json, sys
from viewer.core.analysis import Analysis
from viewer.core.library import Library
library = Library(sys.argv[1])
analyses = [Analysis.from_dict(data) for data in json.load(open(sys.argv[2], encoding="utf-8"))]
round_ = library.count()
print("ready", flush=True)
while True:
    round_ += 1
    for analysis in analyses:
        article = dataclasses.replace(analysis.article, text=analysis.text + f"\n\nVariant {round_}.",
                                      source=f"generated-{round_}")
        article_id, _ = library.add_analysis(dataclasses.replace(analysis, article=article))
        library.add_highlight(article_id, 0, 5, f"note {round_}")
        library.set_position(article_id, round_)
    if round_ % 3 == 0:
        library.remove(article_id)
"""


def assert_whole(library: Library) -> None:
    """Integrity checks pass and every article has all of its rows."""
    assert library.integrity_problems() == []
    connection = library._connection()
    from viewer.core.entities import NAME_LABELS

    for (article_id,) in connection.execute("SELECT id FROM articles").fetchall():
        entry = library.entry(article_id)
        summary = library.summary(article_id)
        if entry.analysis is None:
            assert summary.entity_count == 0
            continue
        named = {e.id for e in entry.analysis.entities if e.label in NAME_LABELS}
        rows = connection.execute("SELECT COUNT(*) FROM entities WHERE article = ?", (article_id,)).fetchone()[0]
        assert rows == summary.entity_count == len(named)
        mentions = connection.execute("SELECT COUNT(*) FROM mentions WHERE article = ?", (article_id,)).fetchone()[0]
        assert mentions == len({(m.entity, m.start) for m in entry.analysis.mentions if m.entity in named})
        fts = connection.execute("SELECT COUNT(*) FROM article_fts WHERE article_fts MATCH ? AND rowid = ?",
                                 ('"' + entry.article.text.split()[0].strip('"') + '"', article_id)).fetchone()[0]
        assert fts == 1


def test_a_writer_killed_at_random_moments_leaves_whole_articles(tmp_path, corpus_analyses):
    data = tmp_path / "analyses.json"
    data.write_text(json.dumps([a.to_dict() for a in corpus_analyses]), encoding="utf-8")
    folder = tmp_path / "library"
    chance = random.Random()
    seed = chance.randrange(10**6)
    chance.seed(seed)
    counts = []
    for _ in range(6):
        writer = subprocess.Popen([sys.executable, "-c", WRITER, str(folder), str(data)], cwd=ROOT,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        assert writer.stdout.readline() == "ready\n", writer.stderr.read()
        time.sleep(chance.uniform(0.0, 0.5))
        writer.kill()
        writer.wait(timeout=30)
        assert writer.returncode == -signal.SIGKILL, f"seed {seed}: " + writer.stderr.read()
        writer.stdout.close()
        writer.stderr.close()
        with Library(folder) as library:
            assert_whole(library)
            counts.append(library.count())
    assert counts[-1] > 0, f"seed {seed}: nothing was ever stored"


def articles_in(folder: Path) -> int:
    """Analysed articles in the library, read without creating or changing anything."""
    import sqlite3

    path = folder / "library.sqlite3"
    if not path.exists():
        return 0
    connection = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=10)
    try:
        return connection.execute("SELECT COUNT(*) FROM articles WHERE analysis IS NOT NULL").fetchone()[0]
    except sqlite3.OperationalError:  # its tables are not made yet
        return 0
    finally:
        connection.close()


def wait_for(condition, process: subprocess.Popen, timeout: float = 240.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert process.poll() is None, "the import ended before it could be interrupted: " + process.stderr.read()
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.01)


def session_gone(session: int, timeout: float = 20.0) -> bool:
    """True once no process of the session is left (the import's workers and forkserver included)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            os.killpg(session, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.05)
    return False


@pytest.fixture
def many_articles(tmp_path) -> Path:
    """48 article files: the corpus paragraphs, each file with a paragraph of its own."""
    folder = tmp_path / "articles"
    folder.mkdir()
    texts = list(ARTICLES.values())
    for number in range(48):
        text = texts[number % len(texts)]
        (folder / f"{number:02}.txt").write_text(
            text + f"\nThe desk filed this as report number {number} of the week.\n", encoding="utf-8")
    return folder


@pytest.fixture
def ctrl_c_reaches_children():
    """Children that take Ctrl+C as a terminal's processes do, even when the tests run as a background job.

    A shell starts a background job with SIGINT ignored, its children inherit that and Python keeps it:
    run so (`.ci/run &`), the importer never saw the test's Ctrl+C, finished and exited 0.
    """
    previous = signal.getsignal(signal.SIGINT)
    if previous == signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)  # caught here: the default again after exec
    yield
    signal.signal(signal.SIGINT, previous)


@pytest.mark.usefixtures("ctrl_c_reaches_children")
def test_an_import_cancelled_then_killed_is_resumed_without_losing_or_doubling(tmp_path, many_articles):
    folder = tmp_path / "library"
    env = dict(os.environ, ARTICLE_VIEWER_LIBRARY=str(folder))
    command = [sys.executable, "-m", "viewer", "library", "import", str(many_articles)]

    def start(workers: int) -> subprocess.Popen:
        # A session of its own, as a terminal gives a command: Ctrl+C goes to all its processes.
        return subprocess.Popen([*command, "--workers", str(workers)], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True, start_new_session=True)

    # Ctrl+C once the first articles are in: a clear sentence, status 130, nothing half stored, no workers left.
    importer = start(workers=1)
    wait_for(lambda: articles_in(folder) >= 2, importer)
    os.killpg(importer.pid, signal.SIGINT)
    out, err = importer.communicate(timeout=120)
    assert importer.returncode == 130, err
    assert "Traceback" not in err and "Import cancelled:" in err and "run the same command again" in err
    assert session_gone(importer.pid)
    cancelled_at = articles_in(folder)
    assert 2 <= cancelled_at < 48
    with Library(folder) as library:
        assert_whole(library)

    # SIGKILL of the import process alone at a random later moment: its workers notice and exit.
    importer = start(workers=2)
    target = cancelled_at + random.randint(1, 6)
    wait_for(lambda: articles_in(folder) >= target, importer)
    importer.kill()
    importer.communicate(timeout=60)
    assert session_gone(importer.pid), "worker processes outlived the killed import"
    killed_at = articles_in(folder)
    with Library(folder) as library:
        assert_whole(library)

    # The same command again finishes the job: every file once, nothing analysed twice.
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"Stored {48 - killed_at} articles; {killed_at} already in the library"), done.stdout
    with Library(folder) as library:
        assert library.count() == 48
        assert_whole(library)
        sources = library._connection().execute("SELECT COUNT(*) FROM sources").fetchone()[0]
        assert sources == 48
