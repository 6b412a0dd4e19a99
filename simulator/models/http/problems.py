"""Every *problem* the HTTP parsers record on a message, as English templates with ``{fields}``.

A problem says why the bytes could not be fully understood (``HttpMessage.problems``): the head
readers (``head``), the strict and tolerant stream parsers (``stream_parser``,
``tolerant_parser``) and the chunked decoder (``chunked``) write these sentences, their fields
filled in, and the message view shows them in its warning box. The models cannot call Qt, so the
window says them in the interface language by matching each one against the same templates,
catalogued in ``simulator/ui/text/catalogue_http.py`` (a test keeps the two lists equal); h11's
own refusals (``h11 refused it: {reason}``) are catalogued there too. Values are the message's
own bytes, numbers and header names, which stay as they crossed the wire. RFC 9112 sections
name the rule each problem breaks.
"""

from __future__ import annotations

from simulator.models import limits

# head: header and start-line bytes as text; the start line (RFC 9112 §3, §4)
NOT_UTF8 = {
    "start line": "the start line is not valid UTF-8 (its bytes are shown as Latin-1)",
    "header name": "a header name is not valid UTF-8 (its bytes are shown as Latin-1)",
    "header value": "header {name} is not valid UTF-8 (its bytes are shown as Latin-1)",
}
CONTROL_BYTES = {
    "start line": "the start line holds control bytes (binary data), shown as \\xNN",
    "header name": "a header name holds control bytes (binary data), shown as \\xNN",
    "header value": "header {name} holds control bytes (binary data), shown as \\xNN",
}
OVERSIZED_HEAD = ("oversized head: {size} bytes (servers commonly refuse more than {limit} "
                  "KiB)")
LONG_LINE = "a header line is {size} bytes long (longer than the {limit} KiB many servers accept)"
OBSOLETE_FOLD = "line {number} continues the previous header (obsolete folding)"
NO_COLON = "line {number} is not a header field (no colon): {line}"
NAME_NOT_TOKEN = "line {number}: the header name {name} is not a token"
NO_HOST = "HTTP/1.1 request without a Host header (RFC 9112 §3.2)"
TARGET_SPACES = "the request target contains spaces"
NO_VERSION = "request line without an HTTP version (HTTP/0.9 style)"
NOT_A_VERSION = "malformed start line: {version} is not an HTTP version (expected HTTP/x.y)"
BAD_REQUEST_LINE = "malformed start line: expected METHOD TARGET HTTP/x.y"
BAD_STATUS_LINE = "malformed start line: expected HTTP/x.y CODE REASON"
# head.framing: where the body ends (RFC 9112 §6.3)
NOT_CHUNKED_LAST = "Transfer-Encoding {codings} does not end in chunked"
CONFLICTING_LENGTHS = "conflicting Content-Length headers: {values}; using the first"
LENGTH_NOT_A_NUMBER = "Content-Length {value} is not a number"
LENGTH_AND_CHUNKED = ("both Transfer-Encoding and Content-Length: Transfer-Encoding wins "
                      "(RFC 9112 §6.3 rule 3; a sign of request smuggling)")

# limits (simulator.models.limits, where the numbers live): head lines, messages per stream
TOO_MANY_HEADER_LINES = limits.TOO_MANY_HEADER_LINES
TOO_MANY_MESSAGES = limits.TOO_MANY_MESSAGES

# stream_parser
CLOSED_EARLY = "the connection closed before the message was complete: {refusal}"
BODY_TOO_LONG = "body longer than {limit} MiB: only its start is kept"

# tolerant_parser: what h11 refused, bytes missing from the capture, streams cut short
H11_REFUSED = "h11 refused it: {reason}"
MISSING = "{length} bytes missing from the capture ({reason})"
CUT_SHORT = "cut short: {where}; the rest of it cannot be framed"
# (one template, not "... are {MISSING}": a template must not end in another's whole text)
BODY_HOLE = "body bytes {first}..{last} are {length} bytes missing from the capture ({reason})"
NO_HEAD_END = "no end of the head within {limit} KiB"
CHUNKED_BODY = "chunked body: {error}"
CHUNKED_INTERRUPTED = "chunked body interrupted; its end cannot be found"
OPEN_AT_END = ("the capture ends before the connection closed, so the body (read until close) "
               "may be incomplete")
TRUNCATED_BODY = "truncated body: {got} of {total} bytes before the stream ends"
TRUNCATED_CHUNKED = "truncated chunked body: the last chunk never came"
ENDS_IN_HEAD = "the stream ends inside the message head"

# chunked.Dechunker.error (RFC 9112 §7.1), shown through CHUNKED_BODY
CHUNK_LINE_TOO_LONG = "a chunk-size line is longer than 4 KiB"
CHUNK_WITHOUT_CRLF = "chunk data is not followed by CRLF"
BAD_CHUNK_SIZE = "bad chunk-size line {line}"


def _templates() -> tuple[str, ...]:
    out: list[str] = []
    for name, value in globals().items():
        if name.isupper() and isinstance(value, dict):
            out += value.values()
        elif name.isupper() and isinstance(value, str):
            out.append(value)
    return tuple(out)


#: Every template above (what the catalogue must hold).
ALL: tuple[str, ...] = _templates()
