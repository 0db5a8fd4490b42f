"""Keep Python alive under a PySide6 reference-count bug on Python 3.11.

PySide6 6.12.0 on Python 3.11 drops one reference to None on every call of a
Qt method that returns void (setText, setFormat, setValue...). None is an
ordinary counted object before Python 3.12, so after a few thousand such calls
its count reaches zero and the interpreter aborts with "deallocating None".
A long article makes tens of thousands of these calls while highlighting.
Python 3.12 made None immortal (PEP 683); this gives it the same effect on
older interpreters, and only when the bug is actually present.
"""
from __future__ import annotations

import ctypes
import sys

_FIXED = False


def leaks_none() -> bool:
    """True if calling a void Qt method loses a reference to None."""
    from PySide6.QtCore import QObject

    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(16):
        probe.setObjectName("probe")
    return sys.getrefcount(None) < before - 8


def guard_none_refcount() -> bool:
    """Make None effectively immortal if this PySide6 leaks it; True if it did."""
    global _FIXED
    if _FIXED or sys.implementation.name != "cpython" or sys.version_info >= (3, 12):
        return _FIXED
    if leaks_none():
        # ob_refcnt is the first field of every CPython object; 2**40 extra references
        # outlast any session, as the immortal count of Python 3.12 does.
        ctypes.c_ssize_t.from_address(id(None)).value += 1 << 40
        _FIXED = True
    return _FIXED
