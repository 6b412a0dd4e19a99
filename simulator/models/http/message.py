"""HTTP/1.x messages written to bytes with h11 (RFC 9112), and the server's end of a connection.

Theory of operation
-------------------
Everything that crosses the simulated TCP connection is real HTTP/1.x bytes, and every
message a view shows is what a parser made of those bytes: this module writes them, and
``stream_parser`` reads them back (the browser's view of the responses, the step's message).

* ``request_bytes`` writes a request with h11 (start line, header fields, body framed by
  Content-Length, RFC 9112 §3, §5, §6). h11 only writes HTTP/1.1, so an HTTP/1.0 request is
  written by hand here (one start line and the header lines: RFC 9112 §2.1, §3).
* ``ServerConnection`` is the server's side of one connection: h11 in the server role reads
  the requests (pipelined ones too, one at a time, RFC 9112 §9.3.2) and writes the responses,
  choosing the framing (Content-Length or chunked, §6, §7.1) and whether the connection
  persists (§9.3): a 1.0 client or ``Connection: close`` makes h11 add ``Connection: close``
  and the server must then close (§9.6). Each request it reads becomes an ``HttpMessage``
  (``http.snapshot``) the way the stream parsers make one (``head.read_h11_head``): start
  line and header fields as sent (original case and order), the body, the number of bytes it
  took on the wire.
* ``persistence`` says, from a request and its response, whether the connection stays open
  afterwards and which rule of RFC 9112 §9.3 decided.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from http import HTTPStatus

import h11

from simulator.models.http.head import Framing, Head, framing, read_h11_head
from simulator.models.http.snapshot import HttpMessage, MessageKind

__all__ = ["Persistence", "ServerConnection", "persistence", "request_bytes"]

Headers = Sequence[tuple[str, str]]


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
        self._exchange = 0  # responses ended so far: the next request's exchange number
        self._unread = bytearray()  # the bytes received from the next request's start on
        self._head: Head | None = None
        self._body = bytearray()
        self.problem: str | None = None

    def feed(self, data: bytes) -> None:
        self._unread += data
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
            read = len(self._unread) - len(self._conn.trailing_data[0])
            if isinstance(event, h11.Request):
                self._head = read_h11_head(MessageKind.REQUEST, event,
                                           bytes(self._unread[:read]), [])
            elif isinstance(event, h11.Data):
                self._body += event.data
            elif isinstance(event, h11.EndOfMessage):
                return self._request(read)
            else:  # NEED_DATA, PAUSED, ConnectionClosed
                return None
        return None

    def _request(self, length: int) -> HttpMessage:
        """The request just read, ``length`` bytes on the wire."""
        head = self._head
        assert head is not None
        chunked = framing(head)[0] is Framing.CHUNKED
        message = head.message(bytes(self._body), length, problems=head.problems,
                               chunked=chunked, complete=True, connection=self._connection,
                               exchange=self._exchange)
        del self._unread[:length]
        self._head, self._body = None, bytearray()
        return message

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
