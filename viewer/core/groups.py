"""How entity labels are shown to a reader: display groups, their order and colours.

spaCy's OntoNotes labels are too many and too technical for a sidebar; readers
think in People, Organisations, Places... Colours live here as plain hex data so
the window and the exports use the same ones; each also has an underline style
so a highlight can be told apart without colour.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Group:
    name: str
    labels: tuple[str, ...]
    light: str  # highlight background in the light theme
    dark: str  # highlight background in the dark theme
    underline: str  # "solid", "dash", "dot", "wave", "dashdot", "double", "none"
    hidden_by_default: bool = False
    # Qt has only six visible underline styles for nine highlighted groups, so three
    # also get a line over the text: every group's marking differs without colour.
    overline: bool = False


# Pale backgrounds in light mode and deep ones in dark mode keep body text above
# WCAG AA contrast (4.5:1) against black and light-grey text respectively.
GROUPS: tuple[Group, ...] = (
    Group("People", ("PERSON",), "#ffe08a", "#6b4e00", "solid"),
    Group("Organisations", ("ORG",), "#b8dcff", "#0f4a80", "dash"),
    Group("Places", ("GPE", "LOC", "FAC"), "#bfeeca", "#1d5e2c", "dot"),
    Group("Nationalities & groups", ("NORP", "LANGUAGE"), "#f5c9e8", "#6e1f5a", "wave"),
    Group("Dates & times", ("DATE", "TIME"), "#d9d2ff", "#3f2f8a", "dashdot"),
    Group("Money & quantities", ("MONEY", "PERCENT", "QUANTITY"), "#ffd1b3", "#7a3510", "double"),
    Group("Laws & policies", ("LAW",), "#c9f0ee", "#0f5a56", "solid", overline=True),
    Group("Events", ("EVENT",), "#ffc9c9", "#7d1f1f", "dash", overline=True),
    Group("Works & products", ("WORK_OF_ART", "PRODUCT"), "#e6e0c8", "#555033", "dot", overline=True),
    Group("Numbers", ("CARDINAL", "ORDINAL"), "#e4e4e4", "#4a4a4a", "none", hidden_by_default=True),
)

# Text drawn on the highlights: near-black in the light theme, light grey in the dark one.
TEXT_ON_LIGHT = "#111111"
TEXT_ON_DARK = "#f2f2f2"
# A link under a highlight keeps a link's colour (a deep blue, a light blue), still readable on every highlight.
LINK_ON_LIGHT = "#0a3a9c"
LINK_ON_DARK = "#bcd4ff"

# What each OntoNotes label means (spaCy's glossary), for a reader choosing an entity's type.
LABEL_MEANINGS: dict[str, str] = {
    "PERSON": "people, including fictional ones",
    "NORP": "nationalities, religious or political groups",
    "FAC": "buildings, airports, highways, bridges",
    "ORG": "companies, agencies, institutions",
    "GPE": "countries, cities, states",
    "LOC": "other places: mountain ranges, bodies of water, regions",
    "PRODUCT": "objects, vehicles, foods, software (not services)",
    "EVENT": "named hurricanes, battles, wars, sports events",
    "WORK_OF_ART": "titles of books, songs, films",
    "LAW": "named documents made into laws",
    "LANGUAGE": "any named language",
    "DATE": "absolute or relative dates or periods",
    "TIME": "times smaller than a day",
    "PERCENT": "percentages",
    "MONEY": "monetary values",
    "QUANTITY": "measurements, as of weight or distance",
    "ORDINAL": "first, second...",
    "CARDINAL": "numbers that fall under no other type",
}

_BY_LABEL = {label: group for group in GROUPS for label in group.labels}
_BY_NAME = {group.name: group for group in GROUPS}
LABELS: tuple[str, ...] = tuple(_BY_LABEL)


def group_of(label: str) -> Group:
    """The display group of an OntoNotes label (unknown labels count as Works & products)."""
    return _BY_LABEL.get(label, GROUPS[-2])


def group_named(name: str) -> Group:
    return _BY_NAME[name]


def group_index(name: str) -> int:
    return GROUPS.index(_BY_NAME[name])


def default_hidden_groups() -> frozenset[str]:
    return frozenset(group.name for group in GROUPS if group.hidden_by_default)


def relative_luminance(colour: str) -> float:
    """WCAG 2 relative luminance of a "#rrggbb" colour."""
    channels = []
    for i in (1, 3, 5):
        c = int(colour[i:i + 2], 16) / 255
        channels.append(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4)
    r, g, b = channels
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(first: str, second: str) -> float:
    """WCAG 2 contrast ratio of two "#rrggbb" colours, from 1 to 21 (AA body text needs 4.5)."""
    a, b = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (a + 0.05) / (b + 0.05)
