"""The per-packet index of a capture: its columns, and the table that holds them.

Row i describes packet number i + 1 (numbering as in Wireshark) in about 50 bytes:
where the packet starts in the file, its time and lengths, its connection, the TCP header
fields a model needs, the ``tcp_anomalies`` analysis bits and the ``PF_*`` bits below.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

# Bits of ``PACKET_DTYPE["pflags"]``.
PF_TCP = 1 << 0  # a TCP segment that belongs to a connection (conn >= 0)
PF_TRUNCATED = 1 << 1  # snaplen-truncated: caplen < wirelen
PF_FRAGMENT = 1 << 2  # an IPv4/IPv6 fragment (not reassembled)
PF_VLAN = 1 << 3  # carried 802.1Q/802.1ad tag(s)
PF_UNKNOWN_LINK = 1 << 4  # link type not supported: not decoded
PF_TCP_CUT = 1 << 5  # IP says TCP but the TCP header was not captured
PF_IPV6 = 1 << 6
PF_TCP_OPTIONS = 1 << 7  # the TCP header carries options (data offset > 5): see tcp_options

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
