"""Web addresses, fetched from a real HTTP server on 127.0.0.1 that each test starts in a thread."""
from __future__ import annotations

import time

import pytest

from tests.pages import PARAGRAPHS, TITLE, news_page
from tests.pdfmaker import article_pages, make_pdf
from viewer.core.errors import ArticleError
from viewer.core.loaders import is_url, load, load_pasted


def test_page_is_fetched_and_extracted(local_server):
    url = local_server.page("/news/bridge", news_page(link=("/reports/bridge", "its report")))
    article = load(url)
    assert article.source == url
    assert article.title == TITLE and article.site == "Riverton Courier"
    assert PARAGRAPHS[2] in article.text and "Most read" not in article.text
    # The relative link is resolved against the page's address, and only the page itself was fetched.
    assert [link.url for link in article.links] == [local_server.url("/reports/bridge")]
    assert local_server.paths() == ["/news/bridge"]
    headers = local_server.requests[0][1]
    assert headers["User-Agent"].startswith("ArticleViewer/")
    assert "Cookie" not in headers


def test_page_resources_are_never_fetched(local_server):
    extra = (f'<link rel="stylesheet" href="{local_server.url("/style.css")}">'
             f'<script src="{local_server.url("/app.js")}"></script>'
             f'<style>@font-face {{ src: url("{local_server.url("/font.woff2")}"); }}</style>')
    page = news_page(extra_head=extra).replace(
        "<h1>", f'<img src="{local_server.url("/photo.jpg")}"><iframe src="{local_server.url("/frame")}"></iframe><h1>')
    url = local_server.page("/story", page)
    load(url)
    assert local_server.paths() == ["/story"]


def test_redirects_are_followed(local_server):
    target = local_server.page("/final", news_page())
    start = local_server.redirect("/old", "/moved")
    local_server.redirect("/moved", target, status=301)
    article = load(start)
    assert article.title == TITLE
    assert local_server.paths() == ["/old", "/moved", "/final"]


def test_redirect_loops_stop(local_server):
    local_server.redirect("/a", "/b")
    url = local_server.redirect("/b", "/a")
    with pytest.raises(ArticleError, match="redirects"):
        load(url)


def test_redirect_to_a_local_file_is_refused(local_server):
    url = local_server.redirect("/sneaky", "file:///etc/passwd")
    with pytest.raises(ArticleError, match="not a web address"):
        load(url)


@pytest.mark.parametrize("status, words", [(404, "404 Not Found"), (500, "500 Internal Server Error"),
                                           (403, "403 Forbidden")])
def test_http_errors(local_server, status, words):
    url = local_server.page("/broken", "<html><body>error</body></html>", status=status)
    with pytest.raises(ArticleError) as caught:
        load(url)
    assert words in str(caught.value) and url in str(caught.value)


def test_missing_page_is_a_404(local_server):
    with pytest.raises(ArticleError, match="404"):
        load(local_server.url("/nothing-here"))


def test_slow_server_times_out(local_server):
    url = local_server.slow("/slow", 30)
    started = time.monotonic()
    with pytest.raises(ArticleError) as caught:
        load(url, timeout=0.5)
    assert time.monotonic() - started < 5
    assert "did not answer within 0.5 seconds" in str(caught.value)


def test_trickling_server_times_out_in_total(local_server):
    url = local_server.trickle("/trickle", 30)
    started = time.monotonic()
    with pytest.raises(ArticleError, match="did not answer within 0.5 seconds"):
        load(url, timeout=0.5)
    assert time.monotonic() - started < 5


@pytest.mark.parametrize("content_type", ["image/png", "application/zip", "application/octet-stream"])
def test_wrong_content_type(local_server, content_type):
    url = local_server.page("/thing", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, content_type=content_type)
    with pytest.raises(ArticleError) as caught:
        load(url)
    assert content_type in str(caught.value) and "not a web page" in str(caught.value)


def test_oversized_page_by_header_and_by_body(local_server):
    big = b"<html><body>" + b"<p>word word word word</p>" * 2000 + b"</body></html>"
    url = local_server.page("/big", big)
    with pytest.raises(ArticleError, match="10 KB limit"):
        load(url, max_bytes=10 * 1024)
    # A server that sends no length is cut off while reading.
    local_server.routes["/chunky"] = lambda handler: _no_length(handler, big)
    with pytest.raises(ArticleError, match="10 KB limit"):
        load(local_server.url("/chunky"), max_bytes=10 * 1024)


def _no_length(handler, body):
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html")
    handler.send_header("Connection", "close")
    handler.end_headers()
    handler.wfile.write(body)
    return None


def test_unresolvable_name():
    with pytest.raises(ArticleError) as caught:
        load("http://no-such-host.invalid/story", timeout=5)
    assert "“no-such-host.invalid” could not be found" in str(caught.value)


def test_refused_connection(local_server):
    port = local_server.port
    local_server.close()
    with pytest.raises(ArticleError, match="refused|could not be opened"):
        load(f"http://127.0.0.1:{port}/gone", timeout=2)


def test_plain_text_markdown_and_pdf_urls(local_server):
    text = local_server.page("/story.txt", "\n\n".join([TITLE] + PARAGRAPHS), content_type="text/plain; charset=utf-8")
    assert load(text).title == TITLE
    md = local_server.page("/story.md", f"# {TITLE}\n\n{PARAGRAPHS[0]}\n", content_type="text/markdown")
    assert load(md).title == TITLE
    pdf = local_server.page("/story.pdf", make_pdf(article_pages([[TITLE], [PARAGRAPHS[0][:70]]], 40)),
                            content_type="application/pdf")
    assert load(pdf).text.startswith(TITLE)


def test_charset_from_the_header(local_server):
    page = news_page(paragraphs=["The café in Zürich reopened on Monday after the long winter, its owner said, "
                                 "and the first guests were waiting outside at seven."])
    url = local_server.page("/cp", page.replace('<meta charset="utf-8">', "").encode("cp1252"),
                            content_type="text/html; charset=windows-1252")
    assert "café in Zürich" in load(url).text


def test_pasted_address_is_fetched(local_server):
    url = local_server.page("/pasted", news_page())
    assert load_pasted(f"  {url}\n").title == TITLE


@pytest.mark.parametrize("address", ["ftp://example.com/story.txt", "gopher://example.com/", "javascript://x"])
def test_other_schemes_are_refused_by_name(address):
    with pytest.raises(ArticleError, match="not a web address the viewer can open"):
        load(address)


def test_is_url():
    assert is_url("https://example.com/a") and is_url("http://127.0.0.1:8000/")
    assert not is_url("example.com") and not is_url("ftp://example.com/x") and not is_url("/tmp/a.html")
