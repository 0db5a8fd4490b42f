"""The immutable result of analysing an article, shared by the window, the CLI and the cache.

An Analysis holds the Article it was made from (its text, metadata and blocks),
the sentences the language model found, and what the analysis added: the
mentions of names, the entities they belong to and the key points. It holds
plain data only (no spaCy objects), so it is small, picklable and can cross
threads and processes. Its dictionary form is the JSON contract of
`python -m viewer analyze --json` (docs/ARCHITECTURE.md, "The analysis
contract"; resources/analysis.schema.json describes it).
"""
from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from .article import Article, Block, BlockKind, Image, Link, Role

Sentence = tuple[int, int]  # start, end: a sentence as the model split the text


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    label: str
    text: str
    entity: int  # index into Analysis.entities


@dataclass(frozen=True)
class Entity:
    id: int
    name: str  # canonical: the fullest form used in the article
    label: str
    group: str
    salience: float
    count: int


@dataclass(frozen=True)
class KeyPoint:
    start: int
    end: int
    text: str
    score: float


@dataclass(frozen=True)
class Analysis:
    article: Article
    sentences: tuple[Sentence, ...] = ()
    mentions: tuple[Mention, ...] = ()
    entities: tuple[Entity, ...] = ()
    key_points: tuple[KeyPoint, ...] = ()
    model: str = ""
    seconds: float = 0.0

    # The article's own fields, read through: an Analysis never holds a copy of them.
    @property
    def text(self) -> str:
        return self.article.text

    @property
    def source(self) -> str:
        return self.article.source

    @property
    def title(self) -> str:
        return self.article.title

    def mentions_of(self, entity_id: int) -> list[Mention]:
        return [m for m in self.mentions if m.entity == entity_id]

    def to_dict(self) -> dict[str, Any]:
        """The JSON object of `python -m viewer analyze --json`."""
        article = self.article
        data: dict[str, Any] = {
            "source": article.source,
            "title": article.title,
            "date": article.date,
            "site": article.site,
        }
        if article.author:
            data["author"] = article.author
        if article.description:
            data["description"] = article.description
        data["text"] = article.text
        data["mentions"] = [asdict(m) for m in self.mentions]
        data["entities"] = [asdict(e) for e in self.entities]
        data["key_points"] = [asdict(k) for k in self.key_points]
        data["model"] = self.model
        data["seconds"] = round(self.seconds, 3)
        if article.notice:
            data["notice"] = article.notice
        data["blocks"] = [_block_dict(block) for block in article.blocks]
        data["sentences"] = [{"start": start, "end": end} for start, end in self.sentences]
        data["links"] = [asdict(link) for link in article.links]
        data["images"] = [{"src": image.src, "alt": image.alt, "caption": image.caption, "offset": image.offset}
                          for image in article.images]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Analysis:
        """The Analysis of a to_dict() object (older objects without blocks, sentences or images included)."""
        article = Article(
            source=data["source"],
            text=data["text"],
            title=data.get("title", ""),
            date=data.get("date", ""),
            site=data.get("site", ""),
            author=data.get("author", ""),
            description=data.get("description", ""),
            blocks=tuple(_block_from_dict(b) for b in data.get("blocks", ())),
            notice=data.get("notice", ""),
            links=tuple(Link(**link) for link in data.get("links", ())),
            images=tuple(Image(**image) for image in data.get("images", ())),
        )
        return cls(
            article=article,
            sentences=tuple((s["start"], s["end"]) for s in data.get("sentences", ())),
            mentions=tuple(Mention(**m) for m in data.get("mentions", ())),
            entities=tuple(Entity(**e) for e in data.get("entities", ())),
            key_points=tuple(KeyPoint(**k) for k in data.get("key_points", ())),
            model=data.get("model", ""),
            seconds=data.get("seconds", 0.0),
        )


def _block_dict(block: Block) -> dict[str, Any]:
    data: dict[str, Any] = {"start": block.start, "end": block.end, "kind": block.kind.value,
                            "role": block.role.value}
    if block.kind == BlockKind.LIST_ITEM:
        data["depth"] = block.depth
        data["ordered"] = block.ordered
    elif block.kind == BlockKind.HEADING:
        data["depth"] = block.depth
    return data


def _block_from_dict(data: dict[str, Any]) -> Block:
    return Block(int(data["start"]), int(data["end"]), Role(data.get("role", Role.BODY.value)),
                 BlockKind(data.get("kind", BlockKind.PARAGRAPH.value)), int(data.get("depth", 0)),
                 bool(data.get("ordered", False)))
