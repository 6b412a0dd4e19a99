"""A CallChain as plain JSON-ready data (``protocol-sim trace --json``).

Pure: it returns dicts; the caller prints them. ``frames`` has, per event, the keys the issue
names (depth, event, function, file, line) plus the summary; ``function`` is the qualified name
(``flask.app.Flask.wsgi_app``).
"""

from __future__ import annotations

from typing import Any

from simulator.models.wsgi.call_chain import CallChain, ContextState, FrameEvent


def context_json(state: ContextState) -> dict[str, Any]:
    return {
        "storage": state.storage.value,
        "app_contexts": list(state.app_contexts),
        "request_contexts": list(state.request_contexts),
        "g": dict(state.g),
        "session": None if state.session is None else dict(state.session),
        "session_modified": state.session_modified,
    }


def frame_json(event: FrameEvent, *, with_context: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {
        "depth": event.depth,
        "event": event.kind.value,
        "function": event.function,
        "file": event.file,
        "line": event.line,
        "role": event.role.value,
        "summary": event.summary,
    }
    if event.exception is not None:
        out["exception"] = event.exception
    if event.changes:
        out["context_changes"] = [c.label for c in event.changes]
    if with_context:
        out["context"] = context_json(event.context)
    return out


def chain_json(chain: CallChain, *, with_context: bool = False) -> dict[str, Any]:
    start = chain.start_response
    return {
        "title": chain.title,
        "origin": chain.origin.value,
        "flask_version": chain.flask_version,
        "werkzeug_version": chain.werkzeug_version,
        "request_line": chain.request_line,
        "environ": {e.key: e.value for e in chain.environ},
        "environ_problems": {e.key: e.problem for e in chain.environ if e.problem},
        "start_response": None if start is None else {
            "status": start.status, "headers": [list(h) for h in start.headers],
            "exc_info": start.exc_info},
        "response_iterable": chain.response_iterable,
        "wire": [{"direction": w.direction.name.lower(), "part": w.part,
                  "bytes": len(w.data), "after_event": w.after_event} for w in chain.wire],
        "complete": chain.complete,
        "filtered": chain.filtered,
        "problems": list(chain.problems),
        "frames": [frame_json(e, with_context=with_context) for e in chain.events],
    }
