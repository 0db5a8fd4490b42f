"""How much of a web page's text the HTML loader keeps, against bare trafilatura on the same pages.

    python benchmarks/loader_vs_trafilatura.py PAGES [--truth truth.json] [--checkout DIR] [--show N] [--jsonld]

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

Speed: the CPU time of the loader and of bare trafilatura on each page, in the
same run, is printed as the median per page and their ratio (the loader's own
work on top of trafilatura's: decoding, the walk, sorting out the furniture).

With --jsonld, pages that carry the article in their JSON-LD data (schema.org
"articleBody") are listed with the length of that text against the loader's
and, with --truth, the F1 of each against the marked body: whether to trust
articleBody when the extracted text is much shorter.
"""
from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import statistics
import tempfile
import time
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


def jsonld_bodies(html: str) -> list[str]:
    """The schema.org articleBody texts in the page's JSON-LD blocks."""
    from lxml import html as lxml_html

    try:
        tree = lxml_html.fromstring(html)
    except (ValueError, TypeError):
        return []
    found = []
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            stack = [json.loads(script.text_content())]
        except ValueError:
            continue
        while stack:
            item = stack.pop()
            if isinstance(item, dict):
                if isinstance(item.get("articleBody"), str) and item["articleBody"].strip():
                    found.append(item["articleBody"])
                stack.extend(item.values())
            elif isinstance(item, list):
                stack.extend(item)
    return found


def f1(shown: Counter, body: Counter) -> float:
    hits = common(shown, body)
    p = hits / sum(shown.values()) if shown else 0.0
    r = hits / sum(body.values()) if body else 1.0
    return 2 * p * r / (p + r) if p + r else 0.0


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
    parser.add_argument("--jsonld", action="store_true", help="compare with the pages' JSON-LD articleBody")
    args = parser.parse_args()
    sys.path.insert(0, str((args.checkout or Path(__file__).resolve().parent.parent).resolve()))
    from viewer.core.errors import ArticleError
    from viewer.core.loaders import load
    from viewer.core.loaders.html import decode_html

    truth = json.loads(args.truth.read_text()) if args.truth else {}
    rows, structured = [], []
    bare_seconds: list[float] = []
    loader_seconds: list[float] = []
    with tempfile.TemporaryDirectory() as scratch:
        for page in page_files(args.pages, Path(scratch)):
            name = page.name.split(".")[0]
            html = decode_html(page.read_bytes(), page.name)
            started = time.process_time()
            bare_text = bare_trafilatura(html)
            bare_seconds.append(time.process_time() - started)
            bare = grams(bare_text)
            started = time.process_time()
            article, ours = None, Counter()
            try:
                article = load(page)
            except ArticleError:
                pass
            finally:
                loader_seconds.append(time.process_time() - started)
            if article is not None:  # trafilatura's text has no headline; the loader's headline block is left out
                ours = grams("\n\n".join(article.text[block.start:block.end] for block in article.blocks
                                           if block.role.value != "headline"))
            if args.jsonld:
                bodies = jsonld_bodies(html)
                if bodies:
                    data = grams(max(bodies, key=len))
                    body_grams = grams(truth[name]["articleBody"]) if name in truth else None
                    structured.append((name, sum(data.values()) / max(sum(ours.values()), 1),
                                       f1(ours, body_grams) if body_grams else None,
                                       f1(data, body_grams) if body_grams else None))
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
    loader, bare_median = statistics.median(loader_seconds), statistics.median(bare_seconds)
    print(f"CPU per page, median: loader {loader * 1000:.1f} ms, bare trafilatura {bare_median * 1000:.1f} ms, "
          f"ratio {loader / bare_median:.2f}")
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
    if args.jsonld:
        print(f"pages with a JSON-LD articleBody: {len(structured)}; articleBody more than 1.5 times the "
              f"loader's text on {sum(ratio > 1.5 for _, ratio, _, _ in structured)}")
        for name, ratio, ours_f1, data_f1 in structured:
            scores = f"; F1 loader {ours_f1:.3f}, articleBody {data_f1:.3f}" if ours_f1 is not None else ""
            print(f"  {name[:16]:16} articleBody/loader length {ratio:.2f}{scores}")


if __name__ == "__main__":
    main()
