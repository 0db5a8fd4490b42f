"""How long opening an article takes, per kind of input, against plain text in the same run.

    python benchmarks/loaders.py [--runs 9]

Inputs are made here (the project's own test helpers; no third-party text):
the sample article as plain text (the baseline), the same story as a saved web
page with menus, ads and comments, as Markdown, as a 3-page and a 40-page PDF,
and the web page served by a local HTTP server on 127.0.0.1. Each line gives
the median time of load(), and its ratio to the baseline's median.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.pages import PARAGRAPHS, TITLE, news_page  # noqa: E402
from tests.pdfmaker import article_pages, make_pdf, wrap  # noqa: E402
from viewer.core.loaders import load  # noqa: E402
from viewer.paths import default_article  # noqa: E402


def _inputs(folder: Path, server_url: str) -> dict[str, str]:
    page = folder / "page.html"
    page.write_text(news_page(paragraphs=PARAGRAPHS * 3), encoding="utf-8")
    md = folder / "story.md"
    md.write_text(f"# {TITLE}\n\n" + "\n\n".join(PARAGRAPHS * 3), encoding="utf-8")
    paragraphs = [[TITLE]] + [wrap(p, 80) for p in PARAGRAPHS * 3]
    short = folder / "short.pdf"
    short.write_bytes(make_pdf(article_pages(paragraphs, 20)))
    long = folder / "long.pdf"
    long.write_bytes(make_pdf(article_pages(paragraphs * 13, 45)))
    return {"txt (baseline)": str(default_article()), "html": str(page), "md": str(md),
            "pdf 3 pages": str(short), "pdf 40 pages": str(long), "url (local html)": server_url}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    body = news_page(paragraphs=PARAGRAPHS * 3).encode("utf-8")

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *_args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    with tempfile.TemporaryDirectory() as folder:
        inputs = _inputs(Path(folder), f"http://127.0.0.1:{server.server_address[1]}/story")
        for source in inputs.values():
            load(source)  # imports (trafilatura, pypdf...) happen once, not in the timings
        times: dict[str, list[float]] = {name: [] for name in inputs}
        for _ in range(args.runs):
            for name, source in inputs.items():  # interleaved, so load changes hit every kind alike
                started = time.perf_counter()
                article = load(source)
                times[name].append(time.perf_counter() - started)
                assert article.text
        base = statistics.median(times["txt (baseline)"])
        for name, values in times.items():
            median = statistics.median(values)
            print(f"{name:18s} median {median * 1000:8.1f} ms   ratio {median / base:6.1f}x")
    server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
