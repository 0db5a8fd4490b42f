"""Light, dark, sepia and system colour themes, and the focus frame that must be visible in each.

"system" follows the platform's light/dark setting through Qt 6's colour scheme
(QStyleHints.colorScheme). An explicit light or dark choice is asked of the
platform with QStyleHints.setColorScheme; platforms that cannot honour it (a
plain X11 session, the offscreen platform) get the app's own palette instead,
so the choice always takes effect. Sepia is the app's own light palette, on
every platform: Firefox Reader View's warm page (#f4ecd8) and brown text.

The application style sheet draws a 2-pixel focus frame around the focused
text, list, tree and field in a colour with at least 3:1 contrast against the
window (WCAG 2.2 non-text contrast); tests check those ratios.
"""
from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from ..core.groups import TEXT_ON_DARK

# Palette of the app's own dark theme, used where the platform cannot switch.
DARK = {
    "window": "#2b2b2b",
    "base": "#1e1e1e",
    "alternate": "#262626",
    "text": TEXT_ON_DARK,
    "button": "#353535",
    "highlight": "#2f6fb3",
    "highlighted_text": "#ffffff",
    "link": "#8ab4f8",
    "placeholder": "#a8a8a8",
    "disabled_text": "#8a8a8a",
    "tooltip_base": "#3a3a3a",
}
# Palette of the sepia theme: a warm page and brown text, each pair tested for contrast.
SEPIA = {
    "window": "#eae0c8",
    "base": "#f4ecd8",
    "alternate": "#efe6d0",
    "text": "#5b4636",
    "button": "#e4d8bc",
    "highlight": "#8a5a2b",
    "highlighted_text": "#ffffff",
    "link": "#1a4fa0",
    "placeholder": "#6f5a48",
    "disabled_text": "#8c7a68",
    "tooltip_base": "#fbf6ea",
}
THEME_NAMES = ("system", "light", "dark", "sepia")
# Focus frame and resting frame, per theme: (focus, frame).
FOCUS = {"light": ("#0b57d0", "#c4c4c4"), "dark": ("#8ab4f8", "#4a4a4a"), "sepia": ("#0b57d0", "#c8b894")}


def dark_palette() -> QPalette:
    return _palette(DARK, {"visited": "#c58af9", "light": "#505050", "midlight": "#404040", "mid": "#303030",
                           "dark": "#202020", "shadow": "#101010"})


def sepia_palette() -> QPalette:
    return _palette(SEPIA, {"visited": "#6a3d8f", "light": "#fbf6ea", "midlight": "#efe6d0", "mid": "#c8b894",
                            "dark": "#9c8a6c", "shadow": "#5b4636"})


def _palette(colours_of: dict[str, str], shades: dict[str, str]) -> QPalette:
    palette = QPalette()
    role = QPalette.ColorRole
    colours = {
        role.Window: colours_of["window"], role.WindowText: colours_of["text"], role.Base: colours_of["base"],
        role.AlternateBase: colours_of["alternate"], role.Text: colours_of["text"], role.Button: colours_of["button"],
        role.ButtonText: colours_of["text"], role.BrightText: "#ffffff", role.Highlight: colours_of["highlight"],
        role.HighlightedText: colours_of["highlighted_text"], role.Link: colours_of["link"],
        role.LinkVisited: shades["visited"], role.PlaceholderText: colours_of["placeholder"],
        role.ToolTipBase: colours_of["tooltip_base"], role.ToolTipText: colours_of["text"],
        role.Light: shades["light"], role.Midlight: shades["midlight"], role.Mid: shades["mid"],
        role.Dark: shades["dark"], role.Shadow: shades["shadow"],
    }
    for r, colour in colours.items():
        palette.setColor(r, QColor(colour))
    for r in (role.Text, role.WindowText, role.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, r, QColor(colours_of["disabled_text"]))
    return palette


# Buttons are drawn by the style sheet in full, so their focus frame can be as clear
# as the panes' (Fusion's own is a faint line); per theme: background, border,
# hover, pressed.
BUTTONS = {"light": ("#f6f6f6", "#9a9a9a", "#e8f0fe", "#d2e3fc"),
           "dark": ("#3a3a3a", "#6a6a6a", "#45505e", "#2f3b4a"),
           "sepia": ("#f1e8d3", "#9c8a6c", "#e6dcc4", "#d9cbaa")}


def style_sheet(dark: bool, sepia: bool = False) -> str:
    theme = "sepia" if sepia else "dark" if dark else "light"
    focus, frame = FOCUS[theme]
    background, border, hover, pressed = BUTTONS[theme]
    # Same border width focused or not, so nothing moves when the focus does.
    return f"""
QTextBrowser, QTreeView, QListView, QTableView {{ border: 2px solid {frame}; }}
QTextBrowser:focus, QTreeView:focus, QListView:focus, QTableView:focus {{ border: 2px solid {focus}; }}
QLineEdit {{ border: 2px solid {frame}; border-radius: 3px; padding: 2px 4px; }}
QLineEdit:focus {{ border: 2px solid {focus}; }}
QComboBox {{ border: 2px solid {frame}; border-radius: 3px; padding: 2px 6px; }}
QComboBox:focus {{ border: 2px solid {focus}; }}
QCheckBox, QRadioButton {{ border: 2px solid transparent; border-radius: 3px; padding: 1px 3px; }}
QCheckBox:focus, QRadioButton:focus {{ border: 2px solid {focus}; }}
QPushButton {{ background: {background}; border: 1px solid {border}; border-radius: 4px; padding: 4px 14px;
               min-width: 4em; }}
QPushButton:hover {{ background: {hover}; }}
QPushButton:pressed, QPushButton:checked {{ background: {pressed}; }}
QPushButton:default {{ border: 1px solid {focus}; }}
QPushButton:focus {{ border: 2px solid {focus}; padding: 3px 13px; }}
QPushButton:disabled {{ border-color: {frame}; }}
"""


# The palette and colour scheme belong to the application, not to one window, so what is known of
# them is kept here for every ThemeManager: whether the desktop's own scheme is dark (known while
# following it) and whether the application's palette is one of ours (to be undone for "system").
_app_state: dict[str, bool | None] = {"desktop_dark": None, "own_palette": False}


class ThemeManager(QObject):
    """Applies a theme ("system", "light", "dark", "sepia") to the whole application."""

    def __init__(self, parent: QObject | None = None, app: QApplication | None = None) -> None:
        super().__init__(parent)  # a child of the window, so its system-scheme connection ends with it
        self.app = app or QApplication.instance()
        self.theme = "system"
        hints = QGuiApplication.styleHints()
        hints.colorSchemeChanged.connect(self._system_changed)

    def apply(self, theme: str) -> None:
        self.theme = theme if theme in THEME_NAMES else "system"
        hints = QGuiApplication.styleHints()
        # QStyleHints.setColorScheme arrived in Qt 6.8; older Qt always gets the app's own palette.
        can_ask = hasattr(hints, "setColorScheme")
        if self.theme == "system":
            if can_ask:
                hints.unsetColorScheme()
            self._use_palette(None)
        else:
            # Only a chosen theme names the Qt namespace, which costs 14 ms before the first paint (qt_values).
            from PySide6.QtCore import Qt

            wanted = Qt.ColorScheme.Dark if self.theme == "dark" else Qt.ColorScheme.Light
            if can_ask:
                hints.setColorScheme(wanted)
            if self.theme == "sepia":
                self._use_palette(sepia_palette())  # no platform has it: always the app's own
            elif can_ask and hints.colorScheme() == wanted:
                self._use_palette(None)  # the platform did it
            else:
                self._use_palette(dark_palette() if wanted == Qt.ColorScheme.Dark
                                  else self.app.style().standardPalette())
        self.app.setStyleSheet(style_sheet(self.is_dark(), self.theme == "sepia"))
        if self.theme == "system":
            _app_state["desktop_dark"] = self.is_dark()

    @property
    def system_dark(self) -> bool:
        """Whether the desktop's own scheme is dark (as last seen while following it; else as the app starts)."""
        if _app_state["desktop_dark"] is None:
            _app_state["desktop_dark"] = self.is_dark()
        return _app_state["desktop_dark"]

    def is_dark(self) -> bool:
        return self.app.palette().color(QPalette.ColorRole.Window).lightness() < 128

    def _use_palette(self, palette: QPalette | None) -> None:
        if palette is not None:
            self.app.setPalette(palette)
            _app_state["own_palette"] = True
        elif _app_state["own_palette"]:
            # A palette with nothing set resolves to the platform's own.
            self.app.setPalette(QPalette())
            _app_state["own_palette"] = False

    def next_theme(self) -> str:
        """The theme Switch Theme goes to: from the system's, first the one that looks different.

        On a light desktop: system -> dark -> light -> sepia -> system; on a dark
        one: system -> light -> dark -> sepia -> system. (The old order went from
        system to light first, which changed nothing a reader could see on a light
        desktop.)
        """
        order = ["system", "light", "dark"] if self.system_dark else ["system", "dark", "light"]
        order.append("sepia")
        return order[(order.index(self.theme) + 1) % len(order)]

    def _system_changed(self, _scheme) -> None:
        if self.theme == "system":
            _app_state["desktop_dark"] = self.is_dark()
            self.app.setStyleSheet(style_sheet(self.is_dark()))
