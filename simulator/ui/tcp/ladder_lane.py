"""The layers above TCP on the ladder: the server's activation bar while it runs a request
(the WSGI call chain, stage by stage) and the brackets that span an HTTP message's segments.

Theory of operation
-------------------
``ServerLaneItem`` draws one request's trip through the server (a ``LaneSpan`` of
``server_lane``) as a UML activation bar on the server's lifeline, cut into stages coloured
by whose code runs them (the server, Flask, the learner's view: the call chain view's
colours), each named beside the bar where it begins. While the cursor is inside the span the
current stage is highlighted and the call being made is written at the "now" line, so the
ladder says where the request is at every step of the chain. ``MessageBracketItem`` is a
bracket along the sender's lifeline from the first to the last segment of an HTTP message
(RFC 9112: a message is a run of bytes; TCP cuts it where it likes).

Words are translated when painted; colours come from the palette of the widget painted on.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from simulator.models.timeline.server_lane import RequestStage
from simulator.models.wsgi.call_chain import FrameRole
from simulator.ui.common import palette
from simulator.ui.tcp.ladder_fonts import FONT_UNITS, ladder_font
from simulator.ui.text.model_text import translate_text

Z_LANE, Z_BRACKET = 0.5, 0.4
BAR_WIDTH = 10.0
LABEL_GAP = 6.0

S = RequestStage
STAGE_WORDS: dict[RequestStage, str] = {
    S.READING: str(QT_TRANSLATE_NOOP("LadderLane", "the server reads the request")),
    S.ENVIRON: str(QT_TRANSLATE_NOOP("LadderLane", "environ built")),
    S.CONTEXTS_PUSHED: str(QT_TRANSLATE_NOOP("LadderLane", "contexts pushed")),
    S.BEFORE_REQUEST: str(QT_TRANSLATE_NOOP("LadderLane", "before_request hooks")),
    S.VIEW: str(QT_TRANSLATE_NOOP("LadderLane", "view function")),
    S.ERROR: str(QT_TRANSLATE_NOOP("LadderLane", "error handler")),
    S.AFTER_REQUEST: str(QT_TRANSLATE_NOOP("LadderLane", "after_request · save_session")),
    S.START_RESPONSE: str(QT_TRANSLATE_NOOP("LadderLane", "start_response called")),
    S.TEARDOWN: str(QT_TRANSLATE_NOOP("LadderLane", "teardown")),
    S.CONTEXTS_POPPED: str(QT_TRANSLATE_NOOP("LadderLane", "contexts popped")),
    S.SENDING: str(QT_TRANSLATE_NOOP("LadderLane", "response written")),
    S.CLOSING: str(QT_TRANSLATE_NOOP("LadderLane", "connection shut down")),
}
# whose code runs the stage (the call chain's colours)
STAGE_ROLES: dict[RequestStage, FrameRole] = {
    S.READING: FrameRole.SERVER, S.ENVIRON: FrameRole.WSGI,
    S.CONTEXTS_PUSHED: FrameRole.CONTEXT, S.BEFORE_REQUEST: FrameRole.HOOK,
    S.VIEW: FrameRole.VIEW, S.ERROR: FrameRole.ERROR_HANDLER,
    S.AFTER_REQUEST: FrameRole.FLASK, S.START_RESPONSE: FrameRole.WSGI,
    S.TEARDOWN: FrameRole.CONTEXT, S.CONTEXTS_POPPED: FrameRole.CONTEXT,
    S.SENDING: FrameRole.WSGI, S.CLOSING: FrameRole.SERVER,
}


def stage_text(stage: RequestStage) -> str:
    """A stage's name in the interface language."""
    return QCoreApplication.translate("LadderLane", STAGE_WORDS[stage])


def stage_label_width(stages: set[RequestStage]) -> float:
    """The widest stage name among ``stages`` (scene units), for the lanes' room."""
    fm = QFontMetricsF(ladder_font(FONT_UNITS, bold=True))
    return max((fm.horizontalAdvance(stage_text(s)) for s in stages), default=0.0)


@dataclass(frozen=True)
class StageBlock:
    stage: RequestStage
    top: float
    bottom: float


class ServerLaneItem(QGraphicsItem):
    """One request's activation bar on the server's lifeline, stage by stage."""

    def __init__(self, x: float, blocks: list[StageBlock], room: float) -> None:
        super().__init__()
        self._x, self._blocks, self._room = x, blocks, room
        self._current: int | None = None
        self._now_y = float("inf")  # what lies below the "now" line is not drawn yet
        self._frame = ""
        top, bottom = blocks[0].top, blocks[-1].bottom
        self._bounds = QRectF(x - BAR_WIDTH, top - 4, BAR_WIDTH + LABEL_GAP + room + 8,
                              bottom - top + 60)
        self.setZValue(Z_LANE)

    @property
    def stages(self) -> list[RequestStage]:
        return [b.stage for b in self._blocks]

    @property
    def current_stage(self) -> RequestStage | None:
        return None if self._current is None else self._blocks[self._current].stage

    @property
    def current_frame(self) -> str:
        return self._frame if self._current is not None else ""

    def _shown(self) -> list[StageBlock]:
        """The stages begun by the "now" line (the request's future is not given away)."""
        return [b for b in self._blocks if b.top <= self._now_y + 1e-6]

    def stage_texts(self) -> list[str]:
        """The stage names as drawn, top to bottom."""
        return [stage_text(b.stage) for b in self._shown()]

    def set_cursor(self, y: float, inside: bool, frame: str = "") -> None:
        """The "now" line is at ``y``; ``inside``: the cursor is at a step of this request,
        whose stage is highlighted and whose call (``frame``) is written at the line."""
        current = None
        if inside:
            current = next((k for k, b in enumerate(self._blocks)
                            if b.top <= y + 1e-6 and (y < b.bottom - 1e-6
                                                      or k == len(self._blocks) - 1)), None)
        if (current, y, frame) != (self._current, self._now_y, self._frame):
            self._current, self._now_y, self._frame = current, y, frame
            self.update()

    def boundingRect(self) -> QRectF:
        return self._bounds

    def _lines(self, text: str, bold: bool) -> list[str]:
        """``text`` wrapped to the room beside the bar (never shrunk)."""
        fm = QFontMetricsF(ladder_font(FONT_UNITS, bold=bold))
        words, lines, line = text.split(" "), [], ""
        for word in words:
            trial = f"{line} {word}" if line else word
            if line and fm.horizontalAdvance(trial) > self._room:
                lines.append(line)
                line = word
            else:
                line = trial
        lines.append(line)
        return [fm.elidedText(t, Qt.TextElideMode.ElideRight, self._room) for t in lines]

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        look = palette.look_for(widget)
        dark = look.dark
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        left = self._x - BAR_WIDTH / 2
        text_x = self._x + BAR_WIDTH / 2 + LABEL_GAP
        for k, block in enumerate(self._shown()):
            style = palette.ROLE_STYLES[STAGE_ROLES[block.stage]]
            current = k == self._current
            fill = look.current_state_fill if current else style.fill.pick(dark)
            painter.setPen(QPen(look.current_state_border if current else look.muted, 1.0))
            painter.setBrush(fill)
            bottom = min(block.bottom, max(self._now_y, block.top + 4.0))
            painter.drawRect(QRectF(left, block.top, BAR_WIDTH, max(bottom - block.top, 4.0)))
            font = ladder_font(FONT_UNITS, bold=True)
            painter.setFont(font)
            painter.setPen(look.ink if current else style.ink.pick(dark))
            fm = QFontMetricsF(font)
            y = block.top + fm.ascent() + 1
            for line in self._lines(stage_text(block.stage), True):
                painter.drawText(QPointF(text_x, y), line)
                y += fm.height()
        if self._current is not None and self._frame:
            self._paint_frame(painter, look, text_x)

    def _paint_frame(self, painter: QPainter, look: palette.TcpLook, x: float) -> None:
        """The call being made, at the "now" line, beside the bar."""
        font = ladder_font(FONT_UNITS)
        fm = QFontMetricsF(font)
        text = fm.elidedText(f"▸ {translate_text(self._frame)}", Qt.TextElideMode.ElideRight,
                             self._room)
        block = self._blocks[self._current or 0]
        label_bottom = block.top + fm.height() * len(self._lines(stage_text(block.stage), True))
        y = max(self._now_y + 2, label_bottom + 2)
        rect = QRectF(x - 2, y, fm.horizontalAdvance(text) + 4, fm.height())
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(look.highlighted_label_fill)
        painter.drawRoundedRect(rect, 3, 3)
        painter.setFont(font)
        painter.setPen(look.ink)
        painter.drawText(QPointF(x, y + fm.ascent()), text)


class MessageBracketItem(QGraphicsItem):
    """A bracket along the sender's lifeline spanning an HTTP message's segments."""

    def __init__(self, x: float, inward: float, top: float, bottom: float,
                 request: bool) -> None:
        super().__init__()
        self._x, self._inward, self._top, self._bottom = x, inward, top, bottom
        self._request = request
        self.setZValue(Z_BRACKET)

    def boundingRect(self) -> QRectF:
        xs = (self._x, self._x + self._inward * 12)
        return QRectF(min(xs) - 2, self._top - 2, abs(self._inward) * 12 + 4,
                      self._bottom - self._top + 4)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        dark = palette.look_for(widget).dark
        tint = (palette.REQUEST_TINT if self._request else palette.RESPONSE_TINT).pick(dark)
        colour = QColor(tint)
        colour.setAlpha(170)
        painter.setPen(QPen(colour, 3.0, Qt.PenStyle.SolidLine, Qt.PenCapStyle.FlatCap))
        x = self._x + self._inward * 7
        tick = self._inward * 5
        painter.drawLine(QLineF(x, self._top, x, self._bottom))
        painter.drawLine(QLineF(x - tick, self._top, x, self._top))
        painter.drawLine(QLineF(x - tick, self._bottom, x, self._bottom))
