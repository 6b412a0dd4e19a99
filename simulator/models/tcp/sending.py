"""What an endpoint puts on the wire, and the retransmission queue it fills.

Every segment goes out through ``emit``, which fills in the header from the TCB (ACK =
RCV.NXT, our window, our MSS option on a SYN, §3.7.1) and, for segments that occupy
sequence space and must be acknowledged, appends them to the retransmission queue and
starts the RFC 6298 timer (§5.1) if it is not running. The other functions are the formulas
of the segments RFC 9293 prescribes: the SYN with SEQ=ISS, the reset answering a segment
(§3.10.7.1), the bare ACK <SEQ=SND.NXT><ACK=RCV.NXT>, and data cut to the MSS within the
peer's window followed by the FIN once CLOSE was called (§3.10.2, §3.10.4).
"""

from __future__ import annotations

from simulator.models.tcp.control_block import TransmissionControlBlock, UnackedSegment
from simulator.models.tcp.reaction import ReactionDraft
from simulator.models.tcp.segment import Flags, Segment
from simulator.models.tcp.sequence import seq_add, seq_sub
from simulator.models.tcp.states import TcpState

S = TcpState

#: States in which queued data and the FIN may still go out. CLOSING too: data queued before
#: CLOSE is still owed when the peer's FIN crosses ours (§3.10.4: CLOSE sends the FIN only
#: after all preceding SENDs are segmentized).
_SENDING_STATES = (S.ESTABLISHED, S.CLOSE_WAIT, S.FIN_WAIT_1, S.CLOSING, S.LAST_ACK)


def emit(tcb: TransmissionControlBlock, draft: ReactionDraft, flags: Flags, seq: int,
         payload: bytes = b"", *, ack: int | None = None, now: float, track: bool = False,
         retransmission: bool = False) -> None:
    """Send one segment; ``track`` puts it on the retransmission queue."""
    if ack is None and Flags.ACK in flags:
        ack = tcb.rcv_nxt if tcb.rcv_nxt is not None else 0
    seg = Segment(
        src=tcb.name, dst=tcb.peer, seq=seq % 2**32, ack=(ack or 0) % 2**32,
        flags=flags, window=tcb.rcv_wnd, payload=payload,
        mss=tcb.local_mss if Flags.SYN in flags else None,
    )
    draft.sent.append(seg)
    draft.retransmitted.append(retransmission)
    if track:
        tcb.rtx_queue.append(UnackedSegment(seq, flags, payload, now))
        if tcb.rtx_deadline is None:
            tcb.rtx_deadline = now + tcb.rto.rto


def send_syn(tcb: TransmissionControlBlock, draft: ReactionDraft, now: float,
             with_ack: bool) -> None:
    """<SEQ=ISS><CTL=SYN> (or SYN,ACK in answer to a SYN); SND.UNA=ISS, SND.NXT=ISS+1
    (§3.10.1 OPEN, §3.10.7.2 SYN in LISTEN)."""
    tcb.iss = tcb.iss_choice
    tcb.snd_una = tcb.iss
    tcb.snd_nxt = seq_add(tcb.iss, 1)
    flags = Flags.SYN | Flags.ACK if with_ack else Flags.SYN
    emit(tcb, draft, flags, tcb.iss, now=now, track=True)


def send_rst_for(tcb: TransmissionControlBlock, draft: ReactionDraft, seg: Segment,
                 now: float) -> None:
    """RFC 9293 §3.10.7.1: the reset's fields depend on whether the segment had ACK."""
    if seg.has(Flags.ACK):
        emit(tcb, draft, Flags.RST, seg.ack, now=now)
    else:
        emit(tcb, draft, Flags.RST | Flags.ACK, 0, ack=seq_add(seg.seq, seg.seg_len), now=now)


def send_ack(tcb: TransmissionControlBlock, draft: ReactionDraft, now: float) -> None:
    """<SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>."""
    assert tcb.snd_nxt is not None
    emit(tcb, draft, Flags.ACK, tcb.snd_nxt, now=now)


def send_queued(tcb: TransmissionControlBlock, draft: ReactionDraft, now: float) -> None:
    """Send queued data within the peer's window, then the FIN if CLOSE was called."""
    if tcb.state not in _SENDING_STATES:
        return
    assert tcb.snd_nxt is not None and tcb.snd_una is not None
    while tcb.send_queue:
        in_flight = seq_sub(tcb.snd_nxt, tcb.snd_una)
        room = tcb.snd_wnd - in_flight
        if room <= 0:
            draft.notes.append(f"peer's window ({tcb.snd_wnd} bytes) is full: "
                               f"{len(tcb.send_queue)} bytes wait")
            break
        size = min(tcb.send_mss, room, len(tcb.send_queue))
        payload = bytes(tcb.send_queue[:size])
        del tcb.send_queue[:size]
        flags = Flags.ACK | (Flags.PSH if not tcb.send_queue else Flags.NONE)
        emit(tcb, draft, flags, tcb.snd_nxt, payload, now=now, track=True)
        tcb.snd_nxt = seq_add(tcb.snd_nxt, size)
    if tcb.close_requested and tcb.fin_seq is None and not tcb.send_queue:
        tcb.fin_seq = tcb.snd_nxt
        emit(tcb, draft, Flags.FIN | Flags.ACK, tcb.snd_nxt, now=now, track=True)
        tcb.snd_nxt = seq_add(tcb.snd_nxt, 1)
