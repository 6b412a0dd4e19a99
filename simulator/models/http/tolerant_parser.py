"""The tolerant stream parser: h11 first, then by hand what h11 refuses, gaps and garbage.

Theory of operation
-------------------
A capture is not what a well-behaved peer wrote: it may start in the middle of a message,
miss segments, or hold messages h11 rightly refuses (``head`` lists the cases). A teaching
tool must show all of it, marked, and still find the messages after. :class:`TolerantHttpParser`
is the strict ``stream_parser.HttpStreamParser`` (h11 reads every message it can) with three
more modes for the rest, and it is told about bytes missing from the capture (``gap``) and
about the end of the stream (``finish``: with or without the sender's FIN):

===========  ==============================================================================
``START``    at a message boundary: skip empty lines (RFC 9112 §2.2), then decide from the
             first bytes whether a start line begins here (``HTTP/`` for a response, a method
             token and a space for a request); if so h11 reads it (``H11``), if not,
             ``RESYNC``.
``TOLERANT`` h11 refused the head: ``head.parse_head`` reads it and marks why.
``BODY``     the body is framed by hand: after a tolerant head, or after a gap in the body
             (h11 cannot be told that bytes are missing; a Content-Length still says where the
             message ends, so the next message is found exactly). A chunked body is decoded
             by ``chunked.Dechunker``, also from where h11 stopped reading its chunk framing:
             where it refused it (RFC 9112 §7.1 allows whitespace before ";", which h11
             refuses; this parser tolerates a bare LF ending a chunk line as §2.2 tolerates
             it in heads, and h11 does not), or, as h11 waits for a CRLF, at a gap or the
             end of the stream.
``RESYNC``   not at a message start (after a gap, at a capture that starts mid-message, after
             garbage or a protocol switch): skip to the next line that looks like a start
             line; the skipped bytes are recorded (``skipped``), never silently dropped.
===========  ==============================================================================

Where the strict parser stops, this one records the message with ``problems`` saying what was
not understood and goes on, so every byte of the stream ends up in a message or in
``skipped``. Its heads are read with the same rules as the strict parser's, so a message h11
accepts looks the same from a capture as from the simulation.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import ClassVar

from simulator.models.http import problems as say
from simulator.models.http.chunked import Dechunker
from simulator.models.http.head import MAX_HEAD, Framing, find_head_end, parse_head
from simulator.models.http.snapshot import HttpMessage, MessageKind
from simulator.models.http.stream_parser import (
    HttpStreamParser,
    MessageInProgress,
    Mode,
    ModeStep,
)
from simulator.models.limits import MESSAGES_PER_STREAM

__all__ = ["SkippedBytes", "TolerantHttpParser", "parse_bytes"]

_REQUEST_START = re.compile(rb"[!#$%&'*+.^_`|~0-9A-Za-z-]{1,20} ")
_REQUEST_LINE = re.compile(rb"[A-Z][A-Z-]{1,19} [^\s]+ HTTP/\d\.\d\r?\n")
_STATUS_LINE = re.compile(rb"HTTP/\d\.\d \d{3}[ \r\n]")
#: While resynchronising, a partial last line up to this long is kept for the next piece.
_CARRY = 8 * 1024
_AFTER_GAP = "after bytes missing from the capture, before the next message"


@dataclass(frozen=True)
class SkippedBytes:
    """Stream bytes that are not part of any message (or are missing from the capture)."""

    offset: int
    length: int
    reason: str


class TolerantHttpParser(HttpStreamParser):
    """Incremental parser for one direction of a captured connection: never stops; what is
    not a message is recorded in ``skipped``."""

    head_limit: ClassVar[int] = MAX_HEAD
    keeps_message_bytes: ClassVar[bool] = False  # a capture's bodies may be large
    # Set by _resync, the only way into RESYNC mode, before they are read:
    _skip_reason: str  # why the bytes being skipped are skipped
    _mid_line: bool  # resynchronising inside a line too long to hold (see _CARRY)

    def __init__(self, kind: MessageKind, methods: Sequence[str] = (), *, connection: int = 0,
                 offset: int = 0) -> None:
        super().__init__(kind, methods, connection=connection, offset=offset)
        self.skipped: list[SkippedBytes] = []
        self._past_limit = False  # ``limits.MESSAGES_PER_STREAM`` messages read: no more

    # ----------------------------------------------------------------- public interface

    def feed(self, data: bytes) -> tuple[HttpMessage, ...]:
        if self._past_limit:  # past the limit: counted as skipped, never scanned
            self._skip(len(data), self._skip_reason)
            return ()
        return super().feed(data)

    def gap(self, length: int, reason: str) -> None:
        """``length`` bytes of the stream are missing from the capture here."""
        if self._past_limit:
            self._skip(length, self._skip_reason)
            return
        if length <= 0:
            return
        self._flush_carry("the bytes before a gap")
        self._read_chunks_h11_holds("the bytes before a gap")
        msg = self._msg
        if self._mode is Mode.BODY and msg is not None and msg.framing is Framing.LENGTH:
            take = min(length, msg.remaining)
            self._body_hole(msg, take, reason)
            msg.remaining -= take
            self._at += take
            if msg.remaining == 0:
                self._emit(msg, complete=False)
                if length > take:
                    self._skip(length - take, f"missing from the capture ({reason})")
                    self._resync(_AFTER_GAP)
            return
        if self._mode is Mode.BODY and msg is not None and msg.framing is Framing.UNTIL_CLOSE:
            self._body_hole(msg, length, reason)
            self._at += length
            return
        if self._mode is Mode.H11 and msg is not None and msg.head is not None:
            self._h11_to_manual(msg)
            self.gap(length, reason)
            return
        if msg is not None:  # inside a head, or inside a chunked body: framing is lost
            where = say.MISSING.format(length=length, reason=reason)
            msg.problems.append(say.CUT_SHORT.format(where=where))
            self._emit_partial(msg)
        self._skip(length, f"missing from the capture ({reason})")
        self._resync(_AFTER_GAP)

    def finish(self, closed: bool) -> tuple[HttpMessage, ...]:
        """The stream ends here; ``closed``: the sender's FIN was captured. Returns the
        messages this completed (or cut short)."""
        known = len(self.messages)
        if self._past_limit:
            return ()
        self._flush_carry("bytes at the end of the stream")
        self._read_chunks_h11_holds("bytes at the end of the stream")
        if self._msg is not None:
            self._finish_message(self._msg, closed)
        return self._completed_since(known)

    def close(self) -> tuple[HttpMessage, ...]:
        return self.finish(closed=True)

    # ----------------------------------------------------------------- modes

    def _mode_steps(self) -> dict[Mode, ModeStep]:
        return {**super()._mode_steps(), Mode.TOLERANT: self._tolerant, Mode.BODY: self._body,
                Mode.RESYNC: self._skip_to_start_line}

    def _start(self, buf: bytes, i: int) -> tuple[bytes, int]:
        n = len(buf)
        j = i
        while j < n and buf[j] in b"\r\n":
            j += 1
        self._skip(j - i, "empty line before a message (RFC 9112 §2.2 lets it be ignored)")
        i = j
        decided = self._looks_like_start(buf[i:i + 24])
        if decided is None:
            self._carry = buf[i:]
            self._at += n - i
            return buf, n
        if decided and len(self.messages) >= MESSAGES_PER_STREAM:
            self._stop_reading(len(buf) - i)
            return buf, len(buf)
        if decided:
            self._begin()
        else:
            self._resync("not the start of an HTTP message")
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

    def _refused(self, msg: MessageInProgress, reason: str, buf: bytes,
                 end: int) -> tuple[bytes, int]:
        """h11 refused the message: read its head by hand, or skip past a body it could not
        frame (``buf[end:]`` was not given to h11)."""
        msg.problems.append(say.H11_REFUSED.format(reason=reason))
        assert msg.conn is not None
        if msg.head is None:  # refused the head: parse it tolerantly from its raw bytes
            raw, msg.raw = bytes(msg.raw), bytearray()
            self._mode = Mode.TOLERANT
            self._at = msg.start
            return raw + buf[end:], 0
        # Refused the chunk framing (h11 refuses no other body), which RFC 9112 §7.1 allows
        # more freely than h11 reads it (BWS before ";"; a bare LF, tolerated here as §2.2
        # tolerates it in heads).
        assert msg.framing is Framing.CHUNKED
        return self._chunks_by_hand(msg) + buf[end:], 0

    def _leave_http(self, reason: str) -> None:
        self._resync(reason)

    def _tolerant(self, buf: bytes, i: int) -> tuple[bytes, int]:
        """Read by hand the head h11 refused, which ``buf`` starts with. h11 refuses a
        head once it has ended, or, still open, once it is longer than MAX_HEAD (its limit
        here): so either it ends in ``buf`` or it never ends."""
        msg = self._msg
        assert msg is not None and i == 0  # (_refused hands the head over from its start)
        stop = find_head_end(buf, 0)
        if stop is None:
            self._at += len(buf)
            msg.raw = bytearray(buf)
            msg.problems.append(say.NO_HEAD_END.format(limit=MAX_HEAD // 1024))
            self._emit_partial(msg)
            self._resync("after a head that never ended")
            return buf, len(buf)
        self._at += stop
        msg.head = parse_head(buf[:stop], self.kind)
        msg.problems += msg.head.problems
        self._set_framing(msg)
        if msg.framing is Framing.CHUNKED:
            msg.dechunker = Dechunker()
        self._mode = Mode.BODY
        if msg.framing is Framing.NONE:
            self._emit(msg, complete=True)
        return buf, stop

    def _h11_to_manual(self, msg: MessageInProgress) -> None:
        """Continue by hand a message h11 started whose body is framed by its length or by
        the close (h11 cannot be told about missing bytes, nor end a body at a gap). A
        chunked body goes on by hand with ``_chunks_by_hand`` instead."""
        assert msg.framing is not Framing.CHUNKED
        msg.remaining -= msg.body_len  # (a Content-Length body is not complete yet)
        self._mode = Mode.BODY

    def _chunks_by_hand(self, msg: MessageInProgress) -> bytes:
        """Go on decoding by hand (``chunked.Dechunker``) a chunked body h11 was reading,
        from h11's last event; return the bytes h11 held without an event (``msg.raw``, a
        suffix of the stream so far), to be read again: they may end the body, and hold
        messages after it."""
        held, msg.raw = bytes(msg.raw), bytearray()
        msg.dechunker = Dechunker(after_chunk_data=msg.chunks > 0)
        msg.dechunker.chunks = msg.chunks
        self._at -= len(held)
        self._mode = Mode.BODY
        return held

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
        if msg.framing is Framing.CHUNKED:
            d = msg.dechunker
            assert d is not None  # (set by _tolerant or _chunks_by_hand)
            stop = d.feed(buf, i)
            self._add_body(msg, bytes(d.body))
            d.body.clear()  # the body is kept in ``msg`` (with its size cap)
            msg.chunks = d.chunks
            self._at += stop - i
            if d.done:
                self._emit(msg, complete=not msg.missing)
            elif d.error:
                msg.problems.append(say.CHUNKED_BODY.format(error=d.error))
                self._emit_partial(msg)
                self._resync("after a chunked body that could not be framed")
            return buf, stop
        self._add_body(msg, buf[i:])  # until close
        self._at += len(buf) - i
        return buf, len(buf)

    def _skip_to_start_line(self, buf: bytes, i: int) -> tuple[bytes, int]:
        pattern = _STATUS_LINE if self.kind is MessageKind.RESPONSE else _REQUEST_LINE
        line = i
        mid_line, self._mid_line = self._mid_line, False
        if mid_line:  # a new piece that continues a line given up on: not a line start
            assert i == 0  # (the line was given up on at the end of the piece before)
            line = buf.find(b"\n") + 1
            if not line:  # it goes on past this piece too
                self._skip(len(buf), self._skip_reason)
                self._mid_line = True
                return buf, len(buf)
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
        self._mid_line = line < len(buf) and not keep
        self._skip(len(buf) - i - keep, self._skip_reason)
        self._carry = buf[len(buf) - keep:] if keep else b""
        self._at += keep
        return buf, len(buf)

    # ----------------------------------------------------------------- helpers

    def _finish_message(self, msg: MessageInProgress, closed: bool) -> None:
        if self._mode is Mode.H11 and msg.head is not None:
            self._h11_to_manual(msg)  # (what h11 would do at the close, done by hand)
        if self._mode is Mode.BODY and msg.framing is Framing.UNTIL_CLOSE:
            if not closed:
                msg.problems.append(say.OPEN_AT_END)
            self._emit(msg, complete=closed and not msg.missing)
            return
        if self._mode is Mode.BODY and msg.framing is Framing.LENGTH:
            got = msg.body_len
            msg.problems.append(say.TRUNCATED_BODY.format(got=got, total=got + msg.remaining))
        elif self._mode is Mode.BODY:
            msg.problems.append(say.TRUNCATED_CHUNKED)
        else:
            msg.problems.append(say.ENDS_IN_HEAD)
        self._emit_partial(msg)

    def _read_chunks_h11_holds(self, what: str) -> None:
        """Before a gap or the end of the stream, read by hand the bytes h11 holds of a
        chunked body: h11 waits for a CRLF that bare-LF chunk lines never send (it refuses
        them only once a CRLF or MAX_HEAD bytes arrive), so it may hold whole chunks, the
        last one, and messages after it. ``what`` says, in ``skipped``, where a start line
        left unfinished was cut."""
        msg = self._msg
        while (self._mode is Mode.H11 and msg is not None and msg.head is not None
               and msg.framing is Framing.CHUNKED):
            self.feed(self._chunks_by_hand(msg))
            self._flush_carry(what)
            msg = self._msg

    def _stop_reading(self, length: int) -> None:
        """``limits.MESSAGES_PER_STREAM`` messages are read and another starts: the rest of
        the stream is skipped, and the last message read says so."""
        self._past_limit = True
        self._skip_reason = say.TOO_MANY_MESSAGES.format(limit=MESSAGES_PER_STREAM)
        last = self.messages[-1]
        self.messages[-1] = replace(last, message=replace(
            last.message, problems=(*last.message.problems, self._skip_reason)))
        self._skip(length, self._skip_reason)

    def _resync(self, reason: str) -> None:
        """Skip to the next start line; ``reason`` says why the bytes before it are skipped."""
        self._mode = Mode.RESYNC
        self._skip_reason = reason
        self._mid_line = False

    def _flush_carry(self, what: str) -> None:
        if self._carry:
            self._at -= len(self._carry)
            carry, self._carry = self._carry, b""
            self._skip(len(carry), f"{what}: too short to be a message"
                       if self._mode is Mode.START else self._skip_reason)

    def _skip(self, length: int, reason: str) -> None:
        if length <= 0:
            return
        last = self.skipped[-1] if self.skipped else None
        if last is not None and last.offset + last.length == self._at and last.reason == reason:
            self.skipped[-1] = SkippedBytes(last.offset, last.length + length, reason)
        else:
            self.skipped.append(SkippedBytes(self._at, length, reason))
        self._at += length

    def _body_hole(self, msg: MessageInProgress, length: int, reason: str) -> None:
        msg.missing += length
        msg.problems.append(say.BODY_HOLE.format(first=msg.body_len, last=msg.body_len + length - 1,
                                                 length=length, reason=reason))
        msg.body_len += length


def parse_bytes(
    kind: MessageKind, data: bytes, methods: Sequence[str] = (), closed: bool = True
) -> TolerantHttpParser:
    """Parse a whole direction given as bytes (convenience for tests and scenarios)."""
    parser = TolerantHttpParser(kind, methods)
    parser.feed(data)
    parser.finish(closed)
    return parser
