"""What the HTTP layer looks like at one step: the contract between HTTP sources and views.

A Step of the Timeline (``timeline.Step.http``) carries one ``HttpSnapshot``: the message the
step is about (as parsed from the bytes that crossed TCP), the browser's cookie jar *after* the
step with each row's change since the previous step, the jar's decision for every cookie on the
request being built (sent or not, and the RFC 6265 rule that decided), the server's session
store, and a decoded Flask session cookie if one is involved. Scenarios (``http_scenarios``) and
capture analysis (``simulator.net``) fill it in; the HTTP, cookie-jar and session views only draw
it, so stepping back shows exactly what stepping forward showed.

Times are virtual seconds since the start of the timeline (the models read no clock).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class MessageKind(enum.Enum):
    REQUEST = "request"
    RESPONSE = "response"


class Change(enum.Enum):
    """How a jar row or a session entry differs from the previous step."""

    NONE = ""
    ADDED = "added"
    CHANGED = "changed"
    REMOVED = "removed"


@dataclass(frozen=True)
class HeaderLine:
    name: str
    value: str

    @property
    def is_cookie_header(self) -> bool:
        """Cookie (RFC 6265 §5.4) and Set-Cookie (§5.2) are the headers the lesson highlights."""
        return self.name.lower() in ("cookie", "set-cookie")


@dataclass(frozen=True)
class HttpMessage:
    """One HTTP/1.x message (RFC 9112) as it crossed the connection.

    ``body`` is the message body after transfer decoding (de-chunked) but still in its content
    coding (e.g. gzip); ``problems`` lists why a message could not be fully understood (empty
    when it parsed cleanly), so a malformed message is shown marked rather than dropped.
    """

    kind: MessageKind
    start_line: str
    headers: tuple[HeaderLine, ...]
    body: bytes
    raw_length: int
    version: str = "HTTP/1.1"
    method: str | None = None
    target: str | None = None
    status: int | None = None
    reason: str | None = None
    chunked: bool = False
    complete: bool = True
    problems: tuple[str, ...] = ()
    connection: int = 0
    exchange: int = 0

    def header(self, name: str) -> str | None:
        """The first header with this name (case-insensitive, RFC 9110 §5.1), or None."""
        lowered = name.lower()
        return next((h.value for h in self.headers if h.name.lower() == lowered), None)

    def headers_named(self, name: str) -> tuple[str, ...]:
        lowered = name.lower()
        return tuple(h.value for h in self.headers if h.name.lower() == lowered)


@dataclass(frozen=True)
class CookieRow:
    """One cookie in the browser's jar (RFC 6265 §5.3 storage model)."""

    name: str
    value: str
    domain: str
    path: str
    host_only: bool
    expires: float | None  # virtual time; None = session cookie (until the browser closes)
    secure: bool
    http_only: bool
    same_site: str | None  # "Strict" | "Lax" | "None" | None (not given)
    created_at: float
    change: Change = Change.NONE


@dataclass(frozen=True)
class CookieDecision:
    """Whether one stored cookie goes on the request being built, and the rule that decided."""

    name: str
    domain: str
    path: str
    sent: bool
    rule: str  # e.g. "path /profile does not path-match /" ; cites RFC 6265 §5.1.4 / §5.4


@dataclass(frozen=True)
class SessionEntry:
    """One server-side session: its id (the cookie value) and its data."""

    session_id: str
    data: tuple[tuple[str, str], ...]
    change: Change = Change.NONE


@dataclass(frozen=True)
class FlaskSessionView:
    """A Flask ``session`` cookie taken apart: payload.timestamp.signature (itsdangerous)."""

    cookie_value: str
    payload: str  # the decoded JSON payload, as text
    compressed: bool
    timestamp: float | None  # seconds since the epoch, as signed
    signature: str
    verified: bool | None  # None: no secret key given, so not checked
    reason: str  # why it verified or failed (bad signature, expired, not a Flask cookie)


@dataclass(frozen=True)
class HttpSnapshot:
    message: HttpMessage | None = None
    request_url: str | None = None
    jar: tuple[CookieRow, ...] = ()
    decisions: tuple[CookieDecision, ...] = ()
    sessions: tuple[SessionEntry, ...] = ()
    flask_session: FlaskSessionView | None = None
    #: A response's Set-Cookies the jar refused at this step, each with why (RFC 6265 §5.2-5.3)
    ignored: tuple[str, ...] = ()
