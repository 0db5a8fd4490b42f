"""`python -m viewer library ...`: the commands on a real library file, in process and as a user runs them."""
from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from viewer.library_cli import main

ROOT = Path(__file__).resolve().parent.parent


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def run(*argv: str, out=None) -> tuple[int, str, str]:
    out = out if out is not None else io.StringIO()
    err = io.StringIO()
    status = main(list(argv), out, err)
    return status, out.getvalue(), err.getvalue()


def json_lines(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines()]


def test_list_gives_every_article_as_json_lines(filled_library, corpus_analyses):
    status, out, err = run("list", "--json")
    assert status == 0 and err == ""
    rows = json_lines(out)
    assert all(set(row) == {"id", "title", "source", "date"} for row in rows)
    assert sorted(row["title"] for row in rows) == sorted(a.title for a in corpus_analyses)
    assert {row["source"] for row in rows} == {a.source for a in corpus_analyses}
    status, out, _ = run("list")
    assert status == 0 and "Merkel hosts Libya conference in Berlin  (reuters.com)" in out
    assert len(json_lines(run("list", "--json", "--limit", "2")[1])) == 2


def test_an_empty_library_says_how_to_fill_it(library):
    status, out, err = run("list")
    assert status == 0 and out == "" and "library import" in err
    assert run("list", "--json")[1:] == ("", "")


def test_search_gives_snippets_with_the_words(filled_library):
    status, out, err = run("search", "Merkel Berlin", "--json")
    assert status == 0 and err == ""
    rows = json_lines(out)
    assert [row["title"] for row in rows] == ["Merkel hosts Libya conference in Berlin"]
    assert set(rows[0]) == {"id", "title", "source", "date", "snippet"} and "Berlin" in rows[0]["snippet"]
    assert rows[0]["date"] == "2020-01-20"
    # On a terminal the matched words are bold.
    status, out, _ = run("search", "Toulouse", out=Terminal())
    assert "\x1b[1mToulouse\x1b[0m" in out


@pytest.mark.parametrize("query", ['oil "prices', "(((", "NOT", "a:b", "*", "", "'; --", "NEAR(x y, z)", "\\"])
def test_any_query_is_searched_without_an_error(filled_library, query):
    status, out, err = run("search", query, "--json")
    assert status == 0 and "Traceback" not in err
    assert all(set(row) >= {"id", "snippet"} for row in json_lines(out))


def test_no_match_is_said_in_one_sentence(filled_library):
    status, out, err = run("search", "zzyzx")
    assert status == 0 and out == "" and err == "No article in the library matches “zzyzx”.\n"


def test_entity_gives_every_article_that_names_it(filled_library):
    status, out, err = run("entity", "merkel", "--json")
    assert status == 0 and err == ""
    rows = json_lines(out)
    assert all(set(row) == {"id", "title", "date", "count"} for row in rows)
    assert [(row["date"], row["count"]) for row in rows] == [("2020-01-20", 3), ("2019-10-16", 3)]
    status, out, _ = run("entity", "Angela Merkel")
    assert status == 0 and "[Angela Merkel, Merkel]" in out
    status, out, err = run("entity", "Nobody Atall")
    assert status == 0 and out == "" and "No article in the library names “Nobody Atall”." in err


def test_export_prints_or_writes_the_article_with_its_notes(filled_library, corpus_analyses, tmp_path):
    article_id = filled_library.find(corpus_analyses[1].article)
    filled_library.add_highlight(article_id, 0, 7, "the port")
    status, out, _ = run("export", str(article_id), "--format", "md")
    assert status == 0 and out.startswith("# Karachi port upgrade") and "> Karachi\n\nthe port\n" in out
    status, out, _ = run("export", str(article_id), "--format", "json")
    assert json.loads(out)["highlights"][0]["note"] == "the port"
    target = tmp_path / "out.html"
    status, out, _ = run("export", str(article_id), "--format", "html", "--output", str(target))
    assert status == 0 and out == f"{target}\n" and "<blockquote><p>Karachi</p></blockquote>" in target.read_text()
    status, _, err = run("export", str(article_id), "--format", "html", "--output", str(target))
    assert status == 1 and err == f"“{target}” already exists; use --force to replace it.\n"
    assert run("export", str(article_id), "--format", "html", "--output", str(target), "--force")[0] == 0


def test_unknown_ids_are_one_sentence_and_a_failure(filled_library):
    assert run("export", "999", "--format", "md") == (1, "", "There is no article 999 in the library.\n")
    assert run("remove", "999") == (1, "", "There is no article 999 in the library.\n")


def test_remove_forgets_an_article(filled_library, corpus_analyses):
    article_id = filled_library.find(corpus_analyses[4].article)
    status, out, err = run("remove", str(article_id))
    assert status == 0 and out.startswith(f"Removed article {article_id} (“Toyota raises its profit forecast”)")
    assert run("search", "Toyota", "--json")[1] == ""


def test_a_damaged_library_is_one_sentence(tmp_path, monkeypatch):
    monkeypatch.setenv("ARTICLE_VIEWER_LIBRARY", str(tmp_path))
    (tmp_path / "library.sqlite3").write_bytes(b"garbage" * 1000)
    status, out, err = run("list")
    assert status == 1 and out == "" and err.count("\n") == 1 and "is damaged" in err


def test_an_import_with_everything_in_reads_nothing_and_shows_a_bar_on_a_terminal(filled_library, corpus_files,
                                                                                    monkeypatch):
    # No analysis may run: a model that cannot load would fail the import.
    monkeypatch.setenv("ARTICLE_VIEWER_MODEL", "/nonexistent/model")
    folder = str(corpus_files[0].parent)
    status, out, err = run("import", folder, out=Terminal())
    assert status == 0 and err == ""
    assert "Importing: 100%" in out and f"{len(corpus_files)}/{len(corpus_files)}" in out
    assert f"Stored 0 articles; {len(corpus_files)} already in the library" in out
    status, out, err = run("import", folder)
    assert status == 0 and "Importing" not in out and "%|" not in out


def test_import_stores_a_folder_once_and_says_what_it_could_not_read(tmp_path, corpus_files, monkeypatch):
    """The real command: worker processes analyse the files; a copy and an unreadable file are reported."""
    folder = tmp_path / "articles"
    shutil.copytree(corpus_files[0].parent, folder)
    shutil.copy(folder / "jica-bridge.txt", folder / "copy of the bridge story.txt")
    (folder / "nested").mkdir()
    (folder / "nested" / "broken.pdf").write_bytes(b"%PDF-1.4 not really a pdf")
    (folder / "notes.bin").write_bytes(b"\x00\x01")  # not an article extension: not imported from a folder
    env = dict(os.environ, ARTICLE_VIEWER_LIBRARY=str(tmp_path / "library"))
    done = subprocess.run([sys.executable, "-m", "viewer", "library", "import", str(folder), "--workers", "1"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr and "%|" not in done.stdout
    [problem] = done.stderr.splitlines()
    assert problem.startswith(f"{folder / 'nested' / 'broken.pdf'}: ")
    count = len(corpus_files)
    assert done.stdout.startswith(f"Stored {count} articles; 1 already in the library; 1 could not be read")
    listed = subprocess.run([sys.executable, "-m", "viewer", "library", "list", "--json"], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=60)
    assert len(json_lines(listed.stdout)) == count
