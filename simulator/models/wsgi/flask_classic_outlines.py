"""Outlines of the classic Flask 1.1 functions: the "source" of the classic chain's frames.

The classic chain is not traced from Flask 1.1's code, so a frame's "source" is an
*outline* of what the function does in 1.1, in plain words (not Flask's code); the line a
step is at is the outline line that mentions the next call. Line numbers of the real files
drift between releases (FLASK_CHAIN.md), so none are given.
"""

from __future__ import annotations

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
