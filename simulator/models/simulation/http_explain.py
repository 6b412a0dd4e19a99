"""The words of the HTTP steps: what happened, why, and the RFC that says so.

Theory of operation
-------------------
``simulation.web`` decides what happens; this module only says it, one function per kind of HTTP
step, each returning an ``Explanation`` (what, why, detail lines, RFC). The rules cited are
RFC 9112 (message syntax, framing, connection management), RFC 9110 (semantics: methods,
status codes, redirects) and RFC 6265 (cookies: §5.2 parsing, §5.3 storage, §5.4 sending).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from simulator.models.http.cookie_jar import time_text
from simulator.models.http.message import Persistence
from simulator.models.http.snapshot import Change, CookieDecision, CookieRow, HttpMessage
from simulator.models.http.web_app import AppResponse
from simulator.models.timeline.steps import Explanation

__all__ = [
    "chunk_written", "edited", "request_built", "request_read", "response_arriving",
    "response_read", "response_written",
]


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:] + "."


def _framing(message: HttpMessage) -> str:
    if message.chunked:
        return ("The body is sent in chunks (Transfer-Encoding: chunked): each chunk says its "
                "own size, and a zero-size chunk ends the body (RFC 9112 §7.1).")
    length = message.header("Content-Length")
    if length is not None:
        return (f"Content-Length: {length} tells the reader where the body ends "
                "(RFC 9112 §6.2, §6.3).")
    return "The body ends when the connection closes (RFC 9112 §6.3)."


def _count(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def request_built(message: HttpMessage, url: str, decisions: Sequence[CookieDecision],
                  connection: int, new: bool, pipelined: bool, version: str,
                  redirected_by: HttpMessage | None = None,
                  previous_method: str | None = None) -> Explanation:
    sent = [d.name for d in decisions if d.sent]
    cookie = message.header("Cookie")
    what = (("Following the redirect, t" if redirected_by is not None else "T")
            + f"he browser builds {message.method} {message.target} for {url}"
            + (f", carrying Cookie: {cookie}." if cookie else
               ": no cookie goes with it." if decisions else ": its jar is empty."))
    why = []
    if redirected_by is not None:
        why.append(f"The previous response was {redirected_by.status} {redirected_by.reason} "
                   f"with Location: {redirected_by.header('Location')}; a browser follows it "
                   "by itself" + (", with GET although the request was a POST"
                                  if previous_method == "POST" and message.method == "GET"
                                  else "") + " (RFC 9110 §15.4).")
    if decisions:
        why.append(f"It checked the {_count(len(decisions), 'cookie')} in its jar against this "
                   "URL: host (domain-match), path (path-match), expiry and Secure decide which "
                   "go, and only their name=value pairs travel, longest path first "
                   f"(RFC 6265 §5.4); {len(sent)} of {len(decisions)} pass.")
    else:
        why.append("The jar holds no cookie, so the request says nothing about who is asking: "
                   "HTTP itself is stateless (RFC 9110 §3.3).")
    if message.method == "POST":
        why.append("The form fields travel in the body, URL-encoded "
                   "(application/x-www-form-urlencoded).")
    if version == "1.0":
        why.append("It speaks HTTP/1.0: without Connection: keep-alive the server closes the "
                   "connection after one response (RFC 9112 §9.3, Appendix C.2.2), so every "
                   f"request needs a new TCP connection: this one opens connection #{connection}.")
    elif new:
        why.append(f"No open connection to this origin can take it, so the browser opens TCP "
                   f"connection #{connection} first (three-way handshake).")
    elif pipelined:
        why.append(f"Pipelining: it goes out on connection #{connection} without waiting for "
                   "the previous response; the server must answer in order (RFC 9112 §9.3.2).")
    else:
        why.append(f"It reuses connection #{connection}: an HTTP/1.1 connection persists "
                   "unless a side says Connection: close (RFC 9112 §9.3), which saves a "
                   "handshake.")
    lines = tuple(f"{d.name}: {'sent' if d.sent else 'not sent'} — {d.rule}"
                  for d in decisions)
    return Explanation(what, " ".join(why), (message.start_line, *lines),
                       "RFC 6265 §5.4, RFC 9112 §3, §9.3")


def request_read(message: HttpMessage, cookies: Mapping[str, str]) -> Explanation:
    what = (f"The server's HTTP parser (h11) has a complete request: {message.start_line} "
            f"({message.raw_length} bytes of the byte stream TCP delivered).")
    why = ["It read the request line and header fields up to the empty line, then "
           + ("the body by its Content-Length" if message.body else "found no body")
           + " (RFC 9112 §2.1, §6.3)."]
    if cookies:
        why.append("The Cookie header gives back what the browser stored: "
                   + ", ".join(f"{k}={v}" for k, v in cookies.items())
                   + ". That is all the server learns about who is asking (RFC 6265 §5.4).")
    else:
        why.append("No Cookie header: for the server this request comes from a stranger "
                   "(HTTP is stateless, RFC 9110 §3.3).")
    return Explanation(what, " ".join(why), tuple(f"{h.name}: {h.value}" for h in
                                                  message.headers), "RFC 9112 §2.1, §6.3")


def response_written(message: HttpMessage, response: AppResponse, verdict: Persistence,
                     must_close: bool, complete: bool, request_version: str) -> Explanation:
    cookies = message.headers_named("Set-Cookie")
    what = (f"The app answers {message.status} {message.reason}"
            + (f" with {_count(len(cookies), 'Set-Cookie field')}" if cookies else "")
            + (": the head and the first chunk go out now." if not complete else
               f"; {message.raw_length} bytes go to TCP."))
    why = [*response.story, _framing(message)]
    why.append(_sentence(verdict.reason))
    if request_version != message.version:
        why.append(f"The status line says {message.version} to an {request_version} request: "
                   "a server names the highest version it speaks, and sends only what the "
                   "client can understand (RFC 9110 §6.2).")
    if must_close:
        why.append("h11 added Connection: close, and the server closes the connection after "
                   "the response (RFC 9112 §9.6).")
    lines = tuple(f"Set-Cookie: {c}" for c in cookies)
    return Explanation(what, " ".join(why), lines,
                       f"{response.rfc}, RFC 6265 §4.1, RFC 9112 §6, §9.3")


def chunk_written(number: int, total: int, raw: bytes, done: bool) -> Explanation:
    if done:
        return Explanation(
            "The app has nothing more to send: the last chunk (size 0) ends the body.",
            "A chunked body ends with a chunk of size zero and an empty line; only then does "
            "the reader know the response is complete (RFC 9112 §7.1).",
            (repr(raw),), "RFC 9112 §7.1")
    size = raw.split(b"\r\n", 1)[0].decode("ascii", "replace")
    return Explanation(
        f"The app produces chunk {number} of {total} and sends it ({len(raw)} bytes).",
        f"The chunk starts with its size in hexadecimal ({size} = {int(size, 16)} bytes); the "
        "server did not need to know the whole length when it started (RFC 9112 §7.1).",
        (f"chunk-size line: {size}",), "RFC 9112 §7.1")


def response_arriving(partial: HttpMessage, chunks: int, head_seen: bool) -> Explanation:
    if not head_seen:
        what = (f"The browser has the head of the response ({partial.start_line}); the body is "
                f"still arriving ({len(partial.body)} bytes so far).")
    else:
        what = (f"Chunk {chunks} of the response has arrived ({len(partial.body)} body bytes "
                "so far).")
    why = ("TCP delivers bytes in order, a segment at a time; the parser keeps what it has and "
           "waits for the rest. " + _framing(partial))
    return Explanation(what, why, (), "RFC 9112 §6.3, §7.1")


def _cookie_outcome(row: CookieRow, old: CookieRow | None) -> str:
    scope = (f"host-only for {row.domain}" if row.host_only else f"domain {row.domain} and "
             "its subdomains")
    life = ("a session cookie (no Max-Age/Expires: kept until the browser closes)"
            if row.expires is None else f"expires at t={time_text(row.expires)} s")
    flags = (", Secure" if row.secure else "") + (", HttpOnly" if row.http_only else "")
    if row.change is Change.REMOVED:
        return (f"{row.name} removed: the new Set-Cookie expired it at once (Max-Age=0 or an "
                "Expires in the past), so the browser evicts it (RFC 6265 §5.3)")
    if row.change is Change.ADDED:
        return f"{row.name}={row.value} stored: {scope}, path {row.path}, {life}{flags}"
    if old is not None and old.value != row.value:
        return (f"{row.name} replaced: {old.value} → {row.value} (same name, domain and path: "
                "the new cookie replaces the old one, RFC 6265 §5.3 step 11)")
    return f"{row.name} set again with the same value ({life})"


def response_read(message: HttpMessage, url: str, jar: Sequence[CookieRow],
                  before: Mapping[tuple[str, str, str], CookieRow], ignored: Sequence[str],
                  verdict: Persistence) -> Explanation:
    cookies = message.headers_named("Set-Cookie")
    what = (f"The browser has the whole response: {message.start_line} "
            f"({message.raw_length} bytes)."
            if message.complete else
            f"The response ended early: {message.start_line} ({', '.join(message.problems)}).")
    names = {c.split("=", 1)[0].strip() for c in cookies}
    outcomes = [_cookie_outcome(r, before.get((r.name, r.domain, r.path)))
                for r in jar if r.name in names]
    why = []
    if cookies:
        why.append(f"It parses the {_count(len(cookies), 'Set-Cookie field')} (RFC 6265 §5.2) "
                   "and stores the cookies for the request's host and path (§5.3).")
    else:
        why.append("No Set-Cookie: the jar stays as it was.")
    why.extend(f"{i}." for i in ignored)
    location = message.header("Location")
    if location and message.status in (301, 302, 303, 307, 308):
        why.append(f"Status {message.status} with Location: {location}: the browser fetches "
                   "that next, with GET (RFC 9110 §15.4.3).")
    why.append(_sentence(verdict.reason))
    return Explanation(what, " ".join(why), tuple(outcomes),
                       "RFC 6265 §5.2, §5.3, RFC 9112 §6.3, §9.3")


def edited(name: str, old: str, new: str, why: str) -> Explanation:
    return Explanation(
        f"The user edits the cookie {name} in the browser's developer tools.",
        why + " Nothing stops the user: a cookie is the browser's to change, so a server must "
        "never trust one it cannot verify (RFC 6265 §8.6, weak integrity).",
        (f"before: {old}", f"after:  {new}"), "RFC 6265 §8.6")
