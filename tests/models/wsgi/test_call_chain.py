"""The call-chain model: the stack a view draws, context changes, snapshots, environ rows."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from simulator.models.simulation.chain_timeline import chain_timeline
from simulator.models.wsgi.call_chain import (
    CallChain,
    ChainOrigin,
    ContextOp,
    ContextState,
    ContextStorage,
    Direction,
    EnvironCategory,
    FrameEvent,
    FrameEventKind,
    FrameRole,
    StartResponseCall,
    WireChunk,
    context_changes,
)
from simulator.models.wsgi.environ import explain_environ, missing_required
from simulator.models.wsgi.snapshot import WsgiPhase, WsgiSnapshot

CV = ContextStorage.CONTEXT_VAR
EMPTY = ContextState(CV)
K = FrameEventKind


def _event(i: int, kind: FrameEventKind, function: str, depth: int, *, line: int = 1,
           caller_line: int | None = None, context: ContextState = EMPTY) -> FrameEvent:
    return FrameEvent(index=i, kind=kind, function=function, file="f.py", line=line,
                      depth=depth, role=FrameRole.FLASK, summary="", context=context,
                      caller_line=caller_line, module=function.rsplit(".", 2)[0])


def _chain(events: list[FrameEvent], **kw: object) -> CallChain:
    return CallChain("t", ChainOrigin.LIVE, "3", "3", tuple(events), **kw)  # type: ignore[arg-type]


def _nested() -> CallChain:
    # a() calls b() at line 5, b returns, a calls c() at line 7 which raises, a returns
    ev = [
        _event(0, K.CALL, "m.A.a", 0, line=1),
        _event(1, K.CALL, "m.A.b", 1, line=10, caller_line=5),
        _event(2, K.RETURN, "m.A.b", 1, line=12),
        _event(3, K.CALL, "m.A.c", 1, line=20, caller_line=7),
        _event(4, K.EXCEPTION, "m.A.c", 1, line=21),
        _event(5, K.RETURN, "m.A.c", 1, line=21),
        _event(6, K.EXCEPTION, "m.A.a", 0, line=7),
        _event(7, K.RETURN, "m.A.a", 0, line=9),
    ]
    return _chain(ev)


def test_stack_grows_on_calls_and_marks_the_callers_line():
    chain = _nested()
    stack = chain.stack_at(1)
    assert [f.function for f in stack] == ["m.A.a", "m.A.b"]
    assert [f.line for f in stack] == [5, 10]  # a is at the line that called b


def test_a_returning_frame_is_shown_at_its_return_line_then_gone():
    chain = _nested()
    assert [(f.function, f.line) for f in chain.stack_at(2)] == [("m.A.a", 5), ("m.A.b", 12)]
    assert [f.function for f in chain.stack_at(3)] == ["m.A.a", "m.A.c"]
    assert chain.stack_at(7) == (chain.stack_at(7)[0],) and chain.stack_at(7)[0].line == 9


def test_an_exception_moves_the_frame_to_the_raising_line():
    chain = _nested()
    assert chain.stack_at(4)[-1].line == 21
    assert [(f.function, f.line) for f in chain.stack_at(6)] == [("m.A.a", 7)]


@st.composite
def _well_nested(draw: st.DrawFn) -> list[FrameEvent]:
    """Random call trees as events (every call returns, maybe after an exception)."""
    events: list[FrameEvent] = []

    def frame(depth: int) -> None:
        name = f"m.C.f{draw(st.integers(0, 5))}"
        events.append(_event(len(events), K.CALL, name, depth))
        for _ in range(draw(st.integers(0, 3 if depth < 4 else 0))):
            frame(depth + 1)
        if draw(st.booleans()):
            events.append(_event(len(events), K.EXCEPTION, name, depth))
        events.append(_event(len(events), K.RETURN, name, depth))

    for _ in range(draw(st.integers(1, 3))):
        frame(0)
    return events


@given(_well_nested())
def test_stack_depths_match_the_events_for_any_call_tree(events):
    chain = _chain(events)
    for e in events:
        stack = chain.stack_at(e.index)
        assert [f.depth for f in stack] == list(range(len(stack)))  # no gaps, no repeats
        assert stack and stack[-1].function == e.function and stack[-1].depth == e.depth
        calls = [x for x in events[: e.index + 1] if x.kind is K.CALL]
        returns = [x for x in events[: e.index] if x.kind is K.RETURN]
        assert len(stack) == len(calls) - len(returns)


def test_context_changes_name_the_context_variables_in_flask_3():
    app, req = "AppContext #1 (demo)", "RequestContext #1 (GET /)"
    pushed = ContextState(CV, (app,), (req,))
    changes = context_changes(EMPTY, pushed)
    assert [(c.op, c.variable, c.value) for c in changes] == [
        (ContextOp.SET, "_cv_app", app), (ContextOp.SET, "_cv_request", req)]
    popped = context_changes(pushed, ContextState(CV, (app,), ()))
    assert [(c.op, c.variable) for c in popped] == [(ContextOp.RESET, "_cv_request")]


def test_context_changes_are_stack_pushes_and_pops_in_flask_1():
    stacks = ContextStorage.LOCAL_STACK
    before, after = ContextState(stacks), ContextState(stacks, ("A",), ())
    assert [c.label for c in context_changes(before, after)] == ["_app_ctx_stack.push(A)"]
    assert [c.label for c in context_changes(after, before)] == ["_app_ctx_stack.pop()"]
    assert context_changes(after, after) == ()


def test_snapshot_shows_environ_only_once_the_server_built_it():
    events = [_event(0, K.CALL, "werkzeug.serving.WSGIRequestHandler.make_environ", 0),
              _event(1, K.RETURN, "werkzeug.serving.WSGIRequestHandler.make_environ", 0),
              _event(2, K.CALL, "flask.app.Flask.__call__", 0),
              _event(3, K.CALL, "werkzeug.serving.WSGIRequestHandler.run_wsgi.<locals>"
                                ".start_response", 1),
              _event(4, K.RETURN, "werkzeug.serving.WSGIRequestHandler.run_wsgi.<locals>"
                                  ".start_response", 1),
              _event(5, K.RETURN, "flask.app.Flask.__call__", 0)]
    chain = _chain(events, environ=explain_environ([("REQUEST_METHOD", "GET")]),
                   start_response=StartResponseCall("200 OK", (), False, 3),
                   wire=(WireChunk(Direction.OUT, b"HTTP/1.0 200 OK\r\n\r\n", 6),))
    phases = [WsgiSnapshot(chain, i).phase for i in range(6)]
    assert phases == [WsgiPhase.READING, WsgiPhase.ENVIRON, WsgiPhase.APPLICATION,
                      WsgiPhase.STARTED, WsgiPhase.STARTED, WsgiPhase.STARTED]
    assert WsgiSnapshot(chain, 0).environ == () and WsgiSnapshot(chain, 1).environ
    assert WsgiSnapshot(chain, 2).start_response is None
    assert WsgiSnapshot(chain, 3).start_response is not None
    assert WsgiSnapshot(chain, 5, 0).bytes_sent == len(b"HTTP/1.0 200 OK\r\n\r\n")


def test_environ_rows_are_explained_and_ordered_cgi_headers_wsgi_extensions():
    rows = explain_environ([("wsgi.input", "<reader>"), ("HTTP_USER_AGENT", "x"),
                            ("werkzeug.socket", "<s>"), ("PATH_INFO", "/"),
                            ("REQUEST_METHOD", "GET")])
    assert [r.key for r in rows] == ["REQUEST_METHOD", "PATH_INFO", "HTTP_USER_AGENT",
                                     "wsgi.input", "werkzeug.socket"]
    assert [r.category for r in rows] == [EnvironCategory.CGI, EnvironCategory.CGI,
                                          EnvironCategory.HTTP, EnvironCategory.WSGI,
                                          EnvironCategory.SERVER]
    assert "User-Agent" in rows[2].explanation and "RFC 3875" in rows[2].reference
    assert all(r.explanation for r in rows)
    assert "SERVER_NAME" in missing_required(rows)


def test_chain_timeline_has_one_wsgi_step_per_event_and_socket_chunk():
    chain = _nested()
    chain = CallChain(chain.title, chain.origin, "3", "3", chain.events,
                      wire=(WireChunk(Direction.IN, b"GET / HTTP/1.1\r\n\r\n", 1),))
    timeline = chain_timeline(chain)
    assert len(timeline) == len(chain.events) + 1
    assert [s.index for s in timeline] == list(range(len(timeline)))
    assert all(s.layer == "wsgi" and s.wsgi is not None for s in timeline)
    wire_step = timeline[1]
    assert wire_step.wsgi is not None and wire_step.wsgi.wire_index == 0
    assert "reads 18 bytes" in wire_step.explanation.what
    assert timeline[0].client.state.name == "ESTABLISHED"
