"""The exports of viewer.core.export, read back as a browser, a script or a Markdown reader would."""
from __future__ import annotations

import json
import os
import re
from pathlib import Path

import html5lib
import jsonschema
import pytest

from viewer.core.analysis import Analysis, Entity, KeyPoint, Mention
from viewer.core.article import Article
from viewer.core.export import (ExportExistsError, export_file_name, key_points_text, md_escape, mention_context,
                                to_html, to_json, to_markdown, with_suffix, write_export)
from viewer.core.groups import GROUPS, LABELS, default_hidden_groups, group_of
from viewer.paths import resources_dir

NS = {"h": "http://www.w3.org/1999/xhtml"}


def parse(page: str):
    # strict: any HTML parse error fails the test instead of being silently repaired.
    return html5lib.HTMLParser(strict=True, namespaceHTMLElements=True).parse(page)


def classes(element) -> set[str]:
    return set((element.get("class") or "").split())


def text_of(element) -> str:
    return "".join(element.itertext())


def highlight_elements(tree) -> list:
    """Highlights in the article and headline, in document order (not the legend's swatches)."""
    return [e for e in tree.iter() if "mention" in classes(e) and "swatch" not in classes(e)]


def css_colours(tree) -> dict[str, str]:
    """class -> background colour of the page's light-scheme rules."""
    style = text_of(tree.find(".//h:head/h:style", NS))
    light = style.split("@media")[0]
    return dict(re.findall(r"\.(g\d+) \{ background-color: (#[0-9a-f]{6});", light))


def hostile_analysis() -> Analysis:
    text = 'A <b>bold</b> & "quoted" claim\n\nThe <Evil & Co|Ltd> met Joe | 42 "people" at <script>.'
    evil = text.index("<Evil & Co|Ltd>")
    joe = text.index("Joe")
    number = text.index("42")
    return Analysis(
        Article(source="/tmp/<odd> & name.txt", title="<script>alert('x')</script> | *Title*", date="2024-01-02",
                text=text),
        mentions=(Mention(evil, evil + 15, "ORG", "<Evil & Co|Ltd>", 0),
                  Mention(joe, joe + 3, "PERSON", "Joe", 1),
                  Mention(number, number + 2, "CARDINAL", "42", 2)),
        entities=(Entity(0, "<Evil & Co|Ltd>", "ORG", "Organisations", 0.9, 1),
                  Entity(1, "Joe", "PERSON", "People", 0.5, 1),
                  Entity(2, "42", "CARDINAL", "Numbers", 0.1, 1)),
        key_points=(KeyPoint(joe - 4, len(text), text[joe - 4:], 0.7),),
        model="test",
    )


# -- HTML --
def test_html_parses_and_highlights_every_shown_mention_in_its_group_colour(sample_analysis):
    hidden = default_hidden_groups()
    tree = parse(to_html(sample_analysis, hidden))
    shown = [m for m in sorted(sample_analysis.mentions, key=lambda m: m.start)
             if group_of(m.label).name not in hidden]
    assert shown, "the sample has highlighted mentions"
    elements = highlight_elements(tree)
    assert [text_of(e) for e in elements] == [m.text for m in shown]
    colours = css_colours(tree)
    for element, mention in zip(elements, shown, strict=True):
        group = group_of(mention.label)
        (group_class,) = {c for c in classes(element) if re.fullmatch(r"g\d+", c)}
        assert colours[group_class] == group.light, mention


def test_html_leaves_out_hidden_groups_unless_asked(sample_analysis):
    places = [m.text for m in sample_analysis.mentions if group_of(m.label).name == "Places"]
    assert places
    hidden_page = parse(to_html(sample_analysis, {"Places"}))
    highlighted = [text_of(e) for e in highlight_elements(hidden_page)]
    assert len(highlighted) == len(sample_analysis.mentions) - len(places)
    entity_rows = text_of(hidden_page.find(".//h:section[@class='entities']", NS))
    assert "Karachi Industrial Park" not in entity_rows and "Not shown: Places." in entity_rows
    # The text itself is all there, just not highlighted.
    assert "Karachi Industrial Park" in text_of(hidden_page.find(".//h:article", NS))

    full_page = parse(to_html(sample_analysis, {"Places"}, include_hidden=True))
    assert len(highlight_elements(full_page)) == len(sample_analysis.mentions)
    assert "Karachi Industrial Park" in text_of(full_page.find(".//h:section[@class='entities']", NS))


def test_html_loads_nothing_external(sample_analysis):
    page = to_html(sample_analysis, include_hidden=True)
    tree = parse(page)
    tags = {element.tag.split("}")[-1] for element in tree.iter() if isinstance(element.tag, str)}
    assert not tags & {"script", "link", "img", "iframe", "object", "embed", "video", "audio", "source", "base"}
    for element in tree.iter():
        assert element.get("src") is None
        href = element.get("href")
        assert href is None or href.startswith("#"), href
        assert not any(name.lower().startswith("on") for name in element.keys())
    styles = " ".join([text_of(s) for s in tree.iter(f"{{{NS['h']}}}style")]
                      + [e.get("style") or "" for e in tree.iter()])
    assert "@import" not in styles and "url(" not in styles
    assert "http://" not in page and "https://" not in page


def test_key_points_link_to_their_sentences(sample_analysis):
    tree = parse(to_html(sample_analysis))
    ids = {element.get("id"): element for element in tree.iter() if element.get("id")}
    items = tree.findall(".//h:section[@class='key-points']//h:li/h:a", NS)
    assert len(items) == len(sample_analysis.key_points) > 0
    for link, point in zip(items, sample_analysis.key_points, strict=True):
        assert text_of(link) == point.text
        target = ids[link.get("href")[1:]]
        assert "key-point" in classes(target)
        assert point.text in text_of(target)
        assert (target in list(tree.find(".//h:article", NS).iter())
                or target in list(tree.find(".//h:header", NS).iter()))


def test_entity_list_by_group_with_counts(sample_analysis):
    tree = parse(to_html(sample_analysis))
    rows = tree.findall(".//h:section[@class='entities']//h:tbody/h:tr", NS)
    listed = {}
    for row in rows:
        cells = row.findall("h:td", NS)
        if cells:
            listed[text_of(cells[0])] = int(text_of(cells[2]))
    expected = {e.name: e.count for e in sample_analysis.entities if e.group not in default_hidden_groups()}
    assert listed == expected


def test_everything_is_escaped():
    analysis = hostile_analysis()
    page = to_html(analysis, include_hidden=True)
    tree = parse(page)
    assert not list(tree.iter(f"{{{NS['h']}}}script"))
    assert text_of(tree.find(".//h:title", NS)) == analysis.title
    highlighted = [text_of(e) for e in highlight_elements(tree)]
    assert highlighted == ["<Evil & Co|Ltd>", "Joe", "42"]
    article = text_of(tree.find(".//h:article", NS))
    assert "The <Evil & Co|Ltd> met Joe | 42 \"people\" at <script>." in article.replace("[1] ", "")
    assert "/tmp/<odd> & name.txt" in text_of(tree.find(".//h:header", NS))


def test_empty_analysis_still_makes_a_page():
    tree = parse(to_html(Analysis(Article(source="empty.txt", text=""))))
    assert text_of(tree.find(".//h:h1", NS)) == "empty"


# -- JSON --
@pytest.fixture(scope="module")
def schema():
    return json.loads((resources_dir() / "analysis.schema.json").read_text(encoding="utf-8"))


def test_json_is_the_analysis_object_and_validates(sample_analysis, schema):
    data = json.loads(to_json(sample_analysis))
    assert data == json.loads(json.dumps(sample_analysis.to_dict()))
    jsonschema.Draft202012Validator(schema).validate(data)


def test_schema_knows_the_apps_labels_and_groups(schema):
    jsonschema.Draft202012Validator.check_schema(schema)
    assert set(schema["$defs"]["label"]["enum"]) == set(LABELS)
    assert schema["$defs"]["group"]["enum"] == [g.name for g in GROUPS]


@pytest.mark.parametrize("damage", [
    lambda d: d.pop("text"),
    lambda d: d["mentions"][0].update(label="PERSONA"),
    lambda d: d["mentions"][0].update(start=-1),
    lambda d: d["entities"][0].update(group="Animals"),
    lambda d: d.update(date="6 Sep 2021"),
    lambda d: d.update(surprise=True),
])
def test_schema_rejects_damaged_objects(sample_analysis, schema, damage):
    data = json.loads(to_json(sample_analysis))
    damage(data)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(schema).validate(data)


# -- Markdown --
def unescape(markdown: str) -> str:
    return re.sub(r"\\(.)", r"\1", markdown)


def test_markdown_has_title_source_date_key_points_and_entities(sample_analysis):
    markdown = to_markdown(sample_analysis, default_hidden_groups())
    lines = markdown.splitlines()
    assert lines[0] == f"# {sample_analysis.title}"
    assert any(unescape(line) == f"- **Source:** {sample_analysis.source}" for line in lines)
    assert f"- **Date:** {sample_analysis.article.date}" in lines
    items = [unescape(line.split(". ", 1)[1]) for line in lines if re.match(r"^\d+\. ", line)]
    assert items == [point.text for point in sample_analysis.key_points]
    rows = [line for line in lines if line.startswith("| ") and not line.startswith("| Entity")]
    assert sorted(unescape(row.split(" | ")[0][2:]) for row in rows) == sorted(e.name for e in sample_analysis.entities)


def test_markdown_escapes_pipes_and_markup():
    analysis = hostile_analysis()
    markdown = to_markdown(analysis, default_hidden_groups())
    rows = [line for line in markdown.splitlines() if line.startswith("| ") and "Mentions" not in line]
    assert len(rows) == 2  # Numbers hidden
    for row in rows:
        cells = re.split(r"(?<!\\)\|", row)[1:-1]
        assert len(cells) == 4, row
    assert sorted(unescape(row.split(" | ")[0][2:]) for row in rows) == ["<Evil & Co|Ltd>", "Joe"]
    title = markdown.splitlines()[0]
    assert "<script>" not in title and unescape(title) == f"# {analysis.title}"
    assert "42" in to_markdown(analysis, default_hidden_groups(), include_hidden=True)


@pytest.mark.parametrize("text", ["1. not a list", "- not a bullet", "# not a heading", "a_b *c* [d](e) `f`"])
def test_md_escape_keeps_text_literal(text):
    escaped = md_escape(text)
    assert unescape(escaped) == text
    assert not re.match(r"^(\d+\.|-|#) ", escaped)


# -- writing --
def test_write_export_never_replaces_without_permission(tmp_path):
    target = tmp_path / "article.html"
    target.write_text("keep me", encoding="utf-8")
    with pytest.raises(ExportExistsError):
        write_export(target, "new")
    assert target.read_text(encoding="utf-8") == "keep me"
    write_export(target, "new", overwrite=True)
    assert target.read_text(encoding="utf-8") == "new"
    assert [p.name for p in tmp_path.iterdir()] == ["article.html"], "no temporary files left behind"


@pytest.mark.skipif(not hasattr(os, "fchmod"), reason="POSIX permissions")
def test_exports_get_ordinary_permissions(tmp_path):
    fresh = tmp_path / "fresh.html"
    write_export(fresh, "x")
    umask = os.umask(0o022)
    os.umask(umask)
    assert fresh.stat().st_mode & 0o777 == 0o666 & ~umask, "readable like any file the user saves, not 0600"
    shared = tmp_path / "shared.html"
    shared.write_text("old", encoding="utf-8")
    shared.chmod(0o640)
    write_export(shared, "new", overwrite=True)
    assert shared.stat().st_mode & 0o777 == 0o640, "replacing a file keeps its permissions"


def test_file_names(sample_analysis):
    assert export_file_name(sample_analysis, "md") == Path(sample_analysis.source).stem + ".md"
    url = Analysis(Article(source="https://example.org/news/2021/big-story.html?x=1", text=""))
    assert export_file_name(url, "html") == "big-story.html"
    odd = Analysis(Article(source="/tmp/a b:c?.txt", text=""))
    assert export_file_name(odd, "json") == "a-b-c.json"
    assert with_suffix("/x/story.html", "pdf") == Path("/x/story.pdf")
    assert with_suffix("/x/story.v2", "md") == Path("/x/story.v2.md")


# -- plain text --
def test_copy_text_is_a_bulleted_list_with_title_and_source():
    article = Article(source="/news/rail.txt", text="x", title="Rail operator orders new trains",
                      site="Example News", date="2021-05-03")
    analysis = Analysis(article, key_points=(KeyPoint(0, 1, "First point.", 0.9),
                                             KeyPoint(2, 3, "Second <point>.", 0.5)))
    text = key_points_text(analysis)
    assert text.splitlines() == ["Rail operator orders new trains", "Example News, 2021-05-03",
                                 "Source: /news/rail.txt", "", "• First point.", "• Second <point>."]


def test_a_mention_is_shown_in_the_sentence_the_model_found():
    text = "Talks ended. Japan met Pakistan on Monday (in Tokyo. Really) for hours. Then lunch."
    first, second = text.index("Japan"), text.index("Then")
    # The model kept "(in Tokyo. Really)" inside the sentence: the context follows it, not the full stops.
    analysis = Analysis(Article("x.txt", text), sentences=((0, 12), (first, second - 1), (second, len(text))))
    start = text.index("Pakistan")
    assert mention_context(analysis, start, start + 8) == (
        "Japan met ", "Pakistan", " on Monday (in Tokyo. Really) for hours.")
    assert mention_context(analysis, start, start + 8, width=6) == ("…met ", "Pakistan", " on…")
    # Without sentences (an older JSON object) the sentence ends are looked for in the text.
    plain = Analysis(Article("x.txt", text))
    assert mention_context(plain, start, start + 8) == ("Japan met ", "Pakistan", " on Monday (in Tokyo.")
