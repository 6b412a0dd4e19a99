"""The facts the ladder draws above TCP's numbers, from the timeline alone: what is special
about each segment (in Wireshark's words), which segments carry which HTTP message, and where
a request is inside the server."""

from __future__ import annotations

from dataclasses import replace

from simulator.models.http.snapshot import HttpMessage, MessageKind
from simulator.models.simulation.chain_timeline import chain_timeline
from simulator.models.simulation.scenarios import build
from simulator.models.timeline.ladder_http import (
    ladder_http,
    messages_on_packets,
)
from simulator.models.timeline.segment_marks import (
    SegmentMark,
    marks_of_annotations,
    segment_marks,
)
from simulator.models.timeline.server_lane import RequestStage, server_lane, stage_at
from simulator.models.wsgi.flask_classic import classic_chain

M = SegmentMark
S = RequestStage


# ---------------------------------------------------------------------- marks
def test_lost_data_marks_the_held_segments_the_duplicate_acks_and_the_retransmission():
    marks = segment_marks(build("lost-data"))
    assert marks == {6: (M.OUT_OF_ORDER,), 7: (M.OUT_OF_ORDER,), 8: (M.DUPLICATE_ACK,),
                     9: (M.DUPLICATE_ACK,), 10: (M.RETRANSMISSION,)}


def test_a_timer_retransmission_is_not_a_fast_one_and_a_clean_run_has_no_marks():
    assert segment_marks(build("lost-syn")) == {1: (M.RETRANSMISSION,),
                                                2: (M.RETRANSMISSION,)}
    assert segment_marks(build("handshake-teardown")) == {}
    assert segment_marks(build("login")) == {}


def test_a_retransmission_an_arrival_caused_is_fast():
    timeline = build("lost-data")
    arrival = next(s for s in timeline if s.segment is not None and s.kind.name == "ARRIVE")
    record = replace(timeline.segments[10], sent_step=arrival.index)
    moved = replace(timeline, segments=(*timeline.segments[:10], record,
                                        *timeline.segments[11:]))
    assert segment_marks(moved)[10] == (M.FAST_RETRANSMISSION,)


def test_capture_annotations_become_marks_the_precise_word_winning():
    assert marks_of_annotations(("retransmission", "fast_retransmission")) == (
        M.FAST_RETRANSMISSION,)
    assert marks_of_annotations(("zero_window", "duplicate_ack", "no_such_thing")) == (
        M.DUPLICATE_ACK, M.ZERO_WINDOW)


# ---------------------------------------------------------------------- HTTP on segments
def test_login_puts_each_message_on_the_segment_that_carries_its_start_line():
    timeline = build("login")
    http = ladder_http(timeline)
    assert http.titles()[:5] == ["GET /login", "200 OK", "POST /login", "302 Found",
                                 "GET /profile"]
    for m in http.messages:
        first = timeline.segments[m.first_segment]
        assert first.src == m.sender
        assert first.payload.startswith(m.message.start_line.encode())
    found = next(m for m in http.messages if m.title == "302 Found")
    assert (found.cookie_header, found.cookie_names) == ("Set-Cookie", ("sid",))
    profile = next(m for m in http.messages if m.title == "GET /profile")
    assert (profile.cookie_header, profile.cookie_names) == ("Cookie", ("sid",))
    assert http.started_by(profile.first_segment) is profile
    assert http.started_by(0) is None  # the SYN carries no message


def test_a_streamed_response_spans_its_segments_and_pipelined_requests_keep_their_order():
    chunked = ladder_http(build("chunked"))
    response = next(m for m in chunked.messages if m.title == "200 OK")
    assert (response.first_segment, response.last_segment, response.segment_count) == (5, 15, 7)
    pipelined = ladder_http(build("http11-pipelining"))
    assert pipelined.titles() == ["GET /", "GET /style.css", "GET /logo.png", "200 OK",
                                  "200 OK", "200 OK"]


def test_per_request_connections_each_get_their_own_messages():
    timeline = build("http10-per-request")
    http = ladder_http(timeline)
    assert [timeline.segments[m.first_segment].connection for m in http.messages] == [
        0, 0, 1, 1, 2, 2]


def test_a_captured_message_lies_on_the_segments_of_its_packets():
    """A replayed capture's message spans the segments whose packets carried its bytes,
    retransmissions left out; a packet may carry the end of one message and the start of
    the next (pipelining)."""
    message = HttpMessage(MessageKind.RESPONSE, "HTTP/1.1 200 OK", (), b"", raw_length=3000,
                          status=200, reason="OK")
    nxt = HttpMessage(MessageKind.RESPONSE, "HTTP/1.1 404 Not Found", (), b"", raw_length=90,
                      status=404, reason="Not Found")
    packets = [3, 7, 8, 11, 12, 13, 20]  # segment i was packet packets[i]
    from_client = [1, 0, 1, 0, 0, 0, 1]
    http = messages_on_packets([(message, (7, 11, 12, 13)), (nxt, (13,))], packets,
                               from_client, retransmitted={4})
    m, n = http.messages
    assert (m.sender, m.first_segment, m.last_segment, m.segment_count) == ("server", 1, 5, 3)
    assert (n.first_segment, n.last_segment, n.segment_count) == (5, 5, 1)
    assert [m.title, n.title] == ["200 OK", "404 Not Found"]


# ---------------------------------------------------------------------- the server lane
def test_a_classic_chain_goes_through_the_stages_in_the_order_flask_runs_them():
    timeline = chain_timeline(classic_chain("/"))
    (span,) = server_lane(timeline)
    assert (span.first_step, span.last_step) == (0, len(timeline) - 1)
    assert [stage for _, stage in span.stages] == [
        S.READING, S.ENVIRON, S.CONTEXTS_PUSHED, S.BEFORE_REQUEST, S.VIEW, S.AFTER_REQUEST,
        S.START_RESPONSE, S.TEARDOWN, S.CONTEXTS_POPPED, S.SENDING]
    view = next(step for step, stage in span.stages if stage is S.VIEW)
    assert span.stage_at_step(view) is S.VIEW and span.stage_at_step(len(timeline)) is None
    snapshot = timeline[view].wsgi
    assert snapshot is not None and stage_at(snapshot) is S.VIEW


def test_timelines_without_a_chain_have_no_lane():
    assert server_lane(build("login")) == ()
