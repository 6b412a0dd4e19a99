"""The demo app teaches syllabus question 5 for real (issue 15): traced through Werkzeug's
server on 127.0.0.1, with ``http.cookiejar`` (the standard library's RFC 6265 jar, not ours)
carrying the cookies from each response to the next request — a visit counter in Flask's
signed session, a server-side session behind a ``session_id`` cookie, a ``Max-Age`` cookie,
and logging out deleting both."""

from __future__ import annotations

import json
from http.cookies import SimpleCookie

import pytest

from simulator.models.http.flask_session import decode_flask_session
from simulator.net.live.trace import LiveTrace, TraceRequest, trace_requests

VISIT, LOGIN, PROFILE, LOGOUT = (
    TraceRequest(path="/"), TraceRequest("POST", "/login", b"user=ada"),
    TraceRequest(path="/profile"), TraceRequest("POST", "/logout"))


@pytest.fixture(scope="module")
def visit_login_profile_logout() -> tuple[LiveTrace, ...]:
    traces = trace_requests([VISIT, VISIT, LOGIN, PROFILE, LOGOUT, PROFILE])
    assert [t.error for t in traces] == [None] * 6
    return traces


def _set_cookies(trace: LiveTrace) -> dict[str, dict[str, str | bool]]:
    """Each Set-Cookie of the response: name -> its attributes (and "value")."""
    assert trace.response is not None
    out: dict[str, dict[str, str | bool]] = {}
    for name, value in trace.response.headers:
        if name.lower() == "set-cookie":
            morsel = next(iter(SimpleCookie(value).values()))
            attributes: dict[str, str | bool] = {k: v for k, v in morsel.items() if v}
            attributes["value"] = morsel.value
            out[morsel.key] = attributes
    return out


def _sent_cookies(trace: LiveTrace) -> dict[str, str]:
    assert trace.sent is not None
    header = "; ".join(v for n, v in trace.sent.headers if n.lower() == "cookie")
    return {m.key: m.value for m in SimpleCookie(header).values()}


def test_the_visit_counter_lives_in_flasks_signed_session(visit_login_profile_logout):
    first, second = visit_login_profile_logout[:2]
    assert first.response is not None and second.response is not None
    assert b"Visit number 1." in first.response.body
    assert b"Visit number 2." in second.response.body  # the cookie came back, signed
    cookie = _set_cookies(second)["session"]
    assert cookie["httponly"] is True
    view = decode_flask_session(str(cookie["value"]))
    assert view is not None and json.loads(view.payload) == {"visits": 2}  # readable by all
    assert _sent_cookies(second)["session"] == _set_cookies(first)["session"]["value"]


def test_login_sets_a_session_id_cookie_and_a_max_age_cookie(visit_login_profile_logout):
    login = visit_login_profile_logout[2]
    assert login.response is not None and login.response.body == b"Logged in as ada.\n"
    cookies = _set_cookies(login)
    session_id = cookies["session_id"]
    assert session_id["path"] == "/" and session_id["httponly"] is True
    assert session_id["samesite"] == "Lax"
    assert "max-age" not in session_id and "expires" not in session_id  # ends with the browser
    assert len(str(session_id["value"])) >= 20  # a random id, not the user's name
    assert "ada" not in str(session_id["value"])
    remember = cookies["remember"]
    assert remember["value"] == "ada" and remember["max-age"] == str(7 * 24 * 3600)
    assert remember["path"] == "/" and "httponly" not in remember


def test_the_profile_comes_from_the_server_side_session(visit_login_profile_logout):
    login, profile = visit_login_profile_logout[2:4]
    sent = _sent_cookies(profile)
    assert sent["session_id"] == _set_cookies(login)["session_id"]["value"]
    assert sent["remember"] == "ada" and "session" in sent and "theme" in sent
    assert profile.response is not None and profile.response.status == 200
    assert profile.response.body == b"Profile of ada: 2 visits to /.\n"
    assert "session_id" not in _set_cookies(profile)  # the id is set once, at login


def test_logout_deletes_both_cookies_and_the_session(visit_login_profile_logout):
    logout, after = visit_login_profile_logout[4:6]
    assert logout.response is not None and logout.response.body == b"Logged out ada.\n"
    deleted = _set_cookies(logout)
    for name in ("session_id", "remember"):
        assert deleted[name]["value"] == "" and deleted[name]["max-age"] == "0"
        assert "1970" in str(deleted[name]["expires"])
    sent = _sent_cookies(after)  # the jar removed them (RFC 6265 §5.3 step 11)
    assert "session_id" not in sent and "remember" not in sent
    assert "session" in sent  # Flask's own session was not touched
    assert after.response is not None and after.response.status == 401


def test_a_stolen_session_id_works_until_logout_then_is_refused():
    """Whoever holds the id is the user (why it is HttpOnly and random); the server forgets
    the session at logout, so replaying the old id then gets nothing. (Flask's test client
    on the same app: a trace loads the app afresh, with no sessions.)"""
    from simulator import demo_app

    owner = demo_app.app.test_client()
    login = owner.post("/login", data={"user": "ada"})
    stolen = next(v.split(";")[0].split("=", 1)[1] for v in login.headers.getlist("Set-Cookie")
                  if v.startswith("session_id="))
    thief = demo_app.app.test_client()
    thief.set_cookie("session_id", stolen)
    assert thief.get("/profile").data == b"Profile of ada: 0 visits to /.\n"
    owner.post("/logout")
    assert thief.get("/profile").status_code == 401
    assert stolen not in demo_app.SESSIONS


def test_the_live_lesson_narrates_each_request_where_it_happens():
    """The lesson "Cookies and sessions, live" plays the five requests on every layer; each
    narration lands on the message or frame its words are about (not just some step)."""
    from simulator.lessons import find_lesson, lesson_plan

    plan = lesson_plan(find_lesson("cookies-and-sessions-live"))
    at = []
    for k in plan.narration_steps:
        step = plan.source.steps[k]
        message = step.http.message if step.http is not None else None
        frame = step.wsgi.event.function if step.wsgi is not None and step.wsgi.event else None
        at.append((message.start_line if message is not None else None, frame, tuple(
            h.value.split("=", 1)[0] for h in (message.headers if message else ())
            if h.name.lower() == "set-cookie")))
    lines = [line for line, _, _ in at]
    assert lines[0] == "GET / HTTP/1.1" and at[1][1] == "demo_app.index"
    assert set(at[2][2]) == {"session", "theme"}  # Flask's signed session, a plain cookie
    assert lines[3] == "POST /login HTTP/1.1" and at[4][1] == "demo_app.login"
    assert set(at[5][2]) == {"session_id", "remember"}
    assert lines[6] == "GET /profile HTTP/1.1" and at[7][1] == "demo_app.profile"
    assert lines[8] == "POST /logout HTTP/1.1" and set(at[9][2]) == {"session_id", "remember"}
    assert lines[10].startswith("HTTP/1.0 401")
    cookie = next(h.value for h in plan.source.steps[plan.narration_steps[6]].http.message.headers
                  if h.name.lower() == "cookie")
    assert {c.split("=")[0] for c in cookie.split("; ")} == {"theme", "session", "session_id",
                                                           "remember"}
