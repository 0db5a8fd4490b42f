"""Web pages of my own through the real loader (trafilatura) and the real model: all the article, nothing else.

Each kind of page furniture the HTML loader or the key points must recognise, and
each loss the old paragraph walker had, has a page here.
"""
from __future__ import annotations

import json
from html import escape

import pytest

from viewer.core.article import BlockKind, Role
from viewer.core.loaders import load
from viewer.core.loaders.html import article_from_html, decode_html
from viewer.core.pipeline import analyze

from ..pages import STORY, STORY_TITLE, story_html, web_page


def page_article(tmp_path, html: str, name: str = "page.html", encoding: str = "utf-8"):
    path = tmp_path / name
    path.write_bytes(html.encode(encoding) if isinstance(html, str) else html)
    return load(path)


def check_offsets(article) -> None:
    for block in article.blocks:
        assert article.text[block.start:block.end].strip() == article.text[block.start:block.end]
    for previous, block in zip(article.blocks, article.blocks[1:], strict=False):
        assert article.text[previous.end:block.start] == "\n\n"
    for link in article.links:
        assert article.text[link.start:link.end].strip()


def block_texts(article, kind: BlockKind | None = None, role: Role | None = None) -> list[str]:
    return [article.text[b.start:b.end] for b in article.blocks
            if (kind is None or b.kind == kind) and (role is None or b.role == role)]


# -- every block with its kind --
STRUCTURED = f"""<h1>{STORY_TITLE}</h1>
{story_html(STORY[:3])}
<h2>Seals and roads</h2>
{story_html(STORY[3:5])}
<ul><li>Twelve turbines in the harbour mouth<ul><li>each one eighteen metres across</li></ul></li>
<li>A new harbour wall</li></ul>
<ol><li>Planning permission from the county</li><li>A marine licence</li></ol>
<blockquote><p>This is the biggest decision the town has made in a century.</p>
— Helen Marsh (@portwennaclerk) <a href="https://social.example/clerk/1">June 6, 2024</a></blockquote>
<pre><code>turbines = 12
homes = 9000</code></pre>
<table><tr><th>Vote</th><th>Residents</th></tr><tr><td>For</td><td>5,112</td></tr>
<tr><td>Against</td><td>2,430</td></tr></table>
{story_html(STORY[5:])}"""


def test_blocks_keep_the_kinds_the_page_gives_them(tmp_path):
    article = page_article(tmp_path, web_page(STRUCTURED))
    check_offsets(article)
    assert block_texts(article, BlockKind.TITLE) == [STORY_TITLE]
    assert article.blocks[0].role == Role.HEADLINE
    assert block_texts(article, BlockKind.HEADING) == ["Seals and roads"]
    assert set(STORY) <= set(block_texts(article, BlockKind.PARAGRAPH))
    items = [(article.text[b.start:b.end], b.depth, b.ordered) for b in article.blocks
             if b.kind == BlockKind.LIST_ITEM]
    assert items == [("Twelve turbines in the harbour mouth", 0, False),
                     ("each one eighteen metres across", 1, False), ("A new harbour wall", 0, False),
                     ("Planning permission from the county", 0, True), ("A marine licence", 0, True)]
    quotes = block_texts(article, BlockKind.QUOTE)
    assert quotes[0] == "This is the biggest decision the town has made in a century."
    assert quotes[1].startswith("— Helen Marsh (@portwennaclerk)") and quotes[1].endswith("June 6, 2024")
    assert block_texts(article, BlockKind.PREFORMATTED) == ["turbines = 12 homes = 9000"]
    assert block_texts(article, BlockKind.TABLE_ROW) == ["Vote | Residents", "For | 5,112", "Against | 2,430"]


def test_text_left_loose_between_blocks_is_kept(tmp_path):
    """What the old walker dropped: an item's text before its nested list, a tweet's signature,
    text after a quotation in the same container."""
    body = (f"<h1>{STORY_TITLE}</h1>{story_html(STORY[:4])}"
            "<ul><li>The harbour wall will be rebuilt first<ul><li>then the turbines</li></ul></li></ul>"
            "<blockquote><p>We have waited thirty years for a scheme like this one in the harbour.</p>"
            "— Daniel Tremayne (@tidalcoop)</blockquote>"
            "<div><p>The count took four hours.</p>Officials said the result was clear by ten o'clock "
            "and no recount was requested by either side.</div>"
            f"{story_html(STORY[4:])}")
    article = page_article(tmp_path, web_page(body))
    check_offsets(article)
    for loose in ("The harbour wall will be rebuilt first", "— Daniel Tremayne (@tidalcoop)",
                  "Officials said the result was clear by ten o'clock and no recount was requested by either side."):
        assert loose in block_texts(article), loose
    assert all(paragraph in article.text for paragraph in STORY)


def test_code_and_quotations_inside_a_sentence_stay_in_it(tmp_path):
    line = ("To follow the count online, run <code>tidal --results</code> and type <q>show the vote</q> at the "
            "prompt, the town clerk's guide says.")
    body = (f"<h1>{STORY_TITLE}</h1>{story_html(STORY[:3])}<p>{line}</p>"
            "<ul><li>The results file is <code>vote.csv</code> in the council's archive</li></ul>"
            f"{story_html(STORY[3:])}")
    article = page_article(tmp_path, web_page(body))
    assert ("To follow the count online, run tidal --results and type show the vote at the prompt, the town "
            "clerk's guide says.") in block_texts(article, BlockKind.PARAGRAPH)
    assert "The results file is vote.csv in the council's archive" in block_texts(article, BlockKind.LIST_ITEM)


def test_a_hover_card_is_left_out_of_its_sentence(tmp_path):
    person = "https://g.example/people/ann-lee"
    sentence = (f'The local MP, <a href="{person}">Ann Lee</a><a href="{person}">Ann Lee</a>'
                '<a href="https://g.example/lee-ferry">Lee backs ferry plan | Lee visits harbour</a> '
                f'<a href="https://g.example/lee-budget">Lee questions budget</a> <a href="{person}">MORE</a> '
                '(Liberal), said the result was a victory for the whole coast.')
    body = f"<h1>{STORY_TITLE}</h1>{story_html(STORY[:3])}<p>{sentence}</p>{story_html(STORY[3:])}"
    article = page_article(tmp_path, web_page(body))
    check_offsets(article)
    assert "The local MP, Ann Lee (Liberal), said the result was a victory for the whole coast." in article.text
    assert "MORE" not in article.text and "ferry plan" not in article.text
    (link,) = [link for link in article.links if article.text[link.start:link.end] == "Ann Lee"]
    assert link.url.endswith("/people/ann-lee")


# -- characters --
def test_a_stray_byte_does_not_undo_the_declared_charset(tmp_path):
    paragraphs = [p.replace("said", "said “yes”") for p in STORY]
    data = web_page(f"<h1>{STORY_TITLE}</h1>{story_html(paragraphs)}").encode("utf-8")
    data = data.replace(b"Turnout", b"Turn\xffout", 1)  # one byte that is not UTF-8
    article = page_article(tmp_path, data)
    assert "said “yes”" in article.text  # the rest of the page is read as the UTF-8 it says it is
    assert "Turn\ufffdout" in article.text


def test_a_page_that_misstates_its_charset_is_detected(tmp_path):
    paragraphs = [p.replace("community hall", "café, the église and the théâtre") for p in STORY] * 2
    data = web_page(f"<h1>{STORY_TITLE}</h1>{story_html(paragraphs)}").encode("cp1252")
    article = page_article(tmp_path, data)  # declares UTF-8, every accent is invalid in it
    assert "café, the église and the théâtre" in article.text


@pytest.mark.parametrize("label, codec", [("iso-8859-1", "cp1252"), ("latin1", "cp1252"), ("gb2312", "gbk"),
                                          ("euc-kr", "cp949"), ("utf8", "utf-8")])
def test_charset_labels_mean_what_they_mean_to_browsers(label, codec):
    from viewer.core.loaders.html import web_encoding

    assert web_encoding(label) == codec
    assert web_encoding("no-such-charset") is None
    text = "Résumé – 5 € and “quotes”" if codec == "cp1252" else "Résumé"
    if codec in ("cp1252", "utf-8"):
        page = f'<html><head><meta charset="{label}"></head><body><p>{text}</p></body></html>'
        assert text in decode_html(page.encode(codec), "p.html")


def test_invisible_characters_are_removed_and_offsets_hold(tmp_path):
    invisible = ("The coop\u00aderative said the tur\u200bbines would be in\u2060stalled by barge, "
                 "not by road, with \ufeffno lorries on the quay.")
    body = (f"<h1>{STORY_TITLE}</h1>{story_html(STORY[:2])}<p>{invisible} See "
            f'<a href="https://coop.example/plan">the cooperative\u00ad\u2019s plan</a>.</p>{story_html(STORY[2:])}')
    article = page_article(tmp_path, web_page(body))
    check_offsets(article)
    assert ("The cooperative said the turbines would be installed by barge, not by road, with no lorries "
            "on the quay.") in article.text
    assert not set("\u00ad\u200b\u2060\ufeff") & set(article.text)
    (link,) = [link for link in article.links if link.url == "https://coop.example/plan"]
    assert article.text[link.start:link.end] == "the cooperative’s plan"


def test_invisible_characters_leave_plain_text_too(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(STORY_TITLE + "\n\n" + "The coop\u00aderative met on Thurs\u200bday.\n\n" + STORY[0],
                    encoding="utf-8")
    assert "The cooperative met on Thursday." in load(path).text


# -- the headline --
def test_the_headline_is_shown_once_without_the_site_name(tmp_path):
    before = '<p><a href="https://g.example/news">News</a></p>'
    article = page_article(tmp_path, web_page(f"{before}<h1>{STORY_TITLE}</h1>{story_html()}"))
    assert article.title == STORY_TITLE  # not "... | Portwenna Gazette"
    assert article.text.startswith(STORY_TITLE + "\n\n" + STORY[0])
    assert article.text.count(STORY_TITLE) == 1
    assert [b.role for b in article.blocks].count(Role.HEADLINE) == 1


def test_a_page_without_a_headline_in_its_text_gets_one(tmp_path):
    article = page_article(tmp_path, web_page(story_html()))
    assert article.blocks[0].role == Role.HEADLINE
    assert article.text.startswith(STORY_TITLE + "\n\n")


# -- page furniture --
FURNITURE = [
    '<p>Follow the Portwenna Gazette on <a href="https://facebook.com/pg">Facebook</a>, '
    '<a href="https://twitter.com/pg">Twitter</a> and <a href="https://instagram.com/pg">Instagram</a>.</p>',
    "<p>Sign up for our morning newsletter to get the day's top stories in your inbox.</p>",
    '<p><a href="https://twitter.com/intent/tweet?text=vote">The vote is the first of its kind. Click to tweet</a></p>',
    '<p><a href="https://gazette.example/seals">Seal numbers rise on the north coast</a></p>',
    '<h3>Related</h3><p><a href="https://g.example/a">Ferry fares to go up in September</a></p>'
    '<p><a href="https://g.example/b">Lifeboat crew honoured at the palace</a></p>',
    "<p>https://gazette.example/images/tidal-station.jpg</p>",
    "<p>2024-06-07T09:30:00+01:00</p>",
    "<p>If you enjoyed this article, please consider supporting our journalism with a donation.</p>",
]
AROUND = ["<p>Updated 10:42 GMT, 7 June 2024</p>",
          "<p>Residents queue outside the community hall in Portwenna on Thursday. REUTERS/Jane Doe</p>",
          "<p>(Reporting by Jane Holloway; editing by Tom Reed)</p>"]


def furnished_page(description: str = "") -> str:
    body = (f"<h1>{STORY_TITLE}</h1>{AROUND[0]}{story_html(STORY[:3])}{AROUND[1]}{FURNITURE[0]}"
            f"{story_html(STORY[3:6])}{FURNITURE[1]}{FURNITURE[2]}{story_html(STORY[6:9])}{FURNITURE[3]}"
            f"<table><tr><td>Turbine maker share price, pence</td><td>341.5</td><td>+2.5</td><td>+0.7%</td></tr>"
            f"<tr><td>Cooperative bond yield, per cent</td><td>4.10</td><td>-0.05</td><td>-1.2%</td></tr></table>"
            f"{story_html(STORY[9:])}{AROUND[2]}{''.join(FURNITURE[4:])}")
    return web_page(body, description=description)


def test_page_furniture_is_left_out_and_the_story_kept(tmp_path):
    article = page_article(tmp_path, furnished_page())
    check_offsets(article)
    for paragraph in STORY:
        assert paragraph in block_texts(article, role=Role.BODY)
    for line in ("Follow the Portwenna", "Sign up", "Click to tweet", "Seal numbers", "Related", "Ferry fares",
                 "tidal-station.jpg", "2024-06-07T", "If you enjoyed"):
        assert line not in article.text, line
    assert block_texts(article, BlockKind.CAPTION) == [
        "Residents queue outside the community hall in Portwenna on Thursday. REUTERS/Jane Doe"]
    around = block_texts(article, role=Role.BOILERPLATE)
    assert around == ["Updated 10:42 GMT, 7 June 2024",
                      "Residents queue outside the community hall in Portwenna on Thursday. REUTERS/Jane Doe",
                      "(Reporting by Jane Holloway; editing by Tom Reed)"]


def test_advertisement_labels_go_and_the_writers_note_stays_around_the_story(tmp_path):
    head = '<meta name="author" content="Jane Holloway">'
    body = (f"<h1>{STORY_TITLE}</h1>{story_html(STORY[:4])}"
            "<div class='ad'><p>Advertisement</p><p>Skip advertisement</p></div>"
            f"{story_html(STORY[4:8])}<p><em>Story continues below advertisement</em></p>{story_html(STORY[8:])}"
            "<p>Jane Holloway covers energy for the Portwenna Gazette.</p>")
    article = page_article(tmp_path, web_page(body, head=head))
    assert article.author == "Jane Holloway"
    assert "dvertisement" not in article.text
    assert block_texts(article, role=Role.BOILERPLATE) == ["Jane Holloway covers energy for the Portwenna Gazette."]
    assert block_texts(article, kind=BlockKind.PARAGRAPH, role=Role.BODY) == STORY


def declared(story: list[str], graph: bool = True) -> str:
    """A schema.org JSON-LD script declaring the story for search engines, as news sites write it."""
    article = {"@type": "NewsArticle", "headline": STORY_TITLE, "articleBody": "\n\n".join(story)}
    data = {"@context": "https://schema.org", "@graph": [{"@type": "WebSite", "name": "Gazette"}, article]} \
        if graph else dict(article, **{"@context": "https://schema.org"})
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


def test_a_page_drawn_by_its_scripts_is_read_from_the_story_it_declares(tmp_path):
    body = "<div id='app'><p>Loading…</p></div><noscript>Please turn on JavaScript to read this page.</noscript>"
    article = page_article(tmp_path, web_page(body, head=declared(STORY)))
    assert block_texts(article, kind=BlockKind.PARAGRAPH, role=Role.BODY) == STORY
    assert "Loading" not in article.text and "JavaScript" not in article.text
    check_offsets(article)


def test_markup_in_a_declared_story_parts_its_paragraphs_and_nothing_else(tmp_path):
    marked = ["<p>" + p.replace(" the ", ' <a href="/x">the</a> ', 1) + "</p>" for p in STORY]
    body = "<div id='app'></div>"
    article = page_article(tmp_path, web_page(body, head=declared(["".join(marked)])))
    assert block_texts(article, kind=BlockKind.PARAGRAPH, role=Role.BODY) == STORY


def test_a_declared_story_does_not_replace_the_one_on_the_page(tmp_path):
    body = f"<h1>{STORY_TITLE}</h1>{story_html()}<p>Jane Holloway reported from the quay.</p>"
    # A declared summary of the story (or the same story in one block) leaves the page's own text as it is.
    for head in (declared(STORY[:2], graph=False), declared([" ".join(STORY)])):
        article = page_article(tmp_path, web_page(body, head=head))
        assert "Jane Holloway reported from the quay." in block_texts(article, role=Role.BODY)
        assert block_texts(article, kind=BlockKind.PARAGRAPH, role=Role.BODY)[:len(STORY)] == STORY


# -- key points --
def in_block_of(article, start: int):
    return next(b for b in article.blocks if b.start <= start < b.end)


def test_key_points_are_sentences_of_the_story_led_by_its_lede(tmp_path, nlp):
    analysis = analyze(page_article(tmp_path, furnished_page()), nlp)
    article = analysis.article
    points = analysis.key_points
    assert len(points) >= 6  # a long story: the lede leads its points
    assert points[0].text == STORY[0]
    for point in points:
        block = in_block_of(article, point.start)
        assert block.role == Role.BODY and block.kind == BlockKind.PARAGRAPH, point.text
        assert any(point.text in paragraph for paragraph in STORY), point.text


def test_a_short_story_leads_with_its_lede_when_the_page_says_it_is_the_gist(tmp_path, nlp):
    body = f"<h1>{STORY_TITLE}</h1>{story_html(STORY[:5])}"
    summary = STORY[0].replace("Residents of Portwenna voted", "Portwenna residents voted")
    article = page_article(tmp_path, web_page(body, description=summary))
    assert article.description == summary
    analysis = analyze(article, nlp)
    assert len(analysis.key_points) < 6
    assert analysis.key_points[0].text == STORY[0]


def test_list_items_give_key_points_without_their_bullets(tmp_path, nlp):
    items = "".join(f"<li>{escape(p)}</li>" for p in STORY[:6])
    body = f"<h1>{STORY_TITLE}</h1><p>Here is what the vote means for the town.</p><ul>{items}</ul>"
    analysis = analyze(page_article(tmp_path, web_page(body)), nlp)
    from_items = [p for p in analysis.key_points if in_block_of(analysis.article, p.start).kind == BlockKind.LIST_ITEM]
    assert from_items
    for point in from_items:
        assert point.text in STORY  # the whole item, less its bullet


def test_datelines_in_a_names_case_are_not_part_of_a_point(nlp):
    for dateline in ("Portwenna, Cornwall: ", "Portwenna (Coast News)", "Truro, Cornwall, UK — "):
        body = f"<h1>{STORY_TITLE}</h1><p>{escape(dateline + STORY[0])}</p>{story_html(STORY[1:])}"
        analysis = analyze(article_from_html(web_page(body), "page.html", "page.html"), nlp)
        assert analysis.key_points[0].text == STORY[0], dateline


def test_a_pages_analysis_fits_the_schema_and_round_trips(tmp_path, nlp):
    import json

    import jsonschema

    from viewer.core.analysis import Analysis
    from viewer.paths import resources_dir

    analysis = analyze(page_article(tmp_path, furnished_page(description=STORY[0])), nlp)
    data = analysis.to_dict()
    assert data["description"] == STORY[0]
    assert "table_row" in {block["kind"] for block in data["blocks"]}
    schema = json.loads((resources_dir() / "analysis.schema.json").read_text("utf-8"))
    jsonschema.Draft202012Validator(schema).validate(json.loads(json.dumps(data)))
    assert Analysis.from_dict(data).to_dict() == data


# -- small print --
COMMENT_RULES = "Comments that are off topic or abusive will be removed by the moderators without notice."
DISCLAIMER = "The views expressed in this article are those of the author and not of the Gazette."


def test_small_print_is_shown_but_never_a_key_point(tmp_path, nlp):
    body = (f"<h1>{STORY_TITLE}</h1>{story_html(STORY[:2])}"
            f'<p>{escape(STORY[2][:40])}<small> (figures from the town clerk)</small>{escape(STORY[2][40:])}</p>'
            f"{story_html(STORY[3:])}<p><small>{escape(DISCLAIMER)}</small></p>"
            f'<p style="text-align:left; font-size:10px; border-top:1px solid">{escape(COMMENT_RULES)}</p>')
    analysis = analyze(page_article(tmp_path, web_page(body)), nlp)
    article = analysis.article
    check_offsets(article)
    assert block_texts(article, role=Role.BOILERPLATE) == [DISCLAIMER, COMMENT_RULES]
    # a few words in small print inside a sentence leave the sentence in the story
    assert any(text.startswith(STORY[2][:40]) for text in block_texts(article, role=Role.BODY))
    for point in analysis.key_points:
        assert in_block_of(article, point.start).role == Role.BODY, point.text


@pytest.mark.parametrize("style, small", [("font-size: 10px", True), ("font-size:8pt", True),
                                          ("font-size: x-small", True), ("font-size: 0.7em", True),
                                          ("font-size: 12px", False), ("font-size: 90%", False),
                                          ("color: grey", False)])
def test_small_print_is_a_font_a_browser_shows_small(tmp_path, style, small):
    body = f'<h1>{STORY_TITLE}</h1>{story_html(STORY[:4])}<p style="{style}">{escape(COMMENT_RULES)}</p>'
    article = page_article(tmp_path, web_page(body))
    expected = Role.BOILERPLATE if small else Role.BODY
    assert COMMENT_RULES in block_texts(article, role=expected)


def test_a_story_set_in_a_small_font_throughout_is_still_the_story(tmp_path, nlp):
    body = f'<h1>{STORY_TITLE}</h1><div style="font-size: 11px">{story_html(STORY)}</div>'
    analysis = analyze(page_article(tmp_path, web_page(body)), nlp)
    assert all(paragraph in block_texts(analysis.article, role=Role.BODY) for paragraph in STORY)
    assert analysis.key_points[0].text == STORY[0]


# -- lines and spaces as the page shows them --
LOOSE_TEXT = (
    "<div class='guide'><h2>Tide tables for the harbour</h2><strong><em>This guide is sponsored by the harbour board."
    "</em></strong><br><br><a href='https://tides.example/buy'><span class='pic'><img src='https://tides.example/t.jpg'"
    " width='300' height='200'></span></a>Fishermen in Portwenna have relied on printed tide tables for generations,"
    " and the harbour board still sells them at the quay. The board rated its new booklet as one of the"
    " <a href='https://tides.example/best'>most accurate tide tables of the year</a>. It costs four pounds and covers"
    " every port between the lighthouse and the estuary.<br><ul><li><a href='https://tides.example/buy'>Buy the booklet"
    " at the quay</a></li></ul><h2>Harbour dues</h2>The new dues were set by the <a href='https://tides.example/council'>"
    "parish council</a> after a long meeting in the village hall.<br><br>They apply from the first of July.<br><br>"
    "Tide times are published by the harbour board (<a href='https://tides.example/'>tides.example</a>), the"
    " coastguard and the lifeboat station.</div>")


def test_text_loose_between_breaks_keeps_the_lines_and_spaces_the_page_shows(tmp_path):
    body = f"<h1>{STORY_TITLE}</h1>{story_html(STORY[:2])}{LOOSE_TEXT}{story_html(STORY[2:])}"
    article = page_article(tmp_path, web_page(body))
    check_offsets(article)
    paragraphs = block_texts(article, BlockKind.PARAGRAPH)
    # one line on the page is one paragraph, cut neither at its links nor around them
    assert ("Fishermen in Portwenna have relied on printed tide tables for generations, and the harbour board still "
            "sells them at the quay. The board rated its new booklet as one of the most accurate tide tables of the "
            "year. It costs four pounds and covers every port between the lighthouse and the estuary.") in paragraphs
    assert "The new dues were set by the parish council after a long meeting in the village hall." in paragraphs
    # no space where the page has none, and lines the page breaks stay apart
    assert ("Tide times are published by the harbour board (tides.example), the coastguard and the lifeboat "
            "station.") in paragraphs
    assert "They apply from the first of July." in paragraphs
    links = {article.text[link.start:link.end]: link.url for link in article.links}
    assert links["most accurate tide tables of the year"] == "https://tides.example/best"
    assert links["parish council"] == "https://tides.example/council"
    assert links["tides.example"] == "https://tides.example/"
    for paragraph in STORY:
        assert paragraph in paragraphs


def test_words_that_touch_on_the_page_are_not_run_together_across_paragraphs(tmp_path):
    # No space between "master" and the link: a style sheet may well show the name on a line of its own.
    loose = ("<div class='guide'>Tide tables are sold at the quay by the harbour board.<br><br>Compiled by the harbour"
             " master<a href='https://tides.example/staff/nance'>Peter Nance</a><br><br>They apply from July.</div>")
    article = page_article(tmp_path, web_page(f"<h1>{STORY_TITLE}</h1>{story_html(STORY[:2])}{loose}"
                                              f"{story_html(STORY[2:])}"))
    check_offsets(article)
    assert "masterPeter" not in article.text
    assert "Compiled by the harbour master" in block_texts(article, BlockKind.PARAGRAPH)
