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
import os
import sys
from collections.abc import Iterator, Sequence
from typing import Any

from simulator.models.http.flask_session import SecretKeys
from simulator.models.limits import NOT_REPLAYED, REPLAYED_CONNECTIONS
from simulator.models.replay.engine import cyclic_gc_paused
from simulator.net.analyze import (
    connection_rows,
    document_head,
    format_http,
    format_table,
    write_document,
)
from simulator.net.capture.connection_replay import replay_connection
from simulator.net.capture.errors import CaptureError
from simulator.net.capture.index import CaptureIndex
from simulator.net.capture.index_cache import open_index


def analyzed_rows(index: CaptureIndex, secret_key: SecretKeys | None = None
                  ) -> Iterator[dict[str, Any]]:
    """Each connection's row (``net.analyze.connection_rows``: counts, HTTP) with the states
    both sides went through, replayed one connection at a time; past
    ``limits.REPLAYED_CONNECTIONS`` the states are None."""
    for number, (row, conn) in enumerate(zip(connection_rows(index, secret_key),
                                             index.connections, strict=True)):
        if number < REPLAYED_CONNECTIONS:
            row["client_states"], row["server_states"], row["capture_point"] = \
                _replayed_states(index, conn.id)
        else:
            row["client_states"] = row["server_states"] = row["capture_point"] = None
        yield row


def _replayed_states(index: CaptureIndex, conn_id: int) -> tuple[list[str], list[str], str]:
    """Each side's states and the capture point. The timeline is made and dropped with the
    cyclic garbage collector paused (as the replay's own pass is): its per-step records (a
    few hundred thousand tuples for a big connection, none in a cycle) are freed by their
    reference counts before the collector runs again, instead of being scanned by the
    collections their allocation would set off (~3 % of ``analyze`` at a million packets)."""
    with cyclic_gc_paused():
        timeline, info = replay_connection(index, conn_id)
        states = timeline.states("client"), timeline.states("server"), info.capture_point
        del timeline, info
    return states


def analyzed_head(index: CaptureIndex) -> dict[str, Any]:
    """``net.analyze.document_head``, warning when not every connection is replayed."""
    head = document_head(index)
    if len(index.connections) > REPLAYED_CONNECTIONS:
        head["warnings"].append(NOT_REPLAYED.format(count=len(index.connections),
                                                    limit=REPLAYED_CONNECTIONS))
    return head


def analyze_document(path: str, secret_key: SecretKeys | None = None) -> dict[str, Any]:
    """The whole document in memory (the table, tests); ``--json`` streams it instead."""
    index = open_index(path)
    return {**analyzed_head(index), "connections": list(analyzed_rows(index, secret_key))}


def _states_table(doc: dict[str, Any]) -> str:
    lines = ["", "states (RFC 9293), as replayed through the model:"]
    for c in doc["connections"]:
        if c["client_states"] is None:
            continue  # not replayed (over the limit): the warnings above say so
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
    parser.add_argument("--no-cache", action="store_true",
                        help="index the capture again instead of reading the index kept from "
                             "the last time (and do not keep this one)")
    args = parser.parse_args(argv)
    try:
        index = open_index(args.capture, cache=not args.no_cache)
        doc = None if args.json else {
            **analyzed_head(index), "connections": list(analyzed_rows(index, args.secret_key))}
    except CaptureError as error:
        print(f"protocol-sim analyze: {error}", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"protocol-sim analyze: cannot read {args.capture}: "
              f"{error.strerror or error}", file=sys.stderr)
        return 1
    try:
        if doc is None:  # --json: each row written as it is made (a SYN scan's 170k rows)
            write_document(analyzed_head(index), analyzed_rows(index, args.secret_key),
                           sys.stdout)
        else:
            print(format_table(doc) + _states_table(doc))
            http = format_http(doc)
            if http:
                print(http)
        sys.stdout.flush()
    except CaptureError as error:  # the file changed while its rows were being written
        print(f"\nprotocol-sim analyze: {error}", file=sys.stderr)
        return 1
    except OSError as error:  # a full disk, a closed pipe: the output is incomplete
        _silence_stdout()
        print(f"protocol-sim analyze: cannot write the output: {error.strerror or error}",
              file=sys.stderr)
        return 1
    return 0


def _silence_stdout() -> None:
    """After a failed write, point stdout at the null device, so the interpreter's own
    flush at exit does not fail again with a traceback (Python's advice for SIGPIPE)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # no real file behind stdout: nothing left to flush
        pass
