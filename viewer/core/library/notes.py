"""Exports of a stored article together with the reader's highlights and notes.

The article is exported exactly as File > Export writes it (viewer.core.export),
and a "Highlights" part follows in the form note-taking apps import: one quote
block per highlight, its note (if any) as a paragraph under it, in text order.
Markdown gets "> " quote blocks, HTML <blockquote> elements (no scripts, nothing
loaded from elsewhere), JSON a "highlights" list beside the analysis.
"""
from __future__ import annotations

import html
import json

from ..analysis import Analysis
from ..export import md_escape, render
from ..groups import default_hidden_groups
from .store import Highlight, LibraryEntry

FORMATS = ("md", "html", "json")


def export_entry(entry: LibraryEntry, fmt: str) -> str:
    """The stored article in fmt ("md", "html" or "json") with its highlights and notes."""
    analysis = entry.analysis if entry.analysis is not None else Analysis(article=entry.article)
    highlights = sorted(entry.highlights, key=lambda h: (h.start, h.id))
    if fmt == "json":
        data = analysis.to_dict()
        data["highlights"] = [highlight_dict(h) for h in highlights]
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    base = render(analysis, fmt, default_hidden_groups())
    if fmt == "md":
        return base.rstrip("\n") + "\n\n" + highlights_markdown(highlights)
    if fmt == "html":
        section = highlights_html(highlights)
        head, marker, tail = base.rpartition("</main>")
        return head + section + "\n" + marker + tail if marker else base + section
    raise ValueError(f"not a library export format: {fmt!r}")


def highlight_dict(highlight: Highlight) -> dict:
    return {"start": highlight.start, "end": highlight.end, "text": highlight.quote, "note": highlight.note,
            "created": round(highlight.created, 3)}


def _paragraphs(text: str) -> list[str]:
    return [" ".join(part.split()) for part in text.split("\n") if part.strip()]


def highlights_markdown(highlights: list[Highlight]) -> str:
    lines = ["## Highlights", ""]
    if not highlights:
        lines += ["No highlights.", ""]
    for highlight in highlights:
        quote = _paragraphs(highlight.quote)
        lines += ["\n>\n".join(f"> {md_escape(paragraph)}" for paragraph in quote), ""]
        for paragraph in _paragraphs(highlight.note):
            lines += [md_escape(paragraph), ""]
    return "\n".join(lines)


def highlights_html(highlights: list[Highlight]) -> str:
    parts = ['<section class="highlights" aria-labelledby="highlights-heading">',
             '<h2 id="highlights-heading">Highlights</h2>']
    if not highlights:
        parts.append('<p class="note">No highlights.</p>')
    for highlight in highlights:
        quote = "".join(f"<p>{html.escape(p, quote=False)}</p>" for p in _paragraphs(highlight.quote))
        parts.append(f"<blockquote>{quote}</blockquote>")
        for paragraph in _paragraphs(highlight.note):
            parts.append(f'<p class="highlight-note">{html.escape(paragraph, quote=False)}</p>')
    parts.append("</section>")
    return "\n".join(parts)
