"""The news layout pass: datelines, credits, all-caps and title-case lines, and the steps that read them."""
from __future__ import annotations

import pytest

from viewer.core.boilerplate import dateline_end
from viewer.core.loaders import article_from_text, load
from viewer.core.ner_case import model_text
from viewer.core.news_layout import dateline_at, is_caps_line, is_title_case_line, read_layout


def span_text(text, span):
    return None if span is None else text[span[0]:span[1]]


@pytest.mark.parametrize("opening, place, credit", [
    ("MOMBASA, March 3 (Coastline Wire) - ", "MOMBASA", "Coastline Wire"),
    ("NEW YORK, May 3 (AP) — ", "NEW YORK", "AP"),
    ("KARLSTAD (Nordic Wire) - ", "KARLSTAD", "Nordic Wire"),
    ("ROCHESTER, N.Y. — ", "ROCHESTER", None),  # a state's abbreviation after the comma shows a place
    ("SIOUX CITY, Iowa – ", "SIOUX CITY", None),
    ("MAPLE FALLS, S.D. – ", "MAPLE FALLS", None),
    ("AUSTIN, TX (Gulf Wire) — ", "AUSTIN", "Gulf Wire"),
    ("PERTH, Australia — ", "PERTH", None),
    ("(Channel 9) — ", None, "Channel 9"),
    ("WASHINGTON—", None, None),
])
def test_datelines_are_read_with_their_place_credit_and_story_start(opening, place, credit):
    text = opening + "The harbour reopened on Monday after a week of storms."
    dateline = dateline_at(text, 0, len(text))
    assert dateline is not None
    assert span_text(text, dateline.place) == place
    assert span_text(text, dateline.credit) == credit
    assert text[dateline.story_start:] == "The harbour reopened on Monday after a week of storms."


def test_a_dateline_on_a_line_of_its_own_names_its_place():
    text = "TAMPERE 2019-06-30"
    dateline = dateline_at(text, 0, len(text))
    assert span_text(text, dateline.place) == "TAMPERE"
    assert dateline.story_start == 0  # nothing of a story follows it


@pytest.mark.parametrize("sentence", [
    "US-German carmaker Voltwerk sold 2% more cars last year.",  # a compound, not a dateline
    "NASA said on Monday that the probe had landed.",  # an acronym opening a sentence
    "By contrast, exports rose 4% in the same period.",
    "The UN, which met on Monday, agreed.",
])
def test_ordinary_sentences_have_no_dateline(sentence):
    assert dateline_at(sentence, 0, len(sentence)) is None
    assert dateline_end(sentence, 0, len(sentence)) == 0


def test_the_layout_of_an_article():
    text = ("HARBOUR REOPENS AFTER STORMS\n\n"
            "MOMBASA, March 3 (Coastline Wire) - The harbour reopened on Monday.\n\n"
            "Officials said ships were waiting offshore.\n\n"
            "UK")
    article = article_from_text(text, "t.txt")
    layout = read_layout(article)
    assert [span_text(text, span) for span in layout.caps_blocks] == ["HARBOUR REOPENS AFTER STORMS"]
    assert layout.in_caps(text.index("REOPENS")) and not layout.in_caps(text.index("Officials"))
    assert [span_text(text, span) for span in layout.dateline_places()] == ["MOMBASA"]
    assert [span_text(text, span) for span in layout.credits()] == ["Coastline Wire"]
    assert layout.title_case_headlines == ()


def test_a_dateline_in_the_headline_is_not_a_story_place():
    article = article_from_text("PARIS, June 2 - Talks end\n\nThe talks ended on Monday.", "t.txt")
    layout = read_layout(article)
    assert len(layout.datelines) == 1 and layout.dateline_places() == []


@pytest.mark.parametrize("line, caps, title", [
    ("SOCCER - VALDORIA BEAT RUVANIA 2-0 IN QUALIFIER", True, False),
    ("UK", False, False),  # too few letters to say
    ("Minister Invites Foreign Companies To Invest In Ports", False, True),
    ("Minister invites foreign companies to invest in ports", False, False),
])
def test_caps_and_title_case_lines(line, caps, title):
    assert is_caps_line(line) is caps
    assert is_title_case_line(line) is title


def test_the_model_reads_a_dateline_place_in_its_usual_case_and_an_acronym_as_written():
    text = ("Harbour reopens\n\n"
            "NEW YORK, May 3 (AP) — The harbour reopened on Monday, officials said.\n\n"
            "NASA said on Monday that its probe had landed.")
    recased = model_text(article_from_text(text, "t.txt"))
    assert len(recased) == len(text)
    assert "New York, May 3 (AP) — The harbour" in recased
    assert "NASA said on Monday" in recased


def test_a_section_heading_in_title_case_is_read_as_a_headline_is_and_a_sentence_case_one_is_not(tmp_path):
    page = tmp_path / "review.md"
    page.write_text("# Velora Launches Today\n\nVelora, a streaming service, opens to all on Monday.\n\n"
                    "## What Does Velora Offer?\n\nGames, mostly.\n\n## What the reviews say\n\nThey like it.\n",
                    encoding="utf-8")
    article = load(str(page))
    layout = read_layout(article)
    assert [span_text(article.text, span) for span in layout.title_case_headlines] == [
        "Velora Launches Today", "What Does Velora Offer?"]
