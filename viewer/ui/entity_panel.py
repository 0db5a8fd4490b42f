"""The entity sidebar: a filter box, the entities grouped by type, and the chosen entity's mentions.

The tree has a check box per group that switches its highlighting, Enter /
double-click for the next mention and Shift+Enter for the previous one, and a
context menu with "Search the Web for This Entity". Under the tree, every
mention of the chosen entity is shown in its sentence, each one a jump target.
"""
from __future__ import annotations

from collections.abc import Hashable
from html import escape
from typing import TYPE_CHECKING
from urllib.parse import quote_plus

from PySide6.QtCore import QModelIndex, QPoint, QSortFilterProxyModel, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QAction, QDesktopServices, QKeyEvent, QTextDocument
from PySide6.QtWidgets import (QAbstractItemView, QHeaderView, QLabel, QLineEdit, QMenu, QSplitter,
                               QStyleOptionViewItem, QTreeView, QVBoxLayout, QWidget)

from .models import ContextRole, EntityRole, EntityTreeModel, MentionModel
from .wording import counted
from .rich_text_delegate import RichTextDelegate, RichTextList

if TYPE_CHECKING:  # the dataclasses come with the analysis, after the first paint
    from ..core.analysis import Entity, Mention

# Where "Search the web for this entity" goes: a search engine that does not profile its users.
WEB_SEARCH = "https://duckduckgo.com/?q={query}"


def web_search_url(entity: Entity) -> QUrl:
    return QUrl(WEB_SEARCH.format(query=quote_plus(entity.name)))


class EntityFilterModel(QSortFilterProxyModel):
    """Keeps entities whose name matches the filter, and the groups that hold them."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setRecursiveFilteringEnabled(True)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterKeyColumn(0)

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex) -> bool:
        if not source_parent.isValid():
            return not self.filterRegularExpression().pattern()  # groups show through their entities
        return super().filterAcceptsRow(source_row, source_parent)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        """A group's mention count (and its tooltip) counts only the entities the filter lets through."""
        pattern = self.filterRegularExpression()
        if (not pattern.pattern() or not index.isValid() or index.parent().isValid()
                or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole,
                                Qt.ItemDataRole.AccessibleTextRole)):
            return super().data(index, role)
        source = self.mapToSource(index)
        name, members = self.sourceModel().group(source.row())
        matching = [e for e in members if pattern.match(e.name).hasMatch()]
        if role == Qt.ItemDataRole.DisplayRole:
            return name if index.column() == 0 else str(sum(e.count for e in matching))
        if role == Qt.ItemDataRole.AccessibleTextRole and index.column() != 0:
            return None
        return f"{name}: {len(matching)} of {counted(len(members), 'entity', 'entities')} match the filter"


class MentionDelegate(RichTextDelegate):
    """Draws a mention's sentence wrapped to the view's width, the mention itself in bold."""

    MARGIN = 5

    def document_key(self, index: QModelIndex) -> Hashable:
        return repr(index.data(ContextRole))  # Qt may hand the tuple back as a list

    def document(self, option: QStyleOptionViewItem, index: QModelIndex) -> QTextDocument:
        before, surface, after = index.data(ContextRole) or ("", "", "")
        document = self._new_document(option)
        document.setTextWidth(max(option.rect.width(), 120) - 2 * self.MARGIN)
        document.setHtml(f"{escape(before)}<b>{escape(surface)}</b>{escape(after)}")
        return document


class MentionList(RichTextList):
    """The selected entity's mentions in article order; choosing one emits mention_chosen."""

    mention_chosen = Signal(object)  # Mention

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, "mentionList", "Mentions",
                         "Every mention of the selected entity with its sentence; choose one to go to it.")
        self.mentions = MentionModel(self)
        self.setModel(self.mentions)
        self.setItemDelegate(MentionDelegate(self))
        self._quiet = False
        self.selectionModel().currentChanged.connect(lambda current, _previous: self._emit(current))
        self.activated.connect(self._emit)

    def show_mention(self, mention: Mention) -> None:
        """Make mention the current row without sending the reader anywhere."""
        row = self.mentions.row_of(mention)
        if row >= 0:
            self._quiet = True
            try:
                self.setCurrentIndex(self.mentions.index(row, 0))
                self.scrollTo(self.currentIndex())
            finally:
                self._quiet = False

    def _emit(self, index: QModelIndex) -> None:
        if index.isValid() and not self._quiet:
            self.mention_chosen.emit(self.mentions.mention(index.row()))


class EntityPanel(QWidget):
    """Entities grouped by type with a filter box and the chosen entity's mentions.

    Choosing an entity emits entity_chosen, Enter / Shift+Enter entity_activated,
    choosing one of its mentions mention_chosen.
    """

    entity_chosen = Signal(object)  # Entity
    entity_activated = Signal(object, bool)  # Entity, backwards (Enter / Shift+Enter)
    mention_chosen = Signal(object)  # Mention

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("entityPanel")
        self.analysis = None
        # Opens "Search the web" links; a test puts a recorder here so no browser starts.
        self.open_url = QDesktopServices.openUrl
        self.browser_opened = True
        self._context_actions: list[QAction] = []
        self.model = EntityTreeModel(self)
        self.proxy = EntityFilterModel(self)
        self.proxy.setSourceModel(self.model)

        self.filter = QLineEdit(self)
        self.filter.setObjectName("entityFilter")
        self.filter.setPlaceholderText("Filter entities")
        self.filter.setClearButtonEnabled(True)
        self.filter.setAccessibleName("Filter entities")
        self.filter.setAccessibleDescription("Type to show only the entities whose name contains the text; "
                                             "Down moves to the list.")
        self.filter.textChanged.connect(self._apply_filter)
        self.filter.installEventFilter(self)

        self.tree = QTreeView(self)
        self.tree.setObjectName("entityTree")
        self.tree.setAccessibleName("Entities")
        self.tree.setAccessibleDescription("Named entities grouped by type, most important first, "
                                           "with their number of mentions.")
        self.tree.setModel(self.proxy)
        self.tree.verticalScrollBar().valueChanged.connect(self._fetch_in_view)
        self.tree.setUniformRowHeights(True)
        self.tree.setAllColumnsShowFocus(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        # Size the count column from the rows in view, not from the first 1,000 rows (Qt's
        # default), which cost a second of model calls for a long article.
        header.setResizeContentsPrecision(0)
        self.tree.selectionModel().currentChanged.connect(self._current_changed)
        self.tree.doubleClicked.connect(lambda index: self._activate(index, backwards=False))
        self.tree.installEventFilter(self)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._show_context_menu)

        self.mention_title = QLabel("Choose an entity to see its mentions.", self)
        self.mention_title.setObjectName("mentionTitle")
        self.mention_title.setWordWrap(True)
        self.mention_list = MentionList(self)
        self.mention_title.setBuddy(self.mention_list)
        self.mention_list.mention_chosen.connect(self.mention_chosen)
        mentions_box = QWidget(self)
        mentions_layout = QVBoxLayout(mentions_box)
        mentions_layout.setContentsMargins(0, 4, 0, 0)
        mentions_layout.addWidget(self.mention_title)
        mentions_layout.addWidget(self.mention_list, 1)

        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setObjectName("entitySplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.tree)
        self.splitter.addWidget(mentions_box)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.filter)
        layout.addWidget(self.splitter, 1)
        # No focus proxy: with one, Tab would jump from the text straight past the filter to the tree.
        self._show_mentions(None)

    def set_analysis(self, analysis) -> None:
        self.analysis = analysis
        self.model.set_analysis(analysis)
        # Only the groups have children; expandAll() would visit every entity (0.4 s for 1,000).
        for row in range(self.proxy.rowCount()):
            self.tree.expand(self.proxy.index(row, 0))
        QTimer.singleShot(0, self._fetch_in_view)
        self._show_mentions(None)

    def set_context_actions(self, actions: list[QAction]) -> None:
        """The commands offered by the tree's context menu (they act on the current entity)."""
        self._context_actions = list(actions)
        self._update_actions()

    def context_menu(self) -> QMenu:
        menu = QMenu(self)
        menu.setObjectName("entityContextMenu")
        for action in self._context_actions:
            menu.addAction(action)
        return menu

    def search_web(self) -> QUrl | None:
        """Open a web search for the current entity in the system browser (only ever on request).

        The search's address, or None when no entity is chosen; the window says
        what happened (browser_opened tells whether a browser took the address).
        """
        entity = self.current_entity()
        if entity is None:
            return None
        url = web_search_url(entity)
        self.browser_opened = self.open_url(url) is not False  # QDesktopServices says False when it cannot
        return url

    def show_mention(self, mention: Mention) -> None:
        """Mark mention in the mentions list (the reading pane has just gone to it)."""
        self.mention_list.show_mention(mention)

    def current_entity(self) -> Entity | None:
        return self.tree.currentIndex().data(EntityRole)

    def select_entity(self, entity_id: int) -> None:
        source = self.model.index_of_entity(entity_id)
        index = self.proxy.mapFromSource(source)
        if index.isValid():
            self.tree.setCurrentIndex(index)
            self.tree.scrollTo(index)

    def _fetch_in_view(self) -> None:
        """List more of a group's entities once the end of those listed comes into view."""
        bottom = self.tree.viewport().height()
        for row in range(self.proxy.rowCount()):
            group = self.proxy.index(row, 0)
            if not self.tree.isExpanded(group) or not self.proxy.canFetchMore(group):
                continue
            last = self.proxy.index(self.proxy.rowCount(group) - 1, 0, group)
            rect = self.tree.visualRect(last)
            if rect.isValid() and rect.top() < bottom + 4 * rect.height():
                self.proxy.fetchMore(group)

    def _apply_filter(self, text: str) -> None:
        if text.strip():
            self.model.fetch_all()
        self.proxy.setFilterFixedString(text.strip())
        self.tree.expandAll()

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        group = current.parent()
        if group.isValid() and current.row() == self.proxy.rowCount(group) - 1 and self.proxy.canFetchMore(group):
            self.proxy.fetchMore(group)  # the keyboard reached the last entity listed: list more
        entity = current.data(EntityRole)
        self._show_mentions(entity)
        if entity is not None:
            self.entity_chosen.emit(entity)

    def _show_mentions(self, entity: Entity | None) -> None:
        self.mention_list.mentions.set_entity(self.analysis, entity)
        if entity is None:
            self.mention_title.setText("Choose an entity to see its mentions.")
        else:
            plural = "mention" if entity.count == 1 else "mentions"
            self.mention_title.setText(f"<b>{escape(entity.name)}</b>: {entity.count} {plural}")
        self._update_actions()

    def _update_actions(self) -> None:
        for action in self._context_actions:
            action.setEnabled(self.current_entity() is not None)

    def _show_context_menu(self, position: QPoint) -> None:
        index = self.tree.indexAt(position)
        if index.isValid():
            self.tree.setCurrentIndex(index)
        else:  # from the keyboard (Menu key): at the current row
            position = self.tree.visualRect(self.tree.currentIndex()).center()
        if self.current_entity() is None or not self._context_actions:
            return
        self.context_menu().exec(self.tree.viewport().mapToGlobal(position))

    def _activate(self, index: QModelIndex, backwards: bool) -> None:
        entity = index.data(EntityRole)
        if entity is not None:
            self.entity_activated.emit(entity, backwards)

    def eventFilter(self, watched, event) -> bool:
        if not (isinstance(event, QKeyEvent) and event.type() == QKeyEvent.Type.KeyPress):
            return super().eventFilter(watched, event)
        if watched is self.filter and event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._enter_tree()
            return True
        if watched is self.tree:
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._activate(self.tree.currentIndex(),
                               backwards=bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier))
                return True
            if event.key() == Qt.Key.Key_Left and not event.modifiers():
                current = self.tree.currentIndex()
                if current.parent().isValid():
                    # Left on an entity folds its group, whatever the style's arrow-key habits.
                    group = current.parent().siblingAtColumn(0)
                    self.tree.setCurrentIndex(group)
                    self.tree.collapse(group)
                    return True
            if event.key() == Qt.Key.Key_Space and not event.modifiers():
                self._toggle_group_of(self.tree.currentIndex())
                return True
            if event.key() == Qt.Key.Key_Backspace and self.filter.text():
                self.filter.setFocus(Qt.FocusReason.OtherFocusReason)
                self.filter.backspace()
                return True
            text = event.text()
            if text and text.isprintable() and not text.isspace() and not (event.modifiers() & (
                    Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
                    | Qt.KeyboardModifier.MetaModifier)):
                # Typing in the list filters it, as the sidebar promises.
                self.filter.setFocus(Qt.FocusReason.OtherFocusReason)
                self.filter.insert(text)
                return True
        return super().eventFilter(watched, event)

    def _enter_tree(self) -> None:
        """From the filter into the list, on the first matching entity (not on a group heading)."""
        self.tree.setFocus(Qt.FocusReason.OtherFocusReason)
        if self.current_entity() is None and self.proxy.rowCount():
            first_group = self.proxy.index(0, 0)
            first = self.proxy.index(0, 0, first_group) if self.proxy.rowCount(first_group) else first_group
            self.tree.setCurrentIndex(first)

    def _toggle_group_of(self, index: QModelIndex) -> None:
        """Space on a group, or on one of its entities, switches that group's highlighting."""
        if not index.isValid():
            return
        source = self.proxy.mapToSource(index.siblingAtColumn(0))
        group_row = source.parent().row() if source.parent().isValid() else source.row()
        self.model.toggle_group(group_row)
