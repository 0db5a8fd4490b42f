"""The library's text identity and row encoding give the same answers when worked out in pieces."""
from __future__ import annotations

import hashlib
import json
import re
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from viewer.core.library import codec
from viewer.core.rows import dumps_in_pieces

# Letters, a composed and a decomposed accent, a ligature NFKC splits, and every kind of space the
# key folds: what could go wrong at a cut between two pieces.
PARTS = ["a", "b", "é", "e\u0301", "\ufb01", " ", "  ", "\n", "\t", "\u00a0", "\u2003", "\r\n", "\u0301", "x y"]


def whole_text_key(text: str) -> bytes:
    """The definition: NFKC, every whitespace run one space, the ends stripped, hashed at once."""
    normalised = re.sub(r"\s+", " ", unicodedata.normalize("NFKC", codec.storable(text))).strip()
    return hashlib.sha256(normalised.encode("utf-8")).digest()


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PARTS), max_size=60), st.integers(min_value=1, max_value=9))
def test_text_key_in_pieces_is_the_key_of_the_whole_text(parts, piece):
    text = "".join(parts)
    saved = codec.PIECE
    codec.PIECE = piece  # tiny pieces: every text here is cut many times
    try:
        assert codec.text_key(text) == whole_text_key(text)
    finally:
        codec.PIECE = saved


def test_a_long_article_is_keyed_in_pieces_and_spacing_still_does_not_count():
    words = [f"word{n}" for n in range(30_000)]
    text = " ".join(words)
    assert len(codec._pieces(text)) > 5
    assert codec.text_key(text) == whole_text_key(text)
    assert codec.text_key("\n  " + "\t\n".join(words) + "  ") == codec.text_key(text)
    assert codec.text_key(text + " more") != codec.text_key(text)


def test_rows_written_a_slice_at_a_time_are_plain_json():
    data = {"mentions": [[n, n + 3, n % 7, "é\"\\"] for n in range(10_000)], "empty": [], "nested": {"a": [1]},
            "seconds": 1.25, "model": None}
    assert dumps_in_pieces(data) == json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    assert json.loads(dumps_in_pieces(data)) == data
