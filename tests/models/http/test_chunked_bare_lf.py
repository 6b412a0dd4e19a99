"""A captured chunked body whose lines end in a bare LF. RFC 9112 §7.1's chunk grammar ends
its lines with CRLF; the capture parser tolerates a bare LF there as RFC 9112 §2.2 lets a
recipient tolerate it in the start line and header fields. h11 wants CRLF: it waits for one
(refusing only once a CRLF line or 1 MiB arrives), so at a gap or at the end of the stream it
may still hold the whole body, and the messages after it. Those bytes must be read, not
called a body cut short.

Every expected message, byte range and body is typed out from the byte counts beside the data.
"""

from __future__ import annotations

from simulator.models.http.snapshot import HeaderLine, HttpMessage, MessageKind
from simulator.models.http.stream_parser import ParsedMessage
from simulator.models.http.tolerant_parser import SkippedBytes, TolerantHttpParser, parse_bytes

RESP = MessageKind.RESPONSE

# "HTTP/1.1 200 OK\n" (16) + "Transfer-Encoding: chunked\n" (27) + "\n" (1) = 44
BARE_LF_HEAD = b"HTTP/1.1 200 OK\nTransfer-Encoding: chunked\n\n"
# "5\n" (2) + "hello\n" (6) + "0\n" (2) + "\n" (1) = 11: the 200 ends at 44 + 11 = 55
BARE_LF_BODY = b"5\nhello\n0\n\n"
BARE_LF_200 = BARE_LF_HEAD + BARE_LF_BODY
# "HTTP/1.1 204 No Content\n" (24) + "\n" (1) = 25
BARE_LF_204 = b"HTTP/1.1 204 No Content\n\n"
TRUNCATED = "truncated chunked body: the last chunk never came"


def _ok(body: bytes, length: int, *, complete: bool = True, problems: tuple[str, ...] = (),
        exchange: int = 0) -> HttpMessage:
    """The chunked 200 as a learner should see it."""
    return HttpMessage(
        kind=RESP, start_line="HTTP/1.1 200 OK",
        headers=(HeaderLine("Transfer-Encoding", "chunked"),), body=body, raw_length=length,
        status=200, reason="OK", chunked=True, complete=complete, problems=problems,
        exchange=exchange)


def _no_content(exchange: int) -> HttpMessage:
    return HttpMessage(kind=RESP, start_line="HTTP/1.1 204 No Content", headers=(), body=b"",
                       raw_length=25, status=204, reason="No Content", exchange=exchange)


def test_a_bare_lf_chunked_response_ending_the_stream_is_complete_with_its_body() -> None:
    parser = parse_bytes(RESP, BARE_LF_200)
    assert parser.messages == [ParsedMessage(_ok(b"hello", 55), 0, 55)]
    assert parser.skipped == []


def test_a_response_after_a_bare_lf_chunked_body_is_a_message_of_its_own() -> None:
    """The 200 ends after its last chunk and empty trailer section (55); the 204 is the
    connection's second response (exchange 1), bytes 55..79."""
    parser = parse_bytes(RESP, BARE_LF_200 + BARE_LF_204)
    assert parser.messages == [
        ParsedMessage(_ok(b"hello", 55), 0, 55),
        ParsedMessage(_no_content(exchange=1), 55, 80),
    ]
    assert parser.skipped == []


def test_two_bare_lf_chunked_responses_in_a_row_are_both_read() -> None:
    """h11 holds the second 200 inside the first one's unread bytes, then holds its body."""
    parser = parse_bytes(RESP, BARE_LF_200 + BARE_LF_200)
    assert parser.messages == [
        ParsedMessage(_ok(b"hello", 55), 0, 55),
        ParsedMessage(_ok(b"hello", 55, exchange=1), 55, 110),
    ]


def test_a_bare_lf_chunked_body_cut_short_by_the_end_keeps_the_chunks_that_came() -> None:
    """Without "0\\n\\n" the last chunk never came: 44 + 8 = 52 bytes, "hello" arrived."""
    parser = parse_bytes(RESP, BARE_LF_HEAD + b"5\nhello\n")
    assert parser.messages == [
        ParsedMessage(_ok(b"hello", 52, complete=False, problems=(TRUNCATED,)), 0, 52)]


def test_a_bare_lf_chunk_after_a_crlf_chunk_is_read_at_the_end_of_the_stream() -> None:
    """CRLF head (17 + 28 + 2 = 47), "3\\r\\nabc\\r\\n" (8) which h11 reads, then
    "5\\nhello\\n" (8) and "0\\n\\n" (3) which it waits on: the body ends at 47 + 19 = 66."""
    head = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
    parser = parse_bytes(RESP, head + b"3\r\nabc\r\n" + BARE_LF_BODY + BARE_LF_204)
    assert parser.messages == [
        ParsedMessage(_ok(b"abchello", 66), 0, 66),
        ParsedMessage(_no_content(exchange=1), 66, 91),
    ]


def test_bare_lf_chunks_before_a_gap_end_their_message_and_the_next_is_found() -> None:
    """The 200 ended before the 5 lost bytes (55..59); the 204 after them is read (60..84)."""
    parser = TolerantHttpParser(RESP)
    parser.feed(BARE_LF_200)
    parser.gap(5, "lost")
    parser.feed(BARE_LF_204)
    parser.finish(closed=True)
    assert parser.messages == [
        ParsedMessage(_ok(b"hello", 55), 0, 55),
        ParsedMessage(_no_content(exchange=1), 60, 85),
    ]
    assert parser.skipped == [SkippedBytes(55, 5, "missing from the capture (lost)")]


def test_a_gap_inside_a_bare_lf_chunk_keeps_what_came_and_cuts_the_body_there() -> None:
    """"5\\nhel" (5 bytes, to 49), then 5 bytes lost: the chunk framing is lost with them,
    so the 200 is cut short at 49 with "hel"; the 204 is found after the gap (54..78)."""
    parser = TolerantHttpParser(RESP)
    parser.feed(BARE_LF_HEAD + b"5\nhel")
    parser.gap(5, "lost")
    parser.feed(BARE_LF_204)
    parser.finish(closed=True)
    cut = ("cut short: 5 bytes missing from the capture (lost); "
           "the rest of it cannot be framed")
    assert parser.messages == [
        ParsedMessage(_ok(b"hel", 49, complete=False, problems=(cut,)), 0, 49),
        ParsedMessage(_no_content(exchange=1), 54, 79),
    ]
