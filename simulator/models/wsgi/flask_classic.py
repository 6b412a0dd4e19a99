"""The classic Flask 1.x request path (FLASK_CHAIN.md), as data, for the demo app's request.

Theory of operation
-------------------
Most tutorials and study notes teach Flask 1.1 (with Werkzeug 1.0): contexts on per-thread
stacks (``_app_ctx_stack``, ``_request_ctx_stack``, Werkzeug ``LocalStack``s),
``before_first_request``, ``ctx.auto_pop``. That code is not what ``pip install flask`` gives
today, so it cannot be traced; it is written here as a tree of ``Call``s — the same functions,
in the same order, that a trace of Flask 1.1.4 shows (FLASK_CHAIN.md, steps 1–9) — for the
same requests the live trace makes to ``simulator/demo_app.py``: ``GET /`` and the error path
``GET /boom``.

Each ``Call`` names the function, summarises its arguments and result, lists its children,
and says how it changes the contexts (``Op``: push/pop on the stacks, ``g`` and session
writes) as it is entered or left. ``classic_chain`` walks the tree into ``FrameEvent``s with
the same ``ContextState``/``ContextChange`` types the live trace uses, so one view shows both
and a learner can compare them step by step.

"Source" for these frames is an *outline* of what each function does in 1.1, in plain words
(not Flask's code); the line a step is at is the outline line that mentions the next call.
Line numbers of the real files drift between releases (FLASK_CHAIN.md), so none are given.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, replace

from simulator.models.wsgi.call_chain import (
    CallChain,
    ChainOrigin,
    ContextState,
    ContextStorage,
    FrameEvent,
    FrameEventKind,
    FrameRole,
    SourceBlock,
    StartResponseCall,
    context_changes,
)
from simulator.models.wsgi.environ import explain_environ
from simulator.models.wsgi.frames import frame_info

FLASK_VERSION = "1.1.4"
WERKZEUG_VERSION = "1.0.1"


class OpKind(enum.Enum):
    PUSH_APP = "_app_ctx_stack.push"
    POP_APP = "_app_ctx_stack.pop"
    PUSH_REQUEST = "_request_ctx_stack.push"
    POP_REQUEST = "_request_ctx_stack.pop"
    OPEN_SESSION = "session opened"
    SET_SESSION = "session[key] = value"
    SET_G = "g.key = value"
    DEL_G = "g.pop(key)"


@dataclass(frozen=True)
class Op:
    kind: OpKind
    key: str = ""
    value: str = ""


@dataclass(frozen=True)
class Call:
    function: str
    args: str = "()"
    result: str = "None"
    children: tuple[Call, ...] = ()
    enter: tuple[Op, ...] = ()  # applied when the call starts (seen on its first child)
    leave: tuple[Op, ...] = ()  # applied before it returns (seen on its RETURN)
    raises: str | None = None  # it leaves by this exception instead of returning
    role: str | None = None  # "hook", "view", "error handler" for the app's functions
    note: str = ""  # what is specific to Flask 1.x here


ERROR_TEXT = "no cheese left"
APP = "AppContext #1 (demo_app)"
REQ = "RequestContext #1 (GET {path})"
DEMO_FILE = "simulator/demo_app.py"

# Outlines: what each 1.1 function does, in words; "steps" mention the calls they make.
OUTLINES: dict[str, tuple[str, ...]] = {
    "flask.app.Flask.__call__": ("return self.wsgi_app(environ, start_response)",),
    "flask.app.Flask.wsgi_app": (
        "ctx ← request_context(environ)",
        "error ← None",
        "try: ctx.push()",
        "     response ← full_dispatch_request()",
        "     (an exception: error ← e; response ← handle_exception(e))",
        "     return response(environ, start_response)   ← BaseResponse.__call__",
        "finally: ctx.auto_pop(error)",
    ),
    "flask.ctx.RequestContext.push": (
        "app_ctx ← _app_ctx_stack.top",
        "if there is none (or it is another app's): app_context() then AppContext.push",
        "_request_ctx_stack.push(self)   ← LocalStack.push",
        "session ← session_interface.open_session(app, request)",
        "match_request()",
    ),
    "flask.ctx.AppContext.push": (
        "_app_ctx_stack.push(self)   ← LocalStack.push",
        "appcontext_pushed.send(app)   ← Signal.send",
    ),
    "flask.app.Flask.full_dispatch_request": (
        "try_trigger_before_first_request_functions()",
        "try: request_started.send(self)   ← Signal.send",
        "     rv ← preprocess_request()",
        "     if rv is None: rv ← dispatch_request()",
        "except Exception as e: rv ← handle_user_exception(e)",
        "return finalize_request(rv)",
    ),
    "flask.app.Flask.preprocess_request": (
        "url_value_preprocessors(endpoint, view_args)",
        "for func in before_request_funcs: rv ← func()   ← open_db",
        "     a non-None rv ends the request with that value",
    ),
    "flask.app.Flask.dispatch_request": (
        "req ← _request_ctx_stack.top.request",
        "if req.routing_exception: raise it",
        "if OPTIONS and provide_automatic_options: make_default_options_response()",
        "return view_functions[rule.endpoint](**req.view_args)   ← index / boom",
    ),
    "flask.app.Flask.handle_user_exception": (
        "HTTPException → handle_http_exception(e)",
        "handler ← _find_error_handler(e)",
        "no handler: re-raise",
        "return handler(e)   ← out_of_cheese",
    ),
    "flask.app.Flask.finalize_request": (
        "response ← make_response(rv)",
        "response ← process_response(response)",
        "request_finished.send(self, response=response)   ← Signal.send",
        "return response",
    ),
    "flask.app.Flask.process_response": (
        "for func in reversed(after_request_funcs): response ← func(response)   ← add_header",
        "if not session_interface.is_null_session(session): save_session(...)",
        "return response",
    ),
    "flask.ctx.RequestContext.auto_pop": (
        "if an error and PRESERVE_CONTEXT_ON_EXCEPTION: keep the context (debugger)",
        "else: self.pop(exc)",
    ),
    "flask.ctx.RequestContext.pop": (
        "do_teardown_request(exc)",
        "request.close()",
        "_request_ctx_stack.pop()   ← LocalStack.pop",
        "if this push created the app context: app_ctx.pop(exc)   ← AppContext.pop",
    ),
    "flask.app.Flask.do_teardown_request": (
        "for func in reversed(teardown_request_funcs): func(exc)   ← close_db",
        "request_tearing_down.send(self, exc=exc)   ← Signal.send",
    ),
    "flask.ctx.AppContext.pop": (
        "do_teardown_appcontext(exc)",
        "_app_ctx_stack.pop()   ← LocalStack.pop",
        "appcontext_popped.send(app)   ← Signal.send",
    ),
    "werkzeug.wrappers.base_response.BaseResponse.__call__": (
        "app_iter, status, headers ← get_wsgi_response(environ)",
        "start_response(status, headers)",
        "return app_iter",
    ),
}
OUTLINE_FILE = "{file} (Flask 1.1 — an outline in words, not the source)"


def _signal(name: str, note: str = "") -> Call:
    return Call("blinker.base.Signal.send", f"signal '{name}', sender=<Flask 'demo_app'>", "[]",
                note=note)


def _server(app_call: Call, status: str, body: str) -> Call:
    """Werkzeug 1.0's run_wsgi around the application call (the same shape as today)."""
    return Call("werkzeug.serving.WSGIRequestHandler.run_wsgi", children=(
        Call("werkzeug.serving.WSGIRequestHandler.make_environ", result="{…21 keys}"),
        Call("werkzeug.serving.WSGIRequestHandler.run_wsgi.<locals>.execute",
             "(app=<Flask 'demo_app'>)", children=(
                 app_call,
                 Call("werkzeug.wsgi.ClosingIterator.__next__", result=repr(body.encode())),
                 Call("werkzeug.serving.WSGIRequestHandler.run_wsgi.<locals>.write",
                      f"(data={body.encode()!r})",
                      note=f"The status line '{status}' and the headers go out now, just "
                           "before the first body bytes — after teardown already ran."),
                 Call("werkzeug.wsgi.ClosingIterator.close"),
             )),
    ))


def _push(path: str) -> Call:
    req = REQ.format(path=path)
    return Call("flask.ctx.RequestContext.push", children=(
        Call("flask.app.Flask.app_context", result="<flask.ctx.AppContext>",
             note="_app_ctx_stack.top is None: no app context yet, so one is made."),
        Call("flask.ctx.AppContext.push", children=(
            Call("werkzeug.local.LocalStack.push", f"(obj={APP})", APP,
                 leave=(Op(OpKind.PUSH_APP, value=APP),)),
            _signal("appcontext-pushed"),
        )),
        Call("werkzeug.local.LocalStack.push", f"(obj={req})", req,
             leave=(Op(OpKind.PUSH_REQUEST, value=req),)),
        Call("flask.sessions.SecureCookieSessionInterface.open_session",
             "(app=<Flask 'demo_app'>, request=<Request>)", "<SecureCookieSession {}>",
             leave=(Op(OpKind.OPEN_SESSION),)),
        Call("flask.ctx.RequestContext.match_request", children=(
            Call("werkzeug.routing.MapAdapter.match", "(return_rule=True)",
                 f"(<Rule '{path}' -> {path.strip('/') or 'index'}>, {{}})"),
        )),
    ))


def _pop(path: str, error: str | None) -> Call:
    exc = f"(exc={error})" if error else "(exc=None)"
    return Call("flask.ctx.RequestContext.auto_pop", exc, children=(
        Call("flask.ctx.RequestContext.pop", exc, children=(
            Call("flask.app.Flask.do_teardown_request", exc, children=(
                Call("demo_app.close_db", "(error=None)", role="hook",
                     leave=(Op(OpKind.DEL_G, "db"),)),
                _signal("request-tearing-down"),
            )),
            Call("werkzeug.wrappers.base_request.BaseRequest.close"),
            Call("werkzeug.local.LocalStack.pop", result=REQ.format(path=path),
                 leave=(Op(OpKind.POP_REQUEST),)),
            Call("flask.ctx.AppContext.pop", exc, children=(
                Call("flask.app.Flask.do_teardown_appcontext", exc, children=(
                    _signal("appcontext-tearing-down"),)),
                Call("werkzeug.local.LocalStack.pop", result=APP,
                     leave=(Op(OpKind.POP_APP),)),
                _signal("appcontext-popped"),
            )),
        )),
    ), note="Flask 1.x: auto_pop keeps the context after an error when "
            "PRESERVE_CONTEXT_ON_EXCEPTION is on (debug mode), for the debugger; removed in 2.2.")


def _before_request() -> tuple[Call, ...]:
    return (
        Call("flask.app.Flask.try_trigger_before_first_request_functions",
             leave=(),
             note="Flask 1.x: the first request runs the before_first_request functions "
                  "(the demo has none) and sets _got_first_request; removed in 2.3."),
        _signal("request-started"),
        Call("flask.app.Flask.preprocess_request", children=(
            Call("demo_app.open_db", role="hook",
                 leave=(Op(OpKind.SET_G, "db", "<FakeDb open>"), Op(OpKind.SET_G, "user", "None"))),
        )),
    )


def _finalize(rv: str, response: str, session_saved: bool) -> Call:
    session = "{'visits': 1}" if session_saved else "{}"
    save = Call("flask.sessions.SecureCookieSessionInterface.save_session",
                f"(app=<Flask 'demo_app'>, session=<SecureCookieSession {session}>, "
                f"response={response})",
                children=((Call("werkzeug.wrappers.base_response.BaseResponse.set_cookie",
                                "(key='session', value='eyJ2aXNpdHMiOjF9.…')"),)
                          if session_saved else ()))
    return Call("flask.app.Flask.finalize_request", f"(rv={rv})", response, children=(
        Call("flask.app.Flask.make_response", f"(rv={rv})", response),
        Call("flask.app.Flask.process_response", f"(response={response})", response, children=(
            Call("demo_app.add_header", f"(response={response})", response, role="hook"),
            save,
        )),
        _signal("request-finished"),
    ))


def _respond(status: str, response: str) -> Call:
    return Call("werkzeug.wrappers.base_response.BaseResponse.__call__",
                "(environ, start_response)", "ClosingIterator", children=(
                    Call("werkzeug.wrappers.base_response.BaseResponse.get_wsgi_response",
                         "(environ)", f"(ClosingIterator, '{status}', [...])"),
                    Call("werkzeug.serving.WSGIRequestHandler.run_wsgi.<locals>.start_response",
                         f"(status='{status}', headers=[...])", "<function write>"),
                ))


OK_RESPONSE = "<Response 33 bytes [200 OK]>"
ERROR_RESPONSE = "<Response 22 bytes [500 INTERNAL SERVER ERROR]>"


def classic_tree(path: str = "/") -> Call:
    """The call tree of GET ``path`` ("/" or "/boom") on the demo app under Flask 1.1."""
    error = path == "/boom"
    if error:
        view = Call("demo_app.boom", role="view", raises="CheeseShopEmpty")
        dispatch = Call("flask.app.Flask.dispatch_request", children=(view,),
                        raises="CheeseShopEmpty")
        handled = Call("flask.app.Flask.handle_user_exception",
                       "(e=CheeseShopEmpty('no cheese left'))",
                       "('Sorry: no cheese left\\n', 500)", children=(
                           Call("flask.app.Flask._find_error_handler",
                                "(e=CheeseShopEmpty('no cheese left'))",
                                "<function out_of_cheese>"),
                           Call("demo_app.out_of_cheese", "(error=CheeseShopEmpty(...))",
                                "('Sorry: no cheese left\\n', 500)", role="error handler"),
                       ))
        rv, response, status, body = ("('Sorry: no cheese left\\n', 500)", ERROR_RESPONSE,
                                      "500 INTERNAL SERVER ERROR", "Sorry: no cheese left\n")
        dispatching: tuple[Call, ...] = (dispatch, handled)
    else:
        view = Call("demo_app.index", role="view", result=OK_RESPONSE,
                    leave=(Op(OpKind.SET_SESSION, "visits", "1"),), children=(
                        Call("flask.app.Flask.make_response",
                             "(rv='Hello, stranger! Visit number 1.\\n')", OK_RESPONSE),
                        Call("werkzeug.wrappers.base_response.BaseResponse.set_cookie",
                             "(key='theme', value='light')"),
                    ))
        dispatching = (Call("flask.app.Flask.dispatch_request", result=OK_RESPONSE,
                            children=(view,)),)
        rv, response, status, body = (OK_RESPONSE, OK_RESPONSE, "200 OK",
                                      "Hello, stranger! Visit number 1.\n")
    full = Call("flask.app.Flask.full_dispatch_request", result=response, children=(
        *_before_request(), *dispatching, _finalize(rv, response, not error)))
    wsgi_app = Call("flask.app.Flask.wsgi_app", "(environ={…21 keys}, start_response)",
                    "ClosingIterator", children=(
                        Call("flask.app.Flask.request_context", "(environ={…21 keys})",
                             f"<RequestContext 'http://127.0.0.1:5000{path}' [GET] of demo_app>",
                             children=(
                                 Call("flask.ctx.RequestContext.__init__", children=(
                                     Call("werkzeug.wrappers.base_request.BaseRequest.__init__",
                                          "(environ={…21 keys})"),
                                     Call("flask.app.Flask.create_url_adapter",
                                          "(request=<Request>)", "<MapAdapter>"),
                                 )),
                             )),
                        _push(path), full, _respond(status, response),
                        Call("flask.app.Flask.should_ignore_error", "(error=None)", "False"),
                        _pop(path, None)))
    app_call = Call("flask.app.Flask.__call__", "(environ={…21 keys}, start_response)",
                    "ClosingIterator", children=(wsgi_app,))
    return _server(app_call, status, body)


# ---------------------------------------------------------------------- walking the tree
class _Walker:
    def __init__(self) -> None:
        self.events: list[FrameEvent] = []
        self.state = ContextState(ContextStorage.LOCAL_STACK)
        self.last = self.state

    def apply(self, ops: tuple[Op, ...]) -> None:
        s = self.state
        for op in ops:
            if op.kind is OpKind.PUSH_APP:
                s = replace(s, app_contexts=(*s.app_contexts, op.value))
            elif op.kind is OpKind.POP_APP:
                s = replace(s, app_contexts=s.app_contexts[:-1], g=())
            elif op.kind is OpKind.PUSH_REQUEST:
                s = replace(s, request_contexts=(*s.request_contexts, op.value))
            elif op.kind is OpKind.POP_REQUEST:
                s = replace(s, request_contexts=s.request_contexts[:-1], session=None,
                            session_modified=False)
            elif op.kind is OpKind.OPEN_SESSION:
                s = replace(s, session=())
            elif op.kind is OpKind.SET_SESSION:
                items = dict(s.session or ())
                items[op.key] = op.value
                s = replace(s, session=tuple(items.items()), session_modified=True)
            elif op.kind is OpKind.SET_G:
                items = dict(s.g)
                items[op.key] = op.value
                s = replace(s, g=tuple(items.items()))
            elif op.kind is OpKind.DEL_G:
                s = replace(s, g=tuple((k, v) for k, v in s.g if k != op.key))
        self.state = s

    def add(self, kind: FrameEventKind, call: Call, depth: int, summary: str, line: int,
            caller_line: int | None = None, exception: str | None = None) -> None:
        role = FrameRole(call.role) if call.role else None
        info = frame_info(call.function, role)
        explanation = info.explanation + (f" {call.note}" if call.note else "")
        module, file = _module_and_file(call.function)
        outline = OUTLINES.get(call.function)
        source = (SourceBlock(OUTLINE_FILE.format(file=file), 1, outline) if outline else None)
        changes = context_changes(self.last, self.state)
        self.last = self.state
        self.events.append(FrameEvent(
            index=len(self.events), kind=kind, function=call.function, file=file, line=line,
            depth=depth, role=info.role, summary=summary, context=self.state, changes=changes,
            source=source, explanation=explanation, reference=info.reference,
            caller_line=caller_line, exception=exception, module=module))

    def walk(self, call: Call, depth: int, caller_line: int | None) -> None:
        self.add(FrameEventKind.CALL, call, depth, call.args, 1, caller_line)
        self.apply(call.enter)
        outline = OUTLINES.get(call.function, ())
        cursor = 0
        child_raised = False
        for child in call.children:
            cursor = _outline_line(outline, child, cursor)
            self.walk(child, depth + 1, cursor + 1 if outline else None)
            if child.raises:  # the exception arrives in this frame (settrace: "exception")
                child_raised = True
                self.add(FrameEventKind.EXCEPTION, call, depth,
                         f"{child.raises}: {ERROR_TEXT!r}" + ("" if call.raises
                                                              else " — caught here"),
                         cursor + 1 if outline else 1, exception=child.raises)
                if call.raises:
                    break
        self.apply(call.leave)
        if call.raises:
            line = cursor + 1 if outline else 1
            if not child_raised:
                self.add(FrameEventKind.EXCEPTION, call, depth,
                         f"{call.raises}: {ERROR_TEXT!r}", line, exception=call.raises)
            self.add(FrameEventKind.RETURN, call, depth,
                     f"leaves by exception ({call.raises}: {ERROR_TEXT})", line,
                     exception=call.raises)
        else:
            self.add(FrameEventKind.RETURN, call, depth, "→ " + call.result,
                     len(outline) or 1)


def _outline_line(outline: tuple[str, ...], child: Call, start: int) -> int:
    """Index of the first outline line at or after ``start`` that mentions the child."""
    name = child.function.rsplit(".", 1)[-1]
    short = ".".join(child.function.rsplit(".", 2)[-2:])
    for i in range(start, len(outline)):
        if name in outline[i] or short in outline[i]:
            return i
    return start


def _module_and_file(function: str) -> tuple[str, str]:
    if function.startswith("demo_app."):
        return "demo_app", DEMO_FILE
    parts = function.split(".")
    # the module is the part before the class (Flask and Werkzeug name modules in lower case)
    n = next((i for i, p in enumerate(parts) if p[:1].isupper()), len(parts) - 1)
    module = ".".join(parts[:n])
    return module, module.replace(".", "/") + ".py"


def classic_environ(path: str) -> tuple[tuple[str, str], ...]:
    """The environ Werkzeug 1.0's server builds for GET ``path`` from http.client (example
    values: port 5000, the client's port 51000)."""
    return (
        ("wsgi.version", "(1, 0)"), ("wsgi.url_scheme", "http"),
        ("wsgi.input", "<_io.BufferedReader>"), ("wsgi.errors", "<_io.TextIOWrapper <stderr>>"),
        ("wsgi.multithread", "False"), ("wsgi.multiprocess", "False"),
        ("wsgi.run_once", "False"), ("werkzeug.server.shutdown", "<function shutdown_server>"),
        ("SERVER_SOFTWARE", "Werkzeug/1.0.1"), ("REQUEST_METHOD", "GET"), ("SCRIPT_NAME", ""),
        ("PATH_INFO", path), ("QUERY_STRING", ""), ("REQUEST_URI", path), ("RAW_URI", path),
        ("REMOTE_ADDR", "127.0.0.1"), ("REMOTE_PORT", "51000"), ("SERVER_NAME", "127.0.0.1"),
        ("SERVER_PORT", "5000"), ("SERVER_PROTOCOL", "HTTP/1.1"),
        ("HTTP_HOST", "127.0.0.1:5000"), ("HTTP_ACCEPT_ENCODING", "identity"),
    )


def classic_chain(path: str = "/") -> CallChain:
    """The classic Flask 1.1 chain for GET ``path`` on the demo app ("/" or "/boom")."""
    if path not in ("/", "/boom"):
        raise ValueError(f"the classic chain is written for '/' and '/boom', not {path!r}")
    walker = _Walker()
    walker.walk(classic_tree(path), 0, None)
    error = path == "/boom"
    status = "500 INTERNAL SERVER ERROR" if error else "200 OK"
    headers: tuple[tuple[str, str], ...] = (("Content-Type", "text/html; charset=utf-8"),
               ("Content-Length", "22" if error else "33"))
    if not error:
        headers += (("Set-Cookie", "theme=light; Path=/"),)
    headers += (("X-Handled-By", "demo_app"), ("Vary", "Cookie"))
    if not error:
        headers += (("Set-Cookie", "session=eyJ2aXNpdHMiOjF9.…; HttpOnly; Path=/"),)
    start = next(e.index for e in walker.events if e.function.endswith(".start_response"))
    return CallChain(
        title=f"GET {path} → the demo app, Flask {FLASK_VERSION} (classic)",
        origin=ChainOrigin.CLASSIC, flask_version=FLASK_VERSION,
        werkzeug_version=WERKZEUG_VERSION, events=tuple(walker.events),
        environ=explain_environ(classic_environ(path)),
        start_response=StartResponseCall(status, headers, False, start),
        response_iterable="ClosingIterator", request_line=f"GET {path} HTTP/1.1",
        app_file=DEMO_FILE)
