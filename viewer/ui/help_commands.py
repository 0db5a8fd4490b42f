"""The commands about commands: the keyboard shortcuts dialog, the command palette and About."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer

from .. import APP_NAME, __version__
from .actions import KEYMAP, display_keys
from .commands import command

if TYPE_CHECKING:
    from .main_window import MainWindow


class HelpCommands:
    def __init__(self, window: MainWindow) -> None:
        self.window = window

    @command("shortcuts")
    def show_shortcuts(self) -> None:
        from .shortcuts_dialog import ShortcutsDialog

        dialog = ShortcutsDialog(self.window, self.window.keymap, self.window.apply_keymap)
        self.window.dialogs.keep("shortcuts", dialog)
        dialog.open()

    @command("command_palette")
    def show_palette(self) -> None:
        from .palette import Choice, command_palette

        actions = self.window.actions_by_name
        choices = [Choice(c.title, display_keys(actions[c.name].shortcuts()), c.name, c.help) for c in KEYMAP
                   if c.name != "command_palette" and actions[c.name].isEnabled()]
        dialog = command_palette(self.window, choices, self.run_command)
        self.window.dialogs.keep("palette", dialog)
        dialog.open()

    def run_command(self, name: str) -> None:
        # After the palette has closed, so the command sees the window's own focus.
        QTimer.singleShot(0, self.window.actions_by_name[name].trigger)

    @command("about")
    def show_about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Information, f"About {APP_NAME}",
                          f"<b>{APP_NAME}</b> {__version__}<br>Reads news articles with their named entities "
                          "highlighted and their key points listed. Analysis runs on this computer.<br><br>"
                          f"Settings: {self.window.settings.path}", QMessageBox.StandardButton.Close, self.window)
        self.window.dialogs.keep("about", box)
        box.open()
