"""The immutable result of analysing an article, shared by the window, the CLI and the cache.

It holds plain data only (no spaCy objects), so it is small, picklable and can
cross threads. Its dictionary form is the JSON contract in DESIGN.md.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


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
    source: str
    text: str
    title: str = ""
    date: str = ""
    site: str = ""
    author: str = ""
    mentions: tuple[Mention, ...] = ()
    entities: tuple[Entity, ...] = ()
    key_points: tuple[KeyPoint, ...] = ()
    model: str = ""
    seconds: float = 0.0
    notice: str = ""
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    def mentions_of(self, entity_id: int) -> list[Mention]:
        return [m for m in self.mentions if m.entity == entity_id]

    def to_dict(self) -> dict[str, Any]:
        """The JSON object of `python -m viewer analyze --json` (DESIGN.md)."""
        data: dict[str, Any] = {
            "source": self.source,
            "title": self.title,
            "date": self.date,
            "site": self.site,
        }
        if self.author:
            data["author"] = self.author
        data["text"] = self.text
        data["mentions"] = [asdict(m) for m in self.mentions]
        data["entities"] = [asdict(e) for e in self.entities]
        data["key_points"] = [asdict(k) for k in self.key_points]
        data["model"] = self.model
        data["seconds"] = round(self.seconds, 3)
        if self.notice:
            data["notice"] = self.notice
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Analysis":
        return cls(
            source=data["source"],
            text=data["text"],
            title=data.get("title", ""),
            date=data.get("date", ""),
            site=data.get("site", ""),
            author=data.get("author", ""),
            mentions=tuple(Mention(**m) for m in data.get("mentions", ())),
            entities=tuple(Entity(**e) for e in data.get("entities", ())),
            key_points=tuple(KeyPoint(**k) for k in data.get("key_points", ())),
            model=data.get("model", ""),
            seconds=data.get("seconds", 0.0),
            notice=data.get("notice", ""),
        )
