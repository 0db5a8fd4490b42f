"""`article-viewer --install-desktop` / `--uninstall-desktop` in a temporary XDG_DATA_HOME and XDG_CONFIG_HOME."""
from __future__ import annotations

import os
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from viewer import APP_ID, desktop

ROOT = Path(__file__).resolve().parent.parent
DESKTOP = f"{APP_ID}.desktop"


@pytest.fixture
def xdg(tmp_path, monkeypatch):
    data, config = tmp_path / "data", tmp_path / "config"
    monkeypatch.setenv("XDG_DATA_HOME", str(data))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))
    return data, config


def _cli(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, XDG_DATA_HOME=str(tmp_path / "data"), XDG_CONFIG_HOME=str(tmp_path / "config"),
               QT_QPA_PLATFORM="offscreen")
    return subprocess.run([sys.executable, "main.py", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120)


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): (p.read_bytes() if p.is_file() else b"<dir>")
            for p in sorted(folder.rglob("*"))} if folder.exists() else {}


def _png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", header[16:24])


def _entry(data: Path) -> dict[str, str]:
    values = {}
    for line in (data / "applications" / DESKTOP).read_text(encoding="utf-8").splitlines():
        if line.startswith("[Desktop Action"):
            break
        key, sep, value = line.partition("=")
        if sep:
            values[key] = value
    return values


def test_install_then_uninstall_from_the_command_line(tmp_path):
    data, config = tmp_path / "data", tmp_path / "config"
    (data / "applications").mkdir(parents=True)
    (data / "applications" / "other.desktop").write_text("[Desktop Entry]\nType=Application\nName=Other\n"
                                                          "Exec=other\n")
    before = _tree(tmp_path)

    done = _cli(tmp_path, "--install-desktop")
    assert done.returncode == 0, done.stderr
    entry = _entry(data)
    assert entry["Icon"] == APP_ID and entry["Terminal"] == "false" and entry["StartupWMClass"]
    assert entry["Exec"].endswith(" %F")
    launcher = Path(entry["Exec"].split()[0])
    assert launcher.is_absolute() and os.access(launcher, os.X_OK)  # works from a venv, with no PATH
    assert set(entry["MimeType"].strip(";").split(";")) == set(desktop.MIME_TYPES)
    assert "Categories" in entry
    hicolor = data / "icons" / "hicolor"
    assert (hicolor / "scalable" / "apps" / f"{APP_ID}.svg").read_bytes().startswith(b"<svg")
    for size in desktop.ICON_SIZES:
        assert _png_size(hicolor / f"{size}x{size}" / "apps" / f"{APP_ID}.png") == (size, size)
    assert not (config / "mimeapps.list").exists()  # "Open with" only: no default without --default
    if shutil.which("update-desktop-database"):
        cache = (data / "applications" / "mimeinfo.cache").read_text(encoding="utf-8")
        assert f"text/plain={DESKTOP};" in cache and f"application/pdf={DESKTOP};" in cache
    if shutil.which("desktop-file-validate"):
        check = subprocess.run(["desktop-file-validate", str(data / "applications" / DESKTOP)],
                               capture_output=True, text=True)
        assert check.returncode == 0 and not check.stdout.strip(), check.stdout

    done = _cli(tmp_path, "--uninstall-desktop")
    assert done.returncode == 0, done.stderr
    assert _tree(tmp_path) == before


def test_default_is_set_only_with_default_and_the_users_choices_come_back(xdg):
    data, config = xdg
    config.mkdir()
    original = ("# mine\n[Default Applications]\ntext/plain=gedit.desktop\nimage/png=eog.desktop\n\n"
                "[Added Associations]\ntext/html=firefox.desktop;\n")
    (config / "mimeapps.list").write_text(original)
    desktop.install(make_default=True, command=["/opt/article viewer/bin/article-viewer"])
    lines = (config / "mimeapps.list").read_text().splitlines()
    for mime in desktop.MIME_TYPES:
        assert desktop.get_mimeapps(lines, "Default Applications", mime) == DESKTOP
    assert desktop.get_mimeapps(lines, "Default Applications", "image/png") == "eog.desktop"
    assert "# mine" in lines and "text/html=firefox.desktop;" in lines
    if shutil.which("xdg-mime"):
        query = subprocess.run(["xdg-mime", "query", "default", "text/plain"], capture_output=True, text=True,
                               env=dict(os.environ, XDG_CURRENT_DESKTOP=""))
        assert query.stdout.strip() == DESKTOP
    desktop.uninstall()
    assert (config / "mimeapps.list").read_text() == original
    assert _tree(data) == {}


def test_a_launcher_path_with_spaces_is_quoted_and_validates(xdg):
    data, _ = xdg
    desktop.install(command=["/opt/my apps/python3", "/home/me/Article Viewer/main.py"])
    exec_line = _entry(data)["Exec"]
    assert exec_line == '"/opt/my apps/python3" "/home/me/Article Viewer/main.py" %F'
    if shutil.which("desktop-file-validate"):
        check = subprocess.run(["desktop-file-validate", str(data / "applications" / DESKTOP)],
                               capture_output=True, text=True)
        assert check.returncode == 0, check.stdout
    desktop.uninstall()


def test_exec_quoting_follows_the_desktop_entry_spec():
    assert desktop.exec_quote("/usr/bin/article-viewer") == "/usr/bin/article-viewer"
    assert desktop.exec_quote("/a b/c") == '"/a b/c"'
    assert desktop.exec_quote('/a"b') == '"/a\\\\"b"'  # quote escaped, then the backslash doubled
    assert desktop.exec_quote("/100%/x") == "/100%%/x"


def test_reinstall_replaces_and_uninstall_still_leaves_nothing(xdg):
    data, config = xdg
    desktop.install(make_default=True)
    desktop.install()  # the second install drops the earlier default
    assert not (config / "mimeapps.list").exists()
    desktop.uninstall()
    assert _tree(data) == {} and _tree(config) == {}


def test_a_file_the_user_added_in_a_created_folder_survives_uninstall(xdg):
    data, _ = xdg
    desktop.install()
    mine = data / "icons" / "hicolor" / "48x48" / "apps" / "mine.png"
    mine.write_bytes(b"x")
    desktop.uninstall()
    assert mine.read_bytes() == b"x"
    assert not (data / "applications").exists()


def test_uninstall_when_not_installed_says_so(tmp_path):
    done = _cli(tmp_path, "--uninstall-desktop")
    assert done.returncode == 1
    assert "not installed" in done.stderr and "Traceback" not in done.stderr


def test_default_without_install_is_a_usage_error(tmp_path):
    done = _cli(tmp_path, "--default")
    assert done.returncode == 2 and "--default" in done.stderr


def test_desktop_module_does_not_import_qt():
    code = "import sys, viewer.desktop; sys.exit(any(m.startswith('PySide6') for m in sys.modules))"
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT, timeout=60).returncode == 0
