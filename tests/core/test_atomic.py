"""write_atomic under real faults: a crash, a full disk or an error mid-write leaves the old file whole.

The faults are real where they can be: a child process killed with SIGKILL
while it writes, a file-size limit (RLIMIT_FSIZE) that makes the kernel refuse
the write as a full disk would, and readers racing the writer. Only the
"exception inside the write" case injects its failure.
"""
from __future__ import annotations

import errno
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from viewer.core import atomic
from viewer.core.atomic import write_atomic

ROOT = Path(__file__).resolve().parents[2]
OLD = b"old settings: every byte of this must survive\n" * 20

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals and resource limits")


def leftovers(folder: Path, name: str) -> list[Path]:
    return [p for p in folder.iterdir() if p.name != name]


def test_replaces_the_whole_file(tmp_path):
    target = tmp_path / "cache.json"
    target.write_bytes(OLD)
    old_inode = target.stat().st_ino
    write_atomic(target, "new ✓")
    assert target.read_text(encoding="utf-8") == "new ✓"
    assert target.stat().st_ino != old_inode, "the file was rewritten in place, not replaced"
    assert leftovers(tmp_path, "cache.json") == []


def test_an_error_inside_the_write_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    target = tmp_path / "settings.json"
    target.write_bytes(OLD)
    seen = []

    def disk_full(descriptor: int) -> None:
        seen.extend(leftovers(tmp_path, "settings.json"))  # the temporary file exists at this point
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", disk_full)
    with pytest.raises(OSError):
        write_atomic(target, b"new" * 1000)
    assert seen and seen[0].name.startswith(".settings.json.")
    assert target.read_bytes() == OLD
    assert leftovers(tmp_path, "settings.json") == []


@posix_only
def test_a_write_beyond_the_disk_limit_fails_and_keeps_the_old_file(tmp_path):
    """The kernel refuses the write (RLIMIT_FSIZE, as on a full disk): a real OSError from write()."""
    target = tmp_path / "cache.bin"
    target.write_bytes(OLD)
    code = textwrap.dedent("""
        import resource, signal, sys
        from viewer.core.atomic import write_atomic
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # get EFBIG instead of being killed
        resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, 64 * 1024))
        try:
            write_atomic(sys.argv[1], b"x" * (1024 * 1024))
        except OSError as error:
            print("refused", error.errno)
    """)
    done = subprocess.run([sys.executable, "-c", code, str(target)], cwd=ROOT, capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["refused", str(errno.EFBIG)]
    assert target.read_bytes() == OLD
    assert leftovers(tmp_path, "cache.bin") == []


KILLED_WRITER = textwrap.dedent("""
    import os, sys, time
    from viewer.core import atomic
    real_fsync = os.fsync
    def fsync_then_hang(descriptor):
        real_fsync(descriptor)
        print("written", flush=True)  # the new data is in the temporary file, not yet renamed
        time.sleep(60)
    atomic.os.fsync = fsync_then_hang
    atomic.write_atomic(sys.argv[1], b"NEW" * 100_000)
""")


@posix_only
def test_a_process_killed_mid_write_leaves_the_old_file(tmp_path):
    target = tmp_path / "settings.ini"
    target.write_bytes(OLD)
    child = subprocess.Popen([sys.executable, "-c", KILLED_WRITER, str(target)], cwd=ROOT,
                             stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline().strip() == "written"
        temporaries = leftovers(tmp_path, "settings.ini")
        assert len(temporaries) == 1 and temporaries[0].read_bytes() == b"NEW" * 100_000
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL
    assert target.read_bytes() == OLD
    # What a crash leaves is a hidden temporary, never a half-written target.
    assert all(p.name.startswith(".settings.ini.") and p.name.endswith(".tmp")
               for p in leftovers(tmp_path, "settings.ini"))


LOOPING_WRITER = textwrap.dedent("""
    import sys
    from viewer.core.atomic import write_atomic
    turn = 0
    print("go", flush=True)
    while True:
        turn += 1
        write_atomic(sys.argv[1], (b"%08d" % turn) * (50_000 + turn % 7 * 10_000))
""")


@posix_only
def test_killing_a_busy_writer_at_random_moments_never_leaves_a_torn_file(tmp_path):
    """SIGKILL at ten moments while a child rewrites the file in a loop: each time the file is one whole version."""
    target = tmp_path / "cache.json"
    target.write_bytes(b"%08d" % 0 * 50_000)
    for delay in (0.05, 0.11, 0.17, 0.23, 0.29, 0.31, 0.37, 0.43, 0.53, 0.61):
        child = subprocess.Popen([sys.executable, "-c", LOOPING_WRITER, str(target)], cwd=ROOT,
                                 stdout=subprocess.PIPE, text=True)
        assert child.stdout.readline().strip() == "go"
        time.sleep(delay)
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        data = target.read_bytes()
        turn = data[:8]
        assert len(data) % 8 == 0 and data == turn * (len(data) // 8), "a torn or mixed file"
        assert len(data) // 8 == 50_000 + int(turn) % 7 * 10_000
        for stray in leftovers(tmp_path, "cache.json"):
            stray.unlink()


def test_readers_never_see_a_partial_file(tmp_path):
    target = tmp_path / "shared.json"
    versions = [b"A" * 300_000, b"B" * 200_000, b"C" * 100_000]
    write_atomic(target, versions[0])
    stop = threading.Event()
    seen: set[bytes] = set()
    torn: list[int] = []

    def read() -> None:
        while not stop.is_set():
            data = target.read_bytes()
            if data not in versions:
                torn.append(len(data))
            seen.add(data[:1])

    reader = threading.Thread(target=read)
    reader.start()
    try:
        for turn in range(300):
            write_atomic(target, versions[turn % 3])
    finally:
        stop.set()
        reader.join()
    assert not torn, f"readers saw half-written files of {torn[:5]} bytes"
    assert len(seen) >= 2


CACHE_WRITER = textwrap.dedent("""
    import sys
    from viewer.core.cache import AnalysisCache
    from tests.core.test_atomic import synthetic
    article, analysis = synthetic()
    cache = AnalysisCache(sys.argv[1])
    print("go", flush=True)
    while True:
        cache.put(analysis)
""")


def synthetic():
    """An article and a large analysis of it, made without the model (for a child that must start fast)."""
    from viewer.core.analysis import Analysis, Entity, Mention
    from viewer.core.loaders import article_from_text

    text = "Headline\n\n" + " ".join(f"Japan{i:05d} met Pakistan." for i in range(20_000))
    article = article_from_text(text, source="synthetic")
    starts = [m.start() for m in __import__("re").finditer(r"Japan\d{5}", text)]
    mentions = tuple(Mention(s, s + 10, "GPE", text[s:s + 10], 0) for s in starts)
    entity = Entity(0, "Japan00000", "GPE", "Places", 1.0, len(mentions))
    return article, Analysis(article, mentions=mentions, entities=(entity,), model="en_core_web_sm 3.8.0")


@posix_only
def test_the_analysis_cache_survives_a_writer_killed_at_random_moments(tmp_path):
    from viewer.core.cache import AnalysisCache

    article, analysis = synthetic()
    cache = AnalysisCache(tmp_path)
    found = 0
    for delay in (0.4, 0.55, 0.7, 0.85, 1.0, 1.15):
        child = subprocess.Popen([sys.executable, "-c", CACHE_WRITER, str(tmp_path)], cwd=ROOT,
                                 stdout=subprocess.PIPE, text=True)
        assert child.stdout.readline().strip() == "go"
        time.sleep(delay)
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        if cache.entries():
            cached = cache.get(article, analysis.model)
            assert cached is not None, "a torn cache entry"
            assert (cached.text, cached.mentions, cached.entities) == (analysis.text, analysis.mentions,
                                                                       analysis.entities)
            found += 1
    assert found, "the child never finished a write"
