"""The ladder's vertical axis: a monotone map from step to y, and the time labels beside it.

Theory of operation
-------------------
Consecutive steps are spaced in proportion to the virtual time between them (one link delay
= ``PX_PER_DELAY``); steps at the same instant are spaced by a small fixed gap, so that
simultaneous events stay legible (a smaller one for the server's call-chain steps, which draw
no arrow); gaps longer than ``BREAK_AFTER_DELAYS`` link delays are drawn as a fixed-height
band labelled with the real duration. Segments sent at the same step by the same endpoint
leave one after another (serialisation), so each is drawn a little below the previous one,
and later steps are pushed down so that every arrow still drops at least one link delay.
A step whose arrow carries a taller label (an HTTP start line, a cookie, a mark in words)
gets ``extra`` room above it.

The time axis shows one label per distinct time *as written* ("306 ms"): steps at one
instant, or microseconds apart, share one label, and labels closer than a line of text are
thinned out (``time_ticks``).

Units are scene units; the view scales them so that the text is legible (``ladder_view``).
Everything is numpy over the timeline's columns: a replayed capture has 200,000 steps.
Nothing here imports Qt.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from simulator.models.timeline.columns import NO_STEP, TimelineColumns

INITIAL_Y = 20.0
FIRST_GAP = 44.0
PX_PER_DELAY = 84.0
SIMULTANEOUS_GAP = 40.0
COMPACT_GAP = 15.0  # between two call-chain steps (no arrow between them)
BURST_GAP = 44.0
BREAK_HEIGHT = 84.0
BREAK_AFTER_DELAYS = 2.0
MIN_TICK_GAP = 16.0  # two time labels at least a line of text apart

Floats = NDArray[np.float64]
Ints = NDArray[np.int64]
Bools = NDArray[np.bool_]


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


def written_time(times: Floats, decimals: int | None) -> Floats:
    """Each time rounded as ``format_time`` writes it (equal values: equal labels)."""
    if decimals is not None:
        return np.round(times, decimals)
    resolution = np.where(times < 10.0, 1e-3, 1e-2)  # ms under 10 s, then centiseconds
    return np.rint(times / resolution) * resolution


@dataclass(frozen=True)
class TimeTicks:
    """The steps that carry a time label, their y and time (ascending)."""

    steps: Ints
    ys: Floats
    times: Floats


def time_ticks(times: Floats, ys: Floats, decimals: int | None) -> TimeTicks:
    """One label where the written time changes, at the first step with it; a label closer
    than ``MIN_TICK_GAP`` below the last one kept is left out."""
    if not len(times):
        return TimeTicks(np.zeros(0, dtype=np.int64), np.zeros(0), np.zeros(0))
    written = written_time(times, decimals)
    steps = np.flatnonzero(np.r_[True, written[1:] != written[:-1]]).astype(np.int64)
    tick_y = ys[steps]
    if len(steps) > 1 and bool((np.diff(tick_y) < MIN_TICK_GAP).any()):
        keep: list[int] = []
        last = -math.inf
        for k, y in enumerate(tick_y.tolist()):
            if y - last >= MIN_TICK_GAP:
                keep.append(k)
                last = y
        steps = steps[keep]
    return TimeTicks(steps, ys[steps], times[steps])


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


def burst_offsets(sent_step: Ints, from_client: Ints, lift: Floats) -> Floats:
    """How far below its step's y each segment leaves: the segments a sender sends at one
    step leave one after another, ``BURST_GAP`` apart, plus the room each one's taller label
    needs above it (``lift``)."""
    n = len(sent_step)
    if not n:
        return np.zeros(0)
    key = sent_step * 2 + from_client
    order = np.argsort(key, kind="stable")
    sorted_key = key[order]
    first = np.r_[True, sorted_key[1:] != sorted_key[:-1]]
    room = np.cumsum(np.where(first, 0.0, BURST_GAP + lift[order]))
    offsets = np.empty(n)
    offsets[order] = room - np.maximum.accumulate(np.where(first, room, 0.0))
    return offsets


def travel_share(columns: TimelineColumns, delay: float) -> Floats:
    """How much of the way to the receiver each segment got (1 unless it was lost)."""
    lost = np.flatnonzero(np.asarray(columns.seg_lost, dtype=bool))
    share = np.ones(len(columns.seg_sent_step))
    for i in lost.tolist():
        end_at = columns.seg_end_at[i]
        if end_at is not None:
            share[i] = min(1.0, max(0.15, (end_at - columns.seg_sent_at[i]) / delay))
    return share


@dataclass(frozen=True)
class AxisInput:
    """What the axis is built from, besides the timeline's columns."""

    delay: float
    offsets: Floats  # per segment: below its step's y, where it leaves (burst_offsets)
    share: Floats  # per segment: how far it got
    sent_step: Ints
    end_step: Ints
    compact: Bools | None = None  # per step: a call-chain step (no arrow at it)
    extra: Floats | None = None  # per step: room above it for a taller label


def build_axis(columns: TimelineColumns, given: AxisInput) -> LadderAxis:
    times = np.asarray(columns.times, dtype=np.float64)
    if not len(times):
        return LadderAxis(np.zeros(0), np.zeros(0, dtype=np.int64))
    delay = given.delay
    dt = np.diff(times)
    cut = dt > BREAK_AFTER_DELAYS * delay
    least = np.full(len(dt), SIMULTANEOUS_GAP)
    if given.compact is not None and len(dt):
        both = given.compact[1:] & given.compact[:-1]
        least = np.where(both, COMPACT_GAP, least)
    gaps = np.where(cut, BREAK_HEIGHT, np.maximum(least, dt / delay * PX_PER_DELAY))
    if given.extra is not None and len(dt):
        gaps = gaps + given.extra[1:]
    first = INITIAL_Y + FIRST_GAP + (float(given.extra[0]) if given.extra is not None else 0.0)
    ys = np.cumsum(np.r_[first, gaps])
    return LadderAxis(_pushed(ys, given), np.flatnonzero(cut).astype(np.int64) + 1)


def _pushed(ys: Floats, given: AxisInput) -> Floats:
    """Segments of a burst leave one below the other; push later steps down so that every
    arrow still drops at least one link delay's height and all arrows keep one slope.
    A push only ever shrinks later deficits, so only arrows short of room at the start
    can need one; those are settled in order of arrival."""
    sent_step, end_step, offsets, share = (given.sent_step, given.end_step, given.offsets,
                                           given.share)
    arrived = (end_step != NO_STEP) & (end_step < len(ys))
    ids = np.flatnonzero(arrived)
    if not len(ids):
        return ys
    start = ys[sent_step[ids]] + offsets[ids]
    deficit = start + PX_PER_DELAY * share[ids] - ys[end_step[ids]]
    short = ids[deficit > 0]
    short = short[np.argsort(end_step[short], kind="stable")]
    pushes: list[tuple[int, float]] = []  # (from step, cumulative push)
    total = 0.0
    for i in short.tolist():
        s, e = int(sent_step[i]), int(end_step[i])
        before_s = _cumulative_at(pushes, s)
        need = ys[s] + before_s + offsets[i] + PX_PER_DELAY * share[i] - (ys[e] + total)
        if need > 0:
            total += float(need)
            pushes.append((e, total))
    if not pushes:
        return ys
    shift = np.zeros(len(ys))
    previous = 0.0
    for step, cumulative in pushes:
        shift[step] += cumulative - previous
        previous = cumulative
    return ys + np.cumsum(shift)


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
