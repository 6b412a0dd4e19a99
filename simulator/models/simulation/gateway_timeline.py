"""CGI vs FastCGI vs WSGI on the Timeline, and where any WSGI step stands in that lesson.

Theory of operation
-------------------
``wsgi.gateways.gateway_lesson`` describes one request handed to an application three ways
(RFC 3875 CGI, FastCGI 1.0, PEP 3333 WSGI) as six ``Stage``s, the three lanes side by side.
``gateway_timeline`` turns it into a ``GatewayTimeline``: a ``Timeline`` with one step per
stage (layer ``"gateways"``) that carries the lesson itself, so the player steps the three
lanes together and the view draws the lesson at the cursor without keeping any of it.

A traced or classic call chain can be followed with the same view: ``stage_of_phase`` says
which stage of the lesson a WSGI step is at (PEP 3333's order: the server reads the request,
builds ``environ``, calls the application, which calls ``start_response``; the body is sent),
and ``lesson_for_chain`` rebuilds the lesson for *that* chain's request and response (method,
path, query, headers from ``environ``; status and headers from ``start_response``; the body
from the bytes that crossed the socket), so "what would CGI have done here?" is answered for
the very request being stepped through.
"""

from __future__ import annotations

from dataclasses import dataclass

from simulator.models.simulation.chain_timeline import idle_snapshot
from simulator.models.tcp.states import TcpState
from simulator.models.timeline.steps import Explanation, Step, StepKind, Timeline
from simulator.models.wsgi.call_chain import CallChain
from simulator.models.wsgi.environ import header_name
from simulator.models.wsgi.gateways import (
    Gateway,
    GatewayLesson,
    GatewayRequest,
    GatewayResponse,
    Stage,
    gateway_lesson,
)
from simulator.models.wsgi.snapshot import WsgiPhase, WsgiSnapshot

GATEWAY_LAYER = "gateways"
STAGES: tuple[Stage, ...] = tuple(Stage)

# PEP 3333's phases of a request in the server, against the lesson's stages.
STAGE_OF_PHASE: dict[WsgiPhase, Stage] = {
    WsgiPhase.READING: Stage.ARRIVES,
    WsgiPhase.ENVIRON: Stage.HAND_OVER,  # environ is built: app(environ, start_response) next
    WsgiPhase.APPLICATION: Stage.RUN,
    WsgiPhase.STARTED: Stage.RESPOND,
    WsgiPhase.SENDING: Stage.RESPOND,
    WsgiPhase.DONE: Stage.FINISH,
}


@dataclass(frozen=True)
class GatewayTimeline(Timeline):
    """A Timeline whose step ``i`` shows ``stages[i]`` of ``lesson`` in all three lanes."""

    lesson: GatewayLesson | None = None
    stages: tuple[Stage, ...] = ()


def stage_of_phase(phase: WsgiPhase) -> Stage:
    return STAGE_OF_PHASE[phase]


def _explanation(lesson: GatewayLesson, stage: Stage) -> Explanation:
    row = lesson.row(stage)
    references: list[str] = []
    for step in row:
        if step.reference not in references:
            references.append(step.reference)
    return Explanation(
        what=f"{stage.value[0].upper()}{stage.value[1:]}: "
             + "; ".join(f"{s.gateway.value} — {s.action}" for s in row),
        why=" ".join(f"{s.gateway.value}: {s.explanation}" for s in row),
        arithmetic=tuple(f"{s.gateway.value}: {s.actor} → {s.channel}" for s in row),
        rfc="; ".join(references))


def gateway_timeline(lesson: GatewayLesson | None = None, *,
                     name: str = "cgi-fastcgi-wsgi") -> GatewayTimeline:
    """One step per stage of the lesson (default: the lesson for ``GET /``)."""
    lesson = lesson or gateway_lesson()
    client, server = idle_snapshot("client"), idle_snapshot("server")
    steps = tuple(
        Step(index=i, time=float(i), kind=StepKind.USER, actor="web server", segment=None,
             sent=(), transitions=(), client=client, server=server,
             explanation=_explanation(lesson, stage), layer=GATEWAY_LAYER)
        for i, stage in enumerate(STAGES))
    established = TcpState.ESTABLISHED.name
    return GatewayTimeline(
        name=name, title=f"CGI vs FastCGI vs WSGI: {lesson.request.request_line}",
        description="One request handed to an application three ways: a new process per "
                    "request (CGI, RFC 3875), a persistent process fed FastCGI records "
                    "(FastCGI 1.0), a Python callable (WSGI, PEP 3333).",
        steps=steps, segments=(),
        initial_states=(("client", established), ("server", established)),
        lesson=lesson, stages=STAGES)


def stage_at(timeline: Timeline, index: int) -> Stage | None:
    """The lesson's stage at step ``index``: a gateway timeline's own stage, or the stage a
    WSGI step's phase corresponds to; None for a step outside the chain (e.g. TCP)."""
    if not 0 <= index < len(timeline):
        return None
    if isinstance(timeline, GatewayTimeline) and index < len(timeline.stages):
        return timeline.stages[index]
    snapshot: WsgiSnapshot | None = timeline[index].wsgi
    return None if snapshot is None else stage_of_phase(snapshot.phase)


def _latin1(text: str) -> str:
    """CGI variables and FastCGI records carry bytes (latin-1 text, as in PEP 3333's environ);
    a chain written as data may abbreviate with '…', which becomes '...'."""
    return text.replace("…", "...").encode("latin-1", "replace").decode("latin-1")


def lesson_for_chain(chain: CallChain) -> GatewayLesson:
    """The three-lane lesson for the request and response of ``chain``."""
    env = {e.key: _latin1(e.value) for e in chain.environ}
    headers = tuple((header_name(k), v) for k, v in env.items() if k.startswith("HTTP_"))
    if env.get("CONTENT_TYPE"):
        headers += (("Content-Type", env["CONTENT_TYPE"]),)
    raw_request = chain.request_bytes
    body = raw_request.split(b"\r\n\r\n", 1)[1] if b"\r\n\r\n" in raw_request else b""
    port = env.get("SERVER_PORT", "80")
    request = GatewayRequest(
        method=env.get("REQUEST_METHOD", "GET"), path=env.get("PATH_INFO", "/"),
        query=env.get("QUERY_STRING", ""), headers=headers or GatewayRequest().headers,
        body=body, server_name=env.get("SERVER_NAME", "127.0.0.1"),
        server_port=int(port) if port.isdigit() else 80,
        remote_addr=env.get("REMOTE_ADDR", "127.0.0.1"), script_name=env.get("SCRIPT_NAME", ""))
    start = chain.start_response
    if start is None:
        return gateway_lesson(request)
    raw_response = chain.response_bytes
    response_body = (raw_response.split(b"\r\n\r\n", 1)[1]
                     if b"\r\n\r\n" in raw_response else b"")
    response = GatewayResponse(_latin1(start.status),
                               tuple((_latin1(k), _latin1(v)) for k, v in start.headers),
                               response_body)
    return gateway_lesson(request, response)


__all__ = ["GATEWAY_LAYER", "STAGES", "STAGE_OF_PHASE", "Gateway", "GatewayTimeline",
           "gateway_timeline", "lesson_for_chain", "stage_at", "stage_of_phase"]
