"""Single instance between real processes: a second launch hands its file over; stale sockets; --new-window."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent


def _env(tmp_path: Path, name: str, instance: str) -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", ARTICLE_VIEWER_INSTANCE=instance,
               XDG_CONFIG_HOME=str(tmp_path / "config"), ARTICLE_VIEWER_LOG_DIR=str(tmp_path / f"log-{name}"))
    env.pop("XDG_RUNTIME_DIR", None)
    return env


def _log(tmp_path: Path, name: str, which: str = "") -> str:
    try:
        return (tmp_path / f"log-{name}" / f"article-viewer{which and '-' + which}.log").read_text(encoding="utf-8")
    except FileNotFoundError:
        return ""


def _wait_for(tmp_path: Path, name: str, text: str, process: subprocess.Popen, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while text not in _log(tmp_path, name):
        if process.poll() is not None:
            pytest.fail(f"{name} exited ({process.returncode}) before logging {text!r}:\n{_log(tmp_path, name)}")
        if time.monotonic() > deadline:
            pytest.fail(f"{name} did not log {text!r}:\n{_log(tmp_path, name)}")
        time.sleep(0.1)


def _start(tmp_path: Path, name: str, instance: str, *args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, str(ROOT / "main.py"), *args], cwd=tmp_path,
                            env=_env(tmp_path, name, instance), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.kill()
    process.communicate(timeout=30)


@pytest.fixture
def instance():
    name = f"article-viewer-test-{uuid.uuid4().hex[:12]}"
    yield name
    # The apps these tests start are killed, as a crash would: their socket files stay behind.
    (Path(os.environ.get("TMPDIR") or "/tmp") / name).unlink(missing_ok=True)


def test_second_launch_hands_its_file_to_the_running_window(tmp_path, instance):
    article = tmp_path / "second.txt"
    article.write_text("Second article\n\nThe mayor of Lyon opened a bridge on Monday.\n", encoding="utf-8")
    first = _start(tmp_path, "first", instance)
    try:
        _wait_for(tmp_path, "first", "Listening for later launches", first)
        # A relative path: the running app has another working folder, so the launcher resolves it.
        second = subprocess.run([sys.executable, str(ROOT / "main.py"), "second.txt"], cwd=tmp_path,
                                env=_env(tmp_path, "second", instance), capture_output=True, text=True,
                                timeout=120)
        assert second.returncode == 0, second.stderr
        assert "Handed" in _log(tmp_path, "second")
        _wait_for(tmp_path, "first", f"Now showing {article}", first)

        # --new-window opts out: it does not hand over, it opens its own window.
        own = _start(tmp_path, "own", instance, "--new-window", "second.txt")
        try:
            _wait_for(tmp_path, "own", "Opening a window of its own", own)
            time.sleep(0.5)
            assert own.poll() is None
            assert _log(tmp_path, "first").count("Another launch handed over") == 1
        finally:
            _stop(own)
    finally:
        _stop(first)


def test_a_stale_socket_from_a_crash_does_not_block_launch(tmp_path, instance):
    crashed = _start(tmp_path, "crashed", instance)
    try:
        _wait_for(tmp_path, "crashed", "Listening for later launches", crashed)
    finally:
        _stop(crashed)  # SIGKILL: the socket file stays behind, as after a crash
    if sys.platform != "win32":
        assert (Path(os.environ.get("TMPDIR") or "/tmp") / instance).exists()  # no XDG_RUNTIME_DIR here
    again = _start(tmp_path, "again", instance)
    try:
        _wait_for(tmp_path, "again", "Listening for later launches", again)
        assert "Handed" not in _log(tmp_path, "again")
    finally:
        _stop(again)


def test_a_live_server_is_never_taken_over(qapp, instance):
    """A launch whose hand-off timed out must not delete the socket of an app that is still running."""
    from PySide6.QtNetwork import QLocalSocket

    from viewer.ui.single_instance import InstanceServer

    first, second = InstanceServer(instance), InstanceServer(instance)
    try:
        assert first.listen()
        assert not second.listen()
        client = QLocalSocket()
        client.connectToServer(instance)
        assert client.waitForConnected(1000)  # the first app still gets new launches
        client.abort()
    finally:
        first.close()
        second.close()


@pytest.mark.skipif(sys.platform == "win32", reason="a pipe name on Windows")
def test_the_name_is_a_socket_path_in_the_users_runtime_folder(tmp_path, monkeypatch):
    from viewer.ui.single_instance import server_name

    monkeypatch.delenv("ARTICLE_VIEWER_INSTANCE", raising=False)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    name = server_name()
    assert Path(name).parent == tmp_path and len(name.encode()) < 100
    monkeypatch.setenv("DISPLAY", ":99")
    assert server_name() != name  # another display, another app
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path / "missing"))
    monkeypatch.setenv("TMPDIR", str(tmp_path / "tmp"))
    assert Path(server_name()).parent == tmp_path / "tmp"
    monkeypatch.setenv("ARTICLE_VIEWER_INSTANCE", "mine")
    assert server_name() == str(tmp_path / "tmp" / "mine")


@pytest.mark.skipif(sys.platform == "win32", reason="Windows always asks the running app")
def test_a_launch_knows_without_qt_when_nothing_listens(qapp, tmp_path, monkeypatch):
    from viewer.ui.single_instance import InstanceServer, may_be_listening, server_name

    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    monkeypatch.setenv("ARTICLE_VIEWER_INSTANCE", "listening-test")
    name = server_name()
    assert not may_be_listening(name)
    server = InstanceServer(name)
    try:
        assert server.listen()
        assert may_be_listening(name)
    finally:
        server.close()
    assert not may_be_listening(name)


@pytest.mark.skipif(sys.platform == "win32", reason="no SIGTERM to send on Windows")
@pytest.mark.parametrize("number", [signal.SIGINT, signal.SIGTERM])
def test_ctrl_c_and_sigterm_close_the_window_as_quit_does(tmp_path, instance, number):
    """A logout's SIGTERM or Ctrl+C in the terminal: settings kept, socket gone, no dialog, exit 0."""
    app = _start(tmp_path, "app", instance)
    try:
        _wait_for(tmp_path, "app", "Listening for later launches", app)
        socket_file = Path(os.environ.get("TMPDIR") or "/tmp") / instance
        assert socket_file.exists()
        app.send_signal(number)
        try:
            code = app.wait(timeout=60)
        except subprocess.TimeoutExpired:
            app.send_signal(signal.SIGUSR1)  # where each of its threads is, into the native crash log
            time.sleep(2)
            pytest.fail(f"the app did not end within 60 s of {signal.Signals(number).name}; its log:\n"
                        f"{_log(tmp_path, 'app')}\nits threads:\n{_log(tmp_path, 'app', 'native-crash')}")
        assert code == 0
    finally:
        _stop(app)
    assert f"Closing the window on {signal.Signals(number).name}" in _log(tmp_path, "app")
    assert "unexpected problem" not in _log(tmp_path, "app")
    assert not socket_file.exists()
    settings = next((tmp_path / "config").rglob("*.ini")).read_text(encoding="utf-8")
    assert "geometry=" in settings


@pytest.mark.skipif(not hasattr(signal, "SIGUSR1"), reason="no SIGUSR1 on Windows")
def test_sigusr1_writes_where_every_thread_is_and_the_window_carries_on(tmp_path, instance):
    """For a window that stops answering: `kill -USR1 PID` puts each thread's stack in the native crash log.

    Twice: the first dump leaves the app as it was. (Written from inside the signal handler by
    faulthandler, as it once was, the dump crashed the app in 1 of 120 runs of this test.)"""
    app = _start(tmp_path, "app", instance)
    try:
        _wait_for(tmp_path, "app", "Listening for later launches", app)
        for dumps in (1, 2):
            app.send_signal(signal.SIGUSR1)
            deadline = time.monotonic() + 30
            while (_log(tmp_path, "app", "native-crash").count("in _run") < dumps
                   and time.monotonic() < deadline):
                time.sleep(0.1)
            threads = _log(tmp_path, "app", "native-crash")
            # The GUI thread is in the event loop (app.py's _run), started from main.py.
            assert threads.count("as asked (SIGUSR1)") == dumps, threads
            assert threads.count("in _run") == dumps and "main.py" in threads, threads
            assert app.poll() is None  # the dump did not end the app
        app.send_signal(signal.SIGTERM)
        assert app.wait(timeout=60) == 0
    finally:
        _stop(app)
