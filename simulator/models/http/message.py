"""HTTP/1.x messages: written to bytes and parsed back with h11 (RFC 9112).

Theory of operation
-------------------
Everything that crosses the simulated TCP connection is real HTTP/1.x bytes, and every
message a view shows is what a parser made of those bytes.

* ``request_bytes`` writes a request with h11 (start line, header fields, body framed by
  Content-Length, RFC 9112 §3, §5, §6). h11 only writes HTTP/1.1, so an HTTP/1.0 request is
  written by hand here (one start line and the header lines: RFC 9112 §2.1, §3).
* ``ServerConnection`` is the server's side of one connection: h11 in the server role reads
  the requests (pipelined ones too, one at a time, RFC 9112 §9.3.2) and writes the responses,
  choosing the framing (Content-Length or chunked, §6, §7.1) and whether the connection
  persists (§9.3): a 1.0 client or ``Connection: close`` makes h11 add ``Connection: close``
  and the server must then close (§9.6).
* ``HttpStreamParser`` parses one direction of a connection from its byte stream, fed in any
  pieces (whole, segment by segment, byte by byte). It runs a fresh h11 connection per
  message and hands the bytes left over to the next one, so it needs no fake peer: for
  responses it is told the method of each request (``expect``), which decides whether a body
  can follow (a response to HEAD has none, RFC 9112 §6.3). A body without Content-Length or
  chunked coding ends when the connection closes (``close()``, §6.3 rule 8). What h11
  refuses ends the stream's parse: the message is returned marked with the reason and the
  bytes that were not understood stay in ``unparsed``, so nothing is lost.
* ``persistence`` says, from a request and its response, whether the connection stays open
  afterwards and which rule of RFC 9112 §9.3 decided.

Each message becomes an ``HttpMessage`` (``http_snapshot``): start line, header fields as
sent (original case and order), the body after transfer decoding, the number of bytes it took
on the wire, and the problems found.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass
from http import HTTPStatus

import h11

from simulator.models.http.snapshot import HeaderLine, HttpMessage, MessageKind

__all__ = [
    "HttpStreamParser", "Persistence", "ServerConnection", "parse_messages", "persistence",
    "request_bytes",
]

Headers = Sequence[tuple[str, str]]


def _text(raw: bytes, problems: list[str], what: str) -> str:
    """Header bytes as text: UTF-8 if they are, else ISO-8859-1 (RFC 9110 §5.5) and a note."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        problems.append(f"{what} is not valid UTF-8 (shown as ISO-8859-1, RFC 9110 §5.5)")
        return raw.decode("latin-1")


def _has_content_length(headers: Headers) -> bool:
    return any(n.lower() in ("content-length", "transfer-encoding") for n, _ in headers)


def request_bytes(method: str, target: str, headers: Headers, body: bytes = b"", *,
                  version: str = "1.1") -> bytes:
    """The bytes of one request (RFC 9112 §3): h11 writes HTTP/1.1; 1.0 is written here.

    A body gets a Content-Length unless the headers already frame it (RFC 9112 §6.2).
    """
    fields = list(headers)
    if body and not _has_content_length(fields):
        fields.append(("Content-Length", str(len(body))))
    if version == "1.0":
        # h11 always writes "HTTP/1.1" on the request line, so a 1.0 request is put together
        # by hand: request-line CRLF *( field-line CRLF ) CRLF [ body ] (RFC 9112 §2.1).
        head = f"{method} {target} HTTP/1.0\r\n" + "".join(
            f"{n}: {v}\r\n" for n, v in fields) + "\r\n"
        return head.encode("latin-1") + body
    conn = h11.Connection(h11.CLIENT)
    out = conn.send(h11.Request(method=method, target=target, headers=fields)) or b""
    if body:
        out += conn.send(h11.Data(data=body)) or b""
    return out + (conn.send(h11.EndOfMessage()) or b"")


# ----------------------------------------------------------------------------- assembling


class _Assembly:
    """One message being put together from h11's events."""

    def __init__(self, kind: MessageKind, connection: int, exchange: int) -> None:
        self.kind = kind
        self.connection = connection
        self.exchange = exchange
        self.head: h11.Request | h11.Response | h11.InformationalResponse | None = None
        self.body = bytearray()
        self.chunks = 0

    def message(self, raw_length: int, *, complete: bool = True,
                problems: Sequence[str] = (), raw: bytes = b"") -> HttpMessage:
        found: list[str] = []
        head = self.head
        if head is None:  # nothing parsed: show the first line of what arrived
            first = bytes(raw).split(b"\r\n", 1)[0].split(b"\n", 1)[0][:200]
            return HttpMessage(self.kind, first.decode("latin-1"), (), b"", raw_length,
                               version="", complete=False, problems=tuple(problems),
                               connection=self.connection, exchange=self.exchange)
        headers = tuple(HeaderLine(_text(n, found, "a header name"),
                                   _text(v, found, f"header {n.decode('latin-1')}"))
                        for n, v in head.headers.raw_items())
        version = "HTTP/" + head.http_version.decode("ascii")
        chunked = any(h.name.lower() == "transfer-encoding" and "chunked" in h.value.lower()
                      for h in headers)
        method = target = reason = None
        status = None
        if isinstance(head, h11.Request):
            method, target = head.method.decode("ascii"), _text(head.target, found, "target")
            start_line = f"{method} {target} {version}"
        else:
            status, reason = head.status_code, head.reason.decode("latin-1")
            start_line = f"{version} {status} {reason}"
        return HttpMessage(
            self.kind, start_line, headers, bytes(self.body), raw_length, version=version,
            method=method, target=target, status=status, reason=reason, chunked=chunked,
            complete=complete, problems=tuple(problems) + tuple(found),
            connection=self.connection, exchange=self.exchange)


class HttpStreamParser:
    """Parse one direction of an HTTP/1.x connection from its byte stream (RFC 9112).

    ``feed`` returns the messages completed by the new bytes; ``partial`` is the message
    still arriving (head parsed, body incomplete), ``partial_chunks`` how many chunks of it
    have arrived; ``close`` is the end of the stream.
    """

    def __init__(self, kind: MessageKind, connection: int = 0) -> None:
        self.kind = kind
        self.connection = connection
        self.exchange = 0  # how many messages (not counting 1xx) completed so far
        self.failed: str | None = None
        self.unparsed = b""  # bytes from the first message that could not be parsed
        self._methods: deque[str] = deque()
        self._pending = bytearray()
        self._conn: h11.Connection | None = None
        self._raw = bytearray()  # the bytes given to the current h11 connection
        self._start = 0  # where the current message starts in _raw
        self._asm: _Assembly | None = None
        self._closed = False
        self._eof_given = False

    def expect(self, method: str) -> None:
        """A response parser learns the method of the next request it will see answered."""
        self._methods.append(method.upper())

    @property
    def partial(self) -> HttpMessage | None:
        if self._asm is None or self._asm.head is None or self.failed:
            return None
        return self._asm.message(len(self._raw) - self._start, complete=False)

    @property
    def partial_chunks(self) -> int:
        return self._asm.chunks if self._asm is not None else 0

    def feed(self, data: bytes) -> tuple[HttpMessage, ...]:
        if self.failed:
            self.unparsed += data
            return ()
        self._pending += data
        return self._run()

    def close(self) -> tuple[HttpMessage, ...]:
        """The stream ended (the sender closed): finish a close-delimited body, or mark the
        message cut short (RFC 9112 §8)."""
        self._closed = True
        if self.failed or (self._conn is None and not self._pending):
            return ()
        return self._run()

    def _new_connection(self) -> h11.Connection:
        if self.kind is MessageKind.REQUEST:
            return h11.Connection(h11.SERVER)
        conn = h11.Connection(h11.CLIENT)
        method = self._methods[0] if self._methods else "GET"
        conn.send(h11.Request(method=method, target="/", headers=[("Host", "peer")]))
        conn.send(h11.EndOfMessage())
        return conn

    def _run(self) -> tuple[HttpMessage, ...]:
        out: list[HttpMessage] = []
        while True:
            if self._conn is None:
                if not self._pending:
                    return tuple(out)
                self._conn, self._raw, self._start = self._new_connection(), bytearray(), 0
                self._eof_given = False
                self._asm = _Assembly(self.kind, self.connection, self.exchange)
            assert self._asm is not None
            if self._pending:
                data, self._pending = bytes(self._pending), bytearray()
                self._raw += data
                self._conn.receive_data(data)
            elif self._closed and not self._eof_given:
                self._conn.receive_data(b"")  # h11's way of saying "the stream ended"
                self._eof_given = True
            try:
                event = self._conn.next_event()
            except h11.RemoteProtocolError as exc:
                out.append(self._fail(str(exc)))
                return tuple(out)
            if event is h11.NEED_DATA and self._closed and not self._eof_given:
                continue
            if event is h11.NEED_DATA or event is h11.PAUSED or isinstance(
                    event, h11.ConnectionClosed):
                return tuple(out)
            if isinstance(event, h11.InformationalResponse):
                self._asm.head = event  # a 1xx is a message of its own (RFC 9110 §15.2)
                out.append(self._asm.message(self._consumed() - self._start))
                self._start = self._consumed()
                self._asm = _Assembly(self.kind, self.connection, self.exchange)
            elif isinstance(event, h11.Request | h11.Response):
                self._asm.head = event
            elif isinstance(event, h11.Data):
                self._asm.body += event.data
                self._asm.chunks += 1 if event.chunk_end else 0
            elif isinstance(event, h11.EndOfMessage):
                out.append(self._asm.message(self._consumed() - self._start))
                leftover = self._conn.trailing_data[0]
                self._pending = bytearray(leftover) + self._pending
                self._conn, self._asm = None, None
                self.exchange += 1
                if self._methods:
                    self._methods.popleft()

    def _consumed(self) -> int:
        assert self._conn is not None
        return len(self._raw) - len(self._conn.trailing_data[0])

    def _fail(self, reason: str) -> HttpMessage:
        assert self._asm is not None
        raw = bytes(self._raw[self._start:])
        if self._closed and "peer closed" in reason:
            reason = f"the connection closed before the message was complete: {reason}"
        self.failed = reason
        self.unparsed = raw + bytes(self._pending)
        message = self._asm.message(len(raw), complete=False, problems=(reason,), raw=raw)
        self._conn, self._asm = None, None
        return message


def parse_messages(data: bytes, kind: MessageKind, *, methods: Sequence[str] = (),
                   closed: bool = True, connection: int = 0) -> tuple[HttpMessage, ...]:
    """Every message in one direction's bytes; ``closed``: the stream ended after them."""
    parser = HttpStreamParser(kind, connection)
    for method in methods:
        parser.expect(method)
    out = parser.feed(data)
    if closed:
        out += parser.close()
    elif parser.partial is not None:
        out += (parser.partial,)
    return out


# ----------------------------------------------------------------------------- server side


class ServerConnection:
    """The server's end of one connection, as h11 runs it (RFC 9112 §9).

    ``feed`` takes delivered bytes; ``next_request`` returns the next complete request, or
    None (not all there yet, or the previous one is not answered: responses go in request
    order, §9.3.2); ``respond``/``start``/``chunk``/``end`` write the answer; ``must_close``
    is h11's verdict that the connection ends after it (§9.3, §9.6).
    """

    def __init__(self, connection: int = 0) -> None:
        self._conn = h11.Connection(h11.SERVER)
        self._connection = connection
        self._exchange = 0
        self._asm = _Assembly(MessageKind.REQUEST, connection, 0)
        self._raw = 0
        self._start = 0
        self.problem: str | None = None

    def feed(self, data: bytes) -> None:
        self._raw += len(data)
        self._conn.receive_data(data)

    def feed_eof(self) -> None:
        if self._conn.their_state is not h11.CLOSED:
            self._conn.receive_data(b"")

    def next_request(self) -> HttpMessage | None:
        while self.problem is None:
            try:
                event = self._conn.next_event()
            except h11.RemoteProtocolError as exc:
                self.problem = str(exc)
                return None
            if isinstance(event, h11.Request):
                self._asm.head = event
            elif isinstance(event, h11.Data):
                self._asm.body += event.data
            elif isinstance(event, h11.EndOfMessage):
                end = self._raw - len(self._conn.trailing_data[0])
                message = self._asm.message(end - self._start)
                self._start = end
                return message
            else:  # NEED_DATA, PAUSED, ConnectionClosed
                return None
        return None

    @property
    def peer_closed(self) -> bool:
        return self._conn.their_state is h11.CLOSED

    @property
    def must_close(self) -> bool:
        return self._conn.our_state in (h11.MUST_CLOSE, h11.CLOSED)

    def start(self, status: int, headers: Headers) -> bytes:
        reason = HTTPStatus(status).phrase.encode("ascii")
        return self._conn.send(h11.Response(status_code=status, headers=list(headers),
                                            reason=reason)) or b""

    def chunk(self, data: bytes) -> bytes:
        return self._conn.send(h11.Data(data=data)) or b""

    def end(self) -> bytes:
        out = self._conn.send(h11.EndOfMessage()) or b""
        self._exchange += 1
        self._asm = _Assembly(MessageKind.REQUEST, self._connection, self._exchange)
        if self._conn.our_state is h11.DONE and self._conn.their_state is h11.DONE:
            self._conn.start_next_cycle()  # keep-alive: the next request may be parsed
        return out

    def respond(self, status: int, headers: Headers, body: bytes = b"") -> bytes:
        fields = list(headers)
        if not _has_content_length(fields):
            fields.append(("Content-Length", str(len(body))))
        return self.start(status, fields) + (self.chunk(body) if body else b"") + self.end()


# ----------------------------------------------------------------------------- persistence


@dataclass(frozen=True)
class Persistence:
    persistent: bool
    reason: str


def _options(message: HttpMessage) -> set[str]:
    return {o.strip().lower() for v in message.headers_named("Connection") for o in v.split(",")}


def _closes(message: HttpMessage, who: str) -> str | None:
    """RFC 9112 §9.3's rules for one received message: why the connection will not persist
    after the current response, or None if it will."""
    if "close" in _options(message):
        return (f"the {who} says Connection: close, so the connection closes after this "
                "response (RFC 9112 §9.3, §9.6)")
    if message.version == "HTTP/1.0" and "keep-alive" not in _options(message):
        return (f"the {who} is HTTP/1.0 without Connection: keep-alive, so the connection "
                "closes after one response (RFC 9112 §9.3, Appendix C.2.2)")
    return None


def persistence(request: HttpMessage, response: HttpMessage | None = None) -> Persistence:
    """Does the connection stay open after this exchange? RFC 9112 §9.3's rules, applied to
    the request (as the server receives it), then to the response (as the client does)."""
    for message, who in ((request, "request"), (response, "response")):
        why = None if message is None else _closes(message, who)
        if why is not None:
            return Persistence(False, why)
    return Persistence(True, "HTTP/1.1 connections persist unless a side says "
                             "Connection: close (RFC 9112 §9.3)")
