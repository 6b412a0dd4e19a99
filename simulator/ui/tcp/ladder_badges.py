"""The ladder's state badges: an endpoint's RFC 9293 state, beside its lifeline, at the step
it was entered (the current one in the current-state colours, as in the state diagrams)."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QFontMetricsF, QPainter
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from simulator.models.tcp.states import TcpState
from simulator.ui.common import palette
from simulator.ui.tcp.ladder_fonts import FONT_UNITS, ladder_font

Z_BADGE = 3


def badge_size(state: TcpState) -> tuple[float, float]:
    """Width and height of a state's badge, in scene units."""
    fm = QFontMetricsF(ladder_font(FONT_UNITS, bold=True))
    return fm.horizontalAdvance(state.rfc_name) + 12, fm.height() + 4


class StateBadgeItem(QGraphicsItem):
    """A small box with an RFC state name beside a lifeline, at the step it was entered."""

    def __init__(self, state: TcpState, anchor: QPointF, align_right: bool, step: int) -> None:
        super().__init__()
        self.state = state
        self.step = step
        self.is_current = False
        w, h = badge_size(state)
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
                                palette.look_for(widget), ladder_font(FONT_UNITS, bold=True),
                                border=2.0, radius=4)

