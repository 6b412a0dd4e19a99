"""Which packets carried a byte range of a stream and when, and what SYN, FIN and RST mean for
the stream's bytes (RFC 9293 §3.4, §3.5.3, RFC 7413 §2).

Captures are built by hand. Flow stamps packet k (1-based) at 1 700 000 000 + 0.001 k
seconds, so the expected times below are that sum; the client's initial sequence number is
1000 and, after a captured SYN, its stream offset 0 is sequence number 1001.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.net.capture.index import build_index
from simulator.net.http.streams import Delivery, DirectionStream, StreamRun, reassemble
from tests.net.http.http_pcap import ACK, PSH, RST, SYN, Flow

CLIENT_DATA = 1001


def _time(packet: int) -> float:
    return 1_700_000_000 + 0.001 * packet


def _streams(flow: Flow, path: Path) -> tuple[DirectionStream, DirectionStream]:
    return reassemble(build_index(str(flow.write(path))), 0)


def _same(got: Delivery, packets: tuple[int, ...], first: int | None, last: int | None) -> bool:
    """A delivery equals (packets, time of packet ``first``, time of packet ``last``)."""
    def near(t: float | None, packet: int | None) -> bool:
        return t is None if packet is None else t == pytest.approx(_time(packet), abs=1e-6)
    return got.packets == packets and near(got.first_time, first) and near(got.last_time, last)


@pytest.fixture
def reordered(tmp_path: Path) -> DirectionStream:
    """Packet 4: offsets 10..19; packet 5: offsets 0..9 (sent first, arrived later);
    offsets 20..24 lost; packet 6: offsets 25..29."""
    flow = Flow()
    flow.handshake()
    flow.packet(0, PSH | ACK, b"klmnopqrst", seq=CLIENT_DATA + 10)
    flow.packet(0, PSH | ACK, b"abcdefghij", seq=CLIENT_DATA)
    flow.packet(0, PSH | ACK, b"zzzzz", seq=CLIENT_DATA + 25)
    flow.next_seq[0] = CLIENT_DATA + 30
    client, _ = _streams(flow, tmp_path / "reordered.pcap")
    return client


def test_each_assembled_range_remembers_the_packet_that_first_delivered_it(
    reordered: DirectionStream,
) -> None:
    assert [(s.offset, s.length, s.packet) for s in reordered.sources] == [
        (0, 10, 5), (10, 10, 4), (25, 5, 6)]
    assert [s.time for s in reordered.sources] == pytest.approx(
        [_time(5), _time(4), _time(6)], abs=1e-6)


@pytest.mark.parametrize(("byte_range", "packets", "first", "last"), [
    ((0, 20), (4, 5), 4, 5),    # bytes 10..19 came first (packet 4), 0..9 last (packet 5)
    ((0, 10), (5,), 5, 5),
    ((9, 11), (4, 5), 4, 5),    # one byte from each side of the boundary at offset 10
    ((10, 11), (4,), 4, 4),
    ((19, 20), (4,), 4, 4),
    ((20, 25), (), None, None),  # exactly the lost bytes: no packet carried them
    ((20, 26), (6,), 6, 6),
    ((24, 25), (), None, None),
    ((29, 40), (6,), 6, 6),
    ((30, 40), (), None, None),  # past the last byte
    ((0, 30), (4, 5, 6), 4, 6),
])
def test_a_byte_range_is_delivered_by_the_packets_that_carried_its_bytes(
    reordered: DirectionStream, byte_range: tuple[int, int], packets: tuple[int, ...],
    first: int | None, last: int | None,
) -> None:
    (delivery,) = reordered.deliveries([byte_range])
    assert _same(delivery, packets, first, last), delivery


def test_many_ranges_are_answered_at_once_in_the_order_asked(reordered: DirectionStream) -> None:
    deliveries = reordered.deliveries([(25, 30), (0, 10), (20, 25)])
    assert [d.packets for d in deliveries] == [(6,), (5,), ()]
    assert reordered.packets_between(0, 30) == (4, 5, 6)
    assert reordered.packets_between(10, 20) == (4,)


def test_text_in_a_reset_is_not_stream_data(tmp_path: Path) -> None:
    """RFC 9293 §3.5.3: a RST may carry diagnostic text; it is not part of the byte stream."""
    flow = Flow()
    flow.handshake()
    flow.packet(0, PSH | ACK, b"0123456789")
    flow.packet(0, RST | ACK, b"connection reset: too many requests")
    client, server = _streams(flow, tmp_path / "rst.pcap")
    assert client.runs == (StreamRun(0, b"0123456789"),) and client.gaps == ()
    assert client.reset and not client.fin and client.length == 10
    assert not server.reset


def test_a_reset_first_in_a_mid_stream_capture_does_not_set_where_the_stream_starts(
    tmp_path: Path,
) -> None:
    """No SYN captured: offset 0 is the first *data* segment's sequence number (7000000),
    not that of a RST seen before it (7000500), whose text is no stream data."""
    flow = Flow(isn=(7_000_000, 9_000_000))
    flow.packet(0, RST | ACK, b"diagnostic", seq=7_000_500)
    flow.packet(0, PSH | ACK, b"GET / HTTP/1.0\r\n\r\n", seq=7_000_000)
    client, _ = _streams(flow, tmp_path / "rst-first.pcap")
    assert client.runs == (StreamRun(0, b"GET / HTTP/1.0\r\n\r\n"),)
    assert client.gaps == () and client.reset


def test_data_on_a_syn_starts_at_offset_0_after_the_syns_sequence_number(tmp_path: Path) -> None:
    """TCP Fast Open (RFC 7413 §2): the SYN (sequence 1000) carries "GET /"; the SYN itself
    takes sequence 1000, so the data is sequence 1001.. = offsets 0..4, and the next segment
    continues at offset 5."""
    flow = Flow()
    flow.packet(0, SYN, b"GET /")
    flow.packet(1, SYN | ACK)
    flow.packet(0, PSH | ACK, b" HTTP/1.0\r\n\r\n")
    flow.close()
    client, _ = _streams(flow, tmp_path / "tfo.pcap")
    assert client.runs == (StreamRun(0, b"GET / HTTP/1.0\r\n\r\n"),)
    assert client.gaps == () and client.fin


def test_each_direction_ends_at_the_time_of_its_own_last_segment(tmp_path: Path) -> None:
    """Packets: 1 SYN (client), 2 data (client), 3 data (client); the server sends nothing,
    so its direction is empty, with no end time."""
    flow = Flow()
    flow.packet(0, SYN)
    flow.packet(0, PSH | ACK, b"abc")
    flow.packet(0, PSH | ACK, b"def")
    client, server = _streams(flow, tmp_path / "one-way.pcap")
    assert client.end_time == pytest.approx(_time(3), abs=1e-6)
    assert client.runs == (StreamRun(0, b"abcdef"),)
    assert (server.runs, server.gaps, server.fin, server.reset, server.end_time) == (
        (), (), False, False, None)
    assert (server.length, server.start, server.captured_bytes) == (0, 0, 0)
