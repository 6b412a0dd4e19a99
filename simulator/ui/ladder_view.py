"""The ladder (sequence) diagram: two lifelines, time flowing down, one arrow per segment.

Theory of operation
-------------------
``set_timeline`` builds every item once: the lifelines, a header per endpoint, a state badge
wherever an endpoint's state changes, time ticks, a "gap not to scale" band wherever the
virtual clock jumps (RTO waits, 2·MSL), and one ``SegmentArrowItem`` per segment.
``set_cursor`` then only changes visibility, how far each arrow has travelled, and pens, so
playback at 30 frames per second stays cheap.

The vertical axis is a monotone, piecewise-linear map from *step* to y: consecutive steps are
spaced in proportion to the virtual time between them (one link delay = ``PX_PER_DELAY``),
steps at the same instant are spaced by a small fixed gap so that simultaneous events stay
legible, and gaps longer than ``BREAK_AFTER_DELAYS`` link delays are drawn as a fixed-height
band labelled with the real duration. Segments sent at the same step by the same endpoint
leave one after another (serialisation), so each is drawn a little below the previous one.

The view keeps no protocol state: everything comes from the Timeline and the cursor.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFontMetricsF,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPen,
    QPolygonF,
    QResizeEvent,
    QTransform,
)
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsLineItem,
    QGraphicsObject,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QStyleOptionGraphicsItem,
    QWidget,
)

from simulator.models.tcp_states import TcpEvent, TcpState
from simulator.models.timeline import Fate, SegmentRecord, Step, Timeline
from simulator.ui import palette

# Layout (scene units ≈ pixels at zoom 1).
TIME_RIGHT_X = 70.0
CLIENT_X = 210.0
SERVER_X = 650.0
SCENE_WIDTH = 800.0
HEADER_TOP = 8.0
HEADER_HEIGHT = 44.0
INITIAL_Y = 84.0
FIRST_GAP = 40.0
PX_PER_DELAY = 80.0
SIMULTANEOUS_GAP = 36.0
BURST_GAP = 36.0
BREAK_HEIGHT = 78.0
BREAK_AFTER_DELAYS = 2.0
BOTTOM_MARGIN = 40.0
BADGE_GAP = 8.0
MAX_ZOOM = 1.6

Z_BREAK, Z_MARKER, Z_LIFELINE, Z_ARROW, Z_CURRENT, Z_BADGE = -3, -2, -1, 1, 2, 3


def format_time(t: float) -> str:
    """'350 ms' under a second, '3.050 s' above, '240.45 s' from 10 s on."""
    if t < 1.0:
        return f"{t * 1000:.0f} ms"
    return f"{t:.3f} s" if t < 10.0 else f"{t:.2f} s"


def format_duration(d: float) -> str:
    if d < 1.0:
        return f"{d * 1000:.0f} ms"
    if d >= 10.0:
        return f"{d:.0f} s"
    return f"{d:.3f}".rstrip("0").rstrip(".") + " s"


# --------------------------------------------------------------------------- axis


@dataclass(frozen=True)
class TimeBreak:
    """A gap in virtual time drawn at a fixed height: between steps ``before`` and ``after``."""

    before: int
    after: int
    headline: str
    detail: str


@dataclass(frozen=True)
class LadderAxis:
    """y of each step; ``y_at(u)`` interpolates for a fractional cursor u in [-1, n-1]."""

    step_y: tuple[float, ...]
    breaks: tuple[TimeBreak, ...]

    def y_of(self, index: int) -> float:
        return INITIAL_Y if index < 0 else self.step_y[min(index, len(self.step_y) - 1)]

    def y_at(self, u: float) -> float:
        lo = math.floor(u)
        frac = u - lo
        a, b = self.y_of(lo), self.y_of(lo + 1)
        return a + (b - a) * frac if frac > 0 else a

    @property
    def bottom(self) -> float:
        return (self.step_y[-1] if self.step_y else INITIAL_Y) + PX_PER_DELAY


def _break_text(timeline: Timeline, before: int, after: int) -> tuple[str, str]:
    step = timeline.steps[after]
    gap = step.time - timeline.steps[before].time
    events = {t.row.event for t in step.transitions}
    if TcpEvent.TIMEOUT_TIME_WAIT in events:
        entered = next((s.time for s in reversed(timeline.steps[:after])
                        if s.snapshot(step.actor).state is TcpState.TIME_WAIT
                        and (s.index == 0 or timeline.steps[s.index - 1].snapshot(step.actor)
                             .state is not TcpState.TIME_WAIT)), step.time - gap)
        return (f"⋯ 2·MSL = {format_duration(step.time - entered)} later ⋯",
                "TIME-WAIT timer expires · gap not drawn to scale")
    if TcpEvent.TIMEOUT_RETRANSMISSION in events and step.actor in ("client", "server"):
        rto = timeline.steps[before].snapshot(step.actor).rto
        return (f"⋯ {format_duration(gap)} later ⋯",
                f"retransmission timer expires (RTO = {format_duration(rto)}) · not to scale")
    return f"⋯ {format_duration(gap)} later ⋯", "nothing happens meanwhile · not to scale"


def burst_ranks(timeline: Timeline) -> dict[int, int]:
    """Segment id → its place among the segments its sender sent at the same step."""
    seen: dict[tuple[int, str], int] = {}
    ranks: dict[int, int] = {}
    for record in timeline.segments:
        key = (record.sent_step, record.src)
        ranks[record.id] = seen.get(key, 0)
        seen[key] = ranks[record.id] + 1
    return ranks


def _travel_share(record: SegmentRecord, delay: float) -> float:
    """How much of the way to the receiver the segment got (1 unless it was lost)."""
    if record.fate is Fate.LOST and record.end_at is not None:
        return min(1.0, max(0.15, (record.end_at - record.sent_at) / delay))
    return 1.0


def build_axis(timeline: Timeline) -> LadderAxis:
    delay = timeline.link_delay if timeline.link_delay > 0 else 0.05
    ys: list[float] = []
    breaks: list[TimeBreak] = []
    y = INITIAL_Y
    for step in timeline.steps:
        if step.index == 0:
            y += FIRST_GAP
        else:
            dt = step.time - timeline.steps[step.index - 1].time
            if dt > BREAK_AFTER_DELAYS * delay:
                y += BREAK_HEIGHT
                head, detail = _break_text(timeline, step.index - 1, step.index)
                breaks.append(TimeBreak(step.index - 1, step.index, head, detail))
            else:
                y += max(SIMULTANEOUS_GAP, dt / delay * PX_PER_DELAY)
        ys.append(y)
    # Segments of a burst leave one below the other; push later steps down so that every
    # arrow still drops at least one link delay's height and all arrows keep one slope.
    ranks = burst_ranks(timeline)
    ends = [r for r in timeline.segments if r.end_step is not None and r.end_step < len(ys)]
    for record in sorted(ends, key=lambda r: r.end_step or 0):
        assert record.end_step is not None
        start = ys[record.sent_step] + ranks[record.id] * BURST_GAP
        deficit = start + PX_PER_DELAY * _travel_share(record, delay) - ys[record.end_step]
        if deficit > 0:
            for j in range(record.end_step, len(ys)):
                ys[j] += deficit
    return LadderAxis(tuple(ys), tuple(breaks))


def initial_state(timeline: Timeline, endpoint: str) -> TcpState:
    """The endpoint's state before step 0 (the row that fired at step 0 says where it was)."""
    if not timeline.steps:
        return TcpState.CLOSED
    first = timeline.steps[0]
    for fired in first.transitions:
        if fired.endpoint == endpoint:
            return fired.row.state
    return first.snapshot(endpoint).state


# --------------------------------------------------------------------------- items


class SegmentLabelItem(QGraphicsItem):
    """Two lines along an arrow: flags (in the kind's colour) and the numbers."""

    PAD = 3.0

    def __init__(self, colour: QColor, parent: QGraphicsItem) -> None:
        super().__init__(parent)
        self._colour = colour
        self._head_font = palette.font(11, bold=True)
        self._body_font = palette.font(11)
        self._lines = ("", "")
        self._size = (0.0, 0.0)
        self._above = True
        self._rect = QRectF()

    def set_lines(self, head: str, body: str) -> None:
        self.prepareGeometryChange()
        self._lines = (head, body)
        hm, bm = QFontMetricsF(self._head_font), QFontMetricsF(self._body_font)
        w = max(hm.horizontalAdvance(head), bm.horizontalAdvance(body)) + 2 * self.PAD
        h = hm.height() + bm.height() + self.PAD
        self._size = (w, h)
        self.set_side(self._above)

    def set_side(self, above: bool) -> None:
        """Put the label on the upper (True) or lower side of its arrow."""
        self.prepareGeometryChange()
        self._above = above
        w, h = self._size
        self._rect = QRectF(-w / 2, -h - 3.0 if above else 3.0, w, h)

    def local_rect(self, above: bool) -> QRectF:
        w, h = self._size
        return QRectF(-w / 2, -h - 3.0 if above else 3.0, w, h)

    def width(self) -> float:
        return self._rect.width()

    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(palette.LABEL_BACKGROUND)
        painter.drawRoundedRect(self._rect, 3, 3)
        hm = QFontMetricsF(self._head_font)
        x = self._rect.left() + self.PAD
        painter.setFont(self._head_font)
        painter.setPen(self._colour)
        painter.drawText(QPointF(x, self._rect.top() + hm.ascent()), self._lines[0])
        painter.setFont(self._body_font)
        painter.setPen(palette.INK)
        bm = QFontMetricsF(self._body_font)
        painter.drawText(QPointF(x, self._rect.top() + hm.height() + self.PAD / 2 + bm.ascent()),
                         self._lines[1])


class SegmentArrowItem(QGraphicsObject):
    """One segment's arrow. Geometry is fixed at build time; the cursor sets how far along
    the segment has travelled (``fraction``), whether it is shown, and whether it is current.
    """

    HEAD = 9.0
    DOT = 4.5

    def __init__(self, record: SegmentRecord, start: QPointF, end: QPointF,
                 receiver: QPointF) -> None:
        super().__init__()
        self.record = record
        self.segment_id = record.id
        self.sent_step = record.sent_step
        self.kind = palette.segment_kind(record)
        self.style = palette.SEGMENT_STYLES[self.kind]
        self.is_lost = record.fate is Fate.LOST
        self.is_retransmission = record.retransmission
        self.is_current = False
        self.fraction = 1.0
        self.label_text = ""
        self._start, self._end, self._receiver = start, end, receiver
        self._label = SegmentLabelItem(self.style.colour, self)
        self.setZValue(Z_ARROW)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        pad = 16.0
        self._bounds = QRectF(start, end).normalized().united(
            QRectF(start, receiver).normalized()).adjusted(-pad, -pad, pad + 30, pad)

    # -- state the tests read
    @property
    def is_in_flight(self) -> bool:
        return self.isVisible() and self.fraction < 1.0

    @property
    def loss_shown(self) -> bool:
        """The red cross is drawn: the segment was lost and the cursor is past its loss."""
        return self.isVisible() and self.is_lost and self.fraction >= 1.0

    @property
    def start(self) -> QPointF:
        return QPointF(self._start)

    @property
    def end(self) -> QPointF:
        return QPointF(self._end)

    def head(self) -> QPointF:
        return self._start + (self._end - self._start) * self.fraction

    # -- updates from the view
    def set_numbers(self, seq_base: int, ack_base: int) -> None:
        r = self.record
        full = r.label(seq_base, ack_base)
        head_parts = [r.flags_text]
        if r.length:
            head_parts.append(f"+{r.length} B")
        if r.retransmission:
            head_parts.append("(retransmission)")
        if r.duplicate:
            head_parts.append("(duplicate)")
        head = "  ".join(head_parts)
        body = full.split("] ", 1)[1] if "] " in full else full
        self.label_text = full + "".join(f"  {p}" for p in head_parts[1:])
        self._label.set_lines(head, body)
        self.setToolTip(f"{self.label_text}\nsent at {format_time(r.sent_at)} by the {r.src}; "
                        f"{r.fate.value}" + (f" at {format_time(r.end_at)}"
                                             if r.end_at is not None else ""))

    # -- label placement (the view picks the candidate that collides with the least)
    LABEL_FRACTIONS = (0.3, 0.42, 0.55, 0.68, 0.2)
    LOST_LABEL_FRACTIONS = (0.5, 0.38, 0.62)

    def label_candidates(self) -> list[tuple[float, bool]]:
        fractions = self.LOST_LABEL_FRACTIONS if self.is_lost else self.LABEL_FRACTIONS
        return [(f, above) for f in fractions for above in (True, False)]

    def _label_line(self) -> QLineF:
        return QLineF(self._start, self._end if self.is_lost else self._receiver)

    def _label_transform(self, fraction: float) -> tuple[QPointF, float]:
        line = self._label_line()
        length = max(line.length(), 1.0)
        half = self._label.width() / 2 + 12.0
        along = min(max(fraction * length, half), max(half, length - half))
        angle = math.degrees(math.atan2(line.dy(), line.dx()))
        if line.dx() < 0:
            angle += 180.0
        return line.pointAt(min(along / length, 1.0)), angle

    def label_polygon(self, fraction: float, above: bool) -> QPolygonF:
        """Where the label would lie, in scene coordinates."""
        anchor, angle = self._label_transform(fraction)
        transform = QTransform().translate(anchor.x(), anchor.y()).rotate(angle)
        return transform.map(QPolygonF(self._label.local_rect(above)))

    def place_label(self, fraction: float, above: bool) -> None:
        anchor, angle = self._label_transform(fraction)
        self._label.set_side(above)
        self._label.setPos(anchor)
        self._label.setRotation(angle)

    def obstacle(self) -> QPainterPath:
        """The drawn line (and the loss mark) as an area other labels should avoid."""
        path = QPainterPath(self._start)
        path.lineTo(self._end)
        stroker = QPainterPathStroker()
        stroker.setWidth(4.0)
        area = stroker.createStroke(path)
        if self.is_lost:
            area.addRect(QRectF(self._end.x() - 10, self._end.y() - 12, 50, 24))
        return area

    def set_progress(self, visible: bool, fraction: float, current: bool) -> None:
        fraction = min(1.0, max(0.0, fraction))
        if visible != self.isVisible():
            self.setVisible(visible)
        if fraction != self.fraction or current != self.is_current:
            self.fraction = fraction
            self.is_current = current
            self.setZValue(Z_CURRENT if current else Z_ARROW)
            self.update()

    # -- painting
    def boundingRect(self) -> QRectF:
        return self._bounds

    def shape(self) -> QPainterPath:
        path = QPainterPath(self._start)
        path.lineTo(self.head())
        stroker = QPainterPathStroker()
        stroker.setWidth(10.0)
        return stroker.createStroke(path)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        colour = self.style.colour
        head = self.head()
        if self.fraction < 1.0:  # where it is heading: faint, so the learner sees its path
            ghost = QColor(colour)
            ghost.setAlpha(90)
            painter.setPen(QPen(ghost, 1.0, palette.DOTTED))
            painter.drawLine(QLineF(head, self._receiver))
        if self.is_current:
            painter.setPen(QPen(palette.HIGHLIGHT_GLOW, 10.0, Qt.PenStyle.SolidLine,
                                Qt.PenCapStyle.RoundCap))
            painter.drawLine(QLineF(self._start, head))
        width = self.style.width * (2.0 if self.is_current else 1.0)
        pen = QPen(colour, width, palette.DASHED if self.is_retransmission
                   else Qt.PenStyle.SolidLine, Qt.PenCapStyle.FlatCap)
        painter.setPen(pen)
        painter.drawLine(QLineF(self._start, head))
        if self.fraction < 1.0:
            painter.setPen(QPen(palette.BACKGROUND, 1.5))
            painter.setBrush(colour)
            painter.drawEllipse(head, self.DOT + (1.5 if self.is_current else 0.0),
                                self.DOT + (1.5 if self.is_current else 0.0))
        elif self.is_lost:
            self._paint_cross(painter)
        else:
            self._paint_head(painter, colour, width)

    def _paint_head(self, painter: QPainter, colour: QColor, width: float) -> None:
        line = QLineF(self._end, self._start)
        angle = math.atan2(line.dy(), line.dx())
        size = self.HEAD + width
        left = self._end + QPointF(math.cos(angle + 0.4) * size, math.sin(angle + 0.4) * size)
        right = self._end + QPointF(math.cos(angle - 0.4) * size, math.sin(angle - 0.4) * size)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawPolygon(QPolygonF([self._end, left, right]))

    def _paint_cross(self, painter: QPainter) -> None:
        c, s = self._end, 7.0
        painter.setPen(QPen(palette.LOST, 3.0, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        painter.drawLine(QLineF(c.x() - s, c.y() - s, c.x() + s, c.y() + s))
        painter.drawLine(QLineF(c.x() - s, c.y() + s, c.x() + s, c.y() - s))
        painter.setFont(palette.font(12, bold=True))
        painter.drawText(QPointF(c.x() + s + 4, c.y() + 5), "lost")


class StateBadgeItem(QGraphicsItem):
    """A small box with an RFC state name beside a lifeline, at the step it was entered."""

    def __init__(self, state: TcpState, anchor: QPointF, align_right: bool, step: int) -> None:
        super().__init__()
        self.state = state
        self.step = step
        self.is_current = False
        self._font = palette.font(11, bold=True)
        fm = QFontMetricsF(self._font)
        w, h = fm.horizontalAdvance(state.rfc_name) + 12, fm.height() + 4
        x = anchor.x() - w if align_right else anchor.x()
        self._rect = QRectF(x, anchor.y() - h / 2, w, h)
        self.setZValue(Z_BADGE)

    def set_current(self, current: bool) -> None:
        if current != self.is_current:
            self.is_current = current
            self.update()

    def boundingRect(self) -> QRectF:
        return self._rect.adjusted(-2, -2, 2, 2)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if self.is_current:
            painter.setPen(QPen(palette.CURRENT_STATE_BORDER, 2.0))
            painter.setBrush(palette.CURRENT_STATE_FILL)
        else:
            painter.setPen(QPen(palette.MUTED, 1.0))
            painter.setBrush(palette.state_fill(self.state))
        painter.drawRoundedRect(self._rect, 4, 4)
        painter.setFont(self._font)
        painter.setPen(palette.INK)
        painter.drawText(self._rect, Qt.AlignmentFlag.AlignCenter, self.state.rfc_name)


class HeaderItem(QGraphicsItem):
    """'Client' / 'Server' and the address, on top of a lifeline."""

    WIDTH = 170.0

    def __init__(self, title: str, address: str, x: float) -> None:
        super().__init__()
        self._title, self._address = title, address
        self._rect = QRectF(x - self.WIDTH / 2, HEADER_TOP, self.WIDTH, HEADER_HEIGHT)

    def boundingRect(self) -> QRectF:
        return self._rect.adjusted(-1, -1, 1, 1)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(palette.LIFELINE, 1.5))
        painter.setBrush(QColor("#fafafa"))
        painter.drawRoundedRect(self._rect, 6, 6)
        top = QRectF(self._rect.left(), self._rect.top() + 2, self.WIDTH, 22)
        painter.setFont(palette.font(15, bold=True))
        painter.setPen(palette.INK)
        painter.drawText(top, Qt.AlignmentFlag.AlignCenter, self._title)
        painter.setFont(palette.font(11))
        painter.setPen(palette.MUTED)
        painter.drawText(QRectF(self._rect.left(), top.bottom(), self.WIDTH, 18),
                         Qt.AlignmentFlag.AlignCenter, self._address)


class LifelineItem(QGraphicsItem):
    """A vertical line, dotted where the time axis is compressed."""

    def __init__(self, x: float, top: float, bottom: float,
                 gaps: list[tuple[float, float]]) -> None:
        super().__init__()
        self._x, self._top, self._bottom, self._gaps = x, top, bottom, gaps
        self.setZValue(Z_LIFELINE)

    def boundingRect(self) -> QRectF:
        return QRectF(self._x - 2, self._top, 4, self._bottom - self._top)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        solid = QPen(palette.LIFELINE, 2.0)
        dotted = QPen(palette.MUTED, 2.0, palette.DOTTED)
        y = self._top
        for a, b in self._gaps:
            painter.setPen(solid)
            painter.drawLine(QLineF(self._x, y, self._x, a))
            painter.setPen(dotted)
            painter.drawLine(QLineF(self._x, a, self._x, b))
            y = b
        painter.setPen(solid)
        painter.drawLine(QLineF(self._x, y, self._x, self._bottom))


class BreakItem(QGraphicsItem):
    """The band where a long idle gap is cut out of the time axis, with its real duration."""

    def __init__(self, top: float, bottom: float, headline: str, detail: str) -> None:
        super().__init__()
        self._rect = QRectF(TIME_RIGHT_X + 6, top, SCENE_WIDTH - TIME_RIGHT_X - 12,
                            bottom - top)
        self.headline, self.detail = headline, detail
        self.setZValue(Z_BREAK)

    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(palette.BREAK_FILL)
        painter.drawRect(self._rect)
        zig = QPen(palette.FAINT, 1.0)
        painter.setPen(zig)
        for y in (self._rect.top(), self._rect.bottom()):
            painter.drawLine(QLineF(self._rect.left(), y, self._rect.right(), y))
        mid = QRectF(CLIENT_X + 10, self._rect.top(), SERVER_X - CLIENT_X - 20,
                     self._rect.height())
        painter.setFont(palette.font(13, bold=True))
        painter.setPen(palette.INK)
        painter.drawText(mid.adjusted(0, 0, 0, -mid.height() / 2 + 4),
                         Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom,
                         self.headline)
        painter.setFont(palette.font(11))
        painter.setPen(palette.MUTED)
        painter.drawText(mid.adjusted(0, mid.height() / 2 + 4, 0, 0),
                         Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, self.detail)


# --------------------------------------------------------------------------- the view


class LadderView(QGraphicsView):
    """Sequence diagram of the timeline at the cursor (see the module docstring)."""

    segment_clicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.setRenderHints(QPainter.RenderHint.Antialiasing
                            | QPainter.RenderHint.TextAntialiasing)
        self.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.setBackgroundBrush(QBrush(palette.BACKGROUND))
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.BoundingRectViewportUpdate)
        self._timeline: Timeline | None = None
        self._relative = True
        self._index = -1
        self._progress = 1.0
        self._axis = LadderAxis((), ())
        self._arrows: list[SegmentArrowItem] = []
        self._badges: list[StateBadgeItem] = []
        self._ticks: list[tuple[int, QGraphicsSimpleTextItem]] = []
        self._breaks: list[tuple[int, BreakItem]] = []
        self._marker: QGraphicsLineItem | None = None
        self._click_taken = False

    # ------------------------------------------------------------------ public API

    def set_timeline(self, timeline: Timeline) -> None:
        self._timeline = timeline
        self._rebuild()
        self.set_cursor(len(timeline) - 1 if timeline.steps else -1)
        self._fit_width()

    def set_cursor(self, index: int, progress: float = 1.0) -> None:
        if self._timeline is None:
            return
        n = len(self._timeline)
        self._index = max(-1, min(index, n - 1))
        self._progress = min(1.0, max(0.0, progress))
        u = self._index - 1 + self._progress
        axis = self._axis
        y_now = axis.y_at(u)
        step = self._timeline.steps[self._index] if self._index >= 0 else None
        current_ids = _current_segment_ids(step)
        for arrow in self._arrows:
            visible = arrow.sent_step <= u + 1e-9
            # the head sits on the "now" line (segments of a burst leave one after another)
            y_start, y_end = arrow.start.y(), arrow.end.y()
            fraction = 1.0 if y_end <= y_start else (y_now - y_start) / (y_end - y_start)
            arrow.set_progress(visible, fraction, arrow.segment_id in current_ids)
        latest: dict[bool, StateBadgeItem] = {}
        for badge in self._badges:
            shown = badge.step <= u + 1e-9
            badge.setVisible(shown)
            if shown:
                latest[badge.data(0) == "client"] = badge
        for badge in self._badges:
            badge.set_current(badge in latest.values())
        for idx, tick in self._ticks:
            tick.setVisible(idx <= self._index)
        for idx, band in self._breaks:
            band.setVisible(idx <= self._index)
        if self._marker is not None:
            self._marker.setLine(TIME_RIGHT_X + 4, y_now, SCENE_WIDTH - 8, y_now)
            if self.isVisible():
                self._follow(y_now)

    def set_relative_numbers(self, relative: bool) -> None:
        self._relative = relative
        if self._timeline is not None:
            for arrow in self._arrows:
                arrow.set_numbers(*self._bases(arrow.record))
            self._place_labels()

    def relative_numbers(self) -> bool:
        return self._relative

    def arrow_items(self) -> list[SegmentArrowItem]:
        """The arrows currently drawn (segments already sent at the cursor), by segment id."""
        return [a for a in self._arrows if a.isVisible()]

    def all_arrow_items(self) -> list[SegmentArrowItem]:
        return list(self._arrows)

    def badge_items(self) -> list[StateBadgeItem]:
        return [b for b in self._badges if b.isVisible()]

    def break_items(self) -> list[BreakItem]:
        return [b for _, b in self._breaks if b.isVisible()]

    def marker_y(self) -> float:
        return self._marker.line().y1() if self._marker is not None else 0.0

    # ------------------------------------------------------------------ building

    def _bases(self, record: SegmentRecord) -> tuple[int, int]:
        if not self._relative or self._timeline is None:
            return 0, 0
        tl = self._timeline
        sender = tl.steps[record.sent_step].snapshot(record.src) if tl.steps else None
        # An endpoint with no connection (e.g. a closed port answering RST) has no ISN:
        # its numbers are shown as they are.
        seq_base = tl.isn.get(record.src, 0) if sender is None or sender.iss is not None else 0
        return seq_base, tl.isn.get(record.dst, 0)

    def _rebuild(self) -> None:
        scene = self.scene()
        scene.clear()
        self._arrows, self._badges, self._ticks, self._breaks = [], [], [], []
        tl = self._timeline
        assert tl is not None
        self._axis = axis = build_axis(tl)
        bottom = axis.bottom
        gaps = [(axis.y_of(b.before) + 10, axis.y_of(b.after) - 10) for b in axis.breaks]
        for name, x in (("client", CLIENT_X), ("server", SERVER_X)):
            scene.addItem(HeaderItem(name.capitalize(), tl.addresses.get(name, ""), x))
            scene.addItem(LifelineItem(x, HEADER_TOP + HEADER_HEIGHT, bottom, gaps))
        for brk in axis.breaks:
            band = BreakItem(axis.y_of(brk.before) + 10, axis.y_of(brk.after) - 10,
                             brk.headline, brk.detail)
            scene.addItem(band)
            self._breaks.append((brk.after, band))
        self._add_ticks(tl, axis)
        self._add_badges(tl, axis)
        self._add_arrows(tl, axis)
        marker = QGraphicsLineItem()
        marker.setPen(QPen(palette.HIGHLIGHT, 1.5, palette.DASHED))
        marker.setZValue(Z_MARKER)
        scene.addItem(marker)
        self._marker = marker
        scene.setSceneRect(QRectF(0, 0, SCENE_WIDTH, bottom + BOTTOM_MARGIN))
        self.set_relative_numbers(self._relative)

    def _add_ticks(self, tl: Timeline, axis: LadderAxis) -> None:
        font = palette.font(10)
        previous: float | None = None
        for step in tl.steps:
            if previous is not None and step.time == previous:
                continue
            previous = step.time
            tick = QGraphicsSimpleTextItem(format_time(step.time))
            tick.setFont(font)
            tick.setBrush(palette.MUTED)
            r = tick.boundingRect()
            tick.setPos(TIME_RIGHT_X - r.width(), axis.y_of(step.index) - r.height() / 2)
            self.scene().addItem(tick)
            self._ticks.append((step.index, tick))

    def _add_badges(self, tl: Timeline, axis: LadderAxis) -> None:
        for endpoint, x, right in (("client", CLIENT_X - BADGE_GAP, True),
                                   ("server", SERVER_X + BADGE_GAP, False)):
            state = initial_state(tl, endpoint)
            badge = StateBadgeItem(state, QPointF(x, INITIAL_Y), right, -1)
            badge.setData(0, endpoint)
            self._badges.append(badge)
            for step in tl.steps:
                now = step.snapshot(endpoint).state
                if now is not state:
                    badge = StateBadgeItem(now, QPointF(x, axis.y_of(step.index)), right,
                                           step.index)
                    badge.setData(0, endpoint)
                    self._badges.append(badge)
                    state = now
        for badge in self._badges:
            self.scene().addItem(badge)

    def _add_arrows(self, tl: Timeline, axis: LadderAxis) -> None:
        x_of = {"client": CLIENT_X, "server": SERVER_X}
        delay = tl.link_delay if tl.link_delay > 0 else 0.05
        ranks = burst_ranks(tl)
        for record in tl.segments:
            x0, x1 = x_of.get(record.src, CLIENT_X), x_of.get(record.dst, SERVER_X)
            y_end = _end_y(axis, record)
            y0 = min(axis.y_of(record.sent_step) + ranks[record.id] * BURST_GAP, y_end - 12.0)
            share = _travel_share(record, delay)
            end = QPointF(x0 + (x1 - x0) * share, y_end)
            receiver = QPointF(x1, y0 + (y_end - y0) / share)
            arrow = SegmentArrowItem(record, QPointF(x0, y0), end, receiver)
            self.scene().addItem(arrow)
            self._arrows.append(arrow)

    def _place_labels(self) -> None:
        """Greedy label placement: each label takes the first of its candidate spots (along
        its arrow, above or below) that overlaps the fewest arrows, labels and badges."""
        fixed: list[QPainterPath] = []
        for x in (CLIENT_X, SERVER_X):
            lifeline = QPainterPath()
            lifeline.addRect(QRectF(x - 2, 0, 4, self._axis.bottom))
            fixed.append(lifeline)
        for item in [*self._badges, *(band for _, band in self._breaks)]:
            area = QPainterPath()
            area.addRect(item.boundingRect())
            fixed.append(area)
        lines = [arrow.obstacle() for arrow in self._arrows]
        placed: list[QPainterPath] = []
        for arrow in self._arrows:
            best: tuple[float, float, bool] | None = None
            for fraction, above in arrow.label_candidates():
                area = QPainterPath()
                area.addPolygon(arrow.label_polygon(fraction, above))
                area.closeSubpath()
                hits = 3.0 * sum(1 for p in placed if p.intersects(area))
                hits += 2.0 * sum(1 for p in fixed if p.intersects(area))
                hits += sum(1 for a, p in zip(self._arrows, lines, strict=True)
                            if a is not arrow and p.intersects(area))
                if best is None or hits < best[0]:
                    best = (hits, fraction, above)
                if hits == 0:
                    break
            assert best is not None
            arrow.place_label(best[1], best[2])
            area = QPainterPath()
            area.addPolygon(arrow.label_polygon(best[1], best[2]))
            placed.append(area)

    # ------------------------------------------------------------------ Qt events

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_width()

    def _fit_width(self) -> None:
        width = self.scene().sceneRect().width()
        if width <= 0:
            return
        scale = min(MAX_ZOOM, max(0.2, (self.viewport().width() - 4) / width))
        self.setTransform(QTransform.fromScale(scale, scale))
        if self._marker is not None:
            self._follow(self.marker_y())

    def _follow(self, y: float) -> None:
        """Keep the "now" line two thirds down the viewport: the past stays in view."""
        at = self.mapFromScene(QPointF(CLIENT_X, y)).y()
        bar = self.verticalScrollBar()
        bar.setValue(bar.value() + round(at - 0.65 * self.viewport().height()))

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            for item in self.items(event.position().toPoint()):
                node: QGraphicsItem | None = item
                while node is not None and not isinstance(node, SegmentArrowItem):
                    node = node.parentItem()
                if isinstance(node, SegmentArrowItem) and node.isVisible():
                    self._click_taken = True
                    event.accept()
                    self.segment_clicked.emit(node.sent_step)
                    return
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._click_taken:
            self._click_taken = False
            event.accept()
            return
        super().mouseReleaseEvent(event)


def _end_y(axis: LadderAxis, record: SegmentRecord) -> float:
    if record.end_step is None:
        return axis.bottom
    return axis.y_of(record.end_step)


def _current_segment_ids(step: Step | None) -> set[int]:
    if step is None:
        return set()
    ids = set(step.sent)
    if step.segment is not None:
        ids.add(step.segment.id)
    return ids

