"""One TCP endpoint: the transmission control block and RFC 9293's event processing.

Theory of operation
-------------------
An endpoint is driven by three kinds of calls, each taking the virtual time ``now``:
user calls (``open_active``, ``open_passive``, ``send``, ``close``, ``abort``), segment
arrivals (``receive``) and timer expiries (``expire``). Each call

1. classifies what happened into a ``TcpEvent`` (for arrivals this follows the order of
   checks in RFC 9293 §3.10.7: sequence number, RST, SYN, ACK, text, FIN; see
   ``classification``),
2. looks the row up in ``table`` (state × event → next state + what to send; see
   ``reaction.fire``),
3. applies it: updates SND.UNA/SND.NXT/RCV.NXT (modulo 2**32, see ``sequence``), fills in
   the fields of what the row sends using the RFC's formulas, and runs the RFC 6298 timer
   (``user_calls``, ``arrival``, ``timers``, all sending through ``sending``),
4. returns a ``Reaction``: the rows that fired, the segments sent, notes for the learner,
   and snapshots of the control block (``control_block``) before and after.

Nothing here raises on a segment that arrives in the "wrong" state: the table gives the
RFC's answer (RST, ACK or silence). Data is acknowledged at once (no delayed ACK) and there
is no congestion control (RFC 5681) besides fast retransmit on the third duplicate ACK, so
that every segment on the ladder has a reason a learner can read.
"""

from __future__ import annotations

from collections.abc import Callable

from simulator.models.tcp.arrival import process_arrival
from simulator.models.tcp.classification import classify_arrival
from simulator.models.tcp.control_block import TransmissionControlBlock
from simulator.models.tcp.reaction import Reaction, ReactionDraft
from simulator.models.tcp.segment import Segment
from simulator.models.tcp.states import TcpEvent, TcpState
from simulator.models.tcp.timers import TimerKind, earliest_timer, expire_timer
from simulator.models.tcp.user_calls import process_user_call

E = TcpEvent


class TcpEndpoint(TransmissionControlBlock):
    """One side of a connection. ``name`` and ``peer`` label segments ("client", "server")."""

    def next_timer(self) -> tuple[float, TimerKind] | None:
        """The earliest running timer: its deadline and kind, or None."""
        return earliest_timer(self)

    def classify(self, seg: Segment) -> tuple[TcpEvent, str]:
        """Which RFC 9293 §3.10.7 case this segment is, in the current state."""
        return classify_arrival(self, seg)

    # ----------------------------------------------------------------- user calls
    def open_active(self, now: float) -> Reaction:
        return self._run(now, None, lambda d: process_user_call(self, d, now, E.OPEN_ACTIVE))

    def open_passive(self, now: float) -> Reaction:
        return self._run(now, None, lambda d: process_user_call(self, d, now, E.OPEN_PASSIVE))

    def send(self, data: bytes, now: float) -> Reaction:
        return self._run(now, None, lambda d: process_user_call(self, d, now, E.SEND, data))

    def close(self, now: float) -> Reaction:
        return self._run(now, None, lambda d: process_user_call(self, d, now, E.CLOSE))

    def abort(self, now: float) -> Reaction:
        return self._run(now, None, lambda d: process_user_call(self, d, now, E.ABORT))

    # ----------------------------------------------------------------- arrivals and timers
    def receive(self, seg: Segment, now: float) -> Reaction:
        return self._run(now, seg, lambda d: process_arrival(self, d, now, seg))

    def expire(self, kind: TimerKind, now: float) -> Reaction:
        return self._run(now, None, lambda d: expire_timer(self, d, now, kind))

    # ----------------------------------------------------------------- machinery
    def _run(self, now: float, seg: Segment | None,
             body: Callable[[ReactionDraft], None]) -> Reaction:
        before = self.snapshot()
        draft = ReactionDraft()
        body(draft)
        if self.state is TcpState.CLOSED:
            self.forget_connection()  # the TCB is deleted; the endpoint's settings stay
        return draft.finish(self.name, seg, before, self.snapshot())
