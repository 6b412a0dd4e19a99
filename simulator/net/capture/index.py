"""Build a compact per-packet index and a TCP connection table for a capture file.

One pass over the records (:mod:`~simulator.net.capture.pcap_records`), vectorised header decoding
(:mod:`~simulator.net.capture.link_layers`), then connection splitting and orientation
(:mod:`~simulator.net.capture.tcp_streams`) and Wireshark-style analysis flags
(:mod:`~simulator.net.capture.tcp_anomalies`). TCP semantics follow RFC 9293; the per-connection
segments returned by :meth:`CaptureIndex.segments` are what a TCP model needs to replay a
connection. Nothing here dissects packets with scapy; see ``packet_detail`` for that.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray

from simulator.net.capture import tcp_anomalies as ta
from simulator.net.capture.errors import CaptureError, LoadCancelled
from simulator.net.capture.link_layers import SUPPORTED_LINKTYPES, decode_batch
from simulator.net.capture.pcap_records import ReadReport, plural, read_batches
from simulator.net.capture.tcp_streams import assign_streams, orient

FIN, SYN, RST, ACK = 0x01, 0x02, 0x04, 0x10

# Bits of ``PACKET_DTYPE["pflags"]``.
PF_TCP = 1 << 0  # a TCP segment that belongs to a connection (conn >= 0)
PF_TRUNCATED = 1 << 1  # snaplen-truncated: caplen < wirelen
PF_FRAGMENT = 1 << 2  # an IPv4/IPv6 fragment (not reassembled)
PF_VLAN = 1 << 3  # carried 802.1Q/802.1ad tag(s)
PF_UNKNOWN_LINK = 1 << 4  # link type not supported: not decoded
PF_TCP_CUT = 1 << 5  # IP says TCP but the TCP header was not captured
PF_IPV6 = 1 << 6

#: Columns of the per-packet index (parallel arrays, see :class:`PacketTable`); row i is
#: packet number i + 1 (numbering as in Wireshark). About 50 bytes per packet.
PACKET_DTYPE = np.dtype(
    [
        ("offset", "<i8"),  # file offset of the packet's first byte
        ("time", "<f8"),  # seconds since the epoch
        ("caplen", "<u4"),
        ("wirelen", "<u4"),
        ("conn", "<i4"),  # connection id, -1 when not a TCP segment
        ("seq", "<u4"),
        ("ack", "<u4"),
        ("payload_len", "<u4"),  # tcp.len, from the IP length
        ("window", "<u2"),  # raw (unscaled) window field
        ("flags", "<u2"),  # TCP flags, bit 8 = NS
        ("anomalies", "<u2"),  # tcp_anomalies bit mask
        ("linktype", "<u2"),
        ("direction", "u1"),  # 0 = client -> server, 1 = server -> client
        ("pflags", "u1"),  # PF_* bits
    ]
)

#: What :meth:`CaptureIndex.segment_array` returns, one row per segment (same fields, same
#: order as :class:`Segment`).
SEGMENT_DTYPE = np.dtype(
    [
        ("number", "<i8"),
        ("time", "<f8"),
        ("direction", "u1"),
        ("flags", "<u2"),
        ("seq", "<u4"),
        ("ack", "<u4"),
        ("payload_len", "<u4"),
        ("window", "<u2"),
        ("anomalies", "<u2"),
    ]
)

class PacketTable:
    """The per-packet index as parallel numpy arrays: ``table["time"]`` is one column.

    Columns and their dtypes are those of ``PACKET_DTYPE``. Parallel arrays (not one
    structured array) keep each column contiguous, which makes the random gathers of the
    connection analysis several times faster.
    """

    def __init__(self, columns: dict[str, NDArray[Any]], length: int) -> None:
        self._columns = columns
        self._length = length

    def __getitem__(self, name: str) -> NDArray[Any]:
        return self._columns[name][: self._length]

    def __len__(self) -> int:
        return self._length

    @property
    def nbytes(self) -> int:
        return sum(int(c.nbytes) for c in self._columns.values())

    def row(self, i: int) -> dict[str, int | float]:
        """All fields of row ``i`` (packet number i + 1) as Python numbers."""
        if not 0 <= i < self._length:
            raise IndexError(f"row {i} is not in this index (0..{self._length - 1})")
        return {name: col[i].item() for name, col in self._columns.items()}


COUNT_NAMES = (
    "syn",
    "syn_ack",
    "fin",
    "rst",
    "retransmission",
    "fast_retransmission",
    "duplicate_ack",
    "out_of_order",
    "zero_window",
)

_SANE_TS_MAX = 4102444800.0  # 2100-01-01
#: Preallocated rows = file size / first batch's mean record size * this margin.
_CAPACITY_MARGIN = 1.1
_SECONDS_PER_YEAR = 31556952.0


@dataclass(frozen=True)
class Segment:
    """One TCP segment of a connection, in capture order."""

    number: int  # packet number in the file (1-based)
    time: float  # seconds since the epoch
    direction: int  # 0 = client -> server, 1 = server -> client
    flags: int  # TCP flag bits (FIN=1, SYN=2, RST=4, PSH=8, ACK=16, URG=32, ECE, CWR, NS)
    seq: int  # raw 32-bit sequence number
    ack: int  # raw 32-bit acknowledgment number
    payload_len: int  # TCP payload bytes (true length, even if not captured)
    window: int  # raw window field (not scaled)
    anomalies: int  # tcp_anomalies bit mask


@dataclass(frozen=True)
class Connection:
    """One row of the connection table."""

    id: int
    ip_version: int
    client_ip: str
    client_port: int
    server_ip: str
    server_port: int
    orientation: str  # "handshake" | "guess"
    orientation_reason: str
    first_packet: int
    start: float
    duration: float
    packets: tuple[int, int]  # (client -> server, server -> client)
    bytes: tuple[int, int]  # payload bytes (client -> server, server -> client)
    opened: str  # "handshake" (SYN captured) | "midstream"
    closed: str  # "rst" (any RST) | "fin" (FIN seen both ways) | "open"
    counts: dict[str, int] = field(default_factory=dict)

    @staticmethod
    def _endpoint(ip: str, port: int, version: int) -> str:
        return f"[{ip}]:{port}" if version == 6 else f"{ip}:{port}"

    @property
    def client(self) -> str:
        return self._endpoint(self.client_ip, self.client_port, self.ip_version)

    @property
    def server(self) -> str:
        return self._endpoint(self.server_ip, self.server_port, self.ip_version)


@dataclass
class CaptureIndex:
    """The per-packet index (``packets``, a :class:`PacketTable`) and the connection table."""

    path: str
    format: str  # "pcap" | "pcapng"
    link_types: list[int]
    packets: PacketTable
    connections: list[Connection]
    warnings: list[str]
    comments: dict[int, str]
    _conn_rows: NDArray[np.int32]  # packet rows grouped by connection, capture order inside
    _conn_starts: NDArray[np.int64]  # CSR offsets into _conn_rows, len = connections + 1

    @property
    def packet_count(self) -> int:
        return len(self.packets)

    def packet_rows(self, conn_id: int) -> NDArray[np.int32]:
        """Row numbers (packet number - 1) of connection ``conn_id``, capture order."""
        if not 0 <= conn_id < len(self.connections):
            raise IndexError(f"no connection {conn_id}")
        return self._conn_rows[self._conn_starts[conn_id] : self._conn_starts[conn_id + 1]]

    def segment_array(self, conn_id: int) -> NDArray[np.void]:
        """The connection's segments as a SEGMENT_DTYPE array (a copy), capture order."""
        rows = self.packet_rows(conn_id)
        out = np.empty(len(rows), dtype=SEGMENT_DTYPE)
        out["number"] = rows.astype(np.int64) + 1
        for name in SEGMENT_DTYPE.names or ():
            if name != "number":
                out[name] = self.packets[name][rows]
        return out

    def segments(self, conn_id: int) -> list[Segment]:
        """The connection's segments as frozen :class:`Segment` records, capture order."""
        arr = self.segment_array(conn_id)
        columns = [arr[name].tolist() for name in SEGMENT_DTYPE.names or ()]
        return [Segment(*values) for values in zip(*columns, strict=True)]


class _KeyTable:
    """Maps the 64-bit hash of a canonical 4-tuple to the 4-tuple, detecting collisions."""

    def __init__(self, seed: int) -> None:
        self.seed = np.uint64(seed)
        self.keys: dict[int, tuple[int, ...]] = {}

    def hash(self, cols: list[NDArray[np.uint64]]) -> NDArray[np.uint64]:
        h = np.full(len(cols[0]), self.seed, dtype=np.uint64)
        mult = np.uint64(0x9E3779B97F4A7C15)
        for c in cols:
            h = (h ^ c) * mult
            h ^= h >> np.uint64(31)
        return h

    def add(self, h: NDArray[np.uint64], cols: list[NDArray[np.uint64]]) -> bool:
        """Remember keys; return False on a hash collision (caller retries another seed)."""
        if not len(h):
            return True
        uniq, first, inverse = np.unique(h, return_index=True, return_inverse=True)
        for c in cols:
            if not np.array_equal(c, c[first][inverse]):
                return False
        rows = np.stack([c[first] for c in cols], axis=1).tolist()
        for hv, row in zip(uniq.tolist(), rows, strict=True):
            old = self.keys.setdefault(hv, tuple(row))
            if old != tuple(row):
                return False
        return True


class _Collision(Exception):
    pass


def _fmt_ip(hi: int, lo: int, version: int) -> str:
    if version == 4:
        return str(ipaddress.IPv4Address(lo & 0xFFFFFFFF))
    return str(ipaddress.IPv6Address((hi << 64) | lo))


def build_index(
    path: str,
    progress: Callable[[int, int], None] | None = None,
    should_cancel: Callable[[], bool] | None = None,
) -> CaptureIndex:
    """Read ``path`` and return its :class:`CaptureIndex`.

    ``progress(bytes_read, total_bytes)`` is called now and then; when ``should_cancel()``
    returns True, :class:`LoadCancelled` is raised. Both may be called from a worker thread.
    Raises :class:`CaptureError` when nothing usable can be read.
    """
    for seed in (0x5EED, 0xC0FFEE, 0xBADC0DE):
        try:
            return _build(path, progress, should_cancel, seed)
        except _Collision:
            continue
    raise CaptureError("Could not tell TCP connections apart (hash collisions).")


class _Columns:
    """Per-packet columns (index + hash/raw_dir), filled batch by batch.

    Capacity is preallocated from the file size and the first batch's mean record size
    (+10 %). Batches that do not fit go to overflow lists joined at the end, so the index
    is never copied while it grows (a growing copy would double the peak memory).
    """

    def __init__(self) -> None:
        self.n = 0
        self.dtypes = {name: PACKET_DTYPE[name] for name in PACKET_DTYPE.names or ()}
        self.dtypes["hash"] = np.dtype(np.uint64)
        self.dtypes["raw_dir"] = np.dtype(np.uint8)
        self.cols: dict[str, NDArray[Any]] = {}
        self.capacity = 0
        self.overflow: dict[str, list[NDArray[Any]]] = {name: [] for name in self.dtypes}
        self.hash = np.zeros(0, dtype=np.uint64)
        self.raw_dir = np.zeros(0, dtype=np.uint8)

    def reserve(self, m: int, hint: int) -> dict[str, NDArray[Any]]:
        """Writable views for the next ``m`` rows (zero-filled)."""
        if not self.cols:
            self.capacity = max(hint, m)
            self.cols = {name: np.zeros(self.capacity, dtype=dt) for name, dt in
                         self.dtypes.items()}
        start = self.n
        self.n += m
        if self.n <= self.capacity and not self.overflow["time"]:
            return {name: col[start : self.n] for name, col in self.cols.items()}
        extra = {name: np.zeros(m, dtype=dt) for name, dt in self.dtypes.items()}
        for name, arr in extra.items():
            self.overflow[name].append(arr)
        return extra

    def join(self) -> PacketTable:
        cols: dict[str, NDArray[Any]] = {}
        filled = self.n - sum(len(a) for a in self.overflow["time"])
        for name in self.dtypes:
            base = self.cols[name][:filled] if self.cols else np.zeros(0, self.dtypes[name])
            if self.overflow[name]:
                base = np.concatenate([base, *self.overflow[name]])
                self.overflow[name].clear()
                self.cols[name] = base
            if name == "hash":
                self.hash = base
            elif name == "raw_dir":
                self.raw_dir = base
            else:
                cols[name] = base
        self.cols = {}
        return PacketTable(cols, self.n)

    def release(self) -> None:
        """Drop the per-packet key columns once connections are built."""
        self.hash = np.zeros(0, dtype=np.uint64)
        self.raw_dir = np.zeros(0, dtype=np.uint8)


def _build(
    path: str,
    progress: Callable[[int, int], None] | None,
    should_cancel: Callable[[], bool] | None,
    seed: int,
) -> CaptureIndex:
    report = ReadReport()
    keys = _KeyTable(seed)
    table = _Columns()
    for batch in read_batches(path, report, progress, should_cancel):
        dec = decode_batch(batch)
        m = len(batch.pos)
        per_record = max(16.0, float((batch.caplen + 16).mean()))
        cols = table.reserve(m, int(report.size / per_record * _CAPACITY_MARGIN) + 16)
        tcp = dec.is_tcp
        cols["offset"][:] = batch.pos + batch.base
        cols["time"][:] = batch.ts
        cols["caplen"][:] = batch.caplen
        cols["wirelen"][:] = batch.wirelen
        cols["linktype"][:] = batch.linktype
        pf = np.where(tcp, PF_TCP, 0)
        pf |= np.where(batch.caplen < batch.wirelen, PF_TRUNCATED, 0)
        pf |= np.where(dec.fragment, PF_FRAGMENT, 0)
        pf |= np.where(dec.vlan, PF_VLAN, 0)
        pf |= np.where(dec.unknown_link, PF_UNKNOWN_LINK, 0)
        pf |= np.where(dec.tcp_cut, PF_TCP_CUT, 0)
        pf |= np.where(dec.ip_version == 6, PF_IPV6, 0)
        cols["pflags"][:] = pf
        cols["flags"][:] = dec.flags
        cols["seq"][:] = dec.seq
        cols["ack"][:] = dec.ack
        cols["window"][:] = dec.window
        cols["payload_len"][:] = dec.payload_len
        cols["conn"][:] = -1
        # Canonical 4-tuple: the "lower" endpoint first; raw_dir 1 = sent by the higher one.
        sh, sl_, dh, dl = dec.src_hi[tcp], dec.src_lo[tcp], dec.dst_hi[tcp], dec.dst_lo[tcp]
        sp = dec.sport[tcp].astype(np.uint64)
        dp = dec.dport[tcp].astype(np.uint64)
        swap = (sh > dh) | ((sh == dh) & ((sl_ > dl) | ((sl_ == dl) & (sp > dp))))
        key = [
            np.where(swap, dh, sh),
            np.where(swap, dl, sl_),
            (np.where(swap, dp, sp) << np.uint64(16)) | np.where(swap, sp, dp),
            np.where(swap, sh, dh),
            np.where(swap, sl_, dl),
            dec.ip_version[tcp].astype(np.uint64),
        ]
        h = keys.hash(key)
        if not keys.add(h, key):
            raise _Collision
        cols["hash"][tcp] = h
        cols["raw_dir"][tcp] = swap
        del batch, dec, key, h, cols
    if should_cancel is not None and should_cancel():
        raise LoadCancelled("Loading was cancelled.")
    packets = table.join()
    warnings = list(report.warnings)
    _check_links(report, packets, warnings)

    conns: list[Connection] = []
    conn_rows = np.zeros(0, dtype=np.int32)
    conn_starts = np.zeros(1, dtype=np.int64)
    if np.any(packets["pflags"] & PF_TCP):
        conns, conn_rows, conn_starts = _connections(packets, table, keys)
    elif len(packets):
        warnings.append("There are no TCP packets in this capture, so there are no connections.")
    _packet_warnings(report, packets, warnings)
    if progress is not None:
        progress(report.size, report.size)
    return CaptureIndex(
        path=path,
        format=report.fmt,
        link_types=report.interfaces,
        packets=packets,
        connections=conns,
        warnings=warnings,
        comments=report.comments,
        _conn_rows=conn_rows,
        _conn_starts=conn_starts,
    )


def _check_links(report: ReadReport, packets: PacketTable, warnings: list[str]) -> None:
    unknown = [lt for lt in dict.fromkeys(report.interfaces) if lt not in SUPPORTED_LINKTYPES]
    if not unknown:
        return
    if all(lt not in SUPPORTED_LINKTYPES for lt in report.interfaces):
        names = ", ".join(str(lt) for lt in unknown)
        raise CaptureError(
            f"The capture's link type ({names}) is not supported; supported link types are "
            "Ethernet, Linux cooked (SLL/SLL2), raw IP and BSD loopback."
        )
    lt_col = packets["linktype"]
    for lt in unknown:
        count = int(np.count_nonzero(lt_col == lt))
        ifaces = sum(1 for x in report.interfaces if x == lt)
        noun = "interface has" if ifaces == 1 else "interfaces have"
        warnings.append(
            f"{ifaces} {noun} link type {lt} (not supported); its {plural(count, 'packet')} "
            f"{'was' if count == 1 else 'were'} skipped."
        )


def _packet_warnings(report: ReadReport, packets: PacketTable, warnings: list[str]) -> None:
    n = len(packets)
    if n == 0:
        warnings.append("The capture holds no packets.")
        return
    pflags = packets["pflags"]
    trunc = int(np.count_nonzero(pflags & PF_TRUNCATED))
    if trunc:
        snap = f" (snaplen {report.snaplen})" if report.fmt == "pcap" else ""
        warnings.append(
            f"{plural(trunc, 'packet')} {'was' if trunc == 1 else 'were'} cut to the snapshot "
            f"length{snap}; {'its' if trunc == 1 else 'their'} payload bytes are "
            "missing (TCP lengths still come from the IP header)."
        )
    frag = int(np.count_nonzero(pflags & PF_FRAGMENT))
    if frag:
        warnings.append(
            f"IP fragments: {plural(frag, 'packet')} "
            f"{'was a fragment' if frag == 1 else 'were fragments'} and not reassembled; "
            "TCP inside fragments is not analysed."
        )
    cut = int(np.count_nonzero(pflags & PF_TCP_CUT))
    if cut:
        first = int(np.flatnonzero(pflags & PF_TCP_CUT)[0]) + 1
        warnings.append(
            f"{plural(cut, 'TCP packet')} (first: packet {first}) captured without a "
            "complete TCP header: left out of the connections."
        )
    ts = packets["time"]
    bad = np.flatnonzero((ts > _SANE_TS_MAX) | (ts <= 0) | ~np.isfinite(ts))
    if len(bad):
        first = int(bad[0])
        year = 1970 + int(ts[first] / _SECONDS_PER_YEAR) if np.isfinite(ts[first]) else 0
        shown = ", ".join(str(int(b) + 1) for b in bad[:5])
        more = ", ..." if len(bad) > 5 else ""
        warnings.append(
            f"Absurd timestamps on {plural(len(bad), 'packet')} "
            f"(packet{'s' if len(bad) > 1 else ''} {shown}{more}; packet "
            f"{first + 1} is dated year {year}); times and durations involving them are "
            "meaningless."
        )
    back = np.flatnonzero(ts[1:] < ts[:-1])
    if len(back):
        warnings.append(
            f"Timestamps go backwards {plural(len(back), 'time')} (first at packet "
            f"{int(back[0]) + 2}); "
            "packets are kept in file order."
        )


def _connections(
    packets: PacketTable,
    table: _Columns,
    keys: _KeyTable,
) -> tuple[list[Connection], NDArray[np.int32], NDArray[np.int64]]:
    # One stable sort by 4-tuple hash: every 4-tuple becomes a contiguous run in capture
    # order, and port-reuse splits are contiguous sub-runs, so streams are contiguous too.
    tcp_rows = np.flatnonzero(packets["pflags"] & PF_TCP).astype(np.int32)
    h_s = table.hash[tcp_rows]
    rd_s = table.raw_dir[tcp_rows]
    table.release()
    order = np.argsort(h_s, kind="stable")
    h_s.sort(kind="stable")  # == h_s[order], without a second array
    rows_s = tcp_rows[order]
    del tcp_rows
    rd_s = rd_s[order]
    del order
    fl_s = packets["flags"][rows_s]
    seq_s = packets["seq"][rows_s]
    local, count = assign_streams(h_s.view(np.int64), rd_s, fl_s, seq_s)
    starts = np.flatnonzero(np.r_[True, local[1:] != local[:-1]])
    key_rows = [keys.keys[int(hv)] for hv in h_s[starts].tolist()]
    del h_s
    lo_port = np.array([k[2] >> 16 for k in key_rows], dtype=np.uint32)
    hi_port = np.array([k[2] & 0xFFFF for k in key_rows], dtype=np.uint32)
    first_rd = rd_s[starts]
    sport_all = np.zeros(len(rd_s), dtype=np.uint32)
    dport_all = np.zeros(len(rd_s), dtype=np.uint32)
    sport_all[starts] = np.where(first_rd == 0, lo_port, hi_port)
    dport_all[starts] = np.where(first_rd == 0, hi_port, lo_port)
    ori = orient(starts, rd_s, fl_s, sport_all, dport_all)
    del sport_all, dport_all
    direction_s = (rd_s != ori.client_raw_dir[local]).astype(np.uint8)
    del rd_s, seq_s
    packets["direction"][rows_s] = direction_s
    # Connection ids follow the first packet of each stream, like Wireshark's tcp.stream.
    rank = np.argsort(rows_s[starts], kind="stable")
    remap = np.empty(count, dtype=np.int32)
    remap[rank] = np.arange(count, dtype=np.int32)
    packets["conn"][rows_s] = remap[local]

    # Analyse and aggregate slice by slice (whole streams each) to bound memory.
    names = ("pk0", "pk1", "by0", "by1", "fin0", "fin1", *COUNT_NAMES)
    totals = np.zeros((count, len(names)), dtype=np.int64)
    t_start = np.zeros(count, dtype=np.float64)
    t_end = np.zeros(count, dtype=np.float64)
    for a, b in ta.stream_slices(local):
        rows = rows_s[a:b]
        st = local[a:b]
        d = direction_s[a:b]
        fl = fl_s[a:b]
        ln = packets["payload_len"][rows]
        t = packets["time"][rows]
        an = ta.analyze(
            st, d, t, fl, packets["seq"][rows], packets["ack"][rows], packets["window"][rows], ln
        )
        packets["anomalies"][rows] = an
        c2s = d == 0
        fin = (fl & FIN) != 0
        feats = np.empty((b - a, len(names)), dtype=np.int64)
        feats[:, 0] = c2s
        feats[:, 1] = ~c2s
        feats[:, 2] = np.where(c2s, ln, 0)
        feats[:, 3] = np.where(c2s, 0, ln)
        feats[:, 4] = fin & c2s
        feats[:, 5] = fin & ~c2s
        feats[:, 6] = (fl & (SYN | ACK)) == SYN
        feats[:, 7] = (fl & (SYN | ACK)) == (SYN | ACK)
        feats[:, 8] = fin
        feats[:, 9] = (fl & RST) != 0
        for col, bit in enumerate(
            (ta.RETRANSMISSION, ta.FAST_RETRANSMISSION, ta.DUPLICATE_ACK, ta.OUT_OF_ORDER,
             ta.ZERO_WINDOW),
            start=10,
        ):
            feats[:, col] = (an & bit) != 0
        firsts = np.flatnonzero(np.r_[True, st[1:] != st[:-1]])
        ids = st[firsts]
        totals[ids] = np.add.reduceat(feats, firsts, axis=0)
        t_start[ids] = t[firsts]
        t_end[ids] = np.maximum.reduceat(t, firsts)
    agg = {name: totals[:, i] for i, name in enumerate(names)}
    counts = {name: agg[name].tolist() for name in names}
    pk = (counts["pk0"], counts["pk1"])
    by = (counts["by0"], counts["by1"])
    fin_c, fin_s = counts["fin0"], counts["fin1"]
    conns: list[Connection] = []
    for k in rank.tolist():
        key = key_rows[k]
        version = int(key[5])
        lo = (_fmt_ip(key[0], key[1], version), key[2] >> 16)
        hi = (_fmt_ip(key[3], key[4], version), key[2] & 0xFFFF)
        client, server = (lo, hi) if ori.client_raw_dir[k] == 0 else (hi, lo)
        if counts["rst"][k]:
            closed = "rst"
        elif fin_c[k] and fin_s[k]:
            closed = "fin"
        else:
            closed = "open"
        conns.append(
            Connection(
                id=len(conns),
                ip_version=version,
                client_ip=client[0],
                client_port=client[1],
                server_ip=server[0],
                server_port=server[1],
                orientation=ori.rule[k],
                orientation_reason=ori.reason[k],
                first_packet=int(rows_s[starts[k]]) + 1,
                start=float(t_start[k]),
                duration=float(t_end[k] - t_start[k]),
                packets=(pk[0][k], pk[1][k]),
                bytes=(by[0][k], by[1][k]),
                opened="handshake" if counts["syn"][k] else "midstream",
                closed=closed,
                counts={name: counts[name][k] for name in COUNT_NAMES},
            )
        )
    # CSR layout by connection id: reorder the local runs into id order.
    run_len = np.diff(np.append(starts, len(rows_s)))
    pieces = [rows_s[starts[k] : starts[k] + run_len[k]] for k in rank.tolist()]
    conn_rows = np.concatenate(pieces).astype(np.int32)
    conn_starts = np.concatenate(([0], np.cumsum(run_len[rank]))).astype(np.int64)
    return conns, conn_rows, conn_starts
