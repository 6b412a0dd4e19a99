"""The graphics items of the state diagram: the state boxes, the arcs and the arcs' labels.

Theory of operation
-------------------
Each item draws one thing where ``state_diagram_layout`` put it; the view sets its look at
the cursor: a box is filled when it is the endpoint's current state and pulses when a
transition kept that state (a retransmission, data); an arc is highlighted when its
transition was taken at the step, and a dot travels along it. An arc holds its table rows:
hovering it lists them (useful for the stubs into CLOSED, which have no label).

Colours are picked when painting, from the palette of the widget painted on
(``palette.look_for``), so a theme change needs only a repaint. A label's box is sized to
its text when built, so a language change needs the view to rebuild its items.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from simulator.models.tcp.states import TcpState
from simulator.models.tcp.table import Transition
from simulator.ui.common import palette
from simulator.ui.tcp.state_diagram_arcs import arc_label, row_text
from simulator.ui.tcp.state_diagram_layout import BOX_H, BOX_W


class StateBoxItem(QGraphicsItem):
    """A rounded box with the RFC name; filled when it is the current state."""

    def __init__(self, state: TcpState, centre: QPointF) -> None:
        super().__init__()
        self.state = state
        self.is_current = False
        self.pulse = 0.0  # 0..1: a transition that kept this state just fired
        self._rect = QRectF(centre.x() - BOX_W / 2, centre.y() - BOX_H / 2, BOX_W, BOX_H)
        self._font = palette.font(13, bold=True)
        self.setZValue(2)

    def rect(self) -> QRectF:
        return QRectF(self._rect)

    def set_look(self, current: bool, pulse: float) -> None:
        if (current, pulse) != (self.is_current, self.pulse):
            self.is_current, self.pulse = current, pulse
            self.update()

    def boundingRect(self) -> QRectF:
        return self._rect.adjusted(-9, -9, 9, 9)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        look = palette.look_for(widget)
        if self.pulse > 0:
            ring = QColor(palette.HIGHLIGHT)
            ring.setAlphaF(0.25 + 0.55 * self.pulse)
            painter.setPen(QPen(ring, 3.0 + 4.0 * self.pulse))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            grow = 2.0 + 3.0 * self.pulse
            painter.drawRoundedRect(self._rect.adjusted(-grow, -grow, grow, grow), 9, 9)
        palette.paint_state_box(painter, self._rect, self.state, self.is_current, look,
                                self._font, border=2.5, radius=7)


class ArcItem(QGraphicsItem):
    """One (state, next) pair of the table: a curve or a stub, its label, and its rows."""

    def __init__(self, state: TcpState, nxt: TcpState, rows: list[Transition],
                 path: QPainterPath, minor: bool) -> None:
        super().__init__()
        self.state, self.next, self.rows, self.minor = state, nxt, rows, minor
        self.label_text = arc_label(rows)
        self.is_highlighted = False
        self.dot: float | None = None
        self._path = path
        self._head = self._arrow_head()
        self.setToolTip("\n".join(f"{r.state.rfc_name} → {r.next.rfc_name}: {row_text(r)}"
                                  f"  ({r.rfc})" for r in rows))
        self.setZValue(1)

    @property
    def key(self) -> tuple[TcpState, TcpState]:
        return (self.state, self.next)

    def path(self) -> QPainterPath:
        return QPainterPath(self._path)

    def _arrow_head(self) -> QPolygonF:
        tip = self._path.pointAtPercent(1.0)
        back = self._path.pointAtPercent(0.94 if self._path.length() > 60 else 0.8)
        angle = math.atan2(tip.y() - back.y(), tip.x() - back.x())
        size = 6.0 if self.minor else 9.0
        return QPolygonF([
            tip,
            tip - QPointF(math.cos(angle - 0.42) * size, math.sin(angle - 0.42) * size),
            tip - QPointF(math.cos(angle + 0.42) * size, math.sin(angle + 0.42) * size),
        ])

    def set_look(self, highlighted: bool, dot: float | None) -> None:
        if (highlighted, dot) != (self.is_highlighted, self.dot):
            self.is_highlighted, self.dot = highlighted, dot
            self.setZValue(3 if highlighted else 1)
            self.update()

    def boundingRect(self) -> QRectF:
        return self._path.boundingRect().united(self._head.boundingRect()).adjusted(
            -10, -10, 10, 10)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        look = palette.look_for(widget)
        if self.is_highlighted:
            painter.setPen(QPen(palette.HIGHLIGHT_GLOW, 10.0, Qt.PenStyle.SolidLine,
                                Qt.PenCapStyle.RoundCap))
            painter.drawPath(self._path)
            pen = QPen(look.current_state_border, 3.0)
            colour = look.current_state_border
        elif self.minor:
            pen = QPen(look.muted, 1.0, palette.DASHED)
            colour = look.muted
        else:
            pen = QPen(look.lifeline, 1.3)
            colour = look.lifeline
        painter.setPen(pen)
        painter.drawPath(self._path)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawPolygon(self._head)
        if self.minor:  # the "◉" that stands for CLOSED
            end = self._path.pointAtPercent(1.0)
            painter.setPen(QPen(colour, 1.2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawEllipse(end, 6.0, 6.0)
            painter.setBrush(colour)
            painter.drawEllipse(end, 3.0, 3.0)
        if self.dot is not None:
            painter.setPen(QPen(look.background, 1.5))
            painter.setBrush(look.current_state_border)
            painter.drawEllipse(self._path.pointAtPercent(min(1.0, max(0.0, self.dot))), 6, 6)


class ArcLabelItem(QGraphicsItem):
    """An arc's label: small text on a translucent background."""

    def __init__(self, text: str, anchor: QPointF, align: int, minor: bool) -> None:
        super().__init__()
        self.text = text
        self.is_highlighted = False
        self._font = palette.font(10.5 if not minor else 9.5)
        self._minor = minor
        fm = QFontMetricsF(palette.font(self._font.pixelSize(), bold=True))
        lines = text.split("\n")
        w = max(fm.horizontalAdvance(line) for line in lines) + 4
        h = fm.height() * len(lines) + 2
        x = anchor.x() - w / 2 if align == 0 else (anchor.x() if align > 0 else anchor.x() - w)
        self._rect = QRectF(x, anchor.y() - h / 2, w, h)
        self._align = {0: Qt.AlignmentFlag.AlignHCenter, 1: Qt.AlignmentFlag.AlignLeft,
                       -1: Qt.AlignmentFlag.AlignRight}[align]
        self.setZValue(4)

    def set_highlighted(self, on: bool) -> None:
        if on != self.is_highlighted:
            self.is_highlighted = on
            self.update()

    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        look = palette.look_for(widget)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(look.highlighted_label_fill if self.is_highlighted
                         else look.label_background)
        painter.drawRoundedRect(self._rect, 3, 3)
        font = palette.font(self._font.pixelSize(), bold=self.is_highlighted)
        painter.setFont(font)
        painter.setPen(look.ink if not self._minor or self.is_highlighted else look.muted)
        painter.drawText(self._rect, self._align | Qt.AlignmentFlag.AlignVCenter, self.text)
