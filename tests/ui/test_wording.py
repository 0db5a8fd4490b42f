"""Counts read as English: one of a thing is singular, in the status line, the sidebar and the find bar."""
from __future__ import annotations

from viewer.ui.wording import counted


def test_one_is_singular_and_every_other_count_plural():
    assert counted(1, "key point") == "1 key point"
    assert [counted(n, "key point") for n in (0, 2, 17)] == ["0 key points", "2 key points", "17 key points"]
    assert counted(1, "entity", "entities") == "1 entity"
    assert counted(3, "entity", "entities") == "3 entities"
    assert counted(2, "match", "matches") == "2 matches"


def test_the_find_bar_counts_a_single_match_in_the_singular(qtbot, window, tmp_path):
    article = tmp_path / "bridge.txt"
    article.write_text("Bridge\n\nThe bridge in Lyon opened on Monday.\n", encoding="utf-8")
    window.open_source(article)
    window.find_bar.open_bar()
    qtbot.keyClicks(window.find_bar.field, "Lyon")
    assert window.find_bar.count.text() == "1 of 1 match"
