"""The classic Flask 1.x chain (FLASK_CHAIN.md), from data: the path tutorials teach."""

from __future__ import annotations

import pytest

from simulator.models.simulation.chain_timeline import chain_timeline
from simulator.models.wsgi.call_chain import ContextOp, ContextStorage, FrameEventKind, FrameRole
from simulator.models.wsgi.flask_classic import classic_chain

CALL = FrameEventKind.CALL


def _calls(path: str = "/") -> list[str]:
    return [e.function for e in classic_chain(path).events if e.kind is CALL]


def _index(names: list[str], wanted: str, start: int = 0) -> int:
    return next(i for i in range(start, len(names)) if names[i].endswith(wanted))


def test_classic_path_runs_in_flask_1_order():
    names = _calls()
    order = ["Flask.__call__", "Flask.wsgi_app", "Flask.request_context",
             "RequestContext.push", "AppContext.push", "LocalStack.push",
             "SecureCookieSessionInterface.open_session", "RequestContext.match_request",
             "Flask.full_dispatch_request",
             "Flask.try_trigger_before_first_request_functions", "Signal.send",
             "Flask.preprocess_request", "demo_app.open_db", "Flask.dispatch_request",
             "demo_app.index", "Flask.finalize_request", "Flask.make_response",
             "Flask.process_response", "demo_app.add_header", "save_session",
             "BaseResponse.__call__", "start_response", "RequestContext.auto_pop",
             "RequestContext.pop", "Flask.do_teardown_request", "demo_app.close_db",
             "LocalStack.pop", "AppContext.pop", "LocalStack.pop",
             "run_wsgi.<locals>.write"]
    position = -1
    for wanted in order:
        position = _index(names, wanted, position + 1)


def test_classic_contexts_live_on_stacks_pushed_then_popped():
    chain = classic_chain("/")
    assert {e.context.storage for e in chain.events} == {ContextStorage.LOCAL_STACK}
    ops = [(c.op, c.variable) for e in chain.events for c in e.changes]
    assert ops == [(ContextOp.PUSH, "_app_ctx_stack"), (ContextOp.PUSH, "_request_ctx_stack"),
                   (ContextOp.POP, "_request_ctx_stack"), (ContextOp.POP, "_app_ctx_stack")]
    view = chain.events[chain.find("demo_app.index") or 0]
    assert view.context.app_context and view.context.request_context
    assert dict(view.context.g)["db"] == "<FakeDb open>"
    assert chain.events[-1].context.app_contexts == ()


def test_classic_chain_sends_the_signals_flask_1_sends():
    chain = classic_chain("/")
    signals = [e.summary.split("'")[1] for e in chain.events
               if e.kind is CALL and e.role is FrameRole.SIGNAL]
    assert signals == ["appcontext-pushed", "request-started", "request-finished",
                       "request-tearing-down", "appcontext-tearing-down", "appcontext-popped"]


def test_classic_body_is_written_after_teardown():
    names = _calls()
    assert _index(names, "demo_app.close_db") < _index(names, "run_wsgi.<locals>.write")


def test_classic_error_path_goes_through_handle_user_exception_to_the_handler():
    chain = classic_chain("/boom")
    raised = [e for e in chain.events if e.kind is FrameEventKind.EXCEPTION]
    assert [e.short_name for e in raised][:3] == ["boom", "Flask.dispatch_request",
                                                  "Flask.full_dispatch_request"]
    names = _calls("/boom")
    handler = _index(names, "Flask.handle_user_exception")
    assert _index(names, "demo_app.out_of_cheese") > handler
    assert chain.start_response is not None
    assert chain.start_response.status == "500 INTERNAL SERVER ERROR"


def test_classic_frames_explain_themselves_and_mark_what_is_gone_since():
    chain = classic_chain("/")
    assert all(e.explanation for e in chain.events)
    auto_pop = chain.events[chain.find("RequestContext.auto_pop") or 0]
    assert "removed in 2.2" in auto_pop.explanation
    first = chain.events[chain.find("try_trigger_before_first_request_functions") or 0]
    assert "removed in 2.3" in first.explanation


def test_classic_outline_marks_the_line_that_calls_the_next_frame():
    chain = classic_chain("/")
    stack = chain.stack_at(chain.find("Flask.full_dispatch_request") or 0)
    wsgi_app = stack[-2]
    assert wsgi_app.source is not None
    assert "full_dispatch_request" in (wsgi_app.source.text(wsgi_app.line) or "")


def test_classic_chain_steps_through_a_timeline():
    timeline = chain_timeline(classic_chain("/"))
    assert len(timeline) == len(classic_chain("/").events)
    assert timeline[0].wsgi is not None and "Flask 1.x" in timeline.description


def test_classic_chain_exists_only_for_the_demo_requests():
    with pytest.raises(ValueError, match="written for"):
        classic_chain("/elsewhere")
