"""Where a reassembled stream has holes, and what happens when copies overlap (RFC 9293 §3.4,
§3.10.7.4 "segment text").

Every capture here is built by hand, segment by segment; the expected runs, gaps, counts and
notes are worked out from the sequence numbers in the comments, not read from the code.
Flow's default initial sequence numbers are 1000 (client) and 50000 (server), so after a
captured SYN the client's stream offset 0 is sequence number 1001.
"""

from __future__ import annotations

from pathlib import Path

from simulator.net.capture.index import build_index
from simulator.net.http.streams import DirectionStream, StreamGap, StreamRun, reassemble
from tests.net.http.http_pcap import ACK, FIN, PSH, Flow

LOST = "not in the capture (segment lost before the capture point or never captured)"
CLIENT_DATA = 1001  # the client's first data byte: ISN 1000 + 1 for the SYN


def _client(flow: Flow, path: Path) -> DirectionStream:
    client, _ = reassemble(build_index(str(flow.write(path))), 0)
    return client


def test_a_lost_first_data_segment_leaves_a_gap_at_the_start_of_the_stream(
    tmp_path: Path,
) -> None:
    """The SYN fixes the first byte (ISN + 1); the 100 bytes sent first were never captured,
    so the stream opens with a 100-byte hole, not with the second segment's bytes."""
    flow = Flow()
    flow.handshake()
    flow.packet(0, PSH | ACK, b"B" * 100, seq=CLIENT_DATA + 100)  # bytes 100..199
    flow.next_seq[0] = CLIENT_DATA + 200
    flow.close()  # FIN at 1201 = offset 200
    client = _client(flow, tmp_path / "first-lost.pcap")
    assert client.gaps == (StreamGap(0, 100, LOST),)
    assert client.runs == (StreamRun(100, b"B" * 100),)
    assert client.pieces == (StreamGap(0, 100, LOST), StreamRun(100, b"B" * 100))
    assert (client.start, client.length, client.captured_bytes) == (0, 200, 100)
    assert client.fin


def test_a_lost_last_segment_before_the_fin_is_a_gap_up_to_the_fin(tmp_path: Path) -> None:
    """Bytes 0..9 captured, 10..19 lost, the FIN at sequence 1021 (offset 20) captured: the
    FIN says where the stream ends, so bytes 10..19 are a gap and the stream did end there."""
    flow = Flow()
    flow.handshake()
    flow.packet(0, PSH | ACK, b"0123456789")
    flow.next_seq[0] = CLIENT_DATA + 20
    flow.close()
    client = _client(flow, tmp_path / "last-lost.pcap")
    assert client.runs == (StreamRun(0, b"0123456789"),)
    assert client.gaps == (StreamGap(10, 10, "not in the capture"),)
    assert client.fin and client.length == 20


def test_a_stream_without_a_captured_fin_ends_at_its_last_byte_and_claims_no_fin(
    tmp_path: Path,
) -> None:
    flow = Flow()
    flow.handshake()
    flow.packet(0, PSH | ACK, b"abc")
    client = _client(flow, tmp_path / "open.pcap")
    assert client.runs == (StreamRun(0, b"abc"),) and client.gaps == ()
    assert not client.fin and client.length == 3


def test_a_resent_copy_cut_by_the_snapshot_length_leaves_a_gap_naming_the_cut_packet(
    tmp_path: Path,
) -> None:
    """Packet 4 carries bytes 0..9 whole; packet 5 resends from offset 0 with 20 bytes but
    only 4 of them captured (snapshot length). Bytes 10..19 were sent (packet 5 says so)
    but never captured: a 10-byte gap whose reason is packet 5's snapshot cut. Of packet 5,
    the 4 captured bytes overlap what was assembled: 4 bytes counted again."""
    flow = Flow()
    flow.handshake()
    flow.packet(0, PSH | ACK, b"0123456789")
    headers = 14 + 20 + 20  # Ethernet, IPv4, TCP without options
    flow.packet(0, PSH | ACK, b"0123456789ABCDEFGHIJ", seq=CLIENT_DATA, snap=headers + 4)
    flow.next_seq[0] = CLIENT_DATA + 20
    client = _client(flow, tmp_path / "cut-resend.pcap")
    assert client.runs == (StreamRun(0, b"0123456789"),)
    assert client.gaps == (StreamGap(
        10, 10, "packet 5 was cut to the snapshot length (16 payload bytes not captured)"),)
    assert client.retransmitted_bytes == 4


def test_bytes_after_a_snapshot_cut_that_arrive_later_end_the_cut_gap(tmp_path: Path) -> None:
    """Packet 4: 10 bytes sent, 3 captured. Packet 5: bytes 10..14 whole. Packet 6: bytes
    20..24, after a lost segment (15..19). The first gap (3..9) is the snapshot cut's, the
    second (15..19) an ordinary loss: fresh bytes in between reset the reason."""
    flow = Flow()
    flow.handshake()
    headers = 14 + 20 + 20
    flow.packet(0, PSH | ACK, b"0123456789", snap=headers + 3)
    flow.packet(0, PSH | ACK, b"ABCDE")
    flow.packet(0, PSH | ACK, b"VWXYZ", seq=CLIENT_DATA + 20)
    flow.next_seq[0] = CLIENT_DATA + 25
    client = _client(flow, tmp_path / "cut-then-lost.pcap")
    assert client.runs == (StreamRun(0, b"012"), StreamRun(10, b"ABCDE"),
                           StreamRun(20, b"VWXYZ"))
    assert client.gaps == (
        StreamGap(3, 7, "packet 4 was cut to the snapshot length (7 payload bytes not captured)"),
        StreamGap(15, 5, LOST),
    )
    assert (client.length, client.captured_bytes, client.retransmitted_bytes) == (25, 13, 0)


def test_a_capture_starting_mid_stream_puts_earlier_out_of_order_bytes_before_offset_0(
    tmp_path: Path,
) -> None:
    """No SYN: offset 0 is the first data segment seen (sequence 7000100). A segment seen
    after it but carrying the 100 bytes before it (sequence 7000000) lies at offsets
    -100..-1: the stream starts there, with no gap between the two."""
    flow = Flow(isn=(7_000_000, 9_000_000))
    flow.packet(0, PSH | ACK, b"second" * 10, seq=7_000_100)  # 60 bytes: offsets 0..59
    flow.packet(0, PSH | ACK, b"f" * 100, seq=7_000_000)  # offsets -100..-1
    client = _client(flow, tmp_path / "mid.pcap")
    assert client.runs == (StreamRun(-100, b"f" * 100 + b"second" * 10),)
    assert client.gaps == ()
    assert (client.start, client.length, client.captured_bytes) == (-100, 60, 160)


def test_a_direction_that_only_closes_mid_capture_has_an_empty_stream_ending_in_its_fin(
    tmp_path: Path,
) -> None:
    """The server's only segment is a FIN at sequence 9000000 (no SYN, no data captured):
    the FIN is at offset 0 of an empty stream, so nothing is missing."""
    flow = Flow(isn=(7_000_000, 9_000_000))
    flow.packet(0, PSH | ACK, b"GET / HTTP/1.0\r\n\r\n")
    flow.packet(1, FIN | ACK)
    _, server = reassemble(build_index(str(flow.write(tmp_path / "fin-only.pcap"))), 0)
    assert (server.runs, server.gaps, server.fin, server.length) == ((), (), True, 0)


# --------------------------------------------------------------------------- overlaps


def test_a_partial_overlap_with_different_bytes_is_noted_and_the_first_copy_kept(
    tmp_path: Path,
) -> None:
    """Packet 4: offsets 0..9 "0123456789". Packet 5 starts at offset 5 with "56XY0abcde":
    its offsets 5..9 say "56XY0" where the first copy said "56789" (the conflict), 10..14
    are new. The first copy wins (as in Wireshark), the new tail is appended, and the note
    names packet 5 and the overlapping offsets 5..9."""
    flow = Flow()
    flow.handshake()
    flow.packet(0, PSH | ACK, b"0123456789")
    flow.packet(0, PSH | ACK, b"56XY0abcde", seq=CLIENT_DATA + 5)
    flow.next_seq[0] = CLIENT_DATA + 15
    client = _client(flow, tmp_path / "conflict-partial.pcap")
    assert client.runs == (StreamRun(0, b"0123456789abcde"),)
    assert client.notes == ("packet 5 resends stream bytes 5..9 with different content; "
                            "the first copy is used",)
    assert client.retransmitted_bytes == 5


def test_a_partial_overlap_with_the_same_bytes_is_counted_but_not_noted(tmp_path: Path) -> None:
    flow = Flow()
    flow.handshake()
    flow.packet(0, PSH | ACK, b"0123456789")
    flow.packet(0, PSH | ACK, b"789abc", seq=CLIENT_DATA + 7)  # offsets 7..12, 3 again
    flow.next_seq[0] = CLIENT_DATA + 13
    client = _client(flow, tmp_path / "same-partial.pcap")
    assert client.runs == (StreamRun(0, b"0123456789abc"),)
    assert client.notes == () and client.retransmitted_bytes == 3


def test_a_later_copy_inside_the_stream_that_differs_only_at_its_end_is_noted(
    tmp_path: Path,
) -> None:
    """Packet 5 resends offsets 2..5 ("234!" for "2345"): wholly inside what was assembled;
    all 4 bytes count as resent, and the one differing byte makes the note."""
    flow = Flow()
    flow.handshake()
    flow.packet(0, PSH | ACK, b"0123456789")
    flow.packet(0, PSH | ACK, b"234!", seq=CLIENT_DATA + 2)
    flow.next_seq[0] = CLIENT_DATA + 10
    client = _client(flow, tmp_path / "conflict-inside.pcap")
    assert client.runs == (StreamRun(0, b"0123456789"),)
    assert client.notes == ("packet 5 resends stream bytes 2..5 with different content; "
                            "the first copy is used",)
    assert client.retransmitted_bytes == 4


def test_a_conflicting_resend_after_a_gap_is_compared_with_the_run_it_overlaps(
    tmp_path: Path,
) -> None:
    """Runs 0..3 and 10..13 (4..9 lost); packet 6 resends offsets 10..13 with other bytes:
    the note names offsets 10..13, the run keeps the first copy, the gap stays."""
    flow = Flow()
    flow.handshake()
    flow.packet(0, PSH | ACK, b"abcd")
    flow.packet(0, PSH | ACK, b"klmn", seq=CLIENT_DATA + 10)
    flow.packet(0, PSH | ACK, b"KLMN", seq=CLIENT_DATA + 10)
    flow.next_seq[0] = CLIENT_DATA + 14
    client = _client(flow, tmp_path / "conflict-after-gap.pcap")
    assert client.runs == (StreamRun(0, b"abcd"), StreamRun(10, b"klmn"))
    assert client.gaps == (StreamGap(4, 6, LOST),)
    assert client.notes == ("packet 6 resends stream bytes 10..13 with different content; "
                            "the first copy is used",)
    assert client.retransmitted_bytes == 4


def test_identical_resends_inside_a_run_after_a_gap_are_not_noted_and_a_differing_one_is(
    tmp_path: Path,
) -> None:
    """Runs "abcd" (0..3) and "klmn" (10..13), 4..9 lost. Packet 6 resends 10..11 "kl" and
    packet 7 12..13 "mn", both as first sent; packet 8 resends 11..12 as "lX" where the first
    copy said "lm": only packet 8 is noted. 2 + 2 + 2 bytes came again."""
    flow = Flow()
    flow.handshake()
    flow.packet(0, PSH | ACK, b"abcd")
    flow.packet(0, PSH | ACK, b"klmn", seq=CLIENT_DATA + 10)
    flow.packet(0, PSH | ACK, b"kl", seq=CLIENT_DATA + 10)
    flow.packet(0, PSH | ACK, b"mn", seq=CLIENT_DATA + 12)
    flow.packet(0, PSH | ACK, b"lX", seq=CLIENT_DATA + 11)
    flow.next_seq[0] = CLIENT_DATA + 14
    client = _client(flow, tmp_path / "resends-after-gap.pcap")
    assert client.runs == (StreamRun(0, b"abcd"), StreamRun(10, b"klmn"))
    assert client.notes == ("packet 8 resends stream bytes 11..12 with different content; "
                            "the first copy is used",)
    assert client.retransmitted_bytes == 6


def test_a_resend_cut_by_the_snapshot_length_inside_assembled_bytes_counts_its_wire_length(
    tmp_path: Path,
) -> None:
    """Packet 5 resends offsets 0..9 (10 bytes on the wire), of which 4 were captured; all
    of it had arrived before, so nothing is missing and 10 bytes count as sent again."""
    flow = Flow()
    flow.handshake()
    flow.packet(0, PSH | ACK, b"0123456789")
    headers = 14 + 20 + 20
    flow.packet(0, PSH | ACK, b"0123456789", seq=CLIENT_DATA, snap=headers + 4)
    client = _client(flow, tmp_path / "cut-resend-inside.pcap")
    assert client.runs == (StreamRun(0, b"0123456789"),) and client.gaps == ()
    assert client.retransmitted_bytes == 10 and client.notes == ()


def test_a_fin_on_a_data_segment_comes_after_its_data(tmp_path: Path) -> None:
    """RFC 9293 §3.4: the FIN takes the sequence number after the segment's last data byte,
    so "def" on the FIN (offsets 3..5) ends the stream at offset 6, FIN included."""
    flow = Flow()
    flow.handshake()
    flow.packet(0, PSH | ACK, b"abc")
    flow.packet(0, FIN | PSH | ACK, b"def")
    client = _client(flow, tmp_path / "fin-with-data.pcap")
    assert client.runs == (StreamRun(0, b"abcdef"),) and client.gaps == ()
    assert client.fin and client.length == 6


def test_a_fin_before_the_last_captured_byte_is_not_taken_as_the_end(tmp_path: Path) -> None:
    """A FIN at offset 5 while bytes 0..9 were captured contradicts the data (a broken or
    hostile sender): the stream is not shown as ended by that FIN."""
    flow = Flow()
    flow.handshake()
    flow.packet(0, PSH | ACK, b"0123456789")
    flow.packet(0, FIN | ACK, seq=CLIENT_DATA + 5)
    client = _client(flow, tmp_path / "early-fin.pcap")
    assert client.runs == (StreamRun(0, b"0123456789"),) and client.gaps == ()
    assert not client.fin and client.length == 10
