"""HTTP from real captures: counts agree with Wireshark's (the manifest), pairing, cookie jars,
Flask sessions, HTTP found by content, bad input shown marked, and ``analyze --json``."""

from __future__ import annotations

import gzip
import json
import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import flask
import pytest

from simulator.models.http.snapshot import Change, MessageKind
from simulator.net.analyze import analyze_capture
from simulator.net.capture.index import build_index
from simulator.net.http.capture_http import CaptureHttp, capture_http
from simulator.net.http.exchanges import connection_http
from tests.net.conftest import CAPTURES, manifest_files
from tests.net.http.http_pcap import Flow, conversation, serve_flask
from tests.paths import ROOT

MANIFEST = {f["file"]: f for f in manifest_files()}
HTTP_FILES = [name for name, f in MANIFEST.items() if f["http_requests"] or f["http_responses"]]


def _http(name: str) -> CaptureHttp:
    return capture_http(build_index(str(CAPTURES / name)))


def _facts(found: CaptureHttp) -> dict[str, Any]:
    """The manifest's HTTP facts, counted from our parse the way tshark counts them."""
    requests = [e.request.message for c in found.connections.values() for e in c.exchanges
                if e.request]
    responses = [r.message for c in found.connections.values() for e in c.exchanges
                 for r in (*e.informational, *((e.response,) if e.response else ()))]
    per_stream = [sum(1 for e in c.exchanges if e.request) for c in found.connections.values()]
    both = requests + responses
    return {
        "http_requests": len(requests),
        "http_responses": len(responses),
        "set_cookie_headers": sum(len(m.headers_named("Set-Cookie")) for m in responses),
        "cookie_headers": sum(len(m.headers_named("Cookie")) for m in requests),
        "max_http_requests_per_stream": max(per_stream, default=0),
        "streams_with_multiple_requests": sum(1 for n in per_stream if n >= 2),
        "http_methods": dict(Counter(m.method for m in requests)),
        "http_status_codes": dict(Counter(str(m.status) for m in responses)),
        "chunked_frames": sum(1 for m in both if m.chunked),
        "gzip_frames": sum(1 for m in both if "gzip" in (m.header("Content-Encoding") or "")),
    }


@pytest.mark.parametrize("name", list(MANIFEST))
def test_http_counts_agree_with_the_manifest(name: str) -> None:
    expected = MANIFEST[name]
    facts = _facts(_http(name))
    assert facts == {key: expected[key] for key in facts}


@pytest.mark.parametrize("name", HTTP_FILES)
def test_per_connection_requests_responses_and_pipelining_agree_with_the_manifest(
    name: str,
) -> None:
    found = _http(name)
    for stream in MANIFEST[name]["streams"]:
        conn = found.connections[stream["stream"]]
        ours = (sum(1 for e in conn.exchanges if e.request),
                sum(len(e.informational) + (e.response is not None) for e in conn.exchanges))
        assert ours == (stream["http_requests"], stream["http_responses"]), stream["stream"]
        if stream["pipelined_requests"] is not None:  # None: undetermined (see the manifest)
            assert sum(e.pipelined for e in conn.exchanges) == stream["pipelined_requests"]
    pipelined = sum(e.pipelined for c in found.connections.values() for e in c.exchanges)
    assert pipelined == MANIFEST[name]["pipelined_requests"]


def test_keep_alive_capture_has_27_requests_on_one_connection_with_cookies_both_ways() -> None:
    found = _http("http-keepalive-cookies-gzip--pcapplusplus--http-packets2.pcap")
    conn = found.connections[1]
    assert len(conn.exchanges) == 27 and all(e.request and e.response for e in conn.exchanges)
    assert all(e.request.message.header("Cookie") for e in conn.exchanges if e.request)
    assert all(e.response.message.headers_named("Set-Cookie") for e in conn.exchanges
               if e.response)
    # Connection 0 starts mid-stream with a response whose request is not in the capture.
    (alone,) = found.connections[0].exchanges
    assert alone.request is None and alone.response is not None


def test_forty_pipelined_requests_are_paired_with_their_responses_in_order() -> None:
    found = _http("http-pipelined-retrans--suricata-verify--http-protocol-nodup.pcap")
    exchanges = found.connections[0].exchanges
    assert len(exchanges) == 40
    assert [e.pipelined for e in exchanges] == [False] + [True] * 39
    assert all(e.response is not None and e.response.message.status == 404 for e in exchanges)
    # Pipelined requests went out before the answers to earlier ones came back.
    last_request = max(e.request.last_packet or 0 for e in exchanges if e.request)
    first_response = min(min(e.response.packets) for e in exchanges if e.response)
    assert first_response < last_request


def test_vlan_capture_on_port_8000_is_found_by_content() -> None:
    found = _http("http-vlan-keepalive-cookies--suricata-verify--filecontainer-http.pcap")
    (conn,) = [c for c in found.connections.values() if c.is_http]
    assert conn.server.endswith(":8000") and len(conn.exchanges) == 11


def test_ipv6_connections_carry_http_with_bracketed_host_urls() -> None:
    found = _http("http-ipv4-and-ipv6--chrissanders--http_ip4and6.pcapng")
    urls = sorted(e.request_url or "" for c in found.connections.values() for e in c.exchanges)
    assert urls[0].startswith("http://172.16.16.") and urls[1].startswith("http://[2001:db8:")


@pytest.mark.parametrize("name", [n for n in HTTP_FILES if MANIFEST[n]["gzip_frames"]])
def test_gzip_bodies_are_whole_and_decompress(name: str) -> None:
    found = _http(name)
    bodies = [e.response.message for c in found.connections.values() for e in c.exchanges
              if e.response and "gzip" in (e.response.message.header("Content-Encoding") or "")]
    assert bodies and all(m.complete for m in bodies)
    for message in bodies:
        gzip.decompress(message.body)  # raises if a byte is missing or out of place


def test_chunked_response_is_dechunked() -> None:
    found = _http("http-ipv6-rawip-chunked--pcapplusplus--four_ipv6_http_streams.pcap")
    (chunked,) = [e.response.message for c in found.connections.values() for e in c.exchanges
                  if e.response and e.response.message.chunked]
    assert chunked.complete and not chunked.problems
    assert b"\r\n0\r\n" not in chunked.body[-7:]  # the chunk framing is gone


def test_login_capture_jar_predicts_every_cookie_the_browser_sent() -> None:
    found = _http("http-login-session-cookies--chrissanders--http_dvwa_clearlogin.pcapng")
    (steps,) = found.jars.values()
    requests = [s for s in steps if s.kind is MessageKind.REQUEST]
    assert len(requests) == 8
    assert requests[0].sent_cookie is None and requests[0].expected_cookie is None
    first_response = next(s for s in steps if s.kind is MessageKind.RESPONSE)
    assert {(r.name, r.change) for r in first_response.snapshot.jar} == {
        ("PHPSESSID", Change.ADDED), ("security", Change.ADDED)}
    http_only = {r.name: r.http_only for r in first_response.snapshot.jar}
    assert http_only == {"PHPSESSID": True, "security": True}  # the later header wins
    assert all(s.cookie_matches for s in requests)
    later = requests[1].snapshot.decisions
    assert {d.name for d in later if d.sent} == {"PHPSESSID", "security"}
    assert all("RFC 6265" in d.rule for d in later)


def test_a_cookie_the_browser_had_before_the_capture_shows_as_a_mismatch() -> None:
    found = _http("http-keepalive-cookies-gzip--pcapplusplus--http-packets2.pcap")
    (steps,) = found.jars.values()
    first = next(s for s in steps if s.kind is MessageKind.REQUEST and s.connection == 1)
    assert first.expected_cookie is None and first.sent_cookie == "hasBeenRedirected=true"
    assert first.cookie_matches is False


# --------------------------------------------------------------------------- generated


def _flask_app() -> flask.Flask:
    app = flask.Flask("capture_test")
    app.secret_key = "capture-secret"

    @app.post("/login")
    def login() -> flask.Response:
        flask.session["user"] = "alice"
        return flask.redirect("/profile")

    @app.get("/profile")
    def profile() -> str:
        return f"hello {flask.session.get('user', 'stranger')}"

    return app


def _login_then_profile(exchanges: list[tuple[bytes, bytes]]) -> bytes | None:
    if not exchanges:
        return b"POST /login HTTP/1.1\r\nHost: app.test:5000\r\nContent-Length: 0\r\n\r\n"
    if len(exchanges) == 1:
        match = re.search(rb"Set-Cookie: (session=[^;]+)", exchanges[0][1])
        assert match is not None
        return (b"GET /profile HTTP/1.1\r\nHost: app.test:5000\r\nCookie: " + match.group(1)
                + b"\r\n\r\n")
    return None


@pytest.fixture(scope="module")
def flask_capture(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A capture of a real Flask app's login: its bytes from a real server, put on a wire."""
    exchanges = serve_flask(_flask_app(), _login_then_profile)
    path = tmp_path_factory.mktemp("flask") / "flask-login.pcap"
    flow = Flow(server=("10.0.0.2", 5000))
    flow.handshake()
    for request, response in exchanges:  # one keep-alive-looking connection, MSS 536
        flow.send(0, request, mss=536)
        flow.send(1, response, mss=536)
    flow.close()
    return flow.write(path)


def test_flask_session_cookie_in_a_capture_is_decoded_and_verified_with_the_key(
    flask_capture: Path,
) -> None:
    index = build_index(str(flask_capture))
    unverified = capture_http(index)
    login, profile = unverified.connections[0].exchanges
    assert login.response is not None
    steps = unverified.jars["10.0.0.1"]
    set_step = next(s for s in steps if s.kind is MessageKind.RESPONSE)
    view = set_step.snapshot.flask_session
    assert view is not None and json.loads(view.payload) == {"user": "alice"}
    assert view.verified is None
    assert profile.response is not None and profile.response.message.body == b"hello alice"
    verified = capture_http(index, secret_key="capture-secret")
    sent = next(s for s in verified.jars["10.0.0.1"]
                if s.kind is MessageKind.REQUEST and s.exchange == 1)
    assert sent.cookie_matches and sent.snapshot.flask_session is not None
    assert sent.snapshot.flask_session.verified is True
    wrong = capture_http(index, secret_key="guess")
    assert all(s.snapshot.flask_session is None or s.snapshot.flask_session.verified is False
               for s in wrong.jars["10.0.0.1"])


def test_analyze_json_through_the_cli_has_http_per_connection(flask_capture: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "analyze", str(flask_capture), "--json",
         "--secret-key", "capture-secret"],
        capture_output=True, text=True, env=env, timeout=120, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    (conn,) = json.loads(result.stdout)["connections"]
    login, profile = conn["http"]
    assert (login["method"], login["uri"], login["status"], login["cookie"]) == (
        "POST", "/login", 302, None)
    assert login["set_cookie"][0].startswith("session=")
    assert login["flask_session"]["payload"] == {"user": "alice"}
    assert login["flask_session"]["verified"] is True
    assert (profile["method"], profile["status"]) == ("GET", 200)
    assert profile["cookie"].startswith("session=") and profile["flask_session"] is None


def test_analyze_verifies_with_secret_key_fallbacks_given_again(flask_capture: Path) -> None:
    """The app has since rotated its key: "capture-secret" is now a SECRET_KEY_FALLBACKS
    entry, so the captured cookie verifies with it (Flask 3.1 accepts it) and says so."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")

    def login_session(*keys: str) -> dict[str, Any]:
        args = [a for key in keys for a in ("--secret-key", key)]
        result = subprocess.run(
            [sys.executable, str(ROOT / "main.py"), "analyze", str(flask_capture), "--json",
             *args], capture_output=True, text=True, env=env, timeout=120, cwd=ROOT)
        assert result.returncode == 0, result.stderr
        (conn,) = json.loads(result.stdout)["connections"]
        session: dict[str, Any] = conn["http"][0]["flask_session"]
        return session

    rotated = login_session("new-secret", "capture-secret")
    assert rotated["verified"] is True
    assert rotated["reason"].startswith(
        "signature verified with fallback key 1 of SECRET_KEY_FALLBACKS")
    assert login_session("new-secret")["verified"] is False


def test_analyze_table_through_the_cli_lists_the_exchanges(flask_capture: Path) -> None:
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "analyze",
                             str(flask_capture)], capture_output=True, text=True, timeout=120,
                            cwd=ROOT, env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    assert result.returncode == 0
    assert "POST /login → 302 [set-cookie ×1] [flask session]" in result.stdout
    assert "GET /profile → 200 [cookie]" in result.stdout


def test_http_on_an_unusual_port_is_found_and_binary_on_port_80_is_not(tmp_path: Path) -> None:
    http = conversation(tmp_path / "odd.pcap",
                        [(b"GET /x HTTP/1.1\r\nHost: h\r\n\r\n",
                          b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")],
                        server=("10.0.0.2", 31337))
    tls = conversation(tmp_path / "tls.pcap",
                       [(b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03" + bytes(200),
                         b"\x16\x03\x03\x00\x5a\x02" + bytes(100))],
                       server=("10.0.0.2", 80))
    assert connection_http(build_index(str(http)), 0).is_http
    not_http = connection_http(build_index(str(tls)), 0)
    assert not not_http.is_http and not_http.exchanges == ()


def test_bad_messages_in_a_capture_are_marked_and_the_rest_still_shows(tmp_path: Path) -> None:
    path = conversation(tmp_path / "bad.pcap", [
        (b"GET /index.html HTTX/1.1\r\nHost: h\r\n\r\n",
         b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"),
        (b"GET /bin HTTP/1.1\r\nHost: h\r\nX-Bin: \x00\x01\x02\r\n\r\n",
         b"HTTP/1.1 200 OK\r\nSet-Cookie: n=caf\xe9; Path=/\r\nContent-Length: 0\r\n\r\n"),
        (b"GET /next HTTP/1.1\r\nHost: h\r\nCookie: n=caf\xe9\r\n\r\n",
         b"HTTP/1.1 200 OK\r\nContent-Length: 500\r\n\r\nonly part of it"),
    ], server=("10.0.0.2", 80))
    doc = analyze_capture(str(path))
    rows = doc["connections"][0]["http"]
    assert [(r["uri"], r["status"]) for r in rows] == [
        ("/index.html", 400), ("/bin", 200), ("/next", 200)]
    assert rows[2]["cookie"] == "n=café"
    # the JSON marks each malformed message with its reasons, and the rest still shows
    assert any("malformed start line" in p for p in rows[0]["request_problems"])
    assert rows[1]["response_problems"] == [
        "header Set-Cookie is not valid UTF-8 (its bytes are shown as Latin-1)"]
    assert any("truncated body" in p for p in rows[2]["response_problems"])
    found = capture_http(build_index(str(path)))
    bad_line, binary, truncated = found.connections[0].exchanges
    assert bad_line.request is not None and any(
        "malformed start line" in p for p in bad_line.request.message.problems)
    assert binary.request is not None and any(
        "control bytes" in p for p in binary.request.message.problems)
    assert truncated.response is not None and not truncated.response.message.complete
    assert truncated.request is not None and any(
        "Cookie is not valid UTF-8" in p for p in truncated.request.message.problems)


@pytest.mark.parametrize("request_, response", [
    # a Host no URL can hold: the jar keys the cookie to the server the bytes went to
    (b"GET / HTTP/1.1\r\nHost: [\r\n\r\n",
     b"HTTP/1.1 200 OK\r\nSet-Cookie: a=1\r\nContent-Length: 0\r\n\r\n"),
    ("GET / HTTP/1.1\r\nHost: a\uff0fb\r\n\r\n".encode(),
     b"HTTP/1.1 200 OK\r\nSet-Cookie: a=1\r\nContent-Length: 0\r\n\r\n"),
    # a Max-Age too large for a float: capped at 400 days (RFC 6265bis §5.6.2)
    (b"GET / HTTP/1.1\r\nHost: h\r\n\r\n",
     b"HTTP/1.1 200 OK\r\nSet-Cookie: a=1; Max-Age=" + b"9" * 5000
     + b"\r\nContent-Length: 0\r\n\r\n"),
    # a Content-Length of 5,000 digits (h11 refuses it; the tolerant reader says why)
    (b"POST / HTTP/1.1\r\nHost: h\r\nContent-Length: " + b"9" * 5000 + b"\r\n\r\n",
     b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"),
])
def test_hostile_http_details_are_read_not_raised(tmp_path, request_, response):
    """Found by fuzzing: each of these printed a traceback from `analyze`."""
    path = conversation(tmp_path / "hostile.pcap", [(request_, response)],
                        server=("10.0.0.2", 80))
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "analyze", str(path),
                             "--json"], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    (row,) = json.loads(result.stdout)["connections"][0]["http"]
    assert row["status"] in (200, 400)
