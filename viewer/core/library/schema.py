"""The library's database schema and its forward migrations.

The schema version is SQLite's `PRAGMA user_version`. MIGRATIONS[n] takes a
database at version n to version n + 1; each runs in one transaction together
with the version bump, so a migration interrupted at any point (a crash, a
SIGKILL, a full disk) leaves the database at the version it started from. An
empty file is version 0 and goes through every migration. A database of a newer
version than this code knows is refused (an older app must not write to it).

Version 1: articles (text and metadata in columns, structure and analysis as
compressed rows), the sources (paths and addresses) they were opened from, the
named entities of each article with their aliases and mentions, and the full
text index (FTS5, kept in step by triggers).
Version 2: the reader's own highlights and notes, with their own full text index.
"""
from __future__ import annotations

import sqlite3

# Column order matters for speed: the list reads the small columns of every row, and SQLite
# reads a row's columns in order, so the text and the blobs come last.
_V1 = """
CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    text_key BLOB NOT NULL UNIQUE,          -- codec.text_key(): the same text is stored once
    source TEXT NOT NULL,                   -- where it was first opened from (a path or an address)
    title TEXT NOT NULL DEFAULT '',
    site TEXT NOT NULL DEFAULT '',
    date TEXT NOT NULL DEFAULT '',          -- ISO 8601 (YYYY-MM-DD) when known, else ''
    author TEXT NOT NULL DEFAULT '',
    added REAL NOT NULL,                    -- seconds since the epoch
    last_read REAL,
    position INTEGER NOT NULL DEFAULT 0,    -- reading position: an offset into text
    entity_count INTEGER NOT NULL DEFAULT 0,-- named entities (people, organisations, places...)
    model TEXT NOT NULL DEFAULT '',         -- the language model of the analysis; '' until analysed
    text TEXT NOT NULL,
    structure BLOB NOT NULL,                -- codec.encode_article()
    analysis BLOB                           -- codec.encode_analysis(); NULL until analysed
);
CREATE INDEX articles_by_date ON articles(date, added);
CREATE INDEX articles_by_added ON articles(added);
CREATE INDEX articles_by_site ON articles(site, date);

CREATE TABLE sources (
    source TEXT PRIMARY KEY,                -- an absolute path or an address
    article INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    size INTEGER,                           -- files: size and modification time when imported,
    mtime_ns INTEGER                        -- so an unchanged file is skipped without reading it
) WITHOUT ROWID;
CREATE INDEX sources_by_article ON sources(article);

CREATE TABLE entities (                     -- the named entities of each analysed article
    article INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    entity INTEGER NOT NULL,                -- Entity.id in the article's analysis
    name TEXT NOT NULL,                     -- its canonical name in that article
    key TEXT NOT NULL,                      -- codec.name_key(name)
    label TEXT NOT NULL,
    grp TEXT NOT NULL,
    count INTEGER NOT NULL,
    salience REAL NOT NULL,
    PRIMARY KEY (article, entity)
) WITHOUT ROWID;
CREATE INDEX entities_by_key ON entities(key);

CREATE TABLE aliases (                      -- every name an entity goes by in an article, canonical included
    key TEXT NOT NULL,
    article INTEGER NOT NULL,
    entity INTEGER NOT NULL,
    name TEXT NOT NULL,
    PRIMARY KEY (key, article, entity),
    FOREIGN KEY (article, entity) REFERENCES entities(article, entity) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX aliases_by_entity ON aliases(article, entity);

CREATE TABLE mentions (                     -- each mention of a named entity, with its sentence
    article INTEGER NOT NULL,
    entity INTEGER NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    sentence_start INTEGER NOT NULL,
    sentence_end INTEGER NOT NULL,
    PRIMARY KEY (article, entity, start),
    FOREIGN KEY (article, entity) REFERENCES entities(article, entity) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE VIRTUAL TABLE article_fts USING fts5(
    title, text, content='articles', content_rowid='id', tokenize='unicode61 remove_diacritics 2');
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO article_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO article_fts(article_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
    INSERT INTO article_fts(article_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
    INSERT INTO article_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
END;
"""

_V2 = """
CREATE TABLE highlights (
    id INTEGER PRIMARY KEY,
    article INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,                 -- offsets into the article's stored text
    end INTEGER NOT NULL,
    quote TEXT NOT NULL,                    -- text[start:end] when it was made
    note TEXT NOT NULL DEFAULT '',
    created REAL NOT NULL,
    CHECK (0 <= start AND start < end)
);
CREATE INDEX highlights_by_article ON highlights(article, start);

CREATE VIRTUAL TABLE highlight_fts USING fts5(
    quote, note, content='highlights', content_rowid='id', tokenize='unicode61 remove_diacritics 2');
CREATE TRIGGER highlights_fts_insert AFTER INSERT ON highlights BEGIN
    INSERT INTO highlight_fts(rowid, quote, note) VALUES (new.id, new.quote, new.note);
END;
CREATE TRIGGER highlights_fts_delete AFTER DELETE ON highlights BEGIN
    INSERT INTO highlight_fts(highlight_fts, rowid, quote, note) VALUES ('delete', old.id, old.quote, old.note);
END;
CREATE TRIGGER highlights_fts_update AFTER UPDATE OF quote, note ON highlights BEGIN
    INSERT INTO highlight_fts(highlight_fts, rowid, quote, note) VALUES ('delete', old.id, old.quote, old.note);
    INSERT INTO highlight_fts(rowid, quote, note) VALUES (new.id, new.quote, new.note);
END;
"""

MIGRATIONS: tuple[str, ...] = (_V1, _V2)
VERSION = len(MIGRATIONS)


class SchemaError(Exception):
    """The file is not a library this version can use; str() says why in one sentence."""


def version_of(connection: sqlite3.Connection) -> int:
    return int(connection.execute("PRAGMA user_version").fetchone()[0])


def migrate(connection: sqlite3.Connection, target: int = VERSION) -> int:
    """Bring the database up to target (the latest by default), one transaction per step; the version reached.

    The connection must be in autocommit mode (isolation_level=None): each step
    opens and commits its own transaction.
    """
    current = version_of(connection)
    if current > VERSION:
        raise SchemaError("The library was made by a newer version of Article Viewer; "
                          "update the app to use it.")
    if current == 0 and target > 0:
        # Only possible before the first table exists; it lets removed articles give their space back.
        connection.execute("PRAGMA auto_vacuum = INCREMENTAL")
    while current < target:
        script = MIGRATIONS[current]
        connection.execute("BEGIN IMMEDIATE")
        try:
            # Another process may have migrated while this one waited for the write lock.
            current = version_of(connection)
            if current < target:
                for statement in _statements(script):
                    connection.execute(statement)
                current += 1
                connection.execute(f"PRAGMA user_version = {current}")
            connection.execute("COMMIT")
        except BaseException:
            connection.execute("ROLLBACK")
            raise
    return current


def _statements(script: str) -> list[str]:
    """The statements of a script, split where SQLite says a statement is complete (triggers hold ';')."""
    statements, pending = [], ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            statements.append(pending.strip())
            pending = ""
    if pending.strip():
        raise ValueError(f"incomplete statement in a migration: {pending.strip()[:60]}")
    return statements
