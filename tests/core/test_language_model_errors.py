"""A missing or broken language model gives one sentence that says how to fix it."""
from __future__ import annotations

import pytest

from viewer.core import language_model as model
from viewer.core.errors import ModelError


@pytest.fixture
def no_installed_models(monkeypatch):
    """As on a machine where no candidate package is installed; the loaded model is forgotten meanwhile."""
    monkeypatch.setattr(model, "CANDIDATES", ())
    monkeypatch.setattr(model, "_loaded", {})


@pytest.fixture
def broken_model_folder(tmp_path):
    folder = tmp_path / "my-model"
    folder.mkdir()
    (folder / "config.cfg").write_text("[nlp\nlang = \n this is not a config", encoding="utf-8")
    (folder / "meta.json").write_text("{not json", encoding="utf-8")
    return folder


def test_broken_folder_in_the_variable_says_to_fix_or_unset_it(monkeypatch, no_installed_models,
                                                                broken_model_folder):
    monkeypatch.setenv("ARTICLE_VIEWER_MODEL", str(broken_model_folder))
    with pytest.raises(ModelError) as caught:
        model.load_model()
    message = str(caught.value)
    assert str(broken_model_folder) in message
    assert "ARTICLE_VIEWER_MODEL" in message and "unset it" in message
    assert "\n" not in message and message.endswith(".")


def test_missing_folder_in_the_variable_names_it(monkeypatch, no_installed_models, tmp_path):
    monkeypatch.setenv("ARTICLE_VIEWER_MODEL", str(tmp_path / "nowhere"))
    with pytest.raises(ModelError) as caught:
        model.load_model()
    assert "nowhere" in str(caught.value) and "ARTICLE_VIEWER_MODEL" in str(caught.value)


def test_no_model_at_all_says_how_to_install_one(monkeypatch, no_installed_models):
    monkeypatch.delenv("ARTICLE_VIEWER_MODEL", raising=False)
    with pytest.raises(ModelError) as caught:
        model.load_model()
    message = str(caught.value)
    assert "pip install" in message and "spacy download" in message


def test_a_broken_variable_falls_back_to_an_installed_model(monkeypatch, broken_model_folder, nlp):
    """A wrong ARTICLE_VIEWER_MODEL must not stop a working installed model (the real one, loaded again)."""
    monkeypatch.setattr(model, "_loaded", {})
    monkeypatch.setenv("ARTICLE_VIEWER_MODEL", str(broken_model_folder))
    loaded = model.load_model()
    assert "ner" in loaded.pipe_names
