"""An endpoint's two timers: retransmission (RFC 6298) and TIME-WAIT's 2·MSL (RFC 9293).

The retransmission timer runs while the retransmission queue holds a segment (``sending``
starts it, an acknowledgement restarts or stops it). When it expires the oldest
unacknowledged segment is sent again and the RTO doubles (RFC 6298 §5.4-5.5). RFC 9293 §3.8.3
measures how long to keep trying in time: at R1 (3 retransmissions, SHLD-10) the application
is told of the delivery problem (SHLD-9); once the same segment has gone unacknowledged for R2
(100 s for data, SHLD-11; 3 minutes for a SYN, MUST-23) the endpoint gives up (§3.10.8).
A SYN that had to be retransmitted leaves the RTO at 3 s once the handshake is done
(RFC 6298 §5.7, see ``handshake_done``).
The TIME-WAIT timer runs 2·MSL (§3.4.2, §3.10.8) so that no old duplicate of this
connection can still be in the network when the TCB is deleted.
"""

from __future__ import annotations

import enum

from simulator.models.tcp.control_block import R1_RETRANSMISSIONS, TransmissionControlBlock
from simulator.models.tcp.reaction import ReactionDraft, fire
from simulator.models.tcp.rto import SYN_LOSS_RTO
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
    """Start (or restart) the 2·MSL timer; nothing is left to retransmit (TIME-WAIT is
    entered when our FIN is acknowledged, which emptied the queue and stopped its timer)."""
    assert not tcb.rtx_queue and tcb.rtx_deadline is None
    tcb.time_wait_deadline = now + 2 * tcb.msl
    verb = "restarted" if restart else "started"
    draft.notes.append(f"2·MSL timer {verb}: {2 * tcb.msl:g} s, until "
                       f"t={tcb.time_wait_deadline:g} s")


def expire_timer(tcb: TransmissionControlBlock, draft: ReactionDraft, now: float,
                 kind: TimerKind) -> None:
    """A timer's deadline passed: the TIME-WAIT row, or retransmit / give up."""
    if kind is TimerKind.TIME_WAIT:
        fire(tcb, draft, E.TIMEOUT_TIME_WAIT)  # to CLOSED: the endpoint deletes the TCB
        return
    if not tcb.rtx_queue:
        return
    first = tcb.rtx_queue[0]
    is_syn = Flags.SYN in first.flags
    r2 = tcb.r2_syn if is_syn else tcb.r2_data
    # §3.8.3 measures "retransmission ... of the same segment": from its first resend
    waited = 0.0 if first.first_resent_at is None else now - first.first_resent_at
    if waited >= r2:
        fire(tcb, draft, E.TIMEOUT_USER)
        draft.notes.append(f"gave up: retransmitted for {waited:g} s, R2 = {r2:g} s "
                           f"(RFC 9293 §3.8.3)")
        return
    tcb.retries += 1
    fire(tcb, draft, E.TIMEOUT_RETRANSMISSION)
    old = tcb.rto.rto
    tcb.rto.back_off()
    if is_syn:
        tcb.syn_timed_out = True
    first.retransmitted = True  # no RTT sample from it (Karn; RFC 6298 §3)
    if first.first_resent_at is None:
        first.first_resent_at = now
    flags = first.flags
    if Flags.SYN in flags and tcb.rcv_nxt is not None:
        flags |= Flags.ACK
    emit(tcb, draft, flags, first.seq, first.payload, now=now, retransmission=True)
    tcb.rtx_deadline = now + tcb.rto.rto
    draft.notes.append(f"retransmission #{tcb.retries}: RTO {old:g} s → {tcb.rto.rto:g} s "
                       "(doubled, RFC 6298 §5.5)")
    if tcb.retries == R1_RETRANSMISSIONS:
        draft.notes.append(f"R1 reached ({R1_RETRANSMISSIONS} retransmissions): the "
                           "application is told of the delivery problem (RFC 9293 §3.8.3)")


def handshake_done(tcb: TransmissionControlBlock, draft: ReactionDraft) -> None:
    """RFC 6298 §5.7: if the timer expired awaiting the ACK of a SYN, the RTO (1 s initially)
    MUST be re-initialized to 3 s when data transmission begins."""
    if tcb.syn_timed_out:
        tcb.syn_timed_out = False
        old = tcb.rto.rto
        tcb.rto.rto = SYN_LOSS_RTO
        draft.notes.append(f"our SYN had to be retransmitted: RTO {old:g} s → "
                           f"{SYN_LOSS_RTO:g} s now that data can flow (RFC 6298 §5.7)")
