"""The HTTP layer over the simulated TCP connections: a browser and a web app talk real bytes.

Theory of operation
-------------------
``Web`` attaches itself to a ``network.Simulation`` as its application. Scenario scripts call
the browser's user-level actions (``visit``, ``submit``, ``fetch``, ``edit_cookie``,
``close``); everything else follows from the bytes:

1. *The browser builds a request*: the jar decides which cookies go (RFC 6265 §5.4), the
   request is written to bytes (``http.message.request_bytes``) and parsed back for the step.
   It goes on an open connection to the same origin if that connection persists (RFC 9112
   §9.3), else on a new one (``Simulation.open_connection``: SYN, SYN-ACK, ACK first); it is
   handed to TCP with ``client.send``, which cuts it into segments (MSS).
2. *The server reads it*: after every event the simulation gives ``Web`` a turn
   (``on_event``). The bytes the server's TCP delivered go to that connection's
   ``ServerConnection`` (h11); each complete request goes to the ``WebApp``, whose answer is
   written by h11 (Content-Length or chunked, ``Connection: close`` when the connection
   must end, RFC 9112 §6, §7.1, §9.3) and sent with ``server.send``; a streamed answer sends
   its later chunks at their virtual times (``Simulation.call_at``). If h11 says the
   connection must close, the server closes it; when the client closes, the server closes
   too.
3. *The browser reads the response*: bytes delivered to the client go to its
   ``HttpStreamParser`` (``stream_parser``, strict: h11 wrote them); a complete response
   updates the jar from its Set-Cookie fields (RFC 6265 §5.2, §5.3); a redirect is followed
   (RFC 9110 §15.4). When the server closed the connection, the browser closes its side.

Each of those is an HTTP step (layer "http") with an ``HttpSnapshot``: the message as parsed
from its bytes, the jar and the session store marked against the previous HTTP step, the
jar's decisions for a request, and the Flask session cookie taken apart when the app uses one.
TCP steps carry the last snapshot, marks cleared (``Simulation.http_context``).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from urllib.parse import urlencode, urljoin, urlsplit

from simulator.models.http.cookie_jar import CookieJar, mark_changes
from simulator.models.http.flask_session import FLASK_SESSION_COOKIE_NAME, decode_flask_session
from simulator.models.http.message import ServerConnection, persistence, request_bytes
from simulator.models.http.session_store import mark_session_changes
from simulator.models.http.snapshot import (
    Change,
    CookieDecision,
    CookieRow,
    FlaskSessionView,
    HttpMessage,
    HttpSnapshot,
    MessageKind,
    SessionEntry,
)
from simulator.models.http.stream_parser import HttpStreamParser, parse_messages
from simulator.models.http.web_app import AppRequest, AppResponse, WebApp
from simulator.models.simulation import http_explain as say
from simulator.models.simulation.network import Connection, Simulation
from simulator.models.tcp.states import TcpState
from simulator.models.timeline.steps import Explanation

__all__ = ["USER_AGENT", "Exchange", "Web"]

USER_AGENT = "ProtocolSimulator/1.0"
_FIN_RECEIVED = (TcpState.CLOSE_WAIT, TcpState.LAST_ACK, TcpState.CLOSING, TcpState.TIME_WAIT)
Origin = tuple[str, str, int]


@dataclass
class Exchange:
    """One request the browser sent and, once it has it, the response."""

    url: str
    request: HttpMessage
    connection: int
    response: HttpMessage | None = None


@dataclass
class _Link:
    """The HTTP state of both ends of one TCP connection."""

    conn: Connection
    origin: Origin
    server: ServerConnection
    parser: HttpStreamParser
    outstanding: deque[Exchange] = field(default_factory=deque)
    sent: int = 0
    server_read: int = 0
    client_read: int = 0
    persistent: bool = True
    streaming: bool = False
    server_closing: bool = False
    client_closing: bool = False
    eof: bool = False
    opened: bool = False
    head_seen: bool = False
    chunks_seen: int = 0

    @property
    def number(self) -> int:
        return self.conn.number


class Web:
    """A browser (with its cookie jar) and a web app on the two ends of the simulation."""

    def __init__(self, sim: Simulation, app: WebApp, *, version: str = "1.1") -> None:
        self.sim = sim
        self.app = app
        self.version = version
        self.jar = CookieJar()
        self.exchanges: list[Exchange] = []
        self._links: list[_Link] = []
        self._shown_jar: tuple[CookieRow, ...] = ()
        self._shown_sessions: tuple[SessionEntry, ...] = ()
        sim.application = self
        sim.http_context = HttpSnapshot()

    # ------------------------------------------------------------------ browser actions
    def start(self) -> None:
        """The web server starts listening (passive OPEN on port 80)."""
        self.sim.server.listen()

    def visit(self, url: str, *, follow: bool = True) -> Exchange:
        """GET ``url`` and wait for the response; follow redirects like a browser."""
        return self._complete(self._request("GET", url), follow)

    def submit(self, url: str, form: Mapping[str, str], *, follow: bool = True) -> Exchange:
        """POST an HTML form (application/x-www-form-urlencoded) and wait for the answer."""
        return self._complete(self._request("POST", url, form), follow)

    def fetch(self, urls: Sequence[str], *, pipelined: bool = False) -> list[Exchange]:
        """GET each URL: one after the other, or all at once on one connection (pipelining,
        RFC 9112 §9.3.2: the responses come back in request order)."""
        if not pipelined:
            return [self.visit(url, follow=False) for url in urls]
        sent = [self._request("GET", url, pipelined=i > 0) for i, url in enumerate(urls)]
        self.sim.run_until(lambda: all(e.response is not None for e in sent))
        return sent

    def edit_cookie(self, name: str, value: str, why: str) -> None:
        """The user changes a cookie's value in the browser's developer tools."""
        before = self.jar.rows(self.sim.now)
        old = next((r.value for r in before if r.name == name), "")
        self.jar.edit(name, value, self.sim.now)
        snapshot = self._snapshot(None, None, flask=self._browser_flask_view())
        self._record("client", say.edited(name, old, value, why), snapshot,
                     self._links[-1].number if self._links else 0)

    def close(self) -> None:
        """The browser closes its idle connections; the server closes when it sees that; then
        time runs out (TIME-WAIT)."""
        for link in self._links:
            if link.conn.client.endpoint.state is TcpState.ESTABLISHED and not (
                    link.client_closing):
                link.client_closing = True
                link.conn.client.close()
        self.sim.finish()

    # ------------------------------------------------------------------ sending requests
    def _complete(self, exchange: Exchange, follow: bool) -> Exchange:
        self.sim.run_until(lambda: exchange.response is not None)
        link = next(k for k in self._links if k.number == exchange.connection)
        if not link.persistent:
            self.sim.settle()  # let the closing connection finish before the next request
        response = exchange.response
        location = response.header("Location") if response is not None else None
        if follow and response is not None and response.status in (301, 302, 303, 307, 308) \
                and location:
            method = "GET" if response.status in (301, 302, 303) else (
                exchange.request.method or "GET")
            return self._complete(self._request(method, urljoin(exchange.url, location),
                                                redirected_by=response,
                                                previous_method=exchange.request.method),
                                  follow)
        return exchange

    def _reusable(self, origin: Origin, pipelined: bool) -> _Link | None:
        for link in reversed(self._links):  # only what the browser saw decides (§9.3)
            if link.origin == origin and link.persistent and not link.client_closing and (
                    pipelined or not link.outstanding) and (
                    link.conn.client.endpoint.state is TcpState.ESTABLISHED):
                return link
        return None

    def _open(self, origin: Origin) -> _Link:
        conn = self.sim.connections[0] if not self._links else self.sim.open_connection()
        link = _Link(conn, origin, ServerConnection(conn.number),
                     HttpStreamParser(MessageKind.RESPONSE, connection=conn.number))
        self._links.append(link)
        return link

    def _request(self, method: str, url: str, form: Mapping[str, str] | None = None, *,
                 pipelined: bool = False, redirected_by: HttpMessage | None = None,
                 previous_method: str | None = None) -> Exchange:
        parts = urlsplit(url)
        origin = (parts.scheme, parts.hostname or "",
                  parts.port or (443 if parts.scheme == "https" else 80))
        link = self._reusable(origin, pipelined)
        new = link is None
        cookie, decisions = self.jar.cookies_for(url, self.sim.now)
        headers = [("Host", parts.netloc), ("User-Agent", USER_AGENT),
                   ("Accept", "text/html,*/*")]
        if cookie is not None:
            headers.append(("Cookie", cookie))
        body = b""
        if form is not None:
            body = urlencode(form).encode()
            headers += [("Content-Type", "application/x-www-form-urlencoded"),
                        ("Content-Length", str(len(body)))]
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        raw = request_bytes(method, target, headers, body, version=self.version)
        if link is None:
            link = self._open(origin)
        (message,) = parse_messages(raw, MessageKind.REQUEST, connection=link.number)
        message = replace(message, exchange=link.sent)
        link.sent += 1
        snapshot = self._snapshot(message, url, decisions, self._browser_flask_view())
        self._record("client", say.request_built(message, url, decisions, link.number, new,
                                                 pipelined, self.version, redirected_by,
                                                 previous_method),
                     snapshot, link.number)
        if new:
            link.conn.client.connect()
            ep = link.conn.client.endpoint
            self.sim.run_until(lambda: ep.state in (TcpState.ESTABLISHED, TcpState.CLOSED))
            link.opened = True
        link.conn.client.send(raw)
        link.parser.expect(method)
        exchange = Exchange(url, message, link.number)
        link.outstanding.append(exchange)
        self.exchanges.append(exchange)
        return exchange

    # ------------------------------------------------------------------ the turn
    def on_event(self, sim: Simulation) -> None:
        for link in list(self._links):
            self._serve(link)
            self._browse(link)

    # ------------------------------------------------------------------ server side
    def _serve(self, link: _Link) -> None:
        ep = link.conn.server.endpoint
        fresh = bytes(ep.delivered[link.server_read:])
        if fresh:
            link.server_read += len(fresh)
            link.server.feed(fresh)
        while not link.streaming and not link.server_closing and (
                request := link.server.next_request()) is not None:
            self._answer(link, request)
        if ep.state is TcpState.CLOSE_WAIT and not link.server_closing and not link.streaming:
            link.server.feed_eof()
            link.server_closing = True
            link.conn.server.close()

    def _answer(self, link: _Link, message: HttpMessage) -> None:
        before = self.app.sessions.entries()
        request = AppRequest.from_message(message, self.sim.now)
        response = self.app.handle(request)
        checked = response.flask_session
        if checked is not None and checked.cookie_value != request.cookies.get(
                FLASK_SESSION_COOKIE_NAME):
            checked = None  # the app made this cookie; the request did not carry it
        read = self._snapshot(message, None, sessions=before, flask=checked)
        self._record("server", say.request_read(message, request.cookies), read, link.number)
        if response.chunks:
            self._stream(link, message, response)
            return
        raw = link.server.respond(response.status, response.all_headers(), response.body)
        self._write(link, message, response, raw, complete=True)

    def _write(self, link: _Link, request: HttpMessage, response: AppResponse, raw: bytes,
               *, complete: bool, chunk: int = 0) -> None:
        parsed = parse_messages(raw, MessageKind.RESPONSE, methods=(request.method or "GET",),
                                closed=False, connection=link.number)
        message = replace(parsed[0], exchange=request.exchange)
        if chunk == 0:
            verdict = persistence(request, message)
            expl = say.response_written(message, response, verdict, link.server.must_close,
                                        complete, request.version)
        else:
            expl = say.chunk_written(chunk, len(response.chunks), raw, complete)
        self._record("server", expl, self._snapshot(message, None, flask=response.flask_session),
                     link.number)
        link.conn.server.send(raw)
        if complete and link.server.must_close:
            link.server_closing = True
            link.conn.server.close()

    def _stream(self, link: _Link, request: HttpMessage, response: AppResponse) -> None:
        """Send the head and the first chunk now, each later chunk at its time (RFC 9112
        §7.1: the length of a chunked body need not be known when sending starts)."""
        fields = (*response.all_headers(), ("Transfer-Encoding", "chunked"))
        written = bytearray(link.server.start(response.status, fields))
        first = link.server.chunk(response.chunks[0][1])
        written += first
        link.streaming = True
        self._write(link, request, response, bytes(written), complete=False)
        when = self.sim.now
        for number, (delay, _) in enumerate(response.chunks[1:], start=2):
            when += delay
            self.sim.call_at(when, partial(self._stream_more, link, request, response,
                                           written, number))
        self.sim.call_at(when, partial(self._stream_more, link, request, response, written, 0))

    def _stream_more(self, link: _Link, request: HttpMessage, response: AppResponse,
                     written: bytearray, number: int) -> None:
        """Chunk ``number`` (1-based) is ready; 0: the body is finished."""
        raw = (link.server.chunk(response.chunks[number - 1][1]) if number
               else link.server.end())
        written += raw
        done = number == 0
        if done:
            link.streaming = False
        parsed = parse_messages(bytes(written), MessageKind.RESPONSE,
                                methods=(request.method or "GET",), closed=False,
                                connection=link.number)
        message = replace(parsed[0], exchange=request.exchange)
        self._record("server", say.chunk_written(number, len(response.chunks), raw, done),
                     self._snapshot(message, None), link.number)
        link.conn.server.send(raw)
        if done and link.server.must_close:
            link.server_closing = True
            link.conn.server.close()

    # ------------------------------------------------------------------ browser side
    def _browse(self, link: _Link) -> None:
        ep = link.conn.client.endpoint
        done: list[HttpMessage] = []
        fresh = bytes(ep.delivered[link.client_read:])
        if fresh:
            link.client_read += len(fresh)
            done += link.parser.feed(fresh)
        if not link.eof and link.opened and (ep.state in _FIN_RECEIVED or (
                ep.state is TcpState.CLOSED and not link.client_closing)):
            link.eof = True
            done += link.parser.close()
        for message in done:
            self._received(link, message)
        arriving = link.parser.partial
        if arriving is not None and link.outstanding and (
                not link.head_seen or link.parser.partial_chunks > link.chunks_seen):
            self._record("client", say.response_arriving(arriving, link.parser.partial_chunks,
                                                         link.head_seen),
                         self._snapshot(arriving, link.outstanding[0].url), link.number)
            link.head_seen, link.chunks_seen = True, link.parser.partial_chunks
        if link.eof and not link.client_closing and ep.state is TcpState.CLOSE_WAIT:
            link.client_closing = True
            link.conn.client.close()

    def _received(self, link: _Link, message: HttpMessage) -> None:
        if message.status is not None and message.status < 200:
            return  # 1xx: an interim response; the final one follows (RFC 9110 §15.2)
        link.head_seen, link.chunks_seen = False, 0
        exchange = link.outstanding.popleft() if link.outstanding else None
        url = exchange.url if exchange is not None else f"{link.origin[0]}://{link.origin[1]}/"
        before = {(r.name, r.domain, r.path): r for r in self.jar.rows(self.sim.now)}
        set_cookies = message.headers_named("Set-Cookie")
        self.jar.receive(set_cookies, url, self.sim.now)
        if exchange is not None:
            exchange.response = message
            verdict = persistence(exchange.request, message)
            link.persistent = verdict.persistent and not link.eof
        else:
            verdict = persistence(message)
        snapshot = self._snapshot(message, url, flask=self._browser_flask_view())
        self._record("client", say.response_read(message, url, snapshot.jar, before,
                                                 self.jar.ignored, verdict), snapshot,
                     link.number)

    # ------------------------------------------------------------------ snapshots
    def _browser_flask_view(self) -> FlaskSessionView | None:
        """The browser's view of a Flask session cookie: readable, but it cannot check the
        signature (it has no secret key)."""
        if self.app.secret_key is None:
            return None
        value = next((r.value for r in self.jar.rows(self.sim.now)
                      if r.name == FLASK_SESSION_COOKIE_NAME), None)
        return None if value is None else decode_flask_session(value)

    def _snapshot(self, message: HttpMessage | None, url: str | None,
                  decisions: tuple[CookieDecision, ...] = (), flask: FlaskSessionView | None = None,
                  sessions: tuple[SessionEntry, ...] | None = None) -> HttpSnapshot:
        rows = self.jar.rows(self.sim.now)
        jar = mark_changes(self._shown_jar, rows)
        entries = self.app.sessions.entries() if sessions is None else sessions
        marked = mark_session_changes(self._shown_sessions, entries)
        self._shown_jar, self._shown_sessions = rows, entries
        return HttpSnapshot(message, url, jar, decisions, marked, flask)

    def _record(self, actor: str, explanation: Explanation, snapshot: HttpSnapshot,
                connection: int) -> None:
        carry = replace(
            snapshot,
            jar=tuple(replace(r, change=Change.NONE) for r in snapshot.jar
                      if r.change is not Change.REMOVED),
            sessions=tuple(replace(s, change=Change.NONE) for s in snapshot.sessions
                           if s.change is not Change.REMOVED))
        self.sim.record_http(actor, explanation, snapshot, connection, carry=carry)
