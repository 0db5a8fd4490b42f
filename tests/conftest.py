"""Shared test set-up: offscreen Qt, settings in a temporary folder, the sample article."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from viewer.ui.qt_import import import_pyside

# Before pytest-qt imports Qt (at pytest_configure): the tests import the way the app does.
import_pyside()

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
if os.environ["QT_QPA_PLATFORM"] == "offscreen":
    # Qt's offscreen screen is 800 x 800, smaller than the window; the tests run on a laptop's
    # 1920 x 1200 instead, so the window is laid out as users see it (and fits, as it must).
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={Path(__file__).with_name('offscreen_screen.json')}"
# A throw-away folder for the test session, removed when it ends.
_SCRATCH = tempfile.TemporaryDirectory(prefix="article-viewer-test-")
# The app's log (viewer/logs.py) goes there, for this process and the apps it starts.
os.environ.setdefault("ARTICLE_VIEWER_LOG_DIR", os.path.join(_SCRATCH.name, "log"))
# Analyses cached by tests (and by the app in subprocesses) never reach the user's cache folder.
os.environ.setdefault("ARTICLE_VIEWER_CACHE_DIR", os.path.join(_SCRATCH.name, "cache"))
# ...and the reader's entity corrections in the user's data folder never reach the tests.
os.environ.setdefault("ARTICLE_VIEWER_DATA_DIR", os.path.join(_SCRATCH.name, "data"))
# The library too: no test touches the user's (those that look at one make their own).
os.environ.setdefault("ARTICLE_VIEWER_LIBRARY", os.path.join(_SCRATCH.name, "library"))

# Property tests are deterministic in CI: a fixed seed (derandomize), no example
# database, and a per-example deadline so a slow input is reported as a failure.
# HYPOTHESIS_PROFILE=long runs the same tests as a long random fuzz by hand.
settings.register_profile(
    "ci", derandomize=True, database=None, deadline=10_000, print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile(
    "long", max_examples=10_000, derandomize=False, database=None, deadline=10_000, print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

# Fixtures shared by several test modules, registered here rather than imported into each.
pytest_plugins = ["tests.local_server", "tests.library_fixtures"]

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "000_e8e23f282fd3c801.txt"


@pytest.fixture(scope="session")
def sample_path() -> Path:
    return SAMPLE


@pytest.fixture(scope="session")
def nlp():
    from viewer.core.language_model import load_model

    return load_model()


@pytest.fixture(scope="session")
def sample_analysis(nlp):
    from viewer.core.loaders import load
    from viewer.core.pipeline import analyze

    return analyze(load(SAMPLE), nlp)


@pytest.fixture
def crash_hooks(qapp, monkeypatch):
    """The app's own exception hooks (viewer.crash) over pytest-qt's, with the dialog shown offscreen."""
    from viewer import crash

    monkeypatch.setattr(crash, "dialogs_visible", lambda: True)
    crash.install()
    crash.install_qt()
    yield crash
    box = crash.open_dialog()
    if box is not None:
        box.close()
    crash.uninstall()
