"""The headless command line, run as a user would run it."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "viewer", "analyze", "--json", *args],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)


def test_json_lines_for_each_file_and_an_error_line(sample_path, tmp_path):
    other = tmp_path / "other.txt"
    other.write_text("Paris talks\n\nFrench President Emmanuel Macron met Angela Merkel in Berlin on Tuesday.\n",
                     encoding="utf-8")
    missing = tmp_path / "missing.txt"
    done = run_cli(str(sample_path), str(missing), str(other))
    assert done.returncode == 1
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert [line["source"] for line in lines] == [str(sample_path), str(missing), str(other)]
    sample, error, good = lines
    assert sample["title"].startswith("Khusro Bakhtyar")
    for mention in sample["mentions"]:
        assert sample["text"][mention["start"]:mention["end"]] == mention["text"]
    assert set(error) == {"source", "error"} and "missing.txt" in error["error"]
    assert "missing.txt" in done.stderr and "Traceback" not in done.stderr
    assert any(m["text"] == "Berlin" for m in good["mentions"])


def test_all_good_files_exit_zero(sample_path):
    done = run_cli(str(sample_path))
    assert done.returncode == 0, done.stderr
    assert len(done.stdout.splitlines()) == 1
