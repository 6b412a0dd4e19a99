"""Write small TCP captures for the HTTP tests: scapy builds each packet, this writes the pcap.

``Flow`` plays one TCP connection segment by segment, so a test can put HTTP bytes on the
wire the way a real capture holds them: split at the MSS, reordered, retransmitted, lost,
cut to a snapshot length, over IPv6 or inside a VLAN tag. ``serve_flask`` runs a real Flask
app on a real Werkzeug server on loopback and returns the bytes that crossed the socket.
"""

from __future__ import annotations

import socket
import struct
import threading
from collections.abc import Callable, Sequence
from pathlib import Path

from scapy.layers.inet import IP, TCP
from scapy.layers.inet6 import IPv6
from scapy.layers.l2 import Dot1Q, Ether

FIN, SYN, RST, PSH, ACK = 0x01, 0x02, 0x04, 0x08, 0x10


class Flow:
    """One TCP connection written packet by packet (direction 0 = client → server)."""

    def __init__(
        self,
        client: tuple[str, int] = ("10.0.0.1", 40000),
        server: tuple[str, int] = ("10.0.0.2", 8080),
        *,
        isn: tuple[int, int] = (1000, 50000),
        ipv6: bool = False,
        vlan: int | None = None,
        start: float = 1_700_000_000.0,
    ) -> None:
        self.ends = (client, server)
        self.next_seq = [isn[0], isn[1]]
        self.ipv6 = ipv6
        self.vlan = vlan
        self.time = start
        self.records: list[tuple[float, bytes, int]] = []  # (time, captured bytes, wirelen)

    def packet(self, d: int, flags: int, payload: bytes = b"", *, seq: int | None = None,
               snap: int | None = None) -> int:
        """Append one segment; returns its packet number (1-based)."""
        src, dst = self.ends[d], self.ends[1 - d]
        s = self.next_seq[d] if seq is None else seq
        ack = self.next_seq[1 - d] % (1 << 32)
        tcp = TCP(sport=src[1], dport=dst[1], seq=s % (1 << 32), ack=ack, flags=flags,
                  window=65535)
        ip = IPv6(src=src[0], dst=dst[0]) if self.ipv6 else IP(src=src[0], dst=dst[0])
        link = Ether(src="02:00:00:00:00:01", dst="02:00:00:00:00:02")
        frame = link / Dot1Q(vlan=self.vlan) / ip / tcp if self.vlan is not None else \
            link / ip / tcp
        raw = bytes(frame / payload) if payload else bytes(frame)
        self.time += 0.001
        self.records.append((self.time, raw[:snap] if snap else raw, len(raw)))
        if seq is None:
            self.next_seq[d] = s + len(payload) + (1 if flags & (SYN | FIN) else 0)
        return len(self.records)

    def handshake(self) -> None:
        self.packet(0, SYN)
        self.packet(1, SYN | ACK)
        self.packet(0, ACK)

    def send(self, d: int, data: bytes, mss: int = 1460) -> list[int]:
        """Send ``data`` in MSS-sized segments, each acknowledged; returns packet numbers."""
        numbers = []
        for at in range(0, len(data), mss):
            numbers.append(self.packet(d, PSH | ACK, data[at:at + mss]))
            self.packet(1 - d, ACK)
        return numbers

    def close(self) -> None:
        self.packet(0, FIN | ACK)
        self.packet(1, FIN | ACK)
        self.packet(0, ACK)

    def write(self, path: Path) -> Path:
        write_pcap(path, self.records)
        return path


def write_pcap(path: Path, records: Sequence[tuple[float, bytes, int]]) -> None:
    """A classic little-endian microsecond pcap, Ethernet link type."""
    out = [struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 262144, 1)]
    for t, raw, wirelen in records:
        sec = int(t)
        out.append(struct.pack("<IIII", sec, round((t - sec) * 1e6), len(raw), wirelen))
        out.append(raw)
    path.write_bytes(b"".join(out))


def conversation(path: Path, exchanges: Sequence[tuple[bytes, bytes]], **flow_args: object
                 ) -> Path:
    """A whole connection: handshake, each request then its response, FIN both ways."""
    flow = Flow(**flow_args)  # type: ignore[arg-type]
    flow.handshake()
    for request, response in exchanges:
        flow.send(0, request)
        flow.send(1, response)
    flow.close()
    return flow.write(path)


def serve_flask(
    app: object, next_request: Callable[[list[tuple[bytes, bytes]]], bytes | None]
) -> list[tuple[bytes, bytes]]:
    """Run ``app`` on a real Werkzeug server on 127.0.0.1; one connection per request.

    ``next_request(exchanges so far)`` gives the next raw request (it may use the previous
    responses, e.g. their Set-Cookie), or None to stop. Returns (request, response) bytes
    exactly as they crossed the socket.
    """
    from werkzeug.serving import make_server

    server = make_server("127.0.0.1", 0, app)  # type: ignore[arg-type]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    exchanges: list[tuple[bytes, bytes]] = []
    try:
        while (request := next_request(exchanges)) is not None:
            with socket.create_connection(("127.0.0.1", server.port)) as sock:
                sock.sendall(request)
                sock.shutdown(socket.SHUT_WR)
                chunks = []
                while chunk := sock.recv(65536):
                    chunks.append(chunk)
            exchanges.append((request, b"".join(chunks)))
    finally:
        server.shutdown()
        thread.join()
    return exchanges
