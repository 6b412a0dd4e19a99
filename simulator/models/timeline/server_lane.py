"""Where a request is inside the server, step by step: the activation bar the ladder draws
beside the server's lifeline while the WSGI call chain runs.

Theory of operation
-------------------
A UML sequence diagram shows a participant busy with an *activation bar* on its lifeline.
While the server runs a request (steps on layer "wsgi", each with a ``WsgiSnapshot``), the
ladder draws one bar per request, cut into the stages a learner names (PEP 3333, then Flask's
request lifecycle):

    the server reads the request → environ built → contexts pushed → before_request hooks →
    view function (→ error handler) → after_request · save_session → start_response →
    teardown → contexts popped → response written → connection shut down

A stage begins at a *landmark* event of the chain (``LANDMARKS``: e.g. the CALL of
``Flask.preprocess_request`` begins the before_request hooks), so the stage at any event is
that of the last landmark at or before it: ``chain_stages`` finds the landmarks once per
chain and ``stage_at`` looks one up. ``server_lane`` groups a timeline's chain steps into
``LaneSpan``s (one per request: a run of steps showing the same chain) with the step where
each stage begins. (Flask ≥ 2 runs after_request before start_response, and tears the
contexts down before the server writes the body: the order above is the order of a real
trace, not a convention.)

A replayed capture has no call chain; ``server_lane`` is only asked about timelines built step
by step (it reads every step).
"""

from __future__ import annotations

import bisect
import enum
from dataclasses import dataclass

from simulator.models.tcp.phrase import Phrase
from simulator.models.timeline.steps import Timeline
from simulator.models.wsgi.call_chain import CallChain, FrameEventKind
from simulator.models.wsgi.snapshot import WsgiSnapshot

CALL, RETURN = FrameEventKind.CALL, FrameEventKind.RETURN


class RequestStage(enum.Enum):
    """A stage of a request's trip through the server (the value is the English name)."""

    READING = "the server reads the request"
    ENVIRON = "environ built"
    CONTEXTS_PUSHED = "contexts pushed"
    BEFORE_REQUEST = "before_request hooks"
    VIEW = "view function"
    ERROR = "error handler"
    AFTER_REQUEST = "after_request · save_session"
    START_RESPONSE = "start_response"
    TEARDOWN = "teardown"
    CONTEXTS_POPPED = "contexts popped"
    SENDING = "response written"
    CLOSING = "connection shut down"


S = RequestStage
# (function name or dotted suffix, event kind, the stage it begins), Flask 1.x to 3.x
LANDMARKS: tuple[tuple[str, FrameEventKind, RequestStage], ...] = (
    ("make_environ", RETURN, S.ENVIRON),
    ("RequestContext.push", CALL, S.CONTEXTS_PUSHED),
    ("preprocess_request", CALL, S.BEFORE_REQUEST),
    ("Flask.dispatch_request", CALL, S.VIEW),
    ("handle_user_exception", CALL, S.ERROR),
    ("handle_exception", CALL, S.ERROR),
    ("finalize_request", CALL, S.AFTER_REQUEST),
    ("start_response", CALL, S.START_RESPONSE),
    ("RequestContext.pop", CALL, S.TEARDOWN),
    ("RequestContext.auto_pop", CALL, S.TEARDOWN),
    ("RequestContext.pop", RETURN, S.CONTEXTS_POPPED),
    ("RequestContext.auto_pop", RETURN, S.CONTEXTS_POPPED),
    ("write", CALL, S.SENDING),
    ("shutdown_request", CALL, S.CLOSING),
)


def _matches(function: str, name: str) -> bool:
    return function == name or function.endswith("." + name)


@dataclass(frozen=True)
class ChainStages:
    """The events where a chain's stages begin (ascending), and the stage before the first."""

    events: tuple[int, ...]
    stages: tuple[RequestStage, ...]
    before: RequestStage

    def at(self, event_index: int | None) -> RequestStage:
        if event_index is None:
            return self.before
        k = bisect.bisect_right(self.events, event_index) - 1
        return self.stages[k] if k >= 0 else self.before


_known: dict[int, tuple[CallChain, ChainStages]] = {}  # by id(chain): hashing a chain is slow
KNOWN_CHAINS = 32


def chain_stages(chain: CallChain) -> ChainStages:
    """The landmarks of one chain, in event order (a stage may begin again: a nested request
    context, a second write), worked out once per chain."""
    known = _known.get(id(chain))
    if known is not None and known[0] is chain:
        return known[1]
    if len(_known) >= KNOWN_CHAINS:
        _known.pop(next(iter(_known)))
    found = _chain_stages(chain)
    _known[id(chain)] = (chain, found)
    return found


def _chain_stages(chain: CallChain) -> ChainStages:
    events: list[int] = []
    stages: list[RequestStage] = []
    for e in chain.events:
        for name, kind, stage in LANDMARKS:
            if e.kind is kind and _matches(e.function, name):
                if not stages or stages[-1] is not stage:
                    events.append(e.index)
                    stages.append(stage)
                break
    has_reader = chain.find("make_environ", RETURN) is not None
    return ChainStages(tuple(events), tuple(stages), S.READING if has_reader else S.ENVIRON)


def stage_at(snapshot: WsgiSnapshot) -> RequestStage:
    """The stage of the request at this snapshot of its chain."""
    return chain_stages(snapshot.chain).at(snapshot.event_index)


#: How the lane names a frame that is left (a phrase: the view shows it in its language).
LEAVES = {FrameEventKind.RETURN: "return {name}", FrameEventKind.EXCEPTION: "exception {name}"}


def frame_text(snapshot: WsgiSnapshot) -> str:
    """The call the chain is at, e.g. 'demo_app.index()' or 'return Flask.wsgi_app'."""
    event = snapshot.event
    if event is None or snapshot.wire_index is not None:
        return ""
    name = event.short_name if event.module else event.function
    if event.kind is CALL:
        return f"{name}()"
    return Phrase(LEAVES[event.kind], name=name)


@dataclass(frozen=True)
class LaneSpan:
    """One request inside the server: its chain steps, and where each stage begins."""

    connection: int
    first_step: int
    last_step: int
    stages: tuple[tuple[int, RequestStage], ...]  # (first step of the stage, stage)

    def stage_at_step(self, index: int) -> RequestStage | None:
        """The stage shown at step ``index`` (None outside the span)."""
        if not self.first_step <= index <= self.last_step:
            return None
        k = bisect.bisect_right([s for s, _ in self.stages], index) - 1
        return self.stages[max(k, 0)][1]


def server_lane(timeline: Timeline) -> tuple[LaneSpan, ...]:
    """The requests the server runs on this timeline, one span each (steps on layer "wsgi";
    TCP steps between them belong to the span they interrupt)."""
    spans: list[LaneSpan] = []
    current: tuple[int, CallChain] | None = None  # (connection, chain) of the open span
    first = last = -1
    stages: list[tuple[int, RequestStage]] = []

    def close() -> None:
        if current is not None:
            spans.append(LaneSpan(current[0], first, last, tuple(stages)))

    for step in timeline:
        snapshot = step.wsgi
        if step.layer != "wsgi" or snapshot is None:
            continue
        key = (step.connection, snapshot.chain)
        if current is None or key[0] != current[0] or key[1] is not current[1]:
            close()
            current, first, stages = key, step.index, []
        last = step.index
        stage = stage_at(snapshot)
        if not stages or stages[-1][1] is not stage:
            stages.append((step.index, stage))
    close()
    return tuple(spans)
