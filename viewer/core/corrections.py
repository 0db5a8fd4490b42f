"""The reader's corrections to entities, remembered for every article from then on.

A correction names a thing as the reader saw it ("Twitter") and says what it is
(an OntoNotes label such as "ORG") or that it is not an entity at all. It applies
to every mention written that way and to every entity so named, in any article,
until the reader undoes it. Names match whatever their case, spacing, a leading
"the" or a trailing possessive ("the Moon", "MOON", "Moon's").

Corrections live in one JSON file in the user's data folder
(`platformdirs.user_data_dir("article-viewer")/corrections.json`;
ARTICLE_VIEWER_DATA_DIR names another folder), written atomically. A damaged file
never stops an analysis: it counts as no corrections, and is kept aside as
corrections.json.damaged the next time a correction is saved.

They are applied after the analysis, not inside it (`apply()`): the analysis and
its cache entry stay what the model and the entity steps found, so a correction
or an undo takes effect at once on every article, cached or not, without running
the model again. Applying them costs microseconds.
"""
from __future__ import annotations

import json
import os
import re
import time
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from .atomic import write_atomic
from .groups import LABELS, group_of

if TYPE_CHECKING:
    from .analysis import Analysis

FILE_NAME = "corrections.json"
FORMAT = 1
APP_FOLDER = "article-viewer"
NOT_AN_ENTITY = None


class CorrectionError(ValueError):
    """A correction that cannot be made (an unknown type, an empty name); its message is one sentence."""


@dataclass(frozen=True)
class Correction:
    name: str  # as the reader saw it: "Twitter"
    label: str | None  # the OntoNotes label it is ("ORG"), or None: not an entity
    made: float  # when, as time.time()

    @property
    def key(self) -> str:
        return name_key(self.name)

    def describe(self) -> str:
        """"Twitter: Organisations (ORG)" or "Twitter: not an entity"."""
        if self.label is None:
            return f"{self.name}: not an entity"
        return f"{self.name}: {group_of(self.label).name} ({self.label})"


def name_key(name: str) -> str:
    """How names are matched: case, spacing, a leading "the" and a trailing possessive do not count."""
    key = " ".join(name.casefold().replace("’", "'").split())
    key = re.sub(r"^the ", "", key)
    return re.sub(r"'s?$", "", key).strip()


def default_folder() -> Path:
    override = os.environ.get("ARTICLE_VIEWER_DATA_DIR", "").strip()
    if override:
        return Path(override)
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_FOLDER, appauthor=False))


class CorrectionStore:
    """The corrections file: list, add, undo. Each call reads the file afresh, so windows and the
    command line see each other's corrections; every change is one atomic write."""

    def __init__(self, folder: str | Path | None = None) -> None:
        self._folder = Path(folder) if folder is not None else None

    @property
    def path(self) -> Path:
        if self._folder is None:
            self._folder = default_folder()
        return self._folder / FILE_NAME

    def list(self) -> list[Correction]:
        """Every correction, oldest first (one per name: the latest)."""
        return self._read()[0]

    def change_type(self, name: str, label: str) -> Correction:
        """From now on, name is of type label (an OntoNotes label, e.g. "ORG")."""
        label = label.strip().upper()
        if label not in LABELS:
            raise CorrectionError(f"“{label}” is not an entity type; use one of {', '.join(LABELS)}.")
        return self._add(name, label)

    def not_an_entity(self, name: str) -> Correction:
        """From now on, name is never highlighted or listed."""
        return self._add(name, NOT_AN_ENTITY)

    def undo(self, name: str) -> Correction | None:
        """Forget the correction of name; returns it, or None if there was none."""
        corrections, damaged = self._read()
        key = name_key(name)
        kept = [c for c in corrections if c.key != key]
        if len(kept) == len(corrections):
            return None
        self._write(kept, damaged)
        return next(c for c in corrections if c.key == key)

    def undo_last(self) -> Correction | None:
        """Forget the most recent correction; returns it, or None if there was none."""
        corrections, damaged = self._read()
        if not corrections:
            return None
        # The list is kept in the order corrections were made; the clock is not
        # consulted because two corrections can share a time.time() value.
        last = corrections[-1]
        self._write(corrections[:-1], damaged)
        return last

    def clear(self) -> int:
        """Forget every correction; returns how many there were."""
        corrections, damaged = self._read()
        self._write([], damaged)
        return len(corrections)

    def apply(self, analysis: Analysis) -> Analysis:
        """analysis with the stored corrections applied (the same object if none applies)."""
        return apply(analysis, self.list())

    def _add(self, name: str, label: str | None) -> Correction:
        if not name_key(name):
            raise CorrectionError("A correction needs the name of the entity it corrects.")
        corrections, damaged = self._read()
        correction = Correction(" ".join(name.split()), label, time.time())
        self._write([c for c in corrections if c.key != correction.key] + [correction], damaged)
        return correction

    def _read(self) -> tuple[list[Correction], bool]:
        """The corrections, and whether the file is damaged (then read as empty)."""
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return [], False
        except (OSError, ValueError):
            return [], True
        try:
            if data.get("format") != FORMAT:
                return [], True
            out = []
            for item in data["corrections"]:
                label = item["label"]
                if label is not None and label not in LABELS or not name_key(item["name"]):
                    continue  # written by a newer version, or by hand: skipped, never fatal
                out.append(Correction(str(item["name"]), label, float(item.get("made", 0.0))))
            latest = {c.key: c for c in sorted(out, key=lambda c: c.made)}
            return sorted(latest.values(), key=lambda c: c.made), False
        except (AttributeError, KeyError, TypeError, ValueError):
            return [], True

    def _write(self, corrections: list[Correction], damaged: bool) -> None:
        path = self.path
        if damaged:
            try:
                os.replace(path, path.with_name(FILE_NAME + ".damaged"))
            except OSError:
                pass
        data = {"format": FORMAT,
                "corrections": [{"name": c.name, "label": c.label, "made": round(c.made, 3)} for c in corrections]}
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, json.dumps(data, ensure_ascii=False, indent=1) + "\n")


def apply(analysis: Analysis, corrections: list[Correction]) -> Analysis:
    """analysis with corrections applied: mentions relabelled or removed, entities rebuilt to match.

    A correction applies to a mention written as its name and to every mention of an
    entity so named ("Helen Okafor" corrected moves "Okafor" with it). Entities keep
    their order and salience; an entity left with no mention goes, and ids are renumbered.
    """
    if not corrections or not analysis.entities:
        return analysis
    from .analysis import Entity, Mention

    by_key = {c.key: c for c in corrections}
    entity_fix = {e.id: by_key[name_key(e.name)] for e in analysis.entities if name_key(e.name) in by_key}
    labels: list[str | None] = []
    touched = False
    for mention in analysis.mentions:
        correction = entity_fix.get(mention.entity) or by_key.get(name_key(mention.text))
        if correction is None:
            labels.append(mention.label)
        else:
            labels.append(correction.label)
            touched = True
    if not touched:
        return analysis
    members: dict[int, list[int]] = {}
    for index, (mention, label) in enumerate(zip(analysis.mentions, labels, strict=True)):
        if label is not None:
            members.setdefault(mention.entity, []).append(index)
    entities: list[Entity] = []
    new_id: dict[int, int] = {}
    for entity in analysis.entities:
        indexes = members.get(entity.id)
        if not indexes:
            continue
        label = Counter(labels[i] for i in indexes).most_common(1)[0][0]
        if entity.id in entity_fix:
            label = entity_fix[entity.id].label or label
        new_id[entity.id] = len(entities)
        entities.append(replace(entity, id=len(entities), label=label, group=group_of(label).name,
                                count=len(indexes)))
    mentions = tuple(Mention(m.start, m.end, entities[new_id[m.entity]].label, m.text, new_id[m.entity])
                     for m, label in zip(analysis.mentions, labels, strict=True) if label is not None)
    return replace(analysis, mentions=mentions, entities=tuple(entities))
