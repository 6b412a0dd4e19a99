"""Synthetic captured connections for replay tests (no Qt, no files).

``long_connection(n)`` is what a capture at the client of a long download shows: a
handshake with a 10 ms round trip, requests of a few hundred bytes each answered by up to
40 full-size segments (ACKed every second one, as delayed ACKs do), and a FIN teardown;
``n`` segments in all, 1 ms apart.
"""

from __future__ import annotations

import random

from simulator.models.replay.engine import ObservedColumns

SYN, ACK, PSH, FIN = 0x02, 0x10, 0x08, 0x01
MSS = 1448


def long_connection(segments: int, seed: int = 3) -> ObservedColumns:
    rng = random.Random(seed)
    rows: list[tuple[float, bool, int, int, int, int]] = []
    c_seq, s_seq = 2**32 - 5_000, 7_000  # the client's numbers wrap around early on

    def add(t: float, from_client: bool, flags: int, seq: int, ack: int, length: int) -> None:
        rows.append((t, from_client, flags, seq % 2**32, ack % 2**32, length))

    add(0.0, True, SYN, c_seq, 0, 0)
    add(0.010, False, SYN | ACK, s_seq, c_seq + 1, 0)
    c_seq, s_seq = c_seq + 1, s_seq + 1
    add(0.0101, True, ACK, c_seq, s_seq, 0)
    t = 0.011
    while len(rows) < segments - 3:
        request = rng.randint(80, 700)
        add(t, True, PSH | ACK, c_seq, s_seq, request)
        c_seq += request
        for k in range(rng.randint(1, 40)):
            t += 0.001
            add(t, False, ACK, s_seq, c_seq, MSS)
            s_seq += MSS
            if k % 2:
                t += 0.001
                add(t, True, ACK, c_seq, s_seq, 0)
            if len(rows) >= segments - 3:
                break
        t += 0.001
    add(t + 0.001, True, FIN | ACK, c_seq, s_seq, 0)
    add(t + 0.011, False, FIN | ACK, s_seq, c_seq + 1, 0)
    add(t + 0.012, True, ACK, c_seq + 1, s_seq + 1, 0)
    times, from_client, flags, seqs, acks, lengths = (list(col) for col in zip(*rows,
                                                                              strict=True))
    return ObservedColumns(time=times, from_client=from_client, flags=flags, seq=seqs,
                           ack=acks, length=lengths, window=[502] * len(rows),
                           packet=list(range(1, len(rows) + 1)))
