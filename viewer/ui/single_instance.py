"""One window per user session: a second launch hands its files to the running app and exits.

The first process listens on a QLocalServer named for the user and display. A
later launch connects with QLocalSocket, sends one line of JSON
({"sources": [...]}, paths made absolute against its own working folder),
waits for "ok" and exits; the running app opens the sources and raises its
window. If nothing answers, the socket is stale (left by a crash):
QLocalServer.removeServer clears it and this process becomes the server.

On Unix the server's name is the full path of its socket file, so a launch
can tell without Qt that nothing is listening (may_be_listening()): the usual
launch then shows its window without loading QtNetwork at all and starts
listening once the article is painted (app.py).
"""
from __future__ import annotations

import os
import re
import sys
import zlib
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:  # QtNetwork is imported where a socket is made: not before the first paint
    from PySide6.QtNetwork import QLocalSocket

CONNECT_MS = 500
REPLY_MS = 5000
MAX_MESSAGE = 1 << 20


def server_name() -> str:
    """Per user and per display, so two sessions (or a test run) never share a window.

    On Unix, the full path of the socket file in the user's runtime folder
    ($XDG_RUNTIME_DIR, else $TMPDIR or /tmp); on Windows, a pipe name.
    ARTICLE_VIEWER_INSTANCE overrides the name (the tests use their own).
    """
    name = os.environ.get("ARTICLE_VIEWER_INSTANCE", "").strip()
    if not name:
        try:
            user = str(os.getuid())  # type: ignore[attr-defined]
        except AttributeError:  # Windows
            import getpass

            user = getpass.getuser()
        display = os.environ.get("WAYLAND_DISPLAY") or os.environ.get("DISPLAY") or ""
        # Unix socket paths are short (about 100 bytes); keep the name compact and safe.
        tag = f"{zlib.crc32(f'{user}|{display}'.encode()):08x}"
        name = f"article-viewer-{re.sub(r'[^A-Za-z0-9]', '', user)[:16]}-{tag}"
    if sys.platform == "win32" or os.path.isabs(name):
        return name
    return os.path.join(_runtime_dir(), name)


def _runtime_dir() -> str:
    runtime = os.environ.get("XDG_RUNTIME_DIR", "")
    if os.path.isabs(runtime) and os.path.isdir(runtime):
        return runtime  # per user, mode 0700: what the freedesktop base-directory spec has it for
    return os.environ.get("TMPDIR") or "/tmp"


def may_be_listening(name: str) -> bool:
    """False only when no app can be listening on name: on Unix, its socket file does not exist.

    A socket file may be stale (left by a crash), so True still needs hand_off() to tell.
    """
    return sys.platform == "win32" or os.path.exists(name)


def absolute_sources(sources: list[str], cwd: str | None = None) -> list[str]:
    """Make file paths absolute for a process with another working folder; URLs pass as they are."""
    base = Path(cwd or os.getcwd())
    out = []
    for source in sources:
        if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://", source) or not source:
            out.append(source)
        else:
            path = Path(source).expanduser()
            out.append(str(path if path.is_absolute() else base / path))
    return out


def hand_off(sources: list[str], name: str | None = None) -> bool:
    """Give the sources to a running app; True if it took them (this process can exit)."""
    from PySide6.QtNetwork import QLocalSocket

    socket = QLocalSocket()
    socket.connectToServer(name or server_name())
    if not socket.waitForConnected(CONNECT_MS):
        return False
    import json  # only when an app is running: not on the way to the first window

    payload = json.dumps({"sources": absolute_sources(sources)}).encode("utf-8") + b"\n"
    socket.write(payload)
    if not socket.waitForBytesWritten(REPLY_MS):
        return False
    reply = b""
    while b"\n" not in reply:
        if not socket.waitForReadyRead(REPLY_MS):
            break
        reply += bytes(socket.readAll().data())
    socket.disconnectFromServer()
    return reply.strip() == b"ok"


class InstanceServer(QObject):
    """Listens for later launches and emits what they asked to open."""

    received = Signal(list)  # the sources (possibly empty: just raise the window)

    def __init__(self, name: str | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        from PySide6.QtNetwork import QLocalServer

        self.name = name or server_name()
        self._server = QLocalServer(self)
        # Only this user may connect (the socket file is created 0700 on Unix).
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._accept)
        self._buffers: dict[QLocalSocket, bytes] = {}

    def listen(self) -> bool:
        """Start listening, unless another app answers on the name; a stale socket is removed first.

        An app that was too busy to reply to hand_off() keeps its socket (this
        launch then opens a window of its own). The check comes before listen()
        because with UserAccessOption Qt renames its new socket over any
        existing file, which would cut a running app off from later launches.
        """
        from PySide6.QtNetwork import QLocalServer, QLocalSocket

        probe = QLocalSocket()
        probe.connectToServer(self.name)
        if probe.waitForConnected(CONNECT_MS):
            probe.abort()
            return False
        QLocalServer.removeServer(self.name)  # left by a crash: nobody answers on it
        return self._server.listen(self.name)

    def close(self) -> None:
        self._server.close()

    def _accept(self) -> None:
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            self._buffers[socket] = b""
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(lambda s=socket: self._drop(s))

    def _read(self, socket: QLocalSocket) -> None:
        data = self._buffers.get(socket, b"") + bytes(socket.readAll().data())
        if b"\n" not in data:
            if len(data) > MAX_MESSAGE:
                self._drop(socket)
            else:
                self._buffers[socket] = data
            return
        line = data.split(b"\n", 1)[0]
        import json

        try:
            message = json.loads(line.decode("utf-8"))
            sources = [str(s) for s in message.get("sources", [])]
        except (ValueError, AttributeError, TypeError):
            socket.write(b"error\n")
            socket.flush()
            self._drop(socket)
            return
        socket.write(b"ok\n")
        socket.flush()
        self._buffers[socket] = b""
        self.received.emit(sources)

    def _drop(self, socket: QLocalSocket) -> None:
        self._buffers.pop(socket, None)
        socket.deleteLater()
