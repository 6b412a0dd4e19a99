"""The ``analyze`` document: a JSON-ready summary of a capture's TCP connections, and a table.

Counts follow Wireshark's display filters (``tcp.flags.syn==1 && tcp.flags.ack==0`` for
"syn", ``tcp.analysis.retransmission`` for "retransmission", ...); see ``tcp_anomalies``
for the analysis rules (RFC 9293 for TCP itself).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

from simulator.net.capture_index import COUNT_NAMES, CaptureIndex, build_index

_SHORT = {
    "retransmission": "retrans",
    "fast_retransmission": "fast-retrans",
    "duplicate_ack": "dup-ack",
    "out_of_order": "out-of-order",
    "zero_window": "zero-window",
}


def index_document(index: CaptureIndex) -> dict[str, Any]:
    """The analyze document for an already built index."""
    return {
        "file": os.path.basename(index.path),
        "packets": index.packet_count,
        "warnings": list(index.warnings),
        "connections": [
            {
                "id": c.id,
                "client": c.client,
                "server": c.server,
                "packets": sum(c.packets),
                "bytes": sum(c.bytes),
                "opened": c.opened,
                "closed": c.closed,
                "orientation": c.orientation,
                "counts": {name: c.counts[name] for name in COUNT_NAMES},
            }
            for c in index.connections
        ],
    }


def analyze_capture(
    path: str,
    progress: Callable[[int, int], None] | None = None,
    should_cancel: Callable[[], bool] | None = None,
) -> dict[str, Any]:
    """Build the index of ``path`` and return its analyze document (raises CaptureError)."""
    return index_document(build_index(path, progress, should_cancel))


def _notes(counts: dict[str, int]) -> str:
    parts = []
    for name in ("retransmission", "fast_retransmission", "duplicate_ack", "out_of_order",
                 "zero_window"):
        if counts.get(name):
            parts.append(f"{counts[name]} {_SHORT[name]}")
    return ", ".join(parts) or "-"


def format_table(doc: dict[str, Any]) -> str:
    """Render an analyze document as a plain-text table (for the non-JSON CLI output)."""
    conns = doc["connections"]
    lines = [f"{doc['file']}: {doc['packets']} packets, {len(conns)} TCP connection(s)"]
    for w in doc["warnings"]:
        lines.append(f"warning: {w}")
    if not conns:
        return "\n".join(lines)
    header = ("id", "client", "server", "pkts", "bytes", "opened", "closed",
              "SYN/SYN-ACK/FIN/RST", "analysis")
    rows = [
        (
            str(c["id"]),
            c["client"],
            c["server"],
            str(c["packets"]),
            str(c["bytes"]),
            c["opened"] if c.get("orientation", "handshake") == "handshake"
            else f"{c['opened']}*",
            c["closed"],
            "/".join(str(c["counts"][k]) for k in ("syn", "syn_ack", "fin", "rst")),
            _notes(c["counts"]),
        )
        for c in conns
    ]
    widths = [max(len(r[i]) for r in (header, *rows)) for i in range(len(header))]
    numeric = {0, 3, 4}

    def fmt(row: tuple[str, ...]) -> str:
        cells = [
            cell.rjust(widths[i]) if i in numeric else cell.ljust(widths[i])
            for i, cell in enumerate(row)
        ]
        return "  ".join(cells).rstrip()

    lines.append("")
    lines.append(fmt(header))
    lines.append("  ".join("-" * w for w in widths))
    lines.extend(fmt(r) for r in rows)
    if any(c.get("orientation") == "guess" for c in conns):
        lines.append("* no SYN captured: client/server guessed (lower port = server)")
    return "\n".join(lines)
