"""CGI vs FastCGI vs WSGI on the Timeline, and where a WSGI step stands in that lesson."""

from __future__ import annotations

import dataclasses

from simulator.models.simulation.chain_timeline import chain_timeline
from simulator.models.simulation.gateway_timeline import (
    GATEWAY_LAYER,
    GatewayTimeline,
    gateway_timeline,
    lesson_for_chain,
    stage_at,
)
from simulator.models.wsgi.flask_classic import classic_chain
from simulator.models.wsgi.gateways import Gateway, GatewayRequest, Stage, gateway_lesson


def test_the_lesson_timeline_has_one_step_per_stage_carrying_the_lesson():
    lesson = gateway_lesson(GatewayRequest(method="POST", path="/login", body=b"user=ada"))
    timeline = gateway_timeline(lesson)
    assert isinstance(timeline, GatewayTimeline) and timeline.lesson is lesson
    assert [stage_at(timeline, i) for i in range(len(timeline))] == list(Stage)
    assert all(step.layer == GATEWAY_LAYER for step in timeline)
    assert [s.time for s in timeline] == sorted(s.time for s in timeline)
    handed_over = timeline[list(Stage).index(Stage.HAND_OVER)].explanation
    assert all(g.value in handed_over.what for g in Gateway)
    assert "RFC 3875" in handed_over.rfc and "PEP 3333" in handed_over.rfc
    assert stage_at(timeline, len(timeline)) is None


def test_the_lesson_survives_dataclasses_replace():
    timeline = gateway_timeline()
    renamed = dataclasses.replace(timeline, name="other")
    assert isinstance(renamed, GatewayTimeline) and renamed.lesson is timeline.lesson


def test_a_chain_moves_through_the_stages_in_order_and_never_back():
    timeline = chain_timeline(classic_chain("/"))
    order = list(Stage)
    seen = [stage_at(timeline, i) for i in range(len(timeline))]
    assert None not in seen
    positions = [order.index(s) for s in seen if s is not None]
    assert positions == sorted(positions)
    assert {Stage.ARRIVES, Stage.HAND_OVER, Stage.RUN, Stage.RESPOND} <= set(seen)


def test_the_lesson_for_a_chain_is_about_that_request_and_response():
    chain = classic_chain("/boom")
    lesson = lesson_for_chain(chain)
    assert lesson.request.method == "GET" and lesson.request.path == "/boom"
    assert chain.start_response is not None
    assert lesson.response.status == chain.start_response.status
    cgi_vars = lesson.row(Stage.HAND_OVER)[0].carried
    assert any(c.label == "PATH_INFO=/boom" for c in cgi_vars)
