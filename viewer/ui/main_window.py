"""The main window: header, reading pane, entity sidebar and key points, wired together.

Opening an article shows its text at once and queues its analysis on the
background service; entities and key points fill in when the result arrives. A
result for an article no longer shown is dropped.
"""
from __future__ import annotations

import bisect
from pathlib import Path

from PySide6.QtCore import QByteArray, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (QDockWidget, QFileDialog, QLabel, QMainWindow, QMessageBox, QProgressBar,
                               QVBoxLayout, QWidget)

from .. import APP_NAME, __version__
from ..core.analysis import Analysis, Entity, KeyPoint, Mention
from ..core.article import Article, Role
from ..core.errors import ArticleError
from ..core.loaders import load
from .actions import KEYMAP, build_actions, key_sequences
from .icons import app_icon
from .exporting import ExportDialog, default_page_size, open_print_preview
from .panels import EntityPanel, KeyPointPanel
from .reading_pane import ReadingPane
from .settings import Settings


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
        self.meta = QLabel(self)
        self.meta.setObjectName("articleMeta")
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


class MessageBar(QLabel):
    """A one-sentence message above the text, for errors the user should see."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("messageBar")
        self.setWordWrap(True)
        self.setAccessibleName("Message")
        self.setStyleSheet("QLabel#messageBar { background: #fde2e1; color: #5c0b07; padding: 8px 24px;"
                           " border-bottom: 1px solid #e9a19c; }")
        self.hide()

    def show_message(self, text: str) -> None:
        self.setText(text)
        self.setVisible(bool(text))


class MainWindow(QMainWindow):
    analysis_shown = Signal(object)  # the Analysis now on screen
    analysis_failed = Signal(str)

    def __init__(self, service, settings: Settings | None = None) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.setWindowTitle(APP_NAME)
        self.setWindowIcon(app_icon())  # PNGs: no SVG plug-in to load before the first paint
        self.settings = settings or Settings()
        self.service = service
        self.article: Article | None = None
        self.analysis: Analysis | None = None

        self.header = ArticleHeader(self)
        self.message_bar = MessageBar(self)
        self.reading_pane = ReadingPane(self)
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.message_bar)
        layout.addWidget(self.header)
        layout.addWidget(self.reading_pane, 1)
        self.setCentralWidget(central)

        self.entity_panel = EntityPanel(self)
        self.key_point_panel = KeyPointPanel(self)
        self.entity_dock = self._dock("entitiesDock", "&Entities", self.entity_panel,
                                      Qt.DockWidgetArea.RightDockWidgetArea)
        self.key_point_dock = self._dock("keyPointsDock", "&Key points", self.key_point_panel,
                                         Qt.DockWidgetArea.RightDockWidgetArea)
        self.splitDockWidget(self.entity_dock, self.key_point_dock, Qt.Orientation.Vertical)

        self.progress = QProgressBar(self)
        self.progress.setObjectName("analysisProgress")
        self.progress.setRange(0, 100)
        self.progress.setMaximumWidth(180)
        self.progress.setAccessibleName("Analysis progress")
        self.progress.hide()
        self.statusBar().addPermanentWidget(self.progress)

        self.actions_by_name = build_actions(self, {
            "open": self.choose_file,
            "export": self.export_article,
            "print": self.print_article,
            "quit": self.close,
            "focus_text": lambda: self.reading_pane.setFocus(Qt.FocusReason.ShortcutFocusReason),
            "focus_entities": lambda: self._focus_dock(self.entity_dock, self.entity_panel.tree),
            "focus_key_points": lambda: self._focus_dock(self.key_point_dock, self.key_point_panel),
            "search_web": self.entity_panel.search_web,
            "shortcuts": self.show_shortcuts,
            "about": self.show_about,
        })
        self._build_menus()
        self.export_dialog = None
        self.print_preview = None
        self._update_export_actions()

        self.entity_panel.model.set_hidden_groups(set(self.settings.get("view/hidden_groups")))
        self.reading_pane.set_hidden_groups(self.entity_panel.model.hidden_groups())
        self.entity_panel.model.hidden_groups_changed.connect(self._hidden_groups_changed)
        self.entity_panel.entity_chosen.connect(self.go_to_first_mention)
        self.entity_panel.entity_activated.connect(self.go_to_next_mention)
        self.entity_panel.mention_chosen.connect(self.go_to_mention)
        self.entity_panel.set_context_actions([self.actions_by_name["search_web"]])
        self.key_point_panel.point_chosen.connect(self.go_to_key_point)

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

    # -- building --
    def _dock(self, name: str, title: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title.replace("&", ""), self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                         | QDockWidget.DockWidgetFeature.DockWidgetClosable
                         | QDockWidget.DockWidgetFeature.DockWidgetFloatable)
        self.addDockWidget(area, dock)
        return dock

    def _build_menus(self) -> None:
        menus = {}
        for title in ("File", "View", "Go", "Help"):
            menus[title] = self.menuBar().addMenu(f"&{title}")
        for command in KEYMAP:
            menus[command.menu].addAction(self.actions_by_name[command.name])
        menus["View"].addAction(self.entity_dock.toggleViewAction())
        menus["View"].addAction(self.key_point_dock.toggleViewAction())

    def _focus_dock(self, dock: QDockWidget, widget: QWidget) -> None:
        dock.show()
        dock.raise_()
        widget.setFocus(Qt.FocusReason.ShortcutFocusReason)

    # -- opening --
    def choose_file(self) -> None:
        folder = self.settings.get("files/last_folder") or str(Path.home())
        path, _ = QFileDialog.getOpenFileName(self, "Open article", folder,
                                              "Articles (*.txt *.text);;All files (*)")
        if path:
            self.settings.set("files/last_folder", str(Path(path).parent))
            self.open_source(path)

    def open_source(self, source: str | Path) -> bool:
        """Open a file; on failure say why in one sentence and keep the current article."""
        try:
            article = load(str(source))
        except ArticleError as error:
            self.show_error(str(error))
            return False
        self.show_article(article)
        return True

    def show_article(self, article: Article) -> None:
        self.article = article
        self.analysis = None
        self.message_bar.show_message(article.notice)
        self.header.show_article(article)
        headline = next(((p.start, p.end) for p in article.paragraphs if p.role == Role.HEADLINE), None)
        self.reading_pane.show_text(article.text, headline)
        self.entity_panel.set_analysis(None)
        self.key_point_panel.set_analysis(None)
        self.setWindowTitle(f"{article.title or Path(article.source).name} — {APP_NAME}")
        self.progress.setValue(0)
        self.progress.show()
        self._status("Analysing…")
        self._update_export_actions()
        self.service.analyse(article)

    def show_error(self, message: str) -> None:
        self.message_bar.show_message(message)
        self._status(message)

    # -- analysis results --
    def _model_ready(self, label: str) -> None:
        if self.article is not None and self.analysis is None:
            self._status(f"Analysing with {label}…")

    def _model_failed(self, message: str) -> None:
        self.progress.hide()
        self.show_error(message)

    def _analysis_progress(self, fraction: float, _fresh: object) -> None:
        self.progress.setValue(int(fraction * 100))

    def _analysis_finished(self, analysis: Analysis) -> None:
        if self.article is None or analysis.text != self.article.text:
            return  # a result for an article no longer shown
        self.analysis = analysis
        self.progress.hide()
        self.reading_pane.set_mentions(analysis.mentions)
        self.entity_panel.set_analysis(analysis)
        self.key_point_panel.set_analysis(analysis)
        self._update_export_actions()
        self._status(f"{len(analysis.entities)} entities, {len(analysis.key_points)} key points "
                     f"({analysis.model}, {analysis.seconds:.2f} s)")
        self.analysis_shown.emit(analysis)

    def _analysis_error(self, message: str) -> None:
        self.progress.hide()
        self.show_error(message)
        self.analysis_failed.emit(message)

    def _hidden_groups_changed(self, hidden: frozenset) -> None:
        self.reading_pane.set_hidden_groups(hidden)
        self.settings.set("view/hidden_groups", sorted(hidden))

    # -- navigation --
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
        cursor = self.reading_pane.textCursor()
        starts = [m.start for m in mentions]
        if backwards:
            index = bisect.bisect_left(starts, cursor.selectionStart()) - 1
        else:
            index = bisect.bisect_right(starts, cursor.selectionStart())
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

    # -- export and print --
    def _update_export_actions(self) -> None:
        # Exports carry the entities and key points, so they wait for the analysis.
        for name in ("export", "print"):
            self.actions_by_name[name].setEnabled(self.analysis is not None)

    def export_article(self) -> None:
        """Open the export dialog (window-modal, not blocking) for the article shown."""
        if self.analysis is None:
            return
        dialog = ExportDialog(self.analysis, self.entity_panel.model.hidden_groups(), self.settings, self)
        dialog.exported.connect(lambda path: self._status(f"Exported to {path}"))
        dialog.finished.connect(dialog.deleteLater)
        self.export_dialog = dialog
        dialog.open()

    def print_article(self) -> None:
        """Show a print preview of the article as it is highlighted now; print from there."""
        if self.analysis is None:
            return
        page_size = self.settings.get("export/page_size") or default_page_size()
        self.print_preview = open_print_preview(self, self.analysis, self.entity_panel.model.hidden_groups(),
                                                page_size)

    # -- help --
    def show_shortcuts(self) -> None:
        rows = []
        for command in KEYMAP:
            keys = ", ".join(seq.toString(seq.SequenceFormat.NativeText) for seq in key_sequences(command))
            rows.append(f"<tr><td>{command.text.replace('&', '')}</td><td><b>{keys or '—'}</b></td></tr>")
        QMessageBox.information(self, "Keyboard shortcuts", "<table cellpadding='4'>" + "".join(rows) + "</table>")

    def show_about(self) -> None:
        QMessageBox.about(self, f"About {APP_NAME}",
                          f"<b>{APP_NAME}</b> {__version__}<br>Reads news articles with their named entities "
                          "highlighted and their key points listed. Analysis runs on this computer.")

    def _status(self, message: str) -> None:
        self.statusBar().showMessage(message)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.set("window/geometry", self.saveGeometry())
        self.settings.set("window/state", self.saveState())
        self.settings.sync()
        self.service.cancel()
        super().closeEvent(event)
