"""A scenario captured at either end and replayed goes through the states the simulation
went through, when it went through them: the simulation is the truth here (the kernel
corpus, tests/net/capture/test_kernel_corpus.py, is the outside one).

What a capture at one end sees: everything that end sent (lost or not) when it sent it, and
what reached it when it arrived. The replay must tell from that alone which segments were
lost after the capture saw them (RFC 9293 §3.8.1: a loss shows only in what the ends do
next), time the far side's events from an unambiguous round trip (RFC 6298 §3, Karn), and
change no side's state on a segment that side never received.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from simulator.models.replay.engine import ObservedColumns, ObservedSegment, replay, replay_columns
from simulator.models.simulation.scenarios import TCP_SCENARIOS, build
from simulator.models.tcp.states import TcpEvent
from simulator.models.timeline.steps import Fate, StepKind, Timeline

ENDS = ("client", "server")
TOLERANCE = 0.15  # seconds, as the kernel corpus


def captured_at(timeline: Timeline, end: str) -> list[ObservedSegment]:
    """What a capture on ``end``'s interface shows: all it sent, and what reached it."""
    seen = []
    for s in timeline.segments:
        at = s.sent_at if s.src == end else s.end_at if s.fate is Fate.DELIVERED else None
        if at is not None:
            seen.append(ObservedSegment(at, s.src == "client", int(s.flags), s.seq, s.ack,
                                        s.length, s.window, mss=s.mss))
    return sorted(seen, key=lambda o: o.time)


def state_changes(timeline: Timeline, side: str, t0: float = 0.0) -> list[tuple[str, float]]:
    out: list[tuple[str, float]] = []
    for step in timeline:
        state = step.snapshot(side).state.name
        if not out or state != out[-1][0]:
            out.append((state, step.time - t0))
    return out


def _visible(changes: list[tuple[str, float]]) -> list[tuple[str, float]]:
    """Without a passive OPEN's LISTEN entered before anything was sent, and without
    TIME-WAIT's silent expiry (no segment shows either)."""
    if len(changes) > 1 and changes[0][0] == "CLOSED" and changes[1][0] == "LISTEN":
        changes = changes[1:]
    if changes[-2:] and [c[0] for c in changes[-2:]] == ["TIME_WAIT", "CLOSED"]:
        changes = changes[:-1]
    if changes and changes[0][0] == "CLOSED" and len(changes) > 1 \
            and abs(changes[1][1] - changes[0][1]) < 1e-6:
        changes = changes[1:]  # CLOSED only for the instant before the active OPEN
    return changes


CASES = [(name, end) for name in TCP_SCENARIOS if len(build(name).connections) == 1
         for end in ENDS]


@pytest.mark.parametrize(("name", "end"), CASES, ids=[f"{n}@{e}" for n, e in CASES])
def test_each_side_enters_each_state_when_the_simulation_did(name: str, end: str) -> None:
    """RFC 9293 §3.3.2, from either vantage point: the same states, in order, each within
    0.15 s of the simulation (a state entered before the capture's first packet is not
    timed: nothing captured shows when)."""
    simulated = build(name)
    segments = captured_at(simulated, end)
    t0 = segments[0].time
    replayed, _ = replay(segments)
    for side in ENDS:
        truth = _visible(state_changes(simulated, side, t0))
        got = _visible(state_changes(replayed, side))
        assert [s for s, _ in got] == [s for s, _ in truth], (side, got, truth)
        for (state, want), (_, have) in zip(truth, got, strict=True):
            if want > 0:
                assert abs(have - want) <= TOLERANCE, (side, state, have, want)


@pytest.mark.parametrize("name", ["lost-syn", "lost-data", "lost-last-ack", "fast-retransmit"])
def test_segments_lost_after_the_sender_show_as_lost_and_nothing_else_does(name: str) -> None:
    """Captured at the end that sent them, the segments the network lost are shown lost
    (the scenarios' Fate.LOST, a loss step, no arrival): never assumed delivered. Every
    delivered segment arrives."""
    if name not in TCP_SCENARIOS:
        pytest.skip(f"no scenario {name!r} yet")
    simulated = build(name)
    lost_ends = {s.src for s in simulated.segments if s.fate is Fate.LOST}
    assert lost_ends, "the scenario loses a segment"
    for end in lost_ends:
        replayed, info = replay(captured_at(simulated, end))
        sent = [s for s in simulated.segments if s.src == end]
        assert [s.fate for s in replayed.segments if s.src == end] == [s.fate for s in sent]
        assert info.lost_segments == sum(s.fate is Fate.LOST for s in sent)
        losses = [step for step in replayed if step.kind is StepKind.LOSE]
        assert len(losses) == info.lost_segments
        assert all(step.actor == "network" and not step.transitions for step in losses)


@pytest.mark.parametrize(("name", "end"), CASES, ids=[f"{n}@{e}" for n, e in CASES])
def test_no_side_changes_state_on_a_segment_it_never_received(name: str, end: str) -> None:
    """A side's control block moves only at its own steps; a loss step moves nothing."""
    replayed, _ = replay(captured_at(build(name), end))
    before = {side: replayed.initial_states for side in ENDS}
    previous = None
    for step in replayed:
        if previous is not None:
            for side in ENDS:
                if side != step.actor:
                    assert step.snapshot(side) == previous.snapshot(side), (step.index, side)
        previous = step
    assert before


def test_a_lost_syn_is_not_what_the_server_answered_and_the_rtt_ignores_it() -> None:
    """lost-syn at the client: the server enters SYN-RECEIVED when the third SYN arrives,
    not the first; the round trip is one round trip (RFC 6298 §3: no sample spans a
    retransmission), not the time from the first SYN."""
    simulated = build("lost-syn")
    replayed, info = replay(captured_at(simulated, "client"))
    syn_received = next(s for s in replayed if s.server.state.name == "SYN_RECEIVED")
    assert syn_received.time == pytest.approx(3.05, abs=0.01)
    assert info.rtt == pytest.approx(2 * simulated.link_delay, rel=0.05)
    assert info.lost_segments == 2


def test_the_last_ack_lost_keeps_the_server_in_last_ack_and_invents_no_reset() -> None:
    """lost-last-ack at the client: the server stays LAST-ACK until the ACK of its
    retransmitted FIN arrives (RFC 9293 §3.10.7.4); its FIN is a retransmission timeout in
    LAST-ACK, and no row the replay fires answers with a reset."""
    simulated = build("lost-last-ack")
    replayed, _ = replay(captured_at(simulated, "client"))
    closed = next(s for s in replayed if s.server.state.name == "CLOSED")
    truth = next(s for s in simulated if s.server.state.name == "CLOSED")
    assert closed.time == pytest.approx(truth.time, abs=TOLERANCE)
    events = [(t.row.state.name, t.row.event) for s in replayed for t in s.transitions
              if t.endpoint == "server"]
    assert ("LAST_ACK", TcpEvent.TIMEOUT_RETRANSMISSION) in events
    assert not [s for s in replayed for t in s.transitions if t.row.state.name == "CLOSED"
                and t.endpoint == "server"]


def test_timestamps_echo_times_a_handshake_whose_syn_ack_was_retransmitted() -> None:
    """RFC 7323 §4.1: the ACK echoes the TSval of the SYN,ACK copy it answers, so the round
    trip is timed from that copy even though the SYN,ACK was sent twice (Karn alone would
    have no sample; timing from the first copy would give 1.1 s)."""
    syn, ack, pair = 0x02, 0x10, 0x12
    segments = [
        ObservedSegment(0.000, True, syn, 100, 0, 0, 64240, tsval=5000, tsecr=0),
        ObservedSegment(0.0001, False, pair, 900, 101, 0, 65160, tsval=7000, tsecr=5000),
        ObservedSegment(1.0001, False, pair, 900, 101, 0, 65160, tsval=8000, tsecr=5000),
        ObservedSegment(1.1001, True, ack, 101, 901, 0, 502, tsval=6100, tsecr=8000),
    ]
    replayed, info = replay(segments)
    assert info.capture_point == "server"
    assert info.rtt == pytest.approx(0.1, abs=1e-6)
    assert info.rtt_source == "handshake"
    established = next(s for s in replayed if s.client.state.name == "ESTABLISHED")
    assert established.time == pytest.approx(1.0501, abs=1e-3)


def test_a_keep_alive_is_no_retransmission_timeout() -> None:
    """RFC 9293 §3.8.4: a keep-alive resends one acknowledged byte to probe the peer; when
    the capture's analysis says so (Wireshark's keep_alive), no timeout row fires and the
    step says what it is."""
    syn, ack = 0x02, 0x10
    segments = [
        ObservedSegment(0.0, True, syn, 100, 0, 0, 64240),
        ObservedSegment(0.05, False, syn | ack, 900, 101, 0, 65160),
        ObservedSegment(0.0501, True, ack, 101, 901, 0, 502),
        ObservedSegment(0.06, True, ack | 0x08, 101, 901, 10, 502),
        ObservedSegment(0.11, False, ack, 901, 111, 0, 509),
        ObservedSegment(60.11, True, ack, 110, 901, 1, 502, annotations=("keep_alive",)),
        ObservedSegment(60.16, False, ack, 901, 111, 0, 509),
    ]
    columns = replace(ObservedColumns.of(segments), analysed=True)
    replayed, _ = replay_columns(columns)
    probe = next(s for s in replayed if s.kind is StepKind.USER and s.segment is not None
                 and s.segment.id == 5)
    assert not probe.transitions
    assert "keep-alive" in probe.explanation.what
    assert probe.explanation.rfc == "RFC 9293 §3.8.4"
