"""The TCP connection table of a capture: one summary row per connection.

The TCP packets are grouped by their connection key
(:mod:`~simulator.net.capture.connection_keys`), split where a 4-tuple is reused and
oriented client -> server (:mod:`~simulator.net.capture.tcp_streams`), numbered in order of
their first packet like Wireshark's ``tcp.stream``, and analysed for Wireshark-style flags
(:mod:`~simulator.net.capture.tcp_anomalies`). Each :class:`Connection` sums up its
packets, bytes, handshake, closing and flag counts; TCP semantics follow RFC 9293.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray

from simulator.net.capture import tcp_anomalies as ta
from simulator.net.capture.connection_keys import ConnectionKeyTable, format_ip
from simulator.net.capture.packet_columns import PacketColumns
from simulator.net.capture.packet_table import PF_TCP, PacketTable
from simulator.net.capture.tcp_streams import Orientation, assign_streams, orient

FIN, SYN, RST, ACK = 0x01, 0x02, 0x04, 0x10

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
_SYN, _RST = COUNT_NAMES.index("syn"), COUNT_NAMES.index("rst")
_COUNT_AT = {name: k for k, name in enumerate(COUNT_NAMES)}


class Counts(Mapping[str, int]):
    """A connection's counts by name (``COUNT_NAMES``, in that order): read-only, since
    connections with the same counts share one (a scan has thousands alike)."""

    __slots__ = ("_values",)

    def __init__(self, values: tuple[int, ...]) -> None:
        self._values = values

    def __getitem__(self, name: str) -> int:
        return self._values[_COUNT_AT[name]]

    def __iter__(self) -> Iterator[str]:
        return iter(COUNT_NAMES)

    def __len__(self) -> int:
        return len(COUNT_NAMES)

    def __repr__(self) -> str:
        return repr(dict(self))
_SLICE = 1 << 13  # connections made at a time (see _connections)


@dataclass(frozen=True, slots=True)
class Connection:
    """One row of the connection table (slots: a scan has one per packet)."""

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
    counts: Mapping[str, int] = field(default_factory=dict)  # COUNT_NAMES -> count

    @staticmethod
    def _endpoint(ip: str, port: int, version: int) -> str:
        return f"[{ip}]:{port}" if version == 6 else f"{ip}:{port}"

    @property
    def client(self) -> str:
        return self._endpoint(self.client_ip, self.client_port, self.ip_version)

    @property
    def server(self) -> str:
        return self._endpoint(self.server_ip, self.server_port, self.ip_version)


def build_connections(
    packets: PacketTable,
    columns: PacketColumns,
    keys: ConnectionKeyTable,
) -> tuple[list[Connection], NDArray[np.int32], NDArray[np.int64]]:
    """The connection table of the TCP packets of ``packets``, and its packet rows.

    Fills the ``direction``, ``conn`` and ``anomalies`` columns of ``packets`` and drops
    the key columns of ``columns``. Returns the connections in id order, the row numbers of
    their packets grouped by connection (capture order inside) and the CSR offsets of each
    connection's group (one more than there are connections).
    """
    # One stable sort by 4-tuple hash: every 4-tuple becomes a contiguous run in capture
    # order, and port-reuse splits are contiguous sub-runs, so streams are contiguous too.
    tcp_rows = np.flatnonzero(packets["pflags"] & PF_TCP).astype(np.int32)
    h_s = columns.hash[tcp_rows]
    rd_s = columns.raw_dir[tcp_rows]
    columns.release()
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
    key = keys.keys_of(h_s[starts])  # one row per stream: lo_hi, lo_lo, ports, hi_hi, ...
    del h_s
    lo_port = (key[:, 2] >> np.uint64(16)).astype(np.uint32)
    hi_port = (key[:, 2] & np.uint64(0xFFFF)).astype(np.uint32)
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
    conns = _connections(rank, key, ori, names, totals, rows_s[starts] + 1, t_start, t_end)
    # CSR layout by connection id: a stable sort of the stream-ordered rows by connection id
    # keeps each connection's rows in capture order.
    ids_s = remap[local]
    conn_rows = rows_s[np.argsort(ids_s, kind="stable")].astype(np.int32)
    conn_starts = np.zeros(count + 1, dtype=np.int64)
    np.cumsum(np.bincount(ids_s, minlength=count), out=conn_starts[1:])
    return conns, conn_rows, conn_starts


def _connections(
    rank: NDArray[np.intp], key: NDArray[np.uint64], ori: Orientation, names: tuple[str, ...],
    totals: NDArray[np.int64], first_packet: NDArray[np.int32], t_start: NDArray[np.float64],
    t_end: NDArray[np.float64],
) -> list[Connection]:
    """The rows of the table in id order (``rank``: the stream of each id).

    Rows share equal values: an address's text, a (client, server) pair of counts, a
    ``Counts``. A scan makes thousands of connections that differ only in the target; with
    its own copies each row cost ~1 KB. The columns become Python values a slice of
    ``_SLICE`` rows at a time (all at once, for 170,000 connections, they were 140 MB more
    at the peak than the table they make).
    """
    texts: dict[int | tuple[int, int, int], str] = {}
    pairs: dict[tuple[int, int], tuple[int, int]] = {}
    count_maps: dict[tuple[int, ...], Mapping[str, int]] = {}

    def text(hi: int, lo: int, version: int) -> str:
        known = lo if version == 4 else (hi, lo, version)  # (an int is smaller than a tuple)
        got = texts.get(known)
        return texts.setdefault(known, format_ip(hi, lo, version)) if got is None else got

    def counts_map(counts: tuple[int, ...]) -> Mapping[str, int]:
        got = count_maps.get(counts)
        if got is None:
            got = count_maps[counts] = Counts(counts)
        return got

    conns: list[Connection] = []
    for at in range(0, len(rank), _SLICE):
        part = rank[at : at + _SLICE]

        def column(values: NDArray[Any], part: NDArray[np.intp] = part) -> list[Any]:
            out: list[Any] = values[part].tolist()  # in id order: read in one pass
            return out

        def total(name: str) -> list[int]:
            return column(totals[:, names.index(name)])

        by_id = part.tolist()
        rows = zip(*(column(key[:, i]) for i in range(6)), column(ori.client_raw_dir),
                   [ori.rule[k] for k in by_id], [ori.reason[k] for k in by_id],
                   column(first_packet), column(t_start), column(t_end),
                   *(total(name) for name in ("pk0", "pk1", "by0", "by1", "fin0", "fin1")),
                   zip(*(total(name) for name in COUNT_NAMES), strict=True), strict=True)
        for (lo_hi, lo_lo, ports, hi_hi, hi_lo, version, client_dir, rule, reason, first,
             start, end, pk0, pk1, by0, by1, fin0, fin1, counts) in rows:
            lo = (text(lo_hi, lo_lo, version), ports >> 16)
            hi = (text(hi_hi, hi_lo, version), ports & 0xFFFF)
            client, server = (lo, hi) if client_dir == 0 else (hi, lo)
            if counts[_RST]:
                closed = "rst"
            elif fin0 and fin1:
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
                    orientation=rule,
                    orientation_reason=reason,
                    first_packet=first,
                    start=start,
                    duration=end - start,
                    packets=pairs.setdefault((pk0, pk1), (pk0, pk1)),
                    bytes=pairs.setdefault((by0, by1), (by0, by1)),
                    opened="handshake" if counts[_SYN] else "midstream",
                    closed=closed,
                    counts=counts_map(counts),
                )
            )
    return conns
