"""Replay a captured TCP connection through the same RFC 9293 table the simulator runs.

Theory of operation
-------------------
A capture shows segments, not states. Each observed segment from A to B says two things:

* **A did something to send it.** A SYN from CLOSED is an active OPEN; a FIN from
  ESTABLISHED or CLOSE-WAIT is a CLOSE; an RST that is not the table's answer to something A
  just received is an ABORT; a SYN, FIN or data segment sent again is a retransmission
  timeout, unless the capture's analysis (Wireshark's, as the index gives it) says it is a
  fast retransmission (RFC 5681 §3.2), a reordering or a keep-alive, which no timer caused.
  Those are the user-call and timeout rows of ``tcp.table``.
* **B received it** (or never did: ``losses`` infers from what followed which segments
  were lost after the capture saw them; those end in a loss step and change nothing). B's
  control block (inferred from what B itself sent: its ISS from its SYN, its RCV.NXT from
  its ACKs) classifies the arrival exactly as a live endpoint would
  (``TcpEndpoint.classify``), and the matching row gives B's next state. A segment beyond
  RCV.NXT is held until the gap fills (§3.10.7.4), unless B's next ACK shows the gap had
  arrived unseen.

So every state shown is a row of the same table the scenarios use. When each event happened
at the far side is estimated from the round trip (``rtt``: unambiguous samples only) and
``timing``. What the capture cannot show is marked: the far side's state is *inferred*, a
connection seen without its handshake starts in an assumed ESTABLISHED (numbered as
Wireshark numbers it, ``relative_bases``), a gap in sequence numbers is an unseen (lost)
segment, and so are bytes the peer acknowledged that the capture never saw sent (a capture
of one direction shows none of them). The options the SYNs carried are used (RFC
7323 §2.3: SND.WND = SEG.WND << the sender's window shift, on every segment but a SYN), and
RCV.WND for the acceptability test is the largest window a side could advertise.

Speed (a capture's connection can have 100,000 segments): the segments arrive as columns
(``ObservedColumns``), one pass runs the two endpoints and records per step only the rows
that fired and the acting side's control block, and ``replay.lazy_timeline`` builds a Step, its
snapshots and its explanation only when a view asks for it. An ACK or data segment arriving
in ESTABLISHED, CLOSE-WAIT or FIN-WAIT-2 at the expected place (the bulk of any capture) is
classified inline with the same §3.10.7 checks ``TcpEndpoint.classify`` makes for it; every
other arrival goes through ``classify`` itself. The evidence for losses and the round trip
is looked for only around the segments sent again (a sparse map the index computes).
"""

from __future__ import annotations

import gc
from array import array
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

from simulator.models.replay.lazy_timeline import ReplayLog, ReplayTimeline, Tcb
from simulator.models.replay.losses import Loss, infer_losses
from simulator.models.replay.observed import ObservedColumns, ObservedSegment
from simulator.models.replay.resent import first_copies
from simulator.models.replay.rtt import RoundTrips, round_trips
from simulator.models.replay.sent_labels import SendKind, send_kinds
from simulator.models.replay.timing import capture_point, event_order, event_times
from simulator.models.tcp.endpoint import TcpEndpoint
from simulator.models.tcp.segment import Flags, Segment
from simulator.models.tcp.sequence import seq_add, seq_lt, seq_sub
from simulator.models.tcp.states import Send, TcpEvent, TcpState
from simulator.models.tcp.table import Transition, lookup

__all__ = ["ObservedColumns", "ObservedSegment", "ReplayCancelled", "ReplayInfo",
           "cyclic_gc_paused", "replay", "replay_columns"]

#: RCV.WND when no SYN told the window scale (a capture joined mid-stream): large enough
#: for any window (RFC 7323 §2.3: at most 2**30).
UNKNOWN_WINDOW = 2**30
MAX_WINDOW_FIELD = 65535
S = TcpState
E = TcpEvent
_M = 2**32
_HALF = 2**31
_FIN, _SYN, _RST, _ACK = int(Flags.FIN), int(Flags.SYN), int(Flags.RST), int(Flags.ACK)
_SYN_FIN_RST = _SYN | _FIN | _RST
# No window exceeds 2**30 (RFC 7323 §2.3), so an ACK this far behind SND.UNA or nearer is
# all an RFC 5961 §5 check need look at: SND.UNA − SEG.ACK < MAX.SND.WND + 2**31.
_TOO_OLD_BOUND = _HALF + 2**30
# Where an ACK or data segment (no SYN, FIN or RST) is classified inline (see the docstring).
_FAST_STATES = (S.ESTABLISHED, S.CLOSE_WAIT, S.FIN_WAIT_2)
_RETRANSMIT_STATES = (S.ESTABLISHED, S.CLOSE_WAIT, S.FIN_WAIT_1, S.CLOSING, S.LAST_ACK,
                      S.SYN_RECEIVED, S.SYN_SENT)
# The states with a row for the peer's FIN (RFC 9293 §3.10.7.4, eighth check); TIME-WAIT's
# is for a FIN sent again, never a held one.
_TAKES_FIN = (S.SYN_RECEIVED, S.ESTABLISHED, S.FIN_WAIT_1, S.FIN_WAIT_2)
# Sent again, but not by the retransmission timer: no timeout row fires.
_NOT_TIMED = (SendKind.FAST, SendKind.OUT_OF_ORDER, SendKind.KEEP_ALIVE, SendKind.PROBE)
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
    rtt: float | None  # the whole round trip (both sides' partial round trips)
    unseen_segments: int
    lost_segments: int = 0  # segments the evidence says never arrived (``losses``)
    rtt_source: str = ""  # where the round trip was measured: handshake, timestamps, data
    window_shift: tuple[int | None, int | None] = (None, None)  # client's, server's (RFC 7323)


@dataclass(slots=True)
class _Side:
    ep: TcpEndpoint
    last_reply: Send = Send.NOTHING
    sent_max: int | None = None  # highest sequence number this side has sent, + its length
    notes: list[str] = field(default_factory=list)
    holding: bool = False  # data or a FIN held beyond RCV.NXT (ep.out_of_order, ep.fin_held)


def _endpoint(name: str, peer: str, state: TcpState, rcv_wnd: int) -> TcpEndpoint:
    ep = TcpEndpoint(name, peer, iss=0, window=rcv_wnd)  # each ISS comes from the capture
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


def window_shifts(c: ObservedColumns) -> tuple[int | None, int | None]:
    """Each side's window shift count, if scaling is in effect: both sides' SYNs carried
    the option (RFC 7323 §2.2; a shift above 14 is taken as 14, §2.3)."""
    shifts: list[int | None] = [None, None]  # client's, server's
    seen = [False, False]
    for i, options in sorted(c.syn_options.items()):
        side = 0 if c.from_client[i] else 1
        if not seen[side]:
            seen[side] = True
            shifts[side] = None if options.window_scale is None else min(options.window_scale,
                                                                         14)
    if shifts[0] is None or shifts[1] is None:
        return None, None
    return shifts[0], shifts[1]


def _row_for(state: TcpState, event: TcpEvent, guard: str = "") -> Transition:
    """The table's row. Every guard is known here: the replay keeps each side's 'passive'
    (SYN-RECEIVED's RCV_SYN and RCV_RST rows) and gives CLOSE in SYN-RECEIVED its own."""
    return lookup(state, event, guard)


class _Replayer:
    order: Sequence[int]  # the events being run (``run``)
    position: int  # the step being run: where ``_next_ack_from`` looks on from

    def __init__(self, c: ObservedColumns, midstream: bool, server_syns: list[int],
                 lost: Mapping[int, Loss], kinds: Mapping[int, SendKind],
                 shifts: tuple[int | None, int | None],
                 originals: Mapping[int, int]) -> None:
        client_shift, server_shift = shifts
        # no SYN options at all (segments written without them): a window may be scaled
        unknown = midstream or not c.syn_options
        self.client = _Side(_endpoint(
            "client", "server", S.ESTABLISHED if midstream else S.CLOSED,
            UNKNOWN_WINDOW if unknown else MAX_WINDOW_FIELD << (client_shift or 0)))
        self.server = _Side(_endpoint(
            "server", "client",
            S.ESTABLISHED if midstream else _initial_server_state(c, server_syns),
            UNKNOWN_WINDOW if unknown else MAX_WINDOW_FIELD << (server_shift or 0)))
        # MAX.SND.WND (RFC 5961 §5): the largest window the peer could offer
        self.client.ep.max_snd_wnd = self.server.ep.rcv_wnd
        self.server.ep.max_snd_wnd = self.client.ep.rcv_wnd
        self.initial_server_state = self.server.ep.state
        self.c = c
        self.lost = lost
        self.kinds = kinds
        self.shift = (client_shift or 0, server_shift or 0)  # windows from client, server
        self.unseen = 0
        # where a resent or lost segment starts, per sender (client, server): a gap that
        # begins there is one the capture shows being filled, or lost
        self.refilled: tuple[set[int], set[int]] = (set(), set())
        for i in (*lost, *originals):  # lost segments and resent copies
            self.refilled[0 if c.from_client[i] else 1].add(c.seq[i] % _M)
        if midstream:
            self._seed_midstream()

    def _seed_midstream(self) -> None:
        """Joined mid-stream: each side's numbers start where Wireshark's relative numbers
        start (``relative_bases``): ISS and IRS are the two bases, so each side's next byte
        counts 1.

        SND.UNA = the side's first SEQ, or the peer's first ACK if that came first (the
        bytes from there on were still unacknowledged); SND.NXT = the higher of SND.UNA and
        the side's first SEQ (it had sent everything below it); RCV.NXT = the peer's base
        + 1 (the peer's first SEQ, or the side's own first ACK if that came first).
        """
        c = self.c
        fc, flags = c.from_client, c.flags
        bases = relative_bases(c)
        for k, side in enumerate((self.client, self.server)):
            mine = k == 0
            own = _first_of(c, mine)
            acked = next((i for i in range(len(c)) if bool(fc[i]) != mine and flags[i] & _ACK),
                         None)
            ep = side.ep
            if own is not None and (acked is None or own < acked):
                ep.snd_una = ep.snd_nxt = c.seq[own] % _M
            else:
                ep.snd_una = ep.snd_nxt = 0 if acked is None else c.ack[acked] % _M
                if own is not None and seq_lt(ep.snd_una, c.seq[own]):
                    ep.snd_nxt = c.seq[own] % _M
            base, peer_base = bases[k], bases[1 - k]
            ep.iss = seq_sub(ep.snd_una, 1) if base is None else base
            ep.irs = 0 if peer_base is None else peer_base
            ep.rcv_nxt = seq_add(ep.irs, 1)
            ep.snd_wnd = UNKNOWN_WINDOW

    # ------------------------------------------------------------------ the sender's side
    def sender_rows(self, side: _Side, i: int) -> tuple[Transition, ...]:
        c, ep = self.c, side.ep
        f, seq, length = c.flags[i] & 0x3F, c.seq[i], c.length[i]
        seg_len = c.seg_len(i)
        end = seq_add(seq, seg_len)
        again = side.sent_max is not None and seg_len > 0 and not seq_lt(side.sent_max, end)
        timed = again and self.kinds.get(i) not in _NOT_TIMED
        rows: list[Transition] = []
        if f & _ACK:  # a reset's too: RST,ACK's acknowledgement is RCV.NXT all the same
            self._gap_arrived_unseen(side, c.ack[i] % _M)
            rows.extend(self._held_fin_passed(side, c.ack[i] % _M))
        if f & _RST:
            if side.last_reply is not Send.RST and ep.state is not S.CLOSED:
                rows.append(self._fire(ep, E.ABORT))
        elif f & _SYN and not f & _ACK:
            if ep.state in (S.CLOSED, S.LISTEN):
                rows.append(self._fire(ep, E.OPEN_ACTIVE))
                ep.iss, ep.snd_una, ep.snd_nxt = seq, seq, seq_add(seq, 1)
            elif again and ep.state in (S.SYN_SENT, S.SYN_RECEIVED):
                rows.append(self._fire(ep, E.TIMEOUT_RETRANSMISSION))
        elif f & _SYN:
            if ep.state in (S.CLOSED, S.LISTEN):
                # it answers a SYN it was not seen to take in while listening: one the
                # capture missed, or one that reached it before it listened (it refused it)
                side.notes.append("the SYN this answers is not in the capture"
                                  if ep.state is S.LISTEN else "it answers a SYN, so it was "
                                  "listening by then (it had refused an earlier one)")
                ep.state, ep.passive = S.SYN_RECEIVED, True
                ep.irs = seq_sub(c.ack[i], 1)  # its SYN,ACK acknowledges IRS + 1 (RCV.NXT,
                # which the acknowledgement sets below)
            if ep.iss is None or ep.snd_nxt is None or seq_lt(ep.snd_nxt, seq_add(seq, 1)):
                ep.iss, ep.snd_una, ep.snd_nxt = seq, seq, seq_add(seq, 1)
            elif timed and ep.state is S.SYN_RECEIVED and side.last_reply not in (
                    Send.SYN_ACK, Send.ACK):
                # sent again with nothing to answer: its timer. A SYN,ACK that answers a
                # SYN (the table's reply in a simultaneous open) or a duplicate SYN (whose
                # reply is an ACK; a SYN,ACK carries it) is no retransmission timeout.
                rows.append(self._fire(ep, E.TIMEOUT_RETRANSMISSION))
        elif f & _FIN and not again:
            if ep.state in (S.ESTABLISHED, S.CLOSE_WAIT, S.SYN_RECEIVED):
                rows.append(self._fire(ep, E.CLOSE, "nothing queued"
                                       if ep.state is S.SYN_RECEIVED else ""))
            ep.fin_seq = seq_add(seq, length)
        elif timed and ep.state in _RETRANSMIT_STATES:
            rows.append(self._fire(ep, E.TIMEOUT_RETRANSMISSION))
        elif length and not again and ep.state in (S.ESTABLISHED, S.CLOSE_WAIT):
            rows.append(self._fire(ep, E.SEND))
        if not f & _RST:
            if ep.snd_nxt is None or seq_lt(ep.snd_nxt, end):
                ep.snd_nxt = end
            ack = c.ack[i]
            if f & _ACK and (ep.rcv_nxt is None or seq_lt(ep.rcv_nxt, ack)):
                self._acknowledged_up_to(side, ack)
        if side.sent_max is None or seq_lt(side.sent_max, end):
            side.sent_max = end
        side.last_reply = Send.NOTHING
        return tuple(rows) if rows else _NO_ROWS

    def _gap_arrived_unseen(self, side: _Side, ack: int) -> None:
        """The side holds segments beyond a gap and its own ACK passes RCV.NXT: the gap's
        bytes reached it where the capture did not see them (a capture drop), as its
        acknowledgement says (§3.10.7.4: RCV.NXT advances only over bytes received)."""
        ep = side.ep
        if not side.holding or ep.rcv_nxt is None or not seq_lt(ep.rcv_nxt, ack):
            return
        held = sum(min(len(data), seq_sub(ack, start))
                   for start, data in ep.out_of_order.items() if seq_lt(start, ack))
        fin = 1 if ep.fin_held is not None and seq_lt(ep.fin_held, ack) else 0
        count = seq_sub(ack, ep.rcv_nxt) - held - fin
        if count > 0:
            self.unseen += 1
            side.notes.append(f"{count} bytes this ACK acknowledges arrived unseen (an unseen "
                              "segment)")

    def _held_fin_passed(self, side: _Side, ack: int) -> tuple[Transition, ...]:
        """The side's own ACK passes a FIN it held beyond a gap: the gap's bytes arrived
        unseen (a capture drop) and the FIN was processed (§3.10.7.4, eighth check) before
        the side sent this segment; its row comes first."""
        ep = side.ep
        if ep.fin_held is None or not seq_lt(ep.fin_held, ack) or ep.state not in _TAKES_FIN:
            return _NO_ROWS  # (a side that has since closed or reset: the FIN is moot)
        side.notes.append("the gap is filled: the FIN held since it arrived out of order is "
                          "processed now")
        return (self._fire(ep, E.RCV_FIN),)

    @staticmethod
    def _acknowledged_up_to(side: _Side, ack: int) -> None:
        """The side's own ACK says it has everything below ``ack``: RCV.NXT follows, and
        what it held below that is no longer out of order."""
        ep = side.ep
        ep.rcv_nxt = ack
        if ep.out_of_order:
            for start in [s for s in ep.out_of_order if not seq_lt(ack, s)]:
                del ep.out_of_order[start]
        if ep.fin_held is not None and seq_lt(ep.fin_held, ack):
            ep.fin_held = None
        side.holding = bool(ep.out_of_order) or ep.fin_held is not None

    @staticmethod
    def _fire(ep: TcpEndpoint, event: TcpEvent, guard: str = "") -> Transition:
        row = _row_for(ep.state, event, guard)
        ep.state = row.next
        return row

    # ------------------------------------------------------------------ the receiver's side
    def receiver_rows(self, side: _Side, i: int) -> tuple[Transition, ...]:
        """Any arrival, through ``TcpEndpoint.classify`` (the loop in ``_run`` takes the
        common case inline)."""
        ep = side.ep
        c = self.c
        seg = c.segment(i)
        shift = self.shift[0 if c.from_client[i] else 1]
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
        synchronizing = ep.state.synchronized or ep.state is S.SYN_RECEIVED
        # §3.10.7.4, fifth check: "if the ACK bit is off drop the segment and return"
        no_ack = synchronizing and not seg.flags & (Flags.ACK | Flags.RST | Flags.SYN)
        held = False
        if synchronizing and ep.rcv_nxt is not None and seq_lt(ep.rcv_nxt, seg.seq) \
                and not seg.flags & (Flags.RST | Flags.SYN) and not no_ack:
            held = ep.rcv_nxt in self.refilled[0 if c.from_client[i] else 1] \
                or self._beyond_rcv_nxt(side, seg.seq)
        event, guard = ep.classify(seg)
        if event is E.RCV_BAD_ACK and ep.state.synchronized:
            self._acked_unseen(side, seg.ack)
            event, guard = ep.classify(seg)  # unchanged unless SND.NXT moved
        row = self._fire(ep, event, guard)
        side.last_reply = row.send
        if no_ack or event is E.RCV_SYN:
            # dropped: the fifth check, or a SYN answered by its row (RFC 5961 §4's challenge
            # ACK, or SYN-RECEIVED's return to LISTEN); neither is data nor held
            if no_ack and event is E.RCV_SEGMENT:  # else the first check's ACK answered it
                side.notes.append("segment without ACK dropped")
            return (row,)
        acceptable = event not in (E.RCV_OUT_OF_WINDOW, E.RCV_RST, E.RCV_RST_IGNORED,
                                   E.RCV_RST_IN_WINDOW, E.RCV_BAD_ACK)
        if seg.has(Flags.ACK) and acceptable:
            # the peer's advertised window: scaled on every segment but a SYN (RFC 7323 §2.3)
            ep.snd_wnd = seg.window if seg.has(Flags.SYN) else seg.window << shift
        if seg.has(Flags.ACK) and acceptable and ep.snd_una is not None \
                and ep.snd_nxt is not None and (seq_lt(ep.snd_una, seg.ack)
                                                and not seq_lt(ep.snd_nxt, seg.ack)):
            ep.snd_una = seg.ack
        if held:
            self._hold(side, seg)
        elif ep.rcv_nxt is not None and seg.seq == ep.rcv_nxt and acceptable:
            # a held FIN this reaches is already the row's (classify: reaches_held_fin)
            self._in_order(side, seg)
        return (row,)

    def _acked_unseen(self, side: _Side, ack: int) -> None:
        """An ACK beyond SND.NXT, the most the side was seen sending: the peer acknowledges
        only what arrived (§3.10.7.4, RCV.NXT), so the side sent those bytes where the
        capture did not see them (Wireshark: "ACKed segment that wasn't captured"; a capture
        of one direction shows none). SND.NXT follows the ACK, unless it lies further ahead
        than the peer's largest window could have let the side send: that ACK is bad."""
        ep = side.ep
        assert ep.snd_nxt is not None
        count = seq_sub(ack, ep.snd_nxt)
        if seq_lt(ep.snd_nxt, ack) and count <= max(ep.max_snd_wnd, ep.snd_wnd):
            self.unseen += 1
            side.notes.append(f"{count} bytes this ACK acknowledges were never seen sent (an "
                              "unseen segment)")
            ep.snd_nxt = ack

    def _beyond_rcv_nxt(self, side: _Side, seq: int) -> bool:
        """A segment beyond RCV.NXT whose gap no captured segment fills: whether to hold it.
        The receiver's next ACK tells: if it covers the gap, the bytes before arrived unseen
        (not captured); otherwise they are missing and this segment waits (§3.10.7.4,
        SHLD-31)."""
        ep = side.ep
        assert ep.rcv_nxt is not None
        ack = self._next_ack_from(side)
        if ack is None or not seq_lt(ack, seq):
            self.unseen += 1
            side.notes.append(f"{seq_sub(seq, ep.rcv_nxt)} bytes before this segment were "
                              "never seen (an unseen or lost segment)")
            ep.rcv_nxt = seq
            return False
        if seq_lt(ep.rcv_nxt, ack):  # part of the gap arrived unseen
            self.unseen += 1
            side.notes.append(f"{seq_sub(ack, ep.rcv_nxt)} bytes before this segment were "
                              "never seen (an unseen or lost segment)")
            self._acknowledged_up_to(side, ack)
        return True

    def _next_ack_from(self, side: _Side) -> int | None:
        """The acknowledgement number of the next segment ``side`` sends, if any. A reset
        with the ACK bit counts (its acknowledgement is RCV.NXT like any other); without the
        bit the field means nothing (§3.1)."""
        c, order = self.c, self.order
        client = side is self.client
        for q in range(self.position + 1, len(order)):
            e = order[q]
            if e & 1 or bool(c.from_client[e >> 1]) != client:
                continue
            k = e >> 1
            return int(c.ack[k]) % _M if c.flags[k] & _ACK else None
        return None

    @staticmethod
    def _hold(side: _Side, seg: Segment) -> None:
        """Keep a segment beyond RCV.NXT (and its FIN) until the gap before it fills."""
        ep = side.ep
        assert ep.rcv_nxt is not None
        if seg.payload:
            ep.out_of_order[seg.seq] = seg.payload
        if seg.has(Flags.FIN):
            ep.fin_held = seq_add(seg.seq, len(seg.payload))
        side.holding = bool(ep.out_of_order) or ep.fin_held is not None
        side.notes.append(f"out of order: expected {ep.rcv_nxt}, got {seg.seq}; held, and the "
                          "ACK repeats RCV.NXT (a duplicate ACK)")

    @staticmethod
    def _in_order(side: _Side, seg: Segment) -> None:
        """RCV.NXT past an in-order segment, then past what it held behind it, and the FIN
        (the segment's own, or one held since it arrived out of order)."""
        ep = side.ep
        assert ep.rcv_nxt is not None
        ep.rcv_nxt = seq_add(ep.rcv_nxt, len(seg.payload))
        released = 0
        while ep.rcv_nxt in ep.out_of_order:
            size = len(ep.out_of_order.pop(ep.rcv_nxt))
            released += size
            ep.rcv_nxt = seq_add(ep.rcv_nxt, size)
        if released:
            side.notes.append(f"{released} held out-of-order bytes now delivered")
        reached = ep.fin_held is not None and ep.fin_held == ep.rcv_nxt
        if seg.has(Flags.FIN) or reached:
            if not seg.has(Flags.FIN):
                side.notes.append("the gap is filled: the FIN held since it arrived out of "
                                  "order is processed now")
            ep.fin_held = None
            ep.rcv_nxt = seq_add(ep.rcv_nxt, 1)
        side.holding = bool(ep.out_of_order) or ep.fin_held is not None

    # ------------------------------------------------------------------ the whole pass
    def run(self, order: Sequence[int], log: ReplayLog, midstream: bool,
            progress: Progress | None = None) -> None:
        """Apply the events (2·i = segment i sent, 2·i + 1 = it arrives) in ``order``,
        recording what each step did into ``log``; report every PROGRESS_EVERY steps."""
        self.order = order
        c = self.c
        flags, seqs, acks, lengths, windows = c.flags, c.seq, c.ack, c.length, c.window
        client, server = self.client, self.server
        cep, sep = client.ep, server.ep
        lost = self.lost
        kinds = self.kinds
        shift_from_client, shift_from_server = self.shift
        shifts = (shift_from_server, shift_from_client)  # by sender: 0 = server, 1 = client
        rows_of, client_tcb, server_tcb, notes_of = (log.rows, log.client_tcb, log.server_tcb,
                                                     log.notes)
        # per fast state: the rows (as 1-tuples) for in order / bad ACK / out of window
        fast_rows = [tuple((_row_for(st, ev),) for ev in (E.RCV_SEGMENT, E.RCV_BAD_ACK,
                                                           E.RCV_OUT_OF_WINDOW))
                     for st in _FAST_STATES]
        established, close_wait, _ = _FAST_STATES
        established_send = (_row_for(established, E.SEND),)
        close_wait_send = (_row_for(close_wait, E.SEND),)
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
                if lost and i in lost:  # never arrives: nothing changes
                    rows_of.append(_NO_ROWS)
                    client_tcb.append(ctcb)
                    server_tcb.append(stcb)
                    step_of[e] = position
                    continue
                st = ep.state
                f = flags[i]
                rcv_nxt, snd_nxt, snd_una = ep.rcv_nxt, ep.snd_nxt, ep.snd_una
                sq = seqs[i] % _M
                if (f & _SYN_FIN_RST == 0 and f & _ACK and st in _FAST_STATES
                        and rcv_nxt is not None and snd_nxt is not None
                        and snd_una is not None and ep.irs is not None
                        and (sq == rcv_nxt or (sq - rcv_nxt) % _M >= _HALF)
                        and ((ak := acks[i] % _M) == snd_nxt or (ak - snd_nxt) % _M >= _HALF)
                        and not side.holding):
                    # ACK/data in a synchronized state, not beyond RCV.NXT, acknowledging no
                    # more than SND.NXT: §3.10.7.4's acceptability test, then the ACK check
                    # (as TcpEndpoint.classify)
                    length, wnd = lengths[i], ep.rcv_wnd
                    if length == 0:
                        ok = sq == rcv_nxt if wnd == 0 else (sq - rcv_nxt) % _M < wnd
                    else:
                        ok = wnd != 0 and ((sq - rcv_nxt) % _M < wnd
                                           or (sq + length - 1 - rcv_nxt) % _M < wnd)
                    in_order, bad_ack, out_of_window = fast_rows[
                        0 if st is established else 1 if st is close_wait else 2]
                    if not ok:
                        rows = out_of_window
                    elif 0 < (d := (snd_una - ak) % _M) < _TOO_OLD_BOUND and (
                            w := max(ep.max_snd_wnd, ep.snd_wnd)) < d < w + _HALF:
                        # before SND.UNA − MAX.SND.WND (RFC 5961 §5; an ACK at or a little
                        # ahead of SND.UNA skips the window)
                        rows = bad_ack
                    else:
                        rows = in_order
                    row = rows[0]
                    ep.state = row.next
                    side.last_reply = row.send
                    if rows is in_order:
                        # the peer's window, scaled (RFC 7323 §2.3)
                        ep.snd_wnd = windows[i] << shifts[fc]
                        if snd_una != ak and (ak - snd_una) % _M < _HALF:
                            ep.snd_una = ak
                        if sq == rcv_nxt:
                            ep.rcv_nxt = (rcv_nxt + length) % _M
                else:
                    self.position = position
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
                                if st in _RETRANSMIT_STATES and kinds.get(i) not in _NOT_TIMED
                                else _NO_ROWS)
                    elif length and st is established:
                        rows = established_send  # SEND keeps the state, as the timeout does
                    elif length and st is close_wait:
                        rows = close_wait_send
                    else:
                        rows = _NO_ROWS
                    snd_nxt = ep.snd_nxt
                    if snd_nxt is None or (snd_nxt != end and (end - snd_nxt) % _M < _HALF):
                        ep.snd_nxt = end
                    if f & _ACK:
                        ak, rcv_nxt = acks[i], ep.rcv_nxt
                        if rcv_nxt is None or (rcv_nxt != ak and (ak - rcv_nxt) % _M < _HALF):
                            if side.holding:
                                self._gap_arrived_unseen(side, ak % _M)
                                rows = self._held_fin_passed(side, ak % _M) + rows
                                self._acknowledged_up_to(side, ak)
                            else:
                                ep.rcv_nxt = ak
                    if sent_max is None or (sent_max != end and (end - sent_max) % _M < _HALF):
                        side.sent_max = end
                    side.last_reply = Send.NOTHING
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
def cyclic_gc_paused() -> Iterator[None]:
    """The pass allocates a few hundred thousand tuples that form no cycles; the cyclic
    collector would scan them again and again (a quarter of the replay's time). Left off
    for a caller who had turned it off; nested, only the outermost turns it back on."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def relative_bases(c: ObservedColumns) -> tuple[int | None, int | None]:
    """The numbers each side's relative numbers count from (the client's, the server's), as
    Wireshark's TCP dissector takes them (tcp.relative_sequence_numbers): a side's first
    segment sets its own (its SEQ if a SYN, else SEQ − 1, so that SEQ counts 1), unless a
    segment of the peer's carrying an ACK came first: then that ACK − 1. So a capture
    joined mid-stream counts both sides from 1, a side never seen sending counts from
    what the peer acknowledged, and a handshake counts from the ISNs (RFC 9293 §3.4).
    None for a side the capture says nothing about."""
    bases: list[int | None] = [None, None]
    fc, flags, seqs, acks = c.from_client, c.flags, c.seq, c.ack
    for i in range(len(c)):
        side = 0 if fc[i] else 1
        f = flags[i]
        if bases[side] is None:
            bases[side] = seqs[i] % _M if f & _SYN else seq_sub(seqs[i], 1)
        if f & _ACK and bases[1 - side] is None:
            bases[1 - side] = seq_sub(acks[i], 1)
        if bases[0] is not None and bases[1] is not None:
            break
    return bases[0], bases[1]


def _partial_round_trips(trips: RoundTrips, point: str) -> tuple[float, float]:
    """(client side, server side) partial round trips to place events with: at an end of the
    path that end's is zero and the other's the whole round trip."""
    total = trips.total or 0.0
    if point == "client":
        return 0.0, total if trips.server_side is None else trips.server_side
    if point == "server":
        return total if trips.client_side is None else trips.client_side, 0.0
    return trips.client_side or 0.0, trips.server_side or 0.0


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

    Each observed segment becomes two steps: its sender sends it, its receiver receives it
    (or the network loses it, when the evidence says so). Where the capture point is known,
    the events at the far end are placed from its partial round trip (later for what we
    sent, earlier for what we received), and all events are applied in time order, so
    crossing segments (e.g. FINs in a simultaneous close) cross here too.
    """
    n = len(c)
    client_syns, server_syns = c.pure_syns()
    midstream = not client_syns
    point, point_reason = capture_point(c, client_syns)
    trips = round_trips(c)
    client_rt, server_rt = _partial_round_trips(trips, point)
    originals = c.originals if c.originals is not None else first_copies(c)
    placed = RoundTrips(client_rt if client_rt or point == "client" else trips.client_side,
                        server_rt if server_rt or point == "server" else trips.server_side)
    lost = infer_losses(c, originals, point, placed)
    kinds, reordered = send_kinds(c, originals, point)
    sent_at, end_at = event_times(c, client_rt / 2, server_rt / 2, lost, reordered,
                                  listens=not server_syns, copies=originals)
    order, times = event_order(sent_at, end_at)
    shifts = window_shifts(c)
    r = _Replayer(c, midstream, server_syns, lost, kinds, shifts, originals)
    initial = {"client": _tcb(r.client.ep), "server": _tcb(r.server.ep)}
    # Kept as arrays of machine numbers (8 bytes each, no object per value).
    log = ReplayLog(columns=c, order=array("q", order), times=array("d", times),
                    sent_at=array("d", sent_at), end_at=array("d", end_at), initial=initial,
                    template=r.client.ep.snapshot(), point=point, lost=lost, kinds=kinds,
                    window_shift=shifts)
    del order, times, sent_at, end_at
    with cyclic_gc_paused():
        r.run(log.order, log, midstream, progress)
    total = client_rt + server_rt
    info = ReplayInfo(
        opened="midstream" if midstream else "handshake", orientation=orientation,
        capture_point=point, capture_point_reason=point_reason,
        rtt=total if total else None, unseen_segments=r.unseen, lost_segments=len(lost),
        rtt_source=", ".join(dict.fromkeys(s for s in (trips.client_source,
                                                        trips.server_source) if s)),
        window_shift=shifts)
    client_base, server_base = relative_bases(c)
    isn = {"client": 0 if client_base is None else client_base,
           "server": 0 if server_base is None else server_base}
    far = "server" if point == "client" else "client"
    where = (f"captured at the {point} ({point_reason}); the {far}'s states are inferred"
             if point != "unknown" else f"capture point unknown ({point_reason})")
    timeline = ReplayTimeline.of_log(
        log, name=name, title=title,
        description=f"Replayed from a capture: {n} segments, {where}.",
        addresses=addresses or {"client": "client", "server": "server"}, isn=isn,
        link_delay=total / 2,
        initial_states=(("client", "ESTABLISHED" if midstream else "CLOSED"),
                        ("server", r.initial_server_state.name)))
    return timeline, info
