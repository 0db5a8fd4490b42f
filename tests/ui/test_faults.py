"""Faults inside the app: the analysis or the model fails, and the reader keeps the text and a way out."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from viewer.core import keypoints, model

INSTALLED_CANDIDATES = model.CANDIDATES

ARTICLE = ("Ministers meet in Tokyo\n\n"
           "Pakistan's industries minister met Japan's ambassador in Islamabad on Monday to discuss trade. "
           "The two countries agreed that Japanese companies would invest in Pakistani factories next year.\n")


@pytest.fixture
def article_path(tmp_path):
    path = tmp_path / "fault.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def assert_text_readable(window) -> None:
    assert window.reading_pane.isVisible()
    assert window.reading_pane.toPlainText() == window.article.text
    assert "Japan's ambassador" in window.reading_pane.toPlainText()


def test_an_exception_in_the_analysis_offers_retry_and_keeps_the_text(qtbot, window, article_path, monkeypatch):
    """Fault injection at a component boundary: the key-point step raises once, as a bug would."""
    real_select = keypoints.select
    calls = []

    def fails_once(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("injected fault")
        return real_select(*args, **kwargs)

    monkeypatch.setattr(keypoints, "select", fails_once)
    with qtbot.waitSignal(window.analysis_failed, timeout=120_000) as failed:
        assert window.open_source(article_path)
    message = failed.args[0]
    assert "RuntimeError" in message and "injected fault" in message and "\n" not in message
    bar = window.message_bar
    assert bar.isVisible() and bar.text() == message
    retry = window.actions_by_name["retry_analysis"]
    assert bar.action() is retry and retry.isEnabled()
    assert bar.button.isVisible() and bar.button.focusPolicy() != Qt.FocusPolicy.NoFocus
    assert not window.progress.isVisible()
    assert_text_readable(window)

    with qtbot.waitSignal(window.analysis_shown, timeout=120_000):
        qtbot.mouseClick(bar.button, Qt.MouseButton.LeftButton)
    assert len(calls) == 2
    assert not bar.isVisible()
    assert any(e.name == "Japan" for e in window.analysis.entities)
    assert window.reading_pane.toPlainText() == window.analysis.text


@pytest.fixture
def broken_model(monkeypatch, tmp_path):
    """ARTICLE_VIEWER_MODEL points at a broken folder and no other model is installed."""
    folder = tmp_path / "broken-model"
    folder.mkdir()
    (folder / "config.cfg").write_text("[nlp\nnot a config", encoding="utf-8")
    monkeypatch.setenv("ARTICLE_VIEWER_MODEL", str(folder))
    monkeypatch.setattr(model, "CANDIDATES", ())
    monkeypatch.setattr(model, "_loaded", {})
    return folder


def test_a_broken_model_says_how_to_fix_it_and_retry_works_once_fixed(broken_model, window, qtbot, article_path,
                                                                       monkeypatch):
    with qtbot.waitSignal(window.analysis_failed, timeout=120_000) as failed:
        assert window.open_source(article_path)
    message = failed.args[0]
    assert "ARTICLE_VIEWER_MODEL" in message and str(broken_model) in message and "unset it" in message
    assert window.message_bar.text() == message  # not replaced by a vaguer one
    assert_text_readable(window)
    assert window.message_bar.action() is window.actions_by_name["retry_analysis"]

    # The user follows the message and unsets the variable; the installed model is found and loaded for real.
    monkeypatch.delenv("ARTICLE_VIEWER_MODEL")
    monkeypatch.setattr(model, "CANDIDATES", INSTALLED_CANDIDATES)
    assert not model.is_loaded()
    with qtbot.waitSignal(window.analysis_shown, timeout=120_000):
        window.actions_by_name["retry_analysis"].trigger()
    assert not window.message_bar.isVisible()
    assert window.analysis.entities
