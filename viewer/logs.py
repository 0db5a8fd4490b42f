"""The app's log file: where it lives on each platform, and a size-capped file handler.

Started by double-click there is no terminal, so the log is where the details
of anything that went wrong end up: on Linux
``~/.local/state/article-viewer/log/article-viewer.log`` (honouring
XDG_STATE_HOME; ARTICLE_VIEWER_LOG_DIR overrides it), at most three files of
1 MB. viewer/crash.py writes unhandled exceptions here and tells the user where
it is. No Qt, so the command line and the core can log too.
"""
from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from . import APP_NAME, __version__

LOG_NAME = "article-viewer"
LOG_MAX_BYTES = 1_000_000  # one file; with the rotated copies at most about 3 MB on disk
LOG_BACKUPS = 2

logger = logging.getLogger("viewer")


def log_dir() -> Path:
    """The platform's per-user log folder for the app (created on first write).

    Linux: $XDG_STATE_HOME/article-viewer/log (default ~/.local/state/...);
    macOS: ~/Library/Logs/article-viewer; Windows: %LOCALAPPDATA%\\article-viewer\\Logs.
    ARTICLE_VIEWER_LOG_DIR overrides it.
    """
    override = os.environ.get("ARTICLE_VIEWER_LOG_DIR", "").strip()
    if override:
        return Path(override)
    if sys.platform not in ("win32", "darwin"):
        # The XDG base-directory rule platformdirs applies here too, without its import (about
        # 2.5 ms) on the way to the first window; tests/test_crash.py checks the two agree.
        state = os.environ.get("XDG_STATE_HOME", "").strip()
        return (Path(state) if state else Path.home() / ".local" / "state") / LOG_NAME / "log"
    from platformdirs import user_log_dir

    return Path(user_log_dir(LOG_NAME, appauthor=False))


def log_path() -> Path:
    return log_dir() / f"{LOG_NAME}.log"


def fault_path() -> Path:
    """Where native crashes (segfaults, Qt aborts) leave their Python traceback."""
    return log_dir() / f"{LOG_NAME}-native-crash.log"


def setup_logging(level: int = logging.INFO) -> logging.Logger:
    """Attach the rotating log file to the "viewer" logger (once per process)."""
    if any(getattr(h, "_article_viewer", False) for h in logger.handlers):
        return logger
    logger.setLevel(level)
    try:
        log_dir().mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = CappedFileHandler(log_path())
    except OSError as error:
        # An unwritable home must not stop the app; the messages still reach stderr and dialogs.
        write_stderr(f"article-viewer: cannot write the log in {log_dir()} ({error.strerror or error}).")
        handler = logging.NullHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(process)d %(levelname)s %(name)s: %(message)s"))
    handler._article_viewer = True  # type: ignore[attr-defined]
    logger.addHandler(handler)
    return logger


class CappedFileHandler(logging.FileHandler):
    """A log file that is renamed to .1 (and .1 to .2 ...) when it passes LOG_MAX_BYTES.

    Like logging.handlers.RotatingFileHandler, without importing logging.handlers
    (socket, pickle, queue...) on the way to the first window.
    """

    def __init__(self, path: Path, max_bytes: int = LOG_MAX_BYTES, backups: int = LOG_BACKUPS) -> None:
        super().__init__(path, mode="a", encoding="utf-8", delay=True)
        self.max_bytes, self.backups = max_bytes, backups

    def emit(self, record: logging.LogRecord) -> None:
        try:
            if self.stream is None:
                self.stream = self._open()
            if self.stream.tell() + len(self.format(record)) + 1 > self.max_bytes and self.stream.tell():
                self._rotate()
        except OSError:
            pass  # a full disk must not hide the message; FileHandler reports its own errors
        super().emit(record)

    def _rotate(self) -> None:
        self.stream.close()
        self.stream = None
        base = self.baseFilename
        for index in range(self.backups, 0, -1):
            older = f"{base}.{index - 1}" if index > 1 else base
            if os.path.exists(older):
                os.replace(older, f"{base}.{index}")
        self.stream = self._open()


def log_started(argv: list[str]) -> None:
    logger.info("%s %s started (Python %s, argv %r)", APP_NAME, __version__, sys.version.split()[0], argv)


def flush_log() -> None:
    for handler in logger.handlers:
        try:
            handler.flush()
        except Exception:
            pass


def write_stderr(text: str) -> None:
    stream = sys.stderr  # pythonw on Windows has none
    if stream is None:
        return
    try:
        stream.write(text + "\n")
        stream.flush()
    except (OSError, ValueError):
        pass
