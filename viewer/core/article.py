"""The article as the app sees it: its text, metadata and the role of each paragraph.

Every loader produces an Article. Offsets everywhere else in the app (mentions,
key points, highlights) are Python string offsets into Article.text.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class Role(str, Enum):
    """What a paragraph is in the article, so the analysis can treat each as what it is."""

    HEADLINE = "headline"
    TIMELINE = "timeline"  # "Mon 06th September 2021 | 03:48 PM"
    STANDFIRST = "standfirst"  # the summary under the headline
    BODY = "body"
    BOILERPLATE = "boilerplate"  # bylines, captions, "Read more" lines


@dataclass(frozen=True)
class Paragraph:
    start: int
    end: int
    role: Role = Role.BODY


@dataclass(frozen=True)
class Link:
    """A link in the article: text[start:end] points at url (opened only when the user activates it)."""

    start: int
    end: int
    url: str


@dataclass(frozen=True)
class Article:
    source: str
    text: str
    title: str = ""
    date: str = ""  # ISO 8601 (YYYY-MM-DD) when known
    site: str = ""
    author: str = ""
    paragraphs: tuple[Paragraph, ...] = field(default=())
    notice: str = ""  # a one-sentence warning to show with the article (e.g. not English)
    links: tuple[Link, ...] = field(default=())

    def paragraph_text(self, paragraph: Paragraph) -> str:
        return self.text[paragraph.start:paragraph.end]

    @property
    def body_start(self) -> int:
        """Offset where the story itself begins (after headline and time line)."""
        for paragraph in self.paragraphs:
            if paragraph.role in (Role.BODY, Role.STANDFIRST):
                return paragraph.start
        return 0


def split_paragraphs(text: str) -> list[tuple[int, int]]:
    """Spans of the non-blank lines of text; each line is one paragraph.

    Loaders join wrapped lines before this, so a line is a paragraph.
    """
    spans = []
    position = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            start = position + (len(line) - len(line.lstrip()))
            spans.append((start, start + len(stripped)))
        position += len(line) + 1
    return spans
