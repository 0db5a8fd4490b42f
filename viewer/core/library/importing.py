"""Bulk import: files, folders (recursively) and web addresses into the library, on every core.

import_sources() works out what to read, skips what is already in without
reading it (a file imported before with the same size and modification time),
has the rest analysed by analyse_many() and stores each article as its
analysis arrives, one transaction per article. Stopping it at any moment
(Ctrl+C, a closed window, a killed process) keeps every article stored so far;
importing the same folder again carries on where it stopped.
"""
from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ModelError
from .bulk import Outcome, analyse_many
from .store import Library, file_stamp, source_key

ProgressCallback = Callable[[int, int, Outcome | None], None]  # done, total, what just finished


@dataclass
class ImportReport:
    found: int = 0  # sources to import after expanding folders
    stored: int = 0  # analysed and stored now
    already: int = 0  # in the library already (unchanged files, or the same text)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (source, one sentence)
    cancelled: bool = False
    seconds: float = 0.0

    @property
    def done(self) -> int:
        return self.stored + self.already + len(self.failed)


def article_extensions() -> frozenset[str]:
    from ..loaders import FORMATS

    return frozenset(ext for _name, extensions, _kind in FORMATS for ext in extensions)


def collect_sources(paths: Iterable[str]) -> tuple[list[str], list[tuple[str, str]]]:
    """The files (absolute paths) and addresses to import, and the paths that are neither (with why).

    A folder gives every article file under it (by extension; hidden files and
    folders left out), in name order; a file given by name is imported
    whatever its extension. Each source comes once.
    """
    from ..loaders.url import is_url

    extensions = article_extensions()
    sources: list[str] = []
    problems: list[tuple[str, str]] = []
    seen: set[str] = set()

    def add(source: str) -> None:
        if source not in seen:
            seen.add(source)
            sources.append(source)

    for given in paths:
        if is_url(given):
            add(given.strip())
            continue
        path = Path(given).expanduser()
        if path.is_dir():
            for folder, folders, files in os.walk(path, followlinks=False):
                folders[:] = sorted(name for name in folders if not name.startswith("."))
                for name in sorted(files):
                    if not name.startswith(".") and Path(name).suffix.lower() in extensions:
                        candidate = Path(folder) / name
                        if candidate.is_file():
                            add(str(candidate.resolve()))
        elif path.is_file():
            add(str(path.resolve()))
        elif path.exists():
            problems.append((given, "It is neither a file nor a folder."))
        else:
            problems.append((given, "There is no such file or folder."))
    return sources, problems


def import_sources(library: Library, paths: Iterable[str], workers: int | None = None,
                   on_progress: ProgressCallback | None = None) -> ImportReport:
    """Import paths into library and say what happened; KeyboardInterrupt marks the report cancelled.

    ModelError (no usable language model) stops the import and is raised, after
    what was stored so far is kept.
    """
    started = time.perf_counter()
    report = ImportReport()
    sources, problems = collect_sources(paths)
    report.failed += problems
    report.found = len(sources) + len(problems)
    stamps: dict[str, tuple[int, int] | None] = {}
    pending: list[str] = []
    for source in sources:
        stamp = file_stamp(source) if not source.startswith(("http://", "https://")) else None
        stamps[source] = stamp
        if _already_in(library, source, stamp):
            report.already += 1
        else:
            pending.append(source)
    if on_progress is not None:
        on_progress(report.done, report.found, None)
    try:
        with closing(analyse_many(pending, library.path, workers)) as outcomes:
            for outcome in outcomes:
                if outcome.fatal:
                    raise ModelError(outcome.error)
                _store(library, outcome, stamps.get(outcome.source), report)
                if on_progress is not None:
                    on_progress(report.done, report.found, outcome)
    except KeyboardInterrupt:
        report.cancelled = True
    report.seconds = time.perf_counter() - started
    return report


def _already_in(library: Library, source: str, stamp: tuple[int, int] | None) -> bool:
    if stamp is not None:
        return library.is_unchanged(source, stamp)
    key = source_key(source)
    return key is not None and key.startswith(("http://", "https://")) and library.find(source=key) is not None


def _store(library: Library, outcome: Outcome, stamp: tuple[int, int] | None, report: ImportReport) -> None:
    if outcome.analysis is not None:
        _id, created = library.add_analysis(outcome.analysis, source=outcome.source, stamp=stamp)
        if created:
            report.stored += 1
        else:  # the same text under another name, analysed by two workers at once
            report.already += 1
    elif outcome.known_id is not None:
        library.add_source(outcome.known_id, outcome.source, stamp)
        report.already += 1
    else:
        report.failed.append((outcome.source, outcome.error))
