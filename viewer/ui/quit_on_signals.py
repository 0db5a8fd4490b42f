"""Ctrl+C in the terminal (SIGINT) and SIGTERM (a logout, `kill`) close the window as Quit does.

So the window's settings are kept and the single-instance socket is removed.
Python runs a signal handler only when it next runs Python code, which can be
never while Qt waits for events: the C-level handler also writes to a socket
(signal.set_wakeup_fd) that a QSocketNotifier watches, and reading it runs the
Python handler.
"""
from __future__ import annotations

import signal

from PySide6.QtCore import QObject, QTimer

from .. import logs

SIGNAL_BEAT_MS = 500  # at most this long between a signal and its handler, whatever else the window does


def close_on_signals(window, signals: tuple[int, ...] = (signal.SIGINT, signal.SIGTERM)) -> None:
    """Close window (as its Quit command does) when the process gets one of signals.

    Python runs a signal handler only when it next runs Python code, which can
    be never while Qt waits for events: the C-level handler also writes to a
    socket (signal.set_wakeup_fd) that a QSocketNotifier watches, and reading
    it runs the Python handler. Call after the first paint: socket is not
    imported before it.
    """
    _SignalWakeup(window)
    # And a beat of Python twice a second, which runs a pending handler even if the socket's wake-up
    # is missed: a full test run twice saw an idle window not close on SIGINT/SIGTERM for 60 s.
    beat = QTimer(window)
    beat.setObjectName("signalBeat")
    beat.timeout.connect(lambda: None)
    beat.start(SIGNAL_BEAT_MS)

    def handler(number: int, _frame) -> None:
        logs.logger.info("Closing the window on %s", signal.Signals(number).name)
        QTimer.singleShot(0, window.close)

    for number in signals:
        signal.signal(number, handler)


class _SignalWakeup(QObject):
    """The socket pair signal.set_wakeup_fd writes to, and the notifier that wakes Python to read it."""

    def __init__(self, parent: QObject) -> None:
        import socket

        from PySide6.QtCore import QSocketNotifier

        super().__init__(parent)
        self.reader, self.writer = socket.socketpair()
        self.reader.setblocking(False)
        self.writer.setblocking(False)
        signal.set_wakeup_fd(self.writer.fileno(), warn_on_full_buffer=False)
        self.notifier = QSocketNotifier(self.reader.fileno(), QSocketNotifier.Type.Read, self)
        self.notifier.activated.connect(self._drain)

    def _drain(self, *_args) -> None:
        try:
            while self.reader.recv(512):
                pass
        except (BlockingIOError, InterruptedError):
            pass
