"""Write the small generated captures in ``generated/`` (cases the public corpus lacks).

Run ``python tests/data/captures/make_generated.py``; the outputs are committed too. Every
file is written with scapy's writers (``wrpcap``, ``PcapWriter``, ``PcapNgWriter``) from
packets built here, with fixed timestamps so the output is reproducible. The expected
facts of each file are in ``generated/expected.json`` (written by this script from the
packet lists, not by reading the files back).
"""

from __future__ import annotations

import json
from pathlib import Path

from scapy.layers.inet import IP, TCP, UDP, fragment
from scapy.layers.inet6 import (
    IPv6,
    IPv6ExtHdrDestOpt,
    IPv6ExtHdrFragment,
    IPv6ExtHdrHopByHop,
    IPv6ExtHdrRouting,
)
from scapy.layers.l2 import CookedLinuxV2, Ether, Loopback
from scapy.packet import Packet, Raw
from scapy.utils import PcapNgWriter, PcapWriter

OUT = Path(__file__).resolve().parent / "generated"
T0 = 1_700_000_000.0
A, B = "10.0.0.1", "10.0.0.2"
A6, B6 = "2001:db8::1", "2001:db8::2"
ETH = Ether(src="02:00:00:00:00:01", dst="02:00:00:00:00:02")


def _stamp(pkts: list[Packet], step: float = 0.01) -> list[Packet]:
    for i, p in enumerate(pkts):
        p.time = T0 + i * step
    return pkts


def handshake_data_fin(
    ip: type[Packet] = IP, src: str = A, dst: str = B, sport: int = 40000, dport: int = 80,
    cisn: int = 1000, sisn: int = 5000,
) -> list[Packet]:
    """A complete connection: 3-way handshake, 1 request, 1 response, FIN both ways."""
    c = ip(src=src, dst=dst)
    s = ip(src=dst, dst=src)
    req = b"GET / HTTP/1.1\r\nHost: x\r\n\r\n"
    resp = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"
    c1, s1 = cisn + 1, sisn + 1
    return [
        c / TCP(sport=sport, dport=dport, flags="S", seq=cisn),
        s / TCP(sport=dport, dport=sport, flags="SA", seq=sisn, ack=c1),
        c / TCP(sport=sport, dport=dport, flags="A", seq=c1, ack=s1),
        c / TCP(sport=sport, dport=dport, flags="PA", seq=c1, ack=s1) / req,
        s / TCP(sport=dport, dport=sport, flags="PA", seq=s1, ack=c1 + len(req)) / resp,
        c / TCP(sport=sport, dport=dport, flags="FA", seq=c1 + len(req), ack=s1 + len(resp)),
        s / TCP(sport=dport, dport=sport, flags="FA", seq=s1 + len(resp), ack=c1 + len(req) + 1),
        c / TCP(sport=sport, dport=dport, flags="A", seq=c1 + len(req) + 1,
                ack=s1 + len(resp) + 1),
    ]


def simultaneous_open() -> list[Packet]:
    """RFC 9293 figure 7: both ends send SYN, then SYN-ACK, then data and FINs."""
    a = IP(src=A, dst=B)
    b = IP(src=B, dst=A)
    return [
        a / TCP(sport=7000, dport=7001, flags="S", seq=100),
        b / TCP(sport=7001, dport=7000, flags="S", seq=300),
        a / TCP(sport=7000, dport=7001, flags="SA", seq=100, ack=301),
        b / TCP(sport=7001, dport=7000, flags="SA", seq=300, ack=101),
        a / TCP(sport=7000, dport=7001, flags="PA", seq=101, ack=301) / b"hi",
        b / TCP(sport=7001, dport=7000, flags="A", seq=301, ack=103),
        a / TCP(sport=7000, dport=7001, flags="FA", seq=103, ack=301),
        b / TCP(sport=7001, dport=7000, flags="FA", seq=301, ack=104),
        a / TCP(sport=7000, dport=7001, flags="A", seq=104, ack=302),
    ]


def write_all() -> dict[str, dict[str, object]]:
    OUT.mkdir(exist_ok=True)
    expected: dict[str, dict[str, object]] = {}

    pkts = _stamp([ETH / p for p in simultaneous_open()])
    PcapWriter(str(OUT / "simultaneous-open.pcap"), linktype=1).write(pkts)
    expected["simultaneous-open.pcap"] = {
        "packets": len(pkts), "connections": 1, "syn": 2, "syn_ack": 2, "fin": 2,
        "client": f"{A}:7000", "closed": "fin",
    }

    pkts = _stamp([
        CookedLinuxV2(proto=0x0800, ifindex=2, pkttype=0) / p for p in handshake_data_fin()
    ])
    PcapWriter(str(OUT / "sll2-linux-cooked-v2.pcap"), linktype=276).write(pkts)
    expected["sll2-linux-cooked-v2.pcap"] = {
        "packets": len(pkts), "connections": 1, "syn": 1, "syn_ack": 1, "fin": 2,
        "client": f"{A}:40000", "closed": "fin", "linktype": 276,
    }

    pkts = _stamp([Loopback(type=2) / p for p in handshake_data_fin(src="127.0.0.1",
                                                                      dst="127.0.0.1")])
    PcapWriter(str(OUT / "null-bsd-loopback.pcap"), linktype=0).write(pkts)
    expected["null-bsd-loopback.pcap"] = {
        "packets": len(pkts), "connections": 1, "syn": 1, "syn_ack": 1, "fin": 2,
        "client": "127.0.0.1:40000", "closed": "fin", "linktype": 0,
    }

    pkts = _stamp([ETH / p for p in handshake_data_fin(sport=40001)])
    PcapWriter(str(OUT / "big-endian.pcap"), linktype=1, endianness=">").write(pkts)
    expected["big-endian.pcap"] = {
        "packets": len(pkts), "connections": 1, "syn": 1, "syn_ack": 1, "fin": 2,
        "client": f"{A}:40001", "closed": "fin",
    }

    pkts = _stamp([ETH / p for p in handshake_data_fin(sport=40002)], step=0.000001500)
    PcapWriter(str(OUT / "nanosecond.pcap"), linktype=1, nano=True).write(pkts)
    expected["nanosecond.pcap"] = {
        "packets": len(pkts), "connections": 1, "syn": 1, "syn_ack": 1, "fin": 2,
        "client": f"{A}:40002", "closed": "fin", "first_time": T0, "step": 0.0000015,
    }

    ext = IPv6ExtHdrHopByHop() / IPv6ExtHdrRouting(addresses=[]) / IPv6ExtHdrDestOpt()
    conn6 = handshake_data_fin(ip=IPv6, src=A6, dst=B6, sport=40003)
    pkts6 = []
    for p in conn6:
        tcp = p[TCP]
        pkts6.append(ETH / IPv6(src=p[IPv6].src, dst=p[IPv6].dst) / ext.copy() / tcp)
    pkts6 = _stamp(pkts6)
    PcapWriter(str(OUT / "ipv6-extension-headers.pcap"), linktype=1).write(pkts6)
    expected["ipv6-extension-headers.pcap"] = {
        "packets": len(pkts6), "connections": 1, "syn": 1, "syn_ack": 1, "fin": 2,
        "client": f"[{A6}]:40003", "closed": "fin",
    }

    # A normal connection plus one big segment sent as two IPv4 fragments, and an IPv6
    # fragment: fragments are flagged and counted, not reassembled.
    base = handshake_data_fin(sport=40004)
    big = IP(src=A, dst=B, id=77) / TCP(sport=40004, dport=80, flags="PA", seq=9000,
                                         ack=1) / Raw(b"x" * 1400)
    frags = fragment(big, fragsize=800)
    v6frag = IPv6(src=A6, dst=B6) / IPv6ExtHdrFragment(id=5, m=1, offset=0) / Raw(b"y" * 64)
    pkts = _stamp([ETH / p for p in [*base, *frags, v6frag]])
    PcapWriter(str(OUT / "ip-fragments.pcap"), linktype=1).write(pkts)
    expected["ip-fragments.pcap"] = {
        "packets": len(pkts), "connections": 1, "syn": 1, "syn_ack": 1, "fin": 2,
        "fragments": len(frags) + 1, "client": f"{A}:40004", "closed": "fin",
    }

    # Port reuse: the same 4-tuple opened twice with different initial sequence numbers.
    first = handshake_data_fin(sport=40005, cisn=1000, sisn=5000)
    second = handshake_data_fin(sport=40005, cisn=777777, sisn=888888)
    pkts = _stamp([ETH / p for p in [*first, *second]])
    PcapWriter(str(OUT / "port-reuse.pcap"), linktype=1).write(pkts)
    expected["port-reuse.pcap"] = {
        "packets": len(pkts), "connections": 2, "syn": 2, "syn_ack": 2, "fin": 4,
        "client": f"{A}:40005", "closed": "fin",
    }

    # Receiver advertises a zero window, then opens it again (window update).
    s = IP(src=B, dst=A)
    zw = handshake_data_fin(sport=40006)
    zw[4:4] = [
        s / TCP(sport=80, dport=40006, flags="A", seq=5001, ack=1001 + 27, window=0),
        s / TCP(sport=80, dport=40006, flags="A", seq=5001, ack=1001 + 27, window=8192),
    ]
    pkts = _stamp([ETH / p for p in zw])
    PcapWriter(str(OUT / "zero-window.pcap"), linktype=1).write(pkts)
    expected["zero-window.pcap"] = {
        "packets": len(pkts), "connections": 1, "syn": 1, "syn_ack": 1, "fin": 2,
        "zero_window": 1, "client": f"{A}:40006", "closed": "fin",
    }

    # pcapng, two interfaces: Ethernet (TCP) and link type 147 (USER0, unsupported).
    eth_pkts = [ETH / p for p in handshake_data_fin(sport=40007)]
    for p in eth_pkts:
        p.sniffed_on = "eth0"
    user0 = [Raw(b"\x00" * 20) for _ in range(3)]
    for p in user0:
        p.sniffed_on = "user0"
    mixed = _stamp([*eth_pkts[:2], *user0, *eth_pkts[2:]])
    mixed[0].comments = [b"first packet"]
    w = PcapNgWriter(str(OUT / "pcapng-unknown-link.pcapng"))
    w.linktype = 1  # section header + a first (unused) Ethernet interface
    w._write_header(None)
    for p in mixed:
        w._write_packet(bytes(p), linktype=147 if p.sniffed_on == "user0" else 1,
                        sec=float(p.time), usec=None, ifname=p.sniffed_on.encode(),
                        comments=getattr(p, "comments", None))
    w.close()
    expected["pcapng-unknown-link.pcapng"] = {
        "packets": len(mixed), "connections": 1, "syn": 1, "syn_ack": 1, "fin": 2,
        "unknown_link_packets": len(user0), "client": f"{A}:40007", "closed": "fin",
        "comment": {"1": "first packet"},
    }

    # No TCP at all (UDP only) - handled like the dpkt DNS/ICMP capture.
    pkts = _stamp([ETH / IP(src=A, dst=B) / UDP(sport=5353, dport=53) / b"q" for _ in range(3)])
    PcapWriter(str(OUT / "udp-only.pcap"), linktype=1).write(pkts)
    expected["udp-only.pcap"] = {"packets": 3, "connections": 0}

    (OUT / "expected.json").write_text(json.dumps(expected, indent=1, sort_keys=True) + "\n")
    return expected


if __name__ == "__main__":
    for name in write_all():
        print("wrote", OUT / name)
