"""The HTTP layer at any packet of a capture: what the HTTP views show while replaying it.

``capture_http`` finds every HTTP message of a capture and (``jars``) replays each client's
cookie jar across all its connections, in capture order, as a list of ``JarStep``s (each tied
to the packet that completed its message). A replayed connection's steps are tied to packets
too, so the HTTP layer at a step is the client's latest jar step at or before the
step's packet: the message that packet completed (with the jar's changes marked), or, between
messages, the last message and the jar as it stands (nothing marked as changed, because
nothing changed at this packet).
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import replace

from simulator.models.http.snapshot import Change, HttpMessage, HttpSnapshot
from simulator.net.http.capture_http import CaptureHttp
from simulator.net.http.jars import JarStep


def _settled(snapshot: HttpSnapshot) -> HttpSnapshot:
    """The same jar and store with no change marks, and removed rows gone (and no refusal:
    that happened at the step's own packet)."""
    return replace(
        snapshot, ignored=(),
        jar=tuple(replace(row, change=Change.NONE) for row in snapshot.jar
                  if row.change is not Change.REMOVED),
        sessions=tuple(replace(s, change=Change.NONE) for s in snapshot.sessions
                       if s.change is not Change.REMOVED))


def http_by_packet(found: CaptureHttp, client_ip: str) -> Callable[[int], HttpSnapshot | None]:
    """A function from a packet number to the HTTP layer the client saw by then (None before
    its first HTTP message, or if the client spoke no HTTP)."""
    numbered = sorted((s.packet, n, s) for n, s in enumerate(found.jars.get(client_ip, ()))
                      if s.packet is not None)
    packets: list[int] = [p for p, _, _ in numbered]
    steps: list[JarStep] = [s for _, _, s in numbered]
    settled: dict[int, HttpSnapshot] = {}

    def at(packet: int) -> HttpSnapshot | None:
        i = bisect.bisect_right(packets, packet) - 1
        if i < 0:
            return None
        step = steps[i]
        if step.packet == packet:
            return step.snapshot
        if i not in settled:
            settled[i] = _settled(step.snapshot)
        return settled[i]

    return at


def http_for_connection(found: CaptureHttp,
                        conn_id: int) -> Callable[[int], HttpSnapshot | None] | None:
    """The resolver for a replayed connection's client, or None if it carried no HTTP."""
    conn = found.connections.get(conn_id)
    if conn is None or not conn.is_http:
        return None
    return http_by_packet(found, conn.client_ip)


def messages_for_connection(found: CaptureHttp,
                            conn_id: int) -> tuple[tuple[HttpMessage, tuple[int, ...]], ...]:
    """Every message of a connection, in order, with the packet numbers that carried it (for
    the ladder: ``simulator.models.timeline.ladder_http.messages_on_packets``)."""
    conn = found.connections.get(conn_id)
    if conn is None:
        return ()
    return tuple((part.message, part.packets) for exchange in conn.exchanges
                 for part in (exchange.request, *exchange.informational, exchange.response)
                 if part is not None)
