"""A real CGI request: a new Python process serves the Flask app through wsgiref's CGIHandler.

Theory of operation
-------------------
CGI (RFC 3875) is easy to do for real: start a process with the request's meta-variables as
its environment and the body on stdin, read the CGI response it writes on stdout. The process
here is ``sys.executable`` running a few lines that import the app file (the demo unless told
otherwise — a learner's file is their code and runs) and hand it to the standard library's
``wsgiref.handlers.CGIHandler`` — the CGI-to-WSGI gateway that builds ``environ`` from
``os.environ``. One request, one process, which exits: the point of the lesson.

``run_cgi`` returns the environment it gave, the stdin and the stdout bytes exactly, the
process's exit status and its stderr; ``cgi_lesson`` puts that real stdout into the CGI lane
of ``wsgi.gateways.gateway_lesson``. A process that outlives ``time_limit`` is killed and
reported, never waited for forever.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from simulator.models.wsgi.gateways import (
    GatewayLesson,
    GatewayRequest,
    GatewayResponse,
    cgi_meta_variables,
    gateway_lesson,
)
from simulator.net.live.app_loader import DEMO_APP, TraceError

# Runs in the child: import the app file by path, find the app as `flask --app` would, and
# serve exactly one request through the standard library's CGI gateway.
_CHILD = """
import importlib.util, sys
from wsgiref.handlers import CGIHandler
from flask.cli import find_best_app
path = sys.argv[1]
spec = importlib.util.spec_from_file_location("cgi_app", path)
module = importlib.util.module_from_spec(spec)
sys.modules["cgi_app"] = module
spec.loader.exec_module(module)
CGIHandler().run(find_best_app(module))
"""
_KEEP_ENV = ("PATH", "SYSTEMROOT", "LANG", "LC_ALL", "PYTHONPATH", "VIRTUAL_ENV")


@dataclass(frozen=True)
class CgiRun:
    environment: tuple[tuple[str, str], ...]  # the CGI meta-variables given to the process
    stdin: bytes
    stdout: bytes
    stderr: str
    exit_status: int
    response: GatewayResponse | None  # parsed from stdout (RFC 3875 §6), if it was one


def parse_cgi_response(stdout: bytes) -> GatewayResponse | None:
    """Header lines up to the first empty line, 'Status:' giving the status (RFC 3875 §6.3)."""
    head, sep, body = stdout.partition(b"\r\n\r\n")
    if not sep:
        head, sep, body = stdout.partition(b"\n\n")
    if not sep:
        return None
    status = "200 OK"
    headers: list[tuple[str, str]] = []
    for line in head.decode("latin-1").splitlines():
        name, colon, value = line.partition(":")
        if not colon:
            return None
        if name.lower() == "status":
            status = value.strip()
        else:
            headers.append((name.strip(), value.strip()))
    return GatewayResponse(status, tuple(headers), body)


def run_cgi(request: GatewayRequest | None = None, *, app_file: str | None = None,
            time_limit: float = 30.0) -> CgiRun:
    request = request or GatewayRequest()
    path = Path(app_file) if app_file else DEMO_APP
    if not path.is_file():
        raise TraceError(f"{path}: no such file")
    meta = cgi_meta_variables(request)
    env = {k: v for k, v in os.environ.items() if k in _KEEP_ENV}
    env.update(meta)
    try:
        done = subprocess.run([sys.executable, "-c", _CHILD, str(path.resolve())],
                              input=request.body, capture_output=True, env=env,
                              timeout=time_limit, check=False)
    except subprocess.TimeoutExpired:
        raise TraceError(f"the CGI process did not finish within {time_limit:g} s "
                         "and was killed") from None
    return CgiRun(meta, request.body, done.stdout, done.stderr.decode("utf-8", "replace"),
                  done.returncode, parse_cgi_response(done.stdout))


def cgi_lesson(request: GatewayRequest | None = None, *,
               app_file: str | None = None) -> tuple[GatewayLesson, CgiRun]:
    """The CGI / FastCGI / WSGI lesson with the response of a real CGI run in every lane."""
    run = run_cgi(request, app_file=app_file)
    if run.response is None:
        raise TraceError(f"the CGI process wrote no CGI response (exit status "
                         f"{run.exit_status}): {run.stderr.strip().splitlines()[-1:] or ''}")
    return gateway_lesson(request, run.response, cgi_stdout=run.stdout), run
