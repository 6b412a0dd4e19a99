"""Reassembling each direction's byte stream from captured TCP segments (RFC 9293 §3.4)."""

from __future__ import annotations

import itertools
import shutil
import subprocess
from pathlib import Path

import pytest

from simulator.net.capture.index import build_index
from simulator.net.http.streams import reassemble
from tests.net.conftest import CAPTURES, manifest_files
from tests.net.http.http_pcap import ACK, PSH, Flow

BODY = bytes(range(256)) * 20  # 5120 bytes, every offset recognisable


def _streams(path: Path):  # type: ignore[no-untyped-def]
    index = build_index(str(path))
    return reassemble(index, 0)


def test_segments_arriving_out_of_order_are_put_back_in_sequence_order(tmp_path: Path) -> None:
    flow = Flow()
    flow.handshake()
    base = flow.next_seq[0]
    pieces = [(0, 1000), (2000, 3000), (1000, 2000), (3000, 5120)]
    numbers = [flow.packet(0, PSH | ACK, BODY[a:b], seq=base + a) for a, b in pieces]
    flow.next_seq[0] = base + len(BODY)
    flow.close()
    client, server = _streams(flow.write(tmp_path / "ooo.pcap"))
    assert [r.data for r in client.runs] == [BODY]
    assert client.gaps == () and client.fin
    # Bytes 1000..1999 came in the third data packet.
    assert client.packets_between(1000, 2000) == (numbers[2],)
    assert client.packets_between(0, len(BODY)) == tuple(sorted(numbers))
    assert server.runs == ()


def test_retransmitted_bytes_are_kept_once_and_counted(tmp_path: Path) -> None:
    flow = Flow()
    flow.handshake()
    base = flow.next_seq[0]
    first = flow.packet(0, PSH | ACK, BODY[:1460])
    flow.packet(0, PSH | ACK, BODY[:1460], seq=base)  # the same segment again
    flow.packet(0, PSH | ACK, BODY[1000:2000], seq=base + 1000)  # overlaps both sides
    flow.next_seq[0] = base + 2000
    flow.close()
    client, _ = _streams(flow.write(tmp_path / "retrans.pcap"))
    assert [r.data for r in client.runs] == [BODY[:2000]]
    assert client.retransmitted_bytes == 1460 + 460
    assert client.packets_between(0, 1460) == (first,)
    assert client.notes == ()


def test_a_resent_copy_with_different_bytes_is_noted_and_the_first_copy_kept(
    tmp_path: Path,
) -> None:
    flow = Flow()
    flow.handshake()
    base = flow.next_seq[0]
    flow.packet(0, PSH | ACK, b"GET /first HTTP/1.0\r\n\r\n")
    flow.packet(0, PSH | ACK, b"GET /other HTTP/1.0\r\n\r\n", seq=base)
    flow.close()
    client, _ = _streams(flow.write(tmp_path / "conflict.pcap"))
    assert client.runs[0].data == b"GET /first HTTP/1.0\r\n\r\n"
    assert len(client.notes) == 1 and "different content" in client.notes[0]


def test_a_segment_missing_from_the_capture_becomes_a_gap_between_runs(tmp_path: Path) -> None:
    flow = Flow()
    flow.handshake()
    base = flow.next_seq[0]
    flow.packet(0, PSH | ACK, BODY[:1000])
    flow.packet(0, PSH | ACK, BODY[2000:3000], seq=base + 2000)  # 1000..1999 never captured
    flow.next_seq[0] = base + 3000
    flow.close()
    client, _ = _streams(flow.write(tmp_path / "lost.pcap"))
    assert [(r.offset, r.data) for r in client.runs] == [(0, BODY[:1000]),
                                                          (2000, BODY[2000:3000])]
    (gap,) = client.gaps
    assert (gap.offset, gap.length) == (1000, 1000) and "not in the capture" in gap.reason
    assert client.length == 3000 and client.captured_bytes == 2000


def test_bytes_cut_by_the_snapshot_length_are_a_gap_that_says_so(tmp_path: Path) -> None:
    flow = Flow()
    flow.handshake()
    header_len = 14 + 20 + 20
    cut = flow.packet(0, PSH | ACK, BODY[:1000], snap=header_len + 100)
    flow.packet(0, PSH | ACK, BODY[1000:1500])
    flow.close()
    client, _ = _streams(flow.write(tmp_path / "snap.pcap"))
    assert [(r.offset, len(r.data)) for r in client.runs] == [(0, 100), (1000, 500)]
    (gap,) = client.gaps
    assert (gap.offset, gap.length) == (100, 900)
    assert f"packet {cut} was cut to the snapshot length" in gap.reason


def test_a_capture_that_starts_mid_connection_counts_from_its_first_data_byte(
    tmp_path: Path,
) -> None:
    flow = Flow(isn=(7_000_000, 9_000_000))
    flow.send(0, b"GET / HTTP/1.1\r\nHost: a\r\n\r\n")
    flow.send(1, b"HTTP/1.1 204 No Content\r\n\r\n")
    client, server = _streams(flow.write(tmp_path / "mid.pcap"))
    assert client.runs[0].offset == 0 and client.runs[0].data.startswith(b"GET / ")
    assert server.runs[0].data.startswith(b"HTTP/1.1 204")
    assert not client.fin


def test_sequence_numbers_wrapping_past_2_to_the_32_keep_the_stream_continuous(
    tmp_path: Path,
) -> None:
    flow = Flow(isn=((1 << 32) - 700, 5))
    flow.handshake()
    flow.send(0, BODY[:3000], mss=1000)
    flow.close()
    client, _ = _streams(flow.write(tmp_path / "wrap.pcap"))
    assert [r.data for r in client.runs] == [BODY[:3000]]
    assert client.gaps == () and client.fin


def test_ipv6_and_vlan_tagged_segments_reassemble_the_same(tmp_path: Path) -> None:
    for name, kwargs in (("v6", {"ipv6": True, "client": ("2001:db8::1", 40000),
                                 "server": ("2001:db8::2", 80)}),
                         ("vlan", {"vlan": 42})):
        flow = Flow(**kwargs)  # type: ignore[arg-type]
        flow.handshake()
        flow.send(0, BODY, mss=1200)
        flow.close()
        client, _ = _streams(flow.write(tmp_path / f"{name}.pcap"))
        assert [r.data for r in client.runs] == [BODY], name


HTTP_CAPTURES = [f["file"] for f in manifest_files() if f["http_requests"] or f["http_responses"]]


@pytest.mark.parametrize("name", [f["file"] for f in manifest_files()])
def test_public_capture_streams_account_for_every_payload_byte(name: str) -> None:
    """Runs and gaps tile each stream, and assembled + missing + resent bytes are exactly the
    payload bytes the index counted for that direction: nothing lost, nothing invented."""
    index = build_index(str(CAPTURES / name))
    for conn in index.connections:
        for d, stream in enumerate(reassemble(index, conn.id)):
            pieces = sorted([(r.offset, r.end) for r in stream.runs]
                            + [(g.offset, g.offset + g.length) for g in stream.gaps])
            assert all(a[1] == b[0] for a, b in itertools.pairwise(pieces)), (conn.id, d)
            missing = sum(g.length for g in stream.gaps)
            assert stream.captured_bytes + missing + stream.retransmitted_bytes == \
                conn.bytes[d], (conn.id, d)


TSHARK = shutil.which("tshark")


def _tshark_follow(path: Path, streams: list[int]) -> dict[int, tuple[str, bytes, bytes]]:
    """tshark's "Follow TCP Stream" (raw) of each stream, in one run: stream -> (node 0,
    bytes sent by node 0, bytes sent by node 1); node 0 sent the stream's first packet."""
    args = [a for n in streams for a in ("-z", f"follow,tcp,raw,{n}")]
    out = subprocess.run([TSHARK or "tshark", "-n", "-q", "-r", str(path), *args],
                         capture_output=True, text=True, check=True, timeout=60).stdout
    result: dict[int, tuple[str, bytes, bytes]] = {}
    stream, node0, sides = -1, "", [bytearray(), bytearray()]
    for line in [*out.splitlines(), "Filter: tcp.stream eq -1"]:
        if line.startswith("Filter: tcp.stream eq "):
            if stream >= 0:
                result[stream] = (node0, bytes(sides[0]), bytes(sides[1]))
            stream, sides = int(line.rsplit(" ", 1)[1]), [bytearray(), bytearray()]
        elif line.startswith("Node 0: "):
            node0 = line.removeprefix("Node 0: ").strip()
        elif line.strip() and not line.startswith(("=", "Follow", "Node")):
            sides[1 if line.startswith("\t") else 0] += bytes.fromhex(line.strip())
    return result


@pytest.mark.skipif(TSHARK is None, reason="tshark is not installed")
@pytest.mark.parametrize("name", HTTP_CAPTURES)
def test_reassembled_streams_match_tshark_follow_tcp_stream(name: str) -> None:
    """Byte for byte the same as Wireshark's "Follow TCP Stream" where nothing is missing."""
    path = CAPTURES / name
    index = build_index(str(path))
    ours = {}
    for conn in index.connections:
        client, server = reassemble(index, conn.id)
        if not (client.gaps or server.gaps):  # tshark shows holes its own way; not compared
            ours[conn.id] = (b"".join(r.data for r in client.runs),
                             b"".join(r.data for r in server.runs))
    theirs = _tshark_follow(path, list(ours))
    for conn_id, streams in ours.items():
        node0, first, second = theirs[conn_id]
        if node0 != index.connections[conn_id].client:
            first, second = second, first
        assert streams == (first, second), (name, conn_id)
