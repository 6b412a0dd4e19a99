"""Where the state diagram's boxes and arcs go: RFC 9293 figure 5, as a hand-made table.

Theory of operation
-------------------
The boxes are the eleven states, placed as in RFC 9293 figure 5 (``LAYOUT``: presentation
only). As in the RFC figure, CLOSED appears twice: at the top (before a connection) and at
the bottom right (after one); ``box_key`` says which box an arc into CLOSED ends in.

Which arcs exist is not decided here (``state_diagram_arcs`` reads them from the transition
table); this module only says how each is drawn (``ARC_LAYOUT``: bend, sideways shift, label
placement) and turns that into a path between the two boxes (``arc_path``). Arcs drawn as
short dashed stubs into CLOSED leave their box in the direction ``STUB_DIRECTION`` gives
(``stub_path``), so that they do not cross the whole figure.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QPainterPath

from simulator.models.tcp.states import TcpState

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


def arc_layout(state: TcpState, nxt: TcpState) -> ArcLayout:
    """How the arc from ``state`` to ``nxt`` is drawn (straight, centred, if not listed)."""
    return ARC_LAYOUT.get((state, nxt), ArcLayout())


def stub_path(state: TcpState) -> QPainterPath:
    """A short straight stub out of ``state``'s box, for an arc into CLOSED that is only
    resets, ABORTs or user timeouts."""
    start_centre = LAYOUT[box_key(state)]
    dx, dy = STUB_DIRECTION.get(state, (0.0, -1.0))
    start = _clip_to_box(start_centre, start_centre + QPointF(dx, dy) * 100,
                         BOX_W / 2, BOX_H / 2)
    end = start + QPointF(dx, dy) * STUB_LENGTH
    path = QPainterPath(start)
    path.lineTo(end)
    return path


def arc_path(state: TcpState, nxt: TcpState, layout: ArcLayout) -> QPainterPath:
    """The arc from ``state``'s box to ``nxt``'s, drawn as ``layout`` says: a straight line
    or a quadratic curve, from box edge to box edge."""
    start_centre = LAYOUT[box_key(state)]
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
    return path


def _clip_to_box(centre: QPointF, towards: QPointF, half_w: float, half_h: float) -> QPointF:
    dx, dy = towards.x() - centre.x(), towards.y() - centre.y()
    if dx == 0 and dy == 0:
        return QPointF(centre)
    scale = min(half_w / abs(dx) if dx else math.inf, half_h / abs(dy) if dy else math.inf)
    return QPointF(centre.x() + dx * scale, centre.y() + dy * scale)
