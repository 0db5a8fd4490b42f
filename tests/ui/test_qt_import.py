"""PySide6 is imported without its __feature__ import hook, and Qt works the same without it."""
from __future__ import annotations

import builtins
import os
import subprocess
import sys
from pathlib import Path

import pytest

from viewer.ui.qt_import import import_pyside

ROOT = Path(__file__).resolve().parents[2]

FRESH = """
import builtins, sys
interpreter_import = builtins.__import__
from viewer.ui.qt_import import import_pyside
undone = import_pyside()
import shibokensupport.feature as feature  # where the hook records what it read

import colorsys  # a module first imported after Qt
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTextBrowser
app = QApplication([])
view = QTextBrowser()
view.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard)
view.setPlainText("text")
print(undone, builtins.__import__ is interpreter_import, "colorsys" in feature.pyside_feature_dict,
      view.toPlainText(), bool(view.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByKeyboard),
      import_pyside())
"""

HOOKED = """
import builtins
interpreter_import = builtins.__import__
import PySide6.QtCore
from viewer.ui.qt_import import import_pyside
print(import_pyside(), builtins.__import__ is interpreter_import)
"""


def run(script: str) -> list[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr[-800:]
    return done.stdout.split()


@pytest.fixture(scope="module")
def pyside_hooks_import():
    """Whether this PySide6 replaces builtins.__import__ (6.11 does); without it there is nothing to undo."""
    installs = run(HOOKED)[1] == "False"
    if not installs:
        pytest.skip("this PySide6 installs no import hook")
    return installs


def test_a_fresh_process_keeps_the_interpreters_import_and_qt_works(pyside_hooks_import):
    undone, own_import, module_read, text, flag_set, again = run(FRESH)
    assert undone == "True"
    assert own_import == "True"
    assert module_read == "False"  # the hook would have read colorsys's source and recorded it
    assert (text, flag_set) == ("text", "True")
    assert again == "False"  # a second call has nothing to do


def test_after_qt_was_imported_the_hook_is_left_alone(pyside_hooks_import):
    assert run(HOOKED) == ["False", "False"]


def test_this_test_session_imports_the_way_the_app_does():
    assert builtins.__import__.__name__ == "__import__"
    assert import_pyside() is False
