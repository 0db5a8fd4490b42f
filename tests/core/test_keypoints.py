"""Key points on real model output: whole body sentences, in order, never noise, as many as the article needs."""
from __future__ import annotations

import re

import random

import pytest

from viewer.core import keypoints
from viewer.core.analysis import Analysis
from viewer.core.article import Role
from viewer.core.boilerplate import dateline_end, is_boilerplate
from viewer.core.loaders import article_from_text
from viewer.core.pipeline import analyze

# Made-up news prose: each article below is assembled from these at random, so
# no test depends on one fixed text.
SUBJECTS = ["The city council", "The regional water board", "A group of local farmers", "The national rail operator",
            "The university's research team", "The port authority", "Several small retailers", "The health ministry"]
VERBS = ["announced a plan to expand", "warned of delays to", "raised new money for", "published a review of",
         "agreed to share the cost of", "asked the government to support", "began a public consultation on",
         "reported strong demand for"]
OBJECTS = ["the northern bus network", "flood defences along the river", "a new irrigation scheme",
           "the harbour's container terminal", "cheaper energy for schools", "a vaccine trial in rural clinics",
           "the town's ageing bridges", "broadband in remote villages"]
TAILS = ["after a year of talks with residents.", "despite rising costs this winter.",
         "which officials said would take three years.", "in a statement issued on Tuesday.",
         "as part of a wider spending review.", "following complaints from businesses."]


def sentence(rng: random.Random) -> str:
    return f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(TAILS)}"


def article_text(rng: random.Random, paragraphs: int, per_paragraph: int,
                 title: str = "Council backs new transport plan") -> str:
    body = [" ".join(sentence(rng) for _ in range(per_paragraph)) for _ in range(paragraphs)]
    return "\n\n".join([title, *body])


def analysed(nlp, text: str) -> Analysis:
    return analyze(article_from_text(text, source="generated.txt"), nlp)


def body_spans(analysis_text: str, article) -> list[tuple[int, int]]:
    return [(p.start, p.end) for p in article.blocks if p.role in (Role.BODY, Role.STANDFIRST)]


def test_sample_points_are_whole_body_sentences_in_order(sample_analysis, sample_path):
    from viewer.core.loaders import load

    article = load(sample_path)
    text = sample_analysis.text
    points = sample_analysis.key_points
    assert 3 <= len(points) <= 7
    assert [p.start for p in points] == sorted(p.start for p in points)
    bodies = body_spans(text, article)
    for point in points:
        assert text[point.start:point.end] == point.text
        assert any(start <= point.start and point.end <= end for start, end in bodies), point.text
        assert "\n" not in point.text
        assert not point.text.startswith("ISLAMABAD"), "the dateline is cut off the sentence"
        assert point.text != article.title and "03:48 PM" not in point.text
        assert 0.0 <= point.score <= 1.0


def test_sample_points_cover_the_story_without_repeating_it(sample_analysis):
    joined = " ".join(p.text for p in sample_analysis.key_points)
    for topic in ("invited the Japanese automobile companies", "Kuinori MATSUDA", "Karachi Industrial Park",
                  "Mobile Device Manufacturing Policy", "JICA"):
        assert topic in joined, topic
    # The standfirst is printed again as the first body sentence: only one of the two may be a point.
    assert joined.count("invited the Japanese automobile companies") == 1


def test_count_grows_with_length_from_three_to_seven(nlp):
    rng = random.Random(7)
    short = analysed(nlp, article_text(rng, paragraphs=2, per_paragraph=2))
    medium = analysed(nlp, article_text(rng, paragraphs=8, per_paragraph=3))
    long = analysed(nlp, article_text(rng, paragraphs=30, per_paragraph=4))
    counts = [len(a.key_points) for a in (short, medium, long)]
    assert counts[0] == 3
    assert counts[0] < counts[1] < counts[2] == 7
    for analysis in (short, medium, long):
        starts = [p.start for p in analysis.key_points]
        assert starts == sorted(starts)
        assert all("\n" not in p.text and p.text == analysis.text[p.start:p.end] for p in analysis.key_points)


def test_a_tiny_article_gives_what_it_has(nlp):
    analysis = analysed(nlp, "Storm warning\n\n"
                             "The coastguard told boats to stay in port until the storm passes tonight.")
    assert [p.text for p in analysis.key_points] == [
        "The coastguard told boats to stay in port until the storm passes tonight."]
    assert analysed(nlp, "Just a headline").key_points == ()


def test_a_labelled_note_and_a_line_short_of_a_full_stop_are_no_key_points(nlp):
    story = ["The coastguard told boats to stay in port until the storm passes tonight.",
             "The harbour master said the ferry to the islands would not sail before Friday morning."]
    notes = ["Rovers: Host the Comets at the harbour ground on Friday.",
             "Some of the fishing boats tied up at the quay before the storm – pictures",
             "Tested by: Jane Roe Price: 40 euros More info: the harbour office"]
    analysis = analysed(nlp, "\n\n".join(["Storm warning", story[0], notes[0], story[1], notes[1], notes[2]]))
    assert [p.text for p in analysis.key_points] == story


def test_noise_is_never_a_key_point(nlp):
    rng = random.Random(3)
    noise = [
        "By Jane Okafor, Transport Correspondent",
        "A commuter waits for a train at a station in Leeds, Britain, May 3, 2021. REUTERS/Phil Noble",
        "Read more: The ten busiest railway stations in the country and how they compare",
        "Sign up for our morning newsletter to get the day's top stories in your inbox",
        "Photo: The new trains will enter service on the northern lines next spring",
        "Copyright 2021 Example News Ltd. All rights reserved.",
        "This is the rail news you need to know this Tuesday.",
        "rail news today,rail news UK trains,new trains order,rail operators Britain",
    ]
    paragraphs = [sentence(rng) + " " + sentence(rng) for _ in range(6)]
    text = "\n\n".join(["Rail operator orders new trains", noise[0],
                        "LONDON (Reuters) - " + paragraphs[0], noise[1], *paragraphs[1:3], noise[2],
                        *paragraphs[3:], noise[6], noise[3], noise[4], noise[5], noise[7]])
    analysis = analysed(nlp, text)
    assert len(analysis.key_points) >= 3
    for point in analysis.key_points:
        assert not any(point.text in line or line in point.text for line in noise), point.text
        assert not point.text.startswith(("LONDON", "(Reuters)")), point.text


@pytest.mark.parametrize("line", [
    "By John Smith", "By Maria de la Cruz and Tom Lee", "Read more: Why prices rose", "READ MORE",
    "Follow us on Twitter for the latest news", "Click here to subscribe",
    "Workers at the plant in Detroit, Michigan, U.S., June 1, 2020. REUTERS/Rebecca Cook",
    "(Photo by Alex Wong/Getty Images)", "Image caption: Crowds gathered outside",
    "Reporting by Ana Lopez; Editing by Mark Potter", "Advertisement",
])
def test_boilerplate_lines_are_recognised(line):
    assert is_boilerplate(line)


@pytest.mark.parametrize("line", [
    "By contrast, exports rose 4% in the same period.",
    "By the end of the year the firm had hired 300 people.",
    "Copyright holders say the new law goes too far.",
    "The photo agency said its pictures had been used without permission.",
    "Subscribers to the service will pay more from March.",
])
def test_ordinary_sentences_are_not_boilerplate(line):
    assert not is_boilerplate(line)


@pytest.mark.parametrize("opening, rest", [
    ("ISLAMABAD, Sep 6 (UrduPoint / Pakistan Point News - 6th Sep, 2021 ) :", "Federal Minister met the envoy."),
    ("LONDON (Reuters) - ", "Shares rose on Monday."),
    ("NEW YORK, May 3 (AP) — ", "The company said sales fell."),
    ("(CNN) ", "A storm hit the coast overnight."),
])
def test_datelines_are_cut_off(opening, rest):
    text = opening + rest
    assert text[dateline_end(text, 0, len(text)):] == rest


def test_a_full_stop_inside_a_name_the_text_repeats_ends_no_sentence():
    text = ("Velo unveils a van\n\nVelo says that while the ID. Rover is a concept, a production version is "
            "coming. The ID. Rover is as long as a family estate. Sales start in the US. The company expects "
            "strong demand in the US. The first vans are due next year.")
    article = article_from_text(text, source="t.txt")
    body = article.blocks[1]
    # What the model gives: a break after each "ID." and after each "US."
    breaks = [m.end() for m in re.finditer(r"ID\.|US\.|coming\.|estate\.", text)]
    model_sentences, start = [(0, body.start - 2)], body.start
    for end in breaks:
        model_sentences.append((start, end))
        start = end + 1
    model_sentences.append((start, body.end))
    texts = [text[s:e] for s, e, _ in keypoints.sentence_spans(article, model_sentences)]
    assert texts[1:] == [
        "Velo says that while the ID. Rover is a concept, a production version is coming.",
        "The ID. Rover is as long as a family estate.",
        "Sales start in the US.",  # "US. The" twice, but "The" opens sentences
        "The company expects strong demand in the US.",
        "The first vans are due next year."]


def test_sentences_the_model_splits_badly_are_mended():
    text = ("Headline\n\n\"I don't underestimate the effort it will require... but this extension will help,\" "
            "she said. Profits reached £250m. Turnover for the quarter was up 4.3% to £1.97bn.")
    article = article_from_text(text, source="t.txt")
    body = article.blocks[1]
    first_end = text.index("... but") + 3
    quote_end = text.index("she said.") + len("she said.")
    # What a sentence splitter may give: a break inside the quotation, none after "£250m."
    model_sentences = [(0, 8), (body.start, first_end), (first_end + 1, quote_end), (quote_end + 1, body.end)]
    spans = [(s, e) for s, e, _ in keypoints.sentence_spans(article, model_sentences)]
    texts = [text[s:e] for s, e in spans]
    assert texts[1].startswith("\"I don't") and texts[1].endswith("she said.")
    assert texts[2:] == ["Profits reached £250m.", "Turnover for the quarter was up 4.3% to £1.97bn."]


def test_abbreviations_do_not_end_sentences():
    text = "Headline\n\nMr. Smith met Dr. Jones in St. Louis on Jan. 5 to talk about the U.S. economy today."
    article = article_from_text(text, source="t.txt")
    body = article.blocks[1]
    cut = text.index("Smith")
    spans = keypoints.sentence_spans(article, [(0, 8), (body.start, cut - 1), (cut, body.end)])
    assert [text[s:e] for s, e, _ in spans][1:] == [text[body.start:body.end]]


def test_names_are_what_a_sentence_is_about_not_who_said_it():
    apprised = "Furthermore, the Minister apprised the Ambassador on Mobile Device Manufacturing Policy."
    assert keypoints.names(apprised) == {"minister", "ambassador", "mobile", "device", "manufacturing", "policy"}
    assert keypoints.names("Growth slowed in the quarter, said Paul Sheard, economist at Lehman Brothers.") == set()
    assert keypoints.names("\"It is a sign of weakness,\" said Takashi Yamanaka of UFJ Bank.") == set()


def test_wire_copy_points_cover_different_news_items(nlp):
    # One sentence per paragraph, as agencies write: the lede, then items that each
    # name something new, padded with sentences restating the lede's theme.
    paragraphs = [
        "The transport minister on Monday announced new funding for rural bus services across the north.",
        "He said the funding for rural bus services would help people in the north reach work and school.",
        "The minister also opened the new Riverside Interchange at Hexham, built on former railway land.",
        "He said rural bus services in the north needed new funding to help people reach work.",
        "The Northern Rail Partnership will run a trial of contactless fares from April.",
        "Officials said the new funding for rural bus services in the north would start this year.",
    ]
    analysis = analysed(nlp, "\n\n".join(["Minister funds rural buses", *paragraphs]))
    texts = [p.text for p in analysis.key_points]
    assert texts[0] == paragraphs[0]
    assert paragraphs[2] in texts and paragraphs[4] in texts


def test_a_sentence_that_leans_on_the_one_before_scores_lower_as_a_point_read_alone(nlp):
    leaning = ["It was the third such plan announced by the transport ministry this year, officials said.",
               "But the harbour's container terminal still needs cranes before ships can call in spring.",
               "These complaints came from shopkeepers who blame the roadworks for falling trade."]
    standing = ["The rail operator announced a plan to expand the northern bus network on Tuesday.",
                "The port authority raised new money for its fleet of tugboats and pilot vessels.",
                "Delays to flood defences along the river worried residents after a year of talks."]
    alternating = [s for pair in zip(leaning, standing, strict=True) for s in pair]
    text = "\n\n".join(["Rail operator expands bus network", *alternating])
    analysis = analysed(nlp, text)
    # The feature alone (the shipped weight is small: benchmarks/keypoints.md) ranks every standalone sentence first.
    chosen = keypoints.select(analysis.article, list(analysis.sentences), list(analysis.mentions),
                              list(analysis.entities), weights={"standalone": 1.0})
    assert sorted(p.text for p in chosen) == sorted(standing)
