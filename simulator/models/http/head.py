"""Message heads (start line and header fields) and body framing, as a viewer reads them.

Theory of operation
-------------------
A head is read one of two ways, and both end up as a :class:`Head` whose text follows the same
rules, so a message looks the same whichever way it was read:

* **From h11's events** (``read_h11_head``), for the heads h11 accepts (the stream parsers,
  ``stream_parser``, and the simulated server, ``message.ServerConnection``): h11 has checked
  the syntax; the start line is shown as it was sent and the header fields come from h11's
  ``raw_items`` (original case and order).
* **By hand** (``parse_head``), for the heads h11 refuses. Real captures hold such messages,
  and a teaching tool must still show them, marked. h11 is right to refuse them (it is a strict
  implementation of RFC 9112 written for building clients and servers, where accepting a bad
  message is a security risk), so it is the wrong tool for *showing* them; these are the cases
  met in captures and test suites:

  - an HTTP/1.1 request without ``Host`` (RFC 9112 §3.2 makes it mandatory; h11 raises);
  - spaces inside the request target, or a header name with a space (§3.2, §5.1);
  - conflicting ``Content-Length`` headers, or ``Transfer-Encoding: gzip, chunked`` (§6.1,
    §6.3: h11 only supports ``chunked`` alone);
  - a start line that is not HTTP at all, or a header block that never ends.

  So ``parse_head`` re-implements just enough of RFC 9112 to frame and show such a message:
  lines end in CRLF or a bare LF (§2.2 allows recipients to accept LF), the start line is
  split on whitespace (§3, §4), header fields are ``name ":" value`` with obsolete line
  folding joined (§5.2).

``framing`` gives the body length by §6.3 (no body for HEAD, 1xx, 204, 304; chunked if
``chunked`` is the final transfer coding; else ``Content-Length``; else a request has no body
and a response runs until the connection closes); chunked bodies read by hand are decoded by
``chunked.Dechunker`` (§7.1). Whatever deviates from the RFC is recorded as a *problem* so the
view can mark the message; ``Head.message`` turns a head and its body into the
``HttpMessage`` the views show.

Header values become text as UTF-8 when they are valid UTF-8, else as Latin-1 (RFC 9110 §5.5:
field values are octets; historically ISO-8859-1) with a problem saying so; control bytes
(binary data in a header) are shown escaped as ``\\xNN`` and also reported.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, field
from typing import Literal

import h11

from simulator.models.http import problems as say
from simulator.models.http.snapshot import HeaderLine, HttpMessage, MessageKind
from simulator.models.limits import HEAD_BYTES, HEADER_LINES, STRICT_HEAD_BYTES

#: Heads larger than this are reported as oversized (h11's default limit; nginx and Apache
#: accept 8 KiB per line): a warning, not a limit.
OVERSIZED_HEAD = STRICT_HEAD_BYTES
OVERSIZED_LINE = 8 * 1024
#: A head that has not ended after this many bytes is not an HTTP head (``limits``).
MAX_HEAD = HEAD_BYTES

_TOKEN = re.compile(rb"[!#$%&'*+.^_`|~0-9A-Za-z-]+")
_VERSION = re.compile(rb"HTTP/(\d)\.(\d)")
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")
_HEAD_END = re.compile(rb"\r?\n\r?\n")
_DIGITS = re.compile(r"[0-9]{1,20}")  # Content-Length = 1*DIGIT (RFC 9112 §8.6); 20: as h11


class Framing(enum.Enum):
    """How the end of a message body is found (RFC 9112 §6.3)."""

    NONE = "no body"
    LENGTH = "Content-Length"
    CHUNKED = "chunked"
    UNTIL_CLOSE = "until the connection closes"


@dataclass
class Head:
    """A parsed message head (start line and header fields)."""

    kind: MessageKind
    start_line: str
    headers: list[HeaderLine]
    version: str = "HTTP/1.1"
    method: str | None = None
    target: str | None = None
    status: int | None = None
    reason: str | None = None
    problems: list[str] = field(default_factory=list)

    def message(
        self, body: bytes, raw_length: int, *, problems: list[str], chunked: bool,
        complete: bool, connection: int, exchange: int,
    ) -> HttpMessage:
        """The message this head starts, with its body (each problem listed once)."""
        return HttpMessage(
            kind=self.kind, start_line=self.start_line, headers=tuple(self.headers), body=body,
            raw_length=raw_length, version=self.version, method=self.method,
            target=self.target, status=self.status, reason=self.reason, chunked=chunked,
            complete=complete, problems=tuple(dict.fromkeys(problems)), connection=connection,
            exchange=exchange)


TextPart = Literal["start line", "header name", "header value"]


def find_head_end(buf: bytes | bytearray, start: int) -> int | None:
    """Offset just past the blank line (CRLF or bare LF) that ends the head starting at
    ``start``, or None if it has not ended."""
    m = _HEAD_END.search(buf, start)
    return m.end() if m else None


def head_bytes(buf: bytes | bytearray) -> bytes:
    """The head at the start of ``buf``: up to its blank line, or all of ``buf`` if it has
    none (yet)."""
    m = _HEAD_END.search(buf)
    return bytes(buf[: m.end()] if m else buf)


def _decode_text(raw: bytes, part: TextPart, problems: list[str], name: str = "") -> str:
    """Header/start-line bytes as text: UTF-8, else Latin-1 with a problem; controls escaped.
    ``part`` is "start line", "header name" or "header value" (of header ``name``)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")
        problems.append(say.NOT_UTF8[part].format(name=name))
    if _CONTROL.search(text):
        problems.append(say.CONTROL_BYTES[part].format(name=name))
        text = _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)
    return text


def _header_lines(raw_headers: list[tuple[bytes, bytes]], problems: list[str]) -> list[HeaderLine]:
    out = []
    for name, value in raw_headers:
        shown = _decode_text(name, "header name", problems)
        out.append(HeaderLine(shown, _decode_text(value, "header value", problems, shown)))
    return out


def _size_problems(head_len: int, lines: list[bytes], problems: list[str]) -> None:
    if head_len > OVERSIZED_HEAD:
        problems.append(say.OVERSIZED_HEAD.format(size=head_len, limit=OVERSIZED_HEAD // 1024))
    longest = max((len(x) for x in lines), default=0)
    if longest > OVERSIZED_LINE:
        problems.append(say.LONG_LINE.format(size=longest, limit=OVERSIZED_LINE // 1024))


def read_h11_head(
    kind: MessageKind, event: h11.Request | h11.Response | h11.InformationalResponse,
    raw: bytes, problems: list[str],
) -> Head:
    """The head h11 read as ``event`` from the bytes ``raw``: the start line as it was sent,
    the fields as h11 split them (original case and order); text problems go to ``problems``."""
    lines = raw.replace(b"\r\n", b"\n").split(b"\n")
    head = Head(kind, _decode_text(lines[0], "start line", problems), [],
                version=f"HTTP/{event.http_version.decode('ascii')}", problems=problems)
    # All of them, whatever limits.HEADER_LINES says: h11 framed the body by all of them (a
    # Transfer-Encoding on line 1,001 still makes it chunked), and its head limit bounds them.
    head.headers = _header_lines(list(event.headers.raw_items()), problems)
    _size_problems(len(raw), lines, problems)
    if isinstance(event, h11.Request):
        head.method = event.method.decode("ascii")
        head.target = event.target.decode("utf-8", "backslashreplace")
    else:
        head.status = event.status_code
        head.reason = event.reason.decode("utf-8", "backslashreplace")
    return head


def parse_head(raw: bytes, kind: MessageKind) -> Head:
    """Parse a complete head (start line + fields, without the blank line), tolerantly."""
    lines = raw.replace(b"\r\n", b"\n").split(b"\n")
    while lines and not lines[-1]:
        lines.pop()
    problems: list[str] = []
    first = lines[0] if lines else b""
    head = Head(kind, _decode_text(first, "start line", problems), [], problems=problems)
    words = first.split()
    if kind is MessageKind.REQUEST:
        _request_line(words, head)
    else:
        _status_line(words, head)
    raw_headers: list[tuple[bytes, bytes]] = []
    if len(lines) > HEADER_LINES:  # (and obs-fold cannot grow one value line by line forever)
        problems.append(say.TOO_MANY_HEADER_LINES.format(limit=HEADER_LINES))
    for number, line in enumerate(lines[1:HEADER_LINES], start=2):
        if line[:1] in (b" ", b"\t") and raw_headers:  # obs-fold (RFC 9112 §5.2)
            name, value = raw_headers[-1]
            raw_headers[-1] = (name, value + b" " + line.strip())
            problems.append(say.OBSOLETE_FOLD.format(number=number))
            continue
        name, colon, value = line.partition(b":")
        if not colon:
            shown = line[:60].decode("latin-1")
            problems.append(say.NO_COLON.format(number=number, line=repr(shown)))
            continue
        if not _TOKEN.fullmatch(name):
            problems.append(say.NAME_NOT_TOKEN.format(number=number, name=repr(name[:40])))
            name = name.strip()
        raw_headers.append((name, value.strip(b" \t")))
    head.headers = _header_lines(raw_headers, problems)
    _size_problems(len(raw), lines, problems)
    if (kind is MessageKind.REQUEST and head.version == "HTTP/1.1"
            and not any(h.name.lower() == "host" for h in head.headers)):
        problems.append(say.NO_HOST)
    return head


def _request_line(words: list[bytes], head: Head) -> None:
    if len(words) >= 3 and _VERSION.fullmatch(words[-1]) and _TOKEN.fullmatch(words[0]):
        head.method = words[0].decode("ascii")
        head.target = b" ".join(words[1:-1]).decode("utf-8", "backslashreplace")
        head.version = words[-1].decode("ascii")
        if len(words) > 3:
            head.problems.append(say.TARGET_SPACES)
    elif len(words) == 2 and _TOKEN.fullmatch(words[0]):
        head.method = words[0].decode("ascii")
        head.target = words[1].decode("utf-8", "backslashreplace")
        head.version = "HTTP/0.9"
        head.problems.append(say.NO_VERSION)
    elif len(words) == 3 and _TOKEN.fullmatch(words[0]):
        head.method = words[0].decode("ascii")
        head.target = words[1].decode("utf-8", "backslashreplace")
        head.version = words[2].decode("utf-8", "backslashreplace")
        head.problems.append(say.NOT_A_VERSION.format(version=repr(head.version)))
    else:
        head.problems.append(say.BAD_REQUEST_LINE)


def _status_line(words: list[bytes], head: Head) -> None:
    if len(words) >= 2 and _VERSION.fullmatch(words[0]) and re.fullmatch(rb"\d{3}", words[1]):
        head.version = words[0].decode("ascii")
        head.status = int(words[1])
        head.reason = b" ".join(words[2:]).decode("utf-8", "backslashreplace")
    else:
        head.problems.append(say.BAD_STATUS_LINE)


def framing(
    head: Head, request_method: str | None = None
) -> tuple[Framing, int | None, list[str]]:
    """The body framing of ``head`` (RFC 9112 §6.3), the length if known, and problems."""
    problems: list[str] = []
    names = [h.name.lower() for h in head.headers]
    if head.kind is MessageKind.RESPONSE:
        status = head.status or 0
        if (request_method == "HEAD" or 100 <= status < 200 or status in (204, 304)
                or (request_method == "CONNECT" and 200 <= status < 300)):
            return Framing.NONE, 0, problems
    codings = [c.strip().lower() for h in head.headers if h.name.lower() == "transfer-encoding"
               for c in h.value.split(",") if c.strip()]
    if codings and "content-length" in names:  # a sender MUST NOT send both (§6.1)
        problems.append(say.LENGTH_AND_CHUNKED)
    if codings:
        if codings[-1] == "chunked":
            return Framing.CHUNKED, None, problems
        problems.append(say.NOT_CHUNKED_LAST.format(codings=", ".join(codings)))
        if head.kind is MessageKind.RESPONSE:
            return Framing.UNTIL_CLOSE, None, problems
    lengths = [h.value for h in head.headers if h.name.lower() == "content-length"]
    if lengths:
        values = sorted({v.strip() for v in lengths})
        if len(values) > 1:
            problems.append(say.CONFLICTING_LENGTHS.format(values=", ".join(values)))
        first = lengths[0]
        if _DIGITS.fullmatch(first.strip()):  # 1*DIGIT (§8.6): not "+5", "0x5" or "1_0"
            return Framing.LENGTH, int(first.strip()), problems
        problems.append(say.LENGTH_NOT_A_NUMBER.format(value=repr(first)))
    if head.kind is MessageKind.REQUEST:
        return Framing.NONE, 0, problems
    return Framing.UNTIL_CLOSE, None, problems
