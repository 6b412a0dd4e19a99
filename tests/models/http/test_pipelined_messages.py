"""One direction of a connection as a sequence of HTTP/1.1 messages (RFC 9112 §2.1, §6.3,
§9.3.2): where each message starts and ends in the stream, its exchange number, what a
response's request method changes, interim responses, protocol switches, and what the strict
parser does with what h11 refuses.

Every byte range below is the sum of the message's line lengths, counted in the comments.
"""

from __future__ import annotations

from simulator.models.http.snapshot import HeaderLine, MessageKind
from simulator.models.http.stream_parser import (
    BODY_KEEP,
    HttpStreamParser,
    ParsedMessage,
    parse_messages,
)
from simulator.models.http.tolerant_parser import TolerantHttpParser

REQ = MessageKind.REQUEST
RESP = MessageKind.RESPONSE

GET_A = b"GET /a HTTP/1.1\r\nHost: shop.test\r\n\r\n"  # 17 + 17 + 2 = 36
POST_LOGIN = (b"POST /login HTTP/1.1\r\nHost: shop.test\r\nContent-Length: 5\r\n\r\n"  # 22+17+19+2
              b"ab=12")  # = 65
PUT_CHUNKED = (b"PUT /up HTTP/1.1\r\nHost: shop.test\r\nTransfer-Encoding: chunked\r\n\r\n"  # 65
               b"3;x=1\r\nabc\r\n0\r\nX-Check: 1\r\n\r\n")  # 7 + 5 + 3 + 12 + 2 = 29 → 94


def _ranges(messages: list[ParsedMessage]) -> list[tuple[int, int]]:
    return [(m.start, m.end) for m in messages]


def test_pipelined_requests_are_found_one_after_another_with_their_bodies() -> None:
    """RFC 9112 §9.3.2: a client may send requests without waiting for the responses; each
    request's own framing says where the next begins."""
    parser = HttpStreamParser(REQ)
    parser.feed(GET_A + POST_LOGIN + PUT_CHUNKED)
    parser.close()
    assert _ranges(parser.messages) == [(0, 36), (36, 101), (101, 195)]
    msgs = [m.message for m in parser.messages]
    assert [(m.method, m.target, m.body, m.chunked) for m in msgs] == [
        ("GET", "/a", b"", False), ("POST", "/login", b"ab=12", False),
        ("PUT", "/up", b"abc", True)]
    assert [m.raw_length for m in msgs] == [36, 65, 94]
    assert [m.exchange for m in msgs] == [0, 1, 2]
    assert msgs[1].headers == (HeaderLine("Host", "shop.test"),
                               HeaderLine("Content-Length", "5"))
    assert all(m.complete and m.problems == () for m in msgs)
    assert (parser.failed, parser.unparsed) == (None, b"")


def test_the_stream_offset_of_the_first_byte_shifts_every_range() -> None:
    parser = HttpStreamParser(REQ, offset=1000, connection=7)
    parser.feed(GET_A + POST_LOGIN)
    assert _ranges(parser.messages) == [(1000, 1036), (1036, 1101)]
    assert {m.message.connection for m in parser.messages} == {7}


def test_responses_follow_the_methods_of_the_requests_they_answer() -> None:
    """RFC 9110 §15.2: a 1xx is interim, its exchange's final response follows; RFC 9112
    §6.3 rule 1: a response to HEAD and a 304 have no body, whatever Content-Length says."""
    data = (b"HTTP/1.1 100 Continue\r\n\r\n"                            # 23 + 2 = 25
            b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"           # 17 + 19 + 2 + 2 = 40
            b"HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\n"             # 38, answers HEAD
            b"HTTP/1.1 304 Not Modified\r\nContent-Length: 5\r\n\r\n")  # 27 + 19 + 2 = 48
    parser = HttpStreamParser(RESP, ["POST", "HEAD"])
    parser.expect("get")  # methods are case-folded to the RFC's upper case
    parser.feed(data)
    assert _ranges(parser.messages) == [(0, 25), (25, 65), (65, 103), (103, 151)]
    msgs = [m.message for m in parser.messages]
    assert [(m.status, m.body, m.exchange) for m in msgs] == [
        (100, b"", 0), (200, b"ok", 0), (200, b"", 1), (304, b"", 2)]
    assert all(m.complete for m in msgs)


def test_a_response_read_until_the_close_ends_when_the_sender_closes() -> None:
    """RFC 9112 §6.3 rule 8: no Content-Length, not chunked: the body is everything until
    the connection closes."""
    parser = HttpStreamParser(RESP)
    assert parser.feed(b"HTTP/1.0 200 OK\r\nServer: old\r\n\r\nline one\n") == ()
    assert parser.feed(b"line two\n") == ()
    (msg,) = parser.close()
    assert (msg.status, msg.body, msg.complete) == (200, b"line one\nline two\n", True)
    assert msg.raw_length == 17 + 13 + 2 + 18  # status line, Server, blank line, body
    assert _ranges(parser.messages) == [(0, 50)]


def test_a_message_cut_short_by_the_close_is_incomplete_and_kept_unparsed() -> None:
    data = b"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc"
    parser = HttpStreamParser(RESP)
    parser.feed(data)
    (msg,) = parser.close()
    assert (msg.body, msg.complete) == (b"abc", False)
    assert msg.problems[0].startswith(
        "the connection closed before the message was complete: ")
    assert parser.failed == msg.problems[0] and parser.unparsed == data


def test_the_message_still_arriving_is_shown_as_partial() -> None:
    parser = HttpStreamParser(RESP)
    parser.feed(b"HTTP/1.1 200 OK\r\nTransfer-")
    assert parser.partial is None  # its head has not ended yet
    parser.feed(b"Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n1\r\n")
    partial = parser.partial
    assert partial is not None
    assert (partial.status, partial.body, partial.complete, partial.chunked) == (
        200, b"abcde", False, True)
    assert partial.raw_length == 17 + 28 + 2 + 8 + 7 + 3  # everything fed so far: 65
    assert parser.partial_chunks == 2
    parser.feed(b"f\r\n0\r\n\r\n")
    assert parser.partial is None and parser.partial_chunks == 0
    assert parser.messages[0].message.body == b"abcdef"


def test_parse_messages_returns_a_last_message_still_arriving_when_the_stream_is_open() -> None:
    data = GET_A + b"POST /login HTTP/1.1\r\nHost: shop.test\r\nContent-Length: 5\r\n\r\nab"
    first, last = parse_messages(data, REQ, closed=False)
    assert (first.target, first.complete) == ("/a", True)
    assert (last.target, last.body, last.complete) == ("/login", b"ab", False)
    assert [m.target for m in parse_messages(GET_A + GET_A, REQ)] == ["/a", "/a"]


def test_a_2xx_to_connect_turns_the_rest_of_the_stream_into_a_tunnel() -> None:
    """RFC 9112 §6.3 rule 2 / RFC 9110 §9.3.6: after a 2xx to CONNECT the connection is a
    tunnel; its bytes are not HTTP and stay unparsed."""
    parser = HttpStreamParser(RESP, ["CONNECT"])
    parser.feed(b"HTTP/1.1 200 Connection established\r\n\r\n\x16\x03\x01")  # 37 + 2
    parser.feed(b"more tls")
    (parsed,) = parser.messages
    assert (parsed.start, parsed.end, parsed.message.complete) == (0, 39, True)
    assert parser.failed == "after a protocol switch (no longer HTTP/1.1)"
    assert parser.unparsed == b"\x16\x03\x01more tls"


def test_a_101_switching_protocols_ends_http_on_the_connection() -> None:
    """RFC 9110 §15.2.2 / §7.8: after a 101 the server speaks the protocol it switched to,
    right after the 101's empty line (here WebSocket frames); the 101 is the exchange's
    final response."""
    head = (b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"  # 34 + 20
            b"Connection: Upgrade\r\n\r\n")  # 21 + 2 → 77
    parser = HttpStreamParser(RESP, ["GET"])
    parser.feed(head + b"\x81\x05hello")
    (parsed,) = parser.messages
    assert (parsed.start, parsed.end) == (0, 77)
    assert (parsed.message.status, parsed.message.complete, parsed.message.problems) == (
        101, True, ())
    assert parser.failed == "after a protocol switch (no longer HTTP/1.1)"
    assert parser.unparsed == b"\x81\x05hello"


def test_a_refused_request_stops_the_strict_parse_and_keeps_every_byte_from_it_on() -> None:
    """RFC 9112 §3.2: an HTTP/1.1 request without Host is invalid; the strict parser takes
    h11's verdict as final, so the next (valid) request is not read either."""
    bad = b"GET /b HTTP/1.1\r\n\r\n"  # 17 + 2 = 19
    nxt = b"GET /c HTTP/1.1\r\nHost: a\r\n\r\n"  # 17 + 9 + 2 = 28
    parser = HttpStreamParser(REQ)
    parser.feed(GET_A + bad + nxt)
    assert parser.failed == "Missing mandatory Host: header"
    assert parser.unparsed == bad + nxt
    assert _ranges(parser.messages) == [(0, 36), (36, 36 + 19 + 28)]
    refused = parser.messages[1].message
    assert (refused.target, refused.complete) == ("/b", False)
    assert refused.problems == ("Missing mandatory Host: header",
                                "HTTP/1.1 request without a Host header (RFC 9112 §3.2)")
    parser.feed(b"more")
    assert parser.unparsed == bad + nxt + b"more"


def _head_of(size: int) -> bytes:
    """A response head of exactly ``size`` bytes including its blank line; body "ok"."""
    fixed = b"HTTP/1.1 200 OK\r\nX-Pad: \r\nContent-Length: 2\r\n\r\n"  # 17 + 9 + 19 + 2
    pad = size - len(fixed)
    return b"HTTP/1.1 200 OK\r\nX-Pad: " + b"p" * pad + b"\r\nContent-Length: 2\r\n\r\n"


def test_a_head_of_exactly_16_kib_is_read_and_one_byte_more_is_refused() -> None:
    """The strict parser's head limit is 16 KiB (as the simulated peers' h11), whether the
    head arrives whole or in 1460-byte segments."""
    for size, verdict in ((16 * 1024, None), (16 * 1024 + 1, "Receive buffer too long")):
        data = _head_of(size) + b"ok"
        for pieces in ([data], [data[i:i + 1460] for i in range(0, len(data), 1460)]):
            parser = HttpStreamParser(RESP)
            for piece in pieces:
                parser.feed(piece)
            assert parser.failed == verdict, (size, len(pieces))
            assert parser.messages[0].message.complete is (verdict is None)


def test_a_method_h11_cannot_send_frames_its_response_like_a_gets() -> None:
    parser = HttpStreamParser(RESP, ["NOT A TOKEN"])
    parser.feed(b"HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabcHTTP/1.1 204 No Content\r\n\r\n")
    assert [(m.message.status, m.message.body) for m in parser.messages] == [
        (200, b"abc"), (204, b"")]


def test_a_body_of_16_mib_is_kept_whole_and_a_longer_one_only_its_start() -> None:
    """Bodies are kept up to BODY_KEEP = 16 MiB; beyond it only the first 16 MiB are kept,
    the message says so, and its length on the wire still counts every byte."""
    assert BODY_KEEP == 16 * 1024 * 1024
    head = b"HTTP/1.1 200 OK\r\nContent-Length: 16777217\r\n\r\n"  # 17 + 26 + 2 = 45
    parser = TolerantHttpParser(RESP)
    parser.feed(head)
    parser.feed(b"x" * (BODY_KEEP - 1))
    parser.feed(b"x")  # exactly fills what is kept
    partial = parser.partial
    assert partial is not None and len(partial.body) == BODY_KEEP and partial.problems == ()
    parser.feed(b"y")
    (msg,) = (m.message for m in parser.messages)
    assert len(msg.body) == BODY_KEEP and msg.body[-1:] == b"x"
    assert msg.raw_length == 45 + BODY_KEEP + 1 and msg.complete
    assert msg.problems == ("body longer than 16 MiB: only its start is kept",)


def test_a_stream_closed_inside_a_head_shows_the_head_read_by_hand() -> None:
    """h11 cannot end a head that never ended; the strict parser still shows its start line
    (read by hand) and records h11's reason (catalogued words of h11's)."""
    parser = HttpStreamParser(RESP)
    parser.feed(b"HTTP/1.1 200 OK\r\nServ")  # 17 + 4 = 21 bytes
    (msg,) = parser.close()
    assert (msg.status, msg.reason, msg.complete, msg.raw_length) == (200, "OK", False, 21)
    assert parser.failed == "peer unexpectedly closed connection"
    assert msg.problems[0] == "peer unexpectedly closed connection"


def test_a_chunked_body_cut_by_the_close_says_the_connection_closed_early() -> None:
    parser = HttpStreamParser(RESP)
    parser.feed(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel")
    (msg,) = parser.close()
    assert (msg.body, msg.complete, msg.chunked) == (b"hel", False, True)
    assert parser.failed == ("the connection closed before the message was complete: peer "
                             "closed connection without sending complete message body "
                             "(incomplete chunked read)")


def test_a_close_between_messages_completes_nothing_and_refuses_nothing() -> None:
    parser = HttpStreamParser(REQ)
    parser.feed(GET_A)
    assert parser.close() == ()
    assert (parser.failed, parser.unparsed, len(parser.messages)) == (None, b"", 1)


def test_a_refused_message_in_a_long_feed_spans_every_byte_left_unparsed() -> None:
    """h11 is fed 64 KiB at a time; what it was not yet fed belongs to the refused message's
    range too (19 + 70 000 bytes from offset 36)."""
    bad = b"GET /b HTTP/1.1\r\n\r\n"
    parser = HttpStreamParser(REQ)
    parser.feed(GET_A + bad + b"x" * 70_000)
    assert _ranges(parser.messages) == [(0, 36), (36, 36 + 19 + 70_000)]
    assert len(parser.unparsed) == 19 + 70_000
