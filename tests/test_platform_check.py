"""When Qt cannot load its window plugin, the app names the missing system libraries and how to install them."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from viewer import platform_check

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def plugin_missing_two_libraries(tmp_path_factory) -> Path:
    """A real shared object linked against two libraries that are then taken away, as on a minimal system.

    The two are linked by a path in a folder that is then deleted, so the test
    holds whether or not this machine has libraries of those names installed.
    """
    if shutil.which("gcc") is None or shutil.which("ldd") is None:
        pytest.skip("needs gcc and ldd to build a library with missing dependencies")
    folder = tmp_path_factory.mktemp("plugin")
    gone = folder / "gone"
    gone.mkdir()
    source = folder / "f.c"
    source.write_text("int f(void) { return 0; }\n", encoding="ascii")
    libraries = [gone / "libxcb-icccm.so.4", gone / "libxcb-keysyms.so.1"]
    for library in libraries:
        subprocess.run(["gcc", "-shared", "-fPIC", "-o", str(library), str(source), f"-Wl,-soname,{library}"],
                       check=True, timeout=60)
    plugin = folder / "libqxcb.so"
    # --no-as-needed: the libraries are needed though nothing calls them (as a plugin needs its own).
    subprocess.run(["gcc", "-shared", "-fPIC", "-o", str(plugin), str(source), "-Wl,--no-as-needed",
                    *map(str, libraries)], check=True, timeout=60)
    shutil.rmtree(gone)
    return plugin


def test_the_missing_libraries_come_from_the_dynamic_linker(plugin_missing_two_libraries):
    assert platform_check.missing_libraries(plugin_missing_two_libraries) == ["libxcb-icccm.so.4",
                                                                             "libxcb-keysyms.so.1"]


@pytest.mark.parametrize("family, command", [
    ("debian", "sudo apt install libxcb-icccm4 libxcb-keysyms1"),
    ("fedora", "sudo dnf install xcb-util-wm xcb-util-keysyms"),
    ("arch", "sudo pacman -S xcb-util-wm xcb-util-keysyms"),
    ("suse", "sudo zypper install libxcb-icccm4 libxcb-keysyms1"),
])
def test_the_sentence_names_the_libraries_and_the_command_that_installs_them(plugin_missing_two_libraries, family,
                                                                             command):
    sentence = platform_check.diagnose(plugin_missing_two_libraries, family)
    assert "libxcb-icccm.so.4, libxcb-keysyms.so.1" in sentence
    assert f"install them with “{command}”" in sentence
    assert sentence.endswith("then start it again.") and "\n" not in sentence


def test_an_unknown_system_is_told_to_use_its_package_manager(plugin_missing_two_libraries):
    sentence = platform_check.diagnose(plugin_missing_two_libraries, "alpine")
    assert "libxcb-icccm.so.4" in sentence and "your system's package manager" in sentence


@pytest.mark.parametrize("text, family", [
    ('ID=debian\nVERSION_ID="12"\n', "debian"),
    ('ID=ubuntu\nID_LIKE=debian\n', "debian"),
    ('ID="linuxmint"\nID_LIKE="ubuntu debian"\n', "debian"),
    ('ID=fedora\n', "fedora"),
    ('ID="rocky"\nID_LIKE="rhel centos fedora"\n', "fedora"),
    ('ID=arch\n', "arch"),
    ('ID="opensuse-tumbleweed"\nID_LIKE="opensuse suse"\n', "suse"),
    ('ID=alpine\n', None),
])
def test_the_family_of_the_system_comes_from_os_release(tmp_path, text, family):
    path = tmp_path / "os-release"
    path.write_text(text, encoding="utf-8")
    assert platform_check.system_family(path) == family


def test_the_real_launch_on_this_system_says_what_to_install(tmp_path):
    """Where this machine itself lacks a library of Qt's xcb plugin, the real launch must name it."""
    missing = platform_check.missing_libraries(platform_check.qt_platform_plugin("xcb") or Path("/none"))
    if not missing:
        pytest.skip("this machine has every library Qt's xcb plugin needs")
    env = dict(os.environ, QT_QPA_PLATFORM="xcb", DISPLAY=":97", XDG_CONFIG_HOME=str(tmp_path),
               ARTICLE_VIEWER_LOG_DIR=str(tmp_path / "log"))
    done = subprocess.run([sys.executable, "main.py"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode != 0
    line = next(line for line in done.stderr.splitlines() if line.startswith("article-viewer: "))
    assert line.startswith("article-viewer: Article Viewer cannot open its window")
    assert all(library in line for library in missing)
    if platform_check.system_family() == "debian":
        assert "sudo apt install" in line
    assert "Traceback" not in done.stderr
