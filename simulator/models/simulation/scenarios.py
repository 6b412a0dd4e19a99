"""Scripted lessons as user-level actions (ARCHITECTURE.md, idea 4).

A scenario never lists packets: it says what the applications do ("the server listens, the
client connects, sends a request, closes") and what the network does to chosen segments; the
TCP model decides which segments that produces. ``build(name)`` runs a scenario and returns
its Timeline; ``build(name, drop_ids={n})`` runs it again with segment n lost.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from simulator.models.simulation import http_scenarios as http
from simulator.models.simulation.network import CLIENT_ADDRESS, SERVER_ADDRESS, Simulation
from simulator.models.tcp.isn import generate_isn
from simulator.models.tcp.segment import Flags
from simulator.models.timeline.steps import Timeline

REQUEST = (b"GET /index.html HTTP/1.1\r\nHost: www.example.org\r\n"
           b"User-Agent: ProtocolSimulator\r\nAccept: text/html\r\n\r\n")


def _response(body_size: int) -> bytes:
    body = (b"<html><body>" + b"Hello, learner! " * (body_size // 16 + 1))[:body_size]
    head = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
            b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n")
    return head + body


RESPONSE = _response(300)
BIG_RESPONSE = _response(3800)
LONG_RESPONSE = _response(8000)  # six segments of at most 1,460 bytes: enough for 3 dup ACKs


@dataclass(frozen=True)
class Scenario:
    name: str
    title: str
    description: str
    script: Callable[[Simulation], None]
    client_mss: int = 1460
    server_mss: int = 1460


def _handshake(sim: Simulation) -> None:
    sim.server.listen()
    sim.client.connect()
    sim.settle()


def _exchange(sim: Simulation, response: bytes = RESPONSE) -> None:
    sim.client.send(REQUEST)
    sim.settle()
    sim.server.send(response)
    sim.settle()


def _teardown(sim: Simulation) -> None:
    """The client closes; once that settles the server closes; then TIME-WAIT runs out."""
    sim.client.close()
    sim.settle()
    sim.server.close()
    sim.finish()


def _client_closes_first(sim: Simulation) -> None:
    _handshake(sim)
    _exchange(sim)
    _teardown(sim)


def _server_closes_first(sim: Simulation) -> None:
    _handshake(sim)
    _exchange(sim)
    sim.server.close()
    sim.settle()
    sim.client.close()
    sim.finish()


def _simultaneous_open(sim: Simulation) -> None:
    sim.client.connect()
    sim.server.connect()
    sim.settle()
    sim.client.send(REQUEST)
    sim.settle()
    _teardown(sim)


def _simultaneous_close(sim: Simulation) -> None:
    _handshake(sim)
    _exchange(sim)
    sim.client.close()
    sim.server.close()
    sim.finish()


def _lost_syn(sim: Simulation) -> None:
    sim.link.drop_next("client", Flags.SYN, count=2)
    _handshake(sim)
    _exchange(sim)
    _teardown(sim)


def _first_response_segment_lost(response: bytes) -> Callable[[Simulation], None]:
    """The request, then ``response`` with its first segment lost: with three segments only
    two duplicate ACKs follow (lost-data: the RTO resends); with six, fast retransmit."""
    def script(sim: Simulation) -> None:
        _handshake(sim)
        sim.client.send(REQUEST)
        sim.settle()
        sim.link.drop_next("server", with_data=True)
        sim.server.send(response)
        sim.settle()
        _teardown(sim)
    return script


_lost_data = _first_response_segment_lost(BIG_RESPONSE)
_fast_retransmit = _first_response_segment_lost(LONG_RESPONSE)


def _lost_last_ack(sim: Simulation) -> None:
    _handshake(sim)
    _exchange(sim)
    sim.client.close()
    sim.settle()
    sim.link.drop_next("client", Flags.ACK)
    sim.server.close()
    sim.finish()


def _refused(sim: Simulation) -> None:
    sim.client.connect()
    sim.finish()


def _abort(sim: Simulation) -> None:
    _handshake(sim)
    sim.client.send(REQUEST)
    sim.settle()
    sim.client.abort()
    sim.finish()


def _half_close(sim: Simulation) -> None:
    _handshake(sim)
    sim.client.send(REQUEST)
    sim.client.close()
    sim.settle()
    sim.server.send(BIG_RESPONSE)
    sim.settle()
    sim.server.close()
    sim.finish()


SCENARIOS: dict[str, Scenario] = {s.name: s for s in (
    Scenario("handshake-teardown", "Handshake, request/response, client closes",
             "The three-way handshake, an HTTP request and response as data, then the client "
             "closes first: the four-way teardown, TIME-WAIT for 2·MSL, CLOSED.",
             _client_closes_first),
    Scenario("server-closes-first", "The server closes first",
             "After the response the server closes (as an HTTP/1.0 server does): the server "
             "goes through FIN-WAIT and TIME-WAIT, the client through CLOSE-WAIT and LAST-ACK.",
             _server_closes_first),
    Scenario("simultaneous-open", "Simultaneous open",
             "Both ends send a SYN at the same moment; the SYNs cross, each side goes "
             "SYN-SENT → SYN-RECEIVED → ESTABLISHED on the other's SYN,ACK, and answers the "
             "SYN in it, a duplicate, with an ACK (RFC 9293 figure 7, §3.10.7.4).",
             _simultaneous_open),
    Scenario("simultaneous-close", "Simultaneous close",
             "Both ends close at the same moment; the FINs cross, both sides pass through "
             "CLOSING and then TIME-WAIT (RFC 9293 figure 13).",
             _simultaneous_close),
    Scenario("lost-syn", "Lost SYN, retransmitted twice with backoff",
             "The first two SYNs are lost. The retransmission timer fires after 1 s, then "
             "after 2 s (RTO doubles, RFC 6298 §5.5); the third SYN gets through.",
             _lost_syn),
    Scenario("lost-data", "Lost data segment",
             "The first segment of a three-segment response is lost. The later ones arrive "
             "out of order and are held; duplicate ACKs repeat the gap; the server's "
             "retransmission timer resends the missing segment.",
             _lost_data),
    Scenario("fast-retransmit", "Fast retransmit: three duplicate ACKs",
             "The first segment of a six-segment response is lost. Each later segment arrives "
             "out of order and is answered at once with a duplicate ACK (RFC 5681 §4.2); on "
             "the third duplicate ACK the server resends the missing segment without waiting "
             "for its retransmission timer (fast retransmit, RFC 5681 §3.2).",
             _fast_retransmit),
    Scenario("lost-last-ack", "Last ACK lost: why TIME-WAIT exists",
             "The client's ACK of the server's FIN is lost. The server retransmits its FIN; "
             "the client, still in TIME-WAIT, acknowledges it again and restarts 2·MSL.",
             _lost_last_ack),
    Scenario("connection-refused", "Connection refused",
             "Nobody listens on the server's port: the SYN is answered with RST, ACK and the "
             "client's OPEN fails.",
             _refused),
    Scenario("abort", "Abort with RST",
             "In the middle of a connection the client aborts: it sends RST and forgets the "
             "connection at once; the server, on the RST, does the same. No FIN, no TIME-WAIT.",
             _abort),
    Scenario("half-close", "Half-close: the server keeps sending in CLOSE-WAIT",
             "The client sends its request and closes its direction at once (FIN). The "
             "server, in CLOSE-WAIT, keeps sending its long response, then closes.",
             _half_close),
)}

HTTP_SCENARIOS: dict[str, Scenario] = {s.name: s for s in (
    Scenario("first-visit", "HTTP: first visit, Set-Cookie, then Cookie",
             "A browser's first GET / gets Set-Cookie answers (a visitor id for a year, a visit "
             "counter for the session); the next requests carry them back in Cookie, and the "
             "counter cookie changes on every visit (RFC 6265 §3, §5.3, §5.4).",
             http.first_visit),
    Scenario("login", "HTTP: log in, session id cookie, log out",
             "POST /login with a form → 302 with Set-Cookie: sid=… (the server keeps the session "
             "in its store) → GET /profile carries the sid and is recognised → POST /logout "
             "deletes the session and the cookie with Max-Age=0.",
             http.login),
    Scenario("flask-session", "HTTP: Flask's signed session cookie, then tampering",
             "Flask keeps the session in a signed cookie: readable by anyone, forgeable by "
             "nobody. The user edits the payload in the browser; the signature check fails and "
             "the session comes back empty (itsdangerous HMAC, RFC 6265 §8.6).",
             http.flask_session),
    Scenario("cookie-scope", "HTTP: which cookies go where (Domain, Path, Max-Age, Secure)",
             "Five cookies with different scopes: a Path=/profile cookie goes only to "
             "/profile, an expired one is not sent, a Secure one never over http://, a "
             "host-only one not to static.example.org while a Domain=example.org one is.",
             http.cookie_scope),
    Scenario("http10-per-request", "HTTP/1.0: one request per connection",
             "Three resources over HTTP/1.0: every request opens a new TCP connection that the "
             "server closes after one response. Compare http11-keep-alive and "
             "http11-pipelining (RFC 9112 §9.3).",
             http.http10_per_request),
    Scenario("http11-keep-alive", "HTTP/1.1 keep-alive: one connection, one request at a time",
             "The same three resources over one persistent HTTP/1.1 connection, each request "
             "sent after the previous response: one handshake instead of three "
             "(RFC 9112 §9.3).",
             http.http11_keep_alive),
    Scenario("http11-pipelining", "HTTP/1.1 pipelining: three requests at once",
             "The same three resources, all three requests sent at once on one connection; "
             "the server answers in order (RFC 9112 §9.3.2). The fastest of the three "
             "variants.",
             http.http11_pipelining),
    Scenario("chunked", "HTTP: a chunked response, streamed",
             "The server streams a report in three chunks, 0.3 s apart, without knowing the "
             "total length: Transfer-Encoding: chunked, each chunk with its size, a zero-size "
             "chunk at the end (RFC 9112 §7.1).",
             http.chunked),
)}

#: The TCP lessons (one connection each, no HTTP layer), for checks that only they satisfy.
TCP_SCENARIOS: dict[str, Scenario] = dict(SCENARIOS)
SCENARIOS.update(HTTP_SCENARIOS)

DEFAULT_SCENARIO = "handshake-teardown"


def build(name: str, drop_ids: frozenset[int] = frozenset()) -> Timeline:
    """Run the named scenario (optionally losing the segments numbered in drop_ids)."""
    try:
        scenario = SCENARIOS[name]
    except KeyError:
        raise KeyError(f"unknown scenario {name!r}; try one of: {', '.join(SCENARIOS)}") from None
    sim = Simulation(
        client_iss=generate_isn(CLIENT_ADDRESS, SERVER_ADDRESS),
        server_iss=generate_isn(SERVER_ADDRESS, CLIENT_ADDRESS),
        client_mss=scenario.client_mss, server_mss=scenario.server_mss, drop_ids=drop_ids,
    )
    scenario.script(sim)
    title = scenario.title
    description = scenario.description
    if drop_ids:
        title += " — what if " + ", ".join(f"#{i}" for i in sorted(drop_ids)) + " were lost?"
        description += " (What-if: the chosen segment(s) are lost in this run.)"
    return sim.timeline(scenario.name, title, description)
