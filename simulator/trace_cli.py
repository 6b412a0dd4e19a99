"""``protocol-sim trace``: a request's WSGI call chain, traced live (or the Flask 1.x classic).

    protocol-sim trace [--app FILE] [--method M] [--path P] [--data D] [--json] [--all]
    protocol-sim trace --classic [--path / | /boom] [--json]

Without ``--app`` the bundled demo app (``simulator/demo_app.py``) is served; with it, the
learner's file is imported and served — it is their code and it runs (a note on stderr says
so). The output is one JSON document (``--json``) with the keys ``flask_version``,
``request``, ``environ``, ``start_response`` and ``frames``, or an indented chain. Headless: no
Qt is imported. An app that cannot be loaded is one line on stderr and exit status 1; a request
that fails or overruns ``--time-limit`` prints the trace so far, then one line on stderr, and
exits 1.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from typing import Any
from urllib.parse import quote

from simulator.models.wsgi.call_chain import CallChain, FrameEventKind
from simulator.models.wsgi.flask_classic import classic_chain
from simulator.models.wsgi.json_form import chain_json

PROG = "protocol-sim trace"


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog=PROG,
        description="Serve a Flask app with Werkzeug's WSGI server on 127.0.0.1, send it one "
                    "real request and print the call chain the request ran through.")
    p.add_argument("--app", metavar="FILE",
                   help="your Flask app file (it will be imported and run); default: the demo")
    p.add_argument("--method", default=None, metavar="M",
                   help="request method (default GET, or POST with --data)")
    p.add_argument("--path", default="/", metavar="P", help="request target (default /)")
    p.add_argument("--data", default=None, metavar="D",
                   help="request body, sent as application/x-www-form-urlencoded")
    p.add_argument("--json", action="store_true", help="print one JSON document")
    p.add_argument("--all", action="store_true",
                   help="keep every Python frame, not only the ones that teach")
    p.add_argument("--context", action="store_true",
                   help="with --json: add the Flask context state after every frame event")
    p.add_argument("--validate", action="store_true",
                   help="run the app under wsgiref.validate (PEP 3333 checks on both sides)")
    p.add_argument("--time-limit", type=float, default=10.0, metavar="S",
                   help="seconds the request may take before it is interrupted (default 10)")
    p.add_argument("--classic", action="store_true",
                   help="print the Flask 1.x classic chain (from data) instead of tracing")
    return p


def _print(text: str) -> None:
    try:
        print(text, flush=True)
    except BrokenPipeError:  # e.g. `trace | head`: the reader left; stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _error(message: str) -> int:
    print(f"{PROG}: error: {message}", file=sys.stderr)
    return 1


def run_trace(argv: Sequence[str]) -> int:
    args = _parser().parse_args(argv)
    if args.classic:
        return _classic(args)
    if args.time_limit <= 0:
        return _error("--time-limit must be a positive number of seconds")
    from simulator.net.live.trace import (
        LEARNER_CODE_WARNING,
        TraceError,
        TraceRequest,
        trace_request,
    )

    method = (args.method or ("POST" if args.data is not None else "GET")).upper()
    if not args.path.startswith("/"):
        return _error(f"--path {args.path!r} must start with '/'")
    # as a browser does: percent-encode what may not appear in a request target (RFC 3986)
    path = quote(args.path, safe="/?&=%:@!$'()*+,;~-._#[]")
    if args.app:
        print(f"note: {LEARNER_CODE_WARNING}", file=sys.stderr)
    request = TraceRequest(method, path,
                           None if args.data is None else args.data.encode("utf-8"))
    try:
        trace = trace_request(request, app_file=args.app, keep_all=args.all,
                              time_limit=args.time_limit, validate=args.validate)
    except TraceError as error:
        return _error(str(error))
    doc = _document(trace.chain, context=args.context)
    doc["request"] = {
        "method": request.method, "path": request.path,
        "headers": [list(h) for h in trace.sent.headers] if trace.sent else [],
        "body": trace.sent.body.decode("utf-8", "replace") if trace.sent else "",
    }
    doc["response"] = None if trace.response is None else {
        "version": trace.response.version, "status": trace.response.status,
        "reason": trace.response.reason, "headers": [list(h) for h in trace.response.headers],
        "body": trace.response.body.decode("utf-8", "replace")}
    frames = doc.pop("frames")
    doc.update(app=trace.app_file, demo=trace.is_demo, python_version=trace.versions["python"],
               error=trace.error, notes=list(trace.notes), errors_log=trace.errors_log,
               server=f"{trace.server_address[0]}:{trace.server_address[1]}", frames=frames)
    if args.json:
        _print(json.dumps(doc, indent=2, ensure_ascii=False))
    else:
        _print(_readable(trace.chain, doc))
    if trace.error:
        return _error(f"{trace.error} (the trace so far is printed above)")
    return 0


def _classic(args: argparse.Namespace) -> int:
    if args.app or args.data is not None or (args.method or "GET").upper() != "GET":
        return _error("--classic shows the demo app's GET / and GET /boom from data; "
                      "--app, --method and --data apply to live traces")
    try:
        chain = classic_chain(args.path)
    except ValueError as error:
        return _error(str(error))
    doc = _document(chain, context=args.context)
    doc["request"] = {"method": "GET", "path": args.path, "headers": [], "body": ""}
    if args.json:
        _print(json.dumps(doc, indent=2, ensure_ascii=False))
    else:
        _print(_readable(chain, doc))
    return 0


def _document(chain: CallChain, *, context: bool) -> dict[str, Any]:
    body = chain_json(chain, with_context=context)
    # the keys first, then the rest
    head = {k: body.pop(k) for k in ("flask_version", "environ", "start_response", "frames")}
    return {"flask_version": head["flask_version"], "request": {}, "environ": head["environ"],
            "start_response": head["start_response"], **body, "frames": head["frames"]}


def _readable(chain: CallChain, doc: dict[str, Any]) -> str:
    lines = [f"{chain.title} — {chain.origin.value}",
             f"Flask {chain.flask_version}, Werkzeug {chain.werkzeug_version}"]
    if doc.get("app"):
        lines.append(f"app: {doc['app']}")
    if chain.request_line:
        lines.append(f"request: {chain.request_line}")
    lines.append(f"environ ({len(chain.environ)} keys, as the server built it):")
    for entry in chain.environ:
        problem = f"   ⚠ {entry.problem}" if entry.problem else ""
        shown = (repr(entry.value) if entry.python_type == "str"
                 else f"{entry.value} ({entry.python_type})")
        lines.append(f"  {entry.key} = {shown}{problem}")
    shown = "every frame" if not chain.filtered else "the frames that teach; --all for every one"
    lines.append(f"call chain ({len(chain.events)} events, {shown}):")
    for e in chain.events:
        pad = "  " * (e.depth + 1)
        if e.kind is FrameEventKind.CALL:
            lines.append(f"{pad}→ {e.function}{_args(e.summary)}   [{_where(e.file)}:{e.line}]")
        elif e.kind is FrameEventKind.EXCEPTION:
            lines.append(f"{pad}  ! {e.summary}")
        else:
            lines.append(f"{pad}← {e.short_name} {e.summary}")
        for change in e.changes:
            lines.append(f"{pad}  ⇄ {change.label}")
    start = chain.start_response
    if start is not None:
        lines.append(f"start_response({start.status!r}, [{len(start.headers)} headers])")
        lines.extend(f"  {k}: {v}" for k, v in start.headers)
    if chain.response_iterable:
        lines.append(f"response iterable: {chain.response_iterable}")
    for w in chain.wire:
        lines.append(f"socket {w.direction.value}: {len(w.data)} bytes ({w.part}) after event "
                     f"{w.after_event - 1}")
    response = doc.get("response")
    if response:
        lines.append(f"response: {response['version']} {response['status']} "
                     f"{response['reason']}, body {response['body']!r}")
    lines.extend(f"note: {n}" for n in doc.get("notes", []))
    return "\n".join(lines)


def _args(summary: str) -> str:
    return summary if summary.startswith("(") else f" — {summary}"


def _where(file: str) -> str:
    parts = file.replace("\\", "/").split("/")
    return "/".join(parts[-2:])
