"""One connection carrying 3,000 pipelined requests (issue 13: extraction went quadratic in
the messages of one connection; ``bench/bench_pipelined.py`` times it, this checks what a
learner sees): every request paired with its own response, in order, each message with the
packets that really carried its bytes, and ``analyze --json`` listing them all.

The client sends the requests of a batch back to back, in segments that cut messages
anywhere (so a message may span two packets and a packet hold several messages), before
the server answers the batch the same way (RFC 9112 §9.3.2: responses in request order).
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from simulator.net.analyze import analyze_capture
from simulator.net.capture.index import build_index
from simulator.net.http.capture_http import capture_http
from simulator.net.http.exchanges import ConnectionHttp
from tests.net.http.http_pcap import Flow

REQUESTS = 3000
BATCH = 50  # requests sent before the first of their responses
SEGMENT = 700  # bytes per segment: not a multiple of any message length


def _request(i: int) -> bytes:
    return f"GET /r/{i} HTTP/1.1\r\nHost: example.test\r\n\r\n".encode()


def _response(i: int) -> bytes:
    body = str(i).encode()
    return b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n%s" % (len(body), body)


def _send(flow: Flow, d: int, messages: list[bytes]) -> list[tuple[int, ...]]:
    """Send the messages back to back; for each, the packets that carry its bytes."""
    data = b"".join(messages)
    packets = flow.send(d, data, mss=SEGMENT)
    ends = list(itertools.accumulate(map(len, messages)))
    return [tuple(packets[k] for k in range(start // SEGMENT, (end - 1) // SEGMENT + 1))
            for start, end in zip([0, *ends], ends, strict=False)]


@pytest.fixture(scope="module")
def pipelined(tmp_path_factory: pytest.TempPathFactory
              ) -> tuple[Path, list[tuple[int, ...]], list[tuple[int, ...]]]:
    """The capture, and for each exchange the packets of its request and of its response."""
    flow = Flow(server=("10.0.0.2", 80))
    flow.handshake()
    request_packets: list[tuple[int, ...]] = []
    response_packets: list[tuple[int, ...]] = []
    for first in range(0, REQUESTS, BATCH):
        batch = range(first, first + BATCH)
        request_packets += _send(flow, 0, [_request(i) for i in batch])
        response_packets += _send(flow, 1, [_response(i) for i in batch])
    flow.close()
    path = flow.write(tmp_path_factory.mktemp("pipelined") / "pipelined.pcap")
    return path, request_packets, response_packets


@pytest.fixture(scope="module")
def http(pipelined: tuple[Path, list[tuple[int, ...]], list[tuple[int, ...]]]
         ) -> ConnectionHttp:
    return capture_http(build_index(str(pipelined[0]))).connections[0]


def test_every_request_is_paired_with_its_own_response_in_order(http: ConnectionHttp) -> None:
    assert http.is_http and not http.skipped
    assert len(http.exchanges) == REQUESTS
    for i, ex in enumerate(http.exchanges):
        assert ex.number == i
        assert ex.request is not None and ex.response is not None
        assert ex.request.message.target == f"/r/{i}"
        assert ex.response.message.body == str(i).encode()
        assert ex.request_url == f"http://example.test/r/{i}"
        assert ex.request.message.exchange == ex.response.message.exchange == i
        assert ex.request.message.complete and ex.response.message.complete


def test_each_message_names_the_packets_that_carried_its_bytes(
    pipelined: tuple[Path, list[tuple[int, ...]], list[tuple[int, ...]]],
    http: ConnectionHttp,
) -> None:
    _, request_packets, response_packets = pipelined
    assert any(len(p) == 2 for p in request_packets)  # (the capture cuts messages)
    for ex, req, resp in zip(http.exchanges, request_packets, response_packets, strict=True):
        assert ex.request is not None and ex.response is not None
        assert (ex.request.packets, ex.response.packets) == (req, resp)
        # Flow stamps packet k at 1_700_000_000 + 0.001 k seconds.
        assert ex.request.first_time == pytest.approx(1_700_000_000 + 0.001 * req[0])
        assert ex.response.time == pytest.approx(1_700_000_000 + 0.001 * resp[-1])


def test_requests_after_the_first_of_a_batch_are_pipelined(http: ConnectionHttp) -> None:
    assert [ex.pipelined for ex in http.exchanges] == [
        i % BATCH != 0 for i in range(REQUESTS)]


def test_analyze_lists_every_exchange_in_request_order(
    pipelined: tuple[Path, list[tuple[int, ...]], list[tuple[int, ...]]],
) -> None:
    doc = analyze_capture(str(pipelined[0]))
    (conn,) = doc["connections"]
    assert [(row["method"], row["uri"], row["status"]) for row in conn["http"]] == [
        ("GET", f"/r/{i}", 200) for i in range(REQUESTS)]
