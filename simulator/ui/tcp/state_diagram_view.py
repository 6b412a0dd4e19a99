"""One endpoint's TCP state diagram, drawn from the transition table (RFC 9293 §3.3.2).

Theory of operation
-------------------
The boxes are the eleven states, placed as in RFC 9293 figure 5 (``LAYOUT``: presentation
only, a hand-made table). The arcs are *not* hand-made: ``set_timeline`` reads
``tcp_table.state_changing_arcs()``, groups the rows by (state, next) and draws one arc per
pair, labelled with its events and what is sent, so the picture cannot disagree with the
model. Arcs whose rows are only resets, ABORTs or user timeouts (``MINOR_EVENTS``) into
CLOSED are drawn as short dashed stubs ending in a "◉" (CLOSED) so that they do not cross
the whole figure; hovering one lists its rows. As in the RFC figure, CLOSED appears twice:
at the top (before a connection) and at the bottom right (after one).

``set_cursor(i, progress)`` highlights the endpoint's state at step i and the arcs of the
transitions it took at that step; a dot travels along them, driven by ``progress`` during
playback or by a short animation when the learner steps. A transition that keeps the state
(a retransmission, data) makes the box pulse instead.

The boxes, arcs and labels pick their colours from the view's palette when painted
(``palette.look_for``); the view resets its background and captions on a palette change.
Words (title, legend, caption, the "or" of arc labels) are the interface language's; state
names and the RFC figure's event vocabulary ("rcv SYN", "snd ACK") stay as the RFC writes
them. On a language change the view rebuilds its scene, since label boxes are sized to
their text.
"""

from __future__ import annotations

import math
import textwrap
from collections import defaultdict
from dataclasses import dataclass

from PySide6.QtCore import (
    QCoreApplication,
    QEasingCurve,
    QEvent,
    QPointF,
    QRectF,
    Qt,
    QVariantAnimation,
)
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QStyleOptionGraphicsItem,
    QWidget,
)

from simulator.models.tcp import table as tcp_table
from simulator.models.tcp.states import Send, TcpEvent, TcpState
from simulator.models.tcp.table import Transition
from simulator.models.timeline.steps import Timeline
from simulator.ui.common import palette
from simulator.ui.tcp.ladder_view import initial_state
from simulator.ui.text.i18n import QT_TRANSLATE_NOOP, is_language_change
from simulator.ui.text.model_text import model_tr

S = TcpState

BOX_W, BOX_H = 112.0, 28.0
SCENE_RECT = QRectF(0, 0, 600, 560)
L, C, R = 90.0, 300.0, 510.0
LAYOUT: dict[str, QPointF] = {
    # RFC 9293 figure 5, rows top to bottom
    "CLOSED": QPointF(C, 72),
    "LISTEN": QPointF(C, 146),
    "SYN_RECEIVED": QPointF(L, 220),
    "SYN_SENT": QPointF(R, 220),
    "ESTABLISHED": QPointF(C, 294),
    "FIN_WAIT_1": QPointF(L, 368),
    "CLOSE_WAIT": QPointF(R, 368),
    "FIN_WAIT_2": QPointF(L, 442),
    "CLOSING": QPointF(C, 442),
    "LAST_ACK": QPointF(R, 442),
    "TIME_WAIT": QPointF(C, 516),
    "CLOSED_END": QPointF(R, 516),
}
BOTTOM_CLOSED = "CLOSED_END"
# Arcs into CLOSED from these states end in the bottom CLOSED box (the RFC figure's).
_ENDS_AT_BOTTOM = {S.ESTABLISHED, S.FIN_WAIT_1, S.FIN_WAIT_2, S.CLOSE_WAIT, S.CLOSING,
                   S.LAST_ACK, S.TIME_WAIT}

MINOR_EVENTS = {TcpEvent.RCV_RST, TcpEvent.ABORT, TcpEvent.TIMEOUT_USER}
_MINOR_SHORT = {TcpEvent.RCV_RST: "RST", TcpEvent.ABORT: "ABORT",
                TcpEvent.TIMEOUT_USER: QT_TRANSLATE_NOOP("StateDiagram", "timeout")}


@dataclass(frozen=True)
class ArcLayout:
    """How one arc is drawn: ``bend`` curves it (perpendicular offset of the control point,
    as a share of the chord), ``shift`` moves it sideways (px, so that two opposite arcs
    between the same boxes run side by side), ``label_offset`` places the label relative to
    the curve's midpoint, ``align`` aligns it (-1 right, 0 centre, 1 left) and ``wrap``
    breaks long label lines (characters; 0 = no wrapping)."""

    bend: float = 0.0
    shift: float = 0.0
    label_offset: tuple[float, float] = (0.0, 0.0)
    align: int = 0
    wrap: int = 0


A = ArcLayout
ARC_LAYOUT: dict[tuple[TcpState, TcpState], ArcLayout] = {
    (S.CLOSED, S.LISTEN): A(shift=22, label_offset=(-6, 0), align=-1),
    (S.LISTEN, S.CLOSED): A(shift=22, label_offset=(6, 0), align=1),
    (S.CLOSED, S.SYN_SENT): A(bend=-0.06, label_offset=(12, -14), align=1),
    (S.SYN_SENT, S.CLOSED): A(bend=0.34, label_offset=(52, -14), align=0, wrap=16),
    (S.LISTEN, S.SYN_RECEIVED): A(bend=0.16, label_offset=(-30, -12)),
    (S.SYN_RECEIVED, S.LISTEN): A(bend=0.16, label_offset=(8, 10), align=1),
    (S.LISTEN, S.SYN_SENT): A(label_offset=(-4, -14)),
    (S.SYN_SENT, S.SYN_RECEIVED): A(label_offset=(0, 10)),
    (S.SYN_SENT, S.ESTABLISHED): A(bend=-0.12, label_offset=(40, 12)),
    (S.SYN_RECEIVED, S.ESTABLISHED): A(bend=0.12, label_offset=(-26, 16)),
    (S.SYN_RECEIVED, S.FIN_WAIT_1): A(label_offset=(-6, 0), align=-1, wrap=8),
    (S.ESTABLISHED, S.FIN_WAIT_1): A(bend=-0.12, label_offset=(-10, 14)),
    (S.ESTABLISHED, S.CLOSE_WAIT): A(bend=0.12, label_offset=(10, 14)),
    (S.FIN_WAIT_1, S.FIN_WAIT_2): A(label_offset=(-6, 0), align=-1, wrap=8),
    (S.FIN_WAIT_1, S.CLOSING): A(label_offset=(24, -12)),
    (S.FIN_WAIT_1, S.TIME_WAIT): A(label_offset=(-1, 2), wrap=11),
    (S.FIN_WAIT_2, S.TIME_WAIT): A(bend=0.2, label_offset=(-34, 14)),
    (S.CLOSE_WAIT, S.LAST_ACK): A(label_offset=(6, 0), align=1, wrap=8),
    (S.CLOSING, S.TIME_WAIT): A(label_offset=(6, 0), align=1, wrap=14),
    (S.LAST_ACK, S.CLOSED): A(label_offset=(6, 0), align=1, wrap=14),
    (S.TIME_WAIT, S.CLOSED): A(label_offset=(0, -16)),
}
# Stubs for RST/ABORT/timeout-only arcs into CLOSED: direction out of the box.
STUB_DIRECTION: dict[TcpState, tuple[float, float]] = {
    S.SYN_RECEIVED: (-1, 0),
    S.ESTABLISHED: (-1, 0),
    S.FIN_WAIT_1: (-1, 0),
    S.FIN_WAIT_2: (-1, 0),
    S.CLOSE_WAIT: (1, 0),
    S.CLOSING: (1, 0),
}
STUB_LENGTH = 22.0


def box_key(state: TcpState, arriving_from: TcpState | None = None) -> str:
    """LAYOUT key of the box drawing ``state`` (CLOSED has two boxes)."""
    if state is S.CLOSED and arriving_from in _ENDS_AT_BOTTOM:
        return BOTTOM_CLOSED
    return state.name


def _row_text(row: Transition) -> str:
    text = row.event.label
    if row.send is not Send.NOTHING:
        text += f" / snd {row.send.value}"
    return text


def arc_label(rows: list[Transition], wrap: int = 0) -> str:
    """'rcv SYN / snd SYN,ACK'; resets, ABORTs and timeouts are summarised in one line."""
    into_closed = all(r.next is S.CLOSED for r in rows)
    major = list(dict.fromkeys(_row_text(r) for r in rows
                               if r.event not in MINOR_EVENTS or not into_closed))
    minor = list(dict.fromkeys(QCoreApplication.translate("StateDiagram", _MINOR_SHORT[r.event])
                               for r in rows if r.event in MINOR_EVENTS and into_closed))

    def alternative(text: str) -> str:
        return QCoreApplication.translate("StateDiagram", "or {what}").format(what=text)

    lines = [alternative(text) if i else text for i, text in enumerate(major)]
    if minor:
        listed = ", ".join(minor)
        lines.append(alternative(listed) if major else listed)
    if wrap:
        lines = [part for line in lines for part in textwrap.wrap(line, wrap)]
    return "\n".join(lines)


def _clip_to_box(centre: QPointF, towards: QPointF, half_w: float, half_h: float) -> QPointF:
    dx, dy = towards.x() - centre.x(), towards.y() - centre.y()
    if dx == 0 and dy == 0:
        return QPointF(centre)
    scale = min(half_w / abs(dx) if dx else math.inf, half_h / abs(dy) if dy else math.inf)
    return QPointF(centre.x() + dx * scale, centre.y() + dy * scale)


# --------------------------------------------------------------------------- items


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
        self.setToolTip("\n".join(f"{r.state.rfc_name} → {r.next.rfc_name}: {_row_text(r)}"
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


# --------------------------------------------------------------------------- the view


class StateDiagramView(QGraphicsView):
    """RFC 9293's state diagram for one endpoint, highlighting where it is at the cursor."""

    ANIMATION_MS = 450

    def __init__(self, endpoint: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if endpoint not in ("client", "server"):
            raise ValueError(f"endpoint must be 'client' or 'server', not {endpoint!r}")
        self.endpoint = endpoint
        self.setScene(QGraphicsScene(self))
        self.setRenderHints(QPainter.RenderHint.Antialiasing
                            | QPainter.RenderHint.TextAntialiasing)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setMinimumSize(220, 200)
        self._timeline: Timeline | None = None
        self._index = -1
        self._progress = 1.0
        self._boxes: dict[str, StateBoxItem] = {}
        self._arcs: dict[tuple[TcpState, TcpState], ArcItem] = {}
        self._labels: dict[tuple[TcpState, TcpState], ArcLabelItem] = {}
        self._title = QGraphicsSimpleTextItem()
        self._subtitle = QGraphicsSimpleTextItem()
        self._caption = QGraphicsSimpleTextItem()
        self._legend = QGraphicsSimpleTextItem()
        self._animation = QVariantAnimation(self)
        self._animation.setStartValue(0.0)
        self._animation.setEndValue(1.0)
        self._animation.setDuration(self.ANIMATION_MS)
        self._animation.setEasingCurve(QEasingCurve.Type.InOutQuad)
        self._animation.valueChanged.connect(self._on_animation)
        self._build_scene()
        self._apply_theme()

    # ------------------------------------------------------------------ public API

    def set_timeline(self, timeline: Timeline) -> None:
        self._timeline = timeline
        self._animation.stop()
        self._index = -2
        self.set_cursor(len(timeline) - 1 if timeline.steps else -1)

    def set_cursor(self, index: int, progress: float = 1.0) -> None:
        if self._timeline is None:
            return
        index = max(-1, min(index, len(self._timeline) - 1))
        progress = min(1.0, max(0.0, progress))
        moved = index != self._index
        was_driven = not moved and self._progress < 1.0
        self._index, self._progress = index, progress
        if progress < 1.0 or was_driven or not moved or not self.isVisible():
            self._animation.stop()
            self._apply(progress if progress < 1.0 else None)
        else:  # a step taken by hand: animate it briefly
            self._apply(0.0)
            self._animation.start()

    def current_state(self) -> TcpState:
        if self._timeline is None or not self._timeline.steps:
            return S.CLOSED
        if self._index < 0:
            return initial_state(self._timeline, self.endpoint)
        return self._timeline.steps[self._index].snapshot(self.endpoint).state

    def highlighted_arcs(self) -> list[tuple[TcpState, TcpState]]:
        return self._taken_keys()

    def arc_keys(self) -> set[tuple[TcpState, TcpState]]:
        """Every (state, next) pair drawn, one item each (for tests)."""
        return set(self._arcs)

    def arc_item(self, state: TcpState, nxt: TcpState) -> ArcItem:
        return self._arcs[(state, nxt)]

    def arc_label_item(self, state: TcpState, nxt: TcpState) -> ArcLabelItem | None:
        return self._labels.get((state, nxt))

    def box_item(self, key: str) -> StateBoxItem:
        return self._boxes[key]

    def highlighted_box_keys(self) -> list[str]:
        return [k for k, box in self._boxes.items() if box.is_current]

    def caption(self) -> str:
        return self._caption.text()

    def title(self) -> str:
        return self._title.text()

    def legend(self) -> str:
        return self._legend.text()

    def retranslate(self) -> None:
        """Rebuild the scene in the interface language (label boxes fit their words), at the
        same cursor."""
        self._animation.stop()
        self.scene().clear()
        self._boxes, self._arcs, self._labels = {}, {}, {}
        self._title = QGraphicsSimpleTextItem()
        self._subtitle = QGraphicsSimpleTextItem()
        self._caption = QGraphicsSimpleTextItem()
        self._legend = QGraphicsSimpleTextItem()
        self._build_scene()
        self._apply_theme()
        if self._timeline is not None:
            self._apply(None)

    # ------------------------------------------------------------------ building

    def _build_scene(self) -> None:
        scene = self.scene()
        scene.setSceneRect(SCENE_RECT)
        title = self._title
        title.setText(self.tr("Client") if self.endpoint == "client" else self.tr("Server"))
        title.setFont(palette.font(18, bold=True))
        title.setPos(8, 4)
        scene.addItem(title)
        self._subtitle.setText(self.tr("TCP states, RFC 9293 §3.3.2"))
        self._subtitle.setFont(palette.font(10))
        self._subtitle.setPos(10 + title.boundingRect().width() + 8, 12)
        scene.addItem(self._subtitle)
        self._caption.setFont(palette.font(11.5, bold=True))
        self._caption.setPos(10, 30)
        scene.addItem(self._caption)
        self._legend.setText(self.tr("- - ◉  to CLOSED on rcv RST, ABORT or user timeout"))
        self._legend.setFont(palette.font(9.5))
        self._legend.setPos(8, SCENE_RECT.bottom() - 16)
        scene.addItem(self._legend)
        for key, centre in LAYOUT.items():
            state = TcpState.CLOSED if key == BOTTOM_CLOSED else TcpState[key]
            box = StateBoxItem(state, centre)
            self._boxes[key] = box
            scene.addItem(box)
        groups: dict[tuple[TcpState, TcpState], list[Transition]] = defaultdict(list)
        for row in tcp_table.state_changing_arcs():
            groups[(row.state, row.next)].append(row)
        for (state, nxt), rows in groups.items():
            self._add_arc(state, nxt, rows)

    def _add_arc(self, state: TcpState, nxt: TcpState, rows: list[Transition]) -> None:
        minor = nxt is S.CLOSED and all(r.event in MINOR_EVENTS for r in rows)
        start_centre = LAYOUT[box_key(state)]
        if minor:
            dx, dy = STUB_DIRECTION.get(state, (0.0, -1.0))
            start = _clip_to_box(start_centre, start_centre + QPointF(dx, dy) * 100,
                                 BOX_W / 2, BOX_H / 2)
            end = start + QPointF(dx, dy) * STUB_LENGTH
            path = QPainterPath(start)
            path.lineTo(end)
            arc = ArcItem(state, nxt, rows, path, minor=True)
            self._arcs[arc.key] = arc
            self.scene().addItem(arc)
            return
        layout = ARC_LAYOUT.get((state, nxt), ArcLayout())
        end_centre = LAYOUT[box_key(nxt, arriving_from=state)]
        chord = end_centre - start_centre
        normal = QPointF(-chord.y(), chord.x())
        if layout.shift:
            unit = normal / math.hypot(normal.x(), normal.y())
            start_centre = start_centre + unit * layout.shift
            end_centre = end_centre + unit * layout.shift
        mid = (start_centre + end_centre) / 2
        control = mid + normal * layout.bend
        start = _clip_to_box(start_centre, control if layout.bend else end_centre,
                             BOX_W / 2, BOX_H / 2)
        end = _clip_to_box(end_centre, control if layout.bend else start_centre,
                           BOX_W / 2, BOX_H / 2)
        path = QPainterPath(start)
        if layout.bend:
            path.quadTo(control, end)
        else:
            path.lineTo(end)
        arc = ArcItem(state, nxt, rows, path, minor=False)
        self._arcs[arc.key] = arc
        self.scene().addItem(arc)
        anchor = path.pointAtPercent(0.5) + QPointF(*layout.label_offset)
        label = ArcLabelItem(arc_label(rows, layout.wrap), anchor, layout.align, minor=False)
        self._labels[arc.key] = label
        self.scene().addItem(label)

    # ------------------------------------------------------------------ cursor

    def _taken_rows(self) -> list[Transition]:
        if self._timeline is None or self._index < 0:
            return []
        step = self._timeline.steps[self._index]
        return [f.row for f in step.transitions if f.endpoint == self.endpoint]

    def _taken_keys(self) -> list[tuple[TcpState, TcpState]]:
        keys = [(r.state, r.next) for r in self._taken_rows() if r.changes_state]
        return list(dict.fromkeys(keys))

    def _closed_box(self) -> str:
        """Which CLOSED box is lit: the bottom one once a connection has ended there."""
        assert self._timeline is not None
        for step in reversed(self._timeline.steps[: self._index + 1]):
            for fired in reversed(step.transitions):
                if fired.endpoint == self.endpoint and fired.row.changes_state \
                        and fired.row.next is S.CLOSED:
                    return box_key(S.CLOSED, arriving_from=fired.row.state)
        return S.CLOSED.name

    def _apply(self, dot: float | None) -> None:
        state = self.current_state()
        current_key = self._closed_box() if state is S.CLOSED else state.name
        rows = self._taken_rows()
        taken = set(self._taken_keys())
        kept = {r.state for r in rows if not r.changes_state}
        pulse = 0.0
        if kept:
            pulse = math.sin(math.pi * dot) if dot is not None else 0.35
        for key, box in self._boxes.items():
            box.set_look(key == current_key, pulse if box.state in kept and
                         (box.state is not S.CLOSED or key == current_key) else 0.0)
        for pair, arc in self._arcs.items():
            arc.set_look(pair in taken, dot if pair in taken else None)
        for pair, label in self._labels.items():
            label.set_highlighted(pair in taken)
        self._caption.setText(self._caption_text(rows))

    def _caption_text(self, rows: list[Transition]) -> str:
        if self._timeline is None or self._index < 0:
            return ""
        if not rows:
            return self.tr("waiting in {state}").format(state=self.current_state().rfc_name)
        parts = []
        for row in rows:
            what = _row_text(row)
            if row.error:
                parts.append(self.tr("{event} refused: {error}").format(
                    event=row.event.label, error=model_tr(row.error)))
            elif row.changes_state:
                parts.append(f"{what}: {row.state.rfc_name} → {row.next.rfc_name}")
            else:
                parts.append(self.tr("{event} (stays {state})").format(
                    event=what, state=row.state.rfc_name))
        return self.tr("; ").join(parts)

    def _on_animation(self, value: object) -> None:
        t = float(value) if isinstance(value, (int, float)) else 1.0
        self._apply(t if t < 1.0 else None)

    # ------------------------------------------------------------------ Qt events

    def _apply_theme(self) -> None:
        look = palette.look(palette.is_dark(self.palette()))
        self.setBackgroundBrush(QBrush(look.background))
        self._title.setBrush(look.ink)
        self._subtitle.setBrush(look.muted)
        self._caption.setBrush(look.current_state_border)
        self._legend.setBrush(look.muted)
        self.viewport().update()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._apply_theme()
        elif is_language_change(event):
            self.retranslate()
        super().changeEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fitInView(self.sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.fitInView(self.sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)
