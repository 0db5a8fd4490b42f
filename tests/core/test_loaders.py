"""The plain-text loader: the sample's layout, odd text and unreadable files."""
from __future__ import annotations

import pytest

from viewer.core.article import Role
from viewer.core.errors import ArticleError
from viewer.core.loaders import article_from_text, load


def test_sample_metadata_goes_to_the_header(sample_path):
    article = load(sample_path)
    assert article.title == "Khusro Bakhtyar Invites Japanese Companies To Gain Foothold In Pakistani Market"
    assert article.date == "2021-09-06"
    assert article.site == "UrduPoint.com"
    assert "date 2021-09-06" not in article.text  # the metadata line is not article text


def test_sample_paragraph_roles(sample_path):
    article = load(sample_path)
    roles = [p.role for p in article.blocks]
    assert roles[0] == Role.HEADLINE
    assert roles[1] == Role.TIMELINE
    assert article.block_text(article.blocks[1]).startswith("Mon 06th September 2021")
    assert Role.STANDFIRST in roles
    assert roles[-1] == Role.BODY
    for paragraph in article.blocks:
        assert 0 <= paragraph.start < paragraph.end <= len(article.text)
        assert "\n" not in article.block_text(paragraph)


def test_plain_text_first_line_is_title(tmp_path):
    path = tmp_path / "note.txt"
    path.write_text("A plain title\n\nFirst paragraph is here.\nIt wraps onto a second line.\n\nSecond one.\n",
                    encoding="utf-8")
    article = load(path)
    assert article.title == "A plain title"
    assert article.date == "" and article.site == ""
    assert "First paragraph is here. It wraps onto a second line." in article.text
    assert len(article.blocks) == 3


def test_single_line_text_opens(tmp_path):
    path = tmp_path / "one.txt"
    path.write_text("Just one line about Paris.", encoding="utf-8")
    article = load(path)
    assert article.text == "Just one line about Paris."
    assert article.title == ""  # a sentence, not a headline: the window shows the file's name


@pytest.mark.parametrize("text, title", [
    ("Storm closes the harbour\n\nThe coastguard told boats to stay in port.", "Storm closes the harbour"),
    ("Is this the end of the line?\n\nThe rail operator said it would decide in May.", "Is this the end of the line?"),
    ("STORM CLOSES HARBOUR .\n\nThe coastguard told boats to stay in port.", "STORM CLOSES HARBOUR ."),
    ("The coastguard told boats to stay in port on Monday as the storm closed the harbour.\n\n"
     "Fishermen said they had never seen such waves.", ""),
    (("A very long first line that goes on " * 10).strip() + "\n\nSecond paragraph.", ""),
])
def test_plain_text_has_a_title_only_when_its_first_line_reads_as_one(text, title):
    article = article_from_text(text, source="x.txt")
    assert article.title == title
    assert (article.blocks[0].role == Role.HEADLINE) == bool(title)


def test_crlf_and_latin1(tmp_path):
    path = tmp_path / "old.txt"
    path.write_bytes("Caf\xe9 news\r\n\r\nThe caf\xe9 in M\xfcnchen reopened on Monday after a long winter.\r\n"
                     .encode("latin-1"))
    article = load(path)
    assert "\r" not in article.text
    assert "München" in article.text


@pytest.mark.parametrize("make, words", [
    (lambda p: None, "no file"),
    (lambda p: p.write_bytes(b""), "empty"),
    (lambda p: p.write_bytes(b"   \n\n  "), "empty"),
    (lambda p: p.write_bytes(b"\x00\x01\x02binary\x00" * 50), "binary"),
    (lambda p: p.mkdir(), "folder"),
])
def test_bad_files_give_one_sentence(tmp_path, make, words):
    path = tmp_path / "bad.txt"
    make(path)
    with pytest.raises(ArticleError) as caught:
        load(path)
    message = str(caught.value)
    assert words in message
    assert "\n" not in message and "Traceback" not in message


def test_loading_never_writes_the_file(sample_path):
    before = (sample_path.read_bytes(), sample_path.stat().st_mtime_ns)
    load(sample_path)
    assert (sample_path.read_bytes(), sample_path.stat().st_mtime_ns) == before
