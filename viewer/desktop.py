"""Install the app into the user's desktop, and remove it again, following the freedesktop specs.

`article-viewer --install-desktop [--default]` writes, under $XDG_DATA_HOME
(default ~/.local/share):

- applications/io.github.articleviewer.ArticleViewer.desktop (Desktop Entry
  Specification 1.5; Exec runs the launcher this copy of the app was started
  from, so it works from a virtual environment or a source checkout);
- icons/hicolor/scalable/apps/<id>.svg and icons/hicolor/NxN/apps/<id>.png
  (Icon Theme Specification);
- the MimeType= key, which makes the app an "Open with" choice for articles.
  Only `--default` makes it the default application, in
  $XDG_CONFIG_HOME/mimeapps.list (MIME Applications Associations spec).

It then runs update-desktop-database and gtk-update-icon-cache when they are
installed. A manifest ($XDG_DATA_HOME/article-viewer/desktop-install.json)
records every file and folder it created and every mimeapps.list entry it
changed (with the previous value), so `--uninstall-desktop` removes exactly
that and puts back what it replaced. No Qt here: it runs from the command line
with no display.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from . import APP_ID, APP_NAME
from .core.atomic import write_atomic
from .paths import resources_dir

MIME_TYPES = ("text/plain", "text/html", "text/markdown", "application/pdf", "application/x-mimearchive")
ICON_SIZES = (16, 32, 48, 64, 128, 256)
DESKTOP_FILE = f"{APP_ID}.desktop"
MANIFEST_VERSION = 1


class DesktopError(Exception):
    """An install or uninstall that could not be done, in one sentence."""


# -- where things go -----------------------------------------------------------------------------

def _xdg(variable: str, default: str) -> Path:
    value = os.environ.get(variable, "").strip()
    # The spec says a relative path is invalid and must be ignored.
    return Path(value) if value and os.path.isabs(value) else Path.home() / default


def data_home() -> Path:
    return _xdg("XDG_DATA_HOME", ".local/share")


def config_home() -> Path:
    return _xdg("XDG_CONFIG_HOME", ".config")


def manifest_path(data: Path | None = None) -> Path:
    return (data or data_home()) / "article-viewer" / "desktop-install.json"


# -- the launcher command ------------------------------------------------------------------------

def launcher_command() -> list[str]:
    """The command that starts this copy of the app, with absolute paths.

    A `pip install` puts an `article-viewer` script next to the interpreter (in
    a venv's bin/); a source checkout has main.py; otherwise `python -m viewer`.
    """
    interpreter = Path(sys.executable).absolute()
    for name in ("article-viewer", "article-viewer.exe"):
        script = interpreter.parent / name
        if script.is_file() and os.access(script, os.X_OK):
            return [str(script)]
    checkout_main = Path(__file__).resolve().parent.parent / "main.py"
    if checkout_main.is_file() and (checkout_main.parent / "pyproject.toml").is_file():
        return [str(interpreter), str(checkout_main)]
    return [str(interpreter), "-m", "viewer"]


_RESERVED = set(' \t\n"\'\\><~|&;$*?#()`')


def exec_quote(argument: str) -> str:
    """Quote one Exec argument as the Desktop Entry spec asks (then escape it as a string value)."""
    argument = argument.replace("%", "%%")
    if any(ch in _RESERVED for ch in argument):
        inner = "".join("\\" + ch if ch in '"`$\\' else ch for ch in argument)
        argument = f'"{inner}"'
    # The string-value escape is applied on top of the quoting rule: each backslash doubles.
    return argument.replace("\\", "\\\\")


def desktop_entry(command: list[str]) -> str:
    """The text of the .desktop file for the given launcher command."""
    exec_line = " ".join(exec_quote(arg) for arg in command)
    mime = "".join(f"{m};" for m in MIME_TYPES)
    return (
        "[Desktop Entry]\n"
        "Type=Application\n"
        "Version=1.4\n"
        f"Name={APP_NAME}\n"
        "GenericName=News Article Reader\n"
        "Comment=Read news articles with their people, places and organisations highlighted "
        "and their key points listed\n"
        f"Icon={APP_ID}\n"
        f"TryExec={exec_quote(command[0])}\n"
        f"Exec={exec_line} %F\n"
        "Terminal=false\n"
        "Categories=Office;Viewer;\n"
        "Keywords=news;article;reader;entities;named entity;key points;\n"
        f"MimeType={mime}\n"
        f"StartupWMClass={APP_NAME}\n"
        "Actions=new-window;\n"
        "\n"
        "[Desktop Action new-window]\n"
        "Name=New Window\n"
        f"Exec={exec_line} --new-window\n"
    )


# -- mimeapps.list -------------------------------------------------------------------------------

def _read_lines(path: Path) -> list[str]:
    try:
        return path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return []


def _section_bounds(lines: list[str], section: str) -> tuple[int, int] | None:
    start = None
    for index, line in enumerate(lines):
        stripped = line.strip()
        if stripped.startswith("[") and stripped.endswith("]"):
            if start is not None:
                return start, index
            if stripped == f"[{section}]":
                start = index
    return (start, len(lines)) if start is not None else None


def get_mimeapps(lines: list[str], section: str, key: str) -> str | None:
    bounds = _section_bounds(lines, section)
    if bounds is None:
        return None
    for line in lines[bounds[0] + 1:bounds[1]]:
        name, sep, value = line.partition("=")
        if sep and name.strip() == key:
            return value.strip()
    return None


def set_mimeapps(lines: list[str], section: str, key: str, value: str | None) -> list[str]:
    """lines with key set to value in section (None removes it); other lines kept as they are."""
    lines = list(lines)
    bounds = _section_bounds(lines, section)
    if bounds is None:
        if value is None:
            return lines
        if lines and lines[-1].strip():
            lines.append("")
        return lines + [f"[{section}]", f"{key}={value}"]
    start, end = bounds
    for index in range(start + 1, end):
        name, sep, _ = lines[index].partition("=")
        if sep and name.strip() == key:
            if value is None:
                del lines[index]
            else:
                lines[index] = f"{key}={value}"
            return lines
    if value is not None:
        # After the section's last non-blank line, so a blank separator line stays in place.
        insert = end
        while insert > start + 1 and not lines[insert - 1].strip():
            insert -= 1
        lines.insert(insert, f"{key}={value}")
    return lines


# -- install / uninstall -------------------------------------------------------------------------

@dataclass
class Manifest:
    files: list[str] = field(default_factory=list)
    folders: list[str] = field(default_factory=list)  # created by the install, deepest last
    caches: list[str] = field(default_factory=list)  # cache files that did not exist before
    mimeapps: str = ""  # the mimeapps.list changed by --default
    mimeapps_created: bool = False
    defaults: dict[str, str | None] = field(default_factory=dict)  # MIME type -> previous default
    command: list[str] = field(default_factory=list)

    def to_json(self) -> str:
        return json.dumps({"version": MANIFEST_VERSION, **self.__dict__}, indent=2) + "\n"

    @classmethod
    def load(cls, path: Path) -> Manifest:
        data = json.loads(path.read_text(encoding="utf-8"))
        data.pop("version", None)
        return cls(**{k: v for k, v in data.items() if k in cls.__dataclass_fields__})


@dataclass
class Report:
    """What an install or uninstall did, for the command line."""

    lines: list[str] = field(default_factory=list)

    def say(self, text: str) -> None:
        self.lines.append(text)


def _mkdirs(folder: Path, manifest: Manifest) -> None:
    missing = []
    probe = folder
    while not probe.exists():
        missing.append(probe)
        probe = probe.parent
    for path in reversed(missing):
        path.mkdir()
        manifest.folders.append(str(path))


def _install_file(target: Path, data: bytes | str, manifest: Manifest) -> None:
    _mkdirs(target.parent, manifest)
    write_atomic(target, data)
    os.chmod(target, 0o644)  # mkstemp makes 0600; desktop files and icons are ordinary readable files
    if str(target) not in manifest.files:
        manifest.files.append(str(target))


def icon_sources() -> dict[str, Path]:
    """hicolor sub-folder -> the shipped file for it."""
    icons = resources_dir() / "icons"
    sources = {"scalable": icons / "article-viewer.svg"}
    for size in ICON_SIZES:
        sources[f"{size}x{size}"] = icons / "png" / f"article-viewer-{size}.png"
    return sources


def install(make_default: bool = False, command: list[str] | None = None) -> Report:
    """Install (or refresh) the desktop entry, icons and MIME associations for this user."""
    data, report = data_home(), Report()
    manifest_file = manifest_path(data)
    if manifest_file.exists():
        # Refreshing: take the old install away first so the manifest stays exact.
        uninstall(quiet=True)
    sources = icon_sources()
    missing = [str(p) for p in sources.values() if not p.is_file()]
    if missing:
        raise DesktopError(f"The app's icons are missing ({missing[0]}); reinstall the app.")
    manifest = Manifest(command=command or launcher_command())
    try:
        entry = data / "applications" / DESKTOP_FILE
        _install_file(entry, desktop_entry(manifest.command), manifest)
        report.say(f"Installed {entry}")
        hicolor = data / "icons" / "hicolor"
        for folder, source in sources.items():
            target = hicolor / folder / "apps" / f"{APP_ID}{source.suffix}"
            _install_file(target, source.read_bytes(), manifest)
        report.say(f"Installed {len(sources)} icons in {hicolor}")
        if make_default:
            _make_default(manifest, report)
        _refresh_caches(data, manifest, report)
    except OSError as error:
        _write_manifest(manifest_file, manifest)
        raise DesktopError(f"The desktop install failed ({error.strerror or error}: "
                           f"{error.filename or data}); “--uninstall-desktop” removes what was written.") from error
    _write_manifest(manifest_file, manifest)
    report.say(f"{APP_NAME} is offered in “Open with” for " + ", ".join(MIME_TYPES)
               + (" and is now their default application." if make_default else
                  "; “--install-desktop --default” makes it their default application."))
    return report


def _write_manifest(path: Path, manifest: Manifest) -> None:
    _mkdirs(path.parent, manifest)
    if str(path) not in manifest.files:
        manifest.files.append(str(path))  # the record goes last, with the rest
    write_atomic(path, manifest.to_json())


def _make_default(manifest: Manifest, report: Report) -> None:
    path = config_home() / "mimeapps.list"
    existed = path.exists()
    lines = _read_lines(path)
    for mime in MIME_TYPES:
        manifest.defaults[mime] = get_mimeapps(lines, "Default Applications", mime)
        lines = set_mimeapps(lines, "Default Applications", mime, DESKTOP_FILE)
    if not existed:
        _mkdirs(path.parent, manifest)
    mode = path.stat().st_mode & 0o777 if existed else 0o644
    write_atomic(path, "\n".join(lines) + "\n")
    os.chmod(path, mode)
    manifest.mimeapps = str(path)
    manifest.mimeapps_created = not existed
    report.say(f"Set {APP_NAME} as the default application in {path}")


def _refresh_caches(data: Path, manifest: Manifest, report: Report) -> None:
    """Run the cache tools that are installed; remember the caches they created."""
    applications = data / "applications"
    hicolor = data / "icons" / "hicolor"
    jobs = [("update-desktop-database", [str(applications)], applications / "mimeinfo.cache"),
            # -t: a user's hicolor folder has no index.theme; -f: rebuild even if it looks fresh.
            ("gtk-update-icon-cache", ["-q", "-t", "-f", str(hicolor)], hicolor / "icon-theme.cache")]
    for tool, args, cache in jobs:
        existed = cache.exists()
        if _run_tool(tool, args):
            report.say(f"Ran {tool}")
            if not existed and cache.exists() and str(cache) not in manifest.caches:
                manifest.caches.append(str(cache))


def _run_tool(tool: str, args: list[str]) -> bool:
    path = shutil.which(tool)
    if path is None:
        return False
    try:
        subprocess.run([path, *args], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return True


def uninstall(quiet: bool = False) -> Report:
    """Remove exactly what install() recorded, and put back the defaults it replaced."""
    data, report = data_home(), Report()
    manifest_file = manifest_path(data)
    if not manifest_file.exists():
        if quiet:
            return report
        raise DesktopError(f"{APP_NAME} is not installed in the desktop for this user "
                           f"(there is no {manifest_file}).")
    try:
        manifest = Manifest.load(manifest_file)
    except (OSError, ValueError, TypeError) as error:
        raise DesktopError(f"The install record {manifest_file} cannot be read ({error}).") from error
    if manifest.mimeapps:
        _restore_defaults(manifest, report)
    for name in manifest.files + manifest.caches:
        try:
            Path(name).unlink()
            report.say(f"Removed {name}")
        except FileNotFoundError:
            pass
    # Caches that were there before the install are rebuilt without the app's entries.
    applications = data / "applications"
    hicolor = data / "icons" / "hicolor"
    if applications.is_dir() and (applications / "mimeinfo.cache").exists():
        _run_tool("update-desktop-database", [str(applications)])
    if hicolor.is_dir() and (hicolor / "icon-theme.cache").exists():
        _run_tool("gtk-update-icon-cache", ["-q", "-t", "-f", str(hicolor)])
    for folder in sorted(manifest.folders, key=len, reverse=True):
        try:
            Path(folder).rmdir()  # only if empty: something the user added since stays
        except OSError:
            pass
    report.say(f"{APP_NAME} is no longer installed in the desktop.")
    return report


def _restore_defaults(manifest: Manifest, report: Report) -> None:
    path = Path(manifest.mimeapps)
    lines = _read_lines(path)
    if not lines:
        return
    for mime, previous in manifest.defaults.items():
        if get_mimeapps(lines, "Default Applications", mime) == DESKTOP_FILE:
            # Only undo our own entry: a default the user chose since is theirs.
            lines = set_mimeapps(lines, "Default Applications", mime, previous)
    bounds = _section_bounds(lines, "Default Applications")
    if bounds is not None and not any(line.strip() for line in lines[bounds[0] + 1:bounds[1]]):
        del lines[bounds[0]:bounds[1]]
    if manifest.mimeapps_created and not any(line.strip() for line in lines):
        path.unlink()
        report.say(f"Removed {path}")
        return
    mode = path.stat().st_mode & 0o777
    write_atomic(path, "\n".join(lines).rstrip("\n") + "\n")
    os.chmod(path, mode)
    report.say(f"Restored the previous default applications in {path}")
