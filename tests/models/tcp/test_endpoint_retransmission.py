"""RTT samples, the retransmission timer and fast retransmit, with the numbers worked out by
hand from RFC 6298 and RFC 5681 (the connection is the one in ``by_hand``: after the
handshake SND.NXT = 1001, RCV.NXT = 5001, the peer's MSS 100 and window 1000).

RFC 6298 §2: first sample R: SRTT = R, RTTVAR = R/2; later R': RTTVAR = 3/4·RTTVAR +
1/4·|SRTT − R'|, SRTT = 7/8·SRTT + 1/8·R'; RTO = SRTT + max(G, 4·RTTVAR), at least 1 s
(§2.4), at most 60 s here (§2.5: a maximum "of at least 60 seconds").
"""

from __future__ import annotations

import pytest

from simulator.models.tcp.endpoint import TcpEndpoint
from simulator.models.tcp.reaction import Reaction
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
RTX = TimerKind.RETRANSMISSION


def _expire_at_deadline(me: TcpEndpoint) -> tuple[float, Reaction]:
    deadline = me.next_timer()
    assert deadline is not None and deadline[1] is RTX
    return deadline[0], me.expire(RTX, deadline[0])


# ------------------------------------------------------------------ RTT samples (RFC 6298 §2)
def test_the_handshake_gives_the_first_rtt_sample() -> None:
    """SYN at t=0, SYN,ACK at t=0.5: R = 0.5 s. §2.2: SRTT = 0.5, RTTVAR = 0.25,
    RTO = 0.5 + max(0.001, 4·0.25) = 1.5 s."""
    me = opened_actively(synack_at=0.5)
    assert me.rto.srtt == pytest.approx(0.5)
    assert me.rto.rttvar == pytest.approx(0.25)
    snap = me.snapshot()
    assert snap.srtt == pytest.approx(0.5) and snap.rto == pytest.approx(1.5)


def test_a_short_first_sample_leaves_the_rto_at_its_one_second_minimum() -> None:
    """R = 0.1 s: SRTT = 0.1, RTTVAR = 0.05, SRTT + 4·RTTVAR = 0.3 s, below §2.4's minimum:
    "if it is less than 1 second, then the RTO SHOULD be rounded up to 1 second"."""
    me = opened_actively(synack_at=0.1)
    assert me.snapshot().srtt == pytest.approx(0.1)
    assert me.snapshot().rto == 1.0


def test_the_passive_side_samples_the_rtt_of_its_syn_ack() -> None:
    """The SYN,ACK went out at t=0 and its ACK came back at t=0.1: R = 0.1 s, as for the
    active side (RFC 6298 §2 is about any segment, the SYN,ACK included)."""
    me = endpoint()
    me.open_passive(0.0)
    me.receive(from_peer(F.SYN, PEER_ISS, mss=100), 0.0)
    me.receive(from_peer(F.ACK, PEER_NEXT, MY_NEXT), 0.1)
    assert me.snapshot().srtt == pytest.approx(0.1)


def test_a_second_sample_updates_srtt_and_rttvar_as_rfc_6298_says() -> None:
    """SRTT = 0.5, RTTVAR = 0.25 after the handshake; 50 octets sent at t=1.0 and
    acknowledged at t=1.3: R' = 0.3 s.
    RTTVAR = 0.75·0.25 + 0.25·|0.5 − 0.3| = 0.1875 + 0.05 = 0.2375
    SRTT   = 0.875·0.5 + 0.125·0.3 = 0.4375 + 0.0375 = 0.475
    RTO    = 0.475 + 4·0.2375 = 1.425 s."""
    me = opened_actively(synack_at=0.5)
    me.send(b"x" * 50, 1.0)
    reaction = me.receive(from_peer(F.ACK, PEER_NEXT, 1051), 1.3)
    assert me.rto.rttvar == pytest.approx(0.2375)
    assert reaction.after.srtt == pytest.approx(0.475)
    assert reaction.after.rto == pytest.approx(1.425)
    assert "RTT sample 300 ms: RTO 1.5 s → 1.425 s (RFC 6298 §2, 1 s minimum)" in (
        reaction.notes)


def test_an_ack_covering_two_segments_gives_one_sample_from_the_oldest() -> None:
    """RFC 6298 §3: "Traditionally, TCP implementations have taken one RTT measurement at a
    time". "a" (100 octets) leaves at t=1.0, "b" at t=1.2; one ACK (1201) at t=1.3 covers
    both. One sample, from the oldest: R' = 0.3 s, so SRTT = 0.475 and RTO = 1.425 s as in
    the test above (from "b", R' = 0.1 s, SRTT would be 0.45; two samples, 0.453125)."""
    me = opened_actively(synack_at=0.5)
    me.send(b"a" * 100, 1.0)
    me.send(b"b" * 100, 1.2)
    reaction = me.receive(from_peer(F.ACK, PEER_NEXT, 1201), 1.3)
    assert reaction.after.srtt == pytest.approx(0.475)
    assert reaction.after.rto == pytest.approx(1.425)
    assert reaction.after.snd_una == 1201 and reaction.after.bytes_in_flight == 0
    assert len([n for n in reaction.notes if n.startswith("RTT sample")]) == 1


# ------------------------------------------------------------------ the timer (RFC 6298 §5)
def test_the_timer_starts_with_the_first_segment_and_is_not_restarted_by_the_second() -> None:
    """§5.1: "Every time a packet containing data is sent ... if the timer is not running,
    start it running so that it will expire after RTO seconds". "a" at t=1.0 with RTO 1 s:
    the deadline is t=2.0; sending "b" at t=1.5 leaves it at 2.0."""
    me = opened_actively()
    first = me.send(b"a" * 10, 1.0)
    assert first.after.retransmission_deadline == pytest.approx(2.0)
    assert me.next_timer() == (pytest.approx(2.0), RTX)
    second = me.send(b"b" * 10, 1.5)
    assert second.after.retransmission_deadline == pytest.approx(2.0)


def test_a_new_ack_restarts_the_timer_and_the_last_one_stops_it() -> None:
    """§5.3: an ACK of new data restarts the timer to expire RTO after it; §5.2: when all
    outstanding data is acknowledged, turn it off. "a" (1001..1010) at t=1.0, "b"
    (1011..1020) at t=1.5. The ACK of "a" at t=1.6 samples R = 0.6 s: RTTVAR = 0.75·0.05 +
    0.25·|0.1 − 0.6| = 0.1625, SRTT = 0.875·0.1 + 0.125·0.6 = 0.1625, RTO = max(1, 0.1625 +
    0.65) = 1 s: the deadline is 1.6 + 1 = 2.6. The ACK of "b" stops the timer."""
    me = opened_actively()
    me.send(b"a" * 10, 1.0)
    me.send(b"b" * 10, 1.5)
    partial = me.receive(from_peer(F.ACK, PEER_NEXT, 1011), 1.6)
    assert partial.after.srtt == pytest.approx(0.1625)
    assert partial.after.retransmission_deadline == pytest.approx(2.6)
    done = me.receive(from_peer(F.ACK, PEER_NEXT, 1021), 1.7)
    assert done.after.retransmission_deadline is None and me.next_timer() is None


def test_a_timeout_resends_only_the_earliest_unacknowledged_segment() -> None:
    """§5.4: "Retransmit the earliest segment that has not been acknowledged by the TCP
    receiver." 250 octets go out as 1001 (100), 1101 (100), 1201 (50, PSH); at the
    deadline t=2.0 only the first is sent again, with ACK = RCV.NXT = 5001."""
    me = opened_actively()
    sent = me.send(bytes(range(250)), 1.0)
    assert [s.seq for s in sent.sent] == [1001, 1101, 1201]
    at, reaction = _expire_at_deadline(me)
    assert at == pytest.approx(2.0)
    assert events(reaction) == [(S.ESTABLISHED, E.TIMEOUT_RETRANSMISSION, S.ESTABLISHED)]
    assert wire(reaction) == [(F.ACK, 1001, 5001, bytes(range(100)))]
    assert reaction.retransmitted == (True,)


def test_each_timeout_doubles_the_rto_up_to_60_s_and_the_data_is_given_up_after_r2() -> None:
    """§5.5: "The host MUST set RTO <- RTO * 2 ("back off the timer")"; §5.6: the timer
    restarts for the new RTO; §2.5: at most 60 s. "lost" leaves at t=1.0 with RTO 1 s:
      t=2  resend #1, RTO 2,  next at 4      t=16 resend #4, RTO 16, next at 32
      t=4  resend #2, RTO 4,  next at 8      t=32 resend #5, RTO 32, next at 64
      t=8  resend #3, RTO 8,  next at 16     t=64 resend #6, RTO 60 (not 64), next at 124
    At t=124 the segment has been retransmitted for 124 − 2 = 122 s >= R2 = 100 s (RFC 9293
    §3.8.3, SHLD-11): the connection is given up and deleted."""
    me = opened_actively()
    me.send(b"lost", 1.0)
    timeline = []
    while True:
        at, reaction = _expire_at_deadline(me)
        if reaction.transition.event is E.TIMEOUT_USER:
            break
        assert wire(reaction) == [(F.ACK | F.PSH, 1001, 5001, b"lost")]
        timeline.append((at, reaction.after.rto, reaction.after.retransmission_deadline,
                         reaction.after.retries))
    assert timeline == [
        (2.0, 2.0, 4.0, 1), (4.0, 4.0, 8.0, 2), (8.0, 8.0, 16.0, 3),
        (16.0, 16.0, 32.0, 4), (32.0, 32.0, 64.0, 5), (64.0, 60.0, 124.0, 6),
    ]
    assert at == 124.0
    assert events(reaction) == [(S.ESTABLISHED, E.TIMEOUT_USER, S.CLOSED)]
    assert reaction.sent == ()
    assert "gave up: retransmitted for 122 s, R2 = 100 s (RFC 9293 §3.8.3)" in reaction.notes
    assert me.next_timer() is None


def test_the_notes_count_the_retransmissions_and_say_when_r1_is_reached() -> None:
    """§3.8.3: at R1 (3 retransmissions here, SHLD-10) the application is told (SHLD-9). The
    notes number the resends and give the RTO before and after the doubling."""
    me = opened_actively()
    me.send(b"lost", 1.0)
    notes = [_expire_at_deadline(me)[1].notes for _ in range(4)]
    assert notes[0] == ("retransmission #1: RTO 1 s → 2 s (doubled, RFC 6298 §5.5)",)
    assert notes[1] == ("retransmission #2: RTO 2 s → 4 s (doubled, RFC 6298 §5.5)",)
    assert notes[2] == ("retransmission #3: RTO 4 s → 8 s (doubled, RFC 6298 §5.5)",
                        "R1 reached (3 retransmissions): the application is told of the "
                        "delivery problem (RFC 9293 §3.8.3)")
    assert notes[3] == ("retransmission #4: RTO 8 s → 16 s (doubled, RFC 6298 §5.5)",)


def test_a_shorter_user_timeout_gives_up_sooner() -> None:
    """§3.8.3: the application may set R2 (MUST-21). With R2 = 10 s: resends at t=2, 4 and 8
    (retransmitted for 0, 2 and 6 s); at t=16 it is 14 s >= 10 s: given up."""
    me = opened_actively(r2_data=10.0)
    me.send(b"lost", 1.0)
    times = []
    while True:
        at, reaction = _expire_at_deadline(me)
        times.append(at)
        if reaction.transition.event is E.TIMEOUT_USER:
            break
    assert times == [2.0, 4.0, 8.0, 16.0]
    assert reaction.after.state is S.CLOSED


def test_no_rtt_sample_is_taken_from_a_retransmitted_segment_and_the_backoff_stays() -> None:
    """Karn's rule (RFC 6298 §3): "RTT samples MUST NOT be made using segments that were
    retransmitted". After the handshake SRTT = 0.1 s, RTO 1 s. "x" leaves at t=1.0, is
    resent at t=2.0 (RTO 2 s), and its ACK arrives at t=2.3: no sample, so SRTT stays 0.1
    and the backed-off RTO stays 2 s (§5: it collapses only with a new measurement)."""
    me = opened_actively()
    me.send(b"x" * 50, 1.0)
    _expire_at_deadline(me)
    acked = me.receive(from_peer(F.ACK, PEER_NEXT, 1051), 2.3)
    assert acked.after.snd_una == 1051
    assert acked.after.srtt == pytest.approx(0.1)
    assert acked.after.rto == 2.0
    assert not any(n.startswith("RTT sample") for n in acked.notes)
    assert me.next_timer() is None  # §5.2: all data acknowledged, timer off


def test_the_next_fresh_sample_collapses_the_backed_off_rto() -> None:
    """Continuing the Karn case: "y" leaves at t=3.0 with the backed-off RTO 2 s (deadline
    5.0); its ACK at t=3.2 is a clean sample R' = 0.2 s: RTTVAR = 0.75·0.05 + 0.25·|0.1 −
    0.2| = 0.0625, SRTT = 0.875·0.1 + 0.125·0.2 = 0.1125, RTO = max(1, 0.1125 + 0.25) = 1 s
    (RFC 6298 §5: RTO may be "collapsing" back down after a new measurement)."""
    me = opened_actively()
    me.send(b"x" * 50, 1.0)
    _expire_at_deadline(me)
    me.receive(from_peer(F.ACK, PEER_NEXT, 1051), 2.3)
    sent = me.send(b"y" * 50, 3.0)
    assert sent.after.retransmission_deadline == pytest.approx(5.0)
    acked = me.receive(from_peer(F.ACK, PEER_NEXT, 1101), 3.2)
    assert acked.after.srtt == pytest.approx(0.1125)
    assert me.rto.rttvar == pytest.approx(0.0625)
    assert acked.after.rto == 1.0


def test_a_new_ack_resets_the_retransmission_count() -> None:
    """§3.8.3 counts the retransmissions of the same segment against R1: once SND.UNA
    advances (a new ACK), the count starts again. "x" is resent once (retries 1) and then
    acknowledged (retries 0); "y" (t=3.0, backed-off RTO 2 s, deadline 5.0) times out: that
    is retransmission #1 again, RTO 2 → 4 s, not #2."""
    me = opened_actively()
    me.send(b"x" * 50, 1.0)
    _, first = _expire_at_deadline(me)
    assert first.after.retries == 1
    acked = me.receive(from_peer(F.ACK, PEER_NEXT, 1051), 2.3)
    assert acked.after.retries == 0
    me.send(b"y" * 50, 3.0)
    at, again = _expire_at_deadline(me)
    assert at == pytest.approx(5.0)
    assert again.after.retries == 1
    assert again.notes == ("retransmission #1: RTO 2 s → 4 s (doubled, RFC 6298 §5.5)",)
    assert wire(again) == [(F.ACK | F.PSH, 1051, 5001, b"y" * 50)]


def test_r1_is_reached_only_by_three_retransmissions_without_progress() -> None:
    """R1 counts retransmissions in a row: "x" resent twice then acknowledged, "y" resent
    twice: four resends, but never three of the same segment, so no R1 note."""
    me = opened_actively()
    me.send(b"x" * 50, 1.0)
    notes = [n for _ in range(2) for n in _expire_at_deadline(me)[1].notes]
    me.receive(from_peer(F.ACK, PEER_NEXT, 1051), 5.0)
    me.send(b"y" * 50, 6.0)
    notes += [n for _ in range(2) for n in _expire_at_deadline(me)[1].notes]
    assert len([n for n in notes if n.startswith("retransmission #")]) == 4
    assert not any("R1 reached" in n for n in notes)


def test_a_timer_expiry_with_nothing_outstanding_sends_nothing() -> None:
    """RFC 6298 §5.2: the timer is off when everything is acknowledged; an expiry that
    comes anyway (a stale deadline) finds nothing to resend and changes nothing."""
    me = opened_actively()
    reaction = me.expire(RTX, 5.0)
    assert reaction.sent == () and reaction.transitions == ()
    assert reaction.after.state is S.ESTABLISHED and reaction.after.rto == 1.0


# ------------------------------------------------------------------ SYN retransmission
def test_a_lost_syn_is_resent_and_the_rto_is_three_seconds_once_established() -> None:
    """The SYN (seq 1000) leaves at t=0 with RTO 1 s; resent at t=1 (RTO 2) and t=3 (RTO 4,
    next deadline 7), still <SEQ=ISS><CTL=SYN> with our MSS option. The SYN,ACK arrives at
    t=3.5: no RTT sample (Karn), and RFC 6298 §5.7: "the RTO MUST be re-initialized to 3
    seconds when data transmission begins". Data sent at t=4 is then due back by t=7."""
    me = endpoint()
    me.open_active(0.0)
    at1, first = _expire_at_deadline(me)
    at2, second = _expire_at_deadline(me)
    assert (at1, at2) == (1.0, 3.0)
    for resent in (first, second):
        assert wire(resent) == [(F.SYN, 1000, 0, b"")]
        assert resent.sent[0].mss == 1460
    assert second.after.rto == 4.0 and second.after.retransmission_deadline == 7.0
    established = me.receive(from_peer(F.SYN | F.ACK, PEER_ISS, 1001, mss=100), 3.5)
    assert established.after.state is S.ESTABLISHED
    assert established.after.srtt is None
    assert established.after.rto == 3.0
    assert "our SYN had to be retransmitted: RTO 4 s → 3 s now that data can flow " \
        "(RFC 6298 §5.7)" in established.notes
    data = me.send(b"hi", 4.0)
    assert data.after.retransmission_deadline == 7.0


def test_an_unanswered_syn_is_resent_until_three_minutes_have_passed() -> None:
    """RFC 9293 §3.8.3 (MUST-23): R2 for a SYN lets it be retransmitted for at least 3
    minutes. Resends at t = 1, 3, 7, 15, 31, 63 (RTO now capped at 60 s), 123; at t=183 the
    SYN has been resent for 183 − 1 = 182 s >= 180 s: "connection timed out", CLOSED."""
    me = endpoint()
    me.open_active(0.0)
    times = []
    while True:
        at, reaction = _expire_at_deadline(me)
        times.append(at)
        if reaction.transition.event is E.TIMEOUT_USER:
            break
    assert times == [1.0, 3.0, 7.0, 15.0, 31.0, 63.0, 123.0, 183.0]
    assert events(reaction) == [(S.SYN_SENT, E.TIMEOUT_USER, S.CLOSED)]
    assert reaction.after.iss is None  # the TCB is deleted


def test_a_lost_syn_ack_is_resent_with_its_ack_and_the_rto_becomes_three_seconds() -> None:
    """Passive side: the SYN,ACK <SEQ=1000><ACK=5001> leaves at t=0; resent at t=1 as it
    was. Its ACK at t=1.5: ESTABLISHED, no sample (Karn), RTO 3 s (RFC 6298 §5.7 speaks of
    "a SYN segment", the SYN,ACK too)."""
    me = endpoint()
    me.open_passive(0.0)
    me.receive(from_peer(F.SYN, PEER_ISS, mss=100), 0.0)
    at, resent = _expire_at_deadline(me)
    assert at == 1.0
    assert events(resent) == [(S.SYN_RECEIVED, E.TIMEOUT_RETRANSMISSION, S.SYN_RECEIVED)]
    assert wire(resent) == [(F.SYN | F.ACK, 1000, 5001, b"")]
    established = me.receive(from_peer(F.ACK, PEER_NEXT, MY_NEXT), 1.5)
    assert established.after.state is S.ESTABLISHED
    assert established.after.srtt is None and established.after.rto == 3.0


def test_in_a_simultaneous_open_the_timeout_resends_a_syn_ack() -> None:
    """Figure 7: our SYN (1000) is out when the peer's SYN (5000) arrives; we answer
    <SEQ=1000><ACK=5001><CTL=SYN,ACK> and enter SYN-RECEIVED. If that goes unanswered, the
    retransmission (t=1) is the SYN,ACK, acknowledging 5001, not the bare SYN."""
    me = endpoint()
    me.open_active(0.0)
    crossing = me.receive(from_peer(F.SYN, PEER_ISS, mss=100), 0.2)
    assert wire(crossing) == [(F.SYN | F.ACK, 1000, 5001, b"")]
    at, resent = _expire_at_deadline(me)
    assert at == 1.0
    assert wire(resent) == [(F.SYN | F.ACK, 1000, 5001, b"")]


# ------------------------------------------------------------------ fast retransmit
def _three_segments_out() -> TcpEndpoint:
    """"a"·100 at 1001, "b"·100 at 1101, "c"·100 at 1201 (PSH), all at t=1.0."""
    me = opened_actively()
    sent = me.send(b"a" * 100 + b"b" * 100 + b"c" * 100, 1.0)
    assert wire(sent) == [(F.ACK, 1001, 5001, b"a" * 100), (F.ACK, 1101, 5001, b"b" * 100),
                          (F.ACK | F.PSH, 1201, 5001, b"c" * 100)]
    return me


def _dup_ack(me: TcpEndpoint, at: float, ack: int = 1001, window: int = 1000) -> Reaction:
    return me.receive(from_peer(F.ACK, PEER_NEXT, ack, window=window), at)


def test_the_third_duplicate_ack_resends_the_segment_at_snd_una() -> None:
    """RFC 5681 §3.2: "The TCP sender SHOULD use the 'fast retransmit' algorithm to detect
    and repair loss, based on incoming duplicate ACKs ... After receiving 3 duplicate ACKs,
    TCP performs a retransmission of what appears to be the missing segment": the one at
    SND.UNA = 1001 ("a"), at once (t=1.3, before the t=2.0 deadline). The first two send
    nothing; a fourth does not resend again."""
    me = _three_segments_out()
    assert _dup_ack(me, 1.1).sent == ()
    assert _dup_ack(me, 1.2).sent == ()
    third = _dup_ack(me, 1.3)
    assert wire(third) == [(F.ACK, 1001, 5001, b"a" * 100)]
    assert third.retransmitted == (True,)
    assert "third duplicate ACK: fast retransmit (RFC 5681 §3.2)" in third.notes
    assert "duplicate ACK #3 for 1001" in third.notes
    assert third.after.snd_una == 1001 and third.after.snd_nxt == 1301
    assert _dup_ack(me, 1.35).sent == ()


def test_no_rtt_sample_comes_from_a_fast_retransmitted_segment() -> None:
    """Karn's rule (RFC 6298 §3) holds for a fast retransmission too: "a" was resent at
    t=1.3; the ACK of it alone (1101) at t=1.4 takes no sample: SRTT stays 0.1 s."""
    me = _three_segments_out()
    for at in (1.1, 1.2, 1.3):
        _dup_ack(me, at)
    acked = me.receive(from_peer(F.ACK, PEER_NEXT, 1101), 1.4)
    assert acked.after.snd_una == 1101
    assert acked.after.srtt == pytest.approx(0.1) and acked.after.rto == 1.0


def test_an_ack_that_changes_the_window_is_not_a_duplicate() -> None:
    """RFC 5681 §2, DUPLICATE ACKNOWLEDGMENT (e): "the advertised window in the incoming
    acknowledgment equals the advertised window in the last incoming acknowledgment". Two
    duplicates with window 1000, then one with 900: no fast retransmit."""
    me = _three_segments_out()
    _dup_ack(me, 1.1)
    _dup_ack(me, 1.2)
    assert _dup_ack(me, 1.3, window=900).sent == ()


def test_an_ack_carrying_data_is_not_a_duplicate() -> None:
    """RFC 5681 §2 (c): a duplicate ACK "carries no data". After two duplicates the peer
    sends "d" with ACK 1001: it is delivered and acknowledged (<SEQ=1301><ACK=5002>), and
    nothing is retransmitted."""
    me = _three_segments_out()
    _dup_ack(me, 1.1)
    _dup_ack(me, 1.2)
    reaction = me.receive(from_peer(F.ACK, PEER_NEXT, 1001, b"d"), 1.3)
    assert wire(reaction) == [(F.ACK, 1301, 5002, b"")]


def test_an_ack_carrying_a_fin_is_not_a_duplicate() -> None:
    """RFC 5681 §2 (d): "the SYN and FIN bits are both off". The third ACK of 1001 carries
    the peer's FIN: it is acknowledged (<SEQ=1301><ACK=5002>), nothing is resent."""
    me = _three_segments_out()
    _dup_ack(me, 1.1)
    _dup_ack(me, 1.2)
    reaction = me.receive(from_peer(F.FIN | F.ACK, PEER_NEXT, 1001), 1.3)
    assert wire(reaction) == [(F.ACK, 1301, 5002, b"")]
    assert reaction.after.state is S.CLOSE_WAIT


def test_acks_with_nothing_outstanding_are_not_duplicates() -> None:
    """RFC 5681 §2 (a): "the receiver of the ACK has outstanding data". Three bare ACKs of
    1001 with nothing sent change nothing; "z" sent afterwards is resent only after three
    more."""
    me = opened_actively()
    for at in (1.0, 1.1, 1.2):
        assert _dup_ack(me, at).sent == ()
    me.send(b"z", 1.3)
    assert _dup_ack(me, 1.4).sent == ()
    assert _dup_ack(me, 1.5).sent == ()
    assert wire(_dup_ack(me, 1.6)) == [(F.ACK | F.PSH, 1001, 5001, b"z")]  # PSH: last of the SEND


def test_a_new_ack_starts_the_duplicate_count_again() -> None:
    """Two duplicates of 1001, then a new ACK (1101: "a" arrived): the count restarts, so
    only the third duplicate of 1101 resends, and what it resends is "b" at 1101."""
    me = _three_segments_out()
    _dup_ack(me, 1.1)
    _dup_ack(me, 1.2)
    me.receive(from_peer(F.ACK, PEER_NEXT, 1101), 1.3)
    assert _dup_ack(me, 1.4, ack=1101).sent == ()
    assert _dup_ack(me, 1.5, ack=1101).sent == ()
    assert wire(_dup_ack(me, 1.6, ack=1101)) == [(F.ACK, 1101, 5001, b"b" * 100)]


def test_the_timer_still_resends_the_earliest_segment_after_a_fast_retransmit() -> None:
    """The fast retransmission does not restart the timer (RFC 5681 §3.2 leaves it to RFC
    6298): the deadline of t=2.0 set when "a" first left still holds, and its expiry resends
    "a" at 1001 again, RTO 1 → 2 s."""
    me = _three_segments_out()
    for at in (1.1, 1.2, 1.3):
        _dup_ack(me, at)
    at, reaction = _expire_at_deadline(me)
    assert at == pytest.approx(2.0)
    assert wire(reaction) == [(F.ACK, 1001, 5001, b"a" * 100)]
    assert reaction.after.rto == 2.0


def test_a_retransmission_carries_the_current_rcv_nxt() -> None:
    """The resent segment's ACK field is filled in when it is sent again (RCV.NXT now, not
    when it first left): after "hello" arrives (RCV.NXT = 5006), "a" is resent with ACK
    5006."""
    me = opened_actively()
    me.send(b"a" * 10, 1.0)
    me.receive(from_peer(F.ACK, PEER_NEXT, MY_NEXT, b"hello"), 1.5)
    _, reaction = _expire_at_deadline(me)
    assert wire(reaction) == [(F.ACK | F.PSH, 1001, 5006, b"a" * 10)]


def test_a_long_first_sample_sets_a_long_rto_and_the_learner_reads_the_arithmetic() -> None:
    """SYN at t=0, SYN,ACK at t=2.0: R = 2 s, SRTT = 2, RTTVAR = 1, RTO = 2 + 4·1 = 6 s. The
    notes say so in milliseconds, and how much sequence space the ACK covered (the SYN's 1)."""
    me = endpoint()
    me.open_active(0.0)
    reaction = me.receive(from_peer(F.SYN | F.ACK, PEER_ISS, 1001, mss=100), 2.0)
    assert reaction.after.rto == 6.0 and reaction.after.srtt == 2.0
    assert reaction.notes[:2] == (
        "RTT sample 2000 ms: RTO 1 s → 6 s (RFC 6298 §2, 1 s minimum)",
        "1 octet(s) of sequence space acknowledged; SND.UNA = 1001")


def test_the_user_timeout_counts_when_it_is_reached_exactly() -> None:
    """§3.8.3: give up when R2 is reached. With R2 = 14 s the resends come at t=2, 4, 8 (the
    first at t=2), and at t=16 the segment has been retransmitted for exactly 14 s: given up
    there, not at the next deadline."""
    me = opened_actively(r2_data=14.0)
    me.send(b"lost", 1.0)
    times = []
    while True:
        at, reaction = _expire_at_deadline(me)
        times.append(at)
        if reaction.transition.event is E.TIMEOUT_USER:
            break
    assert times == [2.0, 4.0, 8.0, 16.0]


def test_a_simultaneous_open_after_a_lost_syn_also_resets_the_rto_to_three_seconds() -> None:
    """RFC 6298 §5.7 on the simultaneous-open path: our SYN timed out at t=1 (RTO 2 s), the
    peer's SYN crosses at t=1.2 and its SYN,ACK arrives at t=1.5: ESTABLISHED with RTO 3 s
    and no RTT sample (the SYN was retransmitted)."""
    me = endpoint()
    me.open_active(0.0)
    _expire_at_deadline(me)
    me.receive(from_peer(F.SYN, PEER_ISS, mss=100), 1.2)
    done = me.receive(from_peer(F.SYN | F.ACK, PEER_ISS, 1001, mss=100), 1.5)
    assert done.after.state is S.ESTABLISHED
    assert done.after.rto == 3.0 and done.after.srtt is None


def test_first_transmissions_are_not_marked_as_retransmissions() -> None:
    """The ladder marks resent segments; the first copies of the data, the ACK and the FIN
    are not."""
    me = opened_actively()
    assert me.send(b"a" * 150, 1.0).retransmitted == (False, False)
    assert me.close(1.1).retransmitted == (False,)
    assert me.receive(from_peer(F.ACK, PEER_NEXT, MY_NEXT, b"x"), 1.2).retransmitted == (False,)
