"""The frames that teach: which functions of a request's path a learner is shown, and why each runs.

Theory of operation
-------------------
A real request runs through hundreds of Python frames (header parsing helpers, cached
properties, JSON tagging of the session...). The live tracer keeps, by default, only the frames
named in ``TEACHING_FRAMES`` plus every frame of the learner's own app file; the classic Flask
1.x chain (``flask_classic``) is written with the same names. Each entry says which layer the
frame belongs to (``FrameRole``), what it does in one or two sentences, and where that is
documented: PEP 3333 for the WSGI interface, RFC 3875 for CGI-style variables, the Flask and
Werkzeug documentation for the rest (versions as in FLASK_CHAIN.md).

Names are ``module.qualname`` exactly as Python reports them (``code.co_qualname``), so a
table row and a traced frame match by string equality. A name missing from the table simply
is not shown in the filtered view; "keep everything" shows all frames with role ``OTHER``.
"""

from __future__ import annotations

from dataclasses import dataclass

from simulator.models.wsgi.call_chain import FrameRole

R = FrameRole

PEP3333 = "PEP 3333"
FLASK_LIFECYCLE = "Flask docs: Application Structure and Lifecycle"
FLASK_CONTEXT = "Flask docs: The Request Context / The Application Context"
FLASK_API = "Flask API reference"
WERKZEUG = "Werkzeug docs"


@dataclass(frozen=True)
class FrameInfo:
    role: FrameRole
    explanation: str
    reference: str


_SERVE = "werkzeug.serving.WSGIRequestHandler"

TEACHING_FRAMES: dict[str, FrameInfo] = {
    # ---------------------------------------------------------------- the server
    "socketserver.TCPServer.get_request": FrameInfo(
        R.SERVER, "accept(): the listening socket hands the server a new connected socket "
        "(the TCP handshake already completed in the kernel).", "Python docs: socketserver"),
    "socketserver.BaseServer.finish_request": FrameInfo(
        R.SERVER, "The server creates a request handler object for the connection; its "
        "constructor runs setup(), handle() and finish().", "Python docs: socketserver"),
    f"{_SERVE}.handle": FrameInfo(
        R.SERVER, "Werkzeug's handler serves the connection, ignoring a client that hangs up.",
        WERKZEUG + ": werkzeug.serving"),
    "http.server.BaseHTTPRequestHandler.handle_one_request": FrameInfo(
        R.SERVER, "Reads the request line (e.g. 'GET / HTTP/1.1') from the socket and "
        "dispatches on the method; Werkzeug routes every method to run_wsgi.",
        "Python docs: http.server; RFC 9112 §3"),
    "http.server.BaseHTTPRequestHandler.parse_request": FrameInfo(
        R.SERVER, "Splits the request line into method, target and version and reads the "
        "header fields up to the empty line.", "RFC 9112 §2–§5"),
    f"{_SERVE}.run_wsgi": FrameInfo(
        R.SERVER, "The WSGI server side: build environ, define start_response and write, "
        "call the application, send what it returns.", PEP3333),
    f"{_SERVE}.make_environ": FrameInfo(
        R.WSGI, "Builds the environ dict: CGI-style variables from the request line and "
        "headers (HTTP_*), plus the wsgi.* keys.", PEP3333 + ": environ Variables"),
    f"{_SERVE}.run_wsgi.<locals>.execute": FrameInfo(
        R.WSGI, "Calls app(environ, start_response), then iterates over what the app returned "
        "and writes each chunk; finally calls the iterable's close().",
        PEP3333 + ": The Server/Gateway Side"),
    f"{_SERVE}.run_wsgi.<locals>.start_response": FrameInfo(
        R.WSGI, "start_response(status, headers): the app hands the server the status line "
        "and headers. Nothing is sent yet — they go out just before the first body bytes.",
        PEP3333 + ": The start_response() Callable"),
    f"{_SERVE}.run_wsgi.<locals>.write": FrameInfo(
        R.WSGI, "Sends the status line and headers on the first call, then the body chunk, "
        "on the socket.", PEP3333 + ": Buffering and Streaming"),
    "socketserver.TCPServer.shutdown_request": FrameInfo(
        R.SERVER, "The server shuts the connection down (Werkzeug's development server sends "
        "'Connection: close'): the kernel sends FIN.", "Python docs: socketserver; RFC 9293"),
    # ---------------------------------------------------------------- Flask: the WSGI app
    "flask.app.Flask.__call__": FrameInfo(
        R.FLASK, "The Flask object is the WSGI application: calling it with (environ, "
        "start_response) calls wsgi_app, so middleware can wrap wsgi_app.", FLASK_API),
    "flask.app.Flask.wsgi_app": FrameInfo(
        R.FLASK, "Flask's whole request: make and push the request context, dispatch, turn the "
        "result into a response, call the response as a WSGI app, and finally pop the context.",
        FLASK_LIFECYCLE),
    "flask.app.Flask.request_context": FrameInfo(
        R.CONTEXT, "Creates a RequestContext for this environ (the request object, URL "
        "adapter, later the session).", FLASK_CONTEXT),
    "flask.ctx.RequestContext.__init__": FrameInfo(
        R.CONTEXT, "Wraps environ in a Request object and binds the URL map to it.",
        FLASK_CONTEXT),
    "flask.app.Flask.create_url_adapter": FrameInfo(
        R.FLASK, "Binds the URL map to the request's host and path (checks TRUSTED_HOSTS in "
        "3.1).", FLASK_API),
    "flask.ctx.RequestContext.push": FrameInfo(
        R.CONTEXT, "Makes this request current: pushes an app context if none is active, then "
        "the request context; opens the session; matches the URL.", FLASK_CONTEXT),
    "flask.app.Flask.app_context": FrameInfo(
        R.CONTEXT, "Creates an AppContext (holds current_app and g).", FLASK_CONTEXT),
    "flask.ctx.AppContext.push": FrameInfo(
        R.CONTEXT, "Makes the app current (current_app, g) and sends appcontext_pushed.",
        FLASK_CONTEXT),
    "flask.ctx.RequestContext.match_request": FrameInfo(
        R.FLASK, "Matches the path against the URL rules: sets request.url_rule and "
        "view_args, or stores the routing exception (404, 405) for later.", FLASK_API),
    "flask.app.Flask.try_trigger_before_first_request_functions": FrameInfo(
        R.FLASK, "Flask < 2.3: runs before_first_request functions once per app.",
        FLASK_API + " 1.1"),
    "flask.app.Flask.full_dispatch_request": FrameInfo(
        R.FLASK, "Sends request_started, runs the before_request hooks, then the view; an "
        "exception goes to handle_user_exception; the result goes to finalize_request.",
        FLASK_LIFECYCLE),
    "flask.app.Flask.preprocess_request": FrameInfo(
        R.FLASK, "Runs url_value_preprocessors, then before_request functions in the order "
        "registered. A hook that returns a value ends the request with that value.",
        FLASK_API + ": before_request"),
    "flask.app.Flask.dispatch_request": FrameInfo(
        R.FLASK, "Raises a stored routing exception, answers automatic OPTIONS, else calls the "
        "view registered for the matched endpoint with the URL's arguments.", FLASK_API),
    "flask.app.Flask.raise_routing_exception": FrameInfo(
        R.FLASK, "The URL did not match (404) or the method is not allowed (405).", FLASK_API),
    "flask.app.Flask.make_default_options_response": FrameInfo(
        R.FLASK, "Automatic OPTIONS answer listing the allowed methods.", "RFC 9110 §9.3.7"),
    "flask.app.Flask.handle_user_exception": FrameInfo(
        R.FLASK, "An exception escaped a hook or the view: an HTTPException goes to "
        "handle_http_exception; otherwise the registered error handler for its class is "
        "called, or it is re-raised.", FLASK_API + ": Handling Application Errors"),
    "flask.app.Flask.handle_http_exception": FrameInfo(
        R.FLASK, "An HTTP error (404, 405, abort(403)...): its registered handler, or the "
        "exception itself, which is a response.", FLASK_API),
    "flask.sansio.app.App._find_error_handler": FrameInfo(
        R.FLASK, "Looks up the handler registered for this exception's class (walking its MRO) "
        "or status code, blueprint first.", FLASK_API),
    "flask.app.Flask._find_error_handler": FrameInfo(
        R.FLASK, "Looks up the handler registered for this exception's class or status code.",
        FLASK_API + " 1.1"),
    "flask.app.Flask.handle_exception": FrameInfo(
        R.FLASK, "Unhandled exception: sends got_request_exception, logs it and answers "
        "500 Internal Server Error (or re-raises when PROPAGATE_EXCEPTIONS).", FLASK_API),
    "flask.app.Flask.log_exception": FrameInfo(
        R.FLASK, "Writes the traceback to app.logger (by default to environ['wsgi.errors']).",
        FLASK_API),
    "flask.app.Flask.finalize_request": FrameInfo(
        R.FLASK, "Turns the view's return value into a response, runs process_response, sends "
        "request_finished.", FLASK_LIFECYCLE),
    "flask.app.Flask.make_response": FrameInfo(
        R.FLASK, "Converts a str, bytes, dict, tuple (body, status, headers) or Response into "
        "a Response object.", FLASK_API + ": make_response"),
    "flask.app.Flask.process_response": FrameInfo(
        R.FLASK, "Runs after_request functions in reverse order of registration, then saves "
        "the session (Set-Cookie).", FLASK_API + ": after_request"),
    "flask.app.Flask.do_teardown_request": FrameInfo(
        R.FLASK, "Runs teardown_request functions (in reverse order) with the error, if any; "
        "sends request_tearing_down. They run even when the request failed.",
        FLASK_API + ": teardown_request"),
    "flask.app.Flask.do_teardown_appcontext": FrameInfo(
        R.FLASK, "Runs teardown_appcontext functions; sends appcontext_tearing_down.",
        FLASK_API),
    "flask.ctx.RequestContext.pop": FrameInfo(
        R.CONTEXT, "Tears the request down: teardown_request functions, request.close(), the "
        "request context leaves, then the app context it pushed.", FLASK_CONTEXT),
    "flask.ctx.RequestContext.auto_pop": FrameInfo(
        R.CONTEXT, "Flask < 2.2: pops the context unless it must be preserved for the "
        "debugger after an error.", FLASK_CONTEXT + " 1.1"),
    "flask.ctx.AppContext.pop": FrameInfo(
        R.CONTEXT, "teardown_appcontext functions, then the app context leaves (g is gone); "
        "sends appcontext_popped.", FLASK_CONTEXT),
    # ---------------------------------------------------------------- sessions
    "flask.sessions.SecureCookieSessionInterface.open_session": FrameInfo(
        R.SESSION, "Reads the 'session' cookie and verifies its signature with the secret key "
        "(itsdangerous); a missing or bad cookie gives an empty session.",
        FLASK_API + ": Sessions"),
    "flask.sessions.SecureCookieSessionInterface.save_session": FrameInfo(
        R.SESSION, "If the session changed, serialises and signs it into a Set-Cookie header "
        "(or deletes the cookie if the session became empty).", FLASK_API + ": Sessions"),
    # ---------------------------------------------------------------- signals
    "blinker.base.Signal.send": FrameInfo(
        R.SIGNAL, "Flask sends a signal (blinker): subscribers, if any, are called.",
        FLASK_API + ": Signals"),
    # ---------------------------------------------------------------- Werkzeug objects
    "werkzeug.wrappers.request.Request.__init__": FrameInfo(
        R.WERKZEUG, "The Request object wraps environ; headers, args, form and cookies are "
        "parsed lazily, on first access.", WERKZEUG + ": Request"),
    "werkzeug.sansio.request.Request.args": FrameInfo(
        R.WERKZEUG, "request.args: the query string parsed on first access.",
        WERKZEUG + ": Request.args"),
    "werkzeug.sansio.request.Request.cookies": FrameInfo(
        R.WERKZEUG, "request.cookies: the Cookie header parsed on first access.",
        WERKZEUG + ": Request.cookies; RFC 6265 §5.4"),
    "werkzeug.wrappers.request.Request.form": FrameInfo(
        R.WERKZEUG, "request.form: the body read from wsgi.input and parsed on first access.",
        WERKZEUG + ": Request.form"),
    "werkzeug.routing.map.MapAdapter.match": FrameInfo(
        R.WERKZEUG, "Finds the rule for the path and method: endpoint and arguments, or raises "
        "NotFound / MethodNotAllowed / RequestRedirect.", WERKZEUG + ": URL Routing"),
    "werkzeug.wrappers.response.Response.__init__": FrameInfo(
        R.WERKZEUG, "A Response: body, status and headers.", WERKZEUG + ": Response"),
    "werkzeug.sansio.response.Response.set_cookie": FrameInfo(
        R.WERKZEUG, "Adds a Set-Cookie header to the response.",
        WERKZEUG + ": Response.set_cookie; RFC 6265 §4.1"),
    "werkzeug.wrappers.response.Response.__call__": FrameInfo(
        R.WSGI, "A Response is itself a WSGI application: it calls start_response with its "
        "status and headers and returns its body as an iterable.", WERKZEUG + ": Response"),
    "werkzeug.wrappers.response.Response.get_wsgi_response": FrameInfo(
        R.WERKZEUG, "Computes the final status, headers and body iterable for this environ.",
        WERKZEUG + ": Response"),
    "werkzeug.wrappers.response.Response.get_app_iter": FrameInfo(
        R.WERKZEUG, "The body iterable (empty for HEAD and 304).", WERKZEUG + ": Response"),
    "werkzeug.wrappers.request.Request.close": FrameInfo(
        R.WERKZEUG, "Closes files the request opened (uploads).", WERKZEUG + ": Request"),
    # ---------------------------------------------------------------- Flask 1.x / Werkzeug 1.x
    "werkzeug.local.LocalStack.push": FrameInfo(
        R.CONTEXT, "Flask < 2.2: pushes the context on a stack kept per thread (or greenlet) — "
        "_app_ctx_stack or _request_ctx_stack; the proxies read its top.",
        FLASK_CONTEXT + " 1.1"),
    "werkzeug.local.LocalStack.pop": FrameInfo(
        R.CONTEXT, "Flask < 2.2: removes the top context from the per-thread stack.",
        FLASK_CONTEXT + " 1.1"),
    "werkzeug.wrappers.base_request.BaseRequest.__init__": FrameInfo(
        R.WERKZEUG, "Werkzeug 1.x: the Request object wraps environ; everything is parsed "
        "lazily.", WERKZEUG + " 1.0: Request"),
    "werkzeug.routing.MapAdapter.match": FrameInfo(
        R.WERKZEUG, "Werkzeug 1.x: finds the rule for the path and method.",
        WERKZEUG + " 1.0: URL Routing"),
    "werkzeug.wrappers.base_response.BaseResponse.__call__": FrameInfo(
        R.WSGI, "Werkzeug 1.x: the Response as a WSGI app: start_response(status, headers), "
        "then return the body iterable.", WERKZEUG + " 1.0: Response"),
    "werkzeug.wrappers.base_response.BaseResponse.get_wsgi_response": FrameInfo(
        R.WERKZEUG, "Werkzeug 1.x: the final status, headers and body iterable.",
        WERKZEUG + " 1.0: Response"),
    "werkzeug.wrappers.base_response.BaseResponse.set_cookie": FrameInfo(
        R.WERKZEUG, "Werkzeug 1.x: adds a Set-Cookie header to the response.",
        WERKZEUG + " 1.0: Response.set_cookie; RFC 6265 §4.1"),
    "werkzeug.wrappers.base_request.BaseRequest.close": FrameInfo(
        R.WERKZEUG, "Werkzeug 1.x: closes files the request opened (uploads).",
        WERKZEUG + " 1.0: Request"),
    "flask.app.Flask.should_ignore_error": FrameInfo(
        R.FLASK, "Should teardown see this error? False unless the app overrides it.",
        FLASK_API),
    "werkzeug.wsgi.ClosingIterator.__next__": FrameInfo(
        R.WSGI, "The server pulls the next body chunk from the app's iterable.",
        PEP3333 + ": The Server/Gateway Side"),
    "werkzeug.wsgi.ClosingIterator.close": FrameInfo(
        R.WSGI, "The server calls the iterable's close() when it is done, even on error.",
        PEP3333 + ": The Server/Gateway Side"),
}

APP_ROLE_EXPLANATIONS: dict[FrameRole, tuple[str, str]] = {
    R.HOOK: ("Your hook function, called by Flask at its place in the request.",
             FLASK_API + ": before_request / after_request / teardown_request"),
    R.VIEW: ("Your view function: Flask calls it with the URL's arguments; what it returns "
             "becomes the response.", FLASK_API + ": route"),
    R.ERROR_HANDLER: ("Your error handler: Flask calls it with the exception; what it returns "
                      "becomes the response.", FLASK_API + ": errorhandler"),
    R.APP: ("Code from your app file.", ""),
    R.OTHER: ("A frame outside the teaching set (shown because everything is kept).", ""),
}


def frame_info(function: str, role: FrameRole | None = None) -> FrameInfo:
    """The table row for ``function``; for app code and other frames, a row by role."""
    info = TEACHING_FRAMES.get(function)
    if info is not None and role is None:
        return info
    role = role or (info.role if info else FrameRole.OTHER)
    if info is not None:
        return FrameInfo(role, info.explanation, info.reference)
    text, ref = APP_ROLE_EXPLANATIONS.get(role, APP_ROLE_EXPLANATIONS[R.OTHER])
    return FrameInfo(role, text, ref)
