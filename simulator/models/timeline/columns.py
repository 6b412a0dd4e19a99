"""A Timeline's numbers as columns: what a view needs to lay out 200,000 steps without
building 200,000 Step objects.

Theory of operation
-------------------
A view that draws the whole timeline (the ladder's time axis, its state badges, which
segments cross which part of it) needs a few numbers per step and per segment, not the
steps themselves. ``columns_of(timeline)`` returns them as parallel sequences. A timeline
that already keeps its facts in columns (a replayed capture, ``replay.lazy_timeline``) hands
them over directly; any other timeline (a scenario: tens of steps) is read step by step.
The values are exactly those of the steps and segment records; only the shape differs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from simulator.models.tcp.states import TcpState
from simulator.models.timeline.numbers import sender_had_iss
from simulator.models.timeline.steps import Fate, Timeline

ENDPOINTS = ("client", "server")
NO_STEP = -1  # a segment still in flight at the end: ``end_step`` is None


@dataclass(frozen=True)
class TimelineColumns:
    """Per step: its time. Per segment (by id): sender, the steps and times that bound its
    flight, and whether it was lost. Per endpoint: the steps where its state changed."""

    times: Sequence[float]
    seg_from_client: Sequence[int]  # nonzero (or True): sent by the client
    seg_sent_step: Sequence[int]
    seg_end_step: Sequence[int]  # NO_STEP when the segment never arrived nor was lost
    seg_sent_at: Sequence[float]
    seg_end_at: Sequence[float | None]
    seg_lost: Sequence[bool]
    # whether the sender had chosen its ISS when it sent the segment (else: an RST from a
    # port with no connection, whose numbers mean nothing relative to an ISN)
    seg_sender_has_iss: Sequence[bool]
    # endpoint -> its state before step 0 (the row that fired at step 0 says where it was)
    initial_states: dict[str, TcpState]
    # endpoint -> ((step, state after it), ...) wherever the state differs from the step before
    state_changes: dict[str, tuple[tuple[int, TcpState], ...]]


class ColumnarTimeline(Timeline):
    """A Timeline that keeps its facts in columns and can hand them over without building
    steps (subclasses implement ``columns``)."""

    def columns(self) -> TimelineColumns:
        raise NotImplementedError


def initial_state(timeline: Timeline, endpoint: str) -> TcpState:
    """The endpoint's state before step 0 (the row that fired at step 0 says where it was)."""
    if not len(timeline):
        return TcpState.CLOSED
    first = timeline[0]
    return next((f.row.state for f in first.transitions if f.endpoint == endpoint),
                first.snapshot(endpoint).state)


def state_changes(timeline: Timeline, endpoint: str) -> tuple[tuple[int, TcpState], ...]:
    """(step, new state) for every step after which ``endpoint``'s state differs from before
    it (step 0 compares with ``initial_state``)."""
    before = initial_state(timeline, endpoint)
    out: list[tuple[int, TcpState]] = []
    for step in timeline:
        now = step.snapshot(endpoint).state
        if now is not before:
            out.append((step.index, now))
            before = now
    return tuple(out)


def columns_of(timeline: Timeline) -> TimelineColumns:
    """The timeline's columns (directly for a columnar timeline, else read from its steps)."""
    if isinstance(timeline, ColumnarTimeline):
        return timeline.columns()
    segs = timeline.segments
    return TimelineColumns(
        times=[s.time for s in timeline],
        seg_from_client=[int(s.src == "client") for s in segs],
        seg_sent_step=[s.sent_step for s in segs],
        seg_end_step=[NO_STEP if s.end_step is None else s.end_step for s in segs],
        seg_sent_at=[s.sent_at for s in segs],
        seg_end_at=[s.end_at for s in segs],
        seg_lost=[s.fate is Fate.LOST for s in segs],
        seg_sender_has_iss=[sender_had_iss(timeline.steps, s.sent_step, s.src, s.connection)
                            for s in segs],
        initial_states={e: initial_state(timeline, e) for e in ENDPOINTS},
        state_changes={e: state_changes(timeline, e) for e in ENDPOINTS})
