"""When each captured segment left its sender and reached its receiver, seen from both ends.

Theory of operation
-------------------
A capture is taken at one place: there, a segment's time is when it left (ours) or arrived
(theirs). ``capture_point`` tells which end that was from the handshake's timing (the round
trip lies before the SYN,ACK at the client, after it at the server) and measures the RTT,
taking the last SYN before the SYN,ACK (Karn's rule, RFC 6298 §3). ``event_times`` places
the event at the far end half a round trip away (an estimate: a capture at one end cannot
tell how the delay splits between the two directions), then ``_respect_causality`` moves a
far-side send that would precede the arrival of what it acknowledges. ``event_order`` sorts
the 2·n events (2·i = segment i sent, 2·i + 1 = it arrives) by time, keeping a segment's
send before its arrival at a tie.
"""

from __future__ import annotations

from simulator.models.replay.observed import ObservedColumns
from simulator.models.tcp.segment import Flags
from simulator.models.tcp.sequence import seq_add, seq_lt

_SYN, _ACK = int(Flags.SYN), int(Flags.ACK)


def capture_point(c: ObservedColumns, client_syns: list[int]
                  ) -> tuple[str, str, float | None]:
    """Which end the capture was taken at, from the handshake's timing.

    At the client, SYN → SYN,ACK takes a whole round trip and SYN,ACK → ACK almost nothing;
    at the server it is the other way round.
    """
    flags, fc, time = c.flags, c.from_client, c.time
    syn_ack = next((i for i, f in enumerate(flags) if f & 0x12 == 0x12 and not fc[i]), None)
    # Karn: time from the last SYN sent before the SYN,ACK, not from a lost earlier one.
    syn = None if syn_ack is None else next(
        (i for i in reversed(client_syns) if time[i] <= time[syn_ack]), None)
    if syn is None or syn_ack is None:
        return "unknown", "no complete handshake to time", None
    ack = next((i for i in range(len(c)) if fc[i] and time[i] >= time[syn_ack]
                and flags[i] & _ACK and not flags[i] & _SYN), None)
    if ack is None:
        return "unknown", "the handshake's last ACK is not in the capture", None
    first, second = time[syn_ack] - time[syn], time[ack] - time[syn_ack]
    rtt = first + second
    if first > 3 * second:
        return "client", (f"SYN → SYN,ACK took {first * 1000:.1f} ms, SYN,ACK → ACK "
                          f"{second * 1000:.1f} ms: the round trip lies before the SYN,ACK"), rtt
    if second > 3 * first:
        return "server", (f"SYN → SYN,ACK took {first * 1000:.1f} ms, SYN,ACK → ACK "
                          f"{second * 1000:.1f} ms: the round trip lies after the SYN,ACK"), rtt
    return "unknown", "the handshake's delays are too similar to tell", rtt


def event_times(c: ObservedColumns, point: str, half: float) -> tuple[list[float], list[float]]:
    """(sent_at, end_at) per segment, seconds from the first captured segment."""
    t0 = c.time[0] if len(c) else 0.0
    fc, time = c.from_client, c.time
    if point == "unknown":
        sent_at = [t - t0 for t in time]
        return sent_at, list(sent_at)
    # the near side's events are where the capture saw them
    near_is_client = point == "client"
    near = 1 if near_is_client else 0  # from_client holds 0/1 (or False/True)
    sent_at = [t - t0 if f == near else t - t0 - half for t, f in zip(time, fc, strict=True)]
    end_at = [t - t0 + half if f == near else t - t0 for t, f in zip(time, fc, strict=True)]
    _respect_causality(c, sent_at, end_at, near_is_client)
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


def _respect_causality(c: ObservedColumns, sent_at: list[float], end_at: list[float],
                       near_is_client: bool) -> None:
    """A far-side segment is sent only after the far side received what it acknowledges.

    Half a round trip is only an estimate; where it would put a far-side send before the
    arrival of a near-side segment that this send acknowledges, move the send just after it.
    """
    near_end: list[int] = []  # end sequence numbers of the near side's segments
    near_arrival: list[float] = []  # and their arrivals at the far side
    flags, fc, seqs, acks, lengths = c.flags, c.from_client, c.seq, c.ack, c.length
    for index in range(len(c)):
        f = flags[index]
        if (not fc[index]) != near_is_client:  # a near-side segment
            seg_len = lengths[index] + (f >> 1 & 1) + (f & 1)  # SYN and FIN count one
            if seg_len:
                near_end.append(seq_add(seqs[index], seg_len))
                near_arrival.append(end_at[index])
            continue
        if f & _ACK and near_end:
            ack = acks[index]
            for j in range(len(near_end) - 1, max(-1, len(near_end) - 65), -1):
                if not seq_lt(ack, near_end[j]):
                    if sent_at[index] <= near_arrival[j]:
                        sent_at[index] = near_arrival[j] + 1e-6
                        end_at[index] = max(end_at[index], sent_at[index])
                    break
