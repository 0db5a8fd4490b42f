"""`python -m viewer library ...`: the library from the command line.

    library import PATH...                 files, folders (recursively) and web addresses, on every core
    library list [--json]                  every article, newest first
    library search "QUERY" [--json]        full text (and your notes), best first
    library entity "NAME" [--json]         the articles that mention an entity, under any of its names
    library export ID --format md|html|json [--output FILE]
    library remove ID

With --json each result is one JSON object on its own line: list and search
give id, title, source and date (search adds snippet); entity gives id, title,
date and count. Errors are one sentence on stderr with a non-zero exit status:
1 for a problem with the input or the library, 2 when no language model can be
loaded, 130 when an import is cancelled with Ctrl+C (what was stored stays).
The library is the one the window uses ($ARTICLE_VIEWER_LIBRARY overrides its
folder). It never imports Qt.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from typing import TextIO

EXIT_CANCELLED = 130


def build_parser() -> argparse.ArgumentParser:
    from .core.library import default_folder

    parser = argparse.ArgumentParser(
        prog="python -m viewer library",
        description="Your library of articles: import them, list them, search them, follow an entity across "
                    "them, export or remove one. The window uses the same library.",
        epilog=f"The library is the file library.sqlite3 in {default_folder()} (set ARTICLE_VIEWER_LIBRARY to "
               "another folder to use that one).")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    command = commands.add_parser("import", help="analyse files, folders (recursively) or web addresses and store "
                                                 "them; what is already in is skipped")
    command.add_argument("paths", nargs="+", metavar="PATH", help="article files, folders or web addresses")
    command.add_argument("--workers", type=int, metavar="N",
                         help="analysis processes to run at once (default: one per core)")

    command = commands.add_parser("list", help="every article in the library, newest first")
    command.add_argument("--json", action="store_true", help="one JSON object per article: id, title, source, date")
    command.add_argument("--limit", type=int, metavar="N", help="at most N articles")

    command = commands.add_parser("search", help="search the articles' text, titles and your notes, best first")
    command.add_argument("query", metavar="QUERY",
                         help="words (all must occur), \"a phrase\", OR, NOT, prefix*; anything else is "
                              "searched as words")
    command.add_argument("--json", action="store_true",
                         help="one JSON object per article: id, title, source, date, snippet")
    command.add_argument("--limit", type=int, metavar="N", help="at most N articles")

    command = commands.add_parser("entity", help="the articles that mention an entity, under any of its names")
    command.add_argument("name", metavar="NAME", help="a name as the articles write it, e.g. \"JICA\"")
    command.add_argument("--json", action="store_true", help="one JSON object per article: id, title, date, count")

    command = commands.add_parser("export", help="write one article with its entities, key points, highlights "
                                                 "and notes")
    command.add_argument("id", type=int, metavar="ID", help="the article's id (from list or search)")
    command.add_argument("--format", required=True, choices=("md", "html", "json"),
                         help="Markdown, a standalone web page, or JSON data")
    command.add_argument("--output", metavar="FILE", help="write to FILE instead of printing it")
    command.add_argument("--force", action="store_true", help="replace FILE if it exists")

    command = commands.add_parser("remove", help="forget an article, with its highlights and notes")
    command.add_argument("id", type=int, metavar="ID", help="the article's id (from list or search)")
    return parser


def main(argv: list[str], out: TextIO = sys.stdout, err: TextIO = sys.stderr) -> int:
    args = build_parser().parse_args(argv)
    from .core.library import Library, LibraryError

    try:
        library = Library()
    except LibraryError as error:
        err.write(f"{error}\n")
        return 1
    try:
        return COMMANDS[args.command](library, args, out, err)
    except LibraryError as error:
        err.write(f"{error}\n")
        return 1
    except BrokenPipeError:
        # The reader of the output left (`... | head`): say nothing more, as other tools do.
        if out is sys.stdout:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        return 1
    finally:
        library.close()


def _import(library, args, out: TextIO, err: TextIO) -> int:
    from .core.errors import ModelError
    from .core.library.importing import import_sources

    bar = None
    written_failures = 0

    def progress(done: int, total: int, outcome) -> None:
        nonlocal bar, written_failures
        if outcome is not None and outcome.error:
            _say(bar, err, f"{outcome.source}: {outcome.error}")
            written_failures += 1
        if bar is None and total and out.isatty():
            from tqdm import tqdm

            bar = tqdm(total=total, initial=done, unit="article", desc="Importing", file=out, dynamic_ncols=True,
                       smoothing=0.1)
        elif bar is not None:
            bar.update(done - bar.n)

    try:
        report = import_sources(library, args.paths, workers=args.workers, on_progress=progress)
    except ModelError as error:
        _close(bar)
        err.write(f"{error}\n")
        return 2
    except KeyboardInterrupt:  # while the folders were still being listed: nothing was stored
        _close(bar)
        err.write("Import cancelled before any article was stored.\n")
        return EXIT_CANCELLED
    _close(bar)
    for source, problem in report.failed[:len(report.failed) - written_failures]:
        err.write(f"{source}: {_sentence(problem)}\n")
    if report.cancelled:
        left = report.found - report.done
        err.write(f"Import cancelled: {_articles(report.stored)} stored now, {left} not yet; "
                  "run the same command again to import the rest.\n")
        return EXIT_CANCELLED
    parts = [f"Stored {_articles(report.stored)}"]
    if report.already:
        parts.append(f"{report.already} already in the library")
    if report.failed:
        parts.append(f"{len(report.failed)} could not be read")
    out.write(f"{'; '.join(parts)} ({report.seconds:.1f} s). The library “{library.path}” holds "
              f"{_articles(library.count())} in {library.size_bytes() / 1e6:.1f} MB.\n")
    return 1 if report.failed else 0


def _say(bar, err: TextIO, line: str) -> None:
    if bar is not None:
        bar.write(line, file=err)
    else:
        err.write(line + "\n")


def _close(bar) -> None:
    if bar is not None:
        bar.close()


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else text + "."


def _articles(count: int) -> str:
    return f"{count} article" if count == 1 else f"{count} articles"


def _list(library, args, out: TextIO, err: TextIO) -> int:
    page = 500
    shown = 0
    limit = args.limit if args.limit is not None else float("inf")
    while shown < limit:
        rows = library.summaries(offset=shown, limit=int(min(page, limit - shown)))
        for summary in rows:
            if args.json:
                out.write(_json({"id": summary.id, "title": summary.title, "source": summary.source,
                                 "date": summary.date}))
            else:
                out.write(f"{summary.id:>6}  {summary.date[:10]:<10}  {_title(summary)}{_where(summary)}\n")
        shown += len(rows)
        if len(rows) < page:
            break
    if not shown and not args.json:
        err.write("The library is empty; add articles with “python -m viewer library import PATH”.\n")
    return 0


def _search(library, args, out: TextIO, err: TextIO) -> int:
    page = 200
    shown = 0
    limit = args.limit if args.limit is not None else float("inf")
    bold = out.isatty() and not args.json
    while shown < limit:
        hits = library.search(args.query, offset=shown, limit=int(min(page, limit - shown)))
        for hit in hits:
            summary = hit.summary
            if args.json:
                out.write(_json({"id": summary.id, "title": summary.title, "source": summary.source,
                                 "date": summary.date, "snippet": hit.snippet}))
            else:
                out.write(f"{summary.id:>6}  {summary.date[:10]:<10}  {_title(summary)}{_where(summary)}\n")
                out.write(f"{'':>8}{_marked(hit.snippet, hit.marks, bold)}\n")
        shown += len(hits)
        if len(hits) < page:
            break
    if not shown and not args.json:
        err.write(f"No article in the library matches “{args.query}”.\n")
    return 0


def _entity(library, args, out: TextIO, err: TextIO) -> int:
    from .core.library import EntityQuery

    query = EntityQuery.of(args.name)
    page = 500
    shown = 0
    while True:
        rows = library.entity_articles(query, offset=shown, limit=page)
        for row in rows:
            summary = row.summary
            if args.json:
                out.write(_json({"id": summary.id, "title": summary.title, "date": summary.date,
                                 "count": row.count}))
            else:
                out.write(f"{summary.id:>6}  {summary.date[:10]:<10}  {row.count:>4}×  {_title(summary)}"
                          f"  [{', '.join(row.names)}]\n")
        shown += len(rows)
        if len(rows) < page:
            break
    if not shown and not args.json:
        err.write(f"No article in the library names “{args.name}”.\n")
    return 0


def _export(library, args, out: TextIO, err: TextIO) -> int:
    from .core.library.notes import export_entry

    data = export_entry(library.entry(args.id), args.format)
    if args.output is None:
        out.write(data)
        return 0
    from .core.export import ExportExistsError, describe_write_error, write_export

    try:
        write_export(args.output, data, overwrite=args.force)
    except ExportExistsError:
        err.write(f"“{args.output}” already exists; use --force to replace it.\n")
        return 1
    except OSError as error:
        err.write(describe_write_error(args.output, error) + "\n")
        return 1
    out.write(f"{args.output}\n")
    return 0


def _remove(library, args, out: TextIO, err: TextIO) -> int:
    summary = library.summary(args.id)
    if summary is None or not library.remove(args.id):
        err.write(f"There is no article {args.id} in the library.\n")
        return 1
    out.write(f"Removed article {args.id} (“{_title(summary)}”) with its highlights and notes.\n")
    return 0


def _json(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False) + "\n"


def _title(summary) -> str:
    return summary.title or summary.source or "Untitled"


def _where(summary) -> str:
    return f"  ({summary.site})" if summary.site else ""


def _marked(snippet: str, marks, bold: bool) -> str:
    if not bold or not marks:
        return snippet
    parts, position = [], 0
    for start, end in marks:
        parts += [snippet[position:start], "\x1b[1m", snippet[start:end], "\x1b[0m"]
        position = end
    parts.append(snippet[position:])
    return "".join(parts)


COMMANDS = {"import": _import, "list": _list, "search": _search, "entity": _entity, "export": _export,
            "remove": _remove}
