"""Qt namespace values the window sets before its first paint, given as plain ints through Qt properties.

PySide builds the whole `Qt` namespace (93 enums, about 1,200 members, through
Python's enum module) the first time anything names it: 14 ms of a launch here,
on the path to the first paint. Qt's property system takes an int for an enum
property (QObject.setProperty("focusPolicy", 11)) without PySide ever building
the enum, so the few values the first paint needs are kept here, as ints, and
set through set_enum_property(). Anything after the first paint uses Qt's enums
as usual. tests/ui/test_qt_values.py checks every value against Qt's own.
"""
from __future__ import annotations

from PySide6.QtCore import QObject

# Qt.TextInteractionFlag
TEXT_SELECTABLE_BY_MOUSE = 1
TEXT_SELECTABLE_BY_KEYBOARD = 2
LINKS_ACCESSIBLE_BY_MOUSE = 4
LINKS_ACCESSIBLE_BY_KEYBOARD = 8
# Qt.FocusPolicy
NO_FOCUS = 0
STRONG_FOCUS = 11
# Qt.ToolButtonStyle
TOOL_BUTTON_TEXT_ONLY = 1


def set_enum_property(target: QObject, name: str, value: int) -> None:
    """Set target's enum (or flags) property name to value; a name that is not a property raises, never passes."""
    if not target.setProperty(name, value):
        raise AttributeError(f"{type(target).__name__} has no writable property {name!r}")
