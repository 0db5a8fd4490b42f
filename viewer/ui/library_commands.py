"""The Library menu's commands, File > Import into Library… and Go > Focus the Highlights.

Show Library… opens the library view; Entity Page in Library shows the page of
the entity chosen in the sidebar (also in the entity list's context menu).
Highlight Selection (h in the text) keeps the selected text as the reader's
highlight; Note on Highlight… (Shift+H) writes the note of the highlight under
the caret, Remove Highlight removes it. Library Settings… says where the
library is and how big it is, and turns storing every opened article on or off.
What they do to the library goes through the window's LibraryLink
(library_link.py).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from .commands import command

if TYPE_CHECKING:
    from ..core.library import Highlight
    from .main_window import MainWindow


class LibraryCommands:
    def __init__(self, window: MainWindow) -> None:
        self.window = window

    @property
    def link(self):
        return self.window.library_link

    @command("library")
    def show_library(self) -> None:
        view = self.link.show_library()
        if view is not None:
            view.focus_search()

    @command("entity_page")
    def entity_page(self) -> None:
        window = self.window
        entity = window.entity_panel.current_entity() if window.session.analysis is not None else None
        if entity is None:
            window.show_status("Choose an entity in the sidebar first.")
            return
        self.link.show_entity(entity)

    @command("import_library")
    def import_into_library(self) -> None:
        from .library_import import choose_and_import

        choose_and_import(self.window)

    @command("focus_highlights")
    def focus_highlights(self) -> None:
        window = self.window
        window.highlight_dock.show()
        window.highlight_dock.raise_()
        window.highlights_panel.focus_list()

    # -- the reader's highlights --
    @command("highlight")
    def highlight_selection(self) -> None:
        window = self.window
        pane = window.reading_pane
        if window.session.article is None:
            window.show_status("Open an article first.")
            return
        start, end = trimmed(window.session.article.text, *pane.selection_span())
        if start >= end:
            window.show_status("Select some text first (Shift and the arrow keys, or the mouse), then press h.")
            return
        if self.link.add_highlight(start, end):
            if window.key_point_dock.isVisible():  # the highlights' tab comes to the front, to see it listed
                window.highlight_dock.raise_()
            # The selection goes so the marker colour shows at once; the caret stays at the highlight's
            # end, where Shift+H finds it (see _highlight_at_caret).
            cursor = pane.textCursor()
            cursor.setPosition(pane.offsets.to_document(end))
            pane.setTextCursor(cursor)

    def _highlight_at_caret(self) -> Highlight | None:
        window = self.window
        pane = window.reading_pane
        start, end = pane.selection_span()
        found = pane.user_highlight_at(start)
        if found is None and end > start:
            found = pane.user_highlight_at(end - 1)
        if found is None and end == start and start > 0:
            # The caret just after a highlight's last letter (where h leaves it) counts as in it,
            # so h then Shift+H writes the note of the highlight just made.
            found = pane.user_highlight_at(start - 1)
        if found is None:
            window.show_status("Put the text cursor in one of your highlights first (press h on a selection "
                               "to make one).")
        return found

    @command("edit_note")
    def edit_note(self) -> None:
        highlight = self._highlight_at_caret()
        if highlight is not None:
            self.ask_note(highlight)

    def ask_note(self, highlight: Highlight) -> None:
        """Ask for the note of highlight (the text it has, to change); an empty note removes it."""
        from .library_dialogs import note_dialog  # dialogs load on first use

        dialog = note_dialog(self.window, highlight)
        dialog.textValueSelected.connect(lambda note: self.link.edit_note(highlight, note))
        self.window.dialogs.keep("note", dialog)
        dialog.open()

    @command("remove_highlight")
    def remove_highlight(self) -> None:
        highlight = self._highlight_at_caret()
        if highlight is not None:
            self.link.remove_highlight(highlight)

    @command("library_settings")
    def library_settings(self) -> None:
        from .library_dialogs import LibrarySettingsDialog

        dialog = LibrarySettingsDialog(self.window)
        self.window.dialogs.keep("library_settings", dialog)
        dialog.open()


def trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """The selection without the spaces and line breaks at its ends (a highlight starts and ends on words)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
