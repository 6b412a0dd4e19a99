"""Parsing one direction of a connection into HTTP messages: h11 first, tolerant fallback."""

from __future__ import annotations

import gzip
import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from simulator.models.http.chunked import Dechunker
from simulator.models.http.snapshot import HttpMessage, MessageKind
from simulator.models.http.tolerant_parser import TolerantHttpParser, parse_bytes

REQ = MessageKind.REQUEST
RESP = MessageKind.RESPONSE

KEEP_ALIVE_REQUESTS = (
    b"GET / HTTP/1.1\r\nHost: shop.test\r\n\r\n"
    b"POST /login HTTP/1.1\r\nHost: shop.test\r\nContent-Type: application/x-www-form-urlencoded"
    b"\r\nContent-Length: 21\r\n\r\nuser=alice&pw=secret1"
    b"GET /profile HTTP/1.1\r\nHost: shop.test\r\nCookie: sid=abc123; theme=dark\r\n\r\n"
    b"PUT /upload HTTP/1.1\r\nHost: shop.test\r\nTransfer-Encoding: chunked\r\n\r\n"
    b"4\r\nWiki\r\n5;ext=1\r\npedia\r\n0\r\nX-Trailer: yes\r\n\r\n"
    b"HEAD /big HTTP/1.1\r\nHost: shop.test\r\n\r\n"
)
METHODS = ["GET", "POST", "GET", "PUT", "HEAD", "GET"]
GZ = gzip.compress(b"<h1>hello</h1>" * 50, mtime=0)
RESPONSES = (
    b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello"
    b"HTTP/1.1 100 Continue\r\n\r\n"
    b"HTTP/1.1 302 Found\r\nLocation: /profile\r\nSet-Cookie: sid=abc123; Path=/; HttpOnly\r\n"
    b"Content-Length: 0\r\n\r\n"
    b"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: "
    + str(len(GZ)).encode() + b"\r\n\r\n" + GZ
    + b"HTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\n\r\n"
    b"7\r\nstored \r\n3\r\nit!\r\n0\r\n\r\n"
    b"HTTP/1.1 200 OK\r\nContent-Length: 1000000\r\n\r\n"  # to HEAD: no body follows
    b"HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nread until the server closes"
)


def _pieces(data: bytes, cuts: list[int]) -> list[bytes]:
    edges = [0, *sorted(set(c for c in cuts if 0 < c < len(data))), len(data)]
    return [data[a:b] for a, b in itertools.pairwise(edges)]


def _parse_in(kind: MessageKind, pieces: list[bytes], methods: list[str] = (),  # type: ignore[assignment]
              closed: bool = True) -> TolerantHttpParser:
    parser = TolerantHttpParser(kind, methods)
    for piece in pieces:
        parser.feed(piece)
    parser.finish(closed)
    return parser


def _messages(parser: TolerantHttpParser) -> list[tuple[HttpMessage, int, int]]:
    return [(m.message, m.start, m.end) for m in parser.messages]


def test_keep_alive_requests_parse_into_each_request_with_its_body() -> None:
    parser = parse_bytes(REQ, KEEP_ALIVE_REQUESTS)
    msgs = [m.message for m in parser.messages]
    assert [(m.method, m.target) for m in msgs] == [
        ("GET", "/"), ("POST", "/login"), ("GET", "/profile"), ("PUT", "/upload"),
        ("HEAD", "/big")]
    assert msgs[1].body == b"user=alice&pw=secret1"
    assert msgs[2].header("cookie") == "sid=abc123; theme=dark"
    assert msgs[3].chunked and msgs[3].body == b"Wikipedia"
    assert all(m.complete and not m.problems for m in msgs)
    assert parser.messages[-1].end == len(KEEP_ALIVE_REQUESTS) and parser.skipped == []


def test_responses_follow_their_requests_methods_and_framing() -> None:
    parser = parse_bytes(RESP, RESPONSES, METHODS)
    msgs = [m.message for m in parser.messages]
    assert [m.status for m in msgs] == [200, 100, 302, 200, 201, 200, 200]
    assert msgs[0].body == b"hello"
    assert msgs[2].headers_named("Set-Cookie") == ("sid=abc123; Path=/; HttpOnly",)
    assert gzip.decompress(msgs[3].body) == b"<h1>hello</h1>" * 50
    assert msgs[4].chunked and msgs[4].body == b"stored it!"
    assert msgs[5].body == b"" and msgs[5].header("Content-Length") == "1000000"  # HEAD
    assert msgs[6].version == "HTTP/1.0" and msgs[6].body == b"read until the server closes"
    assert all(m.complete and not m.problems for m in msgs)
    assert parser.messages[-1].end == len(RESPONSES)


@pytest.mark.parametrize("kind, data, methods", [
    (REQ, KEEP_ALIVE_REQUESTS, []),
    (RESP, RESPONSES, METHODS),
])
@pytest.mark.parametrize("split", ["whole", "segments", "bytes"])
def test_parsing_whole_segment_by_segment_and_byte_by_byte_gives_the_same_messages(
    kind: MessageKind, data: bytes, methods: list[str], split: str
) -> None:
    whole = _messages(parse_bytes(kind, data, methods))
    if split == "whole":
        pieces = [data]
    elif split == "segments":
        pieces = _pieces(data, list(range(0, len(data), 536)))  # the RFC 9293 default MSS
    else:
        pieces = [data[i:i + 1] for i in range(len(data))]
    assert _messages(_parse_in(kind, pieces, methods)) == whole


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=len(RESPONSES)), max_size=12),
       st.lists(st.integers(min_value=0, max_value=len(KEEP_ALIVE_REQUESTS)), max_size=12))
def test_any_split_of_the_stream_gives_the_same_messages(
    resp_cuts: list[int], req_cuts: list[int]
) -> None:
    assert _messages(_parse_in(RESP, _pieces(RESPONSES, resp_cuts), METHODS)) == _messages(
        parse_bytes(RESP, RESPONSES, METHODS))
    assert _messages(_parse_in(REQ, _pieces(KEEP_ALIVE_REQUESTS, req_cuts))) == _messages(
        parse_bytes(REQ, KEEP_ALIVE_REQUESTS))


def test_forty_pipelined_requests_in_few_segments_are_all_found() -> None:
    data = b"".join(b"GET /probe/%d HTTP/1.1\r\nHost: target\r\n\r\n" % i for i in range(40))
    parser = _parse_in(REQ, _pieces(data, [700, 1400, 2100]))
    assert [m.message.target for m in parser.messages] == [f"/probe/{i}" for i in range(40)]


def test_a_body_read_until_close_is_incomplete_when_the_capture_ends_first() -> None:
    data = b"HTTP/1.0 200 OK\r\n\r\npartial"
    (msg,) = [m.message for m in parse_bytes(RESP, data, closed=False).messages]
    assert not msg.complete and msg.body == b"partial"
    assert "before the connection closed" in msg.problems[0]


# --------------------------------------------------------------------------- bad input


def _one_bad(kind: MessageKind, bad: bytes, good: bytes) -> tuple[HttpMessage, HttpMessage]:
    parser = parse_bytes(kind, bad + good)
    assert len(parser.messages) == 2, parser.messages
    return parser.messages[0].message, parser.messages[1].message


def test_malformed_request_line_is_marked_and_the_next_request_still_parses() -> None:
    bad, good = _one_bad(REQ, b"GET /index.html HTTX/1.1\r\nHost: a\r\n\r\n",
                         b"GET /next HTTP/1.1\r\nHost: a\r\n\r\n")
    assert any("malformed start line" in p for p in bad.problems)
    assert any(p.startswith("h11 refused it") for p in bad.problems)
    assert bad.header("Host") == "a"
    assert (good.target, good.problems) == ("/next", ())


def test_malformed_status_line_is_marked_and_its_body_still_framed() -> None:
    bad, good = _one_bad(RESP, b"HTTP/1.1 OKAY\r\nContent-Length: 3\r\n\r\nabc",
                         b"HTTP/1.1 204 No Content\r\n\r\n")
    assert bad.status is None and bad.body == b"abc"
    assert any("malformed start line" in p for p in bad.problems)
    assert good.status == 204 and good.problems == ()


def test_binary_bytes_in_a_header_are_marked_and_shown_escaped() -> None:
    bad, good = _one_bad(REQ, b"GET / HTTP/1.1\r\nHost: a\r\nX-Data: \x01\x02ok\x7f\r\n\r\n",
                         b"GET /2 HTTP/1.1\r\nHost: a\r\n\r\n")
    assert bad.header("X-Data") == "\\x01\\x02ok\\x7f"
    assert any("X-Data holds control bytes" in p for p in bad.problems)
    assert good.problems == ()


def test_a_header_name_with_a_space_is_refused_by_h11_and_shown_marked() -> None:
    bad, _ = _one_bad(REQ, b"GET / HTTP/1.1\r\nHost: a\r\nBad Name: 1\r\n\r\n",
                      b"GET /2 HTTP/1.1\r\nHost: a\r\n\r\n")
    assert bad.header("Bad Name") == "1"
    assert any("is not a token" in p for p in bad.problems)


def test_oversized_headers_are_marked_but_parsed() -> None:
    big = b"GET / HTTP/1.1\r\nHost: a\r\nX-Big: " + b"x" * 20_000 + b"\r\n\r\n"
    bad, good = _one_bad(REQ, big, b"GET /2 HTTP/1.1\r\nHost: a\r\n\r\n")
    assert len(bad.header("X-Big") or "") == 20_000
    assert any("oversized head" in p for p in bad.problems)
    assert good.target == "/2"


def test_a_cookie_that_is_not_utf8_is_marked_and_shown_as_latin1() -> None:
    bad, good = _one_bad(REQ, b"GET / HTTP/1.1\r\nHost: a\r\nCookie: name=caf\xe9\r\n\r\n",
                         b"GET /2 HTTP/1.1\r\nHost: a\r\nCookie: ok=1\r\n\r\n")
    assert bad.header("Cookie") == "name=café"
    assert any("Cookie is not valid UTF-8" in p for p in bad.problems)
    assert good.header("Cookie") == "ok=1" and good.problems == ()


def test_a_truncated_body_is_marked_incomplete_with_how_much_arrived() -> None:
    parser = parse_bytes(RESP, b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n"
                         b"only 20 bytes here..")
    (msg,) = [m.message for m in parser.messages]
    assert not msg.complete and msg.body == b"only 20 bytes here.."
    assert "truncated body: 20 of 100 bytes" in msg.problems[0]


def test_a_truncated_chunked_body_is_marked_incomplete() -> None:
    parser = parse_bytes(RESP, b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel")
    (msg,) = [m.message for m in parser.messages]
    assert not msg.complete and msg.chunked
    assert "last chunk never came" in msg.problems[0]


def test_a_request_without_host_is_shown_with_h11s_reason() -> None:
    (msg,) = [m.message for m in parse_bytes(REQ, b"GET / HTTP/1.1\r\n\r\n").messages]
    assert msg.target == "/" and msg.complete
    assert "h11 refused it: Missing mandatory Host: header" in msg.problems
    assert any("without a Host header" in p for p in msg.problems)


def test_conflicting_content_lengths_use_the_first_and_say_so() -> None:
    data = (b"POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nContent-Length: 5\r\n\r\nabc"
            b"GET /next HTTP/1.1\r\nHost: a\r\n\r\n")
    first, nxt = [m.message for m in parse_bytes(REQ, data).messages]
    assert first.body == b"abc" and any("conflicting Content-Length" in p for p in first.problems)
    assert nxt.target == "/next"


@pytest.mark.parametrize("length", [b"+3", b"0x3", b"1_0", b"-3", "\u0663".encode()])
def test_a_content_length_that_is_not_digits_is_not_taken_as_a_length(length: bytes) -> None:
    """Content-Length = 1*DIGIT (RFC 9112 §8.6); Python's int() would accept all of these."""
    data = b"HTTP/1.1 200 OK\r\nContent-Length: " + length + b"\r\n\r\nabc"
    msg = next(m.message for m in parse_bytes(RESP, data).messages)
    assert any("is not a number" in p for p in msg.problems)


@pytest.mark.parametrize("size", [b"-5", b"+5", b"0x5", b"5_0"])
def test_a_chunk_size_that_is_not_hex_digits_is_an_error_not_a_slice(size: bytes) -> None:
    """chunk-size = 1*HEXDIG (RFC 9112 §7.1). The tolerant decoder (used where h11 cannot
    be: after bytes missing from a capture) must not read "-5" as a length that slices the
    buffer from its end; through the parser, h11 refuses the message first."""
    dechunker = Dechunker()
    dechunker.feed(size + b"\r\nhello\r\n0\r\n\r\n")
    assert dechunker.error is not None and "bad chunk-size line" in dechunker.error
    assert dechunker.body == b"" and not dechunker.done
    data = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + size + b"\r\nhello\r\n"
    (msg,) = [m.message for m in parse_bytes(RESP, data).messages]
    assert not msg.complete and msg.problems


def test_content_length_beside_chunked_is_marked_and_chunked_wins() -> None:
    """RFC 9112 §6.3 rule 3: Transfer-Encoding overrides Content-Length, and the message
    "ought to be handled as an error" (request smuggling)."""
    data = (b"HTTP/1.1 200 OK\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n"
            b"5\r\nhello\r\n0\r\n\r\n")
    (msg,) = [m.message for m in parse_bytes(RESP, data).messages]
    assert msg.body == b"hello" and msg.complete
    assert any("both Transfer-Encoding and Content-Length" in p for p in msg.problems)


def test_bytes_that_are_not_http_are_skipped_and_recorded_until_the_next_message() -> None:
    data = b"\x16\x03\x01\x00\xa5binary junk\r\nmore\nGET /after HTTP/1.1\r\nHost: a\r\n\r\n"
    parser = parse_bytes(REQ, data)
    (msg,) = [m.message for m in parser.messages]
    assert msg.target == "/after"
    (skipped,) = parser.skipped
    assert (skipped.offset, skipped.length) == (0, data.index(b"GET"))


def test_missing_bytes_inside_a_body_keep_the_next_message_in_step() -> None:
    parser = TolerantHttpParser(RESP)
    parser.feed(b"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc")
    parser.gap(4, "segment lost")
    parser.feed(b"xyzHTTP/1.1 204 No Content\r\n\r\n")
    parser.finish(True)
    first, second = [m.message for m in parser.messages]
    assert first.body == b"abcxyz" and not first.complete
    assert "4 bytes missing from the capture (segment lost)" in first.problems[0]
    assert second.status == 204 and second.complete


def test_missing_bytes_inside_a_head_resume_at_the_next_start_line() -> None:
    parser = TolerantHttpParser(REQ)
    parser.feed(b"GET /a HTTP/1.1\r\nHost: x\r\nUser-Ag")
    parser.gap(30, "segment lost")
    parser.feed(b"ent stuff\r\n\r\nGET /b HTTP/1.1\r\nHost: x\r\n\r\n")
    parser.finish(True)
    first, second = [m.message for m in parser.messages]
    assert first.target == "/a" and not first.complete
    assert second.target == "/b" and second.complete


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300), st.sampled_from([REQ, RESP]), st.booleans())
def test_arbitrary_bytes_never_raise_and_every_byte_is_accounted_for(
    data: bytes, kind: MessageKind, closed: bool
) -> None:
    parser = parse_bytes(kind, data, closed=closed)
    spans = sorted([(m.start, m.end) for m in parser.messages]
                   + [(s.offset, s.offset + s.length) for s in parser.skipped])
    position = 0
    for start, end in spans:
        assert start == position and end >= start
        position = end
    assert position == len(data)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from([
    b"GET / HTTP/1.1\r\nHost: a\r\n\r\n", b"GARBAGE\r\n", b"\x00\xff", b"\r\n",
    b"POST /p HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\nok",
    b"GET /x HTTX/1.1\r\nHost: a\r\n\r\n", b"GET / HTTP/1.1\r\nBad Name: 1\r\nHost: a\r\n\r\n",
]), max_size=8), st.integers(min_value=1, max_value=7))
def test_mixed_good_and_bad_requests_parse_the_same_in_any_piece_size(
    parts: list[bytes], size: int
) -> None:
    data = b"".join(parts)
    pieces = [data[i:i + size] for i in range(0, len(data), size)]
    assert _messages(_parse_in(REQ, pieces)) == _messages(parse_bytes(REQ, data))


def test_an_oversized_head_is_refused_however_it_arrives() -> None:
    """The strict parser's 16 KiB head limit holds for a head fed whole as for one fed in
    1460-byte segments (h11 checks only a head still incomplete)."""
    from simulator.models.http.stream_parser import HttpStreamParser

    data = b"HTTP/1.1 200 OK\r\nX-Long: " + b"v" * 20000 + b"\r\nContent-Length: 2\r\n\r\nok"
    outcomes = []
    for pieces in ([data], [data[i:i + 1460] for i in range(0, len(data), 1460)]):
        parser = HttpStreamParser(RESP, ["GET"])
        for piece in pieces:
            parser.feed(piece)
        parser.close()
        outcomes.append((parser.failed, [m.message.complete for m in parser.messages]))
    assert outcomes[0] == outcomes[1] == ("Receive buffer too long", [False])


def test_a_chunk_size_line_over_4_kib_is_an_error_however_it_arrives() -> None:
    data = b"1" * 4100 + b"\r\nf"
    errors = []
    for pieces in ([data], [data[i:i + 1] for i in range(len(data))]):
        dechunker = Dechunker()
        for piece in pieces:
            dechunker.feed(piece)
        errors.append(dechunker.error)
    assert errors[0] == errors[1] == "a chunk-size line is longer than 4 KiB"
