"""The Timeline: the one currency between sources and views (ARCHITECTURE.md, idea 1).

A Timeline is an immutable sequence of Steps. Each Step carries everything a view needs to
draw "the lesson at cursor i" — the time, what happened and to whom, the rows of the
transition table that fired, both endpoints' control blocks after it, and an explanation
citing the RFC — so seeking is an index operation and stepping back shows exactly what
stepping forward showed. Segments are stored once, with their whole life (sent, arrived or
lost), and steps refer to them by id.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from simulator.models.http.snapshot import HttpSnapshot
from simulator.models.tcp.control_block import TcbSnapshot
from simulator.models.tcp.phrase import Phrase
from simulator.models.tcp.segment import Flags, flags_label, segment_label
from simulator.models.tcp.states import TcpEvent
from simulator.models.tcp.table import Transition
from simulator.models.wsgi.snapshot import WsgiSnapshot


class StepKind(enum.Enum):
    USER = "user call"
    ARRIVE = "segment arrives"
    LOSE = "segment lost"
    TIMEOUT = "timer expires"
    HTTP = "HTTP layer"  # the browser or the server app reads or writes a message


class Fate(enum.Enum):
    DELIVERED = "delivered"
    LOST = "lost"
    IN_FLIGHT = "in flight"


@dataclass(frozen=True)
class SegmentRecord:
    """One segment's whole life on the ladder."""

    id: int
    src: str
    dst: str
    seq: int
    ack: int
    flags: Flags
    window: int
    length: int
    mss: int | None
    payload: bytes
    sent_at: float
    sent_step: int
    fate: Fate
    end_at: float | None
    end_step: int | None
    retransmission: bool = False
    duplicate: bool = False
    connection: int = 0  # which TCP connection of the timeline (HTTP may open several)

    @property
    def flags_text(self) -> str:
        return flags_label(self.flags)

    def label(self, seq_base: int = 0, ack_base: int = 0) -> str:
        """'[SYN, ACK] seq=0 ack=1 len=0', relative to the given bases (0 = absolute)."""
        return segment_label(self.flags, (self.seq - seq_base) % 2**32,
                             (self.ack - ack_base) % 2**32, self.length)


@dataclass(frozen=True)
class FiredTransition:
    endpoint: str
    row: Transition


@dataclass(frozen=True)
class Explanation:
    """What a step did, why (the rule), its arithmetic and the RFC sections it follows.

    For TCP steps ``what`` and the ``arithmetic`` lines are ``Phrase``s (``tcp.phrase``):
    templates whose sequence numbers know their side's ISN, so the views show them relative
    or absolute and translate the template; as strings they are the English with absolute
    numbers (the JSON export). Other layers' explanations are plain strings."""

    what: str | Phrase
    why: str
    arithmetic: tuple[str | Phrase, ...]
    rfc: str


@dataclass(frozen=True)
class Step:
    index: int
    time: float
    kind: StepKind
    actor: str
    segment: SegmentRecord | None
    sent: tuple[int, ...]
    transitions: tuple[FiredTransition, ...]
    client: TcbSnapshot
    server: TcbSnapshot
    explanation: Explanation
    error: str | None = None
    notes: tuple[str, ...] = ()
    layer: str = "tcp"
    http: HttpSnapshot | None = None  # the HTTP layer after this step (models/http/snapshot.py)
    wsgi: WsgiSnapshot | None = None  # the WSGI call chain at this step (models/wsgi/snapshot.py)
    connection: int = 0  # the TCP connection whose endpoints client/server show

    def snapshot(self, endpoint: str) -> TcbSnapshot:
        return self.client if endpoint == "client" else self.server


@dataclass(frozen=True)
class ConnectionInfo:
    """One TCP connection of a timeline (HTTP/1.0 opens one per request)."""

    number: int
    client_address: str
    server_address: str
    client_isn: int
    server_isn: int


@dataclass(frozen=True)
class Timeline:
    name: str
    title: str
    description: str
    # Sequences, not only tuples: a replayed capture materialises its steps on demand
    # (simulator.models.replay.lazy_timeline).
    steps: Sequence[Step]
    segments: Sequence[SegmentRecord]
    addresses: dict[str, str] = field(default_factory=dict)
    isn: dict[str, int] = field(default_factory=dict)
    link_delay: float = 0.05
    initial_states: tuple[tuple[str, str], ...] = (("client", "CLOSED"), ("server", "CLOSED"))
    connections: tuple[ConnectionInfo, ...] = ()  # empty: one connection, as addresses/isn

    def __len__(self) -> int:
        return len(self.steps)

    def __getitem__(self, index: int) -> Step:
        return self.steps[index]

    def __iter__(self) -> Iterator[Step]:
        return iter(self.steps)

    @property
    def duration(self) -> float:
        return self.steps[-1].time if self.steps else 0.0

    def step_time(self, index: int) -> float:
        """Step ``index``'s time (a replayed capture's without building the step)."""
        return self.steps[index].time

    def step_events(self, index: int) -> tuple[str, frozenset[TcpEvent]]:
        """Who acted at step ``index`` and the events of the rows that fired there (a
        replayed capture's without building the step and its explanation)."""
        step = self.steps[index]
        return step.actor, frozenset(t.row.event for t in step.transitions)

    def segments_sent_by(self, step_index: int) -> tuple[SegmentRecord, ...]:
        """Segments that have left their sender at or before this step (visible on the ladder)."""
        return tuple(s for s in self.segments if s.sent_step <= step_index)

    def states(self, endpoint: str) -> list[str]:
        """The distinct states the endpoint went through, in order (RFC names, underscores)."""
        out: list[str] = [dict(self.initial_states)[endpoint]] if self.steps else []
        for step in self.steps:
            name = step.snapshot(endpoint).state.name
            if not out or out[-1] != name:
                out.append(name)
        return out
