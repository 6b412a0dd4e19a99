"""Which captured segments never reached the other end, inferred from what followed.

Theory of operation
-------------------
A capture shows a segment pass the capture point, never whether it arrived. A segment seen
at its receiver's end did arrive; one seen at its sender's end (or in the middle of the
path) may have been lost after it passed. Nothing marks the loss, but the other end's
behaviour shows it, and the replay believes only that evidence (RFC 9293 §3.8.1: the sender
itself learns of a loss only from what comes back):

* **A segment sent again** (``resent``: a chain of copies of the same sequence numbers).
  A copy is *received* when an answer covering it (an ACK beyond its first sequence number,
  or a SACK block holding it, RFC 2018) left the receiver before the next copy could arrive
  there: then this copy or an earlier one got through and later copies are duplicates. It
  is *missing* when the receiver showed it lacked it: duplicate ACKs repeating its first
  sequence number (RFC 5681 §2: the same ACK and window again, no data: a later segment
  arrived instead; or that ACK with SACK blocks only beyond the copy, RFC 2018 §4: the
  receiver holds later data), its own SYN sent again after ours could have reached it, or an
  answer
  that echoes the timestamp of a later copy (RFC 7323 §4.1). Nothing before a missing copy
  got through. Otherwise it is *silent*: either it was lost, or it arrived and the answers
  were lost, at the same number of losses; the replay takes the first silent copy as
  delivered, except for a SYN, where a peer holding it would also have resent its SYN,ACK
  on its own timer (1 s, doubling: RFC 6298 §2.1, §5.5), so the reading that needs fewer of
  those lost is taken.
* **A pure ACK the peer acted as if it never got.** An ACK is never retransmitted, so its
  loss shows only at the other end: a peer that sends again bytes this ACK covered, later
  than the ACK could have reached it, never got the ACK (the last ACK of a close, lost,
  makes the peer retransmit its FIN). Every such ACK from the same side was lost; if a data
  segment carrying that acknowledgement got through, the resend was spurious instead and
  nothing is marked.

Time is compared with each side's partial round trip (``rtt``): an answer counts as sent
before a copy arrived when the capture saw it less than 0.9 of that round trip after the
copy passed, and an ACK as arrived when the resend came more than 1.1 round trips later
(the margins absorb the path's jitter).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from itertools import pairwise

from simulator.models.replay.observed import NO_TIMESTAMP, ObservedColumns
from simulator.models.replay.resent import chains
from simulator.models.replay.rtt import RoundTrips
from simulator.models.tcp.segment import Flags

_M = 2**32
_HALF = 2**31
_SYN, _ACK, _FIN, _RST = int(Flags.SYN), int(Flags.ACK), int(Flags.FIN), int(Flags.RST)
EARLY = 0.9  # an answer seen this many round trips after the next copy passed preceded it
LATE = 1.1  # a resend seen this many round trips after the ACK passed followed its arrival
TIMER_MARGIN = 0.15  # a timer's resend this much before the answer seen would have been seen


@dataclass(frozen=True)
class Loss:
    """Why segment was inferred lost: ``kind`` is one of "sent again", "duplicate ACKs",
    "peer SYN again", "later copy echoed", "resent after ACK"; ``witness`` the segment that
    shows it (the next copy, the peer's SYN, its answer, its resend); ``count`` the
    duplicate ACKs seen."""

    kind: str
    witness: int
    count: int = 0


def _after(a: int, b: int) -> bool:
    return (a - b) % _M < _HALF


def _covers(blocks: tuple[tuple[int, int], ...], start: int, end: int) -> bool:
    return any(_after(start, left) and _after(right, end) for left, right in blocks)


def lossy_sides(point: str) -> tuple[bool, bool]:
    """Whose segments can have been lost after the capture saw them: (client's, server's)."""
    return point in ("client", "unknown"), point in ("server", "unknown")


def infer_losses(c: ObservedColumns, originals: Mapping[int, int], point: str,
                 trips: RoundTrips) -> dict[int, Loss]:
    """Segment -> why it never arrived, for every segment the evidence says was lost."""
    client_lossy, server_lossy = lossy_sides(point)
    lost: dict[int, Loss] = {}
    if not originals or not (client_lossy or server_lossy):
        return lost
    total = trips.total or 0.0
    for chain in chains(originals).values():
        from_client = bool(c.from_client[chain[0]])
        if not (client_lossy if from_client else server_lossy):
            continue
        peer = trips.side("server" if from_client else "client")
        _copies_lost(c, chain, total if peer is None else peer, lost)
    for resend in sorted(originals):
        from_client = bool(c.from_client[resend])
        if not (server_lossy if from_client else client_lossy):
            continue
        own = trips.side("client" if from_client else "server")
        _acks_lost(c, resend, originals[resend], total if own is None else own, lost)
    return lost


def _copies_lost(c: ObservedColumns, chain: list[int], round_trip: float,
                 lost: dict[int, Loss]) -> None:
    """The copies of one range that never arrived (see the module docstring).

    Each copy but the last is *received* (an answer covering it left the receiver before
    the next copy could arrive: this one or an earlier one got through, and the copies
    after it are duplicates), *missing* (the receiver showed, after the copy could have
    arrived, that it lacked it: its duplicate ACKs, or its own SYN sent again) or
    *silent*. Before a missing copy nothing got through. Of the silent copies, the first
    one that can have got through is taken as delivered and the ones before it as lost:
    every choice costs as many losses (a delivered copy's answers were lost instead),
    except that a peer holding our SYN would also have resent its SYN,ACK on its own
    timer (1 s, doubling: RFC 6298 §2.1, §5.5); a choice that needs those lost too costs
    more."""
    fc, flags, acks, time = c.from_client, c.flags, c.ack, c.time
    mine = bool(fc[chain[0]])
    n = len(c)
    received_at = len(chain) - 1  # the copy taken as the one that got through
    missing: dict[int, Loss] = {}
    first_answer: float | None = None
    for k, (copy, following) in enumerate(pairwise(chain)):
        start, end = c.seq[copy] % _M, c.end(copy)
        limit = time[following] + EARLY * round_trip
        after = time[copy] + LATE * round_trip  # the copy could have arrived and been answered
        duplicates, peer_syn = 0, None
        received = False
        previous = _previous_ack(c, copy, mine)
        for j in range(copy + 1, n):
            if time[j] >= limit:
                break
            if bool(fc[j]) == mine:
                continue
            f = flags[j]
            if f & _ACK and acks[j] != start and _after(acks[j], start):
                received = True
                break
            blocks = c.sack.get(j)
            if blocks and _covers(blocks, start, end):
                received = True
                break
            pure = f & _ACK and not c.length[j] and not f & (_SYN | _FIN | _RST)
            if pure and acks[j] == start and j < following and (
                    previous == (acks[j], c.window[j])  # RFC 5681 §2: a duplicate ACK
                    or (blocks and any(_after(left, end) for left, _ in blocks))):
                duplicates += 1  # a later segment arrived (SACK: held beyond), this one had not
            previous = (acks[j], c.window[j]) if f & _ACK else None
            if flags[copy] & _SYN and f & 0x12 == _SYN and time[j] > after:
                peer_syn = j
        if received:
            received_at = k
            break
        if peer_syn is not None:
            missing[k] = Loss("peer SYN again", peer_syn)
        elif duplicates:
            missing[k] = Loss("duplicate ACKs", following, duplicates)
    syn_chain = bool(flags[chain[0]] & _SYN and not flags[chain[0]] & _ACK)
    answer = _first_answer(c, chain, mine) if syn_chain or c.tsval is not None else None
    echoed = _echoed_copy(c, chain, answer)
    for k in range(echoed):  # the answer echoes a later copy's timestamp (RFC 7323 §4.1)
        missing.setdefault(k, Loss("later copy echoed", answer if answer is not None else 0))
    earliest = max(missing, default=-1) + 1  # nothing before a missing copy got through
    delivered = earliest
    if syn_chain and earliest < received_at:
        first_answer = time[answer] if answer is not None else time[n - 1] + 1.0
        delivered = min(range(earliest, received_at + 1),
                        key=lambda k: (_timer_resends(time[chain[k]], round_trip,
                                                      first_answer), k))
    for k in range(delivered):
        copy = chain[k]
        lost[copy] = missing.get(k) or Loss("sent again", chain[k + 1])


def _previous_ack(c: ObservedColumns, before: int, mine: bool) -> tuple[int, int] | None:
    """(ACK, window) of the peer's last segment before ``before``, if it had ACK."""
    for j in range(before - 1, -1, -1):
        if bool(c.from_client[j]) != mine:
            return (c.ack[j], c.window[j]) if c.flags[j] & _ACK else None
    return None


def _first_answer(c: ObservedColumns, chain: list[int], mine: bool) -> int | None:
    """The first segment from the peer that acknowledges the chain's range."""
    end = c.end(chain[0])
    fc, flags, acks = c.from_client, c.flags, c.ack
    return next((j for j in range(chain[0] + 1, len(c)) if bool(fc[j]) != mine
                 and flags[j] & _ACK and _after(acks[j], end)), None)


def _echoed_copy(c: ObservedColumns, chain: list[int], answer: int | None) -> int:
    """Which copy of the chain the first answer echoes the TSval of (0 when none does, or
    without timestamps): the copies before it never reached the peer, or its timestamp
    would be the one echoed (RFC 7323 §4.1: TS.Recent holds the earliest unacknowledged
    segment's TSval)."""
    if answer is None or c.tsval is None or c.tsecr is None:
        return 0
    echo = c.tsecr[answer]
    if echo == NO_TIMESTAMP:
        return 0
    return next((k for k, copy in enumerate(chain) if c.tsval[copy] == echo), 0)


def _timer_resends(sent: float, round_trip: float, answered: float) -> int:
    """How many SYN,ACKs a peer that got our SYN sent at ``sent`` would have resent on its
    own timer (1 s, then doubling) and the capture would have seen before the first answer
    it did see (``answered``, with a margin of 0.15 round trips)."""
    count, timeout, resend = 0, 1.0, sent + round_trip + 1.0
    while resend < answered - TIMER_MARGIN * round_trip and count < 16:
        count += 1
        timeout *= 2
        resend += timeout
    return count


def _acks_lost(c: ObservedColumns, resend: int, original: int, round_trip: float,
               lost: dict[int, Loss]) -> None:
    """The other side's ACKs that covered ``resend`` and arrived in time, if all were lost."""
    fc, flags, acks, time = c.from_client, c.flags, c.ack, c.time
    peer = not bool(fc[resend])  # the side whose ACKs these would be
    end = c.end(resend)
    late = time[resend] - LATE * round_trip
    candidates: list[int] = []
    for j in range(resend - 1, original, -1):
        if bool(fc[j]) != peer or time[j] >= late:
            continue
        f = flags[j]
        if not f & _ACK or not _after(acks[j], end) or j in lost:
            continue
        if c.seg_len(j):
            return  # a segment that got through carried the acknowledgement: spurious
        candidates.append(j)
    for j in candidates:
        lost[j] = Loss("resent after ACK", resend)
