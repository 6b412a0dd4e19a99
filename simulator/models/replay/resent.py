"""Which captured segments carry sequence numbers their sender had sent before.

A segment that occupies sequence space (data, SYN or FIN; RFC 9293 §3.4) starting below the
highest sequence number its sender had sent so far carries bytes sent before: a
retransmission. ``first_copies`` maps each such segment to the segment that first carried
its first sequence number (its *original*). A segment below the highest sequence number
that no earlier segment carried is not a copy: the network delivered it late (out of
order), or its earlier copies never passed the capture point. A keep-alive
(at most one byte, one below the highest sequence number, RFC 9293 §3.8.4) is not counted,
as Wireshark does not count it.

The capture index computes the same map with numpy for a whole connection
(``simulator.net.capture.sent_again``); this pure-Python version serves segments given one
by one (tests, scenarios replayed as captures).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping

from simulator.models.replay.observed import ObservedColumns
from simulator.models.tcp.segment import Flags

_M = 2**32
_HALF = 2**31
_SYN, _FIN, _RST = int(Flags.SYN), int(Flags.FIN), int(Flags.RST)


def first_copies(c: ObservedColumns) -> dict[int, int]:
    """Segment -> the segment that first carried its first sequence number, for every
    segment that carries sequence numbers its sender had sent before."""
    out: dict[int, int] = {}
    raw_last: list[int | None] = [None, None]
    ext_last = [0, 0]
    top: list[int | None] = [None, None]  # highest end sent so far (unwrapped)
    ends: tuple[list[int], list[int]] = ([], [])  # ends of the segments that raised top
    starts: tuple[list[int], list[int]] = ([], [])  # ... their starts
    who: tuple[list[int], list[int]] = ([], [])  # ... and their indices
    flags, seqs, lengths, fc = c.flags, c.seq, c.length, c.from_client
    for i in range(len(c)):
        f = flags[i]
        if f & _RST:
            continue
        seg_len = lengths[i] + (1 if f & _SYN else 0) + (1 if f & _FIN else 0)
        if not seg_len:
            continue
        side = 1 if fc[i] else 0
        seq = seqs[i] % _M
        last = raw_last[side]
        start = ext_last[side] + (((seq - last + _HALF) % _M) - _HALF if last is not None
                                  else 0)
        raw_last[side], ext_last[side] = seq, start
        end = start + seg_len
        high = top[side]
        if high is not None and start < high:
            keep_alive = seg_len <= 1 and not f & (_SYN | _FIN) and start == high - 1
            if not keep_alive:
                at = bisect_right(ends[side], start)
                if at < len(ends[side]) and starts[side][at] <= start:
                    out[i] = who[side][at]
        if high is None or end > high:
            top[side] = end
            ends[side].append(end)
            starts[side].append(start)
            who[side].append(i)
    return out


def chains(originals: Mapping[int, int]) -> dict[int, list[int]]:
    """Original -> every copy of it in capture order, the original first."""
    out: dict[int, list[int]] = {}
    for copy, original in sorted(originals.items()):
        out.setdefault(original, [original]).append(copy)
    return out
