"""Hostile files, generated here (nothing binary is committed): each gets one clear sentence, in time.

Each hostile load runs in a child process with a hard time limit, so a hang
fails the test instead of freezing the suite, and the child reports its own
peak memory (resource.getrusage), so memory stays bounded too. Bounds: 10 s
and 300 MB above a baseline child for loading; analysis gets 60 s.
"""
from __future__ import annotations

import json
import os
import random
import socket
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from viewer.core.errors import ArticleError
from viewer.core.loaders import MAX_BYTES, load

from .strategies import minimal_pdf

ROOT = Path(__file__).resolve().parents[2]
LOAD_SECONDS = 10
ANALYSE_SECONDS = 60
EXTRA_MEGABYTES = 300

CHILD = textwrap.dedent("""
    import json, resource, sys, time
    started = time.monotonic()
    from viewer.core.errors import ArticleError
    from viewer.core.loaders import load
    outcome = {}
    options = {"timeout": float(sys.argv[3])} if len(sys.argv) > 3 else {}
    try:
        article = load(sys.argv[1], **options)
    except ArticleError as error:
        outcome["error"] = str(error)
    else:
        outcome["chars"] = len(article.text)
        outcome["head"] = article.text[:200]
        if sys.argv[2] == "analyse":
            from viewer.core.language_model import load_model
            from viewer.core.pipeline import analyze
            nlp = load_model()
            analysed = time.monotonic()
            try:
                analysis = analyze(article, nlp)
            except ArticleError as error:
                outcome["error"] = str(error)
            else:
                outcome["mentions"] = len(analysis.mentions)
            outcome["analyse_seconds"] = time.monotonic() - analysed
    outcome["seconds"] = time.monotonic() - started
    outcome["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(outcome))
""")


def run_child(path: Path | str, analyse: bool = False, url_timeout: float | None = None) -> dict:
    """Load (and maybe analyse) path in a fresh interpreter; fail on a hang, a traceback or a crash."""
    timeout = LOAD_SECONDS + (ANALYSE_SECONDS + 20 if analyse else 5)  # + interpreter and model start-up
    extra = [str(url_timeout)] if url_timeout is not None else []
    try:
        done = subprocess.run([sys.executable, "-c", CHILD, str(path), "analyse" if analyse else "load", *extra],
                              cwd=ROOT, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        pytest.fail(f"loading {path} hung for more than {timeout} s")
    assert done.returncode == 0, f"the child crashed:\n{done.stderr[-3000:]}"
    assert "Traceback" not in done.stderr
    outcome = json.loads(done.stdout.strip().splitlines()[-1])
    assert outcome["seconds"] - outcome.get("analyse_seconds", 0) < LOAD_SECONDS
    assert outcome.get("analyse_seconds", 0) < ANALYSE_SECONDS
    return outcome


@pytest.fixture(scope="module")
def baseline_mb(tmp_path_factory) -> float:
    small = tmp_path_factory.mktemp("baseline") / "small.txt"
    small.write_text("A headline\n\nA short article about Japan and Pakistan.\n", encoding="utf-8")
    return run_child(small)["peak_mb"]


def assert_refused(outcome: dict, *words: str) -> str:
    assert "error" in outcome, f"expected a refusal, got {outcome}"
    message = outcome["error"]
    assert "\n" not in message and message.endswith(".") and len(message) < 300
    for word in words:
        assert word in message, message
    return message


def assert_memory_bounded(outcome: dict, baseline_mb: float) -> None:
    assert outcome["peak_mb"] - baseline_mb < EXTRA_MEGABYTES, outcome


# -- bytes that are not an article --
def test_random_bytes(tmp_path, baseline_mb):
    path = tmp_path / "noise.txt"
    path.write_bytes(random.Random(9).randbytes(1 << 20))
    outcome = run_child(path)
    assert_refused(outcome, "noise.txt")
    assert_memory_bounded(outcome, baseline_mb)


def test_nul_bytes(tmp_path):
    path = tmp_path / "zeros.txt"
    path.write_bytes(b"\x00" * (1 << 20))
    assert_refused(run_child(path), "zeros.txt")


def test_stray_nul_bytes_in_text_never_reach_the_text(tmp_path):
    path = tmp_path / "stray.txt"
    path.write_bytes(b"Headline\n\n" + b"Japan and Pakistan signed a deal. " * 200 + b"\x00\x00 The end.\n")
    outcome = run_child(path)
    if "error" in outcome:
        assert_refused(outcome, "stray.txt")
    else:
        assert "\x00" not in outcome["head"]


def test_200_mb_file_fails_fast_without_being_read(tmp_path, baseline_mb):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as handle:  # sparse: costs no disk and no time to make
        handle.write(b"A headline\n\nText. " * 10)
        handle.truncate(200 * 1024 * 1024)
    outcome = run_child(path)
    assert_refused(outcome, "huge.txt", f"{MAX_BYTES // (1024 * 1024)} MB limit")
    assert outcome["seconds"] < 2
    assert outcome["peak_mb"] - baseline_mb < 15, "the file was read instead of measured"


# -- markup and lines that strain parsers --
def test_html_nested_100000_deep(tmp_path, baseline_mb):
    path = tmp_path / "deep.html"
    path.write_text("<html><body>" + "<div>" * 100_000 + "Deep inside, Japan met Pakistan."
                    + "</div>" * 100_000 + "</body></html>", encoding="utf-8")
    outcome = run_child(path)
    if "error" not in outcome:
        assert "Japan met Pakistan" in outcome["head"] or outcome["chars"] > 0
    assert_memory_bounded(outcome, baseline_mb)


def test_attribute_of_50_mb(tmp_path, baseline_mb):
    path = tmp_path / "attribute.html"
    with open(path, "wb") as handle:
        handle.write(b'<html><body><p title="')
        handle.write(b"A" * (50 * 1024 * 1024))
        handle.write(b'">Japan met Pakistan.</p></body></html>')
    outcome = run_child(path)
    assert_refused(outcome, "attribute.html", "limit")
    assert_memory_bounded(outcome, baseline_mb)


def test_attribute_just_under_the_size_limit_is_parsed_in_bounds(tmp_path, baseline_mb):
    path = tmp_path / "attribute15.html"
    with open(path, "wb") as handle:
        handle.write(b'<html><head><title>Big attribute</title></head><body><p data-x="')
        handle.write(b"A" * (15 * 1024 * 1024))
        handle.write(b'">Japan met Pakistan in Tokyo on Monday.</p></body></html>')
    outcome = run_child(path)
    assert_memory_bounded(outcome, baseline_mb)


@pytest.mark.slow
def test_5_mb_line_without_spaces_loads_and_analyses_in_bounds(tmp_path):
    path = tmp_path / "line.txt"
    rng = random.Random(5)
    # A pasted blob: one 5 MB word of letters and digits.
    path.write_text("".join(rng.choice("0123456789abcdefghijklmnopqrstuvwxyzJKP") for _ in range(5 * 1024 * 1024)),
                    encoding="utf-8")
    outcome = run_child(path, analyse=True)
    assert outcome.get("chars") == 5 * 1024 * 1024 or "error" in outcome


# -- encodings --
def test_invalid_utf8_still_opens_readably(tmp_path):
    path = tmp_path / "broken.txt"
    path.write_bytes("Café owners in München said on Monday that prices rose.\n\n".encode()
                     + b"Broken bytes \xc3\x28 and \xff\xfe here, \xe2\x82 too.\n")
    outcome = run_child(path)
    if "error" in outcome:
        assert_refused(outcome, "broken.txt")
    else:
        assert "prices rose" in outcome["head"]


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("sample", [
    "Japan and Pakistan signed a trade deal\n\nThe ministers met in Islamabad on Monday to sign it.\n",
    "Москва и Токио\n\nМинистры встретились в понедельник, чтобы подписать соглашение.\n",
])
def test_utf16_without_a_bom_is_read_as_text(tmp_path, encoding, sample):
    path = tmp_path / "wide.txt"
    path.write_bytes(sample.encode(encoding))
    outcome = run_child(path)
    assert "error" not in outcome, outcome
    assert outcome["head"].split("\n")[0] == sample.split("\n")[0]


# -- PDF --
@pytest.mark.parametrize("breakage", ["offsets", "startxref", "no-xref", "truncated"])
def test_pdf_with_broken_cross_references(tmp_path, breakage):
    data = minimal_pdf("Japan and Pakistan signed a trade deal on Monday in Islamabad.")
    if breakage == "offsets":
        data = data.replace(b" 00000 n", b" 00000 n").replace(b"0000000009", b"0000099999")
        import re
        data = re.sub(rb"\d{10} 00000 n", b"0000012345 00000 n", data)
    elif breakage == "startxref":
        data = data.replace(b"startxref\n", b"startxref\n9999")
    elif breakage == "no-xref":
        data = data[:data.index(b"xref")] + b"%%EOF\n"
    else:
        data = data[:len(data) // 2]
    path = tmp_path / "broken.pdf"
    path.write_bytes(data)
    outcome = run_child(path)
    if "error" in outcome:
        assert_refused(outcome, "broken.pdf")
    else:
        assert "Japan" in outcome["head"]


# -- files that are not there, or not files --
def test_a_directory_given_as_a_file(tmp_path):
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    assert_refused(run_child(folder), "folder.txt", "folder")


def test_a_fifo_with_no_writer_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    assert_refused(run_child(fifo), "pipe.txt")


def test_a_fifo_whose_writer_vanishes_mid_stream_is_refused(tmp_path):
    """A writer starts an article into a named pipe, then dies: the reader must not wait for the rest."""
    fifo = tmp_path / "stream.txt"
    os.mkfifo(fifo)
    writer = subprocess.Popen([sys.executable, "-c",
                               "import sys, time; f = open(sys.argv[1], 'wb'); f.write(b'Half an article about Japan');"
                               " f.flush(); time.sleep(30)", str(fifo)])
    try:
        assert_refused(run_child(fifo), "stream.txt")
    finally:
        writer.kill()
        writer.wait()


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_endless_devices_are_refused(device):
    if not os.path.exists(device):
        pytest.skip(f"{device} does not exist here")
    assert_refused(run_child(device))


def test_a_name_with_a_nul_byte_is_one_sentence():
    with pytest.raises(ArticleError) as caught:
        load("bad\x00name.txt")
    assert "\n" not in str(caught.value)


def test_a_symlink_loop(tmp_path):
    loop = tmp_path / "loop.txt"
    os.symlink(loop, loop)
    assert_refused(run_child(loop), "loop.txt")


def test_a_file_deleted_and_recreated_while_it_is_being_opened(tmp_path):
    """A real race: another thread deletes and rewrites the file while the loader opens it, 300 times.

    Each load must either give one of the two whole versions or say the file is
    missing; never a traceback, a mix of versions or a half-read article.
    """
    path = tmp_path / "flaky.txt"
    versions = ["First version\n\nJapan and Pakistan met on Monday.\n",
                "Second version\n\nThe ministers met again on Tuesday in Tokyo.\n"]
    stop = threading.Event()

    def churn() -> None:
        turn = 0
        while not stop.is_set():
            temporary = tmp_path / f".flaky{turn % 2}"
            temporary.write_text(versions[turn % 2], encoding="utf-8")
            if turn % 3 == 0:  # sometimes the name is briefly missing, sometimes swapped in one step
                path.unlink(missing_ok=True)
            os.replace(temporary, path)
            turn += 1
            time.sleep(0)  # let the loader run between changes

    path.write_text(versions[1], encoding="utf-8")
    thread = threading.Thread(target=churn, daemon=True)
    thread.start()
    outcomes = {"loaded": 0, "missing": 0}
    try:
        for _ in range(300):
            try:
                article = load(path)
            except ArticleError as error:
                assert "flaky.txt" in str(error) and "\n" not in str(error)
                outcomes["missing"] += 1
            else:
                assert article.text in {" ".join(v.split("\n\n", 1)[0:1]) + "\n\n" + v.split("\n\n", 1)[1].strip()
                                        for v in versions}
                outcomes["loaded"] += 1
    finally:
        stop.set()
        thread.join()
    assert outcomes["loaded"] > 0  # the race was real: both outcomes happen


# -- a hostile server (a real socket on 127.0.0.1) --
@pytest.fixture
def dripping_server():
    """Answers every request with headers sent one byte every 0.2 s, for ever (a "slowloris" server)."""
    server = socket.create_server(("127.0.0.1", 0))
    stop = threading.Event()

    def drip(connection: socket.socket) -> None:
        with connection:
            try:
                connection.recv(65536)
                connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nX-Slow: ")
                while not stop.is_set():
                    connection.sendall(b"a")
                    time.sleep(0.2)
            except OSError:
                pass

    def serve() -> None:
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                connection, _ = server.accept()
            except OSError:
                continue
            threading.Thread(target=drip, args=(connection,), daemon=True).start()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}/story"
    stop.set()
    thread.join()
    server.close()


def test_a_server_dripping_its_headers_is_cut_off_at_the_total_time_limit(dripping_server):
    """Socket timeouts bound each read, not the whole answer: the loader must stop at its total limit."""
    outcome = run_child(dripping_server, url_timeout=2)
    assert_refused(outcome, "did not answer within 2 seconds")
    assert outcome["seconds"] < 2 + 3
