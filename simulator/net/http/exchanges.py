"""HTTP found in a capture: each connection's exchanges, and each client's cookie jar.

Theory of operation
-------------------
1. **Detect by content** (not by port): a connection is looked at as HTTP when one of its
   first data segments holds an HTTP/1.x start line (a request line from the client or a
   status line from the server, RFC 9112 §3 and §4); only then are both directions
   reassembled (``http_streams``) and parsed (``http_parse``). The connection's client is the
   one the index chose (the SYN's sender); if the server's bytes hold the requests, the two
   directions are swapped for parsing, so a wrong guess does not hide the HTTP.
2. **Requests first**: the client's direction is parsed first, because a response's framing
   depends on its request's method (a response to HEAD has no body, RFC 9112 §6.3).
3. **Pair** (RFC 9112 §9.3.2: a server answers requests in the order they came, pipelined or
   not): the responses are matched with the requests in order. A final response whose first
   byte was captured before the next unanswered request's first byte cannot answer it: its
   request is not in the capture (the capture started late), so it stands alone. Interim
   1xx responses (RFC 9110 §15.2) belong to the request of the final response after them.
   A request is *pipelined* when it was complete in the same packet as the previous request
   or before the previous response was complete (the manifest's rule, after Wireshark).
4. **Jars** (RFC 6265): for each client IP, the exchanges of all its connections in time
   order drive one ``CookieJar``: at each request the jar says which cookies it would send
   and why (compared with the Cookie header the browser really sent); at each response the
   Set-Cookie headers are stored. Virtual time is the capture time minus
   ``cookie_jar.VIRTUAL_EPOCH``, so ``Expires`` dates keep their calendar meaning.
5. **Flask sessions**: a cookie named ``session`` (or any cookie whose value is an
   itsdangerous token with a JSON object inside) is decoded with Flask's serializer
   (``flask_session``); it is verified only with a secret key the learner provides.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from simulator.models.http.cookie_jar import VIRTUAL_EPOCH, CookieJar
from simulator.models.http.flask_session import FLASK_SESSION_COOKIE_NAME, decode_flask_session
from simulator.models.http.snapshot import FlaskSessionView, HttpMessage, HttpSnapshot, MessageKind
from simulator.net.capture.index import CaptureIndex
from simulator.net.http.parse import CaptureHttpParser, ParsedMessage, SkippedBytes
from simulator.net.http.streams import DirectionStream, PacketBytes, packet_bytes, reassemble

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


@dataclass(frozen=True)
class JarStep:
    """One moment of a client's cookie jar: a request being sent or a response received."""

    time: float  # capture time (seconds since the epoch)
    connection: int
    exchange: int
    kind: MessageKind
    packet: int | None  # the packet that completed the message (for the views' cursor)
    snapshot: HttpSnapshot  # message, URL, jar rows after (with changes), decisions, session
    expected_cookie: str | None  # requests: the Cookie header the jar would send
    sent_cookie: str | None  # requests: the Cookie header really sent
    ignored: tuple[str, ...] = ()  # responses: Set-Cookies the jar refused, and why

    @property
    def cookie_matches(self) -> bool | None:
        """For a request: did the browser send what this jar would? (None for responses)."""
        if self.kind is not MessageKind.REQUEST:
            return None
        return _cookie_set(self.expected_cookie) == _cookie_set(self.sent_cookie)


@dataclass(frozen=True)
class CaptureHttp:
    """All HTTP of a capture: per connection, and per client the jar's evolution."""

    connections: dict[int, ConnectionHttp]
    jars: dict[str, tuple[JarStep, ...]]  # client IP -> steps in time order


# --------------------------------------------------------------------------- one connection


def _probe(index: CaptureIndex, conn_id: int, reader: PacketBytes) -> tuple[bool, bool]:
    """(HTTP seen from the client, HTTP seen from the server) in the first data segments."""
    conn = index.connections[conn_id]
    rows = index.packet_rows(conn_id)
    p = index.packets
    seen = [0, 0]
    found = [False, False]
    for row in rows.tolist():
        length = int(p["payload_len"][row])
        d = int(p["direction"][row])
        if not length or seen[d] >= _PROBE_SEGMENTS or found[d]:
            continue
        seen[d] += 1
        ports = (conn.client_port, conn.server_port)[:: 1 if d == 0 else -1]
        data = reader.payload(row, ports[0], ports[1], int(p["seq"][row]), length)
        if data and _START_LINE.search(data[:4096]):
            found[d] = True
        if all(s >= _PROBE_SEGMENTS or f for s, f in zip(seen, found, strict=True)):
            break
    return found[0], found[1]


def _feed(parser: CaptureHttpParser, stream: DirectionStream) -> None:
    pieces: list[tuple[int, bytes | tuple[int, str]]] = [(r.offset, r.data) for r in stream.runs]
    pieces += [(g.offset, (g.length, g.reason)) for g in stream.gaps]
    pieces.sort(key=lambda x: x[0])
    for _, piece in pieces:
        if isinstance(piece, bytes):
            parser.feed(piece)
        else:
            parser.gap(*piece)
    parser.finish(closed=stream.fin)


def _captured(parsed: ParsedMessage, stream: DirectionStream) -> CapturedMessage:
    return CapturedMessage(
        message=parsed.message,
        direction=stream.direction,
        start=parsed.start,
        end=parsed.end,
        packets=stream.packets_between(parsed.start, parsed.end),
        first_time=stream.time_first(parsed.start, parsed.end),
        time=stream.time_complete(parsed.start, parsed.end),
    )


def parse_connection_streams(
    client: DirectionStream, server: DirectionStream, connection: int = 0,
    host: str = "", default_port: int = 80,
) -> tuple[list[HttpExchange], list[tuple[int, SkippedBytes]]]:
    """Parse and pair both directions (requests in ``client``, responses in ``server``)."""
    requests = CaptureHttpParser(MessageKind.REQUEST, connection=connection,
                                 offset=_first_offset(client))
    _feed(requests, client)
    methods = [m.message.method or "GET" for m in requests.messages]
    responses = CaptureHttpParser(MessageKind.RESPONSE, methods, connection=connection,
                                  offset=_first_offset(server))
    _feed(responses, server)
    reqs = [_captured(m, client) for m in requests.messages]
    resps = [_captured(m, server) for m in responses.messages]
    exchanges = _pair(connection, reqs, resps, host, default_port)
    skipped = [(client.direction, s) for s in requests.skipped]
    skipped += [(server.direction, s) for s in responses.skipped]
    return exchanges, skipped


def _first_offset(stream: DirectionStream) -> int:
    starts = [r.offset for r in stream.runs] + [g.offset for g in stream.gaps]
    return min(starts, default=0)


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
    authority = message.header("Host") or (
        host if default_port == 80 else f"{host}:{default_port}")
    if not target.startswith("/"):
        target = "/" + target if target != "*" else "/"
    return f"http://{authority}{target}"


def connection_http(
    index: CaptureIndex, conn_id: int, reader: PacketBytes | None = None,
    *, detect: bool = True,
) -> ConnectionHttp:
    """The HTTP exchanges of connection ``conn_id`` (``is_http`` False when none found)."""
    if reader is None:
        with packet_bytes(index) as own:
            return connection_http(index, conn_id, own, detect=detect)
    conn = index.connections[conn_id]
    from_client, from_server = _probe(index, conn_id, reader) if detect else (True, True)
    empty = ConnectionHttp(conn_id, conn.client, conn.server, conn.client_ip, False, (), (),
                           False)
    if not (from_client or from_server):
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


def _head(stream: DirectionStream) -> bytes:
    return stream.runs[0].data[:64] if stream.runs else b""


def _requests_come_from_server(c2s: DirectionStream, s2c: DirectionStream) -> bool:
    """True when the index's server sent request lines and its client status lines."""
    return bool(re.match(rb"HTTP/\d\.\d ", _head(c2s))) and not re.match(
        rb"HTTP/\d\.\d ", _head(s2c))


# --------------------------------------------------------------------------- whole capture


def capture_http(
    index: CaptureIndex, conn_ids: Iterable[int] | None = None,
    secret_key: str | bytes | None = None,
) -> CaptureHttp:
    """HTTP of the given connections (all by default) and the jars of their clients."""
    ids = range(len(index.connections)) if conn_ids is None else conn_ids
    with packet_bytes(index) as reader:
        conns = {cid: connection_http(index, cid, reader) for cid in ids}
    return CaptureHttp(conns, client_jars(conns.values(), secret_key))


def virtual_time(capture_time: float) -> float:
    """A capture timestamp as the cookie jar's virtual time (see ``cookie_jar``)."""
    return capture_time - VIRTUAL_EPOCH


def client_jars(
    connections: Iterable[ConnectionHttp], secret_key: str | bytes | None = None,
) -> dict[str, tuple[JarStep, ...]]:
    """Per client IP, the jar's evolution over all its connections, in time order."""
    by_client: dict[str, list[HttpExchange]] = {}
    for conn in connections:
        if conn.is_http:
            by_client.setdefault(conn.client_ip, []).extend(conn.exchanges)
    return {ip: tuple(_jar_steps(exchanges, secret_key)) for ip, exchanges in
            sorted(by_client.items())}


def _jar_steps(exchanges: list[HttpExchange],
               secret_key: str | bytes | None) -> list[JarStep]:
    events: list[tuple[float, int, int, HttpExchange, CapturedMessage]] = []
    for ex in exchanges:
        if ex.request is not None and ex.request_url is not None:
            events.append((_when(ex.request), 0, ex.connection, ex, ex.request))
        if ex.response is not None and ex.request_url is not None:
            events.append((_when(ex.response), 1, ex.connection, ex, ex.response))
    events.sort(key=lambda e: (e[0], e[2], e[3].number, e[1]))
    jar = CookieJar()
    steps: list[JarStep] = []
    for when, _, _, ex, part in events:
        url = ex.request_url
        assert url is not None
        now = virtual_time(when)
        message = part.message
        if message.kind is MessageKind.REQUEST:
            expected, decisions = jar.cookies_for(url, now)
            sent = message.header("Cookie")
            steps.append(JarStep(
                when, ex.connection, ex.number, message.kind, part.last_packet,
                HttpSnapshot(message=message, request_url=url, jar=jar.rows(now),
                             decisions=decisions,
                             flask_session=request_flask_session(message, secret_key)),
                expected, sent))
        else:
            rows = jar.receive(list(message.headers_named("Set-Cookie")), url, now)
            steps.append(JarStep(
                when, ex.connection, ex.number, message.kind, part.last_packet,
                HttpSnapshot(message=message, request_url=url, jar=rows,
                             flask_session=response_flask_session(message, secret_key)),
                None, None, jar.ignored))
    return steps


def _when(m: CapturedMessage) -> float:
    return m.time if m.time is not None else (m.first_time or 0.0)


# --------------------------------------------------------------------------- Flask sessions


def _pairs(header: str, set_cookie: bool) -> list[tuple[str, str]]:
    """name=value pairs of a Cookie header (RFC 6265 §4.2.1: "; "-separated), or the one
    pair of a Set-Cookie (§5.2: the text before the first ';')."""
    parts = header.split(";", 1)[:1] if set_cookie else header.split(";")
    out = []
    for part in parts:
        name, eq, value = part.strip().partition("=")
        if eq:
            out.append((name.strip(), value.strip()))
    return out


def _flask_session(pairs: Sequence[tuple[str, str]],
                   secret_key: str | bytes | None) -> FlaskSessionView | None:
    """The first Flask session token among the cookies, ``session`` (Flask's default name)
    first; None when no cookie value is one (e.g. a deletion, ``session=; Max-Age=0``)."""
    ordered = sorted(pairs, key=lambda p: p[0] != FLASK_SESSION_COOKIE_NAME)
    for _, value in ordered:
        if "." not in value:
            continue
        view = decode_flask_session(value, secret_key)
        if not view.reason.startswith("not a Flask session cookie"):
            return view
    return None


def response_flask_session(message: HttpMessage,
                           secret_key: str | bytes | None = None) -> FlaskSessionView | None:
    """The Flask session cookie a response sets (decoded; verified when a key is given).

    Not checked for expiry: Flask's max_age is the app's PERMANENT_SESSION_LIFETIME, which a
    capture does not show.
    """
    pairs = [p for h in message.headers_named("Set-Cookie") for p in _pairs(h, True)]
    return _flask_session(pairs, secret_key)


def request_flask_session(message: HttpMessage,
                          secret_key: str | bytes | None = None) -> FlaskSessionView | None:
    """The Flask session cookie a request carries (decoded; verified when a key is given)."""
    pairs = [p for h in message.headers_named("Cookie") for p in _pairs(h, False)]
    return _flask_session(pairs, secret_key)


def _cookie_set(header: str | None) -> set[tuple[str, str]]:
    return set(_pairs(header, False)) if header else set()
