"""Parse one direction of an HTTP/1.x connection from its byte stream, incrementally, with h11.

Theory of operation
-------------------
A client's bytes are a sequence of requests and a server's a sequence of responses (RFC 9112
§2.1); where one message ends is given by its head (§6.3): a Content-Length, chunked coding,
or, for a response, the connection's close. :class:`HttpStreamParser` is fed one direction's
bytes in any pieces (whole, segment by segment, byte by byte: the result is the same) and lets
h11 read them one message at a time: a fresh ``h11.Connection`` per message, handed the bytes
the previous one left over, so it needs no fake peer (pipelined requests need no responses,
§9.3.2). For responses it is told the method of each request (``methods``, ``expect``) and
replays it into h11 first, because the method decides whether a body can follow (a response to
HEAD has none, and a 2xx to CONNECT ends HTTP, §6.3). A body without Content-Length or chunked
coding ends when the connection closes (``close()``, §6.3 rule 8). An interim 1xx response is
a message of its own (RFC 9110 §15.2).

The parser is a small state machine over :class:`Mode`. This class runs three of the modes:

===========  ==============================================================================
``START``    at a message boundary: the next bytes begin a message.
``H11``      h11 reads the message (at most 64 KiB at a time, so it behaves the same whatever
             the pieces); its events become the message's head (``head.read_h11_head``),
             body and end.
``STOPPED``  h11 refused the stream (or it stopped being HTTP/1.1): the parse has ended.
===========  ==============================================================================

This parser is *strict*: h11's verdict is final. What h11 refuses ends the parse: the message
is recorded, marked with h11's reason and incomplete (a head h11 could not read is shown as
``head.parse_head`` reads it), ``failed`` says why, and the bytes from the start of that
message on stay in ``unparsed``, so nothing is lost. That suits the simulation, whose bytes
h11 wrote (``simulation.web``), and the recorded exchanges of a real server
(``simulation.chain_timeline``). Captures need more, and ``tolerant_parser`` builds it on this
class: the other three modes read by hand what h11 refuses or cannot be told about (bytes
missing from the capture), and the parse goes on.

Each message becomes an ``HttpMessage`` (``Head.message``: start line as sent, header fields
in their original case and order, the body after transfer decoding, the bytes it took on the
wire, its exchange number on the connection, the problems found) and is recorded as a
:class:`ParsedMessage` with its byte range in the stream. ``feed`` and ``close`` return the
messages they completed; ``partial`` is the message still arriving (head read, body not
complete), which the simulated browser shows while a response streams in.
"""

from __future__ import annotations

import enum
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import ClassVar

import h11

from simulator.models.http import problems as say
from simulator.models.http.chunked import Dechunker
from simulator.models.http.head import (
    Framing,
    Head,
    framing,
    head_bytes,
    parse_head,
    read_h11_head,
)
from simulator.models.http.snapshot import HttpMessage, MessageKind
from simulator.models.limits import BODY_KEPT, STRICT_HEAD_BYTES

__all__ = [
    "BODY_KEEP", "HttpStreamParser", "MessageInProgress", "Mode", "ModeStep", "ParsedMessage",
    "parse_messages",
]

#: h11 is fed at most this many bytes at a time, so it behaves the same whatever the pieces.
#: Small: each message gets a new h11 connection, which copies what it was fed and hands
#: the rest back (64 KiB per message cost 1.9 s of copies over 20,000 pipelined messages).
_SLICE = 4 * 1024
#: Bodies longer than this keep only their first bytes (the length is still counted).
BODY_KEEP = BODY_KEPT
_PROTOCOL_SWITCH = "after a protocol switch (no longer HTTP/1.1)"


class Mode(enum.Enum):
    """What the parser does with the next bytes: START, H11 and STOPPED are the strict
    parser's; TOLERANT, BODY and RESYNC are added by ``tolerant_parser``."""

    START = "start"
    H11 = "h11"
    STOPPED = "stopped"
    TOLERANT = "tolerant"
    BODY = "body"
    RESYNC = "resync"


#: A mode's step: given the buffer and where to go on, the buffer to go on with and where.
ModeStep = Callable[[bytes, int], tuple[bytes, int]]


@dataclass(frozen=True)
class ParsedMessage:
    """One message and where it lies in its direction's stream (``start`` .. ``end``-1)."""

    message: HttpMessage
    start: int
    end: int


@dataclass
class MessageInProgress:
    """The message being read: where it starts and what has been read of it so far."""

    start: int
    conn: h11.Connection | None = None  # the h11 connection that reads (or read) it
    fed: int = 0  # bytes given to ``conn``
    # Its bytes, while they may be needed: all of them (strict parser), else those of the head
    # and, in a chunked body, those h11 holds without an event yet (a suffix of the fed bytes).
    raw: bytearray = field(default_factory=bytearray)
    head: Head | None = None
    body: bytearray = field(default_factory=bytearray)
    body_len: int = 0
    chunks: int = 0  # chunks whose data has arrived
    framing: Framing = Framing.NONE
    remaining: int = 0  # Content-Length framing: body bytes still to come
    dechunker: Dechunker | None = None  # a chunked body read by hand
    problems: list[str] = field(default_factory=list)
    missing: int = 0  # body bytes missing from the capture


class HttpStreamParser:
    """Parse one direction (requests or responses) of one connection; h11's verdict is final.

    ``feed`` returns the messages the new bytes completed and ``close`` those the end of the
    stream completed; ``messages`` holds them all with their byte ranges. ``partial`` is the
    message still arriving and ``partial_chunks`` how many of its chunks have arrived;
    ``failed`` says why the parse stopped, and ``unparsed`` holds the bytes it did not read.
    """

    #: The longest head h11 waits for (h11's default, as the simulated peers use).
    head_limit: ClassVar[int] = STRICT_HEAD_BYTES
    #: Keep all bytes of the message being read, so a refused one can go to ``unparsed``.
    keeps_message_bytes: ClassVar[bool] = True

    def __init__(self, kind: MessageKind, methods: Sequence[str] = (), *, connection: int = 0,
                 offset: int = 0) -> None:
        self.kind = kind
        self.connection = connection
        self.messages: list[ParsedMessage] = []
        self.failed: str | None = None
        self.unparsed = b""
        self._methods = deque(methods)  # the methods of the requests still to be answered
        self._finals = 0  # final (non-1xx) messages so far: the next exchange's number
        self._mode = Mode.START
        self._msg: MessageInProgress | None = None
        self._at = offset  # stream offset of the next byte to be consumed
        self._carry = b""  # bytes held back until more arrive
        self._steps = self._mode_steps()

    # ----------------------------------------------------------------- public interface

    def expect(self, method: str) -> None:
        """A response parser learns the method of the next request it will see answered."""
        self._methods.append(method.upper())

    @property
    def partial(self) -> HttpMessage | None:
        """The message still arriving, marked incomplete (None until its head is read)."""
        msg = self._msg
        if msg is None or msg.head is None or self.failed:
            return None
        return self._message(msg, complete=False, end=self._at)

    @property
    def partial_chunks(self) -> int:
        """How many chunks of the message still arriving have arrived."""
        return self._msg.chunks if self._msg is not None else 0

    def feed(self, data: bytes) -> tuple[HttpMessage, ...]:
        """Give the parser the next bytes of the stream; return the messages they completed."""
        known = len(self.messages)
        buf = self._carry + data if self._carry else data
        self._at -= len(self._carry)
        self._carry = b""
        i = 0
        while i < len(buf) and not self._carry:
            buf, i = self._steps[self._mode](buf, i)
        return self._completed_since(known)

    def close(self) -> tuple[HttpMessage, ...]:
        """The sender closed: h11 ends a body read until the close, or says the message was
        cut short (RFC 9112 §6.3, §8)."""
        known = len(self.messages)
        if self._mode is Mode.H11:
            msg = self._msg
            assert msg is not None  # (h11 is reading one)
            refusal = self._close_h11(msg)
            if refusal is not None:
                if "peer closed" in refusal:
                    refusal = say.CLOSED_EARLY.format(refusal=refusal)
                self._stop(msg, refusal, b"")
        return self._completed_since(known)

    # ----------------------------------------------------------------- modes

    def _mode_steps(self) -> dict[Mode, ModeStep]:
        return {Mode.START: self._start, Mode.H11: self._h11, Mode.STOPPED: self._stopped}

    def _start(self, buf: bytes, i: int) -> tuple[bytes, int]:
        self._begin()
        return buf, i

    def _begin(self) -> None:
        """A message starts at the next byte: h11 reads it."""
        self._msg = MessageInProgress(start=self._at, conn=self._new_h11())
        self._mode = Mode.H11

    def _new_h11(self) -> h11.Connection:
        if self.kind is MessageKind.REQUEST:
            return h11.Connection(h11.SERVER, max_incomplete_event_size=self.head_limit)
        # The request's own fields are not known here: it is replayed as offering an upgrade
        # (RFC 9110 §7.8), so that a 101 is read as the protocol switch it is (h11 refuses a
        # 101 nobody asked for); any other response just declines the offer.
        headers = [("Host", "x"), ("Connection", "upgrade"), ("Upgrade", "unknown")]
        try:
            request = h11.Request(method=self._method(), target="/", headers=headers)
        except h11.LocalProtocolError:  # a method h11 will not send: frame as a GET
            request = h11.Request(method="GET", target="/", headers=headers)
        conn = h11.Connection(h11.CLIENT, max_incomplete_event_size=self.head_limit)
        conn.send(request)  # (h11 reads a response whether or not the request has ended)
        return conn

    def _h11(self, buf: bytes, i: int) -> tuple[bytes, int]:
        msg = self._msg
        assert msg is not None and msg.conn is not None
        chunk = buf[i:i + _SLICE]
        msg.conn.receive_data(chunk)
        msg.fed += len(chunk)
        if msg.head is None or self.keeps_message_bytes or msg.framing is Framing.CHUNKED:
            msg.raw += chunk
        end = i + len(chunk)
        self._at += len(chunk)
        conn = msg.conn
        try:
            self._drain(msg)
        except h11.RemoteProtocolError as exc:
            return self._refused(msg, str(exc), buf, end)
        if self._msg is not None:  # still reading it
            return buf, end
        # The message ended in this chunk; h11 holds the bytes after it, the chunk's last.
        rest = conn.trailing_data[0]
        assert len(rest) <= len(chunk)
        self._at -= len(rest)
        return buf, end - len(rest)

    def _drain(self, msg: MessageInProgress) -> None:
        """Take h11's events until it needs data or the message is complete."""
        conn = msg.conn
        assert conn is not None
        while self._msg is msg:
            event = conn.next_event()
            if event is h11.NEED_DATA:
                return
            consumed = msg.fed - len(conn.trailing_data[0])
            if event is h11.PAUSED:  # a 2xx to CONNECT was read: not HTTP after this
                self._emit(msg, complete=True, end=msg.start + consumed)
                self._leave_http(_PROTOCOL_SWITCH)
                return
            if isinstance(event, h11.Request | h11.Response | h11.InformationalResponse):
                if consumed > self.head_limit:
                    # h11 holds the limit only against a head still incomplete: a head that
                    # came whole is held to it too, so the pieces make no difference.
                    raise h11.RemoteProtocolError("Receive buffer too long")  # (a 431)
                self._read_head(msg, event, consumed)
                if isinstance(event, h11.InformationalResponse):
                    # A 1xx is a whole message; the final response follows as a new one.
                    self._emit(msg, complete=True, end=msg.start + consumed)
                    if event.status_code == 101:  # Switching Protocols (RFC 9110 §15.2.2)
                        self._leave_http(_PROTOCOL_SWITCH)
                    return
            elif isinstance(event, h11.Data):
                self._add_body(msg, bytes(event.data))
                msg.chunks += event.chunk_end
                self._settle(msg, consumed)
            else:  # (h11 says ConnectionClosed only between messages, and none is begun
                # before its first byte is fed)
                assert isinstance(event, h11.EndOfMessage), event
                self._emit(msg, complete=True, end=msg.start + consumed)

    def _read_head(
        self, msg: MessageInProgress,
        event: h11.Request | h11.Response | h11.InformationalResponse, consumed: int,
    ) -> None:
        raw = bytes(msg.raw[:consumed])  # until the head is read, raw holds every byte fed
        msg.head = read_h11_head(self.kind, event, raw, msg.problems)
        self._set_framing(msg)
        self._settle(msg, consumed)

    def _settle(self, msg: MessageInProgress, consumed: int) -> None:
        """h11 made events of the message's first ``consumed`` bytes. Unless all bytes are
        kept, keep only a chunked body's bytes h11 holds without an event: if h11 refuses
        the chunk framing there, they can still be read by hand."""
        if self.keeps_message_bytes:
            return
        if msg.framing is Framing.CHUNKED:
            del msg.raw[: len(msg.raw) - (msg.fed - consumed)]
        else:
            msg.raw = bytearray()

    def _set_framing(self, msg: MessageInProgress) -> None:
        assert msg.head is not None
        msg.framing, length, problems = framing(msg.head, self._method())
        msg.problems.extend(problems)
        msg.remaining = length or 0

    def _close_h11(self, msg: MessageInProgress) -> str | None:
        """Tell h11 the stream ended; its refusal, if it refuses what it has."""
        assert msg.conn is not None
        msg.conn.receive_data(b"")
        refusal = None
        try:
            self._drain(msg)
        except h11.RemoteProtocolError as exc:
            refusal = str(exc)
        return refusal

    def _refused(self, msg: MessageInProgress, reason: str, buf: bytes,
                 end: int) -> tuple[bytes, int]:
        """h11 refused the message: the parse stops (``buf[end:]`` was not given to h11)."""
        self._stop(msg, reason, buf[end:])
        return buf, len(buf)

    def _leave_http(self, reason: str) -> None:
        """The bytes after the last message are not HTTP/1.1: they stay unparsed."""
        self.failed = reason
        self._mode = Mode.STOPPED

    def _stop(self, msg: MessageInProgress, reason: str, rest: bytes) -> None:
        self.failed = reason
        self.unparsed = bytes(msg.raw) + rest
        self._at = msg.start + len(self.unparsed)
        msg.problems.append(reason)
        self._emit_partial(msg)
        self._mode = Mode.STOPPED

    def _stopped(self, buf: bytes, i: int) -> tuple[bytes, int]:
        self.unparsed += buf[i:]
        return buf, len(buf)

    # ----------------------------------------------------------------- messages

    def _method(self) -> str:
        """The method of the request the next response answers (GET if not known)."""
        return self._methods[0] if self._methods else "GET"

    def _add_body(self, msg: MessageInProgress, data: bytes) -> None:
        room = BODY_KEEP - len(msg.body)  # (never below 0)
        msg.body += data[:room]
        if len(data) > room and len(msg.body) == BODY_KEEP and msg.body_len <= BODY_KEEP:
            msg.problems.append(say.BODY_TOO_LONG.format(limit=BODY_KEEP >> 20))
        msg.body_len += len(data)

    def _emit_partial(self, msg: MessageInProgress) -> None:
        """Record a message cut short; a head h11 never read is read by hand for showing."""
        if msg.head is None:
            msg.head = parse_head(head_bytes(msg.raw), self.kind)
            msg.problems.extend(p for p in msg.head.problems if p not in msg.problems)
        self._emit(msg, complete=False)

    def _emit(self, msg: MessageInProgress, complete: bool, end: int | None = None) -> None:
        stop = self._at if end is None else end
        message = self._message(msg, complete, stop)
        self.messages.append(ParsedMessage(message, msg.start, stop))
        status = message.status
        if status is None or status >= 200 or status == 101:  # a final response, or a request
            self._finals += 1
            if self._methods:
                self._methods.popleft()
        self._msg = None
        self._mode = Mode.START

    def _message(self, msg: MessageInProgress, complete: bool, end: int) -> HttpMessage:
        assert msg.head is not None
        return msg.head.message(
            bytes(msg.body), end - msg.start, problems=msg.problems,
            chunked=msg.framing is Framing.CHUNKED, complete=complete and not msg.missing,
            connection=self.connection, exchange=self._finals)

    def _completed_since(self, known: int) -> tuple[HttpMessage, ...]:
        return tuple(parsed.message for parsed in self.messages[known:])


def parse_messages(data: bytes, kind: MessageKind, *, methods: Sequence[str] = (),
                   closed: bool = True, connection: int = 0) -> tuple[HttpMessage, ...]:
    """Every message in one direction's bytes; ``closed``: the stream ended after them (else a
    message still arriving comes last, as ``partial``)."""
    parser = HttpStreamParser(kind, connection=connection)
    for method in methods:
        parser.expect(method)
    out = parser.feed(data)
    if closed:
        out += parser.close()
    elif parser.partial is not None:
        out += (parser.partial,)
    return out
