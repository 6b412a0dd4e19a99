"""Which segments of a connection carry sequence numbers their sender had sent before, and
which segment first carried them: ``simulator.models.replay.resent.first_copies`` for a
whole connection at once, with numpy (a 100,000-segment replay must not loop over every
segment in Python to find its few retransmissions).

Per direction, sequence numbers are unwrapped (RFC 9293 §3.4: modulo 2**32, no segment jumps
half the space), the highest end sent before each segment is a running maximum, and a
segment that occupies sequence space starting below it is sent again, unless it is a
keep-alive (at most one byte, one below that maximum: RFC 9293 §3.8.4). Its original is the
first segment whose end passed its start (a binary search in the running maximum), if that
segment carried its start; otherwise it is a late (out-of-order) segment, not a copy.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

_SYN, _FIN, _RST = 0x02, 0x01, 0x04


def first_copies(direction: NDArray[np.bool_], flags: NDArray[np.integer],
                 seq: NDArray[np.integer], length: NDArray[np.integer]) -> dict[int, int]:
    """Segment -> original, for one connection's segments in capture order (``direction``
    True for one sender, False for the other)."""
    out: dict[int, int] = {}
    fl = flags.astype(np.int64)
    seg_len = length.astype(np.int64) + ((fl & _SYN) != 0) + ((fl & _FIN) != 0)
    counts = (seg_len > 0) & ((fl & _RST) == 0)
    for side in (True, False):
        idx = np.flatnonzero((direction == side) & counts)
        if len(idx) < 2:
            continue
        s = seq[idx].astype(np.int64)
        delta = np.empty(len(idx), dtype=np.int64)
        delta[0] = 0
        delta[1:] = ((s[1:] - s[:-1] + (1 << 31)) & 0xFFFFFFFF) - (1 << 31)
        start = np.cumsum(delta)
        end = start + seg_len[idx]
        running = np.maximum.accumulate(end)
        before = np.empty(len(idx), dtype=np.int64)
        before[0] = start[0]
        before[1:] = running[:-1]
        again = start < before
        again[0] = False
        keep_alive = ((seg_len[idx] <= 1) & ((fl[idx] & (_SYN | _FIN)) == 0)
                      & (start == before - 1))
        again &= ~keep_alive
        if not again.any():
            continue
        where = np.flatnonzero(again)
        first = np.searchsorted(running, start[where], side="right")
        carried = start[first] <= start[where]  # else delivered late, not sent again
        for k, f in zip(where[carried].tolist(), first[carried].tolist(), strict=True):
            out[int(idx[k])] = int(idx[f])
    return out
