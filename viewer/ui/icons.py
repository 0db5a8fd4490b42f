"""The app icon: the window icon, and the PNG sizes rendered from the SVG sources.

resources/icons/ holds the designed SVG (article-viewer.svg, used from 48 px
up) and a simplified one for 16 and 32 px, where the full drawing turns to
mush. The hicolor PNGs the desktop install copies are rendered from those by
`python -m viewer.ui.icons` and committed, so installing needs no Qt; a test
checks they still match the SVGs.
"""
from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QIcon, QImage, QPainter

from ..paths import resources_dir

SIZES = (16, 32, 48, 64, 128, 256)
SMALL_UP_TO = 32


def icons_dir() -> Path:
    return resources_dir() / "icons"


def svg_for(size: int) -> Path:
    name = "article-viewer-small.svg" if size <= SMALL_UP_TO else "article-viewer.svg"
    return icons_dir() / name


def png_path(size: int) -> Path:
    return icons_dir() / "png" / f"article-viewer-{size}.png"


def render(size: int) -> QImage:
    """The icon at size x size pixels, drawn from its SVG (needs a QGuiApplication)."""
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg_for(size)))
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image.convertToFormat(QImage.Format.Format_ARGB32)


def app_icon() -> QIcon:
    """The window icon from the committed PNGs, which Qt loads lazily (no SVG plug-in at start-up)."""
    icon = QIcon()
    for size in SIZES:
        path = png_path(size)
        if path.exists():
            icon.addFile(str(path), QSize(size, size))
    return icon


def main() -> int:
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    for size in SIZES:
        path = png_path(size)
        path.parent.mkdir(parents=True, exist_ok=True)
        if not render(size).save(str(path)):
            print(f"could not write {path}", file=sys.stderr)
            return 1
        print(path)
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
