"""The reader's entity corrections in the window: Change Entity Type…, Not an Entity, Your Corrections….

A correction is made on the entity chosen in the sidebar (its context menu or
the keys) and applies at once to the article shown and to every article from
then on, the command line included (viewer/core/corrections.py keeps them in the
user's data folder). Your Corrections… lists them; Undo takes one back.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer

from .commands import command

if TYPE_CHECKING:
    from ..core.analysis import Entity
    from ..core.corrections import CorrectionStore
    from .main_window import MainWindow


class CorrectionCommands:
    def __init__(self, window: MainWindow) -> None:
        self.window = window

    @property
    def store(self) -> CorrectionStore:
        return self.window.session.corrections

    def _chosen_entity(self) -> Entity | None:
        entity = self.window.entity_panel.current_entity() if self.window.session.analysis else None
        if entity is None:
            self.window.show_status("Choose an entity in the sidebar first.")
        return entity

    @command("change_entity_type")
    def change_type(self) -> None:
        """Ask for the chosen entity's type, from a list of every type with what it means."""
        entity = self._chosen_entity()
        if entity is None:
            return
        from ..core.groups import LABEL_MEANINGS, LABELS, group_of
        from .palette import Choice, QuickChooser

        choices = [Choice(f"{group_of(label).name}: {LABEL_MEANINGS[label]}", label, label)
                   for label in LABELS if label != entity.label]
        dialog = QuickChooser(self.window, f"Change the type of “{entity.name}”", choices,
                              "Type a kind of name: people, company, place, date...")
        dialog.setObjectName("changeEntityType")
        dialog.chosen.connect(lambda label: self._correct(entity.name, label))
        self.window.dialogs.keep("change_type", dialog)
        dialog.open()

    @command("not_an_entity")
    def not_an_entity(self) -> None:
        entity = self._chosen_entity()
        if entity is not None:
            self._correct(entity.name, None)

    def _correct(self, name: str, label: str | None) -> None:
        from ..core.corrections import CorrectionError

        try:
            correction = self.store.change_type(name, label) if label else self.store.not_an_entity(name)
        except (CorrectionError, OSError) as error:
            self.window.show_error(f"The correction could not be kept: {error}")
            return
        # After the chooser has closed and given the focus back.
        QTimer.singleShot(0, self.window.session.corrections_changed)
        self.window.show_status(f"From now on, {correction.describe()} (Edit > Your Corrections to undo).")

    @command("corrections")
    def show_corrections(self) -> None:
        from .corrections_dialog import CorrectionsDialog  # its widgets' types are built on first use

        dialog = CorrectionsDialog(self.window, self.store)
        dialog.changed.connect(self.window.session.corrections_changed)
        self.window.dialogs.keep("corrections", dialog)
        dialog.open()
