"""An endpoint's two timers: retransmission (RFC 6298) and TIME-WAIT's 2·MSL (RFC 9293).

The retransmission timer runs while the retransmission queue holds a segment (``sending``
starts it, an acknowledgement restarts or stops it). When it expires the oldest
unacknowledged segment is sent again and the RTO doubles (RFC 6298 §5.4-5.5); after
``max_retries`` expiries in a row the endpoint gives up (RFC 9293 §3.10.8, user timeout).
The TIME-WAIT timer runs 2·MSL (§3.4.2, §3.10.8) so that no old duplicate of this
connection can still be in the network when the TCB is deleted.
"""

from __future__ import annotations

import enum

from simulator.models.tcp.control_block import TransmissionControlBlock
from simulator.models.tcp.reaction import ReactionDraft, fire
from simulator.models.tcp.segment import Flags
from simulator.models.tcp.sending import emit
from simulator.models.tcp.states import TcpEvent

E = TcpEvent


class TimerKind(enum.Enum):
    RETRANSMISSION = "retransmission"
    TIME_WAIT = "time-wait"


def earliest_timer(tcb: TransmissionControlBlock) -> tuple[float, TimerKind] | None:
    """The earliest running timer: its deadline and kind."""
    timers = [(t, k) for t, k in ((tcb.rtx_deadline, TimerKind.RETRANSMISSION),
                                  (tcb.time_wait_deadline, TimerKind.TIME_WAIT))
              if t is not None]
    return min(timers, key=lambda tk: tk[0]) if timers else None


def enter_time_wait(tcb: TransmissionControlBlock, draft: ReactionDraft, now: float,
                    restart: bool = False) -> None:
    """Start (or restart) the 2·MSL timer; nothing is left to retransmit."""
    tcb.rtx_deadline = None
    tcb.rtx_queue.clear()
    tcb.time_wait_deadline = now + 2 * tcb.msl
    verb = "restarted" if restart else "started"
    draft.notes.append(f"2·MSL timer {verb}: {2 * tcb.msl:g} s, until "
                       f"t={tcb.time_wait_deadline:g} s")


def expire_timer(tcb: TransmissionControlBlock, draft: ReactionDraft, now: float,
                 kind: TimerKind) -> None:
    """A timer's deadline passed: the TIME-WAIT row, or retransmit / give up."""
    if kind is TimerKind.TIME_WAIT:
        tcb.time_wait_deadline = None
        fire(tcb, draft, E.TIMEOUT_TIME_WAIT)
        return
    tcb.rtx_deadline = None
    if not tcb.rtx_queue:
        return
    tcb.retries += 1
    if tcb.retries > tcb.max_retries:
        fire(tcb, draft, E.TIMEOUT_USER)
        draft.notes.append(f"gave up after {tcb.max_retries} retransmissions")
        return
    fire(tcb, draft, E.TIMEOUT_RETRANSMISSION)
    old = tcb.rto.rto
    tcb.rto.back_off()
    first = tcb.rtx_queue[0]
    first.retransmitted = True
    first.sent_at = now
    flags = first.flags
    if Flags.SYN in flags and tcb.rcv_nxt is not None:
        flags |= Flags.ACK
    emit(tcb, draft, flags, first.seq, first.payload, now=now, retransmission=True)
    tcb.rtx_deadline = now + tcb.rto.rto
    draft.notes.append(f"retransmission #{tcb.retries}: RTO {old:g} s → {tcb.rto.rto:g} s "
                       "(doubled, RFC 6298 §5.5)")
