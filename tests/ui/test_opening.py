"""Opening articles in the window: every way in, in the background, and bad input that keeps the article."""
from __future__ import annotations

import time

import pytest
from PySide6.QtCore import QMimeData, QObject, Qt, QTimer, QUrl, Slot
from PySide6.QtGui import (QDesktopServices, QDragEnterEvent, QDropEvent, QGuiApplication, QPageSize, QPdfWriter,
                           QTextCursor, QTextDocument)
from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit

from tests.pages import FRENCH, PARAGRAPHS, TITLE, news_page
from viewer.core.loaders import FORMATS
from viewer.ui.opening import file_filters

LOAD_TIMEOUT = 20_000


def _shown(qtbot, window, source):
    with qtbot.waitSignal(window.article_shown, timeout=LOAD_TIMEOUT) as blocker:
        assert window.open_source(source)
    return blocker.args[0]


def test_saved_page_shows_only_the_article_with_its_link(qtbot, window, tmp_path):
    path = tmp_path / "page.html"
    path.write_text(news_page(link=("https://trust.example/report", "its report")), encoding="utf-8")
    article = _shown(qtbot, window, path)
    pane_text = window.reading_pane.toPlainText()
    assert pane_text == article.text and pane_text.startswith(TITLE)
    assert "Most read" not in pane_text and "Advertisement" not in pane_text
    assert window.header.title.text() == TITLE
    assert "Riverton Courier" in window.header.meta.text() and "Jane Holloway" in window.header.meta.text()
    (link,) = article.links
    cursor = QTextCursor(window.reading_pane.document())
    cursor.setPosition(link.start + 1)
    assert cursor.charFormat().isAnchor() and cursor.charFormat().anchorHref() == "https://trust.example/report"


class _UrlCatcher(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url.toString())


def test_links_open_in_the_system_browser_only_when_clicked(qtbot, window, tmp_path):
    catcher = _UrlCatcher()
    QDesktopServices.setUrlHandler("https", catcher, "open")
    try:
        path = tmp_path / "page.html"
        path.write_text(news_page(link=("https://trust.example/report", "its report")), encoding="utf-8")
        article = _shown(qtbot, window, path)
        assert catcher.urls == []  # showing a page opens nothing
        pane = window.reading_pane
        link = article.links[0]
        cursor = QTextCursor(pane.document())
        cursor.setPosition(link.start + 2)
        pane.setTextCursor(cursor)
        pane.ensureCursorVisible()
        point = pane.cursorRect(cursor).center()
        qtbot.mouseClick(pane.viewport(), Qt.MouseButton.LeftButton, pos=point)
        qtbot.waitUntil(lambda: catcher.urls == ["https://trust.example/report"], timeout=3000)
        assert pane.toPlainText() == article.text  # the pane did not navigate
    finally:
        QDesktopServices.unsetUrlHandler("https")


def test_reading_pane_never_loads_resources(window, local_server, tmp_path):
    picture = tmp_path / "local.png"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n")
    pane = window.reading_pane
    for url in (QUrl(local_server.url("/tracker.png")), QUrl.fromLocalFile(str(picture)),
                QUrl("https://example.invalid/font.woff2")):
        for kind in (QTextDocument.ResourceType.ImageResource, QTextDocument.ResourceType.StyleSheetResource):
            assert pane.loadResource(kind.value, url) is None
    pane.setHtml(f'<img src="{local_server.url("/tracker.png")}"><link rel="stylesheet" '
                 f'href="{local_server.url("/style.css")}"><p>text</p>')
    QApplication.processEvents()
    assert local_server.paths() == []


def test_url_loads_in_the_background(qtbot, window, local_server):
    url = local_server.page("/story", news_page())
    slow = local_server.routes["/story"]
    local_server.routes["/story"] = lambda handler: (time.sleep(0.8), slow)[1]
    with qtbot.waitSignal(window.article_shown, timeout=LOAD_TIMEOUT) as blocker:
        started = time.monotonic()
        assert window.open_source(url)
        assert time.monotonic() - started < 0.5  # the window did not wait for the server
        assert window.statusBar().currentMessage().startswith("Loading")
    assert blocker.args[0].title == TITLE
    assert window.reading_pane.toPlainText().startswith(TITLE)
    assert local_server.paths() == ["/story"]


@pytest.mark.parametrize("route, words", [("404", "404 Not Found"), ("500", "500"), ("slow", "did not answer"),
                                          ("image", "not a web page"), ("dns", "could not be found")])
def test_failed_urls_keep_the_article_and_say_why(qtbot, analysed_window, local_server, route, words):
    window = analysed_window
    window.session.load_timeout = 0.5
    text_before, title_before = window.reading_pane.toPlainText(), window.header.title.text()
    url = {
        "404": local_server.url("/missing"),
        "500": local_server.page("/error", "oops", status=500),
        "slow": local_server.slow("/slow", 20),
        "image": local_server.page("/pic", b"\x89PNG", content_type="image/png"),
        "dns": "http://no-such-host.invalid/story",
    }[route]
    with qtbot.waitSignal(window.load_failed, timeout=LOAD_TIMEOUT) as blocker:
        assert window.open_source(url)
    assert words in blocker.args[0]
    assert window.message_bar.isVisible() and words in window.message_bar.text()
    assert "\n" not in window.message_bar.text()
    assert window.reading_pane.toPlainText() == text_before and window.header.title.text() == title_before
    assert window.actions_by_name["open"].isEnabled()


def test_bad_files_keep_the_article(analysed_window, tmp_path):
    window = analysed_window
    text_before = window.reading_pane.toPlainText()
    cases = {
        "empty.txt": (b"", "empty"),
        "binary.txt": (b"\x00\x01\x02" * 100, "binary"),
        "menu.html": (b"<html><body><nav><a href='/'>Home</a></nav></body></html>", "no article"),
    }
    for name, (data, words) in cases.items():
        path = tmp_path / name
        path.write_bytes(data)
        assert not window.open_source(path)
        assert words in window.message_bar.text()
        assert window.reading_pane.toPlainText() == text_before


def _print_pdf(path, paragraphs):
    document = QTextDocument()
    document.setHtml("<h1>" + TITLE + "</h1>" + "".join(f"<p>{p}</p>" for p in paragraphs))
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A6))  # small pages: paragraphs cross page breaks
    writer.setTitle(TITLE)
    document.print_(writer)


def test_pdf_printed_by_qt_opens_with_paragraphs_rejoined(qtbot, window, tmp_path):
    path = tmp_path / "printed.pdf"
    _print_pdf(path, PARAGRAPHS)
    article = _shown(qtbot, window, path)
    assert article.title == TITLE
    paragraphs = article.text.split("\n\n")
    assert paragraphs[0] == TITLE
    assert [" ".join(p.split()) for p in paragraphs[1:]] == PARAGRAPHS


def test_scanned_pdf_message(qtbot, window, tmp_path):
    from tests.pdfmaker import make_scanned_pdf

    path = tmp_path / "scan.pdf"
    path.write_bytes(make_scanned_pdf())
    with qtbot.waitSignal(window.load_failed, timeout=LOAD_TIMEOUT) as blocker:
        window.open_source(path)
    assert "scanned" in blocker.args[0] and window.message_bar.isVisible()


def test_non_english_text_is_shown_with_a_notice(qtbot, window, tmp_path):
    path = tmp_path / "fr.txt"
    path.write_text("\n\n".join(FRENCH), encoding="utf-8")
    _shown(qtbot, window, path)
    assert window.reading_pane.toPlainText().startswith(FRENCH[0][:40])
    assert window.message_bar.isVisible() and "English only" in window.message_bar.text()


def test_open_location_with_the_keyboard(qtbot, window, local_server):
    url = local_server.page("/typed", news_page())
    QGuiApplication.clipboard().clear()

    def type_address() -> None:
        dialog = window.dialog("location")
        assert isinstance(dialog, QInputDialog) and dialog.isVisible()
        line = dialog.findChild(QLineEdit)
        qtbot.keyClicks(line, url)
        qtbot.keyClick(line, Qt.Key.Key_Return)

    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    QTimer.singleShot(200, type_address)
    with qtbot.waitSignal(window.article_shown, timeout=LOAD_TIMEOUT) as blocker:
        qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert blocker.args[0].title == TITLE and blocker.args[0].source == url
    assert not window.dialog("location").isVisible()


def test_open_from_clipboard_text_and_address(qtbot, window, local_server):
    clipboard = QGuiApplication.clipboard()
    clipboard.setText("\n\n".join([TITLE] + PARAGRAPHS))
    with qtbot.waitSignal(window.article_shown, timeout=LOAD_TIMEOUT) as blocker:
        qtbot.keyClick(window, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert blocker.args[0].source == "Clipboard" and blocker.args[0].title == TITLE

    clipboard.setText(local_server.page("/copied", news_page(title="Copied address story")))
    with qtbot.waitSignal(window.article_shown, timeout=LOAD_TIMEOUT) as blocker:
        window.actions_by_name["open_clipboard"].trigger()
    assert blocker.args[0].title == "Copied address story"

    clipboard.clear()
    with qtbot.waitSignal(window.load_failed, timeout=LOAD_TIMEOUT) as blocker:
        window.actions_by_name["open_clipboard"].trigger()
    assert "clipboard has no text" in blocker.args[0]


def _drop(window, mime: QMimeData) -> bool:
    point = window.rect().center()
    enter = QDragEnterEvent(point, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, enter)
    if not enter.isAccepted():
        return False
    drop = QDropEvent(point.toPointF(), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, drop)
    return drop.isAccepted()


def test_drag_and_drop_a_file_or_an_address(qtbot, window, tmp_path, local_server):
    path = tmp_path / "dropped.md"
    path.write_text(f"# {TITLE}\n\n{PARAGRAPHS[0]}\n", encoding="utf-8")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    with qtbot.waitSignal(window.article_shown, timeout=LOAD_TIMEOUT) as blocker:
        assert _drop(window, mime)
    assert blocker.args[0].source == str(path)

    mime = QMimeData()
    mime.setText(local_server.page("/dragged", news_page(title="Dragged link story")))
    with qtbot.waitSignal(window.article_shown, timeout=LOAD_TIMEOUT) as blocker:
        assert _drop(window, mime)
    assert blocker.args[0].title == "Dragged link story"

    mime = QMimeData()
    mime.setText("just some words, not an address")
    assert not _drop(window, mime)


def test_open_dialog_filters_cover_every_format():
    filters = file_filters()
    for _name, extensions, _kind in FORMATS:
        for extension in extensions:
            assert f"*{extension}" in filters
    assert filters.startswith("Articles (") and filters.endswith("All files (*)")


def test_commands_are_in_the_keymap(window):
    from viewer.ui.actions import COMMANDS

    assert COMMANDS["open_location"].keys == ("Ctrl+L",)
    assert COMMANDS["open_clipboard"].keys == ("Ctrl+Shift+V",)
    assert window.actions_by_name["open_location"].shortcut().toString() == "Ctrl+L"


def test_a_link_under_an_entity_highlight_keeps_a_links_colour(qtbot, window, tmp_path):
    from viewer.core.groups import LINK_ON_LIGHT, TEXT_ON_LIGHT

    page = news_page(paragraphs=[
        'Officials of the <a href="https://example.org/us">United States</a> met the mayor of Paris on Monday '
        "to talk about the new bridge, the river and the money both cities will spend on them next year.",
        PARAGRAPHS[0]])
    path = tmp_path / "linked.html"
    path.write_text(page.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"'), encoding="utf-8")
    with qtbot.waitSignal(window.analysis_shown, timeout=LOAD_TIMEOUT):
        assert window.open_source(path)
    pane = window.reading_pane
    pane._highlighter.flush()
    link = next(link for link in window.article.links if link.url == "https://example.org/us")
    assert any(m.start <= link.start < m.end for m in window.analysis.mentions)  # the link is in a mention
    block = pane.document().findBlock(pane.offsets.to_document(link.start))
    in_block = link.start - block.position()
    colours = {(r.start, r.start + r.length): r.format.foreground().color().name() for r in block.layout().formats()}
    on_link = [colour for (start, end), colour in colours.items() if start <= in_block < end]
    assert on_link == [LINK_ON_LIGHT]  # a link under the highlight still looks like a link
    assert all(colour in (LINK_ON_LIGHT, TEXT_ON_LIGHT) for colour in colours.values())
