"""From the model's raw entity spans to the entities a reader sees.

A statistical tagger decides each occurrence of a name alone, and news gives it
many chances to be wrong; these steps read the whole article to make its tags
trustworthy. They work on TypedSpan values (a stretch of text, its type and how
much it counts as evidence of that type) and run in this order, the order of
STEPS below:

1. repair edges: trim whitespace, punctuation (not an abbreviation's stop: "U.S."),
   a leading "the" or other lower-case word ("rang Okafor", "rookie Lena Marsh";
   "de", "van"... stay), a title or a position inside a person ("President Jane
   Roe", "Comets QB Jane Roe", "Ms Roe"), a job opening a body's name ("Founder
   of Velora Inc") and a possessive, and take in the
   currency sign before an amount ("$" of "$50");
   split spans run across separators ("Cricket - Sri Lanka", "UrduPoint / Pakistan
   Point News - 6th Sep", "the Lakeside Stadium. Denver", the verb of "Okafor hit
   Marsh") and drop scores glued to a name ("Somerset 83"); a "date" that is a
   number no year has is a time before a time zone ("2200 GMT"), else a number;
2. split possessives: "NASA's Office of the Inspector General" is two names;
3. weigh by layout: a mention in a line written in capitals or in a Title Case
   headline or section heading counts for less;
4. drop non-names: no capital letter at all, an article or a pronoun alone ("The"),
   titles alone taken for a person ("Lt Col") or an officer's alone ("COO"), a
   handle, a link or a post box ("@user", "pic.twitter.com/...", "P.O. Box"), a
   clause with a Chinese or Japanese comma or stop in it (any type), a lone common
   word the article writes in lower case (a nationality too, where only the start
   of a sentence capitalises it: "Harbour workers..."), the topic label opening an
   all-caps headline, a hashtag taken for an amount, a date or a count, an
   acronym the text only writes before a test, scan or vaccine ("a PCR test"),
   the word of a title ("Secretary of State"), and a
   table's column heading the text says nowhere else ("Ticker | Security | Last");
5. dateline places: the place opening a dateline ("ISLAMABAD, Sep 6 (...) :") is
   a place, whatever the model said;
6. result headers: the names scored at the head of a line ("Hawks 3, Wolves 2:")
   are teams, tagged or not;
7. organisation names: a name the model missed after a kind of organisation
   ("skincare company Velora is growing") or before its officer's title ("Velora
   CEO Jane Roe") is one;
8. complete names: the capitalised tail the model cut off an institution
   ("Ministry of Industries" + "and Production"), or took for a person right after
   it ("Harlow" + "Martin");
9. party members: "Democrats", "Republicans"... are a group, not a person, and the
   place before them ("Virginia Democrats") a place;
10. trim nationalities: "Japanese Automobiles" when "Japanese" is tagged alone;
11. trim sentence openers: "Later Okafor" when "Okafor" is a name, and "Questioning
    Okafor" (a verb the article writes in lower case);
12. settle overlaps: of repaired spans that overlap, the surer (then longer) stays;
13. tag every occurrence: an acronym defined in brackets beside a name ("the
    Lakeside Transit Authority (LTA)", "LTA (Lakeside Transit Authority)") takes the
    name's type, and so does one the model left untagged ("the LMAs") when one name
    alone has its initials ("Lakeside Music Awards"); a name tagged once is tagged
    wherever it occurs (a full name's surname too), as a copy with almost no weight
    of its own;
14. person cues: initials ("J. Ratcliffe"), a title before the name ("Ambassador of
    Japan to Pakistan, Kuinori Matsuda"), a job just before or after it ("radio host
    Jane Roe", "Jane Roe, the former envoy"), an age after it ("Roe, 38, who"), a
    family after it ("Roe's wife"), a list of people it is in ("Lena Marsh, Tomas
    Brink and Ada Kovell"), a player's own figures after it ("Ada Brink made 35
    saves") or a nationality before it ("Australian Tom Reed, a teacher"), tagged or
    not, make a person, and "he" or "she" said of itself ("Roe said she...") counts
    for one;
15. team names: a town or region followed by a capitalised plural ("the Toronto
    Comets") is a club, the two one name (an event if the plural ends names of
    events: "the Tokyo Olympics"); so is a capitalised plural after "the"
    taken for a person ("the Comets") unless someone in the article has its
    singular for a name (a family: "the Okafors"), and one word said with "the"
    twice ("the Blaze"), unless a word of a person's full name, a body in the sky
    or a known place;
16. teams: a town or region followed by a score in a results line, or that wins,
    loses or is scored for ("Leeds beat Hull", "scored for Bristol"), is a team, and
    one word no gazetteer knows that plays so is a team wherever it is named;
17. organisation cues: a kind of organisation before a name ("skincare company
    Velora"), where people post, stream or fly ("took to Twitter", "available on
    Netflix"), what a company sells or has after the name ("Emirates flights", "a
    Netflix documentary", "a Facebook post"), a place-tagged name that owns
    something ("owned by Shopvia") or is told something ("told Newsbeat"), one word
    in a list of organisations ("Facebook, Twitter and Instagram"), and one taken for
    a person that "are" follows ("Gamevia are believers") or what only a firm has
    ("Velora shareholders", "the Velora unit") make an organisation;
18. legal forms: a name ending in a company's legal form ("Inc", "GmbH", "Oyj",
    from cleanco) is an organisation;
19. name forms: the name's last word says what it is ("U.S. Treasury", "Bridgestone
    Arena", "Hudson River", "Lakeside Film Festival"), or its first before "of", "on"
    or "for" ("Council on Energy", "Gulf of Velora", never a person), one word with
    a capital inside ("SpaceX") is a brand, a name with an ampersand ("AT&T") a
    firm, a word after a model number ("737 Max"; not a year, a week's number, a
    nationality or a party: "the 2024 Velmorian primary", "Week 9 XLA", "the 12
    Republicans") a product;
20. calendar dates: an age ("a 43-year-old man", "Roe, 38,") is a number; a "date"
    with no number or calendar word ("Mars") is none, nor a span of time capitalised
    mid-sentence ("Australian Ann Day"), a name run into the day after it ("said
    on Facebook Tuesday") or the "about" of "asked about Thursday" is cut off, and a
    day and its part tagged apart ("Thursday" + "night") are one time;
21. known places: a place the gazetteers know (knowledge.py), named where a place is
    expected ("the mayor of Lyon"), is a place; so are both parts of "Irving, TX",
    and the name opening a listing line before them is the venue ("May 2 -- Lakeside
    Amphitheater, Irving, TX"); a country taken for an organisation ("a senior
    Estonia official") is the country, and a name no gazetteer knows, where a place
    goes and before a kind of place ("in Velmor area", "in Arvo county"), a place;
    one word tagged as a place that nothing supports ("Netflix") counts for little;
    a member's state after a party letter ("Rep. Jane Roe (D-Minn.)") is a place; a
    country or region named alone and tagged as a person ("Virginia") is a place,
    and the people of a town or region the article names ("Londoners", "Delhiites")
    a group; a street address's street ("of 1712 Lark Drive") is a facility and the
    town after a person's age ("Tom Reed, 31, of Velmont") a place;
22. vote: every mention of a name votes for its type with its weight; a surname (or
    a company's short name, an organisation's last word after "the", a product's
    model or an acronym) also takes the type of the full name it belongs to, and a
    full name the type of its surname when that is a person more often than the full
    name is anything else; a lone word taken for a person whose plural is a name of
    another type (not a place) takes that type ("won a Lumen" ... "the Lumens"), and a
    plural taken for a person its singular's, unless a title or a full name shows a
    person ("Mr Dams" ... "Dam's", "Joss Stone" ... "the Stones");
23. extend people: an untagged capitalised word between a comma and a person's
    name is part of it (", Makhdum Khusro Bakhtyar").
24. headline words: one word taken for a person only in a Title Case headline
    ("Man Survived Storm After Finding Shelter") and named nowhere in the text,
    not even as a word of a longer name, is no person; a name run into the
    headline's next word ("Velora Bets on Streaming") is cut back to the name the
    text uses ("Velora").

Then the mentions of one thing form one entity ("Velora Inc." and "Velora" too,
"Lakeside Transit Authority" and the "LTA" it defines, "United States" and "U.S.",
"Velora Net" and "VeloraNet", "Velora" and "Velora.com", "Velmorian" and "Velmorians";
not two people or places: "Adam" and "Adams", "America" and "the Americas"),
named by its fullest form as the text spells it, and
entities are ranked by salience (how often, how early and how widely they are
mentioned). Every weight and salience term is in WEIGHTS. news_layout reads the
all-caps lines, datelines and credits these steps rely on.
"""
from __future__ import annotations

import bisect
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from types import MappingProxyType

from .analysis import Entity, Mention
from .article import Article, BlockKind, Role, heads_columns, table_cells, tables
from .english import FUNCTION_WORDS
from .groups import group_named, group_of
from .knowledge import Knowledge, knowledge
from .news_layout import NewsLayout, read_layout

RawMention = tuple[int, int, str]  # start, end, OntoNotes label: what the model said


@dataclass(frozen=True, order=True, slots=True)
class TypedSpan:
    """text[start:end] names something of type label; weight is how much it counts in the vote."""

    start: int
    end: int
    label: str
    weight: float = 1.0


@dataclass(frozen=True)
class Weights:
    """Every weight of the entity steps and of salience, in one table."""

    # How much a mention counts in the vote on its name's type (steps 3, 5-7, 9, 12-21).
    model: float = 1.0  # the model tagged it in running text
    caps_line: float = 0.5  # ... in a line in capitals or a Title Case headline, where word shapes mislead it
    dateline_place: float = 3.0
    initials: float = 2.0  # "J. Ratcliffe"
    title_before: float = 3.0  # "Ambassador ..., Kuinori Matsuda"
    person_list: float = 2.0  # "Lena Marsh, Tom Okafor and Ada Brink": in a list of people
    said_of_oneself: float = 1.5  # "Okafor said he...": but "the agency said he..." is said of someone else
    legal_form: float = 2.0  # "Magna International Inc"
    results_line: float = 1.0  # "Leicestershire 22 Somerset 11"
    result_header: float = 2.0  # "Hawks 3, Wolves 2:" opening a game's report
    team_context: float = 2.0  # "Leeds beat Hull", "scored for Bristol": a town that plays is a team
    org_context: float = 2.0  # "skincare company Velora", "posted on Twitter", "told Newsbeat"
    copy: float = 0.01  # an occurrence tagged because the name was tagged elsewhere
    name_form: float = 2.0  # the name's own form says what it is: "Bridgestone Arena", "SpaceX"
    known_place: float = 2.0  # a place the gazetteers know, named where a place is expected ("mayor of Lyon")
    town_and_region: float = 2.0  # "Irving, TX", "Karlstad, Sweden": both are places
    unknown_place: float = 0.5  # one word tagged a place that no gazetteer knows and no context supports
    place_alone: float = 1.5  # a country or region named alone, tagged a person ("Virginia"); less than full_name
    # A surname (or short company name) votes for its full name's type with
    # full_name per full name it belongs to, plus full_name_base.
    full_name: float = 1.5
    full_name_base: float = 0.5
    # Salience: log(1 + mentions) plus these terms, times the type's weight.
    headline: float = 1.0  # named in the headline
    lede: float = 0.5  # per mention in the headline and first paragraph...
    lede_cap: int = 3  # ...counting at most this many
    early: float = 0.5  # times how early the first mention is (1 at the start, 0 at the end)
    spread: float = 0.5  # times the share of the text between the first and last mention
    credit_only: float = 0.3  # factor for a source named only in datelines' credits
    # A reader looks for people, organisations and places first, nationalities and dates after them.
    type_weight: MappingProxyType = field(default_factory=lambda: MappingProxyType(
        {"PERSON": 1.0, "ORG": 1.0, "GPE": 0.9, "LOC": 0.9, "FAC": 0.85, "NORP": 0.7,
         "CARDINAL": 0.3, "ORDINAL": 0.3}))
    other_name_weight: float = 0.8  # the type weight of any other name type
    other_weight: float = 0.6  # ...and of any other type (dates, money...)


WEIGHTS = Weights()


@dataclass(frozen=True)
class Context:
    """What every step may read about the article besides the spans."""

    text: str
    article: Article
    layout: NewsLayout
    weights: Weights
    knowledge: Knowledge
    lowered: frozenset[str]  # words the article writes in lower case somewhere
    mid_capitals: frozenset[str]  # capitalised words after a lower-case word or comma: capitals of their own


Step = Callable[[Context, list[TypedSpan]], list[TypedSpan]]

# Types whose surface string identifies the thing; numbers and dates do not.
NAME_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE"}
# Names whose plural is another name: two people ("Adam" ... "Adams") or two places ("America" ... "the Americas").
_PLACE_LABELS = frozenset(group_named("Places").labels)
_PLURAL_IS_ANOTHER = _PLACE_LABELS | {"PERSON"}
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
# The stop of an initialism or a name's abbreviated ending is part of it: "U.S.", "p.m.", "Jr.", "Inc.".
_ABBREVIATION_END = re.compile(r"(?:\b(?:[A-Za-z]\.){2,}|\b(?:Jr|Sr|Inc|Co|Corp|Ltd|Bros|St|Mt)\.)$")
# A lower-case word at a name's start, before its capitalised words: a verb or a role the tagger took in.
_LOWER_LEAD = re.compile(r"([a-z]+)\s+(?=[a-z]*\s*[A-Z])")
# Lower-case words that do begin names: "de Blasio", "van Gogh", "von der Leyen", "bin Salman".
_NAME_PARTICLES = frozenset(
    "af al bin d da das de del della den der di dos du el ibn la le ten ter van von y zu".split())
# The news guide's rule: handles and links are not names ("@user", "pic.twitter.com/4p7S", "https://...").
_WEB_ADDRESS = re.compile(r"@\w|://|(?<![\w.])www\.|[a-z0-9]\.[a-z]{2,}/")
# A currency sign just before an amount, with the country letters some write before it ("US$", "HK$").
_CURRENCY_BEFORE = re.compile(r"(?<![A-Za-z])(?:[A-Z]{1,3})?[$£€¥₹₩]$")
# A company officer's title alone: "hand over to COO and president Jane Roe".
_OFFICERS = frozenset("CEO COO CFO CTO CIO CMO CISO CPO EVP SVP VP".split())
_POST_BOX = re.compile(r"\bP\.?\s?O\.?\s+Box\b", re.IGNORECASE)  # "write to P.O. Box 69440": an address
# An article or a pronoun alone, split off a name by the tagger ("The | 7 Habits", "(CNN)A muddled view").
# Not english.FUNCTION_WORDS: some of those are names alone ("US", "May", "Will").
_NEVER_A_NAME = frozenset("a an the this that these those he she his her they their we our you your".split())
# Chinese and Japanese commas and stops: a span holding one is a clause the English model misread
# (it happens on pages not in English), not a name, date or number.
_CLAUSE_MARK = re.compile(r"[、。，！？；]")
_HASHTAG = re.compile(r"#[^\W\d_]")
_TOKEN = re.compile(r"\S+")
_WORD_START = re.compile(r"(?<!\w)\w+")
_FIRST_WORD = re.compile(r"\w+")
# A token that is a score, a rank or a statistic, never part of a name: "83", "4-28", "1=", "108-3", ".600".
_NUMERIC = re.compile(r"^(?:[\d.,:=/+\-–()%]+|\d+(?:st|nd|rd|th))$")
# A full stop after a whole word ends a sentence, not part of a name: "the Amphitheatre. Seattle"
# ("Corp. Ltd", "St. Louis" and "U.S. Army" have abbreviations).
_FULL_STOP = r"(?<=[a-z]{5})\.\s+"
# A name of people, bodies or places holds no lower-case word but these ("Bank of America", "Friends of
# the Earth", "Ludwig van Beethoven", "Médecins sans Frontières"); another ("Okafor hit Marsh", "the
# Awards after Okafor") joins two names the tagger ran together. Titles of works may hold any word.
_NAMES_OF_WORDS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"})
_NAME_CONNECTORS = _NAME_PARTICLES | frozenset("""of and the for to at in on by upon under with without against
    from into over do des degli les e et und zum zur am im sans a an n""".split())
_INNER_LOWER = re.compile(r"\s+([a-z]+)\s+")
# Separators a name does not contain: a spaced dash or slash, a comma, brackets, a line break, a full stop.
_SEPARATOR = re.compile(
    _FULL_STOP + r"|\s+[-–—/|]\s+|(?<=[a-z])/(?=[A-Z][a-z])|\s*,\s+|\s*[()\[\]]\s*|\s*\n\s*|\s+:\s*|\s+(?:v|vs\.?)\s+"
    r"|\s+[\d.,:=/+\-–]*\d[\d.,:=/+\-–]*\s+")  # "Haitai 2 Samsung 0": a score between two names
_INITIAL_NAME = re.compile(r"^(?:[A-Z]\.\s?){1,2}(?:[a-z]{1,3}\s?)?[A-Z][a-z'’A-Z-]+$")
# Words that introduce a person: "Ambassador of Japan to Pakistan, Kuinori MATSUDA",
# "Federal Minister for Industries and Production, Makhdum Khusro Bakhtyar", "Mr Smith".
_TITLE_WORDS = (
    r"Mr|Mrs|Ms|Dr|Prof|Professor|Sir|Dame|Lady|President|Minister|Premier|Ambassador|Envoy|Secretary|"
    r"Chairman|Chairwoman|Chairperson|Chancellor|Governor|Senator|Sen|Rep|Mayor|Judge|Justice|General|Gen|"
    r"Colonel|Col|Captain|Capt|Lieutenant|Lieut|Lt|Sergeant|Sgt|Maj|Corporal|Cpl|Pvt|Admiral|Adm|Commander|Cmdr|Cdr|"
    r"Brigadier|Brig|Coach|Chief|Director|Spokesman|Spokeswoman|King|Queen|Prince|Princess|Pope|"
    r"Bishop|Rev|Sheikh|minister|president|ambassador|envoy|chairman|coach|striker|midfielder|defender|"
    r"goalkeeper|captain|leader|director|secretary|governor|spokesman|spokeswoman|chief executive|analyst|"
    r"manager|economist|trader|dealer|official|champion|seed|winner|player|rider|driver"
)
# The jobs news names people by, written just before the name: "radio host Jane Roe", "singer ...".
_JOBS = frozenset("""host anchor presenter correspondent reporter columnist editor founder co-founder singer actor
actress rapper author novelist writer professor lawyer attorney prosecutor senator lawmaker congressman congresswoman
activist comedian billionaire entrepreneur scientist researcher astronaut commander spokesperson chairwoman
businessman businesswoman star musician filmmaker producer CEO COO CFO chair commissioner envoy quarterback
goaltender goalie defenseman defenceman winger linebacker pitcher shortstop""".split())
_JOBS_FOLDED = frozenset(job.casefold() for job in _JOBS) - {"star"}  # "Star of David"
_TITLES = re.compile(
    r"\b(?:" + _TITLE_WORDS + r")\b\.?"
    r"(?:\s+(?:of|for|to|at)\s+(?:the\s+)?[A-Z][\w’'-]*(?:(?:\s+(?:and|&|of))?\s+[A-Z][\w’'-]*)*)*"
    r"(?:\s*,)?\s+(?:[A-Z][a-z]+\s+)?$"
)
# A title or a player's position inside a person's span, before a name of two words or more: the name
# starts after it ("President Jane Roe", "Comets QB Jane Roe"; "Prince Harry" is left whole).
_POSITIONS = r"QB|RB|WR|TE|OL|DL|DE|DT|LB|CB"
_TITLE_INSIDE = re.compile(r"\b(?:" + _TITLE_WORDS + "|Gov|" + _POSITIONS + r")\b\.?\s+(?=[A-Z][\w'’.-]*\s+[A-Z])")
# A job and "of" opening a body's name: "CEO and Founder of Velora Inc" tagged from "Founder".
_JOB_OF = re.compile(r"([A-Za-z-]+)\s+of\s+(?=[A-Z])")
_HONORIFIC = re.compile(r"(?:Mr|Mrs|Ms|Mx|Dr)\.?\s+(?=[A-Z])")
# A month's name or abbreviation, as a name-like span writes it: "Mar", "March", "Sept".
_MONTH_NAME = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?"
               r"|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)")
_MONTHS = re.compile(
    r"^(?:\d{1,2}(?:st|nd|rd|th)?\s+)?" + _MONTH_NAME + r"\.?"
    r"(?:\s+\d{1,2}(?:st|nd|rd|th)?)?(?:,?\s+\d{4})?$")
_ORG_TAIL = re.compile(r"\s(?:and|&)\s((?:[A-Z][\w’'-]*)(?:\s(?:[A-Z][\w’'-]*))*)")
_SCORE_AFTER = re.compile(r"\s+\d{1,3}(?:-\d{1,3})?(?:\s|$|,)")
_LINE_NUMBERS = re.compile(r"(?<![\w.])\d+(?:[-.]\d+)?(?![\w.])")


def resolve(article: Article, raw: list[RawMention], sentences: list[tuple[int, int]],
            layout: NewsLayout | None = None,
            weights: Weights = WEIGHTS) -> tuple[list[Mention], list[Entity]]:
    """The article's mentions and entities from the model's raw spans (sentences are not used yet)."""
    context = make_context(article, layout, weights)
    spans = [TypedSpan(start, end, label, weights.model) for start, end, label in raw]
    for _name, step in STEPS:
        spans = step(context, spans)
    return _cluster(context, spans)


def make_context(article: Article, layout: NewsLayout | None = None, weights: Weights = WEIGHTS) -> Context:
    text = article.text
    return Context(text=text, article=article, layout=layout or read_layout(article), weights=weights,
                   knowledge=knowledge(),
                   lowered=frozenset(re.findall(r"\b[a-z][a-z'’-]+\b", text)),
                   mid_capitals=frozenset(re.findall(r"(?<=[a-z,;] )[A-Z][a-z'’-]+\b", text)))


def _norm(surface: str) -> str:
    return " ".join(surface.casefold().split())


def _inside(offset: int, ranges: list[tuple[int, int]] | tuple[tuple[int, int], ...]) -> bool:
    """Whether offset falls in one of ranges (sorted, not overlapping)."""
    index = bisect.bisect_right(ranges, (offset, float("inf"))) - 1
    return index >= 0 and ranges[index][0] <= offset < ranges[index][1]


# --- 1. repair edges ---

def repair_edges(context: Context, spans: list[TypedSpan]) -> list[TypedSpan]:
    return [TypedSpan(start, end, label, span.weight)
            for span in spans for start, end, label in _repair(context.text, span.start, span.end, span.label)]


def _tidy(text: str, start: int, end: int, label: str) -> tuple[int, int] | None:
    """Trim whitespace, punctuation and a possessive from a span's edges."""
    while start < end and not text[start].isalnum() and text[start] not in "$£€¥#":
        start += 1
    if text.startswith("s ", start) and start > 0 and text[start - 1] in "'’" and end - start > 2:
        start += 2  # "Taliban’|s Haqqani": the tokenizer left the possessive's s on the next name
    while end > start and text[end - 1] in " \t\n.,;:!?\"'“”‘’()[]-–—=/":
        if text[end - 1] == "." and _ABBREVIATION_END.search(text, start, end):
            break  # "U.S.", "5 p.m.", "Kennedy Jr.": the stop is the abbreviation's own
        end -= 1
    match = _POSSESSIVE.search(text, start, end)
    if label in NAME_LABELS and end - start > 4 and (
            text.startswith("the ", start)
            or (text.startswith("The ", start) and text[start + 4:start + 5].isupper()
                and _opens_sentence(text, start))):
        # "the Court of Appeals", "The Environment Agency said": the article is not part of the name
        # (a "The" inside a sentence may be: "the editor of The Hill").
        start += 4
    while label in NAME_LABELS and (lead := _LOWER_LEAD.match(text, start, end)) and (
            lead.group(1) not in _NAME_PARTICLES):
        start = lead.end()
    if label in NAME_LABELS and match and match.start() > start:
        end = match.start()
        while end > start and text[end - 1].isspace():
            end -= 1
    if end <= start:
        return None
    return start, end


def _repair(text: str, start: int, end: int, label: str) -> list[tuple[int, int, str]]:
    """The pieces of one raw span that are names: (start, end, label) each."""
    edges = _tidy(text, start, end, label)
    if edges is None:
        return []
    start, end = edges
    if label == "MONEY":
        symbol = _CURRENCY_BEFORE.search(text, max(0, start - 4), start)
        start = symbol.start() if symbol else start  # the tagger leaves the "$" of "$50" out
    if label == "DATE" and _no_year(text[start:end]):
        # "at 2200 GMT" is a time; "5040" points in a standings table or "2134 Elm Street" a number
        label = "TIME" if _CLOCK.fullmatch(text, start, end) and _ZONE_AFTER.match(text, end) else "CARDINAL"
    if label not in NAME_LABELS:
        return [(start, end, label)]
    if label == "PERSON":
        titles = list(_TITLE_INSIDE.finditer(text, start, end))
        start = titles[-1].end() if titles else start  # "President Jane Roe", "Comets QB Jane Roe"
        honorific = _HONORIFIC.match(text, start, end)
        start = honorific.end() if honorific else start  # "Ms Okafor": the surname is the name
    elif label == "ORG" and (job := _JOB_OF.match(text, start, end)) and job.group(1).casefold() in _JOBS_FOLDED:
        start = job.end()  # "Founder of Velora Inc": the job is the person's, the name the firm's
    separators = list(_SEPARATOR.finditer(text, start, end))
    if label in _NAMES_OF_WORDS:
        separators += [m for m in _INNER_LOWER.finditer(text, start, end) if m.group(1) not in _NAME_CONNECTORS]
        separators.sort(key=lambda m: m.start())
    out = []
    position = start
    for match in separators + [None]:
        piece_end = match.start() if match else end
        if piece_end > position:
            out.extend(_trim_numbers(text, position, piece_end, label))
        if match:
            position = max(position, match.end())
    return out


_CLOCK = re.compile(r"(?:[01]\d|2[0-3])[0-5]\d")  # 24-hour time without a colon: "0619", "2200"
_ZONE_AFTER = re.compile(r"[ \t]*(?:GMT|UTC|BST|CET|CEST|EST|EDT|CST|CDT|MST|MDT|PST|PDT|hours|hrs)\b")


def _no_year(surface: str) -> bool:
    """Four digits or more that no news story dates by: before 1000 or after 2099."""
    return len(surface) >= 4 and surface.isascii() and surface.isdigit() and not 1000 <= int(surface) <= 2099


def _trim_numbers(text: str, start: int, end: int, label: str) -> list[tuple[int, int, str]]:
    edges = _tidy(text, start, end, label)
    if edges is not None and _MONTHS.match(text[edges[0]:edges[1]]):
        return [(edges[0], edges[1], "DATE")]  # "6th Sep" cut out of a dateline's source
    tokens = [(m.start(), m.end()) for m in _TOKEN.finditer(text, start, end)]
    while tokens and _NUMERIC.match(text[tokens[0][0]:tokens[0][1]]):
        tokens.pop(0)
    # Names end in a capitalised word or a number: "Interfax news agency", "St Johnstone v".
    while tokens and (_NUMERIC.match(text[tokens[-1][0]:tokens[-1][1]])
                      or (len(tokens) > 1 and re.fullmatch(r"[a-z]+\.?", text[tokens[-1][0]:tokens[-1][1]]))):
        tokens.pop()
    if not tokens:
        return []
    edges = _tidy(text, tokens[0][0], tokens[-1][1], label)
    if edges is None:
        return []
    surface = text[edges[0]:edges[1]]
    if _MONTHS.match(surface):
        return [(edges[0], edges[1], "DATE")]
    return [(edges[0], edges[1], label)]


# --- 2. split possessives ---

_INNER_POSSESSIVE = re.compile(r"(?:'s|’s)\s+(?=[A-Z])")


def split_possessives(context: Context, spans: list[TypedSpan]) -> list[TypedSpan]:
    """"NASA's Office of the Inspector General": one name's possessive opening another name is two names.

    Split where the part after the possessive is a name of its own (an "X of Y" name, or
    one tagged alone elsewhere) or the part before it is tagged alone elsewhere, unless
    what follows is only a legal form ("McDonald's Corp").
    """
    text = context.text
    alone = {_norm(text[s.start:s.end]) for s in spans if s.label in NAME_LABELS}
    out = []
    for span in spans:
        match = _INNER_POSSESSIVE.search(text, span.start, span.end) if span.label in NAME_LABELS else None
        if match is None:
            out.append(span)
            continue
        left, right = text[span.start:match.start()], text[match.end():span.end]
        own_name = " of " in right or _norm(right) in alone or _norm(left) in alone
        if own_name and not context.knowledge.ends_in_legal_form("X " + right):
            out.append(replace(span, end=span.start + len(left.rstrip())))  # "Magna 's" in tokenised text
            out.append(replace(span, start=match.end()))
        else:
            out.append(span)
    return out


# --- 3. weigh by layout ---

def weigh_by_layout(context: Context, spans: list[TypedSpan]) -> list[TypedSpan]:
    """In capitals or in a Title Case headline every word looks like a name: there the model is least sure."""
    caps_line, layout = context.weights.caps_line, context.layout
    return [replace(span, weight=caps_line)
            if layout.in_caps(span.start) or _inside(span.start, layout.title_case_headlines) else span
            for span in spans]


# --- 4. drop non-names ---

def drop_non_names(context: Context, spans: list[TypedSpan]) -> list[TypedSpan]:
    medical = _medical_terms(context.text)
    headings = _column_headings(context.article)
    return [span for span in spans if _plausible(context, span) and not _kicker(context, span)
            and not (span.label in NAME_LABELS and context.text[span.start:span.end] in medical)
            and not _part_of_a_title(context.text, span) and (span.start, span.end) not in headings]


MAX_COLUMNS = 30  # more cells than this in a row is no heading a reader scans; and each is looked up in the text


def _column_headings(article: Article) -> set[tuple[int, int]]:
    """The cells of each table's heading row that the text says nowhere outside its tables.

    A table's first row names its columns when none of its cells is a figure
    ("Ticker | Security | Last | Change"); the model takes such words for names
    as readily as the drivers in the rows below. A heading the article also
    writes in its paragraphs ("Jane Roe | Joe Bloggs" atop a poll) may be a name, and stays.
    """
    text, blocks = article.text, article.blocks
    outside: str | None = None
    outside_words: set[str] = set()
    said: dict[str, bool] = {}
    headings = set()
    for rows in tables(blocks):
        cells = [(start, end) for start, end in table_cells(text, blocks[rows.start]) if text[start:end].strip()]
        if len(cells) > MAX_COLUMNS or not heads_columns([text[start:end] for start, end in cells]):
            continue
        if outside is None:
            outside = "\n".join(text[other.start:other.end] for other in blocks if other.kind != BlockKind.TABLE_ROW)
            outside_words = set(_WORD_START.findall(outside))
        for start, end in cells:
            heading = text[start:end]
            if heading not in said:  # the words looked up first: most headings are words the text never uses
                said[heading] = (all(word in outside_words for word in _WORD_START.findall(heading))
                                 and _has_words(outside, heading))
            if not said[heading]:
                headings.add((start, end))
    return headings


def _has_words(text: str, words: str) -> bool:
    """Whether text says words, as whole words."""
    return re.search(r"(?<!\w)" + re.escape(words) + r"(?!\w)", text) is not None


# An acronym that names a test, a scan, a virus or a vaccine: "a PCR test", "a CT scan", "the HPV vaccine".
_MEDICAL_NOUN = r"(?:tests?|testing|scans?|scanners?|vaccines?|vaccinations?|virus|infections?|swabs?)\b"
_ACRONYM = re.compile(r"\b[A-Z][A-Z0-9]{1,4}\b")
_BEFORE_MEDICAL_NOUN = re.compile(r"\s+" + _MEDICAL_NOUN)


def _medical_terms(text: str) -> set[str]:
    """The acronyms the text only ever writes before a medical noun ("PCR test", "CT scan"): terms, not bodies
    (the "FDA" of "FDA vaccine approval" is named alone elsewhere, and stays)."""
    before_noun = set(re.findall(r"\b([A-Z][A-Z0-9]{1,4})\s+" + _MEDICAL_NOUN, text))
    if not before_noun:
        return set()
    alone = {match.group() for match in _ACRONYM.finditer(text)
             if match.group() in before_noun and not _BEFORE_MEDICAL_NOUN.match(text, match.end())}
    return before_noun - alone


# "Secretary of State Jane Roe", "the Minister of Finance": the word after the title's "of" is the title's.
_TITLE_OF = re.compile(r"\b(?:Secretary|Minister|Director|Commissioner|Attorney|Surgeon|Solicitor)\s+of\s+(?:the\s+)?$")


def _part_of_a_title(text: str, span: TypedSpan) -> bool:
    surface = text[span.start:span.end]
    return (span.label in NAME_LABELS and " " not in surface
            and bool(_TITLE_OF.search(text, max(0, span.start - 30), span.start)))


def _plausible(context: Context, span: TypedSpan) -> bool:
    surface = context.text[span.start:span.end]
    if _CLAUSE_MARK.search(surface):
        return False
    if span.label not in NAME_LABELS:
        return not _HASHTAG.match(surface)  # "#HealthyLiving #ad" was money: no amount, date or count
    if not any(c.isupper() for c in surface):
        return False  # "senate", "national news agency": names are written with capitals
    if (_WEB_ADDRESS.search(surface) or context.text[span.start - 1:span.start] == "@"
            or surface.casefold() in _NEVER_A_NAME or _POST_BOX.search(surface) or surface in _OFFICERS):
        return False
    words = surface.split()
    if span.label == "PERSON" and len(words) > 1 and all(re.fullmatch(_TITLE_WORDS, w.rstrip(".")) for w in words):
        return False  # "Lt Col", split by the tagger off "Lt Col Jane Roe": ranks, not a name
    # In running text an all-caps word is an acronym; in an all-caps line it may be any word ("CRICKET").
    in_caps = context.layout.in_caps(span.start)
    if len(words) == 1 and surface.casefold() in context.lowered and (in_caps or not surface.isupper()):
        # A single common word ("Extras", "Stadium") unless it is tagged as a name elsewhere mid-sentence;
        # a nationality or a place may be an everyday word too ("Republican"), but not where only the
        # start of a sentence or headline gives it its capital ("Harbour towns brace for storms").
        return ((span.label in ("NORP", "GPE") and not _opens_sentence(context.text, span.start))
                or surface in context.mid_capitals)
    return True


def _kicker(context: Context, span: TypedSpan) -> bool:
    """"CRICKET - LEICESTERSHIRE TAKE OVER": the topic label opening an all-caps headline is no name."""
    text, start, end = context.text, span.start, span.end
    if not context.layout.in_caps(start) or " " in text[start:end]:
        return False
    line_start = text.rfind("\n", 0, start) + 1
    return start == line_start and re.match(r"\s+[-–—:]\s", text[end:end + 4]) is not None


# --- 5. dateline places ---

def dateline_places(context: Context, spans: list[TypedSpan]) -> list[TypedSpan]:
    """The capitalised place opening a dateline is a place, whatever the model said about it."""
    places: list[tuple[int, int]] = []
    for start, end in context.layout.dateline_places():
        places = [(s, e) for s, e in places if e <= start or s >= end]  # a later place wins, as it would a span
        places.append((start, end))
    if not places:
        return spans
    # One pass over the spans, not one per dateline: a text of many stories has a dateline in each.
    places.sort()
    place_starts = [start for start, _end in places]

    def overlaps_a_place(span: TypedSpan) -> bool:
        before = bisect.bisect_left(place_starts, span.end) - 1  # the last place starting before the span ends
        return before >= 0 and places[before][1] > span.start

    kept = [s for s in spans if not overlaps_a_place(s)]
    return sorted(kept + [TypedSpan(start, end, "GPE", context.weights.dateline_place) for start, end in places])


# --- 6. result headers ---

_TEAM_NAME = r"[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}"
_RESULT_HEADER = re.compile(rf"^[ \t]*({_TEAM_NAME}) \d{{1,3}},? ({_TEAM_NAME}) \d{{1,3}}(?=[ \t]*(?::|$))",
                            re.MULTILINE)


def result_headers(context: Context, spans: list[TypedSpan]) -> list[TypedSpan]:
    """"Hawks 3, Wolves 2: ...": the two names scored at the head of a line are teams, tagged or not.

    Sports round-ups open each game's report so; a country there is a national
    team, which news names as the place, and a month ("June 9, July 12") is a date.
    """
    text, known = context.text, context.knowledge
    found = []
    for match in _RESULT_HEADER.finditer(text):
        names = (match.span(1), match.span(2))
        if any(_MONTHS.match(text[start:end]) or _CALENDAR_WORD.fullmatch(text[start:end]) for start, end in names):
            continue
        found.extend(TypedSpan(start, end, "ORG", context.weights.result_header) for start, end in names
                     if _not_a_country(known, text[start:end]))
    return _in_place_of(spans, found, len(text)) if found else spans


def _covered(spans: Iterable[TypedSpan], length: int) -> bytearray:
    """A byte per character of a text of length: 1 where one of spans lies (find(1, start, end) == -1: free)."""
    taken = bytearray(length + 1)
    for span in spans:
        taken[span.start:span.end] = b"\x01" * (span.end - span.start)
    return taken


def _in_place_of(spans: list[TypedSpan], new: list[TypedSpan], length: int) -> list[TypedSpan]:
    """spans with those that overlap any of new left out and new added, in order."""
    taken = _covered(new, length)
    return sorted([s for s in spans if taken.find(1, s.start, s.end) == -1] + new)


def _not_a_country(known: Knowledge, name: str) -> bool:
    """Neither a country (a national team is named as its place) nor a continent."""
    return known.place_kind(name) not in ("country", "continent") and not known.is_country_code(name)


_WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
_CALENDAR_WORD = re.compile(_WEEKDAY + r"|Week|Day|Round|Game|Stage|Page|Chapter|Part")


# --- 7. organisation names (and 17. organisation cues) ---

# "Skincare company Velora", "the airline Emirates", "streaming service Netflix": a kind of organisation
# written just before a name says what the name is.
_ORG_KINDS = frozenset("""company companies firm giant maker carmaker automaker retailer airline broadcaster network
startup start-up platform service app website site publisher newspaper magazine tabloid outlet bank lender insurer
brand chain manufacturer developer studio label conglomerate supplier operator subsidiary group agency charity club
band team union organisation organization institute university outfit""".split())
# "posted on Twitter", "available on Netflix", "took to Instagram", "flew with Qantas": where people post,
# stream, watch and fly; each preposition with the words that take it so.
_PLATFORM_VERBS = {
    "on": frozenset("""posted posting post posts uploaded uploading wrote writing tweeted shared sharing announced
        streaming streamed streams available broadcast aired airs airing watch watching published account page video
        message messages comment comments commented photo photos picture pictures live exclusively premiered
        premieres debuted debuts flew flying fly flies booked travelled traveled travelling traveling passenger
        passengers Passengers""".split()),
    "to": frozenset("posted posting post posts uploaded uploading took take takes taking".split()),
    "via": frozenset("shared posted published announced streamed broadcast".split()),
    "with": frozenset("flew flying fly flies booked travelled traveled travelling traveling".split()),
}
# "the site owned by Shopvia": what is owned or bought is owned or bought by a person or a company.
_OWNED_BY = frozenset("owned acquired bought backed funded".split())
# "told Newsbeat", "in an interview with Politico": whoever is told is a person or an outlet, never a place.
_TELLING = frozenset({("told",), ("telling",), ("tells",), ("speaking", "to"), ("spoke", "to"),
                      ("interview", "with")})
# "Emirates flights", "a Netflix documentary", "Twitter users": a name that is no known place,
# before what a company sells or has, is the company.
_COMPANY_NOUN_AFTER = re.compile(r"\s+(?:flights?|documentary|documentaries|special|series|originals?|subscribers|"
                                 r"subscription|users|account|app|stock|shareholders|executives?|employees|"
                                 r"spokes(?:man|woman|person)|CEO|boss|founder|headquarters|post|posts|video|videos|"
                                 r"feed|leaders|games|consoles|devices|stores|customers)\b")
_LOWER_BEFORE_CAPITAL = re.compile(r"\b([a-z][a-z-]*)[ \t]+(?=[A-Z])")


def _words_before(text: str, start: int) -> list[str]:
    """The last few words before a name, as written, if only spaces separate them from it."""
    if start == 0 or not text[start - 1].isspace():
        return []
    return text[max(0, start - 40):start].split()[-3:]


def _after_kind(words: list[str]) -> bool:
    return bool(words) and words[-1] in _ORG_KINDS


def _after_platform(words: list[str]) -> bool:
    return len(words) >= 2 and words[-2] in _PLATFORM_VERBS.get(words[-1], ())


def _after_telling(words: list[str]) -> bool:
    return tuple(words[-1:]) in _TELLING or tuple(words[-2:]) in _TELLING


_NOT_AFTER_KIND = re.compile(r"(?:Mr|Mrs|Ms|Dr|" + _TITLE_WORDS + "|" + _WEEKDAY
                             + r"|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b")
_NAME_GOES_ON = re.compile(r" (?:in|of|for|de|du|da|at|on) [A-Z]")  # "the group Human Rights in China"
_NAME_TAIL = re.compile(r"(?:(?:'s|’s|\.)|(?: (?:and|of|&))+)$")
_CAPITALISED_NAME = re.compile(r"[A-Z][\w&.'’-]*(?: (?:[A-Z][\w&.'’-]*|of|and|&))*(?<![ .])")


def organisation_names(context: Context, spans: list[TypedSpan]) -> list[TypedSpan]:
    """"Skincare company Velora is growing": a name the model missed after a kind of organisation is one."""
    text, weight = context.text, context.weights.org_context
    taken = _covered(spans, len(text))
    found = []
    for match in _LOWER_BEFORE_CAPITAL.finditer(text):
        start = match.end()
        if taken[start] or match.group(1) not in _ORG_KINDS:
            continue
        name = _CAPITALISED_NAME.match(text, start)
        if name is None:
            continue
        # The name ends before a sentence does ("... firm Telenor. Its"), a dangling "and" or a possessive.
        surface = _NAME_TAIL.sub("", re.split(r"\.\s", name.group())[0])
        end = start + len(surface)
        if len(surface) > 1 and not _NOT_AFTER_KIND.match(surface) and surface.casefold() not in FUNCTION_WORDS \
                and taken.find(1, start, end) == -1 and not _NAME_GOES_ON.match(text, name.end()):
            found.append(TypedSpan(start, end, "ORG", weight))
    for match in _COMPANY_BEFORE_OFFICER.finditer(text):  # "Velora CEO Jane Roe": the company the model missed
        start, end = match.span(1)
        words = match.group(1).split()
        if (_opens_sentence(text, start) and re.fullmatch(r"[A-Z][a-z]+", words[0])
                and words[0] not in context.mid_capitals):
            # "Ousted Velora CEO...": the sentence, not the name, gives that word its capital
            if len(words) == 1:
                continue
            start = text.index(words[1], start + len(words[0]))
            words = words[1:]
        if (not taken[start] and taken.find(1, start, end) == -1 and not context.layout.in_caps(start)
                and not any(word.casefold() in _OFFICER_MODIFIERS or word.casefold() in FUNCTION_WORDS
                            or word.casefold() in context.lowered for word in words)):
            found.append(TypedSpan(start, end, "ORG", weight))
    return sorted(spans + found) if found else spans


# A company named just before its officer's title and the officer's name: "Velora CEO Jane Roe",
# "Norvox co-founder Ada Brink". Words that qualify the title ("Former CEO", "Interim CEO") are no company.
_COMPANY_BEFORE_OFFICER = re.compile(
    r"(?<![\w’'-])([A-Z][\w&.-]*[\w&](?:\s[A-Z][\w&.-]*[\w&]){0,2})\s+(?:CEO|COO|CFO|CTO|chief\s+executive|founder|"
    r"co-founder|cofounder)\s+(?=[A-Z][a-z])")
_OFFICER_MODIFIERS = frozenset("""former interim acting new then outgoing incoming current deputy founding chief
group global senior executive company firm its their his her""".split())


def organisation_cues(context: Context, spans: list[TypedSpan]) -> list[TypedSpan]:
    """"Skincare company Velora", "posted on Twitter", "told Newsbeat": words around a name make it an organisation.

    After a kind of organisation a name is one; after "posted on" or "available
    on" a name that is not a known place or a body in the sky is a platform, after
    "flew with" or before "flights" an airline; after "told", a name tagged as a
    place is an outlet (a person told stays a person); one word taken for a person
    that "are" follows is a body ("Gamevia are believers"). Copies of a name count too.
    """
    text, weight, known = context.text, context.weights.org_context, context.knowledge
    out = []
    for span in spans:
        if span.label in NAME_LABELS and span.label != "ORG" and span.weight < weight:
            surface = text[span.start:span.end]
            one_word = " " not in surface
            words = _words_before(text, span.start)
            if _after_kind(words) and (span.label != "PERSON" or one_word):
                span = replace(span, label="ORG", weight=weight)
            elif (span.label == "PERSON" and one_word and not surface.endswith("s")
                  and _PLURAL_VERB_AFTER.match(text, span.end)
                  and not _JOINED_BEFORE.search(text, max(0, span.start - 6), span.start)):
                span = replace(span, label="ORG", weight=weight)  # "Velora are believers": a body, not a person
            elif span.label == "PERSON" and one_word and _FIRM_NOUN_AFTER.match(text, span.end):
                span = replace(span, label="ORG", weight=weight)  # "Velora shareholders", "the Velora unit"
            elif ((one_word and _after_platform(words))
                  or (one_word and _COMPANY_NOUN_AFTER.match(text, span.end)
                      and (span.label in ("GPE", "LOC") or (span.label == "NORP" and surface.endswith("s"))))
                  or (span.label in ("GPE", "LOC", "FAC") and _after_telling(words))
                  or (one_word and span.label in ("GPE", "LOC") and words[-1:] == ["by"]
                      and words[-2:-1] and words[-2] in _OWNED_BY)) \
                    and not (known.place_kind(surface) or surface in known.bodies or known.is_country_code(surface)):
                # "took to Twitter", "Emirates flights" (not "American flights"), "told Newsbeat"
                span = replace(span, label="ORG", weight=weight)
        out.append(span)
    return _lists_of_organisations(context, out)


# "Velora are believers": one person's name takes "is"; a firm or a club takes either in British and much
# other English ("were" and "have" not: "if Roe were", "could Roe have known"). Not after "and" or a comma:
# "Roe and Okafor are".
_PLURAL_VERB_AFTER = re.compile(r" are\b")
# What only a firm has, said right after its name ("Velora shareholders", "the Velora unit", "Velora shares
# fell"); not what a person may have too ("Roe's shares", "a Roe spokeswoman", "the Roe brand", "the Roe
# takeover"), nor a verb ("Roe shares a photo").
_FIRM_NOUN_AFTER = re.compile(r"[ \t]+(?:shareholders|share\s+price|shares\s+(?:\w+ed|fell|rose|sank|slid|were|are|"
                              r"have|had)|boss|bosses|unit|subsidiary|subsidiaries|board|headquarters|factory|plant|"
                              r"customers|subscribers|owners?)\b")
_JOINED_BEFORE = re.compile(r"(?:\band|&|,|\bor)\s+$")


_LIST_JOIN = re.compile(r",\s+|,?\s+and\s+|,?\s+or\s+")
_CLOSING_JOIN = re.compile(r"\b(?:and|or)\b")


def _name_lists(text: str, spans: list[TypedSpan]) -> list[tuple[list[int], bool]]:
    """The runs of names joined as a list is ("A, B and C"): the indexes of their spans, and whether an "and"
    or "or" closes the run (else it may be a name, a comma and a clause: "Jane Roe, Lakeside City said")."""
    runs: list[tuple[list[int], bool]] = []
    for index, span in enumerate(spans):
        if span.label not in NAME_LABELS:
            continue
        join = _LIST_JOIN.fullmatch(text, spans[runs[-1][0][-1]].end, span.start) if runs else None
        if join:
            runs[-1][0].append(index)
            runs[-1] = (runs[-1][0], runs[-1][1] or bool(_CLOSING_JOIN.search(join.group())))
        else:
            runs.append(([index], False))
    return runs


def _lists_of_organisations(context: Context, spans: list[TypedSpan]) -> list[TypedSpan]:
    """"Facebook, Twitter and Instagram": one word that no gazetteer knows, in a list of three or more
    names most of which are organisations, is one too."""
    text, known = context.text, context.knowledge
    out = list(spans)
    for run, _closed in _name_lists(text, spans):
        labels = Counter(spans[i].label for i in run)
        if len(run) < 3 or labels["ORG"] < 2 or labels["ORG"] * 2 <= len(run):
            continue
        for i in run:
            surface = text[spans[i].start:spans[i].end]
            if (spans[i].label in ("PERSON", "GPE", "LOC") and " " not in surface
                    and not known.place_kind(surface) and not known.is_country_code(surface)
                    and spans[i].weight < context.weights.org_context):
                out[i] = replace(spans[i], label="ORG", weight=context.weights.org_context)
    return out



# --- 8-11. names cut short or run on ---

def complete_names(context: Context, spans: list[TypedSpan]) -> list[TypedSpan]:
    """"Ministry of Industries" followed by "and Production": the capitalised tail belongs to the name;
    so does one word taken for a person right after an organisation ("Harlow" + "Martin")."""
    text = context.text
    by_start = {s.start: s for s in spans}
    swallowed = set()
    out = []
    for span in spans:
        if id(span) in swallowed:
            continue
        if span.label in ("ORG", "FAC") and re.search(r"\s(?:of|for)\s", text[span.start:span.end]):
            match = _ORG_TAIL.match(text, span.end)
            if match and match.start(1) not in by_start:
                span = replace(span, end=match.end(1))
        tail = by_start.get(span.end + 1)
        if (span.label == "ORG" and tail is not None and tail.label == "PERSON" and text[span.end] == " "
                and " " not in text[tail.start:tail.end] and not _NEXT_CAPITAL.match(text, tail.end)):
            swallowed.add(id(tail))
            span = replace(span, end=tail.end)
        out.append(span)
    return out


_NEXT_CAPITAL = re.compile(r" [A-Z]")  # the name goes on: "Ford Motor Company Chairman Bill Ford"


# Members of a party or a political camp are a group (NORP), never a person: "Democrats", "Ohio Republicans".
_PARTY_MEMBERS = re.compile(r"(?:Democrats?|Republicans?|Conservatives|Liberals|Socialists|Communists|Tories)$")


def party_members(context: Context, spans: list[TypedSpan]) -> list[TypedSpan]:
    """"Virginia Democrats" tagged as a person: the place, if any, and the party's members, a group."""
    text, weight = context.text, context.weights.name_form
    out = []
    for span in spans:
        match = _PARTY_MEMBERS.search(text, span.start, span.end) if span.label in ("PERSON", "GPE") else None
        if match is None or (match.start() > span.start and text[match.start() - 1] != " "):
            out.append(span)
            continue
        place = text[span.start:match.start()].strip()
        if not place:
            out.append(replace(span, label="NORP", weight=weight))
        elif context.knowledge.place_kind(place):
            out.append(TypedSpan(span.start, span.start + len(place), "GPE", span.weight))
            out.append(TypedSpan(match.start(), span.end, "NORP", weight))
        else:
            out.append(span)  # "House Democrats": a body's members, left as the model said
    return out


def trim_nationalities(context: Context, spans: list[TypedSpan]) -> list[TypedSpan]:
    """"Japanese Automobiles": a nationality tagged alone elsewhere is not the start of a longer name."""
    text = context.text
    alone = {text[s.start:s.end] for s in spans if s.label == "NORP" and " " not in text[s.start:s.end]}
    out = []
    for span in spans:
        surface = text[span.start:span.end]
        if span.label == "NORP" and " " in surface and surface.split()[0] in alone:
            span = replace(span, end=span.start + len(surface.split()[0]))
        out.append(span)
    return out


def trim_sentence_openers(context: Context, spans: list[TypedSpan]) -> list[TypedSpan]:
    """"Later Okafor": a common word capitalised only because it opens the sentence is not part of a name."""
    text = context.text
    known = {_norm(text[s.start:s.end]) for s in spans if s.label in NAME_LABELS}
    known |= {_norm(text[s.start:s.end]).split()[-1] for s in spans
              if s.label == "PERSON" and " " in text[s.start:s.end].strip()}
    out = []
    for span in spans:
        if span.label in NAME_LABELS:
            first, _, rest = text[span.start:span.end].partition(" ")
            if (rest and (first.casefold() in context.lowered or _verb_ing(first, context.lowered))
                    and first[:1].isupper() and _norm(rest) in known and _opens_sentence(text, span.start)):
                start = span.start + len(first) + 1
                while start < span.end and text[start].isspace():
                    start += 1
                span = replace(span, start=start)
        out.append(span)
    return out


def _verb_ing(word: str, lowered: frozenset[str]) -> bool:
    """Whether word is the -ing form of a verb the article writes in lower case: "Questioning" of "questioned"
    ("Questioning Okafor's judgment" heads a section). Names ending so ("Irving", "Sterling") have no such verb."""
    if len(word) < 7 or not word.endswith("ing"):
        return False
    stem = word[:-3].casefold()
    stems = {stem, stem + "e"} | ({stem[:-1]} if stem[-1] == stem[-2] else set())  # "Getting": "get"
    return any(form in lowered for base in stems for form in (base, base + "s", base + "d", base + "ed"))


def _opens_sentence(text: str, start: int) -> bool:
    """Whether text[start] begins a sentence: "Will Dunham" in "Reporting by Will Dunham" does not."""
    before = text[max(0, start - 10):start].rstrip(" \t\"'“‘(")
    return not before or before[-1] in ".!?:\n"


# --- 12. settle overlaps ---

def settle_overlaps(context: Context, spans: list[TypedSpan]) -> list[TypedSpan]:
    """Where repaired spans now overlap, keep the surer one (then the longer)."""
    kept: list[TypedSpan] = []
    end = max((s.end for s in spans), default=0)
    taken = bytearray(end + 1)
    for span in sorted(spans, key=lambda s: (-s.weight, -(s.end - s.start), s.start)):
        if taken.find(1, span.start, span.end) == -1:
            kept.append(span)
            taken[span.start:span.end] = b"\x01" * (span.end - span.start)
    kept.sort()
    return kept


# --- 13. a name tagged once is tagged everywhere ---

def tag_every_occurrence(context: Context, spans: list[TypedSpan]) -> list[TypedSpan]:
    return _propagate(context.text, _defined_acronyms(context, spans), context.lowered, context.weights.copy)


# A name's acronym given in brackets after it ("the Lakeside Transit Authority (LTA)") or the name after its
# acronym ("LTA (Lakeside Transit Authority)").
_BRACKETED_ACRONYM_AFTER = re.compile(r"\s*\(\s*([A-Z][A-Za-z]{1,7})\s*\)")
_ACRONYM_BEFORE_BRACKET = re.compile(r"(?<![\w-])([A-Z][A-Za-z]{1,7})\s*\(\s*$")


def _initials(name: str) -> tuple[str, ...]:
    """The initials of a name's capitalised words, and of all its words (a leading "the" left out): ("LTA",
    "LTA") for "the Lakeside Transit Authority", ("DD", "DOD") for "Department of Defense"; and without a
    country's abbreviation before it: "VEC" for "U.S. Velora Exchange Commission"."""
    country = _COUNTRY_ABBREVIATION.match(name)
    words = re.findall(r"[^\W\d_][\w'’]*", name)
    if words[:1] in (["the"], ["The"]):
        words = words[1:]  # "The Velora Group" is "VG"
    found = ("".join(w[0] for w in words if w[0].isupper()).upper(), "".join(w[0] for w in words).upper())
    if country:
        rest = re.findall(r"[^\W\d_][\w'’]*", name[country.end():])
        found += ("".join(w[0] for w in rest if w[0].isupper()).upper(),)
    return found


# "U.S.", "US", "UK", "EU" opening a name of three words or more: its acronym may leave it out.
_COUNTRY_ABBREVIATION = re.compile(r"(?:(?:[A-Z]\.){2,3}|[A-Z]{2})\s+(?=[A-Z][\w'’]*\s+\S+\s+\S)")


def _names_by_initials(text: str, spans: list[TypedSpan], name_key: Callable[[TypedSpan], object],
                       is_person: Callable[[TypedSpan], bool]) -> dict[str, set]:
    """The names of two or more words, a person's excepted, by their initials: {"LTA": {name_key(span)...}}."""
    found: dict[str, set] = defaultdict(set)
    for span in spans:
        surface = text[span.start:span.end]
        if span.label in NAME_LABELS and len(surface.split()) >= 2 and not is_person(span):
            for initials in set(_initials(surface)):
                found[initials].add(name_key(span))
    return found


_ACRONYM_SHAPE = re.compile(r"[A-Z][A-Za-z]{1,6}|(?:[A-Z]\.){1,5}[A-Z]\.?")


def _acronym_letters(surface: str, capitals: set[str] | frozenset[str] = frozenset()) -> str | None:
    """"NSC", "U.S.", "DoD": the letters of an acronym (upper case), or None for any other name; also
    "Nato" where the text writes it in capitals too (capitals: the names it writes so)."""
    if not _ACRONYM_SHAPE.fullmatch(surface):
        return None
    if sum(ch.isupper() for ch in surface) < 2 and surface.upper() not in capitals:
        return None
    if surface.endswith("s") and surface[:-1].isupper():
        surface = surface[:-1]  # "the AMAs": the plural of an acronym
    return surface.replace(".", "").upper()


def acronym_definitions(text: str, spans: list[TypedSpan]) -> dict[str, int]:
    """Each acronym the text defines by a tagged name beside it in brackets: acronym -> the name's span index."""
    found: dict[str, int] = {}
    for index, span in enumerate(spans):
        # (A person is not named so, and a name taken for one here is the model's mistake.)
        if span.label not in NAME_LABELS or span.label == "PERSON" or " " not in text[span.start:span.end].strip():
            continue
        after = _BRACKETED_ACRONYM_AFTER.match(text, span.end)
        before = _ACRONYM_BEFORE_BRACKET.search(text, max(0, span.start - 14), span.start)
        acronym = after.group(1) if after else before.group(1) if before else None
        if acronym and sum(ch.isupper() for ch in acronym) >= 2 and acronym.casefold() not in FUNCTION_WORDS \
                and acronym.upper() in _initials(text[span.start:span.end]):
            found.setdefault(acronym, index)
    return found


# An acronym the model left untagged: three to six capitals, or their plural ("the LMAs").
_UNTAGGED_ACRONYM = re.compile(r"(?<![\w.&-])[A-Z]{3,6}s?(?![\w&-])")


def _defined_acronyms(context: Context, spans: list[TypedSpan]) -> list[TypedSpan]:
    """"the Lakeside Transit Authority (LTA)": the acronym is what the name is, wherever the model put it; and
    an acronym the model left untagged ("the LMAs") is the only name of the article with its initials
    ("the Lakeside Music Awards"), if one is."""
    text, weight = context.text, context.weights.name_form
    spans = _untagged_acronyms(context, spans)
    definitions = acronym_definitions(text, spans)
    if not definitions:
        return spans
    labels = {acronym: spans[index].label for acronym, index in definitions.items()}
    out = [replace(span, label=labels[text[span.start:span.end]], weight=max(span.weight, weight))
           if text[span.start:span.end] in labels and span.label in NAME_LABELS else span for span in spans]
    # The bracketed acronym itself, when the model left it untagged.
    taken = _covered(out, len(text))
    for acronym, index in definitions.items():
        after = _BRACKETED_ACRONYM_AFTER.match(text, spans[index].end)
        if after and after.group(1) == acronym and taken.find(1, after.start(1), after.end(1)) == -1:
            out.append(TypedSpan(after.start(1), after.end(1), labels[acronym], weight))
    return sorted(out)


def _untagged_acronyms(context: Context, spans: list[TypedSpan]) -> list[TypedSpan]:
    text = context.text
    named = _names_by_initials(text, spans, lambda span: (span.label, _norm(text[span.start:span.end])),
                               lambda span: span.label == "PERSON")
    if not named:
        return spans
    taken = _covered(spans, len(text))
    found = []
    for match in _UNTAGGED_ACRONYM.finditer(text):
        letters = _acronym_letters(match.group())
        if (letters in named and len(named[letters]) == 1 and taken.find(1, match.start(), match.end()) == -1
                and not context.layout.in_caps(match.start())):
            # As a copy does: it takes the vote of the name's other mentions, if the model tagged any.
            found.append(TypedSpan(match.start(), match.end(), next(iter(named[letters]))[0], context.weights.copy))
    return sorted(spans + found) if found else spans


def _propagate(text: str, spans: list[TypedSpan], lowered: frozenset[str] | set[str] = frozenset(),
               copy_weight: float = WEIGHTS.copy) -> list[TypedSpan]:
    """Tag the untagged occurrences of every name (also when written in capitals)."""
    labels: dict[str, str] = {}
    for span in spans:
        if span.label in NAME_LABELS:
            labels.setdefault(text[span.start:span.end], span.label)
    taken = _covered(spans, len(text))
    names: dict[str, str] = {}
    for surface, label in labels.items():
        if len(surface) < 2 or not any(ch.isupper() for ch in surface):
            continue
        if " " not in surface and surface.casefold() in lowered and not surface.isupper():
            continue  # a capitalised common word: only where the model saw a name
        names.setdefault(surface, label)
        names.setdefault(surface.upper(), label)
    # The surname of a person named in full stands for that person later on.
    for surface, label in labels.items():
        words = surface.split()
        if label == "PERSON" and len(words) >= 2:
            last = words[-1]
            if len(last) >= 3 and last[0].isupper() and not last.endswith(".") and last.casefold() not in lowered:
                names.setdefault(last, label)
    ranked = sorted(names.items(), key=lambda item: -len(item[0]))
    added = []
    for surface, label, start in _occurrences(text, ranked):
        end = start + len(surface)
        if taken.find(1, start, end) == -1:
            # A copy is no evidence of its type: it takes the vote of the tagged ones.
            added.append(TypedSpan(start, end, label, copy_weight))
            taken[start:end] = b"\x01" * (end - start)
    return sorted(spans + added)


def _occurrences(text: str, names: list[tuple[str, str]]) -> list[tuple[str, str, int]]:
    """Whole-word occurrences of each name, in the order of names, then of position.

    One scan of the text's words instead of one regex pass per name keeps long texts linear.
    """
    by_first_word: dict[str, list[int]] = defaultdict(list)
    odd: list[int] = []  # names not starting with a word character: searched one by one
    for rank, (surface, _label) in enumerate(names):
        first = _FIRST_WORD.match(surface)
        if first:
            by_first_word[first.group(0)].append(rank)
        else:
            odd.append(rank)
    found: list[tuple[int, int]] = []
    for word in _WORD_START.finditer(text):
        for rank in by_first_word.get(word.group(0), ()):
            surface = names[rank][0]
            end = word.start() + len(surface)
            if text.startswith(surface, word.start()) and not (end < len(text) and _is_word_char(text[end])):
                found.append((rank, word.start()))
    for rank in odd:
        pattern = r"(?<!\w)" + re.escape(names[rank][0]) + r"(?!\w)"
        found.extend((rank, match.start()) for match in re.finditer(pattern, text))
    found.sort()
    return [(names[rank][0], names[rank][1], start) for rank, start in found]


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


# --- 14-18. what the form and the context say (17 is with 7) ---

def person_cues(context: Context, spans: list[TypedSpan]) -> list[TypedSpan]:
    """"J. Ratcliffe", "Ambassador ..., Kuinori Matsuda": the form or a title says it is a person."""
    text, weights = context.text, context.weights
    out = []
    for span in spans:
        if span.label in ("PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "PRODUCT", "WORK_OF_ART"):
            surface = text[span.start:span.end]
            if _INITIAL_NAME.match(surface) and surface.split()[-1] not in _HEAD_WORDS:  # not "U.S. Treasury"
                span = replace(span, label="PERSON", weight=max(span.weight, weights.initials))
            elif (span.weight < weights.title_before and surface[:1].isupper() and " " in surface.strip()
                  and not _headed_name(surface)  # "analyst at the Lakeside Council on Energy"
                  and (_TITLES.search(text[max(0, span.start - 80):span.start])
                       or _after_job(text, span.start)
                       or (_PERSON_SHAPE.fullmatch(surface) and _JOB_APPOSITION.match(text, span.end)))):
                span = replace(span, label="PERSON", weight=max(span.weight, weights.title_before))
            elif ((span.label in ("PERSON", "ORG", "GPE", "NORP") and _KIN_AFTER.match(text, span.end))
                  or (span.label in ("PERSON", "ORG") and _KIN_PLURAL_AFTER.match(text, span.end))):
                span = replace(span, label="PERSON", weight=max(span.weight, weights.title_before))
            elif (span.weight < weights.title_before and _age_after(context, span.end)
                  and not context.knowledge.place_kind(surface)):
                span = replace(span, label="PERSON", weight=weights.title_before)  # "Brannow, 38, who..."
            elif span.label in ("ORG", "GPE", "NORP") and _SAID_OF_ONESELF.match(text, span.end):
                span = replace(span, label="PERSON", weight=max(span.weight, weights.said_of_oneself))
        out.append(span)
    return _people_after_nationality(context, _players(context, _lists_of_people(context, out)))


# A player's own figures after a person-shaped name: "Ada Brink made 35 saves", "Tom Reed added three assists",
# "Lena Marsh stopped 22 shots", "Ivo Strand scored twice". A team makes shots and saves too, but is written
# as a place or a plural.
_PLAYER_STATS = re.compile(
    r"(?<![\w’'-])([A-Z][a-z'’-]+(?: [A-Z][a-z'’-]+){1,2}) (?:(?:made|makes|had|has|stopped|stops|turned aside|"
    r"added|adds|finished with|finishes with) (?:\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten) "
    r"(?:saves|shots|assists?|rebounds|steals|blocks|tackles|sacks)|(?:scored|scores) (?:twice|three times|"
    r"\d{1,3} (?:points|goals|tries|touchdowns)|a (?:hat[ -]trick|brace)|(?:his|her) \w+ goal))\b")


def _players(context: Context, spans: list[TypedSpan]) -> list[TypedSpan]:
    """"Ada Brink made 35 saves": a person-shaped name before a player's figures is a person, tagged or not."""
    text, known, weight = context.text, context.knowledge, context.weights.title_before
    found = []
    for match in _PLAYER_STATS.finditer(text):
        start, end = match.span(1)
        words = match.group(1).split()
        if len(words) == 3 and words[0].casefold() in context.lowered:  # "Then Ada Brink made..."
            start += len(words[0]) + 1
            words = words[1:]
        surface = text[start:end]
        if words[-1].endswith("s") and not any(s.label == "PERSON" and s.start <= start and end <= s.end
                                               for s in spans):
            continue  # "the Golden Comets made 30 saves": a team's plural, unless tagged a person
        if known.place_kind(surface) or words[-1] in _HEAD_WORDS:
            continue
        found.append(TypedSpan(start, end, "PERSON", weight))
    if not found:
        return spans
    return _in_place_of(spans, found, len(text))


_TITLE_FIRST = re.compile(r"(?:Prime|Vice|Deputy|Foreign|Interior|Finance|Defence|Defense|" + _TITLE_WORDS + r")\b")
# Two or three capitalised words ending where a person's name does: at a stop, or before "and", "who", "said"...
_PERSON_AFTER = re.compile(r" ([A-Z][a-z'’-]+(?: [A-Z][a-z'’-]+){1,2})(?=[,.;:!?)’'\"”]|$| (?:and|or|who|whose|said|"
                           r"says|told|was|is|has|had|will|would|won|wins|were)\b)")


def _people_after_nationality(context: Context, spans: list[TypedSpan]) -> list[TypedSpan]:
    """"American Ada Brink and Australian Tom Reed": a person-shaped name just after a nationality is a person,
    tagged or not, unless its first word is a common word ("Chinese New Year") or its last says what it is
    ("American Airlines")."""
    text, known, weight = context.text, context.knowledge, context.weights.person_list
    found = []
    taken = {(s.start, s.end): s for s in spans}
    for span in spans:
        if span.label != "NORP" or " " in text[span.start:span.end]:
            continue
        match = _PERSON_AFTER.match(text, span.end)
        if match is None:
            continue
        words = match.group(1).split()
        if (words[0].casefold() in context.lowered or words[-1] in _HEAD_WORDS or known.place_kind(match.group(1))
                or _TITLE_FIRST.match(match.group(1))):
            continue
        tagged = taken.get(match.span(1))  # (a group the model saw, "Roman Catholic", stays one)
        if tagged is None or (tagged.label not in ("PERSON", "NORP") and tagged.weight < weight):
            found.append(TypedSpan(match.start(1), match.end(1), "PERSON", weight))
    return _in_place_of(spans, found, len(text)) if found else spans


# A person's name as a list writes it: two or three capitalised words ("Lena Marsh", "Jean-Paul Okafor").
_PERSON_SHAPE = re.compile(r"[A-Z][a-z'’-]+(?: [A-Z][a-z'’-]+){1,2}")
_POSSESSIVE_AFTER = re.compile(r"['’](?:s\b|(?=\s))")


def _lists_of_people(context: Context, spans: list[TypedSpan]) -> list[TypedSpan]:
    """"Lena Marsh, Tom Okafor and Ada Brink also scored": a name shaped like a person's, in a list
    closed by "and" or "or" in which people are at least half the names, is one too.

    A name, a comma and a clause ("Jane Roe, Lakeside City couldn't...") is no list, nor is one whose
    member owns something ("Blue Arc and Jane Roe's Rocketworks").
    """
    text, known, weight = context.text, context.knowledge, context.weights.person_list
    out = list(spans)
    for run, closed in _name_lists(text, spans):
        if (not closed or not all(_PERSON_SHAPE.fullmatch(text, spans[i].start, spans[i].end) for i in run)
                or any(_POSSESSIVE_AFTER.match(text, spans[i].end) for i in run)):
            continue
        people = sum(spans[i].label == "PERSON" for i in run)
        if people == 0 or 2 * people < len(run):
            continue
        for i in run:
            span, surface = spans[i], text[spans[i].start:spans[i].end]
            if (span.label != "PERSON" and span.weight < weight and surface.split()[-1] not in _HEAD_WORDS
                    and not known.place_kind(surface)):
                out[i] = replace(span, label="PERSON", weight=weight)
    return out


# "Okafor's wife": only a person has a family (a firm's is its "parent"); "Okafor's children" too, but a
# country has "children" and "sons" as well ("Norway's children"), so those count only against a firm.
_KIN_AFTER = re.compile(r"['’]s\s+(?:ex-|late\s)?(?:wife|husband|widow|son|daughter|mother|father|brother|sister|"
                        r"girlfriend|boyfriend|fianc[ée]e?|grandson|granddaughter|grandmother|grandfather)\b")
_KIN_PLURAL_AFTER = re.compile(r"['’]s\s+(?:children|sons|daughters|brothers|sisters|parents)\b")


# A job said of the name just after it: "Jane Roe, the former special envoy to...", "Jane Roe, a senator".
_JOB_APPOSITION = re.compile(
    r",\s+(?:the|a|an)\s+(?:[\w'’-]+\s+){0,3}?(?:" + "|".join(sorted(_JOBS | {"minister", "president", "secretary",
                                                                         "governor"})) + r")\b"
    r"(?=\s+(?:of|at|for|to|in|with|on|and|who|whose)\b|\s*[,.;:)—–]|\s+[A-Z])")


# "Jane Roe, 38, who...", "Okafor, 29 – a former...": only a person's name is followed by an age so.
_AGE_AFTER = re.compile(r",\s+(?:aged\s+)?[1-9]\d(?=,|\s+[–—-]\s|\s+(?:who|of|from|was|is|has|had|said)\b)")
_NEXT_NAME = re.compile(r",\s+([A-Z][\w'’-]*(?:\s[A-Z][\w'’-]*)*)")


def _age_after(context: Context, end: int) -> bool:
    """An age follows the name; not a house number before the town ("Via Velora, 15, Lakeside")."""
    age = _AGE_AFTER.match(context.text, end)
    if age is None:
        return False
    town = _NEXT_NAME.match(context.text, age.end())
    return town is None or not context.knowledge.place_kind(town.group(1))


# "Okafor said he had no knowledge", "Okafor later told the committee she tried": a name that says "he" or
# "she" of itself. A body says it of others too ("the agency said he was armed"), so it weighs less than a title.
_SAID_OF_ONESELF = re.compile(
    r"\s+(?:(?:later|also|then|again|\w+ly)\s+)?(?:said|says|told(?:\s+[\w-]+){1,3}?|added|testified|wrote|"
    r"recalled|explained|argued|insisted|acknowledged|admitted)\s+(?:that\s+)?(?:he|she)\b")


def _after_job(text: str, start: int) -> bool:
    words = _words_before(text, start)
    return bool(words) and words[-1] in _JOBS


# "Toronto Comets", "Leeds Falcons": a town or region and a capitalised plural after it.
_NICKNAME_AFTER = re.compile(r" ([A-Z][a-z]+s)\b(?![’'-])")


def team_names(context: Context, spans: list[TypedSpan]) -> list[TypedSpan]:
    """"the Toronto Comets": a town or region followed by a capitalised plural is a club, the two one name
    (an event when the plural ends the names of events: "the Tokyo Olympics").

    Not a country ("the Swiss Alps"), party members ("Ohio Democrats"), a plural
    that names a kind of place ("Faroe Islands") or a person's surname ("Georgia
    Williams").
    """
    text, known, weight = context.text, context.knowledge, context.weights.name_form
    people = {s.start for s in spans if s.label == "PERSON"}
    merged: list[TypedSpan] = []
    for span in spans:
        if span.label not in ("GPE", "LOC"):
            continue
        match = _NICKNAME_AFTER.match(text, span.end)
        if (match is None or (match.group(1) in _HEAD_WORDS and match.group(1) not in _EVENT_HEADS)
                or _PARTY_MEMBERS.fullmatch(match.group(1))
                or match.start(1) in people):  # "the Georgia Williams play": a person's surname
            continue
        if known.place_kind(text[span.start:span.end]) in ("city", "region") and not known.place_kind(match.group(1)):
            # "the Lakeside Olympics", "the Lakeside Awards" are events held there, not clubs
            label = "EVENT" if match.group(1) in _EVENT_HEADS else "ORG"
            merged.append(TypedSpan(span.start, match.end(), label, weight))
    spans = _in_place_of(spans, merged, len(text)) if merged else spans
    return _plural_clubs(context, spans)


def _plural_clubs(context: Context, spans: list[TypedSpan]) -> list[TypedSpan]:
    """"the Steelers", "the Sabres": one capitalised plural after "the", taken for a person, is a club or a
    band when no one in the article has its singular for a name (else it is a family: "the Okafors"); so is
    one word said with "the" twice or more ("the Blaze"), unless a person's full name holds it."""
    text, weight = context.text, context.weights.name_form
    person_names = [_norm(text[s.start:s.end]).split() for s in spans if s.label == "PERSON"]
    people = {word for name in person_names for word in name}
    clubs = set()
    after_the: Counter[str] = Counter()
    for span in spans:
        surface = text[span.start:span.end]
        if span.label != "PERSON" or text[max(0, span.start - 4):span.start] != "the ":
            continue
        if (_CLUB_PLURAL.fullmatch(surface) and not _PARTY_MEMBERS.fullmatch(surface)
                and not {surface[:-1].casefold(), surface[:-2].casefold()} & people):
            clubs.add(surface)
        elif _CLUB_SINGULAR.fullmatch(surface):
            after_the[surface] += 1
    # One word said with "the" twice or more is a club or a band too ("the Thunder", "the Heat"), unless it
    # is a word of a person's full name ("Ada Okafor"... "the Okafor who...").
    full_names = {word for name in person_names if len(name) > 1 for word in name}
    known = context.knowledge
    clubs |= {word for word, count in after_the.items() if count >= 2 and word.casefold() not in full_names
              and word not in known.bodies and not known.place_kind(word)}  # "the Moon", "the Gambia"
    if not clubs:
        return spans
    return [replace(span, label="ORG", weight=max(span.weight, weight))
            if span.label == "PERSON" and text[span.start:span.end] in clubs else span for span in spans]


_CLUB_PLURAL = re.compile(r"[A-Z][a-z]+s")
_CLUB_SINGULAR = re.compile(r"[A-Z][a-z]+")


def teams(context: Context, spans: list[TypedSpan]) -> list[TypedSpan]:
    """A town or region that plays is a team.

    "Leicestershire 22 Somerset 11": a place followed by a score in a results line;
    "Leeds beat Hull", "lift Exeter past Derby", "scored for Bristol",
    "Bristol improved to 8-4-2": a place that wins, loses, is scored for or has a
    win-loss record. A country is left alone: news (and CoNLL) name national teams
    by their country as a place. One word no gazetteer knows that plays so is a team
    in all its mentions ("Blaze beat Comets"... "the Blaze's win").
    """
    text, weights = context.text, context.weights
    names = [i for i, span in enumerate(spans) if span.label in NAME_LABELS]
    playing: set[int] = set()
    for previous, following in zip(names, names[1:], strict=False):
        if spans[following].start - spans[previous].end > 40:
            continue  # the verbs between two teams are a few words
        between = text[spans[previous].end:spans[following].start]
        before = text[max(0, spans[previous].start - 20):spans[previous].start]
        if _BEAT.fullmatch(between) or (_PAST.fullmatch(between) and _LIFT_BEFORE.search(before)):
            playing.update((previous, following))
    out = []
    for index, span in enumerate(spans):
        if span.label in ("GPE", "LOC") and _SCORE_AFTER.match(text, span.end):
            line_start = text.rfind("\n", 0, span.start) + 1
            line_end = text.find("\n", span.end)
            line = text[line_start:line_end if line_end >= 0 else len(text)]
            if len(_LINE_NUMBERS.findall(line)) >= 2:
                span = replace(span, label="ORG", weight=max(span.weight, weights.results_line))
        if (span.label in ("GPE", "LOC") and span.weight < weights.team_context
                and (index in playing or _scored_for(text, span.start) or _RECORD_AFTER.match(text, span.end))
                and _not_a_country(context.knowledge, text[span.start:span.end])):
            span = replace(span, label="ORG", weight=weights.team_context)
        out.append(span)
    # A one-word name no gazetteer knows that plays is a team wherever it is named ("the Wild's 4-1 win"),
    # however often the model took it for a place: it names no place to outweigh that.
    teams_named = {text[s.start:s.end] for s, before in zip(out, spans, strict=True)
                   if s.label == "ORG" and before.label in ("GPE", "LOC") and " " not in text[s.start:s.end]
                   and not context.knowledge.place_kind(text[s.start:s.end])}
    if not teams_named:
        return out
    return [replace(span, label="ORG", weight=max(span.weight, weights.team_context))
            if span.label in ("GPE", "LOC") and text[span.start:span.end] in teams_named else span for span in out]


# "Leeds beat Hull", "Leeds held on to beat Hull": one side wins, the other loses.
_BEAT = re.compile(r"\s+(?:(?:held|hung|rallied|came back|went on) on to |rallied to )?(?:beat|beats|defeated|defeats|"
                   r"edged|edges|routed|routs|downed|downs|blanked|blanks|outlasted|outlasts|thrashed|thrashes|"
                   r"trounced|trounces|shut out|shuts out|edged past|rallied past|cruised past)\s+(?:the\s+)?")
# "lead Exeter past Derby", "lift Exeter over Derby".
_PAST = re.compile(r"\s+(?:past|over)\s+(?:the\s+)?")
_LIFT_BEFORE = re.compile(r"\b(?:lead|leads|led|lift|lifts|lifted|carry|carries|carried|power|powers|powered|"
                          r"push|pushes|pushed|help|helps|helped|propel|propels|propelled)\s+(?:the\s+)?$")
_SCORED = frozenset("scored scores goal goals saves assist assists points netted nets".split())


def _scored_for(text: str, start: int) -> bool:
    """"scored for Bristol", "goals for the Hawks"."""
    words = _words_before(text, start)
    if words[-1:] == ["the"]:
        words = words[:-1]
    return len(words) >= 2 and words[-1] == "for" and words[-2] in _SCORED
# A win-loss record: "Bristol improved to 8-4-2", "Derby fell to 3-9".
_RECORD_AFTER = re.compile(r"\s+(?:improved|improves|fell|falls|dropped|drops|moved|moves|climbed|climbs|slipped|"
                           r"slips)\s+to\s+\d{1,3}-\d{1,3}\b")


def legal_forms(context: Context, spans: list[TypedSpan]) -> list[TypedSpan]:
    """"Magna International Inc": a name ending in a legal form is an organisation."""
    out = []
    for span in spans:
        if (span.label in ("PERSON", "GPE", "LOC", "NORP", "FAC", "PRODUCT")
                and context.knowledge.ends_in_legal_form(context.text[span.start:span.end])):
            span = replace(span, label="ORG", weight=max(span.weight, context.weights.legal_form))
        out.append(span)
    return out


# --- 19-20. what the name's own words say ---

# The last word of a name often says what kind of thing it names.
_ORG_HEADS = frozenset("""Agency Airline Airlines Airways Alliance Association Authority Bancorp Bank Board Brands
Bureau Cartel Channel Coalition College Command Commission Committee Company Confederation Congress Corporation
Council Court Department Directorate Division Federation Foundation Fund Group Holdings Industries Institute
Insurance League Laboratories Labs Media Ministry Motors Network Networks Office Organisation Organization
Parliament Partners Party Pharmaceuticals Police Productions Railways Records Regiment Reserve Secretariat Senate
Service Services Society Studios Systems Technologies Telecom Television Treasury Tribunal Trust University
Ventures""".split())
_FACILITY_HEADS = frozenset("""Airport Amphitheater Amphitheatre Arena Auditorium Bridge Cathedral Coliseum Colosseum
Dam Highway Hotel Mall Mosque Palace Pavilion Plaza Prison Stadium Station Temple Theater Theatre Tower Tunnel
Zoo""".split())
_MODEL_NUMBER_BEFORE = re.compile(r"(?:\b[A-Z][\w-]*|\b[Tt]he|\ba|\ban)[ \t]+[A-Z]?\d{2,4}[A-Za-z]?[ \t]+$")
# A model number of three figures (never a year) before one singular word, after any word: "its popular
# 737 Max jet", "400 737 Max jets". Not "300 Marines": a count comes before a plural.
_BARE_MODEL_NUMBER_BEFORE = re.compile(r"(?<![\w$£€¥.,])[A-Z]?\d{3}[A-Za-z]?[ \t]+$")
_MODEL_NAME = re.compile(r"[A-Z][a-z]+(?<!s)")
# A year is no model number: "the 2020 Velora primary", "a 2019 Velora sedan" (the maker, not the model);
# nor a week's or a round's: "every Week 9 XLA game".
_YEAR_OR_WEEK_BEFORE = re.compile(r"(?<![\w.,])(?:1[89]\d\d|20\d\d)[ \t]+$"
                                  r"|\b(?:" + _CALENDAR_WORD.pattern + r"|Season|Year|Episode|Level)[ \t]+\d+[ \t]+$")
_NATURAL_HEADS = frozenset("""Basin Bay Canyon Coast Desert Gulf Island Islands Lake Mountain Mountains Ocean
Peninsula River Sea Strait Valley""".split())
# One word with a capital inside it after lower-case letters: a brand ("SpaceX", "YouTube"), not a person,
# unless the capital follows a surname prefix ("McDonald", "DeVos", "LeBron", "O'Brien").
_BRAND = re.compile(r"^[A-Z][a-z]+[A-Z][\w]*$")
_SURNAME_PREFIX = re.compile(r"^(?:Mc|Mac|De|Di|Da|Du|La|Le|Van|Von)[A-Z]")
# Words that end the names of events: "American Music Awards", "Fed Cup", "Lakeside Open", "Dubai Air Show".
# Not "Games", "Series" or "Tour", which end names of firms, products and leagues as often ("Epic Games",
# "Watch Series", "PGA Tour").
_EVENT_HEADS = frozenset("""Awards Championship Championships Cup Expo Festival Marathon Olympiad Olympics Open
Prix Show Summit""".split())
_HEAD_WORDS = _ORG_HEADS | _FACILITY_HEADS | _NATURAL_HEADS | _EVENT_HEADS
_COMPASS = re.compile(r"(?:North|South|East|West|Northern|Southern|Eastern|Western|Upper|Lower|Central)\s")
_FORM_LABELS = ("PERSON", "GPE", "LOC", "FAC", "ORG", "NORP", "PRODUCT")


def _headed_name(surface: str) -> bool:
    """Whether a head word says what the name is, opening it before "of", "on" or "for" ("Council on Energy",
    "Bank of Lakeside", "Gulf of Velora"): no person's name is written so."""
    words = surface.split()
    return len(words) >= 3 and words[1] in ("of", "on", "for") and words[0] in _HEAD_WORDS


def name_forms(context: Context, spans: list[TypedSpan]) -> list[TypedSpan]:
    """"Bridgestone Arena", "U.S. Treasury", "SpaceX": what the name's own words say it is."""
    text, weight = context.text, context.weights.name_form
    out = []
    for span in spans:
        if span.label in _FORM_LABELS and span.weight < weight:
            surface = text[span.start:span.end]
            words = surface.split()
            label = None
            if context.knowledge.place_kind(surface) or _COMPASS.match(surface):
                pass  # "Russian Federation", "Faroe Islands", "West Bank": a place's name may end in any word
            elif len(words) >= 2 and words[-1] in _ORG_HEADS:
                label = "ORG"
            elif len(words) >= 2 and words[-1] in _FACILITY_HEADS:
                label = "FAC"
            elif len(words) >= 2 and words[-1] in _NATURAL_HEADS:
                label = "LOC"
            elif len(words) >= 2 and words[-1] in _EVENT_HEADS and span.label != "NORP":
                label = "EVENT"
            elif _headed_name(surface) and words[0] in _ORG_HEADS:
                label = "ORG"  # "Council on Energy...", "Bank of Lakeside": the head word opens the name
            elif _headed_name(surface) and words[0] in _NATURAL_HEADS and words[1] == "of":
                label = "LOC"  # "Gulf of Lakeside", "Bay of Velora"
            elif (len(words) == 1 and span.label in ("PERSON", "GPE", "LOC") and _BRAND.match(words[0])
                  and not _SURNAME_PREFIX.match(words[0])):
                label = "ORG"
            elif re.search(r"\w&\w|\w \& \w", surface) and span.label in ("PERSON", "GPE", "LOC", "FAC", "NORP"):
                label = "ORG"  # "AT&T", "Procter & Gamble": firms join names with an ampersand
            elif span.label not in ("PRODUCT", "NORP") and not _YEAR_OR_WEEK_BEFORE.search(  # "the 12 Republicans"
                    text, max(0, span.start - 12), span.start) and (
                    _MODEL_NUMBER_BEFORE.search(text, max(0, span.start - 30), span.start)
                    or (_MODEL_NAME.fullmatch(surface)
                        and _BARE_MODEL_NUMBER_BEFORE.search(text, max(0, span.start - 12), span.start))):
                # "Boeing 737 Max", "the A320 Neo": a word after a model number names the model.
                number = re.search(r"[A-Z]?\d{2,4}[A-Za-z]?[ \t]+$", text[max(0, span.start - 12):span.start])
                span = replace(span, start=span.start - len(number.group()))
                label = "PRODUCT"
            if label and label != span.label:
                span = replace(span, label=label, weight=weight)
        out.append(span)
    return out


def calendar_dates(context: Context, spans: list[TypedSpan]) -> list[TypedSpan]:
    """"Mars" is no date: a date is written with a number, a calendar word or in lower case ("last week").

    A name run into the day after it ("said on Facebook Tuesday") is cut off the
    date; it is an organisation where people post, or what it is elsewhere in the article.
    """
    text = context.text
    labels = {text[s.start:s.end]: s.label for s in spans if s.label in NAME_LABELS}
    out = []
    for span in spans:
        if span.label not in ("DATE", "TIME"):
            out.append(span)
            continue
        layout = context.layout
        if _AGE.fullmatch(text, span.start, span.end) or _is_age_after_a_name(text, span):
            out.append(replace(span, label="CARDINAL"))  # "a 43-year-old man", "Roe, 38, who...": an age, a number
            continue
        if not _CALENDAR.search(text, span.start, span.end) or (
                _SPAN_OF_TIME.fullmatch(text, span.start, span.end) and not _opens_sentence(text, span.start)
                and not layout.in_caps(span.start) and not _inside(span.start, layout.title_case_headlines)):
            continue  # "Mars"; "Australian Ann Day", "King and Day": a span of time is written in lower case
        about = _ABOUT_DAY.match(text, span.start, span.end)
        if about:  # "asked about Thursday night": the preposition, not "about 5 p.m."
            span = replace(span, start=about.end())
        lead = _NAME_BEFORE_DAY.fullmatch(text, span.start, span.end)
        if lead is None or _CALENDAR.search(text, span.start, lead.end(1)):
            out.append(span)
            continue
        name = text[span.start:lead.end(1)]
        label = "ORG" if _after_platform(_words_before(text, span.start)) else labels.get(name)
        out.append(replace(span, start=lead.start(2)))
        if label:
            out.append(TypedSpan(span.start, lead.end(1), label, context.weights.org_context))
    return _join_day_and_time(text, sorted(out))


# How old someone is ("43-year-old", "55-year old", "8 years old"): the model tags ages as dates, but a
# reader looking for the story's dates has no use for them; they are listed with the numbers.
_AGE = re.compile(r"\d{1,3}(?:-| )years?(?:-| )old")
_COMMA_BEFORE_AGE = re.compile(r"(?<=[A-Za-z.]),\s+(?:aged\s+)?$")


def _is_age_after_a_name(text: str, span: TypedSpan) -> bool:
    """"Roe, 38, who...": the span is the age person cues read after a name (_AGE_AFTER)."""
    comma = _COMMA_BEFORE_AGE.search(text, max(0, span.start - 10), span.start)
    age = _AGE_AFTER.match(text, comma.start()) if comma else None
    return age is not None and age.end() == span.end


# A span of time alone, capitalised: a surname ("Day", "Weeks") or a heading's word unless it opens a sentence.
_SPAN_OF_TIME = re.compile(r"(?:Days?|Weeks?|Months?|Years?|Decades?)")


def _join_day_and_time(text: str, spans: list[TypedSpan]) -> list[TypedSpan]:
    """"Thursday" + "night" tagged apart are one time, "Thursday night"."""
    out: list[TypedSpan] = []
    for span in spans:
        last = out[-1] if out else None
        if (last is not None and last.label == "DATE" and span.label == "TIME" and span.start == last.end + 1
                and text[last.end] == " " and _PART_OF_DAY.fullmatch(text, span.start, span.end)):
            out[-1] = replace(last, end=span.end, label="TIME")
        else:
            out.append(span)
    return out


_ABOUT_DAY = re.compile(r"about\s+(?=" + _WEEKDAY + "|" + _MONTH_NAME + r"\b)")
_PART_OF_DAY = re.compile(r"night|morning|afternoon|evening|noon|midnight")


# "Facebook Tuesday": a capitalised name, then a day of the week.
_NAME_BEFORE_DAY = re.compile(r"([A-Z][\w'’-]*(?: [A-Z][\w'’-]*)*) (" + _WEEKDAY + ")")


_CALENDAR = re.compile(
    r"\d|(?<![A-Za-z])[a-z]|(?i:\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|mon(?:day)?|tues?(?:day)?|wed(?:nesday)?"
    r"|thu(?:rs)?(?:day)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?|today|yesterday|tomorrow|tonight|spring|summer"
    r"|autumn|fall|winter|years?|months?|weeks?|days?|decades?|century|weekends?|ago|christmas|easter|ramadan|eid"
    r"|thanksgiving|hanukkah|diwali|passover|lent|halloween)\b)")


# --- 21. known places ---

# Words after which a name is a place: "in Lyon", "the mayor of Lyon", "outside Kabul".
_PLACE_BEFORE = re.compile(
    r"(?:\b(?:in|at|near|outside|across|throughout|around|from|into)"
    r"|\b(?:mayor|governor|city|town|village|province|state|capital|people|residents|outskirts|streets|"
    r"suburbs?|region|district|county|parts?|north|south|east|west|centre|center) of)"
    r"\s+(?:the\s+)?"
    # ...also as the next of a list: "in Grenoble and Karlskrona", "from Oslo, Bergen or Tromsø".
    r"(?:[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,2}(?:,\s+|,?\s+and\s+|,?\s+or\s+)){0,3}$")
_PLACE_AFTER = re.compile(r"-based\b|\s+(?:city|province|state|county|district|region|village)\b")
# What only a place is followed by, where the text also puts it where a place goes ("in Velmor area").
_PLACE_NOUN_AFTER = re.compile(r"\s+(?:province|district|village|county|area|township|municipality)\b")
# Words after which the Moon, Mars or Titan is the body in the sky, not a person or a product.
_BODY_BEFORE = re.compile(r"\b(?:the|on|to|around|orbit|orbiting|orbits|from|toward|towards|near|beyond|reach|"
                          r"reached|of|planet|moon)\s+$", re.IGNORECASE)
# "Irving, TX", "Karlstad, Sweden", "West Palm Beach, FL": a region or country after a town's comma...
_REGION_AFTER_COMMA = re.compile(r",\s+([A-Z]{2}|[A-Z][a-z]+(?: [A-Z][a-z]+){0,2})(?![\w’'-])")
# ...and the town: up to four capitalised words just before that comma.
_TOWN_BEFORE = re.compile(r"(?<![\w’'])[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}$")
_TOWN_CUT = re.compile(_FULL_STOP)  # "the Lakeside Arena. Denver, CO": the town is Denver


def known_places(context: Context, spans: list[TypedSpan]) -> list[TypedSpan]:
    """"The mayor of Lyon", "Irving, TX": a place the gazetteers know, where the text expects a place, is one.

    A single word tagged as a place that no gazetteer knows and that is never named
    where a place is expected ("Netflix", "Emirates") counts for little as a place.
    """
    text, weights, known = context.text, context.weights, context.knowledge
    out = []
    supported: set[str] = set()
    for span in spans:
        if span.label in NAME_LABELS:
            surface = text[span.start:span.end]
            kind = known.place_kind(surface)
            in_context = bool(_PLACE_BEFORE.search(text, max(0, span.start - 40), span.start)
                              or _PLACE_AFTER.match(text, span.end))
            pair = _place_pair(context, span)
            if pair:
                out.extend(pair)
                continue
            if kind and in_context and span.weight < weights.known_place:
                span = replace(span, label="LOC" if kind == "continent" else "GPE", weight=weights.known_place)
            elif (not kind and span.label in ("ORG", "PERSON") and span.weight < weights.known_place
                  and _PLACE_NOUN_AFTER.match(text, span.end) and _PLACE_BEFORE.search(text, max(0, span.start - 40),
                                                                                       span.start)):
                # "in Velmor area", "from Kesh province": a place no gazetteer knows, but the text says it is one
                # (not a nationality: "in a Velmorian village")
                span = replace(span, label="GPE", weight=weights.known_place)
            elif kind == "country" and span.label == "ORG" and span.weight < weights.known_place:
                # "Jan Kral ( Slovakia )", "a senior Estonia official": a country taken for a body is the
                # country (its government too, as news names it); a team is an ORG only where it plays (step 16)
                span = replace(span, label="GPE", weight=weights.known_place)
            elif (surface in known.bodies and span.weight < weights.known_place
                  and _BODY_BEFORE.search(text, max(0, span.start - 20), span.start)):
                span = replace(span, label="LOC", weight=weights.known_place)
            elif (span.label in ("PERSON", "ORG") and span.weight < weights.known_place
                  and _demonym_of_place(context, surface)):
                span = replace(span, label="NORP", weight=max(span.weight, weights.known_place))
            elif (span.label == "PERSON" and kind in ("country", "region") and " " not in surface
                  and span.weight < weights.place_alone):
                # "Virginia", "Vermont" alone: news names a person alone by the surname, and a
                # first name that is also a state (Virginia Smith) takes its full name's vote.
                span = replace(span, label="GPE", weight=weights.place_alone)
            if kind or in_context:
                supported.add(_norm(surface))
        out.append(span)
    towns = _towns_and_regions(context)
    supported |= {_norm(text[s.start:s.end]) for s in towns}
    # One word tagged a place that no gazetteer knows and the text never puts where a place goes
    # ("on Netflix", "Emirates flights") is weak evidence of a place; relabelling all of them
    # organisations measured worse (news dev 0.817 -> 0.801, CoNLL dev 0.783 -> 0.755).
    out = [replace(span, weight=min(span.weight, weights.unknown_place))
           if span.label == "GPE" and " " not in text[span.start:span.end].strip()
           and _norm(text[span.start:span.end]) not in supported else span for span in out]
    out = settle_overlaps(context, out + towns) if towns else out
    return _addresses(context, out)


# A street address after where it is: "of 1712 Lark Drive", "at 58 Elm Place", "of 4210 N. County Road 300E"
# (not "in 2019 Main Street Bank...": a year).
_STREET_ADDRESS = re.compile(
    r"(?:\b(?:at|of|on|near|behind|outside|from|to) |^)\d{1,6}(?:-\d{1,6})? "
    r"((?:[NSEW]\.? )?(?:[A-Z][\w'’-]*\.? ){1,3}"
    r"(?:Street|St|Avenue|Ave|Road|Rd|Drive|Dr|Lane|Ln|Boulevard|Blvd|Place|Court|Ct|Way|Terrace|Circle|Parkway|Pike)"
    r"\b\.?)", re.MULTILINE)
# Where someone lives, after their age: "Jane Roe, 32, of Lakeside" (a crime or court report).
_RESIDENCE = re.compile(r"\b[A-Z][\w.'’-]*,? \d{1,2}, of (?:the )?$")


def _addresses(context: Context, spans: list[TypedSpan]) -> list[TypedSpan]:
    """A street address's street is a facility, whatever the model took it for ("of 1712 Lark Drive" was
    once a person); the town named after a person's age ("Ada Brink, 32, of Lakeside") is a place."""
    text, weight = context.text, context.weights.known_place
    streets = [TypedSpan(m.start(1), m.end(1) - m.group(1).endswith("."), "FAC", weight)
               for m in _STREET_ADDRESS.finditer(text)]
    spans = _in_place_of(spans, streets, len(text)) if streets else spans
    return [replace(span, label="GPE", weight=max(span.weight, weight))
            if (span.label in ("PERSON", "ORG", "LOC", "NORP") and span.weight < weight
                and _RESIDENCE.search(text, max(0, span.start - 40), span.start)
                and text[span.start:span.end].split()[-1] not in _HEAD_WORDS) else span for span in spans]


# The endings of the names of a place's people: "Londoners", "Parisians", "Delhiites", "Atlantans".
_DEMONYM_ENDINGS = ("ers", "ians", "ites", "ans")


def _demonym_of_place(context: Context, surface: str) -> bool:
    """Whether surface names the people of a town or region the gazetteers know and the article names
    ("Delhiites" where Delhi is named, "New Yorkers"), not one person or body; a country's people are the
    model's NORP already ("Canadians"). The place must be named: a club's "Mariners" is no town's people."""
    for ending in _DEMONYM_ENDINGS:
        if surface.endswith(ending) and surface[:1].isupper():
            stem = surface[:-len(ending)]
            for place in (stem, stem + "a", stem + "e", stem + "o"):  # "Atlant|ans", "Chicago|ans"
                if (len(place) >= 4 and context.knowledge.place_kind(place) in ("city", "region")
                        and re.search(r"\b" + re.escape(place) + r"\b", context.text)):
                    return True
    return False


def _place_pair(context: Context, span: TypedSpan) -> list[TypedSpan] | None:
    """"Orange and Riverside" (counties): two known places joined by "and" are two names."""
    surface = context.text[span.start:span.end]
    left, joiner, right = surface.partition(" and ")
    if not joiner or span.label not in ("GPE", "LOC", "ORG"):
        return None
    known = context.knowledge
    if not (known.place_kind(left) and known.place_kind(right)):
        return None
    right_start = span.start + len(left) + len(joiner)
    weight = max(span.weight, context.weights.known_place)
    return [TypedSpan(span.start, span.start + len(left), "GPE", weight),
            TypedSpan(right_start, span.end, "GPE", weight)]


def _towns_and_regions(context: Context) -> list[TypedSpan]:
    """Both parts of "Irving, TX" or "Karlstad, Sweden", where the second is a known region or country."""
    text, known, weight = context.text, context.knowledge, context.weights.town_and_region
    out = []
    for match in _REGION_AFTER_COMMA.finditer(text):
        region = match.group(1)
        if context.layout.in_caps(match.start()):
            continue
        if not (region in known.region_codes or known.place_kind(region) in ("country", "region")):
            continue
        town = _TOWN_BEFORE.search(text, max(0, match.start() - 60), match.start())
        if town is None:
            continue
        town_start = max([town.start()] + [stop.end() for stop in _TOWN_CUT.finditer(text, town.start(), town.end())])
        name = text[town_start:town.end()]
        if name.casefold() in context.lowered or (name.isupper() and len(name) <= 3):
            continue  # "Also, FL", "US, UK": not a town
        out.append(TypedSpan(town_start, town.end(), "GPE", weight))
        out.append(TypedSpan(match.start(1), match.end(1), "GPE", weight))
        venue = _venue_before(text, town_start)
        if venue is not None:
            out.append(TypedSpan(venue[0], venue[1], "FAC", weight))
    for match in _PARTY_AND_STATE.finditer(text):  # "Rep. Jane Roe (D-Minn.)": her state
        out.append(TypedSpan(match.start(1), match.end(1), "GPE", weight))
    return out


# A member of Congress's party and state: "(D-Minn.)", "(R-Texas)", "(D-N.Y.)", "(I-Vt.)".
_PARTY_AND_STATE = re.compile(r"\([DRI]-((?:[A-Z]\.){2}|[A-Z][a-z]+(?:\.|\s[A-Z][a-z]+\.?)?)(?=[,)])")


# "June 9 -- Lakeside Amphitheatre, Irving, TX": a name opening a line (or after its dash) and followed by
# a town and its region is the venue there.
_VENUE = re.compile(r"(?:^|[ \t][-–—]{1,2}[ \t]+)([A-Z][\w.'’&-]*(?:[ \t]+(?:[A-Z][\w.'’&-]*|at|of|the|on|&)){0,8}),"
                    r"[ \t]+$", re.MULTILINE)


def _venue_before(text: str, town_start: int) -> tuple[int, int] | None:
    line_start = text.rfind("\n", 0, town_start) + 1
    match = _VENUE.search(text, line_start, town_start)
    if match is None or match.group(1).split()[-1] in ("at", "of", "the", "on", "&"):
        return None
    return match.start(1), match.end(1)


# --- 22. one type per name ---

def vote(context: Context, spans: list[TypedSpan]) -> list[TypedSpan]:
    """Each name takes the type most of its mentions were given; a surname takes its full name's type."""
    text, weights = context.text, context.weights
    votes: dict[str, Counter] = defaultdict(Counter)
    for span in spans:
        if span.label in NAME_LABELS:
            votes[_norm(text[span.start:span.end])][span.label] += span.weight
    # A full name whose surname alone is more often a person than the full name is anything else is that
    # person's ("Ola Marsh" tagged twice as an organisation, "Marsh" fourteen times as a person).
    for key, counts in votes.items():
        words = key.split()
        # A title of a work may end in a surname ("Make Marsh Pay"): only names of people, bodies or places.
        surname = votes.get(words[-1]) if (len(words) == 2 and all(w.isalpha() for w in words)
                                           and set(counts) <= _NAMES_OF_WORDS) else None
        if surname and surname.most_common(1)[0][0] == "PERSON" and surname["PERSON"] > sum(counts.values()):
            counts["PERSON"] += surname["PERSON"]
    majority = {key: counts.most_common(1)[0][0] for key, counts in votes.items()}
    # Shorter forms of people named in full ("Jeff Tarango" ... "Tarango", "Makhdum Khusro Bakhtyar" ...
    # "Khusro Bakhtyar"), from either end: family names come first in some ("Wang Donghai" ... "Wang").
    surnames: Counter = Counter()
    for key, label in majority.items():
        words = key.split()
        if label == "PERSON" and len(words) >= 2:
            parts = {" ".join(words[:size]) for size in range(1, len(words))}
            parts |= {" ".join(words[-size:]) for size in range(1, len(words))}
            for part in parts:
                if not part.endswith("."):
                    surnames[part] += 1
    # Short names of companies named in full with their legal form or what companies add to their names
    # ("Magna International Inc" ... "Magna", "Emirates Airline" ... "Emirates").
    short_names: Counter = Counter()
    for key, label in majority.items():
        words = key.split()
        words = words[1:] if words[:1] == ["the"] else words  # "The Velora Group" ... "Velora"
        if label == "ORG" and len(words) >= 2 and (context.knowledge.ends_in_legal_form(key)
                                                   or (_company_tail(context, words[1:])
                                                       and words[0] not in context.lowered)):
            short_names[words[0]] += 1
    # An organisation's last word after "the" is its short name ("the Morning Clarion" ... "the Clarion",
    # "the Boston Herald" ... "the Herald"); not in "Bank of America", whose last word is another name, nor
    # for a nationality ("The Australian won in straight sets" is a person), but for a plural the model
    # took for one ("the Toronto Comets" ... "the Comets").
    tails: Counter = Counter(key.split()[-1] for key, label in majority.items()
                             if label == "ORG" and " " in key and " of " not in key and key.split()[-1].isalpha()
                             and not context.knowledge.place_kind(key.split()[-1]))
    # A product's model named alone ("Boeing 737 Max" ... "the Max").
    # Not a body in the sky or a place the product is named after ("the Vela Saturn probe" ... "Saturn").
    models: Counter = Counter(key.split()[-1] for key, label in majority.items()
                              if label == "PRODUCT" and " " in key and key.split()[-1].isalpha()
                              and not context.knowledge.place_kind(key.split()[-1])
                              and key.split()[-1].title() not in context.knowledge.bodies)
    # An acronym takes the type of the one name whose initials it is ("the LMAs" ... "Lakeside Music Awards").
    by_initials = _names_by_initials(text, spans, lambda span: _norm(text[span.start:span.end]),
                                     lambda span: majority.get(_norm(text[span.start:span.end])) == "PERSON")
    voted_acronyms = set()
    for span in spans:
        letters = _acronym_letters(text[span.start:span.end]) if span.label in NAME_LABELS else None
        key = _norm(text[span.start:span.end])
        if letters and len(by_initials.get(letters, ())) == 1 and key not in voted_acronyms:
            voted_acronyms.add(key)
            votes[key][majority[next(iter(by_initials[letters]))]] += weights.full_name + weights.full_name_base
    for span in spans:
        if span.label in NAME_LABELS:
            key = _norm(text[span.start:span.end])
            if " " not in key and key in models and key not in surnames and majority.get(key) != "PRODUCT":
                votes[key]["PRODUCT"] += weights.full_name * models[key] + weights.full_name_base
            if " " not in key and key in short_names and key not in surnames and majority.get(key) != "ORG":
                votes[key]["ORG"] += weights.full_name * short_names[key] + weights.full_name_base
            if (" " not in key and key in tails and key not in surnames and majority.get(key) != "ORG"
                    and (majority.get(key) != "NORP" or key.endswith("s"))
                    and text[max(0, span.start - 4):span.start].casefold() == "the "):
                votes[key]["ORG"] += weights.full_name * tails[key] + weights.full_name_base
            if key in surnames and majority.get(key) != "PERSON":
                votes[key]["PERSON"] += weights.full_name * surnames[key] + weights.full_name_base
    # A name and its plural are one thing ("Oscar" ... "the Oscars", "Velo" ... "three Velos" of a car maker):
    # where the model took one of them for a person, and the other for no person or place, the person's takes
    # the other's type ("won an Oscar"), unless a full name ("Joss Stone" ... "the Stones") or a title ("Mr
    # Dams" ... "Dam's pick") shows a person. Two other types stay (which is right is anyone's guess: "iPod"
    # ... "iPods"); the grouping joins a name and its plural only where they have one type.
    def titled(key: str) -> bool:
        return any(_TITLES.search(text, max(0, s.start - 40), s.start) for s in spans
                   if s.label in NAME_LABELS and _norm(text[s.start:s.end]) == key)

    for plural, singular in [(key, _singular(key)) for key in votes if _singular(key) in votes]:
        types = {majority[singular], majority[plural]}
        if (len(types) == 2 and "PERSON" in types and not types & _PLACE_LABELS
                and " " not in singular and singular not in surnames):
            person, other = (singular, plural) if majority[singular] == "PERSON" else (plural, singular)
            if not titled(person):
                votes[person] = Counter(votes[other])
    majority = {key: counts.most_common(1)[0][0] for key, counts in votes.items()}
    # A dateline's place stays a place even where the same name is a team ("NEW YORK" ... "San Diego 3 New York 2").
    return [replace(span, label=majority.get(_norm(text[span.start:span.end]), span.label))
            if span.label in NAME_LABELS and span.weight < weights.dateline_place else span for span in spans]


# --- 23. extend people ---

def extend_people(context: Context, spans: list[TypedSpan]) -> list[TypedSpan]:
    """", Makhdum Khusro Bakhtyar": an untagged capitalised word between a comma and a name is part of it."""
    text = context.text
    ends = {s.end for s in spans}
    out = []
    for span in spans:
        if span.label == "PERSON":
            window = text[max(0, span.start - 30):span.start]
            match = re.search(r",\s+([A-Z][a-z]+)\s+$", window)
            if match:
                word = match.group(1)
                start = span.start - (len(window) - match.start(1))
                if not (word.casefold() in context.lowered or re.fullmatch(_TITLE_WORDS, word)
                        or start + len(word) in ends):
                    span = replace(span, start=start)
        out.append(span)
    return out


# --- 24. headline words ---

def headline_words(context: Context, spans: list[TypedSpan]) -> list[TypedSpan]:
    """"Man Survived Storm After Finding Shelter": one word taken for a person only in
    a Title Case headline, where every word has a capital, and named nowhere in the text, is no person;
    and a name run into the headline's next word ("Velora Bets on Streaming", named "Velora" in the text)
    is cut back to the name the text uses."""
    text, headlines = context.text, context.layout.title_case_headlines
    names = set()  # the names in the text
    in_text = set()  # ... and each word of its longer names ("Marsh" of "Lena Marsh")
    for span in spans:
        if span.label in NAME_LABELS and not _inside(span.start, headlines):
            name = _norm(text[span.start:span.end])
            names.add(name)
            in_text.add(name)
            in_text.update(name.split())
    out = []
    for span in spans:
        surface = text[span.start:span.end]
        if span.label in NAME_LABELS and " " in surface.strip() and _inside(span.start, headlines):
            span = _cut_to_named(text, span, names)
        elif (span.label == "PERSON" and _norm(surface) not in in_text and _inside(span.start, headlines)):
            continue
        out.append(span)
    return out


def _cut_to_named(text: str, span: TypedSpan, names: set[str]) -> TypedSpan:
    """The span cut back to its longest first words that the text names, unless the text names it whole."""
    if _norm(text[span.start:span.end]) in names:
        return span
    words = list(_TOKEN.finditer(text, span.start, span.end))
    for size in range(len(words) - 1, 0, -1):
        if _norm(text[span.start:words[size - 1].end()]) in names:
            return replace(span, end=words[size - 1].end())
    return span


# The steps of resolve(), in the order they run; the module docstring describes each.
STEPS: tuple[tuple[str, Step], ...] = (
    ("repair edges", repair_edges),
    ("split possessives", split_possessives),
    ("weigh by layout", weigh_by_layout),
    ("drop non-names", drop_non_names),
    ("dateline places", dateline_places),
    ("result headers", result_headers),
    ("organisation names", organisation_names),
    ("complete names", complete_names),
    ("party members", party_members),
    ("trim nationalities", trim_nationalities),
    ("trim sentence openers", trim_sentence_openers),
    ("settle overlaps", settle_overlaps),
    ("tag every occurrence", tag_every_occurrence),
    ("person cues", person_cues),
    ("team names", team_names),
    ("teams", teams),
    ("organisation cues", organisation_cues),
    ("legal forms", legal_forms),
    ("name forms", name_forms),
    ("calendar dates", calendar_dates),
    ("known places", known_places),
    ("vote", vote),
    ("extend people", extend_people),
    ("headline words", headline_words),
)


# --- entities and salience ---

def _key(surface: str) -> str:
    return " ".join(re.findall(r"\w+", surface.casefold()))


def _singular(key: str) -> str | None:
    """"velmorians" -> "velmorian": the key a plural name's singular would have (None for a short word or no plural)."""
    return key[:-1] if len(key) > 3 and key.endswith("s") else None


# A company named by its web address: "Velora.com", "Velora.co.uk".
_WEB_ADDRESS_NAME = re.compile(r"(?P<name>\w[\w-]*)\.(?:com|net|org|co\.uk|org\.uk|co|io|tv|info|biz)", re.IGNORECASE)


def _cluster(context: Context, spans: list[TypedSpan]) -> tuple[list[Mention], list[Entity]]:
    article, text, weights = context.article, context.text, context.weights
    # One cluster per (group, normalised name); a person's shorter name joins
    # the longest name it is the end or start of.
    clusters: dict[tuple[str, str], list[int]] = {}
    order: list[tuple[str, str]] = []
    # Longest first; of two as long, the one named first ("Ada Okafor" before "Ola Okafor" claims "Okafor"),
    # so the grouping never depends on the order of a set (hash randomisation would change it run to run).
    person_names: list[str] = sorted(
        dict.fromkeys(_key(text[s.start:s.end]) for s in spans if s.label == "PERSON"), key=len, reverse=True)
    heads = _person_heads(person_names)
    # An organisation's first word alone is its short name: "Altria Group" ... "Altria", "Magna
    # International Inc" ... "Magna", but only where the rest is what companies add to their names;
    # "Amazon Web Services" or "NASA Inspector General" are other bodies, and must not name every "NASA".
    org_heads: dict[str, str] = {}
    for name in sorted(dict.fromkeys(_key(text[s.start:s.end]).removeprefix("the ") for s in spans
                                     if s.label == "ORG"), key=len, reverse=True):
        words = name.split()  # ("The Velora Group" is keyed as "velora group" below)
        if len(words) >= 2 and words[0] not in context.lowered and _company_tail(context, words[1:]):
            org_heads.setdefault(words[0], name)
    org_keys = {_key(text[s.start:s.end]).removeprefix("the ") for s in spans if s.label == "ORG"}

    def key_of(span: TypedSpan) -> str:
        key = _key(text[span.start:span.end]) or text[span.start:span.end]
        if span.label == "PERSON":
            key = _person_head(key, heads)
        elif span.label == "ORG" and " " not in key:
            key = org_heads.get(key, key)
        elif key.startswith("the ") and span.label in NAME_LABELS:
            key = key[4:]  # "The Velvet Owls" mid-sentence (kept: "the editor of The Hill") and "Velvet Owls"
        if span.label == "ORG" and " " in key:
            key = _without_legal_form(context.knowledge, key, org_keys)  # "Velora Inc." is the "Velora" named
        if span.label == "ORG":
            # "Velora.com" is the "Velora" the text also names, where it does.
            address = _WEB_ADDRESS_NAME.fullmatch(text, span.start, span.end)
            if address is not None and _key(address.group("name")) in org_keys:
                key = _key(address.group("name"))
        return key

    keys = {span: key_of(span) for span in spans}  # each span's own key, read by the three passes below
    # An acronym is its name's entity: the one it is defined beside ("the Lakeside Transit Authority (LTA)"),
    # else the only name of its type whose initials it is ("United States" ... "U.S.", "US").
    by_initials = _names_by_initials(text, spans, lambda span: (span.label, keys[span]),
                                     lambda span: span.label == "PERSON")
    defined = {acronym: (spans[index].label, keys[spans[index]])
               for acronym, index in acronym_definitions(text, spans).items()}
    capitals = {text[s.start:s.end] for s in spans if text[s.start:s.end].isupper()}
    # A name written with and without a space between its words is one name: "Velora Net" ... "VeloraNet".
    spaced = {key.replace(" ", ""): key for span, key in keys.items() if span.label in NAME_LABELS and " " in key}
    # A name and its plural of one type are one entity ("German" ... "Germans"), never two people or places.
    singulars = {(span.label, key) for span, key in keys.items() if span.label in NAME_LABELS}
    for index, span in enumerate(spans):
        key = keys[span]
        if span.label in NAME_LABELS and " " not in key:
            key = spaced.get(key, key)
        if span.label in NAME_LABELS - _PLURAL_IS_ANOTHER and (span.label, _singular(key)) in singulars:
            key = _singular(key)
        letters = _acronym_letters(text[span.start:span.end], capitals)
        if letters is not None and span.label in NAME_LABELS:
            named = defined.get(text[span.start:span.end])
            if named is None and len(by_initials.get(letters, ())) == 1:
                named = next(iter(by_initials[letters]))
            if named is not None and named[0] == span.label:
                key = named[1]
        cluster_key = (group_of(span.label).name if span.label in NAME_LABELS else span.label, key)
        if cluster_key not in clusters:
            clusters[cluster_key] = []
            order.append(cluster_key)
        clusters[cluster_key].append(index)

    length = max(len(text), 1)
    lede_end = _lede_end(article)
    credits = context.layout.credits()
    headline = [(p.start, p.end) for p in article.blocks if p.role == Role.HEADLINE]
    scored = []
    for cluster_key in order:
        members = clusters[cluster_key]
        labels = Counter(spans[i].label for i in members)
        label = labels.most_common(1)[0][0]
        forms = Counter(text[spans[i].start:spans[i].end] for i in members)
        # The fullest form, as a name is spelled; an all-caps body's name ("VELORA HOLDINGS INC" of a table)
        # only if the text never spells it otherwise (a person's or place's capitals are mended below).
        # A company's name rather than its web address ("Velora", not "Velora.com"), where the text has both.
        name = max(forms, key=lambda form: (label != "ORG" or not form.isupper() or " " not in form,
                                            _WEB_ADDRESS_NAME.fullmatch(form) is None,
                                            len(form.split()), not form.isupper(), forms[form], len(form)))
        starts = sorted(spans[i].start for i in members)
        first, last = starts[0], starts[-1]
        in_headline = any(_inside(s, headline) for s in starts)
        in_lede = sum(1 for s in starts if s < lede_end)
        salience = (math.log1p(len(members)) + weights.headline * in_headline
                    + weights.lede * min(in_lede, weights.lede_cap)
                    + weights.early * (1 - first / length) + weights.spread * (last - first) / length)
        salience *= weights.type_weight.get(
            label, weights.other_name_weight if label in NAME_LABELS else weights.other_weight)
        if all(_inside(s, credits) for s in starts):
            salience *= weights.credit_only  # only named as the source: "LONDON (Reuters) -"
        if name.isupper() and label in NAME_LABELS and label != "ORG" and len(name) > 3:
            # Only ever written in capitals (a dateline's "ISLAMABAD"): show it as a name is spelled.
            name = " ".join(_title_word(word) for word in name.split(" "))
        scored.append((salience, cluster_key, name, label, members))
    top = max((s for s, *_ in scored), default=1.0) or 1.0
    scored.sort(key=lambda item: (-item[0], item[2].casefold()))
    entities: list[Entity] = []
    entity_of_span: dict[int, int] = {}
    for entity_id, (salience, _sort_key, name, label, members) in enumerate(scored):
        entities.append(Entity(entity_id, name, label, group_of(label).name, round(salience / top, 3), len(members)))
        for i in members:
            entity_of_span[i] = entity_id
    mentions = [Mention(s.start, s.end, entities[entity_of_span[i]].label, text[s.start:s.end], entity_of_span[i])
                for i, s in enumerate(spans)]
    return mentions, entities


def _without_legal_form(known: Knowledge, key: str, org_keys: set[str]) -> str:
    """An organisation's key less its legal form ("home depot inc" -> "home depot") when the article names
    it without one too, so both are one entity."""
    words = key.split()
    for size in (1, 2, 3):
        if len(words) > size and tuple(words[-size:]) in known.legal_forms and " ".join(words[:-size]) in org_keys:
            return " ".join(words[:-size])
    return key


# Words a company adds to its short name ("Altria Group", "Magna International Inc"), besides legal forms.
_COMPANY_WORDS = frozenset("group holdings international industries corporation company companies enterprises "
                           "brands incorporated airline airlines airways motor motors technologies systems "
                           "communications".split())


def _company_tail(context: Context, words: list[str]) -> bool:
    """Whether words (folded) are only what a company adds to its short name."""
    return all(word in _COMPANY_WORDS or context.knowledge.ends_in_legal_form("x " + word) for word in words)


def _title_word(word: str) -> str:
    if _INITIALISM.fullmatch(word):
        return word  # "U.S.", "N.Y.": written in capitals however the rest of the name is
    return word[:1] + word[1:].lower() if len(word[1:].lower()) == len(word[1:]) else word


_INITIALISM = re.compile(r"(?:[A-Z]\.)+,?")


def _person_heads(person_names: list[str]) -> dict[str, str]:
    """Each word-for-word start or end of a longer person name -> the longest such name.

    person_names is longest first, so the first name to claim a part is the one
    a linear search would find; building this once keeps clustering linear.
    """
    heads: dict[str, str] = {}
    for name in person_names:
        words = name.split()
        for size in range(1, len(words)):
            heads.setdefault(" ".join(words[:size]), name)
            heads.setdefault(" ".join(words[-size:]), name)
    return heads


def _person_head(key: str, heads: dict[str, str]) -> str:
    """The longest person name that this name is part of, word for word."""
    return heads.get(" ".join(key.split()), key) if key.split() else key


def _lede_end(article: Article) -> int:
    """End of the headline and first body paragraph: mentions before it weigh more."""
    seen_body = 0
    for paragraph in article.blocks:
        if paragraph.role in (Role.BODY, Role.STANDFIRST):
            seen_body += 1
            if seen_body >= 2:
                return paragraph.end
    return len(article.text)
