"""The classic Flask 1.x request path (FLASK_CHAIN.md) as a tree of ``Call``s.

Flask 1.1 (with Werkzeug 1.0) is not what ``pip install flask`` gives today, so it cannot
be traced; its request path is written here as data instead: the same functions, in the
same order, that a trace of Flask 1.1.4 shows (FLASK_CHAIN.md, steps 1–9), for the same
requests the live trace makes to ``simulator/demo_app.py``: ``GET /`` and the error path
``GET /boom``.

Each ``Call`` names the function, summarises its arguments and result, lists its children,
and says how it changes the contexts (``Op``: push/pop on the per-thread stacks
``_app_ctx_stack`` and ``_request_ctx_stack``, ``g`` and session writes) as it is entered
or left. ``flask_classic`` walks the tree into a ``CallChain``.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


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
