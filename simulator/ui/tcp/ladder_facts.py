"""What the ladder says about a timeline besides TCP's numbers, worked out once per timeline:
the marks on each segment in words, the HTTP messages on the segments that carry them, and
the server's call-chain lane.

Theory of operation
-------------------
The pure functions of ``simulator.models.timeline`` (``segment_marks``, ``ladder_http``,
``server_lane``) read a timeline built step by step (a scenario, a live trace). A replayed
capture (``ReplayTimeline``) is 200,000 steps built on demand, so it is never read step by
step: its marks come from the capture index's annotations (sparse, per segment) and its HTTP
from the messages the capture source attached (``ReplayTimeline.show_http``), each with the
packets that carried it. They may be attached after the ladder's layout was computed (in the
replay loader's thread), so they are read when first asked for, and again if they changed.
"""

from __future__ import annotations

import weakref

import numpy as np
from numpy.typing import NDArray

from simulator.models.replay.lazy_timeline import ReplayTimeline, is_retransmission
from simulator.models.timeline.ladder_http import (
    LadderHttp,
    LadderMessage,
    ladder_http,
    messages_on_packets,
)
from simulator.models.timeline.segment_marks import (
    SegmentMark,
    marks_of_annotations,
    segment_marks,
)
from simulator.models.timeline.server_lane import LaneSpan, server_lane
from simulator.models.timeline.steps import Timeline


def _replay_http(timeline: ReplayTimeline) -> LadderHttp:
    log = timeline.log
    columns = log.columns
    retransmitted = {i for i, names in columns.annotations.items() if is_retransmission(names)}
    return messages_on_packets(log.http_messages, columns.packet, columns.from_client,
                               retransmitted)


class LadderFacts:
    """Marks, HTTP and the server lane of one timeline."""

    def __init__(self, timeline: Timeline) -> None:
        self._replay = timeline if isinstance(timeline, ReplayTimeline) else None
        self._timeline = timeline
        self._marks: dict[int, tuple[SegmentMark, ...]] = (
            {} if self._replay is not None else segment_marks(timeline))
        self.lane: tuple[LaneSpan, ...] = () if self._replay is not None else server_lane(
            timeline)
        self._http: LadderHttp | None = None
        self._http_source: object = None

    def marks(self, segment_id: int) -> tuple[SegmentMark, ...]:
        if self._replay is not None:
            names = self._replay.log.columns.annotations.get(segment_id)
            return marks_of_annotations(names) if names else ()
        return self._marks.get(segment_id, ())

    def marked(self) -> list[int]:
        """The segments with a mark."""
        if self._replay is not None:
            return list(self._replay.log.columns.annotations)
        return list(self._marks)

    @property
    def http(self) -> LadderHttp:
        if self._replay is not None:
            source = self._replay.log.http_messages
            if self._http is None or source is not self._http_source:
                self._http, self._http_source = _replay_http(self._replay), source
            return self._http
        if self._http is None:
            self._http = ladder_http(self._timeline)
        return self._http

    def message_at(self, segment_id: int) -> LadderMessage | None:
        """The HTTP message whose start line this segment carries."""
        return self.http.started_by(segment_id)

    def compact_steps(self) -> NDArray[np.bool_] | None:
        """Per step: a call-chain step (drawn closer together: no arrow at it), or None."""
        if self._replay is not None or not self.lane:
            return None
        return np.array([s.layer == "wsgi" for s in self._timeline], dtype=bool)


_last: tuple[weakref.ref[Timeline], LadderFacts] | None = None


def facts_of(timeline: Timeline) -> LadderFacts:
    """The timeline's facts, worked out once (the last timeline's are kept)."""
    global _last
    last = _last
    if last is not None and last[0]() is timeline:
        return last[1]
    facts = LadderFacts(timeline)
    _last = (weakref.ref(timeline), facts)
    return facts
