"""Live traces as one Timeline: the window's trace loader and the lessons' live flows both
play them so.

``all_layers_of`` puts every traced request on every layer (``all_layers_timeline``: TCP
segments simulated by the TCP model from the bytes that really crossed the socket, the HTTP
messages parsed from them, each call chain), with the real addresses of each connection;
``traces_timeline`` falls back to the last chain alone when a trace stopped before its
request's bytes were read.
"""

from __future__ import annotations

from collections.abc import Sequence

from simulator.models.simulation.chain_timeline import all_layers_timeline, chain_timeline
from simulator.models.timeline.steps import Timeline
from simulator.net.live.trace import LiveTrace


def all_layers_of(traces: Sequence[LiveTrace], name: str = "live-all-layers") -> Timeline:
    """Every request on every layer (ValueError: none traced, or a chain without the bytes
    of its request)."""
    if not traces:
        raise ValueError("no request was traced")
    addresses = [(f"{t.client_address[0]}:{t.client_address[1]}",
                  f"{t.server_address[0]}:{t.server_address[1]}")
                 for t in traces if t.client_address is not None]
    return all_layers_timeline([t.chain for t in traces], name=name,
                               addresses=addresses if len(addresses) == len(traces) else ())


def traces_timeline(traces: Sequence[LiveTrace], all_layers: bool = True) -> Timeline:
    """``all_layers_of`` when asked and possible, else the last request's call chain."""
    if not traces:
        raise ValueError("no request was traced")
    if all_layers:
        try:
            return all_layers_of(traces)
        except ValueError:
            pass  # a chain without the request's bytes: show the chain alone
    return chain_timeline(traces[-1].chain, name="live-trace")
