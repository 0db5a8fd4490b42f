"""The reader's highlights and notes: stored, edited, searched, and exported in a form note-taking apps import."""
from __future__ import annotations

import json

import html5lib
import jsonschema
import pytest
from markdown_it import MarkdownIt

from viewer.core.library import LibraryError
from viewer.core.library.notes import export_entry
from viewer.paths import resources_dir

NS = {"h": "http://www.w3.org/1999/xhtml"}
NOTE = "Check *this* against <the> annual report | page 4 & 5"


@pytest.fixture
def noted(filled_library, corpus_analyses):
    """The JICA bridge article with two highlights: one across a paragraph break with a note, one without."""
    analysis = corpus_analyses[0]
    article_id = filled_library.find(analysis.article)
    text = analysis.text
    start = text.index("$1.2 billion")
    end = text.index("Economic Relations Division") + len("Economic Relations Division")
    first = filled_library.add_highlight(article_id, start, end, NOTE)
    second_start = text.index("Hirata said")
    second = filled_library.add_highlight(article_id, second_start, second_start + len("Hirata said"))
    return filled_library, article_id, [first, second]


def plain(text: str) -> str:
    return " ".join(text.split())


def test_a_highlight_keeps_its_quote_note_and_time(noted, corpus_analyses):
    library, article_id, (first, second) = noted
    assert first.quote == corpus_analyses[0].text[first.start:first.end] and "\n\n" in first.quote
    assert first.note == NOTE and second.note == "" and first.created <= second.created
    assert library.highlights(article_id) == [first, second]
    edited = library.edit_highlight(second.id, "  a new note  ")
    assert edited.note == "a new note" and library.highlights(article_id)[1] == edited
    assert library.remove_highlight(first.id) and not library.remove_highlight(first.id)
    assert library.highlights(article_id) == [edited]
    assert library.entry(article_id).highlights == (edited,)


def test_a_highlight_must_be_in_the_text_of_a_stored_article(filled_library, corpus_analyses):
    article_id = filled_library.find(corpus_analyses[0].article)
    length = len(corpus_analyses[0].text)
    for start, end in ((5, 5), (10, 3), (-1, 4), (0, length + 1)):
        with pytest.raises(LibraryError, match="stretch of the article"):
            filled_library.add_highlight(article_id, start, end)
    with pytest.raises(LibraryError, match="no article 9999"):
        filled_library.add_highlight(9999, 0, 4)
    with pytest.raises(LibraryError, match="no highlight 9999"):
        filled_library.edit_highlight(9999, "x")
    assert filled_library.highlights(article_id) == []


def test_notes_are_searched_with_the_library(noted):
    library, article_id, _ = noted
    hits = library.search("annual report")
    assert article_id in {h.summary.id for h in hits}
    hit = next(h for h in hits if h.summary.id == article_id)
    assert hit.in_notes and {hit.snippet[s:e].casefold() for s, e in hit.marks} == {"annual", "report"}
    assert library.search("title:annual") == []  # a column of the articles only: notes are not searched by it
    assert library.search("annual", prefix_last=True)


def test_markdown_export_reads_back_as_quote_blocks_with_notes_under_them(noted):
    library, article_id, (first, second) = noted
    markdown = export_entry(library.entry(article_id), "md")
    assert markdown.startswith("# JICA funds new bridge")
    tokens = MarkdownIt().parse(markdown[markdown.index("## Highlights"):])
    quotes, notes, inside, after_quote = [], [], 0, False
    for token in tokens:
        if token.type == "blockquote_open":
            inside += 1
            quotes.append([])
        elif token.type == "blockquote_close":
            inside -= 1
            after_quote = True
        elif token.type == "inline" and inside:
            quotes[-1].append(token.children and "".join(c.content for c in token.children if c.type == "text"))
        elif token.type == "inline" and after_quote:
            notes.append("".join(c.content for c in token.children if c.type == "text"))
            after_quote = False
    assert [" ".join(q) for q in quotes] == [plain(first.quote), plain(second.quote)]
    assert notes == [NOTE]


def test_html_export_has_a_blockquote_per_highlight_and_its_note(noted):
    library, article_id, (first, second) = noted
    page = export_entry(library.entry(article_id), "html")
    tree = html5lib.HTMLParser(strict=True, namespaceHTMLElements=True).parse(page)
    section = tree.find(".//h:section[@class='highlights']", NS)
    assert section is not None and section.find("h:h2", NS).text == "Highlights"
    children = list(section)
    quotes = [c for c in children if c.tag.endswith("blockquote")]
    assert [plain(" ".join("".join(p.itertext()) for p in q)) for q in quotes] == [plain(first.quote),
                                                                                   plain(second.quote)]
    note = children[children.index(quotes[0]) + 1]
    assert note.get("class") == "highlight-note" and "".join(note.itertext()) == NOTE
    assert children[children.index(quotes[1]) + 1:] == []
    assert "<script" not in page


def test_json_export_is_the_analysis_with_its_highlights_and_validates(noted, corpus_analyses):
    library, article_id, (first, second) = noted
    data = json.loads(export_entry(library.entry(article_id), "json"))
    schema = json.loads((resources_dir() / "analysis.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(data)
    assert [(h["start"], h["end"], h["text"], h["note"]) for h in data["highlights"]] == [
        (first.start, first.end, first.quote, first.note), (second.start, second.end, second.quote, "")]
    assert all(data["text"][h["start"]:h["end"]] == h["text"] for h in data["highlights"])
    data.pop("highlights")
    assert data == json.loads(json.dumps(corpus_analyses[0].to_dict()))


def test_an_article_stored_before_its_analysis_exports_too(library, corpus_analyses):
    article_id, _ = library.add_article(corpus_analyses[5].article)
    library.add_highlight(article_id, 0, 10, "the headline")
    markdown = export_entry(library.entry(article_id), "md")
    assert "> World Bank" in markdown and "the headline" in markdown
    page = export_entry(library.entry(article_id), "html")
    html5lib.HTMLParser(strict=True).parse(page)
