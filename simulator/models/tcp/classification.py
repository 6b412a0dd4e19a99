"""Which RFC 9293 §3.10.7 case an arriving segment is, in the endpoint's current state.

"SEGMENT ARRIVES" (§3.10.7) checks a segment in a fixed order: in CLOSED (§3.10.7.1),
LISTEN (§3.10.7.2) and SYN-SENT (§3.10.7.3) by its flags and its ACK; in SYN-RECEIVED and
the synchronized states (§3.10.7.4) first the sequence number (the four-case acceptability
test, ``is_acceptable``), then RST (with RFC 5961's exact-match rule), SYN, ACK, and FIN.
``classify_arrival`` runs those checks and names the outcome as a ``TcpEvent`` (plus the
guard some rows need), which is the key into ``table``; it changes nothing.
"""

from __future__ import annotations

from simulator.models.tcp.control_block import TransmissionControlBlock
from simulator.models.tcp.segment import Flags, Segment
from simulator.models.tcp.sequence import (
    seq_add,
    seq_in_window,
    seq_le,
    seq_lt,
    seq_sub,
)
from simulator.models.tcp.states import TcpEvent, TcpState

S = TcpState
E = TcpEvent


def classify_arrival(tcb: TransmissionControlBlock, seg: Segment) -> tuple[TcpEvent, str]:
    """Which RFC 9293 §3.10.7 case this segment is, in the current state."""
    st = tcb.state
    rst, syn, ack = seg.has(Flags.RST), seg.has(Flags.SYN), seg.has(Flags.ACK)
    if st is S.CLOSED:
        return (E.RCV_RST if rst else E.RCV_SYN if syn and not ack else E.RCV_SEGMENT), ""
    if st is S.LISTEN:
        if rst:
            return E.RCV_RST, ""
        if ack:
            return E.RCV_BAD_ACK, ""
        return (E.RCV_SYN if syn else E.RCV_SEGMENT), ""
    if st is S.SYN_SENT:
        assert tcb.iss is not None and tcb.snd_nxt is not None
        ack_ok = ack and seq_lt(tcb.iss, seg.ack) and seq_le(seg.ack, tcb.snd_nxt)
        if ack and not ack_ok:
            return (E.RCV_RST_IGNORED if rst else E.RCV_BAD_ACK), ""
        if rst:
            return (E.RCV_RST if ack_ok else E.RCV_RST_IGNORED), ""
        if syn:
            return (E.RCV_SYN_ACK if ack_ok else E.RCV_SYN), ""
        return E.RCV_SEGMENT, ""
    return _classify_synchronizing(tcb, seg)


def is_acceptable(tcb: TransmissionControlBlock, seg: Segment) -> bool:
    """The four-case acceptability test of RFC 9293 §3.10.7.4."""
    assert tcb.rcv_nxt is not None
    length, wnd = seg.seg_len, tcb.rcv_wnd
    if length == 0:
        return seg.seq == tcb.rcv_nxt if wnd == 0 else seq_in_window(seg.seq, tcb.rcv_nxt, wnd)
    if wnd == 0:
        return False
    last = seq_add(seg.seq, length - 1)
    return seq_in_window(seg.seq, tcb.rcv_nxt, wnd) or seq_in_window(last, tcb.rcv_nxt, wnd)


def _classify_synchronizing(tcb: TransmissionControlBlock,
                            seg: Segment) -> tuple[TcpEvent, str]:
    """§3.10.7.4: SYN-RECEIVED and the synchronized states."""
    st = tcb.state
    assert tcb.rcv_nxt is not None and tcb.snd_una is not None
    assert tcb.snd_nxt is not None and tcb.irs is not None
    rst, syn, ack, fin = (seg.has(Flags.RST), seg.has(Flags.SYN), seg.has(Flags.ACK),
                          seg.has(Flags.FIN))
    if (st is S.SYN_RECEIVED and syn and ack and not rst and seg.seq == tcb.irs
            and seq_lt(tcb.snd_una, seg.ack) and seq_le(seg.ack, tcb.snd_nxt)):
        # Simultaneous open (figure 7): the peer's SYN,ACK. Its SYN lies before RCV.NXT and
        # is trimmed off (§3.10.7.4: "trimming off any portions that lie outside the window
        # (including SYN and FIN)"); the rest begins at RCV.NXT and acknowledges our SYN.
        return E.RCV_SYN_ACK, ""
    if (st is S.TIME_WAIT and fin and not rst
            and seq_add(seg.seq, seg.seg_len) == tcb.rcv_nxt):
        return E.RCV_FIN, ""  # the peer retransmitted its FIN
    if rst:
        if seg.seq == tcb.rcv_nxt:
            guard = ("opened passively" if tcb.passive else "opened actively"
                     ) if st is S.SYN_RECEIVED else ""
            return E.RCV_RST, guard
        if seq_in_window(seg.seq, tcb.rcv_nxt, max(tcb.rcv_wnd, 1)):
            return E.RCV_RST_IN_WINDOW, ""
        return E.RCV_RST_IGNORED, ""
    if not is_acceptable(tcb, seg):
        return E.RCV_OUT_OF_WINDOW, ""
    if syn:  # fourth check: a SYN inside the window
        if st.synchronized:
            return E.RCV_SYN, ""
        return E.RCV_SYN, "opened passively" if tcb.passive else "opened actively"
    if not ack:
        return E.RCV_SEGMENT, ""
    fin_in_order = (fin and fin_reaches_rcv_nxt(tcb, seg)) or reaches_held_fin(tcb, seg)
    if st is S.SYN_RECEIVED:
        if seq_lt(tcb.snd_una, seg.ack) and seq_le(seg.ack, tcb.snd_nxt):
            # fifth check establishes; eighth: a FIN on that ACK goes on to CLOSE-WAIT
            return (E.RCV_FIN if fin_in_order else E.RCV_ACK_OF_SYN), ""
        return E.RCV_BAD_ACK, ""
    if seq_lt(tcb.snd_nxt, seg.ack) or ack_too_old(tcb, seg.ack):
        return E.RCV_BAD_ACK, ""
    acks_fin = tcb.fin_seq is not None and seq_lt(tcb.fin_seq, seg.ack)
    if st is S.FIN_WAIT_1 and acks_fin:
        return (E.RCV_FIN_ACK_OF_FIN if fin_in_order else E.RCV_ACK_OF_FIN), ""
    if st in (S.CLOSING, S.LAST_ACK) and acks_fin:
        return E.RCV_ACK_OF_FIN, ""
    if fin_in_order and st in (S.ESTABLISHED, S.FIN_WAIT_1, S.FIN_WAIT_2):
        return E.RCV_FIN, ""
    return E.RCV_SEGMENT, ""


def ack_too_old(tcb: TransmissionControlBlock, ack: int) -> bool:
    """RFC 5961 §5 (adopted by RFC 9293 §3.10.7.4, fifth check): an ACK is acceptable only in
    SND.UNA − MAX.SND.WND =< SEG.ACK =< SND.NXT; older ones are dropped with an ACK.
    MAX.SND.WND is the largest window the peer has offered."""
    assert tcb.snd_una is not None
    oldest = seq_sub(tcb.snd_una, max(tcb.max_snd_wnd, tcb.snd_wnd))
    return seq_lt(ack, oldest)


def fin_reaches_rcv_nxt(tcb: TransmissionControlBlock, seg: Segment) -> bool:
    """Whether the FIN of ``seg`` is next in sequence once the octets already received are
    trimmed off its front (§3.10.7.4: "trimming off any portions that lie outside the window
    (including SYN and FIN) and only processing further if the segment then begins at
    RCV.NXT"): the segment starts at or before RCV.NXT and its FIN, at SEG.SEQ + the length
    of its data, is not before RCV.NXT. A resent "data + FIN" whose data arrived earlier
    without the FIN still closes the peer's direction."""
    assert tcb.rcv_nxt is not None
    fin_at = seq_add(seg.seq, len(seg.payload))
    return seq_le(seg.seq, tcb.rcv_nxt) and seq_le(tcb.rcv_nxt, fin_at)


def reaches_held_fin(tcb: TransmissionControlBlock, seg: Segment) -> bool:
    """Whether ``seg`` fills the gap before a FIN that arrived out of order and was held
    (§3.10.7.4: segments beyond RCV.NXT SHOULD be held, SHLD-31): its data, followed by the
    data already held, brings RCV.NXT up to that FIN, so the FIN is processed now."""
    if tcb.fin_held is None or tcb.rcv_nxt is None:
        return False
    position = tcb.rcv_nxt
    data_end = seq_add(seg.seq, len(seg.payload))
    if seg.payload and seq_le(seg.seq, position) and seq_lt(position, data_end):
        position = data_end
    while position in tcb.out_of_order:
        position = seq_add(position, len(tcb.out_of_order[position]))
    return position == tcb.fin_held
