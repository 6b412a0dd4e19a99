"""The model's departures from RFC 9293 (and the RFCs it adopts) found by reading §3.10 line
by line and by running the scenarios on the Linux kernel, each held to the section's words.

Every test here failed before its fix; its docstring quotes or names the rule.
"""

from __future__ import annotations

import pytest

from simulator.models.simulation.scenarios import build
from simulator.models.tcp.endpoint import TcpEndpoint
from simulator.models.tcp.phrase import english
from simulator.models.tcp.reaction import Reaction
from simulator.models.tcp.segment import Flags
from simulator.models.tcp.sequence import seq_add, seq_sub
from simulator.models.tcp.states import TcpEvent, TcpState
from simulator.models.tcp.timers import TimerKind
from simulator.models.timeline.steps import Fate, Step, StepKind, Timeline
from tests.models.tcp.rig import PEER_ISS, Rig, reach

S = TcpState
E = TcpEvent
F = Flags


def _rcv(r: Rig, flags: Flags, seq: int, ack: int = 0, payload: bytes = b"") -> Reaction:
    return r.me.receive(r.seg(flags, seq, ack, payload), r.tick())


def _events(reaction: Reaction) -> list[tuple[S, E, S]]:
    return [(t.state, t.event, t.next) for t in reaction.transitions]


def _firing(tl: Timeline, side: str, state: S, event: E) -> list[Step]:
    return [st for st in tl.steps for t in st.transitions
            if t.endpoint == side and t.row.state is state and t.row.event is event]


# ------------------------------------------------------------- 1. an out-of-order FIN is held
def test_an_out_of_order_fin_is_held_and_answered_with_a_duplicate_ack() -> None:
    """§3.10.7.4: segments beyond RCV.NXT SHOULD be held for later processing (SHLD-31), a FIN
    among them; RFC 5681 §4.2: an out-of-order segment is acknowledged at once (a duplicate
    ACK). When the gap fills the FIN is processed: RCV.NXT passes it, CLOSE-WAIT."""
    r = reach(S.ESTABLISHED)
    me = r.me
    assert me.rcv_nxt is not None and me.snd_nxt is not None
    rn = me.rcv_nxt
    gap = b"request"
    fin = _rcv(r, F.FIN | F.ACK, seq_add(rn, len(gap)), me.snd_nxt)
    assert fin.after.state is S.ESTABLISHED
    (dup_ack,) = fin.sent
    assert dup_ack.flags == F.ACK and dup_ack.ack == rn  # repeats RCV.NXT
    filled = _rcv(r, F.PSH | F.ACK, rn, me.snd_nxt, gap)
    assert _events(filled) == [(S.ESTABLISHED, E.RCV_FIN, S.CLOSE_WAIT)]
    assert bytes(me.delivered).endswith(gap)
    (ack,) = filled.sent
    assert ack.ack == seq_add(rn, len(gap) + 1)  # the data and the held FIN


def test_half_close_with_the_request_lost_closes_when_the_retransmission_fills_the_gap() -> None:
    """The scenario the kernel ran: half-close with segment 3 (the request) lost. The server
    holds the client's FIN and dup-ACKs it; the client's RTO resends only the request; the
    server then ACKs request and FIN together. The FIN is never retransmitted."""
    tl = build("half-close", drop_ids=frozenset({3}))
    fins = [s for s in tl.segments if s.src == "client" and s.flags & F.FIN]
    assert len(fins) == 1 and fins[0].fate is Fate.DELIVERED
    held = [st for st in tl.steps if st.kind is StepKind.ARRIVE and st.segment is fins[0]]
    assert held and held[0].server.state is S.ESTABLISHED
    (close_wait,) = _firing(tl, "server", S.ESTABLISHED, E.RCV_FIN)
    assert close_wait.segment is not None and not close_wait.segment.flags & F.FIN
    assert close_wait.segment.retransmission
    # the client's FIN is acknowledged within one RTO of the loss, not after a second one
    assert close_wait.time < 1.5


# ------------------------------------------------------------- 2. simultaneous open
def test_in_a_simultaneous_open_each_side_acks_the_crossing_syn_ack() -> None:
    """§3.10.7.4: in SYN-RECEIVED the peer's SYN,ACK carries a SYN that lies before RCV.NXT
    (SEG.SEQ = IRS): it is trimmed off as a duplicate and answered with an ACK; what remains
    begins at RCV.NXT and acknowledges our SYN, so the side is ESTABLISHED at once, as
    figure 7 draws it (line 6) and as Linux does. The model used to send nothing."""
    tl = build("simultaneous-open")
    for side in ("client", "server"):
        (crossing,) = _firing(tl, side, S.SYN_RECEIVED, E.RCV_SYN_ACK)
        assert crossing.segment is not None and crossing.segment.flags == F.SYN | F.ACK
        assert crossing.snapshot(side).state is S.ESTABLISHED
        (ack_id,) = crossing.sent
        ack = tl.segments[ack_id]
        assert ack.flags == F.ACK and ack.ack == seq_add(crossing.segment.seq, 1)
    assert [s.flags for s in tl.segments[:6]] == [F.SYN, F.SYN, F.SYN | F.ACK,
                                                  F.SYN | F.ACK, F.ACK, F.ACK]


def test_a_duplicate_syn_in_syn_received_is_answered_with_an_ack() -> None:
    """§3.10.7.4 first check: a plain duplicate of the peer's SYN (no ACK) is not acceptable:
    an ACK <SEQ=SND.NXT><ACK=RCV.NXT>, and nothing changes."""
    r = reach(S.SYN_RECEIVED, "opened actively")
    reaction = _rcv(r, F.SYN, PEER_ISS)
    assert _events(reaction) == [(S.SYN_RECEIVED, E.RCV_OUT_OF_WINDOW, S.SYN_RECEIVED)]
    (ack,) = reaction.sent
    assert ack.flags == F.ACK and ack.ack == seq_add(PEER_ISS, 1)


# ------------------------------------------------------------- 3. active OPEN in LISTEN
def test_an_active_open_on_a_listening_connection_sends_a_syn() -> None:
    """§3.10.1, LISTEN STATE: "If the OPEN call is active and the foreign socket is specified,
    then change the connection from passive to active, select an ISS. Send a SYN segment, set
    SND.UNA to ISS, SND.NXT to ISS+1. Enter SYN-SENT state." """
    r = reach(S.LISTEN)
    reaction = r.me.open_active(r.tick())
    assert reaction.error is None
    assert _events(reaction) == [(S.LISTEN, E.OPEN_ACTIVE, S.SYN_SENT)]
    (syn,) = reaction.sent
    assert syn.flags == F.SYN and syn.seq == reaction.after.iss
    assert reaction.after.snd_una == reaction.after.iss
    assert reaction.after.snd_nxt == seq_add(syn.seq, 1)
    assert r.me.passive is False


# ------------------------------------------------------------- 4. a SYN in SYN-RECEIVED
def test_an_in_window_syn_returns_a_passive_syn_received_to_listen() -> None:
    """§3.10.7.4 fourth check, SYN-RECEIVED: "If the connection was initiated with a passive
    OPEN, then return this connection to the LISTEN state and return." Nothing is sent (the
    model used to answer with a malformed RST, SEQ 0 and no ACK bit)."""
    r = reach(S.SYN_RECEIVED, "opened passively")
    assert r.me.rcv_nxt is not None
    reaction = _rcv(r, F.SYN, seq_add(r.me.rcv_nxt, 10))
    assert _events(reaction) == [(S.SYN_RECEIVED, E.RCV_SYN, S.LISTEN)]
    assert reaction.sent == ()
    assert r.me.next_timer() is None and not r.me.rtx_queue


def test_an_in_window_syn_in_an_active_syn_received_gets_a_challenge_ack() -> None:
    """§3.10.7.4 fourth check: after an active OPEN, "handle per the directions for
    synchronized states": RFC 5961 §4's challenge ACK <SEQ=SND.NXT><ACK=RCV.NXT>."""
    r = reach(S.SYN_RECEIVED, "opened actively")
    me = r.me
    assert me.rcv_nxt is not None
    reaction = _rcv(r, F.SYN, seq_add(me.rcv_nxt, 10))
    assert _events(reaction) == [(S.SYN_RECEIVED, E.RCV_SYN, S.SYN_RECEIVED)]
    (ack,) = reaction.sent
    assert ack.flags == F.ACK and ack.seq == me.snd_nxt and ack.ack == me.rcv_nxt


# ------------------------------------------------------------- 5. FIN on the handshake's ACK
def test_a_fin_on_the_ack_that_completes_the_handshake_enters_close_wait() -> None:
    """§3.10.7.4: the fifth check (ACK) takes SYN-RECEIVED to ESTABLISHED, the eighth (FIN):
    "SYN-RECEIVED STATE, ESTABLISHED STATE: Enter the CLOSE-WAIT state." The FIN is ACKed and
    data riding on it is delivered first."""
    r = reach(S.SYN_RECEIVED, "opened passively")
    me = r.me
    assert me.rcv_nxt is not None and me.snd_nxt is not None
    rn = me.rcv_nxt
    reaction = _rcv(r, F.FIN | F.PSH | F.ACK, rn, me.snd_nxt, b"GET /")
    assert _events(reaction) == [(S.SYN_RECEIVED, E.RCV_FIN, S.CLOSE_WAIT)]
    assert bytes(me.delivered) == b"GET /"
    (ack,) = reaction.sent
    assert ack.flags == F.ACK and ack.ack == seq_add(rn, 6)


# ------------------------------------------------------------- 6. RFC 6298 §5.7
def test_after_a_lost_syn_the_rto_is_three_seconds_once_established() -> None:
    """RFC 6298 §5.7: "If the timer expires awaiting the ACK of a SYN segment and the TCP
    implementation is using an RTO less than 3 seconds, the RTO MUST be re-initialized to 3
    seconds when data transmission begins (i.e., after the three-way handshake completes).\""""
    tl = build("lost-syn")
    (established,) = _firing(tl, "client", S.SYN_SENT, E.RCV_SYN_ACK)
    assert established.client.srtt is None  # Karn: no sample from the retransmitted SYN
    assert established.client.rto == 3.0
    plain = build("handshake-teardown")
    (normal,) = _firing(plain, "client", S.SYN_SENT, E.RCV_SYN_ACK)
    assert normal.client.rto == 1.0  # no SYN timed out: the RTT sample rules (1 s minimum)


def test_a_syn_ack_retransmitted_by_timeout_also_leaves_rto_at_three_seconds() -> None:
    """§5.7 speaks of "a SYN segment": the server's SYN,ACK too (a lost SYN,ACK)."""
    tl = build("handshake-teardown", drop_ids=frozenset({1}))  # the SYN,ACK is lost
    assert tl.segments[1].flags == F.SYN | F.ACK and tl.segments[1].fate is Fate.LOST
    (established,) = _firing(tl, "server", S.SYN_RECEIVED, E.RCV_ACK_OF_SYN)
    assert established.server.rto == 3.0


# ------------------------------------------------------------- 7. the user timeout
def _retransmit_until_given_up(me: TcpEndpoint) -> tuple[float, list[Reaction]]:
    reactions = []
    while True:
        deadline = me.next_timer()
        assert deadline is not None and deadline[1] is TimerKind.RETRANSMISSION
        reaction = me.expire(TimerKind.RETRANSMISSION, deadline[0])
        reactions.append(reaction)
        if reaction.transition.event is E.TIMEOUT_USER:
            return deadline[0], reactions


def test_a_syn_is_retransmitted_for_at_least_three_minutes() -> None:
    """§3.8.3 (g): "R2 for a SYN segment MUST be set large enough to provide retransmission of
    the segment for at least 3 minutes" (MUST-23). The model gave up at 63 s."""
    me = TcpEndpoint("me", "peer", iss=1)
    me.open_active(0.0)
    gave_up_at, reactions = _retransmit_until_given_up(me)
    resent_at = [r.before.retransmission_deadline for r in reactions
                 if r.transition.event is E.TIMEOUT_RETRANSMISSION]
    assert resent_at and max(t or 0.0 for t in resent_at) >= 120.0  # still resent at 2 min
    assert gave_up_at >= 180.0
    assert reactions[-1].after.state is S.CLOSED


def test_data_is_retransmitted_for_at_least_100_seconds_and_r1_is_reported() -> None:
    """§3.8.3 (f): R1 at least 3 retransmissions (SHLD-10), at which the application is told
    (SHLD-9); R2 at least 100 seconds (SHLD-11)."""
    r = reach(S.ESTABLISHED)
    r.me.send(b"never acknowledged", r.tick())
    start = r.now
    gave_up_at, reactions = _retransmit_until_given_up(r.me)
    assert gave_up_at - start >= 100.0
    third = reactions[2]
    assert third.transition.event is E.TIMEOUT_RETRANSMISSION
    assert any("R1 reached" in note for note in third.notes)
    assert not any("R1 reached" in note for r_ in reactions[:2] for note in r_.notes)


def test_r2_counts_the_retransmission_of_the_same_segment_not_its_wait_in_the_queue() -> None:
    """§3.8.3 (c): R2 is reached by "the number of transmissions of the same segment". A
    segment that waited behind another one being retransmitted has its own R2 clock, which
    starts at its own first retransmission (found by review: it gave up at its first)."""
    r = reach(S.ESTABLISHED)
    me = r.me
    assert me.rcv_nxt is not None
    first = me.send(b"A" * 100, r.tick())
    me.send(b"B" * 100, r.tick())
    while True:  # A is retransmitted for a minute, then acknowledged
        deadline = me.next_timer()
        assert deadline is not None
        if deadline[0] > 64.0:
            break
        me.expire(TimerKind.RETRANSMISSION, deadline[0])
    a_end = seq_add(first.sent[0].seq, 100)
    me.receive(r.seg(F.ACK, me.rcv_nxt, a_end), 64.1)
    deadline = me.next_timer()
    assert deadline is not None
    resent = me.expire(TimerKind.RETRANSMISSION, deadline[0])
    assert resent.transition.event is E.TIMEOUT_RETRANSMISSION  # B's first resend, no give-up
    assert resent.sent[0].payload == b"B" * 100


# ------------------------------------------------------------- 8. CLOSE in SYN-RECEIVED
def test_close_in_syn_received_with_data_queued_waits_for_established() -> None:
    """§3.10.4, SYN-RECEIVED STATE: "If no SENDs have been issued and there is no pending data
    to send, then form a FIN segment and send it, and enter FIN-WAIT-1 state; otherwise, queue
    for processing after entering ESTABLISHED state." """
    r = reach(S.SYN_RECEIVED, "opened passively")
    me = r.me
    assert me.rcv_nxt is not None and me.snd_nxt is not None
    assert me.send(b"response", r.tick()).sent == ()
    close = me.close(r.tick())
    assert close.sent == () and close.after.state is S.SYN_RECEIVED
    done = _rcv(r, F.ACK, me.rcv_nxt, me.snd_nxt)
    assert _events(done) == [(S.SYN_RECEIVED, E.RCV_ACK_OF_SYN, S.ESTABLISHED),
                             (S.ESTABLISHED, E.CLOSE, S.FIN_WAIT_1)]
    data, fin = done.sent
    assert data.payload == b"response" and not data.flags & F.FIN
    assert fin.flags & F.FIN and fin.seq == seq_add(data.seq, len(b"response"))


# ------------------------------------------------------------- RFC 5961 §5
def test_an_ack_older_than_the_largest_window_is_dropped_with_an_ack() -> None:
    """RFC 5961 §5, adopted in §3.10.7.4's fifth check: the ACK is acceptable only if
    SND.UNA − MAX.SND.WND =< SEG.ACK =< SND.NXT; otherwise the segment is discarded and an ACK
    sent back. Its data is not delivered."""
    r = reach(S.ESTABLISHED)
    me = r.me
    assert me.rcv_nxt is not None and me.snd_una is not None
    too_old = seq_sub(me.snd_una, me.max_snd_wnd + 1)
    reaction = _rcv(r, F.ACK, me.rcv_nxt, too_old, b"injected")
    assert _events(reaction) == [(S.ESTABLISHED, E.RCV_BAD_ACK, S.ESTABLISHED)]
    (ack,) = reaction.sent
    assert ack.flags == F.ACK and ack.ack == me.rcv_nxt
    assert b"injected" not in bytes(me.delivered)
    just_old_enough = seq_sub(me.snd_una, me.max_snd_wnd)
    fine = _rcv(r, F.ACK, me.rcv_nxt, just_old_enough, b"ok")
    assert _events(fine) == [(S.ESTABLISHED, E.RCV_SEGMENT, S.ESTABLISHED)]


# ------------------------------------------------------------- fast retransmit
def test_the_fast_retransmit_scenario_resends_on_the_third_duplicate_ack() -> None:
    """RFC 5681 §3.2: "The TCP sender SHOULD use the 'fast retransmit' algorithm ... uses the
    arrival of 3 duplicate ACKs ... as an indication that a segment has been lost", and
    retransmits it without waiting for the retransmission timer."""
    tl = build("fast-retransmit")
    lost = [s for s in tl.segments if s.fate is Fate.LOST]
    assert len(lost) == 1 and lost[0].src == "server" and lost[0].length == 1460
    dup_acks = [s for s in tl.segments if s.src == "client" and s.flags == F.ACK
                and s.ack == lost[0].seq and s.sent_at > lost[0].sent_at]
    assert len(dup_acks) >= 3
    resent = [s for s in tl.segments if s.src == "server" and s.seq == lost[0].seq
              and s.retransmission]
    assert len(resent) == 1
    third = sorted(dup_acks, key=lambda s: s.end_at or 0.0)[2]
    assert resent[0].sent_at == pytest.approx(third.end_at)
    assert resent[0].sent_at - lost[0].sent_at < 1.0  # well before the 1 s RTO
    fired = [st for st in tl.steps if st.segment is third and st.kind is StepKind.ARRIVE]
    assert any("fast retransmit" in note for st in fired for note in _notes(st))
    assert not [st for st in tl.steps if st.kind is StepKind.TIMEOUT
                and any(t.row.event is E.TIMEOUT_RETRANSMISSION for t in st.transitions)]


def _notes(step: Step) -> list[str]:
    return [english(line) for line in step.explanation.arithmetic]


def test_send_and_close_after_a_queued_close_are_refused() -> None:
    """§3.10.2 and §3.10.4: once CLOSE has been called, SEND and CLOSE return "error:
    connection closing", also while that CLOSE waits in SYN-RECEIVED for ESTABLISHED (found
    by review: the SEND was queued)."""
    r = reach(S.SYN_RECEIVED, "opened passively")
    me = r.me
    me.send(b"response", r.tick())
    me.close(r.tick())
    late = me.send(b"too late", r.tick())
    assert late.error == "connection closing" and late.after.bytes_queued == len(b"response")
    again = me.close(r.tick())
    assert again.error == "connection closing" and again.after.state is S.SYN_RECEIVED
