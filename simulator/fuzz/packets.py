"""Ethernet/IPv4/IPv6/TCP frames packed with ``struct``, and TCP connections made of them.

The HTTP variants need byte streams put into TCP connections the way a capture holds them:
a handshake, data cut into segments, acknowledgments, and now and then a segment reordered,
sent again (with the same or other bytes), lost, or cut to a snapshot length. scapy could
build the frames but is ~100× slower; checksums here are real so nothing looks corrupt
unless a mutator makes it so.
"""

from __future__ import annotations

import random
import struct
from dataclasses import dataclass, field

FIN, SYN, RST, PSH, ACK = 0x01, 0x02, 0x04, 0x08, 0x10
_MOD = 1 << 32


def _checksum(data: bytes) -> int:
    """The Internet checksum (RFC 1071) of ``data``."""
    if len(data) % 2:
        data += b"\0"
    total: int = sum(struct.unpack(f"!{len(data) // 2}H", data))
    while total >> 16:
        total = (total & 0xFFFF) + (total >> 16)
    return ~total & 0xFFFF


def _ip_bytes(address: str) -> bytes:
    if ":" in address:
        import ipaddress

        return ipaddress.IPv6Address(address).packed
    return bytes(int(part) for part in address.split("."))


@dataclass(frozen=True)
class Endpoint:
    """An IP address (v4 or v6) and a TCP port."""

    ip: str
    port: int


def tcp_frame(src: Endpoint, dst: Endpoint, seq: int, ack: int, flags: int, payload: bytes,
              *, window: int = 65535, vlan: int | None = None, mss: bool = False) -> bytes:
    """One Ethernet frame carrying a TCP segment over IPv4 or IPv6 (from ``src.ip``)."""
    options = struct.pack("!BBH", 2, 4, 1460) + b"\x01\x03\x03\x07" if mss else b""
    offset = (20 + len(options)) // 4
    header = struct.pack("!HHIIBBHHH", src.port, dst.port, seq % _MOD, ack % _MOD, offset << 4,
                         flags & 0xFF, window, 0, 0) + options
    s, d = _ip_bytes(src.ip), _ip_bytes(dst.ip)
    length = len(header) + len(payload)
    if len(s) == 16:
        pseudo = s + d + struct.pack("!IxxxB", length, 6)
    else:
        pseudo = s + d + struct.pack("!xBH", 6, length)
    csum = _checksum(pseudo + header + payload)
    segment = header[:16] + struct.pack("!H", csum) + header[18:] + payload
    if len(s) == 16:
        ip = struct.pack("!IHBB", 6 << 28, len(segment), 6, 64) + s + d
        ethertype = 0x86DD
    else:
        ip = struct.pack("!BBHHHBBH", 0x45, 0, 20 + len(segment), 1, 0x4000, 64, 6, 0) + s + d
        ip = ip[:10] + struct.pack("!H", _checksum(ip)) + ip[12:]
        ethertype = 0x0800
    link = b"\x02\x00\x00\x00\x00\x02\x02\x00\x00\x00\x00\x01"
    if vlan is not None:
        link += struct.pack("!HH", 0x8100, vlan & 0x0FFF)
    return link + struct.pack("!H", ethertype) + ip + segment


@dataclass
class Connection:
    """One TCP connection written segment by segment (direction 0 = client → server)."""

    client: Endpoint
    server: Endpoint
    isn: tuple[int, int] = (1000, 50000)
    start: float = 1_700_000_000.0
    vlan: int | None = None
    records: list[tuple[float, bytes, int]] = field(default_factory=list)
    next_seq: list[int] = field(default_factory=list)
    time: float = 0.0

    def __post_init__(self) -> None:
        self.next_seq = [self.isn[0], self.isn[1]]
        self.time = self.start

    def packet(self, d: int, flags: int, payload: bytes = b"", *, seq: int | None = None,
               snap: int | None = None) -> None:
        """Append one segment from side ``d``; ``seq`` given: a retransmission or a stray."""
        src, dst = (self.client, self.server) if d == 0 else (self.server, self.client)
        s = self.next_seq[d] if seq is None else seq
        raw = tcp_frame(src, dst, s, self.next_seq[1 - d], flags, payload, vlan=self.vlan,
                        mss=bool(flags & SYN))
        self.time += 0.0005
        self.records.append((self.time, raw[:snap] if snap is not None else raw, len(raw)))
        if seq is None:
            self.next_seq[d] = s + len(payload) + (1 if flags & (SYN | FIN) else 0)

    def handshake(self) -> None:
        self.packet(0, SYN)
        self.packet(1, SYN | ACK)
        self.packet(0, ACK)

    def close(self) -> None:
        self.packet(0, FIN | ACK)
        self.packet(1, FIN | ACK)
        self.packet(0, ACK)

    def send(self, d: int, data: bytes, rng: random.Random, rough: float = 0.0) -> list[str]:
        """Send ``data`` from side ``d`` in segments of random size, each acknowledged.

        With probability ``rough`` per segment something happens to it: it is sent again,
        sent again with other bytes, lost (never captured), swapped with the next one or
        cut to a snapshot length. Returns what happened, for the variant's description.
        """
        notes: list[str] = []
        mss = rng.choice((1, 7, 64, 536, 1000, 1460, 1460, 1460))
        mss = max(mss, min(1460, len(data) // 2000))  # at most ~2000 segments per message
        pieces = [data[at:at + mss] for at in range(0, len(data), mss)]
        held: tuple[int, bytes] | None = None
        for number, piece in enumerate(pieces):
            if rng.random() >= rough:
                self.packet(d, PSH | ACK, piece)
                if held is not None:
                    self.packet(d, PSH | ACK, held[1], seq=held[0])
                    held = None
                self.packet(1 - d, ACK)
                continue
            what = rng.choice(("again", "other-bytes", "lost", "swap", "snap"))
            seq = self.next_seq[d]
            notes.append(f"segment {number} of side {d}: {what}")
            if what == "again":
                self.packet(d, PSH | ACK, piece)
                self.packet(d, PSH | ACK, piece, seq=seq)
            elif what == "other-bytes":
                self.packet(d, PSH | ACK, piece)
                self.packet(d, PSH | ACK, bytes(rng.randrange(256) for _ in piece), seq=seq)
            elif what == "lost":
                self.next_seq[d] += len(piece)
            elif what == "swap" and held is None:
                held = (seq, piece)
                self.next_seq[d] += len(piece)
                continue
            else:
                self.packet(d, PSH | ACK, piece, snap=rng.randrange(14, 80))
            self.packet(1 - d, ACK)
        if held is not None:
            self.packet(d, PSH | ACK, held[1], seq=held[0])
        return notes
