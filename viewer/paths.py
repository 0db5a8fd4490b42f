"""Where the app's shipped files live, in a source checkout and when installed.

The repository keeps resources/ and data/ at its top (docs/ARCHITECTURE.md, Layers); an installed
copy carries them as the packages viewer.resources and viewer.data.
"""
from __future__ import annotations

from pathlib import Path

_REPO = Path(__file__).resolve().parent.parent


def _shipped(folder: str) -> Path:
    in_checkout = _REPO / folder
    if (_REPO / "pyproject.toml").is_file() and in_checkout.is_dir():
        return in_checkout
    return Path(__file__).resolve().parent / folder


def resources_dir() -> Path:
    return _shipped("resources")


def data_dir() -> Path:
    return _shipped("data")


def default_article() -> Path:
    """The sample article opened when the app is started with no argument."""
    return data_dir() / "000_e8e23f282fd3c801.txt"
