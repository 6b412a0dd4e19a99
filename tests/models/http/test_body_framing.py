"""Where a message body ends, by RFC 9112 §6.3's rules in their order: no body for HEAD,
1xx, 204, 304 and a 2xx to CONNECT; chunked if it is the final transfer coding; else
Content-Length; else none for a request and "until the connection closes" for a response.

Heads are built field by field here (no parser involved); each expected framing is the rule
quoted beside it.
"""

from __future__ import annotations

import pytest

from simulator.models.http.head import Framing, Head, framing
from simulator.models.http.snapshot import HeaderLine, MessageKind

REQ = MessageKind.REQUEST
RESP = MessageKind.RESPONSE


def _response(status: int, *fields: tuple[str, str]) -> Head:
    return Head(RESP, f"HTTP/1.1 {status} X", [HeaderLine(n, v) for n, v in fields],
                status=status, reason="X")


def _request(*fields: tuple[str, str]) -> Head:
    return Head(REQ, "POST / HTTP/1.1", [HeaderLine(n, v) for n, v in fields],
                method="POST", target="/")


CL9 = ("Content-Length", "9")


@pytest.mark.parametrize("status", [100, 101, 150, 199, 204, 304])
def test_1xx_204_and_304_responses_have_no_body_whatever_their_headers(status: int) -> None:
    """§6.3 rule 1: "Any response to a HEAD request and any response with a 1xx
    (Informational), 204 (No Content), or 304 (Not Modified) status code is always
    terminated by the first empty line after the header fields"."""
    assert framing(_response(status, CL9)) == (Framing.NONE, 0, [])
    assert framing(_response(status, ("Transfer-Encoding", "chunked"))) == (
        Framing.NONE, 0, [])


@pytest.mark.parametrize("status", [200, 205, 299, 303, 404, 500])
def test_other_statuses_have_the_body_their_content_length_says(status: int) -> None:
    assert framing(_response(status, CL9)) == (Framing.LENGTH, 9, [])


def test_any_response_to_head_has_no_body() -> None:
    for status in (200, 404):
        assert framing(_response(status, CL9), "HEAD") == (Framing.NONE, 0, [])


@pytest.mark.parametrize(("status", "expected"), [
    (200, (Framing.NONE, 0, [])), (299, (Framing.NONE, 0, [])),
    (300, (Framing.LENGTH, 9, [])), (407, (Framing.LENGTH, 9, [])),
])
def test_a_2xx_to_connect_ends_the_message_at_its_head(
    status: int, expected: tuple[Framing, int, list[str]]
) -> None:
    """§6.3 rule 2: "Any 2xx (Successful) response to a CONNECT request implies that the
    connection will become a tunnel immediately after the empty line"; other statuses to
    CONNECT are framed as usual."""
    assert framing(_response(status, CL9), "CONNECT") == expected


@pytest.mark.parametrize("codings", [["chunked"], ["gzip, chunked"], ["Chunked"],
                                     ["gzip", "chunked"], [" , chunked"]])
def test_chunked_as_the_final_transfer_coding_frames_the_body(codings: list[str]) -> None:
    """§6.3 rule 4 (and RFC 9110 §5.3: several field lines are one comma-separated list;
    transfer-coding names are case-insensitive, RFC 9112 §7)."""
    head = _response(200, *[("Transfer-Encoding", c) for c in codings])
    assert framing(head) == (Framing.CHUNKED, None, [])


def test_a_response_whose_final_coding_is_not_chunked_runs_until_the_close() -> None:
    """§6.3 rule 4: "If a Transfer-Encoding header field is present in a response and the
    chunked transfer coding is not the final encoding, the message body length is
    determined by reading the connection until it is closed by the server"."""
    head = _response(200, ("Transfer-Encoding", "chunked, gzip"))
    assert framing(head) == (Framing.UNTIL_CLOSE, None, [
        "Transfer-Encoding chunked, gzip does not end in chunked"])


def test_transfer_encoding_beside_content_length_wins_and_is_marked() -> None:
    """§6.3 rule 3: Transfer-Encoding overrides Content-Length; a sender MUST NOT send
    both (§6.1)."""
    head = _response(200, CL9, ("Transfer-Encoding", "chunked"))
    assert framing(head) == (Framing.CHUNKED, None, [
        "both Transfer-Encoding and Content-Length: Transfer-Encoding wins "
        "(RFC 9112 §6.3 rule 3; a sign of request smuggling)"])


@pytest.mark.parametrize(("value", "length"), [("0", 0), ("42", 42), (" 7 ", 7),
                                               ("00012", 12)])
def test_content_length_gives_the_body_length(value: str, length: int) -> None:
    """§6.3 rule 6; Content-Length = 1*DIGIT (§8.6 of RFC 9110), a decimal count."""
    assert framing(_response(200, ("Content-Length", value))) == (Framing.LENGTH, length, [])
    assert framing(_request(("Content-Length", value))) == (Framing.LENGTH, length, [])


def test_the_same_content_length_twice_is_no_conflict() -> None:
    head = _response(200, ("Content-Length", "5"), ("content-length", "5"))
    assert framing(head) == (Framing.LENGTH, 5, [])


def test_different_content_lengths_use_the_first_and_list_both() -> None:
    head = _request(("Content-Length", "12"), ("Content-Length", "3"))
    assert framing(head) == (Framing.LENGTH, 12, [
        "conflicting Content-Length headers: 12, 3; using the first"])


def test_a_content_length_that_is_no_number_frames_as_if_there_were_none() -> None:
    """A request without a usable length has no body (§6.3 rule 7); a response runs until
    the close (rule 8); both say why."""
    problem = "Content-Length 'ten' is not a number"
    assert framing(_request(("Content-Length", "ten"))) == (Framing.NONE, 0, [problem])
    assert framing(_response(200, ("Content-Length", "ten"))) == (
        Framing.UNTIL_CLOSE, None, [problem])


def test_without_length_or_chunked_a_request_has_no_body_and_a_response_reads_to_close(
) -> None:
    """§6.3 rule 7: a request with neither has a body of length zero; rule 8: a response
    with neither ends when the server closes the connection."""
    assert framing(_request(("Host", "a"))) == (Framing.NONE, 0, [])
    assert framing(_response(200, ("Server", "x"))) == (Framing.UNTIL_CLOSE, None, [])


def test_a_response_whose_final_coding_is_not_chunked_ignores_its_content_length() -> None:
    """§6.3 rule 3 (Transfer-Encoding overrides Content-Length), then rule 4: a response
    whose final coding is not chunked is read until the server closes."""
    head = _response(200, CL9, ("Transfer-Encoding", "gzip"))
    assert framing(head) == (Framing.UNTIL_CLOSE, None, [
        "both Transfer-Encoding and Content-Length: Transfer-Encoding wins "
        "(RFC 9112 §6.3 rule 3; a sign of request smuggling)",
        "Transfer-Encoding gzip does not end in chunked"])
