"""Sequence-number arithmetic and seq/ack invariants of every scenario (RFC 9293 §3.4)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from simulator.models.simulation.network import Simulation
from simulator.models.simulation.scenarios import (
    BIG_RESPONSE,
    LONG_RESPONSE,
    REQUEST,
    RESPONSE,
    SCENARIOS,
    TCP_SCENARIOS,
    build,
)
from simulator.models.tcp.segment import Flags
from simulator.models.tcp.sequence import (
    SEQ_MODULUS,
    seq_add,
    seq_in_window,
    seq_le,
    seq_lt,
    seq_sub,
)
from simulator.models.tcp.states import TcpEvent, TcpState
from simulator.models.timeline.steps import StepKind, Timeline

seqs = st.integers(0, SEQ_MODULUS - 1)
E = TcpEvent

# ----------------------------------------------------------------- modulo-2**32 arithmetic


@given(seqs, seqs)
def test_seq_lt_is_antisymmetric_and_irreflexive(a: int, b: int) -> None:
    assert not (seq_lt(a, b) and seq_lt(b, a))
    assert not seq_lt(a, a)
    if a != b and seq_sub(a, b) != 2**31:  # exactly half-way round is undefined
        assert seq_lt(a, b) != seq_lt(b, a)


@given(seqs, st.integers(0, 2**31 - 1))
def test_seq_add_then_sub_round_trips(a: int, n: int) -> None:
    b = seq_add(a, n)
    assert 0 <= b < SEQ_MODULUS
    assert seq_sub(b, a) == n
    assert seq_le(a, b)
    assert seq_lt(a, b) == (n != 0)


@given(seqs, seqs)
def test_seq_sub_then_add_round_trips(a: int, b: int) -> None:
    assert seq_add(b, seq_sub(a, b)) == a


@given(st.integers(0, 2**16), st.integers(1, 2**16), st.integers(0, 2**17))
def test_window_membership_across_the_wrap(back: int, size: int, offset: int) -> None:
    start = seq_sub(0, back)  # the window starts just below 2**32 and may wrap to 0
    x = seq_add(start, offset)
    assert seq_in_window(x, start, size) == (offset < size)


def test_window_examples_at_wrap() -> None:
    top = SEQ_MODULUS - 2
    assert seq_in_window(top, top, 5)
    assert seq_in_window(0, top, 5) and seq_in_window(2, top, 5)
    assert not seq_in_window(3, top, 5)
    assert not seq_in_window(top - 1, top, 5)
    assert seq_lt(SEQ_MODULUS - 1, 0) and seq_lt(SEQ_MODULUS - 1, 5)


# ----------------------------------------------------------------- scenario invariants


def check_seq_ack_invariants(tl: Timeline) -> None:
    """RFC 9293 §3.3.1/§3.4 bookkeeping, checked on every step of a timeline."""
    for step in tl:
        for snap in (step.client, step.server):
            if snap.snd_una is not None:
                assert snap.snd_nxt is not None
                assert seq_le(snap.snd_una, snap.snd_nxt), (step.index, snap)
        for fid in step.sent:
            seg = tl.segments[fid]
            sender = step.snapshot(seg.src)
            # Every ACK carries the sender's RCV.NXT at the moment it was sent (an RST,ACK
            # from a closed port acknowledges SEG.SEQ+SEG.LEN of what it refuses instead).
            if Flags.ACK in seg.flags and Flags.RST not in seg.flags:
                assert seg.ack == sender.rcv_nxt, (step.index, seg.label())
            # A new SYN or FIN consumes exactly one sequence number; data its length.
            if not seg.retransmission and Flags.RST not in seg.flags and (
                    fid == max(i for i in step.sent if tl.segments[i].src == seg.src)):
                seg_len = seg.length + (Flags.SYN in seg.flags) + (Flags.FIN in seg.flags)
                if seg_len and sender.state is not TcpState.CLOSED:
                    assert sender.snd_nxt == seq_add(seg.seq, seg_len), (step.index, seg)
        if step.kind is StepKind.ARRIVE and step.segment is not None:
            seg = step.segment
            rcv = step.snapshot(seg.dst)
            events = {t.row.event for t in step.transitions}
            state_before = step.transitions[0].row.state
            if events & {E.RCV_FIN, E.RCV_FIN_ACK_OF_FIN} and state_before is not (
                    TcpState.TIME_WAIT) and rcv.state is not TcpState.CLOSED:
                assert rcv.rcv_nxt == seq_add(seg.seq, seg.length + 1)  # FIN counts one
            if Flags.SYN in seg.flags and rcv.irs == seg.seq and events & {
                    E.RCV_SYN, E.RCV_SYN_ACK} and state_before in (
                    TcpState.LISTEN, TcpState.SYN_SENT):
                assert rcv.rcv_nxt == seq_add(seg.seq, 1)  # SYN counts one


@pytest.mark.parametrize("name", list(SCENARIOS))
def test_scenario_seq_ack_invariants(name: str) -> None:
    check_seq_ack_invariants(build(name))


@pytest.mark.parametrize("name", [n for n in TCP_SCENARIOS if n != "connection-refused"])
def test_handshake_acks_are_the_peers_iss_plus_one(name: str) -> None:
    tl = build(name)
    c_iss, s_iss = tl.isn["client"], tl.isn["server"]
    syns = [s for s in tl.segments if Flags.SYN in s.flags]
    for seg in syns:
        own = c_iss if seg.src == "client" else s_iss
        assert seg.seq == own
        if Flags.ACK in seg.flags:
            assert seg.ack == seq_add(s_iss if seg.src == "client" else c_iss, 1)
    assert any(Flags.ACK in s.flags for s in syns if s.src == "server")
    # the client's first segment after its SYN (the handshake's third) acks server ISS + 1
    first = next(s for s in tl.segments if s.src == "client" and Flags.SYN not in s.flags)
    assert Flags.ACK in first.flags
    assert first.ack == seq_add(s_iss, 1)
    assert first.seq == seq_add(c_iss, 1)


# ----------------------------------------------------------------- wrap-around

EXPECTED_DELIVERY: dict[str, tuple[bytes, bytes]] = {
    # name: (delivered to the client, delivered to the server)
    "handshake-teardown": (RESPONSE, REQUEST),
    "server-closes-first": (RESPONSE, REQUEST),
    "simultaneous-open": (b"", REQUEST),
    "simultaneous-close": (RESPONSE, REQUEST),
    "lost-syn": (RESPONSE, REQUEST),
    "lost-data": (BIG_RESPONSE, REQUEST),
    "fast-retransmit": (LONG_RESPONSE, REQUEST),
    "lost-last-ack": (RESPONSE, REQUEST),
    "connection-refused": (b"", b""),
    "abort": (b"", REQUEST),
    "half-close": (BIG_RESPONSE, REQUEST),
}


def test_expected_delivery_covers_every_scenario() -> None:
    assert set(EXPECTED_DELIVERY) == set(TCP_SCENARIOS)


def _run_with_isns(name: str, client_iss: int, server_iss: int) -> Simulation:
    scenario = SCENARIOS[name]
    sim = Simulation(client_iss=client_iss, server_iss=server_iss,
                     client_mss=scenario.client_mss, server_mss=scenario.server_mss)
    scenario.script(sim)
    return sim


@pytest.mark.parametrize("isns", [(2**32 - 3, 2**32 - 1), (2**32 - 1, 2**32 - 300),
                                  (2**32 - 50, 0)], ids=["near-top", "minus-one", "zero"])
@pytest.mark.parametrize("name", list(TCP_SCENARIOS))
def test_wrap_around_isns_deliver_intact_and_close(name: str, isns: tuple[int, int]) -> None:
    sim = _run_with_isns(name, *isns)
    to_client, to_server = EXPECTED_DELIVERY[name]
    assert bytes(sim.client.endpoint.delivered) == to_client
    assert bytes(sim.server.endpoint.delivered) == to_server
    assert sim.client.endpoint.state is TcpState.CLOSED
    assert sim.server.endpoint.state is TcpState.CLOSED
    tl = sim.timeline(name, "", "")
    check_seq_ack_invariants(tl)
    if name != "connection-refused":
        # sequence numbers really did wrap: some segment carries a seq below the ISS
        assert any(s.seq < isns[0] for s in tl.segments if s.src == "client")


@pytest.mark.parametrize("name", list(SCENARIOS))
def test_wrap_around_run_has_the_same_shape_as_the_normal_run(name: str) -> None:
    normal = build(name)
    wrapped = _run_with_isns(name, 2**32 - 3, 2**32 - 1).timeline(name, "", "")
    assert [(s.kind, s.actor, s.client.state, s.server.state) for s in normal] == [
        (s.kind, s.actor, s.client.state, s.server.state) for s in wrapped]


@settings(max_examples=25, deadline=None)
@given(seqs, seqs, st.sampled_from(sorted(TCP_SCENARIOS)))
def test_any_isns_deliver_the_scenario_data(c_iss: int, s_iss: int, name: str) -> None:
    sim = _run_with_isns(name, c_iss, s_iss)
    assert (bytes(sim.client.endpoint.delivered),
            bytes(sim.server.endpoint.delivered)) == EXPECTED_DELIVERY[name]
    assert sim.client.endpoint.state is TcpState.CLOSED
    assert sim.server.endpoint.state is TcpState.CLOSED
