"""The WSGI models' fixed English, catalogued for ``lupdate`` (see ``model_text``).

Every frame a learner is shown has a one- or two-sentence explanation (``wsgi.frames``), every
``environ`` key one too (``wsgi.environ``); a WSGI step's "why" is that explanation, sometimes
with a note after it. Function names, environ keys, Flask and Werkzeug identifiers and
PEP/RFC citations stay as they are in every language.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

# simulator/models/wsgi/frames.py: TEACHING_FRAMES and APP_ROLE_EXPLANATIONS
FRAMES: tuple[object, ...] = (
    QT_TRANSLATE_NOOP("ModelText", "accept(): the listening socket hands the server a new "
                      "connected socket (the TCP handshake already completed in the kernel)."),
    QT_TRANSLATE_NOOP("ModelText", "The server creates a request handler object for the "
                      "connection; its constructor runs setup(), handle() and finish()."),
    QT_TRANSLATE_NOOP("ModelText", "Werkzeug's handler serves the connection, ignoring a client "
                      "that hangs up."),
    QT_TRANSLATE_NOOP("ModelText", "Reads the request line (e.g. 'GET / HTTP/1.1') from the "
                      "socket and dispatches on the method; Werkzeug routes every method to "
                      "run_wsgi."),
    QT_TRANSLATE_NOOP("ModelText", "Splits the request line into method, target and version and "
                      "reads the header fields up to the empty line."),
    QT_TRANSLATE_NOOP("ModelText", "The WSGI server side: build environ, define start_response "
                      "and write, call the application, send what it returns."),
    QT_TRANSLATE_NOOP("ModelText", "Builds the environ dict: CGI-style variables from the "
                      "request line and headers (HTTP_*), plus the wsgi.* keys."),
    QT_TRANSLATE_NOOP("ModelText", "Calls app(environ, start_response), then iterates over what "
                      "the app returned and writes each chunk; finally calls the iterable's "
                      "close()."),
    QT_TRANSLATE_NOOP("ModelText", "start_response(status, headers): the app hands the server "
                      "the status line and headers. Nothing is sent yet — they go out just "
                      "before the first body bytes."),
    QT_TRANSLATE_NOOP("ModelText", "Sends the status line and headers on the first call, then "
                      "the body chunk, on the socket."),
    QT_TRANSLATE_NOOP("ModelText", "The server shuts the connection down (Werkzeug's development "
                      "server sends 'Connection: close'): the kernel sends FIN."),
    QT_TRANSLATE_NOOP("ModelText", "The Flask object is the WSGI application: calling it with "
                      "(environ, start_response) calls wsgi_app, so middleware can wrap wsgi_app."),
    QT_TRANSLATE_NOOP("ModelText", "Flask's whole request: make and push the request context, "
                      "dispatch, turn the result into a response, call the response as a WSGI "
                      "app, and finally pop the context."),
    QT_TRANSLATE_NOOP("ModelText", "Creates a RequestContext for this environ (the request "
                      "object, URL adapter, later the session)."),
    QT_TRANSLATE_NOOP("ModelText", "Wraps environ in a Request object and binds the URL map to "
                      "it."),
    QT_TRANSLATE_NOOP("ModelText", "Binds the URL map to the request's host and path (checks "
                      "TRUSTED_HOSTS in 3.1)."),
    QT_TRANSLATE_NOOP("ModelText", "Makes this request current: pushes an app context if none is "
                      "active, then the request context; opens the session; matches the URL."),
    QT_TRANSLATE_NOOP("ModelText", "Creates an AppContext (holds current_app and g)."),
    QT_TRANSLATE_NOOP("ModelText", "Makes the app current (current_app, g) and sends "
                      "appcontext_pushed."),
    QT_TRANSLATE_NOOP("ModelText", "Matches the path against the URL rules: sets "
                      "request.url_rule and view_args, or stores the routing exception (404, "
                      "405) for later."),
    QT_TRANSLATE_NOOP("ModelText", "Flask < 2.3: runs before_first_request functions once per "
                      "app."),
    QT_TRANSLATE_NOOP("ModelText", "Sends request_started, runs the before_request hooks, then "
                      "the view; an exception goes to handle_user_exception; the result goes to "
                      "finalize_request."),
    QT_TRANSLATE_NOOP("ModelText", "Runs url_value_preprocessors, then before_request functions "
                      "in the order registered. A hook that returns a value ends the request "
                      "with that value."),
    QT_TRANSLATE_NOOP("ModelText", "Raises a stored routing exception, answers automatic "
                      "OPTIONS, else calls the view registered for the matched endpoint with the "
                      "URL's arguments."),
    QT_TRANSLATE_NOOP("ModelText", "The URL did not match (404) or the method is not allowed "
                      "(405)."),
    QT_TRANSLATE_NOOP("ModelText", "Automatic OPTIONS answer listing the allowed methods."),
    QT_TRANSLATE_NOOP("ModelText", "An exception escaped a hook or the view: an HTTPException "
                      "goes to handle_http_exception; otherwise the registered error handler for "
                      "its class is called, or it is re-raised."),
    QT_TRANSLATE_NOOP("ModelText", "An HTTP error (404, 405, abort(403)...): its registered "
                      "handler, or the exception itself, which is a response."),
    QT_TRANSLATE_NOOP("ModelText", "Looks up the handler registered for this exception's class "
                      "(walking its MRO) or status code, blueprint first."),
    QT_TRANSLATE_NOOP("ModelText", "Looks up the handler registered for this exception's class "
                      "or status code."),
    QT_TRANSLATE_NOOP("ModelText", "Unhandled exception: sends got_request_exception, logs it "
                      "and answers 500 Internal Server Error (or re-raises when "
                      "PROPAGATE_EXCEPTIONS)."),
    QT_TRANSLATE_NOOP("ModelText", "Writes the traceback to app.logger (by default to "
                      "environ['wsgi.errors'])."),
    QT_TRANSLATE_NOOP("ModelText", "Turns the view's return value into a response, runs "
                      "process_response, sends request_finished."),
    QT_TRANSLATE_NOOP("ModelText", "Converts a str, bytes, dict, tuple (body, status, headers) "
                      "or Response into a Response object."),
    QT_TRANSLATE_NOOP("ModelText", "Runs after_request functions in reverse order of "
                      "registration, then saves the session (Set-Cookie)."),
    QT_TRANSLATE_NOOP("ModelText", "Runs teardown_request functions (in reverse order) with the "
                      "error, if any; sends request_tearing_down. They run even when the request "
                      "failed."),
    QT_TRANSLATE_NOOP("ModelText", "Runs teardown_appcontext functions; sends "
                      "appcontext_tearing_down."),
    QT_TRANSLATE_NOOP("ModelText", "Tears the request down: teardown_request functions, "
                      "request.close(), the request context leaves, then the app context it "
                      "pushed."),
    QT_TRANSLATE_NOOP("ModelText", "Flask < 2.2: pops the context unless it must be preserved "
                      "for the debugger after an error."),
    QT_TRANSLATE_NOOP("ModelText", "teardown_appcontext functions, then the app context leaves "
                      "(g is gone); sends appcontext_popped."),
    QT_TRANSLATE_NOOP("ModelText", "Reads the 'session' cookie and verifies its signature with "
                      "the secret key (itsdangerous); a missing or bad cookie gives an empty "
                      "session."),
    QT_TRANSLATE_NOOP("ModelText", "If the session changed, serialises and signs it into a "
                      "Set-Cookie header (or deletes the cookie if the session became empty)."),
    QT_TRANSLATE_NOOP("ModelText", "Flask sends a signal (blinker): subscribers, if any, are "
                      "called."),
    QT_TRANSLATE_NOOP("ModelText", "The Request object wraps environ; headers, args, form and "
                      "cookies are parsed lazily, on first access."),
    QT_TRANSLATE_NOOP("ModelText", "request.args: the query string parsed on first access."),
    QT_TRANSLATE_NOOP("ModelText", "request.cookies: the Cookie header parsed on first access."),
    QT_TRANSLATE_NOOP("ModelText", "request.form: the body read from wsgi.input and parsed on "
                      "first access."),
    QT_TRANSLATE_NOOP("ModelText", "Finds the rule for the path and method: endpoint and "
                      "arguments, or raises NotFound / MethodNotAllowed / RequestRedirect."),
    QT_TRANSLATE_NOOP("ModelText", "A Response: body, status and headers."),
    QT_TRANSLATE_NOOP("ModelText", "Adds a Set-Cookie header to the response."),
    QT_TRANSLATE_NOOP("ModelText", "A Response is itself a WSGI application: it calls "
                      "start_response with its status and headers and returns its body as an "
                      "iterable."),
    QT_TRANSLATE_NOOP("ModelText", "Computes the final status, headers and body iterable for "
                      "this environ."),
    QT_TRANSLATE_NOOP("ModelText", "The body iterable (empty for HEAD and 304)."),
    QT_TRANSLATE_NOOP("ModelText", "Closes files the request opened (uploads)."),
    QT_TRANSLATE_NOOP("ModelText", "Flask < 2.2: pushes the context on a stack kept per thread "
                      "(or greenlet) — _app_ctx_stack or _request_ctx_stack; the proxies read "
                      "its top."),
    QT_TRANSLATE_NOOP("ModelText", "Flask < 2.2: removes the top context from the per-thread "
                      "stack."),
    QT_TRANSLATE_NOOP("ModelText", "Werkzeug 1.x: the Request object wraps environ; everything "
                      "is parsed lazily."),
    QT_TRANSLATE_NOOP("ModelText", "Werkzeug 1.x: finds the rule for the path and method."),
    QT_TRANSLATE_NOOP("ModelText", "Werkzeug 1.x: the Response as a WSGI app: "
                      "start_response(status, headers), then return the body iterable."),
    QT_TRANSLATE_NOOP("ModelText", "Werkzeug 1.x: the final status, headers and body iterable."),
    QT_TRANSLATE_NOOP("ModelText", "Werkzeug 1.x: adds a Set-Cookie header to the response."),
    QT_TRANSLATE_NOOP("ModelText", "Werkzeug 1.x: closes files the request opened (uploads)."),
    QT_TRANSLATE_NOOP("ModelText", "Should teardown see this error? False unless the app "
                      "overrides it."),
    QT_TRANSLATE_NOOP("ModelText", "The server pulls the next body chunk from the app's iterable."),
    QT_TRANSLATE_NOOP("ModelText", "The server calls the iterable's close() when it is done, "
                      "even on error."),
    QT_TRANSLATE_NOOP("ModelText", "Your hook function, called by Flask at its place in the "
                      "request."),
    QT_TRANSLATE_NOOP("ModelText", "Your view function: Flask calls it with the URL's arguments; "
                      "what it returns becomes the response."),
    QT_TRANSLATE_NOOP("ModelText", "Your error handler: Flask calls it with the exception; what "
                      "it returns becomes the response."),
    QT_TRANSLATE_NOOP("ModelText", "Code from your app file."),
    QT_TRANSLATE_NOOP("ModelText", "A frame outside the teaching set (shown because everything "
                      "is kept)."),
)

# simulator/models/wsgi/environ.py: KNOWN_KEYS and explain_key's fixed texts
ENVIRON: tuple[object, ...] = (
    QT_TRANSLATE_NOOP("ModelText", "The request's method: GET, POST, ..."),
    QT_TRANSLATE_NOOP("ModelText", "The part of the URL path that leads to the application "
                      "(empty when the app is mounted at the root)."),
    QT_TRANSLATE_NOOP("ModelText", "The rest of the path, inside the application: what the app "
                      "routes on. Percent-decoded, as latin-1 text."),
    QT_TRANSLATE_NOOP("ModelText", "What follows '?' in the target, still encoded (may be empty)."),
    QT_TRANSLATE_NOOP("ModelText", "The request body's Content-Type header (may be absent)."),
    QT_TRANSLATE_NOOP("ModelText", "The request body's length in bytes (may be absent); the app "
                      "reads that much from wsgi.input."),
    QT_TRANSLATE_NOOP("ModelText", "The server's host name or address; with SERVER_PORT it "
                      "rebuilds the URL when there is no Host header."),
    QT_TRANSLATE_NOOP("ModelText", "The port the request arrived on, as a string."),
    QT_TRANSLATE_NOOP("ModelText", "The HTTP version the client used: 'HTTP/1.1'."),
    QT_TRANSLATE_NOOP("ModelText", "The server's name and version (also sent as the Server "
                      "header)."),
    QT_TRANSLATE_NOOP("ModelText", "The client's IP address, from the TCP connection."),
    QT_TRANSLATE_NOOP("ModelText", "The client's host name, if the server looked it up."),
    QT_TRANSLATE_NOOP("ModelText", "The CGI version ('CGI/1.1'); CGI gateways set it."),
    QT_TRANSLATE_NOOP("ModelText", "The client's TCP port (not in RFC 3875; most servers add it)."),
    QT_TRANSLATE_NOOP("ModelText", "The request target exactly as sent, undecoded (mod_wsgi and "
                      "uWSGI add it; Werkzeug too)."),
    QT_TRANSLATE_NOOP("ModelText", "The request target exactly as sent (gunicorn's name; "
                      "Werkzeug adds it too)."),
    QT_TRANSLATE_NOOP("ModelText", "The WSGI version, the tuple (1, 0)."),
    QT_TRANSLATE_NOOP("ModelText", "'http' or 'https': the scheme the URL was requested with."),
    QT_TRANSLATE_NOOP("ModelText", "A file-like object to read the request body from (a buffered "
                      "reader on the socket here)."),
    QT_TRANSLATE_NOOP("ModelText", "A text stream for error output; Flask's logger writes "
                      "tracebacks to it. Werkzeug passes sys.stderr; the live trace swaps in a "
                      "buffer to keep that output with the trace."),
    QT_TRANSLATE_NOOP("ModelText", "True if other threads may call the app at the same time "
                      "(Werkzeug's threaded server)."),
    QT_TRANSLATE_NOOP("ModelText", "True if other processes may run the app at the same time."),
    QT_TRANSLATE_NOOP("ModelText", "True if the process handles one request and exits — the case "
                      "for CGI."),
    QT_TRANSLATE_NOOP("ModelText", "The body is chunked: read wsgi.input until it returns "
                      "nothing, ignoring CONTENT_LENGTH."),
    QT_TRANSLATE_NOOP("ModelText", "A server's fast path for sending files."),
    QT_TRANSLATE_NOOP("ModelText", "The connection's socket object, for upgrades such as "
                      "WebSocket."),
    QT_TRANSLATE_NOOP("ModelText", "The Request object Flask made for this environ (added by "
                      "Werkzeug's Request, not by the server)."),
    QT_TRANSLATE_NOOP("ModelText", "The debugger's hook to keep the contexts after an error."),
    QT_TRANSLATE_NOOP("ModelText", "The client's TLS certificate (PEM), when there is one."),
    QT_TRANSLATE_NOOP("ModelText", "A wsgi.* extension key."),
    QT_TRANSLATE_NOOP("ModelText", "Added by the server or middleware; not defined by PEP 3333."),
)

# simulation/chain_timeline.py (socket reads and writes, the all-layers HTTP steps),
# wsgi/flask_classic.py notes
SENTENCES: tuple[object, ...] = (
    QT_TRANSLATE_NOOP("ModelText", "The kernel has reassembled the TCP segments into a byte "
                      "stream; the server's buffered reader takes what has arrived."),
    QT_TRANSLATE_NOOP("ModelText", "PEP 3333: the status and headers given to start_response are "
                      "sent just before the first body bytes; TCP then cuts the stream into "
                      "segments."),
    QT_TRANSLATE_NOOP("ModelText", "Request line, header fields, an empty line, then the body: "
                      "the real bytes the client sent, parsed back."),
    QT_TRANSLATE_NOOP("ModelText", "The body ends where Content-Length says (or where the "
                      "connection closes); the client stores each Set-Cookie and sends it back "
                      "on later requests."),
    QT_TRANSLATE_NOOP("ModelText", "(none arrived)"),
    QT_TRANSLATE_NOOP("ModelText", "_app_ctx_stack.top is None: no app context yet, so one is "
                      "made."),
    QT_TRANSLATE_NOOP("ModelText", "Flask 1.x: auto_pop keeps the context after an error when "
                      "PRESERVE_CONTEXT_ON_EXCEPTION is on (debug mode), for the debugger; "
                      "removed in 2.2."),
    QT_TRANSLATE_NOOP("ModelText", "Flask 1.x: the first request runs the before_first_request "
                      "functions (the demo has none) and sets _got_first_request; removed in 2.3."),
)

# call_chain.py: FrameRole, Direction, EnvironCategory, ChainOrigin, WireChunk.part;
# wsgi/snapshot.py WsgiPhase; wsgi/environ.py _HEADER_NOTES
WORDS: tuple[object, ...] = (
    QT_TRANSLATE_NOOP("ModelText", "Flask API reference"),  # wsgi/frames.py: a frame's source
    QT_TRANSLATE_NOOP("ModelText", "server"),
    QT_TRANSLATE_NOOP("ModelText", "context"),
    QT_TRANSLATE_NOOP("ModelText", "session"),
    QT_TRANSLATE_NOOP("ModelText", "signal"),
    QT_TRANSLATE_NOOP("ModelText", "hook"),
    QT_TRANSLATE_NOOP("ModelText", "view"),
    QT_TRANSLATE_NOOP("ModelText", "error handler"),
    QT_TRANSLATE_NOOP("ModelText", "app"),
    QT_TRANSLATE_NOOP("ModelText", "other"),
    QT_TRANSLATE_NOOP("ModelText", "client → server"),
    QT_TRANSLATE_NOOP("ModelText", "server → client"),
    QT_TRANSLATE_NOOP("ModelText", "CGI variable"),
    QT_TRANSLATE_NOOP("ModelText", "HTTP header"),
    QT_TRANSLATE_NOOP("ModelText", "server extension"),
    QT_TRANSLATE_NOOP("ModelText", "Flask 1.x classic (from data)"),
    QT_TRANSLATE_NOOP("ModelText", "Flask (installed), traced live"),
    QT_TRANSLATE_NOOP("ModelText", "the server reads the request"),
    QT_TRANSLATE_NOOP("ModelText", "environ built"),
    QT_TRANSLATE_NOOP("ModelText", "start_response called"),
    QT_TRANSLATE_NOOP("ModelText", "the body is being sent"),
    QT_TRANSLATE_NOOP("ModelText", "the application is done"),
    QT_TRANSLATE_NOOP("ModelText", "status line and headers"),
    QT_TRANSLATE_NOOP("ModelText", "body"),
    QT_TRANSLATE_NOOP("ModelText", "the Host header: which site the client asked for (RFC 9110 "
                      "§7.2)"),
    QT_TRANSLATE_NOOP("ModelText", "the Cookie header: the cookies the client sends back (RFC "
                      "6265 §5.4)"),
    QT_TRANSLATE_NOOP("ModelText", "the User-Agent header: the client software (RFC 9110 §10.1.5)"),
    QT_TRANSLATE_NOOP("ModelText", "the Accept-Encoding header: codings the client accepts (RFC "
                      "9110 §12.5.3)"),
    QT_TRANSLATE_NOOP("ModelText", "the Accept header: media types the client prefers (RFC 9110 "
                      "§12.5.1)"),
    QT_TRANSLATE_NOOP("ModelText", "the Connection header (RFC 9110 §7.6.1)"),
    QT_TRANSLATE_NOOP("ModelText", "Your url_value_preprocessor."),
)

# simulation/chain_timeline.py headlines, wsgi/environ.py HTTP_* keys, wsgi/flask_classic.py,
# simulation/gateway_timeline.py stages and lanes
TEMPLATES: tuple[object, ...] = (
    # wsgi/frames.py: the Flask documentation a frame cites (the section's title as it is)
    QT_TRANSLATE_NOOP("ModelText", "Flask API reference: {section}"),
    QT_TRANSLATE_NOOP("ModelText", "Flask API reference {version}"),
    # timeline/server_lane.py: the frame the ladder's server lane names at the "now" line
    QT_TRANSLATE_NOOP("ModelText", "return {name}"),
    QT_TRANSLATE_NOOP("ModelText", "exception {name}"),
    QT_TRANSLATE_NOOP("ModelText", "Call {function}"),
    QT_TRANSLATE_NOOP("ModelText", "Call {function} — {summary}"),
    QT_TRANSLATE_NOOP("ModelText", "Call your {role} {function}"),
    QT_TRANSLATE_NOOP("ModelText", "Call your {role} {function} — {summary}"),
    QT_TRANSLATE_NOOP("ModelText", "{function} returns {value}"),
    QT_TRANSLATE_NOOP("ModelText", "{exception} — in {function}"),
    QT_TRANSLATE_NOOP("ModelText", "The server reads {size} bytes from the socket: {first}…"),
    QT_TRANSLATE_NOOP("ModelText", "The server writes {size} bytes ({part}) to the socket"),
    QT_TRANSLATE_NOOP("ModelText", "The client writes the request: {request_line}"),
    QT_TRANSLATE_NOOP("ModelText", "The client reads the response: {start_line}"),
    QT_TRANSLATE_NOOP("ModelText", "One variable per request header: {note}. CGI spells it in "
                      "upper case with '-' → '_' and the prefix HTTP_."),
    QT_TRANSLATE_NOOP("ModelText", "the {name} request header"),
    QT_TRANSLATE_NOOP("ModelText", "The status line '{status}' and the headers go out now, just "
                      "before the first body bytes — after teardown already ran."),
    QT_TRANSLATE_NOOP("ModelText", "{stage}: CGI — {cgi}; FastCGI — {fastcgi}; WSGI — {wsgi}"),
    QT_TRANSLATE_NOOP("ModelText", "CGI: {cgi} FastCGI: {fastcgi} WSGI: {wsgi}"),
    QT_TRANSLATE_NOOP("ModelText", "{function} leaves by exception ({exception})"),
    QT_TRANSLATE_NOOP("ModelText", "{exception} — caught here — in {function}"),
    QT_TRANSLATE_NOOP("ModelText", "{function} raises {exception}: the iteration is over"),
    QT_TRANSLATE_NOOP("ModelText", "{method} {path} → the demo app"),
    QT_TRANSLATE_NOOP("ModelText", "Your {name} hook."),
    QT_TRANSLATE_NOOP("ModelText", "Your view function for endpoint '{endpoint}'."),
    QT_TRANSLATE_NOOP("ModelText", "Your error handler for {exception}."),
    QT_TRANSLATE_NOOP("ModelText", "{gateway}: {actor} → {channel}"),
)
