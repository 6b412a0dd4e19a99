"""The ten scripted scenarios, checked for the behaviour each one teaches."""

from __future__ import annotations

import itertools
import re

import pytest

from simulator.models.simulation.network import Simulation
from simulator.models.simulation.scenarios import BIG_RESPONSE, REQUEST, SCENARIOS, build
from simulator.models.tcp.segment import Flags
from simulator.models.tcp.sequence import seq_add
from simulator.models.tcp.states import Send, TcpEvent, TcpState
from simulator.models.timeline.steps import Fate, Step, StepKind, Timeline

S = TcpState
E = TcpEvent


def _fired(step: Step, endpoint: str) -> list[tuple[TcpState, TcpEvent]]:
    return [(f.row.state, f.row.event) for f in step.transitions if f.endpoint == endpoint]


def _steps_firing(tl: Timeline, endpoint: str, state: TcpState, event: TcpEvent) -> list[Step]:
    return [s for s in tl if (state, event) in _fired(s, endpoint)]


def test_lost_syn_is_retransmitted_after_rto_with_backoff() -> None:
    tl = build("lost-syn")
    timeouts = _steps_firing(tl, "client", S.SYN_SENT, E.TIMEOUT_RETRANSMISSION)
    assert [s.time for s in timeouts] == [1.0, 3.0]  # RTO 1 s, then doubled to 2 s
    assert [s.client.rto for s in timeouts] == [2.0, 4.0]
    syns = [s for s in tl.segments if s.src == "client" and Flags.SYN in s.flags]
    assert [s.fate for s in syns] == [Fate.LOST, Fate.LOST, Fate.DELIVERED]
    assert [s.retransmission for s in syns] == [False, True, True]
    assert len({s.seq for s in syns}) == 1 and syns[0].seq == tl.isn["client"]
    established = next(s for s in tl if s.client.state is S.ESTABLISHED)
    assert established.time == pytest.approx(3.1)
    assert established.client.srtt is None  # Karn's rule: no sample from a retransmitted SYN


def test_simultaneous_close_passes_both_through_closing() -> None:
    tl = build("simultaneous-close")
    for side in ("client", "server"):
        states = tl.states(side)
        i = states.index("FIN_WAIT_1")
        assert states[i:] == ["FIN_WAIT_1", "CLOSING", "TIME_WAIT", "CLOSED"]
        assert _steps_firing(tl, side, S.FIN_WAIT_1, E.RCV_FIN)
        assert _steps_firing(tl, side, S.CLOSING, E.RCV_ACK_OF_FIN)


def test_simultaneous_open_passes_both_through_syn_received() -> None:
    tl = build("simultaneous-open")
    for side in ("client", "server"):
        assert tl.states(side)[:4][-3:] == ["SYN_SENT", "SYN_RECEIVED", "ESTABLISHED"]
        assert _steps_firing(tl, side, S.SYN_SENT, E.RCV_SYN)
        assert _steps_firing(tl, side, S.SYN_RECEIVED, E.RCV_SYN_ACK)  # and ACKs it


def test_connection_refused_gets_rst_ack_with_ack_of_syn() -> None:
    tl = build("connection-refused")
    (syn, rst) = tl.segments
    assert syn.flags == Flags.SYN
    assert rst.src == "server" and rst.flags == Flags.RST | Flags.ACK
    assert rst.seq == 0 and rst.ack == seq_add(tl.isn["client"], 1)
    (refusal,) = _steps_firing(tl, "client", S.SYN_SENT, E.RCV_RST)
    assert refusal.client.state is S.CLOSED
    assert tl.states("server") == ["CLOSED"]
    assert tl.steps[-1].client.state is S.CLOSED


def test_last_ack_lost_fin_is_answered_from_time_wait_and_timer_restarts() -> None:
    tl = build("lost-last-ack")
    lost = [s for s in tl.segments if s.fate is Fate.LOST]
    assert len(lost) == 1 and lost[0].src == "client" and lost[0].flags == Flags.ACK
    entered = next(s for s in tl if s.client.state is S.TIME_WAIT)
    assert entered.client.time_wait_deadline == pytest.approx(entered.time + 240.0)
    resent = _steps_firing(tl, "server", S.LAST_ACK, E.TIMEOUT_RETRANSMISSION)
    assert len(resent) == 1
    (again,) = _steps_firing(tl, "client", S.TIME_WAIT, E.RCV_FIN)
    assert again.time > entered.time
    assert again.client.state is S.TIME_WAIT
    assert again.client.time_wait_deadline == pytest.approx(again.time + 240.0)  # restarted
    (ack,) = (tl.segments[i] for i in again.sent)
    assert ack.flags == Flags.ACK and ack.fate is Fate.DELIVERED
    expiry = tl.steps[-1]
    assert _fired(expiry, "client") == [(S.TIME_WAIT, E.TIMEOUT_TIME_WAIT)]
    assert expiry.time == pytest.approx(again.time + 240.0)
    assert expiry.server.state is S.CLOSED and expiry.client.state is S.CLOSED


def test_half_close_server_sends_in_close_wait() -> None:
    tl = build("half-close")
    sends = _steps_firing(tl, "server", S.CLOSE_WAIT, E.SEND)
    assert len(sends) == 1
    data = [tl.segments[i] for i in sends[0].sent]
    assert len(data) >= 3 and all(s.length for s in data)
    assert b"".join(s.payload for s in data) == BIG_RESPONSE
    for seg in data:  # the client, in FIN-WAIT-2, still accepts and acknowledges
        assert tl[seg.end_step or 0].client.state is S.FIN_WAIT_2
    assert tl.steps[-1].client.bytes_delivered == len(BIG_RESPONSE)
    assert tl.steps[-1].server.bytes_delivered == len(REQUEST)


def test_abort_sends_rst_and_peer_closes_without_time_wait() -> None:
    tl = build("abort")
    (abort,) = _steps_firing(tl, "client", S.ESTABLISHED, E.ABORT)
    (rst,) = (tl.segments[i] for i in abort.sent)
    assert rst.flags == Flags.RST
    before = tl[abort.index - 1].client
    assert rst.seq == before.snd_nxt
    assert abort.client.state is S.CLOSED
    (reset,) = _steps_firing(tl, "server", S.ESTABLISHED, E.RCV_RST)
    assert reset.server.state is S.CLOSED and reset.sent == ()
    for side in ("client", "server"):
        assert "TIME_WAIT" not in tl.states(side)
    assert not any(Flags.FIN in s.flags for s in tl.segments)


def test_lost_data_is_held_out_of_order_then_retransmitted() -> None:
    tl = build("lost-data")
    (lost,) = (s for s in tl.segments if s.fate is Fate.LOST)
    assert lost.src == "server" and lost.length > 0
    held = [s for s in tl if s.actor == "client" and any("out of order" in n for n in s.notes)]
    assert held, "later segments should be held out of order"
    dup_acks = [tl.segments[i] for s in held for i in s.sent]
    assert dup_acks and all(a.ack == lost.seq for a in dup_acks)  # the gap is repeated
    (retx,) = (s for s in tl.segments if s.retransmission)
    assert (retx.seq, retx.payload) == (lost.seq, lost.payload)
    timeout = tl[retx.sent_step]
    assert _fired(timeout, "server") == [(S.ESTABLISHED, E.TIMEOUT_RETRANSMISSION)]
    assert tl.steps[-1].client.bytes_delivered == len(BIG_RESPONSE)
    arrival = tl[retx.end_step or 0]
    assert any("held out-of-order bytes now delivered" in n for n in arrival.notes)


def test_time_wait_lasts_two_msl() -> None:
    tl = build("handshake-teardown")
    entered = next(s for s in tl if s.client.state is S.TIME_WAIT)
    (expiry,) = _steps_firing(tl, "client", S.TIME_WAIT, E.TIMEOUT_TIME_WAIT)
    assert expiry.time - entered.time == pytest.approx(2 * 120.0)
    sim = Simulation(client_iss=1, server_iss=2, msl=1.5)
    SCENARIOS["handshake-teardown"].script(sim)
    short = sim.timeline("t", "", "")
    entered = next(s for s in short if s.client.state is S.TIME_WAIT)
    assert short.steps[-1].time - entered.time == pytest.approx(3.0)
    assert short.steps[-1].client.state is S.CLOSED


def test_mss_segmentation_splits_large_send() -> None:
    sim = Simulation(client_iss=10, server_iss=20, client_mss=536, server_mss=1460)
    sim.server.listen()
    sim.client.connect()
    sim.settle()
    data = bytes(range(256)) * 12  # 3072 bytes
    sim.server.send(data)
    sim.settle()
    tl = sim.timeline("mss", "", "")
    syn_mss = {s.src: s.mss for s in tl.segments if Flags.SYN in s.flags}
    assert syn_mss == {"client": 536, "server": 1460}
    pieces = [s for s in tl.segments if s.src == "server" and s.length]
    assert [s.length for s in pieces] == [536] * 5 + [3072 - 5 * 536]  # min of both MSS
    assert [Flags.PSH in s.flags for s in pieces] == [False] * 5 + [True]
    assert b"".join(s.payload for s in pieces) == data
    assert bytes(sim.client.endpoint.delivered) == data


def _projection(step: Step) -> tuple[object, ...]:
    """A step without the later life of its segment (which a drop may change)."""
    seg = step.segment
    return (step.index, step.time, step.kind, step.actor, step.sent, step.transitions,
            step.client, step.server, step.explanation, step.error, step.notes,
            None if seg is None else (seg.id, seg.src, seg.seq, seg.ack, seg.flags,
                                      seg.payload))


@pytest.mark.parametrize("k", range(11))
def test_what_if_dropping_a_segment_reruns_identically_up_to_it(k: int) -> None:
    name = "handshake-teardown"
    normal, dropped = build(name), build(name, drop_ids=frozenset({k}))
    assert "what if #" in dropped.title
    loss = next(s for s in dropped if s.kind is StepKind.LOSE)
    assert loss.segment is not None and loss.segment.id == k
    assert normal.segments[k].fate is Fate.DELIVERED
    sent_at = normal.segments[k].sent_step
    assert normal.steps[:sent_at] == dropped.steps[:sent_at]
    assert [_projection(s) for s in normal.steps[:loss.index]] == [
        _projection(s) for s in dropped.steps[:loss.index]]
    # recovery: the lost segment's content is sent again and the lesson ends the same way
    lost = dropped.segments[k]
    again = [s for s in dropped.segments[k + 1:] if s.src == lost.src and s.seq == lost.seq
             and (s.flags & ~Flags.PSH) == (lost.flags & ~Flags.PSH)]
    if lost.length or Flags.SYN in lost.flags or Flags.FIN in lost.flags:
        assert any(s.retransmission for s in again)
    last_n, last_d = normal.steps[-1], dropped.steps[-1]
    assert last_d.client.state is S.CLOSED and last_d.server.state is S.CLOSED
    assert last_d.client.bytes_delivered == last_n.client.bytes_delivered
    assert last_d.server.bytes_delivered == last_n.server.bytes_delivered


@pytest.mark.parametrize("name", list(SCENARIOS))
def test_timeline_seek_is_stable(name: str) -> None:
    tl = build(name)
    forward = [tl[i] for i in range(len(tl))]
    backward = [tl[i] for i in reversed(range(len(tl)))]
    assert forward == backward[::-1]
    assert [tl[i].index for i in range(len(tl))] == list(range(len(tl)))
    mid = len(tl) // 2
    assert tl[mid] == forward[mid] and tl[-1] == forward[-1]
    assert tl.segments_sent_by(mid) == tl.segments_sent_by(mid)
    assert build(name) == tl  # deterministic: a rebuild is the same timeline
    times = [s.time for s in tl]
    assert times == sorted(times)


@pytest.mark.parametrize("name", list(SCENARIOS))
def test_explanations_cite_rfc_sections(name: str) -> None:
    tl = build(name)
    for step in tl:
        rfc = step.explanation.rfc
        assert rfc and "RFC" in rfc, (step.index, rfc)
        assert re.search(r"RFC \d{4}", rfc)
        assert step.explanation.what and step.explanation.why
        for fired in step.transitions:
            section = fired.row.rfc
            assert section.startswith(("§", "RFC"))
            assert (section if section.startswith("RFC") else f"RFC 9293 {section}") in rfc


@pytest.mark.parametrize("name", list(SCENARIOS))
def test_states_lists_use_rfc_names_with_underscores(name: str) -> None:
    tl = build(name)
    names = {s.name for s in TcpState}
    for side in ("client", "server"):
        states = tl.states(side)
        assert states and set(states) <= names
        assert all("-" not in st for st in states)
        assert all(a != b for a, b in itertools.pairwise(states))
    assert build("handshake-teardown").states("client") == [
        "CLOSED", "SYN_SENT", "ESTABLISHED", "FIN_WAIT_1", "FIN_WAIT_2", "TIME_WAIT", "CLOSED"]
    assert build("handshake-teardown").states("server") == [
        "CLOSED", "LISTEN", "SYN_RECEIVED", "ESTABLISHED", "CLOSE_WAIT", "LAST_ACK", "CLOSED"]
    assert S.FIN_WAIT_1.rfc_name == "FIN-WAIT-1"


def test_every_scenario_ends_with_both_closed() -> None:
    for name in SCENARIOS:
        last = build(name).steps[-1]
        assert (last.client.state, last.server.state) == (S.CLOSED, S.CLOSED), name


def test_send_nothing_rows_never_hide_segments_in_scenarios() -> None:
    """A user call whose row says Send.NOTHING puts nothing on the wire."""
    for name in SCENARIOS:
        for step in build(name):
            if step.kind is StepKind.USER and step.transitions[-1].row.send is Send.NOTHING:
                assert step.sent == ()
