"""HTTP/1.x messages written and parsed with h11: whole streams, segment by segment, byte by
byte and split anywhere, trailing and bad bytes, and the connection-reuse rules."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from simulator.models.http.message import ServerConnection, persistence, request_bytes
from simulator.models.http.snapshot import HttpMessage, MessageKind
from simulator.models.http.stream_parser import HttpStreamParser, parse_messages

REQ, RESP = MessageKind.REQUEST, MessageKind.RESPONSE
HOST = ("Host", "www.example.org")


def _requests() -> bytes:
    return (request_bytes("GET", "/", [HOST, ("Cookie", "sid=abc; lang=en")])
            + request_bytes("POST", "/login", [HOST, ("Content-Type",
                                                      "application/x-www-form-urlencoded")],
                            b"username=alice&password=wonderland")
            + request_bytes("GET", "/logo.png", [HOST]))


def _responses() -> bytes:
    server = ServerConnection()
    server.feed(_requests())
    out = b""
    server.next_request()
    out += server.respond(200, [("Set-Cookie", "a=1; Path=/"), ("Content-Type", "text/html")],
                          b"<p>hello</p>")
    server.next_request()
    out += server.start(302, [("Location", "/profile"), ("Transfer-Encoding", "chunked")])
    out += server.chunk(b"first chunk ") + server.chunk(b"second") + server.end()
    server.next_request()
    return out + server.respond(200, [("Content-Type", "image/png")], bytes(range(256)))


def _summary(messages: tuple[HttpMessage, ...]) -> list[tuple[object, ...]]:
    return [(m.start_line, m.headers, m.body, m.raw_length, m.complete, m.chunked)
            for m in messages]


def _feed_in_pieces(kind: MessageKind, data: bytes, cuts: list[int]) -> tuple[HttpMessage, ...]:
    parser = HttpStreamParser(kind)
    out: tuple[HttpMessage, ...] = ()
    last = 0
    for cut in [*sorted(set(cuts)), len(data)]:
        out += parser.feed(data[last:cut])
        last = cut
    return out + parser.close()


@pytest.mark.parametrize(("kind", "make"), [(REQ, _requests), (RESP, _responses)])
def test_parse_whole_stream(kind: MessageKind, make: object) -> None:
    data = make()  # type: ignore[operator]
    messages = parse_messages(data, kind)
    assert len(messages) == 3
    assert sum(m.raw_length for m in messages) == len(data)
    assert all(m.complete and not m.problems for m in messages)
    assert [m.exchange for m in messages] == [0, 1, 2]


def test_requests_keep_their_fields_method_target_and_body() -> None:
    get, post, logo = parse_messages(_requests(), REQ)
    assert (get.method, get.target, get.version) == ("GET", "/", "HTTP/1.1")
    assert get.header("cookie") == "sid=abc; lang=en"  # case-insensitive (RFC 9110 §5.1)
    assert [h.name for h in get.headers if h.is_cookie_header] == ["Cookie"]
    assert post.body == b"username=alice&password=wonderland"
    assert post.header("Content-Length") == "34"
    assert logo.start_line == "GET /logo.png HTTP/1.1"


def test_responses_are_de_chunked_and_keep_set_cookie() -> None:
    ok, redirect, png = parse_messages(_responses(), RESP, methods=("GET", "POST", "GET"))
    assert (ok.status, ok.reason, ok.body) == (200, "OK", b"<p>hello</p>")
    assert ok.headers_named("Set-Cookie") == ("a=1; Path=/",)
    assert redirect.chunked and redirect.body == b"first chunk second"
    assert (redirect.status, redirect.header("Location")) == (302, "/profile")
    assert png.body == bytes(range(256))


@pytest.mark.parametrize(("kind", "make"), [(REQ, _requests), (RESP, _responses)])
@pytest.mark.parametrize("mss", [1, 7, 536, 1460])
def test_segment_by_segment_and_byte_by_byte_equal_whole(kind: MessageKind, make: object,
                                                         mss: int) -> None:
    data = make()  # type: ignore[operator]
    pieces = _feed_in_pieces(kind, data, list(range(mss, len(data), mss)))
    assert _summary(pieces) == _summary(parse_messages(data, kind))


@settings(max_examples=150, deadline=None)
@given(st.sampled_from([(REQ, _requests), (RESP, _responses)]),
       st.lists(st.integers(0, 2000), max_size=12))
def test_any_split_points_give_the_same_messages(case: tuple[MessageKind, object],
                                                 cuts: list[int]) -> None:
    kind, make = case
    data = make()  # type: ignore[operator]
    pieces = _feed_in_pieces(kind, data, [c for c in cuts if c < len(data)])
    assert _summary(pieces) == _summary(parse_messages(data, kind))


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["GET", "POST", "PUT", "DELETE"]),
                          st.from_regex(r"/[a-z0-9/._-]{0,20}", fullmatch=True),
                          st.binary(max_size=300)), min_size=1, max_size=5),
       st.data())
def test_written_requests_parse_back_to_what_was_written(
        specs: list[tuple[str, str, bytes]], data: st.DataObject) -> None:
    stream = b"".join(request_bytes(m, t, [HOST], body) for m, t, body in specs)
    cuts = data.draw(st.lists(st.integers(0, len(stream)), max_size=8))
    messages = _feed_in_pieces(REQ, stream, cuts)
    assert [(m.method, m.target, m.body) for m in messages] == specs
    assert sum(m.raw_length for m in messages) == len(stream)


def test_trailing_partial_message_is_reported_as_partial_then_truncated() -> None:
    data = _requests()
    cut = data.index(b"username") + 5  # in the middle of the POST's body
    parser = HttpStreamParser(REQ)
    (first,) = parser.feed(data[:cut])
    assert first.target == "/"
    partial = parser.partial
    assert partial is not None and not partial.complete
    assert (partial.method, partial.body) == ("POST", b"usern")
    assert parse_messages(data[:cut], REQ, closed=False)[-1] == partial
    (last,) = parser.close()  # the stream ends there: the message is cut short
    assert not last.complete and last.body == b"usern"
    assert "closed before the message was complete" in last.problems[0]


def test_trailing_bytes_of_an_unfinished_head_are_not_a_message_yet() -> None:
    data = _requests()
    parser = HttpStreamParser(REQ)
    assert len(parser.feed(data[:-10])) == 2
    assert parser.partial is None  # the third head has not ended: nothing to show yet
    (last,) = parser.close()
    assert not last.complete and last.start_line == "GET /logo.png HTTP/1.1"


def test_truncated_body_is_marked_and_the_rest_kept() -> None:
    data = b"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nhel"
    (msg,) = parse_messages(data, RESP)
    assert not msg.complete and msg.body == b"hel" and msg.status == 200
    assert "closed before the message was complete" in msg.problems[0]


def test_close_delimited_http10_body_ends_with_the_connection() -> None:
    data = b"HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nall of this is the body"
    parser = HttpStreamParser(RESP)
    assert parser.feed(data) == ()  # no length: the body may go on
    (msg,) = parser.close()
    assert msg.complete and msg.body == b"all of this is the body" and msg.version == "HTTP/1.0"


def test_response_to_head_has_no_body_even_with_content_length() -> None:
    data = (b"HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n"
            b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi")
    head, get = parse_messages(data, RESP, methods=("HEAD", "GET"))
    assert head.body == b"" and head.raw_length == 41
    assert get.body == b"hi"


def test_interim_100_continue_is_its_own_message() -> None:
    data = b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n"
    cont, created = parse_messages(data, RESP, methods=("POST",))
    assert (cont.status, created.status) == (100, 201)
    assert cont.raw_length + created.raw_length == len(data)


def test_malformed_start_line_is_marked_and_the_bytes_kept() -> None:
    good = request_bytes("GET", "/", [HOST])
    data = good + b"NONSENSE\x00\xff\r\n\r\nGET / HTTP/1.1\r\n\r\n"
    parser = HttpStreamParser(REQ)
    first, bad = parser.feed(data)
    assert first.complete and first.target == "/"
    assert not bad.complete and bad.problems and bad.start_line.startswith("NONSENSE")
    assert parser.failed and parser.unparsed == data[len(good):]
    assert parser.feed(b"more") == () and parser.unparsed.endswith(b"more")


def test_header_that_is_not_utf8_is_shown_and_noted() -> None:
    data = b"GET / HTTP/1.1\r\nHost: h\r\nCookie: name=caf\xe9\r\n\r\n"
    (msg,) = parse_messages(data, REQ)
    assert msg.header("Cookie") == "name=café"
    assert any("not valid UTF-8" in p for p in msg.problems)


def test_http10_request_is_written_by_hand_with_its_version() -> None:
    data = request_bytes("GET", "/", [HOST], version="1.0")
    assert data.startswith(b"GET / HTTP/1.0\r\nHost: www.example.org\r\n\r\n")
    (msg,) = parse_messages(data, REQ)
    assert msg.version == "HTTP/1.0"


# ----------------------------------------------------------------------------- the server side


def test_server_answers_pipelined_requests_one_at_a_time_in_order() -> None:
    server = ServerConnection()
    server.feed(_requests())
    first = server.next_request()
    assert first is not None and first.target == "/"
    assert server.next_request() is None  # the first is not answered yet (RFC 9112 §9.3.2)
    server.respond(200, [], b"one")
    second = server.next_request()
    assert second is not None and second.method == "POST" and second.exchange == 1
    assert not server.must_close


@pytest.mark.parametrize(("request_head", "closes"), [
    (b"GET / HTTP/1.1\r\nHost: h\r\n\r\n", False),
    (b"GET / HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n", True),
    (b"GET / HTTP/1.0\r\n\r\n", True),
])
def test_server_must_close_after_http10_or_connection_close(request_head: bytes,
                                                            closes: bool) -> None:
    server = ServerConnection()
    server.feed(request_head)
    request = server.next_request()
    assert request is not None
    response = server.respond(200, [], b"x")
    assert server.must_close is closes
    assert (b"Connection: close" in response) is closes
    (reply,) = parse_messages(response, RESP)
    assert persistence(request, reply).persistent is not closes


def test_server_reports_a_request_it_cannot_parse() -> None:
    server = ServerConnection()
    server.feed(b"BROKEN\r\n\r\n")
    assert server.next_request() is None and server.problem


@pytest.mark.parametrize(("request_head", "response_head", "persistent", "reason"), [
    (b"GET / HTTP/1.1\r\nHost: h\r\n\r\n", b"HTTP/1.1 200 OK\r\n\r\n", True, "persist"),
    (b"GET / HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n", b"HTTP/1.1 200 OK\r\n\r\n",
     False, "request says Connection: close"),
    (b"GET / HTTP/1.1\r\nHost: h\r\n\r\n", b"HTTP/1.1 200 OK\r\nConnection: Close\r\n\r\n",
     False, "response says Connection: close"),
    (b"GET / HTTP/1.0\r\n\r\n", b"HTTP/1.1 200 OK\r\n\r\n", False, "request is HTTP/1.0"),
    (b"GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n",
     b"HTTP/1.0 200 OK\r\nConnection: keep-alive\r\n\r\n", True, "persist"),
])
def test_persistence_follows_rfc9112_9_3(request_head: bytes, response_head: bytes,
                                         persistent: bool, reason: str) -> None:
    (request,) = parse_messages(request_head, REQ)
    (response,) = parse_messages(response_head + b"", RESP, closed=False) or (None,)
    verdict = persistence(request, response)
    assert verdict.persistent is persistent
    assert reason in verdict.reason and "RFC 9112 §9.3" in verdict.reason
