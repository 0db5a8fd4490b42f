"""The main window: header, reading pane, entity sidebar and key points, wired together.

Opening an article shows its text at once. If the on-disk cache holds its
analysis, that is shown straight away and the model is not needed; otherwise the
analysis is queued on the background service, highlights appear section by
section as the model works through the text (with a progress bar), and entities
and key points fill in when the result arrives. A result for an article no
longer shown is dropped.

Every command is a QAction built from KEYMAP (actions.py); command_handlers()
maps each command name to the method that carries it out. Keys without a
modifier (n, p, [, ?...) act only while the reading pane has the focus, so they
never take typing away from a field or a list (see event()).
"""
from __future__ import annotations

import bisect
import itertools
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QSize, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QGuiApplication, QKeyEvent
from PySide6.QtWidgets import (QApplication, QDialog, QDockWidget, QFrame, QHBoxLayout, QLabel, QMainWindow,
                               QProgressBar, QToolButton, QVBoxLayout, QWidget)

from .. import APP_NAME, __version__
from ..core.article import Article, Role
from ..core.cache import AnalysisCache
from ..core import language_model
from ..core.groups import group_of
from .actions import KEYMAP, MENUS, Keymap, apply_keymap, build_actions, display_keys
from .icons import app_icon
from .find_bar import FindBar
from .opening import Opener, file_filters
from .reading_pane import ReadingPane, describe_mention
from .settings import THEMES, Settings
from .theme import ThemeManager
from .wording import counted

if TYPE_CHECKING:  # the dataclasses come with the analysis, after the first paint
    from ..core.analysis import Analysis, Entity, KeyPoint, Mention
    from .panels import EntityPanel, KeyPointPanel  # built after the first paint when deferred
    from .palette import Choice  # loads on first use, not at start-up


class ArticleHeader(QWidget):
    """Title, date and source of the article shown."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("articleHeader")
        self.title = QLabel(self)
        self.title.setObjectName("articleTitle")
        self.title.setWordWrap(True)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setAccessibleName("Article title")
        self.meta = QLabel(self)
        self.meta.setObjectName("articleMeta")
        self.meta.setAccessibleName("Date and source")
        self.meta.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 12, 24, 4)
        layout.addWidget(self.title)
        layout.addWidget(self.meta)

    def show_article(self, article: Article | None) -> None:
        if article is None:
            self.title.setText("No article")
            self.meta.setText("")
            return
        self.title.setText(article.title or Path(article.source).name)
        parts = [p for p in (article.date, article.site, article.author and f"by {article.author}") if p]
        self.meta.setText("  ·  ".join(parts))
        self.meta.setVisible(bool(parts))
        self.setAccessibleName(f"{self.title.text()}. {self.meta.text()}")


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
        self.label = QLabel(self)
        self.label.setObjectName("messageText")
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.button = QToolButton(self)
        self.button.setObjectName("messageAction")
        self.button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
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


SIDEBAR_WIDTH = 360  # wide enough for most entity names; later windows restore the user's width
SIDEBAR_HEIGHTS = (430, 318)  # entities (with the mentions list) above key points


class PanelStandIn(QWidget):
    """What a sidebar dock holds until its panel is built: empty, and asking for the panel's size.

    EntityPanel and KeyPointPanel both ask for Qt's default for item views
    (QAbstractScrollArea: 256 x 192) at most, and the dock area takes its width
    from the widest size hint; the stand-in asks for the same, so the docks and
    the text keep their widths when the panels arrive (tests/ui/test_main_window.py
    compares the geometries).
    """

    def sizeHint(self) -> QSize:
        return QSize(256, 192)


class MainWindow(QMainWindow):
    analysis_shown = Signal(object)  # the Analysis now on screen
    analysis_failed = Signal(str)
    article_shown = Signal(object)  # the Article now on screen
    load_failed = Signal(str)  # an article could not be opened; the previous one stays

    def __init__(self, service, settings: Settings | None = None, cache: AnalysisCache | None = None,
                 defer: bool = False) -> None:
        """defer: leave what the first paint does not show for later: the sidebar's panels and the commands.

        app.py defers them (and builds them once the text is painted: startup.py)
        so the first paint does without panels.py, its models and widgets, and
        without the fifty-odd actions with their keys. What the window looks
        like is made here: the docks with their names, areas and sizes (holding
        stand-ins until ensure_panels()) and the menu bar with its menus (empty
        until ensure_commands()), so it is laid out exactly as it will stay.
        The panels are built on first use of entity_panel / key_point_panel too.
        """
        super().__init__()
        self.setObjectName("mainWindow")
        self.setWindowTitle(APP_NAME)
        self.setWindowIcon(app_icon())  # PNGs: no SVG plug-in to load before the first paint
        self.settings = settings or Settings()
        self.service = service
        self.cache = cache if cache is not None else AnalysisCache()
        self._unsaved: Analysis | None = None  # analysed, not yet in the cache
        self.article: Article | None = None
        self.analysis: Analysis | None = None
        self._history: list[str] = []  # sources opened in this window, for Back / Forward
        self._history_index = -1
        self._record_next = True  # whether the article being opened goes into Back / Forward
        self._following: list[str] = []  # open_sources(): to go after the one opening, in Back / Forward
        self._showing_entity = False  # "e" selects in the sidebar without moving the text cursor
        self._dialogs: dict[str, QDialog] = {}
        # While True, show_article() shows the text but leaves the cache lookup and the analysis
        # request to release_analysis(): app.py holds them until the text is first painted.
        self._analysis_held = False

        self.header = ArticleHeader(self)
        self.message_bar = MessageBar(self)
        self.reading_pane = ReadingPane(self)
        self.reading_pane.highlights_done.connect(self._store_analysis)
        self.reading_pane.setPlaceholderText("No article is open. Press Ctrl+O to open one, "
                                             "or Ctrl+Shift+O for a recent one.")
        self.find_bar = FindBar(self.reading_pane, self)
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.message_bar)
        layout.addWidget(self.header)
        layout.addWidget(self.reading_pane, 1)
        layout.addWidget(self.find_bar)
        self.setCentralWidget(central)

        self._entity_panel: EntityPanel | None = None
        self._key_point_panel: KeyPointPanel | None = None
        self.entity_dock = self._dock("entitiesDock", "&Entities", PanelStandIn(self),
                                      Qt.DockWidgetArea.RightDockWidgetArea)
        self.key_point_dock = self._dock("keyPointsDock", "&Key points", PanelStandIn(self),
                                         Qt.DockWidgetArea.RightDockWidgetArea)
        self.splitDockWidget(self.entity_dock, self.key_point_dock, Qt.Orientation.Vertical)
        # Sizes of their own rather than the panels' size hints, so the window is laid out the
        # same whether the panels are built now or after the first paint (defer).
        docks = [self.entity_dock, self.key_point_dock]
        self.resizeDocks(docks, [SIDEBAR_WIDTH, SIDEBAR_WIDTH], Qt.Orientation.Horizontal)
        self.resizeDocks(docks, list(SIDEBAR_HEIGHTS), Qt.Orientation.Vertical)

        self.cursor_entity = QLabel(self)
        self.cursor_entity.setObjectName("cursorEntity")
        self.cursor_entity.setAccessibleName("Entity under the cursor")
        self.statusBar().addPermanentWidget(self.cursor_entity)
        self.progress = QProgressBar(self)
        self.progress.setObjectName("analysisProgress")
        self.progress.setRange(0, 100)
        self.progress.setMaximumWidth(180)
        self.progress.setAccessibleName("Analysis progress")
        self.progress.hide()
        self.statusBar().addPermanentWidget(self.progress)

        # Every way in (Open, Open location, clipboard, drag and drop) goes through the opener.
        self.opener = Opener(self)
        self.opener.article_ready.connect(self._article_opened)
        self.opener.failed.connect(self._open_failed)
        self.opener.status.connect(self._status)
        self.reading_pane.anchorClicked.connect(self.open_link)
        self.reading_pane.highlighted.connect(lambda url: self._status(url.toString()) if not url.isEmpty() else None)

        self.keymap = Keymap(self.settings.get("shortcuts/overrides"))
        self.menus = {title: self.menuBar().addMenu(f"&{title}") for title in MENUS}
        self.actions_by_name: dict[str, QAction] = {}  # every command, once ensure_commands() has run
        self.export_dialog = None
        self.print_preview = None

        self.theme = ThemeManager(self)
        self.theme.apply(self.settings.get("view/theme"))
        self.reading_pane.set_zoom(self.settings.get("view/zoom"))

        self.reading_pane.set_hidden_groups(frozenset(self.settings.get("view/hidden_groups")))
        self.reading_pane.cursor_entity_changed.connect(self._cursor_entity_changed)
        for dock in (self.entity_dock, self.key_point_dock):
            dock.visibilityChanged.connect(self._dock_visibility_changed)

        service.model_loading.connect(lambda: self._status("Loading language model…"))
        service.model_ready.connect(self._model_ready)
        service.model_failed.connect(self._model_failed)
        service.progress.connect(self._analysis_progress)
        service.finished.connect(self._analysis_finished)
        service.failed.connect(self._analysis_error)

        self.resize(1200, 800)
        geometry = self.settings.get("window/geometry")
        if not geometry.isEmpty():
            self.restoreGeometry(geometry)
        state = self.settings.get("window/state")
        if not state.isEmpty():
            self.restoreState(state)
        if not defer:
            self.ensure_commands()
            self.ensure_panels()

    # -- the sidebar's panels --
    @property
    def entity_panel(self) -> EntityPanel:
        self.ensure_panels()
        return self._entity_panel

    @property
    def key_point_panel(self) -> KeyPointPanel:
        self.ensure_panels()
        return self._key_point_panel

    def panels_built(self) -> bool:
        return self._entity_panel is not None

    def ensure_panels(self) -> None:
        """Build the entity and key-point panels into their docks, if not built yet.

        They take the stand-ins' places at the stand-ins' sizes (PanelStandIn),
        so nothing on screen moves; whatever analysis is shown by then is shown
        in them at once.
        """
        if self._entity_panel is not None:
            return
        from .panels import EntityPanel, KeyPointPanel  # ~10 ms of imports and widgets: after the first paint

        self.ensure_commands()  # the entity list's context menu offers one of them

        entity_panel = EntityPanel(self)
        key_point_panel = KeyPointPanel(self)
        self._entity_panel, self._key_point_panel = entity_panel, key_point_panel
        for dock, panel in ((self.entity_dock, entity_panel), (self.key_point_dock, key_point_panel)):
            stand_in = dock.widget()
            dock.setWidget(panel)
            if stand_in is not None:
                stand_in.deleteLater()
        hidden = frozenset(self.settings.get("view/hidden_groups"))
        entity_panel.model.set_hidden_groups(hidden)
        key_point_panel.set_hidden_groups(entity_panel.model.hidden_groups())
        entity_panel.model.hidden_groups_changed.connect(self._hidden_groups_changed)
        entity_panel.entity_chosen.connect(self._entity_chosen)
        entity_panel.entity_activated.connect(self.go_to_next_mention)
        entity_panel.mention_chosen.connect(self.go_to_mention)
        entity_panel.set_context_actions([self.actions_by_name["search_web"]])
        key_point_panel.point_chosen.connect(self.go_to_key_point)
        splitter = self.settings.get("window/entity_splitter")
        if not splitter.isEmpty():
            entity_panel.splitter.restoreState(splitter)
        self._set_tab_order()
        if self.analysis is not None:  # shown before the panels were built
            entity_panel.set_analysis(self.analysis)
            key_point_panel.set_analysis(self.analysis)

    # -- building --
    def command_handlers(self) -> dict[str, object]:
        """Command name -> what it does; one entry per KEYMAP row (a test checks)."""
        return {
            "open": self.choose_file,
            "open_location": self.open_location,
            "open_clipboard": self.opener.open_clipboard,
            "export": self.export_article,
            "print": self.print_article,
            "recent": self.show_recent,
            "close_article": self.close_article,
            "retry_analysis": self.retry_analysis,
            "quit": self.close,
            "copy_key_points": self.copy_key_points,
            "find": self.find_bar.open_bar,
            "find_next": lambda: self.find_again(backwards=False),
            "find_previous": lambda: self.find_again(backwards=True),
            "command_palette": self.show_palette,
            "zoom_in": lambda: self.zoom_by(1),
            "zoom_out": lambda: self.zoom_by(-1),
            "zoom_reset": lambda: self.zoom_by(None),
            "full_screen": self.toggle_full_screen,
            "cycle_theme": self.cycle_theme,
            "toggle_sidebar": self.toggle_sidebar,
            "back": lambda: self.go_history(-1),
            "forward": lambda: self.go_history(1),
            "focus_text": lambda: self.focus_pane(0),
            "focus_entities": lambda: self.focus_pane(1),
            "focus_key_points": lambda: self.focus_pane(2),
            "next_pane": lambda: self.cycle_pane(1),
            "previous_pane": lambda: self.cycle_pane(-1),
            "next_mention": lambda: self.step_mention(backwards=False),
            "previous_mention": lambda: self.step_mention(backwards=True),
            "next_key_point": lambda: self.step_key_point(backwards=False),
            "previous_key_point": lambda: self.step_key_point(backwards=True),
            "show_entity": self.show_entity_under_cursor,
            "search_web": lambda: self.entity_panel.search_web(),
            "shortcuts": self.show_shortcuts,
            "about": self.show_about,
        }

    def _dock(self, name: str, title: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title.replace("&", ""), self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        dock.setAccessibleName(title.replace("&", ""))
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                         | QDockWidget.DockWidgetFeature.DockWidgetClosable
                         | QDockWidget.DockWidgetFeature.DockWidgetFloatable)
        self.addDockWidget(area, dock)
        return dock

    def ensure_commands(self) -> None:
        """Make every command's action, with its keys, and fill the menus with them, if not done yet."""
        if self.actions_by_name:
            return
        self.actions_by_name = build_actions(self, self.command_handlers(), self.keymap)
        self._fill_menus()
        self._update_export_actions()
        self._update_history_actions()
        self._sync_checks()

    def _fill_menus(self) -> None:
        previous_group = None
        for command in KEYMAP:
            menu = self.menus[command.menu]
            group = command.name.split("_")[0]
            if menu.actions() and command.menu == "Go" and group != previous_group and group in ("focus", "next"):
                menu.addSeparator()
            menu.addAction(self.actions_by_name[command.name])
            previous_group = group

    def _set_tab_order(self) -> None:
        # Text, then the find bar when shown, then the sidebar top to bottom: the order they are read in.
        chain = [self.reading_pane, self.find_bar.field, self.find_bar.previous_button, self.find_bar.next_button,
                 self.find_bar.close_button, self.entity_panel.filter, self.entity_panel.tree,
                 self.entity_panel.mention_list, self.key_point_panel]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _dock_visibility_changed(self, _visible: bool) -> None:
        self._sync_checks()

    def _sync_checks(self) -> None:
        if not self.actions_by_name:  # not made yet: ensure_commands() syncs them when it makes them
            return
        self.actions_by_name["toggle_sidebar"].setChecked(self.sidebar_visible())
        self.actions_by_name["full_screen"].setChecked(self.isFullScreen())

    # -- keys --
    def event(self, event: QEvent) -> bool:
        # A key without Ctrl/Alt reaches the window only if no widget wanted it; outside the
        # reading pane such a key is typing (tree search, filter), never a command.
        if event.type() == QEvent.Type.ShortcutOverride and is_typing_key(event):
            focus = QApplication.focusWidget()
            if focus is not None and focus is not self.reading_pane:
                event.accept()
                return True
        return super().event(event)

    def apply_keymap(self, name: str | None = None) -> None:
        apply_keymap(self.actions_by_name, self.keymap)
        self.settings.set("shortcuts/overrides", self.keymap.overrides)

    # -- opening --
    def choose_file(self) -> None:
        folder = self.settings.get("files/last_folder") or str(Path.home())
        from PySide6.QtWidgets import QFileDialog  # dialogs' types are built on first use, not at start-up

        dialog = QFileDialog(self, "Open article", folder, file_filters())
        dialog.setObjectName("openDialog")
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
        dialog.fileSelected.connect(self._file_chosen)
        self._keep_dialog("open", dialog)
        dialog.open()

    def _file_chosen(self, path: str) -> None:
        if path:
            self.settings.set("files/last_folder", str(Path(path).parent))
            self.open_source(path)

    def open_source(self, source: str | Path, record: bool = True) -> bool:
        """Open a file or web address; False if it failed at once (the message bar says why).

        Web addresses, PDFs and big files load in the background: the article
        arrives as article_shown, or a failure as load_failed, and the article
        on screen stays until then. record: add it to Back / Forward.
        """
        self._record_next = record
        self._following = []
        return self.opener.open(str(source))

    def open_sources(self, sources: list[str]) -> bool:
        """Open the first of several sources (a file manager's selection); the others follow it in
        Back / Forward, so Go > Forward shows each in turn. False if the first failed at once.

        They join the history once the first has opened or failed: at once for a
        file read here, when it arrives for one loaded in the background.
        """
        opened = self.open_source(sources[0])
        self._following = [str(source) for source in sources[1:]]
        if not self.opener.loader.is_busy():
            self._add_following()
        return opened

    def _add_following(self) -> None:
        if self._following:
            self._history[self._history_index + 1:] = self._following
            self._following = []
            self._update_history_actions()

    def open_location(self) -> None:
        """Ask for a web address (offering one from the clipboard) and open it."""
        dialog = self.opener.location_dialog()
        dialog.textValueSelected.connect(self.opener.open_typed)
        self._keep_dialog("location", dialog)
        dialog.open()

    def _article_opened(self, article: Article) -> None:
        self.show_article(article)
        source = article.source
        if source == "Clipboard":  # pasted text cannot be opened again from anywhere
            return
        self.settings.add_recent(source)
        if self._record_next:
            del self._history[self._history_index + 1:]
            if not self._history or self._history[-1] != source:
                self._history.append(source)
            self._history_index = len(self._history) - 1
        self._update_history_actions()
        self._add_following()

    def _open_failed(self, message: str) -> None:
        self.show_error(message)
        self._add_following()
        self.load_failed.emit(message)

    def open_link(self, url: QUrl) -> None:
        """A link in the article was activated: hand it to the system browser, never load it here."""
        if url.scheme() in ("http", "https", "mailto"):
            QDesktopServices.openUrl(url)
            self._status(f"Opened {url.toString()} in your browser")

    def show_article(self, article: Article) -> None:
        self.article = article
        self.analysis = None
        self.message_bar.show_message(article.notice)
        self.header.show_article(article)
        headline = next(((p.start, p.end) for p in article.blocks if p.role == Role.HEADLINE), None)
        self.reading_pane.show_text(article.text, headline)
        self.reading_pane.set_links(article.links)
        self._clear_panels()
        self.setWindowTitle(f"{article.title or Path(article.source).name} — {APP_NAME}")
        self._update_export_actions()
        self.article_shown.emit(article)
        if not self._analysis_held:
            self._look_up_or_analyse(article)

    def _clear_panels(self) -> None:
        if self.panels_built():  # panels not built yet are empty already
            self.entity_panel.set_analysis(None)
            self.key_point_panel.set_analysis(None)

    def hold_analysis(self) -> None:
        """Show opened articles' text only, until release_analysis(): nothing else before the first paint.

        The cache lookup (the model's meta.json, platformdirs, hashing the key)
        and queueing the analysis then happen just after the text is on screen;
        a cache hit still shows its entities at once, without the model.
        """
        self._analysis_held = True

    def release_analysis(self) -> None:
        """Look up (or queue the analysis of) the article shown while held."""
        if not self._analysis_held:
            return
        self._analysis_held = False
        if self.article is not None and self.analysis is None:
            self._look_up_or_analyse(self.article)

    def _look_up_or_analyse(self, article: Article) -> None:
        cached = self.cache.get(article, language_model.expected_label())
        if cached is not None:
            self.service.cancel()  # whatever was running is for another article
            self._show_analysis(cached, from_cache=True)
            return
        self.progress.setValue(0)
        self.progress.show()
        self._status("Analysing…")
        self.service.analyse(article, self.cache)

    def close_article(self) -> None:
        """Leave the window empty, ready for the next article."""
        self.service.cancel()
        self.opener.loader.cancel()
        self.article = None
        self.analysis = None
        self.message_bar.show_message("")
        self.header.show_article(None)
        self.reading_pane.show_text("")
        self.reading_pane.set_mentions([])
        self._clear_panels()
        self.find_bar.hide()
        self.progress.hide()
        self.setWindowTitle(APP_NAME)
        self._update_export_actions()
        self.reading_pane.setFocus(Qt.FocusReason.OtherFocusReason)
        self._status("Article closed.")

    def show_recent(self) -> None:
        recent = self.settings.get("files/recent")
        if not recent:
            self._status("No recent articles yet.")
            return
        from .palette import QuickChooser  # dialogs load on first use, not before the first paint

        choices = [recent_choice(source) for source in recent]
        dialog = QuickChooser(self, "Recent articles", choices, "Type part of a file name")
        dialog.setObjectName("recentArticles")
        dialog.chosen.connect(lambda source: QTimer.singleShot(0, lambda: self.open_source(source)))
        self._keep_dialog("recent", dialog)
        dialog.open()

    def go_history(self, step: int) -> None:
        index = self._history_index + step
        if not 0 <= index < len(self._history):
            self._status("No earlier article." if step < 0 else "No later article.")
            return
        if self.open_source(self._history[index], record=False):
            self._history_index = index
        self._update_history_actions()

    def _update_history_actions(self) -> None:
        if not self.actions_by_name:  # not made yet: ensure_commands() updates them when it makes them
            return
        self.actions_by_name["back"].setEnabled(self._history_index > 0)
        self.actions_by_name["forward"].setEnabled(self._history_index < len(self._history) - 1)

    def show_error(self, message: str) -> None:
        self.message_bar.show_message(message)
        self._status(message)

    # -- analysis results --
    def _model_ready(self, label: str) -> None:
        if self.article is not None and self.analysis is None:
            self._status(f"Analysing with {label}…")

    def _model_failed(self, message: str) -> None:
        # The analysis waiting for the model fails with this same message, offering Retry.
        self.progress.hide()
        self._status(message)

    def _analysis_progress(self, fraction: float, fresh: object) -> None:
        if self.analysis is not None:
            return
        self.progress.setValue(int(fraction * 100))
        if fresh:
            self.reading_pane.add_provisional_mentions(fresh)

    def _analysis_finished(self, analysis: Analysis) -> None:
        if self.article is None or analysis.text != self.article.text:
            return  # a result for an article no longer shown
        # Written to the cache once the highlights are all shown, so the disk work does not
        # compete with them (see _store_analysis).
        self._unsaved = analysis
        self._show_analysis(analysis, from_cache=False)

    def _store_analysis(self) -> None:
        if self._unsaved is not None:
            analysis, self._unsaved = self._unsaved, None
            self.service.store(self.cache, analysis)

    def _show_analysis(self, analysis: Analysis, from_cache: bool) -> None:
        self.ensure_panels()  # before self.analysis is set, or ensure_panels() would fill them too
        self.analysis = analysis
        self.progress.hide()
        self.reading_pane.set_mentions(analysis.mentions)
        self.entity_panel.set_analysis(analysis)
        self.key_point_panel.set_analysis(analysis)
        self._update_export_actions()
        self._cursor_entity_changed(self.reading_pane.mention_at(self.reading_pane.cursor_offset()))
        how = "from the cache" if from_cache else f"{analysis.seconds:.2f} s"
        self._status(f"{counted(len(analysis.entities), 'entity', 'entities')}, "
                     f"{counted(len(analysis.key_points), 'key point')} "
                     f"({analysis.model}, {how})")
        self.analysis_shown.emit(analysis)

    def _analysis_error(self, message: str) -> None:
        """The article stays readable; the message says what failed and offers Retry."""
        self.progress.hide()
        self.ensure_commands()
        retry = self.actions_by_name["retry_analysis"]
        self.message_bar.show_message(message, retry if self.article is not None else None)
        self._status(message)
        self.analysis_failed.emit(message)

    def retry_analysis(self) -> None:
        """Analyse the article shown again: after a failure (a passing fault, a model since fixed) or at will.

        Any result already shown stays until the new one replaces it.
        """
        if self.article is None:
            return
        self.message_bar.show_message(self.article.notice)
        self.progress.setValue(0)
        self.progress.show()
        self._status("Analysing…")
        self.service.analyse(self.article, self.cache)

    def _hidden_groups_changed(self, hidden: frozenset) -> None:
        self.reading_pane.set_hidden_groups(hidden)
        self.key_point_panel.set_hidden_groups(hidden)
        self.settings.set("view/hidden_groups", sorted(hidden))

    # -- navigation --
    def _entity_chosen(self, entity: Entity) -> None:
        if not self._showing_entity:
            self.go_to_first_mention(entity)

    def go_to_first_mention(self, entity: Entity) -> None:
        mentions = self.analysis.mentions_of(entity.id) if self.analysis else []
        if mentions:
            self.reading_pane.select_span(mentions[0].start, mentions[0].end)
            self.entity_panel.show_mention(mentions[0])
            self._status(f"{entity.name}: {entity.label.title()} ({entity.group}), mention 1 of {len(mentions)}")

    def go_to_next_mention(self, entity: Entity, backwards: bool = False) -> None:
        """Select the entity's next (or previous) mention after the caret, wrapping around."""
        mentions = self.analysis.mentions_of(entity.id) if self.analysis else []
        if not mentions:
            return
        position = self.reading_pane.selection_span()[0]  # a text offset, as the mentions' are
        starts = [m.start for m in mentions]
        index = neighbour(starts, position, backwards)
        index %= len(mentions)
        mention = mentions[index]
        self.reading_pane.select_span(mention.start, mention.end)
        self.entity_panel.show_mention(mention)
        self._status(f"{entity.name}: mention {index + 1} of {len(mentions)}")

    def go_to_mention(self, mention: Mention) -> None:
        """Select one mention chosen in the mentions list."""
        if self.analysis is None or not 0 <= mention.entity < len(self.analysis.entities):
            return
        self.reading_pane.select_span(mention.start, mention.end)
        mentions = self.analysis.mentions_of(mention.entity)
        entity = self.analysis.entities[mention.entity]
        if mention in mentions:
            self._status(f"{entity.name}: mention {mentions.index(mention) + 1} of {len(mentions)}")

    def go_to_key_point(self, point: KeyPoint) -> None:
        self.reading_pane.mark_key_point(point.start, point.end)

    def step_mention(self, backwards: bool = False) -> None:
        """Select the next (previous) highlighted mention of any entity after (before) the caret."""
        if self.analysis is None:
            self._status("No entities yet.")
            return
        hidden = self.entity_panel.model.hidden_groups()
        mentions = [m for m in self.analysis.mentions if group_of(m.label).name not in hidden]
        if not mentions:
            self._status("No highlighted entities: every group is switched off.")
            return
        starts = [m.start for m in mentions]
        position = self.reading_pane.selection_span()[0]
        index = neighbour(starts, position, backwards)
        wrapped = not 0 <= index < len(mentions)
        mention = mentions[index % len(mentions)]
        self.reading_pane.select_span(mention.start, mention.end)
        # The type itself shows in the permanent label (cursor_entity); say only what it cannot.
        self._status(f"Wrapped round to the {'end' if backwards else 'start'}." if wrapped else "")

    def step_key_point(self, backwards: bool = False) -> None:
        points = list(self.analysis.key_points) if self.analysis else []
        if not points:
            self._status("No key points yet.")
            return
        ordered = sorted(range(len(points)), key=lambda i: points[i].start)
        starts = [points[i].start for i in ordered]
        position = self.reading_pane.selection_span()[0]
        index = neighbour(starts, position, backwards)
        index %= len(ordered)
        row = ordered[index]
        view = self.key_point_panel
        view.setCurrentIndex(view.model().index(row, 0))  # also marks it in the text
        self.go_to_key_point(points[row])
        self._status(f"Key point {index + 1} of {len(points)}")

    def show_entity_under_cursor(self) -> None:
        mention = self.reading_pane.mention_at(self.reading_pane.selection_span()[0])
        if mention is None and self.analysis is None:
            self._status("No entities yet.")
            return
        if mention is None:
            self._status("There is no entity under the cursor.")
            return
        if self.entity_panel.filter.text():
            self.entity_panel.filter.clear()
        self.entity_dock.show()
        self._showing_entity = True
        try:
            self.entity_panel.select_entity(mention.entity)
        finally:
            self._showing_entity = False
        self._status(f"Shown in the sidebar: {describe_mention(mention)}")

    def _cursor_entity_changed(self, mention) -> None:
        self.cursor_entity.setText(describe_mention(mention) if mention is not None else "")

    # -- export and print --
    def _update_export_actions(self) -> None:
        if not self.actions_by_name:  # not made yet: ensure_commands() updates them when it makes them
            return
        # Exports carry the entities and key points, so they wait for the analysis.
        for name in ("export", "print", "copy_key_points"):
            self.actions_by_name[name].setEnabled(self.analysis is not None)
        self.actions_by_name["retry_analysis"].setEnabled(self.article is not None)

    def copy_key_points(self) -> None:
        """Put the key points on the clipboard as a bulleted list headed by the title and source."""
        if self.analysis is None or not self.analysis.key_points:
            self._status("There are no key points to copy yet.")
            return
        from ..core.export import key_points_text  # off the path to the first paint

        # Plain text only: a QMimeData handed to the clipboard from Python is freed
        # twice when the application exits (PySide6 6.11, a crash at quit).
        QGuiApplication.clipboard().setText(key_points_text(self.analysis))
        self._status(f"Copied {counted(len(self.analysis.key_points), 'key point')}")

    def export_article(self) -> None:
        """Open the export dialog (window-modal, not blocking) for the article shown."""
        if self.analysis is None:
            return
        from .exporting import ExportDialog  # with Qt's print support: loaded on first use, not at start-up

        dialog = ExportDialog(self.analysis, self.entity_panel.model.hidden_groups(), self.settings, self)
        dialog.exported.connect(lambda path: self._status(f"Exported to {path}"))
        dialog.finished.connect(dialog.deleteLater)
        self.export_dialog = dialog
        dialog.open()

    def print_article(self) -> None:
        """Show a print preview of the article as it is highlighted now; print from there."""
        if self.analysis is None:
            return
        from .exporting import default_page_size, open_print_preview

        page_size = self.settings.get("export/page_size") or default_page_size()
        self.print_preview = open_print_preview(self, self.analysis, self.entity_panel.model.hidden_groups(),
                                                page_size)

    # -- finding --
    def find_again(self, backwards: bool) -> None:
        if not self.find_bar.query():
            self.find_bar.open_bar()
            return
        self.find_bar.show()
        self.find_bar.find(backwards=backwards)

    # -- focus --
    def panes(self) -> list[QWidget]:
        """The panes F6 cycles through, in reading order, skipping hidden ones."""
        panes: list[QWidget] = [self.reading_pane]
        if self.find_bar.isVisible():
            panes.append(self.find_bar.field)
        if self.entity_dock.isVisible():
            panes.append(self.entity_panel.tree)
        if self.key_point_dock.isVisible():
            panes.append(self.key_point_panel)
        return panes

    def focus_pane(self, which: int) -> None:
        if which == 0:
            self.reading_pane.setFocus(Qt.FocusReason.ShortcutFocusReason)
        elif which == 1:
            self._focus_dock(self.entity_dock, self.entity_panel.tree)
        else:
            self._focus_dock(self.key_point_dock, self.key_point_panel)

    def cycle_pane(self, step: int) -> None:
        panes = self.panes()
        focus = QApplication.focusWidget()
        current = next((i for i, pane in enumerate(panes)
                        if focus is not None and (focus is pane or pane.isAncestorOf(focus)
                                                  or (pane is self.entity_panel.tree
                                                      and self.entity_panel.isAncestorOf(focus)))), -1)
        target = panes[(current + step) % len(panes)] if current >= 0 else panes[0]
        target.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _focus_dock(self, dock: QDockWidget, widget: QWidget) -> None:
        dock.show()
        dock.raise_()
        widget.setFocus(Qt.FocusReason.ShortcutFocusReason)

    # -- view --
    def zoom_by(self, step: int | None) -> None:
        steps = 0 if step is None else self.reading_pane.zoom() + step
        self.settings.set("view/zoom", self.reading_pane.set_zoom(steps))
        self._status(f"Text size {self.reading_pane.zoom_percent()} %")

    def toggle_full_screen(self) -> None:
        if self.isFullScreen():
            self.showNormal()
        else:
            self.showFullScreen()
        self._sync_checks()

    def cycle_theme(self) -> None:
        theme = THEMES[(THEMES.index(self.theme.theme) + 1) % len(THEMES)]
        self.theme.apply(theme)
        self.settings.set("view/theme", theme)
        shown = "dark" if self.theme.is_dark() else "light"
        self._status(f"Theme: {theme}" + (f" (now {shown})" if theme == "system" else ""))

    def sidebar_visible(self) -> bool:
        return self.entity_dock.isVisible() or self.key_point_dock.isVisible()

    def toggle_sidebar(self) -> None:
        show = not self.sidebar_visible()
        focus = QApplication.focusWidget()
        for dock in (self.entity_dock, self.key_point_dock):
            dock.setVisible(show)
        if not show and focus is not None and not focus.isVisible():
            self.reading_pane.setFocus(Qt.FocusReason.OtherFocusReason)  # never leave the focus nowhere
        self._sync_checks()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.WindowStateChange and hasattr(self, "actions_by_name"):
            self._sync_checks()

    # -- help --
    def _keep_dialog(self, name: str, dialog: QDialog) -> None:
        old = self._dialogs.pop(name, None)
        if old is not None:
            old.close()
            old.deleteLater()
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        self._dialogs[name] = dialog
        # Give the focus back where it was (the text after opening an article), so it is never lost.
        focus = QApplication.focusWidget()
        back_to = self.reading_pane if name in ("open", "recent", "location") or focus is None else focus
        dialog.finished.connect(lambda _result: QTimer.singleShot(0, lambda: self._refocus(back_to)))

    def _refocus(self, widget: QWidget) -> None:
        if QApplication.activeModalWidget() is not None:
            return  # another dialog has taken over
        self.activateWindow()
        target = widget if widget.isVisible() else self.reading_pane
        target.setFocus(Qt.FocusReason.OtherFocusReason)

    def dialog(self, name: str) -> QDialog | None:
        """The dialog last opened under name (shortcuts, palette, recent, open, location, about), if any."""
        return self._dialogs.get(name)

    def show_shortcuts(self) -> None:
        from .shortcuts_dialog import ShortcutsDialog

        dialog = ShortcutsDialog(self, self.keymap, self.apply_keymap)
        self._keep_dialog("shortcuts", dialog)
        dialog.open()

    def show_palette(self) -> None:
        from .palette import Choice, command_palette

        choices = []
        for command in KEYMAP:
            action = self.actions_by_name[command.name]
            if command.name == "command_palette" or not action.isEnabled():
                continue
            choices.append(Choice(command.title, display_keys(action.shortcuts()), command.name, command.help))
        dialog = command_palette(self, choices, self.run_command)
        self._keep_dialog("palette", dialog)
        dialog.open()

    def run_command(self, name: str) -> None:
        # After the palette has closed, so the command sees the window's own focus.
        QTimer.singleShot(0, self.actions_by_name[name].trigger)

    def show_about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Information, f"About {APP_NAME}",
                          f"<b>{APP_NAME}</b> {__version__}<br>Reads news articles with their named entities "
                          "highlighted and their key points listed. Analysis runs on this computer.<br><br>"
                          f"Settings: {self.settings.path}", QMessageBox.StandardButton.Close, self)
        self._keep_dialog("about", box)
        box.open()

    def _status(self, message: str) -> None:
        self.statusBar().showMessage(message)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.set("window/geometry", self.saveGeometry())
        self.settings.set("window/state", self.saveState())
        if self.panels_built():
            self.settings.set("window/entity_splitter", self.entity_panel.splitter.saveState())
        self.settings.sync()
        self.service.cancel()
        if self._unsaved is not None:  # closed before its highlights were all shown
            self.cache.put(self._unsaved)
            self._unsaved = None
        self.opener.shutdown()
        for dialog in self._dialogs.values():
            dialog.close()
        super().closeEvent(event)


def recent_choice(source: str) -> Choice:
    """A recent article as the chooser shows it: file name and folder, or the whole address of a page."""
    from .palette import Choice

    if "://" in source:
        return Choice(source, "", source)
    path = Path(source)
    where = str(path.parent) if path.exists() else f"{path.parent} (no longer there)"
    return Choice(path.name or source, where, source)


def is_typing_key(event: QEvent) -> bool:
    """A key press that types a character: no Ctrl, Alt or Meta, and printable text."""
    if not isinstance(event, QKeyEvent):
        return False
    if event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
                            | Qt.KeyboardModifier.MetaModifier):
        return False
    text = event.text()
    return bool(text) and text.isprintable()


def neighbour(starts: list[int], position: int, backwards: bool) -> int:
    """Index of the first start after position (or the last before it); may be -1 or len(starts)."""
    if backwards:
        return bisect.bisect_left(starts, position) - 1
    return bisect.bisect_right(starts, position)
