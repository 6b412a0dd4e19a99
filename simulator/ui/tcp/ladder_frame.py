"""The frame of the ladder: lifelines, the time axis, the bands where idle time is cut out,
and the "now" line (the endpoints' header is pinned above the scene: ``ladder_header``).

Theory of operation
-------------------
The frame spans the whole connection, which for a replayed capture is millions of pixels
tall with thousands of breaks and ticks. Lifelines and the time axis are therefore one item
each that draws only the stretch being repainted (``exposedRect``, found by binary search
in the layout's arrays); a break band is built per break, and only near the window (see
``ladder_view``), with its text worked out when first drawn.

Colours come from the palette of the widget painted on (``palette.look_for``), so a theme
change is a repaint. Words are translated when drawn (headers) or when first needed
(breaks); the view rebuilds its items on a language change.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numpy.typing import NDArray
from PySide6.QtCore import QCoreApplication, QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsLineItem, QStyleOptionGraphicsItem, QWidget

from simulator.ui.common import palette
from simulator.ui.tcp.ladder_axis import format_duration, format_time
from simulator.ui.tcp.ladder_fonts import FONT_UNITS, HEADING_UNITS, ladder_font
from simulator.ui.tcp.ladder_items import Z_BREAK, Z_LIFELINE, Z_MARKER
from simulator.ui.tcp.ladder_layout import BreakCause, BreakNote, Lanes


def break_lines(note: BreakNote) -> tuple[str, str]:
    """A break band's headline and detail, e.g. '⋯ 240 s later ⋯'."""
    headline = QCoreApplication.translate("LadderBreak", "⋯ {duration} later ⋯").format(
        duration=format_duration(note.duration))
    if note.cause is BreakCause.TIME_WAIT:
        return headline, QCoreApplication.translate(
            "LadderBreak", "TIME-WAIT timer expires · gap not drawn to scale")
    if note.cause is BreakCause.RETRANSMISSION:
        return headline, QCoreApplication.translate(
            "LadderBreak", "retransmission timer expires (RTO = {rto}) · not to scale").format(
            rto=format_duration(note.rto))
    return headline, QCoreApplication.translate(
        "LadderBreak", "nothing happens meanwhile · not to scale")


class LifelineItem(QGraphicsItem):
    """A vertical line, dotted where the time axis is compressed (``tops`` and ``bottoms``
    of those stretches, ascending). Only the stretch being repainted is drawn: a capture's
    lifeline can have thousands of dotted gaps."""

    def __init__(self, x: float, top: float, bottom: float,
                 gaps: tuple[NDArray[np.float64], NDArray[np.float64]]) -> None:
        super().__init__()
        self._x, self._top, self._bottom = x, top, bottom
        self._tops, self._bottoms = gaps
        self.setZValue(Z_LIFELINE)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)

    def boundingRect(self) -> QRectF:
        return QRectF(self._x - 2, self._top, 4, self._bottom - self._top)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        exposed = option.exposedRect
        lo, hi = exposed.top() - 4, exposed.bottom() + 4
        look = palette.look_for(widget)
        solid = QPen(look.lifeline, 2.0)
        dotted = QPen(look.muted, 2.0, palette.DOTTED)
        first = int(np.searchsorted(self._bottoms, lo, side="left"))
        last = int(np.searchsorted(self._tops, hi, side="right"))
        y = float(self._bottoms[first - 1]) if first > 0 else self._top
        x = self._x
        for a, b in zip(self._tops[first:last].tolist(), self._bottoms[first:last].tolist(),
                        strict=True):
            if a > max(y, lo):
                painter.setPen(solid)
                painter.drawLine(QLineF(x, max(y, lo), x, a))
            painter.setPen(dotted)
            painter.drawLine(QLineF(x, a, x, b))
            y = b
        if min(self._bottom, hi) > max(y, lo):
            painter.setPen(solid)
            painter.drawLine(QLineF(x, max(y, lo), x, min(self._bottom, hi)))


class TimeAxisItem(QGraphicsItem):
    """The time of every step where the clock moved, right-aligned left of the client's
    lifeline (``ys`` ascending). Only ticks at or before the cursor are shown, and only the
    ones in the stretch being repainted are drawn: one item for 200,000 ticks."""

    def __init__(self, ys: NDArray[np.float64], times: NDArray[np.float64],
                 decimals: int | None, bottom: float, right: float) -> None:
        super().__init__()
        self._ys, self._times, self._decimals = ys, times, decimals
        self._bottom, self._right = bottom, right
        self._shown = 0  # ticks 0 .. shown-1 are at or before the cursor
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)

    def set_shown(self, count: int) -> None:
        if count != self._shown:
            self._shown = count
            self.update()

    def shown_texts(self) -> list[str]:
        """The tick labels shown at the cursor (for tests; a long timeline has many)."""
        return [format_time(float(t), self._decimals) for t in self._times[: self._shown]]

    def boundingRect(self) -> QRectF:
        return QRectF(0, 0, self._right + 2, self._bottom)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        exposed = option.exposedRect
        first = int(np.searchsorted(self._ys, exposed.top() - 12, side="left"))
        last = min(self._shown, int(np.searchsorted(self._ys, exposed.bottom() + 12,
                                                    side="right")))
        if first >= last:
            return
        font = ladder_font(FONT_UNITS)
        painter.setFont(font)
        painter.setPen(palette.look_for(widget).muted)
        fm = QFontMetricsF(font)
        for y, t in zip(self._ys[first:last].tolist(), self._times[first:last].tolist(),
                        strict=True):
            text = format_time(t, self._decimals)
            painter.drawText(QPointF(self._right - fm.horizontalAdvance(text),
                                     y - fm.height() / 2 + fm.ascent()), text)


class BreakItem(QGraphicsItem):
    """The band where a long idle gap is cut out of the time axis, with its real duration."""

    def __init__(self, top: float, bottom: float, text: Callable[[], tuple[str, str]],
                 lanes: Lanes) -> None:
        super().__init__()
        self._rect = QRectF(lanes.time_right + 6, top, lanes.width - lanes.time_right - 12,
                            bottom - top)
        self._lanes = lanes
        self._text = text
        self._lines: tuple[str, str] | None = None
        self.setZValue(Z_BREAK)

    @property
    def headline(self) -> str:
        return self.lines()[0]

    @property
    def detail(self) -> str:
        return self.lines()[1]

    def lines(self) -> tuple[str, str]:
        """Headline and detail, worked out when first needed (most breaks built near the
        window's edge are never drawn)."""
        if self._lines is None:
            self._lines = self._text()
        return self._lines

    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        look = palette.look_for(widget)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(look.break_fill)
        painter.drawRect(self._rect)
        zig = QPen(look.faint, 1.0)
        painter.setPen(zig)
        for y in (self._rect.top(), self._rect.bottom()):
            painter.drawLine(QLineF(self._rect.left(), y, self._rect.right(), y))
        lanes = self._lanes
        mid = QRectF(lanes.client_x + 10, self._rect.top(), lanes.span - 20,
                     self._rect.height())
        wrap = Qt.TextFlag.TextWordWrap
        painter.setFont(ladder_font(HEADING_UNITS, bold=True))
        painter.setPen(look.ink)
        painter.drawText(mid.adjusted(0, 0, 0, -mid.height() / 2 + 2),
                         Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom | wrap,
                         self.headline)
        painter.setFont(ladder_font(FONT_UNITS))
        painter.setPen(look.muted)
        painter.drawText(mid.adjusted(0, mid.height() / 2 + 2, 0, 0),
                         Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | wrap,
                         self.detail)


class NowLineItem(QGraphicsLineItem):
    """The dashed "now" line across both lanes, at the cursor."""

    def __init__(self, lanes: Lanes) -> None:
        super().__init__()
        self._lanes = lanes
        self.setPen(QPen(palette.HIGHLIGHT, 1.5, palette.DASHED))
        self.setZValue(Z_MARKER)

    def set_y(self, y: float) -> None:
        self.setLine(self._lanes.time_right + 4, y, self._lanes.width - 8, y)

    def line_y(self) -> float:
        """Where the line is (0 until it is first placed)."""
        return self.line().y1()
