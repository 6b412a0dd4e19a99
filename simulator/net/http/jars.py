"""Each client's cookie jar replayed over the HTTP of all its captured connections.

Theory of operation
-------------------
**Jars** (RFC 6265): for each client IP, the exchanges of all its connections (``exchanges``)
in time order drive one ``CookieJar``: at each request the jar says which cookies it would send
and why (compared with the Cookie header the browser really sent); at each response the
Set-Cookie headers are stored, the jar refusing a Domain on the Public Suffix List
(``public_suffixes``). Virtual time is the capture time minus
``cookie_jar.VIRTUAL_EPOCH``, so ``Expires`` dates keep their calendar meaning. Each moment is
a :class:`JarStep`, tied to the packet that completed its message, which the views replay.

**Flask sessions**: a cookie named ``session`` (or any cookie whose value is an itsdangerous
token with a JSON object inside) is decoded with Flask's serializer (``flask_session``); it is
verified only with a secret key the learner provides.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from simulator.models.http.cookie_jar import VIRTUAL_EPOCH, CookieJar
from simulator.models.http.flask_session import (
    FLASK_SESSION_COOKIE_NAME,
    SecretKeys,
    decode_flask_session,
)
from simulator.models.http.snapshot import FlaskSessionView, HttpMessage, HttpSnapshot, MessageKind
from simulator.net.http.exchanges import CapturedMessage, ConnectionHttp, HttpExchange
from simulator.net.http.public_suffixes import public_suffix_list


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


def virtual_time(capture_time: float) -> float:
    """A capture timestamp as the cookie jar's virtual time (see ``cookie_jar``)."""
    return capture_time - VIRTUAL_EPOCH


def client_jars(
    connections: Iterable[ConnectionHttp], secret_key: SecretKeys | None = None,
) -> dict[str, tuple[JarStep, ...]]:
    """Per client IP, the jar's evolution over all its connections, in time order."""
    by_client: dict[str, list[HttpExchange]] = {}
    for conn in connections:
        if conn.is_http:
            by_client.setdefault(conn.client_ip, []).extend(conn.exchanges)
    return {ip: tuple(_jar_steps(exchanges, secret_key)) for ip, exchanges in
            sorted(by_client.items())}


def _jar_steps(exchanges: list[HttpExchange],
               secret_key: SecretKeys | None) -> list[JarStep]:
    events: list[tuple[float, int, int, HttpExchange, CapturedMessage]] = []
    for ex in exchanges:
        if ex.request is not None and ex.request_url is not None:
            events.append((_when(ex.request), 0, ex.connection, ex, ex.request))
        if ex.response is not None and ex.request_url is not None:
            events.append((_when(ex.response), 1, ex.connection, ex, ex.response))
    events.sort(key=lambda e: (e[0], e[2], e[3].number, e[1]))
    jar = CookieJar(public_suffix_list())
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
                             flask_session=response_flask_session(message, secret_key),
                             ignored=jar.ignored),
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
                   secret_key: SecretKeys | None) -> FlaskSessionView | None:
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
                           secret_key: SecretKeys | None = None) -> FlaskSessionView | None:
    """The Flask session cookie a response sets (decoded; verified when a key is given).

    Not checked for expiry: Flask's max_age is the app's PERMANENT_SESSION_LIFETIME, which a
    capture does not show.
    """
    pairs = [p for h in message.headers_named("Set-Cookie") for p in _pairs(h, True)]
    return _flask_session(pairs, secret_key)


def request_flask_session(message: HttpMessage,
                          secret_key: SecretKeys | None = None) -> FlaskSessionView | None:
    """The Flask session cookie a request carries (decoded; verified when a key is given)."""
    pairs = [p for h in message.headers_named("Cookie") for p in _pairs(h, False)]
    return _flask_session(pairs, secret_key)


def _cookie_set(header: str | None) -> set[tuple[str, str]]:
    return set(_pairs(header, False)) if header else set()
