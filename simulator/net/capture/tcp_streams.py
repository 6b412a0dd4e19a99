"""Split TCP packets into connections ("streams") and orient each one (client vs server).

A connection is a bidirectional 4-tuple (RFC 9293, 3.2: a connection is identified by the
pair of sockets). As in Wireshark's ``tcp.stream``, a new SYN on a 4-tuple whose sender
already used another initial sequence number there starts a new connection (port reuse,
RFC 9293 3.4.1 / 3.6.1 TIME-WAIT reuse). The client is the sender of the SYN; without a
captured SYN, the receiver of the SYN-ACK; without either, a guess: the endpoint with the
lower port is the server (servers listen on well-known ports), or the sender of the first
packet when both ports are equal.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from simulator.net.capture import messages as say

SYN = 0x02
ACK = 0x10

I64 = NDArray[np.int64]


@dataclass
class Orientation:
    """Per-stream orientation: ``client_raw_dir`` is the raw direction sent by the client."""

    client_raw_dir: NDArray[np.uint8]
    rule: list[str]  # "handshake" | "guess"
    reason: list[str]


def assign_streams(
    group: I64, raw_dir: NDArray[np.uint8], flags: NDArray[np.uint16], seq: NDArray[np.uint32]
) -> tuple[NDArray[np.int32], int]:
    """Split 4-tuple groups into streams.

    Inputs are sorted by 4-tuple group (capture order inside each group). Returns a
    non-decreasing local stream id per packet and the number of streams.
    """
    n = len(group)
    if n == 0:
        return np.zeros(0, dtype=np.int32), 0
    start = np.ones(n, dtype=np.bool_)
    start[1:] = group[1:] != group[:-1]
    pure_syn = (flags & (SYN | ACK)) == SYN
    candidates = np.flatnonzero(pure_syn & ~start)
    del pure_syn
    new_start = start
    if len(candidates):
        idx = np.arange(n)
        new_start = start.copy()
        group_start = np.maximum.accumulate(np.where(start, idx, 0))
        next_of_dir = []
        for x in (0, 1):
            nxt = np.where(raw_dir == x, idx, n)
            next_of_dir.append(np.minimum.accumulate(nxt[::-1])[::-1])
        current: dict[int, int] = {}
        for i in candidates.tolist():
            gi = int(group[i])
            gs = current.get(gi, int(group_start[i]))
            j = int(next_of_dir[int(raw_dir[i])][gs])
            if j < i and seq[j] != seq[i]:
                new_start[i] = True
                current[gi] = i
    sid = np.cumsum(new_start, dtype=np.int32)
    sid -= 1
    return sid, int(sid[-1]) + 1


def orient(
    starts: I64,
    raw_dir: NDArray[np.uint8],
    flags: NDArray[np.uint16],
    sport: NDArray[np.uint32],
    dport: NDArray[np.uint32],
) -> Orientation:
    """Decide the client of each stream; arrays are in stream order, ``starts`` its runs."""
    n = len(raw_dir)
    idx = np.arange(n)
    pure_syn = (flags & (SYN | ACK)) == SYN
    syn_ack = (flags & (SYN | ACK)) == (SYN | ACK)
    first_syn = np.minimum.reduceat(np.where(pure_syn, idx, n), starts) if n else starts
    first_sa = np.minimum.reduceat(np.where(syn_ack, idx, n), starts) if n else starts
    client = np.zeros(len(starts), dtype=np.uint8)
    rule: list[str] = []
    reason: list[str] = []
    lower_port: dict[int, str] = {}  # one sentence per port, shared (a scan guesses thousands)
    for k, st in enumerate(starts.tolist()):
        fs, fa = int(first_syn[k]), int(first_sa[k])
        if fs < n:
            client[k] = raw_dir[fs]
            rule.append("handshake")
            reason.append(say.CLIENT_SENT_SYN)
        elif fa < n:
            client[k] = 1 - raw_dir[fa]
            rule.append("handshake")
            reason.append(say.CLIENT_GOT_SYN_ACK)
        else:
            sp, dp = int(sport[st]), int(dport[st])
            rule.append("guess")
            if sp == dp:
                client[k] = raw_dir[st]
                reason.append(say.GUESS_FIRST_SENDER)
            else:
                client[k] = raw_dir[st] if sp > dp else 1 - raw_dir[st]
                port = min(sp, dp)
                if port not in lower_port:
                    lower_port[port] = say.GUESS_LOWER_PORT.format(port=port)
                reason.append(lower_port[port])
    return Orientation(client, rule, reason)
