"""Every persistent setting in one place, with its default and type.

Values live in QSettings' INI format in the platform's usual place (on Linux
~/.config/Article Viewer/Article Viewer.ini; see settings_path()). Lists and
dictionaries are stored as JSON text so the file stays readable and an empty
list survives a round trip. A missing, mistyped or corrupt value (or a file
that is not an INI file at all) falls back to its default instead of breaking
the window.

To add a setting, add a row to DEFAULTS; Settings.get refuses unknown names so
a typo fails loudly in tests instead of silently reading a default.
"""
from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import QByteArray, QSettings

from .. import APP_NAME, ORGANISATION
from ..core.groups import default_hidden_groups

THEMES = ("system", "light", "dark", "sepia")

# name -> (default, type)
DEFAULTS: dict[str, tuple[Any, type]] = {
    "window/geometry": (QByteArray(), QByteArray),  # size and position
    "window/state": (QByteArray(), QByteArray),  # docks: where, which are shown, their sizes
    "window/entity_splitter": (QByteArray(), QByteArray),  # entity list / mentions split in the sidebar
    "view/zoom": (0, int),  # reading pane font steps from the normal size
    "view/theme": ("system", str),  # one of THEMES
    "view/hidden_groups": (sorted(default_hidden_groups()), list),
    "view/font": ("sans", str),  # the article's face: "sans" or "serif" (typography.FONTS)
    "view/line_spacing": (140, int),  # % of the face's own line height (typography.LINE_SPACINGS)
    "view/margins": ("normal", str),  # "narrow", "normal" or "wide": the column's width (typography.MARGINS)
    "view/plain": (False, bool),  # the plain reading view: every highlight off
    "view/load_images": (False, bool),  # fetch the pictures of articles on the web (never without this)
    "reading/positions": ({}, dict),  # article file or address -> text offset at the top of the view
    "shortcuts/overrides": ({}, dict),  # command name -> list of portable key strings
    "files/recent": ([], list),  # most recent first
    "files/recent_titles": ({}, dict),  # source -> the article's title, for the recent list
    "files/last_folder": ("", str),
    "export/format": ("html", str),  # html, json, md or pdf
    "export/folder": ("", str),  # "" means the folder of the last article opened, else home
    "export/page_size": ("", str),  # A4 or Letter; "" means the locale's usual paper
    "export/include_hidden": (False, bool),
}

MAX_RECENT = 15


def qsettings() -> QSettings:
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANISATION, APP_NAME)


def settings_path() -> str:
    """The settings file of this user (it need not exist yet)."""
    return qsettings().fileName()


class Settings:
    """Typed access to the app's settings with defaults from DEFAULTS."""

    def __init__(self, store: QSettings | None = None) -> None:
        self._store = store or qsettings()
        # A file Qt cannot parse is read as empty, which gives every default.
        self.corrupt = self._store.status() != QSettings.Status.NoError

    def get(self, name: str) -> Any:
        default, kind = DEFAULTS[name]
        try:
            value = self._store.value(name)
        except Exception:  # an unreadable value in a damaged file
            return _copy(default)
        if value is None:
            return _copy(default)
        if kind in (list, dict):
            return _from_json(value, kind, default)
        if kind is QByteArray:
            return value if isinstance(value, QByteArray) else QByteArray()
        if kind is bool:
            if isinstance(value, bool):
                return value
            if isinstance(value, str) and value.strip().lower() in ("true", "1", "yes", "false", "0", "no"):
                return value.strip().lower() in ("true", "1", "yes")  # how an INI file stores a bool
            return default
        try:
            return kind(value)
        except (TypeError, ValueError):
            return default

    def set(self, name: str, value: Any) -> None:
        if name not in DEFAULTS:
            raise KeyError(name)
        kind = DEFAULTS[name][1]
        if kind in (list, dict):
            value = json.dumps(value, ensure_ascii=False)
        self._store.setValue(name, value)

    def reset(self, name: str) -> None:
        self._store.remove(name)

    def sync(self) -> None:
        self._store.sync()

    @property
    def path(self) -> str:
        return self._store.fileName()

    # -- recent articles --
    def add_recent(self, source: str, title: str = "") -> list[str]:
        recent = [s for s in self.get("files/recent") if s != source]
        recent.insert(0, source)
        del recent[MAX_RECENT:]
        self.set("files/recent", recent)
        titles = {s: t for s, t in self.get("files/recent_titles").items() if s in recent and isinstance(t, str)}
        if title:
            titles[source] = title
        self.set("files/recent_titles", titles)
        return recent

    def recent_titles(self) -> dict[str, str]:
        return self.get("files/recent_titles")


def _copy(value: Any) -> Any:
    return value.copy() if isinstance(value, (list, dict)) else value


def _from_json(value: Any, kind: type, default: Any) -> Any:
    # QSettings may hand back a list for a value containing commas; join it back.
    if isinstance(value, (list, tuple)):
        value = ",".join(str(v) for v in value)
    if not isinstance(value, str):
        return _copy(default)
    try:
        parsed = json.loads(value)
    except ValueError:
        return _copy(default)
    if not isinstance(parsed, kind):
        return _copy(default)
    if kind is list and not all(isinstance(item, str) for item in parsed):
        return _copy(default)
    return parsed
