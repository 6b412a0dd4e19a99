"""Timelines the ladder's tests share: one real request traced live through the demo app,
on all layers (TCP simulated from its bytes, HTTP, the WSGI call chain)."""

from __future__ import annotations

import pytest

from simulator.models.timeline.steps import Timeline


@pytest.fixture(scope="session")
def all_layers() -> Timeline:
    from simulator.net.live.trace import TraceRequest, trace_requests
    from simulator.net.live.trace_timeline import traces_timeline

    return traces_timeline(trace_requests([TraceRequest(path="/"),
                                           TraceRequest(path="/?theme=dark")]))
