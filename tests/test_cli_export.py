"""`python -m viewer analyze --format ... --output DIR`, and the --json lines checked against the schema."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import html5lib
import jsonschema
import pytest

from viewer.paths import resources_dir

ROOT = Path(__file__).resolve().parent.parent


def analyze(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "viewer", "analyze", *args],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)


def validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(json.loads((resources_dir() / "analysis.schema.json").read_text("utf-8")))


def without_timing(data: dict) -> dict:
    return {key: value for key, value in data.items() if key != "seconds"}


@pytest.fixture(scope="module")
def json_lines(sample_path, tmp_path_factory):
    """`analyze --json` of the sample and of a missing file, run once for this module."""
    missing = tmp_path_factory.mktemp("cli") / "missing.txt"
    done = analyze("--json", str(sample_path), str(missing))
    assert done.returncode == 1
    return [json.loads(line) for line in done.stdout.splitlines()]


def test_json_lines_validate_against_the_schema(json_lines):
    assert len(json_lines) == 2 and "error" in json_lines[1]
    for line in json_lines:
        validator().validate(line)


def test_each_format_is_written_like_the_window_writes_it(sample_path, tmp_path, json_lines):
    out = tmp_path / "out"
    for fmt in ("html", "json", "md"):
        done = analyze("--format", fmt, "--output", str(out), str(sample_path))
        assert done.returncode == 0, done.stderr
        target = out / (sample_path.stem + "." + fmt)
        assert done.stdout.strip() == str(target)
    page = (out / f"{sample_path.stem}.html").read_text(encoding="utf-8")
    html5lib.HTMLParser(strict=True).parse(page)
    assert "Khusro Bakhtyar Invites" in page

    exported = json.loads((out / f"{sample_path.stem}.json").read_text(encoding="utf-8"))
    validator().validate(exported)
    assert without_timing(exported) == without_timing(json_lines[0])

    notes = (out / f"{sample_path.stem}.md").read_text(encoding="utf-8")
    for point in exported["key_points"]:
        assert point["text"][:40].replace("_", "\\_") in notes
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{sample_path.stem}.{f}" for f in ("html", "json", "md"))


def test_existing_files_need_force(sample_path, tmp_path):
    out = tmp_path / "out"
    other = tmp_path / "other.txt"
    other.write_text("Talks in Paris\n\nEmmanuel Macron met Angela Merkel in Berlin on Tuesday with 42 reporters.\n",
                     encoding="utf-8")
    first = analyze("--format", "md", "--output", str(out), str(sample_path))
    assert first.returncode == 0, first.stderr
    target = out / f"{sample_path.stem}.md"
    target.write_text("my own notes", encoding="utf-8")

    # The existing file is kept and reported; the other input is still written.
    second = analyze("--format", "md", "--output", str(out), str(sample_path), str(other))
    assert second.returncode == 1
    assert target.read_text(encoding="utf-8") == "my own notes"
    assert "already exists" in second.stderr and "--force" in second.stderr
    assert len(second.stderr.strip().splitlines()) == 1 and "Traceback" not in second.stderr
    notes = (out / "other.md").read_text(encoding="utf-8")
    assert "| Angela Merkel | People | PERSON | 1 |" in notes
    assert "| 42 |" not in notes and "Not shown: Numbers." in notes  # hidden by default, as in the window

    third = analyze("--format", "md", "--force", "--include-hidden", "--output", str(out), str(sample_path),
                    str(other))
    assert third.returncode == 0, third.stderr
    assert target.read_text(encoding="utf-8").startswith("# Khusro Bakhtyar Invites")
    assert "| 42 | Numbers | CARDINAL | 1 |" in (out / "other.md").read_text(encoding="utf-8")


def test_output_that_is_a_file_is_refused(sample_path, tmp_path):
    blocker = tmp_path / "notes.txt"
    blocker.write_text("x", encoding="utf-8")
    done = analyze("--format", "html", "--output", str(blocker), str(sample_path))
    assert done.returncode == 1
    assert "is a file, not a folder" in done.stderr and "Traceback" not in done.stderr
    assert blocker.read_text(encoding="utf-8") == "x"
