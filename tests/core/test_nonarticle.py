"""What is on a page but not its article, recognised from blocks and sentences written for these tests."""
from __future__ import annotations

import pytest

from viewer.core import nonarticle
from viewer.core.article import BlockKind, Role
from viewer.core.loaders.build import ParagraphWriter
from viewer.core.nonarticle import PageBlock, sort_out

from ..pages import STORY, STORY_TITLE


def block(*pieces: str | tuple[str, str], kind: BlockKind = BlockKind.PARAGRAPH, level: int = 0) -> PageBlock:
    """A page block from text pieces; a (text, url) piece is a link."""
    writer = ParagraphWriter()
    for piece in pieces:
        if isinstance(piece, tuple):
            writer.write(piece[0], piece[1])
        else:
            writer.write(piece)
    return PageBlock(writer, kind, level=level)


def story_blocks() -> list[PageBlock]:
    return [block(STORY_TITLE, kind=BlockKind.HEADING, level=1)] + [block(p) for p in STORY]


def sorted_out(extra: list[PageBlock], at: int = 6, title: str = STORY_TITLE) -> tuple[list[PageBlock], str]:
    blocks = story_blocks()
    blocks[at:at] = extra
    return sort_out(blocks, title)


def texts(blocks: list[PageBlock]) -> list[str]:
    return [b.text for b in blocks]


def assert_story_whole(blocks: list[PageBlock]) -> None:
    shown = texts(blocks)
    for paragraph in STORY:
        assert paragraph in shown
    body = [b for b in blocks if b.text in STORY]
    assert all(b.role == Role.BODY for b in body)


# -- left out of the text --
@pytest.mark.parametrize("line", [
    block("Follow the Portwenna Gazette on ", ("Facebook", "https://facebook.com/pg"), ", ",
          ("Twitter", "https://twitter.com/pg"), " and ", ("Instagram", "https://instagram.com/pg"), "."),
    block("Facebook | Twitter | Instagram | YouTube"),
    block("Sign up for our morning newsletter to get the day's top stories in your inbox."),
    block("Click here to get the Gazette app."),
    block("If you enjoyed this article, please consider supporting our journalism with a donation."),
    block("Like this story? Share it with a friend!"),
    block(("The vote is the first of its kind in the county. Click to tweet",
           "https://twitter.com/intent/tweet?text=The+vote")),
    block(("Seal numbers rise on the north coast", "https://gazette.example/seals")),
    block(("Here's how to work out what a tidal turbine costs", "https://gazette.example/costs")),
    block(("Ferry fares to rise", "https://g.example/a"), " | ",
          ("Lifeboat crew honoured", "https://g.example/b"), " | ",
          ("Harbour wall repaired after storms hit the quay", "https://g.example/c"),
          " [VIDEO] ", ("New bus timetable for the summer season", "https://g.example/d")),
    block("https://gazette.example/images/tidal-station.jpg"),
    block("2024-06-07T09:30:00+01:00"),
    block("[button link=\"https://gazette.example/tips\" type=\"big\"] Send us your story[/button]"),
    block("Advertisement"),
    block("Skip advertisement"),
    block("Story continues below advertisement"),
    block("(Article continues after this advertisement)"),
    block("Continue reading the main story"),
    block("See also: ", ("Seal count", "https://g.example/seals")),
    block("RELATED: Ferry fares to rise in September"),  # a saved page whose relative link was lost
])
def test_furniture_is_left_out_of_the_text(line):
    kept, _title = sorted_out([line])
    assert line.text not in texts(kept)
    assert_story_whole(kept)


def test_a_links_heading_goes_with_its_links():
    links = [block("More:"), block(("Seal numbers rise on the north coast", "https://g.example/a")),
             block(("Ferry fares to go up in September", "https://g.example/b"))]
    kept, _ = sorted_out(links)
    assert not {"More:", "Seal numbers rise on the north coast"} & set(texts(kept))
    assert_story_whole(kept)


def test_a_second_copy_of_the_story_is_left_out():
    copy = block(" ".join(STORY[:4]))
    kept, _ = sorted_out([copy], at=len(STORY) + 1)
    assert copy.text not in texts(kept)
    assert_story_whole(kept)


def test_short_lines_said_twice_are_kept_once():
    line = "Ten things to know about the tidal power vote today"
    kept, _ = sorted_out([block(line), block(line)])
    assert texts(kept).count(line) == 1


def test_a_list_of_excerpts_cut_at_one_length_is_left_out():
    def excerpt(topic: str) -> PageBlock:
        words = f"In other news from the coast this week {topic} was the talk of the harbour as the town".split()
        words += ["again"] * (40 - len(words))
        return block(" ".join(words) + " …")

    excerpts = [excerpt("the regatta"), block("A short post shown in full between the excerpts."),
                excerpt("the new ferry")]
    kept, _ = sorted_out(excerpts, at=len(STORY) + 1)
    assert not any(e.text in texts(kept) for e in excerpts)
    assert_story_whole(kept)


def test_a_paragraph_ending_in_an_ellipsis_is_text():
    trailing = block("The count went on late into the night, and by midnight the hall was still full of people "
                     "who had come to hear the result, waiting and waiting and waiting …")
    kept, _ = sorted_out([trailing])
    assert trailing.text in texts(kept)


# -- kept, but around the story --
@pytest.mark.parametrize("line", [
    "By Jane Holloway, Energy Correspondent",
    "Updated 10:42 GMT, 7 June 2024",
    "(Reporting by Jane Holloway; editing by Tom Reed)",
    "Jane Holloway contributed to this report.",
    "Residents queue outside the community hall in Portwenna on Thursday. REUTERS/Jane Doe",
    "The turbines will sit below the harbour wall (Photo: Gazette/Tom Reed)",
    "SOURCE: Portwenna Gazette and agencies",
    "Reading time: 3 minutes",
])
def test_bylines_credits_and_captions_stay_but_are_not_the_story(line):
    kept, _ = sorted_out([block(line)], at=2)
    (found,) = [b for b in kept if b.text == line]
    assert found.role == Role.BOILERPLATE
    assert_story_whole(kept)


# -- the story itself stays --
@pytest.mark.parametrize("line", [
    "Share prices of the two energy companies fell after the vote was announced.",
    "Support for the scheme was strongest among younger residents, the count showed.",
    "Follow-up meetings with Facebook and Twitter users in the town are planned for July.",
    "Subscribers to the cooperative's newsletter were told of the result before the count ended.",
    "By contrast, a similar vote in a neighbouring town was lost by 200 votes.",
    "Get-togethers were held in every pub on the quay after the result.",
    "Advertisement spending by the two campaigns passed £40,000, the count showed.",
    "Watch: the council's vote was streamed to the hall, where 300 people saw it.",
])
def test_news_that_looks_like_furniture_stays(line):
    kept, _ = sorted_out([block(line)])
    (found,) = [b for b in kept if b.text == line]
    assert found.role == Role.BODY


def test_a_long_linked_paragraph_is_text():
    linked = block((" ".join(STORY[9].split()[:30]), "https://g.example/neighbours"))
    kept, _ = sorted_out([linked])
    assert linked.text in texts(kept)


# -- the headline --
def test_the_pages_headline_is_the_headline_once_without_the_site_name():
    kept, title = sort_out([block(("News", "https://g.example/news")), *story_blocks()],
                           f"{STORY_TITLE} | Portwenna Gazette")
    assert title == STORY_TITLE
    assert kept[0].text == STORY_TITLE and kept[0].role == Role.HEADLINE and kept[0].kind == BlockKind.TITLE
    assert "News" not in texts(kept)
    assert sum(b.role == Role.HEADLINE for b in kept) == 1


def test_a_section_heading_is_not_taken_for_the_headline():
    blocks = [block("Summary", kind=BlockKind.HEADING, level=3)] + [block(p) for p in STORY]
    kept, title = sort_out(blocks, STORY_TITLE)
    assert title == STORY_TITLE
    assert all(b.role != Role.HEADLINE for b in kept)


# -- the sentence tests the key points use --
@pytest.mark.parametrize("sentence", [
    "Follow us on Twitter for the latest news",
    "Listen to the Harbour Hour live at 12:45 on weekdays.",
    "You can also subscribe to this newsletter here.",
    "Download our app for breaking news alerts.",
    "Tell us what you think in the comments.",
    "Get Coast Monthly delivered through your letterbox every month.",
])
def test_prompts_to_the_reader(sentence):
    assert nonarticle.is_reader_prompt(sentence) or nonarticle.is_imperative(sentence)


@pytest.mark.parametrize("sentence", [
    "Share prices of Facebook and Twitter fell sharply on Monday.",
    "Support for the plan has grown among voters.",
    "Follow-up talks are planned for next week.",
    "Watch sales rose 4% in the quarter.",
    "Facebook and Twitter said they would remove the posts.",
    "Register of members' interests shows the gifts.",
])
def test_news_sentences_are_not_prompts(sentence):
    assert not nonarticle.is_reader_prompt(sentence)
    assert not nonarticle.is_imperative(sentence)


@pytest.mark.parametrize("a, b, same", [
    (STORY_TITLE, f"{STORY_TITLE} - Portwenna Gazette", True),
    ("Opinion | Harbour town votes for tidal power", "Harbour town votes for tidal power", True),
    (STORY_TITLE, "Summary", False),
    (STORY_TITLE, "Ferry fares to rise in September", False),
])
def test_forms_of_one_headline(a, b, same):
    assert nonarticle.similar_titles(a, b) is same


def test_the_writers_closing_note_about_themselves_is_not_the_story():
    tagline = block("Jane Holloway covers energy for the Portwenna Gazette. Write to her at the newsroom.")
    quoted = block("Tom Reed, a fisherman, said the turbines would change the harbour.")
    blocks = story_blocks() + [quoted, tagline]
    kept, _ = sort_out(blocks, STORY_TITLE, author="Jane Holloway; Ann Lee")
    assert tagline.role == Role.BOILERPLATE and tagline.text in texts(kept)
    assert quoted.role == Role.BODY
    assert_story_whole(kept)
    # Without the byline, or with another writer's, the same block is part of the story.
    for author in ("", "Tom Reed", "Jane"):
        again = block(tagline.text)
        sort_out(story_blocks() + [again], STORY_TITLE, author=author)
        assert again.role == Role.BODY, author


@pytest.mark.parametrize("line, intro", [
    ("This is the tech news you need to know this Tuesday.", True),
    ("Here are the biggest stories of the week.", True),
    ("Welcome back to the Morning Briefing newsletter.", True),
    ("Here's what you need to know about the new rail timetable.", True),
    ("This is the biggest news for the company in years.", False),
    ("Here is what investors need to know about the deal, analysts at the bank said on Monday in a note "
     "to clients that ran to forty pages.", False),
])
def test_a_digest_introducing_itself_is_recognised(line, intro):
    assert nonarticle.is_digest_intro(line) is intro
