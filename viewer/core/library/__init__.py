"""The library: every article the reader opened or imported, with its analysis, highlights and notes.

It lives in one SQLite file (FOLDER/library.sqlite3, FOLDER from
$ARTICLE_VIEWER_LIBRARY or the platform's data folder) with a full text index
and an index of entities across articles. Modules:
- store: the Library class (storing, reading, search, entities, highlights);
- schema: the tables and their forward migrations;
- codec: identities (text_key, name_key) and the compact stored rows;
- query: turning what the reader types into an FTS5 query that never fails;
- bulk and importing: the bulk import on every core;
- notes: exports of a stored article with the reader's highlights and notes.
It never imports Qt; the window's library view is viewer.ui.library_window.
"""
from .schema import VERSION as SCHEMA_VERSION
from .store import (
    ArticleSummary,
    CoEntity,
    EntityArticle,
    EntityMention,
    EntityName,
    EntityQuery,
    Filters,
    Highlight,
    Library,
    LibraryEntry,
    LibraryError,
    SearchHit,
    default_folder,
)

__all__ = [
    "SCHEMA_VERSION", "ArticleSummary", "CoEntity", "EntityArticle", "EntityMention", "EntityName", "EntityQuery",
    "Filters", "Highlight", "Library", "LibraryEntry", "LibraryError", "SearchHit", "default_folder",
]
