"""What is on a web page but is not its article: share bars, "follow us" lines, prompts, teasers, repeats.

Main-content extraction (trafilatura) keeps the article's container, and with
it whatever the site put inside: a newsletter box, a "Follow us on Instagram,
Facebook and Twitter" line, links to other stories, a tweetable pull quote, a
second copy of the text from the page's data. This module sorts those out of
the blocks the HTML loader found, from signals that hold on any site:

- the page's structure: a block that is nothing but links and no sentence (a
  teaser of another story), links that are share buttons, a heading that opens
  a list of such links ("More:", "Related"), the page's own headline;
- the shape of the words: a sentence addressed to the reader with something to
  do ("Sign up...", "Follow us on...", "If you enjoyed this article..."), a line
  of social-network names, a bare address or time stamp, a credit line, the label
  an advertisement leaves in the story ("Advertisement", "Story continues below
  advertisement"), a labelled link to another story ("Read more: ...");
- the page's byline: the writer's closing note about themselves ("Jane Doe covers
  city hall...") opens with the writer's name;
- repetition: a block the page has already given.

What is certainly not article text is left out of the text; what belongs to the
page around the story (a byline, a credit, a time line) stays in the text with
the role BOILERPLATE, so it is shown but never taken for a key point or the lede.
The same sentence tests serve viewer.core.keypoints for text of any origin.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .article import BlockKind, Role

# Social networks and messaging services whose names make up "follow us" lines.
SOCIAL_NETWORKS = ("facebook", "twitter", "instagram", "youtube", "linkedin", "pinterest", "tiktok", "snapchat",
                   "whatsapp", "telegram", "reddit", "flipboard", "tumblr", "threads", "mastodon", "bluesky",
                   "google+", "rss", "apple podcasts", "spotify")
_SOCIAL = re.compile(r"\b(?:" + "|".join(re.escape(name) for name in SOCIAL_NETWORKS) + r")\b", re.IGNORECASE)
# Addresses of share buttons: they post the page to a network rather than lead anywhere.
_SHARE_LINK = re.compile(
    r"(?:twitter\.com|x\.com)/(?:share|intent/tweet)|facebook\.com/(?:sharer|share\.php|dialog/share)|"
    r"linkedin\.com/(?:sharearticle|shareArticle|cws/share|share)|pinterest\.[a-z.]+/pin/create|"
    r"reddit\.com/submit|wa\.me/\?|api\.whatsapp\.com/send|t\.me/share|mailto:\?|"
    r"addtoany\.com|sharethis\.com|getpocket\.com/(?:save|edit)|tumblr\.com/(?:share|widgets/share)",
    re.IGNORECASE)
# Verbs that open a call to action when they open a sentence. Those that are only ever verbs
# there count alone; those that are also nouns ("Share prices fell", "Support for the plan
# grew", "Watch sales rose") count only with an object that makes them an order ("Share this").
_ORDER_VERBS = (r"click|tap|subscribe|sign\s*up|signup|follow|listen|tell us|let us know|send us|email us|"
                r"write to us|contact us|like us|find us|connect with us|don[’']t miss|never miss|stay tuned|"
                r"stay (?:up to date|informed|connected)|sign in|log in|check out|learn more|keep up|catch up")
_NOUN_VERBS = (r"register|join|share|download|get|watch|read|see|visit|reach|support|become|donate|upgrade|unlock|"
               r"receive|start|try|shop|buy|order|save|claim|enter|apply|book|grab|discover|explore|find out|"
               r"head (?:to|over)|go to|make sure|don[’']t forget|remember to|be sure")
_OBJECT = r"(?:it|this|these|them|us|our|your|yours|now|today|here|more|the|a|an|free|up to|online|live)\b|[$@]"
_LEAD_IN = r"^(?:[\[(]?\s*)?(?:you can (?:also |now )?|please )?"
_CALL_TO_ACTION = re.compile(rf"{_LEAD_IN}(?:(?:{_ORDER_VERBS})(?![\w-])|(?:{_NOUN_VERBS}) (?={_OBJECT}))",
                             re.IGNORECASE)
_NOUN_VERB_ALONE = re.compile(rf"{_LEAD_IN}(?:{_NOUN_VERBS})(?![\w-])", re.IGNORECASE)
# What a call to action is about when it is the site's own: its services, not the news.
_SERVICE = re.compile(
    r"\b(?:newsletters?|inbox|e-?mail alerts?|app|apps|podcasts?|"
    r"notifications?|membership|paywalls?|our (?:site|website|page|channel|coverage|"
    r"journalism|reporting|team|editors?|stories|newsroom|magazine|show|content)|"
    r"this (?:article|story|post|page|video)|"
    r"letterbox|issues? for|print edition|digital edition|home ?page|more stories|latest (?:news|stories|updates)|"
    r"with (?:a )?friends?|(?:click|tap)(?:ing)? here)\b",
    re.IGNORECASE)
_READER = re.compile(r"\b(?:you|your|you['’]re|you['’]ll|yours|us|our)\b", re.IGNORECASE)
# A digest introducing itself: what follows is "the news you need to know", "the top stories".
_DIGEST_INTRO = re.compile(
    r"(?:(?:this|these|here) (?:is|are)|here['’]s)\b.{0,50}?\b(?:(?:you|to) need to know|news you need|"
    r"(?:top|biggest|latest|best|day['’]s|week['’]s) (?:stories|headlines)\b)"
    r"|welcome (?:back )?to\b.{0,50}?\b(?:newsletter|briefing|digest|round-?up|edition)\b",
    re.IGNORECASE)
_IF_YOU = re.compile(r"^(?:if|when) you (?:enjoy|enjoyed|like|liked|found|find|value|appreciate|want more|"
                     r"love|loved|have (?:enjoyed|a (?:story|tip|news tip)))\b.{0,60}\b(?:article|story|post|"
                     r"content|journalism|reporting|newsletter|piece|site|work)\b", re.IGNORECASE)
# "(Reporting by ...; Editing by ...)", "Jane Doe contributed to this report.", "SOURCE: Al Jazeera"
_CREDIT = re.compile(
    r"[(\[]?\s*(?:(?:additional )?reporting by|writing by|editing by|edited by|compiled by|produced by|"
    r"source\s*:|sources\s*:|with (?:reporting|additional reporting) (?:by|from)|"
    r"(?:photos?|pictures?|images?|video)\s*(?::|by\b|courtesy))",
    re.IGNORECASE)
# Searched only where "contr" is, which misses none: ignoring case, only "C", "O", "N", "T" and "R" match
# those letters (the "i" that follows is also matched by the Turkish dotted and dotless ones).
_CONTRIBUTED = re.compile(r"\b(?:contributed (?:to )?this (?:report|story|article)|contributed reporting)\W*$",
                          re.IGNORECASE)
# A photo credit's shape: "REUTERS/Jane Doe", "(Photo: Jane Doe/Getty Images)", "...in New York.Reuters",
# "© Jane Doe, 2018".
# Each of these shapes needs a "/", "(", ":" or "©" (CREDIT_MARK): few sentences have one, and looking for
# the marks first spares the others the slow case-blind search (47 ms for 100k words without it).
_PHOTO_CREDIT = re.compile(
    r"\b(?:REUTERS|AFP|AP|EPA|Getty Images|Xinhua|Bloomberg|PA|Shutterstock|Alamy|Reuters)\s*/\s*\w"
    r"|\((?:Photo|Picture|Image|Credit)s?\b[^)]*\)"
    r"|\b(?:Photo|Picture|Image)s?\s*(?:credit)?\s*:\s*\S"
    r"|(?:^|\s)(?:©|\(c\))\s*\w",
    re.IGNORECASE)
CREDIT_MARK = re.compile(r"[/(:©]")
# An agency's name run onto the caption's last word; the match is at most AGENCY_AT_END_CHARS long
# ("y.Getty Images"), so only the text's end is searched.
_AGENCY_AT_END = re.compile(r"[a-z][.!?](?:Reuters|AFP|AP|Getty Images|EPA|Bloomberg|Xinhua|Shutterstock)\s*$",
                            re.IGNORECASE)
AGENCY_AT_END_CHARS = 14
_BARE_ADDRESS = re.compile(r"^(?:https?://|www\.)\S+$|^[\w.+-]+@[\w-]+(?:\.[\w-]+)+$", re.IGNORECASE)
_TIMESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?$")
# "[button link=... type=big] Send us your review [/button]": a CMS shortcode the page failed to expand.
_SHORTCODE = re.compile(r"\[(\w[\w-]*)\b[^\]]*\].*\[/\1\]", re.DOTALL)
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")
_WORD = re.compile(r"\w+", re.UNICODE)
# Headings that open a list of links to other stories.
_LINK_LIST_HEADING = re.compile(
    r"^(?:more|related|related (?:articles?|stories|content|coverage|links|posts|topics)|read more|"
    r"see also|also read|more (?:from|on|stories|news|in|like this)\b.*|recommended(?: for you)?|"
    r"you (?:may|might) (?:also )?(?:like|be interested in|enjoy)|trending|most (?:read|popular|viewed)|"
    r"popular|latest(?: news| stories)?|explore further|don[’']t miss|top stories|editor[’']s picks|"
    r"further reading|recent posts|other stories)\W*$",
    re.IGNORECASE)


# The labels sites put where an advertisement or a gallery interrupts the story ("Advertisement",
# "Skip advertisement", "Story continues below advertisement", "Continue reading the main story").
_AD_MARKER = re.compile(
    r"^[\s(\[]*(?:(?:skip|close) )?(?:advertisements?|advertising|ad|sponsored(?: content)?|"
    r"paid (?:content|post|partnership)|promoted(?: content)?)[\s.)\]]*$|"
    r"^[\s(\[]*(?:the )?(?:story|article|text|content) continues (?:below|after)"
    r"(?: (?:this |the )?(?:advertisement|advert|ad|video|gallery|image|photo))?[\s.…)\]]*$|"
    r"^(?:continue reading (?:the main story|below)|scroll (?:down )?to continue(?: (?:with content|reading))?)"
    r"[\s.…]*$",
    re.IGNORECASE)
# The label of a line that is a link to another story: "Read more: ...", "RELATED: ...", "Watch: ...".
_TEASER_LABEL = re.compile(
    r"^[\s•·]*(?:read (?:more|also|next)|also read|see also|related(?: story| article| coverage)?|more|"
    r"recommended|watch|listen|don[’']t miss|must read|up next|trending)\s*[:|–—-]\s*",
    re.IGNORECASE)


@dataclass
class PageBlock:
    """A block of a web page as the loader found it, before it is made part of the Article."""

    writer: Any  # the ParagraphWriter holding its text and links
    kind: BlockKind = BlockKind.PARAGRAPH
    depth: int = 0
    ordered: bool = False
    level: int = 0  # headings: 1 for <h1> ... 6
    role: Role = Role.BODY
    _text: str | None = field(default=None, repr=False)
    _link_share: float | None = field(default=None, repr=False)

    @property
    def text(self) -> str:
        if self._text is None:
            self._text = self.writer.text()
        return self._text

    @property
    def links(self) -> list[tuple[int, int, str]]:
        return self.writer.links

    def link_share(self) -> float:
        """How much of the block's text (letters and digits) is link text."""
        if self._link_share is None:
            self._link_share = self._share(self.links)
        return self._link_share

    def share_button_share(self) -> float:
        """How much of the block's text is the text of share buttons."""
        buttons = [link for link in self.links if _SHARE_LINK.search(link[2])]
        return self._share(buttons) if buttons else 0.0

    def link_share_after(self, since: int) -> float:
        """How much of the block's text from offset since on is link text."""
        return self._share(self.links, since)

    def _share(self, links: list[tuple[int, int, str]], since: int = 0) -> float:
        if not links:
            return 0.0
        text = self.text
        total = sum(map(str.isalnum, text[since:]))
        linked = sum(sum(map(str.isalnum, text[max(start, since):end])) for start, end, _url in links)
        return min(1.0, linked / total) if total else 0.0


def words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def is_sentence(text: str) -> bool:
    """Ends as a sentence does (a full stop, question or exclamation mark, an ellipsis)."""
    return bool(_SENTENCE_END.search(text.strip()))


def _bare(sentence: str) -> str:
    """The sentence without the bullet, dash or arrow a page may set before it."""
    return sentence.strip().lstrip("•·*-–—>▶► ").strip()


def is_reader_prompt(sentence: str) -> bool:
    """A sentence addressed to the reader with something to do for the site, not news.

    "Sign up for our newsletter", "Follow us on Facebook and Twitter", "Click
    here to get the app", "If you enjoyed this article, ...", "Share it with a
    friend!". A call to action counts when it is about the site's own services
    or names social networks; a bare "Click here" or "Subscribe now" as well.
    """
    text = _bare(sentence)
    if not text:
        return False
    if _IF_YOU.match(text):
        return True
    if _CALL_TO_ACTION.match(text):
        if _SERVICE.search(text) or _SOCIAL.search(text) or re.match(r"\W*\w+ us\b", text, re.IGNORECASE):
            return True
        return len(text.split()) <= 4 and not is_sentence(text)  # "Click here", "Subscribe now"
    if _NOUN_VERB_ALONE.match(text) and _SERVICE.search(text) and _READER.search(text):
        return True  # "Get Cycle Monthly delivered through your letterbox"
    return is_social_line(text)


def is_digest_intro(sentence: str) -> bool:
    """A newsletter's or digest's line about itself ("This is the tech news you need to know this Tuesday.",
    "Here are the biggest stories of the week.", "Welcome to the Morning Briefing."), not news."""
    text = _bare(sentence)
    return len(text.split()) <= 16 and bool(_DIGEST_INTRO.match(text))


def is_imperative(sentence: str) -> bool:
    """A sentence that tells the reader to do something ("Get it on Amazon for $39", "Click below")."""
    return bool(_CALL_TO_ACTION.match(_bare(sentence)))


def is_social_line(text: str) -> bool:
    """A line naming two or more social networks and little else ("Facebook | Twitter | Instagram",
    "Find us on Facebook and Twitter")."""
    if len(text.split()) > 16:  # two or more names and at most three other words, with "and", "on", "us"...
        return False
    networks = {match.group(0).casefold() for match in _SOCIAL.finditer(text)}
    if len(networks) < 2:
        return False
    return len([w for w in words(_SOCIAL.sub(" ", text)) if w not in _SOCIAL_FILLER]) <= 3


_SOCIAL_FILLER = frozenset("on and or us at the via in follow like find join connect share subscribe our".split())


def is_credit(text: str) -> bool:
    """A credit line: who reported, edited or photographed it, or where the story came from."""
    stripped = text.strip()
    credited = _CREDIT.match(stripped) is not None or (
        "contr" in stripped.lower() and _CONTRIBUTED.search(stripped) is not None)
    return credited and len(stripped.split()) <= 40


def is_photo_credit(text: str) -> bool:
    """A caption or credit by its shape ("REUTERS/Jane Doe", "(Photo: ...)", "...in New York.Reuters")."""
    stripped = text.strip()
    shaped = ((CREDIT_MARK.search(stripped) is not None and _PHOTO_CREDIT.search(stripped) is not None)
              or _AGENCY_AT_END.search(stripped[-AGENCY_AT_END_CHARS:]) is not None)
    return shaped and len(text.split()) <= 60


def _prompt_share(text: str) -> float:
    """The share of a block's words in sentences that are prompts to the reader."""
    sentences = _sentences(text)
    total = sum(len(s.split()) for s in sentences) or 1
    return sum(len(s.split()) for s in sentences if is_reader_prompt(s)) / total


_SPLIT = re.compile(r"(?<=[.!?…])[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])")


def _sentences(text: str) -> list[str]:
    return [s for s in _SPLIT.split(text) if s.strip()]


def similar_titles(a: str, b: str) -> bool:
    """Two forms of one headline: the same words, give or take a site name or a kicker."""
    first, second = words(a), words(b)
    if not first or not second:
        return False
    short, long = (first, second) if len(first) <= len(second) else (second, first)
    if len(short) < 0.5 * len(long) or len(short) < 2:
        return False
    pool = set(long)
    return sum(1 for w in short if w in pool) >= 0.8 * len(short)


def sort_out(blocks: list[PageBlock], title: str, author: str = "") -> tuple[list[PageBlock], str]:
    """The blocks that are the article (with roles), and the title, once the page's chrome is sorted out.

    Blocks left out of the text are dropped from the list; the rest keep their
    order, those around the story marked BOILERPLATE. The page's own headline,
    when the text begins with it, becomes the headline block and the title.
    author (the page's byline) tells the writer's closing note about themselves.
    """
    kept = [block for block in _drop_link_lists(blocks) if not _is_foreign(block)]
    kept = _drop_repeats(kept)
    kept = _drop_excerpt_runs(kept)
    kept, title = _find_headline(kept, title)
    body = [block for block in kept if block.role == Role.BODY]
    taglines = {id(block) for block in body[-TAGLINE_BLOCKS:] if is_author_tagline(block.text, author)}
    for block in kept:
        if block.role == Role.BODY and (_is_around_the_story(block) or id(block) in taglines):
            block.role = Role.BOILERPLATE
            if block.kind == BlockKind.PARAGRAPH and is_photo_credit(block.text) and not is_credit(block.text):
                block.kind = BlockKind.CAPTION  # trafilatura drops <figcaption>; captions come as paragraphs
    return kept, title


# How many of the story's last blocks may be a note about its writer.
TAGLINE_BLOCKS = 3


def is_author_tagline(text: str, author: str) -> bool:
    """"Jane Doe covers city hall for the Ledger.": a block that opens with the name of one of the page's
    writers (two words or more, as the byline gives it) is about the writer, not the story."""
    text = text.strip().lstrip("—–-* ").strip()
    for name in re.split(r"\s*(?:[,;&|]|\band\b)\s*", author):
        if len(name.split()) >= 2 and text.startswith(name) and not text[len(name):len(name) + 1].isalnum():
            return True
    return False


def _is_foreign(block: PageBlock) -> bool:
    """Certainly not article text: share buttons, prompts, teasers, addresses, time stamps, shortcodes."""
    text = block.text.strip()
    if _BARE_ADDRESS.match(text) or _TIMESTAMP.match(text) or _SHORTCODE.search(text) or _AD_MARKER.match(text):
        return True
    if block.share_button_share() >= 0.5 or _is_labelled_teaser(block):
        return True
    if block.kind == BlockKind.TABLE_ROW:
        return False
    if is_teaser(block):
        return True
    n_words = len(text.split())
    return n_words <= 60 and (_prompt_share(text) >= 0.5 or is_social_line(text))


def _is_labelled_teaser(block: PageBlock) -> bool:
    """"Read more: Bus fares to rise in April": a label, then a link to another story, or its headline
    alone where the page's link was lost (a saved page's relative address)."""
    text = block.text
    label = _TEASER_LABEL.match(text)
    if label is None:
        return False
    rest = text[label.end():]
    if not block.links:
        return not is_sentence(rest) and 2 <= len(words(rest)) <= 20
    return block.link_share_after(label.end()) >= 0.75


def is_teaser(block: PageBlock) -> bool:
    """Links to other stories: the block is all links and no sentence, one headline (2 to 20 words) or several."""
    text = block.text.strip()
    if block.link_share() < 0.75 or is_sentence(text) or _BARE_ADDRESS.match(text):
        return False
    return 2 <= len(words(text)) <= 20 or len(block.links) >= 3


def _drop_link_lists(blocks: list[PageBlock]) -> list[PageBlock]:
    """A heading such as "More:", "Related stories" or "Don't miss" with the links that follow it."""
    out: list[PageBlock] = []
    index = 0
    while index < len(blocks):
        block = blocks[index]
        if _LINK_LIST_HEADING.match(block.text.strip().lstrip("•· ")):
            end = index + 1
            while end < len(blocks) and blocks[end].link_share() >= 0.5:
                end += 1
            if end > index + 1 or end == len(blocks):
                index = end
                continue
        out.append(block)
        index += 1
    return out


def _drop_repeats(blocks: list[PageBlock]) -> list[PageBlock]:
    """A block the page has given already: an exact repeat, or a long block whose text came before.

    Pages often carry a second copy of the article (a summary from the page's data,
    a print version); its word sequences are all in the text above it.
    """
    out: list[PageBlock] = []
    seen_blocks: set[tuple[str, ...]] = set()
    seen_grams: set[tuple[str, ...]] = set()
    for block in blocks:
        tokens = tuple(words(block.text))
        grams = {tokens[i:i + 4] for i in range(len(tokens) - 3)}
        repeated = (len(tokens) >= 6 and tokens in seen_blocks) or (
            len(tokens) >= 12 and len(grams & seen_grams) >= 0.8 * len(grams))
        if repeated and block.kind not in (BlockKind.TABLE_ROW,):
            continue
        seen_blocks.add(tokens)
        seen_grams |= grams
        out.append(block)
    return out


_EXCERPT_END = re.compile(r"\w[,;:]?\s*(?:…|\.\.\.|\[(?:…|\.\.\.)\])$")


def _drop_excerpt_runs(blocks: list[PageBlock]) -> list[PageBlock]:
    """Excerpts of other posts: two or more long paragraphs cut off mid-sentence at the same length.

    A blog's list of other posts shows each cut at a fixed number of words with
    an ellipsis; everything from the first such excerpt to the last is that list.
    """
    cut = [i for i, block in enumerate(blocks)
           if block.kind == BlockKind.PARAGRAPH and _EXCERPT_END.search(block.text.strip())
           and len(block.text.split()) >= 30]
    lengths: dict[int, list[int]] = {}
    for i in cut:
        lengths.setdefault(len(blocks[i].text.split()), []).append(i)
    runs = [indexes for indexes in lengths.values() if len(indexes) >= 2]
    if not runs:
        return blocks
    first = min(min(indexes) for indexes in runs)
    last = max(max(indexes) for indexes in runs)
    if first == 0:
        return blocks
    return blocks[:first] + blocks[last + 1:]


def _find_headline(blocks: list[PageBlock], title: str) -> tuple[list[PageBlock], str]:
    """Mark the page's own headline when the text opens with it (after a kicker or section link).

    A heading within the first few blocks that is a form of the title (less the
    site's name), or a top-level heading that opens the text, is the headline;
    the title is then the headline as the page shows it. Section links and
    kickers before it are page navigation and are left out.
    """
    for index, block in enumerate(blocks[:4]):
        text = block.text.strip()
        if block.kind == BlockKind.HEADING and (similar_titles(text, title) if title else True) or (
                block.kind == BlockKind.HEADING and block.level == 1 and index == 0):
            before = blocks[:index]
            if all(len(b.text.split()) <= 4 or b.link_share() >= 0.75 for b in before):
                block.role = Role.HEADLINE
                block.kind = BlockKind.TITLE
                return [block] + blocks[index + 1:], text
            break
        if block.kind == BlockKind.PARAGRAPH and len(text.split()) > 12:
            break  # the story has begun
        if title and similar_titles(text, title) and not is_sentence(text):
            block.role = Role.HEADLINE
            block.kind = BlockKind.TITLE
            before = blocks[:index]
            if all(len(b.text.split()) <= 4 or b.link_share() >= 0.75 for b in before):
                return [block] + blocks[index + 1:], text
            return blocks, title
    return blocks, title


_TIMELINE = re.compile(
    r"^(?:(?:updated|published|posted|last updated|first published)\b.{0,40}\d|"
    r".{0,30}\b\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?\b.{0,40}$|"
    r"\d{1,2}/\d{1,2}/\d{2,4}\b.{0,40}$|"
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)day,? .{0,40}\d{4}.{0,20}$|"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2},? \d{4}.{0,30}$|"
    r"\d{1,2} (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]* \d{4}.{0,30}$)",
    re.IGNORECASE)
# "By Jane Doe", "BY JANE DOE, Energy Correspondent": names (so case matters: "By contrast, ..." is a sentence).
_BYLINE = re.compile(r"^(?:By|BY|by)\s+[A-Z][\w.'’-]+(?:\s+(?:[A-Z][\w.'’-]+|de|la|le|da|di|van|von|al|bin)){0,4}"
                     r"\s*(?:$|[,|/–—-]|and\s+[A-Z])")
_READING_TIME = re.compile(r"\b\d+\s*(?:min(?:ute)?s?)\.?\s*read\b|^(?:estimated )?reading time\b", re.IGNORECASE)


def _is_around_the_story(block: PageBlock) -> bool:
    """A byline, time line, credit, caption credit or reading time: shown with the story, not part of it."""
    text = block.text.strip()
    n_words = len(text.split())
    if n_words <= 14 and (_TIMELINE.match(text) or _BYLINE.match(text) or _READING_TIME.search(text)):
        return True
    if is_credit(text) or (is_photo_credit(text) and n_words <= 40):
        return True
    return any(is_reader_prompt(s) for s in _sentences(text)) and n_words <= 60
