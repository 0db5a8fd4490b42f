"""The article's pictures in the reading pane, each at its place, scaled to the column, with its caption.

Pictures are not part of the document (its text is exactly the article's):
the block a picture stands before is given a top margin as tall as the picture
and its caption, and the pane paints the picture there. Pictures saved beside
a page or a Markdown file are read at once; pictures on the web are fetched
only when the reader has turned on View > Load Images, so opening an address
fetches that address alone. Until a picture is there (or if it cannot be had),
a quiet frame with its alt text or caption keeps its place. Reading and
decoding run on a lane of their own, off the GUI thread, and a picture wider
than the screen could use is decoded at a smaller size.

This module is imported with the first article that has pictures, never before
the window's first paint (startup_probe.HEAVY_MODULES).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QPoint, QRect, QRectF, QSize, Qt
from PySide6.QtGui import (QColor, QFont, QFontMetrics, QImage, QImageReader, QPainter, QPalette, QPen, QPixmap,
                           QTextBlockFormat, QTextCursor)

from .background import BackgroundLane

if TYPE_CHECKING:
    from ..core.article import Image
    from .reading_pane import ReadingPane

MAX_DECODED_WIDTH = 2400  # pixels: wider pictures are decoded at this width (no screen column is wider)
PLACEHOLDER_LINES = 3  # a frame standing in for a picture is this many lines of text high, or as its words need
FRAME_PADDING = (12, 6)  # pixels between a frame and its words: each side, top and bottom
FRAME_FLAGS = Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap
FRAME_WHY = {"blocked": "Picture on the web, not loaded: View > Load Images shows it.",
             "loading": "Loading the picture…", "waiting": "Loading the picture…",
             "failed": "The picture could not be loaded."}
MAX_HEIGHT_SHARE = 0.75  # a picture is never taller than this share of the view
CAPTION_FLAGS = Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft


@dataclass
class Picture:
    """One picture of the article and where it is in being shown."""

    image: Image
    state: str = "waiting"  # waiting, loading, shown, failed, or blocked (on the web, not allowed)
    picture: QImage | None = None
    error: str = ""
    caption: str = ""  # painted under it: its caption when the text does not hold it already
    size: QSize = field(default_factory=QSize)  # as drawn, once laid out
    height: int = 0  # of the picture (or its frame) and its caption
    rect: QRect = field(default_factory=QRect)  # where it was last drawn, in viewport coordinates
    pixmap: QPixmap | None = None

    @property
    def on_web(self) -> bool:
        return self.image.src.lower().startswith(("http://", "https://"))

    def words(self) -> str:
        """What the picture shows, in words: its alt text, else its caption."""
        return self.image.alt or self.image.caption

    def frame_text(self) -> str:
        """What the frame standing in for it says: what it shows, and why it is not shown."""
        why = FRAME_WHY.get(self.state, "")
        return f"{self.words()}\n{why}" if self.words() else why


class ImageShelf(QObject):
    """Keeps the pictures of the article shown, their space in the document, and paints them."""

    def __init__(self, pane: ReadingPane) -> None:
        super().__init__(pane)
        self.pane = pane
        self.lane = BackgroundLane(self, threads=2, name="images")
        self.pictures: list[Picture] = []
        self._web_allowed = False
        self._margins: dict[int, tuple[str, int]] = {}  # block number -> ("top" or "bottom", pixels) set
        self._generation = 0

    # -- what to show --
    def show(self, images: tuple[Image, ...], web_allowed: bool) -> None:
        """The pictures of the article just shown (its document is new: no margins of ours are in it)."""
        for index in range(len(self.pictures)):
            self.lane.cancel(self._key(index))
        self._generation += 1
        self._margins = {}
        self._web_allowed = web_allowed
        blocks = self.pane.blocks()
        self.pictures = []
        for image in images:
            follows = next((b for b in blocks if b.start == image.offset), None)
            in_text = follows is not None and follows.kind.value == "caption" and \
                " ".join(self.pane.text_between(follows.start, follows.end).split()) == image.caption
            self.pictures.append(Picture(image, caption="" if in_text else image.caption))
        for index, picture in enumerate(self.pictures):
            self._load(index, picture)
        self.relayout()

    def allow_web(self, allowed: bool) -> None:
        """Pictures on the web may be fetched from now on (those of the article shown are, at once)."""
        self._web_allowed = allowed
        if allowed:
            for index, picture in enumerate(self.pictures):
                if picture.state == "blocked":
                    self._load(index, picture)
            self.relayout()

    def _key(self, index: int) -> str:
        return f"picture {index}"

    def _load(self, index: int, picture: Picture) -> None:
        if picture.on_web and not self._web_allowed:
            picture.state = "blocked"
            return
        picture.state = "loading"
        src = picture.image.src
        generation = self._generation

        def done(image: QImage) -> None:
            if generation == self._generation:
                picture.state, picture.picture, picture.pixmap = "shown", image, None
                self.relayout()

        def failed(error: BaseException) -> None:
            if generation == self._generation:
                picture.state = "failed"
                picture.error = str(error) if str(error) else "The picture could not be read."
                self.relayout()  # its frame says something else now, which may want another height

        self.lane.run(lambda _job: read_picture(src), done, failed, key=self._key(index))

    # -- the space it takes --
    def relayout(self) -> None:
        """Size every picture for the column and keep that much space free above its block."""
        pane = self.pane
        width = int(pane.column_width())
        metrics = QFontMetrics(pane.font())
        line = metrics.lineSpacing()
        tallest = max(4 * line, int(pane.viewport().height() * MAX_HEIGHT_SHARE))
        caption_metrics = QFontMetrics(self.caption_font())
        wanted: dict[int, tuple[str, int]] = {}
        document = pane.document()
        for picture in self.pictures:
            if picture.state == "shown" and picture.picture is not None:
                natural = picture.picture.size()
                picture.size = natural.scaled(min(width, natural.width()), min(tallest, natural.height()),
                                              Qt.AspectRatioMode.KeepAspectRatio)
            else:  # a frame, as high as its words need (a long alt text too, up to the tallest a picture is)
                words = caption_metrics.boundingRect(
                    QRect(0, 0, max(1, width - 2 * FRAME_PADDING[0]), 10_000), FRAME_FLAGS, picture.frame_text())
                picture.size = QSize(width, max(PLACEHOLDER_LINES * line,
                                                min(tallest, words.height() + 2 * FRAME_PADDING[1])))
            caption = 0
            if picture.caption:
                caption = caption_metrics.boundingRect(
                    QRect(0, 0, width, 10_000), CAPTION_FLAGS, picture.caption).height() + line // 3
            picture.height = picture.size.height() + caption + line  # a line free below, as between paragraphs
            place = self._place(picture)
            if place is not None:
                number, side = place
                wanted[number] = (side, wanted.get(number, (side, line // 2))[1] + picture.height)
        if wanted == self._margins:
            pane.viewport().update()
            return
        cursor = QTextCursor(document)
        cursor.beginEditBlock()
        for number in set(self._margins) | set(wanted):
            side, pixels = wanted[number] if number in wanted else (self._margins[number][0], 0)
            block = document.findBlockByNumber(number)
            if not block.isValid():
                continue
            block_format = QTextBlockFormat()
            if side == "top":
                block_format.setTopMargin(pixels)
            else:
                block_format.setBottomMargin(pixels)
            cursor.setPosition(block.position())
            cursor.mergeBlockFormat(block_format)
        cursor.endEditBlock()
        self._margins = wanted
        pane.viewport().update()

    def _place(self, picture: Picture) -> tuple[int, str] | None:
        """The document block whose margin holds the picture: the one it stands before, else the last."""
        document = self.pane.document()
        offsets = self.pane.offsets
        if picture.image.offset < offsets.to_text(document.characterCount() - 1):
            block = document.findBlock(offsets.to_document(picture.image.offset))
            return (block.blockNumber(), "top") if block.isValid() else None
        last = document.lastBlock()
        return (last.blockNumber(), "bottom") if last.isValid() else None

    def caption_font(self) -> QFont:
        font = QFont(self.pane.font())
        font.setItalic(True)
        font.setPointSizeF(font.pointSizeF() * 0.85)
        return font

    # -- painting --
    def paint(self, painter: QPainter, area: QRect) -> None:
        pane = self.pane
        document = pane.document()
        layout = document.documentLayout()
        scroll = pane.verticalScrollBar().value()
        left, right = pane.column_edges()
        line = QFontMetrics(pane.font()).lineSpacing()
        tops: dict[int, float] = {}
        for picture in self.pictures:
            place = self._place(picture)
            if place is None:
                continue
            number, side = place
            if number not in tops:
                rect = layout.blockBoundingRect(document.findBlockByNumber(number))
                start = rect.top() - self._margins.get(number, (side, 0))[1] if side == "top" else rect.bottom()
                tops[number] = start + line // 2 - scroll
            top = int(tops[number])
            tops[number] += picture.height
            size = picture.size
            picture.rect = QRect(left + (right - left - size.width()) // 2, top, size.width(), size.height())
            if not picture.rect.adjusted(0, 0, 0, picture.height - size.height()).intersects(area):
                continue
            if picture.state == "shown" and picture.picture is not None:
                painter.drawPixmap(picture.rect, self._pixmap(picture))
            else:
                self._paint_frame(painter, picture)
            if picture.caption:
                painter.setFont(self.caption_font())
                painter.setPen(pane.palette().color(QPalette.ColorRole.Text))
                painter.drawText(QRect(left, picture.rect.bottom() + line // 3, right - left, 10_000),
                                 CAPTION_FLAGS, picture.caption)

    def _pixmap(self, picture: Picture) -> QPixmap:
        ratio = self.pane.devicePixelRatioF()
        wanted = picture.size * ratio
        if picture.pixmap is None or picture.pixmap.size() != wanted:
            scaled = picture.picture.scaled(wanted, Qt.AspectRatioMode.KeepAspectRatio,
                                            Qt.TransformationMode.SmoothTransformation)
            picture.pixmap = QPixmap.fromImage(scaled)
            picture.pixmap.setDevicePixelRatio(ratio)
        return picture.pixmap

    def _paint_frame(self, painter: QPainter, picture: Picture) -> None:
        """A quiet frame where the picture will be (or would be): what it shows, in words, and why it is not."""
        palette = self.pane.palette()
        text = palette.color(QPalette.ColorRole.Text)
        frame = QColor(text)
        frame.setAlphaF(0.35)
        painter.setPen(QPen(frame, 1, Qt.PenStyle.DashLine))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(QRectF(picture.rect).adjusted(0.5, 0.5, -0.5, -0.5), 4, 4)
        painter.setFont(self.caption_font())
        painter.setPen(text)
        across, down = FRAME_PADDING
        painter.drawText(picture.rect.adjusted(across, down, -across, -down), FRAME_FLAGS, picture.frame_text())

    def describe_at(self, point: QPoint) -> str:
        """The tooltip of the picture under point (viewport coordinates): its alt text, or why it is missing."""
        for picture in self.pictures:
            if picture.rect.contains(point):
                if picture.state == "failed":
                    return picture.error
                return picture.words() or "A picture of the article"
        return ""


def read_picture(src: str) -> QImage:
    """The picture at src decoded (off the GUI thread): a file beside the article, or one on the web."""
    from ..core.errors import ArticleError
    from ..core.loaders.images import fetch_image, read_local_image

    data = read_local_image(src) if src.lower().startswith("file:") else fetch_image(src)
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    size = reader.size()
    if size.isValid() and size.width() > MAX_DECODED_WIDTH:
        reader.setScaledSize(size.scaled(MAX_DECODED_WIDTH, size.height(), Qt.AspectRatioMode.KeepAspectRatio))
    image = reader.read()
    if image.isNull():
        raise ArticleError(f"The picture {src} could not be read ({reader.errorString().lower()}).")
    return image
