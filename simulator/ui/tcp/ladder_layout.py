"""Where everything on the ladder goes: the lanes across, and down the time axis the arrows,
badges, ticks, breaks, HTTP brackets and the server's call-chain lane.

Theory of operation
-------------------
Down: ``ladder_axis`` maps steps to y (time flows down) once per timeline; this module places
every item on it and gives each kind of item an ``IntervalIndex``: which items have any
part between two y values. A replayed capture has 200,000 steps, so this is numpy over the
timeline's columns (``simulator.models.timeline.columns``), without building steps, and the
view builds graphics items only for what is near its window (``ladder_view``).

Across: the lifelines are placed by the width of the view, not by a fixed scene that is
scaled down to fit (its words would shrink with it). ``lanes_for`` gives the time labels,
the client's badges, the span between the lifelines and the server's badges (and call-chain
stages) their room at a given width; the span between the lifelines is what adapts, between
``MIN_SPAN`` (below it the scene grows wider than the view and scrolls) and ``MAX_SPAN``
(above it the picture stays centred). Arrow geometry is worked out per lanes, so a resize
only rebuilds the items near the window.

Nothing here imports Qt.
"""

from __future__ import annotations

import bisect
import enum
import weakref
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from simulator.models.tcp.states import TcpEvent, TcpState
from simulator.models.timeline.columns import NO_STEP, ColumnarTimeline, columns_of
from simulator.models.timeline.steps import Timeline
from simulator.ui.tcp.ladder_axis import (
    INITIAL_Y,
    AxisInput,
    build_axis,
    burst_offsets,
    time_decimals,
    time_ticks,
    travel_share,
)
from simulator.ui.tcp.ladder_facts import facts_of

BREAK_INSET = 10.0  # a break band leaves this much room above and below it
BOTTOM_MARGIN = 40.0
BADGE_GAP = 6.0
ARROW_PAD = 90.0  # how far an arrow's label and head may reach beyond its line, in y
LINE_UNITS = 14.0  # one more line of label text needs this much more room above its step
PAD = 4.0  # scene edge to the time labels, and beyond the server's badges
MIN_SPAN = 190.0  # between the lifelines, at the least (below it, the scene scrolls)
MAX_SPAN = 760.0  # and at the most (beyond it, the picture stays centred)

Floats = NDArray[np.float64]


class IntervalIndex:
    """Which of n items [lo[i], hi[i]] overlap a query [a, b] (items sorted by lo, with a
    running maximum of hi: two binary searches bound the candidates)."""

    def __init__(self, lo: Floats, hi: Floats) -> None:
        self.lo, self.hi = lo, hi
        self._order = np.argsort(lo, kind="stable")
        self._lo_sorted = lo[self._order]
        self._hi_max = np.maximum.accumulate(hi[self._order]) if len(lo) else hi

    def __len__(self) -> int:
        return len(self.lo)

    def overlapping(self, a: float, b: float) -> list[int]:
        """Items with some part in [a, b], in item order."""
        end = int(np.searchsorted(self._lo_sorted, b, side="right"))
        start = int(np.searchsorted(self._hi_max, a, side="left"))
        if start >= end:
            return []
        found = self._order[start:end]
        return sorted(found[self.hi[found] >= a].tolist())


@dataclass(frozen=True)
class Lanes:
    """Where things go across, in scene units."""

    width: float  # of the scene
    time_right: float  # the time labels end here
    client_x: float
    server_x: float

    @property
    def span(self) -> float:
        return self.server_x - self.client_x


def lanes_for(width: float, time_width: float, client_room: float,
              server_room: float) -> Lanes:
    """Lanes for a view ``width`` units wide: the time labels (``time_width``), the client's
    badges (``client_room``) left of its lifeline, the server's badges and call-chain stages
    (``server_room``) right of its own."""
    left = PAD + time_width + BADGE_GAP + client_room + BADGE_GAP
    right = BADGE_GAP + server_room + PAD
    span = width - left - right
    if span < MIN_SPAN:
        width, span = left + MIN_SPAN + right, MIN_SPAN
    inset = max(0.0, span - MAX_SPAN) / 2
    client_x = left + inset
    return Lanes(width, client_x - BADGE_GAP - client_room - BADGE_GAP, client_x,
                 client_x + min(span, MAX_SPAN))


@dataclass(frozen=True)
class Badge:
    endpoint: str
    state: TcpState
    step: int  # -1: the state before the first step
    y: float


@dataclass(frozen=True)
class ArrowGeometry:
    start: tuple[float, float]
    end: tuple[float, float]  # where the line stops (half-way for a lost segment)
    receiver: tuple[float, float]  # where it would have reached the receiver


def label_lift(timeline: Timeline, n_segments: int) -> Floats:
    """Per segment: the room above its arrow that its label's extra lines need (an HTTP
    start line, a cookie line: one line each; a mark in words goes on the flags' line)."""
    lift = np.zeros(n_segments)
    if isinstance(timeline, ColumnarTimeline):  # a replay: its HTTP layer comes later
        return lift
    for m in facts_of(timeline).http.messages:
        lift[m.first_segment] = (1 + (m.cookie_header is not None)) * LINE_UNITS
    return lift


def step_room(n_steps: int, sent_step: NDArray[np.int64], offsets: Floats,
              lift: Floats) -> Floats:
    """Per step: the room above it for the label of the first arrow it sends."""
    room = np.zeros(n_steps)
    first = (offsets == 0) & (lift > 0) & (sent_step < n_steps)
    np.maximum.at(room, sent_step[first], lift[first])
    return room


class LadderLayout:
    """Everything's place down the axis, for a timeline of any length, plus y-range
    queries; across, per ``Lanes``."""

    def __init__(self, timeline: Timeline) -> None:
        self.timeline = timeline
        self.columns = c = columns_of(timeline)
        self.delay = timeline.link_delay if timeline.link_delay > 0 else 0.05
        self.sent_step = np.asarray(c.seg_sent_step, dtype=np.int64)
        self.end_step = np.asarray(c.seg_end_step, dtype=np.int64)
        self.from_client = np.asarray(c.seg_from_client, dtype=np.int64) != 0
        self.share = travel_share(c, self.delay)
        lift = label_lift(timeline, len(self.sent_step))
        offsets = burst_offsets(self.sent_step, self.from_client.astype(np.int64), lift)
        n_steps = len(c.times)
        self.axis = axis = build_axis(c, AxisInput(
            self.delay, offsets, self.share, self.sent_step, self.end_step,
            compact=facts_of(timeline).compact_steps(),
            extra=step_room(n_steps, self.sent_step, offsets, lift)))
        ys = axis.step_y
        n = len(self.sent_step)
        bottom = axis.bottom
        self.y_end = (np.where(self.end_step != NO_STEP, ys[np.clip(self.end_step, 0, len(ys) - 1)],
                               bottom) if n and len(ys) else np.full(n, bottom))
        sent_y = ys[self.sent_step] if n and len(ys) else np.full(n, INITIAL_Y)
        self.y_start = np.minimum(sent_y + offsets, self.y_end - 12.0)
        self.y_receiver = self.y_start + (self.y_end - self.y_start) / self.share
        self.arrows = IntervalIndex(self.y_start - ARROW_PAD,
                                    np.maximum(self.y_end, self.y_receiver) + ARROW_PAD)
        # time labels: one per distinct written time, at the first step with it
        self.tick_decimals = time_decimals(self.delay)
        ticks = time_ticks(np.asarray(c.times, dtype=np.float64), ys, self.tick_decimals)
        self.tick_steps, self.tick_y, self.tick_times = ticks.steps, ticks.ys, ticks.times
        # state badges: where each endpoint's state changes
        self.badges = [Badge(e, c.initial_states[e], -1, INITIAL_Y) for e in ("client", "server")]
        for endpoint in ("client", "server"):
            self.badges += [Badge(endpoint, state, step, axis.y_of(step))
                            for step, state in c.state_changes[endpoint]]
        self.badges.sort(key=lambda b: (b.y, b.endpoint != "client"))
        badge_y = np.array([b.y for b in self.badges])
        self.badge_index = IntervalIndex(badge_y - 14.0, badge_y + 14.0)
        self._badge_steps = {e: [(b.step, k) for k, b in enumerate(self.badges)
                                 if b.endpoint == e] for e in ("client", "server")}
        # breaks: the band between step k-1 and step k, inset a little
        after = axis.break_after
        self.break_top = (ys[after - 1] + BREAK_INSET) if len(after) else np.zeros(0)
        self.break_bottom = (ys[after] - BREAK_INSET) if len(after) else np.zeros(0)
        self.breaks = IntervalIndex(self.break_top, self.break_bottom)

    @property
    def bottom(self) -> float:
        return self.axis.bottom

    @property
    def segment_count(self) -> int:
        return len(self.sent_step)

    def arrow(self, i: int, lanes: Lanes) -> ArrowGeometry:
        a, b = lanes.client_x, lanes.server_x
        x0, x1 = (a, b) if self.from_client[i] else (b, a)
        share, y0, y_end = float(self.share[i]), float(self.y_start[i]), float(self.y_end[i])
        return ArrowGeometry((x0, y0), (x0 + (x1 - x0) * share, y_end),
                             (x1, float(self.y_receiver[i])))

    def current_badges(self, u: float) -> dict[str, int]:
        """Each endpoint's latest badge at fractional cursor u (its state at u)."""
        out: dict[str, int] = {}
        for endpoint, steps in self._badge_steps.items():
            at = bisect.bisect_right(steps, (u + 1e-9, len(self.badges))) - 1
            if at >= 0:
                out[endpoint] = steps[at][1]
        return out

    def lifeline_gaps(self) -> tuple[Floats, Floats]:
        """Tops and bottoms of the dotted stretches of the lifelines (the breaks)."""
        return self.break_top, self.break_bottom

    def break_note(self, k: int) -> BreakNote:
        """What the break before step ``after[k]`` stands for (``ladder_frame`` words it)."""
        return break_note(self.timeline, int(self.axis.break_after[k]) - 1,
                          int(self.axis.break_after[k]))


_last: tuple[weakref.ref[Timeline], LadderLayout] | None = None


def layout_of(timeline: Timeline) -> LadderLayout:
    """The timeline's layout, computed once: a worker thread can prepare it (see
    ``replay_loader``) so that the GUI thread only builds the items near the cursor."""
    global _last
    last = _last
    if last is not None and last[0]() is timeline:
        return last[1]
    layout = LadderLayout(timeline)
    _last = (weakref.ref(timeline), layout)
    return layout


class BreakCause(enum.Enum):
    TIME_WAIT = "TIME-WAIT timer"  # the 2·MSL timer expires (RFC 9293 §3.6.1)
    RETRANSMISSION = "retransmission timer"  # the RTO expires (RFC 6298)
    IDLE = "idle"  # nothing happens meanwhile


@dataclass(frozen=True)
class BreakNote:
    """Why an idle gap was cut out and how long it was (``rto``: the retransmission timer
    that expired)."""

    cause: BreakCause
    duration: float
    rto: float = 0.0


def break_note(timeline: Timeline, before: int, after: int) -> BreakNote:
    """The band's words say the gap itself: a TIME-WAIT timer may have been restarted, or the
    step before the gap may be another connection's, so the gap is not always 2·MSL."""
    # (the times and the events only: building a replayed capture's steps, explanations
    # and all, to word a band cost ~1 ms a band at every seek)
    gap = timeline.step_time(after) - timeline.step_time(before)
    actor, events = timeline.step_events(after)
    if TcpEvent.TIMEOUT_TIME_WAIT in events:
        return BreakNote(BreakCause.TIME_WAIT, gap)
    if TcpEvent.TIMEOUT_RETRANSMISSION in events and actor in ("client", "server"):
        # the timer that expired: the actor's RTO on this connection before the timeout
        steps = timeline.steps
        step = steps[after]
        last = next((steps[i] for i in range(after - 1, -1, -1)
                     if steps[i].connection == step.connection), steps[before])
        return BreakNote(BreakCause.RETRANSMISSION, gap, last.snapshot(actor).rto)
    return BreakNote(BreakCause.IDLE, gap)

