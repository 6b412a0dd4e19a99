"""CGI vs FastCGI vs WSGI: one request three ways, and FastCGI records byte for byte."""

from __future__ import annotations

import struct

from hypothesis import given
from hypothesis import strategies as st

from simulator.models.wsgi.gateways import (
    FcgiType,
    Gateway,
    GatewayRequest,
    GatewayResponse,
    Stage,
    cgi_meta_variables,
    cgi_response,
    fastcgi_begin,
    fastcgi_end,
    fastcgi_name_value,
    fastcgi_record,
    fastcgi_stream,
    gateway_lesson,
    parse_fastcgi,
)

POST = GatewayRequest("POST", "/login", "next=/", (("Host", "example.org"),
                                                  ("Content-Type", "text/plain"),
                                                  ("User-Agent", "test")), b"user=ada")


def test_cgi_meta_variables_follow_rfc_3875():
    env = dict(cgi_meta_variables(POST))
    assert env["GATEWAY_INTERFACE"] == "CGI/1.1"
    assert env["REQUEST_METHOD"] == "POST" and env["PATH_INFO"] == "/login"
    assert env["QUERY_STRING"] == "next=/"
    assert env["CONTENT_LENGTH"] == "8" and env["CONTENT_TYPE"] == "text/plain"
    assert env["HTTP_USER_AGENT"] == "test" and "HTTP_CONTENT_TYPE" not in env


def test_cgi_response_is_status_headers_blank_line_body():
    doc = cgi_response(GatewayResponse("404 NOT FOUND", (("Content-Type", "text/plain"),), b"x"))
    assert doc == b"Status: 404 NOT FOUND\r\nContent-Type: text/plain\r\n\r\nx"


def test_fastcgi_record_header_and_padding_follow_the_spec():
    record = fastcgi_record(FcgiType.STDOUT, 7, b"hello")
    version, kind, rid, length, padding = struct.unpack(">BBHHBx", record[:8])
    assert (version, kind, rid, length, padding) == (1, 6, 7, 5, 3)
    assert len(record) % 8 == 0
    begin = parse_fastcgi(fastcgi_begin(1))[0]
    assert begin[0] is FcgiType.BEGIN_REQUEST and begin[2][:3] == b"\x00\x01\x01"
    assert parse_fastcgi(fastcgi_end(1))[0][2] == b"\0\0\0\0\0\0\0\0"


@given(st.text(st.characters(min_codepoint=32, max_codepoint=126), min_size=1, max_size=300),
       st.text(st.characters(min_codepoint=32, max_codepoint=126), max_size=300))
def test_name_value_pairs_use_one_or_four_length_bytes(name, value):
    encoded = fastcgi_name_value(name, value)
    size = (1 if len(name) < 128 else 4) + (1 if len(value) < 128 else 4)
    assert len(encoded) == size + len(name) + len(value)
    assert encoded.endswith((name + value).encode())


@given(st.binary(max_size=140_000), st.integers(1, 65535))
def test_a_stream_splits_into_records_and_ends_with_an_empty_one(data, rid):
    records = parse_fastcgi(b"".join(fastcgi_stream(FcgiType.STDIN, rid, data)))
    assert records[-1] == (FcgiType.STDIN, rid, b"")
    assert b"".join(r[2] for r in records) == data
    assert all(len(r[2]) <= 65535 for r in records)


def test_lesson_has_every_stage_in_every_lane():
    lesson = gateway_lesson(POST)
    for stage in Stage:
        assert [s.gateway for s in lesson.row(stage)] == list(Gateway)
    for gateway in Gateway:
        assert [s.stage for s in lesson.lane(gateway)] == list(Stage)
        assert all(s.explanation and s.reference for s in lesson.lane(gateway))


def test_cgi_starts_a_process_per_request_and_the_others_do_not():
    lesson = gateway_lesson(POST)
    cgi = {s.stage: s for s in lesson.lane(Gateway.CGI)}
    assert any(p.new for p in cgi[Stage.START].processes)
    assert not all(p.alive for p in cgi[Stage.FINISH].processes)
    for gateway in (Gateway.FASTCGI, Gateway.WSGI):
        steps = lesson.lane(gateway)
        assert not any(p.new for s in steps for p in s.processes)
        assert all(p.alive for s in steps for p in s.processes)


def test_the_same_request_travels_as_env_records_and_environ():
    lesson = gateway_lesson(POST)
    cgi, fcgi, wsgi = lesson.row(Stage.HAND_OVER)
    assert "REQUEST_METHOD=POST" in [c.label for c in cgi.carried]
    assert any(c.data == b"user=ada" for c in cgi.carried)  # stdin
    records = parse_fastcgi(b"".join(c.data for c in fcgi.carried if c.data))
    params = b"".join(r[2] for r in records if r[0] is FcgiType.PARAMS)
    assert fastcgi_name_value("REQUEST_METHOD", "POST") in params
    assert b"".join(r[2] for r in records if r[0] is FcgiType.STDIN) == b"user=ada"
    assert "environ['REQUEST_METHOD'] = 'POST'" in [c.label for c in wsgi.carried]
    assert "environ['wsgi.input'] = '<stream>'" in [c.label for c in wsgi.carried]


def test_fastcgi_stdout_carries_the_cgi_response():
    response = GatewayResponse("200 OK", (("Content-Type", "text/plain"),), b"hi")
    lesson = gateway_lesson(POST, response)
    fcgi = lesson.row(Stage.RESPOND)[1]
    records = parse_fastcgi(b"".join(c.data for c in fcgi.carried if c.data))
    stdout = b"".join(r[2] for r in records if r[0] is FcgiType.STDOUT)
    assert stdout == cgi_response(response)
    assert records[-1][0] is FcgiType.END_REQUEST
