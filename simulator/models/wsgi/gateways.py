"""CGI, FastCGI and WSGI side by side: one request handed to an application three ways.

Theory of operation
-------------------
The three interfaces answer one question — how does a web server hand a request to a program
and get the response back? — in three generations:

* **CGI** (RFC 3875): the server starts a *new process per request*; the request travels as
  the process's environment variables (the meta-variables of §4.1: REQUEST_METHOD,
  PATH_INFO, QUERY_STRING, CONTENT_LENGTH, HTTP_*...) and its body on stdin (§4.2); the
  program writes a CGI response on stdout — header lines including ``Status:``, an empty line,
  the body (§6) — and exits.
* **FastCGI** (FastCGI Specification 1.0): the application is a *persistent process*; the
  server talks to it over a socket in records (8-byte header: version, type, request id,
  content length, padding): FCGI_BEGIN_REQUEST, the same variables as name-value pairs in
  FCGI_PARAMS, the body in FCGI_STDIN; the answer comes back as FCGI_STDOUT (a CGI response)
  and FCGI_END_REQUEST. Empty PARAMS/STDIN/STDOUT records end each stream (§3.3, §5).
* **WSGI** (PEP 3333): server and application are Python in *one process*; the request is an
  ``environ`` dict holding the same CGI variables plus ``wsgi.*`` keys, handed over by a
  *function call* ``app(environ, start_response)``; the status and headers come back through
  ``start_response`` and the body as the returned iterable.

``gateway_lesson`` builds the three lanes for one request and its response as
``GatewayStep``s, each at one ``Stage`` so a view can animate the lanes in step: what each
side does, through which channel, what crosses it (with the real bytes for stdin/stdout and
the FastCGI records), which processes exist. The FastCGI records are encoded here by hand
(``fastcgi_record``): the standard library has no FastCGI, and the encoding is a few lines of
the specification. A real CGI run (``simulator.net.live.cgi_request``, Python's own
``wsgiref.handlers.CGIHandler`` in a subprocess) can supply the CGI lane's stdout.
"""

from __future__ import annotations

import enum
import struct
from collections.abc import Sequence
from dataclasses import dataclass

FCGI_VERSION_1 = 1
FCGI_RESPONDER = 1
FCGI_KEEP_CONN = 1
FCGI_REQUEST_COMPLETE = 0
MAX_CONTENT = 65535


class FcgiType(enum.IntEnum):
    """Record types, FastCGI Specification §8."""

    BEGIN_REQUEST = 1
    ABORT_REQUEST = 2
    END_REQUEST = 3
    PARAMS = 4
    STDIN = 5
    STDOUT = 6
    STDERR = 7


class Gateway(enum.Enum):
    CGI = "CGI"
    FASTCGI = "FastCGI"
    WSGI = "WSGI"

    @property
    def reference(self) -> str:
        return {"CGI": "RFC 3875", "FastCGI": "FastCGI Specification 1.0",
                "WSGI": "PEP 3333"}[self.value]


class Stage(enum.Enum):
    """The rows of the side-by-side view: the same moment in each lane."""

    ARRIVES = "the request arrives at the web server"
    START = "the application is made ready"
    HAND_OVER = "the request is handed over"
    RUN = "the application runs"
    RESPOND = "the response comes back"
    FINISH = "after the response"


@dataclass(frozen=True)
class Process:
    name: str
    alive: bool = True
    new: bool = False  # created at this step


@dataclass(frozen=True)
class Carried:
    """One thing crossing from server to application or back."""

    label: str
    data: bytes | None = None  # the bytes, when the channel carries bytes


@dataclass(frozen=True)
class GatewayStep:
    gateway: Gateway
    stage: Stage
    actor: str
    action: str
    channel: str
    carried: tuple[Carried, ...]
    processes: tuple[Process, ...]
    explanation: str
    reference: str


@dataclass(frozen=True)
class GatewayRequest:
    method: str = "GET"
    path: str = "/"
    query: str = ""
    headers: tuple[tuple[str, str], ...] = (("Host", "127.0.0.1:8080"),)
    body: bytes = b""
    server_name: str = "127.0.0.1"
    server_port: int = 8080
    remote_addr: str = "127.0.0.1"
    script_name: str = ""

    @property
    def request_line(self) -> str:
        target = self.path + (f"?{self.query}" if self.query else "")
        return f"{self.method} {target} HTTP/1.1"


@dataclass(frozen=True)
class GatewayResponse:
    status: str = "200 OK"
    headers: tuple[tuple[str, str], ...] = (("Content-Type", "text/plain; charset=utf-8"),)
    body: bytes = b"Hello!\n"


@dataclass(frozen=True)
class GatewayLesson:
    request: GatewayRequest
    response: GatewayResponse
    steps: tuple[GatewayStep, ...]  # stage by stage, CGI then FastCGI then WSGI

    def lane(self, gateway: Gateway) -> tuple[GatewayStep, ...]:
        return tuple(s for s in self.steps if s.gateway is gateway)

    def row(self, stage: Stage) -> tuple[GatewayStep, ...]:
        """The three lanes at one stage, in Gateway order."""
        return tuple(s for s in self.steps if s.stage is stage)

    @property
    def stages(self) -> tuple[Stage, ...]:
        return tuple(Stage)


# ---------------------------------------------------------------------- encodings
def cgi_meta_variables(request: GatewayRequest,
                       server_software: str = "ProtocolSimulator") -> tuple[tuple[str, str], ...]:
    """RFC 3875 §4.1 meta-variables for the request, in the RFC's order, then HTTP_*."""
    out = [("GATEWAY_INTERFACE", "CGI/1.1"), ("SERVER_SOFTWARE", server_software),
           ("SERVER_NAME", request.server_name), ("SERVER_PORT", str(request.server_port)),
           ("SERVER_PROTOCOL", "HTTP/1.1"), ("REQUEST_METHOD", request.method),
           ("SCRIPT_NAME", request.script_name), ("PATH_INFO", request.path),
           ("QUERY_STRING", request.query), ("REMOTE_ADDR", request.remote_addr)]
    if request.body:
        content_type = next((v for k, v in request.headers if k.lower() == "content-type"),
                            "application/x-www-form-urlencoded")
        out += [("CONTENT_TYPE", content_type), ("CONTENT_LENGTH", str(len(request.body)))]
    for name, value in request.headers:
        key = name.upper().replace("-", "_")
        if key not in ("CONTENT_TYPE", "CONTENT_LENGTH"):
            out.append((f"HTTP_{key}", value))  # §4.1.18
    return tuple(out)


def cgi_response(response: GatewayResponse) -> bytes:
    """A CGI response document (RFC 3875 §6): Status header, other headers, empty line, body."""
    lines = [f"Status: {response.status}"] + [f"{k}: {v}" for k, v in response.headers]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + response.body


def fastcgi_record(kind: FcgiType, request_id: int, content: bytes) -> bytes:
    """One record: the 8-byte header of §3.3, the content, padding to a multiple of 8."""
    if len(content) > MAX_CONTENT:
        raise ValueError("a FastCGI record holds at most 65535 bytes of content")
    padding = -len(content) % 8
    header = struct.pack(">BBHHBx", FCGI_VERSION_1, kind, request_id, len(content), padding)
    return header + content + b"\0" * padding


def fastcgi_stream(kind: FcgiType, request_id: int, data: bytes) -> tuple[bytes, ...]:
    """A stream (PARAMS, STDIN, STDOUT): records of data, then the empty record that ends it."""
    chunks = [data[i:i + MAX_CONTENT] for i in range(0, len(data), MAX_CONTENT)]
    return (*(fastcgi_record(kind, request_id, c) for c in chunks),
            fastcgi_record(kind, request_id, b""))


def fastcgi_name_value(name: str, value: str) -> bytes:
    """§3.4: each length in 1 byte if < 128, else 4 bytes with the high bit set."""
    def length(n: int) -> bytes:
        return bytes([n]) if n < 128 else struct.pack(">I", n | 0x80000000)

    n, v = name.encode("latin-1"), value.encode("latin-1")
    return length(len(n)) + length(len(v)) + n + v


def fastcgi_begin(request_id: int, keep_conn: bool = True) -> bytes:
    body = struct.pack(">HB5x", FCGI_RESPONDER, FCGI_KEEP_CONN if keep_conn else 0)
    return fastcgi_record(FcgiType.BEGIN_REQUEST, request_id, body)


def fastcgi_end(request_id: int, app_status: int = 0) -> bytes:
    body = struct.pack(">IB3x", app_status, FCGI_REQUEST_COMPLETE)
    return fastcgi_record(FcgiType.END_REQUEST, request_id, body)


def parse_fastcgi(data: bytes) -> tuple[tuple[FcgiType, int, bytes], ...]:
    """Records back from bytes: (type, request id, content) — to check what was encoded."""
    out = []
    pos = 0
    while pos + 8 <= len(data):
        version, kind, rid, length, padding = struct.unpack(">BBHHBx", data[pos:pos + 8])
        if version != FCGI_VERSION_1:
            raise ValueError(f"not a FastCGI version 1 record at byte {pos}")
        out.append((FcgiType(kind), rid, data[pos + 8:pos + 8 + length]))
        pos += 8 + length + padding
    return tuple(out)


# ---------------------------------------------------------------------- the lesson
def _records(name: str, end: str, records: Sequence[bytes]) -> tuple[Carried, ...]:
    return tuple(Carried(f"{name} {len(r) - 8} bytes" if len(r) > 8 else f"{name} (empty: {end})",
                         r) for r in records)


def _vars(pairs: Sequence[tuple[str, str]]) -> tuple[Carried, ...]:
    return tuple(Carried(f"{k}={v}") for k, v in pairs)


def gateway_lesson(request: GatewayRequest | None = None,
                   response: GatewayResponse | None = None, *,
                   cgi_stdout: bytes | None = None, request_id: int = 1) -> GatewayLesson:
    """The three lanes for one request; ``cgi_stdout``: what a real CGI run wrote, if any."""
    request = request or GatewayRequest()
    response = response or GatewayResponse()
    meta = cgi_meta_variables(request)
    stdout = cgi_response(response) if cgi_stdout is None else cgi_stdout
    web = Process("web server")
    line = request.request_line
    arrive = (Carried(line),)
    steps: list[GatewayStep] = []

    def add(g: Gateway, stage: Stage, actor: str, action: str, channel: str,
            carried: tuple[Carried, ...], processes: tuple[Process, ...], why: str,
            ref: str = "") -> None:
        steps.append(GatewayStep(g, stage, actor, action, channel, carried, processes, why,
                                 ref or g.reference))

    # ---- CGI: one new process per request
    cgi_proc = Process("python app.cgi")
    add(Gateway.CGI, Stage.ARRIVES, "web server", "reads the request", "TCP", arrive, (web,),
        "The web server parses the request and maps its path to a CGI script.",
        "RFC 3875 §3.3")
    add(Gateway.CGI, Stage.START, "web server", "fork() + exec() a new process for this request",
        "process creation", (), (web, Process(cgi_proc.name, new=True)),
        "Every request pays for a new process: the interpreter starts, imports the app, "
        "connects to the database... and all of it is thrown away afterwards.",
        "RFC 3875 §3.4")
    add(Gateway.CGI, Stage.HAND_OVER, "web server",
        "puts the request in the environment, the body on stdin",
        "environment variables + stdin",
        _vars(meta) + ((Carried("stdin", request.body),) if request.body else ()),
        (web, cgi_proc), "The meta-variables describe the request; the body (if any) is read "
        "from stdin, CONTENT_LENGTH bytes of it.", "RFC 3875 §4.1, §4.2")
    add(Gateway.CGI, Stage.RUN, cgi_proc.name, "reads os.environ and stdin, runs the app",
        "—", (), (web, cgi_proc), "Here the Python program can run a WSGI app through "
        "wsgiref.handlers.CGIHandler, which builds environ from os.environ.",
        "RFC 3875 §4; PEP 3333 (CGIHandler)")
    add(Gateway.CGI, Stage.RESPOND, cgi_proc.name, "writes a CGI response on stdout",
        "stdout", (Carried("stdout", stdout),), (web, cgi_proc),
        "Header lines (Status: gives the status), an empty line, the body; the web server "
        "turns it into an HTTP response.", "RFC 3875 §6")
    add(Gateway.CGI, Stage.FINISH, cgi_proc.name, "exits; the next request starts all over",
        "exit status", (Carried("exit 0"),), (web, Process(cgi_proc.name, alive=False)),
        "The end of stdout (the process exiting) ends the response.", "RFC 3875 §6.1")

    # ---- FastCGI: a persistent process, records on a socket
    worker = Process("FastCGI worker (python app.fcgi)")
    params = b"".join(fastcgi_name_value(k, v) for k, v in meta)
    begin = fastcgi_begin(request_id)
    params_records = fastcgi_stream(FcgiType.PARAMS, request_id, params)
    stdin_records = fastcgi_stream(FcgiType.STDIN, request_id, request.body)
    stdout_records = fastcgi_stream(FcgiType.STDOUT, request_id, stdout)
    end = fastcgi_end(request_id)
    add(Gateway.FASTCGI, Stage.ARRIVES, "web server", "reads the request", "TCP", arrive,
        (web, worker), "The worker was started once, before any request, and is already "
        "waiting on its socket.", "FastCGI Specification §2")
    add(Gateway.FASTCGI, Stage.START, "web server", "reuses the running worker (no new process)",
        "Unix or TCP socket", (), (web, worker),
        "No process start per request: the app is imported once and stays warm.",
        "FastCGI Specification §2.2")
    add(Gateway.FASTCGI, Stage.HAND_OVER, "web server",
        "sends BEGIN_REQUEST, PARAMS, STDIN records", "FastCGI records on the socket",
        (Carried(f"FCGI_BEGIN_REQUEST id={request_id} role=RESPONDER keep_conn", begin),
         *_records("FCGI_PARAMS", "end of params", params_records),
         *_records("FCGI_STDIN", "end of body", stdin_records)),
        (web, worker), "The same CGI variables, as length-prefixed name-value pairs; each "
        "stream ends with an empty record. The request id lets one connection carry several "
        "requests.", "FastCGI Specification §3.3, §3.4, §5.1")
    add(Gateway.FASTCGI, Stage.RUN, worker.name, "decodes the records, runs the app",
        "—", (), (web, worker), "A library such as flup turns the records into a WSGI environ "
        "and calls the app.", "FastCGI Specification §6.2")
    add(Gateway.FASTCGI, Stage.RESPOND, worker.name, "sends STDOUT records, then END_REQUEST",
        "FastCGI records on the socket",
        (*_records("FCGI_STDOUT", "end of output", stdout_records),
         Carried("FCGI_END_REQUEST appStatus=0 REQUEST_COMPLETE", end)),
        (web, worker), "STDOUT carries a CGI response; END_REQUEST closes this request id.",
        "FastCGI Specification §5.3, §5.5")
    add(Gateway.FASTCGI, Stage.FINISH, worker.name, "waits for the next request",
        "socket stays open (keep_conn)", (), (web, worker),
        "The process, its imports and its connections survive for the next request.",
        "FastCGI Specification §3.5")

    # ---- WSGI: one process, a function call
    server = Process("WSGI server (Python, app imported)")
    environ = (*meta[1:], ("wsgi.version", "(1, 0)"), ("wsgi.url_scheme", "http"),
               ("wsgi.input", "<stream>"), ("wsgi.errors", "<stream>"),
               ("wsgi.multithread", "False"), ("wsgi.multiprocess", "False"),
               ("wsgi.run_once", "False"))
    add(Gateway.WSGI, Stage.ARRIVES, "WSGI server", "reads the request", "TCP", arrive,
        (server,), "The server is itself a Python program that imported the app at start.",
        "PEP 3333: Specification Overview")
    add(Gateway.WSGI, Stage.START, "WSGI server", "nothing to start: the app object is in memory",
        "—", (), (server,), "The app is a callable object in the same process.",
        "PEP 3333: The Application/Framework Side")
    add(Gateway.WSGI, Stage.HAND_OVER, "WSGI server", "app(environ, start_response)",
        "a Python function call",
        (*(Carried(f"environ[{k!r}] = {v!r}") for k, v in environ),
         *((Carried("wsgi.input", request.body),) if request.body else ())), (server,),
        "The same CGI variables, now keys of a dict, plus the wsgi.* keys; the body is "
        "read from environ['wsgi.input'].", "PEP 3333: environ Variables")
    add(Gateway.WSGI, Stage.RUN, "application", "runs (Flask: contexts, hooks, the view)", "—",
        (), (server,), "The live trace shows this part frame by frame.",
        "PEP 3333: The Application/Framework Side")
    add(Gateway.WSGI, Stage.RESPOND, "application",
        f"start_response({response.status!r}, headers); return [body]", "return values",
        (Carried(f"status {response.status!r}"),
         *(Carried(f"header {k}: {v}") for k, v in response.headers),
         Carried("body iterable", response.body)), (server,),
        "Status and headers through start_response, the body as an iterable of bytes; the "
        "server writes the HTTP response.", "PEP 3333: The start_response() Callable")
    add(Gateway.WSGI, Stage.FINISH, "WSGI server", "calls close() on the iterable, serves the "
        "next request", "—", (), (server,),
        "Nothing ends but the call: the process and the app object live on.",
        "PEP 3333: The Server/Gateway Side")
    order = {stage: i for i, stage in enumerate(Stage)}
    lanes = {g: i for i, g in enumerate(Gateway)}
    steps.sort(key=lambda s: (order[s.stage], lanes[s.gateway]))
    return GatewayLesson(request, response, tuple(steps))
