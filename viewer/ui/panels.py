"""The side panels: the entity sidebar (filter box and grouped tree) and the key-points list."""
from __future__ import annotations

from PySide6.QtCore import QModelIndex, QRect, QSize, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QKeyEvent, QPainter
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QHeaderView, QLineEdit, QListView, QStyle,
                               QStyledItemDelegate, QStyleOptionViewItem, QTreeView, QVBoxLayout, QWidget)

from ..core.analysis import Entity, KeyPoint
from .models import EntityRole, EntityTreeModel, KeyPointModel


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


class EntityPanel(QWidget):
    """Entities grouped by type with a filter box; choosing one emits entity_chosen."""

    entity_chosen = Signal(object)  # Entity
    entity_activated = Signal(object, bool)  # Entity, backwards (Enter / Shift+Enter)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("entityPanel")
        self.model = EntityTreeModel(self)
        self.proxy = EntityFilterModel(self)
        self.proxy.setSourceModel(self.model)

        self.filter = QLineEdit(self)
        self.filter.setObjectName("entityFilter")
        self.filter.setPlaceholderText("Filter entities")
        self.filter.setClearButtonEnabled(True)
        self.filter.setAccessibleName("Filter entities")
        self.filter.textChanged.connect(self._apply_filter)

        self.tree = QTreeView(self)
        self.tree.setObjectName("entityTree")
        self.tree.setAccessibleName("Entities")
        self.tree.setAccessibleDescription("Named entities grouped by type, most important first, with their number of mentions.")
        self.tree.setModel(self.proxy)
        self.tree.setUniformRowHeights(True)
        self.tree.setAllColumnsShowFocus(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.selectionModel().currentChanged.connect(self._current_changed)
        self.tree.doubleClicked.connect(lambda index: self._activate(index, backwards=False))
        self.tree.installEventFilter(self)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.filter)
        layout.addWidget(self.tree)
        self.setFocusProxy(self.tree)

    def set_analysis(self, analysis) -> None:
        self.model.set_analysis(analysis)
        self.tree.expandAll()

    def current_entity(self) -> Entity | None:
        return self.tree.currentIndex().data(EntityRole)

    def select_entity(self, entity_id: int) -> None:
        source = self.model.index_of_entity(entity_id)
        index = self.proxy.mapFromSource(source)
        if index.isValid():
            self.tree.setCurrentIndex(index)
            self.tree.scrollTo(index)

    def _apply_filter(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())
        self.tree.expandAll()

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        entity = current.data(EntityRole)
        if entity is not None:
            self.entity_chosen.emit(entity)

    def _activate(self, index: QModelIndex, backwards: bool) -> None:
        entity = index.data(EntityRole)
        if entity is not None:
            self.entity_activated.emit(entity, backwards)

    def eventFilter(self, watched, event) -> bool:
        if watched is self.tree and isinstance(event, QKeyEvent) and event.type() == QKeyEvent.Type.KeyPress:
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._activate(self.tree.currentIndex(),
                               backwards=bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier))
                return True
        return super().eventFilter(watched, event)


class WrappingDelegate(QStyledItemDelegate):
    """Draws each item's whole text wrapped to the view's width, never cut off."""

    MARGIN = 6

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        width = max(option.rect.width(), 120) - 2 * self.MARGIN
        text = index.data() or ""
        rect = option.fontMetrics.boundingRect(QRect(0, 0, width, 100_000), Qt.TextFlag.TextWordWrap, text)
        return QSize(width, rect.height() + 2 * self.MARGIN)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        self.initStyleOption(option, index)
        text = option.text
        option.text = ""
        style = option.widget.style() if option.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        painter.save()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = option.palette.ColorRole.HighlightedText if selected else option.palette.ColorRole.Text
        painter.setPen(option.palette.color(role))
        painter.drawText(option.rect.adjusted(self.MARGIN, self.MARGIN, -self.MARGIN, -self.MARGIN),
                         int(Qt.TextFlag.TextWordWrap), text)
        painter.restore()


class KeyPointPanel(QListView):
    """The key points in article order, each shown in full."""

    point_chosen = Signal(object)  # KeyPoint

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("keyPointList")
        self.setAccessibleName("Key points")
        self.setAccessibleDescription("The article's key sentences in reading order; choose one to go to it.")
        self.key_points = KeyPointModel(self)
        self.setModel(self.key_points)
        self.setItemDelegate(WrappingDelegate(self))
        self.setWordWrap(True)
        self.setUniformItemSizes(False)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.selectionModel().currentChanged.connect(self._current_changed)
        self.activated.connect(lambda index: self._emit(index))

    def set_analysis(self, analysis) -> None:
        self.key_points.set_analysis(analysis)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.scheduleDelayedItemsLayout()  # wrapped heights depend on the width

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._emit(current)

    def _emit(self, index: QModelIndex) -> None:
        if index.isValid():
            point: KeyPoint = self.key_points.point(index.row())
            self.point_chosen.emit(point)
