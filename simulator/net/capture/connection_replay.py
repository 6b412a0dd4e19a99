"""One captured connection as a Timeline: the index's segments fed to the model's replay.

The index (``capture.index``) gives numbers; ``simulator.models.replay.engine`` turns them into
steps with each side's inferred state, using the RFC 9293 transition table. This module only
translates between the two and carries the index's Wireshark-style anomaly annotations.
The segments go over as columns (``ObservedColumns`` of compact ``array`` values, about
40 bytes per segment): a 100,000-segment connection needs no object per segment.
"""

from __future__ import annotations

from array import array

import numpy as np

from simulator.models.replay.engine import (
    ObservedColumns,
    ObservedSegment,
    Progress,
    ReplayInfo,
    replay_columns,
)
from simulator.models.replay.lazy_timeline import ReplayTimeline
from simulator.net.capture.connection_table import Connection
from simulator.net.capture.index import CaptureIndex
from simulator.net.capture.sent_again import first_copies
from simulator.net.capture.tcp_anomalies import anomaly_names
from simulator.net.capture.tcp_options import connection_options


def observed_columns(index: CaptureIndex, conn_id: int) -> ObservedColumns:
    """Connection ``conn_id``'s segments, capture order, as the replay's columns."""
    arr = index.segment_array(conn_id)

    def column(name: str, typecode: str, dtype: type[np.generic]) -> array[int]:
        return array(typecode, np.ascontiguousarray(arr[name], dtype=dtype).tobytes())

    anomalies = arr["anomalies"]
    flagged = np.flatnonzero(anomalies).tolist()
    options = connection_options(index.path, index.packet_rows(conn_id), index.packets)
    return ObservedColumns(
        time=array("d", np.ascontiguousarray(arr["time"], dtype=np.float64).tobytes()),
        from_client=array("B", (arr["direction"] == 0).astype(np.uint8).tobytes()),
        flags=array("H", (arr["flags"] & 0x3F).astype(np.uint16).tobytes()),
        seq=column("seq", "I", np.uint32),
        ack=column("ack", "I", np.uint32),
        length=column("payload_len", "I", np.uint32),
        window=column("window", "H", np.uint16),
        packet=column("number", "q", np.int64),
        annotations={i: anomaly_names(int(anomalies[i])) for i in flagged},
        syn_options=options.syn, tsval=options.tsval, tsecr=options.tsecr, sack=options.sack,
        originals=first_copies(arr["direction"] == 0, arr["flags"], arr["seq"],
                               arr["payload_len"]),
        analysed=True)


def observed_segments(index: CaptureIndex, conn_id: int) -> list[ObservedSegment]:
    """The same segments as objects (for scripts and tests; the replay takes columns)."""
    c = observed_columns(index, conn_id)
    out = []
    for i in range(len(c)):
        syn = c.syn_options.get(i)
        stamps = c.timestamps(i)
        out.append(ObservedSegment(
            time=c.time[i], from_client=bool(c.from_client[i]), flags=c.flags[i] & 0x3F,
            seq=c.seq[i], ack=c.ack[i], length=c.length[i], window=c.window[i],
            packet=c.packet[i], annotations=c.annotations.get(i, ()),
            mss=None if syn is None else syn.mss,
            window_scale=None if syn is None else syn.window_scale,
            sack_permitted=syn is not None and syn.sack_permitted,
            tsval=None if stamps is None else stamps[0],
            tsecr=None if stamps is None else stamps[1], sack=c.sack.get(i, ())))
    return out


def replay_connection(index: CaptureIndex, conn_id: int, progress: Progress | None = None
                      ) -> tuple[ReplayTimeline, ReplayInfo]:
    """Replay connection ``conn_id`` of the capture through the TCP model (``progress``: see
    ``replay_columns``)."""
    conn: Connection = index.connections[conn_id]
    title = f"{conn.client} → {conn.server} (connection {conn.id})"
    return replay_columns(observed_columns(index, conn_id), name=f"connection-{conn.id}",
                          title=title, addresses={"client": conn.client, "server": conn.server},
                          orientation=conn.orientation if conn.orientation == "handshake"
                          else f"guess: {conn.orientation_reason}", progress=progress)
