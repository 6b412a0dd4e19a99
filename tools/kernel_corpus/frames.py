"""Just enough of Ethernet, IPv4 and TCP to read a frame's TCP header (relay and pcap reader)."""

from __future__ import annotations

import struct
from dataclasses import dataclass

ETH_P_IP = 0x0800
FIN, SYN, RST, PSH, ACK = 0x01, 0x02, 0x04, 0x08, 0x10
_FLAG_NAMES = ((SYN, "SYN"), (FIN, "FIN"), (RST, "RST"), (PSH, "PSH"), (ACK, "ACK"))


@dataclass(frozen=True)
class TcpHeader:
    src: str
    dst: str
    sport: int
    dport: int
    seq: int
    ack: int
    flags: int
    window: int
    payload_len: int

    def summary(self) -> str:
        names = ", ".join(n for bit, n in _FLAG_NAMES if self.flags & bit)
        return (f"{self.src}:{self.sport} → {self.dst}:{self.dport} [{names}] "
                f"seq={self.seq} ack={self.ack} len={self.payload_len}")

    @property
    def seg_len(self) -> int:
        """SEG.LEN: the payload plus one for SYN and one for FIN (RFC 9293 §3.4)."""
        return self.payload_len + (1 if self.flags & SYN else 0) + (1 if self.flags & FIN else 0)


def tcp_of_frame(frame: bytes) -> TcpHeader | None:
    """The TCP header of an Ethernet frame carrying IPv4/TCP, else None (ARP, ...)."""
    if len(frame) < 14 + 20 or struct.unpack_from("!H", frame, 12)[0] != ETH_P_IP:
        return None
    return tcp_of_ip(frame[14:])


def tcp_of_ip(packet: bytes) -> TcpHeader | None:
    if len(packet) < 20 or packet[0] >> 4 != 4 or packet[9] != 6:
        return None
    ihl = (packet[0] & 0x0F) * 4
    total = struct.unpack_from("!H", packet, 2)[0]
    tcp = packet[ihl:]
    if len(tcp) < 20:
        return None
    sport, dport, seq, ack, off_flags, window = struct.unpack_from("!HHIIHH", tcp, 0)
    doff = (off_flags >> 12) * 4
    src = ".".join(str(b) for b in packet[12:16])
    dst = ".".join(str(b) for b in packet[16:20])
    return TcpHeader(src, dst, sport, dport, seq, ack, off_flags & 0x1FF, window,
                     total - ihl - doff)
