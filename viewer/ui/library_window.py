"""The library window: every article read, searchable as you type, and a page per entity across articles.

The list page shows every stored article (title, site, date, number of named
entities), newest first; typing in the search field shows the matching
articles instead, best first, each with a snippet whose matched words are
marked (the last word counts as a prefix while it is typed; queries run on a
worker thread and an older answer is dropped). Site, date range and entity
filters narrow either. Enter opens the chosen article: open_requested carries
the stored LibraryEntry (article, analysis, reading position, highlights), so
the main window shows it without the file or the language model.

The entity page (show_entity(), or Entity Page from the list) gathers one
entity across the library: every article that names it under any of its
names, each mention in its sentence, the entities most often mentioned with
it, and a timeline of those articles by month. Enter on an article or a
mention opens it (at the mention); Enter on another entity shows its page;
Alt+Left or Escape goes back.

Keys: Ctrl+F search field, Down from it to the results, Enter opens, Escape
clears the search (or goes back from an entity page), Ctrl+E entity filter,
Alt+P the entity page of the entity in the filter, F5 reload.
Nothing here is imported before the main window's first paint.
"""
from __future__ import annotations

import dataclasses
from html import escape

from PySide6.QtCore import QDate, QEvent, QModelIndex, QObject, QRectF, QSize, QStringListModel, Qt, QTimer, Signal
from PySide6.QtGui import (QColor, QFont, QKeySequence, QPainter, QPalette, QShortcut,
                           QTextDocument)
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QComboBox, QCompleter, QDateEdit,
                               QHBoxLayout, QHeaderView, QLabel, QLineEdit, QListView, QMainWindow, QPushButton,
                               QSizePolicy, QSplitter, QStackedWidget, QStyledItemDelegate,
                               QStyleOptionViewItem, QTableView, QToolTip, QVBoxLayout, QWidget)

from ..core.groups import TEXT_ON_DARK, TEXT_ON_LIGHT, group_named
from ..core.library import EntityQuery, Filters, Library, LibraryEntry, LibraryError
from .library_models import (ArticleListModel, CoEntityModel, CoEntityRole, EntityArticlesModel,
                             EntityMentionsModel, MentionRole, SnippetRole, SummaryRole)
from .rich_text_delegate import draw_document
from .wording import counted

NO_DATE = QDate(1900, 1, 1)  # the minimum of the date fields, shown as "Any"
TYPING_DELAY_MS = 40  # a query per pause in typing, not per key


def mark_colour(palette: QPalette) -> tuple[str, str]:
    """Background and text of matched words: the People highlight of the theme, with the text colour that keeps
    it readable (also on a selected row, whose own text colour is white)."""
    people = group_named("People")
    if palette.color(QPalette.ColorRole.Base).lightness() < 128:
        return people.dark, TEXT_ON_DARK
    return people.light, TEXT_ON_LIGHT


def marked_html(text: str, marks, colours: tuple[str, str]) -> str:
    background, foreground = colours
    parts, position = [], 0
    for start, end in marks:
        parts.append(escape(text[position:start]))
        parts.append(f'<span style="background-color:{background}; color:{foreground}; font-weight:600">'
                     f"{escape(text[start:end])}</span>")
        position = end
    parts.append(escape(text[position:]))
    return "".join(parts)


class _RichText(QStyledItemDelegate):
    """Draws an item as a small text document (html(option, index)); the selection colours are kept."""

    MARGIN = 4

    def html(self, option: QStyleOptionViewItem, index: QModelIndex) -> str | None:
        raise NotImplementedError

    def _document(self, option: QStyleOptionViewItem, html: str, width: int) -> QTextDocument:
        document = QTextDocument()
        document.setDocumentMargin(0)
        document.setDefaultFont(option.font)
        document.setTextWidth(max(width - 2 * self.MARGIN, 60))
        document.setHtml(html)
        return document

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        html = self.html(option, index)
        if html is None:
            super().paint(painter, option, index)
            return
        self.initStyleOption(option, index)
        draw_document(painter, option, self._document(option, html, option.rect.width()), self.MARGIN)


class SearchResultDelegate(_RichText):
    """The title column of search results: the title, and under it the snippet with the matched words marked."""

    def html(self, option: QStyleOptionViewItem, index: QModelIndex) -> str | None:
        snippet = index.data(SnippetRole)
        if snippet is None:
            return None
        text, marks = snippet
        title = escape(index.data(Qt.ItemDataRole.DisplayRole) or "")
        return f"<b>{title}</b><br>{marked_html(text, marks, mark_colour(option.palette))}"


class MentionDelegate(_RichText):
    """A mention's sentence, wrapped, the mention marked, with the article's title and date above it."""

    MARGIN = 5

    def html(self, option: QStyleOptionViewItem, index: QModelIndex) -> str:
        mention = index.data(MentionRole)
        sentence = mention.sentence
        length = mention.end - mention.start
        marks = [(mention.offset, mention.offset + length)]
        where = escape(f"{mention.title} · {mention.date[:10] or 'undated'}")
        return (f'<span style="font-size:small">{where}</span><br>'
                f"{marked_html(sentence, marks, mark_colour(option.palette))}")

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        view = self.parent()
        width = view.viewport().width() if isinstance(view, QAbstractItemView) else option.rect.width()
        document = self._document(option, self.html(option, index), width)
        return QSize(width, int(document.size().height()) + 2 * self.MARGIN)


class TimelineChart(QWidget):
    """How many of an entity's articles appeared each month, as bars (months without any included)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("entityTimeline")
        self.setAccessibleName("Timeline")
        self.months: list[tuple[str, int]] = []
        self.undated = 0
        self.setMinimumHeight(84)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMouseTracking(True)

    def set_points(self, points: list[tuple[str, int]]) -> None:
        """(YYYY-MM or '' for undated, articles) pairs, as Library.timeline gives them."""
        counts = {month: count for month, count in points if month}
        self.undated = sum(count for month, count in points if not month)
        self.months = []
        if counts:
            year, month = map(int, min(counts).split("-"))
            last = max(counts)
            while True:
                key = f"{year:04}-{month:02}"
                self.months.append((key, counts.get(key, 0)))
                if key >= last:
                    break
                year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        described = ", ".join(f"{month}: {count}" for month, count in self.months if count)
        if self.undated:
            described += f"{', ' if described else ''}undated: {self.undated}"
        self.setAccessibleDescription(f"Articles by month: {described or 'none'}")
        self.setToolTip("")
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(400, 84)

    def _bars(self) -> list[tuple[QRectF, str, int]]:
        if not self.months:
            return []
        label_height = self.fontMetrics().height() + 4
        left, top, width = 8, 6, self.width() - 16
        height = self.height() - top - label_height
        step = width / len(self.months)
        highest = max(count for _, count in self.months) or 1
        bars = []
        for position, (month, count) in enumerate(self.months):
            bar_height = max(2.0, height * count / highest) if count else 0.0
            rect = QRectF(left + position * step + step * 0.15, top + height - bar_height, max(step * 0.7, 1.0),
                          bar_height)
            bars.append((rect, month, count))
        return bars

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        palette = self.palette()
        text_colour = palette.color(QPalette.ColorRole.WindowText)
        if not self.months:
            painter.setPen(text_colour)
            message = (f"{counted(self.undated, 'article')} without a date" if self.undated
                       else "No articles to show by date")
            painter.drawText(self.rect(), int(Qt.AlignmentFlag.AlignCenter), message)
            return
        bar_colour = QColor(palette.color(QPalette.ColorRole.Highlight))
        bars = self._bars()
        for rect, _month, _count in bars:
            painter.fillRect(rect, bar_colour)
        painter.setPen(text_colour)
        baseline = self.height() - 4
        metrics = self.fontMetrics()
        # A label under the first month of each year (and the first bar), where there is room for it.
        last_right = -1.0
        for index, (rect, month, _count) in enumerate(bars):
            if index and not month.endswith("-01"):
                continue
            label = month if index == 0 or len(bars) < 13 else month[:4]
            if rect.left() > last_right:
                painter.drawText(int(rect.left()), baseline, label)
                last_right = rect.left() + metrics.horizontalAdvance(label) + 8
        if self.undated:
            note = f"and {self.undated} undated"
            right = self.width() - metrics.horizontalAdvance(note) - 8
            if right > last_right:
                painter.drawText(right, baseline, note)

    def mouseMoveEvent(self, event) -> None:
        for rect, month, count in self._bars():
            if rect.left() - 2 <= event.position().x() <= rect.right() + 2:
                QToolTip.showText(event.globalPosition().toPoint(), f"{month}: {counted(count, 'article')}", self)
                return
        QToolTip.hideText()


class _Keys(QObject):
    """Keys of the search field and the lists that move between them (installed as an event filter)."""

    def __init__(self, window: LibraryWindow) -> None:
        super().__init__(window)
        self.window = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress:
            return False
        window, key = self.window, event.key()
        plain = not (event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier)
        if watched is window.search and plain:
            if key in (Qt.Key.Key_Down, Qt.Key.Key_PageDown):
                window.focus_results()
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                window.open_current(first_if_none=True)
                return True
            if key == Qt.Key.Key_Escape and window.search.text():
                window.search.clear()
                return True
        if watched is window.table and plain:
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                window.open_current()
                return True
            if key == Qt.Key.Key_Up and window.table.currentIndex().row() <= 0:
                window.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
                return True
            if key == Qt.Key.Key_Escape:
                window.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
                window.search.selectAll()
                return True
        if watched is window.entity_field and plain and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            popup = window.entity_completer.popup()
            if popup.isVisible() and popup.currentIndex().isValid():
                return False  # the completer takes the chosen name first
            window.apply_filters()
            return True
        if watched in (window.entity_articles, window.entity_mentions, window.co_entities) and plain:
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                window.activate_entity_row(watched)
                return True
        return False


class LibraryWindow(QMainWindow):
    """The library's own window; connect open_requested to the main window's way of showing an entry."""

    open_requested = Signal(object)  # LibraryEntry: the stored article, analysis, position and highlights
    entity_shown = Signal(object)  # EntityQuery of the entity page just shown

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.setObjectName("libraryWindow")
        self.setWindowTitle("Library — Article Viewer")
        self.resize(1040, 720)
        self.entity: EntityQuery | None = None
        self._history: list[EntityQuery] = []
        self._keys = _Keys(self)

        self.pages = QStackedWidget(self)
        self.setCentralWidget(self.pages)
        self.pages.addWidget(self._build_list_page())
        self.pages.addWidget(self._build_entity_page())
        self._shortcuts()

        self._typing_timer = QTimer(self)
        self._typing_timer.setSingleShot(True)
        self._typing_timer.setInterval(TYPING_DELAY_MS)
        self._typing_timer.timeout.connect(lambda: self.apply_filters(typing=True))
        self.reload()

    # -- building --
    def _build_list_page(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)

        self.search = QLineEdit(page)
        self.search.setObjectName("librarySearch")
        self.search.setPlaceholderText("Search titles, text and your notes")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search the library")
        self.search.setAccessibleDescription("Results follow as you type; Down moves to them, Enter opens the "
                                             "first, Escape clears.")
        self.search.textEdited.connect(lambda _text: self._typing_timer.start())
        self.search.textChanged.connect(lambda text: None if text else self._typing_timer.start())
        self.search.installEventFilter(self._keys)
        search_label = QLabel("&Search", page)
        search_label.setBuddy(self.search)
        row = QHBoxLayout()
        row.addWidget(search_label)
        row.addWidget(self.search, 1)
        layout.addLayout(row)

        filters = QHBoxLayout()
        self.site = QComboBox(page)
        self.site.setObjectName("librarySite")
        self.site.setAccessibleName("Site")
        self.site.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.site.activated.connect(lambda _index: self.apply_filters())
        self.date_from = self._date_field(page, "libraryFrom", "From date")
        self.date_to = self._date_field(page, "libraryTo", "To date")
        self.entity_field = QLineEdit(page)
        self.entity_field.setObjectName("libraryEntity")
        self.entity_field.setPlaceholderText("Any entity")
        self.entity_field.setClearButtonEnabled(True)
        self.entity_field.setAccessibleName("Entity filter")
        self.entity_field.setAccessibleDescription("Only articles that name this entity; names are completed "
                                                   "as you type. Enter applies it.")
        self.entity_names = QStringListModel(self)
        self.entity_completer = QCompleter(self.entity_names, self)
        self.entity_completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.entity_completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.entity_completer.activated.connect(lambda _text: QTimer.singleShot(0, self.apply_filters))
        self.entity_field.setCompleter(self.entity_completer)
        self.entity_field.textEdited.connect(self._complete_entity)
        self.entity_field.textChanged.connect(lambda text: None if text else self.apply_filters())
        self.entity_field.installEventFilter(self._keys)
        self.entity_button = QPushButton("Entity &Page", page)
        self.entity_button.setObjectName("libraryEntityPage")
        self.entity_button.setToolTip("Every article that names the entity, its mentions, what goes with it, "
                                      "and when (Alt+P)")
        self.entity_button.clicked.connect(self.show_filter_entity)
        for text, field in (("S&ite", self.site), ("&From", self.date_from), ("&To", self.date_to),
                            ("&Entity", self.entity_field)):
            label = QLabel(text, page)
            label.setBuddy(field)
            filters.addWidget(label)
            filters.addWidget(field, 1 if field is self.entity_field else 0)
        filters.addWidget(self.entity_button)
        layout.addLayout(filters)

        self.model = ArticleListModel(self.library, self)
        self.model.query_finished.connect(self._query_finished)
        self.table = QTableView(page)
        self.table.setObjectName("libraryTable")
        self.table.setAccessibleName("Articles")
        self.table.setModel(self.model)
        self.model.modelReset.connect(self._rows_changed)  # after the view's own reset, which clears the selection
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        # No column to begin with: the list is newest first and a search best match first, until a header is
        # chosen (a new search goes back to the best matches).
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.DescendingOrder)
        self.table.setSortingEnabled(True)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.setItemDelegateForColumn(0, SearchResultDelegate(self.table))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column, width in ((1, 150), (2, 96), (3, 64)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        self.table.activated.connect(lambda index: self.open_row(index.row()))
        self.table.installEventFilter(self._keys)
        layout.addWidget(self.table, 1)

        self.status = QLabel(page)
        self.status.setObjectName("libraryStatus")
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.status)
        return page

    def _date_field(self, parent: QWidget, name: str, accessible: str) -> QDateEdit:
        field = QDateEdit(parent)
        field.setObjectName(name)
        field.setAccessibleName(accessible)
        field.setDisplayFormat("yyyy-MM-dd")
        field.setCalendarPopup(True)
        field.setMinimumDate(NO_DATE)
        field.setSpecialValueText("Any")
        field.setDate(NO_DATE)
        field.editingFinished.connect(self.apply_filters)
        field.dateChanged.connect(lambda _date: None if field.hasFocus() else self.apply_filters())
        return field

    def _build_entity_page(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        top = QHBoxLayout()
        self.back_button = QPushButton("← Library", page)
        self.back_button.setObjectName("libraryBack")
        self.back_button.setToolTip("Back (Alt+Left or Escape)")
        self.back_button.clicked.connect(self.go_back)
        top.addWidget(self.back_button)
        self.entity_title = QLabel(page)
        self.entity_title.setObjectName("entityTitle")
        font = QFont(self.entity_title.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.entity_title.setFont(font)
        top.addWidget(self.entity_title, 1)
        self.entity_type = QComboBox(page)
        self.entity_type.setObjectName("entityType")
        self.entity_type.setAccessibleName("Entity type")
        self.entity_type.activated.connect(self._type_chosen)
        type_label = QLabel("T&ype", page)
        type_label.setBuddy(self.entity_type)
        top.addWidget(type_label)
        top.addWidget(self.entity_type)
        layout.addLayout(top)
        self.entity_summary = QLabel(page)
        self.entity_summary.setObjectName("entitySummary")
        self.entity_summary.setWordWrap(True)
        self.entity_summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.entity_summary)
        self.timeline = TimelineChart(page)
        layout.addWidget(self.timeline)

        self.entity_articles_model = EntityArticlesModel(self)
        self.entity_mentions_model = EntityMentionsModel(self)
        self.co_entities_model = CoEntityModel(self)
        self.entity_articles = self._list(page, "entityArticles", "Articles", self.entity_articles_model,
                                          "The articles that name the entity, newest first; Enter opens one.")
        self.entity_mentions = self._list(page, "entityMentions", "Mentions", self.entity_mentions_model,
                                          "Each mention in its sentence; Enter opens the article there.")
        self.entity_mentions.setItemDelegate(MentionDelegate(self.entity_mentions))
        self.entity_mentions.setWordWrap(True)
        self.entity_mentions.setUniformItemSizes(False)
        self.entity_mentions.setResizeMode(QListView.ResizeMode.Adjust)
        self.entity_mentions.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.co_entities = self._list(page, "coEntities", "Mentioned with", self.co_entities_model,
                                      "The entities most often named in the same articles; Enter shows one's page.")
        splitter = QSplitter(Qt.Orientation.Horizontal, page)
        for title, view in (("&Articles", self.entity_articles), ("&Mentions", self.entity_mentions),
                            ("Mentioned &with", self.co_entities)):
            column = QWidget(splitter)
            column_layout = QVBoxLayout(column)
            column_layout.setContentsMargins(0, 0, 0, 0)
            label = QLabel(title, column)
            label.setBuddy(view)
            column_layout.addWidget(label)
            view.setParent(column)
            column_layout.addWidget(view, 1)
            splitter.addWidget(column)
        splitter.setSizes([340, 480, 220])
        layout.addWidget(splitter, 1)
        return page

    def _list(self, parent: QWidget, name: str, accessible: str, model, description: str) -> QListView:
        view = QListView(parent)
        view.setObjectName(name)
        view.setAccessibleName(accessible)
        view.setAccessibleDescription(description)
        view.setModel(model)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setAlternatingRowColors(True)
        view.activated.connect(lambda _index, view=view: self.activate_entity_row(view))
        view.installEventFilter(self._keys)
        return view

    def _shortcuts(self) -> None:
        def shortcut(keys, slot) -> None:
            for key in keys:
                QShortcut(QKeySequence(key), self, slot, context=Qt.ShortcutContext.WindowShortcut)

        shortcut(["Ctrl+F"], self.focus_search)
        shortcut(["Ctrl+E"], self.focus_entity_filter)
        shortcut(["Alt+Left"], self._back)
        shortcut(["F5"], self.reload)
        shortcut(["Ctrl+W"], self.close)

    # -- the list --
    def filters(self) -> Filters | None:
        site = self.site.currentData()
        first = self.date_from.date()
        last = self.date_to.date()
        entity = self.entity_field.text().strip()
        filters = Filters(site=site or None,
                          date_from=first.toString("yyyy-MM-dd") if first != NO_DATE else None,
                          date_to=last.toString("yyyy-MM-dd") if last != NO_DATE else None,
                          entity=EntityQuery.of(entity) if entity else None)
        return None if filters.empty else filters

    def apply_filters(self, typing: bool = False) -> None:
        """Run the search (or the list) again with what the fields say now."""
        self._typing_timer.stop()
        if self.search.text().strip() != self.model.text.strip() and self.model.order:
            self.model.order, self.model.descending = "", True  # a new search: best matches first
            header = self.table.horizontalHeader()
            header.blockSignals(True)
            header.setSortIndicator(-1, Qt.SortOrder.DescendingOrder)
            header.blockSignals(False)
        self.model.set_query(self.search.text(), self.filters(), typing=typing)
        if self.model.pending:
            self.status.setText("Searching…")

    def reload(self) -> None:
        """Read the sites and the list again (after articles were added elsewhere)."""
        chosen = self.site.currentData()
        self.site.clear()
        self.site.addItem("All sites", "")
        try:
            for site, count in self.library.sites():
                self.site.addItem(f"{site} ({count})", site)
        except LibraryError as error:
            self.status.setText(str(error))
        position = self.site.findData(chosen) if chosen else 0
        self.site.setCurrentIndex(max(position, 0))
        self.apply_filters()

    def _rows_changed(self) -> None:
        searching = self.model.searching
        line = self.table.fontMetrics().height()
        self.table.verticalHeader().setDefaultSectionSize(line * 3 + 10 if searching else line + 10)
        self.table.scrollToTop()
        if self.model.rowCount():
            self.table.selectRow(0)
            self.table.setCurrentIndex(self.model.index(0, 0))

    def _query_finished(self) -> None:
        total = self.model.total
        if self.model.searching:
            text = self.search.text().strip()
            self.status.setText(f"{counted(total, 'article')} match “{text}”" if total else
                                f"No article matches “{text}”")
        elif self.filters() is not None:
            self.status.setText(f"{counted(total, 'article')} match the filters")
        else:
            self.status.setText(f"{counted(total, 'article')} in the library ({self.library.path})")

    def _complete_entity(self, text: str) -> None:
        try:
            names = [name.name for name in self.library.entity_names(text, limit=15)] if text.strip() else []
        except LibraryError:
            names = []
        self.entity_names.setStringList(names)

    def focus_search(self) -> None:
        self.show_list()
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def focus_entity_filter(self) -> None:
        self.show_list()
        self.entity_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.entity_field.selectAll()

    def _catch_up(self) -> None:
        """Make the list answer what the search field says now (Enter or Down can come before the typing pause)."""
        if self._typing_timer.isActive():
            self._typing_timer.stop()
            self.model.set_query(self.search.text(), self.filters(), typing=True, wait=True)
        elif self.model.pending:
            self.model.wait(5_000)
            QApplication.sendPostedEvents(self.model)  # the answer's queued signal

    def focus_results(self) -> None:
        self._catch_up()
        self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if self.model.rowCount() and not self.table.currentIndex().isValid():
            self.table.setCurrentIndex(self.model.index(0, 0))

    def open_current(self, first_if_none: bool = False) -> None:
        self._catch_up()
        index = self.table.currentIndex()
        if not index.isValid() and first_if_none and self.model.rowCount():
            index = self.model.index(0, 0)
        if index.isValid():
            self.open_row(index.row())

    def open_row(self, row: int) -> None:
        self.open_article(self.model.summary(row).id)

    def open_article(self, article_id: int, position: int | None = None) -> bool:
        """Emit open_requested with the stored entry (at position if given); False, said in the status, if not."""
        try:
            entry: LibraryEntry = self.library.entry(article_id)
            self.library.mark_read(article_id)
        except LibraryError as error:
            (self.entity_summary if self.pages.currentIndex() == 1 else self.status).setText(str(error))
            return False
        if position is not None:
            entry = dataclasses.replace(entry, position=position)
        self.open_requested.emit(entry)
        return True

    # -- the entity page --
    def show_filter_entity(self) -> None:
        name = self.entity_field.text().strip()
        if not name:
            self.status.setText("Type an entity's name in the Entity field first.")
            self.entity_field.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self.show_entity(EntityQuery.of(name))

    def show_entity(self, query: EntityQuery, remember: bool = True) -> None:
        """Show the page of the entity called query.names (as the sidebar of an article or the library names it)."""
        if remember and self.entity is not None and self.pages.currentIndex() == 1:
            self._history.append(self.entity)
        self.entity = query
        self.pages.setCurrentIndex(1)
        try:
            articles = self.library.entity_article_count(query)
            groups = self.library.entity_groups(query)
            aliases = self.library.entity_aliases(query)
            self.timeline.set_points(self.library.timeline(query))
        except LibraryError as error:
            self.entity_summary.setText(str(error))
            return
        self.entity_articles_model.show(self.library, query)
        self.entity_mentions_model.show(self.library, query)
        self.co_entities_model.load(self.library, query)
        self.entity_title.setText(query.label)
        self.entity_type.clear()
        self.entity_type.addItem("Any type", "")
        for group, count in groups:
            self.entity_type.addItem(f"{group} ({count})", group)
        self.entity_type.setCurrentIndex(max(self.entity_type.findData(query.group or ""), 0))
        self.entity_type.setEnabled(len(groups) > 1 or query.group is not None)
        if articles:
            names = ", ".join(f"{name} ({count})" for name, count in aliases[:12])
            kind = query.group or " / ".join(group for group, _ in groups)
            self.entity_summary.setText(f"{kind} · named in {counted(articles, 'article')} · as {names}")
        else:
            self.entity_summary.setText(f"No article in the library names “{query.label}”.")
        self.entity_articles.setFocus(Qt.FocusReason.OtherFocusReason)
        if self.entity_articles_model.rowCount():
            self.entity_articles.setCurrentIndex(self.entity_articles_model.index(0, 0))
        self.entity_shown.emit(query)

    def _type_chosen(self, index: int) -> None:
        if self.entity is not None:
            group = self.entity_type.itemData(index) or None
            self.show_entity(EntityQuery(self.entity.names, group), remember=False)

    def activate_entity_row(self, view: QListView) -> None:
        index = view.currentIndex()
        if not index.isValid():
            return
        if view is self.entity_articles:
            self.open_article(index.data(SummaryRole).id)
        elif view is self.entity_mentions:
            mention = index.data(MentionRole)
            self.open_article(mention.article, position=mention.start)
        elif view is self.co_entities:
            other = index.data(CoEntityRole)
            self.show_entity(EntityQuery.of(other.name, other.group))

    def go_back(self) -> None:
        if self._history:
            self.show_entity(self._history.pop(), remember=False)
        else:
            self.show_list()

    def show_list(self) -> None:
        self._history.clear()
        if self.pages.currentIndex() != 0:
            self.pages.setCurrentIndex(0)
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def _back(self) -> None:
        if self.pages.currentIndex() == 1:
            self.go_back()

    def keyPressEvent(self, event) -> None:
        # Escape that no field or list used (it clears the search first): back from an entity page.
        if event.key() == Qt.Key.Key_Escape and self.pages.currentIndex() == 1:
            self.go_back()
            return
        super().keyPressEvent(event)

    # -- lifetime --
    def closeEvent(self, event) -> None:
        self.model.close()
        self.co_entities_model.close()
        super().closeEvent(event)

