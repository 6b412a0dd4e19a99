"""Call chains as Timelines: the chain alone, or one request across all layers.

Theory of operation
-------------------
``chain_timeline`` makes one ``Step`` (layer ``"wsgi"``) per frame event of a ``CallChain``,
plus one per chunk of bytes the server read or wrote, in the order they happened; every step
carries a ``WsgiSnapshot`` (the chain and the position) and the TCP control blocks it is given
(by default both ends ESTABLISHED: a request is only ever served on an open connection).

``all_layers_timeline`` follows real requests from SYN to FIN. The TCP segments are produced
by the TCP model (``network.Simulation``) from the bytes that really crossed the socket — they
are *simulated* (the title says so): the real kernel's segment sizes, ISNs and timing are not
known without a capture. The order is causal, as PEP 3333 and RFC 9293 make it:

1. handshake; the client writes the request (an HTTP step, the message parsed back from the
   real bytes with ``http.message``), its segments arrive and are acknowledged;
2. the call chain, from the server accepting the connection to the write of the response —
   after the request segments, because the server reads the bytes TCP delivered;
3. each chunk the server wrote becomes a SEND on the server's endpoint at that point of the
   chain (after ``start_response``: the status line and headers go out with the first body
   chunk), then the rest of the chain (close of the iterable, ``shutdown_request``);
4. the server closes (Werkzeug's development server always sends ``Connection: close``), the
   client reads the response (an HTTP step) and closes; TIME-WAIT runs out.

Several chains (``trace_requests`` carries the cookies) become several connections on one
timeline, the second request showing the Cookie header the first response set. Chain steps
get virtual times from the real offsets the tracer measured, so a slow view shows as a gap.
TCP steps after the chain started carry the chain's latest snapshot, so the WSGI views stay
filled while the learner steps through segments.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from simulator.models.http.snapshot import HttpMessage, HttpSnapshot, MessageKind
from simulator.models.http.stream_parser import parse_messages
from simulator.models.simulation.network import Connection, Simulation
from simulator.models.tcp.control_block import TcbSnapshot
from simulator.models.tcp.isn import generate_isn
from simulator.models.tcp.states import TcpState
from simulator.models.timeline.steps import Explanation, Step, StepKind, Timeline
from simulator.models.wsgi.call_chain import CallChain, Direction, FrameEvent, FrameEventKind
from simulator.models.wsgi.snapshot import WsgiSnapshot

PEP3333 = "PEP 3333"


def idle_snapshot(name: str, state: TcpState = TcpState.ESTABLISHED) -> TcbSnapshot:
    """A control block with nothing known but its state (for chains without a connection)."""
    return TcbSnapshot(name=name, state=state, iss=None, irs=None, snd_una=None, snd_nxt=None,
                       snd_wnd=0, rcv_nxt=None, rcv_wnd=65535, rto=1.0, srtt=None, retries=0,
                       bytes_in_flight=0, bytes_queued=0, bytes_delivered=0,
                       retransmission_deadline=None, time_wait_deadline=None)


# ---------------------------------------------------------------------- explanations
def explain_event(chain: CallChain, event: FrameEvent) -> Explanation:
    name = event.short_name
    if event.kind is FrameEventKind.CALL:
        who = f"your {event.role.value} " if event.role.is_app_code else ""
        what = f"Call {who}{name}{event.summary if event.summary.startswith('(') else ''}"
        if not event.summary.startswith("("):
            what += f" — {event.summary}"
    elif event.kind is FrameEventKind.EXCEPTION:
        what = f"{event.summary} — in {name}"
    else:
        what = f"{name} {event.summary}" if event.unwinding else f"{name} returns {event.summary}"
    lines = [change.label for change in event.changes]
    start = chain.start_response
    if start is not None and start.event_index == event.index:
        lines.append(f"status: {start.status}")
        lines.extend(f"{k}: {v}" for k, v in start.headers)
    if event.function.endswith("make_environ") and event.kind is FrameEventKind.RETURN:
        lines.append(f"environ: {len(chain.environ)} keys")
    return Explanation(what, event.explanation, tuple(lines), event.reference or PEP3333)


def explain_wire(chain: CallChain, index: int) -> Explanation:
    chunk = chain.wire[index]
    first = chunk.data.split(b"\r\n", 1)[0].decode("latin-1")
    if chunk.direction is Direction.IN:
        what = f"The server reads {len(chunk.data)} bytes from the socket: {first!r}…"
        why = ("The kernel has reassembled the TCP segments into a byte stream; the server's "
               "buffered reader takes what has arrived.")
        ref = "RFC 9293 §3.9; RFC 9112 §2"
    else:
        what = f"The server writes {len(chunk.data)} bytes ({chunk.part}) to the socket"
        why = ("PEP 3333: the status and headers given to start_response are sent just before "
               "the first body bytes; TCP then cuts the stream into segments.")
        ref = PEP3333 + ": Buffering and Streaming"
    return Explanation(what, why, (first,) if chunk.direction is Direction.OUT else (), ref)


# ---------------------------------------------------------------------- the chain alone
@dataclass(frozen=True)
class _Item:
    """One step of a chain, before it gets its index and time."""

    offset: float
    snapshot: WsgiSnapshot
    explanation: Explanation


def _items(chain: CallChain, events: range | None = None,
           with_wire: bool = True) -> list[_Item]:
    chosen = range(len(chain.events)) if events is None else events
    t0 = chain.events[0].time if chain.events else 0.0
    out: list[_Item] = []
    for i in chosen:
        if with_wire:
            for j, w in enumerate(chain.wire):
                if w.after_event == i:
                    out.append(_Item(max(w.time - t0, 0.0),
                                     WsgiSnapshot(chain, i - 1 if i else None, j),
                                     explain_wire(chain, j)))
        event = chain.events[i]
        out.append(_Item(max(event.time - t0, 0.0), WsgiSnapshot(chain, i),
                         explain_event(chain, event)))
    if with_wire and events is None:
        for j, w in enumerate(chain.wire):
            if w.after_event >= len(chain.events):
                last = len(chain.events) - 1 if chain.events else None
                out.append(_Item(max(w.time - t0, 0.0), WsgiSnapshot(chain, last, j),
                                 explain_wire(chain, j)))
    return out


def _step(index: int, time: float, item: _Item, client: TcbSnapshot, server: TcbSnapshot,
          connection: int = 0, http: HttpSnapshot | None = None) -> Step:
    return Step(index=index, time=time, kind=StepKind.USER, actor="server", segment=None,
                sent=(), transitions=(), client=client, server=server,
                explanation=item.explanation, layer="wsgi", wsgi=item.snapshot,
                connection=connection, http=http)


def chain_timeline(chain: CallChain, *, name: str = "wsgi-chain",
                   client: TcbSnapshot | None = None,
                   server: TcbSnapshot | None = None) -> Timeline:
    """One step per frame event and per socket read/write, all on layer "wsgi"."""
    client = client or idle_snapshot("client")
    server = server or idle_snapshot("server")
    steps = tuple(_step(i, item.offset, item, client, server)
                  for i, item in enumerate(_items(chain)))
    established = TcpState.ESTABLISHED.name
    return Timeline(name=name, title=chain.title,
                    description=f"{chain.origin.value}: Flask {chain.flask_version}, Werkzeug "
                                f"{chain.werkzeug_version}",
                    steps=steps, segments=(),
                    initial_states=(("client", established), ("server", established)))


# ---------------------------------------------------------------------- all layers
def _message(data: bytes, kind: MessageKind, method: str, connection: int) -> HttpMessage | None:
    found = parse_messages(data, kind, methods=(method,) if method else (),
                           connection=connection)
    return found[0] if found else None


class _Builder:
    """Drives the Simulation and remembers where chain steps go between its steps."""

    def __init__(self, sim: Simulation) -> None:
        self.sim = sim
        self.inserts: list[_Insert] = []

    def position(self) -> int:
        return len(self.sim.timeline("", "", "").steps)

    def advance_to(self, when: float) -> None:
        if when > self.sim.now:
            self.sim.wait(when - self.sim.now)

    def chain_part(self, items: list[_Item], base: float, connection: int) -> None:
        """Chain steps at virtual times base + their real offsets, before the next TCP step."""
        if not items:
            return
        self.advance_to(base + items[-1].offset)
        self.inserts.append(_Insert(self.position(), items, connection, base))

    def exchange(self, chain: CallChain, conn: Connection, first: bool) -> None:
        sim = self.sim
        n = conn.number
        if first:
            conn.server.listen()
        conn.client.connect()
        sim.settle()
        method = chain.request_line.split(" ", 1)[0]
        sim.record_http("client", Explanation(
            f"The client writes the request: {chain.request_line}",
            "Request line, header fields, an empty line, then the body: the real bytes the "
            "client sent, parsed back.", (), "RFC 9112 §3"),
            HttpSnapshot(message=_message(chain.request_bytes, MessageKind.REQUEST, "", n)), n)
        conn.client.send(chain.request_bytes)
        sim.settle()
        base = sim.now
        t0 = chain.events[0].time if chain.events else 0.0
        cut = 0
        for w in (w for w in chain.wire if w.direction is Direction.OUT):
            end = min(w.after_event, len(chain.events))
            self.chain_part(_items(chain, range(cut, end), with_wire=False), base, n)
            cut = max(cut, end)
            self.advance_to(base + max(w.time - t0, 0.0))
            conn.server.send(w.data)  # PEP 3333: written at this point of the chain
        self.chain_part(_items(chain, range(cut, len(chain.events)), with_wire=False), base, n)
        conn.server.close()  # shutdown_request ended the chain: Werkzeug's server closes
        sim.settle()
        response = _message(chain.response_bytes, MessageKind.RESPONSE, method, n)
        cookies = response.headers_named("Set-Cookie") if response else ()
        sim.record_http("client", Explanation(
            "The client reads the response: "
            + (response.start_line if response else "(none arrived)"),
            "The body ends where Content-Length says (or where the connection closes); the "
            "client stores each Set-Cookie and sends it back on later requests.",
            tuple(f"Set-Cookie: {c}" for c in cookies), "RFC 9112 §6; RFC 6265 §5.2-§5.4"),
            HttpSnapshot(message=response), n)
        conn.client.close()
        sim.settle()


@dataclass(frozen=True)
class _Insert:
    position: int  # insert before this TCP step
    items: list[_Item]
    connection: int
    base: float  # virtual time at which the chain part's offsets start


def all_layers_timeline(chains: Sequence[CallChain], *, name: str = "live-all-layers",
                        addresses: Sequence[tuple[str, str]] = ()) -> Timeline:
    """One timeline from the first SYN to the last FIN for the traced requests (one TCP
    connection each, as Werkzeug's development server closes after every response); TCP
    segments simulated from the real bytes. ``addresses[k]`` = the real (client, server)
    addresses of chain k."""
    if not chains:
        raise ValueError("no call chain to put on a timeline")
    if any(not c.request_bytes for c in chains):
        raise ValueError("a chain without the bytes of its request (traced live) is needed")
    first = addresses[0] if addresses else ("client", "server")
    sim = Simulation(client_iss=generate_isn(first[0], first[1]),
                     server_iss=generate_isn(first[1], first[0]))
    builder = _Builder(sim)
    for k, chain in enumerate(chains):
        conn = sim.connections[0] if k == 0 else sim.open_connection()
        builder.exchange(chain, conn, first=k == 0)
    sim.finish()
    return _merge(sim.timeline(name, "", ""), builder.inserts, chains, name, addresses)


def _merge(tcp: Timeline, inserts: list[_Insert], chains: Sequence[CallChain], name: str,
           addresses: Sequence[tuple[str, str]]) -> Timeline:
    by_position: dict[int, list[_Insert]] = {}
    for insert in inserts:
        by_position.setdefault(insert.position, []).append(insert)
    plan: list[Step | tuple[_Insert, _Item]] = []
    new_index: dict[int, int] = {}
    for i, step in enumerate(tcp.steps):
        for insert in by_position.pop(i, []):
            plan.extend((insert, item) for item in insert.items)
        new_index[i] = len(plan)
        plan.append(step)
    for rest in by_position.values():
        plan.extend((insert, item) for insert in rest for item in insert.items)
    segments = tuple(replace(s, sent_step=new_index[s.sent_step],
                             end_step=None if s.end_step is None else new_index[s.end_step])
                     for s in tcp.segments)
    steps: list[Step] = []
    last: Step | None = None
    carry: dict[int, WsgiSnapshot] = {}  # the latest chain snapshot of each connection
    for index, entry in enumerate(plan):
        if isinstance(entry, Step):
            last = entry
            steps.append(replace(entry, index=index, wsgi=carry.get(entry.connection),
                                 segment=None if entry.segment is None
                                 else segments[entry.segment.id]))
            continue
        insert, item = entry
        assert last is not None  # every chain part follows the request's TCP steps
        carry[insert.connection] = item.snapshot
        steps.append(_step(index, insert.base + item.offset, item, last.client, last.server,
                           insert.connection, last.http))
    connections = tcp.connections
    if len(addresses) == len(chains) and len(connections) == len(chains):
        connections = tuple(replace(c, client_address=a[0], server_address=a[1])
                            for c, a in zip(connections, addresses, strict=True))
    requests = "; ".join(c.request_line for c in chains)
    how_many = "One request" if len(chains) == 1 else f"{len(chains)} requests"
    return Timeline(
        name=name, title=f"{how_many}, all layers: {requests} (TCP simulated)",
        description=("TCP segments produced by the TCP model from the bytes that really "
                     "crossed the socket (simulated, not captured); HTTP messages parsed from "
                     "those bytes; the WSGI call chain traced live "
                     f"(Flask {chains[0].flask_version})."),
        steps=tuple(steps), segments=segments,
        addresses={"client": addresses[0][0], "server": addresses[0][1]} if addresses
        else dict(tcp.addresses),
        isn=dict(tcp.isn), link_delay=tcp.link_delay, initial_states=tcp.initial_states,
        connections=connections)
