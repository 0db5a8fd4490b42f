"""Nothing is lost: article files are only ever read, and settings are written atomically by Qt.

Every kind of article file is loaded, analysed, opened in the window (which is
then closed) and run through the command line; afterwards each file has the
same bytes, modification time, inode and permissions. A child process with a
Python audit hook also records every open() of those files and checks that
each one asked for reading only.

Settings: QSettings saves through QSaveFile (a temporary file renamed over the
old one; qsettings.cpp, QConfFileSettingsPrivate::syncConfFile, with
setDirectWriteFallback(!atomicSyncOnly)) and, with atomic sync required (the
default, see QSettings::setAtomicSyncRequired), fails rather than write in
place. The tests check both with real faults: a write refused by the kernel and
a writer killed at random moments.
"""
from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from tests.core.strategies import minimal_pdf
from viewer.core.errors import ArticleError
from viewer.core.loaders import load
from viewer.core.pipeline import analyze

ROOT = Path(__file__).resolve().parents[2]
BODY = ("Pakistan's industries minister met Japan's ambassador in Islamabad on Monday. "
        "They discussed how Japanese carmakers could build factories near Karachi.")
posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals, modes and resource limits")


@pytest.fixture
def article_files(tmp_path, sample_path) -> list[Path]:
    folder = tmp_path / "articles"
    folder.mkdir()
    made = {
        "plain.txt": f"Trade talks\n\n{BODY}\n".encode(),
        "latin.txt": f"Caf\xe9 talks\n\n{BODY} M\xfcnchen.\n".encode("latin-1"),
        "wide.txt": f"Wide talks\n\n{BODY}\n".encode("utf-16-le"),
        "page.html": f"<html><head><title>Trade talks</title></head><body><p>{BODY}</p></body></html>".encode(),
        "notes.md": f"# Trade talks\n\n{BODY}\n\n* one\n* two\n".encode(),
        "paper.pdf": minimal_pdf(BODY),
        "read-only.txt": f"Locked talks\n\n{BODY}\n".encode(),
        "ünïcødé näme.txt": f"Named talks\n\n{BODY}\n".encode(),
        "binary.txt": bytes(range(256)) * 8,
    }
    paths = []
    for name, data in made.items():
        path = folder / name
        path.write_bytes(data)
        paths.append(path)
    os.chmod(folder / "read-only.txt", 0o444)
    locked = tmp_path / "locked-folder"
    locked.mkdir()
    (locked / "inside.txt").write_bytes(f"Inside talks\n\n{BODY}\n".encode())
    paths.append(locked / "inside.txt")
    os.chmod(locked, 0o555)
    yield [sample_path, *paths]
    os.chmod(locked, 0o755)


def snapshot(paths: list[Path]) -> dict[str, tuple]:
    result = {}
    for path in paths:
        info = path.stat()
        result[str(path)] = (path.read_bytes(), info.st_mtime_ns, info.st_ino, stat.S_IMODE(info.st_mode))
    return result


AUDITED = textwrap.dedent("""
    import json, os, sys
    watched = set(sys.argv[1:])
    opens = []
    def hook(event, args):
        if event == "open" and args and str(args[0]) in watched:
            path, mode, flags = args
            opens.append([str(path), mode, flags])
    sys.addaudithook(hook)
    from viewer.core.errors import ArticleError
    from viewer.core.loaders import load
    from viewer.core.language_model import load_model
    from viewer.core.pipeline import analyze
    nlp = load_model()
    for path in watched:
        try:
            analyze(load(path), nlp)
        except ArticleError:
            pass
    print(json.dumps(opens))
""")


def test_article_files_are_only_ever_read(qtbot, window, nlp, article_files):
    before = snapshot(article_files)
    loaded = 0
    for path in article_files:
        try:
            analyze(load(path), nlp)
            loaded += 1
        except ArticleError:
            pass
    assert loaded >= len(article_files) - 2
    for path in article_files:
        try:
            load(path)
        except ArticleError:
            assert not window.open_source(path)
            continue
        with qtbot.waitSignal(window.analysis_shown, timeout=120_000):
            assert window.open_source(path)
    window.close()
    done = subprocess.run([sys.executable, "-m", "viewer", "analyze", "--json", *map(str, article_files)],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode in (0, 1), done.stderr
    assert len(done.stdout.splitlines()) == len(article_files)

    audited = subprocess.run([sys.executable, "-c", AUDITED, *map(str, article_files)], cwd=ROOT,
                             capture_output=True, text=True, timeout=300)
    assert audited.returncode == 0, audited.stderr
    opens = json.loads(audited.stdout.strip().splitlines()[-1])
    assert {path for path, _, _ in opens} == {str(p) for p in article_files}, "the audit missed some opens"
    for path, mode, flags in opens:
        if mode is not None:  # open(): a mode string
            assert set(mode) <= set("rbt"), f"{path} was opened with mode {mode!r}"
        else:  # os.open(): flags
            assert flags & (os.O_WRONLY | os.O_RDWR | os.O_APPEND | os.O_CREAT | os.O_TRUNC) == 0, (path, flags)

    after = snapshot(article_files)
    changed = [path for path in before if before[path] != after[path]]
    assert changed == [], f"files modified: {changed}"


# -- settings --
def test_qsettings_saves_by_replacing_the_file(tmp_path):
    path = tmp_path / "settings.ini"
    store = QSettings(str(path), QSettings.Format.IniFormat)
    assert store.isAtomicSyncRequired()
    store.setValue("view/zoom", 1)
    store.sync()
    first = path.stat().st_ino
    store.setValue("view/zoom", 2)
    store.sync()
    assert store.status() == QSettings.Status.NoError
    assert path.stat().st_ino != first, "QSettings rewrote the file in place"
    assert [p.name for p in tmp_path.iterdir()] == ["settings.ini"]  # no temporary left behind
    assert QSettings(str(path), QSettings.Format.IniFormat).value("view/zoom", type=int) == 2


REFUSED_SYNC = textwrap.dedent("""
    import resource, signal, sys
    from PySide6.QtCore import QSettings
    from viewer.ui.settings import Settings
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (16 * 1024, 16 * 1024))
    store = QSettings(sys.argv[1], QSettings.Format.IniFormat)
    settings = Settings(store)
    settings.set("files/recent", ["/very/long/path/%06d.txt" % i for i in range(20_000)])
    settings.sync()
    print(store.status().name)
""")


@posix_only
def test_a_settings_save_the_disk_refuses_keeps_the_old_file(tmp_path):
    path = tmp_path / "settings.ini"
    store = QSettings(str(path), QSettings.Format.IniFormat)
    store.setValue("view/zoom", 3)
    store.sync()
    old = path.read_bytes()
    done = subprocess.run([sys.executable, "-c", REFUSED_SYNC, str(path)], cwd=ROOT, capture_output=True,
                          text=True, timeout=60, env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "AccessError"
    assert path.read_bytes() == old
    assert [p.name for p in tmp_path.iterdir()] == ["settings.ini"]


BUSY_SETTINGS = textwrap.dedent("""
    import sys
    from PySide6.QtCore import QSettings
    from viewer.ui.settings import Settings
    settings = Settings(QSettings(sys.argv[1], QSettings.Format.IniFormat))
    print("go", flush=True)
    turn = 0
    while True:
        turn += 1
        settings.set("view/zoom", turn)
        settings.set("files/recent", ["/articles/%d/%d.txt" % (turn, i) for i in range(2000 + turn % 5 * 500)])
        settings.sync()
""")


@posix_only
def test_settings_survive_being_killed_at_random_moments(tmp_path):
    """A child saves settings in a loop and is SIGKILLed mid-way, ten times: the file is always one whole save."""
    from viewer.ui.settings import Settings

    path = tmp_path / "settings.ini"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    saved_turns = set()
    for delay in (0.3, 0.45, 0.6, 0.75, 0.9, 1.05, 1.2, 1.35, 1.5, 1.65):
        child = subprocess.Popen([sys.executable, "-c", BUSY_SETTINGS, str(path)], cwd=ROOT, env=env,
                                 stdout=subprocess.PIPE, text=True)
        assert child.stdout.readline().strip() == "go"
        time.sleep(delay)
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        if not path.exists():
            continue  # killed before its first save
        store = QSettings(str(path), QSettings.Format.IniFormat)
        assert store.status() == QSettings.Status.NoError
        settings = Settings(store)
        turn = settings.get("view/zoom")
        recent = settings.get("files/recent")
        assert turn > 0 and len(recent) == 2000 + turn % 5 * 500, "a torn settings file"
        assert all(entry.startswith(f"/articles/{turn}/") for entry in recent)
        saved_turns.add(turn)
    assert saved_turns, "the child never saved"
