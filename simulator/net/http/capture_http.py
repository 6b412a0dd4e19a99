"""All HTTP of a capture: each connection's exchanges, then each client's cookie jar.

The entry point of the HTTP room for captures: ``capture_http`` opens the capture file once
(``streams.packet_bytes``), finds the HTTP of every connection asked for (``exchanges``: found
by content, reassembled, parsed, located and paired) and replays each client's cookie jar over
all its connections (``jars``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from simulator.models.http.flask_session import SecretKeys
from simulator.net.capture.index import CaptureIndex
from simulator.net.http.exchanges import ConnectionHttp, connection_http
from simulator.net.http.jars import JarStep, client_jars
from simulator.net.http.streams import packet_bytes


@dataclass(frozen=True)
class CaptureHttp:
    """All HTTP of a capture: per connection, and per client the jar's evolution."""

    connections: dict[int, ConnectionHttp]
    jars: dict[str, tuple[JarStep, ...]]  # client IP -> steps in time order


def capture_http(
    index: CaptureIndex, conn_ids: Iterable[int] | None = None,
    secret_key: SecretKeys | None = None,
) -> CaptureHttp:
    """HTTP of the given connections (all by default) and the jars of their clients."""
    ids = range(len(index.connections)) if conn_ids is None else conn_ids
    with packet_bytes(index) as reader:
        conns = {cid: connection_http(index, cid, reader) for cid in ids}
    return CaptureHttp(conns, client_jars(conns.values(), secret_key))
