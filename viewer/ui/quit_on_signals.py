"""Signals: SIGINT and SIGTERM close the window as Quit does, SIGUSR1 writes where each thread is.

Ctrl+C in the terminal (SIGINT) and SIGTERM (a logout, `kill`) close the
window as its Quit command does, so its settings are kept and the
single-instance socket is removed. SIGUSR1 writes each thread's stack to the
native crash log (for a bug report), and the window carries on.

Python runs a signal handler only when its main thread next runs Python code,
which can be never while Qt waits for events: the C-level handler also writes
the signal's number to a socket (signal.set_wakeup_fd). A thread of ours reads
it: for SIGUSR1 it writes the threads' stacks itself (crash.dump_threads), so
the answer comes even when the GUI thread is stuck, as long as it is not
holding the interpreter; for every signal it then wakes the GUI thread, whose
Python runs the pending handler.
"""
from __future__ import annotations

import signal
import threading

from PySide6.QtCore import QObject, QTimer, Signal

from .. import crash, logs

SIGNAL_BEAT_MS = 500  # at most this long between a signal and its handler, whatever else the window does


def close_on_signals(window, signals: tuple[int, ...] = (signal.SIGINT, signal.SIGTERM)) -> None:
    """Close window (as its Quit command does) when the process gets one of signals; dump the threads on SIGUSR1.

    Call after the first paint: socket is not imported before it.
    """
    _SignalWakeup(window)
    # And a beat of Python twice a second, which runs a pending handler even if the wake-up is
    # missed: a full test run twice saw an idle window not close on SIGINT/SIGTERM for 60 s.
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
    """The socket pair signal.set_wakeup_fd writes to, and the thread that reads it."""

    woken = Signal()  # emitted on the reading thread, received on the GUI thread (a queued connection)

    def __init__(self, parent: QObject) -> None:
        import socket

        super().__init__(parent)
        self.reader, self.writer = socket.socketpair()
        self.writer.setblocking(False)  # the C-level handler must never wait
        signal.set_wakeup_fd(self.writer.fileno(), warn_on_full_buffer=False)
        crash.catch_dump_requests()  # (crash.install() has done so already; it costs nothing again)
        self.woken.connect(self._run_pending_handlers)
        threading.Thread(target=self._read, name="signal-wakeup", daemon=True).start()

    def _read(self) -> None:
        dump = getattr(signal, "SIGUSR1", None)
        while True:
            try:
                numbers = self.reader.recv(512)
            except InterruptedError:
                continue
            except OSError:
                return
            if not numbers:
                return
            if dump is not None and dump in numbers:
                crash.dump_threads()
            try:
                self.woken.emit()
            except RuntimeError:  # the window has gone: the app is ending
                return

    def _run_pending_handlers(self) -> None:
        """Nothing to do: running any Python on the GUI thread runs the handlers the signals left pending."""
