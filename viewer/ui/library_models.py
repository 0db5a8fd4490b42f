"""Qt models over the library: the article list or search results, and the parts of an entity page.

Every model holds one page of rows at first and fetches more as the view
scrolls (canFetchMore/fetchMore), so its memory does not grow with the
library. ArticleListModel runs a new query (typing in the search field, a
filter) on a worker thread and shows its first page when it comes back; an
answer to an older query is dropped. Later pages are read on the GUI thread
(a page is a few milliseconds). All models are read-only and pass
qtmodeltester.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (QAbstractListModel, QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex,
                            QRunnable, Qt, QThreadPool, Signal)

from ..core.library import (ArticleSummary, CoEntity, EntityArticle, EntityMention, EntityQuery, Filters, Library,
                            SearchHit)
from .wording import counted

SummaryRole = Qt.ItemDataRole.UserRole + 20  # the ArticleSummary of a row
SnippetRole = Qt.ItemDataRole.UserRole + 21  # (snippet, marks) of a search result, None in the plain list
MentionRole = Qt.ItemDataRole.UserRole + 22  # the EntityMention of a mention row
CoEntityRole = Qt.ItemDataRole.UserRole + 23  # the CoEntity of a row of entities mentioned with one
PAGE = 100
SEARCH_PAGE = 50  # search results are three lines high, and each needs its snippet cut

_ANY = QModelIndex()


class _Answer(QObject):
    """Carries a query's answer from the worker thread to the GUI thread (a queued signal)."""

    ready = Signal(int, object, int)  # generation, rows, total


class _Query(QRunnable):
    def __init__(self, generation: int, run: Callable[[], tuple[list, int]], answer: _Answer) -> None:
        super().__init__()
        self.generation = generation
        self.run_query = run
        self.answer = answer

    def run(self) -> None:
        try:
            rows, total = self.run_query()
        except Exception:  # noqa: BLE001 - a failed query shows no rows; the window reports library errors itself
            rows, total = [], 0
        self.answer.ready.emit(self.generation, rows, total)


def date_text(date: str) -> str:
    return date[:10]


class ArticleListModel(QAbstractTableModel):
    """Every article (newest first), or the articles matching a search (best first), a page at a time."""

    COLUMNS = ("Title", "Site", "Date", "Names")
    ORDER_BY_COLUMN = ("title", "site", "date", "entities")
    query_finished = Signal()  # the first page of the latest query is in (also when nothing matched)

    def __init__(self, library: Library, parent=None) -> None:
        super().__init__(parent)
        self.library = library
        self.text = ""
        self.filters: Filters | None = None
        self.typing = False
        self.order = ""  # "" is the default: newest first, or the best matches first
        self.descending = True
        self.total = 0
        self._rows: list[ArticleSummary | SearchHit] = []
        self._generation = 0
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)  # queries one after another: the newest waits for at most one
        self._answer = _Answer(self)
        self._answer.ready.connect(self._show_answer)
        self.pending = False

    # -- queries --
    @property
    def searching(self) -> bool:
        return bool(self.text.strip())

    def set_query(self, text: str, filters: Filters | None = None, typing: bool = False, wait: bool = False) -> None:
        """Show the articles matching text (all of them when empty) and filters.

        typing makes the last word a prefix (results while the word is being
        typed). The query runs on a worker thread unless wait is true.
        """
        self.text, self.filters, self.typing = text, filters, typing
        self.refresh(wait)

    def refresh(self, wait: bool = False) -> None:
        self._generation += 1
        run = self._first_page_query()
        self._pool.clear()  # queries not started yet are out of date
        if wait:
            self._pool.waitForDone(10_000)
            rows, total = run()
            self._show_answer(self._generation, rows, total)
            return
        self.pending = True
        self._pool.start(_Query(self._generation, run, self._answer))

    def _first_page_query(self) -> Callable[[], tuple[list, int]]:
        library, text, filters, typing = self.library, self.text, self.filters, self.typing
        order, descending = self.order, self.descending
        if self.searching:
            def run() -> tuple[list, int]:
                rows = library.search(text, filters, limit=SEARCH_PAGE, prefix_last=typing, order=order or "rank",
                                      descending=descending)
                total = (len(rows) if len(rows) < SEARCH_PAGE
                         else library.search_count(text, filters, prefix_last=typing))
                return rows, total
        else:
            def run() -> tuple[list, int]:
                rows = library.summaries(filters, order=order or "date", descending=descending, limit=PAGE)
                total = len(rows) if len(rows) < PAGE else library.count(filters)
                return rows, total
        return run

    def _show_answer(self, generation: int, rows: list, total: int) -> None:
        if generation != self._generation:
            return  # an older query: a newer one is on its way
        self.pending = False
        self.beginResetModel()
        self._rows = list(rows)
        self.total = max(total, len(self._rows))
        self.endResetModel()
        self.query_finished.emit()

    def wait(self, milliseconds: int = 10_000) -> bool:
        """Wait for the queries on the worker thread (tests, closing)."""
        return self._pool.waitForDone(milliseconds)

    def close(self) -> None:
        self._generation += 1
        self._pool.clear()
        self._pool.waitForDone(10_000)

    # -- paging --
    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = _ANY) -> bool:
        return not parent.isValid() and len(self._rows) < self.total

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = _ANY) -> None:
        if not self.canFetchMore(parent):
            return
        offset = len(self._rows)
        if self.searching:
            more: list = self.library.search(self.text, self.filters, offset=offset, limit=SEARCH_PAGE,
                                             prefix_last=self.typing, order=self.order or "rank",
                                             descending=self.descending)
        else:
            more = self.library.summaries(self.filters, order=self.order or "date", descending=self.descending,
                                          offset=offset, limit=PAGE)
        if not more:
            self.total = offset  # the library changed under us: stop asking
            return
        self.beginInsertRows(QModelIndex(), offset, offset + len(more) - 1)
        self._rows += more
        self.endInsertRows()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.ORDER_BY_COLUMN):
            self.order, self.descending = "", True
        else:
            self.order = self.ORDER_BY_COLUMN[column]
            self.descending = order == Qt.SortOrder.DescendingOrder
        self.refresh()

    # -- rows --
    def summary(self, row: int) -> ArticleSummary:
        item = self._rows[row]
        return item.summary if isinstance(item, SearchHit) else item

    def hit(self, row: int) -> SearchHit | None:
        item = self._rows[row]
        return item if isinstance(item, SearchHit) else None

    def row_of_id(self, article_id: int) -> int:
        for row in range(len(self._rows)):
            if self.summary(row).id == article_id:
                return row
        return -1

    # -- Qt model interface --
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ANY) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ANY) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.COLUMNS[section]
        if role == Qt.ItemDataRole.ToolTipRole and section == 3:
            return "Named entities: people, organisations, places and the like"
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        summary = self.summary(index.row())
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return summary.title or summary.source or "Untitled"
            if column == 1:
                return summary.site
            if column == 2:
                return date_text(summary.date)
            return str(summary.entity_count) if summary.analysed else "…"
        if role == Qt.ItemDataRole.ToolTipRole:
            return summary.source
        if role == Qt.ItemDataRole.AccessibleTextRole and column == 0:
            hit = self.hit(index.row())
            parts = [summary.title or "Untitled", summary.site, date_text(summary.date)]
            if hit is not None:
                parts.append(hit.snippet)
            return ", ".join(part for part in parts if part)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 3:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == SummaryRole:
            return summary
        if role == SnippetRole:
            hit = self.hit(index.row())
            return (hit.snippet, hit.marks) if hit is not None else None
        return None


class _PagedListModel(QAbstractListModel):
    """A one-column list of rows read from the library a page at a time by fetch(offset, limit)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list = []
        self._fetch: Callable[[int, int], list] | None = None
        self._more = False

    def set_source(self, fetch: Callable[[int, int], list] | None) -> None:
        self.beginResetModel()
        self._fetch = fetch
        self._rows = fetch(0, PAGE) if fetch is not None else []
        self._more = len(self._rows) == PAGE
        self.endResetModel()

    def item(self, row: int):
        return self._rows[row]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ANY) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = _ANY) -> bool:
        return not parent.isValid() and self._more

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = _ANY) -> None:
        if not self.canFetchMore(parent) or self._fetch is None:
            return
        more = self._fetch(len(self._rows), PAGE)
        self._more = len(more) == PAGE
        if more:
            self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(more) - 1)
            self._rows += more
            self.endInsertRows()


class EntityArticlesModel(_PagedListModel):
    """The articles that mention an entity, newest first: title, date and how often."""

    def show(self, library: Library | None, query: EntityQuery | None) -> None:
        self.set_source(None if library is None or query is None else
                        lambda offset, limit: library.entity_articles(query, offset, limit))

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row: EntityArticle = self._rows[index.row()]
        summary = row.summary
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            when = date_text(summary.date) or "undated"
            return f"{when} · {summary.title or 'Untitled'} · {counted(row.count, 'mention')}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"Called {', '.join(row.names)} in this article; Enter opens it"
        if role == SummaryRole:
            return summary
        return None


class EntityMentionsModel(_PagedListModel):
    """Each mention of an entity in its sentence, newest article first."""

    def show(self, library: Library | None, query: EntityQuery | None) -> None:
        self.set_source(None if library is None or query is None else
                        lambda offset, limit: library.entity_mentions(query, offset, limit))

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        mention: EntityMention = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return " ".join(mention.sentence.split())
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{mention.title} ({date_text(mention.date) or 'undated'}); Enter opens it here"
        if role == MentionRole:
            return mention
        return None


class CoEntityModel(QAbstractListModel):
    """The entities most often mentioned in the same articles as one entity.

    load() works them out on a worker thread: for an entity named in a third of
    a large library that is a few hundred milliseconds.
    """

    loaded = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[CoEntity] = []
        self._twice: set[str] = set()
        self._generation = 0
        self.pending = False
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._answer = _Answer(self)
        self._answer.ready.connect(self._arrived)

    def load(self, library: Library, query: EntityQuery) -> None:
        self._generation += 1
        self._pool.clear()
        self.show([])
        self.pending = True
        self._pool.start(_Query(self._generation, lambda: (library.co_mentioned(query), 0), self._answer))

    def _arrived(self, generation: int, rows: list, _total: int) -> None:
        if generation == self._generation:
            self.pending = False
            self.show(rows)
            self.loaded.emit()

    def wait(self, milliseconds: int = 10_000) -> bool:
        return self._pool.waitForDone(milliseconds)

    def close(self) -> None:
        self._generation += 1
        self._pool.clear()
        self._pool.waitForDone(10_000)

    def show(self, rows: list[CoEntity]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        names = [row.name.casefold() for row in self._rows]
        self._twice = {name for name in names if names.count(name) > 1}  # these say their type
        self.endResetModel()

    def item(self, row: int) -> CoEntity:
        return self._rows[row]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ANY) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            kind = f" ({row.group})" if row.name.casefold() in self._twice else ""
            return f"{row.name}{kind} — {counted(row.articles, 'article')}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{row.name} ({row.group}): {counted(row.count, 'mention')}; Enter shows its page"
        if role == CoEntityRole:
            return row
        return None
