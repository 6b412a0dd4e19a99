"""Which HTTP snapshots a timeline has, without building every step of a long replay.

A scenario's steps are all built already; a replayed capture (``ReplayTimeline``) builds a
step when asked, so reading thousands of them to size a pane would cost a second on a large
connection. Its log says whether the connection carried HTTP at all, and a few hundred
evenly spaced steps are enough to tell which panes the lesson uses.
"""

from __future__ import annotations

from itertools import islice

from simulator.models.http.snapshot import HttpSnapshot
from simulator.models.replay.lazy_timeline import ReplayTimeline
from simulator.models.timeline.steps import Timeline

SCAN_STEPS = 5000
SAMPLES = 400


def http_sample(timeline: Timeline | None) -> list[HttpSnapshot]:
    if timeline is None:
        return []
    if isinstance(timeline, ReplayTimeline):
        if timeline.log.http_at is None:
            return []
        stride = max(1, len(timeline) // SAMPLES)
        steps = (timeline[i] for i in range(0, len(timeline), stride))
        return [s.http for s in steps if s.http is not None]
    return [s.http for s in islice(timeline, SCAN_STEPS) if s.http is not None]


def has_http(timeline: Timeline | None) -> bool:
    """Whether the timeline has an HTTP layer (HTTP follows the handshake within a few
    steps; a replayed capture knows from its log)."""
    if isinstance(timeline, ReplayTimeline):
        return timeline.log.http_at is not None
    return bool(http_sample(timeline))
