"""The cookie jar against RFC 6265's storage model (§5.3) and its Cookie header (§5.4): which
attributes count, which occurrence wins, when a cookie is replaced, removed or ignored, which
cookies go on a request in which order, and the sentence the learner reads for each.

Every expected Cookie header, row and rule is typed from the RFC steps cited beside it. Dates
are IMF-fixdates only; virtual time 0 is 2025-01-01 00:00:00 UTC.
"""

from __future__ import annotations

import pytest

from simulator.models.http import cookie_jar
from simulator.models.http.cookie_jar import (
    CookieJar,
    mark_changes,
    time_text,
    virtual_http_date,
)
from simulator.models.http.snapshot import Change
from simulator.models.limits import COOKIES_PER_DOMAIN

SITE = "https://www.example.com/"


def _header(jar: CookieJar, url: str, now: float = 0.0) -> str | None:
    return jar.cookies_for(url, now)[0]


def _rules(jar: CookieJar, url: str, now: float = 0.0) -> dict[str, tuple[bool, str]]:
    return {d.name: (d.sent, d.rule) for d in jar.cookies_for(url, now)[1]}


# ----------------------------------------------------------- §5.2 attributes


def test_attribute_names_are_matched_case_insensitively() -> None:
    """§5.2.1-§5.2.6: "If the attribute-name case-insensitively matches the string ..."."""
    jar = CookieJar()
    (row,) = jar.receive(["k=v; DOMAIN=Example.COM; PATH=/a; MAX-AGE=7; SECURE; HTTPONLY"],
                         SITE, 10.0)
    assert (row.domain, row.host_only, row.path, row.expires, row.secure, row.http_only) == (
        "example.com", False, "/a", 17.0, True, True)


def test_secure_counts_whatever_value_it_is_given() -> None:
    """§5.2.5: on "Secure" the user agent appends Secure "with an empty attribute-value"."""
    (row,) = CookieJar().receive(["k=v; Secure=no"], SITE, 0.0)
    assert row.secure


def test_an_empty_value_is_a_cookie_and_is_sent_as_name_equals() -> None:
    """§5.2 steps 2-5: only an empty *name* makes the string ignored."""
    jar = CookieJar()
    jar.receive(["flag="], SITE, 0.0)
    assert _header(jar, SITE) == "flag="


def test_an_empty_domain_attribute_is_ignored_and_an_earlier_one_stands() -> None:
    """§5.2.3: an empty Domain value SHOULD make the user agent ignore the cookie-av
    entirely; §5.3 step 4 then takes the last Domain that remains."""
    rows = CookieJar().receive(["a=1; Domain=", "b=1; Domain=example.com; Domain="],
                               SITE + "page", 0.0)
    assert [(r.name, r.domain, r.host_only) for r in rows] == [
        ("a", "www.example.com", True), ("b", "example.com", False)]


def test_an_empty_or_relative_path_means_the_default_path_and_the_last_path_wins() -> None:
    """§5.2.4: an empty Path or one not starting with "/" gives the default-path (the
    request path up to its last "/": "/docs" for "/docs/page"); §5.3 step 7: the last Path
    attribute counts."""
    rows = CookieJar().receive(["a=1; Path=", "b=1; Path=/x; Path=/y", "c=1; Path=/x; Path=z"],
                               "http://example.com/docs/page", 0.0)
    assert [(r.name, r.path) for r in rows] == [("a", "/docs"), ("b", "/y"), ("c", "/docs")]


# ----------------------------------------------------------- expiry (§5.3 step 3)


def test_the_last_valid_max_age_counts_and_an_invalid_one_is_skipped() -> None:
    """§5.2.2: a Max-Age value with a non-DIGIT is ignored (not appended), so the last
    Max-Age in the list is the valid one before it."""
    rows = CookieJar().receive(["a=1; Max-Age=10; Max-Age=20", "b=1; Max-Age=10; Max-Age=abc"],
                               SITE, 5.0)
    assert [(r.name, r.expires) for r in rows] == [("a", 25.0), ("b", 15.0)]


def test_an_expires_date_counts_when_the_max_age_beside_it_is_invalid() -> None:
    (row,) = CookieJar().receive(["a=1; Max-Age=soon; Expires=Wed, 01 Jan 2025 01:00:00 GMT"],
                                 SITE, 0.0)
    assert row.expires == 3600.0


def test_a_max_age_of_exactly_400_days_is_kept_as_given() -> None:
    """RFC 6265bis §5.6.2 caps Max-Age at 400 days = 34 560 000 s; the cap itself is allowed."""
    (row,) = CookieJar().receive(["a=1; Max-Age=34560000"], SITE, 1.0)
    assert row.expires == 34_560_001.0


def test_minus_zero_max_age_expires_the_cookie_at_once() -> None:
    """§5.2.2: delta-seconds <= 0 means the earliest representable time."""
    jar = CookieJar()
    jar.receive(["a=1"], SITE, 0.0)
    rows = jar.receive(["a=1; Max-Age=-0"], SITE, 1.0)
    assert [(r.name, r.change) for r in rows] == [("a", Change.REMOVED)]


def test_a_cookie_past_its_expiry_is_evicted_at_the_next_response() -> None:
    """§5.3: "evict all expired cookies"; the jar's rows show it went."""
    jar = CookieJar()
    jar.receive(["short=1; Max-Age=5"], SITE, 0.0)
    assert [r.name for r in jar.rows(4.0)] == ["short"]
    rows = jar.receive(["later=2"], SITE, 10.0)
    assert [(r.name, r.change) for r in rows] == [("short", Change.REMOVED),
                                                  ("later", Change.ADDED)]
    assert _header(jar, SITE, 10.0) == "later=2"


# ----------------------------------------------------------- replacement (§5.3 step 11)


def test_a_replaced_cookie_keeps_its_place_in_the_header_by_its_old_creation_time() -> None:
    """§5.3 step 11.3: the new cookie takes the old one's creation-time; §5.4 step 2 sorts
    equal paths by creation-time, so "a" stays before "b" after it is replaced at t=2."""
    jar = CookieJar()
    jar.receive(["a=1"], SITE, 0.0)
    jar.receive(["b=1"], SITE, 1.0)
    rows = jar.receive(["a=2"], SITE, 2.0)
    assert [(r.name, r.value, r.created_at, r.change) for r in rows] == [
        ("a", "2", 0.0, Change.CHANGED), ("b", "1", 1.0, Change.NONE)]
    assert _header(jar, SITE, 2.0) == "a=2; b=1"


def test_the_same_name_with_another_path_or_domain_is_another_cookie() -> None:
    """§5.3 step 11: only the same name, domain and path replaces."""
    jar = CookieJar()
    jar.receive(["id=root; Path=/", "id=docs; Path=/docs", "id=wide; Domain=example.com"],
                SITE, 0.0)
    assert len(jar.rows(0.0)) == 3
    # §5.4 step 2: the longer path first, then the older of the two "/" cookies.
    assert _header(jar, SITE + "docs/x", 1.0) == "id=docs; id=root; id=wide"


def test_an_unchanged_cookie_set_again_is_not_marked_changed() -> None:
    jar = CookieJar()
    jar.receive(["a=1; Path=/"], SITE, 0.0)
    (row,) = jar.receive(["a=1; Path=/"], SITE, 3.0)
    assert (row.created_at, row.change) == (0.0, Change.NONE)


# ----------------------------------------------------------- §5.4 retrieval


def test_a_domain_cookie_goes_to_the_domain_and_its_subdomains_only() -> None:
    """§5.1.3: the host equals the domain or ends with "." + domain."""
    jar = CookieJar()
    jar.receive(["d=1; Domain=example.com"], SITE, 0.0)
    for url, sent in (("http://example.com/", "d=1"), ("http://a.b.example.com/x", "d=1"),
                      ("http://EXAMPLE.com/", "d=1"), ("http://notexample.com/", None),
                      ("http://example.com.evil.org/", None), ("http://com/", None)):
        assert _header(jar, url) == sent, url


def test_a_request_without_a_path_is_for_the_root_path() -> None:
    jar = CookieJar()
    jar.receive(["root=1; Path=/", "docs=1; Path=/docs"], SITE, 0.0)
    assert _header(jar, "https://www.example.com") == "root=1"


def test_cookies_with_longer_paths_come_first_then_older_ones() -> None:
    """§5.4 step 2: longer paths before shorter; equal lengths by earlier creation-time.
    "/ab" and "/a/" are both 3 characters: the older ("/a/", t=1) goes first."""
    jar = CookieJar()
    jar.receive(["short=1; Path=/"], SITE, 0.0)
    jar.receive(["slash=1; Path=/a/"], SITE, 1.0)
    jar.receive(["long=1; Path=/a/b"], SITE, 2.0)
    jar.receive(["root2=1; Path=/"], SITE, 3.0)
    assert _header(jar, SITE + "a/b/c", 4.0) == "long=1; slash=1; short=1; root2=1"


def test_secure_and_httponly_cookies_on_http_and_https() -> None:
    """§5.4 step 1: a Secure cookie only over a secure channel; HttpOnly does not stop a
    cookie from going on an HTTP request (it hides it from scripts, §5.2.6)."""
    jar = CookieJar()
    jar.receive(["s=1; Secure", "h=2; HttpOnly", "p=3"], SITE, 0.0)
    assert _header(jar, "https://www.example.com/") == "s=1; h=2; p=3"
    assert _header(jar, "http://www.example.com/") == "h=2; p=3"


# ----------------------------------------------------------- what the learner reads


def test_every_reason_to_send_a_cookie_is_spelled_out() -> None:
    jar = CookieJar()
    jar.receive(["full=1; Domain=example.com; Path=/; Max-Age=100; Secure; HttpOnly",
                 "plain=2; Path=/"], SITE, 10.0)
    rules = _rules(jar, "https://www.example.com/a/b", 12.0)
    assert rules["full"] == (True, (
        "www.example.com domain-matches example.com (§5.1.3), path / path-matches /a/b "
        "(§5.1.4); not expired until t=110.0 s; Secure and the request is https://; HttpOnly: "
        "sent with HTTP requests but invisible to page scripts (document.cookie, §5.2.6) "
        "(RFC 6265 §5.4)"))
    assert rules["plain"] == (True, (
        "host-only for www.example.com, path / path-matches /a/b (§5.1.4) (RFC 6265 §5.4)"))


def test_every_reason_to_withhold_a_cookie_is_spelled_out() -> None:
    jar = CookieJar()
    jar.receive(["wide=1; Domain=example.com", "here=2", "deep=3; Path=/docs"], SITE, 0.0)
    rules = _rules(jar, "http://other.org/", 1.0)
    assert rules["wide"] == (
        False, "host other.org does not domain-match example.com (RFC 6265 §5.1.3)")
    assert rules["here"] == (
        False, "host-only cookie of www.example.com (set without Domain), but the request "
               "goes to other.org (RFC 6265 §5.4 step 1)")
    assert _rules(jar, "http://www.example.com/", 1.0)["deep"] == (
        False, "path /docs does not path-match / (RFC 6265 §5.1.4)")


def test_each_ignored_set_cookie_is_named_with_its_reason() -> None:
    jar = CookieJar()
    rows = jar.receive(["x=1; Domain=other.org", "y=1; SameSite=None", "ok=1"], SITE, 0.0)
    assert [r.name for r in rows] == ["ok"]
    assert jar.ignored == (
        "'x=1' ignored: the request host www.example.com does not domain-match "
        "Domain=other.org (RFC 6265 §5.3 step 6)",
        "'y=1' ignored: SameSite=None without Secure (RFC 6265bis §5.7 step 19)")
    jar.receive(["z=1; SameSite=None; Secure"], SITE, 0.0)
    assert jar.ignored == () and jar.rows(0.0)[-1].same_site == "None"


def test_editing_a_name_changes_every_cookie_of_that_name_and_only_those() -> None:
    jar = CookieJar()
    jar.receive(["id=1; Path=/", "id=2; Path=/docs", "other=3"], SITE, 0.0)
    rows = jar.edit("id", "x", 1.0)
    assert [(r.name, r.path, r.value, r.change) for r in rows] == [
        ("id", "/", "x", Change.CHANGED), ("id", "/docs", "x", Change.CHANGED),
        ("other", "/", "3", Change.NONE)]


def test_virtual_times_and_dates_are_written_as_a_learner_reads_them() -> None:
    """Times: seconds with no more decimals than they have, to 1 ms. Dates: RFC 9110
    §5.6.7's IMF-fixdate; virtual t = 3600 is one hour into 2025-01-01, a Wednesday."""
    assert [time_text(t) for t in (12, 5.15, 0.001, 100.5, 0.25)] == [
        "12.0", "5.15", "0.001", "100.5", "0.25"]
    assert virtual_http_date(3600) == "Wed, 01 Jan 2025 01:00:00 GMT"


def test_a_cookie_evicted_at_one_response_is_not_listed_again_at_the_next() -> None:
    jar = CookieJar()
    jar.receive(["short=1; Max-Age=5", "keep=1"], SITE, 0.0)
    assert [(r.name, r.change) for r in jar.receive(["x=1"], SITE, 10.0)] == [
        ("short", Change.REMOVED), ("keep", Change.NONE), ("x", Change.ADDED)]
    assert [(r.name, r.change) for r in jar.receive(["y=1"], SITE, 11.0)] == [
        ("keep", Change.NONE), ("x", Change.NONE), ("y", Change.ADDED)]


def test_a_cookie_past_its_expires_date_says_when_and_by_which_attribute() -> None:
    """§5.3 step 3 with Expires: 01:00:00 on 2025-01-01 is virtual t = 3600 s."""
    jar = CookieJar()
    jar.receive(["e=1; Expires=Wed, 01 Jan 2025 01:00:00 GMT"], SITE, 0.0)
    assert _rules(jar, SITE, 3599.5)["e"][0]
    assert _rules(jar, SITE, 3600.0)["e"] == (False, (
        "expired at t=3600.0 s (Expires=Wed, 01 Jan 2025 01:00:00 GMT), so the browser "
        "evicts it (RFC 6265 §5.3 step 3, §5.4)"))


def test_a_request_url_without_a_path_is_named_as_the_root_path_in_the_rule() -> None:
    jar = CookieJar()
    jar.receive(["deep=1; Path=/docs"], SITE, 0.0)
    assert _rules(jar, "https://www.example.com")["deep"] == (
        False, "path /docs does not path-match / (RFC 6265 §5.1.4)")


def test_max_age_digits_are_read_as_a_number_leading_zeros_and_all() -> None:
    """§5.2.2: "Let delta-seconds be the attribute-value converted to an integer": 13 digits
    "0000000000005" are 5 seconds, and 10 000 000 s (below the 400-day cap) stays as given."""
    rows = CookieJar().receive(["a=1; Max-Age=0000000000005", "b=1; Max-Age=000000000007",
                                "c=1; Max-Age=10000000"], SITE, 1.0)
    assert [(r.name, r.expires) for r in rows] == [("a", 6.0), ("b", 8.0), ("c", 10_000_001.0)]


def test_a_max_age_of_one_second_lasts_one_second() -> None:
    jar = CookieJar()
    (row,) = jar.receive(["a=1; Max-Age=1"], SITE, 5.0)
    assert row.expires == 6.0
    assert _header(jar, SITE, 5.5) == "a=1" and _header(jar, SITE, 6.0) is None


def test_a_new_jar_has_ignored_nothing() -> None:
    assert CookieJar().ignored == ()


def test_rows_marked_at_the_step_before_are_unmarked_when_nothing_changed() -> None:
    """mark_changes compares cookies, not their marks: rows that were ADDED last step and
    are the same now are unchanged."""
    jar = CookieJar()
    added = jar.receive(["a=1", "b=2"], SITE, 0.0)
    assert [r.change for r in added] == [Change.ADDED, Change.ADDED]
    assert [r.change for r in mark_changes(added, jar.rows(1.0))] == [Change.NONE, Change.NONE]


# ----------------------------------------------------------------------------- §5.3 step 12


def test_past_the_per_domain_limit_the_least_recently_used_cookie_is_evicted() -> None:
    """RFC 6265 §5.3 step 12: evict by last-access time (stored, or sent: §5.4 step 3), and
    the jar says which went and why."""
    jar = CookieJar()
    for n in range(COOKIES_PER_DOMAIN):
        path = "/only" if n == 0 else "/"
        jar.receive([f"c{n}=v; Path={path}"], "http://example.com/", float(n))
    assert len(jar.rows(1000.0)) == COOKIES_PER_DOMAIN and jar.ignored == ()
    header, _ = jar.cookies_for("http://example.com/only", 500.0)  # sends c0 and all the rest
    assert header is not None and header.startswith("c0=v")
    jar.cookies_for("http://example.com/elsewhere", 600.0)  # sends all but c0: c0 now oldest
    rows = jar.receive(["new=1"], "http://example.com/", 700.0)
    assert [r.name for r in rows if r.change.value == "removed"] == ["c0"]
    assert jar.ignored == (
        f"'c0=v' evicted: example.com has more than {COOKIES_PER_DOMAIN} cookies, and the least "
        "recently used goes first (RFC 6265 §5.3 step 12)",)
    assert len(jar.rows(700.0)) == COOKIES_PER_DOMAIN


def test_a_cookie_just_sent_is_not_the_one_evicted() -> None:
    """§5.4 step 3 updates the last-access time of a cookie that is sent: c0, stored first,
    becomes the most recently used when a request takes it, so c1 goes instead; a jar of
    exactly the limit evicts nothing."""
    jar = CookieJar()
    jar.receive(["c0=v; Path=/only"], "http://example.com/", 0.0)
    for n in range(1, COOKIES_PER_DOMAIN):
        jar.receive([f"c{n}=v; Path=/other"], "http://example.com/", float(n))
    assert len(jar.rows(1000.0)) == COOKIES_PER_DOMAIN and jar.ignored == ()
    header, _ = jar.cookies_for("http://example.com/only", 500.0)
    assert header == "c0=v"
    rows = jar.receive(["new=1"], "http://example.com/", 700.0)
    assert [r.name for r in rows if r.change.value == "removed"] == ["c1"]


def test_thousands_of_cookies_from_one_response_leave_the_limit_in_the_jar() -> None:
    """A hostile response (found by a benchmark: 4,000 names made each later jar step copy
    4,000 cookies, minutes for a capture): the jar keeps the last 180 stored."""
    jar = CookieJar()
    rows = jar.receive([f"n{k}=v" for k in range(4000)], "http://example.com/", 0.0)
    kept = [r.name for r in rows if r.change.value == "added"]
    assert kept == [f"n{k}" for k in range(4000 - COOKIES_PER_DOMAIN, 4000)]
    assert len(jar.ignored) == 4000 - COOKIES_PER_DOMAIN


def test_past_the_jar_limit_the_least_recently_used_of_any_domain_goes(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cookie_jar, "COOKIES_IN_JAR", 3)
    jar = CookieJar()
    for n, host in enumerate(["a.example", "b.example", "c.example", "d.example"]):
        jar.receive([f"k{n}=v"], f"http://{host}/", float(n))
    assert [r.name for r in jar.rows(10.0)] == ["k1", "k2", "k3"]
    assert jar.ignored == ("'k0=v' evicted: the jar holds more than 3 cookies, and the least "
                           "recently used goes first (RFC 6265 §5.3 step 12)",)
