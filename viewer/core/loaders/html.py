"""Saved web pages and downloaded HTML: the article itself, without menus, ads, comments and footers.

trafilatura finds the main content and the metadata (title, date, author,
site); its XML tree is walked here so that each heading, paragraph, list item,
quotation, table row and code block becomes a block of its own kind, with its
links in place. Text that trafilatura leaves loose between blocks (a tweet's
"— Name (@handle)", text after a quotation) is kept as a block of its own.
Then viewer.core.nonarticle sorts out what is on the page but not the article
(share bars, "follow us" lines, teasers of other stories, repeated copies...),
and a block the page sets in small print (a <small> element or a font of
11 pixels or less: disclaimers, copyright, comment rules) is marked as around
the story, shown but never taken for a key point.
A page whose text is drawn by its scripts (so that little of the story is in
its markup) is read from the story it declares for search engines (schema.org
JSON-LD articleBody), when it declares one.
Nothing on the page is ever run or fetched: scripts, images, style sheets and
fonts are dropped with the rest of the markup.
"""
from __future__ import annotations

import bisect
import itertools
import re

from ..article import CELL_SEPARATOR, Article, BlockKind, Role
from ..errors import ArticleError
from ..nonarticle import PageBlock, is_sentence, sort_out
from .build import ArticleBuilder, ParagraphWriter, safe_link
from .images import parse_page, with_page_images
from .text import CONTROL_CHARS, INVISIBLE_CHARS, bom_encoding, decode_text, quiet_library_logs

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
# trafilatura's elements that are blocks (or hold blocks) rather than running text
_BLOCKS = {"p", "head", "list", "item", "quote", "code", "table", "row", "div", "section", "body", "main", "doc",
           "article"}
# Not article text. "graphic" is an image (with include_images=True): images would become
# blocks of their own here, in _PageWalker.walk, where the element is met in reading order.
_SKIPPED = {"graphic", "fw", "note", "comments"}
# Code and quotations inside a paragraph, heading or list item are words of it ("run
# <code>pip install</code> now", "<q>...</q>"), not blocks of their own.
_INLINE_IN_TEXT = {"code", "quote"}
_TEXT_BLOCKS = {"p", "head", "item"}
_SEPARATORS = re.compile(r"^[\s|·•,;/–—-]*$")
MIN_ARTICLE_CHARS = 80  # less than a sentence or two is not an article but leftovers of the page chrome


def decode_html(data: bytes, name: str, charset: str | None = None) -> str:
    """The page's characters: its BOM, then the server's charset, then its <meta charset>, then detection.

    A page is decoded as it declares, as a browser does, even when a stray byte
    is invalid in that encoding (it becomes U+FFFD); only when the declaration
    is plainly wrong (most of the page's non-ASCII text is invalid in it) is the
    encoding detected instead.
    """
    if not bom_encoding(data):
        declared = [charset] if charset else []
        meta = _META_CHARSET.search(data[:8192])
        if meta:
            declared.append(meta.group(1).decode("ascii", "replace"))
        for label in declared:
            encoding = web_encoding(label)
            if encoding is None:
                continue
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                text = data.decode(encoding, "replace")
                invalid = text.count("\ufffd") - data.count("\ufffd".encode(encoding, "ignore") or b"\0")
                valid = sum(1 for ch in text if ord(ch) > 127) - text.count("\ufffd")
                if invalid <= max(2, valid // 20):
                    return text
    return decode_text(data, name)


def web_encoding(label: str) -> str | None:
    """The Python codec a browser uses for a charset label (WHATWG Encoding standard), or None if unknown.

    Browsers read "iso-8859-1" and "ascii" as Windows-1252, "gb2312" as GBK,
    "euc-kr" as Windows-949 and so on; webencodings holds that table.
    """
    import codecs

    import webencodings

    found = webencodings.lookup(label.strip())
    if found is None or found.name == "replacement":
        return None
    try:
        return codecs.lookup(found.codec_info.name).name
    except LookupError:
        return None


def article_from_html(html: str, source: str, name: str, url: str = "") -> Article:
    """Extract the main article of a page; url (where it came from) resolves its relative links."""
    import trafilatura

    quiet_library_logs()
    try:
        document = trafilatura.bare_extraction(
            html, url=url or None, with_metadata=True, include_links=True, include_comments=False,
            include_tables=True, include_images=False, include_formatting=False, output_format="python",
        )
    except Exception as error:  # trafilatura and lxml raise many kinds on broken markup
        raise ArticleError(f"“{name}” could not be read as a web page ({type(error).__name__}).") from None
    body = getattr(document, "body", None) if document is not None else None
    base = url or (getattr(document, "url", "") or "")
    walker = _PageWalker(base)
    if body is not None:
        walker.walk(body)
    site = _clean(getattr(document, "sitename", "") or getattr(document, "hostname", "") or "")
    title = _without_site_name(_clean(getattr(document, "title", "") or ""), site)
    root = parse_page(html)  # lxml's tree of the page (None if unreadable): its lines, small print and pictures
    author = _clean(getattr(document, "author", "") or "")
    blocks, title = sort_out(_as_shown(walker.blocks, root), title, author)
    declared = declared_body(root)
    if declared and _drawn_by_scripts([b.text for b in blocks if b.role == Role.BODY], declared):
        blocks = [PageBlock(ParagraphWriter.of(paragraph)) for paragraph in declared]
    _mark_fine_print(blocks, html, root)
    builder = ArticleBuilder()
    for block in blocks:
        builder.add(block.writer, block.role, block.kind, block.depth, block.ordered)
    if builder.total_chars() < MIN_ARTICLE_CHARS:
        raise ArticleError(f"“{name}” has no article in it that the viewer could find "
                           "(only menus, links or scripts).")
    builder.ensure_headline(title)
    article = builder.build(
        source=source,
        title=title,
        date=_clean(getattr(document, "date", "") or ""),
        site=site,
        author=author,
        description=_clean(getattr(document, "description", "") or "")[:1000],
    )
    return with_page_images(article, html, url, root)  # the pictures among its text (images.py)


# Below this share of the words of the story the page declares for search engines (schema.org
# articleBody), what was found on the page is not the story: a page drawn by its scripts.
DECLARED_BODY_SHARE = 0.5
MIN_DECLARED_WORDS = 50  # a shorter articleBody is a summary, not the story
# Some sites put markup in articleBody: its block elements part paragraphs, the rest (links, emphasis) go.
_BLOCK_TAG = re.compile(r"</?(?:p|div|br|h[1-6]|li|ul|ol|blockquote|section|article|figure|figcaption|table|tr)"
                        r"\b[^>]*>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")


def declared_body(root) -> list[str]:
    """The paragraphs of the story the page declares in its JSON-LD (schema.org articleBody), if any.

    Pages that draw their text with scripts still carry it there for search
    engines; a saved copy of such a page, or one downloaded without running its
    scripts, has nothing else.
    """
    import html as html_module
    import json

    if root is None:
        return []
    bodies = []
    for script in root.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json" or not script.text:
            continue
        try:
            stack = [json.loads(script.text)]
        except ValueError:
            continue
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                if isinstance(item.get("articleBody"), str):
                    bodies.append(item["articleBody"])
                stack.extend(value for value in item.values() if isinstance(value, (list, dict)))
    if not bodies:
        return []
    text = html_module.unescape(_TAG.sub("", _BLOCK_TAG.sub("\n", max(bodies, key=len))))
    paragraphs = [_clean(line) for line in text.splitlines()]
    paragraphs = [paragraph for paragraph in paragraphs if paragraph]
    return paragraphs if _words(paragraphs) >= MIN_DECLARED_WORDS else []


def _drawn_by_scripts(found: list[str], declared: list[str]) -> bool:
    """Whether the story the page declares is the better text: the page's markup holds too little of it,
    or holds it only as trafilatura's own fallback to the declared story, run into one paragraph."""
    found_words, declared_words = _words(found), _words(declared)
    if found_words < DECLARED_BODY_SHARE * declared_words:
        return True
    return 2 * len(found) <= len(declared) and found_words <= declared_words


def _words(texts) -> int:
    return sum(len(text.split()) for text in texts)



# Elements a browser lays out as blocks or breaks a line at, and (to be safe) pictures, frames and form
# controls, which may stand between two lines: text on either side of one is not taken to be on one line.
_LINE_BREAKING = frozenset(
    "address article aside blockquote br center dd details dialog dir div dl dt fieldset figcaption figure footer "
    "form h1 h2 h3 h4 h5 h6 header hgroup hr legend li main menu nav ol p pre section summary table tbody td tfoot "
    "th thead tr ul option select textarea button iframe img video audio canvas svg object embed".split())
_NOT_SHOWN = frozenset("script style template noscript head title meta link".split())
_JOIN_KEY_CHARS = 40  # the end of one paragraph and the start of the next, looked up on the page's lines
_RESPACED_KINDS = (BlockKind.PARAGRAPH, BlockKind.HEADING, BlockKind.LIST_ITEM, BlockKind.QUOTE)


def _as_shown(blocks: list[PageBlock], root) -> list[PageBlock]:
    """The blocks with the lines and spaces the page shows, where trafilatura's tree lost them.

    trafilatura cuts a run of text at a link when the run is loose in a container
    with <br> breaks ("We rated it one of the" / "best managers of 2019. It
    offers..."), and strips the spaces around that link ("set by theparish
    councilafter a meeting"). A paragraph that does not end as a sentence and the
    paragraph after it, which opens with a link, are one when the page shows them
    together on one line (no block element or <br> between them); and a block
    with a link that touches a letter gets the spaces the page has between its
    words, as a browser renders them. The page's lines are only laid out for a
    page that has such blocks.
    """
    if not blocks or root is None:
        return blocks
    shown: _ShownText | None = None
    out: list[PageBlock] = []
    index = 0
    while index < len(blocks):
        block = blocks[index]
        while (index + 1 < len(blocks) and block.kind == blocks[index + 1].kind == BlockKind.PARAGRAPH
               and not is_sentence(block.text) and _opens_with_link(blocks[index + 1])):
            shown = shown or _ShownText(root)
            glue = shown.glue(block.text, blocks[index + 1].text)
            if glue is None:
                break
            block = _joined(block, blocks[index + 1], glue)
            index += 1
        if block.kind in _RESPACED_KINDS and _link_touches_a_word(block):
            shown = shown or _ShownText(root)
            block = shown.respaced(block)
        out.append(block)
        index += 1
    return out


def _opens_with_link(block: PageBlock) -> bool:
    return any(start == 0 for start, _end, _url in block.links)


def _link_touches_a_word(block: PageBlock) -> bool:
    """A link with no space between it and a letter or digit beside it ("theparish councilafter")."""
    text = block.text
    return any((start > 0 and text[start - 1].isalnum()) or (end < len(text) and text[end].isalnum())
               for start, end, _url in block.links)


class _ShownText:
    """The page's text as a browser shows it, without its whitespace, and where that whitespace was."""

    def __init__(self, root) -> None:
        parts: list[str] = []
        spaced: list[int] = []  # offsets in self.bare of the characters a space comes before
        offset = 0
        for line in _shown_lines(root):
            words = line.split(" ")
            starts = list(itertools.accumulate(map(len, words), initial=offset))
            spaced.extend(starts[1:-1])
            parts.append("".join(words) + "\n")  # a line break: nothing is looked up across it
            offset = starts[-1] + 1
        self.bare = "".join(parts)
        self.spaced = spaced
        self._spaced_set = set(spaced)

    def glue(self, first: str, second: str) -> str | None:
        """" " or "" if the page shows first's end and second's start together on one line, else None."""
        end, start = _bare(first[-_JOIN_KEY_CHARS:]), _bare(second[:_JOIN_KEY_CHARS])
        found = self.bare.find(end + start) if end and start else -1
        if found < 0:
            return None
        if found + len(end) in self._spaced_set:
            return " "
        # Touching with no space: "(" and "www.site.example)". Two words running into each other
        # ("Jane Doe" "June 5") are more likely two lines that the site's style sheet sets apart.
        return "" if not (end[-1].isalnum() and start[0].isalnum()) else None

    def respaced(self, block: PageBlock) -> PageBlock:
        """The block with the spaces the page shows between its words, if the page shows it on one line.

        Spaces are only added, never taken away: a style sheet can set an inline
        element on a line of its own, which the HTML alone does not tell, and a
        missing space runs two words together where an extra one only separates them.
        """
        text = block.text
        bare = _bare(text)
        found = self.bare.find(bare) if len(bare) >= 2 else -1
        if found < 0:
            return block
        low, high = bisect.bisect_right(self.spaced, found), bisect.bisect_left(self.spaced, found + len(bare))
        spaces = {offset - found for offset in self.spaced[low:high]}
        new_text: list[str] = []
        new_at: list[int] = []  # for each character of text, where it is in the new text
        length = bare_index = 0
        after_space = False
        for char in text:
            if char.isspace():
                new_at.append(length)
                after_space = True
                continue
            if bare_index in spaces or (after_space and bare_index):
                new_text.append(" ")
                length += 1
            after_space = False
            new_at.append(length)
            new_text.append(char)
            length += 1
            bare_index += 1
        respaced = "".join(new_text)
        if respaced == text:
            return block
        new_at.append(length)
        writer = ParagraphWriter()
        position = 0
        for start, end, url in block.links:
            new_start, new_end = new_at[start], new_at[end]
            while new_end > new_start and respaced[new_end - 1] == " ":
                new_end -= 1
            writer.write(respaced[position:new_start])
            writer.write(respaced[new_start:new_end], url)
            position = new_end
        writer.write(respaced[position:])
        return PageBlock(writer, block.kind, depth=block.depth, ordered=block.ordered, level=block.level)


def _bare(text: str) -> str:
    return "".join(text.split())


def _joined(first: PageBlock, second: PageBlock, glue: str) -> PageBlock:
    writer = ParagraphWriter()
    for block, lead in ((first, ""), (second, glue)):
        text, position = block.text, 0
        writer.write(lead)
        for start, end, url in block.links:
            writer.write(text[position:start])
            writer.write(text[start:end], url)
            position = end
        writer.write(text[position:])
    return PageBlock(writer, first.kind, depth=first.depth, ordered=first.ordered, level=first.level)


def _shown_lines(root) -> list[str]:
    """The page's text as a browser lays it out in lines (whitespace collapsed), scripts and styles left out."""
    from lxml import etree

    lines: list[str] = []
    current: list[str] = []

    def new_line() -> None:  # as ParagraphWriter writes text: no invisible characters, no controls
        line = " ".join(INVISIBLE_CHARS.sub("", CONTROL_CHARS.sub(" ", "".join(current))).split())
        if line:
            lines.append(line)
        current.clear()

    # iterwalk rather than recursion: pages can nest deeper than Python's stack
    walk = etree.iterwalk(root, events=("start", "end", "comment", "pi"))
    for event, element in walk:
        tag = element.tag if isinstance(element.tag, str) else ""
        shown = bool(tag) and tag not in _NOT_SHOWN
        if event in ("comment", "pi"):
            current.append(element.tail or "")
        elif event == "start":
            if not shown:
                walk.skip_subtree()
                continue
            if tag in _LINE_BREAKING:
                new_line()
            current.append(element.text or "")
        else:
            if shown and tag in _LINE_BREAKING:
                new_line()
            if element is not root:
                current.append(element.tail or "")
    new_line()
    return lines


# Small print as a browser shows it: the <small> element, or a font set in the element's own style
# at 11 pixels (8 points) or less, x-small, or three quarters of the text's size or less.
_FINE_PRINT_HINT = re.compile(r"<small\b|font-size", re.IGNORECASE)
_FONT_SIZE = re.compile(r"font-size\s*:\s*(?:(\d*\.?\d+)\s*(px|pt|em|rem|%)|(xx?-small))", re.IGNORECASE)
_FINE_PRINT_PX = 11.0
_FINE_PRINT_RATIO = 0.75
_PX_PER_UNIT = {"px": 1.0, "pt": 4 / 3}
_RATIO_PER_UNIT = {"em": 1.0, "rem": 1.0, "%": 0.01}
MAX_FINE_PRINT_WORDS = 120  # more is a site's styling of its whole text, not small print
_MIN_FINE_PRINT_BLOCK_WORDS = 3  # shorter blocks ("Share", "Read more") may be anywhere on a page


def _mark_fine_print(blocks: list[PageBlock], html: str, root) -> None:
    """Blocks of the story that the page shows in small print become BOILERPLATE (HTML's <small> is
    "side comments such as small print": disclaimers, copyright, a site's rules for comments)."""
    if root is None or not _FINE_PRINT_HINT.search(html):
        return
    fine_print = _fine_print_texts(root)
    if not fine_print:
        return
    for block in blocks:
        if block.role != Role.BODY or len(block.text.split()) < _MIN_FINE_PRINT_BLOCK_WORDS:
            continue
        key = "".join(block.text.split()).casefold()  # whitespace differs between the tree and the walker
        if any(key in text for text in fine_print):
            block.role = Role.BOILERPLATE


def _fine_print_texts(root) -> list[str]:
    """The text of each element the page (an lxml.html tree) sets in small print, without whitespace, casefolded."""
    texts = []
    for element in root.xpath("//small | //*[@style and contains(translate(@style, 'FONTSIZE', 'fontsize'), "
                              "'font-size')]"):
        if element.tag in ("script", "style", "template"):
            continue
        if element.tag != "small" and not _small_font(element.get("style") or ""):
            continue
        words = element.text_content().split()
        if _MIN_FINE_PRINT_BLOCK_WORDS <= len(words) <= MAX_FINE_PRINT_WORDS:
            texts.append("".join(words).casefold())
    return texts


def _small_font(style: str) -> bool:
    match = _FONT_SIZE.search(style)
    if not match:
        return False
    if match.group(3):
        return True
    size, unit = float(match.group(1)), match.group(2).lower()
    if unit in _PX_PER_UNIT:
        return 0 < size * _PX_PER_UNIT[unit] <= _FINE_PRINT_PX
    return 0 < size * _RATIO_PER_UNIT[unit] <= _FINE_PRINT_RATIO


def _clean(value: str) -> str:
    return " ".join(str(value).split())


_TITLE_SEPARATOR = re.compile(r"\s+[|–—:·•-]\s+")


def _without_site_name(title: str, site: str) -> str:
    """The title less the site's name that pages add before or after it ("Headline | Site", "Site - Headline")."""
    key = re.sub(r"\W+", "", site.casefold())
    separators = list(_TITLE_SEPARATOR.finditer(title))
    if not key or not separators:
        return title
    last, first = separators[-1], separators[0]
    if re.sub(r"\W+", "", title[last.end():].casefold()) == key:
        return title[:last.start()]
    if re.sub(r"\W+", "", title[:first.start()].casefold()) == key:
        return title[first.end():]
    return title


def _tag(element) -> str:
    return element.tag if isinstance(element.tag, str) else ""


class _PageWalker:
    """trafilatura's XML tree to PageBlocks in reading order, each with its kind and links."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.blocks: list[PageBlock] = []

    def walk(self, element, kind: BlockKind = BlockKind.PARAGRAPH, depth: int = 0, ordered: bool = False,
             level: int = 0) -> None:
        """The blocks in element: its block children, and its own running text as blocks of `kind`.

        Running text is everything between block children (the element's text,
        inline elements and the tails of children); each stretch of it is one block.
        """
        context = (kind, depth, ordered, level)
        writer = _inline_content(element, ParagraphWriter(), self.base, self, context)
        self.add(writer, *context)

    def add(self, writer: ParagraphWriter, kind: BlockKind, depth: int = 0, ordered: bool = False,
            level: int = 0) -> None:
        text = writer.text()
        if not text.strip() or _SEPARATORS.match(text):
            return
        self.blocks.append(PageBlock(writer, kind, depth=depth, ordered=ordered, level=level))

    def block(self, element, context: tuple[BlockKind, int, bool, int]) -> None:
        """One block-level child, in the context (kind, list depth...) of its parent."""
        tag = _tag(element)
        kind, depth, ordered, _level = context
        if tag == "head":
            level = _heading_level(element.get("rend", ""))
            self.walk(element, BlockKind.HEADING, level=level)
        elif tag == "p":
            self.walk(element, kind, depth, ordered)
        elif tag == "quote":
            self.walk(element, BlockKind.QUOTE)
        elif tag == "code":
            self.walk(element, BlockKind.PREFORMATTED)
        elif tag == "list":
            inner = depth + 1 if kind == BlockKind.LIST_ITEM else 0
            is_ordered = element.get("rend", "") == "ol"
            for child in element:
                child_tag = _tag(child)
                if child_tag == "item":
                    self.walk(child, BlockKind.LIST_ITEM, inner, is_ordered)
                elif child_tag in _BLOCKS:
                    self.block(child, (BlockKind.LIST_ITEM, inner, is_ordered, 0))
                elif child_tag and child_tag not in _SKIPPED:
                    writer = ParagraphWriter()
                    _inline_content(child, writer, self.base)
                    self.add(writer, BlockKind.LIST_ITEM, inner, is_ordered)
                if child.tail and child.tail.strip():
                    self.add(_written(child.tail), BlockKind.LIST_ITEM, inner, is_ordered)
        elif tag == "item":
            self.walk(element, BlockKind.LIST_ITEM, depth, ordered)
        elif tag == "table":
            for child in element.iter("row"):
                self.block(child, context)
        elif tag == "row":
            writer = ParagraphWriter()
            for index, cell in enumerate(child for child in element if _tag(child) == "cell"):
                if index:
                    writer.write(CELL_SEPARATOR)
                _inline_content(cell, writer, self.base)
            self.add(writer, BlockKind.TABLE_ROW)
        else:  # div, body, main...: a container; its loose text is of its context's kind
            self.walk(element, kind if kind in (BlockKind.QUOTE, BlockKind.LIST_ITEM) else BlockKind.PARAGRAPH,
                      depth, ordered)


def _written(text: str) -> ParagraphWriter:
    writer = ParagraphWriter()
    writer.write(text)
    return writer


def _heading_level(rend: str) -> int:
    match = re.fullmatch(r"h([1-6])", rend or "")
    return int(match.group(1)) if match else 3


def _inline_content(element, writer: ParagraphWriter, base: str, walker: _PageWalker | None = None,
                    context: tuple[BlockKind, int, bool, int] | None = None) -> ParagraphWriter:
    """Write element's text and inline children into writer; return the writer in use at the end.

    With a walker, a block-level child ends the running text (added as a block
    of the context's kind) and is walked as a block of its own; the text after
    it starts a new block. Hover cards are left out: a link repeated at once
    (same address, same words, nothing between: "Jane DoeJane Doe") opens a
    profile card, whose links run on until the sentence resumes.
    """
    writer.write(element.text)
    previous_link: tuple[str, str] | None = None
    in_card = False
    for child in element:
        tag = _tag(child)
        tail = child.tail or ""
        if in_card:
            pass  # the card's own links and labels
        elif walker is not None and context is not None and tag in _BLOCKS and not (
                tag in _INLINE_IN_TEXT and _tag(element) in _TEXT_BLOCKS):
            walker.add(writer, *context)
            writer = ParagraphWriter()
            walker.block(child, context)
        elif tag == "ref":
            words = " ".join("".join(child.itertext()).split())
            target = child.get("target", "")
            if words and previous_link == (target, words):
                in_card = True
            else:
                writer.write("".join(child.itertext()), safe_link(target, base))
        elif tag == "lb":
            writer.space()
        elif tag and tag not in _SKIPPED:
            if tag in ("p", "item", "head", "row", "cell", "list", "quote"):
                writer.space()
            writer = _inline_content(child, writer, base)
        if in_card and not _SEPARATORS.match(tail):
            in_card = False  # the sentence resumes after the card
        previous_link = (child.get("target", ""), " ".join("".join(child.itertext()).split())) \
            if tag == "ref" and not tail else None
        if not in_card:
            writer.write(tail)
    return writer

