"""Search and entity look-up in the library, checked against what the stored files and their analyses contain."""
from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from viewer.core.entities import NAME_LABELS
from viewer.core.library import EntityQuery, Filters
from viewer.core.library.codec import name_key
from viewer.core.library.query import as_words, query_terms, search_queries, snippet

HOSTILE_QUERIES = [
    "", " ", '"', '""', "'", "(", ")", "(((", "oil \"prices", "AND", "OR", "NOT", "Merkel AND", "OR Merkel",
    "NEAR(", "NEAR(Merkel Macron", "NEAR(Merkel Macron, x)", "*", "**", "Mer**", "^", "-Merkel", "+Merkel",
    "title:", "nosuchcolumn:Merkel", "{title text}:", ":", ".", "\\", "$1.2", "JICA's", "Merkel's", "U.S.",
    "c++", "e-mail", "covid-19", "<b>Merkel</b>", "%", "_", "\x00", "Merkel\x00Macron", "🙂", "ü", "— –",
    "[Merkel]", "{", "}", "a:b:c", "'; DROP TABLE articles; --", "Merkel)", "(Merkel", "\"Angela Merkel",
]


def words(text: str) -> set[str]:
    """The words SQLite's unicode61 tokenizer makes of plain ASCII text, case-folded."""
    return set(re.findall(r"[^\W_]+", text.casefold()))


def ids_by_word(library, analyses) -> dict[str, set[int]]:
    found: dict[str, set[int]] = {}
    for analysis in analyses:
        article_id = library.find(analysis.article)
        for word in words(analysis.text) | words(analysis.title):
            found.setdefault(word, set()).add(article_id)
    return found


def test_every_article_containing_a_word_is_found_and_no_other(filled_library, corpus_analyses):
    expected = ids_by_word(filled_library, corpus_analyses)
    assert len(expected) > 150
    for word, ids in expected.items():
        hits = filled_library.search(word, limit=100)
        assert {hit.summary.id for hit in hits} == ids, word
        assert filled_library.search_count(word) == len(ids)
        for hit in hits:  # the snippet shows the word, marked
            assert any(hit.snippet[start:end].casefold() == word for start, end in hit.marks), (word, hit.snippet)


def test_all_words_must_occur_and_phrases_operators_and_prefixes_work(filled_library, corpus_analyses):
    expected = ids_by_word(filled_library, corpus_analyses)
    both = expected["merkel"] & expected["berlin"]
    assert {h.summary.id for h in filled_library.search("Merkel Berlin")} == both
    assert {h.summary.id for h in filled_library.search("Merkel NOT Berlin")} == expected["merkel"] - both
    assert {h.summary.id for h in filled_library.search("Toulouse OR Tokyo")} == (expected["toulouse"]
                                                                                   | expected["tokyo"])
    phrase = {h.summary.id for h in filled_library.search('"Angela Merkel"')}
    assert phrase and phrase <= expected["angela"] & expected["merkel"]
    prefixed = {word for word in expected if word.startswith("bangla")}
    assert {h.summary.id for h in filled_library.search("bangla*")} == set().union(*(expected[w] for w in prefixed))
    # While typing, the last word is a prefix.
    assert {h.summary.id for h in filled_library.search("Toyo", prefix_last=True)} == expected["toyota"]
    assert filled_library.search("Toyo") == []


def test_a_title_match_ranks_first(filled_library, corpus_analyses):
    toyota = filled_library.find(next(a for a in corpus_analyses if a.title.startswith("Toyota")).article)
    assert filled_library.search("Toyota")[0].summary.id == toyota


@pytest.mark.parametrize("query", HOSTILE_QUERIES)
def test_any_query_is_answered_never_raised(filled_library, query):
    hits = filled_library.search(query)
    assert isinstance(hits, list)
    assert filled_library.search_count(query) == len(hits)
    assert isinstance(filled_library.search(query, prefix_last=True), list)


def test_an_unusable_query_is_searched_as_its_words(filled_library, corpus_analyses):
    expected = ids_by_word(filled_library, corpus_analyses)
    # Unbalanced quote: searched as the two words.
    assert {h.summary.id for h in filled_library.search('Merkel "Macron')} == expected["merkel"] & expected["macron"]
    assert {h.summary.id for h in filled_library.search("(Merkel")} == expected["merkel"]
    # A piece with punctuation inside is a phrase of its words, side by side.
    for query, pattern in (("JICA's", r"\bJICA\W+s\b"), ("$1.2", r"\b1\W+2\b")):
        holding = {library_id(filled_library, a) for a in corpus_analyses if re.search(pattern, a.text, re.I)}
        assert holding and {h.summary.id for h in filled_library.search(query)} == holding, query


def library_id(library, analysis) -> int:
    return library.find(analysis.article)


@given(st.text(max_size=40))
def test_any_text_makes_queries_that_quote_what_they_cannot_parse(text):
    queries = search_queries(text)
    assert not queries or queries[-1] == as_words(text.strip())
    if queries:
        assert re.search(r"\w", text)


def test_a_snippet_is_the_stretch_with_the_most_query_words_on_one_line():
    text = ("Opening words of the story.\n\n" + "Filler text here. " * 40
            + "Crude OIL prices rose; oil\n\nprices fell. Café owners and the oilfield. " + "More filler. " * 40)
    shown, marks = snippet(text, query_terms('oil "prices"'))
    assert shown.startswith("…") and shown.endswith("…") and "\n" not in shown
    assert [shown[s:e] for s, e in marks] == ["OIL", "prices", "oil", "prices"]
    shown, marks = snippet(text, query_terms("cafe oil*"))  # diacritics folded, a prefix
    assert {shown[s:e] for s, e in marks} == {"Café", "oil", "OIL", "oilfield"}
    shown, marks = snippet(text, query_terms("title:nothing OR NOT zzz AND NEAR(qqq)"))
    assert shown.startswith("Opening words of the story. Filler") and marks == []
    assert query_terms("title:oil NOT gas").words == {"oil", "gas"}
    assert snippet("", query_terms("oil")) == ("", [])


def test_filters_by_site_dates_and_entity(filled_library, corpus_analyses):
    by_site = filled_library.summaries(Filters(site="reuters.com"))
    assert {s.site for s in by_site} == {"reuters.com"} and len(by_site) == 2
    in_2019 = filled_library.summaries(Filters(date_from="2019-01-01", date_to="2019-12-31"))
    assert sorted(s.date for s in in_2019) == sorted(a.article.date for a in corpus_analyses
                                                     if a.article.date.startswith("2019"))
    assert filled_library.count(Filters(date_from="2020-01-20")) == sum(
        1 for a in corpus_analyses if a.article.date >= "2020-01-20")
    merkel = Filters(entity=EntityQuery.of("Merkel"))
    assert {s.id for s in filled_library.summaries(merkel)} == {
        h.summary.id for h in filled_library.search("Merkel")}
    berlin_with_merkel = filled_library.search("Berlin", merkel)
    assert [h.summary.title for h in berlin_with_merkel] == ["Merkel hosts Libya conference in Berlin"]
    assert filled_library.search("Berlin", Filters(site="dawn.com")) == []


# -- entities across articles --
def named_entities(analysis):
    for entity in analysis.entities:
        if entity.label in NAME_LABELS:
            aliases = {entity.name} | {m.text for m in analysis.mentions if m.entity == entity.id}
            yield entity, {name_key(alias) for alias in aliases}


def expected_entity_articles(library, analyses, name: str) -> dict[int, int]:
    """Article id -> mentions, worked out from the analyses alone: the name, then its entities' canonical names."""
    keys = {name_key(name)}
    keys |= {name_key(e.name) for a in analyses for e, aliases in named_entities(a) if aliases & keys}
    found: dict[int, int] = {}
    for analysis in analyses:
        for entity, aliases in named_entities(analysis):
            if aliases & keys:
                article_id = library.find(analysis.article)
                found[article_id] = found.get(article_id, 0) + entity.count
    return found


def test_an_entity_is_found_in_every_article_under_any_of_its_names(filled_library, corpus_analyses):
    names = {alias for analysis in corpus_analyses for _e, aliases in named_entities(analysis) for alias in aliases}
    assert {"jica", "merkel", "angela merkel", "japan international cooperation agency"} <= names
    for name in sorted(names):
        rows = filled_library.entity_articles(EntityQuery.of(name))
        assert {row.summary.id: row.count for row in rows} == expected_entity_articles(
            filled_library, corpus_analyses, name), name
        assert filled_library.entity_article_count(EntityQuery.of(name)) == len(rows)


def test_names_are_matched_whatever_their_case_and_article(filled_library, corpus_analyses):
    merkel = {row.summary.id for row in filled_library.entity_articles(EntityQuery.of("MERKEL"))}
    assert merkel == {row.summary.id for row in filled_library.entity_articles(EntityQuery.of("Angela Merkel"))}
    assert len(merkel) == 2
    aliases = dict(filled_library.entity_aliases(EntityQuery.of("Merkel")))
    assert aliases == {"Angela Merkel": 2, "Merkel": 2}
    agency = filled_library.entity_articles(EntityQuery.of("Japan International Cooperation Agency"))
    assert [row.summary.title for row in agency] == ["JICA funds new bridge over the Jamuna river"]


def test_each_mention_comes_with_its_sentence(filled_library, corpus_analyses):
    mentions = filled_library.entity_mentions(EntityQuery.of("Merkel"))
    by_article = {filled_library.find(a.article): a for a in corpus_analyses}
    assert len(mentions) == sum(row.count for row in filled_library.entity_articles(EntityQuery.of("Merkel")))
    for mention in mentions:
        analysis = by_article[mention.article]
        text = analysis.text[mention.start:mention.end]
        assert mention.sentence[mention.offset:mention.offset + len(text)] == text
        assert any(start <= mention.start and mention.end <= end and analysis.text[start:end] == mention.sentence
                   for start, end in analysis.sentences)
    dates = [m.date for m in mentions]
    assert dates == sorted(dates, reverse=True)


def test_entities_mentioned_with_one_and_its_timeline(filled_library, corpus_analyses):
    query = EntityQuery.of("Merkel")
    articles = [a for a in corpus_analyses if filled_library.find(a.article) in expected_entity_articles(
        filled_library, corpus_analyses, "Merkel")]
    together = filled_library.co_mentioned(query, limit=50)
    assert together and all(name_key(c.name) not in {"merkel", "angela merkel"} for c in together)
    for co in together:
        holding = [a for a in articles if any(name_key(co.name) == name_key(e.name) and e.group == co.group
                                              for e, _ in named_entities(a))]
        assert co.articles == len(holding), co
    assert [c.articles for c in together] == sorted((c.articles for c in together), reverse=True)
    assert filled_library.timeline(query) == sorted((a.article.date[:7], 1) for a in articles)
    assert filled_library.entity_groups(query) == [("People", 2)]
    assert filled_library.entity_articles(EntityQuery.of("Merkel", "Places")) == []


def test_entity_names_complete_a_prefix_then_any_part(filled_library):
    names = [n.name for n in filled_library.entity_names("mer")]
    assert "Merkel" in names and "Angela Merkel" not in names[:1]
    assert "Angela Merkel" in [n.name for n in filled_library.entity_names("merk")]
    assert [n.articles for n in filled_library.entity_names("merkel")][0] == 2
    assert filled_library.entity_names("") == [] and filled_library.entity_names("%_") == []


def test_an_unknown_entity_is_an_empty_answer(filled_library):
    for name in ("Nobody Atall", "", "%", "the"):
        query = EntityQuery.of(name)
        assert filled_library.entity_articles(query) == [] and filled_library.entity_mentions(query) == []
        assert filled_library.co_mentioned(query) == [] and filled_library.timeline(query) == []
