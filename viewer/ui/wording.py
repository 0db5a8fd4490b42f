"""How the window words a count: "1 key point", "5 key points", "1 match"."""
from __future__ import annotations


def counted(count: int, noun: str, plural: str | None = None) -> str:
    """count and noun, the noun in the plural unless count is 1 (plural defaults to noun + "s")."""
    return f"{count} {noun if count == 1 else plural or noun + 's'}"
