"""Segments arriving before the connection is synchronized: CLOSED (§3.10.7.1), LISTEN
(§3.10.7.2), SYN-SENT (§3.10.7.3) and SYN-RECEIVED (§3.10.7.4), and sequence numbers that
wrap past 2**32. Every SEQ/ACK expected is typed from the RFC's formula with this module's
hand-chosen numbers (our ISS 1000, the peer's 5000 unless a test says otherwise).
"""

from __future__ import annotations

import pytest

from simulator.models.tcp.endpoint import TcpEndpoint
from simulator.models.tcp.segment import Flags
from simulator.models.tcp.states import TcpEvent, TcpState
from simulator.models.tcp.timers import TimerKind
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


# ------------------------------------------------------------------ CLOSED (§3.10.7.1)
@pytest.mark.parametrize(("flags", "seq", "ack", "payload", "reset"), [
    # no ACK bit: <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>; SEG.LEN counts SYN and FIN
    (F.SYN, 700, 0, b"", (F.RST | F.ACK, 0, 701, b"")),
    (F.SYN, 700, 0, b"hi", (F.RST | F.ACK, 0, 703, b"")),
    (F.FIN, 700, 0, b"", (F.RST | F.ACK, 0, 701, b"")),
    (F.PSH, 700, 0, b"hello", (F.RST | F.ACK, 0, 705, b"")),
    (F.SYN, 2**32 - 1, 0, b"", (F.RST | F.ACK, 0, 0, b"")),  # wraps to 0
    # ACK bit on: <SEQ=SEG.ACK><CTL=RST>
    (F.ACK, 700, 900, b"", (F.RST, 900, 0, b"")),
    (F.SYN | F.ACK, 700, 900, b"", (F.RST, 900, 0, b"")),
    (F.FIN | F.ACK, 700, 900, b"data", (F.RST, 900, 0, b"")),
])
def test_a_closed_port_answers_with_a_reset_the_sender_will_accept(
        flags: Flags, seq: int, ack: int, payload: bytes,
        reset: tuple[Flags, int, int, bytes]) -> None:
    """§3.10.7.1: "If the ACK bit is off, sequence number zero is used,
    <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>. If the ACK bit is on, <SEQ=SEG.ACK><CTL=RST>"."""
    me = endpoint()
    reaction = me.receive(from_peer(flags, seq, ack, payload), 1.0)
    assert wire(reaction) == [reset]
    assert reaction.after.state is S.CLOSED
    # the row the learner reads: a SYN is a refused connection, anything else a stray
    refused = flags & (F.SYN | F.ACK) == F.SYN
    assert events(reaction) == [(S.CLOSED, E.RCV_SYN if refused else E.RCV_SEGMENT, S.CLOSED)]


def test_a_reset_arriving_at_a_closed_port_is_not_answered() -> None:
    """§3.10.7.1: "An incoming segment containing a RST is discarded"."""
    reaction = endpoint().receive(from_peer(F.RST | F.ACK, 700, 900), 1.0)
    assert reaction.sent == () and reaction.after.state is S.CLOSED


# ------------------------------------------------------------------ LISTEN (§3.10.7.2)
def _listening() -> TcpEndpoint:
    me = endpoint()
    me.open_passive(0.0)
    return me


def test_a_syn_to_a_listener_is_answered_with_syn_ack() -> None:
    """§3.10.7.2 third check: "Set RCV.NXT to SEG.SEQ+1, IRS is set to SEG.SEQ ... ISS
    should be selected and a SYN segment sent of the form <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK>.
    SND.NXT is set to ISS+1 and SND.UNA to ISS." The SYN,ACK carries our MSS (1460) and
    window (65535), and its retransmission timer runs: deadline 0.5 + RTO 1 s."""
    me = _listening()
    reaction = me.receive(from_peer(F.SYN, PEER_ISS, mss=100), 0.5)
    assert events(reaction) == [(S.LISTEN, E.RCV_SYN, S.SYN_RECEIVED)]
    assert wire(reaction) == [(F.SYN | F.ACK, 1000, 5001, b"")]
    assert (reaction.sent[0].mss, reaction.sent[0].window) == (1460, 65535)
    after = reaction.after
    assert (after.iss, after.irs, after.snd_una, after.snd_nxt, after.rcv_nxt) == (
        1000, 5000, 1000, 1001, 5001)
    assert after.retransmission_deadline == 1.5 and after.bytes_in_flight == 1


@pytest.mark.parametrize(("flags", "ack", "reset_seq"), [
    (F.ACK, 777, 777),
    (F.SYN | F.ACK, 777, 777),
    (F.ACK | F.PSH, 12345, 12345),
])
def test_any_ack_to_a_listener_gets_a_reset(flags: Flags, ack: int, reset_seq: int) -> None:
    """§3.10.7.2 second check: "Any acknowledgment is bad if it arrives on a connection still
    in the LISTEN state. An acceptable reset segment should be formed for any arriving
    ACK-bearing segment ... <SEQ=SEG.ACK><CTL=RST>". The listener keeps listening."""
    me = _listening()
    reaction = me.receive(from_peer(flags, 700, ack, b"x" if F.PSH in flags else b""), 1.0)
    assert wire(reaction) == [(F.RST, reset_seq, 0, b"")]
    assert reaction.after.state is S.LISTEN


def test_a_reset_to_a_listener_is_ignored_without_a_word_of_reset() -> None:
    """§3.10.7.2 first check: "An incoming RST should be ignored. Return." Nothing is sent,
    the listener stays, and the learner is not told of a "connection reset" (there is no
    connection). A SYN with RST is an RST first."""
    me = _listening()
    for flags in (F.RST, F.RST | F.SYN):
        reaction = me.receive(from_peer(flags, 700), 1.0)
        assert reaction.sent == () and reaction.after.state is S.LISTEN
        assert reaction.notes == ()


def test_a_listener_drops_a_segment_with_neither_syn_nor_ack() -> None:
    """§3.10.7.2 fourth: "Any other control or text-bearing segment (not containing SYN)
    must have an ACK and thus would have been discarded by the ACK processing ... drop the
    segment and return"."""
    me = _listening()
    reaction = me.receive(from_peer(F.FIN | F.PSH, 700, 0, b"x"), 1.0)
    assert events(reaction) == [(S.LISTEN, E.RCV_SEGMENT, S.LISTEN)]
    assert reaction.sent == () and reaction.after.state is S.LISTEN
    assert reaction.after.irs is None
    assert reaction.notes == ("segment without ACK dropped",)


# ------------------------------------------------------------------ SYN-SENT (§3.10.7.3)
def _syn_sent() -> TcpEndpoint:
    me = endpoint()
    syn = me.open_active(0.0)
    assert wire(syn) == [(F.SYN, 1000, 0, b"")]
    return me


@pytest.mark.parametrize("ack", [1000, 999, 1002])
def test_an_ack_that_does_not_cover_exactly_our_syn_is_reset(ack: int) -> None:
    """§3.10.7.3 first check: "If SEG.ACK =< ISS or SEG.ACK > SND.NXT, send a reset ...
    <SEQ=SEG.ACK><CTL=RST>". ISS = 1000, SND.NXT = 1001: only 1001 is acceptable."""
    me = _syn_sent()
    reaction = me.receive(from_peer(F.SYN | F.ACK, PEER_ISS, ack, mss=100), 0.1)
    assert wire(reaction) == [(F.RST, ack, 0, b"")]
    assert reaction.after.state is S.SYN_SENT and reaction.after.irs is None


def test_the_syn_ack_that_covers_our_syn_establishes_and_is_acknowledged() -> None:
    """§3.10.7.3 fourth check: RCV.NXT = SEG.SEQ+1 = 5001, IRS = 5000, SND.UNA = SEG.ACK =
    1001; "If SND.UNA > ISS ... enter ESTABLISHED state, form an ACK segment
    <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK> and send it"."""
    me = _syn_sent()
    reaction = me.receive(from_peer(F.SYN | F.ACK, PEER_ISS, 1001, mss=100), 0.1)
    assert events(reaction) == [(S.SYN_SENT, E.RCV_SYN_ACK, S.ESTABLISHED)]
    assert wire(reaction) == [(F.ACK, 1001, 5001, b"")]
    assert (reaction.after.irs, reaction.after.rcv_nxt, reaction.after.snd_una) == (
        5000, 5001, 1001)
    assert reaction.after.retransmission_deadline is None  # the SYN is acknowledged


def test_data_sent_during_the_handshake_follows_the_ack() -> None:
    """§3.10.2, SYN-SENT: SEND data is "queued for transmission after entering ESTABLISHED
    state". It leaves right after the handshake's ACK: <SEQ=1001><ACK=5001> "early"."""
    me = _syn_sent()
    queued = me.send(b"early", 0.05)
    assert queued.sent == () and queued.after.bytes_queued == 5
    reaction = me.receive(from_peer(F.SYN | F.ACK, PEER_ISS, 1001, mss=100), 0.1)
    assert wire(reaction) == [(F.ACK, 1001, 5001, b""), (F.ACK | F.PSH, 1001, 5001, b"early")]
    assert reaction.after.snd_nxt == 1006


def test_a_reset_with_an_acceptable_ack_refuses_the_connection() -> None:
    """§3.10.7.3 second check: "If the ACK was acceptable, then signal to the user "error:
    connection reset", drop the segment, enter CLOSED state, delete TCB"."""
    me = _syn_sent()
    reaction = me.receive(from_peer(F.RST | F.ACK, 0, 1001), 0.1)
    assert events(reaction) == [(S.SYN_SENT, E.RCV_RST, S.CLOSED)]
    assert reaction.sent == () and "connection reset by peer" in reaction.notes
    assert reaction.after.iss is None and me.next_timer() is None


@pytest.mark.parametrize(("flags", "ack"), [(F.RST | F.ACK, 1002), (F.RST, 0)])
def test_a_reset_that_does_not_acknowledge_our_syn_is_dropped(flags: Flags, ack: int) -> None:
    """§3.10.7.3: an RST whose ACK is unacceptable is dropped ("unless the RST bit is set, if
    so drop the segment and return"), and so is an RST without ACK ("Otherwise (no ACK),
    drop the segment and return"). The SYN stays outstanding."""
    me = _syn_sent()
    reaction = me.receive(from_peer(flags, 0, ack), 0.1)
    assert reaction.sent == () and reaction.after.state is S.SYN_SENT
    assert me.next_timer() is not None


def test_an_ack_without_syn_in_syn_sent_is_dropped_and_the_syn_still_awaits_its_answer() -> None:
    """§3.10.7.3 fifth: "If neither of the SYN or RST bits is set, then drop the segment and
    return." An ACK of 1001 without SYN does not acknowledge our SYN: SND.UNA stays 1000,
    the SYN stays queued and is resent when the timer expires at t=1 (the model used to take
    it as acknowledged and stop the timer, leaving the connection in SYN-SENT for ever)."""
    me = _syn_sent()
    reaction = me.receive(from_peer(F.ACK, PEER_ISS, 1001, b"x"), 0.1)
    assert events(reaction) == [(S.SYN_SENT, E.RCV_SEGMENT, S.SYN_SENT)]
    assert reaction.sent == () and reaction.notes == ()
    assert reaction.after.snd_una == 1000 and reaction.after.srtt is None
    assert me.next_timer() == (1.0, TimerKind.RETRANSMISSION)
    resent = me.expire(TimerKind.RETRANSMISSION, 1.0)
    assert wire(resent) == [(F.SYN, 1000, 0, b"")]


def test_a_syn_while_our_syn_is_out_is_a_simultaneous_open() -> None:
    """§3.10.7.3 fourth check, SYN without ACK: "enter SYN-RECEIVED, form a SYN,ACK segment
    <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK> and send it". Then the peer's SYN,ACK (seq 5000,
    ack 1001) acknowledges our SYN: ESTABLISHED, answered <SEQ=1001><ACK=5001> (figure 7)."""
    me = _syn_sent()
    crossing = me.receive(from_peer(F.SYN, PEER_ISS, mss=100), 0.1)
    assert events(crossing) == [(S.SYN_SENT, E.RCV_SYN, S.SYN_RECEIVED)]
    assert wire(crossing) == [(F.SYN | F.ACK, 1000, 5001, b"")]
    assert crossing.after.snd_una == 1000 and crossing.after.rcv_nxt == 5001
    done = me.receive(from_peer(F.SYN | F.ACK, PEER_ISS, 1001, mss=100), 0.2)
    assert events(done) == [(S.SYN_RECEIVED, E.RCV_SYN_ACK, S.ESTABLISHED)]
    assert wire(done) == [(F.ACK, 1001, 5001, b"")]
    assert done.after.snd_una == 1001
    assert done.notes[0] == ("the SYN in it is already known (SEG.SEQ = IRS < RCV.NXT) and "
                             "is trimmed off; the rest acknowledges our SYN (simultaneous "
                             "open, figure 7)")


# ------------------------------------------------------------------ SYN-RECEIVED (§3.10.7.4)
def _syn_received() -> TcpEndpoint:
    me = _listening()
    me.receive(from_peer(F.SYN, PEER_ISS, mss=100), 0.0)
    return me


@pytest.mark.parametrize("ack", [1000, 1002])
def test_an_ack_that_does_not_cover_our_syn_ack_is_reset(ack: int) -> None:
    """§3.10.7.4 fifth check, SYN-RECEIVED: "If SND.UNA < SEG.ACK =< SND.NXT, then enter
    ESTABLISHED ... If the segment acknowledgment is not acceptable, form a reset segment
    <SEQ=SEG.ACK><CTL=RST>". SND.UNA = 1000, SND.NXT = 1001."""
    me = _syn_received()
    reaction = me.receive(from_peer(F.ACK, PEER_NEXT, ack), 0.1)
    assert wire(reaction) == [(F.RST, ack, 0, b"")]
    assert reaction.after.state is S.SYN_RECEIVED


def test_the_handshakes_ack_may_carry_the_first_data() -> None:
    """ACK 1001 with "GET" at 5001: the fifth check establishes, the seventh delivers "GET"
    (RCV.NXT = 5004) and the ACK <SEQ=1001><ACK=5004> goes back."""
    me = _syn_received()
    reaction = me.receive(from_peer(F.ACK | F.PSH, PEER_NEXT, MY_NEXT, b"GET"), 0.1)
    assert events(reaction) == [(S.SYN_RECEIVED, E.RCV_ACK_OF_SYN, S.ESTABLISHED)]
    assert wire(reaction) == [(F.ACK, 1001, 5004, b"")]
    assert bytes(me.delivered) == b"GET"


def test_a_segment_without_ack_in_syn_received_is_dropped() -> None:
    """§3.10.7.4 fifth check: "if the ACK bit is off, drop the segment and return": "x" at
    5001 is not delivered and nothing is sent; the SYN,ACK is still outstanding."""
    me = _syn_received()
    reaction = me.receive(from_peer(F.PSH, PEER_NEXT, 0, b"x"), 0.1)
    assert reaction.sent == () and bytes(me.delivered) == b""
    assert reaction.after.state is S.SYN_RECEIVED and reaction.after.snd_una == 1000


def test_a_reset_in_window_but_not_exact_in_syn_received_gets_a_challenge_ack() -> None:
    """RFC 5961 §3.2 in SYN-RECEIVED too: RST at 5002 (RCV.NXT 5001) is answered with
    <SEQ=SND.NXT><ACK=RCV.NXT> = <SEQ=1001><ACK=5001>; RST at 5001 returns to LISTEN (the
    connection was opened passively, §3.10.7.4 second check)."""
    me = _syn_received()
    challenge = me.receive(from_peer(F.RST, 5002), 0.1)
    assert wire(challenge) == [(F.ACK, 1001, 5001, b"")]
    assert challenge.after.state is S.SYN_RECEIVED
    reset = me.receive(from_peer(F.RST, 5001), 0.2)
    assert reset.after.state is S.LISTEN and reset.sent == ()
    # §3.10.7.4: back to LISTEN with the retransmission queue flushed: no SYN,ACK timer,
    # no sequence variables; a fresh SYN starts a clean handshake, and it is still a
    # passively opened one (an RST returns it to LISTEN again)
    assert reset.after.iss is None and me.next_timer() is None
    again = me.receive(from_peer(F.SYN, 9000, mss=100), 0.3)
    assert wire(again) == [(F.SYN | F.ACK, 1000, 9001, b"")]
    assert me.receive(from_peer(F.RST, 9001), 0.4).after.state is S.LISTEN


def test_a_reset_in_an_actively_opened_syn_received_closes() -> None:
    """§3.10.7.4 second check: "If this connection was initiated with an active OPEN (i.e.,
    came from SYN-SENT state), then the connection was refused; signal the user "connection
    refused"" and enter CLOSED."""
    me = _syn_sent()
    me.receive(from_peer(F.SYN, PEER_ISS, mss=100), 0.1)
    reaction = me.receive(from_peer(F.RST, 5001), 0.2)
    assert events(reaction) == [(S.SYN_RECEIVED, E.RCV_RST, S.CLOSED)]


# ------------------------------------------------------------------ the 2**32 wrap (§3.4)
def test_our_sequence_numbers_wrap_past_two_to_the_32() -> None:
    """§3.4: sequence numbers are modulo 2**32. ISS = 2**32 − 1: the SYN takes 4294967295,
    SND.NXT = 0; the SYN,ACK acknowledges 0; "ab" goes out at 0 and its ACK is 2."""
    me = endpoint(iss=2**32 - 1)
    syn = me.open_active(0.0)
    assert wire(syn) == [(F.SYN, 4294967295, 0, b"")] and syn.after.snd_nxt == 0
    me.receive(from_peer(F.SYN | F.ACK, PEER_ISS, 0, mss=100), 0.1)
    assert me.state is S.ESTABLISHED and me.snd_una == 0
    data = me.send(b"ab", 1.0)
    assert wire(data) == [(F.ACK | F.PSH, 0, 5001, b"ab")]
    acked = me.receive(from_peer(F.ACK, PEER_NEXT, 2), 1.1)
    assert acked.after.snd_una == 2 and acked.after.bytes_in_flight == 0


def test_the_peers_sequence_numbers_wrap_too() -> None:
    """The peer's ISS = 2**32 − 1: RCV.NXT = 0 after its SYN; "abc" at 0 is in order and
    RCV.NXT becomes 3; data at 2**32 − 1 (before RCV.NXT = 3 by 4) is an old duplicate."""
    me = endpoint()
    me.open_active(0.0)
    me.receive(from_peer(F.SYN | F.ACK, 2**32 - 1, 1001, mss=100), 0.1)
    assert me.rcv_nxt == 0
    reaction = me.receive(from_peer(F.ACK, 0, 1001, b"abc"), 1.0)
    assert wire(reaction) == [(F.ACK, 1001, 3, b"")]
    old = me.receive(from_peer(F.ACK, 2**32 - 1, 1001, b"z"), 1.1)
    assert events(old) == [(S.ESTABLISHED, E.RCV_OUT_OF_WINDOW, S.ESTABLISHED)]


def test_the_iss_setting_is_taken_modulo_two_to_the_32() -> None:
    """An ISS of 2**32 + 7 is the sequence number 7."""
    syn = endpoint(iss=2**32 + 7).open_active(0.0)
    assert wire(syn) == [(F.SYN, 7, 0, b"")]
    assert (syn.after.iss, syn.after.snd_una, syn.after.snd_nxt) == (7, 7, 8)


def test_classify_names_the_case_without_changing_anything() -> None:
    """``TcpEndpoint.classify`` tells which §3.10.7 case a segment is (the views ask it)
    and leaves the TCB as it was: an out-of-window segment, RCV.NXT 5001 unchanged."""
    me = opened_actively()
    before = me.snapshot()
    assert me.classify(from_peer(F.ACK, 4000, MY_NEXT, b"old")) == (E.RCV_OUT_OF_WINDOW, "")
    assert me.classify(from_peer(F.RST, 5001)) == (E.RCV_RST, "")
    assert me.snapshot() == before


def test_an_in_window_syn_returns_a_passive_syn_received_to_listen() -> None:
    """§3.10.7.4 fourth check, SYN-RECEIVED: "If the connection was initiated with a passive
    OPEN, then return this connection to the LISTEN state and return." A SYN at 5010 (in
    the window, not the duplicate at 5000): nothing sent, no timer, and a new SYN (9000)
    gets a fresh SYN,ACK <SEQ=1000><ACK=9001>."""
    me = _syn_received()
    reaction = me.receive(from_peer(F.SYN, 5010, mss=100), 0.1)
    assert events(reaction) == [(S.SYN_RECEIVED, E.RCV_SYN, S.LISTEN)]
    assert reaction.sent == () and me.next_timer() is None
    assert reaction.after.iss is None and reaction.after.irs is None
    again = me.receive(from_peer(F.SYN, 9000, mss=100), 0.2)
    assert wire(again) == [(F.SYN | F.ACK, 1000, 9001, b"")]
    assert me.receive(from_peer(F.RST, 9001), 0.3).after.state is S.LISTEN  # still passive


def test_an_in_window_syn_in_an_active_syn_received_gets_a_challenge_ack() -> None:
    """§3.10.7.4 fourth check: after an active OPEN, "handle per the directions for
    synchronized states": RFC 5961 §4's challenge ACK <SEQ=SND.NXT><ACK=RCV.NXT> =
    <SEQ=1001><ACK=5001>; the state stays."""
    me = _syn_sent()
    me.receive(from_peer(F.SYN, PEER_ISS, mss=100), 0.1)
    reaction = me.receive(from_peer(F.SYN, 5010, mss=100), 0.2)
    assert events(reaction) == [(S.SYN_RECEIVED, E.RCV_SYN, S.SYN_RECEIVED)]
    assert wire(reaction) == [(F.ACK, 1001, 5001, b"")]


def test_an_active_open_from_listen_makes_the_connection_active() -> None:
    """§3.10.1, LISTEN: an active OPEN "change[s] the connection from passive to active".
    If the peer's SYN then crosses ours, SYN-RECEIVED is an actively opened one: an RST at
    RCV.NXT closes it ("connection refused") instead of returning to LISTEN."""
    me = _listening()
    me.open_active(0.1)
    me.receive(from_peer(F.SYN, PEER_ISS, mss=100), 0.2)
    reaction = me.receive(from_peer(F.RST, 5001), 0.3)
    assert events(reaction) == [(S.SYN_RECEIVED, E.RCV_RST, S.CLOSED)]


def test_a_fin_on_the_handshakes_ack_delivers_its_data_and_enters_close_wait() -> None:
    """§3.10.7.4: the fifth check (ACK) establishes, the seventh delivers "GET" and the
    eighth (FIN) enters CLOSE-WAIT: RCV.NXT = 5001 + 3 + 1 = 5005, ACK <1001, 5005>."""
    me = _syn_received()
    reaction = me.receive(from_peer(F.FIN | F.ACK, PEER_NEXT, MY_NEXT, b"GET"), 0.1)
    assert events(reaction) == [(S.SYN_RECEIVED, E.RCV_FIN, S.CLOSE_WAIT)]
    assert bytes(me.delivered) == b"GET"
    assert wire(reaction) == [(F.ACK, 1001, 5005, b"")]
