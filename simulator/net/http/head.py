"""The tolerant half of capture HTTP parsing: message heads, body framing, chunked bodies.

Theory of operation
-------------------
Well-formed messages are parsed by h11 (``http_parse``). Real captures also hold messages h11
refuses, and a teaching tool must still show them, marked. h11 is right to refuse them (it is
a strict implementation of RFC 9112 written for building clients and servers, where accepting
a bad message is a security risk), so it is the wrong tool for *showing* them; these are the
cases met in captures and test suites:

* an HTTP/1.1 request without ``Host`` (RFC 9112 §3.2 makes it mandatory; h11 raises);
* spaces inside the request target, or a header name with a space (§3.2, §5.1);
* conflicting ``Content-Length`` headers, or ``Transfer-Encoding: gzip, chunked`` (§6.1, §6.3:
  h11 only supports ``chunked`` alone);
* a start line that is not HTTP at all, or a header block that never ends.

So this module re-implements just enough of RFC 9112 to frame and show such a message:
lines end in CRLF or a bare LF (§2.2 allows recipients to accept LF), the start line is split
on whitespace (§3, §4), header fields are ``name ":" value`` with obsolete line folding
joined (§5.2), and the body length follows §6.3 (no body for HEAD, 1xx, 204, 304; chunked if
``chunked`` is the final transfer coding; else ``Content-Length``; else a request has no body
and a response runs until the connection closes). Chunked bodies are decoded by
:class:`Dechunker` (§7.1), incrementally, tolerating bare LF and chunk extensions. Whatever
deviates from the RFC is recorded as a *problem* so the view can mark the message.

Header values become text as UTF-8 when they are valid UTF-8, else as Latin-1 (RFC 9110 §5.5:
field values are octets; historically ISO-8859-1) with a problem saying so; control bytes
(binary data in a header) are shown escaped as ``\\xNN`` and also reported.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, field

from simulator.models.http.snapshot import HeaderLine, MessageKind

#: Heads larger than this are reported as oversized (h11's default limit; nginx and Apache
#: accept 8 KiB per line).
OVERSIZED_HEAD = 16 * 1024
OVERSIZED_LINE = 8 * 1024
#: A head that has not ended after this many bytes is not an HTTP head.
MAX_HEAD = 1024 * 1024

_TOKEN = re.compile(rb"[!#$%&'*+.^_`|~0-9A-Za-z-]+")
_VERSION = re.compile(rb"HTTP/(\d)\.(\d)")
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")
_HEAD_END = re.compile(rb"\r?\n\r?\n")


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


def find_head_end(buf: bytes | bytearray, start: int = 0) -> int:
    """Offset just past the blank line that ends the head, or -1 (CRLF or bare LF)."""
    m = _HEAD_END.search(buf, start)
    return m.end() if m else -1


def decode_text(raw: bytes, what: str, problems: list[str]) -> str:
    """Header/start-line bytes as text: UTF-8, else Latin-1 with a problem; controls escaped."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")
        problems.append(f"{what} is not valid UTF-8 (its bytes are shown as Latin-1)")
    if _CONTROL.search(text):
        problems.append(f"{what} holds control bytes (binary data), shown as \\xNN")
        text = _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)
    return text


def header_lines(raw_headers: list[tuple[bytes, bytes]], problems: list[str]) -> list[HeaderLine]:
    out = []
    for name, value in raw_headers:
        shown = decode_text(name, "a header name", problems)
        out.append(HeaderLine(shown, decode_text(value, f"header {shown}", problems)))
    return out


def size_problems(head_len: int, lines: list[bytes], problems: list[str]) -> None:
    if head_len > OVERSIZED_HEAD:
        problems.append(f"oversized head: {head_len} bytes (servers commonly refuse more than "
                        f"{OVERSIZED_HEAD // 1024} KiB)")
    longest = max((len(x) for x in lines), default=0)
    if longest > OVERSIZED_LINE:
        problems.append(f"a header line is {longest} bytes long (longer than the "
                        f"{OVERSIZED_LINE // 1024} KiB many servers accept)")


def parse_head(raw: bytes, kind: MessageKind) -> Head:
    """Parse a complete head (start line + fields, without the blank line), tolerantly."""
    lines = raw.replace(b"\r\n", b"\n").split(b"\n")
    while lines and not lines[-1]:
        lines.pop()
    problems: list[str] = []
    first = lines[0] if lines else b""
    head = Head(kind, decode_text(first, "the start line", problems), [], problems=problems)
    words = first.split()
    if kind is MessageKind.REQUEST:
        _request_line(words, head)
    else:
        _status_line(words, head)
    raw_headers: list[tuple[bytes, bytes]] = []
    for number, line in enumerate(lines[1:], start=2):
        if line[:1] in (b" ", b"\t") and raw_headers:  # obs-fold (RFC 9112 §5.2)
            name, value = raw_headers[-1]
            raw_headers[-1] = (name, value + b" " + line.strip())
            problems.append(f"line {number} continues the previous header (obsolete folding)")
            continue
        name, colon, value = line.partition(b":")
        if not colon:
            shown = line[:60].decode("latin-1")
            problems.append(f"line {number} is not a header field (no colon): {shown!r}")
            continue
        if not _TOKEN.fullmatch(name):
            problems.append(f"line {number}: the header name {name[:40]!r} is not a token")
            name = name.strip()
        raw_headers.append((name, value.strip(b" \t")))
    head.headers = header_lines(raw_headers, problems)
    size_problems(len(raw), lines, problems)
    if (kind is MessageKind.REQUEST and head.version == "HTTP/1.1"
            and not any(h.name.lower() == "host" for h in head.headers)):
        problems.append("HTTP/1.1 request without a Host header (RFC 9112 §3.2)")
    return head


def _request_line(words: list[bytes], head: Head) -> None:
    if len(words) >= 3 and _VERSION.fullmatch(words[-1]) and _TOKEN.fullmatch(words[0]):
        head.method = words[0].decode("ascii")
        head.target = b" ".join(words[1:-1]).decode("utf-8", "backslashreplace")
        head.version = words[-1].decode("ascii")
        if len(words) > 3:
            head.problems.append("the request target contains spaces")
    elif len(words) == 2 and _TOKEN.fullmatch(words[0]):
        head.method = words[0].decode("ascii")
        head.target = words[1].decode("utf-8", "backslashreplace")
        head.version = "HTTP/0.9"
        head.problems.append("request line without an HTTP version (HTTP/0.9 style)")
    elif len(words) == 3 and _TOKEN.fullmatch(words[0]):
        head.method = words[0].decode("ascii")
        head.target = words[1].decode("utf-8", "backslashreplace")
        head.version = words[2].decode("utf-8", "backslashreplace")
        head.problems.append(f"malformed start line: {head.version!r} is not an HTTP version "
                             "(expected HTTP/x.y)")
    else:
        head.problems.append("malformed start line: expected METHOD TARGET HTTP/x.y")


def _status_line(words: list[bytes], head: Head) -> None:
    if len(words) >= 2 and _VERSION.fullmatch(words[0]) and re.fullmatch(rb"\d{3}", words[1]):
        head.version = words[0].decode("ascii")
        head.status = int(words[1])
        head.reason = b" ".join(words[2:]).decode("utf-8", "backslashreplace")
    else:
        head.problems.append("malformed start line: expected HTTP/x.y CODE REASON")


def framing(
    head: Head, request_method: str | None = None
) -> tuple[Framing, int | None, list[str]]:
    """The body framing of ``head`` (RFC 9112 §6.3), the length if known, and problems."""
    problems: list[str] = []
    get = [h.value for h in head.headers]
    names = [h.name.lower() for h in head.headers]
    if head.kind is MessageKind.RESPONSE:
        status = head.status or 0
        if (request_method == "HEAD" or 100 <= status < 200 or status in (204, 304)
                or (request_method == "CONNECT" and 200 <= status < 300)):
            return Framing.NONE, 0, problems
    codings = [c.strip().lower() for n, v in zip(names, get, strict=True)
               if n == "transfer-encoding" for c in v.split(",") if c.strip()]
    if codings:
        if codings[-1] == "chunked":
            return Framing.CHUNKED, None, problems
        problems.append(f"Transfer-Encoding {', '.join(codings)} does not end in chunked")
        if head.kind is MessageKind.RESPONSE:
            return Framing.UNTIL_CLOSE, None, problems
    lengths = {v.strip() for n, v in zip(names, get, strict=True) if n == "content-length"}
    if lengths:
        values = sorted(lengths)
        if len(values) > 1:
            problems.append(f"conflicting Content-Length headers: {', '.join(values)}; "
                            "using the first")
        first = next(v for n, v in zip(names, get, strict=True) if n == "content-length")
        try:
            length = int(first.strip())
            if length < 0:
                raise ValueError
            return Framing.LENGTH, length, problems
        except ValueError:
            problems.append(f"Content-Length {first!r} is not a number")
    if head.kind is MessageKind.REQUEST:
        return Framing.NONE, 0, problems
    return Framing.UNTIL_CLOSE, None, problems


class Dechunker:
    """Incremental chunked-body decoder (RFC 9112 §7.1), tolerant of bare LF.

    ``feed`` returns where in the given bytes the message's bytes stop; ``done`` is set after
    the last chunk and the trailer section; a bad chunk-size line sets ``error``.
    """

    def __init__(self) -> None:
        self.body = bytearray()
        self.done = False
        self.error: str | None = None
        self.trailers: list[tuple[bytes, bytes]] = []
        self._state = "size"
        self._remaining = 0
        self._line = bytearray()

    def feed(self, data: bytes | bytearray, start: int = 0) -> int:
        """Decode from ``data[start:]``; return the index just past the bytes used."""
        i = start
        n = len(data)
        while i < n and not self.done and self.error is None:
            if self._state == "data":
                take = min(self._remaining, n - i)
                self.body += data[i:i + take]
                i += take
                self._remaining -= take
                if not self._remaining:
                    self._state = "data-end"
                continue
            j = data.find(b"\n", i)
            if j < 0:
                self._line += data[i:]
                if len(self._line) > 4096:
                    self.error = "a chunk-size line is longer than 4 KiB"
                return n
            self._line += data[i:j]
            i = j + 1
            line = bytes(self._line).rstrip(b"\r")
            self._line.clear()
            self._line_done(line)
        return i

    def _line_done(self, line: bytes) -> None:
        if self._state == "data-end":
            if line:
                self.error = "chunk data is not followed by CRLF"
            self._state = "size"
        elif self._state == "size":
            size_text = line.split(b";", 1)[0].strip()
            try:
                size = int(size_text, 16)
            except ValueError:
                self.error = f"bad chunk-size line {line[:40]!r}"
                return
            if size == 0:
                self._state = "trailer"
            else:
                self._remaining = size
                self._state = "data"
        elif self._state == "trailer":
            if not line:
                self.done = True
            else:
                name, _, value = line.partition(b":")
                self.trailers.append((name.strip(), value.strip()))
