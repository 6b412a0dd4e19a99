"""The user calls of RFC 9293 §3.10.1-§3.10.5 (OPEN, SEND, CLOSE, ABORT): what each returns
and puts on the wire in each state, with the SEQ/ACK worked out by hand (the connection of
``by_hand``: ISS 1000, the peer's 5000, its MSS 100).
"""

from __future__ import annotations

import pytest

from simulator.models.tcp.endpoint import TcpEndpoint
from simulator.models.tcp.states import TcpEvent, TcpState
from tests.models.tcp.by_hand import (
    MY_NEXT,
    PEER_ISS,
    PEER_NEXT,
    F,
    endpoint,
    events,
    from_peer,
    opened_actively,
    wire,
)

S = TcpState
E = TcpEvent


# ------------------------------------------------------------------ refused calls
@pytest.mark.parametrize("call", ["send", "close", "abort"])
def test_calls_on_a_connection_that_does_not_exist_are_refused(call: str) -> None:
    """§3.10.2, §3.10.4, §3.10.5, CLOSED STATE: "return "error: connection does not
    exist""; nothing is sent and nothing is queued."""
    me = endpoint()
    reaction = (me.send(b"data", 1.0) if call == "send" else getattr(me, call)(1.0))
    assert reaction.error == "connection does not exist"
    assert reaction.sent == () and reaction.after.state is S.CLOSED
    assert reaction.after.bytes_queued == 0


def test_opening_an_open_connection_is_refused() -> None:
    """§3.10.1: OPEN in any state but CLOSED: "return "error: connection already exists""."""
    me = endpoint()
    me.open_passive(0.0)
    again = me.open_passive(0.1)
    assert again.error == "connection already exists" and again.after.state is S.LISTEN
    established = opened_actively()
    for call in (established.open_active, established.open_passive):
        reaction = call(1.0)
        assert reaction.error == "connection already exists" and reaction.sent == ()
        assert reaction.after.state is S.ESTABLISHED


@pytest.mark.parametrize("state", ["FIN-WAIT-1", "FIN-WAIT-2", "TIME-WAIT"])
def test_send_and_close_after_our_close_are_refused(state: str) -> None:
    """§3.10.2 and §3.10.4, FIN-WAIT-1 ... TIME-WAIT: "Return "error: connection closing"
    and do not service request"."""
    me = opened_actively()
    me.close(1.0)
    if state != "FIN-WAIT-1":
        me.receive(from_peer(F.ACK, PEER_NEXT, 1002), 1.1)
    if state == "TIME-WAIT":
        me.receive(from_peer(F.FIN | F.ACK, PEER_NEXT, 1002), 1.2)
    assert me.state.rfc_name == state
    for reaction in (me.send(b"late", 2.0), me.close(2.0)):
        assert reaction.error == "connection closing"
        assert reaction.sent == () and reaction.after.state.rfc_name == state
    assert me.snapshot().bytes_queued == 0


# ------------------------------------------------------------------ OPEN and SEND
def test_an_active_open_sends_a_syn_and_starts_the_timer() -> None:
    """§3.10.1: "select an ISS. Send a SYN segment, set SND.UNA to ISS, SND.NXT to ISS+1.
    Enter SYN-SENT state." The SYN carries our MSS (1460); RTO 1 s (RFC 6298 §2.1): the
    timer expires at 0.5 + 1 = 1.5."""
    me = endpoint()
    reaction = me.open_active(0.5)
    assert events(reaction) == [(S.CLOSED, E.OPEN_ACTIVE, S.SYN_SENT)]
    assert wire(reaction) == [(F.SYN, 1000, 0, b"")] and reaction.sent[0].mss == 1460
    after = reaction.after
    assert (after.iss, after.snd_una, after.snd_nxt, after.rcv_nxt) == (1000, 1000, 1001, None)
    assert after.retransmission_deadline == 1.5 and after.bytes_in_flight == 1


def test_a_passive_open_sends_nothing_and_listens() -> None:
    """§3.10.1: a passive OPEN creates the TCB and enters LISTEN; no ISS is chosen yet."""
    me = endpoint()
    reaction = me.open_passive(0.0)
    assert reaction.sent == () and reaction.after.state is S.LISTEN
    assert reaction.after.iss is None and me.next_timer() is None


def test_send_on_a_listening_connection_turns_it_active() -> None:
    """§3.10.2, LISTEN STATE: "If the foreign socket is specified, then change the connection
    from passive to active, select an ISS. Send a SYN segment ... Data associated with SEND
    may be sent with SYN segment or queued for transmission after entering ESTABLISHED
    state." The SYN is <SEQ=1000>; "data" waits and follows the handshake's ACK."""
    me = endpoint()
    me.open_passive(0.0)
    reaction = me.send(b"data", 0.1)
    assert events(reaction) == [(S.LISTEN, E.SEND, S.SYN_SENT)]
    assert wire(reaction) == [(F.SYN, 1000, 0, b"")]
    assert reaction.after.bytes_queued == 4 and me.passive is False
    done = me.receive(from_peer(F.SYN | F.ACK, PEER_ISS, MY_NEXT, mss=100), 0.2)
    assert wire(done) == [(F.ACK, 1001, 5001, b""), (F.ACK | F.PSH, 1001, 5001, b"data")]


def test_send_before_the_handshake_completes_is_queued() -> None:
    """§3.10.2, SYN-SENT and SYN-RECEIVED: "Queue the data for transmission after entering
    ESTABLISHED state"; the learner is told why nothing went out."""
    me = endpoint()
    me.open_active(0.0)
    reaction = me.send(b"early", 0.05)
    assert reaction.sent == () and reaction.after.bytes_queued == 5
    assert reaction.notes == ("5 bytes queued until the connection is established",)


def test_send_when_established_segments_the_data_and_says_so() -> None:
    """§3.10.2, ESTABLISHED: "Segmentize the buffer and send it with a piggybacked
    acknowledgment (acknowledgment value = RCV.NXT)". 250 octets with MSS 100: 1001 (100),
    1101 (100), 1201 (50, PSH); SND.NXT = 1251."""
    me = opened_actively()
    data = bytes(range(250))
    reaction = me.send(data, 1.0)
    assert wire(reaction) == [(F.ACK, 1001, 5001, data[:100]), (F.ACK, 1101, 5001, data[100:200]),
                              (F.ACK | F.PSH, 1201, 5001, data[200:])]
    assert reaction.after.snd_nxt == 1251 and reaction.after.bytes_in_flight == 250
    assert reaction.notes == ("250 bytes split into 3 segment(s) of at most MSS=100 bytes",)


def test_send_in_close_wait_still_sends() -> None:
    """§3.10.2, CLOSE-WAIT: "Segmentize any text to be sent and queue it for output" (the
    peer closed only its direction). After its FIN RCV.NXT = 5002: "bye" goes as
    <SEQ=1001><ACK=5002>."""
    me = opened_actively()
    me.receive(from_peer(F.FIN | F.ACK, PEER_NEXT, MY_NEXT), 1.0)
    reaction = me.send(b"bye", 1.5)
    assert events(reaction) == [(S.CLOSE_WAIT, E.SEND, S.CLOSE_WAIT)]
    assert wire(reaction) == [(F.ACK | F.PSH, 1001, 5002, b"bye")]


# ------------------------------------------------------------------ CLOSE
def test_close_when_established_sends_a_fin() -> None:
    """§3.10.4, ESTABLISHED: "Queue this until all preceding SENDs have been segmentized,
    then form a FIN segment and send it. In any case, enter FIN-WAIT-1 state." The FIN takes
    1001 (SND.NXT = 1002) and is timed: deadline 1.0 + 1 = 2.0."""
    me = opened_actively()
    reaction = me.close(1.0)
    assert events(reaction) == [(S.ESTABLISHED, E.CLOSE, S.FIN_WAIT_1)]
    assert wire(reaction) == [(F.FIN | F.ACK, 1001, 5001, b"")]
    assert reaction.after.snd_nxt == 1002 and reaction.after.retransmission_deadline == 2.0


def test_the_fin_waits_for_data_the_window_held_back() -> None:
    """§3.10.4: the FIN goes only after all preceding SENDs. Window 100: of 250 octets only
    1001..1100 leave; CLOSE sends nothing yet. ACK 1101: 1101..1200. ACK 1201: the last 50
    (PSH) and then the FIN at 1251; SND.NXT = 1252."""
    me = opened_actively(peer_window=100)
    data = bytes(range(250))
    me.send(data, 1.0)
    close = me.close(1.1)
    assert close.sent == () and close.after.state is S.FIN_WAIT_1
    assert close.after.bytes_queued == 150
    second = me.receive(from_peer(F.ACK, PEER_NEXT, 1101, window=100), 1.2)
    assert wire(second) == [(F.ACK, 1101, 5001, data[100:200])]
    last = me.receive(from_peer(F.ACK, PEER_NEXT, 1201, window=100), 1.3)
    assert wire(last) == [(F.ACK | F.PSH, 1201, 5001, data[200:]),
                          (F.FIN | F.ACK, 1251, 5001, b"")]
    assert last.after.snd_nxt == 1252


def test_close_in_close_wait_sends_our_fin_and_waits_for_the_last_ack() -> None:
    """§3.10.4, CLOSE-WAIT: "Queue this request until all preceding SENDs have been
    segmentized; then send a FIN segment, enter LAST-ACK state." After the peer's FIN,
    RCV.NXT = 5002: our FIN is <SEQ=1001><ACK=5002>."""
    me = opened_actively()
    me.receive(from_peer(F.FIN | F.ACK, PEER_NEXT, MY_NEXT), 1.0)
    reaction = me.close(2.0)
    assert events(reaction) == [(S.CLOSE_WAIT, E.CLOSE, S.LAST_ACK)]
    assert wire(reaction) == [(F.FIN | F.ACK, 1001, 5002, b"")]


@pytest.mark.parametrize("opened", ["passively", "actively"])
def test_close_before_the_handshake_completes_deletes_the_connection(opened: str) -> None:
    """§3.10.4, LISTEN and SYN-SENT: "Delete the TCB and return ... state" — CLOSED, nothing
    sent, no timer left."""
    me = endpoint()
    (me.open_passive if opened == "passively" else me.open_active)(0.0)
    reaction = me.close(0.1)
    assert reaction.sent == () and reaction.after.state is S.CLOSED
    assert reaction.after.iss is None and me.next_timer() is None


def _syn_received() -> TcpEndpoint:
    me = endpoint()
    me.open_passive(0.0)
    me.receive(from_peer(F.SYN, PEER_ISS, mss=100), 0.0)
    return me


def test_close_in_syn_received_with_nothing_queued_sends_a_fin() -> None:
    """§3.10.4, SYN-RECEIVED: "If no SENDs have been issued and there is no pending data to
    send, then form a FIN segment and send it, and enter FIN-WAIT-1 state". The FIN takes
    1001, after our SYN,ACK's 1000; the peer's ACK of both (1002) leads to FIN-WAIT-2."""
    me = _syn_received()
    reaction = me.close(0.05)
    assert events(reaction) == [(S.SYN_RECEIVED, E.CLOSE, S.FIN_WAIT_1)]
    assert wire(reaction) == [(F.FIN | F.ACK, 1001, 5001, b"")]
    both = me.receive(from_peer(F.ACK, PEER_NEXT, 1002), 0.1)
    assert both.after.state is S.FIN_WAIT_2 and both.after.snd_una == 1002


def test_a_close_queued_in_syn_received_goes_ahead_once_established() -> None:
    """§3.10.4, SYN-RECEIVED: with data pending, "queue for processing after entering
    ESTABLISHED state". SEND "resp" and CLOSE send nothing; the handshake's ACK (1001) makes
    the connection ESTABLISHED, then the CLOSE runs: "resp" at 1001 and the FIN at 1005."""
    me = _syn_received()
    me.send(b"resp", 0.05)
    queued = me.close(0.06)
    assert queued.sent == () and queued.after.state is S.SYN_RECEIVED
    assert queued.notes == ("CLOSE queued with 4 bytes until the connection is established",)
    done = me.receive(from_peer(F.ACK, PEER_NEXT, MY_NEXT), 0.1)
    assert events(done) == [(S.SYN_RECEIVED, E.RCV_ACK_OF_SYN, S.ESTABLISHED),
                            (S.ESTABLISHED, E.CLOSE, S.FIN_WAIT_1)]
    assert wire(done) == [(F.ACK | F.PSH, 1001, 5001, b"resp"), (F.FIN | F.ACK, 1005, 5001, b"")]
    assert "the CLOSE queued in SYN-RECEIVED goes ahead: queued data, then the FIN" in (
        done.notes)


def test_send_and_close_after_a_queued_close_are_refused() -> None:
    """§3.10.2 and §3.10.4: once CLOSE is called (here queued in SYN-RECEIVED), SEND and
    CLOSE return "error: connection closing"; the 4 queued octets stay 4."""
    me = _syn_received()
    me.send(b"resp", 0.05)
    me.close(0.06)
    late = me.send(b"late", 0.07)
    assert late.error == "connection closing" and late.after.bytes_queued == 4
    again = me.close(0.08)
    assert again.error == "connection closing" and again.after.state is S.SYN_RECEIVED


def test_a_send_in_syn_received_without_a_queued_close_is_queued() -> None:
    """§3.10.2, SYN-RECEIVED: "Queue the data for transmission after entering ESTABLISHED
    state" (no error, only a queued CLOSE makes SEND an error)."""
    me = _syn_received()
    reaction = me.send(b"resp", 0.05)
    assert reaction.error is None and reaction.after.bytes_queued == 4


def test_a_queued_close_meets_the_peers_fin_on_the_handshakes_ack() -> None:
    """The handshake's ACK carries the peer's FIN (5001): SYN-RECEIVED → CLOSE-WAIT
    (§3.10.7.4 eighth check), and the queued CLOSE then takes CLOSE-WAIT to LAST-ACK. "resp"
    and our FIN acknowledge the peer's FIN (ACK 5002), so no bare ACK is needed."""
    me = _syn_received()
    me.send(b"resp", 0.05)
    me.close(0.06)
    done = me.receive(from_peer(F.FIN | F.ACK, PEER_NEXT, MY_NEXT), 0.1)
    assert events(done) == [(S.SYN_RECEIVED, E.RCV_FIN, S.CLOSE_WAIT),
                            (S.CLOSE_WAIT, E.CLOSE, S.LAST_ACK)]
    assert wire(done) == [(F.ACK | F.PSH, 1001, 5002, b"resp"), (F.FIN | F.ACK, 1005, 5002, b"")]


def test_a_queued_close_goes_ahead_after_a_simultaneous_open() -> None:
    """Simultaneous open (figure 7) with SEND "resp" and CLOSE issued in SYN-RECEIVED: the
    peer's SYN,ACK establishes; we ACK its SYN (<SEQ=1001><ACK=5001>), then the queued CLOSE
    sends "resp" at 1001 and the FIN at 1005."""
    me = endpoint()
    me.open_active(0.0)
    me.receive(from_peer(F.SYN, PEER_ISS, mss=100), 0.05)
    me.send(b"resp", 0.06)
    me.close(0.07)
    done = me.receive(from_peer(F.SYN | F.ACK, PEER_ISS, MY_NEXT, mss=100), 0.1)
    assert events(done) == [(S.SYN_RECEIVED, E.RCV_SYN_ACK, S.ESTABLISHED),
                            (S.ESTABLISHED, E.CLOSE, S.FIN_WAIT_1)]
    assert wire(done) == [(F.ACK, 1001, 5001, b""), (F.ACK | F.PSH, 1001, 5001, b"resp"),
                          (F.FIN | F.ACK, 1005, 5001, b"")]


# ------------------------------------------------------------------ ABORT
def test_abort_sends_a_reset_from_snd_nxt_and_forgets_the_connection() -> None:
    """§3.10.5, ESTABLISHED: "Send a reset segment: <SEQ=SND.NXT><CTL=RST> ... all queued
    SENDs and RECEIVEs should be given "connection reset" notification; all segments queued
    for transmission (except for the RST formed above) or retransmission should be flushed.
    Delete the TCB". After "hello" (1001..1005) SND.NXT = 1006. What was delivered stays
    delivered."""
    me = opened_actively()
    me.receive(from_peer(F.ACK, PEER_NEXT, MY_NEXT, b"in"), 0.5)
    me.send(b"hello", 1.0)
    reaction = me.abort(1.1)
    assert events(reaction) == [(S.ESTABLISHED, E.ABORT, S.CLOSED)]
    assert wire(reaction) == [(F.RST, 1006, 0, b"")]
    after = reaction.after
    assert (after.iss, after.snd_una, after.snd_nxt, after.rcv_nxt) == (None, None, None, None)
    assert after.bytes_in_flight == 0 and after.retransmission_deadline is None
    assert after.bytes_delivered == 2 and me.next_timer() is None


@pytest.mark.parametrize("where", ["SYN-RECEIVED", "CLOSE-WAIT", "FIN-WAIT-1", "FIN-WAIT-2"])
def test_abort_resets_in_the_other_states_with_a_connection(where: str) -> None:
    """§3.10.5: SYN-RECEIVED, ESTABLISHED, FIN-WAIT-1, FIN-WAIT-2, CLOSE-WAIT: "Send a reset
    segment: <SEQ=SND.NXT><CTL=RST>". SND.NXT is 1001 in SYN-RECEIVED and CLOSE-WAIT, 1002
    once our FIN took 1001."""
    if where == "SYN-RECEIVED":
        me = _syn_received()
    else:
        me = opened_actively()
        if where == "CLOSE-WAIT":
            me.receive(from_peer(F.FIN | F.ACK, PEER_NEXT, MY_NEXT), 1.0)
        else:
            me.close(1.0)
            if where == "FIN-WAIT-2":
                me.receive(from_peer(F.ACK, PEER_NEXT, 1002), 1.1)
    assert me.state.rfc_name == where
    reaction = me.abort(2.0)
    seq = 1002 if where.startswith("FIN") else 1001
    assert wire(reaction) == [(F.RST, seq, 0, b"")] and reaction.after.state is S.CLOSED


@pytest.mark.parametrize("where", ["LISTEN", "SYN-SENT", "CLOSING", "LAST-ACK", "TIME-WAIT"])
def test_abort_without_a_synchronized_peer_or_after_both_fins_sends_nothing(where: str) -> None:
    """§3.10.5: LISTEN and SYN-SENT: delete the TCB (no reset: the peer has nothing to
    reset); CLOSING, LAST-ACK, TIME-WAIT: "Respond with "ok" and delete the TCB"."""
    me = endpoint()
    if where == "LISTEN":
        me.open_passive(0.0)
    elif where == "SYN-SENT":
        me.open_active(0.0)
    else:
        me = opened_actively()
        if where == "LAST-ACK":
            me.receive(from_peer(F.FIN | F.ACK, PEER_NEXT, MY_NEXT), 1.0)
            me.close(1.1)
        else:
            me.close(1.0)
            fin_ack = 1002 if where == "TIME-WAIT" else MY_NEXT
            me.receive(from_peer(F.FIN | F.ACK, PEER_NEXT, fin_ack), 1.1)
    assert me.state.rfc_name == where
    reaction = me.abort(2.0)
    assert reaction.sent == () and reaction.after.state is S.CLOSED
    assert reaction.error is None and me.next_timer() is None
