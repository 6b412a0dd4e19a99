"""RFC 6265 §5.3 step 5 with the real Public Suffix List (the ``publicsuffixlist`` package):
a Domain that is a public suffix is refused and the jar says why; in a capture too."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.models.http.cookie_jar import ONE_LABEL, CookieJar
from simulator.models.http.snapshot import MessageKind
from simulator.models.simulation.scenarios import HTTP_SCENARIOS, build
from simulator.net.capture.index import build_index
from simulator.net.http.capture_http import capture_http
from simulator.net.http.public_suffixes import public_suffix_list
from tests.net.http.http_pcap import conversation


def _jar() -> CookieJar:
    return CookieJar(public_suffix_list())


def test_the_issues_case_a_cookie_for_co_uk_is_refused_and_not_sent_to_other_co_uk() -> None:
    jar = _jar()
    assert jar.receive(["sid=1; Domain=co.uk"], "http://www.example.co.uk/", 0.0) == ()
    (why,) = jar.ignored
    assert "Domain=co.uk is on the Public Suffix List" in why and "§5.3 step 5" in why
    assert jar.cookies_for("http://other.co.uk/", 1.0)[0] is None
    # the one-label rule alone would have let it through: two labels, not one
    lax = CookieJar(ONE_LABEL)
    lax.receive(["sid=1; Domain=co.uk"], "http://www.example.co.uk/", 0.0)
    assert lax.cookies_for("http://other.co.uk/", 1.0)[0] == "sid=1"


@pytest.mark.parametrize(("host", "domain", "stored"), [
    ("www.example.co.uk", "example.co.uk", True),    # a registrable domain: fine
    ("alice.github.io", "github.io", False),         # the list's private section counts
    ("alice.github.io", "alice.github.io", True),
    ("a.b.city.kawasaki.jp", "city.kawasaki.jp", True),  # the list's "!" exception
    ("a.b.c.kawasaki.jp", "c.kawasaki.jp", False),   # the list's "*" wildcard
    ("www.example.com", "com", False),
])
def test_the_list_decides_which_domains_a_site_may_set(host: str, domain: str,
                                                        stored: bool) -> None:
    jar = _jar()
    rows = jar.receive([f"x=1; Domain={domain}"], f"http://{host}/", 0.0)
    assert bool(rows) is stored, jar.ignored
    if stored:
        assert not rows[0].host_only and rows[0].domain == domain


def test_a_host_that_is_itself_a_public_suffix_gets_a_host_only_cookie() -> None:
    jar = _jar()
    (row,) = jar.receive(["x=1; Domain=github.io"], "http://github.io/", 0.0)
    assert row.host_only and row.domain == "github.io"  # §5.3 step 5: "identical"
    assert jar.cookies_for("http://alice.github.io/", 1.0)[0] is None


def test_a_captured_cookie_for_a_public_suffix_is_refused_with_the_reason(
        tmp_path: Path) -> None:
    path = conversation(tmp_path / "suffix.pcap", [
        (b"GET / HTTP/1.1\r\nHost: www.example.co.uk\r\n\r\n",
         b"HTTP/1.1 200 OK\r\nSet-Cookie: wide=1; Domain=co.uk\r\n"
         b"Set-Cookie: ok=2; Domain=example.co.uk\r\nContent-Length: 0\r\n\r\n"),
    ], server=("10.0.0.2", 80))
    (steps,) = capture_http(build_index(str(path))).jars.values()
    response = next(s for s in steps if s.kind is MessageKind.RESPONSE)
    assert [r.name for r in response.snapshot.jar] == ["ok"]
    (why,) = response.ignored
    assert why.startswith("'wide=1' ignored: Domain=co.uk is on the Public Suffix List")


def test_the_shipped_scenarios_set_no_domain_the_list_calls_public() -> None:
    """The simulations use the one-label rule (no list read in the models): that is only
    honest while their servers set no Domain the list would refuse."""
    domains = set()
    for name in HTTP_SCENARIOS:
        for step in build(name).steps:
            message = step.http.message if step.http is not None else None
            if message is not None:
                for header in message.headers_named("Set-Cookie"):
                    for attr in header.split(";")[1:]:
                        key, _, value = attr.strip().partition("=")
                        if key.lower() == "domain":
                            domains.add(value.lstrip(".").lower())
    assert domains  # the cookie-scope lesson sets one
    is_public = public_suffix_list().is_public
    assert not any(is_public(d) for d in domains), domains
