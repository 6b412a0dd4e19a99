"""The whole non-GUI pipeline on one capture file: what the CLI and the window would do.

In order: the index (``build_index``); the analyze document exactly as ``protocol-sim
analyze --json`` builds and streams it (index, HTTP exchanges, Flask sessions, connections
replayed through the TCP model, each row written as it is made, here into a sink that
counts); the detail pane for a few packets (scapy dissection, the re-read bytes, the window
shift, the analysis flags); and ``capture_http`` with its jars as the window's HTTP room
uses them (every jar step's cookie comparison, every connection's HTTP layer and ladder
messages). A ``CaptureError`` may end it at any point: the file is unusable, and saying so
is a clean outcome.
"""

from __future__ import annotations

import io
import time
from dataclasses import dataclass
from typing import Any

from simulator.analyze_cli import analyzed_head, analyzed_rows
from simulator.net.analyze import write_document
from simulator.net.capture.index import CaptureIndex, build_index
from simulator.net.capture.packet_detail import dissect_packet, read_packet_bytes
from simulator.net.capture.tcp_anomalies import anomaly_names
from simulator.net.capture.tcp_options import window_shift_of
from simulator.net.http.capture_http import capture_http
from simulator.net.http.replay_layer import http_for_connection, messages_for_connection

#: At most this many packets are dissected per file (the first, the last, the one picked
#: at random, and those holding bytes a mutator touched).
DETAIL_PACKETS = 6


@dataclass(frozen=True)
class Job:
    """One file to run: its path, the analysis key, and hints for which packets to open."""

    path: str
    secret_key: str | None = None
    offsets: tuple[int, ...] = ()
    pick: int = 0


def detail_numbers(index: CaptureIndex, offsets: tuple[int, ...], pick: int) -> list[int]:
    """Packet numbers (1-based) for the detail pane: first, last, picked, touched."""
    count = index.packet_count
    if count == 0:
        return []
    chosen = [1, count, 1 + pick % count]
    if offsets:
        starts = index.packets["offset"]
        for off in offsets:
            at = int(starts.searchsorted(off, side="right"))  # the packet starting at or before
            if at > 0:
                chosen.append(at)
    return sorted(set(chosen))[:DETAIL_PACKETS]


def run_pipeline(job: Job) -> dict[str, Any]:
    """Run every stage on ``job.path``; returns a few counts and each stage's seconds (raises
    what the product raises)."""
    clock = _Stages()
    index = build_index(job.path)
    clock.lap("build_index")
    sink = _CountingSink()
    write_document(analyzed_head(index), analyzed_rows(index, job.secret_key), sink)
    clock.lap("analyze --json")
    details = 0
    for number in detail_numbers(index, job.offsets, job.pick):
        detail = dissect_packet(index, number)
        read_packet_bytes(index, number)
        window_shift_of(index, number)
        anomaly_names(int(index.packets["anomalies"][number - 1]))
        details += len(detail.layers)
    clock.lap("packet details")
    found = capture_http(index, secret_key=job.secret_key)
    clock.lap("capture_http")
    steps = 0
    for jar in found.jars.values():
        for step in jar:
            step.cookie_matches  # noqa: B018  (computed: the window shows it)
            steps += 1
    messages = 0
    for conn_id in found.connections:
        layer = http_for_connection(found, conn_id)
        parts = messages_for_connection(found, conn_id)
        messages += len(parts)
        if layer is not None:
            for _, numbers in parts:
                for number in numbers[:1]:
                    layer(number)
    clock.lap("jars and replay layer")
    return {"packets": index.packet_count, "connections": len(index.connections),
            "json_chars": sink.characters, "layers": details, "jar_steps": steps,
            "messages": messages, "stages": clock.seconds}


class _CountingSink(io.StringIO):
    """Where the analyze document goes: counted, not kept (as a pipe to another program)."""

    def __init__(self) -> None:
        super().__init__()
        self.characters = 0

    def write(self, text: str) -> int:
        self.characters += len(text)
        return len(text)


class _Stages:
    """Seconds spent in each stage, for naming what was slow."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self._last = time.perf_counter()

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.seconds[stage] = round(now - self._last, 4)
        self._last = now
