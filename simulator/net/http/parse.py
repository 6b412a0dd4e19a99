"""Parse one direction of a reassembled TCP stream into HTTP/1.x messages, incrementally.

Theory of operation
-------------------
A client's bytes are a sequence of requests and a server's a sequence of responses (RFC 9112
§2.1); where one message ends is given by its head (§6.3): a Content-Length, chunked coding,
or, for a response, the connection's close. :class:`CaptureHttpParser` is fed the stream in any
pieces (whole, segment by segment, byte by byte: the result is the same), told about bytes
missing from the capture (``gap``) and about the end of the stream (``finish``). It is a small
state machine over these modes:

===========  ==============================================================================
``START``    at a message boundary: skip empty lines (§2.2), then decide from the first
             bytes whether a start line begins here (``HTTP/`` for a response, a method
             token and a space for a request); if not, ``RESYNC``.
``H11``      h11 parses the message (a fresh ``h11.Connection`` per message, so pipelined
             requests need no fake responses; for responses the request's method is replayed
             into h11 first, because HEAD and CONNECT change the response's framing, §6.3).
``TOLERANT`` h11 refused the head: ``http_head`` parses it and marks why (see there for the
             cases h11 rightly refuses but a learner must still see).
``BODY``     the body is framed by hand: after a tolerant head, or after a gap in the body
             (h11 cannot be told that bytes are missing; a Content-Length still says where the
             message ends, so the next message is found exactly).
``RESYNC``   not at a message start (after a gap, at a capture that starts mid-message, or
             after garbage): skip to the next line that looks like a start line; the skipped
             bytes are recorded, never silently dropped.
===========  ==============================================================================

Messages come out as :class:`ParsedMessage`: an ``HttpMessage`` (``problems`` says what was
not understood) with its byte range in the stream, so callers can name packets and times.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import h11

from simulator.models.http.snapshot import HttpMessage, MessageKind
from simulator.net.http.head import (
    MAX_HEAD,
    Dechunker,
    Framing,
    Head,
    decode_text,
    find_head_end,
    framing,
    header_lines,
    parse_head,
    size_problems,
)

#: h11 is fed at most this many bytes at a time, so it behaves the same whatever the pieces.
_SLICE = 64 * 1024
#: Bodies longer than this keep only their first bytes (the length is still counted).
BODY_KEEP = 16 * 1024 * 1024
_REQUEST_START = re.compile(rb"[!#$%&'*+.^_`|~0-9A-Za-z-]{1,20} ")
_REQUEST_LINE = re.compile(rb"[A-Z][A-Z-]{1,19} [^\s]+ HTTP/\d\.\d\r?\n")
_STATUS_LINE = re.compile(rb"HTTP/\d\.\d \d{3}[ \r\n]")
#: While resynchronising, a partial last line up to this long is kept for the next piece.
_CARRY = 8 * 1024


class Mode(enum.Enum):
    START = "start"
    H11 = "h11"
    TOLERANT = "tolerant"
    BODY = "body"
    RESYNC = "resync"


@dataclass(frozen=True)
class ParsedMessage:
    """One message and where it lies in its direction's stream (``start`` .. ``end``-1)."""

    message: HttpMessage
    start: int
    end: int


@dataclass(frozen=True)
class SkippedBytes:
    """Stream bytes that are not part of any message (or are missing from the capture)."""

    offset: int
    length: int
    reason: str


@dataclass
class _Msg:
    start: int
    raw: bytearray = field(default_factory=bytearray)  # the head's bytes, while unparsed
    head: Head | None = None
    conn: h11.Connection | None = None
    fed: int = 0  # bytes given to ``conn``
    body: bytearray = field(default_factory=bytearray)
    body_len: int = 0
    framing: Framing = Framing.NONE
    remaining: int = 0
    dechunker: Dechunker | None = None
    problems: list[str] = field(default_factory=list)
    missing: int = 0


class CaptureHttpParser:
    """Incremental parser for one direction (requests or responses) of one connection."""

    def __init__(
        self, kind: MessageKind, methods: Sequence[str] = (), connection: int = 0,
        offset: int = 0,
    ) -> None:
        self.kind = kind
        self.connection = connection
        self.messages: list[ParsedMessage] = []
        self.skipped: list[SkippedBytes] = []
        self._methods = list(methods)
        self._finals = 0  # final (non-1xx) responses so far: picks the request method
        self._mode = Mode.START
        self._msg: _Msg | None = None
        self._at = offset  # stream offset of the next byte to be consumed
        self._carry = b""  # undecided bytes at START / partial line in RESYNC
        self._skip_reason = ""

    # ----------------------------------------------------------------- public interface

    def feed(self, data: bytes) -> None:
        """Give the parser the next bytes of the stream."""
        buf = self._carry + data if self._carry else data
        self._at -= len(self._carry)
        self._carry = b""
        i = 0
        handlers = {Mode.START: self._start, Mode.H11: self._h11, Mode.TOLERANT: self._tolerant,
                    Mode.BODY: self._body, Mode.RESYNC: self._resync}
        while i < len(buf) and not self._carry:
            buf, i = handlers[self._mode](buf, i)

    def gap(self, length: int, reason: str) -> None:
        """``length`` bytes of the stream are missing from the capture here."""
        if length <= 0:
            return
        self._flush_carry("the bytes before a gap")
        msg = self._msg
        where = f"{length} bytes missing from the capture ({reason})"
        if self._mode is Mode.BODY and msg is not None and msg.framing is Framing.LENGTH:
            take = min(length, msg.remaining)
            self._body_hole(msg, take, where)
            msg.remaining -= take
            self._at += take
            if msg.remaining == 0:
                self._emit(msg, complete=False)
                if length > take:
                    self._skip(length - take, f"missing from the capture ({reason})")
                    self._mode = Mode.RESYNC
                    self._skip_reason = ("after bytes missing from the capture, before the "
                                         "next message")
                else:
                    self._mode = Mode.START
            return
        if self._mode is Mode.BODY and msg is not None and msg.framing is Framing.UNTIL_CLOSE:
            self._body_hole(msg, length, where)
            self._at += length
            return
        if self._mode is Mode.H11 and msg is not None and msg.head is not None:
            self._h11_to_manual(msg)
            self.gap(length, reason)
            return
        if msg is not None:  # inside a head, or inside a chunked body: framing is lost
            msg.problems.append(f"cut short: {where}; the rest of it cannot be framed")
            self._emit_partial(msg)
        self._skip(length, f"missing from the capture ({reason})")
        self._mode = Mode.RESYNC
        self._skip_reason = "after bytes missing from the capture, before the next message"

    def finish(self, closed: bool) -> None:
        """The stream ends here; ``closed``: the sender's FIN was captured."""
        self._flush_carry("bytes at the end of the stream")
        msg = self._msg
        if msg is None:
            return
        if self._mode is Mode.H11 and msg.head is not None and msg.conn is not None:
            if closed and msg.framing is Framing.UNTIL_CLOSE:
                msg.conn.receive_data(b"")
                try:
                    self._drain(msg)
                except h11.RemoteProtocolError as exc:
                    msg.problems.append(f"h11 refused it: {exc}")
                if self._msg is None:
                    return
            self._h11_to_manual(msg)
        if self._mode is Mode.BODY and msg.framing is Framing.UNTIL_CLOSE:
            if not closed:
                msg.problems.append("the capture ends before the connection closed, so the "
                                    "body (read until close) may be incomplete")
            self._emit(msg, complete=closed and not msg.missing)
            return
        if self._mode is Mode.BODY and msg.framing is Framing.LENGTH:
            got = msg.body_len
            msg.problems.append(f"truncated body: {got} of {got + msg.remaining} bytes "
                                "before the stream ends")
        elif self._mode is Mode.BODY:
            msg.problems.append("truncated chunked body: the last chunk never came")
        else:
            msg.problems.append("the stream ends inside the message head")
        self._emit_partial(msg)

    # ----------------------------------------------------------------- modes

    def _start(self, buf: bytes, i: int) -> tuple[bytes, int]:
        n = len(buf)
        j = i
        while j < n and buf[j] in b"\r\n":
            j += 1
        if j > i:
            self._skip(j - i, "empty line before a message (RFC 9112 §2.2 lets it be ignored)")
            i = j
        if i >= n:
            return buf, i
        decided = self._looks_like_start(buf[i:i + 24])
        if decided is None:
            self._carry = buf[i:]
            self._at += n - i
            return buf, n
        if not decided:
            self._mode = Mode.RESYNC
            self._skip_reason = "not the start of an HTTP message"
            return buf, i
        self._msg = _Msg(start=self._at)
        self._mode = Mode.H11
        self._new_h11(self._msg)
        return buf, i

    def _looks_like_start(self, head: bytes) -> bool | None:
        if self.kind is MessageKind.RESPONSE:
            if head.startswith(b"HTTP/"):
                return True
            return None if b"HTTP/".startswith(head) else False
        if _REQUEST_START.match(head):
            return True
        token = re.match(rb"[!#$%&'*+.^_`|~0-9A-Za-z-]*", head)
        return None if token and token.end() == len(head) and len(head) < 21 else False

    def _new_h11(self, msg: _Msg) -> None:
        if self.kind is MessageKind.REQUEST:
            msg.conn = h11.Connection(h11.SERVER, max_incomplete_event_size=MAX_HEAD)
            return
        msg.conn = h11.Connection(h11.CLIENT, max_incomplete_event_size=MAX_HEAD)
        method = self._methods[self._finals] if self._finals < len(self._methods) else "GET"
        try:
            msg.conn.send(h11.Request(method=method, target="/", headers=[("Host", "x")]))
        except h11.LocalProtocolError:  # a method h11 will not send: frame as a GET
            msg.conn = h11.Connection(h11.CLIENT, max_incomplete_event_size=MAX_HEAD)
            msg.conn.send(h11.Request(method="GET", target="/", headers=[("Host", "x")]))
        msg.conn.send(h11.EndOfMessage())

    def _h11(self, buf: bytes, i: int) -> tuple[bytes, int]:
        msg = self._msg
        assert msg is not None and msg.conn is not None
        chunk = buf[i:i + _SLICE]
        msg.conn.receive_data(chunk)
        msg.fed += len(chunk)
        if msg.head is None:
            msg.raw += chunk
        end = i + len(chunk)
        self._at += len(chunk)
        conn = msg.conn
        try:
            self._drain(msg)
        except h11.RemoteProtocolError as exc:
            assert self._msg is not None
            return self._h11_refused(self._msg, exc, buf, end)
        if self._msg is not None and self._mode is Mode.H11:
            return buf, end
        # The message ended; h11 holds the bytes after it (a suffix of what it was fed).
        rest = conn.trailing_data[0]
        self._at -= len(rest)
        if len(rest) <= len(chunk):
            return buf, end - len(rest)
        return bytes(rest) + buf[end:], 0

    def _drain(self, msg: _Msg) -> None:
        """Take h11's events until it needs data or the message is complete."""
        conn = msg.conn
        assert conn is not None
        while self._msg is msg:
            event = conn.next_event()
            if event is h11.NEED_DATA:
                return
            consumed = msg.fed - len(conn.trailing_data[0])
            if event is h11.PAUSED:  # protocol switch (101, CONNECT): not HTTP after this
                if msg.head is not None:
                    self._emit(msg, complete=True, end=msg.start + consumed)
                self._msg = None
                self._mode = Mode.RESYNC
                self._skip_reason = "after a protocol switch (no longer HTTP/1.1)"
                return
            if isinstance(event, h11.Request | h11.Response | h11.InformationalResponse):
                self._h11_head(msg, event, consumed)
                if isinstance(event, h11.InformationalResponse):
                    # A 1xx is a whole message; the final response follows as a new one.
                    self._emit(msg, complete=True, end=msg.start + consumed)
                    if event.status_code == 101:  # Switching Protocols (RFC 9110 §15.2.2)
                        self._mode = Mode.RESYNC
                        self._skip_reason = "after a protocol switch (no longer HTTP/1.1)"
                    return
            elif isinstance(event, h11.Data):
                self._add_body(msg, bytes(event.data))
            elif isinstance(event, h11.EndOfMessage):
                self._emit(msg, complete=True, end=msg.start + consumed)
                self._mode = Mode.START
            elif isinstance(event, h11.ConnectionClosed):
                self._emit_partial(msg)
                return

    def _h11_head(
        self, msg: _Msg, event: h11.Request | h11.Response | h11.InformationalResponse,
        consumed: int,
    ) -> None:
        raw = bytes(msg.raw[: consumed - (msg.fed - len(msg.raw))])
        lines = raw.replace(b"\r\n", b"\n").split(b"\n")
        problems = msg.problems
        head = Head(self.kind, decode_text(lines[0], "the start line", problems), [],
                    version=f"HTTP/{event.http_version.decode('ascii')}", problems=problems)
        head.headers = header_lines(list(event.headers.raw_items()), problems)
        size_problems(len(raw), lines, problems)
        if isinstance(event, h11.Request):
            head.method = event.method.decode("ascii")
            head.target = event.target.decode("utf-8", "backslashreplace")
        else:
            head.status = event.status_code
            head.reason = event.reason.decode("utf-8", "backslashreplace")
        msg.head = head
        msg.raw = bytearray()
        self._set_framing(msg)

    def _set_framing(self, msg: _Msg) -> None:
        assert msg.head is not None
        method = self._methods[self._finals] if self._finals < len(self._methods) else "GET"
        msg.framing, length, problems = framing(msg.head, method)
        msg.problems.extend(problems)
        msg.remaining = length or 0
        if msg.framing is Framing.CHUNKED:
            msg.dechunker = Dechunker()

    def _h11_refused(
        self, msg: _Msg, exc: h11.RemoteProtocolError, buf: bytes, end: int
    ) -> tuple[bytes, int]:
        why = f"h11 refused it: {exc}"
        assert msg.conn is not None
        if msg.head is None:  # refused the head: parse it tolerantly from its raw bytes
            msg.problems.append(why)
            raw, msg.raw = bytes(msg.raw), bytearray()
            msg.conn = None
            self._mode = Mode.TOLERANT
            self._at = msg.start
            return raw + buf[end:], 0
        msg.problems.append(why)  # refused the body (e.g. bad chunk framing)
        rest = msg.conn.trailing_data[0]
        self._at -= len(rest)
        self._emit_partial(msg)
        self._mode = Mode.RESYNC
        self._skip_reason = "after a body h11 could not frame"
        return bytes(rest) + buf[end:], 0

    def _tolerant(self, buf: bytes, i: int) -> tuple[bytes, int]:
        msg = self._msg
        assert msg is not None
        before = len(msg.raw)
        msg.raw += buf[i:]
        stop = find_head_end(msg.raw, max(0, before - 3))
        if stop < 0:
            self._at += len(buf) - i
            if len(msg.raw) > MAX_HEAD:
                msg.problems.append(f"no end of the head within {MAX_HEAD // 1024} KiB")
                self._emit_partial(msg)
                self._mode = Mode.RESYNC
                self._skip_reason = "after a head that never ended"
            return buf, len(buf)
        used = stop - before
        self._at += used
        earlier = msg.problems
        msg.head = parse_head(bytes(msg.raw[:stop]), self.kind)
        msg.problems = earlier + msg.head.problems
        msg.head.problems = msg.problems
        msg.raw = bytearray()
        self._set_framing(msg)
        self._mode = Mode.BODY
        if msg.framing is Framing.NONE:
            self._emit(msg, complete=True)
        return buf, i + used

    def _h11_to_manual(self, msg: _Msg) -> None:
        """Continue a message h11 started by hand (h11 cannot be told about missing bytes)."""
        msg.remaining = max(0, msg.remaining - msg.body_len)
        msg.conn = None
        self._mode = Mode.BODY
        if msg.framing is Framing.CHUNKED:
            msg.dechunker = None  # the chunk framing so far lived in h11

    def _body(self, buf: bytes, i: int) -> tuple[bytes, int]:
        msg = self._msg
        assert msg is not None
        if msg.framing is Framing.LENGTH:
            take = min(msg.remaining, len(buf) - i)
            self._add_body(msg, buf[i:i + take])
            msg.remaining -= take
            self._at += take
            if msg.remaining == 0:
                self._emit(msg, complete=not msg.missing)
            return buf, i + take
        if msg.framing is Framing.CHUNKED and msg.dechunker is not None:
            d = msg.dechunker
            before = len(d.body)
            stop = d.feed(buf, i)
            self._add_body(msg, bytes(d.body[before:]))
            del d.body[:]  # the body is kept in ``msg`` (with its size cap)
            self._at += stop - i
            if d.done:
                self._emit(msg, complete=not msg.missing)
            elif d.error:
                msg.problems.append(f"chunked body: {d.error}")
                self._emit_partial(msg)
                self._mode = Mode.RESYNC
                self._skip_reason = "after a chunked body that could not be framed"
            return buf, stop
        if msg.framing is Framing.CHUNKED:  # chunk framing lost (h11 held it): resync
            msg.problems.append("chunked body interrupted; its end cannot be found")
            self._emit_partial(msg)
            self._mode = Mode.RESYNC
            self._skip_reason = "inside a chunked body whose framing was lost"
            return buf, i
        self._add_body(msg, buf[i:])  # until close
        self._at += len(buf) - i
        return buf, len(buf)

    def _resync(self, buf: bytes, i: int) -> tuple[bytes, int]:
        pattern = _STATUS_LINE if self.kind is MessageKind.RESPONSE else _REQUEST_LINE
        line = i
        while line < len(buf):  # candidate starts: here, and after every newline
            if pattern.match(buf, line):
                self._skip(line - i, self._skip_reason)
                self._mode = Mode.START
                return buf, line
            nl = buf.find(b"\n", line)
            if nl < 0:
                break
            line = nl + 1
        keep = len(buf) - line if len(buf) - line <= _CARRY else 0
        self._skip(len(buf) - i - keep, self._skip_reason)
        self._carry = buf[len(buf) - keep:] if keep else b""
        self._at += keep
        return buf, len(buf)

    # ----------------------------------------------------------------- helpers

    def _flush_carry(self, what: str) -> None:
        if self._carry:
            self._at -= len(self._carry)
            carry, self._carry = self._carry, b""
            if self._mode is Mode.START:
                self._skip_reason = f"{what}: too short to be a message"
            self._skip(len(carry), self._skip_reason or what)
            self._mode = Mode.RESYNC if self._mode is Mode.START else self._mode

    def _skip(self, length: int, reason: str) -> None:
        if length <= 0:
            return
        last = self.skipped[-1] if self.skipped else None
        if last is not None and last.offset + last.length == self._at and last.reason == reason:
            self.skipped[-1] = SkippedBytes(last.offset, last.length + length, reason)
        else:
            self.skipped.append(SkippedBytes(self._at, length, reason))
        self._at += length

    def _add_body(self, msg: _Msg, data: bytes) -> None:
        room = BODY_KEEP - len(msg.body)
        if room > 0:
            msg.body += data[:room]
        if len(data) > room and len(msg.body) == BODY_KEEP and msg.body_len <= BODY_KEEP:
            msg.problems.append(f"body longer than {BODY_KEEP >> 20} MiB: only its start is kept")
        msg.body_len += len(data)

    def _body_hole(self, msg: _Msg, length: int, where: str) -> None:
        msg.missing += length
        msg.problems.append(f"body bytes {msg.body_len}..{msg.body_len + length - 1} are "
                            f"{where}")
        msg.body_len += length

    def _emit_partial(self, msg: _Msg) -> None:
        if msg.head is None:
            raw = bytes(msg.raw)
            stop = find_head_end(raw)
            msg.head = parse_head(raw[:stop] if stop >= 0 else raw, self.kind)
            msg.problems.extend(p for p in msg.head.problems if p not in msg.problems)
        self._emit(msg, complete=False)

    def _emit(self, msg: _Msg, complete: bool, end: int | None = None) -> None:
        head = msg.head
        assert head is not None
        stop = self._at if end is None else end
        message = HttpMessage(
            kind=self.kind,
            start_line=head.start_line,
            headers=tuple(head.headers),
            body=bytes(msg.body),
            raw_length=stop - msg.start,
            version=head.version,
            method=head.method,
            target=head.target,
            status=head.status,
            reason=head.reason,
            chunked=msg.framing is Framing.CHUNKED,
            complete=complete and not msg.missing,
            problems=tuple(dict.fromkeys(msg.problems)),
            connection=self.connection,
        )
        self.messages.append(ParsedMessage(message, msg.start, stop))
        if head.status is None or head.status >= 200 or head.status == 101:
            self._finals += 1
        self._msg = None
        self._mode = Mode.START


def parse_bytes(
    kind: MessageKind, data: bytes, methods: Sequence[str] = (), closed: bool = True
) -> CaptureHttpParser:
    """Parse a whole direction given as bytes (convenience for tests and scenarios)."""
    parser = CaptureHttpParser(kind, methods)
    parser.feed(data)
    parser.finish(closed)
    return parser
