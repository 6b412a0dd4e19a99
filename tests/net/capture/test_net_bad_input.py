"""Damaged or unusable files: a clear error or warnings, never a traceback."""

from __future__ import annotations

import re
import struct
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from simulator.net.analyze import analyze_capture, format_table
from simulator.net.capture.errors import CaptureError
from simulator.net.capture.index import build_index
from tests.net.conftest import CAPTURES, GENERATED

GOOD = GENERATED / "big-endian.pcap"  # 8 packets, classic pcap
GET = CAPTURES / "http-get-basic--zeek--get.pcap"  # 14 packets


def _records(path: Path) -> list[int]:
    """File offsets of each record header of a little/big-endian classic pcap."""
    data = path.read_bytes()
    endian = "<" if data[:4] == b"\xd4\xc3\xb2\xa1" else ">"
    pos, out = 24, []
    while pos + 16 <= len(data):
        out.append(pos)
        pos += 16 + struct.unpack_from(endian + "I", data, pos + 8)[0]
    return out


def test_text_file_is_not_a_capture(tmp_path: Path) -> None:
    p = tmp_path / "notes.pcap"
    p.write_text("GET / HTTP/1.1\r\nHost: example.org\r\n\r\n")
    with pytest.raises(CaptureError, match="not a pcap or pcapng"):
        build_index(str(p))


def test_empty_file(tmp_path: Path) -> None:
    p = tmp_path / "empty.pcap"
    p.write_bytes(b"")
    with pytest.raises(CaptureError, match="empty"):
        build_index(str(p))


def test_cut_inside_global_header(tmp_path: Path) -> None:
    p = tmp_path / "cut.pcap"
    p.write_bytes(GET.read_bytes()[:10])
    with pytest.raises(CaptureError, match="24-byte pcap file header"):
        build_index(str(p))


def test_error_messages_are_one_line(tmp_path: Path) -> None:
    p = tmp_path / "x.bin"
    p.write_bytes(b"\x00\x01\x02\x03" * 10)
    with pytest.raises(CaptureError) as info:
        build_index(str(p))
    assert "\n" not in str(info.value)


def test_cut_inside_a_record_header(tmp_path: Path) -> None:
    offs = _records(GET)
    p = tmp_path / "cut.pcap"
    p.write_bytes(GET.read_bytes()[: offs[5] + 7])
    ix = build_index(str(p))
    assert ix.packet_count == 5
    assert any(
        "packet 6's record header" in w and f"at byte {offs[5]}" in w
        and "kept the 5 packets before it" in w
        for w in ix.warnings
    ), ix.warnings
    assert len(ix.connections) == 1 and len(ix.segments(0)) == 5


def test_cut_inside_packet_data(tmp_path: Path) -> None:
    offs = _records(GET)
    p = tmp_path / "cut.pcap"
    p.write_bytes(GET.read_bytes()[: offs[9] + 16 + 20])
    ix = build_index(str(p))
    assert ix.packet_count == 9
    assert any(
        "packet 10's data" in w and f"at byte {offs[9]}" in w for w in ix.warnings
    ), ix.warnings


def test_public_truncated_file_keeps_its_one_packet() -> None:
    ix = build_index(str(CAPTURES / "truncated-file-cut-short--dpkt--truncated_dns_2.pcap"))
    assert ix.packet_count == 1
    assert any("packet 2's record header at byte 240" in w and "kept the 1 packet before it" in w
               for w in ix.warnings)
    assert any("no TCP packets" in w for w in ix.warnings)


def test_snaplen_truncated_packets_keep_true_tcp_length() -> None:
    ix = build_index(str(CAPTURES / "snaplen-truncated-tcp--zeek--truncated-header.pcap"))
    assert any("24 packets were cut to the snapshot length (snaplen 68)" in w
               for w in ix.warnings)
    segs = ix.segments(0)
    # Payload bytes are not in the file (caplen <= 68) but tcp.len comes from the IP length.
    assert max(s.payload_len for s in segs) > 68
    assert all(int(ix.packets["caplen"][s.number - 1]) <= 68 for s in segs)


def test_unknown_link_type_for_the_only_interface(tmp_path: Path) -> None:
    data = bytearray(GOOD.read_bytes())
    data[20:24] = struct.pack(">I", 147)  # big-endian file: link type field
    p = tmp_path / "user0.pcap"
    p.write_bytes(bytes(data))
    with pytest.raises(CaptureError, match=r"link type \(147\) is not supported"):
        build_index(str(p))


def test_unknown_link_type_on_one_pcapng_interface() -> None:
    ix = build_index(str(GENERATED / "pcapng-unknown-link.pcapng"))
    assert "1 interface has link type 147 (not supported); its 3 packets were skipped." in (
        ix.warnings
    )
    assert len(ix.connections) == 1


def test_no_tcp_at_all() -> None:
    doc = analyze_capture(str(CAPTURES / "udp-dns-icmp-only--dpkt--dns_icmp.pcap"))
    assert doc["packets"] == 32 and doc["connections"] == []
    assert any("no TCP packets" in w for w in doc["warnings"])
    assert "0 TCP connection(s)" in format_table(doc)


def test_absurd_record_length(tmp_path: Path) -> None:
    offs = _records(GET)
    data = bytearray(GET.read_bytes())
    data[offs[3] + 8 : offs[3] + 12] = struct.pack("<I", 0xFFFFFFF0)
    p = tmp_path / "absurd.pcap"
    p.write_bytes(bytes(data))
    ix = build_index(str(p))
    assert ix.packet_count == 3
    assert any(
        f"stopped at byte {offs[3]}" in w and "packet 4's record header claims 4294967280" in w
        for w in ix.warnings
    ), ix.warnings


def test_absurd_timestamps(tmp_path: Path) -> None:
    offs = _records(GET)
    data = bytearray(GET.read_bytes())
    data[offs[2] : offs[2] + 4] = struct.pack("<I", 0xFFFFFFF0)  # year 2106
    p = tmp_path / "future.pcap"
    p.write_bytes(bytes(data))
    ix = build_index(str(p))
    assert ix.packet_count == 14
    assert any("Absurd timestamps on 1 packet (packet 3; packet 3 is dated year 2106)" in w
               for w in ix.warnings), ix.warnings
    assert any("go backwards 1 time (first at packet 4)" in w for w in ix.warnings)


def test_pcapng_absurd_timestamps_from_public_file() -> None:
    name = "pcapng-comments-multi-if--pcapplusplus--pcapng-example.pcapng"
    ix = build_index(str(CAPTURES / name))
    assert any(re.search(r"Absurd timestamps on 100 packets .*year 586524", w)
               for w in ix.warnings)


def test_pcapng_cut_short(tmp_path: Path) -> None:
    src = CAPTURES / "http-get-cookie-gzip--chrissanders--http_google.pcapng"
    data = src.read_bytes()
    p = tmp_path / "cut.pcapng"
    p.write_bytes(data[: len(data) - 100])
    ix = build_index(str(p))
    assert 0 < ix.packet_count < 12
    n = ix.packet_count
    assert any(f"after packet {n}" in w and "reading stopped at byte" in w
               for w in ix.warnings), ix.warnings


def _record_ends(path: Path) -> list[int]:
    data = path.read_bytes()
    return [o + 16 + struct.unpack_from("<I", data, o + 8)[0] for o in _records(path)]


@settings(max_examples=60, deadline=None)
@given(cut=st.integers(min_value=0, max_value=GET.stat().st_size))
def test_any_truncation_is_an_error_or_a_usable_prefix(tmp_path_factory: pytest.TempPathFactory,
                                                        cut: int) -> None:
    p = tmp_path_factory.mktemp("cut") / "cut.pcap"
    p.write_bytes(GET.read_bytes()[:cut])
    try:
        ix = build_index(str(p))
    except CaptureError:
        assert cut < 24
        return
    ends = _record_ends(GET)
    assert ix.packet_count == sum(1 for e in ends if e <= cut)
    cut_short = any("cut short" in w for w in ix.warnings)
    assert cut_short == (cut not in [24, *ends])


@settings(max_examples=60, deadline=None)
@given(data=st.binary(min_size=0, max_size=300))
def test_random_bytes_after_a_valid_header(tmp_path_factory: pytest.TempPathFactory,
                                           data: bytes) -> None:
    p = tmp_path_factory.mktemp("rnd") / "rnd.pcap"
    p.write_bytes(GET.read_bytes()[:24] + data)
    ix = build_index(str(p))  # must not raise
    assert ix.packet_count >= 0
    format_table(analyze_capture(str(p)))


def test_tcp_header_not_captured(tmp_path: Path) -> None:
    """A frame cut inside its TCP header: counted in a warning, left out of connections."""
    data = GET.read_bytes()
    offs = _records(GET)
    first = bytearray(data[offs[0] : offs[1]])
    first[8:12] = struct.pack("<I", 14 + 20 + 6)  # caplen: Ethernet + IPv4 + 6 TCP bytes
    cut = bytes(first[: 16 + 14 + 20 + 6])
    p = tmp_path / "tcpcut.pcap"
    p.write_bytes(data[:24] + cut + data[offs[1] :])
    ix = build_index(str(p))
    assert ix.packet_count == 14
    assert "1 TCP packet (first: packet 1) captured without a complete TCP header: left out " \
        "of the connections." in ix.warnings
    (conn,) = ix.connections
    assert sum(conn.packets) == 13 and conn.opened == "midstream"
