"""Applying a classified segment arrival: RFC 9293 §3.10.7 once the row is known.

``classification`` names the case and ``fire`` moves the state; what is left is the rest of
the row. Segments in CLOSED, LISTEN and SYN-SENT are answered as a whole (a reset, a
SYN,ACK, the ACK that completes the handshake). In SYN-RECEIVED and the synchronized states
an acceptable segment is processed in §3.10.7.4's order: its ACK (fifth check: SND.UNA,
the retransmission queue, RTT samples, the send window), its text (seventh) and then its
FIN (eighth), and whatever is owed goes out, with the ACK piggybacked on data if possible.

Data is acknowledged at once (no delayed ACK), and an out-of-order segment at once with a
duplicate ACK (RFC 5681 §4.2); segments beyond RCV.NXT, a FIN among them, are held until the
gap fills (§3.10.7.4, SHLD-31). There is no congestion control (RFC 5681) besides fast
retransmit on the third duplicate ACK (§3.2). The urgent pointer is not modelled: URG data is
delivered in line with the rest, as RFC 6093 §4 recommends applications expect.
"""

from __future__ import annotations

from simulator.models.tcp.classification import classify_arrival
from simulator.models.tcp.control_block import DEFAULT_PEER_MSS, TransmissionControlBlock
from simulator.models.tcp.reaction import ReactionDraft, fire
from simulator.models.tcp.segment import Flags, Segment
from simulator.models.tcp.sending import emit, send_ack, send_queued, send_rst_for, send_syn
from simulator.models.tcp.sequence import seq_add, seq_le, seq_lt, seq_sub
from simulator.models.tcp.states import Send, TcpEvent, TcpState
from simulator.models.tcp.timers import enter_time_wait, handshake_done

S = TcpState
E = TcpEvent

DUPACK_THRESHOLD = 3  # RFC 5681 §3.2


def process_arrival(tcb: TransmissionControlBlock, draft: ReactionDraft, now: float,
                    seg: Segment) -> None:
    """Classify ``seg``, fire its row and carry the row out."""
    event, guard = classify_arrival(tcb, seg)
    state = tcb.state
    row = fire(tcb, draft, event, guard)
    if state is S.CLOSED:
        if row.send is Send.RST:
            send_rst_for(tcb, draft, seg, now)
        return
    if event is E.RCV_BAD_ACK and row.send is Send.RST:
        emit(tcb, draft, Flags.RST, seg.ack, now=now)
        return
    if state is S.LISTEN and event is E.RCV_RST:
        return  # §3.10.7.2 first check: "An incoming RST should be ignored."
    if state is S.SYN_SENT and event is E.RCV_SEGMENT:
        # §3.10.7.3 fifth: "If neither of the SYN or RST bits is set, then drop the segment
        # and return." An ACK of our SYN without a SYN does not acknowledge it.
        return
    if event is E.RCV_SYN and state is S.LISTEN:
        _learn_peer_syn(tcb, seg)  # passive already: set by the OPEN, or on return to LISTEN
        send_syn(tcb, draft, now, with_ack=True)
        return
    if event is E.RCV_SYN and state is S.SYN_SENT:
        _learn_peer_syn(tcb, seg)
        assert tcb.iss is not None
        emit(tcb, draft, Flags.SYN | Flags.ACK, tcb.iss, now=now)
        return  # the queued SYN, resent on the timer, carries the ACK from now on
    if event is E.RCV_SYN_ACK and state is S.SYN_SENT:
        _learn_peer_syn(tcb, seg)
        _process_ack(tcb, draft, seg, now)
        handshake_done(tcb, draft)
        send_ack(tcb, draft, now)
        send_queued(tcb, draft, now)
        return
    if event is E.RCV_SYN_ACK and state is S.SYN_RECEIVED:
        draft.notes.append("the SYN in it is already known (SEG.SEQ = IRS < RCV.NXT) and is "
                           "trimmed off; the rest acknowledges our SYN (simultaneous open, "
                           "figure 7)")
        _process_ack(tcb, draft, seg, now)
        handshake_done(tcb, draft)
        _go_ahead_with_queued_close(tcb, draft)
        send_ack(tcb, draft, now)  # answers the duplicate SYN (§3.10.7.4, first check)
        send_queued(tcb, draft, now)
        return
    if event is E.RCV_SYN and state is S.SYN_RECEIVED and row.next is S.LISTEN:
        # §3.10.7.4 fourth check: back to LISTEN, the half-open connection forgotten
        tcb.forget_connection()
        tcb.passive = True
        return
    if row.send is Send.ACK and event in (E.RCV_OUT_OF_WINDOW, E.RCV_BAD_ACK,
                                          E.RCV_RST_IN_WINDOW, E.RCV_SYN):
        send_ack(tcb, draft, now)
        return
    if event is E.RCV_RST:
        draft.notes.append("connection reset by peer")
        if row.next is S.LISTEN:
            # §3.10.7.4: back to LISTEN with the retransmission queue flushed (no timer)
            tcb.forget_connection()
            tcb.passive = True
        return
    if event is E.RCV_RST_IGNORED:
        return
    if event is E.RCV_FIN and state is S.TIME_WAIT:
        send_ack(tcb, draft, now)
        enter_time_wait(tcb, draft, now, restart=True)
        return
    if not seg.has(Flags.ACK):
        draft.notes.append("segment without ACK dropped")
        return
    # Acceptable segment in SYN-RECEIVED or a synchronized state: ACK, text, FIN.
    _process_ack(tcb, draft, seg, now)
    if state is S.SYN_RECEIVED:
        handshake_done(tcb, draft)
    if seg.has(Flags.URG):
        draft.notes.append("URG is set: the urgent data is delivered in line with the rest "
                           "(the urgent pointer is not modelled; RFC 6093 §4)")
    # §3.10.7.4: the text is processed (seventh) before the FIN (eighth) moves the state;
    # in SYN-RECEIVED the fifth check has already made the connection ESTABLISHED.
    text_state = state if event in (E.RCV_FIN, E.RCV_FIN_ACK_OF_FIN) else tcb.state
    _process_text(tcb, draft, seg, S.ESTABLISHED if text_state is S.SYN_RECEIVED
                  else text_state)
    if event in (E.RCV_FIN, E.RCV_FIN_ACK_OF_FIN):
        assert tcb.rcv_nxt is not None
        if tcb.fin_held is not None and not seg.has(Flags.FIN):
            draft.notes.append("the gap is filled: the FIN held since it arrived out of "
                               "order is processed now")
        tcb.fin_held = None
        tcb.rcv_nxt = seq_add(tcb.rcv_nxt, 1)
        draft.notes.append("end of the peer's data stream (FIN consumes one sequence number)")
        # every FIN row's send is ACK (§3.10.7.4, eighth check): sent below
    elif seg.has(Flags.FIN) and text_state in (S.ESTABLISHED, S.FIN_WAIT_1, S.FIN_WAIT_2):
        _hold_fin(tcb, draft, seg)
    if row.next is S.TIME_WAIT and state is not S.TIME_WAIT:
        # entering TIME-WAIT; in it, only the peer's FIN again restarts the timer (above)
        enter_time_wait(tcb, draft, now)
    if row.next is S.CLOSED:
        return
    _go_ahead_with_queued_close(tcb, draft)
    before = len(draft.sent)
    send_queued(tcb, draft, now)
    piggybacked = len(draft.sent) > before
    if (draft.need_ack or row.send is Send.ACK) and not piggybacked:
        send_ack(tcb, draft, now)


def _go_ahead_with_queued_close(tcb: TransmissionControlBlock, draft: ReactionDraft) -> None:
    """§3.10.4: a CLOSE queued in SYN-RECEIVED is processed once ESTABLISHED is reached (or
    CLOSE-WAIT, when the handshake's ACK also carried the peer's FIN)."""
    if tcb.close_queued and tcb.state in (S.ESTABLISHED, S.CLOSE_WAIT):
        tcb.close_queued = False
        fire(tcb, draft, E.CLOSE)
        tcb.close_requested = True
        draft.notes.append("the CLOSE queued in SYN-RECEIVED goes ahead: queued data, then "
                           "the FIN")


def _hold_fin(tcb: TransmissionControlBlock, draft: ReactionDraft, seg: Segment) -> None:
    """A FIN beyond RCV.NXT: hold it (§3.10.7.4, SHLD-31) and answer at once with a duplicate
    ACK (RFC 5681 §4.2); it is processed when the gap before it fills."""
    assert tcb.rcv_nxt is not None
    if not seq_lt(tcb.rcv_nxt, seg.seq):
        return
    tcb.fin_held = seq_add(seg.seq, len(seg.payload))
    draft.need_ack = True
    draft.notes.append(f"the FIN arrived out of order (expected {tcb.rcv_nxt}, got "
                       f"{seg.seq}): held until the gap fills; the duplicate ACK repeats "
                       "RCV.NXT")


def _learn_peer_syn(tcb: TransmissionControlBlock, seg: Segment) -> None:
    """IRS=SEG.SEQ, RCV.NXT=SEG.SEQ+1, the peer's MSS (§3.7.1) and its window."""
    tcb.irs = seg.seq
    tcb.rcv_nxt = seq_add(seg.seq, 1)
    tcb.peer_mss = seg.mss if seg.mss is not None else DEFAULT_PEER_MSS
    tcb.snd_wnd = seg.window
    tcb.max_snd_wnd = max(tcb.max_snd_wnd, seg.window)
    tcb.snd_wl1 = seg.seq
    tcb.snd_wl2 = seg.ack


def _process_ack(tcb: TransmissionControlBlock, draft: ReactionDraft, seg: Segment,
                 now: float) -> None:
    """SND.UNA, the retransmission queue, RTT samples and the window (§3.10.7.4 fifth)."""
    assert tcb.snd_una is not None and tcb.snd_nxt is not None
    if seq_lt(tcb.snd_una, seg.ack) and seq_le(seg.ack, tcb.snd_nxt):
        acked = seq_sub(seg.ack, tcb.snd_una)
        tcb.snd_una = seg.ack
        tcb.dupacks = 0
        tcb.retries = 0
        sampled = False
        while tcb.rtx_queue and seq_le(tcb.rtx_queue[0].end, seg.ack):
            done = tcb.rtx_queue.pop(0)
            if not done.retransmitted and not sampled:
                old = tcb.rto.rto
                tcb.rto.sample(now - done.sent_at)
                sampled = True
                change = f"{old:g} s → {tcb.rto.rto:g} s" if old != tcb.rto.rto else (
                    f"stays {old:g} s")
                draft.notes.append(f"RTT sample {1000 * (now - done.sent_at):.0f} ms: "
                                   f"RTO {change} (RFC 6298 §2, 1 s minimum)")
        tcb.rtx_deadline = now + tcb.rto.rto if tcb.rtx_queue else None
        draft.notes.append(f"{acked} octet(s) of sequence space acknowledged; "
                           f"SND.UNA = {tcb.snd_una}")
    elif (seg.ack == tcb.snd_una and tcb.rtx_queue and not seg.payload
          and not seg.has(Flags.FIN) and seg.window == tcb.snd_wnd):
        tcb.dupacks += 1
        draft.notes.append(f"duplicate ACK #{tcb.dupacks} for {seg.ack}")
        if tcb.dupacks == DUPACK_THRESHOLD:
            first = tcb.rtx_queue[0]
            first.retransmitted = True
            emit(tcb, draft, first.flags, first.seq, first.payload, now=now,
                 retransmission=True)
            draft.notes.append("third duplicate ACK: fast retransmit (RFC 5681 §3.2)")
    if seq_lt(tcb.snd_wl1, seg.seq) or (tcb.snd_wl1 == seg.seq
                                        and seq_le(tcb.snd_wl2, seg.ack)):
        tcb.snd_wnd = seg.window
        tcb.max_snd_wnd = max(tcb.max_snd_wnd, seg.window)
        tcb.snd_wl1 = seg.seq
        tcb.snd_wl2 = seg.ack


def _process_text(tcb: TransmissionControlBlock, draft: ReactionDraft, seg: Segment,
                  state: TcpState) -> None:
    """Accept in-order data, keep out-of-order data for later (§3.10.7.4 seventh)."""
    if not seg.payload:
        return
    if state not in (S.ESTABLISHED, S.FIN_WAIT_1, S.FIN_WAIT_2):
        draft.notes.append("data after the peer's FIN is ignored")
        return
    assert tcb.rcv_nxt is not None
    draft.need_ack = True
    offset = seq_sub(tcb.rcv_nxt, seg.seq)
    if offset < len(seg.payload) and (offset == 0 or seq_lt(seg.seq, tcb.rcv_nxt)):
        fresh = seg.payload[offset:]
        tcb.delivered += fresh
        tcb.rcv_nxt = seq_add(tcb.rcv_nxt, len(fresh))
        draft.notes.append(f"{len(fresh)} bytes delivered to the application; "
                           f"RCV.NXT = {tcb.rcv_nxt}")
        while tcb.rcv_nxt in tcb.out_of_order:
            held = tcb.out_of_order.pop(tcb.rcv_nxt)
            tcb.delivered += held
            tcb.rcv_nxt = seq_add(tcb.rcv_nxt, len(held))
            draft.notes.append(f"{len(held)} held out-of-order bytes now delivered")
    elif seq_lt(tcb.rcv_nxt, seg.seq):
        tcb.out_of_order[seg.seq] = seg.payload
        draft.notes.append(f"out of order: expected {tcb.rcv_nxt}, got {seg.seq}; held, "
                           "and the ACK repeats RCV.NXT (a duplicate ACK)")
    else:
        draft.notes.append("duplicate data (already received); acknowledged again")
