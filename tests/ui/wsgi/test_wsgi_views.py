"""The WSGI views draw ``step.wsgi`` at the cursor: the call stack and source, environ and
start_response, Flask's contexts, CGI vs FastCGI vs WSGI — on the classic Flask 1.x chain and
on a real live trace of the demo app; and a live trace runs off the GUI thread."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.models.simulation.chain_timeline import chain_timeline
from simulator.models.simulation.gateway_timeline import gateway_timeline
from simulator.models.simulation.scenarios import build
from simulator.models.timeline.steps import Timeline
from simulator.models.wsgi.call_chain import ContextOp, FrameEventKind
from simulator.models.wsgi.gateways import Gateway, Stage
from simulator.net.live.trace import LEARNER_CODE_WARNING, TraceRequest, trace_requests
from simulator.net.live.trace_timeline import traces_timeline
from simulator.ui.wsgi.call_chain_view import CallChainView
from simulator.ui.wsgi.chain_stack_model import CURRENT_ROLE, EVENT_ROLE, ChainStackModel
from simulator.ui.wsgi.contexts_panel import ContextsPanel
from simulator.ui.wsgi.environ_model import EnvironModel
from simulator.ui.wsgi.environ_panel import EnvironPanel
from simulator.ui.wsgi.gateways_view import GatewaysView
from simulator.ui.wsgi.trace_dialog import TraceDialog
from simulator.ui.wsgi.trace_loader import TraceJob, TraceLoader
from simulator.ui.wsgi.wsgi_panel import WsgiPanel

TRACE_TIMEOUT_MS = 60_000  # generous: the demo traces in well under a second


# ------------------------------------------------------------------ timelines a source makes
@pytest.fixture(scope="module")
def live_traces():
    return trace_requests([TraceRequest(path="/"), TraceRequest(path="/?theme=dark")])


@pytest.fixture(scope="module")
def live(live_traces) -> Timeline:
    return chain_timeline(live_traces[0].chain)


@pytest.fixture(scope="module")
def all_layers(live_traces) -> Timeline:
    return traces_timeline(live_traces)


@pytest.fixture(params=["classic", "live"])
def chain_tl(request) -> Timeline:
    return request.getfixturevalue(request.param)


def _event_steps(timeline: Timeline):
    """Steps that show a frame event (not a socket read/write)."""
    return [s for s in timeline if s.wsgi is not None and s.wsgi.wire_index is None
            and s.wsgi.event is not None]


def _step_of(timeline: Timeline, function: str, kind: FrameEventKind = FrameEventKind.CALL,
             start: int = 0) -> int:
    return next(s.index for s in _event_steps(timeline)[start:]
                if s.wsgi.event.function.endswith(function) and s.wsgi.event.kind is kind)


def _view(qtbot, cls, timeline: Timeline):
    view = cls()
    qtbot.addWidget(view)
    view.resize(900, 700)
    view.set_timeline(timeline)
    return view


# ------------------------------------------------------------------ the call chain view
def test_the_highlighted_frame_is_the_function_of_every_steps_event(qtbot, chain_tl):
    view = _view(qtbot, CallChainView, chain_tl)
    steps = _event_steps(chain_tl)
    assert len(steps) > 80
    for step in steps:
        view.set_cursor(step.index)
        event = step.wsgi.event
        assert view.highlighted_function() == event.function
        model = view.model
        top = model.index(model.rowCount() - 1)
        assert model.data(top, CURRENT_ROLE) is True
        assert model.data(top, EVENT_ROLE) is event.kind
        assert all(model.data(model.index(r), CURRENT_ROLE) is False
                   for r in range(model.rowCount() - 1))


def test_the_stack_grows_on_a_call_and_shrinks_after_the_return(qtbot, chain_tl):
    view = _view(qtbot, CallChainView, chain_tl)
    call = _step_of(chain_tl, "Flask.dispatch_request")
    view.set_cursor(call)
    depth = view.model.rowCount()
    view.set_cursor(_step_of(chain_tl, "demo_app.index"))  # dispatch_request calls the view
    assert view.model.rowCount() == depth + 1
    done = _step_of(chain_tl, "Flask.dispatch_request", FrameEventKind.RETURN)
    view.set_cursor(done)  # the returning frame is still shown, at its return line
    assert view.model.rowCount() == depth
    assert view.highlighted_function() == "flask.app.Flask.dispatch_request"
    view.set_cursor(done + 1)
    assert "flask.app.Flask.dispatch_request" not in [f.function for f in view.model.frames]


def test_the_live_views_source_is_shown_with_the_running_line_marked(qtbot, live):
    view = _view(qtbot, CallChainView, live)
    for kind in (FrameEventKind.CALL, FrameEventKind.RETURN):
        index = _step_of(live, "demo_app.index", kind)
        view.set_cursor(index)
        event = live[index].wsgi.event
        marked = view.marked_source_line()
        assert marked is not None and marked.split()[0] == str(event.line)
    assert "return response" in view.marked_source_line()  # the RETURN's line
    assert "def index" in view.source.toPlainText()


def test_a_caller_in_the_stack_shows_the_line_that_made_the_call(qtbot, live):
    view = _view(qtbot, CallChainView, live)
    view.set_cursor(_step_of(live, "demo_app.index"))
    frames = view.model.frames
    dispatch = next(i for i, f in enumerate(frames) if f.function.endswith("dispatch_request")
                    and not f.function.endswith("full_dispatch_request"))
    view.show_frame_source(dispatch)
    assert "view_functions" in view.marked_source_line()


def test_the_headline_names_the_event_and_its_arguments_or_return_value(qtbot, classic):
    view = _view(qtbot, CallChainView, classic)
    view.set_cursor(_step_of(classic, "demo_app.index"))
    assert "CALL" in view.headline.text() and "your view" in view.headline.text()
    view.set_cursor(_step_of(classic, "Flask.make_response", FrameEventKind.RETURN))
    assert "RETURN" in view.headline.text() and "returns" in view.headline.text()


def test_a_step_without_a_chain_says_no_python_runs(qtbot, all_layers):
    view = _view(qtbot, CallChainView, all_layers)
    view.set_cursor(0)  # the SYN
    assert view.model.rowCount() == 0
    assert "No Python code runs" in view.headline.text()


# ------------------------------------------------------------------ environ and start_response
def test_environ_is_empty_until_make_environ_returns_then_shows_the_pep3333_keys(qtbot,
                                                                                  chain_tl):
    panel = _view(qtbot, EnvironPanel, chain_tl)
    built = _step_of(chain_tl, "WSGIRequestHandler.make_environ", FrameEventKind.RETURN)
    for i in range(built):
        panel.set_cursor(i)
        assert panel.keys() == []
    assert "not built yet" in panel.title.text()
    panel.set_cursor(built)
    keys = panel.keys()
    assert {"REQUEST_METHOD", "PATH_INFO", "wsgi.version", "wsgi.input"} <= set(keys)
    row = panel.model.row_of("REQUEST_METHOD")
    assert panel.model.index(row, 1).data() == "'GET'"
    assert "RFC 3875" in panel.model.index(row, 0).data(256 - 253)  # ToolTipRole == 3


def test_start_response_appears_when_the_app_calls_it(qtbot, chain_tl):
    panel = _view(qtbot, EnvironPanel, chain_tl)
    called = _step_of(chain_tl, "start_response")
    panel.set_cursor(called - 1)
    assert "Not called yet" in panel.handshake_text()
    panel.set_cursor(called)
    text = panel.handshake_text()
    assert "200 OK" in text and "Set-Cookie" in text and "session=" in text


def test_bytes_sent_grow_only_when_the_server_writes(qtbot, live):
    panel = _view(qtbot, EnvironPanel, live)
    panel.set_cursor(_step_of(live, "start_response"))
    assert "sent to the client so far 0 bytes" in panel.handshake_text()
    panel.set_cursor(len(live) - 1)
    total = len(live[len(live) - 1].wsgi.chain.response_bytes)
    assert f"sent to the client so far {total} bytes" in panel.handshake_text()


def test_a_value_wsgiref_validate_rejects_is_marked(qtbot, live):
    panel = _view(qtbot, EnvironPanel, live)
    panel.set_cursor(len(live) - 1)
    problems = [e for e in panel.model.entries if e.problem]
    assert problems  # Werkzeug passes REMOTE_PORT as an int
    row = panel.model.row_of(problems[0].key)
    assert panel.model.index(row, 0).data().startswith("⚠")


# ------------------------------------------------------------------ contexts
def _request_changes(timeline: Timeline, ops: tuple[ContextOp, ...]) -> list[int]:
    return [s.index for s in _event_steps(timeline)
            if any(c.op in ops and "request" in c.variable for c in s.wsgi.changes)]


def test_the_request_context_is_pushed_then_popped(qtbot, chain_tl):
    panel = _view(qtbot, ContextsPanel, chain_tl)
    pushed = _request_changes(chain_tl, (ContextOp.PUSH, ContextOp.SET))
    popped = _request_changes(chain_tl, (ContextOp.POP, ContextOp.RESET))
    assert len(pushed) == 1 and len(popped) == 1 and pushed[0] < popped[0]
    panel.set_cursor(pushed[0])
    text = panel.text()
    assert "RequestContext #1" in text
    assert "pushed at this step" in text or "set at this step" in text
    panel.set_cursor(popped[0])
    text = panel.text()
    assert "popped at this step" in text or "reset: no longer set" in text
    panel.set_cursor(len(chain_tl) - 1)
    assert "RequestContext" not in panel.text()


def test_the_classic_chain_shows_stacks_and_the_live_one_context_variables(qtbot, classic,
                                                                          live):
    panel = _view(qtbot, ContextsPanel, classic)
    panel.set_cursor(_step_of(classic, "demo_app.index"))
    assert "_request_ctx_stack" in panel.text() and "_cv_request" not in panel.text()
    panel.set_timeline(live)
    panel.set_cursor(_step_of(live, "demo_app.index"))
    assert "_cv_request" in panel.text() and "_request_ctx_stack" not in panel.text()


def test_g_set_by_the_before_request_hook_is_highlighted_at_that_step(qtbot, classic):
    panel = _view(qtbot, ContextsPanel, classic)
    panel.set_cursor(_step_of(classic, "demo_app.open_db", FrameEventKind.RETURN))
    assert "<FakeDb open>" in panel.text() and "set at this step" in panel.text()


# ------------------------------------------------------------------ the panel
def _what_the_panel_shows(panel: WsgiPanel) -> tuple[object, ...]:
    return (panel.chain_view.highlighted_function(), panel.chain_view.headline.text(),
            panel.chain_view.source.toPlainText(), tuple(panel.environ_panel.keys()),
            panel.environ_panel.handshake_text(), panel.contexts_panel.text(),
            panel.banner.text(), panel.gateways_view.stage,
            panel.gateways_view.lesson.request.request_line)


def test_stepping_back_shows_what_stepping_forward_showed(qtbot, all_layers):
    panel = _view(qtbot, WsgiPanel, all_layers)
    assert not panel.showing_placeholder()
    forward = []
    for i in range(len(all_layers)):
        panel.set_cursor(i)
        forward.append(_what_the_panel_shows(panel))
    for i in reversed(range(len(all_layers))):
        panel.set_cursor(i)
        assert _what_the_panel_shows(panel) == forward[i], f"step {i}"


def test_a_timeline_without_wsgi_shows_the_placeholder(qtbot):
    panel = _view(qtbot, WsgiPanel, build("handshake-teardown"))
    assert panel.showing_placeholder()
    panel.set_cursor(0)


def test_the_banner_says_which_request_of_an_all_layers_timeline(qtbot, all_layers):
    panel = _view(qtbot, WsgiPanel, all_layers)
    second = next(s.index for s in all_layers if s.connection == 1 and s.wsgi is not None
                  and s.layer == "wsgi")
    panel.set_cursor(second)
    assert "Request 2 of 2" in panel.banner.text()
    assert "traced live" in panel.banner.text()


def test_a_click_on_the_overview_asks_to_seek_to_that_events_step(qtbot, live):
    panel = _view(qtbot, WsgiPanel, live)
    panel.set_cursor(0)
    target = _step_of(live, "demo_app.index")
    event = live[target].wsgi.event.index
    with qtbot.waitSignal(panel.seek_requested, timeout=1000) as blocker:
        panel.chain_view.overview.event_clicked.emit(event)
    assert blocker.args == [target]


def test_the_overview_paints_the_chain_once_however_many_steps(qtbot, live):
    view = _view(qtbot, CallChainView, live)
    view.show()
    for i in range(0, len(live), 7):
        view.set_cursor(i)
        view.overview.grab()
    assert view.overview.paints == 1


def test_a_chain_with_every_frame_kept_lists_only_the_live_stack(qtbot):
    trace = trace_requests([TraceRequest()], keep_all=True)[0]
    timeline = chain_timeline(trace.chain)
    assert len(trace.chain) > 500
    view = _view(qtbot, CallChainView, timeline)
    deepest = max(_event_steps(timeline), key=lambda s: len(s.wsgi.stack))
    view.set_cursor(deepest.index)
    assert view.model.rowCount() == len(deepest.wsgi.stack) < 100
    assert "every Python frame" in view.stack_title.text()


# ------------------------------------------------------------------ CGI vs FastCGI vs WSGI
def test_the_gateway_lesson_moves_the_three_lanes_stage_by_stage(qtbot):
    timeline = gateway_timeline()
    panel = _view(qtbot, WsgiPanel, timeline)
    assert panel.showing_lesson()
    view = panel.lesson_view
    for i, stage in enumerate(Stage):
        panel.set_cursor(i)
        assert view.stage is stage
        assert set(view.lane_texts()) == set(Gateway)
    panel.set_cursor(1)
    assert "fork()" in view.lane_texts()[Gateway.CGI]
    panel.set_cursor(2)
    assert "FCGI_PARAMS" in view.lane_texts()[Gateway.FASTCGI]
    assert "environ['REQUEST_METHOD'] = 'GET'" in view.lane_texts()[Gateway.WSGI]


def test_the_gateways_view_follows_a_traced_request(qtbot, live):
    view = _view(qtbot, GatewaysView, live)
    view.set_cursor(_step_of(live, "Flask.__call__"))
    assert view.stage is Stage.RUN
    view.set_cursor(_step_of(live, "start_response"))
    assert view.stage is Stage.RESPOND
    assert view.lesson is not None and view.lesson.request.path == "/"
    assert view.lesson.response.status == "200 OK"
    view.show()
    assert not view.grab().isNull()


# ------------------------------------------------------------------ item models
def test_the_item_models_pass_qtmodeltester(qtmodeltester, live):
    step = live[_step_of(live, "demo_app.index")]
    stack = ChainStackModel()
    stack.set_snapshot(step.wsgi)
    qtmodeltester.check(stack)
    environ = EnvironModel()
    environ.set_entries(step.wsgi.environ)
    qtmodeltester.check(environ)


# ------------------------------------------------------------------ tracing off the GUI thread
def test_the_trace_loader_delivers_an_all_layers_timeline(qtbot):
    loader = TraceLoader()
    job = TraceJob((TraceRequest("POST", "/login", b"user=ada"), TraceRequest(path="/")))
    with qtbot.waitSignal(loader.loaded, timeout=TRACE_TIMEOUT_MS) as blocker:
        assert loader.start(job)
    timeline = blocker.args[0]
    assert isinstance(timeline, Timeline) and not loader.busy
    chains = {id(s.wsgi.chain): s.wsgi.chain for s in timeline if s.wsgi is not None}
    assert [c.request_line for c in chains.values()] == ["POST /login HTTP/1.1",
                                                        "GET / HTTP/1.1"]
    assert timeline.segments and timeline.segments[0].src == "client"  # from the SYN


def test_a_broken_app_file_gives_failed_with_a_message(qtbot, tmp_path: Path):
    broken = tmp_path / "broken_app.py"
    broken.write_text("from flask import Flask\napp = Flask(__name__\n")
    loader = TraceLoader()
    with qtbot.waitSignal(loader.failed, timeout=TRACE_TIMEOUT_MS) as blocker:
        loader.start(TraceJob(app_file=str(broken)))
    message = blocker.args[0]
    assert "broken_app.py" in message and "Traceback" not in message
    assert not loader.busy


def test_a_view_that_raises_still_loads_with_the_error_handler_in_the_chain(qtbot):
    loader = TraceLoader()
    with qtbot.waitSignal(loader.loaded, timeout=TRACE_TIMEOUT_MS) as blocker:
        loader.start(TraceJob((TraceRequest(path="/boom"),), all_layers=False))
    functions = [s.wsgi.event.function for s in _event_steps(blocker.args[0])]
    assert any(f.endswith("handle_user_exception") for f in functions)
    assert any(f.endswith("demo_app.out_of_cheese") for f in functions)


def test_the_dialog_warns_that_an_own_app_file_runs_and_builds_the_job(qtbot, tmp_path):
    dialog = TraceDialog()
    qtbot.addWidget(dialog)
    assert dialog.trace_button.isEnabled() and not dialog.warning.isVisibleTo(dialog)
    dialog.own.setChecked(True)
    assert dialog.warning.isVisibleTo(dialog)
    assert LEARNER_CODE_WARNING.split(":")[0] in dialog.warning.text()
    assert not dialog.trace_button.isEnabled()  # no file chosen yet
    app = tmp_path / "my app.py"
    app.write_text("from flask import Flask\napp = Flask(__name__)\n")
    dialog.app_file.setText(str(app))
    dialog.method.setCurrentText("POST")
    dialog.path.setText("/login page")
    dialog.data.setText("user=ada")
    assert dialog.trace_button.isEnabled()
    job = dialog.job()
    assert job.app_file == str(app)
    assert job.requests[0] == TraceRequest("POST", "/login%20page", b"user=ada")
    assert job.requests[1] == TraceRequest("GET", "/")
    dialog.path.setText("login")
    assert not dialog.trace_button.isEnabled() and "must start with '/'" in dialog.error.text()


def test_an_app_that_hangs_is_cut_short_and_the_trace_so_far_still_loads(qtbot, tmp_path):
    hangs = tmp_path / "hangs_app.py"
    hangs.write_text("from flask import Flask\napp = Flask(__name__)\n\n"
                     "@app.route('/')\ndef spin():\n    while True:\n        pass\n")
    loader = TraceLoader()
    notes: list[str] = []
    loader.incomplete.connect(notes.append)
    with qtbot.waitSignal(loader.loaded, timeout=TRACE_TIMEOUT_MS) as blocker:
        loader.start(TraceJob(app_file=str(hangs), time_limit=1.0))
    assert len(notes) == 1 and "1 s" in notes[0] and "so far" in notes[0]
    functions = [s.wsgi.event.function for s in _event_steps(blocker.args[0])]
    assert any(f.endswith("hangs_app.spin") for f in functions)
