"""The small arithmetic under the endpoint, checked against numbers worked out by hand: the
RFC 6298 estimator, sequence-number comparison modulo 2**32 (RFC 9293 §3.4) and the
segment labels a learner reads on the ladder.
"""

from __future__ import annotations

import pytest

from simulator.models.tcp.rto import RtoEstimator
from simulator.models.tcp.segment import Flags, Segment, flags_label, scaled_window, segment_label
from simulator.models.tcp.sequence import seq_add, seq_in_window, seq_le, seq_lt, seq_sub

F = Flags


# ------------------------------------------------------------------ RFC 6298
def test_the_rto_starts_at_one_second() -> None:
    """§2.1: "Until a round-trip time (RTT) measurement has been made ... the sender SHOULD
    set RTO <- 1 second"."""
    est = RtoEstimator()
    assert (est.rto, est.srtt, est.rttvar) == (1.0, None, None)


def test_the_clock_granularity_bounds_the_variance_term() -> None:
    """§2.3: RTO = SRTT + max(G, K·RTTVAR), G = 1 ms here. 31 samples of 1.5 s: SRTT stays
    1.5 (7/8·1.5 + 1/8·1.5), RTTVAR = 0.75·0.75**30 (each identical sample multiplies it by
    3/4), so K·RTTVAR = 3·0.75**30 ≈ 0.000536 s < G: RTO = 1.5 + 0.001 = 1.501 s."""
    est = RtoEstimator()
    for _ in range(31):
        est.sample(1.5)
    assert est.srtt == 1.5
    assert est.rttvar == pytest.approx(0.75 * 0.75**30)
    assert est.rto == pytest.approx(1.501)


def test_the_rto_is_capped_at_sixty_seconds() -> None:
    """§2.5: "A maximum value MAY be placed on RTO provided it is at least 60 seconds". R =
    30 s: SRTT + 4·RTTVAR = 30 + 60 = 90 s, capped to 60 s."""
    est = RtoEstimator()
    est.sample(30.0)
    assert est.rto == 60.0


def test_backing_off_doubles_up_to_the_cap() -> None:
    """§5.5: RTO <- RTO · 2, and §2.5's maximum still holds: 1, 2, 4, 8, 16, 32, 60, 60."""
    est = RtoEstimator()
    seen = []
    for _ in range(7):
        est.back_off()
        seen.append(est.rto)
    assert seen == [2.0, 4.0, 8.0, 16.0, 32.0, 60.0, 60.0]


# ------------------------------------------------------------------ RFC 9293 §3.4
@pytest.mark.parametrize(("a", "b", "less"), [
    (0, 1, True),
    (1, 0, False),
    (5, 5, False),
    (0, 2**31 - 1, True),        # just under half-way round: b is ahead
    (0, 2**31, False),           # exactly half-way: not "before"
    (2**32 - 1, 0, True),        # wrapping: 4294967295 comes just before 0
    (10, 2**32 - 10, False),     # 2**32 − 10 is 20 behind 10
])
def test_sequence_numbers_compare_round_the_circle(a: int, b: int, less: bool) -> None:
    assert seq_lt(a, b) is less
    assert seq_le(a, b) is (less or a == b)


def test_sequence_arithmetic_wraps_at_two_to_the_32() -> None:
    assert seq_add(2**32 - 1, 1) == 0
    assert seq_add(2**32 - 2, 5) == 3
    assert seq_sub(3, 2**32 - 2) == 5
    assert seq_sub(2**32 - 2, 3) == 2**32 - 5


@pytest.mark.parametrize(("x", "inside"), [
    (2**32 - 10, True),   # the window's first number
    (5, True),            # 15 after the start, the last one (size 16)
    (6, False),           # 16 after the start: just beyond
    (2**32 - 11, False),  # just before the start
])
def test_the_receive_window_spans_the_wrap(x: int, inside: bool) -> None:
    """§3.10.7.4's RCV.NXT =< x < RCV.NXT + RCV.WND with RCV.NXT = 2**32 − 10, RCV.WND = 16:
    the window is 4294967286 .. 4294967295, 0 .. 5."""
    assert seq_in_window(x, 2**32 - 10, 16) is inside


# ------------------------------------------------------------------ segment labels
@pytest.mark.parametrize(("flags", "label"), [
    (F.SYN | F.ACK, "SYN, ACK"),
    (F.FIN | F.PSH | F.ACK, "FIN, PSH, ACK"),
    (F.RST | F.ACK, "RST, ACK"),
    (F.URG | F.ACK, "ACK, URG"),
    (F.NONE, "none"),
])
def test_flags_are_named_in_wiresharks_order(flags: Flags, label: str) -> None:
    assert flags_label(flags) == label


def test_a_segment_label_shows_the_ack_only_when_the_ack_bit_is_set() -> None:
    """§3.1: the Acknowledgment Number field is meaningful only with ACK set."""
    assert segment_label(F.SYN | F.ACK, 0, 1, 0) == "[SYN, ACK] seq=0 ack=1 len=0"
    assert segment_label(F.SYN, 0, 99, 0) == "[SYN] seq=0 len=0"
    seg = Segment("a", "b", 1001, 5001, F.PSH | F.ACK, 1000, b"hello")
    assert seg.label() == "[PSH, ACK] seq=1001 ack=5001 len=5"


def test_seg_len_counts_syn_and_fin_but_length_counts_only_data() -> None:
    """§3.4: "the SYN is considered to occur before the first actual data octet ... the FIN
    is considered to occur after the last actual data octet": SEG.LEN = 3 + 1 + 1 = 5."""
    seg = Segment("a", "b", 0, 0, F.SYN | F.FIN, 0, b"abc")
    assert (seg.length, seg.seg_len) == (3, 5)
    assert Segment("a", "b", 0, 0, F.ACK, 0, b"abc").seg_len == 3


def test_a_scaled_window_is_shifted_left() -> None:
    """RFC 7323 §2.3: SND.WND = SEG.WND << Snd.Wind.Shift: 100 << 7 = 12800."""
    assert scaled_window(100, 7) == 12800
    assert scaled_window(65535, 0) == 65535
