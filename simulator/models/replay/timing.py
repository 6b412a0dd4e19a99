"""When each captured segment left its sender and reached its receiver, seen from both ends.

Theory of operation
-------------------
A capture is taken at one place: there, a segment's time is when it passed. ``capture_point``
tells which end that was from the handshake's timing (the round trip lies before the
SYN,ACK at the client, after it at the server). ``event_times`` places each side's events
half its partial round trip (``rtt.RoundTrips``) away from where the capture saw them: a
segment leaves its sender that much before it passed and reaches its receiver that much
after (an estimate: a capture cannot tell how a round trip splits between its two
directions). At an end of the path that end's share is zero. A segment the evidence says
was lost (``losses``) ends halfway to its receiver, where a scenario shows a loss.

Estimates must not contradict the capture, so three corrections follow:

* a segment is sent only after what it acknowledges has arrived (``_respect_causality``);
* a SYN sent without ACK by a side that had not listened (a simultaneous open, RFC 9293
  Figure 7) was sent before the peer's SYN reached it: it would have answered with a
  SYN,ACK otherwise;
* a segment the network delivered out of order (Wireshark's out-of-order, seen at its
  receiver) was sent before the later segments that overtook it.

``event_order`` sorts the 2·n events (2·i = segment i sent, 2·i + 1 = it arrives or is lost)
by time, keeping a segment's send before its arrival at a tie.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

from simulator.models.replay.observed import ObservedColumns
from simulator.models.tcp.segment import Flags

_SYN, _ACK = int(Flags.SYN), int(Flags.ACK)
_M = 2**32
_HALF = 2**31
EPSILON = 1e-6


def capture_point(c: ObservedColumns, client_syns: list[int]) -> tuple[str, str]:
    """Which end the capture was taken at, from the handshake's timing, and why.

    At the client, SYN → SYN,ACK takes a whole round trip and SYN,ACK → ACK almost nothing;
    at the server it is the other way round.
    """
    flags, fc, time = c.flags, c.from_client, c.time
    syn_ack = next((i for i, f in enumerate(flags) if f & 0x12 == 0x12 and not fc[i]), None)
    # Time from the last SYN sent before the SYN,ACK, not from a lost earlier one.
    syn = None if syn_ack is None else next(
        (i for i in reversed(client_syns) if time[i] <= time[syn_ack]), None)
    if syn is None or syn_ack is None:
        return "unknown", "no complete handshake to time"
    ack = next((i for i in range(len(c)) if fc[i] and time[i] >= time[syn_ack]
                and flags[i] & _ACK and not flags[i] & _SYN), None)
    if ack is None:
        return "unknown", "the handshake's last ACK is not in the capture"
    # Karn (RFC 6298 §3) again, as an earlier copy may have been lost: the first leg runs
    # from the last SYN before the ACK to the first SYN,ACK after it (its answer); the
    # second from the last SYN,ACK before the ACK (the copy the ACK answers) to the ACK.
    syn_acks = [i for i in range(syn_ack, ack) if flags[i] & 0x12 == 0x12 and not fc[i]]
    syn = next((i for i in reversed(client_syns) if i < ack), syn)
    answer = next((i for i in syn_acks if i > syn), syn_ack)
    last = syn_acks[-1] if syn_acks else syn_ack
    first, second = time[answer] - time[syn], time[ack] - time[last]
    if first > 3 * second:
        return "client", (f"SYN → SYN,ACK took {first * 1000:.1f} ms, SYN,ACK → ACK "
                          f"{second * 1000:.1f} ms: the round trip lies before the SYN,ACK")
    if second > 3 * first:
        return "server", (f"SYN → SYN,ACK took {first * 1000:.1f} ms, SYN,ACK → ACK "
                          f"{second * 1000:.1f} ms: the round trip lies after the SYN,ACK")
    return "unknown", "the handshake's delays are too similar to tell"


def event_times(c: ObservedColumns, client_delay: float, server_delay: float,
                lost: Collection[int] = (), out_of_order: Collection[int] = (),
                listens: bool = True, copies: Mapping[int, int] | None = None
                ) -> tuple[list[float], list[float]]:
    """(sent_at, end_at) per segment, seconds from the first captured segment.
    ``client_delay``/``server_delay``: one way between the capture point and that side;
    ``out_of_order``: segments the network reordered before the capture point saw them;
    ``listens``: the server had a passive OPEN (else a SYN of its own opened it);
    ``copies``: segment -> the segment that first carried its sequence numbers, for the
    segments sent again (``resent.first_copies``)."""
    t0 = c.time[0] if len(c) else 0.0
    fc, time = c.from_client, c.time
    before = (t0 + server_delay, t0 + client_delay)  # by sender: 0 = server, 1 = client
    after = (t0 - client_delay, t0 - server_delay)
    sent_at = [t - before[f] for t, f in zip(time, fc, strict=True)]
    end_at = [t - after[f] for t, f in zip(time, fc, strict=True)]
    for i in lost:
        end_at[i] = time[i] - t0 + (server_delay if fc[i] else client_delay) / 2
    if client_delay or server_delay:
        _sent_before_overtaken(c, sent_at, out_of_order)
        if not listens:
            _crossing_syns(c, sent_at, end_at, lost)
        _respect_causality(c, sent_at, end_at, lost, client_delay, server_delay, copies)
    return sent_at, end_at


def event_order(sent_at: list[float], end_at: list[float]) -> tuple[list[int], list[float]]:
    """The events in time order, and each one's time."""
    times = [0.0] * (2 * len(sent_at))
    times[0::2] = sent_at
    times[1::2] = end_at
    # Stable sort by time: ties keep "segment i sent" (2·i) before "segment i arrives"
    # (2·i + 1) and earlier segments first.
    order = sorted(range(len(times)), key=times.__getitem__)
    return order, [times[e] for e in order]


def _sent_before_overtaken(c: ObservedColumns, sent_at: list[float],
                           out_of_order: Collection[int]) -> None:
    """A segment that arrived out of order left before the segments that overtook it:
    those of its sender seen before it, with higher sequence numbers, since it was due."""
    fc, seqs = c.from_client, c.seq
    for i in sorted(out_of_order):
        earliest = sent_at[i]
        for j in range(i - 1, -1, -1):
            if fc[j] != fc[i]:
                continue
            if (seqs[j] - seqs[i]) % _M >= _HALF or seqs[j] == seqs[i]:
                break  # below it: sent before it was due
            earliest = min(earliest, sent_at[j])
        if earliest < sent_at[i]:
            sent_at[i] = earliest - EPSILON


def _crossing_syns(c: ObservedColumns, sent_at: list[float], end_at: list[float],
                   lost: Collection[int]) -> None:
    """In a simultaneous open each side's first SYN left before the other's reached it."""
    client_syns, server_syns = c.pure_syns()
    for mine, theirs in ((client_syns, server_syns), (server_syns, client_syns)):
        arrived = [i for i in theirs if i not in lost]
        if not mine or not arrived:
            continue
        first, peer = mine[0], arrived[0]
        if sent_at[first] >= end_at[peer]:
            sent_at[first] = end_at[peer] - EPSILON
            end_at[first] = max(end_at[first], sent_at[first])


def _reaches_past(c: ObservedColumns, copy: int, original: int) -> bool:
    """Whether a copy sent again ends beyond the segment that first carried its first byte."""
    def end(i: int) -> int:
        f = c.flags[i]
        return (c.seq[i] + c.length[i] + (f >> 1 & 1) + (f & 1)) % _M

    ahead = (end(copy) - end(original)) % _M
    return 0 < ahead < _HALF


def _respect_causality(c: ObservedColumns, sent_at: list[float], end_at: list[float],
                       lost: Collection[int], client_delay: float, server_delay: float,
                       copies: Mapping[int, int] | None = None) -> None:
    """A segment is sent only after its sender received what it acknowledges.

    Half a round trip is only an estimate; where it would put a send before the arrival of
    a peer's segment that this send acknowledges, move the send just after it. The segment
    to wait for is the latest one acknowledged, or a copy sent again that filled a gap
    before it (it arrived after segments with higher sequence numbers). A copy fills a gap
    where its original was lost, or where it reaches past its original's end (a resend
    that merges an arrived segment with a lost one); a plain copy of a segment that arrived
    (a duplicate, or a simultaneous open's SYN,ACK repeating the SYN) is waited for by
    nothing.
    """
    flags, fc, seqs, acks, lengths = c.flags, c.from_client, c.seq, c.ack, c.length
    # per sender (0 = server, 1 = client): end sequence numbers of its delivered segments
    # and their arrivals, and the copies sent again whose arrival may still come late
    ends: tuple[list[int], list[int]] = ([], [])
    arrivals: tuple[list[float], list[float]] = ([], [])
    refills: tuple[list[tuple[int, float]], list[tuple[int, float]]] = ([], [])
    moves = (server_delay > 0, client_delay > 0)  # whose sends are estimates
    needed = (client_delay > 0, server_delay > 0)  # whose ends the other side's sends wait for
    lost_set = lost or ()
    # the copies that arrived, in capture order, met one by one (a dict lookup per segment
    # costs more), each with whether its original was lost (else it fills nothing)
    queue = sorted((i, original in lost_set or _reaches_past(c, i, original))
                   for i, original in copies.items() if i not in lost_set) if copies else []
    queue.append((len(c), False))
    (upcoming, refill), at = queue[0], 0
    for index in range(len(c)):
        f = flags[index]
        side = fc[index]  # 1 (or True) for the client
        if needed[side]:
            seg_len = lengths[index] + (f >> 1 & 1) + (f & 1)  # SYN and FIN count one
            if seg_len and (not lost_set or index not in lost_set) and (
                    index != upcoming or refill):
                end = (seqs[index] + seg_len) % _M
                ends[side].append(end)
                arrivals[side].append(end_at[index])
                if index == upcoming:
                    refills[side].append((end, end_at[index]))
        if index == upcoming:
            at += 1
            upcoming, refill = queue[at]
        if not moves[side] or not f & _ACK:
            continue
        peer_ends, peer_arrivals = ends[1 - side], arrivals[1 - side]
        ack = acks[index] % _M
        latest = None
        for j in range(len(peer_ends) - 1, max(-1, len(peer_ends) - 65), -1):
            ahead = (peer_ends[j] - ack) % _M
            if ahead == 0 or ahead >= _HALF:  # ack >= end: acknowledged
                latest = peer_arrivals[j]
                break
        pending = refills[1 - side]
        if pending:
            sent = sent_at[index]
            pending[:] = [(end, arrival) for end, arrival in pending if arrival >= sent]
            for end, arrival in pending:
                ahead = (end - ack) % _M
                if (ahead == 0 or ahead >= _HALF) and (latest is None or arrival > latest):
                    latest = arrival
        if latest is not None and sent_at[index] <= latest:
            sent_at[index] = latest + EPSILON
            end_at[index] = max(end_at[index], sent_at[index])
