"""One real request on one Timeline: TCP (simulated from the real bytes), HTTP, the WSGI chain."""

from __future__ import annotations

import pytest

from simulator.models.simulation.chain_timeline import all_layers_timeline
from simulator.models.tcp.segment import Flags
from simulator.models.timeline.steps import Timeline
from simulator.net.live.trace import LiveTrace, TraceRequest, trace_requests


def _addresses(traces: tuple[LiveTrace, ...]) -> list[tuple[str, str]]:
    out = []
    for t in traces:
        assert t.client_address is not None
        out.append((f"{t.client_address[0]}:{t.client_address[1]}",
                    f"{t.server_address[0]}:{t.server_address[1]}"))
    return out


@pytest.fixture(scope="module")
def traces() -> tuple[LiveTrace, ...]:
    return trace_requests([TraceRequest(path="/"), TraceRequest(path="/?theme=dark")])


@pytest.fixture(scope="module")
def timeline(traces) -> Timeline:
    return all_layers_timeline([t.chain for t in traces], addresses=_addresses(traces))


def _first(timeline: Timeline, predicate, start: int = 0) -> int:
    return next(s.index for s in timeline.steps[start:] if predicate(s))


def test_steps_are_numbered_and_times_never_go_back(timeline):
    assert [s.index for s in timeline] == list(range(len(timeline)))
    times = [s.time for s in timeline]
    assert times == sorted(times)
    assert "simulated" in timeline.title and "simulated" in timeline.description


def test_request_segments_arrive_before_the_chain_starts(timeline):
    chain_start = _first(timeline, lambda s: s.layer == "wsgi")
    request = next(seg for seg in timeline.segments if seg.src == "client" and seg.length)
    assert request.end_step is not None and request.end_step < chain_start
    assert request.payload.startswith(b"GET / HTTP/1.1")
    syn = timeline.segments[0]
    assert syn.flags == Flags.SYN and syn.sent_step < chain_start


def test_response_segments_leave_after_start_response(timeline):
    start = _first(timeline, lambda s: s.layer == "wsgi" and s.wsgi is not None
                   and s.wsgi.event is not None
                   and s.wsgi.event.function.endswith(".start_response"))
    response = [seg for seg in timeline.segments
                if seg.src == "server" and seg.length and seg.connection == 0]
    assert response and all(seg.sent_step > start for seg in response)
    assert b"".join(seg.payload for seg in response).startswith(b"HTTP/1.0 200 OK")
    fin = next(seg for seg in timeline.segments if seg.src == "server" and Flags.FIN in seg.flags)
    shutdown = _first(timeline, lambda s: s.wsgi is not None and s.wsgi.event is not None
                      and s.wsgi.event.function.endswith("shutdown_request"))
    assert fin.sent_step > shutdown


def test_segment_step_references_point_at_the_steps_that_sent_them(timeline):
    for seg in timeline.segments:
        sender = timeline[seg.sent_step]
        assert seg.id in sender.sent
        if seg.end_step is not None:
            assert timeline[seg.end_step].segment is not None
            assert timeline[seg.end_step].segment.id == seg.id


def test_http_steps_show_the_messages_and_the_cookie_going_back(timeline):
    http = [s for s in timeline if s.layer == "http"]
    messages = [s.http.message for s in http if s.http is not None and s.http.message]
    assert [m.start_line for m in messages] == [
        "GET / HTTP/1.1", "HTTP/1.0 200 OK", "GET /?theme=dark HTTP/1.1", "HTTP/1.0 200 OK"]
    assert any(v.startswith("theme=light") for v in messages[1].headers_named("Set-Cookie"))
    cookie = messages[2].header("Cookie")
    assert cookie is not None and "theme=light" in cookie and "session=" in cookie


def test_two_requests_are_two_connections_from_syn_to_fin(timeline, traces):
    assert [c.number for c in timeline.connections] == [0, 1]
    assert timeline.connections[1].client_address.endswith(str(traces[1].client_address[1]))
    assert {s.connection for s in timeline if s.layer == "wsgi"} == {0, 1}
    assert timeline[-1].client.state.name == "CLOSED"


def test_tcp_steps_keep_the_wsgi_view_filled_once_the_chain_began(timeline):
    chain_start = _first(timeline, lambda s: s.layer == "wsgi")
    later_tcp = [s for s in timeline.steps[chain_start:] if s.layer == "tcp"
                 and s.connection == 0]
    assert later_tcp and all(s.wsgi is not None for s in later_tcp)
