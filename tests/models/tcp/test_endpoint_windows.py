"""The send window (SND.WND, SND.WL1, SND.WL2), segmenting to the MSS and the window we
advertise, with the values worked out by hand (the connection of ``by_hand``: after the
handshake SND.NXT = 1001, RCV.NXT = 5001, SND.WL1 = 5000, SND.WL2 = 1001).
"""

from __future__ import annotations

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
    opened_passively,
    wire,
)

S = TcpState
E = TcpEvent


def test_a_fresh_endpoint_shows_no_connection_variables() -> None:
    """§3.3.1: before OPEN there is no TCB: no ISS, no sequence variables, nothing in
    flight, RCV.WND as configured (65535), the initial RTO of 1 s (RFC 6298 §2.1)."""
    snap = endpoint().snapshot()
    assert snap.state is S.CLOSED
    assert (snap.iss, snap.irs, snap.snd_una, snap.snd_nxt, snap.rcv_nxt) == (
        None, None, None, None, None)
    assert (snap.snd_wnd, snap.rcv_wnd, snap.rto, snap.srtt, snap.retries) == (
        0, 65535, 1.0, None, 0)
    assert (snap.bytes_in_flight, snap.bytes_queued, snap.bytes_delivered) == (0, 0, 0)
    assert snap.retransmission_deadline is None and snap.time_wait_deadline is None


def test_the_syn_ack_sets_the_send_window_and_wl1_wl2() -> None:
    """§3.10.7.3, SYN-SENT: on the SYN,ACK "set SND.WND <- SEG.WND, SND.WL1 <- SEG.SEQ,
    SND.WL2 <- SEG.ACK": 4000, 5000, 1001. (RFC 5961 §5's MAX.SND.WND starts at 4000.)"""
    me = opened_actively(peer_window=4000)
    assert (me.snd_wnd, me.snd_wl1, me.snd_wl2, me.max_snd_wnd) == (4000, 5000, 1001, 4000)
    snap = me.snapshot()
    assert (snap.irs, snap.rcv_nxt, snap.snd_una, snap.snd_nxt, snap.snd_wnd) == (
        5000, 5001, 1001, 1001, 4000)


def test_the_peers_syn_sets_the_send_window_of_the_passive_side() -> None:
    """§3.10.7.2 / §3.10.7.4: the passive side learns SND.WND from the peer's SYN (window
    1000 here) and IRS = 5000, RCV.NXT = 5001; its SYN,ACK is <SEQ=1000><ACK=5001>."""
    me = endpoint()
    me.open_passive(0.0)
    reaction = me.receive(from_peer(F.SYN, PEER_ISS, window=1000, mss=100), 0.0)
    assert wire(reaction) == [(F.SYN | F.ACK, 1000, 5001, b"")]
    assert (me.snd_wnd, me.irs, me.rcv_nxt, me.snd_una, me.snd_nxt) == (
        1000, 5000, 5001, 1000, 1001)


def test_the_send_window_follows_the_wl1_wl2_rule() -> None:
    """§3.10.7.4 fifth check: "If (SND.WL1 < SEG.SEQ or (SND.WL1 = SEG.SEQ and SND.WL2 =<
    SEG.ACK)), set SND.WND <- SEG.WND, set SND.WL1 <- SEG.SEQ, and set SND.WL2 <- SEG.ACK"
    (so that an old segment cannot update the window). We send 300 octets (1001..1300).
    1. ACK 1301, seq 5001, window 3000: WL1 5000 < 5001: SND.WND = 3000, WL1 5001, WL2 1301.
    2. A delayed ACK 1101, seq 5001, window 5000: WL1 = SEG.SEQ but WL2 1301 > 1101: stale,
       SND.WND stays 3000.
    3. ACK 1301, seq 5001, window 0: WL1 = SEG.SEQ and WL2 =< 1301: SND.WND = 0."""
    me = opened_actively()
    me.send(b"s" * 300, 1.0)
    first = me.receive(from_peer(F.ACK, 5001, 1301, window=3000), 1.1)
    assert first.after.snd_wnd == 3000 and (me.snd_wl1, me.snd_wl2) == (5001, 1301)
    stale = me.receive(from_peer(F.ACK, 5001, 1101, window=5000), 1.2)
    assert stale.after.snd_wnd == 3000 and (me.snd_wl1, me.snd_wl2) == (5001, 1301)
    assert stale.after.snd_una == 1301  # an old ACK does not move SND.UNA back
    closed = me.receive(from_peer(F.ACK, 5001, 1301, window=0), 1.3)
    assert closed.after.snd_wnd == 0


def test_a_segment_older_than_wl1_does_not_update_the_window() -> None:
    """The peer's data "abc" at 5001 (window 600) updates WL1 to 5001; its duplicate ACK at
    5004 (window 700) to 5004. A resend "abcd" from 5001 (window 100) is acceptable, its "d"
    is new, but SEG.SEQ 5001 < WL1 5004: SND.WND stays 700 (§3.10.7.4: the check "prevents
    using old segments to update the window")."""
    me = opened_actively()
    me.receive(from_peer(F.ACK, 5001, MY_NEXT, b"abc", window=600), 1.0)
    me.receive(from_peer(F.ACK, 5004, MY_NEXT, window=700), 1.1)
    assert (me.snd_wnd, me.snd_wl1) == (700, 5004)
    me.receive(from_peer(F.ACK, 5001, MY_NEXT, b"abcd", window=100), 1.2)
    assert bytes(me.delivered) == b"abcd"
    assert me.snd_wnd == 700 and me.snd_wl1 == 5004


def test_data_is_cut_to_the_mss_and_held_back_by_the_peers_window() -> None:
    """§3.7.1 and §3.8.6: segments carry at most MSS = min(ours 1460, the peer's 100)
    octets and no more than SND.UNA + SND.WND − SND.NXT may be outstanding. Window 250, 400
    octets to send at t=1.0: 100 @1001, 100 @1101, 50 @1201, and 150 wait. PSH marks the
    last octet of the SEND, so none of these carry it."""
    me = opened_actively(peer_window=250)
    data = bytes(i % 251 for i in range(400))
    reaction = me.send(data, 1.0)
    assert wire(reaction) == [(F.ACK, 1001, 5001, data[:100]),
                              (F.ACK, 1101, 5001, data[100:200]),
                              (F.ACK, 1201, 5001, data[200:250])]
    assert reaction.after.bytes_in_flight == 250 and reaction.after.bytes_queued == 150
    assert reaction.after.snd_nxt == 1251
    assert "peer's window (250 bytes) is full: 150 bytes wait" in reaction.notes
    assert "400 bytes split into 3 segment(s) of at most MSS=100 bytes" in reaction.notes
    # ACK 1101: 150 in flight, room for 100 more: 1251..1350 (50 still wait, no PSH)
    second = me.receive(from_peer(F.ACK, PEER_NEXT, 1101, window=250), 1.1)
    assert wire(second) == [(F.ACK, 1251, 5001, data[250:350])]
    # ACK 1251: 100 in flight, room for 150: the last 50 go, with PSH
    third = me.receive(from_peer(F.ACK, PEER_NEXT, 1251, window=250), 1.2)
    assert wire(third) == [(F.ACK | F.PSH, 1351, 5001, data[350:])]
    assert third.after.snd_nxt == 1401 and third.after.bytes_queued == 0


def test_nothing_is_sent_into_a_zero_window_until_it_opens() -> None:
    """The peer's ACK (seq 5001 > WL1 5000) sets SND.WND = 0: "wait" (4 octets) stays
    queued. Its window update (seq 5001 = WL1, ack 1001 >= WL2) sets SND.WND = 1000, and the
    queued data goes out: <SEQ=1001><ACK=5001> "wait" with PSH."""
    me = opened_actively()
    me.receive(from_peer(F.ACK, PEER_NEXT, MY_NEXT, window=0), 0.5)
    blocked = me.send(b"wait", 1.0)
    assert blocked.sent == () and blocked.after.bytes_queued == 4
    assert "peer's window (0 bytes) is full: 4 bytes wait" in blocked.notes
    opened = me.receive(from_peer(F.ACK, PEER_NEXT, MY_NEXT, window=1000), 2.0)
    assert wire(opened) == [(F.ACK | F.PSH, 1001, 5001, b"wait")]
    assert opened.after.bytes_queued == 0 and opened.after.snd_nxt == 1005


def test_data_arriving_with_a_window_update_gets_its_ack_on_our_data() -> None:
    """Our "reply" waits behind the peer's zero window. The peer's "req" (5001..5003) opens
    the window to 1000: we deliver it and send "reply" at once, and that segment carries
    ACK 5004, so no separate bare ACK is sent (the ACK is piggybacked, §3.10.7.4 seventh
    check: "this acknowledgment should be piggybacked on a segment being transmitted")."""
    me = opened_actively()
    me.receive(from_peer(F.ACK, PEER_NEXT, MY_NEXT, window=0), 0.5)
    me.send(b"reply", 1.0)
    reaction = me.receive(from_peer(F.ACK | F.PSH, PEER_NEXT, MY_NEXT, b"req"), 1.5)
    assert wire(reaction) == [(F.ACK | F.PSH, 1001, 5004, b"reply")]
    assert bytes(me.delivered) == b"req"


def test_the_largest_window_the_peer_offered_bounds_how_old_an_ack_may_be() -> None:
    """RFC 5961 §5: MAX.SND.WND is "the largest window that the local sender has ever
    received from its peer". The SYN,ACK offered 1000; after 300 octets are acknowledged
    with window 200, SND.UNA = 1301 and MAX.SND.WND is still 1000: an ACK of 301 is
    acceptable (its data "ok" is delivered), 300 is not."""
    me = opened_actively()
    me.send(b"s" * 300, 1.0)
    me.receive(from_peer(F.ACK, PEER_NEXT, 1301, window=200), 1.1)
    assert me.snd_wnd == 200 and me.max_snd_wnd == 1000
    too_old = me.receive(from_peer(F.ACK, PEER_NEXT, 300, b"no"), 1.2)
    assert events(too_old) == [(S.ESTABLISHED, E.RCV_BAD_ACK, S.ESTABLISHED)]
    fine = me.receive(from_peer(F.ACK, PEER_NEXT, 301, b"ok"), 1.3)
    assert events(fine) == [(S.ESTABLISHED, E.RCV_SEGMENT, S.ESTABLISHED)]
    assert bytes(me.delivered) == b"ok"


def test_the_window_we_advertise_is_our_receive_window_on_every_segment() -> None:
    """§3.1: the Window field carries RCV.WND. With a receive window of 4321 the SYN, the
    handshake's ACK and a data segment all say 4321."""
    me = endpoint(window=4321)
    syn = me.open_active(0.0)
    ack = me.receive(from_peer(F.SYN | F.ACK, PEER_ISS, MY_NEXT, mss=100), 0.1)
    data = me.send(b"d", 0.2)
    assert [s.window for r in (syn, ack, data) for s in r.sent] == [4321, 4321, 4321]
    assert me.snapshot().rcv_wnd == 4321


def test_only_the_syn_carries_our_mss_option() -> None:
    """§3.7.1: the MSS option is sent only on SYN segments (MUST-14 "in every SYN"); here
    our MSS is 1200. The ACK and the data carry none."""
    me = endpoint(mss=1200)
    syn = me.open_active(0.0)
    ack = me.receive(from_peer(F.SYN | F.ACK, PEER_ISS, MY_NEXT, mss=100), 0.1)
    data = me.send(b"d", 0.2)
    assert syn.sent[0].mss == 1200
    assert [s.mss for r in (ack, data) for s in r.sent] == [None, None]


def test_segments_use_the_smaller_of_our_mss_and_the_peers() -> None:
    """§3.7.1: "the TCP endpoint ... MUST NOT send segments larger than ... the Effective
    Send MSS": the smaller of our MSS (80) and the peer's (100). 200 octets: 80, 80, 40."""
    me = opened_actively(mss=80)
    reaction = me.send(b"m" * 200, 1.0)
    assert [(s.seq, len(s.payload)) for s in reaction.sent] == [(1001, 80), (1081, 80),
                                                                 (1161, 40)]


def test_without_an_mss_option_the_peer_is_assumed_to_take_536_octets() -> None:
    """§3.7.1 (MUST-15): "If an MSS Option is not received at connection setup, TCP
    implementations MUST assume a default send MSS of 536". 600 octets: 536 + 64."""
    me = opened_actively(peer_mss=None, peer_window=65535)
    reaction = me.send(b"n" * 600, 1.0)
    assert [(s.seq, len(s.payload)) for s in reaction.sent] == [(1001, 536), (1537, 64)]


def test_the_passive_side_also_cuts_to_the_peers_mss() -> None:
    """The peer's SYN said MSS 100: the passive side's 150 octets go as 100 + 50."""
    me = opened_passively()
    reaction = me.send(b"p" * 150, 1.0)
    assert [(s.seq, len(s.payload)) for s in reaction.sent] == [(1001, 100), (1101, 50)]


def test_the_window_update_rule_compares_sequence_numbers_round_the_circle() -> None:
    """The peer's ISS is 3,000,000,000 (past 2**31): its SYN sets SND.WL1 = 3000000000 and
    SND.WND = 1000 (§3.10.7.2). The handshake's ACK, seq 3000000001 > WL1 on the sequence
    circle (§3.4), with window 2000, updates SND.WND to 2000."""
    me = endpoint()
    me.open_passive(0.0)
    me.receive(from_peer(F.SYN, 3_000_000_000, window=1000, mss=100), 0.0)
    assert (me.snd_wnd, me.snd_wl1) == (1000, 3_000_000_000)
    me.receive(from_peer(F.ACK, 3_000_000_001, MY_NEXT, window=2000), 0.1)
    assert me.snd_wnd == 2000 and me.snd_wl1 == 3_000_000_001


def test_the_window_in_the_peers_syn_counts_towards_max_snd_wnd() -> None:
    """RFC 5961 §5: MAX.SND.WND is the largest window ever received, the SYN's included.
    Passive side: SYN window 1000, then window 200 on every ACK. 200 octets (1001..1200)
    are acknowledged: SND.UNA = 1201, so ACK 201 (= 1201 − 1000) is acceptable, 200 not."""
    me = endpoint()
    me.open_passive(0.0)
    me.receive(from_peer(F.SYN, PEER_ISS, window=1000, mss=100), 0.0)
    me.receive(from_peer(F.ACK, PEER_NEXT, MY_NEXT, window=200), 0.1)
    me.send(b"s" * 200, 1.0)
    me.receive(from_peer(F.ACK, PEER_NEXT, 1201, window=200), 1.1)
    too_old = me.receive(from_peer(F.ACK, PEER_NEXT, 200, b"no"), 1.2)
    assert events(too_old) == [(S.ESTABLISHED, E.RCV_BAD_ACK, S.ESTABLISHED)]
    fine = me.receive(from_peer(F.ACK, PEER_NEXT, 201, b"ok"), 1.3)
    assert bytes(me.delivered) == b"ok" and wire(fine) == [(F.ACK, 1201, 5003, b"")]


def test_a_window_that_grew_raises_max_snd_wnd() -> None:
    """The SYN,ACK offered 1000; an ACK of 1301 offers 3000, the largest yet, and the next
    one only 100 (SND.WND = 100). SND.UNA − MAX.SND.WND = 1301 − 3000 = −1699 ≡ 4294965597
    (mod 2**32): an ACK that old is still acceptable (its "ok" is delivered), one octet
    older is not."""
    me = opened_actively()
    me.send(b"s" * 300, 1.0)
    me.receive(from_peer(F.ACK, PEER_NEXT, 1301, window=3000), 1.1)
    me.receive(from_peer(F.ACK, PEER_NEXT, 1301, window=100), 1.15)
    assert me.snd_wnd == 100
    too_old = me.receive(from_peer(F.ACK, PEER_NEXT, 4294965596, b"no"), 1.2)
    assert events(too_old) == [(S.ESTABLISHED, E.RCV_BAD_ACK, S.ESTABLISHED)]
    me.receive(from_peer(F.ACK, PEER_NEXT, 4294965597, b"ok"), 1.3)
    assert bytes(me.delivered) == b"ok"


def test_with_no_window_ever_offered_no_ack_below_snd_una_is_acceptable() -> None:
    """RFC 5961 §5 with MAX.SND.WND = 0 (the peer's SYN,ACK and every ACK say window 0):
    SND.UNA − 0 =< SEG.ACK, so ACK 1000 (one below SND.UNA = 1001) is answered with an ACK
    and its data dropped."""
    me = opened_actively(peer_window=0)
    reaction = me.receive(from_peer(F.ACK, PEER_NEXT, 1000, b"no", window=0), 1.0)
    assert events(reaction) == [(S.ESTABLISHED, E.RCV_BAD_ACK, S.ESTABLISHED)]
    assert wire(reaction) == [(F.ACK, 1001, 5001, b"")] and bytes(me.delivered) == b""


def test_a_window_with_room_for_one_octet_gets_one_octet() -> None:
    """Window 101, 102 octets to send: 100 @1001, then the 1 octet of room left @1101; the
    last octet waits (no PSH yet)."""
    me = opened_actively(peer_window=101)
    reaction = me.send(b"w" * 102, 1.0)
    assert [(s.flags, s.seq, len(s.payload)) for s in reaction.sent] == [
        (F.ACK, 1001, 100), (F.ACK, 1101, 1)]
    assert reaction.after.bytes_queued == 1
