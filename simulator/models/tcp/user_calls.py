"""The user calls of RFC 9293 §3.10.1-§3.10.5: OPEN, SEND, CLOSE and ABORT.

The table row decides whether the call is allowed in the current state (a refused call
keeps the state and returns the row's error). What the row sends is filled in here: the SYN
of an active OPEN (§3.10.1), data cut into segments or queued until the connection is
established (§3.10.2), the FIN after all queued data (§3.10.4), the reset of an ABORT
(§3.10.5).
"""

from __future__ import annotations

from simulator.models.tcp.control_block import TransmissionControlBlock
from simulator.models.tcp.reaction import ReactionDraft, fire
from simulator.models.tcp.segment import Flags
from simulator.models.tcp.sending import emit, send_queued, send_syn
from simulator.models.tcp.states import Send, TcpEvent, TcpState

S = TcpState
E = TcpEvent


def process_user_call(tcb: TransmissionControlBlock, draft: ReactionDraft, now: float,
                      event: TcpEvent, data: bytes = b"") -> None:
    """Fire the row of user call ``event`` (``data`` for SEND) and carry it out."""
    state = tcb.state
    guard = ""
    if state is S.SYN_RECEIVED and tcb.close_queued and event in (E.SEND, E.CLOSE):
        guard = "close queued"  # §3.10.2, §3.10.4: "error: connection closing"
    elif event is E.CLOSE and state is S.SYN_RECEIVED:
        guard = "data queued" if tcb.send_queue else "nothing queued"
    row = fire(tcb, draft, event, guard)
    if row.error:
        return
    if event is E.OPEN_PASSIVE:
        tcb.passive = True
    elif event is E.OPEN_ACTIVE:
        tcb.passive = False  # from LISTEN too: the connection turns active (§3.10.1)
        send_syn(tcb, draft, now, with_ack=False)
    elif event is E.SEND:
        tcb.send_queue += data
        if state is S.LISTEN:
            tcb.passive = False
            send_syn(tcb, draft, now, with_ack=False)
        elif row.send is Send.DATA:
            send_queued(tcb, draft, now)
            n = len(draft.sent)  # the call's own draft: these are all the segments it sent
            draft.notes.append(f"{len(data)} bytes split into {n} segment(s) of at most "
                               f"MSS={tcb.send_mss} bytes")
        else:
            draft.notes.append(f"{len(data)} bytes queued until the connection is "
                               "established")
    elif event is E.CLOSE:
        if row.send is Send.FIN:
            tcb.close_requested = True
            send_queued(tcb, draft, now)
        elif guard == "data queued":
            tcb.close_queued = True
            draft.notes.append(f"CLOSE queued with {len(tcb.send_queue)} bytes until the "
                               "connection is established")
    elif event is E.ABORT and row.send is Send.RST:  # the row's next state is CLOSED
        assert tcb.snd_nxt is not None
        emit(tcb, draft, Flags.RST, tcb.snd_nxt, now=now)
