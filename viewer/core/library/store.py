"""The library: every article read or imported, with its analysis, in one SQLite file.

Library(folder) opens (and creates or migrates) FOLDER/library.sqlite3. It is
safe to use from several threads (each gets its own connection) and from
several processes at once (WAL: readers never wait for the writer, writers
queue for up to BUSY_SECONDS). Every write is one transaction, so a crash or
a SIGKILL at any moment leaves either the whole article or none of it.

What the window and the command line call:
- storing: add_article() when an article is opened, add_analysis() when its
  analysis arrives (either one creates the row; the same text is stored once,
  whatever path or address it came from), set_position(), mark_read(), remove();
- reading: entry() (the stored Article and Analysis, for opening without the
  model or the file), summaries(), count(), search(), sites();
- entities: entity_articles(), entity_mentions(), co_mentioned(), timeline(),
  entity_names() (for completion); an entity is matched by name across
  articles (see EntityQuery);
- highlights: add_highlight(), highlights(), edit_highlight(), remove_highlight().
Errors the reader should see are LibraryError, whose message is one sentence.
"""
from __future__ import annotations

import bisect
import json
import os
import sqlite3
import threading
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ..analysis import Analysis
from ..article import Article
from . import codec, schema
from .query import SCAN_CHARS, query_terms, search_queries, snippet

FILE_NAME = "library.sqlite3"
BUSY_SECONDS = 10.0
# Whole words of the title count this much more than words of the text in the ranking.
TITLE_WEIGHT = 4.0
# A match in the reader's own highlights and notes counts as much as this many in the text.
NOTE_WEIGHT = 2.0
ORDERS = {
    "date": "a.date {d}, a.added {d}, a.id {d}",
    "added": "a.added {d}, a.id {d}",
    "last_read": "a.last_read IS NULL, a.last_read {d}, a.id {d}",
    "title": "a.title COLLATE NOCASE {d}, a.id {d}",
    "site": "a.site COLLATE NOCASE {d}, a.date DESC, a.id DESC",
    "entities": "a.entity_count {d}, a.id {d}",
}
_SUMMARY_COLUMNS = ("a.id, a.title, a.source, a.site, a.date, a.author, a.added, a.last_read, a.entity_count, "
                    "a.model")


class LibraryError(Exception):
    """Something the library cannot do; str(error) says why in one sentence."""


@dataclass(frozen=True)
class ArticleSummary:
    """One row of the library list."""

    id: int
    title: str
    source: str
    site: str
    date: str  # ISO 8601 when the article gives one, else ''
    author: str
    added: float
    last_read: float | None
    entity_count: int  # named entities (people, organisations, places...); 0 until analysed
    model: str  # '' until analysed

    @property
    def analysed(self) -> bool:
        return bool(self.model)


@dataclass(frozen=True)
class SearchHit:
    summary: ArticleSummary
    snippet: str  # plain text around the best match, with … where it was cut
    marks: tuple[tuple[int, int], ...]  # spans of snippet that matched the query
    in_notes: bool  # the reader's highlights or notes matched


@dataclass(frozen=True)
class Highlight:
    id: int
    article: int
    start: int
    end: int
    quote: str
    note: str
    created: float


@dataclass(frozen=True)
class LibraryEntry:
    """A stored article as the window opens it: no file and no model needed."""

    id: int
    article: Article
    analysis: Analysis | None  # None when it was stored before its analysis arrived
    position: int
    added: float
    last_read: float | None
    highlights: tuple[Highlight, ...] = ()


@dataclass(frozen=True)
class Filters:
    """What narrows the list or a search; None means any."""

    site: str | None = None
    date_from: str | None = None  # YYYY-MM-DD, inclusive; undated articles are left out when set
    date_to: str | None = None
    entity: EntityQuery | None = None

    @property
    def empty(self) -> bool:
        return self.site is None and self.date_from is None and self.date_to is None and self.entity is None


@dataclass(frozen=True)
class EntityQuery:
    """An entity across articles: any article entity called one of names (canonical or alias).

    Matching goes one step further: the canonical names of the entities found
    that way count too, so "JICA" also finds the articles that only ever wrote
    "Japan International Cooperation Agency" when another article used both
    for one entity. group (a display group such as "Organisations") narrows it.
    """

    names: tuple[str, ...]
    group: str | None = None

    @classmethod
    def of(cls, name: str, group: str | None = None) -> EntityQuery:
        return cls((name,), group)

    @property
    def label(self) -> str:
        return self.names[0] if self.names else ""


@dataclass(frozen=True)
class EntityArticle:
    summary: ArticleSummary
    count: int  # mentions of the entity in this article
    names: tuple[str, ...]  # every name the article called it by


@dataclass(frozen=True)
class EntityMention:
    article: int
    title: str
    date: str
    start: int  # the mention, as offsets into the article's text
    end: int
    sentence: str  # the sentence it is in
    offset: int  # where the mention starts within sentence


@dataclass(frozen=True)
class CoEntity:
    name: str
    group: str
    articles: int  # articles that mention both
    count: int  # its mentions in those articles


@dataclass(frozen=True)
class EntityName:
    name: str
    articles: int


def default_folder() -> Path:
    """$ARTICLE_VIEWER_LIBRARY, or the platform's data folder (~/.local/share/article-viewer/library on Linux)."""
    override = os.environ.get("ARTICLE_VIEWER_LIBRARY", "").strip()
    if override:
        return Path(override).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("article-viewer", appauthor=False)) / "library"


def source_key(source: str) -> str | None:
    """How a source is remembered: an address as given, a file as its absolute path; None for pasted text."""
    source = (source or "").strip()
    if not source:
        return None
    if "://" in source:
        from ..loaders.url import is_url

        if is_url(source):
            return source
        if not source.lower().startswith("file:"):
            return None
        from urllib.parse import unquote, urlsplit

        source = unquote(urlsplit(source).path)
    path = Path(source).expanduser()
    try:
        if not path.is_file():
            return None
        return str(path.resolve())
    except OSError:
        return None


def file_stamp(path: str | Path) -> tuple[int, int] | None:
    """(size, modification time in ns) of a file, or None; an unchanged stamp means an unchanged file."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_size, info.st_mtime_ns


class Library:
    """One library file; see the module docstring for what to call when."""

    def __init__(self, folder: str | Path | None = None) -> None:
        self.folder = Path(folder) if folder is not None else default_folder()
        self.path = self.folder / FILE_NAME
        self._local = threading.local()
        self._connections: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        self._closed = False
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise LibraryError(f"The library folder “{self.folder}” cannot be created: "
                               f"{(error.strerror or str(error)).lower()}.") from None
        connection = self._connection()
        try:
            schema.migrate(connection)
        except schema.SchemaError as error:
            self.close()
            raise LibraryError(str(error)) from None
        except sqlite3.DatabaseError as error:
            self.close()
            raise LibraryError(_database_problem(self.path, error)) from None

    # -- connections and transactions --
    def _connection(self) -> sqlite3.Connection:
        connection = getattr(self._local, "connection", None)
        if connection is not None:
            return connection
        if self._closed:
            raise LibraryError("The library is closed.")
        try:
            connection = sqlite3.connect(self.path, timeout=BUSY_SECONDS, isolation_level=None,
                                         check_same_thread=False)
            connection.execute("PRAGMA journal_mode = WAL")
            # In WAL mode NORMAL loses nothing when the app is killed, only (at worst) the last
            # transactions when the machine loses power, and spares an fsync per article.
            connection.execute("PRAGMA synchronous = NORMAL")
            connection.execute("PRAGMA foreign_keys = ON")
        except sqlite3.DatabaseError as error:
            raise LibraryError(_database_problem(self.path, error)) from None
        self._local.connection = connection
        with self._lock:
            self._connections.append(connection)
        return connection

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: all of it is stored, or (on any exception) none of it."""
        connection = self._connection()
        try:
            connection.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as error:
            raise LibraryError(_database_problem(self.path, error)) from None
        try:
            yield connection
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        try:
            connection.execute("COMMIT")
        except sqlite3.DatabaseError as error:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            raise LibraryError(_database_problem(self.path, error)) from None

    def _read(self, sql: str, parameters: Iterable = (), full_text: bool = False) -> list[tuple]:
        """The rows of a query; full_text lets SQLite's refusal of a MATCH query through (the caller retries)."""
        try:
            return self._connection().execute(sql, tuple(parameters)).fetchall()
        except sqlite3.OperationalError as error:
            if full_text:
                raise
            raise LibraryError(_database_problem(self.path, error)) from None
        except sqlite3.DatabaseError as error:
            raise LibraryError(_database_problem(self.path, error)) from None

    def close(self) -> None:
        """Close every thread's connection (the WAL is checkpointed by the last one)."""
        with self._lock:
            connections, self._connections = self._connections, []
            self._closed = True
        for connection in connections:
            try:
                connection.close()
            except sqlite3.Error:
                pass
        self._local = threading.local()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- size and health --
    def size_bytes(self) -> int:
        """The space the library takes on disk (its file and the write-ahead log)."""
        total = 0
        for suffix in ("", "-wal", "-shm"):
            try:
                total += os.stat(f"{self.path}{suffix}").st_size
            except OSError:
                pass
        return total

    def integrity_problems(self) -> list[str]:
        """[] when SQLite's integrity check and the full text indexes' own checks pass, else what failed."""
        connection = self._connection()
        problems = [row[0] for row in connection.execute("PRAGMA integrity_check").fetchall() if row[0] != "ok"]
        for table in ("article_fts", "highlight_fts"):
            try:
                connection.execute(f"INSERT INTO {table}({table}) VALUES ('integrity-check')")
            except sqlite3.DatabaseError as error:
                problems.append(f"{table}: {error}")
        return problems

    # -- storing --
    def add_article(self, article: Article, source: str | None = None,
                    stamp: tuple[int, int] | None = None) -> tuple[int, bool]:
        """Store an article opened before (or without) its analysis: (its id, whether it was new).

        An article whose text is already stored is not stored again: its id
        comes back and the source is remembered as another way to it.
        """
        key = codec.text_key(article.text)
        with self._write() as connection:
            row = connection.execute("SELECT id FROM articles WHERE text_key = ?", (key,)).fetchone()
            if row is not None:
                article_id, created = row[0], False
            else:
                article_id, created = self._insert_article(connection, article, key), True
            self._remember_source(connection, article_id, source or article.source, stamp)
        return article_id, created

    def add_analysis(self, analysis: Analysis, source: str | None = None,
                     stamp: tuple[int, int] | None = None) -> tuple[int, bool]:
        """Store an article with its analysis (new, or replacing the stored analysis of the same text).

        Returns the article's id and whether the article (its text) was new.

        When the same text is stored with a different layout (another file of
        the same story), the stored one is kept if it is already analysed or
        has highlights, since their offsets belong to its text.
        """
        article = analysis.article
        key = codec.text_key(article.text)
        with self._write() as connection:
            row = connection.execute("SELECT id, text, analysis IS NOT NULL FROM articles WHERE text_key = ?",
                                     (key,)).fetchone()
            created = row is None
            if row is None:
                article_id = self._insert_article(connection, article, key)
                self._store_analysis(connection, article_id, analysis)
            else:
                article_id, stored_text, analysed = row
                same_text = stored_text == codec.storable(article.text)
                has_highlights = connection.execute("SELECT 1 FROM highlights WHERE article = ? LIMIT 1",
                                                    (article_id,)).fetchone() is not None
                if same_text or (not analysed and not has_highlights):
                    self._update_article(connection, article_id, article)
                    self._store_analysis(connection, article_id, analysis)
            self._remember_source(connection, article_id, source or article.source, stamp)
        return article_id, created

    def add_source(self, article_id: int, source: str, stamp: tuple[int, int] | None = None) -> None:
        """Remember another path or address for a stored article (an import found the same text)."""
        with self._write() as connection:
            self._remember_source(connection, article_id, source, stamp)

    def _insert_article(self, connection: sqlite3.Connection, article: Article, key: bytes) -> int:
        cursor = connection.execute(
            "INSERT INTO articles (text_key, source, title, site, date, author, added, text, structure) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (key, source_key(article.source) or article.source, article.title, article.site, article.date,
             article.author, time.time(), codec.storable(article.text), codec.encode_article(article)))
        return int(cursor.lastrowid)

    def _update_article(self, connection: sqlite3.Connection, article_id: int, article: Article) -> None:
        connection.execute(
            "UPDATE articles SET title = ?, site = ?, date = ?, author = ?, text = ?, structure = ? WHERE id = ?",
            (article.title, article.site, article.date, article.author, codec.storable(article.text),
             codec.encode_article(article), article_id))

    def _store_analysis(self, connection: sqlite3.Connection, article_id: int, analysis: Analysis) -> None:
        from ..entities import NAME_LABELS

        connection.execute("DELETE FROM entities WHERE article = ?", (article_id,))
        named = [e for e in analysis.entities if e.label in NAME_LABELS and codec.name_key(e.name)]
        named_ids = {e.id for e in named}
        aliases: dict[int, set[str]] = {e.id: {e.name} for e in named}
        for mention in analysis.mentions:
            if mention.entity in named_ids:
                aliases[mention.entity].add(mention.text)
        connection.executemany(
            "INSERT INTO entities (article, entity, name, key, label, grp, count, salience) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [(article_id, e.id, e.name, codec.name_key(e.name), e.label, e.group, e.count, e.salience)
             for e in named])
        connection.executemany(
            "INSERT OR IGNORE INTO aliases (key, article, entity, name) VALUES (?, ?, ?, ?)",
            [(codec.name_key(name), article_id, entity_id, name)
             for entity_id, names in aliases.items() for name in sorted(names) if codec.name_key(name)])
        sentences = sorted(analysis.sentences)
        starts = [start for start, _ in sentences]
        rows = []
        for mention in analysis.mentions:
            if mention.entity in named_ids:
                sentence_start, sentence_end = _sentence_of(sentences, starts, mention.start, mention.end)
                rows.append((article_id, mention.entity, mention.start, mention.end, sentence_start, sentence_end))
        connection.executemany(
            "INSERT OR IGNORE INTO mentions (article, entity, start, end, sentence_start, sentence_end) "
            "VALUES (?, ?, ?, ?, ?, ?)", rows)
        connection.execute("UPDATE articles SET analysis = ?, model = ?, entity_count = ? WHERE id = ?",
                           (codec.encode_analysis(analysis), analysis.model, len(named), article_id))

    def _remember_source(self, connection: sqlite3.Connection, article_id: int, source: str | None,
                         stamp: tuple[int, int] | None) -> None:
        key = source_key(source or "")
        if key is None:
            return
        if stamp is None and not key.startswith(("http://", "https://")):
            stamp = file_stamp(key)
        size, mtime_ns = stamp if stamp is not None else (None, None)
        connection.execute(
            "INSERT INTO sources (source, article, size, mtime_ns) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(source) DO UPDATE SET article = excluded.article, size = excluded.size, "
            "mtime_ns = excluded.mtime_ns", (key, article_id, size, mtime_ns))

    def set_position(self, article_id: int, position: int) -> None:
        """Remember where the reader is in the article (an offset into its text)."""
        with self._write() as connection:
            connection.execute("UPDATE articles SET position = max(0, min(?, length(text))) WHERE id = ?",
                               (int(position), article_id))

    def mark_read(self, article_id: int, when: float | None = None) -> None:
        with self._write() as connection:
            connection.execute("UPDATE articles SET last_read = ? WHERE id = ?",
                               (time.time() if when is None else when, article_id))

    def remove(self, article_id: int) -> bool:
        """Forget an article with its analysis, sources, highlights and notes; False if there was none."""
        with self._write() as connection:
            removed = connection.execute("DELETE FROM articles WHERE id = ?", (article_id,)).rowcount > 0
        if removed:
            try:
                self._connection().execute("PRAGMA incremental_vacuum")
            except sqlite3.DatabaseError:
                pass  # only space, given back on a later removal
        return removed

    # -- looking up --
    def find(self, article: Article | None = None, source: str | None = None) -> int | None:
        """The id of the stored article with this text, or last opened from this source; None if not stored."""
        if article is not None:
            rows = self._read("SELECT id FROM articles WHERE text_key = ?", (codec.text_key(article.text),))
            if rows:
                return int(rows[0][0])
        key = source_key(source or "") if source else None
        if key is not None:
            rows = self._read("SELECT article FROM sources WHERE source = ?", (key,))
            if rows:
                return int(rows[0][0])
        return None

    def is_unchanged(self, source: str, stamp: tuple[int, int] | None) -> bool:
        """True when this file was imported with this size and modification time (so it need not be read)."""
        if stamp is None:
            return False
        rows = self._read("SELECT s.size, s.mtime_ns, a.model FROM sources s JOIN articles a ON a.id = s.article "
                          "WHERE s.source = ?", (source,))
        return bool(rows) and tuple(rows[0][:2]) == tuple(stamp) and bool(rows[0][2])

    def entry(self, article_id: int) -> LibraryEntry:
        """The stored article, its analysis and highlights, ready to show; LibraryError if there is none."""
        rows = self._read("SELECT source, title, site, date, author, text, structure, analysis, position, added, "
                          "last_read FROM articles WHERE id = ?", (article_id,))
        if not rows:
            raise LibraryError(f"There is no article {article_id} in the library.")
        source, title, site, date, author, text, structure, blob, position, added, last_read = rows[0]
        try:
            article = codec.decode_article(structure, source=source, text=text, title=title, date=date, site=site,
                                           author=author)
            analysis = codec.decode_analysis(blob, article) if blob is not None else None
        except (ValueError, TypeError, KeyError, IndexError) as error:
            raise LibraryError(f"Article {article_id} in the library is damaged ({error}); "
                               "remove it and open it again.") from None
        return LibraryEntry(article_id, article, analysis, int(position), float(added), last_read,
                            tuple(self.highlights(article_id)))

    def summary(self, article_id: int) -> ArticleSummary | None:
        rows = self._read(f"SELECT {_SUMMARY_COLUMNS} FROM articles a WHERE a.id = ?", (article_id,))
        return _summary(rows[0]) if rows else None

    def count(self, filters: Filters | None = None) -> int:
        where, parameters = self._filter_sql(filters)
        return int(self._read(f"SELECT COUNT(*) FROM articles a {where}", parameters)[0][0])

    def summaries(self, filters: Filters | None = None, order: str = "date", descending: bool = True,
                  offset: int = 0, limit: int = 100) -> list[ArticleSummary]:
        """One page of the library list."""
        where, parameters = self._filter_sql(filters)
        order_sql = ORDERS.get(order, ORDERS["date"]).format(d="DESC" if descending else "ASC")
        rows = self._read(f"SELECT {_SUMMARY_COLUMNS} FROM articles a {where} ORDER BY {order_sql} "
                          "LIMIT ? OFFSET ?", [*parameters, limit, offset])
        return [_summary(row) for row in rows]

    def sites(self) -> list[tuple[str, int]]:
        """Every site in the library with its number of articles, most articles first."""
        rows = self._read("SELECT site, COUNT(*) FROM articles WHERE site != '' GROUP BY site "
                          "ORDER BY COUNT(*) DESC, site COLLATE NOCASE")
        return [(site, int(count)) for site, count in rows]

    def date_range(self) -> tuple[str, str] | None:
        rows = self._read("SELECT MIN(date), MAX(date) FROM articles WHERE date != ''")
        return (rows[0][0], rows[0][1]) if rows and rows[0][0] else None

    # -- full text search --
    def search(self, text: str, filters: Filters | None = None, offset: int = 0, limit: int = 50,
               prefix_last: bool = False, order: str = "rank", descending: bool = True) -> list[SearchHit]:
        """One page of the articles whose text, title, highlights or notes match, best first (or in order).

        Never raises for what the reader typed (see query.py): an unusable query
        is searched as words, and a query with no words finds nothing.
        """
        return self._first_accepted(
            text, prefix_last, lambda query: self._search(query, filters, offset, limit, order, descending), [])

    def search_count(self, text: str, filters: Filters | None = None, prefix_last: bool = False) -> int:
        def count(query: str) -> int:
            hits_sql, parameters = self._hits_sql(query, filters, self._valid_for_notes(query))
            return int(self._read(f"SELECT COUNT(*) FROM ({hits_sql})", parameters, full_text=True)[0][0])

        return self._first_accepted(text, prefix_last, count, 0)

    def _first_accepted(self, text: str, prefix_last: bool, run, nothing):
        """run(query) with the first form of what the reader typed that SQLite accepts (see query.py)."""
        queries = search_queries(text, prefix_last)
        for index, query in enumerate(queries):
            try:
                return run(query)
            except sqlite3.OperationalError as error:
                if index == len(queries) - 1:  # quoted words are always valid: the database itself failed
                    raise LibraryError(_database_problem(self.path, error)) from None
        return nothing

    def _valid_for_notes(self, query: str) -> bool:
        """Whether the highlights' index accepts this query (its columns differ from the articles')."""
        try:
            self._connection().execute("SELECT rowid FROM highlight_fts WHERE highlight_fts MATCH ? LIMIT 1",
                                       (query,)).fetchall()
        except sqlite3.OperationalError:
            return False
        return True

    def _hits_sql(self, query: str, filters: Filters | None, with_notes: bool) -> tuple[str, list]:
        """SQL for (id, rank, in_notes) of every matching article; lower rank is better (bm25)."""
        notes = (f" UNION ALL SELECT h.article, bm25(highlight_fts) * {NOTE_WEIGHT}, 1 FROM highlight_fts "
                 "JOIN highlights h ON h.id = highlight_fts.rowid WHERE highlight_fts MATCH ?") if with_notes else ""
        where, parameters = self._filter_sql(filters)
        sql = (f"WITH hits(id, rank, in_notes) AS (SELECT rowid, bm25(article_fts, {TITLE_WEIGHT}, 1.0), 0 "
               f"FROM article_fts WHERE article_fts MATCH ?{notes}), "
               "best AS (SELECT id, MIN(rank) AS rank, MAX(in_notes) AS in_notes FROM hits GROUP BY id) "
               f"SELECT a.id, best.rank, best.in_notes FROM best JOIN articles a ON a.id = best.id {where}")
        return sql, [query, *([query] if with_notes else []), *parameters]

    def _search(self, query: str, filters: Filters | None, offset: int, limit: int, order: str,
                descending: bool) -> list[SearchHit]:
        with_notes = self._valid_for_notes(query)
        hits_sql, parameters = self._hits_sql(query, filters, with_notes)
        order_sql = (ORDERS[order].format(d="DESC" if descending else "ASC") if order in ORDERS
                     else "hits.rank, a.id")
        rows = self._read(f"SELECT {_SUMMARY_COLUMNS}, hits.in_notes FROM ({hits_sql}) hits "
                          f"JOIN articles a ON a.id = hits.id ORDER BY {order_sql} LIMIT ? OFFSET ?",
                          [*parameters, limit, offset], full_text=True)
        # The texts of this page only (in the query above, SQLite would sort every match's text).
        texts = dict(self._read(f"SELECT id, substr(text, 1, {SCAN_CHARS}) FROM articles "
                                "WHERE id IN (SELECT value FROM json_each(?))", (json.dumps([r[0] for r in rows]),)))
        terms = query_terms(query)
        hits = []
        for row in rows:
            summary, in_notes = _summary(row[:-1]), bool(row[-1])
            shown, marks = snippet(texts.get(summary.id, ""), terms)
            if in_notes and not marks:
                shown, marks = self._note_snippet(summary.id, terms, (shown, marks))
            hits.append(SearchHit(summary, shown, tuple(marks), in_notes))
        return hits

    def _note_snippet(self, article_id: int, terms, fallback):
        """The snippet of the article's highlight or note that holds the most of the query's words."""
        best = fallback
        for quote, note in self._read("SELECT quote, note FROM highlights WHERE article = ?", (article_id,)):
            for text in (note, quote):
                shown, marks = snippet(text, terms)
                if len(marks) > len(best[1]):
                    best = (shown, marks)
        return best

    def _filter_sql(self, filters: Filters | None) -> tuple[str, list]:
        if filters is None or filters.empty:
            return "", []
        clauses, parameters = [], []
        if filters.site is not None:
            clauses.append("a.site = ?")
            parameters.append(filters.site)
        if filters.date_from is not None:
            clauses.append("a.date != '' AND substr(a.date, 1, 10) >= ?")
            parameters.append(filters.date_from)
        if filters.date_to is not None:
            clauses.append("a.date != '' AND substr(a.date, 1, 10) <= ?")
            parameters.append(filters.date_to)
        if filters.entity is not None:
            keys = self._entity_keys(filters.entity)
            clauses.append(f"a.id IN ({_MATCHED_PAIRS.format(select='DISTINCT m.article')})")
            parameters += [json.dumps(keys), filters.entity.group, filters.entity.group]
        return "WHERE " + " AND ".join(clauses), parameters

    # -- entities across articles --
    def _entity_keys(self, query: EntityQuery) -> list[str]:
        """The name keys an entity query matches: its names, and the canonical names of what they matched."""
        keys = sorted({codec.name_key(name) for name in query.names} - {""})
        if not keys:
            return []
        rows = self._read(
            "SELECT DISTINCT e.key FROM aliases al JOIN entities e ON e.article = al.article AND e.entity = al.entity "
            "WHERE al.key IN (SELECT value FROM json_each(?)) AND (? IS NULL OR e.grp = ?)",
            (json.dumps(keys), query.group, query.group))
        return sorted(set(keys) | {row[0] for row in rows})

    def entity_articles(self, query: EntityQuery, offset: int = 0, limit: int = 100) -> list[EntityArticle]:
        """Every article that mentions the entity (newest first), with how often and under which names."""
        keys = self._entity_keys(query)
        if not keys:
            return []
        rows = self._read(
            f"WITH pairs AS ({_MATCHED_PAIRS.format(select='DISTINCT m.article, m.entity')}) "
            f"SELECT {_SUMMARY_COLUMNS}, SUM(e.count), (SELECT group_concat(al.name, char(31)) FROM pairs q "
            "JOIN aliases al ON al.article = q.article AND al.entity = q.entity WHERE q.article = a.id) FROM pairs p "
            "JOIN entities e ON e.article = p.article AND e.entity = p.entity "
            "JOIN articles a ON a.id = p.article GROUP BY a.id ORDER BY a.date DESC, a.added DESC, a.id DESC "
            "LIMIT ? OFFSET ?", (json.dumps(keys), query.group, query.group, limit, offset))
        return [EntityArticle(_summary(row[:-2]), int(row[-2]), tuple(sorted(set(row[-1].split("\x1f")))))
                for row in rows]

    def entity_article_count(self, query: EntityQuery) -> int:
        keys = self._entity_keys(query)
        if not keys:
            return 0
        rows = self._read(f"SELECT COUNT(*) FROM ({_MATCHED_PAIRS.format(select='DISTINCT m.article')})",
                          (json.dumps(keys), query.group, query.group))
        return int(rows[0][0])

    def entity_groups(self, query: EntityQuery) -> list[tuple[str, int]]:
        """The display groups the entity was recognised as, with their numbers of articles, most first."""
        keys = self._entity_keys(EntityQuery(query.names))
        if not keys:
            return []
        rows = self._read(
            "SELECT e.grp, COUNT(DISTINCT e.article) FROM aliases al "
            "JOIN entities e ON e.article = al.article AND e.entity = al.entity "
            "WHERE al.key IN (SELECT value FROM json_each(?)) GROUP BY e.grp ORDER BY 2 DESC, 1",
            (json.dumps(keys),))
        return [(group, int(count)) for group, count in rows]

    def entity_aliases(self, query: EntityQuery) -> list[tuple[str, int]]:
        """Every name the entity goes by across the library, with the number of articles using it."""
        keys = self._entity_keys(query)
        if not keys:
            return []
        rows = self._read(
            f"WITH pairs AS ({_MATCHED_PAIRS.format(select='DISTINCT m.article, m.entity')}) "
            "SELECT al.name, COUNT(DISTINCT al.article) FROM pairs p "
            "JOIN aliases al ON al.article = p.article AND al.entity = p.entity "
            "GROUP BY al.name ORDER BY 2 DESC, al.name", (json.dumps(keys), query.group, query.group))
        return [(name, int(count)) for name, count in rows]

    def entity_mentions(self, query: EntityQuery, offset: int = 0, limit: int = 100) -> list[EntityMention]:
        """Each mention of the entity in its sentence, newest article first, in text order within one."""
        keys = self._entity_keys(query)
        if not keys:
            return []
        rows = self._read(
            f"WITH pairs AS ({_MATCHED_PAIRS.format(select='DISTINCT m.article, m.entity')}) "
            "SELECT a.id, a.title, a.date, mn.start, mn.end, mn.sentence_start, "
            "substr(a.text, mn.sentence_start + 1, mn.sentence_end - mn.sentence_start) "
            "FROM pairs p JOIN mentions mn ON mn.article = p.article AND mn.entity = p.entity "
            "JOIN articles a ON a.id = p.article "
            "ORDER BY a.date DESC, a.added DESC, a.id DESC, mn.start LIMIT ? OFFSET ?",
            (json.dumps(keys), query.group, query.group, limit, offset))
        return [EntityMention(int(article), title, date, int(start), int(end), sentence, int(start - sentence_start))
                for article, title, date, start, end, sentence_start, sentence in rows]

    def co_mentioned(self, query: EntityQuery, limit: int = 20) -> list[CoEntity]:
        """The entities most often named in the same articles as this one (by articles, then mentions)."""
        keys = self._entity_keys(query)
        if not keys:
            return []
        pairs = set(self._read(_MATCHED_PAIRS.format(select="DISTINCT m.article, m.entity"),
                               (json.dumps(keys), query.group, query.group)))
        articles = sorted({article for article, _entity in pairs})
        # Counted here rather than in SQL: a GROUP BY over the entities of hundreds of articles with the
        # matched pairs left out took SQLite minutes for an entity as common as "US".
        seen: dict[tuple[str, str], set[int]] = {}
        mentions: Counter[tuple[str, str]] = Counter()
        names: dict[tuple[str, str], Counter[str]] = {}
        left_out = set(keys)
        rows = self._read("SELECT article, entity, key, name, grp, count FROM entities "
                          "WHERE article IN (SELECT value FROM json_each(?))", (json.dumps(articles),))
        for article, entity, key, name, group, count in rows:
            if key in left_out or (article, entity) in pairs:
                continue
            seen.setdefault((key, group), set()).add(article)
            mentions[(key, group)] += count
            names.setdefault((key, group), Counter())[name] += 1
        ranked = sorted(seen, key=lambda item: (-len(seen[item]), -mentions[item], item[0]))
        return [CoEntity(names[item].most_common(1)[0][0], item[1], len(seen[item]), mentions[item])
                for item in ranked[:limit]]

    def timeline(self, query: EntityQuery) -> list[tuple[str, int]]:
        """(YYYY-MM, number of articles) of the articles mentioning the entity, oldest first; '' for undated."""
        keys = self._entity_keys(query)
        if not keys:
            return []
        rows = self._read(
            f"SELECT substr(a.date, 1, 7), COUNT(*) FROM articles a WHERE a.id IN "
            f"({_MATCHED_PAIRS.format(select='DISTINCT m.article')}) GROUP BY 1 ORDER BY 1",
            (json.dumps(keys), query.group, query.group))
        return [(month, int(count)) for month, count in rows]

    def entity_names(self, prefix: str, limit: int = 20) -> list[EntityName]:
        """Entity names starting with prefix (then containing it), most articles first, for completion."""
        key = codec.name_key(prefix)
        if not key:
            return []
        sql = ("SELECT al.key, COUNT(DISTINCT al.article), (SELECT name FROM aliases WHERE key = al.key "
               "GROUP BY name ORDER BY COUNT(*) DESC, name LIMIT 1) FROM aliases al WHERE {where} "
               "GROUP BY al.key ORDER BY 2 DESC, al.key LIMIT ?")
        rows = self._read(sql.format(where="al.key >= ? AND al.key < ?"), (key, key + "\U0010ffff", limit))
        if len(rows) < limit:
            seen = {row[0] for row in rows}
            pattern = "%" + key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            more = self._read(sql.format(where="al.key LIKE ? ESCAPE '\\'"), (pattern, limit * 2))
            rows += [row for row in more if row[0] not in seen][:limit - len(rows)]
        return [EntityName(name, int(count)) for _key, count, name in rows]

    # -- highlights and notes --
    def add_highlight(self, article_id: int, start: int, end: int, note: str = "") -> Highlight:
        """Keep text[start:end] of a stored article as the reader's highlight, with an optional note."""
        with self._write() as connection:
            row = connection.execute("SELECT substr(text, ? + 1, ? - ?), length(text) FROM articles WHERE id = ?",
                                     (start, end, start, article_id)).fetchone()
            if row is None:
                raise LibraryError(f"There is no article {article_id} in the library.")
            quote, length = row
            if not 0 <= start < end <= length:
                raise LibraryError(f"A highlight must be a stretch of the article's text (0 to {length}).")
            created = time.time()
            cursor = connection.execute(
                "INSERT INTO highlights (article, start, end, quote, note, created) VALUES (?, ?, ?, ?, ?, ?)",
                (article_id, start, end, quote, note.strip(), created))
        return Highlight(int(cursor.lastrowid), article_id, start, end, quote, note.strip(), created)

    def highlights(self, article_id: int) -> list[Highlight]:
        rows = self._read("SELECT id, article, start, end, quote, note, created FROM highlights WHERE article = ? "
                          "ORDER BY start, id", (article_id,))
        return [Highlight(*row) for row in rows]

    def highlight(self, highlight_id: int) -> Highlight | None:
        rows = self._read("SELECT id, article, start, end, quote, note, created FROM highlights WHERE id = ?",
                          (highlight_id,))
        return Highlight(*rows[0]) if rows else None

    def edit_highlight(self, highlight_id: int, note: str) -> Highlight:
        """Replace a highlight's note ('' removes it)."""
        with self._write() as connection:
            changed = connection.execute("UPDATE highlights SET note = ? WHERE id = ?",
                                         (note.strip(), highlight_id)).rowcount
        if not changed:
            raise LibraryError(f"There is no highlight {highlight_id} in the library.")
        found = self.highlight(highlight_id)
        assert found is not None
        return found

    def remove_highlight(self, highlight_id: int) -> bool:
        with self._write() as connection:
            return connection.execute("DELETE FROM highlights WHERE id = ?", (highlight_id,)).rowcount > 0


# The (article, entity) pairs of an entity query: parameters are the JSON list of name keys and the group twice.
_MATCHED_PAIRS = ("SELECT {select} FROM aliases m JOIN entities g ON g.article = m.article AND g.entity = m.entity "
                  "WHERE m.key IN (SELECT value FROM json_each(?)) AND (? IS NULL OR g.grp = ?)")


def _summary(row: tuple) -> ArticleSummary:
    id_, title, source, site, date, author, added, last_read, entity_count, model = row
    return ArticleSummary(int(id_), title, source, site, date, author, float(added), last_read, int(entity_count),
                          model)


def _sentence_of(sentences: list[tuple[int, int]], starts: list[int], start: int, end: int) -> tuple[int, int]:
    """The sentence holding the mention (stretched to its end if the mention crosses a sentence break)."""
    index = bisect.bisect_right(starts, start) - 1
    if index < 0 or sentences[index][1] <= start:
        return start, end
    sentence_start, sentence_end = sentences[index]
    return sentence_start, max(sentence_end, end)


def _database_problem(path: Path, error: sqlite3.Error) -> str:
    message = str(error).rstrip(".")
    if "no such module: fts5" in message:
        return ("This Python's SQLite has no FTS5 full text search, which the library needs; "
                "install a Python built with a current SQLite.")
    if isinstance(error, sqlite3.DatabaseError) and ("not a database" in message or "malformed" in message):
        return (f"The library “{path}” is damaged ({message}); move it aside to start a new one, "
                "or set ARTICLE_VIEWER_LIBRARY to use another folder.")
    if "locked" in message or "busy" in message:
        return f"The library “{path}” is busy in another program; try again in a moment."
    if "readonly" in message or "unable to open" in message:
        return f"The library “{path}” cannot be written to ({message})."
    return f"The library “{path}” could not be used ({message})."
