"""The core must stay usable without Qt: importing it pulls in no PySide6."""
import subprocess
import sys


def test_core_imports_no_qt():
    code = ("import sys, viewer.core.loaders, viewer.core.pipeline, viewer.core.language_model, "
            "viewer.core.export, viewer.cli, viewer.core.library.importing, viewer.core.library.notes, "
            "viewer.library_cli; "
            "bad = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))]; "
            "print(bad); sys.exit(1 if bad else 0)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
