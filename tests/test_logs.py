"""viewer/logs.py: where the log file lives, and its size cap."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.test_crash import ROOT, _env
from viewer import logs


def test_log_lives_in_the_platform_state_folder(monkeypatch, tmp_path):
    monkeypatch.delenv("ARTICLE_VIEWER_LOG_DIR", raising=False)
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    if sys.platform.startswith("linux"):
        assert logs.log_path() == tmp_path / "state" / "article-viewer" / "log" / "article-viewer.log"
    assert logs.log_path().name == "article-viewer.log"


@pytest.mark.parametrize("state_home", ["", "/somewhere/state", "  "])
def test_the_log_folder_is_where_platformdirs_puts_it(monkeypatch, state_home):
    """logs.log_dir spells out the XDG rule for speed; it must keep giving platformdirs' answer."""
    from platformdirs import user_log_dir

    monkeypatch.delenv("ARTICLE_VIEWER_LOG_DIR", raising=False)
    monkeypatch.setenv("XDG_STATE_HOME", state_home)
    assert logs.log_dir() == Path(user_log_dir("article-viewer", appauthor=False))


def test_log_size_is_capped(tmp_path):
    script = ("from viewer import logs\n"
              "log = logs.setup_logging()\n"
              "for i in range(4000): log.info('line %d %s', i, 'x' * 1000)\n")
    subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=_env(tmp_path), check=True, timeout=60)
    files = sorted((tmp_path / "log").glob("article-viewer.log*"))
    assert [f.name for f in files] == ["article-viewer.log", "article-viewer.log.1", "article-viewer.log.2"]
    assert all(f.stat().st_size <= logs.LOG_MAX_BYTES for f in files)
    assert "line 3999" in files[0].read_text()
