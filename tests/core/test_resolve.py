"""The entity steps on fixed spans, without the language model: each rule, read and checked on its own.

Every test gives resolve() an article and the raw spans a tagger might have
produced for it, and checks the mentions and entities that come out.
"""
from __future__ import annotations

import re

import pytest

from viewer.core import entities
from viewer.core.entities import STEPS, WEIGHTS, Weights, resolve
from viewer.core.loaders import article_from_text, load


def raw(text: str, *tags: tuple[str, str] | tuple[str, str, int]) -> list[tuple[int, int, str]]:
    """Raw model spans from (surface, label[, which occurrence]) triples."""
    out = []
    for tag in tags:
        surface, label, occurrence = (*tag, 0) if len(tag) == 2 else tag
        starts = [m.start() for m in re.finditer(re.escape(surface), text)]
        out.append((starts[occurrence], starts[occurrence] + len(surface), label))
    return out


def run(text: str, *tags, weights: Weights = WEIGHTS):
    article = article_from_text(text, "fixed.txt")
    mentions, found = resolve(article, raw(article.text, *tags), [], weights=weights)
    return article.text, mentions, found


def labelled(text: str, mentions) -> list[tuple[str, str]]:
    return [(m.text, m.label) for m in mentions]


def entity_named(found, name):
    matches = [e for e in found if e.name == name]
    assert len(matches) == 1, [e.name for e in found]
    return matches[0]


def test_the_docstring_lists_the_steps_in_the_order_they_run():
    listed = re.findall(r"^\s*\d+\. ([a-z -]+):", entities.__doc__, re.MULTILINE)
    assert listed == [name for name, _step in STEPS]


def test_edges_are_repaired_and_run_on_spans_split():
    text = ("Results in brief\n\n"
            "Officials said the Leicestershire's bowlers beat the visitors at the ground on Monday.\n\n"
            "Cricket - Sri Lanka won the toss, and Somerset 83 was the score at lunch.")
    _text, mentions, _found = run(text, ("the Leicestershire's", "ORG"), ("Cricket - Sri Lanka", "GPE"),
                                  ("Somerset 83", "ORG"))
    assert labelled(text, mentions) == [("Leicestershire", "ORG"), ("Cricket", "GPE"), ("Sri Lanka", "GPE"),
                                        ("Somerset", "ORG")]


def test_a_job_and_of_opening_a_firms_name_are_cut_off_it():
    text = "Launch\n\n\"We are ready,\" said Ada Kovell, CEO and Founder of Velora Robotics Inc. She smiled."
    _text, mentions, _found = run(text, ("Ada Kovell", "PERSON"), ("Founder of Velora Robotics Inc.", "ORG"))
    assert labelled(text, mentions) == [("Ada Kovell", "PERSON"), ("Velora Robotics Inc.", "ORG")]


def test_what_cannot_be_a_name_is_dropped():
    text = ("New stadium plans\n\n"
            "The national news agency said the stadium would open in May. Stadium officials agreed.")
    _text, mentions, _found = run(text, ("national news agency", "ORG"), ("Stadium", "ORG"))
    assert mentions == []  # no capital at all; a common word the article writes in lower case


def test_a_lower_case_word_the_tagger_took_in_is_not_part_of_the_name():
    text = ("Late winner\n\n"
            "The doctor picked up the phone and rang Okafor. Then rookie Lena Marsh scored, "
            "with Mayor de Vries and Ines van der Berg watching. She won a Silver Medal.")
    _text, mentions, _found = run(text, ("rang Okafor", "PERSON"), ("rookie Lena Marsh", "PERSON"),
                                  ("de Vries", "PERSON"), ("Ines van der Berg", "PERSON"),
                                  ("a Silver Medal", "WORK_OF_ART"))
    assert labelled(text, mentions) == [("Okafor", "PERSON"), ("Lena Marsh", "PERSON"), ("de Vries", "PERSON"),
                                        ("Ines van der Berg", "PERSON"), ("Silver Medal", "WORK_OF_ART")]


def test_a_clause_the_model_misread_on_a_page_not_in_english_is_no_entity():
    text = "新製品\n\n先日、新しいiPhoneが発売されました。通常、価格は10万円です。Appleは東京にあります。"
    _text, mentions, _found = run(text, ("先日、新しいiPhoneが発売されました", "ORG"),
                                  ("通常、価格は10万円です", "ORDINAL"), ("Apple", "ORG"))
    assert labelled(text, mentions) == [("Apple", "ORG")]


def test_one_word_taken_for_a_person_only_in_a_title_case_headline_is_no_person():
    text = ("Marsh Survived Storm After Finding Shelter With Okafor\n\n"
            "The fisherman Lena Marsh spent the night in a boathouse. Okafor said little.")
    _text, mentions, _found = run(text, ("Marsh", "PERSON"), ("Survived", "PERSON"), ("Finding", "PERSON"),
                                  ("Okafor", "PERSON"), ("Lena Marsh", "PERSON"), ("Okafor", "PERSON", 1))
    assert labelled(text, mentions) == [("Marsh", "PERSON"), ("Okafor", "PERSON"), ("Lena Marsh", "PERSON"),
                                        ("Okafor", "PERSON")]


def test_a_name_run_into_a_title_case_headlines_next_word_is_cut_back_to_the_name_the_text_uses():
    text = ("Velora Bets on the Future With Launch of Streaming Service for Lena Marsh Fans\n\n"
            "Velora launched its service on Tuesday. Lena Marsh Fans, a club, cheered.")
    _text, mentions, found = run(text, ("Velora Bets", "ORG"), ("Lena Marsh Fans", "ORG"), ("Velora", "ORG", 1),
                                 ("Lena Marsh Fans", "ORG", 1))
    assert labelled(text, mentions) == [("Velora", "ORG"), ("Lena Marsh Fans", "ORG"), ("Velora", "ORG"),
                                        ("Lena Marsh Fans", "ORG")]
    assert entity_named(found, "Velora").count == 2


def test_a_name_run_into_the_next_word_of_a_title_case_section_heading_is_cut_back_too(tmp_path):
    page = tmp_path / "review.md"
    page.write_text("# Reviews Are In\n\nVelora opens to all today, and Velora costs $9.\n\n"
                    "## What Does Velora Offer?\n\nGames, mostly.\n", encoding="utf-8")
    article = load(str(page))
    tags = raw(article.text, ("Velora", "PERSON"), ("Velora", "PERSON", 1), ("Velora Offer", "PERSON"))
    mentions, found = resolve(article, tags, [])
    assert [m.text for m in mentions] == ["Velora", "Velora", "Velora"]
    assert [e.name for e in found] == ["Velora"]


def test_a_body_named_with_and_without_its_legal_form_is_one_entity_named_as_spelled():
    text = ("Results\n\nHarbor Depot reported results on Monday. Harbor Depot shares fell.\n\n"
            "HD | HARBOR DEPOT INC. | 225.86\n\nVelora Robotics Inc. and Velora Robotics signed.")
    _text, _mentions, found = run(text, ("Harbor Depot", "ORG"), ("Harbor Depot", "ORG", 1),
                                  ("HARBOR DEPOT INC.", "ORG"), ("Velora Robotics Inc.", "ORG"),
                                  ("Velora Robotics", "ORG", 1))
    assert entity_named(found, "Harbor Depot").count == 3
    assert entity_named(found, "Velora Robotics Inc.").count == 2


def test_an_acronym_only_ever_before_a_test_or_vaccine_and_a_titles_word_are_no_names():
    text = ("Clinic\n\nA PCR test and an HPV vaccine were offered, and the MHA vaccine programme began. The MHA "
            "said so. Secretary of State Jane Roe and the Minister of Finance agreed.")
    _text, mentions, _found = run(text, ("PCR", "ORG"), ("HPV", "ORG"), ("MHA", "ORG"), ("MHA", "ORG", 1),
                                  ("State", "ORG"), ("Jane Roe", "PERSON"), ("Finance", "ORG"))
    assert labelled(text, mentions) == [("MHA", "ORG"), ("MHA", "ORG"), ("Jane Roe", "PERSON")]


def test_a_name_that_begins_like_a_month_stays_a_name():
    text = ("Transfer news\n\nMayer signed for Novak's club on 6th Sep, Martin said. "
            "Octavia flew to Mars in Dec 2019.")
    _text, mentions, _found = run(text, ("Mayer", "PERSON"), ("Novak", "PERSON"), ("6th Sep", "ORG"),
                                  ("Martin", "PERSON"), ("Octavia", "PERSON"), ("Mars", "LOC"),
                                  ("Dec 2019", "ORG"))
    assert labelled(text, mentions) == [("Mayer", "PERSON"), ("Novak", "PERSON"), ("6th Sep", "DATE"),
                                        ("Martin", "PERSON"), ("Octavia", "PERSON"), ("Mars", "LOC"),
                                        ("Dec 2019", "DATE")]


def test_an_article_or_a_pronoun_split_off_a_name_is_no_name():
    text = "Advice\n\nRead The Quiet Hours, she said.\n\nLondon (Daily Wire)A calm view of markets. US stocks rose."
    _text, mentions, _found = run(text, ("The", "ORG"), ("Quiet Hours", "WORK_OF_ART"), ("A", "ORG"),
                                  ("Daily Wire", "ORG"), ("US", "GPE"))
    assert labelled(text, mentions) == [("Quiet Hours", "WORK_OF_ART"), ("Daily Wire", "ORG"), ("US", "GPE")]


def test_an_amount_takes_in_its_currency_sign():
    text = "Prices\n\nThe banks let you go $50 or US$100 into the red; a plan costs £40, or 25 euros."
    _text, mentions, _found = run(text, ("50", "MONEY"), ("100", "MONEY"), ("40", "MONEY"), ("25 euros", "MONEY"))
    assert labelled(text, mentions) == [("$50", "MONEY"), ("US$100", "MONEY"), ("£40", "MONEY"),
                                        ("25 euros", "MONEY")]


def test_ranks_split_off_a_name_are_no_person():
    text = "Hearing\n\nLawmakers questioned Lt Col Dana Reyes and Sgt Maj Ola Berg. King and Reyes left."
    _text, mentions, _found = run(text, ("Lt Col", "PERSON"), ("Dana Reyes", "PERSON"), ("Sgt Maj", "PERSON"),
                                  ("Ola Berg", "PERSON"), ("King", "PERSON"))
    assert labelled(text, mentions) == [("Dana Reyes", "PERSON"), ("Ola Berg", "PERSON"), ("King", "PERSON"),
                                        ("Reyes", "PERSON")]  # a surname that is also a title stays


def test_a_word_taken_for_a_person_right_after_an_organisation_ends_its_name():
    text = ("Contracts\n\nThe firms are Orbital Works, Harlow Martin, Vega Systems and Ford. "
            "Vega Systems Chairman Dana Reyes spoke, and Harlow staff met Reyes.")
    _text, mentions, _found = run(text, ("Orbital Works", "ORG"), ("Harlow", "ORG"), ("Martin", "PERSON"),
                                  ("Vega Systems", "ORG"), ("Ford", "ORG"), ("Vega Systems", "ORG", 1),
                                  ("Dana Reyes", "PERSON"), ("Reyes", "PERSON", 1))
    tagged = labelled(text, mentions)
    assert ("Harlow Martin", "ORG") in tagged and ("Martin", "PERSON") not in tagged
    assert ("Dana Reyes", "PERSON") in tagged and ("Reyes", "PERSON") in tagged  # no organisation before


def test_a_lower_case_word_inside_a_name_of_people_or_places_parts_two_names():
    text = ("Fight\n\nReplays showed Okafor hit Marsh twice. The Music Awards after Okafor spoke went on. "
            "Marsh thanked the Bank of America, Friends of the Earth and Médecins sans Frontières. "
            "She read Gone with the Wind on the Dell eGift Card tablet.")
    _text, mentions, _found = run(text, ("Okafor hit Marsh", "ORG"), ("Music Awards after Okafor", "ORG"),
                                  ("Bank of America", "ORG"), ("Friends of the Earth", "ORG"),
                                  ("Médecins sans Frontières", "ORG"), ("Gone with the Wind", "WORK_OF_ART"),
                                  ("Dell eGift Card", "PRODUCT"))
    surfaces = [surface for surface, _label in labelled(text, mentions)]
    assert "Okafor hit Marsh" not in surfaces and "Music Awards after Okafor" not in surfaces
    assert surfaces.count("Okafor") >= 2 and "Marsh" in surfaces and "Music Awards" in surfaces
    for kept in ("Bank of America", "Friends of the Earth", "Médecins sans Frontières", "Gone with the Wind",
                 "Dell eGift Card"):
        assert kept in surfaces


def test_an_abbreviation_keeps_its_stop():
    text = "Visit\n\nPatrick Roe Jr. flew to the U.S. at 5 p.m. and met Acme Inc. staff. Then he left."
    _text, mentions, _found = run(text, ("Patrick Roe Jr.", "PERSON"), ("U.S.", "GPE"), ("5 p.m.", "TIME"),
                                  ("Acme Inc.", "ORG"), ("left.", "ORG"))
    assert labelled(text, mentions) == [("Patrick Roe Jr.", "PERSON"), ("U.S.", "GPE"), ("5 p.m.", "TIME"),
                                        ("Acme Inc.", "ORG")]


def test_a_day_and_its_part_are_one_time_and_asked_about_is_no_part_of_a_date():
    text = ("Match\n\nThe club spoke on Monday when asked about Thursday night's game, "
            "played Tuesday evening at about 5 p.m. before Friday.")
    _text, mentions, _found = run(text, ("Monday", "DATE"), ("about Thursday night", "TIME"),
                                  ("Tuesday", "DATE"), ("evening", "TIME"), ("about 5 p.m.", "TIME"),
                                  ("Friday", "DATE"))
    assert labelled(text, mentions) == [("Monday", "DATE"), ("Thursday night", "TIME"), ("Tuesday evening", "TIME"),
                                        ("about 5 p.m.", "TIME"), ("Friday", "DATE")]


def test_a_title_or_a_position_inside_a_person_is_no_part_of_the_name():
    text = ("Roster\n\nComets QB Dana Reyes met President Ola Berg, Gov. Tom Price and Prince Harry. "
            "TJ Watt waved, and Ms Okafor and Dr. Lund spoke.")
    _text, mentions, _found = run(text, ("Comets QB Dana Reyes", "PERSON"), ("President Ola Berg", "PERSON"),
                                  ("Gov. Tom Price", "PERSON"), ("Prince Harry", "PERSON"), ("TJ Watt", "PERSON"),
                                  ("Ms Okafor", "PERSON"), ("Dr. Lund", "PERSON"))
    assert labelled(text, mentions) == [("Dana Reyes", "PERSON"), ("Ola Berg", "PERSON"), ("Tom Price", "PERSON"),
                                        ("Prince Harry", "PERSON"), ("TJ Watt", "PERSON"), ("Okafor", "PERSON"),
                                        ("Lund", "PERSON")]


def test_a_plural_after_the_taken_for_a_person_is_a_club_unless_it_is_a_family():
    text = ("Derby\n\nOn Sunday the Comets beat the Rovers. Comets coach Ada Okafor said the Okafors "
            "would celebrate, and the Democrats cheered.")
    _text, mentions, _found = run(text, ("Comets", "PERSON"), ("Rovers", "PERSON"), ("Comets", "PERSON", 1),
                                  ("Ada Okafor", "PERSON"), ("Okafors", "PERSON"), ("Democrats", "PERSON"))
    assert labelled(text, mentions) == [("Comets", "ORG"), ("Rovers", "ORG"), ("Comets", "ORG"),
                                        ("Ada Okafor", "PERSON"), ("Okafors", "PERSON"), ("Democrats", "NORP")]


def test_one_word_said_with_the_twice_is_a_club_unless_it_is_a_body_in_the_sky_or_a_persons_surname():
    text = ("Game\n\nFans cheered the Blaze, and the Blaze won. Ada Okafor scored, and the Okafor of old returned "
            "to the Okafor of now. Fans flew to the Moon and back to the Moon.")
    _text, mentions, _found = run(text, ("Blaze", "PERSON"), ("Blaze", "PERSON", 1), ("Ada Okafor", "PERSON"),
                                  ("Okafor", "PERSON", 1), ("Okafor", "PERSON", 2), ("Moon", "PERSON"),
                                  ("Moon", "PERSON", 1))
    tagged = labelled(text, mentions)
    assert tagged.count(("Blaze", "ORG")) == 2
    assert tagged.count(("Okafor", "PERSON")) == 2
    assert ("Moon", "ORG") not in tagged


def test_a_name_opened_by_a_head_word_and_of_says_what_it_is_whatever_title_comes_before():
    text = ("Smog\n\nSaid Ada Kovell, an analyst at the Lakeside-based Council on Clean Air. The Bank of Velora "
            "agreed, and ships sailed the Gulf of Velora.")
    _text, mentions, _found = run(text, ("Ada Kovell", "PERSON"), ("Council on Clean Air", "ORG"),
                                  ("Bank of Velora", "PERSON"), ("Gulf of Velora", "ORG"))
    assert labelled(text, mentions) == [("Ada Kovell", "PERSON"), ("Council on Clean Air", "ORG"),
                                        ("Bank of Velora", "ORG"), ("Gulf of Velora", "LOC")]


def test_the_people_of_a_town_the_article_names_are_a_group_not_a_person():
    text = ("Smog\n\nLondon choked on Monday. Londoners stayed in, and Bostonians cheered their club.")
    _text, mentions, _found = run(text, ("London", "GPE"), ("Londoners", "PERSON"), ("Bostonians", "ORG"))
    assert labelled(text, mentions) == [("London", "GPE"), ("Londoners", "NORP"), ("Bostonians", "ORG")]


def test_a_word_after_a_three_figure_model_number_is_the_model_but_a_plural_after_a_count_is_not():
    text = ("Orders\n\nCrashes of its popular 747 Zephyr jet worried airlines, and 300 Marines flew home.")
    _text, mentions, _found = run(text, ("Zephyr", "PERSON"), ("300", "CARDINAL"), ("Marines", "ORG"))
    assert labelled(text, mentions) == [("747 Zephyr", "PRODUCT"), ("300", "CARDINAL"), ("Marines", "ORG")]


def test_a_body_in_the_sky_a_probe_is_named_after_stays_a_body_and_a_products_model_follows_it():
    text = ("Probe\n\nThe Vela Saturn probe measured the rings. Saturn's rings are thin. The Aerion Zephyr flew, "
            "and the Zephyr landed.")
    _text, mentions, _found = run(text, ("Vela Saturn", "PRODUCT"), ("Saturn", "LOC", 1), ("Aerion Zephyr", "PRODUCT"),
                                  ("Zephyr", "PERSON", 1))
    assert labelled(text, mentions) == [("Vela Saturn", "PRODUCT"), ("Saturn", "LOC"), ("Aerion Zephyr", "PRODUCT"),
                                        ("Zephyr", "PRODUCT")]


def test_a_year_a_week_a_party_after_a_count_and_a_number_ending_a_line_make_no_model():
    text = ("Debate\n\nInto the 2020 Zephyr debate went the 12 Republicans. A 2019 Norvox sedan waited.\n\n"
            "Scores: Vell 22\n\nRowan won every Week 9 XLA game.")
    _text, mentions, _found = run(text, ("Zephyr", "ORG"), ("Republicans", "NORP"), ("Norvox", "ORG"),
                                  ("Rowan", "PERSON"), ("XLA", "ORG"))
    assert labelled(text, mentions) == [("Zephyr", "ORG"), ("Republicans", "NORP"), ("Norvox", "ORG"),
                                        ("Rowan", "PERSON"), ("XLA", "ORG")]


def test_a_company_before_its_officers_title_is_one_and_the_title_alone_is_no_name():
    text = ("Shake-up\n\nVelo-Net CEO Ada Brink will hand over to COO and president Tom Reed. Ousted Norvox "
            "CEO Ivo Strand left, and Former CEO Jane Roe stayed.")
    _text, mentions, _found = run(text, ("Ada Brink", "PERSON"), ("COO", "ORG"), ("Tom Reed", "PERSON"),
                                  ("Ivo Strand", "PERSON"), ("Jane Roe", "PERSON"))
    assert labelled(text, mentions) == [("Velo-Net", "ORG"), ("Ada Brink", "PERSON"), ("Tom Reed", "PERSON"),
                                        ("Norvox", "ORG"), ("Ivo Strand", "PERSON"), ("Jane Roe", "PERSON")]


def test_the_state_after_a_members_party_letter_is_a_place():
    text = ("Vote\n\nRep. Ada Brink (D-Minn.) and Sen. Tom Reed (R-Texas) voted no, as did Rep. Ivo Strand "
            "(D-N.Y.).")
    _text, mentions, _found = run(text, ("Ada Brink", "PERSON"), ("Tom Reed", "PERSON"), ("Ivo Strand", "PERSON"))
    tagged = labelled(text, mentions)
    assert ("Minn.", "GPE") in tagged and ("Texas", "GPE") in tagged and ("N.Y.", "GPE") in tagged


def test_a_full_name_whose_surname_is_a_person_throughout_is_that_persons():
    text = ("Fight\n\nQuarterback Ola Marsh was hit. Marsh fell, Marsh rose and Marsh spoke. "
            "Ola Marsh said so. Goldman Sachs and Sachs staff watched.")
    _text, mentions, _found = run(text, ("Ola Marsh", "ORG"), ("Marsh", "PERSON", 1), ("Marsh", "PERSON", 2),
                                  ("Marsh", "PERSON", 3), ("Ola Marsh", "ORG", 1), ("Goldman Sachs", "ORG"),
                                  ("Sachs", "PERSON", 1))
    tagged = labelled(text, mentions)
    assert [label for surface, label in tagged if surface in ("Ola Marsh", "Marsh")] == ["PERSON"] * 5
    assert ("Goldman Sachs", "ORG") in tagged  # its short name is a person once: not enough
    # A title taken for a work is no full name, even where it ends in the surname.
    text += " One placard read Make Marsh Pay."
    _text, mentions, found = run(text, ("Ola Marsh", "ORG"), ("Marsh", "PERSON", 1), ("Marsh", "PERSON", 2),
                                 ("Marsh", "PERSON", 3), ("Make Marsh", "WORK_OF_ART"))
    assert ("Make Marsh", "WORK_OF_ART") in labelled(text, mentions)
    assert "Make Marsh" not in {entity.name for entity in found if entity.label == "PERSON"}


def test_a_name_only_written_in_capitals_is_shown_as_spelled_but_an_initialism_keeps_its_capitals():
    text = "Visit\n\nMAPLE FALLS, S.D. (Gulf Wire) - The mayor flew to the U.S. capital, Washington, D.C., on Monday."
    _text, _mentions, found = run(text, ("MAPLE FALLS", "GPE"), ("S.D.", "GPE"), ("U.S.", "GPE"), ("D.C.", "GPE"))
    assert {"Maple Falls", "S.D.", "U.S.", "D.C."} <= {entity.name for entity in found}


def test_only_a_person_has_a_wife_or_children():
    text = ("Campaign\n\nOkafor spoke. Okafor said so. Critics attacked Okafor's wife and children, "
            "and Okafor answered. Brightwave's parent company and Norway's sons of the soil were quiet.")
    _text, mentions, _found = run(text, ("Okafor", "ORG"), ("Okafor", "ORG", 1), ("Okafor", "PERSON", 2),
                                  ("Okafor", "PERSON", 3), ("Brightwave", "ORG"), ("Norway", "GPE"))
    tagged = labelled(text, mentions)
    assert [label for surface, label in tagged if surface == "Okafor"] == ["PERSON"] * 4
    assert ("Brightwave", "ORG") in tagged and ("Norway", "GPE") in tagged


def test_handles_and_links_are_no_names():
    text = ("Space news\n\n"
            "Follow Dana Reyes on Twitter @danareyes. The clip is at pic.twitter.com/4p7SXk7JPW and "
            "www.example.org/news, and Wired.com ran it first. Tips go to desk@example.org.")
    text += "\n\n— Rep. Dana Reyes (@Dana) May 2, 2024. Write to Dear Ann, P.O. Box 2440, Denver."
    _text, mentions, _found = run(text, ("Dana Reyes", "PERSON"), ("Twitter @danareyes", "PERSON"),
                                  ("pic.twitter.com/4p7SXk7JPW", "PERSON"), ("www.example.org/news", "ORG"),
                                  ("Wired.com", "ORG"), ("desk@example.org", "ORG"), ("Dana", "PERSON", 2),
                                  ("P.O. Box", "PERSON"))
    # A site named in prose is the outlet's name and stays.
    assert labelled(text, mentions) == [("Dana Reyes", "PERSON"), ("Wired.com", "ORG"), ("Dana Reyes", "PERSON")]


def test_a_name_ends_before_a_trailing_slash():
    text = "Show news\n\nRiders came from Dover Saddlery/ to the finals."
    _text, mentions, _found = run(text, ("Dover Saddlery/", "FAC"))
    assert labelled(text, mentions) == [("Dover Saddlery", "FAC")]


def test_a_lone_common_word_stays_a_name_only_where_the_model_saw_one():
    text = ("Rovers win\n\nThe rovers in the park were few. Fans of Rovers cheered, and Rovers won.")
    _text, mentions, _found = run(text, ("Rovers", "ORG", 1), ("Rovers", "ORG", 0))
    # Capitalised mid-sentence ("of Rovers") the word's capital is its own, so the tagged ones stay;
    # but a word the article also writes in lower case is not copied to its untagged occurrences.
    assert [(m.start, m.label) for m in mentions] == [(0, "ORG"), (text.index("of Rovers") + 3, "ORG")]


def test_the_kicker_of_an_all_caps_headline_is_no_name():
    text = "TENNIS - HEWITT REACHES FINAL IN SYDNEY\n\nLleyton Hewitt reached the final in Sydney on Friday."
    _text, mentions, _found = run(text, ("TENNIS", "ORG"), ("Lleyton Hewitt", "PERSON"), ("Sydney", "GPE"))
    assert "TENNIS" not in {m.text for m in mentions}
    assert ("SYDNEY", "GPE") in labelled(text, mentions)  # a name tagged once is found in capitals too


def test_the_place_of_a_dateline_is_a_place_and_its_credit_is_not_a_subject():
    text = ("Port talks end\n\n"
            "MOMBASA, March 3 (Coastline Wire) - Port workers ended their strike on Tuesday, "
            "the Dockers Union said.\n\nThe Dockers Union said work would resume at once.")
    tags = (("MOMBASA", "ORG"), ("Coastline Wire", "ORG"), ("Dockers Union", "ORG"))
    _text, mentions, found = run(text, *tags)
    assert ("MOMBASA", "GPE") in labelled(text, mentions)
    assert entity_named(found, "Mombasa").label == "GPE"  # named as a name is spelled
    union, wire = entity_named(found, "Dockers Union"), entity_named(found, "Coastline Wire")
    assert wire.salience < union.salience
    # Named only as the source, its salience is cut by the credit_only factor.
    _text, _mentions, uncut = run(text, *tags, weights=Weights(credit_only=1.0))
    assert wire.salience == pytest.approx(WEIGHTS.credit_only * entity_named(uncut, "Coastline Wire").salience,
                                          abs=0.002)


def test_every_story_of_a_digest_has_its_dateline_place_and_keeps_its_other_names():
    """A text of many stories has a dateline in each (the places are taken in one pass over the spans)."""
    towns = ["MOMBASA", "KISUMU", "NAKURU", "ELDORET", "MALINDI", "GARISSA"]
    text = "Coast digest\n\n" + "\n\n".join(
        f"{town}, March {day} (Coastline Wire) - Port worker Amina Odhiambo{day} ended her strike on Tuesday."
        for day, town in enumerate(towns, start=1))
    tags = [("MOMBASA, March 1", "DATE"), ("KISUMU", "ORG"), ("ELDORET, March", "PERSON")]
    tags += [(f"Amina Odhiambo{day}", "PERSON") for day in range(1, len(towns) + 1)]
    _text, mentions, _found = run(text, *tags)
    found = labelled(text, mentions)
    assert [name for name, label in found if label == "GPE"] == towns
    assert [name for name, label in found if label == "PERSON"] == [f"Amina Odhiambo{d}" for d in range(1, 7)]
    assert not any(label == "DATE" and "MOMBASA" in name for name, label in found)


def test_an_institution_cut_short_is_completed():
    text = ("Factory plan\n\nThe Ministry of Mines and Minerals approved the plan, a spokesman said.")
    _text, mentions, _found = run(text, ("Ministry of Mines", "ORG"))
    assert labelled(text, mentions) == [("Ministry of Mines and Minerals", "ORG")]


def test_a_nationality_tagged_alone_is_not_the_start_of_a_longer_name():
    text = ("Car exports\n\nKorean carmakers met Korean Automobiles dealers. Korean exports rose.")
    _text, mentions, _found = run(text, ("Korean", "NORP"), ("Korean Automobiles", "NORP"))
    assert [m.text for m in mentions] == ["Korean", "Korean", "Korean"]


def test_a_common_word_opening_a_sentence_is_not_part_of_a_name():
    text = ("Visit\n\nThe envoy, Ines Varga, arrived on Monday and spoke later. Later Varga met the press.")
    _text, mentions, found = run(text, ("Ines Varga", "PERSON"), ("Later Varga", "PERSON"))
    assert labelled(text, mentions) == [("Ines Varga", "PERSON"), ("Varga", "PERSON")]
    assert entity_named(found, "Ines Varga").count == 2


def test_a_verbs_ing_form_heading_a_section_is_not_a_first_name_but_a_first_name_ending_so_is():
    text = ("Hearing\n\nIlse Varga was questioned for hours, and Irving Okoro spoke.\n\n"
            "2. Questioning Varga's judgment\n\nThe panel agreed. Irving Okoro left.")
    _text, mentions, found = run(text, ("Ilse Varga", "PERSON"), ("Irving Okoro", "PERSON"),
                                 ("Questioning Varga", "PERSON"), ("Irving Okoro", "PERSON", 1))
    assert labelled(text, mentions) == [("Ilse Varga", "PERSON"), ("Irving Okoro", "PERSON"), ("Varga", "PERSON"),
                                        ("Irving Okoro", "PERSON")]
    assert entity_named(found, "Ilse Varga").count == 2


@pytest.mark.parametrize("first, second", [("Ada Okafor", "Ola Okafor"), ("Ola Okafor", "Ada Okafor")])
def test_a_surname_joins_the_first_named_of_two_full_names_as_long_whatever_the_hash_order(first, second):
    text = f"Visit\n\n{first} arrived, then {second}. Okafor spoke, and Okafor left."
    _text, _mentions, found = run(text, (first, "PERSON"), (second, "PERSON"), ("Okafor", "PERSON", 2),
                                  ("Okafor", "PERSON", 3))
    assert entity_named(found, first).count == 3
    assert entity_named(found, second).count == 1


def test_a_band_named_with_and_without_the_is_one_entity():
    text = ("Tour\n\nThe tour of The Velvet Owls starts in May. Velvet Owls fans cheered, and The Velvet Owls "
            "added dates.")
    _text, _mentions, found = run(text, ("The Velvet Owls", "ORG"), ("Velvet Owls", "ORG", 1),
                                  ("The Velvet Owls", "ORG", 1))
    assert entity_named(found, "The Velvet Owls").count == 3


def test_a_first_name_that_is_also_a_word_stays_in_the_middle_of_a_sentence():
    text = ("Probe report\n\nThe will of the team was clear, said the report by Will Okoro on Monday.")
    _text, mentions, _found = run(text, ("Will Okoro", "PERSON"))
    assert labelled(text, mentions) == [("Will Okoro", "PERSON")]


def test_a_name_tagged_once_is_tagged_everywhere_with_one_type():
    text = ("Plant opens\n\nOfficials of Halvorsen Marine met in Bergen. Halvorsen Marine will hire 200 people. "
            "HALVORSEN MARINE shares rose.")
    _text, mentions, found = run(text, ("Halvorsen Marine", "ORG"), ("Bergen", "GPE"))
    company = entity_named(found, "Halvorsen Marine")
    assert company.count == 3 and company.label == "ORG"
    assert {m.text for m in mentions if m.entity == company.id} == {"Halvorsen Marine", "HALVORSEN MARINE"}


def test_initials_and_titles_make_a_person():
    text = ("Envoys meet\n\nJ. Okonkwo met the Ambassador of Ghana to Peru, Kofi Mensah, in Lima. "
            "Lima officials welcomed them.")
    _text, mentions, _found = run(text, ("J. Okonkwo", "ORG"), ("Kofi Mensah", "GPE"), ("Lima", "GPE"))
    tagged = dict(labelled(text, mentions))
    assert tagged["J. Okonkwo"] == "PERSON"
    assert tagged["Kofi Mensah"] == "PERSON"
    assert tagged["Lima"] == "GPE"


def test_a_place_with_a_score_in_a_results_line_is_a_team():
    text = "Results\n\nKilkenny 22 Wexford 11\n\nThe teams meet again in Wexford next year."
    _text, mentions, _found = run(text, ("Kilkenny", "GPE"), ("Wexford", "GPE"))
    assert labelled(text, mentions)[0] == ("Kilkenny", "ORG")


def test_a_name_ending_in_a_legal_form_is_an_organisation_and_so_is_its_short_name():
    text = ("Deal agreed\n\nVantor Holdings Ltd agreed to buy the plant. Vantor said the deal would close soon.")
    _text, mentions, found = run(text, ("Vantor Holdings Ltd", "PERSON"), ("Vantor", "PERSON", 1))
    assert labelled(text, mentions) == [("Vantor Holdings Ltd", "ORG"), ("Vantor", "ORG")]
    company = entity_named(found, "Vantor Holdings Ltd")
    assert company.count == 2  # the short name is the same company


def test_every_mention_votes_and_the_weights_decide():
    # Tagged ORG in a line of capitals (where word shapes mislead the model), GPE once in running text.
    text = "TALKS IN VALDORIA END\n\nTalks in Valdoria ended on Monday. Valdoria said it would sign."
    tags = (("VALDORIA", "ORG"), ("Valdoria", "GPE"))
    _text, mentions, _found = run(text, *tags)
    assert [m.label for m in mentions] == ["GPE", "GPE", "GPE"]  # the untagged one is copied too
    # With a mention in capitals counting three times as much, the capitals win the vote.
    _text, mentions, _found = run(text, *tags, weights=Weights(caps_line=3.0))
    assert {m.label for m in mentions} == {"ORG"}


def test_a_surname_takes_the_type_of_the_full_name():
    text = ("Court ruling\n\nJudge Amara Diallo ruled on Monday. Diallo said the case was closed. "
            "Diallo left the court.")
    _text, mentions, found = run(text, ("Amara Diallo", "PERSON"), ("Diallo", "GPE", 1), ("Diallo", "ORG", 2))
    assert {m.label for m in mentions} == {"PERSON"}
    person = entity_named(found, "Amara Diallo")
    assert person.count == 3


def test_an_untagged_first_name_after_a_comma_joins_the_person():
    text = ("Minister visits\n\nThe Minister for Ports, Makena Wanjiru Otieno visited the harbour.")
    _text, mentions, _found = run(text, ("Wanjiru Otieno", "PERSON"))
    assert labelled(text, mentions) == [("Makena Wanjiru Otieno", "PERSON")]


def test_a_long_form_and_a_short_form_are_one_entity_named_by_the_long_one():
    text = ("Okafor wins\n\nHelen Okafor won the vote. Okafor thanked her party. Okafor will serve four years.")
    _text, mentions, found = run(text, ("Okafor", "PERSON"), ("Helen Okafor", "PERSON"))
    person = entity_named(found, "Helen Okafor")
    assert person.count == 4  # the headline's surname and both later ones
    assert found[0] is person  # in the headline and the lede: the most salient


def test_dates_and_numbers_keep_their_spans_and_do_not_vote():
    text = "Budget day\n\nThe budget of 12 billion was approved on Monday, 3 March, by 45 votes."
    _text, mentions, _found = run(text, ("12 billion", "MONEY"), ("Monday, 3 March", "DATE"), ("45", "CARDINAL"))
    assert labelled(text, mentions) == [("12 billion", "MONEY"), ("Monday, 3 March", "DATE"), ("45", "CARDINAL")]


def test_no_spans_give_no_entities():
    text = "Quiet day\n\nNothing happened."
    assert run(text)[1:] == ([], [])


def test_a_long_form_of_a_body_never_names_the_short_ones():
    text = ("Watchdog report\n\nOrvana's Office of the Inspector General faulted the agency on Monday. "
            "Orvana said it would reply. Orvana staff were told on Tuesday, and Orvana will answer soon.")
    _text, mentions, found = run(text, ("Orvana's Office of the Inspector General", "ORG"), ("Orvana", "ORG", 1),
                                 ("Orvana", "ORG", 2))
    agency = entity_named(found, "Orvana")
    assert agency.count == 4 and agency.label == "ORG"
    office = entity_named(found, "Office of the Inspector General")
    assert office.count == 1 and office.id != agency.id


def test_a_possessive_split_off_in_tokenised_text_leaves_no_space_on_the_name():
    text = "Deal\n\nThe deal will lift Orvana 's North American unit . Orvana said so ."
    _text, mentions, _found = run(text, ("Orvana 's North American", "ORG"), ("Orvana", "ORG", 1))
    assert [(m.text, m.end - m.start) for m in mentions][0] == ("Orvana", len("Orvana"))


@pytest.mark.parametrize("long_form, joins", [("Kestrel Group", True), ("Kestrel Holdings Ltd", True),
                                              ("Kestrel Motor", True), ("Kestrel Communications", True),
                                              ("Kestrel Web Services", False), ("Kestrel Music", False)])
def test_a_company_short_name_joins_only_a_long_form_that_is_its_own_name(long_form, joins):
    text = f"Results\n\n{long_form} reported profits on Monday. Kestrel said sales rose."
    _text, _mentions, found = run(text, (long_form, "ORG"), ("Kestrel", "ORG", 1))
    names = {e.name for e in found if e.label == "ORG"}
    assert names == ({long_form} if joins else {long_form, "Kestrel"})


def test_the_names_scored_at_the_head_of_a_game_report_are_teams_tagged_or_not():
    text = ("Round-up\n\nHawks 3, Wolves 2: Tom Reyes scored twice for the Hawks, who beat the Wolves for the "
            "third time.\n\nJune 9, July 12: the dates of the next games.")
    _text, mentions, _found = run(text, ("Hawks", "NORP"), ("Tom Reyes", "PERSON"), ("June 9, July 12", "DATE"))
    tagged = labelled(text, mentions)
    assert tagged.count(("Hawks", "ORG")) == 2  # the header's, and the copy in the report
    assert tagged.count(("Wolves", "ORG")) == 2  # untagged by the model, found by the header
    assert ("June", "ORG") not in tagged and ("July", "ORG") not in tagged


def test_a_town_that_wins_loses_or_is_scored_for_is_a_team_and_a_country_stays_a_place():
    text = ("Hockey\n\nTom Reyes scored twice and Leeds beat Hull on Sunday. Ana Ruiz scored for Bristol, "
            "and Bristol improved to 8-4-2. The Keepers lifted Exeter past Derby.\n\n"
            "Football\n\nFrance beat Spain 2-1 in Paris.")
    tags = [(name, "GPE") for name in ("Leeds", "Hull", "Bristol", "Exeter", "Derby", "France", "Spain", "Paris")]
    _text, mentions, _found = run(text, ("Tom Reyes", "PERSON"), ("Ana Ruiz", "PERSON"), *tags)
    tagged = dict(labelled(text, mentions))
    for team in ("Leeds", "Hull", "Bristol", "Exeter", "Derby"):
        assert tagged[team] == "ORG", team
    for place in ("France", "Spain", "Paris"):
        assert tagged[place] == "GPE", place


def test_a_one_word_name_no_gazetteer_knows_that_plays_is_a_team_wherever_it_is_named():
    text = ("Hockey\n\nAs Blaze beat Comets 4-1, Ana Ruiz scored. The Blaze led early and the Blaze's win was its "
            "fifth, and the Blaze flew home.")
    blaze = [("Blaze", "LOC", n) for n in range(4)]
    _text, mentions, _found = run(text, *blaze, ("Comets", "ORG"), ("Ana Ruiz", "PERSON"))
    assert labelled(text, mentions).count(("Blaze", "ORG")) == 4


def test_a_dateline_place_stays_a_place_where_its_name_is_also_a_team():
    text = "Results\n\nDENVER, May 3 (Reuters) - Results of the games.\n\nBoise 4, Denver 2:\n\nToledo 3, Denver 1:"
    _text, mentions, _found = run(text, ("DENVER", "GPE"))
    tagged = labelled(text, mentions)
    assert tagged[0] == ("DENVER", "GPE")
    assert ("Denver", "ORG") in tagged


def test_a_kind_of_organisation_a_platform_or_an_outlet_before_a_name_makes_it_an_organisation():
    text = ("Skincare deal\n\nSkincare company Velora is growing fast, and Velora sold more creams this year. "
            "The singer wrote on Chirper that she was happy, and her film is available on Streamly. "
            "Anna Bell told Radiowave the tour was over. She told Mark Stone she would rest and sent a message "
            "to Omar Khalil. The company Chairman Leo Park said little.")
    tags = (("Chirper", "PERSON"), ("Streamly", "GPE"), ("Radiowave", "GPE"), ("Anna Bell", "PERSON"),
            ("Mark Stone", "PERSON"), ("Omar Khalil", "PERSON"), ("Leo Park", "PERSON"))
    _text, mentions, _found = run(text, *tags)
    tagged = labelled(text, mentions)
    assert tagged.count(("Velora", "ORG")) == 2  # missed by the model, found after "company", then copied
    for organisation in ("Chirper", "Streamly", "Radiowave"):
        assert (organisation, "ORG") in tagged, organisation
    for person in ("Anna Bell", "Mark Stone", "Omar Khalil", "Leo Park"):
        assert (person, "PERSON") in tagged, person
    assert not any(surface.startswith("Chairman") for surface, _label in tagged)


def test_a_the_that_opens_a_sentence_is_no_part_of_the_name_so_the_name_is_found_again():
    text = ("Flood warnings\n\nThe Rivers Board said water would rise. Rivers Board staff worked overnight, "
            "and the editor of The Ledger agreed.")
    _text, mentions, _found = run(text, ("The Rivers Board", "ORG"), ("The Ledger", "ORG"))
    assert labelled(text, mentions) == [("Rivers Board", "ORG"), ("Rivers Board", "ORG"), ("The Ledger", "ORG")]


def test_the_last_word_of_an_organisation_after_the_is_its_short_name():
    text = ("Arrest\n\nThe Morning Clarion reported the arrest on Monday. Police told the Clarion that a knife "
            "was found. Bank of Avalon staff told Avalon police.")
    _text, mentions, _found = run(text, ("Morning Clarion", "ORG"), ("Clarion", "PERSON", 1),
                                  ("Bank of Avalon", "ORG"), ("Avalon", "PERSON", 1))
    tagged = labelled(text, mentions)
    assert ("Clarion", "ORG") in tagged
    assert ("Avalon", "PERSON") in tagged  # "Bank of Avalon" ends in another name, not its short name


def test_what_people_fly_on_is_an_airline_and_a_nationality_before_flights_stays_one():
    text = ("Flights resume\n\nSkyrova said it would resume flights on Monday. Skyrova flights were cancelled "
            "last week, and passengers on Skyrova were stranded. American flights were not affected.")
    _text, mentions, _found = run(text, ("Skyrova", "GPE"), ("American", "NORP"))
    tagged = labelled(text, mentions)
    assert tagged.count(("Skyrova", "ORG")) == 3
    assert ("American", "NORP") in tagged


def test_party_members_are_a_group_and_their_state_a_place_never_a_person():
    text = "Election\n\nVermont Democrats won the vote. Republicans said they would ask for a recount."
    _text, mentions, _found = run(text, ("Vermont Democrats", "PERSON"), ("Republicans", "PERSON"))
    assert labelled(text, mentions) == [("Vermont", "GPE"), ("Democrats", "NORP"), ("Republicans", "NORP")]


def test_a_country_or_state_named_alone_is_a_place_unless_it_is_a_first_name_in_the_article():
    text = ("Election\n\nVermont voted early, and Vermont's governor was pleased. Georgia Hale, a teacher, voted "
            "too; Georgia said the queue was short.")
    _text, mentions, _found = run(text, ("Vermont", "PERSON"), ("Vermont", "PERSON", 1), ("Georgia Hale", "PERSON"),
                                  ("Georgia", "PERSON", 1))
    tagged = labelled(text, mentions)
    assert tagged[:2] == [("Vermont", "GPE"), ("Vermont", "GPE")]
    assert ("Georgia", "PERSON") in tagged


def test_a_name_before_what_a_company_sells_or_where_people_take_to_is_an_organisation():
    text = ("Streaming\n\nThe star took to Chirper to complain about a Streamly documentary. Streamly said the "
            "film would go ahead. A Texas documentary won a prize.")
    _text, mentions, _found = run(text, ("Chirper", "PERSON"), ("Streamly", "GPE"), ("Streamly", "GPE", 1),
                                  ("Texas", "GPE"))
    tagged = labelled(text, mentions)
    assert tagged == [("Chirper", "ORG"), ("Streamly", "ORG"), ("Streamly", "ORG"), ("Texas", "GPE")]


def test_a_company_named_with_what_companies_add_to_their_names_is_named_by_its_first_word_too():
    text = "Orders\n\nSkyrova Airlines ordered 30 jets. Skyrova said deliveries would start next year."
    _text, mentions, found = run(text, ("Skyrova Airlines", "ORG"), ("Skyrova", "GPE", 1))
    assert labelled(text, mentions) == [("Skyrova Airlines", "ORG"), ("Skyrova", "ORG")]
    assert entity_named(found, "Skyrova Airlines").count == 2


def test_a_company_named_with_the_before_its_name_is_named_by_its_first_word_too():
    text = "Deal\n\nThe deal was backed by The Korvane Group. Korvane, which held a stake, said nothing."
    _text, mentions, found = run(text, ("The Korvane Group", "ORG"), ("Korvane", "PERSON", 1))
    assert labelled(text, mentions) == [("The Korvane Group", "ORG"), ("Korvane", "ORG")]
    assert entity_named(found, "The Korvane Group").count == 2


def test_one_word_in_a_list_of_organisations_is_one_too():
    text = ("Follow us\n\nFind us on Snapgram, Chirper, Vidtube and Pixly. Ann Bell, Tom Reed and Leeds "
            "were there.")
    _text, mentions, _found = run(text, ("Snapgram", "ORG"), ("Chirper", "PERSON"), ("Vidtube", "ORG"),
                                  ("Pixly", "ORG"), ("Ann Bell", "PERSON"), ("Tom Reed", "PERSON"), ("Leeds", "GPE"))
    tagged = dict(labelled(text, mentions))
    assert tagged["Chirper"] == "ORG"
    assert tagged["Tom Reed"] == "PERSON" and tagged["Leeds"] == "GPE"


def test_a_name_shaped_like_a_persons_in_a_list_of_people_is_one_too():
    text = ("Comets win\n\nLena Marsh, Tomas Brink and Ada Kovell scored for the Comets. Jon Okafor and Ivo "
            "Strand also scored.")
    _text, mentions, _found = run(text, ("Lena Marsh", "PERSON"), ("Tomas Brink", "ORG"), ("Ada Kovell", "PERSON"),
                                  ("Comets", "ORG"), ("Jon Okafor", "PERSON"), ("Ivo Strand", "GPE"))
    tagged = dict(labelled(text, mentions))
    assert tagged["Tomas Brink"] == "PERSON" and tagged["Ivo Strand"] == "PERSON"
    assert tagged["Comets"] == "ORG"


def test_a_name_after_a_person_is_no_person_unless_a_list_closed_by_and_joins_them():
    text = ("Launch\n\nBlue Arc and Jane Roe's Rocketworks were chosen. Tom Reed, Lakeside City said. "
            "Ann Bell, Harbor View and Corda Group were named too.")
    _text, mentions, _found = run(text, ("Blue Arc", "ORG"), ("Jane Roe", "PERSON"), ("Rocketworks", "ORG"),
                                  ("Tom Reed", "PERSON"), ("Lakeside City", "GPE"), ("Ann Bell", "PERSON"),
                                  ("Harbor View", "GPE"), ("Corda Group", "ORG"))
    tagged = dict(labelled(text, mentions))
    assert tagged["Blue Arc"] == "ORG"  # the person owns the next name: no list of people
    assert tagged["Lakeside City"] == "GPE"  # a comma and a clause: no list
    assert tagged["Harbor View"] == "GPE"  # one person among three names


def test_an_everyday_word_capitalised_only_by_the_start_of_a_sentence_is_no_nationality():
    text = ("Strike\n\nHarbour workers walked out on Monday, and the harbour was closed. The Republican senator "
            "said republican ideals were at stake.")
    _text, mentions, _found = run(text, ("Harbour", "NORP"), ("Republican", "NORP"))
    assert labelled(text, mentions) == [("Republican", "NORP")]


def test_the_name_before_a_town_and_its_state_in_a_listing_line_is_the_venue():
    text = ("Tour dates\n\nThe band also plays six shows.\n\nMay 2 -- Lakeside Credit Union Amphitheater, Irving, TX\n"
            "May 4 -- Grand Hall at Pier Nine, Tampa, FL\nAlso, FL fans are waiting.")
    _text, mentions, _found = run(text, ("Lakeside Credit Union", "ORG"), ("Irving", "GPE"), ("Tampa", "GPE"))
    tagged = labelled(text, mentions)
    assert ("Lakeside Credit Union Amphitheater", "FAC") in tagged
    assert ("Grand Hall at Pier Nine", "FAC") in tagged
    assert ("Irving", "GPE") in tagged and ("TX", "GPE") in tagged
    assert not any(surface.startswith("Also") for surface, _label in tagged)


def test_a_full_stop_after_a_whole_word_ends_a_name_and_a_town():
    text = ("Tour dates\n\nThe band also plays two shows.\n\nMay 2 -- Lakeside Stadium. Denver, CO\n"
            "May 4 -- Hall at St. Louis, MO\nThey met at the Brookfield Pavilion. Clarke said so.")
    _text, mentions, _found = run(text, ("Lakeside Stadium. Denver", "GPE"), ("Brookfield Pavilion. Clarke", "FAC"))
    tagged = labelled(text, mentions)
    assert ("Denver", "GPE") in tagged and ("CO", "GPE") in tagged
    assert ("Brookfield Pavilion", "FAC") in tagged and ("Clarke", "FAC") in tagged
    assert ("St. Louis", "GPE") in tagged  # an abbreviation's full stop is part of the name
    assert not any(". " in surface and "St." not in surface for surface, _label in tagged)


def test_a_country_code_is_never_taken_for_an_organisation_and_a_found_name_ends_with_its_sentence():
    text = ("Deal\n\nThe chief told US investors the deal was done. US stock prices rose. The unit was sold to "
            "telecoms company Norvox. Its shares rose, and record label Wind-Up Records and two others sued.")
    _text, mentions, _found = run(text, ("US", "GPE"), ("US", "GPE", 1))
    tagged = labelled(text, mentions)
    assert tagged.count(("US", "GPE")) == 2
    assert ("Norvox", "ORG") in tagged and ("Wind-Up Records", "ORG") in tagged


def test_a_town_and_a_capitalised_plural_after_it_are_a_club_and_the_plural_alone_is_its_short_name():
    text = ("Hockey\n\nThe Toronto Comets beat the Leeds Falcons. The Comets lead the league, and the "
            "Swiss Alps and Ohio Democrats were far from it.")
    _text, mentions, _found = run(text, ("Toronto", "GPE"), ("Comets", "NORP"), ("Leeds", "GPE"),
                                  ("Comets", "NORP", 1), ("Swiss", "NORP"), ("Alps", "LOC"), ("Ohio", "GPE"),
                                  ("Democrats", "NORP"))
    tagged = labelled(text, mentions)
    assert ("Toronto Comets", "ORG") in tagged and ("Leeds Falcons", "ORG") in tagged
    assert ("Comets", "ORG") in tagged
    assert ("Ohio", "GPE") in tagged and ("Democrats", "NORP") in tagged


def test_a_name_ending_as_events_names_end_is_an_event_and_a_town_before_olympics_is_no_club():
    text = ("Sport\n\nThe Toronto Olympics drew crowds. The Harbor Film Festival, the Velora Cup and the "
            "Lakeside Open were held too, and Norvox Series phones sold out.")
    _text, mentions, _found = run(text, ("Toronto", "GPE"), ("Harbor Film Festival", "ORG"), ("Velora Cup", "ORG"),
                                  ("Lakeside Open", "GPE"), ("Norvox Series", "ORG"))
    tagged = labelled(text, mentions)
    assert ("Toronto Olympics", "EVENT") in tagged
    assert ("Harbor Film Festival", "EVENT") in tagged and ("Velora Cup", "EVENT") in tagged
    assert ("Lakeside Open", "EVENT") in tagged
    assert ("Norvox Series", "ORG") in tagged  # "Series" ends names of products as often


def test_a_place_before_a_person_tagged_surname_is_no_club():
    text = "Theatre\n\nShe stars in the Georgia Williams play. Williams wrote it in 1944."
    _text, mentions, _found = run(text, ("Georgia", "GPE"), ("Williams", "PERSON"), ("Williams", "PERSON", 1))
    assert ("Georgia Williams", "ORG") not in labelled(text, mentions)


def test_a_job_written_just_before_a_name_makes_a_person_but_not_across_a_sentence():
    text = ("Row\n\nThe remarks of radio host Dana Vell drew protests. She was nominated for best actor. "
            "The Golden Reels said nothing.")
    _text, mentions, _found = run(text, ("Dana Vell", "ORG"), ("Golden Reels", "ORG"))
    assert labelled(text, mentions) == [("Dana Vell", "PERSON"), ("Golden Reels", "ORG")]


def test_a_job_said_of_a_name_just_after_it_makes_a_person_and_a_firm_described_stays_one():
    text = ("Hearing\n\nBoard chair Ilse Varga opened it. Tomas Brink, the former special envoy to Norway, "
            "spoke next. Corda Group, the lender to both, said nothing.")
    _text, mentions, _found = run(text, ("Ilse Varga", "ORG"), ("Tomas Brink", "ORG"), ("Corda Group", "ORG"))
    assert labelled(text, mentions) == [("Ilse Varga", "PERSON"), ("Tomas Brink", "PERSON"),
                                        ("Corda Group", "ORG")]


def test_a_name_that_says_he_or_she_of_itself_votes_for_a_person_but_less_than_a_body_outvotes_it():
    text = ("Hearing\n\nVolkmar said he had no knowledge of it. Volkmar later told the committee she tried. "
            "\"No,\" Volkmar said.\n\nNorvox said he was fired. Norvox shares fell, Norvox said, and Norvox "
            "stores shut.")
    _text, mentions, _found = run(text, ("Volkmar", "ORG"), ("Volkmar", "ORG", 1), ("Volkmar", "ORG", 2),
                                  ("Norvox", "ORG"), ("Norvox", "ORG", 1), ("Norvox", "ORG", 2),
                                  ("Norvox", "ORG", 3))
    tagged = labelled(text, mentions)
    assert tagged.count(("Volkmar", "PERSON")) == 3
    assert tagged.count(("Norvox", "ORG")) == 4


def test_an_age_after_a_name_makes_a_person_but_a_house_number_before_a_town_does_not():
    text = ("Feud\n\nThe label's owner, Brannow, 38 – who manages singers – said no. Brannow wants a deal, "
            "Brannow Media said, and Brannow Media staff agreed. Ada Vell, 41, of Leeds agreed too. "
            "The shop at Corso Velora, 15, Milan opened.")
    _text, mentions, _found = run(text, ("Brannow", "ORG"), ("Brannow", "ORG", 1), ("Brannow Media", "ORG"),
                                  ("Brannow Media", "ORG", 1), ("Ada Vell", "ORG"), ("Leeds", "GPE"),
                                  ("Corso Velora", "ORG"), ("Milan", "GPE"))
    assert labelled(text, mentions) == [("Brannow", "PERSON"), ("Brannow", "PERSON"), ("Brannow Media", "ORG"),
                                        ("Brannow Media", "ORG"), ("Ada Vell", "PERSON"), ("Leeds", "GPE"),
                                        ("Corso Velora", "ORG"), ("Milan", "GPE")]


def test_a_name_owned_by_or_posted_on_like_a_company_is_one():
    text = ("Row\n\nShopvia leaders denied claims made in a viral Chirpa post. The site owned by Shopvia "
            "said nothing, and Ohio leaders agreed.")
    _text, mentions, _found = run(text, ("Shopvia", "GPE"), ("Chirpa", "GPE"), ("Shopvia", "GPE", 1),
                                  ("Ohio", "GPE"))
    tagged = labelled(text, mentions)
    assert tagged == [("Shopvia", "ORG"), ("Chirpa", "ORG"), ("Shopvia", "ORG"), ("Ohio", "GPE")]


def test_a_name_run_into_the_day_after_it_is_cut_off_the_date():
    text = ("Letter\n\nShe posted on Chirper Tuesday that she was sorry. Memorial Day is next week; Velora "
            "Friday said sales rose, and Velora is hiring.")
    _text, mentions, _found = run(text, ("Chirper Tuesday", "DATE"), ("Memorial Day", "DATE"),
                                  ("Velora Friday", "DATE"), ("Velora", "ORG", 1))
    tagged = labelled(text, mentions)
    assert ("Chirper", "ORG") in tagged and ("Tuesday", "DATE") in tagged
    assert ("Memorial Day", "DATE") in tagged
    assert ("Velora", "ORG") in tagged and ("Friday", "DATE") in tagged


def test_a_span_of_time_written_with_a_capital_mid_sentence_is_no_date():
    text = ("Freed\n\nAustralian Ann Day was freed. King and Day flew home. Days passed before the talks, "
            "and Memorial Day came two weeks later.")
    _text, mentions, _found = run(text, ("Day", "DATE"), ("Day", "DATE", 1), ("Days", "DATE"),
                                  ("Memorial Day", "DATE"), ("two weeks later", "DATE"))
    assert labelled(text, mentions) == [("Days", "DATE"), ("Memorial Day", "DATE"), ("two weeks later", "DATE")]


def test_a_name_before_a_players_own_figures_is_a_person_tagged_or_not_and_a_teams_plural_is_not():
    text = ("Hockey\n\nAda Brink added three assists to lead Leeds. Tom Reedsen made 25 saves, and Lena Marsh "
            "stopped 22 shots. The Golden Comets had 30 shots. Ivo Strand scored twice.")
    _text, mentions, _found = run(text, ("Ada Brink", "ORG"), ("Leeds", "GPE"), ("Reedsen", "ORG"),
                                  ("Lena Marsh", "FAC"), ("Golden Comets", "ORG"))
    assert labelled(text, mentions) == [("Ada Brink", "PERSON"), ("Leeds", "GPE"), ("Tom Reedsen", "PERSON"),
                                        ("Lena Marsh", "PERSON"), ("Golden Comets", "ORG"), ("Ivo Strand", "PERSON")]


def test_a_street_address_is_a_facility_and_the_town_after_a_persons_age_a_place():
    text = ("Arrests\n\nPolice stopped Ada Brink, 29, of 1712 Lark Drive. Tom Reed, 31, of Velmont was held, "
            "and Ivo Strand, 57, of 4210 N. County Road 300E was freed. In 2019 Main Street Bank opened.")
    _text, mentions, _found = run(text, ("Ada Brink", "PERSON"), ("Lark Drive", "PERSON"), ("Tom Reed", "PERSON"),
                                  ("Velmont", "ORG"), ("Ivo Strand", "PERSON"), ("4210 N. County Road", "PERCENT"),
                                  ("Main Street Bank", "ORG"))
    assert labelled(text, mentions) == [("Ada Brink", "PERSON"), ("Lark Drive", "FAC"), ("Tom Reed", "PERSON"),
                                        ("Velmont", "GPE"), ("Ivo Strand", "PERSON"), ("N. County Road", "FAC"),
                                        ("Main Street Bank", "ORG")]


def test_a_country_taken_for_a_body_is_the_country_and_a_longer_name_keeps_its_type():
    text = ("Results\n\nJan Kral ( Slovakia ) won. A senior Estonia official spoke, and Estonia Bank said nothing.")
    _text, mentions, _found = run(text, ("Jan Kral", "PERSON"), ("Slovakia", "ORG"), ("Estonia", "ORG"),
                                  ("Estonia Bank", "ORG"))
    assert labelled(text, mentions) == [("Jan Kral", "PERSON"), ("Slovakia", "GPE"), ("Estonia", "GPE"),
                                        ("Estonia Bank", "ORG")]


def test_an_acronym_defined_beside_its_name_is_that_name_everywhere_and_one_entity_with_it():
    text = ("Transit\n\nThe Lakeside Transit Authority (LTA) met on Monday. LTA staff agreed, and the LTA said so. "
            "NVF (Norvale Veterans Fund) gave money, as NVF does. Intelligent Routing (IN) products sold well.")
    _text, mentions, found = run(text, ("Lakeside Transit Authority", "ORG"), ("LTA", "PERSON", 1),
                                 ("Norvale Veterans Fund", "ORG"), ("NVF", "GPE"), ("Intelligent Routing", "ORG"))
    tagged = labelled(text, mentions)
    assert tagged.count(("LTA", "ORG")) == 3 and tagged.count(("NVF", "ORG")) == 2
    assert not any(surface == "IN" for surface, _label in tagged)  # a word, not an acronym
    authority = entity_named(found, "Lakeside Transit Authority")
    assert authority.count == 4 and entity_named(found, "Norvale Veterans Fund").count == 3
    assert not [e for e in found if e.name in ("LTA", "NVF")]


def test_an_acronym_is_the_one_name_of_its_type_it_abbreviates_and_no_other():
    text = ("Talks\n\nThe Velmorian Republic and the Lakeside Transit Authority met. The V.R. said yes and the VR "
            "agreed; LTA staff left. NATO and Nato watched, as did the North Atlantic Treaty Organisation and the "
            "Northern Alliance Trade Office.")
    _text, mentions, found = run(text, ("Velmorian Republic", "GPE"), ("Lakeside Transit Authority", "ORG"),
                                 ("V.R.", "GPE"), ("VR", "GPE"), ("LTA", "ORG"), ("NATO", "ORG"), ("Nato", "ORG"),
                                 ("North Atlantic Treaty Organisation", "ORG"),
                                 ("Northern Alliance Trade Office", "ORG"))
    assert entity_named(found, "Velmorian Republic").count == 3
    assert entity_named(found, "Lakeside Transit Authority").count == 2
    # Two names of one type have the initials NATO: which one it stands for is not known, so it stays itself.
    assert [e.count for e in found if e.name.upper() == "NATO"] == [2]


def test_a_person_shaped_name_after_a_nationality_is_a_person_but_not_a_title_a_group_or_a_thing():
    text = ("Freed\n\nAmerican Ada Brink and Velmorian Tom Reedsen, both teachers, were freed. Velmorian Prime "
            "Minister Ivo Strand spoke, a Velmorian Roman Catholic group prayed, and Velmorian Treasury Bonds "
            "futures fell.")
    _text, mentions, _found = run(text, ("American", "NORP"), ("Ada Brink", "PERSON"), ("Velmorian", "NORP"),
                                  ("Velmorian", "NORP", 1), ("Ivo Strand", "PERSON"), ("Velmorian", "NORP", 2),
                                  ("Roman Catholic", "NORP"), ("Velmorian", "NORP", 3))
    tagged = labelled(text, mentions)
    assert ("Tom Reedsen", "PERSON") in tagged and ("Roman Catholic", "NORP") in tagged
    assert not [surface for surface, label in tagged if label == "PERSON" and surface.startswith(("Prime", "Treasury"))]


def test_a_name_said_to_be_plural_or_before_what_a_company_makes_is_a_company_but_a_pair_of_people_is_not():
    text = ("Streaming\n\nEarly says Gamevia are believers, and future Gamevia games will follow. Roe and Okafor "
            "are rivals; Okafor is calm. Asia-Pacific shares rose.")
    _text, mentions, _found = run(text, ("Gamevia", "PERSON"), ("Gamevia", "GPE", 1), ("Roe", "PERSON"),
                                  ("Okafor", "PERSON"), ("Okafor", "PERSON", 1), ("Asia-Pacific", "LOC"))
    assert labelled(text, mentions) == [("Gamevia", "ORG"), ("Gamevia", "ORG"), ("Roe", "PERSON"),
                                        ("Okafor", "PERSON"), ("Okafor", "PERSON"), ("Asia-Pacific", "LOC")]


def test_a_name_before_what_only_a_firm_has_is_a_firm_but_not_before_what_a_person_may_have():
    text = ("Oil\n\nVelora shareholders met as the Velora unit was sold. Mirova shares fell. Roe shares a photo, "
            "Okafor's shares rose, and a Brink spokeswoman spoke.")
    _text, mentions, _found = run(text, ("Velora", "PERSON"), ("Mirova", "PERSON"), ("Roe", "PERSON"),
                                  ("Okafor", "PERSON"), ("Brink", "PERSON"))
    assert labelled(text, mentions) == [("Velora", "ORG"), ("Velora", "ORG"), ("Mirova", "ORG"), ("Roe", "PERSON"),
                                        ("Okafor", "PERSON"), ("Brink", "PERSON")]


def test_an_acronym_the_model_left_untagged_or_mistyped_is_its_names_type_and_entity():
    text = ("Show\n\nShe will sing at the Lakeside Music Awards on Sunday. The LMAs start at eight, and the "
            "organisers of the LMAs agreed. As LN put it, tickets sold out at Lakeside Nights. "
            "BREAKING NEWS ABOUT CATS.")
    _text, mentions, found = run(text, ("Lakeside Music Awards", "ORG"), ("LN", "GPE"), ("Lakeside Nights", "ORG"))
    tagged = labelled(text, mentions)
    assert tagged.count(("LMAs", "EVENT")) == 2 and ("LN", "ORG") in tagged
    assert entity_named(found, "Lakeside Music Awards").count == 3 and entity_named(found, "Lakeside Nights").count == 2
    assert not [surface for surface, _label in tagged if surface in ("NEWS", "CATS")]


def test_an_age_is_a_number_not_a_date():
    text = ("Court\n\nA 43-year-old man and Ada Brink, 38, of Velmont were charged on Monday; a 55-year old woman "
            "was freed in 2019, 38 days later.")
    _text, mentions, _found = run(text, ("43-year-old", "DATE"), ("Ada Brink", "PERSON"), ("38", "DATE"),
                                  ("Velmont", "GPE"), ("Monday", "DATE"), ("55-year old", "DATE"), ("2019", "DATE"),
                                  ("38 days later", "DATE"))
    assert labelled(text, mentions) == [("43-year-old", "CARDINAL"), ("Ada Brink", "PERSON"), ("38", "CARDINAL"),
                                        ("Velmont", "GPE"), ("Monday", "DATE"), ("55-year old", "CARDINAL"),
                                        ("2019", "DATE"), ("38 days later", "DATE")]


def test_a_name_the_text_puts_where_a_place_goes_before_a_kind_of_place_is_a_place():
    text = ("Raid\n\nTroops raided a position in Velmor area of Kesh, and farmers in Arvo county fled to a "
            "Velmorian village.")
    _text, mentions, _found = run(text, ("Velmor", "ORG"), ("Kesh", "GPE"), ("Arvo", "PERSON"),
                                  ("Velmorian", "NORP"))
    assert labelled(text, mentions) == [("Velmor", "GPE"), ("Kesh", "GPE"), ("Arvo", "GPE"), ("Velmorian", "NORP")]


def test_a_name_written_with_and_without_a_space_is_one_entity():
    text = "Results\n\nVelora Net posted a profit. VeloraNet said sales rose, and Velora Net shares gained."
    _text, _mentions, found = run(text, ("Velora Net", "ORG"), ("VeloraNet", "ORG"), ("Velora Net", "ORG", 1))
    assert [(e.name, e.count) for e in found if e.label == "ORG"] == [("Velora Net", 3)]


def test_a_nationality_and_its_plural_are_one_entity():
    text = "Talks\n\nVelmorian troops left. Velmorians voted on Sunday, and Velmorian leaders agreed."
    _text, _mentions, found = run(text, ("Velmorian", "NORP"), ("Velmorians", "NORP"), ("Velmorian", "NORP", 1))
    assert [(e.name, e.count) for e in found if e.label == "NORP"] == [("Velmorian", 3)]


def test_a_lone_word_taken_for_a_person_takes_its_plurals_type():
    text = ("Awards night\n\nShe won a Lumen for the film. The Lumens are given each May, and a second Lumen "
            "went to Ola Marsh.")
    _text, mentions, found = run(text, ("Lumen", "PERSON"), ("Lumens", "ORG"), ("Lumen", "PERSON", 1),
                                 ("Ola Marsh", "PERSON"))
    labels = {m.text: m.label for m in mentions}
    assert labels["Lumen"] == labels["Lumens"] == "ORG"
    assert entity_named(found, "Lumen").count == 3


def test_people_and_places_whose_plural_is_another_name_stay_apart():
    text = ("Talks\n\nMr Dams said the film would win. Dam's pick was another. Joss Stone sang; Stone then "
            "joined the Stones. Adam met Ola Adams in America, then toured the Americas.")
    tags = (("Dams", "PERSON"), ("Dam", "ORG"), ("Joss Stone", "PERSON"), ("Stone", "PERSON", 1),
            ("Stones", "ORG"), ("Adam", "PERSON"), ("Ola Adams", "PERSON"), ("America", "GPE"),
            ("Americas", "LOC"))
    _text, mentions, found = run(text, *tags)
    labels = {m.text: m.label for m in mentions}
    assert labels["Dams"] == "PERSON" and labels["Stone"] == "PERSON"
    assert {e.name for e in found} >= {"Dams", "Stones", "Joss Stone", "Adam", "Ola Adams", "America", "Americas"}


def test_a_company_and_its_web_address_are_one_entity_where_the_text_names_both():
    text = ("Books online\n\nThe tool links to Velora.com when it finds a book. Rivals fear it favours Velora, "
            "and Quillsy.com said so.")
    _text, _mentions, found = run(text, ("Velora.com", "ORG"), ("Velora", "ORG", 1), ("Quillsy.com", "ORG"))
    assert entity_named(found, "Velora").count == 2  # named as the company, not its address
    assert entity_named(found, "Quillsy.com").count == 1  # named only by its address: left as it is


def test_an_acronym_may_leave_out_a_countrys_abbreviation_before_the_name():
    text = ("Probe\n\nThe US Velora Exchange Commission said on Monday it would look again. The VEC has asked "
            "for papers, and the U.K. Office for Lakeside Statistics (OLS) agreed.")
    _text, _mentions, found = run(text, ("US Velora Exchange Commission", "ORG"), ("VEC", "ORG"),
                                  ("U.K. Office for Lakeside Statistics", "ORG"), ("OLS", "ORG"))
    assert [(e.name, e.count) for e in found if e.label == "ORG"] == [("US Velora Exchange Commission", 2),
                                                                      ("U.K. Office for Lakeside Statistics", 2)]


def test_a_tables_column_headings_are_no_names_unless_the_text_names_them(tmp_path):
    page = tmp_path / "poll.html"
    page.write_text(
        "<html><body><article><h1>Governor's race tightens</h1>"
        "<p>Jane Roe leads Joe Bloggs by three points in the latest surveys of the race for governor, "
        "with a month of campaigning left before the vote.</p>"
        "<table><tr><th>Pollster</th><th>Jane Roe</th><th>Joe Bloggs</th></tr>"
        "<tr><td>Harbor Survey</td><td>48%</td><td>45%</td></tr>"
        "<tr><td>Castell Research</td><td>47%</td><td>46%</td></tr></table>"
        "<table><tr><td>Turnout</td><td>2019</td></tr><tr><td>Counties</td><td>32</td></tr></table>"
        "</article></body></html>", encoding="utf-8")
    article = load(str(page))
    text = article.text
    mentions, _found = resolve(article, raw(text, ("Pollster", "ORG"), ("Jane Roe", "PERSON", 1),
                                            ("Joe Bloggs", "PERSON", 1), ("Harbor Survey", "ORG"),
                                            ("Turnout", "ORG")), [])
    # The heading the text says nowhere else goes; the candidates the paragraph names stay (and their
    # names in the paragraph join them), as do the rows' names; a first row with a number in it heads
    # no columns ("Turnout | 2019").
    candidates = [("Jane Roe", "PERSON"), ("Joe Bloggs", "PERSON")]
    assert labelled(text, mentions) == candidates + candidates + [("Harbor Survey", "ORG"), ("Turnout", "ORG")]


def test_a_number_no_year_has_is_no_date():
    text = ("Standings\n\nRenwick leads with 5040 points, after his win in 2019 and two more since 1998.\n\n"
            "Police searched a garage behind 2134 Elm Street on Monday, and left at 2200 GMT.")
    _text, mentions, _found = run(text, ("5040", "DATE"), ("2019", "DATE"), ("1998", "DATE"), ("2134", "DATE"),
                                  ("Monday", "DATE"), ("2200", "DATE"))
    assert labelled(text, mentions) == [("5040", "CARDINAL"), ("2019", "DATE"), ("1998", "DATE"),
                                        ("2134", "CARDINAL"), ("Elm Street", "FAC"), ("Monday", "DATE"),
                                        ("2200", "TIME")]


def test_a_hashtag_is_no_amount_date_or_count():
    text = "Sponsored\n\nThis post was paid for by Velora. #HealthyLiving #ad\n\nIt cost #5 and $40 on Monday."
    _text, mentions, _found = run(text, ("#HealthyLiving #", "MONEY"), ("#5", "MONEY"), ("$40", "MONEY"),
                                  ("Monday", "DATE"))
    assert labelled(text, mentions) == [("#5", "MONEY"), ("$40", "MONEY"), ("Monday", "DATE")]
