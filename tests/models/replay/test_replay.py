"""Replay infers what the simulator did: a scenario "captured at the client" and replayed
through the same transition table goes through the same states on both sides.

Only what a capture cannot show is left out: the server's passive OPEN before the first SYN
(it starts in LISTEN) and TIME-WAIT's silent expiry to CLOSED (no segment marks it).
"""

from __future__ import annotations

import pytest

from simulator.models.replay.engine import ObservedSegment, replay
from simulator.models.simulation.scenarios import SCENARIOS, build
from simulator.models.tcp.segment import Flags
from simulator.models.timeline.steps import Fate, StepKind, Timeline


def captured_at_client(timeline: Timeline) -> list[ObservedSegment]:
    """What a capture on the client's interface would show: everything the client sent,
    and what reached it from the server."""
    seen = []
    for s in timeline.segments:
        if s.src == "client":
            seen.append(ObservedSegment(s.sent_at, True, int(s.flags), s.seq, s.ack, s.length,
                                        s.window))
        elif s.fate is Fate.DELIVERED:
            assert s.end_at is not None
            seen.append(ObservedSegment(s.end_at, False, int(s.flags), s.seq, s.ack, s.length,
                                        s.window))
    return sorted(seen, key=lambda o: o.time)


def visible(states: list[str], listened: bool) -> list[str]:
    if listened and states[:2] == ["CLOSED", "LISTEN"]:
        states = states[1:]
    if states[-2:] == ["TIME_WAIT", "CLOSED"]:
        states = states[:-1]
    return states


# Replay follows one connection; HTTP/1.0 and a second host open several.
@pytest.mark.parametrize("name", [n for n in SCENARIOS if len(build(n).connections) == 1])
def test_replay_of_a_scenario_infers_the_states_the_simulation_went_through(name):
    simulated = build(name)
    replayed, info = replay(captured_at_client(simulated))
    for side in ("client", "server"):
        listened = side == "server" and simulated.states("server")[1:2] == ["LISTEN"]
        assert replayed.states(side) == visible(simulated.states(side), listened), side
    assert info.opened == "handshake"


def test_capture_point_is_the_client_and_rtt_is_timed_from_the_last_syn():
    simulated = build("lost-syn")
    _, info = replay(captured_at_client(simulated))
    assert info.capture_point == "client"
    assert info.rtt == pytest.approx(2 * simulated.link_delay)


def test_crossing_fins_cross_in_the_replay_too():
    replayed, _ = replay(captured_at_client(build("simultaneous-close")))
    both_closing = [s for s in replayed if s.client.state.name == "CLOSING"
                    and s.server.state.name == "CLOSING"]
    assert both_closing, "both sides should be in CLOSING at some step"


def test_every_segment_is_sent_then_received_and_steps_are_in_time_order():
    replayed, _ = replay(captured_at_client(build("handshake-teardown")))
    times = [s.time for s in replayed]
    assert times == sorted(times)
    for seg in replayed.segments:
        assert seg.sent_step < seg.end_step  # type: ignore[operator]
        assert replayed[seg.sent_step].kind is StepKind.USER
        assert replayed[seg.end_step].kind is StepKind.ARRIVE  # type: ignore[index]


def test_midstream_capture_starts_established_and_says_so():
    full = captured_at_client(build("handshake-teardown"))
    midstream = [o for o in full if not o.flags & Flags.SYN]
    replayed, info = replay(midstream)
    assert info.opened == "midstream"
    assert replayed.states("client")[0] == "ESTABLISHED"
    assert "mid-connection" in " ".join(replayed[0].notes)
    assert replayed.states("client")[-1] == "TIME_WAIT"


def test_captured_data_segments_keep_their_length_in_the_explanations():
    replayed, _ = replay(captured_at_client(build("handshake-teardown")))
    request = next(s for s in replayed if s.kind is StepKind.ARRIVE and s.segment is not None
                   and s.segment.length > 0)
    assert f"len={request.segment.length}" in request.explanation.what
    assert any("RCV.NXT" in line and f"+ {request.segment.length} =" in line
               for line in request.explanation.arithmetic)
