"""Step matchers: how a lesson says *which* step its narration belongs to.

Theory of operation
-------------------
A lesson must not say "step 3": the same scenario can gain or lose steps when the model is
refined, and a capture's steps depend on the capture. A matcher instead describes the step in
protocol terms — "the step where the client enters ESTABLISHED", "the arrival of the server's
FIN", "the response that sets a cookie", "the call of ``dispatch_request``" — and picks the
``nth`` step (1-based, default the first) that meets *all* the criteria it gives. ``index``
(0-based) is there for the rare step nothing else identifies, ``first``/``last`` for the ends.

The criteria read only what a Step carries: its kind and actor, the transitions that fired
(RFC 9293 rows, ``tcp.table``), the segment's flags and length, the HTTP snapshot
(``Step.http``: RFC 9110 messages, RFC 6265 cookie decisions). A lesson on a WSGI call chain
(``call_chain.CallChain``, PEP 3333 and Flask's dispatch) names its steps — the chain's
``FrameEvent``s — by function (``frame``), event kind (``call``, ``return``, ``exception``),
the frame's role and the context change the event made (``push``, ``pop``, ``set``,
``reset``).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from simulator.models.http.snapshot import MessageKind
from simulator.models.tcp.segment import Flags
from simulator.models.tcp.states import TcpEvent, TcpState
from simulator.models.timeline.steps import Step, StepKind
from simulator.models.wsgi.call_chain import FrameEvent, FrameEventKind, FrameRole

STEP_KINDS = {"user": StepKind.USER, "arrive": StepKind.ARRIVE, "lose": StepKind.LOSE,
              "timeout": StepKind.TIMEOUT, "http": StepKind.HTTP}
EVENT_KINDS = {k.value: k for k in FrameEventKind}
CONTEXT_OPS = ("push", "pop", "set", "reset")
ENDPOINTS = ("client", "server")


class MatcherError(ValueError):
    """A matcher field has a wrong value; the loader adds the file and line."""


def parse_state(text: str) -> TcpState:
    """'SYN-SENT', 'syn_sent' or 'SYN SENT' → TcpState.SYN_SENT."""
    key = text.strip().upper().replace("-", "_").replace(" ", "_")
    try:
        return TcpState[key]
    except KeyError:
        raise MatcherError(f"unknown TCP state {text!r}; RFC 9293 names are: "
                           + ", ".join(s.rfc_name for s in TcpState)) from None


def parse_event(text: str) -> TcpEvent:
    key = text.strip().upper().replace("-", "_").replace(" ", "_")
    try:
        return TcpEvent[key]
    except KeyError:
        raise MatcherError(f"unknown TCP event {text!r}; events are: "
                           + ", ".join(e.name for e in TcpEvent)) from None


def parse_flags(text: str) -> Flags:
    flags = Flags.NONE
    for part in text.replace("+", ",").split(","):
        name = part.strip().upper()
        if not name:
            continue
        if name not in Flags.__members__ or name == "NONE":
            raise MatcherError(f"unknown TCP flag {part.strip()!r} in {text!r}; flags are "
                               "SYN, FIN, RST, PSH, ACK, URG")
        flags |= Flags[name]
    return flags


@dataclass(frozen=True)
class StepMatcher:
    """A description of one step of a timeline (see the module docstring)."""

    index: int | None = None
    first: bool = False
    last: bool = False
    kind: StepKind | None = None
    event_kind: FrameEventKind | None = None  # call-chain lessons: call / return / exception
    role: FrameRole | None = None
    context: str | None = None
    endpoint: str | None = None
    enters: TcpState | None = None
    event: TcpEvent | None = None
    flags: Flags = Flags.NONE
    data: bool | None = None
    http: MessageKind | None = None
    method: str | None = None
    status: int | None = None
    header: str | None = None
    cookie_sent: str | None = None
    cookie_withheld: str | None = None
    frame: str | None = None
    nth: int = 1
    source_text: str = field(default="", compare=False)

    def describe(self) -> str:
        return self.source_text or "the step"

    # ------------------------------------------------------------------ matching
    @property
    def for_chain(self) -> bool:
        return (self.event_kind is not None or self.role is not None or self.context is not None
                or self.frame is not None)

    @property
    def for_timeline(self) -> bool:
        return any(v not in (None, Flags.NONE) for v in (
            self.kind, self.endpoint, self.enters, self.event, self.flags, self.data,
            self.http, self.method, self.status, self.header, self.cookie_sent,
            self.cookie_withheld))

    def matches(self, step: Step) -> bool:
        """True when the step meets every criterion given (position criteria excepted).

        A call-chain criterion is checked against the frame event a WSGI step shows
        (``Step.wsgi``, made by ``simulation.chain_timeline``); steps about socket bytes have
        none."""
        if self.for_chain:
            event = wsgi_event(step)
            return event is not None and self.matches_event(event)
        return self._tcp_ok(step) and self._segment_ok(step) and self._http_ok(step)

    def matches_event(self, event: FrameEvent) -> bool:
        """The same for one event of a WSGI call chain."""
        if self.for_timeline:
            return False
        if self.event_kind is not None and event.kind is not self.event_kind:
            return False
        if self.role is not None and event.role is not self.role:
            return False
        if self.frame is not None and not frame_matches(event, self.frame):
            return False
        return self.context is None or any(c.op.value == self.context for c in event.changes)

    def _tcp_ok(self, step: Step) -> bool:
        if self.kind is not None and step.kind is not self.kind:
            return False
        fired = [f for f in step.transitions
                 if self.endpoint is None or f.endpoint == self.endpoint]
        if self.endpoint is not None and not fired and step.actor != self.endpoint:
            return False
        if self.enters is not None and not any(
                f.row.next is self.enters and f.row.changes_state for f in fired):
            return False
        return self.event is None or any(f.row.event is self.event for f in fired)

    def _segment_ok(self, step: Step) -> bool:
        if self.flags == Flags.NONE and self.data is None:
            return True
        seg = step.segment
        if seg is None:
            return False
        if (seg.flags & self.flags) != self.flags:
            return False
        return self.data is None or (seg.length > 0) == self.data

    def _http_ok(self, step: Step) -> bool:
        wants_message = (self.http is not None or self.method is not None
                         or self.status is not None or self.header is not None)
        if not wants_message and self.cookie_sent is None and self.cookie_withheld is None:
            return True
        snap = step.http
        # A step's HTTP snapshot stays on the TCP steps that follow it; the message and the
        # cookie decisions *happen* at the HTTP step that made them.
        if snap is None or step.kind is not StepKind.HTTP:
            return False
        if wants_message:
            msg = snap.message
            if msg is None:
                return False
            if self.http is not None and msg.kind is not self.http:
                return False
            if self.method is not None and (msg.method or "").upper() != self.method.upper():
                return False
            if self.status is not None and msg.status != self.status:
                return False
            if self.header is not None and msg.header(self.header) is None:
                return False
        for name, sent in ((self.cookie_sent, True), (self.cookie_withheld, False)):
            if name is not None and not any(d.name == name and d.sent is sent
                                            for d in snap.decisions):
                return False
        return True

    # ------------------------------------------------------------------ finding
    def find(self, steps: Sequence[Step]) -> int | None:
        """The index of the step this matcher names, or None when no step fits."""
        return self._find(len(steps), (i for i, s in enumerate(steps) if self.matches(s)))

    def find_event(self, events: Sequence[FrameEvent]) -> int | None:
        """The index of the call-chain event this matcher names, or None."""
        return self._find(len(events),
                          (i for i, e in enumerate(events) if self.matches_event(e)))

    def _find(self, count: int, matching: Iterator[int]) -> int | None:
        if not count:
            return None
        if self.index is not None:
            return self.index if 0 <= self.index < count else None
        if self.first:
            return 0
        if self.last:
            return count - 1
        for seen, index in enumerate(matching, start=1):
            if seen == self.nth:
                return index
        return None


def wsgi_event(step: Step) -> FrameEvent | None:
    """The call-chain event a step shows, if it is a WSGI step about a frame event."""
    snap = step.wsgi
    if snap is None or snap.wire_index is not None:
        return None
    return snap.event


def frame_matches(event: FrameEvent, name: str) -> bool:
    """'dispatch_request', 'Flask.dispatch_request' or the full qualified name."""
    function = event.function
    return function == name or function.endswith("." + name)


_BOOL_KEYS = {"first", "last", "data"}
_STR_KEYS = {"method", "header", "cookie_sent", "cookie_withheld", "frame"}
_INT_KEYS = {"index", "status", "nth"}
KNOWN_KEYS = _BOOL_KEYS | _STR_KEYS | _INT_KEYS | {"kind", "endpoint", "enters", "event",
                                                  "flags", "http", "role", "context"}


def _describe(spec: dict[str, Any]) -> str:
    """The matcher as the lesson file wrote it: '{ endpoint = "client", data = true }'."""
    return "{ " + ", ".join(f"{k} = {json.dumps(v, ensure_ascii=False)}"
                            for k, v in spec.items()) + " }"


def parse_matcher(spec: object) -> StepMatcher:
    """Build a matcher from a TOML inline table; MatcherError says what is wrong."""
    if not isinstance(spec, dict):
        raise MatcherError("'at' must be a table such as { endpoint = \"client\", "
                           "enters = \"ESTABLISHED\" }")
    unknown = sorted(set(spec) - KNOWN_KEYS)
    if unknown:
        raise MatcherError(f"unknown key {unknown[0]!r} in 'at'; known keys: "
                           + ", ".join(sorted(KNOWN_KEYS)))
    values: dict[str, Any] = {"source_text": _describe(spec)}
    for key, value in spec.items():
        if key in _BOOL_KEYS:
            if not isinstance(value, bool):
                raise MatcherError(f"'{key}' must be true or false")
            values[key] = value
        elif key in _INT_KEYS:
            if isinstance(value, bool) or not isinstance(value, int):
                raise MatcherError(f"'{key}' must be a whole number")
            if key == "nth" and value < 1:
                raise MatcherError("'nth' counts from 1")
            values[key] = value
        elif not isinstance(value, str):
            raise MatcherError(f"'{key}' must be a string")
        elif key in _STR_KEYS:
            values[key] = value
        elif key == "kind":
            if value in STEP_KINDS:
                values[key] = STEP_KINDS[value]
            elif value in EVENT_KINDS:
                values["event_kind"] = EVENT_KINDS[value]
            else:
                raise MatcherError("'kind' must be one of: "
                                   + ", ".join([*STEP_KINDS, *EVENT_KINDS]))
        elif key == "role":
            try:
                values[key] = FrameRole(value)
            except ValueError:
                raise MatcherError("'role' must be one of: "
                                   + ", ".join(r.value for r in FrameRole)) from None
        elif key == "context":
            if value not in CONTEXT_OPS:
                raise MatcherError(f"'context' must be one of: {', '.join(CONTEXT_OPS)}")
            values[key] = value
        elif key == "endpoint":
            if value not in ENDPOINTS:
                raise MatcherError(f"'endpoint' must be one of: {', '.join(ENDPOINTS)}")
            values[key] = value
        elif key == "enters":
            values[key] = parse_state(value)
        elif key == "event":
            values[key] = parse_event(value)
        elif key == "flags":
            values[key] = parse_flags(value)
        elif key == "http":
            try:
                values[key] = MessageKind(value)
            except ValueError:
                raise MatcherError("'http' must be \"request\" or \"response\"") from None
    if sum(1 for k in ("index", "first", "last") if spec.get(k) not in (None, False)) > 1:
        raise MatcherError("give only one of 'index', 'first' and 'last'")
    matcher = StepMatcher(**values)
    if matcher.for_chain and matcher.for_timeline:
        raise MatcherError("'at' mixes call-chain keys (frame, role, context, call/return) "
                           "with timeline keys: a lesson's source is one or the other")
    return matcher
