"""Replay a captured TCP connection through the same RFC 9293 table the simulator runs.

Theory of operation
-------------------
A capture shows segments, not states. Each observed segment from A to B says two things:

* **A did something to send it.** A SYN from CLOSED is an active OPEN; a FIN from
  ESTABLISHED or CLOSE-WAIT is a CLOSE; an RST that is not the table's answer to something A
  just received is an ABORT; a SYN, FIN or data segment sent again is a retransmission
  timeout. Those are the user-call and timeout rows of ``tcp.table``.
* **B received it.** B's control block (inferred from what B itself sent: its ISS from its
  SYN, its RCV.NXT from its ACKs) classifies the arrival exactly as a live endpoint would
  (``TcpEndpoint.classify``), and the matching row gives B's next state.

So every state shown is a row of the same table the scenarios use. What the capture cannot
show is marked: the far side's state is *inferred* (its segments may not have reached it
yet, or may never have), a connection seen without its handshake starts in an assumed
ESTABLISHED, and a gap in sequence numbers is an unseen (lost) segment. The receive window is
taken as 2**30 for the acceptability test because window scaling (RFC 7323) is negotiated in
options the index does not keep; old duplicates are still recognised by sequence number.

Speed (a capture's connection can have 100,000 segments): the segments arrive as columns
(``ObservedColumns``), one pass runs the two endpoints and records per step only the rows
that fired and the acting side's control block, and ``replay.lazy_timeline`` builds a Step, its
snapshots and its explanation only when a view asks for it. An ACK or data segment arriving
in ESTABLISHED, CLOSE-WAIT or FIN-WAIT-2 at the expected place (the bulk of any capture) is
classified inline with the same §3.10.7 checks ``TcpEndpoint.classify`` makes for it; every
other arrival goes through ``classify`` itself.
"""

from __future__ import annotations

import gc
from array import array
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

from simulator.models.replay.lazy_timeline import ReplayLog, ReplayTimeline, Tcb
from simulator.models.replay.observed import ObservedColumns, ObservedSegment
from simulator.models.replay.timing import capture_point, event_order, event_times
from simulator.models.tcp.endpoint import TcpEndpoint
from simulator.models.tcp.segment import Flags
from simulator.models.tcp.sequence import seq_add, seq_lt, seq_sub
from simulator.models.tcp.states import Send, TcpEvent, TcpState
from simulator.models.tcp.table import Transition, lookup

__all__ = ["ObservedColumns", "ObservedSegment", "ReplayCancelled", "ReplayInfo", "replay",
           "replay_columns"]

REPLAY_WINDOW = 2**30
S = TcpState
E = TcpEvent
_M = 2**32
_HALF = 2**31
_FIN, _SYN, _RST, _ACK = int(Flags.FIN), int(Flags.SYN), int(Flags.RST), int(Flags.ACK)
_SYN_FIN_RST = _SYN | _FIN | _RST
# Where an ACK or data segment (no SYN, FIN or RST) is classified inline (see the docstring).
_FAST_STATES = (S.ESTABLISHED, S.CLOSE_WAIT, S.FIN_WAIT_2)
_RETRANSMIT_STATES = (S.ESTABLISHED, S.CLOSE_WAIT, S.FIN_WAIT_1, S.CLOSING, S.LAST_ACK,
                      S.SYN_RECEIVED, S.SYN_SENT)
_NO_ROWS: tuple[Transition, ...] = ()
PROGRESS_EVERY = 16384
Progress = Callable[[int, int], None]


class ReplayCancelled(Exception):
    """Raised by a progress callback to stop a replay (the caller's Cancel)."""


@dataclass(frozen=True)
class ReplayInfo:
    """How the replay read the capture, for the learner and for ``analyze``."""

    opened: str  # "handshake" | "midstream"
    orientation: str  # "handshake" or the reason for the guess
    capture_point: str  # "client" | "server" | "unknown"
    capture_point_reason: str
    rtt: float | None
    unseen_segments: int


@dataclass
class _Side:
    ep: TcpEndpoint
    last_reply: Send = Send.NOTHING
    sent_max: int | None = None  # highest sequence number this side has sent, + its length
    notes: list[str] = field(default_factory=list)


def _endpoint(name: str, peer: str, state: TcpState) -> TcpEndpoint:
    ep = TcpEndpoint(name, peer, iss=0, window=REPLAY_WINDOW)
    ep.state = state
    return ep


def _tcb(ep: TcpEndpoint) -> Tcb:
    return (ep.state._value_, ep.iss, ep.irs, ep.snd_una, ep.snd_nxt, ep.snd_wnd, ep.rcv_nxt)


def _first_of(c: ObservedColumns, from_client: bool) -> int | None:
    fc = c.from_client
    return next((i for i in range(len(c)) if bool(fc[i]) == from_client), None)


def _initial_server_state(c: ObservedColumns, server_syns: list[int]) -> TcpState:
    """LISTEN, unless the server's first answer to a SYN is a reset (nobody listened), or
    it sent a SYN of its own (a simultaneous open): then it starts CLOSED."""
    if server_syns:
        return S.CLOSED
    first = _first_of(c, False)
    if first is not None and c.flags[first] & _RST and not c.flags[first] & _SYN:
        return S.CLOSED
    return S.LISTEN


class _Replayer:
    def __init__(self, c: ObservedColumns, midstream: bool, server_syns: list[int]) -> None:
        self.client = _Side(_endpoint("client", "server",
                                      S.ESTABLISHED if midstream else S.CLOSED))
        self.server = _Side(_endpoint("server", "client",
                                      S.ESTABLISHED if midstream
                                      else _initial_server_state(c, server_syns)))
        self.initial_server_state = self.server.ep.state
        self.c = c
        self.unseen = 0
        if midstream:
            self._seed_midstream()

    def _seed_midstream(self) -> None:
        """Joined mid-stream: each side's numbers start from the first segments seen.

        SND.UNA = SND.NXT = the side's first SEQ (or, if it sent nothing, what the peer
        acknowledged); RCV.NXT = its first ACK (or the peer's first SEQ); ISS and IRS are
        one below, so relative numbers start at 1 as Wireshark's do.
        """
        c = self.c
        for side, from_client in ((self.client, True), (self.server, False)):
            own, other = _first_of(c, from_client), _first_of(c, not from_client)
            ep = side.ep
            start = c.seq[own] if own is not None else c.ack[other] if other is not None else 0
            ep.snd_una = ep.snd_nxt = start
            ep.iss = seq_sub(start, 1)
            if own is not None and c.flags[own] & _ACK:
                ep.rcv_nxt = c.ack[own]
            else:
                ep.rcv_nxt = c.seq[other] if other is not None else 0
            ep.irs = seq_sub(c.seq[other] if other is not None else ep.rcv_nxt, 1)
            ep.snd_wnd = REPLAY_WINDOW

    # ------------------------------------------------------------------ the sender's side
    def sender_rows(self, side: _Side, i: int) -> tuple[Transition, ...]:
        c, ep = self.c, side.ep
        f, seq, length = c.flags[i] & 0x3F, c.seq[i], c.length[i]
        seg_len = c.seg_len(i)
        end = seq_add(seq, seg_len)
        again = side.sent_max is not None and seg_len > 0 and not seq_lt(side.sent_max, end)
        rows: list[Transition] = []
        if f & _RST:
            if side.last_reply is not Send.RST and ep.state is not S.CLOSED:
                rows.append(self._fire(ep, E.ABORT))
        elif f & _SYN and not f & _ACK:
            if ep.state is S.CLOSED:
                rows.append(self._fire(ep, E.OPEN_ACTIVE))
                ep.iss, ep.snd_una, ep.snd_nxt = seq, seq, seq_add(seq, 1)
            elif again and ep.state is S.SYN_SENT:
                rows.append(self._fire(ep, E.TIMEOUT_RETRANSMISSION))
        elif f & _SYN:
            if ep.state in (S.CLOSED, S.LISTEN):
                ep.state = S.SYN_RECEIVED  # its SYN was not captured
                side.notes.append("the SYN this answers is not in the capture")
            if ep.iss is None or ep.snd_nxt is None or seq_lt(ep.snd_nxt, seq_add(seq, 1)):
                ep.iss, ep.snd_una, ep.snd_nxt = seq, seq, seq_add(seq, 1)
            elif again and ep.state is S.SYN_RECEIVED:
                rows.append(self._fire(ep, E.TIMEOUT_RETRANSMISSION))
        elif f & _FIN and not again:
            if ep.state in (S.ESTABLISHED, S.CLOSE_WAIT, S.SYN_RECEIVED):
                # a FIN leaves SYN-RECEIVED only when nothing was queued (§3.10.4)
                guard = "nothing queued" if ep.state is S.SYN_RECEIVED else ""
                rows.append(self._fire(ep, E.CLOSE, guard))
            ep.fin_seq = seq_add(seq, length)
        elif again and ep.state in _RETRANSMIT_STATES:
            rows.append(self._fire(ep, E.TIMEOUT_RETRANSMISSION))
        elif length and ep.state in (S.ESTABLISHED, S.CLOSE_WAIT):
            rows.append(self._fire(ep, E.SEND))
        if not f & _RST:
            if ep.snd_nxt is None or seq_lt(ep.snd_nxt, end):
                ep.snd_nxt = end
            ack = c.ack[i]
            if f & _ACK and (ep.rcv_nxt is None or seq_lt(ep.rcv_nxt, ack)):
                ep.rcv_nxt = ack
        if side.sent_max is None or seq_lt(side.sent_max, end):
            side.sent_max = end
        side.last_reply = Send.NOTHING
        return tuple(rows) if rows else _NO_ROWS

    @staticmethod
    def _fire(ep: TcpEndpoint, event: TcpEvent, guard: str = "") -> Transition:
        row = lookup(ep.state, event, guard)
        ep.state = row.next
        return row

    # ------------------------------------------------------------------ the receiver's side
    def receiver_rows(self, side: _Side, i: int) -> tuple[Transition, ...]:
        """Any arrival, through ``TcpEndpoint.classify`` (the loop in ``_run`` takes the
        common case inline)."""
        ep = side.ep
        seg = self.c.segment(i)
        if ep.state is S.LISTEN and seg.has(Flags.SYN) and not seg.has(Flags.ACK):
            row = self._fire(ep, E.RCV_SYN)
            ep.passive = True
            ep.irs, ep.rcv_nxt = seg.seq, seq_add(seg.seq, 1)
            ep.snd_wnd = seg.window  # the peer's window, as TcpEndpoint learns it from a SYN
            side.last_reply = row.send
            return (row,)
        if ep.state is S.SYN_SENT and seg.has(Flags.SYN):
            event, guard = ep.classify(seg)
            row = self._fire(ep, event, guard)
            ep.irs, ep.rcv_nxt = seg.seq, seq_add(seg.seq, 1)
            ep.snd_wnd = seg.window  # a SYN's window is never scaled (RFC 7323 §2.2)
            if event is E.RCV_SYN_ACK:
                ep.snd_una = seg.ack
            side.last_reply = row.send
            return (row,)
        if ep.state not in (S.CLOSED, S.LISTEN, S.SYN_SENT) and (
                ep.rcv_nxt is None or ep.snd_nxt is None or ep.snd_una is None
                or ep.irs is None):
            return _NO_ROWS
        if ep.state is S.SYN_SENT and (ep.iss is None or ep.snd_nxt is None):
            return _NO_ROWS
        if (ep.state.synchronized or ep.state is S.SYN_RECEIVED) and ep.rcv_nxt is not None \
                and seq_lt(ep.rcv_nxt, seg.seq) and not seg.has(Flags.RST):
            # Bytes before this segment were never seen by us: lost before the capture point,
            # or not captured. Acknowledge the gap as the peer's ACKs later will.
            self.unseen += 1
            side.notes.append(f"{seq_sub(seg.seq, ep.rcv_nxt)} bytes before this segment were "
                              "never seen (an unseen or lost segment)")
            ep.rcv_nxt = seg.seq
        event, guard = ep.classify(seg)
        row = self._fire(ep, event, guard)
        side.last_reply = row.send
        if seg.has(Flags.ACK):
            ep.snd_wnd = seg.window  # the peer's advertised window, as sent (unscaled)
        if seg.has(Flags.ACK) and ep.snd_una is not None and ep.snd_nxt is not None and (
                seq_lt(ep.snd_una, seg.ack) and not seq_lt(ep.snd_nxt, seg.ack)):
            ep.snd_una = seg.ack
        if ep.rcv_nxt is not None and seg.seq == ep.rcv_nxt and event not in (
                E.RCV_OUT_OF_WINDOW, E.RCV_RST, E.RCV_RST_IGNORED, E.RCV_RST_IN_WINDOW):
            ep.rcv_nxt = seq_add(ep.rcv_nxt, self.c.length[i] + (1 if seg.has(Flags.FIN)
                                                                  else 0))
        if row.next is S.CLOSED:
            ep.state = S.CLOSED
        return (row,)

    # ------------------------------------------------------------------ the whole pass
    def run(self, order: Sequence[int], log: ReplayLog, midstream: bool,
            progress: Progress | None = None) -> None:
        """Apply the events (2·i = segment i sent, 2·i + 1 = it arrives) in ``order``,
        recording what each step did into ``log``; report every PROGRESS_EVERY steps."""
        c = self.c
        flags, seqs, acks, lengths, windows = c.flags, c.seq, c.ack, c.length, c.window
        annotations = c.annotations
        client, server = self.client, self.server
        cep, sep = client.ep, server.ep
        rows_of, client_tcb, server_tcb, notes_of = (log.rows, log.client_tcb, log.server_tcb,
                                                     log.notes)
        # per fast state: the rows (as 1-tuples) for in order / bad ACK / out of window
        fast_rows = [tuple((lookup(st, ev),) for ev in (E.RCV_SEGMENT, E.RCV_BAD_ACK,
                                                         E.RCV_OUT_OF_WINDOW))
                     for st in _FAST_STATES]
        established, close_wait, _ = _FAST_STATES
        established_send = (lookup(established, E.SEND),)
        close_wait_send = (lookup(close_wait, E.SEND),)
        ctcb, stcb = _tcb(cep), _tcb(sep)
        step_of = log.step_of = array("q", bytes(8 * len(order)))
        from_client = c.from_client
        rows: tuple[Transition, ...]
        total = len(order)
        for position, e in enumerate(order):
            if progress is not None and not position % PROGRESS_EVERY:
                progress(position, total)
            i = e >> 1
            fc = from_client[i]
            if e & 1:  # arrives at the receiver
                side = server if fc else client
                ep = side.ep
                st = ep.state
                f = flags[i]
                rcv_nxt, snd_nxt, snd_una = ep.rcv_nxt, ep.snd_nxt, ep.snd_una
                sq = seqs[i] % _M
                if (f & _SYN_FIN_RST == 0 and f & _ACK and st in _FAST_STATES
                        and rcv_nxt is not None and snd_nxt is not None
                        and snd_una is not None and ep.irs is not None
                        and (sq == rcv_nxt or (sq - rcv_nxt) % _M >= _HALF)):
                    # ACK/data in a synchronized state, not beyond RCV.NXT: §3.10.7.4's
                    # acceptability test, then the ACK check (as TcpEndpoint.classify)
                    length, wnd, ak = lengths[i], ep.rcv_wnd, acks[i] % _M
                    if length == 0:
                        ok = sq == rcv_nxt if wnd == 0 else (sq - rcv_nxt) % _M < wnd
                    else:
                        ok = wnd != 0 and ((sq - rcv_nxt) % _M < wnd
                                           or (sq + length - 1 - rcv_nxt) % _M < wnd)
                    in_order, bad_ack, out_of_window = fast_rows[
                        0 if st is established else 1 if st is close_wait else 2]
                    if not ok:
                        rows = out_of_window
                    elif (snd_nxt != ak and (ak - snd_nxt) % _M < _HALF) or (
                            0 < ((snd_una - max(ep.max_snd_wnd, ep.snd_wnd)) - ak) % _M
                            < _HALF):
                        rows = bad_ack  # beyond SND.NXT, or too old (RFC 5961 §5)
                    else:
                        rows = in_order
                    row = rows[0]
                    ep.state = row.next
                    side.last_reply = row.send
                    ep.snd_wnd = windows[i]
                    if snd_una != ak and (ak - snd_una) % _M < _HALF and not (
                            snd_nxt != ak and (ak - snd_nxt) % _M < _HALF):
                        ep.snd_una = ak
                    if sq == rcv_nxt and rows is not out_of_window:
                        ep.rcv_nxt = (rcv_nxt + length) % _M
                    if row.next is S.CLOSED:
                        ep.state = S.CLOSED
                else:
                    rows = self.receiver_rows(side, i)
            else:  # its sender sends it
                side = client if fc else server
                ep = side.ep
                f = flags[i]
                if f & _SYN_FIN_RST:
                    rows = self.sender_rows(side, i)
                else:  # ACK or data: sender_rows' last three cases, inline
                    length = lengths[i]
                    end = (seqs[i] + length) % _M
                    sent_max = side.sent_max
                    st = ep.state
                    if length and sent_max is not None and (
                            sent_max == end or (end - sent_max) % _M >= _HALF):
                        rows = ((self._fire(ep, E.TIMEOUT_RETRANSMISSION),)
                                if st in _RETRANSMIT_STATES else _NO_ROWS)
                    elif length and st is established:
                        rows = established_send
                    elif length and st is close_wait:
                        rows = close_wait_send
                    else:
                        rows = _NO_ROWS
                    if rows:
                        ep.state = rows[0].next
                    snd_nxt = ep.snd_nxt
                    if snd_nxt is None or (snd_nxt != end and (end - snd_nxt) % _M < _HALF):
                        ep.snd_nxt = end
                    if f & _ACK:
                        ak, rcv_nxt = acks[i], ep.rcv_nxt
                        if rcv_nxt is None or (rcv_nxt != ak and (ak - rcv_nxt) % _M < _HALF):
                            ep.rcv_nxt = ak
                    if sent_max is None or (sent_max != end and (end - sent_max) % _M < _HALF):
                        side.sent_max = end
                    side.last_reply = Send.NOTHING
                if i in annotations or (position == 0 and midstream):
                    side.notes[:0] = annotations.get(i, ())
                    if position == 0 and midstream:
                        side.notes.insert(0, "the capture starts mid-connection: both sides "
                                             "are assumed ESTABLISHED, numbers are relative "
                                             "to the first segment seen")
            if side.notes:
                notes_of[position] = tuple(side.notes)
                side.notes.clear()
            step_of[e] = position
            if ep is cep:
                ctcb = (ep.state._value_, ep.iss, ep.irs, ep.snd_una, ep.snd_nxt, ep.snd_wnd,
                        ep.rcv_nxt)
            else:
                stcb = (ep.state._value_, ep.iss, ep.irs, ep.snd_una, ep.snd_nxt, ep.snd_wnd,
                        ep.rcv_nxt)
            rows_of.append(rows)
            client_tcb.append(ctcb)
            server_tcb.append(stcb)


@contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
    """The pass allocates a few hundred thousand tuples that form no cycles; the cyclic
    collector would scan them again and again (a quarter of the replay's time)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _first_seq(c: ObservedColumns, from_client: bool) -> int:
    first = _first_of(c, from_client)
    if first is None:
        return 0
    return c.seq[first] if c.flags[first] & _SYN else seq_sub(c.seq[first], 1)


def replay(segments: Sequence[ObservedSegment], *, name: str = "capture",
           title: str = "Captured connection", addresses: dict[str, str] | None = None,
           orientation: str = "handshake") -> tuple[ReplayTimeline, ReplayInfo]:
    """Build the Timeline of one captured connection, with each side's inferred states."""
    return replay_columns(ObservedColumns.of(segments), name=name, title=title,
                          addresses=addresses, orientation=orientation)


def replay_columns(c: ObservedColumns, *, name: str = "capture",
                   title: str = "Captured connection", addresses: dict[str, str] | None = None,
                   orientation: str = "handshake", progress: Progress | None = None
                   ) -> tuple[ReplayTimeline, ReplayInfo]:
    """``replay`` for segments given as columns. ``progress(done, total)`` is called every
    few thousand steps; it may raise (e.g. ``ReplayCancelled``) to stop the replay.

    Each observed segment becomes two steps: its sender sends it, its receiver receives it.
    Where the capture point is known, the event at the far end is placed half a round trip
    away (later for what we sent, earlier for what we received), and all events are applied
    in time order, so crossing segments (e.g. FINs in a simultaneous close) cross here too.
    """
    n = len(c)
    client_syns, server_syns = c.pure_syns()
    midstream = not client_syns
    point, point_reason, rtt = capture_point(c, client_syns)
    r = _Replayer(c, midstream, server_syns)
    half = (rtt or 0.0) / 2 if point != "unknown" else 0.0
    sent_at, end_at = event_times(c, point, half)
    order, times = event_order(sent_at, end_at)
    initial = {"client": _tcb(r.client.ep), "server": _tcb(r.server.ep)}
    # Kept as arrays of machine numbers (8 bytes each, no object per value).
    log = ReplayLog(columns=c, order=array("q", order), times=array("d", times),
                    sent_at=array("d", sent_at), end_at=array("d", end_at), initial=initial,
                    template=r.client.ep.snapshot(), point=point)
    del order, times, sent_at, end_at
    with _cyclic_gc_paused():
        r.run(log.order, log, midstream, progress)
    info = ReplayInfo(
        opened="midstream" if midstream else "handshake", orientation=orientation,
        capture_point=point, capture_point_reason=point_reason, rtt=rtt,
        unseen_segments=r.unseen)
    isn = {"client": _first_seq(c, True), "server": _first_seq(c, False)}
    far = "server" if point == "client" else "client"
    where = (f"captured at the {point} ({point_reason}); the {far}'s states are inferred"
             if point != "unknown" else f"capture point unknown ({point_reason})")
    timeline = ReplayTimeline.of_log(
        log, name=name, title=title,
        description=f"Replayed from a capture: {n} segments, {where}.",
        addresses=addresses or {"client": "client", "server": "server"}, isn=isn,
        link_delay=half,
        initial_states=(("client", "ESTABLISHED" if midstream else "CLOSED"),
                        ("server", r.initial_server_state.name)))
    return timeline, info
