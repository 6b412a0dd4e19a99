"""HTTP found in one captured connection: its exchanges, each a request and its response(s).

Theory of operation
-------------------
A connection's bytes go through five stages, in the order this module reads; each stage hands
the next what it needs once:

1. **Detect by content** (not by port): a connection is looked at as HTTP when one of its
   first data segments (read with ``streams.PacketBytes``) holds an HTTP/1.x start line (a
   request line from the client or a status line from the server, RFC 9112 §3 and §4).
2. **Reassemble and orient**: only then are both directions reassembled
   (``streams.reassemble``). The connection's client is the one the index chose (the SYN's
   sender); if the server's bytes hold the requests, the two directions are swapped for
   parsing, so a wrong guess does not hide the HTTP.
3. **Parse, requests first** (``models.http.tolerant_parser``): each direction's runs and gaps,
   in stream order (``DirectionStream.pieces``), go to a ``TolerantHttpParser``. The client's
   direction is parsed first, because a response's framing depends on its request's method
   (a response to HEAD has no body, RFC 9112 §6.3).
4. **Locate**: the byte ranges of all of a direction's messages go back to its stream once
   (``DirectionStream.deliveries``), which says which packets carried each message and when
   its first and its last byte were captured.
5. **Pair** (RFC 9112 §9.3.2: a server answers requests in the order they came, pipelined or
   not): the responses are matched with the requests in order. A final response whose first
   byte was captured before the next unanswered request's first byte cannot answer it: its
   request is not in the capture (the capture started late), so it stands alone. Interim
   1xx responses (RFC 9110 §15.2) belong to the request of the final response after them.
   A request is *pipelined* when it was complete in the same packet as the previous request
   or before the previous response was complete (the manifest's rule, after Wireshark).

What comes next, each client's cookie jar over the exchanges of all its connections, is in
``jars``; ``capture_http`` runs both for a whole capture.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from urllib.parse import urlsplit

from simulator.models.http.snapshot import HttpMessage, MessageKind
from simulator.models.http.stream_parser import ParsedMessage
from simulator.models.http.tolerant_parser import SkippedBytes, TolerantHttpParser
from simulator.net.capture.index import CaptureIndex
from simulator.net.http.streams import (
    DirectionStream,
    PacketBytes,
    StreamRun,
    packet_bytes,
    reassemble,
)

_START_LINE = re.compile(
    rb"(?:^|\n)(?:[A-Z][A-Z-]{1,19} [^\s]+ HTTP/\d\.\d\r?\n|HTTP/\d\.\d \d{3}[ \r\n])"
)
#: Data segments per direction looked at to detect HTTP.
_PROBE_SEGMENTS = 8


@dataclass(frozen=True)
class CapturedMessage:
    """A parsed message with its place in the capture."""

    message: HttpMessage
    direction: int  # 0 = client → server
    start: int  # stream offsets: bytes start .. end-1 of its direction
    end: int
    packets: tuple[int, ...]  # packet numbers that carried its bytes
    first_time: float | None  # when its first byte was captured
    time: float | None  # when it was complete (its last byte captured)

    @property
    def last_packet(self) -> int | None:
        return max(self.packets) if self.packets else None


@dataclass(frozen=True)
class HttpExchange:
    """One request and its response(s) on a connection."""

    connection: int
    number: int  # 0, 1, ... in request order on this connection
    request: CapturedMessage | None  # None: the capture holds only the response
    informational: tuple[CapturedMessage, ...]  # 1xx responses before the final one
    response: CapturedMessage | None  # None: no response captured
    pipelined: bool
    request_url: str | None

    @property
    def time(self) -> float:
        """When the exchange started (request, else response), for time ordering."""
        for part in (self.request, self.response):
            if part is not None and part.first_time is not None:
                return part.first_time
        return 0.0


@dataclass(frozen=True)
class ConnectionHttp:
    """The HTTP of one captured connection."""

    connection: int
    client: str
    server: str
    client_ip: str
    is_http: bool
    exchanges: tuple[HttpExchange, ...]
    skipped: tuple[tuple[int, SkippedBytes], ...]  # (direction, bytes not in any message)
    swapped: bool  # the index's "client" sent the responses; parsed the other way round


# --------------------------------------------------------------------------- one connection


def connection_http(
    index: CaptureIndex, conn_id: int, reader: PacketBytes | None = None,
    *, detect: bool = True,
) -> ConnectionHttp:
    """The HTTP exchanges of connection ``conn_id`` (``is_http`` False when none found)."""
    if reader is None:
        with packet_bytes(index) as own:
            return connection_http(index, conn_id, own, detect=detect)
    conn = index.connections[conn_id]
    empty = ConnectionHttp(conn_id, conn.client, conn.server, conn.client_ip, False, (), (),
                           False)
    if not any(conn.bytes):  # no payload either way (a scan's SYN): nothing to read
        return empty
    if detect and not any(_probe(index, conn_id, reader)):
        return empty
    c2s, s2c = reassemble(index, conn_id, reader)
    swapped = _requests_come_from_server(c2s, s2c)
    client, server = (s2c, c2s) if swapped else (c2s, s2c)
    host = conn.client_ip if swapped else conn.server_ip
    port = conn.client_port if swapped else conn.server_port
    if ":" in host:
        host = f"[{host}]"
    exchanges, skipped = parse_connection_streams(client, server, conn_id, host, port)
    if not exchanges:
        return replace(empty, skipped=tuple(skipped))
    return ConnectionHttp(
        connection=conn_id,
        client=conn.server if swapped else conn.client,
        server=conn.client if swapped else conn.server,
        client_ip=conn.server_ip if swapped else conn.client_ip,
        is_http=True,
        exchanges=tuple(exchanges),
        skipped=tuple(skipped),
        swapped=swapped,
    )


# --------------------------------------------------------------------------- 1. detect


def _probe(index: CaptureIndex, conn_id: int, reader: PacketBytes) -> tuple[bool, bool]:
    """(HTTP seen from the client, HTTP seen from the server) in the first data segments.

    The candidates (each direction's first ``_PROBE_SEGMENTS`` segments with a payload) are
    picked by numpy: a bulk transfer one way has no payload the other way, and walking all
    its rows one numpy scalar at a time cost ~0.5 s per million packets in ``analyze``."""
    conn = index.connections[conn_id]
    rows = index.packet_rows(conn_id)
    p = index.packets
    found = [False, False]
    carrying = rows[p["payload_len"][rows] > 0]
    directions = p["direction"][carrying]
    for d in (0, 1):
        ports = (conn.client_port, conn.server_port)[:: 1 if d == 0 else -1]
        for row in carrying[directions == d][:_PROBE_SEGMENTS].tolist():
            data = reader.payload(row, ports[0], ports[1], int(p["seq"][row]),
                                  int(p["payload_len"][row]))
            if data and _START_LINE.search(data[:4096]):
                found[d] = True
                break
    return found[0], found[1]


# --------------------------------------------------------------------------- 2. orient


def _head(stream: DirectionStream) -> bytes:
    return stream.runs[0].data[:64] if stream.runs else b""


def _requests_come_from_server(c2s: DirectionStream, s2c: DirectionStream) -> bool:
    """True when the index's server sent request lines and its client status lines."""
    return bool(re.match(rb"HTTP/\d\.\d ", _head(c2s))) and not re.match(
        rb"HTTP/\d\.\d ", _head(s2c))


# --------------------------------------------------------------------------- 3. parse, 4. locate


def parse_connection_streams(
    client: DirectionStream, server: DirectionStream, connection: int = 0,
    host: str = "", default_port: int = 80,
) -> tuple[list[HttpExchange], list[tuple[int, SkippedBytes]]]:
    """Parse, locate and pair both directions (requests in ``client``, responses in
    ``server``)."""
    requests = _parse(client, TolerantHttpParser(MessageKind.REQUEST, connection=connection,
                                                 offset=client.start))
    methods = [m.message.method or "GET" for m in requests.messages]
    responses = _parse(server, TolerantHttpParser(MessageKind.RESPONSE, methods,
                                                  connection=connection, offset=server.start))
    exchanges = _pair(connection, _locate(requests.messages, client),
                      _locate(responses.messages, server), host, default_port)
    skipped = [(client.direction, s) for s in requests.skipped]
    skipped += [(server.direction, s) for s in responses.skipped]
    return exchanges, skipped


def _parse(stream: DirectionStream, parser: TolerantHttpParser) -> TolerantHttpParser:
    for piece in stream.pieces:
        if isinstance(piece, StreamRun):
            parser.feed(piece.data)
        else:
            parser.gap(piece.length, piece.reason)
    parser.finish(closed=stream.fin)
    return parser


def _locate(parsed: Sequence[ParsedMessage], stream: DirectionStream) -> list[CapturedMessage]:
    """The messages with the packets that carried them and when, all found in one call."""
    deliveries = stream.deliveries([(m.start, m.end) for m in parsed])
    return [CapturedMessage(message=m.message, direction=stream.direction, start=m.start,
                            end=m.end, packets=d.packets, first_time=d.first_time,
                            time=d.last_time)
            for m, d in zip(parsed, deliveries, strict=True)]


# --------------------------------------------------------------------------- 5. pair


def _order(m: CapturedMessage) -> int:
    return min(m.packets) if m.packets else 1 << 62


def _pair(
    connection: int, reqs: list[CapturedMessage], resps: list[CapturedMessage],
    host: str, default_port: int,
) -> list[HttpExchange]:
    pending: list[CapturedMessage] = []  # 1xx waiting for their final response
    pairs: list[tuple[CapturedMessage | None, list[CapturedMessage], CapturedMessage | None]]
    pairs = []
    r = 0
    for resp in resps:
        status = resp.message.status
        if status is not None and 100 <= status < 200 and status != 101:
            pending.append(resp)
            continue
        first = pending[0] if pending else resp
        if r < len(reqs) and _order(reqs[r]) < _order(first):
            pairs.append((reqs[r], pending, resp))
            r += 1
        else:  # the capture holds no request this response can answer
            pairs.append((None, pending, resp))
        pending = []
    for req in reqs[r:]:
        pairs.append((req, pending, None))
        pending = []
    if pending:
        pairs.append((None, pending, None))
    pairs.sort(key=lambda x: _order(x[0] or x[2] or x[1][0]))
    exchanges: list[HttpExchange] = []
    prev: tuple[CapturedMessage | None, CapturedMessage | None] = (None, None)
    for number, (request, info, response) in enumerate(pairs):
        pipelined = _pipelined(request, *prev)
        exchanges.append(
            HttpExchange(
                connection=connection,
                number=number,
                request=_numbered(request, connection, number),
                informational=tuple(_number(i, connection, number) for i in info),
                response=_numbered(response, connection, number),
                pipelined=pipelined,
                request_url=(_request_url(request.message, host, default_port)
                             if request else None),
            )
        )
        prev = (request, response)
    return exchanges


def _number(m: CapturedMessage, connection: int, exchange: int) -> CapturedMessage:
    if m.message.connection == connection and m.message.exchange == exchange:
        return m  # the parser's count already agrees (two replace() calls: a third of _pair)
    return replace(m, message=replace(m.message, connection=connection, exchange=exchange))


def _numbered(m: CapturedMessage | None, connection: int, exchange: int) -> CapturedMessage | None:
    return None if m is None else _number(m, connection, exchange)


def _pipelined(req: CapturedMessage | None, prev_req: CapturedMessage | None,
               prev_resp: CapturedMessage | None) -> bool:
    if req is None or prev_req is None or req.last_packet is None:
        return False
    if req.last_packet == prev_req.last_packet:
        return True
    return (prev_resp is not None and prev_resp.last_packet is not None
            and req.last_packet < prev_resp.last_packet)


def _request_url(message: HttpMessage, host: str, default_port: int) -> str:
    target = message.target or "/"
    if re.match(r"https?://", target, re.IGNORECASE):
        return target  # absolute-form (RFC 9112 §3.2.2), e.g. to a proxy
    address = host if default_port == 80 else f"{host}:{default_port}"
    authority = message.header("Host") or address
    if not target.startswith("/"):
        target = "/" + target if target != "*" else "/"
    try:
        _ = urlsplit(f"http://{authority}/").port  # raises for what no URL can hold
    except ValueError:  # "Host: [", a port over 65535, characters NFKC makes into "/"...
        authority = address  # the jar keys the cookie to the server the bytes went to
    return f"http://{authority}{target}"
