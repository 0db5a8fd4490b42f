"""Start the desktop app: command line, QApplication identity, the window and the first article.

The window appears with the article's text straight away; the language model
loads in the background from launch, and entities follow when it is ready.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import APP_ID, APP_NAME, ORGANISATION, __version__, crash


class UsageError(Exception):
    """A bad command line, reported by main() rather than by argparse's exit."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse would print and exit, unseen with no terminal
        raise UsageError(message)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="article-viewer",
        description="Read a news article with its named entities highlighted and its key points listed.",
        epilog="Use “python -m viewer analyze --json FILE...” to analyse articles without a window.",
    )
    parser.add_argument("source", nargs="?", metavar="FILE", help="the article to open (default: the sample article)")
    parser.add_argument("--screenshot", metavar="OUT.png",
                        help="open the window, wait for the analysis, save a picture of the window and exit")
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the app; every failure ends as a message the user sees (dialog, stderr and the log)."""
    argv = sys.argv[1:] if argv is None else list(argv)
    crash.install()
    crash.log_started(argv)
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except UsageError as error:
        parser.print_usage(sys.stderr)
        crash.startup_failed(f"The command line was not understood: {error}; "
                             "“article-viewer --help” lists the options.", usage=True)
        return 2
    try:
        return _run(args)
    except Exception as error:  # before the event loop: nothing else would tell the user
        crash.startup_failed(f"{APP_NAME} could not start ({type(error).__name__}: {error}).", error)
        return 1


def _run(args: argparse.Namespace) -> int:
    from .paths import default_article

    source = args.source or str(default_article())
    if args.screenshot is None and args.source and not Path(args.source).exists():
        # Still open the window, which says what is wrong; but a terminal user sees it here too.
        print(f"article-viewer: there is no file “{args.source}”.", file=sys.stderr)

    crash.install_qt_message_handler()  # before QApplication: Qt aborts if it cannot reach a display
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from .paths import resources_dir
    from .ui.main_window import MainWindow
    from .ui.worker import AnalysisService

    app = QApplication.instance() or QApplication([sys.argv[0]])
    crash.install_qt()
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORGANISATION)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_ID)
    icon = resources_dir() / "icons" / "article-viewer.svg"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))

    service = AnalysisService()
    service.preload_model()
    window = MainWindow(service)
    window.show()
    opened = window.open_source(source)
    if args.screenshot:
        return _screenshot(app, window, Path(args.screenshot), opened, service)
    code = app.exec()
    service.shutdown()
    return code


def _screenshot(app, window, out: Path, opened: bool, service) -> int:
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
        QTimer.singleShot(180_000, lambda: fail("the analysis did not finish within 3 minutes."))
    app.exec()
    service.shutdown()
    return outcome["code"]
