"""The HTTP views show what ``step.http`` says: the message, the cookie jar, the sessions."""

from __future__ import annotations

import dataclasses
import functools
import gzip
import json
import zlib

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPalette

from simulator.models.http.flask_session import decode_flask_session, sign_flask_session
from simulator.models.http.snapshot import (
    Change,
    CookieDecision,
    CookieRow,
    HeaderLine,
    HttpMessage,
    HttpSnapshot,
    MessageKind,
    SessionEntry,
)
from simulator.models.limits import SHOWN_CHARACTERS
from simulator.models.simulation.scenarios import SCENARIOS, build
from simulator.models.timeline.steps import Timeline
from simulator.ui.common import palette
from simulator.ui.http.cookie_jar_model import (
    CHANGE_ROLE,
    DOMAIN,
    EXPIRES,
    NAME,
    SAME_SITE,
    SECURE,
    SENT,
    SENT_ROLE,
    CookieJarModel,
)
from simulator.ui.http.cookie_jar_view import CookieJarView
from simulator.ui.http.http_panel import HttpPanel
from simulator.ui.http.message_view import HttpMessageView
from simulator.ui.http.session_store_model import DATA, USED, SessionStoreModel
from simulator.ui.http.session_store_view import SessionStoreView

Role = Qt.ItemDataRole
SECRET = "dev-secret"


# ------------------------------------------------------------------ snapshots a source would make
def request(target: str = "/profile", cookie: str | None = "sid=7f3a9c; theme=dark",
            **changes: object) -> HttpMessage:
    headers = [HeaderLine("Host", "shop.example")]
    if cookie is not None:
        headers.append(HeaderLine("Cookie", cookie))
    message = HttpMessage(kind=MessageKind.REQUEST, start_line=f"GET {target} HTTP/1.1",
                          headers=tuple(headers), body=b"", raw_length=90, method="GET",
                          target=target)
    return dataclasses.replace(message, **changes)  # type: ignore[arg-type]


def response(status: str = "200 OK", headers: tuple[tuple[str, str], ...] = (),
             body: bytes = b"", **changes: object) -> HttpMessage:
    message = HttpMessage(kind=MessageKind.RESPONSE, start_line=f"HTTP/1.1 {status}",
                          headers=tuple(HeaderLine(n, v) for n, v in headers), body=body,
                          raw_length=100 + len(body), status=int(status.split()[0]))
    return dataclasses.replace(message, **changes)  # type: ignore[arg-type]


def cookie(name: str, value: str = "v", *, path: str = "/", host_only: bool = True,
           expires: float | None = None, secure: bool = False, http_only: bool = False,
           same_site: str | None = None, change: Change = Change.NONE) -> CookieRow:
    return CookieRow(name, value, "shop.example", path, host_only, expires, secure, http_only,
                     same_site, 0.5, change)


def decision(name: str, sent: bool, rule: str, path: str = "/") -> CookieDecision:
    return CookieDecision(name, "shop.example", path, sent, rule)


PROFILE = HttpSnapshot(
    message=request(),
    request_url="http://shop.example/profile",
    jar=(cookie("sid", "7f3a9c", http_only=True, same_site="Lax"),
         cookie("theme", "dark", host_only=False, expires=86400.0),
         cookie("admin_tab", "users", path="/admin"),
         cookie("promo", "spring", expires=2.0),
         cookie("pay", "tok", secure=True)),
    decisions=(decision("sid", True, "path / path-matches /profile (RFC 6265 §5.1.4)"),
               decision("theme", True, "domain shop.example domain-matches (RFC 6265 §5.1.3)"),
               decision("admin_tab", False, "path /admin does not path-match /profile "
                        "(RFC 6265 §5.1.4)", path="/admin"),
               decision("promo", False, "expired at t = 2 s (RFC 6265 §5.3)"),
               decision("pay", False, "Secure cookie on an http:// request (RFC 6265 §5.4)")),
    sessions=(SessionEntry("7f3a9c", (("user", "alice"),)),
              SessionEntry("0b11d2", (("user", "bob"),))),
)
LOGIN_REPLY = HttpSnapshot(
    message=response("302 FOUND", (("Location", "/profile"),
                                   ("Set-Cookie", "sid=7f3a9c; Path=/; HttpOnly; SameSite=Lax"),
                                   ("Set-Cookie", "old=1; Path=/; Max-Age=0"))),
    jar=(cookie("sid", "7f3a9c", change=Change.ADDED),
         cookie("theme", "light", change=Change.CHANGED),
         cookie("old", "1", change=Change.REMOVED),
         cookie("keep", "1")),
    sessions=(SessionEntry("7f3a9c", (("user", "alice"),), Change.ADDED),
              SessionEntry("deadbeef", (("user", "anon"),), Change.REMOVED)),
)


def flask_snapshot(tampered: bool = False, secret: str | None = SECRET) -> HttpSnapshot:
    value = sign_flask_session({"user": "alice"}, SECRET, 1_700_000_000)
    if tampered:  # the learner edits the payload to {"user":"admin"} in the browser
        value = "eyJ1c2VyIjoiYWRtaW4ifQ" + value[value.index("."):]
    return HttpSnapshot(message=request("/cart", f"session={value}"),
                        jar=(cookie("session", value),),
                        flask_session=decode_flask_session(value, secret))


def with_http(snapshots: list[HttpSnapshot | None]) -> Timeline:
    """A real scenario's timeline whose first steps carry these HTTP snapshots."""
    base = build("handshake-teardown")
    assert len(base) >= len(snapshots)
    steps = tuple(dataclasses.replace(step, http=snapshots[i] if i < len(snapshots) else None)
                  for i, step in enumerate(base.steps))
    return dataclasses.replace(base, steps=steps)


def cell_background(view: HttpMessageView, text: str) -> QColor:
    """The background of the table cell of the message view that holds ``text``."""
    found = view.document().find(text)
    assert not found.isNull(), text
    table = found.currentTable()
    assert table is not None, text
    return table.cellAt(found).format().background().color()


def dark_palette() -> QPalette:
    p = QPalette()
    for role, colour in ((QPalette.ColorRole.Window, "#2b2b2b"),
                         (QPalette.ColorRole.Base, "#1e1e1e"),
                         (QPalette.ColorRole.Text, "#e0e0e0"),
                         (QPalette.ColorRole.WindowText, "#e0e0e0")):
        p.setColor(role, QColor(colour))
    return p


@pytest.fixture
def message_view(qtbot):
    view = HttpMessageView()
    qtbot.addWidget(view)
    return view


@pytest.fixture
def jar_view(qtbot):
    view = CookieJarView()
    qtbot.addWidget(view)
    return view


@pytest.fixture
def session_view(qtbot):
    view = SessionStoreView()
    qtbot.addWidget(view)
    return view


# ------------------------------------------------------------------ the message
def test_request_and_response_are_told_apart_by_banner_and_colour(message_view):
    message_view.show_snapshot(PROFILE)
    text = message_view.plain_text()
    assert "REQUEST" in text and "browser → server" in text and "GET /profile HTTP/1.1" in text
    request_banner = cell_background(message_view, "REQUEST")
    message_view.show_snapshot(LOGIN_REPLY)
    text = message_view.plain_text()
    assert "RESPONSE" in text and "server → browser" in text and "HTTP/1.1 302 FOUND" in text
    assert cell_background(message_view, "RESPONSE") != request_banner
    assert request_banner == palette.REQUEST_FILL.light


def test_cookie_headers_are_highlighted_and_their_attributes_spelled_out(message_view):
    message_view.show_snapshot(LOGIN_REPLY)
    text = message_view.plain_text()
    assert "stores cookie sid = 7f3a9c" in text
    assert "Path=/ — sent only to URLs under this path" in text
    assert "HttpOnly — hidden from JavaScript" in text
    assert "SameSite=Lax — same-site requests" in text
    assert "no Expires / Max-Age — a session cookie" in text
    assert "deletes cookie old (Max-Age ≤ 0" in text
    assert cell_background(message_view, "Set-Cookie:") == palette.COOKIE_HEADER_FILL.light
    assert cell_background(message_view, "Location:") != palette.COOKIE_HEADER_FILL.light
    message_view.show_snapshot(PROFILE)
    text = message_view.plain_text()
    assert "sends cookie sid = 7f3a9c" in text and "sends cookie theme = dark" in text
    assert cell_background(message_view, "Cookie:") == palette.COOKIE_HEADER_FILL.light


def test_gzip_json_body_is_decoded_and_pretty_printed(message_view):
    data = json.dumps({"user": "alice", "cart": [1, 2]}).encode()
    body = gzip.compress(data)
    message_view.show_snapshot(HttpSnapshot(message=response(
        headers=(("Content-Type", "application/json; charset=utf-8"),
                 ("Content-Encoding", "gzip")), body=body)))
    text = message_view.plain_text()
    assert f"gzip-decoded: {len(body)} → {len(data)} bytes" in text
    assert f"JSON · {len(data)} bytes" in text
    assert '\n  "user": "alice",\n' in text  # indented: pretty-printed, not the one-liner


@pytest.mark.parametrize("compress", [zlib.compress, lambda d: zlib.compress(d)[2:-4]],
                         ids=["zlib-wrapped", "raw-deflate"])
def test_deflate_bodies_are_decoded_either_way_servers_send_them(message_view, compress):
    data = b"hello, deflated world"
    body = compress(data)
    message_view.show_snapshot(HttpSnapshot(message=response(
        headers=(("Content-Type", "text/plain"), ("Content-Encoding", "deflate")), body=body)))
    text = message_view.plain_text()
    assert f"deflate-decoded: {len(body)} → {len(data)} bytes" in text
    assert "hello, deflated world" in text


def test_a_truncated_gzip_body_shows_what_it_holds_and_says_it_is_cut(message_view):
    data = "".join(f"line {i} of text\n" for i in range(2000)).encode()
    whole = gzip.compress(data)
    body = whole[:len(whole) // 2]
    message_view.show_snapshot(HttpSnapshot(message=response(
        headers=(("Content-Type", "text/plain"), ("Content-Encoding", "gzip")), body=body,
        complete=False)))
    text = message_view.plain_text()
    assert "the gzip stream is cut short" in text
    assert "incomplete" in text
    assert "line 0 of text" in text and "line 1999 of text" not in text


def test_chunked_body_is_labelled_chunked_and_shown_dechunked(message_view):
    message_view.show_snapshot(HttpSnapshot(message=response(
        headers=(("Content-Type", "text/plain"), ("Transfer-Encoding", "chunked")),
        body=b"Hello, chunked world", chunked=True)))
    text = message_view.plain_text()
    assert "sent chunked (Transfer-Encoding: chunked" in text
    assert "Hello, chunked world" in text


def test_binary_body_is_a_hex_summary(message_view):
    body = b"\x89PNG\r\n\x1a\n" + bytes(range(100))
    message_view.show_snapshot(HttpSnapshot(message=response(
        headers=(("Content-Type", "image/png"),), body=body)))
    text = message_view.plain_text()
    assert f"binary · image/png · {len(body)} bytes" in text
    assert "0000  89 50 4e 47 0d 0a 1a 0a" in text
    assert f"… {len(body) - 64} more bytes" in text


def test_form_body_is_listed_field_by_field(message_view):
    message_view.show_snapshot(HttpSnapshot(message=request(
        "/login", None, headers=(HeaderLine("Content-Type",
                                            "application/x-www-form-urlencoded"),),
        body=b"user=alice&password=s3cret%21")))
    text = message_view.plain_text()
    assert "form fields" in text
    assert "user = alice" in text and "password = s3cret!" in text


def test_malformed_message_is_marked_and_the_rest_still_shown(message_view):
    message_view.show_snapshot(HttpSnapshot(message=request(
        "/index.html", None, start_line="GET /index.html HTTP/1.1 extra",
        headers=(HeaderLine("Host", "x"), HeaderLine("X-Bin", "\x00\x01ok")),
        problems=("start line has 4 parts, expected 3 (RFC 9112 §3)",))))
    text = message_view.plain_text()
    assert "⚠ malformed: start line has 4 parts, expected 3" in text
    assert cell_background(message_view, "malformed") == palette.WARNING_FILL.light
    assert "GET /index.html HTTP/1.1 extra" in text
    assert "X-Bin:" in text and "\\x00\\x01ok" in text  # control bytes made visible


def test_a_step_without_a_message_says_so(message_view):
    message_view.show_snapshot(HttpSnapshot(message=None, jar=(cookie("a"),)))
    assert "No HTTP message at this step" in message_view.plain_text()


# ------------------------------------------------------------------ the cookie jar
def test_cookie_jar_model_passes_the_model_tester(qtmodeltester):
    model = CookieJarModel()
    model.set_snapshot(PROFILE, now=5.0)
    qtmodeltester.check(model)
    model.set_snapshot(LOGIN_REPLY, now=5.0)
    qtmodeltester.check(model)
    model.set_snapshot(None)
    qtmodeltester.check(model)


def test_jar_table_shows_scope_expiry_and_flags(jar_view):
    jar_view.show_snapshot(PROFILE, now=5.0)
    m = jar_view.model
    assert [jar_view.cell_text(r, NAME) for r in range(m.rowCount())] == [
        "sid", "theme", "admin_tab", "promo", "pay"]
    sid, theme, promo, pay = (m.row_of(n) for n in ("sid", "theme", "promo", "pay"))
    assert jar_view.cell_text(sid, DOMAIN) == "shop.example (host only)"
    assert jar_view.cell_text(theme, DOMAIN) == "shop.example (+ subdomains)"
    assert jar_view.cell_text(sid, EXPIRES) == "session"
    assert jar_view.cell_text(theme, EXPIRES) == "in 24 h (t = 86400 s)"
    assert jar_view.cell_text(promo, EXPIRES) == "expired (t = 2 s)"
    jar_view.show_snapshot(PROFILE, now=1.5)
    assert jar_view.cell_text(promo, EXPIRES) == "in 0.5 s (t = 2 s)"
    assert jar_view.cell_text(pay, SECURE) == "✓" and jar_view.cell_text(sid, SECURE) == ""
    assert jar_view.cell_text(sid, SAME_SITE) == "Lax"


def test_sent_column_gives_each_cookies_decision_and_rule(jar_view):
    jar_view.show_snapshot(PROFILE, now=5.0)
    m = jar_view.model
    admin = m.row_of("admin_tab")
    assert jar_view.cell_text(m.row_of("sid"), SENT) == (
        "✓ sent — path / path-matches /profile (RFC 6265 §5.1.4)")
    assert jar_view.cell_text(admin, SENT) == (
        "✗ not sent — path /admin does not path-match /profile (RFC 6265 §5.1.4)")
    assert m.index(admin, SENT).data(SENT_ROLE) is False
    assert m.index(admin, SENT).data(Role.ForegroundRole) == palette.NOT_SENT_INK.light
    assert m.index(m.row_of("sid"), SENT).data(Role.ForegroundRole) == palette.SENT_INK.light
    assert "shop.example/profile" in jar_view.caption.text()
    assert "2 of 5 go in the Cookie header" in jar_view.caption.text()


def test_added_changed_removed_rows_are_highlighted_with_a_legend(jar_view):
    jar_view.show_snapshot(LOGIN_REPLY, now=5.0)
    m = jar_view.model
    expected = {"sid": Change.ADDED, "theme": Change.CHANGED, "old": Change.REMOVED,
                "keep": Change.NONE}
    for name, change in expected.items():
        index = m.index(m.row_of(name), NAME)
        assert index.data(CHANGE_ROLE) is change
        fill = palette.CHANGE_FILL.get(change)
        assert index.data(Role.BackgroundRole) == (fill.light if fill else None)
    assert m.index(m.row_of("old"), NAME).data(Role.FontRole).strikeOut()
    assert m.index(m.row_of("keep"), NAME).data(Role.FontRole) is None
    legend = jar_view.legend.text()
    for word, change in (("added", Change.ADDED), ("changed", Change.CHANGED),
                         ("removed", Change.REMOVED)):
        assert word in legend and palette.CHANGE_FILL[change].light.name() in legend
    assert jar_view.cell_text(m.row_of("sid"), SENT) == ""  # no request at this step


def test_dark_theme_uses_the_dark_shades(jar_view):
    jar_view.setPalette(dark_palette())
    jar_view.show_snapshot(LOGIN_REPLY, now=5.0)
    m = jar_view.model
    assert (m.index(m.row_of("sid"), NAME).data(Role.BackgroundRole)
            == palette.CHANGE_FILL[Change.ADDED].dark)
    assert palette.CHANGE_FILL[Change.REMOVED].dark.name() in jar_view.legend.text()


def test_a_decision_about_a_cookie_no_longer_in_the_jar_is_still_listed(jar_view):
    jar_view.show_snapshot(HttpSnapshot(
        message=request(cookie=None), jar=(),
        decisions=(decision("gone", False, "expired at t = 1 s: evicted (RFC 6265 §5.3)"),)))
    assert jar_view.model.rowCount() == 1
    assert jar_view.cell_text(0, NAME) == "gone"
    assert jar_view.cell_text(0, SENT).startswith("✗ not sent — expired")


# ------------------------------------------------------------------ sessions
def test_session_store_model_passes_the_model_tester(qtmodeltester):
    model = SessionStoreModel()
    model.set_snapshot(PROFILE)
    qtmodeltester.check(model)
    model.set_snapshot(None)
    qtmodeltester.check(model)


def test_session_store_marks_the_session_this_request_carries(session_view):
    session_view.show_snapshot(PROFILE)
    m = session_view.model
    alice, bob = m.row_of("7f3a9c"), m.row_of("0b11d2")
    assert session_view.cell_text(alice, DATA) == "user = alice"
    assert session_view.cell_text(alice, USED) == "← this request's cookie sid picks it"
    assert session_view.cell_text(bob, USED) == ""
    assert session_view.table.isVisibleTo(session_view)
    assert not session_view.flask.isVisibleTo(session_view)


def test_session_store_highlights_created_and_deleted_sessions(session_view):
    session_view.show_snapshot(LOGIN_REPLY)
    m = session_view.model
    created, deleted = m.index(m.row_of("7f3a9c"), 0), m.index(m.row_of("deadbeef"), 0)
    assert created.data(Role.BackgroundRole) == palette.CHANGE_FILL[Change.ADDED].light
    assert deleted.data(Role.BackgroundRole) == palette.CHANGE_FILL[Change.REMOVED].light
    assert deleted.data(Role.FontRole).strikeOut()
    assert session_view.cell_text(created.row(), USED) == (
        "→ handed to the browser in Set-Cookie sid; created")
    assert session_view.cell_text(deleted.row(), USED) == "deleted"


def test_flask_session_shows_payload_timestamp_and_a_valid_signature(session_view):
    session_view.show_snapshot(flask_snapshot())
    text = session_view.flask_text()
    assert '"user": "alice"' in text
    assert "1700000000 s since 1970-01-01 = 2023-11-14 22:13:20 UTC" in text
    assert "✓ signature valid" in text
    assert not session_view.table.isVisibleTo(session_view)


def test_a_tampered_flask_session_visibly_fails_its_signature_check(session_view):
    session_view.show_snapshot(flask_snapshot(tampered=True))
    text = session_view.flask_text()
    assert "✗ signature check FAILED — bad signature" in text
    assert "the request gets an empty session" in text
    assert '"user": "admin"' in text and "NOT trusted" in text
    found = session_view.flask.document().find("signature check FAILED")
    assert found.currentTable().cellAt(found).format().background().color() == (
        palette.WARNING_FILL.light)


def test_a_flask_session_without_the_secret_key_is_read_but_not_verified(session_view):
    session_view.show_snapshot(flask_snapshot(secret=None))
    text = session_view.flask_text()
    assert "? not verified here — no secret key given" in text
    assert "Only the server, which knows SECRET_KEY, can check" in text
    assert '"user": "alice"' in text


# ------------------------------------------------------------------ the panel, on a timeline
@pytest.fixture
def panel(qtbot):
    view = HttpPanel()
    qtbot.addWidget(view)
    view.resize(900, 1100)
    return view


def test_a_timeline_without_http_shows_a_friendly_placeholder(panel):
    panel.set_timeline(build("handshake-teardown"))
    panel.set_cursor(0)
    assert panel.showing_placeholder()
    assert "No HTTP in this lesson" in panel.placeholder.text()


def panel_shows(panel: HttpPanel) -> tuple[object, ...]:
    jar = panel.jar_view
    cells = tuple(jar.cell_text(r, c) for r in range(jar.model.rowCount())
                  for c in range(jar.model.columnCount()))
    fills = tuple(jar.model.index(r, 0).data(CHANGE_ROLE) for r in range(jar.model.rowCount()))
    return (panel.message_view.plain_text(), cells, fills, jar.caption.text(),
            tuple(panel.session_view.cell_text(r, 1)
                  for r in range(panel.session_view.model.rowCount())),
            panel.session_view.flask_text())


def test_stepping_back_shows_what_stepping_forward_showed(panel):
    timeline = with_http([None, LOGIN_REPLY, PROFILE, flask_snapshot(),
                          flask_snapshot(tampered=True)])
    panel.set_timeline(timeline)
    assert not panel.showing_placeholder()
    forward = []
    for i in range(6):
        panel.set_cursor(i, 0.3)  # playback: the same index comes again while arrows fly
        panel.set_cursor(i, 1.0)
        forward.append(panel_shows(panel))
    assert "No HTTP message at this step" in forward[0][0]
    assert "HTTP/1.1 302 FOUND" in forward[1][0] and "GET /profile" in forward[2][0]
    assert "signature check FAILED" in forward[4][5]
    for i in reversed(range(6)):
        panel.set_cursor(i)
        assert panel_shows(panel) == forward[i]


def test_the_panel_paints_the_change_colours(panel, qtbot):
    panel.set_timeline(with_http([LOGIN_REPLY]))
    panel.set_cursor(0)
    panel.show()
    qtbot.waitExposed(panel)
    image = panel.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    colours = {image.pixel(x, y) for x in range(0, image.width(), 3)
               for y in range(0, image.height(), 3)}
    for change in (Change.ADDED, Change.CHANGED, Change.REMOVED):
        assert palette.CHANGE_FILL[change].light.rgb() in colours, change
    assert palette.COOKIE_HEADER_FILL.light.rgb() in colours


@functools.cache
def http_scenarios() -> list[str]:
    return [name for name in SCENARIOS if any(s.http is not None for s in build(name))]


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_every_scenario_plays_forward_and_back_in_the_panel(panel, name):
    timeline = build(name)
    panel.set_timeline(timeline)
    assert panel.showing_placeholder() == (name not in http_scenarios())
    seen = []
    for i in range(len(timeline)):
        panel.set_cursor(i)
        seen.append(panel_shows(panel))
    for i in reversed(range(len(timeline))):
        panel.set_cursor(i)
        assert panel_shows(panel) == seen[i]


# ------------------------------------------------------------------ the real HTTP lessons
def first_step(timeline: Timeline, predicate) -> int:
    return next(s.index for s in timeline if s.http is not None and predicate(s.http))


def test_login_at_the_profile_request_shows_the_session_cookie_sent_and_why(panel):
    timeline = build("login")
    at = first_step(timeline, lambda h: h.decisions and h.message is not None
                    and h.message.target == "/profile")
    panel.set_timeline(timeline)
    panel.set_cursor(at)
    text = panel.message_view.plain_text()
    assert "REQUEST" in text and "GET /profile HTTP/1.1" in text
    assert cell_background(panel.message_view, "Cookie:") == palette.COOKIE_HEADER_FILL.light
    jar = panel.jar_view
    sid = next(r for r in range(jar.model.rowCount())
               if jar.model.index(r, SENT).data(SENT_ROLE) is True)
    cookie_name = jar.cell_text(sid, NAME)
    assert f"sends cookie {cookie_name} = " in text
    why = jar.cell_text(sid, SENT)
    assert why.startswith("✓ sent") and "path-matches /profile" in why
    store = panel.session_view
    assert store.model.rowCount() == 1
    assert store.cell_text(0, USED) == f"← this request's cookie {cookie_name} picks it"
    assert "user = alice" in store.cell_text(0, DATA)


def test_logout_strikes_the_cookie_and_the_session(panel):
    timeline = build("login")
    deleted = first_step(timeline, lambda h: any(c.change is Change.REMOVED for c in h.jar))
    ended = first_step(timeline, lambda h: any(e.change is Change.REMOVED for e in h.sessions))
    panel.set_timeline(timeline)
    panel.set_cursor(deleted)
    jar = panel.jar_view
    row = next(r for r in range(jar.model.rowCount())
               if jar.model.index(r, NAME).data(CHANGE_ROLE) is Change.REMOVED)
    assert jar.model.index(row, NAME).data(Role.FontRole).strikeOut()
    assert "Max-Age=0" in panel.message_view.plain_text()
    assert "this step removed" in jar.caption.text()
    panel.set_cursor(ended)
    assert panel.session_view.cell_text(0, USED).endswith("deleted")


def test_flask_session_lesson_shows_the_tampered_cookie_failing_on_the_server(panel):
    timeline = build("flask-session")
    signed = first_step(timeline, lambda h: h.flask_session is not None
                        and h.flask_session.verified is True)
    forged = first_step(timeline, lambda h: h.flask_session is not None
                        and h.flask_session.verified is False)
    panel.set_timeline(timeline)
    panel.set_cursor(signed)
    assert "✓ signature valid" in panel.session_view.flask_text()
    panel.set_cursor(forged)
    text = panel.session_view.flask_text()
    assert "✗ signature check FAILED" in text and "NOT trusted" in text
    panel.set_cursor(signed)
    assert "✓ signature valid" in panel.session_view.flask_text()


def test_cookie_scope_lesson_shows_why_each_cookie_stays_home(panel):
    timeline = build("cookie-scope")
    panel.set_timeline(timeline)
    reasons = set()
    for step in timeline:
        if step.http is not None and step.http.decisions:
            panel.set_cursor(step.index)
            jar = panel.jar_view
            reasons |= {jar.cell_text(r, SENT) for r in range(jar.model.rowCount())
                        if jar.model.index(r, SENT).data(SENT_ROLE) is False}
    assert any("does not path-match" in r for r in reasons)
    assert any("expired" in r for r in reasons)
    assert any("Secure" in r for r in reasons)
    assert all(r.startswith("✗ not sent") for r in reasons)


def test_chunked_lesson_labels_the_body_chunked(panel):
    timeline = build("chunked")
    at = first_step(timeline, lambda h: h.message is not None and h.message.chunked)
    panel.set_timeline(timeline)
    panel.set_cursor(at)
    assert "sent chunked (Transfer-Encoding: chunked" in panel.message_view.plain_text()


def test_a_huge_cookie_is_shown_cut_to_the_limit_in_the_message_and_session_views(qtbot):
    """A hostile 130 KB cookie (tests/data/hostile/session-cookie-bomb.pcap) laid out whole
    kept the window busy for seconds; the views show its first SHOWN_CHARACTERS and say how
    many more there are, and the bytes count stays whole."""
    value = "." + "A" * 130_000 + ".ZZZZZZ.c2ln"
    message = request("/profile", f"session={value}")
    view = HttpMessageView()
    qtbot.addWidget(view)
    view.show_snapshot(HttpSnapshot(message=message))
    text = view.plain_text()
    assert f"… ({len('session=' + value) - SHOWN_CHARACTERS} more characters)" in text
    assert "A" * 130_000 not in text and "A" * (SHOWN_CHARACTERS - 100) in text
    session = SessionStoreView()
    qtbot.addWidget(session)
    session.show_snapshot(HttpSnapshot(message=message,
                                       flask_session=decode_flask_session(value)))
    assert "A" * 130_000 not in session.flask_text()
    assert "more characters)" in session.flask_text()


def test_a_timeline_without_http_costs_the_panel_nothing_per_step(qtbot, monkeypatch) -> None:
    """Issue 14: each seek through a TCP-only capture made the hidden HTTP views rebuild
    their (empty) contents. With the placeholder shown the panel passes no step on; with
    HTTP it does."""
    panel = HttpPanel()
    qtbot.addWidget(panel)
    seen: list[int] = []
    for view in panel._views:
        monkeypatch.setattr(view, "set_cursor", lambda i, p=1.0: seen.append(i))
    panel.set_timeline(build("handshake-teardown"))
    panel.set_cursor(3)
    assert panel.showing_placeholder() and seen == []
    panel.set_timeline(build("login"))
    panel.set_cursor(3)
    assert not panel.showing_placeholder() and seen == [3, 3, 3]
