"""The browser's cookie jar: RFC 6265's storage model, in virtual time.

Theory of operation
-------------------
``receive`` takes the Set-Cookie header values of one response and the URL of the request it
answers; ``cookies_for`` takes the URL of a request being built and returns the Cookie header
value plus a decision, with the rule, for every stored cookie; ``rows`` shows the jar. Time is
a parameter (``now``, virtual seconds since the timeline began): the models read no clock.

* Parsing (RFC 6265 §5.2, written out in ``_parse``): a Set-Cookie string is split at ';'
  into the name=value pair and the attributes, each trimmed of SP and HTAB only; ``Expires``
  is read by §5.1.1's cookie-date algorithm (``cookie_date``; an unparsable date is ignored);
  a string with no '=' or an empty name is ignored (§5.2 steps 2 and 5).
  Attribute values are then read by §5.2.1-§5.2.6 (Max-Age digits, Domain without its
  leading dot, Path defaulting to the default-path, Secure, HttpOnly) and RFC 6265bis's
  SameSite; the last occurrence of an attribute wins (§5.3).
* Storage (§5.3): Max-Age beats Expires (step 3); a Domain attribute the request host does
  not domain-match makes the whole cookie ignored (step 6); without Domain the cookie is
  host-only; a cookie with the same name, domain and path replaces the old one but keeps its
  creation time (step 11); expired cookies are evicted, which is how ``Max-Age=0`` (or an
  ``Expires`` in the past) deletes a cookie.
* Retrieval (§5.4): a cookie goes on a request iff its host matches (host-only: identical
  host; else §5.1.3 domain-match), its path path-matches the request path (§5.1.4), it has not
  expired and, if Secure, the scheme is https. Sent cookies are ordered by longer path first,
  then earlier creation time (§5.4 step 2) and joined with "; ".
* HttpOnly (§5.2.6) does not change what is sent over HTTP; it hides the cookie from page
  scripts (``document.cookie``). SameSite (RFC 6265bis §5.8.3, in ``same_site``) decides
  which requests started by another site carry a cookie: Strict none, Lax only top-level
  navigations with a safe method such as GET, None all. ``cookies_for`` takes who started the
  request (``RequestSource``); every request of the shipped scenarios is same-site, so there
  SameSite is explained but withholds nothing.

Virtual dates: an ``Expires`` date is turned into virtual time relative to ``VIRTUAL_EPOCH``
(the calendar instant of virtual t = 0), and servers of the lessons write their dates from it.

Public suffixes (§5.3 step 5): which domains are public is a ``PublicSuffixes`` the jar is
given. Jars fed by real traffic (captures) get the Public Suffix List shipped by the
``publicsuffixlist`` package (``simulator.net.http.public_suffixes``: reading its file is I/O,
so it is not done here); by default, e.g. in the simulations, whose servers are written here
and set no suffix domain, only a single label such as "org" is public.

Limits (§5.3 step 12, §6.1): past ``limits.COOKIES_PER_DOMAIN`` cookies for a domain or
``limits.COOKIES_IN_JAR`` in all, the least recently used (stored or sent) are evicted, and
``ignored`` says which.

What is not modelled: IDNA host names, and RFC 6265bis's rule that a Secure cookie may not
be set from an http:// response (RFC 6265, which this jar follows, stores it and only never
sends it over http).
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from urllib.parse import urlsplit

from werkzeug.http import http_date

from simulator.models.http.cookie_date import cookie_date
from simulator.models.http.same_site import SAME_SITE, RequestSource, same_site_rule
from simulator.models.http.snapshot import Change, CookieDecision, CookieRow
from simulator.models.limits import (
    COOKIES_IN_JAR,
    COOKIES_PER_DOMAIN,
    EVICTED_FROM_DOMAIN,
    EVICTED_FROM_JAR,
)

__all__ = [
    "ONE_LABEL",
    "VIRTUAL_EPOCH",
    "CookieJar",
    "PublicSuffixes",
    "default_path",
    "domain_match",
    "mark_changes",
    "path_match",
    "time_text",
    "uri_path",
    "virtual_http_date",
]

#: The calendar instant of virtual time 0: 2025-01-01 00:00:00 UTC, in seconds since the epoch.
VIRTUAL_EPOCH = 1_735_689_600.0

_MAX_AGE = re.compile(r"-?[0-9]+\Z")  # RFC 6265 §5.2.2: an optional '-' then DIGITs only
#: RFC 6265bis §5.6.2: a user agent MUST cap Max-Age, at no more than 400 days.
MAX_AGE_LIMIT = 400 * 24 * 3600
_SAME_SITE = {"strict": "Strict", "lax": "Lax", "none": "None"}
NONE_WITHOUT_SECURE = "SameSite=None without Secure (RFC 6265bis §5.7 step 19)"
NOT_A_URL = "the response's request URL is not an http(s) URL to key the cookie to"


@dataclass(frozen=True)
class PublicSuffixes:
    """Which domains no site may set a cookie for (RFC 6265 §5.3 step 5: "public
    suffixes"), and the sentence, with a ``{domain}`` field, that says so in the jar."""

    is_public: Callable[[str], bool]
    why: str


#: The rule with no list at hand: a domain of one label ("org", "localhost") is public.
ONE_LABEL = PublicSuffixes(lambda domain: "." not in domain,
                           "Domain={domain} is a public suffix (RFC 6265 §5.3 step 5)")


def virtual_http_date(now: float) -> str:
    """An IMF-fixdate (RFC 9110 §5.6.7) for virtual time ``now``, e.g. for Expires."""
    return http_date(VIRTUAL_EPOCH + now)


# ----------------------------------------------------------------------------- matching rules


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


def domain_match(host: str, domain: str) -> bool:
    """RFC 6265 §5.1.3: ``host`` is ``domain``, or ends in "." + ``domain`` and is no IP.

    Hand-written rather than ``http.cookiejar.domain_match``: that is RFC 2965's rule, which
    wants the domain with a leading dot (RFC 6265 §5.2.3 strips it) and only checks that the
    dotted domain occurs in the host, not that it ends it ("x.example.com.evil.org" matches
    ".example.com" there).
    """
    host, domain = host.lower(), domain.lower()
    return host == domain or (host.endswith("." + domain) and not _is_ip(host))


def _is_http_url(request_url: str) -> bool:
    """Whether the jar can key cookies to this URL: http(s), a host, a valid port (a URL
    built from a captured Host header may be none of these)."""
    try:
        url = urlsplit(request_url)
        _ = url.port  # raises for a port that is no number or over 65535
    except ValueError:
        return False
    return url.scheme in ("http", "https") and bool(url.hostname)


def uri_path(request_url: str) -> str:
    """RFC 6265 §5.1.4's uri-path, as the request carries it: the URL's path exactly as
    written (no escaping, no case change), or "/" if it is empty or not absolute.

    Default-path and path-match both read this one string, so a cookie set at
    ``/dir[1]/page`` comes back to ``/dir[1]/other`` whatever characters the path holds
    (%2F, spaces, non-ASCII).
    """
    path = urlsplit(request_url).path
    return path if path.startswith("/") else "/"


def path_match(cookie_path: str, request_url: str) -> bool:
    """RFC 6265 §5.1.4 path-match of ``request_url``'s uri-path: identical, or the cookie
    path is a prefix of it and either ends in "/" or is followed by "/" in it.

    Hand-written: ``http.cookiejar``'s ``path_return_ok`` matches an escaped, upper-cased
    copy of the path (``escape_path``) while the default-path comes from the raw one, so a
    cookie set at ``/dir[1]/page`` was not sent to ``/dir[1]/other``.
    """
    path = uri_path(request_url)
    return path == cookie_path or (path.startswith(cookie_path) and (
        cookie_path.endswith("/") or path[len(cookie_path)] == "/"))


def default_path(request_url: str) -> str:
    """RFC 6265 §5.1.4 default-path: the uri-path up to, not including, its last "/" (or
    "/" if that leaves nothing).

    Hand-written: ``http.cookiejar`` computes it inline (in ``_cookie_from_cookie_tuple``)
    with a Netscape variant, and Werkzeug's is inside its test client.
    """
    path = uri_path(request_url)
    return path[: path.rindex("/")] or "/"


# ----------------------------------------------------------------------------- storage


@dataclass(frozen=True)
class _Stored:
    """One cookie of the §5.3 storage model, plus how its expiry came about (for the rules)."""

    name: str
    value: str
    domain: str
    path: str
    host_only: bool
    expires: float | None
    expiry_source: str  # "Max-Age=10" / "Expires=<date>" / ""
    secure: bool
    http_only: bool
    same_site: str | None
    created_at: float
    last_access: float  # §5.3 step 11 / §5.4 step 3: stored or sent; the limits evict by it

    @property
    def key(self) -> tuple[str, str, str]:
        return self.name, self.domain, self.path

    def expired(self, now: float) -> bool:
        return self.expires is not None and self.expires <= now

    def row(self) -> CookieRow:
        return CookieRow(self.name, self.value, self.domain, self.path, self.host_only,
                         self.expires, self.secure, self.http_only, self.same_site,
                         self.created_at)


_WSP = " \t"  # RFC 6265 §5.2 trims WSP: SP and HTAB, not every Unicode space


@dataclass(frozen=True)
class _Parsed:
    name: str
    value: str
    attributes: tuple[tuple[str, str | None], ...]  # lower-case names, in order


def _parse(set_cookie: str) -> _Parsed | str:
    """§5.2 on one Set-Cookie value: the parsed cookie, or why it is ignored. Written out
    rather than http.cookiejar.parse_ns_headers, which strips quotes from values, trims any
    Unicode space and converts Expires with http2time (see cookie_date)."""
    pair, semicolon, unparsed = set_cookie.partition(";")  # step 1
    if "=" not in pair:
        return "the name=value pair has no '=' (RFC 6265 §5.2 step 2)"
    name, _, value = pair.partition("=")  # step 3
    name, value = name.strip(_WSP), value.strip(_WSP)  # step 4: SP and HTAB only
    if not name:
        return "the cookie name is empty (RFC 6265 §5.2 step 5)"
    attrs: list[tuple[str, str | None]] = []
    for cookie_av in unparsed.split(";") if semicolon else ():  # §5.2 steps 1-6 of the rest
        key, equals, val = cookie_av.partition("=")
        key = key.strip(_WSP)
        if key:  # an empty cookie-av is skipped
            attrs.append((key.lower(), val.strip(_WSP) if equals else None))
    return _Parsed(name, value, tuple(attrs))


def _last(attrs: Sequence[tuple[str, str | None]], name: str,
          skip_empty: bool = False) -> tuple[bool, str | None]:
    """Whether the attribute occurs, and its last value (§5.3: the last one wins)."""
    found, value = False, None
    for key, val in attrs:
        if key == name and not (skip_empty and not val):
            found, value = True, val
    return found, value


def _expiry(parsed: _Parsed, now: float) -> tuple[float | None, str]:
    """§5.3 step 3: Max-Age (last valid one) beats Expires; neither = a session cookie."""
    max_age: int | None = None
    expires: float | None = None
    for key, val in parsed.attributes:
        if key == "max-age" and val is not None and _MAX_AGE.match(val):
            # §5.2.2: the value as an integer (leading zeros count for nothing); a value
            # that is not digits is ignored. A number longer than the cap is above it (and
            # is not converted: int() refuses thousands of digits).
            digits = val.lstrip("-").lstrip("0") or "0"
            age = (MAX_AGE_LIMIT if len(digits) > len(str(MAX_AGE_LIMIT))
                   else min(int(digits), MAX_AGE_LIMIT))
            max_age = -age if val.startswith("-") else age
        elif key == "expires" and val is not None and (date := cookie_date(val)) is not None:
            expires = date  # §5.2.1: a value that fails to parse as a cookie-date is ignored
    if max_age is not None:
        # §5.2.2: delta <= 0 means "the earliest representable time": expired at once.
        return now + max(max_age, 0), f"Max-Age={max_age}"
    if expires is not None:
        return expires - VIRTUAL_EPOCH, f"Expires={http_date(expires)}"
    return None, ""


def _cookie(header: str, request_url: str, now: float,
            public: PublicSuffixes) -> _Stored | str:
    """The cookie one Set-Cookie value makes (§5.2, §5.3 steps 1-10), or why it is ignored."""
    parsed = _parse(header)
    if isinstance(parsed, str):
        return parsed
    url = urlsplit(request_url)
    host = (url.hostname or "").lower()
    expires, source = _expiry(parsed, now)
    _, domain_attr = _last(parsed.attributes, "domain", skip_empty=True)  # §5.2.3
    domain = (domain_attr or "").removeprefix(".").lower()  # §5.2.3
    if domain and public.is_public(domain):  # §5.3 step 5
        if domain != host:
            return public.why.format(domain=domain)
        domain = ""  # a host that is itself a public suffix may set a host-only cookie
    if domain and not domain_match(host, domain):
        return (f"the request host {host} does not domain-match Domain={domain} "
                "(RFC 6265 §5.3 step 6)")
    _, path_attr = _last(parsed.attributes, "path")
    path = path_attr if path_attr and path_attr.startswith("/") else default_path(
        request_url)  # §5.2.4
    _, same_site = _last(parsed.attributes, "samesite")
    secure = _last(parsed.attributes, "secure")[0]
    if _SAME_SITE.get((same_site or "").lower()) == "None" and not secure:
        return NONE_WITHOUT_SECURE  # RFC 6265bis §5.7 step 19: ignore it entirely
    return _Stored(
        name=parsed.name, value=parsed.value, domain=domain or host, path=path,
        host_only=not domain, expires=expires, expiry_source=source,
        secure=secure,
        http_only=_last(parsed.attributes, "httponly")[0],
        same_site=_SAME_SITE.get((same_site or "").lower()),
        created_at=now, last_access=now,
    )


class CookieJar:
    """A browser's cookie store (RFC 6265 §5.3) and its retrieval rule (§5.4)."""

    def __init__(self, public_suffixes: PublicSuffixes = ONE_LABEL) -> None:
        self._public = public_suffixes
        self._store: dict[tuple[str, str, str], _Stored] = {}
        self.ignored: tuple[str, ...] = ()  # why Set-Cookies of the last receive were ignored

    # ------------------------------------------------------------------ §5.3
    def receive(self, set_cookie_headers: Sequence[str], request_url: str,
                now: float) -> tuple[CookieRow, ...]:
        """Store the cookies of one response; the rows after, marked against before."""
        before = tuple(c.row() for c in self._ordered())
        ignored: list[str] = []
        for header in set_cookie_headers:
            cookie = (_cookie(header, request_url, now, self._public) if _is_http_url(request_url)
                      else NOT_A_URL)
            if isinstance(cookie, str):
                ignored.append(f"{header.partition(';')[0].strip()!r} ignored: {cookie}")
            else:
                old = self._store.get(cookie.key)
                if old is not None:  # §5.3 step 11: replace, keeping the old creation time
                    cookie = replace(cookie, created_at=old.created_at)
                self._store[cookie.key] = cookie  # (a replaced cookie keeps its dict place)
        self._evict(now)
        ignored += self._evict_over_limits()
        self.ignored = tuple(ignored)
        return mark_changes(before, self.rows(now))

    def edit(self, name: str, value: str, now: float) -> tuple[CookieRow, ...]:
        """Change a stored cookie's value as a user would in the browser's developer tools
        (every cookie with this name); the rows after, marked against before."""
        before = tuple(c.row() for c in self._ordered())
        for key, cookie in list(self._store.items()):
            if cookie.name == name:
                self._store[key] = replace(cookie, value=value)
        return mark_changes(before, self.rows(now))

    def _evict(self, now: float) -> None:
        """§5.3: "evict all expired cookies"."""
        for cookie in [c for c in self._ordered() if c.expired(now)]:
            del self._store[cookie.key]

    def _evict_over_limits(self) -> list[str]:
        """§5.3 step 12: past ``limits.COOKIES_PER_DOMAIN`` cookies for one domain, or
        ``limits.COOKIES_IN_JAR`` in all, the least recently used go (expired ones went
        first); why each went, for the learner. (Without a bound a response could fill the
        jar with thousands of cookies, and every later step would copy them all.)"""
        why: list[str] = []
        by_domain: dict[str, list[_Stored]] = {}
        for cookie in self._store.values():
            by_domain.setdefault(cookie.domain, []).append(cookie)
        for domain, cookies in by_domain.items():
            if len(cookies) > COOKIES_PER_DOMAIN:
                for cookie in sorted(cookies, key=lambda c: c.last_access)[
                        : len(cookies) - COOKIES_PER_DOMAIN]:
                    del self._store[cookie.key]
                    why.append(EVICTED_FROM_DOMAIN.format(
                        cookie=repr(f"{cookie.name}={cookie.value}"), domain=domain,
                        limit=COOKIES_PER_DOMAIN))
        if len(self._store) > COOKIES_IN_JAR:
            for cookie in sorted(self._store.values(), key=lambda c: c.last_access)[
                    : len(self._store) - COOKIES_IN_JAR]:
                del self._store[cookie.key]
                why.append(EVICTED_FROM_JAR.format(cookie=repr(f"{cookie.name}={cookie.value}"),
                                                   limit=COOKIES_IN_JAR))
        return why

    def _ordered(self) -> list[_Stored]:
        """In the order they were first stored (the dict's insertion order)."""
        return list(self._store.values())

    def rows(self, now: float) -> tuple[CookieRow, ...]:
        """The cookies not expired at ``now``, in the order they were first stored."""
        return tuple(c.row() for c in self._ordered() if not c.expired(now))

    # ------------------------------------------------------------------ §5.4
    def cookies_for(self, request_url: str, now: float, source: RequestSource = SAME_SITE
                    ) -> tuple[str | None, tuple[CookieDecision, ...]]:
        """The Cookie header for a request to ``request_url`` (None if no cookie goes) and a
        decision with its rule for every stored cookie; expired cookies are then evicted.
        ``source`` says who started the request (for SameSite); by default the same site."""
        if not _is_http_url(request_url):
            return None, ()  # no cookie goes to what is not an http(s) URL
        url = urlsplit(request_url)
        decisions: list[CookieDecision] = []
        sent: list[_Stored] = []
        for cookie in self._ordered():
            ok, rule = _decide(cookie, url.scheme, (url.hostname or "").lower(),
                               uri_path(request_url), request_url, now, source)
            decisions.append(CookieDecision(cookie.name, cookie.domain, cookie.path, ok, rule))
            if ok:
                sent.append(cookie)
        self._evict(now)
        for cookie in sent:  # §5.4 step 3: "update the last-access-time of each cookie"
            self._store[cookie.key] = replace(cookie, last_access=now)
        sent.sort(key=lambda c: (-len(c.path), c.created_at))  # §5.4 step 2 (sort is stable)
        header = "; ".join(f"{c.name}={c.value}" for c in sent) if sent else None
        return header, tuple(decisions)


def time_text(seconds: float) -> str:
    """Virtual time for a rule: '12.0', '5.15' (no more digits than it has, to 1 ms)."""
    text = f"{seconds:.3f}".rstrip("0")
    return text + "0" if text.endswith(".") else text


def _decide(cookie: _Stored, scheme: str, host: str, path: str, url: str,
            now: float, source: RequestSource) -> tuple[bool, str]:
    """§5.4 step 1 for one cookie: sent or not, and the rule, in words a learner can read."""
    if cookie.expired(now):
        assert cookie.expires is not None
        return False, (f"expired at t={time_text(cookie.expires)} s ({cookie.expiry_source}), so "
                       "the browser evicts it (RFC 6265 §5.3 step 3, §5.4)")
    if cookie.host_only and host != cookie.domain:
        return False, (f"host-only cookie of {cookie.domain} (set without Domain), but the "
                       f"request goes to {host} (RFC 6265 §5.4 step 1)")
    if not cookie.host_only and not domain_match(host, cookie.domain):
        return False, (f"host {host} does not domain-match {cookie.domain} "
                       "(RFC 6265 §5.1.3)")
    if not path_match(cookie.path, url):
        return False, f"path {cookie.path} does not path-match {path} (RFC 6265 §5.1.4)"
    if cookie.secure and scheme != "https":
        return False, f"Secure cookie, but the request is {scheme}:// (RFC 6265 §5.4 step 1)"
    same_site_ok, same_site = same_site_rule(cookie.same_site, url, source)
    if not same_site_ok:
        assert same_site is not None
        return False, same_site
    where = (f"host-only for {host}" if cookie.host_only
             else f"{host} domain-matches {cookie.domain} (§5.1.3)")
    parts = [f"{where}, path {cookie.path} path-matches {path} (§5.1.4)"]
    if cookie.expires is not None:
        parts.append(f"not expired until t={time_text(cookie.expires)} s")
    if cookie.secure:
        parts.append("Secure and the request is https://")
    if cookie.http_only:
        parts.append("HttpOnly: sent with HTTP requests but invisible to page scripts "
                     "(document.cookie, §5.2.6)")
    if same_site is not None:
        parts.append(same_site)
    return True, "; ".join(parts) + " (RFC 6265 §5.4)"


def mark_changes(before: Sequence[CookieRow],
                 after: Sequence[CookieRow]) -> tuple[CookieRow, ...]:
    """``after`` with each row's change since ``before``; rows that went stay in their place,
    marked REMOVED, so a view can show what left the jar; new rows come last, ADDED."""
    def key(r: CookieRow) -> tuple[str, str, str]:
        return r.name, r.domain, r.path

    current = {key(r): replace(r, change=Change.NONE) for r in after}
    out: list[CookieRow] = []
    for row in before:  # in place, so a row does not jump when it changes or goes
        row = replace(row, change=Change.NONE)
        new = current.pop(key(row), None)
        if new is None:
            out.append(replace(row, change=Change.REMOVED))
        else:
            out.append(replace(new, change=Change.NONE if new == row else Change.CHANGED))
    out.extend(replace(r, change=Change.ADDED) for r in current.values())
    return tuple(out)
