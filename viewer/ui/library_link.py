"""The library in the window: what is opened goes in, the reader's highlights, the library view, the place kept.

LibraryLink listens to the session (session.py) and keeps the library
(viewer/core/library) in step with what the window shows:

- an article shown is stored (Library.add_article) and marked read; its
  highlights and the place the reader left it come back and are shown; its
  analysis is stored when it arrives (add_analysis), as the service gave it
  (the reader's corrections are applied on top whenever it is shown);
- an article chosen in the library view (library_window.py) is shown from the
  library as a cache hit is (ArticleSession.show_stored): no file, no model, at
  its place or at the mention chosen. "library:ID" is its entry in Back /
  Forward, read again from the library (read_entry);
- the reader's highlights and notes are written to the library and shown in the
  text (ReadingPane.set_user_highlights) and the highlights pane;
- with the library on, the library keeps the reading position of every article
  (ReadingPositions.keeper); with it off, the settings do, as before.

Every read and write of the window's own runs on the link's lane (one thread,
in order, so a highlight made just after an article is shown finds it stored),
never on the GUI thread; only the library view queries on its own. The library
is opened on that lane just after the first paint (start()): sqlite3 and
viewer.core.library are never imported before it. The setting "library/keep"
turns storing off; then nothing is stored, and highlights are refused with a
sentence saying why.
"""
from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from .background import BackgroundLane

if TYPE_CHECKING:
    from ..core.analysis import Analysis, Entity
    from ..core.article import Article
    from ..core.library import Highlight, Library, LibraryEntry
    from .library_import import LibraryImport
    from .library_window import LibraryWindow
    from .main_window import MainWindow

SETTLE_MS = 300  # after an article is shown, or its highlights painted, before it or its analysis is stored
SOURCE_PREFIX = "library:"  # how an article shown from the library is entered in Back / Forward
LIBRARY_OFF = ("Your highlights are kept in the library, which is turned off: turn it on in "
               "Library > Library Settings….")
_log = logging.getLogger("viewer")


def library_source(article_id: int) -> str:
    return f"{SOURCE_PREFIX}{article_id}"


def read_entry(source: str, folder: Path | None = None) -> LibraryEntry:
    """The stored article behind a "library:ID" source (for Back / Forward), off the GUI thread.

    It reads with a connection of its own, closed at once: the session's loading
    threads come and go, and a connection left with one would stay open.
    """
    from ..core.errors import ArticleError
    from ..core.library import Library, LibraryError

    try:
        article_id = int(source[len(SOURCE_PREFIX):])
    except ValueError:
        raise ArticleError(f"“{source}” is not an article of the library.") from None
    try:
        with Library(folder) as library:
            entry = library.entry(article_id)
            library.mark_read(article_id)
    except LibraryError as error:
        raise ArticleError(str(error)) from None
    return entry


class _Shown:
    """The article shown, as the library knows it: its id and the analysis stored for it, once stored."""

    def __init__(self, article: Article, article_id: int | None = None, known: Analysis | None = None) -> None:
        self.article = article
        self.id = article_id  # set on the lane when it is stored
        self.known = known  # the analysis the library holds for it, as last read or written (on the lane)


def same_analysis(one: Analysis, other: Analysis) -> bool:
    """Whether storing other over one would change nothing (the time it took aside)."""
    return (one.model == other.model and one.text == other.text and one.mentions == other.mentions
            and one.entities == other.entities and one.key_points == other.key_points
            and one.sentences == other.sentences)


class _WhenQuiet(QObject):
    """One value waiting to be stored once the window is quiet: SETTLE_MS after start(), or at once by flush()."""

    def __init__(self, parent: QObject, store: Callable[[Any], object]) -> None:
        super().__init__(parent)
        self.store = store
        self.waiting: Any = None  # the value held, until it is stored
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SETTLE_MS)
        self._timer.timeout.connect(self.flush)

    def hold(self, value: Any) -> None:
        """value is the one to store (in place of any held), once started and settled or flushed."""
        self.waiting = value

    def start(self) -> None:
        self._timer.start()

    def flush(self) -> None:
        self._timer.stop()
        if self.waiting is not None:
            value, self.waiting = self.waiting, None
            self.store(value)


class LibraryLink(QObject):
    """The window's side of the library; see the module docstring."""

    highlights_changed = Signal(object)  # the highlights of the article shown (a tuple, in text order)
    stored = Signal(int)  # an article's id, once it (or its analysis) is in the library
    highlight_changed = Signal(object)  # the Highlight just made or changed (None when one was removed)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.session = window.session
        self.settings = window.settings
        self._lane = BackgroundLane(self, threads=1, name="library", persistent=True)
        self._library: Library | None = None
        self._opening = threading.Lock()
        self._told: set[str] = set()  # problems with the library already shown to the reader
        self._started = False
        self._shown: _Shown | None = None
        self._highlights: tuple[Highlight, ...] = ()
        self._view: LibraryWindow | None = None
        self._view_stale = False  # articles were added since the library view last read its list
        self.importer: LibraryImport | None = None
        # After the window's own slots (connected before this is made): the window keeps the place
        # of the article it is leaving while this still knows which article that was.
        session = self.session
        session.article_shown.connect(self._article_shown)
        session.article_closed.connect(self._article_closed)
        session.analysis_ready.connect(self._analysis_ready)
        # What waits for the window to be quiet before it is written: the article shown, and an analysis.
        self._article_store = _WhenQuiet(self, self._store)
        self._analysis_store = _WhenQuiet(self, lambda pair: self._store_analysis(*pair))
        self._waiting_for_highlights = False
        window.reading_pane.highlights_done.connect(self._highlights_painted)
        session.add_store(SOURCE_PREFIX, lambda source: read_entry(source, self.folder()))
        if self.keeping:
            window.positions.keeper = self._keep_position
        if session.article is not None:  # shown before this was made (the first article, before the first paint)
            self._article_shown(session.article)

    # -- the library itself --
    @property
    def keeping(self) -> bool:
        """Whether every article opened goes into the library (the setting "library/keep")."""
        return self.settings.get("library/keep")

    def folder(self) -> Path:
        if self._library is not None:
            return self._library.folder
        from ..core.library import default_folder

        return default_folder()

    def library(self) -> Library:
        """The library, opened on first use from whichever thread needs it; LibraryError says why it cannot be."""
        with self._opening:
            if self._library is None:
                from ..core.library import Library

                self._library = Library()
            return self._library

    def start(self) -> None:
        """From now on articles are stored (called once the window's text is painted)."""
        if self._started:
            return
        self._started = True
        if self.keeping and self._shown is not None and self._shown.id is None:
            self._store(self._shown)
            self._analysis_ready(None)  # one that came before, stored after the article (the lane keeps order)

    def shutdown(self) -> None:
        """Finish what is being written, stop an import, close the library view and the library."""
        self._article_store.flush()
        self._analysis_store.flush()
        if self.importer is not None:
            self.importer.shutdown()
        if self._view is not None:
            self._view.close()
        self._lane.shutdown(10_000)
        if self._library is not None:
            self._library.close()

    def _run(self, op: Callable[[Library], Any], success: Callable[[Any], object] | None = None) -> None:
        """op(library) on the library's lane, in order; a failure is said in the window."""
        self._lane.run(lambda _job: op(self.library()), success=success, failure=self._failed)

    def _failed(self, error: BaseException) -> None:
        from ..core.library import LibraryError

        if isinstance(error, LibraryError):
            message = str(error)
        else:  # a bug must become a message, never a dead window
            _log.error("A library operation failed", exc_info=error)
            message = f"The library could not be used ({type(error).__name__}: {error})."
        self.window.show_status(message)
        if message not in self._told:  # a library that cannot be opened is said once, not at every article
            self._told.add(message)
            self.window.message_bar.show_message(message)

    # -- what the session shows --
    def _article_shown(self, article: Article) -> None:
        entry = self.session.stored
        if entry is not None:  # from the library: its highlights and place are known already
            self._shown = _Shown(article, entry.id, entry.analysis)
            self._set_highlights(entry.highlights if self.keeping else ())
            if self.keeping:
                self.window.positions.settle(str(entry.id), entry.position)
            elif entry.position:
                self.window.reading_pane.scroll_to_offset(entry.position)
            return
        self._shown = _Shown(article)
        self._set_highlights(())
        if self.keeping and self._started:
            self._store_article_soon(self._shown)

    def _store_article_soon(self, shown: _Shown) -> None:
        """Store the article once the window has shown it and a moment has passed.

        Keying and storing a long article's text holds Python for tens of
        milliseconds at a time on the lane, and Python runs one thread at a
        time: done while the window lays out and paints the text it just
        showed, it made the window wait (a 100,000-word article: 49-89 ms
        stalls at the open, 27-35 ms with the library off). An article left
        sooner is stored then, as one still waiting when the window closes.
        """
        self._article_store.flush()
        self._article_store.hold(shown)
        self._article_store.start()

    def _article_closed(self) -> None:
        self._shown = None
        self._set_highlights(())

    def _store(self, shown: _Shown) -> None:
        def add(library: Library) -> tuple[LibraryEntry, bool]:
            article_id, created = library.add_article(shown.article)
            shown.id = article_id
            library.mark_read(article_id)
            entry = library.entry(article_id)
            if entry.analysis is not None and entry.article.text == shown.article.text:
                shown.known = entry.analysis
            return entry, created

        self._run(add, success=lambda found: self._stored(shown, *found))
        result = self.session.result
        if result is not None and shown is self._shown:  # analysed before it could be stored
            self._store_analysis(shown, result.analysis)

    def _stored(self, shown: _Shown, entry: LibraryEntry, created: bool) -> None:
        if created:
            self._added(entry.id)
        if shown is not self._shown:
            return
        from ..core.library.codec import storable

        if entry.article.text != storable(shown.article.text) and (entry.analysis is not None or entry.highlights):
            # The same article was stored from another copy whose spacing differs, and its analysis or the
            # reader's highlights are offsets into that text: show the stored one, so they line up.
            self.session.show_stored(library_source(entry.id), entry, record=False)
            return
        self._set_highlights(entry.highlights)
        positions = self.window.positions
        # A place kept in the settings before the library kept places is taken over once.
        positions.settle(str(entry.id), entry.position or positions.forget(shown.article.source))

    def _analysis_ready(self, _result: object) -> None:
        shown, result = self._shown, self.session.result
        if shown is None or result is None or not self.keeping or not self._started:
            return
        if result.analysis is not shown.known:  # not the analysis read from the library (nor stored already)
            self._store_when_settled(shown, result.analysis)

    def _store_when_settled(self, shown: _Shown, analysis: Analysis) -> None:
        """Store analysis once its highlights are all painted and a moment has passed.

        Encoding a long article's analysis takes the lane a few hundred
        milliseconds of Python, and Python runs one thread at a time: done while
        the window unpacks the result and paints its highlights, it made the
        window wait its turn (a 100,000-word article: 150 ms stalls, 67 ms
        without). A store still pending when the window closes is made then.
        """
        self._analysis_store.hold((shown, analysis))
        pane = self.window.reading_pane
        if pane.highlighting_idle():
            self._analysis_store.start()
        else:
            self._waiting_for_highlights = True

    def _highlights_painted(self) -> None:
        if self._waiting_for_highlights:
            self._waiting_for_highlights = False
            self._analysis_store.start()

    def _store_analysis(self, shown: _Shown, analysis: Analysis) -> None:
        def add(library: Library) -> int | None:
            if shown.known is not None and same_analysis(shown.known, analysis):
                return None  # a cache hit of what the library holds: nothing to write
            article_id, _created = library.add_analysis(analysis)
            shown.id, shown.known = article_id, analysis
            return article_id

        self._run(add, success=lambda article_id: None if article_id is None else self._added(article_id))

    def _added(self, article_id: int) -> None:
        self._view_stale = True
        if self._view is not None and self._view.isVisible():
            self.reload_view()
        self.stored.emit(article_id)

    # -- the reading position --
    def _keep_position(self, offset: int) -> None:
        shown = self._shown
        if shown is None:
            return
        self._article_store.flush()  # its store first, if it waits, so the place finds the article

        def keep(library: Library) -> None:
            # Read on the lane, after the article's own store (the lane keeps order): a window closed
            # just after an article opened, before it was stored, still keeps the place.
            if shown.id is not None:
                library.set_position(shown.id, offset)

        self._run(keep)

    def set_keeping(self, keep: bool) -> None:
        """Turn storing on or off; the place in the article shown is kept by whichever keeps places now."""
        if keep == self.keeping:
            return
        positions = self.window.positions
        positions.keep()
        self.settings.set("library/keep", keep)
        source = self.session.article.source if self.session.article is not None else None
        if keep:
            positions.keeper = self._keep_position
            positions.source = None
            if self._shown is not None:
                self._store(self._shown)
        else:
            positions.keeper = None
            positions.source = source if source and self.session.stored is None else None
            self._set_highlights(())

    # -- the reader's highlights and notes --
    def highlights(self) -> tuple[Highlight, ...]:
        """The reader's highlights of the article shown, in text order."""
        return self._highlights

    def _set_highlights(self, highlights: Iterable[Highlight]) -> None:
        self._highlights = tuple(sorted(highlights, key=lambda h: (h.start, h.id)))
        self.window.reading_pane.set_user_highlights(self._highlights)
        self.highlights_changed.emit(self._highlights)

    def _for_highlights(self) -> _Shown | None:
        """The article shown, if highlights can be kept for it (else the reader is told why not)."""
        if self._shown is None:
            self.window.show_status("Open an article first.")
            return None
        if not self.keeping:
            self.window.show_status(LIBRARY_OFF)
            return None
        return self._shown

    def add_highlight(self, start: int, end: int, note: str = "") -> bool:
        """Keep text[start:end] of the article shown as the reader's highlight; False if it cannot be kept."""
        shown = self._for_highlights()
        if shown is None:
            return False
        self._change(shown, lambda library, article_id: library.add_highlight(article_id, start, end, note),
                     "Highlighted; Shift+H adds a note, and the Highlights pane lists them.")
        return True

    def edit_note(self, highlight: Highlight, note: str) -> None:
        shown = self._for_highlights()
        if shown is not None:
            self._change(shown, lambda library, _id: library.edit_highlight(highlight.id, note),
                         "Note saved." if note.strip() else "Note removed.")

    def remove_highlight(self, highlight: Highlight) -> None:
        shown = self._for_highlights()
        if shown is not None:
            self._change(shown, lambda library, _id: library.remove_highlight(highlight.id) and None,
                         "Highlight removed.")  # highlight_changed carries None

    def _change(self, shown: _Shown, change: Callable[[Library, int], Any], message: str) -> None:
        self._article_store.flush()  # first, if it waits: the lane keeps order, and the change needs its id
        def op(library: Library) -> tuple[Any, list[Highlight]]:
            if shown.id is None:
                from ..core.library import LibraryError

                raise LibraryError("This article is not in the library, so it cannot keep highlights.")
            done = change(library, shown.id)
            return done, library.highlights(shown.id)

        def changed(result: tuple[Any, list[Highlight]]) -> None:
            done, highlights = result
            if shown is self._shown:
                self._set_highlights(highlights)
            self.window.show_status(message)
            self._view_stale = True  # the library's search finds highlights and notes
            self.highlight_changed.emit(done)

        self._run(op, success=changed)

    # -- the library view --
    def show_library(self) -> LibraryWindow | None:
        """Show the library view (made on first use); None, said in the window, if the library cannot open."""
        from ..core.library import LibraryError

        try:
            library = self.library()
        except LibraryError as error:
            self.window.show_error(str(error))
            return None
        view = self._view
        if view is None:
            from .library_window import LibraryWindow

            view = self._view = LibraryWindow(library)
            view.setWindowIcon(self.window.windowIcon())
            view.open_requested.connect(self.open_entry)
            from .library_import import accept_drops

            accept_drops(view, self.import_paths)
            if self.importer is not None:
                self.importer.attach(view)
            self._view_stale = False
        elif self._view_stale:
            self.reload_view()
        view.show()
        if view.isMinimized():
            view.showNormal()
        view.raise_()
        view.activateWindow()
        return view

    def library_view(self) -> LibraryWindow | None:
        return self._view

    def reload_view(self) -> None:
        if self._view is not None:
            self._view_stale = False
            self._view.reload()

    def open_entry(self, entry: LibraryEntry) -> None:
        """Show a stored article in the window at once, from the library (the library view's Enter)."""
        self.session.show_stored(library_source(entry.id), entry)
        window = self.window
        window.raise_()
        window.activateWindow()
        window.reading_pane.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_entity(self, entity: Entity) -> None:
        """The library's page of an entity of the article shown: every article naming it by any of its names."""
        analysis = self.session.analysis
        names = [entity.name]
        if analysis is not None:
            names += sorted({mention.text for mention in analysis.mentions_of(entity.id)} - {entity.name})
        view = self.show_library()
        if view is not None:
            from ..core.library import EntityQuery

            view.show_entity(EntityQuery(tuple(names), entity.group))

    # -- importing --
    def import_paths(self, paths: list[str]) -> None:
        """Import files and folders into the library, showing the library view with the import's progress."""
        view = self.show_library()
        if view is None or not paths:
            return
        if self.importer is None:
            from .library_import import LibraryImport

            self.importer = LibraryImport(self.folder(), self)
            self.importer.attach(view)
            self.importer.finished.connect(lambda _message: self.reload_view())
        self.importer.start(paths)

    # -- the highlights pane --
    def attach_panel(self, panel) -> None:
        """List the highlights of the article shown in panel (highlights_panel.HighlightsPanel) and act on it."""
        window = self.window
        panel.highlight_chosen.connect(lambda highlight: window.reading_pane.select_span(highlight.start,
                                                                                          highlight.end))
        panel.note_requested.connect(window.library_commands.ask_note)
        panel.remove_requested.connect(self.remove_highlight)
        self.highlights_changed.connect(lambda highlights: self._list(panel, highlights))
        self.highlight_changed.connect(lambda highlight: panel.select(highlight.id) if highlight else None)
        self._list(panel, self._highlights)

    def _list(self, panel, highlights) -> None:
        from .highlights_panel import HOW_TO

        panel.set_highlights(highlights, HOW_TO if self.keeping else LIBRARY_OFF)
