"""The ``analyze`` document: a JSON-ready summary of a capture's TCP connections, and a table.

Counts follow Wireshark's display filters (``tcp.flags.syn==1 && tcp.flags.ack==0`` for
"syn", ``tcp.analysis.retransmission`` for "retransmission", ...); see ``tcp_anomalies``
for the analysis rules (RFC 9293 for TCP itself). Each connection also gets ``"http"``: its
HTTP exchanges in request order, found by content on any port (``net.http.exchanges``).
``connection_rows`` and ``write_document`` make and write the same document one connection
at a time, for captures of very many connections.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TextIO

from simulator.models.http.flask_session import SecretKeys
from simulator.models.http.snapshot import FlaskSessionView
from simulator.net.capture.connection_table import COUNT_NAMES, Connection
from simulator.net.capture.index import CaptureIndex
from simulator.net.capture.index_cache import open_index
from simulator.net.http.exchanges import ConnectionHttp, HttpExchange, connection_http
from simulator.net.http.jars import response_flask_session
from simulator.net.http.streams import packet_bytes

_SHORT = {
    "retransmission": "retrans",
    "fast_retransmission": "fast-retrans",
    "duplicate_ack": "dup-ack",
    "out_of_order": "out-of-order",
    "zero_window": "zero-window",
}


def index_document(index: CaptureIndex) -> dict[str, Any]:
    """The analyze document for an already built index."""
    return {**document_head(index),
            "connections": [connection_row(c) for c in index.connections]}


def document_head(index: CaptureIndex) -> dict[str, Any]:
    """The document without its ``"connections"``, which come after these keys."""
    return {
        "file": os.path.basename(index.path),
        "packets": index.packet_count,
        "warnings": list(index.warnings),
    }


def connection_row(c: Connection) -> dict[str, Any]:
    """One connection's row of the document (before ``"http"`` and the states)."""
    return {
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


def connection_rows(index: CaptureIndex, secret_key: SecretKeys | None = None
                    ) -> Iterator[dict[str, Any]]:
    """Each connection's row with its ``"http"``, one connection at a time: a writer that
    streams them (``write_document``) holds one row, not one per connection (a SYN scan's
    170,000 rows are ~250 MB of dicts)."""
    with packet_bytes(index) as reader:
        for c in index.connections:
            row = connection_row(c)
            row["http"] = http_rows(connection_http(index, c.id, reader), secret_key)
            yield row


#: ``write_document`` writes in blocks of about this many characters: with an unbuffered
#: stdout (PYTHONUNBUFFERED=1, common in containers) every ``write`` is a system call, and
#: ``json.dump`` makes one per token (17 million for a SYN scan's 170,000 rows).
WRITE_BLOCK = 1 << 16


def write_document(head: dict[str, Any], rows: Iterable[dict[str, Any]], out: TextIO) -> None:
    """Write ``{**head, "connections": [*rows]}`` exactly as ``json.dump`` with ``indent=2``
    and ``ensure_ascii=False`` does, and a newline, taking the rows one at a time."""
    text = json.dumps({**head, "connections": []}, indent=2, ensure_ascii=False)
    assert text.endswith('"connections": []\n}')
    block = [text[: -len("[]\n}")]]
    size = 0
    written = 0
    for row in rows:
        # JSON text holds no raw newline inside a string: each newline starts a line to
        # indent by the two levels the row is nested in.
        piece = json.dumps(row, indent=2, ensure_ascii=False).replace("\n", "\n    ")
        block += (",\n    " if written else "[\n    ", piece)
        written += 1
        size += len(piece)
        if size >= WRITE_BLOCK:
            out.write("".join(block))
            block.clear()
            size = 0
    block.append("\n  ]\n}\n" if written else "[]\n}\n")
    out.write("".join(block))


def analyze_capture(
    path: str,
    progress: Callable[[int, int], None] | None = None,
    should_cancel: Callable[[], bool] | None = None,
    secret_key: SecretKeys | None = None,
) -> dict[str, Any]:
    """Build the index of ``path`` and return its analyze document (raises CaptureError)."""
    index = open_index(path, progress, should_cancel)
    doc = index_document(index)
    add_http(doc, index, secret_key)
    return doc


def add_http(doc: dict[str, Any], index: CaptureIndex,
             secret_key: SecretKeys | None = None) -> None:
    """Give every connection row of ``doc`` its ``"http"`` list (empty when not HTTP).

    One connection at a time, and without ``capture_http``'s cookie jars: a row needs only
    its own exchanges, and replaying the jars of 50,000 pipelined requests cost a sixth of
    the whole command (issue 13)."""
    with packet_bytes(index) as reader:
        for row in doc["connections"]:
            row["http"] = http_rows(connection_http(index, row["id"], reader), secret_key)


def flask_session_document(view: FlaskSessionView | None) -> dict[str, Any] | None:
    """A decoded Flask session cookie, JSON-ready (``payload`` parsed from its JSON text;
    None when it was not decoded, e.g. over ``limits.SESSION_PAYLOAD``)."""
    if view is None:
        return None
    return {
        "payload": json.loads(view.payload) if view.payload else None,
        "timestamp": view.timestamp,
        "signature": view.signature,
        "compressed": view.compressed,
        "verified": view.verified,
        "reason": view.reason,
    }


def _exchange_row(ex: HttpExchange, secret_key: SecretKeys | None) -> dict[str, Any]:
    request = ex.request.message if ex.request is not None else None
    response = ex.response.message if ex.response is not None else None
    return {
        "method": request.method if request else None,
        "uri": request.target if request else None,
        "status": response.status if response else None,
        "cookie": request.header("Cookie") if request else None,
        "set_cookie": list(response.headers_named("Set-Cookie")) if response else [],
        "flask_session": flask_session_document(
            response_flask_session(response, secret_key) if response else None),
        # why a message could not be fully understood (malformed, cut short, over a limit)
        "request_problems": list(request.problems) if request else [],
        "response_problems": list(response.problems) if response else [],
    }


def http_rows(conn: ConnectionHttp, secret_key: SecretKeys | None = None) -> list[dict[str, Any]]:
    """One row per exchange, in request order (issue 4's ``analyze --json`` shape)."""
    return [_exchange_row(ex, secret_key) for ex in conn.exchanges]


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


#: The table lists at most this many exchanges per connection (the JSON has them all).
_HTTP_SHOWN = 8


def format_http(doc: dict[str, Any]) -> str:
    """The HTTP exchanges of an analyze document (with ``"http"`` rows) as plain text."""
    return "\n".join(_http_lines(doc["connections"]))


def _http_lines(conns: list[dict[str, Any]]) -> list[str]:
    with_http = [c for c in conns if c.get("http")]
    if not with_http:
        return []
    lines = ["", "HTTP (found by content, any port):"]
    for c in with_http:
        rows = c["http"]
        cookies = sum(1 for r in rows if r["cookie"])
        set_cookies = sum(len(r["set_cookie"]) for r in rows)
        lines.append(f"  {c['id']}: {len(rows)} exchange(s), {cookies} with Cookie, "
                     f"{set_cookies} Set-Cookie")
        for r in rows[:_HTTP_SHOWN]:
            status = "-" if r["status"] is None else str(r["status"])
            ask = f"{r['method']} {r['uri']}" if r["method"] else "(request not captured)"
            marks = " [cookie]" if r["cookie"] else ""
            marks += f" [set-cookie ×{len(r['set_cookie'])}]" if r["set_cookie"] else ""
            marks += " [flask session]" if r["flask_session"] else ""
            if r["request_problems"] or r["response_problems"]:
                marks += " [problems: see --json]"
            lines.append(f"      {ask[:70]} → {status}{marks}")
        if len(rows) > _HTTP_SHOWN:
            lines.append(f"      … {len(rows) - _HTTP_SHOWN} more (see --json)")
    return lines
