"""Start-up time: the app's first painted article text against a bare PySide6 window, in one run.

Each round starts, in alternating order, (a) the real app on the article and
(b) a bare PySide6 script that shows the same text in a QTextBrowser of the
same size. Both print, at the reading pane's first paintEvent with text, the
seconds since the process was started (ARTICLE_VIEWER_T0 is the time.time()
taken just before the process is spawned). The app also prints when the
language model finished loading and when the entity highlights were first
painted, then quits (ARTICLE_VIEWER_BENCHMARK=1, see viewer/ui/startup_probe.py).

Every app run gets fresh, empty settings, log, cache and single-instance name,
so it is a cold first launch that goes through the real single-instance check.
Both programs keep their compiled bytecode in one folder for the whole run
(PYTHONPYCACHEPREFIX, written by the untimed first launch of each), as an
installed app has it: otherwise, where PYTHONDONTWRITEBYTECODE is set, every
app launch would compile the viewer's sources again (about 40 ms), which no
user's launch does.

    python benchmarks/startup.py [--runs 11] [--platform offscreen|xcb] [ARTICLE]

The last line reads:
    startup ratio R (app A s, bare B s, entities C s after model load)
with medians over the runs. Required: R <= 1.5 and C <= 1.0.
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


def launch_env(scratch: str, platform: str, pycache: str) -> dict[str, str]:
    """A first launch's environment: empty settings, cache and log under scratch, a single-instance name
    of its own, the bytecode kept in pycache, and ARTICLE_VIEWER_T0 = now (so call it just before the spawn)."""
    env = dict(os.environ, QT_QPA_PLATFORM=platform, ARTICLE_VIEWER_BENCHMARK="1", PYTHONPYCACHEPREFIX=pycache,
               XDG_CONFIG_HOME=f"{scratch}/config", XDG_CACHE_HOME=f"{scratch}/cache",
               XDG_STATE_HOME=f"{scratch}/state",
               ARTICLE_VIEWER_INSTANCE=f"startup-bench-{os.getpid()}-{time.monotonic_ns()}")
    # The log and the cache go where a user's do (under the XDG folders above), not to an override.
    for name in ("PYTHONDONTWRITEBYTECODE", "ARTICLE_VIEWER_LOG_DIR", "ARTICLE_VIEWER_CACHE_DIR"):
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
        elif len(parts) == 3 and parts[0] == "startup":
            marks[parts[1]] = float(parts[2])
        elif line.startswith("startup failed"):
            raise SystemExit(f"{' '.join(command)}: {line}")
    if "first-paint" not in marks:
        raise SystemExit(f"{' '.join(command)} printed no first paint (exit {done.returncode}):\n{done.stderr}")
    return marks


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("article", nargs="?", default=str(SAMPLE))
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--platform", default="offscreen", help="QT_QPA_PLATFORM for both (default offscreen)")
    args = parser.parse_args()
    app_cmd = [sys.executable, str(ROOT / "main.py"), args.article]
    bare_cmd = [sys.executable, "-c", BARE, args.article]

    pycache_dir = tempfile.TemporaryDirectory(prefix="startup-bench-pycache-")
    pycache = pycache_dir.name
    # One untimed launch of each warms the OS file cache and writes the bytecode, as a user's
    # second launch (or an installed app's first) would find them.
    run(bare_cmd, args.platform, 120, pycache)
    run(app_cmd, args.platform, 300, pycache)
    apps, bares, entities, loads = [], [], [], []
    for index in range(args.runs):
        order = [("app", app_cmd), ("bare", bare_cmd)] if index % 2 == 0 else [("bare", bare_cmd), ("app", app_cmd)]
        for name, command in order:
            marks = run(command, args.platform, 300, pycache)
            if name == "bare":
                bares.append(marks["first-paint"])
                continue
            apps.append(marks["first-paint"])
            if "entities-painted" in marks and "model-loaded" in marks:
                entities.append(marks["entities-painted"] - marks["model-loaded"])
                loads.append(marks["model-loaded"])
        print(f"run {index + 1}: app first paint {apps[-1]:.3f} s, bare {bares[-1]:.3f} s, "
              f"model loaded {loads[-1] if loads else float('nan'):.3f} s, "
              f"entities {entities[-1] if entities else float('nan'):.3f} s after it", flush=True)

    app_s, bare_s = statistics.median(apps), statistics.median(bares)
    entity_s = statistics.median(entities) if entities else float("nan")
    print(f"medians over {args.runs} runs: model loaded {statistics.median(loads) if loads else float('nan'):.3f} s "
          f"after process start")
    print(f"startup ratio {app_s / bare_s:.2f} (app {app_s:.3f} s, bare {bare_s:.3f} s, "
          f"entities {entity_s:.3f} s after model load)")
    pycache_dir.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
