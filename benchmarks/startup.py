"""Start-up time: the app's first painted article text against a bare PySide6 window, in one run.

Each round starts, in alternating order, (a) the real app on the article and
(b) a bare PySide6 script that shows the same text in a QTextBrowser of the
same size. Both print, at the reading pane's first paintEvent with text, the
seconds since the process was started (ARTICLE_VIEWER_T0 is the time.time()
taken just before the process is spawned). The app also prints when the
language model finished loading and when the entity highlights were first
painted, then quits (ARTICLE_VIEWER_BENCHMARK=1, see viewer/ui/startup_probe.py).

Every app run gets fresh, empty settings, log, cache, library and
single-instance name, so it is a cold first launch that goes through the real
single-instance check (and never writes to the user's own library).
Both programs keep their compiled bytecode in one folder for the whole run
(PYTHONPYCACHEPREFIX, written by the untimed first launch of each), as an
installed app has it: otherwise, where PYTHONDONTWRITEBYTECODE is set, every
app launch would compile the viewer's sources again (about 40 ms), which no
user's launch does.

    python benchmarks/startup.py [--runs 21] [--platform offscreen|xcb] [ARTICLE]

Each round also runs the floor of a cold launch's first highlight: a plain
Python process that imports spaCy, loads the model and analyses the article
(viewer.core.pipeline.analyze), nothing else, reporting when it is done. The
app, which shows its window first and runs the model in a worker process,
is compared with it: "first highlight" is the app's entities-painted time.

The last two lines read:
    first highlight ratio H (app X s, floor Y s)
    startup ratio R (app A s, bare B s, entities C s after model load)
with medians over the runs. Required: H <= 1.15, R <= 1.4 and C <= 1.0.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "000_e8e23f282fd3c801.txt"

BARE = r"""
import os, sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QTextBrowser

t0 = float(os.environ["ARTICLE_VIEWER_T0"])
app = QApplication(["bare"])
view = QTextBrowser()
view.resize(1200, 800)


class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and not view.document().isEmpty():
            view.viewportEvent(event)  # paint, then take the time, as the app's probe does
            print(f"startup first-paint {time.time() - t0:.4f}", file=sys.stderr, flush=True)
            QTimer.singleShot(0, app.quit)
            return True
        return False


probe = FirstPaint()
view.viewport().installEventFilter(probe)
view.show()
with open(sys.argv[1], encoding="utf-8") as stream:
    view.setPlainText(stream.read())
app.exec()
"""


FLOOR = r"""
import os, sys, time
sys.path[0] = sys.argv[1]
from viewer.core.language_model import load_model
from viewer.core.loaders import load
from viewer.core.pipeline import analyze

analyze(load(sys.argv[2]), load_model())
print(f"startup floor {time.time() - float(os.environ['ARTICLE_VIEWER_T0']):.4f}", file=sys.stderr, flush=True)
"""


def launch_env(scratch: str, platform: str, pycache: str) -> dict[str, str]:
    """A first launch's environment: empty settings, cache, log and library under scratch, a single-instance
    name of its own, the bytecode kept in pycache, and ARTICLE_VIEWER_T0 = now (so call it just before the spawn)."""
    env = dict(os.environ, QT_QPA_PLATFORM=platform, ARTICLE_VIEWER_BENCHMARK="1", PYTHONPYCACHEPREFIX=pycache,
               XDG_CONFIG_HOME=f"{scratch}/config", XDG_CACHE_HOME=f"{scratch}/cache",
               XDG_STATE_HOME=f"{scratch}/state", XDG_DATA_HOME=f"{scratch}/data",
               ARTICLE_VIEWER_INSTANCE=f"startup-bench-{os.getpid()}-{time.monotonic_ns()}")
    # The log, the cache and the library go where a user's do (under the XDG folders above), not to an override.
    for name in ("PYTHONDONTWRITEBYTECODE", "ARTICLE_VIEWER_LOG_DIR", "ARTICLE_VIEWER_CACHE_DIR",
                 "ARTICLE_VIEWER_LIBRARY"):
        env.pop(name, None)
    env["ARTICLE_VIEWER_T0"] = repr(time.time())
    return env


def run(command: list[str], platform: str, timeout: float, pycache: str) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="startup-bench-") as scratch:
        env = launch_env(scratch, platform, pycache)
        done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout)
    marks = {}
    for line in done.stderr.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[0] == "startup" and parts[1] == "heavy-modules-at-first-paint":
            if parts[2] != "none":
                print(f"warning: imported before the first paint: {parts[2]}", file=sys.stderr)
        elif len(parts) == 3 and parts[0] == "startup" and parts[1] == "qt-namespace-at-first-paint":
            if parts[2] != "not-built":
                print("warning: the Qt namespace was built before the first paint (viewer/ui/qt_values.py)",
                      file=sys.stderr)
        elif len(parts) == 3 and parts[0] == "startup" and parts[1] == "analysis-modules-in-window":
            if parts[2] != "none":
                print(f"warning: imported in the window's process: {parts[2]}", file=sys.stderr)
        elif len(parts) == 3 and parts[0] == "startup" and parts[1] == "collector":
            if not parts[2].startswith("on,"):
                print(f"warning: the garbage collector is {parts[2]} once the entities are painted", file=sys.stderr)
        elif len(parts) == 3 and parts[0] == "startup":
            marks[parts[1]] = float(parts[2])
        elif line.startswith("startup failed"):
            raise SystemExit(f"{' '.join(command)}: {line}")
    if "first-paint" not in marks and "floor" not in marks:
        raise SystemExit(f"{' '.join(command)} printed no first paint (exit {done.returncode}):\n{done.stderr}")
    return marks


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("article", nargs="?", default=str(SAMPLE))
    # 21 rounds, not 11: on this shared machine the bare window's launch falls into two groups
    # (about 0.12 s and 0.19 s, from one launch to the next), and a median of 11 moves
    # between them from one run to the next.
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--platform", default="offscreen", help="QT_QPA_PLATFORM for both (default offscreen)")
    args = parser.parse_args()
    app_cmd = [sys.executable, str(ROOT / "main.py"), args.article]
    bare_cmd = [sys.executable, "-c", BARE, args.article]
    floor_cmd = [sys.executable, "-c", FLOOR, str(ROOT), args.article]

    pycache_dir = tempfile.TemporaryDirectory(prefix="startup-bench-pycache-")
    pycache = pycache_dir.name
    # One untimed launch of each warms the OS file cache and writes the bytecode, as a user's
    # second launch (or an installed app's first) would find them.
    run(bare_cmd, args.platform, 120, pycache)
    run(app_cmd, args.platform, 300, pycache)
    run(floor_cmd, args.platform, 300, pycache)
    apps, bares, entities, loads, highlights, floors = [], [], [], [], [], []
    nan = float("nan")
    for index in range(args.runs):
        order = [("app", app_cmd), ("bare", bare_cmd), ("floor", floor_cmd)]
        order = order[index % 3:] + order[:index % 3]  # each program first in turn
        for name, command in order:
            marks = run(command, args.platform, 300, pycache)
            if name == "bare":
                bares.append(marks["first-paint"])
                continue
            if name == "floor":
                floors.append(marks["floor"])
                continue
            apps.append(marks["first-paint"])
            if "entities-painted" in marks:
                highlights.append(marks["entities-painted"])
            if "entities-painted" in marks and "model-loaded" in marks:
                entities.append(marks["entities-painted"] - marks["model-loaded"])
                loads.append(marks["model-loaded"])
        print(f"run {index + 1}: app first paint {apps[-1]:.3f} s, bare {bares[-1]:.3f} s, "
              f"model loaded {loads[-1] if loads else nan:.3f} s, "
              f"entities {entities[-1] if entities else nan:.3f} s after it, "
              f"first highlight {highlights[-1] if highlights else nan:.3f} s, floor {floors[-1]:.3f} s", flush=True)

    app_s, bare_s = statistics.median(apps), statistics.median(bares)
    entity_s = statistics.median(entities) if entities else nan
    highlight_s, floor_s = (statistics.median(highlights) if highlights else nan), statistics.median(floors)
    print(f"medians over {args.runs} runs: model loaded {statistics.median(loads) if loads else nan:.3f} s "
          f"after process start")
    print(f"first highlight ratio {highlight_s / floor_s:.2f} (app {highlight_s:.3f} s, floor {floor_s:.3f} s)")
    print(f"startup ratio {app_s / bare_s:.2f} (app {app_s:.3f} s, bare {bare_s:.3f} s, "
          f"entities {entity_s:.3f} s after model load)")
    pycache_dir.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
