"""``protocol-sim analyze CAPTURE [--json] [--secret-key KEY ...]``: a capture's TCP connections.

The index (``simulator.net``) gives the connection table and Wireshark-style counts; each
connection is then replayed through the RFC 9293 model for the states both sides went
through, and gets its HTTP exchanges (``"http"``, found by content; Flask session cookies
verified when the app's secret key is given; ``--secret-key`` again for each of Flask's
``SECRET_KEY_FALLBACKS``). Unusable input, or output that cannot be written (a full disk, a
closed pipe), is one line on stderr and exit status 1.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from typing import Any, TextIO

from simulator.models.http.flask_session import SecretKeys
from simulator.net.analyze import add_http, format_http, format_table, index_document
from simulator.net.capture.connection_replay import replay_connection
from simulator.net.capture.errors import CaptureError
from simulator.net.capture.index import build_index


def analyze_document(path: str, secret_key: SecretKeys | None = None) -> dict[str, Any]:
    index = build_index(path)
    doc = index_document(index)
    add_http(doc, index, secret_key)
    for row, conn in zip(doc["connections"], index.connections, strict=True):
        timeline, info = replay_connection(index, conn.id)
        row["client_states"] = timeline.states("client")
        row["server_states"] = timeline.states("server")
        row["capture_point"] = info.capture_point
    return doc


def _states_table(doc: dict[str, Any]) -> str:
    lines = ["", "states (RFC 9293), as replayed through the model:"]
    for c in doc["connections"]:
        lines.append(f"  {c['id']}: client {' → '.join(c['client_states'])}")
        lines.append(f"  {' ' * len(str(c['id']))}  server {' → '.join(c['server_states'])}")
    return "\n".join(lines) if doc["connections"] else ""


def run_analyze(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="protocol-sim analyze",
        description="List a capture's TCP connections with Wireshark-style counts and the "
                    "RFC 9293 states each side went through.")
    parser.add_argument("capture", help=".pcap or .pcapng file")
    parser.add_argument("--json", action="store_true", help="print one JSON document")
    parser.add_argument("--secret-key", metavar="KEY", action="append",
                        help="the Flask app's SECRET_KEY, to verify session cookies found; "
                             "give it again for each of SECRET_KEY_FALLBACKS, in order")
    args = parser.parse_args(argv)
    try:
        doc = analyze_document(args.capture, args.secret_key)
    except CaptureError as error:
        print(f"protocol-sim analyze: {error}", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"protocol-sim analyze: cannot read {args.capture}: "
              f"{error.strerror or error}", file=sys.stderr)
        return 1
    try:
        if args.json:
            write_json(doc, sys.stdout)
        else:
            print(format_table(doc) + _states_table(doc))
            http = format_http(doc)
            if http:
                print(http)
        sys.stdout.flush()
    except OSError as error:  # a full disk, a closed pipe: the output is incomplete
        _silence_stdout()
        print(f"protocol-sim analyze: cannot write the output: {error.strerror or error}",
              file=sys.stderr)
        return 1
    return 0


def write_json(doc: dict[str, Any], out: TextIO) -> None:
    """``doc`` as JSON, written piece by piece (``json.dump``) rather than built as one
    string first: the output never needs a second copy of a large document in memory."""
    json.dump(doc, out, indent=2, ensure_ascii=False)
    out.write("\n")


def _silence_stdout() -> None:
    """After a failed write, point stdout at the null device, so the interpreter's own
    flush at exit does not fail again with a traceback (Python's advice for SIGPIPE)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # no real file behind stdout: nothing left to flush
        pass
