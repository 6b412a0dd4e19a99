"""Reading a message head by hand (the heads h11 refuses): start line, header fields, obsolete
folding, bare LF, what is not text, and the size limits (RFC 9112 §2.2, §3, §4, §5).

The expected fields and problem sentences are typed from the RFC's grammar and the problem
templates' wording; line numbers count the start line as line 1.
"""

from __future__ import annotations

import pytest

from simulator.models.http.head import parse_head
from simulator.models.http.snapshot import HeaderLine, MessageKind

REQ = MessageKind.REQUEST
RESP = MessageKind.RESPONSE


# --------------------------------------------------------------------------- start lines


def test_a_well_formed_request_line_gives_method_target_and_version() -> None:
    h = parse_head(b"DELETE /items/7?force=1 HTTP/1.0\r\nHost: shop.test", REQ)
    assert (h.method, h.target, h.version) == ("DELETE", "/items/7?force=1", "HTTP/1.0")
    assert h.start_line == "DELETE /items/7?force=1 HTTP/1.0" and h.problems == []


def test_a_target_with_spaces_keeps_every_word_and_says_so() -> None:
    """RFC 9112 §3: request-line = method SP request-target SP HTTP-version; a target holds
    no whitespace, so the words between the first and the last are the (broken) target."""
    h = parse_head(b"GET /my file.html HTTP/1.1\r\nHost: a", REQ)
    assert (h.method, h.target, h.version) == ("GET", "/my file.html", "HTTP/1.1")
    assert h.problems == ["the request target contains spaces"]


def test_a_request_line_without_a_version_reads_as_http_0_9() -> None:
    h = parse_head(b"GET /index.html", REQ)
    assert (h.method, h.target, h.version) == ("GET", "/index.html", "HTTP/0.9")
    assert h.problems == ["request line without an HTTP version (HTTP/0.9 style)"]


def test_a_third_word_that_is_no_version_is_shown_as_the_version_and_marked() -> None:
    h = parse_head(b"GET / HTTX/1.1\r\nHost: a", REQ)
    assert (h.method, h.target, h.version) == ("GET", "/", "HTTX/1.1")
    assert h.problems == [
        "malformed start line: 'HTTX/1.1' is not an HTTP version (expected HTTP/x.y)"]


@pytest.mark.parametrize("line", [b"GET", b"/index.html HTTP/1.1", b"G(T / HTTP/1.1",
                                  b"\xff / HTTP/1.1"])
def test_a_request_line_without_a_token_method_has_no_method(line: bytes) -> None:
    h = parse_head(line + b"\r\nHost: a", REQ)
    assert (h.method, h.target) == (None, None)
    assert "malformed start line: expected METHOD TARGET HTTP/x.y" in h.problems


@pytest.mark.parametrize(("line", "status", "reason"), [
    (b"HTTP/1.1 404 Not Found", 404, "Not Found"),
    (b"HTTP/1.0 200 OK", 200, "OK"),
    (b"HTTP/1.1 204", 204, ""),            # reason-phrase is optional (RFC 9112 §4)
    (b"HTTP/1.1 599 Custom Thing", 599, "Custom Thing"),
])
def test_a_status_line_gives_version_code_and_reason(line: bytes, status: int,
                                                     reason: str) -> None:
    h = parse_head(line, RESP)
    assert (h.version, h.status, h.reason) == (line[:8].decode(), status, reason)
    assert h.problems == []


@pytest.mark.parametrize("line", [b"HTTP/1.1 OK", b"HTTP/1.1 2000 OK", b"HTTP/1.1 20 OK",
                                  b"HTTP/2 200 OK", b"HTTP/1.1", b"ICY 200 OK", b""])
def test_a_status_line_without_version_and_three_digit_code_is_marked(line: bytes) -> None:
    """RFC 9112 §4: status-line = HTTP-version SP status-code SP [ reason-phrase ], with
    HTTP-version = "HTTP/" DIGIT "." DIGIT and status-code = 3DIGIT."""
    h = parse_head(line, RESP)
    assert (h.status, h.reason) == (None, None)
    assert h.problems == ["malformed start line: expected HTTP/x.y CODE REASON"]


# --------------------------------------------------------------------------- header fields


def test_header_fields_keep_their_case_and_order_and_lose_surrounding_whitespace() -> None:
    """RFC 9112 §5: field-line = field-name ":" OWS field-value OWS."""
    h = parse_head(b"GET / HTTP/1.1\r\nHost:shop.test\r\nX-B:  two words \t\r\nx-a: 1", REQ)
    assert h.headers == [HeaderLine("Host", "shop.test"), HeaderLine("X-B", "two words"),
                         HeaderLine("x-a", "1")]
    assert h.problems == []


def test_obsolete_line_folding_is_joined_with_a_space_and_marked_per_line() -> None:
    """RFC 9112 §5.2: a recipient replaces each obs-fold with SP before interpreting the
    value. Lines 3 and 4 continue line 2's field."""
    h = parse_head(b"GET / HTTP/1.1\r\nX-Long: one\r\n  two\r\n\tthree\r\nHost: a", REQ)
    assert h.headers == [HeaderLine("X-Long", "one two three"), HeaderLine("Host", "a")]
    assert h.problems == ["line 3 continues the previous header (obsolete folding)",
                          "line 4 continues the previous header (obsolete folding)"]


def test_bare_lf_ends_lines_like_crlf() -> None:
    """RFC 9112 §2.2: a recipient MAY recognize a single LF as a line terminator."""
    crlf = parse_head(b"POST /f HTTP/1.1\r\nHost: a\r\nContent-Length: 3", REQ)
    lf = parse_head(b"POST /f HTTP/1.1\nHost: a\nContent-Length: 3\n", REQ)
    assert lf.headers == crlf.headers == [HeaderLine("Host", "a"),
                                          HeaderLine("Content-Length", "3")]
    assert (lf.method, lf.target, lf.problems) == ("POST", "/f", [])


def test_a_line_without_a_colon_is_no_field_and_is_quoted_in_the_problem() -> None:
    h = parse_head(b"GET / HTTP/1.1\r\nHost: a\r\nthis is not a header", REQ)
    assert h.headers == [HeaderLine("Host", "a")]
    assert h.problems == ["line 3 is not a header field (no colon): 'this is not a header'"]


def test_a_field_name_that_is_no_token_is_kept_and_marked() -> None:
    """RFC 9110 §5.1: field-name = token; "Bad Name" holds a space."""
    h = parse_head(b"GET / HTTP/1.1\r\nHost: a\r\nBad Name: 1", REQ)
    assert h.headers == [HeaderLine("Host", "a"), HeaderLine("Bad Name", "1")]
    assert h.problems == ["line 3: the header name b'Bad Name' is not a token"]


def test_an_http_1_1_request_without_host_is_marked_and_an_http_1_0_one_is_not() -> None:
    """RFC 9112 §3.2: a client MUST send Host in every HTTP/1.1 request (HTTP/1.0 predates
    it); the field name is case-insensitive (RFC 9110 §5.1)."""
    no_host = "HTTP/1.1 request without a Host header (RFC 9112 §3.2)"
    assert parse_head(b"GET / HTTP/1.1\r\nAccept: */*", REQ).problems == [no_host]
    assert parse_head(b"GET / HTTP/1.0\r\nAccept: */*", REQ).problems == []
    assert parse_head(b"GET / HTTP/1.1\r\nHOST: a", REQ).problems == []
    assert parse_head(b"HTTP/1.1 200 OK\r\nServer: x", RESP).problems == []


# --------------------------------------------------------------------------- text


def test_utf8_values_are_shown_as_text_without_a_problem() -> None:
    h = parse_head("GET / HTTP/1.1\r\nHost: a\r\nX-Name: café".encode(), REQ)
    assert h.headers[1] == HeaderLine("X-Name", "café") and h.problems == []


def test_a_value_that_is_not_utf8_is_shown_as_latin1_and_marked() -> None:
    """RFC 9110 §5.5: field values are octets; historically ISO-8859-1."""
    h = parse_head(b"GET / HTTP/1.1\r\nHost: a\r\nX-Name: caf\xe9", REQ)
    assert h.headers[1] == HeaderLine("X-Name", "café")
    assert h.problems == ["header X-Name is not valid UTF-8 (its bytes are shown as Latin-1)"]


def test_control_bytes_are_shown_escaped_but_a_tab_is_kept() -> None:
    """RFC 9110 §5.5: field-value octets are VCHAR, SP, HTAB or obs-text; other controls
    (here NUL, 0x1f and DEL) are binary data."""
    h = parse_head(b"GET / HTTP/1.1\r\nHost: a\r\nX-Bin: a\tb\x00c\x1fd\x7f", REQ)
    assert h.headers[1] == HeaderLine("X-Bin", "a\tb\\x00c\\x1fd\\x7f")
    assert h.problems == ["header X-Bin holds control bytes (binary data), shown as \\xNN"]


def test_a_start_line_that_is_not_text_is_shown_escaped_and_marked() -> None:
    h = parse_head(b"GET /\x01\xe9 HTTP/1.1\r\nHost: a", REQ)
    assert h.start_line == "GET /\\x01é HTTP/1.1"
    assert h.problems == [
        "the start line is not valid UTF-8 (its bytes are shown as Latin-1)",
        "the start line holds control bytes (binary data), shown as \\xNN"]


def test_a_header_name_that_is_not_text_is_marked_as_such() -> None:
    h = parse_head(b"GET / HTTP/1.1\r\nHost: a\r\nN\xe9\x02: v", REQ)
    assert h.headers[1] == HeaderLine("Né\\x02", "v")
    assert h.problems == [
        "line 3: the header name b'N\\xe9\\x02' is not a token",
        "a header name is not valid UTF-8 (its bytes are shown as Latin-1)",
        "a header name holds control bytes (binary data), shown as \\xNN"]


# --------------------------------------------------------------------------- sizes


def _head_of(size: int) -> bytes:
    """A request head of exactly ``size`` bytes (its lines and their CRLFs, no blank line),
    no line longer than 8 KiB."""
    start = b"GET / HTTP/1.1\r\nHost: a"  # 23 bytes
    out = start
    while len(out) < size:
        room = size - len(out) - 2 - len("X-Pad: ")  # "\r\nX-Pad: " + value
        out += b"\r\nX-Pad: " + b"p" * min(room, 4000)
    assert len(out) == size
    return out


def test_a_head_of_16_kib_is_not_oversized_and_one_byte_more_is() -> None:
    assert parse_head(_head_of(16 * 1024), REQ).problems == []
    assert parse_head(_head_of(16 * 1024 + 1), REQ).problems == [
        "oversized head: 16385 bytes (servers commonly refuse more than 16 KiB)"]


def test_a_header_line_of_8_kib_is_accepted_and_one_byte_more_is_marked() -> None:
    line = b"X-Long: " + b"v" * (8 * 1024 - 8)  # 8192 bytes
    assert parse_head(b"GET / HTTP/1.1\r\nHost: a\r\n" + line, REQ).problems == []
    assert parse_head(b"GET / HTTP/1.1\r\nHost: a\r\n" + line + b"v", REQ).problems == [
        "a header line is 8193 bytes long (longer than the 8 KiB many servers accept)"]


def test_long_offending_lines_and_names_are_quoted_by_their_start() -> None:
    """The problem quotes the first 60 characters of a line that is no field and the
    first 40 bytes of a name that is no token."""
    h = parse_head(b"GET / HTTP/1.1\r\nHost: a\r\n" + b"n" * 70, REQ)
    assert h.problems == ["line 3 is not a header field (no colon): '" + "n" * 60 + "'"]
    h = parse_head(b"GET / HTTP/1.1\r\nHost: a\r\n" + b"B d" * 20 + b": v", REQ)
    assert h.problems == ["line 3: the header name " + repr(b"B d" * 13 + b"B") + " is not a token"]


def test_whitespace_before_the_colon_is_marked_and_left_out_of_the_name() -> None:
    """RFC 9112 §5.1: no whitespace is allowed between the field name and the colon."""
    h = parse_head(b"GET / HTTP/1.1\r\nHost: a\r\nX-Bad : v", REQ)
    assert h.headers == [HeaderLine("Host", "a"), HeaderLine("X-Bad", "v")]
    assert h.problems == ["line 3: the header name b'X-Bad ' is not a token"]
