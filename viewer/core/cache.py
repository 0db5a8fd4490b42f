"""An on-disk cache of analyses, so an article analysed once reopens at once, without the model.

An entry is keyed by a hash of what the analysis depends on: the article's text
and structure (title, paragraphs and their roles), the model's name and version,
and the analysis version (ANALYSIS_VERSION plus a hash of the analysis code, so
changing the code can never serve a stale result). Entries are gzip-compressed
JSON in the platform's per-user cache folder (ARTICLE_VIEWER_CACHE_DIR overrides
it), written atomically, and the folder is kept under a size limit by deleting
the least recently used entries (a hit refreshes an entry's modification time).
A damaged or foreign entry is ignored, and the next analysis rewrites it.

The text itself is not stored: the key proves the text is the one being opened,
so the entry holds only what the analysis adds to it, in compact rows (a
100,000-word article's entry is about 250 KB and loads in well under 0.1 s).
"""
from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .atomic import write_atomic
from .rows import analysis_from_rows, analysis_rows, dumps_in_pieces

if TYPE_CHECKING:
    from .analysis import Analysis
    from .article import Article

# gzip, hashlib (OpenSSL) and the analysis dataclasses are imported on the first lookup: the
# window makes its AnalysisCache before the first paint and looks the article up just after it.

# Bump when the meaning of a stored analysis changes in a way the code hash cannot see.
ANALYSIS_VERSION = 1
FORMAT = 2
DEFAULT_MAX_BYTES = 200 * 1024 * 1024
SUFFIX = ".json.gz"
APP_FOLDER = "article-viewer"

_code_hash: str | None = None


def default_folder() -> Path:
    """$ARTICLE_VIEWER_CACHE_DIR, or the platform's cache folder (~/.cache/article-viewer/analyses on Linux)."""
    override = os.environ.get("ARTICLE_VIEWER_CACHE_DIR", "").strip()
    if override:
        return Path(override)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir(APP_FOLDER, appauthor=False)) / "analyses"


# Modules of viewer.core that carry analyses without making them: a change to them changes no result.
NOT_ANALYSIS_CODE = ("cache.py", "pool.py", "spawn.py", "worker.py")


def analysis_version() -> str:
    """ANALYSIS_VERSION and a hash of the analysis code (every module of viewer.core but NOT_ANALYSIS_CODE
    and the library, which stores analyses only)."""
    global _code_hash
    if _code_hash is None:
        import hashlib

        digest = hashlib.sha256()
        folder = Path(__file__).resolve().parent
        for path in sorted(folder.rglob("*.py")):
            if (path.parent == folder and path.name in NOT_ANALYSIS_CODE) or path.parent.name == "library":
                continue
            try:
                digest.update(path.relative_to(folder).as_posix().encode())
                digest.update(path.read_bytes())
            except OSError:  # an unusual install without sources: the version constant still counts
                continue
        _code_hash = digest.hexdigest()[:16]
    return f"{ANALYSIS_VERSION}.{_code_hash}"


def cache_key(article: Article, model: str) -> str:
    import hashlib

    digest = hashlib.sha256()
    structure = [article.title, [(b.start, b.end, b.role.value, b.kind.value, b.depth, b.ordered)
                                 for b in article.blocks]]
    if article.description:  # the key points weigh sentences against it
        structure.append(article.description)
    for part in (f"format {FORMAT}", analysis_version(), model, json.dumps(structure), article.text):
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.hexdigest()


class AnalysisCache:
    """Analyses on disk, keyed by article and model; every method is safe to call from any thread."""

    def __init__(self, folder: str | Path | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        self._folder = Path(folder) if folder is not None else None
        self.max_bytes = max_bytes

    @property
    def folder(self) -> Path:
        """Where the entries are; the default is worked out on first use (platformdirs is not
        imported while the window starts)."""
        if self._folder is None:
            self._folder = default_folder()
        return self._folder

    def path_for(self, key: str) -> Path:
        return self.folder / f"{key[:40]}{SUFFIX}"

    def get(self, article: Article, model: str | None) -> Analysis | None:
        """The cached analysis of this article by this model, or None (missing, damaged or stale)."""
        if not model:
            return None
        import gzip

        key = cache_key(article, model)
        path = self.path_for(key)
        try:
            data = gzip.decompress(path.read_bytes())
        except FileNotFoundError:
            return None
        except (OSError, EOFError, gzip.BadGzipFile, ValueError):
            return None  # damaged: ignored here, replaced by the next put
        try:
            analysis = _from_entry(json.loads(data), key, article)
        except (ValueError, TypeError, KeyError, IndexError, AttributeError):
            return None
        try:
            os.utime(path)  # most recently used
        except OSError:
            pass
        return analysis

    def put(self, analysis: Analysis) -> bool:
        """Store an analysis (under its article); False (and no exception) if it cannot be written."""
        if not analysis.model:
            return False
        import gzip

        key = cache_key(analysis.article, analysis.model)
        payload = gzip.compress(dumps_in_pieces(_to_entry(analysis, key)).encode("utf-8", "surrogatepass"),
                                compresslevel=1, mtime=0)
        if len(payload) > self.max_bytes:
            return False
        try:
            write_atomic(self.path_for(key), payload)
        except OSError:
            return False  # a full or read-only disk must not break the viewer
        self.trim(keep=self.path_for(key))
        return True

    def entries(self) -> list[Path]:
        try:
            return [Path(entry.path) for entry in os.scandir(self.folder)
                    if entry.name.endswith(SUFFIX) and entry.is_file()]
        except OSError:
            return []

    def size(self) -> int:
        return sum(_stat(path)[1] for path in self.entries())

    def trim(self, keep: Path | None = None) -> None:
        """Delete least recently used entries until the folder is within max_bytes."""
        stats = [(path, *_stat(path)) for path in self.entries()]
        total = sum(size for _path, _mtime, size in stats)
        for path, _mtime, size in sorted(stats, key=lambda item: item[1]):
            if total <= self.max_bytes:
                break
            if path == keep:
                continue
            try:
                path.unlink()
                total -= size
            except FileNotFoundError:
                total -= size
            except OSError:
                continue

    def clear(self) -> None:
        for path in self.entries():
            try:
                path.unlink()
            except OSError:
                pass


def _stat(path: Path) -> tuple[float, int]:
    try:
        info = path.stat()
    except OSError:
        return time.time(), 0
    return info.st_mtime, info.st_size


def _to_entry(analysis: Analysis, key: str) -> dict[str, Any]:
    """The analysis without its text and metadata (they come back from the article itself)."""
    return {"format": FORMAT, "key": key, **analysis_rows(analysis)}


def _from_entry(entry: Any, key: str, article: Article) -> Analysis:
    if not isinstance(entry, dict) or entry.get("format") != FORMAT or entry.get("key") != key:
        raise ValueError("not an entry for this article")
    return analysis_from_rows(entry, article)
