"""Entity highlighting that never holds up the GUI thread, however long the article.

A QSyntaxHighlighter re-formats the whole document in one go, and each block it
touches is laid out again on its own: about 3 s for a 100,000-word article, a
frozen window all that time. Here the wanted formats of each block are kept in
Python, and only the blocks whose formats change are queued; a zero-interval
timer then applies them in slices of a few milliseconds (visible blocks first),
setting each block layout's formats directly and marking a whole run of nearby
blocks dirty at once, which Qt lays out far faster than block by block.

Spans and block signatures are in text offsets (code points, as the core gives
them); only the format ranges handed to a block's layout are in its UTF-16
positions, converted by offsets.TextOffsets where the text has characters
outside the Basic Multilingual Plane (and not at all where it has none).

Highlights arrive in two steps: provisional spans (start, end, label) while the
model works through the article, then the final mentions, after which only the
blocks whose highlights differ are formatted again. The plain reading view
(set_plain) takes every highlight off and puts them back the same way, without
touching which groups are hidden.

The reader's own highlights (set_marks) are a layer of their own: their format
(the formats' MARK entry, a background) is applied under the entity formats of
the same block, so an entity inside a highlight keeps its colour, and they stay
in the plain reading view and whatever groups are hidden. A reader makes a few
of them, so they cost nothing for the blocks that have none.
"""
from __future__ import annotations

import bisect
import time
from collections.abc import Callable, Iterable, Iterator

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QTextBlock, QTextCharFormat, QTextDocument, QTextLayout

from ..core.groups import group_of
from .offsets import TextOffsets, display_breaks

Highlight = tuple[int, int, str]  # start, end (text offsets), display group: one highlighted stretch
BlockFormats = tuple[tuple[int, int, str], ...]  # (start in block, length, group) of one block
Formats = dict[str, QTextCharFormat]  # a display group (or MARK) -> its character format
MARK = "\x00mark"  # the "group" of the reader's own highlights in formats and block signatures

# Work per turn of the event loop. Qt can run the formatter's zero-delay timer twice between two
# turns of a 10 ms timer, with a paint of the window in between, so one slice is well under half
# of the 50 ms the window may stall.
SLICE_SECONDS = 0.008
# Each markContentsDirty makes Qt lay out the run of blocks it covers and then walk every block
# after it: ~1.5 us per following block (5-7 ms for a run at the top of a 100,000-word article,
# under 1 ms near its end) plus ~0.1-0.3 ms per block in the run. So queued blocks up to RUN_GAP
# apart share a run, sized from both costs (learnt as it goes) to fit the slice, never longer
# than RUN_SPAN blocks; a slice that has run once starts no run its time cannot hold.
RUN_GAP = 40
RUN_SPAN = 400
WALK_FLOOR = 200  # blocks' worth of fixed cost a run has even at the end of the document
JOB_CHUNK = 800  # spans (or blocks) compared per step of a replacement


class MentionFormatter(QObject):
    """Keeps the document's entity formats up to date in small slices of the event loop."""

    finished = Signal()  # nothing left to format: every highlight is on screen

    def __init__(self, document: QTextDocument, make_formats: Callable[[], tuple[Formats, Formats]],
                 visible_blocks: Callable[[], tuple[int, int]] | None = None, parent: QObject | None = None) -> None:
        """make_formats() gives the format of each group, and of each group over a link (in the link's
        colour, so a link stays a link). It is called when a highlight is first applied, not before: a
        format's background is a QBrush, whose type makes PySide build the Qt namespace (qt_values),
        and the window is made before its first paint."""
        super().__init__(parent)
        self._document = document
        self._make_formats = make_formats
        self._formats: Formats | None = None
        self._link_formats: Formats = {}
        self._links: dict[int, list[tuple[int, int]]] = {}  # block -> links' (start, end) in its layout
        self._visible_blocks = visible_blocks
        self._hidden: frozenset[str] = frozenset()
        self._plain = False  # the plain reading view: no highlight at all, whatever the groups
        self._block_starts: list[int] = [0]
        self._inserted: frozenset[int] = frozenset()
        self._offsets = TextOffsets()
        self._wanted: dict[int, list[tuple[int, int, str]]] = {}  # block -> spans in that block
        self._marks: dict[int, list[tuple[int, int, str]]] = {}  # block -> the reader's highlights in it
        self._applied: dict[int, BlockFormats] = {}  # block -> what its layout has now
        self._queue: list[int] = []  # block numbers, in the order they will be formatted
        self._queued: set[int] = set()
        self._job: Iterator[None] | None = None  # a replacement of all spans, advanced in slices
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._work)
        self._walk_seconds = 0.0000015  # a run's cost per block after it (Qt walks them), learnt as it goes
        self._block_seconds = 0.0002  # and per block it spans
        self.slices = 0  # turns of the event loop used, for tests and benchmarks
        self.blocks_formatted = 0

    # -- what to show --
    def reset(self, text: str, offsets: TextOffsets | None = None) -> None:
        """A new text is in the document: forget every format (its blocks are new and plain).

        `offsets` maps text offsets to document positions for this text (made here if not given).
        """
        self._timer.stop()
        self._offsets = offsets if offsets is not None else TextOffsets(text, display_breaks(text))
        self._block_starts = block_starts(text, self._offsets.breaks)
        self._inserted = frozenset(self._offsets.breaks)  # blocks the document starts with no newline
        self._wanted, self._applied = {}, {}
        self._marks = {}
        self._links = {}
        self._queue, self._queued = [], set()
        self._job = None

    def set_links(self, spans: Iterable[tuple[int, int]]) -> None:
        """The text's links (text offsets): highlights over them are drawn in the link's colour."""
        links: dict[int, list[tuple[int, int]]] = {}
        offsets = self._offsets
        grouped = group_by_block(((start, end, "") for start, end in spans), self._block_starts, self._inserted)
        for block, pieces in grouped.items():
            base = offsets.to_document(self._block_starts[block])
            for start, length, _group in pieces:
                first = offsets.to_document(self._block_starts[block] + start)
                last = offsets.end_to_document(self._block_starts[block] + start + length)
                links.setdefault(block, []).append((first - base, last - base))
        self._links = {block: sorted(pieces) for block, pieces in links.items()}
        self._applied = {block: ((-1, -1, ""),) if block in self._links else signature
                         for block, signature in self._applied.items()}
        self._enqueue(sorted(block for block in self._applied if block in self._links))

    def add_spans(self, spans: Iterable[Highlight]) -> None:
        """Show more highlights (provisional ones while the analysis runs)."""
        added = self._by_block(spans)
        for block, pieces in added.items():
            self._wanted.setdefault(block, []).extend(pieces)
        self._enqueue(sorted(added))

    def set_spans(self, spans: Iterable[Highlight]) -> None:
        """Show exactly these highlights; only blocks that change are formatted again.

        The comparison itself runs in slices too: for 16,000 mentions it is
        ~100 ms of Python, too long to hold the event loop in one go.
        """
        self._job = self._replace(list(spans))
        if not self._timer.isActive():
            self._timer.start()

    def set_grouped(self, wanted: dict[int, list[tuple[int, int, str]]]) -> None:
        """Like set_spans, with the spans already grouped by block (group_by_block, off this thread)."""
        self._job = self._replace([], wanted)
        if not self._timer.isActive():
            self._timer.start()

    def _replace(self, spans: list[Highlight], wanted: dict | None = None) -> Iterator[None]:
        if wanted is None:
            wanted = {}
            for first in range(0, len(spans), JOB_CHUNK):
                for block, pieces in self._by_block(spans[first:first + JOB_CHUNK]).items():
                    wanted.setdefault(block, []).extend(pieces)
                yield
        old, self._wanted = self._wanted, wanted
        blocks = sorted(set(old) | set(wanted))
        changed: list[int] = []
        applied = self._applied
        for first in range(0, len(blocks), JOB_CHUNK):
            changed.extend(block for block in blocks[first:first + JOB_CHUNK]
                           if self._signature(block) != applied.get(block, ()))
            yield
        self._enqueue(changed, visible_first=True)

    def set_marks(self, spans: Iterable[tuple[int, int]]) -> None:
        """Show exactly these highlights of the reader's own (text offsets), under the entity highlights."""
        old, self._marks = self._marks, self._by_block(sorted((start, end, MARK) for start, end in spans))
        self._enqueue(self._changed(set(old) | set(self._marks)), visible_first=True)

    def _changed(self, blocks: Iterable[int]) -> list[int]:
        return sorted(block for block in blocks if self._signature(block) != self._applied.get(block, ()))

    def set_hidden_groups(self, hidden: frozenset[str]) -> None:
        if hidden == self._hidden:
            return
        self._hidden = frozenset(hidden)
        self._enqueue(self._changed(set(self._wanted) | set(self._applied)), visible_first=True)

    def set_plain(self, plain: bool) -> None:
        """Take every highlight off (the plain reading view), or put them back; the wanted spans are kept."""
        if plain == self._plain:
            return
        self._plain = plain
        self._enqueue(self._changed(set(self._wanted) | set(self._applied)), visible_first=True)

    def is_plain(self) -> bool:
        return self._plain

    def formats_changed(self) -> None:
        """New colours (a theme change): make_formats() again, and every highlighted block is formatted again."""
        if self._formats is None:
            return  # none made yet: the first highlight gets the new ones
        self._formats = None
        blocks = set(self._wanted) | set(self._applied)
        self._applied = {block: ((-1, -1, ""),) for block in blocks}  # matches no signature
        self._enqueue(sorted(blocks), visible_first=True)

    # -- state --
    def pending(self) -> int:
        """Blocks waiting to be formatted (1 more while a replacement is being compared)."""
        return len(self._queue) + (self._job is not None)

    def is_idle(self) -> bool:
        return not self._queue and self._job is None

    def flush(self) -> None:
        """Apply everything queued now (tests, printing); blocks the GUI thread for long texts."""
        while self._job is not None:
            self._step_job()
        while self._queue:
            self._apply(self._queue[:1])

    def _step_job(self) -> None:
        try:
            next(self._job)
        except StopIteration:
            self._job = None

    def applied_spans(self) -> list[Highlight]:
        """The entity highlights now in the document, as (start, end, group) text offsets."""
        return [span for span in self._applied_pieces() if span[2] != MARK]

    def applied_marks(self) -> list[tuple[int, int]]:
        """The reader's highlights now in the document, as (start, end) text offsets (cut at block ends)."""
        return [(start, end) for start, end, group in self._applied_pieces() if group == MARK]

    def _applied_pieces(self) -> list[Highlight]:
        spans = []
        for block, pieces in sorted(self._applied.items()):
            base = self._block_starts[block]
            spans.extend((base + start, base + start + length, group) for start, length, group in pieces
                         if length > 0)
        return spans

    # -- internals --
    def _by_block(self, spans: Iterable[Highlight]) -> dict[int, list[tuple[int, int, str]]]:
        return group_by_block(spans, self._block_starts, self._inserted)

    def _signature(self, block: int) -> BlockFormats:
        """What the block's layout should hold: the reader's highlights first (so the entity formats that
        follow are drawn over them), then the entity highlights shown."""
        pieces = self._wanted.get(block)
        marks = self._marks.get(block)
        if not pieces or self._plain:
            return tuple(marks) if marks else ()
        hidden = self._hidden
        shown = tuple(sorted([piece for piece in pieces if piece[2] not in hidden] if hidden else pieces))
        return tuple(marks) + shown if marks else shown

    def _enqueue(self, blocks: list[int], visible_first: bool = False) -> None:
        fresh = [block for block in blocks if block not in self._queued]
        if not fresh:
            if not self._timer.isActive():
                self._timer.start()  # still say "finished" once, even with nothing to change
            return
        self._queued.update(fresh)
        queue = sorted(self._queue + fresh)
        if visible_first and self._visible_blocks is not None:
            first, last = self._visible_blocks()
            # From the top of the view down to the end, then the part above it.
            split = bisect.bisect_left(queue, max(0, first - 2))
            queue = queue[split:] + queue[:split]
        self._queue = queue
        if not self._timer.isActive():
            self._timer.start()

    def _work(self) -> None:
        deadline = time.perf_counter() + SLICE_SECONDS
        self.slices += 1
        while self._job is not None and time.perf_counter() < deadline:
            self._step_job()
        block_count = self._document.blockCount()
        ran = False
        while self._queue and time.perf_counter() < deadline:
            # As many blocks as the rest of the slice has time for, at the costs seen so far.
            fixed = self._fixed_seconds(block_count - self._queue[0])
            room = deadline - time.perf_counter() - fixed
            if ran and room < 0:
                break  # the next turn of the event loop, after input and painting
            span = max(1, min(RUN_SPAN, int(room / self._block_seconds)))
            run = [self._queue[0]]
            for block in self._queue[1:]:
                if block < run[-1] or block - run[-1] > RUN_GAP or block - run[0] >= span:
                    break
                run.append(block)
            started = time.perf_counter()
            self._apply(run)
            self._learn(time.perf_counter() - started, run[-1] - run[0] + 1, block_count - run[-1])
            ran = True
        if not self._queue and self._job is None:
            self._timer.stop()
            self.finished.emit()

    def _fixed_seconds(self, blocks_after: int) -> float:
        """What laying out a run costs before its own blocks: Qt's walk over the blocks after it."""
        return self._walk_seconds * (max(0, blocks_after) + WALK_FLOOR)

    def _learn(self, seconds: float, span: int, blocks_after: int) -> None:
        """Update the cost estimates from one run (short runs tell the walk's cost, long ones the rest)."""
        if span <= 3:
            per_following = seconds / (max(0, blocks_after) + WALK_FLOOR)
            self._walk_seconds = 0.8 * self._walk_seconds + 0.2 * per_following
        else:
            per_block = max(0.00001, (seconds - self._fixed_seconds(blocks_after)) / span)
            self._block_seconds = 0.7 * self._block_seconds + 0.3 * per_block

    def _apply(self, run: list[int]) -> None:
        """Format one run of nearby blocks and have Qt lay them out again in one go."""
        del self._queue[:len(run)]
        self._queued.difference_update(run)
        document = self._document
        block_count = document.blockCount()
        offsets = None if self._offsets.identity else self._offsets
        if self._formats is None:
            self._formats, self._link_formats = self._make_formats()
        first_position = last_end = None
        for number in run:
            if number >= block_count:
                continue
            block: QTextBlock = document.findBlockByNumber(number)
            signature = self._signature(number)
            if signature == self._applied.get(number, ()):
                continue
            ranges = []
            if offsets is not None and signature:
                signature_in_block = _to_layout(signature, self._block_starts[number], offsets)
            else:
                signature_in_block = signature
            links = self._links.get(number, ())
            for start, length, group in signature_in_block:
                fmt = self._formats.get(group)
                if fmt is None:
                    continue
                for piece_start, piece_length, on_link in _split_at_links(start, length, links):
                    format_range = QTextLayout.FormatRange()
                    format_range.start = piece_start
                    format_range.length = piece_length
                    format_range.format = self._link_formats[group] if on_link else fmt
                    ranges.append(format_range)
            block.layout().setFormats(ranges)
            self.blocks_formatted += 1
            if signature:
                self._applied[number] = signature
            else:
                self._applied.pop(number, None)
            if first_position is None:
                first_position = block.position()
            last_end = block.position() + block.length()
        if first_position is not None:
            document.markContentsDirty(first_position, last_end - first_position)


def _split_at_links(start: int, length: int, links) -> Iterator[tuple[int, int, bool]]:
    """(start, length, on a link) pieces of one highlight, cut where the block's links begin and end."""
    end = start + length
    for link_start, link_end in links:
        if link_end <= start or link_start >= end:
            continue
        if link_start > start:
            yield start, link_start - start, False
        piece_end = min(end, link_end)
        yield max(start, link_start), piece_end - max(start, link_start), True
        start = piece_end
    if start < end:
        yield start, end - start, False


def _to_layout(signature: BlockFormats, block_start: int, offsets: TextOffsets) -> BlockFormats:
    """A block's (start, length, group) in text offsets -> in its layout's UTF-16 positions."""
    to_document, end_to_document = offsets.to_document, offsets.end_to_document
    base = to_document(block_start)
    converted = []
    for start, length, group in signature:
        first = to_document(block_start + start)
        converted.append((first - base, end_to_document(block_start + start + length) - first, group))
    return tuple(converted)


def _group_names() -> Callable[[str], str]:
    names: dict[str, str] = {}

    def name(label: str) -> str:
        group = names.get(label)
        if group is None:
            group = names[label] = group_of(label).name
        return group
    return name


def spans_of(mentions: Iterable) -> list[Highlight]:
    """(start, end, group) for Mention objects, sorted."""
    name = _group_names()
    return sorted((m.start, m.end, name(m.label)) for m in mentions)


def raw_spans(raw: Iterable[tuple[int, int, str]]) -> list[Highlight]:
    """(start, end, group) for the model's raw (start, end, label) spans, sorted."""
    name = _group_names()
    return sorted((start, end, name(label)) for start, end, label in raw)


def block_starts(text: str, breaks: Iterable[int] = ()) -> list[int]:
    """Offset of each text block of a QTextDocument holding text: its lines, and the document's own
    breaks inside very long runs (offsets.display_breaks), which start a block with no newline before it."""
    starts = [0]
    find = text.find
    position = find("\n")
    while position != -1:
        starts.append(position + 1)
        position = find("\n", position + 1)
    if "\u2029" in text:  # a paragraph separator also starts a new block
        starts = sorted(starts + [i + 1 for i, ch in enumerate(text) if ch == "\u2029"])
    breaks = list(breaks)
    if breaks:
        starts = sorted(starts + breaks)
    return starts


def group_by_block(spans: Iterable[Highlight], starts: list[int],
                   inserted: frozenset[int] = frozenset()) -> dict[int, list[tuple[int, int, str]]]:
    """Spans cut at block ends and grouped by block: block -> [(start in block, length, group)].

    A block ends at the newline before the next start, or right at the next
    start when that is one of the document's own breaks (`inserted`).

    Plain Python with no Qt: the analysis service runs it off the GUI thread on a finished analysis, so
    the GUI thread only compares the result with what is shown.
    """
    count = len(starts)
    result: dict[int, list[tuple[int, int, str]]] = {}
    block, block_start, next_start = -1, 0, -1
    for start, end, group in spans:
        if not block_start <= start < next_start:  # spans come sorted, so this is rare
            block = bisect.bisect_right(starts, start) - 1
            block_start = starts[block]
            next_start = starts[block + 1] if block + 1 < count else 1 << 62
            block_end = next_start if next_start in inserted else next_start - 1
        if end <= block_end:  # within the block (it ends at the newline at next_start - 1, or at a break)
            pieces = result.get(block)
            if pieces is None:
                pieces = result[block] = []
            pieces.append((start - block_start, end - start, group))
        else:
            for piece_block, piece in _split(start, end, group, starts, inserted):
                result.setdefault(piece_block, []).append(piece)
    return result


def _split(start: int, end: int, group: str, starts: list[int], inserted: frozenset[int] = frozenset()):
    """(block, (start in block, length, group)) for each block a span covers."""
    block = bisect.bisect_right(starts, start) - 1
    while block >= 0 and start < end:
        if block + 1 < len(starts):
            following = starts[block + 1]
            block_end = following if following in inserted else following - 1
        else:
            block_end = end
        piece_end = min(end, block_end)
        if piece_end > start:
            yield block, (start - starts[block], piece_end - start, group)
        block += 1
        if block >= len(starts):
            break
        start = starts[block]
