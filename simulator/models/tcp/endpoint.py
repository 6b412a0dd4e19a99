"""One TCP endpoint: the transmission control block and RFC 9293's event processing.

Theory of operation
-------------------
An endpoint is driven by three kinds of calls, each taking the virtual time ``now``:
user calls (``open_active``, ``open_passive``, ``send``, ``close``, ``abort``), segment
arrivals (``receive``) and timer expiries (``expire``). Each call

1. classifies what happened into a ``TcpEvent`` (for arrivals this follows the order of
   checks in RFC 9293 §3.10.7: sequence number, RST, SYN, ACK, text, FIN),
2. looks the row up in ``tcp_table`` (state × event → next state + what to send),
3. applies it: updates SND.UNA/SND.NXT/RCV.NXT (modulo 2**32, see ``sequence``), fills in
   the fields of what the row sends using the RFC's formulas, and runs the RFC 6298 timer,
4. returns a ``Reaction``: the rows that fired, the segments sent, notes for the learner,
   and snapshots of the control block before and after.

Nothing here raises on a segment that arrives in the "wrong" state: the table gives the
RFC's answer (RST, ACK or silence). Data is acknowledged at once (no delayed ACK) and there
is no congestion control (RFC 5681) besides fast retransmit on the third duplicate ACK, so
that every segment on the ladder has a reason a learner can read.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass, field

from simulator.models.tcp.rto import RtoEstimator
from simulator.models.tcp.segment import Flags, Segment
from simulator.models.tcp.sequence import seq_add, seq_in_window, seq_le, seq_lt, seq_sub
from simulator.models.tcp.states import Send, TcpEvent, TcpState
from simulator.models.tcp.table import Transition, lookup

S = TcpState
E = TcpEvent

DEFAULT_MSS = 1460
DEFAULT_PEER_MSS = 536  # RFC 9293 §3.7.1: assume 536 when the peer sent no MSS option
DEFAULT_WINDOW = 65535
DEFAULT_MSL = 120.0  # RFC 9293 §3.4.2: MSL is 2 minutes
DEFAULT_MAX_RETRIES = 5
DUPACK_THRESHOLD = 3  # RFC 5681 §3.2


class TimerKind(enum.Enum):
    RETRANSMISSION = "retransmission"
    TIME_WAIT = "time-wait"


@dataclass(frozen=True)
class TcbSnapshot:
    """What a learner may inspect of one endpoint at one instant (RFC 9293 §3.3.1)."""

    name: str
    state: TcpState
    iss: int | None
    irs: int | None
    snd_una: int | None
    snd_nxt: int | None
    snd_wnd: int
    rcv_nxt: int | None
    rcv_wnd: int
    rto: float
    srtt: float | None
    retries: int
    bytes_in_flight: int
    bytes_queued: int
    bytes_delivered: int
    retransmission_deadline: float | None
    time_wait_deadline: float | None


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
class _Outstanding:
    """A sent segment waiting for its acknowledgement (the retransmission queue)."""

    seq: int
    flags: Flags
    payload: bytes
    sent_at: float
    retransmitted: bool = False

    @property
    def seg_len(self) -> int:
        return len(self.payload) + (1 if Flags.SYN in self.flags else 0) + (
            1 if Flags.FIN in self.flags else 0)

    @property
    def end(self) -> int:
        return seq_add(self.seq, self.seg_len)


@dataclass
class _Work:
    """Scratch for one call: what fired, what went out, what to tell the learner."""

    rows: list[Transition] = field(default_factory=list)
    sent: list[Segment] = field(default_factory=list)
    retransmitted: list[bool] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    error: str | None = None
    need_ack: bool = False


class TcpEndpoint:
    """One side of a connection. ``name`` and ``peer`` label segments ("client", "server")."""

    def __init__(self, name: str, peer: str, *, iss: int, mss: int = DEFAULT_MSS,
                 window: int = DEFAULT_WINDOW, msl: float = DEFAULT_MSL,
                 max_retries: int = DEFAULT_MAX_RETRIES) -> None:
        self.name = name
        self.peer = peer
        self.state = S.CLOSED
        self.iss_choice = iss % 2**32
        self.local_mss = mss
        self.msl = msl
        self.max_retries = max_retries
        self.rcv_wnd = window
        self.delivered = bytearray()  # what the application has read; kept across CLOSED
        self._reset_tcb()

    # ----------------------------------------------------------------- control block
    def _reset_tcb(self) -> None:
        self.iss: int | None = None
        self.irs: int | None = None
        self.snd_una: int | None = None
        self.snd_nxt: int | None = None
        self.snd_wnd = 0
        self.snd_wl1 = 0
        self.snd_wl2 = 0
        self.rcv_nxt: int | None = None
        self.peer_mss = DEFAULT_PEER_MSS
        self.passive = False
        self.send_queue = bytearray()
        self.close_requested = False
        self.fin_seq: int | None = None
        self.rtx_queue: list[_Outstanding] = []
        self.rto = RtoEstimator()
        self.retries = 0
        self.rtx_deadline: float | None = None
        self.time_wait_deadline: float | None = None
        self.dupacks = 0
        self.out_of_order: dict[int, bytes] = {}

    def snapshot(self) -> TcbSnapshot:
        in_flight = (seq_sub(self.snd_nxt, self.snd_una)
                     if self.snd_nxt is not None and self.snd_una is not None else 0)
        return TcbSnapshot(
            name=self.name, state=self.state, iss=self.iss, irs=self.irs,
            snd_una=self.snd_una, snd_nxt=self.snd_nxt, snd_wnd=self.snd_wnd,
            rcv_nxt=self.rcv_nxt, rcv_wnd=self.rcv_wnd, rto=self.rto.rto, srtt=self.rto.srtt,
            retries=self.retries, bytes_in_flight=in_flight,
            bytes_queued=len(self.send_queue), bytes_delivered=len(self.delivered),
            retransmission_deadline=self.rtx_deadline,
            time_wait_deadline=self.time_wait_deadline,
        )

    @property
    def send_mss(self) -> int:
        """Largest payload per segment: the smaller of ours and the peer's MSS (§3.7.1)."""
        return min(self.local_mss, self.peer_mss)

    def next_timer(self) -> tuple[float, TimerKind] | None:
        timers = [(t, k) for t, k in ((self.rtx_deadline, TimerKind.RETRANSMISSION),
                                      (self.time_wait_deadline, TimerKind.TIME_WAIT))
                  if t is not None]
        return min(timers, key=lambda tk: tk[0]) if timers else None

    # ----------------------------------------------------------------- user calls
    def open_active(self, now: float) -> Reaction:
        return self._run(now, None, lambda w: self._user(w, now, E.OPEN_ACTIVE))

    def open_passive(self, now: float) -> Reaction:
        return self._run(now, None, lambda w: self._user(w, now, E.OPEN_PASSIVE))

    def send(self, data: bytes, now: float) -> Reaction:
        return self._run(now, None, lambda w: self._user(w, now, E.SEND, data))

    def close(self, now: float) -> Reaction:
        return self._run(now, None, lambda w: self._user(w, now, E.CLOSE))

    def abort(self, now: float) -> Reaction:
        return self._run(now, None, lambda w: self._user(w, now, E.ABORT))

    def receive(self, seg: Segment, now: float) -> Reaction:
        return self._run(now, seg, lambda w: self._arrive(w, now, seg))

    def expire(self, kind: TimerKind, now: float) -> Reaction:
        return self._run(now, None, lambda w: self._timeout(w, now, kind))

    # ----------------------------------------------------------------- machinery
    def _run(self, now: float, seg: Segment | None, body: Callable[[_Work], None]) -> Reaction:
        before = self.snapshot()
        work = _Work()
        body(work)
        if self.state is S.CLOSED:
            self._enter_closed()
        return Reaction(self.name, tuple(work.rows), seg, tuple(work.sent),
                        tuple(work.retransmitted), tuple(work.notes), work.error, before,
                        self.snapshot())

    def _fire(self, work: _Work, event: TcpEvent, guard: str = "") -> Transition:
        row = lookup(self.state, event, guard)
        work.rows.append(row)
        if row.error:
            work.error = row.error
        self.state = row.next
        return row

    def _emit(self, work: _Work, flags: Flags, seq: int, payload: bytes = b"", *,
              ack: int | None = None, now: float, track: bool = False,
              retransmission: bool = False) -> Segment:
        if ack is None and Flags.ACK in flags:
            ack = self.rcv_nxt if self.rcv_nxt is not None else 0
        seg = Segment(
            src=self.name, dst=self.peer, seq=seq % 2**32, ack=(ack or 0) % 2**32,
            flags=flags, window=self.rcv_wnd, payload=payload,
            mss=self.local_mss if Flags.SYN in flags else None,
        )
        work.sent.append(seg)
        work.retransmitted.append(retransmission)
        if track:
            self.rtx_queue.append(_Outstanding(seq, flags, payload, now))
            if self.rtx_deadline is None:
                self.rtx_deadline = now + self.rto.rto
        return seg

    def _enter_closed(self) -> None:
        self.state = S.CLOSED
        self._reset_tcb()

    def _enter_time_wait(self, work: _Work, now: float, restart: bool = False) -> None:
        self.rtx_deadline = None
        self.rtx_queue.clear()
        self.time_wait_deadline = now + 2 * self.msl
        verb = "restarted" if restart else "started"
        work.notes.append(f"2·MSL timer {verb}: {2 * self.msl:g} s, until "
                          f"t={self.time_wait_deadline:g} s")

    def _send_syn(self, work: _Work, now: float, with_ack: bool) -> None:
        self.iss = self.iss_choice
        self.snd_una = self.iss
        self.snd_nxt = seq_add(self.iss, 1)
        flags = Flags.SYN | Flags.ACK if with_ack else Flags.SYN
        self._emit(work, flags, self.iss, now=now, track=True)

    def _send_rst_for(self, work: _Work, seg: Segment, now: float) -> None:
        """RFC 9293 §3.10.7.1: the reset's fields depend on whether the segment had ACK."""
        if seg.has(Flags.ACK):
            self._emit(work, Flags.RST, seg.ack, now=now)
        else:
            self._emit(work, Flags.RST | Flags.ACK, 0, ack=seq_add(seg.seq, seg.seg_len),
                       now=now)

    def _send_ack(self, work: _Work, now: float) -> None:
        assert self.snd_nxt is not None
        self._emit(work, Flags.ACK, self.snd_nxt, now=now)

    def _output(self, work: _Work, now: float) -> None:
        """Send queued data within the peer's window, then the FIN if CLOSE was called."""
        # CLOSING too: data queued before CLOSE is still owed when the peer's FIN crosses ours
        # (§3.10.4: CLOSE sends the FIN only after all preceding SENDs are segmentized).
        if self.state not in (S.ESTABLISHED, S.CLOSE_WAIT, S.FIN_WAIT_1, S.CLOSING, S.LAST_ACK):
            return
        assert self.snd_nxt is not None and self.snd_una is not None
        while self.send_queue:
            in_flight = seq_sub(self.snd_nxt, self.snd_una)
            room = self.snd_wnd - in_flight
            if room <= 0:
                work.notes.append(f"peer's window ({self.snd_wnd} bytes) is full: "
                                  f"{len(self.send_queue)} bytes wait")
                break
            size = min(self.send_mss, room, len(self.send_queue))
            payload = bytes(self.send_queue[:size])
            del self.send_queue[:size]
            flags = Flags.ACK | (Flags.PSH if not self.send_queue else Flags.NONE)
            self._emit(work, flags, self.snd_nxt, payload, now=now, track=True)
            self.snd_nxt = seq_add(self.snd_nxt, size)
        if self.close_requested and self.fin_seq is None and not self.send_queue:
            self.fin_seq = self.snd_nxt
            self._emit(work, Flags.FIN | Flags.ACK, self.snd_nxt, now=now, track=True)
            self.snd_nxt = seq_add(self.snd_nxt, 1)

    # ----------------------------------------------------------------- user-call rules
    def _user(self, work: _Work, now: float, event: TcpEvent, data: bytes = b"") -> None:
        state = self.state
        row = self._fire(work, event)
        if row.error:
            return
        if event is E.OPEN_PASSIVE:
            self.passive = True
        elif event is E.OPEN_ACTIVE:
            self._send_syn(work, now, with_ack=False)
        elif event is E.SEND:
            self.send_queue += data
            if state is S.LISTEN:
                self.passive = False
                self._send_syn(work, now, with_ack=False)
            elif row.send is Send.DATA:
                before = len(work.sent)
                self._output(work, now)
                n = len(work.sent) - before
                work.notes.append(f"{len(data)} bytes split into {n} segment(s) of at most "
                                  f"MSS={self.send_mss} bytes")
            else:
                work.notes.append(f"{len(data)} bytes queued until the connection is "
                                  "established")
        elif event is E.CLOSE:
            if row.send is Send.FIN:
                self.close_requested = True
                self._output(work, now)
        elif event is E.ABORT:
            if row.send is Send.RST:
                assert self.snd_nxt is not None
                self._emit(work, Flags.RST, self.snd_nxt, now=now)
            self.state = S.CLOSED

    # ----------------------------------------------------------------- timeouts
    def _timeout(self, work: _Work, now: float, kind: TimerKind) -> None:
        if kind is TimerKind.TIME_WAIT:
            self.time_wait_deadline = None
            self._fire(work, E.TIMEOUT_TIME_WAIT)
            return
        self.rtx_deadline = None
        if not self.rtx_queue:
            return
        self.retries += 1
        if self.retries > self.max_retries:
            self._fire(work, E.TIMEOUT_USER)
            work.notes.append(f"gave up after {self.max_retries} retransmissions")
            return
        self._fire(work, E.TIMEOUT_RETRANSMISSION)
        old = self.rto.rto
        self.rto.back_off()
        first = self.rtx_queue[0]
        first.retransmitted = True
        first.sent_at = now
        flags = first.flags
        if Flags.SYN in flags and self.rcv_nxt is not None:
            flags |= Flags.ACK
        self._emit(work, flags, first.seq, first.payload, now=now, retransmission=True)
        self.rtx_deadline = now + self.rto.rto
        work.notes.append(f"retransmission #{self.retries}: RTO {old:g} s → {self.rto.rto:g} s "
                          "(doubled, RFC 6298 §5.5)")

    # ----------------------------------------------------------------- segment arrival
    def classify(self, seg: Segment) -> tuple[TcpEvent, str]:
        """Which RFC 9293 §3.10.7 case this segment is, in the current state."""
        st = self.state
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
            assert self.iss is not None and self.snd_nxt is not None
            ack_ok = ack and seq_lt(self.iss, seg.ack) and seq_le(seg.ack, self.snd_nxt)
            if ack and not ack_ok:
                return (E.RCV_RST_IGNORED if rst else E.RCV_BAD_ACK), ""
            if rst:
                return (E.RCV_RST if ack_ok else E.RCV_RST_IGNORED), ""
            if syn:
                return (E.RCV_SYN_ACK if ack_ok else E.RCV_SYN), ""
            return E.RCV_SEGMENT, ""
        return self._classify_synchronizing(seg)

    def _acceptable(self, seg: Segment) -> bool:
        """The four-case acceptability test of RFC 9293 §3.10.7.4."""
        assert self.rcv_nxt is not None
        length, wnd = seg.seg_len, self.rcv_wnd
        if length == 0:
            return seg.seq == self.rcv_nxt if wnd == 0 else seq_in_window(seg.seq, self.rcv_nxt,
                                                                          wnd)
        if wnd == 0:
            return False
        last = seq_add(seg.seq, length - 1)
        return (seq_in_window(seg.seq, self.rcv_nxt, wnd)
                or seq_in_window(last, self.rcv_nxt, wnd))

    def _classify_synchronizing(self, seg: Segment) -> tuple[TcpEvent, str]:
        st = self.state
        assert self.rcv_nxt is not None and self.snd_una is not None
        assert self.snd_nxt is not None and self.irs is not None
        rst, syn, ack, fin = (seg.has(Flags.RST), seg.has(Flags.SYN), seg.has(Flags.ACK),
                              seg.has(Flags.FIN))
        if (st is S.SYN_RECEIVED and syn and ack and not rst and seg.seq == self.irs
                and seq_lt(self.snd_una, seg.ack) and seq_le(seg.ack, self.snd_nxt)):
            return E.RCV_SYN_ACK, ""  # simultaneous open, figure 8
        if (st is S.TIME_WAIT and fin and not rst
                and seq_add(seg.seq, seg.seg_len) == self.rcv_nxt):
            return E.RCV_FIN, ""  # the peer retransmitted its FIN
        if rst:
            if seg.seq == self.rcv_nxt:
                guard = ("opened passively" if self.passive else "opened actively"
                         ) if st is S.SYN_RECEIVED else ""
                return E.RCV_RST, guard
            if seq_in_window(seg.seq, self.rcv_nxt, max(self.rcv_wnd, 1)):
                return E.RCV_RST_IN_WINDOW, ""
            return E.RCV_RST_IGNORED, ""
        if not self._acceptable(seg):
            return E.RCV_OUT_OF_WINDOW, ""
        if syn:
            return (E.RCV_SYN, "") if st.synchronized else (E.RCV_BAD_ACK, "")
        if not ack:
            return E.RCV_SEGMENT, ""
        if st is S.SYN_RECEIVED:
            if seq_lt(self.snd_una, seg.ack) and seq_le(seg.ack, self.snd_nxt):
                return E.RCV_ACK_OF_SYN, ""
            return E.RCV_BAD_ACK, ""
        if seq_lt(self.snd_nxt, seg.ack):
            return E.RCV_BAD_ACK, ""
        fin_in_order = fin and seg.seq == self.rcv_nxt
        acks_fin = self.fin_seq is not None and seq_lt(self.fin_seq, seg.ack)
        if st is S.FIN_WAIT_1 and acks_fin:
            return (E.RCV_FIN_ACK_OF_FIN if fin_in_order else E.RCV_ACK_OF_FIN), ""
        if st in (S.CLOSING, S.LAST_ACK) and acks_fin:
            return E.RCV_ACK_OF_FIN, ""
        if fin_in_order and st in (S.ESTABLISHED, S.FIN_WAIT_1, S.FIN_WAIT_2):
            return E.RCV_FIN, ""
        return E.RCV_SEGMENT, ""

    def _arrive(self, work: _Work, now: float, seg: Segment) -> None:
        event, guard = self.classify(seg)
        state = self.state
        row = self._fire(work, event, guard)
        if state is S.CLOSED:
            if row.send is Send.RST:
                self._send_rst_for(work, seg, now)
            return
        if event is E.RCV_BAD_ACK and row.send is Send.RST:
            self._emit(work, Flags.RST, seg.ack, now=now)
            return
        if event is E.RCV_SYN and state is S.LISTEN:
            self._learn_peer_syn(seg)
            self.passive = True
            self._send_syn(work, now, with_ack=True)
            return
        if event is E.RCV_SYN and state is S.SYN_SENT:
            self._learn_peer_syn(seg)
            assert self.iss is not None
            self._emit(work, Flags.SYN | Flags.ACK, self.iss, now=now)
            self.rtx_queue[0].flags = Flags.SYN | Flags.ACK
            return
        if event is E.RCV_SYN_ACK and state is S.SYN_SENT:
            self._learn_peer_syn(seg)
            self._process_ack(work, seg, now)
            self._send_ack(work, now)
            self._output(work, now)
            return
        if row.send is Send.ACK and event in (E.RCV_OUT_OF_WINDOW, E.RCV_BAD_ACK,
                                              E.RCV_RST_IN_WINDOW, E.RCV_SYN):
            self._send_ack(work, now)
            return
        if event is E.RCV_RST:
            work.notes.append("connection reset by peer")
            if row.next is S.LISTEN:
                # §3.10.7.4: back to LISTEN with the retransmission queue flushed (no timer)
                self._reset_tcb()
                self.passive = True
            return
        if event is E.RCV_RST_IGNORED:
            return
        if event is E.RCV_FIN and state is S.TIME_WAIT:
            self._send_ack(work, now)
            self._enter_time_wait(work, now, restart=True)
            return
        if not seg.has(Flags.ACK):
            work.notes.append("segment without ACK dropped")
            return
        # Acceptable segment in SYN-RECEIVED or a synchronized state: ACK, text, FIN.
        self._process_ack(work, seg, now)
        # §3.10.7.4: the text is processed (seventh) before the FIN (eighth) moves the state.
        self._process_text(work, seg, state if event in (E.RCV_FIN, E.RCV_FIN_ACK_OF_FIN)
                           else self.state)
        if event in (E.RCV_FIN, E.RCV_FIN_ACK_OF_FIN):
            assert self.rcv_nxt is not None
            self.rcv_nxt = seq_add(self.rcv_nxt, 1)
            work.notes.append("end of the peer's data stream (FIN consumes one sequence number)")
            work.need_ack = True
        if row.next is S.TIME_WAIT:
            self._enter_time_wait(work, now)
        if row.next is S.CLOSED:
            return
        before = len(work.sent)
        self._output(work, now)
        piggybacked = len(work.sent) > before
        if (work.need_ack or row.send is Send.ACK) and not piggybacked:
            self._send_ack(work, now)

    def _learn_peer_syn(self, seg: Segment) -> None:
        self.irs = seg.seq
        self.rcv_nxt = seq_add(seg.seq, 1)
        self.peer_mss = seg.mss if seg.mss is not None else DEFAULT_PEER_MSS
        self.snd_wnd = seg.window
        self.snd_wl1 = seg.seq
        self.snd_wl2 = seg.ack

    def _process_ack(self, work: _Work, seg: Segment, now: float) -> None:
        """SND.UNA, the retransmission queue, RTT samples and the window (§3.10.7.4 fifth)."""
        assert self.snd_una is not None and self.snd_nxt is not None
        if seq_lt(self.snd_una, seg.ack) and seq_le(seg.ack, self.snd_nxt):
            acked = seq_sub(seg.ack, self.snd_una)
            self.snd_una = seg.ack
            self.dupacks = 0
            self.retries = 0
            sampled = False
            while self.rtx_queue and seq_le(self.rtx_queue[0].end, seg.ack):
                done = self.rtx_queue.pop(0)
                if not done.retransmitted and not sampled:
                    old = self.rto.rto
                    self.rto.sample(now - done.sent_at)
                    sampled = True
                    change = f"{old:g} s → {self.rto.rto:g} s" if old != self.rto.rto else (
                        f"stays {old:g} s")
                    work.notes.append(f"RTT sample {1000 * (now - done.sent_at):.0f} ms: "
                                      f"RTO {change} (RFC 6298 §2, 1 s minimum)")
            self.rtx_deadline = now + self.rto.rto if self.rtx_queue else None
            work.notes.append(f"{acked} octet(s) of sequence space acknowledged; "
                              f"SND.UNA = {self.snd_una}")
        elif (seg.ack == self.snd_una and self.rtx_queue and not seg.payload
              and not seg.has(Flags.FIN) and seg.window == self.snd_wnd):
            self.dupacks += 1
            work.notes.append(f"duplicate ACK #{self.dupacks} for {seg.ack}")
            if self.dupacks == DUPACK_THRESHOLD:
                first = self.rtx_queue[0]
                first.retransmitted = True
                self._emit(work, first.flags, first.seq, first.payload, now=now,
                           retransmission=True)
                work.notes.append("third duplicate ACK: fast retransmit (RFC 5681 §3.2)")
        if seq_lt(self.snd_wl1, seg.seq) or (self.snd_wl1 == seg.seq
                                             and seq_le(self.snd_wl2, seg.ack)):
            self.snd_wnd = seg.window
            self.snd_wl1 = seg.seq
            self.snd_wl2 = seg.ack

    def _process_text(self, work: _Work, seg: Segment, state: TcpState) -> None:
        """Accept in-order data, keep out-of-order data for later (§3.10.7.4 seventh)."""
        if not seg.payload:
            return
        if state not in (S.ESTABLISHED, S.FIN_WAIT_1, S.FIN_WAIT_2):
            work.notes.append("data after the peer's FIN is ignored")
            return
        assert self.rcv_nxt is not None
        work.need_ack = True
        offset = seq_sub(self.rcv_nxt, seg.seq)
        if offset < len(seg.payload) and (offset == 0 or seq_lt(seg.seq, self.rcv_nxt)):
            fresh = seg.payload[offset:]
            self.delivered += fresh
            self.rcv_nxt = seq_add(self.rcv_nxt, len(fresh))
            work.notes.append(f"{len(fresh)} bytes delivered to the application; "
                              f"RCV.NXT = {self.rcv_nxt}")
            while self.rcv_nxt in self.out_of_order:
                held = self.out_of_order.pop(self.rcv_nxt)
                self.delivered += held
                self.rcv_nxt = seq_add(self.rcv_nxt, len(held))
                work.notes.append(f"{len(held)} held out-of-order bytes now delivered")
        elif seq_lt(self.rcv_nxt, seg.seq):
            self.out_of_order[seg.seq] = seg.payload
            work.notes.append(f"out of order: expected {self.rcv_nxt}, got {seg.seq}; held, "
                              "and the ACK repeats RCV.NXT (a duplicate ACK)")
        else:
            work.notes.append("duplicate data (already received); acknowledged again")
