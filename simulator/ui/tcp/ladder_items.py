"""The graphics items of the ladder that follow the segments: arrows with their labels and
state badges (the frame they stand in is ``ladder_frame``).

Theory of operation
-------------------
Each item draws one thing from numbers it is given (``ladder_layout`` decides where): an
arrow's geometry is fixed when it is built, and the cursor only sets how far the segment
has travelled (``fraction``), whether it is shown and whether it is the current step's
(``current_segment_ids``); a click is traced back to its arrow by ``arrow_at``.
Label placement is the view's job (``SegmentArrowItem.label_candidates`` lists the spots
it may try). No item keeps protocol state; a segment's facts come from its SegmentRecord.

Colours are picked when painting, from the palette of the widget painted on (the view's
viewport), so a theme change needs only a repaint; words (the label's notes, the tooltip,
"lost") are translated when the item is built or painted, so a language change needs the
view to rebuild its labels (``SegmentArrowItem.set_numbers``).
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication, QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPen,
    QPolygonF,
    QTransform,
)
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsObject,
    QStyleOptionGraphicsItem,
    QWidget,
)

from simulator.models.tcp.states import TcpState
from simulator.models.timeline.steps import Fate, SegmentRecord, Step
from simulator.ui.common import palette
from simulator.ui.tcp.ladder_layout import format_time

Z_BREAK, Z_MARKER, Z_LIFELINE, Z_ARROW, Z_CURRENT, Z_BADGE = -3, -2, -1, 1, 2, 3


@functools.cache
def ladder_font(pixel_size: float, bold: bool = False) -> QFont:
    """palette.font, made once per size: items are built and painted by the dozen per seek
    on a long capture. (A QFont is a value: setFont copies it.)"""
    return palette.font(pixel_size, bold=bold)


class SegmentLabelItem(QGraphicsItem):
    """Two lines along an arrow: flags (in the kind's colour) and the numbers."""

    PAD = 3.0

    def __init__(self, kind: palette.SegmentKind, parent: QGraphicsItem) -> None:
        super().__init__(parent)
        self._kind = kind
        self._head_font = ladder_font(11, bold=True)
        self._body_font = ladder_font(11)
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
        look = palette.look_for(widget)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(look.label_background)
        # An antialiased fill of a rotated box costs ~25x more, and near the background's
        # colour its edge does not show: mask the lines under the text without it.
        antialiased = painter.testRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.drawRoundedRect(self._rect, 3, 3)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, antialiased)
        hm = QFontMetricsF(self._head_font)
        x = self._rect.left() + self.PAD
        painter.setFont(self._head_font)
        painter.setPen(look.segment(self._kind))
        painter.drawText(QPointF(x, self._rect.top() + hm.ascent()), self._lines[0])
        painter.setFont(self._body_font)
        painter.setPen(look.ink)
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
        self._label = SegmentLabelItem(self.kind, self)
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
            head_parts.append(QCoreApplication.translate("LadderArrow", "+{n} B").format(
                n=r.length))
        if r.retransmission:
            head_parts.append(QCoreApplication.translate("LadderArrow", "(retransmission)"))
        if r.duplicate:
            head_parts.append(QCoreApplication.translate("LadderArrow", "(duplicate)"))
        head = "  ".join(head_parts)
        body = full.split("] ", 1)[1] if "] " in full else full
        self.label_text = full + "".join(f"  {p}" for p in head_parts[1:])
        self._label.set_lines(head, body)
        self.setToolTip(self.label_text + "\n" + _life_text(r))

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
        look = palette.look_for(widget)
        colour = look.segment(self.kind)
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
            painter.setPen(QPen(look.background, 1.5))
            painter.setBrush(colour)
            painter.drawEllipse(head, self.DOT + (1.5 if self.is_current else 0.0),
                                self.DOT + (1.5 if self.is_current else 0.0))
        elif self.is_lost:
            self._paint_cross(painter, look.lost)
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

    def _paint_cross(self, painter: QPainter, colour: QColor) -> None:
        c, s = self._end, 7.0
        painter.setPen(QPen(colour, 3.0, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        painter.drawLine(QLineF(c.x() - s, c.y() - s, c.x() + s, c.y() + s))
        painter.drawLine(QLineF(c.x() - s, c.y() + s, c.x() + s, c.y() - s))
        painter.setFont(ladder_font(12, bold=True))
        painter.drawText(QPointF(c.x() + s + 4, c.y() + 5),
                         QCoreApplication.translate("LadderArrow", "lost"))


def _life_text(r: SegmentRecord) -> str:
    """The tooltip's second line: who sent the segment when, and what became of it."""
    sender = (QCoreApplication.translate("LadderArrow", "client") if r.src == "client"
              else QCoreApplication.translate("LadderArrow", "server") if r.src == "server"
              else r.src)
    sent = format_time(r.sent_at)
    if r.fate is Fate.DELIVERED and r.end_at is not None:
        return QCoreApplication.translate(
            "LadderArrow", "sent at {sent} by the {sender}; delivered at {end}").format(
            sent=sent, sender=sender, end=format_time(r.end_at))
    if r.fate is Fate.LOST and r.end_at is not None:
        return QCoreApplication.translate(
            "LadderArrow", "sent at {sent} by the {sender}; lost at {end}").format(
            sent=sent, sender=sender, end=format_time(r.end_at))
    if r.fate is Fate.LOST:
        return QCoreApplication.translate(
            "LadderArrow", "sent at {sent} by the {sender}; lost").format(
            sent=sent, sender=sender)
    if r.fate is Fate.DELIVERED:
        return QCoreApplication.translate(
            "LadderArrow", "sent at {sent} by the {sender}; delivered").format(
            sent=sent, sender=sender)
    return QCoreApplication.translate(
        "LadderArrow", "sent at {sent} by the {sender}; still in flight").format(
        sent=sent, sender=sender)


def current_segment_ids(step: Step | None) -> set[int]:
    """The segments whose arrows are the step's own: those it sent and the one it received."""
    if step is None:
        return set()
    ids = set(step.sent)
    if step.segment is not None:
        ids.add(step.segment.id)
    return ids


def arrow_at(items: Iterable[QGraphicsItem]) -> SegmentArrowItem | None:
    """The first visible arrow that one of ``items`` (those under a click, topmost first)
    is, or belongs to (its label)."""
    for item in items:
        node: QGraphicsItem | None = item
        while node is not None and not isinstance(node, SegmentArrowItem):
            node = node.parentItem()
        if isinstance(node, SegmentArrowItem) and node.isVisible():
            return node
    return None


class StateBadgeItem(QGraphicsItem):
    """A small box with an RFC state name beside a lifeline, at the step it was entered."""

    def __init__(self, state: TcpState, anchor: QPointF, align_right: bool, step: int) -> None:
        super().__init__()
        self.state = state
        self.step = step
        self.is_current = False
        self._font = ladder_font(11, bold=True)
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
        palette.paint_state_box(painter, self._rect, self.state, self.is_current,
                                palette.look_for(widget), self._font, border=2.0, radius=4)
