"""What the WSGI layer looks like at one step: the contract between call-chain sources and views.

A Step of the Timeline (``timeline.Step.wsgi``) carries one ``WsgiSnapshot``: the whole
``CallChain`` (shared by every step of it, not copied) and where in it this step is — the
frame event it shows, or the chunk of bytes that crossed the socket. Everything a view draws is
derived from those two by pure functions of the chain, so stepping back shows exactly what
stepping forward showed:

* ``stack`` — the frames alive (the growing and shrinking call stack), outermost first, each at
  its current line, with ``source`` to show around it;
* ``context`` and ``changes`` — Flask's app/request contexts, ``g`` and the session after the
  event, and the pushes/pops or ContextVar sets/resets it made;
* ``environ_ready`` / ``environ`` — the environ panel fills in once the server built it;
* ``start_response`` — the status and headers, once the app has called it (PEP 3333);
* ``bytes_sent`` / ``bytes_received`` — how much of the response has left so far.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from simulator.models.wsgi.call_chain import (
    ActiveFrame,
    CallChain,
    ContextChange,
    ContextState,
    Direction,
    EnvironEntry,
    FrameEvent,
    FrameEventKind,
    StartResponseCall,
    WireChunk,
)

MAKE_ENVIRON = "WSGIRequestHandler.make_environ"


class WsgiPhase(enum.Enum):
    """Where the request is in its trip through the server (PEP 3333's order)."""

    READING = "the server reads the request"
    ENVIRON = "environ built"
    APPLICATION = "the application runs"
    STARTED = "start_response called"
    SENDING = "the body is being sent"
    DONE = "the application is done"


@dataclass(frozen=True)
class WsgiSnapshot:
    chain: CallChain
    event_index: int | None  # the event this step shows (None: before the first)
    wire_index: int | None = None  # the socket chunk this step is about, if any

    @property
    def event(self) -> FrameEvent | None:
        return None if self.event_index is None else self.chain.events[self.event_index]

    @property
    def wire(self) -> WireChunk | None:
        return None if self.wire_index is None else self.chain.wire[self.wire_index]

    @property
    def stack(self) -> tuple[ActiveFrame, ...]:
        return () if self.event_index is None else self.chain.stack_at(self.event_index)

    @property
    def context(self) -> ContextState:
        return self.chain.context_at(self.event_index)

    @property
    def changes(self) -> tuple[ContextChange, ...]:
        event = self.event
        return () if event is None or self.wire_index is not None else event.changes

    @property
    def environ_ready(self) -> bool:
        """The server has built environ by this step (make_environ returned)."""
        done = self.chain.find(MAKE_ENVIRON, FrameEventKind.RETURN)
        if done is None:  # a chain without the server side: environ exists from the start
            return bool(self.chain.environ)
        return self.event_index is not None and self.event_index >= done

    @property
    def environ(self) -> tuple[EnvironEntry, ...]:
        return self.chain.environ if self.environ_ready else ()

    @property
    def start_response(self) -> StartResponseCall | None:
        call = self.chain.start_response
        if call is None or self.event_index is None:
            return None
        if call.event_index is None or self.event_index >= call.event_index:
            return call
        return None

    @property
    def bytes_sent(self) -> int:
        return sum(len(w.data) for w in self._wire_so_far() if w.direction is Direction.OUT)

    @property
    def bytes_received(self) -> int:
        return sum(len(w.data) for w in self._wire_so_far() if w.direction is Direction.IN)

    def _wire_so_far(self) -> tuple[WireChunk, ...]:
        if self.wire_index is not None:
            return self.chain.wire[: self.wire_index + 1]
        return self.chain.wire_until(self.event_index)

    @property
    def phase(self) -> WsgiPhase:
        if self.bytes_sent:
            last = self.chain.events[-1].index if self.chain.events else None
            return WsgiPhase.DONE if self.event_index == last else WsgiPhase.SENDING
        if self.start_response is not None:
            return WsgiPhase.STARTED
        app = self.chain.find("Flask.__call__")
        if app is not None and self.event_index is not None and self.event_index >= app:
            return WsgiPhase.APPLICATION
        return WsgiPhase.ENVIRON if self.environ_ready else WsgiPhase.READING
