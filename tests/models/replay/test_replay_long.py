"""Long captured connections: the replay's Timeline builds steps on demand, behaves like any
Timeline, and the inline classification of ordinary ACK/data segments agrees with the
endpoint's own RFC 9293 classifier on arbitrary streams (old duplicates, gaps, bad ACKs,
out-of-window segments, wrap-around, zero windows)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from simulator.models.replay import engine as replay_module
from simulator.models.replay.engine import ObservedSegment, replay, replay_columns
from simulator.models.replay.lazy_timeline import ReplayTimeline
from simulator.models.tcp.states import TcpState
from simulator.models.timeline.columns import columns_of, initial_state, state_changes
from simulator.models.timeline.steps import StepKind
from tests.models.replay.replay_streams import long_connection

SYN, ACK, PSH, FIN, RST = 0x02, 0x10, 0x08, 0x01, 0x04


@pytest.fixture(scope="module")
def long_replay() -> ReplayTimeline:
    timeline, _info = replay_columns(long_connection(100_000))
    return timeline


def test_a_100k_segment_connection_replays_through_every_state(long_replay):
    assert len(long_replay) == 200_000 and len(long_replay.segments) == 100_000
    # the server's FIN also acknowledges the client's: FIN-WAIT-1 straight to TIME-WAIT
    assert long_replay.states("client") == ["CLOSED", "SYN_SENT", "ESTABLISHED", "FIN_WAIT_1",
                                            "TIME_WAIT"]
    assert long_replay.states("server") == ["LISTEN", "SYN_RECEIVED", "ESTABLISHED",
                                            "CLOSE_WAIT", "LAST_ACK", "CLOSED"]


def test_a_step_far_into_a_long_replay_is_built_with_its_numbers(long_replay):
    k = 150_001
    step = long_replay[k]
    assert step.index == k and long_replay[k] == step
    assert step.segment is not None
    record = long_replay.segments[step.segment.id]
    assert record == step.segment
    assert k in (record.sent_step, record.end_step)
    assert step.client.state is step.server.state is TcpState.ESTABLISHED
    assert f"len={record.length}" in step.explanation.what
    if step.kind is StepKind.ARRIVE and record.length:
        assert any(f"+ {record.length} =" in line for line in step.explanation.arithmetic)


def test_replayed_steps_behave_like_a_sequence(long_replay):
    steps = long_replay.steps
    assert steps[-1] == long_replay[len(long_replay) - 1]
    window = steps[1000:1010]
    assert len(window) == 10 and [s.index for s in window] == list(range(1000, 1010))
    assert [s.index for s in reversed(steps[:5])] == [4, 3, 2, 1, 0]
    assert list(steps[10:13]) == [long_replay[10], long_replay[11], long_replay[12]]
    assert steps[10:13] == (long_replay[10], long_replay[11], long_replay[12])
    sent = [s.segment.id for s in steps[:6] if s.kind is StepKind.USER and s.segment]
    assert [s.id for s in long_replay.segments_sent_by(5)] == sent
    with pytest.raises(IndexError):
        long_replay[len(long_replay)]


def test_columns_of_a_replay_match_its_steps():
    timeline, _ = replay_columns(long_connection(600))
    columns = columns_of(timeline)
    assert list(columns.times) == [s.time for s in timeline]
    assert list(columns.seg_sent_step) == [s.sent_step for s in timeline.segments]
    assert list(columns.seg_end_step) == [s.end_step for s in timeline.segments]
    for endpoint in ("client", "server"):
        assert columns.initial_states[endpoint] is initial_state(timeline, endpoint)
        assert columns.state_changes[endpoint] == state_changes(timeline, endpoint)


# ---------------------------------------------------------------- inline vs classify

@st.composite
def streams(draw: st.DrawFn) -> list[ObservedSegment]:
    """A connection with the irregularities captures show, as seen at one end."""
    isns = st.one_of(st.sampled_from([0, 2**32 - 1, 2**32 - 700]), st.integers(0, 2**32 - 1))
    nxt = {True: draw(isns), False: draw(isns)}
    out: list[ObservedSegment] = []
    t = 0.0

    def add(from_client: bool, flags: int, seq: int, ack: int, length: int = 0,
            window: int = 1000) -> None:
        nonlocal t
        t += draw(st.sampled_from([0.0, 0.0001, 0.002, 0.05]))
        out.append(ObservedSegment(t, from_client, flags, seq % 2**32, ack % 2**32, length,
                                   window))

    if draw(st.booleans()):  # the handshake (else: joined mid-stream)
        add(True, SYN, nxt[True], 0)
        add(False, SYN | ACK, nxt[False], nxt[True] + 1)
        nxt[True] += 1
        nxt[False] += 1
        add(True, ACK, nxt[True], nxt[False])
    for _ in range(draw(st.integers(1, 30))):
        side = draw(st.booleans())
        length = draw(st.sampled_from([0, 1, 100, 1448]))
        kind = draw(st.sampled_from(["next", "next", "next", "again", "old", "gap", "far",
                                     "bad ack", "old ack", "no ack", "zero window"]))
        seq, ack = nxt[side], nxt[not side]
        if kind == "again" and out:
            prev = out[-1]
            add(prev.from_client, prev.flags, prev.seq, prev.ack, prev.length, prev.window)
            continue
        if kind == "old":
            seq -= draw(st.sampled_from([1, 100, 1448]))
        elif kind == "gap":
            seq += draw(st.sampled_from([1, 1448, 70_000]))
        elif kind == "far":
            seq += 2**31 + draw(st.integers(0, 1000))
        elif kind == "bad ack":
            ack += draw(st.sampled_from([1, 5000]))
        elif kind == "old ack":
            ack -= draw(st.sampled_from([1, 5000]))
        flags = 0 if kind == "no ack" else ACK
        flags |= PSH if length and draw(st.booleans()) else 0
        add(side, flags, seq, ack, length, 0 if kind == "zero window" else 1000)
        if kind in ("next", "gap"):
            nxt[side] = seq + length
    end = draw(st.sampled_from(["fin", "rst", "open"]))
    if end == "fin":
        add(True, FIN | ACK, nxt[True], nxt[False])
        add(False, FIN | ACK, nxt[False], nxt[True] + 1)
        add(True, ACK, nxt[True] + 1, nxt[False] + 1)
    elif end == "rst":
        add(draw(st.booleans()), RST | ACK, nxt[True], nxt[False])
    return out


@settings(max_examples=300, deadline=None)
@given(streams())
def test_inline_classification_agrees_with_the_endpoint_classifier(segments):
    inline, inline_info = replay(segments)
    saved = replay_module._SYN_FIN_RST
    replay_module._SYN_FIN_RST = 0xFFFF  # every segment takes the general path
    try:
        general, general_info = replay(segments)
    finally:
        replay_module._SYN_FIN_RST = saved
    assert inline_info == general_info
    assert list(inline.steps) == list(general.steps)
    assert list(inline.segments) == list(general.segments)
    for endpoint in ("client", "server"):
        assert inline.states(endpoint) == general.states(endpoint)
