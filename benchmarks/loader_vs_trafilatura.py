"""How much of a web page's text the HTML loader keeps, against bare trafilatura on the same pages.

    python benchmarks/loader_vs_trafilatura.py PAGES [--truth truth.json] [--checkout DIR] [--show N]

PAGES is a folder of saved pages (NAME.html or NAME.html.gz). For each page the
loader (viewer.core.loaders.load, from this checkout or from --checkout DIR, such as
an older commit exported with `git worktree add`) and trafilatura's own text
output with the same options are compared by word 4-grams (lower-cased \\w+
words, counted with repeats, as the article-extraction benchmark does):

- kept: the share of trafilatura's 4-grams that the loader's text has;
- pages where the loader keeps less than 99 % of trafilatura's text.

The loader's headline block is left out (trafilatura's text has none).

With --truth (a JSON object {NAME: {"articleBody": ...}}, the marked article
bodies), trafilatura's text is split in two: what is in the article body and
what is not. Then "article lost" is the share of trafilatura's article 4-grams
the loader does not show (a loss), and "chrome removed" the share of its
non-article 4-grams the loader leaves out (a gain); and the word-4-gram
precision, recall and F1 of each against the article body are printed.
"""
from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import tempfile
from collections import Counter
from pathlib import Path


def grams(text: str, n: int = 4) -> Counter:
    words = re.findall(r"\w+", text.lower())
    return Counter(tuple(words[i:i + n]) for i in range(max(len(words) - n + 1, 0)))


def common(a: Counter, b: Counter) -> int:
    return sum(min(count, b[g]) for g, count in a.items())


def page_files(folder: Path, scratch: Path) -> list[Path]:
    pages = []
    for path in sorted(folder.iterdir()):
        if path.name.endswith(".html.gz"):
            target = scratch / path.name[:-3]
            target.write_bytes(gzip.decompress(path.read_bytes()))
            pages.append(target)
        elif path.suffix in (".html", ".htm"):
            pages.append(path)
    return pages


def bare_trafilatura(html: str) -> str:
    import trafilatura

    return trafilatura.extract(html, include_comments=False, include_tables=True, include_links=False,
                               include_images=False, include_formatting=False, output_format="txt") or ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("pages", type=Path)
    parser.add_argument("--truth", type=Path)
    parser.add_argument("--checkout", type=Path, help="measure the loader of another checkout")
    parser.add_argument("--show", type=int, default=0, help="list the N pages where the loader keeps least")
    args = parser.parse_args()
    sys.path.insert(0, str((args.checkout or Path(__file__).resolve().parent.parent).resolve()))
    from viewer.core.errors import ArticleError
    from viewer.core.loaders import load
    from viewer.core.loaders.html import decode_html

    truth = json.loads(args.truth.read_text()) if args.truth else {}
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        for page in page_files(args.pages, Path(scratch)):
            name = page.name.split(".")[0]
            bare = grams(bare_trafilatura(decode_html(page.read_bytes(), page.name)))
            try:
                article = load(page)
            except ArticleError:
                ours = Counter()
            else:  # trafilatura's text has no headline; the loader's headline block is left out here too
                ours = grams("\n\n".join(article.text[block.start:block.end] for block in article.blocks
                                           if block.role.value != "headline"))
            row = {"name": name, "bare": sum(bare.values()), "kept": common(bare, ours)}
            if name in truth:
                body = grams(truth[name]["articleBody"])
                in_body = Counter({g: min(c, body[g]) for g, c in bare.items() if body[g]})
                outside = bare - in_body
                row.update(article=sum(in_body.values()), article_kept=common(in_body, ours),
                           chrome=sum(outside.values()), chrome_kept=common(outside, ours),
                           body=sum(body.values()), bare_hits=common(bare, body), ours_hits=common(ours, body),
                           ours_total=sum(ours.values()))
            rows.append(row)
    n = len(rows)
    kept = [r["kept"] / r["bare"] if r["bare"] else 1.0 for r in rows]
    short = [r for r, k in zip(rows, kept, strict=True) if k < 0.99]
    print(f"{n} pages; loader keeps {sum(kept) / n:.3f} of trafilatura's text on average; "
          f"pages where it keeps under 99 %: {len(short)}, under 90 %: {sum(k < 0.9 for k in kept)}")
    for row, share in sorted(zip(rows, kept, strict=True), key=lambda pair: pair[1])[:args.show]:
        print(f"  {row['name'][:16]:16} keeps {share:.3f} of {row['bare']} 4-grams")
    judged = [r for r in rows if "article" in r]
    if judged:
        lost = [1 - r["article_kept"] / r["article"] for r in judged if r["article"]]
        removed = [1 - r["chrome_kept"] / r["chrome"] for r in judged if r["chrome"]]
        print(f"against the marked article bodies ({len(judged)} pages): article text lost {sum(lost) / len(lost):.3f} "
              f"on average, on {sum(x > 0.01 for x in lost)} pages more than 1 %; "
              f"non-article text removed {sum(removed) / max(len(removed), 1):.3f} on average "
              f"({len(removed)} pages have some)")
        for label, hits, total in (("trafilatura", "bare_hits", "bare"), ("loader", "ours_hits", "ours_total")):
            p = sum(r[hits] / r[total] if r[total] else 0.0 for r in judged) / len(judged)
            rec = sum(r[hits] / r["body"] if r["body"] else 1.0 for r in judged) / len(judged)
            print(f"  {label:12} P {p:.3f} R {rec:.3f} F1 {2 * p * rec / (p + rec) if p + rec else 0.0:.3f}")
        worst = sorted((1 - r["article_kept"] / r["article"], r["name"]) for r in judged if r["article"])[::-1]
        for share, name in worst[:args.show]:
            if share > 0:
                print(f"  {name[:16]:16} loses {share:.3f} of trafilatura's article text")


if __name__ == "__main__":
    main()
