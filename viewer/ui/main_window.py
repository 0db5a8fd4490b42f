"""The main window: the header, the reading pane and the sidebar's docks, showing what the session holds.

The window owns no article state. Its ArticleSession (session.py) opens
articles, keeps Back / Forward and asks the analysis service for each
article's analysis; the window listens and shows: the text at once, the
highlights as the model works through it (with a progress bar), then the
entities and key points. Every command is a QAction built from KEYMAP
(actions.py) and handled by a method marked @command in the module of what it
acts on (commands.py gathers them). Keys without a modifier (n, p, [, ?...)
act only while the reading pane has the focus, so they never take typing away
from a field or a list (see event()).
"""
from __future__ import annotations

import itertools
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QEvent, QSize, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDockWidget, QLabel, QMainWindow, QProgressBar, QVBoxLayout, QWidget

from .. import APP_NAME
from .analysis_service import AnalysisService
from .dialogs import DialogKeeper
from .header import ArticleHeader, MessageBar, untitled_name
from .reading_pane import ReadingPane, describe_mention
from ..core.loaders import PASTED_SOURCE
from .reading_progress import ReadingPositions, ReadingProgress
from .session import ArticleSession
from .settings import Settings
from .theme import ThemeManager
from .typography import Typography
from .wording import counted

if TYPE_CHECKING:  # the dataclasses come with the analysis, after the first paint; Qt types used only later
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QAction, QCloseEvent
    from PySide6.QtWidgets import QDialog

    from ..core.analysis import Analysis
    from ..core.article import Article
    from .analysis_service import AnalysisResult
    from .entity_panel import EntityPanel  # built after the first paint when deferred
    from .find_bar import FindBar
    from .highlights_panel import HighlightsPanel
    from .key_point_panel import KeyPointPanel
    from .library_link import LibraryLink

SIDEBAR_WIDTH = 360  # wide enough for most entity names; later windows restore the user's width
SIDEBAR_MIN_WIDTH = 220  # "Entities", the filter and a name stay readable, whatever was saved
SIDEBAR_HEIGHTS = (430, 318)  # entities (with the mentions list) above key points
TEXT_MIN_WIDTH = 320
DEFAULT_SIZE = (1200, 800)
MIN_SIZE = (640, 400)  # a saved size below this is degenerate: the window opens at the default instead
# The menu bar's menus, made (empty) with the window so it is laid out as it will stay; their commands
# come with ensure_commands(), from actions.MENU_LAYOUT, which has a menu of each of these names.
MENU_TITLES = ("File", "Edit", "View", "Go", "Library", "Help")
# The sidebar as MainWindow.lay_out_docks() makes it (on the right, entities above key points, highlights
# a tab beside key points, SIDEBAR_WIDTH wide, SIDEBAR_HEIGHTS high), in QMainWindow.saveState()'s form.
# Restoring it places the docks without naming the Qt namespace's enums, which addDockWidget,
# splitDockWidget and resizeDocks take: PySide builds that namespace on first use, 14 ms of the
# launch (qt_values). tests/ui/test_qt_values.py fails, giving the new value, when it no longer
# matches lay_out_docks(), which is also what a Qt that cannot read it gets.
DEFAULT_DOCK_STATE = (b"AAAA/wAAAAD9AAAAAQAAAAEAAAFoAAAC8vwCAAAAAvsAAAAYAGUAbgB0AGkAdABpAGUAcwBEAG8AYwBrAQAAAAAAAAGu"
                      b"AAAAEAD////8AAAAAAAAAT4AAAAqAQAAGfoAAAAAAgAAAAL7AAAAGgBrAGUAeQBQAG8AaQBuAHQAcwBEAG8AYwBrAQAA"
                      b"AAD/////AAAAEAD////7AAAAHABoAGkAZwBoAGwAaQBnAGgAdABzAEQAbwBjAGsBAAAAAP////8AAAAQAP///wAAAAAA"
                      b"AAAAAAAABAAAAAQAAAAIAAAACPwAAAAA")


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

    def __init__(self, service: AnalysisService | None = None, settings: Settings | None = None,
                 defer: bool = False) -> None:
        """defer: leave what the first paint does not show for later: the sidebar's panels, the commands and
        the window's icon (the find bar is made on first use in any case).

        app.py defers them (and builds them once the text is painted: launch.py)
        so the first paint does without the panels' modules, models and widgets,
        and without the commands: their modules, the objects that carry them out
        and the fifty-odd actions with their keys. What the window looks
        like is made here: the docks with their names, areas and sizes (holding
        stand-ins until ensure_panels()) and the menu bar with its menus (empty
        until ensure_commands()), so it is laid out exactly as it will stay.
        The panels are built on first use of entity_panel / key_point_panel too.
        """
        super().__init__()
        self.setObjectName("mainWindow")
        self.setWindowTitle(APP_NAME)
        self.settings = settings or Settings()
        self._owns_service = service is None  # one given to the window is shut down by whoever made it
        self.service = service if service is not None else AnalysisService(self)
        self.session = ArticleSession(self.service, self)

        self.header = ArticleHeader(self)
        self.message_bar = MessageBar(self)
        self.reading_pane = ReadingPane(self)
        self.reading_pane.setMinimumWidth(TEXT_MIN_WIDTH)
        self.reading_pane.setPlaceholderText("No article is open. Press Ctrl+O to open one, "
                                             "or Ctrl+Shift+O for a recent one.")
        self._find_bar: FindBar | None = None  # under the text, hidden until Ctrl+F: made on first use
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.reading_progress = ReadingProgress(self.reading_pane, self)
        for widget in (self.message_bar, self.header, self.reading_progress):
            layout.addWidget(widget)
        layout.addWidget(self.reading_pane, 1)
        self.setCentralWidget(central)

        self._entity_panel: EntityPanel | None = None
        self._key_point_panel: KeyPointPanel | None = None
        self._highlights_panel: HighlightsPanel | None = None
        self.entity_dock = self._dock("entitiesDock", "Entities")
        self.key_point_dock = self._dock("keyPointsDock", "Key points")
        self.highlight_dock = self._dock("highlightsDock", "Highlights")  # the reader's own, a tab by key points
        if not self.restoreState(QByteArray.fromBase64(DEFAULT_DOCK_STATE)):
            self.lay_out_docks()
        self.tabifiedDockWidgetActivated.connect(self.name_tab_bars)

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

        self.dialogs = DialogKeeper(self, self.reading_pane)
        self.menus = {title: self.menuBar().addMenu(f"&{title}") for title in MENU_TITLES}
        self.actions_by_name: dict[str, QAction] = {}  # every command, once ensure_commands() has run

        self.theme = ThemeManager(self)
        self.theme.apply(self.settings.get("view/theme"))
        self.reading_pane.set_zoom(self.settings.get("view/zoom"))
        self.reading_pane.set_typography(Typography.valid(self.settings.get("view/font"),
                                                          self.settings.get("view/line_spacing"),
                                                          self.settings.get("view/margins")))
        self.reading_pane.set_plain(self.settings.get("view/plain"))
        self.positions = ReadingPositions(self.settings, self.reading_pane)
        self.reading_pane.set_hidden_groups(frozenset(self.settings.get("view/hidden_groups")))
        self.reading_pane.cursor_entity_changed.connect(self._cursor_entity_changed)
        self.reading_pane.column_changed.connect(self._align_header)
        self.reading_pane.anchorClicked.connect(self.open_link)
        self.reading_pane.highlighted.connect(lambda url: self.show_status(url.toString()) if not url.isEmpty()
                                              else None)
        for dock in (self.entity_dock, self.key_point_dock):
            dock.visibilityChanged.connect(lambda _visible: self.sync_checks())
        QApplication.instance().focusChanged.connect(self._focus_changed)

        session = self.session
        session.article_shown.connect(self._article_shown)
        session.article_closed.connect(self._article_closed)
        session.load_failed.connect(self._load_failed)
        session.analysis_started.connect(self._analysis_started)
        session.analysis_progress.connect(self._analysis_progress)
        session.analysis_ready.connect(self._show_analysis)
        session.analysis_failed.connect(self._analysis_failed)
        session.status.connect(self.show_status)
        session.history_changed.connect(self._update_history_actions)
        self.service.model_failed.connect(lambda _message: self.progress.hide())
        self._library_link: LibraryLink | None = None  # made after the first paint (library_link)

        self._shown_once = False
        self.resize(*DEFAULT_SIZE)
        geometry = self.settings.get("window/geometry")
        if not geometry.isEmpty():
            self.restoreGeometry(geometry)
        state = self.settings.get("window/state")
        if not state.isEmpty():
            self.restoreState(state)
        self.fit_to_screen()
        if not defer:
            self.show_app_icon()
            self.ensure_commands()
            self.ensure_panels()

    @property
    def article(self) -> Article | None:
        return self.session.article

    @property
    def analysis(self) -> Analysis | None:
        return self.session.analysis

    # -- the sidebar's panels --
    @property
    def entity_panel(self) -> EntityPanel:
        self.ensure_panels()
        return self._entity_panel

    @property
    def key_point_panel(self) -> KeyPointPanel:
        self.ensure_panels()
        return self._key_point_panel

    @property
    def highlights_panel(self) -> HighlightsPanel:
        self.ensure_panels()
        return self._highlights_panel

    @property
    def find_bar(self) -> FindBar:
        """The find bar under the text, made on first use: hidden, it changes nothing on screen, so the
        first paint does without its widgets (about 3 ms); ensure_panels() makes it, for the tab order."""
        if self._find_bar is None:
            from .find_bar import FindBar

            self._find_bar = FindBar(self.reading_pane, self)
            self.centralWidget().layout().addWidget(self._find_bar)
        return self._find_bar

    @property
    def library_link(self) -> LibraryLink:
        """The window's side of the library, made on first use (after the first paint, by ensure_panels).

        Its slots on the session come after the window's own (see its docstring),
        and it takes over an article already shown.
        """
        if self._library_link is None:
            from .library_link import LibraryLink

            self._library_link = LibraryLink(self)
        return self._library_link

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
        from .entity_panel import EntityPanel  # ~10 ms of imports and widgets: after the first paint
        from .highlights_panel import HighlightsPanel
        from .key_point_panel import KeyPointPanel

        self.ensure_commands()  # the entity list's context menu offers one of them
        entity_panel, key_point_panel = EntityPanel(self), KeyPointPanel(self)
        self._entity_panel, self._key_point_panel = entity_panel, key_point_panel
        self._highlights_panel = highlights_panel = HighlightsPanel(self)
        for dock, panel in ((self.entity_dock, entity_panel), (self.key_point_dock, key_point_panel),
                            (self.highlight_dock, highlights_panel)):
            stand_in = dock.widget()
            dock.setWidget(panel)
            if stand_in is not None:
                stand_in.deleteLater()
        entity_panel.model.set_hidden_groups(frozenset(self.settings.get("view/hidden_groups")))
        key_point_panel.set_hidden_groups(entity_panel.model.hidden_groups())
        entity_panel.model.hidden_groups_changed.connect(self._hidden_groups_changed)
        entity_panel.entity_chosen.connect(self.navigation.entity_chosen)
        entity_panel.entity_activated.connect(self.navigation.go_to_next_mention)
        entity_panel.mention_chosen.connect(self.navigation.go_to_mention)
        entity_panel.set_context_actions([self.actions_by_name[name] for name in
                                          ("search_web", "entity_page", "change_entity_type", "not_an_entity")])
        key_point_panel.point_chosen.connect(self.navigation.go_to_key_point)
        splitter = self.settings.get("window/entity_splitter")
        if not splitter.isEmpty():
            entity_panel.splitter.restoreState(splitter)
        # Text, then the find bar when shown, then the sidebar top to bottom: the order they are read in.
        chain = [self.reading_pane, self.find_bar.field, self.find_bar.previous_button, self.find_bar.next_button,
                 self.find_bar.close_button, entity_panel.filter, entity_panel.tree, entity_panel.mention_list,
                 key_point_panel, highlights_panel.list]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)
        if self.analysis is not None:  # shown before the panels were built
            entity_panel.set_analysis(self.analysis)
            key_point_panel.set_analysis(self.analysis)
        self.library_link.attach_panel(highlights_panel)
        self.library_link.start()  # the library opens now, after the first paint
        self.name_tab_bars()

    def show_app_icon(self) -> None:
        """Give the window, and through the application its dialogs, the app's icon.

        A deferred window gets it just after the first paint (launch.py): the
        window manager shows an icon given to a mapped window as well, and its
        module and Qt types are 3-4 ms the first paint does without.
        """
        from .icons import app_icon

        icon = app_icon()
        self.setWindowIcon(icon)
        QApplication.instance().setWindowIcon(icon)

    def fit_to_screen(self) -> None:
        """Repair a size or place the screen cannot hold, as browsers do with a saved window.

        The window is never larger than the screen's free area, never degenerate
        (below MIN_SIZE: the default size instead) and never off the screen.
        """
        if self.isMaximized() or self.isFullScreen():
            return
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is None:
            return
        area = screen.availableGeometry()
        frame = self.frameGeometry()  # with the title bar and borders, once the window is shown
        extra_width, extra_height = frame.width() - self.width(), frame.height() - self.height()
        width, height = self.width(), self.height()
        if width < MIN_SIZE[0] or height < MIN_SIZE[1]:
            width, height = DEFAULT_SIZE
        self.resize(min(width, area.width() - extra_width), min(height, area.height() - extra_height))
        frame = self.frameGeometry()
        x = min(max(frame.x(), area.left()), area.right() + 1 - frame.width())
        y = min(max(frame.y(), area.top()), area.bottom() + 1 - frame.height())
        if (x, y) != (frame.x(), frame.y()):
            self.move(max(x, area.left()), max(y, area.top()))

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._shown_once:  # the frame's size is known now
            self._shown_once = True
            self.fit_to_screen()
            if self.panels_built():  # else once they are, after the first paint
                self.name_tab_bars()

    def name_tab_bars(self, *_args) -> None:
        """Name the tab bar Qt makes for docks sharing a place (key points and highlights), for screen readers."""
        from PySide6.QtWidgets import QTabBar

        for bar in self.findChildren(QTabBar):
            if not bar.accessibleName():
                bar.setAccessibleName("Sidebar tabs")

    def lay_out_docks(self) -> None:
        """Place the sidebar's docks as DEFAULT_DOCK_STATE does, naming Qt's enums (that state is restored instead)."""
        from PySide6.QtCore import Qt

        docks = [self.entity_dock, self.key_point_dock]
        for dock in (*docks, self.highlight_dock):
            self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        self.splitDockWidget(self.entity_dock, self.key_point_dock, Qt.Orientation.Vertical)
        self.tabifyDockWidget(self.key_point_dock, self.highlight_dock)
        self.key_point_dock.raise_()
        # Sizes of their own rather than the panels' size hints, so the window is laid out the
        # same whether the panels are built now or after the first paint (defer).
        self.resizeDocks(docks, [SIDEBAR_WIDTH, SIDEBAR_WIDTH], Qt.Orientation.Horizontal)
        self.resizeDocks(docks, list(SIDEBAR_HEIGHTS), Qt.Orientation.Vertical)

    def _dock(self, name: str, title: str) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setMinimumWidth(SIDEBAR_MIN_WIDTH)
        dock.setWidget(PanelStandIn(self))
        dock.setAccessibleName(title)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                         | QDockWidget.DockWidgetFeature.DockWidgetClosable
                         | QDockWidget.DockWidgetFeature.DockWidgetFloatable)
        return dock  # placed by restoring DEFAULT_DOCK_STATE (or by lay_out_docks())

    # -- commands --
    def ensure_commands(self) -> None:
        """Make every command's action, with its keys, and fill the menus with them, if not done yet."""
        if self.actions_by_name:
            return
        # Their modules, objects and fifty-odd actions are left out of the first paint (defer): no key
        # can reach them before it, and a drop needs a window on screen to land on.
        from .actions import MENU_LAYOUT, SEPARATOR, Keymap, build_actions
        from .commands import command_handlers
        from .correction_commands import CorrectionCommands
        from .edit_commands import EditCommands
        from .file_commands import FileCommands
        from .help_commands import HelpCommands
        from .library_commands import LibraryCommands
        from .navigation import Navigation
        from .opening import Opener
        from .view_commands import ViewCommands

        # The commands, each next to what it acts on (commands.py gathers them).
        self.files = FileCommands(self)
        self.edit = EditCommands(self)
        self.view = ViewCommands(self)
        self.navigation = Navigation(self)
        self.help = HelpCommands(self)
        self.corrections = CorrectionCommands(self)
        self.library_commands = LibraryCommands(self)
        self.opener = Opener(self, self.session)  # addresses, the clipboard, drag and drop
        self.opener.failed.connect(self._load_failed)
        self.keymap = Keymap(self.settings.get("shortcuts/overrides"))
        self.actions_by_name = build_actions(self, command_handlers(self), self.keymap)
        for title, names in MENU_LAYOUT.items():
            menu = self.menus[title]
            for name in names:
                if name is SEPARATOR:
                    menu.addSeparator()
                else:
                    menu.addAction(self.actions_by_name[name])
        self._update_article_actions()
        self._update_history_actions()
        self.sync_checks()

    def apply_keymap(self, _name: str | None = None) -> None:
        from .actions import apply_keymap

        apply_keymap(self.actions_by_name, self.keymap)
        self.settings.set("shortcuts/overrides", self.keymap.overrides)

    def sync_checks(self) -> None:
        """Tick the checkable commands as the window is: sidebar shown, full screen, serif, plain view, pictures."""
        if not self.actions_by_name:  # not made yet: ensure_commands() syncs them when it makes them
            return
        self.actions_by_name["toggle_sidebar"].setChecked(self.view.sidebar_visible())
        self.actions_by_name["full_screen"].setChecked(self.isFullScreen())
        self.actions_by_name["serif_font"].setChecked(self.reading_pane.typography().font == "serif")
        self.actions_by_name["plain_view"].setChecked(self.reading_pane.is_plain())
        self.actions_by_name["load_images"].setChecked(self.settings.get("view/load_images"))

    def _update_article_actions(self) -> None:
        if not self.actions_by_name:  # not made yet: ensure_commands() updates them when it makes them
            return
        # Exports carry the entities and key points, so they wait for the analysis.
        for name in ("export", "print", "copy_key_points"):
            self.actions_by_name[name].setEnabled(self.analysis is not None)
        self.actions_by_name["retry_analysis"].setEnabled(self.article is not None)

    def _update_history_actions(self) -> None:
        if not self.actions_by_name:
            return
        self.actions_by_name["back"].setEnabled(self.session.history.can_go(-1))
        self.actions_by_name["forward"].setEnabled(self.session.history.can_go(1))

    def event(self, event: QEvent) -> bool:
        # A key without Ctrl/Alt reaches the window only if no widget wanted it; outside the
        # reading pane such a key is typing (tree search, filter), never a command.
        if event.type() == QEvent.Type.ShortcutOverride and is_typing_key(event):
            focus = QApplication.focusWidget()
            if focus is not None and focus is not self.reading_pane:
                event.accept()
                return True
        return super().event(event)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.WindowStateChange:
            self.sync_checks()

    def dialog(self, name: str) -> QDialog | None:
        """The dialog last opened under name (shortcuts, palette, recent, open, location, about), if any."""
        return self.dialogs.get(name)

    # -- opening --
    def open_source(self, source: str | Path, record: bool = True) -> bool:
        """Open a file or web address (ArticleSession.open); False if it failed at once."""
        return self.session.open(source, record)

    def open_sources(self, sources: list[str]) -> bool:
        """Open the first of several sources; the others follow it in Back / Forward."""
        return self.session.open_many(sources)

    def open_link(self, url: QUrl) -> None:
        """A link in the article was activated: hand it to the system browser, never load it here."""
        if url.scheme() not in ("http", "https", "mailto"):
            return
        from PySide6.QtGui import QDesktopServices

        if QDesktopServices.openUrl(url):
            self.show_status(f"Opened {url.toString()} in your browser")
        else:
            self.no_browser(url)

    def no_browser(self, url: QUrl) -> None:
        """Say that no browser took url, and leave it on the clipboard to paste into one."""
        QGuiApplication.clipboard().setText(url.toString())
        self.message_bar.show_message("No web browser could be started on this computer; the address "
                                      f"{url.toString()} is on the clipboard, to paste into one.")
        self.show_status("No web browser could be started.")

    def show_error(self, message: str) -> None:
        self.message_bar.show_message(message)
        self.show_status(message)

    def show_status(self, message: str) -> None:
        self.statusBar().showMessage(message)

    # -- what the session says --
    def _article_shown(self, article: Article) -> None:
        self.positions.leave()  # the place in the article shown so far, before its text goes
        self.message_bar.show_message(article.notice)
        self.header.show_article(article)
        headline = article.headline()
        self.reading_pane.expect_blocks(article.blocks)
        self.reading_pane.show_text(article.text, (headline.start, headline.end) if headline else None)
        self.reading_pane.show_structure(article.blocks)
        self.reading_pane.set_images(article.images, self.settings.get("view/load_images"))
        self.reading_pane.set_links(article.links)
        self._clear_panels()
        self.progress.hide()
        self.setWindowTitle(f"{article.title or untitled_name(article.source)} — {APP_NAME}")
        self._update_article_actions()
        if article.source != PASTED_SOURCE:  # pasted text cannot be opened again from anywhere
            self.settings.add_recent(article.source, article.title)
            if "://" not in article.source:  # the Open and Export dialogs start where the reader was
                self.settings.set("files/last_folder", str(Path(article.source).resolve().parent))
        self.positions.arrive(article.source if article.source != PASTED_SOURCE else None)
        self.article_shown.emit(article)

    def _article_closed(self) -> None:
        self.positions.leave()
        self.message_bar.show_message("")
        self.header.show_article(None)
        self.reading_pane.show_text("")
        self.reading_pane.show_structure(())
        self.reading_pane.set_images(())
        self.reading_pane.set_mentions([])
        self._clear_panels()
        self.find_bar.hide()
        self.progress.hide()
        self.setWindowTitle(APP_NAME)
        self._update_article_actions()
        self.reading_pane.setFocus()  # (OtherFocusReason)
        self.show_status("Article closed.")

    def _clear_panels(self) -> None:
        if self.panels_built():  # panels not built yet are empty already
            self.entity_panel.set_analysis(None)
            self.key_point_panel.set_analysis(None)

    def _load_failed(self, message: str) -> None:
        self.show_error(message)
        self.load_failed.emit(message)

    def _analysis_started(self) -> None:
        self.progress.setValue(0)
        self.progress.show()

    def _analysis_progress(self, fraction: float, fresh: object) -> None:
        self.progress.setValue(int(fraction * 100))
        if fresh:
            self.reading_pane.add_provisional_mentions(fresh)

    def _show_analysis(self, result: AnalysisResult) -> None:
        analysis = result.analysis
        self.ensure_panels()
        self.progress.hide()
        self.reading_pane.set_mentions(analysis.mentions, result.block_spans)
        self.entity_panel.set_analysis(analysis)
        self.key_point_panel.set_analysis(analysis)
        self._update_article_actions()
        self._cursor_entity_changed(self.reading_pane.mention_at(self.reading_pane.cursor_offset()))
        how = "from the cache" if result.from_cache else f"{analysis.seconds:.2f} s"
        self.show_status(f"{counted(len(analysis.entities), 'entity', 'entities')}, "
                         f"{counted(len(analysis.key_points), 'key point')} ({analysis.model}, {how})")
        self.analysis_shown.emit(analysis)

    def _analysis_failed(self, message: str) -> None:
        """The article stays readable; the message says what failed and offers Retry."""
        self.progress.hide()
        self.ensure_commands()
        retry = self.actions_by_name["retry_analysis"]
        self.message_bar.show_message(message, retry if self.article is not None else None)
        self.show_status(message)
        self.analysis_failed.emit(message)

    def _hidden_groups_changed(self, hidden: frozenset) -> None:
        self.reading_pane.set_hidden_groups(hidden)
        self.key_point_panel.set_hidden_groups(hidden)
        self.settings.set("view/hidden_groups", sorted(hidden))

    def _focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        # What the status line says belongs to the pane it was said in ("mention 1 of 4"):
        # it goes when the focus moves to another pane, rather than staying on, stale.
        if self._pane_of(old) != self._pane_of(new):
            self.statusBar().clearMessage()

    def _pane_of(self, widget: QWidget | None) -> QWidget | None:
        panes = [pane for pane in (self.reading_pane, self._find_bar) if pane is not None]  # no bar made yet
        if self.panels_built():
            panes += [self._entity_panel, self._key_point_panel, self._highlights_panel]
        return next((pane for pane in panes if widget is not None and (widget is pane or pane.isAncestorOf(widget))),
                    None)

    def _align_header(self) -> None:
        """The title and date start where the text's column does, as in a page of a book."""
        pane = self.reading_pane
        left, right = pane.column_edges()
        viewport = pane.viewport()
        self.header.align_to_column(max(0, viewport.x() + left), max(0, pane.width() - viewport.x() - right))

    def _cursor_entity_changed(self, mention) -> None:
        self.cursor_entity.setText(describe_mention(mention) if mention is not None else "")

    def closeEvent(self, event: QCloseEvent) -> None:
        self.positions.keep()
        if self._library_link is not None:
            self._library_link.shutdown()  # after the place is kept there, and before the service goes
        self.settings.set("window/geometry", self.saveGeometry())
        self.settings.set("window/state", self.saveState())
        if self.panels_built():
            self.settings.set("window/entity_splitter", self.entity_panel.splitter.saveState())
        self.settings.sync()
        self.session.shutdown()
        if self._owns_service:
            self.service.shutdown()  # what is being written to the cache is finished first
        self.dialogs.close_all()
        super().closeEvent(event)


def is_typing_key(event: QEvent) -> bool:
    """A key press that types a character: no Ctrl, Alt or Meta, and printable text."""
    from PySide6.QtCore import Qt  # types and enums PySide builds on first use: not before the first paint
    from PySide6.QtGui import QKeyEvent

    if not isinstance(event, QKeyEvent):
        return False
    if event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
                            | Qt.KeyboardModifier.MetaModifier):
        return False
    text = event.text()
    return bool(text) and text.isprintable()
