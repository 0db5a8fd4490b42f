"""File > Export and File > Print: the export dialog, PDF output and the print preview.

HTML, JSON and Markdown come from viewer.core.export. PDF and printing lay out
the print variant of the same HTML with QTextDocument, so paper shows the same
highlights, key points and entity list as the exported page. Every file is
written atomically, and an existing one only after the user agreed.
"""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QLocale, QMarginsF, Qt, Signal
from PySide6.QtGui import QPageLayout, QPageSize, QPagedPaintDevice, QPdfWriter, QTextDocument
from PySide6.QtPrintSupport import QPrintPreviewDialog
from PySide6.QtWidgets import (QApplication, QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFileDialog,
                               QFormLayout,
                               QHBoxLayout, QLabel, QLineEdit, QMessageBox, QPushButton, QVBoxLayout, QWidget)

from ..core.analysis import Analysis
from ..core.export import (FORMATS, describe_write_error, display_title, ensure_suffix, export_file_name, render,
                           to_html, with_suffix, write_export)
from .settings import Settings

PAGE_SIZES = {"A4": QPageSize.PageSizeId.A4, "Letter": QPageSize.PageSizeId.Letter}
# Where Letter paper is the norm; everywhere else uses A4.
_LETTER_TERRITORIES = {QLocale.Country.UnitedStates, QLocale.Country.Canada, QLocale.Country.Mexico,
                       QLocale.Country.Philippines, QLocale.Country.Chile, QLocale.Country.Colombia,
                       QLocale.Country.Venezuela, QLocale.Country.PuertoRico}


def default_page_size() -> str:
    return "Letter" if QLocale().territory() in _LETTER_TERRITORIES else "A4"


def print_document(analysis: Analysis, hidden_groups: Iterable[str] = (),
                   include_hidden: bool = False) -> QTextDocument:
    """The export HTML laid out by Qt for paper (PDF and printing)."""
    document = QTextDocument()
    document.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, display_title(analysis))
    document.setHtml(to_html(analysis, hidden_groups, include_hidden, for_print=True))
    return document


def no_device_margins(device: QPagedPaintDevice) -> None:
    # Without a page size of its own, QTextDocument.print_ lays the text out with 2 cm
    # margins and numbers the pages; device margins would come on top of those.
    device.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter)


def pdf_bytes(analysis: Analysis, hidden_groups: Iterable[str] = (), include_hidden: bool = False,
              page_size: str = "A4") -> bytes:
    """The article as a PDF on A4 or Letter paper."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setPageSize(QPageSize(PAGE_SIZES[page_size]))
    writer.setTitle(display_title(analysis))
    writer.setCreator("Article Viewer")
    no_device_margins(writer)
    print_document(analysis, hidden_groups, include_hidden).print_(writer)
    del writer  # finishes the PDF
    buffer.close()
    return bytes(buffer.data())


def export_data(analysis: Analysis, fmt: str, hidden_groups: Iterable[str] = (), include_hidden: bool = False,
                page_size: str = "A4") -> str | bytes:
    if fmt == "pdf":
        return pdf_bytes(analysis, hidden_groups, include_hidden, page_size)
    return render(analysis, fmt, hidden_groups, include_hidden)


def confirm_overwrite(parent: QWidget, path: Path) -> bool:
    answer = QMessageBox.question(
        parent, "Replace file?", f"“{path.name}” already exists in “{path.parent}”. Do you want to replace it?",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


class ExportDialog(QDialog):
    """Choose a format, a file, the paper size (PDF) and whether hidden groups are included."""

    exported = Signal(str)  # the path written

    def __init__(self, analysis: Analysis, hidden_groups: Iterable[str], settings: Settings,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setWindowTitle("Export article")
        self.analysis = analysis
        self.hidden_groups = frozenset(hidden_groups)
        self.settings = settings

        self.format_box = QComboBox(self)
        self.format_box.setObjectName("exportFormat")
        for fmt in FORMATS.values():
            self.format_box.addItem(f"{fmt.title} ({fmt.suffix})", fmt.name)
        self.format_box.setAccessibleName("Format")

        self.path_edit = QLineEdit(self)
        self.path_edit.setObjectName("exportPath")
        self.path_edit.setAccessibleName("File")
        self.path_edit.setMinimumWidth(self.fontMetrics().averageCharWidth() * 60)
        self.browse_button = QPushButton("&Browse…", self)
        self.browse_button.setObjectName("exportBrowse")
        self.browse_button.clicked.connect(self.browse)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(self.browse_button)

        self.page_size_box = QComboBox(self)
        self.page_size_box.setObjectName("exportPageSize")
        self.page_size_box.setAccessibleName("Paper size")
        self.page_size_box.addItems(list(PAGE_SIZES))

        hidden = ", ".join(sorted(self.hidden_groups))
        self.include_hidden_box = QCheckBox(f"&Include hidden groups ({hidden})" if hidden else
                                            "&Include hidden groups", self)
        self.include_hidden_box.setObjectName("exportIncludeHidden")
        self.include_hidden_box.setToolTip("Also highlight and list the entity groups switched off in the sidebar")

        self.error_label = QLabel(self)
        self.error_label.setObjectName("exportError")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #a01010;")
        self.error_label.hide()

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.export_button = self.buttons.addButton("&Export", QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.setObjectName("exportButton")
        self.export_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow("&Format:", self.format_box)
        path_label = QLabel("F&ile:", self)
        path_label.setBuddy(self.path_edit)
        form.addRow(path_label, path_row)
        form.addRow("&Paper:", self.page_size_box)
        form.addRow("", self.include_hidden_box)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

        fmt = self.settings.get("export/format")
        self.format_box.setCurrentIndex(max(0, self.format_box.findData(fmt if fmt in FORMATS else "html")))
        page_size = self.settings.get("export/page_size")
        self.page_size_box.setCurrentText(page_size if page_size in PAGE_SIZES else default_page_size())
        self.include_hidden_box.setChecked(self.settings.get("export/include_hidden"))
        # Where the last export went, else where the last article came from, else home.
        folder = Path(self.settings.get("export/folder") or self.settings.get("files/last_folder") or Path.home())
        self.path_edit.setText(str(folder / export_file_name(analysis, self.format())))
        self.format_box.currentIndexChanged.connect(self._format_changed)
        self._format_changed()
        self.path_edit.setFocus()
        self.path_edit.selectAll()

    # -- choices --
    def format(self) -> str:
        return self.format_box.currentData()

    def set_format(self, fmt: str) -> None:
        self.format_box.setCurrentIndex(self.format_box.findData(fmt))

    def path(self) -> Path:
        return Path(self.path_edit.text().strip()).expanduser()

    def _format_changed(self) -> None:
        fmt = self.format()
        if self.path_edit.text().strip():
            self.path_edit.setText(str(with_suffix(self.path(), fmt)))
        self.page_size_box.setEnabled(fmt == "pdf")
        # The JSON is the complete data for scripts, whatever the sidebar hides.
        self.include_hidden_box.setEnabled(fmt != "json" and bool(self.hidden_groups))

    def browse(self) -> None:
        filters = [f.file_filter for f in FORMATS.values()]
        current = FORMATS[self.format()].file_filter
        path, chosen = QFileDialog.getSaveFileName(
            self, "Export article as", str(self.path()), ";;".join(filters), current,
            QFileDialog.Option.DontConfirmOverwrite)  # accept() asks, once
        if not path:
            return
        for fmt in FORMATS.values():
            if chosen == fmt.file_filter:
                self.set_format(fmt.name)
        self.path_edit.setText(str(with_suffix(path, self.format())))

    # -- writing --
    def accept(self) -> None:
        """Write the file; if it exists, ask first, and stay open on No so another name can be chosen."""
        if not self.path_edit.text().strip():
            self._say("Choose a file to export to.")
            return
        fmt = self.format()
        path = ensure_suffix(self.path(), fmt)
        self.path_edit.setText(str(path))
        if path.is_dir():
            self._say(f"“{path}” is a folder; add a file name.")
            return
        overwrite = path.exists()
        if overwrite and not confirm_overwrite(self, path):
            self.path_edit.setFocus()
            return
        include_hidden = self.include_hidden_box.isChecked()
        # A PDF of a very long article takes a second or two (benchmarks/export_speed.py).
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            data = export_data(self.analysis, fmt, self.hidden_groups, include_hidden,
                               self.page_size_box.currentText())
        finally:
            QApplication.restoreOverrideCursor()
        try:
            write_export(path, data, overwrite=overwrite)
        except OSError as error:
            self._say(describe_write_error(path, error))
            return
        self.settings.set("export/format", fmt)
        self.settings.set("export/folder", str(path.parent))
        self.settings.set("export/include_hidden", include_hidden)
        if fmt == "pdf":
            self.settings.set("export/page_size", self.page_size_box.currentText())
        super().accept()
        self.exported.emit(str(path))

    def _say(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()


def open_print_preview(parent: QWidget, analysis: Analysis, hidden_groups: Iterable[str],
                       page_size: str) -> QPrintPreviewDialog:
    """Show the print preview (window-modal, not blocking); its Print button prints."""
    dialog = QPrintPreviewDialog(parent)  # with a printer of its own, which lives exactly as long as it
    dialog.setObjectName("printPreview")
    dialog.setWindowTitle(f"Print preview — {display_title(analysis)}")
    printer = dialog.printer()
    printer.setResolution(1200)  # lay out as finely as the PDF export does, not at screen resolution
    printer.setPageSize(QPageSize(PAGE_SIZES.get(page_size, PAGE_SIZES["A4"])))
    printer.setDocName(display_title(analysis))
    printer.setCreator("Article Viewer")
    no_device_margins(printer)  # set once, so margins chosen in the preview's page set-up still count
    document = print_document(analysis, hidden_groups)
    document.setParent(dialog)
    dialog.paintRequested.connect(document.print_)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog
