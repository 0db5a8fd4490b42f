"""How the article is set: its typeface, line spacing and column, chosen in the View menu and remembered.

The defaults follow the conventions of Firefox Reader View, which people read
long-form in: a sans-serif face (serif one key away), lines about 1.6 em apart,
a column of about 64 characters centred in the pane, paragraphs a little apart
and list items close together, sub-headings 1.2 em. The column never holds more
than about 70 characters a line, at any zoom: its width is measured in the
body font itself, so zooming widens the column with the type instead of
putting more words on a line, until the pane is too narrow for it.

The faces are the system's own serif and sans-serif (fontconfig's choice on
Linux, the platform's usual reading faces elsewhere): Qt resolves them when the
text is first drawn, so nothing here enumerates the installed fonts.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass

from PySide6.QtGui import QFont, QFontMetricsF

FONTS = ("sans", "serif")
# Line spacing as a share of the face's own line height (about 1.15 em): 140 % is about 1.6 em.
LINE_SPACINGS = (120, 140, 160, 180)
# Margins, as the most characters a line of the column holds.
MARGINS = {"narrow": 70, "normal": 64, "wide": 56}
MARGIN_NAMES = tuple(MARGINS)
DEFAULT = ("sans", 140, "normal")
MIN_SIDE_MARGIN = 24  # pixels each side when the pane is narrower than the column
# Text whose letters occur about as often as in English prose: its average advance per character
# is what a "character" of the column is.
_SAMPLE = ("The council voted on Tuesday to back a tidal energy scheme that would power four thousand homes, "
           "ending two years of argument over the estuary.")

if sys.platform == "darwin":
    _FAMILIES = {"serif": ["Georgia", "Times New Roman"], "sans": ["Helvetica Neue", "Helvetica"]}
elif sys.platform == "win32":
    _FAMILIES = {"serif": ["Georgia", "Cambria", "Times New Roman"], "sans": ["Segoe UI", "Arial"]}
else:  # fontconfig: the generic names are the user's own choice of face
    _FAMILIES = {"serif": ["serif"], "sans": ["sans-serif"]}
_HINTS = {"serif": QFont.StyleHint.Serif, "sans": QFont.StyleHint.SansSerif}


@dataclass(frozen=True)
class Typography:
    font: str = DEFAULT[0]  # one of FONTS
    line_spacing: int = DEFAULT[1]  # one of LINE_SPACINGS
    margins: str = DEFAULT[2]  # a key of MARGINS

    @classmethod
    def valid(cls, font: object, line_spacing: object, margins: object) -> Typography:
        """From stored settings: any value that is not one of the choices falls back to the default."""
        return cls(font if font in FONTS else DEFAULT[0],
                   line_spacing if line_spacing in LINE_SPACINGS else DEFAULT[1],
                   margins if margins in MARGINS else DEFAULT[2])

    @property
    def column_chars(self) -> int:
        return MARGINS[self.margins]

    def describe(self) -> str:
        """“Sans-serif, line spacing 1.4, normal margins”: for the status bar."""
        face = "Serif" if self.font == "serif" else "Sans-serif"
        return f"{face}, line spacing {self.line_spacing / 100:.1f}, {self.margins} margins"


def next_choice(choices: tuple, current: object) -> object:
    """The choice after current (the first after the last, or for an unknown one)."""
    index = choices.index(current) if current in choices else -1
    return choices[(index + 1) % len(choices)]


def body_font(base: QFont, face: str, point_size: float) -> QFont:
    """base in the chosen face (the system's serif or sans-serif) at point_size."""
    font = QFont(base)
    font.setFamilies(_FAMILIES.get(face, _FAMILIES["sans"]))
    font.setStyleHint(_HINTS.get(face, QFont.StyleHint.SansSerif))
    font.setPointSizeF(point_size)
    return font


def column_width(font: QFont, chars: int) -> float:
    """Pixels that hold `chars` characters of ordinary prose in font."""
    metrics = QFontMetricsF(font)
    return metrics.horizontalAdvance(_SAMPLE) / len(_SAMPLE) * chars


def side_margins(viewport_width: int, font: QFont, chars: int) -> tuple[float, float]:
    """(left, right) margins that centre a column of `chars` characters in the viewport."""
    column = min(column_width(font, chars), max(0.0, viewport_width - 2 * MIN_SIDE_MARGIN))
    side = max(float(MIN_SIDE_MARGIN), (viewport_width - column) / 2)
    return side, side
