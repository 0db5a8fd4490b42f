"""The reader's corrections: stored in the data folder, applied to every analysis, listed and undone."""
from __future__ import annotations

import io
import json
import os
import subprocess
import sys

import pytest

from viewer.cli import corrections_main
from viewer.core.analysis import Analysis
from viewer.core.cache import AnalysisCache
from viewer.core.corrections import CorrectionError, CorrectionStore, name_key
from viewer.core.entities import resolve
from viewer.core.loaders import article_from_text

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

TEXT = ("Streaming deal\n\n"
        "Helen Okafor said Streamly would show the series. Okafor added that Streamly viewers in Lagos "
        "would see it first, and the Moon landing film later.\n\n"
        "Streamly grew in Lagos.")


def fixed_analysis() -> Analysis:
    """An analysis made from fixed spans (no model): Streamly mis-tagged as a person."""
    article = article_from_text(TEXT, "deal.txt")
    raw = []
    for surface, label in (("Helen Okafor", "PERSON"), ("Streamly", "PERSON"), ("Lagos", "GPE"),
                           ("Moon", "PERSON")):
        start = article.text.index(surface)
        raw.append((start, start + len(surface), label))
    mentions, entities = resolve(article, raw, [])
    return Analysis(article=article, mentions=tuple(mentions), entities=tuple(entities), model="fixed 1")


def consistent(analysis: Analysis) -> None:
    for mention in analysis.mentions:
        entity = analysis.entities[mention.entity]
        assert entity.label == mention.label
        assert analysis.text[mention.start:mention.end] == mention.text
    for index, entity in enumerate(analysis.entities):
        assert entity.id == index
        assert entity.count == len(analysis.mentions_of(entity.id)) > 0


@pytest.fixture
def store(tmp_path, monkeypatch):
    monkeypatch.setenv("ARTICLE_VIEWER_DATA_DIR", str(tmp_path / "data"))
    return CorrectionStore()


def test_names_match_whatever_their_case_article_or_possessive():
    assert name_key("the Moon") == name_key("MOON") == name_key("Moon’s") == name_key(" moon ") == "moon"
    assert name_key("U.S. Treasury") == "u.s. treasury"


def test_a_change_of_type_applies_to_every_mention_and_is_stored(store, tmp_path):
    analysis = fixed_analysis()
    before = {m.text: m.label for m in analysis.mentions}
    assert before["Streamly"] == "PERSON"
    store.change_type("Streamly", "org")
    assert (tmp_path / "data" / "corrections.json").exists()
    corrected = store.apply(analysis)
    consistent(corrected)
    assert {m.label for m in corrected.mentions if m.text == "Streamly"} == {"ORG"}
    streamly = [e for e in corrected.entities if e.name == "Streamly"][0]
    assert (streamly.label, streamly.group, streamly.count) == ("ORG", "Organisations", TEXT.count("Streamly"))
    # Everything else is as it was.
    others = [(m.start, m.text, m.label) for m in corrected.mentions if m.text != "Streamly"]
    assert others == [(m.start, m.text, m.label) for m in analysis.mentions if m.text != "Streamly"]
    assert corrected.key_points == analysis.key_points and corrected.article is analysis.article


def test_not_an_entity_removes_it_and_undo_brings_it_back(store):
    analysis = fixed_analysis()
    assert any(m.text == "Moon" for m in analysis.mentions)
    store.not_an_entity("the Moon")
    corrected = store.apply(analysis)
    consistent(corrected)
    assert not any(m.text == "Moon" for m in corrected.mentions)
    assert not any(e.name == "Moon" for e in corrected.entities)
    assert len(corrected.entities) == len(analysis.entities) - 1
    undone = store.undo("MOON")
    assert undone is not None and undone.label is None
    assert store.list() == []
    assert store.apply(analysis) is analysis  # nothing to apply: the analysis itself


def test_an_entity_correction_moves_all_its_forms(store):
    analysis = fixed_analysis()
    person = [e for e in analysis.entities if e.name == "Helen Okafor"][0]
    assert {m.text for m in analysis.mentions_of(person.id)} == {"Helen Okafor", "Okafor"}
    store.change_type("Helen Okafor", "ORG")
    corrected = store.apply(analysis)
    consistent(corrected)
    assert {m.label for m in corrected.mentions if m.text in ("Helen Okafor", "Okafor")} == {"ORG"}


def test_corrections_are_listed_oldest_first_one_per_name_and_undone_last_first(store):
    store.change_type("Streamly", "ORG")
    store.not_an_entity("Moon")
    store.change_type("streamly", "PRODUCT")  # the same name again: replaces the first
    assert [(c.name, c.label) for c in store.list()] == [("Moon", None), ("streamly", "PRODUCT")]
    assert store.undo_last().name == "streamly"
    assert [c.name for c in store.list()] == ["Moon"]
    assert store.undo("Nobody") is None
    assert store.clear() == 1 and store.list() == []


def test_bad_corrections_are_refused_in_one_sentence(store):
    with pytest.raises(CorrectionError, match="not an entity type"):
        store.change_type("Streamly", "COMPANY")
    with pytest.raises(CorrectionError, match="needs the name"):
        store.not_an_entity("  ")
    assert store.list() == []


def test_a_damaged_file_counts_as_none_and_is_kept_aside(store, tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "corrections.json").write_text("{not json", encoding="utf-8")
    assert store.list() == []
    assert store.apply(fixed_analysis()).mentions == fixed_analysis().mentions
    store.change_type("Streamly", "ORG")
    assert (folder / "corrections.json.damaged").read_text(encoding="utf-8") == "{not json"
    assert [c.name for c in store.list()] == ["Streamly"]
    # Entries a newer version or a hand edit left that this one cannot read are skipped, not fatal.
    data = json.loads((folder / "corrections.json").read_text(encoding="utf-8"))
    data["corrections"].append({"name": "Moon", "label": "PLANET", "made": 1.0})
    (folder / "corrections.json").write_text(json.dumps(data), encoding="utf-8")
    assert [c.name for c in store.list()] == ["Streamly"]


def test_cached_analyses_are_corrected_after_the_lookup(store, tmp_path):
    """The cache keeps what the analysis found; corrections, and their undo, apply to a cache hit at once."""
    analysis = fixed_analysis()
    cache = AnalysisCache(tmp_path / "cache")
    assert cache.put(analysis)
    store.change_type("Streamly", "ORG")
    hit = cache.get(analysis.article, analysis.model)
    assert hit is not None and {m.label for m in hit.mentions if m.text == "Streamly"} == {"PERSON"}
    assert {m.label for m in store.apply(hit).mentions if m.text == "Streamly"} == {"ORG"}
    store.undo("Streamly")
    assert store.apply(cache.get(analysis.article, analysis.model)).mentions == analysis.mentions


def test_the_corrections_command(store):
    def run(*argv):
        out, err = io.StringIO(), io.StringIO()
        return corrections_main(list(argv), out, err), out.getvalue(), err.getvalue()

    assert run("set", "Streamly", "org") == (0, "Streamly: Organisations (ORG)\n", "")
    assert run("ignore", "the Moon") == (0, "the Moon: not an entity\n", "")
    assert run("list") == (0, "Streamly: Organisations (ORG)\nthe Moon: not an entity\n", "")
    code, _out, err = run("set", "Streamly", "COMPANY")
    assert code == 1 and err.count("\n") == 1 and "not an entity type" in err
    assert run("undo", "--last") == (0, "Undone: the Moon: not an entity\n", "")
    assert run("undo", "Nobody")[0] == 1
    assert run("clear") == (0, "Forgot 1 correction(s).\n", "")


def test_analyze_json_applies_the_corrections(tmp_path):
    article = tmp_path / "deal.txt"
    article.write_text(TEXT, encoding="utf-8")
    env = dict(os.environ, ARTICLE_VIEWER_DATA_DIR=str(tmp_path / "data"))

    def analysed():
        done = subprocess.run([sys.executable, "-m", "viewer", "analyze", "--json", str(article)], cwd=ROOT,
                              env=env, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout)

    first = analysed()
    lagos = {m["label"] for m in first["mentions"] if m["text"] == "Lagos"}
    assert lagos == {"GPE"}
    subprocess.run([sys.executable, "-m", "viewer", "corrections", "set", "Lagos", "ORG"], cwd=ROOT, env=env,
                   check=True, capture_output=True, timeout=60)
    second = analysed()
    assert {m["label"] for m in second["mentions"] if m["text"] == "Lagos"} == {"ORG"}
    assert [e for e in second["entities"] if e["name"] == "Lagos"][0]["group"] == "Organisations"
