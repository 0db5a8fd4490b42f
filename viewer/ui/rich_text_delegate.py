"""Lists whose items are small rich-text documents, each shown whole, wrapped to the list's width.

The mentions list (each mention in its sentence) and the key points (each point
in full, its entities coloured as in the text) are RichTextLists whose items a
RichTextDelegate draws.
"""
from __future__ import annotations

from collections import OrderedDict
from collections.abc import Hashable

from PySide6.QtCore import QModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QAbstractTextDocumentLayout, QPainter, QPalette, QTextDocument
# QStyle's type and its ~900 enum members are built on first import: about 10 ms, paid here, with the
# sidebar's panels just after the first paint, rather than in the turn that paints an article's first
# entities (the window's longest stall opening a long article).
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QListView, QStyle, QStyledItemDelegate,
                               QStyleOptionViewItem, QWidget)


CACHED_DOCUMENTS = 200  # a few screens of items: enough for a list's sizing and painting to share them


class RichTextDelegate(QStyledItemDelegate):
    """Draws each item as a text document wrapped to the view's width; subclasses make the document.

    A view asks for an item's size and then paints it, and sizes every item of a
    list to lay it out: the documents are kept (the latest CACHED_DOCUMENTS), by
    what the subclass says they show (document_key), the width, font and palette,
    so the first paint of a panel with an article's key points makes each once.
    """

    MARGIN = 6

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._documents: OrderedDict[Hashable, QTextDocument] = OrderedDict()

    def document(self, option: QStyleOptionViewItem, index: QModelIndex) -> QTextDocument:
        raise NotImplementedError

    def document_key(self, index: QModelIndex) -> Hashable | None:
        """Everything of index that its document shows, or None to make the document every time."""
        return None

    def shown_document(self, option: QStyleOptionViewItem, index: QModelIndex) -> QTextDocument:
        """The document for index at option's width, font and colours: made once, then kept."""
        shown = self.document_key(index)
        if shown is None:
            return self.document(option, index)
        key = (shown, option.rect.width(), option.font.key(), option.palette.cacheKey())
        document = self._documents.get(key)
        if document is None:
            document = self._documents[key] = self.document(option, index)
            if len(self._documents) > CACHED_DOCUMENTS:
                self._documents.popitem(last=False)
        else:
            self._documents.move_to_end(key)
        return document

    def _new_document(self, option: QStyleOptionViewItem) -> QTextDocument:
        document = QTextDocument()
        document.setDocumentMargin(0)
        document.setDefaultFont(option.font)
        return document

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        document = self.shown_document(option, index)
        size = document.size()
        return QSize(int(size.width()) + 2 * self.MARGIN, int(size.height()) + 2 * self.MARGIN)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        self.initStyleOption(option, index)
        draw_document(painter, option, self.shown_document(option, index), self.MARGIN)


def draw_document(painter: QPainter, option: QStyleOptionViewItem, document: QTextDocument, margin: int) -> None:
    """Draw an item's background and selection as the style does, then document over it, margin inside."""
    option.text = ""
    style = option.widget.style() if option.widget else QApplication.style()
    style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
    selected = bool(option.state & QStyle.StateFlag.State_Selected)
    context = QAbstractTextDocumentLayout.PaintContext()
    role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
    context.palette.setColor(QPalette.ColorRole.Text, option.palette.color(role))
    painter.save()
    painter.translate(option.rect.left() + margin, option.rect.top() + margin)
    context.clip = QRectF(0, 0, option.rect.width() - 2 * margin, option.rect.height() - 2 * margin)
    painter.setClipRect(context.clip)
    document.documentLayout().draw(painter, context)
    painter.restore()


class RichTextList(QListView):
    """A read-only list of items a RichTextDelegate draws, each as tall as its wrapped text."""

    def __init__(self, parent: QWidget | None, name: str, accessible_name: str, description: str) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setAccessibleName(accessible_name)
        self.setAccessibleDescription(description)
        self.setWordWrap(True)
        self.setUniformItemSizes(False)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.scheduleDelayedItemsLayout()  # wrapped heights depend on the width
