"""The classic Flask 1.x request path (FLASK_CHAIN.md), as data, for the demo app's request.

Theory of operation
-------------------
Most tutorials and study notes teach Flask 1.1 (with Werkzeug 1.0): contexts on per-thread
stacks (``_app_ctx_stack``, ``_request_ctx_stack``, Werkzeug ``LocalStack``s),
``before_first_request``, ``ctx.auto_pop``. That code is not what ``pip install flask`` gives
today, so it cannot be traced; it is written as a tree of ``Call``s
(``flask_classic_tree``) — the same functions, in the same order, that a trace of Flask
1.1.4 shows — for the same requests the live trace makes to ``simulator/demo_app.py``:
``GET /`` and the error path ``GET /boom``.

``classic_chain`` walks the tree into ``FrameEvent``s, applying each call's context
``Op``s as it is entered or left, with the same ``ContextState``/``ContextChange`` types the
live trace uses, so one view shows both and a learner can compare them step by step. A
frame's "source" is the function's outline in words (``flask_classic_outlines``).
"""

from __future__ import annotations

from dataclasses import replace

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
from simulator.models.wsgi.flask_classic_outlines import OUTLINE_FILE, OUTLINES
from simulator.models.wsgi.flask_classic_tree import ERROR_TEXT, Call, Op, OpKind, classic_tree
from simulator.models.wsgi.frames import frame_info

FLASK_VERSION = "1.1.4"
WERKZEUG_VERSION = "1.0.1"
DEMO_FILE = "simulator/demo_app.py"


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
