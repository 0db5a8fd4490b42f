"""Where the window's commands meet their handlers: by KEYMAP name, declared next to what they act on.

A handler is a method marked with @command("name") in the module of what it
acts on (file_commands.py: files and the article; edit_commands.py: finding and
copying; view_commands.py: zoom, theme, sidebar; navigation.py: Back/Forward,
panes, mentions and key points; help_commands.py: shortcuts, palette, About;
correction_commands.py: the reader's entity corrections),
as qutebrowser declares its commands where they are implemented. The keys, menu
texts and menu layout are data in actions.py; command_handlers() below is the
one place that gathers every handler, and a test checks each KEYMAP command
has exactly one.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from .main_window import MainWindow

F = TypeVar("F", bound=Callable)
_NAME = "_command_name"


def command(name: str) -> Callable[[F], F]:
    """Mark a method as the handler of the KEYMAP command `name`."""

    def mark(method: F) -> F:
        setattr(method, _NAME, name)
        return method

    return mark


def handlers_of(*controllers: object) -> dict[str, Callable[[], object]]:
    """Command name -> bound handler, for every @command method of the controllers."""
    handlers: dict[str, Callable[[], object]] = {}
    for controller in controllers:
        for attribute in dir(type(controller)):
            name = getattr(getattr(type(controller), attribute), _NAME, None)
            if name is None:
                continue
            if name in handlers:
                raise ValueError(f"two handlers for the command {name!r}")
            handlers[name] = getattr(controller, attribute)
    return handlers


def command_handlers(window: MainWindow) -> dict[str, Callable[[], object]]:
    """Every command of the window and what it does."""
    return handlers_of(window.files, window.edit, window.view, window.navigation, window.help, window.corrections)
