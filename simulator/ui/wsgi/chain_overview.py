"""The whole call chain at a glance: an icicle chart with the cursor and the current stack.

Theory of operation
-------------------
Each recorded call is a bar from its CALL event to its RETURN event (x: event number, y: its
depth), coloured by whose code it is, so the request's shape shows at once: the server's
frames on top, Flask under them, the app's hooks and view at the bottom of the deep parts.
``call_spans`` derives the bars from the chain's events (a pure replay, as
``CallChain.stack_at``); the chart is painted once per chain, size and theme into an image, and
a step only draws the cursor line and outlines the frames of the current stack on top of it —
so a chain with a hundred thousand events costs one paint, not one per step. A click asks to
go to the event under the mouse (``event_clicked``). The chart has no words; the tooltip and
the "no call chain" note follow the interface language.

Its sizes follow the text size (``legibility``): a depth level is about half a line of text
tall and the chart's height range grows with it, so zoom and presentation mode enlarge the
chart with the words around it; the note is drawn at the body size, which
``rendered_text_px()`` reports (the convention of ``legibility.text_font``).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QImage, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from simulator.models.wsgi.call_chain import ActiveFrame, CallChain, FrameEventKind, FrameRole
from simulator.ui.common import palette
from simulator.ui.common.legibility import legibility, text_font
from simulator.ui.text.i18n import is_language_change

ROW_EMS = 0.58  # a depth level, in text sizes (7 px at 12 px text; less for a deep chain)
HEIGHT_EMS = (5.3, 9.2)  # the chart's least and most height, in text sizes (64–110 px at 12)
MARGIN = 3


@dataclass(frozen=True)
class CallSpan:
    start: int  # the CALL event
    end: int  # the RETURN event (or the last event, for a call cut short)
    depth: int
    role: FrameRole


def call_spans(chain: CallChain) -> tuple[CallSpan, ...]:
    """One span per CALL, ended by the RETURN at its depth (a pure replay of the events)."""
    spans: list[CallSpan] = []
    open_calls: list[tuple[int, int, FrameRole]] = []  # (start, depth, role)
    last = len(chain.events) - 1
    for e in chain.events:
        if e.kind is FrameEventKind.CALL:
            while open_calls and open_calls[-1][1] >= e.depth:  # return not recorded
                start, depth, role = open_calls.pop()
                spans.append(CallSpan(start, max(e.index - 1, start), depth, role))
            open_calls.append((e.index, e.depth, e.role))
        elif e.kind is FrameEventKind.RETURN:
            while open_calls and open_calls[-1][1] > e.depth:
                start, depth, role = open_calls.pop()
                spans.append(CallSpan(start, e.index, depth, role))
            if open_calls and open_calls[-1][1] == e.depth:
                start, depth, role = open_calls.pop()
                spans.append(CallSpan(start, e.index, depth, role))
    spans.extend(CallSpan(start, last, depth, role) for start, depth, role in open_calls)
    return tuple(spans)


class ChainOverview(QWidget):
    event_clicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # its preferred height, less (down to its minimum) when the panel is short
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self._chain: CallChain | None = None
        self._spans: tuple[CallSpan, ...] = ()
        self._by_start: dict[int, CallSpan] = {}
        self._max_depth = 0
        self._event: int | None = None
        self._stack: tuple[ActiveFrame, ...] = ()
        self._image: QImage | None = None
        self._image_key: tuple[int, int, int, bool, float] | None = None
        self.paints = 0  # how often the chart itself was painted (tests: once per chain)
        self._on_text_size()
        legibility().changed.connect(self._on_text_size)
        self.retranslate()

    def _on_text_size(self) -> None:
        px = legibility().text_px()
        self.setMinimumHeight(round(HEIGHT_EMS[0] * px))
        self.setMaximumHeight(round(HEIGHT_EMS[1] * px))
        self._image = None  # the bars are as tall as the text size says
        self.updateGeometry()
        self.update()

    def rendered_text_px(self) -> float:
        """The size of the only words the chart draws (its "no call chain" note), in pixels."""
        return float(text_font().pixelSize())

    def retranslate(self) -> None:
        self.setToolTip(self.tr("The whole request, left to right: each bar is a call, the bars "
                                "under it are the calls it made. The orange line is now; the "
                                "outlined bars are the calls on the stack. Click to go there."))
        self.update()

    def changeEvent(self, event: QEvent) -> None:
        if is_language_change(event):
            self.retranslate()
        super().changeEvent(event)

    def sizeHint(self) -> QSize:
        return QSize(600, round(6.7 * legibility().text_px()))  # 80 px at 12 px text

    def set_chain(self, chain: CallChain | None) -> None:
        if chain is self._chain:
            return
        self._chain = chain
        self._spans = call_spans(chain) if chain is not None else ()
        self._by_start = {s.start: s for s in self._spans}
        self._max_depth = max((s.depth for s in self._spans), default=0)
        self._image = None
        self.update()

    def set_position(self, event: int | None, stack: tuple[ActiveFrame, ...]) -> None:
        if event == self._event and stack == self._stack:
            return
        self._event, self._stack = event, stack
        self.update()

    # ------------------------------------------------------------------ geometry
    def _n(self) -> int:
        return max(len(self._chain.events) if self._chain is not None else 0, 1)

    def _row(self) -> float:
        usable = self.height() - 2 * MARGIN
        return max(1.0, min(ROW_EMS * legibility().text_px(), usable / (self._max_depth + 1)))

    def _x(self, event: float) -> float:
        return MARGIN + (self.width() - 2 * MARGIN) * event / self._n()

    def _span_rect(self, start: int, end: int, depth: int) -> QRectF:
        row = self._row()
        x0, x1 = self._x(start), self._x(end + 1)
        return QRectF(x0, MARGIN + depth * row, max(x1 - x0, 1.0), max(row - 1, 1.0))

    # ------------------------------------------------------------------ painting
    def _chart(self, dark: bool) -> QImage:
        key = (id(self._chain), self.width(), self.height(), dark, self._row())
        if self._image is not None and self._image_key == key:
            return self._image
        ratio = self.devicePixelRatioF()
        image = QImage(max(1, round(self.width() * ratio)), max(1, round(self.height() * ratio)),
                       QImage.Format.Format_ARGB32_Premultiplied)
        image.setDevicePixelRatio(ratio)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        for span in self._spans:
            style = palette.ROLE_STYLES[span.role]
            rect = self._span_rect(span.start, span.end, span.depth)
            painter.fillRect(rect, style.ink.pick(dark) if span.role.is_app_code
                             else style.fill.pick(dark).darker(112))
        painter.end()
        self._image, self._image_key = image, key
        self.paints += 1
        return image

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        dark = palette.is_dark(self.palette())
        painter.fillRect(self.rect(), self.palette().base())
        if self._chain is None or not self._chain.events:
            painter.setPen(palette.MUTED_INK.pick(dark))
            painter.setFont(text_font())
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter,
                             self.tr("no call chain"))
            return
        painter.drawImage(QPointF(0, 0), self._chart(dark))
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(palette.HIGHLIGHT.darker(120), 1.5))
        for frame in self._stack:
            span = self._by_start.get(frame.call_index)
            if span is not None:
                painter.drawRect(self._span_rect(span.start, span.end, span.depth))
        if self._event is not None:
            x = self._x(self._event + 0.5)
            painter.setPen(QPen(palette.HIGHLIGHT, 2))
            painter.drawLine(QPointF(x, 0), QPointF(x, self.height()))

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if self._chain is None or not self._chain.events:
            return
        width = max(self.width() - 2 * MARGIN, 1)
        at = int((event.position().x() - MARGIN) / width * self._n())
        self.event_clicked.emit(max(0, min(at, len(self._chain.events) - 1)))
