"""Record a request's call chain as it runs, with ``sys.settrace`` in the server thread.

Theory of operation
-------------------
``FrameRecorder.trace`` is installed with ``sys.settrace`` in the thread that serves the
request (settrace is per thread, so the client and the rest of the program are not traced).
Python calls it for every new frame; it decides once per code object whether the frame is
one that teaches (``wsgi.frames.TEACHING_FRAMES``, or code from the app's own file, whose
hooks, views and error handlers are recognised from the app's registries), or anything at all
when ``keep_all`` is set. For those it records a ``CALL`` event and returns a local tracer
with line events switched off, which records ``EXCEPTION`` (an exception raised in or
propagating through the frame) and ``RETURN``. Python reports a frame left by an exception as
a ``return`` with value None; the recorder tells the two apart by the instruction the frame
stopped at (a RETURN/YIELD opcode, or not).

After each event it reads Flask's context state — the active app and request contexts (the
``_cv_app``/``_cv_request`` context variables, or ``_app_ctx_stack``/``_request_ctx_stack``
before Flask 2.2), ``g`` and the session — without side effects: the session is read through
``dict`` methods so ``session.accessed`` is not set (which would add ``Vary: Cookie``).

It also captures the WSGI handshake as it happens: the environ when ``make_environ``
returns (the dict as the server built it), ``start_response``'s arguments, the type of the
iterable the application returned, and — from the socket wrappers in ``live.wire`` — every
chunk of bytes read or written, placed after the event that preceded it.

Tracing adds overhead to every Python call in the serving thread (several times slower); the
times it records are real but inflated, good for order, not for benchmarks.
"""

from __future__ import annotations

import dis
import inspect
import reprlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from types import CodeType, FrameType
from typing import Any

from simulator.models.wsgi.call_chain import (
    ContextState,
    ContextStorage,
    Direction,
    FrameEvent,
    FrameEventKind,
    FrameRole,
    SourceBlock,
    StartResponseCall,
    WireChunk,
    context_changes,
)
from simulator.models.wsgi.frames import TEACHING_FRAMES, frame_info

MAX_EVENTS = 20_000
_NORMAL_EXIT = {dis.opmap[name] for name in ("RETURN_VALUE", "RETURN_CONST", "YIELD_VALUE",
                                             "RETURN_GENERATOR") if name in dis.opmap}
_YIELD = dis.opmap["YIELD_VALUE"]
_OWN_MODULES = ("simulator.", "threading")  # this program's frames are not the request's
_LOOP_CONTROL = (StopIteration, StopAsyncIteration, GeneratorExit)
_LOOP_CONTROL_NAMES = {c.__name__ for c in _LOOP_CONTROL}
_MAKE_ENVIRON = "werkzeug.serving.WSGIRequestHandler.make_environ"
_EXECUTE = "werkzeug.serving.WSGIRequestHandler.run_wsgi.<locals>.execute"
_START_RESPONSE = "werkzeug.serving.WSGIRequestHandler.run_wsgi.<locals>.start_response"

_repr = reprlib.Repr()
_repr.maxstring = 48
_repr.maxother = 80
_repr.maxdict = 3
_repr.maxlist = 3
_repr.maxtuple = 3
_repr.maxlevel = 2


def short_repr(value: object) -> str:
    """A one-line repr of at most ~60 characters that never raises."""
    try:
        if isinstance(value, dict) and len(value) > 3:
            return f"{{…{len(value)} keys}}"
        if inspect.isfunction(value) or inspect.ismethod(value):
            return f"<function {value.__qualname__}>"
        if isinstance(value, BaseException):
            return f"{type(value).__name__}({_repr.repr(str(value))})"
        return _repr.repr(value)
    except Exception:  # a learner's __repr__ may raise anything
        return f"<{type(value).__name__}>"


@dataclass(frozen=True)
class _Code:
    """What the recorder decided about one code object."""

    function: str
    module: str
    role: FrameRole
    explanation: str
    reference: str
    record: bool  # record its events
    source: SourceBlock | None


@dataclass
class _Active:
    frame: FrameType
    depth: int
    code: _Code
    exception: str | None = None


@dataclass
class AppRoles:
    """The app's own functions by code object: role and a description ('before_request')."""

    file: str | None
    roles: dict[CodeType, tuple[FrameRole, str]] = field(default_factory=dict)


class _ContextReader:
    """Reads Flask's context state without changing it."""

    def __init__(self) -> None:
        self._labels: dict[int, str] = {}
        self._keep: list[object] = []  # keep labelled objects alive so ids stay unique
        self._counts = {"AppContext": 0, "RequestContext": 0}
        from flask import globals as fg
        self._cv_app = getattr(fg, "_cv_app", None)
        self._cv_request = getattr(fg, "_cv_request", None)
        self._app_stack = getattr(fg, "_app_ctx_stack", None) if self._cv_app is None else None
        self._req_stack = (getattr(fg, "_request_ctx_stack", None)
                           if self._cv_request is None else None)
        self.storage = (ContextStorage.CONTEXT_VAR if self._cv_app is not None
                        else ContextStorage.LOCAL_STACK)

    def _label(self, ctx: object) -> str:
        key = id(ctx)
        if key not in self._labels:
            kind = "RequestContext" if hasattr(ctx, "request") else "AppContext"
            self._counts[kind] += 1
            detail = ""
            try:
                if kind == "RequestContext":
                    req = ctx.request  # type: ignore[attr-defined]
                    detail = f"{req.method} {req.path}"
                else:
                    detail = str(ctx.app.name)  # type: ignore[attr-defined]
            except Exception:
                detail = "?"
            self._labels[key] = f"{kind} #{self._counts[kind]} ({detail})"
            self._keep.append(ctx)
        return self._labels[key]

    def _current(self, var: Any, stack: Any) -> list[object]:
        if var is not None:
            value = var.get(None)
            return [] if value is None else [value]
        if stack is not None:
            items = getattr(getattr(stack, "_local", None), "stack", None)
            if items is None:
                top = stack.top
                return [] if top is None else [top]
            return list(items)
        return []

    def read(self) -> ContextState:
        apps = self._current(self._cv_app, self._app_stack)
        reqs = self._current(self._cv_request, self._req_stack)
        g: tuple[tuple[str, str], ...] = ()
        if apps:
            g_obj = getattr(apps[-1], "g", None)
            if g_obj is not None:
                g = tuple((k, short_repr(v)) for k, v in vars(g_obj).items())
        session: tuple[tuple[str, str], ...] | None = None
        modified = False
        if reqs:
            attrs = vars(reqs[-1])
            s = attrs.get("_session", attrs.get("session"))
            if isinstance(s, dict):
                session = tuple((str(k), short_repr(v)) for k, v in dict.items(s))
                modified = bool(getattr(s, "modified", False))
        return ContextState(self.storage, tuple(self._label(a) for a in apps),
                            tuple(self._label(r) for r in reqs), g, session, modified)


class FrameRecorder:
    """Install ``trace`` with ``sys.settrace`` in the serving thread; read the result after."""

    def __init__(self, app: AppRoles, *, keep_all: bool = False,
                 max_events: int = MAX_EVENTS,
                 clock: Callable[[], float] = time.perf_counter) -> None:
        self._app = app
        self._keep_all = keep_all
        self._max_events = max_events
        self._clock = clock
        self._t0 = clock()
        self._codes: dict[CodeType, _Code | None] = {}
        self._active: dict[int, _Active] = {}
        self._contexts = _ContextReader()
        self._last_context = self._contexts.read()
        self._execute_frame: FrameType | None = None
        self._app_frame: FrameType | None = None
        self.events: list[FrameEvent] = []
        self.wire: list[WireChunk] = []
        self.environ: dict[str, object] | None = None  # the dict itself, a shallow copy
        self.environ_text: tuple[tuple[str, str], ...] = ()  # its values as they were then
        self.start_response: StartResponseCall | None = None
        self.response_iterable: str | None = None
        self.truncated = False
        self.server_log: list[str] = []

    @property
    def storage(self) -> ContextStorage:
        return self._contexts.storage

    # ------------------------------------------------------------------ classification
    def _classify(self, frame: FrameType) -> _Code | None:
        code = frame.f_code
        if code in self._codes:
            return self._codes[code]
        module = str(frame.f_globals.get("__name__", "?"))
        qualname = getattr(code, "co_qualname", code.co_name)
        function = f"{module}.{qualname}"
        role_desc = self._app.roles.get(code)
        role: FrameRole | None
        if role_desc is not None:
            role = role_desc[0]
        elif self._app.file is not None and code.co_filename == self._app.file:
            role = FrameRole.APP
        elif function in TEACHING_FRAMES:
            role = TEACHING_FRAMES[function].role
        elif self._keep_all and not module.startswith(_OWN_MODULES):
            role = FrameRole.OTHER
        else:
            role = None
        if role is None:
            decided: _Code | None = None
        else:
            info = frame_info(function, None if function in TEACHING_FRAMES else role)
            text = info.explanation
            if role_desc is not None:
                text = f"Your {role_desc[1]}. {text}"
            decided = _Code(function, module, role, text, info.reference, True,
                            _source_of(code))
        self._codes[code] = decided
        return decided

    # ------------------------------------------------------------------ tracing
    def trace(self, frame: FrameType, event: str, arg: object) -> Any:
        """The global trace function (``sys.settrace``): called on every new frame."""
        if event != "call":
            return None
        code = self._classify(frame)
        name = code.function if code else ""
        if name == _EXECUTE:
            self._execute_frame = frame
        elif (self._execute_frame is not None and self._app_frame is None
              and frame.f_back is self._execute_frame):
            self._app_frame = frame  # the application object being called by the server
        if name == _START_RESPONSE:
            self._capture_start_response(frame)
        watch = code is not None or frame is self._app_frame
        if not watch:
            return None
        frame.f_trace_lines = False
        if code is not None:
            self._record_call(frame, code)
        return self._local

    def _local(self, frame: FrameType, event: str, arg: object) -> Any:
        active = self._active.get(id(frame))
        if event == "exception" and active is not None and active.frame is frame:
            assert isinstance(arg, tuple)
            exc_type, exc = arg[0], arg[1]
            active.exception = f"{exc_type.__name__}: {exc}"[:120]
            if issubclass(exc_type, _LOOP_CONTROL):
                return self._local  # how iteration ends, not an error: shown on the return
            self._add(FrameEventKind.EXCEPTION, frame, active.code, active.depth,
                      f"{exc_type.__name__}: {short_repr(str(exc))}",
                      exception=exc_type.__name__)
        elif event == "return":
            if frame is self._app_frame:
                self.response_iterable = type(arg).__name__
            if active is not None and active.frame is frame:
                del self._active[id(frame)]
                self._record_return(frame, active, arg)
        return self._local

    def _record_call(self, frame: FrameType, code: _Code) -> None:
        depth, caller_line = 0, None
        parent = frame.f_back
        while parent is not None:
            found = self._active.get(id(parent))
            if found is not None and found.frame is parent:
                depth, caller_line = found.depth + 1, parent.f_lineno
                break
            parent = parent.f_back
        self._active[id(frame)] = _Active(frame, depth, code)
        summary = _arguments(frame)
        if code.role is FrameRole.SIGNAL:  # name the signal: request_started, ...
            name = getattr(frame.f_locals.get("self"), "name", None)
            if isinstance(name, str):
                summary = f"signal '{name}', sender={short_repr(frame.f_locals.get('sender'))}"
        self._add(FrameEventKind.CALL, frame, code, depth, summary, caller_line=caller_line)

    def _record_return(self, frame: FrameType, active: _Active, value: object) -> None:
        code = frame.f_code
        lasti = frame.f_lasti
        op = code.co_code[lasti] if 0 <= lasti < len(code.co_code) else None
        by_exception = value is None and op is not None and op not in _NORMAL_EXIT
        yielded = op == _YIELD
        if active.code.function == _MAKE_ENVIRON and isinstance(value, dict):
            self.environ = dict(value)
            self.environ_text = tuple(
                (str(k), v if isinstance(v, str) else short_repr(v)) for k, v in value.items())
        exception = (active.exception or "exception").split(":")[0] if by_exception else None
        if exception in _LOOP_CONTROL_NAMES:
            summary = f"raises {exception}: the iteration is over"
        elif by_exception:
            summary = f"leaves by exception ({active.exception or 'exception'})"
        else:
            summary = ("yields " if yielded else "→ ") + short_repr(value)
        self._add(FrameEventKind.RETURN, frame, active.code, active.depth, summary,
                  exception=exception, yielded=yielded)

    def _add(self, kind: FrameEventKind, frame: FrameType, code: _Code, depth: int,
             summary: str, *, caller_line: int | None = None, exception: str | None = None,
             yielded: bool = False) -> None:
        if len(self.events) >= self._max_events:
            self.truncated = True
            return
        context = self._contexts.read()
        changes = context_changes(self._last_context, context)
        self._last_context = context
        event = FrameEvent(
            index=len(self.events), kind=kind, function=code.function,
            file=frame.f_code.co_filename, line=frame.f_lineno, depth=depth, role=code.role,
            summary=summary, context=context, changes=changes, source=code.source,
            explanation=code.explanation, reference=code.reference,
            time=self._clock() - self._t0, caller_line=caller_line, exception=exception,
            yielded=yielded, module=code.module)
        self.events.append(event)  # list.append is atomic: snapshot() may read concurrently

    def _capture_start_response(self, frame: FrameType) -> None:
        loc = frame.f_locals
        status = loc.get("status")
        headers = loc.get("headers") or []
        try:
            pairs = tuple((str(k), str(v)) for k, v in headers)
        except (TypeError, ValueError):
            pairs = ()
        self.start_response = StartResponseCall(str(status), pairs,
                                                bool(loc.get("exc_info")), len(self.events))

    # ------------------------------------------------------------------ the socket
    def note_wire(self, direction: Direction, data: bytes) -> None:
        """Called by the socket wrappers (same thread) for every read and write."""
        if not data:
            return
        if direction is Direction.IN:
            part = "request"
        else:
            part = ("body" if any(w.direction is Direction.OUT for w in self.wire)
                    else "status line and headers")
        self.wire.append(WireChunk(direction, bytes(data), len(self.events),
                                   self._clock() - self._t0, part))

    def snapshot(self) -> tuple[tuple[FrameEvent, ...], tuple[WireChunk, ...]]:
        """What has been recorded so far. Safe from another thread without a lock (a lock
        could be held forever by a serving thread stuck in the app): copying a list is atomic
        under the GIL."""
        return tuple(self.events), tuple(self.wire)


def _arguments(frame: FrameType) -> str:
    code = frame.f_code
    n = code.co_argcount + code.co_kwonlyargcount
    names = list(code.co_varnames[:n])
    if code.co_flags & inspect.CO_VARARGS:
        names.append(code.co_varnames[n])
        n += 1
    if code.co_flags & inspect.CO_VARKEYWORDS:
        names.append(code.co_varnames[n])
    loc = frame.f_locals
    parts = [f"{name}={short_repr(loc[name])}" for name in names
             if name not in ("self", "cls") and name in loc]
    return "(" + ", ".join(parts) + ")"


def _source_of(code: CodeType) -> SourceBlock | None:
    try:
        lines, first = inspect.getsourcelines(code)
    except (OSError, TypeError):
        return None
    return SourceBlock(code.co_filename, max(first, 1), tuple(line.rstrip("\n") for line in lines))
