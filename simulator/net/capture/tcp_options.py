"""The TCP options of one connection's segments, re-read from the capture file.

The index keeps one bit per packet (``PF_TCP_OPTIONS``: its TCP header is longer than 20
bytes) and no option bytes, so indexing stays as fast as before. When a connection is
replayed, the headers of its packets that have options are read again from the file (a
memory map; only the first ``HEAD`` bytes of each, more for the rare packet whose headers
are longer), decoded with the same vectorised code as the index
(``link_layers.decode_batch``), and their options walked all at once with numpy, one option
per round (RFC 9293 §3.1: kind 0 ends the list, kind 1 is one byte of padding, every other
kind has a length byte). A connection of a few such packets has them read together with its
neighbours' and the result kept for the next connections (``FEW``, ``WINDOW``).

What the replay uses, per RFC:

* MSS (kind 2, RFC 9293 §3.7.1), window scale (kind 3, RFC 7323 §2.2) and SACK permitted
  (kind 4, RFC 2018 §2): on SYNs only, kept per SYN;
* timestamps (kind 8, RFC 7323 §3.2): TSval and TSecr of every segment, as two columns;
* SACK blocks (kind 5, RFC 2018 §3): up to four (left, right) pairs, kept per segment.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass, field
from typing import Any, Protocol
from weakref import WeakKeyDictionary

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view
from numpy.typing import NDArray

from simulator.models.replay.observed import NO_TIMESTAMP, SackBlocks, SynOptions
from simulator.net.capture.index import CaptureIndex
from simulator.net.capture.link_layers import decode_batch
from simulator.net.capture.packet_table import PF_TCP_OPTIONS
from simulator.net.capture.pcap_records import PAD, RecordBatch

#: Bytes of each packet read first: Ethernet, IPv4 and a TCP header with 40 bytes of options
#: fit in 96 (IPv6 with timestamps too); longer headers are read again, whole.
HEAD = 96
LONGEST = 1024  # enough for any stack of encapsulations the index decodes
MAX_SACK_BLOCKS = 4  # 40 option bytes hold at most four (RFC 2018 §3)

KIND_EOL, KIND_NOP, KIND_MSS, KIND_WSCALE, KIND_SACK_PERM, KIND_SACK, KIND_TS = (
    0, 1, 2, 3, 4, 5, 8)


class PacketColumns(Protocol):
    """The index's per-packet columns by name (``PacketTable``)."""

    def __getitem__(self, name: str) -> NDArray[Any]: ...


@dataclass
class ConnectionOptions:
    """The options of one connection's segments, by segment (position in the connection)."""

    syn: dict[int, SynOptions] = field(default_factory=dict)
    tsval: array[int] | None = None  # NO_TIMESTAMP where a segment had none
    tsecr: array[int] | None = None
    sack: dict[int, SackBlocks] = field(default_factory=dict)


def _gather(mm: NDArray[np.uint8], offsets: NDArray[np.int64], caplen: NDArray[np.int64],
            size: int) -> tuple[NDArray[np.uint8], NDArray[np.int64], NDArray[np.int64]]:
    """The first ``size`` bytes of each packet, back to back with ``PAD`` spare bytes after:
    (buffer, start of each packet in it, bytes of it present). Rows are copied out of a
    sliding-window view of the file (no index array per byte); a row near the end of the
    file starts earlier and the packet further into it."""
    n = len(offsets)
    data: NDArray[np.uint8] = mm
    if len(data) < size:
        data = np.concatenate([mm, np.zeros(size - len(mm), dtype=np.uint8)])
    first = np.minimum(offsets, len(data) - size)
    rows = sliding_window_view(data, size)[first]
    buf = np.zeros(n * size + PAD, dtype=np.uint8)
    buf[: n * size] = rows.reshape(-1)
    shift = offsets - first
    take = np.minimum(caplen, size - shift)
    return buf, np.arange(n, dtype=np.int64) * size + shift, take


def _headers(mm: NDArray[np.uint8], offsets: NDArray[np.int64], caplen: NDArray[np.int64],
             linktype: NDArray[np.int64], size: int
             ) -> tuple[NDArray[np.uint8], NDArray[np.int64], NDArray[np.int64],
                        NDArray[np.bool_]]:
    """Decode the packets' headers from their first ``size`` bytes: (buffer, where each
    TCP header starts, where its options end as far as they were captured, whether the
    whole header is there)."""
    buf, pos, take = _gather(mm, offsets, caplen, size)
    n = len(offsets)
    batch = RecordBatch(data=buf, base=0, first_number=1, pos=pos, caplen=take,
                        wirelen=take, ts=np.zeros(n), linktype=linktype.astype(np.int32))
    dec = decode_batch(batch, fields=False)
    header_end = dec.tcp_start + np.where(dec.is_tcp, dec.tcp_hlen, 0)
    complete = dec.is_tcp & (header_end <= pos + take)
    return buf, dec.tcp_start, np.minimum(header_end, pos + take), complete


def _walk(buf: NDArray[np.uint8], start: NDArray[np.int64], end: NDArray[np.int64]
          ) -> dict[str, NDArray[np.int64]]:
    """Every packet's options at once (its TCP header at ``start``, options up to ``end``),
    one option per round; returns the values found (-1 where absent) and the SACK blocks
    (``sack_count`` of them, as ``blocks``: one row of left, right, left, right... per
    packet)."""
    n = len(start)
    out: dict[str, NDArray[np.int64]] = {
        name: np.full(n, -1, dtype=np.int64)
        for name in ("mss", "wscale", "sack_perm", "tsval", "tsecr", "sack_count")}
    blocks = np.zeros((n, MAX_SACK_BLOCKS, 2), dtype=np.int64)
    pos = start + 20
    live = pos < end
    def u8(p: NDArray[np.int64]) -> NDArray[np.int64]:
        return buf[p].astype(np.int64)

    def u16(p: NDArray[np.int64]) -> NDArray[np.int64]:
        return (u8(p) << 8) | u8(p + 1)

    def u32(p: NDArray[np.int64]) -> NDArray[np.int64]:
        return (u16(p) << 16) | u16(p + 2)

    # The usual layout of a data segment between hosts that use timestamps (NOP, NOP,
    # timestamps: RFC 7323 Appendix A) is read at once; the rest option by option.
    usual = (end - start == 32) & (buf[start + 20] == KIND_NOP) & (buf[start + 21] == KIND_NOP) \
        & (buf[start + 22] == KIND_TS) & (buf[start + 23] == 10)
    if usual.any():
        rows = np.flatnonzero(usual)
        q = start[rows] + 24
        out["tsval"][rows] = u32(q)
        out["tsecr"][rows] = u32(q + 4)
        live &= ~usual

    for _ in range(40):  # 40 option bytes: at most 40 options
        if not live.any():
            break
        at = np.flatnonzero(live)
        p = pos[at]
        kind = u8(p)
        nop = kind == KIND_NOP
        eol = kind == KIND_EOL
        length = np.where(nop, 1, u8(np.minimum(p + 1, end[at] - 1)))
        bad = ~nop & ~eol & ((length < 2) | (p + length > end[at]))
        ok = ~nop & ~eol & ~bad
        for k, want in ((KIND_MSS, 4), (KIND_WSCALE, 3), (KIND_SACK_PERM, 2), (KIND_TS, 10)):
            m = ok & (kind == k) & (length == want)
            if not m.any():
                continue
            q, rows = p[m], at[m]
            if k == KIND_MSS:
                out["mss"][rows] = u16(q + 2)
            elif k == KIND_WSCALE:
                out["wscale"][rows] = u8(q + 2)
            elif k == KIND_SACK_PERM:
                out["sack_perm"][rows] = 1
            else:
                out["tsval"][rows] = u32(q + 2)
                out["tsecr"][rows] = u32(q + 6)
        m = ok & (kind == KIND_SACK) & ((length - 2) % 8 == 0) & (length >= 10)
        if m.any():
            q, rows, count = p[m], at[m], np.minimum((length[m] - 2) // 8, MAX_SACK_BLOCKS)
            out["sack_count"][rows] = count
            for b in range(MAX_SACK_BLOCKS):
                has = count > b
                if has.any():
                    blocks[rows[has], b, 0] = u32(q[has] + 2 + 8 * b)
                    blocks[rows[has], b, 1] = u32(q[has] + 6 + 8 * b)
        pos[at] = p + np.where(ok | nop, length, 0)
        live[at] = ~eol & ~bad & (pos[at] < end[at])
    out["blocks"] = blocks.reshape(n, -1)
    return out


def connection_options(path: str, rows: NDArray[np.int32], packets: PacketColumns
                       ) -> ConnectionOptions:
    """The options of a connection's segments; ``rows`` are its packets' rows in the index
    (capture order) and ``packets`` the index's columns (``offset``, ``caplen``,
    ``linktype``, ``pflags`` and ``flags`` are read, at the rows with options only)."""
    result = ConnectionOptions()
    with_options = np.flatnonzero(packets["pflags"][rows] & PF_TCP_OPTIONS)
    if not len(with_options):
        return result
    at = rows[with_options].astype(np.int64)
    found = _from_window(path, at, packets) if len(at) <= FEW else None
    if found is None:
        found = _read(path, at, packets)
    if found is None:
        return result  # the file is gone: replay without options
    is_syn = (packets["flags"][at] & 0x02) != 0
    _collect(result, with_options, is_syn, found, len(rows))
    return result


#: A connection with at most this many packets with options has them read with all the
#: packets with options among the ``WINDOW`` rows from its first one, kept for the next
#: connections: ``_read`` costs ~0.45 ms a call however few the packets (numpy calls on
#: tiny arrays), which a SYN scan with options (nmap's) paid for each of 170,000 SYNs.
FEW = 16
WINDOW = 1 << 13


@dataclass(frozen=True)
class _Window:
    start: int  # rows start .. stop-1 of the index
    stop: int
    rows: NDArray[np.int64]  # those of them with options, sorted
    found: dict[str, NDArray[np.int64]]  # what ``_read`` found for them


#: The last window read, per index (forgotten with the index's columns).
_windows: WeakKeyDictionary[Any, _Window] = WeakKeyDictionary()


def _from_window(path: str, at: NDArray[np.int64], packets: PacketColumns
                 ) -> dict[str, NDArray[np.int64]] | None:
    """What ``_read`` finds for the rows ``at`` (sorted), read with their neighbours, or
    None when they span more than a window (or the file is gone)."""
    first, last = int(at[0]), int(at[-1])
    if last - first >= WINDOW:
        return None
    window = _windows.get(packets)
    if window is None or not window.start <= first <= last < window.stop:
        stop = min(first + WINDOW, len(packets["pflags"]))
        rows = first + np.flatnonzero(packets["pflags"][first:stop] & PF_TCP_OPTIONS)
        found = _read(path, rows, packets)
        if found is None:
            return None
        window = _windows[packets] = _Window(first, stop, rows, found)
    k = np.searchsorted(window.rows, at)
    return {name: values[k] for name, values in window.found.items()}


def _read(path: str, at: NDArray[np.int64], packets: PacketColumns
          ) -> dict[str, NDArray[np.int64]] | None:
    """The options of the packets at rows ``at`` (``_walk``'s values), read from the file;
    None when the file cannot be read."""
    offsets = packets["offset"][at].astype(np.int64)
    caplen = packets["caplen"][at].astype(np.int64)
    linktype = packets["linktype"][at].astype(np.int64)
    try:
        mm = np.memmap(path, dtype=np.uint8, mode="r")
    except (OSError, ValueError):
        return None
    buf, start, end, complete = _headers(mm, offsets, caplen, linktype, HEAD)
    found = _walk(buf, start, end)
    again = np.flatnonzero(~complete & (caplen > HEAD))
    if len(again):  # longer headers (stacked tags, IPv6 extension headers): read more
        buf2, start2, end2, _ = _headers(mm, offsets[again], caplen[again], linktype[again],
                                         LONGEST)
        more = _walk(buf2, start2, end2)
        for name, values in more.items():
            found[name][again] = values
    del mm
    return found


def _collect(result: ConnectionOptions, segments: NDArray[np.int64],
             is_syn: NDArray[np.bool_], found: dict[str, NDArray[np.int64]],
             total: int) -> None:
    """Put the options found (per packet with options) in the replay's shapes."""
    mss, wscale, sack_perm = found["mss"], found["wscale"], found["sack_perm"]
    tsval, tsecr = found["tsval"], found["tsecr"]
    with_ts = tsval >= 0
    for k in np.flatnonzero(is_syn).tolist():
        result.syn[int(segments[k])] = SynOptions(
            mss=int(mss[k]) if mss[k] >= 0 else None,
            window_scale=int(wscale[k]) if wscale[k] >= 0 else None,
            sack_permitted=bool(sack_perm[k] >= 0), timestamps=bool(with_ts[k]))
    if with_ts.any():
        ts_val = np.full(total, NO_TIMESTAMP, dtype=np.int64)
        ts_ecr = np.full(total, NO_TIMESTAMP, dtype=np.int64)
        ts_val[segments[with_ts]] = tsval[with_ts]
        ts_ecr[segments[with_ts]] = tsecr[with_ts]
        result.tsval = array("q", ts_val.tobytes())
        result.tsecr = array("q", ts_ecr.tobytes())
    blocks, count = found["blocks"], found["sack_count"]
    for k in np.flatnonzero(count > 0).tolist():
        row = blocks[k].tolist()
        result.sack[int(segments[k])] = tuple((row[2 * b], row[2 * b + 1])
                                              for b in range(int(count[k])))


def window_shift_of(index: CaptureIndex, number: int) -> int | None:
    """The window shift that applies to packet ``number``'s window field (1-based), or None:
    its sender's shift when both SYNs of its connection carried the window scale option
    (RFC 7323 §2.2; never on a SYN itself), read from the connection's SYNs only."""
    row = number - 1
    if not 0 <= row < index.packet_count:
        return None
    conn = int(index.packets["conn"][row])
    if conn < 0 or index.packets["flags"][row] & 0x02:
        return None
    rows = index.packet_rows(conn)
    syns = rows[(index.packets["flags"][rows] & 0x02) != 0]
    options = connection_options(index.path, syns, index.packets)
    shifts: dict[int, int | None] = {}  # direction -> its first SYN's shift
    for k, syn in sorted(options.syn.items()):
        direction = int(index.packets["direction"][syns[k]])
        shifts.setdefault(direction, syn.window_scale)
    for k in range(len(syns)):
        shifts.setdefault(int(index.packets["direction"][syns[k]]), None)
    mine = int(index.packets["direction"][row])
    if len(shifts) < 2 or any(s is None for s in shifts.values()):
        return None
    shift = shifts.get(mine)
    return None if shift is None else min(shift, 14)
