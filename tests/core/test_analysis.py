"""Analysis of the sample with the real spaCy pipeline."""
from __future__ import annotations

from viewer.core.groups import group_of


def entity_named(analysis, name):
    return [e for e in analysis.entities if e.name == name]


def labels_of(analysis, surface):
    return {m.label for m in analysis.mentions if m.text == surface}


def test_key_entities_have_the_right_type(sample_analysis):
    assert "PERSON" in labels_of(sample_analysis, "Kuinori MATSUDA")
    assert labels_of(sample_analysis, "Japan") == {"GPE"}
    assert labels_of(sample_analysis, "JICA") == {"ORG"}


def test_mentions_are_spans_of_the_text(sample_analysis):
    text = sample_analysis.text
    previous_end = 0
    for mention in sorted(sample_analysis.mentions, key=lambda m: m.start):
        assert 0 <= mention.start < mention.end <= len(text)
        assert text[mention.start:mention.end] == mention.text
        assert mention.start >= previous_end, "mentions overlap"
        previous_end = mention.end
        assert 0 <= mention.entity < len(sample_analysis.entities)


def test_entities_count_their_mentions(sample_analysis):
    for entity in sample_analysis.entities:
        mentions = sample_analysis.mentions_of(entity.id)
        assert entity.count == len(mentions) > 0
        assert entity.group == group_of(entity.label).name
        assert 0.0 <= entity.salience <= 1.0


def test_key_points_are_sentences_of_the_body(sample_analysis):
    text = sample_analysis.text
    points = sample_analysis.key_points
    assert 3 <= len(points) <= 7
    assert [p.start for p in points] == sorted(p.start for p in points)
    headline_end = text.index("\n")
    for point in points:
        assert text[point.start:point.end] == point.text
        assert point.start > headline_end
        assert "\n" not in point.text  # never runs over a paragraph break
        assert len(point.text.split()) >= 6


def test_json_shape(sample_analysis):
    data = sample_analysis.to_dict()
    assert set(data) >= {"source", "title", "date", "site", "text", "mentions", "entities", "key_points",
                         "model", "seconds"}
    assert set(data["mentions"][0]) == {"start", "end", "label", "text", "entity"}
    assert set(data["entities"][0]) == {"id", "name", "label", "group", "salience", "count"}
    assert set(data["key_points"][0]) == {"start", "end", "text", "score"}
    assert [e["id"] for e in data["entities"]] == list(range(len(data["entities"])))
