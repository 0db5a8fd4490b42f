"""An item delegate that draws each item as a small rich-text document wrapped to the view's width.

The mentions list (each mention in its sentence) and the key points (each point
in full, its entities coloured as in the text) both draw their items this way.
"""
from __future__ import annotations

from PySide6.QtCore import QModelIndex, QRectF, QSize
from PySide6.QtGui import QAbstractTextDocumentLayout, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import QApplication, QStyledItemDelegate, QStyleOptionViewItem


class RichTextDelegate(QStyledItemDelegate):
    """Draws each item as a text document wrapped to the view's width; subclasses make the document."""

    MARGIN = 6

    def document(self, option: QStyleOptionViewItem, index: QModelIndex) -> QTextDocument:
        raise NotImplementedError

    def _new_document(self, option: QStyleOptionViewItem) -> QTextDocument:
        document = QTextDocument()
        document.setDocumentMargin(0)
        document.setDefaultFont(option.font)
        return document

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        document = self.document(option, index)
        size = document.size()
        return QSize(int(size.width()) + 2 * self.MARGIN, int(size.height()) + 2 * self.MARGIN)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        self.initStyleOption(option, index)
        document = self.document(option, index)
        option.text = ""
        style = option.widget.style() if option.widget else QApplication.style()
        from PySide6.QtWidgets import QStyle  # its ~900 enum members cost 5 ms: built at the first row painted

        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        context = QAbstractTextDocumentLayout.PaintContext()
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        context.palette.setColor(QPalette.ColorRole.Text, option.palette.color(role))
        painter.save()
        painter.translate(option.rect.left() + self.MARGIN, option.rect.top() + self.MARGIN)
        context.clip = QRectF(0, 0, option.rect.width() - 2 * self.MARGIN, option.rect.height() - 2 * self.MARGIN)
        painter.setClipRect(context.clip)
        document.documentLayout().draw(painter, context)
        painter.restore()
