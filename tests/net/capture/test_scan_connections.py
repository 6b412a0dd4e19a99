"""A SYN scan: thousands of one- or two-packet connections (issue 13: 170,000 of them took
1.2 GB through ``analyze``; ``bench/bench_syn_scan.py`` measures it). What must hold
whatever the table's memory layout: every connection's endpoints, counts and packets, its
SYN's options, and the states its replay goes through.

The scanner 10.9.9.9 sends one SYN (with an MSS option, as nmap's do) to each target;
a third answer RST,ACK (closed), a third SYN,ACK with a window scale option, which the
scanner resets (open, half-open scan), the rest never answer (filtered).
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

import pytest

from simulator.net.capture import connection_table, tcp_options
from simulator.net.capture.connection_replay import observed_columns, replay_connection
from simulator.net.capture.index import CaptureIndex, build_index

FIN, SYN, RST, PSH, ACK = 0x01, 0x02, 0x04, 0x08, 0x10
SCANNER = "10.9.9.9"
TARGETS = 2000


@dataclass(frozen=True)
class Probe:
    target: str
    sport: int
    dport: int
    fate: str  # "filtered" | "closed" | "open"
    mss: int  # in the SYN
    wscale: int  # in the SYN,ACK of an open port
    packets: tuple[int, ...]  # packet numbers


def _ip(text: str) -> bytes:
    return bytes(int(part) for part in text.split("."))


def _frame(src: str, dst: str, sport: int, dport: int, seq: int, ack: int, flags: int,
           options: bytes = b"") -> bytes:
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 40 + len(options), 0, 0, 64, 6, 0,
                     _ip(src), _ip(dst))
    tcp = struct.pack("!HHIIBBHHH", sport, dport, seq, ack, (5 + len(options) // 4) << 4,
                      flags, 1024, 0, 0)
    return b"\x02\x00\x00\x00\x00\x02\x02\x00\x00\x00\x00\x01\x08\x00" + ip + tcp + options


def _scan(path: Path, targets: int, late_answer: bool = False) -> list[Probe]:
    """Write the scan (Ethernet, classic pcap); ``late_answer``: the SYN,ACK of the first
    open port comes after every other packet."""
    frames: list[bytes] = []
    late: list[bytes] = []
    sent: list[tuple[Probe, list[tuple[list[bytes], int]]]] = []  # probe, where its frames are
    for k in range(targets):
        target = f"10.{k >> 16 & 255}.{k >> 8 & 255}.{k & 255}"
        sport, dport = 40000 + k % 20000, 1 + k % 1000
        mss, wscale = 536 + k % 900, k % 15
        fate = ("filtered", "closed", "open")[k % 3]
        isn = 1000 * k  # the scanner's; the target's is 7
        answers: list[tuple[bytes, list[bytes]]] = [
            (_frame(SCANNER, target, sport, dport, isn, 0, SYN,
                    b"\x02\x04" + struct.pack("!H", mss)), frames)]
        if fate == "closed":
            answers.append((_frame(target, SCANNER, dport, sport, 0, isn + 1, RST | ACK),
                            frames))
        elif fate == "open":
            answers.append((_frame(target, SCANNER, dport, sport, 7, isn + 1, SYN | ACK,
                                   b"\x01\x03\x03" + bytes([wscale])),
                            late if late_answer and k == 2 else frames))
            answers.append((_frame(SCANNER, target, sport, dport, isn + 1, 0, RST), frames))
        where = []
        for frame, to in answers:
            to.append(frame)
            where.append((to, len(to)))
        sent.append((Probe(target, sport, dport, fate, mss, wscale, ()), where))
    records = [struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1)]
    for number, frame in enumerate(frames + late, start=1):
        records.append(struct.pack("<IIII", 1_700_000_000, number, len(frame), len(frame)))
        records.append(frame)
    path.write_bytes(b"".join(records))
    return [Probe(p.target, p.sport, p.dport, p.fate, p.mss, p.wscale,
                  tuple(n if to is frames else len(frames) + n for to, n in where))
            for p, where in sent]


@pytest.fixture(scope="module")
def scan(tmp_path_factory: pytest.TempPathFactory) -> tuple[CaptureIndex, list[Probe]]:
    path = tmp_path_factory.mktemp("scan") / "scan.pcap"
    probes = _scan(path, TARGETS)
    return build_index(str(path)), probes


def _check_table(index: CaptureIndex, probes: list[Probe]) -> None:
    assert len(index.connections) == len(probes)
    for conn, probe in zip(index.connections, probes, strict=True):
        assert (conn.client, conn.server) == (f"{SCANNER}:{probe.sport}",
                                              f"{probe.target}:{probe.dport}")
        assert (conn.client_ip, conn.server_ip, conn.ip_version) == (SCANNER, probe.target, 4)
        assert conn.first_packet == probe.packets[0]
        assert sorted(index.packet_rows(conn.id).tolist()) == sorted(
            n - 1 for n in probe.packets)
        expected = {"filtered": ((1, 0), "open", 0, 0), "closed": ((1, 1), "rst", 0, 1),
                    "open": ((2, 1), "rst", 1, 1)}[probe.fate]
        packets, closed, syn_ack, rst = expected
        assert (conn.packets, conn.closed, conn.opened, conn.orientation) == (
            packets, closed, "handshake", "handshake")
        assert conn.bytes == (0, 0)
        assert dict(conn.counts) == {
            "syn": 1, "syn_ack": syn_ack, "fin": 0, "rst": rst, "retransmission": 0,
            "fast_retransmission": 0, "duplicate_ack": 0, "out_of_order": 0,
            "zero_window": 0}


def _check_options(index: CaptureIndex, probes: list[Probe]) -> None:
    for conn, probe in zip(index.connections, probes, strict=True):
        columns = observed_columns(index, conn.id)
        if probe.fate == "open":  # (the SYN,ACK: second, or last when it came late)
            syn_ack = sorted(probe.packets).index(probe.packets[1])
            assert sorted(columns.syn_options) == [0, syn_ack]
            assert columns.syn_options[syn_ack].window_scale == probe.wscale
        else:
            assert list(columns.syn_options) == [0]
        assert columns.syn_options[0].mss == probe.mss


def test_every_connection_of_the_scan_has_its_endpoints_counts_and_packets(
    scan: tuple[CaptureIndex, list[Probe]],
) -> None:
    _check_table(*scan)


def test_counts_shared_between_connections_cannot_be_changed(
    scan: tuple[CaptureIndex, list[Probe]],
) -> None:
    conn = scan[0].connections[0]
    with pytest.raises(TypeError):
        conn.counts["syn"] = 2  # type: ignore[index]


def test_every_syn_has_its_own_options(scan: tuple[CaptureIndex, list[Probe]]) -> None:
    _check_options(*scan)


def test_replayed_states_of_filtered_closed_and_open_ports(
    scan: tuple[CaptureIndex, list[Probe]],
) -> None:
    index, probes = scan
    expected = {
        "filtered": (["CLOSED", "SYN_SENT"], ["LISTEN", "SYN_RECEIVED"]),
        "closed": (["CLOSED", "SYN_SENT", "CLOSED"], ["CLOSED"]),
        "open": (["CLOSED", "SYN_SENT", "ESTABLISHED", "CLOSED"],
                 ["LISTEN", "SYN_RECEIVED", "LISTEN"]),
    }
    for conn, probe in zip(index.connections, probes, strict=True):
        timeline, _ = replay_connection(index, conn.id)
        assert (timeline.states("client"), timeline.states("server")) == expected[probe.fate]


@pytest.mark.parametrize(("made_at_a_time", "window"), [(7, 5), (1000, 64)])
def test_the_same_in_small_slices_and_windows_and_across_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, made_at_a_time: int, window: int,
) -> None:
    """Rows made a few at a time, options read a few rows at a time, and a connection whose
    answer comes after every other packet (more rows apart than a window)."""
    monkeypatch.setattr(connection_table, "_SLICE", made_at_a_time)
    monkeypatch.setattr(tcp_options, "WINDOW", window)
    probes = _scan(tmp_path / "scan.pcap", 300, late_answer=True)
    index = build_index(str(tmp_path / "scan.pcap"))
    assert index.packet_rows(2).tolist()[-1] == index.packet_count - 1  # (the late answer)
    _check_table(index, probes)
    _check_options(index, probes)
