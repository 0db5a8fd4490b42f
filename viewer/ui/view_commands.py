"""The View menu's commands: text size, typeface, line spacing, margins, colour theme, the plain reading
view, pictures from the web, full screen and the sidebar. Each choice is saved as it is made."""
from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from .commands import command
from .typography import LINE_SPACINGS, MARGIN_NAMES, next_choice

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

    @command("serif_font")
    def toggle_serif(self) -> None:
        pane = self.window.reading_pane
        face = "sans" if pane.typography().font == "serif" else "serif"
        self._set_typography(font=face)

    @command("line_spacing")
    def cycle_line_spacing(self) -> None:
        spacing = next_choice(LINE_SPACINGS, self.window.reading_pane.typography().line_spacing)
        self._set_typography(line_spacing=spacing)

    @command("margins")
    def cycle_margins(self) -> None:
        self._set_typography(margins=next_choice(MARGIN_NAMES, self.window.reading_pane.typography().margins))

    def _set_typography(self, **changes) -> None:
        window = self.window
        typography = replace(window.reading_pane.typography(), **changes)
        window.reading_pane.set_typography(typography)
        for name, value in changes.items():
            window.settings.set(f"view/{name}", value)
        window.sync_checks()
        window.show_status(typography.describe())

    @command("plain_view")
    def toggle_plain_view(self) -> None:
        window = self.window
        plain = not window.reading_pane.is_plain()
        window.reading_pane.set_plain(plain)
        window.settings.set("view/plain", plain)
        window.sync_checks()
        window.show_status("Plain reading view: highlights off" if plain else "Highlights on")

    @command("load_images")
    def toggle_load_images(self) -> None:
        window = self.window
        allowed = not window.settings.get("view/load_images")
        window.settings.set("view/load_images", allowed)
        window.reading_pane.set_load_images(allowed)
        window.sync_checks()
        window.show_status("Pictures of articles from the web are loaded" if allowed
                           else "Pictures from the web are not loaded: only the address you open is fetched")

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
