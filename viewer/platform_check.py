"""Why Qt could not open a window: the system libraries its platform plugin needs that are missing.

PySide6's wheels bring Qt but not the X11 libraries a desktop has anyway; on a
minimal Linux (a server, a container, a fresh install) Qt's xcb plugin then
fails with "could not load the Qt platform plugin", advises reinstalling the
app (which does not help) and aborts. This module asks the dynamic linker
(`ldd`) which libraries of the plugin are missing and names the packages that
provide them, for the system's family of distributions, so the app can say in
one sentence what to install. No Qt: it runs while Qt is giving up.
"""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from . import APP_NAME

# The shared libraries Qt's xcb plugin links to that minimal systems lack, and their packages.
# Family -> (install command, {soname: package}).
PACKAGES: dict[str, tuple[str, dict[str, str]]] = {
    "debian": ("sudo apt install", {
        "libxcb-cursor.so.0": "libxcb-cursor0", "libxcb-icccm.so.4": "libxcb-icccm4",
        "libxcb-keysyms.so.1": "libxcb-keysyms1", "libxcb-image.so.0": "libxcb-image0",
        "libxcb-render-util.so.0": "libxcb-render-util0", "libxcb-shape.so.0": "libxcb-shape0",
        "libxcb-randr.so.0": "libxcb-randr0", "libxcb-xinerama.so.0": "libxcb-xinerama0",
        "libxcb-xkb.so.1": "libxcb-xkb1", "libxcb-xfixes.so.0": "libxcb-xfixes0",
        "libxcb-sync.so.1": "libxcb-sync1", "libxcb-shm.so.0": "libxcb-shm0",
        "libxcb-render.so.0": "libxcb-render0", "libxcb-util.so.1": "libxcb-util1",
        "libxkbcommon-x11.so.0": "libxkbcommon-x11-0", "libxkbcommon.so.0": "libxkbcommon0",
        "libX11-xcb.so.1": "libx11-xcb1", "libX11.so.6": "libx11-6", "libxcb.so.1": "libxcb1",
        "libEGL.so.1": "libegl1", "libGL.so.1": "libgl1", "libOpenGL.so.0": "libopengl0",
        "libfontconfig.so.1": "libfontconfig1", "libfreetype.so.6": "libfreetype6",
        "libdbus-1.so.3": "libdbus-1-3", "libglib-2.0.so.0": "libglib2.0-0",
    }),
    "fedora": ("sudo dnf install", {
        "libxcb-cursor.so.0": "xcb-util-cursor", "libxcb-icccm.so.4": "xcb-util-wm",
        "libxcb-keysyms.so.1": "xcb-util-keysyms", "libxcb-image.so.0": "xcb-util-image",
        "libxcb-render-util.so.0": "xcb-util-renderutil", "libxcb-util.so.1": "xcb-util",
        "libxkbcommon-x11.so.0": "libxkbcommon-x11", "libxkbcommon.so.0": "libxkbcommon",
        "libX11-xcb.so.1": "libX11-xcb", "libX11.so.6": "libX11", "libEGL.so.1": "libglvnd-egl",
        "libGL.so.1": "libglvnd-glx", "libOpenGL.so.0": "libglvnd-opengl", "libfontconfig.so.1": "fontconfig",
        "libfreetype.so.6": "freetype", "libdbus-1.so.3": "dbus-libs", "libglib-2.0.so.0": "glib2",
    }),
    "arch": ("sudo pacman -S", {
        "libxcb-cursor.so.0": "xcb-util-cursor", "libxcb-icccm.so.4": "xcb-util-wm",
        "libxcb-keysyms.so.1": "xcb-util-keysyms", "libxcb-image.so.0": "xcb-util-image",
        "libxcb-render-util.so.0": "xcb-util-renderutil", "libxcb-util.so.1": "xcb-util",
        "libxkbcommon-x11.so.0": "libxkbcommon-x11", "libxkbcommon.so.0": "libxkbcommon",
        "libX11-xcb.so.1": "libx11", "libX11.so.6": "libx11", "libEGL.so.1": "libglvnd", "libGL.so.1": "libglvnd",
        "libOpenGL.so.0": "libglvnd", "libfontconfig.so.1": "fontconfig", "libfreetype.so.6": "freetype2",
        "libdbus-1.so.3": "dbus", "libglib-2.0.so.0": "glib2",
    }),
    "suse": ("sudo zypper install", {
        "libxcb-cursor.so.0": "libxcb-cursor0", "libxcb-icccm.so.4": "libxcb-icccm4",
        "libxcb-keysyms.so.1": "libxcb-keysyms1", "libxcb-image.so.0": "libxcb-image0",
        "libxcb-render-util.so.0": "libxcb-render-util0", "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
        "libxkbcommon.so.0": "libxkbcommon0", "libX11-xcb.so.1": "libX11-xcb1", "libEGL.so.1": "libEGL1",
        "libGL.so.1": "libGL1", "libfontconfig.so.1": "fontconfig", "libdbus-1.so.3": "libdbus-1-3",
    }),
}
_NOT_FOUND = re.compile(r"^\s*(\S+)\s+=>\s+not found", re.MULTILINE)


def qt_platform_plugin(name: str = "xcb") -> Path | None:
    """The file of PySide6's platform plugin `name` (without importing Qt), if it is there."""
    import importlib.util

    spec = importlib.util.find_spec("PySide6")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        path = Path(folder) / "Qt" / "plugins" / "platforms" / f"libq{name}.so"
        if path.exists():
            return path
    return None


def missing_libraries(binary: Path) -> list[str]:
    """The shared libraries `binary` needs that the dynamic linker cannot find (ldd's "not found")."""
    ldd = shutil.which("ldd")
    if ldd is None or not binary.exists():
        return []
    try:
        done = subprocess.run([ldd, str(binary)], capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.SubprocessError):
        return []
    return list(dict.fromkeys(Path(name).name for name in _NOT_FOUND.findall(done.stdout)))


def system_family(os_release: Path = Path("/etc/os-release")) -> str | None:
    """"debian", "fedora", "arch" or "suse" from os-release's ID and ID_LIKE, or None."""
    try:
        text = os_release.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    fields = dict(re.findall(r'^(ID|ID_LIKE)="?([^"\n]*)"?$', text, re.MULTILINE))
    names = (fields.get("ID", "") + " " + fields.get("ID_LIKE", "")).lower().split()
    for family, members in (("debian", ("debian", "ubuntu")), ("fedora", ("fedora", "rhel", "centos")),
                            ("arch", ("arch", "manjaro")), ("suse", ("suse", "opensuse", "sles"))):
        if any(name.startswith(members) for name in names):  # "opensuse-leap", "archlinux"...
            return family
    return None


def install_command(libraries: list[str], family: str | None) -> str | None:
    """The command that installs the packages providing libraries, when the family's names are known."""
    if family not in PACKAGES:
        return None
    command, packages = PACKAGES[family]
    names = [packages.get(library) for library in libraries]
    if not names or None in names:
        return None
    return f"{command} {' '.join(dict.fromkeys(names))}"


def diagnose(plugin: Path | None = None, family: str | None = None) -> str | None:
    """One sentence naming what the xcb plugin is missing and how to install it, or None if nothing is."""
    plugin = plugin if plugin is not None else qt_platform_plugin("xcb")
    if plugin is None:
        return None
    missing = missing_libraries(plugin)
    if not missing:
        return None
    family = family if family is not None else system_family()
    command = install_command(missing, family)
    names = ", ".join(missing)
    how = (f"install them with “{command}”" if command
           else "install the packages that provide them with your system's package manager")
    return (f"{APP_NAME} cannot open its window because system libraries Qt needs are missing ({names}); "
            f"{how}, then start it again.")
