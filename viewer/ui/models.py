"""Qt item models over an Analysis: entities grouped by type, key points, mentions, and the reader's highlights.

The entity model is a two-level tree (group -> entity) whose group rows carry a
check box that switches that group's highlighting; entities are ordered by
salience within each group. Both models are read-only and pass qtmodeltester.
"""
from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractItemModel, QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from ..core.groups import GROUPS, group_named, group_of
from .wording import counted

if TYPE_CHECKING:  # the dataclasses come with the analysis, after the first paint
    from ..core.analysis import Analysis, Entity, KeyPoint, Mention

EntityRole = Qt.ItemDataRole.UserRole + 1  # the Entity of an entity row
GroupRole = Qt.ItemDataRole.UserRole + 2  # the group name of any row
StartRole = Qt.ItemDataRole.UserRole + 3  # a key point's start offset
MentionRole = Qt.ItemDataRole.UserRole + 4  # the Mention of a mention row
ContextRole = Qt.ItemDataRole.UserRole + 5  # (before, mention, after) strings of a mention row
HighlightsRole = Qt.ItemDataRole.UserRole + 6  # a key point's entities: (start, end, group) within its text
UserHighlightRole = Qt.ItemDataRole.UserRole + 7  # the reader's own Highlight of a row of the highlights pane

_NO_PARENT = 0xFFFFFFFF  # internalId of a group row


class EntityTreeModel(QAbstractItemModel):
    """Groups at the top level, their entities beneath, most salient first."""

    hidden_groups_changed = Signal(frozenset)
    COLUMNS = ("Entity", "Mentions")
    # Entities listed per group at first; more come as the list is scrolled (fetchMore). A long
    # article has thousands, and laying out every row would hold the window for a quarter second.
    CHUNK = 30

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._groups: list[tuple[str, list[Entity]]] = []
        self._shown: list[int] = []  # how many of each group's entities are listed
        self._hidden: set[str] = set()

    def group(self, row: int) -> tuple[str, list[Entity]]:
        """The group of a top-level row: its name and all its entities (listed or not yet)."""
        return self._groups[row]

    # -- data in --
    def set_analysis(self, analysis: Analysis | None) -> None:
        self.beginResetModel()
        self._groups = []
        if analysis is not None:
            for group in GROUPS:
                members = [e for e in analysis.entities if e.group == group.name]
                if members:
                    members.sort(key=lambda e: (-e.salience, -e.count, e.name.casefold()))
                    self._groups.append((group.name, members))
        self._shown = [min(len(members), self.CHUNK) for _, members in self._groups]
        self.endResetModel()

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex) -> bool:
        if not parent.isValid() or parent.internalId() != _NO_PARENT or parent.column() != 0:
            return False
        return self._shown[parent.row()] < len(self._groups[parent.row()][1])

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex) -> None:
        if self.canFetchMore(parent):
            self._show_up_to(parent.row(), self._shown[parent.row()] + self.CHUNK)

    def fetch_all(self) -> None:
        """List every entity (before filtering, so the filter sees them all)."""
        for row, (_, members) in enumerate(self._groups):
            self._show_up_to(row, len(members))

    def _show_up_to(self, group_row: int, count: int) -> None:
        count = min(count, len(self._groups[group_row][1]))
        first = self._shown[group_row]
        if count > first:
            self.beginInsertRows(self.index(group_row, 0), first, count - 1)
            self._shown[group_row] = count
            self.endInsertRows()

    def set_hidden_groups(self, hidden: set[str] | frozenset[str]) -> None:
        self._hidden = set(hidden)
        if self._groups:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._groups) - 1, 0),
                                  [Qt.ItemDataRole.CheckStateRole])

    def hidden_groups(self) -> frozenset[str]:
        return frozenset(self._hidden)

    def group_names(self) -> list[str]:
        return [name for name, _ in self._groups]

    def index_of_entity(self, entity_id: int) -> QModelIndex:
        for row, (_, members) in enumerate(self._groups):
            for child_row, entity in enumerate(members):
                if entity.id == entity_id:
                    self._show_up_to(row, child_row + 1)
                    return self.index(child_row, 0, self.index(row, 0))
        return QModelIndex()

    # -- Qt model interface --
    def index(self, row: int, column: int, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> QModelIndex:
        # Bounds checked here rather than by hasIndex(), which calls back into rowCount() and
        # columnCount(): views and the filter proxy call index() tens of thousands of times
        # for an article with a thousand entities.
        if row < 0 or not 0 <= column < len(self.COLUMNS):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, _NO_PARENT) if row < len(self._groups) else QModelIndex()
        if parent.internalId() != _NO_PARENT or parent.column() != 0 or parent.row() >= len(self._groups):
            return QModelIndex()
        if row >= self._shown[parent.row()]:
            return QModelIndex()
        return self.createIndex(row, column, parent.row())

    def parent(self, index: QModelIndex | QPersistentModelIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not index.isValid() or index.internalId() == _NO_PARENT:
            return QModelIndex()
        return self.createIndex(int(index.internalId()), 0, _NO_PARENT)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        if not parent.isValid():
            return len(self._groups)
        if parent.column() != 0 or parent.internalId() != _NO_PARENT:
            return 0
        return self._shown[parent.row()]

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return len(self.COLUMNS)

    def hasChildren(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:
        # Cheaper than the default (rowCount through index()), asked once per row laid out.
        if not parent.isValid():
            return bool(self._groups)
        return parent.internalId() == _NO_PARENT and parent.column() == 0

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(self.COLUMNS)):
            return self.COLUMNS[section]
        return None

    _ROW_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
    _GROUP_FLAGS = _ROW_FLAGS | Qt.ItemFlag.ItemIsUserCheckable

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        # Combined once above: enum arithmetic is slow, and this is asked for every row shown.
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if index.internalId() == _NO_PARENT and index.column() == 0:
            return self._GROUP_FLAGS
        return self._ROW_FLAGS

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if index.internalId() == _NO_PARENT:
            name, members = self._groups[index.row()]
            if role == Qt.ItemDataRole.DisplayRole:
                return name if index.column() == 0 else str(sum(e.count for e in members))
            if role == Qt.ItemDataRole.CheckStateRole and index.column() == 0:
                return Qt.CheckState.Unchecked if name in self._hidden else Qt.CheckState.Checked
            if role == Qt.ItemDataRole.ToolTipRole:
                state = "hidden" if name in self._hidden else "highlighted"
                return f"{name}: {counted(len(members), 'entity', 'entities')}, {state} in the text"
            if role == GroupRole:
                return name
            if role == Qt.ItemDataRole.AccessibleTextRole and index.column() == 0:
                return f"{name}, {counted(len(members), 'entity', 'entities')}"
            return None
        name, members = self._groups[int(index.internalId())]
        entity = members[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return entity.name if index.column() == 0 else str(entity.count)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{entity.name}: {entity.label.title()} ({name}), {counted(entity.count, 'mention')}"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{entity.name}, {counted(entity.count, 'mention')}" if index.column() == 0 else None
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == EntityRole:
            return entity
        if role == GroupRole:
            return name
        return None

    def setData(self, index: QModelIndex | QPersistentModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or index.internalId() != _NO_PARENT or role != Qt.ItemDataRole.CheckStateRole:
            return False
        name = self._groups[index.row()][0]
        checked = Qt.CheckState(value) == Qt.CheckState.Checked if not isinstance(value, bool) else value
        if checked:
            self._hidden.discard(name)
        else:
            self._hidden.add(name)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        self.hidden_groups_changed.emit(frozenset(self._hidden))
        return True

    def toggle_group(self, row: int) -> None:
        index = self.index(row, 0)
        checked = self.data(index, Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
        state = Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked
        self.setData(index, state, Qt.ItemDataRole.CheckStateRole)


class KeyPointModel(QAbstractListModel):
    """The key points in article order, each with the entity mentions inside it."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._points: list[KeyPoint] = []
        self._highlights: list[tuple[tuple[int, int, str], ...]] = []

    def set_analysis(self, analysis: Analysis | None) -> None:
        self.beginResetModel()
        self._points = list(analysis.key_points) if analysis else []
        self._highlights = []
        if analysis is not None:
            mentions = sorted(analysis.mentions, key=lambda m: m.start)
            starts = [m.start for m in mentions]
            for point in self._points:
                first = bisect.bisect_left(starts, point.start)
                inside = []
                for mention in mentions[first:]:
                    if mention.start >= point.end:
                        break
                    if mention.end <= point.end:
                        inside.append((mention.start - point.start, mention.end - point.start,
                                       group_of(mention.label).name))
                self._highlights.append(tuple(inside))
        self.endResetModel()

    def point(self, row: int) -> KeyPoint:
        return self._points[row]

    def points(self) -> list[KeyPoint]:
        return list(self._points)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._points)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._points):
            return None
        point = self._points[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return point.text
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"Key point {index.row() + 1} of {len(self._points)} (score {point.score:.2f})"
        if role == StartRole:
            return point.start
        if role == HighlightsRole:
            return self._highlights[index.row()]
        return None


class MentionModel(QAbstractListModel):
    """Every mention of one entity in article order, each with its sentence for context."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._mentions: list[Mention] = []
        self._contexts: list[tuple[str, str, str]] = []
        self.entity: Entity | None = None

    def set_entity(self, analysis: Analysis | None, entity: Entity | None) -> None:
        self.beginResetModel()
        self.entity = entity if analysis is not None else None
        self._mentions = analysis.mentions_of(entity.id) if analysis is not None and entity is not None else []
        # Contexts are computed once here, not in data(), which views call on every paint.
        self._contexts = []
        if self._mentions:
            from ..core.export import mention_context  # not on the path to the first paint

            self._contexts = [mention_context(analysis, m.start, m.end) for m in self._mentions]
        self.endResetModel()

    def mention(self, row: int) -> Mention:
        return self._mentions[row]

    def row_of(self, mention: Mention) -> int:
        try:
            return self._mentions.index(mention)
        except ValueError:
            return -1

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._mentions)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._mentions):
            return None
        before, surface, after = self._contexts[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return f"{before}«{surface}»{after}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"Mention {index.row() + 1} of {len(self._mentions)}: choose it to go there in the text"
        if role == ContextRole:
            return (before, surface, after)
        if role == MentionRole:
            return self._mentions[index.row()]
        return None


class HighlightModel(QAbstractListModel):
    """The reader's highlights of the article shown, in text order: each quote with its note."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._highlights: list = []  # viewer.core.library.Highlight, in text order

    def set_highlights(self, highlights) -> None:
        self.beginResetModel()
        self._highlights = sorted(highlights, key=lambda h: (h.start, h.id))
        self.endResetModel()

    def highlights(self) -> list:
        return list(self._highlights)

    def highlight(self, row: int):
        return self._highlights[row]

    def row_of(self, highlight_id: int) -> int:
        return next((row for row, h in enumerate(self._highlights) if h.id == highlight_id), -1)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._highlights)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._highlights):
            return None
        highlight = self._highlights[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            quote = " ".join(highlight.quote.split())
            return f"{quote}\nNote: {highlight.note}" if highlight.note else quote
        if role == Qt.ItemDataRole.ToolTipRole:
            return (f"Highlight {index.row() + 1} of {len(self._highlights)}: Enter goes to it, "
                    "F2 edits its note, Delete removes it")
        if role == UserHighlightRole:
            return highlight
        return None


def group_colour(name: str, dark: bool) -> str:
    group = group_named(name)
    return group.dark if dark else group.light
