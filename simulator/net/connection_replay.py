"""One captured connection as a Timeline: the index's segments fed to the model's replay.

The index (``capture_index``) gives numbers; ``simulator.models.replay`` turns them into
steps with each side's inferred state, using the RFC 9293 transition table. This module only
translates between the two and carries the index's Wireshark-style anomaly annotations.
"""

from __future__ import annotations

from simulator.models.replay import ObservedSegment, ReplayInfo, replay
from simulator.models.timeline import Timeline
from simulator.net.capture_index import CaptureIndex, Connection
from simulator.net.tcp_anomalies import ANOMALY_NAMES


def _annotations(bits: int) -> tuple[str, ...]:
    return tuple(name for bit, name in ANOMALY_NAMES.items() if bits & bit)


def observed_segments(index: CaptureIndex, conn_id: int) -> list[ObservedSegment]:
    return [
        ObservedSegment(time=s.time, from_client=s.direction == 0, flags=s.flags & 0x3F,
                        seq=s.seq, ack=s.ack, length=s.payload_len, window=s.window,
                        packet=s.number, annotations=_annotations(s.anomalies))
        for s in index.segments(conn_id)
    ]


def replay_connection(index: CaptureIndex, conn_id: int) -> tuple[Timeline, ReplayInfo]:
    """Replay connection ``conn_id`` of the capture through the TCP model."""
    conn: Connection = index.connections[conn_id]
    title = f"{conn.client} → {conn.server} (connection {conn.id})"
    return replay(observed_segments(index, conn_id), name=f"connection-{conn.id}", title=title,
                  addresses={"client": conn.client, "server": conn.server},
                  orientation=conn.orientation if conn.orientation == "handshake"
                  else f"guess: {conn.orientation_reason}")
