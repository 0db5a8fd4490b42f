"""The Go menu's commands: Back / Forward, moving between panes, and stepping through mentions and key points.

Stepping goes from the text cursor: the next mention (or key point) is the
first one after the caret, wrapping round at the end. The sidebar's choices
(an entity, a mention, a key point) arrive here too, so the text always shows
what was chosen.
"""
from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDockWidget, QWidget

from ..core.groups import group_of
from .commands import command
from .reading_pane import describe_mention

if TYPE_CHECKING:
    from ..core.analysis import Entity, KeyPoint, Mention
    from .main_window import MainWindow


class Navigation:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self._showing_entity = False  # "e" selects in the sidebar without moving the text cursor

    @property
    def _analysis(self):
        return self.window.session.analysis

    def _status(self, message: str) -> None:
        self.window.show_status(message)

    # -- Back / Forward --
    @command("back")
    def back(self) -> None:
        self.window.session.go(-1)

    @command("forward")
    def forward(self) -> None:
        self.window.session.go(1)

    # -- panes --
    @command("focus_text")
    def focus_text(self) -> None:
        self.window.reading_pane.setFocus(Qt.FocusReason.ShortcutFocusReason)

    @command("focus_entities")
    def focus_entities(self) -> None:
        self._focus_dock(self.window.entity_dock, self.window.entity_panel.tree)

    @command("focus_key_points")
    def focus_key_points(self) -> None:
        self._focus_dock(self.window.key_point_dock, self.window.key_point_panel)

    @command("next_pane")
    def next_pane(self) -> None:
        self.cycle_pane(1)

    @command("previous_pane")
    def previous_pane(self) -> None:
        self.cycle_pane(-1)

    def panes(self) -> list[QWidget]:
        """The panes F6 cycles through, in reading order, skipping hidden ones."""
        window = self.window
        panes: list[QWidget] = [window.reading_pane]
        if window.find_bar.isVisible():
            panes.append(window.find_bar.field)
        if window.entity_dock.isVisible():
            panes.append(window.entity_panel.tree)
        if window.key_point_dock.isVisible():
            panes.append(window.key_point_panel)
        return panes

    def cycle_pane(self, step: int) -> None:
        panes = self.panes()
        focus = QApplication.focusWidget()
        entity_panel = self.window.entity_panel
        current = next((i for i, pane in enumerate(panes)
                        if focus is not None and (focus is pane or pane.isAncestorOf(focus)
                                                  or (pane is entity_panel.tree and entity_panel.isAncestorOf(focus)))),
                       -1)
        target = panes[(current + step) % len(panes)] if current >= 0 else panes[0]
        target.setFocus(Qt.FocusReason.ShortcutFocusReason)

    @staticmethod
    def _focus_dock(dock: QDockWidget, widget: QWidget) -> None:
        dock.show()
        dock.raise_()
        widget.setFocus(Qt.FocusReason.ShortcutFocusReason)

    # -- mentions --
    @command("next_mention")
    def next_mention(self) -> None:
        self.step_mention(backwards=False)

    @command("previous_mention")
    def previous_mention(self) -> None:
        self.step_mention(backwards=True)

    def step_mention(self, backwards: bool = False) -> None:
        """Select the next (previous) highlighted mention of any entity after (before) the caret."""
        if self._analysis is None:
            self._status("No entities yet.")
            return
        hidden = self.window.entity_panel.model.hidden_groups()
        mentions = [m for m in self._analysis.mentions if group_of(m.label).name not in hidden]
        if not mentions:
            self._status("No highlighted entities: every group is switched off.")
            return
        pane = self.window.reading_pane
        index = neighbour([m.start for m in mentions], pane.selection_span()[0], backwards)
        wrapped = not 0 <= index < len(mentions)
        mention = mentions[index % len(mentions)]
        pane.select_span(mention.start, mention.end)
        # The type itself shows in the permanent label (cursor_entity); say only what it cannot.
        self._status(f"Wrapped round to the {'end' if backwards else 'start'}." if wrapped else "")

    def entity_chosen(self, entity: Entity) -> None:
        if not self._showing_entity:
            self.go_to_first_mention(entity)

    def go_to_first_mention(self, entity: Entity) -> None:
        mentions = self._analysis.mentions_of(entity.id) if self._analysis else []
        if mentions:
            self.window.reading_pane.select_span(mentions[0].start, mentions[0].end)
            self.window.entity_panel.show_mention(mentions[0])
            self._status(f"{entity.name}: {entity.label.title()} ({entity.group}), mention 1 of {len(mentions)}")

    def go_to_next_mention(self, entity: Entity, backwards: bool = False) -> None:
        """Select the entity's next (or previous) mention after the caret, wrapping around."""
        mentions = self._analysis.mentions_of(entity.id) if self._analysis else []
        if not mentions:
            return
        position = self.window.reading_pane.selection_span()[0]  # a text offset, as the mentions' are
        index = neighbour([m.start for m in mentions], position, backwards) % len(mentions)
        mention = mentions[index]
        self.window.reading_pane.select_span(mention.start, mention.end)
        self.window.entity_panel.show_mention(mention)
        self._status(f"{entity.name}: mention {index + 1} of {len(mentions)}")

    def go_to_mention(self, mention: Mention) -> None:
        """Select one mention chosen in the mentions list."""
        analysis = self._analysis
        if analysis is None or not 0 <= mention.entity < len(analysis.entities):
            return
        self.window.reading_pane.select_span(mention.start, mention.end)
        mentions = analysis.mentions_of(mention.entity)
        entity = analysis.entities[mention.entity]
        if mention in mentions:
            self._status(f"{entity.name}: mention {mentions.index(mention) + 1} of {len(mentions)}")

    @command("show_entity")
    def show_entity_under_cursor(self) -> None:
        window = self.window
        mention = window.reading_pane.mention_at(window.reading_pane.selection_span()[0])
        if mention is None and self._analysis is None:
            self._status("No entities yet.")
            return
        if mention is None:
            self._status("There is no entity under the cursor.")
            return
        if window.entity_panel.filter.text():
            window.entity_panel.filter.clear()
        window.entity_dock.show()
        self._showing_entity = True
        try:
            window.entity_panel.select_entity(mention.entity)
        finally:
            self._showing_entity = False
        self._status(f"Shown in the sidebar: {describe_mention(mention)}")

    @command("search_web")
    def search_web(self) -> None:
        panel = self.window.entity_panel
        url = panel.search_web()
        if url is None:
            self._status("Choose an entity in the sidebar first.")
        elif panel.browser_opened:
            self._status(f"Looking up “{panel.current_entity().name}” in your web browser")
        else:
            self.window.no_browser(url)

    # -- key points --
    @command("next_key_point")
    def next_key_point(self) -> None:
        self.step_key_point(backwards=False)

    @command("previous_key_point")
    def previous_key_point(self) -> None:
        self.step_key_point(backwards=True)

    def step_key_point(self, backwards: bool = False) -> None:
        points = list(self._analysis.key_points) if self._analysis else []
        if not points:
            self._status("No key points yet.")
            return
        ordered = sorted(range(len(points)), key=lambda i: points[i].start)
        position = self.window.reading_pane.selection_span()[0]
        index = neighbour([points[i].start for i in ordered], position, backwards) % len(ordered)
        row = ordered[index]
        view = self.window.key_point_panel
        view.setCurrentIndex(view.model().index(row, 0))  # also marks it in the text
        self.go_to_key_point(points[row])

    def go_to_key_point(self, point: KeyPoint) -> None:
        self.window.reading_pane.mark_key_point(point.start, point.end)
        starts = sorted(p.start for p in self._analysis.key_points) if self._analysis else []
        if point.start in starts:
            self._status(f"Key point {starts.index(point.start) + 1} of {len(starts)}")


def neighbour(starts: list[int], position: int, backwards: bool) -> int:
    """Index of the first start after position (or the last before it); may be -1 or len(starts)."""
    if backwards:
        return bisect.bisect_left(starts, position) - 1
    return bisect.bisect_right(starts, position)
