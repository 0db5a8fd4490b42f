"""Every loader keeps the article's structure: kinds of block at exact offsets, list markers out of the text,
the pictures of a saved page with their captions, and key points never taken from headings or captions."""
from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import unquote, urlsplit

import jsonschema
import pytest

from tests import structured
from tests.pdfmaker import make_pdf, wrap
from viewer.core.analysis import Analysis
from viewer.core.article import Article, Block, BlockKind, Role, reading_minutes
from viewer.core.keypoints import candidates
from viewer.core.loaders import load
from viewer.core.loaders.images import image_base, image_words, resolve_image

ROOT = Path(__file__).resolve().parents[2]


def kinds_and_texts(article: Article, without: tuple[str, ...] = ("caption",)) -> list[tuple[str, str]]:
    return [(block.kind.value, article.block_text(block)) for block in article.blocks
            if block.kind.value not in without]


def check_blocks(article: Article) -> None:
    """Blocks in order, each its exact text: stripped, no marker, no line break unless preformatted."""
    previous_end = 0
    for block in article.blocks:
        text = article.block_text(block)
        assert previous_end <= block.start < block.end <= len(article.text)
        assert text == text.strip()
        if block.kind != BlockKind.PREFORMATTED:
            assert "\n" not in text
        if block.kind == BlockKind.LIST_ITEM:
            assert not text.startswith(("• ", "- ", "* ")) and not text[:3].rstrip(".) ").isdigit(), text
        previous_end = block.end


# -- Markdown --
def test_markdown_gives_every_kind_at_its_offsets(tmp_path):
    path = tmp_path / "story.md"
    path.write_text(structured.markdown(), encoding="utf-8")
    article = load(path)
    check_blocks(article)
    assert kinds_and_texts(article) == structured.EXPECTED
    items = [block for block in article.blocks if block.kind == BlockKind.LIST_ITEM]
    assert [block.ordered for block in items] == [False] * 3 + [True] * 3
    assert {block.depth for block in items} == {0}
    assert {block.depth for block in article.blocks if block.kind == BlockKind.HEADING} == {0}
    # The emphasised line under the picture is its caption, and never body text.
    (caption,) = [block for block in article.blocks if block.kind == BlockKind.CAPTION]
    assert article.block_text(caption) == structured.CAPTION and caption.role == Role.BOILERPLATE
    (image,) = article.images
    assert image.offset == caption.start  # the picture stands right above its caption
    assert (image.alt, image.caption) == (structured.ALT, structured.CAPTION)
    assert Path(unquote(urlsplit(image.src).path)) == tmp_path / structured.IMAGE_FILE


def test_markdown_nested_lists_code_and_heading_levels(tmp_path):
    path = tmp_path / "nested.md"
    path.write_text("# Title of the piece\n\n### Section three levels down\n\nSome text to read here.\n\n"
                    "#### Below it\n\n1. First step\n   - a detail of it\n   - another detail\n2. Second step\n\n"
                    "```\nturbines = 12\n\nhomes    = 4000\n```\n\nLast words.\n", encoding="utf-8")
    article = load(path)
    check_blocks(article)
    described = [(b.kind.value, b.depth, b.ordered, article.block_text(b)) for b in article.blocks]
    assert described == [
        ("title", 0, False, "Title of the piece"),
        ("heading", 0, False, "Section three levels down"),  # levels become depths from the top one used
        ("paragraph", 0, False, "Some text to read here."),
        ("heading", 1, False, "Below it"),
        ("list_item", 0, True, "First step"),
        ("list_item", 1, False, "a detail of it"),
        ("list_item", 1, False, "another detail"),
        ("list_item", 0, True, "Second step"),
        ("preformatted", 0, False, "turbines = 12\n\nhomes    = 4000"),  # its lines kept as they are
        ("paragraph", 0, False, "Last words."),
    ]


def test_markdown_images_resolve_against_the_file_or_the_address(tmp_path):
    path = tmp_path / "pics.md"
    path.write_text("Some words about the harbour and its boats.\n\n![Boats](img/boats.jpg \"The harbour at dawn\")"
                    "\n\n![remote](https://cdn.example/a.png) and ![inline](data:image/png;base64,AAAA) here.\n",
                    encoding="utf-8")
    article = load(path)
    assert [(i.src, i.alt, i.caption) for i in article.images] == [
        ((tmp_path / "img" / "boats.jpg").as_uri(), "Boats", "The harbour at dawn"),
        ("https://cdn.example/a.png", "remote", ""),  # a data: picture has no address to show
    ]
    second = article.blocks[1]
    assert article.images[0].offset == second.start and article.images[1].offset == second.start


# -- a saved web page --
def test_saved_page_lists_its_own_picture_only(tmp_path):
    article = load(structured.save_complete(tmp_path))
    (image,) = article.images  # not the logo, the ad, the tracking pixel or the sidebar's promotion
    assert Path(unquote(urlsplit(image.src).path)) == tmp_path / structured.IMAGE_FILE
    assert (image.alt, image.caption) == (structured.ALT, structured.CAPTION)
    # Before its caption if the text keeps one, else before the block that follows it on the page.
    after = next(b for b in article.blocks if b.start >= image.offset)
    assert article.block_text(after) in (structured.CAPTION, structured.HEADINGS[0])
    lede = next(b for b in article.blocks if article.block_text(b) == structured.LEDE)
    assert image.offset > lede.start


def test_saved_page_json_lists_the_picture_and_validates(tmp_path):
    article = load(structured.save_complete(tmp_path))
    data = Analysis(article=article).to_dict()
    schema = json.loads((ROOT / "resources" / "analysis.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(data)
    assert data["images"] == [{"src": article.images[0].src, "alt": structured.ALT, "caption": structured.CAPTION,
                               "offset": article.images[0].offset}]
    assert Analysis.from_dict(data).article.images == article.images


def test_saved_page_gives_the_same_kinds_as_markdown(tmp_path):
    article = load(structured.save_complete(tmp_path))
    check_blocks(article)
    assert kinds_and_texts(article) == structured.EXPECTED


def test_the_same_page_by_address_fetches_only_the_page(local_server):
    url = local_server.page("/news/tidal.html", structured.saved_page())
    local_server.page("/news/" + structured.IMAGE_FILE.replace(" ", "%20"), structured.png(), "image/png")
    article = load(url)
    (image,) = article.images
    assert image.src == local_server.url("/news/" + structured.IMAGE_FILE.replace(" ", "%20"))
    assert local_server.paths() == ["/news/tidal.html"]


# -- plain text and PDF --
def test_plain_text_lists_become_list_items(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(structured.plain_text(), encoding="utf-8")
    article = load(path)
    check_blocks(article)
    items = [(article.block_text(b), b.ordered) for b in article.blocks if b.kind == BlockKind.LIST_ITEM]
    assert items == [(item, False) for item in structured.BULLETS] + [(step, True) for step in structured.STEPS]
    assert "• " not in article.text and "\n1. " not in article.text
    assert article.block_text(article.blocks[0]) == structured.TITLE


@pytest.mark.parametrize("text", [
    "A lone line.\n\n- not a list when alone\n\nMore text.",
    "Counting up matters.\n\n1. one\n\n3. three\n\nEnd.",
    "2019. That was the year.\n\n2020. And then this one.",
])
def test_plain_text_that_only_looks_like_a_list_is_left_alone(tmp_path, text):
    path = tmp_path / "story.txt"
    path.write_text(text, encoding="utf-8")
    article = load(path)
    assert article.text == text
    assert all(block.kind != BlockKind.LIST_ITEM for block in article.blocks)


def test_pdf_headings_by_type_size_and_lists_by_markers(tmp_path):
    lines, y = [], 780.0

    def add(text: str, size: float = 11, gap: bool = True) -> None:
        nonlocal y
        for line in wrap(text, 80 if size < 12 else 55):
            lines.append((72.0, y, line, size))
            y -= size * 1.4
        y -= 12 if gap else 0

    add(structured.TITLE, 18)
    add(structured.LEDE.replace(" 🌊", ""))
    add(structured.HEADINGS[0], 14)
    add(structured.INTRO[0])
    for item in structured.BULLETS:
        add("• " + item.replace(" 🔌", ""), gap=False)
    y -= 12
    add(structured.HEADINGS[1], 14)
    add(structured.INTRO[1])
    for number, step in enumerate(structured.STEPS, 1):
        add(f"{number}. {step}", gap=False)
    y -= 12
    add(structured.CLOSING)
    path = tmp_path / "story.pdf"
    path.write_bytes(make_pdf([lines]))
    article = load(path)
    check_blocks(article)
    kinds = [block.kind.value for block in article.blocks]
    assert kinds == (["title", "paragraph", "heading", "paragraph"] + ["list_item"] * 3
                     + ["heading", "paragraph"] + ["list_item"] * 3 + ["paragraph"])
    headings = [article.block_text(b) for b in article.blocks if b.kind == BlockKind.HEADING]
    assert headings == structured.HEADINGS
    assert [b.ordered for b in article.blocks if b.kind == BlockKind.LIST_ITEM] == [False] * 3 + [True] * 3


# -- key points --
def test_headings_and_captions_are_never_key_point_candidates():
    heading = "The council voted on Tuesday to approve the tidal energy plan for the whole estuary."
    caption = "The council voted on Tuesday to approve the turbines that will power four thousand homes."
    body = "The council voted on Tuesday to approve a visitor centre on the harbour wall near the estuary."
    text = "\n\n".join([heading, caption, body])
    blocks = []
    position = 0
    for piece, kind, role in ((heading, BlockKind.HEADING, Role.BODY), (caption, BlockKind.CAPTION, Role.BODY),
                              (body, BlockKind.PARAGRAPH, Role.BODY)):
        blocks.append(Block(position, position + len(piece), role, kind))
        position += len(piece) + 2
    article = Article(source="x", text=text, blocks=tuple(blocks))
    chosen = candidates(article, [(b.start, b.end) for b in blocks])
    assert [(c.start, c.end) for c in chosen] == [(blocks[2].start, blocks[2].end)]


def test_no_key_point_is_a_heading_or_a_caption(tmp_path, nlp):
    from viewer.core.pipeline import analyze

    path = tmp_path / "story.md"
    path.write_text(structured.markdown(), encoding="utf-8")
    analysis = analyze(load(path), nlp)
    assert analysis.key_points
    for point in analysis.key_points:
        block = next(b for b in analysis.article.blocks if b.start <= point.start < b.end)
        assert block.kind not in (BlockKind.TITLE, BlockKind.HEADING, BlockKind.CAPTION), point


# -- small pieces --
@pytest.mark.parametrize("src, base, expected", [
    ("pic.jpg", "https://news.example/a/story.html", "https://news.example/a/pic.jpg"),
    ("//cdn.example/p.png", "https://news.example/", "https://cdn.example/p.png"),
    ("My Page_files/p.png", "file:///home/me/", "file:///home/me/My%20Page_files/p.png"),
    ("My%20Page_files/p.png", "file:///home/me/", "file:///home/me/My%20Page_files/p.png"),
    ("data:image/png;base64,AAAA", "https://news.example/", None),
    ("javascript:alert(1)", "https://news.example/", None),
    ("relative.png", "", None),
    ("file://otherhost/share/p.png", "", None),
])
def test_image_addresses(src, base, expected):
    assert resolve_image(src, base) == expected


@pytest.mark.parametrize("text, words", [
    ("A tidal turbine being lowered into the estuary", "A tidal turbine being lowered into the estuary"),
    ("  Reuters ", "Reuters"), ("COVID-19", "COVID-19"), ("Wi-Fi", "Wi-Fi"), ("logo", "logo"),
    ("Chart: sales_by_region, 2019", "Chart: sales_by_region, 2019"),  # words around a name: kept
    ("IMG_2953", ""), ("Bike-&-Style-book__MG_2953", ""), ("DSC01234.JPG", ""), ("photo.webp", ""),
    ("milano-design-week-2018-flos-anastassiades-01", ""), ("", ""),
])
def test_a_pictures_words_are_not_a_file_name(text, words):
    assert image_words(text) == words


def test_image_base_is_the_address_or_the_files_folder(tmp_path):
    assert image_base("https://news.example/story") == "https://news.example/story"
    assert image_base(str(tmp_path / "page.html")) == tmp_path.as_uri() + "/"
    assert image_base("Clipboard") == ""


@pytest.mark.parametrize("words, minutes", [(0, 0), (10, 1), (230, 1), (1380, 6), (4600, 20)])
def test_reading_minutes(words, minutes):
    assert reading_minutes(" ".join(["word"] * words)) == minutes


# -- exports keep the structure --
def structured_analysis(tmp_path) -> Analysis:
    structured.save_complete(tmp_path)  # the picture beside the Markdown file, as beside the page
    path = tmp_path / "story.md"
    path.write_text(structured.markdown(), encoding="utf-8")
    return Analysis(article=load(path))


def test_html_export_keeps_headings_lists_quotes_and_embeds_the_picture(tmp_path):
    import base64

    import html5lib

    from viewer.core.export import to_html

    page = to_html(structured_analysis(tmp_path))
    namespace = {"h": "http://www.w3.org/1999/xhtml"}
    document = html5lib.parse(page)
    article = document.find(".//h:article", namespace)

    def texts(path: str) -> list[str]:
        return ["".join(element.itertext()).strip() for element in article.findall(path, namespace)]

    assert texts("h:h3") == structured.HEADINGS
    assert texts("h:ul/h:li") == structured.BULLETS
    assert texts("h:ol/h:li") == structured.STEPS
    assert texts("h:blockquote/h:p") == [structured.QUOTE]
    assert texts("h:p[@class='caption']") == [structured.CAPTION]
    (image,) = article.findall(".//h:figure/h:img", namespace)
    assert image.get("alt") == structured.ALT
    media, _, data = image.get("src").partition(",")
    assert media == "data:image/png;base64" and base64.b64decode(data) == structured.png(800, 450)
    assert "http://" not in page.split("<article", 1)[1].split("</article>")[0].replace("http://www.w3.org", "")


def test_html_export_nests_lists_and_names_a_picture_from_the_web():
    import html5lib

    from viewer.core.article import Image
    from viewer.core.export import to_html

    text = "Title\n\nOne\n\nOne point one\n\nTwo\n\nAfter."
    spans = [(0, 5), (7, 10), (12, 25), (27, 30), (32, 38)]
    kinds = [(BlockKind.TITLE, 0, False), (BlockKind.LIST_ITEM, 0, True), (BlockKind.LIST_ITEM, 1, False),
             (BlockKind.LIST_ITEM, 0, True), (BlockKind.PARAGRAPH, 0, False)]
    blocks = tuple(Block(start, end, Role.HEADLINE if kind == BlockKind.TITLE else Role.BODY, kind, depth, ordered)
                   for (start, end), (kind, depth, ordered) in zip(spans, kinds, strict=True))
    web = Image(32, "https://cdn.example/boat.jpg", "A boat", "The ferry")
    page = to_html(Analysis(article=Article("x", text, "Title", blocks=blocks, images=(web,))))
    namespace = {"h": "http://www.w3.org/1999/xhtml"}
    article = html5lib.parse(page).find(".//h:article", namespace)
    (outer,) = article.findall("h:ol", namespace)
    items = outer.findall("h:li", namespace)
    assert len(items) == 2
    assert ["".join(li.itertext()).strip() for li in items[0].findall("h:ul/h:li", namespace)] == ["One point one"]
    assert "cdn.example" not in page  # named, never loaded
    assert "Picture not included: A boat" in page and "<figcaption>The ferry</figcaption>" in page


def test_markdown_export_holds_the_article_in_markdown_that_reads_back_the_same(tmp_path):
    from viewer.core.export import to_markdown

    analysis = structured_analysis(tmp_path)
    exported = to_markdown(analysis)
    section = exported.split("## Article\n", 1)[1].split("\n## Entities", 1)[0]
    assert f"### {structured.HEADINGS[0]}" in section.splitlines()
    assert [line[2:] for line in section.splitlines() if line.startswith("- ")] == structured.BULLETS
    assert [line.split(". ", 1)[0] for line in section.splitlines() if line[:1].isdigit()] == ["1", "2", "3"]
    again = tmp_path / "again.md"
    again.write_text(f"# {structured.TITLE}\n\n{section}", encoding="utf-8")
    back = load(again)
    assert kinds_and_texts(back, without=()) == kinds_and_texts(analysis.article, without=())
    assert back.images == analysis.article.images


def test_a_pages_furniture_is_not_the_articles_pictures_and_missing_files_are_the_sites(tmp_path):
    """Logos, ad servers' addresses and pictures after the article's last words are left out; a picture
    that a page saved as "HTML only" refers to (not beside it) is the site's, by the page's canonical link."""
    words = structured.LEDE.replace(" 🌊", "")
    page = f"""<html><head><title>{structured.TITLE}</title>
<link rel="canonical" href="https://news.example/2024/tidal.html"></head><body><article>
<h1>{structured.TITLE}</h1><p>{words}</p>
<img src="img/site-logo.png" width="200" height="60" alt="">
<img src="https://ads.example/avw.php?zoneid=9" width="300" height="250" alt="">
<figure><img src="pictures/crane.jpg" alt="A crane"></figure>
<p>{structured.CLOSING}</p>
</article><section class="related"><img src="related/story.jpg" alt="Another story"></section></body></html>"""
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    article = load(path)
    assert [(image.src, image.alt) for image in article.images] == [
        ("https://news.example/2024/pictures/crane.jpg", "A crane")]


def test_table_rows_are_a_table_in_both_exports(tmp_path):
    import html5lib

    from viewer.core.export import to_html, to_markdown

    path = tmp_path / "table.md"
    path.write_text("# Votes in the harbour\n\nThe council counted the votes on Tuesday night.\n\n"
                    "| Vote | Residents |\n|---|---|\n| For | 5,112 |\n| Against | 2,430 |\n\nThe plan passed.\n",
                    encoding="utf-8")
    article = load(path)
    rows = [article.block_text(b) for b in article.blocks if b.kind == BlockKind.TABLE_ROW]
    assert rows == ["Vote | Residents", "For | 5,112", "Against | 2,430"]  # cells joined as the HTML loader does
    analysis = Analysis(article=article)
    namespace = {"h": "http://www.w3.org/1999/xhtml"}
    table = html5lib.parse(to_html(analysis)).find(".//h:article//h:table", namespace)
    cells = [["".join(td.itertext()) for td in tr.findall("h:td", namespace)]
             for tr in table.findall(".//h:tr", namespace)]
    assert cells == [["Vote", "Residents"], ["For", "5,112"], ["Against", "2,430"]]
    section = to_markdown(analysis).split("## Article\n", 1)[1].split("\n## Entities", 1)[0]
    again = tmp_path / "again.md"
    again.write_text(section, encoding="utf-8")
    back = load(again)
    assert [back.block_text(b) for b in back.blocks if b.kind == BlockKind.TABLE_ROW] == rows
