"""`python -m viewer analyze --json` for every kind of input, and an error object for each bad one."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.pages import PARAGRAPHS, TITLE, news_page
from tests.pdfmaker import article_pages, make_pdf, make_scanned_pdf, wrap

ROOT = Path(__file__).resolve().parent.parent


def test_every_kind_of_input_and_errors_carry_on(tmp_path, local_server):
    html = tmp_path / "page.html"
    html.write_text(news_page(), encoding="utf-8")
    md = tmp_path / "story.md"
    md.write_text(f"# {TITLE}\n\n{PARAGRAPHS[0]}\n\n{PARAGRAPHS[2]}\n", encoding="utf-8")
    pdf = tmp_path / "story.pdf"
    pdf.write_bytes(make_pdf(article_pages([[TITLE]] + [wrap(p, 80) for p in PARAGRAPHS], 40)))
    latin = tmp_path / "latin.txt"
    latin.write_bytes("\n\n".join([TITLE] + PARAGRAPHS).replace("Okafor", "Müller").encode("latin-1"))
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(make_scanned_pdf())
    url = local_server.page("/story", news_page(title="Served story"))
    missing_url = local_server.url("/gone")
    inputs = [str(html), str(md), str(pdf), str(latin), url, str(scan), missing_url, str(tmp_path / "none.txt")]
    done = subprocess.run([sys.executable, "-m", "viewer", "analyze", "--json", *inputs],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert done.returncode == 1, done.stderr
    results = [json.loads(line) for line in done.stdout.splitlines()]
    assert [r["source"] for r in results] == inputs
    good, bad = results[:5], results[5:]
    for result in good:
        assert "error" not in result, result
        for mention in result["mentions"]:
            assert result["text"][mention["start"]:mention["end"]] == mention["text"]
    assert [r["title"] for r in good] == [TITLE, TITLE, TITLE, TITLE, "Served story"]
    assert good[0]["site"] == "Riverton Courier" and good[0]["author"] == "Jane Holloway"
    assert "Müller" in good[3]["text"]
    assert any(m["text"] == "Riverton" for m in good[4]["mentions"])
    for result in bad:
        assert set(result) == {"source", "error"}
    assert "scanned" in bad[0]["error"] and "404" in bad[1]["error"] and "no file" in bad[2]["error"]
    assert "Traceback" not in done.stderr


def test_window_opens_a_web_address_from_the_command_line(tmp_path, local_server):
    url = local_server.page("/story", news_page(title="Command line story"))
    out = tmp_path / "shot.png"
    env = {**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-m", "viewer", "--screenshot", str(out), url],
                          capture_output=True, text=True, cwd=ROOT, env=env, timeout=300)
    assert done.returncode == 0, done.stderr
    assert out.stat().st_size > 10_000
    assert local_server.paths() == ["/story"]

    bad = subprocess.run([sys.executable, "-m", "viewer", "--screenshot", str(out), local_server.url("/missing")],
                         capture_output=True, text=True, cwd=ROOT, env=env, timeout=300)
    assert bad.returncode == 1
    assert "404 Not Found" in bad.stderr and "Traceback" not in bad.stderr
