"""An arrow's label on the ladder: what the segment carries, in lines a class can read.

Theory of operation
-------------------
A label is a few lines, each in its own style (``LineStyle``), top to bottom:

* the HTTP start line the segment carries, if any ("POST /login", "302 Found"), in the
  request's or response's colour, the way a sequence diagram names its messages;
* a cookie mark (a small drawn cookie) with the header and the cookie names
  ("Set-Cookie: sid"), RFC 6265 §4.1 / §5.4;
* the flags and the payload size ("PSH, ACK  +208 B"), in the segment kind's colour, then
  what is special about the segment, in words ("retransmission", "duplicate ACK"), in the
  warning colour;
* the numbers ("seq=105 ack=213 len=208").

Labels do not shrink to fit: a line longer than the room along its arrow wraps between its
runs (the flags, the marks) and at its separators, and a single word that still does not fit
(a long URL) is elided in the middle.
``compose_lines`` does that with the label's fonts; ``SegmentLabelItem`` paints the result.
"""

from __future__ import annotations

import enum
import functools
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from simulator.models.timeline.segment_marks import SegmentMark
from simulator.ui.common import palette
from simulator.ui.tcp.ladder_fonts import FONT_UNITS, ladder_font

SEPARATORS = ("  ", " · ", ", ", " ")
Z_LABEL, Z_CURRENT_LABEL = 0.6, 0.8  # under every arrow (1 and up)


class LineStyle(enum.Enum):
    REQUEST = "request"
    RESPONSE = "response"
    COOKIE = "cookie"
    COOKIE_MORE = "cookie, continued"  # a cookie line wrapped: indented, no second cookie
    FLAGS = "flags"
    MARKS = "marks"
    NUMBERS = "numbers"

    @property
    def bold(self) -> bool:
        return self in (LineStyle.REQUEST, LineStyle.RESPONSE, LineStyle.FLAGS,
                        LineStyle.MARKS)


@dataclass(frozen=True)
class Run:
    """Text in one style."""

    text: str
    style: LineStyle


@dataclass(frozen=True)
class LabelLine:
    """One line of a label: runs of text in their styles, two spaces apart."""

    runs: tuple[Run, ...]

    @classmethod
    def of(cls, text: str, style: LineStyle) -> LabelLine:
        return cls((Run(text, style),))

    @property
    def text(self) -> str:
        return RUN_GAP.join(run.text for run in self.runs)

    @property
    def style(self) -> LineStyle:
        return self.runs[0].style


RUN_GAP = "  "


def line_font(style: LineStyle) -> QFont:
    return ladder_font(FONT_UNITS, bold=style.bold)


@functools.cache
def metrics(bold: bool) -> QFontMetricsF:
    """The body font's metrics (labels are laid out by the hundred per seek)."""
    return QFontMetricsF(ladder_font(FONT_UNITS, bold=bold))


def _fm(style: LineStyle) -> QFontMetricsF:
    return metrics(style.bold)


@functools.lru_cache(maxsize=1 << 14)
def advance(bold: bool, text: str) -> float:
    """How wide ``text`` is in the label font: the same words are measured by the hundred
    per seek (placing the labels near the cursor, then painting them)."""
    return metrics(bold).horizontalAdvance(text)


def cookie_room() -> float:
    """Room the cookie glyph takes before the text of a cookie line."""
    return _fm(LineStyle.COOKIE).height() + 3.0


def _indent(style: LineStyle) -> float:
    return cookie_room() if style in (LineStyle.COOKIE, LineStyle.COOKIE_MORE) else 0.0


def line_width(line: LabelLine) -> float:
    width = _indent(line.style)
    for k, run in enumerate(line.runs):
        width += advance(run.style.bold, (RUN_GAP if k else "") + run.text)
    return width


def _wrap(text: str, style: LineStyle, width: float) -> list[str]:
    """``text`` in lines no wider than ``width`` (broken at separators, a word too long for
    a line elided in the middle)."""
    fm = _fm(style)
    room = width - _indent(style)
    if advance(style.bold, text) <= room:
        return [text]
    separator = next((s for s in SEPARATORS if s in text), None)
    if separator is None:
        return [fm.elidedText(text, Qt.TextElideMode.ElideMiddle, room)]
    keep = separator.strip() if separator.strip() in (",",) else ""  # "a, b" -> "a," "b"
    lines: list[str] = []
    current = ""
    for word in text.split(separator):
        trial = f"{current}{separator}{word}" if current else word
        if advance(style.bold, trial + keep) <= room:
            current = trial
            continue
        if current:
            lines.append(current + keep)
        current = word
    lines.append(current)
    out: list[str] = []
    for line in lines:
        out.extend(_wrap(line, style, width) if advance(style.bold, line) > room
                   else [line])
    return out


def compose_lines(lines: list[LabelLine], width: float) -> list[LabelLine]:
    """The label's lines, wrapped (never shrunk) to ``width`` scene units: a line too wide
    is broken between its runs, and a run too wide at its separators."""
    out: list[LabelLine] = []
    for line in lines:
        if line_width(line) <= width:
            out.append(line)
            continue
        current: list[Run] = []
        for run in line.runs:
            for k, part in enumerate(_wrap(run.text, run.style, width)):
                style = LineStyle.COOKIE_MORE if k and run.style is LineStyle.COOKIE else run.style
                piece = Run(part, style)
                if current and line_width(LabelLine((*current, piece))) > width:
                    out.append(LabelLine(tuple(current)))
                    current = []
                current.append(piece)
        if current:
            out.append(LabelLine(tuple(current)))
    return out


def _colour(style: LineStyle, look: palette.TcpLook, kind: palette.SegmentKind) -> QColor:
    dark = look.dark
    if style is LineStyle.REQUEST:
        return palette.REQUEST_TINT.pick(dark)
    if style is LineStyle.RESPONSE:
        return palette.RESPONSE_TINT.pick(dark)
    if style is LineStyle.FLAGS:
        return look.segment(kind)
    if style is LineStyle.MARKS:
        return palette.WARNING_INK.pick(dark)
    return look.ink


def paint_cookie(painter: QPainter, centre: QPointF, radius: float, dark: bool) -> None:
    """A small cookie: a round biscuit with three chocolate chips."""
    painter.setPen(QPen(QColor("#8d5a2b") if not dark else QColor("#e0b07a"), 1.0))
    painter.setBrush(QColor("#e9b872") if not dark else QColor("#a8743c"))
    painter.drawEllipse(centre, radius, radius)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("#4e2a0e"))
    chip = radius * 0.22
    for dx, dy in ((-0.35, -0.3), (0.35, -0.1), (-0.05, 0.4)):
        painter.drawEllipse(centre + QPointF(dx * radius, dy * radius), chip, chip)


@dataclass(frozen=True)
class LabelSpot:
    """Where a label may go: along its arrow (at ``fraction`` of its length, on the upper or
    lower side), or beside it, level, just off the sender's lifeline (above where the arrow
    leaves) or the receiver's (below where it arrives)."""

    fraction: float
    above: bool
    along: bool = True


def mark_text(mark: SegmentMark) -> str:
    """A mark in the interface language."""
    return QCoreApplication.translate("LadderArrow", MARK_WORDS[mark])


MARK_WORDS: dict[SegmentMark, str] = {
    SegmentMark.RETRANSMISSION: str(QT_TRANSLATE_NOOP("LadderArrow", "retransmission")),
    SegmentMark.FAST_RETRANSMISSION: str(QT_TRANSLATE_NOOP("LadderArrow", "fast retransmission")),
    SegmentMark.SPURIOUS_RETRANSMISSION: str(QT_TRANSLATE_NOOP("LadderArrow",
                                                               "spurious retransmission")),
    SegmentMark.DUPLICATE_ACK: str(QT_TRANSLATE_NOOP("LadderArrow", "duplicate ACK")),
    SegmentMark.OUT_OF_ORDER: str(QT_TRANSLATE_NOOP("LadderArrow", "out of order")),
    SegmentMark.ZERO_WINDOW: str(QT_TRANSLATE_NOOP("LadderArrow", "zero window")),
    SegmentMark.ZERO_WINDOW_PROBE: str(QT_TRANSLATE_NOOP("LadderArrow", "zero-window probe")),
    SegmentMark.KEEP_ALIVE: str(QT_TRANSLATE_NOOP("LadderArrow", "keep-alive")),
    SegmentMark.WINDOW_UPDATE: str(QT_TRANSLATE_NOOP("LadderArrow", "window update")),
    SegmentMark.DUPLICATED: str(QT_TRANSLATE_NOOP("LadderArrow", "duplicated by the network")),
}


class SegmentLabelItem(QGraphicsItem):
    """The label's lines in a box on one side of its arrow (placed by the view)."""

    PAD = 3.0
    GAP = 3.0  # between the arrow and the box

    def __init__(self, kind: palette.SegmentKind, owner: QGraphicsItem) -> None:
        super().__init__()
        self.owner = owner  # the arrow it labels
        self._kind = kind
        self._lines: list[LabelLine] = []
        self._size = (0.0, 0.0)
        self._above = True
        self._rect = QRectF()
        self.current = False
        self.setZValue(Z_LABEL)

    def set_current(self, current: bool) -> None:
        """The label of the current step's arrow: highlighted, above the other labels."""
        if current != self.current:
            self.current = current
            self.setZValue(Z_CURRENT_LABEL if current else Z_LABEL)
            self.update()

    # -- what it says
    def set_lines(self, lines: list[LabelLine], width: float) -> None:
        self.prepareGeometryChange()
        self._lines = compose_lines(lines, width)
        w = max((line_width(line) for line in self._lines), default=0.0)
        h = sum(_fm(line.style).height() for line in self._lines)
        self._size = (w + 2 * self.PAD, h + self.PAD)
        self.set_side(self._above)

    def lines(self) -> list[LabelLine]:
        """The lines as drawn (after wrapping)."""
        return list(self._lines)

    def texts(self) -> list[str]:
        return [line.text for line in self._lines]

    # -- where it goes
    def set_side(self, above: bool) -> None:
        """Put the label on the upper (True) or lower side of its anchor."""
        self.prepareGeometryChange()
        self._above = above
        self._rect = self.local_rect(above)

    def local_rect(self, above: bool) -> QRectF:
        w, h = self._size
        return QRectF(-w / 2, -h - self.GAP if above else self.GAP, w, h)

    def width(self) -> float:
        return self._size[0]

    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        look = palette.look_for(widget)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(look.highlighted_label_fill if self.current else look.label_background)
        # An antialiased fill of a rotated box costs ~25x more, and near the background's
        # colour its edge does not show: mask the lines under the text without it.
        antialiased = painter.testRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.drawRoundedRect(self._rect, 3, 3)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, antialiased)
        y = self._rect.top() + self.PAD / 2
        for line in self._lines:
            fm = _fm(line.style)
            x = self._rect.left() + self.PAD
            if line.style is LineStyle.COOKIE:
                r = fm.height() * 0.36
                paint_cookie(painter, QPointF(x + r + 1, y + fm.height() / 2), r, look.dark)
            x += _indent(line.style)
            for k, run in enumerate(line.runs):
                font = line_font(run.style)
                text = (RUN_GAP if k else "") + run.text
                painter.setFont(font)
                painter.setPen(_colour(run.style, look, self._kind))
                painter.drawText(QPointF(x, y + fm.ascent()), text)
                x += advance(run.style.bold, text)
            y += fm.height()
