"""A real request through the demo Flask app on Werkzeug's server, traced live."""

from __future__ import annotations

import wsgiref.validate

import pytest

from simulator.models.wsgi.call_chain import (
    CallChain,
    ContextOp,
    ContextStorage,
    Direction,
    FrameEventKind,
    FrameRole,
)
from simulator.net.live.trace import LiveTrace, TraceRequest, trace_request, trace_requests

CALL = FrameEventKind.CALL


@pytest.fixture(scope="module")
def index() -> LiveTrace:
    return trace_request(TraceRequest(path="/?theme=dark"))


@pytest.fixture(scope="module")
def boom() -> LiveTrace:
    return trace_request(TraceRequest(path="/boom"))


def _calls(chain: CallChain) -> list[tuple[str, FrameRole]]:
    return [(e.function, e.role) for e in chain.events if e.kind is CALL]


def _after(names: list[tuple[str, FrameRole]], wanted: str, start: int) -> int:
    """Index of the first call at or after ``start`` whose name ends with ``wanted``."""
    for i in range(start, len(names)):
        if names[i][0] == wanted or names[i][0].endswith("." + wanted):
            return i
    raise AssertionError(f"{wanted} not called after position {start}: "
                         f"{[n for n, _ in names[start:]]}")


def test_demo_request_runs_through_flask_in_order(index):
    names = _calls(index.chain)
    position = 0
    for wanted in ["Flask.wsgi_app", "RequestContext.push", "AppContext.push",
                   "Flask.full_dispatch_request", "Flask.preprocess_request",
                   "demo_app.open_db", "Flask.dispatch_request", "demo_app.index",
                   "Flask.finalize_request", "Flask.make_response", "Flask.process_response",
                   "demo_app.add_header", "SecureCookieSessionInterface.save_session",
                   "run_wsgi.<locals>.start_response", "RequestContext.pop",
                   "Flask.do_teardown_request", "demo_app.close_db", "AppContext.pop"]:
        position = _after(names, wanted, position) + 1


def test_hooks_and_view_are_recognised_as_the_apps_own(index):
    roles = dict(_calls(index.chain))
    assert roles["demo_app.open_db"] is FrameRole.HOOK
    assert roles["demo_app.add_header"] is FrameRole.HOOK
    assert roles["demo_app.close_db"] is FrameRole.HOOK
    assert roles["demo_app.index"] is FrameRole.VIEW
    view = index.chain.events[index.chain.find("demo_app.index") or 0]
    assert "view function for endpoint 'index'" in view.explanation
    assert view.source is not None and view.source.contains(view.line)
    assert "def index() -> Response:" in view.source.lines


def test_contexts_are_context_variables_set_then_reset(index):
    chain = index.chain
    ops = [(c.op, c.variable) for e in chain.events for c in e.changes]
    assert ops == [(ContextOp.SET, "_cv_app"), (ContextOp.SET, "_cv_request"),
                   (ContextOp.RESET, "_cv_request"), (ContextOp.RESET, "_cv_app")]
    assert {e.context.storage for e in chain.events} == {ContextStorage.CONTEXT_VAR}
    in_view = chain.events[chain.find("demo_app.index") or 0].context
    assert in_view.app_context and in_view.request_context
    assert dict(in_view.g)["db"] == "<FakeDb open>"
    saved = chain.events[chain.find("save_session") or 0].context
    assert saved.session == (("visits", "1"),) and saved.session_modified
    assert chain.events[-1].context.app_context is None


def test_start_response_gets_status_and_headers_before_any_byte_is_sent(index):
    chain = index.chain
    start = chain.start_response
    assert start is not None and start.status == "200 OK"
    headers = dict(start.headers)
    assert headers["X-Handled-By"] == "demo_app"  # the after_request hook's header
    assert any(k == "Set-Cookie" and v.startswith("theme=dark") for k, v in start.headers)
    assert any(k == "Set-Cookie" and v.startswith("session=") for k, v in start.headers)
    first_out = next(w for w in chain.wire if w.direction is Direction.OUT)
    assert start.event_index is not None and first_out.after_event > start.event_index


def test_body_is_sent_after_teardown_for_a_plain_response(index):
    chain = index.chain
    teardown = chain.find("demo_app.close_db")
    body = next(w for w in chain.wire if w.part == "body")
    assert teardown is not None and body.after_event > teardown
    assert chain.response_iterable == "ClosingIterator"


def test_socket_bytes_are_the_request_and_response_the_client_saw(index):
    chain = index.chain
    assert chain.request_bytes.startswith(b"GET /?theme=dark HTTP/1.1\r\n")
    assert index.sent is not None and index.sent.target == "/?theme=dark"
    assert index.response is not None
    assert chain.response_bytes.startswith(b"HTTP/1.0 200 OK\r\n")
    assert chain.response_bytes.endswith(index.response.body)
    assert index.response.body == b"Hello, stranger! Visit number 1.\n"


def test_environ_is_what_the_server_built_and_is_explained(index):
    chain = index.chain
    assert chain.environ_value("REQUEST_METHOD") == "GET"
    assert chain.environ_value("PATH_INFO") == "/"
    assert chain.environ_value("QUERY_STRING") == "theme=dark"
    assert chain.environ_value("wsgi.url_scheme") == "http"
    assert "werkzeug.request" not in {e.key for e in chain.environ}  # added later by Flask
    assert all(e.explanation and e.reference for e in chain.environ)


def test_environ_agrees_with_wsgiref_validate_except_werkzeugs_int_port(index):
    environ = dict(index.raw_environ or {})
    problems = {e.key: e.problem for e in index.chain.environ if e.problem}
    assert set(problems) == {"REMOTE_PORT"}  # Werkzeug passes the port as an int
    assert isinstance(environ["REMOTE_PORT"], int)
    environ["REMOTE_PORT"] = str(environ["REMOTE_PORT"])
    wsgiref.validate.check_environ(environ)  # type: ignore[attr-defined]  # raises if not


def test_whole_exchange_passes_wsgiref_validator():
    trace = trace_request(TraceRequest("POST", "/login", b"user=ada"), validate=True)
    assert trace.error is None
    assert trace.response is not None and trace.response.status == 200
    assert trace.response.body == b"Logged in as ada.\n"
    assert not [line for line in trace.server_log if line.startswith("error")]


def test_error_path_shows_handle_user_exception_and_the_error_handler(boom):
    chain = boom.chain
    names = _calls(chain)
    view = _after(names, "demo_app.boom", 0)
    handler_call = _after(names, "Flask.handle_user_exception", view)
    assert names[_after(names, "demo_app.out_of_cheese", handler_call)][1] \
        is FrameRole.ERROR_HANDLER
    raised = [e.function for e in chain.events
              if e.kind is FrameEventKind.EXCEPTION and e.exception == "CheeseShopEmpty"]
    # the exception passes up through each frame until full_dispatch_request catches it
    assert raised == ["demo_app.boom", "flask.app.Flask.dispatch_request",
                      "flask.app.Flask.full_dispatch_request"]
    assert boom.response is not None and boom.response.status == 500
    assert boom.response.body == b"Sorry: no cheese left\n"
    assert any("out_of_cheese" in note for note in boom.notes)
    teardown = _after(names, "demo_app.close_db", handler_call)
    assert teardown > handler_call


def test_keep_all_records_more_frames_than_the_teaching_filter(index):
    everything = trace_request(TraceRequest(path="/"), keep_all=True)
    assert not everything.chain.filtered
    assert len(everything.chain.events) > 3 * len(index.chain.events)
    assert any(e.role is FrameRole.OTHER for e in everything.chain.events)
    assert not any(e.module.startswith("simulator.net") for e in everything.chain.events)


def test_cookies_from_one_response_go_back_on_the_next_request():
    _, second = trace_requests([TraceRequest(path="/"), TraceRequest(path="/")])
    assert second.sent is not None
    cookie = dict(second.sent.headers)["Cookie"]
    assert "theme=light" in cookie and "session=" in cookie
    assert second.response is not None
    assert second.response.body == b"Hello, stranger! Visit number 2.\n"
    opened = second.chain.events[second.chain.find("open_session", FrameEventKind.RETURN)
                                 or 0]
    assert "'visits': 1" in opened.summary
