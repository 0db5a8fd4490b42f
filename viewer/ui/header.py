"""The strips above the text: the article's header (title, date, source) and the message bar.

The message bar says in one sentence what went wrong (an article that could not
be opened, an analysis that failed) or what to know (an article not in English),
with the command that helps (such as Retry) as a button.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFrame, QHBoxLayout, QToolButton, QVBoxLayout, QWidget

from ..core.article import Article, Role, reading_minutes
from ..core.loaders import PASTED_SOURCE
from .fitted_label import FittedLabel
from .qt_values import TEXT_SELECTABLE_BY_MOUSE, TOOL_BUTTON_TEXT_ONLY, set_enum_property

if TYPE_CHECKING:  # a message's action comes with the commands, after the first paint
    from PySide6.QtGui import QAction

TITLE_LINES = 3


class ArticleHeader(QWidget):
    """Title, date and source of the article shown."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("articleHeader")
        # However long the title (a 400-character address, a whole paragraph), it takes the
        # width it is given and at most TITLE_LINES lines: the sidebar and the window keep theirs.
        self.title = FittedLabel(self, max_lines=TITLE_LINES)
        self.title.setObjectName("articleTitle")
        set_enum_property(self.title, "textInteractionFlags", TEXT_SELECTABLE_BY_MOUSE)  # qt_values: why an int
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setAccessibleName("Article title")
        self.meta = FittedLabel(self, max_lines=1)
        self.meta.setObjectName("articleMeta")
        self.meta.setAccessibleName("Date and source")
        set_enum_property(self.meta, "textInteractionFlags", TEXT_SELECTABLE_BY_MOUSE)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 12, 24, 4)
        layout.addWidget(self.title)
        layout.addWidget(self.meta)

    def show_article(self, article: Article | None) -> None:
        if article is None:
            self.title.setText("No article")
            self.title.show()
            self.meta.setText("")
            return
        self.title.setText(article.title or untitled_name(article.source))
        # The text opens with its headline, set large: the header would only say it twice.
        self.title.setVisible(not (article.blocks and article.blocks[0].role == Role.HEADLINE))
        minutes = reading_minutes(article.text)
        parts = [p for p in (article.date, article.site, article.author and f"by {article.author}",
                             minutes and f"{minutes} min read") if p]
        self.meta.setText("  ·  ".join(parts))
        self.meta.setVisible(bool(parts))
        self.setAccessibleName(f"{self.title.text()}. {self.meta.text()}")

    def align_to_column(self, left: int, right: int) -> None:
        """Start and end the header's lines where the text column does (left and right gaps in pixels)."""
        margins = self.layout().contentsMargins()
        if (margins.left(), margins.right()) != (left, right):
            self.layout().setContentsMargins(left, margins.top(), right, margins.bottom())


class MessageBar(QFrame):
    """A one-sentence message above the text, for errors the user should see, with an optional action.

    The action (such as Retry) is the command's own QAction from the keymap,
    shown as a button so it can be clicked or reached with Tab; its keys work too.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("messageBar")
        self.setAccessibleName("Message")
        self.setStyleSheet("QFrame#messageBar { background: #fde2e1; border-bottom: 1px solid #e9a19c; }"
                           " QFrame#messageBar QLabel { color: #5c0b07; }")
        self.label = FittedLabel(self)  # every word of the sentence shown, a long address broken anywhere
        self.label.setObjectName("messageText")
        set_enum_property(self.label, "textInteractionFlags", TEXT_SELECTABLE_BY_MOUSE)
        self.button = QToolButton(self)
        self.button.setObjectName("messageAction")
        set_enum_property(self.button, "toolButtonStyle", TOOL_BUTTON_TEXT_ONLY)
        self.button.hide()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(24, 6, 24, 6)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.button)
        self.hide()

    def show_message(self, text: str, action: QAction | None = None) -> None:
        self.label.setText(text)
        self.setAccessibleDescription(text)
        if action is not None:
            self.button.setDefaultAction(action)
        self.button.setVisible(action is not None)
        self.setVisible(bool(text))

    def text(self) -> str:
        return self.label.text()

    def action(self) -> QAction | None:
        """The action offered with the message, if any."""
        return self.button.defaultAction() if self.button.isVisibleTo(self) else None


def untitled_name(source: str) -> str:
    """What to call an article without a title of its own: its file name, or "Pasted text"."""
    return "Pasted text" if source == PASTED_SOURCE else Path(source).name or source
