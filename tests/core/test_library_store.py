"""The library's storage on a real SQLite file: schema and migrations, duplicates, round trips, removal."""
from __future__ import annotations

import dataclasses
import shutil
import sqlite3

import pytest

from viewer.core.library import Library, LibraryError, schema
from viewer.core.library import codec


def test_this_python_has_sqlite_with_fts5():
    connection = sqlite3.connect(":memory:")
    try:
        connection.execute("CREATE VIRTUAL TABLE probe USING fts5(text)")
    except sqlite3.OperationalError as error:
        pytest.fail(f"This Python's SQLite {sqlite3.sqlite_version} has no FTS5 ({error}); the library's full "
                    "text search needs a Python built with FTS5 (the python.org and distribution builds have it).")


def tables(path) -> set[str]:
    with sqlite3.connect(path) as connection:
        return {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type IN ('table')")}


def user_version(path) -> int:
    with sqlite3.connect(path) as connection:
        return connection.execute("PRAGMA user_version").fetchone()[0]


def test_a_new_library_has_the_latest_schema_in_wal_mode(tmp_path):
    library = Library(tmp_path / "lib")
    assert library.path == tmp_path / "lib" / "library.sqlite3" and library.path.is_file()
    assert user_version(library.path) == schema.VERSION == 2
    assert {"articles", "sources", "entities", "aliases", "mentions", "highlights", "article_fts",
            "highlight_fts"} <= tables(library.path)
    assert library._connection().execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert library.integrity_problems() == []
    library.close()


def test_an_empty_file_is_a_new_library(tmp_path):
    (tmp_path / "library.sqlite3").write_bytes(b"")
    with Library(tmp_path) as library:
        assert library.count() == 0
    assert user_version(tmp_path / "library.sqlite3") == schema.VERSION


def make_version_1(path, analysis) -> int:
    """A library as version 1 wrote it, by hand: one analysed article with its entity rows."""
    connection = sqlite3.connect(path, isolation_level=None)
    schema.migrate(connection, target=1)
    article = analysis.article
    cursor = connection.execute(
        "INSERT INTO articles (text_key, source, title, site, date, author, added, entity_count, model, text, "
        "structure, analysis) VALUES (?, ?, ?, ?, ?, ?, 1700000000.0, 1, ?, ?, ?, ?)",
        (codec.text_key(article.text), article.source, article.title, article.site, article.date, article.author,
         analysis.model, article.text, codec.encode_article(article), codec.encode_analysis(analysis)))
    article_id = cursor.lastrowid
    entity = next(e for e in analysis.entities if e.label == "PERSON")
    connection.execute("INSERT INTO entities VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                       (article_id, entity.id, entity.name, codec.name_key(entity.name), entity.label, entity.group,
                        entity.count, entity.salience))
    connection.execute("INSERT INTO aliases VALUES (?, ?, ?, ?)",
                       (codec.name_key(entity.name), article_id, entity.id, entity.name))
    connection.close()
    return article_id


def test_a_version_1_library_is_migrated_with_its_articles(tmp_path, corpus_analyses):
    analysis = corpus_analyses[2]  # Merkel and Macron
    article_id = make_version_1(tmp_path / "library.sqlite3", analysis)
    assert user_version(tmp_path / "library.sqlite3") == 1 and "highlights" not in tables(tmp_path / "library.sqlite3")
    with Library(tmp_path) as library:
        assert user_version(library.path) == 2
        entry = library.entry(article_id)
        assert entry.analysis is not None and entry.analysis.to_dict() == analysis.to_dict()
        assert [hit.summary.id for hit in library.search("Toulouse")] == [article_id]
        person = next(e for e in analysis.entities if e.label == "PERSON")
        assert [row.summary.id for row in library.entity_articles(_query(person.name))] == [article_id]
        # What version 2 adds works on the migrated article.
        highlight = library.add_highlight(article_id, 0, 10, "first words")
        assert library.highlights(article_id) == [highlight]
        assert library.integrity_problems() == []


def _query(name):
    from viewer.core.library import EntityQuery

    return EntityQuery.of(name)


def test_a_failed_migration_leaves_the_library_at_its_version(tmp_path, monkeypatch, corpus_analyses):
    article_id = make_version_1(tmp_path / "library.sqlite3", corpus_analyses[0])
    broken = schema.MIGRATIONS[1] + "\nCREATE TABLE highlights (id INTEGER);\n"  # fails after creating tables
    monkeypatch.setattr(schema, "MIGRATIONS", (schema.MIGRATIONS[0], broken))
    with pytest.raises(LibraryError):
        Library(tmp_path)
    assert user_version(tmp_path / "library.sqlite3") == 1
    assert "highlights" not in tables(tmp_path / "library.sqlite3")
    monkeypatch.undo()
    with Library(tmp_path) as library:
        assert library.entry(article_id).analysis is not None and user_version(library.path) == 2


def test_a_library_from_a_newer_version_is_refused_in_one_sentence(tmp_path):
    with sqlite3.connect(tmp_path / "library.sqlite3") as connection:
        connection.execute(f"PRAGMA user_version = {schema.VERSION + 1}")
    with pytest.raises(LibraryError, match="newer version of Article Viewer") as raised:
        Library(tmp_path)
    assert str(raised.value).count(".") <= 2


def test_a_file_that_is_not_a_database_is_reported_not_replaced(tmp_path):
    path = tmp_path / "library.sqlite3"
    path.write_bytes(b"this is not a database\n" * 200)
    with pytest.raises(LibraryError, match="is damaged") as raised:
        Library(tmp_path)
    assert str(path) in str(raised.value) and "ARTICLE_VIEWER_LIBRARY" in str(raised.value)
    assert path.read_bytes() == b"this is not a database\n" * 200


def test_the_folder_comes_from_the_environment(tmp_path, monkeypatch):
    from viewer.core.library import default_folder

    monkeypatch.setenv("ARTICLE_VIEWER_LIBRARY", str(tmp_path / "elsewhere"))
    assert default_folder() == tmp_path / "elsewhere"
    with Library() as library:
        assert library.path.parent == tmp_path / "elsewhere"
    monkeypatch.delenv("ARTICLE_VIEWER_LIBRARY")
    assert default_folder().name == "library" and "article-viewer" in str(default_folder())


# -- what is stored --
def test_an_analysis_comes_back_exactly(filled_library, corpus_analyses):
    for analysis in corpus_analyses:
        article_id = filled_library.find(analysis.article)
        entry = filled_library.entry(article_id)
        assert entry.analysis.to_dict() == analysis.to_dict()
        assert entry.article == analysis.article
        summary = filled_library.summary(article_id)
        assert (summary.title, summary.date, summary.site) == (analysis.title, analysis.article.date,
                                                               analysis.article.site)
        named = [e for e in analysis.entities if e.label in _name_labels()]
        assert summary.entity_count == len(named) > 0


def _name_labels():
    from viewer.core.entities import NAME_LABELS

    return NAME_LABELS


def test_the_same_text_is_stored_once_whatever_its_source(library, corpus_files, corpus_analyses, tmp_path):
    original = corpus_files[0]
    copy = tmp_path / "copy of it.txt"
    shutil.copy(original, copy)
    rewrapped = tmp_path / "rewrapped.txt"
    # The same words with other spaces (thin ones the loader keeps) and line breaks: the same article.
    rewrapped.write_text(original.read_text(encoding="utf-8").replace(" the ", " the\u2009").replace("\n\n", "\n\n\n"),
                         encoding="utf-8")
    from viewer.core.loaders import load

    assert load(str(rewrapped)).text != load(str(original)).text

    first, created = library.add_analysis(corpus_analyses[0])
    assert created
    article_id, created = library.add_article(load(str(copy)))
    assert (article_id, created) == (first, False)
    assert library.add_analysis(dataclasses.replace(corpus_analyses[0],
                                                    article=load(str(rewrapped)))) == (first, False)
    assert library.count() == 1
    for path in (original, copy, rewrapped):
        assert library.find(source=str(path)) == first
    # The stored text is still the first one, which the stored analysis belongs to.
    assert library.entry(first).analysis.to_dict() == corpus_analyses[0].to_dict()


def test_an_article_stored_on_opening_gets_its_analysis_when_it_arrives(library, corpus_analyses):
    analysis = corpus_analyses[3]
    article_id, created = library.add_article(analysis.article)
    assert created and library.entry(article_id).analysis is None
    assert library.summary(article_id).entity_count == 0 and not library.summary(article_id).analysed
    assert library.add_analysis(analysis) == (article_id, False)
    assert library.entry(article_id).analysis.to_dict() == analysis.to_dict()
    assert library.add_analysis(analysis) == (article_id, False)  # again: replaced, not doubled
    rows = library._connection().execute("SELECT COUNT(*) FROM entities WHERE article = ?", (article_id,)).fetchone()
    assert rows[0] == library.summary(article_id).entity_count


def test_pasted_text_has_no_source_to_remember(library, corpus_analyses):
    from viewer.core.loaders import load_pasted

    article = load_pasted(corpus_analyses[4].text)
    article_id, created = library.add_article(article)
    assert created and library.find(source="Clipboard") is None and library.find(article) == article_id


def test_reading_position_and_last_read(filled_library, corpus_analyses):
    article_id = filled_library.find(corpus_analyses[1].article)
    filled_library.set_position(article_id, 120)
    assert filled_library.entry(article_id).position == 120
    filled_library.set_position(article_id, 10**9)
    assert filled_library.entry(article_id).position == len(corpus_analyses[1].text)
    assert filled_library.entry(article_id).last_read is None
    filled_library.mark_read(article_id, when=1_800_000_000.0)
    assert filled_library.entry(article_id).last_read == 1_800_000_000.0
    assert filled_library.summaries(order="last_read")[0].id == article_id


def test_removing_an_article_removes_everything_of_it(filled_library, corpus_analyses):
    analysis = corpus_analyses[2]
    article_id = filled_library.find(analysis.article)
    filled_library.add_highlight(article_id, 5, 20, "a note about Toulouse")
    assert filled_library.search("Toulouse")
    assert filled_library.remove(article_id)
    assert not filled_library.remove(article_id)
    assert filled_library.search("Toulouse") == [] and filled_library.count() == len(corpus_analyses) - 1
    connection = filled_library._connection()
    for table in ("entities", "aliases", "mentions", "highlights", "sources"):
        assert connection.execute(f"SELECT COUNT(*) FROM {table} WHERE article = ?", (article_id,)).fetchone() == (0,)
    assert filled_library.integrity_problems() == []
    with pytest.raises(LibraryError, match=f"no article {article_id}"):
        filled_library.entry(article_id)


def test_summaries_page_and_sort(filled_library, corpus_analyses):
    everything = filled_library.summaries(limit=100)
    assert len(everything) == filled_library.count() == len(corpus_analyses)
    dated = [s.date for s in everything if s.date]
    assert dated == sorted(dated, reverse=True) and not everything[-1].date  # undated last
    pages = filled_library.summaries(limit=4) + filled_library.summaries(offset=4, limit=4)
    assert [s.id for s in pages] == [s.id for s in everything]
    titles = [s.title.casefold() for s in filled_library.summaries(order="title", descending=False)]
    assert titles == sorted(titles)
    assert ("reuters.com", 2) in filled_library.sites()


def test_writes_from_two_threads_and_a_second_connection(filled_library, corpus_analyses, tmp_path):
    import threading

    other = Library(filled_library.folder)  # another window or command line on the same file
    ids = [filled_library.find(a.article) for a in corpus_analyses]
    errors = []

    def mark(library, offset):
        try:
            for round_ in range(30):
                for article_id in ids:
                    library.set_position(article_id, round_ + offset)
                    library.search("Merkel")
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=mark, args=(filled_library, 0)), threading.Thread(target=mark, args=(other, 1))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    other.close()
    assert errors == [] and filled_library.integrity_problems() == []
