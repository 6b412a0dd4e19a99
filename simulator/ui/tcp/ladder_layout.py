"""Where everything on the ladder goes: the time axis, the arrows, badges, ticks and breaks.

Theory of operation
-------------------
The vertical axis is a monotone, piecewise-linear map from *step* to y: consecutive steps are
spaced in proportion to the virtual time between them (one link delay = ``PX_PER_DELAY``),
steps at the same instant are spaced by a small fixed gap so that simultaneous events stay
legible, and gaps longer than ``BREAK_AFTER_DELAYS`` link delays are drawn as a fixed-height
band labelled with the real duration. Segments sent at the same step by the same endpoint
leave one after another (serialisation), so each is drawn a little below the previous one,
and later steps are pushed down so that every arrow still drops at least one link delay.

A replayed capture has 200,000 steps, so the layout is computed with numpy from the
timeline's columns (``simulator.models.timeline.columns``) without building steps, and every
kind of item gets an ``IntervalIndex``: which items have any part between two y values. The
view builds graphics items only for those (``ladder_view``). Nothing here imports Qt.
"""

from __future__ import annotations

import bisect
import enum
import math
import weakref
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from simulator.models.tcp.states import TcpEvent, TcpState
from simulator.models.timeline.columns import NO_STEP, TimelineColumns, columns_of
from simulator.models.timeline.steps import Timeline

# Layout (scene units ≈ pixels at zoom 1).
TIME_RIGHT_X = 70.0
CLIENT_X = 210.0
SERVER_X = 650.0
SCENE_WIDTH = 800.0
HEADER_TOP = 8.0
HEADER_HEIGHT = 44.0
INITIAL_Y = 84.0
FIRST_GAP = 40.0
PX_PER_DELAY = 80.0
SIMULTANEOUS_GAP = 36.0
BURST_GAP = 36.0
BREAK_HEIGHT = 78.0
BREAK_AFTER_DELAYS = 2.0
BREAK_INSET = 10.0  # a break band leaves this much room above and below it
BOTTOM_MARGIN = 40.0
BADGE_GAP = 8.0
ARROW_PAD = 46.0  # how far an arrow's label and head may reach beyond its line, in y

Floats = NDArray[np.float64]
Ints = NDArray[np.int64]


def format_time(t: float, decimals: int | None = None) -> str:
    """'350 ms' under a second, '3.050 s' above, '240.45 s' from 10 s on; with ``decimals``
    (a capture whose steps are microseconds apart) always seconds: '10.54123 s'."""
    if decimals is not None:
        return f"{t:.{decimals}f} s"
    if t < 1.0:
        return f"{t * 1000:.0f} ms"
    return f"{t:.3f} s" if t < 10.0 else f"{t:.2f} s"


def format_duration(d: float) -> str:
    if d < 0.001:
        return f"{d * 1e6:.0f} µs"
    if d < 1.0:
        return f"{d * 1000:.0f} ms"
    if d >= 10.0:
        return f"{d:.0f} s"
    return f"{d:.3f}".rstrip("0").rstrip(".") + " s"


def time_decimals(delay: float) -> int | None:
    """Decimals that tell apart times a link delay apart (None: the ms/s format will do)."""
    if delay >= 0.001:
        return None
    return min(6, math.ceil(-math.log10(delay)))


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
class LadderAxis:
    """y of each step; ``y_at(u)`` interpolates for a fractional cursor u in [-1, n-1].
    ``break_after`` holds each step k that follows a cut-out idle gap (between k-1 and k)."""

    step_y: Floats
    break_after: Ints

    def y_of(self, index: int) -> float:
        if index < 0 or not len(self.step_y):
            return INITIAL_Y
        return float(self.step_y[min(index, len(self.step_y) - 1)])

    def y_at(self, u: float) -> float:
        lo = math.floor(u)
        frac = u - lo
        a, b = self.y_of(lo), self.y_of(lo + 1)
        return a + (b - a) * frac if frac > 0 else a

    @property
    def bottom(self) -> float:
        return (float(self.step_y[-1]) if len(self.step_y) else INITIAL_Y) + PX_PER_DELAY

    def step_at(self, y: float) -> int:
        """The last step at or above y (-1 above the first)."""
        return int(np.searchsorted(self.step_y, y, side="right")) - 1


def burst_ranks(sent_step: Ints, from_client: Ints) -> Ints:
    """Each segment's place among the segments its sender sent at the same step."""
    n = len(sent_step)
    if not n:
        return np.zeros(0, dtype=np.int64)
    key = sent_step * 2 + from_client
    order = np.argsort(key, kind="stable")
    sorted_key = key[order]
    first = np.r_[True, sorted_key[1:] != sorted_key[:-1]]
    group_start = np.maximum.accumulate(np.where(first, np.arange(n), 0))
    ranks = np.empty(n, dtype=np.int64)
    ranks[order] = np.arange(n) - group_start
    return ranks


def travel_share(columns: TimelineColumns, delay: float) -> Floats:
    """How much of the way to the receiver each segment got (1 unless it was lost)."""
    lost = np.flatnonzero(np.asarray(columns.seg_lost, dtype=bool))
    share = np.ones(len(columns.seg_sent_step))
    for i in lost.tolist():
        end_at = columns.seg_end_at[i]
        if end_at is not None:
            share[i] = min(1.0, max(0.15, (end_at - columns.seg_sent_at[i]) / delay))
    return share


def build_axis(columns: TimelineColumns, delay: float, ranks: Ints, share: Floats,
               sent_step: Ints, end_step: Ints) -> LadderAxis:
    times = np.asarray(columns.times, dtype=np.float64)
    if not len(times):
        return LadderAxis(np.zeros(0), np.zeros(0, dtype=np.int64))
    dt = np.diff(times)
    cut = dt > BREAK_AFTER_DELAYS * delay
    gaps = np.where(cut, BREAK_HEIGHT, np.maximum(SIMULTANEOUS_GAP, dt / delay * PX_PER_DELAY))
    ys = np.cumsum(np.r_[INITIAL_Y + FIRST_GAP, gaps])
    # Segments of a burst leave one below the other; push later steps down so that every
    # arrow still drops at least one link delay's height and all arrows keep one slope.
    # A push only ever shrinks later deficits, so only arrows short of room at the start
    # can need one; those are settled in order of arrival.
    arrived = (end_step != NO_STEP) & (end_step < len(ys))
    ids = np.flatnonzero(arrived)
    if len(ids):
        start = ys[sent_step[ids]] + ranks[ids] * BURST_GAP
        deficit = start + PX_PER_DELAY * share[ids] - ys[end_step[ids]]
        short = ids[deficit > 0]
        short = short[np.argsort(end_step[short], kind="stable")]
        pushes: list[tuple[int, float]] = []  # (from step, cumulative push)
        total = 0.0
        for i in short.tolist():
            s, e = int(sent_step[i]), int(end_step[i])
            before_s = _cumulative_at(pushes, s)
            need = (ys[s] + before_s + ranks[i] * BURST_GAP + PX_PER_DELAY * share[i]
                    - (ys[e] + total))
            if need > 0:
                total += float(need)
                pushes.append((e, total))
        if pushes:
            shift = np.zeros(len(ys))
            previous = 0.0
            for step, cumulative in pushes:
                shift[step] += cumulative - previous
                previous = cumulative
            ys = ys + np.cumsum(shift)
    return LadderAxis(ys, np.flatnonzero(cut).astype(np.int64) + 1)


def _cumulative_at(pushes: list[tuple[int, float]], step: int) -> float:
    """Total push applied at ``step`` by pushes starting at or before it."""
    lo, hi = 0, len(pushes)
    while lo < hi:
        mid = (lo + hi) // 2
        if pushes[mid][0] <= step:
            lo = mid + 1
        else:
            hi = mid
    return pushes[lo - 1][1] if lo else 0.0


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


class LadderLayout:
    """Everything's place, for a timeline of any length, plus y-range queries."""

    def __init__(self, timeline: Timeline) -> None:
        self.timeline = timeline
        self.columns = c = columns_of(timeline)
        self.delay = timeline.link_delay if timeline.link_delay > 0 else 0.05
        self.sent_step = np.asarray(c.seg_sent_step, dtype=np.int64)
        self.end_step = np.asarray(c.seg_end_step, dtype=np.int64)
        self.from_client = np.asarray(c.seg_from_client, dtype=np.int64) != 0
        self.share = travel_share(c, self.delay)
        ranks = burst_ranks(self.sent_step, self.from_client.astype(np.int64))
        self.axis = axis = build_axis(c, self.delay, ranks, self.share, self.sent_step,
                                      self.end_step)
        ys = axis.step_y
        n = len(self.sent_step)
        bottom = axis.bottom
        self.y_end = (np.where(self.end_step != NO_STEP, ys[np.clip(self.end_step, 0, len(ys) - 1)],
                               bottom) if n and len(ys) else np.full(n, bottom))
        sent_y = ys[self.sent_step] if n and len(ys) else np.full(n, INITIAL_Y)
        self.y_start = np.minimum(sent_y + ranks * BURST_GAP, self.y_end - 12.0)
        self.y_receiver = self.y_start + (self.y_end - self.y_start) / self.share
        self.arrows = IntervalIndex(self.y_start - ARROW_PAD,
                                    np.maximum(self.y_end, self.y_receiver) + ARROW_PAD)
        # ticks: one per distinct time, at the first step with it
        times = np.asarray(c.times, dtype=np.float64)
        self.tick_steps = (np.flatnonzero(np.r_[True, times[1:] != times[:-1]])
                           if len(times) else np.zeros(0, dtype=np.int64))
        self.tick_times = times[self.tick_steps] if len(times) else times
        self.tick_decimals = time_decimals(self.delay)
        self.tick_y = ys[self.tick_steps] if len(ys) else np.zeros(0)
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

    def arrow(self, i: int) -> ArrowGeometry:
        x0, x1 = (CLIENT_X, SERVER_X) if self.from_client[i] else (SERVER_X, CLIENT_X)
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
    """Why an idle gap was cut out and how long it really was (``duration``: the 2·MSL
    wait for TIME-WAIT, else the gap; ``rto`` for a retransmission timer)."""

    cause: BreakCause
    duration: float
    rto: float = 0.0


def break_note(timeline: Timeline, before: int, after: int) -> BreakNote:
    steps = timeline.steps
    step = steps[after]
    gap = step.time - steps[before].time
    events = {t.row.event for t in step.transitions}
    if TcpEvent.TIMEOUT_TIME_WAIT in events:
        entered = next((s.time for s in reversed(steps[:after])
                        if s.snapshot(step.actor).state is TcpState.TIME_WAIT
                        and (s.index == 0 or steps[s.index - 1].snapshot(step.actor)
                             .state is not TcpState.TIME_WAIT)), step.time - gap)
        return BreakNote(BreakCause.TIME_WAIT, step.time - entered)
    if TcpEvent.TIMEOUT_RETRANSMISSION in events and step.actor in ("client", "server"):
        rto = steps[before].snapshot(step.actor).rto
        return BreakNote(BreakCause.RETRANSMISSION, gap, rto)
    return BreakNote(BreakCause.IDLE, gap)
