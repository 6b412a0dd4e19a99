"""The public API the UI and CLI use: segments, progress/cancel, analyze, packet detail."""

from __future__ import annotations

import json
import struct
import threading
from pathlib import Path

import numpy as np
import pytest

from simulator.net.analyze import analyze_capture, format_table, index_document
from simulator.net.capture import packet_columns, pcap_records
from simulator.net.capture import tcp_anomalies as ta
from simulator.net.capture.errors import LoadCancelled
from simulator.net.capture.index import SEGMENT_DTYPE, Segment, build_index
from simulator.net.capture.packet_detail import dissect_packet, read_packet_bytes
from tests.net.conftest import CAPTURES, GENERATED

GET = str(CAPTURES / "http-get-basic--zeek--get.pcap")
OOO = str(CAPTURES / "http-ooo-retrans-range--zeek--206_example_a.pcap")
QINQ = str(CAPTURES / "http-rst-qinq-pppoe-cookie--pcapplusplus--one_http_stream_rst.pcap")


def test_segments_of_a_clean_connection() -> None:
    ix = build_index(GET)
    segs = ix.segments(0)
    assert all(isinstance(s, Segment) for s in segs)
    assert [s.number for s in segs] == list(range(1, 15))
    syn, synack, ack = segs[:3]
    assert (syn.flags, syn.direction, synack.flags, synack.direction) == (0x02, 0, 0x12, 1)
    assert synack.ack == (syn.seq + 1) & 0xFFFFFFFF
    assert ack.ack == (synack.seq + 1) & 0xFFFFFFFF
    times = [s.time for s in segs]
    assert times == sorted(times)
    conn = ix.connections[0]
    assert conn.bytes == (
        sum(s.payload_len for s in segs if s.direction == 0),
        sum(s.payload_len for s in segs if s.direction == 1),
    )


def test_segment_array_matches_segments() -> None:
    ix = build_index(OOO)
    arr = ix.segment_array(1)
    assert arr.dtype == SEGMENT_DTYPE
    segs = ix.segments(1)
    assert len(arr) == len(segs) == sum(ix.connections[1].packets)
    assert [int(x) for x in arr["number"]] == [s.number for s in segs]
    flagged = int(np.count_nonzero(arr["anomalies"] & ta.OUT_OF_ORDER))
    assert flagged == ix.connections[1].counts["out_of_order"]
    with pytest.raises(IndexError):
        ix.segments(2)


def test_per_packet_index_fields() -> None:
    ix = build_index(GET)
    p = ix.packets
    assert list(p["conn"]) == [0] * 14
    raw = read_packet_bytes(ix, 1)
    # Ethernet + IPv4 (IHL 5): TCP sequence number at byte 38.
    assert struct.unpack_from("!I", raw, 38)[0] == int(p["seq"][0])
    assert len(raw) == int(p["caplen"][0])


def test_progress_and_cancel_from_another_thread() -> None:
    calls: list[tuple[int, int]] = []
    ix = build_index(OOO, progress=lambda done, total: calls.append((done, total)))
    assert ix.packet_count == 672
    assert calls and calls[-1][0] == calls[-1][1] > 0
    assert [c[0] for c in calls] == sorted(c[0] for c in calls)

    cancel = threading.Event()
    cancel.set()
    errors: list[BaseException] = []

    def work() -> None:
        try:
            build_index(OOO, should_cancel=cancel.is_set)
        except BaseException as exc:
            errors.append(exc)

    t = threading.Thread(target=work)
    t.start()
    t.join()
    assert len(errors) == 1 and isinstance(errors[0], LoadCancelled)


def test_analyze_document_is_json_ready() -> None:
    doc = analyze_capture(str(CAPTURES / "http-ipv4-and-ipv6--chrissanders--http_ip4and6.pcapng"))
    assert json.loads(json.dumps(doc)) == doc
    assert doc["file"].endswith(".pcapng") and doc["packets"] == 20
    c4, c6 = doc["connections"]
    assert c4["client"].startswith("172.16.16.") and c4["server"].endswith(":80")
    assert c6["server"] == "[2001:db8:1:2::1000]:80"
    assert c6["client"].startswith("[2001:db8:1:2::") and c6["client"].count("]:") == 1
    for c in doc["connections"]:
        assert set(c) >= {"id", "client", "server", "packets", "bytes", "opened", "closed",
                          "counts"}
        assert set(c["counts"]) == {"syn", "syn_ack", "fin", "rst", "retransmission",
                                    "fast_retransmission", "duplicate_ack", "out_of_order",
                                    "zero_window"}
        assert (c["opened"], c["closed"]) == ("handshake", "fin")


def test_format_table_lists_every_connection() -> None:
    ix = build_index(str(CAPTURES / "http-retrans-rst-keepalive--zeek--m57-long-49583-80.pcap"))
    text = format_table(index_document(ix))
    lines = text.splitlines()
    assert "227 packets, 1 TCP connection(s)" in lines[0]
    row = next(line for line in lines if line.lstrip().startswith("0 "))
    conn = ix.connections[0]
    assert conn.client in row and conn.server in row and " rst " in row
    assert "83 retrans" in row and "29 dup-ack" in row


def test_dissect_packet_field_byte_ranges() -> None:
    ix = build_index(QINQ)
    d = dissect_packet(ix, 4)
    names = [layer.name for layer in d.layers]
    assert names[:7] == ["Ethernet", "802.1Q", "802.1Q", "PPP over Ethernet", "PPP Link Layer",
                         "IP", "TCP"]
    assert d.problem is None and len(d.raw) == d.caplen
    tcp = next(layer for layer in d.layers if layer.name == "TCP")
    fields = {f.name: f for f in tcp.fields}
    sport = fields["sport"]
    assert d.raw[sport.start : sport.end] == struct.pack("!H", int(sport.value))
    seq = fields["seq"]
    assert int.from_bytes(d.raw[seq.start : seq.end], "big") == int(ix.packets["seq"][3])
    flags = fields["flags"]  # a bit field: 9 bits inside bytes 12-13 of the TCP header
    assert (flags.start, flags.end) == (tcp.start + 12, tcp.start + 14)
    assert flags.bit_end - flags.bit_start == 9
    vlans = [f for layer in d.layers if layer.name == "802.1Q" for f in layer.fields
             if f.name == "vlan"]
    assert [v.value for v in vlans] == ["939", "744"]
    http = d.layers[-1]
    host = next(f for f in http.fields if f.name == "Host")
    assert d.raw[host.start : host.end] == b"nnmuz.com"


def test_dissect_every_packet_of_every_capture() -> None:
    paths = sorted([*CAPTURES.glob("*.pcap*"), *GENERATED.glob("*.pcap*")])
    assert len(paths) == 30
    for path in paths:
        ix = build_index(str(path))
        for number in range(1, ix.packet_count + 1):
            d = dissect_packet(ix, number)
            assert d.problem is None, (path.name, number, d.problem)
            assert d.layers and d.layers[0].start == 0
            ends = [layer.end for layer in d.layers]
            assert ends == sorted(ends) and ends[-1] <= len(d.raw)
            for layer in d.layers:
                for fld in layer.fields:
                    assert layer.start <= fld.start <= fld.end <= len(d.raw)
    d = dissect_packet(build_index(str(GENERATED / "pcapng-unknown-link.pcapng")), 1)
    assert d.comment == "first packet"


def test_pcapng_offsets_point_at_the_packet_bytes() -> None:
    from scapy.utils import RawPcapNgReader

    path = CAPTURES / "pcapng-comments-multi-if--pcapplusplus--pcapng-example.pcapng"
    ix = build_index(str(path))
    with RawPcapNgReader(str(path)) as reader:
        expected = [pkt for pkt, _meta in reader]
    assert len(expected) == ix.packet_count == 159
    for number in (1, 2, 60, 100, 159):
        assert read_packet_bytes(ix, number) == expected[number - 1]
    assert len(ix.comments) == 100  # tshark: 100 frames with frame.comment
    assert ix.comments[60] == "Packet #1"  # scapy's trailing padding bytes are stripped
    assert ix.link_types == [1, 113]


def test_pcapng_cancel_and_progress() -> None:
    path = str(CAPTURES / "http-chunked-gzip-ooo--chrissanders--dns_isp_hijack.pcapng")
    calls: list[tuple[int, int]] = []
    build_index(path, progress=lambda d, t: calls.append((d, t)))
    assert calls[-1][0] == calls[-1][1]
    with pytest.raises(LoadCancelled):
        build_index(path, should_cancel=lambda: True)


def _many_connections(path: Path, copies: int) -> None:
    """``copies`` copies of the 14-packet GET connection, each with its own client port."""
    data = Path(GET).read_bytes()
    out = [data[:24]]
    pos = 24
    records = []
    while pos + 16 <= len(data):
        caplen = struct.unpack_from("<I", data, pos + 8)[0]
        records.append(bytearray(data[pos : pos + 16 + caplen]))
        pos += 16 + caplen
    for k in range(copies):
        port = struct.pack("!H", 20000 + k)
        for rec in records:
            r = bytearray(rec)
            # Ethernet (14) + IPv4 (20): TCP ports at 34/36 of the frame, +16 record header.
            if r[16 + 34 : 16 + 36] == struct.pack("!H", 59856):
                r[16 + 34 : 16 + 36] = port
            else:
                r[16 + 36 : 16 + 38] = port
            out.append(bytes(r))
    path.write_bytes(b"".join(out))


def test_many_chunks_carry_records_across_chunk_boundaries(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pcap_records, "CHUNK", 1 << 20)  # 1 MiB chunks: records straddle them
    p = tmp_path / "many.pcap"
    _many_connections(p, 700)  # ~3.6 MB
    ix = build_index(str(p))
    assert ix.packet_count == 700 * 14
    assert len(ix.connections) == 700
    assert all(sum(c.packets) == 14 and c.closed == "fin" for c in ix.connections)
    assert ix.connections[699].client.endswith(":20699")
    # The copies repeat the original timestamps: the only warning.
    assert ix.warnings == [
        "Timestamps go backwards 699 times (first at packet 15); packets are kept in file order."
    ]


def test_index_larger_than_its_size_estimate(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When the preallocated rows run out, later batches overflow and are joined."""
    monkeypatch.setattr(pcap_records, "CHUNK", 1 << 20)
    p = tmp_path / "many.pcap"
    _many_connections(p, 300)
    normal = build_index(str(p))
    monkeypatch.setattr(packet_columns, "CAPACITY_MARGIN", 0.01)
    squeezed = build_index(str(p))
    assert squeezed.packet_count == normal.packet_count == 300 * 14
    for name in ("offset", "time", "conn", "seq", "anomalies", "direction"):
        assert np.array_equal(squeezed.packets[name], normal.packets[name]), name
    assert squeezed.connections == normal.connections


def test_cancel_midway(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pcap_records, "CHUNK", 1 << 20)
    p = tmp_path / "many.pcap"
    _many_connections(p, 700)
    seen: list[int] = []
    with pytest.raises(LoadCancelled):
        build_index(str(p), progress=lambda d, t: seen.append(d), should_cancel=lambda: bool(seen))
    assert len(seen) == 1
    assert not [t for t in threading.enumerate() if t.name == "pcap-reader"]  # reader stopped
