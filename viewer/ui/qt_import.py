"""Import PySide6 without the import hook it installs for ``from __feature__ import ...``.

PySide6 replaces ``builtins.__import__`` when QtCore is first imported, so that a
module may switch on its optional Python-style API (``from __feature__ import
snake_case``). To prepare for that, the hook reads the whole source of every
module imported afterwards (``inspect.getsource``) to see whether it mentions
PySide6. The app and its libraries use no ``__feature__``, so those reads are
pure cost: about 12 ms before the window's first paint and a fifth of the time
spaCy takes to import on the analysis thread (figures in benchmarks/README.md).

Qt's own lookups treat a module the hook never saw as one with no features, so
putting the interpreter's import back changes nothing else. The app calls
import_pyside() before anything imports Qt; tests/conftest.py does the same, so
the tests run the way the app does.
"""
from __future__ import annotations

import builtins
import sys


def import_pyside() -> bool:
    """Import PySide6.QtCore, keeping the interpreter's own __import__; True if a hook was undone.

    Does nothing when QtCore is already imported: by then the interpreter's
    import is no longer at hand, and a caller that imported Qt first chose the hook.
    """
    if "PySide6.QtCore" in sys.modules:
        return False
    interpreter_import = builtins.__import__
    import PySide6.QtCore  # noqa: F401  (installs the hook)

    if builtins.__import__ is interpreter_import:  # a PySide6 without the hook
        return False
    builtins.__import__ = interpreter_import
    return True
