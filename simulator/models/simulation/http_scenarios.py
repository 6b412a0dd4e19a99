"""HTTP lessons as user-level actions: what the browser's user does and what the site answers.

Theory of operation
-------------------
Each lesson is a small site (a ``WebApp``: routes that set cookies, keep sessions, stream)
and a script of what the user does in the browser (visit a page, submit a form, wait, edit
a cookie). ``simulation.web.Web`` turns that into real HTTP bytes over the simulated TCP
connections; the cookie jar, the session store and Flask's session serializer decide what
happens. Nothing here lists packets or cookies the browser "should" send.

The sites are www.example.org and static.example.org (RFC 2606 names), both served by the
one server address, which tells them apart by the Host header (RFC 9110 §7.2).
"""

from __future__ import annotations

import datetime
import struct
import zlib

from itsdangerous.encoding import base64_encode

from simulator.models.http.cookie_jar import VIRTUAL_EPOCH
from simulator.models.http.flask_session import (
    FLASK_SESSION_COOKIE_NAME,
    decode_flask_session,
    session_serializer,
    sign_flask_session,
)
from simulator.models.http.web_app import (
    AppRequest,
    AppResponse,
    WebApp,
    delete_cookie,
    html_page,
    redirect,
    set_cookie,
)
from simulator.models.simulation.network import Simulation
from simulator.models.simulation.web import Web

__all__ = [
    "FLASK_SECRET_KEY", "LOGIN_FORM", "PIPELINE_URLS", "SITE", "chunked", "cookie_scope",
    "first_visit", "flask_session", "http10_per_request", "http11_keep_alive",
    "http11_pipelining", "login", "tamper",
]

SITE = "http://www.example.org"
STATIC = "http://static.example.org"
LOGIN_FORM = {"username": "alice", "password": "wonderland"}
_USERS = {"alice": "wonderland"}
FLASK_SECRET_KEY = "dev-secret-do-not-use"  # the demo app's SECRET_KEY
# Flask's PERMANENT_SESSION_LIFETIME default, which also bounds how old a session cookie's
# signed timestamp may be when it is loaded.
_FLASK_MAX_AGE = datetime.timedelta(days=31).total_seconds()
PIPELINE_URLS = (f"{SITE}/", f"{SITE}/style.css", f"{SITE}/logo.png")
_HTML = ("Content-Type", "text/html; charset=utf-8")


def _png() -> bytes:
    """A real 8×8 PNG (a small logo), made with zlib: signature, IHDR, IDAT, IEND."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(
            ">I", zlib.crc32(kind + data))
    rows = b"".join(b"\x00" + bytes(v for x in range(8) for v in (30 * x, 100 + 15 * y, 200))
                    for y in range(8))  # filter type 0, then 8 RGB pixels per row
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 8, 8, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def _static(content_type: str, body: bytes, what: str) -> AppResponse:
    return AppResponse(200, body, headers=(("Content-Type", content_type),),
                       story=(f"The app serves {what}.",), rfc="RFC 9110 §15.3.1")


_CSS = b"body { font-family: sans-serif; margin: 2em; }\nh1 { color: #2a5d9f; }\n" * 6


def _assets(app: WebApp) -> None:
    app.routes[("GET", "/style.css")] = lambda r, a: _static("text/css", _CSS, "the style sheet")
    app.routes[("GET", "/logo.png")] = lambda r, a: _static("image/png", _png(), "the logo")


# ----------------------------------------------------------------------------- (a) first visit


def _counter_page(request: AppRequest, app: WebApp) -> AppResponse:
    visitor = request.cookies.get("visitor")
    visits = int(request.cookies.get("visits", "0") or "0") + 1
    cookies = []
    if visitor is None:
        visitor = app.sessions.new_id()
        cookies.append(set_cookie("visitor", visitor, request.now, max_age=365 * 24 * 3600,
                                  samesite="Lax"))
        story = ["No visitor cookie came with the request: a first visit. The app makes up an "
                 "id and asks the browser to keep it for a year (Max-Age=31536000)."]
    else:
        story = [f"The visitor cookie came back ({visitor[:8]}…): the app recognises this "
                 "browser, although HTTP itself remembers nothing between requests."]
    cookies.append(set_cookie("visits", str(visits), request.now))
    story.append(f"It counts visits in a second cookie, visits={visits}, with no Max-Age: a "
                 "session cookie, gone when the browser closes.")
    title = "Welcome" if request.path == "/" else "News"
    body = html_page(title, f"Visit number {visits}.", size=3000 if request.path == "/" else 600)
    return AppResponse(200, body, headers=(_HTML,), set_cookies=tuple(cookies),
                       story=tuple(story), rfc="RFC 6265 §3, §4.1")


def first_visit(sim: Simulation) -> None:
    app = WebApp("first-visit", {("GET", "/"): _counter_page, ("GET", "/news"): _counter_page})
    web = Web(sim, app)
    web.start()
    web.visit(f"{SITE}/")
    web.visit(f"{SITE}/news")
    web.visit(f"{SITE}/")
    web.close()


# ----------------------------------------------------------------------------- (b) login


def _login_form(request: AppRequest, app: WebApp) -> AppResponse:
    return AppResponse(200, html_page("Log in", "Username and password, please."),
                       headers=(_HTML,), story=("The app sends the login form.",),
                       rfc="RFC 9110 §15.3.1")


def _login(request: AppRequest, app: WebApp) -> AppResponse:
    user = request.form.get("username", "")
    if _USERS.get(user) != request.form.get("password"):
        return AppResponse(200, html_page("Log in", "Wrong username or password."),
                           headers=(_HTML,), story=("The password does not match.",))
    sid = app.sessions.create({"user": user, "logged_in_at": f"t={request.now:.2f} s"})
    return redirect("/profile", set_cookies=(
        set_cookie("sid", sid, request.now, httponly=True, samesite="Lax"),), story=(
        f"The password matches. The app creates a session in its own store, under a new "
        f"random id, with user={user}, and sends the browser only the id, as cookie sid: "
        "HttpOnly (page scripts cannot read it), SameSite=Lax (a link followed from another "
        "site still brings it, a form another site POSTs here does not: RFC 6265bis §5.6.7.1), "
        "no Max-Age (a session cookie).",))


def _profile(request: AppRequest, app: WebApp) -> AppResponse:
    sid = request.cookies.get("sid")
    session = app.sessions.get(sid)
    if session is None:
        return redirect("/login", story=(
            "No valid sid cookie, so no session: the app sends the browser to the login "
            "page.",))
    return AppResponse(200, html_page("Your profile", f"Hello, {session['user']}!"),
                       headers=(_HTML,), story=(
        f"The app looks up sid={str(sid)[:8]}… in its session store and finds user="
        f"{session['user']}: the cookie is the key, the data stays on the server.",),
                       rfc="RFC 6265 §3, RFC 9110 §15.3.1")


def _logout(request: AppRequest, app: WebApp) -> AppResponse:
    app.sessions.delete(request.cookies.get("sid"))
    return redirect("/", set_cookies=(delete_cookie("sid"),), story=(
        "The app deletes the session from its store and tells the browser to delete the "
        "cookie: same name and path, an empty value, Max-Age=0 and an Expires in 1970.",))


def _home(request: AppRequest, app: WebApp) -> AppResponse:
    known = app.sessions.get(request.cookies.get("sid")) is not None
    return AppResponse(200, html_page("Home", "Welcome back." if known else "Please log in."),
                       headers=(_HTML,), story=("The app sends the home page.",),
                       rfc="RFC 9110 §15.3.1")


def login(sim: Simulation) -> None:
    app = WebApp("login", {("GET", "/"): _home, ("GET", "/login"): _login_form,
                           ("POST", "/login"): _login, ("GET", "/profile"): _profile,
                           ("POST", "/logout"): _logout})
    web = Web(sim, app)
    web.start()
    web.visit(f"{SITE}/login")
    web.submit(f"{SITE}/login", LOGIN_FORM)  # 302 → GET /profile
    web.submit(f"{SITE}/logout", {})  # 302 → GET /
    web.close()


# ----------------------------------------------------------------------------- (c) Flask session


def _flask_login(request: AppRequest, app: WebApp) -> AppResponse:
    user = request.form.get("username", "")
    if _USERS.get(user) != request.form.get("password"):
        return _login_form(request, app)
    assert app.secret_key is not None
    value = sign_flask_session({"user": user}, app.secret_key, VIRTUAL_EPOCH + request.now)
    view = decode_flask_session(value, app.secret_key, now=VIRTUAL_EPOCH + request.now)
    return redirect("/profile", set_cookies=(
        set_cookie(FLASK_SESSION_COOKIE_NAME, value, request.now, httponly=True),),
        flask_session=view, story=(
            "The password matches. Flask keeps no session store: it puts the session itself, "
            f'{{"user": "{user}"}}, into the cookie "session" as JSON, base64url-encoded, '
            "with the time and an HMAC signature made with the app's SECRET_KEY "
            "(itsdangerous). Anyone can read it; only the key holder can sign it.",))


def _flask_profile(request: AppRequest, app: WebApp) -> AppResponse:
    assert app.secret_key is not None
    value = request.cookies.get(FLASK_SESSION_COOKIE_NAME)
    if value is None:
        return redirect("/login", story=("No session cookie: an empty session.",))
    view = decode_flask_session(value, app.secret_key, now=VIRTUAL_EPOCH + request.now,
                                max_age=_FLASK_MAX_AGE)
    session = session_serializer().loads(view.payload) if view.verified else {}
    if not session.get("user"):
        return redirect("/login", flask_session=view, story=(
            f"Flask checks the signature with its SECRET_KEY: {view.reason}. It throws the "
            "cookie's content away and starts an empty session, so nobody is logged in.",))
    return AppResponse(200, html_page("Your profile", f"Hello, {session['user']}!"),
                       headers=(_HTML,), flask_session=view, story=(
        f"Flask checks the session cookie's signature with its SECRET_KEY: {view.reason}. "
        f"The session says user={session['user']}.",), rfc="RFC 2104, RFC 9110 §15.3.1")


def tamper(cookie_value: str, payload: dict[str, object]) -> str:
    """The session cookie with another payload but the old timestamp and signature: what a
    user who decodes the base64, edits the JSON and encodes it again ends up with."""
    _, timestamp, signature = cookie_value.rsplit(".", 2)
    encoded = base64_encode(session_serializer().dumps(payload)).decode("ascii")
    return f"{encoded}.{timestamp}.{signature}"


def flask_session(sim: Simulation) -> None:
    app = WebApp("flask-session", {("GET", "/login"): _login_form,
                                   ("POST", "/login"): _flask_login,
                                   ("GET", "/profile"): _flask_profile},
                 secret_key=FLASK_SECRET_KEY)
    web = Web(sim, app)
    web.start()
    web.submit(f"{SITE}/login", LOGIN_FORM)  # 302 → GET /profile: "Hello, alice"
    value = next(r.value for r in web.jar.rows(sim.now) if r.name == FLASK_SESSION_COOKIE_NAME)
    web.edit_cookie(FLASK_SESSION_COOKIE_NAME, tamper(value, {"user": "admin"}), why=(
        "The payload is only base64url: the user decodes it, sees {\"user\":\"alice\"}, "
        "changes it to admin and encodes it again, keeping the old timestamp and signature."))
    web.visit(f"{SITE}/profile")  # bad signature → empty session → 302 → GET /login
    web.close()


# ----------------------------------------------------------------------------- (d) cookie scope


def _scope_home(request: AppRequest, app: WebApp) -> AppResponse:
    now = request.now
    cookies = (
        set_cookie("visitor", app.sessions.new_id(), now),
        set_cookie("lang", "en", now, domain="example.org"),
        set_cookie("tab", "activity", now, path="/profile"),
        set_cookie("promo", "spring-sale", now, max_age=5),
        set_cookie("token", "t0k3n", now, secure=True),
    )
    return AppResponse(200, html_page("Home", "Five cookies, five scopes."), headers=(_HTML,),
                       set_cookies=cookies, rfc="RFC 6265 §4.1.2", story=(
        "The app sets five cookies with different scopes: visitor (no Domain: this host "
        "only), lang (Domain=example.org: every subdomain too), tab (Path=/profile), promo "
        "(Max-Age=5: five seconds) and token (Secure: https:// only; RFC 6265 still stores "
        "it from an http:// answer, RFC 6265bis and today's browsers would refuse it).",))


def _scope_page(request: AppRequest, app: WebApp) -> AppResponse:
    return AppResponse(200, html_page(request.path, "A page."), headers=(_HTML,),
                       story=(f"The app serves {request.path}; it sets no cookies.",),
                       rfc="RFC 9110 §15.3.1")


def cookie_scope(sim: Simulation) -> None:
    app = WebApp("cookie-scope", {("GET", "/"): _scope_home, ("GET", "/profile"): _scope_page,
                                  ("GET", "/account"): _scope_page})
    _assets(app)
    web = Web(sim, app)
    web.start()
    web.visit(f"{SITE}/")
    sim.wait(10.0)  # the user reads the page; promo's five seconds run out
    web.visit(f"{SITE}/profile")
    web.visit(f"{SITE}/account")
    web.visit(f"{STATIC}/logo.png")
    web.close()


# ----------------------------------------------------------------------------- (e) versions


def _versions_app() -> WebApp:
    app = WebApp("versions", {("GET", "/"): lambda r, a: AppResponse(
        200, html_page("Home", "A page with a style sheet and a logo.", size=900),
        headers=(_HTML,), story=("The app serves the page.",), rfc="RFC 9110 §15.3.1")})
    _assets(app)
    return app


def http10_per_request(sim: Simulation) -> None:
    web = Web(sim, _versions_app(), version="1.0")
    web.start()
    web.fetch(PIPELINE_URLS)
    web.close()


def http11_keep_alive(sim: Simulation) -> None:
    web = Web(sim, _versions_app())
    web.start()
    web.fetch(PIPELINE_URLS)
    web.close()


def http11_pipelining(sim: Simulation) -> None:
    web = Web(sim, _versions_app())
    web.start()
    web.fetch(PIPELINE_URLS, pipelined=True)
    web.close()


# ----------------------------------------------------------------------------- (f) chunked


def _report(request: AppRequest, app: WebApp) -> AppResponse:
    parts = tuple(("".join(f"Report part {i} of 3, line {n}\n" for n in range(100)))
                  .encode()[:2000] for i in (1, 2, 3))
    return AppResponse(200, headers=(("Content-Type", "text/plain; charset=utf-8"),),
                       chunks=((0.0, parts[0]), (0.3, parts[1]), (0.3, parts[2])),
                       rfc="RFC 9112 §7.1", story=(
        "The report is made in three parts, 0.3 s apart. The app does not know the total "
        "length when the first part is ready, so it cannot send Content-Length: it streams "
        "the body in chunks instead.",))


def chunked(sim: Simulation) -> None:
    web = Web(sim, WebApp("chunked", {("GET", "/report"): _report}))
    web.start()
    web.visit(f"{SITE}/report")
    web.close()
