"""Trace a real request through a real Flask app on a real WSGI server, on 127.0.0.1.

Theory of operation
-------------------
``trace_requests`` loads the app (``live.app_loader``: the demo, or the learner's file — which
runs), serves it with Werkzeug's own development server (``werkzeug.serving.make_server``) on
127.0.0.1 and an ephemeral port, in a thread of this process, and sends each request with
``http.client`` from the calling thread, carrying cookies from one response to the next
request with ``http.cookiejar`` (RFC 6265 rules, not ours). The serving thread installs a
``FrameRecorder`` with ``sys.settrace`` around ``server.handle_request()``, one recorder per
request, so each request's call chain, environ, ``start_response`` call and socket bytes are
recorded as they really happen (PEP 3333's server and application sides both run here).
``keep_all`` records every Python frame of the serving thread instead of the teaching set;
``validate`` runs the app under ``wsgiref.validate.validator`` (``live.validate``), and the
environ is always checked with ``wsgiref.validate.check_environ`` (deviations become notes and
``EnvironEntry.problem``: Werkzeug passes REMOTE_PORT as an int).

Bad input never ends in a traceback:

* an app that cannot be loaded raises ``TraceError`` (nothing is served);
* a view that raises is Flask's business: it answers 500 (or the app's error handler does),
  and the chain shows ``handle_user_exception``/``handle_exception``; Flask's logged traceback
  is kept in ``LiveTrace.errors_log``;
* a request that takes longer than ``time_limit`` seconds is interrupted: an exception
  (``TraceTimeLimit``) is raised asynchronously in the serving thread, which unwinds the app
  (teardown still runs), the trace so far is returned with ``error`` set, and the server's
  socket is closed. Code blocked inside a C call (``time.sleep``, a lock) cannot be
  interrupted; its thread is then abandoned (it is a daemon thread) and the error says so.
"""

from __future__ import annotations

import ctypes
import http.client
import http.cookiejar
import importlib.metadata
import io
import logging
import sys
import threading
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import h11
from werkzeug.serving import BaseWSGIServer, make_server

from simulator.models.wsgi.call_chain import CallChain, ChainOrigin, FrameEvent, WireChunk
from simulator.models.wsgi.environ import explain_environ
from simulator.net.live.app_loader import (
    LEARNER_CODE_WARNING,
    LoadedApp,
    TraceError,
    load_app,
    on_sys_path,
)
from simulator.net.live.recorder import FrameRecorder
from simulator.net.live.validate import environ_problems, validated
from simulator.net.live.wire import ServeState, recording_handler

__all__ = ["LEARNER_CODE_WARNING", "LiveTrace", "TraceError", "TraceRequest", "TraceTimeLimit",
           "trace_request", "trace_requests"]

HOST = "127.0.0.1"
DEFAULT_TIME_LIMIT = 10.0
_JOIN_GRACE = 2.0


class TraceTimeLimit(BaseException):
    """Raised inside the serving thread when a request overruns the time limit.

    A BaseException, so that neither Flask nor Werkzeug turns it into a 500 response: it
    unwinds the app (running ``finally`` blocks and teardown) and ends the serving thread."""


@dataclass(frozen=True)
class TraceRequest:
    method: str = "GET"
    path: str = "/"
    data: bytes | None = None
    headers: tuple[tuple[str, str], ...] = ()
    content_type: str = "application/x-www-form-urlencoded"


@dataclass(frozen=True)
class RequestHead:
    """The request as it crossed the socket, parsed back with h11 (RFC 9112)."""

    method: str
    target: str
    version: str
    headers: tuple[tuple[str, str], ...]
    body: bytes


@dataclass(frozen=True)
class ClientResponse:
    """The response as the client (http.client) read it."""

    version: str
    status: int
    reason: str
    headers: tuple[tuple[str, str], ...]
    body: bytes


@dataclass(frozen=True)
class LiveTrace:
    chain: CallChain
    request: TraceRequest
    sent: RequestHead | None  # None if the server never read a whole request head
    response: ClientResponse | None
    error: str | None  # the trace is incomplete: why (time limit, connection failure)
    notes: tuple[str, ...]  # e.g. "the view raised ...; Flask answered 500"
    raw_environ: dict[str, object] | None  # the environ dict itself (for wsgiref.validate)
    server_address: tuple[str, int]
    client_address: tuple[str, int] | None
    errors_log: str  # what the app logged with app.logger (Flask logs tracebacks there)
    wsgi_errors: str  # what was written to environ["wsgi.errors"]
    server_log: tuple[str, ...]  # Werkzeug's access and error log lines
    app_file: str
    is_demo: bool
    versions: dict[str, str] = field(default_factory=dict)


def versions() -> dict[str, str]:
    out = {"python": sys.version.split()[0]}
    for dist in ("flask", "werkzeug"):
        try:
            out[dist] = importlib.metadata.version(dist)
        except importlib.metadata.PackageNotFoundError:
            out[dist] = "not installed"
    return out


def trace_request(request: TraceRequest | None = None, *, app_file: str | None = None,
                  keep_all: bool = False, time_limit: float = DEFAULT_TIME_LIMIT,
                  validate: bool = False) -> LiveTrace:
    """Serve the app, send one request, return its trace. Raises TraceError if the app
    cannot be loaded; a failing request gives a LiveTrace with ``error`` set."""
    return trace_requests([request or TraceRequest()], app_file=app_file, keep_all=keep_all,
                          time_limit=time_limit, validate=validate)[0]


def trace_requests(requests: Sequence[TraceRequest], *, app_file: str | None = None,
                   keep_all: bool = False, time_limit: float = DEFAULT_TIME_LIMIT,
                   validate: bool = False) -> tuple[LiveTrace, ...]:
    """Several requests to one app and server, cookies carried from each response to the next
    request (http.cookiejar). Stops after the first request that fails."""
    loaded = load_app(app_file)
    try:
        with on_sys_path(str(Path(loaded.file).parent)):
            return _Session(loaded, keep_all, time_limit, validate).run(requests)
    finally:
        loaded.unload()


class _Session:
    def __init__(self, loaded: LoadedApp, keep_all: bool, time_limit: float,
                 validate: bool) -> None:
        self.loaded = loaded
        self.keep_all = keep_all
        self.time_limit = time_limit
        self.state = ServeState()
        wsgi_app = validated(loaded.app) if validate else loaded.app
        self.server: BaseWSGIServer = make_server(
            HOST, 0, wsgi_app, request_handler=recording_handler(self.state, time_limit))
        self.server.timeout = time_limit  # handle_request() waits this long for a client
        # Keep the server's own error messages with the trace instead of on stderr.
        setattr(self.server, "log", self._server_log)  # noqa: B010 - instance override
        setattr(self.server, "handle_error", self._handle_error)  # noqa: B010
        self.jar = http.cookiejar.CookieJar()
        self.versions = versions()
        # Flask's own logger: its default handler writes to wsgi.errors only when no other
        # handler is configured, so listen on the logger itself.
        self.app_log = _ListHandler()
        self.app_log.setFormatter(logging.Formatter("%(levelname)s in %(module)s: %(message)s"))

    def _server_log(self, type: str, message: str, *args: Any) -> None:
        self.state.log.append(f"{type}: {message % args if args else message}")

    def _handle_error(self, request: Any, client_address: Any) -> None:
        error = sys.exc_info()[1]
        self.state.log.append(f"error: {type(error).__name__}: {error}")

    def run(self, requests: Sequence[TraceRequest]) -> tuple[LiveTrace, ...]:
        out: list[LiveTrace] = []
        logger = getattr(self.loaded.app, "logger", None)
        if isinstance(logger, logging.Logger):
            logger.addHandler(self.app_log)
        try:
            for request in requests:
                trace = self._one(request)
                out.append(trace)
                if trace.error is not None:
                    break
        finally:
            self.server.server_close()
            if isinstance(logger, logging.Logger):
                logger.removeHandler(self.app_log)
        return tuple(out)

    def _one(self, request: TraceRequest) -> LiveTrace:
        recorder = FrameRecorder(self.loaded.roles, keep_all=self.keep_all)
        self.state.recorder = recorder
        self.state.errors = io.StringIO()
        self.state.log = []
        self.app_log.lines.clear()
        outcome: dict[str, BaseException | None] = {"error": None}
        thread = threading.Thread(target=_serve_one, args=(self.server, recorder, outcome),
                                  name="live-trace-server", daemon=True)
        thread.start()
        response, client_address, error = self._send(request)
        thread.join(self.time_limit if error is None else 0.2)
        if thread.is_alive():
            error = error or f"the app did not finish within {self.time_limit:g} s"
            _interrupt(thread)
            thread.join(_JOIN_GRACE)
            if thread.is_alive():
                error += (" and is blocked in a call Python cannot interrupt (sleep, lock, "
                          "socket); its thread is left behind and the server socket closed")
            else:
                error += "; it was interrupted (teardown ran) and the server shut down"
        elif isinstance(outcome["error"], TraceTimeLimit):
            error = error or f"the app did not finish within {self.time_limit:g} s"
        elif outcome["error"] is not None and error is None:
            error = f"the server failed: {type(outcome['error']).__name__}: {outcome['error']}"
        return self._result(request, recorder, response, client_address, error)

    def _send(self, request: TraceRequest) -> tuple[ClientResponse | None,
                                                      tuple[str, int] | None, str | None]:
        port = self.server.server_address[1]
        url = f"http://{HOST}:{port}{request.path}"
        headers = dict(request.headers)
        if request.data is not None and not any(k.lower() == "content-type" for k in headers):
            headers["Content-Type"] = request.content_type
        req = urllib.request.Request(url, method=request.method)
        self.jar.add_cookie_header(req)  # RFC 6265 §5.4, as http.cookiejar implements it
        cookie = req.get_header("Cookie")
        if cookie is not None:
            headers["Cookie"] = cookie
        conn = http.client.HTTPConnection(HOST, port, timeout=self.time_limit)
        client_address = None
        try:
            conn.connect()
            assert conn.sock is not None
            client_address = conn.sock.getsockname()[:2]
            conn.request(request.method, request.path, body=request.data, headers=headers)
            resp = conn.getresponse()
            body = resp.read()
            self.jar.extract_cookies(resp, req)
            version = {10: "HTTP/1.0", 11: "HTTP/1.1"}.get(resp.version, "HTTP/?")
            return (ClientResponse(version, resp.status, resp.reason,
                                   tuple(resp.getheaders()), body), client_address, None)
        except TimeoutError:
            return None, client_address, (f"no response within {self.time_limit:g} s "
                                          "(time limit)")
        except (OSError, ValueError, http.client.HTTPException) as error:  # ValueError: bad URL
            return None, client_address, f"the request failed: {error or type(error).__name__}"
        finally:
            conn.close()

    def _result(self, request: TraceRequest, recorder: FrameRecorder,
                response: ClientResponse | None, client_address: tuple[str, int] | None,
                error: str | None) -> LiveTrace:
        events, wire = recorder.snapshot()
        sent = parse_request_head(b"".join(w.data for w in wire if w.direction.name == "IN"))
        environ = recorder.environ
        problems = environ_problems(environ) if environ is not None else {}
        notes = _notes(events, response, self.state.log, recorder.truncated) + tuple(
            f"environ: {key + ' is ' if key else ''}{text}" for key, text in problems.items())
        chain = CallChain(
            title=_title(request, self.loaded),
            origin=ChainOrigin.LIVE,
            flask_version=self.versions["flask"], werkzeug_version=self.versions["werkzeug"],
            events=events,
            environ=explain_environ(
                recorder.environ_text, problems={k: v for k, v in problems.items() if k},
                types={k: type(v).__name__ for k, v in (environ or {}).items()}),
            start_response=recorder.start_response,
            response_iterable=recorder.response_iterable,
            wire=wire,
            request_line=_request_line(wire),
            complete=error is None and not recorder.truncated,
            problems=((error,) if error else ()) + notes,
            filtered=not self.keep_all,
            app_file=self.loaded.file)
        return LiveTrace(
            chain=chain, request=request, sent=sent, response=response, error=error,
            notes=notes, raw_environ=environ, server_address=(HOST, self.server.port),
            client_address=client_address, errors_log="\n".join(self.app_log.lines),
            wsgi_errors=self.state.errors.getvalue(),
            server_log=tuple(self.state.log), app_file=self.loaded.file,
            is_demo=self.loaded.is_demo, versions=self.versions)


class _ListHandler(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))


def _serve_one(server: BaseWSGIServer, recorder: FrameRecorder,
               outcome: dict[str, BaseException | None]) -> None:
    previous = sys.gettrace()
    sys.settrace(recorder.trace)
    try:
        server.handle_request()
    except BaseException as error:
        outcome["error"] = error
    finally:
        sys.settrace(previous)


def _interrupt(thread: threading.Thread) -> None:
    """Raise TraceTimeLimit in ``thread`` at its next Python instruction (CPython API)."""
    if thread.ident is None:
        return
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread.ident),
                                               ctypes.py_object(TraceTimeLimit))


def parse_request_head(data: bytes) -> RequestHead | None:
    """Parse the bytes the server read with h11; None if they hold no complete head."""
    conn = h11.Connection(h11.SERVER)
    conn.receive_data(data)
    body = b""
    try:
        event = conn.next_event()
        if not isinstance(event, h11.Request):
            return None
        while True:
            more = conn.next_event()
            if isinstance(more, h11.Data):
                body += bytes(more.data)
            else:
                break
    except h11.RemoteProtocolError:
        return None
    return RequestHead(event.method.decode("ascii", "replace"),
                       event.target.decode("ascii", "replace"),
                       "HTTP/" + event.http_version.decode("ascii"),
                       tuple((n.decode("latin-1"), v.decode("latin-1"))
                             for n, v in event.headers.raw_items()), body)


def _request_line(wire: Sequence[WireChunk]) -> str:
    data = b"".join(w.data for w in wire if w.direction.name == "IN")
    return data.split(b"\r\n", 1)[0].decode("latin-1") if data else ""


def _title(request: TraceRequest, loaded: LoadedApp) -> str:
    where = "the demo app" if loaded.is_demo else loaded.file.rpartition("/")[2]
    return f"{request.method} {request.path} → {where}"


def _notes(events: Sequence[FrameEvent], response: ClientResponse | None, log: Sequence[str],
           truncated: bool) -> tuple[str, ...]:
    notes: list[str] = []
    raised = next((e for e in events if e.kind.value == "exception" and e.role.is_app_code
                   and e.exception != TraceTimeLimit.__name__), None)
    if raised is not None:
        answer = (f"answered {response.status} {response.reason}" if response
                  else "did not answer")
        handler = next((e for e in events[raised.index:] if e.kind.value == "call"
                        and e.role.value == "error handler"), None)
        if handler is not None:
            by = f"your error handler {handler.short_name} (via handle_user_exception)"
        elif any(e.function.endswith("Flask.handle_exception") for e in events):
            by = "Flask's handle_exception (traceback in the error log)"
        else:
            by = "Flask"
        notes.append(f"{raised.short_name} raised {raised.exception}; {by} {answer}")
    notes.extend(line for line in log if line.startswith("error:"))
    if truncated:
        notes.append("too many frames: the trace stops after the first "
                     f"{len(events)} events")
    return tuple(notes)
