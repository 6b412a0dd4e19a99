"""Build a compact per-packet index and a TCP connection table for a capture file.

One pass over the records (:mod:`~simulator.net.capture.pcap_records`), vectorised header decoding
(:mod:`~simulator.net.capture.link_layers`) into the per-packet columns
(:mod:`~simulator.net.capture.packet_columns`, :mod:`~simulator.net.capture.packet_table`),
then connection splitting and orientation (:mod:`~simulator.net.capture.tcp_streams`) and
Wireshark-style analysis flags (:mod:`~simulator.net.capture.tcp_anomalies`) for the
connection table (:mod:`~simulator.net.capture.connection_table`). TCP semantics follow
RFC 9293; the per-connection segments returned by :meth:`CaptureIndex.segments` are what a
TCP model needs to replay a connection. Nothing here dissects packets with scapy; see
``packet_detail`` for that.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from simulator.net.capture import messages as say
from simulator.net.capture.capture_warnings import check_link_types, packet_warnings
from simulator.net.capture.connection_keys import ConnectionKeyTable, HashCollision
from simulator.net.capture.connection_table import Connection, build_connections
from simulator.net.capture.errors import CaptureError, LoadCancelled
from simulator.net.capture.packet_columns import read_packet_columns
from simulator.net.capture.packet_table import PF_TCP, PacketTable
from simulator.net.capture.pcap_records import ReadReport

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
        except HashCollision:
            continue
    raise CaptureError(say.HASH_COLLISIONS)


def _build(
    path: str,
    progress: Callable[[int, int], None] | None,
    should_cancel: Callable[[], bool] | None,
    seed: int,
) -> CaptureIndex:
    report = ReadReport()
    keys = ConnectionKeyTable(seed)
    columns = read_packet_columns(path, report, keys, progress, should_cancel)
    if should_cancel is not None and should_cancel():
        raise LoadCancelled("Loading was cancelled.")
    packets = columns.join()
    warnings = list(report.warnings)
    check_link_types(report, packets, warnings)

    conns: list[Connection] = []
    conn_rows = np.zeros(0, dtype=np.int32)
    conn_starts = np.zeros(1, dtype=np.int64)
    if np.any(packets["pflags"] & PF_TCP):
        conns, conn_rows, conn_starts = build_connections(packets, columns, keys)
    elif len(packets):
        warnings.append(say.NO_TCP)
    packet_warnings(report, packets, warnings)
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
