"""A WSGI call chain: the frames a request runs through inside the server, as data.

Theory of operation
-------------------
A ``CallChain`` is what happened between "the server has read a request" and "the response
has left": an ordered tuple of ``FrameEvent``s, each a function being entered (``CALL``), left
(``RETURN``) or crossed by an exception (``EXCEPTION``), in the order Python ran them. Every
event carries what a view needs to draw that instant without asking anything else:

* the function's qualified name (``flask.app.Flask.wsgi_app``), file, line and its depth among
  the recorded frames, and a ``FrameRole`` (server, Flask, Werkzeug, the app's hook or view…);
* a short summary of the arguments (on ``CALL``) or of the return value / exception;
* the Flask context state *after* the event (``ContextState``: the active app and request
  contexts, ``g``, the session) and the context changes the event made (``ContextChange``:
  pushes and pops of ``_app_ctx_stack``/``_request_ctx_stack`` in Flask < 2.2, sets and resets
  of the ``_cv_app``/``_cv_request`` context variables since);
* the source of the function (``SourceBlock``), read by whoever recorded the chain — the model
  does no I/O — and an explanation with its reference (PEP 3333, Flask's docs).

Around the events the chain keeps the WSGI handshake itself (PEP 3333): the ``environ`` the
server built (``EnvironEntry``, each key explained — see ``wsgi.environ``), the
``start_response(status, headers)`` call, the type of the response iterable, and the bytes
that crossed the socket (``WireChunk``), each placed after the event that preceded it, so
"when is the body sent?" has an exact answer.

Two sources make chains: ``flask_classic`` (the Flask 1.x path, from data) and the live tracer
in ``simulator.net.live.trace`` (a real request to a real server). ``stack_at(i)`` replays the
events to give the frames alive after event ``i`` — the growing and shrinking stack a view
draws — with each frame's current line.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from functools import cached_property


class FrameEventKind(enum.Enum):
    CALL = "call"
    RETURN = "return"
    EXCEPTION = "exception"


class FrameRole(enum.Enum):
    """Who a frame belongs to: lets a view colour the chain by layer."""

    SERVER = "server"  # socketserver / http.server / werkzeug.serving: the WSGI server side
    WSGI = "wsgi"  # the PEP 3333 interface itself: start_response, write, the iterable
    FLASK = "flask"
    CONTEXT = "context"  # app / request context push and pop
    SESSION = "session"
    SIGNAL = "signal"  # blinker signals Flask sends
    WERKZEUG = "werkzeug"  # Request / Response objects and routing
    HOOK = "hook"  # the app's before_request / after_request / teardown functions
    VIEW = "view"
    ERROR_HANDLER = "error handler"
    APP = "app"  # other code in the app's own file
    OTHER = "other"  # anything else (only when everything is kept)

    @property
    def is_app_code(self) -> bool:
        return self in (FrameRole.HOOK, FrameRole.VIEW, FrameRole.ERROR_HANDLER, FrameRole.APP)


class ChainOrigin(enum.Enum):
    CLASSIC = "Flask 1.x classic (from data)"
    LIVE = "Flask (installed), traced live"


class ContextStorage(enum.Enum):
    """Where Flask keeps the active contexts (FLASK_CHAIN.md)."""

    LOCAL_STACK = "LocalStack"  # _app_ctx_stack / _request_ctx_stack, Flask < 2.2
    CONTEXT_VAR = "ContextVar"  # _cv_app / _cv_request, Flask >= 2.2


class ContextOp(enum.Enum):
    PUSH = "push"  # LocalStack.push
    POP = "pop"  # LocalStack.pop
    SET = "set"  # ContextVar.set (returns a token)
    RESET = "reset"  # ContextVar.reset(token)


@dataclass(frozen=True)
class SourceBlock:
    """The source of one function: ``lines[0]`` is line ``first_line`` of ``file``."""

    file: str
    first_line: int
    lines: tuple[str, ...]

    @property
    def last_line(self) -> int:
        return self.first_line + len(self.lines) - 1

    def contains(self, line: int) -> bool:
        return self.first_line <= line <= self.last_line

    def text(self, line: int) -> str | None:
        return self.lines[line - self.first_line] if self.contains(line) else None


@dataclass(frozen=True)
class ContextChange:
    """One change to where Flask keeps its contexts, e.g. SET _cv_request ← RequestContext #1."""

    op: ContextOp
    variable: str  # "_cv_app", "_cv_request", "_app_ctx_stack", "_request_ctx_stack"
    value: str | None  # the context pushed/set; None for pop/reset to nothing

    @property
    def label(self) -> str:
        if self.op in (ContextOp.PUSH, ContextOp.SET):
            return f"{self.variable}.{self.op.value}({self.value})"
        return f"{self.variable}.{self.op.value}()" + (f" → {self.value}" if self.value else "")


@dataclass(frozen=True)
class ContextState:
    """Flask's contexts as a learner may inspect them at one instant.

    ``app_contexts`` / ``request_contexts`` list the stack from bottom to top (Flask < 2.2 keeps
    real stacks; with context variables there is the current value, and a nested push shows as
    a second entry). ``g`` and ``session`` are (name, short repr) pairs; ``session`` is None
    before the session is opened.
    """

    storage: ContextStorage
    app_contexts: tuple[str, ...] = ()
    request_contexts: tuple[str, ...] = ()
    g: tuple[tuple[str, str], ...] = ()
    session: tuple[tuple[str, str], ...] | None = None
    session_modified: bool = False

    @property
    def app_context(self) -> str | None:
        return self.app_contexts[-1] if self.app_contexts else None

    @property
    def request_context(self) -> str | None:
        return self.request_contexts[-1] if self.request_contexts else None

    @property
    def variables(self) -> tuple[tuple[str, str | None], ...]:
        """The two storage slots by their real names, e.g. (("_cv_app", "AppContext #1"), ...)."""
        if self.storage is ContextStorage.CONTEXT_VAR:
            return (("_cv_app", self.app_context), ("_cv_request", self.request_context))
        return (("_app_ctx_stack.top", self.app_context),
                ("_request_ctx_stack.top", self.request_context))


def context_changes(before: ContextState, after: ContextState) -> tuple[ContextChange, ...]:
    """What happened to the context storage between two states (stack or variable ops)."""
    out: list[ContextChange] = []
    slots = (("_cv_app", "_app_ctx_stack", before.app_contexts, after.app_contexts),
             ("_cv_request", "_request_ctx_stack", before.request_contexts,
              after.request_contexts))
    var = after.storage is ContextStorage.CONTEXT_VAR
    for cv_name, stack_name, old, new in slots:
        name = cv_name if var else stack_name
        if new == old:
            continue
        if len(new) >= len(old):
            out.append(ContextChange(ContextOp.SET if var else ContextOp.PUSH, name, new[-1]))
        elif len(new) < len(old):
            out.append(ContextChange(ContextOp.RESET if var else ContextOp.POP, name,
                                     new[-1] if new else None))
    return tuple(out)


@dataclass(frozen=True)
class FrameEvent:
    """One call, return or exception in one recorded frame."""

    index: int
    kind: FrameEventKind
    function: str  # qualified: module + co_qualname, e.g. "flask.app.Flask.wsgi_app"
    file: str
    line: int  # call: the def line; return: the returning line; exception: the raising line
    depth: int  # 0 = outermost recorded frame
    role: FrameRole
    summary: str  # arguments (call), return value or exception (return / exception)
    context: ContextState
    changes: tuple[ContextChange, ...] = ()
    source: SourceBlock | None = None
    explanation: str = ""
    reference: str = ""
    time: float = 0.0  # seconds since the server began handling the request (0 for data)
    caller_line: int | None = None  # on CALL: the line in the recorded parent that called it
    exception: str | None = None  # EXCEPTION, or RETURN that leaves by an exception
    yielded: bool = False  # RETURN of a generator that only suspended

    module: str = ""  # "flask.app"; function starts with it

    @property
    def short_name(self) -> str:
        """'Flask.wsgi_app' — the qualified name without its module."""
        if self.module and self.function.startswith(self.module + "."):
            return self.function[len(self.module) + 1:]
        return self.function.rpartition(".")[2]

    @property
    def label(self) -> str:
        return f"{self.kind.value} {self.function}"

    @property
    def unwinding(self) -> bool:
        """A RETURN that happens because an exception propagates out of the frame."""
        return self.kind is FrameEventKind.RETURN and self.exception is not None


class EnvironCategory(enum.Enum):
    CGI = "CGI variable"  # RFC 3875 §4.1 meta-variables that PEP 3333 keeps
    HTTP = "HTTP header"  # HTTP_* : one per request header (RFC 3875 §4.1.18)
    WSGI = "wsgi.*"  # PEP 3333's own keys
    SERVER = "server extension"  # werkzeug.*, REQUEST_URI, RAW_URI, REMOTE_PORT...


@dataclass(frozen=True)
class EnvironEntry:
    key: str
    value: str  # str values as they are; other objects as a short repr
    category: EnvironCategory
    required: bool  # PEP 3333 requires it (CONTENT_TYPE/LENGTH: "may be empty or absent")
    explanation: str
    reference: str
    python_type: str = "str"  # the value's type as the server passed it ("int", "tuple"...)
    problem: str | None = None  # what wsgiref.validate says is wrong with it, if anything


@dataclass(frozen=True)
class StartResponseCall:
    """``start_response(status, response_headers, exc_info=None)`` (PEP 3333)."""

    status: str
    headers: tuple[tuple[str, str], ...]
    exc_info: bool
    event_index: int | None  # the CALL event of start_response in the chain, if recorded


class Direction(enum.Enum):
    IN = "client → server"
    OUT = "server → client"


@dataclass(frozen=True)
class WireChunk:
    """Bytes that crossed the server's socket in one read or write."""

    direction: Direction
    data: bytes
    after_event: int  # number of events recorded before it: it happened after event n-1
    time: float = 0.0
    part: str = ""  # "request", "status line and headers", "body", ...


@dataclass(frozen=True)
class ActiveFrame:
    """A frame alive at some instant, with the line it is at."""

    call_index: int
    function: str
    file: str
    line: int
    depth: int
    role: FrameRole
    source: SourceBlock | None


@dataclass(frozen=True)
class CallChain:
    title: str
    origin: ChainOrigin
    flask_version: str
    werkzeug_version: str
    events: tuple[FrameEvent, ...]
    environ: tuple[EnvironEntry, ...] = ()
    start_response: StartResponseCall | None = None
    response_iterable: str | None = None  # e.g. "ClosingIterator"
    wire: tuple[WireChunk, ...] = ()
    request_line: str = ""  # "GET /?theme=dark HTTP/1.1"
    complete: bool = True  # False: cut short (time limit, crash): the events so far
    problems: tuple[str, ...] = ()
    filtered: bool = True  # False: every Python frame was kept
    app_file: str | None = None

    def __len__(self) -> int:
        return len(self.events)

    # ------------------------------------------------------------------ queries
    def find(self, function: str, kind: FrameEventKind = FrameEventKind.CALL,
             start: int = 0) -> int | None:
        """Index of the first event at or after ``start`` whose function is ``function`` or ends
        with ``.function`` (so ``"Flask.wsgi_app"`` works as well as the full name)."""
        for e in self.events[start:]:
            if e.kind is kind and (e.function == function or e.function.endswith("." + function)):
                return e.index
        return None

    def calls(self) -> tuple[FrameEvent, ...]:
        return tuple(e for e in self.events if e.kind is FrameEventKind.CALL)

    def environ_value(self, key: str) -> str | None:
        return next((e.value for e in self.environ if e.key == key), None)

    def stack_at(self, index: int) -> tuple[ActiveFrame, ...]:
        """The recorded frames at event ``index``, outermost first, each at its current line.
        The frame of a CALL is on top; on a RETURN the returning frame is still shown, at its
        return line (it is gone at the next event)."""
        return self._stacks[index] if 0 <= index < len(self._stacks) else ()

    @cached_property
    def _stacks(self) -> tuple[tuple[ActiveFrame, ...], ...]:
        """stack_at for every event, replayed once (views ask for it on every step)."""
        out: list[tuple[ActiveFrame, ...]] = []
        stack: list[ActiveFrame] = []
        for e in self.events:
            if e.kind is FrameEventKind.CALL:
                while stack and stack[-1].depth >= e.depth:
                    stack.pop()  # a frame whose return was not recorded (trace cut short)
                if stack and e.caller_line is not None:
                    stack[-1] = _at_line(stack[-1], e.caller_line)
                stack.append(ActiveFrame(e.index, e.function, e.file, e.line, e.depth, e.role,
                                         e.source))
            elif e.kind is FrameEventKind.EXCEPTION:
                if stack and stack[-1].depth == e.depth:
                    stack[-1] = _at_line(stack[-1], e.line)
            else:
                while stack and stack[-1].depth > e.depth:
                    stack.pop()
                if stack and stack[-1].depth == e.depth:
                    stack[-1] = _at_line(stack[-1], e.line)  # shown at its return line
                    out.append(tuple(stack))
                    stack.pop()
                    continue
            out.append(tuple(stack))
        return tuple(out)

    def context_at(self, index: int | None) -> ContextState:
        if index is None or not self.events:
            return ContextState(self.events[0].context.storage if self.events
                                else ContextStorage.CONTEXT_VAR)
        return self.events[index].context

    def wire_until(self, index: int | None) -> tuple[WireChunk, ...]:
        """The chunks that crossed the socket before event ``index`` happened (None: none)."""
        n = -1 if index is None else index
        return tuple(w for w in self.wire if w.after_event <= n)

    def bytes_sent_until(self, index: int | None) -> int:
        return sum(len(w.data) for w in self.wire_until(index) if w.direction is Direction.OUT)

    @property
    def request_bytes(self) -> bytes:
        return b"".join(w.data for w in self.wire if w.direction is Direction.IN)

    @property
    def response_bytes(self) -> bytes:
        return b"".join(w.data for w in self.wire if w.direction is Direction.OUT)


def _at_line(frame: ActiveFrame, line: int) -> ActiveFrame:
    return ActiveFrame(frame.call_index, frame.function, frame.file, line, frame.depth,
                       frame.role, frame.source)
