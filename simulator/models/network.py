"""Two endpoints, a link and a virtual clock: where scenarios run and timelines are made.

Theory of operation
-------------------
``Simulation`` owns a client and a server ``TcpEndpoint``, a ``Link`` between them and an
event queue ordered by virtual time. Scenario scripts call user-level actions on
``sim.client`` / ``sim.server`` (connect, listen, send, close, abort) and let time pass with
``settle()``, ``wait(seconds)`` or ``finish()``; the endpoints decide which segments that
produces, the link delivers, drops or duplicates them, and the endpoints' timers fire when
their deadline is the earliest thing left to happen. Every user call, arrival, loss and
timer expiry becomes one ``Step``; ``timeline()`` freezes them into a ``Timeline``.

Segments are numbered in the order they are transmitted. Because runs are deterministic, a
re-run with ``drop_ids={n}`` is the same run up to segment n, which then is lost: that is the
"what if this segment were dropped?" of the GUI.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass, field

from simulator.models.explain import arithmetic, explain_reaction
from simulator.models.segment import Flags, Segment, flags_label
from simulator.models.tcp_endpoint import Reaction, TcpEndpoint
from simulator.models.tcp_states import EventKind
from simulator.models.timeline import (
    Explanation,
    Fate,
    FiredTransition,
    SegmentRecord,
    Step,
    StepKind,
    Timeline,
)

DEFAULT_DELAY = 0.05  # one-way, seconds
MAX_STEPS = 5000
CLIENT_ADDRESS = "192.0.2.10:49152"  # RFC 5737 documentation addresses
SERVER_ADDRESS = "198.51.100.80:80"


@dataclass
class DropRule:
    """Drop the next ``count`` segments from ``sender`` that carry all of ``flags`` (and data,
    if ``with_data``)."""

    sender: str
    flags: Flags = Flags.NONE
    with_data: bool = False
    count: int = 1

    def matches(self, seg: Segment) -> bool:
        return (self.count > 0 and seg.src == self.sender and (seg.flags & self.flags) == self.flags
                and (not self.with_data or seg.length > 0))


@dataclass
class Link:
    """The network between the endpoints: a fixed one-way delay and scripted misfortunes."""

    delay: float = DEFAULT_DELAY
    rules: list[DropRule] = field(default_factory=list)
    drop_ids: frozenset[int] = frozenset()
    duplicate_ids: frozenset[int] = frozenset()

    def drop_next(self, sender: str, flags: Flags = Flags.NONE, *, with_data: bool = False,
                  count: int = 1) -> None:
        self.rules.append(DropRule(sender, flags, with_data, count))

    def loses(self, seg_id: int, seg: Segment) -> bool:
        if seg_id in self.drop_ids:
            return True
        for rule in self.rules:
            if rule.matches(seg):
                rule.count -= 1
                return True
        return False


@dataclass
class _Flight:
    seg: Segment
    sent_at: float
    sent_step: int
    retransmission: bool
    duplicate: bool = False
    fate: Fate = Fate.IN_FLIGHT
    end_at: float | None = None
    end_step: int | None = None


class Actor:
    """User-level actions on one endpoint, each recorded as a step at the current time."""

    def __init__(self, sim: Simulation, endpoint: TcpEndpoint) -> None:
        self._sim = sim
        self.endpoint = endpoint

    @property
    def state(self) -> str:
        return self.endpoint.state.name

    def connect(self) -> None:
        """Active OPEN: send a SYN."""
        self._sim._user(self, self.endpoint.open_active(self._sim.now), "active OPEN (connect)")

    def listen(self) -> None:
        """Passive OPEN: wait for a SYN."""
        self._sim._user(self, self.endpoint.open_passive(self._sim.now), "passive OPEN (listen)")

    def send(self, data: bytes) -> None:
        self._sim._user(self, self.endpoint.send(data, self._sim.now),
                        f"SEND ({len(data)} bytes)")

    def close(self) -> None:
        self._sim._user(self, self.endpoint.close(self._sim.now), "CLOSE")

    def abort(self) -> None:
        self._sim._user(self, self.endpoint.abort(self._sim.now), "ABORT")


class Simulation:
    def __init__(self, *, client_iss: int, server_iss: int, client_mss: int = 1460,
                 server_mss: int = 1460, delay: float = DEFAULT_DELAY, msl: float = 120.0,
                 drop_ids: frozenset[int] = frozenset(), window: int = 65535) -> None:
        self.now = 0.0
        self.link = Link(delay=delay, drop_ids=drop_ids)
        self._client_ep = TcpEndpoint("client", "server", iss=client_iss, mss=client_mss,
                                      msl=msl, window=window)
        self._server_ep = TcpEndpoint("server", "client", iss=server_iss, mss=server_mss,
                                      msl=msl, window=window)
        self.client = Actor(self, self._client_ep)
        self.server = Actor(self, self._server_ep)
        self._queue: list[tuple[float, int, int]] = []  # (time, order, flight id)
        self._order = 0
        self._flights: list[_Flight] = []
        self._steps: list[Step] = []

    # ------------------------------------------------------------------ recording
    def _endpoint(self, name: str) -> TcpEndpoint:
        return self._client_ep if name == "client" else self._server_ep

    def _transmit(self, reaction: Reaction, step_index: int) -> tuple[int, ...]:
        ids = []
        for seg, again in zip(reaction.sent, reaction.retransmitted, strict=True):
            ids.append(self._launch(seg, step_index, again, duplicate=False))
            if ids[-1] in self.link.duplicate_ids:
                ids.append(self._launch(seg, step_index, again, duplicate=True))
        return tuple(ids)

    def _launch(self, seg: Segment, step_index: int, again: bool, duplicate: bool) -> int:
        fid = len(self._flights)
        flight = _Flight(seg, self.now, step_index, again, duplicate)
        self._flights.append(flight)
        lost = not duplicate and self.link.loses(fid, seg)
        when = self.now + (self.link.delay / 2 if lost else self.link.delay * (1.3 if duplicate
                                                                                 else 1.0))
        if lost:
            flight.fate = Fate.LOST
        heapq.heappush(self._queue, (when, self._order, fid))
        self._order += 1
        return fid

    def _record(self, kind: StepKind, actor: str, reaction: Reaction | None,
                explanation: Explanation, flight_id: int | None) -> None:
        index = len(self._steps)
        sent = self._transmit(reaction, index) if reaction is not None else ()
        main = flight_id if flight_id is not None else (sent[0] if sent else None)
        self._steps.append(Step(
            index=index, time=self.now, kind=kind, actor=actor,
            segment=None if main is None else self._record_of(main),
            sent=sent,
            transitions=() if reaction is None else tuple(
                FiredTransition(reaction.endpoint, row) for row in reaction.transitions),
            client=self._client_ep.snapshot(), server=self._server_ep.snapshot(),
            explanation=explanation,
            error=reaction.error if reaction else None,
            notes=reaction.notes if reaction else (),
        ))
        if len(self._steps) > MAX_STEPS:
            raise RuntimeError("scenario produced too many steps")

    def _record_of(self, fid: int) -> SegmentRecord:
        f = self._flights[fid]
        s = f.seg
        return SegmentRecord(
            id=fid, src=s.src, dst=s.dst, seq=s.seq, ack=s.ack, flags=s.flags,
            window=s.window, length=s.length, mss=s.mss, payload=s.payload,
            sent_at=f.sent_at, sent_step=f.sent_step, fate=f.fate, end_at=f.end_at,
            end_step=f.end_step, retransmission=f.retransmission, duplicate=f.duplicate,
        )

    def _explain(self, kind: EventKind, r: Reaction, call: str = "") -> Explanation:
        what, why, rfc = explain_reaction(kind, r, call)
        return Explanation(what, why, arithmetic(r) + r.notes, rfc)

    def _user(self, actor: Actor, reaction: Reaction, call: str) -> None:
        self._record(StepKind.USER, reaction.endpoint, reaction,
                     self._explain(EventKind.USER, reaction, call), None)

    # ------------------------------------------------------------------ the clock
    def _next_event(self) -> tuple[float, str, object] | None:
        """The earliest of: the queue head, each endpoint's timer. Arrivals win ties."""
        candidates: list[tuple[float, int, str, object]] = []
        if self._queue:
            candidates.append((self._queue[0][0], 0, "flight", None))
        for ep in (self._client_ep, self._server_ep):
            timer = ep.next_timer()
            if timer is not None:
                candidates.append((timer[0], 1, "timer", (ep, timer[1])))
        if not candidates:
            return None
        when, _, what, data = min(candidates, key=lambda c: (c[0], c[1]))
        return when, what, data

    def _process(self, what: str, data: object, when: float) -> None:
        self.now = max(self.now, when)
        if what == "flight":
            _, _, fid = heapq.heappop(self._queue)
            self._deliver(fid)
        else:
            assert isinstance(data, tuple)
            ep, kind = data
            reaction = ep.expire(kind, self.now)
            self._record(StepKind.TIMEOUT, ep.name, reaction,
                         self._explain(EventKind.TIMEOUT, reaction), None)

    def _deliver(self, fid: int) -> None:
        flight = self._flights[fid]
        flight.end_at = self.now
        flight.end_step = len(self._steps)
        if flight.fate is Fate.LOST:
            seg = flight.seg
            what = (f"The network loses the {seg.src}'s [{flags_label(seg.flags)}] "
                    f"seq={seg.seq}" + (f" (+{seg.length} bytes)" if seg.length else "") + ".")
            why = ("Segments can be lost anywhere on the path. The sender cannot see the loss; "
                   "only its retransmission timer (or duplicate ACKs) will tell it.")
            expl = Explanation(what, why, (f"segment #{fid} never reaches the {seg.dst}",),
                               "RFC 9293 §3.8.1, RFC 6298 §5")
            self._record(StepKind.LOSE, "network", None, expl, fid)
            return
        flight.fate = Fate.DELIVERED
        ep = self._endpoint(flight.seg.dst)
        reaction = ep.receive(flight.seg, self.now)
        self._record(StepKind.ARRIVE, ep.name, reaction,
                     self._explain(EventKind.SEGMENT, reaction), fid)

    def _in_flight(self) -> bool:
        return bool(self._queue)

    def _retransmission_pending(self) -> bool:
        return any(ep.rtx_deadline is not None for ep in (self._client_ep, self._server_ep))

    def settle(self) -> None:
        """Run until nothing is in flight and nothing awaits acknowledgement (TIME-WAIT timers
        may still be running)."""
        while self._in_flight() or self._retransmission_pending():
            nxt = self._next_event()
            if nxt is None:
                break
            self._process(nxt[1], nxt[2], nxt[0])

    def wait(self, seconds: float) -> None:
        """Let virtual time pass, processing whatever happens meanwhile."""
        until = self.now + seconds
        while (nxt := self._next_event()) is not None and nxt[0] <= until:
            self._process(nxt[1], nxt[2], nxt[0])
        self.now = until

    def finish(self) -> None:
        """Run until nothing at all is left to happen (TIME-WAIT expires to CLOSED)."""
        while (nxt := self._next_event()) is not None:
            self._process(nxt[1], nxt[2], nxt[0])

    # ------------------------------------------------------------------ the result
    def timeline(self, name: str, title: str, description: str) -> Timeline:
        records = tuple(self._record_of(i) for i in range(len(self._flights)))
        steps = tuple(
            Step(index=s.index, time=s.time, kind=s.kind, actor=s.actor,
                 segment=None if s.segment is None else records[s.segment.id],
                 sent=s.sent, transitions=s.transitions, client=s.client, server=s.server,
                 explanation=s.explanation, error=s.error, notes=s.notes)
            for s in self._steps)
        return Timeline(
            name=name, title=title, description=description, steps=steps, segments=records,
            addresses={"client": CLIENT_ADDRESS, "server": SERVER_ADDRESS},
            isn={"client": self._client_ep.iss_choice, "server": self._server_ep.iss_choice},
            link_delay=self.link.delay,
        )
