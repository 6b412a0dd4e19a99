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

Above TCP (ARCHITECTURE.md: HTTP exchange over the TCP endpoints) an ``Application`` may be
attached: after every event the simulation gives it a turn (``on_event``) in which it reads
what the endpoints delivered and reacts with user calls (send, close) or HTTP steps
(``record_http``); ``call_at`` schedules its own work in virtual time (a server streaming a
response). ``open_connection`` adds another client/server pair of endpoints (another client
port, RFC 6528 ISNs at the current virtual time), so one timeline can hold several TCP
connections, as HTTP/1.0's one request per connection needs; every step and segment says
which connection it belongs to. TCP steps carry ``http_context``, the HTTP layer's last
snapshot, so the HTTP views stay filled while the learner steps through segments.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Protocol

from simulator.models.http.snapshot import HttpSnapshot
from simulator.models.tcp.endpoint import TcpEndpoint
from simulator.models.tcp.explain import arithmetic, explain_reaction, note_lines
from simulator.models.tcp.isn import generate_isn
from simulator.models.tcp.phrase import Phrase, Seq
from simulator.models.tcp.reaction import Reaction
from simulator.models.tcp.segment import Flags, Segment, flags_label
from simulator.models.tcp.states import EventKind
from simulator.models.timeline.numbers import sender_had_iss
from simulator.models.timeline.steps import (
    ConnectionInfo,
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
CLIENT_HOST, FIRST_CLIENT_PORT = CLIENT_ADDRESS.rsplit(":", 1)


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
    connection: int = 0
    fate: Fate = Fate.IN_FLIGHT
    end_at: float | None = None
    end_step: int | None = None


class Actor:
    """User-level actions on one endpoint, each recorded as a step at the current time."""

    def __init__(self, sim: Simulation, endpoint: TcpEndpoint, connection: int = 0) -> None:
        self._sim = sim
        self.endpoint = endpoint
        self.connection = connection

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
                        Phrase("SEND ({size} bytes)", size=len(data)))

    def close(self) -> None:
        self._sim._user(self, self.endpoint.close(self._sim.now), "CLOSE")

    def abort(self) -> None:
        self._sim._user(self, self.endpoint.abort(self._sim.now), "ABORT")


class Application(Protocol):
    """What runs above TCP: it gets a turn after every event of the simulation."""

    def on_event(self, sim: Simulation) -> None: ...


@dataclass
class Connection:
    """One pair of endpoints: a TCP connection of the timeline."""

    number: int
    client: Actor
    server: Actor
    client_address: str
    server_address: str

    def info(self) -> ConnectionInfo:
        return ConnectionInfo(self.number, self.client_address, self.server_address,
                              self.client.endpoint.iss_choice, self.server.endpoint.iss_choice)


class Simulation:
    def __init__(self, *, client_iss: int, server_iss: int, client_mss: int = 1460,
                 server_mss: int = 1460, delay: float = DEFAULT_DELAY, msl: float = 120.0,
                 drop_ids: frozenset[int] = frozenset(), window: int = 65535) -> None:
        self.now = 0.0
        self.link = Link(delay=delay, drop_ids=drop_ids)
        self._mss = (client_mss, server_mss)
        self._msl = msl
        self._window = window
        self._client_ep = TcpEndpoint("client", "server", iss=client_iss, mss=client_mss,
                                      msl=msl, window=window)
        self._server_ep = TcpEndpoint("server", "client", iss=server_iss, mss=server_mss,
                                      msl=msl, window=window)
        self.client = Actor(self, self._client_ep)
        self.server = Actor(self, self._server_ep)
        self.connections: list[Connection] = [
            Connection(0, self.client, self.server, CLIENT_ADDRESS, SERVER_ADDRESS)]
        self._queue: list[tuple[float, int, int]] = []  # (time, order, flight id)
        self._order = 0
        self._flights: list[_Flight] = []
        self._steps: list[Step] = []
        self._calls: list[tuple[float, int, Callable[[], None]]] = []  # call_at, by time
        self.application: Application | None = None
        self.http_context: HttpSnapshot | None = None  # carried by TCP steps (see module doc)

    # ------------------------------------------------------------------ connections
    def open_connection(self) -> Connection:
        """Another TCP connection from the same client host (next port) to the server.

        The server's side starts in LISTEN without a step of its own: the server's listening
        socket accepts the new connection into a fresh control block (RFC 9293 §3.10.1).
        """
        number = len(self.connections)
        client_address = f"{CLIENT_HOST}:{int(FIRST_CLIENT_PORT) + number}"
        client_ep = TcpEndpoint("client", "server", mss=self._mss[0], msl=self._msl,
                                iss=generate_isn(client_address, SERVER_ADDRESS, self.now),
                                window=self._window)
        server_ep = TcpEndpoint("server", "client", mss=self._mss[1], msl=self._msl,
                                iss=generate_isn(SERVER_ADDRESS, client_address, self.now),
                                window=self._window)
        server_ep.open_passive(self.now)
        conn = Connection(number, Actor(self, client_ep, number), Actor(self, server_ep, number),
                          client_address, SERVER_ADDRESS)
        self.connections.append(conn)
        return conn

    def _endpoints(self) -> list[TcpEndpoint]:
        return [ep for c in self.connections for ep in (c.client.endpoint, c.server.endpoint)]

    def _endpoint(self, name: str, connection: int = 0) -> TcpEndpoint:
        conn = self.connections[connection]
        return (conn.client if name == "client" else conn.server).endpoint

    # ------------------------------------------------------------------ recording
    def _transmit(self, reaction: Reaction, step_index: int, connection: int) -> tuple[int, ...]:
        ids = []
        for seg, again in zip(reaction.sent, reaction.retransmitted, strict=True):
            ids.append(self._launch(seg, step_index, again, False, connection))
            if ids[-1] in self.link.duplicate_ids:
                ids.append(self._launch(seg, step_index, again, True, connection))
        return tuple(ids)

    def _launch(self, seg: Segment, step_index: int, again: bool, duplicate: bool,
                connection: int) -> int:
        fid = len(self._flights)
        flight = _Flight(seg, self.now, step_index, again, duplicate, connection)
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
                explanation: Explanation, flight_id: int | None, connection: int = 0) -> None:
        index = len(self._steps)
        sent = self._transmit(reaction, index, connection) if reaction is not None else ()
        main = flight_id if flight_id is not None else (sent[0] if sent else None)
        conn = self.connections[connection]
        self._steps.append(Step(
            index=index, time=self.now, kind=kind, actor=actor,
            segment=None if main is None else self._record_of(main),
            sent=sent,
            transitions=() if reaction is None else tuple(
                FiredTransition(reaction.endpoint, row) for row in reaction.transitions),
            client=conn.client.endpoint.snapshot(), server=conn.server.endpoint.snapshot(),
            explanation=explanation,
            error=reaction.error if reaction else None,
            notes=reaction.notes if reaction else (),
            http=self.http_context, connection=connection,
        ))
        if len(self._steps) > MAX_STEPS:
            raise RuntimeError("scenario produced too many steps")

    def record_http(self, actor: str, explanation: Explanation, http: HttpSnapshot,
                    connection: int = 0, *, carry: HttpSnapshot | None = None) -> None:
        """A step of the HTTP layer (the browser or the server app read or wrote a message).
        Later TCP steps carry ``carry`` (default: ``http``), e.g. ``http`` without its
        change marks, which belong to this step alone."""
        self.http_context = http
        self._record(StepKind.HTTP, actor, None, explanation, None, connection)
        self._steps[-1] = replace(self._steps[-1], layer="http")
        self.http_context = http if carry is None else carry

    def _record_of(self, fid: int) -> SegmentRecord:
        f = self._flights[fid]
        s = f.seg
        return SegmentRecord(
            id=fid, src=s.src, dst=s.dst, seq=s.seq, ack=s.ack, flags=s.flags,
            window=s.window, length=s.length, mss=s.mss, payload=s.payload,
            sent_at=f.sent_at, sent_step=f.sent_step, fate=f.fate, end_at=f.end_at,
            end_step=f.end_step, retransmission=f.retransmission, duplicate=f.duplicate,
            connection=f.connection,
        )

    def _explain(self, kind: EventKind, r: Reaction, call: str = "", connection: int = 0,
                 arrived_counts: bool = True) -> Explanation:
        """The step's explanation, its numbers counted from the connection's ISNs."""
        info = self.connections[connection].info()
        isn = {"client": info.client_isn, "server": info.server_isn}
        what, why, rfc = explain_reaction(kind, r, call, isn, arrived_counts=arrived_counts)
        return Explanation(what, why, arithmetic(r, isn, arrived_counts=arrived_counts)
                           + note_lines(r, isn, arrived_counts=arrived_counts), rfc)

    def _user(self, actor: Actor, reaction: Reaction, call: str) -> None:
        self._record(StepKind.USER, reaction.endpoint, reaction,
                     self._explain(EventKind.USER, reaction, call, actor.connection), None,
                     actor.connection)

    # ------------------------------------------------------------------ the clock
    def call_at(self, when: float, action: Callable[[], None]) -> None:
        """Run ``action`` (the application's own work) at virtual time ``when``."""
        heapq.heappush(self._calls, (when, self._order, action))
        self._order += 1

    def _next_event(self) -> tuple[float, str, object] | None:
        """The earliest of: the queue head, each endpoint's timer, the application's calls.
        Arrivals win ties, then timers, then the application."""
        candidates: list[tuple[float, int, str, object]] = []
        if self._queue:
            candidates.append((self._queue[0][0], 0, "flight", None))
        for number, conn in enumerate(self.connections):
            for ep in (conn.client.endpoint, conn.server.endpoint):
                timer = ep.next_timer()
                if timer is not None:
                    candidates.append((timer[0], 1, "timer", (ep, timer[1], number)))
        if self._calls:
            candidates.append((self._calls[0][0], 2, "call", None))
        if not candidates:
            return None
        when, _, what, data = min(candidates, key=lambda c: (c[0], c[1]))
        return when, what, data

    def _process(self, what: str, data: object, when: float) -> None:
        self.now = max(self.now, when)
        if what == "flight":
            _, _, fid = heapq.heappop(self._queue)
            self._deliver(fid)
        elif what == "call":
            _, _, action = heapq.heappop(self._calls)
            action()
        else:
            assert isinstance(data, tuple)
            ep, kind, number = data
            reaction = ep.expire(kind, self.now)
            self._record(StepKind.TIMEOUT, ep.name, reaction,
                         self._explain(EventKind.TIMEOUT, reaction, "", number), None, number)
        if self.application is not None:
            self.application.on_event(self)

    def _deliver(self, fid: int) -> None:
        flight = self._flights[fid]
        flight.end_at = self.now
        flight.end_step = len(self._steps)
        if flight.fate is Fate.LOST:
            seg = flight.seg
            values: dict[str, Phrase | Seq | str | int] = {
                "who": Phrase(seg.src), "flags": flags_label(seg.flags),
                "seq": self._flight_seq(flight)}
            if seg.length:
                values["size"] = seg.length
            what = Phrase("The network loses the {who}'s [{flags}] seq={seq}"
                          + (" (+{size} bytes)." if seg.length else "."), **values)
            why = ("Segments can be lost anywhere on the path. The sender cannot see the loss; "
                   "only its retransmission timer (or duplicate ACKs) will tell it.")
            expl = Explanation(what, why, (Phrase("segment #{number} never reaches the {who}",
                                                  number=fid, who=Phrase(seg.dst)),),
                               "RFC 9293 §3.8.1, RFC 6298 §5")
            self._record(StepKind.LOSE, "network", None, expl, fid, flight.connection)
            return
        flight.fate = Fate.DELIVERED
        ep = self._endpoint(flight.seg.dst, flight.connection)
        reaction = ep.receive(flight.seg, self.now)
        counts = sender_had_iss(self._steps, flight.sent_step, flight.seg.src, flight.connection)
        self._record(StepKind.ARRIVE, ep.name, reaction,
                     self._explain(EventKind.SEGMENT, reaction, "", flight.connection, counts),
                     fid, flight.connection)

    def _flight_seq(self, flight: _Flight) -> Seq:
        """A segment's SEQ as a value that knows its sender's ISN (timeline.numbers)."""
        seg = flight.seg
        if not sender_had_iss(self._steps, flight.sent_step, seg.src, flight.connection):
            return Seq(seg.seq)
        info = self.connections[flight.connection].info()
        return Seq(seg.seq, seg.src, info.client_isn if seg.src == "client" else info.server_isn)

    def _busy(self) -> bool:
        """Something is in flight, awaits acknowledgement, or the application has work queued
        (TIME-WAIT timers do not count)."""
        return bool(self._queue) or bool(self._calls) or any(
            ep.rtx_deadline is not None for ep in self._endpoints())

    def settle(self) -> None:
        """Run until nothing is in flight, nothing awaits acknowledgement and the application
        has nothing queued (TIME-WAIT timers may still be running)."""
        while self._busy():
            nxt = self._next_event()
            if nxt is None:
                break
            self._process(nxt[1], nxt[2], nxt[0])

    def run_until(self, done: Callable[[], bool]) -> None:
        """Process events until ``done()`` holds or nothing is left to happen."""
        while not done() and (nxt := self._next_event()) is not None:
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
            s if s.segment is None else replace(s, segment=records[s.segment.id])
            for s in self._steps)
        return Timeline(
            name=name, title=title, description=description, steps=steps, segments=records,
            addresses={"client": CLIENT_ADDRESS, "server": SERVER_ADDRESS},
            isn={"client": self._client_ep.iss_choice, "server": self._server_ep.iss_choice},
            link_delay=self.link.delay,
            connections=tuple(c.info() for c in self.connections),
        )
