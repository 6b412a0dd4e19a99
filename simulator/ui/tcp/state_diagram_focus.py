"""What the state diagram puts forward at a step, and where the view pans to keep it in sight.

Theory of operation
-------------------
A class watching a projector reads the current state and the transition just taken; the rest
of RFC 9293 figure 5 is there for orientation and may recede (issue 11). ``focus_at`` reads the
timeline at a step and gives every box and arc a role:

* boxes: ``CURRENT`` (largest, strongest), ``LEFT`` (the state the step just left), ``NEAR``
  (where the current state's arcs lead: the learner's next possible steps), ``FAINT``;
* arcs: ``TAKEN`` (the transition of this step, labelled large with the rows that fired),
  ``OUT`` (the current state's outgoing arcs, labelled), ``FAINT`` (unlabelled).

``pan_origin`` chooses where the view's visible rectangle goes when the figure is larger than
the view: the current state's box and the taken arc's label must be in sight; the rest of the
neighbourhood (the state just left, the next states, their labels) is added while it still
fits; the view does not move when all that is already in sight, and otherwise centres it.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRectF

from simulator.models.tcp.states import TcpState
from simulator.models.tcp.table import Transition
from simulator.models.timeline.columns import initial_state
from simulator.models.timeline.steps import Timeline
from simulator.ui.tcp.state_diagram_layout import box_key

S = TcpState
Pair = tuple[TcpState, TcpState]


class BoxRole(enum.IntEnum):
    FAINT = 0
    NEAR = 1
    LEFT = 2
    CURRENT = 3


class ArcRole(enum.IntEnum):
    FAINT = 0
    OUT = 1
    TAKEN = 2


@dataclass(frozen=True)
class Focus:
    """One endpoint at one step: its state's box, the rows that fired, what they changed."""

    state: TcpState
    current_key: str
    rows: tuple[Transition, ...] = ()
    taken: tuple[Pair, ...] = ()
    left_keys: frozenset[str] = field(default_factory=frozenset)
    kept: frozenset[TcpState] = field(default_factory=frozenset)

    def box_role(self, key: str, out_keys: Iterable[str]) -> BoxRole:
        if key == self.current_key:
            return BoxRole.CURRENT
        if key in self.left_keys:
            return BoxRole.LEFT
        return BoxRole.NEAR if key in set(out_keys) else BoxRole.FAINT

    def arc_role(self, pair: Pair) -> ArcRole:
        if pair in self.taken:
            return ArcRole.TAKEN
        return ArcRole.OUT if pair[0] is self.state else ArcRole.FAINT

    def taken_rows(self, pair: Pair) -> list[Transition]:
        return [r for r in self.rows if (r.state, r.next) == pair]


def focus_at(timeline: Timeline | None, index: int, endpoint: str) -> Focus:
    """The endpoint's focus at step ``index`` (-1: before the first step)."""
    if timeline is None or not timeline.steps:
        return Focus(S.CLOSED, S.CLOSED.name)
    if index < 0:
        state = initial_state(timeline, endpoint)
        return Focus(state, state.name)
    step = timeline.steps[index]
    state = step.snapshot(endpoint).state
    rows = tuple(f.row for f in step.transitions if f.endpoint == endpoint)
    taken = tuple(dict.fromkeys((r.state, r.next) for r in rows if r.changes_state))
    current = _closed_box(timeline, index, endpoint) if state is S.CLOSED else state.name
    left = frozenset(box_key(a) for a, _ in taken) - {current}
    kept = frozenset(r.state for r in rows if not r.changes_state)
    return Focus(state, current, rows, taken, left, kept)


def _closed_box(timeline: Timeline, index: int, endpoint: str) -> str:
    """Which CLOSED box is lit: the bottom one once a connection has ended there."""
    for step in reversed(timeline.steps[: index + 1]):
        for fired in reversed(step.transitions):
            if fired.endpoint == endpoint and fired.row.changes_state \
                    and fired.row.next is S.CLOSED:
                return box_key(S.CLOSED, arriving_from=fired.row.state)
    return S.CLOSED.name


def pan_origin(visible: QRectF, scene: QRectF, musts: list[QRectF], wants: list[QRectF],
               snaps: Sequence[float] = ()) -> QPointF:
    """The top-left corner ``visible`` (the part of the viewport the figure shows through)
    should move to so that every rectangle of ``musts`` is in sight, and as many of ``wants``
    (in order) as fit with them. Unchanged when they are already in sight. When it moves, its
    top goes to the nearest of ``snaps`` (the gaps between rows) that keeps all that in sight,
    so that no row of boxes is cut in half under the header."""
    margin = 4.0
    goal = QRectF()
    for rect in musts:
        goal = goal.united(rect) if not goal.isNull() else QRectF(rect)
    for rect in wants:
        grown = goal.united(rect) if not goal.isNull() else QRectF(rect)
        if grown.width() + 2 * margin <= visible.width() \
                and grown.height() + 2 * margin <= visible.height():
            goal = grown
    if goal.isNull() or visible.contains(goal.adjusted(-margin, -margin, margin, margin)):
        return visible.topLeft()
    x = _axis(visible.left(), visible.width(), goal.left(), goal.right(), scene.left(),
              scene.right(), margin)
    y = _axis(visible.top(), visible.height(), goal.top(), goal.bottom(), scene.top(),
              scene.bottom(), margin)
    if y != visible.top():
        fitting = [s for s in snaps if s <= goal.top() and goal.bottom() <= s + visible.height()
                   and scene.top() <= s <= scene.bottom() - visible.height()]
        y = min(fitting, key=lambda s: abs(s - y), default=y)
    return QPointF(x, y)


def _axis(start: float, size: float, low: float, high: float, scene_low: float,
          scene_high: float, margin: float) -> float:
    """Along one axis: keep ``start`` when [low, high] is inside the window; else centre it
    (showing its start first when it is longer than the window), inside the scene."""
    if start + margin <= low and high <= start + size - margin:
        return start
    fits = high - low + 2 * margin <= size
    start = (low + high - size) / 2 if fits else low - margin
    return max(scene_low, min(start, scene_high - size))
