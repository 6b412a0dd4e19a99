"""One captured connection as a Timeline: the index's segments fed to the model's replay.

The index (``capture.index``) gives numbers; ``simulator.models.replay.engine`` turns them into
steps with each side's inferred state, using the RFC 9293 transition table. This module only
translates between the two and carries the index's Wireshark-style anomaly annotations.
The segments go over as columns (``ObservedColumns`` of compact ``array`` values, about
40 bytes per segment): a 100,000-segment connection needs no object per segment; those of a
connection of a few segments go over as lists, faster to make than arrays.
"""

from __future__ import annotations

from array import array
from dataclasses import replace
from typing import Any

import numpy as np

from simulator.models.replay import resent
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

#: Connections of at most this many segments go over as lists (see ``_small_columns``).
SMALL = 16


def observed_columns(index: CaptureIndex, conn_id: int) -> ObservedColumns:
    """Connection ``conn_id``'s segments, capture order, as the replay's columns."""
    if len(index.packet_rows(conn_id)) <= SMALL:
        return _small_columns(index, conn_id)
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


def _small_columns(index: CaptureIndex, conn_id: int) -> ObservedColumns:
    """The same columns for a connection of a few segments, as lists: a scan has a
    connection per SYN, and for each ``observed_columns`` spent ~40 us in numpy calls
    (a structured copy, ~20 array operations) on one to four segments. The retransmissions
    are found by the pure-Python twin of ``sent_again`` (``models.replay.resent``)."""
    rows = index.packet_rows(conn_id)
    packets = index.packets
    at = rows.tolist()

    def column(name: str) -> list[Any]:
        values = packets[name]
        return [values.item(i) for i in at]  # (for a few rows: 4x faster than values[rows])

    anomalies = column("anomalies")
    options = connection_options(index.path, rows, packets)
    c = ObservedColumns(  # (the originals below are found on these columns)
        time=column("time"),
        from_client=[1 if d == 0 else 0 for d in column("direction")],
        flags=[f & 0x3F for f in column("flags")],
        seq=column("seq"), ack=column("ack"), length=column("payload_len"),
        window=column("window"), packet=[r + 1 for r in at],
        annotations={i: anomaly_names(a) for i, a in enumerate(anomalies) if a},
        syn_options=options.syn, tsval=options.tsval, tsecr=options.tsecr, sack=options.sack,
        analysed=True)
    return replace(c, originals=resent.first_copies(c))


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
