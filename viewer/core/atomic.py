"""Write files so that a crash mid-write leaves the old file intact.

The data goes to a temporary file in the same folder, is flushed to disk, then
renamed over the target in one step (os.replace is atomic on POSIX and Windows).
Used for the cache, exports and anything else the app writes.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path


def _umask() -> int:
    # Read, not set: os.umask() changes it for every thread for a moment.
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _mode_for(target: Path) -> int:
    """The permissions the file would get from a plain open(): kept if it exists, else by the umask."""
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        return 0o666 & ~_umask()


def write_atomic(path: str | Path, data: bytes | str, encoding: str = "utf-8") -> None:
    target = Path(path)
    payload = data.encode(encoding) if isinstance(data, str) else data
    target.parent.mkdir(parents=True, exist_ok=True)
    mode = _mode_for(target)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        if hasattr(os, "fchmod"):
            # mkstemp makes the file private (0600); an export or a replaced file should not change hands that way.
            os.fchmod(handle, mode)
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, target)
    except BaseException:
        try:
            os.unlink(temporary)
        except FileNotFoundError:
            pass
        raise
