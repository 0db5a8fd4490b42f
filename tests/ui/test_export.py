"""File > Export and File > Print in the real window, driven by keys and clicks; dialogs never block."""
from __future__ import annotations

import shutil
import subprocess

import html5lib
import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrintPreviewDialog, QPrintPreviewWidget
from PySide6.QtWidgets import QMessageBox

from viewer.core.export import to_html, to_markdown
from viewer.ui import exporting


def open_export_dialog(qtbot, window):
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.files.export_dialog is not None and window.files.export_dialog.isVisible())
    return window.files.export_dialog


def export(qtbot, window, fmt, path, include_hidden=False, page_size=None):
    dialog = open_export_dialog(qtbot, window)
    dialog.set_format(fmt)
    dialog.path_edit.setText(str(path))
    dialog.include_hidden_box.setChecked(include_hidden)
    if page_size:
        dialog.page_size_box.setCurrentText(page_size)
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    return dialog


def test_export_and_print_wait_for_the_analysis(window):
    assert not window.actions_by_name["export"].isEnabled()
    assert not window.actions_by_name["print"].isEnabled()
    assert window.actions_by_name["export"].shortcut().toString() == "Ctrl+E"


def test_text_exports_follow_the_hidden_groups(qtbot, analysed_window, tmp_path):
    window = analysed_window
    model = window.entity_panel.model
    model.toggle_group(model.group_names().index("Places"))
    hidden = model.hidden_groups()
    assert "Places" in hidden

    dialog = export(qtbot, window, "html", tmp_path / "page")
    assert not dialog.isVisible()
    page = (tmp_path / "page.html").read_text(encoding="utf-8")  # the suffix was added
    assert page == to_html(window.analysis, hidden)
    html5lib.HTMLParser(strict=True).parse(page)
    assert "Exported to" in window.statusBar().currentMessage()

    export(qtbot, window, "md", tmp_path / "notes.md", include_hidden=True)
    notes = (tmp_path / "notes.md").read_text(encoding="utf-8")
    assert notes == to_markdown(window.analysis, hidden, include_hidden=True)
    assert "Karachi Industrial Park" in notes
    assert window.settings.get("export/include_hidden") is True

    export(qtbot, window, "json", tmp_path / "data.json")
    assert (tmp_path / "data.json").read_text(encoding="utf-8").startswith('{\n  "source"')


@pytest.mark.parametrize("answer", [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes])
def test_overwrite_is_asked_first(qtbot, analysed_window, tmp_path, monkeypatch, answer):
    target = tmp_path / "article.md"
    target.write_text("my notes", encoding="utf-8")
    asked = []

    def question(parent, title, text, *args):
        asked.append(text)
        return answer

    monkeypatch.setattr(exporting.QMessageBox, "question", question)
    dialog = export(qtbot, analysed_window, "md", target)
    assert len(asked) == 1 and "article.md" in asked[0]
    if answer == QMessageBox.StandardButton.No:
        assert target.read_text(encoding="utf-8") == "my notes"
        assert dialog.isVisible(), "the dialog stays open so another name can be chosen"
        dialog.reject()
    else:
        assert target.read_text(encoding="utf-8").startswith("# Khusro Bakhtyar")
        assert not dialog.isVisible()


def test_browse_picks_the_format_from_the_file_type(qtbot, analysed_window, tmp_path, monkeypatch):
    offered = {}

    def get_save_file_name(parent, caption, folder, filters, selected, options):
        offered.update(filters=filters.split(";;"), selected=selected, options=options)
        return str(tmp_path / "notes"), "Markdown (*.md *.markdown)"

    monkeypatch.setattr(exporting.QFileDialog, "getSaveFileName", get_save_file_name)
    dialog = open_export_dialog(qtbot, analysed_window)
    dialog.set_format("html")
    qtbot.mouseClick(dialog.browse_button, Qt.MouseButton.LeftButton)
    assert offered["filters"] == ["Web page (*.html *.htm)", "JSON data (*.json)", "Markdown (*.md *.markdown)",
                                  "PDF (*.pdf)"]
    assert offered["selected"] == "Web page (*.html *.htm)"
    assert dialog.format() == "md" and dialog.path() == tmp_path / "notes.md"
    assert not dialog.page_size_box.isEnabled()
    dialog.set_format("pdf")
    assert dialog.page_size_box.isEnabled() and dialog.path() == tmp_path / "notes.pdf"
    dialog.reject()


def test_cancel_writes_nothing(qtbot, analysed_window, tmp_path):
    dialog = open_export_dialog(qtbot, analysed_window)
    dialog.path_edit.setText(str(tmp_path / "never.html"))
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert list(tmp_path.iterdir()) == []


def test_unwritable_folder_says_why(qtbot, analysed_window, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    dialog = export(qtbot, analysed_window, "html", blocker / "page.html")
    assert dialog.isVisible() and dialog.error_label.isVisible()
    assert "Could not write" in dialog.error_label.text()
    dialog.reject()


def pdf_facts(path):
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return info, text


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils (pdftotext, pdfinfo)")
@pytest.mark.parametrize("page_size, points", [("A4", "595 x 842"), ("Letter", "612 x 792")])
def test_pdf_export_on_the_chosen_paper(qtbot, analysed_window, tmp_path, page_size, points):
    target = tmp_path / "article.pdf"
    export(qtbot, analysed_window, "pdf", target, page_size=page_size)
    assert target.read_bytes().startswith(b"%PDF")
    info, text = pdf_facts(target)
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    assert pages >= 1
    assert points in info
    flowing = " ".join(text.split())
    assert analysed_window.analysis.title in flowing
    assert analysed_window.analysis.key_points[0].text[:60] in flowing


def test_print_preview_shows_pages(qtbot, analysed_window):
    window = analysed_window
    qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.files.print_preview is not None and window.files.print_preview.isVisible())
    preview = window.files.print_preview
    assert isinstance(preview, QPrintPreviewDialog)
    widget = preview.findChild(QPrintPreviewWidget)
    qtbot.waitUntil(lambda: widget.pageCount() > 0)
    assert window.analysis.title in preview.windowTitle()
    preview.reject()
    qtbot.waitUntil(lambda: not preview.isVisible())
