"""What an established endpoint does with the segments that arrive (RFC 9293 §3.10.7.4).

The expected SEQ/ACK/delivered bytes are worked out by hand from the connection described
in ``by_hand`` (after the handshake SND.NXT = 1001, RCV.NXT = 5001) and the RFC's rules.
"""

from __future__ import annotations

import pytest

from simulator.models.tcp.states import TcpEvent, TcpState
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

# The reply to an unacceptable segment: <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK> (§3.10.7.4).
ACK_5001 = (F.ACK, MY_NEXT, PEER_NEXT, b"")


# ------------------------------------------------------------------ the acceptability test
# RCV.NXT = 5001 and RCV.WND = 1000, so the window is 5001 =< x < 6001.
@pytest.mark.parametrize(("seq", "acceptable"), [
    (5000, False),  # one before RCV.NXT
    (5001, True),   # RCV.NXT itself
    (6000, True),   # RCV.NXT + RCV.WND - 1, the last sequence number in the window
    (6001, False),  # RCV.NXT + RCV.WND, just beyond it
])
def test_an_empty_segment_is_acceptable_only_inside_the_receive_window(
        seq: int, acceptable: bool) -> None:
    """§3.10.7.4, case length 0, window > 0: RCV.NXT =< SEG.SEQ < RCV.NXT+RCV.WND. An
    acceptable bare ACK that acknowledges nothing new gets no answer; an unacceptable one is
    answered with <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK> and dropped."""
    me = opened_actively(window=1000)
    reaction = me.receive(from_peer(F.ACK, seq, MY_NEXT), 1.0)
    if acceptable:
        assert events(reaction) == [(S.ESTABLISHED, E.RCV_SEGMENT, S.ESTABLISHED)]
        assert reaction.sent == ()
    else:
        assert events(reaction) == [(S.ESTABLISHED, E.RCV_OUT_OF_WINDOW, S.ESTABLISHED)]
        assert wire(reaction) == [ACK_5001]


def test_data_ending_just_before_rcv_nxt_is_an_old_duplicate() -> None:
    """§3.10.7.4, length > 0, window > 0: neither the first octet (4996) nor the last (5000)
    lies in 5001..6000: not acceptable; ACK <SEQ=1001><ACK=5001>, nothing delivered."""
    me = opened_actively(window=1000)
    reaction = me.receive(from_peer(F.ACK, 4996, MY_NEXT, b"abcde"), 1.0)
    assert events(reaction) == [(S.ESTABLISHED, E.RCV_OUT_OF_WINDOW, S.ESTABLISHED)]
    assert wire(reaction) == [ACK_5001]
    assert bytes(me.delivered) == b"" and me.rcv_nxt == 5001


def test_data_whose_last_octet_reaches_rcv_nxt_delivers_only_that_octet() -> None:
    """§3.10.7.4: 4996..5001 has its last octet (SEG.SEQ+SEG.LEN-1 = 5001) in the window, so
    it is acceptable; the part before RCV.NXT is trimmed ("only the new parts should be
    processed"): the application gets "f", RCV.NXT = 5002, ACK 5002."""
    me = opened_actively(window=1000)
    reaction = me.receive(from_peer(F.ACK, 4996, MY_NEXT, b"abcdef"), 1.0)
    assert bytes(me.delivered) == b"f"
    assert reaction.after.rcv_nxt == 5002
    assert wire(reaction) == [(F.ACK, 1001, 5002, b"")]


def test_one_octet_at_the_last_place_in_the_window_is_held_until_the_gap_fills() -> None:
    """§3.10.7.4: an octet at 6000 = RCV.NXT+RCV.WND-1 is acceptable; it lies beyond RCV.NXT,
    so it is held (SHLD-31) and a duplicate ACK repeats 5001 (RFC 5681 §4.2). When the 999
    octets 5001..5999 arrive, all 1000 are delivered: RCV.NXT = 6001."""
    me = opened_actively(window=1000)
    held = me.receive(from_peer(F.ACK, 6000, MY_NEXT, b"z"), 1.0)
    assert events(held) == [(S.ESTABLISHED, E.RCV_SEGMENT, S.ESTABLISHED)]
    assert wire(held) == [ACK_5001]
    assert bytes(me.delivered) == b""
    filled = me.receive(from_peer(F.ACK, 5001, MY_NEXT, b"y" * 999), 1.1)
    assert bytes(me.delivered) == b"y" * 999 + b"z"
    assert wire(filled) == [(F.ACK, 1001, 6001, b"")]


def test_data_starting_beyond_the_window_is_not_acceptable() -> None:
    """§3.10.7.4: SEG.SEQ = 6001 = RCV.NXT+RCV.WND: no octet in the window. ACK 5001; the
    octet is not held (filling the gap later delivers only the gap)."""
    me = opened_actively(window=1000)
    reaction = me.receive(from_peer(F.ACK, 6001, MY_NEXT, b"z"), 1.0)
    assert events(reaction) == [(S.ESTABLISHED, E.RCV_OUT_OF_WINDOW, S.ESTABLISHED)]
    assert wire(reaction) == [ACK_5001]
    filled = me.receive(from_peer(F.ACK, 5001, MY_NEXT, b"y" * 1000), 1.1)
    assert bytes(me.delivered) == b"y" * 1000
    assert wire(filled) == [(F.ACK, 1001, 6001, b"")]


# ------------------------------------------------------------------ a zero receive window
def test_data_arriving_into_a_zero_window_is_not_accepted_and_is_acked() -> None:
    """§3.10.7.4, length > 0 and RCV.WND = 0: "not acceptable" ("If the RCV.WND is zero, no
    segments will be acceptable"); the answer is <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>, which
    still says RCV.NXT = 5001 and window 0. Nothing reaches the application."""
    me = opened_actively(window=0)
    reaction = me.receive(from_peer(F.ACK | F.PSH, 5001, MY_NEXT, b"data"), 1.0)
    assert events(reaction) == [(S.ESTABLISHED, E.RCV_OUT_OF_WINDOW, S.ESTABLISHED)]
    assert wire(reaction) == [ACK_5001]
    assert reaction.sent[0].window == 0
    assert bytes(me.delivered) == b"" and reaction.after.rcv_nxt == 5001


def test_a_bare_ack_at_rcv_nxt_is_processed_even_with_a_zero_window() -> None:
    """§3.10.7.4, length 0 and RCV.WND = 0: acceptable if SEG.SEQ = RCV.NXT ("special
    allowance should be made to accept valid ACKs"). Our 5 octets 1001..1005 are then
    acknowledged: SND.UNA = 1006, and a bare ACK is not answered."""
    me = opened_actively(window=0)
    me.send(b"hello", 1.0)
    reaction = me.receive(from_peer(F.ACK, 5001, 1006), 1.2)
    assert reaction.after.snd_una == 1006
    assert reaction.sent == ()


def test_a_bare_ack_past_rcv_nxt_is_not_acceptable_with_a_zero_window() -> None:
    """§3.10.7.4, length 0 and RCV.WND = 0: the test is SEG.SEQ = RCV.NXT exactly; 5002 is
    answered with ACK 5001."""
    me = opened_actively(window=0)
    reaction = me.receive(from_peer(F.ACK, 5002, MY_NEXT), 1.0)
    assert events(reaction) == [(S.ESTABLISHED, E.RCV_OUT_OF_WINDOW, S.ESTABLISHED)]
    assert wire(reaction) == [ACK_5001]


def test_a_reset_at_rcv_nxt_is_processed_even_with_a_zero_window() -> None:
    """§3.10.7.4: RSTs are accepted with a zero window too; SEG.SEQ = RCV.NXT exactly resets
    the connection (RFC 5961 §3.2). One further (5002) is outside the window: dropped."""
    me = opened_actively(window=0)
    ignored = me.receive(from_peer(F.RST, 5002), 1.0)
    assert ignored.sent == () and ignored.after.state is S.ESTABLISHED
    reset = me.receive(from_peer(F.RST, 5001), 1.1)
    assert reset.after.state is S.CLOSED and reset.sent == ()


# ------------------------------------------------------------------ RST: RFC 5961 §3.2
@pytest.mark.parametrize(("seq", "answer"), [
    (5000, "dropped"),    # before RCV.NXT: outside the window
    (5001, "reset"),      # exactly RCV.NXT
    (5002, "challenge"),  # in the window, not exact
    (6000, "challenge"),  # RCV.NXT + RCV.WND - 1
    (6001, "dropped"),    # RCV.NXT + RCV.WND
])
def test_a_reset_counts_only_at_exactly_rcv_nxt(seq: int, answer: str) -> None:
    """RFC 5961 §3.2 (adopted by RFC 9293 §3.10.7.4, second check): "If the RST bit is set
    and the sequence number exactly matches the next expected sequence number (RCV.NXT),
    then TCP MUST reset the connection"; "If the RST bit is set and the sequence number does
    not exactly match ... but is within the current receive window, TCP MUST send an
    acknowledgment (challenge ACK)": <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>; outside the
    window it is silently dropped. RCV.WND = 1000."""
    me = opened_actively(window=1000)
    reaction = me.receive(from_peer(F.RST, seq), 1.0)
    if answer == "reset":
        assert reaction.after.state is S.CLOSED and reaction.sent == ()
        assert "connection reset by peer" in reaction.notes
        assert reaction.after.rcv_nxt is None and reaction.after.snd_una is None  # TCB gone
    elif answer == "challenge":
        assert reaction.after.state is S.ESTABLISHED
        assert wire(reaction) == [ACK_5001]
    else:
        assert reaction.after.state is S.ESTABLISHED and reaction.sent == ()


# ------------------------------------------------------------------ delivery and its ACKs
def test_in_order_data_is_delivered_and_acknowledged_at_once() -> None:
    """§3.10.7.4 seventh check: the text goes to the application, RCV.NXT advances by its
    length (5001 + 5 = 5006) and an ACK <SEQ=SND.NXT><ACK=RCV.NXT> is sent (no delayed
    ACK in the model); it advertises our window (65535 by default)."""
    me = opened_actively()
    reaction = me.receive(from_peer(F.ACK | F.PSH, 5001, MY_NEXT, b"hello"), 1.0)
    assert bytes(me.delivered) == b"hello"
    assert reaction.after.rcv_nxt == 5006 and reaction.after.bytes_delivered == 5
    assert wire(reaction) == [(F.ACK, 1001, 5006, b"")]
    assert reaction.sent[0].window == 65535
    assert reaction.notes == ("5 bytes delivered to the application; RCV.NXT = 5006",)


def test_out_of_order_data_is_held_and_each_arrival_gets_a_duplicate_ack() -> None:
    """"abc" 5001..5003, "def" 5004..5006, "ghi" 5007..5009; "def" and "ghi" come first.
    Each is held (§3.10.7.4, SHLD-31) and answered with ACK 5001 at once (RFC 5681 §4.2: a
    duplicate ACK "SHOULD be sent immediately" for an out-of-order segment). "abc" fills the
    gap: all nine octets go up in order and the ACK jumps to 5010."""
    me = opened_actively()
    first = me.receive(from_peer(F.ACK, 5004, MY_NEXT, b"def"), 1.0)
    second = me.receive(from_peer(F.ACK, 5007, MY_NEXT, b"ghi"), 1.1)
    assert wire(first) == [ACK_5001] and wire(second) == [ACK_5001]
    assert first.notes == ("out of order: expected 5001, got 5004; held, and the ACK "
                           "repeats RCV.NXT (a duplicate ACK)",)
    assert bytes(me.delivered) == b"" and me.rcv_nxt == 5001
    filled = me.receive(from_peer(F.ACK, 5001, MY_NEXT, b"abc"), 1.2)
    assert bytes(me.delivered) == b"abcdefghi"
    assert wire(filled) == [(F.ACK, 1001, 5010, b"")]
    assert filled.after.bytes_delivered == 9
    assert filled.notes == ("3 bytes delivered to the application; RCV.NXT = 5004",
                            "3 held out-of-order bytes now delivered",
                            "3 held out-of-order bytes now delivered")


def test_a_retransmission_overlapping_received_data_delivers_only_the_new_octets() -> None:
    """"abc" (5001..5003) arrived; the peer resends "abcdef" from 5001. Its last octet is in
    the window, so it is acceptable, and only "def" is new (§3.10.7.4: "only the new parts
    should be processed"): RCV.NXT = 5007."""
    me = opened_actively()
    me.receive(from_peer(F.ACK, 5001, MY_NEXT, b"abc"), 1.0)
    reaction = me.receive(from_peer(F.ACK, 5001, MY_NEXT, b"abcdef"), 1.1)
    assert bytes(me.delivered) == b"abcdef"
    assert wire(reaction) == [(F.ACK, 1001, 5007, b"")]


def test_an_exact_duplicate_of_delivered_data_is_dropped_with_an_ack() -> None:
    """"abc" at 5001 again after RCV.NXT = 5004: its octets 5001..5003 all lie before the
    window: not acceptable, ACK <SEQ=1001><ACK=5004>; nothing is delivered twice."""
    me = opened_actively()
    me.receive(from_peer(F.ACK, 5001, MY_NEXT, b"abc"), 1.0)
    reaction = me.receive(from_peer(F.ACK, 5001, MY_NEXT, b"abc"), 1.1)
    assert events(reaction) == [(S.ESTABLISHED, E.RCV_OUT_OF_WINDOW, S.ESTABLISHED)]
    assert wire(reaction) == [(F.ACK, 1001, 5004, b"")]
    assert bytes(me.delivered) == b"abc"


def test_data_without_the_ack_bit_is_dropped_silently() -> None:
    """§3.10.7.4 fifth check: "if the ACK bit is off, drop the segment and return". The
    sequence number is fine (5001) but nothing is delivered or sent."""
    me = opened_actively()
    reaction = me.receive(from_peer(F.PSH, 5001, 0, b"no ack"), 1.0)
    assert reaction.sent == () and bytes(me.delivered) == b""
    assert reaction.after.rcv_nxt == 5001 and reaction.after.state is S.ESTABLISHED
    assert reaction.notes == ("segment without ACK dropped",)


def test_a_syn_inside_the_window_gets_a_challenge_ack() -> None:
    """RFC 5961 §4 (RFC 9293 §3.10.7.4 fourth check): a SYN on a synchronized connection,
    in window or not, is answered with a challenge ACK <SEQ=SND.NXT><ACK=RCV.NXT> and
    dropped; the connection stays."""
    me = opened_actively()
    reaction = me.receive(from_peer(F.SYN, 5100), 1.0)
    assert events(reaction) == [(S.ESTABLISHED, E.RCV_SYN, S.ESTABLISHED)]
    assert wire(reaction) == [ACK_5001]


def test_an_ack_of_data_never_sent_is_answered_and_its_data_dropped() -> None:
    """§3.10.7.4 fifth check, ESTABLISHED: "If the ACK acks something not yet sent (SEG.ACK >
    SND.NXT), then send an ACK, drop the segment, and return." SND.NXT = 1001; ACK 1002 with
    "x" delivers nothing; ACK 1001 (= SND.NXT) is fine and "x" is delivered."""
    me = opened_actively()
    bad = me.receive(from_peer(F.ACK, 5001, 1002, b"x"), 1.0)
    assert events(bad) == [(S.ESTABLISHED, E.RCV_BAD_ACK, S.ESTABLISHED)]
    assert wire(bad) == [ACK_5001] and bytes(me.delivered) == b""
    good = me.receive(from_peer(F.ACK, 5001, 1001, b"x"), 1.1)
    assert wire(good) == [(F.ACK, 1001, 5002, b"")] and bytes(me.delivered) == b"x"


def test_an_ack_as_old_as_the_largest_window_allows_is_still_accepted() -> None:
    """RFC 5961 §5: acceptable if SND.UNA − MAX.SND.WND =< SEG.ACK. We sent 300 octets
    (1001..1300) and the peer acknowledged them all: SND.UNA = 1301. MAX.SND.WND is the
    peer's 1000, so an ACK of 301 is the oldest acceptable (its data is delivered) and 300
    is too old (ACK sent back, data dropped)."""
    me = opened_actively()
    me.send(b"a" * 300, 1.0)
    me.receive(from_peer(F.ACK, 5001, 1301), 1.1)
    too_old = me.receive(from_peer(F.ACK, 5001, 300, b"old"), 1.2)
    assert events(too_old) == [(S.ESTABLISHED, E.RCV_BAD_ACK, S.ESTABLISHED)]
    assert wire(too_old) == [(F.ACK, 1301, 5001, b"")] and bytes(me.delivered) == b""
    oldest = me.receive(from_peer(F.ACK, 5001, 301, b"ok"), 1.3)
    assert bytes(me.delivered) == b"ok"
    assert wire(oldest) == [(F.ACK, 1301, 5003, b"")]


# ------------------------------------------------------------------ the peer's FIN
def test_the_peers_fin_is_acknowledged_and_later_data_is_ignored() -> None:
    """§3.10.7.4 eighth check: the FIN at 5001 takes RCV.NXT to 5002 (a FIN occupies one
    sequence number), ACK 5002, CLOSE-WAIT. Seventh check in CLOSE-WAIT: "This should not
    occur since a FIN has been received from the remote side. Ignore the segment text."
    Data at 5002 is neither delivered nor acknowledged."""
    me = opened_actively()
    fin = me.receive(from_peer(F.FIN | F.ACK, 5001, MY_NEXT), 1.0)
    assert events(fin) == [(S.ESTABLISHED, E.RCV_FIN, S.CLOSE_WAIT)]
    assert wire(fin) == [(F.ACK, 1001, 5002, b"")]
    late = me.receive(from_peer(F.ACK, 5002, MY_NEXT, b"late"), 1.1)
    assert late.sent == () and bytes(me.delivered) == b""
    assert late.notes == ("data after the peer's FIN is ignored",)
    assert late.after.rcv_nxt == 5002 and late.after.state is S.CLOSE_WAIT


def test_a_retransmitted_fin_in_close_wait_is_answered_with_an_ack() -> None:
    """The FIN at 5001 again (our ACK was lost): it lies wholly before RCV.NXT = 5002, so it
    is not acceptable and is answered <SEQ=1001><ACK=5002> (§3.10.7.4 first check)."""
    me = opened_actively()
    me.receive(from_peer(F.FIN | F.ACK, 5001, MY_NEXT), 1.0)
    again = me.receive(from_peer(F.FIN | F.ACK, 5001, MY_NEXT), 1.5)
    assert events(again) == [(S.CLOSE_WAIT, E.RCV_OUT_OF_WINDOW, S.CLOSE_WAIT)]
    assert wire(again) == [(F.ACK, 1001, 5002, b"")]


def test_a_fin_with_data_after_a_gap_waits_for_the_gap() -> None:
    """"abc" (5001..5003) is lost; "def" with FIN arrives (data 5004..5006, FIN 5007). Held
    (SHLD-31), duplicate ACK 5001, still ESTABLISHED. When "abc" arrives, "abcdef" goes up,
    the FIN is processed: RCV.NXT = 5008, ACK 5008, CLOSE-WAIT."""
    me = opened_actively()
    early = me.receive(from_peer(F.FIN | F.ACK, 5004, MY_NEXT, b"def"), 1.0)
    assert wire(early) == [ACK_5001] and early.after.state is S.ESTABLISHED
    assert "the FIN arrived out of order (expected 5001, got 5004): held until the gap " \
        "fills; the duplicate ACK repeats RCV.NXT" in early.notes
    filled = me.receive(from_peer(F.ACK, 5001, MY_NEXT, b"abc"), 1.1)
    assert bytes(me.delivered) == b"abcdef"
    assert wire(filled) == [(F.ACK, 1001, 5008, b"")]
    assert filled.after.state is S.CLOSE_WAIT
    assert filled.notes[-2:] == (
        "the gap is filled: the FIN held since it arrived out of order is processed now",
        "end of the peer's data stream (FIN consumes one sequence number)")


def test_data_keeps_arriving_after_our_fin_in_fin_wait_2() -> None:
    """Half-close: after our FIN (1001) is acknowledged we are in FIN-WAIT-2 and the peer may
    still send (§3.10.7.4 seventh check, FIN-WAIT-2 processes text). "more" at 5001 is
    delivered and acknowledged <SEQ=1002><ACK=5005> (our FIN took 1001)."""
    me = opened_actively()
    me.close(1.0)
    me.receive(from_peer(F.ACK, 5001, 1002), 1.1)
    assert me.state is S.FIN_WAIT_2
    reaction = me.receive(from_peer(F.ACK, 5001, 1002, b"more"), 1.2)
    assert bytes(me.delivered) == b"more"
    assert wire(reaction) == [(F.ACK, 1002, 5005, b"")]


def test_a_resent_fin_carrying_data_already_received_still_closes_the_peers_side() -> None:
    """"abc" (5001..5003) arrived alone; the peer resends it with its FIN (5004) in one
    segment. §3.10.7.4: trim off what lies before RCV.NXT "and only process further if the
    segment then begins at RCV.NXT": what remains is the FIN at 5004. RCV.NXT = 5005, ACK
    5005, CLOSE-WAIT. (The model used to acknowledge the data again and drop the FIN.)"""
    me = opened_actively()
    me.receive(from_peer(F.ACK, 5001, MY_NEXT, b"abc"), 1.0)
    reaction = me.receive(from_peer(F.FIN | F.ACK, 5001, MY_NEXT, b"abc"), 1.1)
    assert events(reaction) == [(S.ESTABLISHED, E.RCV_FIN, S.CLOSE_WAIT)]
    assert wire(reaction) == [(F.ACK, 1001, 5005, b"")]
    assert bytes(me.delivered) == b"abc"
    assert reaction.notes == ("duplicate data (already received); acknowledged again",
                              "end of the peer's data stream (FIN consumes one sequence "
                              "number)")


def test_a_fin_after_partly_received_data_delivers_the_rest_then_closes() -> None:
    """"abc" arrived; "abcdef" + FIN comes: "def" is new (5004..5006), the FIN is at 5007.
    RCV.NXT = 5008 after data and FIN; ACK 5008; CLOSE-WAIT (§3.10.7.4 seventh, eighth)."""
    me = opened_actively()
    me.receive(from_peer(F.ACK, 5001, MY_NEXT, b"abc"), 1.0)
    reaction = me.receive(from_peer(F.FIN | F.ACK, 5001, MY_NEXT, b"abcdef"), 1.1)
    assert bytes(me.delivered) == b"abcdef"
    assert wire(reaction) == [(F.ACK, 1001, 5008, b"")]
    assert reaction.after.state is S.CLOSE_WAIT


def test_a_bare_fin_beyond_rcv_nxt_is_held_and_answered_with_a_duplicate_ack() -> None:
    """A FIN alone at 5004 while 5001..5003 are missing: held (SHLD-31) and answered at once
    with ACK 5001 (RFC 5681 §4.2), though it carries no data; "abc" then closes: ACK 5005."""
    me = opened_actively()
    early = me.receive(from_peer(F.FIN | F.ACK, 5004, MY_NEXT), 1.0)
    assert wire(early) == [ACK_5001] and early.after.state is S.ESTABLISHED
    filled = me.receive(from_peer(F.ACK, 5001, MY_NEXT, b"abc"), 1.1)
    assert wire(filled) == [(F.ACK, 1001, 5005, b"")]
    assert filled.after.state is S.CLOSE_WAIT


def test_a_held_fin_waits_while_any_gap_remains() -> None:
    """"abc" 5001..5003 is missing; "ghi" with FIN (5007..5009, FIN 5010) and then "def"
    (5004..5006) arrive: "def" closes the gap between itself and "ghi" but not the one
    before RCV.NXT, so the FIN still waits (ACK 5001). "abc" then delivers all nine octets
    and the FIN: ACK 5011, CLOSE-WAIT."""
    me = opened_actively()
    me.receive(from_peer(F.FIN | F.ACK, 5007, MY_NEXT, b"ghi"), 1.0)
    middle = me.receive(from_peer(F.ACK, 5004, MY_NEXT, b"def"), 1.1)
    assert wire(middle) == [ACK_5001] and middle.after.state is S.ESTABLISHED
    filled = me.receive(from_peer(F.ACK, 5001, MY_NEXT, b"abc"), 1.2)
    assert bytes(me.delivered) == b"abcdefghi"
    assert wire(filled) == [(F.ACK, 1001, 5011, b"")]
    assert filled.after.state is S.CLOSE_WAIT


@pytest.mark.parametrize(("state", "after"), [("FIN-WAIT-1", S.CLOSING),
                                              ("FIN-WAIT-2", S.TIME_WAIT)])
def test_an_out_of_order_fin_after_our_close_is_held_too(state: str, after: S) -> None:
    """SHLD-31 holds in FIN-WAIT-1 and FIN-WAIT-2 as well: the peer's FIN at 5004 with
    5001..5003 missing is held (duplicate ACK <SEQ=1002><ACK=5001>); "abc" then brings
    RCV.NXT to the FIN: FIN-WAIT-1 → CLOSING (our FIN not yet acknowledged), FIN-WAIT-2 →
    TIME-WAIT, each acknowledging 5005."""
    me = opened_actively()
    me.close(1.0)
    ack = MY_NEXT
    if state == "FIN-WAIT-2":
        ack = 1002
        me.receive(from_peer(F.ACK, 5001, ack), 1.1)
    assert me.state.rfc_name == state
    early = me.receive(from_peer(F.FIN | F.ACK, 5004, ack), 1.2)
    assert wire(early) == [(F.ACK, 1002, 5001, b"")] and early.after.state.rfc_name == state
    filled = me.receive(from_peer(F.ACK, 5001, ack, b"abc"), 1.3)
    assert filled.after.state is after
    assert wire(filled) == [(F.ACK, 1002, 5005, b"")]


def test_data_still_arrives_in_fin_wait_1() -> None:
    """§3.10.7.4 seventh check processes text in FIN-WAIT-1: "more" at 5001 after our FIN
    (1001) is delivered and acknowledged <SEQ=1002><ACK=5005>."""
    me = opened_actively()
    me.close(1.0)
    reaction = me.receive(from_peer(F.ACK, 5001, MY_NEXT, b"more"), 1.1)
    assert bytes(me.delivered) == b"more"
    assert wire(reaction) == [(F.ACK, 1002, 5005, b"")]
    assert reaction.after.state is S.FIN_WAIT_1


def test_data_on_the_fin_that_acknowledges_ours_is_delivered() -> None:
    """FIN-WAIT-1, the peer's FIN,ACK 1002 carries "bye" (5001..5003, FIN 5004): the text
    (seventh check) is delivered before the FIN (eighth) takes us to TIME-WAIT; ACK 5005."""
    me = opened_actively()
    me.close(1.0)
    reaction = me.receive(from_peer(F.FIN | F.ACK, 5001, 1002, b"bye"), 1.1)
    assert bytes(me.delivered) == b"bye"
    assert wire(reaction) == [(F.ACK, 1002, 5005, b"")]
    assert reaction.after.state is S.TIME_WAIT


def test_urgent_data_is_delivered_in_line() -> None:
    """The urgent pointer is not modelled: URG data is delivered with the rest (RFC 6093 §4
    recommends applications not rely on out-of-band urgent data), and the learner is told."""
    me = opened_actively()
    reaction = me.receive(from_peer(F.URG | F.ACK, 5001, MY_NEXT, b"!"), 1.0)
    assert bytes(me.delivered) == b"!"
    assert wire(reaction) == [(F.ACK, 1001, 5002, b"")]
    assert "URG is set: the urgent data is delivered in line with the rest (the urgent " \
        "pointer is not modelled; RFC 6093 §4)" in reaction.notes


def test_an_ignored_reset_does_not_acknowledge_anything() -> None:
    """An RST outside the window is dropped whole (RFC 5961 §3.2): its ACK field (1006, all
    our "hello") is not processed, SND.UNA stays 1001 and the data stays outstanding."""
    me = opened_actively(window=1000)
    me.send(b"hello", 1.0)
    reaction = me.receive(from_peer(F.RST | F.ACK, 7000, 1006), 1.1)
    assert reaction.sent == () and reaction.notes == ()
    assert reaction.after.snd_una == 1001 and reaction.after.bytes_in_flight == 5


def test_a_one_octet_window_accepts_one_octet_at_rcv_nxt() -> None:
    """§3.10.7.4, length > 0, RCV.WND = 1: RCV.NXT =< SEG.SEQ < RCV.NXT+1, so "x" at 5001
    is acceptable (ACK 5002); "y" at 5003 (beyond the new window 5002) is not."""
    me = opened_actively(window=1)
    accepted = me.receive(from_peer(F.ACK, 5001, MY_NEXT, b"x"), 1.0)
    assert wire(accepted) == [(F.ACK, 1001, 5002, b"")] and bytes(me.delivered) == b"x"
    refused = me.receive(from_peer(F.ACK, 5003, MY_NEXT, b"y"), 1.1)
    assert events(refused) == [(S.ESTABLISHED, E.RCV_OUT_OF_WINDOW, S.ESTABLISHED)]


def test_a_resend_that_carries_the_held_fin_itself_is_not_reported_as_the_held_one() -> None:
    """"def" + FIN (FIN at 5007) is held while "abc" is missing. The peer then resends
    everything, "abcdef" + FIN from 5001: the FIN in this very segment is processed (CLOSE-
    WAIT, ACK 5008), and the learner is told of the end of the stream, not of a held FIN
    released by a filled gap."""
    me = opened_actively()
    me.receive(from_peer(F.FIN | F.ACK, 5004, MY_NEXT, b"def"), 1.0)
    resent = me.receive(from_peer(F.FIN | F.ACK, 5001, MY_NEXT, b"abcdef"), 1.1)
    assert wire(resent) == [(F.ACK, 1001, 5008, b"")]
    assert resent.after.state is S.CLOSE_WAIT and bytes(me.delivered) == b"abcdef"
    assert "end of the peer's data stream (FIN consumes one sequence number)" in resent.notes
    assert not any(n.startswith("the gap is filled") for n in resent.notes)
