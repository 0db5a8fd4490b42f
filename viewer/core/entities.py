"""From the model's raw entity spans to the entities a reader sees.

Steps, all on the whole document: tidy span edges, make a name tagged once count
everywhere it occurs with one type, group the mentions of one real-world thing
(a later "Bakhtyar" joins "Makhdum Khusro Bakhtyar"), name each entity by its
fullest form, and rank entities by salience.
"""
from __future__ import annotations

import math
import re
from collections import Counter, defaultdict

from .analysis import Entity, Mention
from .article import Article, Role
from .groups import group_of

RawMention = tuple[int, int, str]

# Types whose surface string identifies the thing; numbers and dates do not.
NAME_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE"}
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_WORD_START = re.compile(r"(?<!\w)\w+")
_FIRST_WORD = re.compile(r"\w+")


def resolve(article: Article, raw: list[RawMention], sentences: list[tuple[int, int]]) -> tuple[list[Mention], list[Entity]]:
    text = article.text
    spans = [_tidy(text, start, end, label) for start, end, label in raw]
    spans = [span for span in spans if span is not None]
    spans = _propagate(text, spans)
    return _cluster(article, spans)


def _tidy(text: str, start: int, end: int, label: str) -> RawMention | None:
    """Trim whitespace, punctuation and a possessive from a span's edges."""
    while start < end and not text[start].isalnum() and text[start] not in "$£€¥#":
        start += 1
    while end > start and text[end - 1] in " \t\n.,;:!?\"'“”‘’()[]-–—":
        end -= 1
    match = _POSSESSIVE.search(text, start, end)
    if label in NAME_LABELS and match and match.start() > start:
        end = match.start()
    if end <= start:
        return None
    return start, end, label


def _propagate(text: str, spans: list[RawMention]) -> list[RawMention]:
    """Give each name one type, the one most often given, and tag its untagged occurrences."""
    votes: dict[str, Counter] = defaultdict(Counter)
    for start, end, label in spans:
        if label in NAME_LABELS:
            votes[text[start:end]][label] += 1
    majority = {surface: counts.most_common(1)[0][0] for surface, counts in votes.items()}
    result = []
    for start, end, label in spans:
        surface = text[start:end]
        result.append((start, end, majority.get(surface, label)))
    taken = bytearray(len(text) + 1)
    for start, end, _ in result:
        taken[start:end] = b"\x01" * (end - start)
    # Longest names first, each left to right; occurrences come from one scan of the
    # text's words instead of one regex pass per name, so long texts stay linear.
    names = [(surface, label) for surface, label in sorted(majority.items(), key=lambda item: -len(item[0]))
             if len(surface) >= 2 and any(ch.isupper() for ch in surface)]
    for surface, label, start in _occurrences(text, names):
        end = start + len(surface)
        if taken.find(1, start, end) == -1:
            result.append((start, end, label))
            taken[start:end] = b"\x01" * (end - start)
    result.sort()
    return result


def _occurrences(text: str, names: list[tuple[str, str]]) -> list[tuple[str, str, int]]:
    """Whole-word occurrences of each name, in the order of names, then of position."""
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


def _key(surface: str) -> str:
    return " ".join(re.findall(r"\w+", surface.casefold()))


def _cluster(article: Article, spans: list[RawMention]) -> tuple[list[Mention], list[Entity]]:
    text = article.text
    # One cluster per (group, normalised name); a single-token or shorter person
    # name joins the longer name it is the end or start of.
    clusters: dict[tuple[str, str], list[int]] = {}
    order: list[tuple[str, str]] = []
    person_names: list[str] = sorted(
        {_key(text[s:e]) for s, e, label in spans if label == "PERSON"}, key=len, reverse=True)
    heads = _person_heads(person_names)
    for index, (start, end, label) in enumerate(spans):
        key = _key(text[start:end]) or text[start:end]
        if label == "PERSON":
            key = _person_head(key, heads)
        cluster_key = (group_of(label).name if label in NAME_LABELS else label, key)
        if cluster_key not in clusters:
            clusters[cluster_key] = []
            order.append(cluster_key)
        clusters[cluster_key].append(index)

    length = max(len(text), 1)
    lede_end = _lede_end(article)
    scored = []
    for cluster_key in order:
        members = clusters[cluster_key]
        labels = Counter(spans[i][2] for i in members)
        label = labels.most_common(1)[0][0]
        forms = Counter(text[spans[i][0]:spans[i][1]] for i in members)
        name = max(forms, key=lambda form: (len(form.split()), forms[form], len(form)))
        first = min(spans[i][0] for i in members)
        last = max(spans[i][0] for i in members)
        count = len(members)
        in_head = sum(1 for i in members if spans[i][0] < lede_end)
        salience = (math.log1p(count) + 0.8 * in_head + 0.5 * (1 - first / length)
                    + 0.3 * (last - first) / length)
        if label in ("CARDINAL", "ORDINAL"):
            salience *= 0.3
        scored.append((salience, cluster_key, name, label, members))
    top = max((s for s, *_ in scored), default=1.0) or 1.0
    scored.sort(key=lambda item: -item[0])
    entities: list[Entity] = []
    entity_of_span: dict[int, int] = {}
    for entity_id, (salience, _key_, name, label, members) in enumerate(scored):
        entities.append(Entity(entity_id, name, label, group_of(label).name, round(salience / top, 3), len(members)))
        for i in members:
            entity_of_span[i] = entity_id
    mentions = [Mention(s, e, entities[entity_of_span[i]].label, text[s:e], entity_of_span[i])
                for i, (s, e, _label) in enumerate(spans)]
    return mentions, entities


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
    for paragraph in article.paragraphs:
        if paragraph.role in (Role.BODY, Role.STANDFIRST):
            seen_body += 1
            if seen_body >= 2:
                return paragraph.end
    return len(article.text)
