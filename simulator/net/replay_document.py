"""One connection of a capture, replayed, for the command line: ``--open CAPTURE
[--connection N]`` with ``--export-json``, the images and the ladder texts.

``open_replay`` reads the capture (``capture.index``), picks the connection the window opens
by default (the first one, ``ui.app.capture_source``) or the one asked for, and replays it
through the RFC 9293 model (``capture.connection_replay``); nothing here imports Qt, so a big
capture is read and exported headless. Every way this can fail is a ``CaptureError`` of one
line (a file that is not a capture, no TCP connection, no such connection); the reader's
warnings (a file cut short, packets cut to the snapshot length) stay on the result, and
``stopped_early`` says whether the file ended before its packets did.

``replay_document`` is the timeline's JSON (``models.timeline.json_form``, the scenarios'
schema: per step index, time, segment, states, transitions, explanation), with

* every time counted from the capture's first packet (Wireshark's ``frame.time_relative``),
  not from the connection's first segment as the replay counts them;
* per step the capture's analysis of its segment in Wireshark's words
  (``annotations``: ``retransmission``, ``duplicate_ack``, ...) and the replay's ``notes``;
* per segment the ``packet`` number that carried it and ``captured_at``, when the capture
  saw it (``sent_at``/``end_at`` are the replay's: one of them is inferred);
* ``capture``: the file, the connection (number, addresses, ports, how client and server were
  told apart) and the capture point (which end the capture was taken at, and why).

``capture_what_if_of`` loses one of the replay's segments and lets the TCP model run on
(``models.simulation.capture_what_if``, the window's D); ``what_if_document`` is that timeline
as the same data, each step marked ``simulated`` or not, with ``what_if``: from which step the
model runs and which packet was lost.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from simulator.models.replay.engine import ReplayInfo
from simulator.models.replay.lazy_timeline import ReplayTimeline
from simulator.models.simulation.capture_what_if import (
    CaptureWhatIf,
    WhatIfFailed,
    WhatIfRefused,
    capture_what_if,
)
from simulator.models.timeline.json_form import timeline_json
from simulator.models.timeline.steps import Timeline
from simulator.net.capture import messages as say
from simulator.net.capture.connection_replay import replay_connection
from simulator.net.capture.connection_table import Connection
from simulator.net.capture.errors import CaptureError
from simulator.net.capture.index import CaptureIndex
from simulator.net.capture.index_cache import open_index
from simulator.net.capture.tcp_anomalies import anomaly_names
from simulator.net.http.capture_http import capture_http
from simulator.net.http.replay_layer import http_for_connection, messages_for_connection

#: The beginnings of the reader's warnings that say it stopped before the end of the file.
_STOPPED_EARLY = tuple(forms.one.split("{")[0] for forms in (
    say.ABSURD_RECORD, say.CUT_IN_RECORD_HEADER, say.CUT_IN_RECORD_DATA, say.PCAPNG_CUT))

DEFAULT_CONNECTION = 0  # the window replays the first connection when a capture opens


@dataclass(frozen=True)
class OpenedReplay:
    """A capture's connection and its replay."""

    index: CaptureIndex
    number: int  # the connection's number in the capture (0-based, like tcp.stream)
    timeline: ReplayTimeline
    info: ReplayInfo
    warnings: tuple[str, ...] = field(default=())

    @property
    def connection(self) -> Connection:
        return self.index.connections[self.number]

    @property
    def file_name(self) -> str:
        return os.path.basename(self.index.path)

    @property
    def origin(self) -> float:
        """When the capture's first packet was taken (seconds since the epoch)."""
        return float(self.index.packets["time"][0])

    @property
    def offset(self) -> float:
        """Seconds from the capture's first packet to the connection's first segment (the
        replay's time 0)."""
        rows = self.index.packet_rows(self.number)
        return float(self.index.packets["time"][rows[0]]) - self.origin

    @property
    def stopped_early(self) -> str | None:
        """The reader's warning that the file is cut short or damaged, if it is."""
        return next((w for w in self.warnings if w.startswith(_STOPPED_EARLY)), None)


def read_capture(path: str) -> CaptureIndex:
    """The capture's index; any file that cannot be read is one line (``CaptureError``)."""
    try:
        return open_index(path)
    except OSError as error:  # the reader turns most into CaptureError; never a traceback
        raise CaptureError(say.CANNOT_OPEN.format(reason=error.strerror or error)) from None


def check_connection(index: CaptureIndex, number: int | None) -> int:
    """The connection to replay: ``number``, or the window's default; one line if there is
    no TCP connection, or no such one."""
    name = os.path.basename(index.path)
    if not index.connections:
        raise CaptureError(f"{name} contains no TCP connection to replay")
    if number is None:
        return DEFAULT_CONNECTION
    if not 0 <= number < len(index.connections):
        raise CaptureError(f"--connection: {name} has connections 0 to "
                           f"{len(index.connections) - 1}")
    return number


def open_replay(path: str, number: int | None = None) -> OpenedReplay:
    """Read the capture and replay connection ``number`` (default: the window's first)."""
    index = read_capture(path)
    chosen = check_connection(index, number)
    try:
        timeline, info = replay_connection(index, chosen)
    except Exception as error:  # as the window's loader: one line, never a traceback
        raise CaptureError(f"unexpected error while replaying connection {chosen}: "
                           f"{error!r}") from None
    return OpenedReplay(index, chosen, timeline, info, tuple(index.warnings))


def show_http(opened: OpenedReplay) -> None:
    """Give the replay its HTTP layer, as the window does when a capture opens (the images
    then show the message, cookie jar and sessions of an HTTP connection's steps)."""
    try:
        found = capture_http(opened.index)
    except Exception:  # the HTTP pass is an extra, as in the window: never lose the replay
        return
    at = http_for_connection(found, opened.number)
    if at is not None:
        opened.timeline.show_http(at, messages_for_connection(found, opened.number))


def replay_document(opened: OpenedReplay) -> dict[str, Any]:
    """The replayed connection as JSON-ready data (see the module's docstring)."""
    return _document(opened, opened.timeline, lambda i: i)


def what_if_document(opened: OpenedReplay, what_if: CaptureWhatIf) -> dict[str, Any]:
    """A what-if of the replayed connection (``--open CAPTURE --drop N``) as the same data:
    the replay's steps up to ``simulated_from_step``, the model's from there. Segments the
    capture holds keep their packet and capture time; the model's own have none."""
    doc = _document(opened, what_if.timeline, what_if.captured.get)
    for step in doc["steps"]:
        step["simulated"] = step["index"] >= what_if.fork
        if step["simulated"]:
            step["annotations"] = []  # Wireshark's analysis is of the capture, not the model
    packets = opened.index.segment_array(opened.number)["number"].tolist()
    doc["what_if"] = {
        "simulated_from_step": what_if.fork,
        "lost_segment": what_if.lost,
        "lost_packet": packets[what_if.captured_lost],
        "lost_captured_segment": what_if.captured_lost,
        "seeded_from": "each side's control block after step simulated_from_step - 1 of "
                       "the replay; the applications make the calls the capture shows next "
                       "(simulator.models.simulation.capture_what_if)",
    }
    return doc


def capture_what_if_of(opened: OpenedReplay, segment: int) -> CaptureWhatIf:
    """Lose the replay's segment ``segment`` (its number in the JSON, capture order) and let
    the model run on (one line if that makes no sense)."""
    timeline = opened.timeline
    if not 0 <= segment < len(timeline.segments):
        raise CaptureError(f"--drop {segment}: connection {opened.number} of "
                           f"{opened.file_name} has segments 0 to "
                           f"{len(timeline.segments) - 1}")
    packets = opened.index.segment_array(opened.number)["number"].tolist()
    rtt = opened.info.rtt
    try:
        return capture_what_if(timeline, timeline.segments[segment].sent_step,
                               packet=packets[segment],
                               one_way_delay=rtt / 2 if rtt else None)
    except (WhatIfRefused, WhatIfFailed) as refused:
        raise CaptureError(f"--drop {segment}: {refused}") from None


def _document(opened: OpenedReplay, timeline: Timeline,
              captured_id: Callable[[int], int | None]) -> dict[str, Any]:
    info, conn = opened.info, opened.connection
    doc = timeline_json(timeline)
    shift = opened.offset
    segments = opened.index.segment_array(opened.number)
    packets = segments["number"].tolist()
    captured = (segments["time"] - opened.origin).tolist()
    marks = [anomaly_names(int(a)) for a in segments["anomalies"]]

    def on_capture_clock(seg: dict[str, Any]) -> None:
        """A segment's times from the capture's first packet, its packet and when the
        capture saw it (None for a segment only the model sent)."""
        i = captured_id(seg["id"])
        seg["packet"] = None if i is None else packets[i]
        seg["captured_at"] = None if i is None else round(captured[i], 6)
        for key in ("sent_at", "end_at"):
            if seg[key] is not None:
                seg[key] = round(seg[key] + shift, 6)

    for seg in doc["segments"]:
        on_capture_clock(seg)
    for step in doc["steps"]:
        step["time"] = round(step["time"] + shift, 6)
        seg = step["segment"]
        i = None
        if seg is not None:
            on_capture_clock(seg)
            i = captured_id(seg["id"])
        step["annotations"] = list(marks[i]) if i is not None else []
        step["notes"] = list(timeline[step["index"]].notes)
    doc["capture"] = {
        "file": opened.file_name,
        "packets": opened.index.packet_count,
        "warnings": list(opened.warnings),
        "time_origin": "the capture's first packet (as Wireshark's frame.time_relative)",
        "first_packet_epoch": opened.origin,
        "connection": {
            "number": opened.number,
            "connections_in_capture": len(opened.index.connections),
            "client": conn.client, "server": conn.server,
            "client_ip": conn.client_ip, "client_port": conn.client_port,
            "server_ip": conn.server_ip, "server_port": conn.server_port,
            "ip_version": conn.ip_version,
            "orientation": conn.orientation, "orientation_reason": conn.orientation_reason,
            "opened": conn.opened, "closed": conn.closed,
            "first_packet": conn.first_packet,
            "start": round(shift, 6),
            "packets": len(packets),
        },
        "capture_point": {
            "end": info.capture_point, "reason": info.capture_point_reason,
            "rtt": None if info.rtt is None else round(info.rtt, 6),
            "opened": info.opened, "orientation": info.orientation,
            "unseen_segments": info.unseen_segments,
        },
    }
    return doc
