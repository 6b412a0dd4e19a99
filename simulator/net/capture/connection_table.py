"""The TCP connection table of a capture: one summary row per connection.

The TCP packets are grouped by their connection key
(:mod:`~simulator.net.capture.connection_keys`), split where a 4-tuple is reused and
oriented client -> server (:mod:`~simulator.net.capture.tcp_streams`), numbered in order of
their first packet like Wireshark's ``tcp.stream``, and analysed for Wireshark-style flags
(:mod:`~simulator.net.capture.tcp_anomalies`). Each :class:`Connection` sums up its
packets, bytes, handshake, closing and flag counts; TCP semantics follow RFC 9293.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from simulator.net.capture import tcp_anomalies as ta
from simulator.net.capture.connection_keys import ConnectionKeyTable, format_ip
from simulator.net.capture.packet_columns import PacketColumns
from simulator.net.capture.packet_table import PF_TCP, PacketTable
from simulator.net.capture.tcp_streams import assign_streams, orient

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
        lo = (format_ip(key[0], key[1], version), key[2] >> 16)
        hi = (format_ip(key[3], key[4], version), key[2] & 0xFFFF)
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
