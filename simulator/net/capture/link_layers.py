"""Vectorised decoding of link, IP and TCP headers for a batch of packet records.

Link types (tcpdump.org LINKTYPE registry, draft-ietf-opsawg-pcaplinktype): NULL 0 and
LOOP 108 (4-byte address family), Ethernet 1 (IEEE 802.1Q / 802.1ad tags, stacked; PPPoE
session RFC 2516 + PPP RFC 1661; MPLS RFC 3032), raw IP 101 (aliases 12, 14; 228 IPv4,
229 IPv6), Linux cooked SLL 113 and SLL2 276.
Network: IPv4 (RFC 791; fragments per RFC 791 3.1) and IPv6 (RFC 8200: hop-by-hop 0,
routing 43, fragment 44, destination options 60, AH 51 per RFC 4302). Transport: the TCP
header (RFC 9293, 3.1); its payload length is taken from the IP length so that frames cut
to the snapshot length keep their true ``tcp.len``.

Only a fixed set of header bytes is read per packet, with numpy fancy indexing: no scapy
dissection here (that is :mod:`simulator.net.capture.packet_detail`, one packet at a time).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from simulator.net.capture.pcap_records import RecordBatch

SUPPORTED_LINKTYPES = frozenset({0, 1, 12, 14, 101, 108, 113, 228, 229, 276})

_VLAN_TPIDS = (0x8100, 0x88A8, 0x9100)
_IPV4 = 0x0800
_IPV6 = 0x86DD
_V6_EXT = (0, 43, 44, 51, 60)

U64 = NDArray[np.uint64]
I64 = NDArray[np.int64]


@dataclass
class Decoded:
    """Header fields of every packet of a batch (meaningful where ``is_tcp``)."""

    is_tcp: NDArray[np.bool_]
    tcp_cut: NDArray[np.bool_]  # IP says TCP but the TCP header is not fully captured
    fragment: NDArray[np.bool_]
    vlan: NDArray[np.bool_]
    unknown_link: NDArray[np.bool_]
    ip_version: NDArray[np.uint8]
    src_hi: U64
    src_lo: U64
    dst_hi: U64
    dst_lo: U64
    sport: NDArray[np.uint32]
    dport: NDArray[np.uint32]
    seq: NDArray[np.uint32]
    ack: NDArray[np.uint32]
    flags: NDArray[np.uint16]
    window: NDArray[np.uint16]
    payload_len: NDArray[np.int64]
    tcp_start: I64  # where the TCP header starts in the batch's buffer (meaningful where is_tcp)
    tcp_hlen: I64  # its length (data offset × 4): options lie in [tcp_start + 20, + tcp_hlen)


class _Bytes:
    """Big-endian reads at many positions of one buffer.

    Positions are never clipped (that costs a pass per read): every position used is at
    most a few hundred bytes past the end of its packet, and batches carry ``PAD`` spare
    bytes after the last packet (the IPv6 extension-header walk is clamped to the packet).
    """

    def __init__(self, data: NDArray[np.uint8]) -> None:
        self.data = data

    def u8(self, p: I64) -> NDArray[np.uint32]:
        return self.data[p].astype(np.uint32)

    def u16(self, p: I64) -> NDArray[np.uint32]:
        d = self.data
        out: NDArray[np.uint32] = ((d[p].astype(np.uint32) << 8) | d[p + 1]).astype(np.uint32)
        return out

    def u32(self, p: I64) -> NDArray[np.uint32]:
        out: NDArray[np.uint32] = ((self.u16(p) << 16) | self.u16(p + 2)).astype(np.uint32)
        return out

    def u64(self, p: I64) -> U64:
        return (self.u32(p).astype(np.uint64) << np.uint64(32)) | self.u32(p + 4)


def _link(b: _Bytes, batch: RecordBatch) -> tuple[I64, NDArray[np.uint32], NDArray[np.bool_]]:
    """Return (network-header offset, ethertype-like protocol, unknown link type)."""
    start = batch.pos
    n = len(start)
    l3 = start.copy()
    proto = np.zeros(n, dtype=np.uint32)
    unknown = np.zeros(n, dtype=np.bool_)
    for lt in np.unique(batch.linktype).tolist():
        m = batch.linktype == lt
        s = start[m]
        if lt == 1:
            proto[m] = b.u16(s + 12)
            l3[m] = s + 14
        elif lt == 113:
            proto[m] = b.u16(s + 14)
            l3[m] = s + 16
        elif lt == 276:
            proto[m] = b.u16(s)
            l3[m] = s + 20
        elif lt in (12, 14, 101, 228, 229):
            nib = b.u8(s) >> 4
            proto[m] = np.where(nib == 4, _IPV4, np.where(nib == 6, _IPV6, 0))
        elif lt in (0, 108):
            fam_be = b.u32(s)
            fam = fam_be if lt == 108 else np.where(fam_be > 0xFFFF, fam_be.byteswap(), fam_be)
            v6 = (fam == 24) | (fam == 28) | (fam == 30)
            proto[m] = np.where(fam == 2, _IPV4, np.where(v6, _IPV6, 0))
            l3[m] = s + 4
        else:
            unknown |= m
    return l3, proto, unknown


def decode_batch(batch: RecordBatch, fields: bool = True) -> Decoded:
    """Decode link/IP/TCP headers of all records in ``batch`` at once. ``fields=False``
    finds only where each TCP header is (``tcp_start``, ``tcp_hlen``, the flags): addresses,
    ports, sequence numbers and windows are left zero (``tcp_options`` needs no more)."""
    b = _Bytes(batch.data)
    n = len(batch.pos)
    end = batch.pos + batch.caplen
    l3, proto, unknown = _link(b, batch)

    vlan = np.zeros(n, dtype=np.bool_)
    for _ in range(4):  # stacked 802.1Q / 802.1ad tags (QinQ)
        m = np.isin(proto, _VLAN_TPIDS)
        if not m.any():
            break
        vlan |= m
        proto[m] = b.u16(l3[m] + 2)
        l3[m] += 4
    m = proto == 0x8864  # PPPoE session stage: 6-byte header, then the PPP protocol
    if m.any():
        ppp = b.u16(l3[m] + 6)
        proto[m] = np.where(ppp == 0x0021, _IPV4, np.where(ppp == 0x0057, _IPV6, 0))
        l3[m] += 8
    m = (proto == 0x8847) | (proto == 0x8848)  # MPLS label stack, then guess IPv4/IPv6
    if m.any():
        live = m.copy()
        for _ in range(8):
            bos = (b.u8(l3 + 2) & 1).astype(np.bool_)
            l3[live] += 4
            live &= ~bos
        nib = b.u8(l3) >> 4
        proto[m] = np.where(nib[m] == 4, _IPV4, np.where(nib[m] == 6, _IPV6, 0))

    ip_version = np.zeros(n, dtype=np.uint8)
    l4 = np.zeros(n, dtype=np.int64)
    l4proto = np.full(n, 256, dtype=np.uint32)
    ip_payload = np.zeros(n, dtype=np.int64)
    fragment = np.zeros(n, dtype=np.bool_)
    src_hi = np.zeros(n, dtype=np.uint64)
    src_lo = np.zeros(n, dtype=np.uint64)
    dst_hi = np.zeros(n, dtype=np.uint64)
    dst_lo = np.zeros(n, dtype=np.uint64)
    mapped = np.uint64(0xFFFF << 32)  # IPv4 kept as ::ffff:a.b.c.d in the 128-bit key

    v4 = (proto == _IPV4) & (l3 + 20 <= end)
    if v4.any():
        p = l3[v4]
        b0 = b.u8(p)
        ihl = (b0 & 0x0F).astype(np.int64) * 4
        ok = ((b0 >> 4) == 4) & (ihl >= 20)
        total = b.u16(p + 2).astype(np.int64)
        # Total length 0 happens with TCP segmentation offload: use the captured length.
        total = np.where(total == 0, end[v4] - p, total)
        frag = b.u16(p + 6)
        idx = np.flatnonzero(v4)[ok]
        ip_version[idx] = 4
        l4[idx] = (p + ihl)[ok]
        l4proto[idx] = b.u8(p + 9)[ok]
        ip_payload[idx] = (total - ihl)[ok]
        fragment[idx] = ((frag & 0x3FFF) != 0)[ok]  # MF flag or a non-zero offset
        if fields:
            src_lo[idx] = b.u32(p + 12)[ok].astype(np.uint64) | mapped
            dst_lo[idx] = b.u32(p + 16)[ok].astype(np.uint64) | mapped

    v6 = (proto == _IPV6) & (l3 + 40 <= end)
    if v6.any():
        idx = np.flatnonzero(v6)
        p = l3[idx]
        ok = (b.u8(p) >> 4) == 6
        idx, p = idx[ok], p[ok]
        plen = b.u16(p + 4).astype(np.int64)
        plen = np.where(plen == 0, end[idx] - p - 40, plen)  # jumbogram / offload
        nh = b.u8(p + 6)
        q = p + 40
        frag6 = np.zeros(len(idx), dtype=np.bool_)
        for _ in range(8):
            ext = np.isin(nh, _V6_EXT) & (q + 8 <= end[idx])
            if not ext.any():
                break
            hdr_len = np.where(
                nh == 44,
                8,
                np.where(nh == 51, (b.u8(q + 1).astype(np.int64) + 2) * 4,
                         (b.u8(q + 1).astype(np.int64) + 1) * 8),
            )
            is_frag = ext & (nh == 44)
            frag6 |= is_frag & ((b.u16(q + 2) & 0xFFF9) != 0)
            nh = np.where(ext, b.u8(q), nh)
            q = np.where(ext, np.minimum(q + hdr_len, end[idx]), q)
        ip_version[idx] = 6
        l4[idx] = q
        l4proto[idx] = nh
        ip_payload[idx] = plen - (q - p - 40)
        fragment[idx] = frag6
        if fields:
            src_hi[idx] = b.u64(p + 8)
            src_lo[idx] = b.u64(p + 16)
            dst_hi[idx] = b.u64(p + 24)
            dst_lo[idx] = b.u64(p + 32)

    tcp_ip = (l4proto == 6) & ~fragment
    is_tcp = tcp_ip & (l4 + 20 <= end)
    tcp_cut = tcp_ip & ~is_tcp
    p = l4
    off_byte = b.u8(p + 12)
    hlen = (off_byte >> 4).astype(np.int64) * 4
    flags = ((off_byte & 1) << 8) | b.u8(p + 13)
    payload = np.maximum(ip_payload - hlen, 0)
    zero32 = np.uint32(0)
    if not fields:
        none = np.zeros(n, dtype=np.uint32)
        return Decoded(
            is_tcp=is_tcp, tcp_cut=tcp_cut, fragment=fragment, vlan=vlan, unknown_link=unknown,
            ip_version=ip_version, src_hi=src_hi, src_lo=src_lo, dst_hi=dst_hi, dst_lo=dst_lo,
            sport=none, dport=none, seq=none, ack=none,
            flags=np.where(is_tcp, flags, zero32).astype(np.uint16),
            window=none.astype(np.uint16), payload_len=np.where(is_tcp, payload, 0),
            tcp_start=p, tcp_hlen=np.where(is_tcp, hlen, 0))
    return Decoded(
        is_tcp=is_tcp,
        tcp_cut=tcp_cut,
        fragment=fragment,
        vlan=vlan,
        unknown_link=unknown,
        ip_version=ip_version,
        src_hi=src_hi,
        src_lo=src_lo,
        dst_hi=dst_hi,
        dst_lo=dst_lo,
        sport=np.where(is_tcp, b.u16(p), zero32),
        dport=np.where(is_tcp, b.u16(p + 2), zero32),
        seq=np.where(is_tcp, b.u32(p + 4), zero32),
        ack=np.where(is_tcp, b.u32(p + 8), zero32),
        flags=np.where(is_tcp, flags, zero32).astype(np.uint16),
        window=np.where(is_tcp, b.u16(p + 14), zero32).astype(np.uint16),
        payload_len=np.where(is_tcp, payload, 0),
        tcp_start=p,
        tcp_hlen=np.where(is_tcp, hlen, 0),
    )
