"""Replay a captured TCP connection through the same RFC 9293 table the simulator runs.

Theory of operation
-------------------
A capture shows segments, not states. Each observed segment from A to B says two things:

* **A did something to send it.** A SYN from CLOSED is an active OPEN; a FIN from
  ESTABLISHED or CLOSE-WAIT is a CLOSE; an RST that is not the table's answer to something A
  just received is an ABORT; a SYN, FIN or data segment sent again is a retransmission
  timeout. Those are the user-call and timeout rows of ``tcp_table``.
* **B received it.** B's control block (inferred from what B itself sent: its ISS from its
  SYN, its RCV.NXT from its ACKs) classifies the arrival exactly as a live endpoint would
  (``TcpEndpoint.classify``), and the matching row gives B's next state.

So every state shown is a row of the same table the scenarios use. What the capture cannot
show is marked: the far side's state is *inferred* (its segments may not have reached it
yet, or may never have), a connection seen without its handshake starts in an assumed
ESTABLISHED, and a gap in sequence numbers is an unseen (lost) segment. The receive window is
taken as 2**30 for the acceptability test because window scaling (RFC 7323) is negotiated in
options the index does not keep; old duplicates are still recognised by sequence number.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from simulator.models.explain import arithmetic, explain_reaction
from simulator.models.segment import Flags, Segment
from simulator.models.sequence import seq_add, seq_lt, seq_sub
from simulator.models.tcp_endpoint import Reaction, TcpEndpoint
from simulator.models.tcp_states import EventKind, Send, TcpEvent, TcpState
from simulator.models.tcp_table import Transition, lookup
from simulator.models.timeline import (
    Explanation,
    Fate,
    FiredTransition,
    SegmentRecord,
    Step,
    StepKind,
    Timeline,
)

REPLAY_WINDOW = 2**30
S = TcpState
E = TcpEvent


@dataclass(frozen=True)
class ObservedSegment:
    """One captured TCP segment of a connection, as the capture index gives it."""

    time: float
    from_client: bool
    flags: int
    seq: int
    ack: int
    length: int
    window: int
    packet: int = 0
    annotations: tuple[str, ...] = ()


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


def _segment(obs: ObservedSegment) -> Segment:
    src, dst = ("client", "server") if obs.from_client else ("server", "client")
    # The index keeps lengths, not bytes: zeros stand in for the payload so that SEG.LEN,
    # the acceptability test and the explanations use the captured length.
    return Segment(src, dst, obs.seq % 2**32, obs.ack % 2**32, Flags(obs.flags & 0x3F),
                   obs.window, bytes(obs.length), None)


def _seg_len(obs: ObservedSegment) -> int:
    return obs.length + (1 if obs.flags & Flags.SYN else 0) + (1 if obs.flags & Flags.FIN else 0)


def _capture_point(segments: Sequence[ObservedSegment]) -> tuple[str, str, float | None]:
    """Which end the capture was taken at, from the handshake's timing.

    At the client, SYN → SYN,ACK takes a whole round trip and SYN,ACK → ACK almost nothing;
    at the server it is the other way round.
    """
    syn_ack = next((s for s in segments if not s.from_client and s.flags & Flags.SYN
                    and s.flags & Flags.ACK), None)
    # Karn: time from the last SYN sent before the SYN,ACK, not from a lost earlier one.
    syn = None if syn_ack is None else next(
        (s for s in reversed(segments) if s.from_client and s.flags & Flags.SYN
         and not s.flags & Flags.ACK and s.time <= syn_ack.time), None)
    if syn is None or syn_ack is None:
        return "unknown", "no complete handshake to time", None
    ack = next((s for s in segments if s.from_client and s.time >= syn_ack.time
                and s.flags & Flags.ACK and not s.flags & Flags.SYN), None)
    if ack is None:
        return "unknown", "the handshake's last ACK is not in the capture", None
    first, second = syn_ack.time - syn.time, ack.time - syn_ack.time
    rtt = first + second
    if first > 3 * second:
        return "client", (f"SYN → SYN,ACK took {first * 1000:.1f} ms, SYN,ACK → ACK "
                          f"{second * 1000:.1f} ms: the round trip lies before the SYN,ACK"), rtt
    if second > 3 * first:
        return "server", (f"SYN → SYN,ACK took {first * 1000:.1f} ms, SYN,ACK → ACK "
                          f"{second * 1000:.1f} ms: the round trip lies after the SYN,ACK"), rtt
    return "unknown", "the handshake's delays are too similar to tell", rtt


class _Replayer:
    def __init__(self, segments: Sequence[ObservedSegment], midstream: bool) -> None:
        self.client = _Side(_endpoint("client", "server",
                                      S.ESTABLISHED if midstream else S.CLOSED))
        self.server = _Side(_endpoint("server", "client",
                                      S.ESTABLISHED if midstream
                                      else _initial_server_state(segments)))
        self.initial_server_state = self.server.ep.state
        self.midstream = midstream
        self.segments = segments
        self.unseen = 0
        if midstream:
            self._seed_midstream()

    def _seed_midstream(self) -> None:
        """Joined mid-stream: each side's numbers start from the first segments seen.

        SND.UNA = SND.NXT = the side's first SEQ (or, if it sent nothing, what the peer
        acknowledged); RCV.NXT = its first ACK (or the peer's first SEQ); ISS and IRS are
        one below, so relative numbers start at 1 as Wireshark's do.
        """
        for side, from_client in ((self.client, True), (self.server, False)):
            own = next((s for s in self.segments if s.from_client == from_client), None)
            other = next((s for s in self.segments if s.from_client != from_client), None)
            ep = side.ep
            start = own.seq if own is not None else other.ack if other is not None else 0
            ep.snd_una = ep.snd_nxt = start
            ep.iss = seq_sub(start, 1)
            if own is not None and own.flags & Flags.ACK:
                ep.rcv_nxt = own.ack
            else:
                ep.rcv_nxt = other.seq if other is not None else 0
            ep.irs = seq_sub(other.seq if other is not None else ep.rcv_nxt, 1)
            ep.snd_wnd = REPLAY_WINDOW

    # ------------------------------------------------------------------ the sender's side
    def sender_rows(self, side: _Side, obs: ObservedSegment) -> tuple[Transition, ...]:
        ep = side.ep
        flags = Flags(obs.flags & 0x3F)
        end = seq_add(obs.seq, _seg_len(obs))
        again = side.sent_max is not None and _seg_len(obs) > 0 and not seq_lt(side.sent_max,
                                                                               end)
        rows: list[Transition] = []
        if Flags.RST in flags:
            if side.last_reply is not Send.RST and ep.state is not S.CLOSED:
                rows.append(self._fire(ep, E.ABORT))
        elif Flags.SYN in flags and Flags.ACK not in flags:
            if ep.state is S.CLOSED:
                rows.append(self._fire(ep, E.OPEN_ACTIVE))
                ep.iss, ep.snd_una, ep.snd_nxt = obs.seq, obs.seq, seq_add(obs.seq, 1)
            elif again and ep.state is S.SYN_SENT:
                rows.append(self._fire(ep, E.TIMEOUT_RETRANSMISSION))
        elif Flags.SYN in flags:
            if ep.state in (S.CLOSED, S.LISTEN):
                ep.state = S.SYN_RECEIVED  # its SYN was not captured
                side.notes.append("the SYN this answers is not in the capture")
            if ep.iss is None or ep.snd_nxt is None or seq_lt(ep.snd_nxt, seq_add(obs.seq, 1)):
                ep.iss, ep.snd_una, ep.snd_nxt = obs.seq, obs.seq, seq_add(obs.seq, 1)
            elif again and ep.state is S.SYN_RECEIVED:
                rows.append(self._fire(ep, E.TIMEOUT_RETRANSMISSION))
        elif Flags.FIN in flags and not again:
            if ep.state in (S.ESTABLISHED, S.CLOSE_WAIT, S.SYN_RECEIVED):
                rows.append(self._fire(ep, E.CLOSE))
            ep.fin_seq = seq_add(obs.seq, obs.length)
        elif again and ep.state in (S.ESTABLISHED, S.CLOSE_WAIT, S.FIN_WAIT_1, S.CLOSING,
                                    S.LAST_ACK, S.SYN_RECEIVED, S.SYN_SENT):
            rows.append(self._fire(ep, E.TIMEOUT_RETRANSMISSION))
        elif obs.length and ep.state in (S.ESTABLISHED, S.CLOSE_WAIT):
            rows.append(self._fire(ep, E.SEND))
        if Flags.RST not in flags:
            if ep.snd_nxt is None or seq_lt(ep.snd_nxt, end):
                ep.snd_nxt = end
            if Flags.ACK in flags and (ep.rcv_nxt is None or seq_lt(ep.rcv_nxt, obs.ack)):
                ep.rcv_nxt = obs.ack
        if side.sent_max is None or seq_lt(side.sent_max, end):
            side.sent_max = end
        side.last_reply = Send.NOTHING
        return tuple(rows)

    @staticmethod
    def _fire(ep: TcpEndpoint, event: TcpEvent, guard: str = "") -> Transition:
        row = lookup(ep.state, event, guard)
        ep.state = row.next
        return row

    # ------------------------------------------------------------------ the receiver's side
    def receiver_rows(self, side: _Side, obs: ObservedSegment) -> tuple[Transition, ...]:
        ep = side.ep
        seg = _segment(obs)
        if ep.state is S.LISTEN and seg.has(Flags.SYN) and not seg.has(Flags.ACK):
            row = self._fire(ep, E.RCV_SYN)
            ep.passive = True
            ep.irs, ep.rcv_nxt = seg.seq, seq_add(seg.seq, 1)
            side.last_reply = row.send
            return (row,)
        if ep.state is S.SYN_SENT and seg.has(Flags.SYN):
            event, guard = ep.classify(seg)
            row = self._fire(ep, event, guard)
            ep.irs, ep.rcv_nxt = seg.seq, seq_add(seg.seq, 1)
            if event is E.RCV_SYN_ACK:
                ep.snd_una = seg.ack
            side.last_reply = row.send
            return (row,)
        if ep.state not in (S.CLOSED, S.LISTEN, S.SYN_SENT) and (
                ep.rcv_nxt is None or ep.snd_nxt is None or ep.snd_una is None
                or ep.irs is None):
            return ()
        if ep.state is S.SYN_SENT and (ep.iss is None or ep.snd_nxt is None):
            return ()
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
            ep.snd_wnd = obs.window  # the peer's advertised window, as sent (unscaled)
        if seg.has(Flags.ACK) and ep.snd_una is not None and ep.snd_nxt is not None and (
                seq_lt(ep.snd_una, seg.ack) and not seq_lt(ep.snd_nxt, seg.ack)):
            ep.snd_una = seg.ack
        if ep.rcv_nxt is not None and seg.seq == ep.rcv_nxt and event not in (
                E.RCV_OUT_OF_WINDOW, E.RCV_RST, E.RCV_RST_IGNORED, E.RCV_RST_IN_WINDOW):
            ep.rcv_nxt = seq_add(ep.rcv_nxt, obs.length + (1 if seg.has(Flags.FIN) else 0))
        if row.next is S.CLOSED:
            ep.state = S.CLOSED
        return (row,)


def _initial_server_state(segments: Sequence[ObservedSegment]) -> TcpState:
    """LISTEN, unless the server's first answer to a SYN is a reset (nobody listened), or
    it sent a SYN of its own (a simultaneous open): then it starts CLOSED."""
    if any(not s.from_client and s.flags & Flags.SYN and not s.flags & Flags.ACK
           for s in segments):
        return S.CLOSED
    first = next((s for s in segments if not s.from_client), None)
    if first is not None and first.flags & Flags.RST and not first.flags & Flags.SYN:
        return S.CLOSED
    return S.LISTEN


def replay(segments: Sequence[ObservedSegment], *, name: str = "capture",
           title: str = "Captured connection", addresses: dict[str, str] | None = None,
           orientation: str = "handshake") -> tuple[Timeline, ReplayInfo]:
    """Build the Timeline of one captured connection, with each side's inferred states.

    Each observed segment becomes two steps: its sender sends it, its receiver receives it.
    Where the capture point is known, the event at the far end is placed half a round trip
    away (later for what we sent, earlier for what we received), and all events are applied
    in time order, so crossing segments (e.g. FINs in a simultaneous close) cross here too.
    """
    has_syn = any(s.flags & Flags.SYN and not s.flags & Flags.ACK and s.from_client
                  for s in segments)
    midstream = not has_syn
    point, point_reason, rtt = _capture_point(segments)
    r = _Replayer(segments, midstream)
    half = (rtt or 0.0) / 2 if point != "unknown" else 0.0
    t0 = segments[0].time if segments else 0.0
    timed: list[tuple[float, float, int]] = []  # (sent_at, end_at, index)
    events: list[tuple[float, int, int, bool]] = []  # (time, order, index, is_send)
    for index, obs in enumerate(segments):
        t = obs.time - t0
        ours = point == ("client" if obs.from_client else "server")
        sent_at, end_at = (t, t + half) if ours else (t - half, t)
        timed.append((sent_at, end_at, index))
        events.append((sent_at, 2 * index, index, True))
        events.append((end_at, 2 * index + 1, index, False))
    if point != "unknown":
        timed = _respect_causality(segments, timed, near_is_client=point == "client")
        events = [(sent_at, 2 * i, i, True) for sent_at, _, i in timed] + [
            (end_at, 2 * i + 1, i, False) for _, end_at, i in timed]
    events.sort()
    step_of_send: dict[int, int] = {}
    step_of_end: dict[int, int] = {}
    for position, (_, _, index, is_send) in enumerate(events):
        (step_of_send if is_send else step_of_end)[index] = position
    records = [
        SegmentRecord(
            id=index, src="client" if obs.from_client else "server",
            dst="server" if obs.from_client else "client", seq=obs.seq % 2**32,
            ack=obs.ack % 2**32, flags=Flags(obs.flags & 0x3F), window=obs.window,
            length=obs.length, mss=None, payload=b"", sent_at=timed[index][0],
            sent_step=step_of_send[index], fate=Fate.DELIVERED, end_at=timed[index][1],
            end_step=step_of_end[index],
            retransmission=any("retransmission" in a for a in obs.annotations))
        for index, obs in enumerate(segments)]
    steps: list[Step] = []
    for position, (when, _, index, is_send) in enumerate(events):
        obs = segments[index]
        sender, receiver = (r.client, r.server) if obs.from_client else (r.server, r.client)
        side = sender if is_send else receiver
        before = side.ep.snapshot()
        rows = r.sender_rows(sender, obs) if is_send else r.receiver_rows(receiver, obs)
        notes = list(side.notes)
        side.notes.clear()
        if is_send:
            notes = list(obs.annotations) + notes
            if position == 0 and midstream:
                notes.insert(0, "the capture starts mid-connection: both sides are assumed "
                                "ESTABLISHED, numbers are relative to the first segment seen")
        seg = _segment(obs)
        reaction = Reaction(side.ep.name, rows, None if is_send else seg,
                            (seg,) if is_send else (), (), tuple(notes), None, before,
                            side.ep.snapshot())
        inferred = point != "unknown" and side.ep.name != point
        steps.append(Step(
            index=position, time=when, kind=StepKind.USER if is_send else StepKind.ARRIVE,
            actor=side.ep.name, segment=records[index], sent=(index,) if is_send else (),
            transitions=tuple(FiredTransition(side.ep.name, row) for row in rows),
            client=r.client.ep.snapshot(), server=r.server.ep.snapshot(),
            explanation=_explain(reaction, is_send, obs, inferred, point),
            notes=tuple(notes)))
    info = ReplayInfo(
        opened="midstream" if midstream else "handshake", orientation=orientation,
        capture_point=point, capture_point_reason=point_reason, rtt=rtt,
        unseen_segments=r.unseen)
    initial = (("client", "ESTABLISHED" if midstream else "CLOSED"),
               ("server", r.initial_server_state.name))
    isn = {"client": _first_seq(segments, True), "server": _first_seq(segments, False)}
    far = "server" if point == "client" else "client"
    where = (f"captured at the {point} ({point_reason}); the {far}'s states are inferred"
             if point != "unknown" else f"capture point unknown ({point_reason})")
    timeline = Timeline(
        name=name, title=title,
        description=f"Replayed from a capture: {len(segments)} segments, {where}.",
        steps=tuple(steps), segments=tuple(records),
        addresses=addresses or {"client": "client", "server": "server"}, isn=isn,
        link_delay=half, initial_states=initial)
    return timeline, info


def _respect_causality(segments: Sequence[ObservedSegment],
                       timed: list[tuple[float, float, int]], near_is_client: bool
                       ) -> list[tuple[float, float, int]]:
    """A far-side segment is sent only after the far side received what it acknowledges.

    Half a round trip is only an estimate; where it would put a far-side send before the
    arrival of a near-side segment that this send acknowledges, move the send just after it.
    """
    out = list(timed)
    near: list[tuple[int, float]] = []  # (end sequence number, arrival at the far side)
    for index, obs in enumerate(segments):
        sent_at, end_at, _ = out[index]
        if obs.from_client == near_is_client:
            if _seg_len(obs):
                near.append((seq_add(obs.seq, _seg_len(obs)), end_at))
            continue
        if obs.flags & Flags.ACK and near:
            for end_seq, arrival in reversed(near[-64:]):
                if not seq_lt(obs.ack, end_seq):
                    if sent_at <= arrival:
                        sent_at = arrival + 1e-6
                        out[index] = (sent_at, max(end_at, sent_at), index)
                    break
    return out


def _first_seq(segments: Sequence[ObservedSegment], from_client: bool) -> int:
    first = next((s for s in segments if s.from_client == from_client), None)
    if first is None:
        return 0
    return first.seq if first.flags & Flags.SYN else seq_sub(first.seq, 1)


def _explain(reaction: Reaction, is_send: bool, obs: ObservedSegment, inferred: bool,
             point: str) -> Explanation:
    who = reaction.endpoint.capitalize()
    seg = reaction.sent[0] if is_send else reaction.arrived
    assert seg is not None
    if reaction.transitions:
        kind = EventKind.SEGMENT if not is_send else (
            EventKind.TIMEOUT if reaction.transition.event.kind is EventKind.TIMEOUT
            else EventKind.USER)
        what, why, rfc = explain_reaction(kind, reaction)
        if is_send:
            what = f"{what[:-1]} — the capture shows it sending {seg.label()}."
    elif is_send:
        what = (f"{who} sends {seg.label()} in {reaction.before.state.rfc_name}; "
                "no transition (an acknowledgement, or a reply the table already decided).")
        why, rfc = "Sending what an earlier row decided changes no state.", "RFC 9293 §3.10"
    else:
        what = (f"{who} receives {seg.label()} in "
                f"{reaction.before.state.rfc_name}; its state cannot be inferred further.")
        why, rfc = "Not enough was captured to classify this arrival.", "RFC 9293 §3.10.7"
    if inferred:
        what += f" (Inferred: the capture was taken at the {point}.)"
    return Explanation(what, why, arithmetic(reaction) + reaction.notes, rfc)
