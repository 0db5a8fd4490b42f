"""The Edit menu's commands: finding in the text and copying the key points."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QGuiApplication

from .commands import command
from .wording import counted

if TYPE_CHECKING:
    from .main_window import MainWindow


class EditCommands:
    def __init__(self, window: MainWindow) -> None:
        self.window = window

    @command("find")
    def find(self) -> None:
        self.window.find_bar.open_bar()

    @command("find_next")
    def find_next(self) -> None:
        self._find_again(backwards=False)

    @command("find_previous")
    def find_previous(self) -> None:
        self._find_again(backwards=True)

    def _find_again(self, backwards: bool) -> None:
        find_bar = self.window.find_bar
        if not find_bar.query():
            find_bar.open_bar()
            return
        find_bar.show()
        find_bar.find(backwards=backwards)

    @command("copy_key_points")
    def copy_key_points(self) -> None:
        """Put the key points on the clipboard as a bulleted list headed by the title and source."""
        analysis = self.window.session.analysis
        if analysis is None or not analysis.key_points:
            self.window.show_status("There are no key points to copy yet.")
            return
        from ..core.export import key_points_text  # off the path to the first paint

        # Plain text only: a QMimeData handed to the clipboard from Python is freed
        # twice when the application exits (PySide6 6.11, a crash at quit).
        QGuiApplication.clipboard().setText(key_points_text(analysis))
        self.window.show_status(f"Copied {counted(len(analysis.key_points), 'key point')}")
