"""Which segments carry which HTTP message: what the ladder needs to draw HTTP on TCP, the way
Wireshark's Flow Graph or a UML sequence diagram does.

Theory of operation
-------------------
An HTTP/1.x message is a run of bytes in one direction of a TCP connection (RFC 9112 §2.1);
TCP cuts that run into segments as it likes. The ladder labels the segment that carries the
message's start line with the request line or status line ("POST /login", "302 Found"),
marks a Cookie or Set-Cookie header with the cookie names (RFC 6265 §4.1, §5.4), and
brackets the segments the message spans. ``LadderHttp`` holds those facts for a whole
timeline, computed once:

* a timeline built step by step (a scenario, a live trace) carries each message in its steps'
  HTTP snapshots (``Step.http.message``, with its connection and exchange) and the bytes in
  its segments' payloads. ``ladder_http`` reassembles each direction of each connection from
  the payloads (by sequence number, relative to the sender's ISN, RFC 9293 §3.4), finds each
  message's start line in it, in order, and reads off the segments that overlap the
  message's bytes;
* a replayed capture keeps lengths, not bytes; but its HTTP parser knows which packets
  carried each message's bytes (``simulator.net.http.exchanges.CapturedMessage.packets``),
  and ``messages_on_packets`` puts each message on the segments of those packets.

Everything here is pure: the callers hand over the timeline or its columns.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

from simulator.models.http.snapshot import HttpMessage, MessageKind
from simulator.models.timeline.steps import SegmentRecord, Timeline

_M = 2**32


@dataclass(frozen=True)
class LadderMessage:
    """One HTTP message on the ladder: who sent it, the segments that carry it."""

    message: HttpMessage
    sender: str  # "client" | "server": the endpoint whose segments carry it
    first_segment: int  # the segment with its start line
    last_segment: int  # the segment with its last byte
    segment_count: int  # segments that carry some of it (first transmissions)

    @property
    def title(self) -> str:
        """'POST /login' for a request, '302 Found' for a response (RFC 9112 §3, §4)."""
        m = self.message
        if m.kind is MessageKind.REQUEST:
            if m.method and m.target:
                return f"{m.method} {m.target}"
            return " ".join(m.start_line.split(" ")[:2])
        if m.status is not None:
            return f"{m.status} {m.reason}".strip() if m.reason else str(m.status)
        return m.start_line.partition(" ")[2] or m.start_line

    @property
    def cookie_header(self) -> str | None:
        """'Cookie' on a request that sends cookies, 'Set-Cookie' on a response that sets
        some, else None."""
        if self.message.kind is MessageKind.REQUEST:
            return "Cookie" if self.message.headers_named("Cookie") else None
        return "Set-Cookie" if self.message.headers_named("Set-Cookie") else None

    @property
    def cookie_names(self) -> tuple[str, ...]:
        """The names of the cookies sent (Cookie: a=1; b=2) or set (one per Set-Cookie)."""
        if self.message.kind is MessageKind.REQUEST:
            pairs = [p for value in self.message.headers_named("Cookie")
                     for p in value.split(";")]
        else:
            pairs = [value.split(";", 1)[0] for value in self.message.headers_named("Set-Cookie")]
        names = (p.split("=", 1)[0].strip() for p in pairs)
        return tuple(dict.fromkeys(n for n in names if n))


@dataclass(frozen=True)
class LadderHttp:
    """Every message of a timeline that could be placed on its segments."""

    messages: tuple[LadderMessage, ...] = ()
    _starting: dict[int, LadderMessage] = field(default_factory=dict, repr=False)

    @classmethod
    def of(cls, messages: Sequence[LadderMessage]) -> LadderHttp:
        ordered = tuple(sorted(messages, key=lambda m: (m.first_segment, m.last_segment)))
        starting: dict[int, LadderMessage] = {}
        for m in ordered:
            starting.setdefault(m.first_segment, m)
        return cls(ordered, starting)

    def started_by(self, segment_id: int) -> LadderMessage | None:
        """The message whose start line this segment carries (the first, if several)."""
        return self._starting.get(segment_id)

    def titles(self) -> list[str]:
        return [m.title for m in self.messages]


# ---------------------------------------------------------------------- step-built timelines
def _distinct_messages(timeline: Timeline) -> list[HttpMessage]:
    """Each message once, in its fullest form (a streamed response grows step by step)."""
    found: dict[tuple[int, int, MessageKind, str], HttpMessage] = {}
    for step in timeline:
        m = step.http.message if step.http is not None else None
        if m is None:
            continue
        key = (m.connection, m.exchange, m.kind, m.start_line)
        if key not in found or m.raw_length > found[key].raw_length:
            found[key] = m
    return list(found.values())


def _isn(timeline: Timeline, connection: int, sender: str) -> int | None:
    for info in timeline.connections:
        if info.number == connection:
            return info.client_isn if sender == "client" else info.server_isn
    return timeline.isn.get(sender)


def _stream(records: list[SegmentRecord], isn: int | None
            ) -> tuple[bytes, list[tuple[int, SegmentRecord]]]:
    """The direction's bytes and each data segment's offset in them."""
    base = (isn + 1) % _M if isn is not None else min(r.seq for r in records)
    placed = sorted((((r.seq - base) % _M), r) for r in records)
    placed = [(off, r) for off, r in placed if off < 1 << 30]  # before the ISN: not ours
    size = max((off + len(r.payload) for off, r in placed), default=0)
    data = bytearray(size)
    for off, r in placed:
        data[off:off + len(r.payload)] = r.payload
    return bytes(data), placed


def ladder_http(timeline: Timeline) -> LadderHttp:
    """The messages of a timeline built step by step, on the segments that carry them."""
    messages = _distinct_messages(timeline)
    if not messages:
        return LadderHttp()
    data_segments: dict[tuple[int, str], list[SegmentRecord]] = {}
    for r in timeline.segments:
        if r.payload:
            data_segments.setdefault((r.connection, r.src), []).append(r)
    out: list[LadderMessage] = []
    for (connection, sender), records in data_segments.items():
        kind = MessageKind.REQUEST if sender == "client" else MessageKind.RESPONSE
        mine = sorted((m for m in messages if m.connection == connection and m.kind is kind),
                      key=lambda m: m.exchange)
        if not mine:  # the requests may come from the other end (a server that connects)
            other = MessageKind.RESPONSE if kind is MessageKind.REQUEST else MessageKind.REQUEST
            mine = sorted((m for m in messages
                           if m.connection == connection and m.kind is other),
                          key=lambda m: m.exchange)
        stream, placed = _stream(records, _isn(timeline, connection, sender))
        cursor = 0
        for m in mine:
            at = stream.find(m.start_line.encode("latin-1", "replace"), cursor)
            if at < 0:
                continue
            end = at + max(m.raw_length, 1)
            cursor = end
            carriers = [r for off, r in placed
                        if off < end and off + len(r.payload) > at and not r.retransmission]
            if not carriers:
                continue
            out.append(LadderMessage(m, sender, carriers[0].id, carriers[-1].id, len(carriers)))
    return LadderHttp.of(out)


# ---------------------------------------------------------------------- replayed captures
def messages_on_packets(messages: Sequence[tuple[HttpMessage, Sequence[int]]],
                        packets: Sequence[int], from_client: Sequence[int],
                        retransmitted: Collection[int]) -> LadderHttp:
    """Messages of a replayed capture, each with the packet numbers that carried its bytes
    (as the capture's HTTP parser found them), on the segments of those packets:
    ``packets`` gives each segment's packet number, in capture order. Retransmissions are
    left out of a message's span unless they are all that carried it."""
    at = {int(packet): i for i, packet in enumerate(packets)} if messages else {}
    out: list[LadderMessage] = []
    for message, carried in messages:
        segments = sorted(at[p] for p in carried if p in at)
        first = [i for i in segments if i not in retransmitted] or segments
        if first:
            sender = "client" if from_client[first[0]] else "server"
            out.append(LadderMessage(message, sender, first[0], first[-1], len(first)))
    return LadderHttp.of(out)
