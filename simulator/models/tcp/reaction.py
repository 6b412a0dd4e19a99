"""What one call on an endpoint produces: the table rows that fired, the segments sent and
the notes for the learner.

``fire`` is step 2 of every call (see ``endpoint``): it looks the (state, event, guard) row
up in ``table`` (RFC 9293 §3.10 as data), moves the TCB to the row's next state and records
the row in the call's ``ReactionDraft``. When the call is done, the draft and snapshots of
the TCB before and after become the frozen ``Reaction``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from simulator.models.tcp.control_block import TcbSnapshot, TransmissionControlBlock
from simulator.models.tcp.segment import Segment
from simulator.models.tcp.states import TcpEvent
from simulator.models.tcp.table import Transition, lookup


@dataclass(frozen=True)
class Reaction:
    """The outcome of one call on an endpoint."""

    endpoint: str
    transitions: tuple[Transition, ...]
    arrived: Segment | None
    sent: tuple[Segment, ...]
    retransmitted: tuple[bool, ...]
    notes: tuple[str, ...]
    error: str | None
    before: TcbSnapshot
    after: TcbSnapshot

    @property
    def transition(self) -> Transition:
        return self.transitions[-1]


@dataclass
class ReactionDraft:
    """Scratch for one call: what fired, what went out, what to tell the learner."""

    rows: list[Transition] = field(default_factory=list)
    sent: list[Segment] = field(default_factory=list)
    retransmitted: list[bool] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    error: str | None = None
    need_ack: bool = False

    def finish(self, endpoint: str, arrived: Segment | None, before: TcbSnapshot,
               after: TcbSnapshot) -> Reaction:
        return Reaction(endpoint, tuple(self.rows), arrived, tuple(self.sent),
                        tuple(self.retransmitted), tuple(self.notes), self.error, before, after)


def fire(tcb: TransmissionControlBlock, draft: ReactionDraft, event: TcpEvent,
         guard: str = "") -> Transition:
    """Apply the table's row for ``event`` in the current state: record it and move to its
    next state. A row with an ``error`` (a user call the RFC refuses) keeps the state."""
    row = lookup(tcb.state, event, guard)
    draft.rows.append(row)
    if row.error:
        draft.error = row.error
    tcb.state = row.next
    return row
