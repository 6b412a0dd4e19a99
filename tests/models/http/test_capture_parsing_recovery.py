"""Reading a captured direction whatever it holds: bytes missing from the capture, bodies and
chunk framing h11 refuses, garbage, empty lines and streams that end early. Every byte ends up
in a message or in ``skipped`` with a reason, and the messages after trouble are still found.

Byte ranges are summed by hand from the line lengths noted beside each message.
"""

from __future__ import annotations

from simulator.models.http.snapshot import MessageKind
from simulator.models.http.tolerant_parser import SkippedBytes, TolerantHttpParser, parse_bytes

REQ = MessageKind.REQUEST
RESP = MessageKind.RESPONSE

GET = b"GET / HTTP/1.1\r\nHost: a\r\n\r\n"  # 16 + 9 + 2 = 27
NO_CONTENT = b"HTTP/1.1 204 No Content\r\n\r\n"  # 25 + 2 = 27
CL10 = b"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n"  # 17 + 20 + 2 = 39
CHUNKED = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"  # 17 + 28 + 2 = 47
UNTIL_CLOSE = b"HTTP/1.0 200 OK\r\n\r\n"  # 17 + 2 = 19
# h11 refuses the space in the field name; the head is read by hand (``head.parse_head``).
ODD_POST = b"POST /x HTTP/1.1\r\nBad Name: 1\r\nHost: a\r\n"  # 18 + 13 + 9 = 40
ODD_REFUSAL = "h11 refused it: illegal header line: bytearray(b'Bad Name: 1')"
ODD_NAME = "line 2: the header name b'Bad Name' is not a token"

EMPTY_LINE = "empty line before a message (RFC 9112 §2.2 lets it be ignored)"
LOST = "missing from the capture (lost)"
AFTER_GAP = "after bytes missing from the capture, before the next message"


def _run(kind: MessageKind, *steps: bytes | int, closed: bool = True) -> TolerantHttpParser:
    """Feed bytes; an int is that many bytes missing from the capture ("lost")."""
    parser = TolerantHttpParser(kind)
    for step in steps:
        if isinstance(step, int):
            parser.gap(step, "lost")
        else:
            parser.feed(step)
    parser.finish(closed)
    return parser


def _spans(parser: TolerantHttpParser) -> list[tuple[int, int]]:
    return [(m.start, m.end) for m in parser.messages]


# --------------------------------------------------------------------------- gaps


def test_a_gap_filling_the_rest_of_a_body_ends_that_message_and_the_next_is_in_step() -> None:
    """Content-Length 10; bytes 3..9 of the body were not captured. The length still says
    where the message ends (39 + 10 = 49), so the 204 after it is read at once."""
    parser = _run(RESP, CL10 + b"abc", 7, NO_CONTENT)
    assert _spans(parser) == [(0, 49), (49, 76)]
    first, second = (m.message for m in parser.messages)
    assert (first.body, first.complete) == (b"abc", False)
    assert first.problems == ("body bytes 3..9 are 7 bytes missing from the capture (lost)",)
    assert (second.status, second.complete) == (204, True)
    assert parser.skipped == []


def test_a_gap_longer_than_the_rest_of_a_body_is_skipped_past_its_end() -> None:
    """20 bytes lost after "abc": 7 of them end the body (to offset 49), the other 13 lie
    after it (49..61); the bytes after the gap up to the next start line (a line "junk",
    62..67) are skipped too."""
    parser = _run(RESP, CL10 + b"abc", 20, b"junk\r\n" + NO_CONTENT)
    assert _spans(parser) == [(0, 49), (68, 95)]
    assert parser.skipped == [SkippedBytes(49, 13, LOST), SkippedBytes(62, 6, AFTER_GAP)]


def test_a_gap_in_a_body_read_until_the_close_leaves_it_incomplete() -> None:
    """RFC 9112 §6.3 rule 8: the body runs to the close (19 + 3 + 5 + 3 = 30 bytes); it is
    incomplete even though the close was captured, since 5 of its bytes were not."""
    parser = _run(RESP, UNTIL_CLOSE + b"abc", 5, b"xyz")
    (msg,) = (m.message for m in parser.messages)
    assert _spans(parser) == [(0, 30)]
    assert (msg.body, msg.complete) == (b"abcxyz", False)
    assert msg.problems == ("body bytes 3..7 are 5 bytes missing from the capture (lost)",)


def test_a_gap_in_a_chunked_body_loses_its_framing_and_the_parse_resumes_at_a_start_line(
) -> None:
    """47-byte head, then "5\\r\\nab" (to 52), 5 bytes lost (52..56), "\\r\\n0\\r\\n\\r\\n"
    (57..63) cannot be placed without them, and the 204 starts at 64."""
    parser = _run(RESP, CHUNKED + b"5\r\nab", 5, b"\r\n0\r\n\r\n" + NO_CONTENT)
    assert _spans(parser) == [(0, 52), (64, 91)]
    first = parser.messages[0].message
    assert (first.body, first.complete) == (b"ab", False)
    assert first.problems == ("cut short: 5 bytes missing from the capture (lost); the rest of "
                              "it cannot be framed",)
    assert parser.skipped == [SkippedBytes(52, 5, LOST), SkippedBytes(57, 7, AFTER_GAP)]


def test_a_gap_inside_a_head_cuts_that_message_short() -> None:
    parser = _run(REQ, b"GET /a HTTP/1.1\r\nHo", 4, b"a\r\n\r\nGET /b HTTP/1.1\r\nHost: a\r\n\r\n")
    assert _spans(parser) == [(0, 19), (28, 56)]
    first, second = (m.message for m in parser.messages)
    assert (first.target, first.complete) == ("/a", False)
    assert first.problems[0] == ("cut short: 4 bytes missing from the capture (lost); the "
                                 "rest of it cannot be framed")
    assert (second.target, second.complete) == ("/b", True)
    assert parser.skipped == [SkippedBytes(19, 4, LOST), SkippedBytes(23, 5, AFTER_GAP)]


def test_a_gap_between_messages_is_only_the_missing_bytes() -> None:
    parser = _run(REQ, GET, 7, GET, 0)  # a gap of no bytes is no gap
    assert _spans(parser) == [(0, 27), (34, 61)]
    assert parser.skipped == [SkippedBytes(27, 7, LOST)]
    assert [(m.message.complete, m.message.exchange, m.message.connection)
            for m in parser.messages] == [(True, 0, 0), (True, 1, 0)]


def test_bytes_held_back_before_a_gap_are_skipped_as_too_short() -> None:
    parser = _run(REQ, GET + b"xx", 3, closed=False)
    assert parser.skipped == [
        SkippedBytes(27, 2, "the bytes before a gap: too short to be a message"),
        SkippedBytes(29, 3, LOST)]


# --------------------------------------------------------------------------- chunk framing


def test_a_chunk_size_with_whitespace_before_its_extension_is_read_by_hand() -> None:
    """RFC 9112 §7.1.1: chunk-ext = *( BWS ";" BWS chunk-ext-name ... ), and a recipient
    must accept BWS (RFC 9110 §5.6.3); h11 refuses "4 ;x", so the body goes on by hand:
    "3\\r\\nabc\\r\\n" (8) + "4 ;x\\r\\n" (6) + "defg\\r\\n" (6) + "0\\r\\n\\r\\n" (5) = 25."""
    body = b"3\r\nabc\r\n4 ;x\r\ndefg\r\n0\r\n\r\n"
    parser = parse_bytes(RESP, CHUNKED + body + NO_CONTENT)
    assert _spans(parser) == [(0, 72), (72, 99)]
    first = parser.messages[0].message
    assert (first.body, first.chunked, first.complete) == (b"abcdefg", True, True)
    assert first.problems == ("h11 refused it: illegal chunk header: bytearray(b'4 ;x\\r\\n')",)
    assert parser.skipped == []


def test_a_chunked_body_with_bare_lf_lines_keeps_the_next_message() -> None:
    """RFC 9112 §2.2 lets a recipient take a bare LF as a line end. "5\\nhello\\n0\\n\\n" is
    11 bytes: the body ends at 47 + 11 = 58 and the 204 follows (h11, which wants CRLF, read
    the 204's status line as part of the chunk-size line)."""
    parser = parse_bytes(RESP, CHUNKED + b"5\nhello\n0\n\n" + NO_CONTENT)
    assert _spans(parser) == [(0, 58), (58, 85)]
    first, second = (m.message for m in parser.messages)
    assert (first.body, first.complete) == (b"hello", True)
    assert (second.status, second.complete) == (204, True)


def test_whitespace_in_the_last_chunk_and_an_odd_trailer_still_end_the_body() -> None:
    for body in (b"5\r\nhello\r\n0 ; last\r\n\r\n", b"5\r\nhello\r\n0\r\nBad Trailer\r\n\r\n"):
        parser = parse_bytes(RESP, CHUNKED + body + NO_CONTENT)
        end = 47 + len(body)
        assert _spans(parser) == [(0, end), (end, end + 27)], body
        assert parser.messages[0].message.body == b"hello"
        assert parser.messages[0].message.complete


def test_chunk_data_longer_than_its_size_is_an_error_and_the_parse_resumes() -> None:
    """"5\\r\\nhelloXX\\r\\n": after 5 bytes of data a CRLF must follow (RFC 9112 §7.1); the
    message ends after the offending line (47 + 3 + 5 + 4 = 59), "0\\r\\n\\r\\n" is skipped."""
    parser = parse_bytes(RESP, CHUNKED + b"5\r\nhelloXX\r\n0\r\n\r\n" + NO_CONTENT)
    assert _spans(parser) == [(0, 59), (64, 91)]
    first = parser.messages[0].message
    assert (first.body, first.complete) == (b"hello", False)
    assert first.problems[-1] == "chunked body: chunk data is not followed by CRLF"
    assert parser.skipped == [
        SkippedBytes(59, 5, "after a chunked body that could not be framed")]


def test_a_head_h11_refuses_is_read_by_hand_and_its_chunked_body_decoded() -> None:
    """Head 40 + "Transfer-Encoding: chunked\\r\\n" (28) + CRLF = 70; body "3\\nabc\\n0\\nT:
    1\\n\\n" = 14 → 84; the next request follows."""
    data = (ODD_POST + b"Transfer-Encoding: chunked\r\n\r\n" + b"3\nabc\n0\nT: 1\n\n"
            + b"GET /n HTTP/1.1\r\nHost: a\r\n\r\n")
    parser = parse_bytes(REQ, data)
    assert _spans(parser) == [(0, 84), (84, 112)]
    first = parser.messages[0].message
    assert (first.method, first.target, first.body, first.complete) == (
        "POST", "/x", b"abc", True)
    assert first.problems == (ODD_REFUSAL, ODD_NAME)


def test_a_bad_chunk_size_after_a_hand_read_head_is_marked_and_skipped() -> None:
    data = (ODD_POST + b"Transfer-Encoding: chunked\r\n\r\n" + b"zz\r\nabc\r\n"
            + b"GET /n HTTP/1.1\r\nHost: a\r\n\r\n")
    parser = parse_bytes(REQ, data)
    assert _spans(parser) == [(0, 74), (79, 107)]  # 70 + "zz\r\n"; "abc\r\n" skipped
    first = parser.messages[0].message
    assert first.problems == (ODD_REFUSAL, ODD_NAME, "chunked body: bad chunk-size line b'zz'")
    assert not first.complete
    assert parser.skipped == [
        SkippedBytes(74, 5, "after a chunked body that could not be framed")]


# --------------------------------------------------------------------------- stream ends


def test_a_body_read_until_close_without_a_captured_close_may_be_incomplete() -> None:
    parser = _run(RESP, UNTIL_CLOSE + b"abc", closed=False)
    (msg,) = (m.message for m in parser.messages)
    assert (msg.body, msg.complete) == (b"abc", False)
    assert msg.problems == ("the capture ends before the connection closed, so the body (read "
                            "until close) may be incomplete",)


def test_a_hand_read_head_with_a_length_ends_truncated_when_the_stream_does() -> None:
    parser = _run(REQ, ODD_POST + b"Content-Length: 10\r\n\r\nabc")
    (msg,) = (m.message for m in parser.messages)
    assert (msg.body, msg.complete) == (b"abc", False)
    assert msg.problems == (ODD_REFUSAL, ODD_NAME,
                            "truncated body: 3 of 10 bytes before the stream ends")


def test_a_hand_read_response_reads_until_the_close() -> None:
    data = b"HTTP/1.1 200 OK\r\nBad Name: 1\r\n\r\nbody bytes"
    closed = _run(RESP, data).messages[0].message
    assert (closed.body, closed.complete) == (b"body bytes", True)
    assert _spans(_run(RESP, data)) == [(0, 17 + 13 + 2 + 10)]
    open_ = _run(RESP, data, closed=False).messages[0].message
    assert (open_.body, open_.complete) == (b"body bytes", False)


def test_a_hand_read_chunked_body_cut_by_the_end_of_the_stream_is_truncated() -> None:
    parser = _run(REQ, ODD_POST + b"Transfer-Encoding: chunked\r\n\r\n5\r\nhel")
    (msg,) = (m.message for m in parser.messages)
    assert (msg.body, msg.complete) == (b"hel", False)
    assert msg.problems[-1] == "truncated chunked body: the last chunk never came"


def test_a_stream_ending_inside_a_head_gives_a_message_marked_so() -> None:
    parser = _run(RESP, b"HTTP/1.1 200 OK\r\nServ")
    (msg,) = (m.message for m in parser.messages)
    assert (msg.status, msg.complete) == (200, False)
    assert msg.problems[0] == "the stream ends inside the message head"
    assert _spans(parser) == [(0, 21)]


# --------------------------------------------------------------------------- not messages


def test_empty_lines_around_messages_are_skipped_as_rfc_9112_allows() -> None:
    """RFC 9112 §2.2: a server SHOULD ignore at least one empty line before a request-line.
    A trailing "GE" is too short to tell whether a request starts there."""
    parser = _run(REQ, b"\r\n\r\n" + GET + b"\r\nGE")
    assert _spans(parser) == [(4, 31)]
    assert parser.skipped == [
        SkippedBytes(0, 4, EMPTY_LINE), SkippedBytes(31, 2, EMPTY_LINE),
        SkippedBytes(33, 2, "bytes at the end of the stream: too short to be a message")]


def test_a_start_line_split_across_pieces_is_still_found() -> None:
    parser = _run(RESP, b"HTT", b"P/1.1 204 No Content\r\n\r\n")
    assert _spans(parser) == [(0, 27)] and parser.skipped == []
    parser = _run(REQ, b"GE", b"T /x HTTP/1.1\r\nHost: a\r\n\r\n")
    assert parser.messages[0].message.target == "/x" and parser.skipped == []


def test_garbage_is_skipped_up_to_the_next_line_that_starts_a_message() -> None:
    """A status line counts only at the start of a line: the one inside "more garbage ..."
    is not a message."""
    data = b"garbage\r\nmore garbage HTTP/1.1 200 OK\r\n" + NO_CONTENT  # 9 + 30 = 39
    parser = parse_bytes(RESP, data)
    assert _spans(parser) == [(39, 66)]
    assert parser.skipped == [SkippedBytes(0, 39, "not the start of an HTTP message")]


def test_garbage_arriving_in_pieces_is_one_skipped_range() -> None:
    parser = _run(REQ, b"junk1\n", b"junk2\n", GET)
    assert parser.skipped == [SkippedBytes(0, 12, "not the start of an HTTP message")]
    assert _spans(parser) == [(12, 39)]


def test_bytes_after_a_101_are_skipped_as_another_protocol() -> None:
    """RFC 9110 §15.2.2: after 101 the connection speaks the protocol switched to."""
    head = b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n"  # 34 + 20 + 2
    parser = parse_bytes(RESP, head + b"\x81\x05hello", ["GET"])
    (msg,) = (m.message for m in parser.messages)
    assert (msg.status, msg.complete, msg.problems) == (101, True, ())
    assert parser.skipped == [
        SkippedBytes(56, 7, "after a protocol switch (no longer HTTP/1.1)")]


def test_a_head_of_1_mib_without_its_end_waits_and_one_byte_more_is_given_up() -> None:
    """The tolerant parser waits up to MAX_HEAD = 1 MiB for a head to end."""
    at_limit = b"GET / HTTP/1.1\r\nX: " + b"a" * (1024 * 1024 - 19)
    (msg,) = (m.message for m in parse_bytes(REQ, at_limit).messages)
    assert msg.raw_length == 1024 * 1024
    assert msg.problems[0] == "the stream ends inside the message head"
    (msg,) = (m.message for m in parse_bytes(REQ, at_limit + b"a").messages)
    assert msg.problems[:2] == ("h11 refused it: Receive buffer too long",
                                "no end of the head within 1024 KiB")


def test_chunk_framing_read_on_by_hand_is_the_same_whatever_the_pieces() -> None:
    data = CHUNKED + b"3\r\nabc\r\n4 ;x\r\ndefg\r\n0\r\n\r\n" + NO_CONTENT
    for size in (1, 7, 50):
        parser = _run(RESP, *[data[i:i + size] for i in range(0, len(data), size)])
        assert _spans(parser) == [(0, 72), (72, 99)], size
        assert parser.messages[0].message.body == b"abcdefg"
        assert parser.messages[0].message.complete and parser.skipped == []


def test_a_start_line_of_up_to_8_kib_split_after_garbage_is_still_found() -> None:
    """While skipping garbage, a last partial line of up to 8 KiB is held for the next piece
    (it may be a start line); a longer one is given up."""
    rest = b" HTTP/1.1\r\nHost: a\r\n\r\n"  # 11 + 9 + 2 = 22
    held = b"GET /" + b"a" * (8 * 1024 - 5)  # 8192 bytes, no line end yet
    parser = _run(REQ, b"junk\n" + held, rest)
    assert _spans(parser) == [(5, 5 + 8192 + 22)]
    assert parser.messages[0].message.target == "/" + "a" * (8 * 1024 - 5)
    assert parser.skipped == [SkippedBytes(0, 5, "not the start of an HTTP message")]
    parser = _run(REQ, b"junk\n" + held + b"a", rest)
    assert parser.messages == []
    assert parser.skipped == [SkippedBytes(0, 5 + 8193 + 22, "not the start of an HTTP message")]
    # Given up as a whole: its last byte does not start a request with the next piece.
    parser = _run(REQ, b"junk\n" + held + b"G", b"ET /x HTTP/1.1\r\nHost: a\r\n\r\n")
    assert parser.messages == []


def test_a_gap_of_no_bytes_changes_nothing_and_one_byte_is_a_hole() -> None:
    parser = _run(RESP, CL10 + b"abc", 0, b"defg", 1, b"ij")
    (msg,) = (m.message for m in parser.messages)
    assert (msg.body, msg.complete) == (b"abcdefgij", False)
    assert msg.problems == ("body bytes 7..7 are 1 bytes missing from the capture (lost)",)
    parser = _run(RESP, CL10 + b"abc", 0, b"defghij")
    assert parser.messages[0].message.complete and parser.messages[0].message.problems == ()


def test_garbage_right_after_a_gap_that_ended_a_body_is_ordinary_garbage() -> None:
    """The gap exactly completes the body (7 of 10 bytes), so nothing after it is missing:
    the line that follows is skipped as not a message, not as bytes after a gap."""
    parser = _run(RESP, CL10 + b"abc", 7, b"junk\r\n" + NO_CONTENT)
    assert _spans(parser) == [(0, 49), (55, 82)]
    assert parser.skipped == [SkippedBytes(49, 6, "not the start of an HTTP message")]


def test_a_line_of_words_is_no_status_line_in_a_response_stream() -> None:
    """A response starts with "HTTP/" (RFC 9112 §4); "junk data" is skipped, not read as a
    (malformed) message."""
    parser = parse_bytes(RESP, b"junk data\r\n" + NO_CONTENT)
    assert _spans(parser) == [(11, 38)]
    assert parser.skipped == [SkippedBytes(0, 11, "not the start of an HTTP message")]


def test_finishing_returns_the_messages_the_end_completed() -> None:
    parser = TolerantHttpParser(RESP)
    parser.feed(UNTIL_CLOSE + b"abc")
    (msg,) = parser.finish(True)
    assert (msg.body, msg.complete) == (b"abc", True)
    assert parser.finish(True) == ()


def test_a_response_found_after_a_101_and_another_protocol_is_the_next_exchange() -> None:
    """The 101 is its exchange's final response (RFC 9110 §15.2.2), so a response found
    later answers the next request, here a HEAD (no body, RFC 9112 §6.3 rule 1)."""
    head = b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n"  # 56
    later = b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n"  # 17 + 19 + 2 = 38
    parser = parse_bytes(RESP, head + b"frames\n" + later, ["GET", "HEAD"])
    assert _spans(parser) == [(0, 56), (63, 101)]
    assert [(m.message.status, m.message.exchange, m.message.body)
            for m in parser.messages] == [(101, 0, b""), (200, 1, b"")]


def test_a_hand_read_head_with_a_length_frames_its_body_and_the_next_message() -> None:
    """Head 40 + "Content-Length: 3\r\n" (19) + CRLF = 61, body "abc" → 64."""
    parser = parse_bytes(REQ, ODD_POST + b"Content-Length: 3\r\n\r\nabc" + GET)
    assert _spans(parser) == [(0, 64), (64, 91)]
    first = parser.messages[0].message
    assert (first.body, first.complete, first.problems) == (b"abc", True, (ODD_REFUSAL, ODD_NAME))


def test_a_hand_read_chunked_body_counts_its_chunks_as_they_arrive() -> None:
    parser = TolerantHttpParser(REQ)
    parser.feed(ODD_POST + b"Transfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde")
    partial = parser.partial
    assert partial is not None and partial.body == b"abcde" and parser.partial_chunks == 2


def test_after_a_head_that_never_ended_the_parse_resumes_at_the_next_start_line() -> None:
    """1 MiB + 1 bytes without a blank line: the message is given up there (0..1048576),
    the rest of its line and an empty line (7 bytes) are skipped, and the request after them
    (20 + 9 + 2 = 31 bytes) is read."""
    head = b"GET / HTTP/1.1\r\nX: " + b"a" * (1024 * 1024 - 18)
    parser = _run(REQ, head, b"aaa\r\n\r\nGET /next HTTP/1.1\r\nHost: a\r\n\r\n")
    assert _spans(parser) == [(0, 1048577), (1048584, 1048615)]
    assert parser.skipped == [SkippedBytes(1048577, 7, "after a head that never ended")]
    assert [m.message.target for m in parser.messages] == ["/", "/next"]


def test_chunks_read_by_h11_still_count_after_the_framing_is_read_on_by_hand() -> None:
    parser = TolerantHttpParser(RESP)
    parser.feed(CHUNKED + b"3\r\nabc\r\n4 ;x\r\nde")
    partial = parser.partial
    assert partial is not None and partial.body == b"abcde" and parser.partial_chunks == 1
    parser.feed(b"fg\r\n0\r\n\r\n")
    assert parser.messages[0].message.body == b"abcdefg"


def test_a_hand_read_chunked_body_in_pieces_keeps_each_byte_once() -> None:
    body = b"3\nabc\n4\ndefg\n0\n\n"
    pieces = [ODD_POST + b"Transfer-Encoding: chunked\r\n\r\n"] + [
        body[i:i + 2] for i in range(0, len(body), 2)]
    parser = _run(REQ, *pieces)
    (msg,) = (m.message for m in parser.messages)
    assert (msg.body, msg.complete) == (b"abcdefg", True)


def test_a_start_line_right_after_a_newline_that_follows_a_gap_is_found() -> None:
    parser = _run(REQ, b"GET /a HTTP/1.1\r\nHo", 4, b"\nGET /b HTTP/1.1\r\nHost: a\r\n\r\n")
    assert _spans(parser) == [(0, 19), (24, 52)]
    assert parser.skipped == [SkippedBytes(19, 4, LOST), SkippedBytes(23, 1, AFTER_GAP)]


def test_holes_in_one_body_are_numbered_by_where_they_fall_in_it() -> None:
    """Content-Length 10: "ab" (0..1), 3 lost (2..4), "cd" (5..6), 2 lost (7..8), "e" (9)."""
    parser = _run(RESP, CL10 + b"ab", 3, b"cd", 2, b"e")
    (msg,) = (m.message for m in parser.messages)
    assert (msg.body, msg.complete) == (b"abcde", False)
    assert msg.problems == (
        "body bytes 2..4 are 3 bytes missing from the capture (lost)",
        "body bytes 7..8 are 2 bytes missing from the capture (lost)")


def test_a_short_token_at_the_end_may_be_a_method_and_a_long_one_cannot() -> None:
    """A request starts with a method token and a space; this parser takes methods of up to
    20 characters, so 20 letters at the end are too short to tell, 21 are not a request."""
    parser = _run(REQ, GET + b"A" * 20)
    assert parser.skipped == [
        SkippedBytes(27, 20, "bytes at the end of the stream: too short to be a message")]
    parser = _run(REQ, GET + b"A" * 21)
    assert parser.skipped == [SkippedBytes(27, 21, "not the start of an HTTP message")]


def test_a_line_too_long_to_hold_is_skipped_to_its_end_across_pieces() -> None:
    """The first line after "junk" runs over three pieces ("a" × 8193, "b" × 100, then
    "GET /x HTTP/1.1"): none of it starts a request; the next line does."""
    parser = _run(REQ, b"junk\n" + b"a" * 8193, b"b" * 100,
                  b"GET /x HTTP/1.1\r\nGET /y HTTP/1.1\r\nHost: a\r\n\r\n")
    assert [m.message.target for m in parser.messages] == ["/y"]
    assert parser.skipped == [SkippedBytes(0, 5 + 8193 + 100 + 17, "not the start of an HTTP "
                                                                   "message")]


def test_each_gap_in_a_body_read_until_the_close_is_its_own_hole() -> None:
    """19-byte head, "abc", 5 lost, "xyz", 2 lost, "!": holes at body bytes 3..7 and
    11..12; the message runs to the close (19 + 3 + 5 + 3 + 2 + 1 = 33)."""
    parser = _run(RESP, UNTIL_CLOSE + b"abc", 5, b"xyz", 2, b"!")
    (msg,) = (m.message for m in parser.messages)
    assert _spans(parser) == [(0, 33)]
    assert (msg.body, msg.complete) == (b"abcxyz!", False)
    assert msg.problems == (
        "body bytes 3..7 are 5 bytes missing from the capture (lost)",
        "body bytes 11..12 are 2 bytes missing from the capture (lost)")


def test_a_line_given_up_on_that_ends_where_the_next_piece_starts_leaves_the_next_line() -> None:
    parser = _run(REQ, b"junk\n" + b"a" * 8193, b"\nGET /y HTTP/1.1\r\nHost: a\r\n\r\n")
    assert [m.message.target for m in parser.messages] == ["/y"]
    assert _spans(parser) == [(5 + 8193 + 1, 5 + 8193 + 1 + 28)]


def test_after_a_gap_a_line_given_up_on_no_longer_counts() -> None:
    """Bytes after a gap may start a message, whatever came before the gap."""
    parser = _run(REQ, b"junk\n" + b"a" * 8193, 3, b"GET /y HTTP/1.1\r\nHost: a\r\n\r\n")
    assert [m.message.target for m in parser.messages] == ["/y"]


def test_a_piece_of_a_line_given_up_on_is_no_request_even_if_it_reads_like_one() -> None:
    """After a line too long to hold, a piece "GET /x HTTP/1.1" without a line end is still
    that line's tail; with the next piece's CRLF it is not a request line."""
    parser = _run(REQ, b"junk\n" + b"a" * 8193, b"GET /x HTTP/1.1", b"\r\nHost: a\r\n\r\n")
    assert parser.messages == []


def test_closing_the_capture_parser_is_finishing_with_the_sender_s_fin() -> None:
    parser = TolerantHttpParser(RESP)
    parser.feed(UNTIL_CLOSE + b"abc")
    (msg,) = parser.close()
    assert (msg.body, msg.complete, msg.problems) == (b"abc", True, ())


def test_a_gap_in_a_hand_read_body_read_until_the_close_is_a_hole() -> None:
    """Head 17 + 13 + 2 = 32 read by hand (h11 refused "Bad Name"), then "abc", 4 lost,
    "xyz": 32 + 3 + 4 + 3 = 42 bytes, one hole at body bytes 3..6."""
    parser = _run(RESP, b"HTTP/1.1 200 OK\r\nBad Name: 1\r\n\r\nabc", 4, b"xyz")
    (msg,) = (m.message for m in parser.messages)
    assert _spans(parser) == [(0, 42)]
    assert (msg.body, msg.complete) == (b"abcxyz", False)
    assert msg.problems[-1] == "body bytes 3..6 are 4 bytes missing from the capture (lost)"
