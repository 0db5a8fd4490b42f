"""The committed hicolor PNGs are renders of the SVG icons, at every size the desktop install uses."""
from __future__ import annotations

import pytest
from PySide6.QtGui import QImage

from viewer import desktop
from viewer.ui import icons


@pytest.mark.parametrize("size", icons.SIZES)
def test_committed_png_matches_a_fresh_render_of_the_svg(qapp, size):
    committed = QImage(str(icons.png_path(size))).convertToFormat(QImage.Format.Format_ARGB32)
    fresh = icons.render(size)
    assert committed.size() == fresh.size() and committed.width() == size
    # A few grey levels of difference are allowed between Qt versions; a changed drawing is far more.
    differences = [abs(committed.pixelColor(x, y).alpha() - fresh.pixelColor(x, y).alpha())
                   + abs(committed.pixelColor(x, y).red() - fresh.pixelColor(x, y).red())
                   for y in range(size) for x in range(0, size, max(1, size // 64))]
    assert sum(differences) / len(differences) < 3, "run `python -m viewer.ui.icons` after editing the SVGs"
    opaque = sum(1 for y in range(size) for x in range(size) if fresh.pixelColor(x, y).alpha() > 200)
    assert opaque > size * size * 0.4  # a real drawing, not an empty image


def test_the_install_and_the_window_use_the_same_sizes():
    assert tuple(desktop.ICON_SIZES) == tuple(icons.SIZES)
    assert sorted(s.width() for s in icons.app_icon().availableSizes()) == list(icons.SIZES)
