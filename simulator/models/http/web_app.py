"""A small web application model: routes, Set-Cookie, sessions (the server side of a lesson).

Theory of operation
-------------------
A ``WebApp`` is a table of routes, (method, path) → handler, like a Flask app's URL map. The
HTTP layer (``simulation.web``) hands it each request it parsed off the TCP stream as an
``AppRequest`` (method, path, query, form fields, cookies); the handler returns an
``AppResponse``: status, header fields, body (or timed chunks, to be streamed with chunked
transfer coding, RFC 9112 §7.1), the Set-Cookie values, and a *story*: what the app did and
why, in sentences a learner reads in the step's explanation.

Cookies are read and written the way Flask does it, with Werkzeug: ``werkzeug.http.
parse_cookie`` reads the Cookie header (RFC 6265 §5.4 / §4.2) and ``dump_cookie`` writes
Set-Cookie (§4.1). Dates come from the virtual clock (``cookie_jar.VIRTUAL_EPOCH``), never from
the real one: ``dump_cookie`` would otherwise compute Expires from ``datetime.now()`` for a
Max-Age, so the Expires date is always passed in.

State that outlives a request lives in the app: a server-side ``SessionStore`` and, for
Flask-style signed-cookie sessions, the secret key (``flask_session`` signs and checks).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from html import escape
from urllib.parse import parse_qsl, urlsplit

from werkzeug.http import dump_cookie, parse_cookie

from simulator.models.http.cookie_jar import VIRTUAL_EPOCH
from simulator.models.http.session_store import SessionStore
from simulator.models.http.snapshot import FlaskSessionView, HttpMessage

__all__ = [
    "AppRequest", "AppResponse", "Handler", "WebApp", "delete_cookie", "html_page",
    "redirect", "set_cookie",
]


@dataclass(frozen=True)
class AppRequest:
    """A parsed request, as a view function sees it (Flask's ``request``)."""

    message: HttpMessage
    method: str
    path: str
    query: Mapping[str, str]
    form: Mapping[str, str]
    cookies: Mapping[str, str]
    now: float  # virtual time

    @classmethod
    def from_message(cls, message: HttpMessage, now: float) -> AppRequest:
        url = urlsplit(message.target or "/")
        form: dict[str, str] = {}
        if (message.header("Content-Type") or "").startswith(
                "application/x-www-form-urlencoded"):  # HTML's form encoding
            form = dict(parse_qsl(message.body.decode("utf-8", "replace")))
        cookies = dict(parse_cookie(message.header("Cookie") or ""))
        return cls(message, (message.method or "GET").upper(), url.path or "/",
                   dict(parse_qsl(url.query)), form, cookies, now)


@dataclass(frozen=True)
class AppResponse:
    status: int
    body: bytes = b""
    headers: tuple[tuple[str, str], ...] = (("Content-Type", "text/html; charset=utf-8"),)
    set_cookies: tuple[str, ...] = ()
    story: tuple[str, ...] = ()  # what the app did, for the explanation
    rfc: str = "RFC 9110 §15"
    chunks: tuple[tuple[float, bytes], ...] = ()  # (seconds after the previous, data)
    flask_session: FlaskSessionView | None = None  # the session cookie as the app checked it

    def all_headers(self) -> tuple[tuple[str, str], ...]:
        return self.headers + tuple(("Set-Cookie", c) for c in self.set_cookies)


Handler = Callable[["AppRequest", "WebApp"], AppResponse]


@dataclass
class WebApp:
    """Routes and the state a server keeps between requests."""

    name: str
    routes: dict[tuple[str, str], Handler]
    sessions: SessionStore = field(default_factory=SessionStore)
    secret_key: str | None = None  # Flask's SECRET_KEY, for signed-cookie sessions

    def handle(self, request: AppRequest) -> AppResponse:
        handler = self.routes.get((request.method, request.path))
        if handler is not None:
            return handler(request, self)
        if any(path == request.path for _, path in self.routes):
            return AppResponse(405, html_page("405 Method Not Allowed", "Not here."),
                               story=(f"{request.path} exists, but not for "
                                      f"{request.method}.",), rfc="RFC 9110 §15.5.6")
        return AppResponse(404, html_page("404 Not Found", "No such page."),
                           story=(f"No route matches {request.path}.",),
                           rfc="RFC 9110 §15.5.5")


# ----------------------------------------------------------------------------- helpers


def html_page(title: str, text: str, size: int = 0) -> bytes:
    """A small HTML page; ``size`` pads it (with readable filler) to about that many bytes."""
    page = (f"<!doctype html>\n<html><head><title>{escape(title)}</title></head>\n"
            f"<body><h1>{escape(title)}</h1>\n<p>{escape(text)}</p>\n")
    filler = "<p>Lorem ipsum dolor sit amet, consectetur adipiscing elit.</p>\n"
    while len(page) + len(filler) + 15 < size:
        page += filler
    return (page + "</body></html>\n").encode()


def set_cookie(name: str, value: str, now: float, *, max_age: int | None = None,
               path: str | None = "/", domain: str | None = None, secure: bool = False,
               httponly: bool = False, samesite: str | None = None) -> str:
    """A Set-Cookie value written by Werkzeug (as Flask's ``response.set_cookie``), with
    Expires in virtual time when Max-Age is given (RFC 6265 §4.1.2.1, §4.1.2.2)."""
    expires = None if max_age is None else VIRTUAL_EPOCH + now + max_age
    return dump_cookie(name, value, max_age=max_age, expires=expires, path=path,
                       domain=domain, secure=secure, httponly=httponly, samesite=samesite)


def delete_cookie(name: str, *, path: str | None = "/") -> str:
    """What Flask's ``response.delete_cookie`` sends: an empty value, Expires at the epoch
    and Max-Age=0, so the browser evicts the cookie at once (RFC 6265 §3.1, §5.3)."""
    return dump_cookie(name, "", max_age=0, expires=0, path=path)


def redirect(location: str, *, set_cookies: tuple[str, ...] = (), story: tuple[str, ...] = (),
             flask_session: FlaskSessionView | None = None) -> AppResponse:
    """302 Found, as Flask's ``redirect()`` (RFC 9110 §15.4.3)."""
    return AppResponse(302, html_page("Redirecting…", f"Go to {location}."),
                       headers=(("Content-Type", "text/html; charset=utf-8"),
                                ("Location", location)),
                       set_cookies=set_cookies,
                       story=(*story, f"It answers 302 Found with Location: {location}: the "
                                      "browser is to fetch that URL next."),
                       rfc="RFC 9110 §15.4.3", flask_session=flask_session)
