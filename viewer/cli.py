"""The headless command line: `python -m viewer analyze [--json | --format FMT --output DIR] FILE_OR_URL...`
and `python -m viewer corrections list|set|ignore|undo|clear` for the reader's entity corrections.

The inputs are read and analysed in the analysis pool's worker processes
(core/pool.py), as many as pay for themselves, each loading the model once;
results are printed in input order. With --json (the default) it prints one JSON
object per input on its own line and reports unreadable inputs as
{"source", "error"} objects. With --format it writes one export file per input
into a folder instead (the same files File > Export writes), never replacing a
file unless --force is given. Either way it exits 1 if any input failed. The
reader's corrections (core/corrections.py) apply to both. It never imports Qt.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TextIO

from .core.corrections import apply as apply_corrections
from .core.errors import ArticleError, ModelError


def build_parser() -> argparse.ArgumentParser:
    from .core.export import TEXT_FORMATS

    parser = argparse.ArgumentParser(
        prog="python -m viewer analyze",
        description="Analyse articles without a window and print the results, or write them as files.",
    )
    parser.add_argument("inputs", nargs="+", metavar="FILE_OR_URL", help="articles to analyse")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--json", action="store_true",
                      help="print one JSON object per article, one per line (the default)")
    mode.add_argument("--format", choices=TEXT_FORMATS,
                      help="write each article as a standalone web page (html), JSON data (json) or "
                           "Markdown notes (md) into the --output folder, named after the input")
    parser.add_argument("--output", metavar="DIR", type=Path,
                        help="the folder for --format files (default: the current folder)")
    parser.add_argument("--force", action="store_true", help="replace export files that already exist")
    parser.add_argument("--include-hidden", action="store_true",
                        help="also highlight and list the groups the window hides by default (Numbers)")
    return parser


def main(argv: list[str], out: TextIO = sys.stdout, err: TextIO = sys.stderr) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.format is None and (args.output is not None or args.force or args.include_hidden):
        parser.error("--output, --force and --include-hidden go with --format")
    from .core.corrections import CorrectionStore
    from .core.pool import AnalysisPool

    if args.format is not None and args.output is not None and args.output.exists() and not args.output.is_dir():
        err.write(f"The output “{args.output}” is a file, not a folder.\n")
        return 1

    failed = False
    written: set[Path] = set()
    corrections = CorrectionStore().list()
    try:
        # No lower priority here, unlike the window's workers: nothing waits on this process but its user.
        with AnalysisPool(nice=0) as pool:
            for outcome in pool.analyse_many(args.inputs, ordered=True):
                if outcome.error is not None:
                    failed = True
                    message = _error_sentence(outcome.error)
                    err.write(f"{outcome.source}: {message}\n")
                    if args.format is None:
                        out.write(json.dumps({"source": outcome.source, "error": message}, ensure_ascii=False) + "\n")
                        out.flush()
                    continue
                analysis = apply_corrections(outcome.analysis, corrections)
                if args.format is None:
                    out.write(json.dumps(analysis.to_dict(), ensure_ascii=False) + "\n")
                    out.flush()
                elif not _write_export(analysis, args, written, out, err):
                    failed = True
    except ModelError as error:
        err.write(f"{error}\n")
        return 2
    return 1 if failed else 0


def _error_sentence(error: Exception) -> str:
    """The one sentence for an input that could not be analysed."""
    from .core.pool import AnalysisFailed

    if isinstance(error, ArticleError):
        return str(error)
    message = str(error).rstrip(".")
    if isinstance(error, AnalysisFailed):  # a bug in the analysis, not in the input
        return f"The analysis failed unexpectedly ({message})."
    return f"{message}."


def _write_export(analysis, args: argparse.Namespace, written: set[Path], out: TextIO, err: TextIO) -> bool:
    """Write one input's export file; say on stderr in one sentence why not."""
    from .core.export import ExportExistsError, export_file_name, render, write_export
    from .core.groups import default_hidden_groups

    folder = args.output if args.output is not None else Path.cwd()
    name = Path(export_file_name(analysis, args.format))
    target = folder / name
    # Two inputs with the same name (a/x.txt, b/x.txt) must not replace each other's file.
    number = 2
    while target in written:
        target = folder / f"{name.stem}-{number}{name.suffix}"
        number += 1
    data = render(analysis, args.format, default_hidden_groups(), args.include_hidden)
    try:
        write_export(target, data, overwrite=args.force)
    except ExportExistsError:
        err.write(f"{analysis.source}: “{target}” already exists; use --force to replace it.\n")
        return False
    except OSError as error:
        err.write(f"{analysis.source}: could not write “{target}”: {(error.strerror or str(error)).lower()}.\n")
        return False
    written.add(target)
    out.write(f"{target}\n")
    out.flush()
    return True


def corrections_main(argv: list[str], out: TextIO = sys.stdout, err: TextIO = sys.stderr) -> int:
    """`python -m viewer corrections ...`: list, make and undo the reader's entity corrections."""
    from .core.corrections import CorrectionError, CorrectionStore
    from .core.groups import LABELS

    parser = argparse.ArgumentParser(
        prog="python -m viewer corrections",
        description="The entity corrections applied to every analysis (the window's “Change type…” and "
                    "“Not an entity”).")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("list", help="list the corrections, oldest first")
    change = commands.add_parser("set", help="from now on, NAME is of type LABEL")
    change.add_argument("name", metavar="NAME")
    change.add_argument("label", metavar="LABEL", help=f"one of {', '.join(LABELS)}")
    ignore = commands.add_parser("ignore", help="from now on, NAME is not an entity")
    ignore.add_argument("name", metavar="NAME")
    undo = commands.add_parser("undo", help="forget the correction of NAME (or the last one with --last)")
    target = undo.add_mutually_exclusive_group(required=True)
    target.add_argument("name", metavar="NAME", nargs="?")
    target.add_argument("--last", action="store_true", help="the most recent correction")
    commands.add_parser("clear", help="forget every correction")
    args = parser.parse_args(argv)

    store = CorrectionStore()
    try:
        if args.command == "list":
            for correction in store.list():
                out.write(correction.describe() + "\n")
        elif args.command == "set":
            out.write(store.change_type(args.name, args.label).describe() + "\n")
        elif args.command == "ignore":
            out.write(store.not_an_entity(args.name).describe() + "\n")
        elif args.command == "undo":
            undone = store.undo_last() if args.last else store.undo(args.name)
            if undone is None:
                err.write(f"No correction of “{args.name}” to undo.\n" if args.name else "No correction to undo.\n")
                return 1
            out.write(f"Undone: {undone.describe()}\n")
        elif args.command == "clear":
            out.write(f"Forgot {store.clear()} correction(s).\n")
    except CorrectionError as error:
        err.write(f"{error}\n")
        return 1
    except OSError as error:
        err.write(f"Could not save the corrections in “{store.path}”: {(error.strerror or str(error)).lower()}.\n")
        return 1
    return 0
