"""The real entry point, offscreen: it starts, shows the sample and saves a screenshot."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_screenshot_of_the_default_article(tmp_path):
    out = tmp_path / "shot.png"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path))
    done = subprocess.run([sys.executable, "main.py", "--screenshot", str(out)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert out.stat().st_size > 10_000
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_missing_file_on_screenshot_run_exits_non_zero(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path))
    done = subprocess.run([sys.executable, "-m", "viewer", "--screenshot", str(tmp_path / "s.png"),
                           str(tmp_path / "missing.txt")], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 1
    assert "missing.txt" in done.stderr and "Traceback" not in done.stderr


def test_a_launch_with_only_missing_files_opens_no_window_and_exits_non_zero(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path),
               ARTICLE_VIEWER_INSTANCE=f"article-viewer-test-{os.getpid()}-missing")
    done = subprocess.run([sys.executable, "main.py", str(tmp_path / "missing.txt")], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert done.stderr.strip() == f"article-viewer: There is no file “{tmp_path / 'missing.txt'}”."


def test_text_is_painted_without_waiting_for_the_model_and_entities_follow(tmp_path):
    """The real launch path (single-instance check included) with the start-up probe on.

    The model loads in a worker process started at launch, beside the window's own start-up: the
    text is painted without waiting for it, and the entities come once it has loaded."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path),
               XDG_CACHE_HOME=str(tmp_path / "cache"), ARTICLE_VIEWER_CACHE_DIR=str(tmp_path / "analyses"),
               ARTICLE_VIEWER_BENCHMARK="1",
               ARTICLE_VIEWER_INSTANCE=f"article-viewer-test-{os.getpid()}-startup")
    done = subprocess.run([sys.executable, "-m", "viewer"], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    marks = dict(line.split()[1:3] for line in done.stderr.splitlines() if line.startswith("startup "))
    # spaCy and numpy load in the worker process; dialogs, export and printing on first use.
    assert marks["heavy-modules-at-first-paint"] == "none", (
        "imported before the article text was painted (see HEAVY_MODULES in viewer/ui/startup_probe.py; "
        "import these inside the method that needs them): " + marks["heavy-modules-at-first-paint"])
    # Nor has the window named Qt's namespace, whose 93 enums PySide builds on first use (viewer/ui/qt_values.py).
    assert marks["qt-namespace-at-first-paint"] == "not-built"
    first_paint, model_loaded, entities = (float(marks[k]) for k in ("first-paint", "model-loaded",
                                                                        "entities-painted"))
    assert 0 < first_paint < entities and 0 < model_loaded < entities
    # The model ran in a worker process: even with the entities painted, the window's own process
    # has never imported spaCy, thinc, numpy, the model or the analysis (ANALYSIS_MODULES).
    assert marks["analysis-modules-in-window"] == "none", marks["analysis-modules-in-window"]
    # The garbage collector, off for the start-up, is on again, and the tens of thousands of objects
    # the start-up built (modules, Qt types, the window) are left out of its full passes.
    state, frozen = marks["collector"].split(",frozen=")
    assert state == "on" and int(frozen) > 10_000


def test_launchers_exist():
    main = ROOT / "main.py"
    assert main.read_text().startswith("#!/usr/bin/env python3\n") and os.access(main, os.X_OK)
    pyproject = (ROOT / "pyproject.toml").read_text()
    assert '[project.gui-scripts]\narticle-viewer = "viewer.__main__:run"' in pyproject
    done = subprocess.run([sys.executable, "-m", "viewer", "--version"], cwd=ROOT, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0 and done.stdout.startswith("Article Viewer ")


IDENTITY = """
import sys
import time
from viewer.ui.qt_import import import_pyside
import_pyside()
from PySide6.QtWidgets import QApplication
from viewer import APP_ID, APP_NAME, ORGANISATION
import viewer.app

def look_instead_of_running(*_args):
    app = QApplication.instance()
    window = next(w for w in app.topLevelWidgets() if w.objectName() == "mainWindow")
    deadline = time.monotonic() + 10
    while app.windowIcon().isNull() and time.monotonic() < deadline:  # it comes just after the first paint
        app.processEvents()
        time.sleep(0.01)
    sizes = sorted(size.width() for size in app.windowIcon().availableSizes())
    print(app.applicationName() == APP_NAME, app.organizationName() == ORGANISATION,
          app.desktopFileName() == APP_ID, window.windowIcon().cacheKey() == app.windowIcon().cacheKey(), sizes)
    return 0

QApplication.exec = look_instead_of_running
sys.exit(viewer.app.main(["--new-window"]))
"""


def test_the_window_carries_the_apps_identity_and_icon(tmp_path):
    """Name, organisation, desktop file name and icon: what groups the window under its launcher."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path),
               XDG_CACHE_HOME=str(tmp_path / "cache"))
    done = subprocess.run([sys.executable, "-c", IDENTITY], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().split(maxsplit=4) == ["True", "True", "True", "True", "[16, 32, 48, 64, 128, 256]"]


def _process_state(pid: int) -> str | None:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0]
    except OSError:
        return None


def _logged_workers(log: Path, what: str) -> list[int]:
    """The pids of the analysis workers the app's log says have `what` ("started", "ready")."""
    try:
        lines = log.read_text(encoding="utf-8").splitlines()
    except OSError:
        return []
    return [int(line.split("Analysis worker ")[1].split()[0]) for line in lines
            if "Analysis worker " in line and f" {what}" in line]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc and sends POSIX signals")
@pytest.mark.parametrize("ending", ["quit", "SIGTERM", "SIGKILL", "SIGSEGV"])
def test_no_analysis_process_outlives_the_window(tmp_path, sample_path, ending):
    """Quit, SIGTERM, SIGKILL or a crash of the window in the middle of an analysis: its workers end too."""
    article = tmp_path / "long.txt"
    body = sample_path.read_text(encoding="utf-8").split("\n", 1)[1]
    article.write_text("A long story\n\n" + "\n\n".join([body] * (2 if ending == "quit" else 40)), encoding="utf-8")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path),
               XDG_CACHE_HOME=str(tmp_path / "cache"), ARTICLE_VIEWER_CACHE_DIR=str(tmp_path / "analyses"),
               ARTICLE_VIEWER_LOG_DIR=str(tmp_path / "log"))
    log = tmp_path / "log" / "article-viewer.log"
    command = [sys.executable, "main.py", "--new-window", str(article)]
    if ending == "quit":  # the window closes by itself once the analysis is shown, as after File > Quit
        command[2:3] = ["--screenshot", str(tmp_path / "shot.png")]
    app = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while not _logged_workers(log, "ready"):  # the model is loaded: the analysis is under way
            assert app.poll() is None or ending == "quit", f"the app ended early ({app.returncode})"
            assert time.monotonic() < deadline, "no analysis worker became ready"
            time.sleep(0.05)
        workers = _logged_workers(log, "started")
        assert workers and all(_process_state(pid) in ("R", "S") for pid in workers)
        if ending != "quit":
            app.send_signal(getattr(signal, ending))
        app.wait(60)
        # Ended, and reaped: by the window itself on Quit and SIGTERM, by whoever adopts the orphan otherwise.
        deadline = time.monotonic() + 30
        while any(_process_state(pid) not in (None, "Z") for pid in workers):
            assert time.monotonic() < deadline, f"analysis workers still running after {ending}: {workers}"
            time.sleep(0.05)
        if ending in ("quit", "SIGTERM"):
            assert app.returncode == 0
            assert all(_process_state(pid) is None for pid in workers)
    finally:
        app.kill()
        app.wait()
