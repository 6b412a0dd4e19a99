"""Per-segment TCP analysis flags, following Wireshark's ``tcp.analysis`` heuristics.

Reference: Wireshark User's Guide 7.5 "TCP Analysis" (ChAdvTCPAnalysis) and the order of
checks in epan/dissectors/packet-tcp.c ``tcp_analyze_sequence_number`` (single pass):
zero-window probe, zero window, keep-alive, window update, keep-alive ACK, duplicate ACK;
then, for segments carrying data or SYN/FIN: fast retransmission, spurious retransmission
(data already acknowledged by the peer), out-of-order, retransmission. (This order, with the
spurious check before out-of-order, is the one that reproduces tshark 4.0's flags on the
test corpus.) Sequence arithmetic is modulo 2**32 (RFC 9293, 3.4).

Everything is vectorised with numpy over slices of whole connections (~16k packets): the
"state before this packet" that Wireshark keeps per direction is reconstructed with
grouped running maxima and forward fills, not with a per-packet Python loop.
"""

from __future__ import annotations

import itertools

import numpy as np
from numpy.typing import NDArray

FIN, SYN, RST, ACK = 0x01, 0x02, 0x04, 0x10

# Bits of the per-packet anomaly mask.
RETRANSMISSION = 1 << 0  # any retransmission (incl. fast and spurious), like the filter
FAST_RETRANSMISSION = 1 << 1
SPURIOUS_RETRANSMISSION = 1 << 2
OUT_OF_ORDER = 1 << 3
DUPLICATE_ACK = 1 << 4
ZERO_WINDOW = 1 << 5
KEEP_ALIVE = 1 << 6
WINDOW_UPDATE = 1 << 7
ZERO_WINDOW_PROBE = 1 << 8

ANOMALY_NAMES: dict[int, str] = {
    RETRANSMISSION: "retransmission",
    FAST_RETRANSMISSION: "fast_retransmission",
    SPURIOUS_RETRANSMISSION: "spurious_retransmission",
    OUT_OF_ORDER: "out_of_order",
    DUPLICATE_ACK: "duplicate_ack",
    ZERO_WINDOW: "zero_window",
    KEEP_ALIVE: "keep_alive",
    WINDOW_UPDATE: "window_update",
    ZERO_WINDOW_PROBE: "zero_window_probe",
}



def anomaly_names(bits: int) -> tuple[str, ...]:
    """The tokens of the bits set in one packet's mask, in ``ANOMALY_NAMES`` order."""
    return tuple(name for bit, name in ANOMALY_NAMES.items() if bits & bit)


#: Out-of-order threshold when no handshake RTT is known (Wireshark: 3 ms).
OOO_DEFAULT_S = 0.003
#: A retransmission within 20 ms of the 2nd duplicate ACK is "fast" (Wireshark).
FAST_RETRANS_WINDOW_S = 0.02

_GROUP_SPAN = np.int64(1 << 40)
#: Streams are analysed in slices of about this many packets to bound temporary memory.
SLICE = 1 << 14


def _ffill_index(mask: NDArray[np.bool_]) -> NDArray[np.int64]:
    """Index of the last True at or before each position (-1 if none)."""
    idx = np.where(mask, np.arange(len(mask), dtype=np.int64), -1)
    return np.maximum.accumulate(idx) if len(idx) else idx


def stream_slices(stream: NDArray[np.int32], size: int = SLICE) -> list[tuple[int, int]]:
    """Cut [0, n) into ranges of about ``size`` packets that never split a stream."""
    n = len(stream)
    if n == 0:
        return []
    firsts = np.flatnonzero(stream[1:] != stream[:-1]) + 1
    k = np.searchsorted(firsts, np.arange(size, n, size))
    cuts = np.unique(firsts[k[k < len(firsts)]])
    return list(itertools.pairwise([0, *cuts.tolist(), n]))


def analyze(
    stream: NDArray[np.int32],
    direction: NDArray[np.uint8],
    t: NDArray[np.float64],
    flags: NDArray[np.uint16],
    seq: NDArray[np.uint32],
    ack: NDArray[np.uint32],
    window: NDArray[np.uint16],
    length_u32: NDArray[np.uint32],
) -> NDArray[np.uint16]:
    """Anomaly bit mask per packet.

    Inputs hold whole streams contiguously (capture order inside each stream); the order
    of the streams themselves does not matter. Call it on :func:`stream_slices` ranges to
    bound temporary memory (about 400 bytes per packet).
    """
    if len(stream) == 0:
        return np.zeros(0, dtype=np.uint16)
    length = length_u32.astype(np.int64)
    n = len(stream)
    idx = np.arange(n, dtype=np.int64)
    st_first = np.ones(n, dtype=np.bool_)
    st_first[1:] = stream[1:] != stream[:-1]
    fl = flags.astype(np.int32)
    syn_fin = ((fl & (SYN | FIN)) != 0).astype(np.int64)
    no_sfr = (fl & (SYN | FIN | RST)) == 0
    seq64 = seq.astype(np.int64)
    ack64 = ack.astype(np.int64)
    win = window.astype(np.int32)

    # Per-direction state before each packet: Wireshark's fwd->nextseq / nextseqtime.
    seq_e = np.empty(n, dtype=np.int64)
    nextseq = np.empty(n, dtype=np.int64)
    nexttime = np.empty(n, dtype=np.float64)
    prev_same = np.empty(n, dtype=np.int64)
    for x in (0, 1):
        ix = np.flatnonzero(direction == x)
        m = len(ix)
        if not m:
            continue
        sx = stream[ix]
        g_first = np.ones(m, dtype=np.bool_)
        g_first[1:] = sx[1:] != sx[:-1]
        gid = np.cumsum(g_first) - 1
        s2 = seq64[ix]
        delta = np.empty(m, dtype=np.int64)
        delta[0] = 0
        delta[1:] = ((s2[1:] - s2[:-1] + (1 << 31)) & 0xFFFFFFFF) - (1 << 31)
        delta[g_first] = 0
        ext = np.cumsum(delta)
        ext -= np.minimum.reduceat(ext, np.flatnonzero(g_first))[gid]
        end = ext + length[ix] + syn_fin[ix]
        span = gid * _GROUP_SPAN
        running = np.maximum.accumulate(end + span) - span
        before = np.empty(m, dtype=np.int64)
        before[0] = -1
        before[1:] = running[:-1]
        before[g_first] = -1
        setter = g_first | (end > before)
        setter_t = t[ix][_ffill_index(setter)]
        tb = np.empty(m, dtype=np.float64)
        tb[0] = 0.0
        tb[1:] = setter_t[:-1]
        prev = np.empty(m, dtype=np.int64)
        prev[0] = -1
        prev[1:] = ix[:-1]
        prev[g_first] = -1
        seq_e[ix] = ext
        nextseq[ix] = before
        nexttime[ix] = tb
        prev_same[ix] = prev
    last0 = _ffill_index(direction == 0)
    last1 = _ffill_index(direction == 1)
    prev_rev = np.where(direction == 0, last1, last0)
    pr = np.maximum(prev_rev, 0)
    has_rev = (prev_rev >= 0) & (stream[pr] == stream)
    has_prev = prev_same >= 0
    ps = np.maximum(prev_same, 0)

    rev_win = np.where(has_rev, win[pr], -1)
    rev_ack = np.where(has_rev, ack64[pr], 0)
    rev_t = t[pr]
    prev_win = np.where(has_prev, win[ps], -1)
    prev_ack = np.where(has_prev, ack64[ps], -1)

    zwp = has_prev & (length == 1) & (seq_e == nextseq) & (rev_win == 0)
    keep_alive = has_prev & (length <= 1) & (seq_e == nextseq - 1) & no_sfr & ~zwp
    at_next = has_prev & (length == 0) & (win != 0) & (seq_e == nextseq) & (ack64 == prev_ack)
    at_next &= no_sfr & ~zwp & ~keep_alive
    win_update = at_next & (win != prev_win)
    dup_ack = at_next & (win == prev_win) & ~(has_rev & keep_alive[pr])

    # Consecutive duplicate ACKs per direction (Wireshark's dupacknum).
    dupn = np.zeros(n, dtype=np.int64)
    for x in (0, 1):
        ix = np.flatnonzero(direction == x)
        dx = dup_ack[ix]
        c = np.cumsum(dx)
        dupn[ix] = c - np.maximum.accumulate(np.where(dx, 0, c))
    rev_dupn = np.where(has_rev, dupn[pr], 0)

    # Handshake RTT (last SYN -> first ACK) is the out-of-order threshold once known.
    pure_syn = (fl & (SYN | ACK)) == SYN
    last_syn = _ffill_index(pure_syn)
    stream_start = np.maximum.accumulate(np.where(st_first, idx, 0))
    rtt_point = ((fl & (SYN | ACK)) == ACK) & (last_syn >= stream_start)
    starts = np.flatnonzero(st_first)
    first_rtt_at = np.minimum.reduceat(np.where(rtt_point, idx, n), starts)
    rtt_idx = first_rtt_at[np.cumsum(st_first) - 1]
    safe = np.minimum(rtt_idx, n - 1)
    rtt = t[safe] - t[np.maximum(last_syn[safe], 0)]
    thres = np.where((rtt_idx <= idx) & (rtt > 0), rtt, OOO_DEFAULT_S)

    seg = ((length > 0) | (syn_fin > 0)) & ~keep_alive
    not_advanced = seg & has_prev & (seq_e < nextseq)
    fast = (
        not_advanced
        & (rev_dupn >= 2)
        & (rev_ack == seq64)
        & ((t - rev_t) < FAST_RETRANS_WINDOW_S)
    )
    le = ((seq64 + length - rev_ack + (1 << 31)) & 0xFFFFFFFF) - (1 << 31) <= 0
    spurious = seg & ~fast & (length > 0) & has_rev & (rev_ack != 0) & le
    ooo = not_advanced & ~fast & ~spurious & ((t - nexttime) < thres)
    ooo &= nextseq != seq_e + length + syn_fin
    retrans = not_advanced & ~fast & ~ooo & ~spurious

    out = np.zeros(n, dtype=np.uint16)
    for mask, bit in (
        (retrans | fast | spurious, RETRANSMISSION),
        (fast, FAST_RETRANSMISSION),
        (spurious, SPURIOUS_RETRANSMISSION),
        (ooo, OUT_OF_ORDER),
        (dup_ack, DUPLICATE_ACK),
        ((win == 0) & no_sfr, ZERO_WINDOW),
        (keep_alive, KEEP_ALIVE),
        (win_update, WINDOW_UPDATE),
        (zwp, ZERO_WINDOW_PROBE),
    ):
        out[mask] |= np.uint16(bit)
    return out
