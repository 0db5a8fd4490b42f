"""Every command of the window, defined once: its name, menu text, default keys and help.

KEYMAP is data. The window builds one QAction per entry (see build_actions), the
menus and the Help > Keyboard shortcuts view are generated from it, and tests
iterate it. Standard keys come from Qt where Qt has one, so they follow the
platform's conventions.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

Keys = tuple["QKeySequence.StandardKey | str", ...]
SK = QKeySequence.StandardKey


@dataclass(frozen=True)
class Command:
    name: str  # stable id, used in settings and tests
    text: str  # menu text, with & for the mnemonic
    menu: str  # "File", "View", "Go", "Help"
    keys: Keys
    help: str


KEYMAP: tuple[Command, ...] = (
    Command("open", "&Open…", "File", (SK.Open,), "Open an article file"),
    Command("export", "&Export…", "File", ("Ctrl+E",),
            "Save the article with its entities and key points as HTML, JSON, Markdown or PDF"),
    Command("print", "&Print…", "File", (SK.Print,), "Print the article with its highlights, after a preview"),
    Command("quit", "&Quit", "File", ("Ctrl+Q",), "Quit Article Viewer"),
    Command("focus_text", "Focus the &text", "Go", ("Alt+1",), "Move the keyboard focus to the reading pane"),
    Command("focus_entities", "Focus the &entities", "Go", ("Alt+2",), "Move the keyboard focus to the entity list"),
    Command("focus_key_points", "Focus the &key points", "Go", ("Alt+3",), "Move the keyboard focus to the key points"),
    Command("search_web", "Search the &web for this entity", "Go", (),
            "Look the selected entity up in your web browser (nothing is sent until you choose this)"),
    Command("shortcuts", "&Keyboard shortcuts", "Help", (SK.HelpContents,), "List every command and its keys"),
    Command("about", "&About Article Viewer", "Help", (), "Show the version and what the app does"),
)

COMMANDS = {command.name: command for command in KEYMAP}


def key_sequences(command: Command) -> list[QKeySequence]:
    sequences: list[QKeySequence] = []
    for key in command.keys:
        if isinstance(key, QKeySequence.StandardKey):
            sequences.extend(QKeySequence.keyBindings(key))
        else:
            sequences.append(QKeySequence(key))
    return [s for s in sequences if not s.isEmpty()]


def build_actions(parent: QWidget, handlers: dict[str, Callable[[], object]]) -> dict[str, QAction]:
    """One QAction per KEYMAP entry, wired to handlers[name], added to parent so its keys work."""
    actions: dict[str, QAction] = {}
    for command in KEYMAP:
        action = QAction(command.text, parent)
        action.setObjectName(f"action_{command.name}")
        action.setShortcuts(key_sequences(command))
        action.setStatusTip(command.help)
        action.setToolTip(command.help)
        handler = handlers.get(command.name)
        if handler is not None:
            action.triggered.connect(lambda _checked=False, h=handler: h())
        parent.addAction(action)
        actions[command.name] = action
    return actions
