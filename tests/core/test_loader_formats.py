"""Each kind of article file: encodings, saved web pages, Markdown, PDF, pasted text, other languages."""
from __future__ import annotations

import codecs
import os
from pathlib import Path

import pytest

from tests.pages import FRENCH, GERMAN, NO_ARTICLE_PAGE, PARAGRAPHS, TITLE, news_page
from tests.pdfmaker import article_pages, make_pdf, make_scanned_pdf, wrap
from viewer.core.article import BlockKind, Role
from viewer.core.errors import ArticleError
from viewer.core.loaders import MAX_BYTES, load, load_pasted, location_from_text

BODY = "\n\n".join([TITLE] + PARAGRAPHS)


def _check_offsets(article):
    for paragraph in article.blocks:
        chunk = article.text[paragraph.start:paragraph.end]
        assert chunk and chunk == chunk.strip() and "\n" not in chunk
    for link in article.links:
        assert 0 <= link.start < link.end <= len(article.text)


# -- plain text in every common encoding --
WESTERN = ("Café owners in Zürich said the “smart” tax of 5 € was naïve, and the mayor’s office "
           "agreed – for now.\n\nThe café association will meet the council again in September.")


@pytest.mark.parametrize("encoding, prefix", [
    ("utf-8", b""),
    ("utf-8", codecs.BOM_UTF8),
    ("utf-16-le", codecs.BOM_UTF16_LE),
    ("utf-16-be", codecs.BOM_UTF16_BE),
    ("cp1252", b""),
])
def test_text_in_common_encodings(tmp_path, encoding, prefix):
    path = tmp_path / "story.txt"
    path.write_bytes(prefix + WESTERN.encode(encoding))
    article = load(path)
    assert article.text == WESTERN.replace("\ufeff", "")
    assert article.title == ""  # its first line is a sentence, not a headline


# Text in the scripts and encodings people's files come in; each must open as exactly this text.
SENTENCES = {
    "fr": "Le conseil municipal a approuvé lundi le nouveau plan de transport après un long débat sur les bus.",
    "de": "Der Stadtrat hat am Montag nach einer langen Debatte über Busse und Züge den Verkehrsplan gebilligt.",
    "ru": "Городской совет в понедельник одобрил новый транспортный план после долгих споров об автобусах.",
    "el": "Το δημοτικό συμβούλιο ενέκρινε τη Δευτέρα το νέο σχέδιο μεταφορών μετά από μακρά συζήτηση.",
    "ja": "市議会は月曜日、バスや電車の費用について長い議論を行った後、新しい交通計画を承認した。",
    "zh": "市议会周一在就公共汽车和火车费用进行长时间辩论后批准了新的交通计划。",
    "zh-hant": "市議會週一在就公共汽車和火車費用進行長時間辯論後批准了新的交通計劃。",
    "ko": "시의회는 월요일 버스와 기차 비용에 대한 긴 논쟁 끝에 새로운 교통 계획을 승인했다.",
}


@pytest.mark.parametrize("language, encoding", [
    ("fr", "cp1252"), ("fr", "latin-1"), ("de", "iso-8859-15"), ("ru", "koi8-r"), ("ru", "cp1251"),
    ("el", "cp1253"), ("el", "iso-8859-7"), ("ja", "shift_jis"), ("ja", "euc-jp"), ("ja", "iso-2022-jp"),
    ("zh", "gbk"), ("zh", "gb18030"), ("zh-hant", "big5"), ("ko", "euc-kr"), ("ru", "utf-16-le"),
    ("ja", "utf-16-be"), ("ko", "utf-8"),
])
def test_text_in_every_supported_encoding_opens_as_itself(tmp_path, language, encoding):
    """Never refused as binary, never decoded as something else (utf-16 here without its BOM)."""
    text = " ".join([SENTENCES[language]] * 8)
    path = tmp_path / "story.txt"
    path.write_bytes(text.encode(encoding))
    assert load(path).text == text


def test_latin1_text_is_detected_not_guessed(tmp_path):
    text = ("Münchner Café reopens\n\nThe café in München reopened on Monday after a long winter, "
            "said its owner, Jürgen Weiß, who had run it since 1998.")
    path = tmp_path / "latin1.txt"
    path.write_bytes(text.encode("latin-1"))
    article = load(path)
    assert "Jürgen Weiß" in article.text and "München" in article.text


def test_undecodable_bytes_say_so(tmp_path):
    path = tmp_path / "noise.txt"
    path.write_bytes(bytes((i * 37 + 128) % 128 + 128 for i in range(4000)))  # high bytes only, no pattern
    with pytest.raises(ArticleError) as caught:
        load(path)
    assert "noise.txt" in str(caught.value)
    assert "decoded" in str(caught.value) or "binary" in str(caught.value)


# -- saved web pages --
def test_saved_page_gives_only_the_article(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(news_page(link=("https://trust.example/bridge-report", "its report on the bridge")),
                    encoding="utf-8")
    article = load(path)
    assert article.title == TITLE
    assert article.date == "2024-05-18"
    assert article.site == "Riverton Courier"
    assert article.author == "Jane Holloway"
    for paragraph in PARAGRAPHS:
        assert paragraph in article.text
    for chrome in ("Advertisement", "Most read", "Great news for the town", "Copyright", "Weather", "Privacy"):
        assert chrome not in article.text
    assert article.blocks[0].role == Role.HEADLINE
    assert article.text.startswith(TITLE + "\n\n")
    assert len(article.blocks) == len(PARAGRAPHS) + 2
    (link,) = article.links
    assert article.text[link.start:link.end] == "its report on the bridge"
    assert link.url == "https://trust.example/bridge-report"
    _check_offsets(article)


def test_page_links_are_only_safe_absolute_ones(tmp_path):
    page = news_page(paragraphs=PARAGRAPHS[:2] + [
        'Read <a href="javascript:alert(1)">this script link</a> and '
        '<a href="/local/page">a relative link</a> today.'])
    path = tmp_path / "page.htm"
    path.write_text(page.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&#x27;", "'"),
                    encoding="utf-8")
    article = load(path)
    assert "this script link" in article.text and "a relative link" in article.text
    assert all(link.url.startswith(("http://", "https://", "mailto:")) for link in article.links)


def test_fixture_page_with_chrome(sample_page_path=None):
    from pathlib import Path

    article = load(Path(__file__).resolve().parent.parent / "fixtures" / "saved_news_page.html")
    assert article.title == "Ferry operator orders three electric boats for the Solent crossing"
    assert (article.date, article.site, article.author) == ("2025-03-04", "Harbour Gazette", "Priya Raman")
    for chrome in ("cookies", "Holiday deals", "Most read", "Doctors hate", "sailorsam", "Comments",
                   "newsletter", "Subscribe", "Share on", "car insurance"):
        assert chrome not in article.text
    assert article.text.rstrip().endswith("completed their sea trials.")


def test_page_with_no_article(tmp_path):
    path = tmp_path / "menu.html"
    path.write_text(NO_ARTICLE_PAGE, encoding="utf-8")
    with pytest.raises(ArticleError, match="no article"):
        load(path)


def test_page_charset_from_meta(tmp_path):
    page = news_page(paragraphs=["Le café de la gare à Lyon a rouvert ses portes lundi, a déclaré son propriétaire, "
                                 "qui espère voir revenir les voyageurs de la région et leurs familles."])
    path = tmp_path / "latin.html"
    path.write_bytes(page.replace('charset="utf-8"', 'charset="iso-8859-1"').encode("cp1252"))
    article = load(path)
    assert "Le café de la gare à Lyon" in article.text


def test_html_saved_as_txt_is_still_a_page(tmp_path):
    path = tmp_path / "saved.txt"
    path.write_text(news_page(), encoding="utf-8")
    article = load(path)
    assert article.title == TITLE and "<p>" not in article.text


# -- Markdown --
PICTURE = b"\x89PNG\r\n\x1a\n" + bytes(64)  # the bytes of the picture an archive holds
PICTURE_URL = "https://riverton.example/pictures/bridge.png"


def with_figure(html: str, src: str) -> str:
    """The page with a picture and its caption after the article's first paragraph."""
    figure = (f'<figure><img src="{src}" width="640" height="400" alt="The old bridge">'
              "<figcaption>The old bridge at dawn, before the works began.</figcaption></figure>")
    first_end = html.index("</p>", html.index("<article>")) + len("</p>")
    return html[:first_end] + figure + html[first_end:]


def single_file_page(html: str, url: str, charset: str = "utf-8") -> bytes:
    """A page as Chrome saves it with "Webpage, Single File": MIME headers, the page quoted-printable
    (soft line breaks, "=3D" for "="), then a picture in base64, each part named by its address."""
    import base64
    import quopri

    boundary = "----MultipartBoundary--Ab1Cd2Ef3Gh4----"
    page = quopri.encodestring(html.encode(charset)).decode("ascii").replace("\n", "\r\n")
    picture = base64.encodebytes(PICTURE).decode("ascii").replace("\n", "\r\n")
    return "\r\n".join([
        "From: <Saved by Blink>", f"Snapshot-Content-Location: {url}", "Subject: =?utf-8?Q?A_saved_page?=",
        "Date: Tue, 1 Dec 2026 09:00:00 -0000", "MIME-Version: 1.0",
        f'Content-Type: multipart/related;\r\n\ttype="text/html";\r\n\tboundary="{boundary}"', "", "",
        f"--{boundary}", f"Content-Type: text/html; charset={charset}", "Content-ID: <frame-1@mhtml.blink>",
        "Content-Transfer-Encoding: quoted-printable", f"Content-Location: {url}", "", page,
        f"--{boundary}", "Content-Type: image/png", "Content-Transfer-Encoding: base64",
        f"Content-Location: {PICTURE_URL}", "", picture,
        f"--{boundary}--", ""]).encode("ascii")


def test_a_page_saved_as_one_file_opens_as_the_page(tmp_path):
    paragraphs = PARAGRAPHS + ["The café’s owner said the “temporary” bridge had cost the town dearly, "
                               "and that the council’s plan was naïve about the traffic it would bring."]
    html = news_page(paragraphs=paragraphs, link=("/reports/bridge", "its report on the bridge"))
    data = single_file_page(html, "https://riverton.example/news/bridge-story")
    assert b"=3D" in data and "Content-Type: multipart/related" in data.decode("ascii")
    for name in ("story.mhtml", "story.mht", "story.txt", "story"):  # by its name, or by its first bytes
        path = tmp_path / name
        path.write_bytes(data)
        article = load(path)
        assert article.title == TITLE and article.site == "Riverton Courier"
        for paragraph in paragraphs:
            assert paragraph in article.text
        for raw in ("Content-Type", "=3D", "<p>", "MultipartBoundary", "Advertisement"):
            assert raw not in article.text
        (link,) = article.links  # a relative link is read against the address the page was saved from
        assert link.url == "https://riverton.example/reports/bridge"
        assert path.read_bytes() == data  # the user's file is only read


def test_a_pages_pictures_are_read_from_its_archive(tmp_path):
    from viewer.core.loaders.images import read_local_image

    html = with_figure(news_page(), "/pictures/bridge.png")
    saved = {"story.mhtml": single_file_page(html, "https://riverton.example/news/bridge-story"),
             "story.webarchive": safari_web_archive(html, "https://riverton.example/news/bridge-story")}
    for name, data in saved.items():
        path = tmp_path / name
        path.write_bytes(data)
        (image,) = load(path).images
        # Offline: the picture is in the archive, read from it by its address (no fetch, no copy).
        assert image.src.startswith(path.resolve().as_uri() + "#") and image.caption.startswith("The old bridge")
        assert read_local_image(image.src) == PICTURE
        assert path.read_bytes() == data
    # A picture the archive does not hold keeps its web address.
    path = tmp_path / "elsewhere.mhtml"
    path.write_bytes(single_file_page(with_figure(news_page(), "https://cdn.example/other.png"),
                                      "https://riverton.example/news/bridge-story"))
    (image,) = load(path).images
    assert image.src == "https://cdn.example/other.png"


def test_a_single_file_archive_without_a_page_says_so(tmp_path):
    data = single_file_page(news_page(), "https://riverton.example/news/x").replace(
        b"Content-Type: text/html; charset=utf-8", b"Content-Type: text/css; charset=utf-8")
    path = tmp_path / "styles.mhtml"
    path.write_bytes(data)
    with pytest.raises(ArticleError, match=r"^“styles.mhtml” is a saved web page archive with no page in it\.$"):
        load(path)


def safari_web_archive(html: str, url: str) -> bytes:
    """A page as Safari saves it (Web Archive): a binary property list with the page as its main resource."""
    import plistlib

    return plistlib.dumps({
        "WebMainResource": {"WebResourceData": html.encode("utf-8"), "WebResourceMIMEType": "text/html",
                            "WebResourceTextEncodingName": "UTF-8", "WebResourceURL": url,
                            "WebResourceFrameName": ""},
        "WebSubresources": [{"WebResourceData": PICTURE, "WebResourceMIMEType": "image/png",
                             "WebResourceURL": PICTURE_URL}],
    }, fmt=plistlib.FMT_BINARY)


def test_a_safari_web_archive_opens_as_the_page(tmp_path):
    import plistlib

    accented = "The café’s owner called the “temporary” bridge naïve planning."
    html = news_page(paragraphs=PARAGRAPHS + [accented], link=("/reports/bridge", "its report on the bridge"))
    data = safari_web_archive(html, "https://riverton.example/news/bridge-story")
    for name in ("story.webarchive", "story.txt"):
        path = tmp_path / name
        path.write_bytes(data)
        article = load(path)
        assert article.title == TITLE and accented in article.text
        assert "bplist" not in article.text and "<p>" not in article.text
        (link,) = article.links
        assert link.url == "https://riverton.example/reports/bridge"
    other = tmp_path / "settings.webarchive"
    other.write_bytes(plistlib.dumps({"Theme": "dark"}, fmt=plistlib.FMT_BINARY))
    with pytest.raises(ArticleError, match=r"^“settings.webarchive” is a property list, not a saved web page\.$"):
        load(other)
    text = tmp_path / "notes.webarchive"
    text.write_text("Just a note.", encoding="utf-8")
    with pytest.raises(ArticleError, match=r"^“notes.webarchive” is not a Safari web archive, although its name"):
        load(text)


MARKDOWN = f"""---
title: "{TITLE}"
date: 2024-05-18
author: Jane Holloway
---

# {TITLE}

{PARAGRAPHS[0]}
It continues on a **second** line with [a link](https://trust.example/bridge) in it.

![a photo](bridge.jpg)

## Background

- {PARAGRAPHS[1]}
- {PARAGRAPHS[2]}

> {PARAGRAPHS[3]}

| Year | Event |
|------|-------|
| 2019 | Old bridge closed |
"""


def test_markdown_strips_markup_and_keeps_paragraphs(tmp_path):
    path = tmp_path / "story.md"
    path.write_text(MARKDOWN, encoding="utf-8")
    article = load(path)
    assert article.title == TITLE
    assert (article.date, article.author) == ("2024-05-18", "Jane Holloway")
    assert article.blocks[0].role == Role.HEADLINE
    assert article.text.count(TITLE) == 1
    assert "It continues on a second line with a link in it." in article.text
    for markup in ("**", "](", "![", "# ", "---", "> ", "|---"):
        assert markup not in article.text
    # The list's items are blocks of their own kind; their bullets are drawn by the reader, not in the text.
    items = [block for block in article.blocks if block.kind == BlockKind.LIST_ITEM]
    assert [article.block_text(block) for block in items] == PARAGRAPHS[1:3]
    assert "• " not in article.text
    assert "2019 | Old bridge closed" in article.text
    (link,) = article.links
    assert article.text[link.start:link.end] == "a link" and link.url == "https://trust.example/bridge"
    _check_offsets(article)


def test_markdown_title_from_first_heading_without_front_matter(tmp_path):
    path = tmp_path / "plain.markdown"
    path.write_text(f"Intro line before.\n\n## {TITLE}\n\n{PARAGRAPHS[0]}\n", encoding="utf-8")
    article = load(path)
    assert article.title == TITLE


def test_markdown_with_only_markup(tmp_path):
    path = tmp_path / "empty.md"
    path.write_text("![pic](a.png)\n\n---\n\n<div></div>\n", encoding="utf-8")
    with pytest.raises(ArticleError, match="no text"):
        load(path)


# -- PDF --
def _pdf_paragraphs():
    first = wrap(PARAGRAPHS[0], 80)
    second = ["The bridge cost 3.2 million pounds and was paid for by the trust, the county coun-",
              "cil and a grant from the National Lottery Heritage Fund. It was designed by Maria",
              "Okafor of Okafor Engineering."]
    return [[TITLE], first, second] + [wrap(p, 80) for p in PARAGRAPHS[2:]]


def test_pdf_paragraphs_rejoined_across_lines_pages_and_hyphens(tmp_path):
    path = tmp_path / "story.pdf"
    # Four lines a page: paragraphs cross page breaks; a running header and page numbers on every page.
    path.write_bytes(make_pdf(article_pages(_pdf_paragraphs(), 4, header="Riverton Courier - Local news"),
                              title=TITLE))
    article = load(path)
    assert article.title == TITLE
    expected = [TITLE, PARAGRAPHS[0], PARAGRAPHS[1]] + PARAGRAPHS[2:]
    assert article.text == "\n\n".join(expected)
    assert article.blocks[0].role == Role.HEADLINE


def test_pdf_without_vertical_gaps_uses_line_lengths(tmp_path):
    path = tmp_path / "tight.pdf"
    path.write_bytes(make_pdf(article_pages(_pdf_paragraphs(), 60, gap=False)))
    article = load(path)
    assert "county council and a grant" in article.text  # hyphenation at a line end undone
    assert article.text.startswith(TITLE + "\n\n")
    assert PARAGRAPHS[3] in article.text.split("\n\n")


def test_pdf_two_columns_read_column_by_column(tmp_path):
    left = wrap(PARAGRAPHS[0] + " " + PARAGRAPHS[1], 38)
    right = wrap(PARAGRAPHS[2] + " " + PARAGRAPHS[3], 38)
    lines = [(50.0, 780 - 14 * i, text) for i, text in enumerate(left)]
    lines += [(310.0, 780 - 14 * i, text) for i, text in enumerate(right)]
    path = tmp_path / "columns.pdf"
    path.write_bytes(make_pdf([lines], size=9))
    article = load(path)
    flat = " ".join(article.text.split())
    assert PARAGRAPHS[0] in flat and PARAGRAPHS[2] in flat


def test_scanned_pdf_says_so(tmp_path):
    path = tmp_path / "scan.pdf"
    path.write_bytes(make_scanned_pdf())
    with pytest.raises(ArticleError) as caught:
        load(path)
    assert "scanned" in str(caught.value) and "no text layer" in str(caught.value)


def test_broken_and_fake_pdfs(tmp_path):
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> garbage garbage\n")
    with pytest.raises(ArticleError, match="broken.pdf"):
        load(broken)
    fake = tmp_path / "fake.pdf"
    fake.write_text("Just some text.", encoding="utf-8")
    with pytest.raises(ArticleError, match="not a PDF"):
        load(fake)


def test_password_protected_pdf(tmp_path):
    from pypdf import PdfReader, PdfWriter
    import io

    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(make_pdf(article_pages(_pdf_paragraphs(), 40)))).pages:
        writer.add_page(page)
    writer.encrypt("secret", algorithm="RC4-128")
    path = tmp_path / "locked.pdf"
    with open(path, "wb") as handle:
        writer.write(handle)
    with pytest.raises(ArticleError, match="password"):
        load(path)


# -- other languages --
@pytest.mark.parametrize("paragraphs, language", [(FRENCH, "French"), (GERMAN, "German")])
def test_other_languages_open_with_a_notice(tmp_path, paragraphs, language):
    path = tmp_path / "foreign.txt"
    path.write_text("\n\n".join(paragraphs), encoding="utf-8")
    article = load(path)
    assert article.text.startswith(paragraphs[0][:30])
    assert language in article.notice and "English only" in article.notice


def test_non_latin_text_gets_the_notice(tmp_path):
    path = tmp_path / "ru.txt"
    path.write_text("Москва - столица России. Президент выступил с речью в Кремле во вторник утром, "
                    "сообщили журналисты. Выступление длилось около часа, и в нём говорилось о экономике, "
                    "о новых дорогах и о школах в регионах страны.", encoding="utf-8")
    article = load(path)
    assert "not seem to be in English" in article.notice


@pytest.mark.parametrize("text, words", [
    ("Prezydent Polski spotkał się w środę z premierem w Warszawie, gdzie rozmawiano o budżecie i o nowych "
     "drogach. To jest ważne dla kraju, ale nie wszyscy są zadowoleni z tego planu.", "in Polish"),
    # Everyday Indonesian, whose commonest words the list once missed ("kita", "mereka", "sudah", "bisa"...).
    ("Warga kota sudah lama menunggu jembatan baru itu. Menurut kepala desa, mereka harus berjalan dua jam "
     "setiap hari untuk sampai ke pasar. Kami berharap pemerintah bisa segera memulai pekerjaan, katanya kepada "
     "wartawan. Namun anggaran tersebut masih dibahas oleh para anggota dewan, dan belum ada keputusan sampai "
     "saat ini. Saya sendiri sering terlambat ke sekolah, kata seorang siswa. Jika jembatan selesai, perjalanan "
     "hanya akan memakan waktu sepuluh menit.", "in Indonesian"),
    ("東京で会議が開かれた。首相は記者会見で説明した。経済対策について、政府は来月にも新しい計画を発表する予定だと述べた。",
     "not seem to be in English"),
])
def test_more_languages_and_scripts(tmp_path, text, words):
    path = tmp_path / "other.txt"
    path.write_text(text, encoding="utf-8")
    assert words in load(path).notice


def test_english_results_table_gets_no_notice(tmp_path):
    """Few function words (scores, names) is not evidence of another language: no wrong notice."""
    rows = ["Riverton Rovers 3 Harbour Town 1", "Millbrook United 0 Castleford City 2",
            "Eastleigh Athletic 1 Northgate Wanderers 1", "Kingsbridge 4 Westmoor 0",
            "Leading scorers: Tom Barker (Riverton Rovers) 12, Sam Idowu (Castleford City) 10"]
    path = tmp_path / "results.txt"
    path.write_text("Weekend football results\n\n" + "\n".join(rows * 3), encoding="utf-8")
    assert load(path).notice == ""


def test_english_gets_no_notice(sample_path, tmp_path):
    assert load(sample_path).notice == ""
    path = tmp_path / "en.txt"
    path.write_text(BODY, encoding="utf-8")
    assert load(path).notice == ""


# -- pasted text and typed locations --
def test_pasted_text_is_the_article():
    article = load_pasted("  " + BODY.replace("\n\n", "\r\n\r\n") + "\n")
    assert article.source == "Clipboard"
    assert article.title == TITLE and PARAGRAPHS[2] in article.text


def test_pasted_nothing():
    with pytest.raises(ArticleError, match="clipboard has no text"):
        load_pasted("   \n ")


def test_pasted_file_url_opens_the_file(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(BODY, encoding="utf-8")
    assert load_pasted(path.as_uri()).title == TITLE


def test_location_from_text(tmp_path):
    assert location_from_text("example.com/news/1") == "https://example.com/news/1"
    assert location_from_text(" https://example.com/a ") == "https://example.com/a"
    assert location_from_text(str(tmp_path)) == str(tmp_path)


# -- limits and odd files --
def test_over_the_size_limit_states_it(tmp_path):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as handle:
        handle.truncate(MAX_BYTES + 1)  # sparse: no disk space used
    with pytest.raises(ArticleError) as caught:
        load(path)
    assert "20 MB limit" in str(caught.value)


@pytest.mark.parametrize("data, what", [
    (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "PNG image"),
    (b"PK\x03\x04" + b"\x00" * 64, "ZIP archive"),
    (b"\xff\xd8\xff\xe0" + b"\x00" * 64, "JPEG image"),
])
def test_known_binary_formats_are_named(tmp_path, data, what):
    path = tmp_path / "article.txt"
    path.write_bytes(data)
    with pytest.raises(ArticleError, match=what):
        load(path)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs a platform with FIFOs")
def test_a_fifo_is_refused_without_blocking(tmp_path):
    path = tmp_path / "pipe.txt"
    os.mkfifo(path)
    with pytest.raises(ArticleError, match="not a regular file"):
        load(path)


def test_permission_denied(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text(BODY, encoding="utf-8")
    path.chmod(0)
    try:
        if os.access(path, os.R_OK):
            pytest.skip("running as root: see test_permission_denied_for_an_ordinary_user")
        with pytest.raises(ArticleError, match="permission"):
            load(path)
    finally:
        path.chmod(0o600)


@pytest.mark.skipif(not hasattr(os, "fork") or os.geteuid() != 0, reason="needs root to become another user")
def test_permission_denied_for_an_ordinary_user():
    """As root nothing is denied, so a forked child becomes "nobody" and the kernel really refuses the open."""
    import shutil
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="loaders-perm-"))
    try:
        folder.chmod(0o755)
        path = folder / "private.txt"
        path.write_text(BODY, encoding="utf-8")
        path.chmod(0o600)  # owned by root: unreadable for anyone else
        reader, writer = os.pipe()
        child = os.fork()
        if child == 0:  # the child: drop to nobody for good, try, report, leave without cleanup
            message = "no error"
            try:
                os.setgid(65534)
                os.setuid(65534)
                load(path)
            except ArticleError as error:
                message = f"ArticleError: {error}"
            except BaseException as error:  # noqa: BLE001 - anything else is reported to the parent
                message = f"{type(error).__name__}: {error}"
            os.write(writer, message.encode("utf-8"))
            os._exit(0)
        os.close(writer)
        with os.fdopen(reader, "rb") as pipe:
            message = pipe.read().decode("utf-8")
        os.waitpid(child, 0)
        assert message == "ArticleError: You do not have permission to read “private.txt”."
    finally:
        shutil.rmtree(folder)
