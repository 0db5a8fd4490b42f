"""The article session without a window: history, stale results, retry, the cache, hold and release."""
from __future__ import annotations

import pytest

from viewer.core.cache import AnalysisCache
from viewer.ui.analysis_service import AnalysisService
from viewer.ui.background import BackgroundLane
from viewer.ui.session import ArticleSession, History

TIMEOUT = 120_000


@pytest.fixture
def service(qapp, tmp_path, nlp):
    service = AnalysisService(cache=AnalysisCache(tmp_path / "cache"))
    yield service
    service.shutdown()


@pytest.fixture
def session(service):
    session = ArticleSession(service)
    yield session
    session.shutdown()


def write(folder, name: str, text: str) -> str:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return str(path)


@pytest.fixture
def articles(tmp_path):
    return [write(tmp_path, f"{name}.txt", f"{name.title()} story\n\n{body}") for name, body in (
        ("first", "Angela Merkel met Emmanuel Macron in Paris on Monday."),
        ("second", "Toyota opened a factory in Karachi, Pakistan, last week."),
        ("third", "The World Bank lent Kenya two billion dollars in March."))]


def opened(qtbot, session, source: str) -> object:
    with qtbot.waitSignal(session.analysis_ready, timeout=TIMEOUT) as blocker:
        assert session.open(source)
    return blocker.args[0]


def test_history_goes_back_and_forward_and_a_new_article_drops_what_was_ahead(qtbot, session, articles):
    first, second, third = articles
    for source in (first, second):
        opened(qtbot, session, source)
    assert session.history.can_go(-1) and not session.history.can_go(1)
    with qtbot.waitSignal(session.analysis_ready, timeout=TIMEOUT):
        assert session.go(-1)
    assert session.article.source == first
    assert session.history.can_go(1) and not session.history.can_go(-1)
    opened(qtbot, session, third)
    assert session.history.sources == [first, third]  # "second" was ahead of "first" and is gone
    messages = []
    session.status.connect(messages.append)
    assert not session.go(1)
    assert messages == ["No later article."]


def test_several_sources_follow_the_first_in_forward(qtbot, session, articles):
    with qtbot.waitSignal(session.analysis_ready, timeout=TIMEOUT):
        assert session.open_many(articles)
    assert session.article.source == articles[0]
    assert session.history.sources == articles and session.history.index == 0


def test_a_result_for_an_article_no_longer_shown_is_dropped(qtbot, session, articles, sample_path, tmp_path):
    body = sample_path.read_text(encoding="utf-8").split("\n", 1)[1]
    long = write(tmp_path, "long.txt", "A long story\n\n" + "\n\n".join([body] * 30))
    results = []
    session.analysis_ready.connect(lambda result: results.append(result.analysis.source))
    with qtbot.waitSignal(session.analysis_progress, timeout=TIMEOUT):  # the model is at work on it
        session.open(long)
    with qtbot.waitSignal(session.analysis_ready, timeout=TIMEOUT):
        session.open(articles[1])
    qtbot.wait(300)
    assert results == [articles[1]]
    assert session.analysis.text == session.article.text


def test_a_cache_hit_needs_no_model_and_retry_asks_the_model_again(qtbot, session, service, articles):
    first = opened(qtbot, session, articles[0])
    assert not first.from_cache
    qtbot.waitUntil(lambda: len(service.cache.entries()) == 1, timeout=10_000)
    opened(qtbot, session, articles[1])
    started = []
    service.started.connect(lambda: started.append(True))
    again = opened(qtbot, session, articles[0])
    assert again.from_cache and not started
    assert again.analysis.mentions == first.analysis.mentions
    session.analysis_started.connect(lambda: started.append(True))
    with qtbot.waitSignal(session.analysis_ready, timeout=TIMEOUT) as blocker:
        session.retry()
    assert started and not blocker.args[0].from_cache


def test_held_analysis_waits_for_release(qtbot, session, service, articles):
    session.hold()
    shown, ready = [], []
    session.article_shown.connect(shown.append)
    session.analysis_ready.connect(ready.append)
    assert session.open(articles[0])
    assert shown and shown[0].source == articles[0]
    qtbot.wait(500)
    assert not ready
    with qtbot.waitSignal(session.analysis_ready, timeout=TIMEOUT):
        session.release()


def test_a_file_that_cannot_be_read_says_why_and_the_article_stays(qtbot, session, articles, tmp_path):
    opened(qtbot, session, articles[0])
    with qtbot.waitSignal(session.load_failed) as blocker:
        assert not session.open(str(tmp_path / "missing.txt"))
    assert "missing.txt" in blocker.args[0]
    assert session.article.source == articles[0] and session.analysis is not None


def test_the_history_alone():
    history = History()
    for source in "abc":
        history.record(source)
    history.index = 0
    history.record("d")
    assert history.sources == ["a", "d"] and history.target(-1) == "a" and history.target(1) is None
    history.following = ["x", "y"]
    history.add_following()
    assert history.sources == ["a", "d", "x", "y"] and history.following == []


def test_a_newer_job_of_the_same_key_supersedes_the_older(qtbot, qapp):
    import threading

    lane = BackgroundLane(threads=2)
    release = threading.Event()
    got, failures, progress = [], [], []

    def slow(job):
        job.report("early")
        release.wait(5)
        job.report("late")
        return "old"

    lane.run(slow, success=got.append, progress=progress.append, key="k")
    qtbot.waitUntil(lambda: progress == ["early"])
    lane.run(lambda job: "new", success=got.append, key="k")
    lane.run(lambda job: 1 / 0, failure=failures.append)
    release.set()
    qtbot.waitUntil(lambda: got == ["new"] and bool(failures))
    qtbot.wait(200)
    assert got == ["new"] and progress == ["early"]  # the superseded job delivers nothing more
    assert isinstance(failures[0], ZeroDivisionError)
    assert not lane.is_busy("k")
    lane.shutdown()
