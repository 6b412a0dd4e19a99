"""What is special about a segment, in the words of TCP analysis: retransmission, fast
retransmission, duplicate ACK, out of order, zero window, ... A capture's marks are
Wireshark's; a scenario's are the model's own, from what each end did, and differ where the
model knows more than a capture shows: its "out of order" is data held beyond RCV.NXT,
which Wireshark, seeing only the packets, calls "previous segment not captured" at the
first such segment and marks nothing on the next.

Theory of operation
-------------------
The ladder writes these words on the arrows, so a learner sees *why* an arrow looks the way
it does without opening another panel. Two sources say it:

* a replayed capture carries the capture index's per-segment annotations, computed with
  Wireshark's ``tcp.analysis`` heuristics (``simulator.net.capture.tcp_anomalies``); the
  ladder turns them into marks with ``marks_of_annotations``;
* a timeline built step by step (a scenario, a live trace) is read by ``segment_marks``,
  from the segment records and the steps that sent and received them:

  - *retransmission*: the sender sent these bytes before (``SegmentRecord.retransmission``);
    it is a *fast* retransmission when an arriving segment, not the retransmission timer,
    made the sender send it again (the third duplicate ACK, RFC 5681 §3.2);
  - *duplicate ACK*: a pure acknowledgment (no data, no SYN, FIN or RST) with the same
    acknowledgment number and window as the sender's previous segment on the connection
    (RFC 5681 §2's definition, seen from the sender, as Wireshark checks it);
  - *out of order*: data that arrived beyond RCV.NXT and was held (RFC 9293 §3.10.7.4): after
    its arrival the receiver still expects bytes before it;
  - *zero window*: a window of 0 (RFC 9293 §3.8.6.1), except on SYN, FIN or RST;
  - *duplicated by the network*: a copy the link made (``SegmentRecord.duplicate``).

Everything here is a pure function of the timeline.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable

from simulator.models.tcp.segment import Flags
from simulator.models.tcp.sequence import seq_lt
from simulator.models.timeline.steps import Fate, SegmentRecord, StepKind, Timeline


class SegmentMark(enum.Enum):
    """One thing worth saying about a segment (the value is the English word on the ladder)."""

    RETRANSMISSION = "retransmission"
    FAST_RETRANSMISSION = "fast retransmission"
    SPURIOUS_RETRANSMISSION = "spurious retransmission"
    DUPLICATE_ACK = "duplicate ACK"
    OUT_OF_ORDER = "out of order"
    ZERO_WINDOW = "zero window"
    ZERO_WINDOW_PROBE = "zero-window probe"
    KEEP_ALIVE = "keep-alive"
    WINDOW_UPDATE = "window update"
    DUPLICATED = "duplicated by the network"


# The capture index's annotation names (tcp_anomalies.ANOMALY_NAMES) and the mark each means.
_ANNOTATIONS: dict[str, SegmentMark] = {
    "retransmission": SegmentMark.RETRANSMISSION,
    "fast_retransmission": SegmentMark.FAST_RETRANSMISSION,
    "spurious_retransmission": SegmentMark.SPURIOUS_RETRANSMISSION,
    "out_of_order": SegmentMark.OUT_OF_ORDER,
    "duplicate_ack": SegmentMark.DUPLICATE_ACK,
    "zero_window": SegmentMark.ZERO_WINDOW,
    "keep_alive": SegmentMark.KEEP_ALIVE,
    "window_update": SegmentMark.WINDOW_UPDATE,
    "zero_window_probe": SegmentMark.ZERO_WINDOW_PROBE,
}
# A fast or spurious retransmission is also a retransmission: say only the precise word.
_MORE_PRECISE = {SegmentMark.FAST_RETRANSMISSION, SegmentMark.SPURIOUS_RETRANSMISSION}
_ORDER = list(SegmentMark)


def _tidy(marks: Iterable[SegmentMark]) -> tuple[SegmentMark, ...]:
    found = set(marks)
    if found & _MORE_PRECISE:
        found.discard(SegmentMark.RETRANSMISSION)
    return tuple(sorted(found, key=_ORDER.index))


def marks_of_annotations(annotations: Iterable[str]) -> tuple[SegmentMark, ...]:
    """The marks a capture's annotations stand for (unknown names are left out)."""
    return _tidy(_ANNOTATIONS[a] for a in annotations if a in _ANNOTATIONS)


def _is_pure_ack(record: SegmentRecord) -> bool:
    return (Flags.ACK in record.flags and record.length == 0
            and not record.flags & (Flags.SYN | Flags.FIN | Flags.RST))


def _held_out_of_order(timeline: Timeline, record: SegmentRecord) -> bool:
    """Data that arrived beyond RCV.NXT: after its arrival the receiver still waits for
    earlier bytes."""
    if record.length == 0 or record.fate is not Fate.DELIVERED or record.end_step is None:
        return False
    arrival = timeline[record.end_step]
    if arrival.segment is None or arrival.segment.id != record.id:
        return False
    rcv_nxt = arrival.snapshot(record.dst).rcv_nxt
    return rcv_nxt is not None and seq_lt(rcv_nxt, record.seq)


def segment_marks(timeline: Timeline) -> dict[int, tuple[SegmentMark, ...]]:
    """Marks by segment id, for the segments that have any (a timeline built step by step;
    a replayed capture's marks come from its annotations)."""
    out: dict[int, tuple[SegmentMark, ...]] = {}
    previous: dict[tuple[int, str], SegmentRecord] = {}  # (connection, sender) -> last sent
    for record in sorted(timeline.segments, key=lambda r: (r.sent_step, r.id)):
        marks: list[SegmentMark] = []
        if record.retransmission:
            by_arrival = timeline[record.sent_step].kind is StepKind.ARRIVE
            marks.append(SegmentMark.FAST_RETRANSMISSION if by_arrival
                         else SegmentMark.RETRANSMISSION)
        before = previous.get((record.connection, record.src))
        if (before is not None and _is_pure_ack(record) and Flags.ACK in before.flags
                and before.ack == record.ack and before.window == record.window
                and record.window > 0):
            marks.append(SegmentMark.DUPLICATE_ACK)
        if _held_out_of_order(timeline, record):
            marks.append(SegmentMark.OUT_OF_ORDER)
        if record.window == 0 and not record.flags & (Flags.SYN | Flags.FIN | Flags.RST):
            marks.append(SegmentMark.ZERO_WINDOW)
        if record.duplicate:
            marks.append(SegmentMark.DUPLICATED)
        if not record.duplicate:
            previous[(record.connection, record.src)] = record
        if marks:
            out[record.id] = _tidy(marks)
    return out
