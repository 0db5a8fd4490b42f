"""The View menu's commands: text size, full screen, colour theme and the sidebar."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from .commands import command

if TYPE_CHECKING:
    from .main_window import MainWindow


class ViewCommands:
    def __init__(self, window: MainWindow) -> None:
        self.window = window

    @command("zoom_in")
    def zoom_in(self) -> None:
        self.zoom_by(1)

    @command("zoom_out")
    def zoom_out(self) -> None:
        self.zoom_by(-1)

    @command("zoom_reset")
    def zoom_reset(self) -> None:
        self.zoom_by(None)

    def zoom_by(self, step: int | None) -> None:
        pane = self.window.reading_pane
        steps = 0 if step is None else pane.zoom() + step
        self.window.settings.set("view/zoom", pane.set_zoom(steps))
        self.window.show_status(f"Text size {pane.zoom_percent()}%")

    @command("full_screen")
    def toggle_full_screen(self) -> None:
        window = self.window
        if window.isFullScreen():
            window.showNormal()
        else:
            window.showFullScreen()
        window.sync_checks()

    @command("cycle_theme")
    def cycle_theme(self) -> None:
        window = self.window
        theme = window.theme.next_theme()
        window.theme.apply(theme)
        window.settings.set("view/theme", theme)
        shown = "dark" if window.theme.is_dark() else "light"
        window.show_status(f"Theme: {theme}" + (f" (now {shown})" if theme == "system" else ""))

    def sidebar_visible(self) -> bool:
        return self.window.entity_dock.isVisible() or self.window.key_point_dock.isVisible()

    @command("toggle_sidebar")
    def toggle_sidebar(self) -> None:
        window = self.window
        show = not self.sidebar_visible()
        focus = QApplication.focusWidget()
        for dock in (window.entity_dock, window.key_point_dock):
            dock.setVisible(show)
        if not show and focus is not None and not focus.isVisible():
            window.reading_pane.setFocus(Qt.FocusReason.OtherFocusReason)  # never leave the focus nowhere
        window.sync_checks()
