"""Small captures written with scapy, read back through the capture index and replayed: the
relative numbers each packet is shown with are the ones written here by hand, which are
the ones tshark 4.0.17 shows with ``-o tcp.relative_sequence_numbers:TRUE`` (checked again
below wherever tshark is installed) — issue 17's "relative numbers start where Wireshark's
do", for captures that start with and without the handshake and with one direction only.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from scapy.layers.inet import IP, TCP
from scapy.layers.l2 import Ether
from scapy.packet import Raw
from scapy.utils import wrpcap

from simulator.models.tcp.phrase import Rendering, render
from simulator.models.timeline.steps import StepKind
from simulator.net.capture.connection_replay import replay_connection
from simulator.net.capture.index import build_index

TSHARK = shutil.which("tshark")
CLIENT, SERVER = ("10.0.0.1", 40000), ("10.0.0.2", 80)

# (time, from the client, flags, SEQ, ACK, payload bytes), and the (seq, ack) tshark shows
Frame = tuple[float, bool, str, int, int, int]
CASES: dict[str, tuple[list[Frame], list[tuple[int, int]]]] = {
    # the handshake: each side counts from its SYN (ISN 1000 and 5000 → 0)
    "handshake": ([(0.0, True, "S", 1000, 0, 0), (0.1, False, "SA", 5000, 1001, 0),
                   (0.1001, True, "A", 1001, 5001, 0), (0.11, True, "PA", 1001, 5001, 20),
                   (0.21, False, "A", 5001, 1021, 0)],
                  [(0, 0), (0, 1), (1, 1), (1, 1), (1, 21)]),
    # joined mid-stream: each side's first SEQ counts 1
    "midstream": ([(0.0, True, "PA", 1000, 5000, 20), (0.05, False, "A", 5000, 1020, 0),
                   (0.06, False, "PA", 5000, 1020, 100), (0.07, True, "A", 1020, 5100, 0)],
                  [(1, 1), (1, 21), (1, 21), (21, 101)]),
    # the client's ACK (5000) came before the server's first SEQ (5100): 5000 counts 1
    "ack first": ([(0.0, True, "PA", 1000, 5000, 20), (0.05, False, "PA", 5100, 1020, 100),
                   (0.1, True, "A", 1020, 5200, 0)],
                  [(1, 1), (101, 21), (21, 201)]),
    # only the client's direction: the server counts from the client's first ACK
    "one direction": ([(0.0, True, "PA", 1000, 5000, 20), (0.1, True, "PA", 1020, 5100, 30),
                       (0.2, True, "A", 1050, 5300, 0)],
                      [(1, 1), (21, 101), (51, 301)]),
}


def _packets(frames: list[Frame], client_port: int = CLIENT[1]) -> list[Ether]:
    packets = []
    for time, from_client, flags, seq, ack, size in frames:
        client, server = (CLIENT[0], client_port), SERVER
        (src, sport), (dst, dport) = (client, server) if from_client else (server, client)
        packet = Ether() / IP(src=src, dst=dst) / TCP(sport=sport, dport=dport, flags=flags,
                                                      seq=seq, ack=ack, window=502)
        if size:
            packet = packet / Raw(b"x" * size)
        packet.time = time
        packets.append(packet)
    return packets


def _shown(path: Path) -> list[tuple[int, int]]:
    """(seq, ack) of each packet as the replay shows it: the send step's label, relative."""
    timeline, _ = replay_connection(build_index(str(path)), 0)
    out = []
    for step in timeline:
        if step.kind is StepKind.USER:
            text = render(step.explanation.what, Rendering(relative=True))
            label = text.split("seq=")[-1]
            seq = int(label.split()[0])
            ack = int(label.split("ack=")[1].split()[0]) if " ack=" in label else 0
            out.append((seq, ack))
    return out


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_replay_numbers_each_packet_as_wireshark_does(name: str, tmp_path: Path) -> None:
    frames, expected = CASES[name]
    path = tmp_path / "capture.pcap"
    wrpcap(str(path), _packets(frames))
    assert _shown(path) == expected


@pytest.mark.skipif(TSHARK is None, reason="tshark is not installed")
def test_the_numbers_written_here_are_tsharks(tmp_path: Path) -> None:
    """All the cases in one file (one client port each), read by tshark once."""
    path = tmp_path / "captures.pcap"
    names = sorted(CASES)
    wrpcap(str(path), [p for k, name in enumerate(names)
                       for p in _packets(CASES[name][0], CLIENT[1] + k)])
    assert TSHARK is not None
    out = subprocess.run([TSHARK, "-n", "-r", str(path), "-o",
                          "tcp.relative_sequence_numbers:TRUE", "-T", "fields", "-e", "tcp.srcport",
                          "-e", "tcp.dstport", "-e", "tcp.seq", "-e", "tcp.ack"],
                         capture_output=True, text=True, check=True).stdout
    shown: dict[str, list[tuple[int, int]]] = {name: [] for name in names}
    for line in out.splitlines():
        sport, dport, seq, ack = (int(v or 0) for v in line.split("\t"))
        port = sport if sport != SERVER[1] else dport
        shown[names[port - CLIENT[1]]].append((seq, ack))
    assert shown == {name: CASES[name][1] for name in names}
