"""Every command of the window, defined once: its name, menu, menu text, default keys and help.

KEYMAP is data. The window builds one QAction per entry (build_actions), the
menus, the Help > Keyboard shortcuts dialog, the command palette and the README
table are generated from it, and tests iterate it. Standard keys come from Qt
where Qt has one, so they follow the platform's conventions; a key the issue or
the user relies on everywhere (Ctrl+Q, F11, Alt+Left...) is also given
explicitly, because some platforms have no standard binding for it.

To add a command: add a Command row to KEYMAP (in the order the shortcuts
dialog should list it), put its name in MENU_LAYOUT where the menu should show
it, and mark the method that carries it out with @command("name")
(viewer/ui/commands.py), in the module of what it acts on.

Keys with no modifier (n, p, [, ?...) are "reading keys": the window lets them
act only while the reading pane has the focus, so they never steal typing from
a filter or find field (see MainWindow.event).

Users may override any command's keys; only the overrides are stored, as
portable key strings, under the setting "shortcuts/overrides".
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

Key = "QKeySequence.StandardKey | str"
SK = QKeySequence.StandardKey

SEPARATOR = None

# The menu bar: each menu's commands in order, SEPARATOR where a line divides them.
MENU_LAYOUT: dict[str, tuple[str | None, ...]] = {
    "File": ("open", "open_location", "open_clipboard", "recent", SEPARATOR, "export", "print", SEPARATOR,
             "close_article", "retry_analysis", SEPARATOR, "quit"),
    "Edit": ("find", "find_next", "find_previous", SEPARATOR, "copy_key_points", SEPARATOR, "change_entity_type",
             "not_an_entity", "corrections", SEPARATOR, "command_palette"),
    "View": ("zoom_in", "zoom_out", "zoom_reset", SEPARATOR, "serif_font", "line_spacing", "margins", "cycle_theme",
             SEPARATOR, "plain_view", "load_images", SEPARATOR, "full_screen", "toggle_sidebar"),
    "Go": ("back", "forward", SEPARATOR, "focus_text", "focus_entities", "focus_key_points", "next_pane",
           "previous_pane", SEPARATOR, "next_mention", "previous_mention", "next_key_point", "previous_key_point",
           "show_entity", "search_web"),
    "Help": ("shortcuts", "about"),
}
MENUS: tuple[str, ...] = tuple(MENU_LAYOUT)
_MENU_OF = {name: menu for menu, names in MENU_LAYOUT.items() for name in names if name is not SEPARATOR}


@dataclass(frozen=True)
class Command:
    name: str  # stable id, used in settings, handlers and tests
    text: str  # menu text, with & for the mnemonic
    keys: tuple  # default keys: QKeySequence.StandardKey values and/or portable strings ("Ctrl+Shift+P")
    help: str  # one sentence, shown in the shortcuts dialog, the palette and the status bar
    checkable: bool = False

    @property
    def title(self) -> str:
        """The menu text without the mnemonic marker or the trailing ellipsis."""
        return self.text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…")

    @property
    def menu(self) -> str:
        """The menu it is in (MENU_LAYOUT)."""
        return _MENU_OF[self.name]


KEYMAP: tuple[Command, ...] = (
    # File
    Command("open", "&Open…", (SK.Open, "Ctrl+O"), "Open an article file (text, web page, Markdown or PDF)"),
    Command("open_location", "Open &Location…", ("Ctrl+L",), "Open an article from a web address"),
    Command("open_clipboard", "Open from Clip&board", ("Ctrl+Shift+V",),
            "Open the text or web address on the clipboard"),
    Command("export", "&Export…", ("Ctrl+E",),
            "Save the article with its entities and key points as HTML, JSON, Markdown or PDF"),
    Command("print", "&Print…", (SK.Print, "Ctrl+P"), "Print the article with its highlights, after a preview"),
    Command("recent", "Open &Recent…", ("Ctrl+Shift+O",), "Choose one of the recently opened articles"),
    Command("close_article", "&Close Article", (SK.Close, "Ctrl+W"), "Close the article shown"),
    Command("retry_analysis", "Retry &Analysis", ("Ctrl+Shift+R",),
            "Analyse the article shown again, after a failure or a change of language model"),
    Command("quit", "&Quit", (SK.Quit, "Ctrl+Q"), "Quit Article Viewer"),
    # Edit
    Command("find", "&Find…", (SK.Find, "Ctrl+F"), "Search the article's text"),
    Command("find_next", "Find &Next", (SK.FindNext, "F3"), "Go to the next match of the search"),
    Command("find_previous", "Find &Previous", (SK.FindPrevious, "Shift+F3"),
            "Go to the previous match of the search"),
    Command("command_palette", "&Command Palette…", ("Ctrl+Shift+P", "Ctrl+K"),
            "Find any command by name and run it"),
    Command("copy_key_points", "Copy &Key Points", ("Ctrl+Shift+K",),
            "Copy the key points as a bulleted list, with the article's title and source"),
    Command("change_entity_type", "Change Entity &Type…", ("Ctrl+T",),
            "Give the chosen entity another type, in this article and every one after"),
    Command("not_an_entity", "Not an &Entity", ("Ctrl+D",),
            "Stop highlighting the chosen name as an entity, in this article and every one after"),
    Command("corrections", "Your C&orrections…", ("Ctrl+Shift+E",),
            "List the entity corrections you made, and undo them"),
    # View
    Command("zoom_in", "Zoom &In", (SK.ZoomIn, "Ctrl++", "Ctrl+="), "Make the article's text larger"),
    Command("zoom_out", "Zoom &Out", (SK.ZoomOut, "Ctrl+-"), "Make the article's text smaller"),
    Command("zoom_reset", "&Reset Zoom", ("Ctrl+0",), "Show the text at its normal size"),
    Command("serif_font", "Serif Fo&nt", ("Ctrl+Shift+T",),
            "Set the article in the system's serif typeface, or back in its sans-serif one", checkable=True),
    Command("line_spacing", "Line Spa&cing", ("Ctrl+Shift+J",),
            "Space the article's lines further apart, in four steps, then back to the closest"),
    Command("margins", "&Margins", ("Ctrl+Shift+M",),
            "Change the margins around the text column: normal, wide (a narrower column) or narrow"),
    Command("cycle_theme", "Switch &Theme", ("Ctrl+Shift+L",),
            "Switch between the light, dark, sepia and system colour themes"),
    Command("plain_view", "&Plain Reading View", ("Ctrl+Shift+H",),
            "Turn every highlight off to read the plain text, or back on (the groups you chose stay as they were)",
            checkable=True),
    Command("load_images", "Load Ima&ges from the Web", ("Ctrl+Shift+I",),
            "Fetch the pictures of articles opened from the web (when off, only the address you open is fetched)",
            checkable=True),
    Command("full_screen", "&Full Screen", ("F11",), "Show the window on the whole screen, or stop",
            checkable=True),
    Command("toggle_sidebar", "&Sidebar", ("Ctrl+\\",), "Hide or show the entities and key points",
            checkable=True),
    # Go
    Command("back", "&Back", (SK.Back, "Alt+Left"), "Go back to the previously opened article"),
    Command("forward", "&Forward", (SK.Forward, "Alt+Right"), "Go forward to the next opened article"),
    Command("focus_text", "Focus the &Text", ("Alt+1",), "Move the keyboard focus to the reading pane"),
    Command("focus_entities", "Focus the &Entities", ("Alt+2",), "Move the keyboard focus to the entities"),
    Command("focus_key_points", "Focus the &Key Points", ("Alt+3",),
            "Move the keyboard focus to the key points"),
    Command("next_pane", "Next &Pane", ("F6",), "Move the keyboard focus to the next pane"),
    Command("previous_pane", "Previous P&ane", ("Shift+F6",), "Move the keyboard focus to the previous pane"),
    Command("next_mention", "Next &Mention", ("N", "J"),
            "Select the next highlighted entity mention in the text"),
    Command("previous_mention", "Pre&vious Mention", ("P", "K"),
            "Select the previous highlighted entity mention in the text"),
    Command("next_key_point", "Next Key P&oint", ("]",), "Go to the next key point in the text"),
    Command("previous_key_point", "Previous Key Po&int", ("[",), "Go to the previous key point in the text"),
    Command("show_entity", "&Show Entity in Sidebar", ("E",),
            "Select the entity under the text cursor in the entity list"),
    Command("search_web", "Search the &Web for This Entity", ("Ctrl+Shift+F",),
            "Look the selected entity up in your web browser (nothing is sent until you choose this)"),
    # Help
    Command("shortcuts", "&Keyboard Shortcuts", (SK.HelpContents, "F1", "?"),
            "List, search and change every command's keys"),
    Command("about", "&About Article Viewer", ("Ctrl+F1",), "Show the version and what the app does"),
)

COMMANDS: dict[str, Command] = {command.name: command for command in KEYMAP}

# Keys the widgets themselves handle (not commands, so not rebindable); listed in
# the shortcuts dialog and the README so they are discoverable too.
WIDGET_KEYS: tuple[tuple[str, str, str], ...] = (
    ("Reading pane", "Arrows, PgUp, PgDown, Home, End", "Move the text cursor (Ctrl+Home and Ctrl+End: start and end)"),
    ("Reading pane", "Space, Shift+Space", "Scroll down or up a screen"),
    ("Reading pane", "Shift+arrows, Ctrl+C", "Select and copy text"),
    ("Entities", "Typing", "Filter the entities by name"),
    ("Entities", "Enter, Shift+Enter", "Select the next or previous mention of the chosen entity"),
    ("Entities", "Left, Right", "Collapse or expand a group"),
    ("Entities", "Space", "Switch the highlighting of the group in the text"),
    ("Entities", "Down (in the filter)", "Move from the filter to the first matching entity"),
    ("Mentions", "Up, Down, Enter", "Go to one mention of the chosen entity, shown in its sentence"),
    ("Key points", "Up, Down, Enter", "Go to a key point's sentence"),
    ("Find bar", "Enter, Shift+Enter", "Next or previous match"),
    ("Find bar, dialogs", "Esc", "Close"),
    ("Everywhere", "Tab, Shift+Tab", "Move the focus to the next or previous control"),
)

# Dedicated keys of some keyboards that Qt's standard bindings include ("Open",
# "Zoom In"...); they still work but would only clutter the lists.
_DEDICATED = {Qt.Key.Key_Open, Qt.Key.Key_Close, Qt.Key.Key_Exit, Qt.Key.Key_Find, Qt.Key.Key_ZoomIn,
              Qt.Key.Key_ZoomOut, Qt.Key.Key_Help, Qt.Key.Key_Back, Qt.Key.Key_Forward, Qt.Key.Key_Search}


def _dedicated(sequence: QKeySequence) -> bool:
    return sequence.count() == 1 and sequence[0].key() in _DEDICATED


def default_sequences(command: Command) -> list[QKeySequence]:
    """The command's default keys on this platform, without duplicates."""
    sequences: list[QKeySequence] = []
    for key in command.keys:
        if isinstance(key, QKeySequence.StandardKey):
            sequences.extend(s for s in QKeySequence.keyBindings(key) if not _dedicated(s))
        else:
            sequences.append(QKeySequence(key))
    return _unique(sequences)


def _unique(sequences: Iterable[QKeySequence]) -> list[QKeySequence]:
    seen: set[str] = set()
    result = []
    for sequence in sequences:
        text = sequence.toString(QKeySequence.SequenceFormat.PortableText)
        if text and text not in seen:
            seen.add(text)
            result.append(sequence)
    return result


def parse_overrides(raw: object) -> dict[str, list[str]]:
    """The valid part of a stored overrides value: known commands -> lists of parseable key strings."""
    if not isinstance(raw, Mapping):
        return {}
    overrides: dict[str, list[str]] = {}
    for name, keys in raw.items():
        if name not in COMMANDS or not isinstance(keys, (list, tuple)) or not all(isinstance(k, str) for k in keys):
            continue
        parsed = [QKeySequence(k) for k in keys]
        if all(not s.isEmpty() for s in parsed):
            overrides[name] = [s.toString(QKeySequence.SequenceFormat.PortableText) for s in parsed]
    return overrides


class Keymap:
    """The current keys of every command: the defaults with the user's overrides on top."""

    def __init__(self, overrides: object = None) -> None:
        self.overrides = parse_overrides(overrides)
        # Overrides that clash with another command's key (e.g. edited by hand) are dropped.
        for name in list(self.overrides):
            for sequence in self.sequences(name):
                if self.conflict(name, sequence) is not None:
                    del self.overrides[name]
                    break

    def sequences(self, name: str) -> list[QKeySequence]:
        if name in self.overrides:
            return _unique(QKeySequence(k) for k in self.overrides[name])
        return default_sequences(COMMANDS[name])

    def is_default(self, name: str) -> bool:
        return name not in self.overrides

    def conflict(self, name: str, sequence: QKeySequence) -> str | None:
        """The other command already using sequence, or None."""
        wanted = sequence.toString(QKeySequence.SequenceFormat.PortableText)
        for other in KEYMAP:
            if other.name == name:
                continue
            if any(s.toString(QKeySequence.SequenceFormat.PortableText) == wanted for s in self.sequences(other.name)):
                return other.name
        return None

    def set_keys(self, name: str, sequences: list[QKeySequence]) -> str | None:
        """Give a command new keys; returns a sentence saying why not, or None when done."""
        for sequence in sequences:
            if sequence.isEmpty():
                continue
            if sequence.count() > 1:
                return "Use a single key combination, not a sequence of several."
            if sequence[0].key() in RESERVED_KEYS and sequence[0].keyboardModifiers() in _PLAIN:
                return f"{display(sequence)} is used for moving around the window; choose another key."
            other = self.conflict(name, sequence)
            if other is not None:
                return f"{display(sequence)} is already used by “{COMMANDS[other].title}”; choose another key."
        keys = [s.toString(QKeySequence.SequenceFormat.PortableText) for s in _unique(sequences)]
        defaults = [s.toString(QKeySequence.SequenceFormat.PortableText) for s in default_sequences(COMMANDS[name])]
        if keys == defaults:
            self.overrides.pop(name, None)
        else:
            self.overrides[name] = keys
        return None

    def reset(self, name: str) -> str | None:
        """Go back to the default keys, unless another command has taken one of them meanwhile."""
        return self.set_keys(name, default_sequences(COMMANDS[name]))


# Keys that widgets need for moving around and editing; a command may not take them unmodified.
RESERVED_KEYS = {Qt.Key.Key_Tab, Qt.Key.Key_Backtab, Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Escape,
                 Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_PageUp,
                 Qt.Key.Key_PageDown, Qt.Key.Key_Home, Qt.Key.Key_End, Qt.Key.Key_Space, Qt.Key.Key_Backspace,
                 Qt.Key.Key_Delete}
_PLAIN = (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ShiftModifier)


def display(sequence: QKeySequence) -> str:
    text = sequence.toString(QKeySequence.SequenceFormat.NativeText)
    # A bare letter is typed without Shift: show "n", not "N", so nobody reads it as Shift+N.
    return text.lower() if len(text) == 1 else text


def display_keys(sequences: Iterable[QKeySequence]) -> str:
    return ", ".join(display(s) for s in sequences)


def build_actions(parent: QWidget, handlers: Mapping[str, Callable[[], object]],
                  keymap: Keymap | None = None) -> dict[str, QAction]:
    """One QAction per KEYMAP entry, wired to handlers[name], added to parent so its keys work."""
    keymap = keymap or Keymap()
    actions: dict[str, QAction] = {}
    for command in KEYMAP:
        action = QAction(command.text, parent)
        action.setObjectName(f"action_{command.name}")
        action.setCheckable(command.checkable)
        action.setStatusTip(command.help)
        action.setToolTip(command.help)
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        handler = handlers.get(command.name)
        if handler is not None:
            action.triggered.connect(lambda _checked=False, h=handler: h())
        else:
            action.setEnabled(False)
        parent.addAction(action)
        actions[command.name] = action
    apply_keymap(actions, keymap)
    return actions


def apply_keymap(actions: Mapping[str, QAction], keymap: Keymap) -> None:
    for name, action in actions.items():
        action.setShortcuts(keymap.sequences(name))


def readme_table() -> str:
    """The README's shortcuts table, generated from KEYMAP and WIDGET_KEYS (tests/ui/test_shortcuts.py checks it).

    It lists the portable keys given in KEYMAP; the platform's own standard keys
    (e.g. Ctrl+F4 for Close on Windows) also work and show in the in-app dialog.
    """
    lines = ["| Command | Keys | Menu | What it does |", "|---|---|---|---|"]
    for command in KEYMAP:
        keys = [k for k in command.keys if isinstance(k, str)]
        shown = ", ".join(f"`{k.lower() if len(k) == 1 else k}`" for k in keys) or "—"
        lines.append(f"| {command.title} | {shown} | {command.menu} | {command.help} |")
    lines += ["", "| Where | Keys | What they do |", "|---|---|---|"]
    for where, keys, what in WIDGET_KEYS:
        lines.append(f"| {where} | {keys} | {what} |")
    return "\n".join(lines)
