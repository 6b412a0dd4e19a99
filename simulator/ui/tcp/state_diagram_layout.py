"""Where the state diagram's boxes and arcs go: RFC 9293 figure 5's grid, fitted to the view at
the text size a class can read.

Theory of operation
-------------------
The boxes are the eleven states on RFC 9293 figure 5's grid (``GRID``: three columns, seven
rows; presentation only). As in the RFC figure, CLOSED appears twice: at the top (before a
connection) and at the bottom right (after one); ``box_key`` says which box an arc into CLOSED
ends in.

The figure is laid out in *view pixels*: the view never scales it, so a font of ``n`` pixels in
the scene is ``n`` pixels on the screen. ``fit`` places the grid's columns and rows for the
viewport: spread out to fill it when there is room (up to a comfortable spacing, centred),
packed to the smallest spacing at which boxes of the given sizes do not touch when there is
not; then the figure is larger than the viewport and the view pans to keep the current state
in sight (``state_diagram_focus``). The box centres depend only on the viewport and the text
size, never on the step, so the figure does not move as the learner steps; only the boxes'
sizes change (the current state's is larger), and the arcs are clipped to them.

Which arcs exist is not decided here (``state_diagram_arcs`` reads them from the transition
table); this module only says how each is routed (``ROUTES``: bend, sideways shift) and turns
that into a path between two boxes (``arc_path``). Arcs drawn as short stubs into CLOSED leave
their box in the direction ``STUB_DIRECTION`` gives (``stub_path``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSizeF
from PySide6.QtGui import QPainterPath

from simulator.models.tcp.states import TcpState

S = TcpState

# RFC 9293 figure 5, as (column, row): columns left, centre, right; rows top to bottom.
GRID: dict[str, tuple[int, int]] = {
    "CLOSED": (1, 0),
    "LISTEN": (1, 1),
    "SYN_RECEIVED": (0, 2),
    "SYN_SENT": (2, 2),
    "ESTABLISHED": (1, 3),
    "FIN_WAIT_1": (0, 4),
    "CLOSE_WAIT": (2, 4),
    "FIN_WAIT_2": (0, 5),
    "CLOSING": (1, 5),
    "LAST_ACK": (2, 5),
    "TIME_WAIT": (1, 6),
    "CLOSED_END": (2, 6),
}
ROWS = 7
BOTTOM_CLOSED = "CLOSED_END"
# Arcs into CLOSED from these states end in the bottom CLOSED box (the RFC figure's).
_ENDS_AT_BOTTOM = {S.ESTABLISHED, S.FIN_WAIT_1, S.FIN_WAIT_2, S.CLOSE_WAIT, S.CLOSING,
                   S.LAST_ACK, S.TIME_WAIT}


@dataclass(frozen=True)
class Route:
    """How one arc is drawn: ``bend`` curves it (perpendicular offset of the control point, as
    a share of the chord), ``shift`` moves it sideways (a share of the boxes' width, so that
    two opposite arcs between the same boxes run side by side)."""

    bend: float = 0.0
    shift: float = 0.0


ROUTES: dict[tuple[TcpState, TcpState], Route] = {
    (S.CLOSED, S.LISTEN): Route(shift=0.2),
    (S.LISTEN, S.CLOSED): Route(shift=0.2),
    (S.CLOSED, S.SYN_SENT): Route(bend=-0.06),
    (S.SYN_SENT, S.CLOSED): Route(bend=0.3),
    (S.LISTEN, S.SYN_RECEIVED): Route(bend=0.16),
    (S.SYN_RECEIVED, S.LISTEN): Route(bend=0.16),
    (S.SYN_SENT, S.ESTABLISHED): Route(bend=-0.12),
    (S.SYN_RECEIVED, S.ESTABLISHED): Route(bend=0.12),
    (S.ESTABLISHED, S.FIN_WAIT_1): Route(bend=-0.12),
    (S.ESTABLISHED, S.CLOSE_WAIT): Route(bend=0.12),
    (S.FIN_WAIT_2, S.TIME_WAIT): Route(bend=0.2),
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


@dataclass(frozen=True)
class BoxSizes:
    """The boxes' sizes in view pixels: ``small`` for most states, ``left`` for the state just
    left, ``current`` for the current state (the largest)."""

    small: QSizeF
    left: QSizeF
    current: QSizeF


@dataclass(frozen=True)
class Fit:
    """The grid placed in a viewport: box centres, the scene rectangle (at least the viewport;
    larger when the figure does not fit, and then the view pans), the row pitch, and whether
    the figure fits the viewport whole."""

    centres: dict[str, QPointF]
    scene: QRectF
    column: float
    pitch: float
    fits: bool


def fit(viewport: QSizeF, top: float, bottom: float, boxes: BoxSizes,
        gaps: tuple[float, float], side: float) -> Fit:
    """Place the grid in ``viewport`` below a header ``top`` px tall and above a footer
    ``bottom`` px tall. Boxes in neighbouring columns stay ``gaps[0]`` px apart, in
    neighbouring rows ``gaps[1]`` (room for an arrow), even when one is the current state's;
    ``side`` px are kept left and right for the stubs into CLOSED. Spacing grows with the
    room, up to a comfortable limit; the figure is then centred."""
    big, small = boxes.current, boxes.small
    column_gap, gap = gaps
    min_column = (big.width() + boxes.left.width()) / 2 + column_gap
    max_column = max(min_column, 2.2 * small.width())
    edge = side + big.width() / 2  # from the scene's side to the outer columns' centres
    room_w = viewport.width() - 2 * edge
    column = min(max(room_w / 2, min_column), max_column)
    width = max(viewport.width(), 2 * (edge + column))
    margin = column_gap / 2  # above the top row and below the bottom one
    min_pitch = (big.height() + boxes.left.height()) / 2 + gap
    max_pitch = 2.6 * small.height()
    room_h = viewport.height() - top - bottom - 2 * margin - big.height()
    pitch = min(max(room_h / (ROWS - 1), min_pitch), max_pitch)
    figure_h = (ROWS - 1) * pitch + big.height()
    fits = room_h >= (ROWS - 1) * pitch - 0.5 and viewport.width() >= 2 * (edge + column) - 0.5
    spare = max(0.0, viewport.height() - top - bottom - 2 * margin - figure_h)
    first_row = top + margin + spare / 2 + big.height() / 2
    height = max(viewport.height(), top + bottom + 2 * margin + figure_h)
    centres = {key: QPointF(width / 2 + (col - 1) * column, first_row + row * pitch)
               for key, (col, row) in GRID.items()}
    return Fit(centres, QRectF(0, 0, width, height), column, pitch, fits)


def box_key(state: TcpState, arriving_from: TcpState | None = None) -> str:
    """GRID key of the box drawing ``state`` (CLOSED has two boxes)."""
    if state is S.CLOSED and arriving_from in _ENDS_AT_BOTTOM:
        return BOTTOM_CLOSED
    return state.name


def route(state: TcpState, nxt: TcpState) -> Route:
    """How the arc from ``state`` to ``nxt`` is drawn (straight, centred, if not listed)."""
    return ROUTES.get((state, nxt), Route())


def stub_path(box: QRectF, state: TcpState, length: float) -> QPainterPath:
    """A short straight stub out of ``box`` (``state``'s), for an arc into CLOSED that is only
    resets, ABORTs or user timeouts."""
    dx, dy = STUB_DIRECTION.get(state, (0.0, -1.0))
    centre = box.center()
    start = _clip_to_box(centre, centre + QPointF(dx, dy) * 1000, box)
    path = QPainterPath(start)
    path.lineTo(start + QPointF(dx, dy) * length)
    return path


def arc_path(start_box: QRectF, end_box: QRectF, how: Route, shift_unit: float) -> QPainterPath:
    """The arc from one box to another, routed as ``how`` says: a straight line or a quadratic
    curve, from box edge to box edge (``shift_unit`` px is a shift of 1.0)."""
    start_centre, end_centre = start_box.center(), end_box.center()
    chord = end_centre - start_centre
    normal = QPointF(-chord.y(), chord.x())
    if how.shift:
        unit = normal / math.hypot(normal.x(), normal.y())
        start_centre = start_centre + unit * how.shift * shift_unit
        end_centre = end_centre + unit * how.shift * shift_unit
    control = (start_centre + end_centre) / 2 + normal * how.bend
    start = _clip_to_box(start_centre, control if how.bend else end_centre, start_box)
    end = _clip_to_box(end_centre, control if how.bend else start_centre, end_box)
    path = QPainterPath(start)
    if how.bend:
        path.quadTo(control, end)
    else:
        path.lineTo(end)
    return path


def _clip_to_box(centre: QPointF, towards: QPointF, box: QRectF) -> QPointF:
    """Where the ray from ``centre`` towards ``towards`` leaves ``box`` (whose centre may
    differ from ``centre`` when the arc is shifted sideways)."""
    dx, dy = towards.x() - centre.x(), towards.y() - centre.y()
    if dx == 0 and dy == 0:
        return QPointF(centre)
    limits = []
    if dx:
        edge = box.right() if dx > 0 else box.left()
        limits.append((edge - centre.x()) / dx)
    if dy:
        edge = box.bottom() if dy > 0 else box.top()
        limits.append((edge - centre.y()) / dy)
    scale = max(0.0, min(limits))
    return QPointF(centre.x() + dx * scale, centre.y() + dy * scale)
