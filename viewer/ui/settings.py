"""Every persistent setting in one place, with its default and type.

Values live in QSettings in the platform's usual place (on Linux
~/.config/Article Viewer/Article Viewer.conf). A missing or corrupt value falls back
to its default instead of breaking the window.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QByteArray, QSettings

from .. import APP_NAME, ORGANISATION

# name -> (default, type)
DEFAULTS: dict[str, tuple[Any, type]] = {
    "window/geometry": (QByteArray(), QByteArray),
    "window/state": (QByteArray(), QByteArray),
    "view/zoom": (0, int),
    "view/theme": ("system", str),
    "view/hidden_groups": (["Numbers"], list),
    "shortcuts/overrides": ({}, dict),
    "files/recent": ([], list),
    "files/last_folder": ("", str),
    "export/format": ("html", str),  # html, json, md or pdf
    "export/folder": ("", str),  # "" means the home folder
    "export/page_size": ("", str),  # A4 or Letter; "" means the locale's usual paper
    "export/include_hidden": (False, bool),
}


def qsettings() -> QSettings:
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANISATION, APP_NAME)


class Settings:
    """Typed access to the app's settings with defaults from DEFAULTS."""

    def __init__(self, store: QSettings | None = None) -> None:
        self._store = store or qsettings()

    def get(self, name: str) -> Any:
        default, kind = DEFAULTS[name]
        try:
            value = self._store.value(name, default)
        except Exception:  # an unreadable value in a damaged file
            return default
        if value is None:
            return default
        if kind is list:
            if isinstance(value, str):
                value = [value] if value else []
            return list(value) if isinstance(value, (list, tuple)) else default
        if kind is dict:
            return dict(value) if isinstance(value, dict) else default
        if kind is bool and isinstance(value, str):
            return value.strip().lower() in ("true", "1", "yes")  # how an INI file stores a bool
        if kind is QByteArray:
            return value if isinstance(value, QByteArray) else default
        try:
            return kind(value)
        except (TypeError, ValueError):
            return default

    def set(self, name: str, value: Any) -> None:
        if name not in DEFAULTS:
            raise KeyError(name)
        self._store.setValue(name, value)

    def sync(self) -> None:
        self._store.sync()

    @property
    def path(self) -> str:
        return self._store.fileName()
