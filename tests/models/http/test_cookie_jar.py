"""The browser's cookie jar against RFC 6265: its examples, its matching rules, expiry in
virtual time, and a property check of §5.4 against an independent reading of the rules."""

from __future__ import annotations

from http.cookiejar import http2time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from simulator.models.http.cookie_jar import (
    VIRTUAL_EPOCH,
    CookieJar,
    default_path,
    domain_match,
    mark_changes,
    path_match,
)
from simulator.models.http.snapshot import Change, CookieRow

SID = "SID=31d4d96e407aad42"


def _sent(jar: CookieJar, url: str, now: float = 0.0) -> str | None:
    return jar.cookies_for(url, now)[0]


def _decision(jar: CookieJar, url: str, name: str, now: float = 0.0) -> tuple[bool, str]:
    (d,) = (d for d in jar.cookies_for(url, now)[1] if d.name == name)
    return d.sent, d.rule


# ----------------------------------------------------------------------------- RFC 6265 §3.1


def test_rfc6265_3_1_a_plain_cookie_comes_back_on_the_next_request() -> None:
    jar = CookieJar()
    jar.receive([SID], "http://example.com/", 0.0)
    assert _sent(jar, "http://example.com/") == SID


def test_rfc6265_3_1_path_and_domain_widen_the_scope_to_subdomains() -> None:
    jar = CookieJar()
    jar.receive([f"{SID}; Path=/; Domain=example.com"], "http://example.com/", 0.0)
    for url in ("http://example.com/", "http://www.example.com/a/b", "http://a.b.example.com/"):
        assert _sent(jar, url) == SID, url
    assert _sent(jar, "http://example.org/") is None


def test_rfc6265_3_1_secure_httponly_and_domain_cookies_together() -> None:
    jar = CookieJar()
    rows = jar.receive([f"{SID}; Path=/; Secure; HttpOnly",
                        "lang=en-US; Path=/; Domain=example.com"], "https://example.com/", 0.0)
    assert [(r.name, r.secure, r.http_only, r.host_only) for r in rows] == [
        ("SID", True, True, True), ("lang", False, False, False)]
    assert _sent(jar, "https://example.com/") == f"{SID}; lang=en-US"


def test_rfc6265_3_1_expires_then_an_expires_in_the_past_removes_the_cookie() -> None:
    jar = CookieJar()
    # The RFC's Expires date (2021) lies before the virtual epoch (2025): run this example an
    # hour before that date, in virtual time, so that it is still in the future.
    expiry = (http2time("Wed, 09 Jun 2021 10:18:14 GMT") or 0.0) - VIRTUAL_EPOCH
    now = expiry - 3600
    jar.receive([f"{SID}; Path=/; Secure; HttpOnly", "lang=en-US; Path=/; Domain=example.com"],
                "https://example.com/", now)
    rows = jar.receive(["lang=en-US; Expires=Wed, 09 Jun 2021 10:18:14 GMT"],
                       "https://example.com/", now)
    lang = next(r for r in rows if r.name == "lang")
    # Same name, domain and path: the new cookie replaces the Domain= one and is host-only.
    assert (lang.expires, lang.host_only, lang.change) == (expiry, True, Change.CHANGED)
    assert _sent(jar, "https://example.com/", now) == f"{SID}; lang=en-US"
    rows = jar.receive(["lang=; Expires=Sun, 06 Nov 1994 08:49:37 GMT"],
                       "https://example.com/", now)
    assert [(r.name, r.change) for r in rows] == [("SID", Change.NONE),
                                                  ("lang", Change.REMOVED)]
    assert _sent(jar, "https://example.com/", now) == SID


# ----------------------------------------------------------------------------- §5.1.3, §5.1.4


@pytest.mark.parametrize(("host", "domain", "matches"), [
    ("example.com", "example.com", True),          # identical
    ("EXAMPLE.com", "example.COM", True),          # case-insensitive (canonicalized)
    ("www.example.com", "example.com", True),      # suffix after a "."
    ("a.b.example.com", "example.com", True),
    ("badexample.com", "example.com", False),      # suffix, but not after a "."
    ("example.com", "www.example.com", False),     # the domain is longer than the host
    ("x.example.com.evil.org", "example.com", False),  # http.cookiejar's RFC 2965 rule: True
    ("192.0.2.1", "0.2.1", False),                 # an IP address matches only itself
    ("192.0.2.1", "192.0.2.1", True),
])
def test_domain_match_rfc6265_5_1_3(host: str, domain: str, matches: bool) -> None:
    assert domain_match(host, domain) is matches


@pytest.mark.parametrize(("cookie_path", "request_path", "matches"), [
    ("/", "/", True), ("/", "/anything/at/all", True),
    ("/docs", "/docs", True),          # identical
    ("/docs", "/docs/", True),         # prefix, next character is "/"
    ("/docs", "/docs/web/", True),
    ("/docs/", "/docs/web", True),     # prefix ending in "/"
    ("/docs", "/docsets", False),      # prefix, but not at a "/" boundary
    ("/docs", "/doc", False), ("/docs", "/", False), ("/docs/", "/docs", False),
    ("/profile", "/account", False),
    # the path exactly as the request carries it: no escaping, no case change
    ("/dir[1]", "/dir[1]/other", True), ("/a%2fb", "/a%2fb/c", True),
    ("/a%2Fb", "/a%2fb/c", False),     # "identical" is octet for octet
    ("/Docs", "/docs", False), ("/my docs", "/my docs/x", True),
    ("/café", "/café/menu", True), ("/café", "/caf%C3%A9/menu", False),
    ("/docs", "/docs?x=/y", True),     # the query is not part of the path
])
def test_path_match_rfc6265_5_1_4(cookie_path: str, request_path: str, matches: bool) -> None:
    assert path_match(cookie_path, f"http://example.com{request_path}") is matches


@pytest.mark.parametrize(("request_path", "expected"), [
    ("", "/"), ("/", "/"), ("/docs", "/"), ("/docs/web", "/docs"), ("/docs/web/", "/docs/web"),
    ("/a/b/c.html", "/a/b"),
])
def test_default_path_rfc6265_5_1_4(request_path: str, expected: str) -> None:
    assert default_path(f"http://example.com{request_path}") == expected


@pytest.mark.parametrize("directory", ["/dir[1]", "/a%2fb", "/my docs", "/café", "/A%7E"])
def test_a_cookie_set_without_path_comes_back_to_its_directory_whatever_it_holds(
        directory: str) -> None:
    """The issue's case: default-path and path-match read the same raw path, so a cookie
    set by /dir[1]/page goes to /dir[1]/other (http.cookiejar's escaped copy did not)."""
    jar = CookieJar()
    (row,) = jar.receive(["a=1"], f"http://example.com{directory}/page", 0.0)
    assert row.path == directory
    assert _sent(jar, f"http://example.com{directory}/other") == "a=1"
    assert _sent(jar, f"http://example.com{directory}x/other") is None


_PATH_TEXT = st.text(st.sampled_from("/ab%2F[] é~.;:@!$&'()*+,=-_"), max_size=20)


def _rfc_path_match(cookie_path: str, request_path: str) -> bool:
    """§5.1.4 read another way: a cookie path ending in "/" is a directory prefix; any other
    is the request path itself or a directory above it."""
    if cookie_path.endswith("/"):
        return request_path.startswith(cookie_path)
    return request_path == cookie_path or request_path.startswith(cookie_path + "/")


@settings(max_examples=400, deadline=None)
@given(st.builds(lambda p: "/" + p, _PATH_TEXT), st.builds(lambda p: "/" + p, _PATH_TEXT))
def test_path_match_agrees_with_the_rfc_and_a_cookie_returns_to_the_page_that_set_it(
        cookie_path: str, request_path: str) -> None:
    url = f"http://example.com{request_path}"
    assert path_match(cookie_path, url) is _rfc_path_match(cookie_path, request_path)
    # a cookie without Path goes back to the page that set it, and to its siblings
    assert path_match(default_path(url), url)
    assert path_match(default_path(url), f"http://example.com{default_path(url)}/sibling")


def test_cookie_without_path_gets_the_default_path_of_the_request() -> None:
    jar = CookieJar()
    (row,) = jar.receive(["a=1", ], "http://example.com/docs/web/page", 0.0)
    assert row.path == "/docs/web"
    (row,) = CookieJar().receive(["a=1; Path=relative"], "http://example.com/docs/x", 0.0)
    assert row.path == "/docs"  # §5.2.4: a Path not starting with "/" means default-path


# ----------------------------------------------------------------------------- §5.2, §5.3


def test_host_only_versus_domain_attribute() -> None:
    jar = CookieJar()
    rows = jar.receive(["host=1", "wide=2; Domain=.Example.COM"], "http://www.example.com/",
                       0.0)
    assert [(r.name, r.domain, r.host_only) for r in rows] == [
        ("host", "www.example.com", True), ("wide", "example.com", False)]  # dot stripped
    assert _sent(jar, "http://www.example.com/") == "host=1; wide=2"
    assert _sent(jar, "http://static.example.com/") == "wide=2"
    sent, rule = _decision(jar, "http://static.example.com/", "host")
    assert not sent and "host-only" in rule and "§5.4" in rule


def test_domain_attribute_the_host_does_not_match_is_ignored() -> None:
    jar = CookieJar()
    assert jar.receive(["x=1; Domain=other.org"], "http://www.example.com/", 0.0) == ()
    assert "does not domain-match" in jar.ignored[0] and "§5.3 step 6" in jar.ignored[0]


def test_domain_attribute_that_is_a_public_suffix_is_refused() -> None:
    jar = CookieJar()
    assert jar.receive(["x=1; Domain=com"], "http://www.example.com/", 0.0) == ()
    assert "public suffix" in jar.ignored[0]
    (row,) = jar.receive(["x=1; Domain=localhost"], "http://localhost/", 0.0)
    assert row.host_only  # §5.3 step 5: equal to the host, so a host-only cookie


@pytest.mark.parametrize("header", ["novalue", "=value", ""])
def test_set_cookie_without_name_or_equals_sign_is_ignored(header: str) -> None:
    jar = CookieJar()
    assert jar.receive([header, "ok=1"], "http://example.com/", 0.0)[0].name == "ok"
    assert len(jar.ignored) == 1 and "RFC 6265 §5.2" in jar.ignored[0]


def test_max_age_beats_expires_whatever_their_order() -> None:
    for header in ("a=1; Expires=Wed, 01 Jan 2025 01:00:00 GMT; Max-Age=10",
                   "a=1; Max-Age=10; Expires=Wed, 01 Jan 2025 01:00:00 GMT"):
        (row,) = CookieJar().receive([header], "http://example.com/", 2.0)
        assert row.expires == 12.0, header


@pytest.mark.parametrize("max_age", ["34560001", "9" * 30, "9" * 5000])
def test_a_max_age_beyond_400_days_is_capped_at_400_days(max_age: str) -> None:
    """RFC 6265bis §5.6.2: "the user agent MUST limit the maximum value of the Max-Age
    attribute ... The limit SHOULD NOT be greater than 400 days (34560000 seconds)"."""
    (row,) = CookieJar().receive([f"a=1; Max-Age={max_age}"], "http://example.com/", 2.0)
    assert row.expires == 2.0 + 400 * 24 * 3600


def test_a_huge_negative_max_age_expires_the_cookie_at_once() -> None:
    jar = CookieJar()
    jar.receive(["a=1"], "http://example.com/", 0.0)
    jar.receive(["a=1; Max-Age=-" + "9" * 5000], "http://example.com/", 1.0)
    assert all(r.name != "a" for r in jar.rows(1.0))


def test_expires_date_is_read_in_virtual_time() -> None:
    (row,) = CookieJar().receive(["a=1; Expires=Wed, 01 Jan 2025 01:00:00 GMT"],
                                 "http://example.com/", 0.0)
    assert row.expires == 3600.0  # one hour after the virtual epoch


@pytest.mark.parametrize("attribute", ["Max-Age=abc", "Max-Age=1e3", "Max-Age=", "Expires=soon"])
def test_invalid_max_age_or_expires_is_ignored_leaving_a_session_cookie(attribute: str) -> None:
    (row,) = CookieJar().receive([f"a=1; {attribute}"], "http://example.com/", 0.0)
    assert row.expires is None


def test_cookie_expires_in_virtual_time_and_the_decision_says_when() -> None:
    jar = CookieJar()
    jar.receive(["a=1; Max-Age=10"], "http://example.com/", 2.0)
    assert _sent(jar, "http://example.com/", 11.9) == "a=1"
    assert [r.name for r in jar.rows(11.9)] == ["a"]
    assert jar.rows(12.0) == ()
    sent, rule = _decision(jar, "http://example.com/", "a", 12.0)
    assert not sent
    assert rule == ("expired at t=12.0 s (Max-Age=10), so the browser evicts it "
                    "(RFC 6265 §5.3 step 3, §5.4)")
    assert jar.cookies_for("http://example.com/", 12.5) == (None, ())  # evicted


@pytest.mark.parametrize("max_age", ["0", "-1"])
def test_max_age_zero_or_negative_deletes_the_cookie(max_age: str) -> None:
    jar = CookieJar()
    jar.receive(["sid=abc; Path=/", "keep=1"], "http://example.com/", 0.0)
    rows = jar.receive([f"sid=; Max-Age={max_age}; Path=/"], "http://example.com/", 1.0)
    assert [(r.name, r.change) for r in rows] == [("sid", Change.REMOVED), ("keep", Change.NONE)]
    assert _sent(jar, "http://example.com/", 1.0) == "keep=1"


def test_deleting_needs_the_same_path() -> None:
    jar = CookieJar()
    jar.receive(["sid=abc; Path=/"], "http://example.com/account/login", 0.0)
    jar.receive(["sid=; Max-Age=0"], "http://example.com/account/logout", 1.0)  # Path=/account
    assert _sent(jar, "http://example.com/", 1.0) == "sid=abc"


def test_replacing_keeps_creation_time_and_marks_the_row_changed() -> None:
    jar = CookieJar()
    jar.receive(["visits=1", "other=x"], "http://example.com/", 0.0)
    rows = jar.receive(["visits=2"], "http://example.com/", 5.0)
    assert [(r.name, r.value, r.created_at, r.change) for r in rows] == [
        ("visits", "2", 0.0, Change.CHANGED), ("other", "x", 0.0, Change.NONE)]


def test_cookies_are_sent_longest_path_first_then_oldest_first() -> None:
    jar = CookieJar()
    jar.receive(["b=1; Path=/"], "http://example.com/", 0.0)
    jar.receive(["a=2; Path=/"], "http://example.com/", 1.0)
    jar.receive(["c=3; Path=/docs"], "http://example.com/", 2.0)
    assert _sent(jar, "http://example.com/docs/x", 3.0) == "c=3; b=1; a=2"


def test_secure_cookie_is_not_sent_over_http() -> None:
    jar = CookieJar()
    jar.receive(["token=t; Secure"], "http://example.com/", 0.0)
    sent, rule = _decision(jar, "http://example.com/", "token")
    assert not sent and rule == "Secure cookie, but the request is http:// (RFC 6265 §5.4 step 1)"
    assert _sent(jar, "https://example.com/") == "token=t"


def test_path_decision_names_both_paths() -> None:
    jar = CookieJar()
    jar.receive(["tab=1; Path=/profile"], "http://example.com/", 0.0)
    sent, rule = _decision(jar, "http://example.com/account", "tab")
    assert not sent and rule == "path /profile does not path-match /account (RFC 6265 §5.1.4)"
    sent, rule = _decision(jar, "http://example.com/profile/edit", "tab")
    assert sent and "path-matches /profile/edit" in rule


def test_httponly_and_samesite_are_kept_and_explained() -> None:
    jar = CookieJar()
    (row,) = jar.receive(["sid=1; HttpOnly; SameSite=lax"], "http://example.com/", 0.0)
    assert (row.http_only, row.same_site) == (True, "Lax")
    sent, rule = _decision(jar, "http://example.com/", "sid")
    assert sent and "invisible to page scripts" in rule and "SameSite=Lax" in rule
    (row,) = CookieJar().receive(["x=1; SameSite=bogus"], "http://example.com/", 0.0)
    assert row.same_site is None


def test_edit_changes_the_value_as_developer_tools_would() -> None:
    jar = CookieJar()
    jar.receive(["session=abc"], "http://example.com/", 0.0)
    (row,) = jar.edit("session", "xyz", 1.0)
    assert (row.value, row.change) == ("xyz", Change.CHANGED)
    assert _sent(jar, "http://example.com/", 1.0) == "session=xyz"


def test_mark_changes_keeps_removed_rows_in_place() -> None:
    def row(name: str, value: str = "v") -> CookieRow:
        return CookieRow(name, value, "h", "/", True, None, False, False, None, 0.0)
    marked = mark_changes([row("a"), row("b"), row("c")], [row("a"), row("c", "new"), row("d")])
    assert [(r.name, r.change) for r in marked] == [
        ("a", Change.NONE), ("b", Change.REMOVED), ("c", Change.CHANGED), ("d", Change.ADDED)]


# ----------------------------------------------------------------------------- property (§5.4)

HOSTS = ("example.com", "www.example.com", "a.www.example.com", "example.org", "192.0.2.1")
PATHS = ("/", "/docs", "/docs/", "/docs/web", "/docsets", "/a")


def _oracle_host_ok(host: str, domain: str, host_only: bool) -> bool:
    """RFC 6265 §5.4 step 1, read independently: host-only = identical host; otherwise the
    host equals the domain or ends with "." + domain, and is not an IP address."""
    if host_only:
        return host == domain
    return host == domain or (host.endswith("." + domain) and not host[0].isdigit())


def _oracle_path_ok(cookie_path: str, path: str) -> bool:
    """RFC 6265 §5.1.4 in its own words."""
    return cookie_path == path or (path.startswith(cookie_path) and (
        cookie_path.endswith("/") or path[len(cookie_path)] == "/"))


cookie_specs = st.lists(st.tuples(
    st.sampled_from("abcde"), st.sampled_from(HOSTS), st.sampled_from((None, *HOSTS)),
    st.sampled_from((None, *PATHS)), st.booleans(), st.sampled_from((None, 0, 3, 10, 100)),
    st.sampled_from(("http", "https")), st.sampled_from(PATHS)), max_size=8)


@settings(max_examples=200, deadline=None)
@given(cookie_specs, st.sampled_from(HOSTS), st.sampled_from(PATHS),
       st.sampled_from(("http", "https")), st.floats(0, 50))
def test_a_cookie_is_sent_iff_host_path_expiry_and_secure_allow_it(
        specs: list[tuple[str, str, str | None, str | None, bool, int | None, str, str]],
        host: str, path: str, scheme: str, later: float) -> None:
    jar = CookieJar()
    for i, (name, set_host, domain, cpath, secure, max_age, set_scheme, set_path) in enumerate(
            specs):
        header = f"{name}={i}" + (f"; Domain={domain}" if domain else "") + (
            f"; Path={cpath}" if cpath else "") + ("; Secure" if secure else "") + (
            f"; Max-Age={max_age}" if max_age is not None else "")
        jar.receive([header], f"{set_scheme}://{set_host}{set_path}", float(i))
    # What the jar holds: it last evicted expired cookies at its last receive (t = n - 1).
    stored = jar.rows(float(len(specs) - 1))
    now = float(len(specs)) + later
    header, decisions = jar.cookies_for(f"{scheme}://{host}{path}", now)
    assert [(d.name, d.domain, d.path) for d in decisions] == [
        (r.name, r.domain, r.path) for r in stored]
    expected = []
    for row, decision in zip(stored, decisions, strict=True):
        ok = (_oracle_host_ok(host, row.domain, row.host_only) and _oracle_path_ok(row.path, path)
              and (row.expires is None or row.expires > now)
              and (not row.secure or scheme == "https"))
        assert decision.sent is ok, (row, decision)
        assert "RFC 6265" in decision.rule
        if ok:
            expected.append(row)
    expected.sort(key=lambda r: (-len(r.path), r.created_at))
    assert header == ("; ".join(f"{r.name}={r.value}" for r in expected) or None)


@settings(max_examples=100, deadline=None)
@given(cookie_specs)
def test_stored_cookies_are_well_formed(
        specs: list[tuple[str, str, str | None, str | None, bool, int | None, str, str]]) -> None:
    jar = CookieJar()
    for i, (name, set_host, domain, cpath, secure, _, scheme, set_path) in enumerate(specs):
        header = f"{name}={i}" + (f"; Domain={domain}" if domain else "") + (
            f"; Path={cpath}" if cpath else "") + ("; Secure" if secure else "")
        rows = jar.receive([header], f"{scheme}://{set_host}{set_path}", 0.0)
        if not jar.ignored:
            (new,) = (r for r in rows if r.value == str(i))
            assert new.host_only is (not domain)
            assert domain_match(set_host, new.domain)
            assert new.path == (cpath or default_path(f"http://h{set_path}"))
    keys = [(r.name, r.domain, r.path) for r in jar.rows(0.0)]
    assert len(keys) == len(set(keys))  # §5.3 step 11: one cookie per name, domain and path


@pytest.mark.parametrize("url", ["http://[/", "http://a\uff0fb/", "http://h:99999/",
                                 "not a url", "ftp://h/"])
def test_a_request_url_that_is_no_http_url_keys_no_cookie(url: str) -> None:
    """Found by fuzzing: such URLs raised from urlsplit or urllib. No cookie is stored for
    them, none is sent to them, and the jar says why it ignored a Set-Cookie."""
    jar = CookieJar()
    assert jar.receive(["a=1"], url, 0.0) == ()
    assert jar.ignored and "not an http(s) URL" in jar.ignored[0]
    assert jar.cookies_for(url, 1.0) == (None, ())
