"""Start the desktop app: command line, QApplication identity, the window and the first article.

The window appears with the article's text straight away; the language model
loads in the background from launch, and entities follow when it is ready.
"""
from __future__ import annotations

import argparse
import gc
import sys
from pathlib import Path

from . import APP_ID, APP_NAME, ORGANISATION, __version__, crash, logs


class UsageError(Exception):
    """A bad command line, reported by main() rather than by argparse's exit."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse would print and exit, unseen with no terminal
        raise UsageError(message)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="article-viewer",
        description="Read a news article with its named entities highlighted and its key points listed.",
        epilog="Use “python -m viewer analyze --json FILE...” to analyse articles without a window, and "
               "“python -m viewer library --help” for your library of articles.",
    )
    # nargs="*": a file manager passes every selected file (the .desktop Exec has %F).
    parser.add_argument("sources", nargs="*", metavar="FILE_OR_URL",
                        help="the article to open: a text, HTML (or MHTML, web archive), Markdown or PDF file, "
                             "or an http(s) address (default: the sample article)")
    parser.add_argument("--new-window", action="store_true",
                        help="open a window of its own instead of handing the file to the running app")
    parser.add_argument("--screenshot", metavar="OUT.png",
                        help="open the window, wait for the analysis, save a picture of the window and exit")
    desktop = parser.add_argument_group("desktop integration (Linux and other freedesktop desktops)")
    desktop.add_argument("--install-desktop", action="store_true",
                         help="add the app to this user's application menu with its icon, and offer it "
                              "in “Open with” for text, HTML, MHTML, Markdown and PDF files")
    desktop.add_argument("--default", action="store_true",
                         help="with --install-desktop: also make it the default application for those files")
    desktop.add_argument("--uninstall-desktop", action="store_true",
                         help="remove exactly what --install-desktop added")
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the app; every failure ends as a message the user sees (dialog, stderr and the log)."""
    argv = sys.argv[1:] if argv is None else list(argv)
    crash.install()
    logs.log_started(argv)
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        if args.default and not args.install_desktop:
            raise UsageError("--default only goes with --install-desktop")
        if args.install_desktop and args.uninstall_desktop:
            raise UsageError("--install-desktop and --uninstall-desktop cannot be used together")
    except UsageError as error:
        parser.print_usage(sys.stderr)
        crash.startup_failed(f"The command line was not understood: {error}; "
                             "“article-viewer --help” lists the options.", usage=True)
        return 2
    if args.install_desktop or args.uninstall_desktop:
        return _desktop(args)
    try:
        return _run(args)
    except Exception as error:  # before the event loop: nothing else would tell the user
        crash.startup_failed(f"{APP_NAME} could not start ({type(error).__name__}: {error}).", error)
        return 1


def _desktop(args: argparse.Namespace) -> int:
    """--install-desktop / --uninstall-desktop: no Qt, no window."""
    from . import desktop

    try:
        report = desktop.install(make_default=args.default) if args.install_desktop else desktop.uninstall()
    except desktop.DesktopError as error:
        crash.startup_failed(str(error), usage=True)
        return 1
    print("\n".join(report.lines))
    return 0


def _run(args: argparse.Namespace) -> int:
    from .paths import default_article

    sources = list(args.sources)
    missing = [source for source in sources if _missing_file(source)]
    if missing and args.screenshot is None:
        if len(missing) == len(sources):
            # Nothing to show: no window, one sentence (a dialog too when no terminal shows it), non-zero.
            crash.startup_failed(_no_such_files(missing), usage=True)
            return 1
        print(f"article-viewer: {_no_such_files(missing)}", file=sys.stderr)
        sources = [source for source in sources if source not in missing]
    first = sources[0] if sources else str(default_article())
    # The first analysis worker starts now, on another core and at a lower priority, and loads the
    # model while the window is built and painted (core/spawn.py). If this launch only hands its
    # files to a running window, it ends with this process, which closes its input.
    from .core.spawn import start_at_launch

    started_worker = start_at_launch()

    # Start-up allocates many long-lived objects (Qt types, enums, modules) and no garbage cycles
    # worth collecting; the collector is switched back on once the text is painted (ui/launch.py).
    # The launchers have switched it off already (viewer/__main__.py); main() may be called directly.
    gc.disable()
    from .ui.qt_import import import_pyside

    import_pyside()  # first: without PySide6's __feature__ hook, every later import is cheaper
    crash.install_qt_message_handler()  # before QApplication: Qt aborts if it cannot reach a display
    from PySide6.QtWidgets import QApplication

    # A fixed argv[0] gives the window the X11 class "article-viewer"/"Article Viewer" however it
    # was started (main.py, python -m viewer, the installed script): StartupWMClass relies on it.
    app = QApplication.instance() or QApplication(["article-viewer"])
    crash.install_qt()
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORGANISATION)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_ID)  # Wayland app id and the taskbar's link to the launcher

    instance_name = None  # where this app listens for later launches, from after the first paint
    if not args.new_window and args.screenshot is None:
        from .ui.single_instance import hand_off, may_be_listening, server_name

        instance_name = server_name()
        if may_be_listening(instance_name) and hand_off(sources, instance_name):
            logs.logger.info("Handed %r to the running window", sources)
            return 0
    elif args.new_window:
        logs.logger.info("Opening a window of its own (--new-window)")

    from .ui.launch import FileOpenFilter, open_sources, start_after_first_paint
    from .ui.main_window import MainWindow
    from .ui.startup_probe import StartupProbe

    window = MainWindow(defer=True)  # panels and commands built after the first paint (launch.py)
    window.service.take_worker(started_worker)  # adopted just after the first paint
    StartupProbe.from_env(window)
    window.session.hold()  # the cache lookup and the model wait for the first paint: launch.py releases them
    servers = []  # the InstanceServer, once it listens

    def after_first_paint() -> None:
        from .ui.quit_on_signals import close_on_signals

        close_on_signals(window)
        server = _listen(instance_name, window) if instance_name is not None else None
        if server is not None:
            servers.append(server)

    start_after_first_paint(window, then=after_first_paint)
    window.show()
    opened = open_sources(window, sources or [first])
    if args.screenshot:
        return _screenshot(app, window, Path(args.screenshot), opened)
    # Qt sends QFileOpenEvent on macOS only (a Finder double-click or a drop on the Dock icon).
    # Elsewhere an application-wide Python filter would only cost a Python call per event of every
    # object, and wrapping Qt's internal objects for it builds every PySide type before the first paint.
    file_opener = FileOpenFilter(window) if sys.platform == "darwin" else None
    if file_opener is not None:
        app.installEventFilter(file_opener)
    code = app.exec()
    if file_opener is not None:
        app.removeEventFilter(file_opener)
    for server in servers:
        server.close()
    # Quit may come without the window closing (a benchmark's probe): stop the background work here too.
    window.session.shutdown()
    window.service.shutdown()
    return code


def _missing_file(source: str) -> bool:
    """A local path (not a web or file: address, which the loaders judge) that names nothing."""
    return "://" not in source and not source.lower().startswith("file:") and not Path(source).exists()


def _no_such_files(paths: list[str]) -> str:
    names = " or ".join(f"“{path}”" for path in paths)
    return f"There is no file {names}."


def _listen(name: str, window):
    """Become the app later launches hand their files to: the InstanceServer, or None if another app is."""
    from PySide6.QtWidgets import QApplication

    from .ui.single_instance import InstanceServer

    server = InstanceServer(name, parent=QApplication.instance())
    if not server.listen():
        logs.logger.warning("Cannot listen for later launches on %s; each opens its own window", name)
        return None
    server.received.connect(lambda more: _handed(window, more))
    logs.logger.info("Listening for later launches on %s", name)
    return server


def _handed(window, sources: list[str]) -> None:
    from .ui.launch import open_in_window

    logs.logger.info("Another launch handed over %r", sources)
    open_in_window(window, sources)
    logs.logger.info("Now showing %s", window.article.source if window.article else "no article")


def _screenshot(app, window, out: Path, opened: bool) -> int:
    """Save a picture of the window once the analysis has been shown (or failed)."""
    from PySide6.QtCore import QTimer

    outcome = {"code": 0}

    def save() -> None:
        window.grab().save(str(out))
        app.quit()

    def fail(message: str) -> None:
        print(f"article-viewer: {message}", file=sys.stderr)
        outcome["code"] = 1
        QTimer.singleShot(100, save)

    if not opened:
        fail(window.message_bar.text())
    else:
        window.analysis_shown.connect(lambda _analysis: QTimer.singleShot(300, save))
        window.analysis_failed.connect(fail)
        window.load_failed.connect(fail)  # a web address or PDF that failed in the background
        QTimer.singleShot(180_000, lambda: fail("the analysis did not finish within 3 minutes."))
    app.exec()
    window.close()
    return outcome["code"]
