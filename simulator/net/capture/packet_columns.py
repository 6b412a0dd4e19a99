"""The one pass over a capture's records that fills the per-packet columns.

Each batch of records (:mod:`~simulator.net.capture.pcap_records`) is decoded in a few
vectorised steps (:mod:`~simulator.net.capture.link_layers`) and written into the columns
of ``PACKET_DTYPE``, plus two columns kept only until the connections are built: the hash
of each TCP packet's canonical 4-tuple and its raw direction
(:mod:`~simulator.net.capture.connection_keys`). No Python runs per packet.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

from simulator.net.capture.connection_keys import (
    ConnectionKeyTable,
    HashCollision,
    canonical_keys,
)
from simulator.net.capture.link_layers import decode_batch
from simulator.net.capture.packet_table import (
    PACKET_DTYPE,
    PF_FRAGMENT,
    PF_IPV6,
    PF_TCP,
    PF_TCP_CUT,
    PF_TCP_OPTIONS,
    PF_TRUNCATED,
    PF_UNKNOWN_LINK,
    PF_VLAN,
    PacketTable,
)
from simulator.net.capture.pcap_records import CancelFn, ProgressFn, ReadReport, read_batches

#: Preallocated rows = file size / first batch's mean record size * this margin.
CAPACITY_MARGIN = 1.1


class PacketColumns:
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


def read_packet_columns(
    path: str,
    report: ReadReport,
    keys: ConnectionKeyTable,
    progress: ProgressFn | None,
    should_cancel: CancelFn | None,
) -> PacketColumns:
    """Read every record of ``path`` into columns; remember each connection key in ``keys``.

    Raises :class:`HashCollision` when two keys share a hash under ``keys``'s seed.
    """
    table = PacketColumns()
    for batch in read_batches(path, report, progress, should_cancel):
        dec = decode_batch(batch)
        m = len(batch.pos)
        per_record = max(16.0, float((batch.caplen + 16).mean()))
        cols = table.reserve(m, int(report.size / per_record * CAPACITY_MARGIN) + 16)
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
        pf |= np.where(tcp & (dec.tcp_hlen > 20), PF_TCP_OPTIONS, 0)
        cols["pflags"][:] = pf
        cols["flags"][:] = dec.flags
        cols["seq"][:] = dec.seq
        cols["ack"][:] = dec.ack
        cols["window"][:] = dec.window
        cols["payload_len"][:] = dec.payload_len
        cols["conn"][:] = -1
        key, swap = canonical_keys(dec)
        h = keys.hash(key)
        if not keys.add(h, key):
            raise HashCollision
        cols["hash"][tcp] = h
        cols["raw_dir"][tcp] = swap
        del batch, dec, key, swap, h, cols
    if not keys.finish():
        raise HashCollision
    return table
