"""The graphics items of the ladder that follow the segments: arrows, whose labels are
``ladder_label``'s (the frame they stand in is ``ladder_frame``, the state badges beside it
``ladder_badges``).

Theory of operation
-------------------
Each item draws one thing from numbers it is given (``ladder_layout`` decides where): an
arrow's geometry is fixed when it is built, and the cursor only sets how far the segment
has travelled (``fraction``), whether it is shown and whether it is the current step's
(``current_segment_ids``); a click near it is found by its ``distance_to``.
Label placement is the view's job (``SegmentArrowItem.label_candidates`` lists the spots
it may try: along the arrow, or level beside it). No item keeps protocol state: a segment's
facts come from its SegmentRecord, its marks in words and the HTTP message it starts
(``ladder_facts``); the label's lines are ``ladder_label``'s.

Colours are picked when painting, from the palette of the widget painted on (the view's
viewport), so a theme change needs only a repaint; words (the label's notes, the tooltip,
"lost") are translated when the item is built or painted, so a language change needs the
view to rebuild its labels (``SegmentArrowItem.set_numbers``).
"""

from __future__ import annotations

import math

from PySide6.QtCore import QCoreApplication, QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPen,
    QPolygonF,
    QTransform,
)
from PySide6.QtWidgets import (
    QGraphicsObject,
    QStyleOptionGraphicsItem,
    QWidget,
)

from simulator.models.http.snapshot import MessageKind
from simulator.models.timeline.ladder_http import LadderMessage
from simulator.models.timeline.segment_marks import SegmentMark
from simulator.models.timeline.steps import Fate, SegmentRecord, Step
from simulator.ui.common import palette
from simulator.ui.tcp.ladder_axis import format_time
from simulator.ui.tcp.ladder_fonts import HEADING_UNITS, ladder_font
from simulator.ui.tcp.ladder_label import (
    LabelLine,
    LabelSpot,
    LineStyle,
    Run,
    SegmentLabelItem,
    mark_text,
)

MAX_TILT = 30.0  # degrees: a steeper arrow's label stands level beside it

Z_BREAK, Z_MARKER, Z_LIFELINE, Z_ARROW, Z_CURRENT = -3, -2, -1, 1, 2


class SegmentArrowItem(QGraphicsObject):
    """One segment's arrow. Geometry is fixed at build time; the cursor sets how far along
    the segment has travelled (``fraction``), whether it is shown, and whether it is current.
    """

    HEAD = 9.0
    DOT = 4.5
    MARGIN = 12.0  # a label along the arrow keeps this far from its ends

    def __init__(self, record: SegmentRecord, start: QPointF, end: QPointF,
                 receiver: QPointF, marks: tuple[SegmentMark, ...] = (),
                 message: LadderMessage | None = None) -> None:
        super().__init__()
        self.record = record
        self.segment_id = record.id
        self.sent_step = record.sent_step
        self.kind = palette.segment_kind(record)
        self.style = palette.SEGMENT_STYLES[self.kind]
        self.is_lost = record.fate is Fate.LOST
        self.marks = marks
        self.message = message
        self.is_retransmission = record.retransmission  # the model's answer, marked in marks
        self.is_current = False
        self.fraction = 1.0
        self.label_text = ""
        self._start, self._end, self._receiver = start, end, receiver
        # The label is an item of its own, under every arrow (Z_LABEL): another arrow that
        # crosses it stays in sight. Whoever adds the arrow to a scene adds it too.
        self._label = SegmentLabelItem(self.kind, self)
        self._spot = LabelSpot(0.3, True)
        self._obstacle: QPainterPath | None = None
        self._obstacle_box: QRectF | None = None
        line = QLineF(start, receiver)
        self._steep = abs(line.dy()) > abs(line.dx()) * math.tan(math.radians(MAX_TILT))
        self._hit_width = 12.0
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

    def label_item(self) -> SegmentLabelItem:
        return self._label

    def label_lines(self) -> list[str]:
        """The label's lines as drawn."""
        return self._label.texts()

    @property
    def http_title(self) -> str | None:
        """The HTTP start line this segment carries ('POST /login'), if any."""
        return self.message.title if self.message is not None else None

    # -- updates from the view
    def set_numbers(self, full: str, numbers: str) -> None:
        """Write the label: ``full`` "[SYN, ACK] seq=0 ack=1 len=0" and ``numbers`` alone
        "seq=0 ack=1 len=0", as the numbers module wrote them."""
        r = self.record
        head_parts = [r.flags_text]
        if r.length:
            head_parts.append(QCoreApplication.translate("LadderArrow", "+{n} B").format(
                n=r.length))
        marks = [mark_text(m) for m in self.marks]
        lines: list[LabelLine] = []
        extras: list[str] = head_parts[1:]
        if self.message is not None:
            request = self.message.message.kind is MessageKind.REQUEST
            lines.append(LabelLine.of(self.message.title,
                                      LineStyle.REQUEST if request else LineStyle.RESPONSE))
            extras.append(self.message.title)
            header = self.message.cookie_header
            if header is not None:
                cookie = f"{header}: {', '.join(self.message.cookie_names)}"
                lines.append(LabelLine.of(cookie, LineStyle.COOKIE))
                extras.append(cookie)
        head = [Run("  ".join(head_parts), LineStyle.FLAGS)]
        if marks:
            head.append(Run(" · ".join(marks), LineStyle.MARKS))
        lines.append(LabelLine(tuple(head)))
        lines.append(LabelLine.of(numbers, LineStyle.NUMBERS))
        self.label_text = "  ".join([full, *extras[:1], *marks, *extras[1:]])
        self._label.set_lines(lines, self.label_room())
        self.setToolTip("\n".join([full, *extras, *marks, _life_text(r)]))

    def label_room(self) -> float:
        """How wide the label may be: the arrow's length, less a margin at each end (a lost
        segment's label may reach past where it was lost); beside a steep arrow, about half
        the way across."""
        line = QLineF(self._start, self._receiver)
        if self.steep:
            return max(120.0, abs(line.dx()) * 0.75)
        return max(150.0, line.length() * (0.8 if self.is_lost else 1.0) - 2 * self.MARGIN)

    @property
    def steep(self) -> bool:
        """Too steep for words along it: its label stands level beside it."""
        return self._steep

    # -- label placement (the view picks the spot that collides with the least)
    LABEL_FRACTIONS = (0.3, 0.42, 0.55, 0.68, 0.2, 0.8)
    LOST_LABEL_FRACTIONS = (0.5, 0.38, 0.62)

    def label_candidates(self) -> list[LabelSpot]:
        fractions = self.LOST_LABEL_FRACTIONS if self.is_lost else self.LABEL_FRACTIONS
        spots = [LabelSpot(f, above) for f in fractions for above in (True, False)]
        spots.append(LabelSpot(0.0, True, along=False))
        if not self.is_lost:
            spots.append(LabelSpot(1.0, False, along=False))
        return spots

    def _label_line(self) -> QLineF:
        return QLineF(self._start, self._end if self.is_lost else self._receiver)

    def _label_transform(self, spot: LabelSpot) -> tuple[QPointF, float]:
        line = self._label_line()
        if not spot.along:  # level, just off a lifeline
            at = line.p1() if spot.fraction == 0.0 else line.p2()
            inward = 1.0 if (line.dx() >= 0) == (spot.fraction == 0.0) else -1.0
            return QPointF(at.x() + inward * (self._label.width() / 2 + 6.0), at.y()), 0.0
        length = max(line.length(), 1.0)
        if self.steep:
            return self._level_beside(line, spot), 0.0
        half = self._label.width() / 2 + self.MARGIN
        along = min(max(spot.fraction * length, half), max(half, length - half))
        angle = math.degrees(math.atan2(line.dy(), line.dx()))
        if line.dx() < 0:
            angle += 180.0
        return line.pointAt(min(along / length, 1.0)), angle

    def _level_beside(self, line: QLineF, spot: LabelSpot) -> QPointF:
        """The anchor of a level label centred beside a steep line at ``spot.fraction`` of
        it: right of the line for an upper spot, left for a lower one, clear of it."""
        w, h = self._label.width(), self._label.local_rect(spot.above).height()
        at = line.pointAt(spot.fraction)
        slope = line.dx() / line.dy() if line.dy() else 0.0
        xs = (at.x() - slope * h / 2, at.x() + slope * h / 2)  # the line at the box's edges
        x = (max(xs) + 4.0 + w / 2) if spot.above else (min(xs) - 4.0 - w / 2)
        y = at.y() + (h / 2 + SegmentLabelItem.GAP) * (1.0 if spot.above else -1.0)
        return QPointF(x, y)

    def label_reach(self) -> QRectF:
        """A box that holds every candidate spot's label (``label_candidates``), found
        without placing them. From the label's line a label lies at most: along it, half
        its width and its height and gap away (it turns about its anchor on the line);
        level beside a lifeline, its width and 6 px across and its height up or down;
        level beside a steep line, its width, 4 px and the line's run across half its
        height (``_level_beside``), and one and a half heights up or down. (A lost
        segment's line ends where it was lost, on the line to the receiver: the same
        slope.)"""
        w = self._label.width()
        h = self._label.local_rect(True).height()
        line = self._label_line()
        run = abs(line.dx() / line.dy()) * h / 2 if self.steep and line.dy() else 0.0
        reach = w + run + 2 * h + 2 * SegmentLabelItem.GAP + 8.0
        return QRectF(line.p1(), line.p2()).normalized().adjusted(-reach, -reach, reach, reach)

    def label_polygon(self, spot: LabelSpot) -> QPolygonF:
        """Where the label would lie, in scene coordinates."""
        anchor, angle = self._label_transform(spot)
        transform = QTransform().translate(anchor.x(), anchor.y()).rotate(angle)
        return transform.map(QPolygonF(self._label.local_rect(spot.above)))

    def place_label(self, spot: LabelSpot) -> None:
        anchor, angle = self._label_transform(spot)
        self._spot = spot
        self._label.set_side(spot.above)
        self._label.setPos(anchor)
        self._label.setRotation(angle)

    def set_hit_width(self, width: float) -> None:
        """How wide (scene units) the band around the line is that a click hits."""
        if width != self._hit_width:
            self.prepareGeometryChange()
            self._hit_width = width

    def own_mark(self) -> QPainterPath | None:
        """The loss mark (cross and word) its own label should keep off, if lost."""
        if not self.is_lost:
            return None
        area = QPainterPath()
        area.addRect(QRectF(self._end.x() - 10, self._end.y() - 12, 50, 24))
        return area

    def obstacle_box(self) -> QRectF:
        return self.obstacle().boundingRect() if self._obstacle_box is None else self._obstacle_box

    def obstacle(self) -> QPainterPath:
        """The drawn line (and the loss mark) as an area other labels should avoid."""
        if self._obstacle is None:
            path = QPainterPath(self._start)
            path.lineTo(self._end)
            stroker = QPainterPathStroker()
            stroker.setWidth(4.0)
            area = stroker.createStroke(path)
            if self.is_lost:
                area.addRect(QRectF(self._end.x() - 10, self._end.y() - 12, 50, 24))
            self._obstacle, self._obstacle_box = area, area.boundingRect()
        return self._obstacle

    def set_progress(self, visible: bool, fraction: float, current: bool) -> None:
        fraction = min(1.0, max(0.0, fraction))
        if visible != self.isVisible():
            self.setVisible(visible)
            self._label.setVisible(visible)
        if fraction != self.fraction or current != self.is_current:
            self.fraction = fraction
            self.is_current = current
            self.setZValue(Z_CURRENT if current else Z_ARROW)
            self._label.set_current(current)
            self.update()

    # -- painting
    def boundingRect(self) -> QRectF:
        return self._bounds

    def shape(self) -> QPainterPath:
        path = QPainterPath(self._start)
        path.lineTo(self.head())
        stroker = QPainterPathStroker()
        stroker.setWidth(self._hit_width)
        return stroker.createStroke(path)

    def distance_to(self, point: QPointF) -> float:
        """Distance (scene units) from ``point`` to the drawn part of the line."""
        a, b = self._start, self.head()
        d = b - a
        length2 = d.x() ** 2 + d.y() ** 2
        t = 0.0 if length2 == 0 else max(0.0, min(1.0, QPointF.dotProduct(point - a, d)
                                                  / length2))
        nearest = a + d * t
        return math.hypot(point.x() - nearest.x(), point.y() - nearest.y())

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
        painter.setFont(ladder_font(HEADING_UNITS, bold=True))
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
