"""A resend that merges a segment that arrived with one that was lost fills the gap: the
receiver's acknowledgement of it waits for its arrival (replay timing, hand-built)."""

from __future__ import annotations

import pytest

from simulator.models.replay.engine import ObservedSegment, replay
from simulator.models.timeline.steps import StepKind

SYN, ACK, PSH = 0x02, 0x10, 0x08


def seg(time: float, from_client: bool, flags: int, seq: int, ack: int,
        length: int = 0) -> ObservedSegment:
    return ObservedSegment(time, from_client, flags, seq, ack, length, 502)


def test_the_ack_of_a_merged_resend_comes_after_the_resend_arrives() -> None:
    """Captured at the client, round trip 100 ms (SYN at 0, SYN,ACK at 0.1): each way takes
    50 ms. A (1001-1100) arrives, B (1101-1200) is lost, and the resend at 0.50 carries
    1001-1200 (Linux merges segments when it retransmits). The server's ACK=1201 reached the
    client at 0.59, so 50 ms back it would have left at 0.54, before the resend reached the
    server at 0.50 + 0.05 = 0.55: the server acknowledges only what arrived (RFC 9293
    §3.10.7.4), so its ACK leaves just after 0.55, not at 0.54."""
    segments = [
        seg(0.0, True, SYN, 1000, 0),
        seg(0.1, False, SYN | ACK, 5000, 1001),
        seg(0.1, True, ACK, 1001, 5001),
        seg(0.2, True, PSH | ACK, 1001, 5001, 100),   # A: arrives
        seg(0.2001, True, PSH | ACK, 1101, 5001, 100),  # B: lost
        seg(0.3, False, ACK, 5001, 1101),             # ACK of A only
        seg(0.5, True, PSH | ACK, 1001, 5001, 200),   # A+B again
        seg(0.59, False, ACK, 5001, 1201),            # ACK of both
    ]
    timeline, info = replay(segments)
    assert info.capture_point == "client"
    resend_arrives = next(s for s in timeline if s.kind is StepKind.ARRIVE and s.actor == "server"
                          and s.segment is not None and s.segment.seq == 1001
                          and s.segment.length == 200)
    final_ack_sent = next(s for s in timeline if s.kind is StepKind.USER and s.actor == "server"
                          and s.segment is not None and s.segment.ack == 1201)
    assert resend_arrives.time == pytest.approx(0.55, abs=1e-9)
    assert final_ack_sent.time > resend_arrives.time
    assert final_ack_sent.time == pytest.approx(0.55, abs=1e-4)  # not 0.54
