"""The headless command line: `python -m viewer analyze --json FILE_OR_URL...`.

It loads the language model once, prints one JSON object per input on its own
line, reports unreadable inputs as {"source", "error"} objects and exits 1 if
any input failed. It never imports Qt.
"""
from __future__ import annotations

import argparse
import json
import sys
from typing import TextIO

from .core.errors import ArticleError, ModelError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m viewer analyze",
        description="Analyse articles without a window and print the results.",
    )
    parser.add_argument("inputs", nargs="+", metavar="FILE_OR_URL", help="articles to analyse")
    parser.add_argument("--json", action="store_true", default=True,
                        help="print one JSON object per article, one per line (the default)")
    return parser


def main(argv: list[str], out: TextIO = sys.stdout, err: TextIO = sys.stderr) -> int:
    args = build_parser().parse_args(argv)
    from .core.loaders import load
    from .core.model import load_model
    from .core.pipeline import analyze

    nlp = None
    failed = False
    for source in args.inputs:
        try:
            article = load(source)
            if nlp is None:
                nlp = load_model()
            result = analyze(article, nlp).to_dict()
            result["source"] = source
        except ModelError as error:
            err.write(f"{error}\n")
            return 2
        except ArticleError as error:
            failed = True
            result = {"source": source, "error": str(error)}
            err.write(f"{source}: {error}\n")
        out.write(json.dumps(result, ensure_ascii=False) + "\n")
        out.flush()
    return 1 if failed else 0
