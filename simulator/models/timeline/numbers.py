"""A timeline's sequence numbers: each connection's ISNs, and a segment's numbers as values.

RFC 9293 §3.4: a sequence number means something only relative to its connection's initial
sequence number, so every view shows them relative by default (as Wireshark does), each
connection of a timeline from its own ISNs (HTTP/1.0 opens one per request). This module is
where the views and the predict mode get them: ``connection_isn`` gives the ISNs of one
connection, ``segment_label`` a segment's label as a ``tcp.phrase.SegmentLabel`` whose numbers
know their ISN, to be shown relative or absolute (``Seq.text``).

A segment's SEQ counts from its sender's ISN only if the sender had chosen one when it sent
it (``sender_had_iss``): a port with no connection answers a SYN with ``<SEQ=0>`` (RFC 9293
§3.10.7.1), a number in nobody's space, shown as it is. The check looks at the sender's
control block after the sending step and, on the same connection, before it: an ABORT's RST
is sent from the control block it deletes.
"""

from __future__ import annotations

from collections.abc import Sequence

from simulator.models.tcp.phrase import SegmentLabel, Seq
from simulator.models.tcp.segment import Flags
from simulator.models.timeline.steps import SegmentRecord, Step, Timeline


def connection_isn(timeline: Timeline, connection: int) -> dict[str, int]:
    """Each side's ISN on one connection of the timeline ("client", "server")."""
    for info in timeline.connections:
        if info.number == connection:
            return {"client": info.client_isn, "server": info.server_isn}
    return dict(timeline.isn)


def sender_had_iss(steps: Sequence[Step], sent_step: int, sender: str, connection: int) -> bool:
    """Whether ``sender`` had chosen its ISS when it sent at step ``sent_step`` (see the
    module docstring)."""
    if steps[sent_step].snapshot(sender).iss is not None:
        return True
    if sent_step == 0:
        return False
    before = steps[sent_step - 1]
    return before.connection == connection and before.snapshot(sender).iss is not None


def segment_seq(timeline: Timeline, seg: SegmentRecord, had_iss: bool | None = None) -> Seq:
    """The segment's SEQ, in its sender's space (or none: see the module docstring);
    ``had_iss``: ``sender_had_iss`` already known (a replay's columns hold it per segment)."""
    if had_iss is None:
        had_iss = sender_had_iss(timeline.steps, seg.sent_step, seg.src, seg.connection)
    if not had_iss:
        return Seq(seg.seq)
    return Seq(seg.seq, seg.src, connection_isn(timeline, seg.connection).get(seg.src))


def segment_ack(timeline: Timeline, seg: SegmentRecord) -> Seq:
    """The segment's ACK field, in its receiver's space."""
    return Seq(seg.ack, seg.dst, connection_isn(timeline, seg.connection).get(seg.dst))


def segment_label(timeline: Timeline, seg: SegmentRecord,
                  had_iss: bool | None = None) -> SegmentLabel:
    """'[SYN, ACK] seq=0 ack=1 len=0' as a value: relative or absolute when shown."""
    ack = segment_ack(timeline, seg) if Flags.ACK in seg.flags else None
    return SegmentLabel(seg.flags_text, segment_seq(timeline, seg, had_iss), ack, seg.length)
