"""How long a round trip takes on each side of the capture point, from unambiguous samples.

Theory of operation
-------------------
A capture taken somewhere on the path sees a segment pass, then the peer's answer to it
pass back. The time between is the round trip from the capture point to that peer and back:
its *partial* round trip. At the client's interface the client's own partial round trip is
nearly zero and the server's is the whole RTT; in the middle of the path both count. The
whole RTT is their sum, and the replay places each side's events half of its partial round
trip away from where the capture saw them (``timing.event_times``).

A sample counts only if it is unambiguous (RFC 6298 §3, Karn's algorithm): the segment it
starts from must not have been sent more than once before the answer came, or the answer
could be to either copy. Two things lift that ambiguity:

* the timestamps option (RFC 7323 §4.1): the answer echoes (TSecr) the TSval of the copy
  that caused it, so the sample starts at that copy, retransmitted or not;
* evidence that an earlier copy never arrived: a peer that sends its SYN again after our
  SYN,ACK should have reached it never got that SYN,ACK, so the answer is to a later copy.

Sources, best first, per side: the handshake (answered at once: no delayed ACK), the
timestamps' echoes, and Karn-clean data samples; of several samples the smallest, which
carries the least queueing and delayed-ACK time. Only the first ``SCAN`` segments are looked
at: a capture's round trip is measured early, and a 100,000-segment replay must not pay for
a pass over every segment here.
"""

from __future__ import annotations

from dataclasses import dataclass

from simulator.models.replay.observed import NO_TIMESTAMP, ObservedColumns
from simulator.models.tcp.segment import Flags

_M = 2**32
_HALF = 2**31
_SYN, _ACK, _FIN = int(Flags.SYN), int(Flags.ACK), int(Flags.FIN)
SCAN = 4000  # segments examined for data and timestamp samples
#: An earlier copy is known lost when the peer showed it lacked it this much later than the
#: copy could have reached it and the answer come back (a margin for the path's jitter).
LATE = 1.1


@dataclass(frozen=True)
class RoundTrips:
    """Each side's partial round trip (seconds from the capture point to it and back) and
    where the measurement came from ("handshake", "timestamps", "data"; "" if unmeasured)."""

    client_side: float | None
    server_side: float | None
    client_source: str = ""
    server_source: str = ""

    @property
    def total(self) -> float | None:
        """The whole round trip (None when neither side was measured)."""
        if self.client_side is None and self.server_side is None:
            return None
        return (self.client_side or 0.0) + (self.server_side or 0.0)

    def side(self, name: str) -> float | None:
        return self.client_side if name == "client" else self.server_side


def _after(a: int, b: int) -> bool:
    """a is at or after b in sequence space (RFC 9293 §3.4 comparison)."""
    return (a - b) % _M < _HALF


def _handshake_sample(c: ObservedColumns, asker: bool) -> float | None:
    """The round trip on the answering side, timed from the asker's SYN (``asker`` True:
    the client's SYN, answered by the server's SYN,ACK) or from the server's SYN,ACK
    (answered by the client's ACK); None when every candidate is ambiguous."""
    fc, flags, time, acks = c.from_client, c.flags, c.time, c.ack
    n = len(c)
    if asker:  # client SYN -> server SYN,ACK
        answer = next((i for i in range(n) if not fc[i] and flags[i] & 0x12 == 0x12), None)
        if answer is None:
            return None
        copies = [i for i in range(answer) if fc[i] and flags[i] & 0x12 == _SYN]
    else:  # server SYN,ACK -> the client's first ACK of it
        first = next((i for i in range(n) if not fc[i] and flags[i] & 0x12 == 0x12), None)
        if first is None:
            return None
        end = (c.seq[first] + 1) % _M
        answer = next((i for i in range(first + 1, n) if fc[i] and flags[i] & _ACK
                       and not flags[i] & _SYN and _after(acks[i], end)), None)
        if answer is None:
            return None
        copies = [i for i in range(first, answer) if not fc[i] and flags[i] & 0x12 == 0x12]
    if not copies:
        return None
    echoed = _echoed_copy(c, answer, copies)
    if echoed is not None:
        return time[answer] - time[echoed]
    last = copies[-1]
    sample = time[answer] - time[last]
    if all(_known_lost(c, k, answer, sample) for k in copies[:-1]):
        return sample
    return None


def _echoed_copy(c: ObservedColumns, answer: int, copies: list[int]) -> int | None:
    """The copy whose TSval the answer echoes (RFC 7323 §4.1), if timestamps say."""
    if c.tsval is None or c.tsecr is None or c.tsecr[answer] == NO_TIMESTAMP:
        return None
    echo = c.tsecr[answer]
    return next((k for k in copies if c.tsval[k] == echo), None)


def _known_lost(c: ObservedColumns, copy: int, before: int, sample: float) -> bool:
    """Whether the peer showed, after ``copy`` could have reached it and been answered
    (``sample`` later), that it never got it: it sent its own SYN again (so it had no
    SYN of ours) before ``before``."""
    fc, flags, time = c.from_client, c.flags, c.time
    mine = bool(fc[copy])
    return any(bool(fc[j]) != mine and flags[j] & 0x12 == _SYN
               and time[j] - time[copy] > LATE * sample for j in range(copy + 1, before))


def _timestamp_samples(c: ObservedColumns, scan: int) -> tuple[float | None, float | None]:
    """The smallest echo sample on each side (client side, server side) in the first
    ``scan`` segments: a TSval seen first at t, echoed back at t' (RFC 7323 §4.1)."""
    tsval, tsecr = c.tsval, c.tsecr
    if tsval is None or tsecr is None:
        return None, None
    first_seen: tuple[dict[int, float], dict[int, float]] = ({}, {})  # by sender: server, client
    best: list[float | None] = [None, None]  # answered by: server side, client side
    fc, time = c.from_client, c.time
    for i in range(min(len(c), scan)):
        sender = 1 if fc[i] else 0
        value, echo = tsval[i], tsecr[i]
        if value == NO_TIMESTAMP:
            continue
        first_seen[sender].setdefault(value, time[i])
        sent = first_seen[1 - sender].get(echo) if echo else None
        if sent is not None and time[i] >= sent:
            sample = time[i] - sent
            b = best[sender]  # the answerer is this segment's sender
            best[sender] = sample if b is None else min(b, sample)
    return best[1], best[0]


def _data_samples(c: ObservedColumns, scan: int) -> tuple[float | None, float | None]:
    """The smallest Karn-clean sample on each side (client side, server side) in the first
    ``scan`` segments: a segment sent once, to the first ACK that covers it."""
    fc, flags, seqs, acks, lengths, time = (c.from_client, c.flags, c.seq, c.ack, c.length,
                                            c.time)
    # per sender (0 = server, 1 = client): outstanding [start, end, time, clean]
    outstanding: tuple[list[list[float]], list[list[float]]] = ([], [])
    sent_max: list[int | None] = [None, None]
    best: list[float | None] = [None, None]  # answered by the server side, the client side
    for i in range(min(len(c), scan)):
        sender = 1 if fc[i] else 0
        f = flags[i]
        if f & _ACK:  # an answer to the other side's segments
            waiting = outstanding[1 - sender]
            ack = acks[i]
            while waiting and _after(ack, int(waiting[0][1])):
                start, end, sent, clean = waiting.pop(0)
                if clean:
                    sample = time[i] - sent
                    b = best[sender]
                    best[sender] = sample if b is None else min(b, sample)
        seg_len = lengths[i] + (1 if f & _SYN else 0) + (1 if f & _FIN else 0)
        if not seg_len:
            continue
        start, end = seqs[i] % _M, (seqs[i] + seg_len) % _M
        top = sent_max[sender]
        if top is not None and not _after(start, top):  # sent again: every copy ambiguous
            for entry in outstanding[sender]:
                if not _after(start, int(entry[1])) and _after(end, int(entry[0])) \
                        and end != entry[0]:
                    entry[3] = 0.0
            if _after(end, top):
                sent_max[sender] = end
            continue
        outstanding[sender].append([start, end, time[i], 1.0])
        sent_max[sender] = end
    return best[1], best[0]


def round_trips(c: ObservedColumns, scan: int = SCAN) -> RoundTrips:
    """Each side's partial round trip from unambiguous samples (see the module docstring)."""
    sides: dict[str, tuple[float | None, str]] = {
        "server": (_handshake_sample(c, asker=True), "handshake"),
        "client": (_handshake_sample(c, asker=False), "handshake")}
    if any(value is None for value, _ in sides.values()):
        for source, (client, server) in (("timestamps", _timestamp_samples(c, scan)),
                                         ("data", _data_samples(c, scan))):
            for name, value in (("client", client), ("server", server)):
                if sides[name][0] is None and value is not None:
                    sides[name] = (value, source)
    return RoundTrips(sides["client"][0], sides["server"][0], sides["client"][1]
                      if sides["client"][0] is not None else "",
                      sides["server"][1] if sides["server"][0] is not None else "")
