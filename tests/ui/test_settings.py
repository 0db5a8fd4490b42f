"""Settings: defaults, round trips, corrupt files and values, and where the file lives."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from viewer.ui.settings import DEFAULTS, Settings

ROOT = Path(__file__).resolve().parents[2]


def store(path: Path) -> Settings:
    return Settings(QSettings(str(path), QSettings.Format.IniFormat))


def test_values_round_trip_including_empty_lists(tmp_path):
    path = tmp_path / "s.ini"
    settings = store(path)
    settings.set("view/hidden_groups", [])
    settings.set("files/recent", ["/a/b, c.txt", "/x/ü.txt"])
    settings.set("shortcuts/overrides", {"zoom_in": ["Ctrl+Shift+Z"]})
    settings.set("view/zoom", 3)
    settings.set("view/theme", "dark")
    settings.sync()
    again = store(path)
    assert again.get("view/hidden_groups") == []
    assert again.get("files/recent") == ["/a/b, c.txt", "/x/ü.txt"]
    assert again.get("shortcuts/overrides") == {"zoom_in": ["Ctrl+Shift+Z"]}
    assert again.get("view/zoom") == 3 and again.get("view/theme") == "dark"


def test_wrong_values_fall_back_to_defaults(tmp_path):
    path = tmp_path / "s.ini"
    path.write_text("[view]\nzoom=lots\nhidden_groups=not json\n[shortcuts]\noverrides=[1, 2]\n"
                    "[files]\nrecent=\"[1, 2]\"\n[window]\ngeometry=garbage\n", encoding="utf-8")
    settings = store(path)
    assert settings.get("view/zoom") == DEFAULTS["view/zoom"][0]
    assert settings.get("view/hidden_groups") == DEFAULTS["view/hidden_groups"][0]
    assert settings.get("shortcuts/overrides") == {}
    assert settings.get("files/recent") == []
    assert settings.get("window/geometry") == QByteArray()


def test_a_file_that_is_not_ini_gives_defaults(tmp_path):
    path = tmp_path / "s.ini"
    path.write_bytes(b"\x00\xff\xfe[[[\n=\x00garbage\xc3\x28" * 50)
    settings = store(path)
    for name, (default, _kind) in DEFAULTS.items():
        assert settings.get(name) == default, name


def test_corrupt_settings_still_open_the_window(qtbot, tmp_path):
    from viewer.ui.analysis_service import AnalysisService
    from viewer.ui.main_window import MainWindow

    path = tmp_path / "s.ini"
    path.write_text("[window]\ngeometry=@ByteArray(nonsense)\nstate=@ByteArray(\\x1\\x2)\n[view]\nzoom=9999\n"
                    "theme=purple\n[shortcuts]\noverrides=\"{\\\"quit\\\": [\\\"Ctrl+O\\\"]}\"\n", encoding="utf-8")
    service = AnalysisService()
    try:
        window = MainWindow(service, store(path))
        qtbot.addWidget(window)
        window.show()
        assert window.theme.theme == "system"  # an unknown theme is ignored
        assert window.reading_pane.zoom() == 20  # clamped to the largest size
        assert [s.toString() for s in window.actions_by_name["quit"].shortcuts()] == ["Ctrl+Q"]  # clash dropped
        window.close()
    finally:
        service.shutdown()


def test_settings_file_is_where_the_readme_says(tmp_path):
    # A fresh interpreter with a known home: QSettings' own choice of path, not ours.
    env = dict(os.environ, HOME=str(tmp_path), QT_QPA_PLATFORM="offscreen")
    env.pop("XDG_CONFIG_HOME", None)
    code = ("from PySide6.QtWidgets import QApplication; app = QApplication([]);"
            "from viewer.ui.settings import settings_path; print(settings_path())")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    path = done.stdout.strip()
    if sys.platform.startswith("linux"):
        assert path == str(tmp_path / ".config" / "Article Viewer" / "Article Viewer.ini")
        assert "~/.config/Article Viewer/Article Viewer.ini" in (ROOT / "README.md").read_text(encoding="utf-8")
