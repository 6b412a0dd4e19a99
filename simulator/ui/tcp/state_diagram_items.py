"""The graphics items of the state diagram: the state boxes, the arcs, the arcs' labels and the
header and footer strips.

Theory of operation
-------------------
Each item draws one thing where the view put it, in the look of its role at the cursor
(``state_diagram_focus``): the current state's box large and strong (the ladder's "now"
look), the state just left outlined with a dashed "now" border, the others small with pale
fills and light borders, their names still in ink and semi-bold (a name must read from the
back of the room; a dark frame round it would read as brackets); the arc just taken thick
and orange with a dot travelling along it, the current state's outgoing arcs in ink, the rest
faint. Arcs stop just short of the boxes, so every name stands free. A box pulses (a ring
clear of it) when a transition kept its state (a retransmission, data). An arc holds its
table rows: hovering it lists them.

Every text is drawn in a font of at least the legibility floor's pixel size (the view never
scales its scene), and each item says which sizes it draws (``text_pixel_sizes``) so tests
can measure them. Colours are picked when painting, from the palette of the widget painted on
(``palette.look_for``), so a theme change needs only a repaint; they all come from
``palette``, so a further palette (high contrast) is added there.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from simulator.models.tcp.states import TcpState
from simulator.models.tcp.table import Transition
from simulator.ui.common import palette
from simulator.ui.tcp.state_diagram_arcs import row_tooltip
from simulator.ui.tcp.state_diagram_focus import ArcRole, BoxRole

Z_ARC, Z_BOX, Z_TAKEN, Z_LABEL, Z_STRIP = 1, 2, 3, 4, 10


def cached_look(item: QGraphicsItem, widget: QWidget | None) -> palette.TcpLook:
    """The look to paint ``item`` in. An item drawn into its cache is painted with no widget
    (Qt passes none): the look is then its view's, as when it is painted on the view."""
    if widget is None and (scene := item.scene()) is not None and scene.views():
        widget = scene.views()[0].viewport()
    return palette.look_for(widget)


class StateBoxItem(QGraphicsItem):
    """A rounded box with the RFC name, drawn in the look of its role."""

    def __init__(self, state: TcpState, key: str) -> None:
        super().__init__()
        self.state, self.key = state, key
        self.role = BoxRole.FAINT
        self.pulse = 0.0  # 0..1: a transition that kept this state just fired
        self._rect = QRectF()
        self._font = palette.font(12)
        self.setZValue(Z_BOX)
        # Drawn once into a picture of its own, redrawn only when its look changes
        # (``update``): the view repaints whole (FullViewportUpdate) at every step, and the
        # boxes' and labels' words were most of that. The view updates every item when the
        # palette changes.
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)

    @property
    def is_current(self) -> bool:
        return self.role is BoxRole.CURRENT

    def rect(self) -> QRectF:
        return QRectF(self._rect)

    def set_geometry(self, rect: QRectF, font: QFont) -> None:
        if rect != self._rect or font != self._font:
            self.prepareGeometryChange()
            self._rect, self._font = QRectF(rect), QFont(font)
            self.update()  # (its cached picture: the words may change size, not the box)

    def set_look(self, role: BoxRole, pulse: float) -> None:
        if (role, pulse) != (self.role, self.pulse):
            self.role, self.pulse = role, pulse
            self.update()

    def text_pixel_sizes(self) -> list[int]:
        return [self._font.pixelSize()]

    def boundingRect(self) -> QRectF:
        grow = 3 + self._rect.height() / 3
        return self._rect.adjusted(-grow, -grow, grow, grow)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        look = cached_look(self, widget)
        radius = self._rect.height() / 4
        if self.pulse > 0:  # a ring clear of the box, so the name stays free-standing
            ring = QColor(palette.HIGHLIGHT)
            ring.setAlphaF(0.25 + 0.55 * self.pulse)
            painter.setPen(QPen(ring, 2.0 + 3.0 * self.pulse))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            grow = self._rect.height() * 0.2 + 3.0 * self.pulse
            painter.drawRoundedRect(self._rect.adjusted(-grow, -grow, grow, grow),
                                    radius + grow, radius + grow)
        if self.is_current:
            palette.paint_state_box(painter, self._rect, self.state, True, look, self._font,
                                    border=3.0, radius=radius)
            return
        # Light outlines only: a dark ring round a name reads as a frame, not as text.
        left = self.role is BoxRole.LEFT
        painter.setPen(QPen(look.current_state_border, 2.0, palette.DASHED) if left
                       else QPen(look.faint, 1.0))
        painter.setBrush(look.state_fill(self.state))
        painter.drawRoundedRect(self._rect, radius, radius)
        painter.setFont(self._font)
        painter.setPen(look.ink)
        painter.drawText(self._rect, Qt.AlignmentFlag.AlignCenter, self.state.rfc_name)


class ArcItem(QGraphicsItem):
    """One (state, next) pair of the table: a curve or a stub into CLOSED, and its rows."""

    def __init__(self, state: TcpState, nxt: TcpState, rows: list[Transition],
                 minor: bool) -> None:
        super().__init__()
        self.state, self.next, self.rows, self.minor = state, nxt, rows, minor
        self.role = ArcRole.FAINT
        self.dot: float | None = None
        self._path = QPainterPath()
        self._head = QPolygonF()
        self._size = 9.0  # arrow head, ring and dot scale with the text
        self.setToolTip("\n".join(row_tooltip(r) for r in rows))
        self.setZValue(Z_ARC)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)  # as the boxes'

    @property
    def key(self) -> tuple[TcpState, TcpState]:
        return (self.state, self.next)

    @property
    def is_highlighted(self) -> bool:
        return self.role is ArcRole.TAKEN

    def path(self) -> QPainterPath:
        return QPainterPath(self._path)

    def set_path(self, path: QPainterPath, size: float) -> None:
        if size == self._size and path == self._path:
            return  # unchanged: nothing to repaint (most arcs, at most steps)
        self.prepareGeometryChange()
        self._path, self._size = QPainterPath(path), size
        self._head = self._arrow_head()
        self.update()  # (its cached picture: a new curve may fit the same box)

    def set_tooltip_rows(self) -> None:
        """Re-word the hover text (after a language change)."""
        self.setToolTip("\n".join(row_tooltip(r) for r in self.rows))

    def _arrow_head(self) -> QPolygonF:
        if self._path.isEmpty():
            return QPolygonF()
        tip = self._path.pointAtPercent(1.0)
        back = self._path.pointAtPercent(self._path.percentAtLength(
            max(0.0, self._path.length() - self._size)))
        angle = math.atan2(tip.y() - back.y(), tip.x() - back.x())
        size = self._size * (0.75 if self.minor else 1.0)
        return QPolygonF([
            tip,
            tip - QPointF(math.cos(angle - 0.42) * size, math.sin(angle - 0.42) * size),
            tip - QPointF(math.cos(angle + 0.42) * size, math.sin(angle + 0.42) * size),
        ])

    def set_look(self, role: ArcRole, dot: float | None) -> None:
        if (role, dot) != (self.role, self.dot):
            self.role, self.dot = role, dot
            self.setZValue(Z_TAKEN if role is ArcRole.TAKEN else Z_ARC)
            self.update()

    def boundingRect(self) -> QRectF:
        pad = self._size * 1.2
        return self._path.boundingRect().united(self._head.boundingRect()).adjusted(
            -pad, -pad, pad, pad)

    def shape(self) -> QPainterPath:
        """Hover within a few pixels of the line."""
        return QPainterPath(self._path) if self._path.isEmpty() \
            else _stroke(self._path, self._size)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        look = cached_look(self, widget)
        style = palette.DASHED if self.minor else Qt.PenStyle.SolidLine
        if self.role is ArcRole.TAKEN:
            painter.setPen(QPen(palette.HIGHLIGHT_GLOW, self._size, Qt.PenStyle.SolidLine,
                                Qt.PenCapStyle.FlatCap))
            painter.drawPath(self._path)
            colour, pen = look.current_state_border, QPen(look.current_state_border, 3.0)
        elif self.role is ArcRole.OUT:
            colour, pen = look.lifeline, QPen(look.lifeline, 1.8, style)
        else:
            colour, pen = look.faint, QPen(look.faint, 1.2, style)
        painter.setPen(pen)
        painter.drawPath(self._path)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawPolygon(self._head)
        if self.minor:  # the "◉" that stands for CLOSED
            end = self._path.pointAtPercent(1.0)
            ring = self._size * 0.7
            painter.setPen(QPen(colour, 1.2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawEllipse(end, ring, ring)
            painter.setBrush(colour)
            painter.drawEllipse(end, ring / 2, ring / 2)
        if self.dot is not None:
            painter.setPen(QPen(look.background, 1.5))
            painter.setBrush(look.current_state_border)
            r = self._size * 0.6
            painter.drawEllipse(self._path.pointAtPercent(min(1.0, max(0.0, self.dot))), r, r)


def _stroke(path: QPainterPath, width: float) -> QPainterPath:
    stroker = QPainterPathStroker()
    stroker.setWidth(width)
    return stroker.createStroke(path)


class ArcLabelItem(QGraphicsItem):
    """An arc's label on an opaque ground: large and bold for the arc just taken, plain for
    the current state's outgoing arcs; hidden for the others."""

    PAD = 3.0

    def __init__(self, key: tuple[TcpState, TcpState]) -> None:
        super().__init__()
        self.key = key
        self.lines: list[str] = []
        self.role = ArcRole.FAINT
        self._rect = QRectF()
        self._font = palette.font(12)
        self.setZValue(Z_LABEL)
        self.setVisible(False)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)  # as the boxes'

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    @property
    def is_highlighted(self) -> bool:
        return self.role is ArcRole.TAKEN

    def rect(self) -> QRectF:
        return QRectF(self._rect)

    @classmethod
    def size_for(cls, lines: list[str], font: QFont) -> tuple[float, float]:
        fm = QFontMetricsF(font)
        width = max(fm.horizontalAdvance(line) for line in lines) + 2 * cls.PAD
        return width, fm.height() * len(lines) + cls.PAD

    def show_at(self, lines: list[str], rect: QRectF, font: QFont, role: ArcRole) -> None:
        if (self.isVisible() and lines == self.lines and rect == self._rect and role == self.role
                and font == self._font):
            return  # already shown so: nothing to repaint
        self.prepareGeometryChange()
        self.lines, self._rect, self._font, self.role = list(lines), QRectF(rect), font, role
        self.setVisible(True)
        self.update()

    def text_pixel_sizes(self) -> list[int]:
        return [self._font.pixelSize()] if self.isVisible() and self.lines else []

    def boundingRect(self) -> QRectF:
        return QRectF(self._rect)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        look = cached_look(self, widget)
        taken = self.role is ArcRole.TAKEN
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(look.highlighted_label_fill if taken else look.label_background)
        painter.drawRoundedRect(self._rect, 4, 4)
        painter.setFont(self._font)
        painter.setPen(look.ink)
        painter.drawText(self._rect, Qt.AlignmentFlag.AlignCenter, self.text)


class StripItem(QGraphicsItem):
    """A band across the top (title and caption) or the bottom (legend) of the visible view,
    on the view's background, drawn as runs of text left to right; the last run is elided
    when the band is too narrow (its full text is the tooltip)."""

    INK, STRONG, MUTED = "ink", "strong", "muted"

    def __init__(self) -> None:
        super().__init__()
        self._runs: list[tuple[str, QFont, str]] = []
        self._rect = QRectF()
        self.setZValue(Z_STRIP)

    def set_runs(self, runs: list[tuple[str, QFont, str]], width: float) -> None:
        self.prepareGeometryChange()
        self._runs = [run for run in runs if run[0]]
        height = max((self.height_for(f) for _, f, _ in self._runs), default=0.0)
        self._rect = QRectF(0, 0, width, height)
        self.setToolTip("  ".join(text for text, _, _ in self._runs))
        self.update()

    def height(self) -> float:
        return self._rect.height()

    @staticmethod
    def height_for(font: QFont) -> float:
        """A band for one line of ``font``: by its pixel size (a CJK fallback family's line
        is much taller than the Latin or Han glyphs need)."""
        return math.ceil(font.pixelSize() * 1.35) + 6.0

    def text_pixel_sizes(self) -> list[int]:
        return [f.pixelSize() for _, f, _ in self._runs] if self.isVisible() else []

    def boundingRect(self) -> QRectF:
        return QRectF(self._rect)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        look = palette.look_for(widget)
        painter.fillRect(self._rect, look.background)
        colours = {self.INK: look.ink, self.STRONG: look.current_state_border,
                   self.MUTED: look.muted}
        x = 6.0
        for i, (text, font, colour) in enumerate(self._runs):
            fm = QFontMetricsF(font)
            room = self._rect.width() - x - 6
            shown = text if i < len(self._runs) - 1 else fm.elidedText(
                text, Qt.TextElideMode.ElideRight, room)
            painter.setFont(font)
            painter.setPen(colours[colour])
            baseline = (self._rect.height() + fm.ascent() - fm.descent()) / 2
            painter.drawText(QPointF(x, baseline), shown)
            x += fm.horizontalAdvance(shown) + fm.height() * 0.8
