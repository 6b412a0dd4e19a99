"""What if a captured segment had been lost? The TCP model takes over a replayed capture.

Theory of operation
-------------------
A replayed capture (``simulator.models.replay``) is a Timeline whose every step is a row of
RFC 9293's table, each side's control block inferred from the segments. ``capture_what_if``
takes such a timeline and a step whose segment the learner wants lost, and makes a new
Timeline in three parts:

1. **The capture, as replayed.** A lost segment changes nothing before the moment it would
   have arrived, so the fork F is the segment's arrival step (whether the learner chose its
   sending or its arrival) — or, where the replay shows an arrival before the fork and the
   ACK or SYN,ACK it caused after it, the latest step before that at which neither side owes
   an answer (the model answers in the arrival's own step). Steps 0 … F-1 are the replay's
   steps, unchanged but for their segments' numbers (segments are numbered in the order they
   were sent, as in a scenario) and without the HTTP layer (the what-if is TCP's).
2. **The seed.** A ``Simulation`` (``network``) is given both sides' control blocks as the
   replay had them after step F-1 — state, ISS, IRS, SND.UNA, SND.NXT, SND.WND, RCV.NXT — and
   what the capture shows about the rest of them:

   * the retransmission queue: every segment the side had sent that is not yet acknowledged
     (SND.UNA … SND.NXT), with when it was last sent and how often (RFC 9293 §3.10.7.4) —
     data the capture never saw there (lost before the capture point) sent with the next
     copy seen, and a SYN or SYN,ACK never seen sent when the side entered its state;
     the RFC 6298 timer runs from the later of that sending and the last ACK that advanced
     SND.UNA (§5.1, §5.3), the RTO from the capture's round trip once the handshake is done
     (§2.2; 1 s before it, §2.1), doubled once per retransmission already seen (§5.5);
   * the MSS: the peer's MSS option where the replay knows it, else the largest payload the
     side sent in the capture (never below 536, RFC 9293 §3.7.1);
   * the send window: SND.WND, but never less than the most the side had in flight anywhere
     in the capture — a window the peer evidently allowed (a capture without its options
     cannot tell a scaled window, RFC 7323 §2.3); the receive window as large;
   * what the side held beyond RCV.NXT (the peer's segments that had arrived past a hole,
     and a FIN among them), so its ACKs and SACK blocks say so;
   * the FIN already sent (SND.NXT counts it), TIME-WAIT's 2·MSL from when it began;
   * the segments still on the wire at F arrive when the replay had them arrive; the chosen
     one is lost (a LOSE step half-way along its path, or when the replay's step F-1
     happened if that is later).
3. **The applications.** From the capture, each side's later segments say what its
   application did next, as user calls (RFC 9293 §3.10): new data is SEND (as many bytes as
   are new; consecutive segments are one SEND up to the one with PSH, where the sender's
   write ended, §3.9.1), the first FIN is CLOSE, an RST the replay read as the side's own is
   ABORT, a first SYN from CLOSED or LISTEN an active OPEN. What is new is read from the
   sequence space (from ISS + 1), not from the first copies seen: bytes whose first copy was
   lost before the capture point were sent all the same. Retransmissions and bare ACKs are TCP's
   own work, which the model now does itself. A call happens at the time the capture shows
   it, but never before the side has received what it had received then (the segment's ACK
   field: an HTTP server answers a request it has read); if the loss delays that, the call
   follows the same time after it as in the capture. A call whose condition never comes true
   never happens.

Then the model runs until nothing is left to happen (``Simulation.finish``), exactly as a
scenario does. Steps F, F+1, … are the model's, explained from the table like any scenario's.

The result keeps which step the simulation starts at, which segment was lost, and which
segment of the what-if was which captured segment, so views can mark the fork ("simulated
from step F+1", the steps counted from 1 as the window counts them) and go back.
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from dataclasses import dataclass, replace

from simulator.models.simulation.network import DEFAULT_DELAY, Simulation, _Flight
from simulator.models.tcp.control_block import (
    DEFAULT_PEER_MSS,
    DEFAULT_WINDOW,
    TcbSnapshot,
    UnackedSegment,
)
from simulator.models.tcp.endpoint import TcpEndpoint
from simulator.models.tcp.rto import RtoEstimator
from simulator.models.tcp.segment import Flags, Segment
from simulator.models.tcp.sequence import seq_add, seq_le, seq_lt, seq_sub
from simulator.models.tcp.states import TcpEvent, TcpState
from simulator.models.timeline.steps import Fate, SegmentRecord, Step, StepKind, Timeline

#: Bytes missing before a segment (its first copy lost upstream of the capture point) up to
#: this many are counted as sent with it; more is a garbled sequence number.
MAX_GAP = 1 << 24
#: A what-if re-runs the model from the fork on: within ``network.MAX_STEPS`` with room to
#: spare for retransmissions, so at most this many replayed steps.
MAX_REPLAY_STEPS = 3000
S = TcpState

# What the learner reads (catalogued for translation in ui/text/catalogue_what_if.py).
TITLE = "{title} — what if {segment} were lost? Simulated from step {step}"
DESCRIPTION = ("What-if from step {step}: steps 1 to {last} are the capture as replayed; then "
               "{segment} is lost and the TCP model runs both sides on from their state at "
               "that step, each application making the calls the capture shows it making "
               "next.")
PACKET = "packet {number}"
TOO_LONG = ("What-if works on captured connections of up to {limit} steps; this one has "
            "{count}.")
NO_SEGMENT = "This step has no segment on the wire to drop."
LOST_ALREADY = "This segment never arrived in the capture: it is lost already."
NOT_SETTLED = "The what-if did not settle: {reason}."
UNKNOWN_STATE = ("The capture does not show enough of this connection's state at that step "
                 "for the TCP model to take over.")
BACKWARDS = ("The capture shows this segment arriving before it was sent (its timestamps "
             "run backwards), so the what-if cannot tell what happened before its loss.")
FAILED = "The what-if could not be simulated from this step: {reason}."


class WhatIfRefused(ValueError):
    """This step cannot be lost in a what-if; the message is one sentence for the learner."""


class WhatIfFailed(RuntimeError):
    """The model failed while running a what-if (hostile or odd captures): one sentence for
    the learner; the error that caused it is chained (``__cause__``), so tests still see it."""


@dataclass(frozen=True)
class CaptureWhatIf:
    """A what-if run of a capture: ``timeline`` is the replay up to ``fork``, the model from
    there, with segment ``lost`` (``captured_lost`` in the replay) lost."""

    timeline: Timeline
    replay: Timeline
    fork: int  # the first step the model made (0-based); steps before it are the replay's
    lost: int  # the lost segment's id in the what-if
    captured_lost: int  # ... and in the replay
    captured: dict[int, int]  # what-if segment id -> replay segment id, for those captured
    also_lost: frozenset[int] = frozenset()  # further what-if segments lost (D again)

    @property
    def first_simulated_step(self) -> int:
        """The fork counted from 1, as the window and the slides count steps."""
        return self.fork + 1


@dataclass
class _Call:
    """One user call the capture shows an application making."""

    sender: str
    kind: str  # "send" | "close" | "abort" | "open"
    size: int
    at: float  # when the capture shows it
    needs: int | None  # RCV.NXT the side had reached then (the segment's ACK field)
    lag: float  # how long after reaching it the call came, in the capture
    met_at: float | None = None  # when ``needs`` was reached in the what-if


class _CapturedApplications:
    """The two applications, making the calls the capture shows (see the module's 3.)."""

    def __init__(self, calls: Sequence[_Call]) -> None:
        self._waiting = {side: [c for c in calls if c.sender == side]
                         for side in ("client", "server")}
        self._last = {"client": float("-inf"), "server": float("-inf")}
        self._at_fork = True

    def on_event(self, sim: Simulation) -> None:
        for side, calls in self._waiting.items():
            ep = sim.client.endpoint if side == "client" else sim.server.endpoint
            for call in calls:
                if call.met_at is not None:
                    continue
                if not self._ready(ep, call):
                    break  # what a call waits for grows call by call
                # reached before the fork: when the capture reached it; else now
                call.met_at = call.at - call.lag if self._at_fork else sim.now
            while calls and calls[0].met_at is not None:
                call = calls.pop(0)
                assert call.met_at is not None
                when = max(call.at, call.met_at + call.lag, self._last[side], sim.now)
                self._last[side] = when
                sim.call_at(when, _ActionCall(sim, call))
        self._at_fork = False

    @staticmethod
    def _ready(ep: TcpEndpoint, call: _Call) -> bool:
        if call.needs is None:
            return True
        return ep.rcv_nxt is not None and seq_le(call.needs, ep.rcv_nxt)


@dataclass
class _ActionCall:
    """A call, run when its time comes (``Simulation.call_at``)."""

    sim: Simulation
    call: _Call

    def __call__(self) -> None:
        actor = self.sim.client if self.call.sender == "client" else self.sim.server
        if self.call.kind == "send":
            actor.send(bytes(self.call.size))
        elif self.call.kind == "close":
            actor.close()
        elif self.call.kind == "abort":
            actor.abort()
        else:
            actor.connect()


def capture_what_if(replay: Timeline, step: int, *, one_way_delay: float | None = None,
                    packet: int | None = None,
                    also_lost: frozenset[int] = frozenset()) -> CaptureWhatIf:
    """Lose the segment of ``replay[step]`` and let the TCP model run on from there (see
    the module's docstring). ``one_way_delay``: the link's delay for what the model sends
    (default: the replay's half round trip); ``packet``: the captured packet's number, for
    the title; ``also_lost``: further segments of the what-if (its ids) lost too."""
    if not 0 <= step < len(replay):
        raise IndexError(f"step {step} is out of range: 0 to {len(replay) - 1}")
    if len(replay) > MAX_REPLAY_STEPS:
        raise WhatIfRefused(TOO_LONG.format(limit=MAX_REPLAY_STEPS, count=len(replay)))
    chosen = replay[step]
    record = chosen.segment
    if record is None or chosen.kind is StepKind.LOSE:
        raise WhatIfRefused(NO_SEGMENT)
    if record.fate is not Fate.DELIVERED or record.end_step is None:
        raise WhatIfRefused(LOST_ALREADY)
    if record.end_step <= record.sent_step:
        raise WhatIfRefused(BACKWARDS)
    try:
        return _what_if(replay, record, one_way_delay, packet, also_lost)
    except (WhatIfRefused, WhatIfFailed):
        raise
    except Exception as error:  # a capture the model cannot take over: one sentence
        reason = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
        raise WhatIfFailed(FAILED.format(reason=reason)) from error


def _what_if(replay: Timeline, record: SegmentRecord, one_way_delay: float | None,
             packet: int | None, also_lost: frozenset[int]) -> CaptureWhatIf:
    fork = _fork(replay, record)
    delay = one_way_delay if one_way_delay and one_way_delay > 0 else (
        replay.link_delay if replay.link_delay > 0 else DEFAULT_DELAY)
    run = _Run(replay, fork, record.id, delay, also_lost)
    run.seed()
    run.sim.application = _CapturedApplications(run.calls())
    run.sim.application.on_event(run.sim)  # calls already due at the fork
    try:
        run.sim.finish()
    except RuntimeError as error:  # network.MAX_STEPS
        raise WhatIfRefused(NOT_SETTLED.format(reason=error)) from None
    lost_id = run.new_id[record.id]
    name = f"#{lost_id}" if packet is None else PACKET.format(number=packet)
    title = TITLE.format(title=replay.title, segment=name, step=fork + 1)
    description = DESCRIPTION.format(step=fork + 1, last=fork, segment=name)
    made = run.sim.timeline(f"{replay.name}-what-if", title, description)
    timeline = replace(made, addresses=dict(replay.addresses), isn=dict(replay.isn),
                       initial_states=replay.initial_states, link_delay=delay,
                       connections=replay.connections)  # the capture's, not the scenarios'

    return CaptureWhatIf(timeline, replay, fork, lost_id, record.id,
                         {new: old for old, new in run.new_id.items()}, also_lost)


class _Run:
    """The seeded simulation and what it was seeded from."""

    def __init__(self, replay: Timeline, fork: int, lost: int, delay: float,
                 also_lost: frozenset[int]) -> None:
        self.replay, self.fork, self.lost, self.also_lost = replay, fork, lost, also_lost
        self.before = replay[fork - 1] if fork else None
        self.sent = sorted((s for s in replay.segments if s.sent_step < fork),
                           key=lambda s: (s.sent_step, s.id))
        self.new_id = {s.id: n for n, s in enumerate(self.sent)}
        self.now = self.before.time if self.before is not None else replay[0].time
        isn = replay.isn
        self.sim = Simulation(client_iss=isn.get("client", 0), server_iss=isn.get("server", 0),
                              delay=delay, drop_ids=also_lost)

    # ------------------------------------------------------------------ the seed
    def seed(self) -> None:
        sim = self.sim
        sim.now = self.now
        sim._steps = [self._renumbered(s) for s in self.replay.steps[:self.fork]]
        snaps = {side: (self.before.snapshot(side) if self.before is not None
                        else _initial(self.replay, side)) for side in ("client", "server")}
        # what each side may send: its window, at least what it evidently had in flight;
        # the peer's receive window the same, so the peer's ACKs repeat that window (a
        # duplicate ACK changes nothing but the ACK, RFC 5681 §2)
        windows = {side: max(DEFAULT_WINDOW, self._largest_flight(side), snaps[side].snd_wnd)
                   for side in ("client", "server")}
        for side, peer in (("client", "server"), ("server", "client")):
            ep = sim.client.endpoint if side == "client" else sim.server.endpoint
            self._seed_endpoint(ep, snaps[side], windows[side], windows[peer])
        for record in self.sent:
            self._put_on_wire(record)

    def _renumbered(self, step: Step) -> Step:
        seg = step.segment
        sent = tuple(self.new_id[i] for i in step.sent if i in self.new_id)
        if seg is not None and seg.id not in self.new_id:
            seg = None  # a segment the replay never numbered (a garbled capture)
        return replace(step, segment=None if seg is None else replace(
            seg, id=self.new_id[seg.id]), sent=sent, http=None)

    def _largest_flight(self, side: str) -> int:
        most = 0
        for step in self.replay.steps:
            snap = step.snapshot(side)
            if snap.snd_una is not None and snap.snd_nxt is not None:
                most = max(most, seq_sub(snap.snd_nxt, snap.snd_una))
        return most

    def _put_on_wire(self, r: SegmentRecord) -> None:
        sim = self.sim
        seg = Segment(r.src, r.dst, r.seq, r.ack, r.flags, r.window, bytes(r.length), r.mss)
        fid = self.new_id[r.id]
        flight = _Flight(seg, r.sent_at, r.sent_step, r.retransmission, r.duplicate,
                         r.connection)
        sim._flights.append(flight)
        assert len(sim._flights) == fid + 1
        arrived = r.end_step is not None and r.end_step < self.fork
        if arrived:
            flight.fate, flight.end_at, flight.end_step = r.fate, r.end_at, r.end_step
            return
        if r.id == self.lost or fid in self.also_lost or r.fate is Fate.LOST:
            flight.fate = Fate.LOST
            end = r.end_at if r.end_at is not None else r.sent_at
            when = max((r.sent_at + end) / 2, self.now)
        else:
            when = max(r.end_at if r.end_at is not None else self.now, self.now)
        heapq.heappush(sim._queue, (when, sim._order, fid))
        sim._order += 1

    def _seed_endpoint(self, ep: TcpEndpoint, snap: TcbSnapshot, send_window: int,
                       receive_window: int) -> None:
        side = ep.name
        snap = self._completed(side, snap)
        ep.state = snap.state
        ep.iss, ep.irs = snap.iss, snap.irs
        ep.snd_una, ep.snd_nxt, ep.rcv_nxt = snap.snd_una, snap.snd_nxt, snap.rcv_nxt
        ep.snd_wnd = ep.max_snd_wnd = send_window
        ep.rcv_wnd = receive_window
        ep.snd_wl1 = seq_sub(snap.rcv_nxt, 1) if snap.rcv_nxt is not None else 0
        ep.snd_wl2 = snap.snd_una if snap.snd_una is not None else 0
        ep.passive = side == "server" and dict(self.replay.initial_states).get(
            "server") == "LISTEN"
        own = [s for s in self.replay.segments if s.src == side]
        peer = [s for s in self.replay.segments if s.src != side]
        ep.peer_mss = next((s.mss for s in peer if s.flags & Flags.SYN and s.mss), None) or \
            max([DEFAULT_PEER_MSS, *(s.length for s in own)])
        ep.local_mss = next((s.mss for s in own if s.flags & Flags.SYN and s.mss), None) or \
            max([ep.local_mss, *(s.length for s in peer)])
        fins = [s for s in self.sent if s.src == side and s.flags & Flags.FIN]
        if fins:
            ep.fin_seq = seq_add(fins[0].seq, fins[0].length)
            ep.close_requested = True
        self._seed_held(ep, snap.rcv_nxt)
        self._seed_retransmission(ep, snap)
        if ep.state is S.TIME_WAIT:
            steps = self.sim._steps
            began = next((steps[k + 1].time for k in range(len(steps) - 2, -1, -1)
                          if steps[k].snapshot(side).state is not S.TIME_WAIT), self.now)
            ep.time_wait_deadline = max(began + 2 * ep.msl, self.now)

    def _completed(self, side: str, snap: TcbSnapshot) -> TcbSnapshot:
        """The control block with what the replay could not see filled in from the sequence
        space: a side past SYN-SENT whose SYN (or SYN,ACK) never reached the capture point
        had still sent it (ISS from the capture's later segments; SND.NXT = ISS + 1), and a
        synchronized side has received the peer's SYN (RCV.NXT = IRS + 1). What cannot be
        filled in is refused."""
        if snap.state in (S.CLOSED, S.LISTEN):
            return snap
        iss = snap.iss if snap.iss is not None else self.replay.isn.get(side)
        if iss is None or (snap.snd_una is None) != (snap.snd_nxt is None):
            raise WhatIfRefused(UNKNOWN_STATE)
        if snap.snd_una is None:
            snap = replace(snap, iss=iss, snd_una=iss, snd_nxt=seq_add(iss, 1))
        if snap.state is S.SYN_SENT:
            return snap
        peer = "server" if side == "client" else "client"
        irs = snap.irs if snap.irs is not None else self.replay.isn.get(peer)
        if snap.rcv_nxt is None:
            if irs is None:
                raise WhatIfRefused(UNKNOWN_STATE)
            snap = replace(snap, irs=irs, rcv_nxt=seq_add(irs, 1))
        elif snap.irs is None:
            snap = replace(snap, irs=irs if irs is not None else seq_sub(snap.rcv_nxt, 1))
        return snap

    def _seed_held(self, ep: TcpEndpoint, rcv_nxt: int | None) -> None:
        """What the side had received beyond RCV.NXT and held (ep.out_of_order, the FIN in
        ep.fin_held, RFC 9293 §3.10.7.4): the peer's segments that had arrived before the
        fork and lie wholly past RCV.NXT, so the model's ACKs (and SACK blocks) say so."""
        ep.out_of_order, ep.fin_held = {}, None
        if rcv_nxt is None or not ep.state.synchronized:
            return
        for s in self.sent:
            if s.src == ep.name or s.fate is not Fate.DELIVERED or s.end_step is None or \
                    s.end_step >= self.fork or s.flags & (Flags.SYN | Flags.RST):
                continue
            ahead = seq_sub(s.seq, rcv_nxt)
            if not 0 < ahead < MAX_GAP and not (ahead == 0 and not s.length):
                continue
            if s.length and ahead > 0:
                held = ep.out_of_order.get(s.seq, b"")
                if len(held) < s.length:
                    ep.out_of_order[s.seq] = bytes(s.length)
            if s.flags & Flags.FIN and seq_lt(rcv_nxt, seq_add(s.seq, s.length)):
                ep.fin_held = seq_add(s.seq, s.length)

    def _seed_retransmission(self, ep: TcpEndpoint, snap: TcbSnapshot) -> None:
        """The retransmission queue, the RTO and its timer, as the capture shows them."""
        side = ep.name
        if snap.snd_una is None or snap.snd_nxt is None:
            return
        sends: dict[int, list[SegmentRecord]] = {}
        for s in self.sent:
            seg_len = s.length + (1 if s.flags & Flags.SYN else 0) + (
                1 if s.flags & Flags.FIN else 0)
            end = seq_add(s.seq, seg_len)
            if s.src == side and seg_len and not s.flags & Flags.RST and \
                    seq_lt(snap.snd_una, end) and seq_le(end, snap.snd_nxt):
                sends.setdefault(s.seq, []).append(s)
        ep.rtx_queue = []
        for seq in sorted(sends, key=lambda q: seq_sub(q, snap.snd_una or 0)):
            copies = sends[seq]
            last = copies[-1]
            # R2 counts from the first retransmission of the segment (§3.8.3): its 2nd copy
            ep.rtx_queue.append(UnackedSegment(
                seq, last.flags, bytes(last.length), last.sent_at, len(copies) > 1,
                first_resent_at=copies[1].sent_at if len(copies) > 1 else None))
        self._fill_holes(ep, snap.snd_una)
        if snap.snd_una == snap.iss and snap.iss not in sends and \
                ep.state in (S.SYN_SENT, S.SYN_RECEIVED):
            # its SYN (or SYN,ACK) was lost before the capture point: sent all the same,
            # when the side entered its state
            flags = Flags.SYN | (Flags.ACK if ep.state is S.SYN_RECEIVED else Flags(0))
            entered = next((st.time for st in self.sim._steps
                            if st.snapshot(side).state is ep.state), self.now)
            ep.rtx_queue.insert(0, UnackedSegment(snap.snd_una, flags, b"", entered))
        ep.rto = RtoEstimator()
        if ep.state.synchronized:  # the handshake gave it a round-trip sample (RFC 6298 §2.2)
            ep.rto.sample(2 * self.sim.link.delay)
        if not ep.rtx_queue:
            return
        first = ep.rtx_queue[0]
        ep.retries = max(len(sends.get(first.seq, ())) - 1, 0)
        for _ in range(ep.retries):
            ep.rto.back_off()  # RFC 6298 §5.5, once per retransmission seen
        if first.flags & Flags.SYN and ep.retries:
            ep.syn_timed_out = True
        advanced = self._last_advance(side)
        ep.rtx_deadline = max(max(first.sent_at, advanced) + ep.rto.rto, self.now)

    @staticmethod
    def _fill_holes(ep: TcpEndpoint, snd_una: int) -> None:
        """Data between SND.UNA and the queued segments that the capture never saw was sent
        all the same (its copies were lost upstream of the capture point): queue it too,
        sent when the next copy seen was, so TCP retransmits it (RFC 9293 §3.10.7.4)."""
        filled: list[UnackedSegment] = []
        cursor = snd_una
        for unacked in ep.rtx_queue:
            gap = seq_sub(unacked.seq, cursor)
            if 0 < gap < MAX_GAP and not unacked.flags & Flags.SYN:
                filled.append(UnackedSegment(cursor, Flags.ACK, bytes(gap), unacked.sent_at,
                                             first_resent_at=unacked.first_resent_at))
            filled.append(unacked)
            end = seq_add(unacked.seq, len(unacked.payload) + (
                1 if unacked.flags & Flags.SYN else 0) + (1 if unacked.flags & Flags.FIN else 0))
            if seq_lt(cursor, end):
                cursor = end
        ep.rtx_queue = filled

    def _last_advance(self, side: str) -> float:
        """When SND.UNA last moved forward before the fork (RFC 6298 §5.3 restarts then)."""
        steps = self.sim._steps
        for k in range(len(steps) - 1, 0, -1):
            if steps[k].snapshot(side).snd_una != steps[k - 1].snapshot(side).snd_una:
                return steps[k].time
        return float("-inf")

    # ------------------------------------------------------------------ the applications
    def calls(self) -> list[_Call]:
        """The user calls each side's later segments show (see the module's 3.)."""
        replay = self.replay
        ordered = sorted(replay.segments, key=lambda s: (s.sent_step, s.id))
        # the sequence space, not the first copies seen: a copy lost before the capture point
        # was sent all the same (ISS + 1 is the first data byte)
        sent_max: dict[str, int | None] = {
            side: None if replay.isn.get(side) is None else seq_add(replay.isn[side], 1)
            for side in ("client", "server")}
        closed = {"client": False, "server": False}
        opened = {"client": False, "server": False}
        reached = _times_reached(replay)
        calls: list[_Call] = []
        writing: dict[str, _Call | None] = {"client": None, "server": None}
        before = self.before
        for s in ordered:
            side = s.src
            data_start = seq_add(s.seq, 1) if s.flags & Flags.SYN else s.seq
            data_end = seq_add(data_start, s.length)
            top = sent_max[side]
            new = s.length if top is None else (
                seq_sub(data_end, top) if seq_lt(top, data_end) else 0)
            if new >= MAX_GAP:
                new = s.length  # not a gap lost upstream: a garbled sequence number
            if s.sent_step < self.fork:
                pass
            else:
                needs = s.ack if s.flags & Flags.ACK else None
                at = s.sent_at
                lag = max(0.0, at - reached[side].get(needs, at)) if needs is not None else 0.0
                state_then = (before.snapshot(side).state if before is not None
                              else S.CLOSED)
                if s.flags & Flags.SYN and not s.flags & Flags.ACK and not opened[side] \
                        and state_then in (S.CLOSED, S.LISTEN):
                    calls.append(_Call(side, "open", 0, at, None, 0.0))
                    writing[side] = None
                write = writing[side]
                if new > 0 and write is not None and write.needs == needs:
                    write.size += new  # the same write, cut into segments by TCP
                elif new > 0:
                    write = writing[side] = _Call(side, "send", new, at, needs, lag)
                    calls.append(write)
                if s.flags & Flags.PSH:
                    writing[side] = None  # the sender pushed: the write ends here
                if s.flags & Flags.FIN and not closed[side]:
                    calls.append(_Call(side, "close", 0, at, needs, lag))
                    writing[side] = None
                if s.flags & Flags.RST and any(t.row.event is TcpEvent.ABORT
                                               for t in replay[s.sent_step].transitions):
                    calls.append(_Call(side, "abort", 0, at, needs, lag))
                    writing[side] = None
            if s.flags & Flags.SYN:
                opened[side] = True
            if s.flags & Flags.FIN:
                closed[side] = True
            if top is None or seq_lt(top, data_end):
                sent_max[side] = data_end
        return calls


def _fork(replay: Timeline, lost: SegmentRecord) -> int:
    """The first step the model makes: the lost segment's arrival, or the latest step before
    it (and after its sending) at which neither side owes an answer to what it has received
    (the replay shows an arrival and the ACK or SYN,ACK it caused as two steps; the model
    answers in the arrival's own step, so the seed must not fall between them)."""
    assert lost.end_step is not None
    acked: dict[str, int | None] = {"client": None, "server": None}
    owed_at: list[bool] = []
    ordered = sorted(replay.segments, key=lambda s: s.sent_step)
    j = 0
    for k in range(1, lost.end_step + 1):  # the boundary before step k
        while j < len(ordered) and ordered[j].sent_step < k:
            seg = ordered[j]
            if seg.flags & Flags.ACK and (acked[seg.src] is None
                                          or seq_lt(acked[seg.src] or 0, seg.ack)):
                acked[seg.src] = seg.ack
            j += 1
        before = replay[k - 1]
        owed_at.append(any(_owes(before.snapshot(side), acked[side])
                           for side in ("client", "server")))
    for k in range(lost.end_step, lost.sent_step, -1):
        if not owed_at[k - 1]:
            return k
    return lost.end_step


def _owes(snap: TcbSnapshot, acked: int | None) -> bool:
    """Whether a side has received more than it has acknowledged (its SYN,ACK or an ACK is
    due: RFC 9293 §3.10.7.2, §3.10.7.4)."""
    if snap.rcv_nxt is None or snap.state in (S.CLOSED, S.LISTEN, S.SYN_SENT):
        return False
    return acked is None or seq_lt(acked, snap.rcv_nxt)


def _times_reached(replay: Timeline) -> dict[str, dict[int | None, float]]:
    """Per side, for every ACK number it sent: when, in the replay, its RCV.NXT first reached
    that number (the application could only react to what had arrived)."""
    wanted: dict[str, set[int]] = {"client": set(), "server": set()}
    for s in replay.segments:
        if s.flags & Flags.ACK:
            wanted[s.src].add(s.ack)
    out: dict[str, dict[int | None, float]] = {"client": {}, "server": {}}
    for side, acks in wanted.items():
        pending = set(acks)
        for step in replay.steps:
            if not pending:
                break
            rcv_nxt = step.snapshot(side).rcv_nxt
            if rcv_nxt is None:
                continue
            done = {a for a in pending if seq_le(a, rcv_nxt)}
            for a in done:
                out[side][a] = step.time
            pending -= done
    return out


def _initial(replay: Timeline, side: str) -> TcbSnapshot:
    """The side's control block before step 0 (the fork is never 0: a segment is sent
    before it arrives)."""
    return replay[0].snapshot(side)
