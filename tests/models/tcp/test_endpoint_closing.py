"""Closing a connection: the FIN states, TIME-WAIT's 2·MSL timer (RFC 9293 §3.4.2,
§3.10.7.4, §3.10.8), with the SEQ/ACK and deadlines worked out by hand (the connection of
``by_hand``: our FIN takes 1001, the peer's 5001; MSL is 2 minutes, so 2·MSL = 240 s).
"""

from __future__ import annotations

from simulator.models.tcp.endpoint import TcpEndpoint
from simulator.models.tcp.states import TcpEvent, TcpState
from simulator.models.tcp.timers import TimerKind
from tests.models.tcp.by_hand import (
    MY_NEXT,
    PEER_NEXT,
    F,
    events,
    from_peer,
    opened_actively,
    wire,
)

S = TcpState
E = TcpEvent
TW = TimerKind.TIME_WAIT
RTX = TimerKind.RETRANSMISSION
# the peer's FIN, acknowledging ours (1001, so ACK 1002), and our answer to it
PEERS_FIN = (F.FIN | F.ACK, PEER_NEXT, 1002)
OUR_LAST_ACK = (F.ACK, 1002, 5002, b"")


def _fin_wait_2(**settings: object) -> TcpEndpoint:
    """We closed at t=1.0 (FIN 1001) and the peer acknowledged it (1002) at t=1.1."""
    me = opened_actively(**settings)
    me.close(1.0)
    reaction = me.receive(from_peer(F.ACK, PEER_NEXT, 1002), 1.1)
    assert events(reaction) == [(S.FIN_WAIT_1, E.RCV_ACK_OF_FIN, S.FIN_WAIT_2)]
    return me


def test_the_ack_of_our_fin_leads_to_fin_wait_2_and_stops_the_timer() -> None:
    """§3.10.7.4, FIN-WAIT-1: "if the FIN segment is now acknowledged, then enter FIN-WAIT-2
    and continue processing". Nothing is left to retransmit: SND.UNA = SND.NXT = 1002 and
    the timer is off (RFC 6298 §5.2)."""
    me = _fin_wait_2()
    snap = me.snapshot()
    assert (snap.snd_una, snap.snd_nxt, snap.bytes_in_flight) == (1002, 1002, 0)
    assert me.next_timer() is None


def test_the_peers_fin_in_fin_wait_2_starts_two_msl_of_time_wait() -> None:
    """§3.10.7.4 eighth check, FIN-WAIT-2: "Enter the TIME-WAIT state. Start the time-wait
    timer". The FIN at 5001 is acknowledged <SEQ=1002><ACK=5002>; at t=2.0 the deadline is
    2 + 2·120 = 242 s (MSL = 2 minutes, §3.4.2)."""
    me = _fin_wait_2()
    reaction = me.receive(from_peer(*PEERS_FIN), 2.0)
    assert events(reaction) == [(S.FIN_WAIT_2, E.RCV_FIN, S.TIME_WAIT)]
    assert wire(reaction) == [OUR_LAST_ACK]
    assert reaction.after.time_wait_deadline == 242.0
    assert me.next_timer() == (242.0, TW)
    assert "2·MSL timer started: 240 s, until t=242 s" in reaction.notes


def test_time_wait_ends_after_two_msl_and_the_connection_is_deleted() -> None:
    """§3.10.8: "If the time-wait timeout expires on a connection, delete the TCB, enter the
    CLOSED state". Nothing is sent; no variable is left."""
    me = _fin_wait_2()
    me.receive(from_peer(*PEERS_FIN), 2.0)
    reaction = me.expire(TW, 242.0)
    assert events(reaction) == [(S.TIME_WAIT, E.TIMEOUT_TIME_WAIT, S.CLOSED)]
    assert reaction.sent == ()
    after = reaction.after
    assert after.time_wait_deadline is None and after.iss is None and after.rcv_nxt is None
    assert me.next_timer() is None


def test_a_shorter_msl_shortens_time_wait() -> None:
    """2·MSL with MSL = 30 s: the peer's FIN at t=2.0 sets the deadline at 62 s."""
    me = _fin_wait_2(msl=30.0)
    reaction = me.receive(from_peer(*PEERS_FIN), 2.0)
    assert reaction.after.time_wait_deadline == 62.0


def test_a_retransmitted_fin_in_time_wait_is_acked_again_and_restarts_the_timer() -> None:
    """§3.10.7.4, TIME-WAIT: "The only thing that can arrive in this state is a
    retransmission of the remote FIN. Acknowledge it, and restart the 2 MSL timeout." The
    same FIN (5001) at t=10: ACK <SEQ=1002><ACK=5002> again; the deadline moves to 250."""
    me = _fin_wait_2()
    me.receive(from_peer(*PEERS_FIN), 2.0)
    again = me.receive(from_peer(*PEERS_FIN), 10.0)
    assert events(again) == [(S.TIME_WAIT, E.RCV_FIN, S.TIME_WAIT)]
    assert wire(again) == [OUR_LAST_ACK]
    assert again.after.time_wait_deadline == 250.0
    assert "2·MSL timer restarted: 240 s, until t=250 s" in again.notes


def test_other_segments_in_time_wait_neither_answer_nor_restart_the_timer() -> None:
    """§3.10.7.4, TIME-WAIT: "The only thing that can arrive in this state is a
    retransmission of the remote FIN" — only that restarts the 2·MSL timer. A bare ACK at
    RCV.NXT (5002) at t=10 is dropped: nothing sent, the deadline stays 242 (the model used
    to restart it to 250 for any segment)."""
    me = _fin_wait_2()
    me.receive(from_peer(*PEERS_FIN), 2.0)
    reaction = me.receive(from_peer(F.ACK, 5002, 1002), 10.0)
    assert reaction.sent == () and reaction.after.time_wait_deadline == 242.0


def test_a_fin_that_also_acks_ours_goes_straight_to_time_wait() -> None:
    """§3.10.7.4, FIN-WAIT-1: "If our FIN has been ACKed (perhaps in this segment), then
    enter TIME-WAIT, start the time-wait timer, turn off the other timers". FIN 1001 at
    t=1.0; the peer's FIN,ACK 1002 at t=1.5: ACK <1002, 5002>, deadline 241.5, no
    retransmission timer."""
    me = opened_actively()
    me.close(1.0)
    reaction = me.receive(from_peer(*PEERS_FIN), 1.5)
    assert events(reaction) == [(S.FIN_WAIT_1, E.RCV_FIN_ACK_OF_FIN, S.TIME_WAIT)]
    assert wire(reaction) == [OUR_LAST_ACK]
    assert reaction.after.retransmission_deadline is None
    assert me.next_timer() == (241.5, TW)


def test_fins_that_cross_lead_through_closing_to_time_wait() -> None:
    """Simultaneous close (figure 13): in FIN-WAIT-1 the peer's FIN (5001) acknowledges only
    1001, not our FIN: "enter the CLOSING state", ACK <1002, 5002>. Then the ACK of our FIN
    (1002) at t=1.7: "enter the TIME-WAIT state", deadline 241.7."""
    me = opened_actively()
    me.close(1.0)
    crossing = me.receive(from_peer(F.FIN | F.ACK, PEER_NEXT, MY_NEXT), 1.5)
    assert events(crossing) == [(S.FIN_WAIT_1, E.RCV_FIN, S.CLOSING)]
    assert wire(crossing) == [OUR_LAST_ACK]
    acked = me.receive(from_peer(F.ACK, 5002, 1002), 1.7)
    assert events(acked) == [(S.CLOSING, E.RCV_ACK_OF_FIN, S.TIME_WAIT)]
    assert acked.sent == () and acked.after.time_wait_deadline == 241.7


def test_an_ack_of_our_data_but_not_our_fin_keeps_fin_wait_1() -> None:
    """"abc" (1001..1003) then the FIN (1004). ACK 1004 covers the data only: still
    FIN-WAIT-1, the FIN still timed. ACK 1005 covers the FIN: FIN-WAIT-2."""
    me = opened_actively()
    me.send(b"abc", 1.0)
    fin = me.close(1.0)
    assert wire(fin) == [(F.FIN | F.ACK, 1004, 5001, b"")]
    data_only = me.receive(from_peer(F.ACK, PEER_NEXT, 1004), 1.1)
    assert data_only.after.state is S.FIN_WAIT_1 and data_only.after.snd_una == 1004
    assert data_only.after.retransmission_deadline is not None
    both = me.receive(from_peer(F.ACK, PEER_NEXT, 1005), 1.2)
    assert both.after.state is S.FIN_WAIT_2


def test_an_unacknowledged_fin_is_retransmitted() -> None:
    """RFC 6298 §5.4 applies to the FIN like any segment: sent at t=1.0 with RTO 1 s, resent
    at t=2.0 as <SEQ=1001><ACK=5001><CTL=FIN,ACK>; RTO 2 s."""
    me = opened_actively()
    me.close(1.0)
    reaction = me.expire(RTX, 2.0)
    assert events(reaction) == [(S.FIN_WAIT_1, E.TIMEOUT_RETRANSMISSION, S.FIN_WAIT_1)]
    assert wire(reaction) == [(F.FIN | F.ACK, 1001, 5001, b"")]
    assert reaction.retransmitted == (True,) and reaction.after.rto == 2.0


def test_the_last_ack_closes_the_passive_side() -> None:
    """§3.10.7.4, LAST-ACK: "The only thing that can arrive in this state is an
    acknowledgment of our FIN. If our FIN is now acknowledged, delete the TCB, enter the
    CLOSED state". Our FIN is 1001: ACK 1001 is not enough, ACK 1002 is."""
    me = opened_actively()
    me.receive(from_peer(F.FIN | F.ACK, PEER_NEXT, MY_NEXT), 1.0)
    me.close(2.0)
    early = me.receive(from_peer(F.ACK, 5002, MY_NEXT), 2.05)
    assert early.after.state is S.LAST_ACK and early.sent == ()
    last = me.receive(from_peer(F.ACK, 5002, 1002), 2.1)
    assert events(last) == [(S.LAST_ACK, E.RCV_ACK_OF_FIN, S.CLOSED)]
    assert last.sent == () and last.after.iss is None and me.next_timer() is None


def test_a_lost_last_ack_brings_the_fin_again_and_the_same_answer() -> None:
    """LAST-ACK's FIN unacknowledged: resent at 2.0 + 1 = 3.0 as <SEQ=1001><ACK=5002>."""
    me = opened_actively()
    me.receive(from_peer(F.FIN | F.ACK, PEER_NEXT, MY_NEXT), 1.0)
    me.close(2.0)
    assert me.next_timer() == (3.0, RTX)
    reaction = me.expire(RTX, 3.0)
    assert wire(reaction) == [(F.FIN | F.ACK, 1001, 5002, b"")]
    assert reaction.after.state is S.LAST_ACK


def test_data_queued_before_close_still_goes_out_in_closing() -> None:
    """§3.10.4: CLOSE sends the FIN only after all preceding SENDs. Window 100: 100 of 250
    octets leave, CLOSE waits. The peer's FIN (5001, ACK 1101) crosses: FIN-WAIT-1 →
    CLOSING, and the data is still owed: 1101..1200 goes with ACK 5002 (so no bare ACK).
    ACK 1201: the last 50 (PSH) and the FIN at 1251. ACK 1252: TIME-WAIT."""
    me = opened_actively(peer_window=100)
    data = bytes(range(250))
    me.send(data, 1.0)
    me.close(1.1)
    crossing = me.receive(from_peer(F.FIN | F.ACK, PEER_NEXT, 1101, window=100), 1.2)
    assert events(crossing) == [(S.FIN_WAIT_1, E.RCV_FIN, S.CLOSING)]
    assert wire(crossing) == [(F.ACK, 1101, 5002, data[100:200])]
    rest = me.receive(from_peer(F.ACK, 5002, 1201, window=100), 1.3)
    assert wire(rest) == [(F.ACK | F.PSH, 1201, 5002, data[200:]),
                          (F.FIN | F.ACK, 1251, 5002, b"")]
    assert rest.after.state is S.CLOSING
    done = me.receive(from_peer(F.ACK, 5002, 1252, window=100), 1.4)
    assert done.after.state is S.TIME_WAIT
