"""Turn an Analysis into files a reader can pass on: standalone HTML, JSON and Markdown.

The window (File > Export, and PDF and printing, which lay out this HTML with Qt)
and `python -m viewer analyze --format ...` both use these functions, so the
two always write the same thing. Highlight colours come from groups.py, the
one source the reading pane uses too.

The HTML is one self-contained file: inline styles, no scripts, no links or
images that would load anything, every piece of article text escaped. The
article keeps its structure: sub-headings, bulleted and numbered lists (nested),
quotations, captions, code, and the pictures saved with it, embedded in the file
(a picture on the web is named by its caption and alt text, never fetched). The
JSON is exactly Analysis.to_dict(), the object of `analyze --json`, and is
described by resources/analysis.schema.json. The Markdown holds the article in
Markdown's own structure between its key points and its entities. HTML and
Markdown leave out the groups the reader has hidden unless asked to include
them; the JSON is the data for scripts and always holds everything.
"""
from __future__ import annotations

import bisect
import html
import json
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from .analysis import Analysis, Entity, Mention
from .article import Block, BlockKind, Image, split_paragraphs, table_cells
from .atomic import write_atomic
from .groups import GROUPS, Group, group_index, group_of


@dataclass(frozen=True)
class ExportFormat:
    name: str  # "html", "json", "md", "pdf": the CLI's --format value
    title: str  # what a reader calls it, for menus and file dialogs
    suffix: str

    @property
    def file_filter(self) -> str:
        """A Qt file-dialog filter such as "Web page (*.html *.htm)"."""
        extra = {".html": " *.htm", ".md": " *.markdown"}.get(self.suffix, "")
        return f"{self.title} (*{self.suffix}{extra})"


FORMATS: dict[str, ExportFormat] = {
    "html": ExportFormat("html", "Web page", ".html"),
    "json": ExportFormat("json", "JSON data", ".json"),
    "md": ExportFormat("md", "Markdown", ".md"),
    "pdf": ExportFormat("pdf", "PDF", ".pdf"),
}
TEXT_FORMATS = ("html", "json", "md")  # the ones core can write; PDF needs Qt's printing support


class ExportExistsError(FileExistsError):
    """The target file exists and the caller did not say it may be replaced."""


# -- choosing what to show --
def shown_groups(hidden_groups: Iterable[str] = (), include_hidden: bool = False) -> frozenset[str]:
    """Names of the groups an export highlights and lists."""
    hidden = frozenset() if include_hidden else frozenset(hidden_groups)
    return frozenset(group.name for group in GROUPS if group.name not in hidden)


def _entity_group(entity: Entity) -> str:
    # The analysis records each entity's group; a label it does not know falls back like the window does.
    return entity.group if entity.group in {g.name for g in GROUPS} else group_of(entity.label).name


def shown_mentions(analysis: Analysis, groups: frozenset[str]) -> list[Mention]:
    """The mentions to highlight: in a shown group, inside the text, in order, none overlapping."""
    chosen: list[Mention] = []
    end = -1
    for mention in sorted(analysis.mentions, key=lambda m: (m.start, -m.end)):
        if group_of(mention.label).name not in groups:
            continue
        if mention.start < end or not 0 <= mention.start < mention.end <= len(analysis.text):
            continue  # overlapping or out of range: the first one wins, as in the reading pane
        chosen.append(mention)
        end = mention.end
    return chosen


def entities_by_group(analysis: Analysis, groups: frozenset[str]) -> list[tuple[Group, list[Entity]]]:
    """Shown groups in the sidebar's order, each with its entities most salient first."""
    result = []
    for group in GROUPS:
        if group.name not in groups:
            continue
        members = [e for e in analysis.entities if _entity_group(e) == group.name]
        if members:
            members.sort(key=lambda e: (-e.salience, -e.count, e.name.casefold()))
            result.append((group, members))
    return result


def display_title(analysis: Analysis) -> str:
    if analysis.title.strip():
        return analysis.title.strip()
    return _source_stem(analysis.source) or "Untitled article"


# -- file names --
def _source_stem(source: str) -> str:
    if re.match(r"^[a-z][a-z0-9+.-]*://", source, re.IGNORECASE):
        parts = urlsplit(source)
        tail = [p for p in parts.path.split("/") if p]
        return Path(tail[-1]).stem if tail else (parts.hostname or "")
    return Path(source).stem


def export_file_name(analysis: Analysis, fmt: str) -> str:
    """A safe file name for the export: the source's name with the format's suffix."""
    stem = _source_stem(analysis.source) or display_title(analysis)
    stem = re.sub(r"[^\w.-]+", "-", stem).strip(".-")[:80] or "article"
    return stem + FORMATS[fmt].suffix


def with_suffix(path: str | Path, fmt: str) -> Path:
    """path with the format's suffix (replacing another known export suffix, if any)."""
    path = Path(path)
    suffixes = {f.suffix for f in FORMATS.values()} | {".htm", ".markdown"}
    if path.suffix.lower() in suffixes:
        path = path.with_suffix("")
    return path.with_name(path.name + FORMATS[fmt].suffix)


def ensure_suffix(path: str | Path, fmt: str) -> Path:
    """path, keeping a suffix that suits the format (.htm, .markdown too), else adding the format's."""
    path = Path(path)
    allowed = {FORMATS[fmt].suffix, *{"html": (".htm",), "md": (".markdown",)}.get(fmt, ())}
    return path if path.suffix.lower() in allowed else with_suffix(path, fmt)


# -- HTML --
_CSS_UNDERLINE = {"solid": "solid", "dash": "dashed", "dot": "dotted", "wave": "wavy",
                  "dashdot": "dashed", "double": "double", "none": "none"}


def group_class(name: str) -> str:
    return f"g{group_index(name)}"


def _css(for_print: bool) -> str:
    rules = [
        "body { font-family: Georgia, 'Times New Roman', serif; font-size: 12pt; line-height: 1.55;"
        " color: #111111; background: #ffffff; margin: 0; }",
        "main { max-width: 46em; margin: 0 auto; padding: 1.5em 1.5em 3em; }",
        "h1 { font-size: 20pt; line-height: 1.25; margin: 0 0 0.3em; }",
        "h2 { font-family: Helvetica, Arial, sans-serif; font-size: 13pt; margin: 1.6em 0 0.5em;"
        " border-bottom: 1px solid #cccccc; padding-bottom: 0.2em; }",
        ".meta, .legend, .entities, .note { font-family: Helvetica, Arial, sans-serif; font-size: 10pt;"
        " color: #444444; }",
        ".notice { background: #fde2e1; color: #5c0b07; padding: 0.4em 0.6em; }",
        ".key-points li { margin-bottom: 0.4em; }",
        ".key-points a { color: #0b4f9c; }",
        ".key-point { background: #fff6cc; }",
        ".kp-number { font-family: Helvetica, Arial, sans-serif; font-size: 8.5pt; font-weight: bold;"
        " color: #7a5c00; text-decoration: none; }",
        ".mention { color: #111111; padding: 0 1px; }",
        ".swatch { padding: 0 0.4em; }",
        ".entities table { border-collapse: collapse; }",
        ".entities td, .entities th { padding: 0.15em 1.2em 0.15em 0; text-align: left; vertical-align: top; }",
        ".entities tr.group-row th { padding-top: 0.9em; }",
        ".entities td.count, .entities th.count { text-align: right; }",
        ".entities a { color: #111111; }",
        "article blockquote { margin: 1em 0; padding-left: 1em; border-left: 3px solid #888888; }",
        "article .caption, article figcaption { font-size: 0.9em; font-style: italic; }",
        "article figure { margin: 1em 0; }",
        "article figure img { max-width: 100%; height: auto; }",
        "article .picture-missing { border: 1px dashed #888888; padding: 1em; font-style: italic; }",
        "article pre { white-space: pre-wrap; font-size: 0.9em; }",
        "article table.article-table { border-collapse: collapse; margin: 1em 0; }",
        "article table.article-table td { border: 1px solid #888888; padding: 0.2em 0.5em; vertical-align: top; }",
    ]
    for group in GROUPS:
        cls = group_class(group.name)
        style = _CSS_UNDERLINE[group.underline]
        lines = "underline overline" if group.overline else "underline"
        underline = ("text-decoration: none;" if style == "none" else
                     f"text-decoration: {lines}; text-decoration-style: {style}; text-decoration-color: #333333;")
        rules.append(f".{cls} {{ background-color: {group.light}; {underline} }}")
    if for_print:
        # Paper wants smaller type than a screen, and links that do not shout.
        rules += ["body { font-size: 10.5pt; }", "h1 { font-size: 17pt; }", "h2 { font-size: 12pt; }",
                  ".entities a { text-decoration: none; }"]
    else:
        # Browsers follow the reader's dark setting with the app's dark highlight colours.
        # Qt's rich-text engine (PDF, printing) would not, so the print variant leaves this out.
        dark = ["body { color: #e8e8e8; background: #1e1e1e; }",
                ".meta, .legend, .entities, .note { color: #bbbbbb; }",
                ".key-point { background: #3a3a1a; }",
                ".key-points a { color: #8ab8ff; }",
                ".kp-number { color: #ffd466; }",
                ".entities a { color: #e8e8e8; }",
                ".mention { color: #f2f2f2; }"]
        dark += [f".{group_class(g.name)} {{ background-color: {g.dark}; text-decoration-color: #f2f2f2; }}"
                 for g in GROUPS]
        rules.append("@media (prefers-color-scheme: dark) {\n  " + "\n  ".join(dark) + "\n}")
        rules.append("@media print { main { max-width: none; padding: 0; } }")
    return "\n".join(rules)


def _e(text: str) -> str:
    """Text escaped for an attribute value or element content."""
    return html.escape(text, quote=True)


def _t(text: str) -> str:
    """Text escaped for element content (quotes may stay as they are)."""
    return html.escape(text, quote=False)


def _key_point_spans(analysis: Analysis, mentions: list[Mention]) -> list[tuple[int, int]]:
    """Key-point spans widened so none cuts through a mention (then a mention is one element)."""
    spans = []
    for point in analysis.key_points:
        start, end = max(0, point.start), min(len(analysis.text), point.end)
        for mention in mentions:
            if mention.start < start < mention.end:
                start = mention.start
            if mention.start < end < mention.end:
                end = mention.end
        if start < end:
            spans.append((start, end))
    return spans


def _mention_title(mention: Mention, analysis: Analysis) -> str:
    group = group_of(mention.label).name
    if 0 <= mention.entity < len(analysis.entities):
        entity = analysis.entities[mention.entity]
        return f"{entity.name}: {mention.label} ({group})"
    return f"{mention.label} ({group})"


class _Mentions:
    """The shown mentions, sorted and not overlapping, with a fast look-up of a paragraph's share."""

    def __init__(self, mentions: list[Mention]) -> None:
        self.all = mentions
        self._starts = [m.start for m in mentions]
        self._ends = [m.end for m in mentions]

    def within(self, start: int, end: int) -> list[Mention]:
        return self.all[bisect.bisect_right(self._ends, start):bisect.bisect_left(self._starts, end)]


def _paragraph_html(analysis: Analysis, start: int, end: int, mentions: list[Mention],
                    points: list[tuple[int, int]], anchored: set[int], first_mention: dict[int, int]) -> str:
    """Text[start:end] with mention spans and key-point spans, properly nested.

    Key points are the outer element, mentions the inner; a key point that runs
    across paragraphs is split, and only its first piece carries the anchor.
    """
    text = analysis.text
    cuts = {start, end}
    for m_start, m_end in ((m.start, m.end) for m in mentions):
        if m_start < end and m_end > start:
            cuts.update((max(start, m_start), min(end, m_end)))
    for p_start, p_end in points:
        if p_start < end and p_end > start:
            cuts.update((max(start, p_start), min(end, p_end)))
    bounds = sorted(cuts)

    def point_at(position: int) -> int | None:
        for index, (p_start, p_end) in enumerate(points):
            if p_start <= position < p_end:
                return index
        return None

    mention_at = {max(start, mention.start): index for index, mention in enumerate(mentions)}

    out: list[str] = []
    open_point: int | None = None
    position_index = 0
    while position_index < len(bounds) - 1:
        piece_start = bounds[position_index]
        point = point_at(piece_start)
        if point != open_point:
            if open_point is not None:
                out.append("</span>")
            if point is not None:
                out.append('<span class="key-point">' if point in anchored else
                           # The number links back to the list, so a reader can go both ways.
                           f'<span class="key-point" id="kp{point + 1}"><a class="kp-number" href="#kpl{point + 1}"'
                           f' title="Key point {point + 1}">[{point + 1}]</a> ')
                anchored.add(point)
            open_point = point
        index = mention_at.get(piece_start)
        if index is not None:
            mention = mentions[index]
            piece_end = min(end, mention.end)
            # Anchor the first mention of each entity so the entity list can link to it.
            anchor = ""
            if first_mention.get(mention.entity) == mention.start:
                anchor = f' id="m{mention.entity}"'
            out.append(f'<span class="mention {group_class(group_of(mention.label).name)}"{anchor}'
                       f' title="{_e(_mention_title(mention, analysis))}">{_t(text[piece_start:piece_end])}</span>')
            position_index = bounds.index(piece_end)
        else:
            piece_end = bounds[position_index + 1]
            out.append(_t(text[piece_start:piece_end]))
            position_index += 1
    if open_point is not None:
        out.append("</span>")
    return "".join(out)


def to_html(analysis: Analysis, hidden_groups: Iterable[str] = (), include_hidden: bool = False,
            for_print: bool = False) -> str:
    """The article as one standalone HTML page: highlights, key points and entities.

    for_print leaves out what Qt's rich-text engine cannot follow (the dark
    colour scheme), for the PDF and the printout.
    """
    groups = shown_groups(hidden_groups, include_hidden)
    mentions = shown_mentions(analysis, groups)
    points = _key_point_spans(analysis, mentions)
    index = _Mentions(mentions)
    first_mention: dict[int, int] = {}
    for mention in mentions:
        first_mention.setdefault(mention.entity, mention.start)
    title = display_title(analysis)

    parts = ["<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
             '<meta name="viewport" content="width=device-width, initial-scale=1">',
             f'<meta name="generator" content="{_e(_generator())}">',
             f"<title>{_e(title)}</title>", f"<style>\n{_css(for_print)}\n</style>", "</head>", "<body>", "<main>"]

    article = analysis.article
    # An analysis read from an older JSON object may have no blocks: its paragraphs are its lines.
    blocks = list(article.blocks) or [Block(start, end) for start, end in split_paragraphs(analysis.text)]
    paragraphs = [(b.start, b.end) for b in blocks]
    # When the text starts with its headline, that block is the page's heading (with its
    # highlights) rather than shown twice.
    headline = article.headline()
    headline_in_text = headline is not None and bool(paragraphs) and paragraphs[0] == (headline.start, headline.end)
    anchored: set[int] = set()

    def paragraph(start: int, end: int) -> str:
        return _paragraph_html(analysis, start, end, index.within(start, end), points, anchored, first_mention)

    header = ["<header>"]
    if headline_in_text:
        start, end = paragraphs[0]
        header.append(f"<h1>{paragraph(start, end)}</h1>")
        blocks = blocks[1:]
    else:
        header.append(f"<h1>{_e(title)}</h1>")
    meta = [p for p in (article.date, article.site, article.author and f"by {article.author}") if p]
    if meta:
        header.append(f'<p class="meta">{" · ".join(_e(p) for p in meta)}</p>')
    header.append(f'<p class="meta">Source: {_e(analysis.source)}</p>')
    if article.notice:
        header.append(f'<p class="notice">{_e(article.notice)}</p>')
    header.append("</header>")
    parts += header

    if analysis.key_points:
        parts.append('<section class="key-points" aria-labelledby="key-points-heading">')
        parts.append('<h2 id="key-points-heading">Key points</h2>')
        parts.append("<ol>")
        for number, point in enumerate(analysis.key_points, start=1):
            parts.append(f'<li id="kpl{number}"><a href="#kp{number}">{_t(point.text)}</a></li>')
        parts.append("</ol>")
        parts.append("</section>")

    legend = entities_by_group(analysis, groups)
    if legend:
        swatches = " ".join(f'<span class="mention swatch {group_class(g.name)}">{_e(g.name)}</span>'
                            for g, _ in legend)
        parts.append(f'<p class="legend">Highlighted: {swatches}</p>')

    parts.append('<article aria-labelledby="article-heading">')
    parts.append('<h2 id="article-heading">Article</h2>')
    parts += _article_html(analysis, blocks, paragraph)
    parts.append("</article>")

    parts.append('<section class="entities" aria-labelledby="entities-heading">')
    parts.append('<h2 id="entities-heading">Entities</h2>')
    if not legend:
        parts.append('<p class="note">No entities in the groups shown.</p>')
    else:
        parts.append('<table cellspacing="0" cellpadding="3"><thead><tr><th>Entity</th><th>Type</th>'
                     '<th class="count">Mentions</th></tr></thead><tbody>')
    for group, members in legend:
        total = sum(e.count for e in members)
        noun = "entity" if len(members) == 1 else "entities"
        mention_noun = "mention" if total == 1 else "mentions"
        parts.append(f'<tr class="group-row"><th colspan="3"><span class="mention swatch {group_class(group.name)}">'
                     f"{_t(group.name)}</span> {len(members)} {noun}, {total} {mention_noun}</th></tr>")
        for entity in members:
            name = _t(entity.name)
            if entity.id in first_mention:
                name = f'<a href="#m{entity.id}">{name}</a>'
            parts.append(f'<tr><td>{name}</td><td>{_t(entity.label)}</td><td class="count">{entity.count}</td></tr>')
    if legend:
        parts.append("</tbody></table>")
    hidden_left_out = sorted(g.name for g in GROUPS if g.name not in groups)
    if hidden_left_out:
        parts.append(f'<p class="note">Not shown: {_e(", ".join(hidden_left_out))}.</p>')
    parts.append("</section>")

    parts.append(f'<p class="note">Made with {_e(_generator())}'
                 f'{_e(" using " + analysis.model) if analysis.model else ""}.</p>')
    parts += ["</main>", "</body>", "</html>", ""]
    return "\n".join(parts)


_LIST_TAGS = {True: "ol", False: "ul"}
_BLOCK_TAGS = {BlockKind.PARAGRAPH: "p", BlockKind.CAPTION: 'p class="caption"', BlockKind.PREFORMATTED: "pre",
               BlockKind.TITLE: "h3"}


def _article_html(analysis: Analysis, blocks: list[Block], paragraph) -> list[str]:
    """The article's blocks as HTML elements by kind, its pictures at their places."""
    text = analysis.text
    out: list[str] = []
    lists: list[list] = []  # open lists, innermost last: [tag, depth, an item is open]
    pictures = sorted(analysis.article.images, key=lambda image: image.offset)
    in_quote = in_table = False

    def close_lists(depth: int = -1) -> None:
        while lists and lists[-1][1] > depth:
            tag, _depth, item_open = lists.pop()
            out[-1] += ("</li>" if item_open else "") + f"</{tag}>"  # on its line: no space after the text

    for block in blocks:
        while pictures and pictures[0].offset <= block.start:
            close_lists()
            follows = text[block.start:block.end] if block.kind == BlockKind.CAPTION else ""
            out.append(_figure_html(pictures.pop(0), caption_in_text=follows))
        if block.kind != BlockKind.QUOTE and in_quote:
            out.append("</blockquote>")
            in_quote = False
        if block.kind != BlockKind.TABLE_ROW and in_table:
            out.append("</table>")
            in_table = False
        if block.kind == BlockKind.TABLE_ROW:
            close_lists()
            if not in_table:
                out.append('<table class="article-table">')
                in_table = True
            cells = "".join(f"<td>{paragraph(start, end)}</td>" for start, end in table_cells(text, block))
            out.append(f"<tr>{cells}</tr>")
            continue
        body = paragraph(block.start, block.end)
        if block.kind == BlockKind.LIST_ITEM:
            tag = _LIST_TAGS[block.ordered]
            close_lists(block.depth)
            if lists and lists[-1][1] == block.depth and lists[-1][0] != tag:
                close_lists(block.depth - 1)
            if lists and lists[-1][1] == block.depth:
                if lists[-1][2]:
                    out[-1] += "</li>"
            else:
                out.append(f"<{tag}>")
                lists.append([tag, block.depth, False])
            out.append(f"<li>{body}")
            lists[-1][2] = True
            continue
        close_lists()
        if block.kind == BlockKind.HEADING:
            level = min(6, 3 + block.depth)  # h1 is the title, h2 the page's own sections
            out.append(f"<h{level}>{body}</h{level}>")
        elif block.kind == BlockKind.QUOTE:
            if not in_quote:
                out.append("<blockquote>")
                in_quote = True
            out.append(f"<p>{body}</p>")
        else:
            tag = _BLOCK_TAGS.get(block.kind, "p")
            out.append(f"<{tag}>{body}</{tag.split()[0]}>")
    close_lists()
    if in_quote:
        out.append("</blockquote>")
    if in_table:
        out.append("</table>")
    out += [_figure_html(picture) for picture in pictures]
    return out


MAX_EMBEDDED_BYTES = 8 * 1024 * 1024  # a picture larger than this is named, not embedded
_MEDIA_TYPES = ((b"\x89PNG", "image/png"), (b"\xff\xd8\xff", "image/jpeg"), (b"GIF8", "image/gif"),
                (b"RIFF", "image/webp"), (b"<svg", "image/svg+xml"), (b"<?xml", "image/svg+xml"))


def _figure_html(image: Image, caption_in_text: str = "") -> str:
    """A picture saved on this computer, embedded; one on the web, named in words (nothing is fetched)."""
    caption = image.caption if image.caption and " ".join(caption_in_text.split()) != image.caption else ""
    embedded = _data_url(image.src)
    if embedded:
        shown = f'<img src="{embedded}" alt="{_e(image.alt)}">'
    else:
        words = image.alt or image.caption or "a picture"
        shown = f'<p class="picture-missing">Picture not included: {_t(words)}</p>'
    return f"<figure>{shown}" + (f"<figcaption>{_t(caption)}</figcaption>" if caption else "") + "</figure>"


def _data_url(src: str) -> str:
    """The picture at a file: address as a data: URL, or "" (on the web, missing, too big, not a picture)."""
    import base64

    from .errors import ArticleError
    from .loaders.images import read_local_image

    if not src.lower().startswith("file:"):
        return ""
    try:
        data = read_local_image(src, MAX_EMBEDDED_BYTES)
    except ArticleError:
        return ""
    media = next((media for magic, media in _MEDIA_TYPES if data.lstrip()[:8].startswith(magic)), "")
    return f"data:{media};base64,{base64.b64encode(data).decode('ascii')}" if media else ""


def _generator() -> str:
    from .. import APP_NAME, __version__

    return f"{APP_NAME} {__version__}"


# -- JSON --
def to_json(analysis: Analysis) -> str:
    """Exactly the object `python -m viewer analyze --json` prints, indented for people."""
    return json.dumps(analysis.to_dict(), ensure_ascii=False, indent=2) + "\n"


# -- Markdown --
# Markdown's markup characters; "_" only where it could start or end emphasis (not in file_names),
# "&" only where it could start an entity such as &amp;.
_MD_SPECIAL = re.compile(r"([\\`*{}\[\]<>#|~!]|(?<!\w)_|_(?!\w)|&(?=#?\w+;))")
_MD_LINE_START = re.compile(r"^(\s*)([-+=]|\d+[.)])(?=\s|$)")


def md_escape(text: str) -> str:
    """Text that Markdown shows literally: one line, its markup characters and pipes escaped."""
    text = " ".join(text.split())
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return _MD_LINE_START.sub(lambda m: m.group(1) + m.group(2)[:-1] + "\\" + m.group(2)[-1], text)


def to_markdown(analysis: Analysis, hidden_groups: Iterable[str] = (), include_hidden: bool = False) -> str:
    """Title, source and date, the key points as a list and the entities as a table."""
    groups = shown_groups(hidden_groups, include_hidden)
    lines = [f"# {md_escape(display_title(analysis))}", ""]
    article = analysis.article
    facts = [("Source", article.source), ("Date", article.date), ("Site", article.site), ("Author", article.author)]
    for name, value in facts:
        if value:
            lines.append(f"- **{name}:** {md_escape(value)}")
    lines.append("")
    lines += ["## Key points", ""]
    if analysis.key_points:
        lines += [f"{number}. {md_escape(point.text)}" for number, point in enumerate(analysis.key_points, 1)]
    else:
        lines.append("No key points were found.")
    lines += ["", "## Article", ""]
    lines += _article_markdown(analysis)
    lines += ["", "## Entities", ""]
    table = entities_by_group(analysis, groups)
    if table:
        lines += ["| Entity | Group | Type | Mentions |", "|---|---|---|---:|"]
        for group, members in table:
            for entity in members:
                name, group_name = md_escape(entity.name), md_escape(group.name)
                lines.append(f"| {name} | {group_name} | {entity.label} | {entity.count} |")
    else:
        lines.append("No entities in the groups shown.")
    left_out = sorted(g.name for g in GROUPS if g.name not in groups)
    if left_out:
        lines += ["", f"Not shown: {md_escape(', '.join(left_out))}."]
    lines.append("")
    return "\n".join(lines)


def _article_markdown(analysis: Analysis) -> list[str]:
    """The article's text in Markdown's structure: sub-headings, lists, quotations, code, pictures."""
    article = analysis.article
    text = analysis.text
    blocks = list(article.blocks) or [Block(start, end) for start, end in split_paragraphs(text)]
    headline = article.headline()
    if blocks and headline is not None and blocks[0] == headline:
        blocks = blocks[1:]  # the title is the export's own heading
    pictures = sorted(article.images, key=lambda image: image.offset)
    lines: list[str] = []
    numbers: dict[int, int] = {}  # depth -> the number of the last item of a numbered list there
    previous: Block | None = None
    for block in blocks:
        while pictures and pictures[0].offset <= block.start:
            follows = text[block.start:block.end] if block.kind == BlockKind.CAPTION else ""
            lines += _picture_markdown(pictures.pop(0), follows) + [""]
            previous = None
        body = text[block.start:block.end]
        tight = previous is not None and previous.kind == block.kind and block.kind in (
            BlockKind.LIST_ITEM, BlockKind.QUOTE, BlockKind.TABLE_ROW)
        if lines and lines[-1] == "" and tight:
            lines.pop()  # items of one list (lines of one quotation) stay together
        if block.kind == BlockKind.LIST_ITEM:
            for depth in [depth for depth in numbers if depth > block.depth]:
                del numbers[depth]
            if block.ordered:
                numbers[block.depth] = numbers.get(block.depth, 0) + 1 if tight else 1
            marker = f"{numbers[block.depth]}." if block.ordered else "-"
            lines.append("   " * block.depth + f"{marker} {md_escape(body)}")
        elif block.kind == BlockKind.HEADING:
            lines.append("#" * min(6, 3 + block.depth) + " " + md_escape(body))
        elif block.kind == BlockKind.QUOTE:
            lines.append(("> \n" if tight else "") + "> " + md_escape(body))
        elif block.kind == BlockKind.CAPTION:
            lines.append(f"*{md_escape(body)}*")
        elif block.kind == BlockKind.TABLE_ROW:
            cells = [md_escape(text[start:end]) for start, end in table_cells(text, block)]
            lines.append("| " + " | ".join(cells) + " |")
            if not tight:  # a Markdown table's first row is its header
                lines.append("|" + "---|" * len(cells))
        elif block.kind == BlockKind.PREFORMATTED:
            fence = "`" * max(3, max((len(run) for run in re.findall(r"`+", body)), default=0) + 1)
            lines += [fence, body, fence]
        else:
            lines.append(md_escape(body))
        if block.kind != BlockKind.LIST_ITEM:
            numbers.clear()
        lines.append("")
        previous = block
    for picture in pictures:
        lines += _picture_markdown(picture) + [""]
    while lines and lines[-1] == "":
        lines.pop()
    return lines or ["(The article has no text.)"]


def _picture_markdown(image: Image, caption_in_text: str = "") -> list[str]:
    from urllib.parse import unquote, urlsplit

    alt = md_escape(image.alt or image.caption or "picture")
    title = image.caption.replace('"', "'") if " ".join(caption_in_text.split()) != image.caption else ""
    # A picture on this computer by its path: Markdown readers (markdown-it among them) refuse file: links.
    src = unquote(urlsplit(image.src).path) if image.src.lower().startswith("file:") else image.src
    return [f"![{alt}](<{src}>" + (f' "{title}"' if title else "") + ")"]


# -- writing --
def render(analysis: Analysis, fmt: str, hidden_groups: Iterable[str] = (), include_hidden: bool = False) -> str:
    """The export of one text format as a string."""
    if fmt == "html":
        return to_html(analysis, hidden_groups, include_hidden)
    if fmt == "json":
        return to_json(analysis)
    if fmt == "md":
        return to_markdown(analysis, hidden_groups, include_hidden)
    raise ValueError(f"not a text export format: {fmt!r}")


def write_export(path: str | Path, data: str | bytes, overwrite: bool = False) -> Path:
    """Write an export atomically; refuse to replace an existing file unless overwrite.

    Raises ExportExistsError for an existing target and OSError when the folder
    cannot be written.
    """
    target = Path(path)
    if target.is_dir():
        raise IsADirectoryError(21, "it is a folder", str(target))
    if not overwrite and os.path.lexists(target):
        raise ExportExistsError(17, "the file exists", str(target))
    write_atomic(target, data)
    return target


def describe_write_error(path: str | Path, error: OSError) -> str:
    """One sentence saying why an export could not be written."""
    if isinstance(error, ExportExistsError):
        return f"“{path}” already exists; choose another name or allow it to be replaced."
    reason = error.strerror or str(error)
    return f"Could not write “{path}”: {reason[:1].lower() + reason[1:]}."


# -- plain text for the clipboard and the sidebar --
def _source_lines(analysis: Analysis) -> list[str]:
    details = [part for part in (analysis.article.site, analysis.article.date) if part]
    lines = [", ".join(details)] if details else []
    lines.append(f"Source: {analysis.source}")
    return lines


def key_points_text(analysis: Analysis) -> str:
    """The key points as a plain-text bulleted list, under the article's title and source."""
    lines = [analysis.title or analysis.source, *_source_lines(analysis), ""]
    lines += [f"• {point.text}" for point in analysis.key_points]
    return "\n".join(lines) + "\n"


_SENTENCE_END = re.compile(r"[.!?][\"'”’)]?\s+(?=[\"'“‘(]?[A-Z0-9])|\n")


def mention_context(analysis: Analysis, start: int, end: int, width: int = 160) -> tuple[str, str, str]:
    """(before, mention, after): the sentence around text[start:end], cut with "…" beyond width each side.

    The sentence is the one the language model found; an analysis without
    sentences (an older JSON object) falls back to looking for sentence ends.
    """
    text = analysis.text
    sentence_start, sentence_end = _sentence_around(analysis, start, end)
    left = max(sentence_start, start - width)
    before = text[left:start]
    if left > sentence_start:
        before = "…" + before[before.find(" ") + 1:] if " " in before else "…" + before
    right = min(sentence_end, end + width)
    after = text[end:right]
    if right < sentence_end:
        after = (after[:after.rfind(" ")] if " " in after else after) + "…"
    return before.lstrip(), text[start:end], after.rstrip()


def _sentence_around(analysis: Analysis, start: int, end: int) -> tuple[int, int]:
    """The span of the sentence holding text[start:end] (a mention across a sentence end spans both)."""
    sentences = analysis.sentences
    text = analysis.text
    if sentences:
        index = bisect.bisect_right(sentences, (start, len(text) + 1)) - 1
        if index >= 0 and sentences[index][0] <= start:
            last = index
            while last + 1 < len(sentences) and sentences[last][1] < end:
                last += 1
            return sentences[index][0], max(end, sentences[last][1])
    window_start = max(0, start - 400)
    sentence_start = window_start
    for match in _SENTENCE_END.finditer(text, window_start, start):
        sentence_start = match.end()
    match = _SENTENCE_END.search(text, end, min(len(text), end + 400))
    sentence_end = match.start() + 1 if match else min(len(text), end + 400)
    if match and text[match.start()] == "\n":
        sentence_end = match.start()
    return sentence_start, sentence_end
