"""Generated captures (tests/data/captures/make_generated.py) for cases the corpus lacks."""

from __future__ import annotations

from typing import Any

import pytest

from simulator.net.capture import tcp_anomalies as ta
from simulator.net.capture.index import build_index
from simulator.net.capture.packet_table import PF_FRAGMENT
from tests.net.conftest import GENERATED, generated_expected

EXPECTED = generated_expected()


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_generated_capture(name: str) -> None:
    exp: dict[str, Any] = EXPECTED[name]
    ix = build_index(str(GENERATED / name))
    assert ix.packet_count == exp["packets"]
    assert len(ix.connections) == exp["connections"]
    for key in ("syn", "syn_ack", "fin", "zero_window"):
        if key in exp:
            assert sum(c.counts[key] for c in ix.connections) == exp[key], key
    for conn in ix.connections:
        assert conn.client == exp["client"]
        assert conn.closed == exp["closed"]
        assert conn.orientation == "handshake"
    if "linktype" in exp:
        assert ix.link_types == [exp["linktype"]]
    if "fragments" in exp:
        frag = int((ix.packets["pflags"] & PF_FRAGMENT != 0).sum())
        assert frag == exp["fragments"]
        assert any(f"IP fragments: {frag} packets were fragments" in w for w in ix.warnings)
        assert frag > 1
    if "unknown_link_packets" in exp:
        assert any(f"its {exp['unknown_link_packets']} packets were skipped" in w
                   for w in ix.warnings)
    if "comment" in exp:
        assert {str(k): v for k, v in ix.comments.items()} == exp["comment"]


def test_nanosecond_timestamps_are_read_as_nanoseconds() -> None:
    exp = EXPECTED["nanosecond.pcap"]
    ix = build_index(str(GENERATED / "nanosecond.pcap"))
    t = ix.packets["time"]
    assert abs(t[0] - exp["first_time"]) < 1e-6
    # 1.5 microseconds apart: read as microseconds they would be 1.5 ms apart.
    assert abs((t[-1] - t[0]) / (len(t) - 1) - exp["step"]) < 1e-6


def test_big_endian_and_little_endian_files_agree() -> None:
    big = build_index(str(GENERATED / "big-endian.pcap"))
    assert [(s.flags, s.payload_len, s.direction) for s in big.segments(0)] == [
        (0x02, 0, 0), (0x12, 0, 1), (0x10, 0, 0), (0x18, 27, 0), (0x18, 40, 1),
        (0x11, 0, 0), (0x11, 0, 1), (0x10, 0, 0),
    ]


def test_simultaneous_open_is_one_connection_with_two_syns() -> None:
    ix = build_index(str(GENERATED / "simultaneous-open.pcap"))
    (conn,) = ix.connections
    assert conn.counts["syn"] == 2 and conn.counts["syn_ack"] == 2
    # Each SYN-ACK repeats its sender's SYN sequence number, so - exactly like tshark 4.0.17
    # on this file (checked by hand: frames 3 and 4 "(suspected) retransmission") - both
    # count as retransmissions.
    assert conn.counts["retransmission"] == 2
    assert [s.number for s in ix.segments(0) if s.anomalies & ta.RETRANSMISSION] == [3, 4]
    # The first SYN's sender is the client; the peer's SYN travels server -> client.
    assert [s.direction for s in ix.segments(0)][:4] == [0, 1, 0, 1]


def test_port_reuse_splits_like_tcp_stream() -> None:
    ix = build_index(str(GENERATED / "port-reuse.pcap"))
    a, b = ix.connections
    assert (a.client, a.server) == (b.client, b.server)
    assert (a.first_packet, b.first_packet) == (1, 9)
    assert sum(a.packets) == sum(b.packets) == 8


def test_zero_window_then_window_update_is_not_a_duplicate_ack() -> None:
    ix = build_index(str(GENERATED / "zero-window.pcap"))
    (conn,) = ix.connections
    assert conn.counts["zero_window"] == 1
    assert conn.counts["duplicate_ack"] == 0
    # tshark 4.0.17: frame 5 "TCP Zero Window segment", frame 6 "TCP window update".
    flagged = {s.number: s.anomalies for s in ix.segments(0) if s.anomalies}
    assert flagged == {5: ta.ZERO_WINDOW, 6: ta.WINDOW_UPDATE}


def test_fragments_are_flagged_not_reassembled() -> None:
    """Deliberate deviation: tshark reassembles the two IPv4 fragments (frames 9-10) into one
    TCP segment of stream 0; we flag fragments (PF_FRAGMENT) and leave them out of TCP."""
    ix = build_index(str(GENERATED / "ip-fragments.pcap"))
    assert sum(ix.connections[0].packets) == 8
    assert [int(c) for c in ix.packets["conn"][8:]] == [-1, -1, -1]
