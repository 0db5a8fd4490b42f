"""The File menu's commands: opening, recent articles, export and print, closing, retrying, quitting.

Every way of opening ends in the session (ArticleSession.open); the dialogs
here only ask for a file, an address or a recent article. Export and print
load Qt's print support on first use, never before the window's first paint.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer

from .commands import command

if TYPE_CHECKING:
    from .main_window import MainWindow
    from .palette import Choice  # loads on first use, not at start-up


class FileCommands:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.export_dialog = None  # the last export dialog opened, for tests
        self.print_preview = None

    @command("open")
    def choose_file(self) -> None:
        from PySide6.QtWidgets import QFileDialog  # dialogs' types are built on first use, not at start-up

        from .opening import file_filters

        window = self.window
        folder = window.settings.get("files/last_folder") or str(Path.home())
        dialog = QFileDialog(window, "Open article", folder, file_filters())
        dialog.setObjectName("openDialog")
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
        dialog.fileSelected.connect(self._file_chosen)
        window.dialogs.keep("open", dialog)
        dialog.open()

    def _file_chosen(self, path: str) -> None:
        if path:
            self.window.settings.set("files/last_folder", str(Path(path).parent))
            self.window.open_source(path)

    @command("open_location")
    def open_location(self) -> None:
        """Ask for a web address (offering one from the clipboard) and open it."""
        opener = self.window.opener
        dialog = opener.location_dialog()
        dialog.textValueSelected.connect(opener.open_typed)
        self.window.dialogs.keep("location", dialog)
        dialog.open()

    @command("open_clipboard")
    def open_clipboard(self) -> None:
        self.window.opener.open_clipboard()

    @command("recent")
    def show_recent(self) -> None:
        window = self.window
        recent = window.settings.get("files/recent")
        if not recent:
            window.show_status("No recent articles yet.")
            return
        from .palette import QuickChooser  # dialogs load on first use, not before the first paint

        titles = window.settings.recent_titles()
        choices = [recent_choice(source, titles.get(source, "")) for source in recent]
        dialog = QuickChooser(window, "Recent articles", choices, "Type part of a title or a file name")
        dialog.setObjectName("recentArticles")
        dialog.chosen.connect(lambda source: QTimer.singleShot(0, lambda: window.open_source(source)))
        window.dialogs.keep("recent", dialog)
        dialog.open()

    @command("export")
    def export_article(self) -> None:
        """Open the export dialog (window-modal, not blocking) for the article shown."""
        window = self.window
        if window.session.analysis is None:
            return
        from .exporting import ExportDialog  # with Qt's print support: loaded on first use, not at start-up

        dialog = ExportDialog(window.session.analysis, window.entity_panel.model.hidden_groups(), window.settings,
                              window)
        dialog.exported.connect(lambda path: window.show_status(f"Exported to {path}"))
        dialog.finished.connect(dialog.deleteLater)
        self.export_dialog = dialog
        dialog.open()

    @command("print")
    def print_article(self) -> None:
        """Show a print preview of the article as it is highlighted now; print from there."""
        window = self.window
        if window.session.analysis is None:
            return
        from .exporting import default_page_size, open_print_preview

        page_size = window.settings.get("export/page_size") or default_page_size()
        self.print_preview = open_print_preview(window, window.session.analysis,
                                                window.entity_panel.model.hidden_groups(), page_size)

    @command("close_article")
    def close_article(self) -> None:
        """Leave the window empty, ready for the next article."""
        self.window.session.close()

    @command("retry_analysis")
    def retry_analysis(self) -> None:
        """Analyse the article shown again: after a failure (a passing fault, a model since fixed) or at will."""
        window = self.window
        if window.session.article is None:
            return
        window.message_bar.show_message(window.session.article.notice)
        window.session.retry()

    @command("quit")
    def quit(self) -> None:
        self.window.close()


def recent_choice(source: str, title: str = "") -> Choice:
    """A recent article as the chooser shows it: its title (else its file name) with where it is from.

    The detail is the page's address, the file's path (its folder when the title
    is the file's name), marked when the file is no longer there.
    """
    from .palette import Choice

    if "://" in source:
        return Choice(title or source, source if title else "", source)
    path = Path(source)
    where = str(path) if title else str(path.parent)
    if not path.exists():
        where += " (no longer there)"
    return Choice(title or path.name or source, where, source)
