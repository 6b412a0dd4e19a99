"""dumpcap at each end, inside that end's namespace, and a small reader for what it wrote.

Each capture keeps TCP only (``-f tcp``): the relay forwards ARP too, but the captures then
start with the connection's first segment, as a capture of one connection does. Files are
pcap (``-P``), microsecond timestamps, CLOCK_REALTIME.
"""

from __future__ import annotations

import struct
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from tools.kernel_corpus.frames import TcpHeader, tcp_of_frame


class Dumpcap:
    def __init__(self, ns: str, interface: str, path: Path) -> None:
        self.ns, self.interface, self.path = ns, interface, path
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.unlink(missing_ok=True)
        self.proc = subprocess.Popen(
            ["ip", "netns", "exec", self.ns, "dumpcap", "-q", "-P", "-i", self.interface,
             "-f", "tcp", "-w", str(self.path)],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 10
        while not self.path.exists() or self.path.stat().st_size < 24:
            if self.proc.poll() is not None or time.monotonic() > deadline:
                err = self.proc.stderr.read().decode() if self.proc.stderr else ""
                raise RuntimeError(f"dumpcap in {self.ns} did not start: {err}")
            time.sleep(0.01)
        time.sleep(0.2)  # the filter is attached before the file is written; be generous

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.terminate()
            self.proc.wait(timeout=10)
            self.proc = None


@dataclass(frozen=True)
class CapturedPacket:
    number: int  # 1-based
    t: float  # seconds since the epoch
    tcp: TcpHeader


def read_pcap(path: Path) -> list[CapturedPacket]:
    """The TCP packets of a classic pcap file with Ethernet link type."""
    data = path.read_bytes()
    magic = struct.unpack_from("<I", data, 0)[0]
    if magic == 0xA1B2C3D4:
        endian, scale = "<", 1e-6
    elif magic == 0xA1B23C4D:
        endian, scale = "<", 1e-9
    else:
        raise ValueError(f"{path}: not a little-endian pcap file")
    (link_type,) = struct.unpack_from(endian + "I", data, 20)
    if link_type != 1:
        raise ValueError(f"{path}: link type {link_type}, not Ethernet")
    offset, number, out = 24, 0, []
    while offset + 16 <= len(data):
        sec, frac, incl, _ = struct.unpack_from(endian + "IIII", data, offset)
        frame = data[offset + 16: offset + 16 + incl]
        offset += 16 + incl
        number += 1
        tcp = tcp_of_frame(frame)
        if tcp is not None:
            out.append(CapturedPacket(number, sec + frac * scale, tcp))
    return out
