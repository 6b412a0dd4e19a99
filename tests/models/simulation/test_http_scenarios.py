"""The HTTP lessons, checked for what each one teaches: which cookie goes where and why,
where the session lives, and how HTTP versions and chunking look on the TCP ladder."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import pytest

from simulator.models.http.cookie_jar import VIRTUAL_EPOCH
from simulator.models.http.flask_session import decode_flask_session
from simulator.models.http.snapshot import Change, HttpMessage, HttpSnapshot, MessageKind
from simulator.models.http.stream_parser import parse_messages
from simulator.models.simulation.http_scenarios import FLASK_SECRET_KEY, PIPELINE_URLS
from simulator.models.simulation.scenarios import HTTP_SCENARIOS, build
from simulator.models.tcp.segment import Flags
from simulator.models.tcp.states import TcpState
from simulator.models.timeline.steps import Fate, Step, StepKind, Timeline

REQ, RESP = MessageKind.REQUEST, MessageKind.RESPONSE


def _http(step: Step) -> HttpSnapshot:
    assert step.http is not None, step.index
    return step.http


def _message(step: Step) -> HttpMessage:
    message = _http(step).message
    assert message is not None, step.index
    return message


def built(tl: Timeline) -> list[Step]:
    """The browser's steps that build a request."""
    return [s for s in tl if s.layer == "http" and s.actor == "client" and s.http
            and s.http.message and s.http.message.kind is REQ]


def read(tl: Timeline) -> list[Step]:
    """The browser's steps that read a whole response."""
    return [s for s in tl if s.layer == "http" and s.actor == "client" and s.http
            and s.http.message and s.http.message.kind is RESP and s.http.message.complete
            and s.explanation.what.startswith("The browser has the whole response")]


def served(tl: Timeline) -> list[Step]:
    """The server's steps that read a request."""
    return [s for s in tl if s.layer == "http" and s.actor == "server" and s.http
            and s.http.message and s.http.message.kind is REQ]


def _request_to(tl: Timeline, target: str, nth: int = 0) -> Step:
    return [s for s in built(tl) if _message(s).target == target][nth]


def _decision(step: Step, name: str) -> tuple[bool, str]:
    (d,) = (d for d in _http(step).decisions if d.name == name)
    return d.sent, d.rule


def _jar(step: Step) -> dict[str, tuple[str, Change]]:
    return {r.name: (r.value, r.change) for r in _http(step).jar}


# ----------------------------------------------------------------------------- every lesson

HTTP = sorted(HTTP_SCENARIOS)


@pytest.mark.parametrize("name", HTTP)
def test_every_step_carries_the_http_layer_and_marks_belong_to_http_steps(name: str) -> None:
    tl = build(name)
    for step in tl:
        http = _http(step)
        if step.layer == "http":
            assert step.kind is StepKind.HTTP and step.segment is None and not step.transitions
            assert re.search(r"RFC \d{4}", step.explanation.rfc)
        else:
            assert step.layer == "tcp" and step.kind is not StepKind.HTTP
            assert all(r.change is Change.NONE for r in http.jar), step.index
            assert all(e.change is Change.NONE for e in http.sessions), step.index
    assert any(s.layer == "http" for s in tl) and any(s.layer == "tcp" for s in tl)


def _wire(tl: Timeline, connection: int, sender: str) -> bytes:
    """What ``sender`` put on the wire on one connection, each byte once, in order."""
    sent = [s for s in tl.segments if s.connection == connection and s.src == sender
            and s.length and not s.retransmission and not s.duplicate]
    return b"".join(s.payload for s in sent)


@pytest.mark.parametrize("name", HTTP)
def test_messages_shown_are_the_bytes_that_crossed_tcp(name: str) -> None:
    tl = build(name)
    for info in tl.connections:
        n = info.number
        shown_requests = [_message(s) for s in built(tl) if s.connection == n]
        shown_responses = [_message(s) for s in read(tl) if s.connection == n]
        wire_requests = parse_messages(_wire(tl, n, "client"), REQ)
        wire_responses = parse_messages(_wire(tl, n, "server"), RESP)
        assert [(m.start_line, m.headers, m.body) for m in wire_requests] == [
            (m.start_line, m.headers, m.body) for m in shown_requests]
        assert [(m.start_line, m.headers, m.body) for m in wire_responses] == [
            (m.start_line, m.headers, m.body) for m in shown_responses]
        assert [m.exchange for m in shown_responses] == list(range(len(shown_responses)))
        # and the server read exactly what the browser wrote
        assert [_message(s).start_line for s in served(tl) if s.connection == n] == [
            m.start_line for m in shown_requests]


@pytest.mark.parametrize("name", HTTP)
def test_each_exchange_goes_browser_server_server_browser(name: str) -> None:
    tl = build(name)
    for n in (c.number for c in tl.connections):
        requests = [s.index for s in built(tl) if s.connection == n]
        reads = [s.index for s in served(tl) if s.connection == n]
        responses = [s.index for s in read(tl) if s.connection == n]
        assert len(requests) == len(reads) == len(responses) >= 1
        for r, q, p in zip(requests, reads, responses, strict=True):
            assert r < q < p


@pytest.mark.parametrize("name", HTTP)
def test_every_connection_closes_and_its_isns_come_from_its_addresses(name: str) -> None:
    tl = build(name)
    assert len({c.client_address for c in tl.connections}) == len(tl.connections)
    for info in tl.connections:
        syn = next(s for s in tl.segments if s.connection == info.number and s.src == "client"
                   and Flags.SYN in s.flags)
        assert syn.seq == info.client_isn
        last = [s for s in tl if s.connection == info.number][-1]
        assert (last.client.state, last.server.state) == (TcpState.CLOSED, TcpState.CLOSED)


# ----------------------------------------------------------------------------- (a) first visit


def test_first_visit_gets_cookies_and_the_next_requests_carry_them() -> None:
    tl = build("first-visit")
    first, news, again = built(tl)
    assert _message(first).header("Cookie") is None and _http(first).jar == ()
    reply = read(tl)[0]
    set_cookies = _message(reply).headers_named("Set-Cookie")
    assert [c.split("=")[0] for c in set_cookies] == ["visitor", "visits"]
    visitor = _jar(reply)["visitor"][0]
    assert _jar(reply) == {"visitor": (visitor, Change.ADDED), "visits": ("1", Change.ADDED)}
    assert _message(news).header("Cookie") == f"visitor={visitor}; visits=1"
    assert _message(again).header("Cookie") == f"visitor={visitor}; visits=2"
    assert _jar(read(tl)[1])["visits"] == ("2", Change.CHANGED)
    assert _jar(read(tl)[1])["visitor"] == (visitor, Change.NONE)
    # the visitor cookie lives a year (Max-Age beats the session); visits is a session cookie
    rows = {r.name: r for r in _http(reply).jar}
    assert rows["visitor"].expires == pytest.approx(reply.time - 0.05 + 365 * 24 * 3600)
    assert rows["visits"].expires is None


def test_first_visit_big_page_takes_several_segments() -> None:
    tl = build("first-visit")
    page = _message(read(tl)[0])
    assert len(page.body) >= 2900
    data = [s for s in tl.segments if s.src == "server" and s.length and s.end_step is not None
            and s.end_step <= read(tl)[0].index]
    assert len(data) >= 3 and all(s.length <= 1460 for s in data)
    assert any(s.explanation.what.startswith("The browser has the head") for s in tl)


# ----------------------------------------------------------------------------- (b) login


def test_login_302_sets_the_session_id_the_server_stored() -> None:
    tl = build("login")
    login_read = next(s for s in served(tl) if _message(s).method == "POST")
    assert b"username=alice" in _message(login_read).body
    answer = tl[login_read.index + 1]
    response = _message(answer)
    assert response.status == 302 and response.header("Location") == "/profile"
    (cookie,) = response.headers_named("Set-Cookie")
    sid = cookie.split(";")[0].split("=", 1)[1]
    ((entry_id, data, change),) = [(e.session_id, dict(e.data), e.change)
                                    for e in _http(answer).sessions]
    assert (entry_id, data["user"], change) == (sid, "alice", Change.ADDED)
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_login_profile_request_carries_the_session_id_and_says_why() -> None:
    tl = build("login")
    profile = _request_to(tl, "/profile")
    assert "Following the redirect" in profile.explanation.what
    sid = _jar(profile)["sid"][0]
    assert _message(profile).header("Cookie") == f"sid={sid}"
    sent, rule = _decision(profile, "sid")
    assert sent
    assert "host-only for www.example.org" in rule
    assert "path / path-matches /profile" in rule and "RFC 6265 §5.4" in rule
    assert "HttpOnly" in rule
    page = next(s for s in read(tl) if b"Hello, alice" in _message(s).body)
    assert page.index > profile.index


def test_logout_deletes_session_and_cookie_with_max_age_zero() -> None:
    tl = build("login")
    logout = next(s for s in served(tl) if _message(s).target == "/logout")
    answer = tl[logout.index + 1]
    (cookie,) = _message(answer).headers_named("Set-Cookie")
    assert cookie.startswith("sid=;") and "Max-Age=0" in cookie
    assert [e.change for e in _http(answer).sessions] == [Change.REMOVED]
    reply = next(s for s in read(tl) if s.index > answer.index)
    assert _jar(reply)["sid"][1] is Change.REMOVED
    assert any("removed" in line for line in reply.explanation.arithmetic)
    home = _request_to(tl, "/")
    assert _message(home).header("Cookie") is None
    assert _http(home).jar == () and _http(tl[-1]).jar == () and _http(tl[-1]).sessions == ()


def test_login_reuses_one_keep_alive_connection() -> None:
    tl = build("login")
    assert len(tl.connections) == 1
    assert [_message(s).start_line for s in built(tl)] == [
        "GET /login HTTP/1.1", "POST /login HTTP/1.1", "GET /profile HTTP/1.1",
        "POST /logout HTTP/1.1", "GET / HTTP/1.1"]
    assert len([s for s in tl.segments if Flags.SYN in s.flags]) == 2


# ----------------------------------------------------------------------------- (c) Flask session


def test_flask_session_cookie_is_readable_and_verifies_at_the_server() -> None:
    tl = build("flask-session")
    profile_read = next(s for s in served(tl) if _message(s).target == "/profile")
    view = _http(profile_read).flask_session
    assert view is not None and view.verified is True
    assert json.loads(view.payload) == {"user": "alice"}
    assert view.timestamp is not None
    assert view.timestamp == pytest.approx(VIRTUAL_EPOCH + 0.15, abs=1)
    browser = _http(read(tl)[0]).flask_session  # the browser can read it, not check it
    assert browser is not None and browser.verified is None
    assert json.loads(browser.payload) == {"user": "alice"}
    assert any(b"Hello, alice" in _message(s).body for s in read(tl))


def test_tampered_flask_session_fails_the_signature_and_comes_back_empty() -> None:
    tl = build("flask-session")
    (edit,) = [s for s in tl if s.layer == "http" and _http(s).message is None]
    assert "developer tools" in edit.explanation.what
    value, change = _jar(edit)["session"]
    assert change is Change.CHANGED
    view = _http(edit).flask_session
    assert view is not None and json.loads(view.payload) == {"user": "admin"}
    assert decode_flask_session(value, FLASK_SECRET_KEY).verified is False
    after = [s for s in served(tl) if s.index > edit.index]
    assert _message(after[0]).header("Cookie") == f"session={value}"
    checked = _http(after[0]).flask_session
    assert checked is not None and checked.verified is False
    assert "bad signature" in checked.reason
    answer = _message(tl[after[0].index + 1])
    assert answer.status == 302 and answer.header("Location") == "/login"
    assert "empty session" in tl[after[0].index + 1].explanation.why
    assert not any(b"Hello, admin" in _message(s).body for s in read(tl))


# ----------------------------------------------------------------------------- (d) cookie scope


def test_cookie_scope_path_expiry_and_secure_decide_what_profile_gets() -> None:
    tl = build("cookie-scope")
    profile = _request_to(tl, "/profile")
    assert profile.time >= 10.0  # the user read the page for ten seconds first
    cookie = _message(profile).header("Cookie") or ""
    assert cookie.split("; ")[0] == "tab=activity"  # the longest path goes first
    assert {c.split("=")[0] for c in cookie.split("; ")} == {"tab", "visitor", "lang"}
    sent, rule = _decision(profile, "promo")
    assert not sent and rule.startswith("expired at t=") and "(Max-Age=5)" in rule
    assert _jar(profile)["promo"][1] is Change.REMOVED
    sent, rule = _decision(profile, "token")
    assert not sent and rule == "Secure cookie, but the request is http:// (RFC 6265 §5.4 step 1)"


def test_cookie_scope_path_cookie_is_not_sent_elsewhere() -> None:
    tl = build("cookie-scope")
    account = _request_to(tl, "/account")
    sent, rule = _decision(account, "tab")
    assert not sent and rule == "path /profile does not path-match /account (RFC 6265 §5.1.4)"
    assert "tab=" not in (_message(account).header("Cookie") or "")


def test_cookie_scope_domain_cookie_reaches_the_other_host_and_host_only_does_not() -> None:
    tl = build("cookie-scope")
    logo = _request_to(tl, "/logo.png")
    assert _message(logo).header("Host") == "static.example.org"
    assert _message(logo).header("Cookie") == "lang=en"
    sent, rule = _decision(logo, "visitor")
    assert not sent and "host-only" in rule and "static.example.org" in rule
    assert logo.connection == 1  # another origin: another connection


# ----------------------------------------------------------------------------- (e) versions


def _last_response_time(tl: Timeline) -> float:
    return read(tl)[-1].time


def test_http10_opens_a_connection_per_request_and_the_server_closes_each() -> None:
    tl = build("http10-per-request")
    assert len(tl.connections) == 3
    assert [(_message(s).start_line, s.connection) for s in built(tl)] == [
        ("GET / HTTP/1.0", 0), ("GET /style.css HTTP/1.0", 1), ("GET /logo.png HTTP/1.0", 2)]
    for step in read(tl):
        assert _message(step).header("Connection") == "close"
    for n in range(3):  # the server closes first, so it is the side in TIME-WAIT
        first_fin = next(s for s in tl.segments if s.connection == n and Flags.FIN in s.flags)
        assert first_fin.src == "server"


def test_keep_alive_uses_one_connection_one_request_at_a_time() -> None:
    tl = build("http11-keep-alive")
    assert len(tl.connections) == 1
    requests, responses = built(tl), read(tl)
    for req, nxt in zip(responses, requests[1:], strict=False):
        assert nxt.index > req.index  # each request waits for the previous response


def test_pipelining_sends_all_requests_before_the_first_response() -> None:
    tl = build("http11-pipelining")
    requests, responses = built(tl), read(tl)
    assert [_message(s).target for s in requests] == ["/", "/style.css", "/logo.png"]
    assert requests[-1].index < responses[0].index
    assert [_message(s).header("Content-Type") for s in responses] == [
        "text/html; charset=utf-8", "text/css", "image/png"]  # in request order


def test_the_three_versions_fetch_the_same_and_pipelining_is_fastest() -> None:
    runs = {n: build(n) for n in ("http10-per-request", "http11-keep-alive",
                                  "http11-pipelining")}
    bodies = {n: [_message(s).body for s in read(tl)] for n, tl in runs.items()}
    assert len({tuple(b) for b in bodies.values()}) == 1 and len(PIPELINE_URLS) == 3
    times = [_last_response_time(tl) for tl in runs.values()]
    assert times[0] > times[1] > times[2]
    handshakes = [len([s for s in tl.segments if s.flags == Flags.SYN]) for tl in runs.values()]
    assert handshakes == [3, 1, 1]


# ----------------------------------------------------------------------------- (f) chunked


def test_chunked_response_is_streamed_chunk_by_chunk() -> None:
    tl = build("chunked")
    (response,) = read(tl)
    message = _message(response)
    assert message.chunked and message.header("Content-Length") is None
    assert message.body.startswith(b"Report part 1 of 3") and len(message.body) == 6000
    writes = [s for s in tl if s.layer == "http" and s.actor == "server"
              and s.explanation.what.startswith("The app produces chunk")]
    assert [round(s.time - writes[0].time, 3) for s in writes] == [0.0, 0.3]
    arrivals = [s for s in tl if s.explanation.what.startswith("Chunk ")]
    assert [len(_message(s).body) for s in arrivals] == [2000, 4000, 6000]
    assert all(not _message(s).complete for s in arrivals)
    data = [s for s in tl.segments if s.src == "server" and s.length]
    assert len(data) >= 6 and data[-1].payload.endswith(b"0\r\n\r\n")


# ----------------------------------------------------------------------------- what-if


def _segments_with_data(tl: Timeline) -> Iterator[int]:
    return (s.id for s in tl.segments if s.length and s.src == "client")


def test_a_lost_request_segment_is_retransmitted_and_the_lesson_ends_the_same() -> None:
    normal = build("login")
    lost = list(_segments_with_data(normal))[2]  # the GET /profile
    dropped = build("login", drop_ids=frozenset({lost}))
    assert dropped.segments[lost].fate is Fate.LOST
    assert any(s.retransmission for s in dropped.segments)
    assert [_message(s).start_line for s in read(dropped)] == [
        _message(s).start_line for s in read(normal)]
    assert _message(_request_to(dropped, "/profile")).header("Cookie") == _message(
        _request_to(normal, "/profile")).header("Cookie")



@pytest.mark.parametrize("name", HTTP)
def test_losing_any_one_segment_still_completes_every_exchange(name: str) -> None:
    normal = build(name)
    expected = [_message(s).start_line for s in read(normal)]
    for k in range(len(normal.segments)):
        dropped = build(name, drop_ids=frozenset({k}))
        assert [_message(s).start_line for s in read(dropped)] == expected, k
        for info in dropped.connections:
            last = [s for s in dropped if s.connection == info.number][-1]
            assert (last.client.state, last.server.state) == (TcpState.CLOSED,
                                                              TcpState.CLOSED), k


def test_login_story_says_what_samesite_lax_still_lets_through() -> None:
    """Lax is not "no cross-site requests": a link followed from another site still carries
    the session cookie, a form another site POSTs here does not (RFC 6265bis §5.6.7.1)."""
    tl = build("login")
    texts = [" ".join((s.explanation.what, s.explanation.why)) for s in tl]
    (story,) = {t for t in texts if "SameSite=Lax" in t}
    assert ("SameSite=Lax (a link followed from another site still brings it, a form another "
            "site POSTs here does not") in story
    profile = _request_to(tl, "/profile")
    _, rule = _decision(profile, "sid")
    assert "only a top-level navigation with a safe method such as GET would carry it" in rule
    assert "unless SameSite=None" not in rule


def test_simultaneous_open_cites_rfc_9293_figure_7() -> None:
    assert "(RFC 9293 figure 7" in build("simultaneous-open").description
