"""The facts the lessons state, checked against their sources and the libraries they describe.

A teacher would catch a wrong byte count, a figure number, a version or a pointer to a lesson
that does not exist; these tests catch them first. Each reads the lesson's own text (both
languages where the fact is a number) and compares it with what the capture, the scenario or
the installed library really does.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import h11
import pytest
from scapy.layers.inet import TCP
from scapy.utils import rdpcap

from simulator.lessons import find_lesson, lesson_plan, load_lessons
from simulator.models.lessons.lesson import Lesson, SourceKind
from simulator.models.lessons.plan import LessonPlan
from simulator.models.lessons.text import LANGS, Lang
from simulator.models.simulation.scenarios import SCENARIOS, build
from simulator.models.tcp.states import TcpEvent, TcpState
from simulator.models.tcp.table import TRANSITIONS
from simulator.models.timeline.steps import StepKind, Timeline
from simulator.resources import assets

LESSONS = load_lessons()
ROOT = Path(__file__).resolve().parents[3]


def _texts(lesson: Lesson, lang: Lang = Lang.EN) -> Iterator[str]:
    """Every text of a lesson a learner can read, in one language."""
    yield lesson.title.get(lang)
    yield lesson.summary.get(lang)
    for narration in lesson.narration:
        yield narration.text.get(lang)
        if narration.checkpoint is not None:
            yield narration.checkpoint.get(lang)
    for quiz in lesson.quizzes:
        yield quiz.prompt.get(lang)
        yield quiz.explain.get(lang)
        yield from (choice.get(lang) for choice in quiz.choices)


def _narration_at(plan: LessonPlan, step: int, lang: Lang = Lang.EN) -> str:
    return plan.narration_by_step[step].text.get(lang)


def _number(text: str) -> int:
    return int(text.replace(",", ""))


# ------------------------------------------------------------------ the real capture
def test_the_capture_lesson_states_the_captures_own_byte_counts() -> None:
    """"Four segments, 1448 + 1448 + 1448 + 663, carry 5,007 bytes: 302 bytes of status line
    and header fields, then the 4,705-byte file": every number read from the pcap."""
    plan = lesson_plan(find_lesson("tcp-real-capture", LESSONS))
    timeline = plan.timeline
    assert timeline is not None
    sizes = [s.length for s in timeline.segments if s.src == "server" and s.length]
    packets = rdpcap(str(assets() / "captures" / "zeek-http-get.pcap"))
    server_bytes = b"".join(bytes(p[TCP].payload) for p in packets if p[TCP].sport == 80)
    head, _, body = server_bytes.partition(b"\r\n\r\n")

    step = next(i for i in plan.narration_steps
                if "1448 bytes" in _narration_at(plan, i))
    english, chinese = _narration_at(plan, step), _narration_at(plan, step, Lang.ZH_CN)
    said = re.search(r"Four segments, ([\d +]+), carry ([\d,]+) bytes: (\d+) bytes of status "
                     r"line and header fields, then the ([\d,]+)-byte file", english)
    assert said is not None, english
    assert [int(n) for n in said.group(1).split(" + ")] == sizes == [1448, 1448, 1448, 663]
    assert _number(said.group(2)) == sum(sizes) == len(server_bytes)
    assert int(said.group(3)) == len(head) + 4
    assert _number(said.group(4)) == len(body)
    assert f"Content-Length: {len(body)}" in english and f"Content-Length: {len(body)}" in chinese
    assert f"共 {len(server_bytes)} 字节" in chinese and "1448 + 1448 + 1448 + 663" in chinese
    assert "4,970" not in english and "4970" not in chinese


# ------------------------------------------------------------------ RFC 9293 figure numbers
def test_simultaneous_open_is_rfc_9293_figure_7_everywhere() -> None:
    """Figure 7 is "Simultaneous Connection Synchronization"; figure 8 is the recovery from an
    old duplicate SYN. No rule, scenario, lesson or README cites figure 8 for it."""
    texts = [t.rule for t in TRANSITIONS] + [t.rfc for t in TRANSITIONS]
    texts += [s.description for s in SCENARIOS.values()]
    texts += [text for lesson in LESSONS for lang in LANGS
              for text in _texts(lesson, lang)]
    texts.append((ROOT / "README.md").read_text(encoding="utf-8"))
    assert [t for t in texts if re.search(r"figure 8|图 ?8", t, re.IGNORECASE)] == []
    simultaneous = [t for t in TRANSITIONS
                    if (t.state, t.event) in ((TcpState.SYN_SENT, TcpEvent.RCV_SYN),
                                              (TcpState.SYN_RECEIVED, TcpEvent.RCV_SYN_ACK))]
    assert len(simultaneous) == 2
    assert all("figure 7" in t.rule or "figure 7" in t.rfc for t in simultaneous)
    assert "figure 7" in SCENARIOS["simultaneous-open"].description


# ------------------------------------------------------------------ pointers between lessons
def test_no_lesson_points_to_a_lesson_that_does_not_exist() -> None:
    """The handshake lesson sends the learner to half-close, which is a scenario."""
    lesson = find_lesson("tcp-handshake-teardown", LESSONS)
    english = " ".join(_texts(lesson))
    assert "lesson on half-close" not in english
    assert "--scenario half-close" in english and "half-close" in SCENARIOS
    title = SCENARIOS["half-close"].title
    assert f'"{title}"' in english
    assert "--scenario half-close" in " ".join(_texts(lesson, Lang.ZH_CN))


# ------------------------------------------------------------------ Flask's history
def test_the_flask_lessons_tell_the_context_stacks_history_the_same_way() -> None:
    """Flask's changelog: 2.2 moved the contexts to ContextVars and deprecated the stacks,
    2.3 removed their push and pop, 3.0 removed the names (pallets/flask PR 5223)."""
    said = {lesson.name: " ".join(_texts(lesson)) for lesson in LESSONS}
    telling = [name for name, text in said.items()
               if "_ctx_stack" in text and "removed" in text]
    assert set(telling) == {"flask-contexts", "flask-request-flow-live"}
    for name in telling:
        english = said[name]
        chinese = " ".join(_texts(find_lesson(name, LESSONS), Lang.ZH_CN))
        assert "Since Flask 2.2" in english
        assert "Flask 2.3 removed their push and pop, Flask 3.0 the names themselves" in english
        assert "Flask 2.3 移除了它们的 push 和 pop，Flask 3.0 连名字本身也移除了" in chinese
        assert "the stacks are gone" not in english


def test_the_installed_flask_keeps_no_context_stacks() -> None:
    import flask
    import flask.globals

    assert not hasattr(flask, "_app_ctx_stack") and not hasattr(flask, "_request_ctx_stack")
    assert type(flask.globals._cv_app).__name__ == "ContextVar"


# ------------------------------------------------------------------ Q2: who does what
def test_the_flask_and_werkzeug_lesson_names_itsdangerous_the_debugger_and_iri_helpers() -> None:
    import itsdangerous
    from flask import Flask
    from flask.sessions import SecureCookieSessionInterface
    from werkzeug.debug import DebuggedApplication
    from werkzeug.urls import iri_to_uri, uri_to_iri

    lesson = find_lesson("flask-and-werkzeug", LESSONS)
    english = " ".join(_texts(lesson))
    app = Flask(__name__)
    app.secret_key = "k"
    serializer = SecureCookieSessionInterface().get_signing_serializer(app)
    assert isinstance(serializer, itsdangerous.URLSafeTimedSerializer)
    assert f'the salt "{SecureCookieSessionInterface.salt}"' in english
    assert "itsdangerous" in english and "URLSafeTimedSerializer" in english
    # the class the lesson names is Werkzeug's debugger middleware, where it says
    assert f"{DebuggedApplication.__module__}.{DebuggedApplication.__name__}" in english
    # The lesson's IRI example is what Werkzeug really makes of it.
    assert iri_to_uri("http://bücher.example/café") == "http://xn--bcher-kva.example/caf%C3%A9"
    assert uri_to_iri("http://xn--bcher-kva.example/caf%C3%A9") == "http://bücher.example/café"
    assert "/caf%C3%A9 on xn--bcher-kva.example" in english
    assert "/café on a bücher.example" in english


# ------------------------------------------------------------------ HTTP: every scenario taught
HTTP_CONNECTION_SCENARIOS = ("http10-per-request", "http11-keep-alive", "http11-pipelining",
                             "chunked")


def test_every_http_connection_scenario_is_played_by_a_question_3_lesson() -> None:
    played = {lesson.source.name for lesson in LESSONS
              if lesson.syllabus == 3 and lesson.source.kind is SourceKind.SCENARIO}
    assert set(HTTP_CONNECTION_SCENARIOS) <= played


def _last_response_time(timeline: Timeline) -> float:
    """When the browser has the last of its responses."""
    done = [s.time for s in timeline
            if s.kind is StepKind.HTTP and s.actor == "client" and s.http is not None
            and s.http.message is not None and s.http.message.status is not None
            and s.http.message.complete]
    return round(done[-1], 3)


@pytest.mark.parametrize("lesson_name", ["http10-connection-per-request", "http11-pipelining"])
def test_the_compared_times_are_the_scenarios_times(lesson_name: str) -> None:
    """"0.8 s" (HTTP/1.0), "0.4 s" (keep-alive), "0.2 s" (pipelined), as the scenarios run."""
    times = {name: _last_response_time(build(name)) for name in HTTP_CONNECTION_SCENARIOS[:3]}
    assert times == {"http10-per-request": 0.8, "http11-keep-alive": 0.4,
                     "http11-pipelining": 0.2}
    english = " ".join(_texts(find_lesson(lesson_name, LESSONS)))
    chinese = " ".join(_texts(find_lesson(lesson_name, LESSONS), Lang.ZH_CN))
    for seconds in times.values():
        assert f"{seconds} s" in english and f"{seconds} 秒" in chinese


def test_the_per_request_lesson_counts_the_segments_and_ports_it_shows() -> None:
    http10, keep_alive = build("http10-per-request"), build("http11-keep-alive")
    english = " ".join(_texts(find_lesson("http10-connection-per-request", LESSONS)))
    assert (f"{len(http10.segments)} segments; over one HTTP/1.1 connection, "
            f"{len(keep_alive.segments)}") in english
    ports = [c.client_address.rsplit(":", 1)[1] for c in http10.connections]
    assert len(ports) == 3 and f"({ports[1]} instead of {ports[0]})" in english


def test_the_chunked_lesson_numbers_are_the_bytes_on_the_wire() -> None:
    """Head 88 bytes, chunks "7d0" CRLF 2000 bytes CRLF = 2007, the last chunk "0" CRLF CRLF
    = 5, 6114 in all, and the first SEND of 2095 bytes cut at the MSS into 1460 + 635."""
    timeline = build("chunked")
    wire = b"".join(s.payload for s in timeline.segments if s.src == "server" and s.length)
    head, _, body = wire.partition(b"\r\n\r\n")
    chunk = b"7d0\r\n"
    assert wire.count(chunk) == 3 and wire.endswith(b"\r\n0\r\n\r\n")
    head_size, chunk_size = len(head) + 4, len(chunk) + 0x7D0 + 2
    assert (head_size, chunk_size, len(wire)) == (88, 2007, 88 + 3 * 2007 + 5)
    first = [s.length for s in timeline.segments if s.src == "server" and s.length][:2]

    english = " ".join(_texts(find_lesson("http-chunked", LESSONS)))
    chinese = " ".join(_texts(find_lesson("http-chunked", LESSONS), Lang.ZH_CN))
    assert f"{chunk_size} bytes, which with the {head_size}-byte head make the " \
           f"{head_size + chunk_size} bytes" in english
    assert f"{first[0]} + {first[1]}" in english and first[0] + first[1] == head_size + chunk_size
    assert f"the first {first[0] - head_size - len(chunk)} bytes of data" in english
    assert f"{len(wire)} bytes on the wire ({head_size} of head, 3 × {chunk_size} of chunks" \
        in english
    assert f"共 {len(wire)} 字节" in chinese and "“7d0”（即 2000）" in chinese
    assert len(body) - 3 * len(chunk) - 3 * 2 - 5 == 6000


def test_the_pipelining_lesson_numbers_are_the_bytes_on_the_wire() -> None:
    """The three requests' sizes and the first response's Content-Length, as the scenario's
    bytes have them (parsed with h11, not with the model's own parser)."""
    timeline = build("http11-pipelining")
    sent = b"".join(s.payload for s in timeline.segments
                    if s.src == "client" and s.length and not s.retransmission)
    requests = [len(r) + 4 for r in sent.split(b"\r\n\r\n") if r]
    assert len(requests) == 3
    received = b"".join(s.payload for s in timeline.segments
                        if s.src == "server" and s.length and not s.retransmission)
    connection = h11.Connection(h11.CLIENT)
    connection.send(h11.Request(method="GET", target="/", headers=[("Host", "x")]))
    connection.receive_data(received)
    response = connection.next_event()
    assert isinstance(response, h11.Response)
    length = int(dict(response.headers)[b"content-length"])
    english = " ".join(_texts(find_lesson("http11-pipelining", LESSONS)))
    chinese = " ".join(_texts(find_lesson("http11-pipelining", LESSONS), Lang.ZH_CN))
    assert f"{requests[0]}, {requests[1]} and {requests[2]} bytes" in english
    assert f"{requests[0]}、{requests[1]} 和 {requests[2]} 字节" in chinese
    assert f"Content-Length: {length}" in english and f"Content-Length: {length}" in chinese
